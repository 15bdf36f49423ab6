"""List and case-file pages run a fixed number of SQL statements, whatever they show."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from casebook.services import claims
from casebook.services.context import Context
from tests.factories import make_allegation, make_episode, make_person, make_source
from tests.web.conftest import Browser


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def statements_for(browser: Browser, engine: Engine, url: str) -> int:
    browser.get(url)  # warm up (login lookups, lazy imports)
    with counting(engine) as seen:
        assert browser.get(url).status_code == 200
    return len(seen)


def test_persons_list_does_not_grow_with_rows(
    as_viewer: Browser, ctx: Context, engine: Engine
) -> None:
    for _ in range(2):
        make_person(ctx)
    few = statements_for(as_viewer, engine, "/people/")
    for _ in range(8):
        make_person(ctx)
    many = statements_for(as_viewer, engine, "/people/")
    assert many == few
    assert 3 <= few <= 12


def test_case_file_does_not_grow_with_records(
    as_viewer: Browser, ctx: Context, engine: Engine
) -> None:
    person = make_person(ctx)
    make_episode(ctx, person)
    source = make_source(ctx)
    claims.cite(ctx, make_allegation(ctx, person), source, {})
    few = statements_for(as_viewer, engine, f"/people/{person.id}")
    for _ in range(5):
        allegation = make_allegation(ctx, person)
        claims.cite(ctx, allegation, make_source(ctx), {"credibility": 2})
        make_episode(ctx, person)
    many = statements_for(as_viewer, engine, f"/people/{person.id}")
    assert many == few
    assert 15 <= few <= 40
