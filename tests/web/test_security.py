"""Login required everywhere, CSRF on every form, headers, lockout."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from casebook.models import AuditEvent, User
from tests.web.conftest import Browser, login

PUBLIC = {"auth.login", "static"}


def _concrete(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: "1" if "id" in m.group(1) else "x", rule)


def test_every_route_but_login_requires_a_login(app: Flask, anonymous: FlaskClient) -> None:
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        url = _concrete(rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:  # type: ignore[operator]
            response = anonymous.open(url, method=method)
            assert response.status_code in (302, 400), (method, url, response.status_code)
            if response.status_code == 302:
                assert "/login" in response.headers["Location"]
            checked += 1
    assert checked > 5


def test_security_headers(anonymous: FlaskClient) -> None:
    response = anonymous.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_login_without_csrf_token_is_refused(anonymous: FlaskClient, editor: User) -> None:
    response = anonymous.post("/login", data={"username": "edith", "password": "x" * 20})
    assert response.status_code == 400


def test_session_cookie_flags(anonymous: FlaskClient, editor: User) -> None:
    response = login(anonymous, editor.username)
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("casebook_session=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_repeated_failures_lock_the_account_and_are_logged(
    anonymous: FlaskClient, editor: User, app: Flask
) -> None:
    for _ in range(5):
        response = login(anonymous, editor.username, "wrong password!!")
        assert "wrong password" in response.get_data(as_text=True)
    locked = login(anonymous, editor.username)  # the right password, but locked now
    assert "locked" in locked.get_data(as_text=True)
    from casebook.web.deps import db

    with app.test_request_context():
        failures = (
            db()
            .scalars(
                select(AuditEvent).where(
                    AuditEvent.action == "LOGIN_FAILED", AuditEvent.record_id == editor.id
                )
            )
            .all()
        )
        assert len(failures) == 6


def test_change_password(as_editor: Browser) -> None:
    response = as_editor.post(
        "/account/password",
        {
            "current": "correct horse battery staple",
            "new": "another long passphrase",
            "repeat": "another long passphrase",
        },
    )
    assert response.status_code == 302
    as_editor.client.post("/logout")


def test_every_form_rejects_a_post_without_its_csrf_token(app: Flask, as_admin: Browser) -> None:
    checked = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or set()) or rule.endpoint in PUBLIC:
            continue
        response = as_admin.client.post(_concrete(rule.rule), data={"anything": "x"})
        assert response.status_code == 400, (rule.rule, response.status_code)
        checked += 1
    assert checked >= 5


def test_roles_are_enforced_on_the_server_for_every_guarded_route(
    app: Flask, as_viewer: Browser
) -> None:
    """Every view declaring a role refuses a viewer (403), whatever the id in the URL."""
    from casebook.vocab import Role

    checked = 0
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        needed = getattr(view, "required_role", None)
        if needed is None or needed is Role.VIEWER:
            continue
        response = as_viewer.get(_concrete(rule.rule))
        assert response.status_code in (403, 405), (rule.rule, response.status_code)
        checked += 1
    assert checked >= 5


BIG = "99999999999999999999"  # past 64 bits: names no record anywhere


def test_ids_past_64_bits_are_not_found_never_a_server_error(app: Flask, as_admin: Browser) -> None:
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()) or "<" not in rule.rule or rule.endpoint in PUBLIC:
            continue
        url = re.sub(r"<int:[a-z_]+>", BIG, re.sub(r"<(?:string:)?table>", "person", rule.rule))
        assert as_admin.get(url).status_code == 404, url
        checked += 1
    assert checked >= 20
    for url in (
        f"/detentions/new?person_id={BIG}",
        f"/proceedings/new?person_id={BIG}",
        f"/allegations/new?person_id={BIG}",
        f"/submissions/consents/new?person_id={BIG}",
        f"/citations/new?claim_id={BIG}",
    ):
        assert as_admin.get(url).status_code == 404, url


def test_hostile_query_strings_never_produce_a_server_error(as_viewer: Browser) -> None:
    lists = ("/people/", "/proceedings/", "/allegations/", "/sources/", "/submissions/", "/places/")
    queries = (
        {"q": "ab " * 1000},  # a thousand words
        {"q": "x" * 10_000},
        {"q": "%_\\' OR 1=1 -- \x00 🙂 <script>"},
        {"page": BIG},
        {"page": "-5"},
        {"place": BIG},
        {"court": BIG},
        {"sort": "<script>"},
        {"category": "NOPE", "status": "", "act_type": "x" * 300},
        {"start_from": "2020-13-45", "start_to": "yesterday"},
    )
    for url in lists:
        for query in queries:
            response = as_viewer.get(url, query_string=query)
            assert response.status_code == 200, (url, query, response.status_code)
            assert "<script>" not in response.get_data(as_text=True).split("</header>", 1)[1]


def test_numbers_too_large_for_the_database_are_refused_beside_the_field(
    as_admin: Browser, form_urls: dict[str, str]
) -> None:
    huge = "999999999999999999999"
    for endpoint, data, field in (
        ("people.add_relative", {"kind": "PARENT", "related_person_id": huge}, "related_person_id"),
        ("allegations.add_involvement", {"perpetrator_id": huge}, "perpetrator_id"),
        ("sources.new", {"title": "T", "derived_from_id": huge}, "derived_from_id"),
        ("sources.new", {"title": "T", "extent_pages": "3000000000"}, "extent_pages"),
        ("trials.add_sentence", {"sentence_type": "LIFE", "term_months": huge}, "term_months"),
    ):
        response = as_admin.post(form_urls[endpoint], {"confidentiality": "CONFIDENTIAL", **data})
        html = response.get_data(as_text=True)
        assert response.status_code == 200, (endpoint, response.status_code)
        assert f'id="{field}-error"' in html, endpoint
