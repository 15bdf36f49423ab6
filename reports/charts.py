"""Charts for the thematic report, drawn with ReportLab graphics primitives.

Two kinds, both plain Drawings (flowables) in the report's fonts and colours:

- :func:`bars` - horizontal bars, one per category, stacked by series (allegations by act
  type and status, persons by current status, the fair-trial matrix by finding, state
  responses), with the total at the end of each bar and a legend;
- :func:`timeline` - vertical bars per month, grouped by series (captures and verdicts).

Labels are cleaned to one line and shortened to fit; every value is also given in a table
next to the chart, so nothing is read off a bar alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color

from casebook.services.dto import MONTHS
from reports import styles
from reports.text import fitted

LABEL_SIZE = 7.2
ROW = 15.0
BAR = 9.5
LEGEND_ROW = 13.0


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose initial graphics state uses the report font (ReportLab would set
    Helvetica, which is then listed, unembedded, among the PDF's fonts)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = styles.SANS
    drawing.initialFontSize = LABEL_SIZE
    return drawing


@dataclass(frozen=True)
class Series:
    name: str
    colour: Color


def nice_step(maximum: float, ticks: int = 5) -> int:
    """A round tick step (1, 2, 5 x 10^n) giving about ``ticks`` intervals up to ``maximum``."""
    raw = max(maximum, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(1, int(factor * power))
    return max(1, int(10 * power))  # pragma: no cover


def _label(x: float, y: float, text: str, anchor: str = "start", size: float = LABEL_SIZE,
           font: str = styles.SANS, colour: Color = styles.INK) -> String:  # fmt: skip
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


def _legend_layout(
    series: Sequence[Series], left: float, width: float
) -> list[tuple[float, int, str]]:
    """(x, row, name) of each legend entry, in rows across the width."""
    placed, x, row = [], left, 0
    for s in series:
        name = fitted(s.name, 150, size=LABEL_SIZE)
        room = 14 + styles.string_width(name, styles.SANS, LABEL_SIZE) + 14
        if x + room > width and x > left:
            x, row = left, row + 1
        placed.append((x, row, name))
        x += room
    return placed


def legend_height(series: Sequence[Series], left: float, width: float) -> float:
    if len(series) < 2:
        return 0.0
    rows = 1 + max(row for _, row, _ in _legend_layout(series, left, width))
    return rows * LEGEND_ROW + 6


def _legend(drawing: Drawing, series: Sequence[Series], top: float, left: float) -> None:
    """Swatches and names in rows across the width, from ``top`` down."""
    if len(series) < 2:
        return
    for s, (x, row, name) in zip(series, _legend_layout(series, left, drawing.width), strict=True):
        y = top - LEGEND_ROW * (row + 1) + 3
        drawing.add(Rect(x, y, 9, 7, fillColor=s.colour, strokeColor=None))
        drawing.add(_label(x + 12, y + 0.5, name))


def bars(
    categories: Sequence[str],
    values: Sequence[Sequence[int]],
    series: Sequence[Series],
    width: float = styles.FRAME_WIDTH,
    label_width: float = 170.0,
) -> Drawing:
    """Horizontal bars stacked by series; ``values[i][j]`` is category i, series j."""
    totals = [sum(v) for v in values]
    step = nice_step(max(totals, default=0))
    top_value = step * max(1, math.ceil(max(totals, default=0) / step))
    height = legend_height(series, label_width, width) + ROW * len(categories) + 22
    drawing = _drawing(width, height)
    _legend(drawing, series, height, label_width)
    plot_left, plot_right = label_width + 4, width - 36
    span = plot_right - plot_left
    axis_y = 14.0
    plot_top = axis_y + ROW * len(categories)
    for tick in range(0, top_value + 1, step):
        x = plot_left + span * tick / top_value
        drawing.add(Line(x, axis_y, x, plot_top, strokeColor=styles.GRID, strokeWidth=0.4))
        drawing.add(_label(x, axis_y - 9, f"{tick:,}", anchor="middle", colour=styles.MUTED))
    for i, (name, row) in enumerate(zip(categories, values, strict=True)):
        y = plot_top - ROW * (i + 1) + (ROW - BAR) / 2
        drawing.add(
            _label(label_width, y + 2, fitted(name, label_width - 4, size=LABEL_SIZE), anchor="end")
        )
        x = plot_left
        for value, s in zip(row, series, strict=True):
            if value > 0:
                w = span * value / top_value
                drawing.add(Rect(x, y, w, BAR, fillColor=s.colour, strokeColor=None))
                x += w
        drawing.add(_label(x + 3, y + 2, f"{totals[i]:,}", font=styles.SANS_BOLD))
    drawing.add(
        Line(plot_left, axis_y, plot_left, plot_top, strokeColor=styles.MUTED, strokeWidth=0.6)
    )
    return drawing


def month_label(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def timeline(
    months: Sequence[date], values: Sequence[Sequence[int]], series: Sequence[Series],
    width: float = styles.FRAME_WIDTH, height: float = 170.0,
) -> Drawing:  # fmt: skip
    """Vertical bars per month grouped by series; ``values[i][j]`` is month i, series j."""
    drawing = _drawing(width, height)
    _legend(drawing, series, height, 30)
    peak = max((max(v) for v in values if v), default=0)
    step = nice_step(peak, 4)
    top_value = step * max(1, math.ceil(peak / step))
    left, right, bottom = 30.0, width - 6, 26.0
    top = height - legend_height(series, 30, width) - 6
    for tick in range(0, top_value + 1, step):
        y = bottom + (top - bottom) * tick / top_value
        drawing.add(Line(left, y, right, y, strokeColor=styles.GRID, strokeWidth=0.4))
        drawing.add(_label(left - 4, y - 2.5, f"{tick:,}", anchor="end", colour=styles.MUTED))
    count = max(1, len(months))
    slot = (right - left) / count
    bar = max(0.6, min(9.0, slot * 0.8 / max(1, len(series))))
    every = max(1, math.ceil(count / 12))
    for i, (month, row) in enumerate(zip(months, values, strict=True)):
        x0 = left + slot * i + (slot - bar * len(series)) / 2
        for j, (value, s) in enumerate(zip(row, series, strict=True)):
            h = (top - bottom) * value / top_value
            if h > 0:
                drawing.add(
                    Rect(x0 + bar * j, bottom, bar, h, fillColor=s.colour, strokeColor=None)
                )
        if i % every == 0:
            drawing.add(
                _label(left + slot * (i + 0.5), bottom - 10, month_label(month), anchor="middle")
            )
    drawing.add(Line(left, bottom, right, bottom, strokeColor=styles.MUTED, strokeWidth=0.6))
    return drawing
