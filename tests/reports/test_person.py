"""The per-person dossier, read back with pypdf, qpdf and poppler."""

from __future__ import annotations

import dataclasses
import re

import pytest

from casebook.services.dto import Disclosure, PersonDossier
from casebook.vocab import ActType, Audience, Finding, PersonStatus
from reports import pdfinfo, person
from tests.reports import pdftools, samples

SECTION_TITLES = [title for title, _ in person.SECTIONS]


@pytest.fixture(scope="module")
def dossier() -> PersonDossier:
    return samples.person_dossier()


@pytest.fixture(scope="module")
def pdf(dossier: PersonDossier) -> bytes:
    return person.build(dossier)


@pytest.fixture(scope="module")
def text(pdf: bytes) -> str:
    return pdftools.text(pdf)


def test_every_section_heading_in_questionnaire_order(text: str) -> None:
    body = text[text.index("12 Limitations") + len("12 Limitations") :]  # after the contents
    positions = [body.index(f"{n} {title}") for n, title in enumerate(SECTION_TITLES, start=1)]
    assert positions == sorted(positions)


def test_every_name_form_in_its_own_script(text: str, dossier: PersonDossier) -> None:
    for name in dossier.identity.names:
        assert pdftools.norm(name.text) in text
    assert samples.AZERBAIJANI in text  # the perpetrator, with ə
    assert pdftools.norm(samples.AZ_PLACE) in text  # İ ş ə ı


def test_every_citation_note_with_its_source_pinpoint_and_credibility(
    text: str, dossier: PersonDossier
) -> None:
    sources = {s.number: s for s in dossier.sources}
    for note in dossier.notes:
        expected = f"{note.number} {sources[note.source_number].reference}"
        assert pdftools.norm(expected) in text, expected
        if note.pinpoint:
            assert f"{sources[note.source_number].reference}, {note.pinpoint}" in text
        assert f"credibility {note.credibility}" in text
    assert "contradicts the claim" in text
    assert "Translation: \u201cThe defendant admitted guilt in his statement.\u201d" in text


def test_annex_lists_every_source_with_grade_url_and_hashes(
    text: str, dossier: PersonDossier
) -> None:
    squashed = pdftools.squash(text)
    for source in dossier.sources:
        assert (
            pdftools.norm(f"{source.label} {source.reference if source.coded else source.title}")
            in text
        )
        if source.reliability is not None:
            assert (
                f"Reliability: {source.reliability.value} ({source.reliability.label.lower()})"
                in text
            )
        if source.url:
            assert pdftools.squash(source.url) in squashed
        for entry in source.files:
            assert f"SHA-256 {entry.sha256}" in text
    assert "S-2, relative's testimony, on file" in text


def test_annex_urls_are_live_links_and_nothing_else_is(pdf: bytes, dossier: PersonDossier) -> None:
    uris = pdftools.link_uris(pdf)
    expected = {s.url for s in dossier.sources if s.url} | {
        u for s in dossier.sources for u in s.archive_urls
    }
    assert set(uris) == expected


def test_proceedings_matrix_and_allegation_blocks(text: str) -> None:
    for code in ("G01", "G08", "G15"):
        assert code in text
    assert "G01 Independent and impartial tribunal ICCPR 14(1); GCIII 84 Violated" in text
    assert "CORROBORATED two or more sources of distinct origin" in text
    assert "Əli Həsənov (investigator) \u2014 Carried out" in text
    assert "Consistency (Istanbul) Highly consistent" in text
    assert "State response Denied: Ministry statement of 3 Dec 2020" in text
    assert "Observed by the monitor Defendants kept in a glass box throughout." in text
    assert "Reported to the monitor Counsel was told" in text


def test_dram_sign_is_written_as_amd(text: str) -> None:
    assert "price 5000 AMD" in text


def test_qpdf_check_passes(pdf: bytes) -> None:
    result = pdftools.qpdf_check(pdf)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_every_font_is_embedded_and_none_is_a_base14_font(pdf: bytes) -> None:
    fonts = pdftools.pdffonts(pdf)
    assert fonts
    assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts), fonts
    assert {re.sub(r"^[A-Z]{6}\+", "", f["name"]) for f in fonts} <= {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
        "DejaVuSansMono",
    }


def test_outline_has_every_section_and_each_proceeding_and_allegation(pdf: bytes) -> None:
    titles = pdftools.outline_titles(pdf)
    top = [t for level, t in titles if level == 0]
    assert top == [f"{n} {t}" for n, t in enumerate(SECTION_TITLES, start=1)]
    nested = [t for level, t in titles if level == 1]
    assert nested == [
        "5.1 First instance: 1(101)-12/2021",
        "6.1 Torture (corroborated), 14 Nov 2020",
    ]


def test_contents_page_numbers_are_where_the_sections_are(pdf: bytes) -> None:
    r = pdftools.reader(pdf)
    pages = pdftools.page_texts(pdf)
    contents = pdftools.norm(pages[1])
    for item in r.outline:
        if isinstance(item, list):
            continue
        page = r.get_destination_page_number(item) + 1
        assert f"{item.title} {page}" in contents
        assert pdftools.norm(item.title) in pdftools.norm(pages[page - 1])


def test_page_x_of_y_banner_and_header_on_every_page(pdf: bytes, dossier: PersonDossier) -> None:
    pages = pdftools.page_texts(pdf)
    banner = dossier.meta.classification.upper()
    for number, page in enumerate(pages, start=1):
        page = pdftools.norm(page)
        assert f"Page {number} of {len(pages)}" in page
        assert page.count(banner) == 2  # top and bottom
        if number > 1:
            assert f"Dossier {dossier.meta.reference}" in page
    assert pdfinfo.page_count(pdf) == len(pages)


def test_watermark_on_every_page_except_public() -> None:
    confidential = person.build(samples.person_dossier(Audience.CONFIDENTIAL))
    public = person.build(samples.person_dossier(Audience.PUBLIC))
    for page in pdftools.reader(confidential).pages:
        assert "/FormXob.watermark" in page["/Resources"]["/XObject"]
    for page in pdftools.reader(public).pages:
        assert "/FormXob.watermark" not in page["/Resources"]["/XObject"]
    assert "CONFIDENTIAL - WGAD" in pdftools.text(confidential)
    assert "CONFIDENTIAL - WGAD" not in pdftools.text(public)


def test_metadata_comes_from_the_dto_only(pdf: bytes, dossier: PersonDossier) -> None:
    info = pdftools.metadata(pdf)
    meta = dossier.meta
    assert info["/Title"] == meta.title
    assert info["/Author"] == meta.prepared_by
    assert info["/Subject"] == meta.subject
    assert info["/Keywords"] == ", ".join(meta.keywords)
    assert info["/Creator"].startswith("casebook ")
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261120093000+00'00'"
    assert info["/CasebookReference"] == meta.reference
    assert info["/CasebookDataCutoff"] == "2026-11-20T09:30:00+00:00"
    assert set(info) == {
        "/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer", "/CreationDate",
        "/ModDate", "/Trapped", "/CasebookReference", "/CasebookDataCutoff", "/CasebookAudience",
        "/CasebookKind",
    }  # fmt: skip
    assert pdftools.reader(pdf).trailer["/Root"]["/Lang"] == "en"
    assert pdfinfo.casebook_info(pdf) == {
        "reference": meta.reference,
        "data_cutoff": "2026-11-20T09:30:00+00:00",
        "audience": "CONFIDENTIAL",
        "kind": "PERSON",
    }


def _empty(dossier: PersonDossier) -> PersonDossier:
    return dataclasses.replace(
        dossier,
        summary=dataclasses.replace(dossier.summary, text=None, urgent=False, urgency_note=None),
        episodes=(),
        proceedings=(),
        allegations=(),
        legal=(),
        submissions=(),
        actions_requested=(),
        sources=(),
        notes=(),
        consent=(),
        methodology=(),
        limitations=(),
        identity=dataclasses.replace(dossier.identity, names=(), identifiers=(), relatives=()),
    )


def test_empty_sections_say_so_instead_of_vanishing(dossier: PersonDossier) -> None:
    text = pdftools.text(person.build(_empty(dossier)))
    for n, title in enumerate(SECTION_TITLES, start=1):
        assert text.count(f"{n} {title}") >= 2  # contents and heading (and running header)
    for n, title in enumerate(SECTION_TITLES, start=1):  # each empty section says so
        if n not in (2, 4, 11):  # identity has its facts; chronology, methodology parts
            said = rf"{n} {re.escape(title)} (No information recorded\.|Not marked urgent\.)"
            assert re.search(said, text), title
    assert "Places and transfers No information recorded." in text
    assert text.count("No information recorded.") >= 9
    assert "No consent recorded." in text


def test_initials_only_person_shows_no_other_name_form(dossier: PersonDossier) -> None:
    identity = dataclasses.replace(
        dossier.identity,
        display_name="A. H.",
        disclosure=Disclosure.INITIALS,
        names=(),
        identifiers=(),
    )
    meta = dataclasses.replace(dossier.meta, title="Dossier of A. H.")
    text = pdftools.text(person.build(dataclasses.replace(dossier, identity=identity, meta=meta)))
    assert "identified in this document by initials only (A. H.), as the consent" in text
    for form in (samples.ARMENIAN, samples.CYRILLIC, samples.LATIN):
        assert form not in text


def test_death_record_when_deceased(dossier: PersonDossier) -> None:
    identity = dataclasses.replace(
        dossier.identity, current_status=PersonStatus.DECEASED, current_status_label="Deceased"
    )
    text = pdftools.text(
        person.build(dataclasses.replace(dossier, identity=identity, death=samples.death_entry()))
    )
    assert "Manner (Minnesota Protocol) Homicide" in text
    assert "Remains returned Yes, 1 Feb 2021" in text


def test_progress_is_reported_up_to_the_total(dossier: PersonDossier) -> None:
    calls: list[tuple[int, int]] = []
    person.build(dossier, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1] == len(SECTION_TITLES) + 1
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) == len(SECTION_TITLES) + 1


def test_poppler_reads_the_same_text(pdf: bytes, dossier: PersonDossier) -> None:
    text = pdftools.pdftotext(pdf)
    for name in dossier.identity.names:
        assert name.text in text


def test_an_unassessed_proceeding_gets_one_line_not_fifteen_rows(dossier: PersonDossier) -> None:
    blank = tuple(
        dataclasses.replace(r, finding=Finding.NO_INFORMATION, rationale=None, notes=())
        for r in dossier.proceedings[0].matrix
    )
    proceeding = dataclasses.replace(dossier.proceedings[0], matrix=blank)
    text = pdftools.text(person.build(dataclasses.replace(dossier, proceedings=(proceeding,))))
    assert "No fair-trial assessment recorded for this proceeding" in text
    assert "G08 Witnesses; equality of arms" not in text


def test_a_procedural_allegation_has_no_empty_medical_block(dossier: PersonDossier) -> None:
    procedural = dataclasses.replace(
        dossier.allegations[0], act_type=ActType.DENIAL_OF_COUNSEL, medical=()
    )
    harm = dataclasses.replace(dossier.allegations[0], medical=())
    text = pdftools.text(person.build(dataclasses.replace(dossier, allegations=(procedural, harm))))
    assert text.count("Medical evaluation (Istanbul Protocol)") == 1
    assert "No medical evaluation recorded." in text
