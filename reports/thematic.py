"""The thematic report over a selection of persons.

Public API::

    reports.thematic.build(report: ThematicReport, progress=None) -> bytes

``progress(done, total)`` counts the sections and the persons of the case table
(``total = sections + persons``), called as they are laid out. The story is a generator
and the long tables (case table, transliteration table) are made a page at a time
(``reports.longtable``), so a 10,000-person report is laid out in one pass without ever
holding its whole story. Every figure says which statuses or categories it counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Spacer

from casebook.services.dto import CaseRow, Figure, ThematicReport, Theme
from casebook.vocab import AllegationStatus, Finding
from reports import charts, styles
from reports.allegations import STATUS_MEANING
from reports.blocks import caption, fraction_widths, grid, paragraphs, prose, subheading
from reports.citations import Citations, annex, source_anchor
from reports.cover import cover
from reports.document import Progress, ProgressCallback, render
from reports.longtable import PagedTable
from reports.page import cutoff_text
from reports.text import Markup, Para, bold, empty, esc, goto, join, para
from reports.toc import Book, TocEntry

CASE_WIDTHS = fraction_widths(0.075, 0.16, 0.14, 0.10, 0.16, 0.18, 0.10, 0.085)
CASE_HEADER = [
    "Code",
    "Name",
    "Category, status",
    "Captured",
    "Held at",
    "Allegations",
    "Trial",
    "Sources",
]
NAME_WIDTHS = fraction_widths(0.10, 0.30, 0.30, 0.30)

Section = Callable[["_Build"], Iterator[Flowable]]


@dataclass
class _Build:
    report: ThematicReport
    book: Book
    cites: Citations
    progress: ProgressCallback | None
    total: int
    sections_done: int = 0
    persons_done: int = 0
    themes: list[TocEntry] = field(default_factory=list)
    case_keys: dict[str, str] = field(default_factory=dict)  # first row of each code

    def persons_laid_out(self, persons: int) -> None:
        self.persons_done = persons
        self._report()

    def section_laid_out(self) -> None:
        self.sections_done += 1
        self._report()

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.sections_done + self.persons_done, self.total)


def build(report: ThematicReport, progress: ProgressCallback | None = None) -> bytes:
    """The thematic report as PDF bytes (the same DTO always gives the same bytes)."""
    book = Book()
    result = render(report.meta, book, story(report, book, progress))
    if progress is not None:
        total = len(SECTIONS) + len(report.cases)
        progress(total, total)
    return result


def story(
    report: ThematicReport, book: Book, progress: ProgressCallback | None = None
) -> Iterator[Flowable]:
    """The report's flowables, made as the layout asks for them. ``build`` lays them out
    on the casebook page furniture; the benchmark lays them out bare, with a ``Book``
    that makes no contents, anchors or bookmarks, as the single-pass baseline."""
    total = len(SECTIONS) + len(report.cases)
    state = _Build(report, book, Citations(report.notes, report.sources), progress, total)
    plan: list[tuple[TocEntry, Section]] = []
    for number, (title, func) in enumerate(SECTIONS, start=1):
        entry = book.declare(title, 0, str(number), closed=func is _cases)
        plan.append((entry, func))
        if func is _themes:
            state.themes = [
                book.declare(t.title, 1, f"{number}.{i}")
                for i, t in enumerate(report.themes, start=1)
            ]
    for index, row in enumerate(report.cases):
        state.case_keys.setdefault(row.code, f"case-{index}")
    return _story(state, plan)


def _story(state: _Build, plan: list[tuple[TocEntry, Section]]) -> Iterator[Flowable]:
    r = state.report
    about = [
        Para(join([bold("Selection:"), join(r.selection, "; ") or "all records"]), styles.BODY)
    ]
    rows = [("Persons in the selection", f"{len(r.cases):,}"), ("Sources", f"{len(r.sources):,}")]
    yield from cover(r.meta, about, rows, state.book)
    for entry, func in plan:
        yield from state.book.heading(entry)
        yield from func(state)
        yield from state.cites.endnotes()
        yield Progress(lambda done, total: state.section_laid_out(), 0, 0)


# --- sections --------------------------------------------------------------------------


def _figures(state: _Build) -> Iterator[Flowable]:
    r = state.report
    if r.key_figures:
        rows = [[f.label, f"{f.value:,}", f.counts] for f in r.key_figures]
        yield from grid(
            rows, fraction_widths(0.42, 0.12, 0.46), header=["Figure", "Number", "What it counts"]
        )
    else:
        yield empty()
    yield from subheading(bold("Selection"))
    lines = [s for s in r.selection if s and s.strip()] or ["All records."]
    yield from paragraphs(lines, styles.BODY_TIGHT)


def _figure_table(figures: Sequence[Figure]) -> list[Flowable]:
    rows = [[f.label, f"{f.value:,}", f.counts] for f in figures]
    return grid(
        rows, fraction_widths(0.42, 0.12, 0.46), header=["Figure", "Number", "What it counts"]
    )


def _methodology(state: _Build) -> Iterator[Flowable]:
    r = state.report
    yield from prose(r.methodology)
    yield from subheading(bold("Grading and corroboration"))
    yield para(
        "Sources are graded once for reliability on the Admiralty scale (A completely reliable "
        "to E unreliable, F cannot be judged); every citation is graded separately for "
        "credibility (1 confirmed to 5 improbable, 6 cannot be judged). An allegation's status "
        "follows from its citations:",
        styles.BODY,
    )
    rows = [[status.label, STATUS_MEANING[status]] for status in AllegationStatus]
    yield from grid(rows, fraction_widths(0.22, 0.78), header=["Status", "Rule"])
    yield Spacer(1, 4)
    yield para(
        f"Figures count the records as they stood at the cut-off, {cutoff_text(r.meta)} UTC.",
        styles.BODY,
    )


def _chart(title: str, drawing: Drawing | None, then: list[Flowable]) -> Iterator[Flowable]:
    """A chart under its heading (kept on one page with it), then its table and caption."""
    room = (drawing.height if drawing is not None else 0) + styles.MINOR_ROOM
    yield from subheading(bold(title), styles.H2, room=room)
    if drawing is None:
        yield empty()
        return
    yield drawing
    yield from then


def _overview(state: _Build) -> Iterator[Flowable]:
    yield from _by_act(state.report)
    yield from _by_status(state.report)
    yield from _matrix(state.report)
    yield from _timeline(state.report)


def _by_act(r: ThematicReport) -> Iterator[Flowable]:
    statuses = list(AllegationStatus)
    acts = [(act, dict(counts)) for act, counts in r.allegations_by_act]
    values = [[counts.get(s, 0) for s in statuses] for _, counts in acts]
    series = [charts.Series(s.label, styles.STATUS_COLOURS[s.value]) for s in statuses]
    drawing = charts.bars([act.label for act, _ in acts], values, series) if acts else None
    rows = [
        [act.label, *(f"{v:,}" for v in row), f"{sum(row):,}"]
        for (act, _), row in zip(acts, values, strict=True)
    ]
    header = ["Act", *(s.label for s in statuses), "Total"]
    widths = fraction_widths(0.25, *([0.125] * 6))
    table = grid(rows, widths, header=header, head=styles.CELL_HEAD_SMALL)
    note = caption(
        "Allegations of every status, each counted under its status; totals include retracted ones."
    )
    yield from _chart("Allegations by act type and status", drawing, [*table, note])


def _by_status(r: ThematicReport) -> Iterator[Flowable]:
    counts = r.persons_by_status
    drawing = (
        charts.bars(
            [c.label for c in counts],
            [[c.value] for c in counts],
            [charts.Series("Persons", styles.ACCENT)],
        )
        if counts
        else None
    )
    note = caption("Each person is counted once, under the current status recorded at the cut-off.")
    yield from _chart("Persons by current status", drawing, [note])


def _matrix(r: ThematicReport) -> Iterator[Flowable]:
    findings = list(Finding)
    values = [[dict(m.by_finding).get(f, 0) for f in findings] for m in r.matrix]
    series = [charts.Series(f.label, styles.FINDING_COLOURS[f.value][1]) for f in findings]
    labels = [f"{m.guarantee.value} {m.guarantee.label}" for m in r.matrix]
    drawing = charts.bars(labels, values, series, label_width=210) if r.matrix else None
    rows = [
        [m.guarantee.value, m.guarantee.label, *(f"{v:,}" for v in row)]
        for m, row in zip(r.matrix, values, strict=True)
    ]
    header = ["Code", "Guarantee", *(f.label for f in findings)]
    widths = fraction_widths(0.07, 0.305, *([0.125] * 5))
    table = grid(rows, widths, header=header, head=styles.CELL_HEAD_SMALL)
    note = caption("Proceedings assessed, counted by the finding recorded for each guarantee.")
    yield from _chart("Fair-trial guarantees across all proceedings", drawing, [*table, note])


def _timeline(r: ThematicReport) -> Iterator[Flowable]:
    series = [
        charts.Series("Captures", styles.ACCENT),
        charts.Series("Verdicts", styles.STATUS_COLOURS["DISPUTED"]),
    ]
    values = [[m.captures, m.verdicts] for m in r.timeline]
    drawing = charts.timeline([m.month for m in r.timeline], values, series) if r.timeline else None
    captures = sum(m.captures for m in r.timeline)
    verdicts = sum(m.verdicts for m in r.timeline)
    note = caption(
        f"{captures:,} captures or arrests and {verdicts:,} verdicts (any instance), by the month "
        "recorded; events dated only to the year are not shown."
    )
    yield from _chart("Captures and verdicts by month", drawing, [note])


def _themes(state: _Build) -> Iterator[Flowable]:
    if not state.report.themes:
        yield empty()
    for entry, theme in zip(state.themes, state.report.themes, strict=True):
        yield from state.book.heading(entry)
        yield from _theme(state, theme)
        yield from state.cites.endnotes()


def _theme(state: _Build, theme: Theme) -> Iterator[Flowable]:
    texts = [t for t in theme.paragraphs if t and t.strip()]
    if texts:
        for t in texts[:-1]:
            yield para(t, styles.BODY)
        yield Para(Markup(f"{esc(texts[-1])}{state.cites.refs(theme.notes)}"), styles.BODY)
    else:
        yield empty()
        if theme.notes:
            yield Para(Markup(f"Sources: {state.cites.listed(theme.notes)}"), styles.BODY)
    if theme.figures:
        yield from _figure_table(theme.figures)
        yield Spacer(1, 5)
    if theme.key == "trials" and state.report.matrix:
        yield para("The aggregate fair-trial matrix is in section 3.", styles.SMALL)
    if theme.cases:
        links = [
            goto(state.case_keys[c], c) if c in state.case_keys else esc(c) for c in theme.cases
        ]
        yield Para(Markup(f"{bold('Cases concerned:')} {', '.join(links)}"), styles.BODY)


def _responses(state: _Build) -> Iterator[Flowable]:
    responses = state.report.state_responses
    if not responses:
        yield empty()
        return
    counts = [[c.value] for c in responses]
    yield charts.bars(
        [c.label for c in responses], counts, [charts.Series("Allegations", styles.ACCENT)]
    )
    yield caption("Allegations, by the response of the detaining state recorded for each.")


def _case_cells(state: _Build, index: int, row: CaseRow) -> list[object]:
    title = f"{row.code} {row.display_name}"
    code = state.book.mark(title, 1, key=f"case-{index}", text=row.code, style=styles.COMPACT_BOLD)
    sources = [goto(source_anchor(n), f"S-{n}") for n in row.sources]
    return [
        code,
        row.display_name,
        join([row.category_label, row.status_label], ", "),
        row.capture.text() if row.capture else None,
        row.held_at,
        Markup("<br/>".join(esc(a) for a in row.allegations)) if row.allegations else None,
        row.proceedings,
        Markup(", ".join(sources)) if sources else None,
    ]


def _cases(state: _Build) -> Iterator[Flowable]:
    cases = state.report.cases
    if not cases:
        yield empty("No person in the selection.")
        return
    yield para(
        f"{len(cases):,} persons, in the order of the selection. Names appear as the "
        "consent on record allows.",
        styles.SMALL,
    )
    rows = (_case_cells(state, i, row) for i, row in enumerate(cases))
    yield PagedTable(
        CASE_HEADER, CASE_WIDTHS, rows, on_rows=state.persons_laid_out, cell=styles.COMPACT
    )


def _sources(state: _Build) -> Iterator[Flowable]:
    sources = state.report.sources
    if not sources:
        yield empty("No source cited.")
        return
    yield para("Sources are numbered as cited in the case table and the notes.", styles.SMALL)
    yield from annex(sources)


def _transliteration(state: _Build) -> Iterator[Flowable]:
    rows = state.report.transliteration
    if not rows:
        yield empty("No person named in full in this report.")
        return
    yield para("Each name as recorded in each script (not machine transliteration).", styles.SMALL)
    cells = ([t.code, t.armenian, t.latin, t.cyrillic] for t in rows)
    yield PagedTable(["Code", "Armenian", "Latin", "Cyrillic"], NAME_WIDTHS, cells)


def _limitations(state: _Build) -> Iterator[Flowable]:
    texts = state.report.limitations
    yield from prose(texts)


SECTIONS: tuple[tuple[str, Section], ...] = (
    ("Key figures", _figures),
    ("Methodology", _methodology),
    ("Overview in figures", _overview),
    ("Findings by theme", _themes),
    ("State responses", _responses),
    ("Case table", _cases),
    ("Sources", _sources),
    ("Transliteration table", _transliteration),
    ("Limitations", _limitations),
)
