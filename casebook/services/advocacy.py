"""Submissions to UN bodies, courts and others, and the consents that allow them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select

from casebook.errors import DomainError
from casebook.models.advocacy import Consent, Submission
from casebook.models.people import Person
from casebook.services.audit import record_event
from casebook.services.context import Context
from casebook.services.records import Changes, atomic, create, rule, update
from casebook.vocab import AuditAction, ConsentScope, Recipient, SubmissionStatus

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
SENT = frozenset(
    {
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.ACKNOWLEDGED,
        SubmissionStatus.UNDER_CONSIDERATION,
        SubmissionStatus.DECIDED,
        SubmissionStatus.CLOSED,
    }
)


@rule(Submission)
def _submission_rules(
    ctx: Context, sub: Submission, changes: Changes | None
) -> Iterator[DomainError]:
    if sub.status in SENT and sub.submitted_on is None:
        yield DomainError("submitted_on", "a sent submission needs the date it was sent")
    if sub.submitted_on and sub.submitted_on > ctx.now().date():
        yield DomainError("submitted_on", "is in the future")
    if sub.submitted_on and sub.follow_up_on and sub.follow_up_on < sub.submitted_on:
        yield DomainError("follow_up_on", "is before the submission was sent")
    if sub.pdf_sha256 is not None and not _SHA256.match(sub.pdf_sha256):
        yield DomainError("pdf_sha256", "must be 64 lower-case hexadecimal characters")
    if sub.recipient is Recipient.OTHER and not sub.recipient_detail:
        yield DomainError("recipient_detail", "name the recipient")


@rule(Consent)
def _consent_rules(ctx: Context, con: Consent, changes: Changes | None) -> Iterator[DomainError]:
    if con.given_on and con.given_on > ctx.now().date():
        yield DomainError("given_on", "is in the future")
    if con.given_on and con.expires_on and con.expires_on < con.given_on:
        yield DomainError("expires_on", "is before the consent was given")
    if con.given_on and con.withdrawn_on and con.withdrawn_on < con.given_on:
        yield DomainError("withdrawn_on", "is before the consent was given")
    if con.given_by is not None and con.given_by.value == "PROXY" and not con.proxy_name:
        yield DomainError("proxy_name", "name who consented on the person's behalf")


def create_submission(
    ctx: Context, values: Mapping[str, Any], person_ids: Iterable[int] = ()
) -> Submission:
    with atomic(ctx) as call:
        sub = create(call, Submission, values)
        set_persons(call, sub, person_ids)
    return sub


def set_persons(ctx: Context, sub: Submission, person_ids: Iterable[int]) -> Submission:
    """Which persons the submission concerns; the change is audited as a field change."""
    wanted = sorted(set(person_ids))
    current = sorted(p.id for p in sub.persons)
    if wanted == current:
        return sub
    persons = list(ctx.session.scalars(select(Person).where(Person.id.in_(wanted))))
    missing = sorted(set(wanted) - {p.id for p in persons})
    if missing:
        raise DomainError("person_ids", f"no person with id {', '.join(map(str, missing))}")
    retracted = [p.id for p in persons if p.retracted_at is not None]
    if retracted:
        raise DomainError("person_ids", f"person {retracted[0]} has been retracted")
    with atomic(ctx) as call:
        sub.persons = persons
        record_event(
            call,
            AuditAction.UPDATE,
            Submission.__tablename__,
            sub.id,
            {"person_ids": [current, wanted]},
        )
    return sub


def update_submission(
    ctx: Context, sub: Submission, expected_version: int | None, values: Mapping[str, Any]
) -> Submission:
    return update(ctx, sub, expected_version, values)


def record_consent(ctx: Context, values: Mapping[str, Any]) -> Consent:
    return create(ctx, Consent, values)


def withdraw_consent(
    ctx: Context, consent: Consent, on: date, expected_version: int | None
) -> Consent:
    """Consent can be withdrawn at any time; the record stays to show what was allowed when."""
    return update(ctx, consent, expected_version, {"withdrawn_on": on})


def consent_covers(
    ctx: Context,
    person_id: int,
    scope: ConsentScope,
    on: date,
    recipient: Recipient | None = None,
) -> bool:
    """Is there a live consent of ``scope`` for ``person_id`` on day ``on`` (for ``recipient``)?"""
    rows = ctx.session.scalars(
        select(Consent).where(
            Consent.person_id == person_id,
            Consent.scope == scope,
            Consent.retracted_at.is_(None),
        )
    )
    for consent in rows:
        if not consent.is_valid_on(on):
            continue
        allowed = consent.recipients_allowed or []
        if recipient is None or not allowed or recipient.value in allowed:
            return True
    return False
