"""Forms for detention episodes (capture to release) and custody events."""

from __future__ import annotations

from casebook.forms.common import (
    RecordForm,
    date,
    fuzzy_date,
    id_select,
    long_text,
    text,
    vocab_select,
)
from casebook.vocab import Acknowledgment, AssertedStatus, CustodyEventType, EpisodeEndReason


class EpisodeForm(RecordForm):
    capture_date, capture_precision, capture_as_reported = fuzzy_date("Capture date")
    capture_place_id = id_select("Place of capture")
    capturing_force = text("Capturing force", description="Unit or service, as reported")
    circumstances = long_text("Circumstances of the capture")
    warrant = long_text("Warrant", rows=2, description="Any arrest warrant or order shown")
    legal_basis = long_text("Legal basis cited", rows=2)
    acknowledgment = vocab_select(
        Acknowledgment, "Acknowledgment of the detention", default=Acknowledgment.UNKNOWN
    )
    acknowledged_date = date("Acknowledged or answered on")
    detaining_state_status = vocab_select(
        AssertedStatus, "Status asserted by the detaining state", default=AssertedStatus.UNKNOWN
    )
    home_state_status = vocab_select(
        AssertedStatus, "Status asserted by the home state", default=AssertedStatus.UNKNOWN
    )
    end_date, end_precision, end_as_reported = fuzzy_date("End of detention")
    end_reason = vocab_select(
        EpisodeEndReason, "How the detention ended", default=EpisodeEndReason.ONGOING
    )


class CustodyEventForm(RecordForm):
    event_type = vocab_select(CustodyEventType, "Event")
    start_date, start_precision, start_as_reported = fuzzy_date("Date")
    end_date = date("Until", description="For periods (incommunicado, hospital stay)")
    from_place_id = id_select("From (place)")
    to_place_id = id_select("To (place)", description="Required for transfers and repatriation")
    custodian = text("Custodian", description="The authority or unit holding the person")
    description = long_text("Details")
