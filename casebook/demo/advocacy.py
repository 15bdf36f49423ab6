"""Demo submissions (UN bodies, the ECtHR, the ICRC...) and the consents behind them."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from casebook.demo.build import HISTORY_END, Batch, Row, clamp
from casebook.demo.people import Case, Cluster
from casebook.vocab import (
    CONSENT_SCOPE_FOR_RECIPIENT,
    Acknowledgment,
    ActType,
    ConsentGiver,
    ConsentMethod,
    ConsentScope,
    PersonCategory,
    Recipient,
    SubmissionStatus,
)

R = Recipient
SCOPE = CONSENT_SCOPE_FOR_RECIPIENT
PROCEDURE = {
    R.WGAD: "Regular communication (opinion)",
    R.WGEID: "Urgent action",
    R.SR_TORTURE: "Allegation letter",
    R.ICRC: "Tracing request",
    R.ECTHR_RULE39: "Request for interim measures (Rule 39)",
    R.ECTHR_APPLICATION: "Individual application (Art. 34)",
    R.NATIONAL_AUTHORITY: "Criminal complaint",
    R.COE: "Letter to the Commissioner for Human Rights",
    R.PACE: "Briefing for rapporteurs",
    R.OSCE: "Briefing note",
    R.EMBASSY: "Confidential briefing letter",
    R.OTHER: "Press briefing",
}
DETAIL = {
    R.NATIONAL_AUTHORITY: "Prosecutor's office of the home state (demo)",
    R.EMBASSY: "Embassy of a Council of Europe member state (demo)",
    R.OTHER: "Press briefing for accredited journalists (demo)",
}
ADDRESSEE = {
    R.ECTHR_RULE39: "European Court of Human Rights",
    R.ECTHR_APPLICATION: "European Court of Human Rights",
    R.OTHER: "journalists",
}
OUTCOME = {
    R.WGAD: "Opinion adopted: detention arbitrary under categories I, III and V (demo).",
    R.ECTHR_RULE39: "Interim measures indicated (demo).",
    R.ICRC: "Tracing request registered; no news yet (demo).",
    R.WGEID: "Case transmitted to the government under the urgent procedure (demo).",
}
OTHERS = (
    R.ECTHR_APPLICATION,
    R.COE,
    R.PACE,
    R.OSCE,
    R.NATIONAL_AUTHORITY,
    R.EMBASSY,
    R.OTHER,
)
METHODS = (
    (ConsentMethod.WRITTEN, 5),
    (ConsentMethod.ORAL_RECORDED, 2),
    (ConsentMethod.ORAL_WITNESSED, 2),
    (ConsentMethod.ELECTRONIC, 1),
)


def _submission(
    batch: Batch,
    recipient: Recipient,
    cases: list[Case],
    sent: date | None,
    needs: dict[tuple[int, ConsentScope], tuple[date, date, set[str]]],
) -> Row:
    sid = batch.ids.take("submission")
    status = SubmissionStatus.DRAFT
    if sent is not None:
        status = batch.weighted(
            (
                (SubmissionStatus.SUBMITTED, 2),
                (SubmissionStatus.ACKNOWLEDGED, 2),
                (SubmissionStatus.UNDER_CONSIDERATION, 2),
                (SubmissionStatus.DECIDED, 3 if recipient in OUTCOME else 0),
                (SubmissionStatus.CLOSED, 1),
            )
        )
    decided = status is SubmissionStatus.DECIDED
    follow_up = clamp(sent + timedelta(days=batch.rng.randint(60, 180))) if sent else None
    row = batch.add(
        "submission",
        id=sid,
        recipient=recipient,
        recipient_detail=DETAIL.get(recipient),
        procedure=PROCEDURE[recipient],
        title=f"[DEMO] {PROCEDURE[recipient]}: {ADDRESSEE.get(recipient, recipient.label)}, "
        f"concerning {len(cases)} invented person(s)",
        submitted_on=sent,
        reference_number=f"DEMO-{recipient.value}-{batch.seed}-{sid}" if sent else None,
        status=status,
        outcome=OUTCOME.get(recipient) if decided else None,
        follow_up_on=follow_up,
        pdf_sha256=hashlib.sha256(f"demo submission {batch.seed} {sid}".encode()).hexdigest()
        if sent
        else None,
        notes="DEMO DATA: invented submission.",
    )
    for case in cases:
        batch.add("submission_person", submission_id=sid, person_id=case.person["id"])
        if sent is not None:
            key = (int(case.person["id"]), SCOPE[recipient])
            first, last, recipients = needs.get(key, (sent, sent, set()))
            needs[key] = (min(first, sent), max(last, sent), recipients | {recipient.value})
    return row


def _sent_after(batch: Batch, cases: list[Case], low: int, high: int) -> date:
    latest = max(case.plan.day for case in cases)
    return clamp(latest + timedelta(days=batch.rng.randint(low, high)))


def add_advocacy(batch: Batch, cluster: Cluster, withhold: int = 0) -> list[tuple[Row, Case]]:
    """Submissions of the cluster and the consents they need.

    ``withhold`` persons (from sent submissions) get no consent at all: a deliberate
    problem for the audit. Returns those (submission, case) pairs.
    """
    cases = cluster.cases
    needs: dict[tuple[int, ConsentScope], tuple[date, date, set[str]]] = {}
    made: list[tuple[Row, list[Case]]] = []

    def submit(recipient: Recipient, group: list[Case], low: int, high: int) -> None:
        if group:
            sent = _sent_after(batch, group, low, high)
            made.append((_submission(batch, recipient, group, sent, needs), group))

    submit(R.WGAD, [c for c in cases if c.plan.tried][:8], 120, 400)
    submit(R.WGEID, [c for c in cases if c.category is PersonCategory.MISSING], 30, 120)
    tortured = [c for c in cases if any(a["act_type"] is ActType.TORTURE for a in c.allegations)]
    submit(R.SR_TORTURE, tortured[:5], 60, 200)
    for case in cases:
        if case.ecthr:
            submit(R.ECTHR_RULE39, [case], 3, 20)
    unseen = (Acknowledgment.NOT_IDENTIFIED, Acknowledgment.DENIED, Acknowledgment.UNKNOWN)
    submit(R.ICRC, [c for c in cases if c.plan.ack in unseen][:6], 10, 60)
    extra = OTHERS if cluster.showcase else (OTHERS[cluster.index % len(OTHERS)],)
    for number, recipient in enumerate(extra):
        group = cases[number % max(1, len(cases)) :][:2]
        submit(recipient, group, 100, 500)
    if cases and (cluster.showcase or cluster.index % 5 == 0):
        draft = _submission(batch, R.WGAD, cases[:2], None, needs)
        made.append((draft, cases[:2]))
    withheld: list[tuple[Row, Case]] = []
    skip: set[int] = set()
    for submission, group in made:
        for case in group:
            person_id = int(case.person["id"])
            eligible = submission["submitted_on"] and not case.photo and not case.one_script
            if len(withheld) < withhold and eligible and person_id not in skip:
                withheld.append((submission, case))
                skip.add(person_id)
    _consents(batch, cluster, needs, skip)
    return withheld


def _consent(
    batch: Batch,
    case: Case,
    scope: ConsentScope,
    given: date,
    recipients: list[str],
    *,
    last_use: date | None = None,
    withdrawn: date | None = None,
) -> Row:
    plan = case.plan
    free = (
        plan.end is not None and plan.end <= given and case.category is not PersonCategory.DECEASED
    )
    relative = case.relative
    expires = None
    if batch.chance(0.3):
        expires = max(last_use or given, given) + timedelta(days=2 * 365)
    return batch.add(
        "consent",
        person_id=case.person["id"],
        given_by=ConsentGiver.SELF if free else ConsentGiver.PROXY,
        proxy_name=None
        if free
        else (relative.latn if relative else "Family member (name on file)"),
        proxy_relationship=None if free else (relative.relation if relative else "family member"),
        scope=scope,
        recipients_allowed=recipients,
        method=batch.weighted(METHODS),
        given_on=given,
        expires_on=expires,
        withdrawn_on=withdrawn,
        notes="DEMO DATA: invented consent.",
    )


def _consents(
    batch: Batch,
    cluster: Cluster,
    needs: dict[tuple[int, ConsentScope], tuple[date, date, set[str]]],
    skip: set[int],
) -> None:
    by_id = {int(case.person["id"]): case for case in cluster.cases}
    for (person_id, scope), (first, last, recipients) in needs.items():
        case = by_id[person_id]
        if person_id in skip:
            continue
        given = max(case.plan.day, first - timedelta(days=batch.rng.randint(2, 30)))
        allowed = sorted(recipients) if batch.chance(0.7) else []
        _consent(batch, case, scope, given, allowed, last_use=last)
    for number, case in enumerate(cluster.cases):
        if int(case.person["id"]) in skip:
            continue
        if case.photo:
            _consent(batch, case, ConsentScope.PHOTO, case.plan.day, [])
        if batch.chance(0.15):
            given = min(case.plan.day + timedelta(days=batch.rng.randint(5, 60)), HISTORY_END)
            _consent(batch, case, ConsentScope.INTERNAL, given, [])
        if cluster.showcase and number == 1:
            given = case.plan.day + timedelta(days=30)
            _consent(
                batch, case, ConsentScope.INITIALS_ONLY, given, [],
                withdrawn=min(given + timedelta(days=200), HISTORY_END),
            )  # fmt: skip
