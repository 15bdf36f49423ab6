"""The one mechanism every aggregate's service uses to create, update, retract and restore.

- Values arrive as a mapping of field name to value (from a form, a CLI flag, an import).
  Each is checked against the column it targets: unknown fields, wrong types, terms outside
  the vocabulary, over-long text and missing required values are refused with an error that
  names the field. Text is normalised to NFC and stripped of control characters.
- Referenced records must exist and not be retracted.
- Each aggregate registers its rules with ``@rule(Model)``; all errors of one call are
  reported together.
- Every write adds an audit event in the same transaction, with field-level before/after.
- Each public call runs in a SAVEPOINT: if it fails, none of its rows and no audit event
  remain, even if the caller carries on with the transaction.
- Updates carry the version the user edited; a stale one raises StaleVersion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import BigInteger, Boolean, Date, Float, Integer, String, Text, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Mapper
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.schema import Column

from casebook.db import Base, UTCDateTime
from casebook.errors import (
    CasebookError,
    Conflict,
    DomainError,
    NotFound,
    StaleVersion,
    ValidationErrors,
)
from casebook.models.claims import ClaimAnchor
from casebook.models.common import Claim, Record, VocabType
from casebook.services.audit import jsonable, record_event
from casebook.services.context import Context
from casebook.vocab import AuditAction, DatePrecision, Role, Vocab

R = TypeVar("R", bound=Record)
T = TypeVar("T")

Changes = dict[str, tuple[Any, Any]]
RuleFn = Callable[[Context, Any, Changes | None], Iterable[DomainError]]
DeriveFn = Callable[[Any], None]

_RULES: dict[type[Any], list[RuleFn]] = {}
_DERIVED: dict[type[Any], list[DeriveFn]] = {}

# C0/C1 control characters other than tab and newline; they break PDFs and terminals.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_TEXT = 100_000
# Record ids are INTEGER columns on both databases.
MAX_ID = 2**31 - 1


def rule(model: type[Any]) -> Callable[[RuleFn], RuleFn]:
    """Register a validation rule for ``model``: ``fn(ctx, obj, changes)`` yields errors.

    ``changes`` is None on create, else the {field: (before, after)} of the update.
    """

    def register(fn: RuleFn) -> RuleFn:
        _RULES.setdefault(model, []).append(fn)
        return fn

    return register


def derive(model: type[Any]) -> Callable[[DeriveFn], DeriveFn]:
    """Register a function that recomputes stored derived fields (search keys) of ``model``."""

    def register(fn: DeriveFn) -> DeriveFn:
        _DERIVED.setdefault(model, []).append(fn)
        return fn

    return register


@contextmanager
def atomic(ctx: Context) -> Iterator[Context]:
    """Run one service call in a SAVEPOINT with one timestamp; translate DB errors."""
    if ctx._now is not None:  # already inside a service call: join it
        yield ctx
        return
    inner = replace(ctx, _now=ctx.clock())
    try:
        with ctx.session.begin_nested():
            yield inner
            ctx.session.flush()
    except StaleDataError as exc:
        raise Conflict("version", "the record was changed by someone else; reload it") from exc
    except IntegrityError as exc:
        raise integrity_error(exc) from exc
    except OperationalError as exc:
        # SQLite refuses a write from a transaction whose snapshot another writer has
        # overtaken ("database is locked"): the same situation as a stale version.
        if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
            raise Conflict(
                "version", "someone else saved at the same moment; reload and try again"
            ) from exc
        raise


def integrity_error(exc: IntegrityError) -> Conflict:
    """Name the field behind a constraint violation the database reported."""
    text = str(exc.orig)
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            name = constraint.name
            if isinstance(name, str) and name in text:
                columns = [c.name for c in getattr(constraint, "columns", [])]
                field = columns[-1] if columns else None
                return Conflict(field, f"breaks the rule {name} ({table.name})")
    lowered = text.lower()
    if "unique" in lowered:
        return Conflict(None, "a record with the same key already exists")
    if "foreign key" in lowered:
        return Conflict(None, "refers to a record that does not exist")
    return Conflict(None, "the database refused the change: " + text.splitlines()[0])


def get(ctx: Context, model: type[T], ident: int | str | None) -> T:
    """Load ``model`` by id or raise NotFound (ids from URLs and CLI flags are strings)."""
    label = getattr(model, "LABEL", model.__name__.lower())
    try:
        key = int(ident) if ident is not None else None
    except (TypeError, ValueError):
        raise NotFound(label, ident) from None
    if key is not None and not 0 < key <= MAX_ID:  # no such id (and no driver overflow)
        raise NotFound(label, ident)
    obj = ctx.session.get(model, key) if key is not None else None
    if obj is None:
        raise NotFound(label, ident)
    return obj


def editable_columns(model: type[Any]) -> dict[str, Column[Any]]:
    mapper: Mapper[Any] = inspect(model)
    system: frozenset[str] = getattr(model, "SYSTEM_FIELDS", frozenset())
    columns: dict[str, Column[Any]] = {}
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        if attr.key in system or not isinstance(column, Column):
            continue
        columns[attr.key] = column
    return columns


def clean_text(value: str) -> str:
    return _CONTROL.sub("", unicodedata.normalize("NFC", value)).strip()


def coerce(column: Column[Any], field: str, value: Any) -> Any:
    """Turn a raw value into what ``column`` stores, or raise DomainError(field, ...)."""
    if isinstance(value, str):
        value = clean_text(value)
        if value == "":
            value = None
        elif column.info.get("upper"):
            value = value.upper()
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, VocabType):
        if isinstance(value, kind.enum_cls):
            return value
        try:
            return kind.enum_cls.parse(str(value))
        except ValueError:
            allowed = ", ".join(term.label for term in kind.enum_cls)
            raise DomainError(field, f"must be one of: {allowed}") from None
    if isinstance(kind, UTCDateTime):
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                raise DomainError(field, "is not a date and time (YYYY-MM-DD HH:MM)") from None
        if not isinstance(value, datetime):
            raise DomainError(field, "is not a date and time")
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(kind, Date):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise DomainError(field, f"is not a valid date (YYYY-MM-DD): {value}") from None
    if isinstance(kind, Boolean):
        if isinstance(value, bool):
            return value
        lowered = str(value).lower()
        if lowered in ("1", "true", "yes", "y", "on"):
            return True
        if lowered in ("0", "false", "no", "n", "off"):
            return False
        raise DomainError(field, "must be yes or no")
    if isinstance(kind, Integer):
        if isinstance(value, bool):
            raise DomainError(field, "must be a whole number")
        try:
            whole = int(value)
        except (TypeError, ValueError):
            raise DomainError(field, f"must be a whole number, not {value!r}") from None
        # What the column can hold on both databases (INTEGER or BIGINT), not an overflow
        # error from the driver.
        limit = 2**63 - 1 if isinstance(kind, BigInteger) else 2**31 - 1
        if not -limit - 1 <= whole <= limit:
            raise DomainError(field, f"is too large a number (at most {limit:,})")
        return whole
    if isinstance(kind, Float):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise DomainError(field, f"must be a number, not {value!r}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise DomainError(field, "must be a finite number")
        return number
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            value = str(value)
        limit = getattr(kind, "length", None) or MAX_TEXT
        if len(value) > limit:
            raise DomainError(field, f"is too long: {len(value):,} characters, at most {limit:,}")
        return value
    if isinstance(value, list | tuple):
        items = [text for text in (clean_text(str(v)) for v in value) if text]
        terms: type[Vocab] | None = column.info.get("vocab")
        if terms is None:
            return items
        try:
            return [terms.parse(item).value for item in items]
        except ValueError as exc:
            raise DomainError(field, str(exc)) from None
    return value


def _precision_fields(model: type[Any]) -> list[str]:
    prefixes = []
    for name, column in editable_columns(model).items():
        if (
            name.endswith("_precision")
            and isinstance(column.type, VocabType)
            and column.type.enum_cls is DatePrecision
        ):
            prefixes.append(name[: -len("_precision")])
    return prefixes


def _apply(
    obj: Any, values: Mapping[str, Any], *, creating: bool
) -> tuple[Changes, list[DomainError]]:
    model = type(obj)
    columns = editable_columns(model)
    errors: list[DomainError] = []
    changes: Changes = {}
    for field, raw in values.items():
        column = columns.get(field)
        if column is None:
            errors.append(DomainError(field, f"is not a field of a {model.LABEL} you can set"))
            continue
        try:
            value = coerce(column, field, raw)
        except DomainError as exc:
            errors.append(exc)
            continue
        before = getattr(obj, field)
        if before != value:
            changes[field] = (before, value)
            setattr(obj, field, value)
    # Uncertain dates: a date without a precision is exact; no date means UNKNOWN.
    for prefix in _precision_fields(model):
        day = getattr(obj, f"{prefix}_date")
        precision = getattr(obj, f"{prefix}_precision")
        wanted = precision
        if day is None:
            wanted = DatePrecision.UNKNOWN
        elif precision in (None, DatePrecision.UNKNOWN):
            wanted = DatePrecision.DAY
        if wanted != precision:
            key = f"{prefix}_precision"
            changes[key] = (changes.get(key, (precision, None))[0], wanted)
            setattr(obj, key, wanted)
    if creating:
        for field, column in columns.items():
            if (
                getattr(obj, field) is None
                and not column.nullable
                and column.default is None
                and field not in _foreign_keys(model)
            ):
                errors.append(DomainError(field, "is required"))
    return changes, errors


def _apply_defaults(obj: Any) -> None:
    """Fill column defaults now, so rules see what will be stored (not only at flush)."""
    for field, column in editable_columns(type(obj)).items():
        default = column.default
        if default is None or getattr(obj, field) is not None:
            continue
        if getattr(default, "is_scalar", False):
            setattr(obj, field, default.arg)  # type: ignore[attr-defined]
        elif getattr(default, "is_callable", False):
            setattr(obj, field, default.arg(None))  # type: ignore[attr-defined]


def _foreign_keys(model: type[Any]) -> dict[str, Column[Any]]:
    return {name: column for name, column in editable_columns(model).items() if column.foreign_keys}


def _model_for_table(table_name: str) -> type[Any] | None:
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == table_name:
            return mapper.class_
    return None


def _check_references(ctx: Context, obj: Any, fields: Iterable[str]) -> list[DomainError]:
    """Each reference names an existing record that is not retracted."""
    errors: list[DomainError] = []
    fks = _foreign_keys(type(obj))
    for field in fields:
        column = fks.get(field)
        value = getattr(obj, field, None)
        if column is None:
            continue
        target_table = next(iter(column.foreign_keys)).column.table.name
        target = _model_for_table(target_table)
        label = getattr(target, "LABEL", target_table.replace("_", " "))
        if value is None:
            if not column.nullable:
                errors.append(DomainError(field, f"a {label} must be chosen"))
            continue
        if target is None:
            continue
        with ctx.session.no_autoflush:
            referenced = ctx.session.get(target, value)
        if referenced is None:
            errors.append(DomainError(field, f"there is no {label} with id {value}"))
        elif isinstance(referenced, Record) and referenced.retracted_at is not None:
            errors.append(DomainError(field, f"{label} {value} has been retracted"))
    return errors


def _validate(ctx: Context, obj: Any, changes: Changes | None, errors: list[DomainError]) -> None:
    for cls in type(obj).__mro__:
        for fn in _RULES.get(cls, []):
            with ctx.session.no_autoflush:
                errors.extend(fn(ctx, obj, changes))
    if errors:
        raise ValidationErrors(errors)


def _derive(obj: Any) -> None:
    for cls in type(obj).__mro__:
        for fn in _DERIVED.get(cls, []):
            fn(obj)


def create(
    ctx: Context,
    model: type[R],
    values: Mapping[str, Any],
    *,
    role: Role = Role.EDITOR,
    reason: str | None = None,
) -> R:
    """Insert a ``model`` record from ``values``, with its audit event."""
    ctx.require(role, f"creating a {model.LABEL}")
    with atomic(ctx) as call:
        obj = model()
        _apply_defaults(obj)
        _changes, errors = _apply(obj, values, creating=True)
        errors += _check_references(call, obj, _foreign_keys(model))
        _validate(call, obj, None, errors)
        _derive(obj)
        now = call.now()
        obj.created_at = obj.updated_at = now
        obj.created_by_id = obj.updated_by_id = call.user.id
        claimant: Any = obj
        if isinstance(claimant, Claim):
            claimant.claim = ClaimAnchor(kind=claimant.CLAIM_KIND)
        call.session.add(obj)
        call.session.flush()
        record_event(
            call,
            AuditAction.INSERT,
            model.__tablename__,  # type: ignore[attr-defined]
            obj.id,
            {k: jsonable(v) for k, v in _inserted_values(obj).items()},
            reason,
        )
    return obj


def _inserted_values(obj: Any) -> dict[str, Any]:
    skip = {"created_at", "updated_at", "created_by_id", "updated_by_id", "version", "id"}
    values = {}
    for attr in inspect(obj).mapper.column_attrs:
        value = getattr(obj, attr.key)
        if value is not None and attr.key not in skip:
            values[attr.key] = value
    return values


def update(
    ctx: Context,
    obj: R,
    expected_version: int | None,
    values: Mapping[str, Any],
    *,
    role: Role = Role.EDITOR,
    reason: str | None = None,
) -> R:
    """Change ``obj`` as the user who loaded version ``expected_version`` of it.

    A mismatch raises StaleVersion with the stored values, so the caller can show what
    changed meanwhile. Nothing is written (and no audit event) when nothing changed.
    """
    ctx.require(role, f"editing a {obj.LABEL}")
    if obj.retracted_at is not None:
        raise Conflict(None, f"{obj.LABEL} {obj.id} is retracted; restore it before editing")
    if expected_version is not None and obj.version != expected_version:
        raise StaleVersion(
            obj.LABEL,
            obj.id,
            expected_version,
            obj.version,
            row_snapshot(obj),
            type(obj).__tablename__,  # type: ignore[attr-defined]
        )
    with atomic(ctx) as call:
        changes, errors = _apply(obj, values, creating=False)
        errors += _check_references(
            call, obj, [f for f in changes if f in _foreign_keys(type(obj))]
        )
        try:
            _validate(call, obj, changes, errors)
        except CasebookError:
            _undo(obj, changes)
            raise
        if not changes:
            return obj
        _derive(obj)
        obj.updated_at = call.now()
        obj.updated_by_id = call.user.id
        call.session.flush()
        record_event(
            call,
            AuditAction.UPDATE,
            type(obj).__tablename__,  # type: ignore[attr-defined]
            obj.id,
            {k: [jsonable(b), jsonable(a)] for k, (b, a) in changes.items()},
            reason,
        )
    return obj


def _undo(obj: Any, changes: Changes) -> None:
    for field, (before, _after) in changes.items():
        setattr(obj, field, before)


def row_snapshot(obj: Any) -> dict[str, Any]:
    return {attr.key: jsonable(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs}


def retract(
    ctx: Context,
    obj: R,
    reason: str,
    *,
    expected_version: int | None = None,
    role: Role = Role.EDITOR,
) -> R:
    """Mark ``obj`` retracted (kept, hidden by default) with the reason why."""
    ctx.require(role, f"retracting a {obj.LABEL}")
    reason = clean_text(reason or "")
    if not reason:
        raise DomainError("reason", "give a reason for the retraction")
    if obj.retracted_at is not None:
        raise Conflict(None, f"{obj.LABEL} {obj.id} is already retracted")
    if expected_version is not None and obj.version != expected_version:
        raise StaleVersion(
            obj.LABEL,
            obj.id,
            expected_version,
            obj.version,
            row_snapshot(obj),
            type(obj).__tablename__,  # type: ignore[attr-defined]
        )
    with atomic(ctx) as call:
        obj.retracted_at = call.now()
        obj.retracted_by_id = call.user.id
        obj.retraction_reason = reason
        obj.updated_at = call.now()
        obj.updated_by_id = call.user.id
        call.session.flush()
        record_event(
            call,
            AuditAction.RETRACT,
            type(obj).__tablename__,  # type: ignore[attr-defined]
            obj.id,
            {"retracted_at": [None, jsonable(obj.retracted_at)]},
            reason,
        )
    return obj


def restore(ctx: Context, obj: R, reason: str, *, role: Role = Role.REVIEWER) -> R:
    """Undo a retraction (a reviewer's decision), keeping the history in the audit log."""
    ctx.require(role, f"restoring a {obj.LABEL}")
    reason = clean_text(reason or "")
    if not reason:
        raise DomainError("reason", "give a reason for restoring the record")
    if obj.retracted_at is None:
        raise Conflict(None, f"{obj.LABEL} {obj.id} is not retracted")
    with atomic(ctx) as call:
        before = obj.retracted_at
        obj.retracted_at = None
        obj.retracted_by_id = None
        obj.retraction_reason = None
        obj.updated_at = call.now()
        obj.updated_by_id = call.user.id
        call.session.flush()
        record_event(
            call,
            AuditAction.RESTORE,
            type(obj).__tablename__,  # type: ignore[attr-defined]
            obj.id,
            {"retracted_at": [jsonable(before), None]},
            reason,
        )
    return obj


def problems(ctx: Context, obj: Any) -> list[DomainError]:
    """Every rule ``obj`` breaks as it stands (for checking imported or loaded data)."""
    errors = _check_references(ctx, obj, _foreign_keys(type(obj)))
    try:
        _validate(ctx, obj, None, [])
    except ValidationErrors as exc:
        errors += exc.errors
    return errors


def live(model: type[R]) -> Any:
    """A SELECT of the records of ``model`` that are not retracted."""
    return select(model).where(model.retracted_at.is_(None))


def require_fields(obj: Any, *fields: str) -> Iterator[DomainError]:
    for field in fields:
        if getattr(obj, field) in (None, ""):
            yield DomainError(field, "is required")


__all__ = [
    "Vocab",
    "atomic",
    "create",
    "derive",
    "get",
    "live",
    "restore",
    "retract",
    "rule",
    "update",
]
