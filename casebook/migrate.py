"""Schema migrations: the one place the application drives Alembic.

The migrations themselves live in ``migrations/`` (``casebook/_migrations`` in a wheel) and
never import casebook; this module builds their configuration in code (there is no
alembic.ini) and runs them on an engine from :func:`casebook.db.make_engine`, so SQLite
gets foreign keys and SQLAlchemy-controlled transactions. A whole upgrade or downgrade is
one transaction, on PostgreSQL and on SQLite alike: it applies completely or not at all.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, Engine, inspect
from sqlalchemy.engine import Connection

import casebook.models  # noqa: F401  (registers every table on Base.metadata)
from casebook.db import Base, make_engine
from casebook.resources import resource_dir

# Revision files are named by date: 2026_11_25_<rev>_<slug>.py. ("%%" is the escaped "%"
# of Alembic's ini-style configuration.)
FILE_TEMPLATE = "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s"
VERSION_TABLE = "alembic_version"


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """Alembic's configuration for casebook, built in code.

    Give ``connection`` to run on it (inside the caller's transaction), or ``url`` for
    commands that open their own (offline ``--sql`` output, say).
    """
    config = Config()
    config.set_main_option("script_location", str(resource_dir("migrations")))
    config.set_main_option("file_template", FILE_TEMPLATE)
    config.set_main_option("path_separator", "os")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if importlib.util.find_spec("ruff") is not None:
        # New revision files come out import-sorted and formatted like the rest (imports
        # are only sorted: an empty revision keeps its `op` and `sa` for the hand edits).
        config.set_section_option("post_write_hooks", "hooks", "ruff_imports, ruff_format")
        for name, options in (
            ("ruff_imports", "check --fix --select I --exit-zero --quiet REVISION_SCRIPT_FILENAME"),
            ("ruff_format", "format --quiet REVISION_SCRIPT_FILENAME"),
        ):
            config.set_section_option("post_write_hooks", f"{name}.type", "module")
            config.set_section_option("post_write_hooks", f"{name}.module", "ruff")
            config.set_section_option("post_write_hooks", f"{name}.options", options)
    config.attributes["target_metadata"] = Base.metadata
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def _engine(engine_or_url: Engine | str) -> Iterator[Engine]:
    """The engine given, or one made (and disposed of afterwards) for a URL."""
    if isinstance(engine_or_url, Engine):
        yield engine_or_url
        return
    engine = make_engine(engine_or_url)
    try:
        yield engine
    finally:
        engine.dispose()


def upgrade(engine_or_url: Engine | str, revision: str = "head") -> None:
    """Migrate the database up to ``revision``, in one transaction.

    Pass an engine made by :func:`casebook.db.make_engine` (or a URL).
    """
    with _engine(engine_or_url) as engine, engine.begin() as connection:
        command.upgrade(alembic_config(connection=connection), revision)


def downgrade(engine_or_url: Engine | str, revision: str) -> None:
    """Migrate the database down to ``revision`` ("base" empties it), in one transaction."""
    with _engine(engine_or_url) as engine, engine.begin() as connection:
        command.downgrade(alembic_config(connection=connection), revision)


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def _database_heads(connection: Connection) -> tuple[str, ...]:
    return tuple(MigrationContext.configure(connection).get_current_heads())


def current(engine_or_url: Engine | str) -> str | None:
    """The database's revision; None for a database never migrated."""
    with _engine(engine_or_url) as engine, engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head() -> str:
    """The revision the code expects (error if the history has several heads)."""
    revision = _script().get_current_head()
    if revision is None:
        raise RuntimeError("casebook's migrations folder holds no revisions")
    return revision


def heads() -> list[str]:
    """Every head of the revision history (one, unless two branches await a merge)."""
    return list(_script().get_heads())


def revisions() -> list[str]:
    """Every revision id, oldest first."""
    return [script.revision for script in reversed(list(_script().walk_revisions()))]


def is_initialised(engine_or_url: Engine | str) -> bool:
    """Whether the database has been migrated at all (the version table holds a row)."""
    with _engine(engine_or_url) as engine, engine.connect() as connection:
        return bool(_database_heads(connection))


def check(engine_or_url: Engine | str) -> list[str]:
    """What is wrong with the database's schema, in words; an empty list means nothing.

    Reports a database behind (or ahead of) the code, then every difference Alembic's
    autogenerate finds between the database and the models, then CHECK constraints
    missing or unexpected (by name; autogenerate leaves those out).
    """
    expected = sorted(heads())
    with _engine(engine_or_url) as engine, engine.connect() as connection:
        found = sorted(_database_heads(connection))
        problems: list[str] = []
        if found != expected:
            problems.append(
                f"database at revision {_revs(found) or 'none (never migrated)'}, "
                f"code expects head {_revs(expected)}"
            )
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "target_metadata": Base.metadata},
        )
        for diff in compare_metadata(context, Base.metadata):
            problems.extend(_describe(diff))
        problems.extend(_check_constraint_problems(connection))
    return problems


def _check_constraint_problems(connection: Connection) -> list[str]:
    """CHECK constraints by name: autogenerate does not compare them at all."""
    inspector = inspect(connection)
    existing = set(inspector.get_table_names())
    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        if table.name not in existing:
            continue
        expected = {str(c.name) for c in table.constraints if isinstance(c, CheckConstraint)}
        found = {str(c["name"]) for c in inspector.get_check_constraints(table.name)}
        problems.extend(
            f"missing check constraint {name} on {table.name}" for name in sorted(expected - found)
        )
        problems.extend(
            f"unexpected check constraint {name} on {table.name} (not in the models)"
            for name in sorted(found - expected)
        )
    return problems


def _revs(revisions: list[str]) -> str:
    return ", ".join(revisions)


def _columns(constraint: Any) -> str:
    return ", ".join(str(getattr(col, "name", col)) for col in constraint.columns)


def _describe(diff: Any) -> list[str]:
    """One line per autogenerate difference: "missing" = in the models, not the database."""
    if isinstance(diff, list):
        return [line for item in diff for line in _describe(item)]
    kind = diff[0]
    if kind in ("add_table", "remove_table"):
        table = diff[1]
        if kind == "add_table":
            return [f"missing table {table.name}"]
        return [f"unexpected table {table.name} (not in the models)"]
    if kind in ("add_column", "remove_column"):
        where = f"{diff[2]}.{diff[3].name}"
        if kind == "add_column":
            return [f"missing column {where}"]
        return [f"unexpected column {where} (not in the models)"]
    if kind in ("add_index", "remove_index", "add_constraint", "remove_constraint"):
        item = diff[1]
        what = "index" if kind.endswith("index") else "unique constraint"
        described = f"{what} {item.name} on {item.table.name} ({_columns(item)})"
        if kind.startswith("add"):
            return [f"missing {described}"]
        return [f"unexpected {described} (not in the models)"]
    if kind in ("add_fk", "remove_fk"):
        fk = diff[1]
        target = fk.elements[0].target_fullname.split(".")[0] if fk.elements else "?"
        described = f"foreign key {fk.name} on {fk.table.name} ({_columns(fk)}) -> {target}"
        if kind == "add_fk":
            return [f"missing {described}"]
        return [f"unexpected {described} (not in the models)"]
    if kind.startswith("modify_"):
        _kind, _schema, table, column, _existing, old, new = diff
        attribute = kind.removeprefix("modify_")
        return [
            f"column {table}.{column}: {attribute} is {old!r} in the database,"
            f" {new!r} in the models"
        ]
    return [f"schema difference: {diff!r}"]
