"""The citation audit where reviewers see it (blueprint "review", under /audit): the
dashboard (counts by rule and severity, filters, drill-down to the records, CSV and PDF),
the evidence files' latest checks, and the audit panel and badges other pages include.

Reviewers (and administrators) use the dashboard, run the audit, export findings and
verify evidence. Every logged-in user sees the read-only panel on case files and source
pages and the badges on lists: findings about records they can already read.

Results are kept per data version (``casebook.services.findings.cache``): a page of
findings, a filter or a CSV of the same run costs no new audit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse

from casebook.forms.review import (
    EvidenceFilterForm,
    FindingFilterForm,
    RunForm,
    VerifyForm,
    person_id,
)
from casebook.models.sources import EvidenceFile
from casebook.services import findings, integrity
from casebook.services.findings import Finding, Severity, export
from casebook.services.findings.cache import Run, RunCache
from casebook.vocab import Audience, Role
from casebook.web.deps import db, store, web_context
from casebook.web.errors import render_error
from casebook.web.listing import ListPage
from casebook.web.security import requires

bp = Blueprint("review", __name__, url_prefix="/audit")

PER_PAGE = 50
PANEL_ROWS = 200
REPORT_LIMIT = 200
EVERYTHING = ("everything",)
# Where on a case file each kind of record is shown (the person page's anchors).
ANCHORS = {
    "person_name": "identity",
    "detention_episode": "episode-{}",
    "custody_event": "event-{}",
    "proceeding": "proceeding-{}",
    "hearing": "hearing-{}",
    "sentence": "sentence-{}",
    "fair_trial_assessment": "proceedings",
    "allegation": "allegation-{}",
    "medical_evaluation": "allegations",
    "death_record": "death",
    "consent": "advocacy",
    "citation": "",
    "person": "",
}


def _caches() -> tuple[RunCache, RunCache]:
    """The app's caches: whole-database runs (two kept), and page-sized runs."""
    ext = current_app.extensions
    if "casebook.audit" not in ext:
        ext["casebook.audit"] = (RunCache(max_entries=2, max_age=None), RunCache())
    return ext["casebook.audit"]  # type: ignore[no-any-return]


def _today() -> Any:
    return web_context().now().date()


def full_run(
    *, number: int | None = None, force: bool = False, audience: Audience | None = None
) -> Run:
    """The whole-database run (for an output to ``audience``, or none): run ``number`` if
    it is still held, else the current one, computed now if there is none."""
    everything, _pages = _caches()
    key = (*EVERYTHING, audience)
    if number is not None and not force:
        run = everything.numbered(number)
        if run is not None and run.key == key:
            return run
    today = _today()
    session = db()
    return everything.get(
        session,
        key,
        today,
        lambda: findings.run(session, audience=audience, today=today),
        force=force,
    )


def _audience() -> Audience | None:
    raw = request.values.get("profile", "")
    return Audience.of(raw) if raw in Audience._value2member_map_ else None


def _page_run(key: tuple[Any, ...], compute: Callable[[], list[Finding]]) -> Run:
    _everything, pages = _caches()
    return pages.get(db(), key, _today(), compute)


# --- links to the records findings name ---------------------------------------------------


def record_urls(found: Sequence[Finding]) -> dict[tuple[str, int], str]:
    """The page of each finding's record (evidence files: their source's page), with one
    query for the evidence files among them."""
    endpoints = current_app.view_functions
    files = [f.record_id for f in found if f.entity == "evidence_file"]
    source_of: dict[int, int] = {}
    if files:
        query = select(EvidenceFile.id, EvidenceFile.source_id).where(EvidenceFile.id.in_(files))
        source_of.update((file_id, source_id) for file_id, source_id in db().execute(query))
    urls: dict[tuple[str, int], str] = {}
    for f in found:
        url = _url(f, source_of, endpoints)
        if url:
            urls[(f.entity, f.record_id)] = url
    return urls


def _url(f: Finding, source_of: dict[int, int], endpoints: Any) -> str | None:
    if f.entity == "source" and "sources.show" in endpoints:
        return url_for("sources.show", source_id=f.record_id)
    if f.entity == "evidence_file" and f.record_id in source_of and "sources.show" in endpoints:
        return url_for("sources.show", source_id=source_of[f.record_id]) + "#audit"
    if f.entity == "submission" and "advocacy.show" in endpoints:
        return url_for("advocacy.show", submission_id=f.record_id)
    if f.entity in ANCHORS and f.person_id is not None and "people.show" in endpoints:
        anchor = ANCHORS[f.entity].format(f.record_id)
        return url_for("people.show", person_id=f.person_id) + (f"#{anchor}" if anchor else "")
    return None


# --- the panel and badges other pages include ---------------------------------------------


@dataclass(frozen=True)
class Panel:
    findings: Sequence[Finding]
    total: int
    counts: dict[Severity, int]
    urls: dict[tuple[str, int], str]
    kind: str
    ident: int


def panel(kind: str, ident: int) -> Panel:
    """The findings for one person's case file or one source."""
    session, today = db(), _today()
    if kind == "source":
        run = _page_run(
            ("source", ident), lambda: findings.run(session, source_ids=[ident], today=today)
        )
    else:
        run = _page_run(
            ("person", ident), lambda: findings.run(session, person_ids=[ident], today=today)
        )
    shown = run.findings[:PANEL_ROWS]
    return Panel(shown, len(run.findings), run.counts, record_urls(shown), kind, ident)


def badge(kind: str, ident: int, rows: Iterable[Any]) -> dict[Severity, int]:
    """Findings per severity for one row of a list page; the page's rows are audited
    together, once per request."""
    memo: dict[tuple[str, int], tuple[Any, dict[Any, dict[Severity, int]]]] = g.setdefault(
        "audit_badges", {}
    )
    key = (kind, id(rows))
    held = memo.get(key)
    if held is None or held[0] is not rows:
        ids = tuple(sorted({_row_id(kind, row) for row in rows}))
        held = memo[key] = (rows, _badge_counts(kind, ids))
    return held[1].get(ident, {})


def _row_id(kind: str, row: Any) -> int:
    if kind == "person":
        return int(row.person.id)
    if kind == "allegation":
        return int(row.Allegation.victim_id)
    return int(row.id)


def badge_rules(kind: str) -> list[str]:
    """The rules whose findings a badge counts: a person's own records (not the shared
    sources and files their claims rest on, which the case file's panel shows), an
    allegation's, or a source's own."""
    rules = [r for r in findings.ordered_rules() if not r.output]
    if kind == "person":
        return [r.id for r in rules if not r.shared]
    if kind == "allegation":
        return [r.id for r in rules if r.area == "allegations" or r.id == "CLAIM-UNCITED"]
    return [r.id for r in rules if r.area == "sources"]


def _badge_counts(kind: str, ids: tuple[int, ...]) -> dict[Any, dict[Severity, int]]:
    session, today, rules = db(), _today(), badge_rules(kind)
    if kind == "source":
        run = _page_run(
            ("sources", ids),
            lambda: findings.run(session, source_ids=ids, rules=rules, today=today),
        )
    else:
        run = _page_run(
            (kind, ids), lambda: findings.run(session, person_ids=ids, rules=rules, today=today)
        )
    counts: dict[Any, dict[Severity, int]] = {}
    for f in run.findings:
        if kind == "person":
            owner = f.person_id
        elif kind == "allegation":
            owner = f.record_id if f.entity == "allegation" else None
        else:
            owner = f.record_id if f.entity == "source" else None
        if owner is not None:
            per = counts.setdefault(owner, {})
            per[f.severity] = per.get(f.severity, 0) + 1
    return counts


@bp.app_context_processor
def _template_helpers() -> dict[str, Any]:
    return {"audit_panel": panel, "audit_badge": badge, "Severity": Severity}


# --- the dashboard ----------------------------------------------------------------------


def filtered(run: Run, form: FindingFilterForm) -> list[Finding]:
    severity = form.severity.data or None
    rule = form.rule.data or None
    entity = form.entity.data or None
    person = person_id(form.person.data)
    return [
        f
        for f in run.findings
        if (severity is None or f.severity.value == severity)
        and (rule is None or f.rule_id == rule)
        and (entity is None or f.entity == entity)
        and (person is None or f.person_id == person)
    ]


def _run_number() -> int | None:
    return request.args.get("run", type=int)


@bp.route("/")
@requires(Role.REVIEWER)
def index() -> str:
    form = FindingFilterForm(request.args)
    if not form.validate():
        form.person.data = ""
    run = full_run(number=_run_number(), audience=_audience())
    rows = filtered(run, form)
    number = max(1, request.args.get("page", 1, type=int))
    page = ListPage(rows[(number - 1) * PER_PAGE : number * PER_PAGE], len(rows), number, PER_PAGE)
    version, _when = findings.latest_change(db())
    evidence = integrity.file_states(db(), per_page=1)
    return render_template(
        "review/index.html",
        run=run,
        current=version == run.version and run.as_of == _today(),
        form=form,
        page=page,
        urls=record_urls(page.rows),
        rules=findings.ordered_rules(),
        per_rule=run.per_rule,
        evidence=evidence.counts,
        run_form=RunForm(),
        audience=_audience(),
        args={k: v for k, v in request.args.items() if k not in ("page", "run")},
    )


@bp.route("/run", methods=["POST"])
@requires(Role.REVIEWER)
def rerun() -> BaseResponse:
    form = RunForm()
    if not form.validate_on_submit():
        return render_error(400, "The form had expired. Reload the page and try again.")
    audience = _audience()
    run = full_run(force=True, audience=audience)
    flash(
        f"Audit run {run.number}: {len(run.findings):,} finding(s) in {run.seconds:.1f} s.",
        "success",
    )
    profile = {"profile": audience.value} if audience is not None else {}
    return redirect(url_for("review.index", run=run.number, **profile))


@bp.route("/findings.csv")
@requires(Role.REVIEWER)
def csv_export() -> Response:
    form = FindingFilterForm(request.args)
    form.validate()
    run = full_run(number=_run_number(), audience=_audience())
    rows = filtered(run, form)
    export.record_export(
        web_context(),
        "csv",
        {"run": run.number, "findings": len(rows), "filters": dict(request.args)},
    )
    name = f"casebook-audit-{run.as_of.isoformat()}-run{run.number}.csv"
    return _attachment(stream_with_context(export.csv_lines(rows)), "text/csv", name)


@bp.route("/report.pdf")
@requires(Role.REVIEWER)
def report_pdf() -> Response:
    from reports.audit import build  # ReportLab only when a PDF is asked for

    audience = _audience()
    run = full_run(number=_run_number(), audience=audience)
    report = findings.report(
        db(), run.findings, today=run.as_of, audience=audience, limit=REPORT_LIMIT
    )
    data = build(report)
    export.record_export(
        web_context(), "pdf", {"run": run.number, "reference": report.meta.reference}
    )
    return _attachment(data, "application/pdf", f"casebook-audit-{report.meta.reference}.pdf")


def _attachment(body: Any, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- evidence integrity -----------------------------------------------------------------


@bp.route("/evidence")
@requires(Role.REVIEWER)
def evidence() -> str:
    form = EvidenceFilterForm(request.args)
    status = form.status.data if form.validate() and form.status.data else integrity.Status.ALL
    number = max(1, request.args.get("page", 1, type=int))
    page = integrity.file_states(db(), status, number, PER_PAGE)
    return render_template("review/evidence.html", form=form, page=page, verify_form=VerifyForm())


@bp.route("/evidence/verify", methods=["POST"])
@requires(Role.REVIEWER)
def verify() -> BaseResponse:
    form = VerifyForm()
    if not form.validate_on_submit():
        return render_error(400, "The form had expired. Reload the page and try again.")
    raw = (form.source_id.data or "").strip()
    source_id = int(raw) if raw.isdigit() else None
    result = integrity.verify_files(web_context(), store(), source_id=source_id)
    category = "error" if result.failures else "success"
    flash(result.summary() + ("; see the files marked below" if result.failures else "."), category)
    if source_id is not None:
        return redirect(url_for("sources.show", source_id=source_id) + "#audit")
    return redirect(url_for("review.evidence", status="mismatch" if result.failures else "all"))
