"""Sources, grading, informants, evidence files and their chain of custody."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from casebook.errors import DomainError
from casebook.models.sources import CustodyLogEntry, EvidenceFile, Informant, Source
from casebook.services.audit import record_event, row_values
from casebook.services.context import Context
from casebook.services.records import Changes, atomic, clean_text, create, rule, update
from casebook.storage import EvidenceStore
from casebook.vocab import (
    AuditAction,
    Confidentiality,
    CustodyAction,
    EvidenceRole,
    Reliability,
    Role,
    VerificationOutcome,
)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# What casebook accepts as evidence: documents, images, audio, video, web captures.
ALLOWED_MEDIA_PREFIXES = ("image/", "video/", "audio/", "text/")
ALLOWED_MEDIA_TYPES = frozenset(
    {
        "application/pdf",
        "application/json",
        "application/xml",
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword",
        "application/vnd.oasis.opendocument.text",
        "application/warc",
        "message/rfc822",
    }
)


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@rule(Source)
def _source_rules(ctx: Context, src: Source, changes: Changes | None) -> Iterator[DomainError]:
    if src.url is not None and not is_web_url(src.url):
        yield DomainError("url", "must be a web address starting with http:// or https://")
    for url in src.archive_urls or []:
        if not is_web_url(url):
            yield DomainError("archive_urls", f"{url!r} is not a web address")
    if src.language is not None and not _LANGUAGE_TAG.match(src.language):
        yield DomainError("language", "use a language tag such as hy, ru, az-Latn, en")
    for field in ("extent_pages", "extent_seconds"):
        value = getattr(src, field)
        if value is not None and value <= 0:
            yield DomainError(field, "must be positive")
    grading = changes is None and src.reliability is not None
    grading = grading or bool(changes and {"reliability", "reliability_rationale"} & set(changes))
    if grading and not ctx.user.role.allows(Role.REVIEWER):
        yield DomainError("reliability", "only a reviewer may grade a source")
    if src.reliability is not None and not src.reliability_rationale:
        yield DomainError("reliability_rationale", "give the reason for the grade")
    if src.derived_from_id is not None:
        seen = {src.id} if src.id is not None else set()
        origin_id: int | None = src.derived_from_id
        while origin_id is not None:
            if origin_id in seen:
                yield DomainError(
                    "derived_from_id", "sources cannot derive from each other in a loop"
                )
                break
            seen.add(origin_id)
            origin = ctx.session.get(Source, origin_id)
            origin_id = origin.derived_from_id if origin else None


@rule(EvidenceFile)
def _file_rules(ctx: Context, ev: EvidenceFile, changes: Changes | None) -> Iterator[DomainError]:
    if ev.sha256 is not None and not _SHA256.match(ev.sha256):
        yield DomainError("sha256", "must be 64 lower-case hexadecimal characters")
    if ev.media_type is not None and not media_type_allowed(ev.media_type):
        yield DomainError("media_type", f"files of type {ev.media_type} are not accepted")
    if changes and "sha256" in changes:
        yield DomainError("sha256", "the hash of a stored file never changes; add a new file")


def media_type_allowed(media_type: str) -> bool:
    media_type = media_type.lower()
    if not _MEDIA_TYPE.match(media_type):
        return False
    return media_type in ALLOWED_MEDIA_TYPES or media_type.startswith(ALLOWED_MEDIA_PREFIXES)


def create_source(ctx: Context, values: Mapping[str, Any]) -> Source:
    return create(ctx, Source, values)


def grade_source(
    ctx: Context,
    source: Source,
    reliability: Reliability | str,
    rationale: str,
    expected_version: int | None,
) -> Source:
    """Grade a source once, on the Admiralty reliability scale, with the reason (reviewers)."""
    return update(
        ctx,
        source,
        expected_version,
        {"reliability": reliability, "reliability_rationale": rationale},
        role=Role.REVIEWER,
    )


def set_informant(ctx: Context, source: Source, values: Mapping[str, Any]) -> Informant:
    """Record who gave us the source: always RESTRICTED, whatever the caller asks."""
    return create(
        ctx,
        Informant,
        {**values, "source_id": source.id, "confidentiality": Confidentiality.RESTRICTED},
    )


def log_custody(
    ctx: Context,
    evidence: EvidenceFile,
    action: CustodyAction,
    *,
    custodian: str | None = None,
    note: str | None = None,
    observed_sha256: str | None = None,
    outcome: VerificationOutcome | None = None,
) -> CustodyLogEntry:
    entry = CustodyLogEntry(
        evidence_file_id=evidence.id,
        action=action,
        occurred_at=ctx.now(),
        user_id=ctx.user.id,
        custodian=clean_text(custodian) if custodian else None,
        observed_sha256=observed_sha256,
        outcome=outcome,
        note=clean_text(note) if note else None,
    )
    ctx.session.add(entry)
    ctx.session.flush()
    record_event(
        ctx,
        AuditAction.INSERT,
        CustodyLogEntry.__tablename__,
        entry.id,
        {k: v for k, v in row_values(entry).items() if k not in ("id", "occurred_at", "user_id")},
    )
    return entry


def add_evidence_file(
    ctx: Context,
    source: Source,
    store: EvidenceStore,
    stream: BinaryIO,
    values: Mapping[str, Any],
    *,
    max_bytes: int | None = None,
) -> EvidenceFile:
    """Store the bytes under their SHA-256 (computed while streaming) and record them,
    with COLLECTED and HASHED entries in the file's chain of custody."""
    media_type = str(values.get("media_type") or "").lower()
    if not media_type_allowed(media_type):
        raise DomainError("media_type", f"files of type {media_type or '(none)'} are not accepted")
    stored = store.put_stream(stream, max_bytes)
    with atomic(ctx) as call:
        record = create(
            call,
            EvidenceFile,
            {
                "role": EvidenceRole.ORIGINAL,
                **values,
                "media_type": media_type,
                "source_id": source.id,
                "sha256": stored.sha256,
                "size_bytes": stored.size_bytes,
            },
        )
        custodian = values.get("acquired_by")
        log_custody(call, record, CustodyAction.COLLECTED, custodian=custodian)
        log_custody(call, record, CustodyAction.HASHED, observed_sha256=stored.sha256)
    return record


def verify_file(ctx: Context, evidence: EvidenceFile, store: EvidenceStore) -> VerificationOutcome:
    """Re-hash the stored file and log the result in its chain of custody."""
    observed = store.hash_of(evidence.sha256)
    if observed is None:
        outcome = VerificationOutcome.MISSING
    elif observed == evidence.sha256:
        outcome = VerificationOutcome.MATCH
    else:
        outcome = VerificationOutcome.MISMATCH
    with atomic(ctx) as call:
        log_custody(
            call,
            evidence,
            CustodyAction.VERIFIED,
            observed_sha256=observed,
            outcome=outcome,
        )
    return outcome
