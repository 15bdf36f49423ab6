"""The database itself refuses to change or remove audit and chain-of-custody rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from casebook.models import AuditEvent, CustodyLogEntry, EvidenceFile, Source, User
from casebook.vocab import AuditAction, CustodyAction, EvidenceRole, Role, SourceType

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
AUDIT = AuditEvent.__table__
CUSTODY = CustodyLogEntry.__table__
# A text column of each table to try to change.
EDITABLE = {"audit_event": "reason", "custody_log_entry": "note"}


def _insert(connection: sa.Connection, table: Any, **values: Any) -> int:
    key = connection.execute(sa.insert(table).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


@pytest.fixture(scope="module")
def rows(head_engine: Engine) -> dict[str, int]:
    """One committed row in each append-only table (and what they need)."""
    with head_engine.begin() as connection:
        user = _insert(
            connection,
            User.__table__,
            username="archivist",
            display_name="Archivist",
            role=Role.ADMIN,
            created_at=NOW,
        )
        audit = _insert(
            connection,
            AUDIT,
            occurred_at=NOW,
            user_id=user,
            via="test",
            action=AuditAction.INSERT,
            entity="person",
            record_id=1,
            changes={"family_name": "Petrosyan"},
            reason="original",
        )
        stamps = {
            "created_at": NOW,
            "created_by_id": user,
            "updated_at": NOW,
            "updated_by_id": user,
        }
        source = _insert(
            connection,
            Source.__table__,
            source_type=SourceType.COURT_DOCUMENT,
            title="Verdict",
            **stamps,
        )
        evidence = _insert(
            connection,
            EvidenceFile.__table__,
            source_id=source,
            role=EvidenceRole.ORIGINAL,
            sha256="0" * 64,
            size_bytes=10,
            media_type="application/pdf",
            **stamps,
        )
        custody = _insert(
            connection,
            CUSTODY,
            evidence_file_id=evidence,
            action=CustodyAction.COLLECTED,
            occurred_at=NOW,
            user_id=user,
            note="original",
        )
    return {"audit_event": audit, "custody_log_entry": custody}


def _table(name: str) -> Any:
    return {"audit_event": AUDIT, "custody_log_entry": CUSTODY}[name]


@pytest.mark.parametrize("name", ["audit_event", "custody_log_entry"])
def test_update_is_refused(head_engine: Engine, rows: dict[str, int], name: str) -> None:
    table = _table(name)
    column = table.c[EDITABLE[name]]
    refused = pytest.raises(sa.exc.DatabaseError, match=f"{name} is append-only")
    with refused, head_engine.begin() as connection:
        connection.execute(
            sa.update(table).where(table.c.id == rows[name]).values({column: "rewritten"})
        )
    with head_engine.connect() as connection:
        kept = connection.scalar(sa.select(column).where(table.c.id == rows[name]))
    assert kept == "original"


@pytest.mark.parametrize("name", ["audit_event", "custody_log_entry"])
def test_delete_is_refused(head_engine: Engine, rows: dict[str, int], name: str) -> None:
    table = _table(name)
    refused = pytest.raises(sa.exc.DatabaseError, match=f"{name} is append-only")
    with refused, head_engine.begin() as connection:
        connection.execute(sa.delete(table))
    with head_engine.connect() as connection:
        count = connection.scalar(sa.select(sa.func.count()).select_from(table))
    assert count == 1


def test_appending_still_works(head_engine: Engine, rows: dict[str, int]) -> None:
    with head_engine.begin() as connection:
        _insert(
            connection,
            AUDIT,
            occurred_at=NOW,
            via="test",
            action=AuditAction.LOGIN_FAILED,
            entity="user_account",
        )
        total = connection.scalar(sa.select(sa.func.count()).select_from(AUDIT))
    assert total == 2
