"""Reading what a dossier snapshot needs, deciding at the read what the audience may see.

:func:`read` loads a group of persons (one for a dossier, a chunk for a thematic report)
with everything recorded about them in a fixed number of queries, whatever the group's
size (ids are sent in batches, so only the number of batches grows). Rows are plain Core
rows (not ORM objects), so nothing outlives the chunk that read it.

**Disclosure is decided here, before any DTO code sees a row.** Every record is split
the moment it is read:

- retracted records are filtered out by the query (they never appear in any output);
- a record above the audience's ceiling, or belonging to a record that is (a custody
  event of a withheld episode, a charge of a withheld proceeding, a citation of a
  withheld claim), is dropped and only noted as a :class:`WithheldItem` (table, id and
  why); its content goes no further;
- a source above the ceiling is kept only as its id and type (a coded annex entry); a
  place above it only as its id (printed "undisclosed place") and its name forms, which
  serve to scrub free text (:mod:`casebook.services.snapshot_names`), never to print;
- informants are never read at all.

What remains in a :class:`Bundle` is exactly what the audience may see, so the section
builders cannot leak by forgetting a check. ``Bundle.cutoff`` is the latest
``updated_at`` of the visible records read (records withheld from the audience are not
counted, so their timestamps cannot leak either).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from casebook.models import (
    Allegation,
    Charge,
    Citation,
    Consent,
    CustodyEvent,
    DeathRecord,
    DetentionEpisode,
    EvidenceFile,
    FairTrialAssessment,
    Hearing,
    Involvement,
    MedicalEvaluation,
    Person,
    PersonIdentifier,
    PersonName,
    Place,
    PlaceName,
    Proceeding,
    Relationship,
    Sentence,
    Source,
    Submission,
    submission_person,
)
from casebook.services.snapshot_bundle import (
    BATCH,
    UNREAD,
    Bundle,
    CodedSource,
    Reader,
    Row,
    WithheldItem,
    by_date,
    keep,
    sort_key,
)
from casebook.vocab import Audience


def read(session: Session, person_ids: Sequence[int], audience: Audience) -> Bundle:
    """Everything recorded about ``person_ids`` that ``audience`` may see (see module doc)."""
    reader = Reader(session, audience)
    bundle = Bundle(audience)
    for row in reader.rows(Person, "id", person_ids):
        if reader.visible(row):
            bundle.persons[row.id] = row
            bundle.seen(row)
        else:
            bundle.hidden_persons.append(row.id)
            bundle.withheld.append(
                WithheldItem(
                    "person",
                    row.id,
                    row.id,
                    "left out",
                    f"{row.confidentiality.label.lower()} (above the audience)",
                )
            )
    ids = sorted(bundle.persons)
    _read_people(bundle, reader, ids)
    claims = _read_claims(bundle, reader, ids)
    _read_citations(bundle, reader, claims)
    _read_advocacy(bundle, reader, ids)
    _read_places(bundle, reader)
    return bundle


def _read_people(bundle: Bundle, reader: Reader, ids: list[int]) -> None:
    def of_person(row: Row) -> int:
        return cast(int, row.person_id)

    for row in reader.rows(PersonName, "person_id", ids, live_only=False):
        bundle.name_terms[row.person_id].append(row.full_name)
        if row.retracted_at is None:
            for kept in keep(bundle, reader, "person_name", [row], of_person):
                bundle.names[row.person_id].append(kept)
    for row in keep(
        bundle,
        reader,
        "person_identifier",
        reader.rows(PersonIdentifier, "person_id", ids),
        of_person,
    ):
        bundle.identifiers[row.person_id].append(row)
    for row in keep(
        bundle, reader, "relationship", reader.rows(Relationship, "person_id", ids), of_person
    ):
        bundle.relationships[row.person_id].append(row)
    for lists in (bundle.names, bundle.identifiers, bundle.relationships):
        for rows in lists.values():
            rows.sort(key=lambda r: r.id)


def _read_others(bundle: Bundle, reader: Reader, other_ids: set[int]) -> None:
    """Relatives and perpetrators: their person rows and names (terms kept for scrubbing)."""
    other_ids -= set(bundle.persons)
    for row in reader.rows(Person, "id", other_ids):
        bundle.other_categories[row.id] = row.category
        if reader.visible(row):
            bundle.others[row.id] = row
            bundle.seen(row)
    for row in reader.rows(PersonName, "person_id", other_ids, live_only=False):
        bundle.name_terms[row.person_id].append(row.full_name)
        if row.retracted_at is None and row.person_id in bundle.others and reader.visible(row):
            bundle.names[row.person_id].append(row)
            bundle.seen(row)
    for pid in other_ids:
        bundle.names.get(pid, []).sort(key=lambda r: r.id)


def _read_claims(bundle: Bundle, reader: Reader, ids: list[int]) -> list[int]:
    """Detention, trials and allegations; returns the claim ids of every visible claim."""
    b, r = bundle, reader

    def person_of(row: Row) -> int:
        return cast(int, row.person_id)

    all_episodes = r.rows(DetentionEpisode, "person_id", ids)
    episodes = keep(b, r, "detention_episode", all_episodes, person_of)
    episode_owner = {e.id: e.person_id for e in episodes}
    events = keep(
        b,
        r,
        "custody_event",
        r.rows(CustodyEvent, "episode_id", {e.id for e in all_episodes}),
        lambda row: episode_owner.get(row.episode_id),
        parent_visible=lambda row: row.episode_id in episode_owner,
        parent_label="detention episode",
    )
    for row in episodes:
        b.episodes[row.person_id].append(row)
    for row in events:
        b.events[row.episode_id].append(row)

    all_procs = r.rows(Proceeding, "person_id", ids)
    procs = keep(b, r, "proceeding", all_procs, person_of)
    proc_owner = {p.id: p.person_id for p in procs}
    for row in procs:
        b.proceedings[row.person_id].append(row)
    children: dict[str, tuple[Any, dict[int, list[Row]]]] = {
        "charge": (Charge, b.charges),
        "hearing": (Hearing, b.hearings),
        "fair_trial_assessment": (FairTrialAssessment, b.assessments),
        "sentence": (Sentence, b.sentences),
    }
    all_proc_ids = {p.id for p in all_procs}
    for entity, (model, target) in children.items():
        for row in keep(
            b,
            r,
            entity,
            r.rows(model, "proceeding_id", all_proc_ids),
            lambda row: proc_owner.get(row.proceeding_id),
            parent_visible=lambda row: row.proceeding_id in proc_owner,
            parent_label="proceeding",
        ):
            target[row.proceeding_id].append(row)

    all_allegations = r.rows(Allegation, "victim_id", ids)
    allegations = keep(b, r, "allegation", all_allegations, lambda row: row.victim_id)
    alleg_owner = {a.id: a.victim_id for a in allegations}
    for row in allegations:
        b.allegations[row.victim_id].append(row)
    all_alleg_ids = {a.id for a in all_allegations}
    involvements = keep(
        b,
        r,
        "involvement",
        r.rows(Involvement, "allegation_id", all_alleg_ids),
        lambda row: alleg_owner.get(row.allegation_id),
        parent_visible=lambda row: row.allegation_id in alleg_owner,
        parent_label="allegation",
    )
    for row in involvements:
        b.involvements[row.allegation_id].append(row)
    evaluations = keep(
        b,
        r,
        "medical_evaluation",
        r.rows(MedicalEvaluation, "person_id", ids),
        person_of,
        parent_visible=lambda row: row.allegation_id is None or row.allegation_id in alleg_owner,
        parent_label="allegation",
    )
    for row in evaluations:
        b.evaluations[row.person_id].append(row)
    for row in keep(b, r, "death_record", r.rows(DeathRecord, "person_id", ids), person_of):
        b.deaths[row.person_id] = row

    related = {x.related_person_id for rows in b.relationships.values() for x in rows}
    perpetrators = {i.perpetrator_id for i in involvements if i.perpetrator_id is not None}
    _read_others(b, r, related | perpetrators)
    for mapping, attr in (
        (b.episodes, "capture_date"),
        (b.events, "start_date"),
        (b.proceedings, "start_date"),
        (b.hearings, "hearing_date"),
        (b.allegations, "start_date"),
        (b.evaluations, "examined_on"),
    ):
        for rows in mapping.values():
            rows.sort(key=partial(by_date, attr=attr))
    for mapping in (b.charges, b.assessments, b.sentences, b.involvements):
        for rows in mapping.values():
            rows.sort(key=lambda row: row.id)
    claim_rows: list[Row] = [
        *episodes,
        *events,
        *procs,
        *(x for rows in b.hearings.values() for x in rows),
        *(x for rows in b.assessments.values() for x in rows),
        *(x for rows in b.sentences.values() for x in rows),
        *allegations,
        *evaluations,
        *b.deaths.values(),
    ]
    return [row.claim_id for row in claim_rows]


def _read_citations(bundle: Bundle, reader: Reader, claim_ids: list[int]) -> None:
    b, r = bundle, reader
    citations = keep(b, r, "citation", r.rows(Citation, "claim_id", claim_ids), lambda _r: None)
    sources = r.rows(Source, "id", {c.source_id for c in citations})
    live = set()
    for row in sources:
        live.add(row.id)
        if r.visible(row):
            b.sources[row.id] = row
            b.seen(row)
        else:
            b.coded_sources[row.id] = CodedSource(row.id, row.source_type)
            b.withheld.append(
                WithheldItem(
                    "source",
                    row.id,
                    None,
                    "coded",
                    f"{row.confidentiality.label.lower()} (above the audience)",
                )
            )
    for row in citations:
        if row.source_id in live:  # a citation of a retracted source is dropped
            b.citations[row.claim_id].append(row)
    for rows in b.citations.values():
        rows.sort(key=lambda row: row.id)
    for row in keep(
        b, r, "evidence_file", r.rows(EvidenceFile, "source_id", b.sources), lambda _r: None
    ):
        b.files[row.source_id].append(row)
    for rows in b.files.values():
        rows.sort(key=lambda row: row.id)


def _read_advocacy(bundle: Bundle, reader: Reader, ids: list[int]) -> None:
    b, r = bundle, reader
    table = cast(Table, Submission.__table__)
    link = submission_person
    found: list[Row] = []
    for start in range(0, len(ids), BATCH):
        found.extend(
            r.session.execute(
                select(
                    *(c for c in table.c if c.key not in UNREAD),
                    link.c.person_id.label("concerns_person_id"),
                )
                .join(link, link.c.submission_id == table.c.id)
                .where(
                    link.c.person_id.in_(ids[start : start + BATCH]),
                    table.c.retracted_at.is_(None),
                )
            )
        )
    for row in keep(b, r, "submission", found, lambda row: row.concerns_person_id):
        b.submissions[row.concerns_person_id].append(row)
    for rows in b.submissions.values():
        rows.sort(key=lambda row: sort_key(row.submitted_on, row.id))
    # Consents decide how a person is named, so every live one is read (as ORM objects,
    # which the disclosure policy takes); which of them the output may describe is decided
    # by the statement builder with the same ceiling.
    for start in range(0, len(ids), BATCH):
        for consent in r.session.scalars(
            select(Consent).where(
                Consent.person_id.in_(ids[start : start + BATCH]), Consent.retracted_at.is_(None)
            )
        ):
            b.consents[consent.person_id].append(consent)
    for consents in b.consents.values():
        consents.sort(key=lambda c: (c.given_on, c.id))
    photo_ids = {p.photo_file_id for p in b.persons.values() if p.photo_file_id is not None}
    photos = {row.id: row for row in r.rows(EvidenceFile, "id", photo_ids) if r.visible(row)}
    for person in b.persons.values():
        if person.photo_file_id in photos:
            b.photos[person.id] = photos[person.photo_file_id]


def _read_places(bundle: Bundle, reader: Reader) -> None:
    b = bundle
    wanted: set[int] = set()
    for person in b.persons.values():
        wanted.add(person.birth_place_id)
    for rows in b.episodes.values():
        wanted.update(e.capture_place_id for e in rows)
    for rows in b.events.values():
        wanted.update(x for e in rows for x in (e.from_place_id, e.to_place_id))
    for rows in b.proceedings.values():
        wanted.update(p.court_id for p in rows)
    for rows in b.sentences.values():
        wanted.update(s.facility_id for s in rows)
    for rows in b.allegations.values():
        wanted.update(a.place_id for a in rows)
    wanted.update(d.place_id for d in b.deaths.values())
    hidden = []
    for row in reader.rows(Place, "id", wanted):
        if reader.visible(row):
            b.places[row.id] = row
            b.seen(row)
        else:
            hidden.append(row.id)
            b.hidden_places[row.id] = [row.name]
            b.withheld.append(
                WithheldItem(
                    "place",
                    row.id,
                    None,
                    "undisclosed",
                    f"{row.confidentiality.label.lower()} (above the audience)",
                )
            )
    for row in reader.rows(PlaceName, "place_id", hidden, live_only=False):
        b.hidden_places[row.place_id].append(row.name)
