"""Citations as numbered endnotes per section, and the numbered source annex.

A claim shows the numbers of its notes as superscript links (:meth:`Citations.refs`); the
section ends with those notes (:meth:`Citations.endnotes`), each naming its source by its
annex number (a link to the annex entry), the pinpoint, the stance and the credibility
grade, with the quote and its translation. Note numbers are the DTO's (1..n across the
document), so a number means the same note wherever it appears. A coded source (above the
audience) appears only as its ``reference`` ("S-17, relative's testimony, on file").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from reportlab.platypus import Flowable

from casebook.services.dto import CitationNote, FileEntry, SourceEntry
from casebook.vocab import CREDIBILITY_LABELS, Stance
from reports import styles
from reports.blocks import day_text, subheading
from reports.text import (
    Markup,
    Para,
    anchor,
    bold,
    coloured,
    esc,
    goto,
    italic,
    join,
    link,
    mono,
    muted,
    superscript,
)


def source_anchor(number: int) -> str:
    return f"src-{number}"


def note_anchor(number: int) -> str:
    return f"note-{number}"


class Citations:
    """The notes and sources of one document, and which notes a section has cited."""

    def __init__(self, notes: Sequence[CitationNote], sources: Sequence[SourceEntry]) -> None:
        self.notes = {n.number: n for n in notes}
        self.sources = {s.number: s for s in sources}
        self.pending: list[int] = []
        self._placed: set[int] = set()

    def refs(self, numbers: Iterable[int]) -> Markup:
        """Superscript note numbers linked to their endnotes; remembered for the section."""
        links = self._links(numbers)
        return superscript(Markup(",".join(links))) if links else Markup("")

    def listed(self, numbers: Iterable[int]) -> Markup:
        """Note numbers on the line ("notes 3, 4"), for a Sources cell or row."""
        links = self._links(numbers)
        if not links:
            return Markup(f"<i>{muted('no citation')}</i>")
        return Markup(("note " if len(links) == 1 else "notes ") + ", ".join(links))

    def _links(self, numbers: Iterable[int]) -> list[Markup]:
        wanted = sorted(set(numbers))
        for number in wanted:
            if number not in self.pending:
                self.pending.append(number)
        return [goto(note_anchor(n), str(n)) for n in wanted]

    def endnotes(self) -> list[Flowable]:
        """The notes cited since the last call, in number order, under a "Notes" label."""
        numbers, self.pending = sorted(self.pending), []
        if not numbers:
            return []
        out: list[Flowable] = subheading(bold("Notes"))
        out.extend(Para(self.note_text(n), styles.NOTE) for n in numbers)
        return out

    def source_ref(self, number: int) -> Markup:
        source = self.sources.get(number)
        label = source.reference if source is not None else f"S-{number}"
        return goto(source_anchor(number), label) if source is not None else esc(label)

    def note_text(self, number: int) -> Markup:
        target = Markup("") if number in self._placed else anchor(note_anchor(number))
        self._placed.add(number)
        note = self.notes.get(number)
        if note is None:
            return Markup(
                f"{target}{bold(number)}\u2003{italic('Note not available in this output.')}"
            )
        parts: list[object] = [self.source_ref(note.source_number)]
        if note.pinpoint:
            parts.append(esc(note.pinpoint))
        if note.stance is Stance.CONTRADICTS:
            parts.append(Markup(f"<b>{coloured('contradicts the claim', '#8E1B10')}</b>"))
        elif note.stance is Stance.CONTEXT:
            parts.append("context")
        parts.append(credibility(note))
        body = join(parts, ", ")
        quote = ""
        if note.quote:
            lang = f" ({note.quote_language})" if note.quote_language else ""
            quote = Markup(f" Quote{esc(lang)}: \u201c{esc(note.quote)}\u201d")
            if note.translation:
                quote += Markup(f" Translation: \u201c{esc(note.translation)}\u201d")
        return Markup(f"{target}{bold(number)}\u2003{body}.{quote}")


def credibility(note: CitationNote) -> str:
    if note.credibility is None:
        return "credibility not graded"
    label = note.credibility_label or CREDIBILITY_LABELS.get(note.credibility, "")
    return (
        f"credibility {note.credibility} ({label.lower()})"
        if label
        else f"credibility {note.credibility}"
    )


# --- the annex -------------------------------------------------------------------------


def size_text(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit} ({size:,} bytes)"
    return f"{size:,} bytes"


def file_line(entry: FileEntry) -> Markup:
    meta = join([entry.role_label, entry.media_type, size_text(entry.size_bytes)], ", ")
    return Markup(f"{meta}<br/>SHA-256 {mono(entry.sha256)}")


def source_details(source: SourceEntry) -> list[Markup]:
    """Everything the annex says about one source, line by line."""
    if source.coded:
        return [
            bold(source.reference),
            italic("Held on file; not disclosed at this audience level."),
        ]
    lines: list[Markup] = [bold(source.title) if source.title else italic("Untitled source")]
    lines.append(
        labelled(
            [
                ("Type", source.type_label),
                ("Author", source.author),
                ("Publisher", source.publisher),
                ("Date", source.published.text() if source.published else None),
                ("Language", source.language),
            ]
        )
    )
    lines.append(
        labelled(
            [
                ("Reliability", reliability(source)),
                ("Affiliation", source.affiliation_label),
                (
                    "Derived from",
                    f"S-{source.derived_from_number}" if source.derived_from_number else None,
                ),
            ]
        )
    )
    if source.url:
        lines.append(
            labelled(
                [("URL", link(source.url)), ("Retrieved", day_text(source.retrieved_at) or None)]
            )
        )
    elif source.retrieved_at:
        lines.append(labelled([("Retrieved", day_text(source.retrieved_at))]))
    for url in source.archive_urls:
        lines.append(join([bold("Archived copy:"), link(url)]))
    if not source.files:
        lines.append(italic("No preserved file recorded."))
    for entry in source.files:
        lines.append(join([bold("File:"), file_line(entry)]))
    return [line for line in lines if line]


def labelled(facts: Sequence[tuple[str, object]]) -> Markup:
    """ "Label: value; Label: value" for the values that are present."""
    shown = [join([bold(label + ":"), esc(value)]) for label, value in facts if value]
    return join(shown, "; ")


def reliability(source: SourceEntry) -> Markup:
    if source.reliability is None:
        return italic("ungraded")
    text = f"{source.reliability.value} ({source.reliability.label.lower()})"
    if source.reliability_rationale:
        return join([text, Markup(f"\u2014 {esc(source.reliability_rationale)}")])
    return esc(text)


def annex(sources: Iterable[SourceEntry]) -> Iterator[Flowable]:
    """The numbered annex: one paragraph per source, its number hanging in the margin and
    a link target. (Paragraphs, not table rows: a long entry splits across pages in
    linear time, and a list of thousands of sources costs no table layout.)"""
    for s in sources:
        lines = source_details(s)
        lines[0] = Markup(f"{anchor(source_anchor(s.number))}{lines[0]}")
        if len(lines) == 1 or sum(map(len, lines)) < 2000:
            yield Para(Markup("<br/>".join(lines)), styles.ANNEX, bulletText=s.label)
            continue
        # A very long entry: a paragraph per line, so page breaks never re-wrap the rest.
        yield Para(lines[0], styles.ANNEX_FIRST, bulletText=s.label)
        yield from (Para(line, styles.ANNEX_NEXT) for line in lines[1:-1])
        yield Para(lines[-1], styles.ANNEX_LAST)
