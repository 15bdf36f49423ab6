"""The one way views save a form through a service.

``save()`` validates the form, calls the service, and on failure puts the service's errors
next to the fields. A stale version does not lose the user's typing: the form comes back
with what they entered, the changes saved meanwhile (from the audit log), and the current
version, so saving again is a deliberate choice.

``edit_record()`` is the whole of an edit view but its page: load the record, build its
form, prefill the version on GET, save through ``records.update`` (or another service
call). ``add_record()`` does the same for a record added to another (a name to a person).
``finish()`` then redirects once saved or renders the form again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import flash, redirect, render_template, request
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from casebook.errors import DomainError, StaleVersion
from casebook.forms.common import RecordForm, SelectChoice, VersionedForm, options, show_errors
from casebook.models.accounts import User
from casebook.models.audit import AuditEvent
from casebook.models.common import Record
from casebook.services import records
from casebook.services.context import Context
from casebook.vocab import AuditAction
from casebook.web.deps import db, web_context

T = TypeVar("T")
R = TypeVar("R", bound=Record)
F = TypeVar("F", bound=VersionedForm)

VERSIONED_ACTIONS = (AuditAction.UPDATE, AuditAction.RETRACT, AuditAction.RESTORE)


@dataclass(frozen=True)
class EditConflict:
    """What a colleague saved while the user was editing."""

    entity: str
    record_id: int
    expected: int
    actual: int
    changes: Sequence[AuditEvent]
    users: dict[int, str]


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


def _names(events: Sequence[AuditEvent]) -> dict[int, str]:
    """The display names of the users behind ``events``."""
    ids = {e.user_id for e in events if e.user_id is not None}
    if not ids:
        return {}
    rows = db().execute(select(User.id, User.display_name).where(User.id.in_(ids)))
    return {row.id: row.display_name for row in rows}


def save(form: FlaskForm, action: Callable[[Context], T]) -> T | None:
    """Run ``action`` if the submitted form is valid; None if there was anything to fix."""
    if not form.validate_on_submit():
        return None
    try:
        return action(web_context())
    except StaleVersion as exc:
        entity = exc.table
        changes = changes_since(entity, exc.ident, exc.expected, exc.actual)
        form.conflict = EditConflict(
            entity, exc.ident, exc.expected, exc.actual, changes, _names(changes)
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


@dataclass(frozen=True)
class Edited(Generic[R, F]):
    """What a form view works with: the record edited (or added to), its form, and the
    saved result (None on GET or when there is something to fix)."""

    record: R
    form: F
    saved: Any


def _update(ctx: Context, record: Any, form: VersionedForm) -> Any:
    if not isinstance(form, RecordForm):
        raise TypeError(f"{type(form).__name__} needs an action: it has no values()")
    return records.update(ctx, record, form.edited_version(), form.values())


def edit_record(
    model: type[R],
    ident: int | str | None,
    make_form: Callable[[R], F],
    action: Callable[[Context, R, F], Any] | None = None,
) -> Edited[R, F]:
    """Load ``model`` ``ident`` (404 if missing), build its form with ``make_form``, fill in
    the version on GET, and on a valid POST run ``action`` (default: ``records.update``
    with the form's values and the version the user edited)."""
    record = records.get(web_context(), model, ident)
    form = make_form(record)
    if request.method == "GET":
        form.version.data = str(record.version)
    run = action or _update
    return Edited(record, form, save(form, lambda ctx: run(ctx, record, form)))


def add_record(
    model: type[R],
    ident: int | str | None,
    form: F,
    create: Callable[[Context, R, F], Any],
) -> Edited[R, F]:
    """Load the record ``model`` ``ident`` that a new one belongs to (a person for a name, a
    proceeding for a hearing) and on a valid POST run ``create(ctx, owner, form)``."""
    owner = records.get(web_context(), model, ident)
    return Edited(owner, form, save(form, lambda ctx: create(ctx, owner, form)))


def finish(saved: Any, message: str, target: str, template: str, **page: Any) -> str | Response:
    """Once ``saved``: flash ``message`` and go to ``target``; else the form page again."""
    if saved is not None:
        flash(message, "success")
        return redirect(target)
    return render_template(template, **page)
