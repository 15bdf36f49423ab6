"""What an audience may see: the one disclosure policy the dossier snapshot and the citation
audit share.

- **Records and sources** carry a confidentiality; an audience sees those at or below its
  ceiling (``casebook.vocab.AUDIENCE_CEILING``). Informant identities are never disclosed,
  whatever the audience; witness identities (the author of a testimony) stay inside the
  organisation (INTERNAL only).
- **Persons** are named according to their consent for the use (domain guide, "Do no
  harm"): in full, by initials, or by a code. Consent is specific to a scope and, where it
  lists recipients, to those recipients; it counts only while valid (given, not expired,
  not withdrawn, not retracted) on the day the output is made.

  ==============  ============================================  ================
  audience        full name with a live consent of scope         initials with
  ==============  ============================================  ================
  INTERNAL        (always in full: the output stays inside)      -
  CONFIDENTIAL    the scope the recipient kind needs             INITIALS_ONLY
                  (CONSENT_SCOPE_FOR_RECIPIENT), or NAMED_PUBLIC
  PARTNER         NAMED_PUBLIC                                   INITIALS_ONLY
  PUBLIC          NAMED_PUBLIC                                   INITIALS_ONLY
  ==============  ============================================  ================

  Anyone else is named by a code. A CONFIDENTIAL output without a recipient kind falls
  back to NAMED_PUBLIC.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from casebook.models.advocacy import Consent
from casebook.services.dto import Disclosure
from casebook.vocab import (
    AUDIENCE_CEILING,
    CONSENT_SCOPE_FOR_RECIPIENT,
    Audience,
    Confidentiality,
    ConsentScope,
    Recipient,
    audience_may_see,
)

__all__ = [
    "ConsentNeed",
    "Disclosure",
    "ceiling",
    "consent_need",
    "may_see",
    "person_disclosure",
    "shows_witness_identity",
]


def ceiling(audience: Audience) -> Confidentiality:
    """The highest confidentiality ``audience`` may see."""
    return AUDIENCE_CEILING[audience]


def may_see(audience: Audience, level: Confidentiality) -> bool:
    return audience_may_see(audience, level)


def shows_witness_identity(audience: Audience) -> bool:
    """Witness and relative identities (testimony authors) never leave the organisation."""
    return audience is Audience.INTERNAL


@dataclass(frozen=True)
class ConsentNeed:
    """Which consent scopes let a person be named in full, or by initials, for one use.

    ``recipient`` limits the consents that count to those allowing that recipient (or
    allowing any recipient). Empty ``full`` means everyone is named in full (INTERNAL).
    """

    full: frozenset[ConsentScope]
    initials: frozenset[ConsentScope]
    recipient: Recipient | None

    @property
    def always_full(self) -> bool:
        return not self.full


def consent_need(audience: Audience, recipient: Recipient | None = None) -> ConsentNeed:
    if audience is Audience.INTERNAL:
        return ConsentNeed(frozenset(), frozenset(), recipient)
    full = {ConsentScope.NAMED_PUBLIC}
    if audience is Audience.CONFIDENTIAL and recipient is not None:
        full.add(CONSENT_SCOPE_FOR_RECIPIENT[recipient])
    return ConsentNeed(frozenset(full), frozenset({ConsentScope.INITIALS_ONLY}), recipient)


def _counts(consent: Consent, need: ConsentNeed, on: date) -> bool:
    if not consent.is_valid_on(on):
        return False
    allowed = consent.recipients_allowed or []
    return need.recipient is None or not allowed or need.recipient.value in allowed


def person_disclosure(
    consents: Iterable[Consent], audience: Audience, recipient: Recipient | None, on: date
) -> Disclosure:
    """How a person with ``consents`` (theirs, any state) is named in an output made on ``on``."""
    need = consent_need(audience, recipient)
    if need.always_full:
        return Disclosure.FULL
    live = [c for c in consents if _counts(c, need, on)]
    if any(c.scope in need.full for c in live):
        return Disclosure.FULL
    if any(c.scope in need.initials for c in live):
        return Disclosure.INITIALS
    return Disclosure.CODE
