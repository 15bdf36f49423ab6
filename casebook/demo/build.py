"""The row-building machinery the demo generators share.

Rows are plain dictionaries keyed by column name, gathered per table and inserted in bulk
by ``casebook.demo.load``. Ids are handed out from per-table offsets above what the
database already holds, so a second load adds an independent set of rows.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import JSON, Table

import casebook.models  # noqa: F401  (registers every table)
from casebook.db import Base
from casebook.models.common import Record
from casebook.vocab import ClaimKind, Confidentiality, DatePrecision

Row = dict[str, Any]

# The demo's invented history ends here; every date it writes is on or before it.
HISTORY_END = date(2024, 12, 31)
# Tables whose rows are case records (and so get an audit event each).
RECORD_TABLES = frozenset(
    table.name
    for mapper in Base.registry.mappers
    if issubclass(mapper.class_, Record)
    for table in mapper.tables
)
# Columns left out of the insert so the database stores SQL NULL (not JSON null).
OMITTED = {"audit_event": frozenset({"changes"})}


def _column_default(column: Any) -> Any:
    default = column.default
    if isinstance(column.type, JSON):
        return []
    if default is not None and default.is_scalar:
        return default.arg
    return None


def table_defaults(table: Table, now: datetime, user_id: int) -> Row:
    """A full row of ``table`` with every column at its default (None if it has none)."""
    omitted = OMITTED.get(table.name, frozenset())
    row = {c.key: _column_default(c) for c in table.columns if c.key not in omitted}
    if table.name in RECORD_TABLES:
        row.update(
            created_at=now,
            updated_at=now,
            created_by_id=user_id,
            updated_by_id=user_id,
            confidentiality=Confidentiality.CONFIDENTIAL,
            version=1,
        )
    return row


@dataclass
class Ids:
    """Hands out ids: one counter per table, starting above the table's current maximum."""

    next_id: dict[str, int]

    def take(self, table: str) -> int:
        self.next_id[table] += 1
        return self.next_id[table]


@dataclass(frozen=True)
class FileSpec:
    """Bytes to put in the evidence store; ``fate`` says what then happens to them."""

    data: bytes
    sha256: str
    fate: str = "keep"  # keep | tamper | missing


@dataclass
class Batch:
    """Everything one batch of persons is generated into."""

    rng: random.Random
    ids: Ids
    now: datetime
    user_id: int
    seed: int
    places: dict[str, int]
    defaults: dict[str, Row]
    rows: defaultdict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    files: list[FileSpec] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    problem_records: list[tuple[str, int]] = field(default_factory=list)

    def add(self, table: str, **values: Any) -> Row:
        """A new row of ``table`` with a fresh id (``values`` override the defaults)."""
        row = dict(self.defaults[table])
        row.update(values)
        if "id" in row and "id" not in values:
            row["id"] = self.ids.take(table)
        self.rows[table].append(row)
        return row

    def add_claim(self, table: str, kind: ClaimKind, **values: Any) -> Row:
        """A claim-bearing record and the claim row its citations point at."""
        claim_id = self.ids.take("claim")
        self.rows["claim"].append({"id": claim_id, "kind": kind})
        return self.add(table, claim_id=claim_id, **values)

    def problem(self, table: str, record_id: int, text: str) -> None:
        self.problems.append(text)
        self.problem_records.append((table, record_id))

    # Random helpers -------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options: Any) -> Any:
        return options[self.rng.randrange(len(options))]

    def weighted(self, options: Any) -> Any:
        """One item of a sequence of (item, weight) pairs."""
        table = _CUMULATIVE.get(options)
        if table is None:
            table = _cumulative(options)
            if len(_CUMULATIVE) < 10_000:
                _CUMULATIVE[options] = table
        items, bounds = table
        index = bisect_right(bounds, self.rng.random() * bounds[-1])
        return items[min(index, len(items) - 1)]

    def day_between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))


_CUMULATIVE: dict[Any, tuple[tuple[Any, ...], list[float]]] = {}


def _cumulative(options: Any) -> tuple[tuple[Any, ...], list[float]]:
    bounds = list(accumulate(float(weight) for _item, weight in options))
    return tuple(item for item, _weight in options), bounds


def clamp(day: date, latest: date = HISTORY_END) -> date:
    return min(day, latest)


def fuzzy(
    batch: Batch, day: date | None, *, exact: float = 0.75, month: bool = False
) -> tuple[date | None, DatePrecision, str | None]:
    """An uncertain date: (date, precision, as reported), mostly exact.

    With ``month`` some dates are known only to the month (stored as its first day);
    callers derive later dates from the stored one, so order checks still hold.
    """
    if day is None:
        return None, DatePrecision.UNKNOWN, None
    roll = batch.rng.random()
    if roll < exact:
        return day, DatePrecision.DAY, day.strftime("%d.%m.%Y")
    if month and roll < exact + (1 - exact) / 2:
        return day.replace(day=1), DatePrecision.MONTH, day.strftime("%B %Y")
    return day, DatePrecision.APPROXIMATE, f"around {day.day} {day.strftime('%B %Y')}"


def aware(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
