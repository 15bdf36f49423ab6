"""What the home page shows: a few counts and short lists, read in a fixed number of
set-based queries (each one aggregate), so the page stays fast at 100,000 persons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import case, func, literal_column, select, text
from sqlalchemy.orm import Session

from casebook.models.accounts import User
from casebook.models.advocacy import Submission
from casebook.models.allegations import Allegation
from casebook.models.audit import CHANGES, AuditEvent
from casebook.models.detention import DetentionEpisode
from casebook.models.people import Person, PersonName
from casebook.models.sources import Source
from casebook.vocab import (
    AllegationStatus,
    EpisodeEndReason,
    NameKind,
    PersonStatus,
    SubmissionStatus,
    Vocab,
)

V = TypeVar("V", bound=Vocab)

RECENT_CHANGES = 20
LIST_LIMIT = 50


@dataclass(frozen=True)
class FollowUp:
    id: int
    title: str
    follow_up_on: date
    status: SubmissionStatus


@dataclass(frozen=True)
class UrgentPerson:
    id: int
    name: str | None
    current_status: PersonStatus


@dataclass(frozen=True)
class Dashboard:
    persons_by_status: dict[PersonStatus, int]
    detained: int
    allegations_by_status: dict[AllegationStatus, int]
    sources_ungraded: int
    follow_ups: Sequence[FollowUp]
    recent: Sequence[AuditEvent]
    users: dict[int, User]
    urgent: Sequence[UrgentPerson]

    @property
    def persons_total(self) -> int:
        return sum(self.persons_by_status.values())

    @property
    def allegations_total(self) -> int:
        return sum(self.allegations_by_status.values())


def _by_status(session: Session, column: Any, model: Any, vocab: type[V]) -> dict[V, int]:
    rows = session.execute(
        select(column, func.count())
        .select_from(model)
        .where(model.retracted_at.is_(None))
        .group_by(column)
    ).all()
    counts: dict[V, int] = dict.fromkeys(vocab, 0)
    counts.update((status, count) for status, count in rows)
    return counts


def load(session: Session, today: date) -> Dashboard:
    persons = _by_status(session, Person.current_status, Person, PersonStatus)
    allegations = _by_status(session, Allegation.status, Allegation, AllegationStatus)
    # Persons held now: an open, live detention episode.
    detained = session.scalar(
        select(func.count(func.distinct(DetentionEpisode.person_id))).where(
            DetentionEpisode.retracted_at.is_(None),
            DetentionEpisode.end_date.is_(None),
            DetentionEpisode.end_reason == EpisodeEndReason.ONGOING,
        )
    )
    ungraded = session.scalar(
        select(func.count(Source.id)).where(
            Source.retracted_at.is_(None), Source.reliability.is_(None)
        )
    )
    follow_ups = [
        FollowUp(r.id, r.title, r.follow_up_on, r.status)
        for r in session.execute(
            select(Submission.id, Submission.title, Submission.follow_up_on, Submission.status)
            .where(
                Submission.retracted_at.is_(None),
                Submission.follow_up_on <= today,
                Submission.status != SubmissionStatus.CLOSED,
            )
            .order_by(Submission.follow_up_on, Submission.id)
            .limit(LIST_LIMIT)
        )
    ]
    # One name per urgent person (a primary one first), in one grouped query: the key
    # "0name" for a primary name sorts before "1name" for any other.
    ranked = case((PersonName.kind == NameKind.PRIMARY, "0"), else_="1") + PersonName.full_name
    # The newest urgent cases first (from the partial index ix_person_urgent, whose own
    # terms SQLite needs to see literally), then their names.
    newest_urgent = (
        select(Person.id)
        .where(literal_column("person.urgent"), Person.retracted_at.is_(None))
        .order_by(Person.id.desc())
        .limit(LIST_LIMIT)
        .subquery()
    )
    urgent = [
        UrgentPerson(r.id, r.name[1:] if r.name else None, r.current_status)
        for r in session.execute(
            select(Person.id, Person.current_status, func.min(ranked).label("name"))
            .join(newest_urgent, newest_urgent.c.id == Person.id)
            .outerjoin(
                PersonName,
                (PersonName.person_id == Person.id) & PersonName.retracted_at.is_(None),
            )
            .group_by(Person.id, Person.current_status)
            .order_by(Person.id.desc())
        )
    ]
    recent = list(
        session.scalars(
            select(AuditEvent)
            # The partial index's own condition (ix_audit_event_changes), as literal text: a
            # list of bound values would hide it from SQLite and scan millions of imports.
            .where(text(CHANGES))
            .order_by(AuditEvent.id.desc())
            .limit(RECENT_CHANGES)
        )
    )
    user_ids = {e.user_id for e in recent if e.user_id is not None}
    users = (
        {u.id: u for u in session.scalars(select(User).where(User.id.in_(user_ids)))}
        if user_ids
        else {}
    )
    return Dashboard(
        persons_by_status=persons,
        detained=detained or 0,
        allegations_by_status=allegations,
        sources_ungraded=ungraded or 0,
        follow_ups=follow_ups,
        recent=recent,
        users=users,
        urgent=urgent,
    )
