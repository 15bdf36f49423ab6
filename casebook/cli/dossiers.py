"""Dossiers from the command line: ``casebook dossier person|thematic|verify|list|build``.

The CLI builds in-process (no worker needed), through the same register and job steps the
web uses: the entry is requested (QUEUED), built (snapshot, citation-audit gate, PDF) and
stored, and the PDF is written to ``-o FILE`` (the write is logged as an export).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from casebook.cli.base import App, CommandError, cli, os_user, pass_app
from casebook.db import session_factory, unit_of_work
from casebook.jobs import run_build
from casebook.models import Dossier
from casebook.services import dossiers
from casebook.services.snapshot import Profile
from casebook.services.snapshot_thematic import ThematicFilters
from casebook.vocab import (
    ActType,
    AllegationStatus,
    Audience,
    DossierKind,
    JobStatus,
    PersonCategory,
    PersonStatus,
    Recipient,
    Vocab,
)

# A failed build is explained in one line (``dossier N failed: ...``); its traceback goes to
# the log only when CASEBOOK_DEBUG=1 asks for it.
if os.environ.get("CASEBOOK_DEBUG") != "1":
    logging.getLogger("casebook.jobs").addHandler(logging.NullHandler())


def _choice(vocab: type[Vocab]) -> click.Choice[str]:
    return click.Choice([t.value for t in vocab], case_sensitive=False)


def profile_options(func: Any) -> Any:
    func = click.option(
        "--recipient",
        "recipient_name",
        default=None,
        help="The named recipient of a confidential dossier (e.g. 'UN WGAD secretariat').",
    )(func)
    func = click.option(
        "--recipient-kind",
        type=_choice(Recipient),
        default=None,
        help="The kind of recipient of a confidential dossier (decides which consent counts).",
    )(func)
    func = click.option(
        "--override-reason",
        default=None,
        help="Generate despite errors of the citation audit, for this reason (kept).",
    )(func)
    func = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        required=True,
        help="Where to write the PDF.",
    )(func)
    return click.option(
        "--profile",
        type=_choice(Audience),
        required=True,
        help="The audience: INTERNAL, CONFIDENTIAL, PARTNER or PUBLIC.",
    )(func)


@cli.group()
def dossier() -> None:
    """PDF dossiers and thematic reports: generate, verify, list."""


def _profile(profile: str, kind: str | None, name: str | None) -> Profile:
    return Profile(Audience.of(profile.upper()), Recipient.of(kind.upper()) if kind else None, name)


def _generate(app: App, order: dossiers.Order, override_reason: str | None, output: Path) -> None:
    parent = output.resolve().parent
    if not parent.is_dir():
        raise CommandError(f"cannot write {output}: the folder {parent} does not exist")
    with app.system_context() as ctx:
        entry = dossiers.request(ctx, order, override_reason=override_reason)
        dossier_id = entry.id
    note = f"os-user:{os_user()}"
    pdfs = dossiers.store(app.settings)
    sessions = session_factory(app.ready_engine())
    label = "Building the report" if order.kind is DossierKind.THEMATIC else "Building the dossier"
    with click.progressbar(length=100, label=label, file=sys.stderr) as bar:
        shown = 0

        def echo(done: int, total: int) -> None:
            nonlocal shown
            percent = min(100, 100 * done // max(total, 1))
            if percent > shown:
                bar.update(percent - shown)
                shown = percent

        status = run_build(sessions, dossier_id, pdfs, via="cli", actor_note=note, echo=echo)
    with app.system_context() as ctx:
        entry = dossiers.get_entry(ctx, dossier_id)
        if status is JobStatus.BLOCKED:
            for finding in (entry.gate or {}).get("findings", []):
                if finding.get("severity") == "error":
                    click.echo(f"  {finding['rule_id']}: {finding['message']}", err=True)
            raise CommandError(
                f"dossier {dossier_id} is blocked by the citation audit "
                f"({entry.error}); fix the findings above, or a reviewer may pass "
                "--override-reason"
            )
        if status is not JobStatus.DONE:
            raise CommandError(f"dossier {dossier_id} failed: {entry.error}")
        data, _name = dossiers.open_pdf(ctx, entry, pdfs)
        _write(output, data)
        click.echo(
            f"Wrote {output} ({entry.page_count} pages, {entry.pdf_size:,} bytes): "
            f"{entry.reference}, register entry {entry.id}, SHA-256 {entry.pdf_sha256}"
        )


def _write(output: Path, data: bytes) -> None:
    folder = output.resolve().parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".casebook-", suffix=".pdf")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(output)
    except OSError as exc:
        raise CommandError(f"cannot write {output}: {exc.strerror}") from exc


@dossier.command("person")
@click.argument("person_id", type=int)
@profile_options
@pass_app
def dossier_person(
    app: App,
    person_id: int,
    profile: str,
    output: Path,
    override_reason: str | None,
    recipient_kind: str | None,
    recipient_name: str | None,
) -> None:
    """Generate the dossier on person PERSON_ID for an audience and write it to FILE."""
    order = dossiers.Order(
        DossierKind.PERSON, _profile(profile, recipient_kind, recipient_name), person_id=person_id
    )
    _generate(app, order, override_reason, output)


DATE = click.DateTime(formats=["%Y-%m-%d"])


@dossier.command("thematic")
@click.option("--category", multiple=True, type=_choice(PersonCategory), help="Repeatable.")
@click.option(
    "--status", multiple=True, type=_choice(PersonStatus), help="Current status; repeatable."
)
@click.option("--place", type=int, default=None, help="Id of a place of detention.")
@click.option("--act-type", multiple=True, type=_choice(ActType), help="Repeatable.")
@click.option(
    "--allegation-status", multiple=True, type=_choice(AllegationStatus), help="Repeatable."
)
@click.option(
    "--from", "date_from", type=DATE, default=None, help="Captured on or after (YYYY-MM-DD)."
)
@click.option(
    "--to", "date_to", type=DATE, default=None, help="Captured on or before (YYYY-MM-DD)."
)
@click.option(
    "--person", "person_ids", multiple=True, type=int, help="Only these persons; repeatable."
)
@profile_options
@pass_app
def dossier_thematic(
    app: App,
    category: tuple[str, ...],
    status: tuple[str, ...],
    place: int | None,
    act_type: tuple[str, ...],
    allegation_status: tuple[str, ...],
    date_from: datetime | None,
    date_to: datetime | None,
    person_ids: tuple[int, ...],
    profile: str,
    output: Path,
    override_reason: str | None,
    recipient_kind: str | None,
    recipient_name: str | None,
) -> None:
    """Generate a thematic report on the persons matching the filters."""
    filters = ThematicFilters(
        categories=tuple(PersonCategory.of(v.upper()) for v in category),
        statuses=tuple(PersonStatus.of(v.upper()) for v in status),
        place_id=place,
        act_types=tuple(ActType.of(v.upper()) for v in act_type),
        allegation_statuses=tuple(AllegationStatus.of(v.upper()) for v in allegation_status),
        date_from=date_from.date() if date_from else None,
        date_to=date_to.date() if date_to else None,
        person_ids=person_ids,
    )
    order = dossiers.Order(
        DossierKind.THEMATIC, _profile(profile, recipient_kind, recipient_name), filters=filters
    )
    _generate(app, order, override_reason, output)


@dossier.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def dossier_verify(app: App, file: Path) -> None:
    """Say whether FILE is exactly a registered dossier, and which."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
    with unit_of_work(app.ready_engine()) as session:
        result = dossiers.verify(session, data)
        if not result.verified:
            raise CommandError(f"{result.message} (SHA-256 {result.sha256})")
        click.echo(result.message)
        click.echo(f"SHA-256 {result.sha256}")
        for entry in result.matches:
            click.echo("  " + _line(entry))


def _line(entry: Dossier) -> str:
    when = entry.finished_at or entry.requested_at
    recipient = f" for {entry.recipient_name}" if entry.recipient_name else ""
    return (
        f"#{entry.id:<5} {entry.reference or '-':<16} {entry.kind.value:<8} "
        f"{entry.audience.value:<12} {entry.status.value:<8} {when:%Y-%m-%d %H:%M} "
        f"{entry.page_count or 0:>5} pages{recipient}"
    )


@dossier.command("list")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@pass_app
def dossier_list(app: App, limit: int) -> None:
    """The register of generated documents, newest first."""
    with unit_of_work(app.ready_engine()) as session:
        page = dossiers.register(session, per_page=limit)
        if not page.entries:
            click.echo("No dossiers generated yet.")
        for entry in page.entries:
            user = page.users.get(entry.requested_by_id)
            who = user.username if user else "?"
            sha = (entry.pdf_sha256 or "")[:16]
            click.echo(f"{_line(entry)}  by {who}  {sha}")
        if page.total > len(page.entries):
            click.echo(f"({page.total - len(page.entries)} older entries not shown)")


@dossier.command("build")
@click.argument("dossier_id", type=int)
@click.option("--restart", is_flag=True, help="Also an entry a stopped worker left running.")
@pass_app
def dossier_build(app: App, dossier_id: int, restart: bool) -> None:
    """Build a queued (or failed) register entry now, in this process (when no worker runs)."""
    sessions = session_factory(app.ready_engine())
    status = run_build(
        sessions,
        dossier_id,
        dossiers.store(app.settings),
        via="cli",
        actor_note=f"os-user:{os_user()}",
        restart=restart,
    )
    with unit_of_work(app.ready_engine()) as session:
        entry = session.get(Dossier, dossier_id)
        assert entry is not None
        if status is not JobStatus.DONE:
            raise CommandError(f"dossier {dossier_id} is {status.value.lower()}: {entry.error}")
        click.echo(_line(entry))
