"""``casebook evidence verify``: re-hash stored evidence files against their recorded
SHA-256, log each check in the chain of custody, and exit 4 if any file is altered or
missing (for scheduled checks)."""

from __future__ import annotations

import click

from casebook.cli.audit import EXIT_FINDINGS
from casebook.cli.base import App, CommandError, cli, pass_app
from casebook.services import integrity
from casebook.storage import EvidenceStore


@cli.group()
def evidence() -> None:
    """Evidence files: integrity checks."""


@evidence.command("verify")
@click.option("--all", "every", is_flag=True, help="Check every evidence file.")
@click.option("--source", "source_id", type=int, default=None, help="Check one source's files.")
@click.option("--quiet", is_flag=True, help="Print only the files that fail and the summary.")
@pass_app
def verify(app: App, every: bool, source_id: int | None, quiet: bool) -> None:
    """Re-hash stored files and record a VERIFIED custody entry for each check.

    Exits 4 when any file is altered or missing (after recording every check)."""
    if every == (source_id is not None):
        raise CommandError("give either --all or --source ID", 2)
    store = EvidenceStore(app.settings.evidence_path)
    with app.system_context() as ctx:
        report = integrity.verify_files(ctx, store, source_id=source_id)
    for check in report.checks:
        if check.failed or not quiet:
            click.echo(check.describe())
    click.echo(report.summary())
    if report.failures:
        raise CommandError(
            f"{len(report.failures)} evidence file(s) failed verification", EXIT_FINDINGS
        )
