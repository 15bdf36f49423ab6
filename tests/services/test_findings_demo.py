"""Every deliberate problem of the demo dataset is found by the audit (after the evidence
check ``casebook evidence verify`` runs, which is what reveals altered and missing files)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from casebook.db import Base, make_engine, unit_of_work
from casebook.demo import DemoSummary, load_demo
from casebook.services import findings, integrity
from casebook.services.accounts import system_user
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import Audience, VerificationOutcome
from tests.support.databases import fresh_database_url

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

# What each planted problem's text says, and the rule that must report its record.
KINDS = (
    (r"has names in Latin script only", "PERSON-ONE-SCRIPT"),
    (r"who has given no consent", "SUBMISSION-NO-CONSENT"),
    (r"has no citation", "CLAIM-UNCITED"),
    (r"cites retracted source", "CITATION-SOURCE-RETRACTED"),
    (r"is marked corroborated but cites a single source", "ALLEGATION-STATUS-UNSUPPORTED"),
    (r"stored bytes no longer match", "EVIDENCE-HASH-MISMATCH"),
    (r"stored file is missing", "EVIDENCE-FILE-MISSING"),
    (r"has no retrieval date and no archive capture", "SOURCE-WEB-UNPRESERVED"),
    (r"is not graded", "SOURCE-UNGRADED"),
    (r"without a translation", "CITATION-UNTRANSLATED"),
)


def clock() -> datetime:
    return NOW


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Session, DemoSummary]]:
    tmp = tmp_path_factory.mktemp("audit-demo")
    engine = make_engine(fresh_database_url("audit_demo", tmp))
    Base.metadata.create_all(engine)
    store = EvidenceStore(tmp / "evidence")
    with unit_of_work(engine) as session:
        summary = load_demo(session, store, persons=40, seed=1, clock=clock)
    with unit_of_work(engine) as session:
        ctx = Context(session, system_user(session, clock), clock, via="cli")
        checked = integrity.verify_files(ctx, store)
    assert checked.count(VerificationOutcome.MISMATCH) == 2
    assert checked.count(VerificationOutcome.MISSING) == 2
    session = Session(engine, expire_on_commit=False)
    yield session, summary
    session.close()
    engine.dispose()


def _rule_for(problem: str) -> str:
    for pattern, rule in KINDS:
        if re.search(pattern, problem):
            return rule
    raise AssertionError(f"no rule named for the planted problem {problem!r}")


def test_every_planted_problem_is_found(demo: tuple[Session, DemoSummary]) -> None:
    session, summary = demo
    found = findings.run(session, today=NOW.date())
    reported = {(f.rule_id, f.entity, f.record_id) for f in found}
    assert len(summary.problems) >= 18
    missed = [
        (problem, table, record_id)
        for problem, (table, record_id) in zip(
            summary.problems, summary.problem_records, strict=True
        )
        if (_rule_for(problem), table, record_id) not in reported
    ]
    assert missed == []
    # The submission without consent is reported for the person who gave none.
    for problem in summary.problems:
        match = re.search(r"submission (\d+) concerns person (\d+)", problem)
        if match:
            sid, pid = map(int, match.groups())
            assert any(
                f.rule_id == "SUBMISSION-NO-CONSENT" and f.record_id == sid and f.person_id == pid
                for f in found
            )


def test_planted_problems_are_found_person_by_person(demo: tuple[Session, DemoSummary]) -> None:
    """A person's panel finds the planted problems of their own records."""
    session, _summary = demo
    everything = findings.run(session, today=NOW.date())
    persons = {f.person_id for f in everything if f.severity is findings.Severity.ERROR}
    persons.discard(None)
    for person_id in sorted(persons)[:5]:
        own = findings.run(session, person_ids=[person_id], today=NOW.date())
        expected = {
            (f.rule_id, f.entity, f.record_id)
            for f in everything
            if f.person_id == person_id and not findings.REGISTRY[f.rule_id].output
        }
        assert expected <= {(f.rule_id, f.entity, f.record_id) for f in own}


def test_a_public_audit_of_the_demo_runs_every_output_rule(
    demo: tuple[Session, DemoSummary],
) -> None:
    session, _summary = demo
    found = findings.run(session, audience=Audience.PUBLIC, today=NOW.date())
    rules = {f.rule_id for f in found}
    assert {"OUTPUT-PERSON-ABOVE-PROFILE", "OUTPUT-CLAIM-NO-VISIBLE-SOURCE"} <= rules
    assert "FIGURES-COUNT-ALLEGED" in rules
    assert "OUTPUT-PERSON-NO-CONSENT" not in rules  # a report codes them instead
    assert "OUTPUT-PERSON-CODED" in rules


def test_the_report_dto_is_deterministic(demo: tuple[Session, DemoSummary]) -> None:
    session, _summary = demo
    found = findings.run(session, today=NOW.date())
    first = findings.report(session, found, today=NOW.date(), limit=3)
    second = findings.report(session, list(found), today=NOW.date(), limit=3)
    assert first == second and first.meta.reference.startswith("AUD-")
    assert first.meta.audience is Audience.INTERNAL
    assert sum(c.value for c in first.totals) == len(found)
    assert {r.rule_id for r in first.rules} >= {"CLAIM-UNCITED", "EVIDENCE-HASH-MISMATCH"}
    assert all(len(rows) <= 3 for _rule, rows in first.by_rule)
    assert all(len(rows) <= 3 for _person, rows in first.by_person)
    named = [rows for label, rows in first.by_person if label.startswith("P-")]
    assert named and all(r.person_display for rows in named for r in rows)
    assert first.scope[-1].startswith("Listing at most 3")
