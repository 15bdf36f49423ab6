"""The ``casebook`` command: the group from ``base`` and one module of commands per area.

Each module below registers its commands on ``cli`` when imported; ``main`` is the entry
point named in pyproject.toml.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click
from sqlalchemy.exc import DBAPIError, OperationalError

from casebook.cli import (  # noqa: F401  (register commands)
    accounts,
    audit,
    database,
    demo,
    dossiers,
    evidence,
    serving,
    worker,
)
from casebook.cli.base import EXIT_DATABASE, EXIT_ERROR, CommandError, cli
from casebook.errors import CasebookError, ValidationErrors

__all__ = ["cli", "main"]


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
