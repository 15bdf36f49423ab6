"""User accounts from the command line: ``casebook users ...``."""

from __future__ import annotations

import click

from casebook.cli.base import App, cli, pass_app, read_password
from casebook.db import unit_of_work
from casebook.services import accounts
from casebook.vocab import Role


@cli.group()
def users() -> None:
    """User accounts: create, list, set-password, disable, enable."""


@users.command("create")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([r.value.lower() for r in Role], case_sensitive=False),
    required=True,
)
@click.option("--display-name", default=None)
@click.option(
    "--password-file", default=None, help="Read the password from this file ('-': stdin)."
)
@pass_app
def users_create(
    app: App, username: str, role: str, display_name: str | None, password_file: str | None
) -> None:
    """Create a user with ROLE (viewer, editor, reviewer, admin)."""
    password, generated = read_password(password_file, username, "user")
    with app.system_context() as ctx:
        user = accounts.create_user(ctx, username, role, password, display_name)
    click.echo(f"Created {user.role.value.lower()} {user.username}.")
    if generated:
        click.echo(f"Password, shown only this once: {password}")


@users.command("list")
@pass_app
def users_list(app: App) -> None:
    """List user accounts."""
    with unit_of_work(app.ready_engine()) as session:
        rows = accounts.list_users(session)
        if not rows:
            click.echo("No user accounts yet; run `casebook init`.")
        for user in rows:
            last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "never"
            state = "active" if user.active else "disabled"
            click.echo(
                f"{user.username:<24} {user.role.value.lower():<9} {state:<9} last login {last}"
            )


@users.command("disable")
@click.argument("username")
@click.option("--reason", default=None, help="Why the account is disabled (kept in the audit log).")
@pass_app
def users_disable(app: App, username: str, reason: str | None) -> None:
    """Disable an account (accounts are never deleted)."""
    with app.system_context() as ctx:
        user = accounts.find_user(ctx.session, username)
        accounts.set_active(ctx, user, False, reason)
    click.echo(f"Disabled {user.username}.")


@users.command("enable")
@click.argument("username")
@pass_app
def users_enable(app: App, username: str) -> None:
    """Re-enable a disabled account."""
    with app.system_context() as ctx:
        user = accounts.find_user(ctx.session, username)
        accounts.set_active(ctx, user, True)
    click.echo(f"Enabled {user.username}.")


@users.command("set-password")
@click.argument("username")
@click.option(
    "--password-file", default=None, help="Read the password from this file ('-': stdin)."
)
@pass_app
def users_set_password(app: App, username: str, password_file: str | None) -> None:
    """Set a new password for USERNAME (prompted, read, or generated and printed once);
    it also lifts a lock-out after failed logins."""
    password, generated = read_password(password_file, username, "user")
    with app.system_context() as ctx:
        user = accounts.find_user(ctx.session, username)
        accounts.set_password(ctx, user, password)
    click.echo(f"New password set for {user.username}.")
    if generated:
        click.echo(f"Password, shown only this once: {password}")
