"""The legal qualification and the actions requested of a per-person dossier, derived from
the facts recorded (only those the audience may see: the input is built from the
audience-filtered records, so nothing withheld can shape a conclusion).

Derivation rules (each point names the instrument, the provision and the recorded fact):

1. **Which Geneva Convention.** A prisoner of war (category, or a detention episode in
   which either state asserts PoW status) engages Geneva Convention III; a civilian
   detainee or internee engages Geneva Convention IV. A person who is neither gets the
   human-rights provisions only.
2. **Allegations** (any status but RETRACTED) engage the provisions of ``ACT_PROVISIONS``
   for their act type: the Convention article for a PoW or a civilian, and the ICCPR, CAT
   or ICPPED article. The basis names the act, its status and date.
3. **Fair-trial matrix.** A guarantee found VIOLATED or PARTLY respected engages the
   provisions its code cites (``Guarantee.code``: "ICCPR 14(1); GCIII 84"); Geneva III
   provisions only for a PoW. A PoW convicted in proceedings with a violated core guarantee
   (G01, G03, G05, G07, G09, G10) engages GC III Art. 130 (grave breach: wilful deprivation
   of a fair and regular trial); a civilian, GC IV Art. 147.
4. **Detention.** Acknowledgment denied, or the state saying it cannot identify the person,
   engages ICPPED Art. 2 and 17, ICCPR Art. 9 and 16 and GC III Art. 122 (GC IV Arts.
   136-138). The detaining state calling a PoW a "terrorist" or a criminal suspect engages
   GC III Arts. 4-5 (status decided by a competent tribunal). A charge for conduct before
   capture engages GC III Art. 85.
5. **Death.** A death in custody engages ICCPR Art. 6 (the state must account for it) and
   GC III Art. 121 (GC IV Art. 131: official enquiry); remains not returned, GC III Art. 120
   (GC IV Art. 130).
6. **WGAD categories.** Only for a person with a detention episode. Category I: enforced
   disappearance, incommunicado or arbitrary detention alleged, acknowledgment denied, or
   repatriation delayed. Category III: a violated guarantee among G01-G11, or a forced
   confession, denial of counsel, interpreter, public trial or appeal, or a dependent
   tribunal alleged. Categories II, IV and V rest on facts casebook does not record (the
   exercise of rights, migration status, discriminatory grounds): they are never derived.
7. **Court measures.** A submission for ECtHR interim measures engages Rule 39 of the Rules
   of Court; an ECtHR application (a submission, or an application number when
   identifiers may be shown) engages ECHR Art. 34. For a recipient of the Council of Europe
   system the ECHR equivalents of the provisions above are added (Arts. 2, 3, 5, 6, 8).

Actions requested: first what the dossier asks of its recipient (by recipient kind), then
what the detaining state is asked to do, each triggered by a recorded fact (detained now,
missing or not acknowledged, torture or ill-treatment alleged, a forced confession, a
conviction after a violated guarantee, a death, denied ICRC access or no ICRC visit
recorded, denied family contact, denied medical care, denied counsel).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from casebook.services.dto import LegalPoint
from casebook.vocab import (
    Acknowledgment,
    ActType,
    AllegationStatus,
    AssertedStatus,
    Finding,
    Guarantee,
    PersonCategory,
    PersonStatus,
    Recipient,
    TriState,
)

GC3 = "Geneva Convention III"
GC4 = "Geneva Convention IV"
GC1 = "Geneva Convention I"
ICCPR = "ICCPR"
CAT = "Convention against Torture"
ICPPED = "ICPPED"
ECHR = "European Convention on Human Rights"
WGAD = "UN WGAD"
COURT = "ECtHR Rules of Court"
INSTRUMENT_ORDER = (
    GC3,
    GC4,
    GC1,
    ICCPR,
    CAT,
    ICPPED,
    ECHR,
    "Hague Convention 1954",
    "Additional Protocol I",
    WGAD,
    COURT,
)

# act type -> (GC III articles, GC IV articles, other (instrument, provision) pairs)
Provisions = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]
ACT_PROVISIONS: dict[ActType, Provisions] = {
    ActType.TORTURE: (
        ("Art. 13", "Art. 17", "Art. 130"),
        ("Art. 32", "Art. 147"),
        ((CAT, "Arts. 1-2"), (ICCPR, "Art. 7")),
    ),
    ActType.ILL_TREATMENT: (
        ("Art. 13",),
        ("Art. 27", "Art. 32"),
        ((CAT, "Art. 16"), (ICCPR, "Art. 7"), (ICCPR, "Art. 10")),
    ),
    ActType.THREATS: (("Art. 13", "Art. 17"), ("Art. 31",), ((CAT, "Art. 16"), (ICCPR, "Art. 7"))),
    ActType.SEXUAL_VIOLENCE: (
        ("Art. 13", "Art. 14"),
        ("Art. 27",),
        ((CAT, "Arts. 1-2"), (ICCPR, "Art. 7")),
    ),
    ActType.FORCED_CONFESSION: (
        ("Art. 99",),
        ("Art. 31",),
        ((ICCPR, "Art. 14(3)(g)"), (CAT, "Art. 15")),
    ),
    ActType.HUMILIATION: (("Art. 13",), ("Art. 27",), ((ICCPR, "Art. 7"),)),
    ActType.EXTRAJUDICIAL_EXECUTION: (
        ("Art. 13", "Art. 130"),
        ("Art. 32", "Art. 147"),
        ((ICCPR, "Art. 6"),),
    ),
    ActType.DEATH_IN_CUSTODY: (("Arts. 120-121",), ("Arts. 129-131",), ((ICCPR, "Art. 6"),)),
    ActType.ENFORCED_DISAPPEARANCE: (
        ("Art. 122",),
        ("Arts. 136-138",),
        ((ICPPED, "Art. 2"), (ICCPR, "Arts. 9, 16")),
    ),
    ActType.INCOMMUNICADO: (
        ("Arts. 70-71",),
        ("Arts. 106-107",),
        ((ICCPR, "Art. 9"), (ICCPR, "Art. 10")),
    ),
    ActType.ARBITRARY_DETENTION: ((), ("Arts. 42-43", "Art. 78"), ((ICCPR, "Art. 9"),)),
    ActType.DENIAL_OF_COUNSEL: (("Art. 105",), ("Art. 72",), ((ICCPR, "Art. 14(3)(b), (d)"),)),
    ActType.DENIAL_OF_INTERPRETER: (("Art. 105",), ("Art. 72",), ((ICCPR, "Art. 14(3)(f)"),)),
    ActType.DENIAL_OF_PUBLIC_TRIAL: ((), (), ((ICCPR, "Art. 14(1)"),)),
    ActType.DEPENDENT_TRIBUNAL: (("Art. 84",), ("Art. 66",), ((ICCPR, "Art. 14(1)"),)),
    ActType.DENIAL_OF_APPEAL: (("Art. 106",), ("Art. 73",), ((ICCPR, "Art. 14(5)"),)),
    ActType.DENIAL_OF_MEDICAL_CARE: (
        ("Art. 15", "Art. 30"),
        ("Art. 81", "Art. 91"),
        ((ICCPR, "Art. 10"),),
    ),
    ActType.INHUMAN_CONDITIONS: (
        ("Arts. 22, 25-26",),
        ("Arts. 85, 89",),
        ((ICCPR, "Art. 10"), (CAT, "Art. 16")),
    ),
    ActType.DENIAL_OF_FAMILY_CONTACT: (("Arts. 70-71",), ("Arts. 106-107",), ((ICCPR, "Art. 17"),)),
    ActType.DENIAL_OF_ICRC_ACCESS: (("Art. 126",), ("Art. 143",), ()),
    ActType.DELAYED_REPATRIATION: (("Art. 118",), ("Arts. 133-134",), ((ICCPR, "Art. 9"),)),
    ActType.DESECRATION_OF_REMAINS: (("Art. 120",), ("Art. 130",), ((GC1, "Art. 17"),)),
    ActType.HERITAGE_DESTRUCTION: (
        (),
        (),
        (("Hague Convention 1954", "Art. 4"), ("Additional Protocol I", "Art. 53")),
    ),
}
# The ECHR provision matching each human-rights provision, for Council of Europe recipients.
ECHR_EQUIVALENT = {
    "Art. 6": "Art. 2",
    "Art. 7": "Art. 3",
    "Art. 9": "Art. 5",
    "Art. 10": "Art. 3",
    "Art. 14": "Art. 6",
    "Art. 17": "Art. 8",
}
COUNCIL_OF_EUROPE = frozenset(
    {Recipient.ECTHR_RULE39, Recipient.ECTHR_APPLICATION, Recipient.COE, Recipient.PACE}
)
CORE_GUARANTEES = frozenset(
    {Guarantee.G01, Guarantee.G03, Guarantee.G05, Guarantee.G07, Guarantee.G09, Guarantee.G10}
)
CATEGORY_I_ACTS = frozenset(
    {
        ActType.ENFORCED_DISAPPEARANCE,
        ActType.INCOMMUNICADO,
        ActType.ARBITRARY_DETENTION,
        ActType.DELAYED_REPATRIATION,
    }
)
CATEGORY_III_ACTS = frozenset(
    {
        ActType.FORCED_CONFESSION,
        ActType.DENIAL_OF_COUNSEL,
        ActType.DENIAL_OF_INTERPRETER,
        ActType.DENIAL_OF_PUBLIC_TRIAL,
        ActType.DEPENDENT_TRIBUNAL,
        ActType.DENIAL_OF_APPEAL,
    }
)
ILL_TREATMENT_ACTS = frozenset(
    {ActType.TORTURE, ActType.ILL_TREATMENT, ActType.THREATS, ActType.SEXUAL_VIOLENCE}
)
NOT_ACKNOWLEDGED = frozenset({Acknowledgment.DENIED, Acknowledgment.NOT_IDENTIFIED})
CIVILIANS = frozenset({PersonCategory.CIVILIAN_DETAINEE, PersonCategory.CIVILIAN_INTERNEE})


@dataclass(frozen=True)
class AllegedAct:
    act: ActType
    status: AllegationStatus
    when: str  # "12 Nov 2020"


@dataclass(frozen=True)
class Trial:
    ref: str  # "first instance 1(101)-12/2021"
    convicted: bool
    findings: tuple[tuple[Guarantee, Finding], ...]
    pre_capture_charges: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facts:
    """What the legal derivation reads: the audience-visible facts of one person."""

    name: str  # as the audience may see the person ("A. H.", "P-12")
    category: PersonCategory
    status: PersonStatus
    detained: bool  # has a visible detention episode
    pow_asserted: bool
    acknowledgments: tuple[tuple[Acknowledgment, str], ...] = ()  # (term, "capture 12 Nov 2020")
    detaining_labels: tuple[AssertedStatus, ...] = ()
    icrc_visit_recorded: bool = False
    trials: tuple[Trial, ...] = ()
    acts: tuple[AllegedAct, ...] = ()
    death_in_custody: bool = False
    remains_returned: TriState = TriState.UNKNOWN
    died: bool = False
    submissions: tuple[tuple[Recipient, str], ...] = ()  # (recipient, "12 Mar 2021, decided")
    ecthr_applications: tuple[str, ...] = ()  # only when identifiers may be shown
    recipient: Recipient | None = None

    @property
    def pow(self) -> bool:
        return self.category is PersonCategory.POW or self.pow_asserted

    @property
    def civilian(self) -> bool:
        return not self.pow and self.category in CIVILIANS

    def alleged(self, acts: frozenset[ActType]) -> list[AllegedAct]:
        return [
            a for a in self.acts if a.act in acts and a.status is not AllegationStatus.RETRACTED
        ]


class _Points:
    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.bases: dict[tuple[str, str], list[str]] = {}

    def add(self, instrument: str, provision: str, basis: str) -> None:
        bases = self.bases.setdefault((instrument, provision), [])
        if basis not in bases:
            bases.append(basis)
        if self.facts.recipient in COUNCIL_OF_EUROPE and instrument == ICCPR:
            article = provision.replace("Arts.", "Art.").split("(")[0].split(",")[0].strip()
            if article in ECHR_EQUIVALENT:
                self.add(ECHR, ECHR_EQUIVALENT[article], basis)

    def geneva(self, gc3: tuple[str, ...], gc4: tuple[str, ...], basis: str) -> None:
        if self.facts.pow:
            for provision in gc3:
                self.add(GC3, provision, basis)
        elif self.facts.civilian:
            for provision in gc4:
                self.add(GC4, provision, basis)

    def result(self) -> tuple[LegalPoint, ...]:
        def order(key: tuple[str, str]) -> tuple[int, int, str]:
            instrument, provision = key
            digits = "".join(c if c.isdigit() else " " for c in provision).split()
            return (INSTRUMENT_ORDER.index(instrument), int(digits[0]) if digits else 0, provision)

        return tuple(
            LegalPoint(instrument, provision, "; ".join(self.bases[(instrument, provision)]))
            for instrument, provision in sorted(self.bases, key=order)
        )


def _guarantee_provisions(guarantee: Guarantee) -> Iterator[tuple[str, str]]:
    """ "ICCPR 14(3)(g); CAT 15" -> (ICCPR, Art. 14(3)(g)), (CAT, Art. 15)."""
    names = {"ICCPR": ICCPR, "CAT": CAT, "GCIII": GC3, "AP I": "Additional Protocol I"}
    for part in guarantee.code.split(";"):
        part = part.strip()
        for prefix, instrument in names.items():
            if part.startswith(prefix + " "):
                articles = part[len(prefix) + 1 :].strip()
                label = "Arts." if "," in articles else "Art."
                yield instrument, f"{label} {articles}"


def qualification(facts: Facts) -> tuple[LegalPoint, ...]:
    points = _Points(facts)
    for alleged in facts.alleged(frozenset(ActType)):
        gc3, gc4, others = ACT_PROVISIONS[alleged.act]
        basis = f"{alleged.act.label} alleged ({alleged.status.label.lower()}, {alleged.when})"
        points.geneva(gc3, gc4, basis)
        for instrument, provision in others:
            points.add(instrument, provision, basis)
    for trial in facts.trials:
        violated_core = False
        for guarantee, finding in trial.findings:
            if finding not in (Finding.VIOLATED, Finding.PARTLY):
                continue
            violated_core |= finding is Finding.VIOLATED and guarantee in CORE_GUARANTEES
            basis = f"{guarantee.value} {guarantee.label}: {finding.label.lower()} ({trial.ref})"
            for instrument, provision in _guarantee_provisions(guarantee):
                if instrument != GC3 or facts.pow:
                    points.add(instrument, provision, basis)
        if trial.convicted and violated_core:
            basis = f"convicted after a trial that violated core guarantees ({trial.ref})"
            points.geneva(("Art. 130",), ("Art. 147",), basis)
        for charge in trial.pre_capture_charges:
            if facts.pow:
                points.add(GC3, "Art. 85", f"charged for conduct before capture: {charge}")
    for term, when in facts.acknowledgments:
        if term in NOT_ACKNOWLEDGED:
            basis = f"{term.label} ({when})"
            points.add(ICPPED, "Art. 2", basis)
            points.add(ICPPED, "Art. 17", basis)
            points.add(ICCPR, "Arts. 9, 16", basis)
            points.geneva(("Art. 122",), ("Arts. 136-138",), basis)
    if facts.pow:
        for label in facts.detaining_labels:
            if label in (AssertedStatus.TERRORIST, AssertedStatus.CRIMINAL_SUSPECT):
                basis = f"the detaining state treats the person as a {label.label} "
                basis += "rather than a prisoner of war"
                points.add(GC3, "Arts. 4-5", basis)
    if facts.death_in_custody:
        basis = "death in custody: the state must account for it (Minnesota Protocol, para. 17)"
        points.add(ICCPR, "Art. 6", basis)
        points.geneva(("Art. 121",), ("Art. 131",), "death in custody requires an official enquiry")
    if facts.died and facts.remains_returned is TriState.NO:
        points.geneva(("Art. 120",), ("Art. 130",), "remains not returned to the family")
    _wgad(facts, points)
    _court(facts, points)
    return points.result()


def _wgad(facts: Facts, points: _Points) -> None:
    if not facts.detained:
        return
    for alleged in facts.alleged(CATEGORY_I_ACTS):
        points.add(WGAD, "Category I", f"{alleged.act.label} alleged ({alleged.when})")
    for term, when in facts.acknowledgments:
        if term in NOT_ACKNOWLEDGED:
            points.add(WGAD, "Category I", f"{term.label} ({when})")
    for trial in facts.trials:
        codes = [
            g.value
            for g, finding in sorted(trial.findings, key=lambda gf: gf[0].rank)
            if finding is Finding.VIOLATED and g.rank <= Guarantee.G11.rank
        ]
        if codes:
            points.add(WGAD, "Category III", f"{', '.join(codes)} violated ({trial.ref})")
    for alleged in facts.alleged(CATEGORY_III_ACTS):
        points.add(WGAD, "Category III", f"{alleged.act.label} alleged ({alleged.when})")


def _court(facts: Facts, points: _Points) -> None:
    for recipient, when in facts.submissions:
        if recipient is Recipient.ECTHR_RULE39:
            points.add(COURT, "Rule 39", f"interim measures requested ({when})")
        if recipient is Recipient.ECTHR_APPLICATION:
            points.add(ECHR, "Art. 34", f"application lodged ({when})")
    for number in facts.ecthr_applications:
        points.add(ECHR, "Art. 34", f"application no. {number}")


RECIPIENT_ASKS: dict[Recipient, str] = {
    Recipient.WGAD: "Render an opinion that the deprivation of liberty of {name} is arbitrary, "
    "on the grounds set out in the legal qualification, and request the release of {name}.",
    Recipient.WGEID: "Transmit the case of {name} to the Government concerned under the "
    "urgent-action procedure and seek clarification of their fate and whereabouts.",
    Recipient.SR_TORTURE: "Send an urgent appeal to the Government concerned about the "
    "allegations of torture and ill-treatment of {name} set out in this dossier.",
    Recipient.ECTHR_RULE39: "Indicate to the respondent State, under Rule 39 of the Rules of "
    "Court, that it must protect the life and physical integrity of {name}, give them "
    "adequate medical care and disclose where and in what conditions they are held.",
    Recipient.ECTHR_APPLICATION: "Find violations of the Convention provisions set out in the "
    "legal qualification.",
    Recipient.ICRC: "Seek access to {name}, register them and restore contact with their "
    "family (GC III Art. 126; GC IV Art. 143).",
}


def actions(facts: Facts) -> tuple[str, ...]:
    name = facts.name
    asks: list[str] = []
    if facts.recipient is not None and facts.recipient in RECIPIENT_ASKS:
        asks.append(RECIPIENT_ASKS[facts.recipient].format(name=name))
    if facts.status is PersonStatus.DETAINED:
        if facts.pow:
            asks.append(f"Release and repatriate {name} without delay (GC III Art. 118).")
        else:
            asks.append(
                f"Release {name}, or state the legal basis of the detention and let a court "
                "review it without delay (ICCPR Art. 9(4))."
            )
    not_acknowledged = any(t in NOT_ACKNOWLEDGED for t, _ in facts.acknowledgments)
    if facts.status is PersonStatus.MISSING or not_acknowledged:
        asks.append(
            f"Disclose the fate and whereabouts of {name} and report their detention to the "
            "ICRC Central Tracing Agency (GC III Arts. 122-123; ICPPED Art. 17)."
        )
    if facts.alleged(ILL_TREATMENT_ACTS):
        asks.append(
            "Open a prompt and impartial investigation into the allegations of torture and "
            "ill-treatment (CAT Arts. 12-13), with an independent medical examination "
            "(Istanbul Protocol), and bring those responsible to justice."
        )
    if facts.alleged(frozenset({ActType.FORCED_CONFESSION})):
        asks.append(
            "Exclude from any proceedings every statement obtained under coercion "
            "(CAT Art. 15; ICCPR Art. 14(3)(g))."
        )
    unfair = [
        t for t in facts.trials if t.convicted and any(f is Finding.VIOLATED for _, f in t.findings)
    ]
    if unfair:
        asks.append(
            f"Quash the conviction of {name} handed down in proceedings that violated the "
            "fair-trial guarantees set out above, or order a retrial that meets ICCPR Art. 14"
            + (" and GC III Arts. 84-108." if facts.pow else ".")
        )
    killed = facts.alleged(frozenset({ActType.EXTRAJUDICIAL_EXECUTION, ActType.DEATH_IN_CUSTODY}))
    if facts.death_in_custody or killed:
        asks.append(
            "Conduct an effective, independent investigation into the death in line with the "
            "Minnesota Protocol, and inform the family of its results."
        )
    if facts.died and facts.remains_returned is TriState.NO:
        asks.append("Return the remains to the family (GC III Art. 120; GC IV Art. 130).")
    denied_icrc = facts.alleged(frozenset({ActType.DENIAL_OF_ICRC_ACCESS}))
    if facts.status is PersonStatus.DETAINED and (denied_icrc or not facts.icrc_visit_recorded):
        asks.append(f"Grant the ICRC regular and unimpeded access to {name} (GC III Art. 126).")
    if facts.alleged(frozenset({ActType.DENIAL_OF_FAMILY_CONTACT, ActType.INCOMMUNICADO})):
        asks.append(
            f"Allow {name} to correspond with and receive news from their family "
            "(GC III Arts. 70-71; GC IV Arts. 106-107)."
        )
    if facts.alleged(frozenset({ActType.DENIAL_OF_MEDICAL_CARE})):
        asks.append(f"Give {name} adequate medical care without delay (GC III Arts. 15, 30).")
    if facts.alleged(frozenset({ActType.DENIAL_OF_COUNSEL})):
        asks.append(f"Allow {name} confidential access to counsel of their own choosing.")
    return tuple(asks)
