"""Using what the dossier register holds: the list of entries, downloads (checked against
the register and logged), verification of a PDF found anywhere, and the dossier a
submission sent.

A PDF verifies when its SHA-256 is exactly that of a generated entry. Otherwise its
metadata is read (the custom ``/CasebookReference`` key, or a reference in the title,
subject or keywords) to say "claims to be CB-... but does not match": the file was
altered after it was generated, or is not the file casebook produced.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from casebook.config import Settings
from casebook.errors import Conflict, DomainError, NotFound
from casebook.models import Dossier, Submission, User, submission_dossier
from casebook.services.audit import record_event
from casebook.services.context import Context
from casebook.services.records import atomic, get
from casebook.services.records import update as update_record
from casebook.storage import EvidenceStore
from casebook.vocab import Audience, AuditAction, JobStatus, Recipient

STORE_FOLDER = "dossiers"
_REFERENCE = re.compile(r"\bCB-[0-9A-F]{12}\b")


def store(settings: Settings) -> EvidenceStore:
    return EvidenceStore(settings.instance_path / STORE_FOLDER)


def filename(reference: str, audience: Audience) -> str:
    return f"{reference}-{audience.value}.pdf"


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def open_pdf(ctx: Context, entry: Dossier, pdfs: EvidenceStore) -> tuple[bytes, str]:
    """The PDF's bytes and file name, checked against the register; the download is logged."""
    if entry.status is not JobStatus.DONE or entry.pdf_sha256 is None:
        raise Conflict("status", f"dossier {entry.id} is {entry.status.label.lower()}, not ready")
    path = pdfs.path_for(entry.pdf_sha256)
    data = path.read_bytes() if path.is_file() else None
    if data is None or hashlib.sha256(data).hexdigest() != entry.pdf_sha256:
        raise Conflict("pdf", f"the stored PDF of {entry.reference} is missing or was altered")
    record_event(
        ctx,
        AuditAction.EXPORT,
        Dossier.__tablename__,
        entry.id,
        {"pdf_sha256": entry.pdf_sha256, "filename": entry.filename},
    )
    ctx.session.flush()
    return data, entry.filename or filename(entry.reference or "dossier", entry.audience)


@dataclass(frozen=True)
class Verification:
    sha256: str
    matches: tuple[Dossier, ...]  # DONE entries whose PDF is exactly these bytes
    claimed: str | None  # the reference the file's metadata claims
    claimed_entries: tuple[Dossier, ...]  # entries with that reference (when no match)
    readable: bool  # a PDF whose metadata could be read

    @property
    def verified(self) -> bool:
        return bool(self.matches)

    @property
    def message(self) -> str:
        if self.matches:
            first = self.matches[0]
            times = f" ({len(self.matches)} register entries)" if len(self.matches) > 1 else ""
            kind = first.kind.label.lower()
            return f"This file is exactly the registered {kind} {first.reference}{times}."
        if self.claimed and self.claimed_entries:
            return (
                f"This file claims to be {self.claimed} but does not match it: it was altered "
                "after it was generated, or is not the file casebook produced."
            )
        if self.claimed:
            return f"This file claims to be {self.claimed}, but no such dossier is registered."
        if not self.readable:
            return "This is not a readable PDF, and not a registered dossier."
        return "This file is not a registered dossier."


def claimed_reference(data: bytes) -> tuple[str | None, bool]:
    """The reference a PDF's metadata claims (custom key, or title/subject/keywords)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        info = PdfReader(io.BytesIO(data)).metadata
        values = {str(k): str(v) for k, v in (info or {}).items()}
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        return None, False
    for key in ("/CasebookReference", "/Title", "/Subject", "/Keywords"):
        found = _REFERENCE.search(values.get(key, ""))
        if found:
            return found.group(0), True
    return None, True


def verify(session: Session, data: bytes) -> Verification:
    sha = hashlib.sha256(data).hexdigest()
    matches = tuple(
        session.scalars(
            select(Dossier)
            .where(Dossier.pdf_sha256 == sha, Dossier.status == JobStatus.DONE)
            .order_by(Dossier.id)
        )
    )
    claimed, readable = claimed_reference(data)
    claimed_entries: tuple[Dossier, ...] = ()
    if claimed and not matches:
        claimed_entries = tuple(
            session.scalars(
                select(Dossier).where(Dossier.reference == claimed).order_by(Dossier.id)
            )
        )
    return Verification(sha, matches, claimed, claimed_entries, readable)


@dataclass(frozen=True)
class RegisterPage:
    entries: list[Dossier]
    users: dict[int, User]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def register(
    session: Session, page: int = 1, per_page: int = 50, done_only: bool = False
) -> RegisterPage:
    query = select(Dossier)
    if done_only:
        query = query.where(Dossier.status == JobStatus.DONE)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = max(page, 1)
    entries = list(
        session.scalars(
            query.order_by(Dossier.id.desc()).offset((page - 1) * per_page).limit(per_page)
        )
    )
    ids = {e.requested_by_id for e in entries} | {
        e.override_by_id for e in entries if e.override_by_id
    }
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))}
    return RegisterPage(entries, users, total, page, per_page)


def get_entry(ctx: Context, dossier_id: int | str) -> Dossier:
    return get(ctx, Dossier, dossier_id)


def sendable(session: Session, limit: int = 500) -> list[Dossier]:
    """Generated documents a submission may record as sent (never an internal one)."""
    return list(
        session.scalars(
            select(Dossier)
            .where(Dossier.status == JobStatus.DONE, Dossier.audience != Audience.INTERNAL)
            .order_by(Dossier.id.desc())
            .limit(limit)
        )
    )


def sent_with(session: Session, submission_id: int) -> Dossier | None:
    return session.scalar(
        select(Dossier)
        .join(submission_dossier, submission_dossier.c.dossier_id == Dossier.id)
        .where(submission_dossier.c.submission_id == submission_id)
    )


def attach_to_submission(ctx: Context, submission: Submission, dossier_id: int | None) -> None:
    """Record which registered dossier a submission sent: its PDF's SHA-256 and the link."""
    current = sent_with(ctx.session, submission.id)
    if (current.id if current else None) == dossier_id:
        return
    chosen = None
    if dossier_id is not None:
        chosen = ctx.session.get(Dossier, dossier_id)
        if chosen is None:
            raise NotFound("dossier", dossier_id)
        if chosen.status is not JobStatus.DONE or chosen.pdf_sha256 is None:
            raise DomainError("dossier_id", f"dossier {chosen.id} has not been generated")
        if chosen.audience is Audience.INTERNAL:
            raise DomainError("dossier_id", "an internal document is never sent to a recipient")
        if chosen.recipient is not None and chosen.recipient is not submission.recipient:
            raise DomainError(
                "dossier_id",
                f"{chosen.reference} was prepared for {chosen.recipient.label}, "
                f"not {Recipient.of(submission.recipient).label}",
            )
    with atomic(ctx) as call:
        call.session.execute(
            delete(submission_dossier).where(submission_dossier.c.submission_id == submission.id)
        )
        if chosen is not None:
            call.session.execute(
                insert(submission_dossier).values(submission_id=submission.id, dossier_id=chosen.id)
            )
            if submission.pdf_sha256 != chosen.pdf_sha256:
                update_record(call, submission, None, {"pdf_sha256": chosen.pdf_sha256})
        record_event(
            call,
            AuditAction.UPDATE,
            Submission.__tablename__,
            submission.id,
            {"dossier_id": [current.id if current else None, chosen.id if chosen else None]},
        )
        call.session.expire(submission, ["dossier"])
