"""The per-person dossier, generated from the database for every audience profile: nothing
above the profile anywhere a reader can look (page text, metadata, outline, link URIs,
file name), and everything the profile may see is there."""

from __future__ import annotations

import pytest

import reports.person
from casebook.services import dossiers, snapshot
from casebook.services.context import Context
from casebook.services.dto import Disclosure, canonical_json
from casebook.services.snapshot import Profile
from casebook.storage import EvidenceStore
from casebook.vocab import Audience, Recipient
from tests.factories import ARMENIAN, CYRILLIC, LATIN
from tests.leaks.case import (
    IDENTITY,
    INFORMANTS,
    PUBLIC_FACTS,
    SECRETS,
    STAND_INS,
    TODAY,
    WITNESSES,
    above,
    build_case,
    consent_for,
)
from tests.leaks.checks import Channels, assert_absent, assert_present

WGAD = Profile(Audience.CONFIDENTIAL, Recipient.WGAD, "UN WGAD secretariat")
CASES = [
    # (profile, consent on record, how the person must be named)
    (Profile(Audience.INTERNAL), "none", Disclosure.FULL),
    (WGAD, "wgad", Disclosure.FULL),
    (WGAD, "none", Disclosure.CODE),
    (Profile(Audience.PARTNER), "initials", Disclosure.INITIALS),
    (Profile(Audience.PARTNER), "none", Disclosure.CODE),
    (Profile(Audience.PUBLIC), "public", Disclosure.FULL),
    (Profile(Audience.PUBLIC), "wgad", Disclosure.CODE),
    (Profile(Audience.PUBLIC), "none", Disclosure.CODE),
]


@pytest.mark.parametrize(("profile", "named", "disclosure"), CASES)
def test_no_string_above_the_profile_reaches_the_pdf(
    reviewer_ctx: Context,
    store: EvidenceStore,
    profile: Profile,
    named: str,
    disclosure: Disclosure,
) -> None:
    case = build_case(reviewer_ctx, store)
    consent_for(reviewer_ctx, case, named)
    snap = snapshot.person_dossier(reviewer_ctx.session, case.person.id, profile, TODAY)
    assert snap.dto.identity.disclosure is disclosure
    pdf = reports.person.build(snap.dto)
    name = dossiers.filename(snap.reference, profile.audience)
    channels = Channels.of(pdf, name)

    forbidden = [*above(profile.audience), "INTERNAL-NOTE-MARKER"]
    if profile.audience is not Audience.INTERNAL:
        forbidden.append(case.restricted_file_sha)
    if disclosure is not Disclosure.FULL:
        forbidden += list(IDENTITY)
    assert_absent(channels, forbidden)
    # The builder was never given them either.
    given = canonical_json(snap.dto)
    assert [s for s in forbidden if s in given] == []

    required = [*PUBLIC_FACTS, case.public_file_sha, snap.reference]
    if profile.audience is not Audience.INTERNAL:
        required += STAND_INS
    if disclosure is Disclosure.FULL:
        required += [LATIN, ARMENIAN, "SN-PUBLIC-4711"]
    elif disclosure is Disclosure.INITIALS:
        required.append("A. H.")
    else:
        required.append(f"P-{case.person.id}")
    assert_present(channels, required)
    assert profile.audience.value in name
    assert str(case.person.id) not in name.replace(snap.reference, "")


def test_internal_dossier_has_every_section_name_form_and_citation(
    reviewer_ctx: Context, store: EvidenceStore
) -> None:
    case = build_case(reviewer_ctx, store)
    snap = snapshot.person_dossier(
        reviewer_ctx.session, case.person.id, Profile(Audience.INTERNAL), TODAY
    )
    dto = snap.dto
    channels = Channels.of(reports.person.build(dto))
    every_secret = [s for strings in SECRETS.values() for s in strings if s != "Каппа"]
    assert_present(
        channels,
        [
            *every_secret,
            *WITNESSES,
            *PUBLIC_FACTS,
            ARMENIAN,
            LATIN,
            CYRILLIC,
            "Aramazd Khachkarov",
            "AM7734521",
            case.restricted_file_sha,
            "Legal qualification",
            "Action requested",
            "Geneva Convention III",
        ],
    )
    assert_absent(channels, [*INFORMANTS, "INTERNAL-NOTE-MARKER"])
    # Every note and every source of the annex is in the text, numbered in reading order.
    assert [n.number for n in dto.notes] == list(range(1, len(dto.notes) + 1))
    assert [s.number for s in dto.sources] == list(range(1, len(dto.sources) + 1))
    first_use = []
    for note in dto.notes:
        if note.source_number not in first_use:
            first_use.append(note.source_number)
    assert first_use == sorted(first_use)
    for source in dto.sources:
        assert_present(channels, [f"S-{source.number}"])
    assert len(dto.notes) >= 12
