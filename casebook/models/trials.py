"""Proceedings (investigation, trial, appeal, cassation), their charges, hearings,
fair-trial findings (G01-G15) and sentences."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
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
    ChargeOutcome,
    ClaimKind,
    CounselType,
    DatePrecision,
    Finding,
    Guarantee,
    MonitoringMode,
    ProceedingInstance,
    PublicAccess,
    Restraint,
    SentenceType,
    TriState,
)


class Proceeding(Record, Claim, Base):
    __tablename__ = "proceeding"
    __table_args__ = (
        *record_checks(),
        fuzzy_date_check("start"),
        order_check("start_date", "end_date"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        live_index("ix_proceeding_live_start", "start_date", "id"),
    )
    LABEL = "proceeding"
    CLAIM_KIND = ClaimKind.PROCEEDING

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("detention_episode.id"))
    # The lower instance this one reviews (an appeal's first-instance trial).
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("proceeding.id"))
    instance: Mapped[ProceedingInstance] = vocab(ProceedingInstance)
    court_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"), index=True)
    case_number: Mapped[str | None] = mapped_column(String(100))
    start_date: Mapped[date | None] = mapped_column(Date)
    start_precision: Mapped[DatePrecision] = vocab(DatePrecision, default=DatePrecision.UNKNOWN)
    start_as_reported: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    end_date: Mapped[date | None] = mapped_column(Date)
    judges: Mapped[str | None] = mapped_column(Text)
    prosecutor: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    counsel_type: Mapped[CounselType] = vocab(CounselType, default=CounselType.UNKNOWN)
    counsel_name: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    trial_language: Mapped[str | None] = mapped_column(String(35))
    interpreter: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    public_access: Mapped[PublicAccess] = vocab(PublicAccess, default=PublicAccess.UNKNOWN)
    icrc_notified: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    protecting_power_notified: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    verdict_summary: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)

    charges: Mapped[list[Charge]] = relationship(back_populates="proceeding", order_by="Charge.id")
    hearings: Mapped[list[Hearing]] = relationship(
        back_populates="proceeding", order_by="Hearing.hearing_date"
    )


class Charge(Record, Base):
    __tablename__ = "charge"
    __table_args__ = (*record_checks(),)
    LABEL = "charge"

    proceeding_id: Mapped[int] = mapped_column(ForeignKey("proceeding.id"), index=True)
    statute: Mapped[str] = mapped_column(String(SHORT_TEXT))
    article: Mapped[str | None] = mapped_column(String(100))
    text_as_charged: Mapped[str | None] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[ChargeOutcome] = vocab(ChargeOutcome, default=ChargeOutcome.PENDING)
    concerns_pre_capture_conduct: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)

    proceeding: Mapped[Proceeding] = relationship(back_populates="charges")


class Hearing(Record, Claim, Base):
    """One trial-monitoring form: what the monitor saw kept apart from what they were told."""

    __tablename__ = "hearing"
    __table_args__ = (*record_checks(), order_check("hearing_date", "next_date"))
    LABEL = "hearing"
    CLAIM_KIND = ClaimKind.HEARING

    proceeding_id: Mapped[int] = mapped_column(ForeignKey("proceeding.id"), index=True)
    hearing_date: Mapped[date] = mapped_column(Date)
    monitored_by: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    monitoring_mode: Mapped[MonitoringMode] = vocab(MonitoringMode)
    public_admitted: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    defendant_present: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    counsel_present: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    interpreter_present: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    restraints: Mapped[Restraint] = vocab(Restraint, default=Restraint.UNKNOWN)
    observed: Mapped[str | None] = mapped_column(Text)
    reported: Mapped[str | None] = mapped_column(Text)
    irregularities: Mapped[str | None] = mapped_column(Text)
    next_date: Mapped[date | None] = mapped_column(Date)

    proceeding: Mapped[Proceeding] = relationship(back_populates="hearings")


class FairTrialAssessment(Record, Claim, Base):
    __tablename__ = "fair_trial_assessment"
    __table_args__ = (*record_checks(), UniqueConstraint("proceeding_id", "guarantee"))
    LABEL = "fair-trial finding"
    CLAIM_KIND = ClaimKind.FAIR_TRIAL_ASSESSMENT

    proceeding_id: Mapped[int] = mapped_column(ForeignKey("proceeding.id"), index=True)
    guarantee: Mapped[Guarantee] = vocab(Guarantee)
    finding: Mapped[Finding] = vocab(Finding, default=Finding.NO_INFORMATION)
    rationale: Mapped[str | None] = mapped_column(Text)


class Sentence(Record, Claim, Base):
    __tablename__ = "sentence"
    __table_args__ = (
        *record_checks(),
        CheckConstraint("term_months IS NULL OR term_months > 0", name="term_positive"),
        CheckConstraint(
            "sentence_type <> 'IMPRISONMENT' OR term_months IS NOT NULL", name="term_given"
        ),
        order_check("start_date", "release_date"),
    )
    LABEL = "sentence"
    CLAIM_KIND = ClaimKind.SENTENCE

    proceeding_id: Mapped[int] = mapped_column(ForeignKey("proceeding.id"), index=True)
    sentence_type: Mapped[SentenceType] = vocab(SentenceType)
    term_months: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[date | None] = mapped_column(Date)
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))
    appeal: Mapped[str | None] = mapped_column(Text)
    pardon_or_release: Mapped[str | None] = mapped_column(Text)
    release_date: Mapped[date | None] = mapped_column(Date)
