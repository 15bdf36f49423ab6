"""The audit log: append-only.

Services insert one row per insert, update and retraction, in the same transaction as the
write. Nothing updates or deletes a row: the ORM refuses (see casebook.services.audit) and
the database refuses too (triggers created by the migrations).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from casebook.db import Base
from casebook.models.common import vocab
from casebook.vocab import AuditAction

# The actions that change a record (the dashboard's "recent changes"), and the same as SQL
# text: the condition of the partial index ix_audit_event_changes and of the query using it.
CHANGE_ACTIONS = (AuditAction.INSERT, AuditAction.UPDATE, AuditAction.RETRACT, AuditAction.RESTORE)
CHANGES = "action IN ({})".format(", ".join(f"'{a.value}'" for a in CHANGE_ACTIONS))


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity_record", "entity", "record_id"),
        # "Recent changes" (the dashboard) among millions of login, access and import rows.
        Index(
            "ix_audit_event_changes",
            "id",
            sqlite_where=text(CHANGES),
            postgresql_where=text(CHANGES),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    # Where the write came from: web, cli, import, worker...
    via: Mapped[str] = mapped_column(String(32))
    # Who was at the keyboard when that is not a user account (the OS user of a CLI run).
    actor_note: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[AuditAction] = vocab(AuditAction)
    # The table of the record and its id (the audit log must outlive any record's schema,
    # so this one pair is deliberately not a foreign key).
    entity: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int | None] = mapped_column(Integer)
    # Field-level change: {"field": [before, after]} for updates, {"field": value} for inserts.
    changes: Mapped[dict[str, Any] | None]
    reason: Mapped[str | None] = mapped_column(Text)
