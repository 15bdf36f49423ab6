"""People, their names in every script, identifiers and relationships."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select

from casebook.errors import DomainError
from casebook.models.people import Person, PersonIdentifier, PersonName, Relationship
from casebook.services import names
from casebook.services.context import Context
from casebook.services.records import Changes, atomic, create, get, rule
from casebook.vocab import IdentifierScheme, NameKind, NameLanguage, PersonCategory, Script

# Which scripts a name in each language may be written in.
LANGUAGE_SCRIPTS: dict[NameLanguage, frozenset[Script]] = {
    NameLanguage.HY: frozenset({Script.ARMN}),
    NameLanguage.HY_LATN: frozenset({Script.LATN}),
    NameLanguage.RU: frozenset({Script.CYRL}),
    NameLanguage.AZ_LATN: frozenset({Script.LATN}),
    NameLanguage.EN: frozenset({Script.LATN}),
    NameLanguage.UND: frozenset(Script),
}
IDENTIFIER_FORMATS: dict[IdentifierScheme, tuple[re.Pattern[str], str]] = {
    IdentifierScheme.ECTHR_APP: (re.compile(r"^\d{1,6}/\d{2}$"), "like 12345/20"),
}


def not_in_future(ctx: Context, obj: Any, *fields: str) -> Iterator[DomainError]:
    today = ctx.now().date()
    for field in fields:
        value = getattr(obj, field)
        if isinstance(value, date) and value > today:
            yield DomainError(field, "is in the future")


@rule(Person)
def _person_rules(ctx: Context, person: Person, changes: Changes | None) -> Iterator[DomainError]:
    yield from not_in_future(ctx, person, "birth_date", "status_as_of")
    if person.nationality is not None and not re.fullmatch(r"[A-Z]{2,3}", person.nationality):
        yield DomainError("nationality", "use the ISO 3166 country code (AM, AZ, RU...)")
    if person.urgent and not person.urgency_note:
        yield DomainError("urgency_note", "say why the case is urgent")


@rule(PersonName)
def _name_rules(ctx: Context, name: PersonName, changes: Changes | None) -> Iterator[DomainError]:
    yield from script_matches(name.full_name, "full_name", name.script, name.language)
    if name.kind is NameKind.PRIMARY and name.person_id is not None:
        others = ctx.session.scalar(
            select(func.count(PersonName.id)).where(
                PersonName.person_id == name.person_id,
                PersonName.kind == NameKind.PRIMARY,
                PersonName.retracted_at.is_(None),
                PersonName.id != (name.id or -1),
                PersonName.script == name.script,
            )
        )
        if others:
            yield DomainError(
                "kind", "this person already has a primary name in this script; mark this a variant"
            )


def script_matches(
    text: str | None, field: str, script: Script | None, language: NameLanguage | None
) -> Iterator[DomainError]:
    """The name is written in the script it is labelled with, and fits its language."""
    if not text or script is None:
        return
    found = names.detect_script(text)
    if found is not None and found is not script:
        yield DomainError(
            "script", f"the name is written in {found.label} script, not {script.label}"
        )
    if language is not None and script not in LANGUAGE_SCRIPTS[language]:
        yield DomainError("language", f"{language.label} is not written in {script.label} script")


@rule(PersonIdentifier)
def _identifier_rules(
    ctx: Context, ident: PersonIdentifier, changes: Changes | None
) -> Iterator[DomainError]:
    if ident.scheme is None or not ident.value:
        return
    fmt = IDENTIFIER_FORMATS.get(ident.scheme)
    if fmt and not fmt[0].match(ident.value):
        yield DomainError("value", f"a {ident.scheme.label} looks {fmt[1]}")
    clash = ctx.session.scalar(
        select(PersonIdentifier.person_id).where(
            PersonIdentifier.scheme == ident.scheme,
            PersonIdentifier.value == ident.value,
            PersonIdentifier.id != (ident.id or -1),
        )
    )
    if clash is not None:
        yield DomainError(
            "value", f"{ident.scheme.label} {ident.value} is already recorded for person {clash}"
        )


@rule(Relationship)
def _relationship_rules(
    ctx: Context, rel: Relationship, changes: Changes | None
) -> Iterator[DomainError]:
    if rel.person_id is not None and rel.person_id == rel.related_person_id:
        yield DomainError("related_person_id", "a person cannot be related to themself")


def create_person(
    ctx: Context,
    values: Mapping[str, Any],
    names: Sequence[Mapping[str, Any]] = (),
    identifiers: Sequence[Mapping[str, Any]] = (),
) -> Person:
    """A person with at least one name (all created together or not at all)."""
    if not names:
        raise DomainError("names", "give at least one name (a code name will do)")
    with atomic(ctx) as call:
        person = create(call, Person, values)
        for name_values in names:
            add_name(call, person, name_values)
        for ident_values in identifiers:
            add_identifier(call, person, ident_values)
    return person


def add_name(ctx: Context, person: Person, values: Mapping[str, Any]) -> PersonName:
    return create(ctx, PersonName, {**values, "person_id": person.id})


def add_identifier(ctx: Context, person: Person, values: Mapping[str, Any]) -> PersonIdentifier:
    return create(ctx, PersonIdentifier, {**values, "person_id": person.id})


def relate(ctx: Context, person: Person, values: Mapping[str, Any]) -> Relationship:
    return create(ctx, Relationship, {**values, "person_id": person.id})


def add_relative(ctx: Context, person: Person, values: Mapping[str, Any]) -> Relationship:
    """Link a relative or lawyer: an existing person by id, or a new person by name."""
    fields = dict(values)
    new_name = str(fields.pop("new_name", None) or "").strip()
    new_script = fields.pop("new_script", None) or None
    new_language = fields.pop("new_language", None) or None
    with atomic(ctx) as call:
        if fields.get("related_person_id") in (None, ""):
            if not new_name:
                raise DomainError(
                    "related_person_id", "give an existing person's id or a new person's name"
                )
            kind = str(fields.get("kind") or "")
            category = PersonCategory.LAWYER if kind == "LAWYER" else PersonCategory.RELATIVE
            script = new_script or names.detect_script(new_name) or Script.LATN
            relative = create_person(
                call,
                {"category": category, "confidentiality": fields.get("confidentiality")},
                [
                    {
                        "full_name": new_name,
                        "script": script,
                        "language": new_language or "UND",
                        "kind": NameKind.PRIMARY,
                    }
                ],
            )
            fields["related_person_id"] = relative.id
        return relate(call, person, fields)


def get_person(ctx: Context, ident: int | str) -> Person:
    return get(ctx, Person, ident)
