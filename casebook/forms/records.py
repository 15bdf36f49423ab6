"""The form behind retracting and restoring any record: a reason, and the version seen."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField

from casebook.forms.common import long_text


class ReasonForm(FlaskForm):
    version = HiddenField()
    reason = long_text(
        "Reason",
        required=True,
        rows=3,
        description="Why: kept with the record and in its history",
    )

    def edited_version(self) -> int | None:
        raw = self.version.data
        return int(raw) if raw and str(raw).isdigit() else None
