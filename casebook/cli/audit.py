"""``casebook audit``: the citation audit for scheduled checks, and its PDF report.

    casebook audit [--person ID ...] [--profile P] [--recipient-kind K]
                   [--format text|json|csv|pdf] [--fail-on error|warning|note] [-o FILE]
    casebook audit report -o FILE.pdf [--person ID ...] [--profile P] [--recipient-kind K]

Exit status 4 when any finding reaches the ``--fail-on`` severity (default: error), after
the findings have been printed or written; 1, 2 and 3 as for every command.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import cast

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from casebook.cli.base import App, CommandError, cli, pass_app
from casebook.db import utcnow
from casebook.models.people import Person
from casebook.services import findings
from casebook.services.dto import AuditReport
from casebook.services.findings import Severity, export
from casebook.vocab import Audience, Recipient

EXIT_FINDINGS = 4
# Rows per rule and per person in the PDF report (the counts are complete).
REPORT_LIMIT = 200
FORMATS = ("text", "json", "csv", "pdf")
_PERSON = re.compile(r"^(?:P-?)?(\d{1,12})$", re.IGNORECASE)


def _vocab(kind: type[Audience] | type[Recipient], raw: str | None, option: str) -> object:
    if raw is None:
        return None
    try:
        return kind.parse(raw)
    except ValueError as exc:
        raise CommandError(f"{option}: {exc}", 2) from None


def _person_ids(session: Session, raw: Sequence[str]) -> list[int] | None:
    if not raw:
        return None
    ids = []
    for item in raw:
        match = _PERSON.match(item.strip())
        if match is None:
            raise CommandError(f"--person: {item!r} is not a person id (12 or P-12)", 2)
        ids.append(int(match.group(1)))
    known = set(session.scalars(select(Person.id).where(Person.id.in_(ids))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise CommandError(f"--person: no person with id {', '.join(map(str, missing))}")
    return ids


def _write(output: Path | None, lines: Iterable[str], newline: str = "\n") -> None:
    if output is None:
        for line in lines:
            sys.stdout.write(line + newline if newline else line)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as handle:
            for line in lines:
                handle.write(line + newline if newline else line)
    except OSError as exc:
        raise CommandError(f"cannot write {output}: {exc.strerror}") from None


def _pdf(
    app: App,
    session: Session,
    found: list[findings.Finding],
    output: Path | None,
    person_ids: list[int] | None,
    audience: Audience | None,
    recipient: Recipient | None,
) -> None:
    if output is None:
        raise CommandError("a PDF report needs -o FILE.pdf", 2)
    build = pdf_builder()
    report = findings.report(
        session,
        found,
        today=utcnow().date(),
        person_ids=person_ids,
        audience=audience,
        recipient=recipient,
        limit=REPORT_LIMIT,
    )
    data = build(report)
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"cannot write {output}: {exc.strerror}") from None
    with app.system_context() as ctx:  # the report names persons: its export is logged
        export.record_export(ctx, "pdf", {"reference": report.meta.reference, "file": str(output)})
    click.echo(f"Wrote the audit report {report.meta.reference} ({len(data):,} bytes) to {output}.")


def pdf_builder() -> Callable[[AuditReport], bytes]:
    """``reports.audit.build``, imported only when a PDF is asked for (ReportLab stays out
    of every other command)."""
    from reports.audit import build

    return build


def _run(
    app: App,
    persons: Sequence[str],
    profile: str | None,
    recipient_kind: str | None,
    fmt: str,
    fail_on: str,
    output: Path | None,
) -> None:
    audience = cast(Audience | None, _vocab(Audience, profile, "--profile"))
    recipient = cast(Recipient | None, _vocab(Recipient, recipient_kind, "--recipient-kind"))
    if recipient is not None and audience is None:
        raise CommandError("--recipient-kind needs --profile (the output it is for)", 2)
    threshold = Severity.parse(fail_on)
    today = utcnow().date()
    with Session(app.ready_engine()) as session:
        person_ids = _person_ids(session, persons)
        found = findings.run(
            session,
            person_ids=person_ids,
            audience=audience,
            recipient=recipient,
            today=today,
        )
        scope = export.describe_scope(person_ids, audience, recipient, today)
        if fmt == "pdf":
            _pdf(app, session, found, output, person_ids, audience, recipient)
        elif fmt == "json":
            text = json.dumps(export.as_json(found, today=today, scope=scope), indent=2)
            _write(output, [text])
        elif fmt == "csv":
            _write(output, export.csv_lines(found), newline="")
        else:
            _write(output, export.text_lines(found, scope=scope))
    reached = [f for f in found if f.severity >= threshold]
    if reached:
        raise CommandError(
            f"{len(reached)} finding(s) at or above {threshold.value}", EXIT_FINDINGS
        )


_person_option = click.option(
    "--person", "persons", multiple=True, metavar="ID", help="Audit this person's records "
    "only (repeat for several); default: everything."
)  # fmt: skip
_profile_option = click.option(
    "--profile",
    default=None,
    metavar="P",
    help="Audit what an output for this audience would include (INTERNAL, CONFIDENTIAL, "
    "PARTNER, PUBLIC), with the output rules.",
)
_recipient_option = click.option(
    "--recipient-kind",
    default=None,
    metavar="K",
    help="The kind of recipient of a CONFIDENTIAL output (WGAD, ICRC, ECTHR_RULE39...).",
)


@cli.group(invoke_without_command=True)
@_person_option
@_profile_option
@_recipient_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default="error",
    show_default=True,
    help="Exit 4 when a finding is at least this severe.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.pass_context
def audit(
    ctx: click.Context,
    persons: tuple[str, ...],
    profile: str | None,
    recipient_kind: str | None,
    fmt: str,
    fail_on: str,
    output: Path | None,
) -> None:
    """The citation audit: every rule, over everything or some persons' records.

    Exits 4 when a finding reaches --fail-on (after printing or writing the findings)."""
    if ctx.invoked_subcommand is not None:
        return
    _run(ctx.ensure_object(App), persons, profile, recipient_kind, fmt, fail_on, output)


@audit.command("report")
@_person_option
@_profile_option
@_recipient_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@pass_app
def audit_report(
    app: App,
    persons: tuple[str, ...],
    profile: str | None,
    recipient_kind: str | None,
    output: Path,
) -> None:
    """Write the audit report PDF (findings by rule and by person, for internal review).

    Exits 4 when the audit found errors (the report is written all the same)."""
    _run(app, persons, profile, recipient_kind, "pdf", "error", output)
