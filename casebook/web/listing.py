"""What every list page shares: the page of rows with its total, filter terms read from the
query string, and the persons' display names.

A list is filtered by plain conditions on its own table, counted from that table alone,
and paged with ORDER BY ... LIMIT on the ordered query: two statements whatever the page,
and no ``id IN (SELECT ...)`` that makes a database read the whole table before the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Select, func, select

from casebook.models.people import PersonName
from casebook.services.search import name_rank
from casebook.vocab import Vocab
from casebook.web.deps import db

PER_PAGE = 50
V = TypeVar("V", bound=Vocab)


@dataclass(frozen=True)
class ListPage:
    """One page of a list: its rows, how many there are in all, which page this is."""

    rows: Sequence[Any]
    total: int
    page: int
    per_page: int = PER_PAGE
    extra: dict[Any, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def page_of(
    model: type[Any], conditions: Sequence[Any], rows: Select[*tuple[Any, ...]], number: int
) -> ListPage:
    """Page ``number`` of ``rows`` (an ordered SELECT) under ``conditions`` on ``model``;
    a number past the end gives the last page. The rows are records when ``rows`` selects
    one entity, else result rows (a record with columns beside it)."""
    total = db().scalar(select(func.count()).select_from(model).where(*conditions)) or 0
    number = min(max(number, 1), max(1, -(-total // PER_PAGE)))
    query = rows.where(*conditions).offset((number - 1) * PER_PAGE).limit(PER_PAGE)
    found = db().scalars(query) if len(rows.column_descriptions) == 1 else db().execute(query)
    return ListPage(list(found), total, number)


def ordering(orders: dict[str, tuple[Any, ...]], chosen: str | None) -> tuple[Any, ...]:
    """The ORDER BY of the sort chosen in a list's "Sort by" (the first when none or unknown);
    each ends with the id, so pages never overlap."""
    return orders.get(chosen or "", next(iter(orders.values())))


def term(vocab: type[V], value: str | None) -> V | None:
    """The vocabulary term a filter's value names, or None (blank or unknown: no filter)."""
    return vocab.of(value) if value and value in vocab._value2member_map_ else None


def primary_names(person_ids: Iterable[int]) -> dict[int, str]:
    """Each person's display name (primary first, Latin script first), in one query."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    best: dict[int, tuple[tuple[int, int, int], str]] = {}
    rows = db().execute(
        select(
            PersonName.id,
            PersonName.person_id,
            PersonName.full_name,
            PersonName.kind,
            PersonName.script,
        ).where(PersonName.person_id.in_(ids), PersonName.retracted_at.is_(None))
    )
    for row in rows:
        rank = name_rank(row.kind, row.script, row.id)
        if row.person_id not in best or rank < best[row.person_id][0]:
            best[row.person_id] = (rank, row.full_name)
    return {pid: name for pid, (_rank, name) in best.items()}
