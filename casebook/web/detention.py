"""Detention episodes and custody events: the forms behind the case file's detention
section."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, url_for
from werkzeug.wrappers import Response

from casebook.forms.detention import CustodyEventForm, EpisodeForm
from casebook.models.detention import CustodyEvent, DetentionEpisode
from casebook.models.people import Person
from casebook.services import detention, records
from casebook.vocab import Role
from casebook.web.deps import arg_id, web_context
from casebook.web.editing import add_record, edit_record, finish, save
from casebook.web.lookups import place_choices
from casebook.web.security import requires

bp = Blueprint("detention", __name__, url_prefix="/detentions")


def _episode_form(form: EpisodeForm) -> EpisodeForm:
    form.capture_place_id.choices = place_choices()
    return form


def _event_form(form: CustodyEventForm) -> CustodyEventForm:
    form.from_place_id.choices = form.to_place_id.choices = place_choices()
    return form


def _done(
    form: Any, person_id: int, episode_id: int | None, title: str, saved: Any
) -> str | Response:
    episode = saved.id if isinstance(saved, DetentionEpisode) else episode_id
    return finish(
        saved,
        f"{title} saved.",
        url_for("people.show", person_id=person_id) + f"#episode-{episode}",
        "detention/form.html",
        form=form,
        person_id=person_id,
        episode_id=episode_id,
        title=title,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new() -> str | Response:
    person = records.get(web_context(), Person, arg_id("person_id"))
    form = _episode_form(EpisodeForm())
    saved = save(
        form, lambda ctx: detention.create_episode(ctx, {**form.values(), "person_id": person.id})
    )
    return _done(form, person.id, None, "Detention episode", saved)


@bp.route("/<int:episode_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(episode_id: int) -> str | Response:
    done = edit_record(DetentionEpisode, episode_id, lambda ep: _episode_form(EpisodeForm(obj=ep)))
    episode = done.record
    return _done(done.form, episode.person_id, episode.id, "Detention episode", done.saved)


@bp.route("/<int:episode_id>/events/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_event(episode_id: int) -> str | Response:
    done = add_record(
        DetentionEpisode,
        episode_id,
        _event_form(CustodyEventForm()),
        lambda ctx, episode, form: detention.add_event(ctx, episode, form.values()),
    )
    episode = done.record
    return _done(done.form, episode.person_id, episode.id, "Custody event", done.saved)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_event(event_id: int) -> str | Response:
    done = edit_record(CustodyEvent, event_id, lambda ev: _event_form(CustodyEventForm(obj=ev)))
    event = done.record
    return _done(done.form, event.episode.person_id, event.episode_id, "Custody event", done.saved)
