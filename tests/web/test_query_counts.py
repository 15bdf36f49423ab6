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


def _fill(ctx: Context, rounds: int) -> None:
    """``rounds`` persons, each with a proceeding, an allegation, a source, a place and a
    submission."""
    from casebook.services import advocacy
    from tests.factories import make_place, make_proceeding

    for i in range(rounds):
        person = make_person(ctx)
        make_proceeding(ctx, person, case_number=f"1-{i}/2021")
        make_allegation(ctx, person)
        make_source(ctx, title=f"Invented report {i}")
        make_place(ctx, name=f"Invented prison {i}")
        advocacy.create_submission(
            ctx,
            {"recipient": "WGAD", "title": f"Invented submission {i}", "submitted_on": None},
            [person.id],
        )


LISTS = (
    "/people/",
    "/people/?q=Hovhannisyan",
    "/people/?q=Ованнисян&category=POW&sort=updated",
    "/people/?q=Hovanisyan",  # a misspelling: the widened search
    "/proceedings/",
    "/allegations/?act_type=TORTURE",
    "/sources/",
    "/submissions/",
    "/places/",
)


def test_every_list_runs_the_same_statements_for_few_or_many_rows(
    as_viewer: Browser, ctx: Context, engine: Engine
) -> None:
    _fill(ctx, 2)
    few = {url: statements_for(as_viewer, engine, url) for url in LISTS}
    _fill(ctx, 7)
    many = {url: statements_for(as_viewer, engine, url) for url in LISTS}
    assert many == few
    assert all(count <= 12 for count in few.values()), few


def test_a_page_past_the_end_shows_the_last_page(as_viewer: Browser, ctx: Context) -> None:
    _fill(ctx, 2)
    for url in ("/proceedings/", "/allegations/", "/sources/", "/submissions/", "/places/"):
        html = as_viewer.get(url, query_string={"page": "99"}).get_data(as_text=True)
        assert "Page 1 of 1" in html, url
    people = as_viewer.get("/people/", query_string={"page": "99"}).get_data(as_text=True)
    assert "There is no page 99: 2 in all" in people


def test_lists_sort_and_show_retracted_records_on_request(as_viewer: Browser, ctx: Context) -> None:
    from datetime import date

    from casebook.services import advocacy, records

    person = make_person(ctx)
    early = make_allegation(ctx, person, start_date=date(2020, 10, 1))
    late = make_allegation(ctx, person, start_date=date(2021, 3, 1))
    undated = make_allegation(ctx, person, start_date=None)
    by_date = as_viewer.get("/allegations/", query_string={"sort": "date"}).get_data(as_text=True)
    assert by_date.index(f"A-{late.id}<") < by_date.index(f"A-{early.id}<")
    assert by_date.index(f"A-{early.id}<") < by_date.index(f"A-{undated.id}<")  # undated last
    oldest = as_viewer.get("/allegations/", query_string={"sort": "oldest"}).get_data(as_text=True)
    assert oldest.index(f"A-{early.id}<") < oldest.index(f"A-{late.id}<")

    zebra = make_source(ctx, title="Zebra report")
    aardvark = make_source(ctx, title="Aardvark report")
    titles = as_viewer.get("/sources/", query_string={"sort": "title"}).get_data(as_text=True)
    assert titles.index("Aardvark report") < titles.index("Zebra report")
    newest = as_viewer.get("/sources/").get_data(as_text=True)
    assert newest.index(f'/sources/{aardvark.id}"') < newest.index(f'/sources/{zebra.id}"')

    sent = advocacy.create_submission(
        ctx, {"recipient": "WGAD", "title": "Sent one", "submitted_on": "2021-02-01"}, []
    )
    records.retract(ctx, sent, "sent to the wrong body")
    hidden = as_viewer.get("/submissions/").get_data(as_text=True)
    assert "Sent one" not in hidden
    shown = as_viewer.get("/submissions/", query_string={"show_retracted": "y", "sort": "sent"})
    assert "Sent one" in shown.get_data(as_text=True)
