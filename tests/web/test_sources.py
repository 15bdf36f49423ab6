"""Sources through the web: list and filters, the source page, forms, grading, informants,
evidence uploads and downloads with their chain of custody."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from casebook.models import Citation, CustodyLogEntry, EvidenceFile, Informant, Source
from casebook.services import claims, sources
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import CustodyAction, Reliability, SourceType
from tests.factories import (
    ARMENIAN,
    CYRILLIC,
    make_allegation,
    make_episode,
    make_hearing,
    make_person,
    make_proceeding,
    make_source,
)
from tests.web.conftest import Browser, csrf_from

PDF = b"%PDF-1.4\n% invented test document\n%%EOF\n"
HOSTILE = f"<script>alert(1)</script> & Sons {ARMENIAN} {CYRILLIC} 🕊️"

NEW_SOURCE = {
    "source_type": "NGO_REPORT",
    "title": "Report on the detention of prisoners of war",
    "affiliation": "NGO",
    "confidentiality": "CONFIDENTIAL",
}


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def upload(browser: Browser, source_id: int, data: bytes, name: str, media_type: str) -> Any:
    """POST a file, with the body encoded in memory (the test client spills a large body
    to a temporary file it never closes)."""
    url = f"/sources/{source_id}/files/new"
    token = csrf_from(browser.get(url).get_data(as_text=True))
    form = {
        "csrf_token": token,
        "file": FileStorage(io.BytesIO(data), name, content_type=media_type),
        "role": "ORIGINAL",
        "acquired_by": "Ani",
    }
    boundary, body = encode_multipart(MultiDict(form))
    return browser.client.post(
        url, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def with_file(ctx: Context, store: EvidenceStore, **values: Any) -> tuple[Source, EvidenceFile]:
    source = make_source(ctx)
    fields = {"media_type": "application/pdf", "original_filename": "report.pdf", **values}
    return source, sources.add_evidence_file(ctx, source, store, io.BytesIO(PDF), fields)


def test_every_page_renders_for_the_roles_allowed(
    as_editor: Browser,
    as_reviewer: Browser,
    as_viewer: Browser,
    ctx: Context,
    reviewer_ctx: Context,
    store: EvidenceStore,
) -> None:
    source, _file = with_file(ctx, store)
    sources.set_informant(reviewer_ctx, source, {"name": "Informant Gayane"})
    base = f"/sources/{source.id}"
    for url in ("/sources/", "/sources/new", base, f"{base}/edit", f"{base}/files/new"):
        assert as_editor.get(url).status_code == 200, url
    for url in (f"{base}/grade", f"{base}/informant"):
        assert as_editor.get(url).status_code == 403, url
        assert as_reviewer.get(url).status_code == 200, url
    for url in ("/sources/", base):
        assert as_viewer.get(url).status_code == 200, url
    for url in ("/sources/new", f"{base}/edit", f"{base}/files/new", f"{base}/grade"):
        assert as_viewer.get(url).status_code == 403, url
    assert as_viewer.get(f"{base}/informant").status_code == 403
    reviewer_page = as_reviewer.get(base).get_data(as_text=True)
    assert "Informant Gayane" in reviewer_page
    assert "never leaves the organisation" in reviewer_page
    assert "Informant Gayane" not in as_editor.get(base).get_data(as_text=True)
    assert "Informant Gayane" not in as_viewer.get(base).get_data(as_text=True)


def test_editor_creates_and_edits_a_source(as_editor: Browser, session: Session) -> None:
    archives = "https://web.archive.org/web/1/https://x.example\n\n  https://archive.ph/abc  \n"
    response = as_editor.post(
        "/sources/new",
        {**NEW_SOURCE, "archive_urls": archives, "retrieved_at": "2026-10-01T12:30"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    source = session.scalars(select(Source).order_by(Source.id.desc())).first()
    assert source is not None
    assert source.archive_urls == [
        "https://web.archive.org/web/1/https://x.example",
        "https://archive.ph/abc",
    ]
    assert source.reliability is None
    edit = as_editor.get(f"/sources/{source.id}/edit").get_data(as_text=True)
    assert "https://web.archive.org/web/1/https://x.example\nhttps://archive.ph/abc" in edit
    saved = as_editor.post(
        f"/sources/{source.id}/edit",
        {**NEW_SOURCE, "title": "Renamed", "version": "1", "extent_pages": "40"},
    )
    assert saved.status_code == 302
    session.refresh(source)
    assert (source.title, source.extent_pages, source.archive_urls) == ("Renamed", 40, [])


def test_reliability_is_not_part_of_the_source_form(as_editor: Browser, session: Session) -> None:
    response = as_editor.post("/sources/new", {**NEW_SOURCE, "reliability": "A"})
    assert response.status_code == 302
    source = session.scalars(select(Source).order_by(Source.id.desc())).first()
    assert source is not None and source.reliability is None


def test_bad_input_is_shown_next_to_the_field_and_kept(as_editor: Browser) -> None:
    response = as_editor.post(
        "/sources/new",
        {**NEW_SOURCE, "title": ARMENIAN, "url": "ftp://files.example/x", "language": "not a tag"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="url-error"' in html and "must be a web address" in html
    assert 'id="language-error"' in html
    assert ARMENIAN in html and "ftp://files.example/x" in html


def test_hostile_text_is_stored_and_escaped(as_editor: Browser, session: Session) -> None:
    long_summary = "ա" * 10_000
    response = as_editor.post(
        "/sources/new", {**NEW_SOURCE, "title": HOSTILE, "author": HOSTILE, "summary": long_summary}
    )
    assert response.status_code == 302
    html = as_editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html and "🕊️" in html and long_summary in html
    listing = as_editor.get("/sources/", query_string={"q": "SONS"}).get_data(as_text=True)
    assert "&lt;script&gt;" in listing
    too_long = as_editor.post("/sources/new", {**NEW_SOURCE, "title": "x" * 10_000})
    assert too_long.status_code == 200
    assert 'id="title-error"' in too_long.get_data(as_text=True)


def test_list_filters(as_viewer: Browser, ctx: Context, reviewer_ctx: Context) -> None:
    graded = make_source(ctx, title="Alpha court ruling", source_type=SourceType.COURT_DOCUMENT)
    sources.grade_source(reviewer_ctx, graded, Reliability.B, "official record", None)
    make_source(ctx, title="Beta video", source_type=SourceType.VIDEO, affiliation="FAMILY")

    def titles(**args: str) -> str:
        return as_viewer.get("/sources/", query_string=args).get_data(as_text=True)

    assert "Alpha court ruling" in titles(q="COURT") and "Beta video" not in titles(q="COURT")
    assert "Beta video" in titles(reliability="ungraded")
    assert "Alpha court ruling" not in titles(reliability="ungraded")
    assert "Alpha court ruling" in titles(reliability="B")
    assert "Beta video" in titles(source_type="VIDEO", affiliation="FAMILY")
    assert "Alpha" not in titles(source_type="VIDEO")
    assert "No source matches" in titles(q="%")  # a LIKE wildcard is searched literally
    assert as_viewer.get("/sources/", query_string={"page": "x"}).status_code == 200


def test_list_runs_a_fixed_number_of_queries(
    as_viewer: Browser, ctx: Context, engine: Engine
) -> None:
    def queries() -> int:
        with counting(engine) as statements:
            assert as_viewer.get("/sources/").status_code == 200
        return len(statements)

    make_source(ctx)
    few = queries()
    for n in range(12):
        make_source(ctx, title=f"Source {n}")
    assert queries() == few


def test_upload_stores_the_file_under_its_hash_with_custody(
    as_editor: Browser, ctx: Context, session: Session, store: EvidenceStore
) -> None:
    source = make_source(ctx)
    response = upload(as_editor, source.id, PDF, "Report ձ.pdf", "application/pdf")
    assert response.status_code == 302, response.get_data(as_text=True)
    sha = hashlib.sha256(PDF).hexdigest()
    stored = session.scalars(select(EvidenceFile).where(EvidenceFile.source_id == source.id)).one()
    assert stored.sha256 == sha and stored.size_bytes == len(PDF)
    assert stored.original_filename == "Report ձ.pdf" and stored.media_type == "application/pdf"
    assert store.path_for(sha).read_bytes() == PDF
    actions = [e.action for e in session.scalars(select(CustodyLogEntry)).all()]
    assert actions == [CustodyAction.COLLECTED, CustodyAction.HASHED]
    html = as_editor.get(f"/sources/{source.id}").get_data(as_text=True)
    assert sha in html and "Report ձ.pdf" in html and "Hashed" in html


def test_upload_of_a_disallowed_type_is_refused(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    source = make_source(ctx)
    response = upload(as_editor, source.id, b"MZ\x90\x00", "setup.exe", "application/x-msdownload")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="file-error"' in html
    assert "files of type application/x-msdownload are not accepted" in html
    assert session.scalars(select(EvidenceFile)).first() is None


def test_upload_whose_content_contradicts_its_type_is_refused(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    source = make_source(ctx)
    response = upload(as_editor, source.id, PDF, "photo.png", "image/png")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "declared as image/png but its content is not" in html
    fake_pdf = upload(as_editor, source.id, b"<html>hi</html>", "x.pdf", "application/pdf")
    assert "declared as application/pdf" in fake_pdf.get_data(as_text=True)
    assert session.scalars(select(EvidenceFile)).first() is None


def test_too_large_upload_gets_a_clear_message(as_editor: Browser, ctx: Context) -> None:
    source = make_source(ctx)
    big = b"a" * (1024 * 1024 + 1)
    response = upload(as_editor, source.id, big, "notes.txt", "text/plain")
    assert response.status_code == 200
    assert "larger than the limit of 1,048,576 bytes" in response.get_data(as_text=True)


def test_upload_without_a_file_is_refused(as_editor: Browser, ctx: Context) -> None:
    source = make_source(ctx)
    response = as_editor.post(f"/sources/{source.id}/files/new", {"role": "ORIGINAL"})
    assert response.status_code == 200
    assert "choose a file to upload" in response.get_data(as_text=True)


def test_download_requires_login_and_logs_access(
    anonymous: FlaskClient,
    as_viewer: Browser,
    ctx: Context,
    session: Session,
    store: EvidenceStore,
) -> None:
    _source, evidence = with_file(ctx, store, original_filename="../../etc/Пароль <x>.pdf")
    url = f"/sources/files/{evidence.id}/download"
    refused = anonymous.get(url)
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    response = as_viewer.get(url)
    assert response.status_code == 200
    assert response.data == PDF
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "x_.pdf" in disposition
    assert "/" not in disposition and ".." not in disposition
    response.close()
    accessed = session.scalars(
        select(CustodyLogEntry).where(CustodyLogEntry.action == CustodyAction.ACCESSED)
    ).all()
    assert len(accessed) == 1 and accessed[0].evidence_file_id == evidence.id


def test_download_of_a_missing_file_is_a_404_page(
    as_viewer: Browser, ctx: Context, store: EvidenceStore
) -> None:
    _source, evidence = with_file(ctx, store)
    store.path_for(evidence.sha256).unlink()
    response = as_viewer.get(f"/sources/files/{evidence.id}/download")
    assert response.status_code == 404
    assert "missing" in response.get_data(as_text=True)
    assert as_viewer.get("/sources/files/999999/download").status_code == 404


def test_viewer_cannot_upload_or_grade_and_editor_cannot_grade(
    as_viewer: Browser, as_editor: Browser, ctx: Context, session: Session
) -> None:
    source = make_source(ctx)
    files = {"file": (io.BytesIO(PDF), "r.pdf", "application/pdf"), "role": "ORIGINAL"}
    posted = as_viewer.post(
        f"/sources/{source.id}/files/new",
        files,
        form_url="/sources/",
        content_type="multipart/form-data",
    )
    assert posted.status_code == 403
    grade = {"reliability": "A", "reliability_rationale": "x", "version": "1"}
    assert (
        as_viewer.post(f"/sources/{source.id}/grade", grade, form_url="/sources/").status_code
        == 403
    )
    assert (
        as_editor.post(f"/sources/{source.id}/grade", grade, form_url="/sources/").status_code
        == 403
    )
    session.refresh(source)
    assert source.reliability is None
    assert session.scalars(select(EvidenceFile)).first() is None


def test_reviewer_grades_with_a_rationale(
    as_reviewer: Browser, ctx: Context, session: Session
) -> None:
    source = make_source(ctx)
    url = f"/sources/{source.id}/grade"
    missing = as_reviewer.post(url, {"reliability": "B", "version": "1"})
    assert missing.status_code == 200
    assert 'id="reliability_rationale-error"' in missing.get_data(as_text=True)
    response = as_reviewer.post(
        url, {"reliability": "B", "reliability_rationale": f"Long record {HOSTILE}", "version": "1"}
    )
    assert response.status_code == 302
    session.refresh(source)
    assert source.reliability is Reliability.B
    page = as_reviewer.get(f"/sources/{source.id}").get_data(as_text=True)
    assert "Usually reliable" in page and "&lt;script&gt;" in page
    stale = as_reviewer.post(
        url, {"reliability": "C", "reliability_rationale": "r", "version": "1"}
    )
    assert "Someone else saved this record" in stale.get_data(as_text=True)


def test_reviewer_records_and_edits_the_informant(
    as_reviewer: Browser, ctx: Context, session: Session
) -> None:
    source = make_source(ctx)
    url = f"/sources/{source.id}/informant"
    first = as_reviewer.post(url, {"name": HOSTILE, "contact": "+374 00 000000"})
    assert first.status_code == 302
    informant = session.scalars(select(Informant)).one()
    assert informant.name == HOSTILE.strip()
    assert informant.confidentiality.value == "RESTRICTED"
    again = as_reviewer.post(url, {"name": "Gayane", "version": "1"})
    assert again.status_code == 302
    session.refresh(informant)
    assert informant.name == "Gayane"
    assert as_reviewer.post(url, {"name": ""}).status_code == 200


def test_source_page_lists_every_citing_claim_with_its_person(
    as_viewer: Browser, ctx: Context, engine: Engine
) -> None:
    source = make_source(ctx)
    aram = make_person(ctx)
    other = make_person(
        ctx, names=[{"full_name": "Invented Davit", "script": "LATN", "language": "EN"}]
    )
    claims.cite(ctx, make_allegation(ctx, aram), source, {"pinpoint_kind": "PAGE", "pinpoint": "7"})
    claims.cite(ctx, make_hearing(ctx, make_proceeding(ctx, other)), source, {"stance": "CONTEXT"})

    def page() -> tuple[str, int]:
        with counting(engine) as statements:
            html = as_viewer.get(f"/sources/{source.id}").get_data(as_text=True)
        return html, len(statements)

    html, before = page()
    assert ARMENIAN in html and "Invented Davit" in html
    assert f"/people/{aram.id}" in html and f"/people/{other.id}" in html
    assert "Allegation" in html and "Hearing" in html and "page 7" in html
    for _ in range(3):
        claims.cite(ctx, make_allegation(ctx, other), source, {"credibility": 2})
    claims.cite(ctx, make_episode(ctx, aram), source, {})
    html, after = page()
    assert "Detention episode" in html
    # one more query for the new kind of claim (episode), none per citation
    assert after == before + 1
    assert len(list(ctx.session.scalars(select(Citation)))) == 6
