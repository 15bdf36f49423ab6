"""Error pages: plain words, never a traceback, and domain errors mapped to statuses."""

from __future__ import annotations

import logging

from flask import Flask, Response, make_response, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from casebook.errors import NotFound, PermissionDenied

log = logging.getLogger(__name__)

MESSAGES = {
    400: "The request could not be understood.",
    403: "Your account's role does not allow this.",
    404: "There is nothing at this address.",
    405: "This page does not accept that kind of request.",
    413: "The file is larger than the upload limit.",
    500: "Something went wrong on our side. Nothing was saved.",
}


def render_error(status: int, message: str | None = None) -> Response:
    body = render_template(
        "errors/error.html", status=status, message=message or MESSAGES.get(status, "Error")
    )
    return make_response(body, status)


def install(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf(exc: CSRFError) -> Response:
        return render_error(
            400, "The form had expired or did not come from casebook. Reload it and try again."
        )

    @app.errorhandler(HTTPException)
    def http(exc: HTTPException) -> Response:
        status = exc.code or 500
        return render_error(status, MESSAGES.get(status, exc.description))

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound) -> Response:
        return render_error(404, f"There is {exc.message}.")

    @app.errorhandler(PermissionDenied)
    def denied(exc: PermissionDenied) -> Response:
        return render_error(403, exc.message)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        log.exception("unhandled error")
        return render_error(500)
