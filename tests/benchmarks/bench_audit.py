"""Timing the citation audit by hand (not a test).

    casebook --database-url URL init --no-admin && casebook --database-url URL demo --persons 100000
    .venv/bin/python -m tests.benchmarks.bench_audit URL [--persons 50] [--analyze] [--rules]
        [--evidence PATH]

Prints, for the database at URL:

- the full audit (every rule over every person and source): wall and CPU seconds of the
  first run in the process (which also builds and compiles each rule's statement) and of
  a second run, and the number of findings;
- with ``--rules``: each rule's time in the second run, slowest first;
- one person's audit (``findings.run(person_ids=[id])``, what a case file's panel and a
  dossier's gate run), each in a transaction of its own as in a web request: median and
  95th percentile over ``--persons`` random persons, after one warm-up run;
- with ``--evidence PATH`` (the evidence store of the demo): verifying every evidence
  file (re-hashing it and writing its VERIFIED custody entry), rolled back afterwards.

``--analyze`` first refreshes the planner's statistics (SQLite ``ANALYZE``; PostgreSQL
``VACUUM ANALYZE``, which autovacuum also does shortly after a bulk load such as the demo).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

import casebook.services  # noqa: F401  (registers the services' rules)
from casebook.db import make_engine
from casebook.models import Person
from casebook.services import findings, integrity
from casebook.services.accounts import system_user
from casebook.services.context import Context
from casebook.services.findings.base import Params, Scope, ordered_rules
from casebook.services.findings.runner import _tune_postgresql
from casebook.storage import EvidenceStore

TODAY = datetime.now(UTC).date()


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def analyze(url: str) -> None:
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    engine.dispose()


def full_audit(session: Session, per_rule: bool) -> None:
    for label in ("first run (builds the statements)", "second run"):
        found, wall, cpu = timed(lambda: findings.run(session, today=TODAY))
        session.commit()
        print(f"full audit, {label}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, {len(found):,} findings")
    if per_rule:
        scope = Scope(session.get_bind().dialect.name)
        if scope.dialect == "postgresql":
            _tune_postgresql(session, few=False)  # as run() does
        times = []
        for rule in ordered_rules():
            if rule.applies(scope):
                rows, wall, _cpu = timed(
                    lambda r=rule: list(r.collect(session, scope, Params(TODAY)))
                )
                times.append((wall, rule.id, len(rows)))
        session.commit()
        for wall, rule_id, rows in sorted(times, reverse=True):
            print(f"  {rule_id:<32} {wall * 1000:8.1f} ms  {rows:>8,} rows")


def person_audits(session: Session, samples: int) -> None:
    top = session.scalar(select(func.max(Person.id))) or 1
    rng = random.Random(20261101)
    ids = [rng.randint(1, top) for _ in range(samples + 1)]
    findings.run(session, person_ids=[ids[0]], today=TODAY)
    session.commit()
    times = []
    for person_id in ids[1:]:
        _found, wall, _cpu = timed(
            lambda p=person_id: findings.run(session, person_ids=[p], today=TODAY)
        )
        session.commit()
        times.append(wall * 1000)
    print(
        f"one person's audit over {samples} persons: median {statistics.median(times):.1f} ms, "
        f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms"
    )


def verify_evidence(session: Session, evidence: Path) -> None:
    clock = lambda: datetime.now(UTC)  # noqa: E731
    ctx = Context(session, system_user(session, clock), clock, via="cli", actor_note="benchmark")
    report, wall, cpu = timed(lambda: integrity.verify_files(ctx, EvidenceStore(evidence)))
    session.rollback()
    print(f"evidence verify --all: {wall:.2f} s wall, {cpu:.2f} s CPU; {report.summary()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--persons", type=int, default=50)
    parser.add_argument("--analyze", action="store_true")
    parser.add_argument("--rules", action="store_true")
    parser.add_argument("--evidence", type=Path, default=None)
    args = parser.parse_args()
    if args.analyze:
        _done, wall, _cpu = timed(lambda: analyze(args.url))
        print(f"statistics refreshed in {wall:.1f} s")
    engine = make_engine(args.url)
    with Session(engine) as session:
        people = session.scalar(select(func.count()).select_from(Person))
        rules = len(findings.REGISTRY)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"{engine.dialect.name}: {people:,} persons, {rules} rules, as of {TODAY}, load {load}"
        )
        full_audit(session, args.rules)
        person_audits(session, args.persons)
        if args.evidence is not None:
            verify_evidence(session, args.evidence)
    engine.dispose()


if __name__ == "__main__":
    main()
