"""Submissions and consents through the web."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casebook.models.advocacy import Consent, Submission
from casebook.services import advocacy
from casebook.services.context import Context
from casebook.vocab import ConsentGiver, ConsentMethod, ConsentScope, Recipient, SubmissionStatus
from tests.factories import ARMENIAN, make_person
from tests.web.conftest import Browser

HOSTILE = "<script>alert(1)</script> & Sons Արամ Арам 🙂"

NEW = {
    "recipient": "WGAD",
    "title": "Urgent appeal for an invented detainee",
    "status": "SUBMITTED",
    "submitted_on": "2026-10-01",
    "confidentiality": "CONFIDENTIAL",
}

CONSENT = {
    "given_by": "SELF",
    "scope": "CONFIDENTIAL_UN",
    "method": "WRITTEN",
    "given_on": "2026-09-01",
    "confidentiality": "CONFIDENTIAL",
}


def _submission(ctx: Context, **values: object) -> Submission:
    fields = {"recipient": Recipient.WGAD, "title": "Invented communication", **values}
    return advocacy.create_submission(ctx, fields)


def _consent(ctx: Context, person_id: int) -> Consent:
    return advocacy.record_consent(
        ctx,
        {
            "person_id": person_id,
            "given_by": ConsentGiver.SELF,
            "scope": ConsentScope.CONFIDENTIAL_UN,
            "method": ConsentMethod.WRITTEN,
            "given_on": date(2026, 9, 1),
        },
    )


def test_every_page_renders_for_an_editor(as_editor: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    sub = _submission(ctx)
    consent = _consent(ctx, person.id)
    for url in (
        "/submissions/",
        "/submissions/new",
        f"/submissions/new?person_id={person.id}",
        f"/submissions/{sub.id}",
        f"/submissions/{sub.id}/edit",
        f"/submissions/consents/new?person_id={person.id}",
        f"/submissions/consents/{consent.id}/edit",
    ):
        assert as_editor.get(url).status_code == 200, url
    assert as_editor.get("/submissions/999999").status_code == 404
    assert as_editor.get("/submissions/consents/new").status_code == 404


def test_viewer_reads_but_cannot_write(as_viewer: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    sub = _submission(ctx)
    consent = _consent(ctx, person.id)
    assert as_viewer.get("/submissions/").status_code == 200
    assert as_viewer.get(f"/submissions/{sub.id}").status_code == 200
    for url in (
        "/submissions/new",
        f"/submissions/{sub.id}/edit",
        f"/submissions/consents/new?person_id={person.id}",
        f"/submissions/consents/{consent.id}/edit",
    ):
        assert as_viewer.get(url).status_code == 403, url
    assert as_viewer.client.post("/submissions/new", data=NEW).status_code in (400, 403)


def test_new_submission_preselects_the_person(as_editor: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    html = as_editor.get(f"/submissions/new?person_id={person.id}").get_data(as_text=True)
    assert f'name="person_ids" type="text" value="{person.id}"' in html


def test_editor_creates_a_submission_for_persons(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    first, second = make_person(ctx), make_person(ctx)
    data = {**NEW, "person_ids": f"{first.id}, P-{second.id}", "notes": HOSTILE}
    response = as_editor.post("/submissions/new", data)
    assert response.status_code == 302
    sub = session.scalars(select(Submission).where(Submission.title == NEW["title"])).one()
    assert response.headers["Location"].endswith(f"/submissions/{sub.id}")
    assert sorted(p.id for p in sub.persons) == sorted([first.id, second.id])
    html = as_editor.get(f"/submissions/{sub.id}").get_data(as_text=True)
    assert ARMENIAN in html
    assert f"/people/{first.id}" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    case_file = as_editor.get(f"/people/{first.id}").get_data(as_text=True)
    assert NEW["title"] in case_file


def test_unknown_person_id_is_shown_on_the_field_and_nothing_saved(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    before = session.scalar(select(func.count()).select_from(Submission))
    for typed, message in (
        (f"{person.id}, 999999", "no person with id 999999"),
        (f"{person.id}, Aram", "“Aram” is not a person id"),
    ):
        response = as_editor.post("/submissions/new", {**NEW, "person_ids": typed})
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        error = html[html.index('id="person_ids-error"') :][:200]
        assert message in error
        assert NEW["title"] in html  # what was typed is kept
    assert session.scalar(select(func.count()).select_from(Submission)) == before


def test_service_rules_are_shown_next_to_their_fields(as_editor: Browser) -> None:
    data = {**NEW, "submitted_on": "", "recipient": "OTHER", "pdf_sha256": "XYZ"}
    html = as_editor.post("/submissions/new", data).get_data(as_text=True)
    assert "a sent submission needs the date it was sent" in html
    assert "name the recipient" in html
    assert "must be 64 lower-case hexadecimal characters" in html


def test_edit_updates_fields_and_persons_together(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    first, second = make_person(ctx), make_person(ctx)
    sub = advocacy.create_submission(
        ctx, {"recipient": Recipient.WGAD, "title": "Invented communication"}, [first.id]
    )
    url = f"/submissions/{sub.id}/edit"
    assert f'value="{first.id}"' in as_editor.get(url).get_data(as_text=True)
    form = {**NEW, "title": "Invented communication", "version": "1"}
    failed = as_editor.post(url, {**form, "outcome": "Opinion adopted", "person_ids": "999999"})
    assert failed.status_code == 200
    session.refresh(sub)
    assert sub.outcome is None  # the update was not kept without the persons
    assert sub.version == 1
    ok = as_editor.post(url, {**form, "outcome": "Opinion adopted", "person_ids": str(second.id)})
    assert ok.status_code == 302
    session.refresh(sub)
    assert sub.outcome == "Opinion adopted"
    assert [p.id for p in sub.persons] == [second.id]


def test_follow_up_due_filter(as_viewer: Browser, ctx: Context) -> None:
    _submission(
        ctx,
        title="Due one",
        status=SubmissionStatus.SUBMITTED,
        submitted_on=date(2020, 1, 1),
        follow_up_on=date(2020, 2, 1),
    )
    _submission(
        ctx,
        title="Closed one",
        status=SubmissionStatus.CLOSED,
        submitted_on=date(2020, 1, 1),
        follow_up_on=date(2020, 2, 1),
    )
    _submission(ctx, title="Later one", follow_up_on=date(2099, 1, 1))
    _submission(ctx, title="Undated one")
    everything = as_viewer.get("/submissions/").get_data(as_text=True)
    for title in ("Due one", "Closed one", "Later one", "Undated one"):
        assert title in everything
    due = as_viewer.get("/submissions/", query_string={"follow_up_due": "y"})
    html = due.get_data(as_text=True)
    assert "Due one" in html
    for title in ("Closed one", "Later one", "Undated one"):
        assert title not in html
    closed = as_viewer.get("/submissions/", query_string={"status": "CLOSED"})
    assert "Closed one" in closed.get_data(as_text=True)
    assert "Due one" not in closed.get_data(as_text=True)


def test_consent_recorded_with_recipients(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    data = {**CONSENT, "recipients_allowed": ["WGAD", "SR_TORTURE"], "notes": HOSTILE}
    response = as_editor.post(f"/submissions/consents/new?person_id={person.id}", data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/people/{person.id}#advocacy")
    consent = session.scalars(select(Consent).where(Consent.person_id == person.id)).one()
    assert consent.recipients_allowed == ["WGAD", "SR_TORTURE"]
    html = as_editor.get(f"/submissions/consents/{consent.id}/edit").get_data(as_text=True)
    assert 'value="WGAD" selected' in html or 'selected value="WGAD"' in html


def test_proxy_consent_needs_the_proxys_name(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    data = {**CONSENT, "given_by": "PROXY", "proxy_relationship": "Mother Արամ"}
    response = as_editor.post(f"/submissions/consents/new?person_id={person.id}", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    error = html[html.index('id="proxy_name-error"') :][:200]
    assert "name who consented on the person&#39;s behalf" in error
    assert "Mother Արամ" in html
    assert session.scalars(select(Consent).where(Consent.person_id == person.id)).all() == []


def test_withdrawal_is_an_edit(as_editor: Browser, ctx: Context, session: Session) -> None:
    person = make_person(ctx)
    consent = _consent(ctx, person.id)
    url = f"/submissions/consents/{consent.id}/edit"
    early = as_editor.post(url, {**CONSENT, "withdrawn_on": "2026-08-01", "version": "1"})
    assert "is before the consent was given" in early.get_data(as_text=True)
    ok = as_editor.post(url, {**CONSENT, "withdrawn_on": "2026-10-15", "version": "1"})
    assert ok.status_code == 302
    session.refresh(consent)
    assert consent.withdrawn_on == date(2026, 10, 15)
    assert "withdrawn 2026-10-15" in as_editor.get(f"/people/{person.id}").get_data(as_text=True)


def test_ten_thousand_characters_never_a_500(as_editor: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    data = {**NEW, "title": "x" * 10_000, "notes": HOSTILE * 300, "person_ids": "1," * 5000}
    response = as_editor.post("/submissions/new", data)
    assert response.status_code == 200
    consent = {**CONSENT, "proxy_name": "Ա" * 10_000, "notes": "🙂" * 10_000}
    reply = as_editor.post(f"/submissions/consents/new?person_id={person.id}", consent)
    assert reply.status_code == 200
