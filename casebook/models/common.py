"""What every case record shares: identity, confidentiality, who and when, retraction,
a version counter, and (for claims) the anchor that citations point at.

Also the column helpers that keep the database enforcing the vocabularies and the
uncertain-date convention.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    event,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from casebook.db import Base
from casebook.vocab import ClaimKind, Confidentiality, DatePrecision, Vocab

VOCAB_LENGTH = 32
NAME_LENGTH = 500
SHORT_TEXT = 255


class VocabType(TypeDecorator[Vocab]):
    """A vocabulary term stored as its value in a VARCHAR, with a CHECK listing the values."""

    impl = String(VOCAB_LENGTH)
    cache_ok = True

    def __init__(self, enum_cls: type[Vocab]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        term = value if isinstance(value, self.enum_cls) else self.enum_cls.of(str(value))
        return str(term.value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Vocab | None:
        if value is None:
            return None
        return self.enum_cls.of(value)

    @property
    def python_type(self) -> type[Vocab]:
        return self.enum_cls


@event.listens_for(Column, "after_parent_attach")
def _vocab_check(column: Column[Any], table: Any) -> None:
    """Every vocabulary column gets a CHECK naming the allowed values."""
    if not (isinstance(column.type, VocabType) and isinstance(table, Table)):
        return
    # Only the models' own tables: a copy (Table.to_metadata, Alembic autogenerate) attaches
    # the column again and copies the original CHECK as well.
    if table.metadata is not Base.metadata:
        return
    values = [term.value for term in column.type.enum_cls]
    table.append_constraint(CheckConstraint(column.in_(values), name=f"{column.name}_vocab"))


def vocab(enum_cls: type[Vocab], **kwargs: Any) -> Any:
    """A mapped column holding one term of ``enum_cls``."""
    return mapped_column(VocabType(enum_cls), **kwargs)


def fuzzy_date_check(prefix: str) -> CheckConstraint:
    """A date is present exactly when its precision is not UNKNOWN."""
    return CheckConstraint(
        f"({prefix}_date IS NULL) = ({prefix}_precision = 'UNKNOWN')",
        name=f"{prefix}_precision",
    )


def order_check(start: str, end: str, name: str | None = None) -> CheckConstraint:
    """``end`` is not before ``start`` (either may be unknown)."""
    return CheckConstraint(
        f"{end} IS NULL OR {start} IS NULL OR {end} >= {start}",
        name=name or f"{end}_after_{start}",
    )


def live_index(name: str, *columns: str, where: str | None = None) -> Index:
    """A partial index over the live (not retracted) rows, on both databases: what lists,
    counts and the dashboard read. ``where`` narrows it further."""
    condition = "retracted_at IS NULL" + (f" AND {where}" if where else "")
    return Index(name, *columns, sqlite_where=text(condition), postgresql_where=text(condition))


class Record:
    """Mixin for every case record.

    Records are never deleted: they are retracted (with who, when and why) and kept.
    ``version`` is SQLAlchemy's version counter: an UPDATE carries ``WHERE version = n``
    so two writers holding the same version cannot both win.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-10)
    confidentiality: Mapped[Confidentiality] = vocab(
        Confidentiality, default=Confidentiality.CONFIDENTIAL, sort_order=-9
    )
    created_at: Mapped[datetime] = mapped_column(sort_order=10)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), sort_order=10)
    updated_at: Mapped[datetime] = mapped_column(sort_order=10)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), sort_order=10)
    retracted_at: Mapped[datetime | None] = mapped_column(sort_order=10)
    retracted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id"), sort_order=10
    )
    retraction_reason: Mapped[str | None] = mapped_column(Text, sort_order=10)
    version: Mapped[int] = mapped_column(Integer, default=1, sort_order=10)

    # Fields no form may set: the services own them.
    SYSTEM_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {
            "id",
            "created_at",
            "created_by_id",
            "updated_at",
            "updated_by_id",
            "retracted_at",
            "retracted_by_id",
            "retraction_reason",
            "version",
            "claim_id",
            "search_key",
            "sort_key",
        }
    )
    # A human name for messages ("person", "detention episode").
    LABEL: ClassVar[str] = "record"

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    @property
    def is_retracted(self) -> bool:
        return self.retracted_at is not None


def record_checks() -> tuple[CheckConstraint, ...]:
    """The constraints every record table carries."""
    return (
        CheckConstraint(
            "(retracted_at IS NULL AND retracted_by_id IS NULL AND retraction_reason IS NULL)"
            " OR (retracted_at IS NOT NULL AND retracted_by_id IS NOT NULL"
            " AND retraction_reason IS NOT NULL)",
            name="retraction",
        ),
        CheckConstraint("version >= 1", name="version_positive"),
    )


class Claim:
    """Mixin for records that assert a fact about the world.

    Each such record owns one row of ``claim``; citations reference that row through a
    real foreign key, so "claims without a citation" is one anti-join.
    """

    CLAIM_KIND: ClassVar[ClaimKind]

    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), unique=True, sort_order=-8)

    @declared_attr
    def claim(cls) -> Mapped[Any]:
        return relationship("ClaimAnchor")


__all__ = [
    "NAME_LENGTH",
    "SHORT_TEXT",
    "Claim",
    "DatePrecision",
    "Record",
    "VocabType",
    "date",
    "fuzzy_date_check",
    "live_index",
    "order_check",
    "record_checks",
    "vocab",
]
