"""The home page: counts of factory-made records, follow-ups, urgent cases, changes."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import Engine

from casebook.services import advocacy, allegations, records
from casebook.services.context import Context
from casebook.vocab import AllegationStatus, PersonStatus
from tests.factories import make_allegation, make_episode, make_person, make_source
from tests.web.conftest import Browser
from tests.web.test_query_counts import statements_for


def _count(html: str, label: str) -> int:
    match = re.search(rf"<td>{re.escape(label)}</td><td class=\"num\">([\d,]+)</td>", html)
    assert match, label
    return int(match.group(1).replace(",", ""))


def test_dashboard_counts_factory_made_records(
    as_viewer: Browser, ctx: Context, reviewer_ctx: Context
) -> None:
    held = [make_person(ctx, current_status=PersonStatus.DETAINED) for _ in range(3)]
    make_person(ctx, current_status=PersonStatus.RELEASED)
    gone = make_person(ctx, current_status=PersonStatus.DETAINED)
    records.retract(ctx, gone, "duplicate")
    make_episode(ctx, held[0])
    make_episode(ctx, held[0])  # two open episodes, one person
    make_episode(ctx, held[1])
    a = make_allegation(ctx, held[0])
    make_allegation(ctx, held[1])
    allegations.set_status(reviewer_ctx, a, AllegationStatus.VERIFIED, 1)
    make_source(ctx)
    make_source(ctx)
    for url in ("/", "/dashboard"):
        html = as_viewer.get(url).get_data(as_text=True)
        assert _count(html, "Detained") == 3
        assert _count(html, "Released") == 1
        assert 'id="detained-count">2<' in html
        assert 'id="ungraded-count">2<' in html
        assert 'Verified</span></td><td class="num">1<' in html
        assert 'Alleged</span></td><td class="num">1<' in html


def test_urgent_persons_follow_ups_and_recent_changes(as_editor: Browser, ctx: Context) -> None:
    urgent = make_person(ctx, urgent=True, urgency_note="Hunger strike")
    advocacy.create_submission(
        ctx,
        {
            "recipient": "WGAD",
            "title": "Appeal <for> A & B",
            "submitted_on": date(2026, 1, 5),
            "follow_up_on": date(2026, 2, 1),
            "status": "SUBMITTED",
        },
    )
    advocacy.create_submission(
        ctx,
        {
            "recipient": "WGAD",
            "title": "Closed appeal",
            "submitted_on": date(2026, 1, 5),
            "follow_up_on": date(2026, 2, 1),
            "status": "CLOSED",
        },
    )
    html = as_editor.get("/").get_data(as_text=True)
    assert f'href="/people/{urgent.id}"' in html
    assert "Արամ Հովհաննիսյան" in html  # the primary name
    assert "Appeal &lt;for&gt; A &amp; B" in html
    assert "Closed appeal" not in html
    assert "Created person" in html
    assert "Edith" in html
    assert f"/records/person/{urgent.id}/history" in html


def test_dashboard_runs_a_fixed_number_of_queries(
    as_viewer: Browser, ctx: Context, engine: Engine
) -> None:
    make_person(ctx, urgent=True, urgency_note="Ill")
    few = statements_for(as_viewer, engine, "/")
    for _ in range(6):
        person = make_person(ctx, urgent=True, urgency_note="Ill")
        make_episode(ctx, person)
        make_allegation(ctx, person)
    assert statements_for(as_viewer, engine, "/") == few
    assert few <= 12
