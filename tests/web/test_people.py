"""Persons through the web: list, search across scripts, create, edit, case file."""

from __future__ import annotations

import pytest

from casebook.models.people import Person
from casebook.services import search
from casebook.services.context import Context
from tests.factories import make_person
from tests.web.conftest import Browser

NEW_PERSON = {
    "category": "POW",
    "sex": "MALE",
    "current_status": "DETAINED",
    "confidentiality": "CONFIDENTIAL",
    "names-0-full_name": "Արամ Հովհաննիսյան",
    "names-0-script": "ARMN",
    "names-0-language": "HY",
    "names-0-kind": "PRIMARY",
    "names-1-full_name": "Арам Ованнисян",
    "names-1-script": "CYRL",
    "names-1-language": "RU",
    "names-1-kind": "VARIANT",
}


def test_editor_creates_a_person_and_finds_them_in_any_script(as_editor: Browser) -> None:
    response = as_editor.post("/people/new", NEW_PERSON)
    assert response.status_code == 302
    page = as_editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "Արամ Հովհաննիսյան" in page
    assert "Created" in page  # the history section
    for query in ("Hovhannisyan", "Ованнисян", "Հովհաննիսյան", "Hovanisyen"):
        listing = as_editor.get("/people/", query_string={"q": query}).get_data(as_text=True)
        assert "Арам Ованнисян" in listing, query


def test_errors_are_shown_next_to_the_field_and_input_kept(as_editor: Browser) -> None:
    bad = {**NEW_PERSON, "names-0-script": "LATN", "birth_date": "2031-01-01"}
    response = as_editor.post("/people/new", bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "is in the future" in html
    assert "Արամ Հովհաննիսյան" in html  # what was typed is still there


def test_stale_edit_shows_what_changed_and_keeps_typing(as_editor: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    url = f"/people/{person.id}/edit"
    form = {
        "category": "POW",
        "sex": "MALE",
        "current_status": "DETAINED",
        "confidentiality": "CONFIDENTIAL",
        "version": "1",
    }
    first = as_editor.post(url, {**form, "military_rank": "Sergeant"})
    assert first.status_code == 302
    second = as_editor.post(url, {**form, "military_rank": "Major"})
    html = second.get_data(as_text=True)
    assert "Someone else saved this record" in html
    assert "Sergeant" in html
    assert 'value="Major"' in html
    conflict = html[html.index("Someone else saved") : html.index("</table>")]
    assert "Military rank" in conflict  # the field's label, not its column name
    assert as_editor.user.display_name in conflict  # who saved meanwhile
    assert "please correct the fields" not in html  # nothing is wrong with the fields


def test_viewer_reads_but_cannot_write(as_viewer: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    assert as_viewer.get(f"/people/{person.id}").status_code == 200
    assert as_viewer.get("/people/new").status_code == 403
    assert as_viewer.client.post("/people/new", data=NEW_PERSON).status_code in (400, 403)


def test_hostile_names_render_escaped(as_editor: Browser, ctx: Context) -> None:
    hostile = "<script>alert(1)</script> & Sons"
    person = make_person(ctx, names=[{"full_name": hostile, "script": "LATN", "language": "EN"}])
    html = as_editor.get(f"/people/{person.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def _listed(browser: Browser, **query: str) -> str:
    response = browser.get("/people/", query_string=query)
    assert response.status_code == 200
    return str(response.get_data(as_text=True))


@pytest.fixture(
    params=["matches bound by id", "many matches", "page past the walk", "page not walked"]
)
def match_plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way a search reaches its matches, with the same pages, counts and filters.

    PostgreSQL binds a few thousand by id; more are counted and their page found by
    walking the persons in order, or joined when the walk falls short of the page or would
    be too long. SQLite joins them, unless a single word is in very many name forms: then
    it counts and walks too."""
    if request.param != "matches bound by id":
        monkeypatch.setattr(search, "PINNED_MATCHES", 0)
        monkeypatch.setattr(search, "PINNED_TOKENS", 0)
    if request.param == "page past the walk":  # the walk reads no more than one page
        monkeypatch.setattr(search, "WALK_MARGIN", 0)
    if request.param == "page not walked":
        monkeypatch.setattr(search, "MAX_WALK", 0)


@pytest.mark.usefixtures("match_plan")
def test_search_pages_count_and_filter_the_matches(as_viewer: Browser, ctx: Context) -> None:
    from casebook.services import records

    def named(full_name: str, **values: object) -> int:
        return make_person(
            ctx, names=[{"full_name": full_name, "script": "LATN", "language": "EN"}], **values
        ).id

    aram = [named(f"Aram Testyan {i:02d}") for i in range(53)]
    named("Aram Otheryan")
    judge = named("Karen Testyan", category="JUDGE")
    gone = named("Aram Testyan retracted")
    records.retract(ctx, records.get(ctx, Person, gone), "duplicate")

    both = _listed(as_viewer, q="aram testyan")
    assert "(53 in all)" in both  # every word must match; the retracted one is hidden
    assert "Aram Testyan 00" in both and "Aram Testyan 49" in both
    assert "Aram Testyan 50" not in both and "Karen Testyan" not in both
    last = _listed(as_viewer, q="aram testyan", page="2")
    assert "Page 2 of 2 (53 in all)" in last and "Aram Testyan 52" in last
    past = _listed(as_viewer, q="aram testyan", page="9")
    assert "There is no page 9: 53 in all" in past and "page=2" in past
    assert "(54 in all)" in _listed(as_viewer, q="testyan")
    assert "(55 in all)" in _listed(as_viewer, q="testyan", show_retracted="y")
    judges = _listed(as_viewer, q="testyan", category="JUDGE")
    assert "(1 in all)" in judges and f"P-{judge}<" in judges
    assert "(1 in all)" in _listed(as_viewer, q="ara Otharyan")  # a prefix and a misspelling
    newest = _listed(as_viewer, q="aram testyan", sort="updated")
    assert newest.index(f"P-{aram[-1]}<") < newest.index(f"P-{aram[-2]}<")
    by_category = _listed(as_viewer, q="testyan", sort="category")  # JUDGE before POW
    assert by_category.index(f"P-{judge}<") < by_category.index(f"P-{aram[0]}<")
    assert by_category.index(f"P-{aram[0]}<") < by_category.index(f"P-{aram[1]}<")
    assert "No person matches" in _listed(as_viewer, q="zzzzzz")


@pytest.mark.usefixtures("match_plan")
def test_place_of_detention_filter(as_viewer: Browser, ctx: Context) -> None:
    from casebook.services import detention, records
    from tests.factories import make_episode, make_place

    prison = make_place(ctx, name="Invented Prison A")
    elsewhere = make_place(ctx, name="Invented Prison B")

    def named(full_name: str) -> Person:
        names = [{"full_name": full_name, "script": "LATN", "language": "EN"}]
        return make_person(ctx, names=names)

    captured = named("Captured There")
    make_episode(ctx, captured, capture_place_id=prison.id)
    moved_in = named("Moved There")
    detention.add_event(
        ctx,
        make_episode(ctx, moved_in),
        {"event_type": "TRANSFER", "to_place_id": prison.id, "start_date": "2020-12-01"},
    )
    moved_out = named("Moved Away")
    detention.add_event(
        ctx,
        make_episode(ctx, moved_out, capture_place_id=elsewhere.id),
        {
            "event_type": "TRANSFER",
            "from_place_id": prison.id,
            "to_place_id": elsewhere.id,
            "start_date": "2020-12-01",
        },
    )
    withdrawn = named("Withdrawn There")
    records.retract(ctx, make_episode(ctx, withdrawn, capture_place_id=prison.id), "wrong person")
    make_episode(ctx, named("Held Elsewhere"), capture_place_id=elsewhere.id)

    held = _listed(as_viewer, place=str(prison.id))
    assert "(3 in all)" in held
    for name in ("Captured There", "Moved There", "Moved Away"):
        assert name in held
    assert "Withdrawn There" not in held and "Held Elsewhere" not in held
    both = _listed(as_viewer, place=str(prison.id), q="moved")
    assert "(2 in all)" in both and "Captured There" not in both
