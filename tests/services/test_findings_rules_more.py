"""Trigger and clean fixtures for the persons, advocacy and output rules (the others, and
the shared machinery, are in test_findings_rules.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from casebook.models import Person
from casebook.services import advocacy, allegations, detention, findings, sources, trials
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import (
    Acknowledgment,
    ActType,
    AllegationStatus,
    Audience,
    Confidentiality,
    ConsentScope,
    CustodyEventType,
    DatePrecision,
    PersonCategory,
    PersonStatus,
    ProceedingInstance,
    Recipient,
    Script,
    SourceType,
    SubmissionStatus,
    TriState,
)
from tests.conftest import FakeClock
from tests.factories import make_episode, make_place, make_proceeding
from tests.services.test_findings_rules import TODAY, Case, Fixture, World, check, persons

PUBLIC = Confidentiality.PUBLIC
FIXTURES: dict[str, tuple[Fixture, Fixture]] = {}


def pair(rule_id: str, trigger: Fixture, clean: Fixture) -> None:
    FIXTURES[rule_id] = (trigger, clean)


def consent(w: World, person: Person, scope: ConsentScope, **values: Any) -> Any:
    fields: dict[str, Any] = {
        "person_id": person.id,
        "given_by": "SELF",
        "scope": scope,
        "method": "WRITTEN",
        "given_on": date(2021, 1, 10),
        **values,
    }
    return advocacy.record_consent(w.ctx, fields)


def submit(w: World, recipient: Recipient, *people_: Person, **values: Any) -> Any:
    fields: dict[str, Any] = {
        "recipient": recipient,
        "title": f"Invented communication to {recipient.value}",
        "submitted_on": date(2021, 3, 1),
        "status": SubmissionStatus.SUBMITTED,
        **values,
    }
    return advocacy.create_submission(w.ctx, fields, [p.id for p in people_])


# --- persons -----------------------------------------------------------------------------


def unacknowledged(w: World, **event: Any) -> tuple[Person, Any]:
    person = w.person()
    episode = make_episode(w.ctx, person, acknowledgment=Acknowledgment.DENIED)
    if event:
        detention.add_event(w.ctx, episode, event)
    return person, episode


def no_sign_of_life(w: World) -> Case:
    person, episode = unacknowledged(
        w, event_type=CustodyEventType.ICRC_VISIT, start_date=TODAY - timedelta(days=200)
    )
    return Case(persons(person), ("detention_episode", episode.id))


def recent_sign_of_life(w: World) -> Case:
    person, _episode = unacknowledged(
        w, event_type=CustodyEventType.FAMILY_CONTACT, start_date=TODAY - timedelta(days=10)
    )
    other, _episode = unacknowledged(w)
    proceeding = make_proceeding(w.ctx, other, end_date=None)
    trials.add_hearing(
        w.ctx,
        proceeding,
        {
            "hearing_date": TODAY - timedelta(days=30),
            "monitoring_mode": "DIRECT",
            "defendant_present": TriState.YES,
        },
    )
    acknowledged = w.person()
    make_episode(w.ctx, acknowledged, acknowledgment=Acknowledgment.ACKNOWLEDGED)
    return Case(persons(person, other, acknowledged))


pair("PERSON-NO-SIGN-OF-LIFE", no_sign_of_life, recent_sign_of_life)


def stale_status(w: World) -> Case:
    person = w.person(current_status=PersonStatus.DETAINED, status_as_of=date(2026, 4, 1))
    return Case(persons(person), ("person", person.id))


def current_status(w: World) -> Case:
    recent = w.person(current_status=PersonStatus.DETAINED, status_as_of=date(2026, 10, 1))
    final = w.person(current_status=PersonStatus.REPATRIATED, status_as_of=date(2021, 1, 1))
    relative = w.person(category=PersonCategory.RELATIVE)
    return Case(persons(recent, final, relative))


pair("PERSON-STATUS-STALE", stale_status, current_status)


def latin_only(w: World) -> Case:
    names = [
        {"full_name": "Aram Hovhannisyan", "script": Script.LATN, "language": "HY_LATN"},
        {"full_name": "Aram Hovannisyan", "script": Script.LATN, "language": "EN"},
    ]
    person = w.person(names=names)
    return Case(persons(person), ("person", person.id))


def three_scripts(w: World) -> Case:
    return Case(persons(w.person()))


pair("PERSON-ONE-SCRIPT", latin_only, three_scripts)


def disappeared(w: World) -> Case:
    person = w.person(category=PersonCategory.MISSING)
    return Case(persons(person), ("person", person.id))


def documented_disappearance(w: World) -> Case:
    person = w.person(category=PersonCategory.MISSING)
    place = make_place(w.ctx)
    make_episode(
        w.ctx,
        person,
        capture_date=date(2020, 11, 1),
        capture_precision=DatePrecision.MONTH,
        capture_place_id=place.id,
        capturing_force="Invented special forces unit",
    )
    submit(w, Recipient.ICRC, person)
    consent(w, person, ConsentScope.CONFIDENTIAL_UN, given_by="PROXY", proxy_name="Invented Mother")
    return Case(persons(person))


pair("WGEID-ELEMENTS-MISSING", disappeared, documented_disappearance)


# --- advocacy ----------------------------------------------------------------------------


def sent_without_consent(w: World) -> Case:
    person, covered = w.person(), w.person()
    consent(w, covered, ConsentScope.CONFIDENTIAL_UN, recipients_allowed=["WGAD"])
    submission = submit(w, Recipient.WGAD, person, covered)
    return Case(persons(person, covered), ("submission", submission.id))


def sent_with_consent(w: World) -> Case:
    listed, public, any_recipient = w.person(), w.person(), w.person()
    consent(w, listed, ConsentScope.CONFIDENTIAL_UN, recipients_allowed=["WGAD", "WGEID"])
    consent(w, public, ConsentScope.NAMED_PUBLIC)
    consent(w, any_recipient, ConsentScope.CONFIDENTIAL_UN, expires_on=date(2021, 3, 1))
    submit(w, Recipient.WGAD, listed, public, any_recipient)
    return Case(persons(listed, public, any_recipient))


pair("SUBMISSION-NO-CONSENT", sent_without_consent, sent_with_consent)


def draft_without_consent(w: World) -> Case:
    person = w.person()
    consent(w, person, ConsentScope.LITIGATION, withdrawn_on=date(2026, 1, 1))
    draft = submit(
        w, Recipient.ECTHR_RULE39, person, submitted_on=None, status=SubmissionStatus.DRAFT
    )
    return Case(persons(person), ("submission", draft.id))


def draft_with_consent(w: World) -> Case:
    person = w.person()
    consent(w, person, ConsentScope.LITIGATION, recipients_allowed=["ECTHR_RULE39"])
    submit(w, Recipient.ECTHR_RULE39, person, submitted_on=None, status=SubmissionStatus.DRAFT)
    return Case(persons(person))


pair("SUBMISSION-DRAFT-NO-CONSENT", draft_without_consent, draft_with_consent)


def media_only(w: World) -> Case:
    person = w.person()
    w.allegation(person, w.graded(source_type=SourceType.MEDIA_REPORT))
    submission = submit(w, Recipient.SR_TORTURE, person)
    return Case(persons(person), ("submission", submission.id))


def direct_source(w: World) -> Case:
    person = w.person()
    w.allegation(person, w.graded(source_type=SourceType.MEDIA_REPORT))
    episode = make_episode(w.ctx, person)
    w.cite(episode, w.graded(source_type=SourceType.VICTIM_TESTIMONY))
    submit(w, Recipient.SR_TORTURE, person)
    other = w.person()
    w.allegation(other, w.graded(source_type=SourceType.MEDIA_REPORT))
    submit(w, Recipient.ECTHR_APPLICATION, other)  # not a UN Special Procedure
    return Case(persons(person, other))


pair("SUBMISSION-MEDIA-ONLY", media_only, direct_source)


def wgad_bare(w: World) -> Case:
    person = w.person()
    submission = submit(w, Recipient.WGAD, person)
    return Case(persons(person), ("submission", submission.id))


def wgad_complete(w: World) -> Case:
    person = w.person(birth_date=date(1999, 4, 2), birth_precision=DatePrecision.DAY)
    prison, base = make_place(w.ctx), make_place(w.ctx, name="Invented base", kind="MILITARY_BASE")
    episode = make_episode(w.ctx, person, capture_place_id=base.id)
    detention.add_event(
        w.ctx,
        episode,
        {"event_type": "TRANSFER", "start_date": date(2020, 12, 1), "to_place_id": prison.id},
    )
    allegations.create_allegation(
        w.ctx, {"victim_id": person.id, "act_type": ActType.ARBITRARY_DETENTION}
    )
    make_proceeding(w.ctx, person, instance=ProceedingInstance.APPEAL)
    submit(w, Recipient.WGAD, person)
    return Case(persons(person))


pair("WGAD-ELEMENTS-MISSING", wgad_bare, wgad_complete)


def follow_up_overdue(w: World) -> Case:
    person = w.person()
    submission = submit(w, Recipient.ICRC, person, follow_up_on=date(2021, 6, 1))
    return Case(persons(person), ("submission", submission.id))


def follow_up_ahead(w: World) -> Case:
    person = w.person()
    submit(w, Recipient.ICRC, person, follow_up_on=date(2026, 12, 1))
    submit(w, Recipient.ICRC, person, follow_up_on=date(2021, 6, 1), status="CLOSED")
    return Case(persons(person))


pair("SUBMISSION-FOLLOW-UP-DUE", follow_up_overdue, follow_up_ahead)


# --- outputs -----------------------------------------------------------------------------


def above_profile(w: World) -> Case:
    person = w.person(confidentiality=Confidentiality.PARTNER)
    return Case(persons(person, audience=Audience.PUBLIC), ("person", person.id))


def within_profile(w: World) -> Case:
    person = w.person(confidentiality=Confidentiality.PARTNER)
    return Case(persons(person, audience=Audience.PARTNER))


pair("OUTPUT-PERSON-ABOVE-PROFILE", above_profile, within_profile)


def dossier_without_consent(w: World) -> Case:
    person = w.person(confidentiality=PUBLIC)
    consent(w, person, ConsentScope.CONFIDENTIAL_UN)  # covers the UN, not publication
    return Case(persons(person, audience=Audience.PUBLIC), ("person", person.id))


def dossier_with_consent(w: World) -> Case:
    person = w.person(confidentiality=PUBLIC)
    consent(w, person, ConsentScope.CONFIDENTIAL_UN, recipients_allowed=["WGAD"])
    run = persons(person, audience=Audience.CONFIDENTIAL, recipient=Recipient.WGAD)
    return Case(run)


pair("OUTPUT-PERSON-NO-CONSENT", dossier_without_consent, dossier_with_consent)


def report_codes(w: World) -> Case:
    first, second = w.person(confidentiality=PUBLIC), w.person(confidentiality=PUBLIC)
    consent(w, second, ConsentScope.INITIALS_ONLY)
    return Case(persons(first, second, audience=Audience.PUBLIC), ("person", first.id))


def report_names(w: World) -> Case:
    first, second = w.person(confidentiality=PUBLIC), w.person(confidentiality=PUBLIC)
    consent(w, first, ConsentScope.INITIALS_ONLY)
    consent(w, second, ConsentScope.NAMED_PUBLIC)
    return Case(persons(first, second, audience=Audience.PUBLIC))


pair("OUTPUT-PERSON-CODED", report_codes, report_names)


def only_withheld_sources(w: World) -> Case:
    person = w.person(confidentiality=PUBLIC)
    allegation = w.allegation(person, w.graded(), confidentiality=PUBLIC)  # CONFIDENTIAL source
    return Case(persons(person, audience=Audience.PUBLIC), ("allegation", allegation.id))


def a_visible_source(w: World) -> Case:
    person = w.person(confidentiality=PUBLIC)
    allegation = w.allegation(person, w.graded(), confidentiality=PUBLIC)
    w.cite(allegation, w.graded(confidentiality=PUBLIC), confidentiality=PUBLIC)
    return Case(persons(person, audience=Audience.PUBLIC))


pair("OUTPUT-CLAIM-NO-VISIBLE-SOURCE", only_withheld_sources, a_visible_source)


def coded_source(w: World) -> Case:
    person = w.person(confidentiality=PUBLIC)
    allegation = w.allegation(person, confidentiality=PUBLIC)
    hidden = w.graded(source_type=SourceType.RELATIVE_TESTIMONY)
    w.cite(allegation, hidden, confidentiality=PUBLIC)
    return Case(persons(person, audience=Audience.PUBLIC), ("source", hidden.id))


def shown_source(w: World) -> Case:
    person = w.person(confidentiality=PUBLIC)
    allegation = w.allegation(person, confidentiality=PUBLIC)
    w.cite(allegation, w.graded(confidentiality=PUBLIC), confidentiality=PUBLIC)
    w.cite(allegation, w.graded())  # a CONFIDENTIAL citation is left out, not coded
    return Case(persons(person, audience=Audience.PUBLIC))


pair("OUTPUT-SOURCE-CODED", coded_source, shown_source)


def _witness(w: World, **values: Any) -> Any:
    source = w.graded(source_type=SourceType.WITNESS_TESTIMONY, confidentiality=PUBLIC, **values)
    sources.set_informant(w.ctx, source, {"name": "Anahit Invented-Witness"})
    return source


def informant_named(w: World) -> Case:
    person = w.person(confidentiality=PUBLIC)
    source = _witness(w, summary="Account given by anahit invented-witness in 2021.")
    w.cite(w.allegation(person, confidentiality=PUBLIC), source, confidentiality=PUBLIC)
    return Case(persons(person, audience=Audience.PUBLIC), ("source", source.id))


def informant_kept_apart(w: World) -> Case:
    person = w.person(confidentiality=PUBLIC)
    # The author of a testimony is shown only internally; the informant stays unnamed.
    source = _witness(w, author="Anahit Invented-Witness", summary="A cellmate's account.")
    allegation = w.allegation(person, confidentiality=PUBLIC)
    w.cite(allegation, source, confidentiality=PUBLIC, quote_original="He was beaten.",
           quote_language="en")  # fmt: skip
    return Case(persons(person, audience=Audience.PUBLIC))


pair("OUTPUT-INFORMANT-IDENTITY", informant_named, informant_kept_apart)


def report_with_alleged(w: World) -> Case:
    first, second = w.person(confidentiality=PUBLIC), w.person(confidentiality=PUBLIC)
    w.allegation(first, w.graded(), confidentiality=PUBLIC)
    return Case(persons(first, second, audience=Audience.PUBLIC), ("person", first.id))


def report_with_corroborated(w: World) -> Case:
    first, second = w.person(confidentiality=PUBLIC), w.person(confidentiality=PUBLIC)
    w.allegation(
        first, w.graded(), w.graded(), confidentiality=PUBLIC, status=AllegationStatus.CORROBORATED
    )
    w.allegation(second, w.graded())  # ALLEGED but CONFIDENTIAL: not in a PUBLIC report
    return Case(persons(first, second, audience=Audience.PUBLIC))


pair("FIGURES-COUNT-ALLEGED", report_with_alleged, report_with_corroborated)


AREAS = {"persons", "advocacy", "output"}
MINE = sorted(r.id for r in findings.REGISTRY.values() if r.area in AREAS)


@pytest.fixture
def world(ctx: Context, reviewer_ctx: Context, store: EvidenceStore, clock: FakeClock) -> World:
    return World(ctx, reviewer_ctx, store, clock)


@pytest.mark.parametrize("rule_id", MINE)
def test_rule_is_triggered(world: World, rule_id: str) -> None:
    check(world, rule_id, FIXTURES[rule_id][0])


@pytest.mark.parametrize("rule_id", MINE)
def test_rule_is_not_triggered_by_clean_records(world: World, rule_id: str) -> None:
    check(world, rule_id, FIXTURES[rule_id][1])


def test_fixtures_cover_this_module_s_rules() -> None:
    assert set(FIXTURES) == set(MINE)
