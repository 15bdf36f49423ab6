"""Running the rules: over everything, one person or a set of persons, for an output or
not; and the gate an output passes before it is generated."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from casebook.errors import DomainError
from casebook.services.findings.base import (
    Finding,
    GateResult,
    Params,
    Rule,
    Scope,
    rules_for,
    statement,
)
from casebook.services.findings.paths import owned_claims, scoped_source_ids
from casebook.vocab import Audience, Recipient

# Person (or source) ids bound into one statement; larger sets run in chunks. SQLite
# builds before 3.32 accept only 999 parameters per statement, later ones 32,766 (with up
# to MAX_CITED cited sources beside the persons).
CHUNK = 900 if sqlite3.sqlite_version_info < (3, 32) else 5_000


def run(
    session: Session,
    *,
    person_ids: Iterable[int] | None = None,
    audience: Audience | None = None,
    recipient: Recipient | None = None,
    rules: Sequence[str] | None = None,
    today: date,
    source_ids: Iterable[int] | None = None,
) -> list[Finding]:
    """The findings of ``rules`` (default: every rule that applies) for the records of
    ``person_ids`` (default: everything), ordered by severity, rule and record.

    A person's records are their names, detention episodes and custody events,
    proceedings with hearings, fair-trial findings and sentences, allegations, medical
    evaluations, death record, the citations of all those claims with their sources and
    the sources' files, their submissions and consents. With ``audience`` (and, for a
    CONFIDENTIAL output, ``recipient``) only the records that output would include are
    audited, and the output rules run too.

    ``source_ids`` (instead of persons) audits only those sources: the sources
    themselves, their evidence files and the citations of them.
    """
    if source_ids is not None:
        return _sources(session, sorted({int(i) for i in source_ids}), rules, today)
    ids = None if person_ids is None else sorted({int(i) for i in person_ids})
    if ids is not None and not ids:
        return []
    dialect = session.get_bind().dialect.name
    restore = (
        _tune_postgresql(session, few=ids is not None and len(ids) <= MANY)
        if dialect == "postgresql"
        else None
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
            many=chunk is not None and len(chunk) > MANY,
        )
        params = Params(today, tuple(chunk or ()))
        chosen = rules_for(scope, rules)
        if chunk is not None and any(_reads_sources(rule) for rule in chosen):
            scope, params = _with_cited_sources(session, scope, params)
        if MAX_BOUND_CLAIMS and scope.by_person and any(r.bound_claims for r in chosen):
            scope, params = _with_claims(session, scope, params)
        for rule in chosen:
            rows = rule.collect(session, scope, params)
            if scope.claims and rule.bound_claims:
                rows = (params.complete(row) for row in rows)
            for finding in _findings(rule, rows):
                if len(chunks) > 1:  # shared records (sources...) come back per chunk
                    key = (finding.rule_id, finding.entity, finding.record_id, finding.person_id)
                    if key in seen:
                        continue
                    seen.add(key)
                found.append(finding)
    found.sort(key=Finding.sort_key)
    return found


# Memory for the sorts and hashes of a whole-database audit (the default 4 MB makes the
# allegation support's grouping spill to disk at 100,000 persons).
WORK_MEM = "64MB"
# Above this many persons, statements start from the rows breaking a rule (one scan of
# the table) rather than from each person's records (an index lookup per person and kind
# of record): measured at 100,000 persons, the two cost the same around 300 persons.
MANY = 300
# More cited sources than this are looked up by each rule rather than bound.
MAX_CITED = 0 if sqlite3.sqlite_version_info < (3, 32) else 20_000
# More claims than this (a few hundred persons have a few thousand) are reached by each
# rule through their records rather than bound.
MAX_BOUND_CLAIMS = 0 if sqlite3.sqlite_version_info < (3, 32) else 20_000


def _reads_sources(rule: Rule) -> bool:
    """Whether ``rule`` may look up the sources (and their files) a scope's claims cite:
    the rules about shared records and the output's. The others (a list's badges) need not
    have them found first; a rule that looks them up without them bound still finds them
    itself (``source_in_scope``), only slower."""
    return rule.shared or rule.output


def _with_cited_sources(session: Session, scope: Scope, params: Params) -> tuple[Scope, Params]:
    """The scope with the ids of the sources its claims cite bound once for every rule."""
    found = session.scalars(statement("@cited", scope, scoped_source_ids), params.bind(scope)).all()
    if len(found) > MAX_CITED:
        return scope, params
    return replace(scope, cited=True), replace(params, cited_ids=tuple(found))


def _with_claims(session: Session, scope: Scope, params: Params) -> tuple[Scope, Params]:
    """The scope with its persons' live claims bound once for the rules about claims and
    citations (``Scope.claims``), unless there are more than a statement can bind."""
    found = session.execute(statement("@claims", scope, owned_claims), params.bind(scope))
    owners = {int(r.claim_id): (str(r.entity), int(r.record_id), int(r.person_id)) for r in found}
    if len(owners) > MAX_BOUND_CLAIMS:
        return scope, params
    return replace(scope, claims=True), replace(params, claim_owners=owners)


def _sources(
    session: Session, ids: list[int], rules: Sequence[str] | None, today: date
) -> list[Finding]:
    found: list[Finding] = []
    dialect = session.get_bind().dialect.name
    for start in range(0, len(ids), CHUNK):
        chunk = tuple(ids[start : start + CHUNK])
        scope = Scope(dialect, sources=True)
        params = Params(today, source_ids=chunk)
        for rule in rules_for(scope, rules):
            found.extend(_findings(rule, rule.collect(session, scope, params)))
    found.sort(key=Finding.sort_key)
    return found


def _findings(rule: Rule, rows: Iterable[Any]) -> Iterable[Finding]:
    for row in rows:
        person = row["person_id"]
        yield Finding(
            rule.id,
            rule.severity,
            str(row["entity"]),
            int(row["record_id"]),
            int(person) if person is not None else None,
            rule.message(row),
            rule.fix,
        )


def _tune_postgresql(session: Session, *, few: bool) -> Callable[[], None] | None:
    """For this transaction only: no JIT compilation (the audit's statements are many short
    scans; compiling them costs more than it saves); over everything, more memory for
    grouping (``WORK_MEM``); and for a few persons (up to ``MANY``), prepared
    statements planned once per connection (planning the rules' large statements took
    longer than running them for one person) and no parallel workers (starting them took
    longer than the index lookups they would share)."""
    if not few:
        session.execute(
            text(
                f"SELECT set_config('jit', 'off', true), set_config('work_mem', '{WORK_MEM}', true)"
            )
        )
        return None
    session.execute(
        text(
            "SELECT set_config('jit', 'off', true),"
            " set_config('plan_cache_mode', 'force_generic_plan', true),"
            " set_config('max_parallel_workers_per_gather', '0', true)"
        )
    )
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
