"""Fixtures for the migration tests: empty databases and a schema snapshot.

Each test that migrates gets its own empty database (a SQLite file, or a fresh PostgreSQL
database when CASEBOOK_TEST_DATABASE_URL names one); the append-only tests share one
database migrated to head.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from casebook import migrate
from casebook.db import make_engine
from tests.support.databases import fresh_database_url

Snapshot = dict[str, Any]


@pytest.fixture
def empty_engine(tmp_path: Any) -> Iterator[Engine]:
    """An engine on a new, empty database."""
    engine = make_engine(fresh_database_url("migrations", tmp_path))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def head_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An engine on a database migrated to head, shared by a module's tests."""
    url = fresh_database_url("migrations_head", tmp_path_factory.mktemp("migrations_head"))
    engine = make_engine(url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def _triggers(connection: sa.Connection) -> list[tuple[str, str]]:
    if connection.dialect.name == "sqlite":
        query = "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = (
            "SELECT t.tgname, c.relname FROM pg_trigger t"
            " JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
        )
    return sorted((str(name), str(table)) for name, table in connection.exec_driver_sql(query))


def _functions(connection: sa.Connection) -> list[str]:
    if connection.dialect.name == "sqlite":
        return []
    query = (
        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
        " WHERE n.nspname = current_schema()"
    )
    return sorted(str(name) for (name,) in connection.exec_driver_sql(query))


def schema_snapshot(engine: Engine) -> Snapshot:
    """Everything about the schema a migration could get wrong, as comparable data.

    Alembic's own version table is left out: it appears on the first upgrade and stays.
    """
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        dialect = connection.dialect
        tables: dict[str, Any] = {}
        for name in sorted(inspector.get_table_names()):
            if name == migrate.VERSION_TABLE:
                continue
            pk = inspector.get_pk_constraint(name)
            tables[name] = {
                "columns": [
                    (
                        column["name"],
                        column["type"].compile(dialect=dialect),
                        column["nullable"],
                        column.get("default"),
                    )
                    for column in inspector.get_columns(name)
                ],
                "primary_key": (pk.get("name"), tuple(pk["constrained_columns"])),
                "foreign_keys": sorted(
                    (
                        str(fk["name"]),
                        tuple(fk["constrained_columns"]),
                        fk["referred_table"],
                        tuple(fk["referred_columns"]),
                        tuple(sorted((fk.get("options") or {}).items())),
                    )
                    for fk in inspector.get_foreign_keys(name)
                ),
                "unique_constraints": sorted(
                    (str(uq["name"]), tuple(uq["column_names"]))
                    for uq in inspector.get_unique_constraints(name)
                ),
                "indexes": sorted(
                    (str(ix["name"]), tuple(map(str, ix["column_names"])), bool(ix["unique"]))
                    for ix in inspector.get_indexes(name)
                ),
                "check_constraints": sorted(
                    (str(ck["name"]), ck["sqltext"]) for ck in inspector.get_check_constraints(name)
                ),
            }
        return {
            "tables": tables,
            "triggers": _triggers(connection),
            "functions": _functions(connection),
        }


@pytest.fixture
def snapshot() -> Callable[[Engine], Snapshot]:
    return schema_snapshot
