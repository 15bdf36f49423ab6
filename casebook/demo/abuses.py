"""Demo allegations (with perpetrators), medical evaluations and death records.

An allegation's status follows from the citations it gets: two sources of distinct origin,
one of them not an interested party, make it CORROBORATED; with an Istanbul Protocol
grade of "highly consistent" or stronger, or a court record, VERIFIED; a credible
contradicting testimony makes it DISPUTED.
"""

from __future__ import annotations

from datetime import date, timedelta

from casebook.demo.build import HISTORY_END, Batch, Row, clamp, fuzzy
from casebook.demo.detention import cite_claim
from casebook.demo.evidence import FileBudget, Src, cite
from casebook.demo.library import Pref, add_report, find_sources
from casebook.demo.people import Case, Cluster
from casebook.demo.pools import PERPETRATOR_UNITS, TORTURE_METHODS
from casebook.vocab import (
    INTERESTED_AFFILIATIONS,
    ActType,
    AllegationStatus,
    ClaimKind,
    DeathManner,
    EpisodeEndReason,
    InvolvementDegree,
    IstanbulGrade,
    PersonCategory,
    SourceType,
    Stance,
    StateResponse,
    TriState,
)

AT = ActType
ST = SourceType
PC = PersonCategory
TRIAL_ACTS = (
    AT.FORCED_CONFESSION,
    AT.DENIAL_OF_COUNSEL,
    AT.DENIAL_OF_INTERPRETER,
    AT.DENIAL_OF_PUBLIC_TRIAL,
    AT.DEPENDENT_TRIBUNAL,
    AT.DENIAL_OF_APPEAL,
)
CUSTODY_ACTS = (
    (AT.TORTURE, 4),
    (AT.ILL_TREATMENT, 4),
    (AT.THREATS, 2),
    (AT.HUMILIATION, 2),
    (AT.INCOMMUNICADO, 2),
    (AT.ARBITRARY_DETENTION, 2),
    (AT.INHUMAN_CONDITIONS, 2),
    (AT.DENIAL_OF_MEDICAL_CARE, 1),
    (AT.DENIAL_OF_FAMILY_CONTACT, 1),
    (AT.DENIAL_OF_ICRC_ACCESS, 1),
    (AT.SEXUAL_VIOLENCE, 0.3),
)
ABUSE = ((ST.VICTIM_TESTIMONY, None), (ST.WITNESS_TESTIMONY, None), (ST.MEDICAL_REPORT, None))
REPORTS = ((ST.NGO_REPORT, None), (ST.UN_DOCUMENT, None))
SOURCES: dict[ActType, tuple[tuple[Pref, ...], str]] = {
    AT.TORTURE: ((*ABUSE, *REPORTS), "abuse"),
    AT.ILL_TREATMENT: ((*ABUSE, *REPORTS), "abuse"),
    AT.THREATS: ((*ABUSE, *REPORTS), "abuse"),
    AT.SEXUAL_VIOLENCE: ((*ABUSE, (ST.UN_DOCUMENT, None)), "abuse"),
    AT.INHUMAN_CONDITIONS: ((*ABUSE, *REPORTS), "abuse"),
    AT.DENIAL_OF_MEDICAL_CARE: ((*ABUSE, *REPORTS), "abuse"),
    AT.HUMILIATION: (
        (
            (ST.VIDEO, "capture"),
            (ST.SOCIAL_MEDIA_POST, None),
            (ST.VICTIM_TESTIMONY, None),
            *REPORTS,
        ),
        "abuse",
    ),
    AT.FORCED_CONFESSION: (
        (
            (ST.VIDEO, "court"),
            (ST.VICTIM_TESTIMONY, None),
            (ST.LAWYER_STATEMENT, None),
            (ST.COURT_DOCUMENT, None),
        ),
        "trial",
    ),
    AT.ENFORCED_DISAPPEARANCE: (
        (
            (ST.VIDEO, "capture"),
            (ST.RELATIVE_TESTIMONY, None),
            (ST.ICRC_DOCUMENT, None),
            (ST.ECTHR_DOCUMENT, None),
            *REPORTS,
        ),
        "missing",
    ),
    AT.INCOMMUNICADO: (
        (
            (ST.RELATIVE_TESTIMONY, None),
            (ST.ICRC_DOCUMENT, None),
            (ST.CORRESPONDENCE, None),
            *REPORTS,
        ),
        "family",
    ),
    AT.DENIAL_OF_FAMILY_CONTACT: (
        ((ST.RELATIVE_TESTIMONY, None), (ST.CORRESPONDENCE, None), *REPORTS),
        "family",
    ),
    AT.DENIAL_OF_ICRC_ACCESS: (
        ((ST.ICRC_DOCUMENT, None), (ST.RELATIVE_TESTIMONY, None), *REPORTS),
        "icrc",
    ),
    AT.ARBITRARY_DETENTION: (
        ((ST.UN_DOCUMENT, None), (ST.NGO_REPORT, None), (ST.ECTHR_DOCUMENT, None)),
        "detention",
    ),
    AT.DELAYED_REPATRIATION: (
        ((ST.NGO_REPORT, None), (ST.OFFICIAL_STATEMENT, "home"), (ST.UN_DOCUMENT, None)),
        "detention",
    ),
    AT.EXTRAJUDICIAL_EXECUTION: (
        ((ST.VIDEO, "capture"), (ST.SOCIAL_MEDIA_POST, None), (ST.FORENSIC_REPORT, None), *REPORTS),
        "missing",
    ),
    AT.DEATH_IN_CUSTODY: (
        (
            (ST.FORENSIC_REPORT, None),
            (ST.OFFICIAL_STATEMENT, "detaining"),
            (ST.RELATIVE_TESTIMONY, None),
            *REPORTS,
        ),
        "detention",
    ),
    AT.DESECRATION_OF_REMAINS: (
        ((ST.FORENSIC_REPORT, None), (ST.SOCIAL_MEDIA_POST, None), (ST.NGO_REPORT, None)),
        "missing",
    ),
    AT.HERITAGE_DESTRUCTION: (
        ((ST.SATELLITE_IMAGE, None), (ST.PHOTO, None), (ST.NGO_REPORT, None)),
        "detention",
    ),
}
TRIAL_SOURCES = (
    (
        (ST.LAWYER_STATEMENT, None),
        (ST.COURT_DOCUMENT, None),
        (ST.MEDIA_REPORT, "independent"),
        (ST.NGO_REPORT, None),
    ),
    "trial",
)
LEGAL = {
    AT.TORTURE: "CAT arts. 1, 2; ICCPR art. 7; GCIII arts. 13, 17, 130",
    AT.ILL_TREATMENT: "CAT art. 16; ICCPR art. 7; GCIII art. 13",
    AT.FORCED_CONFESSION: "ICCPR art. 14(3)(g); CAT art. 15; GCIII art. 99",
    AT.ENFORCED_DISAPPEARANCE: "ICPPED art. 2; ICCPR arts. 6, 7, 9, 16",
    AT.EXTRAJUDICIAL_EXECUTION: "ICCPR art. 6; GCIII arts. 13, 130",
    AT.DEATH_IN_CUSTODY: "ICCPR art. 6; Minnesota Protocol para. 17",
    AT.DELAYED_REPATRIATION: "GCIII art. 118",
    AT.HERITAGE_DESTRUCTION: "1954 Hague Convention; ICJ provisional measures",
}
STRONG_GRADES = frozenset(
    {IstanbulGrade.HIGHLY_CONSISTENT, IstanbulGrade.TYPICAL, IstanbulGrade.DIAGNOSTIC}
)


def acts_for(batch: Batch, case: Case) -> list[ActType]:
    """The kinds of abuse alleged for ``case``."""
    plan = case.plan
    acts: list[ActType] = []
    if case.category is PC.MISSING:
        acts.append(AT.ENFORCED_DISAPPEARANCE)
        if batch.chance(0.3):
            acts.append(AT.INCOMMUNICADO)
        return acts
    if case.category is PC.DECEASED:
        acts.append(AT.EXTRAJUDICIAL_EXECUTION if plan.executed else AT.DEATH_IN_CUSTODY)
        if not plan.executed and batch.chance(0.3):
            acts.append(AT.TORTURE)
        if batch.chance(0.25):
            acts.append(AT.DESECRATION_OF_REMAINS)
        return acts
    for _ in range(2 if batch.chance(0.3) else 1):
        act = batch.weighted(CUSTODY_ACTS)
        if act not in acts:
            acts.append(act)
    if plan.tried and case.first_instance is not None:
        if batch.chance(0.6):
            acts.append(AT.FORCED_CONFESSION)
        if batch.chance(0.3):
            act = batch.pick(TRIAL_ACTS[1:])
            if act is not AT.DENIAL_OF_APPEAL or plan.trial_end:
                acts.append(act)
    soldier = case.person["military_rank"] is not None
    held_long = plan.end is None or plan.end > date(2021, 1, 10)
    if soldier and plan.era == 2020 and held_long and batch.chance(0.4):
        acts.append(AT.DELAYED_REPATRIATION)
    if not soldier and plan.capture_site == "site_shushi" and batch.chance(0.3):
        acts.append(AT.HERITAGE_DESTRUCTION)
    return acts


def fits(case: Case, act: ActType) -> bool:
    """Can ``act`` be alleged for ``case`` at all?"""
    if act in TRIAL_ACTS:
        return case.first_instance is not None and (
            act is not AT.DENIAL_OF_APPEAL or case.plan.trial_end is not None
        )
    if act in (AT.EXTRAJUDICIAL_EXECUTION, AT.DESECRATION_OF_REMAINS):
        return case.plan.executed
    if act is AT.DEATH_IN_CUSTODY:
        return case.category is PC.DECEASED and not case.plan.executed
    if act is AT.ENFORCED_DISAPPEARANCE:
        return case.category is PC.MISSING
    return case.category not in (PC.MISSING, PC.DECEASED) or act is AT.TORTURE


def _span(batch: Batch, case: Case, act: ActType) -> tuple[date, date | None, str | None]:
    """(start, end, place key) of the act, inside the detention where it belongs."""
    plan, rng = case.plan, batch.rng
    c = plan.day
    last = min(plan.end or HISTORY_END, HISTORY_END)
    facility = "sss_baku"
    if act in TRIAL_ACTS and plan.trial_start:
        court = "military_court" if case.person["military_rank"] else "grave_crimes_court"
        return plan.trial_start, plan.trial_end, court
    if act is AT.EXTRAJUDICIAL_EXECUTION:
        return plan.death or c, None, plan.capture_site
    if act is AT.DEATH_IN_CUSTODY:
        return plan.death or c, None, facility
    if act is AT.DESECRATION_OF_REMAINS:
        return (
            clamp((plan.death or c) + timedelta(days=rng.randint(1, 20))),
            None,
            plan.capture_site,
        )
    if act is AT.HERITAGE_DESTRUCTION:
        day = batch.day_between(date(2021, 3, 1), date(2022, 6, 30))
        return day, None, "cathedral"
    if act is AT.HUMILIATION:
        return c, None, plan.capture_site
    if act in (AT.ENFORCED_DISAPPEARANCE, AT.ARBITRARY_DETENTION):
        return c, plan.end, None
    if act is AT.DELAYED_REPATRIATION:
        return date(2020, 12, 10), plan.end, None
    if act in (AT.INCOMMUNICADO, AT.DENIAL_OF_FAMILY_CONTACT, AT.DENIAL_OF_ICRC_ACCESS):
        return c, min(c + timedelta(days=rng.randint(20, 90)), last), facility
    start = min(c + timedelta(days=rng.randint(0, 30)), last)
    return start, min(start + timedelta(days=rng.randint(0, 20)), last), facility


def _involvements(
    batch: Batch, cluster: Cluster, case: Case, allegation: Row, act: ActType
) -> None:
    state_acts = (
        AT.DELAYED_REPATRIATION,
        AT.DENIAL_OF_ICRC_ACCESS,
        AT.ARBITRARY_DETENTION,
        AT.ENFORCED_DISAPPEARANCE,
        AT.HERITAGE_DESTRUCTION,
        *TRIAL_ACTS,
    )
    perpetrator = cluster.first(PC.PERPETRATOR)
    if act in state_acts:
        unit, degree = (
            "Authorities of the detaining state (state responsibility)",
            InvolvementDegree.ORDERED,
        )
    else:
        unit = PERPETRATOR_UNITS[0] if act is AT.HUMILIATION else batch.pick(PERPETRATOR_UNITS)
        degree = batch.weighted(
            (
                (InvolvementDegree.CARRIED_OUT, 12),
                (InvolvementDegree.ORDERED, 3),
                (InvolvementDegree.PRESENT, 3),
                (InvolvementDegree.FAILED_TO_PREVENT, 2),
            )
        )
    named = perpetrator is not None and act not in state_acts and batch.chance(0.25)
    batch.add(
        "involvement",
        confidentiality=allegation["confidentiality"],
        allegation_id=allegation["id"],
        perpetrator_id=perpetrator.person["id"] if named and perpetrator else None,
        perpetrator_unit=unit,
        degree=degree,
        note="Identified from the victim's description (demo)." if named else None,
    )
    if act not in state_acts and batch.chance(0.1):
        batch.add(
            "involvement",
            confidentiality=allegation["confidentiality"],
            allegation_id=allegation["id"],
            perpetrator_unit="Administration of the detention facility (unidentified)",
            degree=InvolvementDegree.FAILED_TO_PREVENT,
        )


def _medical(
    batch: Batch, cluster: Cluster, case: Case, budget: FileBudget, allegation: Row, force: bool
) -> IstanbulGrade | None:
    plan = case.plan
    freed = plan.end is not None and plan.end_reason is not EpisodeEndReason.DIED
    if not freed or plan.end is None or not (force or batch.chance(0.6)):
        return None
    examined = clamp(plan.end + timedelta(days=batch.rng.randint(3, 60)))
    report = add_report(batch, cluster, case, budget, ST.MEDICAL_REPORT, examined)
    grade: IstanbulGrade | None = batch.weighted(
        (
            (IstanbulGrade.CONSISTENT, 8),
            (IstanbulGrade.HIGHLY_CONSISTENT, 7),
            (IstanbulGrade.TYPICAL, 3),
            (IstanbulGrade.DIAGNOSTIC, 1),
            (IstanbulGrade.NOT_CONSISTENT, 1),
            (None, 1),
        )
    )
    row = batch.add_claim(
        "medical_evaluation",
        ClaimKind.MEDICAL_EVALUATION,
        confidentiality=case.person["confidentiality"],
        person_id=case.person["id"],
        allegation_id=allegation["id"],
        examined_on=examined,
        examiner=f"Demo forensic physician M-{report.id} (invented)",
        examiner_qualification="Forensic medical expert trained in the Istanbul Protocol",
        physical_findings="Healed fractures of two ribs; linear scars on the back (demo).",
        psychological_findings="Symptoms consistent with post-traumatic stress (demo).",
        istanbul_grade=grade,
        conclusions=f"Findings {grade.label.lower() if grade else 'not graded'} "
        "with the account given (demo).",
    )
    cite(batch, row, report, theme="abuse")
    return grade


def add_allegation(
    batch: Batch,
    cluster: Cluster,
    case: Case,
    budget: FileBudget,
    act: ActType,
    force: bool = False,
) -> Row:
    start, end, place = _span(batch, case, act)
    day, precision, reported = fuzzy(batch, start, exact=0.7)
    trial = act in TRIAL_ACTS
    response = batch.weighted(
        (
            (StateResponse.NONE, 11),
            (StateResponse.DENIED, 6),
            (StateResponse.INVESTIGATION_OPENED, 2 if act is AT.EXTRAJUDICIAL_EXECUTION else 0.5),
            (StateResponse.ACKNOWLEDGED, 0.5),
        )
    )
    allegation = batch.add_claim(
        "allegation",
        ClaimKind.ALLEGATION,
        confidentiality=case.person["confidentiality"],
        victim_id=case.person["id"],
        act_type=act,
        start_date=day,
        start_precision=precision,
        start_as_reported=reported,
        end_date=end if end is None or day is None or end >= day else day,
        place_id=batch.places[place] if place else None,
        episode_id=case.episode["id"]
        if case.episode and act is not AT.HERITAGE_DESTRUCTION
        else None,
        proceeding_id=case.first_instance["id"] if trial and case.first_instance else None,
        description=f"{act.label} alleged by or on behalf of the victim (demo narrative).",
        methods=", ".join(batch.rng.sample(TORTURE_METHODS, 2))
        if act in (AT.TORTURE, AT.ILL_TREATMENT)
        else None,
        status=AllegationStatus.ALLEGED,
        state_response=response,
        state_response_note={
            StateResponse.DENIED: "The detaining state called the allegation fabricated (demo).",
            StateResponse.INVESTIGATION_OPENED: "A criminal investigation was announced (demo).",
            StateResponse.ACKNOWLEDGED: "The authorities acknowledged the facts (demo).",
        }.get(response),
        legal_references=LEGAL.get(act),
    )
    case.allegations.append(allegation)
    _involvements(batch, cluster, case, allegation, act)
    grade = None
    if act in (AT.TORTURE, AT.ILL_TREATMENT, AT.SEXUAL_VIOLENCE):
        grade = _medical(batch, cluster, case, budget, allegation, force)
    prefs, theme = TRIAL_SOURCES if trial and act is not AT.FORCED_CONFESSION else SOURCES[act]
    cited = cite_claim(batch, cluster, case, allegation, prefs, theme)
    allegation["status"] = _status(batch, cluster, case, allegation, cited, grade)
    return allegation


def _status(
    batch: Batch,
    cluster: Cluster,
    case: Case,
    allegation: Row,
    cited: list[Src],
    grade: IstanbulGrade | None,
) -> AllegationStatus:
    origins = {src.root for src in cited}
    neutral = any(src.affiliation not in INTERESTED_AFFILIATIONS for src in cited)
    if len(origins) < 2 or not neutral:
        return AllegationStatus.ALLEGED
    witness = find_sources(case, cluster, ((ST.WITNESS_TESTIMONY, None),))
    odds = 0.25 if cluster.showcase else 0.06
    if witness and all(src is not witness[0] for src in cited) and batch.chance(odds):
        cite(batch, allegation, witness[0], theme="abuse", stance=Stance.CONTRADICTS, credibility=3)
        return AllegationStatus.DISPUTED
    court_record = any(src.type is ST.COURT_DOCUMENT for src in cited)
    if (grade in STRONG_GRADES) or court_record:
        return AllegationStatus.VERIFIED
    return AllegationStatus.CORROBORATED


def prepare_death(batch: Batch, cluster: Cluster, case: Case, budget: FileBudget) -> None:
    """Whether the remains came back (and the forensic report then made), decided before
    the custody events so those can cite the report."""
    plan = case.plan
    if case.category is not PC.DECEASED or plan.death is None or not batch.chance(0.6):
        return
    returned_on = clamp(plan.death + timedelta(days=batch.rng.randint(20, 400)))
    case.remains_returned_on = returned_on
    add_report(batch, cluster, case, budget, ST.FORENSIC_REPORT, returned_on + timedelta(days=7))


def add_death_record(batch: Batch, cluster: Cluster, case: Case) -> None:
    plan = case.plan
    if case.category is not PC.DECEASED or plan.death is None:
        return
    returned_on = case.remains_returned_on
    returned = (
        TriState.YES if returned_on else batch.weighted(((TriState.NO, 1), (TriState.UNKNOWN, 1)))
    )
    day, precision, reported = fuzzy(batch, plan.death, exact=0.7)
    row = batch.add_claim(
        "death_record",
        ClaimKind.DEATH_RECORD,
        confidentiality=case.person["confidentiality"],
        person_id=case.person["id"],
        death_date=day,
        death_precision=precision,
        death_as_reported=reported,
        place_id=batch.places[plan.capture_site if plan.executed else "sss_baku"],
        in_custody=TriState.YES if not plan.executed or batch.chance(0.7) else TriState.UNKNOWN,
        cause="Gunshot wounds to the head (demo)"
        if plan.executed
        else "Blunt force trauma; the detaining state reported heart failure (demo)",
        manner=DeathManner.HOMICIDE
        if plan.executed
        else batch.weighted(
            ((DeathManner.UNDETERMINED, 3), (DeathManner.HOMICIDE, 2), (DeathManner.NATURAL, 1))
        ),
        autopsy=TriState.YES if returned_on else TriState.UNKNOWN,
        autopsy_by="Forensic medicine centre (invented report)" if returned_on else None,
        remains_returned=returned,
        remains_returned_date=returned_on,
        notes="DEMO DATA: invented death record.",
    )
    cite_claim(
        batch,
        cluster,
        case,
        row,
        ((ST.FORENSIC_REPORT, None), (ST.OFFICIAL_STATEMENT, "detaining"), (ST.NGO_REPORT, None)),
        "missing",
    )
