"""Demo detention episodes and custody events, each cited to fitting sources."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from casebook.demo.build import HISTORY_END, Batch, Row, fuzzy
from casebook.demo.evidence import Src, cite
from casebook.demo.library import Pref, find_sources
from casebook.demo.people import Case, Cluster
from casebook.demo.pools import CAPTURING_FORCES_2020, CAPTURING_FORCES_2023, CUSTODIANS
from casebook.vocab import (
    Acknowledgment,
    AssertedStatus,
    ClaimKind,
    CustodyEventType,
    EpisodeEndReason,
    PersonCategory,
    SourceType,
)

ST = SourceType
CE = CustodyEventType
EVENT_SOURCES: dict[CustodyEventType, tuple[tuple[Pref, ...], str]] = {
    CE.TRANSFER: (
        ((ST.VICTIM_TESTIMONY, None), (ST.WITNESS_TESTIMONY, None), (ST.MEDIA_REPORT, "state")),
        "detention",
    ),
    CE.INTERROGATION: (
        ((ST.VICTIM_TESTIMONY, None), (ST.WITNESS_TESTIMONY, None), (ST.VIDEO, "capture")),
        "abuse",
    ),
    CE.INCOMMUNICADO: (
        ((ST.RELATIVE_TESTIMONY, None), (ST.NGO_REPORT, None), (ST.UN_DOCUMENT, None)),
        "family",
    ),
    CE.ICRC_VISIT: (((ST.ICRC_DOCUMENT, None), (ST.VICTIM_TESTIMONY, None)), "icrc"),
    CE.CAPTURE_CARD: (((ST.ICRC_DOCUMENT, None), (ST.RELATIVE_TESTIMONY, None)), "icrc"),
    CE.FAMILY_CONTACT: (
        ((ST.CORRESPONDENCE, None), (ST.RELATIVE_TESTIMONY, None), (ST.ICRC_DOCUMENT, None)),
        "family",
    ),
    CE.HOSPITAL_ADMISSION: (((ST.VICTIM_TESTIMONY, None), (ST.WITNESS_TESTIMONY, None)), "abuse"),
    CE.COUNSEL_VISIT: (((ST.LAWYER_STATEMENT, None), (ST.COURT_DOCUMENT, None)), "trial"),
    CE.RELEASE: (
        ((ST.OFFICIAL_STATEMENT, "home"), (ST.MEDIA_REPORT, "independent")),
        "detention",
    ),
    CE.REPATRIATION: (
        (
            (ST.OFFICIAL_STATEMENT, "home"),
            (ST.MEDIA_REPORT, "independent"),
            (ST.ICRC_DOCUMENT, None),
        ),
        "detention",
    ),
    CE.DEATH: (
        ((ST.FORENSIC_REPORT, None), (ST.OFFICIAL_STATEMENT, "detaining"), (ST.NGO_REPORT, None)),
        "missing",
    ),
}
DESCRIPTIONS = {
    CE.TRANSFER: "Transferred under guard; blindfolded during the transfer (as reported, demo).",
    CE.INTERROGATION: "Questioned for several hours without a lawyer (as reported, demo).",
    CE.INCOMMUNICADO: "Held without any contact with family, lawyer or ICRC (demo).",
    CE.ICRC_VISIT: "ICRC delegates visited and registered the detainee (demo).",
    CE.CAPTURE_CARD: "Capture card filled in and sent through the ICRC (demo).",
    CE.FAMILY_CONTACT: "Short telephone call with the family arranged by the ICRC (demo).",
    CE.HOSPITAL_ADMISSION: "Taken to hospital with injuries sustained in custody (demo).",
    CE.COUNSEL_VISIT: "First meeting with state-appointed counsel, with guards present (demo).",
    CE.RELEASE: "Released and handed over at the border (demo).",
    CE.REPATRIATION: "Repatriated through the ICRC as a neutral intermediary (demo).",
    CE.DEATH: "Died in custody according to the detaining state's notification (demo).",
}


def cite_claim(
    batch: Batch,
    cluster: Cluster,
    case: Case,
    claim: Row,
    prefs: Sequence[Pref],
    theme: str,
    count: int | None = None,
) -> list[Src]:
    """Cite one to three of the preferred sources available for ``claim``."""
    available = find_sources(case, cluster, prefs) or find_sources(
        case, cluster, ((ST.NGO_REPORT, None),)
    )
    if len(available) > 1 and batch.chance(0.3):
        available = available[1:] + available[:1]
    if count is None:
        count = batch.weighted(((1, 1), (2, 1)) if cluster.showcase else ((1, 8), (2, 2)))
    chosen = available[:count]
    for src in chosen:
        cite(batch, claim, src, theme=theme)
    return chosen


def _statuses(batch: Batch, case: Case) -> tuple[AssertedStatus, AssertedStatus]:
    soldier = case.person["military_rank"] is not None
    home = AssertedStatus.POW if soldier else AssertedStatus.CIVILIAN
    if case.category is PersonCategory.MISSING:
        return AssertedStatus.UNKNOWN, home
    if case.plan.tried:
        detaining = (
            AssertedStatus.TERRORIST if batch.chance(0.5) else AssertedStatus.CRIMINAL_SUSPECT
        )
    elif soldier:
        detaining = batch.weighted(
            ((AssertedStatus.POW, 6), (AssertedStatus.TERRORIST, 2), (AssertedStatus.UNKNOWN, 2))
        )
    else:
        detaining = batch.weighted(
            (
                (AssertedStatus.CIVILIAN, 4),
                (AssertedStatus.CRIMINAL_SUSPECT, 3),
                (AssertedStatus.UNKNOWN, 3),
            )
        )
    return detaining, home


def _circumstances(case: Case) -> str:
    plan = case.plan
    site = plan.capture_site.removeprefix("site_").replace("_", " ").title()
    if case.category is PersonCategory.MISSING:
        return (
            "Last seen in a video of the capture; the detaining state says it cannot "
            "identify the person (demo narrative)."
        )
    if plan.executed:
        return "Captured alive according to a video; later reported killed (demo narrative)."
    if plan.era == 2023:
        if plan.capture_site == "hakari":
            return (
                "Detained at the Hakari bridge checkpoint while leaving with the displaced "
                "population (demo narrative)."
            )
        return f"Detained near {site} during the September 2023 offensive (demo narrative)."
    if case.person["military_rank"] is not None:
        if plan.capture.month == 12:
            return (
                f"Captured at a position near {site} after the ceasefire of 10 November 2020 "
                "(demo narrative)."
            )
        return f"Cut off with the unit near {site}; captured unarmed (demo narrative)."
    return (
        f"Stayed in {site} to look after the family home; taken from the house by "
        "soldiers (demo narrative)."
    )


def add_episode(batch: Batch, cluster: Cluster, case: Case) -> Row:
    plan = case.plan
    detaining, home = _statuses(batch, case)
    end, end_precision, end_reported = fuzzy(batch, plan.end, exact=1.0)
    forces = CAPTURING_FORCES_2023 if plan.era == 2023 else CAPTURING_FORCES_2020
    episode = batch.add_claim(
        "detention_episode",
        ClaimKind.DETENTION_EPISODE,
        confidentiality=case.person["confidentiality"],
        person_id=case.person["id"],
        capture_date=plan.capture,
        capture_precision=plan.capture_precision,
        capture_as_reported=plan.capture_reported,
        capture_place_id=batch.places[plan.capture_site],
        capturing_force=batch.pick(forces),
        circumstances=_circumstances(case),
        warrant="No warrant shown at the time of arrest (as reported, demo)."
        if plan.tried
        else None,
        legal_basis="Criminal Code of Azerbaijan (as cited by the prosecution, demo)."
        if plan.tried
        else None,
        acknowledgment=plan.ack,
        acknowledged_date=plan.ack_date,
        detaining_state_status=detaining,
        home_state_status=home,
        end_date=end,
        end_precision=end_precision,
        end_as_reported=end_reported,
        end_reason=plan.end_reason,
    )
    case.episode = episode
    prefs: list[Pref] = [(ST.NGO_REPORT, None), (ST.RELATIVE_TESTIMONY, None)]
    if case.ecthr:
        prefs.insert(0, (ST.ECTHR_DOCUMENT, None))
    if plan.ack is Acknowledgment.ACKNOWLEDGED:
        prefs.append((ST.OFFICIAL_STATEMENT, "detaining"))
    if case.category is PersonCategory.MISSING or plan.executed:
        prefs.insert(0, (ST.VIDEO, "capture"))
    cite_claim(batch, cluster, case, episode, prefs, "detention")
    return episode


def add_events(batch: Batch, cluster: Cluster, case: Case) -> None:
    """The custody events of the episode, in date order, never outside it."""
    plan, full, rng = case.plan, cluster.showcase, batch.rng
    episode = case.episode
    assert episode is not None
    start = plan.day
    last = min(plan.end or HISTORY_END, HISTORY_END)
    planned: list[tuple[CustodyEventType, date, date | None, str | None, str | None]] = []

    def event(
        kind: CustodyEventType,
        day: date,
        end: date | None = None,
        origin: str | None = None,
        to: str | None = None,
    ) -> None:
        if start <= day <= last:
            planned.append((kind, day, min(end, last) if end else None, origin, to))

    def days(low: int, high: int) -> timedelta:
        return timedelta(days=rng.randint(low, high))

    if plan.executed:
        event(CE.DEATH, plan.death or start, to=plan.capture_site)
    elif case.category is PersonCategory.MISSING:
        event(CE.TRANSFER, start + days(0, 2), origin=plan.capture_site, to="sss_baku")
        if full or batch.chance(0.2):
            event(CE.INTERROGATION, start + days(1, 4), to="sss_baku")
    else:
        # Where the person was held, and from when: the transfers come first.
        first = "sss_baku" if batch.chance(0.7) else "military_police"
        moves = [(start + days(0, 2), plan.capture_site, first)]
        if plan.tried and plan.trial_start:
            moved = min(start + days(20, 60), plan.trial_start - timedelta(days=20))
            moves.append((max(moved, moves[0][0]), first, "pretrial_1"))
            if plan.trial_end and (full or batch.chance(0.5)):
                moves.append((plan.trial_end + days(10, 40), "pretrial_1", "prison"))
        moves = [move for move in moves if move[0] <= last]
        for moved_on, left, reached in moves:
            event(CE.TRANSFER, moved_on, origin=left, to=reached)

        def at(day: date) -> str:
            held = [reached for moved_on, _left, reached in moves if moved_on <= day]
            return held[-1] if held else first

        if full or batch.chance(0.15):
            day = start + days(1, 5)
            event(CE.INTERROGATION, day, to=at(day))
        if full or batch.chance(0.1):
            day = start + days(0, 1)
            event(CE.INCOMMUNICADO, day, start + days(15, 60), to=at(day))
        visited = plan.ack is Acknowledgment.ACKNOWLEDGED and plan.ack_date is not None
        if visited and plan.ack_date and (full or batch.chance(0.3)):
            day = plan.ack_date + days(3, 30)
            event(CE.ICRC_VISIT, day, to=at(day))
        if full or batch.chance(0.08):
            day = start + days(8, 40)
            event(CE.CAPTURE_CARD, day, to=at(day))
        if full or batch.chance(0.08):
            day = start + days(30, 120)
            event(CE.FAMILY_CONTACT, day, to=at(day))
        if full or batch.chance(0.05):
            day = start + days(5, 60)
            event(CE.HOSPITAL_ADMISSION, day, day + days(3, 20), at(day), "hospital")
        if plan.tried and plan.trial_start and (full or batch.chance(0.3)):
            day = plan.trial_start - days(3, 15)
            event(CE.COUNSEL_VISIT, day, to=at(day))
        if plan.end is not None:
            where = at(plan.end)
            if plan.end_reason is EpisodeEndReason.DIED:
                event(CE.DEATH, plan.end, to=where)
            elif plan.end_reason is EpisodeEndReason.RELEASED:
                event(CE.RELEASE, plan.end, origin=where, to="border_crossing")
            else:
                event(CE.REPATRIATION, plan.end, origin=where, to="border_crossing")
    planned.sort(key=lambda item: item[1])
    for kind, when, end, origin, to in planned:
        day_, precision, reported = fuzzy(batch, when, exact=0.85)
        row = batch.add_claim(
            "custody_event",
            ClaimKind.CUSTODY_EVENT,
            confidentiality=case.person["confidentiality"],
            episode_id=episode["id"],
            event_type=kind,
            start_date=day_,
            start_precision=precision,
            start_as_reported=reported,
            end_date=end,
            from_place_id=batch.places[origin] if origin else None,
            to_place_id=batch.places[to] if to else None,
            custodian=CUSTODIANS.get(to or "", None) if kind is not CE.REPATRIATION else None,
            description=DESCRIPTIONS[kind],
        )
        case.events.append(row)
        prefs, theme = EVENT_SOURCES[kind]
        cite_claim(batch, cluster, case, row, prefs, theme)
