"""The figures of a thematic report: a :class:`Tally` fed one person at a time (only their
audience-visible records), then turned into key figures, charts and themes.

Every figure says what it counts. Allegation counts leave out allegations whose status
is RETRACTED (withdrawn); "alleged to verified" figures name the statuses counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casebook.services.dto import (
    CitationNote,
    Count,
    Figure,
    MatrixTotal,
    MonthCount,
    Theme,
)
from casebook.vocab import (
    Acknowledgment,
    ActType,
    AllegationStatus,
    AssertedStatus,
    DatePrecision,
    DeathManner,
    Finding,
    Guarantee,
    IstanbulGrade,
    PersonStatus,
    Restraint,
    SentenceType,
    StateResponse,
    TriState,
)

NOTES_PER_THEME = 5
COUNTED = "statuses alleged, corroborated, verified and disputed; withdrawn ones left out"
STRONG = "statuses corroborated and verified"
TORTURE_ACTS = frozenset(
    {
        ActType.TORTURE,
        ActType.ILL_TREATMENT,
        ActType.THREATS,
        ActType.SEXUAL_VIOLENCE,
        ActType.HUMILIATION,
    }
)
DEATH_ACTS = frozenset({ActType.EXTRAJUDICIAL_EXECUTION, ActType.DEATH_IN_CUSTODY})
STRONG_GRADES = frozenset(
    {IstanbulGrade.HIGHLY_CONSISTENT, IstanbulGrade.TYPICAL, IstanbulGrade.DIAGNOSTIC}
)
THEMES = (
    ("detention", "Detention and acknowledgment"),
    ("disappearance", "Enforced disappearance and missing persons"),
    ("torture", "Torture and ill-treatment"),
    ("trials", "Trials and fair-trial guarantees"),
    ("deaths", "Deaths"),
)
# Which theme an allegation's citations may illustrate.
ACT_THEME = dict.fromkeys(TORTURE_ACTS, "torture") | {
    ActType.FORCED_CONFESSION: "trials",
    ActType.ENFORCED_DISAPPEARANCE: "disappearance",
    ActType.INCOMMUNICADO: "detention",
    ActType.ARBITRARY_DETENTION: "detention",
    ActType.EXTRAJUDICIAL_EXECUTION: "deaths",
    ActType.DEATH_IN_CUSTODY: "deaths",
}


def of(number: int, one: str, many: str) -> str:
    """ "1 person", "2,048 persons"."""
    return f"{number:,} {one if number == 1 else many}"


def were(number: int, one: str = "was", many: str = "were") -> str:
    return one if number == 1 else many


def month(day: date) -> date:
    return day.replace(day=1)


@dataclass
class Tally:
    persons: int = 0
    by_status: Counter[PersonStatus] = field(default_factory=Counter)
    allegations: Counter[tuple[ActType, AllegationStatus]] = field(default_factory=Counter)
    responses: Counter[StateResponse] = field(default_factory=Counter)
    matrix: Counter[tuple[Guarantee, Finding]] = field(default_factory=Counter)
    trials: int = 0
    trials_violated: int = 0
    sentences: Counter[SentenceType] = field(default_factory=Counter)
    term_months: list[int] = field(default_factory=list)
    hearings: int = 0
    caged: int = 0
    captures: Counter[date] = field(default_factory=Counter)
    verdicts: Counter[date] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)  # persons per fact
    deaths: Counter[str] = field(default_factory=Counter)
    manners: Counter[DeathManner] = field(default_factory=Counter)
    cases: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    notes: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(list))

    # --- feeding ------------------------------------------------------------------------

    def person(self, pid: int, status: PersonStatus, facts: dict[str, bool]) -> None:
        self.persons += 1
        self.by_status[status] += 1
        for key, true in facts.items():
            if true:
                self.flags[key] += 1
        themes = {
            "detention": facts["not_acknowledged"] or status is PersonStatus.DETAINED,
            "disappearance": facts["missing"] or facts["disappeared"],
            "torture": facts["tortured"],
            "trials": facts["tried"],
            "deaths": facts["died"] or facts["killed"],
        }
        for key, true in themes.items():
            if true:
                self.cases[key].append(pid)

    def episode(self, capture: date | None, precision: DatePrecision) -> None:
        if capture is not None and precision is not DatePrecision.YEAR:
            self.captures[month(capture)] += 1

    def allegation(self, act: ActType, status: AllegationStatus, response: StateResponse) -> None:
        self.allegations[(act, status)] += 1
        self.responses[response] += 1

    def trial(self, findings: dict[Guarantee, Finding], verdict: date | None) -> None:
        self.trials += 1
        for guarantee in Guarantee:
            self.matrix[(guarantee, findings.get(guarantee, Finding.NO_INFORMATION))] += 1
        if Finding.VIOLATED in findings.values():
            self.trials_violated += 1
        if verdict is not None:
            self.verdicts[month(verdict)] += 1

    def hearing(self, restraint: Restraint) -> None:
        self.hearings += 1
        if restraint in (Restraint.CAGE, Restraint.GLASS_BOX):
            self.caged += 1

    def sentence(self, kind: SentenceType, months: int | None) -> None:
        self.sentences[kind] += 1
        if kind is SentenceType.IMPRISONMENT and months:
            self.term_months.append(months)

    def death(self, in_custody: TriState, manner: DeathManner, returned: TriState) -> None:
        self.deaths["recorded"] += 1
        self.deaths[f"in_custody_{in_custody.value}"] += 1
        self.deaths[f"returned_{returned.value}"] += 1
        self.manners[manner] += 1

    def candidate(
        self, theme: str, key: tuple[Any, ...], source_id: int, note: CitationNote
    ) -> None:
        """Offer a citation to illustrate ``theme``; the few with the smallest ``key`` stay."""
        kept = self.notes[theme]
        kept.append((key, source_id, note))
        if len(kept) > 8 * NOTES_PER_THEME:
            kept.sort(key=lambda item: item[0])
            del kept[NOTES_PER_THEME:]

    def theme_notes(self, theme: str) -> list[tuple[int, CitationNote]]:
        """The kept citations of ``theme``, best first, as (source id, note)."""
        ranked = sorted(self.notes.get(theme, []), key=lambda item: item[0])
        return [(source_id, note) for _, source_id, note in ranked[:NOTES_PER_THEME]]

    def count(
        self, acts: frozenset[ActType], statuses: frozenset[AllegationStatus] | None = None
    ) -> int:
        return sum(
            n
            for (act, status), n in self.allegations.items()
            if act in acts and (statuses is None or status in statuses)
        )

    def key_figures(self) -> tuple[Figure, ...]:
        every = frozenset(ActType)
        strong = frozenset({AllegationStatus.CORROBORATED, AllegationStatus.VERIFIED})
        return (
            Figure("Persons in the selection", self.persons, "persons matching the selection"),
            Figure(
                "Still detained",
                self.by_status[PersonStatus.DETAINED],
                "current status Detained at the data cut-off",
            ),
            Figure("Missing", self.by_status[PersonStatus.MISSING], "current status Missing"),
            Figure("Allegations", self.count(every), COUNTED),
            Figure("Allegations corroborated or verified", self.count(every, strong), STRONG),
            Figure("Trials", self.trials, "first-instance, appeal and cassation proceedings"),
            Figure(
                "Trials with a violated guarantee",
                self.trials_violated,
                "proceedings with a finding Violated on any of G01-G15",
            ),
            Figure(
                "Deaths in custody",
                self.deaths["in_custody_YES"],
                "death records with in custody = yes",
            ),
        )

    def by_act(self) -> tuple[tuple[ActType, tuple[tuple[AllegationStatus, int], ...]], ...]:
        statuses = [s for s in AllegationStatus if s is not AllegationStatus.RETRACTED]
        return tuple(
            (act, tuple((s, self.allegations[(act, s)]) for s in statuses))
            for act in ActType
            if any(self.allegations[(act, s)] for s in statuses)
        )

    def persons_by_status(self) -> tuple[Count, ...]:
        return tuple(Count(s.label, self.by_status[s], s.value) for s in PersonStatus)

    def state_responses(self) -> tuple[Count, ...]:
        return tuple(Count(r.label, self.responses[r], r.value) for r in StateResponse)

    def matrix_totals(self) -> tuple[MatrixTotal, ...]:
        return tuple(
            MatrixTotal(g, tuple((f, self.matrix[(g, f)]) for f in Finding)) for g in Guarantee
        )

    def timeline(self) -> tuple[MonthCount, ...]:
        months = set(self.captures) | set(self.verdicts)
        if not months:
            return ()
        first, last = min(months), max(months)
        rows = []
        current = first
        while current <= last:
            rows.append(MonthCount(current, self.captures[current], self.verdicts[current]))
            year, mon = divmod(current.month, 12)
            current = date(current.year + year, mon + 1, 1)
        return tuple(rows)

    def themes(self, notes: dict[str, tuple[int, ...]]) -> tuple[Theme, ...]:
        texts = {
            "detention": self._detention(),
            "disappearance": self._disappearance(),
            "torture": self._torture(),
            "trials": self._trials(),
            "deaths": self._deaths(),
        }
        return tuple(
            Theme(
                key,
                title,
                texts[key][0],
                texts[key][1],
                tuple(f"P-{pid}" for pid in sorted(self.cases.get(key, []))),
                notes.get(key, ()),
            )
            for key, title in THEMES
        )

    def _detention(self) -> tuple[tuple[str, ...], tuple[Figure, ...]]:
        f, n = self.flags, self.persons
        held = self.by_status[PersonStatus.DETAINED]
        paragraphs = (
            f"{f['detained_ever']:,} of the {of(n, 'person', 'persons')} in the selection "
            f"{were(f['detained_ever'], 'has', 'have')} a recorded detention episode; "
            f"{held:,} {were(held)} still detained at the data cut-off (current status "
            "Detained).",
            f"The detaining state denied holding {of(f['denied'], 'person', 'persons')} and said "
            f"it could not identify {f['not_identified']:,} (acknowledgment as recorded for any "
            f"episode). For {of(f['labelled'], 'person', 'persons')} it asserted a status of "
            f"{AssertedStatus.TERRORIST.label} or criminal suspect.",
            f"An ICRC visit is recorded for {of(f['icrc'], 'person', 'persons')}; an "
            f"incommunicado period for {f['incommunicado']:,}.",
        )
        figures = (
            Figure(
                "Persons with a detention episode", f["detained_ever"], "episodes of any end reason"
            ),
            Figure(
                "Detention denied", f["denied"], f"acknowledgment {Acknowledgment.DENIED.label}"
            ),
            Figure(
                "Person 'not identified'",
                f["not_identified"],
                f"acknowledgment {Acknowledgment.NOT_IDENTIFIED.label}",
            ),
            Figure("ICRC visit recorded", f["icrc"], "persons with an ICRC visit custody event"),
        )
        return paragraphs, figures

    def _disappearance(self) -> tuple[tuple[str, ...], tuple[Figure, ...]]:
        f = self.flags
        acts = frozenset({ActType.ENFORCED_DISAPPEARANCE})
        missing = self.by_status[PersonStatus.MISSING]
        paragraphs = (
            f"{of(missing, 'person', 'persons')} in the selection {were(missing, 'is', 'are')} "
            f"missing (current status Missing); {of(self.count(acts), 'allegation', 'allegations')}"
            f" of enforced disappearance {were(self.count(acts), 'is', 'are')} recorded "
            f"({COUNTED}).",
            f"{of(f['not_acknowledged'], 'person has', 'persons have')} a detention the detaining "
            "state denies or says it cannot identify.",
        )
        figures = (
            Figure(
                "Missing persons", self.by_status[PersonStatus.MISSING], "current status Missing"
            ),
            Figure("Enforced disappearance alleged", self.count(acts), COUNTED),
            Figure(
                "Detention not acknowledged",
                f["not_acknowledged"],
                "acknowledgment Denied or Not identified",
            ),
        )
        return paragraphs, figures

    def _torture(self) -> tuple[tuple[str, ...], tuple[Figure, ...]]:
        f = self.flags
        strong = frozenset({AllegationStatus.CORROBORATED, AllegationStatus.VERIFIED})
        total, confirmed = self.count(TORTURE_ACTS), self.count(TORTURE_ACTS, strong)
        confessions = self.count(frozenset({ActType.FORCED_CONFESSION}))
        paragraphs = (
            f"{of(total, 'allegation', 'allegations')} of torture or ill-treatment "
            f"concern {of(f['tortured'], 'person', 'persons')} ({COUNTED}); {confirmed:,} of "
            f"them {were(confirmed, 'is', 'are')} corroborated or verified.",
            "A medical evaluation graded highly consistent or stronger under the Istanbul "
            f"Protocol is recorded for {of(f['medical_strong'], 'person', 'persons')}. "
            f"{of(confessions, 'forced confession is', 'forced confessions are')} alleged.",
        )
        figures = (
            Figure("Torture or ill-treatment alleged", total, COUNTED),
            Figure("Of which corroborated or verified", confirmed, STRONG),
            Figure(
                "Persons with a strong medical finding",
                f["medical_strong"],
                "Istanbul grade highly consistent, typical of or diagnostic of",
            ),
        )
        return paragraphs, figures

    def _trials(self) -> tuple[tuple[str, ...], tuple[Figure, ...]]:
        f = self.flags
        violated = sorted(
            ((self.matrix[(g, Finding.VIOLATED)], g) for g in Guarantee),
            key=lambda x: (-x[0], x[1].value),
        )
        top = [f"{g.value} {g.label} ({n})" for n, g in violated[:3] if n]
        terms = sorted(self.term_months)
        median = terms[len(terms) // 2] / 12 if terms else None
        paragraphs = (
            f"{of(f['tried'], 'person was', 'persons were')} tried in "
            f"{of(self.trials, 'proceeding', 'proceedings')}; {f['convicted']:,} "
            f"{were(f['convicted'])} convicted. "
            f"{of(self.trials_violated, 'proceeding has', 'proceedings have')} at least one "
            "guarantee found violated" + (f", most often {'; '.join(top)}." if top else "."),
            f"{of(self.sentences[SentenceType.LIFE], 'life sentence', 'life sentences')} and "
            f"{of(self.sentences[SentenceType.IMPRISONMENT], 'term', 'terms')} of imprisonment "
            "are recorded"
            + (f" (median term {median:.1f} years)." if median is not None else ".")
            + f" Defendants were held in a cage or glass box at {self.caged:,} of "
            f"{of(self.hearings, 'hearing', 'hearings')} monitored.",
        )
        figures = (
            Figure("Persons tried", f["tried"], "persons with a trial proceeding"),
            Figure(
                "Persons convicted", f["convicted"], "a charge convicted or a sentence recorded"
            ),
            Figure(
                "Hearings with a cage or glass box", self.caged, "restraints recorded per hearing"
            ),
        )
        return paragraphs, figures

    def _deaths(self) -> tuple[tuple[str, ...], tuple[Figure, ...]]:
        d = self.deaths
        killings = self.count(DEATH_ACTS)
        manners = ", ".join(
            f"{m.label.lower()} {self.manners[m]}" for m in DeathManner if self.manners[m]
        )
        paragraphs = (
            f"{of(d['recorded'], 'death is', 'deaths are')} recorded, {d['in_custody_YES']:,} "
            "in custody (a death in custody presumes state responsibility)"
            + (f"; manner of death: {manners}." if manners else "."),
            f"Remains were returned in {of(d['returned_YES'], 'case', 'cases')} and not "
            f"returned in {d['returned_NO']:,}. {killings:,} extrajudicial "
            f"{'execution or death' if killings == 1 else 'executions or deaths'} in custody "
            f"{were(killings, 'is', 'are')} alleged ({COUNTED}).",
        )
        figures = (
            Figure("Deaths recorded", d["recorded"], "death records"),
            Figure("Deaths in custody", d["in_custody_YES"], "death records with in custody = yes"),
            Figure(
                "Remains not returned", d["returned_NO"], "death records with remains returned = no"
            ),
        )
        return paragraphs, figures
