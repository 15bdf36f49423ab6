"""The shared create/update/retract mechanism, through the person aggregate."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from casebook.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    StaleVersion,
    ValidationErrors,
)
from casebook.models import AuditEvent, Person, PersonName
from casebook.services import people, records, sources
from casebook.services.context import Context
from casebook.vocab import AuditAction, Confidentiality, DatePrecision, PersonCategory, Script
from tests.factories import LATIN, make_person, make_place


def audit_rows(session: Session, entity: str, record_id: int) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == entity, AuditEvent.record_id == record_id)
            .order_by(AuditEvent.id)
        )
    )


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_create_sets_defaults_owner_and_audit(ctx: Context) -> None:
    person = make_person(ctx, birth_date=date(1999, 3, 4))
    assert person.confidentiality is Confidentiality.CONFIDENTIAL
    assert person.version == 1
    assert person.created_by_id == ctx.user.id
    assert person.created_at == ctx.clock()
    assert person.birth_precision is DatePrecision.DAY  # a date without precision is exact
    [event] = audit_rows(ctx.session, "person", person.id)
    assert event.action is AuditAction.INSERT
    assert event.user_id == ctx.user.id
    assert event.changes is not None
    assert event.changes["category"] == "POW"
    assert event.changes["birth_date"] == "1999-03-04"


def test_update_records_field_level_before_and_after(ctx: Context) -> None:
    person = make_person(ctx)
    records.update(ctx, person, 1, {"military_rank": "Private", "category": "CIVILIAN_DETAINEE"})
    assert person.version == 2
    event = audit_rows(ctx.session, "person", person.id)[-1]
    assert event.action is AuditAction.UPDATE
    assert event.changes == {
        "military_rank": [None, "Private"],
        "category": ["POW", "CIVILIAN_DETAINEE"],
    }


def test_update_without_changes_writes_nothing(ctx: Context) -> None:
    person = make_person(ctx, military_rank="Private")
    before = count(ctx.session, AuditEvent)
    records.update(ctx, person, 1, {"military_rank": "  Private "})
    assert person.version == 1
    assert count(ctx.session, AuditEvent) == before


def test_stale_version_is_refused_with_current_values(ctx: Context) -> None:
    person = make_person(ctx)
    records.update(ctx, person, 1, {"military_rank": "Sergeant"})
    with pytest.raises(StaleVersion) as caught:
        records.update(ctx, person, 1, {"military_rank": "Private"})
    assert caught.value.current["military_rank"] == "Sergeant"
    assert caught.value.actual == 2
    assert person.military_rank == "Sergeant"


def test_database_version_check_catches_a_concurrent_write(ctx: Context) -> None:
    person = make_person(ctx)
    # Another writer bumps the row behind this session's back.
    ctx.session.execute(
        update(Person)
        .where(Person.id == person.id)
        .values(version=2)
        .execution_options(synchronize_session=False)
    )
    with pytest.raises(Conflict):
        records.update(ctx, person, 1, {"military_rank": "Private"})


def test_bad_values_are_all_reported_by_field(ctx: Context) -> None:
    with pytest.raises(ValidationErrors) as caught:
        records.create(
            ctx,
            Person,
            {
                "category": "GENERAL",
                "birth_date": "31/12/1999",
                "military_rank": "x" * 300,
                "shoe_size": 42,
            },
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"category", "birth_date", "military_rank", "shoe_size"}
    assert count(ctx.session, Person) == 0


def test_required_fields_are_named(ctx: Context) -> None:
    with pytest.raises(ValidationErrors) as caught:
        records.create(ctx, Person, {})
    assert "category" in {e.field for e in caught.value.errors}


def test_text_is_normalised_and_control_characters_dropped(ctx: Context) -> None:
    decomposed = "Hovhannisyan\u0301"  # combining accent: NFC composes where it can
    person = make_person(ctx, notes="line one\x00\x07\nline two", military_unit=decomposed)
    assert person.notes == "line one\nline two"
    assert person.military_unit == "Hovhannisyań"


def test_failed_call_leaves_no_rows_and_no_audit(ctx: Context) -> None:
    persons, names, events = (count(ctx.session, m) for m in (Person, PersonName, AuditEvent))
    bad_names = [
        {"full_name": LATIN, "script": Script.LATN, "language": "HY_LATN"},
        {"full_name": "Арам", "script": Script.ARMN, "language": "HY"},  # wrong script
    ]
    with pytest.raises(DomainError):
        people.create_person(ctx, {"category": PersonCategory.POW}, bad_names)
    assert count(ctx.session, Person) == persons
    assert count(ctx.session, PersonName) == names
    assert count(ctx.session, AuditEvent) == events


def test_reference_to_missing_or_retracted_record(ctx: Context) -> None:
    with pytest.raises(ValidationErrors) as caught:
        make_person(ctx, birth_place_id=999_999)
    assert caught.value.errors[0].field == "birth_place_id"
    place = make_place(ctx)
    records.retract(ctx, place, "duplicate entry")
    with pytest.raises(ValidationErrors, match="retracted"):
        make_person(ctx, birth_place_id=place.id)


def test_retract_keeps_the_record_and_needs_a_reason(ctx: Context, reviewer_ctx: Context) -> None:
    person = make_person(ctx)
    with pytest.raises(DomainError, match="reason"):
        records.retract(ctx, person, "  ")
    records.retract(ctx, person, "entered twice")
    assert ctx.session.get(Person, person.id) is person
    assert person.is_retracted and person.retraction_reason == "entered twice"
    assert audit_rows(ctx.session, "person", person.id)[-1].action is AuditAction.RETRACT
    with pytest.raises(Conflict, match="retracted"):
        records.update(ctx, person, person.version, {"notes": "edit"})
    with pytest.raises(PermissionDenied):
        records.restore(ctx, person, "was not a duplicate")
    records.restore(reviewer_ctx, person, "was not a duplicate")
    assert not person.is_retracted
    assert audit_rows(ctx.session, "person", person.id)[-1].action is AuditAction.RESTORE


def test_viewer_cannot_write(session: Session, viewer: object, clock: object) -> None:
    ctx = Context(session, viewer, clock)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied, match="editor"):
        make_person(ctx)


def test_disabled_user_cannot_write(ctx: Context) -> None:
    ctx.user.active = False
    with pytest.raises(PermissionDenied, match="disabled"):
        make_person(ctx)


def test_audit_log_rows_cannot_be_changed_through_the_orm(ctx: Context) -> None:
    person = make_person(ctx)
    event = audit_rows(ctx.session, "person", person.id)[0]
    event.reason = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        ctx.session.flush()


def test_get_raises_not_found_for_bad_ids(ctx: Context) -> None:
    from casebook.errors import NotFound

    for ident in ("abc", "999999", None):
        with pytest.raises(NotFound):
            records.get(ctx, Person, ident)


def test_numbers_beyond_a_column_and_ids_beyond_any_record_are_refused_plainly(
    ctx: Context,
) -> None:
    with pytest.raises(ValidationErrors) as caught:
        sources.create_source(
            ctx, {"source_type": "VIDEO", "title": "Invented clip", "extent_seconds": 2**40}
        )
    assert caught.value.errors[0].field == "extent_seconds"
    assert "too large" in caught.value.errors[0].message
    with pytest.raises(NotFound):
        records.get(ctx, Person, 2**70)
    with pytest.raises(NotFound):
        records.get(ctx, Person, -1)
