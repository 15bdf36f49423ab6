"""The audit dashboard, its CSV and PDF, the evidence page, the panel on case files and
source pages, and the badges on lists: roles, CSRF, links, filters."""

from __future__ import annotations

import csv
import io

from flask import Flask
from pypdf import PdfReader
from sqlalchemy import select

from casebook.models import AuditEvent, CustodyLogEntry
from casebook.services import claims, sources
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import AuditAction, CustodyAction, VerificationOutcome
from tests.factories import make_allegation, make_person, make_source
from tests.web.conftest import Browser, csrf_from


def _case(ctx: Context) -> tuple[object, object, object]:
    """A person with an uncited allegation (an error) and a cited one (an ungraded citation
    of an ungraded source: warnings)."""
    person = make_person(ctx)
    uncited = make_allegation(ctx, person)
    source = make_source(ctx, title="Invented report & <b>notes</b>")
    claims.cite(ctx, make_allegation(ctx, person), source, {})
    return person, uncited, source


def listed(html: str) -> str:
    """The findings table of a dashboard page (the rules' descriptions left out)."""
    start = html.find('<table class="findings">')
    return html[start:] if start >= 0 else ""


def test_only_reviewers_use_the_dashboard(
    as_viewer: Browser, as_editor: Browser, as_reviewer: Browser, ctx: Context
) -> None:
    _case(ctx)
    for browser in (as_viewer, as_editor):
        for url in ("/audit/", "/audit/findings.csv", "/audit/report.pdf", "/audit/evidence"):
            assert browser.get(url).status_code == 403, url
    page = as_reviewer.get("/audit/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "CLAIM-UNCITED" in html and "Run the audit again" in html
    assert 'href="/audit/"' in as_reviewer.get("/people/").get_data(as_text=True)  # navigation
    assert 'href="/audit/"' not in as_editor.get("/people/").get_data(as_text=True)


def test_dashboard_counts_filters_and_links(as_reviewer: Browser, ctx: Context) -> None:
    person, uncited, _source = _case(ctx)
    html = as_reviewer.get("/audit/").get_data(as_text=True)
    assert f'href="/people/{person.id}#allegation-{uncited.id}"' in html  # type: ignore[attr-defined]
    errors = listed(as_reviewer.get("/audit/?severity=error").get_data(as_text=True))
    assert "CLAIM-UNCITED" in errors and "CITATION-UNGRADED" not in errors
    by_rule = listed(as_reviewer.get("/audit/?rule=SOURCE-UNGRADED").get_data(as_text=True))
    assert "has no reliability grade" in by_rule and "asserts a fact" not in by_rule
    other = make_person(ctx)
    make_allegation(ctx, other)
    everyone = listed(as_reviewer.get("/audit/").get_data(as_text=True))
    assert f">P-{other.id}<" in everyone
    mine = listed(as_reviewer.get(f"/audit/?person=P-{person.id}").get_data(as_text=True))  # type: ignore[attr-defined]
    assert f">P-{other.id}<" not in mine and f">P-{person.id}<" in mine  # type: ignore[attr-defined]
    assert as_reviewer.get("/audit/?person=nonsense&entity=hearing").status_code == 200
    assert as_reviewer.get("/audit/?page=9999&run=424242").status_code == 200


def test_the_run_is_reused_until_the_data_changes(as_reviewer: Browser, ctx: Context) -> None:
    _case(ctx)
    first = as_reviewer.get("/audit/").get_data(as_text=True)
    again = as_reviewer.get("/audit/").get_data(as_text=True)
    number = first.split("Run ", 1)[1].split(" ", 1)[0]
    assert again.split("Run ", 1)[1].split(" ", 1)[0] == number
    make_allegation(ctx, make_person(ctx))  # a change: the next visit runs anew
    later = as_reviewer.get("/audit/").get_data(as_text=True)
    assert later.split("Run ", 1)[1].split(" ", 1)[0] != number


def test_running_again_needs_csrf_and_a_reviewer(
    as_reviewer: Browser, as_editor: Browser, ctx: Context
) -> None:
    _case(ctx)
    assert as_reviewer.client.post("/audit/run").status_code == 400
    token = csrf_from(as_editor.get("/people/").get_data(as_text=True))
    assert as_editor.client.post("/audit/run", data={"csrf_token": token}).status_code == 403
    response = as_reviewer.post("/audit/run", form_url="/audit/")
    assert response.status_code == 302 and "/audit/?run=" in response.headers["Location"]
    page = as_reviewer.get(response.headers["Location"]).get_data(as_text=True)
    assert "finding(s) in" in page


def test_csv_export_is_filtered_safe_and_logged(
    as_reviewer: Browser, ctx: Context, app: Flask
) -> None:
    person, uncited, _source = _case(ctx)
    response = as_reviewer.get("/audit/findings.csv?severity=error")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["rule_id", "severity", "entity", "record_id", "person_id", "message", "fix"]
    assert ["CLAIM-UNCITED", "error", "allegation", str(uncited.id), str(person.id)] == rows[1][:5]  # type: ignore[attr-defined]
    assert all(r[1] == "error" for r in rows[1:])
    exported = ctx.session.scalars(
        select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)
    ).all()
    assert exported and exported[-1].changes["what"] == "csv"  # type: ignore[index]


def test_report_pdf(as_reviewer: Browser, ctx: Context) -> None:
    person, uncited, _source = _case(ctx)
    response = as_reviewer.get("/audit/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.get_data()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "CLAIM-UNCITED" in text.replace("\n", "") and "INTERNAL" in text
    assert f"allegation {uncited.id}" in text  # type: ignore[attr-defined]
    assert (reader.metadata or {}).get("/Title", "").startswith("Citation audit")
    exported = ctx.session.scalars(
        select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)
    ).all()
    assert exported[-1].changes["what"] == "pdf"  # type: ignore[index]
    del person


def test_case_file_panel_for_every_role(as_viewer: Browser, ctx: Context) -> None:
    person, uncited, source = _case(ctx)
    html = as_viewer.get(f"/people/{person.id}").get_data(as_text=True)  # type: ignore[attr-defined]
    assert 'id="audit"' in html and "Citation audit" in html
    assert f"allegation {uncited.id} asserts a fact but cites no source" in html  # type: ignore[attr-defined]
    assert f'href="/sources/{source.id}"' in html  # type: ignore[attr-defined]
    assert "audit dashboard" not in html  # reviewers only
    clean = make_person(ctx, category="RELATIVE")  # no claims, names in three scripts
    assert "No findings" in as_viewer.get(f"/people/{clean.id}").get_data(as_text=True)


def test_source_panel_and_verifying_its_files(
    as_reviewer: Browser, as_viewer: Browser, ctx: Context, app: Flask
) -> None:
    store = EvidenceStore(app.config["CASEBOOK_SETTINGS"].evidence_path)
    source = make_source(ctx)
    evidence = sources.add_evidence_file(
        ctx, source, store, io.BytesIO(b"invented bytes\n"), {"media_type": "text/plain"}
    )
    viewer_page = as_viewer.get(f"/sources/{source.id}").get_data(as_text=True)
    assert "has gaps: never verified" in viewer_page and "Verify this source" not in viewer_page
    path = store.path_for(evidence.sha256)
    path.chmod(0o640)
    path.write_bytes(b"altered\n")
    url = f"/sources/{source.id}"
    response = as_reviewer.post(
        "/audit/evidence/verify", {"source_id": str(source.id)}, form_url=url
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#audit")
    entry = ctx.session.scalars(
        select(CustodyLogEntry).where(CustodyLogEntry.action == CustodyAction.VERIFIED)
    ).one()
    assert entry.outcome is VerificationOutcome.MISMATCH and entry.evidence_file_id == evidence.id
    page = as_reviewer.get(url).get_data(as_text=True)
    assert "did not match its SHA-256" in page and "1 mismatch" in page


def test_evidence_page_lists_checks_worst_first(
    as_reviewer: Browser, ctx: Context, app: Flask
) -> None:
    store = EvidenceStore(app.config["CASEBOOK_SETTINGS"].evidence_path)
    source = make_source(ctx)
    kept, gone = (
        sources.add_evidence_file(
            ctx, source, store, io.BytesIO(data), {"media_type": "text/plain"}
        )
        for data in (b"kept\n", b"gone\n")
    )
    store.path_for(gone.sha256).unlink()
    as_reviewer.post("/audit/evidence/verify", {}, form_url="/audit/evidence")
    html = as_reviewer.get("/audit/evidence").get_data(as_text=True)
    assert html.index(f'id="file-{gone.id}"') < html.index(f'id="file-{kept.id}"')
    assert "File missing" in html and "Hash matches" in html
    missing = as_reviewer.get("/audit/evidence?status=missing").get_data(as_text=True)
    assert f'id="file-{gone.id}"' in missing and f'id="file-{kept.id}"' not in missing
    never = as_reviewer.get("/audit/evidence?status=never").get_data(as_text=True)
    assert "No evidence file matches" in never
    assert as_reviewer.get("/audit/evidence?status=bogus&page=-3").status_code == 200


def test_list_badges(as_viewer: Browser, ctx: Context) -> None:
    person, _uncited, source = _case(ctx)
    clean = make_person(ctx)
    html = as_viewer.get("/people/").get_data(as_text=True)
    assert "1 error" in html
    row = html[html.index(f"P-{clean.id}</td>") :]
    assert "error" not in row[: row.index("</tr>")]
    sources_html = as_viewer.get("/sources/").get_data(as_text=True)
    assert "1 warning" in sources_html or "warnings" in sources_html
    allegations_html = as_viewer.get("/allegations/").get_data(as_text=True)
    assert "1 error" in allegations_html
    del person, source


def test_the_dashboard_audits_for_an_output(as_reviewer: Browser, ctx: Context) -> None:
    person = make_person(ctx)  # CONFIDENTIAL: above a PUBLIC output
    plain = as_reviewer.get("/audit/").get_data(as_text=True)
    number = plain.split("Run ", 1)[1].split(" ", 1)[0]
    public = as_reviewer.get(f"/audit/?run={number}&profile=PUBLIC").get_data(as_text=True)
    assert "as for a public output" in public
    assert f"person P-{person.id} is confidential" in listed(public)
    assert "OUTPUT-PERSON-ABOVE-PROFILE" not in listed(plain)
    response = as_reviewer.post("/audit/run", {"profile": "PUBLIC"}, form_url="/audit/")
    assert "profile=PUBLIC" in response.headers["Location"]
