"""Findings as CSV, JSON and text: what the CLI prints and the dashboard exports.

CSV cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a
carriage return) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from casebook.services.findings.base import REGISTRY, Finding, Severity, ordered_rules

CSV_HEADER = ("rule_id", "severity", "entity", "record_id", "person_id", "message", "fix")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def csv_lines(findings: Iterable[Finding]) -> Iterator[str]:
    """The CSV text, a line at a time (a header first), for streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(values: Sequence[Any]) -> str:
        writer.writerow([_cell(v) for v in values])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield line(CSV_HEADER)
    for f in findings:
        yield line(
            (f.rule_id, f.severity.value, f.entity, f.record_id, f.person_id, f.message, f.fix)
        )


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    by_severity = Counter(f.severity for f in findings)
    return {s.value: by_severity.get(s, 0) for s in Severity}


def rule_counts(findings: Iterable[Finding]) -> Counter[str]:
    return Counter(f.rule_id for f in findings)


def as_json(findings: Sequence[Finding], *, today: date, scope: Sequence[str]) -> dict[str, Any]:
    per_rule = rule_counts(findings)
    return {
        "as_of": today.isoformat(),
        "scope": list(scope),
        "counts": counts(findings),
        "rules": [
            {
                "id": rule.id,
                "severity": rule.severity.value,
                "title": rule.title,
                "count": per_rule.get(rule.id, 0),
                "fix": rule.fix,
            }
            for rule in ordered_rules()
            if per_rule.get(rule.id) or not rule.output
        ],
        "findings": [f.to_json() for f in findings],
    }


def text_lines(findings: Sequence[Finding], *, scope: Sequence[str]) -> Iterator[str]:
    """One line per finding, then each rule that found something with its fix."""
    yield "Citation audit: " + "; ".join(scope)
    for f in findings:
        person = f"P-{f.person_id}" if f.person_id is not None else "-"
        yield f"{f.severity.value:<7} {f.rule_id:<32} {person:<9} {f.message}"
    per_rule = rule_counts(findings)
    if per_rule:
        yield ""
        yield "What to do:"
        for rule_id, number in sorted(per_rule.items(), key=lambda i: _rule_order(i[0])):
            rule = REGISTRY[rule_id]
            yield f"  {rule_id} ({number}, {rule.severity.value}): {rule.title}. {rule.fix}"
    total = counts(findings)
    yield ""
    yield (
        f"{len(findings)} finding(s): {total['error']} error(s), {total['warning']} "
        f"warning(s), {total['note']} note(s)"
    )


def _rule_order(rule_id: str) -> tuple[int, str]:
    return (-REGISTRY[rule_id].severity.rank, rule_id)


def describe_scope(
    person_ids: Sequence[int] | None,
    audience: Any = None,
    recipient: Any = None,
    today: date | None = None,
) -> tuple[str, ...]:
    """What a run covered, in words ("All persons", "Profile: PUBLIC", "As of ...")."""
    if person_ids is None:
        parts = ["All persons and sources"]
    else:
        shown = ", ".join(f"P-{i}" for i in list(person_ids)[:20])
        more = f" and {len(person_ids) - 20} more" if len(person_ids) > 20 else ""
        parts = [f"Persons {shown}{more} and their records"]
    if audience is not None:
        parts.append(f"Profile: {audience.value} ({audience.label})")
    if recipient is not None:
        parts.append(f"Recipient kind: {recipient.value} ({recipient.label})")
    if today is not None:
        parts.append(f"As of {today.isoformat()}")
    return tuple(parts)


def record_export(ctx: Any, what: str, details: dict[str, Any]) -> None:
    """Leave an EXPORT event in the audit log for findings that left the application (a
    CSV or PDF download, a file written by the CLI); the caller commits."""
    from casebook.services.audit import record_event
    from casebook.vocab import AuditAction

    record_event(ctx, AuditAction.EXPORT, "citation_audit", None, {"what": what, **details})
