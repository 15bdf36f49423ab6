"""Allegations, perpetrators, medical evaluations and death records."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.errors import ValidationErrors
from casebook.services import allegations
from casebook.services.context import Context
from casebook.vocab import ActType, AllegationStatus, InvolvementDegree, IstanbulGrade
from tests.factories import make_allegation, make_person, make_proceeding


def test_allegation_with_perpetrators(ctx: Context) -> None:
    victim = make_person(ctx)
    allegation = allegations.create_allegation(
        ctx,
        {
            "victim_id": victim.id,
            "act_type": ActType.TORTURE,
            "methods": "beating; stress positions",
        },
        ({"perpetrator_unit": "Invented unit 000", "degree": InvolvementDegree.CARRIED_OUT},),
    )
    assert allegation.status is AllegationStatus.ALLEGED
    assert [i.perpetrator_unit for i in allegation.involvements] == ["Invented unit 000"]
    with pytest.raises(ValidationErrors, match="victim cannot be the perpetrator"):
        allegations.add_involvement(
            ctx, allegation, {"perpetrator_id": victim.id, "degree": "PRESENT"}
        )


def test_forced_confession_belongs_to_a_trial_of_the_victim(ctx: Context) -> None:
    victim, other = make_person(ctx), make_person(ctx)
    with pytest.raises(ValidationErrors, match="trial"):
        make_allegation(ctx, victim, act_type=ActType.FORCED_CONFESSION)
    proc = make_proceeding(ctx, other)
    with pytest.raises(ValidationErrors, match="another person"):
        make_allegation(ctx, victim, act_type=ActType.FORCED_CONFESSION, proceeding_id=proc.id)


def test_only_reviewers_move_status_beyond_alleged(ctx: Context, reviewer_ctx: Context) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    with pytest.raises(ValidationErrors, match="reviewer"):
        allegations.set_status(ctx, allegation, AllegationStatus.CORROBORATED, 1)
    allegations.set_status(reviewer_ctx, allegation, AllegationStatus.CORROBORATED, 1)
    assert allegation.status is AllegationStatus.CORROBORATED


def test_retracting_an_allegation_keeps_it_with_status_retracted(ctx: Context) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    with pytest.raises(ValidationErrors, match="retract"):
        allegations.set_status(ctx, allegation, AllegationStatus.RETRACTED, 1)
    allegations.retract_allegation(ctx, allegation, "the witness withdrew the account")
    assert allegation.status is AllegationStatus.RETRACTED and allegation.is_retracted


def test_medical_evaluation_and_death_record(ctx: Context) -> None:
    person = make_person(ctx, birth_date=date(1990, 1, 1))
    allegation = make_allegation(ctx, person)
    evaluation = allegations.add_medical_evaluation(
        ctx,
        {
            "person_id": person.id,
            "allegation_id": allegation.id,
            "istanbul_grade": IstanbulGrade.HIGHLY_CONSISTENT,
            "examined_on": "2021-02-01",
        },
    )
    assert evaluation.claim_id
    with pytest.raises(ValidationErrors, match="before the person's birth"):
        allegations.record_death(ctx, {"person_id": person.id, "death_date": "1980-01-01"})
    record = allegations.record_death(
        ctx,
        {
            "person_id": person.id,
            "death_date": "2021-03-01",
            "in_custody": "YES",
            "manner": "UNDETERMINED",
        },
    )
    assert record.claim_id
