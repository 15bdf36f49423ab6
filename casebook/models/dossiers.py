"""The register of generated documents: every dossier, thematic report and audit report
casebook has produced, so a PDF found anywhere can be traced to exactly what made it.

A register entry is written when generation is requested and completed by the job that
builds the PDF. ``reference`` is derived from the data snapshot, the audience and the
options, so generating the same dossier twice gives the same reference and the same bytes
(two entries, one PDF hash). Entries are never deleted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.db import Base
from casebook.models.common import SHORT_TEXT, vocab
from casebook.models.people import Person
from casebook.vocab import Audience, DossierKind, JobStatus, Recipient

dossier_person = Table(
    "dossier_person",
    Base.metadata,
    Column("dossier_id", ForeignKey("dossier.id"), primary_key=True),
    Column("person_id", ForeignKey("person.id"), primary_key=True, index=True),
)

# The dossier a submission sent (at most one per submission).
submission_dossier = Table(
    "submission_dossier",
    Base.metadata,
    Column("submission_id", ForeignKey("submission.id"), primary_key=True),
    Column("dossier_id", ForeignKey("dossier.id"), nullable=False, index=True),
)


class Dossier(Base):
    __tablename__ = "dossier"
    __table_args__ = (
        CheckConstraint("pdf_sha256 IS NULL OR length(pdf_sha256) = 64", name="pdf_sha256_length"),
        CheckConstraint(
            "snapshot_sha256 IS NULL OR length(snapshot_sha256) = 64",
            name="snapshot_sha256_length",
        ),
        CheckConstraint("status <> 'DONE' OR pdf_sha256 IS NOT NULL", name="done_has_pdf"),
        CheckConstraint(
            "(override_reason IS NULL) = (override_by_id IS NULL)", name="override_complete"
        ),
    )
    LABEL = "dossier"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[DossierKind] = vocab(DossierKind)
    audience: Mapped[Audience] = vocab(Audience)
    # For a CONFIDENTIAL dossier: the kind of recipient and the named recipient.
    recipient: Mapped[Recipient | None] = vocab(Recipient)
    recipient_name: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    # The selection and options that, with the data, determine the document (filters of a
    # thematic report, a person id...): JSON, keys sorted when hashed.
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[JobStatus] = vocab(JobStatus, default=JobStatus.QUEUED)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    requested_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # The task queue's id for the job building it.
    job_id: Mapped[str | None] = mapped_column(String(64))
    # Progress of the job, 0-100, for the status page.
    progress: Mapped[int] = mapped_column(Integer, default=0)
    # Set when built: the reference printed in the PDF (derived from what follows), the data
    # cut-off (the latest change to any record it draws on), and the hashes.
    reference: Mapped[str | None] = mapped_column(String(40), index=True)
    data_cutoff: Mapped[datetime | None]
    snapshot_sha256: Mapped[str | None] = mapped_column(String(64))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    pdf_size: Mapped[int | None] = mapped_column(BigInteger)
    page_count: Mapped[int | None] = mapped_column(Integer)
    filename: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    # What the citation audit found for the records included (counts and findings), and a
    # reviewer's written reason for generating despite errors.
    gate: Mapped[dict[str, Any] | None]
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    error: Mapped[str | None] = mapped_column(Text)

    persons: Mapped[list[Person]] = relationship(secondary=dossier_person)
