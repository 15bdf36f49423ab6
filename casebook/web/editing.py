"""The one way views save a form through a service.

``save()`` validates the form, calls the service, and on failure puts the service's errors
next to the fields. A stale version does not lose the user's typing: the form comes back
with what they entered, the changes saved meanwhile (from the audit log), and the current
version, so saving again is a deliberate choice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from flask_wtf import FlaskForm
from sqlalchemy import select

from casebook.errors import DomainError, StaleVersion
from casebook.forms.common import SelectChoice, options, show_errors
from casebook.models.audit import AuditEvent
from casebook.services.context import Context
from casebook.vocab import AuditAction
from casebook.web.deps import db, web_context

T = TypeVar("T")

VERSIONED_ACTIONS = (AuditAction.UPDATE, AuditAction.RETRACT, AuditAction.RESTORE)


@dataclass(frozen=True)
class EditConflict:
    """What a colleague saved while the user was editing."""

    entity: str
    record_id: int
    expected: int
    actual: int
    changes: Sequence[AuditEvent]


def changes_since(entity: str, record_id: int, expected: int, actual: int) -> list[AuditEvent]:
    """The audit events that took ``record_id`` from version ``expected`` to ``actual``."""
    events = list(
        db().scalars(
            select(AuditEvent)
            .where(
                AuditEvent.entity == entity,
                AuditEvent.record_id == record_id,
                AuditEvent.action.in_(VERSIONED_ACTIONS),
            )
            .order_by(AuditEvent.id.desc())
            .limit(max(actual - expected, 0))
        )
    )
    return list(reversed(events))


def save(form: FlaskForm, action: Callable[[Context], T]) -> T | None:
    """Run ``action`` if the submitted form is valid; None if there was anything to fix."""
    if not form.validate_on_submit():
        return None
    try:
        return action(web_context())
    except StaleVersion as exc:
        entity = exc.table
        form.conflict = EditConflict(
            entity,
            exc.ident,
            exc.expected,
            exc.actual,
            changes_since(entity, exc.ident, exc.expected, exc.actual),
        )
        version = getattr(form, "version", None)
        if version is not None:
            version.data = str(exc.actual)
        show_errors(form, exc)
        return None
    except DomainError as exc:
        show_errors(form, exc)
        return None


def choices(rows: Sequence[tuple[Any, str]], *, blank: str | None = "—") -> list[SelectChoice]:
    """(id, label) options for an id_select, with an empty first entry when optional."""
    pairs: list[tuple[Any, str]] = [("", blank)] if blank is not None else []
    pairs.extend((ident, label) for ident, label in rows)
    return options(pairs)
