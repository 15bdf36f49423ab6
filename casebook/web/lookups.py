"""Choices for record selects, read once per request (forms never query)."""

from __future__ import annotations

from sqlalchemy import select

from casebook.forms.common import SelectChoice
from casebook.models.places import Place
from casebook.models.sources import Source
from casebook.vocab import DETENTION_PLACE_KINDS, PlaceKind
from casebook.web.deps import db
from casebook.web.editing import choices


def place_choices(
    kinds: frozenset[PlaceKind] | None = None, blank: str | None = "—"
) -> list[SelectChoice]:
    query = select(Place.id, Place.name, Place.kind).where(Place.retracted_at.is_(None))
    if kinds is not None:
        query = query.where(Place.kind.in_(kinds))
    rows = db().execute(query.order_by(Place.name)).all()
    return choices([(r.id, f"{r.name} ({r.kind.label.lower()})") for r in rows], blank=blank)


def detention_place_choices(blank: str | None = "—") -> list[SelectChoice]:
    return place_choices(DETENTION_PLACE_KINDS, blank=blank)


def court_choices(blank: str | None = "—") -> list[SelectChoice]:
    return place_choices(frozenset({PlaceKind.COURT}), blank=blank)


def source_choices(blank: str | None = "—") -> list[SelectChoice]:
    """Live sources, newest first (a source page offers "cite" for long lists)."""
    rows = (
        db()
        .execute(
            select(Source.id, Source.title, Source.source_type)
            .where(Source.retracted_at.is_(None))
            .order_by(Source.id.desc())
            .limit(500)
        )
        .all()
    )
    return choices(
        [(r.id, f"S-{r.id}: {r.title[:90]} ({r.source_type.label.lower()})") for r in rows],
        blank=blank,
    )
