"""Shared fixtures: one migrated test database per run, a savepoint per test.

SQLite by default; PostgreSQL when CASEBOOK_TEST_DATABASE_URL is set (CI runs both).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import casebook.services  # noqa: F401  (registers the rules)
from casebook import migrate
from casebook.db import make_engine
from casebook.models.accounts import User
from casebook.services.accounts import create_user, system_user
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import Role
from tests.support.databases import fresh_database_url


class FakeClock:
    """A clock the test controls: fixed until advanced."""

    def __init__(self, start: datetime) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **kwargs: float) -> datetime:
        self.value += timedelta(**kwargs)
        return self.value


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fresh_database_url("services", tmp_path_factory.mktemp("db"))


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test (services' savepoints nest inside)."""
    connection = engine.connect()
    outer = connection.begin()
    sess = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield sess
    finally:
        sess.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
def system_ctx(session: Session, clock: FakeClock) -> Context:
    return Context(session, system_user(session, clock), clock, via="cli", actor_note="pytest")


def _user(system_ctx: Context, name: str, role: Role) -> User:
    return create_user(system_ctx, name, role, "correct horse battery staple", name.title())


@pytest.fixture
def editor(system_ctx: Context) -> User:
    return _user(system_ctx, "edith", Role.EDITOR)


@pytest.fixture
def reviewer(system_ctx: Context) -> User:
    return _user(system_ctx, "rene", Role.REVIEWER)


@pytest.fixture
def viewer(system_ctx: Context) -> User:
    return _user(system_ctx, "vera", Role.VIEWER)


@pytest.fixture
def admin(system_ctx: Context) -> User:
    return _user(system_ctx, "ada", Role.ADMIN)


@pytest.fixture
def ctx(session: Session, editor: User, clock: FakeClock) -> Context:
    """An editor's context: what most tests act as."""
    return Context(session, editor, clock, via="test")


@pytest.fixture
def reviewer_ctx(session: Session, reviewer: User, clock: FakeClock) -> Context:
    return Context(session, reviewer, clock, via="test")


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore(tmp_path / "evidence")
