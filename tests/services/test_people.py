"""People, names in several scripts, identifiers, relationships, places."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.errors import DomainError, ValidationErrors
from casebook.services import people, places
from casebook.services.context import Context
from casebook.vocab import IdentifierScheme, NameKind, NameLanguage, RelationshipKind, Script
from tests.factories import ARMENIAN, CYRILLIC, LATIN, make_person, make_place


def test_person_with_names_in_three_scripts_shares_one_search_key(ctx: Context) -> None:
    person = make_person(ctx)
    assert [n.full_name for n in person.names] == [ARMENIAN, LATIN, CYRILLIC]
    keys = {n.search_key.split()[-1] for n in person.names}
    assert len(keys) == 1
    assert person.primary_name == ARMENIAN


def test_a_person_needs_a_name(ctx: Context) -> None:
    with pytest.raises(DomainError, match="at least one name"):
        people.create_person(ctx, {"category": "POW"}, [])


def test_name_script_and_language_must_agree_with_the_text(ctx: Context) -> None:
    with pytest.raises(ValidationErrors) as caught:
        make_person(
            ctx, names=[{"full_name": CYRILLIC, "script": Script.LATN, "language": NameLanguage.RU}]
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"script", "language"}


def test_one_primary_name_per_script(ctx: Context) -> None:
    person = make_person(ctx)
    with pytest.raises(ValidationErrors, match="primary"):
        people.add_name(
            ctx,
            person,
            {"full_name": "Արամ Հ.", "script": "ARMN", "language": "HY", "kind": NameKind.PRIMARY},
        )


def test_identifier_unique_per_scheme_and_value(ctx: Context) -> None:
    first = make_person(ctx)
    people.add_identifier(ctx, first, {"scheme": IdentifierScheme.ECTHR_APP, "value": "12345/20"})
    second = make_person(ctx)
    with pytest.raises(ValidationErrors) as caught:
        people.add_identifier(
            ctx, second, {"scheme": IdentifierScheme.ECTHR_APP, "value": "12345/20"}
        )
    assert caught.value.errors[0].field == "value"
    assert f"person {first.id}" in caught.value.errors[0].message
    with pytest.raises(ValidationErrors, match="12345/20"):
        people.add_identifier(ctx, second, {"scheme": "ECTHR_APP", "value": "twelve"})


def test_dates_in_the_future_and_iso_country_codes(ctx: Context) -> None:
    with pytest.raises(ValidationErrors) as caught:
        make_person(ctx, birth_date=date(2030, 1, 1), nationality="A1")
    assert {e.field for e in caught.value.errors} == {"birth_date", "nationality"}
    person = make_person(ctx, nationality="am")
    assert person.nationality == "AM"


def test_relationships_link_two_people(ctx: Context) -> None:
    detainee = make_person(ctx)
    mother = make_person(ctx, category="RELATIVE")
    rel = people.relate(
        ctx,
        detainee,
        {"related_person_id": mother.id, "kind": RelationshipKind.PARENT, "is_next_of_kin": True},
    )
    assert rel.is_next_of_kin
    with pytest.raises(ValidationErrors, match="themself"):
        people.relate(ctx, detainee, {"related_person_id": detainee.id, "kind": "OTHER"})


def test_hostile_text_is_kept_verbatim(ctx: Context) -> None:
    hostile = "<img src='/etc/passwd'> & Sons 🙂"
    person = make_person(
        ctx, names=[{"full_name": hostile, "script": "LATN", "language": "EN"}], notes="x" * 10_000
    )
    assert person.names[0].full_name == hostile
    assert len(person.notes or "") == 10_000


def test_place_coordinates_come_in_pairs_with_precision(ctx: Context) -> None:
    with pytest.raises(ValidationErrors) as caught:
        make_place(ctx, latitude=40.4)
    assert {e.field for e in caught.value.errors} == {"longitude", "coordinate_precision"}
    place = places.create_place(
        ctx,
        {
            "kind": "SETTLEMENT",
            "name": "Shushi",
            "latitude": 39.76,
            "longitude": 46.75,
            "coordinate_precision": "SETTLEMENT",
        },
        [
            {"name": "Շուշի", "script": "ARMN", "language": "HY"},
            {"name": "Şuşa", "script": "LATN", "language": "AZ_LATN"},
            {"name": "Шуши", "script": "CYRL", "language": "RU"},
        ],
    )
    assert len(place.names) == 3


def test_close_words_are_the_indexed_words_near_a_misspelling(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casebook.services import search

    for full_name in ("Sargis Sargsyan", "Sargis Sakian", "Sako Sargsyan", "Saro Sarkisov"):
        for _copy in range(3):  # a word held by many names is still one word
            make_person(ctx, names=[{"full_name": full_name, "script": "LATN", "language": "EN"}])
    make_person(ctx, names=[{"full_name": "Tigran Sargsian", "script": "LATN", "language": "EN"}])
    # Sargsyan and Sargsian fold to one word; a long word is widened to edit distance 2
    # (sakian, and the given name sargis), a short one to 1 (sako itself and saro)
    assert search.close_words(ctx.session, "sargian") == ["sakian", "sargis", "sargsian"]
    assert search.close_words(ctx.session, "sako") == ["sako", "saro"]
    assert search.close_words(ctx.session, "sa") == []  # too short to widen
    assert search.close_words(ctx.session, "zzzz") == []
    # at most MAX_FUZZY_CANDIDATES distinct words are read, in their order
    monkeypatch.setattr(search, "MAX_FUZZY_CANDIDATES", 3)  # sakian, sako, sargis
    assert search.close_words(ctx.session, "sargian") == ["sakian", "sargis"]
