"""Numbering the sources (S-1, S-2... in order of first citation) and the notes (1..n in
reading order) of one output, and building each annex entry for the audience.

- A visible source gets a full :class:`~casebook.services.dto.SourceEntry`: type, title,
  publisher, language, date, URL and archive links, grade, affiliation, the SHA-256 of its
  visible evidence files, and "derived from S-n" when its origin is in the annex too. Its
  author is given unless it is a testimony (victim, witness, relative, lawyer) and the
  audience may not see witness identities; the author's name is then also scrubbed from
  the entry's text and from the quotes of its citations.
- A source above the audience is a coded entry ("S-17, relative's testimony, on file"):
  its citations keep their number, stance, pinpoint and credibility, but not the quote or
  its translation.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from casebook.services.disclosure import shows_witness_identity
from casebook.services.dto import CitationNote, FileEntry, FuzzyDate, SourceEntry
from casebook.services.snapshot_bundle import Bundle, Row, WithheldItem
from casebook.services.snapshot_names import Scrubber, name_terms, plain
from casebook.vocab import CREDIBILITY_LABELS, TESTIMONY_TYPES, DatePrecision, PinpointKind

WITNESS = "[witness]"
PINPOINT_FORMS = {
    PinpointKind.PAGE: "p. {}",
    PinpointKind.PARAGRAPH: "para. {}",
    PinpointKind.TIMESTAMP: "at {}",
    PinpointKind.SECTION: "section {}",
}
# A pinpoint typed with its own marker ("pp. 12-14", "§ 7", "para. 3") is kept as typed.
_MARKED = re.compile(r"^(pp?\.|pp?\s|§|¶|paras?\b|sections?\b|sec\.|at\s)", re.I)
_SEVERAL = re.compile(r"\d\s*([-–,]|and)\s*\d")


def fuzzy(day: date | None, precision: DatePrecision, as_reported: str | None) -> FuzzyDate | None:
    reported = plain(as_reported)
    if day is None and reported is None:
        return None
    return FuzzyDate(day, precision if day is not None else DatePrecision.UNKNOWN, reported)


def pinpoint(row: Row, scrub: Scrubber) -> str | None:
    text = scrub(row.pinpoint)
    if text is None or row.pinpoint_kind is None or _MARKED.match(text):
        return text
    if row.pinpoint_kind is PinpointKind.PAGE and _SEVERAL.search(text):
        return f"pp. {text}"
    return PINPOINT_FORMS[row.pinpoint_kind].format(text)


class Annex:
    """The sources and notes of one output, numbered as claims are cited in reading order."""

    def __init__(self) -> None:
        self.entries: dict[int, SourceEntry] = {}  # source id -> entry, by number order
        self.notes: list[CitationNote] = []
        self.withheld: list[WithheldItem] = []
        self._origins: dict[int, int] = {}  # source id -> origin source id (visible only)
        # Testimony authors the audience may not see: scrubbed from entries and quotes.
        self._authors: dict[int, list[tuple[str, str]]] = {}
        self._last: tuple[Scrubber | None, dict[int, Scrubber]] = (None, {})

    def _text(self, source_id: int, scrub: Scrubber) -> Scrubber:
        """``scrub``, plus the source's withheld author (cached for the current scrubber)."""
        terms = self._authors.get(source_id)
        if not terms:
            return scrub
        last, cache = self._last
        if last is not scrub:
            cache = {}
            self._last = (scrub, cache)
        if source_id not in cache:
            cache[source_id] = scrub.extended(terms)
        return cache[source_id]

    def number_of(self, source_id: int) -> int | None:
        entry = self.entries.get(source_id)
        return entry.number if entry is not None else None

    def cite(self, bundle: Bundle, claim: Row, scrub: Scrubber) -> tuple[int, ...]:
        """Notes for the visible citations of ``claim``, numbered next; their numbers."""
        numbers = []
        for citation in bundle.citations.get(claim.claim_id, ()):
            source_number = self.source(bundle, citation.source_id, scrub)
            coded = citation.source_id in bundle.coded_sources
            text = self._text(citation.source_id, scrub)
            number = len(self.notes) + 1
            credibility = citation.credibility
            self.notes.append(
                CitationNote(
                    number=number,
                    source_number=source_number,
                    stance=citation.stance,
                    pinpoint=pinpoint(citation, text),
                    credibility=credibility,
                    credibility_label=CREDIBILITY_LABELS.get(credibility) if credibility else None,
                    quote=None if coded else text(citation.quote_original),
                    quote_language=None if coded else plain(citation.quote_language),
                    translation=None if coded else text(citation.quote_translation),
                )
            )
            numbers.append(number)
        return tuple(numbers)

    def source(self, bundle: Bundle, source_id: int, scrub: Scrubber) -> int:
        """The annex number of a source, adding its entry on first citation."""
        known = self.entries.get(source_id)
        if known is not None:
            return known.number
        number = len(self.entries) + 1
        coded = bundle.coded_sources.get(source_id)
        if coded is not None:
            entry = SourceEntry(number=number, coded=True, type_label=coded.source_type.label)
        else:
            entry = self._visible(bundle, bundle.sources[source_id], number, scrub)
        self.entries[source_id] = entry
        return number

    def _visible(self, bundle: Bundle, row: Row, number: int, scrub: Scrubber) -> SourceEntry:
        author = plain(row.author)
        hidden_author = not shows_witness_identity(bundle.audience)
        if author and row.source_type in TESTIMONY_TYPES and hidden_author:
            self._authors[row.id] = [(t, WITNESS) for t in name_terms([author])]
            scrub = self._text(row.id, scrub)
            self.withheld.append(
                WithheldItem("source", row.id, None, "author withheld", "testimony author")
            )
            author = None
        if row.derived_from_id is not None and row.derived_from_id in bundle.sources:
            self._origins[row.id] = row.derived_from_id
        files = tuple(
            FileEntry(f.role.label, f.sha256, f.size_bytes, f.media_type)
            for f in bundle.files.get(row.id, ())
        )
        return SourceEntry(
            number=number,
            coded=False,
            type_label=row.source_type.label,
            title=scrub(row.title),
            author=author,
            publisher=scrub(row.publisher),
            language=plain(row.language),
            published=fuzzy(row.published_date, row.published_precision, row.published_as_reported),
            url=plain(row.url),
            archive_urls=tuple(u for u in (plain(x) for x in row.archive_urls or ()) if u),
            retrieved_at=row.retrieved_at,
            reliability=row.reliability,
            reliability_rationale=scrub(row.reliability_rationale),
            affiliation_label=row.affiliation.label,
            files=files,
        )

    def sources(self) -> tuple[SourceEntry, ...]:
        """The annex in number order, with "derived from" resolved within it."""
        done = []
        for source_id, entry in self.entries.items():
            origin = self._origins.get(source_id)
            origin_number = self.number_of(origin) if origin is not None else None
            done.append(
                replace(entry, derived_from_number=origin_number) if origin_number else entry
            )
        return tuple(sorted(done, key=lambda e: e.number))
