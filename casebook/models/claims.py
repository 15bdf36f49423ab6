"""Claims and citations.

``ClaimAnchor`` (table ``claim``) is the one row every claim-bearing record owns; a
``Citation`` ties one claim to one source, with a pinpoint, the quote in its language and
a translation, a stance and an Admiralty credibility grade (1-6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.db import Base
from casebook.models.common import SHORT_TEXT, Record, record_checks, vocab
from casebook.vocab import ClaimKind, PinpointKind, Stance

if TYPE_CHECKING:
    from casebook.models.sources import Source


class ClaimAnchor(Base):
    __tablename__ = "claim"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[ClaimKind] = vocab(ClaimKind)


class Citation(Record, Base):
    __tablename__ = "citation"
    __table_args__ = (
        *record_checks(),
        CheckConstraint(
            "credibility IS NULL OR (credibility BETWEEN 1 AND 6)", name="credibility_range"
        ),
        CheckConstraint("(pinpoint_kind IS NULL) = (pinpoint IS NULL)", name="pinpoint_pair"),
        CheckConstraint(
            "quote_translation IS NULL OR quote_original IS NOT NULL", name="translation_of_quote"
        ),
        # A claim's citations, and "has it a live citation?" from the index alone (audit).
        Index("ix_citation_claim_live", "claim_id", "retracted_at"),
    )
    LABEL = "citation"
    # Here claim_id is what the user chooses: the claim being cited for.
    SYSTEM_FIELDS = Record.SYSTEM_FIELDS - {"claim_id"}

    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    pinpoint_kind: Mapped[PinpointKind | None] = vocab(PinpointKind)
    pinpoint: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    quote_original: Mapped[str | None] = mapped_column(Text)
    # BCP 47 tag of the quote (hy, ru, az-Latn, en...).
    quote_language: Mapped[str | None] = mapped_column(String(35))
    quote_translation: Mapped[str | None] = mapped_column(Text)
    stance: Mapped[Stance] = vocab(Stance, default=Stance.SUPPORTS)
    # Admiralty information credibility, 1 (confirmed) to 6 (cannot judge); NULL = ungraded.
    credibility: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)

    claim: Mapped[ClaimAnchor] = relationship()
    source: Mapped[Source] = relationship()
