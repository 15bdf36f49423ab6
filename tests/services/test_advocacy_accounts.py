"""Submissions, consents and user accounts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casebook.errors import Conflict, DomainError, PermissionDenied, ValidationErrors
from casebook.models import AuditEvent, User
from casebook.services import accounts, advocacy
from casebook.services.context import Context
from casebook.vocab import ConsentScope, Recipient, Role, SubmissionStatus
from tests.factories import make_person


def test_submission_lists_persons_and_audits_changes(ctx: Context) -> None:
    a, b = make_person(ctx), make_person(ctx)
    sub = advocacy.create_submission(
        ctx,
        {
            "recipient": Recipient.WGAD,
            "title": "Urgent appeal",
            "status": "SUBMITTED",
            "submitted_on": "2021-02-01",
            "follow_up_on": "2021-05-01",
        },
        [a.id],
    )
    advocacy.set_persons(ctx, sub, [a.id, b.id])
    event = ctx.session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "submission").order_by(AuditEvent.id.desc())
    ).first()
    assert event is not None and event.changes == {"person_ids": [[a.id], sorted([a.id, b.id])]}
    with pytest.raises(DomainError, match="no person"):
        advocacy.set_persons(ctx, sub, [999_999])


def test_sent_submission_needs_date(ctx: Context) -> None:
    with pytest.raises(ValidationErrors) as caught:
        advocacy.create_submission(
            ctx, {"recipient": "OTHER", "title": "x", "status": SubmissionStatus.SUBMITTED}
        )
    assert {e.field for e in caught.value.errors} == {"submitted_on", "recipient_detail"}


def test_consent_scope_recipients_and_withdrawal(ctx: Context) -> None:
    person = make_person(ctx)
    consent = advocacy.record_consent(
        ctx,
        {
            "person_id": person.id,
            "given_by": "PROXY",
            "proxy_name": "Invented Mother",
            "scope": ConsentScope.CONFIDENTIAL_UN,
            "recipients_allowed": ["wgad", "WGEID"],
            "method": "WRITTEN",
            "given_on": "2021-01-10",
        },
    )
    assert consent.recipients_allowed == ["WGAD", "WGEID"]
    day = date(2021, 6, 1)
    assert advocacy.consent_covers(
        ctx, person.id, ConsentScope.CONFIDENTIAL_UN, day, Recipient.WGAD
    )
    assert not advocacy.consent_covers(
        ctx, person.id, ConsentScope.CONFIDENTIAL_UN, day, Recipient.ICRC
    )
    assert not advocacy.consent_covers(ctx, person.id, ConsentScope.NAMED_PUBLIC, day)
    advocacy.withdraw_consent(ctx, consent, date(2021, 3, 1), consent.version)
    assert not advocacy.consent_covers(ctx, person.id, ConsentScope.CONFIDENTIAL_UN, day)
    with pytest.raises(ValidationErrors) as caught:
        advocacy.record_consent(
            ctx,
            {
                "person_id": person.id,
                "given_by": "PROXY",
                "scope": "MEDIA",
                "method": "WRITTEN",
                "given_on": "2021-01-10",
                "recipients_allowed": ["Nobody"],
            },
        )
    assert {e.field for e in caught.value.errors} == {"proxy_name", "recipients_allowed"}


def test_users_are_created_hashed_and_disabled_by_admins(
    system_ctx: Context, ctx: Context, admin: User
) -> None:
    admin_ctx = Context(system_ctx.session, admin, system_ctx.clock)
    user = accounts.create_user(admin_ctx, "New.Officer", "editor", "a long enough secret")
    assert user.username == "new.officer"
    assert user.password_hash and "a long enough secret" not in user.password_hash
    assert accounts.password_matches(user, "a long enough secret")
    assert not accounts.password_matches(user, "wrong")
    events = system_ctx.session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity == "user_account", AuditEvent.record_id == user.id
        )
    ).all()
    assert all("secret" not in str(e.changes) for e in events)
    with pytest.raises(PermissionDenied):
        accounts.create_user(ctx, "another", "viewer", "a long enough secret")
    with pytest.raises(Conflict, match="already exists"):
        accounts.create_user(admin_ctx, "new.officer", "viewer", "a long enough secret")
    with pytest.raises(ValidationErrors) as caught:
        accounts.create_user(admin_ctx, "x", "boss", "short")
    assert {e.field for e in caught.value.errors} == {"username", "role", "password"}
    accounts.set_active(admin_ctx, user, False, "left the organisation")
    assert not user.active
    with pytest.raises(Conflict, match="own account"):
        accounts.set_active(admin_ctx, admin, False)
    with pytest.raises(Conflict, match="system"):
        accounts.set_active(admin_ctx, system_ctx.user, False)


def test_first_admin_bootstrap(system_ctx: Context) -> None:
    session = system_ctx.session
    assert accounts.first_admin_needed(session)
    user = accounts.create_first_admin(
        session, system_ctx.clock, "admin", "a long enough secret", "root"
    )
    assert user.role is Role.ADMIN
    assert not accounts.first_admin_needed(session)
    assert [u.username for u in accounts.list_users(session)] == ["admin"]
