"""Demo proceedings in Baku courts: investigation, first instance, appeal and cassation,
with charges, monitored hearings, the G01-G15 fair-trial matrix and sentences."""

from __future__ import annotations

from datetime import date, timedelta

from casebook.demo.build import HISTORY_END, Batch, Row
from casebook.demo.detention import cite_claim
from casebook.demo.library import Pref
from casebook.demo.people import Case, Cluster
from casebook.demo.pools import (
    CHARGES,
    CIVILIAN_CHARGES,
    CORE_GUARANTEES,
    LEADER_CHARGES,
    POW_CHARGES,
    RATIONALES,
    STATUTE,
)
from casebook.vocab import (
    ChargeOutcome,
    ClaimKind,
    CounselType,
    DatePrecision,
    Finding,
    Guarantee,
    MonitoringMode,
    PersonCategory,
    ProceedingInstance,
    PublicAccess,
    Restraint,
    SentenceType,
    SourceType,
    TriState,
)

ST = SourceType
PI = ProceedingInstance
PROCEEDING_SOURCES: tuple[Pref, ...] = (
    (ST.COURT_DOCUMENT, None),
    (ST.MEDIA_REPORT, "independent"),
    (ST.MEDIA_REPORT, "state"),
    (ST.LAWYER_STATEMENT, None),
)
HEARING_SOURCES: dict[MonitoringMode, tuple[Pref, ...]] = {
    MonitoringMode.MEDIA: ((ST.VIDEO, "court"), (ST.MEDIA_REPORT, "independent"), (ST.PHOTO, None)),
    MonitoringMode.COURT_RECORD: ((ST.COURT_DOCUMENT, None),),
    MonitoringMode.LAWYER: ((ST.LAWYER_STATEMENT, None), (ST.MEDIA_REPORT, "independent")),
    MonitoringMode.DIRECT: ((ST.NGO_REPORT, None),),
}
MONITORS = {
    MonitoringMode.MEDIA: "Demo monitoring desk, from state television footage",
    MonitoringMode.COURT_RECORD: "Demo analyst, from the court record",
    MonitoringMode.LAWYER: "Defence counsel's account (invented)",
    MonitoringMode.DIRECT: "Demo diplomatic observer (invented)",
}
FTA_SOURCES: tuple[Pref, ...] = (
    (ST.COURT_DOCUMENT, None),
    (ST.LAWYER_STATEMENT, None),
    (ST.NGO_REPORT, None),
    (ST.UN_DOCUMENT, None),
)
COURT_NAMES = {
    "military_court": "Baku Military Court",
    "grave_crimes_court": "Baku Grave Crimes Court",
    "appeal_court": "Baku Court of Appeal",
    "supreme_court": "Supreme Court of Azerbaijan",
}


def _proceeding(
    batch: Batch,
    cluster: Cluster,
    case: Case,
    instance: ProceedingInstance,
    court: str | None,
    start: date,
    end: date | None,
    parent: Row | None,
    verdict: str | None,
) -> Row:
    rng = batch.rng
    judge = cluster.first(PersonCategory.JUDGE)
    counsel = batch.weighted(
        (
            (CounselType.APPOINTED, 14),
            (CounselType.NONE, 2),
            (CounselType.CHOSEN, 3),
            (CounselType.UNKNOWN, 1),
        )
    )
    if counsel is CounselType.CHOSEN and case.lawyer is None:
        counsel = CounselType.APPOINTED
    counsel_name = {
        CounselType.APPOINTED: "State-appointed lawyer (name not recorded in the demo)",
        CounselType.CHOSEN: f"{case.lawyer.latn} (invented)" if case.lawyer else None,
    }.get(counsel)
    number = f"{rng.randint(100, 999)}/{start.year}"
    prefix = {PI.INVESTIGATION: "criminal case No. ", PI.FIRST_INSTANCE: "1(101)-"}.get(
        instance, "2(102)-"
    )
    row = batch.add_claim(
        "proceeding",
        ClaimKind.PROCEEDING,
        confidentiality=case.person["confidentiality"],
        person_id=case.person["id"],
        episode_id=case.episode["id"] if case.episode else None,
        parent_id=parent["id"] if parent else None,
        instance=instance,
        court_id=batch.places[court] if court else None,
        case_number=f"DEMO {prefix}{number}",
        start_date=start,
        start_precision=DatePrecision.DAY,
        start_as_reported=start.strftime("%d.%m.%Y"),
        end_date=end,
        judges=(
            f"Presiding judge J-{judge.person['id']} (invented) and two associate judges"
            if judge and court
            else "Panel of three judges (names not recorded in the demo)"
            if court
            else None
        ),
        prosecutor="Military Prosecutor's Office (demo)",
        counsel_type=counsel,
        counsel_name=counsel_name,
        trial_language="az",
        interpreter=batch.weighted(((TriState.YES, 6), (TriState.NO, 3), (TriState.UNKNOWN, 1))),
        public_access=batch.weighted(
            (
                (PublicAccess.CLOSED, 4),
                (PublicAccess.PARTIAL, 4),
                (PublicAccess.OPEN, 1),
                (PublicAccess.UNKNOWN, 1),
            )
        ),
        icrc_notified=batch.weighted(((TriState.NO, 1), (TriState.UNKNOWN, 1))),
        protecting_power_notified=batch.weighted(((TriState.NO, 3), (TriState.UNKNOWN, 2))),
        verdict_summary=verdict,
        summary=f"DEMO: {instance.label.lower()} concerning an invented person.",
    )
    case.proceedings.append(row)
    prefs = PROCEEDING_SOURCES if instance is not PI.INVESTIGATION else ((ST.NGO_REPORT, None),)
    cite_claim(batch, cluster, case, row, prefs, "trial")
    return row


def _hearings(batch: Batch, cluster: Cluster, case: Case, proceeding: Row, count: int) -> None:
    start: date = proceeding["start_date"]
    end: date = proceeding["end_date"] or min(start + timedelta(days=150), HISTORY_END)
    days = sorted({start, *(batch.day_between(start, end) for _ in range(count - 1))})
    interpreter = proceeding["interpreter"]
    for number, day in enumerate(days):
        mode = batch.weighted(
            (
                (MonitoringMode.MEDIA, 5),
                (MonitoringMode.COURT_RECORD, 2),
                (MonitoringMode.LAWYER, 2),
                (MonitoringMode.DIRECT, 1),
            )
        )
        saw = mode in (MonitoringMode.MEDIA, MonitoringMode.DIRECT)
        restraint = batch.weighted(
            (
                (Restraint.GLASS_BOX, 5),
                (Restraint.CAGE, 2),
                (Restraint.HANDCUFFS, 1),
                (Restraint.NONE, 1),
                (Restraint.UNKNOWN, 1),
            )
        )
        row = batch.add_claim(
            "hearing",
            ClaimKind.HEARING,
            confidentiality=case.person["confidentiality"],
            proceeding_id=proceeding["id"],
            hearing_date=day,
            monitored_by=MONITORS[mode],
            monitoring_mode=mode,
            public_admitted=TriState.NO if batch.chance(0.7) else TriState.YES,
            defendant_present=TriState.YES,
            counsel_present=TriState.YES if batch.chance(0.8) else TriState.NO,
            interpreter_present=interpreter,
            restraints=restraint,
            observed=f"Defendant held in restraints ({restraint.label.lower()}); "
            "read a prepared statement (demo observation)."
            if saw
            else None,
            reported=None
            if saw
            else "Counsel said he met the defendant only once before the hearing (demo).",
            irregularities="Foreign observers refused entry (demo)." if batch.chance(0.3) else None,
            next_date=days[number + 1] if number + 1 < len(days) else None,
        )
        case.hearings.append(row)
        cite_claim(batch, cluster, case, row, HEARING_SOURCES[mode], "trial")


def _finding(
    batch: Batch,
    code: str,
    *,
    soldier: bool,
    pre_capture: bool,
    appealed: bool,
    interpreter: TriState,
) -> tuple[Finding, str]:
    key, rationale = RATIONALES[code]
    finding = Finding.of(key)
    if code == "G15" and not soldier:
        return (
            Finding.NOT_APPLICABLE,
            "The defendant is a civilian; combatant immunity does not apply (demo rationale).",
        )
    if code == "G13" and not pre_capture:
        return (
            Finding.RESPECTED,
            "The charges concern conduct at the time of capture (demo rationale).",
        )
    if code == "G11" and not appealed:
        return Finding.NO_INFORMATION, "No appeal recorded yet (demo rationale)."
    if code == "G09" and interpreter is TriState.NO:
        return Finding.VIOLATED, "No interpreter was provided at the hearings (demo rationale)."
    if finding is Finding.VIOLATED and batch.chance(0.15):
        finding = Finding.PARTLY
    return finding, rationale


def add_trial(batch: Batch, cluster: Cluster, case: Case) -> None:
    """Proceedings for a detainee whose plan says they were tried."""
    plan, full, rng = case.plan, cluster.showcase, batch.rng
    if not plan.tried or plan.trial_start is None:
        return
    soldier = case.person["military_rank"] is not None
    pool = LEADER_CHARGES if plan.leader else POW_CHARGES if soldier else CIVILIAN_CHARGES
    picked = rng.sample(pool, 3 if full else rng.randint(1, 2))
    charges = [CHARGES[i] for i in picked]
    pre_capture = any(c[3] is TriState.YES for c in charges)
    last = min(plan.end or HISTORY_END, HISTORY_END)
    outcomes = [ChargeOutcome.PENDING] * len(charges)
    if plan.trial_end:
        outcomes = [ChargeOutcome.CONVICTED] + [
            batch.weighted(
                (
                    (ChargeOutcome.CONVICTED, 15),
                    (ChargeOutcome.DROPPED, 3),
                    (ChargeOutcome.ACQUITTED, 2),
                )
            )
            for _charge in charges[1:]
        ]
    sentence: tuple[SentenceType, int | None] | None = None
    verdict = None
    if plan.trial_end:
        life = plan.leader and batch.chance(0.5)
        term = None if life else batch.pick((72, 96, 120, 144, 180, 240))
        sentence = (SentenceType.LIFE if life else SentenceType.IMPRISONMENT, term)
        convicted = zip(charges, outcomes, strict=True)
        articles = ", ".join(c[0] for c, outcome in convicted if outcome is ChargeOutcome.CONVICTED)
        penalty = "life imprisonment" if life else f"{(term or 0) // 12} years of imprisonment"
        verdict = f"Convicted under arts. {articles}; {penalty} (demo)."
    parent = None
    investigated = any(
        p["instance"] is PI.INVESTIGATION for c in cluster.cases for p in c.proceedings
    )
    if (full and not investigated) or batch.chance(0.1):
        opened = plan.day + timedelta(days=rng.randint(3, 10))
        handed = max(opened, plan.trial_start - timedelta(days=rng.randint(5, 20)))
        parent = _proceeding(
            batch, cluster, case, PI.INVESTIGATION, None, opened, handed, None, None
        )
    court = "military_court" if soldier else "grave_crimes_court"
    first = _proceeding(
        batch,
        cluster,
        case,
        PI.FIRST_INSTANCE,
        court,
        plan.trial_start,
        plan.trial_end,
        parent,
        verdict,
    )
    case.first_instance = first
    for (article, text_az, text_en, before), outcome in zip(charges, outcomes, strict=True):
        batch.add(
            "charge",
            confidentiality=case.person["confidentiality"],
            proceeding_id=first["id"],
            statute=STATUTE,
            article=article,
            text_as_charged=text_az,
            text_en=text_en,
            outcome=outcome,
            concerns_pre_capture_conduct=before,
        )
    _hearings(batch, cluster, case, first, 3 if full else rng.randint(1, 2))
    appeal = None
    if plan.trial_end and (full or batch.chance(0.5)):
        opened = plan.trial_end + timedelta(days=rng.randint(15, 45))
        if opened <= last:
            due = opened + timedelta(days=rng.randint(25, 90))
            closed = due if due <= last else None
            appeal = _proceeding(
                batch, cluster, case, PI.APPEAL, "appeal_court", opened, closed, first,
                "Appeal dismissed; judgment upheld (demo)." if closed else None,
            )  # fmt: skip
            _hearings(batch, cluster, case, appeal, 1)
    if appeal and appeal["end_date"] and (full or batch.chance(0.25)):
        lodged: date = appeal["end_date"] + timedelta(days=rng.randint(20, 60))
        if lodged <= last:
            due = lodged + timedelta(days=rng.randint(20, 60))
            closed = due if due <= last else None
            _proceeding(
                batch, cluster, case, PI.CASSATION, "supreme_court", lodged, closed, appeal,
                "Cassation appeal rejected (demo)." if closed else None,
            )  # fmt: skip
    codes = [g.value for g in Guarantee] if full else list(CORE_GUARANTEES)
    for code in codes:
        finding, rationale = _finding(
            batch, code, soldier=soldier, pre_capture=pre_capture,
            appealed=appeal is not None, interpreter=first["interpreter"],
        )  # fmt: skip
        row = batch.add_claim(
            "fair_trial_assessment",
            ClaimKind.FAIR_TRIAL_ASSESSMENT,
            confidentiality=case.person["confidentiality"],
            proceeding_id=first["id"],
            guarantee=Guarantee.of(code),
            finding=finding,
            rationale=rationale,
        )
        cite_claim(batch, cluster, case, row, FTA_SOURCES, "trial", count=None if full else 1)
    if sentence and plan.trial_end:
        kind, term = sentence
        released = plan.end
        row = batch.add_claim(
            "sentence",
            ClaimKind.SENTENCE,
            confidentiality=case.person["confidentiality"],
            proceeding_id=first["id"],
            sentence_type=kind,
            term_months=term,
            start_date=plan.trial_end,
            facility_id=batch.places["prison"],
            appeal=f"Upheld on appeal on {appeal['end_date']:%d %B %Y} (demo)."
            if appeal and appeal["end_date"]
            else None,
            pardon_or_release="Released in an exchange and repatriated (demo)."
            if released
            else None,
            release_date=released,
        )
        cite_claim(
            batch,
            cluster,
            case,
            row,
            ((ST.COURT_DOCUMENT, None), (ST.MEDIA_REPORT, "state")),
            "trial",
        )
