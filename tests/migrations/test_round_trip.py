"""Every migration round-trips (architecture convention 10), and head equals the models."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

import casebook.models  # noqa: F401  (registers every table)
from casebook import migrate
from casebook.db import Base

SnapshotFn = Callable[[Engine], dict[str, Any]]

APPEND_ONLY_TRIGGERS = {
    "sqlite": [
        ("audit_event_no_delete", "audit_event"),
        ("audit_event_no_update", "audit_event"),
        ("custody_log_entry_no_delete", "custody_log_entry"),
        ("custody_log_entry_no_update", "custody_log_entry"),
    ],
    "postgresql": [
        ("audit_event_append_only", "audit_event"),
        ("custody_log_entry_append_only", "custody_log_entry"),
    ],
}


def _parents(revision: str) -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(revision)
    assert script is not None
    down = script.down_revision
    if down is None:
        return []
    return [down] if isinstance(down, str) else list(down)


def _table_names(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(sa.inspect(connection).get_table_names())


def test_full_round_trip_leaves_the_same_schema(empty_engine: Engine, snapshot: SnapshotFn) -> None:
    migrate.upgrade(empty_engine)
    at_head = snapshot(empty_engine)
    assert set(at_head["tables"]) == set(Base.metadata.tables)
    assert at_head["triggers"] == APPEND_ONLY_TRIGGERS[empty_engine.dialect.name]

    migrate.downgrade(empty_engine, "base")
    assert _table_names(empty_engine) <= {migrate.VERSION_TABLE}
    assert snapshot(empty_engine) == {"tables": {}, "triggers": [], "functions": []}
    assert migrate.current(empty_engine) is None
    assert not migrate.is_initialised(empty_engine)

    migrate.upgrade(empty_engine)
    assert snapshot(empty_engine) == at_head
    assert migrate.current(empty_engine) == migrate.head()


@pytest.mark.parametrize("revision", migrate.revisions())
def test_each_revision_goes_up_down_and_up_again(
    empty_engine: Engine, snapshot: SnapshotFn, revision: str
) -> None:
    parents = _parents(revision)
    for parent in parents:
        migrate.upgrade(empty_engine, parent)
    before = snapshot(empty_engine)

    migrate.upgrade(empty_engine, revision)
    after = snapshot(empty_engine)
    assert migrate.current(empty_engine) == revision

    migrate.downgrade(empty_engine, parents[0] if len(parents) == 1 else f"{revision}-1")
    assert snapshot(empty_engine) == before
    with empty_engine.connect() as connection:
        found = set(MigrationContext.configure(connection).get_current_heads())
    assert found == set(parents)

    migrate.upgrade(empty_engine, revision)
    assert snapshot(empty_engine) == after


def test_history_is_linear_and_listed_oldest_first() -> None:
    revisions = migrate.revisions()
    assert revisions, "no migrations found"
    assert migrate.heads() == [migrate.head()]
    assert revisions[-1] == migrate.head()
    assert _parents(revisions[0]) == []
    for older, newer in itertools.pairwise(revisions):
        assert _parents(newer) == [older]


def test_head_schema_equals_the_models(head_engine: Engine) -> None:
    assert migrate.is_initialised(head_engine)
    assert migrate.current(head_engine) == migrate.head()
    assert migrate.check(head_engine) == []


def test_check_reports_an_empty_database(empty_engine: Engine) -> None:
    problems = migrate.check(empty_engine)
    assert problems[0] == (
        f"database at revision none (never migrated), code expects head {migrate.head()}"
    )
    assert {f"missing table {name}" for name in Base.metadata.tables} <= set(problems)
    assert "missing index ix_person_name_search_key on person_name (search_key)" in problems


def test_check_reports_schema_drift(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    with empty_engine.begin() as connection:
        connection.exec_driver_sql("DROP INDEX ix_person_name_search_key")
        connection.exec_driver_sql("ALTER TABLE place ADD COLUMN nickname VARCHAR(20)")
    expected = [
        "missing index ix_person_name_search_key on person_name (search_key)",
        "unexpected column place.nickname (not in the models)",
    ]
    if empty_engine.dialect.name == "postgresql":  # SQLite cannot drop a constraint
        with empty_engine.begin() as connection:
            connection.exec_driver_sql(
                "ALTER TABLE person DROP CONSTRAINT ck_person_nationality_iso"
            )
            connection.exec_driver_sql("ALTER TABLE place ADD CONSTRAINT ck_extra CHECK (id > 0)")
        expected += [
            "missing check constraint ck_person_nationality_iso on person",
            "unexpected check constraint ck_extra on place (not in the models)",
        ]
    assert sorted(migrate.check(empty_engine)) == sorted(expected)


def test_head_has_the_models_constraint_and_index_names(head_engine: Engine) -> None:
    """Autogenerate compares neither CHECKs nor most names; compare every name here."""
    with head_engine.connect() as connection:
        inspector = sa.inspect(connection)
        for table in Base.metadata.sorted_tables:
            constraints = table.constraints
            expected = {
                "pk": str(table.primary_key.name),
                "fk": sorted(
                    str(c.name) for c in constraints if isinstance(c, sa.ForeignKeyConstraint)
                ),
                "uq": sorted(
                    str(c.name) for c in constraints if isinstance(c, sa.UniqueConstraint)
                ),
                "ck": sorted(str(c.name) for c in constraints if isinstance(c, sa.CheckConstraint)),
                "ix": sorted(str(ix.name) for ix in table.indexes),
            }
            found = {
                "pk": str(inspector.get_pk_constraint(table.name)["name"]),
                "fk": sorted(str(c["name"]) for c in inspector.get_foreign_keys(table.name)),
                "uq": sorted(str(c["name"]) for c in inspector.get_unique_constraints(table.name)),
                "ck": sorted(str(c["name"]) for c in inspector.get_check_constraints(table.name)),
                "ix": sorted(
                    str(ix["name"])
                    for ix in inspector.get_indexes(table.name)
                    if "duplicates_constraint" not in ix
                ),
            }
            assert found == expected, table.name


def test_upgrade_and_downgrade_accept_a_url(empty_engine: Engine) -> None:
    url = empty_engine.url.render_as_string(hide_password=False)
    migrate.upgrade(url)
    assert migrate.current(url) == migrate.head()
    migrate.downgrade(url, "base")
    assert not migrate.is_initialised(url)
