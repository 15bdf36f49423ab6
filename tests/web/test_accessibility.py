"""Presentation: every page is usable with a keyboard and a screen reader, without
JavaScript and without the internet (every asset served by casebook itself)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from flask.testing import FlaskClient

from casebook.services.context import Context
from tests.factories import make_person
from tests.web.conftest import Browser, csrf_from
from tests.web.test_form_fuzz import form_fields

CSS = Path(__file__).resolve().parents[2] / "casebook" / "static" / "casebook.css"


class Page(HTMLParser):
    """What the checks need from a page: its elements, ids, labels and assets."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.ids: list[str] = []
        self.labels: set[str] = set()
        self.h1 = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values))
        if "id" in values:
            self.ids.append(values["id"])
        if tag == "label" and values.get("for"):
            self.labels.add(values["for"])
        self.h1 += tag == "h1"

    def controls(self) -> list[dict[str, str]]:
        return [
            values
            for tag, values in self.elements
            if tag in ("input", "select", "textarea")
            and values.get("type") not in ("hidden", "submit", "button")
        ]


def check(html: str, where: str) -> None:
    page = Page(html)
    html_tag = next(values for tag, values in page.elements if tag == "html")
    assert html_tag.get("lang") == "en", where
    assert page.h1 == 1, (where, "one h1 per page")
    assert len(page.ids) == len(set(page.ids)), (where, "duplicate ids")
    assert any(t == "a" and v.get("href") == "#main" for t, v in page.elements), where
    assert "main" in page.ids, where
    for control in page.controls():
        ident = control.get("id", "")
        labelled = ident in page.labels or control.get("aria-label")
        assert labelled, (where, "a field without a label", control)
        for ref in control.get("aria-describedby", "").split():
            assert ref in page.ids, (where, "aria-describedby names nothing", ref)
    for tag, values in page.elements:
        assert tag != "script", (where, "no JavaScript is needed or sent")
        assert "style" not in values and not any(k.startswith("on") for k in values), (
            where,
            "inline style or script attribute (refused by the CSP)",
            tag,
        )
        if tag in ("link", "img", "iframe", "source"):
            asset = values.get("href") or values.get("src") or ""
            assert asset.startswith("/") and not asset.startswith("//"), (where, asset)
    assert '="None"' not in html, (where, 'an attribute rendered as "None"')


def test_every_form_is_labelled_and_linked_to_its_help_and_errors(
    as_admin: Browser, form_urls: dict[str, str]
) -> None:
    for endpoint, url in form_urls.items():
        page = as_admin.get(url).get_data(as_text=True)
        check(page, endpoint)
        empty = {name: "" for name in form_fields(page) if name != "version"}
        sent = as_admin.client.post(url, data={**empty, "csrf_token": csrf_from(page)})
        check(sent.get_data(as_text=True), f"{endpoint} with errors")


def test_every_reading_page_passes_the_same_checks(
    as_admin: Browser, form_urls: dict[str, str], ctx: Context
) -> None:
    person = make_person(ctx)
    pages = [
        "/",
        "/people/",
        f"/people/{person.id}",
        f"/people/{person.id}?retracted=1",
        "/people/?q=Ованнисян",
        "/proceedings/",
        "/allegations/",
        "/sources/",
        "/submissions/",
        "/places/",
        "/users/",
        f"/records/person/{person.id}/history",
    ]
    case_file = as_admin.get(pages[2]).get_data(as_text=True)
    linked = r'href="(/(?:proceedings|sources|submissions|places)/\d+)"'
    pages += sorted(set(re.findall(linked, case_file)))
    for url in pages:
        response = as_admin.get(url)
        assert response.status_code == 200, url
        check(response.get_data(as_text=True), url)


def test_the_login_page_and_error_pages_too(anonymous: FlaskClient, as_viewer: Browser) -> None:
    check(anonymous.get("/login").get_data(as_text=True), "login")
    check(as_viewer.get("/people/new").get_data(as_text=True), "403 page")
    check(as_viewer.get("/people/999999").get_data(as_text=True), "404 page")


def test_the_stylesheet_is_local_and_keeps_contrast() -> None:
    css = CSS.read_text()
    assert "@import" not in css and "url(" not in css  # no fonts or images from elsewhere
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    for text in ("ink", "muted", "accent", "error", "ok", "warn"):
        for ground in ("paper", "wash"):
            ratio = contrast(colours[text], colours[ground])
            assert ratio >= 4.5, (text, ground, round(ratio, 2))  # WCAG AA for body text
    assert contrast(colours["accent-ink"], colours["accent"]) >= 4.5
    assert "opacity" not in css  # faded text would drop below the ratios checked here


def test_static_files_are_served_by_casebook(anonymous: FlaskClient) -> None:
    response = anonymous.get("/static/casebook.css")
    response.close()
    assert response.status_code == 200
    assert response.mimetype == "text/css"
