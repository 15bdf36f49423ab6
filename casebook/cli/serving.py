"""``casebook serve``: the web interface under a real WSGI server (waitress), with the
background-job worker beside it.

Dossiers and reports requested on the web are built by ``casebook worker``. So that the
one command of the README gives a working tool, ``serve`` starts that worker as a child
process on the same settings (and stops it on exit); a deployment that runs its workers
elsewhere (several web processes on a Redis queue) passes ``--no-worker``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import click

from casebook.cli.base import App, cli, pass_app


def start_worker(app: App) -> subprocess.Popen[bytes]:
    """``casebook worker`` in a child process, on exactly this command's settings."""
    env = dict(os.environ)
    env["CASEBOOK_INSTANCE_PATH"] = str(app.settings.instance_path)
    env["CASEBOOK_DATABASE_URL"] = app.settings.database_url
    env["CASEBOOK_EVIDENCE_PATH"] = str(app.settings.evidence_path)
    if app.settings.queue_url:
        env["CASEBOOK_QUEUE_URL"] = app.settings.queue_url
    return subprocess.Popen([sys.executable, "-m", "casebook", "worker"], env=env)


def stop_worker(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is not None:
        return
    child.send_signal(signal.SIGINT)  # the worker finishes its current job and exits
    try:
        child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def login_hint(app: App) -> list[str]:
    """Which accounts can log in (their passwords were printed once, when made)."""
    from casebook.db import unit_of_work
    from casebook.services import accounts

    with unit_of_work(app.engine) as session:
        active = [u for u in accounts.list_users(session) if u.active]
    if not active:
        return ["No account can log in yet: run `casebook init` (or `casebook users create`)."]
    lines = ["Log in as one of:"]
    lines += [f"  {u.username:<16} ({u.role.label})" for u in active]
    lines.append(
        "with the password printed when the account was made (by `casebook init` or "
        "`casebook demo`); `casebook users set-password NAME` sets a new one."
    )
    return lines


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--worker/--no-worker",
    default=True,
    show_default=True,
    help="Also run the background-job worker (builds dossiers requested on the web).",
)
@pass_app
def serve(app: App, host: str, port: int, threads: int, worker: bool) -> None:
    """Run the web interface under the waitress WSGI server."""
    import waitress

    from casebook import create_app
    from casebook.web.runtime import settle_collector

    app.ready_engine()
    web = create_app(app.settings)
    settle_collector()
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104
    # A SIGTERM (a service manager stopping us) unwinds like Ctrl-C, so the worker stops too.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    child = start_worker(app) if worker else None
    if child is not None:
        click.echo("Background-job worker started (dossiers requested on the web).")
    click.echo(f"casebook is at http://{shown}:{port}/login (Ctrl-C to stop)")
    for line in login_hint(app):
        click.echo(line)
    try:
        waitress.serve(web, host=host, port=port, threads=threads, ident="casebook")
    finally:
        if child is not None:
            stop_worker(child)
