"""Web fixtures: the app on the test database, one client per role, a savepoint per test.

The app's request sessions are bound to the test's connection, so everything a request
commits is rolled back after the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from casebook import create_app
from casebook.config import Settings
from casebook.models.accounts import User
from casebook.services import advocacy, allegations, claims, detention, people, places, trials
from casebook.services.context import Context
from tests.factories import (
    make_allegation,
    make_episode,
    make_hearing,
    make_person,
    make_place,
    make_proceeding,
    make_source,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def app(engine: Engine, session: Session, tmp_path: Path, database_url: str) -> Flask:
    settings = Settings(
        instance_path=tmp_path / "instance",
        database_url=database_url,
        evidence_path=tmp_path / "evidence",
        max_upload_bytes=1024 * 1024,
    )
    application = create_app(settings)
    application.config.update(TESTING=True, CASEBOOK_LOGIN_DELAY=False)
    # Requests share the test's connection (inside its outer transaction): their commits
    # become savepoint releases, rolled back with the test.
    connection = session.connection()
    application.extensions["casebook.sessions"] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    return application


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    token = csrf_from(page.get_data(as_text=True))
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def csrf_from(html: str) -> str:
    marker = 'name="csrf_token" type="hidden" value="'
    start = html.find(marker)
    if start < 0:
        marker = 'name="csrf_token" value="'
        start = html.find(marker)
    assert start >= 0, "no CSRF token on the page"
    start += len(marker)
    return html[start : html.index('"', start)]


class Browser:
    """A logged-in client that fills the CSRF token in like a browser would."""

    def __init__(self, client: FlaskClient, user: User) -> None:
        self.client = client
        self.user = user
        response = login(client, user.username)
        assert response.status_code == 302, response.get_data(as_text=True)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """POST ``data`` with the CSRF token of the page at ``url`` (or of ``form_url``)."""
        page = self.client.get(kwargs.pop("form_url", url))
        payload = {"csrf_token": csrf_from(page.get_data(as_text=True)), **(data or {})}
        return self.client.post(url, data=payload, **kwargs)


@pytest.fixture
def as_editor(app: Flask, editor: User) -> Browser:
    return Browser(app.test_client(), editor)


@pytest.fixture
def as_viewer(app: Flask, viewer: User) -> Browser:
    return Browser(app.test_client(), viewer)


@pytest.fixture
def as_reviewer(app: Flask, reviewer: User) -> Browser:
    return Browser(app.test_client(), reviewer)


@pytest.fixture
def as_admin(app: Flask, admin: User) -> Browser:
    return Browser(app.test_client(), admin)


@pytest.fixture
def anonymous(app: Flask) -> FlaskClient:
    return app.test_client()


FORM_ENDPOINTS = (
    "auth.password",
    "people.new",
    "people.edit",
    "people.add_name",
    "people.edit_name",
    "people.add_identifier",
    "people.edit_identifier",
    "people.add_relative",
    "people.edit_relative",
    "places.new",
    "places.edit",
    "places.add_name",
    "places.edit_name",
    "detention.new",
    "detention.edit",
    "detention.add_event",
    "detention.edit_event",
    "trials.new",
    "trials.edit",
    "trials.add_charge",
    "trials.edit_charge",
    "trials.add_hearing",
    "trials.edit_hearing",
    "trials.add_sentence",
    "trials.edit_sentence",
    "trials.matrix",
    "allegations.new",
    "allegations.edit",
    "allegations.status",
    "allegations.add_involvement",
    "allegations.edit_involvement",
    "allegations.new_evaluation",
    "allegations.edit_evaluation",
    "allegations.death",
    "sources.new",
    "sources.edit",
    "sources.grade",
    "sources.informant",
    "sources.upload",
    "citations.new",
    "citations.edit",
    "advocacy.new",
    "advocacy.edit",
    "advocacy.new_consent",
    "advocacy.edit_consent",
    "records.retract",
    "records.restore",
    "users.new",
    "users.edit",
    "users.password",
)


def every_form(ctx: Context, user: User) -> dict[str, str]:
    """One record of every kind, and the address of each form for it, by endpoint."""
    person = make_person(ctx)
    latin = {"full_name": "Aram H.", "script": "LATN", "language": "EN"}
    name = people.add_name(ctx, person, latin)
    ident = people.add_identifier(ctx, person, {"scheme": "SERVICE_NUMBER", "value": "SN-1"})
    relative = people.add_relative(ctx, person, {"kind": "PARENT", "new_name": "Anahit H."})
    place = make_place(ctx)
    place_name = places.add_place_name(
        ctx, place, {"name": "Բանտ", "script": "ARMN", "language": "HY"}
    )
    episode = make_episode(ctx, person)
    event = detention.add_event(ctx, episode, {"event_type": "ICRC_VISIT"})
    proc = make_proceeding(ctx, person)
    charge = trials.add_charge(ctx, proc, {"statute": "Criminal Code", "outcome": "CONVICTED"})
    hearing = make_hearing(ctx, proc)
    sentence = trials.add_sentence(ctx, proc, {"sentence_type": "IMPRISONMENT", "term_months": 6})
    allegation = make_allegation(ctx, person)
    involvement = allegations.add_involvement(
        ctx, allegation, {"perpetrator_unit": "Invented unit", "degree": "CARRIED_OUT"}
    )
    evaluation = allegations.add_medical_evaluation(
        ctx, {"person_id": person.id, "allegation_id": allegation.id}
    )
    source = make_source(ctx)
    citation = claims.cite(ctx, allegation, source, {})
    submission = advocacy.create_submission(ctx, {"recipient": "WGAD", "title": "T"}, [person.id])
    consent = advocacy.record_consent(
        ctx,
        {
            "person_id": person.id,
            "given_by": "SELF",
            "scope": "INTERNAL",
            "method": "WRITTEN",
            "given_on": "2021-01-01",
        },
    )
    pid = person.id
    urls = {
        "auth.password": "/account/password",
        "people.new": "/people/new",
        "people.edit": f"/people/{pid}/edit",
        "people.add_name": f"/people/{pid}/names/new",
        "people.edit_name": f"/people/names/{name.id}/edit",
        "people.add_identifier": f"/people/{pid}/identifiers/new",
        "people.edit_identifier": f"/people/identifiers/{ident.id}/edit",
        "people.add_relative": f"/people/{pid}/relatives/new",
        "people.edit_relative": f"/people/relatives/{relative.id}/edit",
        "places.new": "/places/new",
        "places.edit": f"/places/{place.id}/edit",
        "places.add_name": f"/places/{place.id}/names/new",
        "places.edit_name": f"/places/names/{place_name.id}/edit",
        "detention.new": f"/detentions/new?person_id={pid}",
        "detention.edit": f"/detentions/{episode.id}/edit",
        "detention.add_event": f"/detentions/{episode.id}/events/new",
        "detention.edit_event": f"/detentions/events/{event.id}/edit",
        "trials.new": f"/proceedings/new?person_id={pid}",
        "trials.edit": f"/proceedings/{proc.id}/edit",
        "trials.add_charge": f"/proceedings/{proc.id}/charges/new",
        "trials.edit_charge": f"/proceedings/charges/{charge.id}/edit",
        "trials.add_hearing": f"/proceedings/{proc.id}/hearings/new",
        "trials.edit_hearing": f"/proceedings/hearings/{hearing.id}/edit",
        "trials.add_sentence": f"/proceedings/{proc.id}/sentences/new",
        "trials.edit_sentence": f"/proceedings/sentences/{sentence.id}/edit",
        "trials.matrix": f"/proceedings/{proc.id}/matrix",
        "allegations.new": f"/allegations/new?person_id={pid}",
        "allegations.edit": f"/allegations/{allegation.id}/edit",
        "allegations.status": f"/allegations/{allegation.id}/status",
        "allegations.add_involvement": f"/allegations/{allegation.id}/perpetrators/new",
        "allegations.edit_involvement": f"/allegations/perpetrators/{involvement.id}/edit",
        "allegations.new_evaluation": f"/allegations/evaluations/new?person_id={pid}",
        "allegations.edit_evaluation": f"/allegations/evaluations/{evaluation.id}/edit",
        "allegations.death": f"/allegations/death?person_id={pid}",
        "sources.new": "/sources/new",
        "sources.edit": f"/sources/{source.id}/edit",
        "sources.grade": f"/sources/{source.id}/grade",
        "sources.informant": f"/sources/{source.id}/informant",
        "sources.upload": f"/sources/{source.id}/files/new",
        "citations.new": f"/citations/new?claim_id={allegation.claim_id}",
        "citations.edit": f"/citations/{citation.id}/edit",
        "advocacy.new": "/submissions/new",
        "advocacy.edit": f"/submissions/{submission.id}/edit",
        "advocacy.new_consent": f"/submissions/consents/new?person_id={pid}",
        "advocacy.edit_consent": f"/submissions/consents/{consent.id}/edit",
        "records.retract": f"/records/person_name/{name.id}/retract",
        "records.restore": f"/records/person_name/{name.id}/restore",
        "users.new": "/users/new",
        "users.edit": f"/users/{user.id}/edit",
        "users.password": f"/users/{user.id}/password",
    }
    assert tuple(urls) == FORM_ENDPOINTS
    return urls


@pytest.fixture
def form_urls(ctx: Context, editor: User) -> dict[str, str]:
    """The address of every form of the web interface, each for a record made here."""
    return every_form(ctx, editor)


__all__ = ["FORM_ENDPOINTS", "Browser", "Context", "csrf_from", "every_form", "login"]
