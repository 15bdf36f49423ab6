"""Loading the demo dataset: ids above what the database holds, bulk inserts per batch of
1,000 persons, evidence files into the store, one IMPORT audit event per record.

The caller owns the transaction: this module executes and flushes, never commits.

Speed: 100,000 persons (about 6.3 million rows with their audit events) load in about
1.5 minutes on SQLite and 2 minutes on PostgreSQL on a small two-core machine. Rows are
plain dictionaries with explicit ids, inserted table by table in dependency order with
multi-row INSERTs (SQLite) or COPY (PostgreSQL); see ``_TableInsert``.
"""

from __future__ import annotations

import math
import random
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, Table, func, select
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from casebook.db import Base
from casebook.demo.build import HISTORY_END, RECORD_TABLES, Batch, Ids, Row, table_defaults
from casebook.demo.evidence import FileBudget
from casebook.demo.generate import build_cluster
from casebook.demo.people import CLUSTER_SIZE
from casebook.demo.pools import PLACES
from casebook.errors import DomainError
from casebook.services.accounts import system_user
from casebook.services.names import fold
from casebook.storage import EvidenceStore
from casebook.vocab import AuditAction, Confidentiality, NameKind, Script

MAX_PERSONS = 1_000_000
CLUSTERS_PER_BATCH = 25  # 1,000 persons
# At most this many evidence files are written to the store per load.
MAX_FILES = 1_500
FILES_PER_CLUSTER = 40  # roughly, for spreading the files over the clusters
ROWS_PER_STATEMENT = 500
# Bound parameters one statement may carry.
_MAX_PARAMETERS = {"sqlite": 32_766, "postgresql": 65_535}


@dataclass(frozen=True)
class DemoSummary:
    """What a load added: rows per table, and the deliberate problems it planted."""

    persons: int
    seed: int
    counts: dict[str, int]
    problems: tuple[str, ...]
    # (table, id) of each record a deliberate problem is about, in the order of problems.
    problem_records: tuple[tuple[str, int], ...]
    files_written: int


def load_demo(
    session: Session,
    store: EvidenceStore,
    *,
    persons: int = 40,
    seed: int = 1,
    clock: Callable[[], datetime],
    actor_note: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Add an invented, clearly labelled demonstration dataset of ``persons`` persons.

    Deterministic for a seed: loading into two empty databases gives identical rows.
    Loading again into the same database adds a second, independent set.
    """
    if not 1 <= persons <= MAX_PERSONS:
        raise DomainError("persons", f"give a number of persons from 1 to {MAX_PERSONS:,}")
    now = clock()
    if now.tzinfo is None:
        raise DomainError("clock", "the clock must give timezone-aware times")
    if now.date() <= HISTORY_END:
        raise DomainError(
            "clock", f"the demo's invented history runs to {HISTORY_END}; the clock is earlier"
        )
    user = system_user(session, clock)
    session.flush()
    tables = Base.metadata.sorted_tables
    ids = Ids(
        {t.name: int(session.scalar(select(func.max(t.c.id))) or 0) for t in tables if "id" in t.c}
    )
    defaults = {t.name: table_defaults(t, now, user.id) for t in tables}
    reason = f"casebook demo --persons {persons} --seed {seed} (invented demonstration data)"
    counts = {t.name: 0 for t in tables}
    writer = _Writer(session, ids, counts, now, user.id, actor_note, reason)

    setup = Batch(
        random.Random(f"casebook-demo:{seed}:places"), ids, now, user.id, seed, {}, defaults
    )
    places = _places(setup)
    writer.write(setup)

    clusters = math.ceil(persons / CLUSTER_SIZE)
    budget = FileBudget(MAX_FILES)
    stride = max(1, math.ceil(clusters * FILES_PER_CLUSTER / MAX_FILES))
    today = now.date()
    problems: list[str] = []
    records: list[tuple[str, int]] = []
    files_written = 0
    for number, first in enumerate(range(0, clusters, CLUSTERS_PER_BATCH)):
        batch = Batch(
            random.Random(f"casebook-demo:{seed}:{number}"),
            ids,
            now,
            user.id,
            seed,
            places,
            defaults,
        )
        last = min(first + CLUSTERS_PER_BATCH, clusters)
        for index in range(first, last):
            slots = min(CLUSTER_SIZE, persons - index * CLUSTER_SIZE)
            build_cluster(batch, index, slots, budget, today, with_files=index % stride == 0)
        files_written += _store_files(store, batch)
        writer.write(batch)
        problems += batch.problems
        records += batch.problem_records
        if progress is not None:
            progress(min(persons, last * CLUSTER_SIZE))
    _reset_sequences(session, [t.name for t in tables if "id" in t.c and counts[t.name]])
    return DemoSummary(
        persons=persons,
        seed=seed,
        counts=counts,
        problems=tuple(problems),
        problem_records=tuple(records),
        files_written=files_written,
    )


def _places(batch: Batch) -> dict[str, int]:
    keys: dict[str, int] = {}
    for spec in PLACES:
        lat, lon, precision = spec.coordinates or (None, None, None)
        row = batch.add(
            "place",
            confidentiality=Confidentiality.PUBLIC,
            kind=spec.kind,
            name=spec.name,
            country=spec.country,
            region=spec.region,
            latitude=lat,
            longitude=lon,
            coordinate_precision=precision,
            parent_id=keys[spec.parent] if spec.parent else None,
            note="DEMO DATA: real place; facility labels are generic." if spec.parent else None,
        )
        keys[spec.key] = int(row["id"])
        for name, script, language, kind in spec.names:
            batch.add(
                "place_name",
                confidentiality=Confidentiality.PUBLIC,
                place_id=row["id"],
                name=name,
                script=script,
                language=language,
                kind=kind,
                search_key=fold(name),
            )
    return keys


class _Writer:
    """Inserts a batch's rows table by table (parents first), then their audit events."""

    def __init__(
        self,
        session: Session,
        ids: Ids,
        counts: dict[str, int],
        now: datetime,
        user_id: int,
        actor_note: str | None,
        reason: str,
    ) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect
        self.tables: dict[str, _TableInsert] = {}
        self.parameter_limit = _sqlite_parameter_limit(session)
        self.ids = ids
        self.counts = counts
        self.audit: Row = {
            "occurred_at": now,
            "user_id": user_id,
            "via": "cli",
            "actor_note": actor_note,
            "action": AuditAction.IMPORT,
            "reason": reason,
        }

    def write(self, batch: Batch) -> None:
        _index_names(batch)
        audit: list[Row] = []
        for table in Base.metadata.sorted_tables:
            rows = batch.rows.get(table.name)
            if not rows:
                continue
            rows.sort(key=_row_order)
            self._insert(table, rows)
            if table.name in RECORD_TABLES:
                base = self.audit
                for row in rows:
                    event = dict(base)
                    event["id"] = self.ids.take("audit_event")
                    event["entity"] = table.name
                    event["record_id"] = row["id"]
                    audit.append(event)
        if audit:
            self._insert(Base.metadata.tables["audit_event"], audit)

    def _insert(self, table: Table, rows: list[Row]) -> None:
        writer = self.tables.get(table.name)
        if writer is None:
            writer = self.tables[table.name] = _TableInsert(
                table, list(rows[0]), self.dialect, self.parameter_limit
            )
        writer.execute(self.session.connection(), rows)
        self.counts[table.name] += len(rows)


def _index_names(batch: Batch) -> None:
    """The name-search index of the batch's persons, as casebook.services.search keeps it
    for names written through the ORM: each word of each live name's search key, and the
    person's sort key (the key of the primary, preferably Latin, name)."""
    best: dict[int, tuple[tuple[int, int, int], str]] = {}
    tokens = batch.rows["person_name_token"]
    for name in batch.rows.get("person_name", ()):
        if name["retracted_at"] is not None:
            continue
        person_id, key = name["person_id"], name["search_key"]
        for token in dict.fromkeys(key.split()):
            tokens.append({"person_name_id": name["id"], "token": token, "person_id": person_id})
        rank = (
            0 if name["kind"] is NameKind.PRIMARY else 1,
            0 if name["script"] is Script.LATN else 1,
            name["id"],
        )
        if person_id not in best or rank < best[person_id][0]:
            best[person_id] = (rank, key)
    for person in batch.rows.get("person", ()):
        found = best.get(person["id"])
        person["sort_key"] = found[1] if found else None


class _TableInsert:
    """Bulk insertion of one table's rows, the fastest way each database offers.

    Values first go through each column's SQLAlchemy bind processor for the session's
    dialect (memoised: most values repeat), so the database receives what SQLAlchemy's
    own executemany would send. SQLite then gets multi-row ``INSERT ... VALUES (...),
    (...)`` statements (about half the time per row of executemany); PostgreSQL gets
    ``COPY ... FROM STDIN`` through psycopg. Both run inside the caller's transaction,
    and both check every constraint and fire every trigger as a plain INSERT does.
    """

    def __init__(
        self, table: Table, keys: list[str], dialect: Dialect, parameter_limit: int | None
    ) -> None:
        quote = dialect.identifier_preparer.quote
        columns = ", ".join(quote(table.c[key].name) for key in keys)
        self.copy = dialect.name == "postgresql" and dialect.driver == "psycopg"
        # Identifiers come from casebook's own metadata, quoted by the dialect; every value
        # is a bound parameter (or COPY data).
        self.copy_sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
        self.head = f"INSERT INTO {quote(table.name)} ({columns}) VALUES "  # noqa: S608
        placeholder = "?" if dialect.paramstyle == "qmark" else "%s"
        self.group = "(" + ", ".join([placeholder] * len(keys)) + ")"
        self.width = len(keys)
        limit = parameter_limit or _MAX_PARAMETERS.get(dialect.name, 999)
        self.per_statement = max(1, min(ROWS_PER_STATEMENT, limit // self.width))
        self.getter = itemgetter(*keys)
        converters = [_memoised(table.c[key].type, dialect) for key in keys]
        self.converters = [(n, fn) for n, fn in enumerate(converters) if fn is not None]
        self.sql: dict[int, str] = {}

    def _statement(self, rows: int) -> str:
        sql = self.sql.get(rows)
        if sql is None:
            sql = self.sql[rows] = self.head + ", ".join([self.group] * rows)
        return sql

    def _values(self, rows: list[Row]) -> Iterator[Sequence[Any]]:
        get, converters = self.getter, self.converters
        for row in rows:
            fields = get(row)
            if converters:
                fields = list(fields)
                for number, convert in converters:
                    fields[number] = convert(fields[number])
            yield fields

    def execute(self, connection: Connection, rows: list[Row]) -> None:
        if self.copy:
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            with cursor.copy(self.copy_sql) as copy:
                for fields in self._values(rows):
                    copy.write_row(fields)
            return
        values: list[Any] = []
        for fields in self._values(rows):
            values.extend(fields)
        step = self.per_statement * self.width
        for start in range(0, len(values), step):
            chunk = values[start : start + step]
            connection.exec_driver_sql(self._statement(len(chunk) // self.width), tuple(chunk))


def _sqlite_parameter_limit(session: Session) -> int | None:
    """How many bound parameters this SQLite build takes per statement (999 before 3.32)."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    raw = session.connection().connection.dbapi_connection
    getlimit = getattr(raw, "getlimit", None)
    if getlimit is None:
        return 999
    return int(getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


def _row_order(row: Row) -> Any:
    return row.get("id", 0)


def _memoised(kind: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column type's bind processor for ``dialect``, remembering what it returned."""
    process = kind.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        try:
            return cache[value]
        except KeyError:
            cache[value] = result = process(value)
            return result
        except TypeError:  # unhashable (a JSON list)
            return process(value)

    return convert


def _store_files(store: EvidenceStore, batch: Batch) -> int:
    """Put the batch's evidence bytes in the store; tamper with or drop the chosen ones."""
    written = 0
    for spec in batch.files:
        path = store.path_for(spec.sha256)
        if spec.fate == "missing":
            if path.exists():
                path.chmod(0o640)
                path.unlink()
            continue
        stored = store.put_bytes(spec.data)
        written += 1
        if spec.fate == "tamper":
            path = store.path_for(stored.sha256)
            path.chmod(0o640)
            path.write_bytes(spec.data + b"\nDEMO: these bytes were altered after hashing.\n")
            path.chmod(0o440)
    return written


def _reset_sequences(session: Session, names: list[str]) -> None:
    """On PostgreSQL, move each id sequence past the explicit ids just inserted."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for name in names:
        table = Base.metadata.tables[name]
        highest = select(func.max(table.c.id)).scalar_subquery()
        session.execute(select(func.setval(func.pg_get_serial_sequence(name, "id"), highest)))


__all__ = ["DemoSummary", "load_demo"]
