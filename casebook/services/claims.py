"""Citations: one claim, one source, a pinpoint, the quote, a stance and a credibility grade.

Also the questions every report and audit asks of claims: which record owns a claim, and
which claims have no citation (one anti-join, thanks to the real foreign keys).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Select, exists, select

from casebook.errors import DomainError, NotFound
from casebook.models import CLAIM_MODELS
from casebook.models.claims import Citation, ClaimAnchor
from casebook.models.common import Claim
from casebook.models.sources import Source
from casebook.services.context import Context
from casebook.services.records import Changes, create, rule
from casebook.vocab import IMAGE_TYPES, TIMED_TYPES, ClaimKind, PinpointKind

_MODEL_BY_KIND: dict[ClaimKind, type[Claim]] = {m.CLAIM_KIND: m for m in CLAIM_MODELS}

_RANGE = r"\s*[-–]\s*"
_PAGE = re.compile(rf"^(p{{1,2}}\.?\s*)?\d+({_RANGE}\d+)?(\s*,\s*\d+({_RANGE}\d+)?)*$", re.I)
_PARAGRAPH = re.compile(rf"^(§|¶|paras?\.?)?\s*\d+[a-z]?(\.\d+)*({_RANGE}\d+(\.\d+)*)?$", re.I)
_TIME = r"(\d{1,2}:)?\d{1,2}:\d{2}"
_TIMESTAMP = re.compile(rf"^{_TIME}({_RANGE}{_TIME})?$")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def claim_owner(ctx: Context, claim_id: int) -> Claim:
    """The record (allegation, hearing...) that owns claim ``claim_id``."""
    anchor = ctx.session.get(ClaimAnchor, claim_id)
    if anchor is None:
        raise NotFound("claim", claim_id)
    model = _MODEL_BY_KIND[anchor.kind]
    owner = ctx.session.scalar(select(model).where(model.claim_id == claim_id))
    if owner is None:
        raise NotFound(anchor.kind.label.lower(), claim_id)
    return owner


def uncited_claims() -> Select[int, ClaimKind]:
    """Claims with no live citation: one set-based query."""
    cited = exists().where(Citation.claim_id == ClaimAnchor.id, Citation.retracted_at.is_(None))
    return select(ClaimAnchor.id, ClaimAnchor.kind).where(~cited).order_by(ClaimAnchor.id)


def _seconds(stamp: str) -> int:
    total = 0
    for part in stamp.split(":"):
        total = total * 60 + int(part)
    return total


def pinpoint_problems(
    kind: PinpointKind | None, pinpoint: str | None, source: Source | None
) -> Iterator[DomainError]:
    """Does the pinpoint fit its kind, and the kind fit the source?"""
    if kind is None or not pinpoint:
        if kind is not None or pinpoint:
            yield DomainError("pinpoint", "give both the kind of pinpoint and its value")
        return
    stype = source.source_type if source is not None else None
    if kind is PinpointKind.TIMESTAMP:
        if stype is not None and stype not in TIMED_TYPES:
            yield DomainError("pinpoint_kind", f"a {stype.label.lower()} has no running time")
        if not _TIMESTAMP.match(pinpoint):
            yield DomainError("pinpoint", "write a time as mm:ss or hh:mm:ss (a range with -)")
        elif source is not None and source.extent_seconds:
            last = pinpoint.replace("–", "-").split("-")[-1].strip()
            if _seconds(last) > source.extent_seconds:
                yield DomainError("pinpoint", "is past the end of the recording")
    elif kind is PinpointKind.PAGE:
        if stype is not None and (stype in TIMED_TYPES or stype in IMAGE_TYPES):
            yield DomainError("pinpoint_kind", f"a {stype.label.lower()} has no pages")
        if not _PAGE.match(pinpoint):
            yield DomainError("pinpoint", "write pages as 12, 12-14 or 3, 7-9")
        elif source is not None and source.extent_pages:
            numbers = [int(n) for n in re.findall(r"\d+", pinpoint)]
            if numbers and max(numbers) > source.extent_pages:
                yield DomainError("pinpoint", f"the source has only {source.extent_pages} pages")
    elif kind is PinpointKind.PARAGRAPH:
        if stype is not None and (stype in TIMED_TYPES or stype in IMAGE_TYPES):
            yield DomainError("pinpoint_kind", f"a {stype.label.lower()} has no paragraphs")
        if not _PARAGRAPH.match(pinpoint):
            yield DomainError("pinpoint", "write paragraphs as 12, § 12, para. 12-14 or 4.2")


@rule(Citation)
def _citation_rules(ctx: Context, cit: Citation, changes: Changes | None) -> Iterator[DomainError]:
    source = ctx.session.get(Source, cit.source_id) if cit.source_id else None
    yield from pinpoint_problems(cit.pinpoint_kind, cit.pinpoint, source)
    if cit.credibility is not None and not 1 <= cit.credibility <= 6:
        yield DomainError("credibility", "grade credibility from 1 (confirmed) to 6 (cannot judge)")
    if cit.quote_translation and not cit.quote_original:
        yield DomainError("quote_original", "give the quote in its original language too")
    if cit.quote_original and not cit.quote_language:
        yield DomainError("quote_language", "say which language the quote is in")
    if cit.quote_language and not _LANGUAGE_TAG.match(cit.quote_language):
        yield DomainError("quote_language", "use a language tag such as hy, ru, az-Latn, en")
    if cit.claim_id is not None:
        try:
            owner = claim_owner(ctx, cit.claim_id)
        except NotFound:
            yield DomainError("claim_id", f"there is no claim {cit.claim_id}")
        else:
            if owner.retracted_at is not None:  # type: ignore[attr-defined]
                yield DomainError("claim_id", "the claim has been retracted")


def cite(
    ctx: Context, claim: Claim | int, source: Source | int, values: Mapping[str, Any]
) -> Citation:
    """Cite ``source`` for ``claim`` (a claim-bearing record or its claim id)."""
    claim_id = claim if isinstance(claim, int) else claim.claim_id
    source_id = source if isinstance(source, int) else source.id
    return create(ctx, Citation, {**values, "claim_id": claim_id, "source_id": source_id})


def citations_for(ctx: Context, claim: Claim) -> list[Citation]:
    return list(
        ctx.session.scalars(
            select(Citation)
            .where(Citation.claim_id == claim.claim_id, Citation.retracted_at.is_(None))
            .order_by(Citation.id)
        )
    )
