"""Every character drawn has a real glyph in the embedded fonts (no black boxes, no
glyph 0), for every builder."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from reportlab.pdfbase import pdfmetrics

from reports import styles
from reports.text import clean
from tests.reports import hostile, pdftools
from tests.reports.builds import BUILDS

FACES = {
    "DejaVuSans": styles.SANS,
    "DejaVuSans-Bold": styles.SANS_BOLD,
    "DejaVuSans-Oblique": styles.SANS_ITALIC,
    "DejaVuSans-BoldOblique": styles.SANS_BOLD_ITALIC,
    "DejaVuSansMono": styles.MONO,
}


def embedded_characters(pdf: bytes) -> dict[str, set[str]]:
    """Per embedded font (base name), the characters its /ToUnicode maps say it draws."""
    found: dict[str, set[str]] = {}
    for page in pdftools.reader(pdf).pages:
        resources = page["/Resources"].get_object()
        fonts: dict[str, Any] = dict(resources.get("/Font") or {})
        for form in (resources.get("/XObject") or {}).values():
            fonts.update((form.get_object().get("/Resources") or {}).get("/Font") or {})
        for font in fonts.values():
            font = font.get_object()
            base = re.sub(r"^/[A-Z]{6}\+", "", str(font["/BaseFont"]))
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            chars = found.setdefault(base, set())
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for _, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    chars.add(bytes.fromhex(uni).decode("utf-16-be"))
            assert "beginbfrange" not in cmap
    return found


def drawable(chars: set[str]) -> set[str]:
    """Without the codes ReportLab reserves in its first subset of a font (0x00-0x1F and
    0x7F, listed in /ToUnicode but never drawn: reports.text strips those characters)."""
    return {c for c in chars if not (ord(c) < 0x20 or ord(c) == 0x7F)}


@cache
def glyphs(face: str) -> frozenset[int]:
    styles.register_fonts()
    return frozenset(pdfmetrics.getFont(FACES[face]).face.charToGlyph)


@pytest.mark.parametrize("kind", sorted(BUILDS))
def test_every_drawn_character_has_a_real_glyph(kind: str) -> None:
    dto, build = BUILDS[kind]
    pdf = build(dto())
    embedded = embedded_characters(pdf)
    assert set(embedded) <= set(FACES), embedded.keys()
    for face, chars in embedded.items():
        missing = {c for c in drawable(chars) if ord(c) not in glyphs(face)}
        assert not missing, (face, missing)
    drawn = set().union(*embedded.values())
    for value in pdftools.strings(dto()):
        absent = {ch for ch in clean(value) if not ch.isspace() and ch not in drawn}
        assert not absent, (value, absent)
    text = pdftools.text(pdf)
    for bad in ("\x00", "\ufffd", "\u25a0"):
        assert bad not in text


@pytest.mark.parametrize("kind", sorted(BUILDS))
def test_hostile_characters_are_drawn_or_replaced_never_missing(kind: str) -> None:
    dto, build = BUILDS[kind]
    pdf = build(hostile.dealt(dto(), 3))
    for face, chars in embedded_characters(pdf).items():
        assert not {c for c in drawable(chars) if ord(c) not in glyphs(face)}, face


def test_the_samples_mix_the_scripts() -> None:
    sample: Callable[[], Any] = BUILDS["person"][0]
    text = " ".join(pdftools.strings(sample()))
    for script_letter in ("\u0540", "\u0410", "\u0259", "\u0130", "\u015f", "\u0131", "\u011f"):
        assert script_letter in text
