"""Forms for sources: the record, its grade, its informant, evidence uploads and the
list's filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    Form,
    SelectField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from casebook.forms.common import (
    BLANK,
    RecordForm,
    VersionedForm,
    fuzzy_date,
    long_text,
    options,
    record_id,
    sort_select,
    text,
    vocab_select,
    whole_number,
)
from casebook.vocab import EvidenceRole, Reliability, SourceAffiliation, SourceType

UNGRADED = "ungraded"


class LinesField(TextAreaField):
    """A textarea holding one entry per line; its data is the list of non-blank lines."""

    def process_formdata(self, valuelist: Sequence[Any]) -> None:
        raw = str(valuelist[0]) if valuelist else ""
        self.data = [line.strip() for line in raw.splitlines() if line.strip()]  # type: ignore[assignment]

    def process_data(self, value: Any) -> None:
        self.data = list(value or [])  # type: ignore[assignment]

    def _value(self) -> str:
        return "\n".join(self.data or [])


def moment(label: str, description: str = "") -> Any:
    """A date and time (local input); a bare date is accepted as midnight."""
    return DateTimeLocalField(
        label,
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        validators=[Optional()],
        description=description or "Year-month-day and time (UTC)",
    )


class SourceForm(RecordForm):
    source_type = vocab_select(SourceType, "Type of source")
    title = text("Title", required=True, max_length=1000)
    author = text("Author")
    publisher = text("Publisher")
    language = text("Language", max_length=35, description="A language tag: hy, ru, az-Latn, en")
    published_date, published_precision, published_as_reported = fuzzy_date("Published")
    url = text("Web address", max_length=2000, description="http:// or https://")
    archive_urls = LinesField(
        "Archived copies",
        validators=[Optional()],
        description="One web address per line (Wayback Machine, archive.today...)",
        render_kw={"rows": 3},
    )
    retrieved_at = moment("Retrieved", "When the web page was captured (UTC)")
    derived_from_id = record_id(
        "Derived from source",
        description="The casebook id of the original this source copies or re-reports",
    )
    affiliation = vocab_select(
        SourceAffiliation, "Affiliation of the source", default=SourceAffiliation.UNKNOWN
    )
    extent_pages = whole_number("Number of pages", minimum=1)
    extent_seconds = whole_number("Running time in seconds", minimum=1)
    summary = long_text("Summary")


class GradeForm(VersionedForm):
    """A reviewer's grade of a source's reliability, with the reason."""

    reliability = vocab_select(Reliability, "Reliability (Admiralty scale)")
    reliability_rationale = long_text("Why this grade", required=True)


class InformantForm(RecordForm):
    """Who gave us the source (always restricted: the field below is ignored)."""

    confidentiality = None  # always RESTRICTED
    name = text("Name", required=True)
    contact = long_text("How to reach them", rows=2)
    relation_to_case = text("Relation to the case")
    notes = long_text("Notes")


class UploadForm(FlaskForm):
    file = FileField("File", validators=[FileRequired("choose a file to upload")])
    role = vocab_select(EvidenceRole, "Role of this file", default=EvidenceRole.ORIGINAL)
    acquired_at = moment("Acquired", "When casebook's organisation obtained the file (UTC)")
    acquired_by = text("Acquired by", description="Who collected the file")
    note = long_text("Note", rows=2)


class SourceFilterForm(Form):
    """The sources list's filters (GET parameters)."""

    q = text("Title contains", max_length=200)
    source_type = SelectField(
        "Type", choices=options([BLANK, *SourceType.choices()]), validators=[Optional()]
    )
    affiliation = SelectField(
        "Affiliation",
        choices=options([BLANK, *SourceAffiliation.choices()]),
        validators=[Optional()],
    )
    reliability = SelectField(
        "Reliability",
        choices=options(
            [BLANK, (UNGRADED, "Not yet graded"), *((r.value, r.label) for r in Reliability)]
        ),
        validators=[Optional(), Length(max=20)],
    )
    sort = sort_select(
        ("recorded", "Newest recorded"),
        ("title", "Title"),
        ("published", "Published, newest first"),
    )
    show_retracted = BooleanField("Show retracted")


__all__ = [
    "UNGRADED",
    "GradeForm",
    "InformantForm",
    "LinesField",
    "SourceFilterForm",
    "SourceForm",
    "UploadForm",
]
