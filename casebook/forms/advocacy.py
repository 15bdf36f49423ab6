"""Forms for submissions and consents."""

from __future__ import annotations

from wtforms import BooleanField, Form, SelectField, SelectMultipleField
from wtforms.validators import Optional

from casebook.forms.common import (
    BLANK,
    RecordForm,
    date,
    id_select,
    long_text,
    options,
    sort_select,
    text,
    vocab_select,
)
from casebook.vocab import (
    ConsentGiver,
    ConsentMethod,
    ConsentScope,
    Recipient,
    SubmissionStatus,
)


class SubmissionForm(RecordForm):
    recipient = vocab_select(Recipient, "Recipient")
    recipient_detail = text(
        "Recipient: details", description="Required when the recipient is Other"
    )
    procedure = text("Procedure", description="Urgent appeal, regular communication, Rule 39...")
    title = text("Title", required=True, max_length=1000)
    submitted_on = date("Sent on", description="Required once sent; year-month-day")
    reference_number = text("Recipient's reference", max_length=100)
    status = vocab_select(SubmissionStatus, "Status", default=SubmissionStatus.DRAFT)
    outcome = long_text("Outcome", rows=2)
    follow_up_on = date("Follow up on")
    pdf_sha256 = text(
        "SHA-256 of the PDF sent", max_length=64, description="64 hexadecimal characters"
    )
    dossier_id = id_select(
        "Registered dossier sent",
        description="A dossier casebook generated: its PDF's SHA-256 is recorded above",
    )
    notes = long_text("Notes")
    person_ids = text(
        "Persons concerned",
        max_length=2000,
        description="Casebook ids separated by commas, e.g. 12, 40, P-57",
    )


class ConsentForm(RecordForm):
    given_by = vocab_select(ConsentGiver, "Given by", default=ConsentGiver.SELF)
    proxy_name = text("Proxy's name", description="Required when a proxy consented")
    proxy_relationship = text("Proxy's relationship to the person")
    scope = vocab_select(ConsentScope, "Scope")
    recipients_allowed = SelectMultipleField(
        "Recipients allowed",
        choices=options(Recipient.choices()),
        validators=[Optional()],
        description="None selected means any recipient within the scope",
    )
    method = vocab_select(ConsentMethod, "Method")
    given_on = date("Given on", required=True)
    expires_on = date("Expires on")
    withdrawn_on = date("Withdrawn on", description="Set this to record a withdrawal")
    notes = long_text("Notes")


class SubmissionFilterForm(Form):
    """The submissions list's filters (GET parameters)."""

    recipient = SelectField(
        "Recipient", choices=options([BLANK, *Recipient.choices()]), validators=[Optional()]
    )
    status = SelectField(
        "Status", choices=options([BLANK, *SubmissionStatus.choices()]), validators=[Optional()]
    )
    follow_up_due = BooleanField("Follow-up due")
    sort = sort_select(
        ("follow_up", "Follow-up date"),
        ("sent", "Sent, newest first"),
        ("recorded", "Newest recorded"),
    )
    show_retracted = BooleanField("Show retracted")
