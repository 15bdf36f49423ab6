"""Demo sources, their evidence files and chain of custody, informants and citations."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from casebook.demo import files
from casebook.demo.build import HISTORY_END, Batch, FileSpec, Row, aware, clamp, fuzzy
from casebook.demo.pools import QUOTES, SECTIONS
from casebook.vocab import (
    IMAGE_TYPES,
    TIMED_TYPES,
    Confidentiality,
    CustodyAction,
    EvidenceRole,
    PinpointKind,
    Reliability,
    SourceAffiliation,
    SourceType,
    Stance,
    VerificationOutcome,
)

ST = SourceType
AFF = SourceAffiliation

HOSTS = {
    ST.NGO_REPORT: "ngo.example.org",
    ST.UN_DOCUMENT: "un.example.org",
    ST.ECTHR_DOCUMENT: "echr.example.org",
    ST.ICJ_DOCUMENT: "icj.example.org",
    ST.ICRC_DOCUMENT: "icrc.example.org",
    ST.MEDIA_REPORT: "news.example.com",
    ST.VIDEO: "video.example.net",
    ST.SOCIAL_MEDIA_POST: "social.example.com",
    ST.SATELLITE_IMAGE: "imagery.example.net",
    ST.OFFICIAL_STATEMENT: "gov.example.org",
    ST.PHOTO: "photos.example.com",
}
PAGE_TYPES = frozenset(
    {
        ST.COURT_DOCUMENT,
        ST.ICRC_DOCUMENT,
        ST.MEDICAL_REPORT,
        ST.FORENSIC_REPORT,
        ST.CORRESPONDENCE,
    }
)
RELIABILITY: dict[SourceType, tuple[tuple[Reliability | None, int], ...]] = {
    ST.UN_DOCUMENT: ((Reliability.A, 8), (Reliability.B, 2)),
    ST.ECTHR_DOCUMENT: ((Reliability.A, 9), (Reliability.B, 1)),
    ST.ICJ_DOCUMENT: ((Reliability.A, 1),),
    ST.ICRC_DOCUMENT: ((Reliability.A, 7), (Reliability.B, 3)),
    ST.NGO_REPORT: ((Reliability.B, 6), (Reliability.C, 3), (None, 1)),
    ST.COURT_DOCUMENT: ((Reliability.C, 4), (Reliability.D, 4), (None, 1)),
    ST.OFFICIAL_STATEMENT: ((Reliability.D, 4), (Reliability.E, 2), (Reliability.C, 2)),
    ST.MEDIA_REPORT: ((Reliability.C, 4), (Reliability.D, 3), (Reliability.F, 2), (None, 1)),
    ST.VIDEO: ((Reliability.F, 4), (Reliability.C, 3), (None, 2)),
    ST.SOCIAL_MEDIA_POST: ((Reliability.F, 5), (Reliability.D, 2), (None, 2)),
    ST.PHOTO: ((Reliability.F, 3), (Reliability.C, 2), (None, 1)),
    ST.SATELLITE_IMAGE: ((Reliability.A, 3), (Reliability.B, 5)),
    ST.MEDICAL_REPORT: ((Reliability.B, 6), (Reliability.A, 2)),
    ST.FORENSIC_REPORT: ((Reliability.A, 4), (Reliability.B, 4)),
}
DEFAULT_RELIABILITY = ((Reliability.B, 4), (Reliability.C, 4), (Reliability.F, 1), (None, 1))
RATIONALE = {
    Reliability.A: "Record of an international or judicial body; authenticity not in doubt "
    "(demo grading).",
    Reliability.B: "Established source with a record of accurate reporting (demo grading).",
    Reliability.C: "Source with a mixed record; some earlier reports confirmed (demo grading).",
    Reliability.D: "Interested party whose earlier statements were often inaccurate "
    "(demo grading).",
    Reliability.E: "Source known to have published fabricated material (demo grading).",
    Reliability.F: "Origin of the material cannot be established (demo grading).",
}
CREDIBILITY = ((1, 10), (2, 35), (3, 30), (4, 10), (5, 3), (6, 7), (None, 5))
QUOTE_LANGUAGE = {"hy": "hy", "ru": "ru", "az": "az-Latn", "en": "en"}
CUSTODIAN = "Demo NGO documentation unit (invented)"


@dataclass
class Src:
    """What citing code needs to know about a source."""

    id: int
    type: SourceType
    affiliation: SourceAffiliation
    root: int
    pages: int | None
    seconds: int | None
    language: str | None
    row: Row
    published: date | None
    # Which of several sources of one type this is ("capture" or "court" video...), and
    # the conflict it concerns (2020 or 2023; None for both).
    tag: str | None = None
    era: int | None = None
    files: list[Row] = field(default_factory=list)


@dataclass
class FileBudget:
    """How many more evidence files the load may write to disk."""

    left: int

    def take(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True


def add_source(
    batch: Batch,
    stype: SourceType,
    title: str,
    *,
    affiliation: SourceAffiliation,
    language: str | None,
    published: date,
    author: str | None = None,
    publisher: str | None = None,
    web: bool = False,
    derived_from: Src | None = None,
    pages: int | None = None,
    seconds: int | None = None,
    summary: str | None = None,
    confidentiality: Confidentiality = Confidentiality.CONFIDENTIAL,
    tag: str | None = None,
    era: int | None = None,
) -> Src:
    sid = batch.ids.take("source")
    published = clamp(published)
    day, precision, reported = fuzzy(batch, published, exact=0.85, month=True)
    grade = batch.weighted(RELIABILITY.get(stype, DEFAULT_RELIABILITY))
    values: dict[str, Any] = {}
    if web:
        url = f"https://{HOSTS.get(stype, 'www.example.org')}/demo/{stype.value.lower()}-{sid}"
        retrieved = aware(clamp(published + timedelta(days=batch.rng.randint(0, 30))), 8, sid % 60)
        values = {
            "url": url,
            "retrieved_at": retrieved,
            "archive_urls": [f"https://web.archive.org/web/{retrieved:%Y%m%d%H%M%S}/{url}"],
        }
    row = batch.add(
        "source",
        id=sid,
        confidentiality=confidentiality,
        source_type=stype,
        title=title,
        author=author,
        publisher=publisher,
        language=language,
        published_date=day,
        published_precision=precision,
        published_as_reported=reported,
        derived_from_id=derived_from.id if derived_from else None,
        affiliation=affiliation,
        reliability=grade,
        reliability_rationale=RATIONALE[grade] if grade else None,
        extent_pages=pages,
        extent_seconds=seconds,
        summary=summary or "Invented source for demonstration; it does not exist.",
        **values,
    )
    root = derived_from.root if derived_from else sid
    return Src(sid, stype, affiliation, root, pages, seconds, language, row, published, tag, era)


def add_informant(batch: Batch, src: Src, name: str, relation: str) -> Row:
    return batch.add(
        "informant",
        confidentiality=Confidentiality.RESTRICTED,
        source_id=src.id,
        name=name,
        contact="Through the demo NGO's field office (invented contact)",
        relation_to_case=relation,
        notes="DEMO DATA: invented informant.",
    )


def add_file(
    batch: Batch,
    budget: FileBudget,
    src: Src,
    role: EvidenceRole,
    kind: str,
    lines: list[str],
) -> Row | None:
    """An evidence file of ``src`` (bytes go to the store), with its chain of custody."""
    if not budget.take():
        return None
    fid = batch.ids.take("evidence_file")
    title = str(src.row["title"])
    header = [title, f"Source {src.id}, evidence file {fid}, role {role.value}", *lines]
    if kind == "pdf":
        data, media, ext = files.pdf(header), "application/pdf", "pdf"
    elif kind == "png":
        data, media, ext = files.png(fid), "image/png", "png"
    elif kind == "html":
        data, media, ext = files.html(title, header), "text/html", "html"
    else:
        data, media, ext = files.text(header), "text/plain", "txt"
    sha = hashlib.sha256(data).hexdigest()
    batch.files.append(FileSpec(data, sha))
    acquired_day = clamp((src.published or HISTORY_END) + timedelta(days=batch.rng.randint(0, 20)))
    acquired = aware(acquired_day, 9 + fid % 8, fid % 60)
    row = batch.add(
        "evidence_file",
        id=fid,
        confidentiality=src.row["confidentiality"],
        source_id=src.id,
        role=role,
        sha256=sha,
        size_bytes=len(data),
        media_type=media,
        original_filename=f"demo-source-{src.id}-{role.value.lower()}.{ext}",
        acquired_at=acquired,
        acquired_by=CUSTODIAN,
        note="Placeholder bytes standing in for the real file (demo)."
        if kind == "text" and role is EvidenceRole.ORIGINAL
        else None,
    )
    log = batch.add
    log(
        "custody_log_entry",
        evidence_file_id=fid,
        action=CustodyAction.COLLECTED,
        occurred_at=acquired,
        user_id=batch.user_id,
        custodian=CUSTODIAN,
    )
    log(
        "custody_log_entry",
        evidence_file_id=fid,
        action=CustodyAction.HASHED,
        occurred_at=acquired + timedelta(minutes=2),
        user_id=batch.user_id,
        custodian=CUSTODIAN,
        observed_sha256=sha,
    )
    if role is EvidenceRole.WORKING_COPY:
        log(
            "custody_log_entry",
            evidence_file_id=fid,
            action=CustodyAction.COPIED,
            occurred_at=acquired + timedelta(minutes=5),
            user_id=batch.user_id,
            custodian=CUSTODIAN,
            note="Working copy made for analysis; the original is untouched.",
        )
    if batch.chance(0.3):
        log(
            "custody_log_entry",
            evidence_file_id=fid,
            action=CustodyAction.VERIFIED,
            occurred_at=acquired + timedelta(days=30),
            user_id=batch.user_id,
            custodian=CUSTODIAN,
            observed_sha256=sha,
            outcome=VerificationOutcome.MATCH,
        )
    src.files.append(row)
    return row


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def pinpoint(batch: Batch, src: Src) -> tuple[PinpointKind | None, str | None]:
    """A pinpoint that fits the kind of source (and stays inside its extent)."""
    if src.type in TIMED_TYPES:
        return PinpointKind.TIMESTAMP, _clock(batch.rng.randint(1, src.seconds or 60))
    if src.type in IMAGE_TYPES:
        return PinpointKind.SECTION, batch.pick(SECTIONS)
    pages = src.pages or 1
    if pages <= 2 and batch.chance(0.4):
        return None, None  # a short source needs no pinpoint
    if src.type in PAGE_TYPES or (src.type is ST.NGO_REPORT and batch.chance(0.5)):
        page = batch.rng.randint(1, pages)
        if page < pages and batch.chance(0.25):
            return PinpointKind.PAGE, f"{page}-{page + 1}"
        return PinpointKind.PAGE, str(page)
    number = batch.rng.randint(1, 40)
    return PinpointKind.PARAGRAPH, f"para. {number}" if batch.chance(0.6) else f"§ {number}"


def _quote(batch: Batch, src: Src, theme: str) -> tuple[str, str, str | None] | None:
    language = QUOTE_LANGUAGE.get(src.language or "")
    if language is None:
        return None
    matching = [q for q in QUOTES if q[0] == language and q[1] == theme]
    matching = matching or [q for q in QUOTES if q[0] == language]
    if not matching:
        return None
    tag, _theme, original, translation = batch.pick(matching)
    return tag, original, translation


def cite(
    batch: Batch,
    claim: Row,
    src: Src,
    *,
    theme: str,
    stance: Stance = Stance.SUPPORTS,
    credibility: int | None = None,
    quote: float = 0.4,
) -> Row:
    """A citation of ``src`` for the claim of the record ``claim`` (credibility drawn at
    random unless given)."""
    kind, where = pinpoint(batch, src)
    quoted = _quote(batch, src, theme) if batch.chance(quote) else None
    grade = batch.weighted(CREDIBILITY) if credibility is None else credibility
    return batch.add(
        "citation",
        confidentiality=src.row["confidentiality"],
        claim_id=claim["claim_id"],
        source_id=src.id,
        pinpoint_kind=kind,
        pinpoint=where,
        quote_original=quoted[1] if quoted else None,
        quote_language=quoted[0] if quoted else None,
        quote_translation=quoted[2] if quoted else None,
        stance=stance,
        credibility=grade,
        note=None,
    )
