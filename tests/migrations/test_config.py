"""casebook.migrate's Alembic configuration, and env.py on its own."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from casebook import migrate
from casebook.db import Base
from casebook.resources import resource_dir


def test_config_is_built_in_code() -> None:
    config = migrate.alembic_config()
    assert config.config_file_name is None
    assert config.get_main_option("script_location") == str(resource_dir("migrations"))
    assert config.get_main_option("file_template") == (
        "%(year)d_%(month).2d_%(day).2d_%(rev)s_%(slug)s"
    )
    assert config.attributes["target_metadata"] is Base.metadata
    assert "connection" not in config.attributes


def test_url_percent_signs_survive() -> None:
    url = "postgresql+psycopg://user:p%40ss%25@db.example/casebook"
    assert migrate.alembic_config(url=url).get_main_option("sqlalchemy.url") == url


def test_env_runs_from_a_bare_config(empty_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """No connection, no metadata, no casebook: just the URL from the environment."""
    monkeypatch.setenv("CASEBOOK_DATABASE_URL", empty_engine.url.render_as_string(False))
    config = Config()
    config.set_main_option("script_location", str(resource_dir("migrations")))
    config.set_main_option("path_separator", "os")
    command.upgrade(config, "head")
    assert migrate.current(empty_engine) == migrate.head()
    assert migrate.check(empty_engine) == []


def test_env_without_a_database_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEBOOK_DATABASE_URL", raising=False)
    config = Config()
    config.set_main_option("script_location", str(resource_dir("migrations")))
    with pytest.raises(RuntimeError, match="CASEBOOK_DATABASE_URL"):
        command.upgrade(config, "head")
