"""Finding persons by any name form in any script, and the derived index behind it.

Every name's folded key (casebook.services.names.fold) is split into words stored in
``person_name_token``; a query is folded the same way and each of its words must start a
word of one of the person's names. When nothing matches, each query word is widened to
the indexed words within a small edit distance that share its first two letters, so small
misspellings still find the person. Both databases answer from B-tree indexes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import (
    Select,
    Table,
    and_,
    bindparam,
    delete,
    distinct,
    event,
    func,
    insert,
    intersect,
    literal,
    or_,
    select,
    true,
    union,
    update,
)
from sqlalchemy.orm import Session, UOWTransaction

from casebook.db import IdArray
from casebook.models.detention import CustodyEvent, DetentionEpisode
from casebook.models.people import Person, PersonName, PersonNameToken
from casebook.services.names import fold
from casebook.vocab import NameKind, PersonCategory, PersonStatus, Script

PER_PAGE = 50
MAX_FUZZY_CANDIDATES = 5_000
MAX_PAGE = 100_000  # 5 million rows: further is past any list, and past 64-bit offsets
MAX_WORDS = 8  # the words of a query that count (a name has fewer)


# --- the derived index --------------------------------------------------------------


def name_rank(kind: NameKind, script: Script, ident: int) -> tuple[int, int, int]:
    """How a person's names are ordered for display: primary first, Latin script first,
    then in the order recorded (the first is the name lists show and sort by)."""
    return (0 if kind is NameKind.PRIMARY else 1, 0 if script is Script.LATN else 1, ident)


def _rank(name: PersonName) -> tuple[int, int, int]:
    return name_rank(name.kind, name.script, name.id)


def reindex_names(session: Session, person_ids: Iterable[int]) -> None:
    """Rebuild the tokens and sort key of ``person_ids`` from their live names."""
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(delete(PersonNameToken).where(PersonNameToken.person_id.in_(chunk)))
        rows = session.execute(
            select(
                PersonName.id,
                PersonName.person_id,
                PersonName.search_key,
                PersonName.kind,
                PersonName.script,
            ).where(PersonName.person_id.in_(chunk), PersonName.retracted_at.is_(None))
        ).all()
        tokens = {
            (row.id, token, row.person_id) for row in rows for token in row.search_key.split()
        }
        if tokens:
            session.execute(
                insert(PersonNameToken),
                [{"person_name_id": n, "token": t, "person_id": p} for n, t, p in sorted(tokens)],
            )
        best: dict[int, tuple[tuple[int, int, int], str]] = {}
        for row in rows:
            rank = name_rank(row.kind, row.script, row.id)
            if row.person_id not in best or rank < best[row.person_id][0]:
                best[row.person_id] = (rank, row.search_key)
        table = cast(Table, Person.__table__)
        session.execute(
            update(table).where(table.c.id == bindparam("pid")).values(sort_key=bindparam("key")),
            [{"pid": pid, "key": best[pid][1] if pid in best else None} for pid in chunk],
        )


@event.listens_for(Session, "after_flush")
def _names_changed(session: Session, _context: UOWTransaction) -> None:
    """Keep the index in step with every flushed change to a name, in the same transaction."""
    changed = {
        obj.person_id
        for obj in (*session.new, *session.dirty, *session.deleted)
        if isinstance(obj, PersonName) and obj.person_id is not None
    }
    if changed:
        reindex_names(session, changed)


# --- finding persons ----------------------------------------------------------------


@dataclass(frozen=True)
class PersonFilters:
    q: str = ""
    category: PersonCategory | None = None
    status: PersonStatus | None = None
    place_id: int | None = None
    sort: str = "name"
    show_retracted: bool = False


@dataclass(frozen=True)
class PersonRow:
    person: Person
    names: Sequence[PersonName]


@dataclass(frozen=True)
class Page:
    rows: Sequence[PersonRow]
    total: int
    page: int
    per_page: int
    fuzzy: bool = False
    widened: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _levenshtein(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _prefix_range(word: str) -> Any:
    """token starts with ``word``, as a range an index can answer."""
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    return and_(PersonNameToken.token >= word, PersonNameToken.token < upper)


def close_words(session: Session, word: str) -> list[str]:
    """Indexed words within edit distance 1 (2 for long words) sharing ``word``'s start."""
    limit = 1 if len(word) < 7 else 2
    if len(word) < 4:
        return []
    words = _distinct_words(word[:2])
    candidates = session.scalars(
        select(words.c.word).where(
            func.length(words.c.word).between(len(word) - limit, len(word) + limit)
        )
    )
    return sorted(c for c in candidates if _levenshtein(word, c, limit) <= limit)


def _distinct_words(start: str) -> Any:
    """The distinct indexed words starting with ``start`` (at most ``MAX_FUZZY_CANDIDATES``),
    as a derived table of one column, ``word``. Each is found from the one before by one
    index lookup (a recursive query: "the next word after this one"), so the many token
    rows of each word are skipped rather than read and made distinct: 12 ms for the 42,932
    rows under "sa" at 100,000 persons on PostgreSQL and 7 ms on SQLite, against 1 ms and
    0.1 ms."""
    token = PersonNameToken.token
    upper = start[:-1] + chr(ord(start[-1]) + 1)
    first = select(func.min(token)).where(token >= start, token < upper).scalar_subquery()
    words = select(first.label("word"), literal(1).label("n")).cte("words", recursive=True)
    following = select(func.min(token)).where(token > words.c.word, token < upper)
    words = words.union_all(
        select(following.scalar_subquery(), words.c.n + 1).where(
            words.c.word.is_not(None), words.c.n < MAX_FUZZY_CANDIDATES
        )
    )
    return select(words.c.word).where(words.c.word.is_not(None)).subquery("distinct_words")


def _word_persons(word: str, expansions: dict[str, list[str]] | None) -> Select[Any]:
    """The persons with a token starting with ``word``, or (widened) one of its close
    spellings: each an index-only read of the token index (one condition joined with OR
    made PostgreSQL visit the token rows themselves, seconds when they were not cached)."""
    prefixed = select(PersonNameToken.person_id).where(_prefix_range(word))
    close = (expansions or {}).get(word)
    if not close:
        return prefixed
    spelled = select(PersonNameToken.person_id).where(PersonNameToken.token.in_(close))
    either = union(prefixed, spelled).subquery()
    return select(either.c.person_id)


def _matched(words: Sequence[str], expansions: dict[str, list[str]] | None) -> Any:
    """The ids of the persons having every word, each once, read from the token index only.

    A derived table the person rows are joined to (rather than ``id IN (...)``): both
    databases then start from the matches and look the persons up, instead of walking every
    person in name order and probing the tokens of each (which PostgreSQL chose for a LIMIT
    and which costs seconds when the matches sort late).
    """
    per_word = [_word_persons(word, expansions) for word in words]
    found = intersect(*per_word) if len(per_word) > 1 else per_word[0].distinct()
    return found.subquery("matched")


def _held_at(place_id: int) -> Any:
    """The ids of the persons held at a place: captured there, or moved from or to it, by a
    record that is not retracted. Three index lookups, each once."""
    live = DetentionEpisode.retracted_at.is_(None)
    captured = select(DetentionEpisode.person_id).where(
        DetentionEpisode.capture_place_id == place_id, live
    )

    def moved(column: Any) -> Select[Any]:
        return (
            select(DetentionEpisode.person_id)
            .join(CustodyEvent, CustodyEvent.episode_id == DetentionEpisode.id)
            .where(column == place_id, live, CustodyEvent.retracted_at.is_(None))
        )

    found = union(captured, moved(CustodyEvent.to_place_id), moved(CustodyEvent.from_place_id))
    return found.subquery("held")


def _filtered(filters: PersonFilters) -> Select[Any]:
    """The persons' own conditions (the name and the place are joined in as matches)."""
    query = select(Person.id)
    if not filters.show_retracted:
        query = query.where(Person.retracted_at.is_(None))
    if filters.category is not None:
        query = query.where(Person.category == filters.category)
    if filters.status is not None:
        query = query.where(Person.current_status == filters.status)
    return query


# Each order of the list: its columns of ``person``, each ascending (False) or descending.
SORTS: dict[str, tuple[tuple[str, bool], ...]] = {
    "name": (("sort_key", False), ("id", False)),
    "updated": (("updated_at", True), ("id", True)),
    "category": (("category", False), ("sort_key", False), ("id", False)),
    "status": (("current_status", False), ("sort_key", False), ("id", False)),
}
# The orders the live persons' indexes give from the first (``_common_page`` walks them).
WALKABLE = frozenset({"name", "updated"})
PERSON = cast(Table, Person.__table__).c


def _sort(name: str) -> tuple[tuple[str, bool], ...]:
    return SORTS.get(name, SORTS["name"])


def _ordering(name: str, columns: Any = PERSON) -> tuple[Any, ...]:
    """The ORDER BY of the sort ``name`` over ``columns`` (the person table's, or those of
    a derived table holding the same names)."""
    return tuple(columns[c].desc() if desc else columns[c].asc() for c, desc in _sort(name))


def _sort_columns(name: str) -> list[Any]:
    """The person's id and the columns it sorts by."""
    return list(dict.fromkeys([PERSON["id"], *(PERSON[c] for c, _desc in _sort(name))]))


def find_persons(
    session: Session, filters: PersonFilters, page: int = 1, per_page: int = PER_PAGE
) -> Page:
    """One page of persons matching ``filters``: a fixed number of queries whatever the size."""
    words = list(dict.fromkeys(fold(filters.q).split()))[:MAX_WORDS] if filters.q else []
    page = min(max(page, 1), MAX_PAGE)
    order = _ordering(filters.sort)
    expansions: dict[str, list[str]] | None = None
    held = [_held_at(filters.place_id)] if filters.place_id is not None else []
    if not words and not held:
        query = _filtered(filters)
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        ids = list(
            session.scalars(query.order_by(*order).offset((page - 1) * per_page).limit(per_page))
        )
    else:
        found = _matches(words, None, held)
        ids, total = _matched_page(session, filters, found, page, per_page)
        if total == 0 and words:
            expansions = {word: close_words(session, word) for word in words}
            if any(expansions.values()):
                found = _matches(words, expansions, held)
                ids, total = _matched_page(session, filters, found, page, per_page)
    persons = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
    names: dict[int, list[PersonName]] = {pid: [] for pid in ids}
    if ids:
        for name in session.scalars(
            select(PersonName)
            .where(PersonName.person_id.in_(ids), PersonName.retracted_at.is_(None))
            .order_by(PersonName.id)
        ):
            names[name.person_id].append(name)
    rows = [PersonRow(persons[pid], sorted(names[pid], key=_rank)) for pid in ids if pid in persons]
    widened = {w: c for w, c in (expansions or {}).items() if c}
    return Page(rows, total, page, per_page, fuzzy=expansions is not None, widened=widened)


@dataclass(frozen=True)
class _Matches:
    """What a search asks of the persons it finds, in the forms the plans need."""

    tables: Sequence[Any]  # derived tables of person ids: a person is in every one
    one_word: Select[Any] | None  # one word and nothing else: its token rows, not distinct
    # names only (else empty): per word, the persons holding it (index-only reads), and
    # the condition one of its tokens meets
    word_persons: Sequence[Select[Any]]
    probes: Sequence[Any]


def _matches(
    words: Sequence[str], expansions: dict[str, list[str]] | None, held: Sequence[Any]
) -> _Matches:
    named = [_matched(words, expansions)] if words else []
    one_word = _word_persons(words[0], expansions) if len(words) == 1 and not held else None
    per_word = () if held else tuple(_word_persons(word, expansions) for word in words)
    probes = () if held else tuple(_word_tokens(word, expansions) for word in words)
    return _Matches((*named, *held), one_word, per_word, probes)


def _word_tokens(word: str, expansions: dict[str, list[str]] | None) -> Any:
    """A token matching ``word``: starting with it, or (widened) one of its close spellings."""
    close = (expansions or {}).get(word)
    if not close:
        return _prefix_range(word)
    return or_(_prefix_range(word), PersonNameToken.token.in_(close))


def _matched_page(
    session: Session,
    filters: PersonFilters,
    matches: _Matches,
    page: int,
    per_page: int,
) -> tuple[list[int], int]:
    """The ids on one page of the persons found by ``matches`` and under ``filters``, and
    how many there are in all.

    One query gives both (the total as a window count over the matches), so the matches
    are found once; only a page past the end needs a second query for the total.

    On PostgreSQL a few thousand matches (a common surname) are read first and bound as
    one array (``_bound``). More matches than that, and on SQLite a word in more than
    ``PINNED_TOKENS`` name forms, are counted, and their page found in name order
    (``_common_page``). SQLite joins the others (5 ms for a common surname).
    """
    postgresql = _dialect(session) == "postgresql"
    pinned = _pinned_matches(session, matches) if postgresql else None
    if pinned == []:  # nothing matches (a misspelling, before it is widened)
        return [], 0
    walkable = filters.sort in WALKABLE and matches.probes
    if pinned is not None:
        query, order = _bound(filters, pinned)
    elif walkable and (postgresql or _common_word(session, matches)):
        return _common_page(session, filters, matches, page, per_page)
    else:
        query, order = _joined(filters, matches), _ordering(filters.sort)
    rows = session.execute(
        query.add_columns(func.count().over().label("total"))
        .order_by(*order)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    if rows:
        return [row.id for row in rows], int(rows[0].total)
    if page == 1:
        return [], 0
    return [], session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _joined(filters: PersonFilters, matches: _Matches) -> Select[Any]:
    """The persons under ``filters`` joined to every table of ``matches``."""
    query = _filtered(filters)
    for matched in matches.tables:
        query = query.join(matched, matched.c.person_id == Person.id)
    return query


def _bound(filters: PersonFilters, pinned: Sequence[int]) -> tuple[Select[Any], tuple[Any, ...]]:
    """The persons with the ids ``pinned`` under ``filters``, and their order.

    The planner, which cannot know how few the token index will return, would hash every
    person row to join the matches to them (35 ms at 100,000 persons, against 7 ms looking
    up 1,500 matches by id). So the ids are bound as one array, joined as a table
    (``unnest``), and each person is looked up in a lateral subquery with a limit, which the
    planner cannot turn into a join: as ``id = ANY(array)`` it read the whole sort index,
    testing each id against the array (21 ms), and as a plain join it still hashed every
    person from about 1,500 matches on (66 ms).
    """
    ids = (
        func.unnest(bindparam("matched", pinned, IdArray()))
        .table_valued("person_id")
        .render_derived("matched")
    )
    row = (
        _filtered(filters)
        .with_only_columns(*_sort_columns(filters.sort))
        .where(Person.id == ids.c.person_id)
        .limit(1)
        .lateral("person_row")
    )
    query = select(row.c.id).select_from(ids).join(row, true())
    return query, _ordering(filters.sort, row.c)


# Up to this many matches are bound by id on PostgreSQL (see ``_bound``): looking them up
# costs about 4 microseconds each (27 ms for 7,202), against 40 to 90 ms for counting
# them and walking the persons in order (``_common_page``) when the walk falls short.
PINNED_MATCHES = 10_000
# A one-word search reads at most this many of its token rows to find out (a person holds
# the word in one to a few name forms: 5,312 rows for 1,538 persons of a common surname,
# 7,202 for the 7,202 persons of a misspelled one widened to four close spellings).
PINNED_TOKENS = 12_000


def _common_word(session: Session, matches: _Matches) -> bool:
    """Whether the search is for one word found in more than ``PINNED_TOKENS`` name forms
    (read from the token index, stopping there)."""
    if matches.one_word is None:
        return False
    tokens = matches.one_word.limit(PINNED_TOKENS + 1).subquery()
    return (session.scalar(select(func.count()).select_from(tokens)) or 0) > PINNED_TOKENS


def _pinned_matches(session: Session, matches: _Matches) -> list[int] | None:
    """On PostgreSQL, the ids of the persons in every one of ``matches``, if there are at
    most ``PINNED_MATCHES`` of them (read from the token and detention indexes only).

    A one-word search reads its token rows up to ``PINNED_TOKENS`` and stops there, so a
    word in a third of all names costs a few milliseconds before it is counted and walked
    (``_common_page``), rather than making every match distinct first. The database
    counts the rows and makes the persons distinct: only the ids come back, as one
    array."""
    if matches.one_word is not None:
        tokens = matches.one_word.limit(PINNED_TOKENS + 1).subquery()
        rows, persons = session.execute(
            select(func.count(), func.array_agg(distinct(tokens.c.person_id)))
        ).one()
        if rows > PINNED_TOKENS or (rows and len(persons) > PINNED_MATCHES):
            return None
        return list(persons or ())
    first, *rest = matches.tables
    query = select(first.c.person_id)
    for other in rest:
        query = query.join(other, other.c.person_id == first.c.person_id)
    found = query.limit(PINNED_MATCHES + 1).subquery()
    count, persons = session.execute(select(func.count(), func.array_agg(found.c.person_id))).one()
    return list(persons or ()) if count <= PINNED_MATCHES else None


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# The most persons read in order to find a page of common matches (each is one index
# lookup of its tokens: about 5 microseconds), and how many times as many as the matches'
# share of all persons says should hold the page.
MAX_WALK = 3_000
WALK_MARGIN = 2


def _common_page(
    session: Session,
    filters: PersonFilters,
    matches: _Matches,
    page: int,
    per_page: int,
) -> tuple[list[int], int]:
    """The page and total of more name matches than are bound (a word in a third of all
    names), in an order an index gives (``WALKABLE``).

    Joining every match to its person row to sort them took 75 ms for 29,544 matches at
    100,000 persons on PostgreSQL, 73 ms on SQLite. Instead the matches are counted (a
    semi-join on the index, 30 ms on either), and the page is looked for among the first
    persons in order, as many as the matches' share of all persons says should hold it,
    twice over (``WALK_MARGIN``): each is probed for a token of every word (1 to 2 ms for
    the first page of that word). Found there, it is the page exactly, as no person before
    it was skipped. When it lies further on, the matches are joined and sorted as for any
    other search. On PostgreSQL the probes are lateral subqueries with a limit, so the
    planner cannot turn them into a hash of every match (SQLite runs a correlated subquery
    per row anyway), and the walk is never left to the planner with a bare limit: written
    as a semi-join, PostgreSQL walks every person in name order when the matches sort late
    (650 ms).
    """
    query = _filtered(filters)
    for persons_of_word in matches.word_persons:
        query = query.where(Person.id.in_(persons_of_word))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    skip = (page - 1) * per_page
    if skip >= total:
        return [], total
    persons = session.scalar(select(func.max(Person.id))) or 0  # about as many as there are
    walk = per_page + int(WALK_MARGIN * (skip + per_page) * max(persons, total) / total)
    if walk <= MAX_WALK:
        head = (
            _filtered(filters)
            .with_only_columns(*_sort_columns(filters.sort))
            .order_by(*_ordering(filters.sort))
            .limit(walk)
            .subquery("head")
        )
        walked = select(head.c.id)
        for probe in matches.probes:
            hit = select(PersonNameToken.person_id).where(
                PersonNameToken.person_id == head.c.id, probe
            )
            if _dialect(session) == "postgresql":
                walked = walked.join(hit.limit(1).lateral(), true())
            else:  # SQLite runs a correlated subquery once per row; it has no LATERAL
                walked = walked.where(hit.exists())
        walked = walked.order_by(*_ordering(filters.sort, head.c))
        ids = list(session.scalars(walked.offset(skip).limit(per_page)))
        if len(ids) == per_page or skip + len(ids) == total:
            return ids, total
    joined = _joined(filters, matches).order_by(*_ordering(filters.sort))
    ids = list(session.scalars(joined.offset(skip).limit(per_page)))
    return ids, total
