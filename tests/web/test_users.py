"""User accounts through the web: administrators only."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from casebook.models import User
from casebook.services import accounts
from casebook.vocab import Role
from tests.web.conftest import Browser, login

NEW_USER = {
    "username": "nadia",
    "display_name": "Նադիա & <Co>",
    "role": "EDITOR",
    "password": "a long enough passphrase",
    "repeat": "a long enough passphrase",
}


def _routes(user_id: int) -> list[str]:
    return ["/users/", "/users/new", f"/users/{user_id}/edit", f"/users/{user_id}/password"]


def test_everyone_but_an_admin_gets_403(
    as_viewer: Browser, as_editor: Browser, as_reviewer: Browser, admin: User
) -> None:
    for browser in (as_viewer, as_editor, as_reviewer):
        for url in _routes(admin.id):
            assert browser.get(url).status_code == 403, url
        for url in _routes(admin.id)[1:]:  # a valid CSRF token, still refused
            response = browser.post(url, NEW_USER, form_url="/account/password")
            assert response.status_code == 403, url


def test_admin_pages_render_but_not_the_system_account(as_admin: Browser, session: Session) -> None:
    html = as_admin.get("/users/").get_data(as_text=True)
    assert "ada" in html
    assert accounts.SYSTEM_USERNAME not in html
    system = accounts.find_user(session, accounts.SYSTEM_USERNAME)
    for url in _routes(as_admin.user.id):
        assert as_admin.get(url).status_code == 200, url
    for url in _routes(system.id)[2:]:
        assert as_admin.get(url).status_code == 404, url


def test_admin_creates_a_user_and_disables_them(
    as_admin: Browser, session: Session, app: Flask
) -> None:
    response = as_admin.post("/users/new", NEW_USER)
    assert response.status_code == 302, response.get_data(as_text=True)
    user = accounts.find_user(session, "nadia")
    assert user.role is Role.EDITOR
    assert "Նադիա &amp; &lt;Co&gt;" in as_admin.get("/users/").get_data(as_text=True)
    url = f"/users/{user.id}/edit"
    no_reason = as_admin.post(url, {"role": "EDITOR"})
    assert no_reason.status_code == 200
    assert "give a reason" in no_reason.get_data(as_text=True)
    done = as_admin.post(url, {"role": "REVIEWER", "reason": "Left the organisation"})
    assert done.status_code == 302
    session.expire_all()
    assert user.active is False
    assert user.role is Role.REVIEWER
    refused = login(app.test_client(), "nadia", NEW_USER["password"])
    assert "disabled" in refused.get_data(as_text=True)


def test_admin_cannot_disable_themself(as_admin: Browser, session: Session) -> None:
    url = f"/users/{as_admin.user.id}/edit"
    response = as_admin.post(url, {"role": "VIEWER", "reason": "oops"})
    assert response.status_code == 200
    assert "you cannot disable your own account" in response.get_data(as_text=True)
    session.expire_all()
    assert as_admin.user.active is True
    assert as_admin.user.role is Role.ADMIN  # nothing of the failed save was kept


def test_bad_input_is_shown_and_kept(as_admin: Browser) -> None:
    bad = {**NEW_USER, "username": "Bad Name!", "password": "short", "repeat": "other"}
    response = as_admin.post("/users/new", bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "the two passwords differ" in html
    assert 'value="Bad Name!"' in html
    weak = {**NEW_USER, "username": "Bad Name!", "password": "short", "repeat": "short"}
    html = as_admin.post("/users/new", weak).get_data(as_text=True)
    assert "use 2-64 lower-case letters" in html
    assert "at least 12 characters" in html
    dup = as_admin.post("/users/new", {**NEW_USER, "username": "ada"}).get_data(as_text=True)
    assert "already exists" in dup


def test_admin_sets_a_password(as_admin: Browser, editor: User, app: Flask) -> None:
    url = f"/users/{editor.id}/password"
    short = as_admin.post(url, {"password": "tiny", "repeat": "tiny"})
    assert "at least 12 characters" in short.get_data(as_text=True)
    done = as_admin.post(
        url, {"password": "a brand new passphrase", "repeat": "a brand new passphrase"}
    )
    assert done.status_code == 302
    assert login(app.test_client(), "edith", "a brand new passphrase").status_code == 302


def test_hostile_input_never_produces_a_server_error(as_admin: Browser, editor: User) -> None:
    for text in ("<script>alert(1)</script>", "AT&T", "Ованнисян 🙂", "x" * 10_000, "\x00"):
        values = {
            "username": text,
            "display_name": text,
            "role": text,
            "password": text,
            "repeat": text,
        }
        assert as_admin.post("/users/new", values).status_code < 500
        edit = {"role": text, "reason": text, "active": "y"}
        assert as_admin.post(f"/users/{editor.id}/edit", edit).status_code < 500
        assert as_admin.post(f"/users/{editor.id}/password", values).status_code < 500
