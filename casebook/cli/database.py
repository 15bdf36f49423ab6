"""Setting up and migrating the database: ``casebook init`` and ``casebook db ...``."""

from __future__ import annotations

import click

from casebook import migrate
from casebook.cli.base import (
    App,
    CommandError,
    cli,
    interactive,
    os_user,
    pass_app,
    read_password,
)
from casebook.db import safe_url, unit_of_work, utcnow
from casebook.services import accounts


@cli.command()
@click.option("--admin-username", default=None, help="User name of the first administrator.")
@click.option(
    "--admin-password-file",
    default=None,
    help="Read the first administrator's password from this file ('-' for standard input).",
)
@click.option("--no-admin", is_flag=True, help="Do not create a first administrator.")
@pass_app
def init(
    app: App, admin_username: str | None, admin_password_file: str | None, no_admin: bool
) -> None:
    """Create or upgrade the database, the secret key and the first administrator."""
    settings = app.settings
    settings.ensure_instance()
    fresh_key = not settings.secret_key_path.exists()
    settings.secret_key()
    if fresh_key:
        click.echo(f"Generated a secret key in {settings.secret_key_path} (mode 0600).")
    engine = app.reachable_engine()
    before = migrate.current(engine)
    migrate.upgrade(engine)
    after = migrate.current(engine)
    if before == after:
        click.echo(f"Database {safe_url(settings.database_url)} is up to date ({after}).")
    else:
        click.echo(
            f"Database {safe_url(settings.database_url)} migrated from {before or 'empty'} "
            f"to {after}."
        )
    with unit_of_work(engine) as session:
        accounts.system_user(session, utcnow)
        if no_admin or not accounts.first_admin_needed(session):
            if not no_admin:
                click.echo("An administrator account already exists.")
            return
        username = admin_username or (
            click.prompt("First administrator's user name", default="admin")
            if interactive()
            else "admin"
        )
        password, generated = read_password(admin_password_file, username, "administrator")
        user = accounts.create_first_admin(
            session, utcnow, username, password, f"os-user:{os_user()}"
        )
    click.echo(f"Created administrator {user.username}.")
    if generated:
        click.echo(f"Its password, shown only this once: {password}")


@cli.group()
def db() -> None:
    """Database schema: upgrade, downgrade, current, check."""


@db.command("upgrade")
@click.argument("revision", default="head")
@pass_app
def db_upgrade(app: App, revision: str) -> None:
    """Upgrade the schema to REVISION (default: the newest)."""
    engine = app.reachable_engine()
    _known_revision(revision)
    migrate.upgrade(engine, revision)
    click.echo(f"Database at revision {migrate.current(engine)}.")


@db.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def db_downgrade(app: App, revision: str, yes: bool) -> None:
    """Downgrade the schema to REVISION ('base' removes every table: data is lost)."""
    engine = app.reachable_engine()
    _known_revision(revision)
    if revision == "base" and not yes:
        if not interactive():
            raise CommandError("downgrading to base drops every table; add --yes to confirm")
        click.confirm("This drops every table and all the data in them. Continue?", abort=True)
    migrate.downgrade(engine, revision)
    click.echo(f"Database at revision {migrate.current(engine) or 'base (empty)'}.")


def _known_revision(revision: str) -> None:
    if revision in ("head", "base") or revision in migrate.revisions():
        return
    if revision.startswith(("+", "-")) and revision[1:].isdigit():
        return
    raise CommandError(
        f"unknown revision {revision!r}; known: {', '.join(migrate.revisions())}, head, base"
    )


@db.command("current")
@pass_app
def db_current(app: App) -> None:
    """Show the schema revision of the database."""
    engine = app.reachable_engine()
    at, expected = migrate.current(engine), migrate.head()
    state = "up to date" if at == expected else f"code expects {expected}"
    click.echo(f"{at or 'base (empty)'} ({state})")


@db.command("check")
@pass_app
def db_check(app: App) -> None:
    """Check the schema is at the newest revision and matches the code exactly."""
    engine = app.reachable_engine()
    problems = migrate.check(engine)
    if problems:
        for problem in problems:
            click.echo(f"- {problem}", err=True)
        raise CommandError(f"the database schema has {len(problems)} problem(s)")
    click.echo(f"Database schema at {migrate.current(engine)} matches the code.")
