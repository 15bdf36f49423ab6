"""The frozen snapshots handed to the PDF builders in ``reports/``.

This is the contract between the services (which read the database and decide what an
audience may see) and the builders (which only lay out). Three rules make it safe:

1. **Disclosure is decided before a DTO exists.** ``casebook.services.snapshot`` builds
   these for one audience: a record or source above the audience is left out or appears
   only as a coded reference; a person whose consent does not cover the use is named by
   initials or a code; informants are never read at all. A builder never sees withheld
   text, so it cannot leak it into the page, the metadata, the outline or a file name.
2. **Plain text only.** Every string is as the user typed it (NFC, control characters
   removed): not escaped, not markup. The builders escape everything (``reports.text``).
3. **Deterministic.** Tuples, not lists or sets, in a defined order; no timestamps of the
   moment of generation. The same data, audience and options give equal DTOs, and
   ``canonical_json`` of a DTO is what the snapshot hash is taken over.

Citations are numbered notes: a claim carries the numbers of its notes (``notes``); the
note (``CitationNote``) names the source by its number in the dossier's source annex.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from casebook.vocab import (
    ActType,
    AllegationStatus,
    Audience,
    DatePrecision,
    DossierKind,
    Finding,
    Guarantee,
    PersonStatus,
    Recipient,
    Reliability,
    Stance,
)

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- small values ---------------------------------------------------------------------


@dataclass(frozen=True)
class FuzzyDate:
    """An uncertain date: the day, how precise it is, and the date as reported."""

    day: date | None
    precision: DatePrecision = DatePrecision.DAY
    as_reported: str | None = None

    def text(self) -> str:
        """ "12 Nov 2020", "Nov 2020", "2020", "c. 2020" or "date unknown"."""
        d = self.day
        if d is None or self.precision is DatePrecision.UNKNOWN:
            return self.as_reported or "date unknown"
        if self.precision is DatePrecision.DAY:
            return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        if self.precision is DatePrecision.MONTH:
            return f"{MONTHS[d.month - 1]} {d.year}"
        if self.precision is DatePrecision.YEAR:
            return str(d.year)
        return f"c. {MONTHS[d.month - 1]} {d.year}"


def exact(day: date | None) -> FuzzyDate | None:
    return FuzzyDate(day) if day is not None else None


class Disclosure(enum.Enum):
    """How a person is named in an output."""

    FULL = "FULL"  # every name form, identifiers
    INITIALS = "INITIALS"  # initials only ("A. H.")
    CODE = "CODE"  # a code only ("Person P-3")


# --- sources and citations ------------------------------------------------------------


@dataclass(frozen=True)
class FileEntry:
    """An evidence file of a source: its role and SHA-256 (the annex proves preservation)."""

    role_label: str
    sha256: str
    size_bytes: int
    media_type: str


@dataclass(frozen=True)
class SourceEntry:
    """One entry of the source annex, numbered S-1, S-2... in order of first citation.

    A ``coded`` entry is a source above the audience: only its number and type are given
    ("S-17, relative's testimony, on file"); every other field is None or empty.
    """

    number: int
    coded: bool
    type_label: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    language: str | None = None
    published: FuzzyDate | None = None
    url: str | None = None
    archive_urls: tuple[str, ...] = ()
    retrieved_at: datetime | None = None
    reliability: Reliability | None = None
    reliability_rationale: str | None = None
    affiliation_label: str | None = None
    # Type and origin, for the corroboration statement ("derived from S-3").
    derived_from_number: int | None = None
    files: tuple[FileEntry, ...] = ()

    @property
    def label(self) -> str:
        return f"S-{self.number}"

    @property
    def reference(self) -> str:
        """How the source is referred to in text and notes."""
        if self.coded:
            return f"{self.label}, {self.type_label[:1].lower()}{self.type_label[1:]}, on file"
        return f"{self.label}, {self.title}" if self.title else self.label

    @property
    def grade(self) -> str:
        """The Admiralty reliability letter, or "ungraded"."""
        return self.reliability.value if self.reliability is not None else "ungraded"


@dataclass(frozen=True)
class CitationNote:
    """A numbered note: which source supports (or contradicts) a claim, where, how credibly."""

    number: int
    source_number: int
    stance: Stance = Stance.SUPPORTS
    pinpoint: str | None = None  # "p. 12", "para. 4", "00:12:30", "section 2"
    credibility: int | None = None  # Admiralty 1-6; None = ungraded
    credibility_label: str | None = None
    quote: str | None = None
    quote_language: str | None = None
    translation: str | None = None


# --- the person dossier ----------------------------------------------------------------


@dataclass(frozen=True)
class DossierMeta:
    """The cover and control block, and what goes into the PDF's metadata.

    ``reference`` is derived from the snapshot hash (taken over the DTO with ``reference``
    still empty), the audience and the options, so the same dossier generated twice
    carries the same reference. ``data_cutoff`` is the
    latest change to any record the dossier draws on (it is also the PDF's creation date).
    """

    kind: DossierKind
    reference: str
    audience: Audience
    classification: str  # the banner text: "CONFIDENTIAL - for <recipient> only"
    title: str  # never holds anything above the audience (it goes into the metadata)
    data_cutoff: datetime
    prepared_by: str  # the organisation or unit named as preparer
    recipient: Recipient | None = None
    recipient_name: str | None = None
    watermark: str | None = None  # the diagonal text; None for PUBLIC
    subject: str = ""  # PDF metadata subject
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameForm:
    text: str
    script_label: str  # "Armenian", "Latin", "Cyrillic"
    script_code: str  # ISO 15924: Armn, Latn, Cyrl
    language_label: str
    language_code: str  # BCP 47: hy, hy-Latn, ru...
    kind_label: str  # "Primary", "Variant spelling"...


@dataclass(frozen=True)
class IdentifierEntry:
    scheme_label: str
    value: str
    issuer: str | None = None


@dataclass(frozen=True)
class PersonRef:
    """Another person named in the dossier (a perpetrator, a judge, a relative), as the
    audience may see them: a name, initials, or a role only."""

    display: str
    disclosure: Disclosure
    role: str | None = None  # "mother", "investigator", "judge"


@dataclass(frozen=True)
class Identity:
    code: str  # "P-1": the person's code in this dossier
    display_name: str  # the full primary name, initials, or the code
    disclosure: Disclosure
    names: tuple[NameForm, ...]  # empty unless FULL
    identifiers: tuple[IdentifierEntry, ...]  # empty unless FULL
    category_label: str
    sex_label: str | None
    birth: FuzzyDate | None
    birth_place: str | None
    nationality: str | None
    military_rank: str | None
    military_unit: str | None
    armed_force: str | None
    civilian_occupation: str | None
    current_status: PersonStatus
    current_status_label: str
    status_as_of: date | None
    relatives: tuple[PersonRef, ...] = ()
    photo_sha256: str | None = None  # only when consent to photo use covers the audience


@dataclass(frozen=True)
class Summary:
    text: str | None
    urgent: bool
    urgency_note: str | None


@dataclass(frozen=True)
class CustodyEventEntry:
    type_label: str
    type_code: str  # the CustodyEventType value: TRANSFER, ICRC_VISIT, CAPTURE_CARD...
    start: FuzzyDate | None
    end: date | None
    from_place: str | None
    to_place: str | None
    custodian: str | None
    description: str | None
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class EpisodeEntry:
    """One detention episode: capture to release, with its custody events in order."""

    capture: FuzzyDate | None
    capture_place: str | None
    capturing_force: str | None
    circumstances: str | None
    warrant: str | None
    legal_basis: str | None
    acknowledgment_label: str
    acknowledged_on: date | None
    detaining_state_status_label: str
    home_state_status_label: str
    end: FuzzyDate | None
    end_reason_label: str
    events: tuple[CustodyEventEntry, ...]
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class ChargeEntry:
    statute: str
    article: str | None
    text_as_charged: str | None
    text_en: str | None
    outcome_label: str
    pre_capture_label: str


@dataclass(frozen=True)
class HearingEntry:
    day: date
    monitored_by: str | None
    monitoring_label: str
    public_admitted_label: str
    defendant_present_label: str
    counsel_present_label: str
    interpreter_present_label: str
    restraints_label: str
    observed: str | None
    reported: str | None
    irregularities: str | None
    next_day: date | None
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class MatrixRow:
    guarantee: Guarantee  # code G01..G15; .label and .code (ICCPR / GC III provisions)
    finding: Finding
    rationale: str | None
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class SentenceEntry:
    type_label: str
    term_months: int | None
    start: date | None
    facility: str | None
    appeal: str | None
    pardon_or_release: str | None
    release: date | None
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class ProceedingEntry:
    instance_label: str
    reviews: str | None  # "appeal of the first-instance trial 1(101)-12/2021"
    court: str | None
    case_number: str | None
    start: FuzzyDate | None
    end: date | None
    judges: str | None
    prosecutor: str | None
    counsel_label: str
    counsel_name: str | None
    trial_language: str | None
    interpreter_label: str
    public_access_label: str
    icrc_notified_label: str
    protecting_power_notified_label: str
    verdict_summary: str | None
    summary: str | None
    charges: tuple[ChargeEntry, ...]
    hearings: tuple[HearingEntry, ...]
    matrix: tuple[MatrixRow, ...]  # all fifteen guarantees, in order (NO_INFORMATION if none)
    sentences: tuple[SentenceEntry, ...]
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class InvolvementEntry:
    perpetrator: PersonRef | None
    unit: str | None
    degree_label: str


@dataclass(frozen=True)
class MedicalEntry:
    examined_on: date | None
    examiner: str | None
    examiner_qualification: str | None
    physical_findings: str | None
    psychological_findings: str | None
    istanbul_grade_label: str | None  # None: not graded
    conclusions: str | None
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class AllegationEntry:
    act_type: ActType  # .label, .code (CAT-1, ICCPR-6...)
    status: AllegationStatus  # the badge
    start: FuzzyDate | None
    end: date | None
    place: str | None
    context: str | None  # "during detention from 12 Nov 2020", "in proceeding 1(101)-12/2021"
    description: str | None
    methods: str | None
    perpetrators: tuple[InvolvementEntry, ...]
    medical: tuple[MedicalEntry, ...]
    state_response_label: str
    state_response_note: str | None
    legal_references: str | None
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class DeathEntry:
    day: FuzzyDate | None
    place: str | None
    in_custody_label: str
    cause: str | None
    manner_label: str
    autopsy_label: str
    autopsy_by: str | None
    remains_returned_label: str
    remains_returned_on: date | None
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class LegalPoint:
    """One line of the legal qualification: an instrument and provision, and why it is
    engaged by the facts recorded ("GC III Art. 118 - held after the end of hostilities")."""

    instrument: str
    provision: str
    basis: str


@dataclass(frozen=True)
class SubmissionEntry:
    recipient_label: str
    procedure: str | None
    submitted_on: date | None
    reference_number: str | None
    status_label: str
    outcome: str | None


@dataclass(frozen=True)
class ConsentStatement:
    """What the consent on record allows, stated for the methodology section."""

    text: str  # "Written consent given by the person (self) on 2 Mar 2021 for ..."
    covers_this_use: bool


@dataclass(frozen=True)
class PersonDossier:
    meta: DossierMeta
    identity: Identity
    summary: Summary
    episodes: tuple[EpisodeEntry, ...]
    proceedings: tuple[ProceedingEntry, ...]
    allegations: tuple[AllegationEntry, ...]
    death: DeathEntry | None
    legal: tuple[LegalPoint, ...]
    submissions: tuple[SubmissionEntry, ...]
    actions_requested: tuple[str, ...]
    sources: tuple[SourceEntry, ...]  # the annex, by number
    notes: tuple[CitationNote, ...]  # by number, 1..n
    consent: tuple[ConsentStatement, ...]
    methodology: tuple[str, ...]  # paragraphs
    limitations: tuple[str, ...]  # paragraphs
    # Medical evaluations not tied to an allegation shown above (in reading order after the
    # allegations; their notes are numbered there).
    medical: tuple[MedicalEntry, ...] = ()


# --- the thematic report ----------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A key figure that says what it counts ("allegations, ALLEGED to VERIFIED: 312")."""

    label: str
    value: int
    counts: str  # which statuses or categories are counted


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    code: str = ""


@dataclass(frozen=True)
class MatrixTotal:
    """The aggregate fair-trial matrix: for one guarantee, how many proceedings per finding."""

    guarantee: Guarantee
    by_finding: tuple[tuple[Finding, int], ...]  # every Finding, in vocabulary order


@dataclass(frozen=True)
class MonthCount:
    month: date  # the first of the month
    captures: int
    verdicts: int


@dataclass(frozen=True)
class CaseRow:
    code: str  # "P-12"
    display_name: str  # as the audience may see the person
    category_label: str
    status_label: str
    capture: FuzzyDate | None
    held_at: str | None  # the last known place of detention
    allegations: tuple[str, ...]  # act type labels with status, "Torture (corroborated)"
    proceedings: str | None  # "convicted, 20 years" / "on trial" / None
    sources: tuple[int, ...] = ()  # source numbers


@dataclass(frozen=True)
class Theme:
    """One theme of the findings (detention status, disappearance, torture, trials, deaths)."""

    key: str
    title: str
    paragraphs: tuple[str, ...]
    figures: tuple[Figure, ...]
    cases: tuple[str, ...]  # the case codes it concerns
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class TransliterationRow:
    """One person's name in each script (only for persons named in full)."""

    code: str
    armenian: str | None
    latin: str | None
    cyrillic: str | None


@dataclass(frozen=True)
class ThematicReport:
    meta: DossierMeta
    selection: tuple[str, ...]  # the filters, in words ("Category: Prisoner of war")
    key_figures: tuple[Figure, ...]
    allegations_by_act: tuple[tuple[ActType, tuple[tuple[AllegationStatus, int], ...]], ...]
    persons_by_status: tuple[Count, ...]
    matrix: tuple[MatrixTotal, ...]
    timeline: tuple[MonthCount, ...]
    themes: tuple[Theme, ...]
    state_responses: tuple[Count, ...]
    cases: tuple[CaseRow, ...]
    sources: tuple[SourceEntry, ...]
    notes: tuple[CitationNote, ...]
    transliteration: tuple[TransliterationRow, ...]
    methodology: tuple[str, ...]
    limitations: tuple[str, ...] = field(default_factory=tuple)


# --- the citation audit report ---------------------------------------------------------


@dataclass(frozen=True)
class AuditFindingRow:
    """One finding of the citation audit, as the internal review report lists it."""

    rule_id: str  # "CLAIM-UNCITED"
    severity: str  # "error", "warning", "note"
    record: str  # "allegation 12", "evidence file 7"
    person_code: str | None  # "P-3" (the person the record belongs to), None if none
    person_display: str | None  # the person's primary name (an internal document)
    message: str
    fix: str


@dataclass(frozen=True)
class AuditRuleSummary:
    rule_id: str
    severity: str
    title: str
    count: int
    fix: str


@dataclass(frozen=True)
class AuditReport:
    """The citation audit for the organisation's internal review (always INTERNAL)."""

    meta: DossierMeta
    scope: tuple[str, ...]  # what was audited, in words ("All persons", "Profile: PUBLIC")
    totals: tuple[Count, ...]  # findings per severity
    rules: tuple[AuditRuleSummary, ...]  # every rule that ran, with its count (0 included)
    by_rule: tuple[tuple[str, tuple[AuditFindingRow, ...]], ...]  # rule id -> findings
    by_person: tuple[tuple[str, tuple[AuditFindingRow, ...]], ...]  # person label -> findings


# --- hashing ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def canonical_json(value: Any) -> str:
    """A stable JSON text of a DTO (keys sorted, no spaces): what the snapshot hash covers."""
    return json.dumps(_plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def snapshot_sha256(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()
