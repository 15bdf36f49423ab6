"""Sources, grading, evidence files, custody log, citations, uncited claims."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from casebook.errors import DomainError, ValidationErrors
from casebook.models import CustodyLogEntry, Informant
from casebook.services import claims, records, sources
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import (
    Confidentiality,
    CustodyAction,
    PinpointKind,
    Reliability,
    SourceType,
    Stance,
    VerificationOutcome,
)
from tests.factories import make_allegation, make_person, make_source


def test_grading_is_for_reviewers_and_needs_a_rationale(
    ctx: Context, reviewer_ctx: Context
) -> None:
    source = make_source(ctx)
    with pytest.raises(Exception, match="reviewer"):
        sources.grade_source(ctx, source, Reliability.B, "Long record of accuracy", 1)
    with pytest.raises(ValidationErrors, match="reason for the grade"):
        sources.grade_source(reviewer_ctx, source, "B", "", 1)
    sources.grade_source(reviewer_ctx, source, "b", "Long record of accuracy", 1)
    assert source.reliability is Reliability.B
    with pytest.raises(ValidationErrors, match="reviewer"):
        make_source(ctx, reliability="A", reliability_rationale="self-graded")


def test_source_urls_and_origin_loops(ctx: Context) -> None:
    with pytest.raises(ValidationErrors) as caught:
        make_source(ctx, url="javascript:alert(1)", archive_urls=["file:///etc/passwd"])
    assert {e.field for e in caught.value.errors} == {"url", "archive_urls"}
    original = make_source(ctx, url="https://example.org/report")
    copy = make_source(ctx, derived_from_id=original.id)
    with pytest.raises(ValidationErrors, match="loop"):
        records.update(ctx, original, original.version, {"derived_from_id": copy.id})


def test_informant_is_always_restricted(ctx: Context) -> None:
    source = make_source(ctx, source_type=SourceType.WITNESS_TESTIMONY)
    informant = sources.set_informant(
        ctx, source, {"name": "Invented Witness", "confidentiality": "PUBLIC"}
    )
    assert informant.confidentiality is Confidentiality.RESTRICTED
    assert ctx.session.scalar(select(Informant.name)) == "Invented Witness"


def test_evidence_upload_hashes_and_logs_custody(ctx: Context, store: EvidenceStore) -> None:
    source = make_source(ctx, source_type=SourceType.VIDEO)
    data = b"invented video bytes"
    record = sources.add_evidence_file(
        ctx,
        source,
        store,
        io.BytesIO(data),
        {
            "media_type": "video/mp4",
            "original_filename": "../../etc/passwd",
            "acquired_by": "Field team",
        },
    )
    import hashlib

    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert record.size_bytes == len(data)
    assert store.path_for(record.sha256).read_bytes() == data
    log = ctx.session.scalars(
        select(CustodyLogEntry.action).where(CustodyLogEntry.evidence_file_id == record.id)
    ).all()
    assert log == [CustodyAction.COLLECTED, CustodyAction.HASHED]
    assert sources.verify_file(ctx, record, store) is VerificationOutcome.MATCH
    path = store.path_for(record.sha256)
    path.chmod(0o640)
    path.write_bytes(b"tampered")
    assert sources.verify_file(ctx, record, store) is VerificationOutcome.MISMATCH
    path.unlink()
    assert sources.verify_file(ctx, record, store) is VerificationOutcome.MISSING


def test_uploads_are_checked(ctx: Context, store: EvidenceStore) -> None:
    source = make_source(ctx)
    with pytest.raises(DomainError, match="not accepted"):
        sources.add_evidence_file(
            ctx, source, store, io.BytesIO(b"MZ"), {"media_type": "application/x-msdownload"}
        )
    with pytest.raises(DomainError, match="limit"):
        sources.add_evidence_file(
            ctx, source, store, io.BytesIO(b"x" * 100), {"media_type": "text/plain"}, max_bytes=10
        )
    assert not any(p.is_file() for p in store.root.rglob("*"))


def test_citation_with_pinpoint_quote_and_translation(ctx: Context) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    report = make_source(ctx, extent_pages=40)
    citation = claims.cite(
        ctx,
        allegation,
        report,
        {
            "pinpoint_kind": PinpointKind.PAGE,
            "pinpoint": "12-14",
            "quote_original": "Ինձ ծեծում էին ամեն օր",
            "quote_language": "hy",
            "quote_translation": "They beat me every day",
            "stance": Stance.SUPPORTS,
            "credibility": 2,
        },
    )
    assert citation.claim_id == allegation.claim_id
    assert claims.claim_owner(ctx, allegation.claim_id) is allegation
    assert claims.citations_for(ctx, allegation) == [citation]


@pytest.mark.parametrize(
    ("source_type", "kind", "pinpoint", "message"),
    [
        (SourceType.VIDEO, "PAGE", "3", "no pages"),
        (SourceType.NGO_REPORT, "TIMESTAMP", "00:03:15", "no running time"),
        (SourceType.VIDEO, "TIMESTAMP", "three minutes", "mm:ss"),
        (SourceType.NGO_REPORT, "PAGE", "41", "only 40 pages"),
        (SourceType.NGO_REPORT, "PARAGRAPH", "see above", "paragraphs"),
        (SourceType.PHOTO, "PARAGRAPH", "2", "no paragraphs"),
        (SourceType.NGO_REPORT, "PAGE", None, "both"),
    ],
)
def test_pinpoint_must_fit_the_source(
    ctx: Context, source_type: SourceType, kind: str, pinpoint: str | None, message: str
) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    source = make_source(ctx, source_type=source_type, extent_pages=40)
    with pytest.raises(ValidationErrors, match=message):
        claims.cite(ctx, allegation, source, {"pinpoint_kind": kind, "pinpoint": pinpoint})


def test_video_timestamp_within_running_time(ctx: Context) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    video = make_source(ctx, source_type=SourceType.VIDEO, extent_seconds=600)
    claims.cite(ctx, allegation, video, {"pinpoint_kind": "TIMESTAMP", "pinpoint": "03:15-04:00"})
    with pytest.raises(ValidationErrors, match="past the end"):
        claims.cite(ctx, allegation, video, {"pinpoint_kind": "TIMESTAMP", "pinpoint": "00:11:00"})


def test_quotes_need_language_and_original(ctx: Context) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    source = make_source(ctx)
    with pytest.raises(ValidationErrors) as caught:
        claims.cite(ctx, allegation, source, {"quote_original": "Меня били", "credibility": 9})
    assert {e.field for e in caught.value.errors} == {"quote_language", "credibility"}


def test_cannot_cite_retracted_source_or_claim(ctx: Context) -> None:
    allegation = make_allegation(ctx, make_person(ctx))
    source = make_source(ctx)
    records.retract(ctx, source, "fabricated")
    with pytest.raises(ValidationErrors, match="retracted"):
        claims.cite(ctx, allegation, source, {})
    records.retract(ctx, allegation, "entered in error")
    with pytest.raises(ValidationErrors, match="claim has been retracted"):
        claims.cite(ctx, allegation, make_source(ctx), {})


def test_uncited_claims_is_one_query(ctx: Context) -> None:
    person = make_person(ctx)
    cited, uncited = make_allegation(ctx, person), make_allegation(ctx, person)
    claims.cite(ctx, cited, make_source(ctx), {})
    ids = {row.id for row in ctx.session.execute(claims.uncited_claims())}
    assert uncited.claim_id in ids and cited.claim_id not in ids
