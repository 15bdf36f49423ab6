"""One person of a thematic report at a time: their case row, what they add to the
figures, the sources their visible claims cite, and citations that may illustrate a theme.

Then :meth:`Cases.number` numbers sources and notes in reading order (the themes' notes
first, then each case row's sources) once every chunk has been read.
"""

from __future__ import annotations

from dataclasses import replace

from casebook.services.dto import (
    CaseRow,
    CitationNote,
    Disclosure,
    SourceEntry,
    TransliterationRow,
)
from casebook.services.snapshot import Subject
from casebook.services.snapshot_annex import Annex, fuzzy, pinpoint
from casebook.services.snapshot_bundle import Bundle, Row
from casebook.services.snapshot_names import plain
from casebook.services.snapshot_themes import (
    ACT_THEME,
    DEATH_ACTS,
    STRONG_GRADES,
    THEMES,
    TORTURE_ACTS,
    Tally,
)
from casebook.vocab import (
    CREDIBILITY_LABELS,
    Acknowledgment,
    ActType,
    AllegationStatus,
    AssertedStatus,
    ChargeOutcome,
    CustodyEventType,
    Finding,
    NameKind,
    PersonStatus,
    ProceedingInstance,
    Script,
    SentenceType,
    Stance,
)

NOT_HELD = frozenset(
    {CustodyEventType.RELEASE, CustodyEventType.REPATRIATION, CustodyEventType.DEATH}
)


def is_trial(proceeding: Row, assessed: bool) -> bool:
    return proceeding.instance is not ProceedingInstance.INVESTIGATION or assessed


def sentence_text(rows: list[Row]) -> str | None:
    for s in rows:
        if s.sentence_type is SentenceType.LIFE:
            return "convicted, life imprisonment"
        if s.sentence_type is SentenceType.DEATH:
            return "convicted, death penalty"
        if s.sentence_type is SentenceType.IMPRISONMENT and s.term_months:
            years, months = divmod(int(s.term_months), 12)
            term = (
                f"{years} years" + (f" {months} months" if months else "")
                if years
                else f"{months} months"
            )
            return f"convicted, {term}"
    return "convicted" if rows else None


class Cases:
    def __init__(self, tally: Tally) -> None:
        self.tally = tally
        self.rows: list[tuple[CaseRow, list[int]]] = []  # provisional source numbers
        self.translit: list[TransliterationRow] = []
        self.named = 0

    def add(self, bundle: Bundle, who: Subject, annex: Annex) -> None:
        b, pid, person = bundle, who.id, bundle.persons[who.id]
        cited: list[int] = []

        def cite(claim: Row, theme: str | None = None) -> None:
            for citation in b.citations.get(claim.claim_id, ()):
                number = annex.source(b, citation.source_id, who.scrub)
                if number not in cited:
                    cited.append(number)
                if theme is not None and citation.stance is Stance.SUPPORTS:
                    self._candidate(b, theme, pid, citation, number, who)

        episodes = b.episodes.get(pid, [])
        events = [ev for ep in episodes for ev in b.events.get(ep.id, [])]
        for ep in episodes:
            cite(ep)
            self.tally.episode(ep.capture_date, ep.capture_precision)
            for ev in b.events.get(ep.id, []):
                cite(ev)
        trials, convicted, last_trial = 0, False, None
        for pr in b.proceedings.get(pid, []):
            cite(pr)
            assessments = b.assessments.get(pr.id, [])
            for h in b.hearings.get(pr.id, []):
                cite(h)
                self.tally.hearing(h.restraints)
            for a in assessments:
                cite(a, "trials" if a.finding is Finding.VIOLATED else None)
            sentences = b.sentences.get(pr.id, [])
            for s in sentences:
                cite(s)
                self.tally.sentence(s.sentence_type, s.term_months)
            if is_trial(pr, bool(assessments)):
                trials += 1
                last_trial = pr
                verdict = (
                    pr.end_date if pr.instance is not ProceedingInstance.INVESTIGATION else None
                )
                self.tally.trial({a.guarantee: a.finding for a in assessments}, verdict)
                charges = b.charges.get(pr.id, [])
                convicted |= bool(sentences) or any(
                    c.outcome is ChargeOutcome.CONVICTED for c in charges
                )
        allegations = [
            a for a in b.allegations.get(pid, []) if a.status is not AllegationStatus.RETRACTED
        ]
        shown = {a.id for a in allegations}
        for a in allegations:
            cite(a, ACT_THEME.get(a.act_type))
            self.tally.allegation(a.act_type, a.status, a.state_response)
        evaluations = [
            e
            for e in b.evaluations.get(pid, [])
            if e.allegation_id in shown or e.allegation_id is None
        ]
        for ev in evaluations:
            cite(ev)
        death = b.deaths.get(pid)
        if death is not None:
            cite(death, "deaths")
            self.tally.death(death.in_custody, death.manner, death.remains_returned)
        acts = {a.act_type for a in allegations}
        acknowledgments = {ep.acknowledgment for ep in episodes}
        self.tally.person(
            pid,
            person.current_status,
            {
                "detained_ever": bool(episodes),
                "denied": Acknowledgment.DENIED in acknowledgments,
                "not_identified": Acknowledgment.NOT_IDENTIFIED in acknowledgments,
                "not_acknowledged": bool(
                    acknowledgments & {Acknowledgment.DENIED, Acknowledgment.NOT_IDENTIFIED}
                ),
                "labelled": any(
                    ep.detaining_state_status
                    in (AssertedStatus.TERRORIST, AssertedStatus.CRIMINAL_SUSPECT)
                    for ep in episodes
                ),
                "icrc": any(ev.event_type is CustodyEventType.ICRC_VISIT for ev in events),
                "incommunicado": ActType.INCOMMUNICADO in acts
                or any(ev.event_type is CustodyEventType.INCOMMUNICADO for ev in events),
                "missing": person.current_status is PersonStatus.MISSING,
                "disappeared": ActType.ENFORCED_DISAPPEARANCE in acts,
                "tortured": bool(acts & TORTURE_ACTS),
                "medical_strong": any(ev.istanbul_grade in STRONG_GRADES for ev in evaluations),
                "tried": trials > 0,
                "convicted": convicted,
                "died": death is not None,
                "killed": bool(acts & DEATH_ACTS),
            },
        )
        held_at = None
        for ev in sorted(events, key=lambda e: (e.start_date is not None, e.start_date or 0, e.id)):
            if ev.to_place_id is not None and ev.event_type not in NOT_HELD:
                held_at = b.place(ev.to_place_id)
        if held_at is None:
            for pr in b.proceedings.get(pid, []):
                for s in b.sentences.get(pr.id, []):
                    held_at = b.place(s.facility_id) or held_at
        first = episodes[0] if episodes else None
        proceeding = None
        if last_trial is not None:
            sentences = b.sentences.get(last_trial.id, [])
            charges = b.charges.get(last_trial.id, [])
            if sentences:
                proceeding = sentence_text(sentences)
            elif convicted:
                proceeding = "convicted"
            elif charges and all(c.outcome is ChargeOutcome.ACQUITTED for c in charges):
                proceeding = "acquitted"
            else:
                proceeding = "on trial" if last_trial.end_date is None else "verdict given"
        row = CaseRow(
            code=who.code,
            display_name=who.display,
            category_label=person.category.label,
            status_label=person.current_status.label,
            capture=fuzzy(first.capture_date, first.capture_precision, first.capture_as_reported)
            if first
            else None,
            held_at=held_at,
            allegations=tuple(
                f"{a.act_type.label} ({a.status.label.lower()})" for a in allegations
            ),
            proceedings=proceeding,
        )
        self.rows.append((row, cited))
        if who.disclosure is Disclosure.FULL:
            self.named += 1
            self.translit.append(self._names(b, who))

    def _candidate(
        self, b: Bundle, theme: str, pid: int, citation: Row, number: int, who: Subject
    ) -> None:
        coded = citation.source_id in b.coded_sources
        credibility = citation.credibility
        note = CitationNote(
            number=0,
            source_number=number,
            stance=citation.stance,
            pinpoint=pinpoint(citation, who.scrub),
            credibility=credibility,
            credibility_label=CREDIBILITY_LABELS.get(credibility) if credibility else None,
            quote=None if coded else who.scrub(citation.quote_original),
            quote_language=None if coded else plain(citation.quote_language),
            translation=None if coded else who.scrub(citation.quote_translation),
        )
        key = (credibility or 7, coded, pid, citation.id)
        self.tally.candidate(theme, key, number, note)

    @staticmethod
    def _names(b: Bundle, who: Subject) -> TransliterationRow:
        best: dict[Script, str] = {}
        for name in sorted(
            b.names.get(who.id, []), key=lambda n: (n.kind is not NameKind.PRIMARY, n.id)
        ):
            text = plain(name.full_name)
            if text and name.script not in best:
                best[name.script] = text
        return TransliterationRow(
            who.code, best.get(Script.ARMN), best.get(Script.LATN), best.get(Script.CYRL)
        )

    def transliteration(self) -> tuple[TransliterationRow, ...]:
        return tuple(self.translit)

    def number(
        self, annex: Annex
    ) -> tuple[
        tuple[SourceEntry, ...],
        tuple[CitationNote, ...],
        dict[str, tuple[int, ...]],
        tuple[CaseRow, ...],
    ]:
        """Final numbers in reading order: theme notes, then case rows."""
        final: dict[int, int] = {}

        def number_of(provisional: int) -> int:
            if provisional not in final:
                final[provisional] = len(final) + 1
            return final[provisional]

        notes: list[CitationNote] = []
        theme_notes: dict[str, tuple[int, ...]] = {}
        for key, _title in THEMES:
            numbers = []
            for provisional, note in self.tally.theme_notes(key):
                done = replace(note, number=len(notes) + 1, source_number=number_of(provisional))
                notes.append(done)
                numbers.append(done.number)
            theme_notes[key] = tuple(numbers)
        rows = tuple(
            replace(row, sources=tuple(sorted(number_of(n) for n in cited)))
            for row, cited in self.rows
        )
        listed = annex.sources()
        for entry in listed:
            number_of(entry.number)
        entries = []
        for entry in listed:
            origin = entry.derived_from_number
            entries.append(
                replace(
                    entry,
                    number=number_of(entry.number),
                    derived_from_number=final.get(origin) if origin else None,
                )
            )
        return tuple(sorted(entries, key=lambda e: e.number)), tuple(notes), theme_notes, rows
