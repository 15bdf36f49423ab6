"""``casebook worker``: runs the background jobs (building dossiers and reports).

The queue is a SQLite file in the instance folder unless ``CASEBOOK_QUEUE_URL`` names a
Redis server; run one worker per machine (``--workers`` threads each).
"""

from __future__ import annotations

import logging

import click

from casebook.cli.base import App, cli, pass_app


@cli.command()
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 16))
@pass_app
def worker(app: App, workers: int) -> None:
    """Run the background-job worker (Ctrl-C stops it after the current job)."""
    from casebook.jobs import QUEUE_FILE, Jobs

    app.ready_engine()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    jobs = Jobs(app.settings)
    where = app.settings.queue_url or str(app.settings.instance_path / QUEUE_FILE)
    click.echo(f"casebook worker: {workers} thread(s) on the queue at {where} (Ctrl-C to stop)")
    try:
        jobs.consumer(workers).run()
    finally:
        jobs.dispose()
