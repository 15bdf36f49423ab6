"""Log in, log out, change one's password."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from casebook.db import utcnow
from casebook.errors import DomainError
from casebook.forms.auth import LoginForm, PasswordForm
from casebook.forms.common import show_errors
from casebook.services import accounts
from casebook.services.audit import record_event
from casebook.vocab import AuditAction
from casebook.web.deps import db, web_context

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an absolute or scheme-relative URL."""
    if not target:
        return url_for("people.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("people.index")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(
                db(), utcnow, form.username.data or "", form.password.data or ""
            )
        except accounts.LoginRefused as exc:
            if current_app.config["CASEBOOK_LOGIN_DELAY"]:
                time.sleep(exc.delay)
            form.password.errors = [exc.message]
        else:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    ctx = web_context()
    record_event(ctx, AuditAction.LOGOUT, "user_account", ctx.user.id)
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
def password() -> str | Response:
    form = PasswordForm()
    if form.validate_on_submit():
        ctx = web_context()
        if not accounts.password_matches(ctx.user, form.current.data or ""):
            form.current.errors = ["this is not your current password"]
        else:
            try:
                accounts.set_password(ctx, ctx.user, form.new.data or "")
            except DomainError as exc:
                exc.field = "new" if exc.field == "password" else exc.field
                show_errors(form, exc)
            else:
                flash("Your password was changed.", "success")
                return redirect(url_for("people.index"))
    return render_template("auth/password.html", form=form)
