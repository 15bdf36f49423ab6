"""Forms for allegations, perpetrators' involvement, medical evaluations and death records."""

from __future__ import annotations

from wtforms import BooleanField, Form, SelectField
from wtforms.validators import InputRequired, Optional

from casebook.forms.common import (
    BLANK,
    RecordForm,
    date,
    fuzzy_date,
    id_select,
    long_text,
    options,
    record_id,
    sort_select,
    text,
    vocab_select,
)
from casebook.vocab import (
    ActType,
    AllegationStatus,
    DeathManner,
    InvolvementDegree,
    IstanbulGrade,
    StateResponse,
    TriState,
)

# Fields of the new-allegation form that describe its first perpetrator, not the allegation.
PERPETRATOR_FIELDS = frozenset({"perpetrator_unit", "degree"})


class AllegationForm(RecordForm):
    act_type = vocab_select(ActType, "Act")
    start_date, start_precision, start_as_reported = fuzzy_date("Date")
    end_date = date("Until", description="For a continuing act; year-month-day")
    place_id = id_select("Place")
    episode_id = id_select("During the detention")
    proceeding_id = id_select(
        "Proceeding", description="Required for a forced confession: the trial that used it"
    )
    description = long_text("What happened")
    methods = long_text("Methods", rows=2)
    state_response = vocab_select(StateResponse, "State response", default=StateResponse.NONE)
    state_response_note = long_text("State response: details", rows=2)
    legal_references = long_text("Legal references", rows=2)


class NewAllegationForm(AllegationForm):
    perpetrator_unit = text(
        "Perpetrator (unit or body)", description="Optional: the first perpetrator known"
    )
    degree = vocab_select(InvolvementDegree, "Perpetrator's involvement", required=False)


class AllegationStatusForm(RecordForm):
    confidentiality = None  # only the status changes here
    status = SelectField(
        "Status",
        choices=options(
            (term.value, term.label)
            for term in AllegationStatus
            if term is not AllegationStatus.RETRACTED
        ),
        validators=[InputRequired()],
        description="Retracting is done from the case file, with a reason",
    )


class InvolvementForm(RecordForm):
    perpetrator_id = record_id(
        "Perpetrator's casebook id", description="A person in casebook; or name a unit below"
    )
    perpetrator_unit = text("Unit or body")
    degree = vocab_select(InvolvementDegree, "Involvement")
    note = long_text("Note", rows=2)


class EvaluationForm(RecordForm):
    allegation_id = id_select("Allegation examined")
    examined_on = date("Examined on")
    examiner = text("Examiner")
    examiner_qualification = text("Examiner's qualification")
    physical_findings = long_text("Physical findings")
    psychological_findings = long_text("Psychological findings")
    istanbul_grade = vocab_select(
        IstanbulGrade,
        "Istanbul Protocol grade",
        required=False,
        description="Consistency of the findings with the allegation; empty if not graded",
    )
    conclusions = long_text("Conclusions")


class DeathForm(RecordForm):
    death_date, death_precision, death_as_reported = fuzzy_date("Date of death")
    place_id = id_select("Place of death")
    in_custody = vocab_select(TriState, "Died in custody", default=TriState.UNKNOWN)
    cause = long_text("Cause of death", rows=2)
    manner = vocab_select(DeathManner, "Manner of death", default=DeathManner.UNDETERMINED)
    autopsy = vocab_select(TriState, "Autopsy performed", default=TriState.UNKNOWN)
    autopsy_by = text("Autopsy by")
    remains_returned = vocab_select(TriState, "Remains returned", default=TriState.UNKNOWN)
    remains_returned_date = date("Remains returned on")
    notes = long_text("Notes")


class AllegationFilterForm(Form):
    """The allegations list's filters (GET parameters)."""

    act_type = SelectField(
        "Act", choices=options([BLANK, *ActType.choices()]), validators=[Optional()]
    )
    status = SelectField(
        "Status", choices=options([BLANK, *AllegationStatus.choices()]), validators=[Optional()]
    )
    state_response = SelectField(
        "State response",
        choices=options([BLANK, *StateResponse.choices()]),
        validators=[Optional()],
    )
    sort = sort_select(
        ("recorded", "Newest recorded"),
        ("date", "Date of the act, newest first"),
        ("oldest", "Date of the act, oldest first"),
    )
    show_retracted = BooleanField("Show retracted")
