"""The facts of one person the legal qualification and actions requested are derived
from (:mod:`casebook.services.snapshot_legal`), read from the audience-visible records of
a bundle only: nothing withheld can shape a conclusion."""

from __future__ import annotations

from casebook.services import snapshot_legal as legal
from casebook.services.dto import Disclosure
from casebook.services.snapshot import Profile, Subject
from casebook.services.snapshot_annex import fuzzy
from casebook.services.snapshot_bundle import Bundle, Row
from casebook.services.snapshot_names import plain
from casebook.vocab import (
    AssertedStatus,
    ChargeOutcome,
    CustodyEventType,
    IdentifierScheme,
    ProceedingInstance,
    SentenceType,
    TriState,
)


def legal_facts(
    b: Bundle, row: Row, who: Subject, profile: Profile, allegations: list[Row]
) -> legal.Facts:
    """The facts the legal derivation reads, from the audience-visible records only."""
    pid = row.id
    episodes = b.episodes.get(pid, ())
    events = [ev for ep in episodes for ev in b.events.get(ep.id, ())]
    trials = []
    for pr in b.proceedings.get(pid, ()):
        if pr.instance is ProceedingInstance.INVESTIGATION and not b.assessments.get(pr.id):
            continue
        number = plain(pr.case_number)
        ref = pr.instance.label.lower() + (f" {number}" if number else "")
        charges = b.charges.get(pr.id, ())
        convicted = any(c.outcome is ChargeOutcome.CONVICTED for c in charges) or any(
            s.sentence_type is not SentenceType.OTHER for s in b.sentences.get(pr.id, ())
        )
        pre_capture = tuple(
            " ".join(x for x in (plain(c.statute), plain(c.article)) if x)
            for c in charges
            if c.concerns_pre_capture_conduct is TriState.YES
        )
        trials.append(
            legal.Trial(
                ref,
                convicted,
                tuple((a.guarantee, a.finding) for a in b.assessments.get(pr.id, ())),
                pre_capture,
            )
        )
    death = b.deaths.get(pid)
    full = who.disclosure is Disclosure.FULL
    return legal.Facts(
        name=who.display,
        category=row.category,
        status=row.current_status,
        detained=bool(episodes),
        pow_asserted=any(
            AssertedStatus.POW in (e.detaining_state_status, e.home_state_status) for e in episodes
        ),
        acknowledgments=tuple((e.acknowledgment, _capture_text(e)) for e in episodes),
        detaining_labels=tuple(e.detaining_state_status for e in episodes),
        icrc_visit_recorded=any(ev.event_type is CustodyEventType.ICRC_VISIT for ev in events),
        trials=tuple(trials),
        acts=tuple(legal.AllegedAct(a.act_type, a.status, _date_text(a)) for a in allegations),
        death_in_custody=death is not None and death.in_custody is TriState.YES,
        remains_returned=death.remains_returned if death is not None else TriState.UNKNOWN,
        died=death is not None,
        submissions=tuple(
            (
                s.recipient,
                f"{s.submitted_on.isoformat() if s.submitted_on else 'not sent'}, "
                f"{s.status.label.lower()}",
            )
            for s in b.submissions.get(pid, ())
        ),
        ecthr_applications=tuple(
            plain(i.value) or ""
            for i in b.identifiers.get(pid, ())
            if i.scheme is IdentifierScheme.ECTHR_APP and full
        ),
        recipient=profile.recipient,
    )


def _capture_text(episode: Row) -> str:
    start = fuzzy(episode.capture_date, episode.capture_precision, episode.capture_as_reported)
    return "detention from " + (start.text() if start else "an unknown date")


def _date_text(row: Row) -> str:
    start = fuzzy(row.start_date, row.start_precision, row.start_as_reported)
    return start.text() if start else "date unknown"
