"""Rules about allegation status (domain guide, "Allegation status"): what CORROBORATED,
VERIFIED and DISPUTED need from the citations, single-source allegations, contested ones
not marked disputed, and statuses left unreviewed.

Origins: copies and re-reports of one report (``derived_from`` chains, followed to the
end) are one origin. A citation counts as independent of the interested parties when
neither its source nor that source's origin is the detaining state, the victim's home
state or the family (``INTERESTED_AFFILIATIONS``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.orm import aliased

from casebook.models import (
    Allegation,
    Citation,
    ClaimAnchor,
    EvidenceFile,
    MedicalEvaluation,
    Source,
)
from casebook.services.findings.base import Scope, Severity, register
from casebook.services.findings.paths import CLAIM_PATHS, latest_verification
from casebook.vocab import (
    INTERESTED_AFFILIATIONS,
    AllegationStatus,
    ClaimKind,
    EvidenceRole,
    IstanbulGrade,
    SourceAffiliation,
    SourceType,
    Stance,
    StateResponse,
    VerificationOutcome,
)

ALLEGATION = next(p for p in CLAIM_PATHS if p.model is Allegation)
STRONG_GRADES = (IstanbulGrade.HIGHLY_CONSISTENT, IstanbulGrade.TYPICAL, IstanbulGrade.DIAGNOSTIC)
# Credibility grades that make contrary evidence not credible (doubtful, improbable).
NOT_CREDIBLE = (4, 5)
MAX_CHAIN = 32
CHECKED_STATUSES = (
    AllegationStatus.CORROBORATED,
    AllegationStatus.VERIFIED,
    AllegationStatus.DISPUTED,
)


def _origins(scope: Scope) -> Any:
    """(source_id, root_id) for every source that derives from another (cited for the
    scope's allegations, when the scope is limited): the end of its ``derived_from``
    chain. A source that derives from nothing is its own origin and is not listed."""
    derived: ColumnElement[bool] = Source.derived_from_id.isnot(None)
    if scope.limited:
        cited = (
            select(Citation.source_id)
            .join(Allegation, Allegation.claim_id == Citation.claim_id)
            .where(ALLEGATION.live(scope), Citation.retracted_at.is_(None))
        )
        derived = and_(derived, Source.id.in_(cited.scalar_subquery()))
    start = (
        select(
            Source.id.label("source_id"),
            Source.derived_from_id.label("node_id"),
            literal(1, Integer).label("depth"),
        )
        .where(derived)
        .cte("chain", recursive=True)
    )
    parent = aliased(Source, name="chain_source")
    chain = start.union_all(
        select(start.c.source_id, parent.derived_from_id, start.c.depth + 1)
        .join(parent, parent.id == start.c.node_id)
        .where(parent.derived_from_id.isnot(None), start.c.depth < MAX_CHAIN)
    )
    end = aliased(Source, name="chain_end")
    return (
        select(chain.c.source_id, chain.c.node_id.label("root_id"))
        .join(end, end.id == chain.c.node_id)
        .where(end.derived_from_id.is_(None))
        .subquery("origin")
    )


def _interested(column: Any) -> Any:
    return column.in_(INTERESTED_AFFILIATIONS)


def _support(scope: Scope, *statuses: AllegationStatus) -> Any:
    """Per allegation claim (of the allegations with ``statuses``, or all), what its live
    supporting citations of live sources amount to: whether they come from a single
    origin (the least and greatest origin are one), whether one is independent of the
    interested parties, whether one is a court record. Allegations with no such citation
    have no row. Computed from the citations in one pass grouped by claim."""
    origin = _origins(scope)
    root = aliased(Source, name="root_source")
    independent = and_(
        ~_interested(Source.affiliation),
        or_(origin.c.root_id.is_(None), ~_interested(root.affiliation)),
    )
    court = Source.source_type == SourceType.COURT_DOCUMENT
    root_id = func.coalesce(origin.c.root_id, Source.id)
    query = (
        select(
            Citation.claim_id.label("claim_id"),
            case((func.min(root_id) == func.max(root_id), 1), else_=2).label("origins"),
            func.max(case((independent, 1), else_=0)).label("independent"),
            func.max(case((court, 1), else_=0)).label("court"),
        )
        .join(Source, Source.id == Citation.source_id)
        .outerjoin(origin, origin.c.source_id == Source.id)
        .outerjoin(root, root.id == origin.c.root_id)
        .where(
            Citation.retracted_at.is_(None),
            Citation.stance == Stance.SUPPORTS,
            Source.retracted_at.is_(None),
        )
    )
    if scope.limited or statuses:
        mine = select(Allegation.claim_id).where(
            scope.persons(Allegation.victim_id),
            Allegation.status.in_(statuses) if statuses else true(),
        )
        query = query.where(Citation.claim_id.in_(mine.scalar_subquery()))
    else:
        query = query.join(ClaimAnchor, ClaimAnchor.id == Citation.claim_id).where(
            ClaimAnchor.kind == ClaimKind.ALLEGATION
        )
    return query.group_by(Citation.claim_id).subquery("support")


def _with_support(scope: Scope, *columns: Any) -> Any:
    return ALLEGATION.select(*ALLEGATION.head(), *columns).where(ALLEGATION.live(scope))


def _primary_item() -> Any:
    """An authenticated primary item behind the allegation besides a court record: the
    state's admission, an Istanbul Protocol evaluation "highly consistent" or stronger, or
    a cited video or photograph whose original file's latest check matched its hash."""
    evaluation = exists().where(
        MedicalEvaluation.allegation_id == Allegation.id,
        MedicalEvaluation.retracted_at.is_(None),
        MedicalEvaluation.istanbul_grade.in_(STRONG_GRADES),
    )
    media = aliased(Source, name="media_source")
    footage = (
        exists()
        .where(
            Citation.claim_id == Allegation.claim_id,
            Citation.retracted_at.is_(None),
            Citation.stance == Stance.SUPPORTS,
            media.id == Citation.source_id,
            media.retracted_at.is_(None),
            media.source_type.in_((SourceType.VIDEO, SourceType.PHOTO)),
            EvidenceFile.source_id == media.id,
            EvidenceFile.retracted_at.is_(None),
            EvidenceFile.role == EvidenceRole.ORIGINAL,
            latest_verification(EvidenceFile.id) == VerificationOutcome.MATCH,
        )
        .correlate(Allegation)
    )
    return or_(Allegation.state_response == StateResponse.ACKNOWLEDGED, evaluation, footage)


def _credible_contrary() -> Any:
    """A live contradicting citation of a live source that is not the detaining state
    (a bare state denial is the state response, not contrary evidence), not graded
    doubtful or improbable."""
    source = aliased(Source, name="contrary_source")
    return (
        exists()
        .where(
            Citation.claim_id == Allegation.claim_id,
            Citation.retracted_at.is_(None),
            Citation.stance == Stance.CONTRADICTS,
            or_(Citation.credibility.is_(None), Citation.credibility.notin_(NOT_CREDIBLE)),
            source.id == Citation.source_id,
            source.retracted_at.is_(None),
            source.affiliation != SourceAffiliation.DETAINING_STATE,
        )
        .correlate(Allegation)
    )


def _status_message(row: Any) -> str:
    status = row["status"]
    if status is AllegationStatus.DISPUTED:
        return (
            f"allegation {row['record_id']} is marked disputed but no credible contrary "
            "evidence is cited (a state denial alone does not dispute it)"
        )
    needs = []
    if row["origins"] < 2:
        rests = "a single origin" if row["origins"] else "no supporting source"
        needs.append(f"rests on {rests}, needs 2 of distinct origin")
    if not row["independent"]:
        needs.append("every source is an interested party")
    if status is AllegationStatus.VERIFIED and not (row["court"] or row["primary"]):
        needs.append(
            "no authenticated primary item (verified video or photo, Istanbul grade "
            "highly consistent or above, court record, admission by the state)"
        )
    return f"allegation {row['record_id']} is marked {status.label.lower()} but " + "; ".join(needs)


@register(
    "ALLEGATION-STATUS-UNSUPPORTED",
    Severity.ERROR,
    title="Allegation status its citations do not support",
    description="""CORROBORATED needs supporting citations of at least two sources of
    distinct origin (a derived_from chain is one origin), at least one of them independent
    of the interested parties (neither it nor its origin is the detaining state, the home
    state or the family). VERIFIED needs that and an authenticated primary item: a cited
    court record, the state's admission (state response ACKNOWLEDGED), an Istanbul
    Protocol evaluation "highly consistent" or stronger, or a cited video or photograph
    whose original file was verified against its hash at its latest check. DISPUTED needs
    credible contrary evidence: a contradicting citation of a source other than the
    detaining state, not graded doubtful or improbable.""",
    fix="Cite the missing sources or item, or move the allegation back to the status its "
    "citations support.",
    message=_status_message,
)
def status_unsupported(scope: Scope) -> Any:
    support = _support(scope, *CHECKED_STATUSES)
    origins = func.coalesce(support.c.origins, 0)
    independent = func.coalesce(support.c.independent, 0)
    court = func.coalesce(support.c.court, 0)
    primary = _primary_item()
    weak = or_(origins < 2, independent == 0)
    unverified = and_(Allegation.status == AllegationStatus.VERIFIED, court == 0, ~primary)
    corroborated = Allegation.status.in_((AllegationStatus.CORROBORATED, AllegationStatus.VERIFIED))
    return (
        _with_support(
            scope,
            Allegation.status.label("status"),
            origins.label("origins"),
            independent.label("independent"),
            court.label("court"),
            case((primary, 1), else_=0).label("primary"),
        )
        .outerjoin(support, support.c.claim_id == Allegation.claim_id)
        .where(
            Allegation.status.in_(CHECKED_STATUSES),
            or_(
                and_(corroborated, or_(weak, unverified)),
                and_(Allegation.status == AllegationStatus.DISPUTED, ~_credible_contrary()),
            ),
        )
    )


@register(
    "ALLEGATION-SINGLE-SOURCE",
    Severity.WARNING,
    title="Allegation resting on a single source",
    description="""An allegation whose supporting citations all come from one origin
    (one source, or copies of one report) is uncorroborated, whatever its status says.
    Allegations with no supporting citation at all are reported as uncited claims.""",
    fix="Look for a second, independent source (a witness, a medical report, footage, an "
    "international body's record) and cite it.",
    message="allegation {record_id} rests on a single origin",
)
def single_source(scope: Scope) -> Any:
    support = _support(scope)
    return (
        _with_support(scope)
        .join(support, support.c.claim_id == Allegation.claim_id)
        .where(support.c.origins == 1)
    )


@register(
    "ALLEGATION-CONTESTED",
    Severity.WARNING,
    title="Supported and contradicted, not marked disputed",
    description="""An allegation with supporting citations and credible contradicting
    evidence (a contradicting citation of a source other than the detaining state, not
    graded doubtful or improbable) should be marked DISPUTED until the conflict is
    resolved. A bare denial by the detaining state is recorded as its response and does
    not make an allegation disputed. Other kinds of claim have no disputed status; their
    contradicting citations are shown beside the supporting ones.""",
    fix="Mark the allegation disputed, or grade the contradicting citation and explain in "
    "its note why it does not outweigh the others.",
    message="allegation {record_id} is contradicted by credible evidence but marked {status.label}",
)
def contested(scope: Scope) -> Any:
    supported = exists().where(
        Citation.claim_id == Allegation.claim_id,
        Citation.retracted_at.is_(None),
        Citation.stance == Stance.SUPPORTS,
    )
    return ALLEGATION.select(*ALLEGATION.head(), Allegation.status.label("status")).where(
        ALLEGATION.live(scope),
        Allegation.status != AllegationStatus.DISPUTED,
        supported,
        _credible_contrary(),
    )


@register(
    "ALLEGATION-STATUS-STALE",
    Severity.WARNING,
    title="Provisional allegation status not reviewed for 90 days",
    description="""An allegation still ALLEGED or DISPUTED is provisional: a reviewer
    should look at it again within 90 days (new sources, corroboration, a state
    response). The last change to the record counts as its last review.""",
    fix="Review the allegation: cite new sources, move its status, or save it unchanged "
    "after review with a note.",
    message=lambda row: (
        f"allegation {row['record_id']} has been {row['status'].label.lower()} since "
        f"{row['changed']:%Y-%m-%d} without review"
    ),
)
def allegation_stale(scope: Scope) -> Any:
    from sqlalchemy import bindparam

    from casebook.db import UTCDateTime

    return ALLEGATION.select(
        *ALLEGATION.head(),
        Allegation.status.label("status"),
        Allegation.updated_at.label("changed"),
    ).where(
        ALLEGATION.live(scope),
        Allegation.status.in_((AllegationStatus.ALLEGED, AllegationStatus.DISPUTED)),
        Allegation.updated_at < bindparam("stale_since", type_=UTCDateTime()),
    )
