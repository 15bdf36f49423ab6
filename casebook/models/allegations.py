"""Allegations of abuse, who was involved, medical evaluations (Istanbul Protocol) and
death records (Minnesota Protocol)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
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
    ActType,
    AllegationStatus,
    ClaimKind,
    DatePrecision,
    DeathManner,
    InvolvementDegree,
    IstanbulGrade,
    StateResponse,
    TriState,
)


class Allegation(Record, Claim, Base):
    __tablename__ = "allegation"
    __table_args__ = (
        *record_checks(),
        fuzzy_date_check("start"),
        order_check("start_date", "end_date"),
        Index("ix_allegation_act_status", "act_type", "status"),
        live_index("ix_allegation_live", "id"),
        # By status (the dashboard); with the victim, so a few persons' allegations of a
        # status are point lookups, not a walk through every allegation of that status.
        live_index("ix_allegation_live_status", "status", "victim_id"),
    )
    LABEL = "allegation"
    CLAIM_KIND = ClaimKind.ALLEGATION

    victim_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    act_type: Mapped[ActType] = vocab(ActType)
    start_date: Mapped[date | None] = mapped_column(Date)
    start_precision: Mapped[DatePrecision] = vocab(DatePrecision, default=DatePrecision.UNKNOWN)
    start_as_reported: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    end_date: Mapped[date | None] = mapped_column(Date)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("detention_episode.id"))
    # A forced confession belongs to the trial that used it.
    proceeding_id: Mapped[int | None] = mapped_column(ForeignKey("proceeding.id"))
    description: Mapped[str | None] = mapped_column(Text)
    methods: Mapped[str | None] = mapped_column(Text)
    status: Mapped[AllegationStatus] = vocab(AllegationStatus, default=AllegationStatus.ALLEGED)
    state_response: Mapped[StateResponse] = vocab(StateResponse, default=StateResponse.NONE)
    state_response_note: Mapped[str | None] = mapped_column(Text)
    legal_references: Mapped[str | None] = mapped_column(Text)

    involvements: Mapped[list[Involvement]] = relationship(
        back_populates="allegation", order_by="Involvement.id"
    )


class Involvement(Record, Base):
    __tablename__ = "involvement"
    __table_args__ = (
        *record_checks(),
        CheckConstraint(
            "perpetrator_id IS NOT NULL OR perpetrator_unit IS NOT NULL", name="perpetrator_named"
        ),
    )
    LABEL = "involvement"

    allegation_id: Mapped[int] = mapped_column(ForeignKey("allegation.id"), index=True)
    perpetrator_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    perpetrator_unit: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    degree: Mapped[InvolvementDegree] = vocab(InvolvementDegree)
    note: Mapped[str | None] = mapped_column(Text)

    allegation: Mapped[Allegation] = relationship(back_populates="involvements")


class MedicalEvaluation(Record, Claim, Base):
    __tablename__ = "medical_evaluation"
    __table_args__ = (*record_checks(),)
    LABEL = "medical evaluation"
    CLAIM_KIND = ClaimKind.MEDICAL_EVALUATION

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    allegation_id: Mapped[int | None] = mapped_column(ForeignKey("allegation.id"), index=True)
    examined_on: Mapped[date | None] = mapped_column(Date)
    examiner: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    examiner_qualification: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    physical_findings: Mapped[str | None] = mapped_column(Text)
    psychological_findings: Mapped[str | None] = mapped_column(Text)
    # Istanbul Protocol consistency of the findings with the allegation. The absence of
    # physical findings does not rule torture out; NULL means not graded.
    istanbul_grade: Mapped[IstanbulGrade | None] = vocab(IstanbulGrade)
    conclusions: Mapped[str | None] = mapped_column(Text)


class DeathRecord(Record, Claim, Base):
    __tablename__ = "death_record"
    __table_args__ = (
        *record_checks(),
        fuzzy_date_check("death"),
        order_check("death_date", "remains_returned_date"),
    )
    LABEL = "death record"
    CLAIM_KIND = ClaimKind.DEATH_RECORD

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    death_date: Mapped[date | None] = mapped_column(Date)
    death_precision: Mapped[DatePrecision] = vocab(DatePrecision, default=DatePrecision.UNKNOWN)
    death_as_reported: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))
    # A death in custody presumes state responsibility (Minnesota Protocol para. 17).
    in_custody: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    cause: Mapped[str | None] = mapped_column(Text)
    manner: Mapped[DeathManner] = vocab(DeathManner, default=DeathManner.UNDETERMINED)
    autopsy: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    autopsy_by: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    remains_returned: Mapped[TriState] = vocab(TriState, default=TriState.UNKNOWN)
    remains_returned_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
