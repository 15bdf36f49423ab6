"""The audit's pages run a fixed number of SQL statements whatever the data holds: the
dashboard (and its filters) reuse the run, the panel audits a case file in one statement
per rule, the evidence table pages in SQL."""

from __future__ import annotations

import io

from flask import Flask
from sqlalchemy import Engine

from casebook.services import claims, findings, sources
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from tests.factories import make_allegation, make_episode, make_person, make_source
from tests.web.conftest import Browser
from tests.web.test_query_counts import counting, statements_for


def _grow(ctx: Context, people: int) -> list[int]:
    ids = []
    for _ in range(people):
        person = make_person(ctx)
        make_episode(ctx, person)
        claims.cite(ctx, make_allegation(ctx, person), make_source(ctx), {})
        make_allegation(ctx, person)
        ids.append(person.id)
    return ids


def test_dashboard_pages_do_not_grow_with_findings(
    as_reviewer: Browser, ctx: Context, engine: Engine
) -> None:
    _grow(ctx, 2)
    few = statements_for(as_reviewer, engine, "/audit/?severity=warning")
    _grow(ctx, 8)
    many = statements_for(as_reviewer, engine, "/audit/?severity=warning")
    assert many == few <= 12
    # Paging and filtering the same run audit nothing again.
    assert statements_for(as_reviewer, engine, "/audit/?page=2&rule=CLAIM-UNCITED") <= few


def test_a_panel_audits_in_one_statement_per_rule(
    as_viewer: Browser, ctx: Context, engine: Engine
) -> None:
    small, large = _grow(ctx, 1)[0], make_person(ctx)
    for _ in range(6):
        claims.cite(ctx, make_allegation(ctx, large), make_source(ctx), {})
        make_episode(ctx, large)
    as_viewer.get(f"/people/{small}")  # warm up (lazy imports, statement building)
    cold: list[int] = []
    for person_id in (_grow(ctx, 1)[0], large.id):
        with counting(engine) as seen:
            assert as_viewer.get(f"/people/{person_id}").status_code == 200
        cold.append(len(seen))
    assert cold[0] == cold[1]
    rules = [r for r in findings.REGISTRY.values() if not r.output]
    # One statement per rule, plus what a run finds once for all of them (the sources
    # the person's claims cite, the claims themselves) and the data version it is kept by.
    assert cold[0] <= statements_for(as_viewer, engine, f"/people/{small}") + len(rules) + 3


def test_evidence_table_does_not_grow_with_files(
    as_reviewer: Browser, ctx: Context, engine: Engine, app: Flask
) -> None:
    store = EvidenceStore(app.config["CASEBOOK_SETTINGS"].evidence_path)
    source = make_source(ctx)

    def add(n: int) -> None:
        for i in range(n):
            data = f"invented file {source.id}-{i}-{n}\n".encode()
            sources.add_evidence_file(
                ctx, source, store, io.BytesIO(data), {"media_type": "text/plain"}
            )

    add(2)
    few = statements_for(as_reviewer, engine, "/audit/evidence")
    add(8)
    assert statements_for(as_reviewer, engine, "/audit/evidence") == few <= 8
