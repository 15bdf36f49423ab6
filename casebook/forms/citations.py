"""Forms for citations: a claim, a source (chosen or created here), the pinpoint, the
quote and its translation, the stance and the credibility grade."""

from __future__ import annotations

from wtforms import SelectField
from wtforms.validators import Optional

from casebook.forms.common import (
    BLANK,
    RecordForm,
    credibility,
    id_select,
    long_text,
    options,
    text,
    vocab_select,
)
from casebook.vocab import PinpointKind, SourceType, Stance

# The fields of the "new source" part of the form, by the Source column they fill.
NEW_SOURCE_FIELDS = {"new_source_type": "source_type", "new_title": "title", "new_url": "url"}


class CitationForm(RecordForm):
    source_id = id_select("Source", description="An existing source")
    pinpoint_kind = vocab_select(
        PinpointKind,
        "Pinpoint: kind",
        required=False,
        description="Where in the source: a page, paragraph, time or section",
    )
    pinpoint = text("Pinpoint", description="12, 12-14; § 4.2; 01:02:03; or a section name")
    quote_original = long_text("Quote in the original language", rows=3)
    quote_language = text(
        "Language of the quote", max_length=35, description="A language tag: hy, ru, az-Latn"
    )
    quote_translation = long_text("Translation of the quote", rows=3)
    stance = vocab_select(Stance, "The source", default=Stance.SUPPORTS)
    credibility = credibility()
    note = long_text("Note", rows=2)


class NewCitationForm(CitationForm):
    """Citing, with the option to describe a new source instead of choosing one."""

    new_source_type = SelectField(
        "New source: type",
        choices=options([BLANK, *SourceType.choices()]),
        validators=[Optional()],
    )
    new_title = text("New source: title", max_length=1000)
    new_url = text("New source: web address", max_length=2000)

    def source_values(self) -> dict[str, str | None]:
        return {column: self[name].data for name, column in NEW_SOURCE_FIELDS.items()}

    def describes_new_source(self) -> bool:
        return any((self[name].data or "").strip() for name in NEW_SOURCE_FIELDS)
