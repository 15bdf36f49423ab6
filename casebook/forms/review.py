"""Forms of the audit dashboard: the findings' filters (GET), running the audit and
verifying evidence (POST, CSRF only), and the evidence table's filter."""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Form, HiddenField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from casebook.forms.common import BLANK, options
from casebook.services.findings import ENTITY_LABELS, Severity, ordered_rules
from casebook.services.integrity import Status
from casebook.vocab import Audience

_PERSON = re.compile(r"^(?:P-?)?(\d{1,12})$", re.IGNORECASE)


def person_id(raw: str | None) -> int | None:
    """A person id typed as "12" or "P-12"; None when empty or not one."""
    match = _PERSON.match((raw or "").strip())
    return int(match.group(1)) if match else None


def _person_field(form: Any, field: Any) -> None:
    if field.data and person_id(field.data) is None:
        raise ValidationError("Give a person id such as 12 or P-12.")


class FindingFilterForm(Form):
    """Which findings of a run to list (GET parameters)."""

    profile = SelectField(
        "Audit for an output",
        choices=options([("", "No output (the records themselves)"), *Audience.choices()]),
        validators=[Optional()],
        description="Only what that audience would see, and the output rules",
    )
    severity = SelectField(
        "Severity",
        choices=options([BLANK, *((s.value, s.label) for s in Severity)]),
        validators=[Optional()],
    )
    rule = SelectField(
        "Rule",
        choices=options([BLANK, *((r.id, f"{r.id}: {r.title}") for r in ordered_rules())]),
        validators=[Optional()],
    )
    person = StringField(
        "Person", validators=[Optional(), Length(max=20), _person_field], description="12 or P-12"
    )
    entity = SelectField(
        "Record",
        choices=options([BLANK, *sorted(ENTITY_LABELS.items(), key=lambda i: i[1])]),
        validators=[Optional()],
    )


class RunForm(FlaskForm):
    """Run the audit again (a POST with its CSRF token)."""


class VerifyForm(FlaskForm):
    """Re-hash evidence files: every one, or one source's (``source_id``)."""

    source_id = HiddenField(validators=[Optional()])


class EvidenceFilterForm(Form):
    status = SelectField(
        "Last check",
        choices=options(
            [
                (Status.ALL, "Every file"),
                (Status.NEVER, "Never verified"),
                (Status.MISMATCH, "Hash mismatch"),
                (Status.MISSING, "Missing"),
                (Status.MATCH, "Matched"),
            ]
        ),
        validators=[Optional()],
    )
