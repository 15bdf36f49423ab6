"""The fixed texts of a dossier: methodology, limitations and the consent statement.

They describe the rules casebook applies (grading, corroboration, the cut-off, what the
audience profile withholds) in general terms: never a count or a detail of what was
withheld, which would itself tell the reader something above their profile.
"""

from __future__ import annotations

from datetime import date, datetime

from casebook.services.disclosure import consent_need, may_see
from casebook.services.dto import ConsentStatement, Disclosure, FuzzyDate
from casebook.services.snapshot import Profile, Subject
from casebook.services.snapshot_bundle import Bundle
from casebook.vocab import AUDIENCE_CEILING, Audience, ConsentGiver, Recipient

GRADING = (
    "Sources are graded once on the Admiralty scale for reliability (A completely reliable "
    "to E unreliable; F cannot be judged); each citation is graded separately for the "
    "credibility of the information (1 confirmed by other sources to 5 improbable; 6 cannot "
    "be judged). Notes give the source number, the pinpoint and the credibility grade."
)
CORROBORATION = (
    "An allegation is ALLEGED when at least one source supports it; CORROBORATED when at "
    "least two sources of distinct origin do, at least one of them not an interested party "
    "(the detaining state, the home state or the family); VERIFIED when it is corroborated "
    "and an authenticated primary item supports it (a preserved and hashed recording, an "
    "Istanbul Protocol evaluation rated highly consistent or stronger, a court record, an "
    "admission by the state); DISPUTED when credible evidence contradicts it. A bare denial "
    "by the state is recorded as its response and does not change the status."
)
PRESERVATION = (
    "Digital evidence is preserved as the Berkeley Protocol asks: the SHA-256 of every "
    "stored file is listed in the source annex, and each file keeps a chain-of-custody log."
)


def _day(moment: datetime | None) -> str:
    if moment is None:
        return "no record"
    return FuzzyDate(moment.date()).text()


def methodology(
    profile: Profile, cutoff: datetime | None, *, rules: bool = True
) -> tuple[str, ...]:
    """``rules``: include the grading and corroboration rules (the thematic report's builder
    lays them out as a table of its own)."""
    ceiling = AUDIENCE_CEILING[profile.audience]
    return (
        *((GRADING, CORROBORATION) if rules else ()),
        PRESERVATION,
        f"This document reflects the records as last changed on {_day(cutoff)} (the data "
        "cut-off); anything recorded later is not included.",
        f"It was prepared for the audience \u201c{profile.audience.label}\u201d: it contains "
        f"only records classified {ceiling.label.lower()} or lower. Sources above that level "
        "appear only as a coded reference (\u201con file\u201d), and persons are named in "
        "full, by initials or by a code according to the consent they have given for this use.",
    )


def limitations(profile: Profile) -> tuple[str, ...]:
    texts = [
        "\u201cNo information recorded\u201d means that nothing was documented, not that "
        "nothing happened; the absence of physical findings does not rule out torture.",
        "Figures and statuses reflect the sources available to the organisation; an "
        "ALLEGED item rests on a single source and awaits corroboration.",
    ]
    if profile.audience is not Audience.INTERNAL:
        texts.append(
            "Some records and the identities of witnesses and informants are withheld from "
            "this version to protect the persons concerned; the full record is kept by the "
            "organisation."
        )
    return tuple(texts)


def consent_statements(
    bundle: Bundle, person_id: int, who: Subject, profile: Profile, today: date
) -> tuple[ConsentStatement, ...]:
    """How the person is named and why, then each consent on record the audience may see."""
    audience = profile.audience
    if audience is Audience.INTERNAL:
        lead = (
            "Internal document: the person is named in full. Consent governs every version "
            "that leaves the organisation."
        )
    elif who.disclosure is Disclosure.FULL:
        lead = "The person is named in full: a valid consent on record covers this use."
    elif who.disclosure is Disclosure.INITIALS:
        lead = "The person is named by initials only, as the consent on record allows."
    else:
        lead = (
            f"The person is identified only by the code {who.code}: no valid consent on "
            "record covers naming them in this use."
        )
    statements = [
        ConsentStatement(lead, who.disclosure is Disclosure.FULL or audience is Audience.INTERNAL)
    ]
    need = consent_need(audience, profile.recipient)
    wanted = need.full | need.initials
    for consent in bundle.consents.get(person_id, ()):
        if not may_see(audience, consent.confidentiality):
            continue
        if consent.given_by is ConsentGiver.PROXY:
            giver = "a proxy"
            if audience is Audience.INTERNAL and consent.proxy_name:
                giver += f" ({consent.proxy_name}"
                giver += f", {consent.proxy_relationship})" if consent.proxy_relationship else ")"
        else:
            giver = "the person"
        text = (
            f"{consent.method.label} consent given by {giver} on "
            f"{FuzzyDate(consent.given_on).text()} for: {consent.scope.label.lower()}"
        )
        allowed = [Recipient.of(r).label for r in consent.recipients_allowed or []]
        if allowed:
            text += f" (recipients: {', '.join(allowed)})"
        if consent.expires_on:
            text += f"; expires {FuzzyDate(consent.expires_on).text()}"
        if consent.withdrawn_on:
            text += f"; withdrawn {FuzzyDate(consent.withdrawn_on).text()}"
        valid = consent.is_valid_on(today)
        recipient_ok = (
            need.recipient is None
            or not consent.recipients_allowed
            or need.recipient.value in consent.recipients_allowed
        )
        covers = valid and recipient_ok and (consent.scope in wanted or not wanted)
        statements.append(ConsentStatement(text + ".", covers))
    return tuple(statements)
