"""ORM models, one module per aggregate. Importing this package registers every table."""

from casebook.models.accounts import User
from casebook.models.advocacy import Consent, Submission, submission_person
from casebook.models.allegations import Allegation, DeathRecord, Involvement, MedicalEvaluation
from casebook.models.audit import AuditEvent
from casebook.models.claims import Citation, ClaimAnchor
from casebook.models.common import Claim, Record
from casebook.models.detention import CustodyEvent, DetentionEpisode
from casebook.models.dossiers import Dossier, dossier_person, submission_dossier
from casebook.models.people import (
    Person,
    PersonIdentifier,
    PersonName,
    PersonNameToken,
    Relationship,
)
from casebook.models.places import Place, PlaceName
from casebook.models.sources import CustodyLogEntry, EvidenceFile, Informant, Source
from casebook.models.trials import Charge, FairTrialAssessment, Hearing, Proceeding, Sentence

CLAIM_MODELS: tuple[type[Claim], ...] = (
    DetentionEpisode,
    CustodyEvent,
    Proceeding,
    Hearing,
    FairTrialAssessment,
    Sentence,
    Allegation,
    MedicalEvaluation,
    DeathRecord,
)

__all__ = [
    "CLAIM_MODELS",
    "Allegation",
    "AuditEvent",
    "Charge",
    "Citation",
    "Claim",
    "ClaimAnchor",
    "Consent",
    "CustodyEvent",
    "CustodyLogEntry",
    "DeathRecord",
    "DetentionEpisode",
    "Dossier",
    "EvidenceFile",
    "FairTrialAssessment",
    "Hearing",
    "Informant",
    "Involvement",
    "MedicalEvaluation",
    "Person",
    "PersonIdentifier",
    "PersonName",
    "PersonNameToken",
    "Place",
    "PlaceName",
    "Proceeding",
    "Record",
    "Relationship",
    "Sentence",
    "Source",
    "Submission",
    "User",
    "dossier_person",
    "submission_dossier",
    "submission_person",
]
