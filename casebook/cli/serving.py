"""``casebook serve``: the web interface under a real WSGI server (waitress)."""

from __future__ import annotations

import click

from casebook.cli.base import App, cli, pass_app


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@pass_app
def serve(app: App, host: str, port: int, threads: int) -> None:
    """Run the web interface under the waitress WSGI server."""
    import waitress

    from casebook import create_app

    app.ready_engine()
    web = create_app(app.settings)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host  # noqa: S104
    click.echo(f"casebook is at http://{shown}:{port}/login (Ctrl-C to stop)")
    waitress.serve(web, host=host, port=port, threads=threads, ident="casebook")
