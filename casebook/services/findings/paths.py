"""How the rules reach records: every kind of claim with the person it belongs to, the
sources and files a scope covers, and a few SQL helpers that read alike on SQLite and
PostgreSQL.

A rule about claims is one ``UNION ALL`` of a branch per kind of claim (allegation,
hearing...), each branch an index-driven join from that table; never a join against a
union of all claims, and never a query per row. For a few persons, the rules about claims
and citations instead read the persons' claims found once per run and bound
(``owned_claims``, ``Scope.claims``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    String,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import aliased

from casebook.models import (
    Allegation,
    Citation,
    ClaimAnchor,
    Consent,
    CustodyEvent,
    CustodyLogEntry,
    DeathRecord,
    DetentionEpisode,
    EvidenceFile,
    FairTrialAssessment,
    Hearing,
    MedicalEvaluation,
    Person,
    Proceeding,
    Sentence,
    Source,
    Submission,
    submission_person,
)
from casebook.services.findings.base import Scope
from casebook.vocab import CustodyAction, Finding

# Fair-trial findings that assert nothing about the world need no source.
ASSERTING_FINDINGS = (Finding.RESPECTED, Finding.PARTLY, Finding.VIOLATED)


@dataclass(frozen=True)
class ClaimPath:
    """One kind of claim-bearing record, the column of its person, and the parent record
    (episode or proceeding) it is reached through."""

    model: Any
    person: Any
    parent: Any = None
    parent_key: Any = None

    @property
    def entity(self) -> str:
        return str(self.model.__tablename__)

    def select(self, *columns: Any) -> Select[Any]:
        query = select(*columns).select_from(self.model)
        if self.parent is not None:
            query = query.join(self.parent, self.parent_key == self.parent.id)
        return query

    def head(self) -> tuple[Any, ...]:
        """The three columns every finding row starts with."""
        return (
            literal(self.entity, String).label("entity"),
            self.model.id.label("record_id"),
            self.person.label("person_id"),
        )

    def live(self, scope: Scope) -> ColumnElement[bool]:
        """Not retracted (nor its parent), in the scope's persons, and (for an output)
        visible to its audience together with its parent."""
        clauses = [self.model.retracted_at.is_(None), scope.persons(self.person)]
        confidentiality = [self.model.confidentiality]
        if self.parent is not None:
            clauses.append(self.parent.retracted_at.is_(None))
            confidentiality.append(self.parent.confidentiality)
        if scope.audience is not None:
            clauses.append(scope.visible(*confidentiality))
        if self.model is FairTrialAssessment:
            clauses.append(FairTrialAssessment.finding.in_(ASSERTING_FINDINGS))
        return and_(*clauses)


def _paths() -> tuple[ClaimPath, ...]:
    episode = aliased(DetentionEpisode, name="owner_episode")
    proceeding = aliased(Proceeding, name="owner_proceeding")

    def through_proceeding(model: Any) -> ClaimPath:
        return ClaimPath(model, proceeding.person_id, proceeding, model.proceeding_id)

    return (
        ClaimPath(DetentionEpisode, DetentionEpisode.person_id),
        ClaimPath(CustodyEvent, episode.person_id, episode, CustodyEvent.episode_id),
        ClaimPath(Proceeding, Proceeding.person_id),
        through_proceeding(Hearing),
        through_proceeding(FairTrialAssessment),
        through_proceeding(Sentence),
        ClaimPath(Allegation, Allegation.victim_id),
        ClaimPath(MedicalEvaluation, MedicalEvaluation.person_id),
        ClaimPath(DeathRecord, DeathRecord.person_id),
    )


CLAIM_PATHS = _paths()


def per_claim(build: Callable[[ClaimPath], Select[Any]]) -> CompoundSelect[Any]:
    """``UNION ALL`` of ``build(path)`` over every kind of claim."""
    return union_all(*(build(path) for path in CLAIM_PATHS))


def claim_findings(scope: Scope, condition: Callable[[Any], Any]) -> CompoundSelect[Any]:
    """Findings on claims whose claim id meets ``condition(claim_id_column)`` (a test on
    their citations). For some persons each branch starts from that kind of claim; for
    everything, the narrow ``claim`` table is tested first and only the claims found are
    matched to their records, instead of scanning every claim-bearing table."""
    if scope.by_person:
        return per_claim(
            lambda path: path.select(*path.head()).where(
                path.live(scope), condition(path.model.claim_id)
            )
        )
    hits = (
        select(ClaimAnchor.id.label("claim_id"), ClaimAnchor.kind.label("kind"))
        .where(condition(ClaimAnchor.id))
        .cte("claim_hits")
        .prefix_with("MATERIALIZED")
    )

    def from_hits(path: ClaimPath) -> Select[Any]:
        query = select(*path.head()).select_from(hits)
        query = query.join(path.model, path.model.claim_id == hits.c.claim_id)
        if path.parent is not None:
            query = query.join(path.parent, path.parent_key == path.parent.id)
        return query.where(hits.c.kind == path.model.CLAIM_KIND, path.live(scope))

    return per_claim(from_hits)


def owned_claims(scope: Scope) -> CompoundSelect[Any]:
    """The live, in-scope claims of a scope by person (visible ones, for an output), each
    with the record it belongs to and its person: what ``Scope.claims`` binds."""
    return per_claim(
        lambda path: path.select(*path.head(), path.model.claim_id.label("claim_id")).where(
            path.live(scope)
        )
    )


def bound_claim_findings(scope: Scope, condition: Callable[[Any], Any]) -> Any:
    """``claim_findings`` for a rule with ``bound_claims``: with the scope's claims bound,
    the bound claims meeting ``condition`` (as ``bound_claim``, which the runner completes
    with their record and person); otherwise ``claim_findings``."""
    if not scope.claims:
        return claim_findings(scope, condition)
    return select(ClaimAnchor.id.label("bound_claim")).where(
        scope.one_of(ClaimAnchor.id, "claim_ids"), condition(ClaimAnchor.id)
    )


def bound_citation_findings(scope: Scope, *where: Any, **columns: Any) -> Any:
    """``citation_findings`` for a rule with ``bound_claims``: with the scope's claims
    bound, the live (visible) citations of those claims meeting ``where``, one index read
    of the citations, each with its claim as ``bound_claim`` (the runner adds the claim's
    record and person); otherwise ``citation_findings``."""
    if not scope.claims:
        return citation_findings(scope, *where, **columns)
    return (
        select(
            literal("citation", String).label("entity"),
            Citation.id.label("record_id"),
            Citation.source_id.label("source_id"),
            Citation.claim_id.label("bound_claim"),
            *(column.label(name) for name, column in columns.items()),
        )
        .select_from(Citation)
        .outerjoin(Source, Source.id == Citation.source_id)
        .where(
            scope.one_of(Citation.claim_id, "claim_ids"),
            live_citation(scope.visible(Citation.confidentiality)),
            *where,
            scope.in_sources(Citation.source_id),
        )
    )


def live_citation(*extra: ColumnElement[bool]) -> ColumnElement[bool]:
    return and_(Citation.retracted_at.is_(None), *extra)


def cited(path: ClaimPath, scope: Scope, *columns: Any) -> Select[Any]:
    """Live citations of the live, in-scope claims of ``path`` (visible ones only, for an
    output), with the citation's source outer-joined as ``Source``."""
    query = path.select(*columns).join(Citation, Citation.claim_id == path.model.claim_id)
    query = query.outerjoin(Source, Source.id == Citation.source_id)
    return query.where(path.live(scope), live_citation(scope.visible(Citation.confidentiality)))


def citation_findings(scope: Scope, *where: Any, **columns: Any) -> CompoundSelect[Any]:
    """Findings on citations: live citations (visible ones, for an output) of live claims
    in the scope that meet ``where`` (over ``Citation`` and the outer-joined ``Source``),
    each with its claim (``owner``, ``owner_id``), source and person, plus ``columns``.

    Two plans, one result. For some persons, each branch starts from that kind of claim
    (through the person's index). For everything, the citations meeting ``where`` are
    found in one scan of the citation table first, and only those are matched to their
    claim; a branch per kind of claim would otherwise scan every citation nine times.
    """
    extra = [column.label(name) for name, column in columns.items()]
    where = (*where, scope.in_sources(Citation.source_id))
    if scope.by_person:

        def from_claims(path: ClaimPath) -> Select[Any]:
            head = _citation_head(path, Citation.id, Citation.source_id)
            return cited(path, scope, *head, *extra).where(*where)

        return union_all(*(from_claims(path) for path in CLAIM_PATHS))
    hits = (
        select(
            Citation.id.label("citation_id"),
            Citation.claim_id.label("claim_id"),
            Citation.source_id.label("source_id"),
            ClaimAnchor.kind.label("kind"),
            *extra,
        )
        .join(ClaimAnchor, ClaimAnchor.id == Citation.claim_id)
        .outerjoin(Source, Source.id == Citation.source_id)
        .where(live_citation(scope.visible(Citation.confidentiality)), *where)
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )

    def from_hits(path: ClaimPath) -> Select[Any]:
        head = _citation_head(path, hits.c.citation_id, hits.c.source_id)
        query = select(*head, *(hits.c[name] for name in columns)).select_from(hits)
        query = query.join(path.model, path.model.claim_id == hits.c.claim_id)
        if path.parent is not None:
            query = query.join(path.parent, path.parent_key == path.parent.id)
        return query.where(hits.c.kind == path.model.CLAIM_KIND, path.live(scope))

    return union_all(*(from_hits(path) for path in CLAIM_PATHS))


def _citation_head(path: ClaimPath, citation_id: Any, source_id: Any) -> tuple[Any, ...]:
    return (
        literal("citation", String).label("entity"),
        citation_id.label("record_id"),
        path.person.label("person_id"),
        literal(path.entity, String).label("owner"),
        path.model.id.label("owner_id"),
        source_id.label("source_id"),
    )


def checklist(candidates: Select[Any], elements: Callable[[Any], dict[str, Any]]) -> Select[Any]:
    """The rows of ``candidates`` missing one or more ``elements`` (a condition per name,
    built from the candidates' columns), each element as a true/false column.

    The candidates are found first and each element is tested once per candidate, so the
    tests run only where they matter, whatever order the database would choose."""
    base = candidates.cte("candidates").prefix_with("MATERIALIZED")
    tests = elements(base.c)
    checked = (
        select(*base.c, *(test.label(name) for name, test in tests.items()))
        .cte("checked")
        .prefix_with("MATERIALIZED")
    )
    return select(checked).where(~and_(*(checked.c[name] for name in tests)))


# --- sources, files and submissions of a scope -------------------------------------------


def scoped_source_ids(scope: Scope) -> Select[Any]:
    """Ids of the sources cited (live citation) for the scope's claims."""
    found = citation_findings(scope).subquery("cited_sources")
    return select(found.c.source_id).distinct()


def source_in_scope(scope: Scope, column: Any = None) -> ColumnElement[bool]:
    column = Source.id if column is None else column
    if scope.sources:
        return scope.in_sources(column)
    if not scope.limited:
        return true()
    if scope.cited:
        return scope.one_of(column, "cited_ids")
    return column.in_(scoped_source_ids(scope).scalar_subquery())  # type: ignore[no-any-return]


def file_in_scope(scope: Scope) -> ColumnElement[bool]:
    """Files of the scope's sources, the persons' photographs and their signed consents."""
    if scope.sources:
        return scope.in_sources(EvidenceFile.source_id)
    if not scope.limited:
        return true()
    photos = select(Person.photo_file_id).where(scope.persons(Person.id))
    forms = select(Consent.record_file_id).where(scope.persons(Consent.person_id))
    return or_(
        source_in_scope(scope, EvidenceFile.source_id),
        EvidenceFile.id.in_(photos.scalar_subquery()),
        EvidenceFile.id.in_(forms.scalar_subquery()),
    )


def submission_in_scope(scope: Scope) -> ColumnElement[bool]:
    if not scope.limited:
        return true()
    concerned = select(submission_person.c.submission_id).where(
        scope.persons(submission_person.c.person_id)
    )
    return Submission.id.in_(concerned.scalar_subquery())


def latest_verification(evidence_id: Any) -> Any:
    """The outcome of the newest VERIFIED entry of a file's custody log (None if never)."""
    return (
        select(CustodyLogEntry.outcome)
        .where(
            CustodyLogEntry.evidence_file_id == evidence_id,
            CustodyLogEntry.action == CustodyAction.VERIFIED,
        )
        .order_by(CustodyLogEntry.id.desc())
        .limit(1)
        .scalar_subquery()
    )


# --- SQL that reads alike on both databases ----------------------------------------------


def as_text(column: Any) -> Any:
    return cast(column, String)


def json_list_empty(column: Any) -> ColumnElement[bool]:
    """A JSON list column holds no item (or nothing at all)."""
    empty: ColumnElement[bool] = func.coalesce(as_text(column), "[]").in_(["[]", "null"])
    return empty


def json_list_has(column: Any, code: Any) -> ColumnElement[bool]:
    """A JSON list of vocabulary codes (upper-case letters, digits and _) holds ``code``.

    The codes never contain quotes, so the quoted code is found in the list's JSON text
    exactly when it is an item; this reads the same on SQLite and PostgreSQL."""
    quoted: ColumnElement[bool] = as_text(column).contains(
        literal('"') + as_text(code) + literal('"')
    )
    return quoted


def text_contains(dialect: str, haystack: Any, needle: Any) -> ColumnElement[bool]:
    """``needle`` (a column) occurs in ``haystack``, case-insensitively where the database
    can fold case (SQLite folds only ASCII), with no LIKE wildcards taken from the data."""
    low_hay, low_needle = func.lower(haystack), func.lower(needle)
    if dialect == "postgresql":
        return func.strpos(low_hay, low_needle) > 0
    return func.instr(low_hay, low_needle) > 0
