"""The thematic report snapshot (:func:`build`): a selection of persons, read in chunks.

**Selection** (:class:`ThematicFilters`; every condition holds on records the audience
may see, so a hidden record can never be why a person is in a report):

- category (default: the detainee categories: PoW, civilian detainee and internee,
  missing, deceased) and current status, on the person;
- place of detention: a detention episode captured there, or a custody event from or to
  it (the place itself must be visible to the audience);
- act type and allegation status: an allegation of one of the act types with one of the
  statuses (without a status filter, withdrawn allegations do not count);
- date range: a detention episode whose capture date falls within it (inclusive);
- person ids: only these persons.

Persons are read :data:`CHUNK` at a time (:func:`casebook.services.snapshot_read.read`),
folded into a :class:`~casebook.services.snapshot_themes.Tally`, a case row and annex
entries, and dropped, so 10,000 persons never sit in memory at once. A first pass reads
only the names and consents of the whole selection, to scrub from every text the names of
persons the report does not name in full ("[name withheld]"). Cases are listed by id
(never by name: the order of a coded person among named ones would hint at their name).
Sources are numbered by first citation in reading order: the notes of the themes first,
then the sources of each case row in order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from casebook.errors import DomainError, NotFound
from casebook.models import (
    Allegation,
    Consent,
    CustodyEvent,
    DetentionEpisode,
    Person,
    PersonName,
    Place,
    Relationship,
)
from casebook.services.disclosure import may_see, person_disclosure
from casebook.services.dto import Disclosure, ThematicReport
from casebook.services.snapshot import (
    Profile,
    Snapshot,
    meta,
    naming_items,
    seal,
    subject,
    withheld_report,
)
from casebook.services.snapshot_annex import Annex
from casebook.services.snapshot_bundle import WithheldItem
from casebook.services.snapshot_cases import Cases
from casebook.services.snapshot_names import RELATIVE_KINDS, Scrubber
from casebook.services.snapshot_read import read
from casebook.services.snapshot_text import limitations, methodology
from casebook.services.snapshot_themes import Tally
from casebook.vocab import (
    DETAINEE_CATEGORIES,
    ActType,
    AllegationStatus,
    Audience,
    Confidentiality,
    DossierKind,
    PersonCategory,
    PersonStatus,
    Vocab,
)

CHUNK = 250
MAX_PERSON_IDS = 20_000
WITHHELD_NAME = "[name withheld]"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ThematicFilters:
    categories: tuple[PersonCategory, ...] = ()
    statuses: tuple[PersonStatus, ...] = ()
    place_id: int | None = None
    act_types: tuple[ActType, ...] = ()
    allegation_statuses: tuple[AllegationStatus, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    person_ids: tuple[int, ...] = ()

    def normalised(self) -> ThematicFilters:
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise DomainError("date_to", "is before the start of the date range")
        if len(self.person_ids) > MAX_PERSON_IDS:
            raise DomainError("person_ids", f"at most {MAX_PERSON_IDS:,} persons by id")
        return ThematicFilters(
            categories=_terms(self.categories),
            statuses=_terms(self.statuses),
            place_id=self.place_id,
            act_types=_terms(self.act_types),
            allegation_statuses=_terms(self.allegation_statuses),
            date_from=self.date_from,
            date_to=self.date_to,
            person_ids=tuple(sorted(set(self.person_ids))),
        )

    def options(self) -> dict[str, Any]:
        """The filters as JSON (what the register stores and the reference covers)."""
        return {
            "categories": [t.value for t in self.categories],
            "statuses": [t.value for t in self.statuses],
            "place_id": self.place_id,
            "act_types": [t.value for t in self.act_types],
            "allegation_statuses": [t.value for t in self.allegation_statuses],
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "person_ids": list(self.person_ids),
        }

    @classmethod
    def from_options(cls, data: Mapping[str, Any]) -> ThematicFilters:
        def day(value: Any) -> date | None:
            return date.fromisoformat(value) if value else None

        return cls(
            categories=tuple(PersonCategory.of(v) for v in data.get("categories", [])),
            statuses=tuple(PersonStatus.of(v) for v in data.get("statuses", [])),
            place_id=data.get("place_id"),
            act_types=tuple(ActType.of(v) for v in data.get("act_types", [])),
            allegation_statuses=tuple(
                AllegationStatus.of(v) for v in data.get("allegation_statuses", [])
            ),
            date_from=day(data.get("date_from")),
            date_to=day(data.get("date_to")),
            person_ids=tuple(int(v) for v in data.get("person_ids", [])),
        ).normalised()


def _terms(values: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(sorted(set(values), key=lambda t: t.rank))


def _labels(values: Sequence[Vocab]) -> str:
    return ", ".join(v.label for v in values)


def selection(session: Session, filters: ThematicFilters, audience: Audience) -> list[int]:
    """The ids of the persons the report covers, by id (see the module doc)."""
    levels = [c for c in Confidentiality if may_see(audience, c)]
    query = select(Person.id).where(
        Person.retracted_at.is_(None),
        Person.confidentiality.in_(levels),
        Person.category.in_(
            filters.categories or sorted(DETAINEE_CATEGORIES, key=lambda c: c.rank)
        ),
    )
    if filters.statuses:
        query = query.where(Person.current_status.in_(filters.statuses))
    if filters.person_ids:
        query = query.where(Person.id.in_(filters.person_ids))
    episode = select(DetentionEpisode.id).where(
        DetentionEpisode.person_id == Person.id,
        DetentionEpisode.retracted_at.is_(None),
        DetentionEpisode.confidentiality.in_(levels),
    )
    if filters.place_id is not None:
        event = select(CustodyEvent.id).where(
            CustodyEvent.episode_id == DetentionEpisode.id,
            CustodyEvent.retracted_at.is_(None),
            CustodyEvent.confidentiality.in_(levels),
            or_(
                CustodyEvent.to_place_id == filters.place_id,
                CustodyEvent.from_place_id == filters.place_id,
            ),
        )
        query = query.where(
            exists(
                episode.where(
                    or_(DetentionEpisode.capture_place_id == filters.place_id, exists(event))
                )
            )
        )
    if filters.date_from or filters.date_to:
        dated = episode.where(DetentionEpisode.capture_date.is_not(None))
        if filters.date_from:
            dated = dated.where(DetentionEpisode.capture_date >= filters.date_from)
        if filters.date_to:
            dated = dated.where(DetentionEpisode.capture_date <= filters.date_to)
        query = query.where(exists(dated))
    if filters.act_types or filters.allegation_statuses:
        alleged = select(Allegation.id).where(
            Allegation.victim_id == Person.id,
            Allegation.retracted_at.is_(None),
            Allegation.confidentiality.in_(levels),
        )
        if filters.act_types:
            alleged = alleged.where(Allegation.act_type.in_(filters.act_types))
        if filters.allegation_statuses:
            alleged = alleged.where(Allegation.status.in_(filters.allegation_statuses))
        else:
            alleged = alleged.where(Allegation.status != AllegationStatus.RETRACTED)
        query = query.where(exists(alleged))
    return list(session.scalars(query.order_by(Person.id)))


def describe(session: Session, filters: ThematicFilters, audience: Audience) -> tuple[str, ...]:
    """The selection in words; refuses a place the audience may not see."""
    words = [
        "Category: "
        + (
            _labels(filters.categories)
            or "all detainee categories (prisoners of war, "
            "civilian detainees and internees, missing and deceased persons)"
        )
    ]
    if filters.statuses:
        words.append("Current status: " + _labels(filters.statuses))
    if filters.place_id is not None:
        place = session.get(Place, filters.place_id)
        if place is None or place.retracted_at is not None:
            raise NotFound("place", filters.place_id)
        if not may_see(audience, place.confidentiality):
            raise DomainError(
                "place",
                f"place {place.id} is above what a report for {audience.label.lower()} may "
                "contain, so it cannot select one",
            )
        words.append(f"Place of detention: {place.name}")
    if filters.act_types:
        words.append("Act type: " + _labels(filters.act_types))
    if filters.allegation_statuses:
        words.append("Allegation status: " + _labels(filters.allegation_statuses))
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "the beginning"
        end = filters.date_to.isoformat() if filters.date_to else "the data cut-off"
        words.append(f"Captured from {start} to {end}")
    if filters.person_ids:
        words.append(f"Persons chosen by id: {len(filters.person_ids):,}")
    return tuple(words)


def _report_scrubber(session: Session, ids: list[int], profile: Profile, today: date) -> Scrubber:
    """Names the report may not print, from the whole selection (first pass)."""
    consents: dict[int, list[Consent]] = {}
    names: dict[int, list[str]] = {}
    relatives: set[int] = set()
    internal = profile.audience is Audience.INTERNAL
    for start in range(0, len(ids), 2_000):
        batch = ids[start : start + 2_000]
        for consent in session.scalars(
            select(Consent).where(Consent.person_id.in_(batch), Consent.retracted_at.is_(None))
        ):
            consents.setdefault(consent.person_id, []).append(consent)
        for pid, name in session.execute(
            select(PersonName.person_id, PersonName.full_name).where(
                PersonName.person_id.in_(batch)
            )
        ):
            names.setdefault(pid, []).append(name)
        if not internal:
            relatives.update(
                session.scalars(
                    select(Relationship.related_person_id).where(
                        Relationship.person_id.in_(batch),
                        Relationship.kind.in_(sorted(RELATIVE_KINDS, key=lambda k: k.rank)),
                    )
                )
            )
    withheld: list[tuple[str, str]] = []
    for pid in ids:
        named = person_disclosure(consents.get(pid, ()), profile.audience, profile.recipient, today)
        if named is not Disclosure.FULL:
            withheld += [(name, WITHHELD_NAME) for name in names.get(pid, ())]
    related = sorted(relatives - set(ids))
    for start in range(0, len(related), 2_000):
        for (name,) in session.execute(
            select(PersonName.full_name).where(
                PersonName.person_id.in_(related[start : start + 2_000])
            )
        ):
            withheld.append((name, WITHHELD_NAME))
    return Scrubber(withheld)


def build(
    session: Session,
    filters: ThematicFilters,
    profile: Profile,
    today: date,
    progress: Progress | None = None,
) -> Snapshot[ThematicReport]:
    profile = profile.checked()
    filters = filters.normalised()
    words = describe(session, filters, profile.audience)
    ids = selection(session, filters, profile.audience)
    if not ids:
        raise DomainError(
            None, "no person in the selection may appear in a report for this audience"
        )
    report_scrub = _report_scrubber(session, ids, profile, today)
    tally = Tally()
    annex, cases = Annex(), Cases(tally)
    items: list[WithheldItem] = []
    cutoff: datetime | None = None
    for start in range(0, len(ids), CHUNK):
        bundle = read(session, ids[start : start + CHUNK], profile.audience)
        subjects = []
        for pid in sorted(bundle.persons):
            who = subject(bundle, bundle.persons[pid], profile, today, report_scrub)
            subjects.append(who)
            cases.add(bundle, who, annex)
        items += bundle.withheld
        items += naming_items(bundle, subjects, profile.audience)
        if bundle.cutoff is not None and (cutoff is None or bundle.cutoff > cutoff):
            cutoff = bundle.cutoff
        del bundle
        if progress is not None:
            progress(min(start + CHUNK, len(ids)), len(ids))
    sources, notes, themes_notes, rows = cases.number(annex)
    title = "Thematic report: " + "; ".join(words)
    dto = ThematicReport(
        meta=meta(
            DossierKind.THEMATIC,
            profile,
            title[:500],
            cutoff,
            f"Thematic report ({profile.audience.label})",
        ),
        selection=words,
        key_figures=tally.key_figures(),
        allegations_by_act=tally.by_act(),
        persons_by_status=tally.persons_by_status(),
        matrix=tally.matrix_totals(),
        timeline=tally.timeline(),
        themes=tally.themes(themes_notes),
        state_responses=tally.state_responses(),
        cases=rows,
        sources=sources,
        notes=notes,
        transliteration=cases.transliteration(),
        methodology=(
            *methodology(profile, cutoff, rules=False),
            "The selection: " + "; ".join(words) + ".",
        ),
        limitations=(
            *limitations(profile),
            "Every figure counts only the records included in this version of the report.",
        ),
    )
    options = {"kind": DossierKind.THEMATIC.value, "filters": filters.options()}
    sealed, sha = seal(dto, profile, options)
    report = withheld_report(
        profile.audience,
        [f"{len(ids):,} persons in the selection; {cases.named:,} named in full"],
        [*items, *annex.withheld],
    )
    return Snapshot(sealed, report, tuple(ids), sha, options)
