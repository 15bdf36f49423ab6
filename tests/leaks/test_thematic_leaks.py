"""The thematic report, generated from the database for every audience profile: nothing
above the profile anywhere a reader can look, and what it may show is there."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import pytest

from casebook.services import advocacy, claims, dossiers
from casebook.services.context import Context
from casebook.services.dto import canonical_json
from casebook.services.snapshot import Profile
from casebook.services.snapshot_thematic import ThematicFilters, build
from casebook.storage import EvidenceStore
from casebook.vocab import Audience, Recipient
from tests.factories import make_allegation, make_person
from tests.leaks.case import IDENTITY, TODAY, above, build_case, consent_for
from tests.leaks.checks import Channels, assert_absent, assert_present

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("reports.thematic") is None, reason="thematic builder not yet there"
)
PROFILES = [
    (Profile(Audience.INTERNAL), "none"),
    (Profile(Audience.CONFIDENTIAL, Recipient.WGAD, "UN WGAD secretariat"), "wgad"),
    (Profile(Audience.CONFIDENTIAL, Recipient.WGAD, "UN WGAD secretariat"), "none"),
    (Profile(Audience.PARTNER), "initials"),
    (Profile(Audience.PUBLIC), "public"),
    (Profile(Audience.PUBLIC), "none"),
]


def thematic_pdf(dto: Any) -> bytes:
    builder = importlib.import_module("reports.thematic")
    pdf: bytes = builder.build(dto)
    return pdf


def _named_colleague(ctx: Context, case: Any) -> int:
    """A second detainee, named in full everywhere, whose case text mentions the first."""
    other = make_person(
        ctx,
        confidentiality="PUBLIC",
        names=[
            {
                "full_name": "Hayk Invented",
                "script": "LATN",
                "language": "HY_LATN",
                "kind": "PRIMARY",
                "confidentiality": "PUBLIC",
            }
        ],
    )
    advocacy.record_consent(
        ctx,
        {
            "person_id": other.id,
            "given_by": "SELF",
            "scope": "NAMED_PUBLIC",
            "method": "WRITTEN",
            "given_on": "2021-01-01",
            "confidentiality": "PUBLIC",
        },
    )
    allegation = make_allegation(ctx, other, confidentiality="PUBLIC")
    claims.cite(
        ctx,
        allegation,
        case.public_source,
        {
            "confidentiality": "PUBLIC",
            "quote_original": "Hovhannisyan and Hayk were beaten.",
            "quote_language": "en",
            "credibility": 1,
        },
    )
    return other.id


@pytest.mark.parametrize(("profile", "named"), PROFILES)
def test_no_string_above_the_profile_reaches_the_report(
    reviewer_ctx: Context, store: EvidenceStore, profile: Profile, named: str
) -> None:
    case = build_case(reviewer_ctx, store)
    consent_for(reviewer_ctx, case, named)
    other = _named_colleague(reviewer_ctx, case)
    snap = build(reviewer_ctx.session, ThematicFilters(), profile, TODAY)
    assert snap.person_ids == (case.person.id, other)
    pdf = thematic_pdf(snap.dto)
    channels = Channels.of(pdf, dossiers.filename(snap.reference, profile.audience))
    forbidden = [*above(profile.audience), "INTERNAL-NOTE-MARKER"]
    full = (
        profile.audience is Audience.INTERNAL
        or named in ("public",)
        or (named == "wgad" and profile.audience is Audience.CONFIDENTIAL)
    )
    if not full:
        forbidden += list(IDENTITY)
    assert_absent(channels, forbidden)
    assert [s for s in forbidden if s in canonical_json(snap.dto)] == []
    required = [
        "Hayk Invented",
        "Invented NGO report on captives",
        snap.reference,
        f"P-{case.person.id}",
        f"P-{other}",
    ]
    if full:
        required.append("Aram Hovhannisyan")
    assert_present(channels, required)
