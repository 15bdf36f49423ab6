"""Sources: the list, the source page (grade, files and their chain of custody, every claim
citing it), forms for the source, its grade and its informant, evidence uploads and
downloads."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from casebook.errors import DomainError
from casebook.forms.sources import (
    UNGRADED,
    GradeForm,
    InformantForm,
    SourceFilterForm,
    SourceForm,
    UploadForm,
)
from casebook.models import CLAIM_MODELS
from casebook.models.accounts import User
from casebook.models.claims import Citation, ClaimAnchor
from casebook.models.people import Person
from casebook.models.sources import CustodyLogEntry, EvidenceFile, Informant, Source
from casebook.services import records
from casebook.services import sources as service
from casebook.services.context import Context
from casebook.services.records import clean_text
from casebook.vocab import CustodyAction, Reliability, Role, SourceAffiliation, SourceType
from casebook.web.citations import owners_with_persons
from casebook.web.deps import db, settings, store, web_context
from casebook.web.editing import Edited, edit_record, finish, save
from casebook.web.errors import render_error
from casebook.web.listing import ordering, page_of, term
from casebook.web.security import has_role, requires

bp = Blueprint("sources", __name__, url_prefix="/sources")

# First bytes of the types whose content is easy to recognise.
SIGNATURES = {
    "application/pdf": b"%PDF-",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
}


SORTS: dict[str, tuple[Any, ...]] = {
    "recorded": (Source.id.desc(),),
    "title": (Source.title, Source.id),
    "published": (Source.published_date.desc().nulls_last(), Source.id.desc()),
}


@bp.route("/")
def index() -> str:
    form = SourceFilterForm(request.args)
    conditions: list[Any] = []
    if not form.show_retracted.data:
        conditions.append(Source.retracted_at.is_(None))
    if q := clean_text(form.q.data or ""):
        conditions.append(func.lower(Source.title).contains(q.lower(), autoescape=True))
    if chosen := term(SourceType, form.source_type.data):
        conditions.append(Source.source_type == chosen)
    if affiliation := term(SourceAffiliation, form.affiliation.data):
        conditions.append(Source.affiliation == affiliation)
    if form.reliability.data == UNGRADED:
        conditions.append(Source.reliability.is_(None))
    elif grade := term(Reliability, form.reliability.data):
        conditions.append(Source.reliability == grade)
    rows = select(Source).order_by(*ordering(SORTS, form.sort.data))
    page = page_of(Source, conditions, rows, request.args.get("page", 1, type=int))
    cited = _citation_counts([s.id for s in page.rows])
    return render_template("sources/index.html", form=form, page=page, cited=cited)


def _citation_counts(source_ids: list[int]) -> dict[int, int]:
    if not source_ids:
        return {}
    query = (
        select(Citation.source_id, func.count())
        .where(Citation.source_id.in_(source_ids), Citation.retracted_at.is_(None))
        .group_by(Citation.source_id)
    )
    return {row[0]: row[1] for row in db().execute(query).all()}


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def new() -> str | Response:
    form = SourceForm()
    source = save(form, lambda ctx: service.create_source(ctx, form.values()))
    if source is not None:
        flash("Source created.", "success")
        return redirect(url_for("sources.show", source_id=source.id))
    return render_template("sources/source_form.html", form=form, source=None)


@bp.route("/<int:source_id>")
def show(source_id: int) -> str:
    source = records.get(web_context(), Source, source_id)
    files = list(source.files)
    custody = _custody([f.id for f in files])
    informant = None
    if has_role(Role.REVIEWER):
        informant = db().scalar(select(Informant).where(Informant.source_id == source.id))
    return render_template(
        "sources/show.html",
        source=source,
        files=files,
        custody=custody,
        users=_users({e.user_id for entries in custody.values() for e in entries}),
        cites=_citing_claims(source.id),
        informant=informant,
    )


def _custody(file_ids: list[int]) -> dict[int, list[CustodyLogEntry]]:
    entries: dict[int, list[CustodyLogEntry]] = defaultdict(list)
    if file_ids:
        query = (
            select(CustodyLogEntry)
            .where(CustodyLogEntry.evidence_file_id.in_(file_ids))
            .order_by(CustodyLogEntry.occurred_at, CustodyLogEntry.id)
        )
        for entry in db().scalars(query):
            entries[entry.evidence_file_id].append(entry)
    return entries


def _users(ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = db().execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all()
    return {r.id: r.display_name for r in rows}


@dataclass(frozen=True)
class CitingClaim:
    citation: Citation
    owner: Any
    person: Person | None


def _citing_claims(source_id: int) -> list[CitingClaim]:
    """Every citation of the source with its claim's record and person: one query per kind
    of claim, never one per citation."""
    rows = db().execute(
        select(Citation, ClaimAnchor.kind)
        .join(ClaimAnchor, Citation.claim_id == ClaimAnchor.id)
        .where(Citation.source_id == source_id)
        .order_by(Citation.id)
    )
    cites = rows.all()
    by_kind: dict[Any, list[int]] = defaultdict(list)
    for citation, kind in cites:
        by_kind[kind].append(citation.claim_id)
    owners: dict[int, tuple[Any, int]] = {}
    for model in CLAIM_MODELS:
        if model.CLAIM_KIND in by_kind:
            for owner, person_id in owners_with_persons(model, by_kind[model.CLAIM_KIND]):
                owners[owner.claim_id] = (owner, person_id)
    person_ids = {person_id for _owner, person_id in owners.values()}
    persons = {
        p.id: p
        for p in db().scalars(
            select(Person).where(Person.id.in_(person_ids)).options(selectinload(Person.names))
        )
    }
    result = []
    for citation, _kind in cites:
        owner, person_id = owners.get(citation.claim_id, (None, 0))
        result.append(CitingClaim(citation, owner, persons.get(person_id)))
    return result


@bp.route("/<int:source_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(source_id: int) -> str | Response:
    done = edit_record(Source, source_id, lambda source: SourceForm(obj=source))
    return _source_page(done, "Source saved.", "sources/source_form.html")


@bp.route("/<int:source_id>/grade", methods=["GET", "POST"])
@requires(Role.REVIEWER)
def grade(source_id: int) -> str | Response:
    def grade_it(ctx: Context, source: Source, form: GradeForm) -> Source:
        return service.grade_source(
            ctx,
            source,
            form.reliability.data,
            form.reliability_rationale.data,
            form.edited_version(),
        )

    done = edit_record(Source, source_id, lambda source: GradeForm(obj=source), grade_it)
    return _source_page(done, "Source graded.", "sources/grade.html")


def _source_page(done: Edited[Source, Any], message: str, template: str) -> str | Response:
    target = url_for("sources.show", source_id=done.record.id)
    return finish(done.saved, message, target, template, form=done.form, source=done.record)


@bp.route("/<int:source_id>/informant", methods=["GET", "POST"])
@requires(Role.REVIEWER)
def informant(source_id: int) -> str | Response:
    source = records.get(web_context(), Source, source_id)
    current = db().scalar(select(Informant).where(Informant.source_id == source.id))
    form = InformantForm(obj=current)
    if request.method == "GET" and current is not None:
        form.version.data = str(current.version)

    def keep(ctx: Context) -> Informant:
        if current is None:
            return service.set_informant(ctx, source, form.values())
        return records.update(
            ctx, current, form.edited_version(), form.values(), role=Role.REVIEWER
        )

    if save(form, keep):
        flash("Informant saved (restricted: never leaves the organisation).", "success")
        return redirect(url_for("sources.show", source_id=source.id))
    return render_template("sources/informant.html", form=form, source=source, current=current)


@bp.route("/<int:source_id>/files/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def upload(source_id: int) -> str | Response:
    source = records.get(web_context(), Source, source_id)
    form = UploadForm()
    if save(form, lambda ctx: _store_upload(ctx, source, form)):
        flash("File stored and hashed.", "success")
        return redirect(url_for("sources.show", source_id=source.id))
    return render_template("sources/upload.html", form=form, source=source)


def _store_upload(ctx: Context, source: Source, form: UploadForm) -> EvidenceFile:
    upload = form.file.data
    media_type = (upload.mimetype or "").lower()
    head = upload.stream.read(16)
    upload.stream.seek(0)
    if problem := content_mismatch(media_type, head):
        raise DomainError("file", problem)
    values = {
        "role": form.role.data,
        "acquired_at": form.acquired_at.data,
        "acquired_by": form.acquired_by.data,
        "note": form.note.data,
        "media_type": media_type,
        "original_filename": (upload.filename or "")[:255] or None,
    }
    try:
        return service.add_evidence_file(
            ctx, source, store(), upload.stream, values, max_bytes=settings().max_upload_bytes
        )
    except DomainError as exc:
        if exc.field == "media_type":
            raise DomainError("file", exc.message) from exc
        raise


def content_mismatch(media_type: str, head: bytes) -> str | None:
    """Why the file's first bytes contradict its declared type (PDF, PNG, JPEG), if they do."""
    sniffed = next((kind for kind, magic in SIGNATURES.items() if head.startswith(magic)), None)
    if media_type in SIGNATURES and sniffed != media_type:
        return f"the file is declared as {media_type} but its content is not"
    if sniffed is not None and sniffed != media_type:
        return f"the file is declared as {media_type or '(no type)'} but its content is {sniffed}"
    return None


@bp.route("/files/<int:file_id>/download")
def download(file_id: int) -> Response:
    ctx = web_context()
    evidence = records.get(ctx, EvidenceFile, file_id)
    path = store().path_for(evidence.sha256)
    if not path.is_file():
        return render_error(404, "The stored copy of this file is missing. Tell an administrator.")
    service.log_custody(ctx, evidence, CustodyAction.ACCESSED, note="downloaded through the web")
    return send_file(
        path,
        as_attachment=True,
        download_name=safe_name(evidence),
        mimetype=evidence.media_type,
    )


def safe_name(evidence: EvidenceFile) -> str:
    """An ASCII file name for the download, derived from (never trusting) the original."""
    original = (evidence.original_filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    ascii_name = unicodedata.normalize("NFKD", original).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_name).strip("._")[:100]
    return cleaned or f"evidence-{evidence.id}"
