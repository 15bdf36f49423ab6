"""Citations through the web: citing an existing or a new source, pinpoint errors beside
the field, safe redirects, editing."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casebook.models import Citation, Source
from casebook.services import claims
from casebook.services.context import Context
from casebook.vocab import PinpointKind, SourceType, Stance
from tests.factories import ARMENIAN, CYRILLIC, make_allegation, make_person, make_source
from tests.web.conftest import Browser

HOSTILE = f"<script>alert(1)</script> & {ARMENIAN} {CYRILLIC} 🕊️"
CITE = {"stance": "SUPPORTS", "confidentiality": "CONFIDENTIAL"}


def count(session: Session, model: Any) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_cite_page_shows_the_claim_and_is_for_editors(
    as_editor: Browser, as_viewer: Browser, ctx: Context
) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    url = f"/citations/new?claim_id={allegation.claim_id}"
    html = as_editor.get(url).get_data(as_text=True)
    assert "Allegation" in html and "Torture" in html and "2020-11-12" in html
    assert as_viewer.get(url).status_code == 403
    assert as_editor.get("/citations/new?claim_id=999999").status_code == 404
    assert as_editor.get("/citations/new").status_code == 404
    assert as_editor.get("/citations/new?claim_id=abc").status_code == 404


def test_citing_an_existing_source_goes_back_to_next(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    allegation = make_allegation(ctx, person)
    source = make_source(ctx, extent_pages=40)
    url = f"/citations/new?claim_id={allegation.claim_id}&next=/people/{person.id}%3Fx%3D1"
    response = as_editor.post(
        url,
        {
            **CITE,
            "source_id": str(source.id),
            "pinpoint_kind": "PAGE",
            "pinpoint": "12-14",
            "quote_original": "Ցուցմունք",
            "quote_language": "hy",
            "quote_translation": "Testimony",
            "credibility": "2",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"] == f"/people/{person.id}?x=1"
    citation = session.scalars(select(Citation)).one()
    assert (citation.source_id, citation.claim_id) == (source.id, allegation.claim_id)
    assert (citation.pinpoint_kind, citation.pinpoint) == (PinpointKind.PAGE, "12-14")
    assert citation.credibility == 2


def test_a_page_pinpoint_on_a_video_is_an_error_beside_pinpoint_kind(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    video = make_source(ctx, source_type=SourceType.VIDEO, title="Invented video")
    response = as_editor.post(
        f"/citations/new?claim_id={allegation.claim_id}",
        {**CITE, "source_id": str(video.id), "pinpoint_kind": "PAGE", "pinpoint": "3"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    start = html.index('id="pinpoint_kind-error"')
    assert "a video has no pages" in html[start : start + 200]
    assert 'value="3"' in html  # the typed pinpoint is kept
    assert count(session, Citation) == 0


def test_citing_a_new_source_creates_both(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    allegation = make_allegation(ctx, person)
    response = as_editor.post(
        f"/citations/new?claim_id={allegation.claim_id}",
        {
            **CITE,
            "new_source_type": "VIDEO",
            "new_title": HOSTILE,
            "new_url": "https://video.example/watch?v=1",
            "pinpoint_kind": "TIMESTAMP",
            "pinpoint": "01:02",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"] == f"/people/{person.id}"
    source = session.scalars(select(Source)).one()
    assert source.source_type is SourceType.VIDEO and source.title == HOSTILE
    citation = session.scalars(select(Citation)).one()
    assert citation.source_id == source.id and citation.pinpoint == "01:02"
    html = as_editor.get(f"/sources/{source.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_a_new_source_with_errors_creates_nothing(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    url = f"/citations/new?claim_id={allegation.claim_id}"
    bad_url = as_editor.post(
        url, {**CITE, "new_source_type": "VIDEO", "new_title": "Clip", "new_url": "javascript:x"}
    )
    html = bad_url.get_data(as_text=True)
    assert bad_url.status_code == 200
    assert 'id="new_url-error"' in html and "must be a web address" in html
    # a good source but a bad citation: neither is kept
    bad_cite = as_editor.post(
        url,
        {
            **CITE,
            "new_source_type": "VIDEO",
            "new_title": "Clip",
            "pinpoint_kind": "PAGE",
            "pinpoint": "1",
        },
    )
    assert "a video has no pages" in bad_cite.get_data(as_text=True)
    no_title = as_editor.post(url, {**CITE, "new_source_type": "VIDEO"})
    assert 'id="new_title-error"' in no_title.get_data(as_text=True)
    assert (count(session, Source), count(session, Citation)) == (0, 0)


def test_a_source_must_be_chosen_or_described_but_not_both(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    source = make_source(ctx)
    url = f"/citations/new?claim_id={allegation.claim_id}"
    neither = as_editor.post(url, CITE).get_data(as_text=True)
    assert 'id="source_id-error"' in neither
    both = as_editor.post(
        url, {**CITE, "source_id": str(source.id), "new_source_type": "VIDEO", "new_title": "x"}
    ).get_data(as_text=True)
    assert "not both" in both
    assert count(session, Citation) == 0


def test_an_open_redirect_in_next_is_not_followed(as_editor: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    source = make_source(ctx)
    for target in ("//evil.example", "https://evil.example", "/\\evil.example", "evil"):
        allegation = make_allegation(ctx, person)
        query = urlencode({"claim_id": allegation.claim_id, "next": target})
        response = as_editor.post(f"/citations/new?{query}", {**CITE, "source_id": str(source.id)})
        assert response.status_code == 302, target
        assert response.headers["Location"] == f"/people/{person.id}", target


def test_hostile_and_long_quotes_never_break_the_page(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    source = make_source(ctx)
    url = f"/citations/new?claim_id={allegation.claim_id}"
    quote = HOSTILE + "ա" * 10_000
    response = as_editor.post(
        url,
        {
            **CITE,
            "source_id": str(source.id),
            "quote_original": quote,
            "quote_language": "hy",
            "note": HOSTILE,
        },
    )
    assert response.status_code == 302
    page = as_editor.get(f"/sources/{source.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "ա" * 10_000 in page
    too_long = as_editor.post(url, {**CITE, "source_id": str(source.id), "pinpoint": "x" * 10_000})
    assert too_long.status_code == 200
    assert 'id="pinpoint-error"' in too_long.get_data(as_text=True)
    assert count(session, Citation) == 1


def test_editing_a_citation(
    as_editor: Browser, as_viewer: Browser, ctx: Context, session: Session
) -> None:
    person = make_person(ctx)
    allegation = make_allegation(ctx, person)
    source = make_source(ctx)
    citation = claims.cite(ctx, allegation, source, {"stance": Stance.SUPPORTS})
    url = f"/citations/{citation.id}/edit"
    assert as_viewer.get(url).status_code == 403
    form = as_editor.get(url).get_data(as_text=True)
    assert "Allegation" in form and f"S-{source.id}" in form
    data = {**CITE, "source_id": str(source.id), "version": "1"}
    saved = as_editor.post(
        url, {**data, "stance": "CONTRADICTS", "pinpoint_kind": "PARAGRAPH", "pinpoint": "§ 4"}
    )
    assert saved.status_code == 302
    assert saved.headers["Location"] == f"/people/{person.id}"
    session.refresh(citation)
    assert citation.stance is Stance.CONTRADICTS and citation.pinpoint == "§ 4"
    stale = as_editor.post(url, {**data, "note": "mine"})
    html = stale.get_data(as_text=True)
    assert "Someone else saved this record" in html and "mine" in html
    bad = as_editor.post(
        url, {**data, "version": "2", "pinpoint_kind": "PAGE", "pinpoint": "twelve"}
    )
    assert 'id="pinpoint-error"' in bad.get_data(as_text=True)
    assert as_editor.get("/citations/999999/edit").status_code == 404
