"""The citation audit report (internal review), read back with pypdf and qpdf."""

from __future__ import annotations

import dataclasses

from casebook.services.dto import AuditFindingRow, AuditReport
from reports import audit
from tests.reports import pdftools, samples


def test_totals_rules_and_findings_by_rule_and_person() -> None:
    report = samples.audit_report()
    pdf = audit.build(report)
    text = pdftools.text(pdf)
    for count in report.totals:
        assert f"{count.label} {count.value}" in text
    for rule in report.rules:
        assert pdftools.squash(rule.rule_id) in pdftools.squash(text)
        assert rule.title in text
    assert (
        "NAMES-ONE-SCRIPT note Names in only one script 0 Add name forms." in text
    )  # zero rules too
    for _, rows in report.by_rule:
        for row in rows:
            assert f"{row.record}" in text
            assert row.message in text and row.fix in text
    assert f"P-3 {samples.ARMENIAN} (2 findings)" in text
    assert "No person (1 finding)" in text
    assert pdftools.qpdf_check(pdf).returncode == 0
    assert all(f["emb"] == "yes" for f in pdftools.pdffonts(pdf))


def test_outline_has_each_rule_and_each_person() -> None:
    pdf = audit.build(samples.audit_report())
    titles = pdftools.outline_titles(pdf)
    assert [t for level, t in titles if level == 0] == [
        "1 Summary",
        "2 Rules checked",
        "3 Findings by rule",
        "4 Findings by person",
    ]
    nested = [t for level, t in titles if level == 1]
    assert nested == [
        "3.1 CLAIM-UNCITED: Claim without citation (1)",
        "3.2 SOURCE-UNGRADED: Ungraded source (1)",
        "3.3 ALLEGATION-SINGLE-SOURCE: Single-source allegation (1)",
        f"P-3 {samples.ARMENIAN} (2 findings)",
        "No person (1 finding)",
    ]


def test_thousands_of_findings_split_over_pages_with_the_header_on_each() -> None:
    base = samples.audit_report()
    rows = tuple(
        AuditFindingRow(
            "CLAIM-UNCITED",
            "error",
            f"custody event {i}",
            f"P-{i % 40}",
            samples.CYRILLIC,
            "The custody event has no citation.",
            "Cite a source.",
        )
        for i in range(1500)
    )
    report = dataclasses.replace(
        base, by_rule=(("CLAIM-UNCITED", rows),), by_person=(("P-all", rows),)
    )
    pdf = audit.build(report)
    pages = [pdftools.norm(p) for p in pdftools.page_texts(pdf)]
    assert len(pages) > 40
    text = " ".join(pages)
    for i in (0, 749, 1499):
        assert f"custody event {i} " in text
    rule_pages = [p for p in pages if "Record Person Finding Fix" in p]
    person_pages = [p for p in pages if "Rule Severity Record Finding Fix" in p]
    assert len(rule_pages) > 15 and len(person_pages) > 15
    assert all(p.count("Record Person Finding Fix") == 1 for p in rule_pages)


def test_an_empty_audit() -> None:
    report: AuditReport = dataclasses.replace(
        samples.audit_report(), totals=(), rules=(), by_rule=(), by_person=(), scope=()
    )
    text = pdftools.text(audit.build(report))
    assert "No rule ran." in text
    assert text.count("No finding.") == 2


def test_progress() -> None:
    calls: list[tuple[int, int]] = []
    audit.build(samples.audit_report(), progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (4, 4)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
