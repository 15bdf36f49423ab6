"""Two staff members save the same record from the same version: only one wins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from casebook import migrate
from casebook.db import make_engine
from casebook.errors import Conflict
from casebook.models import AuditEvent, Person, User
from casebook.services import records
from casebook.services.accounts import create_user, system_user
from casebook.services.context import Context
from casebook.vocab import Role
from tests.factories import make_person
from tests.support.databases import fresh_database_url

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def committed_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(fresh_database_url("concurrency", tmp_path))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def test_two_writers_with_the_same_version_cannot_both_win(committed_engine: Engine) -> None:
    clock = lambda: NOW  # noqa: E731
    with Session(committed_engine) as setup, setup.begin():
        system = Context(setup, system_user(setup, clock), clock, via="cli")
        for name in ("anna", "boris"):
            create_user(system, name, Role.EDITOR, "correct horse battery staple")
        person_id = make_person(Context(setup, system.user, clock)).id

    first, second = Session(committed_engine), Session(committed_engine)
    try:
        users = {
            s: s.scalar(select(User).where(User.username == n))
            for s, n in ((first, "anna"), (second, "boris"))
        }
        a = first.get(Person, person_id)
        b = second.get(Person, person_id)
        assert a is not None and b is not None and a.version == b.version == 1
        records.update(Context(first, users[first], clock), a, 1, {"military_rank": "Private"})
        first.commit()
        with pytest.raises(Conflict):
            records.update(Context(second, users[second], clock), b, 1, {"military_rank": "Major"})
        second.rollback()
    finally:
        first.close()
        second.close()

    with Session(committed_engine) as check:
        stored = check.get(Person, person_id)
        assert stored is not None
        assert stored.military_rank == "Private" and stored.version == 2
        updates = check.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.entity == "person", AuditEvent.action == "UPDATE")
        )
        assert updates == 1
