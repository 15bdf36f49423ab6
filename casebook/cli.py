"""The ``casebook`` command.

Every command prints one clear line and exits non-zero on failure; tracebacks appear only
with CASEBOOK_DEBUG=1. Writes go through the services inside one unit of work, acting as
the system account with the operating-system user recorded in the audit log.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from casebook import __version__, migrate
from casebook.config import Settings
from casebook.db import make_engine, safe_url, unit_of_work, utcnow
from casebook.errors import CasebookError, ValidationErrors
from casebook.services import accounts
from casebook.services.context import Context
from casebook.vocab import Role

EXIT_ERROR = 1
EXIT_DATABASE = 3


class CommandError(CasebookError):
    """A failure the CLI explains in one line."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class App:
    settings: Settings
    _engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
        return self._engine

    def reachable_engine(self) -> Engine:
        """The engine, after checking the database answers."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except (OperationalError, DBAPIError) as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise CommandError(
                f"cannot reach the database at {safe_url(self.settings.database_url)}: {reason}",
                EXIT_DATABASE,
            ) from exc
        return self.engine

    def ready_engine(self) -> Engine:
        """The engine of an initialised database whose schema is current."""
        engine = self.reachable_engine()
        if not migrate.is_initialised(engine):
            raise CommandError(
                f"the database at {safe_url(self.settings.database_url)} is not initialised; "
                "run `casebook init`"
            )
        at, expected = migrate.current(engine), migrate.head()
        if at != expected:
            raise CommandError(
                f"the database schema is at revision {at}, this casebook needs {expected}; "
                "run `casebook db upgrade`"
            )
        return engine

    @contextmanager
    def system_context(self) -> Iterator[Context]:
        """One transaction acting as the system account, attributed to the OS user."""
        with unit_of_work(self.ready_engine()) as session:
            yield Context(
                session,
                accounts.system_user(session, utcnow),
                utcnow,
                via="cli",
                actor_note=f"os-user:{_os_user()}",
            )


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


pass_app = click.make_pass_decorator(App)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _read_password(password_file: str | None, username: str, purpose: str) -> tuple[str, bool]:
    """The password from a file (or - for stdin), a prompt, or generated (no terminal).

    Returns the password and whether it was generated (and so must be shown once).
    """
    if password_file is not None:
        if password_file == "-":  # noqa: S105 (stdin marker)
            raw = sys.stdin.readline()
        else:
            try:
                raw = Path(password_file).read_text(encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot read the password file: {exc.strerror}") from exc
        password = raw.rstrip("\r\n")
        accounts.check_password_rules(password, username)
        return password, False
    if _interactive():
        while True:
            password = click.prompt(
                f"Password for {purpose} {username}", hide_input=True, confirmation_prompt=True
            )
            try:
                accounts.check_password_rules(password, username)
            except CasebookError as exc:
                click.echo(f"That password {exc.message}; try again.", err=True)
                continue
            return password, False
    return accounts.generate_password(), True


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casebook")
@click.option(
    "--database-url",
    envvar="CASEBOOK_DATABASE_URL",
    help="SQLAlchemy URL (default: a SQLite file in the instance folder).",
)
@click.option(
    "--instance-path",
    envvar="CASEBOOK_INSTANCE_PATH",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the database, secret key and evidence (default: ./instance).",
)
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, instance_path: Path | None) -> None:
    """casebook: a case database for documenting detainees, trials, abuses and sources."""
    env = dict(os.environ)
    if instance_path is not None:
        env["CASEBOOK_INSTANCE_PATH"] = str(instance_path)
    if database_url:
        env["CASEBOOK_DATABASE_URL"] = database_url
    ctx.obj = App(Settings.from_env(env))
    ctx.call_on_close(lambda: ctx.obj._engine.dispose() if ctx.obj._engine else None)


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
            if _interactive()
            else "admin"
        )
        password, generated = _read_password(admin_password_file, username, "administrator")
        user = accounts.create_first_admin(
            session, utcnow, username, password, f"os-user:{_os_user()}"
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
        if not _interactive():
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


@cli.group()
def users() -> None:
    """User accounts: create, list, disable, enable."""


@users.command("create")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([r.value.lower() for r in Role], case_sensitive=False),
    required=True,
)
@click.option("--display-name", default=None)
@click.option(
    "--password-file", default=None, help="Read the password from this file ('-': stdin)."
)
@pass_app
def users_create(
    app: App, username: str, role: str, display_name: str | None, password_file: str | None
) -> None:
    """Create a user with ROLE (viewer, editor, reviewer, admin)."""
    password, generated = _read_password(password_file, username, "user")
    with app.system_context() as ctx:
        user = accounts.create_user(ctx, username, role, password, display_name)
    click.echo(f"Created {user.role.value.lower()} {user.username}.")
    if generated:
        click.echo(f"Password, shown only this once: {password}")


@users.command("list")
@pass_app
def users_list(app: App) -> None:
    """List user accounts."""
    with unit_of_work(app.ready_engine()) as session:
        rows = accounts.list_users(session)
        if not rows:
            click.echo("No user accounts yet; run `casebook init`.")
        for user in rows:
            last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "never"
            state = "active" if user.active else "disabled"
            click.echo(
                f"{user.username:<24} {user.role.value.lower():<9} {state:<9} last login {last}"
            )


@users.command("disable")
@click.argument("username")
@click.option("--reason", default=None, help="Why the account is disabled (kept in the audit log).")
@pass_app
def users_disable(app: App, username: str, reason: str | None) -> None:
    """Disable an account (accounts are never deleted)."""
    with app.system_context() as ctx:
        user = accounts.find_user(ctx.session, username)
        accounts.set_active(ctx, user, False, reason)
    click.echo(f"Disabled {user.username}.")


@users.command("enable")
@click.argument("username")
@pass_app
def users_enable(app: App, username: str) -> None:
    """Re-enable a disabled account."""
    with app.system_context() as ctx:
        user = accounts.find_user(ctx.session, username)
        accounts.set_active(ctx, user, True)
    click.echo(f"Enabled {user.username}.")


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
            actor_note=f"os-user:{_os_user()}",
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


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@pass_app
def serve(app: App, host: str, port: int, threads: int) -> None:
    """Run the web interface under the waitress WSGI server."""
    import waitress

    from casebook import create_app

    app.ready_engine()
    web = create_app(app.settings)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104
    click.echo(f"casebook is at http://{shown}:{port}/login (Ctrl-C to stop)")
    waitress.serve(web, host=host, port=port, threads=threads, ident="casebook")


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"casebook: error: {message}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning every failure into one line and an exit code."""
    debug = os.environ.get("CASEBOOK_DEBUG") == "1"
    try:
        cli.main(args=argv, prog_name="casebook", standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted", EXIT_ERROR)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CommandError as exc:
        _fail(exc.message, exc.code)
    except ValidationErrors as exc:
        _fail("; ".join(str(e) for e in exc.errors), EXIT_ERROR)
    except CasebookError as exc:
        _fail(str(exc), EXIT_ERROR)
    except (OperationalError, DBAPIError) as exc:
        if debug:
            raise
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        _fail(f"database error: {reason}", EXIT_DATABASE)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as exc:
        if debug:
            raise
        _fail(
            f"unexpected {type(exc).__name__}: {exc} (set CASEBOOK_DEBUG=1 for details)",
            EXIT_ERROR,
        )
