"""Building the Flask application: settings, database, security, blueprints, errors.

Request flow: a view parses its form and calls a service with ``web_context()``; the
transaction is committed in ``after_request``, before the response leaves, so a failed
commit becomes an error page instead of a false "saved".
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, Response, g, redirect, request, session, url_for
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Session

import casebook.services  # noqa: F401  (registers the rules)
from casebook import __version__
from casebook.config import Settings
from casebook.db import make_engine, session_factory
from casebook.models.accounts import User
from casebook.resources import resource_dir
from casebook.vocab import Role
from casebook.web import errors, security
from casebook.web.deps import RecordIdConverter, db
from casebook.web.security import has_role

log = logging.getLogger(__name__)

# Endpoints reachable without logging in.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static"})


def build_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    settings.ensure_instance()
    app = Flask(
        "casebook",
        template_folder=str(resource_dir("templates")),
        static_folder=str(Path(__file__).resolve().parent.parent / "static"),
        instance_path=str(settings.instance_path),
    )
    app.url_map.converters["int"] = RecordIdConverter  # ids past 64 bits are a 404
    app.config.update(
        SECRET_KEY=settings.secret_key(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="casebook_session",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        MAX_CONTENT_LENGTH=settings.max_upload_bytes + 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
        CASEBOOK_SETTINGS=settings,
        CASEBOOK_LOGIN_DELAY=True,
    )
    app.config.update(settings.extra)
    engine = make_engine(settings.database_url)
    app.extensions["casebook.engine"] = engine
    app.extensions["casebook.sessions"] = session_factory(engine)

    CSRFProtect(app)
    _login_manager(app)
    security.install(app)
    errors.install(app)
    _request_lifecycle(app)
    _register_blueprints(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(casebook_version=__version__)
    app.context_processor(_navigation)
    return app


# Main navigation: endpoint, label, role needed to see it.
NAVIGATION: tuple[tuple[str, str, Role], ...] = (
    ("dashboard.index", "Dashboard", Role.VIEWER),
    ("people.index", "Persons", Role.VIEWER),
    ("trials.index", "Proceedings", Role.VIEWER),
    ("allegations.index", "Allegations", Role.VIEWER),
    ("sources.index", "Sources", Role.VIEWER),
    ("advocacy.index", "Submissions", Role.VIEWER),
    ("dossiers.index", "Dossiers", Role.VIEWER),
    ("places.index", "Places", Role.VIEWER),
    ("review.index", "Audit", Role.REVIEWER),
    ("users.index", "Users", Role.ADMIN),
)


def _navigation() -> dict[str, Any]:
    from flask import current_app

    endpoints = set(current_app.view_functions)
    items = [
        (endpoint, label)
        for endpoint, label, role in NAVIGATION
        if endpoint in endpoints and has_role(role)
    ]
    return {"nav_items": items, "nav_endpoints": endpoints, "has_role": has_role, "Role": Role}


def _login_manager(app: Flask) -> None:
    manager = LoginManager(app)
    manager.login_view = "auth.login"
    manager.login_message = "Please log in to continue."
    manager.session_protection = "strong"

    @manager.user_loader
    def load_user(user_id: str) -> User | None:
        try:
            user = db().get(User, int(user_id))
        except ValueError:
            return None
        if user is None or not user.active or user.is_system:
            return None
        return user


def _request_lifecycle(app: Flask) -> None:
    @app.before_request
    def require_login() -> Any:
        if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
            return None
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path))
        return None

    @app.after_request
    def commit(response: Response) -> Response:
        sess: Session | None = g.pop("db", None)
        if sess is None:
            return response
        try:
            if response.status_code < 500:
                sess.commit()
            else:
                sess.rollback()
        except Exception:
            log.exception("commit failed")
            sess.rollback()
            session.pop("_flashes", None)
            return errors.render_error(500, "The change could not be saved. Nothing was stored.")
        finally:
            sess.close()
        return response

    @app.teardown_request
    def close(_exc: BaseException | None) -> None:
        sess: Session | None = g.pop("db", None)
        if sess is not None:
            sess.rollback()
            sess.close()


def _register_blueprints(app: Flask) -> None:
    """Every module of casebook.web that defines ``bp`` is a blueprint."""
    import casebook.web as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"casebook.web.{info.name}")
        blueprint = getattr(module, "bp", None)
        if blueprint is not None:
            app.register_blueprint(blueprint)
