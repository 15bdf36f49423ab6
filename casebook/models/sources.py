"""Sources, their informants (always RESTRICTED), evidence files and the chain of custody."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.db import Base
from casebook.models.common import (
    SHORT_TEXT,
    Record,
    fuzzy_date_check,
    live_index,
    record_checks,
    vocab,
)
from casebook.vocab import (
    CustodyAction,
    DatePrecision,
    EvidenceRole,
    Reliability,
    SourceAffiliation,
    SourceType,
    VerificationOutcome,
)

SHA256_CHECK = "length({col}) = 64"


class Source(Record, Base):
    __tablename__ = "source"
    __table_args__ = (
        *record_checks(),
        fuzzy_date_check("published"),
        CheckConstraint("derived_from_id IS NULL OR derived_from_id <> id", name="not_own_origin"),
        CheckConstraint("length(title) > 0", name="title_nonempty"),
        live_index("ix_source_live", "id"),
        live_index("ix_source_ungraded", "id", where="reliability IS NULL"),
    )
    LABEL = "source"

    source_type: Mapped[SourceType] = vocab(SourceType)
    title: Mapped[str] = mapped_column(String(1000))
    author: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    publisher: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    # BCP 47 language tag of the source.
    language: Mapped[str | None] = mapped_column(String(35))
    published_date: Mapped[date | None] = mapped_column(Date)
    published_precision: Mapped[DatePrecision] = vocab(DatePrecision, default=DatePrecision.UNKNOWN)
    published_as_reported: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    url: Mapped[str | None] = mapped_column(String(2000))
    archive_urls: Mapped[list[str]] = mapped_column(default=list)
    retrieved_at: Mapped[datetime | None]
    # Copies and re-reports of one original are one origin for corroboration.
    derived_from_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"), index=True)
    affiliation: Mapped[SourceAffiliation] = vocab(
        SourceAffiliation, default=SourceAffiliation.UNKNOWN
    )
    # Admiralty source reliability, graded once per source; NULL = not yet graded.
    reliability: Mapped[Reliability | None] = vocab(Reliability)
    reliability_rationale: Mapped[str | None] = mapped_column(Text)
    # Number of pages or running time in seconds: a long source needs pinpoints.
    extent_pages: Mapped[int | None] = mapped_column(Integer)
    extent_seconds: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)

    files: Mapped[list[EvidenceFile]] = relationship(
        back_populates="source", order_by="EvidenceFile.id"
    )


class Informant(Record, Base):
    """Who gave us a source. Never leaves the organisation, whatever the output."""

    __tablename__ = "informant"
    __table_args__ = (
        *record_checks(),
        CheckConstraint("confidentiality = 'RESTRICTED'", name="always_restricted"),
    )
    LABEL = "informant"

    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), unique=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT))
    contact: Mapped[str | None] = mapped_column(Text)
    relation_to_case: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    notes: Mapped[str | None] = mapped_column(Text)


class EvidenceFile(Record, Base):
    __tablename__ = "evidence_file"
    __table_args__ = (
        *record_checks(),
        CheckConstraint(SHA256_CHECK.format(col="sha256"), name="sha256_length"),
        CheckConstraint("size_bytes >= 0", name="size_nonnegative"),
    )
    LABEL = "evidence file"

    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    role: Mapped[EvidenceRole] = vocab(EvidenceRole)
    # Lower-case hex SHA-256 of the bytes; also the file's name in the evidence store.
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(127))
    # Kept as data only; never used as a path.
    original_filename: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    acquired_at: Mapped[datetime | None]
    acquired_by: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    note: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source] = relationship(back_populates="files")
    custody_log: Mapped[list[CustodyLogEntry]] = relationship(
        back_populates="evidence_file", order_by="CustodyLogEntry.occurred_at"
    )


class CustodyLogEntry(Base):
    """Chain of custody (Berkeley Protocol): append-only, like the audit log."""

    __tablename__ = "custody_log_entry"
    __table_args__ = (
        CheckConstraint(
            "observed_sha256 IS NULL OR length(observed_sha256) = 64", name="sha256_length"
        ),
        CheckConstraint(
            "(action = 'VERIFIED') = (outcome IS NOT NULL)", name="outcome_only_for_verification"
        ),
    )
    LABEL = "custody log entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evidence_file_id: Mapped[int] = mapped_column(ForeignKey("evidence_file.id"), index=True)
    action: Mapped[CustodyAction] = vocab(CustodyAction)
    occurred_at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # The person or organisation holding the file after this step.
    custodian: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    observed_sha256: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[VerificationOutcome | None] = vocab(VerificationOutcome)
    note: Mapped[str | None] = mapped_column(Text)

    evidence_file: Mapped[EvidenceFile] = relationship(back_populates="custody_log")
