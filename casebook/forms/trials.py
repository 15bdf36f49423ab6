"""Forms for proceedings, charges, hearings, the fair-trial matrix and sentences."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, HiddenField, SelectField
from wtforms.validators import Optional

from casebook.forms.common import (
    BLANK,
    RecordForm,
    date,
    fuzzy_date,
    id_select,
    long_text,
    options,
    text,
    vocab_select,
    whole_number,
)
from casebook.models.trials import FairTrialAssessment
from casebook.vocab import (
    ChargeOutcome,
    CounselType,
    Finding,
    Guarantee,
    MonitoringMode,
    ProceedingInstance,
    PublicAccess,
    Restraint,
    SentenceType,
    TriState,
)


class ProceedingForm(RecordForm):
    instance = vocab_select(ProceedingInstance, "Instance")
    parent_id = id_select(
        "Reviews the proceeding", description="For an appeal or cassation: the lower instance"
    )
    episode_id = id_select("During the detention")
    court_id = id_select("Court")
    case_number = text("Case number", max_length=100)
    start_date, start_precision, start_as_reported = fuzzy_date("Opened")
    end_date = date("Verdict or closing date")
    judges = long_text("Judges", rows=2)
    prosecutor = text("Prosecutor")
    counsel_type = vocab_select(CounselType, "Counsel", default=CounselType.UNKNOWN)
    counsel_name = text("Counsel's name")
    trial_language = text("Language of the trial", max_length=35)
    interpreter = vocab_select(TriState, "Interpreter provided", default=TriState.UNKNOWN)
    public_access = vocab_select(PublicAccess, "Public access", default=PublicAccess.UNKNOWN)
    icrc_notified = vocab_select(TriState, "ICRC notified", default=TriState.UNKNOWN)
    protecting_power_notified = vocab_select(
        TriState, "Protecting Power notified", default=TriState.UNKNOWN
    )
    verdict_summary = long_text("Verdict")
    summary = long_text("Summary")


class ChargeForm(RecordForm):
    statute = text("Statute", required=True, description="The code or law, e.g. Criminal Code")
    article = text("Article", max_length=100)
    text_as_charged = long_text("Charge as worded", description="In the original language")
    text_en = long_text("Charge in English")
    outcome = vocab_select(ChargeOutcome, "Outcome", default=ChargeOutcome.PENDING)
    concerns_pre_capture_conduct = vocab_select(
        TriState, "Concerns conduct before capture", default=TriState.UNKNOWN
    )


class HearingForm(RecordForm):
    hearing_date = date("Hearing date", required=True)
    monitored_by = text("Monitored by")
    monitoring_mode = vocab_select(MonitoringMode, "How it was monitored")
    public_admitted = vocab_select(TriState, "Public admitted", default=TriState.UNKNOWN)
    defendant_present = vocab_select(TriState, "Defendant present", default=TriState.UNKNOWN)
    counsel_present = vocab_select(TriState, "Counsel present", default=TriState.UNKNOWN)
    interpreter_present = vocab_select(TriState, "Interpreter present", default=TriState.UNKNOWN)
    restraints = vocab_select(Restraint, "Restraints", default=Restraint.UNKNOWN)
    observed = long_text("What the monitor saw", description="Only what was seen first-hand")
    reported = long_text("What the monitor was told", description="Say who told them")
    irregularities = long_text("Irregularities")
    next_date = date("Next hearing")


class SentenceForm(RecordForm):
    sentence_type = vocab_select(SentenceType, "Sentence")
    term_months = whole_number("Term (months)", minimum=1)
    start_date = date("Counted from")
    facility_id = id_select("To be served at")
    appeal = long_text("Appeal", rows=2)
    pardon_or_release = long_text("Pardon or release", rows=2)
    release_date = date("Released on")


class MatrixForm(FlaskForm):
    """The G01-G15 matrix as one form: for each guarantee ``Gnn.finding``,
    ``Gnn.rationale`` and the hidden ``Gnn.version`` edited (the names the service's errors
    use, so they land next to the right guarantee)."""

    def entries(self) -> list[tuple[Guarantee, Any, Any, Any]]:
        return [
            (
                g,
                self[f"{g.value}.finding"],
                self[f"{g.value}.rationale"],
                self[f"{g.value}.version"],
            )
            for g in Guarantee
        ]

    def changes(
        self, current: Mapping[Guarantee, FairTrialAssessment]
    ) -> dict[Guarantee | str, dict[str, Any]]:
        """Only the guarantees whose finding or rationale was given or changed."""
        changed: dict[Guarantee | str, dict[str, Any]] = {}
        for g, finding, rationale, _version in self.entries():
            values = {"finding": finding.data, "rationale": (rationale.data or "").strip()}
            row = current.get(g)
            before = (
                (row.finding.value, row.rationale or "")
                if row is not None
                else (Finding.NO_INFORMATION.value, "")
            )
            if (values["finding"], values["rationale"]) != before:
                changed[g] = values
        return changed

    def versions(self) -> dict[Guarantee, int]:
        return {
            g: int(version.data)
            for g, _finding, _rationale, version in self.entries()
            if str(version.data or "").isdigit()
        }

    def refresh_versions(self, current: Mapping[Guarantee, FairTrialAssessment]) -> None:
        """After a stale save, take the stored versions: saving again is then deliberate."""
        for g, _finding, _rationale, version in self.entries():
            if version.errors and g in current:
                version.data = str(current[g].version)

    @classmethod
    def prefill(cls, current: Mapping[Guarantee, FairTrialAssessment]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for g, row in current.items():
            data[f"{g.value}.finding"] = row.finding.value
            data[f"{g.value}.rationale"] = row.rationale or ""
            data[f"{g.value}.version"] = str(row.version)
        return data


for _g in Guarantee:
    setattr(
        MatrixForm,
        f"{_g.value}.finding",
        SelectField(
            f"{_g.value} {_g.label}: finding",
            choices=options(Finding.choices()),
            default=Finding.NO_INFORMATION.value,
            description=_g.code,
        ),
    )
    setattr(MatrixForm, f"{_g.value}.rationale", long_text(f"{_g.value}: rationale", rows=2))
    setattr(MatrixForm, f"{_g.value}.version", HiddenField())


class ProceedingFilterForm(Form):
    """The proceedings list's filters (GET parameters)."""

    instance = SelectField(
        "Instance", choices=options([BLANK, *ProceedingInstance.choices()]), validators=[Optional()]
    )
    court = SelectField("Court", choices=options([]), validators=[Optional()])
    start_from = date("Opened on or after")
    start_to = date("Opened on or before")
    sort = SelectField(
        "Sort by",
        choices=options([("newest", "Newest first"), ("oldest", "Oldest first")]),
        default="newest",
    )
    show_retracted = BooleanField("Show retracted")
