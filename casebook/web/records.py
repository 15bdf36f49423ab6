"""Retract, restore and read the history of any record, keyed by its table name."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from casebook.db import Base
from casebook.forms.records import ReasonForm
from casebook.models.accounts import User
from casebook.models.allegations import Allegation
from casebook.models.audit import AuditEvent
from casebook.models.common import Record
from casebook.services import allegations, records
from casebook.services.audit import SECRET_FIELDS
from casebook.services.context import Context
from casebook.vocab import Role
from casebook.web.deps import db, web_context
from casebook.web.editing import edit_record, finish
from casebook.web.security import has_role, requires

bp = Blueprint("records", __name__, url_prefix="/records")

HISTORY_LIMIT = 500
# Tables whose records (and their history) only reviewers may see.
REVIEWER_ONLY = frozenset({"informant"})


def record_tables() -> dict[str, type[Any]]:
    """Every record model by its table name."""
    return {
        getattr(mapper.class_, "__tablename__", ""): mapper.class_
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Record)
    }


def _model(table: str) -> Any:
    """The record model behind ``table`` (404 if none; 403 if it is for reviewers only)."""
    model = record_tables().get(table)
    if model is None:
        abort(404)
    if table in REVIEWER_ONLY and not has_role(Role.REVIEWER):
        abort(403)
    return model


def _load(table: str, record_id: int) -> Any:
    return records.get(web_context(), _model(table), record_id)


def local_next(target: str | None) -> str:
    """``target`` if it is a path on this site, else the dashboard (no open redirects)."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()
    ):
        return target
    return url_for("dashboard.index")


def _reason_page(table: str, record_id: int, action: Any, done: str, title: str) -> Any:
    edited = edit_record(_model(table), record_id, lambda _obj: ReasonForm(), action)
    obj = edited.record
    back = local_next(request.args.get("next"))
    return finish(
        edited.saved,
        f"{obj.LABEL.capitalize()} {obj.id} {done}.",
        back,
        "records/reason.html",
        form=edited.form,
        record=obj,
        table=table,
        title=title,
        back=back,
    )


def _retract(ctx: Context, obj: Any, form: ReasonForm) -> Any:
    if isinstance(obj, Allegation):
        return allegations.retract_allegation(
            ctx, obj, form.reason.data or "", expected_version=form.edited_version()
        )
    return records.retract(ctx, obj, form.reason.data or "", expected_version=form.edited_version())


def _restore(ctx: Context, obj: Any, form: ReasonForm) -> Any:
    return records.restore(ctx, obj, form.reason.data or "")


@bp.route("/<table>/<int:record_id>/retract", methods=["GET", "POST"])
@requires(Role.EDITOR)
def retract(table: str, record_id: int) -> Any:
    return _reason_page(table, record_id, _retract, "retracted", "Retract")


@bp.route("/<table>/<int:record_id>/restore", methods=["GET", "POST"])
@requires(Role.REVIEWER)
def restore(table: str, record_id: int) -> Any:
    return _reason_page(table, record_id, _restore, "restored", "Restore")


@bp.route("/<table>/<int:record_id>/history")
def history(table: str, record_id: int) -> str | Response:
    obj = _load(table, record_id)
    events = list(
        db().scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == table, AuditEvent.record_id == record_id)
            .order_by(AuditEvent.id.desc())
            .limit(HISTORY_LIMIT)
        )
    )
    user_ids = {e.user_id for e in events if e.user_id is not None}
    users = {u.id: u for u in db().scalars(select(User).where(User.id.in_(user_ids)))}
    return render_template(
        "records/history.html",
        record=obj,
        table=table,
        events=events,
        users=users,
        secret_fields=SECRET_FIELDS,
    )
