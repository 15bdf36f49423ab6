"""Allegations through the web: list, create with a perpetrator, edit, status (reviewers),
perpetrators, medical evaluations and the death record."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from casebook.models import Allegation
from casebook.models.allegations import DeathRecord, Involvement, MedicalEvaluation
from casebook.services import allegations
from casebook.services.context import Context
from casebook.vocab import ActType, AllegationStatus
from tests.factories import (
    ARMENIAN,
    make_allegation,
    make_episode,
    make_person,
    make_proceeding,
)
from tests.web.conftest import Browser
from tests.web.test_query_counts import statements_for

HOSTILE = "<script>alert(1)</script> & Sons Արամ Арам 🙂"

NEW = {
    "act_type": "TORTURE",
    "start_date": "2020-11-12",
    "state_response": "NONE",
    "confidentiality": "CONFIDENTIAL",
    "description": "Beaten during interrogation",
}


def test_every_page_renders_for_an_editor(as_editor: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    allegation = make_allegation(ctx, person)
    evaluation = allegations.add_medical_evaluation(
        ctx, {"person_id": person.id, "allegation_id": allegation.id}
    )
    for url in (
        "/allegations/",
        f"/allegations/new?person_id={person.id}",
        f"/allegations/{allegation.id}/edit",
        f"/allegations/{allegation.id}/perpetrators/new",
        f"/allegations/evaluations/new?person_id={person.id}",
        f"/allegations/evaluations/{evaluation.id}/edit",
        f"/allegations/death?person_id={person.id}",
    ):
        assert as_editor.get(url).status_code == 200, url
    assert as_editor.get("/allegations/new?person_id=999999").status_code == 404
    assert as_editor.get("/allegations/new?person_id=abc").status_code == 404


def test_viewer_reads_but_cannot_write(as_viewer: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    allegation = make_allegation(ctx, person)
    assert as_viewer.get("/allegations/").status_code == 200
    for url in (
        f"/allegations/new?person_id={person.id}",
        f"/allegations/{allegation.id}/edit",
        f"/allegations/{allegation.id}/status",
        f"/allegations/{allegation.id}/perpetrators/new",
        f"/allegations/evaluations/new?person_id={person.id}",
        f"/allegations/death?person_id={person.id}",
    ):
        assert as_viewer.get(url).status_code == 403, url
    assert as_viewer.client.post(f"/allegations/new?person_id={person.id}").status_code in (
        400,
        403,
    )


def test_editor_creates_an_allegation_with_its_first_perpetrator(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    episode = make_episode(ctx, person)
    data = {
        **NEW,
        "episode_id": str(episode.id),
        "perpetrator_unit": "Invented Battalion 7",
        "degree": "CARRIED_OUT",
    }
    response = as_editor.post(f"/allegations/new?person_id={person.id}", data)
    assert response.status_code == 302
    allegation = session.scalars(select(Allegation).where(Allegation.victim_id == person.id)).one()
    assert response.headers["Location"].endswith(f"/people/{person.id}#allegation-{allegation.id}")
    assert allegation.status is AllegationStatus.ALLEGED
    assert allegation.episode_id == episode.id
    (inv,) = session.scalars(select(Involvement).where(Involvement.allegation_id == allegation.id))
    assert inv.perpetrator_unit == "Invented Battalion 7"
    page = as_editor.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Invented Battalion 7" in page


def test_status_is_not_on_the_new_form(as_editor: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    html = as_editor.get(f"/allegations/new?person_id={person.id}").get_data(as_text=True)
    assert 'name="status"' not in html
    assert 'name="perpetrator_unit"' in html


def test_forced_confession_needs_its_proceeding(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    data = {**NEW, "act_type": "FORCED_CONFESSION", "description": "Filmed «confession» Արամ"}
    response = as_editor.post(f"/allegations/new?person_id={person.id}", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="proceeding_id-error"' in html
    error = html[html.index('id="proceeding_id-error"') :][:200]
    assert "a forced confession belongs to the trial that used it" in error
    assert "Filmed «confession» Արամ" in html  # what was typed is kept
    assert session.scalars(select(Allegation).where(Allegation.victim_id == person.id)).all() == []
    proceeding = make_proceeding(ctx, person)
    ok = as_editor.post(
        f"/allegations/new?person_id={person.id}", {**data, "proceeding_id": str(proceeding.id)}
    )
    assert ok.status_code == 302


def test_another_persons_proceeding_is_not_offered(as_editor: Browser, ctx: Context) -> None:
    person, other = make_person(ctx), make_person(ctx)
    theirs = make_proceeding(ctx, other, case_number="OTHER-1")
    html = as_editor.get(f"/allegations/new?person_id={person.id}").get_data(as_text=True)
    assert "OTHER-1" not in html
    data = {**NEW, "proceeding_id": str(theirs.id)}
    response = as_editor.post(f"/allegations/new?person_id={person.id}", data)
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_editor_edits_and_stale_edit_keeps_typing(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    allegation = make_allegation(ctx, person)
    url = f"/allegations/{allegation.id}/edit"
    form = {**NEW, "version": "1"}
    assert as_editor.post(url, {**form, "methods": "Electric shocks"}).status_code == 302
    session.refresh(allegation)
    assert allegation.methods == "Electric shocks"
    second = as_editor.post(url, {**form, "methods": "Beatings"})
    html = second.get_data(as_text=True)
    assert "Someone else saved this record" in html
    assert "Beatings" in html


def test_editor_cannot_change_the_status_a_reviewer_can(
    as_editor: Browser, as_reviewer: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    allegation = make_allegation(ctx, person)
    url = f"/allegations/{allegation.id}/status"
    assert as_editor.get(url).status_code == 403
    assert as_editor.client.post(url, data={"status": "VERIFIED"}).status_code in (400, 403)
    page = as_reviewer.get(url).get_data(as_text=True)
    assert 'value="RETRACTED"' not in page
    response = as_reviewer.post(url, {"status": "CORROBORATED", "version": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#allegation-{allegation.id}")
    session.refresh(allegation)
    assert allegation.status is AllegationStatus.CORROBORATED
    refused = as_reviewer.post(url, {"status": "RETRACTED", "version": "2"})
    assert refused.status_code == 200
    assert "Not a valid choice" in refused.get_data(as_text=True)


def test_perpetrator_by_person_or_unit(as_editor: Browser, ctx: Context, session: Session) -> None:
    person, guard = make_person(ctx), make_person(ctx)
    allegation = make_allegation(ctx, person)
    url = f"/allegations/{allegation.id}/perpetrators/new"
    base = {"degree": "ORDERED", "confidentiality": "CONFIDENTIAL"}
    empty = as_editor.post(url, base)
    assert empty.status_code == 200
    assert "name a person or a unit" in empty.get_data(as_text=True)
    self_harm = as_editor.post(url, {**base, "perpetrator_id": str(person.id)})
    assert "the victim cannot be the perpetrator" in self_harm.get_data(as_text=True)
    ok = as_editor.post(url, {**base, "perpetrator_id": str(guard.id), "note": HOSTILE})
    assert ok.status_code == 302
    inv = session.scalars(select(Involvement).where(Involvement.allegation_id == allegation.id))
    assert [i.perpetrator_id for i in inv] == [guard.id]


def test_medical_evaluation_created_and_edited(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    allegation = make_allegation(ctx, person)
    data = {
        "allegation_id": str(allegation.id),
        "examined_on": "2021-03-01",
        "examiner": "Dr. Invented",
        "istanbul_grade": "HIGHLY_CONSISTENT",
        "physical_findings": HOSTILE,
        "confidentiality": "CONFIDENTIAL",
    }
    response = as_editor.post(f"/allegations/evaluations/new?person_id={person.id}", data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#allegation-{allegation.id}")
    ev = session.scalars(select(MedicalEvaluation).where(MedicalEvaluation.person_id == person.id))
    evaluation = ev.one()
    assert evaluation.physical_findings == HOSTILE
    html = as_editor.get(f"/people/{person.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    edit = f"/allegations/evaluations/{evaluation.id}/edit"
    ungraded = {**data, "istanbul_grade": "", "version": "1"}
    assert as_editor.post(edit, ungraded).status_code == 302
    session.refresh(evaluation)
    assert evaluation.istanbul_grade is None
    future = as_editor.post(edit, {**data, "examined_on": "2031-01-01", "version": "2"})
    assert future.status_code == 200
    assert "is in the future" in future.get_data(as_text=True)


def test_death_record_created_then_edited(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    url = f"/allegations/death?person_id={person.id}"
    data = {
        "death_date": "2021-02-01",
        "death_precision": "MONTH",
        "in_custody": "YES",
        "manner": "UNDETERMINED",
        "autopsy": "NO",
        "remains_returned": "YES",
        "remains_returned_date": "2021-01-01",
        "confidentiality": "CONFIDENTIAL",
    }
    bad = as_editor.post(url, data)
    assert bad.status_code == 200
    assert "is before the death" in bad.get_data(as_text=True)
    data["remains_returned_date"] = "2021-03-05"
    created = as_editor.post(url, data)
    assert created.status_code == 302
    assert created.headers["Location"].endswith(f"/people/{person.id}#death")
    record = session.scalars(select(DeathRecord).where(DeathRecord.person_id == person.id)).one()
    assert as_editor.get(url).get_data(as_text=True).count('value="2021-03-05"') == 1
    edited = as_editor.post(url, {**data, "cause": "Blunt trauma", "version": "1"})
    assert edited.status_code == 302
    session.refresh(record)
    assert record.cause == "Blunt trauma"
    assert record.death_date == date(2021, 2, 1)


def test_list_filters_and_shows_the_victims_name(as_viewer: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    make_allegation(ctx, person, act_type=ActType.THREATS)
    make_allegation(ctx, make_person(ctx), act_type=ActType.TORTURE, state_response="DENIED")
    page = as_viewer.get("/allegations/", query_string={"act_type": "THREATS"})
    html = page.get_data(as_text=True)
    assert ARMENIAN in html  # the primary name
    assert "Threats / psychological ill-treatment" in html
    assert "badge-ALLEGED" in html
    assert "<td>Torture</td>" not in html
    denied = as_viewer.get("/allegations/", query_string={"state_response": "DENIED"})
    assert "<td>Torture</td>" in denied.get_data(as_text=True)
    junk = as_viewer.get("/allegations/", query_string={"status": "<x>", "page": "-3"})
    assert junk.status_code == 200


def test_list_does_not_grow_with_rows(as_viewer: Browser, ctx: Context, engine: Engine) -> None:
    make_allegation(ctx, make_person(ctx))
    few = statements_for(as_viewer, engine, "/allegations/")
    for _ in range(6):
        make_allegation(ctx, make_person(ctx))
    assert statements_for(as_viewer, engine, "/allegations/") == few


def test_hostile_long_text_is_kept_or_refused_never_a_500(as_editor: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    data = {**NEW, "description": HOSTILE * 200, "start_as_reported": "x" * 10_000}
    response = as_editor.post(f"/allegations/new?person_id={person.id}", data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Field cannot be longer than 255 characters" in html
    assert "<script>alert(1)</script>" not in html
