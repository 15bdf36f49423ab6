"""Submissions to UN bodies, courts and others, and the consents that allow them."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from casebook.errors import DomainError
from casebook.forms.advocacy import ConsentForm, SubmissionFilterForm, SubmissionForm
from casebook.models.advocacy import Consent, Submission
from casebook.models.people import Person
from casebook.services import advocacy, dossiers, records
from casebook.services.context import Context
from casebook.vocab import Recipient, Role, SubmissionStatus
from casebook.web.deps import arg_id, db, web_context
from casebook.web.dossiers import sendable_choices
from casebook.web.editing import edit_record, finish, save
from casebook.web.listing import ordering, page_of, primary_names, term
from casebook.web.security import requires

bp = Blueprint("advocacy", __name__, url_prefix="/submissions")
# Form fields that are not submission columns (saved through their own services).
NOT_COLUMNS = frozenset({"person_ids", "dossier_id"})

_PERSON_ID = re.compile(r"^(?:P-?)?(\d{1,12})$", re.IGNORECASE)


def person_ids(raw: str | None) -> list[int]:
    """Ids typed as "12, 40, P-57"; DomainError on the field for anything else."""
    ids: list[int] = []
    for item in re.split(r"[,;\s]+", raw or ""):
        if not item:
            continue
        match = _PERSON_ID.match(item)
        if match is None:
            raise DomainError("person_ids", f"“{item[:40]}” is not a person id")
        ids.append(int(match.group(1)))
    return ids


SORTS: dict[str, tuple[Any, ...]] = {
    "follow_up": (Submission.follow_up_on.asc().nulls_last(), Submission.id),
    "sent": (Submission.submitted_on.desc().nulls_last(), Submission.id.desc()),
    "recorded": (Submission.id.desc(),),
}


@bp.route("/")
def index() -> str:
    form = SubmissionFilterForm(request.args)
    conditions: list[Any] = []
    if not form.show_retracted.data:
        conditions.append(Submission.retracted_at.is_(None))
    recipient = term(Recipient, form.recipient.data)
    if recipient is not None:
        conditions.append(Submission.recipient == recipient)
    status = term(SubmissionStatus, form.status.data)
    if status is not None:
        conditions.append(Submission.status == status)
    if form.follow_up_due.data:
        today = web_context().now().date()
        conditions += [
            Submission.follow_up_on <= today,
            Submission.status != SubmissionStatus.CLOSED,
        ]
    rows = select(Submission).order_by(*ordering(SORTS, form.sort.data))
    page = page_of(Submission, conditions, rows, request.args.get("page", 1, type=int))
    return render_template("advocacy/index.html", form=form, page=page)


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new() -> str | Response:
    form = SubmissionForm()
    form.dossier_id.choices = sendable_choices()
    if request.method == "GET" and request.args.get("person_id", "").isdigit():
        form.person_ids.data = request.args["person_id"]

    def create(ctx: Context) -> Submission:
        ids = person_ids(form.person_ids.data)
        with records.atomic(ctx) as call:  # the submission and the dossier it sent, or neither
            sub = advocacy.create_submission(call, form.values(skip=NOT_COLUMNS), ids)
            dossiers.attach_to_submission(call, sub, form.dossier_id.data)
        return sub

    saved = save(form, create)
    if saved is not None:
        flash("Submission saved.", "success")
        return redirect(url_for("advocacy.show", submission_id=saved.id))
    return render_template("advocacy/submission_form.html", form=form, submission=None)


@bp.route("/<int:submission_id>")
def show(submission_id: int) -> str:
    submission = records.get(web_context(), Submission, submission_id)
    names = primary_names(p.id for p in submission.persons)
    return render_template("advocacy/show.html", submission=submission, names=names)


@bp.route("/<int:submission_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(submission_id: int) -> str | Response:
    def make_form(submission: Submission) -> SubmissionForm:
        form = SubmissionForm(obj=submission)
        form.dossier_id.choices = sendable_choices()
        if request.method == "GET":
            form.person_ids.data = ", ".join(str(p.id) for p in submission.persons)
            sent = dossiers.sent_with(db(), submission.id)
            form.dossier_id.data = sent.id if sent else None
        return form

    def update(ctx: Context, submission: Submission, form: SubmissionForm) -> Submission:
        ids = person_ids(form.person_ids.data)
        with records.atomic(ctx) as call:  # all the changes or none
            advocacy.update_submission(
                call, submission, form.edited_version(), form.values(skip=NOT_COLUMNS)
            )
            dossiers.attach_to_submission(call, submission, form.dossier_id.data)
            return advocacy.set_persons(call, submission, ids)

    done = edit_record(Submission, submission_id, make_form, update)
    return finish(
        done.saved,
        "Submission saved.",
        url_for("advocacy.show", submission_id=submission_id),
        "advocacy/submission_form.html",
        form=done.form,
        submission=done.record,
    )


def _consent_page(
    form: ConsentForm, person_id: int, saved: Any, record: Any = None
) -> str | Response:
    return finish(
        saved,
        "Consent saved.",
        url_for("people.show", person_id=person_id) + "#advocacy",
        "advocacy/consent_form.html",
        form=form,
        person_id=person_id,
        record=record,
    )


@bp.route("/consents/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new_consent() -> str | Response:
    person = records.get(web_context(), Person, arg_id("person_id"))
    form = ConsentForm()
    saved = save(
        form, lambda ctx: advocacy.record_consent(ctx, {**form.values(), "person_id": person.id})
    )
    return _consent_page(form, person.id, saved)


@bp.route("/consents/<int:consent_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_consent(consent_id: int) -> str | Response:
    done = edit_record(Consent, consent_id, lambda consent: ConsentForm(obj=consent))
    return _consent_page(done.form, done.record.person_id, done.saved, done.record)
