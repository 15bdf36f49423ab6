"""The thematic report, read back with pypdf, qpdf and poppler."""

from __future__ import annotations

import dataclasses

import pytest

from casebook.services.dto import ThematicReport
from casebook.vocab import Audience
from reports import thematic
from tests.reports import pdftools, samples

SECTION_TITLES = [title for title, _ in thematic.SECTIONS]
PERSONS = 60


@pytest.fixture(scope="module")
def report() -> ThematicReport:
    return samples.thematic_report(PERSONS)


@pytest.fixture(scope="module")
def pdf(report: ThematicReport) -> bytes:
    return thematic.build(report)


@pytest.fixture(scope="module")
def text(pdf: bytes) -> str:
    return pdftools.text(pdf)


def test_every_section_in_the_contents_and_in_order(text: str) -> None:
    last = f"{len(SECTION_TITLES)} {SECTION_TITLES[-1]}"
    body = text[text.index(last) + len(last) :]
    positions = [body.index(f"{n} {t}") for n, t in enumerate(SECTION_TITLES, start=1)]
    assert positions == sorted(positions)


def test_key_figures_state_what_they_count(text: str, report: ThematicReport) -> None:
    for figure in report.key_figures:
        assert pdftools.norm(f"{figure.label} {figure.value:,} {figure.counts}") in text


def test_charts_and_their_tables(text: str, report: ThematicReport) -> None:
    for title in (
        "Allegations by act type and status",
        "Persons by current status",
        "Fair-trial guarantees across all proceedings",
        "Captures and verdicts by month",
    ):
        assert title in text
    act, counts = report.allegations_by_act[0]
    row = " ".join(f"{v:,}" for _, v in counts)
    assert f"{act.label} {row} {sum(v for _, v in counts):,}" in text
    assert "G10 No compelled confession; torture evidence excluded" in text
    assert "Oct 2020" in text  # a month on the timeline axis


def test_case_table_lists_every_person_with_header_on_every_page(
    pdf: bytes, report: ThematicReport
) -> None:
    pages = [pdftools.norm(p) for p in pdftools.page_texts(pdf)]
    table_pages = [p for p in pages if "Code Name Category, status Captured" in p]
    assert len(table_pages) >= 3
    joined = " ".join(pages)
    for row in report.cases:
        assert f"{row.code} {pdftools.norm(row.display_name)}" in joined, row.code
    for p in table_pages:
        assert p.count("Code Name Category, status Captured") == 1


def test_transliteration_table_has_every_script(text: str, report: ThematicReport) -> None:
    for row in report.transliteration[:20]:
        assert pdftools.norm(f"{row.code} {row.armenian} {row.latin} {row.cyrillic}") in text


def test_sources_and_notes(text: str, report: ThematicReport) -> None:
    for source in report.sources:
        assert (
            pdftools.norm(f"{source.label} {source.reference if source.coded else source.title}")
            in text
        )
    assert "1 S-1, Invented report number 1 on detention conditions, p. 4, credibility 2" in text


def test_outline_has_sections_themes_and_one_entry_per_person(
    pdf: bytes, report: ThematicReport
) -> None:
    titles = pdftools.outline_titles(pdf)
    top = [t for level, t in titles if level == 0]
    assert top == [f"{n} {t}" for n, t in enumerate(SECTION_TITLES, start=1)]
    nested = [t for level, t in titles if level == 1]
    themes = [f"4.{i} {t.title}" for i, t in enumerate(report.themes, start=1)]
    persons = [f"{row.code} {row.display_name}" for row in report.cases]
    assert nested == themes + persons


def test_theme_case_links_lead_to_the_case_table(pdf: bytes) -> None:
    reader = pdftools.reader(pdf)
    pages = [pdftools.norm(p) for p in pdftools.page_texts(pdf)]
    theme_page = next(i for i, p in enumerate(pages) if "Cases concerned: P-1, P-2" in p)
    targets = set()
    for annot in reader.pages[theme_page].get("/Annots") or []:
        dest = annot.get_object().get("/Dest")
        if dest is not None:
            targets.add(reader.get_page_number(dest[0].get_object()))
    assert any("Code Name Category, status Captured" in pages[t] for t in targets)


def test_page_furniture_and_checks(pdf: bytes, report: ThematicReport) -> None:
    pages = pdftools.page_texts(pdf)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in pdftools.norm(page)
        assert pdftools.norm(page).count("PARTNER - NOT FOR PUBLICATION") == 2
    assert pdftools.qpdf_check(pdf).returncode == 0
    assert all(f["emb"] == "yes" for f in pdftools.pdffonts(pdf))
    info = pdftools.metadata(pdf)
    assert info["/Title"] == report.meta.title
    assert info["/CasebookReference"] == report.meta.reference
    assert info["/CasebookKind"] == "THEMATIC"


def test_progress_counts_sections_and_persons(report: ThematicReport) -> None:
    calls: list[tuple[int, int]] = []
    thematic.build(report, progress=lambda done, total: calls.append((done, total)))
    total = len(SECTION_TITLES) + PERSONS
    assert all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1] == (total, total)
    assert any(0 < d - 5 < PERSONS for d, _ in calls)  # moved on inside the case table


def test_an_empty_report_still_has_every_section() -> None:
    empty = dataclasses.replace(
        samples.thematic_report(0, Audience.PUBLIC),
        key_figures=(),
        allegations_by_act=(),
        persons_by_status=(),
        matrix=(),
        timeline=(),
        themes=(),
        state_responses=(),
        cases=(),
        sources=(),
        notes=(),
        transliteration=(),
        methodology=(),
        limitations=(),
    )
    pdf = thematic.build(empty)
    text = pdftools.text(pdf)
    for n, title in enumerate(SECTION_TITLES, start=1):
        assert f"{n} {title}" in text
    assert "No person in the selection." in text
    assert text.count("No information recorded.") >= 5
    assert pdftools.qpdf_check(pdf).returncode == 0


def test_poppler_reads_the_names(pdf: bytes, report: ThematicReport) -> None:
    text = pdftools.pdftotext(pdf)
    row = report.transliteration[0]
    for name in (row.armenian, row.latin, row.cyrillic):
        assert name is not None and name in text
