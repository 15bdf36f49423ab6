"""Rules about persons: signs of life for persons the state does not acknowledge, current
statuses kept up to date, names in more than one script, and the minimum elements the UN
Working Group on Enforced or Involuntary Disappearances needs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, String, and_, bindparam, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from casebook.models import (
    Allegation,
    Consent,
    CustodyEvent,
    DetentionEpisode,
    Hearing,
    Involvement,
    Person,
    PersonName,
    Proceeding,
    Relationship,
    Submission,
    submission_person,
)
from casebook.services.findings.base import (
    SIGN_OF_LIFE_DAYS,
    STALE_DAYS,
    Row,
    Scope,
    Severity,
    register,
)
from casebook.services.findings.paths import checklist
from casebook.vocab import (
    DETAINEE_CATEGORIES,
    Acknowledgment,
    ActType,
    CustodyEventType,
    DatePrecision,
    EpisodeEndReason,
    PersonCategory,
    PersonStatus,
    Recipient,
    RelationshipKind,
    TriState,
)

SIGNS_OF_LIFE = (
    CustodyEventType.ICRC_VISIT,
    CustodyEventType.FAMILY_CONTACT,
    CustodyEventType.COUNSEL_VISIT,
)
UNACKNOWLEDGED = (Acknowledgment.DENIED, Acknowledgment.NOT_IDENTIFIED)
# Statuses that change and must be kept current; the others are final.
OPEN_STATUSES = (PersonStatus.DETAINED, PersonStatus.MISSING, PersonStatus.UNKNOWN)
FAMILY = (
    RelationshipKind.PARENT,
    RelationshipKind.CHILD,
    RelationshipKind.SPOUSE,
    RelationshipKind.SIBLING,
    RelationshipKind.OTHER_RELATIVE,
)
# A date the WGEID accepts: at least the month and year (an approximate day names both).
DATED = (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.APPROXIMATE)


def _date(name: str) -> Any:
    return bindparam(name, type_=Date())


def _person_head(column: Any = None) -> tuple[Any, ...]:
    column = Person.id if column is None else column
    return (
        literal("person", String).label("entity"),
        column.label("record_id"),
        column.label("person_id"),
    )


def _live_person(scope: Scope) -> Any:
    return and_(
        Person.retracted_at.is_(None),
        scope.persons(Person.id),
        scope.visible(Person.confidentiality),
    )


def _sign_message(row: Row) -> str:
    dates = [d for d in (row["last_event"], row["last_hearing"]) if d is not None]
    last = f"last recorded {max(dates)}" if dates else "none recorded"
    return (
        f"person P-{row['person_id']} is held unacknowledged "
        f"({row['ack'].label.lower()}) with no sign of life in the last {SIGN_OF_LIFE_DAYS} "
        f"days ({last})"
    )


@register(
    "PERSON-NO-SIGN-OF-LIFE",
    Severity.WARNING,
    title="Unacknowledged detainee with no recent sign of life",
    description=f"""A person held in an ongoing detention episode the detaining state
    denies or says it cannot identify is at the greatest risk. A sign of life in the last
    {SIGN_OF_LIFE_DAYS} days must be on record: an ICRC visit, family contact, a counsel
    visit, or a hearing the person was seen at (defendant present). A hearing held
    without the person is not a sign of life.""",
    fix="Seek news (ICRC tracing request, lawyer, family) and record the contact; consider "
    "an urgent action (WGEID) or an ECtHR Rule 39 request.",
    message=_sign_message,
)
def no_sign_of_life(scope: Scope) -> Any:
    episode = DetentionEpisode
    since, today = _date("sign_of_life_since"), _date("today")
    event = aliased(CustodyEvent, name="sign")
    signs = and_(
        event.episode_id == episode.id,
        event.retracted_at.is_(None),
        event.event_type.in_(SIGNS_OF_LIFE),
    )
    recent_event = exists().where(signs, event.start_date >= since, event.start_date <= today)
    seen = and_(
        Proceeding.person_id == episode.person_id,
        Proceeding.retracted_at.is_(None),
        Hearing.proceeding_id == Proceeding.id,
        Hearing.retracted_at.is_(None),
        Hearing.defendant_present == TriState.YES,
    )
    recent_hearing = exists().where(
        seen, Hearing.hearing_date >= since, Hearing.hearing_date <= today
    )
    last_event = select(func.max(event.start_date)).where(signs, event.start_date <= today)
    last_hearing = select(func.max(Hearing.hearing_date)).where(seen, Hearing.hearing_date <= today)
    return select(
        literal("detention_episode", String).label("entity"),
        episode.id.label("record_id"),
        episode.person_id.label("person_id"),
        episode.acknowledgment.label("ack"),
        last_event.scalar_subquery().label("last_event"),
        last_hearing.scalar_subquery().label("last_hearing"),
    ).where(
        episode.retracted_at.is_(None),
        scope.persons(episode.person_id),
        scope.visible(episode.confidentiality),
        episode.end_reason == EpisodeEndReason.ONGOING,
        episode.end_date.is_(None),
        episode.acknowledgment.in_(UNACKNOWLEDGED),
        ~recent_event,
        ~recent_hearing,
    )


@register(
    "PERSON-STATUS-STALE",
    Severity.WARNING,
    title="Current status older than 90 days",
    description=f"""The current status of a detained, missing or deceased person's case
    (detained, missing or unknown: statuses that change) must have been confirmed within
    the last {STALE_DAYS} days; released, repatriated and deceased are final. A status
    with no as-of date counts as unconfirmed.""",
    fix="Confirm the person's current status and update its as-of date.",
    message=lambda row: (
        f"person P-{row['record_id']} is recorded as {row['status'].label.lower()} "
        + (f"as of {row['as_of']}" if row["as_of"] else "with no as-of date")
    ),
)
def person_status_stale(scope: Scope) -> Any:
    return select(
        *_person_head(),
        Person.current_status.label("status"),
        Person.status_as_of.label("as_of"),
    ).where(
        _live_person(scope),
        Person.category.in_(DETAINEE_CATEGORIES),
        Person.current_status.in_(OPEN_STATUSES),
        or_(Person.status_as_of.is_(None), Person.status_as_of < _date("stale_before")),
    )


@register(
    "PERSON-ONE-SCRIPT",
    Severity.NOTE,
    title="Names in only one script",
    description="""A person's name should be recorded in every script it is written in by
    the people and records concerned (Armenian, Latin, Cyrillic), so that each source's
    spelling finds the same person and a dossier shows the name as the recipient's
    records have it.""",
    fix="Add the name as written in the other scripts (from passports, court records, the "
    "family), each with its script and language.",
    message="person P-{record_id} has names in {script.label} script only",
)
def one_script(scope: Scope) -> Any:
    return (
        select(*_person_head(PersonName.person_id), func.min(PersonName.script).label("script"))
        .join(Person, Person.id == PersonName.person_id)
        .where(PersonName.retracted_at.is_(None), _live_person(scope))
        .group_by(PersonName.person_id)
        .having(func.min(PersonName.script) == func.max(PersonName.script))
    )


WGEID_ELEMENTS = (
    ("name", "name"),
    ("dated", "date of the disappearance (at least month and year)"),
    ("place", "place"),
    ("forces", "forces believed responsible"),
    ("steps", "steps taken to locate the person"),
    ("submitter", "who the submission is made for (consent or next of kin)"),
)


def _wgeid_message(row: Row) -> str:
    missing = [label for key, label in WGEID_ELEMENTS if not row[key]]
    return f"disappearance case P-{row['record_id']} lacks: " + "; ".join(missing)


@register(
    "WGEID-ELEMENTS-MISSING",
    Severity.WARNING,
    title="WGEID minimum elements missing",
    description="""A disappearance case (a missing person, an enforced-disappearance
    allegation, or a person in a submission to the WGEID) must hold the Working Group's
    minimum elements: the person's name; the date (at least month and year) of the capture
    or disappearance; the place; the forces believed responsible (a capturing force or a
    perpetrator of an allegation); the steps taken to locate the person (a sent submission
    to another body, such as an ICRC tracing request or a complaint to the authorities);
    and who the case is submitted for (a consent on record, or a relative). The
    organisation itself is the submitter of every casebook submission.""",
    fix="Record the missing elements (with their sources) before submitting to the WGEID.",
    message=_wgeid_message,
)
def wgeid_elements(scope: Scope) -> Any:
    disappearance = or_(
        Person.category == PersonCategory.MISSING,
        Person.current_status == PersonStatus.MISSING,
        exists().where(_disappearances(Person.id)),
        _submissions(Person.id, Submission.recipient == Recipient.WGEID),
    )
    candidates = select(*_person_head()).where(_live_person(scope), disappearance)
    return checklist(candidates, _wgeid_columns)


_GONE = aliased(Allegation, name="wgeid_allegation")


def _disappearances(person: Any) -> Any:
    return and_(
        _GONE.victim_id == person,
        _GONE.retracted_at.is_(None),
        _GONE.act_type == ActType.ENFORCED_DISAPPEARANCE,
    )


def _submissions(person: Any, *where: Any) -> Any:
    link = aliased(submission_person, name="wgeid_link")
    return exists().where(
        link.c.person_id == person,
        Submission.id == link.c.submission_id,
        Submission.retracted_at.is_(None),
        *where,
    )


def _wgeid_columns(candidate: Any) -> dict[str, Any]:
    person = candidate.person_id
    episode = aliased(DetentionEpisode, name="wgeid_episode")
    mine_ep = and_(episode.person_id == person, episode.retracted_at.is_(None))
    mine_ed = _disappearances(person)
    gone = _GONE
    involved = and_(
        Involvement.allegation_id == Allegation.id,
        Involvement.retracted_at.is_(None),
        Allegation.victim_id == person,
        Allegation.retracted_at.is_(None),
    )
    return {
        "name": exists().where(PersonName.person_id == person, PersonName.retracted_at.is_(None)),
        "dated": or_(
            exists().where(mine_ep, episode.capture_precision.in_(DATED)),
            exists().where(mine_ed, gone.start_precision.in_(DATED)),
        ),
        "place": or_(
            exists().where(mine_ep, episode.capture_place_id.isnot(None)),
            exists().where(mine_ed, gone.place_id.isnot(None)),
        ),
        "forces": or_(
            exists().where(mine_ep, func.coalesce(episode.capturing_force, "") != ""),
            exists().where(involved),
        ),
        "steps": _submissions(
            person, Submission.submitted_on.isnot(None), Submission.recipient != Recipient.WGEID
        ),
        "submitter": or_(
            exists().where(Consent.person_id == person, Consent.retracted_at.is_(None)),
            exists().where(
                Relationship.person_id == person,
                Relationship.retracted_at.is_(None),
                or_(Relationship.is_next_of_kin.is_(True), Relationship.kind.in_(FAMILY)),
            ),
        ),
    }
