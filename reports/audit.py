"""The citation audit report, for the organisation's internal review (issue 5 item 4).

Public API::

    reports.audit.build(report: AuditReport, progress=None) -> bytes

Findings are counted by severity, listed for every rule that ran (zero included), then
grouped by rule and by person, each with the record it concerns and the fix. The outline
has an entry per rule and per person. Long lists are laid out a page at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from casebook.services.dto import AuditFindingRow, AuditReport, AuditRuleSummary
from reports import styles
from reports.blocks import fraction_widths, grid, paragraphs, subheading
from reports.cover import cover
from reports.document import Progress, ProgressCallback, render
from reports.longtable import PagedTable
from reports.text import Markup, Para, bold, code_lines, coloured, empty, esc, join
from reports.toc import Book, TocEntry

SEVERITIES = ("error", "warning", "note")
SEVERITY_MEANING = {
    "error": "must be fixed before any output leaves the organisation",
    "warning": "weakens the documentation; fix or record why not",
    "note": "worth a look",
}
RULE_WIDTHS = fraction_widths(0.22, 0.1, 0.28, 0.1, 0.30)
BY_RULE_WIDTHS = fraction_widths(0.16, 0.2, 0.34, 0.30)
BY_PERSON_WIDTHS = fraction_widths(0.19, 0.09, 0.14, 0.30, 0.28)


def rule_code(rule_id: str, width: float, style: ParagraphStyle = styles.CELL_BOLD) -> Markup:
    room = width - 2 * styles.CELL_PADDING - 1
    return bold(code_lines(rule_id, room, styles.SANS_BOLD, style.fontSize))


def severity(value: str) -> Markup:
    colour = styles.SEVERITY_COLOURS.get(value.lower())
    return Markup(f"<b>{coloured(value, styles.hex_of(colour))}</b>") if colour else esc(value)


def build(report: AuditReport, progress: ProgressCallback | None = None) -> bytes:
    """The audit report as PDF bytes (the same DTO always gives the same bytes)."""
    book = Book()
    titles = {r.rule_id: r for r in report.rules}
    summary = book.declare("Summary", 0, "1")
    rules = book.declare("Rules checked", 0, "2")
    by_rule = book.declare("Findings by rule", 0, "3")
    rule_entries = [
        book.declare(_rule_title(rule_id, rows, titles), 1, f"3.{i}")
        for i, (rule_id, rows) in enumerate(report.by_rule, start=1)
    ]
    by_person = book.declare("Findings by person", 0, "4", closed=True)
    total = 4
    done: list[int] = [0]

    def step() -> Progress:
        done[0] += 1
        return Progress(progress, done[0], total)

    def story() -> Iterator[Flowable]:
        rows = [(c.label, f"{c.value:,}") for c in report.totals]
        about = [
            Para(join([bold("Scope:"), join(report.scope, "; ") or "everything"]), styles.BODY)
        ]
        yield from cover(report.meta, about, rows, book)
        yield from book.heading(summary)
        yield from _summary(report)
        yield step()
        yield from book.heading(rules)
        yield from _rules(report.rules)
        yield step()
        yield from book.heading(by_rule)
        yield from _by_rule(book, report, rule_entries, titles)
        yield step()
        yield from book.heading(by_person)
        yield from _by_person(book, report)
        yield step()

    result = render(report.meta, book, story())
    if progress is not None:
        progress(total, total)
    return result


def _rule_title(
    rule_id: str, rows: Sequence[AuditFindingRow], titles: dict[str, AuditRuleSummary]
) -> str:
    rule = titles.get(rule_id)
    name = f"{rule_id}: {rule.title}" if rule is not None else rule_id
    return f"{name} ({len(rows):,})"


def _summary(report: AuditReport) -> Iterator[Flowable]:
    if report.totals:
        rows = [
            [severity(c.label), f"{c.value:,}", SEVERITY_MEANING.get(c.code.lower(), "")]
            for c in report.totals
        ]
        yield from grid(
            rows, fraction_widths(0.2, 0.14, 0.66), header=["Severity", "Findings", "Meaning"]
        )
    else:
        yield empty()
    yield from subheading(bold("Scope"))
    yield from paragraphs(list(report.scope) or ["Everything."], styles.BODY_TIGHT)


def _rules(rules: Sequence[AuditRuleSummary]) -> Iterator[Flowable]:
    if not rules:
        yield empty("No rule ran.")
        return
    rows = [
        [rule_code(r.rule_id, RULE_WIDTHS[0]), severity(r.severity), r.title, f"{r.count:,}", r.fix]
        for r in rules
    ]
    header = ["Rule", "Severity", "Checks", "Findings", "How to fix"]
    yield from grid(rows, RULE_WIDTHS, header=header, head=styles.CELL_HEAD_SMALL)


def _person(row: AuditFindingRow) -> str | None:
    if row.person_code and row.person_display:
        return f"{row.person_code} {row.person_display}"
    return row.person_code or row.person_display


def _by_rule(
    book: Book,
    report: AuditReport,
    entries: list[TocEntry],
    titles: dict[str, AuditRuleSummary],
) -> Iterator[Flowable]:
    if not report.by_rule:
        yield empty("No finding.")
    for entry, (rule_id, rows) in zip(entries, report.by_rule, strict=True):
        yield from book.heading(entry)
        rule = titles.get(rule_id)
        if rule is not None:
            yield Para(join([severity(rule.severity), bold("Fix:"), rule.fix]), styles.BODY)
        if not rows:
            yield empty("No finding.")
            continue
        cells = ([r.record, _person(r), r.message, r.fix] for r in rows)
        yield PagedTable(
            ["Record", "Person", "Finding", "Fix"], BY_RULE_WIDTHS, cells, cell=styles.COMPACT
        )


def _by_person(book: Book, report: AuditReport) -> Iterator[Flowable]:
    if not report.by_person:
        yield empty("No finding.")
    for label, rows in report.by_person:
        count = f"{len(rows):,} finding" + ("" if len(rows) == 1 else "s")
        yield from subheading(join([label, f"({count})"]), styles.H2)
        yield book.mark(f"{label} ({count})", 1)
        if not rows:
            yield empty("No finding.")
            continue
        cells: Iterator[Sequence[object]] = (
            [
                rule_code(r.rule_id, BY_PERSON_WIDTHS[0], styles.COMPACT),
                severity(r.severity),
                r.record,
                r.message,
                r.fix,
            ]
            for r in rows
        )
        header = ["Rule", "Severity", "Record", "Finding", "Fix"]
        yield PagedTable(header, BY_PERSON_WIDTHS, cells, cell=styles.COMPACT)
