"""Places and their names in several scripts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from casebook.errors import DomainError
from casebook.models.places import Place, PlaceName
from casebook.services.context import Context
from casebook.services.people import script_matches
from casebook.services.records import Changes, atomic, create, rule


@rule(Place)
def _place_rules(ctx: Context, place: Place, changes: Changes | None) -> Iterator[DomainError]:
    has_lat, has_lon = place.latitude is not None, place.longitude is not None
    if has_lat != has_lon:
        yield DomainError(
            "longitude" if has_lat else "latitude", "give both coordinates or neither"
        )
    if has_lat and place.coordinate_precision is None:
        yield DomainError("coordinate_precision", "say how precise the coordinates are")
    if not has_lat and place.coordinate_precision is not None:
        yield DomainError("coordinate_precision", "there are no coordinates to qualify")
    if place.latitude is not None and not -90 <= place.latitude <= 90:
        yield DomainError("latitude", "must be between -90 and 90")
    if place.longitude is not None and not -180 <= place.longitude <= 180:
        yield DomainError("longitude", "must be between -180 and 180")
    if place.country is not None and not place.country.isalpha():
        yield DomainError("country", "use the ISO 3166 country code (AM, AZ, RU...)")
    if place.parent_id is not None and place.id is not None:
        seen = {place.id}
        parent_id: int | None = place.parent_id
        while parent_id is not None:
            if parent_id in seen:
                yield DomainError("parent_id", "a place cannot be inside itself")
                break
            seen.add(parent_id)
            parent = ctx.session.get(Place, parent_id)
            parent_id = parent.parent_id if parent else None


@rule(PlaceName)
def _place_name_rules(
    ctx: Context, name: PlaceName, changes: Changes | None
) -> Iterator[DomainError]:
    yield from script_matches(name.name, "name", name.script, name.language)


def create_place(
    ctx: Context, values: Mapping[str, Any], names: Sequence[Mapping[str, Any]] = ()
) -> Place:
    with atomic(ctx) as call:
        place = create(call, Place, values)
        for name_values in names:
            add_place_name(call, place, name_values)
    return place


def add_place_name(ctx: Context, place: Place, values: Mapping[str, Any]) -> PlaceName:
    return create(ctx, PlaceName, {**values, "place_id": place.id})
