"""User accounts: list, create, change role or disable, set a password (admins only)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from casebook.errors import DomainError
from casebook.forms.users import EditUserForm, NewUserForm, SetPasswordForm
from casebook.models.accounts import User
from casebook.services import accounts
from casebook.services.context import Context
from casebook.services.records import atomic
from casebook.vocab import Role
from casebook.web.deps import db
from casebook.web.editing import save
from casebook.web.security import requires

bp = Blueprint("users", __name__, url_prefix="/users")


def _user(user_id: int) -> User:
    user = db().get(User, user_id)
    if user is None or user.is_system:  # the system account is never shown or edited
        abort(404)
    return user


@bp.route("/")
@requires(Role.ADMIN)
def index() -> str:
    return render_template("users/index.html", users=accounts.list_users(db()))


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.ADMIN)
def new() -> str | Response:
    form = NewUserForm()
    user = save(
        form,
        lambda ctx: accounts.create_user(
            ctx,
            form.username.data or "",
            form.role.data or "",
            form.password.data or "",
            form.display_name.data,
        ),
    )
    if user is not None:
        flash(f"User {user.username} created.", "success")
        return redirect(url_for("users.index"))
    return render_template("users/form.html", form=form, user=None, title="New user")


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
@requires(Role.ADMIN)
def edit(user_id: int) -> str | Response:
    user = _user(user_id)
    form = EditUserForm(obj=user)
    if request.method == "GET":
        form.role.data = user.role.value

    def change(ctx: Context) -> User:
        active = bool(form.active.data)
        if active != user.active and not (form.reason.data or "").strip():
            raise DomainError("reason", "give a reason for disabling or re-enabling the account")
        with atomic(ctx) as call:  # both changes or neither
            accounts.set_active(call, user, active, form.reason.data)
            return accounts.set_role(call, user, Role.of(form.role.data or ""))

    if save(form, change) is not None:
        flash(f"User {user.username} saved.", "success")
        return redirect(url_for("users.index"))
    return render_template("users/form.html", form=form, user=user, title="Edit user")


@bp.route("/<int:user_id>/password", methods=["GET", "POST"])
@requires(Role.ADMIN)
def password(user_id: int) -> str | Response:
    user = _user(user_id)
    form = SetPasswordForm()
    if save(form, lambda ctx: accounts.set_password(ctx, user, form.password.data or "")):
        flash(f"Password of {user.username} set.", "success")
        return redirect(url_for("users.index"))
    return render_template("users/form.html", form=form, user=user, title="Set password")
