"""The citation audit's public types, the registry, the runner's scoping and the gate."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from casebook.errors import DomainError
from casebook.services import claims, findings, sources
from casebook.services.context import Context
from casebook.services.findings import Finding, GateResult, Severity
from casebook.storage import EvidenceStore
from casebook.vocab import Audience, Confidentiality
from tests.factories import make_allegation, make_person, make_source

TODAY = date(2026, 11, 1)


def test_severities_are_ordered() -> None:
    assert Severity.ERROR > Severity.WARNING > Severity.NOTE
    assert sorted([Severity.NOTE, Severity.ERROR, Severity.WARNING]) == [
        Severity.NOTE,
        Severity.WARNING,
        Severity.ERROR,
    ]
    assert Severity.WARNING >= Severity.WARNING and not Severity.NOTE >= Severity.WARNING
    assert Severity.parse(" Warning ") is Severity.WARNING and str(Severity.ERROR) == "error"
    with pytest.raises(ValueError, match="error, warning, note"):
        Severity.parse("fatal")


def _finding(rule: str, severity: Severity, record: int = 1) -> Finding:
    return Finding(rule, severity, "allegation", record, 3, "msg & <b>", "fix it")


def test_gate_result_counts_and_blocks() -> None:
    result = GateResult(
        (
            _finding("A", Severity.ERROR),
            _finding("B", Severity.WARNING),
            _finding("C", Severity.NOTE, 2),
        )
    )
    assert [f.rule_id for f in result.errors] == ["A"]
    assert [f.rule_id for f in result.warnings] == ["B"]
    assert [f.rule_id for f in result.notes] == ["C"]
    assert result.blocked
    data = result.to_json()
    assert data["blocked"] is True
    assert data["counts"] == {"error": 1, "warning": 1, "note": 1}
    assert data["findings"][0] == {
        "rule_id": "A",
        "severity": "error",
        "entity": "allegation",
        "record_id": 1,
        "person_id": 3,
        "message": "msg & <b>",
        "fix": "fix it",
    }
    assert not GateResult((_finding("B", Severity.WARNING),)).blocked


def test_every_rule_is_documented() -> None:
    assert len(findings.REGISTRY) >= 25
    for rule in findings.REGISTRY.values():
        assert rule.id == rule.id.upper() and " " not in rule.id
        assert rule.title and rule.fix.endswith(".") and len(rule.description) > 80, rule.id
        assert rule.area in {
            "claims",
            "allegations",
            "sources",
            "evidence",
            "persons",
            "advocacy",
            "output",
        }


def test_an_empty_database_has_no_findings(ctx: Context) -> None:
    assert findings.run(ctx.session, today=TODAY) == []
    assert findings.run(ctx.session, person_ids=[], today=TODAY) == []


def test_unknown_rules_are_refused(ctx: Context) -> None:
    with pytest.raises(DomainError, match="NOPE"):
        findings.run(ctx.session, rules=["NOPE"], today=TODAY)


def test_scope_covers_only_the_persons_asked_for(ctx: Context) -> None:
    first, second = make_person(ctx), make_person(ctx)
    mine = make_allegation(ctx, first)
    theirs = make_allegation(ctx, second)
    everything = findings.run(ctx.session, rules=["CLAIM-UNCITED"], today=TODAY)
    assert {(f.record_id, f.person_id) for f in everything} == {
        (mine.id, first.id),
        (theirs.id, second.id),
    }
    one = findings.run(ctx.session, person_ids=[first.id], rules=["CLAIM-UNCITED"], today=TODAY)
    assert [(f.entity, f.record_id, f.person_id) for f in one] == [
        ("allegation", mine.id, first.id)
    ]
    assert one[0].severity is Severity.ERROR
    assert one[0].message == f"allegation {mine.id} asserts a fact but cites no source"


def test_findings_are_sorted_by_severity_then_rule(ctx: Context) -> None:
    person = make_person(ctx)
    make_allegation(ctx, person)
    found = findings.run(ctx.session, person_ids=[person.id], today=TODAY)
    keys = [(-f.severity.rank, f.rule_id, f.entity, f.record_id) for f in found]
    assert keys == sorted(keys)


def test_the_gate_audits_what_a_public_dossier_includes(ctx: Context) -> None:
    person = make_person(ctx, confidentiality=Confidentiality.PUBLIC)
    allegation = make_allegation(ctx, person, confidentiality=Confidentiality.PUBLIC)
    claims.cite(ctx, allegation, make_source(ctx), {"credibility": 2})  # CONFIDENTIAL source
    hidden = make_allegation(ctx, person)  # CONFIDENTIAL: left out of a PUBLIC dossier
    result = findings.gate(
        ctx.session,
        person_ids=[person.id],
        audience=Audience.PUBLIC,
        recipient=None,
        today=TODAY,
    )
    assert result.blocked
    rules = {(f.rule_id, f.record_id) for f in result.errors}
    assert ("OUTPUT-CLAIM-NO-VISIBLE-SOURCE", allegation.id) in rules
    assert ("OUTPUT-PERSON-NO-CONSENT", person.id) in rules
    assert all(f.record_id != hidden.id for f in result.findings if f.entity == "allegation")
    # Internally, the same case has only the uncited (hidden) allegation as an error.
    internal = findings.gate(
        ctx.session,
        person_ids=[person.id],
        audience=Audience.INTERNAL,
        recipient=None,
        today=TODAY,
    )
    assert {(f.rule_id, f.record_id) for f in internal.errors} == {("CLAIM-UNCITED", hidden.id)}


def test_the_gate_needs_persons(ctx: Context) -> None:
    with pytest.raises(DomainError):
        findings.gate(
            ctx.session, person_ids=[], audience=Audience.PUBLIC, recipient=None, today=TODAY
        )


def test_a_source_run_covers_the_source_its_files_and_citations(
    ctx: Context, store: EvidenceStore
) -> None:
    person = make_person(ctx)
    source, other = make_source(ctx), make_source(ctx)
    evidence = sources.add_evidence_file(
        ctx, source, store, io.BytesIO(b"invented bytes\n"), {"media_type": "text/plain"}
    )
    allegation = make_allegation(ctx, person)
    citation = claims.cite(ctx, allegation, source, {})
    claims.cite(ctx, allegation, other, {})
    found = findings.run(ctx.session, source_ids=[source.id], today=TODAY)
    assert {(f.rule_id, f.entity, f.record_id) for f in found} == {
        ("SOURCE-UNGRADED", "source", source.id),
        ("EVIDENCE-CUSTODY-GAP", "evidence_file", evidence.id),
        ("CITATION-UNGRADED", "citation", citation.id),
    }
    assert all(findings.REGISTRY[f.rule_id].source_scope for f in found)
    assert findings.run(ctx.session, source_ids=[], today=TODAY) == []


def test_shared_rules_never_name_a_person(ctx: Context, store: EvidenceStore) -> None:
    person, source = make_person(ctx), make_source(ctx, url="https://example.org/x")
    sources.add_evidence_file(
        ctx, source, store, io.BytesIO(b"invented\n"), {"media_type": "text/plain"}
    )
    claims.cite(ctx, make_allegation(ctx, person), source, {})
    found = findings.run(ctx.session, person_ids=[person.id], today=TODAY)
    shared = {f.rule_id for f in found if findings.REGISTRY[f.rule_id].shared}
    assert shared >= {"SOURCE-UNGRADED", "EVIDENCE-CUSTODY-GAP"}
    assert all(f.person_id is None for f in found if f.rule_id in shared)
    assert all(f.person_id == person.id for f in found if f.rule_id not in shared)


def test_many_persons_plan_finds_the_same(
    ctx: Context, store: EvidenceStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above ``MANY`` persons statements start from the rows breaking a rule; the findings
    are those of the plan that starts from each person's records."""
    from casebook.services.findings import runner

    people = [make_person(ctx) for _ in range(3)]
    for person in people[:2]:
        claims.cite(ctx, make_allegation(ctx, person), make_source(ctx), {})
        make_allegation(ctx, person)
    ids = [p.id for p in people[1:]]

    def both() -> tuple[list[Finding], list[Finding]]:
        return (
            findings.run(ctx.session, person_ids=ids, today=TODAY),
            findings.run(ctx.session, person_ids=ids, audience=Audience.INTERNAL, today=TODAY),
        )

    few = both()
    monkeypatch.setattr(runner, "MANY", 1)
    many = both()
    assert many == few and any(f.rule_id == "CLAIM-UNCITED" for f in many[0])
    assert all(f.person_id in (None, *ids) for f in many[0] + many[1])


def test_bound_claims_plan_finds_the_same(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    """For a few persons the rules about claims and citations start from the persons'
    claims, found once and bound; the findings (records, persons, messages) are those of
    the plan that reaches every kind of claim-bearing record again in each rule."""
    from casebook.services import records
    from casebook.services.findings import runner
    from tests.factories import make_episode

    people = [make_person(ctx, confidentiality="PUBLIC") for _ in range(3)]
    long_source = make_source(ctx, extent_pages=40, confidentiality="PUBLIC")
    gone = make_source(ctx)
    for person in people:
        make_allegation(ctx, person, confidentiality="PUBLIC")  # uncited, shown to PUBLIC
        make_episode(ctx, person)  # uncited, not shown to PUBLIC
        claim = make_allegation(ctx, person, confidentiality="PUBLIC")
        claims.cite(ctx, claim, long_source, {"confidentiality": "PUBLIC"})  # ungraded
        claims.cite(
            ctx,
            claim,
            make_source(ctx),
            {"credibility": 2, "quote_original": "Մեզ ծեծում էին։", "quote_language": "hy"},
        )
        claims.cite(ctx, claim, gone, {"credibility": 3})
    records.retract(ctx, gone, "a duplicate")
    ids = [p.id for p in people[:2]]
    rules = [r.id for r in findings.REGISTRY.values() if r.bound_claims]

    def runs() -> list[list[Finding]]:
        return [
            findings.run(ctx.session, person_ids=ids, today=TODAY),
            findings.run(ctx.session, person_ids=ids[:1], rules=rules, today=TODAY),
            findings.run(ctx.session, person_ids=ids, audience=Audience.PUBLIC, today=TODAY),
        ]

    binds = runner._with_claims
    bound_scopes = []

    def spy(*args: Any) -> Any:
        scope, params = binds(*args)
        bound_scopes.append(scope.claims)
        return scope, params

    monkeypatch.setattr(runner, "_with_claims", spy)
    bound = runs()
    assert bound_scopes == [True, True, True]
    monkeypatch.setattr(runner, "MAX_BOUND_CLAIMS", 0)
    walked = runs()
    assert bound == walked
    found = {f.rule_id for f in bound[0]}
    assert set(rules) <= found  # every rule about claims and citations has a finding
    assert all(f.person_id in ids for f in bound[0] if f.rule_id in rules)
    assert {f.rule_id for f in bound[2]} & set(rules) == {
        "CLAIM-UNCITED",
        "CITATION-UNGRADED",
        "CITATION-NO-PINPOINT",
    }
