"""The audit report DTO (``casebook.services.dto.AuditReport``) the PDF builder
``reports.audit`` lays out: findings by rule and by person, with the numbers, for the
organisation's internal review (always INTERNAL).

Deterministic like every DTO: the same findings, scope and data give an equal report;
``data_cutoff`` is the latest change recorded in the audit log, and the reference is
derived from the report's content.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from casebook.models import AuditEvent, PersonName
from casebook.services.dto import (
    AuditFindingRow,
    AuditReport,
    AuditRuleSummary,
    Count,
    DossierMeta,
    snapshot_sha256,
)
from casebook.services.findings.base import (
    Finding,
    Scope,
    Severity,
    record_label,
    rules_for,
)
from casebook.services.findings.export import describe_scope
from casebook.services.findings.runner import CHUNK
from casebook.vocab import Audience, AuditAction, DossierKind, NameKind, Recipient

PREPARED_BY = "casebook citation audit"
CLASSIFICATION = "INTERNAL - citation audit, not for distribution outside the organisation"
CHANGES = (
    AuditAction.INSERT,
    AuditAction.UPDATE,
    AuditAction.RETRACT,
    AuditAction.RESTORE,
    AuditAction.IMPORT,
)
SHARED = "Shared records (sources, evidence files, submissions)"


def latest_change(session: Session) -> tuple[int, datetime | None]:
    """The id and time of the newest change recorded in the audit log (0, None if none):
    what every finding depends on, so it versions a run's results."""
    row = session.execute(
        select(AuditEvent.id, AuditEvent.occurred_at)
        .where(AuditEvent.action.in_(CHANGES))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    return (row.id, row.occurred_at) if row else (0, None)


def primary_names(session: Session, person_ids: Iterable[int]) -> dict[int, str]:
    """One name per person (a primary one first), in one grouped query per 900 persons."""
    ids = sorted(set(person_ids))
    ranked = case((PersonName.kind == NameKind.PRIMARY, "0"), else_="1") + PersonName.full_name
    names: dict[int, str] = {}
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(PersonName.person_id, func.min(ranked))
            .where(
                PersonName.person_id.in_(ids[start : start + CHUNK]),
                PersonName.retracted_at.is_(None),
            )
            .group_by(PersonName.person_id)
        )
        names.update((person_id, name[1:]) for person_id, name in rows if name)
    return names


def _row(finding: Finding, names: dict[int, str]) -> AuditFindingRow:
    person = finding.person_id
    return AuditFindingRow(
        rule_id=finding.rule_id,
        severity=finding.severity.value,
        record=record_label(finding.entity, finding.record_id),
        person_code=f"P-{person}" if person is not None else None,
        person_display=names.get(person) if person is not None else None,
        message=finding.message,
        fix=finding.fix,
    )


def report(
    session: Session,
    found: Sequence[Finding],
    *,
    today: date,
    person_ids: Sequence[int] | None = None,
    audience: Audience | None = None,
    recipient: Recipient | None = None,
    limit: int | None = None,
    prepared_by: str = PREPARED_BY,
) -> AuditReport:
    """The report of ``found`` (the findings of a run with these arguments).

    ``limit`` caps the rows listed per rule, and the persons listed (those with the most
    serious findings first) and the rows per person; the counts stay complete and the
    scope says so, so a report of a 100,000-person audit stays readable. Only the names of
    the persons listed are read.
    """
    per_person: dict[int, list[Finding]] = defaultdict(list)
    shared: list[Finding] = []
    for finding in found:
        (per_person[finding.person_id] if finding.person_id is not None else shared).append(finding)
    listed = sorted(per_person, key=lambda p: (_weight(per_person[p]), p))
    if limit is not None:
        listed = listed[:limit]
    names = primary_names(session, set(listed) | _rule_persons(found, limit))
    scope = describe_scope(person_ids, audience, recipient, today)
    if limit is not None:
        scope += (f"Listing at most {limit:,} findings per rule, and the {limit:,} persons "
                  "with the most serious findings; counts are complete",)  # fmt: skip
    by_rule: dict[str, list[AuditFindingRow]] = defaultdict(list)
    for finding in found:
        if limit is None or len(by_rule[finding.rule_id]) < limit:
            by_rule[finding.rule_id].append(_row(finding, names))
    by_person: dict[str, list[AuditFindingRow]] = {}
    for person_id in listed:
        shown = names.get(person_id)
        label = f"P-{person_id}" + (f" {shown}" if shown else "")
        by_person[label] = [_row(f, names) for f in per_person[person_id][:limit]]
    if shared:
        by_person[SHARED] = [_row(f, names) for f in shared[:limit]]
    ran = rules_for(
        Scope(
            session.get_bind().dialect.name,
            limited=person_ids is not None,
            audience=audience,
            recipient=recipient,
            report=person_ids is None or len(set(person_ids)) > 1,
        )
    )
    per_rule = {r.id: 0 for r in ran}
    for finding in found:
        per_rule[finding.rule_id] = per_rule.get(finding.rule_id, 0) + 1
    rules = tuple(
        AuditRuleSummary(r.id, r.severity.value, r.title, per_rule[r.id], r.fix)
        for r in sorted(ran, key=lambda r: (-r.severity.rank, r.id))
    )
    totals = tuple(
        Count(s.label + "s", sum(1 for f in found if f.severity is s), s.value) for s in Severity
    )
    _version, cutoff = latest_change(session)
    meta = DossierMeta(
        kind=DossierKind.AUDIT,
        reference="",
        audience=Audience.INTERNAL,
        classification=CLASSIFICATION,
        title=f"Citation audit as of {today.isoformat()}",
        data_cutoff=cutoff or datetime.combine(today, time(), UTC),
        prepared_by=prepared_by,
        watermark="INTERNAL",
        subject="Citation audit findings for internal review",
        keywords=("casebook", "citation audit", "internal"),
    )
    dto = AuditReport(
        meta=meta,
        scope=scope,
        totals=totals,
        rules=rules,
        by_rule=tuple((r.rule_id, tuple(by_rule[r.rule_id])) for r in rules if by_rule[r.rule_id]),
        by_person=tuple((k, tuple(rows)) for k, rows in by_person.items()),
    )
    reference = "AUD-" + snapshot_sha256(dto)[:12].upper()
    return replace(dto, meta=replace(meta, reference=reference))


def _weight(found: Sequence[Finding]) -> tuple[int, int, int]:
    """Most errors first, then most warnings, then most notes."""
    counts = Counter(f.severity for f in found)
    return (-counts[Severity.ERROR], -counts[Severity.WARNING], -counts[Severity.NOTE])


def _rule_persons(found: Sequence[Finding], limit: int | None) -> set[int]:
    """The persons named in the rows listed by rule."""
    seen: dict[str, int] = defaultdict(int)
    persons: set[int] = set()
    for f in found:
        if limit is None or seen[f.rule_id] < limit:
            seen[f.rule_id] += 1
            if f.person_id is not None:
                persons.add(f.person_id)
    return persons


__all__ = ["latest_change", "primary_names", "report"]
