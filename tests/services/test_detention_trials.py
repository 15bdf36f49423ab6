"""Detention episodes, custody events, proceedings, hearings, the matrix and sentences."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.errors import ValidationErrors
from casebook.models import FairTrialAssessment
from casebook.services import detention, records, trials
from casebook.services.context import Context
from casebook.vocab import (
    ChargeOutcome,
    CustodyEventType,
    EpisodeEndReason,
    Finding,
    Guarantee,
    ProceedingInstance,
    SentenceType,
)
from tests.factories import make_episode, make_hearing, make_person, make_place, make_proceeding


def test_episode_end_not_before_capture(ctx: Context) -> None:
    person = make_person(ctx)
    with pytest.raises(ValidationErrors) as caught:
        make_episode(ctx, person, end_date=date(2020, 1, 1), end_reason=EpisodeEndReason.RELEASED)
    assert caught.value.errors[0].field == "end_date"
    with pytest.raises(ValidationErrors, match="how it ended"):
        make_episode(ctx, person, end_date=date(2021, 1, 1))


def test_custody_events_inside_the_episode(ctx: Context) -> None:
    person = make_person(ctx)
    prison, court = make_place(ctx), make_place(ctx, name="Invented court")
    episode = make_episode(
        ctx, person, end_date=date(2023, 12, 13), end_reason=EpisodeEndReason.REPATRIATED
    )
    event = detention.add_event(
        ctx,
        episode,
        {
            "event_type": CustodyEventType.TRANSFER,
            "start_date": date(2020, 12, 1),
            "from_place_id": court.id,
            "to_place_id": prison.id,
        },
    )
    assert event.claim_id is not None
    with pytest.raises(ValidationErrors) as caught:
        detention.add_event(ctx, episode, {"event_type": "TRANSFER", "start_date": "2020-10-01"})
    assert {e.field for e in caught.value.errors} == {"start_date", "to_place_id"}
    with pytest.raises(ValidationErrors, match="after the detention ended"):
        detention.add_event(ctx, episode, {"event_type": "ICRC_VISIT", "start_date": "2024-01-05"})


def test_appeal_reviews_a_first_instance_of_the_same_person(ctx: Context) -> None:
    person, other = make_person(ctx), make_person(ctx)
    first = make_proceeding(ctx, person)
    appeal = make_proceeding(
        ctx,
        person,
        instance=ProceedingInstance.APPEAL,
        parent_id=first.id,
        start_date=date(2021, 8, 1),
        end_date=date(2021, 9, 1),
    )
    assert appeal.parent_id == first.id
    with pytest.raises(ValidationErrors, match="another person"):
        make_proceeding(ctx, other, instance=ProceedingInstance.APPEAL, parent_id=first.id)
    with pytest.raises(ValidationErrors, match=r"reviews a appeal, not a first instance"):
        make_proceeding(ctx, person, instance=ProceedingInstance.CASSATION, parent_id=first.id)


def test_hearing_inside_the_proceeding(ctx: Context) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    assert make_hearing(ctx, proc).claim_id
    with pytest.raises(ValidationErrors) as caught:
        make_hearing(ctx, proc, hearing_date=date(2021, 8, 1))
    assert caught.value.errors[0].field == "hearing_date"
    with pytest.raises(ValidationErrors, match="before the proceeding began"):
        make_hearing(ctx, proc, hearing_date=date(2021, 4, 30))


def test_sentence_needs_a_conviction(ctx: Context) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    with pytest.raises(ValidationErrors, match="conviction"):
        trials.add_sentence(
            ctx, proc, {"sentence_type": SentenceType.IMPRISONMENT, "term_months": 240}
        )
    charge = trials.add_charge(ctx, proc, {"statute": "Criminal Code", "article": "279.1"})
    records.update(ctx, charge, charge.version, {"outcome": ChargeOutcome.CONVICTED})
    with pytest.raises(ValidationErrors, match="term"):
        trials.add_sentence(ctx, proc, {"sentence_type": "IMPRISONMENT"})
    sentence = trials.add_sentence(
        ctx, proc, {"sentence_type": "IMPRISONMENT", "term_months": 240, "start_date": "2021-07-01"}
    )
    assert sentence.term_months == 240


def test_fair_trial_matrix_saved_as_one_form(ctx: Context) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    saved = trials.record_matrix(
        ctx,
        proc,
        {
            Guarantee.G01: {"finding": Finding.VIOLATED, "rationale": "Judges appointed by decree"},
            "G09": {"finding": "RESPECTED"},
        },
    )
    assert set(saved) == {Guarantee.G01, Guarantee.G09}
    with pytest.raises(ValidationErrors) as caught:
        trials.record_matrix(
            ctx, proc, {"G02": {"finding": "VIOLATED"}, "G03": {"finding": "PARTLY"}}
        )
    assert {e.field for e in caught.value.errors} == {"G02.rationale", "G03.rationale"}
    assert len(trials.matrix(ctx, proc)) == 2  # the failed save added nothing
    trials.record_matrix(ctx, proc, {"G09": {"finding": "PARTLY", "rationale": "Only at times"}})
    row = ctx.session.get(FairTrialAssessment, saved[Guarantee.G09].id)
    assert row is not None and row.finding is Finding.PARTLY and row.version == 2
