"""Proceedings, charges, hearings, the fair-trial matrix and sentences."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import func, select

from casebook.errors import DomainError, ValidationErrors
from casebook.models.detention import DetentionEpisode
from casebook.models.trials import Charge, FairTrialAssessment, Hearing, Proceeding, Sentence
from casebook.services.context import Context
from casebook.services.people import not_in_future
from casebook.services.records import Changes, atomic, create, rule, update
from casebook.vocab import ChargeOutcome, Finding, Guarantee, ProceedingInstance, SentenceType

# The instance an appeal or cassation reviews.
PARENT_INSTANCE = {
    ProceedingInstance.FIRST_INSTANCE: ProceedingInstance.INVESTIGATION,
    ProceedingInstance.APPEAL: ProceedingInstance.FIRST_INSTANCE,
    ProceedingInstance.CASSATION: ProceedingInstance.APPEAL,
}
NEEDS_RATIONALE = frozenset({Finding.VIOLATED, Finding.PARTLY})


@rule(Proceeding)
def _proceeding_rules(
    ctx: Context, proc: Proceeding, changes: Changes | None
) -> Iterator[DomainError]:
    yield from not_in_future(ctx, proc, "start_date", "end_date")
    if proc.start_date and proc.end_date and proc.end_date < proc.start_date:
        yield DomainError("end_date", "ends before it starts")
    if proc.episode_id is not None:
        episode = ctx.session.get(DetentionEpisode, proc.episode_id)
        if episode is not None and episode.person_id != proc.person_id:
            yield DomainError("episode_id", "that detention belongs to another person")
    if proc.parent_id is None:
        return
    parent = ctx.session.get(Proceeding, proc.parent_id)
    if parent is None:
        return
    if proc.id is not None and parent.id == proc.id:
        yield DomainError("parent_id", "a proceeding cannot review itself")
    if parent.person_id != proc.person_id:
        yield DomainError("parent_id", "that proceeding concerns another person")
    expected = PARENT_INSTANCE.get(proc.instance)
    if expected is None:
        yield DomainError("parent_id", "an investigation does not review another proceeding")
    elif parent.instance is not expected:
        yield DomainError(
            "parent_id",
            f"a {proc.instance.label.lower()} reviews a {expected.label.lower()}, "
            f"not a {parent.instance.label.lower()}",
        )
    if parent.start_date and proc.start_date and proc.start_date < parent.start_date:
        yield DomainError("start_date", "starts before the proceeding it reviews")


@rule(Charge)
def _charge_rules(ctx: Context, charge: Charge, changes: Changes | None) -> Iterator[DomainError]:
    if not charge.statute:
        yield DomainError("statute", "is required")


@rule(Hearing)
def _hearing_rules(
    ctx: Context, hearing: Hearing, changes: Changes | None
) -> Iterator[DomainError]:
    if hearing.next_date and hearing.hearing_date and hearing.next_date < hearing.hearing_date:
        yield DomainError("next_date", "is before this hearing")
    proc = ctx.session.get(Proceeding, hearing.proceeding_id) if hearing.proceeding_id else None
    if proc is None or hearing.hearing_date is None:
        return
    if proc.start_date and hearing.hearing_date < proc.start_date:
        yield DomainError(
            "hearing_date", f"is before the proceeding began ({proc.start_date.isoformat()})"
        )
    if proc.end_date and hearing.hearing_date > proc.end_date:
        yield DomainError(
            "hearing_date", f"is after the proceeding ended ({proc.end_date.isoformat()})"
        )


@rule(FairTrialAssessment)
def _assessment_rules(
    ctx: Context, item: FairTrialAssessment, changes: Changes | None
) -> Iterator[DomainError]:
    if item.finding in NEEDS_RATIONALE and not item.rationale:
        yield DomainError(
            "rationale", f"explain why the guarantee was {item.finding.label.lower()}"
        )


@rule(Sentence)
def _sentence_rules(ctx: Context, sent: Sentence, changes: Changes | None) -> Iterator[DomainError]:
    if sent.sentence_type is SentenceType.IMPRISONMENT and not sent.term_months:
        yield DomainError("term_months", "give the term of imprisonment in months")
    if sent.sentence_type in (SentenceType.LIFE, SentenceType.DEATH) and sent.term_months:
        yield DomainError("term_months", f"a {sent.sentence_type.label.lower()} has no term")
    if sent.term_months is not None and sent.term_months <= 0:
        yield DomainError("term_months", "must be a positive number of months")
    if sent.start_date and sent.release_date and sent.release_date < sent.start_date:
        yield DomainError("release_date", "is before the sentence began")
    if not sent.proceeding_id:
        return
    convictions = ctx.session.scalar(
        select(func.count(Charge.id)).where(
            Charge.proceeding_id == sent.proceeding_id,
            Charge.outcome == ChargeOutcome.CONVICTED,
            Charge.retracted_at.is_(None),
        )
    )
    if not convictions:
        yield DomainError(
            "proceeding_id", "a sentence needs a conviction: record a charge with outcome Convicted"
        )


def create_proceeding(ctx: Context, values: Mapping[str, Any]) -> Proceeding:
    return create(ctx, Proceeding, values)


def add_charge(ctx: Context, proc: Proceeding, values: Mapping[str, Any]) -> Charge:
    return create(ctx, Charge, {**values, "proceeding_id": proc.id})


def add_hearing(ctx: Context, proc: Proceeding, values: Mapping[str, Any]) -> Hearing:
    return create(ctx, Hearing, {**values, "proceeding_id": proc.id})


def add_sentence(ctx: Context, proc: Proceeding, values: Mapping[str, Any]) -> Sentence:
    return create(ctx, Sentence, {**values, "proceeding_id": proc.id})


def matrix(ctx: Context, proc: Proceeding) -> dict[Guarantee, FairTrialAssessment]:
    rows = ctx.session.scalars(
        select(FairTrialAssessment).where(
            FairTrialAssessment.proceeding_id == proc.id,
            FairTrialAssessment.retracted_at.is_(None),
        )
    )
    return {row.guarantee: row for row in rows}


def record_matrix(
    ctx: Context,
    proc: Proceeding,
    findings: Mapping[Guarantee | str, Mapping[str, Any]],
    versions: Mapping[Guarantee, int] | None = None,
) -> dict[Guarantee, FairTrialAssessment]:
    """Save the G01-G15 matrix in one go: each entry's finding and rationale.

    Creates missing findings and updates changed ones; every guarantee's errors are
    reported together, prefixed with its code.
    """
    existing = matrix(ctx, proc)
    errors: list[DomainError] = []
    with atomic(ctx) as call:
        for key, values in findings.items():
            guarantee = key if isinstance(key, Guarantee) else Guarantee.parse(key)
            try:
                if guarantee in existing:
                    expected = (versions or {}).get(guarantee)
                    update(call, existing[guarantee], expected, values)
                else:
                    existing[guarantee] = create(
                        call,
                        FairTrialAssessment,
                        {**values, "proceeding_id": proc.id, "guarantee": guarantee},
                    )
            except ValidationErrors as exc:
                errors += [
                    DomainError(f"{guarantee.value}.{e.field}", e.message) for e in exc.errors
                ]
            except DomainError as exc:
                errors.append(DomainError(f"{guarantee.value}.{exc.field}", exc.message))
        if errors:
            raise ValidationErrors(errors)
    return existing
