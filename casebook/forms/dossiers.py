"""Forms for dossiers: the audience profile, the thematic filters, the reviewer's override
and the PDF to verify."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectMultipleField
from wtforms.validators import Optional

from casebook.forms.common import date as date_field
from casebook.forms.common import id_select, long_text, options, text, vocab_select
from casebook.vocab import (
    DETAINEE_CATEGORIES,
    ActType,
    AllegationStatus,
    Audience,
    PersonCategory,
    PersonStatus,
    Recipient,
)

OVERRIDE_HELP = (
    "Only a reviewer may generate despite errors of the citation audit; the reason is kept "
    "in the register and the audit log"
)


class ProfileForm(FlaskForm):
    """Who the document is for."""

    # "preview" shows what the profile withholds; "generate" queues the document.
    action = HiddenField(default="preview")
    profile = vocab_select(
        Audience,
        "Audience profile",
        default=Audience.CONFIDENTIAL,
        description="Records and sources above the profile are left out or coded",
    )
    recipient = vocab_select(
        Recipient,
        "Recipient kind",
        required=False,
        description="For a confidential dossier: decides which consent names the person",
    )
    recipient_name = text(
        "Named recipient", description="For a confidential dossier, e.g. 'UN WGAD secretariat'"
    )
    override_reason = long_text(
        "Reason for overriding the audit", rows=2, description=OVERRIDE_HELP
    )

    def values(self) -> dict[str, Any]:
        return {
            "audience": Audience.of(self.profile.data),
            "recipient": Recipient.of(self.recipient.data) if self.recipient.data else None,
            "recipient_name": self.recipient_name.data or None,
        }


def _multi(label: str, pairs: list[tuple[str, str]], description: str = "") -> Any:
    return SelectMultipleField(
        label, choices=options(pairs), validators=[Optional()], description=description
    )


class ThematicForm(ProfileForm):
    """A thematic report's selection, with its profile."""

    categories = _multi(
        "Category",
        PersonCategory.choices(),
        "None selected: every detainee category ("
        + ", ".join(c.label.lower() for c in sorted(DETAINEE_CATEGORIES, key=lambda c: c.rank))
        + ")",
    )
    statuses = _multi("Current status", PersonStatus.choices())
    place_id = id_select("Place of detention")
    act_types = _multi("Act type", ActType.choices())
    allegation_statuses = _multi("Allegation status", AllegationStatus.choices())
    date_from = date_field("Captured from", description="Year-month-day, inclusive")
    date_to = date_field("Captured to", description="Year-month-day, inclusive")

    def filters(self) -> dict[str, Any]:
        first: date | None = self.date_from.data
        last: date | None = self.date_to.data
        return {
            "categories": tuple(PersonCategory.of(v) for v in self.categories.data or []),
            "statuses": tuple(PersonStatus.of(v) for v in self.statuses.data or []),
            "place_id": self.place_id.data,
            "act_types": tuple(ActType.of(v) for v in self.act_types.data or []),
            "allegation_statuses": tuple(
                AllegationStatus.of(v) for v in self.allegation_statuses.data or []
            ),
            "date_from": first,
            "date_to": last,
        }


class OverrideForm(FlaskForm):
    override_reason = long_text("Reason", required=True, rows=3, description=OVERRIDE_HELP)


class VerifyForm(FlaskForm):
    file = FileField("PDF to verify", validators=[FileRequired("choose a PDF file")])
