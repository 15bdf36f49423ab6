"""casebook: a case database for human-rights organisations."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from casebook.config import Settings

__version__ = "0.1.0"


def create_app(settings: Settings | None = None) -> Flask:
    """The web application (see casebook.web.app)."""
    from casebook.web.app import build_app

    return build_app(settings)
