"""Hostile strings in every string field of the DTOs: the build never fails, never reads a
local file, never writes a link that is not http(s), never draws a missing glyph."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reports import audit, person, thematic
from tests.reports import hostile, pdftools, samples
from tests.reports.builds import BUILDS

# No shrinking: one build takes a fraction of a second, and shrinking hundreds of draws would
# take minutes; the failure report lists every draw anyway.
SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


def assert_safe(pdf: bytes) -> str:
    """The checks every hostile build must pass; returns the extracted text."""
    assert pdf.startswith(b"%PDF-")
    text = " ".join(pdftools.page_texts(pdf))
    assert hostile.PASSWD_MARK not in text
    assert "\x00" not in text and "\ufffd" not in text
    assert pdftools.image_or_embedded_objects(pdf) == []
    for uri in pdftools.link_uris(pdf):
        assert uri.lower().startswith(("http://", "https://")), uri
        assert not any(ch in uri for ch in ' "<>\\'), uri
    for _, title in pdftools.outline_titles(pdf):
        assert "\x00" not in title and "\u202e" not in title
    return text


def drawer(data: st.DataObject) -> Callable[[], str]:
    return lambda: data.draw(hostile.hostile_text)


def test_the_walk_reaches_every_string_field() -> None:
    dossier = samples.person_dossier()
    count = hostile.string_fields(dossier)
    assert count > 150
    filled = hostile.every_field(dossier, "MARK")
    assert all(s == "MARK" for s in pdftools.strings(filled))
    assert filled.identity.civilian_occupation == "MARK"  # None in the sample, filled anyway
    assert filled.meta.keywords == ("MARK", "MARK", "MARK")


@pytest.mark.slow
@settings(SETTINGS, max_examples=15)
@given(data=st.data())
def test_person_dossier_survives_hostile_strings_everywhere(data: st.DataObject) -> None:
    dossier = hostile.fill(samples.person_dossier(), samples.PersonDossier, drawer(data))
    assert_safe(person.build(dossier))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("value", "every"),
    [(hostile.LONG_WORD, 1), (hostile.LONG_TEXT, 5)],
    ids=["5000-char-word-everywhere", "10000-chars-in-every-fifth-field"],
)
def test_person_dossier_with_huge_values(value: str, every: int) -> None:
    """A 5,000-character word in every field (narrow cells included); 10,000 characters in
    every fifth field (in every field it is a 400-page document: the hypothesis test above
    mixes such values into random fields)."""
    dossier = hostile.every_field(samples.person_dossier(), value, every)
    pdf = person.build(dossier)
    text = assert_safe(pdf)
    assert pdftools.squash(value[:200]) in pdftools.squash(text)
    assert pdftools.qpdf_check(pdf).returncode == 0


@pytest.mark.parametrize("offset", [0, 7, 13])
@pytest.mark.parametrize("kind", sorted(BUILDS))
def test_hostile_strings_dealt_round_the_fields(kind: str, offset: int) -> None:
    dto, build = BUILDS[kind]
    value: Any = hostile.dealt(dto(), offset)
    assert_safe(build(value))


@pytest.mark.slow
@settings(SETTINGS, max_examples=10)
@given(data=st.data())
def test_thematic_report_survives_hostile_strings_everywhere(data: st.DataObject) -> None:
    report = hostile.fill(samples.thematic_report(4), samples.ThematicReport, drawer(data))
    assert_safe(thematic.build(report))


@settings(SETTINGS, max_examples=10)
@given(data=st.data())
def test_audit_report_survives_hostile_strings_everywhere(data: st.DataObject) -> None:
    report = hostile.fill(samples.audit_report(), samples.AuditReport, drawer(data))
    assert_safe(audit.build(report))


@pytest.mark.slow
def test_thematic_report_with_a_5000_character_word_everywhere() -> None:
    report = hostile.every_field(samples.thematic_report(3), hostile.LONG_WORD)
    pdf = thematic.build(report)
    assert_safe(pdf)
    assert pdftools.qpdf_check(pdf).returncode == 0
