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
    RelationshipForm,
    RelativeForm,
)
from casebook.models.people import Person, PersonIdentifier, PersonName, Relationship
from casebook.services import casefile, people, records, search
from casebook.services.context import Context
from casebook.vocab import PersonCategory, PersonStatus, Role
from casebook.web.deps import as_id, db, web_context
from casebook.web.editing import add_record, edit_record, finish, save
from casebook.web.listing import term
from casebook.web.lookups import detention_place_choices, place_choices
from casebook.web.security import requires

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.route("/")
def index() -> str:
    form = PersonFilterForm(request.args)
    form.place.choices = detention_place_choices(blank="Any")
    filters = search.PersonFilters(
        q=form.q.data or "",
        category=term(PersonCategory, form.category.data),
        status=term(PersonStatus, form.status.data),
        place_id=as_id(form.place.data),
        sort=form.sort.data or "name",
        show_retracted=bool(form.show_retracted.data),
    )
    page = search.find_persons(db(), filters, request.args.get("page", 1, type=int))
    return render_template("people/index.html", form=form, page=page, filters=filters)


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
    done = edit_record(Person, person_id, lambda person: _person_form(PersonForm(obj=person)))
    return finish(
        done.saved,
        "Person saved.",
        url_for("people.show", person_id=person_id),
        "people/person_form.html",
        form=done.form,
        person=done.record,
    )


def _child_form(
    form: Any, person: Person, title: str, saved: Any, record: Any = None
) -> str | Response:
    return finish(
        saved,
        f"{title} saved.",
        url_for("people.show", person_id=person.id),
        "people/child_form.html",
        form=form,
        person=person,
        title=title,
        record=record,
    )


def _edit_child(model: Any, ident: int, make_form: Any, title: str) -> str | Response:
    done = edit_record(model, ident, make_form)
    return _child_form(done.form, done.record.person, title, done.saved, done.record)


@bp.route("/<int:person_id>/names/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_name(person_id: int) -> str | Response:
    done = add_record(
        Person, person_id, NameForm(), lambda ctx, p, f: people.add_name(ctx, p, f.values())
    )
    return _child_form(done.form, done.record, "Name", done.saved)


@bp.route("/names/<int:name_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_name(name_id: int) -> str | Response:
    return _edit_child(PersonName, name_id, lambda name: NameForm(obj=name), "Name")


@bp.route("/<int:person_id>/identifiers/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_identifier(person_id: int) -> str | Response:
    done = add_record(
        Person,
        person_id,
        IdentifierForm(),
        lambda ctx, p, f: people.add_identifier(ctx, p, f.values()),
    )
    return _child_form(done.form, done.record, "Identifier", done.saved)


@bp.route("/identifiers/<int:identifier_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_identifier(identifier_id: int) -> str | Response:
    return _edit_child(
        PersonIdentifier, identifier_id, lambda ident: IdentifierForm(obj=ident), "Identifier"
    )


@bp.route("/<int:person_id>/relatives/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_relative(person_id: int) -> str | Response:
    done = add_record(
        Person, person_id, RelativeForm(), lambda ctx, p, f: people.add_relative(ctx, p, f.values())
    )
    return _child_form(done.form, done.record, "Relative", done.saved)


@bp.route("/relatives/<int:relationship_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_relative(relationship_id: int) -> str | Response:
    done = edit_record(Relationship, relationship_id, lambda rel: RelationshipForm(obj=rel))
    person = records.get(web_context(), Person, done.record.person_id)
    return _child_form(done.form, person, "Relative", done.saved, done.record)
