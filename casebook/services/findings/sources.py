"""Rules about sources: graded once on the Admiralty scale, and web sources preserved as
the Berkeley Protocol asks (retrieval time, a stored and hashed copy; an archive link alone
is not preservation)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, exists, literal, null, or_, select

from casebook.models import EvidenceFile, Source
from casebook.services.findings.base import Row, Scope, Severity, register
from casebook.services.findings.paths import json_list_empty, source_in_scope


def _head() -> tuple[Any, ...]:
    return (
        literal("source", String).label("entity"),
        Source.id.label("record_id"),
        null().label("person_id"),
    )


@register(
    "SOURCE-UNGRADED",
    Severity.WARNING,
    title="Source without a reliability grade",
    description="""Every source is graded once on the Admiralty reliability scale (A
    completely reliable ... E unreliable, F cannot be judged), with the reason, so readers
    can weigh what rests on it. "F" is a grade; no grade at all is not.""",
    fix="A reviewer grades the source (A-F) and gives the reason.",
    message="source S-{record_id} ({type.label}) has no reliability grade",
    source_scope=True,
    shared=True,
)
def source_ungraded(scope: Scope) -> Any:
    return select(*_head(), Source.source_type.label("type")).where(
        Source.retracted_at.is_(None), Source.reliability.is_(None), source_in_scope(scope)
    )


def _web_message(row: Row) -> str:
    gaps = []
    if row["retrieved_at"] is None:
        gaps.append("no retrieval date")
    if row["no_archive"]:
        gaps.append("no archive capture")
    if not row["stored"]:
        gaps.append(
            "no stored, hashed copy (an archive link alone is not preservation)"
            if not row["no_archive"]
            else "no stored, hashed copy"
        )
    return f"web source S-{row['record_id']} has " + ", ".join(gaps)


@register(
    "SOURCE-WEB-UNPRESERVED",
    Severity.WARNING,
    title="Web source not preserved",
    description="""A source found on the web must record when it was retrieved and be
    preserved: a stored copy (page source, screenshot or the file itself) hashed with
    SHA-256 in the evidence store. An archive link alone is not preservation, but is
    reported as missing too when there is none.""",
    fix="Capture the page (page source and a timestamped screenshot), upload them to the "
    "source so they are hashed, record the retrieval time and an archive link.",
    message=_web_message,
    source_scope=True,
    shared=True,
)
def web_unpreserved(scope: Scope) -> Any:
    stored = exists().where(
        EvidenceFile.source_id == Source.id, EvidenceFile.retracted_at.is_(None)
    )
    return select(
        *_head(),
        Source.retrieved_at.label("retrieved_at"),
        json_list_empty(Source.archive_urls).label("no_archive"),
        stored.label("stored"),
    ).where(
        Source.retracted_at.is_(None),
        Source.url.isnot(None),
        Source.url != "",
        or_(Source.retrieved_at.is_(None), ~stored),
        source_in_scope(scope),
    )
