"""Writing the audit log, and keeping it append-only at the ORM level.

(The database refuses UPDATE and DELETE on ``audit_event`` too: see the migrations.)
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from casebook.models.audit import AuditEvent
from casebook.models.sources import CustodyLogEntry
from casebook.services.context import Context
from casebook.vocab import AuditAction

# Never copied into the audit log, even as before/after values.
SECRET_FIELDS = frozenset({"password_hash"})


def jsonable(value: Any) -> Any:
    """A JSON-safe form of a column value (dates as ISO strings, terms as their value)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return str(value)


def row_values(obj: Any) -> dict[str, Any]:
    """Every column of ``obj`` that holds a value, JSON-safe, secrets masked."""
    values: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        value = getattr(obj, attr.key)
        if value is None:
            continue
        values[attr.key] = "(set)" if attr.key in SECRET_FIELDS else jsonable(value)
    return values


def record_event(
    ctx: Context,
    action: AuditAction,
    entity: str,
    record_id: int | None,
    changes: dict[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEvent:
    audit = AuditEvent(
        occurred_at=ctx.now(),
        user_id=ctx.user.id,
        via=ctx.via,
        actor_note=ctx.actor_note,
        action=action,
        entity=entity,
        record_id=record_id,
        changes=changes,
        reason=reason,
    )
    ctx.session.add(audit)
    return audit


@event.listens_for(Session, "before_flush")
def _append_only(session: Session, _flush_context: Any, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent | CustodyLogEntry) and (
            obj in session.deleted or session.is_modified(obj)
        ):
            raise RuntimeError(f"{type(obj).__name__} rows are append-only")
