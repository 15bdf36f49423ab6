"""What every ``casebook`` command shares: the command group, the App handle on settings
and the database, one-line errors, and reading passwords.

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

import click
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from casebook import __version__, migrate
from casebook.config import Settings
from casebook.db import make_engine, safe_url, unit_of_work, utcnow
from casebook.errors import CasebookError
from casebook.services import accounts
from casebook.services.context import Context

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
                actor_note=f"os-user:{os_user()}",
            )


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


pass_app = click.make_pass_decorator(App)


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def read_password(password_file: str | None, username: str, purpose: str) -> tuple[str, bool]:
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
    if interactive():
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
