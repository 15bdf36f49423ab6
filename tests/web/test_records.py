"""Retracting, restoring and the history of any record, through the web."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casebook.models import Allegation, Person
from casebook.services import people, records
from casebook.services.context import Context
from casebook.vocab import AllegationStatus
from tests.factories import make_allegation, make_person, make_place
from tests.web.conftest import Browser


def test_retract_needs_a_reason_then_the_record_is_kept_as_retracted(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    url = f"/records/person/{person.id}/retract?next=/people/{person.id}"
    assert as_editor.get(url).status_code == 200
    missing = as_editor.post(url, {"reason": "", "version": "1"})
    assert missing.status_code == 200
    assert "This field is required" in missing.get_data(as_text=True)
    done = as_editor.post(url, {"reason": "Duplicate of P-1 & <b>", "version": "1"})
    assert done.status_code == 302
    assert done.headers["Location"] == f"/people/{person.id}"
    session.expire_all()
    kept = session.get(Person, person.id)
    assert kept is not None and kept.retracted_at is not None
    assert kept.retraction_reason == "Duplicate of P-1 & <b>"
    page = as_editor.get(f"/people/{person.id}?retracted=1").get_data(as_text=True)
    assert "Retracted" in page
    assert "Duplicate of P-1 &amp; &lt;b&gt;" in page


def test_a_stale_retraction_shows_the_conflict(as_editor: Browser, ctx: Context) -> None:
    place = make_place(ctx)
    records.update(ctx, place, 1, {"region": "Somewhere"})
    url = f"/records/place/{place.id}/retract"
    response = as_editor.post(url, {"reason": "wrong", "version": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else saved this record" in html
    assert "Somewhere" in html


def test_editor_cannot_restore_but_a_reviewer_can(
    as_editor: Browser, as_reviewer: Browser, ctx: Context, session: Session
) -> None:
    place = make_place(ctx)
    records.retract(ctx, place, "mistake")
    url = f"/records/place/{place.id}/restore"
    assert as_editor.get(url).status_code == 403
    assert as_editor.client.post(url, data={"reason": "x"}).status_code in (400, 403)
    assert as_reviewer.get(url).status_code == 200
    assert as_reviewer.post(url, {"reason": ""}).status_code == 200
    done = as_reviewer.post(url, {"reason": "It was right after all"})
    assert done.status_code == 302
    session.expire_all()
    assert place.retracted_at is None


def test_viewer_cannot_retract(as_viewer: Browser, ctx: Context) -> None:
    place = make_place(ctx)
    assert as_viewer.get(f"/records/place/{place.id}/retract").status_code == 403
    assert as_viewer.get(f"/records/place/{place.id}/history").status_code == 200


def test_allegations_are_retracted_with_their_status(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    url = f"/records/allegation/{allegation.id}/retract"
    assert as_editor.post(url, {"reason": "Source withdrew it"}).status_code == 302
    session.expire_all()
    stored = session.get(Allegation, allegation.id)
    assert stored is not None and stored.status is AllegationStatus.RETRACTED


def test_a_stale_allegation_retraction_is_refused_and_shows_the_change(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    url = f"/records/allegation/{allegation.id}/retract"
    page = as_editor.get(url).get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in page
    records.update(ctx, allegation, 1, {"methods": "Beaten with a rubber truncheon"})
    response = as_editor.post(url, {"reason": "Source withdrew it", "version": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else saved this record" in html
    assert "Beaten with a rubber truncheon" in html
    assert "Source withdrew it" in html  # what they typed is kept
    session.expire_all()
    stored = session.get(Allegation, allegation.id)
    assert stored is not None and stored.retracted_at is None
    assert stored.status is AllegationStatus.ALLEGED
    again = as_editor.post(url, {"reason": "Source withdrew it", "version": "2"})
    assert again.status_code == 302
    session.expire_all()
    stored = session.get(Allegation, allegation.id)
    assert stored is not None and stored.status is AllegationStatus.RETRACTED


def test_unknown_tables_and_records_are_404(as_editor: Browser, ctx: Context) -> None:
    assert as_editor.get("/records/user_account/1/history").status_code == 404
    assert as_editor.get("/records/audit_event/1/retract").status_code == 404
    assert as_editor.get("/records/nonsense/1/history").status_code == 404
    assert as_editor.get("/records/person/999999/history").status_code == 404


def test_open_redirects_are_refused(as_editor: Browser, ctx: Context) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"):
        place = make_place(ctx, name=f"Place for {target}")
        url = f"/records/place/{place.id}/retract"
        response = as_editor.post(url, {"reason": "test"}, query_string={"next": target})
        assert response.status_code == 302
        assert response.headers["Location"] in ("/", "/dashboard"), target


def test_history_lists_field_level_changes_newest_first(as_viewer: Browser, ctx: Context) -> None:
    person = make_person(ctx, military_rank="Private")
    records.update(ctx, person, 1, {"military_rank": "Sergeant <b>&"})
    html = as_viewer.get(f"/records/person/{person.id}/history").get_data(as_text=True)
    assert "military_rank" in html
    assert "<del>Private</del>" in html
    assert "<ins>Sergeant &lt;b&gt;&amp;</ins>" in html
    assert html.index("Changed") < html.index("Created")
    assert "Edith" in html  # who


def test_informant_history_needs_a_reviewer(
    as_editor: Browser, as_reviewer: Browser, ctx: Context
) -> None:
    from casebook.services import sources
    from tests.factories import make_source

    source = make_source(ctx)
    informant = sources.set_informant(ctx, source, {"name": "Falcon"})
    url = f"/records/informant/{informant.id}/history"
    assert as_editor.get(url).status_code == 403
    assert as_reviewer.get(url).status_code == 200


def test_hostile_reasons_never_produce_a_server_error(as_editor: Browser, ctx: Context) -> None:
    for reason in ("<script>alert(1)</script>", "Հայերեն & Русский 🙂", "x" * 10_000):
        name = people.add_name(
            ctx, make_person(ctx), {"full_name": "Test", "script": "LATN", "language": "EN"}
        )
        response = as_editor.post(f"/records/person_name/{name.id}/retract", {"reason": reason})
        assert response.status_code == 302
        history = as_editor.get(f"/records/person_name/{name.id}/history")
        assert "<script>alert(1)</script>" not in history.get_data(as_text=True)
