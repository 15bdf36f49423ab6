"""Places through the web: list, create with names in three scripts, edit, add a name."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casebook.models import Place
from casebook.services.context import Context
from casebook.vocab import PlaceKind
from tests.factories import make_place
from tests.web.conftest import Browser

NEW_PLACE = {
    "kind": "SETTLEMENT",
    "name": "Shushi",
    "country": "az",
    "region": "Karabakh",
    "latitude": "39.76",
    "longitude": "46.75",
    "coordinate_precision": "SETTLEMENT",
    "confidentiality": "PUBLIC",
    "names-0-name": "Շուշի",
    "names-0-script": "ARMN",
    "names-0-language": "HY",
    "names-0-kind": "PRIMARY",
    "names-1-name": "Шуша",
    "names-1-script": "CYRL",
    "names-1-language": "RU",
    "names-1-kind": "VARIANT",
    "names-2-name": "Şuşa",
    "names-2-script": "LATN",
    "names-2-language": "AZ_LATN",
    "names-2-kind": "VARIANT",
}


def test_every_page_renders(as_viewer: Browser, as_editor: Browser, ctx: Context) -> None:
    place = make_place(ctx)
    for url in ("/places/", f"/places/{place.id}", "/places/?kind=PRISON&page=99"):
        assert as_viewer.get(url).status_code == 200, url
    for url in ("/places/new", f"/places/{place.id}/edit", f"/places/{place.id}/names/new"):
        assert as_viewer.get(url).status_code == 403, url
        assert as_editor.get(url).status_code == 200, url
    assert as_viewer.get("/places/999999").status_code == 404


def test_a_place_with_names_in_three_scripts(as_editor: Browser, session: Session) -> None:
    response = as_editor.post("/places/new", NEW_PLACE)
    assert response.status_code == 302, response.get_data(as_text=True)
    html = as_editor.get(response.headers["Location"]).get_data(as_text=True)
    for name, script in (("Շուշի", "Armenian"), ("Шуша", "Cyrillic"), ("Şuşa", "Latin")):
        assert name in html
        assert script in html
    assert "Azerbaijani (Latin)" in html
    place = session.scalars(select(Place).where(Place.name == "Shushi")).one()
    assert place.country == "AZ"
    assert len(place.names) == 3


def test_list_filters_by_kind(as_viewer: Browser, ctx: Context) -> None:
    make_place(ctx, name="Invented Court", kind=PlaceKind.COURT)
    make_place(ctx, name="Invented Prison")
    html = as_viewer.get("/places/", query_string={"kind": "COURT"}).get_data(as_text=True)
    assert "Invented Court" in html
    assert "Invented Prison" not in html


def test_bad_input_is_shown_next_to_the_field_and_kept(as_editor: Browser) -> None:
    bad = {**NEW_PLACE, "latitude": "95", "names-0-script": "LATN"}
    response = as_editor.post("/places/new", bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Number must be between -90" in html
    assert 'value="Шуша"' in html
    only_lat = {**NEW_PLACE, "longitude": "", "coordinate_precision": ""}
    html = as_editor.post("/places/new", only_lat).get_data(as_text=True)
    assert "give both coordinates or neither" in html


def test_edit_and_add_name(as_editor: Browser, ctx: Context, session: Session) -> None:
    place = make_place(ctx)
    form = {"kind": "PRISON", "name": "Renamed & <Prison>", "confidentiality": "CONFIDENTIAL"}
    response = as_editor.post(f"/places/{place.id}/edit", {**form, "version": "1"})
    assert response.status_code == 302
    stale = as_editor.post(f"/places/{place.id}/edit", {**form, "region": "X", "version": "1"})
    assert "Someone else saved this record" in stale.get_data(as_text=True)
    added = as_editor.post(
        f"/places/{place.id}/names/new",
        {
            "name": "Բանտ 🙂",
            "script": "ARMN",
            "language": "HY",
            "kind": "VARIANT",
            "confidentiality": "CONFIDENTIAL",
        },
    )
    assert added.status_code == 302
    html = as_editor.get(f"/places/{place.id}").get_data(as_text=True)
    assert "Renamed &amp; &lt;Prison&gt;" in html
    assert "Բանտ 🙂" in html


def test_hostile_text_never_produces_a_server_error(as_editor: Browser, ctx: Context) -> None:
    place = make_place(ctx)
    for text in ("<script>alert(1)</script>", "AT&T", "Ованнисян", "x" * 10_000, "nan"):
        values = {**NEW_PLACE, "name": text, "note": text, "region": text, "latitude": text}
        assert as_editor.post("/places/new", values).status_code < 500
        name = {"name": text, "script": "LATN", "language": "EN", "kind": "VARIANT"}
        assert as_editor.post(f"/places/{place.id}/names/new", name).status_code < 500
    html = as_editor.get("/places/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
