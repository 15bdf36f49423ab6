"""Forms for places and their names in several scripts."""

from __future__ import annotations

from wtforms import BooleanField, FieldList, FloatField, Form, FormField, SelectField
from wtforms.validators import NumberRange, Optional

from casebook.forms.common import (
    BLANK,
    RecordForm,
    id_select,
    long_text,
    options,
    text,
    vocab_select,
)
from casebook.models.common import NAME_LENGTH
from casebook.vocab import CoordinatePrecision, NameKind, NameLanguage, PlaceKind, Script


class PlaceForm(RecordForm):
    kind = vocab_select(PlaceKind, "Kind")
    name = text(
        "Name",
        required=True,
        max_length=NAME_LENGTH,
        description="The name casebook uses in its own pages and dossiers",
    )
    country = text("Country", max_length=3, description="ISO 3166 code: AM, AZ, RU...")
    region = text("Region")
    latitude = FloatField(
        "Latitude",
        validators=[Optional(), NumberRange(-90, 90)],
        description="Decimal degrees, -90 to 90",
    )
    longitude = FloatField(
        "Longitude",
        validators=[Optional(), NumberRange(-180, 180)],
        description="Decimal degrees, -180 to 180",
    )
    coordinate_precision = vocab_select(
        CoordinatePrecision,
        "Coordinate precision",
        required=False,
        description="Required with coordinates",
    )
    parent_id = id_select("Inside", description="The settlement or region the place is in")
    note = long_text("Note", rows=3)


class PlaceNameEntry(Form):
    """One name form typed on the new-place page (blank rows are ignored)."""

    name = text("Name as written", max_length=NAME_LENGTH)
    script = SelectField(
        "Script", choices=options([BLANK, *Script.choices()]), validators=[Optional()]
    )
    language = SelectField(
        "Language", choices=options([BLANK, *NameLanguage.choices()]), validators=[Optional()]
    )
    kind = SelectField("Kind", choices=options(NameKind.choices()), default=NameKind.VARIANT.value)


class NewPlaceForm(PlaceForm):
    names = FieldList(
        FormField(PlaceNameEntry), min_entries=3, max_entries=3, label="Other name forms"
    )


class PlaceNameForm(RecordForm):
    name = text("Name as written", required=True, max_length=NAME_LENGTH)
    script = vocab_select(Script, "Script")
    language = vocab_select(NameLanguage, "Language")
    kind = vocab_select(NameKind, "Kind", default=NameKind.VARIANT)


class PlaceFilterForm(Form):
    """The places list's filters (GET parameters)."""

    kind = SelectField(
        "Kind", choices=options([BLANK, *PlaceKind.choices()]), validators=[Optional()]
    )
    show_retracted = BooleanField("Show retracted")
