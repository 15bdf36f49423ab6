"""Dossiers on the web: generate (profile, preview of what it withholds and of the citation
audit, then a background job), the job's status page, downloads, the register, the
thematic report page and verification of a PDF.

Generation runs in ``casebook worker`` (Huey): the view registers the entry and queues it
once the request's transaction has committed; the status page refreshes itself with a
``Refresh`` header (no script) until the document is ready. Who may generate what is
decided by the service (``casebook.services.dossiers``); its refusals come back as form
errors.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, TypeVar

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.blueprints import BlueprintSetupState
from sqlalchemy import select
from werkzeug.wrappers import Response

from casebook.errors import Conflict, DomainError, PermissionDenied
from casebook.forms.common import show_errors
from casebook.forms.dossiers import OverrideForm, ProfileForm, ThematicForm, VerifyForm
from casebook.jobs import Jobs
from casebook.models import Person, User
from casebook.services import dossiers, records
from casebook.services.context import Context
from casebook.services.snapshot import Profile
from casebook.services.snapshot_thematic import ThematicFilters
from casebook.vocab import DossierKind, JobStatus, Role
from casebook.web.deps import db, settings, web_context
from casebook.web.editing import choices, save
from casebook.web.lookups import detention_place_choices
from casebook.web.security import requires

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")
T = TypeVar("T")
REFRESH_SECONDS = 3


@bp.record_once
def _install_jobs(state: BlueprintSetupState) -> None:
    app = state.app
    app.extensions.setdefault(
        "casebook.jobs",
        Jobs(app.config["CASEBOOK_SETTINGS"], lambda: app.extensions["casebook.sessions"]),
    )


def jobs() -> Jobs:
    found: Jobs = current_app.extensions["casebook.jobs"]
    return found


def _attempt(form: Any, action: Callable[[Context], T]) -> T | None:
    """Like ``editing.save``, with the service's permission refusals shown on the form."""
    try:
        return save(form, action)
    except PermissionDenied as exc:
        show_errors(form, DomainError(None, exc.message))
        return None


def _submit(form: ProfileForm, order: dossiers.Order, template: str, **page: Any) -> str | Response:
    """Preview what ``order`` withholds, or (action=generate) register and queue it."""
    if form.action.data == "generate":
        reason = form.override_reason.data
        entry = _attempt(form, lambda ctx: dossiers.request(ctx, order, override_reason=reason))
        if entry is not None:
            jobs().enqueue_after_commit(db(), entry.id)
            flash("The document is being generated.", "success")
            return redirect(url_for("dossiers.show", dossier_id=entry.id))
    else:
        preview = _attempt(form, lambda ctx: dossiers.preview(ctx, order))
        if preview is not None:
            form.action.data = "generate"
            return render_template("dossiers/preview.html", form=form, preview=preview, **page)
    return render_template(template, form=form, **page)


@bp.route("/")
def index() -> str:
    page = dossiers.register(db(), request.args.get("page", 1, type=int))
    return render_template("dossiers/index.html", page=page)


@bp.route("/person/<int:person_id>", methods=["GET", "POST"])
def person(person_id: int) -> str | Response:
    subject = records.get(web_context(), Person, person_id)
    form = ProfileForm()
    page = {"subject": subject, "target": url_for("dossiers.person", person_id=person_id)}
    if not form.validate_on_submit():
        return render_template("dossiers/person.html", form=form, **page)
    order = dossiers.Order(DossierKind.PERSON, Profile(**form.values()), person_id=person_id)
    return _submit(form, order, "dossiers/person.html", **page)


@bp.route("/thematic", methods=["GET", "POST"])
def thematic() -> str | Response:
    form = ThematicForm()
    form.place_id.choices = detention_place_choices(blank="Any")
    page = {"subject": None, "target": url_for("dossiers.thematic")}
    if not form.validate_on_submit():
        return render_template("dossiers/thematic.html", form=form, **page)
    order = dossiers.Order(
        DossierKind.THEMATIC, Profile(**form.values()), filters=ThematicFilters(**form.filters())
    )
    return _submit(form, order, "dossiers/thematic.html", **page)


def _users(*ids: int | None) -> dict[int, User]:
    wanted = [i for i in ids if i is not None]
    return {u.id: u for u in db().scalars(select(User).where(User.id.in_(wanted)))}


def _status_page(entry: Any, form: OverrideForm) -> Response:
    users = _users(entry.requested_by_id, entry.override_by_id)
    response = make_response(
        render_template("dossiers/show.html", entry=entry, form=form, users=users)
    )
    if entry.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        response.headers["Refresh"] = str(REFRESH_SECONDS)
    return response


@bp.route("/<int:dossier_id>")
def show(dossier_id: int) -> Response:
    return _status_page(dossiers.get_entry(web_context(), dossier_id), OverrideForm())


@bp.route("/<int:dossier_id>/override", methods=["POST"])
@requires(Role.REVIEWER)
def override(dossier_id: int) -> Response:
    entry = dossiers.get_entry(web_context(), dossier_id)
    form = OverrideForm()
    done = _attempt(form, lambda ctx: dossiers.override(ctx, entry, form.override_reason.data))
    if done is None:
        return _status_page(entry, form)
    jobs().enqueue_after_commit(db(), entry.id)
    flash("Overridden: the document is being generated.", "success")
    return redirect(url_for("dossiers.show", dossier_id=entry.id))


@bp.route("/<int:dossier_id>/download")
def download(dossier_id: int) -> Response:
    ctx = web_context()
    entry = dossiers.get_entry(ctx, dossier_id)
    try:
        data, name = dossiers.open_pdf(ctx, entry, dossiers.store(settings()))
    except Conflict as exc:
        flash(exc.message, "error")
        return redirect(url_for("dossiers.show", dossier_id=entry.id))
    return send_file(
        io.BytesIO(data), mimetype="application/pdf", as_attachment=True, download_name=name
    )


@bp.route("/verify", methods=["GET", "POST"])
def verify() -> str:
    form = VerifyForm()
    result = None
    if form.validate_on_submit():
        result = dossiers.verify(db(), form.file.data.read())
    entries = [*(result.matches if result else ()), *(result.claimed_entries if result else ())]
    users = _users(*(e.requested_by_id for e in entries))
    return render_template("dossiers/verify.html", form=form, result=result, users=users)


def sendable_choices() -> list[Any]:
    """Registered documents a submission may record as sent, for its form."""
    rows = []
    for entry in dossiers.sendable(db()):
        about = (
            f"P-{entry.options.get('person_id')}" if entry.kind is DossierKind.PERSON else "report"
        )
        recipient = f", for {entry.recipient_name}" if entry.recipient_name else ""
        rows.append((entry.id, f"{entry.reference} · {about} · {entry.audience.label}{recipient}"))
    return choices(rows, blank="— none —")
