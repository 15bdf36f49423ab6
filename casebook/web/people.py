"""Persons: the list and search, the case file, and forms for persons, names,
identifiers and relatives."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from casebook.forms.people import (
    IdentifierForm,
    NameForm,
    NewPersonForm,
    PersonFilterForm,
    PersonForm,
    RelativeForm,
)
from casebook.models.people import Person, PersonIdentifier, PersonName
from casebook.services import casefile, people, records, search
from casebook.services.context import Context
from casebook.vocab import PersonCategory, PersonStatus, Role
from casebook.web.deps import db, web_context
from casebook.web.editing import save
from casebook.web.lookups import detention_place_choices, place_choices
from casebook.web.security import requires

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.route("/")
def index() -> str:
    form = PersonFilterForm(request.args)
    form.place.choices = detention_place_choices(blank="Any")
    filters = search.PersonFilters(
        q=form.q.data or "",
        category=_term(PersonCategory, form.category.data),
        status=_term(PersonStatus, form.status.data),
        place_id=int(form.place.data) if (form.place.data or "").isdigit() else None,
        sort=form.sort.data or "name",
        show_retracted=bool(form.show_retracted.data),
    )
    page = search.find_persons(db(), filters, request.args.get("page", 1, type=int))
    return render_template("people/index.html", form=form, page=page, filters=filters)


def _term(vocab: Any, value: str | None) -> Any:
    return vocab.of(value) if value and value in vocab._value2member_map_ else None


def _person_form(form: PersonForm) -> PersonForm:
    form.birth_place_id.choices = place_choices()
    return form


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new() -> str | Response:
    form = _person_form(NewPersonForm())

    def create(ctx: Context) -> Person:
        names = [entry.data for entry in form.names if (entry.full_name.data or "").strip()]
        return people.create_person(ctx, form.values(skip={"names"}), names)

    person = save(form, create)
    if person is not None:
        flash("Person created.", "success")
        return redirect(url_for("people.show", person_id=person.id))
    return render_template("people/person_form.html", form=form, person=None)


@bp.route("/<int:person_id>")
def show(person_id: int) -> str:
    ctx = web_context()
    file = casefile.load(ctx, person_id, show_retracted=request.args.get("retracted") == "1")
    return render_template("people/show.html", file=file)


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(person_id: int) -> str | Response:
    person = records.get(web_context(), Person, person_id)
    form = _person_form(PersonForm(obj=person))
    if request.method == "GET":
        form.version.data = str(person.version)
    if save(form, lambda ctx: records.update(ctx, person, form.edited_version(), form.values())):
        flash("Person saved.", "success")
        return redirect(url_for("people.show", person_id=person.id))
    return render_template("people/person_form.html", form=form, person=person)


def _child_form(
    form: Any, person: Person, title: str, saved: Any, record: Any = None
) -> str | Response:
    if saved is not None:
        flash(f"{title} saved.", "success")
        return redirect(url_for("people.show", person_id=person.id))
    return render_template(
        "people/child_form.html", form=form, person=person, title=title, record=record
    )


@bp.route("/<int:person_id>/names/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_name(person_id: int) -> str | Response:
    person = records.get(web_context(), Person, person_id)
    form = NameForm()
    saved = save(form, lambda ctx: people.add_name(ctx, person, form.values()))
    return _child_form(form, person, "Name", saved)


@bp.route("/names/<int:name_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_name(name_id: int) -> str | Response:
    name = records.get(web_context(), PersonName, name_id)
    form = NameForm(obj=name)
    if request.method == "GET":
        form.version.data = str(name.version)
    saved = save(form, lambda ctx: records.update(ctx, name, form.edited_version(), form.values()))
    return _child_form(form, name.person, "Name", saved, name)


@bp.route("/<int:person_id>/identifiers/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_identifier(person_id: int) -> str | Response:
    person = records.get(web_context(), Person, person_id)
    form = IdentifierForm()
    saved = save(form, lambda ctx: people.add_identifier(ctx, person, form.values()))
    return _child_form(form, person, "Identifier", saved)


@bp.route("/identifiers/<int:identifier_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_identifier(identifier_id: int) -> str | Response:
    ident = records.get(web_context(), PersonIdentifier, identifier_id)
    form = IdentifierForm(obj=ident)
    if request.method == "GET":
        form.version.data = str(ident.version)
    saved = save(form, lambda ctx: records.update(ctx, ident, form.edited_version(), form.values()))
    return _child_form(form, ident.person, "Identifier", saved, ident)


@bp.route("/<int:person_id>/relatives/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_relative(person_id: int) -> str | Response:
    person = records.get(web_context(), Person, person_id)
    form = RelativeForm()
    saved = save(form, lambda ctx: people.add_relative(ctx, person, form.values()))
    return _child_form(form, person, "Relative", saved)
