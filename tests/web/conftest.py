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
from casebook.services.context import Context

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


__all__ = ["Browser", "Context", "csrf_from", "login"]
