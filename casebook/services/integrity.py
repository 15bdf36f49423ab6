"""Evidence integrity: re-hash stored files against the SHA-256 recorded when they were
collected, log each check in the file's chain of custody, and report what failed.

Every check goes through ``casebook.services.sources.verify_file`` (a VERIFIED custody
entry with MATCH, MISMATCH or MISSING, and its audit event). A file that exists but cannot
be read is logged as MISSING with the reason: the evidentiary copy is not available.
Files are hashed while streaming (``EvidenceStore.hash_of``), one at a time, so memory
stays flat whatever their size.

Also what the audit dashboard shows of it: when each file was last verified and how.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, aliased

from casebook.errors import NotFound
from casebook.models.sources import CustodyLogEntry, EvidenceFile, Source
from casebook.services.context import Context
from casebook.services.records import atomic
from casebook.services.sources import log_custody, verify_file
from casebook.storage import EvidenceStore
from casebook.vocab import CustodyAction, EvidenceRole, Role, VerificationOutcome

BATCH = 500


@dataclass(frozen=True)
class FileCheck:
    evidence_id: int
    source_id: int
    sha256: str
    outcome: VerificationOutcome
    note: str | None = None

    @property
    def failed(self) -> bool:
        return self.outcome is not VerificationOutcome.MATCH

    def describe(self) -> str:
        what = {
            VerificationOutcome.MATCH: "intact",
            VerificationOutcome.MISMATCH: "ALTERED: the stored bytes no longer have its SHA-256",
            VerificationOutcome.MISSING: "MISSING from the evidence store",
        }[self.outcome]
        reason = f" ({self.note})" if self.note else ""
        return f"evidence file {self.evidence_id} of source S-{self.source_id}: {what}{reason}"


@dataclass(frozen=True)
class IntegrityReport:
    checks: tuple[FileCheck, ...]

    @property
    def failures(self) -> tuple[FileCheck, ...]:
        return tuple(c for c in self.checks if c.failed)

    def count(self, outcome: VerificationOutcome) -> int:
        return sum(1 for c in self.checks if c.outcome is outcome)

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(o)} {o.value.lower()}" for o in VerificationOutcome)
        return f"checked {len(self.checks)} evidence file(s): {counts}"


def verify_files(
    ctx: Context,
    store: EvidenceStore,
    *,
    source_id: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> IntegrityReport:
    """Check every live evidence file (or those of one source) against its hash."""
    ctx.require(Role.REVIEWER, "verifying evidence")
    query = select(EvidenceFile.id).where(EvidenceFile.retracted_at.is_(None))
    if source_id is not None:
        if ctx.session.get(Source, source_id) is None:
            raise NotFound("source", source_id)
        query = query.where(EvidenceFile.source_id == source_id)
    ids = list(ctx.session.scalars(query.order_by(EvidenceFile.id)))
    checks: list[FileCheck] = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        files = ctx.session.scalars(
            select(EvidenceFile).where(EvidenceFile.id.in_(chunk)).order_by(EvidenceFile.id)
        )
        for evidence in files:
            checks.append(_check(ctx, store, evidence))
        if progress is not None:
            progress(len(checks))
    return IntegrityReport(tuple(checks))


def _check(ctx: Context, store: EvidenceStore, evidence: EvidenceFile) -> FileCheck:
    try:
        outcome = verify_file(ctx, evidence, store)
    except OSError as exc:
        note = f"the stored copy cannot be read: {exc.strerror or type(exc).__name__}"
        with atomic(ctx) as call:
            log_custody(
                call,
                evidence,
                CustodyAction.VERIFIED,
                outcome=VerificationOutcome.MISSING,
                note=note,
            )
        return FileCheck(
            evidence.id, evidence.source_id, evidence.sha256, VerificationOutcome.MISSING, note
        )
    return FileCheck(evidence.id, evidence.source_id, evidence.sha256, outcome)


# --- what the dashboard shows ----------------------------------------------------------


class Status:
    """Filters of the evidence table."""

    ALL = "all"
    NEVER = "never"
    MISMATCH = "mismatch"
    MISSING = "missing"
    MATCH = "match"

    CHOICES = (ALL, NEVER, MISMATCH, MISSING, MATCH)


@dataclass(frozen=True)
class FileState:
    evidence_id: int
    source_id: int
    source_title: str
    role: EvidenceRole
    sha256: str
    size_bytes: int
    last_verified_at: datetime | None
    outcome: VerificationOutcome | None


@dataclass(frozen=True)
class FileStatePage:
    rows: Sequence[FileState]
    total: int
    page: int
    per_page: int
    counts: dict[str, int]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _states(status: str) -> Select[*tuple[Any, ...]]:
    latest = (
        select(
            CustodyLogEntry.evidence_file_id.label("file_id"),
            func.max(CustodyLogEntry.id).label("entry_id"),
        )
        .where(CustodyLogEntry.action == CustodyAction.VERIFIED)
        .group_by(CustodyLogEntry.evidence_file_id)
        .subquery("latest")
    )
    entry = aliased(CustodyLogEntry, name="last_check")
    query = (
        select(
            EvidenceFile.id.label("evidence_id"),
            EvidenceFile.source_id.label("source_id"),
            Source.title.label("source_title"),
            EvidenceFile.role.label("role"),
            EvidenceFile.sha256.label("sha256"),
            EvidenceFile.size_bytes.label("size_bytes"),
            entry.occurred_at.label("last_verified_at"),
            entry.outcome.label("outcome"),
        )
        .join(Source, Source.id == EvidenceFile.source_id)
        .outerjoin(latest, latest.c.file_id == EvidenceFile.id)
        .outerjoin(entry, entry.id == latest.c.entry_id)
        .where(EvidenceFile.retracted_at.is_(None))
    )
    if status == Status.NEVER:
        query = query.where(latest.c.entry_id.is_(None))
    elif status in (Status.MISMATCH, Status.MISSING, Status.MATCH):
        query = query.where(entry.outcome == VerificationOutcome.of(status.upper()))
    return query


def file_states(
    session: Session, status: str = Status.ALL, page: int = 1, per_page: int = 50
) -> FileStatePage:
    """Live evidence files with their latest check, worst first (altered, missing, never
    verified, then the longest unchecked), one page; and how many files have each status.
    Three statements, whatever the number of files."""
    status = status if status in Status.CHOICES else Status.ALL
    every = _states(Status.ALL).subquery()
    by_outcome: dict[VerificationOutcome | None, int] = dict(
        session.execute(select(every.c.outcome, func.count()).group_by(every.c.outcome)).all()
    )
    counts = {
        Status.NEVER: by_outcome.get(None, 0),
        Status.MISMATCH: by_outcome.get(VerificationOutcome.MISMATCH, 0),
        Status.MISSING: by_outcome.get(VerificationOutcome.MISSING, 0),
        Status.MATCH: by_outcome.get(VerificationOutcome.MATCH, 0),
    }
    counts[Status.ALL] = sum(counts.values())
    page = max(1, page)
    query = _states(status)
    outcome = query.selected_columns.outcome
    worst_first = case(
        (outcome == VerificationOutcome.MISMATCH, 0),
        (outcome == VerificationOutcome.MISSING, 1),
        (outcome.is_(None), 2),
        else_=3,
    )
    rows = session.execute(
        query.order_by(worst_first, query.selected_columns.last_verified_at, EvidenceFile.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return FileStatePage(
        [FileState(**row._mapping) for row in rows], counts[status], page, per_page, counts
    )
