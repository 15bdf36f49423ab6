"""Advocacy: submissions to UN bodies, courts and others, and the consents that allow them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.db import Base
from casebook.models.common import (
    SHORT_TEXT,
    Record,
    live_index,
    order_check,
    record_checks,
    vocab,
)
from casebook.models.people import Person

if TYPE_CHECKING:
    from casebook.models.dossiers import Dossier
from casebook.vocab import (
    ConsentGiver,
    ConsentMethod,
    ConsentScope,
    Recipient,
    SubmissionStatus,
)

submission_person = Table(
    "submission_person",
    Base.metadata,
    Column("submission_id", ForeignKey("submission.id"), primary_key=True),
    Column("person_id", ForeignKey("person.id"), primary_key=True, index=True),
)


class Submission(Record, Base):
    __tablename__ = "submission"
    __table_args__ = (
        *record_checks(),
        order_check("submitted_on", "follow_up_on"),
        CheckConstraint("pdf_sha256 IS NULL OR length(pdf_sha256) = 64", name="sha256_length"),
        live_index("ix_submission_follow_up", "follow_up_on"),
    )
    LABEL = "submission"

    recipient: Mapped[Recipient] = vocab(Recipient)
    recipient_detail: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    procedure: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    title: Mapped[str] = mapped_column(String(1000))
    submitted_on: Mapped[date | None] = mapped_column(Date)
    reference_number: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[SubmissionStatus] = vocab(SubmissionStatus, default=SubmissionStatus.DRAFT)
    outcome: Mapped[str | None] = mapped_column(Text)
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    # SHA-256 of the exact PDF that was sent.
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(Text)

    persons: Mapped[list[Person]] = relationship(secondary=submission_person)
    # The registered dossier that was sent, when casebook generated it (a table of its own,
    # casebook.models.dossiers.submission_dossier, so the submission table is never rebuilt).
    dossier: Mapped[Dossier | None] = relationship(secondary="submission_dossier")


class Consent(Record, Base):
    __tablename__ = "consent"
    __table_args__ = (
        *record_checks(),
        order_check("given_on", "expires_on"),
        order_check("given_on", "withdrawn_on"),
        CheckConstraint("given_by <> 'PROXY' OR proxy_name IS NOT NULL", name="proxy_named"),
    )
    LABEL = "consent"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    given_by: Mapped[ConsentGiver] = vocab(ConsentGiver)
    proxy_name: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    proxy_relationship: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    scope: Mapped[ConsentScope] = vocab(ConsentScope)
    # Recipient codes the consent allows (empty list = any recipient within the scope).
    recipients_allowed: Mapped[list[str]] = mapped_column(default=list, info={"vocab": Recipient})
    method: Mapped[ConsentMethod] = vocab(ConsentMethod)
    given_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    # The signed form or recording, if kept.
    record_file_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_file.id"))
    notes: Mapped[str | None] = mapped_column(Text)

    def is_valid_on(self, day: date) -> bool:
        if self.retracted_at is not None or day < self.given_on:
            return False
        if self.withdrawn_on is not None and day >= self.withdrawn_on:
            return False
        return self.expires_on is None or day <= self.expires_on
