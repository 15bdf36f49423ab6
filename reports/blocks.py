"""Layout pieces shared by the builders: tables with explicit widths, label/value blocks,
status badges, date formatting.

Tables set the font for every cell (a plain string cell would otherwise fall back to
Helvetica), repeat their header row when they split, and may split inside a row
(``splitInRow``), so a cell holding a 10,000-character field flows over pages instead of
raising a layout error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from reportlab.lib.colors import Color, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from casebook.services.dto import MONTHS, FuzzyDate
from reports import styles
from reports.text import (
    DASH,
    Markup,
    Para,
    bold,
    cell,
    clean,
    empty,
    esc,
    fitted,
    italic,
    line,
    para,
)

NOT_RECORDED = "not recorded"


def day_text(value: date | datetime | FuzzyDate | None) -> str:
    """Dates as the documents write them: "12 Nov 2020", "12 Nov 2020, 14:30 UTC"."""
    if value is None:
        return ""
    if isinstance(value, FuzzyDate):
        return value.text()
    if isinstance(value, datetime):
        utc = value.astimezone(UTC) if value.tzinfo else value
        return f"{utc.day} {MONTHS[utc.month - 1]} {utc.year}, {utc:%H:%M} UTC"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def span(start: FuzzyDate | date | None, end: date | FuzzyDate | None) -> str:
    first, last = day_text(start), day_text(end)
    if first and last and first != last:
        return f"{first} \u2013 {last}"
    return first or (f"until {last}" if last else "")


def fraction_widths(*fractions: float, total: float = styles.FRAME_WIDTH) -> list[float]:
    """Column widths as fractions of the frame width (the last takes what is left)."""
    widths = [total * f for f in fractions[:-1]]
    widths.append(total - sum(widths))
    return widths


def table_style(
    header: bool, zebra: bool, rows: int, cell: ParagraphStyle = styles.CELL
) -> list[tuple[Any, ...]]:
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.SANS),
        ("FONTSIZE", (0, 0), (-1, -1), cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), styles.INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), styles.CELL_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.CELL_BOTTOM),
        ("LINEBELOW", (0, 0), (-1, -1), 0.35, styles.GRID),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), styles.HEADER_FILL),
            ("FONTNAME", (0, 0), (-1, 0), styles.SANS_BOLD),
            ("TEXTCOLOR", (0, 0), (-1, 0), styles.ACCENT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.ACCENT),
        ]
    if zebra and rows > (2 if header else 1):
        commands.append(
            ("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [white, styles.ZEBRA])
        )
    return commands


_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&[a-z]+;|&#\d+;")


def visible_length(markup: Markup) -> int:
    """About how many characters ``markup`` shows (tags left out, entities as one)."""
    return len(_ENTITY.sub("_", _TAG.sub("", markup)))


class Overflow:
    """Cell content too long for its column moves below the table, in full.

    A cell of ``CHARS_PER_POINT`` characters per point of column width or more (about 25
    lines) shows "continued below (C1)" and the table is followed by "C1 Column: full text".
    Nothing is cut, the table stays readable, and ReportLab never re-wraps a page-long cell
    at every page break (which costs minutes for a 10,000-character field)."""

    CHARS_PER_POINT = 4.0

    def __init__(self) -> None:
        self.items: list[tuple[str, Markup]] = []

    def cell(self, value: object, width: float, label: str, style: ParagraphStyle) -> object:
        if value is None or value == "":
            return DASH
        limit = width * self.CHARS_PER_POINT
        if not isinstance(value, Markup):
            text = clean(value)
            if len(text) <= 120:
                return cell(text, style, width)
            if len(text) <= limit:
                return para(text, style)
            value = esc(text)
        elif visible_length(value) <= limit:
            return Para(value, style)
        self.items.append((label, value))
        return Para(italic(f"continued below (C{len(self.items)})"), style)

    def flowables(self, start: int = 0, stop: int | None = None) -> list[Flowable]:
        """The notes (all, or those numbered ``start + 1`` to ``stop``)."""
        chosen = self.items[start:stop]
        return [
            Para(Markup(f"{bold(f'C{n}')}\u2003{bold(label + ':')} {text}"), styles.NOTE)
            for n, (label, text) in enumerate(chosen, start=start + 1)
        ]


def grid(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    header: Sequence[str] | None = None,
    zebra: bool = True,
    extra: Sequence[tuple[Any, ...]] = (),
    head: ParagraphStyle = styles.CELL_HEAD,
) -> list[Flowable]:
    """A table with explicit column widths (plain values and Markup become cells), followed
    by any cell content too long for its column. ``head`` styles the header row
    (``styles.CELL_HEAD_SMALL`` for tables of narrow number columns)."""
    data: list[list[object]] = []
    if header is not None:
        data.append([para(h, head) for h in header])
    overflow = Overflow()
    for number, row in enumerate(rows, start=1):
        data.append(cells(row, widths, header, number, overflow))
    result = Table(
        data,
        colWidths=list(widths),
        repeatRows=1 if header is not None else 0,
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    result.setStyle(TableStyle([*table_style(header is not None, zebra, len(data)), *extra]))
    return [result, *overflow.flowables()]


def cells(
    row: Sequence[object],
    widths: Sequence[float],
    header: Sequence[str] | None,
    number: int,
    overflow: Overflow,
    style: ParagraphStyle = styles.CELL,
) -> list[object]:
    """One table row: flowables as they are, everything else a cell (long ones overflow)."""
    labels = header if header is not None else [""] * len(widths)
    return [
        value
        if isinstance(value, Flowable | list)
        else overflow.cell(
            value, width, f"{name}, row {number}" if name else f"row {number}", style
        )
        for value, width, name in zip(row, widths, labels, strict=True)
    ]


def facts(rows: Sequence[tuple[str, object]], label_width: float = 0.27) -> list[Flowable]:
    """A label / value block ("Court", "Case number"...); missing values say so."""
    widths = fraction_widths(label_width, 1 - label_width)
    overflow = Overflow()
    data = [
        [
            cell(label, styles.CELL_LABEL, widths[0]),
            value
            if isinstance(value, Flowable)
            else overflow.cell(value, widths[1], label, styles.CELL)
            if value is not None and not (isinstance(value, str) and not value.strip())
            else para(NOT_RECORDED, styles.CELL_MISSING),
        ]
        for label, value in rows
    ]
    result = Table(data, colWidths=widths, splitByRow=1, splitInRow=1, hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                *table_style(header=False, zebra=False, rows=len(data)),
                ("LINEABOVE", (0, 0), (-1, 0), 0.35, styles.GRID),
                ("FONTNAME", (0, 0), (0, -1), styles.SANS_BOLD),
                ("TEXTCOLOR", (0, 0), (0, -1), styles.MUTED),
            ]
        )
    )
    return [result, *overflow.flowables()]


class Badge(Flowable):  # type: ignore[misc]
    """A coloured status label ("CORROBORATED") drawn as a rounded box."""

    def __init__(
        self, label: str, colour: Color, size: float = 7.6, note: str | None = None
    ) -> None:
        super().__init__()
        self.label = line(label.upper())
        self.colour = colour
        self.size = size
        self.note = note
        self.box_width = styles.string_width(self.label, styles.SANS_BOLD, size) + 12
        self.height = size + 7

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setFillColor(self.colour)
        canv.roundRect(0, 0, self.box_width, self.height, 2.5, stroke=0, fill=1)
        canv.setFillColor(white)
        canv.setFont(styles.SANS_BOLD, self.size)
        canv.drawString(6, 3.6, self.label)
        if self.note:
            room = self.width - self.box_width - 10
            note = fitted(self.note, room, styles.SANS_ITALIC, self.size + 0.4)
            canv.setFont(styles.SANS_ITALIC, self.size + 0.4)
            canv.setFillColor(styles.MUTED)
            canv.drawString(self.box_width + 8, 3.6, note)


def box(content: Sequence[Flowable], fill: Color, border: Color | None = None) -> Table:
    """Content on a tinted panel (the urgency notice, statements)."""
    result = Table([[list(content)]], colWidths=[styles.FRAME_WIDTH], splitInRow=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.SANS),
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if border is not None:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), 2.5, border))
    result.setStyle(TableStyle(commands))
    return result


def paragraphs(texts: Sequence[str], style: ParagraphStyle = styles.BODY) -> list[Flowable]:
    """Each text as its own paragraph (blank texts skipped)."""
    return [para(t, style) for t in texts if t and t.strip()]


def prose(texts: Sequence[str]) -> list[Flowable]:
    """Paragraphs, or "No information recorded." when there is no text at all."""
    return paragraphs(texts) or [empty()]


def subheading(
    text: Markup, style: ParagraphStyle = styles.H3, room: float = styles.MINOR_ROOM
) -> list[Flowable]:
    """A minor heading that never ends a page: a new page starts when less than ``room``
    is left (give a chart's height to keep the chart under its heading). Headings carry no
    keepWithNext: ReportLab would move a whole long table along with them."""
    return [CondPageBreak(room), Para(text, style)]


def caption(text: str) -> Para:
    return Para(italic(text), styles.SMALL)
