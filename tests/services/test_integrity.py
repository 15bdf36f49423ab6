"""Evidence integrity: re-hashing stored files, one custody entry per check, altered and
deleted files reported (never crashed on), and what the dashboard's table shows."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from casebook.errors import NotFound, PermissionDenied
from casebook.models import AuditEvent, CustodyLogEntry, EvidenceFile, Source
from casebook.services import integrity, records, sources
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import CustodyAction, VerificationOutcome
from tests.factories import make_source


def _file(ctx: Context, store: EvidenceStore, source: Source, data: bytes) -> EvidenceFile:
    return sources.add_evidence_file(
        ctx, source, store, io.BytesIO(data), {"media_type": "text/plain"}
    )


def _checks(ctx: Context, evidence: EvidenceFile) -> list[CustodyLogEntry]:
    return list(
        ctx.session.scalars(
            select(CustodyLogEntry)
            .where(
                CustodyLogEntry.evidence_file_id == evidence.id,
                CustodyLogEntry.action == CustodyAction.VERIFIED,
            )
            .order_by(CustodyLogEntry.id)
        )
    )


def test_intact_altered_and_deleted_files(
    ctx: Context, reviewer_ctx: Context, store: EvidenceStore
) -> None:
    source = make_source(ctx)
    intact = _file(ctx, store, source, b"intact evidentiary bytes\n")
    altered = _file(ctx, store, source, b"bytes that will be altered\n")
    deleted = _file(ctx, store, source, b"bytes that will be deleted\n")
    path = store.path_for(altered.sha256)
    path.chmod(0o640)
    path.write_bytes(b"someone changed this file\n")
    store.path_for(deleted.sha256).unlink()

    report = integrity.verify_files(reviewer_ctx, store)
    outcomes = {c.evidence_id: c.outcome for c in report.checks}
    assert outcomes == {
        intact.id: VerificationOutcome.MATCH,
        altered.id: VerificationOutcome.MISMATCH,
        deleted.id: VerificationOutcome.MISSING,
    }
    assert {c.evidence_id for c in report.failures} == {altered.id, deleted.id}
    assert report.summary() == "checked 3 evidence file(s): 1 match, 1 mismatch, 1 missing"
    assert "ALTERED" in next(c for c in report.failures if c.evidence_id == altered.id).describe()
    # One VERIFIED entry per check, with what was observed, by the acting user.
    (entry,) = _checks(ctx, altered)
    assert entry.outcome is VerificationOutcome.MISMATCH and entry.user_id == reviewer_ctx.user.id
    assert entry.observed_sha256 is not None and entry.observed_sha256 != altered.sha256
    (gone,) = _checks(ctx, deleted)
    assert gone.outcome is VerificationOutcome.MISSING and gone.observed_sha256 is None
    events = ctx.session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "custody_log_entry")
    ).all()
    assert len(events) >= 3 * 3  # collected, hashed, verified for each file


def test_one_source_and_retracted_files(
    ctx: Context, reviewer_ctx: Context, store: EvidenceStore
) -> None:
    mine, other = make_source(ctx), make_source(ctx)
    kept = _file(ctx, store, mine, b"kept\n")
    withdrawn = _file(ctx, store, mine, b"uploaded by mistake\n")
    records.retract(ctx, withdrawn, "Uploaded to the wrong source (invented).")
    elsewhere = _file(ctx, store, other, b"another source's file\n")
    report = integrity.verify_files(reviewer_ctx, store, source_id=mine.id)
    assert [c.evidence_id for c in report.checks] == [kept.id]
    assert _checks(ctx, elsewhere) == [] and _checks(ctx, withdrawn) == []
    with pytest.raises(NotFound):
        integrity.verify_files(reviewer_ctx, store, source_id=999_999)


def test_an_unreadable_file_is_logged_as_missing_with_the_reason(
    ctx: Context, reviewer_ctx: Context, store: EvidenceStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence = _file(ctx, store, make_source(ctx), b"unreadable\n")

    def refuse(_sha256: str) -> str | None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store, "hash_of", refuse)
    report = integrity.verify_files(reviewer_ctx, store)
    (check,) = report.checks
    assert check.outcome is VerificationOutcome.MISSING and "Permission denied" in (
        check.note or ""
    )
    (entry,) = _checks(ctx, evidence)
    assert entry.outcome is VerificationOutcome.MISSING and "cannot be read" in (entry.note or "")


def test_verifying_needs_a_reviewer(ctx: Context, store: EvidenceStore) -> None:
    _file(ctx, store, make_source(ctx), b"bytes\n")
    with pytest.raises(PermissionDenied, match="reviewer"):
        integrity.verify_files(ctx, store)


def test_progress_is_reported(ctx: Context, reviewer_ctx: Context, store: EvidenceStore) -> None:
    source = make_source(ctx)
    for n in range(3):
        _file(ctx, store, source, f"file {n}\n".encode())
    seen: list[int] = []
    integrity.verify_files(reviewer_ctx, store, progress=seen.append)
    assert seen == [3]


def test_file_states_filter_and_order(
    ctx: Context, reviewer_ctx: Context, store: EvidenceStore
) -> None:
    source = make_source(ctx)
    checked = _file(ctx, store, source, b"checked\n")
    never = _file(ctx, store, source, b"never checked\n")
    gone = _file(ctx, store, source, b"gone\n")
    sources.verify_file(reviewer_ctx, checked, store)
    store.path_for(gone.sha256).unlink()
    sources.verify_file(reviewer_ctx, gone, store)
    page = integrity.file_states(ctx.session)
    assert [r.evidence_id for r in page.rows] == [gone.id, never.id, checked.id]
    assert page.counts == {"never": 1, "mismatch": 0, "missing": 1, "match": 1, "all": 3}
    assert page.rows[2].last_verified_at is not None and page.rows[1].last_verified_at is None
    assert [r.evidence_id for r in integrity.file_states(ctx.session, "never").rows] == [never.id]
    assert [r.evidence_id for r in integrity.file_states(ctx.session, "missing").rows] == [gone.id]
    one = integrity.file_states(ctx.session, "bogus", page=2, per_page=2)
    assert one.total == 3 and one.pages == 2 and [r.evidence_id for r in one.rows] == [checked.id]
