"""The per-person dossier, in the order of the WGAD model questionnaire.

Public API::

    reports.person.build(dossier: PersonDossier, progress=None) -> bytes

``progress(done, total)`` is called as each of the twelve sections is laid out (and once
more when the file is complete). The builder only lays out: what the audience may see was
decided when the ``PersonDossier`` was made (``casebook.services.snapshot``). Every
section appears even when empty ("No information recorded."); citations are endnotes at
the end of each section, numbered as in the DTO and linked to the source annex.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from casebook.services.dto import CustodyEventEntry, Disclosure, EpisodeEntry, PersonDossier
from casebook.vocab import PersonStatus
from reports import allegations, proceedings, styles
from reports.blocks import (
    box,
    day_text,
    facts,
    fraction_widths,
    grid,
    paragraphs,
    prose,
    span,
    subheading,
)
from reports.citations import Citations, annex
from reports.cover import cover
from reports.document import Progress, ProgressCallback, render
from reports.text import Markup, Para, bold, empty, esc, italic, join, muted, para
from reports.toc import Book, TocEntry

ICRC_TYPES = frozenset({"ICRC_VISIT", "CAPTURE_CARD"})
CONTACT_TYPES = frozenset({"FAMILY_CONTACT", "COUNSEL_VISIT", "INCOMMUNICADO"})
EVENT_WIDTHS = fraction_widths(0.14, 0.15, 0.22, 0.15, 0.22, 0.12)
NAME_WIDTHS = fraction_widths(0.46, 0.17, 0.22, 0.15)
CONTACT_WIDTHS = fraction_widths(0.16, 0.18, 0.54, 0.12)

Section = Callable[["_Build"], Iterator[Flowable]]
T = TypeVar("T")


@dataclass
class _Build:
    dossier: PersonDossier
    book: Book
    cites: Citations
    children: dict[str, list[TocEntry]]
    current: TocEntry | None = None


def build(dossier: PersonDossier, progress: ProgressCallback | None = None) -> bytes:
    """The dossier as PDF bytes (deterministic: the same DTO gives the same bytes)."""
    book = Book()
    state = _Build(dossier, book, Citations(dossier.notes, dossier.sources), {})
    plan: list[tuple[TocEntry, Section]] = []
    for number, (title, func) in enumerate(SECTIONS, start=1):
        entry = book.declare(title, 0, str(number))
        plan.append((entry, func))
        if func is _proceedings:
            state.children[entry.key] = [
                book.declare(proceedings.title(p), 1, f"{number}.{i}")
                for i, p in enumerate(dossier.proceedings, start=1)
            ]
        elif func is _allegations:
            state.children[entry.key] = [
                book.declare(allegations.title(a), 1, f"{number}.{i}")
                for i, a in enumerate(dossier.allegations, start=1)
            ]
    result = render(dossier.meta, book, _story(state, plan, progress))
    if progress is not None:
        progress(len(plan) + 1, len(plan) + 1)
    return result


def _story(
    state: _Build, plan: list[tuple[TocEntry, Section]], progress: ProgressCallback | None
) -> Iterator[Flowable]:
    yield from _cover(state.dossier, state.book)
    for done, (entry, func) in enumerate(plan):
        first_child = bool(state.children.get(entry.key))
        yield from state.book.heading(
            entry, room=styles.SUBSECTION_ROOM + 16 * mm if first_child else None
        )
        state.current = entry
        yield from func(state)
        yield from state.cites.endnotes()
        yield Progress(progress, done + 1, len(plan) + 1)


def _children(state: _Build) -> list[TocEntry]:
    return state.children[state.current.key] if state.current is not None else []


# --- cover -----------------------------------------------------------------------------


def _cover(d: PersonDossier, book: Book) -> Iterator[Flowable]:
    who = d.identity
    about: list[Flowable] = [
        Para(join([bold(who.display_name), muted(f"({who.code})")]), styles.COVER_NAME)
    ]
    if who.disclosure is Disclosure.FULL:
        others = [n.text for n in who.names if n.text != who.display_name]
        if others:
            about.append(Para(join(others, "  \u00b7  "), styles.BODY))
    status = join([who.category_label, who.current_status_label], " \u00b7 ")
    if who.status_as_of:
        status = join([status, f"(as of {day_text(who.status_as_of)})"])
    about.append(Para(status, styles.BODY))
    if d.summary.urgent:
        about += [Spacer(1, 4), _urgent(d)]
    rows = [
        ("Person", join([who.display_name, f"({who.code})"])),
        ("Sources in the annex", str(len(d.sources))),
        ("Citation notes", str(len(d.notes))),
    ]
    yield from cover(d.meta, about, rows, book)


def _urgent(d: PersonDossier) -> Flowable:
    note = d.summary.urgency_note or "Marked urgent by the preparer."
    return box(
        [Para(bold("URGENT"), styles.URGENT), para(note, styles.BODY_TIGHT)],
        styles.URGENT_FILL,
        styles.URGENT_INK,
    )


# --- sections --------------------------------------------------------------------------


def _summary(state: _Build) -> Iterator[Flowable]:
    s = state.dossier.summary
    if s.urgent:
        yield _urgent(state.dossier)
        yield Spacer(1, 6)
    else:
        yield para("Not marked urgent.", styles.BODY)
    yield from paragraphs(s.text.split("\n\n")) if s.text and s.text.strip() else [empty()]


def _identity(state: _Build) -> Iterator[Flowable]:
    who = state.dossier.identity
    if who.disclosure is Disclosure.FULL:
        if who.names:
            rows = [
                [
                    para(n.text, styles.NAME) if len(n.text) < 300 else n.text,
                    join([n.script_label, muted(n.script_code)]),
                    join([n.language_label, muted(n.language_code)]),
                    n.kind_label,
                ]
                for n in who.names
            ]
            yield from grid(
                rows, NAME_WIDTHS, header=["Name as written", "Script", "Language", "Kind"]
            )
        else:
            yield empty("No name form recorded.")
    else:
        how = "initials" if who.disclosure is Disclosure.INITIALS else "a code"
        said = Markup(
            f"{esc(f'The person is identified in this document by {how} only (')}"
            f"{bold(who.display_name)}{esc('), as the consent on record allows for this use. ')}"
            f"{esc('Other name forms and identifiers are withheld.')}"
        )
        yield Para(said, styles.BODY)
    yield Spacer(1, 6)
    status = join(
        [
            who.current_status_label,
            f"(as of {day_text(who.status_as_of)})" if who.status_as_of else None,
        ]
    )
    yield from facts(
        [
            ("Code in this dossier", who.code),
            ("Category", who.category_label),
            ("Sex", who.sex_label),
            ("Date of birth", who.birth.text() if who.birth else None),
            ("Place of birth", who.birth_place),
            ("Nationality", who.nationality),
            ("Military rank", who.military_rank),
            ("Unit", who.military_unit),
            ("Armed force", who.armed_force),
            ("Civilian occupation", who.civilian_occupation),
            ("Current status", status),
            (
                "Photograph",
                join(["held on file, SHA-256", who.photo_sha256]) if who.photo_sha256 else None,
            ),
        ]
    )
    yield from subheading(bold("Identifiers"))
    if who.identifiers:
        ids = [[i.scheme_label, i.value, i.issuer] for i in who.identifiers]
        yield from grid(
            ids, fraction_widths(0.35, 0.35, 0.30), header=["Identifier", "Value", "Issued by"]
        )
    else:
        yield empty(
            "No identifier recorded."
            if who.disclosure is Disclosure.FULL
            else "Withheld in this document."
        )
    yield from subheading(bold("Relatives and contacts"))
    if who.relatives:
        kin = [[r.display, r.role] for r in who.relatives]
        yield from grid(kin, fraction_widths(0.6, 0.4), header=["Person", "Relationship"])
    else:
        yield empty()


def _episode_label(index: int, e: EpisodeEntry, count: int) -> str:
    when = e.capture.text() if e.capture else "date unknown"
    return f"Detention episode {index} (from {when})" if count > 1 else f"Detention from {when}"


def _capture(state: _Build) -> Iterator[Flowable]:
    episodes = state.dossier.episodes
    if not episodes:
        yield empty()
        return
    for i, e in enumerate(episodes, start=1):
        yield from subheading(esc(_episode_label(i, e, len(episodes))))
        yield from facts(
            [
                ("Date of capture or arrest", e.capture.text() if e.capture else None),
                ("Place", e.capture_place),
                ("Capturing force", e.capturing_force),
                ("Circumstances", e.circumstances),
                ("Warrant", e.warrant),
                ("Legal basis cited", e.legal_basis),
                ("Sources", state.cites.listed(e.notes)),
            ]
        )


def _event_rows(state: _Build, events: tuple[CustodyEventEntry, ...]) -> list[list[object]]:
    rows: list[list[object]] = []
    for ev in events:
        places = (
            join([ev.from_place, ev.to_place], " \u2192 ")
            if ev.from_place and ev.to_place
            else (ev.to_place or ev.from_place)
        )
        rows.append(
            [
                span(ev.start, ev.end),
                ev.type_label,
                places,
                ev.custodian,
                ev.description,
                state.cites.listed(ev.notes),
            ]
        )
    return rows


def _chronology(state: _Build) -> Iterator[Flowable]:
    episodes = state.dossier.episodes
    yield from subheading(bold("Places and transfers"), styles.H2)
    if not episodes:
        yield empty()
    for i, e in enumerate(episodes, start=1):
        if len(episodes) > 1:
            yield from subheading(esc(_episode_label(i, e, len(episodes))))
        if e.events:
            header = ["Date", "Event", "Place (from \u2192 to)", "Custodian", "Details", "Sources"]
            yield from grid(_event_rows(state, e.events), EVENT_WIDTHS, header=header)
        else:
            yield empty("No custody event recorded.")
    yield from subheading(bold("Acknowledgment and asserted status"), styles.H2)
    if not episodes:
        yield empty()
    for i, e in enumerate(episodes, start=1):
        ack = join(
            [
                e.acknowledgment_label,
                f"on {day_text(e.acknowledged_on)}" if e.acknowledged_on else None,
            ]
        )
        yield from facts(
            [
                ("Episode", _episode_label(i, e, len(episodes))),
                ("Acknowledged by the detaining state", ack),
                ("Status asserted by the detaining state", e.detaining_state_status_label),
                ("Status asserted by the home state", e.home_state_status_label),
                (
                    "End of detention",
                    join([e.end_reason_label, e.end.text() if e.end else None], ", "),
                ),
            ],
            label_width=0.36,
        )
        yield Spacer(1, 4)
    for heading, types, none in (
        ("ICRC visits and capture cards", ICRC_TYPES, "No ICRC visit or capture card recorded."),
        ("Family and counsel contact", CONTACT_TYPES, "No family or counsel contact recorded."),
    ):
        yield from subheading(bold(heading), styles.H2)
        events = [ev for e in episodes for ev in e.events if ev.type_code in types]
        if events:
            rows = [
                [
                    span(ev.start, ev.end),
                    ev.type_label,
                    ev.description,
                    state.cites.listed(ev.notes),
                ]
                for ev in events
            ]
            yield from grid(rows, CONTACT_WIDTHS, header=["Date", "Event", "Details", "Sources"])
        else:
            yield empty(none)
    d = state.dossier
    if d.death is not None or d.identity.current_status is PersonStatus.DECEASED:
        yield from subheading(bold("Death"), styles.H2)
        yield from allegations.death(d.death, state.cites)


def _blocks(
    state: _Build,
    items: Sequence[T],
    block: Callable[[T, Citations], Iterator[Flowable]],
) -> Iterator[Flowable]:
    """One sub-section per item, under the contents entries declared for them."""
    if not items:
        yield empty()
    for entry, item in zip(_children(state), items, strict=True):
        yield from state.book.heading(entry)
        yield from block(item, state.cites)


def _proceedings(state: _Build) -> Iterator[Flowable]:
    yield from _blocks(state, state.dossier.proceedings, proceedings.section)


def _allegations(state: _Build) -> Iterator[Flowable]:
    yield from _blocks(state, state.dossier.allegations, allegations.section)
    if state.dossier.medical:
        yield from subheading(bold("Other medical evaluations"), styles.H2)
        for m in state.dossier.medical:
            yield from allegations.medical(m, state.cites)
            yield Spacer(1, 4)


def _legal(state: _Build) -> Iterator[Flowable]:
    points = state.dossier.legal
    if not points:
        yield empty()
        return
    rows = [[p.instrument, p.provision, p.basis] for p in points]
    yield from grid(
        rows, fraction_widths(0.26, 0.22, 0.52), header=["Instrument", "Provision", "Engaged by"]
    )


def _remedies(state: _Build) -> Iterator[Flowable]:
    subs = state.dossier.submissions
    if not subs:
        yield empty()
        return
    rows = [
        [
            s.recipient_label,
            s.procedure,
            day_text(s.submitted_on),
            s.reference_number,
            s.status_label,
            s.outcome,
        ]
        for s in subs
    ]
    header = ["Recipient", "Procedure", "Submitted", "Reference", "Status", "Outcome"]
    yield from grid(rows, fraction_widths(0.2, 0.16, 0.13, 0.15, 0.14, 0.22), header=header)


def _actions(state: _Build) -> Iterator[Flowable]:
    actions = [a for a in state.dossier.actions_requested if a and a.strip()]
    if not actions:
        yield empty()
    for i, action in enumerate(actions, start=1):
        yield Para(Markup(f"{bold(f'{i}.')}\u2002{esc(action)}"), styles.NOTE)


def _annex(state: _Build) -> Iterator[Flowable]:
    sources = state.dossier.sources
    if not sources:
        yield empty()
        return
    yield para(
        "Sources are numbered in order of first citation. Source reliability follows the "
        "Admiralty scale (A completely reliable to E unreliable, F cannot be judged); each "
        "citation's credibility is graded separately (1 confirmed to 5 improbable, 6 cannot "
        "be judged). A source held above this document's audience appears only by number "
        "and type.",
        styles.SMALL,
    )
    yield from annex(sources)


def _methodology(state: _Build) -> Iterator[Flowable]:
    d = state.dossier
    yield from prose(d.methodology)
    yield from subheading(bold("Consent"), styles.H2)
    if not d.consent:
        yield empty("No consent recorded.")
    for c in d.consent:
        mark = (
            bold("Covers this use.")
            if c.covers_this_use
            else Markup(f"<b>{italic('Does not cover this use.')}</b>")
        )
        yield Para(join([esc(c.text), mark]), styles.BODY)


def _limitations(state: _Build) -> Iterator[Flowable]:
    texts = state.dossier.limitations
    yield from prose(texts)


SECTIONS: tuple[tuple[str, Section], ...] = (
    ("Summary and urgency", _summary),
    ("Identity", _identity),
    ("Capture or arrest", _capture),
    ("Detention chronology", _chronology),
    ("Proceedings", _proceedings),
    ("Allegations", _allegations),
    ("Legal qualification", _legal),
    ("Remedies and prior submissions", _remedies),
    ("Action requested", _actions),
    ("Source annex", _annex),
    ("Methodology and consent", _methodology),
    ("Limitations", _limitations),
)
