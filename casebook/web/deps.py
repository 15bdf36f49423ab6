"""What views take from the request: the database session, the service context, the
settings and the evidence store."""

from __future__ import annotations

from typing import cast

from flask import current_app, g
from flask_login import current_user
from sqlalchemy.orm import Session

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
