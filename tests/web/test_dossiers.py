"""Dossiers through the web: the case-file action, preview, generation as a job, status,
download, the register, verification, the gate and its override, and submissions."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from casebook.jobs import Jobs
from casebook.models import AuditEvent, Dossier, Submission
from casebook.services.context import Context
from casebook.vocab import AuditAction, JobStatus
from tests.factories import make_allegation, make_person
from tests.reports.pdftools import metadata
from tests.services.dossier_support import clean_person
from tests.web.conftest import Browser
from tests.web.test_form_fuzz import fuzz


@pytest.fixture
def immediate(app: Flask) -> Flask:
    """Jobs run as soon as the request's transaction commits (Huey's immediate mode)."""
    app.extensions["casebook.jobs"] = Jobs(
        app.config["CASEBOOK_SETTINGS"],
        lambda: app.extensions["casebook.sessions"],
        immediate=True,
    )
    return app


def entry_id(response: object) -> int:
    location = response.headers["Location"]  # type: ignore[attr-defined]
    found = re.search(r"/dossiers/(\d+)$", location)
    assert found, location
    return int(found.group(1))


def generate(browser: Browser, person_id: int, **data: str) -> int:
    url = f"/dossiers/person/{person_id}"
    response = browser.post(url, {"action": "generate", **data})
    assert response.status_code == 302, response.get_data(as_text=True)
    return entry_id(response)


def test_preview_generate_status_and_download(
    immediate: Flask, as_editor: Browser, ctx: Context, reviewer_ctx: Context
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    case_file = as_editor.get(f"/people/{person.id}").get_data(as_text=True)
    assert f'href="/dossiers/person/{person.id}"' in case_file
    form = as_editor.get(f"/dossiers/person/{person.id}").get_data(as_text=True)
    assert "Audience profile" in form
    preview = as_editor.post(f"/dossiers/person/{person.id}", {"profile": "PUBLIC"})
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "What this audience will not see" in page and "citation audit found no error" in page
    assert 'name="action" type="hidden" value="generate"' in page
    dossier_id = generate(as_editor, person.id, profile="PUBLIC")
    status = as_editor.get(f"/dossiers/{dossier_id}")
    body = status.get_data(as_text=True)
    entry = ctx.session.get(Dossier, dossier_id)
    assert entry is not None and entry.status is JobStatus.DONE
    assert "Refresh" not in status.headers
    assert (
        entry.reference and entry.reference in body and f"/dossiers/{dossier_id}/download" in body
    )
    download = as_editor.get(f"/dossiers/{dossier_id}/download")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert f"filename={entry.reference}-PUBLIC.pdf" in download.headers["Content-Disposition"]
    assert metadata(download.data)["/CasebookReference"] == entry.reference
    exported = ctx.session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity == "dossier",
            AuditEvent.record_id == dossier_id,
            AuditEvent.action == AuditAction.EXPORT,
        )
    ).all()
    assert len(exported) == 1 and exported[0].via == "web"
    register = as_editor.get("/dossiers/").get_data(as_text=True)
    assert entry.reference in register and "Download" in register

    verified = as_editor.post(
        "/dossiers/verify",
        {"file": (io.BytesIO(download.data), "sent.pdf")},
        content_type="multipart/form-data",
        form_url="/dossiers/verify",
    )
    assert f"exactly the registered per-person dossier {entry.reference}" in verified.get_data(
        as_text=True
    )
    altered = as_editor.post(
        "/dossiers/verify",
        {"file": (io.BytesIO(download.data + b"%x"), "sent.pdf")},
        content_type="multipart/form-data",
        form_url="/dossiers/verify",
    )
    assert f"claims to be {entry.reference} but does not match" in altered.get_data(as_text=True)


def test_a_queued_job_page_refreshes_itself(
    app: Flask, as_editor: Browser, ctx: Context, reviewer_ctx: Context, tmp_path: Path
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    dossier_id = generate(as_editor, person.id, profile="INTERNAL")  # no worker runs here
    status = as_editor.get(f"/dossiers/{dossier_id}")
    assert status.headers["Refresh"] == "3"
    assert "Waiting for the worker" in status.get_data(as_text=True)
    assert (tmp_path / "instance" / "queue.sqlite3").exists()
    assert "<script" not in status.get_data(as_text=True)


def test_roles_viewers_generate_internal_only(
    immediate: Flask, as_viewer: Browser, ctx: Context, reviewer_ctx: Context
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    refused = as_viewer.post(f"/dossiers/person/{person.id}", {"profile": "PUBLIC"})
    assert refused.status_code == 200
    assert "needs the editor role" in refused.get_data(as_text=True)
    assert generate(as_viewer, person.id, profile="INTERNAL")
    bad = as_viewer.post(f"/dossiers/person/{person.id}", {"profile": "CONFIDENTIAL"})
    assert "needs the editor role" in bad.get_data(as_text=True)


def test_confidential_needs_a_recipient_and_shows_it(
    immediate: Flask, as_editor: Browser, ctx: Context, reviewer_ctx: Context
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    missing = as_editor.post(f"/dossiers/person/{person.id}", {"profile": "CONFIDENTIAL"})
    assert "confidential dossier needs a recipient kind" in missing.get_data(as_text=True)
    preview = as_editor.post(
        f"/dossiers/person/{person.id}",
        {"profile": "CONFIDENTIAL", "recipient": "WGAD", "recipient_name": "WGAD <secretariat>"},
    )
    page = preview.get_data(as_text=True)
    assert "WGAD &lt;secretariat&gt;" in page and "<secretariat>" not in page


def test_a_blocked_dossier_and_the_reviewers_override(
    immediate: Flask, as_editor: Browser, as_reviewer: Browser, ctx: Context
) -> None:
    person = make_person(ctx, confidentiality="PUBLIC")
    make_allegation(ctx, person, confidentiality="PUBLIC")
    preview = as_editor.post(f"/dossiers/person/{person.id}", {"profile": "INTERNAL"})
    assert "generation is blocked" in preview.get_data(as_text=True)
    assert "Only a reviewer can generate it" in preview.get_data(as_text=True)
    dossier_id = generate(as_editor, person.id, profile="INTERNAL")
    status = as_editor.get(f"/dossiers/{dossier_id}").get_data(as_text=True)
    assert "CLAIM-UNCITED" in status and "Generate despite the errors" not in status
    assert (
        as_editor.post(
            f"/dossiers/{dossier_id}/override",
            {"override_reason": "x" * 30},
            form_url=f"/dossiers/{dossier_id}",
        ).status_code
        == 403
    )
    url = f"/dossiers/{dossier_id}/override"
    short = as_reviewer.post(url, {"override_reason": "short"}, form_url=f"/dossiers/{dossier_id}")
    assert "at least 15 characters" in short.get_data(as_text=True)
    done = as_reviewer.post(
        url,
        {"override_reason": "Reviewed: the source is being added."},
        form_url=f"/dossiers/{dossier_id}",
    )
    assert done.status_code == 302
    entry = ctx.session.get(Dossier, dossier_id)
    assert entry is not None
    ctx.session.refresh(entry)
    assert entry.status is JobStatus.DONE and entry.override_reason
    page = as_editor.get(f"/dossiers/{dossier_id}").get_data(as_text=True)
    assert "Audit overridden" in page and "Reviewed: the source is being added." in page


def test_a_submission_records_the_dossier_sent(
    immediate: Flask, as_editor: Browser, ctx: Context, reviewer_ctx: Context
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    dossier_id = generate(as_editor, person.id, profile="PUBLIC")
    entry = ctx.session.get(Dossier, dossier_id)
    assert entry is not None and entry.reference
    form = as_editor.get("/submissions/new").get_data(as_text=True)
    assert entry.reference in form
    response = as_editor.post(
        "/submissions/new",
        {
            "recipient": "WGAD",
            "title": "Invented appeal",
            "status": "DRAFT",
            "confidentiality": "CONFIDENTIAL",
            "person_ids": str(person.id),
            "dossier_id": str(dossier_id),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    submission = ctx.session.scalars(select(Submission).order_by(Submission.id.desc())).first()
    assert submission is not None and submission.pdf_sha256 == entry.pdf_sha256
    assert submission.dossier is not None and submission.dossier.id == dossier_id
    edit = as_editor.get(f"/submissions/{submission.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{dossier_id}">' in edit


@pytest.mark.skipif(
    importlib.util.find_spec("reports.thematic") is None, reason="thematic builder not yet there"
)
def test_thematic_report_page(
    immediate: Flask, as_editor: Browser, ctx: Context, reviewer_ctx: Context
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    page = as_editor.get("/dossiers/thematic").get_data(as_text=True)
    assert "Act type" in page and "Captured from" in page
    data = {"profile": "PUBLIC", "categories": "POW", "act_types": "TORTURE"}
    preview = as_editor.post("/dossiers/thematic", data).get_data(as_text=True)
    assert "1 person." in preview and 'name="act_types" value="TORTURE"' in preview
    response = as_editor.post("/dossiers/thematic", {"action": "generate", **data})
    assert response.status_code == 302
    entry = ctx.session.get(Dossier, entry_id(response))
    assert entry is not None and entry.status is JobStatus.DONE
    assert [p.id for p in entry.persons] == [person.id]


@pytest.mark.parametrize("template", ["/dossiers/person/{person}", "/dossiers/thematic"])
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_no_input_produces_a_server_error(
    app: Flask, as_reviewer: Browser, ctx: Context, template: str, data: st.DataObject
) -> None:
    person = make_person(ctx, confidentiality="PUBLIC")
    fuzz(as_reviewer, template.format(person=person.id), data)


def test_hostile_recipient_names_and_reasons_never_a_500(
    immediate: Flask, as_reviewer: Browser, ctx: Context
) -> None:
    person = make_person(ctx, confidentiality="PUBLIC")
    url = f"/dossiers/person/{person.id}"
    for name in ["<img src=/etc/passwd>", "Ա" * 255, "x" * 10_000, "\x00\x1b[31m", "🙂" * 100]:
        data = {"profile": "CONFIDENTIAL", "recipient": "WGAD", "recipient_name": name}
        assert as_reviewer.post(url, data).status_code == 200
        generated = as_reviewer.post(
            url, {**data, "action": "generate", "override_reason": "Reviewed for the test " + name}
        )
        assert generated.status_code in (200, 302)
    verify = as_reviewer.post(
        "/dossiers/verify",
        {"file": (io.BytesIO(b"\x00" * 1000), "x.pdf")},
        content_type="multipart/form-data",
        form_url="/dossiers/verify",
    )
    assert "not a readable PDF" in verify.get_data(as_text=True)
