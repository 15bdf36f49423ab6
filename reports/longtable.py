"""A table of thousands of rows, made one page at a time.

:class:`PagedTable` holds an *iterator* of rows. Each time the layout reaches it, it takes
as many rows as fit the space left, hands ReportLab an ordinary ``Table`` of exactly those
rows under the header, and puts itself back for the rest. So the header is repeated at the
top of every page (never in the middle of one), each row's cells are wrapped once, and
only the rows of the current page exist as flowables: a 10,000-row case table costs the
memory of one page, and no split ever re-measures the rows still to come.

Cell content longer than its column allows goes to a numbered note after that page's part
of the table (``reports.blocks.Overflow``, numbered across the whole table), so no row is
taller than a page; a row that is taller than a whole frame all the same is handed to
ReportLab's own row splitting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from reports import styles
from reports.blocks import Overflow, cells, table_style
from reports.text import para

FORCE_SPLIT = 0xFFFFFF
RowStyle = Callable[[int, Sequence[object]], list[tuple[Any, ...]]]


@dataclass
class _Row:
    source: Sequence[object]
    cells: list[object]
    height: float
    notes: tuple[int, int]  # the slice of the overflow notes this row made


def row_height(row: Sequence[object], widths: Sequence[float], leading: float) -> float:
    """The height ReportLab's Table gives a row (same rule as ``Table._calc_height``)."""
    tallest = 0.0
    for value, width in zip(row, widths, strict=True):
        if isinstance(value, Flowable | list):
            items = value if isinstance(value, list) else [value]
            room = width - 2 * styles.CELL_PADDING
            total, first, after = 0.0, None, 0.0
            for item in items:
                _, h = item.wrapOn(None, room, 72000)
                before, after = item.getSpaceBefore(), item.getSpaceAfter()
                first = before if first is None else first
                total += h + before + after
            height = total - (first or 0.0) - after
        else:
            height = leading * len(str(value or "").split("\n"))
        tallest = max(tallest, height + styles.CELL_TOP + styles.CELL_BOTTOM)
    return tallest


class PagedTable(Flowable):  # type: ignore[misc]
    def __init__(
        self,
        header: Sequence[str],
        widths: Sequence[float],
        rows: Iterator[Sequence[object]],
        on_rows: Callable[[int], None] | None = None,
        row_style: RowStyle | None = None,
        cell: ParagraphStyle = styles.CELL,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.widths = list(widths)
        self.rows = rows
        self.on_rows = on_rows
        self.row_style = row_style
        self.pending: list[_Row] = []
        self.overflow = Overflow()
        self.made = 0
        self.done = 0
        self.cell = cell
        self.head = [para(h, styles.CELL_HEAD_SMALL) for h in self.header]
        self.head_height = row_height(self.head, self.widths, cell.leading)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, FORCE_SPLIT  # always split: each split is one page of rows

    def _next(self) -> _Row | None:
        if self.pending:
            return self.pending.pop(0)
        source = next(self.rows, None)
        if source is None:
            return None
        self.made += 1
        start = len(self.overflow.items)
        made = cells(source, self.widths, self.header, self.made, self.overflow, self.cell)
        height = row_height(made, self.widths, self.cell.leading)
        return _Row(source, made, height, (start, len(self.overflow.items)))

    def _table(self, rows: list[_Row]) -> Table:
        data = [self.head, *(r.cells for r in rows)]
        table = Table(
            data, colWidths=self.widths, repeatRows=1, splitByRow=1, splitInRow=1, hAlign="LEFT"
        )
        commands = table_style(header=True, zebra=True, rows=len(data), cell=self.cell)
        if self.row_style is not None:
            for i, r in enumerate(rows, start=1):
                commands.extend(self.row_style(i, r.source))
        table.setStyle(TableStyle(commands))
        return table

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        taken: list[_Row] = []
        used = self.head_height
        while (row := self._next()) is not None:
            if used + row.height > availHeight:
                self.pending.insert(0, row)
                break
            taken.append(row)
            used += row.height
        if not taken:
            if not self.pending:
                return [Spacer(1, 0)]  # no rows at all
            if availHeight < styles.FRAME_HEIGHT * 0.9:
                return []  # not enough room left on this page: the next one
            # A single row taller than a whole frame: ReportLab splits inside the row.
            taken = [self.pending.pop(0)]
            table = self._table(taken)
            return self._advance(taken, table.split(availWidth, availHeight) or [table])
        table = self._table(taken)
        while len(taken) > 1 and table.wrap(availWidth, availHeight)[1] > availHeight:
            self.pending.insert(0, taken.pop())  # measured short of ReportLab: give one back
            table = self._table(taken)
        return self._advance(taken, [table])

    def _advance(self, taken: list[_Row], parts: list[Flowable]) -> list[Flowable]:
        # ReportLab marks a flowable it had to move to the next page and raises if it cannot
        # place it a second time; each page of rows is a fresh start.
        self.__dict__.pop("_postponed", None)
        self.done += len(taken)
        if self.on_rows is not None:
            self.on_rows(self.done)
        first, last = taken[0].notes[0], taken[-1].notes[1]
        notes = self.overflow.flowables(first, last)
        if not self.pending:
            row = self._next()
            if row is None:
                return [*parts, *notes]
            self.pending.append(row)
        return [*parts, *notes, self]

    def draw(self) -> None:  # pragma: no cover - never drawn whole (it always splits)
        raise AssertionError("PagedTable is always split")
