"""Allegations: the list, forms for allegations, perpetrators, medical evaluations and the
death record, and the reviewers' status change."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from casebook.forms.allegations import (
    PERPETRATOR_FIELDS,
    AllegationFilterForm,
    AllegationForm,
    AllegationStatusForm,
    DeathForm,
    EvaluationForm,
    InvolvementForm,
    NewAllegationForm,
)
from casebook.forms.common import SelectChoice
from casebook.models.allegations import Allegation, DeathRecord, Involvement, MedicalEvaluation
from casebook.models.detention import DetentionEpisode
from casebook.models.people import Person
from casebook.models.places import Place
from casebook.models.trials import Proceeding
from casebook.services import allegations, records
from casebook.services.context import Context
from casebook.vocab import ActType, AllegationStatus, Role, StateResponse
from casebook.web.deps import arg_id, db, web_context
from casebook.web.editing import Edited, add_record, choices, edit_record, finish, save
from casebook.web.listing import ordering, page_of, primary_names, term
from casebook.web.lookups import place_choices
from casebook.web.security import requires

bp = Blueprint("allegations", __name__, url_prefix="/allegations")


SORTS: dict[str, tuple[Any, ...]] = {
    "recorded": (Allegation.id.desc(),),
    "date": (Allegation.start_date.desc().nulls_last(), Allegation.id.desc()),
    "oldest": (Allegation.start_date.asc().nulls_last(), Allegation.id),
}


@bp.route("/")
def index() -> str:
    form = AllegationFilterForm(request.args)
    conditions: list[Any] = []
    if not form.show_retracted.data:
        conditions.append(Allegation.retracted_at.is_(None))
    for column, vocab, value in (
        (Allegation.act_type, ActType, form.act_type.data),
        (Allegation.status, AllegationStatus, form.status.data),
        (Allegation.state_response, StateResponse, form.state_response.data),
    ):
        chosen = term(vocab, value)
        if chosen is not None:
            conditions.append(column == chosen)
    rows = (
        select(Allegation, Place.name.label("place_name"))
        .outerjoin(Place, Place.id == Allegation.place_id)
        .order_by(*ordering(SORTS, form.sort.data))
    )
    page = page_of(Allegation, conditions, rows, request.args.get("page", 1, type=int))
    names = primary_names(row.Allegation.victim_id for row in page.rows)
    return render_template("allegations/index.html", form=form, page=page, names=names)


# --- choices of the person's own records ---------------------------------------------


def _episode_choices(person_id: int) -> list[SelectChoice]:
    rows = db().execute(
        select(DetentionEpisode.id, DetentionEpisode.capture_date)
        .where(DetentionEpisode.person_id == person_id, DetentionEpisode.retracted_at.is_(None))
        .order_by(DetentionEpisode.id)
    )
    return choices([(r.id, f"Detention from {r.capture_date or 'an unknown date'}") for r in rows])


def _proceeding_choices(person_id: int) -> list[SelectChoice]:
    rows = db().execute(
        select(Proceeding.id, Proceeding.instance, Proceeding.case_number, Proceeding.start_date)
        .where(Proceeding.person_id == person_id, Proceeding.retracted_at.is_(None))
        .order_by(Proceeding.id)
    )
    return choices(
        [
            (r.id, f"{r.instance.label} {r.case_number or ''} ({r.start_date or 'undated'})")
            for r in rows
        ]
    )


def _allegation_choices(person_id: int) -> list[SelectChoice]:
    rows = db().execute(
        select(Allegation.id, Allegation.act_type, Allegation.start_date)
        .where(Allegation.victim_id == person_id, Allegation.retracted_at.is_(None))
        .order_by(Allegation.id)
    )
    return choices([(r.id, f"{r.act_type.label} ({r.start_date or 'undated'})") for r in rows])


def _allegation_form(form: AllegationForm, person_id: int) -> AllegationForm:
    form.place_id.choices = place_choices()
    form.episode_id.choices = _episode_choices(person_id)
    form.proceeding_id.choices = _proceeding_choices(person_id)
    return form


def _person() -> Person:
    """The person named by ``?person_id=`` (404 if there is none)."""
    return records.get(web_context(), Person, arg_id("person_id"))


def _finish(
    form: Any,
    person_id: int,
    title: str,
    saved: Any,
    anchor: str,
    record: Any = None,
    group: frozenset[str] = frozenset(),
) -> str | Response:
    """Back to the case file once saved; else the form again (``group``: the perpetrator)."""
    return finish(
        saved,
        f"{title} saved.",
        url_for("people.show", person_id=person_id) + anchor,
        "allegations/form.html",
        form=form,
        person_id=person_id,
        title=title,
        record=record,
        group=group,
    )


# --- allegations -----------------------------------------------------------------------


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new() -> str | Response:
    person = _person()
    form = _allegation_form(NewAllegationForm(), person.id)

    def create(ctx: Context) -> Allegation:
        values = {**form.values(skip=PERPETRATOR_FIELDS), "victim_id": person.id}
        first = {"perpetrator_unit": form.perpetrator_unit.data, "degree": form.degree.data}
        involvements = (first,) if (form.perpetrator_unit.data or "").strip() else ()
        return allegations.create_allegation(ctx, values, involvements)

    saved = save(form, create)
    anchor = f"#allegation-{saved.id}" if saved else ""
    return _finish(form, person.id, "Allegation", saved, anchor, group=PERPETRATOR_FIELDS)


@bp.route("/<int:allegation_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(allegation_id: int) -> str | Response:
    done = edit_record(
        Allegation, allegation_id, lambda a: _allegation_form(AllegationForm(obj=a), a.victim_id)
    )
    return _allegation_done(done, "Allegation")


@bp.route("/<int:allegation_id>/status", methods=["GET", "POST"])
@requires(Role.REVIEWER)
def status(allegation_id: int) -> str | Response:
    def change(ctx: Context, allegation: Allegation, form: AllegationStatusForm) -> Allegation:
        new = AllegationStatus.of(form.status.data)
        return allegations.set_status(ctx, allegation, new, form.edited_version())

    done = edit_record(Allegation, allegation_id, lambda a: AllegationStatusForm(obj=a), change)
    return _allegation_done(done, "Allegation status")


def _allegation_done(done: Edited[Allegation, Any], title: str) -> str | Response:
    allegation = done.record
    anchor = f"#allegation-{allegation.id}"
    return _finish(done.form, allegation.victim_id, title, done.saved, anchor, allegation)


@bp.route("/<int:allegation_id>/perpetrators/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_involvement(allegation_id: int) -> str | Response:
    done = add_record(
        Allegation,
        allegation_id,
        InvolvementForm(),
        lambda ctx, allegation, form: allegations.add_involvement(ctx, allegation, form.values()),
    )
    allegation = done.record
    anchor = f"#allegation-{allegation.id}"
    return _finish(done.form, allegation.victim_id, "Perpetrator", done.saved, anchor)


@bp.route("/perpetrators/<int:involvement_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_involvement(involvement_id: int) -> str | Response:
    done = edit_record(Involvement, involvement_id, lambda inv: InvolvementForm(obj=inv))
    allegation = records.get(web_context(), Allegation, done.record.allegation_id)
    anchor = f"#allegation-{allegation.id}"
    return _finish(done.form, allegation.victim_id, "Perpetrator", done.saved, anchor, done.record)


# --- medical evaluations and the death record -----------------------------------------


def _evaluation_anchor(evaluation: MedicalEvaluation | None) -> str:
    if evaluation is None:
        return ""
    if evaluation.allegation_id:
        return f"#allegation-{evaluation.allegation_id}"
    return "#allegations"


@bp.route("/evaluations/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new_evaluation() -> str | Response:
    person = _person()
    form = EvaluationForm()
    form.allegation_id.choices = _allegation_choices(person.id)
    saved = save(
        form,
        lambda ctx: allegations.add_medical_evaluation(
            ctx, {**form.values(), "person_id": person.id}
        ),
    )
    return _finish(form, person.id, "Medical evaluation", saved, _evaluation_anchor(saved))


@bp.route("/evaluations/<int:evaluation_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_evaluation(evaluation_id: int) -> str | Response:
    def make_form(evaluation: MedicalEvaluation) -> EvaluationForm:
        form = EvaluationForm(obj=evaluation)
        form.allegation_id.choices = _allegation_choices(evaluation.person_id)
        return form

    done = edit_record(MedicalEvaluation, evaluation_id, make_form)
    evaluation = done.record
    anchor = _evaluation_anchor(done.saved)
    return _finish(
        done.form, evaluation.person_id, "Medical evaluation", done.saved, anchor, evaluation
    )


@bp.route("/death", methods=["GET", "POST"])
@requires(Role.EDITOR)
def death() -> str | Response:
    person = _person()
    existing = db().scalar(select(DeathRecord).where(DeathRecord.person_id == person.id))
    form = DeathForm(obj=existing)
    form.place_id.choices = place_choices()
    if request.method == "GET" and existing is not None:
        form.version.data = str(existing.version)

    def record(ctx: Context) -> DeathRecord:
        if existing is not None:
            return records.update(ctx, existing, form.edited_version(), form.values())
        return allegations.record_death(ctx, {**form.values(), "person_id": person.id})

    saved = save(form, record)
    return _finish(form, person.id, "Death record", saved, "#death", existing)
