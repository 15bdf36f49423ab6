"""Forms for persons, their names, identifiers and relatives."""

from __future__ import annotations

from wtforms import BooleanField, FieldList, Form, FormField, SelectField
from wtforms.validators import Optional

from casebook.forms.common import (
    BLANK,
    RecordForm,
    date,
    fuzzy_date,
    id_select,
    long_text,
    options,
    record_id,
    text,
    vocab_select,
)
from casebook.vocab import (
    IdentifierScheme,
    NameKind,
    NameLanguage,
    PersonCategory,
    PersonStatus,
    RelationshipKind,
    Script,
    Sex,
)


class PersonForm(RecordForm):
    category = vocab_select(PersonCategory, "Category")
    sex = vocab_select(Sex, "Sex", default=Sex.UNKNOWN)
    birth_date, birth_precision, birth_as_reported = fuzzy_date("Date of birth")
    birth_place_id = id_select("Place of birth")
    nationality = text("Nationality", max_length=3, description="ISO country code: AM, AZ, RU...")
    military_rank = text("Military rank")
    military_unit = text("Military unit")
    armed_force = text("Armed force")
    civilian_occupation = text("Civilian occupation")
    current_status = vocab_select(PersonStatus, "Current status", default=PersonStatus.UNKNOWN)
    status_as_of = date("Status as of", description="The date the status was last confirmed")
    summary = long_text("Summary")
    urgent = BooleanField("Urgent case")
    urgency_note = long_text("Why it is urgent", rows=2)
    notes = long_text("Internal notes")


class NameEntry(Form):
    """One name form typed on the new-person page (blank rows are ignored)."""

    full_name = text("Name as written", max_length=500)
    script = SelectField(
        "Script", choices=options([BLANK, *Script.choices()]), validators=[Optional()]
    )
    language = SelectField(
        "Language", choices=options([BLANK, *NameLanguage.choices()]), validators=[Optional()]
    )
    kind = SelectField("Kind", choices=options(NameKind.choices()), default=NameKind.VARIANT.value)


class NewPersonForm(PersonForm):
    names = FieldList(FormField(NameEntry), min_entries=3, max_entries=12, label="Names")


class NameForm(RecordForm):
    full_name = text(
        "Name as written",
        required=True,
        max_length=500,
        description="Verbatim, as in the source or as the family writes it",
    )
    given_name = text("Given name", max_length=500)
    patronymic = text("Patronymic", max_length=500)
    family_name = text("Family name", max_length=500)
    script = vocab_select(Script, "Script")
    language = vocab_select(NameLanguage, "Language")
    kind = vocab_select(NameKind, "Kind", default=NameKind.VARIANT)
    note = long_text("Note", rows=2)


class IdentifierForm(RecordForm):
    scheme = vocab_select(IdentifierScheme, "Scheme")
    value = text("Value", required=True, max_length=100)
    issuer = text("Issued by")
    note = long_text("Note", rows=2)


class RelativeForm(RecordForm):
    kind = vocab_select(RelationshipKind, "The related person is this person's")
    related_person_id = record_id(
        "Existing person's casebook id", description="Or leave empty and name a new person below"
    )
    new_name = text("New person's name", max_length=500)
    new_script = SelectField(
        "Script", choices=options([BLANK, *Script.choices()]), validators=[Optional()]
    )
    new_language = SelectField(
        "Language", choices=options([BLANK, *NameLanguage.choices()]), validators=[Optional()]
    )
    is_next_of_kin = BooleanField("Next of kin")
    notify = BooleanField("Person to notify")
    note = long_text("Note", rows=2)


class RelationshipForm(RecordForm):
    """Editing a recorded relative or lawyer (the related person is an existing record)."""

    kind = vocab_select(RelationshipKind, "The related person is this person's")
    related_person_id = record_id(
        "Related person's casebook id",
        required=True,
        description="The id shown as P-… on their case file",
    )
    is_next_of_kin = BooleanField("Next of kin")
    notify = BooleanField("Person to notify")
    note = long_text("Note", rows=2)


class PersonFilterForm(Form):
    """The persons list's filters (GET parameters)."""

    q = text("Name (any script)", max_length=200)
    category = SelectField(
        "Category", choices=options([BLANK, *PersonCategory.choices()]), validators=[Optional()]
    )
    status = SelectField(
        "Current status", choices=options([BLANK, *PersonStatus.choices()]), validators=[Optional()]
    )
    place = SelectField("Place of detention", choices=options([]), validators=[Optional()])
    sort = SelectField(
        "Sort by",
        choices=options(
            [
                ("name", "Name"),
                ("updated", "Recently changed"),
                ("category", "Category"),
                ("status", "Current status"),
            ]
        ),
        default="name",
    )
    show_retracted = BooleanField("Show retracted")
