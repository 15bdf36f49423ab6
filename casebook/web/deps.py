"""What views take from the request: the database session, the service context, the
settings and the evidence store."""

from __future__ import annotations

from typing import Any, cast

from flask import current_app, g, request
from flask_login import current_user
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter, Map

from casebook.config import Settings
from casebook.db import utcnow
from casebook.models.accounts import User
from casebook.services.context import Context
from casebook.storage import EvidenceStore


def db() -> Session:
    """The request's database session (opened on first use, committed after the view)."""
    if "db" not in g:
        g.db = current_app.extensions["casebook.sessions"]()
    return cast(Session, g.db)


def settings() -> Settings:
    return cast(Settings, current_app.config["CASEBOOK_SETTINGS"])


def store() -> EvidenceStore:
    return EvidenceStore(settings().evidence_path)


def web_context() -> Context:
    """The context services get for the logged-in user."""
    user = cast(User, current_user._get_current_object())
    return Context(db(), user, utcnow, via="web")


# The largest id a database stores (a signed 64-bit integer): anything above names nothing.
MAX_ID = 2**63 - 1


def as_id(value: str | None) -> int | None:
    """``value`` (from a query string or a form) as a record id, or None if it cannot be one."""
    text = (value or "").strip()
    if not text.isdigit() or not text.isascii():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def arg_id(name: str) -> int | None:
    """The record id given as ``?name=`` in the request, or None."""
    return as_id(request.args.get(name))


class RecordIdConverter(IntegerConverter):
    """``<int:...>`` in routes, bounded by MAX_ID: a larger number is a 404, not an overflow."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
