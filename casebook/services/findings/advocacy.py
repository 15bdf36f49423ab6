"""Rules about submissions: consent for each person and recipient, what a UN Special
Procedures communication rests on, the WGAD questionnaire's elements, and follow-ups."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, String, and_, bindparam, exists, literal, null, or_, select
from sqlalchemy.orm import aliased

from casebook.models import (
    Allegation,
    Citation,
    Consent,
    CustodyEvent,
    DetentionEpisode,
    FairTrialAssessment,
    Person,
    PersonIdentifier,
    PersonName,
    Proceeding,
    Sentence,
    Source,
    Submission,
    submission_person,
)
from casebook.services.allegations import TRIAL_ACTS
from casebook.services.findings.base import Row, Scope, Severity, register
from casebook.services.findings.paths import (
    CLAIM_PATHS,
    checklist,
    json_list_empty,
    json_list_has,
    submission_in_scope,
)
from casebook.vocab import (
    CONSENT_SCOPE_FOR_RECIPIENT,
    SPECIAL_PROCEDURES,
    ActType,
    ConsentScope,
    DatePrecision,
    Finding,
    ProceedingInstance,
    Recipient,
    SourceType,
    Stance,
    SubmissionStatus,
)

MEDIA = (SourceType.MEDIA_REPORT, SourceType.SOCIAL_MEDIA_POST)
ARBITRARINESS = frozenset(
    {
        ActType.ARBITRARY_DETENTION,
        ActType.INCOMMUNICADO,
        ActType.ENFORCED_DISAPPEARANCE,
        *TRIAL_ACTS,
    }
)
REMEDY_RECIPIENTS = (
    Recipient.NATIONAL_AUTHORITY,
    Recipient.ECTHR_APPLICATION,
    Recipient.ECTHR_RULE39,
)


def consent_for(day: Any) -> Any:
    """A live consent of the person in ``submission_person`` that covers sending the
    submission to its recipient on ``day``: of the scope the recipient kind needs
    (``CONSENT_SCOPE_FOR_RECIPIENT``) or full public use, allowing that recipient when it
    lists recipients, given by then and neither expired nor withdrawn."""
    scope_fits = or_(
        *(
            and_(
                Submission.recipient == recipient,
                Consent.scope.in_(sorted({needed, ConsentScope.NAMED_PUBLIC})),
            )
            for recipient, needed in CONSENT_SCOPE_FOR_RECIPIENT.items()
        )
    )
    return exists().where(
        Consent.person_id == submission_person.c.person_id,
        Consent.retracted_at.is_(None),
        scope_fits,
        Consent.given_on <= day,
        or_(Consent.expires_on.is_(None), Consent.expires_on >= day),
        or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > day),
        or_(
            json_list_empty(Consent.recipients_allowed),
            json_list_has(Consent.recipients_allowed, Submission.recipient),
        ),
    )


def _per_person(scope: Scope, *columns: Any) -> Any:
    """Live submissions with each live person they concern (in the scope)."""
    return (
        select(
            literal("submission", String).label("entity"),
            Submission.id.label("record_id"),
            submission_person.c.person_id.label("person_id"),
            Submission.recipient.label("recipient"),
            *columns,
        )
        .join(submission_person, submission_person.c.submission_id == Submission.id)
        .join(Person, Person.id == submission_person.c.person_id)
        .where(
            Submission.retracted_at.is_(None),
            Person.retracted_at.is_(None),
            scope.persons(submission_person.c.person_id),
        )
    )


def _today() -> Any:
    return bindparam("today", type_=Date())


@register(
    "SUBMISSION-NO-CONSENT",
    Severity.ERROR,
    title="Submission sent without consent",
    description="""Consent is specific to a use and a recipient. Each person a sent
    submission concerns must have had, on the day it was sent, a live consent of the scope
    that recipient needs (CONFIDENTIAL_UN for the UN bodies and the ICRC, LITIGATION for
    the ECtHR and national authorities, NAMED_PUBLIC for the Council of Europe, PACE and
    OSCE, INITIALS_ONLY for embassies, MEDIA otherwise) or for public use with the full
    name, allowing that recipient if the consent lists recipients, not expired and not
    withdrawn.""",
    fix="Record the consent that was given (with its date and scope); if none was given, "
    "tell the person or family and the recipient, and withdraw the case if asked.",
    message=lambda row: (
        f"submission {row['record_id']} to {row['recipient'].value}, sent {row['day']}, "
        f"concerns P-{row['person_id']}, who had no consent covering it that day"
    ),
)
def submission_no_consent(scope: Scope) -> Any:
    day = Submission.submitted_on
    return _per_person(scope, day.label("day")).where(day.isnot(None), ~consent_for(day))


@register(
    "SUBMISSION-DRAFT-NO-CONSENT",
    Severity.WARNING,
    title="Draft submission without consent",
    description="""A draft submission cannot be sent until every person it concerns has a
    consent covering it (as for a sent submission), valid today.""",
    fix="Obtain and record the person's consent for this recipient before sending.",
    message=lambda row: (
        f"draft submission {row['record_id']} to {row['recipient'].value} concerns "
        f"P-{row['person_id']}, who has no consent covering it today"
    ),
)
def draft_no_consent(scope: Scope) -> Any:
    return _per_person(scope).where(Submission.submitted_on.is_(None), ~consent_for(_today()))


def _non_media_support() -> Any:
    """Some claim of a person of the submission rests (supporting, live citation) on a live
    source other than a media report."""
    everything = Scope("any")
    clauses = []
    for path in CLAIM_PATHS:
        link = aliased(submission_person)
        clauses.append(
            path.select(literal(1))
            .join(Citation, Citation.claim_id == path.model.claim_id)
            .join(Source, Source.id == Citation.source_id)
            .where(
                link.c.submission_id == Submission.id,
                path.person == link.c.person_id,
                path.live(everything),
                Citation.retracted_at.is_(None),
                Citation.stance == Stance.SUPPORTS,
                Source.retracted_at.is_(None),
                Source.source_type.notin_(MEDIA),
            )
            .exists()
            .correlate(Submission)
        )
    return or_(*clauses)


@register(
    "SUBMISSION-MEDIA-ONLY",
    Severity.WARNING,
    title="Special Procedures submission resting only on media reports",
    description="""A communication to a UN Special Procedure (WGAD, WGEID, Special
    Rapporteur on torture) must come from a credible source with direct or reliable
    knowledge and must not rest solely on media reports. Flagged when no claim of the
    persons it concerns is supported by a source other than a media report or
    social-media post.""",
    fix="Cite direct sources (testimony, lawyer's statement, court or medical records) for "
    "the persons' claims before submitting.",
    message=lambda row: (
        f"submission {row['record_id']} to {row['recipient'].value} rests on no source "
        "other than media reports"
    ),
    shared=True,
)
def media_only(scope: Scope) -> Any:
    return select(
        literal("submission", String).label("entity"),
        Submission.id.label("record_id"),
        null().label("person_id"),
        Submission.recipient.label("recipient"),
    ).where(
        Submission.retracted_at.is_(None),
        Submission.recipient.in_(SPECIAL_PROCEDURES),
        submission_in_scope(scope),
        ~_non_media_support(),
    )


WGAD_ELEMENTS = (
    ("identity", "identity (a name, and a birth date or an identity document)"),
    ("arrest", "arrest (date and place or arresting force)"),
    ("places", "places of detention"),
    ("arbitrary", "why the detention is arbitrary (an allegation or a violated guarantee)"),
    ("remedies", "domestic remedies tried (an appeal, a complaint) or why none were possible"),
)


def _wgad_message(row: Row) -> str:
    missing = [label for key, label in WGAD_ELEMENTS if not row[key]]
    return f"WGAD submission {row['record_id']} lacks for P-{row['person_id']}: " + "; ".join(
        missing
    )


def _wgad_columns(candidate: Any) -> dict[str, Any]:
    person = candidate.person_id
    episode = aliased(DetentionEpisode, name="wgad_episode")
    trial = aliased(Proceeding, name="wgad_proceeding")
    mine_ep = and_(episode.person_id == person, episode.retracted_at.is_(None))
    mine_trial = and_(trial.person_id == person, trial.retracted_at.is_(None))
    other = aliased(Submission, name="wgad_other")
    other_link = aliased(submission_person, name="wgad_other_link")
    return {
        "identity": and_(
            exists().where(PersonName.person_id == person, PersonName.retracted_at.is_(None)),
            or_(
                candidate.birth_date.isnot(None),
                exists().where(
                    PersonIdentifier.person_id == person, PersonIdentifier.retracted_at.is_(None)
                ),
            ),
        ),
        "arrest": exists().where(
            mine_ep,
            episode.capture_precision != DatePrecision.UNKNOWN,
            or_(episode.capture_place_id.isnot(None), episode.capturing_force.isnot(None)),
        ),
        "places": or_(
            exists().where(
                mine_ep,
                CustodyEvent.episode_id == episode.id,
                CustodyEvent.retracted_at.is_(None),
                CustodyEvent.to_place_id.isnot(None),
            ),
            exists().where(
                mine_trial,
                Sentence.proceeding_id == trial.id,
                Sentence.retracted_at.is_(None),
                Sentence.facility_id.isnot(None),
            ),
        ),
        "arbitrary": or_(
            exists().where(
                Allegation.victim_id == person,
                Allegation.retracted_at.is_(None),
                Allegation.act_type.in_(sorted(ARBITRARINESS)),
            ),
            exists().where(
                mine_trial,
                FairTrialAssessment.proceeding_id == trial.id,
                FairTrialAssessment.retracted_at.is_(None),
                FairTrialAssessment.finding.in_((Finding.VIOLATED, Finding.PARTLY)),
            ),
        ),
        "remedies": or_(
            exists().where(
                mine_trial,
                trial.instance.in_((ProceedingInstance.APPEAL, ProceedingInstance.CASSATION)),
            ),
            exists().where(
                other_link.c.person_id == person,
                other.id == other_link.c.submission_id,
                other.retracted_at.is_(None),
                other.submitted_on.isnot(None),
                other.recipient.in_(REMEDY_RECIPIENTS),
            ),
        ),
    }


@register(
    "WGAD-ELEMENTS-MISSING",
    Severity.WARNING,
    title="WGAD questionnaire elements missing",
    description="""A submission to the UN Working Group on Arbitrary Detention follows its
    model questionnaire; for each person it concerns the case must hold: identity (a name,
    and a birth date or an identity document), the arrest (its date, and its place or the
    arresting force), the places of detention (a transfer's destination or the facility of
    a sentence), why the detention is arbitrary (an allegation of arbitrary or
    incommunicado detention, disappearance or a fair-trial breach, or a fair-trial
    guarantee found violated or partly respected), and the domestic remedies tried (an
    appeal or cassation, or a complaint to a national authority or the ECtHR). The
    organisation is the submitter; consent is checked by its own rule.""",
    fix="Record the missing elements (with their sources) before sending, or explain in "
    "the submission's notes why they cannot be known.",
    message=_wgad_message,
)
def wgad_elements(scope: Scope) -> Any:
    candidates = _per_person(scope, Person.birth_date.label("birth_date")).where(
        Submission.recipient == Recipient.WGAD
    )
    return checklist(candidates, _wgad_columns)


@register(
    "SUBMISSION-FOLLOW-UP-DUE",
    Severity.NOTE,
    title="Submission past its follow-up date",
    description="""A submission's follow-up date has passed and it is not closed: the
    recipient's answer, or a reminder, is due.""",
    fix="Follow up with the recipient, record what came back, and set the next follow-up "
    "date (or close the submission).",
    message=lambda row: (
        f"submission {row['record_id']} to {row['recipient'].value} was due for follow-up "
        f"on {row['due']}"
    ),
    shared=True,
)
def follow_up_due(scope: Scope) -> Any:
    return select(
        literal("submission", String).label("entity"),
        Submission.id.label("record_id"),
        null().label("person_id"),
        Submission.recipient.label("recipient"),
        Submission.follow_up_on.label("due"),
    ).where(
        Submission.retracted_at.is_(None),
        Submission.status != SubmissionStatus.CLOSED,
        Submission.follow_up_on < _today(),
        submission_in_scope(scope),
    )
