"""Alembic environment for casebook.

Self-contained on purpose: nothing here or under ``versions/`` imports ``casebook``, so an
old migration keeps working whatever later happens to the application code. The
configuration is built in code by ``casebook.migrate.alembic_config()``; there is no
alembic.ini. What this module reads from it:

* ``config.attributes["connection"]``: a SQLAlchemy Connection to run on, usually already
  inside a transaction (``casebook.migrate`` opens it with ``engine.begin()`` on an engine
  from ``casebook.db.make_engine``, so SQLite has foreign keys on and SQLAlchemy owns
  BEGIN/COMMIT). The whole run is then one transaction, committed by the caller.
* otherwise the ``sqlalchemy.url`` main option, otherwise the environment variable
  ``CASEBOOK_DATABASE_URL``;
* ``config.attributes["target_metadata"]``: the models' MetaData, only needed by
  autogenerate and ``casebook.migrate.check()``.

Rules for revisions (architecture conventions 9 and 10):

* Never import ``casebook``; spell types out (``sa.String(length=32)`` for a vocabulary
  column, ``sa.DateTime()`` for a UTC timestamp). ``render_item`` below does that for
  autogenerate.
* Name every constraint and index explicitly with ``op.f("...")``, following the naming
  convention in ``casebook.db.NAMING_CONVENTION``; implement ``downgrade()``.
* Anything dialect-specific (triggers, functions) dispatches on
  ``op.get_bind().dialect.name`` and must exist for both "sqlite" and "postgresql".
* SQLite runs in batch mode (``render_as_batch``): ``op.batch_alter_table`` copies the
  table into a new one, drops the old one and renames the copy. Two things to know:

  - Triggers live on the table, so a batch rebuild of ``audit_event`` or
    ``custody_log_entry`` silently drops their append-only triggers. Recreate them in the
    same revision (the round-trip tests compare trigger names and will notice).
  - ``casebook.migrate`` runs with ``PRAGMA foreign_keys=ON``. Dropping a table that
    other rows still reference then fails (SQLite's implicit DELETE checks the foreign
    keys), and the pragma cannot be changed inside a transaction. A revision that
    rebuilds a referenced table (user_account, person, place, source, evidence_file,
    claim, proceeding, detention_episode, allegation, submission) on a populated database
    needs SQLite's documented procedure (https://www.sqlite.org/lang_altertable.html,
    "Making Other Kinds Of Table Schema Changes"): foreign_keys=OFF before the
    transaction begins, rebuild, ``PRAGMA foreign_key_check`` before committing, then
    foreign_keys=ON. That has to be added to ``casebook.migrate`` when the first such
    revision is written.
"""

from __future__ import annotations

import os
from typing import Any

import sqlalchemy as sa
from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator

URL_ENV = "CASEBOOK_DATABASE_URL"

config = context.config
target_metadata = config.attributes.get("target_metadata")


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool | None:
    """Render application column types as the plain SQLAlchemy type they store.

    casebook's own types (``VocabType``, a TypeDecorator over String(32), and
    ``UTCDateTime``, over DateTime) must never appear in a migration as an import of
    casebook code: the migration would break the day the class moves. Any other
    TypeDecorator defined outside SQLAlchemy is rendered the same way, as its impl.
    """
    if type_ != "type" or not isinstance(obj, TypeDecorator):
        return False
    if type(obj).__module__.startswith("sqlalchemy."):
        return False
    impl = obj.impl_instance
    if type(obj).__name__ == "VocabType":
        return f"sa.String(length={getattr(impl, 'length', None) or 32})"
    if type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime()"
    if type(impl).__module__.startswith("sqlalchemy.sql."):
        return f"sa.{impl!r}"
    return False


def _configure_options(dialect_name: str) -> dict[str, Any]:
    return {
        "target_metadata": target_metadata,
        "render_as_batch": dialect_name == "sqlite",
        "compare_type": True,
        "render_item": render_item,
    }


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get(URL_ENV)
    if not url:
        raise RuntimeError(
            "no database to migrate: pass a connection or sqlalchemy.url "
            f"(casebook.migrate.alembic_config) or set {URL_ENV}"
        )
    url = url.strip()
    # The same spellings casebook.config accepts, with the driver casebook ships with.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def run_migrations_offline() -> None:
    """Write the SQL to the output instead of running it (``alembic upgrade --sql``)."""
    url = _url()
    dialect_name = sa.engine.make_url(url).get_backend_name()
    context.configure(
        url=url,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **_configure_options(dialect_name),
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_on(connection: Connection) -> None:
    context.configure(connection=connection, **_configure_options(connection.dialect.name))
    # On a connection already in a transaction (the usual case) this joins it: the
    # caller commits. Otherwise Alembic opens and commits one itself.
    with context.begin_transaction():
        context.run_migrations()


def _sqlite_like_casebook(engine: sa.Engine) -> None:
    """Foreign keys on and SQLAlchemy-controlled transactions, as casebook.db does."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    engine = sa.create_engine(_url(), poolclass=sa.pool.NullPool)
    if engine.dialect.name == "sqlite":
        _sqlite_like_casebook(engine)
    try:
        with engine.begin() as conn:
            _run_on(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
