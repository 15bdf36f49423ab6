"""User accounts. Passwords are stored only as hashes (scrypt, via Werkzeug)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from casebook.db import Base
from casebook.models.common import vocab
from casebook.vocab import Role


class User(Base):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("failed_logins >= 0", name="failed_logins_nonnegative"),
        CheckConstraint("length(username) >= 2", name="username_length"),
    )
    LABEL = "user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[Role] = vocab(Role)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The account the CLI and background jobs act as; it can never log in.
    is_system: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]

    # The interface Flask-Login expects of a user object.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    @property
    def is_active(self) -> bool:
        return self.active and not self.is_system

    def get_id(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role.value}>"
