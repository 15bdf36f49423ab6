"""The proceedings section of the person dossier: one block per proceeding with its
charges, hearings, verdict, sentence and the G01-G15 fair-trial matrix, each finding with
its sources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlab.platypus import Flowable, Spacer

from casebook.services.dto import HearingEntry, MatrixRow, ProceedingEntry, SentenceEntry
from casebook.vocab import Finding
from reports import styles
from reports.blocks import (
    day_text,
    facts,
    fraction_widths,
    grid,
    span,
    subheading,
)
from reports.citations import Citations
from reports.text import Markup, Para, bold, coloured, empty, esc, join, muted, para

MATRIX_WIDTHS = fraction_widths(0.07, 0.31, 0.17, 0.33, 0.12)
CHARGE_WIDTHS = fraction_widths(0.17, 0.27, 0.27, 0.13, 0.16)
SENTENCE_WIDTHS = fraction_widths(0.16, 0.12, 0.12, 0.2, 0.15, 0.13, 0.12)


def term_text(months: int | None) -> str | None:
    if months is None:
        return None
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year" + ("s" if years != 1 else ""))
    if rest or not years:
        parts.append(f"{rest} month" + ("s" if rest != 1 else ""))
    return " ".join(parts)


def title(p: ProceedingEntry) -> str:
    """A short heading: instance and case number (or court)."""
    where = p.case_number or p.court
    return f"{p.instance_label}: {where}" if where else p.instance_label


def section(p: ProceedingEntry, cites: Citations) -> Iterator[Flowable]:
    counsel = join([p.counsel_label, p.counsel_name], ": ")
    yield from facts(
        [
            ("Instance", p.instance_label),
            ("Reviews", p.reviews),
            ("Court", p.court),
            ("Case number", p.case_number),
            ("Dates", span(p.start, p.end) or None),
            ("Judges", p.judges),
            ("Prosecutor", p.prosecutor),
            ("Counsel", counsel),
            ("Trial language", p.trial_language),
            ("Interpreter", p.interpreter_label),
            ("Public access", p.public_access_label),
            ("ICRC notified", p.icrc_notified_label),
            ("Protecting Power notified", p.protecting_power_notified_label),
            ("Sources", cites.listed(p.notes)),
        ]
    )
    if p.summary:
        yield para(p.summary, styles.BODY)
    yield from subheading(bold("Charges"))
    yield from charges(p)
    yield from subheading(bold("Hearings"))
    yield from hearings(p.hearings, cites)
    yield from subheading(bold("Verdict"))
    yield para(p.verdict_summary, styles.BODY) if p.verdict_summary else empty()
    yield from subheading(bold("Sentence and appeal"))
    yield from sentences(p.sentences, cites)
    yield from subheading(bold("Fair-trial guarantees (G01\u2013G15)"))
    yield from matrix(p.matrix, cites)


def charges(p: ProceedingEntry) -> Iterator[Flowable]:
    if not p.charges:
        yield empty()
        return
    rows = [
        [
            join([c.statute, c.article], ", art. "),
            c.text_as_charged,
            c.text_en,
            c.outcome_label,
            c.pre_capture_label,
        ]
        for c in p.charges
    ]
    header = ["Statute, article", "As charged", "In English", "Outcome", "Conduct before capture"]
    yield from grid(rows, CHARGE_WIDTHS, header=header)


def hearings(items: tuple[HearingEntry, ...], cites: Citations) -> Iterator[Flowable]:
    """One block per hearing; what the monitor saw is kept apart from what they were told."""
    if not items:
        yield empty()
        return
    for h in items:
        attendance = join(
            [
                join(["public", h.public_admitted_label], ": "),
                join(["defendant", h.defendant_present_label], ": "),
                join(["counsel", h.counsel_present_label], ": "),
                join(["interpreter", h.interpreter_present_label], ": "),
            ],
            "; ",
        )
        yield Para(bold(f"Hearing of {day_text(h.day)}"), styles.BODY_TIGHT)
        yield from facts(
            [
                ("Monitoring", join([h.monitoring_label, h.monitored_by], ", by ")),
                ("Present", attendance),
                ("Restraints", h.restraints_label),
                ("Observed by the monitor", h.observed),
                ("Reported to the monitor", h.reported),
                ("Irregularities", h.irregularities),
                ("Next hearing", day_text(h.next_day) or None),
                ("Sources", cites.listed(h.notes)),
            ]
        )
        yield Spacer(1, 5)


def sentences(items: tuple[SentenceEntry, ...], cites: Citations) -> Iterator[Flowable]:
    if not items:
        yield empty()
        return
    rows = [
        [
            s.type_label,
            term_text(s.term_months),
            day_text(s.start),
            s.facility,
            s.appeal,
            join([s.pardon_or_release, day_text(s.release)], ", "),
            cites.listed(s.notes),
        ]
        for s in items
    ]
    header = ["Type", "Term", "Start", "Facility", "Appeal", "Pardon / release", "Sources"]
    yield from grid(rows, SENTENCE_WIDTHS, header=header)


def matrix(rows_in: tuple[MatrixRow, ...], cites: Citations) -> Iterator[Flowable]:
    """All fifteen guarantees with their findings, rationale and sources; one line when
    nothing at all has been assessed."""
    unassessed = all(
        r.finding is Finding.NO_INFORMATION and not r.rationale and not r.notes for r in rows_in
    )
    if unassessed:
        yield empty(
            "No fair-trial assessment recorded for this proceeding: every guarantee (G01\u2013G15) "
            "is \u201cno information\u201d."
        )
        return
    rows: list[list[object]] = []
    extra: list[tuple[Any, ...]] = []
    for index, r in enumerate(rows_in, start=1):
        fill, ink = styles.FINDING_COLOURS.get(r.finding.value, (styles.ZEBRA, styles.INK))
        guarantee = Markup(f"{esc(r.guarantee.label)}<br/>{muted(r.guarantee.code)}")
        finding = Markup(f"<b>{coloured(r.finding.label, styles.hex_of(ink))}</b>")
        rows.append(
            [bold(r.guarantee.value), guarantee, finding, r.rationale, cites.listed(r.notes)]
        )
        extra.append(("BACKGROUND", (2, index), (2, index), fill))
    header = ["Code", "Guarantee", "Finding", "Rationale", "Sources"]
    yield from grid(rows, MATRIX_WIDTHS, header=header, zebra=False, extra=extra)
