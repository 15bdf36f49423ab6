"""Allegations, involvement of perpetrators, medical evaluations and death records."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from casebook.errors import DomainError
from casebook.models.allegations import Allegation, DeathRecord, Involvement, MedicalEvaluation
from casebook.models.detention import DetentionEpisode
from casebook.models.people import Person
from casebook.models.trials import Proceeding
from casebook.services.audit import record_event
from casebook.services.context import Context
from casebook.services.people import not_in_future
from casebook.services.records import Changes, atomic, create, retract, rule, update
from casebook.vocab import ActType, AllegationStatus, AuditAction, Role

TRIAL_ACTS = frozenset(
    {
        ActType.FORCED_CONFESSION,
        ActType.DENIAL_OF_COUNSEL,
        ActType.DENIAL_OF_INTERPRETER,
        ActType.DENIAL_OF_PUBLIC_TRIAL,
        ActType.DEPENDENT_TRIBUNAL,
        ActType.DENIAL_OF_APPEAL,
    }
)


def _same_person(
    ctx: Context, person_id: int | None, field: str, model: type[Any], ident: int | None
) -> Iterator[DomainError]:
    if ident is None or person_id is None:
        return
    row = ctx.session.get(model, ident)
    if row is not None and row.person_id != person_id:
        yield DomainError(field, f"that {model.LABEL} concerns another person")


@rule(Allegation)
def _allegation_rules(
    ctx: Context, item: Allegation, changes: Changes | None
) -> Iterator[DomainError]:
    yield from not_in_future(ctx, item, "start_date", "end_date")
    if item.start_date and item.end_date and item.end_date < item.start_date:
        yield DomainError("end_date", "ends before it starts")
    yield from _same_person(ctx, item.victim_id, "episode_id", DetentionEpisode, item.episode_id)
    yield from _same_person(ctx, item.victim_id, "proceeding_id", Proceeding, item.proceeding_id)
    if item.act_type is ActType.FORCED_CONFESSION and item.proceeding_id is None:
        yield DomainError("proceeding_id", "a forced confession belongs to the trial that used it")
    status_changed = changes is None or "status" in changes
    if status_changed and item.status is AllegationStatus.RETRACTED and item.retracted_at is None:
        yield DomainError("status", "retract the allegation (with a reason) instead")
    if (
        status_changed
        and item.status not in (AllegationStatus.ALLEGED, AllegationStatus.RETRACTED)
        and not ctx.user.role.allows(Role.REVIEWER)
    ):
        yield DomainError(
            "status", f"only a reviewer may mark an allegation {item.status.label.lower()}"
        )


@rule(Involvement)
def _involvement_rules(
    ctx: Context, inv: Involvement, changes: Changes | None
) -> Iterator[DomainError]:
    if inv.perpetrator_id is None and not inv.perpetrator_unit:
        yield DomainError("perpetrator_id", "name a person or a unit")
    if inv.perpetrator_id is not None and inv.allegation_id is not None:
        allegation = ctx.session.get(Allegation, inv.allegation_id)
        if allegation is not None and allegation.victim_id == inv.perpetrator_id:
            yield DomainError("perpetrator_id", "the victim cannot be the perpetrator")


@rule(MedicalEvaluation)
def _medical_rules(
    ctx: Context, ev: MedicalEvaluation, changes: Changes | None
) -> Iterator[DomainError]:
    yield from not_in_future(ctx, ev, "examined_on")
    if ev.allegation_id is not None and ev.person_id is not None:
        allegation = ctx.session.get(Allegation, ev.allegation_id)
        if allegation is not None and allegation.victim_id != ev.person_id:
            yield DomainError("allegation_id", "that allegation concerns another person")


@rule(DeathRecord)
def _death_rules(ctx: Context, rec: DeathRecord, changes: Changes | None) -> Iterator[DomainError]:
    yield from not_in_future(ctx, rec, "death_date", "remains_returned_date")
    if rec.death_date and rec.remains_returned_date and rec.remains_returned_date < rec.death_date:
        yield DomainError("remains_returned_date", "is before the death")
    person = ctx.session.get(Person, rec.person_id) if rec.person_id else None
    if person and person.birth_date and rec.death_date and rec.death_date < person.birth_date:
        yield DomainError("death_date", "is before the person's birth")


def create_allegation(
    ctx: Context, values: Mapping[str, Any], involvements: tuple[Mapping[str, Any], ...] = ()
) -> Allegation:
    with atomic(ctx) as call:
        allegation = create(call, Allegation, values)
        for inv in involvements:
            add_involvement(call, allegation, inv)
    return allegation


def add_involvement(ctx: Context, allegation: Allegation, values: Mapping[str, Any]) -> Involvement:
    return create(ctx, Involvement, {**values, "allegation_id": allegation.id})


def set_status(
    ctx: Context, allegation: Allegation, status: AllegationStatus, expected_version: int | None
) -> Allegation:
    """Move an allegation along ALLEGED -> CORROBORATED -> VERIFIED / DISPUTED (reviewers)."""
    return update(ctx, allegation, expected_version, {"status": status})


def retract_allegation(
    ctx: Context, allegation: Allegation, reason: str, *, expected_version: int | None = None
) -> Allegation:
    """Withdraw an allegation: status RETRACTED, kept with the reason.

    ``expected_version`` is the version the user saw: a stale one raises StaleVersion (as
    ``records.retract`` does), so nobody withdraws an allegation a colleague just changed.
    """
    with atomic(ctx) as call:
        retract(call, allegation, reason, expected_version=expected_version)
        before = allegation.status
        allegation.status = AllegationStatus.RETRACTED
        if before is not AllegationStatus.RETRACTED:
            record_event(
                call,
                AuditAction.UPDATE,
                Allegation.__tablename__,
                allegation.id,
                {"status": [before.value, AllegationStatus.RETRACTED.value]},
                reason,
            )
    return allegation


def add_medical_evaluation(ctx: Context, values: Mapping[str, Any]) -> MedicalEvaluation:
    return create(ctx, MedicalEvaluation, values)


def record_death(ctx: Context, values: Mapping[str, Any]) -> DeathRecord:
    return create(ctx, DeathRecord, values)
