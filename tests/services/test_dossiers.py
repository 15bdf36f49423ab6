"""The dossier register: requesting, building (gate, PDF, storage), determinism from the
database to the bytes, verification, downloads and roles."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casebook.errors import Conflict, DomainError, PermissionDenied
from casebook.models import AuditEvent, Dossier, User
from casebook.services import advocacy, dossiers, records
from casebook.services.context import Context
from casebook.services.snapshot import Profile
from casebook.storage import EvidenceStore
from casebook.vocab import Audience, AuditAction, DossierKind, JobStatus, Recipient
from tests.conftest import FakeClock
from tests.factories import make_allegation, make_person
from tests.reports.pdftools import metadata
from tests.services.dossier_support import build, clean_person


@pytest.fixture
def pdfs(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore(tmp_path / "dossiers")


@pytest.fixture
def viewer_ctx(session: Session, viewer: User, clock: FakeClock) -> Context:
    return Context(session, viewer, clock, via="test")


def order(
    person_id: int, audience: Audience = Audience.PUBLIC, **profile: object
) -> dossiers.Order:
    return dossiers.Order(DossierKind.PERSON, Profile(audience, **profile), person_id=person_id)  # type: ignore[arg-type]


def events(ctx: Context, entry: Dossier) -> list[AuditEvent]:
    return list(
        ctx.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "dossier", AuditEvent.record_id == entry.id)
            .order_by(AuditEvent.id)
        )
    )


def test_request_build_store_and_register(
    ctx: Context, reviewer_ctx: Context, pdfs: EvidenceStore, clock: FakeClock
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    entry = dossiers.request(ctx, order(person.id))
    assert entry.status is JobStatus.QUEUED and entry.requested_by_id == ctx.user.id
    clock.advance(minutes=1)
    assert build(ctx.session, entry.id, pdfs, clock) is JobStatus.DONE
    ctx.session.refresh(entry)
    assert entry.status is JobStatus.DONE and entry.progress == 100
    assert entry.reference and entry.reference.startswith("CB-")
    assert entry.filename == f"{entry.reference}-PUBLIC.pdf"
    assert (
        entry.data_cutoff is not None and entry.snapshot_sha256 and len(entry.snapshot_sha256) == 64
    )
    assert entry.page_count and entry.page_count >= 3
    assert [p.id for p in entry.persons] == [person.id]
    assert entry.gate == {
        "blocked": False,
        "counts": {"error": 0, "warning": 0, "note": 0},
        "findings": [],
    }
    path = pdfs.path_for(entry.pdf_sha256 or "")
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry.pdf_sha256 and len(data) == entry.pdf_size
    assert stat.S_IMODE(path.stat().st_mode) == 0o440
    assert metadata(data)["/CasebookReference"] == entry.reference
    actions = [(e.action, (e.changes or {}).get("status")) for e in events(ctx, entry)]
    assert actions == [
        (AuditAction.INSERT, "QUEUED"),
        (AuditAction.UPDATE, ["QUEUED", "RUNNING"]),
        (AuditAction.UPDATE, ["RUNNING", "DONE"]),
    ]
    page = dossiers.register(ctx.session)
    assert page.entries == [entry] and page.users[ctx.user.id] == ctx.user


def test_same_data_same_bytes_and_one_changed_field_changes_the_hash(
    ctx: Context, reviewer_ctx: Context, pdfs: EvidenceStore, clock: FakeClock
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    first, second = dossiers.request(ctx, order(person.id)), dossiers.request(ctx, order(person.id))
    build(ctx.session, first.id, pdfs, clock)
    clock.advance(hours=2)  # generated later: the bytes depend on the data, not the clock
    build(ctx.session, second.id, pdfs, clock)
    for entry in (first, second):
        ctx.session.refresh(entry)
    assert first.pdf_sha256 == second.pdf_sha256 and first.reference == second.reference
    assert first.snapshot_sha256 == second.snapshot_sha256
    allegation = make_allegation(ctx, person, confidentiality="PUBLIC")
    records.update(ctx, allegation, allegation.version, {"description": "One more detail."})
    third = dossiers.request(ctx, order(person.id))
    build(ctx.session, third.id, pdfs, clock)  # blocked? the new allegation has no citation
    ctx.session.refresh(third)
    assert third.status is JobStatus.BLOCKED
    assert third.gate and third.gate["blocked"] and third.gate["counts"]["error"] >= 1
    assert third.pdf_sha256 is None and "blocked by the citation audit" in (third.error or "")
    records.retract(ctx, allegation, "entered by mistake")
    records.update(ctx, person, person.version, {"summary": "A changed summary."})
    fourth = dossiers.request(ctx, order(person.id))
    build(ctx.session, fourth.id, pdfs, clock)
    ctx.session.refresh(fourth)
    assert fourth.status is JobStatus.DONE
    assert fourth.pdf_sha256 != first.pdf_sha256 and fourth.reference != first.reference


def test_a_reviewer_may_override_the_gate_with_a_reason(
    ctx: Context, reviewer_ctx: Context, pdfs: EvidenceStore, clock: FakeClock
) -> None:
    person = make_person(ctx, confidentiality="PUBLIC")
    make_allegation(ctx, person, confidentiality="PUBLIC")  # no citation: an error
    with pytest.raises(PermissionDenied):
        dossiers.request(ctx, order(person.id, Audience.INTERNAL), override_reason="x" * 20)
    with pytest.raises(DomainError, match="at least 15"):
        dossiers.request(reviewer_ctx, order(person.id, Audience.INTERNAL), override_reason="ok")
    entry = dossiers.request(ctx, order(person.id, Audience.INTERNAL))
    build(ctx.session, entry.id, pdfs, clock)
    ctx.session.refresh(entry)
    assert entry.status is JobStatus.BLOCKED
    with pytest.raises(PermissionDenied):
        dossiers.override(ctx, entry, "the editor would like it anyway")
    reason = "Reviewed: the source is on its way, internal use only."
    dossiers.override(reviewer_ctx, entry, reason)
    assert entry.status is JobStatus.QUEUED and entry.override_by_id == reviewer_ctx.user.id
    assert build(ctx.session, entry.id, pdfs, clock) is JobStatus.DONE
    ctx.session.refresh(entry)
    assert entry.override_reason == reason and entry.gate and entry.gate["blocked"]
    logged = [e for e in events(ctx, entry) if e.reason == reason]
    assert logged and logged[0].user_id == reviewer_ctx.user.id


def test_roles_and_profiles_are_enforced_in_the_service(ctx: Context, viewer_ctx: Context) -> None:
    person = make_person(ctx, confidentiality="PUBLIC")
    assert dossiers.request(viewer_ctx, order(person.id, Audience.INTERNAL)).id
    with pytest.raises(PermissionDenied, match="editor"):
        dossiers.request(viewer_ctx, order(person.id, Audience.PUBLIC))
    with pytest.raises(DomainError, match="recipient kind"):
        dossiers.request(ctx, order(person.id, Audience.CONFIDENTIAL))
    wgad = order(
        person.id,
        Audience.CONFIDENTIAL,
        recipient=Recipient.WGAD,
        recipient_name="UN WGAD secretariat",
    )
    entry = dossiers.request(ctx, wgad)
    assert entry.recipient is Recipient.WGAD and entry.recipient_name == "UN WGAD secretariat"
    assert dossiers.Order.of(entry) == wgad
    records.retract(ctx, person, "duplicate")
    with pytest.raises(DomainError, match="retracted"):
        dossiers.request(ctx, order(person.id))


def test_a_failed_build_records_the_error(
    ctx: Context,
    reviewer_ctx: Context,
    pdfs: EvidenceStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    entry = dossiers.request(ctx, order(person.id))

    def broken(*_args: object) -> bytes:
        raise RuntimeError("the layout engine broke")

    monkeypatch.setattr(dossiers, "render", broken)
    assert build(ctx.session, entry.id, pdfs, clock) is JobStatus.FAILED
    ctx.session.refresh(entry)
    assert entry.error == "RuntimeError: the layout engine broke"
    monkeypatch.undo()
    assert build(ctx.session, entry.id, pdfs, clock) is JobStatus.DONE  # a retry


def test_verify_exact_altered_foreign_and_unreadable_files(
    ctx: Context, reviewer_ctx: Context, pdfs: EvidenceStore, clock: FakeClock
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    entry = dossiers.request(ctx, order(person.id))
    build(ctx.session, entry.id, pdfs, clock)
    ctx.session.refresh(entry)
    data = pdfs.path_for(entry.pdf_sha256 or "").read_bytes()
    exact = dossiers.verify(ctx.session, data)
    assert exact.verified and exact.matches == (entry,)
    assert (
        exact.message
        == f"This file is exactly the registered per-person dossier {entry.reference}."
    )
    altered = dossiers.verify(ctx.session, data + b"%%tampered\n")
    assert not altered.verified and altered.claimed == entry.reference
    assert altered.message.startswith(f"This file claims to be {entry.reference} but does not")
    foreign = dossiers.verify(ctx.session, b"%PDF-1.4 not a pdf at all")
    assert not foreign.verified and not foreign.readable
    assert "not a readable PDF" in foreign.message


def test_downloads_are_checked_and_logged(
    ctx: Context,
    viewer_ctx: Context,
    reviewer_ctx: Context,
    pdfs: EvidenceStore,
    clock: FakeClock,
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    entry = dossiers.request(ctx, order(person.id))
    with pytest.raises(Conflict, match="not ready"):
        dossiers.open_pdf(viewer_ctx, entry, pdfs)
    build(ctx.session, entry.id, pdfs, clock)
    ctx.session.refresh(entry)
    data, name = dossiers.open_pdf(viewer_ctx, entry, pdfs)
    assert hashlib.sha256(data).hexdigest() == entry.pdf_sha256 and name == entry.filename
    export = events(ctx, entry)[-1]
    assert export.action is AuditAction.EXPORT and export.user_id == viewer_ctx.user.id
    path = pdfs.path_for(entry.pdf_sha256 or "")
    path.chmod(0o640)
    path.write_bytes(data[:-10])
    with pytest.raises(Conflict, match="missing or was altered"):
        dossiers.open_pdf(viewer_ctx, entry, pdfs)


def test_a_submission_records_the_dossier_it_sent(
    ctx: Context, reviewer_ctx: Context, pdfs: EvidenceStore, clock: FakeClock
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    wgad = order(
        person.id,
        Audience.CONFIDENTIAL,
        recipient=Recipient.WGAD,
        recipient_name="UN WGAD secretariat",
    )
    entry = dossiers.request(ctx, wgad)
    internal = dossiers.request(ctx, order(person.id, Audience.INTERNAL))
    for queued in (entry, internal):
        build(ctx.session, queued.id, pdfs, clock)
        ctx.session.refresh(queued)
    sent = advocacy.create_submission(
        ctx, {"recipient": "WGAD", "title": "Invented urgent appeal"}, [person.id]
    )
    with pytest.raises(DomainError, match="internal document"):
        dossiers.attach_to_submission(ctx, sent, internal.id)
    other = advocacy.create_submission(ctx, {"recipient": "ICRC", "title": "Invented note"})
    with pytest.raises(DomainError, match="prepared for UN Working Group"):
        dossiers.attach_to_submission(ctx, other, entry.id)
    dossiers.attach_to_submission(ctx, sent, entry.id)
    assert sent.pdf_sha256 == entry.pdf_sha256
    assert dossiers.sent_with(ctx.session, sent.id) == entry
    assert sent.dossier == entry
    logged = ctx.session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "submission", AuditEvent.record_id == sent.id)
    ).all()
    assert any((e.changes or {}).get("dossier_id") == [None, entry.id] for e in logged)
    assert any("pdf_sha256" in (e.changes or {}) for e in logged)
    dossiers.attach_to_submission(ctx, sent, None)
    assert dossiers.sent_with(ctx.session, sent.id) is None
