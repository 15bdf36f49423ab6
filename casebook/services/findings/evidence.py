"""Rules about evidence files: the latest integrity check (``casebook evidence verify``
writes a VERIFIED entry with MATCH, MISMATCH or MISSING to the chain of custody) and gaps in
the chain of custody itself (Berkeley Protocol).

The audit reads the custody log rather than re-hashing files, so it stays a set of
queries; re-hashing is what ``casebook evidence verify`` does, and a file never verified
is itself a gap reported here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, and_, case, func, literal, null, or_, select

from casebook.models import CustodyLogEntry, EvidenceFile
from casebook.services.findings.base import Row, Scope, Severity, register
from casebook.services.findings.paths import file_in_scope
from casebook.vocab import CustodyAction, VerificationOutcome

# Steps after which the file must be checked again: it was copied, exported or handed over.
MOVES = (CustodyAction.COPIED, CustodyAction.EXPORTED, CustodyAction.TRANSFERRED)


def _latest_checks(scope: Scope, outcome: VerificationOutcome) -> Any:
    latest = (
        select(func.max(CustodyLogEntry.id).label("entry_id"))
        .where(CustodyLogEntry.action == CustodyAction.VERIFIED)
        .group_by(CustodyLogEntry.evidence_file_id)
        .subquery("latest")
    )
    return (
        select(
            literal("evidence_file", String).label("entity"),
            EvidenceFile.id.label("record_id"),
            null().label("person_id"),
            EvidenceFile.source_id.label("source_id"),
            EvidenceFile.role.label("role"),
            CustodyLogEntry.occurred_at.label("checked_at"),
            CustodyLogEntry.observed_sha256.label("observed"),
            EvidenceFile.sha256.label("sha256"),
        )
        .join(CustodyLogEntry, CustodyLogEntry.evidence_file_id == EvidenceFile.id)
        .join(latest, latest.c.entry_id == CustodyLogEntry.id)
        .where(
            EvidenceFile.retracted_at.is_(None),
            CustodyLogEntry.outcome == outcome,
            file_in_scope(scope),
        )
    )


def _check_message(row: Row, what: str) -> str:
    return (
        f"evidence file {row['record_id']} of source S-{row['source_id']} "
        f"({row['role'].label.lower()}) {what} when checked on "
        f"{row['checked_at']:%Y-%m-%d %H:%M} UTC"
    )


@register(
    "EVIDENCE-HASH-MISMATCH",
    Severity.ERROR,
    title="Evidence file altered",
    description="""At its latest integrity check the stored bytes of the file no longer
    had the SHA-256 recorded when it was collected: the evidentiary copy has been altered
    or corrupted, and nothing resting on it can be presented as preserved.""",
    fix="Restore the file from a verified backup (its hash must match again), then run "
    "`casebook evidence verify`; report the incident to the administrator.",
    message=lambda row: _check_message(row, "did not match its SHA-256"),
    source_scope=True,
    shared=True,
)
def hash_mismatch(scope: Scope) -> Any:
    return _latest_checks(scope, VerificationOutcome.MISMATCH)


@register(
    "EVIDENCE-FILE-MISSING",
    Severity.ERROR,
    title="Evidence file missing from the store",
    description="""At its latest integrity check the stored copy of the file was not in
    the evidence store at all.""",
    fix="Restore the file from a verified backup into the evidence store, then run "
    "`casebook evidence verify`; report the incident to the administrator.",
    message=lambda row: _check_message(row, "was missing from the store"),
    source_scope=True,
    shared=True,
)
def file_missing(scope: Scope) -> Any:
    return _latest_checks(scope, VerificationOutcome.MISSING)


def _gap_message(row: Row) -> str:
    gaps = []
    if not row["collected"]:
        gaps.append("no COLLECTED entry (who acquired it, when)")
    if not row["hashed"]:
        gaps.append("no HASHED entry")
    if row["last_verified"] is None:
        gaps.append("never verified")
    elif row["last_move"] is not None and row["last_move"] > row["last_verified"]:
        gaps.append("not verified since it was last copied, exported or transferred")
    return f"the chain of custody of evidence file {row['record_id']} has gaps: " + "; ".join(gaps)


@register(
    "EVIDENCE-CUSTODY-GAP",
    Severity.WARNING,
    title="Gaps in an evidence file's chain of custody",
    description="""Every evidence file's chain of custody starts with who collected it
    (COLLECTED) and its hash (HASHED), and the file is verified against that hash at least
    once and again after every copy, export or transfer. Missing steps leave its history
    open to challenge.""",
    fix="Record the missing custody steps you can document, and run `casebook evidence "
    "verify` to check the file against its hash.",
    message=_gap_message,
    source_scope=True,
    shared=True,
)
def custody_gap(scope: Scope) -> Any:
    entry = CustodyLogEntry

    def has(action: CustodyAction) -> Any:
        return func.max(case((entry.action == action, 1), else_=0))

    collected, hashed = has(CustodyAction.COLLECTED), has(CustodyAction.HASHED)
    last_move = func.max(case((entry.action.in_(MOVES), entry.id)))
    last_verified = func.max(case((entry.action == CustodyAction.VERIFIED, entry.id)))
    return (
        select(
            literal("evidence_file", String).label("entity"),
            EvidenceFile.id.label("record_id"),
            null().label("person_id"),
            collected.label("collected"),
            hashed.label("hashed"),
            last_move.label("last_move"),
            last_verified.label("last_verified"),
        )
        .select_from(EvidenceFile)
        .outerjoin(entry, entry.evidence_file_id == EvidenceFile.id)
        .where(EvidenceFile.retracted_at.is_(None), file_in_scope(scope))
        .group_by(EvidenceFile.id)
        .having(
            or_(
                collected == 0,
                hashed == 0,
                last_verified.is_(None),
                and_(last_move.isnot(None), last_move > last_verified),
            )
        )
    )
