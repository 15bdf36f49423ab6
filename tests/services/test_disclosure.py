"""The disclosure policy: who is named in full, by initials or by a code, for which use."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.models import Consent
from casebook.services import advocacy, disclosure
from casebook.services.context import Context
from casebook.services.dto import Disclosure
from casebook.vocab import Audience, Confidentiality, ConsentScope, Recipient
from tests.factories import make_person

DAY = date(2026, 10, 1)


def _consent(ctx: Context, scope: ConsentScope, **values: object) -> Consent:
    person = make_person(ctx)
    return advocacy.record_consent(
        ctx,
        {
            "person_id": person.id,
            "given_by": "SELF",
            "scope": scope,
            "method": "WRITTEN",
            "given_on": "2021-01-10",
            **values,
        },
    )


def test_internal_outputs_name_everyone_and_see_everything() -> None:
    assert disclosure.person_disclosure([], Audience.INTERNAL, None, DAY) is Disclosure.FULL
    assert disclosure.may_see(Audience.INTERNAL, Confidentiality.RESTRICTED)
    assert disclosure.shows_witness_identity(Audience.INTERNAL)


@pytest.mark.parametrize("audience", [Audience.CONFIDENTIAL, Audience.PARTNER, Audience.PUBLIC])
def test_without_consent_a_person_is_a_code(audience: Audience) -> None:
    assert disclosure.person_disclosure([], audience, Recipient.WGAD, DAY) is Disclosure.CODE
    assert not disclosure.shows_witness_identity(audience)


@pytest.mark.parametrize(
    ("audience", "level", "visible"),
    [
        (Audience.CONFIDENTIAL, Confidentiality.CONFIDENTIAL, True),
        (Audience.CONFIDENTIAL, Confidentiality.RESTRICTED, False),
        (Audience.PARTNER, Confidentiality.PARTNER, True),
        (Audience.PARTNER, Confidentiality.CONFIDENTIAL, False),
        (Audience.PUBLIC, Confidentiality.PUBLIC, True),
        (Audience.PUBLIC, Confidentiality.PARTNER, False),
    ],
)
def test_ceilings(audience: Audience, level: Confidentiality, visible: bool) -> None:
    assert disclosure.may_see(audience, level) is visible


def test_un_consent_names_a_person_to_that_recipient_only(ctx: Context) -> None:
    consent = _consent(ctx, ConsentScope.CONFIDENTIAL_UN, recipients_allowed=["WGAD"])
    named = disclosure.person_disclosure
    assert named([consent], Audience.CONFIDENTIAL, Recipient.WGAD, DAY) is Disclosure.FULL
    assert named([consent], Audience.CONFIDENTIAL, Recipient.WGEID, DAY) is Disclosure.CODE
    assert named([consent], Audience.CONFIDENTIAL, None, DAY) is Disclosure.CODE
    assert named([consent], Audience.PUBLIC, Recipient.WGAD, DAY) is Disclosure.CODE


def test_public_consents_and_initials(ctx: Context) -> None:
    public = _consent(ctx, ConsentScope.NAMED_PUBLIC)
    initials = _consent(ctx, ConsentScope.INITIALS_ONLY)
    named = disclosure.person_disclosure
    assert named([public], Audience.PUBLIC, None, DAY) is Disclosure.FULL
    assert named([public], Audience.CONFIDENTIAL, Recipient.ECTHR_RULE39, DAY) is Disclosure.FULL
    assert named([initials], Audience.PARTNER, None, DAY) is Disclosure.INITIALS
    assert named([initials, public], Audience.PUBLIC, None, DAY) is Disclosure.FULL


def test_withdrawn_or_expired_consent_no_longer_counts(ctx: Context) -> None:
    withdrawn = _consent(ctx, ConsentScope.NAMED_PUBLIC, withdrawn_on="2026-09-01")
    expired = _consent(ctx, ConsentScope.NAMED_PUBLIC, expires_on="2025-12-31")
    named = disclosure.person_disclosure
    assert named([withdrawn], Audience.PUBLIC, None, DAY) is Disclosure.CODE
    assert named([withdrawn], Audience.PUBLIC, None, date(2026, 8, 1)) is Disclosure.FULL
    assert named([expired], Audience.PUBLIC, None, DAY) is Disclosure.CODE
