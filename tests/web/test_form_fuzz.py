"""No input to any form produces a server error (property-based).

Each form page is fetched, every input, select and textarea it contains is filled with
generated text (hostile markup, other scripts, emoji, control characters, very long
strings), and the response must be a page, never a 500.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.services.context import Context
from tests.factories import make_person
from tests.web.conftest import Browser, csrf_from

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


@pytest.fixture
def person_id(ctx: Context) -> int:
    return make_person(ctx).id


FORMS = [
    "/people/new",
    "/people/{person}/edit",
    "/people/{person}/names/new",
    "/people/{person}/identifiers/new",
    "/people/{person}/relatives/new",
    "/account/password",
]


@pytest.mark.parametrize("template", FORMS)
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_produces_a_server_error(
    as_editor: Browser, person_id: int, template: str, data: st.DataObject
) -> None:
    fuzz(as_editor, template.format(person=person_id), data)
