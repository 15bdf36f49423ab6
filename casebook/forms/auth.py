"""Login and password forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[InputRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=1024)])


class PasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[InputRequired(), Length(max=1024)])
    new = PasswordField("New password", validators=[InputRequired(), Length(min=12, max=1024)])
    repeat = PasswordField(
        "New password again",
        validators=[InputRequired(), EqualTo("new", message="the two passwords differ")],
    )
