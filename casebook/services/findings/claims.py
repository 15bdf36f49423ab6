"""Rules about claims and their citations: every claim cited, every citation to a live
source, graded, pinpointed on long sources, and quoted with a translation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import aliased

from casebook.models import Citation, Source
from casebook.services.findings.base import Scope, Severity, record_label, register
from casebook.services.findings.paths import (
    bound_citation_findings,
    bound_claim_findings,
    claim_findings,
)

# A source longer than this needs a pinpoint (page, paragraph, section or timestamp).
LONG_PAGES = 5
LONG_SECONDS = 120


def _owner_label(row: Any) -> str:
    return record_label(str(row["owner"]), int(row["owner_id"]))


@register(
    "CLAIM-UNCITED",
    Severity.ERROR,
    title="Claim with no citation",
    description="""Every record that asserts a fact (detention episode, custody event,
    proceeding, hearing, fair-trial finding, sentence, allegation, medical evaluation,
    death record) must cite at least one source. Retracted citations do not count. A
    fair-trial finding of "no information" or "not applicable" asserts nothing and needs
    no source.""",
    fix="Cite the source the fact comes from, or retract the record if nothing supports it.",
    message="{record} asserts a fact but cites no source",
    bound_claims=True,
)
def claim_uncited(scope: Scope) -> Any:
    if scope.by_person:

        def uncited(claim_id: Any) -> Any:
            return ~exists().where(Citation.claim_id == claim_id, Citation.retracted_at.is_(None))

        return bound_claim_findings(scope, uncited)
    # Over everything: "no citation at all" reads only the citation index; the few claims
    # whose citations are all retracted are found from the retracted citations.
    live = aliased(Citation, name="live_citation")
    only_retracted = (
        select(Citation.claim_id)
        .where(
            Citation.retracted_at.isnot(None),
            ~exists().where(live.claim_id == Citation.claim_id, live.retracted_at.is_(None)),
        )
        .cte("only_retracted")
    )

    def never_or_retracted(claim_id: Any) -> Any:
        never = ~exists().where(Citation.claim_id == claim_id)
        return or_(never, claim_id.in_(select(only_retracted.c.claim_id)))

    return claim_findings(scope, never_or_retracted)


@register(
    "CITATION-SOURCE-RETRACTED",
    Severity.ERROR,
    title="Citation to a missing or retracted source",
    description="""A live citation whose source has been retracted (or no longer exists)
    supports nothing: the claim looks sourced but is not.""",
    fix="Cite another source for the claim and retract this citation, or restore the source "
    "if it was retracted by mistake.",
    message=lambda row: (
        f"citation {row['record_id']} (for {_owner_label(row)}) cites source "
        f"S-{row['source_id']}, which {'does not exist' if row['missing'] else 'is retracted'}"
    ),
    source_scope=True,
    bound_claims=True,
)
def citation_source_retracted(scope: Scope) -> Any:
    missing = Source.id.is_(None)
    return bound_citation_findings(
        scope, or_(missing, Source.retracted_at.isnot(None)), missing=missing
    )


@register(
    "CITATION-UNGRADED",
    Severity.WARNING,
    title="Citation without a credibility grade",
    description="""Each citation is graded separately on the Admiralty information
    credibility scale (1 confirmed ... 6 cannot be judged). An ungraded citation leaves the
    reader unable to weigh the claim; "6, cannot be judged" is a grade.""",
    fix="Grade the citation's credibility from 1 to 6.",
    message=lambda row: (
        f"citation {row['record_id']} (for {_owner_label(row)}, source S-{row['source_id']}) "
        "has no credibility grade"
    ),
    source_scope=True,
    bound_claims=True,
)
def citation_ungraded(scope: Scope) -> Any:
    return bound_citation_findings(scope, Citation.credibility.is_(None))


@register(
    "CITATION-NO-PINPOINT",
    Severity.WARNING,
    title="No pinpoint on a long source",
    description=f"""A citation of a source longer than {LONG_PAGES} pages or
    {LONG_SECONDS} seconds of recording must say where in it the fact is (page,
    paragraph, section or timestamp), so a reader can check it without rereading the whole
    source. Sources whose length is not recorded are not judged.""",
    fix="Add the page, paragraph, section or timestamp the claim rests on.",
    message=lambda row: (
        f"citation {row['record_id']} (for {_owner_label(row)}) cites source "
        f"S-{row['source_id']} ({_extent(row)}) without a pinpoint"
    ),
    source_scope=True,
    bound_claims=True,
)
def citation_no_pinpoint(scope: Scope) -> Any:
    return bound_citation_findings(
        scope,
        Citation.pinpoint.is_(None),
        or_(Source.extent_pages > LONG_PAGES, Source.extent_seconds > LONG_SECONDS),
        pages=Source.extent_pages,
        seconds=Source.extent_seconds,
    )


def _extent(row: Any) -> str:
    if row["pages"]:
        return f"{row['pages']} pages"
    minutes, seconds = divmod(int(row["seconds"] or 0), 60)
    return f"{minutes}:{seconds:02d} of recording"


def is_english(column: Any) -> Any:
    return or_(column == "en", column.like("en-%"))


@register(
    "CITATION-UNTRANSLATED",
    Severity.WARNING,
    title="Quote in another language without a translation",
    description="""A quote kept in its original language (Armenian, Russian,
    Azerbaijani...) needs an English translation beside it so every reader of a dossier can
    follow it. A quote whose language is not recorded is treated as not English.""",
    fix="Add the English translation of the quote (and its language tag if missing).",
    message=lambda row: (
        f"citation {row['record_id']} (for {_owner_label(row)}) quotes the source in "
        f"{row['language'] or 'an unrecorded language'} with no translation"
    ),
    source_scope=True,
    bound_claims=True,
)
def citation_untranslated(scope: Scope) -> Any:
    language = Citation.quote_language
    return bound_citation_findings(
        scope,
        Citation.quote_original.isnot(None),
        Citation.quote_original != "",
        or_(Citation.quote_translation.is_(None), Citation.quote_translation == ""),
        or_(language.is_(None), and_(~is_english(language))),
        language=language,
    )
