"""People: detainees, missing and deceased persons, relatives, witnesses, perpetrators,
officials, lawyers and judges; their names in every script, identifiers and relationships.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.db import Base
from casebook.models.common import (
    NAME_LENGTH,
    SHORT_TEXT,
    Record,
    fuzzy_date_check,
    live_index,
    record_checks,
    vocab,
)
from casebook.vocab import (
    DatePrecision,
    IdentifierScheme,
    NameKind,
    NameLanguage,
    PersonCategory,
    PersonStatus,
    RelationshipKind,
    Script,
    Sex,
)


class Person(Record, Base):
    __tablename__ = "person"
    __table_args__ = (
        *record_checks(),
        fuzzy_date_check("birth"),
        CheckConstraint(
            "nationality IS NULL OR length(nationality) BETWEEN 2 AND 3", name="nationality_iso"
        ),
        # The lists: by name (deep pages and counts from the index alone), recently
        # changed, by category and status; the dashboard's urgent cases.
        live_index("ix_person_live_sort", "sort_key", "id", "category", "current_status"),
        live_index("ix_person_live_updated", "updated_at", "id", "category", "current_status"),
        live_index("ix_person_live_category", "category", "current_status", "sort_key", "id"),
        live_index("ix_person_urgent", "id", where="urgent"),
        live_index("ix_person_live_status", "current_status"),
    )
    LABEL = "person"

    category: Mapped[PersonCategory] = vocab(PersonCategory)
    sex: Mapped[Sex] = vocab(Sex, default=Sex.UNKNOWN)
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_precision: Mapped[DatePrecision] = vocab(DatePrecision, default=DatePrecision.UNKNOWN)
    birth_as_reported: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    birth_place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))
    # ISO 3166-1 alpha-2 or alpha-3 code.
    nationality: Mapped[str | None] = mapped_column(String(3), info={"upper": True})
    # GC III Art. 17: surname, first names, rank, date of birth, service number (the service
    # number is a PersonIdentifier with scheme SERVICE_NUMBER).
    military_rank: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    military_unit: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    armed_force: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    civilian_occupation: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    current_status: Mapped[PersonStatus] = vocab(PersonStatus, default=PersonStatus.UNKNOWN)
    status_as_of: Mapped[date | None] = mapped_column(Date)
    # An evidence file holding the photograph (its use is governed by consent).
    photo_file_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_file.id"))
    summary: Mapped[str | None] = mapped_column(Text)
    urgent: Mapped[bool] = mapped_column(default=False)
    urgency_note: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # Derived: the folded key of the name lists sort by (kept by casebook.services.search).
    sort_key: Mapped[str | None] = mapped_column(String(2 * NAME_LENGTH), index=True)

    names: Mapped[list[PersonName]] = relationship(
        back_populates="person", order_by="PersonName.id"
    )
    identifiers: Mapped[list[PersonIdentifier]] = relationship(
        back_populates="person", order_by="PersonIdentifier.id"
    )

    @property
    def primary_name(self) -> str:
        live = [n for n in self.names if n.retracted_at is None]
        for name in live:
            if name.kind is NameKind.PRIMARY:
                return name.full_name
        return live[0].full_name if live else f"Person {self.id}"


class PersonName(Record, Base):
    __tablename__ = "person_name"
    __table_args__ = (
        *record_checks(),
        CheckConstraint("length(full_name) > 0", name="full_name_nonempty"),
    )
    LABEL = "person name"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    # Verbatim, as written in the source or by the family; never "corrected".
    full_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    given_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    patronymic: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    family_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    script: Mapped[Script] = vocab(Script)
    language: Mapped[NameLanguage] = vocab(NameLanguage)
    kind: Mapped[NameKind] = vocab(NameKind, default=NameKind.VARIANT)
    # Script-independent folded key (casebook.services.names.fold): "Hovhannisyan",
    # "Ованнисян" and "Հովհաննիսյան" share one.
    search_key: Mapped[str] = mapped_column(String(2 * NAME_LENGTH), index=True)
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="names")


class PersonNameToken(Base):
    """One word of a name's folded search key: the index behind name search.

    Derived from ``person_name.search_key`` by casebook.services.search whenever names
    are flushed; never edited, so it carries no audit trail of its own.
    """

    __tablename__ = "person_name_token"
    # A search reads the persons having a word from the index alone.
    __table_args__ = (Index("ix_person_name_token_token", "token", "person_id"),)

    person_name_id: Mapped[int] = mapped_column(ForeignKey("person_name.id"), primary_key=True)
    token: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)


class PersonIdentifier(Record, Base):
    __tablename__ = "person_identifier"
    __table_args__ = (
        *record_checks(),
        UniqueConstraint("scheme", "value"),
        CheckConstraint("length(value) > 0", name="value_nonempty"),
    )
    LABEL = "identifier"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    scheme: Mapped[IdentifierScheme] = vocab(IdentifierScheme)
    value: Mapped[str] = mapped_column(String(100))
    issuer: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="identifiers")


class Relationship(Record, Base):
    __tablename__ = "relationship"
    __table_args__ = (
        *record_checks(),
        CheckConstraint("person_id <> related_person_id", name="not_self"),
        UniqueConstraint("person_id", "related_person_id", "kind"),
    )
    LABEL = "relationship"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    related_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    # What the related person is to the person: their PARENT, their LAWYER...
    kind: Mapped[RelationshipKind] = vocab(RelationshipKind)
    is_next_of_kin: Mapped[bool] = mapped_column(default=False)
    notify: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
