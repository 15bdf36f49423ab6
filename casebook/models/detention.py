"""Detention episodes (capture to release) and the custody events within them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.db import Base
from casebook.models.common import (
    SHORT_TEXT,
    Claim,
    Record,
    fuzzy_date_check,
    live_index,
    order_check,
    record_checks,
    vocab,
)
from casebook.vocab import (
    Acknowledgment,
    AssertedStatus,
    ClaimKind,
    CustodyEventType,
    DatePrecision,
    EpisodeEndReason,
)


class DetentionEpisode(Record, Claim, Base):
    __tablename__ = "detention_episode"
    __table_args__ = (
        *record_checks(),
        fuzzy_date_check("capture"),
        fuzzy_date_check("end"),
        order_check("capture_date", "end_date"),
        order_check("capture_date", "acknowledged_date"),
        # Persons held now (the dashboard): open episodes.
        live_index("ix_detention_episode_open", "person_id", where="end_date IS NULL"),
    )
    LABEL = "detention episode"
    CLAIM_KIND = ClaimKind.DETENTION_EPISODE

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    capture_date: Mapped[date | None] = mapped_column(Date)
    capture_precision: Mapped[DatePrecision] = vocab(DatePrecision, default=DatePrecision.UNKNOWN)
    capture_as_reported: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    capture_place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"), index=True)
    capturing_force: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    circumstances: Mapped[str | None] = mapped_column(Text)
    warrant: Mapped[str | None] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    acknowledgment: Mapped[Acknowledgment] = vocab(Acknowledgment, default=Acknowledgment.UNKNOWN)
    acknowledged_date: Mapped[date | None] = mapped_column(Date)
    detaining_state_status: Mapped[AssertedStatus] = vocab(
        AssertedStatus, default=AssertedStatus.UNKNOWN
    )
    home_state_status: Mapped[AssertedStatus] = vocab(
        AssertedStatus, default=AssertedStatus.UNKNOWN
    )
    end_date: Mapped[date | None] = mapped_column(Date)
    end_precision: Mapped[DatePrecision] = vocab(DatePrecision, default=DatePrecision.UNKNOWN)
    end_as_reported: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    end_reason: Mapped[EpisodeEndReason] = vocab(EpisodeEndReason, default=EpisodeEndReason.ONGOING)

    events: Mapped[list[CustodyEvent]] = relationship(
        back_populates="episode", order_by="CustodyEvent.start_date"
    )


class CustodyEvent(Record, Claim, Base):
    __tablename__ = "custody_event"
    __table_args__ = (
        *record_checks(),
        fuzzy_date_check("start"),
        order_check("start_date", "end_date"),
    )
    LABEL = "custody event"
    CLAIM_KIND = ClaimKind.CUSTODY_EVENT

    episode_id: Mapped[int] = mapped_column(ForeignKey("detention_episode.id"), index=True)
    event_type: Mapped[CustodyEventType] = vocab(CustodyEventType)
    start_date: Mapped[date | None] = mapped_column(Date)
    start_precision: Mapped[DatePrecision] = vocab(DatePrecision, default=DatePrecision.UNKNOWN)
    start_as_reported: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    end_date: Mapped[date | None] = mapped_column(Date)
    from_place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"), index=True)
    to_place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"), index=True)
    custodian: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    description: Mapped[str | None] = mapped_column(Text)

    episode: Mapped[DetentionEpisode] = relationship(back_populates="events")
