"""Forms for managing user accounts (administrators only)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField
from wtforms.validators import EqualTo, InputRequired, Length

from casebook.forms.common import long_text, text, vocab_select
from casebook.vocab import Role


def _password(label: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[InputRequired(), Length(max=1024)],
        description="At least 12 characters; a passphrase of several words is best",
    )


def _repeat() -> PasswordField:
    return PasswordField(
        "Password again",
        validators=[InputRequired(), EqualTo("password", message="the two passwords differ")],
    )


class NewUserForm(FlaskForm):
    username = text(
        "User name",
        required=True,
        max_length=64,
        description="Lower-case letters, digits, '.', '_' or '-'",
    )
    display_name = text("Display name", max_length=200)
    role = vocab_select(Role, "Role", default=Role.VIEWER)
    password = _password("Password")
    repeat = _repeat()


class EditUserForm(FlaskForm):
    role = vocab_select(Role, "Role")
    active = BooleanField("Active (may log in)")
    reason = long_text(
        "Reason", rows=2, description="Required when disabling or re-enabling the account"
    )


class SetPasswordForm(FlaskForm):
    password = _password("New password")
    repeat = _repeat()
