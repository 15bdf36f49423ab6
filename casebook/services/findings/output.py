"""Rules for an output (a dossier, a report) made for one audience: what it would include
must be visible to that audience, covered by consent, and free of informant identities.

They use ``casebook.services.disclosure``, the policy the dossier snapshot applies, so the
gate and the document agree on what is shown, coded or withheld.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, String, and_, exists, func, literal, null, or_, select, union_all
from sqlalchemy.orm import Session

from casebook.models import Allegation, Citation, Consent, Informant, Person, Source
from casebook.services import disclosure
from casebook.services.dto import Disclosure
from casebook.services.findings.base import (
    Params,
    Row,
    Scope,
    Severity,
    record_label,
    register,
    register_collector,
)
from casebook.services.findings.paths import (
    CLAIM_PATHS,
    ClaimPath,
    citation_findings,
    per_claim,
    source_in_scope,
    text_contains,
)
from casebook.vocab import (
    DETAINEE_CATEGORIES,
    TESTIMONY_TYPES,
    AllegationStatus,
    Audience,
)

# An informant's name shorter than this is not looked for in text (too many false hits).
MIN_NAME = 3


def subjects(scope: Scope) -> Any:
    """The persons an output is about: those named (limited scope), or every live
    detainee, missing or deceased person (an audit of everything for an audience)."""
    if scope.limited:
        return and_(Person.retracted_at.is_(None), scope.persons(Person.id))
    return and_(Person.retracted_at.is_(None), Person.category.in_(DETAINEE_CATEGORIES))


def _audience(scope: Scope) -> Any:
    assert scope.audience is not None
    return literal(scope.audience.value, String).label("audience")


@register(
    "OUTPUT-PERSON-ABOVE-PROFILE",
    Severity.ERROR,
    title="Person above the output's profile",
    description="""An output about a person whose record is classified above the
    audience's ceiling (PUBLIC sees PUBLIC; PARTNER up to PARTNER; CONFIDENTIAL up to
    CONFIDENTIAL; INTERNAL everything) would disclose a case the organisation has not
    cleared for that audience.""",
    fix="Lower the person's confidentiality if the case may go to this audience (and "
    "consent allows it), or make the output for a higher profile.",
    message=lambda row: (
        f"person P-{row['record_id']} is {str(row['level']).lower()}; "
        f"a {str(row['audience']).lower()} output may not be about them"
    ),
    output=True,
)
def person_above_profile(scope: Scope) -> Any:
    return select(
        literal("person", String).label("entity"),
        Person.id.label("record_id"),
        Person.id.label("person_id"),
        Person.confidentiality.label("level"),
        _audience(scope),
    ).where(subjects(scope), ~scope.visible(Person.confidentiality))


def _consents(session: Session, scope: Scope, params: Params) -> tuple[list[int], Any]:
    persons = select(Person.id).where(subjects(scope))
    bound = params.bind(scope)
    ids = list(session.scalars(persons, bound))
    by_person: dict[int, list[Consent]] = defaultdict(list)
    query = select(Consent).where(Consent.person_id.in_(persons.scalar_subquery()))
    for consent in session.scalars(query, bound):
        by_person[consent.person_id].append(consent)
    return ids, by_person


def _coded(session: Session, scope: Scope, params: Params) -> Iterator[Row]:
    assert scope.audience is not None
    if scope.audience is Audience.INTERNAL:
        return
    need = disclosure.consent_need(scope.audience, scope.recipient)
    scopes = ", ".join(sorted(s.value for s in need.full | need.initials))
    ids, consents = _consents(session, scope, params)
    for person_id in ids:
        shown = disclosure.person_disclosure(
            consents.get(person_id, ()), scope.audience, scope.recipient, params.today
        )
        if shown is Disclosure.CODE:
            yield {
                "entity": "person",
                "record_id": person_id,
                "person_id": person_id,
                "audience": scope.audience.value,
                "recipient": scope.recipient.value if scope.recipient else None,
                "scopes": scopes,
            }


def _no_consent_message(row: Row) -> str:
    use = str(row["audience"]).lower()
    if row["recipient"]:
        use += f" output for {row['recipient']}"
    else:
        use += " output"
    return (
        f"person P-{row['record_id']} has no consent valid today that covers a {use} "
        f"(scope {row['scopes']})"
    )


@register_collector(
    "OUTPUT-PERSON-NO-CONSENT",
    Severity.ERROR,
    title="Dossier about a person without consent for the use",
    description="""A dossier (an output about one person) for anyone outside the
    organisation needs the person's consent for that use, valid on the day: in full
    (NAMED_PUBLIC, or for a CONFIDENTIAL output the scope its recipient needs, e.g.
    CONFIDENTIAL_UN for the WGAD) or by initials (INITIALS_ONLY), allowing the recipient
    where the consent lists recipients. Without one the dossier would name the person by a
    code only, but a case file is identifying whatever name it shows, so sending it
    without consent is an error. Decided with the same policy as the dossier itself.""",
    fix="Record the consent the person (or their proxy) gave for this use, or do not send "
    "the dossier.",
    message=_no_consent_message,
    output=True,
    dossier_only=True,
)
def person_no_consent(session: Session, scope: Scope, params: Params) -> Iterable[Row]:
    return _coded(session, scope, params)


@register_collector(
    "OUTPUT-PERSON-CODED",
    Severity.NOTE,
    title="Person shown by a code only in a report",
    description="""In a report over several persons, a person whose consent does not cover
    the use appears by a code only (never by name or initials). That is safe, but the
    reader cannot tell who the case is.""",
    fix="If the person agrees, record their consent for this use.",
    message=lambda row: _no_consent_message(row) + "; the report names them by a code only",
    output=True,
    report_only=True,
)
def person_coded(session: Session, scope: Scope, params: Params) -> Iterable[Row]:
    return _coded(session, scope, params)


def _visible_citation(scope: Scope, claim_id: Any) -> Any:
    return exists().where(
        Citation.claim_id == claim_id,
        Citation.retracted_at.is_(None),
        scope.visible(Citation.confidentiality),
        Source.id == Citation.source_id,
        Source.retracted_at.is_(None),
        scope.visible(Source.confidentiality),
    )


@register(
    "OUTPUT-CLAIM-NO-VISIBLE-SOURCE",
    Severity.ERROR,
    title="Claim in an output with no visible source",
    description="""A claim the output shows must rest on at least one source the
    audience can see. When every citation of the claim, or every cited source, is above
    the audience's profile (or retracted), the claim would appear supported only by coded
    references such as "S-17, relative's testimony, on file".""",
    fix="Cite a source the audience may see, lower the confidentiality of a cited source if "
    "it may be shown, or leave the claim out by raising its confidentiality.",
    message=lambda row: (
        f"{row['entity'].replace('_', ' ')} {row['record_id']} would appear in a "
        f"{str(row['audience']).lower()} output with no source the audience may see"
    ),
    output=True,
)
def claim_no_visible_source(scope: Scope) -> Any:
    def branch(path: ClaimPath) -> Select[Any]:
        model = path.model
        some = exists().where(Citation.claim_id == model.claim_id, Citation.retracted_at.is_(None))
        return path.select(*path.head(), _audience(scope)).where(
            path.live(scope), some, ~_visible_citation(scope, model.claim_id)
        )

    return per_claim(branch)


@register(
    "OUTPUT-SOURCE-CODED",
    Severity.NOTE,
    title="Source shown only as a coded reference",
    description="""A source above the audience's profile that a claim in the output cites
    appears only as a coded reference ("S-17, relative's testimony, on file"): its title,
    author, date and link are withheld.""",
    fix="Nothing, if the source must stay withheld; otherwise lower its confidentiality.",
    message=lambda row: (
        f"source S-{row['record_id']} is {str(row['level']).lower()}: a "
        f"{str(row['audience']).lower()} output cites it only as a coded reference"
    ),
    output=True,
    shared=True,
)
def source_coded(scope: Scope) -> Any:
    withheld = citation_findings(
        scope, Source.retracted_at.is_(None), ~scope.visible(Source.confidentiality)
    ).subquery("withheld")
    return select(
        literal("source", String).label("entity"),
        Source.id.label("record_id"),
        null().label("person_id"),
        Source.confidentiality.label("level"),
        _audience(scope),
    ).where(Source.id.in_(select(withheld.c.source_id)))


def _informant_in(scope: Scope, *fields: Any) -> Any:
    return or_(*(text_contains(scope.dialect, field, Informant.name) for field in fields))


@register(
    "OUTPUT-INFORMANT-IDENTITY",
    Severity.ERROR,
    title="Informant identity in an output",
    description=f"""Informant identities never leave the organisation, whatever the
    audience. The informant record keeps them apart, but the same name typed into what the
    output shows would disclose them: the title, publisher, summary or (where the audience
    sees testimony authors: INTERNAL only) author of a source shown in the output, or a
    quote or its translation in a citation shown. Names of at least {MIN_NAME} characters
    are compared case-insensitively (for non-Latin scripts only exactly on SQLite). Other
    free text of the case is not searched.""",
    fix="Remove the informant's name from that text (the informant record keeps it) or use "
    "a code for them.",
    message=lambda row: (
        f"the name of the informant of source S-{row['source_id']} appears in "
        f"{record_label(row['entity'], row['record_id'])}, which a "
        f"{str(row['audience']).lower()} output shows"
    ),
    output=True,
)
def informant_identity(scope: Scope) -> Any:
    assert scope.audience is not None
    live = and_(
        Informant.retracted_at.is_(None),
        Informant.source_id == Source.id,
        Source.retracted_at.is_(None),
        scope.visible(Source.confidentiality),
    )
    shown = [Source.title, Source.publisher, Source.summary]
    author = _informant_in(scope, Source.author)
    if not disclosure.shows_witness_identity(scope.audience):
        author = and_(author, Source.source_type.notin_(TESTIMONY_TYPES))
    in_sources = select(
        literal("source", String).label("entity"),
        Source.id.label("record_id"),
        null().label("person_id"),
        Source.id.label("source_id"),
        _audience(scope),
    ).where(
        live,
        func.length(Informant.name) >= MIN_NAME,
        source_in_scope(scope),
        or_(_informant_in(scope, *shown), author),
    )

    quoted = exists().where(
        Informant.source_id == Citation.source_id,
        Informant.retracted_at.is_(None),
        func.length(Informant.name) >= MIN_NAME,
        _informant_in(scope, Citation.quote_original, Citation.quote_translation),
    )
    in_citations = citation_findings(
        scope, Source.retracted_at.is_(None), scope.visible(Source.confidentiality), quoted
    ).subquery("quoted")
    return union_all(
        in_sources,
        select(
            in_citations.c.entity,
            in_citations.c.record_id,
            in_citations.c.person_id,
            in_citations.c.source_id,
            _audience(scope),
        ),
    )


@register(
    "FIGURES-COUNT-ALLEGED",
    Severity.NOTE,
    title="Figures that count ALLEGED items",
    description="""A report's figures that count allegations still only ALLEGED (one
    source, not corroborated) must say so ("allegations, ALLEGED to VERIFIED: 312"), or
    the reader takes them for established facts. Noted once per person whose allegations
    in the report include ALLEGED ones.""",
    fix="Make every figure state which statuses it counts, or corroborate the allegations.",
    message=lambda row: (
        f"person P-{row['record_id']} has {row['alleged']} allegation(s) still only ALLEGED "
        "that a report's figures would count"
    ),
    output=True,
    report_only=True,
)
def figures_count_alleged(scope: Scope) -> Any:
    path = next(p for p in CLAIM_PATHS if p.model is Allegation)
    return (
        select(
            literal("person", String).label("entity"),
            Allegation.victim_id.label("record_id"),
            Allegation.victim_id.label("person_id"),
            func.count().label("alleged"),
        )
        .where(path.live(scope), Allegation.status == AllegationStatus.ALLEGED)
        .group_by(Allegation.victim_id)
    )
