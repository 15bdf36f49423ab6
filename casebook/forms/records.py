"""The form behind retracting and restoring any record: a reason, and the version seen."""

from __future__ import annotations

from casebook.forms.common import VersionedForm, long_text


class ReasonForm(VersionedForm):
    reason = long_text(
        "Reason",
        required=True,
        rows=3,
        description="Why: kept with the record and in its history",
    )
