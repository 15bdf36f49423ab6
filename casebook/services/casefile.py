"""The case file: everything recorded about one person, read in a fixed number of queries.

Used by the person page (and later the dossier snapshot): identity, relatives, detention
with its custody events, proceedings with charges, hearings, the fair-trial matrix and
sentences, allegations with perpetrators and medical evaluations, the death record,
citations of every claim with their sources, submissions, consents, a timeline and the
record's history from the audit log.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from casebook.models import (
    Allegation,
    AuditEvent,
    Charge,
    Citation,
    Consent,
    CustodyEvent,
    DeathRecord,
    DetentionEpisode,
    FairTrialAssessment,
    Hearing,
    Involvement,
    MedicalEvaluation,
    Person,
    PersonIdentifier,
    PersonName,
    Place,
    Proceeding,
    Relationship,
    Sentence,
    Source,
    Submission,
    User,
    submission_person,
)
from casebook.models.common import Record
from casebook.services.context import Context
from casebook.services.records import get
from casebook.vocab import DatePrecision, EpisodeEndReason, Guarantee

R = TypeVar("R", bound=Record)
HISTORY_LIMIT = 300


@dataclass(frozen=True)
class TimelineEntry:
    when: date
    precision: DatePrecision
    label: str
    detail: str = ""
    anchor: str = ""


@dataclass
class EpisodeView:
    episode: DetentionEpisode
    events: list[CustodyEvent] = field(default_factory=list)


@dataclass
class ProceedingView:
    proceeding: Proceeding
    charges: list[Charge] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)
    matrix: dict[Guarantee, FairTrialAssessment] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class AllegationView:
    allegation: Allegation
    involvements: list[Involvement] = field(default_factory=list)
    evaluations: list[MedicalEvaluation] = field(default_factory=list)


@dataclass
class CaseFile:
    person: Person
    names: list[PersonName]
    identifiers: list[PersonIdentifier]
    relationships: list[tuple[Relationship, Person, list[PersonName]]]
    episodes: list[EpisodeView]
    proceedings: list[ProceedingView]
    allegations: list[AllegationView]
    evaluations: list[MedicalEvaluation]
    death: DeathRecord | None
    citations: dict[int, list[Citation]]
    sources: dict[int, Source]
    submissions: list[Submission]
    consents: list[Consent]
    places: dict[int, Place]
    timeline: list[TimelineEntry]
    history: list[AuditEvent]
    users: dict[int, User]
    show_retracted: bool

    def place_name(self, place_id: int | None) -> str:
        if place_id is None:
            return ""
        place = self.places.get(place_id)
        return place.name if place else f"place {place_id}"

    def cited(self, record: Any) -> list[Citation]:
        return self.citations.get(record.claim_id, [])


def _rows(
    session: Session, model: type[R], condition: Any, show_retracted: bool, *order: Any
) -> list[R]:
    query = select(model).where(condition)
    if not show_retracted:
        query = query.where(model.retracted_at.is_(None))
    return list(session.scalars(query.order_by(*(order or (model.id,)))))


def load(ctx: Context, person_id: int | str, *, show_retracted: bool = False) -> CaseFile:
    session = ctx.session
    person = get(ctx, Person, person_id)
    sr = show_retracted
    names = _rows(session, PersonName, PersonName.person_id == person.id, sr)
    identifiers = _rows(session, PersonIdentifier, PersonIdentifier.person_id == person.id, sr)
    relationships = _rows(session, Relationship, Relationship.person_id == person.id, sr)
    related_ids = [r.related_person_id for r in relationships]
    related = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(related_ids)))}
    related_names: dict[int, list[PersonName]] = defaultdict(list)
    for name in _rows(session, PersonName, PersonName.person_id.in_(related_ids), False):
        related_names[name.person_id].append(name)

    episodes = _rows(
        session,
        DetentionEpisode,
        DetentionEpisode.person_id == person.id,
        sr,
        DetentionEpisode.capture_date,
        DetentionEpisode.id,
    )
    events = _rows(
        session,
        CustodyEvent,
        CustodyEvent.episode_id.in_([e.id for e in episodes]),
        sr,
        CustodyEvent.start_date,
        CustodyEvent.id,
    )
    episode_views = {e.id: EpisodeView(e) for e in episodes}
    for event in events:
        episode_views[event.episode_id].events.append(event)

    proceedings = _rows(
        session,
        Proceeding,
        Proceeding.person_id == person.id,
        sr,
        Proceeding.start_date,
        Proceeding.id,
    )
    proc_ids = [p.id for p in proceedings]
    proc_views = {p.id: ProceedingView(p) for p in proceedings}
    for charge in _rows(session, Charge, Charge.proceeding_id.in_(proc_ids), sr):
        proc_views[charge.proceeding_id].charges.append(charge)
    for hearing in _rows(
        session, Hearing, Hearing.proceeding_id.in_(proc_ids), sr, Hearing.hearing_date
    ):
        proc_views[hearing.proceeding_id].hearings.append(hearing)
    for item in _rows(
        session, FairTrialAssessment, FairTrialAssessment.proceeding_id.in_(proc_ids), False
    ):
        proc_views[item.proceeding_id].matrix[item.guarantee] = item
    for sentence in _rows(session, Sentence, Sentence.proceeding_id.in_(proc_ids), sr):
        proc_views[sentence.proceeding_id].sentences.append(sentence)

    allegations = _rows(
        session,
        Allegation,
        Allegation.victim_id == person.id,
        sr,
        Allegation.start_date,
        Allegation.id,
    )
    alleg_views = {a.id: AllegationView(a) for a in allegations}
    for inv in _rows(session, Involvement, Involvement.allegation_id.in_(list(alleg_views)), sr):
        alleg_views[inv.allegation_id].involvements.append(inv)
    evaluations = _rows(session, MedicalEvaluation, MedicalEvaluation.person_id == person.id, sr)
    loose = []
    for ev in evaluations:
        if ev.allegation_id in alleg_views:
            alleg_views[ev.allegation_id].evaluations.append(ev)
        else:
            loose.append(ev)
    death = session.scalar(select(DeathRecord).where(DeathRecord.person_id == person.id))
    if death is not None and death.retracted_at is not None and not sr:
        death = None

    claim_records: list[Any] = [
        *episodes,
        *events,
        *proceedings,
        *evaluations,
        *(h for v in proc_views.values() for h in v.hearings),
        *(m for v in proc_views.values() for m in v.matrix.values()),
        *(s for v in proc_views.values() for s in v.sentences),
        *allegations,
        *([death] if death else []),
    ]
    claim_ids = [r.claim_id for r in claim_records]
    citations: dict[int, list[Citation]] = defaultdict(list)
    for citation in _rows(session, Citation, Citation.claim_id.in_(claim_ids), sr):
        citations[citation.claim_id].append(citation)
    source_ids = {c.source_id for cs in citations.values() for c in cs}
    sources = {s.id: s for s in session.scalars(select(Source).where(Source.id.in_(source_ids)))}

    submissions = list(
        session.scalars(
            select(Submission)
            .join(submission_person, submission_person.c.submission_id == Submission.id)
            .where(submission_person.c.person_id == person.id)
            .order_by(Submission.submitted_on, Submission.id)
        )
    )
    consents = _rows(session, Consent, Consent.person_id == person.id, sr, Consent.given_on)

    place_ids = {
        person.birth_place_id,
        *(e.capture_place_id for e in episodes),
        *(ev.from_place_id for ev in events),
        *(ev.to_place_id for ev in events),
        *(p.court_id for p in proceedings),
        *(a.place_id for a in allegations),
        *(s.facility_id for v in proc_views.values() for s in v.sentences),
        death.place_id if death else None,
    } - {None}
    places = {p.id: p for p in session.scalars(select(Place).where(Place.id.in_(place_ids)))}

    owned: dict[str, list[int]] = {
        "person": [person.id],
        "person_name": [n.id for n in names],
        "person_identifier": [i.id for i in identifiers],
        "relationship": [r.id for r in relationships],
        "detention_episode": [e.id for e in episodes],
        "custody_event": [e.id for e in events],
        "proceeding": proc_ids,
        "charge": [c.id for v in proc_views.values() for c in v.charges],
        "hearing": [h.id for v in proc_views.values() for h in v.hearings],
        "fair_trial_assessment": [m.id for v in proc_views.values() for m in v.matrix.values()],
        "sentence": [s.id for v in proc_views.values() for s in v.sentences],
        "allegation": [a.id for a in allegations],
        "involvement": [i.id for v in alleg_views.values() for i in v.involvements],
        "medical_evaluation": [e.id for e in evaluations],
        "death_record": [death.id] if death else [],
        "citation": [c.id for cs in citations.values() for c in cs],
        "consent": [c.id for c in consents],
    }
    history = list(
        session.scalars(
            select(AuditEvent)
            .where(
                or_(
                    *(
                        and_(AuditEvent.entity == entity, AuditEvent.record_id.in_(ids))
                        for entity, ids in owned.items()
                        if ids
                    )
                )
            )
            .order_by(AuditEvent.id.desc())
            .limit(HISTORY_LIMIT)
        )
    )
    user_ids = {e.user_id for e in history if e.user_id is not None}
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(user_ids)))}

    file = CaseFile(
        person=person,
        names=names,
        identifiers=identifiers,
        relationships=[
            (r, related[r.related_person_id], related_names[r.related_person_id])
            for r in relationships
            if r.related_person_id in related
        ],
        episodes=list(episode_views.values()),
        proceedings=list(proc_views.values()),
        allegations=list(alleg_views.values()),
        evaluations=loose,
        death=death,
        citations=dict(citations),
        sources=sources,
        submissions=submissions,
        consents=consents,
        places=places,
        timeline=[],
        history=history,
        users=users,
        show_retracted=sr,
    )
    file.timeline = timeline(file)
    return file


def timeline(file: CaseFile) -> list[TimelineEntry]:
    """Capture, transfers, ICRC visits, hearings, verdicts, sentences, release, death."""
    entries: list[TimelineEntry] = []
    for view in file.episodes:
        ep = view.episode
        if ep.capture_date:
            where = file.place_name(ep.capture_place_id)
            entries.append(
                TimelineEntry(
                    ep.capture_date,
                    ep.capture_precision,
                    "Captured / arrested",
                    f"{where} {ep.capturing_force or ''}".strip(),
                    f"episode-{ep.id}",
                )
            )
        for ev in view.events:
            if ev.start_date:
                route = " → ".join(
                    n
                    for n in (file.place_name(ev.from_place_id), file.place_name(ev.to_place_id))
                    if n
                )
                entries.append(
                    TimelineEntry(
                        ev.start_date,
                        ev.start_precision,
                        ev.event_type.label,
                        route,
                        f"event-{ev.id}",
                    )
                )
        if ep.end_date and ep.end_reason is not EpisodeEndReason.ONGOING:
            entries.append(
                TimelineEntry(
                    ep.end_date, ep.end_precision, ep.end_reason.label, "", f"episode-{ep.id}"
                )
            )
    for pview in file.proceedings:
        proc = pview.proceeding
        court = file.place_name(proc.court_id)
        if proc.start_date:
            entries.append(
                TimelineEntry(
                    proc.start_date,
                    proc.start_precision,
                    f"{proc.instance.label} opened",
                    court,
                    f"proceeding-{proc.id}",
                )
            )
        for hearing in pview.hearings:
            entries.append(
                TimelineEntry(
                    hearing.hearing_date,
                    DatePrecision.DAY,
                    "Hearing",
                    court,
                    f"hearing-{hearing.id}",
                )
            )
        if proc.end_date:
            entries.append(
                TimelineEntry(
                    proc.end_date,
                    DatePrecision.DAY,
                    f"{proc.instance.label} verdict",
                    (proc.verdict_summary or "")[:200],
                    f"proceeding-{proc.id}",
                )
            )
    if file.death and file.death.death_date:
        entries.append(
            TimelineEntry(
                file.death.death_date,
                file.death.death_precision,
                "Death",
                file.place_name(file.death.place_id),
                "death",
            )
        )
    return sorted(entries, key=lambda e: (e.when, e.label))
