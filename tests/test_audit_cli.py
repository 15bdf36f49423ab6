"""``casebook audit`` and ``casebook evidence verify`` as a scheduled job runs them: one
process per command, exit codes, formats, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from casebook.models import AuditEvent, CustodyLogEntry, Person
from casebook.vocab import AuditAction, CustodyAction
from tests.test_cli import Casebook

FINDINGS = 4


@pytest.fixture(scope="module")
def casebook(tmp_path_factory: pytest.TempPathFactory) -> Casebook:
    app = Casebook(tmp_path_factory.mktemp("audit-cli"))
    app("init", "--no-admin")
    app("demo")
    return app


def test_the_audit_exits_4_when_errors_are_found(casebook: Casebook) -> None:
    result = casebook("audit", ok=False)
    assert result.returncode == FINDINGS
    assert "CLAIM-UNCITED" in result.stdout and "What to do:" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].endswith("note(s)")
    assert result.stderr.strip().startswith("casebook: error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_json_and_csv(casebook: Casebook, tmp_path: Path) -> None:
    out = tmp_path / "audit.json"
    result = casebook("audit", "--format", "json", "-o", str(out), ok=False)
    assert result.returncode == FINDINGS and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"]["error"] >= 10 and len(data["findings"]) == sum(data["counts"].values())
    assert {r["id"] for r in data["rules"]} >= {"CLAIM-UNCITED", "SOURCE-UNGRADED"}
    assert {"rule_id", "severity", "entity", "record_id", "person_id", "message", "fix"} == set(
        data["findings"][0]
    )
    exported = casebook.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)
    )
    assert exported == 0  # findings name no one; only the PDF report (names) is logged
    rows = list(csv.reader(io.StringIO(casebook("audit", "--format", "csv", ok=False).stdout)))
    assert (
        rows[0][:3] == ["rule_id", "severity", "entity"] and len(rows) == len(data["findings"]) + 1
    )


def test_thresholds_and_one_person(casebook: Casebook, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    casebook("audit", "--format", "json", "-o", str(out), ok=False)
    found = json.loads(out.read_text(encoding="utf-8"))["findings"]
    with_errors = {f["person_id"] for f in found if f["severity"] == "error"}
    people = casebook.scalar(select(func.count()).select_from(Person))
    assert isinstance(people, int)
    clean = next(p for p in range(1, people + 1) if p not in with_errors)
    assert casebook("audit", "--person", str(clean)).returncode == 0
    warned = next(f["person_id"] for f in found if f["severity"] == "warning" and f["person_id"])
    if warned not in with_errors:
        result = casebook("audit", "--person", f"P-{warned}", "--fail-on", "warning", ok=False)
        assert result.returncode == FINDINGS
    noted = casebook("audit", "--person", str(clean), "--fail-on", "note", ok=False)
    assert noted.returncode in (0, FINDINGS)


def test_an_output_profile_adds_the_output_rules(casebook: Casebook) -> None:
    result = casebook("audit", "--profile", "public", "--format", "json", ok=False)
    rules = {f["rule_id"] for f in json.loads(result.stdout)["findings"]}
    assert "OUTPUT-PERSON-ABOVE-PROFILE" in rules
    plain = casebook("audit", "--format", "json", ok=False)
    assert not {f["rule_id"] for f in json.loads(plain.stdout)["findings"]} & {
        "OUTPUT-PERSON-ABOVE-PROFILE"
    }


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("audit", "--person", "999999"), 1, "no person with id 999999"),
        (("audit", "--person", "x12"), 2, "is not a person id"),
        (("audit", "--profile", "SECRET"), 2, "--profile"),
        (("audit", "--recipient-kind", "WGAD"), 2, "needs --profile"),
        (("audit", "--profile", "CONFIDENTIAL", "--recipient-kind", "NOBODY"), 2, "NOBODY"),
        (("audit", "--fail-on", "fatal"), 2, "fatal"),
        (("audit", "--format", "pdf"), 2, "-o FILE.pdf"),
        (("evidence", "verify"), 2, "--all or --source"),
        (("evidence", "verify", "--all", "--source", "1"), 2, "--all or --source"),
        (("evidence", "verify", "--source", "999999"), 1, "no source with id 999999"),
    ],
)
def test_bad_input_gets_one_clear_line(
    casebook: Casebook, args: tuple[str, ...], code: int, says: str
) -> None:
    result = casebook(*args, ok=False)
    assert result.returncode == code, result.stderr
    assert says in result.stderr


def test_evidence_verify_records_each_check_and_exits_4(casebook: Casebook) -> None:
    before = casebook.scalar(
        select(func.count())
        .select_from(CustodyLogEntry)
        .where(CustodyLogEntry.action == CustodyAction.VERIFIED)
    )
    result = casebook("evidence", "verify", "--all", "--quiet", ok=False)
    assert result.returncode == FINDINGS
    lines = result.stdout.strip().splitlines()
    assert sum("ALTERED" in line for line in lines) == 2
    assert sum("MISSING" in line for line in lines) == 2
    assert lines[-1].startswith("checked ") and "2 mismatch, 2 missing" in lines[-1]
    files = int(lines[-1].split()[1])
    after = casebook.scalar(
        select(func.count())
        .select_from(CustodyLogEntry)
        .where(CustodyLogEntry.action == CustodyAction.VERIFIED)
    )
    assert isinstance(before, int) and after == before + files
    audited = json.loads(casebook("audit", "--format", "json", ok=False).stdout)["findings"]
    rules = {f["rule_id"] for f in audited}
    assert {"EVIDENCE-HASH-MISMATCH", "EVIDENCE-FILE-MISSING"} <= rules


def test_report_pdf(casebook: Casebook, tmp_path: Path) -> None:
    out = tmp_path / "audit.pdf"
    result = casebook("audit", "report", "-o", str(out), ok=False)
    assert result.returncode == FINDINGS  # written, and the audit found errors
    assert out.read_bytes().startswith(b"%PDF-") and "AUD-" in result.stdout
    reference = result.stdout.split("report ", 1)[1].split(" ", 1)[0]
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert reference in text and "EVIDENCE-HASH-MISMATCH" in text.replace("\n", "")
    again = tmp_path / "again.pdf"
    casebook("audit", "--format", "pdf", "-o", str(again), ok=False)
    assert again.read_bytes() == out.read_bytes()  # same data, same bytes
    exported = casebook.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)
    )
    assert exported == 2  # each PDF written (it names persons) is in the audit log
