"""The home page: counts, follow-ups due, urgent cases and the latest changes."""

from __future__ import annotations

from flask import Blueprint, render_template

from casebook.services import dashboard
from casebook.web.deps import db, web_context
from casebook.web.records import REVIEWER_ONLY, record_tables

bp = Blueprint("dashboard", __name__)


@bp.route("/")
@bp.route("/dashboard")
def index() -> str:
    today = web_context().now().date()
    board = dashboard.load(db(), today)
    return render_template(
        "dashboard/index.html",
        board=board,
        today=today,
        record_tables=set(record_tables()),
        reviewer_only=REVIEWER_ONLY,
    )
