"""Each audit rule has a fixture that triggers it and one that does not (claims,
allegations, sources, evidence; persons, advocacy and output rules are in
test_findings_rules_more.py). ``test_every_rule_has_fixtures`` fails for a new rule
without them.

A fixture builds invented records through the services and returns a ``Case``: how to run
the audit (persons, audience) and the record the rule must (or must not) report.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest

from casebook.models import Allegation, Person, Source
from casebook.services import allegations, claims, findings, integrity, records, sources
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import (
    AllegationStatus,
    Audience,
    PinpointKind,
    Reliability,
    SourceAffiliation,
    SourceType,
    Stance,
)
from tests.conftest import FakeClock
from tests.factories import make_allegation, make_person, make_source

TODAY = date(2026, 11, 1)


@dataclass
class World:
    ctx: Context  # an editor
    reviewer: Context
    store: EvidenceStore
    clock: FakeClock

    def person(self, **values: Any) -> Person:
        return make_person(self.ctx, **values)

    def source(self, **values: Any) -> Source:
        values.setdefault("affiliation", SourceAffiliation.NGO)
        return make_source(self.ctx, **values)

    def graded(self, **values: Any) -> Source:
        source = self.source(**values)
        sources.grade_source(self.reviewer, source, Reliability.B, "Record of accuracy", None)
        return source

    def cite(self, claim: Any, source: Source, **values: Any) -> Any:
        values.setdefault("credibility", 2)
        return claims.cite(self.ctx, claim, source, values)

    def allegation(self, person: Person, *sources_: Source, **values: Any) -> Allegation:
        status = values.pop("status", None)
        allegation = make_allegation(self.ctx, person, **values)
        for source in sources_:
            self.cite(allegation, source)
        if status is not None:
            allegations.set_status(self.reviewer, allegation, status, None)
        return allegation

    def file(self, source: Source, data: bytes = b"invented evidence bytes\n") -> Any:
        return sources.add_evidence_file(
            self.ctx, source, self.store, io.BytesIO(data), {"media_type": "text/plain"}
        )

    def verify(self, source: Source) -> integrity.IntegrityReport:
        return integrity.verify_files(self.reviewer, self.store, source_id=source.id)


@dataclass
class Case:
    """Run the audit with ``run`` (person_ids, audience, recipient, today); the rule must
    report ``expect`` (entity, record id), or nothing at all when ``expect`` is None."""

    run: dict[str, Any]
    expect: tuple[str, int] | None = None
    today: date = TODAY
    extra: dict[str, Any] = field(default_factory=dict)


Fixture = Callable[[World], Case]
FIXTURES: dict[str, tuple[Fixture, Fixture]] = {}


def pair(rule_id: str, trigger: Fixture, clean: Fixture) -> None:
    FIXTURES[rule_id] = (trigger, clean)


def persons(*people: Person, **more: Any) -> dict[str, Any]:
    return {"person_ids": [p.id for p in people], **more}


# --- claims and citations --------------------------------------------------------------


def uncited(w: World) -> Case:
    person = w.person()
    return Case(persons(person), ("allegation", w.allegation(person).id))


def cited(w: World) -> Case:
    person = w.person()
    w.allegation(person, w.graded())
    claims.cite(w.ctx, make_allegation(w.ctx, person), w.graded(), {})
    return Case(persons(person))


pair("CLAIM-UNCITED", uncited, cited)


def retracted_source(w: World) -> Case:
    person, source = w.person(), w.graded()
    allegation = w.allegation(person)
    citation = w.cite(allegation, source)
    records.retract(w.ctx, source, "The publisher withdrew the report (invented).")
    return Case(persons(person), ("citation", citation.id))


def live_source(w: World) -> Case:
    person = w.person()
    w.allegation(person, w.graded())
    return Case(persons(person))


pair("CITATION-SOURCE-RETRACTED", retracted_source, live_source)


def ungraded_citation(w: World) -> Case:
    person = w.person()
    citation = claims.cite(w.ctx, make_allegation(w.ctx, person), w.graded(), {})
    return Case(persons(person), ("citation", citation.id))


def graded_citation(w: World) -> Case:
    person = w.person()
    w.cite(make_allegation(w.ctx, person), w.graded(), credibility=6)  # "cannot judge" is a grade
    return Case(persons(person))


pair("CITATION-UNGRADED", ungraded_citation, graded_citation)


def long_source_no_pinpoint(w: World) -> Case:
    person = w.person()
    citation = w.cite(make_allegation(w.ctx, person), w.graded(extent_pages=40))
    return Case(persons(person), ("citation", citation.id))


def pinpointed(w: World) -> Case:
    person = w.person()
    allegation = make_allegation(w.ctx, person)
    w.cite(allegation, w.graded(extent_pages=40), pinpoint_kind=PinpointKind.PAGE, pinpoint="12")
    w.cite(allegation, w.graded(extent_pages=3))  # a short source needs no pinpoint
    w.cite(allegation, w.graded())  # length unknown: not judged
    video = w.graded(source_type=SourceType.VIDEO, extent_seconds=100)
    w.cite(allegation, video)
    return Case(persons(person))


pair("CITATION-NO-PINPOINT", long_source_no_pinpoint, pinpointed)


def untranslated(w: World) -> Case:
    person = w.person()
    quote = {"quote_original": "Մեզ ծեծում էին ամեն օր։", "quote_language": "hy"}
    citation = w.cite(make_allegation(w.ctx, person), w.graded(language="hy"), **quote)
    return Case(persons(person), ("citation", citation.id))


def translated(w: World) -> Case:
    person = w.person()
    allegation = make_allegation(w.ctx, person)
    w.cite(
        allegation,
        w.graded(language="ru"),
        quote_original="Нас били каждый день.",
        quote_language="ru",
        quote_translation="We were beaten every day.",
    )
    w.cite(allegation, w.graded(), quote_original="We were beaten.", quote_language="en-GB")
    return Case(persons(person))


pair("CITATION-UNTRANSLATED", untranslated, translated)


# --- allegation status -------------------------------------------------------------------


def corroborated_by_one(w: World) -> Case:
    person = w.person()
    allegation = w.allegation(person, w.graded(), status=AllegationStatus.CORROBORATED)
    return Case(persons(person), ("allegation", allegation.id))


def corroborated_by_two(w: World) -> Case:
    person = w.person()
    family = w.graded(affiliation=SourceAffiliation.FAMILY)
    w.allegation(person, family, w.graded(), status=AllegationStatus.CORROBORATED)
    court = w.graded(source_type=SourceType.COURT_DOCUMENT)
    w.allegation(person, w.graded(), court, status=AllegationStatus.VERIFIED)
    return Case(persons(person))


pair("ALLEGATION-STATUS-UNSUPPORTED", corroborated_by_one, corroborated_by_two)


def single_origin(w: World) -> Case:
    person = w.person()
    original = w.graded()
    copy = w.graded(derived_from_id=original.id)
    allegation = w.allegation(person, original, copy)
    return Case(persons(person), ("allegation", allegation.id))


def two_origins(w: World) -> Case:
    person = w.person()
    w.allegation(person, w.graded(), w.graded())
    return Case(persons(person))


pair("ALLEGATION-SINGLE-SOURCE", single_origin, two_origins)


def contested(w: World) -> Case:
    person = w.person()
    allegation = w.allegation(person, w.graded())
    witness = w.graded(source_type=SourceType.WITNESS_TESTIMONY)
    w.cite(allegation, witness, stance=Stance.CONTRADICTS, credibility=2)
    return Case(persons(person), ("allegation", allegation.id))


def denied_only(w: World) -> Case:
    person = w.person()
    allegation = w.allegation(person, w.graded())
    state = w.graded(
        source_type=SourceType.OFFICIAL_STATEMENT, affiliation=SourceAffiliation.DETAINING_STATE
    )
    w.cite(allegation, state, stance=Stance.CONTRADICTS, credibility=2)
    doubtful = w.graded(source_type=SourceType.MEDIA_REPORT)
    w.cite(allegation, doubtful, stance=Stance.CONTRADICTS, credibility=5)
    disputed = w.allegation(person, w.graded(), w.graded())
    w.cite(disputed, w.graded(), stance=Stance.CONTRADICTS, credibility=3)
    allegations.set_status(w.reviewer, disputed, AllegationStatus.DISPUTED, None)
    return Case(persons(person))


pair("ALLEGATION-CONTESTED", contested, denied_only)


def stale_allegation(w: World) -> Case:
    person = w.person()
    allegation = w.allegation(person, w.graded())
    return Case(persons(person), ("allegation", allegation.id), today=TODAY + timedelta(days=91))


def reviewed_allegation(w: World) -> Case:
    person = w.person()
    w.allegation(person, w.graded())
    w.allegation(person, w.graded(), w.graded(), status=AllegationStatus.CORROBORATED)
    return Case(persons(person), today=TODAY + timedelta(days=89))


pair("ALLEGATION-STATUS-STALE", stale_allegation, reviewed_allegation)


# --- sources -----------------------------------------------------------------------------


def ungraded_source(w: World) -> Case:
    person, source = w.person(), w.source()
    w.allegation(person, source)
    return Case(persons(person), ("source", source.id))


def graded_source(w: World) -> Case:
    person = w.person()
    source = w.source()
    sources.grade_source(w.reviewer, source, Reliability.F, "Origin cannot be established", None)
    w.allegation(person, source)
    return Case(persons(person))


pair("SOURCE-UNGRADED", ungraded_source, graded_source)


def web_unpreserved(w: World) -> Case:
    person = w.person()
    source = w.graded(url="https://news.example.com/invented-story")
    w.allegation(person, source)
    return Case(persons(person), ("source", source.id))


def web_preserved(w: World) -> Case:
    person = w.person()
    source = w.graded(
        url="https://news.example.com/invented-story",
        retrieved_at=w.clock() - timedelta(days=3),
        archive_urls=["https://web.archive.org/web/2026/https://news.example.com/invented-story"],
    )
    w.file(source, b"<html>captured page source (invented)</html>\n")
    w.allegation(person, source, w.graded())
    return Case(persons(person))


pair("SOURCE-WEB-UNPRESERVED", web_unpreserved, web_preserved)


# --- evidence ----------------------------------------------------------------------------


def _alter(store: EvidenceStore, sha256: str) -> None:
    path = store.path_for(sha256)
    path.chmod(0o640)
    path.write_bytes(b"these bytes were altered after hashing\n")


def tampered(w: World) -> Case:
    person, source = w.person(), w.graded()
    evidence = w.file(source)
    w.allegation(person, source)
    _alter(w.store, evidence.sha256)
    w.verify(source)
    return Case(persons(person), ("evidence_file", evidence.id))


def intact(w: World) -> Case:
    person, source = w.person(), w.graded()
    w.file(source)
    w.allegation(person, source)
    w.verify(source)
    return Case(persons(person))


def restored(w: World) -> Case:
    """Altered, then restored and checked again: the latest check is what counts."""
    person, source = w.person(), w.graded()
    data = b"original evidentiary bytes\n"
    evidence = w.file(source, data)
    w.allegation(person, source)
    _alter(w.store, evidence.sha256)
    w.verify(source)
    w.store.path_for(evidence.sha256).write_bytes(data)
    w.verify(source)
    return Case(persons(person))


pair("EVIDENCE-HASH-MISMATCH", tampered, restored)


def deleted(w: World) -> Case:
    person, source = w.person(), w.graded()
    evidence = w.file(source)
    w.allegation(person, source)
    w.store.path_for(evidence.sha256).unlink()
    w.verify(source)
    return Case(persons(person), ("evidence_file", evidence.id))


pair("EVIDENCE-FILE-MISSING", deleted, intact)


def never_verified(w: World) -> Case:
    person, source = w.person(), w.graded()
    evidence = w.file(source)
    w.allegation(person, source)
    return Case(persons(person), ("evidence_file", evidence.id))


pair("EVIDENCE-CUSTODY-GAP", never_verified, intact)


# --- the registry-driven tests ---------------------------------------------------------------

AREAS = {"claims", "allegations", "sources", "evidence"}
MINE = sorted(r.id for r in findings.REGISTRY.values() if r.area in AREAS)


@pytest.fixture
def world(ctx: Context, reviewer_ctx: Context, store: EvidenceStore, clock: FakeClock) -> World:
    return World(ctx, reviewer_ctx, store, clock)


def check(world: World, rule_id: str, fixture: Fixture) -> None:
    case = fixture(world)
    found = findings.run(world.ctx.session, rules=[rule_id], today=case.today, **case.run)
    reported = {(f.entity, f.record_id) for f in found}
    if case.expect is None:
        assert found == [], [f.message for f in found]
    else:
        assert case.expect in reported, (case.expect, [f.message for f in found])
        finding = next(f for f in found if (f.entity, f.record_id) == case.expect)
        rule = findings.REGISTRY[rule_id]
        assert finding.severity is rule.severity and finding.fix == rule.fix
        assert finding.message and "?" not in finding.message.split()


@pytest.mark.parametrize("rule_id", MINE)
def test_rule_is_triggered(world: World, rule_id: str) -> None:
    check(world, rule_id, FIXTURES[rule_id][0])


@pytest.mark.parametrize("rule_id", MINE)
def test_rule_is_not_triggered_by_clean_records(world: World, rule_id: str) -> None:
    check(world, rule_id, FIXTURES[rule_id][1])


def test_every_rule_has_fixtures() -> None:
    from tests.services.test_findings_rules_more import FIXTURES as MORE

    assert set(FIXTURES) | set(MORE) == set(findings.REGISTRY)
    assert not set(FIXTURES) & set(MORE)
    assert set(FIXTURES) == set(MINE)


def test_an_audience_leaves_out_what_it_may_not_see(world: World) -> None:
    """For a PUBLIC output only PUBLIC records are audited: a CONFIDENTIAL uncited claim is
    left out of the output, so it is not reported there."""
    person = world.person(confidentiality="PUBLIC")
    hidden = make_allegation(world.ctx, person)
    shown = make_allegation(world.ctx, person, confidentiality="PUBLIC")
    run = findings.run(
        world.ctx.session,
        person_ids=[person.id],
        audience=Audience.PUBLIC,
        rules=["CLAIM-UNCITED"],
        today=TODAY,
    )
    assert [f.record_id for f in run] == [shown.id]
    everything = findings.run(world.ctx.session, rules=["CLAIM-UNCITED"], today=TODAY)
    assert {f.record_id for f in everything} == {hidden.id, shown.id}
