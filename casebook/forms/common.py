"""Field helpers shared by every form: vocabulary selects, uncertain dates, the record
fields (version, confidentiality), and moving service errors onto form fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    Field,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import (  # type: ignore[attr-defined]  # (stubs lag 3.3)
    SelectChoice as SelectChoice,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from casebook.errors import DomainError, ValidationErrors
from casebook.vocab import CREDIBILITY_LABELS, Confidentiality, DatePrecision, Vocab

NOT_FORM_DATA = frozenset({"csrf_token", "version", "submit"})
BLANK = ("", "—")


def options(pairs: Iterable[tuple[Any, str]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def vocab_select(
    vocab: type[Vocab],
    label: str,
    *,
    required: bool = True,
    default: Vocab | None = None,
    description: str = "",
) -> Any:
    choices = options(vocab.choices() if required else [BLANK, *vocab.choices()])
    return SelectField(
        label,
        choices=choices,
        default=default.value if default is not None else None,
        validators=[InputRequired()] if required else [Optional()],
        description=description,
    )


def id_select(label: str, *, required: bool = False, description: str = "") -> Any:
    """A select of records; the view fills ``choices`` with (id, label) pairs."""
    return SelectField(
        label,
        choices=[],
        coerce=_optional_int,
        validate_choice=True,
        validators=[InputRequired()] if required else [Optional()],
        description=description,
    )


def _optional_int(value: Any) -> int | None:
    if value in (None, "", "None"):
        return None
    return int(value)


def text(
    label: str, *, required: bool = False, max_length: int = 255, description: str = ""
) -> Any:
    validators: list[Any] = [InputRequired()] if required else [Optional()]
    validators.append(Length(max=max_length))
    return StringField(label, validators=validators, description=description)


def long_text(label: str, *, required: bool = False, description: str = "", rows: int = 4) -> Any:
    validators: list[Any] = [InputRequired()] if required else [Optional()]
    validators.append(Length(max=100_000))
    return TextAreaField(
        label, validators=validators, description=description, render_kw={"rows": rows}
    )


def date(label: str, *, required: bool = False, description: str = "") -> Any:
    return DateField(
        label,
        validators=[InputRequired()] if required else [Optional()],
        description=description or "Year-month-day",
    )


def fuzzy_date(label: str) -> tuple[Any, Any, Any]:
    """The three fields of an uncertain date: the date, its precision, as reported."""
    return (
        date(label, description="If only the month or year is known, give the first day"),
        vocab_select(
            DatePrecision,
            f"{label}: precision",
            required=False,
            description="Leave empty for an exact day",
        ),
        text(f"{label}: as reported", description="The date in the source's own words"),
    )


def credibility(label: str = "Credibility") -> Any:
    return SelectField(
        label,
        choices=options([BLANK, *((str(k), f"{k}: {v}") for k, v in CREDIBILITY_LABELS.items())]),
        coerce=_optional_int,
        validators=[Optional(), NumberRange(1, 6)],
        description="Admiralty scale, graded for this citation",
    )


def sort_select(*orders: tuple[str, str]) -> Any:
    """A list's "Sort by" select: (value, label) pairs, the first the default."""
    return SelectField(
        "Sort by", choices=options(orders), default=orders[0][0], validators=[Optional()]
    )


# The largest whole number an INTEGER column holds on both databases (PostgreSQL's is 32-bit):
# larger typing is refused beside the field instead of failing in the database.
MAX_INT = 2**31 - 1


def whole_number(label: str, *, minimum: int = 0, description: str = "") -> Any:
    return IntegerField(
        label,
        validators=[Optional(), NumberRange(min=minimum, max=MAX_INT)],
        description=description,
    )


def record_id(label: str, *, required: bool = False, description: str = "") -> Any:
    """A record typed by its casebook id (a person, a source): a whole number from 1."""
    presence: Any = InputRequired() if required else Optional()
    return IntegerField(
        label,
        validators=[presence, NumberRange(min=1, max=MAX_INT, message="no record has this id")],
        description=description,
    )


class VersionedForm(FlaskForm):
    """A form that changes one stored record: it carries the version the user edited."""

    version = HiddenField()

    def edited_version(self) -> int | None:
        raw = self.version.data
        return int(raw) if raw and str(raw).isdigit() else None


class RecordForm(VersionedForm):
    """Fields every record form carries: the version edited and the confidentiality."""

    confidentiality = vocab_select(
        Confidentiality,
        "Confidentiality",
        default=Confidentiality.CONFIDENTIAL,
        description="Who may ever see this record: dossiers leave out anything above "
        "their audience",
    )

    def values(self, skip: Iterable[str] = ()) -> dict[str, Any]:
        """The fields a service takes, by name (the same names as the model's columns)."""
        leave_out = NOT_FORM_DATA | set(skip)
        return {name: field.data for name, field in self._fields.items() if name not in leave_out}


def show_errors(form: FlaskForm, exc: DomainError) -> None:
    """Put a service's errors next to the fields they name (or at the top of the form)."""
    problems = exc.errors if isinstance(exc, ValidationErrors) else [exc]
    for problem in problems:
        field: Field | None = form._fields.get(problem.field or "")
        if field is not None:
            field.errors = [*field.errors, problem.message]
        else:
            general = getattr(form, "general_errors", [])
            label = (problem.field or "").replace("_", " ")
            general.append(f"{label}: {problem.message}" if label else problem.message)
            form.general_errors = general
