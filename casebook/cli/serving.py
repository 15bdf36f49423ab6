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

    app.ready_engine()
    web = create_app(app.settings)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104
    # A SIGTERM (a service manager stopping us) unwinds like Ctrl-C, so the worker stops too.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    child = start_worker(app) if worker else None
    if child is not None:
        click.echo("Background-job worker started (dossiers requested on the web).")
    click.echo(f"casebook is at http://{shown}:{port}/login (Ctrl-C to stop)")
    try:
        waitress.serve(web, host=host, port=port, threads=threads, ident="casebook")
    finally:
        if child is not None:
            stop_worker(child)
