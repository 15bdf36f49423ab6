"""Factories for invented test records. Every person here is fictional.

Each takes a Context and keyword overrides, and goes through the services, so the rows
they make are exactly what the web and the CLI would make.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casebook.models import (
    Allegation,
    DetentionEpisode,
    Hearing,
    Person,
    Place,
    Proceeding,
    Source,
)
from casebook.services import allegations, detention, people, places, sources, trials
from casebook.services.context import Context
from casebook.vocab import (
    ActType,
    MonitoringMode,
    NameKind,
    NameLanguage,
    PersonCategory,
    PlaceKind,
    ProceedingInstance,
    Script,
    SourceType,
)

# An invented person, written in the three scripts.
ARMENIAN = "Արամ Հովհաննիսյան"
LATIN = "Aram Hovhannisyan"
CYRILLIC = "Арам Ованнисян"


def make_person(
    ctx: Context, *, names: list[dict[str, Any]] | None = None, **values: Any
) -> Person:
    fields: dict[str, Any] = {"category": PersonCategory.POW, "sex": "MALE", **values}
    if names is None:
        names = [
            {
                "full_name": ARMENIAN,
                "script": Script.ARMN,
                "language": NameLanguage.HY,
                "kind": NameKind.PRIMARY,
            },
            {"full_name": LATIN, "script": Script.LATN, "language": NameLanguage.HY_LATN},
            {"full_name": CYRILLIC, "script": Script.CYRL, "language": NameLanguage.RU},
        ]
    return people.create_person(ctx, fields, names)


def make_place(ctx: Context, **values: Any) -> Place:
    fields: dict[str, Any] = {
        "kind": PlaceKind.PRISON,
        "name": "Invented Prison No. 9",
        "country": "AZ",
        **values,
    }
    return places.create_place(ctx, fields)


def make_episode(ctx: Context, person: Person, **values: Any) -> DetentionEpisode:
    fields: dict[str, Any] = {"person_id": person.id, "capture_date": date(2020, 11, 10), **values}
    return detention.create_episode(ctx, fields)


def make_proceeding(ctx: Context, person: Person, **values: Any) -> Proceeding:
    fields: dict[str, Any] = {
        "person_id": person.id,
        "instance": ProceedingInstance.FIRST_INSTANCE,
        "start_date": date(2021, 5, 1),
        "end_date": date(2021, 7, 1),
        "case_number": "1(101)-123/2021",
        **values,
    }
    return trials.create_proceeding(ctx, fields)


def make_hearing(ctx: Context, proc: Proceeding, **values: Any) -> Hearing:
    fields: dict[str, Any] = {
        "hearing_date": date(2021, 5, 20),
        "monitoring_mode": MonitoringMode.LAWYER,
        **values,
    }
    return trials.add_hearing(ctx, proc, fields)


def make_source(ctx: Context, **values: Any) -> Source:
    fields: dict[str, Any] = {
        "source_type": SourceType.NGO_REPORT,
        "title": "Invented report on detainees",
        "language": "en",
        **values,
    }
    return sources.create_source(ctx, fields)


def make_allegation(ctx: Context, person: Person, **values: Any) -> Allegation:
    fields: dict[str, Any] = {
        "victim_id": person.id,
        "act_type": ActType.TORTURE,
        "start_date": date(2020, 11, 12),
        **values,
    }
    return allegations.create_allegation(ctx, fields)
