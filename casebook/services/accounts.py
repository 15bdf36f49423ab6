"""User accounts: creation, roles, passwords, disabling, and the system account.

Passwords are hashed with scrypt (Werkzeug); plain text never reaches the database or the
audit log. Accounts are disabled, never deleted, so the audit log keeps its authors.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from casebook.errors import CasebookError, Conflict, DomainError, NotFound, ValidationErrors
from casebook.models.accounts import User
from casebook.services.audit import record_event
from casebook.services.context import Clock, Context
from casebook.services.records import atomic, clean_text
from casebook.vocab import AuditAction, Role

SYSTEM_USERNAME = "casebook-system"
MIN_PASSWORD_LENGTH = 12
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def password_matches(user: User, password: str) -> bool:
    return bool(user.password_hash) and check_password_hash(user.password_hash or "", password)


def generate_password() -> str:
    return secrets.token_urlsafe(15)


def check_password_rules(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError("password", f"must be at least {MIN_PASSWORD_LENGTH} characters long")
    if password.casefold() == username.casefold():
        raise DomainError("password", "must not be the user name")
    if len(set(password)) < 5:
        raise DomainError("password", "is too repetitive")


def system_user(session: Session, clock: Clock) -> User:
    """The account the CLI and background jobs act as (created on first use).

    It cannot log in (no password); CLI writes are attributed to it, with the OS user
    recorded beside each audit event.
    """
    user = session.scalar(select(User).where(User.username == SYSTEM_USERNAME))
    if user is not None:
        return user
    user = User(
        username=SYSTEM_USERNAME,
        display_name="casebook (command line and background jobs)",
        password_hash=None,
        role=Role.ADMIN,
        active=True,
        is_system=True,
        created_at=clock(),
        failed_logins=0,
    )
    with session.begin_nested():
        session.add(user)
        session.flush()
        ctx = Context(session, user, clock, via="system")
        record_event(
            ctx, AuditAction.INSERT, User.__tablename__, user.id, {"username": user.username}
        )
    return user


def find_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound("user", username, key="user name")
    return user


def list_users(session: Session, *, include_system: bool = False) -> Sequence[User]:
    query = select(User).order_by(User.username)
    if not include_system:
        query = query.where(User.is_system.is_(False))
    return session.scalars(query).all()


def create_user(
    ctx: Context,
    username: str,
    role: Role | str,
    password: str,
    display_name: str | None = None,
) -> User:
    """Create an account (admins only; the very first admin is created by ``casebook init``)."""
    ctx.require(Role.ADMIN, "creating user accounts")
    errors: list[DomainError] = []
    username = clean_text(username).lower()
    if not _USERNAME.match(username):
        errors.append(
            DomainError(
                "username",
                "use 2-64 lower-case letters, digits, '.', '_' or '-', starting with a letter "
                "or digit",
            )
        )
    try:
        term = role if isinstance(role, Role) else Role.parse(role)
    except ValueError:
        errors.append(DomainError("role", "must be one of viewer, editor, reviewer, admin"))
        term = Role.VIEWER
    try:
        check_password_rules(password, username)
    except DomainError as exc:
        errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    if ctx.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict("username", f"a user called {username} already exists")
    with atomic(ctx) as call:
        user = User(
            username=username,
            display_name=clean_text(display_name or "") or username,
            password_hash=hash_password(password),
            role=term,
            active=True,
            is_system=False,
            created_at=call.now(),
            password_changed_at=call.now(),
            failed_logins=0,
        )
        call.session.add(user)
        call.session.flush()
        record_event(
            call,
            AuditAction.INSERT,
            User.__tablename__,
            user.id,
            {"username": username, "role": term.value, "display_name": user.display_name},
        )
    return user


def _change(ctx: Context, user: User, changes: dict[str, list[object]], reason: str | None) -> None:
    record_event(ctx, AuditAction.UPDATE, User.__tablename__, user.id, changes, reason)


def set_role(ctx: Context, user: User, role: Role) -> User:
    ctx.require(Role.ADMIN, "changing roles")
    if user.is_system:
        raise Conflict("role", "the system account's role cannot change")
    if user.role is role:
        return user
    with atomic(ctx) as call:
        before = user.role
        user.role = role
        _change(call, user, {"role": [before.value, role.value]}, None)
    return user


def set_active(ctx: Context, user: User, active: bool, reason: str | None = None) -> User:
    """Disable (or re-enable) an account. An admin cannot disable their own account."""
    ctx.require(Role.ADMIN, "disabling accounts")
    if user.is_system:
        raise Conflict("username", "the system account cannot be disabled")
    if not active and user.id == ctx.user.id:
        raise Conflict("username", "you cannot disable your own account")
    if user.active == active:
        return user
    with atomic(ctx) as call:
        user.active = active
        _change(call, user, {"active": [not active, active]}, reason)
    return user


def set_password(ctx: Context, user: User, new_password: str) -> User:
    """Set a password: an admin for anyone, or a user for themself."""
    if ctx.user.id != user.id:
        ctx.require(Role.ADMIN, "setting another user's password")
    if user.is_system:
        raise Conflict("password", "the system account has no password")
    check_password_rules(new_password, user.username)
    with atomic(ctx) as call:
        user.password_hash = hash_password(new_password)
        user.password_changed_at = call.now()
        user.failed_logins = 0
        user.locked_until = None
        _change(call, user, {"password": ["(set)", "(changed)"]}, None)
    return user


def first_admin_needed(session: Session) -> bool:
    return (
        session.scalar(
            select(User.id).where(User.role == Role.ADMIN, User.is_system.is_(False)).limit(1)
        )
        is None
    )


def create_first_admin(
    session: Session, clock: Clock, username: str, password: str, actor_note: str | None
) -> User:
    """The bootstrap path of ``casebook init``: the system account creates the first admin."""
    system = system_user(session, clock)
    ctx = Context(session, system, clock, via="cli", actor_note=actor_note)
    return create_user(ctx, username, Role.ADMIN, password, display_name="Administrator")


# Login throttling: each consecutive failure slows the next attempt; after
# LOCK_AFTER failures the account is locked for LOCK_MINUTES.
LOCK_AFTER = 5
LOCK_MINUTES = 15


class LoginRefused(CasebookError):
    """Wrong name or password, a disabled or locked account; ``delay`` seconds to wait."""

    def __init__(self, message: str, delay: float = 0.0) -> None:
        super().__init__(message)
        self.delay = delay


def failure_delay(failures: int) -> float:
    """Seconds to hold a failed attempt: 0.25, 0.5, 1, 2, then 4 at most."""
    return min(0.25 * float(2 ** max(failures - 1, 0)), 4.0)


def authenticate(session: Session, clock: Clock, username: str, password: str) -> User:
    """Check a login; every attempt, good or bad, is recorded in the audit log.

    The same message answers an unknown name and a wrong password, so the form does not
    reveal which accounts exist.
    """
    now = clock()
    name = clean_text(username).lower()[:64]
    user = session.scalar(select(User).where(User.username == name))
    system = system_user(session, clock)
    refused = "unknown user name or wrong password"
    if user is None or user.is_system:
        ctx = Context(session, system, clock, via="web", actor_note=f"login as {name!r}")
        record_event(ctx, AuditAction.LOGIN_FAILED, User.__tablename__, None, reason="unknown user")
        raise LoginRefused(refused, failure_delay(1))
    ctx = Context(session, user, clock, via="web")
    if user.locked_until is not None and user.locked_until > now:
        record_event(ctx, AuditAction.LOGIN_FAILED, User.__tablename__, user.id, reason="locked")
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        raise LoginRefused(
            f"too many failed attempts: the account is locked for {minutes} more minute(s)",
            failure_delay(LOCK_AFTER),
        )
    if not password_matches(user, password):
        user.failed_logins += 1
        reason = f"wrong password ({user.failed_logins} in a row)"
        if user.failed_logins >= LOCK_AFTER:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            reason += f"; locked for {LOCK_MINUTES} minutes"
        record_event(ctx, AuditAction.LOGIN_FAILED, User.__tablename__, user.id, reason=reason)
        raise LoginRefused(refused, failure_delay(user.failed_logins))
    if not user.active:
        record_event(ctx, AuditAction.LOGIN_FAILED, User.__tablename__, user.id, reason="disabled")
        raise LoginRefused("this account is disabled; ask an administrator")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    record_event(ctx, AuditAction.LOGIN, User.__tablename__, user.id)
    return user
