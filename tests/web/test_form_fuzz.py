"""Every form of the web interface: none is left out, none gives a server error whatever is
typed into it (property-based), and each one sent empty shows its errors next to the fields.

``form_urls`` (tests/web/conftest.py) makes one record of every kind and gives the address
of every form for it; a test checks it against the URL map, so a new form cannot slip past
these tests.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import FORM_ENDPOINTS, Browser, csrf_from

FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
HOSTILE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<img src='/etc/passwd'>",
            "AT&T &bogus;",
            "Հովհաննիսյան",
            "Ованнисян",
            "🙂" * 50,
            "x" * 10_000,
            "2031-02-30",
            "-1",
            "0",
            "999999999999999999999",
            "\x00\x1b[31m",
            "' OR 1=1 --",
        ]
    ),
)
# Endpoints taking a POST that are not a form a user fills in.
NOT_FORMS = {"auth.login", "auth.logout"}


def form_fields(html: str) -> list[str]:
    return sorted({n for n in FIELD.findall(html) if n not in ("csrf_token", "q")})


def fuzz(browser: Browser, url: str, data: st.DataObject) -> None:
    page = browser.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    payload = {name: data.draw(HOSTILE, label=name) for name in form_fields(html)}
    payload["csrf_token"] = csrf_from(html)
    response = browser.client.post(url, data=payload)
    assert response.status_code < 500, response.get_data(as_text=True)[:2000]


# Blueprints whose forms are tested in their own modules (dossiers, the citation audit).
OWN_FORM_TESTS = frozenset({"dossiers", "review"})


def test_the_catalogue_holds_every_form_of_the_url_map(app: Flask) -> None:
    posting = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "POST" in (rule.methods or set())
        and rule.endpoint not in NOT_FORMS
        and rule.endpoint.split(".")[0] not in OWN_FORM_TESTS
    }
    assert posting == set(FORM_ENDPOINTS), posting ^ set(FORM_ENDPOINTS)


def test_every_form_renders_for_an_administrator(
    as_admin: Browser, form_urls: dict[str, str]
) -> None:
    for endpoint, url in form_urls.items():
        response = as_admin.get(url)
        assert response.status_code == 200, (endpoint, url, response.status_code)


def test_every_form_sent_empty_shows_its_errors_beside_the_fields(
    as_admin: Browser, form_urls: dict[str, str]
) -> None:
    """Nothing filled in: the form comes back (never a 500 or a false "saved") with the
    problems in plain words, each linked to its field for assistive technology."""
    always_valid = {"trials.matrix"}  # every guarantee may stay "no information"
    for endpoint, url in form_urls.items():
        if endpoint in always_valid:
            continue
        page = as_admin.get(url).get_data(as_text=True)
        fields = form_fields(page)
        empty = {name: "" for name in fields if name != "version"}
        if endpoint == "records.restore":  # a name must be retracted to be restored
            continue
        response = as_admin.client.post(url, data={**empty, "csrf_token": csrf_from(page)})
        html = response.get_data(as_text=True)
        assert response.status_code == 200, (endpoint, response.status_code)
        assert 'class="error-summary"' in html, endpoint
        errors = re.findall(r'<p id="([^"]+)-error" class="error">([^<]+)</p>', html)
        summary = re.search(r'class="error-summary"[^>]*>(.*?)</div>', html, re.S)
        assert errors or (summary and "<li>" in summary.group(1)), endpoint
        for field_id, message in errors:
            assert message.strip(), (endpoint, field_id)
            tag = re.search(rf'<[^>]*\bid="{re.escape(field_id)}"[^>]*>', html)
            assert tag is not None, (endpoint, field_id)
            assert 'aria-invalid="true"' in tag.group(0), (endpoint, field_id)
            assert f"{field_id}-error" in tag.group(0), (endpoint, field_id)


@pytest.mark.parametrize("endpoint", FORM_ENDPOINTS)
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_produces_a_server_error(
    as_admin: Browser, form_urls: dict[str, str], endpoint: str, data: st.DataObject
) -> None:
    fuzz(as_admin, form_urls[endpoint], data)
