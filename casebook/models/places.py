"""Places (prisons, courts, capture sites, heritage sites...) and their names in several
scripts (Shushi / Shusha / Շուշի / Шуши)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.db import Base
from casebook.models.common import NAME_LENGTH, SHORT_TEXT, Record, record_checks, vocab
from casebook.vocab import CoordinatePrecision, NameKind, NameLanguage, PlaceKind, Script


class Place(Record, Base):
    __tablename__ = "place"
    __table_args__ = (
        *record_checks(),
        CheckConstraint("latitude IS NULL OR latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint(
            "longitude IS NULL OR longitude BETWEEN -180 AND 180", name="longitude_range"
        ),
        CheckConstraint(
            "(latitude IS NULL AND longitude IS NULL AND coordinate_precision IS NULL)"
            " OR (latitude IS NOT NULL AND longitude IS NOT NULL"
            " AND coordinate_precision IS NOT NULL)",
            name="coordinates_complete",
        ),
        CheckConstraint("length(name) > 0", name="name_nonempty"),
    )
    LABEL = "place"

    kind: Mapped[PlaceKind] = vocab(PlaceKind)
    # The name used in casebook's own output; every form is also a PlaceName.
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    country: Mapped[str | None] = mapped_column(String(3), info={"upper": True})
    region: Mapped[str | None] = mapped_column(String(SHORT_TEXT))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    coordinate_precision: Mapped[CoordinatePrecision | None] = vocab(CoordinatePrecision)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))
    note: Mapped[str | None] = mapped_column(Text)

    names: Mapped[list[PlaceName]] = relationship(back_populates="place", order_by="PlaceName.id")


class PlaceName(Record, Base):
    __tablename__ = "place_name"
    __table_args__ = (
        *record_checks(),
        CheckConstraint("length(name) > 0", name="name_nonempty"),
    )
    LABEL = "place name"

    place_id: Mapped[int] = mapped_column(ForeignKey("place.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    script: Mapped[Script] = vocab(Script)
    language: Mapped[NameLanguage] = vocab(NameLanguage)
    kind: Mapped[NameKind] = vocab(NameKind, default=NameKind.VARIANT)
    search_key: Mapped[str] = mapped_column(String(2 * NAME_LENGTH), index=True)

    place: Mapped[Place] = relationship(back_populates="names")
