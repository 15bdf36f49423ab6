"""Snapshots: from the database to the DTOs the PDF builders lay out, for one audience.

The snapshot is where leaks are prevented. Its parts:

- :mod:`casebook.services.snapshot_read` reads a group of persons in a fixed number of
  queries into a :mod:`~casebook.services.snapshot_bundle` and decides at the read what the
  audience may see (records above its ceiling never reach the section builders;
  informants are never read);
- :mod:`casebook.services.snapshot_names` names persons (in full, by initials or by code,
  per the disclosure policy) and scrubs withheld names out of free text;
- :mod:`casebook.services.snapshot_annex` numbers sources and notes;
- :mod:`casebook.services.snapshot_person` and :mod:`casebook.services.snapshot_thematic`
  build the two documents field by field from those reads (never by copying a row);
- :mod:`casebook.services.snapshot_legal` derives the legal qualification and the actions
  requested from the facts :mod:`casebook.services.snapshot_facts` gathers;
- :mod:`casebook.services.snapshot_themes` and :mod:`casebook.services.snapshot_cases` fold
  a thematic report's persons into its figures and case table.

This module holds what they share: the :class:`Profile` (audience, recipient), the cover
block (:func:`meta`), the reference and hashes (:func:`seal`), the naming of the person a
record is about (:func:`subject`) and the **withheld report** a preview shows (what the
profile leaves out or codes; it is returned beside the DTO and never given to a builder).

Determinism: a snapshot reads no clock. ``meta.data_cutoff`` is the latest change to any
visible record it uses; ``meta.reference`` is "CB-" and 12 hex digits of the SHA-256 of
the DTO (with the reference still empty), the audience, the recipient and the options.
The day consent is judged on (``today``) is an input: a consent that expires changes the
document, and so its reference.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from casebook.errors import DomainError
from casebook.services.disclosure import person_disclosure
from casebook.services.dto import (
    Disclosure,
    DossierMeta,
    PersonDossier,
    ThematicReport,
)
from casebook.services.snapshot_bundle import UNDISCLOSED_PLACE, Bundle, Row, WithheldItem
from casebook.services.snapshot_names import (
    RELATIVE_KINDS,
    Scrubber,
    code,
    initials,
    name_terms,
    plain,
    preferred,
)
from casebook.vocab import Audience, DossierKind, Recipient

DEFAULT_PREPARER = "casebook documentation unit"
MAX_LISTED = 1_000
D = TypeVar("D", PersonDossier, ThematicReport)


@dataclass(frozen=True)
class Profile:
    """Who an output is for. CONFIDENTIAL needs a recipient kind and a named recipient;
    the other audiences take neither."""

    audience: Audience
    recipient: Recipient | None = None
    recipient_name: str | None = None
    prepared_by: str = DEFAULT_PREPARER

    def checked(self) -> Profile:
        name = plain(self.recipient_name)
        if self.audience is Audience.CONFIDENTIAL:
            if self.recipient is None:
                raise DomainError("recipient", "a confidential dossier needs a recipient kind")
            if not name:
                raise DomainError("recipient_name", "name the recipient of a confidential dossier")
            if len(name) > 255:
                raise DomainError("recipient_name", "is too long (at most 255 characters)")
        elif self.recipient is not None or name:
            raise DomainError(
                "recipient",
                f"only a confidential dossier has a recipient, not one for "
                f"{self.audience.label.lower()}",
            )
        return replace(self, recipient_name=name, prepared_by=plain(self.prepared_by) or "")

    def options(self) -> dict[str, Any]:
        return {
            "audience": self.audience.value,
            "recipient": self.recipient.value if self.recipient else None,
            "recipient_name": self.recipient_name,
        }


@dataclass(frozen=True)
class WithheldReport:
    """What a profile leaves out or codes, for the staff preview (never for a builder)."""

    audience: Audience
    naming: tuple[str, ...]  # how persons are named, in words
    counts: tuple[tuple[str, int], ...]  # ("allegation: left out", 3), sorted
    items: tuple[WithheldItem, ...]  # the records (at most MAX_LISTED)
    more: int = 0  # items not listed

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


def withheld_report(
    audience: Audience, naming: Iterable[str], items: Iterable[WithheldItem]
) -> WithheldReport:
    unique = sorted(set(items), key=lambda i: (i.entity, i.record_id, i.action))
    counts = Counter(f"{i.entity.replace('_', ' ')}: {i.action}" for i in unique)
    return WithheldReport(
        audience,
        tuple(naming),
        tuple(sorted(counts.items())),
        tuple(unique[:MAX_LISTED]),
        max(len(unique) - MAX_LISTED, 0),
    )


@dataclass(frozen=True)
class Snapshot(Generic[D]):
    dto: D
    withheld: WithheldReport
    person_ids: tuple[int, ...]
    sha256: str  # of the data snapshot: the DTO with its reference empty
    options: dict[str, Any]

    @property
    def reference(self) -> str:
        return self.dto.meta.reference

    @property
    def data_cutoff(self) -> datetime:
        return self.dto.meta.data_cutoff


CLASSIFICATION = {
    Audience.INTERNAL: "INTERNAL - not for distribution outside the organisation",
    Audience.PARTNER: "PARTNER - for partner organisations only; not for publication",
    Audience.PUBLIC: "PUBLIC",
}
WATERMARK = {
    Audience.INTERNAL: "INTERNAL",
    Audience.CONFIDENTIAL: "CONFIDENTIAL",
    Audience.PARTNER: "PARTNER",
}
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def meta(
    kind: DossierKind, profile: Profile, title: str, cutoff: datetime | None, subject: str
) -> DossierMeta:
    if profile.audience is Audience.CONFIDENTIAL:
        assert profile.recipient is not None
        classification = (
            f"CONFIDENTIAL - for {profile.recipient_name} ({profile.recipient.label}) only"
        )
    else:
        classification = CLASSIFICATION[profile.audience]
    return DossierMeta(
        kind=kind,
        reference="",
        audience=profile.audience,
        classification=classification,
        title=title,
        data_cutoff=cutoff or EPOCH,
        prepared_by=profile.prepared_by,
        recipient=profile.recipient,
        recipient_name=profile.recipient_name,
        watermark=WATERMARK.get(profile.audience),
        subject=subject,
        keywords=("casebook", kind.label, profile.audience.label),
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    names = _FIELDS.get(type(value))
    if names is None:
        if not dataclasses.is_dataclass(value):
            raise TypeError(f"{type(value).__name__} is not part of a DTO")
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    return {name: getattr(value, name) for name in names}


_FIELDS: dict[type, tuple[str, ...]] = {}


def dto_sha256(dto: Any) -> str:
    """``dto.snapshot_sha256`` computed by the C JSON encoder (the same bytes, tested):
    a 10,000-person report's DTO is hashed in a fraction of the time."""
    text = json.dumps(
        dto, default=_json_default, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal(dto: D, profile: Profile, options: dict[str, Any]) -> tuple[D, str]:
    """The DTO with its reference set, and the SHA-256 of the data snapshot (the DTO with
    the reference still empty, from which the reference is derived)."""
    unsealed = dto_sha256(replace(dto, meta=replace(dto.meta, reference="")))
    material = json.dumps(
        {"snapshot": unsealed, "profile": profile.options(), "options": options},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    reference = "CB-" + hashlib.sha256(material.encode("utf-8")).hexdigest()[:12].upper()
    return replace(dto, meta=replace(dto.meta, reference=reference)), unsealed


@dataclass(frozen=True)
class Subject:
    """A person an output is about, as the audience may see them."""

    id: int
    code: str
    disclosure: Disclosure
    display: str  # full preferred name, initials, or the code
    scrub: Scrubber
    naming: str  # the sentence for the preview


def subject(
    bundle: Bundle, person: Row, profile: Profile, today: date, fallback: Scrubber | None = None
) -> Subject:
    """How ``person`` is named, and the scrubber for every free text about them (then
    ``fallback``, a report-wide scrubber, if given)."""
    pid = person.id
    disclosure = person_disclosure(
        bundle.consents.get(pid, ()), profile.audience, profile.recipient, today
    )
    best = preferred(bundle.names.get(pid, []))
    shown = plain(best.full_name) if best is not None else None
    if shown is None:
        disclosure = Disclosure.CODE  # no visible name form to show
    if disclosure is Disclosure.FULL and shown:
        display = shown
        naming = f"{code(pid)} is named in full"
    elif disclosure is Disclosure.INITIALS and shown:
        display = initials(shown)
        naming = f"{code(pid)} is named by initials only ({display})"
    else:
        display = code(pid)
        naming = f"{code(pid)} is named by code only: no consent on record covers this use"
    replacements: list[tuple[str, str]] = []
    if disclosure is not Disclosure.FULL:
        replacements += [(t, f"[{display}]") for t in name_terms(bundle.name_terms.get(pid, ()))]
    internal = profile.audience is Audience.INTERNAL
    for rel in bundle.relationships.get(pid, ()):
        other = rel.related_person_id
        hidden = other not in bundle.others or (rel.kind in RELATIVE_KINDS and not internal)
        if hidden:
            stand_in = f"[{rel.kind.label.lower()}]"
            replacements += [(t, stand_in) for t in name_terms(bundle.name_terms.get(other, ()))]
    for allegation in bundle.allegations.get(pid, ()):
        for inv in bundle.involvements.get(allegation.id, ()):
            other = inv.perpetrator_id
            if other is not None and other not in bundle.others:
                terms = name_terms(bundle.name_terms.get(other, ()))
                replacements += [(t, "[identity withheld]") for t in terms]
    for names in bundle.hidden_places.values():
        replacements += [(t, f"[{UNDISCLOSED_PLACE}]") for t in name_terms(names)]
    scrub = Scrubber(replacements, fallback)
    return Subject(pid, code(pid), disclosure, display, scrub, naming)


def naming_items(
    bundle: Bundle, subjects: Sequence[Subject], audience: Audience
) -> list[WithheldItem]:
    """Withheld-report items for the naming decisions (names, relatives, perpetrators)."""
    items = []
    for who in subjects:
        if who.disclosure is not Disclosure.FULL:
            action = "named by initials" if who.disclosure is Disclosure.INITIALS else "coded"
            items.append(WithheldItem("person", who.id, who.id, action, "consent"))
        for rel in bundle.relationships.get(who.id, ()):
            if rel.kind in RELATIVE_KINDS and audience is not Audience.INTERNAL:
                items.append(
                    WithheldItem(
                        "person",
                        rel.related_person_id,
                        who.id,
                        "named by role",
                        "relatives are named only internally",
                    )
                )
        for allegation in bundle.allegations.get(who.id, ()):
            for inv in bundle.involvements.get(allegation.id, ()):
                if inv.perpetrator_id is not None and inv.perpetrator_id not in bundle.others:
                    items.append(
                        WithheldItem(
                            "person",
                            inv.perpetrator_id,
                            who.id,
                            "named by role",
                            "the person's record is above the audience",
                        )
                    )
    return items


def person_dossier(
    session: Any, person_id: int, profile: Profile, today: date
) -> Snapshot[PersonDossier]:
    from casebook.services.snapshot_person import build

    return build(session, person_id, profile, today)
