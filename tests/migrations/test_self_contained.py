"""Migrations never import casebook (convention 9), and Alembic's rendering keeps it so."""

from __future__ import annotations

import ast
import io
import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from casebook import migrate
from casebook.db import Base
from casebook.resources import resource_dir

MIGRATIONS = resource_dir("migrations")
IMPORT_LINE = re.compile(r"^\s*(?:from|import)\s+casebook\b", re.MULTILINE)
DYNAMIC_IMPORT = re.compile(r"""(?:import_module|__import__)\(\s*["']casebook\b""")


def _imported_modules(source: str) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def _offenders(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".py", ".mako") or "__pycache__" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        modules = _imported_modules(text) if path.suffix == ".py" else set()
        if (
            any(m == "casebook" or m.startswith("casebook.") for m in modules)
            or IMPORT_LINE.search(text)
            or DYNAMIC_IMPORT.search(text)
        ):
            found.append(str(path.relative_to(folder)))
    return found


def test_the_checker_sees_an_import(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("def f():\n    from casebook.db import Base\n")
    (tmp_path / "good.py").write_text('"""Mentions casebook in prose only."""\n')
    (tmp_path / "script.py.mako").write_text("import casebook\n")
    (tmp_path / "README").write_text("from casebook.migrate import upgrade\n")
    assert _offenders(tmp_path) == ["bad.py", "script.py.mako"]


def test_no_migration_file_imports_casebook() -> None:
    files = {p.name for p in MIGRATIONS.rglob("*.py")}
    assert "env.py" in files
    assert len(files) >= 2, "no revision files found"
    assert _offenders(MIGRATIONS) == []


def test_revision_files_are_named_by_date() -> None:
    for path in (MIGRATIONS / "versions").glob("*.py"):
        assert re.fullmatch(r"\d{4}_\d{2}_\d{2}_\w+\.py", path.name), path.name


def test_autogenerate_renders_self_contained_code(empty_engine: Engine, tmp_path: Path) -> None:
    """Autogenerate everything into a scratch copy, check the code, and run it."""
    scratch = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scratch, ignore=shutil.ignore_patterns("__pycache__"))
    for old in (scratch / "versions").glob("*.py"):
        old.unlink()

    def config(connection: sa.Connection) -> Config:
        cfg = migrate.alembic_config(connection=connection)
        cfg.set_main_option("script_location", str(scratch))
        cfg.file_config.remove_section("post_write_hooks")
        return cfg

    with empty_engine.begin() as connection:
        command.revision(config(connection), message="everything", autogenerate=True)
    (generated,) = (scratch / "versions").glob("*.py")
    code = generated.read_text(encoding="utf-8")

    assert _offenders(scratch) == []
    assert "VocabType" not in code
    assert "UTCDateTime" not in code
    code = code.replace("'", '"')  # ruff format (a post-write hook) is off here
    assert 'sa.Column("role", sa.String(length=32), nullable=False)' in code
    assert 'sa.Column("created_at", sa.DateTime(), nullable=False)' in code
    # Every name is final (op.f), and no vocabulary CHECK is rendered twice.
    assert re.findall(r"\bname=(?!op\.f\()", code) == []
    checks = re.findall(r'name=op\.f\("(ck_[^"]+)"\)', code)
    assert len(checks) == len(set(checks))
    expected_checks = {
        str(c.name)
        for t in Base.metadata.tables.values()
        for c in t.constraints
        if isinstance(c, sa.CheckConstraint)
    }
    assert set(checks) == expected_checks

    with empty_engine.begin() as connection:
        command.upgrade(config(connection), "head")
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


@pytest.mark.parametrize("url", ["sqlite://", "postgresql+psycopg://offline@localhost/none"])
def test_offline_sql_covers_every_table_and_trigger(url: str) -> None:
    cfg = migrate.alembic_config(url=url)
    cfg.output_buffer = io.StringIO()
    command.upgrade(cfg, "head", sql=True)
    sql = cfg.output_buffer.getvalue()
    for name in Base.metadata.tables:
        assert f"CREATE TABLE {name} (" in sql
    assert sql.count("CREATE TRIGGER") == (4 if url.startswith("sqlite") else 2)
