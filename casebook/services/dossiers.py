"""The dossier register: requesting a document, generating it, storing and handing out the
PDF, and telling whether a PDF found anywhere is exactly one casebook registered.

Life of an entry (``casebook.models.dossiers.Dossier``): :func:`request` writes it QUEUED;
the job that builds it (``casebook.jobs.build``, or the CLI in-process) calls
:func:`start` (RUNNING), :func:`produce` (snapshot, citation-audit gate, PDF; reads only),
then :func:`finish` (DONE with reference, data cut-off, hashes, size, pages and file name;
or BLOCKED by the gate) or :func:`fail` (FAILED with the error). Each step is its own
transaction, owned by the job, so the status page sees progress. Every change of an entry
leaves an audit event; so does every download (EXPORT). Progress (0-100) is job state, not
a record change, and is written without one.

Who may do what (checked here, whatever the caller): any user may generate an INTERNAL
document, verify a PDF and download what the register holds (viewers read every record
anyway, and each download is logged); generating for any other audience needs an editor;
generating despite errors of the citation audit needs a reviewer and a written reason,
kept in the entry and the audit log.

PDFs are stored content-addressed under ``<instance>/dossiers/ab/<sha256>`` (mode 0440,
outside the web root); file names carry the reference and the audience, never a name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from casebook.errors import Conflict, DomainError
from casebook.models import Dossier, Person
from casebook.services import findings, snapshot
from casebook.services.audit import jsonable, record_event
from casebook.services.context import Context
from casebook.services.dossiers_register import (  # the register's use, re-exported
    RegisterPage as RegisterPage,
)
from casebook.services.dossiers_register import (
    Verification as Verification,
)
from casebook.services.dossiers_register import (
    attach_to_submission as attach_to_submission,
)
from casebook.services.dossiers_register import (
    claimed_reference as claimed_reference,
)
from casebook.services.dossiers_register import (
    filename as filename,
)
from casebook.services.dossiers_register import (
    get_entry as get_entry,
)
from casebook.services.dossiers_register import (
    open_pdf as open_pdf,
)
from casebook.services.dossiers_register import (
    page_count as page_count,
)
from casebook.services.dossiers_register import (
    register as register,
)
from casebook.services.dossiers_register import (
    sendable as sendable,
)
from casebook.services.dossiers_register import (
    sent_with as sent_with,
)
from casebook.services.dossiers_register import (
    store as store,
)
from casebook.services.dossiers_register import (
    verify as verify,
)
from casebook.services.records import clean_text, get
from casebook.services.snapshot import Profile, Snapshot
from casebook.services.snapshot_thematic import ThematicFilters, describe, selection
from casebook.storage import EvidenceStore
from casebook.vocab import Audience, AuditAction, DossierKind, JobStatus, Role

PREVIEW_LIMIT = 300  # a thematic preview reads at most this many persons in a request
MIN_REASON = 15
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Order:
    """What to generate: a dossier on one person, or a thematic report on a selection."""

    kind: DossierKind
    profile: Profile
    person_id: int | None = None
    filters: ThematicFilters | None = None

    def options(self) -> dict[str, Any]:
        if self.kind is DossierKind.PERSON:
            return {"person_id": self.person_id}
        return {"filters": (self.filters or ThematicFilters()).options()}

    @classmethod
    def of(cls, entry: Dossier) -> Order:
        profile = Profile(entry.audience, entry.recipient, entry.recipient_name)
        if entry.kind is DossierKind.PERSON:
            return cls(DossierKind.PERSON, profile, person_id=int(entry.options["person_id"]))
        filters = ThematicFilters.from_options(entry.options.get("filters", {}))
        return cls(DossierKind.THEMATIC, profile, filters=filters)


def needed_role(audience: Audience) -> Role:
    return Role.VIEWER if audience is Audience.INTERNAL else Role.EDITOR


def _checked(ctx: Context, order: Order) -> Order:
    ctx.require(needed_role(order.profile.audience), "generating a dossier for this audience")
    profile = order.profile.checked()
    if order.kind is DossierKind.PERSON:
        person = get(ctx, Person, order.person_id)
        if person.retracted_at is not None:
            raise DomainError("person_id", f"person P-{person.id} has been retracted")
        return Order(DossierKind.PERSON, profile, person_id=person.id)
    if order.kind is not DossierKind.THEMATIC:
        raise DomainError("kind", "only dossiers and thematic reports are generated here")
    filters = (order.filters or ThematicFilters()).normalised()
    describe(ctx.session, filters, profile.audience)  # refuses a place above the audience
    return Order(DossierKind.THEMATIC, profile, filters=filters)


def take_snapshot(
    session: Session, order: Order, today: date, progress: Progress | None = None
) -> Snapshot[Any]:
    if order.kind is DossierKind.PERSON:
        assert order.person_id is not None
        return snapshot.person_dossier(session, order.person_id, order.profile, today)
    from casebook.services.snapshot_thematic import build

    return build(session, order.filters or ThematicFilters(), order.profile, today, progress)


def run_gate(
    session: Session, snap: Snapshot[Any], profile: Profile, today: date
) -> findings.GateResult:
    return findings.gate(
        session,
        person_ids=list(snap.person_ids),
        audience=profile.audience,
        recipient=profile.recipient,
        today=today,
    )


@dataclass(frozen=True)
class Preview:
    """What generating ``order`` would withhold and what the citation audit finds."""

    order: Order
    persons: int
    snapshot: Snapshot[Any] | None  # None for a thematic selection above PREVIEW_LIMIT
    gate: findings.GateResult | None


def preview(ctx: Context, order: Order) -> Preview:
    order = _checked(ctx, order)
    today = ctx.now().date()
    if order.kind is DossierKind.THEMATIC:
        ids = selection(ctx.session, order.filters or ThematicFilters(), order.profile.audience)
        if not ids:
            raise DomainError(None, "no person in the selection may appear for this audience")
        if len(ids) > PREVIEW_LIMIT:
            return Preview(order, len(ids), None, None)
    snap = take_snapshot(ctx.session, order, today)
    return Preview(
        order, len(snap.person_ids), snap, run_gate(ctx.session, snap, order.profile, today)
    )


def _changes(entry: Dossier, before: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: [jsonable(old), jsonable(getattr(entry, key))]
        for key, old in before.items()
        if old != getattr(entry, key)
    }


def _update(ctx: Context, entry: Dossier, reason: str | None = None, **values: Any) -> None:
    before = {key: getattr(entry, key) for key in values}
    for key, value in values.items():
        setattr(entry, key, value)
    ctx.session.flush()
    record_event(
        ctx, AuditAction.UPDATE, Dossier.__tablename__, entry.id, _changes(entry, before), reason
    )
    ctx.session.flush()


def _override(ctx: Context, reason: str | None) -> str | None:
    text = clean_text(reason or "")  # NFC, no control characters (PostgreSQL refuses NUL)
    if not text:
        return None
    ctx.require(Role.REVIEWER, "generating despite errors of the citation audit")
    if len(text) < MIN_REASON:
        raise DomainError("override_reason", f"give the reason in at least {MIN_REASON} characters")
    return text


def request(ctx: Context, order: Order, *, override_reason: str | None = None) -> Dossier:
    """Register a document to generate (QUEUED); the caller enqueues or builds it."""
    order = _checked(ctx, order)
    reason = _override(ctx, override_reason)
    profile = order.profile
    entry = Dossier(
        kind=order.kind,
        audience=profile.audience,
        recipient=profile.recipient,
        recipient_name=profile.recipient_name,
        options=order.options(),
        status=JobStatus.QUEUED,
        requested_by_id=ctx.user.id,
        requested_at=ctx.now(),
        progress=0,
        override_reason=reason,
        override_by_id=ctx.user.id if reason else None,
    )
    ctx.session.add(entry)
    ctx.session.flush()
    values = {
        "kind": order.kind.value,
        "audience": profile.audience.value,
        "recipient": profile.recipient.value if profile.recipient else None,
        "recipient_name": profile.recipient_name,
        "options": order.options(),
        "status": JobStatus.QUEUED.value,
    }
    record_event(ctx, AuditAction.INSERT, Dossier.__tablename__, entry.id, values, reason)
    ctx.session.flush()
    return entry


def override(ctx: Context, entry: Dossier, reason: str) -> Dossier:
    """A reviewer's decision to generate a BLOCKED entry despite the audit's errors."""
    if entry.status is not JobStatus.BLOCKED:
        raise Conflict("status", "only an entry blocked by the citation audit can be overridden")
    ctx.require(needed_role(entry.audience), "generating a dossier for this audience")
    text = _override(ctx, reason)
    if text is None:
        raise DomainError("override_reason", "give the reason for generating despite the errors")
    _update(
        ctx,
        entry,
        text,
        override_reason=text,
        override_by_id=ctx.user.id,
        status=JobStatus.QUEUED,
        progress=0,
        error=None,
    )
    return entry


def start(ctx: Context, entry: Dossier, job_id: str | None = None) -> None:
    if entry.status not in (JobStatus.QUEUED, JobStatus.FAILED):
        raise Conflict("status", f"dossier {entry.id} is {entry.status.label.lower()}, not queued")
    _update(
        ctx,
        entry,
        status=JobStatus.RUNNING,
        started_at=ctx.now(),
        progress=0,
        error=None,
        job_id=job_id or entry.job_id,
    )


@dataclass(frozen=True)
class Product:
    snapshot: Snapshot[Any]
    gate: findings.GateResult
    pdf: bytes | None  # None when the gate blocks it


def render(dto: Any, progress: Progress | None = None) -> bytes:
    """The builder for the DTO's kind (imported here: casebook never imports reportlab early)."""
    from casebook.services.dto import PersonDossier, ThematicReport

    if isinstance(dto, PersonDossier):
        import reports.person

        return reports.person.build(dto, progress)
    if isinstance(dto, ThematicReport):
        import reports.thematic  # type: ignore[import-untyped,unused-ignore]

        data: bytes = reports.thematic.build(dto, progress)
        return data
    raise TypeError(f"no builder for {type(dto).__name__}")


def produce(
    session: Session, entry: Dossier, today: date, progress: Progress | None = None
) -> Product:
    """Snapshot, gate and PDF for ``entry`` (reads only). The snapshot counts for the first
    fifth of the progress, the layout for the rest."""

    def part(offset: int, share: int) -> Progress | None:
        if progress is None:
            return None
        return lambda done, total: progress(offset + share * done // max(total, 1), 100)

    order = Order.of(entry)
    snap = take_snapshot(session, order, today, part(0, 20))
    gate = run_gate(session, snap, order.profile, today)
    if gate.blocked and not entry.override_reason:
        return Product(snap, gate, None)
    return Product(snap, gate, render(snap.dto, part(20, 80)))


def finish(ctx: Context, entry: Dossier, product: Product, pdfs: EvidenceStore) -> Dossier:
    snap, gate = product.snapshot, product.gate
    persons = list(ctx.session.scalars(select(Person).where(Person.id.in_(snap.person_ids))))
    entry.persons = persons
    if product.pdf is None:
        errors = len(gate.errors)
        _update(
            ctx,
            entry,
            status=JobStatus.BLOCKED,
            finished_at=ctx.now(),
            gate=gate.to_json(),
            error=f"blocked by the citation audit: {errors} error{'s' if errors != 1 else ''}",
        )
        return entry
    stored = pdfs.put_bytes(product.pdf)
    _update(
        ctx,
        entry,
        entry.override_reason,
        status=JobStatus.DONE,
        finished_at=ctx.now(),
        progress=100,
        reference=snap.reference,
        data_cutoff=snap.data_cutoff,
        snapshot_sha256=snap.sha256,
        pdf_sha256=stored.sha256,
        pdf_size=stored.size_bytes,
        page_count=page_count(product.pdf),
        filename=filename(snap.reference, entry.audience),
        gate=gate.to_json(),
        error=None,
    )
    return entry


def fail(ctx: Context, entry: Dossier, message: str) -> Dossier:
    error = clean_text(message)[:2000]
    _update(ctx, entry, status=JobStatus.FAILED, finished_at=ctx.now(), error=error)
    return entry


def set_progress(session: Session, dossier_id: int, percent: int) -> None:
    session.execute(
        update(Dossier).where(Dossier.id == dossier_id).values(progress=max(0, min(percent, 100)))
    )
