"""reports.text: what user text becomes before it reaches a page."""

from __future__ import annotations

import io

import pytest
from reportlab.platypus import SimpleDocTemplate, Table

from reports import styles, text
from reports.text import Markup
from tests.reports import pdftools


def test_plain_normalises_and_drops_invisible_characters() -> None:
    decomposed = "Ha\u0308yk e\u0301"  # combining marks
    assert text.plain(decomposed) == "H\u00e4yk \u00e9"
    assert text.plain("a\x00b\x07c\x1bd\x7fe\x9ff") == "abcdef"
    assert text.plain("\u202eevil\u202c \u200f\u200bx\ufeff") == "evil x"
    assert text.plain("one\r\ntwo\rthree\u2028four\x85five") == "one\ntwo\nthree\nfour\nfive"
    assert text.plain("tab\there\u00a0nbsp") == "tab here nbsp"
    assert text.plain("lone \ud800 surrogate") == "lone  surrogate"
    assert text.plain(None) == ""


def test_clean_replaces_what_the_font_cannot_draw() -> None:
    assert text.clean("5000 \u058f") == "5000 AMD"
    assert text.clean("10 \u20bc") == "10 AZN"
    assert text.clean("boom \U0001f9e8") == "boom [U+1F9E8]"
    assert text.clean("\U0001f600 in the font") == "[U+1F600] in the font"  # beyond the BMP
    assert text.clean("bad \ufffd byte") == "bad [U+FFFD] byte"
    assert text.clean("\u0560") == "[U+0560]"
    mixed = "Արամ Հովհաննիսյան Арам Ованнисян Əli Həsənov ğ ı ş İ"
    assert text.clean(mixed) == mixed
    assert all(ord(ch) in styles.covered() for ch in text.clean(mixed) if ch != " ")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("AT&T", "AT&amp;T"),
        ('<img src="/etc/passwd"/>', '&lt;img src="/etc/passwd"/&gt;'),
        ('<a href="javascript:alert(1)">x</a>', '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;'),
        ("&bogus;", "&amp;bogus;"),
        ("<i>unclosed", "&lt;i&gt;unclosed"),
        ("two\nlines", "two<br/>lines"),
    ],
)
def test_esc_neutralises_markup(raw: str, escaped: str) -> None:
    assert text.esc(raw) == escaped
    assert isinstance(text.esc(raw), Markup)


def test_markup_is_not_escaped_twice() -> None:
    bold = text.bold("A & B")
    assert bold == "<b>A &amp; B</b>"
    assert text.esc(bold) == bold
    assert text.join([bold, "<x>"]) == "<b>A &amp; B</b> &lt;x&gt;"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>",
        "ftp://example.org/x",
        'https://example.org/"onmouseover="x',
        "https://exa mple.org/",
        "https:///nohost",
        "//example.org/relative",
        "http://[::1",
    ],
)
def test_only_http_links_are_live(url: str) -> None:
    assert "<a " not in text.link(url)
    assert text.safe_url(url) is None


def test_http_links_are_escaped_and_percent_encoded() -> None:
    link = text.link("https://example.org/дело?a=1&b=2")
    assert link.startswith('<a href="https://example.org/%D0%B4%D0%B5%D0%BB%D0%BE?a=1&amp;b=2"')
    assert text.safe_url("HTTP://EXAMPLE.ORG/x") == "HTTP://EXAMPLE.ORG/x"


def test_anchor_names_come_from_code_only() -> None:
    assert text.anchor("note-12") == '<a name="note-12"/>'
    for bad in ('x" onclick="y', "Note 1", "", "1abc", "a" * 60):
        with pytest.raises(ValueError, match="anchor"):
            text.anchor(bad)
        with pytest.raises(ValueError, match="anchor"):
            text.goto(bad, "label")


def test_coloured_only_takes_hex_colours() -> None:
    with pytest.raises(ValueError, match="colour"):
        text.coloured("x", 'red" name="/etc/passwd')


def test_a_5000_character_word_fits_a_narrow_table_cell() -> None:
    styles.register_fonts()
    word = "\u0540" * 5000  # Armenian letters, no space to break at
    cells = [[text.cell("a"), text.cell(word), text.cell("w " * 3000)]]
    table = Table(cells, colWidths=[20, 30, 200], splitInRow=1)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build([text.para(word), table])
    extracted = pdftools.squash(pdftools.text(buffer.getvalue()))
    assert extracted.count("\u0540") == 10000


def test_short_plain_cells_skip_paragraph_parsing() -> None:
    assert text.cell("P-12", width=60) == "P-12"
    assert not isinstance(text.cell("x" * 200, width=60), str)
    assert not isinstance(text.cell("two\nlines", width=300), str)
    assert text.cell("<b>", width=60) == "<b>"  # a plain cell is never parsed as markup
