"""``casebook demo``: invented, clearly labelled demonstration data and demo accounts."""

from __future__ import annotations

import sys

import click

from casebook.cli.base import App, cli, os_user, pass_app
from casebook.db import unit_of_work, utcnow
from casebook.services import accounts
from casebook.vocab import Role


@cli.command()
@click.option("--persons", default=40, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--seed", default=1, show_default=True, type=int)
@pass_app
def demo(app: App, persons: int, seed: int) -> None:
    """Load invented, clearly labelled demonstration data (never real people)."""
    from casebook.demo import load_demo
    from casebook.storage import EvidenceStore

    engine = app.ready_engine()
    store = EvidenceStore(app.settings.evidence_path)
    with (
        click.progressbar(length=persons, label="Loading demo persons", file=sys.stderr) as bar,
        unit_of_work(engine) as session,
    ):
        done = 0

        def progress(count: int) -> None:
            nonlocal done
            bar.update(count - done)
            done = count

        summary = load_demo(
            session,
            store,
            persons=persons,
            seed=seed,
            clock=utcnow,
            actor_note=f"os-user:{os_user()}",
            progress=progress,
        )
    click.echo(f"Loaded DEMO DATA (invented people, seed {seed}):")
    for table, number in summary.counts.items():
        if number:
            click.echo(f"  {table:<24} {number:>9,}")
    if summary.problems:
        click.echo("Deliberate problems for the citation audit to find:")
        for problem in summary.problems:
            click.echo(f"  - {problem}")
    created = _demo_accounts(app)
    if created:
        click.echo("Demo accounts (passwords shown only this once):")
        for username, password, role in created:
            click.echo(f"  {username:<16} {password}   ({role.label})")


DEMO_ROLES = (Role.VIEWER, Role.EDITOR, Role.REVIEWER)


def _demo_accounts(app: App) -> list[tuple[str, str, Role]]:
    """One account per working role, with fresh random passwords (never hard-coded)."""
    created = []
    with app.system_context() as ctx:
        existing = {u.username for u in accounts.list_users(ctx.session)}
        for role in DEMO_ROLES:
            username = f"demo-{role.value.lower()}"
            if username in existing:
                continue
            password = accounts.generate_password()
            accounts.create_user(ctx, username, role, password, f"Demo {role.value.lower()}")
            created.append((username, password, role))
    return created
