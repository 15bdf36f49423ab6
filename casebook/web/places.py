"""Places: the list, the place page with its name forms, and their forms."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from casebook.forms.places import NewPlaceForm, PlaceFilterForm, PlaceForm, PlaceNameForm
from casebook.models.places import Place, PlaceName
from casebook.services import places, records
from casebook.services.context import Context
from casebook.vocab import PlaceKind, Role
from casebook.web.deps import db, web_context
from casebook.web.editing import add_record, edit_record, finish, save
from casebook.web.listing import page_of, term
from casebook.web.lookups import place_choices
from casebook.web.security import requires

bp = Blueprint("places", __name__, url_prefix="/places")


@bp.route("/")
def index() -> str:
    form = PlaceFilterForm(request.args)
    conditions: list[Any] = []
    if kind := term(PlaceKind, form.kind.data):
        conditions.append(Place.kind == kind)
    if not form.show_retracted.data:
        conditions.append(Place.retracted_at.is_(None))
    rows = select(Place).order_by(Place.name, Place.id)
    page = page_of(Place, conditions, rows, request.args.get("page", 1, type=int))
    return render_template("places/index.html", form=form, page=page)


def _place_form(form: Any, place: Place | None = None) -> Any:
    choices = place_choices()
    if place is not None:  # a place is not inside itself
        choices = [c for c in choices if c.value != str(place.id)]
    form.parent_id.choices = choices
    return form


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new() -> str | Response:
    form = _place_form(NewPlaceForm())

    def create(ctx: Context) -> Place:
        names = [entry.data for entry in form.names if (entry.form.name.data or "").strip()]
        return places.create_place(ctx, form.values(skip={"names"}), names)

    place = save(form, create)
    if place is not None:
        flash("Place created.", "success")
        return redirect(url_for("places.show", place_id=place.id))
    return render_template("places/place_form.html", form=form, place=None)


@bp.route("/<int:place_id>")
def show(place_id: int) -> str:
    place = records.get(web_context(), Place, place_id)
    names = db().scalars(
        select(PlaceName).where(PlaceName.place_id == place.id).order_by(PlaceName.id)
    )
    parent = db().get(Place, place.parent_id) if place.parent_id else None
    return render_template("places/show.html", place=place, names=list(names), parent=parent)


@bp.route("/<int:place_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(place_id: int) -> str | Response:
    done = edit_record(Place, place_id, lambda place: _place_form(PlaceForm(obj=place), place))
    return finish(
        done.saved,
        "Place saved.",
        url_for("places.show", place_id=place_id),
        "places/place_form.html",
        form=done.form,
        place=done.record,
    )


def _name_page(form: PlaceNameForm, place: Place, saved: Any, name: Any = None) -> str | Response:
    return finish(
        saved,
        "Name saved." if name is not None else "Name added.",
        url_for("places.show", place_id=place.id),
        "places/name_form.html",
        form=form,
        place=place,
        record=name,
    )


@bp.route("/<int:place_id>/names/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_name(place_id: int) -> str | Response:
    done = add_record(
        Place,
        place_id,
        PlaceNameForm(),
        lambda ctx, p, f: places.add_place_name(ctx, p, f.values()),
    )
    return _name_page(done.form, done.record, done.saved)


@bp.route("/names/<int:name_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_name(name_id: int) -> str | Response:
    done = edit_record(PlaceName, name_id, lambda name: PlaceNameForm(obj=name))
    place = records.get(web_context(), Place, done.record.place_id)
    return _name_page(done.form, place, done.saved, done.record)
