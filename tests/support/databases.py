"""Test databases: SQLite files by default, PostgreSQL when CASEBOOK_TEST_DATABASE_URL says so.

The suite runs twice in CI, once per database. Each purpose gets its own database (on
PostgreSQL a fresh ``<name>_<purpose>_<run>`` database), so migration tests can drop
everything without touching the database the service tests use, and two test runs on one
server (two developers, two terminals) never share or drop each other's databases. The
PostgreSQL databases a run created are dropped when it exits.
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from casebook.config import normalise_database_url

ENV = "CASEBOOK_TEST_DATABASE_URL"
# One suffix per test run (process), so concurrent runs cannot collide.
RUN = f"p{os.getpid()}"
_created: set[tuple[str, str]] = set()


def configured_url() -> str | None:
    raw = os.environ.get(ENV)
    return normalise_database_url(raw) if raw else None


def is_postgres() -> bool:
    url = configured_url()
    return url is not None and url.startswith("postgresql")


def _admin_conninfo(url: str) -> str:
    admin = make_url(url).set(drivername="postgresql", database="postgres")
    return admin.render_as_string(hide_password=False)


def fresh_database_url(purpose: str, tmp_dir: Path) -> str:
    """An empty database for ``purpose``; dropped and recreated if it exists."""
    url = configured_url()
    if url is None or url.startswith("sqlite"):
        path = tmp_dir / f"{purpose}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    parsed = make_url(url)
    name = f"{parsed.database or 'casebook_test'}_{purpose}_{RUN}"
    conninfo = _admin_conninfo(url)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    _created.add((conninfo, name))
    return parsed.set(database=name).render_as_string(hide_password=False)


@atexit.register
def _drop_created() -> None:
    for conninfo, name in sorted(_created):
        try:
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except psycopg.Error:  # the server went away: nothing left to tidy
            continue
