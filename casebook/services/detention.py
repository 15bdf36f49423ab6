"""Detention episodes and custody events."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from casebook.errors import DomainError
from casebook.models.detention import CustodyEvent, DetentionEpisode
from casebook.services.context import Context
from casebook.services.people import not_in_future
from casebook.services.records import Changes, create, rule
from casebook.vocab import Acknowledgment, CustodyEventType, EpisodeEndReason

NEEDS_DESTINATION = frozenset(
    {CustodyEventType.TRANSFER, CustodyEventType.HOSPITAL_ADMISSION, CustodyEventType.REPATRIATION}
)


@rule(DetentionEpisode)
def _episode_rules(
    ctx: Context, ep: DetentionEpisode, changes: Changes | None
) -> Iterator[DomainError]:
    yield from not_in_future(ctx, ep, "capture_date", "end_date", "acknowledged_date")
    if ep.capture_date and ep.end_date and ep.end_date < ep.capture_date:
        yield DomainError("end_date", "ends before the capture")
    if ep.acknowledged_date and ep.capture_date and ep.acknowledged_date < ep.capture_date:
        yield DomainError("acknowledged_date", "is before the capture")
    if ep.end_date is not None and ep.end_reason is EpisodeEndReason.ONGOING:
        yield DomainError("end_reason", "the detention has an end date: say how it ended")
    if ep.acknowledged_date is not None and ep.acknowledgment is Acknowledgment.UNKNOWN:
        yield DomainError("acknowledgment", "say what the state answered on that date")


@rule(CustodyEvent)
def _event_rules(ctx: Context, ev: CustodyEvent, changes: Changes | None) -> Iterator[DomainError]:
    yield from not_in_future(ctx, ev, "start_date", "end_date")
    if ev.start_date and ev.end_date and ev.end_date < ev.start_date:
        yield DomainError("end_date", "ends before it starts")
    if ev.event_type in NEEDS_DESTINATION and ev.to_place_id is None:
        yield DomainError("to_place_id", f"a {ev.event_type.label.lower()} needs a destination")
    if ev.from_place_id is not None and ev.from_place_id == ev.to_place_id:
        yield DomainError("to_place_id", "the destination is the place of departure")
    episode = ctx.session.get(DetentionEpisode, ev.episode_id) if ev.episode_id else None
    if episode is None or ev.start_date is None:
        return
    if episode.capture_date and ev.start_date < episode.capture_date:
        yield DomainError(
            "start_date", f"is before the capture on {episode.capture_date.isoformat()}"
        )
    if episode.end_date and ev.start_date > episode.end_date:
        yield DomainError(
            "start_date", f"is after the detention ended on {episode.end_date.isoformat()}"
        )


def create_episode(ctx: Context, values: Mapping[str, Any]) -> DetentionEpisode:
    return create(ctx, DetentionEpisode, values)


def add_event(ctx: Context, episode: DetentionEpisode, values: Mapping[str, Any]) -> CustodyEvent:
    return create(ctx, CustodyEvent, {**values, "episode_id": episode.id})
