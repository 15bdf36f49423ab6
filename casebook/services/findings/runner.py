"""Running the rules: over everything, one person or a set of persons, for an output or
not; and the gate an output passes before it is generated."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from casebook.errors import DomainError
from casebook.services.findings.base import Finding, GateResult, Params, Scope, rules_for
from casebook.vocab import Audience, Recipient

# Person ids bound into one statement; larger sets run in chunks (SQLite builds before
# 3.32 accept only 999 parameters per statement).
CHUNK = 900


def run(
    session: Session,
    *,
    person_ids: Iterable[int] | None = None,
    audience: Audience | None = None,
    recipient: Recipient | None = None,
    rules: Sequence[str] | None = None,
    today: date,
) -> list[Finding]:
    """The findings of ``rules`` (default: every rule that applies) for the records of
    ``person_ids`` (default: everything), ordered by severity, rule and record.

    A person's records are their names, detention episodes and custody events,
    proceedings with hearings, fair-trial findings and sentences, allegations, medical
    evaluations, death record, the citations of all those claims with their sources and
    the sources' files, their submissions and consents. With ``audience`` (and, for a
    CONFIDENTIAL output, ``recipient``) only the records that output would include are
    audited, and the output rules run too.
    """
    ids = None if person_ids is None else sorted({int(i) for i in person_ids})
    if ids is not None and not ids:
        return []
    dialect = session.get_bind().dialect.name
    restore = (
        _tune_postgresql(session, limited=ids is not None) if dialect == "postgresql" else None
    )
    try:
        return _run(session, ids, audience, recipient, rules, today, dialect)
    finally:
        if restore is not None:
            restore()


def _run(
    session: Session,
    ids: list[int] | None,
    audience: Audience | None,
    recipient: Recipient | None,
    rules: Sequence[str] | None,
    today: date,
    dialect: str,
) -> list[Finding]:
    report = ids is None or len(ids) > 1
    chunks: list[list[int] | None] = (
        [None] if ids is None else [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    )
    seen: set[tuple[str, str, int, int | None]] = set()
    found: list[Finding] = []
    for chunk in chunks:
        scope = Scope(
            dialect,
            limited=chunk is not None,
            audience=audience,
            recipient=recipient,
            report=report,
        )
        params = Params(today, tuple(chunk or ()))
        for rule in rules_for(scope, rules):
            for row in rule.collect(session, scope, params):
                person = row["person_id"]
                entity, record_id = str(row["entity"]), int(row["record_id"])
                if len(chunks) > 1:  # shared records (sources...) come back per chunk
                    key = (rule.id, entity, record_id, person)
                    if key in seen:
                        continue
                    seen.add(key)
                found.append(
                    Finding(
                        rule.id,
                        rule.severity,
                        entity,
                        record_id,
                        int(person) if person is not None else None,
                        rule.message(row),
                        rule.fix,
                    )
                )
    found.sort(key=Finding.sort_key)
    return found


def _tune_postgresql(session: Session, *, limited: bool) -> Callable[[], None] | None:
    """For this transaction only: no JIT compilation (the audit's statements are many short
    scans; compiling them costs more than it saves), and for a few persons, prepared
    statements planned once per connection (planning the rules' large statements took
    longer than running them for one person)."""
    session.execute(text("SET LOCAL jit = off"))
    if not limited:
        return None
    session.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))
    raw: Any = session.connection().connection.dbapi_connection
    before = getattr(raw, "prepare_threshold", None)
    if before is None:
        return None
    raw.prepare_threshold = 0

    def restore() -> None:
        raw.prepare_threshold = before

    return restore


def gate(
    session: Session,
    *,
    person_ids: Sequence[int],
    audience: Audience,
    recipient: Recipient | None,
    today: date,
) -> GateResult:
    """The audit of what an output for ``audience`` about ``person_ids`` would include:
    every rule for those records, plus the output rules. Any error blocks the output."""
    if not person_ids:
        raise DomainError("person_ids", "name the persons the output is about")
    findings = run(
        session, person_ids=person_ids, audience=audience, recipient=recipient, today=today
    )
    return GateResult(tuple(findings))
