"""Proceedings: the list, the proceeding page, and forms for proceedings, charges,
hearings, the fair-trial matrix and sentences."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from casebook.forms.common import SelectChoice
from casebook.forms.trials import (
    ChargeForm,
    HearingForm,
    MatrixForm,
    ProceedingFilterForm,
    ProceedingForm,
    SentenceForm,
)
from casebook.models.detention import DetentionEpisode
from casebook.models.people import Person
from casebook.models.places import Place
from casebook.models.trials import Charge, Hearing, Proceeding, Sentence
from casebook.services import casefile, records, trials
from casebook.vocab import Guarantee, ProceedingInstance, Role
from casebook.web.deps import arg_id, as_id, db, web_context
from casebook.web.editing import add_record, choices, edit_record, finish, save
from casebook.web.listing import ListPage, page_of, primary_names, term
from casebook.web.lookups import court_choices, detention_place_choices
from casebook.web.security import requires

bp = Blueprint("trials", __name__, url_prefix="/proceedings")

# -- the list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProceedingRow:
    proceeding: Proceeding
    court: str
    person_name: str


def _conditions(form: ProceedingFilterForm) -> list[Any]:
    conditions: list[Any] = []
    if not form.show_retracted.data:
        conditions.append(Proceeding.retracted_at.is_(None))
    if instance := term(ProceedingInstance, form.instance.data):
        conditions.append(Proceeding.instance == instance)
    if (court := as_id(form.court.data)) is not None:
        conditions.append(Proceeding.court_id == court)
    if isinstance(form.start_from.data, date):
        conditions.append(Proceeding.start_date >= form.start_from.data)
    if isinstance(form.start_to.data, date):
        conditions.append(Proceeding.start_date <= form.start_to.data)
    return conditions


def find_proceedings(form: ProceedingFilterForm, number: int) -> ListPage:
    """One page of proceedings with their court and person: three queries whatever the page."""
    start = (
        Proceeding.start_date.asc() if form.sort.data == "oldest" else Proceeding.start_date.desc()
    )
    rows = (
        select(Proceeding, Place.name)
        .outerjoin(Place, Place.id == Proceeding.court_id)
        .order_by(start.nulls_last(), Proceeding.id.desc())
    )
    page = page_of(Proceeding, _conditions(form), rows, number)
    names = primary_names(proc.person_id for proc, _court in page.rows)
    found = [
        ProceedingRow(proc, court or "", names.get(proc.person_id, "")) for proc, court in page.rows
    ]
    return replace(page, rows=found)


@bp.route("/")
def index() -> str:
    form = ProceedingFilterForm(request.args)
    form.court.choices = court_choices(blank="Any")
    page = find_proceedings(form, request.args.get("page", 1, type=int))
    return render_template("trials/index.html", form=form, page=page)


# -- the proceeding page -----------------------------------------------------------------


@bp.route("/<int:proceeding_id>")
def show(proceeding_id: int) -> str:
    ctx = web_context()
    proc = records.get(ctx, Proceeding, proceeding_id)
    show_retracted = request.args.get("retracted") == "1" or proc.retracted_at is not None
    file = casefile.load(ctx, proc.person_id, show_retracted=show_retracted)
    view = next((v for v in file.proceedings if v.proceeding.id == proc.id), None)
    if view is None:
        abort(404)
    return render_template("trials/show.html", file=file, view=view, guarantees=list(Guarantee))


# -- proceedings -------------------------------------------------------------------------


def _proceeding_form(form: ProceedingForm, person_id: int, own_id: int | None) -> ProceedingForm:
    form.parent_id.choices = _other_proceedings(person_id, own_id)
    form.episode_id.choices = _episodes(person_id)
    form.court_id.choices = court_choices()
    return form


def _other_proceedings(person_id: int, own_id: int | None) -> list[SelectChoice]:
    rows = db().execute(
        select(Proceeding.id, Proceeding.instance, Proceeding.case_number, Proceeding.start_date)
        .where(
            Proceeding.person_id == person_id,
            Proceeding.retracted_at.is_(None),
            Proceeding.id != (own_id or 0),
        )
        .order_by(Proceeding.start_date, Proceeding.id)
    )
    return choices(
        [
            (r.id, f"{r.instance.label} {r.case_number or ''} ({r.start_date or 'date unknown'})")
            for r in rows
        ]
    )


def _episodes(person_id: int) -> list[SelectChoice]:
    rows = db().execute(
        select(DetentionEpisode.id, DetentionEpisode.capture_date, DetentionEpisode.end_date)
        .where(DetentionEpisode.person_id == person_id, DetentionEpisode.retracted_at.is_(None))
        .order_by(DetentionEpisode.capture_date, DetentionEpisode.id)
    )
    return choices(
        [
            (r.id, f"Captured {r.capture_date or 'date unknown'}, until {r.end_date or 'now'}")
            for r in rows
        ]
    )


def _done(
    form: Any, proc: Proceeding | None, title: str, saved: Any, **extra: Any
) -> str | Response:
    """Back to the proceeding page once saved; the form again with its errors if not."""
    target = ""
    if saved is not None:
        proceeding_id = saved.id if isinstance(saved, Proceeding) else saved.proceeding_id
        target = url_for("trials.show", proceeding_id=proceeding_id)
    page = {"form": form, "proc": proc, "title": title, **extra}
    return finish(saved, f"{title} saved.", target, "trials/form.html", **page)


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new() -> str | Response:
    person = records.get(web_context(), Person, arg_id("person_id"))
    form = _proceeding_form(ProceedingForm(), person.id, None)
    saved = save(
        form, lambda ctx: trials.create_proceeding(ctx, {**form.values(), "person_id": person.id})
    )
    return _done(form, None, "Proceeding", saved, person_id=person.id)


@bp.route("/<int:proceeding_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(proceeding_id: int) -> str | Response:
    done = edit_record(
        Proceeding,
        proceeding_id,
        lambda proc: _proceeding_form(ProceedingForm(obj=proc), proc.person_id, proc.id),
    )
    return _done(done.form, done.record, "Proceeding", done.saved)


def _edit_part(model: Any, ident: int, make_form: Any, title: str) -> str | Response:
    """Edit a charge, hearing or sentence: back to its proceeding once saved."""
    done = edit_record(model, ident, make_form)
    proc = records.get(web_context(), Proceeding, done.record.proceeding_id)
    return _done(done.form, proc, title, done.saved)


# -- charges, hearings, sentences --------------------------------------------------------


@bp.route("/<int:proceeding_id>/charges/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_charge(proceeding_id: int) -> str | Response:
    done = add_record(
        Proceeding,
        proceeding_id,
        ChargeForm(),
        lambda ctx, p, f: trials.add_charge(ctx, p, f.values()),
    )
    return _done(done.form, done.record, "Charge", done.saved)


@bp.route("/charges/<int:charge_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_charge(charge_id: int) -> str | Response:
    return _edit_part(Charge, charge_id, lambda charge: ChargeForm(obj=charge), "Charge")


@bp.route("/<int:proceeding_id>/hearings/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_hearing(proceeding_id: int) -> str | Response:
    done = add_record(
        Proceeding,
        proceeding_id,
        HearingForm(),
        lambda ctx, p, f: trials.add_hearing(ctx, p, f.values()),
    )
    return _done(done.form, done.record, "Hearing", done.saved)


@bp.route("/hearings/<int:hearing_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_hearing(hearing_id: int) -> str | Response:
    return _edit_part(Hearing, hearing_id, lambda hearing: HearingForm(obj=hearing), "Hearing")


def _sentence_form(form: SentenceForm) -> SentenceForm:
    form.facility_id.choices = detention_place_choices()
    return form


@bp.route("/<int:proceeding_id>/sentences/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_sentence(proceeding_id: int) -> str | Response:
    done = add_record(
        Proceeding,
        proceeding_id,
        _sentence_form(SentenceForm()),
        lambda ctx, p, f: trials.add_sentence(ctx, p, f.values()),
    )
    return _done(done.form, done.record, "Sentence", done.saved)


@bp.route("/sentences/<int:sentence_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_sentence(sentence_id: int) -> str | Response:
    return _edit_part(
        Sentence,
        sentence_id,
        lambda sentence: _sentence_form(SentenceForm(obj=sentence)),
        "Sentence",
    )


# -- the fair-trial matrix ---------------------------------------------------------------


@bp.route("/<int:proceeding_id>/matrix", methods=["GET", "POST"])
@requires(Role.EDITOR)
def matrix(proceeding_id: int) -> str | Response:
    ctx = web_context()
    proc = records.get(ctx, Proceeding, proceeding_id)
    current = trials.matrix(ctx, proc)
    form = MatrixForm(data=MatrixForm.prefill(current))
    saved = save(
        form,
        lambda ctx: trials.record_matrix(ctx, proc, form.changes(current), form.versions()),
    )
    if saved is not None:
        flash("Fair-trial findings saved.", "success")
        return redirect(url_for("trials.show", proceeding_id=proc.id) + "#matrix")
    form.refresh_versions(current)
    return render_template("trials/matrix.html", form=form, proc=proc, current=current)
