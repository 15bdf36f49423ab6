"""The reads of a dossier snapshot: the :class:`Bundle` a group of persons is read into
(only what the audience may see), the :class:`WithheldItem` noted for each record left out,
and the reader that splits every row the moment it is read (see
:mod:`casebook.services.snapshot_read`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from casebook.models import Consent
from casebook.services.disclosure import may_see
from casebook.vocab import Audience, Confidentiality, SourceType

Row = Any  # a sqlalchemy Row: attribute access by column name
# Columns no output uses, so never read: internal notes (they stay inside the case file)
# and bookkeeping.
UNREAD = frozenset(
    {
        "notes",
        "note",
        "created_at",
        "created_by_id",
        "updated_by_id",
        "retracted_by_id",
        "retraction_reason",
        "version",
    }
)
BATCH = 2_000
UNDISCLOSED_PLACE = "undisclosed place"


@dataclass(frozen=True)
class WithheldItem:
    """A record an output leaves out (or codes), for the staff preview; never printed."""

    entity: str  # the table: "allegation", "source"...
    record_id: int
    person_id: int | None  # whose case file it belongs to, where known
    action: str  # "left out", "coded", "undisclosed", "named by role"
    reason: str  # "confidential (above the audience)", "part of a withheld episode"


@dataclass(frozen=True)
class CodedSource:
    """A source above the audience: only its type may be printed ("on file")."""

    id: int
    source_type: SourceType


def sort_key(*values: Any) -> tuple[Any, ...]:
    """None sorts first on both databases (SQLite and PostgreSQL disagree in SQL)."""
    return tuple((v is not None, v if v is not None else 0) for v in values)


def by_date(row: Row, attr: str) -> tuple[Any, ...]:
    value: date | None = getattr(row, attr)
    return sort_key(value, row.id)


@dataclass
class Bundle:
    audience: Audience
    persons: dict[int, Row] = field(default_factory=dict)  # the group's visible persons
    names: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    # Every name form (visible or not) of every person read: terms to scrub, never printed.
    name_terms: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    identifiers: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    relationships: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    others: dict[int, Row] = field(default_factory=dict)  # relatives, perpetrators (visible)
    other_categories: dict[int, Any] = field(default_factory=dict)  # every other read
    episodes: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    events: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    proceedings: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    charges: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    hearings: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    assessments: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    sentences: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    allegations: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    involvements: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    evaluations: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    deaths: dict[int, Row] = field(default_factory=dict)
    citations: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    sources: dict[int, Row] = field(default_factory=dict)
    coded_sources: dict[int, CodedSource] = field(default_factory=dict)
    files: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    places: dict[int, Row] = field(default_factory=dict)
    hidden_places: dict[int, list[str]] = field(default_factory=dict)  # id -> name forms
    submissions: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))
    consents: dict[int, list[Consent]] = field(default_factory=lambda: defaultdict(list))
    photos: dict[int, Row] = field(default_factory=dict)
    withheld: list[WithheldItem] = field(default_factory=list)
    hidden_persons: list[int] = field(default_factory=list)  # subjects above the ceiling
    cutoff: datetime | None = None

    def place(self, place_id: int | None) -> str | None:
        """The place's name, "undisclosed place" above the audience, None if none."""
        if place_id is None:
            return None
        if place_id in self.hidden_places:
            return UNDISCLOSED_PLACE
        row = self.places.get(place_id)
        return row.name if row is not None else None

    def seen(self, row: Row) -> None:
        """Count ``row`` towards the data cut-off."""
        stamp: datetime = row.updated_at
        if self.cutoff is None or stamp > self.cutoff:
            self.cutoff = stamp


class Reader:
    def __init__(self, session: Session, audience: Audience) -> None:
        self.session = session
        self.audience = audience
        self.levels = frozenset(c for c in Confidentiality if may_see(audience, c))

    def rows(
        self, model: Any, column: str, ids: Iterable[int], *, live_only: bool = True
    ) -> list[Row]:
        """Every row of ``model`` whose ``column`` is in ``ids`` (retracted ones left out).

        Internal notes and bookkeeping columns are not even selected (see ``UNREAD``)."""
        table = cast(Table, model.__table__)
        skip = UNREAD | ({"retracted_at"} if live_only else set())
        columns = [c for c in table.c if c.key not in skip]
        wanted = sorted({i for i in ids if i is not None})
        found: list[Row] = []
        for start in range(0, len(wanted), BATCH):
            query = select(*columns).where(table.c[column].in_(wanted[start : start + BATCH]))
            if live_only and "retracted_at" in table.c:
                query = query.where(table.c.retracted_at.is_(None))
            found.extend(self.session.execute(query).all())
        return found

    def visible(self, row: Row) -> bool:
        return row.confidentiality in self.levels


def keep(
    bundle: Bundle,
    reader: Reader,
    entity: str,
    rows: Iterable[Row],
    owner: Callable[[Row], int | None],
    *,
    parent_visible: Callable[[Row], bool] = lambda _row: True,
    parent_label: str = "",
) -> list[Row]:
    """The visible rows; the others are noted as withheld (their content goes no further)."""
    kept = []
    for row in rows:
        if not parent_visible(row):
            reason = f"part of a withheld {parent_label}"
        elif not reader.visible(row):
            reason = f"{row.confidentiality.label.lower()} (above the audience)"
        else:
            bundle.seen(row)
            kept.append(row)
            continue
        bundle.withheld.append(WithheldItem(entity, row.id, owner(row), "left out", reason))
    return kept
