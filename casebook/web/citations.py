"""Citations: "cite a source" on any claim (choosing a source or creating one in the same
form), and editing a citation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from casebook.errors import DomainError, NotFound, ValidationErrors
from casebook.forms.citations import NEW_SOURCE_FIELDS, CitationForm, NewCitationForm
from casebook.forms.common import SelectChoice, options
from casebook.models.claims import Citation
from casebook.models.common import Claim
from casebook.models.detention import DetentionEpisode
from casebook.models.trials import Proceeding
from casebook.services import claims, sources
from casebook.services.context import Context
from casebook.services.records import atomic
from casebook.vocab import Role, Vocab
from casebook.web.deps import arg_id, db, web_context
from casebook.web.editing import edit_record, save
from casebook.web.lookups import source_choices
from casebook.web.security import requires

bp = Blueprint("citations", __name__, url_prefix="/citations")

# Short descriptions of a claim: the first of these its record has.
_DESCRIBING = (
    "act_type",
    "event_type",
    "guarantee",
    "finding",
    "sentence_type",
    "instance",
    "case_number",
    "istanbul_grade",
    "manner",
    "capture_date",
    "start_date",
    "hearing_date",
    "examined_on",
    "death_date",
)


def describe(owner: Claim) -> str:
    """A few words on a claim-bearing record: its kind, type and date."""
    parts: list[str] = []
    for attr in _DESCRIBING:
        value = getattr(owner, attr, None)
        if isinstance(value, Vocab):
            parts.append(value.label)
        elif isinstance(value, date):
            parts.append(value.isoformat())
        elif isinstance(value, str) and value:
            parts.append(value)
        if len(parts) == 3:
            break
    return " · ".join(parts)


def person_id_column(model: type[Claim]) -> tuple[Any, Any]:
    """The column holding the person a claim of ``model`` is about, and the join to it."""
    for attr in ("person_id", "victim_id"):
        if hasattr(model, attr):
            return getattr(model, attr), None
    if hasattr(model, "proceeding_id"):
        return Proceeding.person_id, (Proceeding, model.proceeding_id == Proceeding.id)
    if hasattr(model, "episode_id"):
        return DetentionEpisode.person_id, (
            DetentionEpisode,
            model.episode_id == DetentionEpisode.id,
        )
    raise TypeError(f"no person for {model.__name__}")


def owners_with_persons(model: type[Claim], claim_ids: Iterable[int]) -> list[tuple[Any, int]]:
    """The records of ``model`` owning ``claim_ids``, each with its person's id (one query)."""
    column, join = person_id_column(model)
    query = select(model, column).where(model.claim_id.in_(list(claim_ids)))
    if join is not None:
        query = query.join(*join)
    return [(row[0], row[1]) for row in db().execute(query).all()]


def cite_new_source(
    ctx: Context,
    claim_id: int,
    source_values: Mapping[str, Any],
    citation_values: Mapping[str, Any],
) -> Citation:
    """Create a source and cite it for ``claim_id`` in one service call (both or neither)."""
    with atomic(ctx) as call:
        try:
            source = sources.create_source(call, source_values)
        except DomainError as exc:
            raise _as_new_source_error(exc) from exc
        return claims.cite(call, claim_id, source, citation_values)


def _as_new_source_error(exc: DomainError) -> DomainError:
    """Put the errors of the new source on the form's "new source" fields."""
    by_column = {column: name for name, column in NEW_SOURCE_FIELDS.items()}
    problems = exc.errors if isinstance(exc, ValidationErrors) else [exc]
    renamed = [
        DomainError(by_column.get(p.field or ""), p.message)
        if p.field in by_column
        else DomainError(None, f"new source's {(p.field or '').replace('_', ' ')}: {p.message}")
        for p in problems
    ]
    return ValidationErrors(renamed)


def is_local(target: str | None) -> bool:
    """A path on this site ("/people/3"), never another site ("//x", "https://x")."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    return not any(c in target for c in "\r\n\t\\")


def back_to(owner: Claim) -> Response:
    target = request.args.get("next")
    if is_local(target):
        return redirect(str(target))
    ((_record, person_id),) = owners_with_persons(type(owner), [owner.claim_id])
    return redirect(url_for("people.show", person_id=person_id))


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new() -> str | Response:
    claim_id = arg_id("claim_id")
    if claim_id is None:
        raise NotFound("claim", request.args.get("claim_id", ""))
    owner = claims.claim_owner(web_context(), claim_id)
    form = NewCitationForm()
    form.source_id.choices = source_choices(blank="— (describe a new source below)")

    def create(ctx: Context) -> Citation:
        values = form.values(skip={"source_id", *NEW_SOURCE_FIELDS})
        if form.describes_new_source():
            if form.source_id.data is not None:
                raise DomainError("source_id", "choose a source or describe a new one, not both")
            return cite_new_source(ctx, claim_id, form.source_values(), values)
        if form.source_id.data is None:
            raise DomainError("source_id", "choose a source, or describe a new one below")
        return claims.cite(ctx, claim_id, form.source_id.data, values)

    if save(form, create) is not None:
        flash("Source cited.", "success")
        return back_to(owner)
    return render_template(
        "citations/form.html", form=form, owner=owner, about=describe(owner), citation=None
    )


def _with_current(choices: list[SelectChoice], citation: Citation) -> list[SelectChoice]:
    """Keep the cited source selectable even when it is not among the listed ones."""
    if any(c.value == str(citation.source_id) for c in choices):
        return choices
    return [*options([(citation.source_id, f"S-{citation.source_id}")]), *choices]


@bp.route("/<int:citation_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(citation_id: int) -> str | Response:
    def make_form(citation: Citation) -> CitationForm:
        form = CitationForm(obj=citation)
        form.source_id.choices = _with_current(source_choices(blank=None), citation)
        return form

    done = edit_record(Citation, citation_id, make_form)
    owner = claims.claim_owner(web_context(), done.record.claim_id)
    if done.saved is not None:
        flash("Citation saved.", "success")
        return back_to(owner)
    return render_template(
        "citations/form.html",
        form=done.form,
        owner=owner,
        about=describe(owner),
        citation=done.record,
    )
