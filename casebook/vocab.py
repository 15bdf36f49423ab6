"""Controlled vocabularies: one enum per list, each term with a label and a standard code.

Values are what the database stores (and CHECK constraints allow); labels are what people
read in forms and PDFs; codes name the term in the standard it comes from (ISO 15924
scripts, BCP 47 languages, the Admiralty grading scale, the Istanbul Protocol grades, the
WGAD categories, HURIDOCS degrees of involvement...). Where no standard applies the code
repeats the value.
"""

from __future__ import annotations

from enum import Enum
from typing import Self


class Vocab(str, Enum):  # noqa: UP042 (custom __new__ with label and code)
    """Base for every vocabulary: ``Term("VALUE", "Label", "code")``."""

    label: str
    code: str

    def __new__(cls, value: str, label: str, code: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        obj.code = code or value
        return obj

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(term.value, term.label) for term in cls]

    @classmethod
    def of(cls, value: str) -> Self:
        """The term whose stored value is ``value``; ValueError if none."""
        try:
            return cls._value2member_map_[value]  # type: ignore[return-value]
        except KeyError:
            raise ValueError(f"{value!r} is not a {cls.__name__} value") from None

    @classmethod
    def parse(cls, raw: str) -> Self:
        """Find a term by value, code or label (case-insensitive); ValueError if none."""
        wanted = raw.strip().casefold()
        for term in cls:
            if wanted in (term.value.casefold(), term.code.casefold(), term.label.casefold()):
                return term
        allowed = ", ".join(term.value for term in cls)
        raise ValueError(f"{raw!r} is not one of: {allowed}")

    @property
    def rank(self) -> int:
        """Position in declaration order; meaningful for ordered scales."""
        return list(type(self)).index(self)


class Confidentiality(Vocab):
    PUBLIC = ("PUBLIC", "Public")
    PARTNER = ("PARTNER", "Partner organisations")
    CONFIDENTIAL = ("CONFIDENTIAL", "Confidential")
    RESTRICTED = ("RESTRICTED", "Restricted (never leaves the organisation)")


class DatePrecision(Vocab):
    DAY = ("DAY", "Exact day")
    MONTH = ("MONTH", "Month and year")
    YEAR = ("YEAR", "Year only")
    APPROXIMATE = ("APPROXIMATE", "Approximate")
    UNKNOWN = ("UNKNOWN", "Unknown")


class PersonCategory(Vocab):
    POW = ("POW", "Prisoner of war", "GCIII-4")
    CIVILIAN_DETAINEE = ("CIVILIAN_DETAINEE", "Civilian detainee")
    CIVILIAN_INTERNEE = ("CIVILIAN_INTERNEE", "Civilian internee", "GCIV-79")
    MISSING = ("MISSING", "Missing person")
    DECEASED = ("DECEASED", "Deceased")
    RELATIVE = ("RELATIVE", "Relative")
    WITNESS = ("WITNESS", "Witness")
    PERPETRATOR = ("PERPETRATOR", "Alleged perpetrator")
    OFFICIAL = ("OFFICIAL", "Official")
    LAWYER = ("LAWYER", "Lawyer")
    JUDGE = ("JUDGE", "Judge")


DETAINEE_CATEGORIES = frozenset(
    {
        PersonCategory.POW,
        PersonCategory.CIVILIAN_DETAINEE,
        PersonCategory.CIVILIAN_INTERNEE,
        PersonCategory.MISSING,
        PersonCategory.DECEASED,
    }
)


class Sex(Vocab):
    # ISO/IEC 5218 codes
    MALE = ("MALE", "Male", "1")
    FEMALE = ("FEMALE", "Female", "2")
    UNKNOWN = ("UNKNOWN", "Not known", "0")


class PersonStatus(Vocab):
    DETAINED = ("DETAINED", "Detained")
    RELEASED = ("RELEASED", "Released")
    REPATRIATED = ("REPATRIATED", "Repatriated")
    MISSING = ("MISSING", "Missing")
    DECEASED = ("DECEASED", "Deceased")
    UNKNOWN = ("UNKNOWN", "Unknown")


class Script(Vocab):
    # ISO 15924
    ARMN = ("ARMN", "Armenian", "Armn")
    LATN = ("LATN", "Latin", "Latn")
    CYRL = ("CYRL", "Cyrillic", "Cyrl")


class NameLanguage(Vocab):
    # BCP 47 tags
    HY = ("HY", "Armenian", "hy")
    HY_LATN = ("HY_LATN", "Armenian, Latin transliteration", "hy-Latn")
    RU = ("RU", "Russian", "ru")
    AZ_LATN = ("AZ_LATN", "Azerbaijani (Latin)", "az-Latn")
    EN = ("EN", "English", "en")
    UND = ("UND", "Other or undetermined", "und")


class NameKind(Vocab):
    PRIMARY = ("PRIMARY", "Primary")
    VARIANT = ("VARIANT", "Variant spelling")
    ALIAS = ("ALIAS", "Alias")
    MISSPELLING = ("MISSPELLING", "Misspelling found in a source")


class IdentifierScheme(Vocab):
    SERVICE_NUMBER = ("SERVICE_NUMBER", "Military service number", "GCIII-17")
    PASSPORT = ("PASSPORT", "Passport")
    NATIONAL_ID = ("NATIONAL_ID", "National identity number")
    ICRC_REF = ("ICRC_REF", "ICRC reference")
    ECTHR_APP = ("ECTHR_APP", "ECtHR application number")


class RelationshipKind(Vocab):
    PARENT = ("PARENT", "Parent")
    CHILD = ("CHILD", "Child")
    SPOUSE = ("SPOUSE", "Spouse or partner")
    SIBLING = ("SIBLING", "Sibling")
    OTHER_RELATIVE = ("OTHER_RELATIVE", "Other relative")
    LAWYER = ("LAWYER", "Lawyer")
    OTHER = ("OTHER", "Other")


class PlaceKind(Vocab):
    PRISON = ("PRISON", "Prison")
    PRETRIAL = ("PRETRIAL", "Pre-trial detention facility")
    SECURITY_SERVICE = ("SECURITY_SERVICE", "Security-service facility")
    MILITARY_BASE = ("MILITARY_BASE", "Military base")
    POLICE = ("POLICE", "Police station")
    HOSPITAL = ("HOSPITAL", "Hospital")
    COURT = ("COURT", "Court")
    CAPTURE_SITE = ("CAPTURE_SITE", "Capture site")
    HERITAGE_SITE = ("HERITAGE_SITE", "Heritage site")
    BORDER_POINT = ("BORDER_POINT", "Border point")
    SETTLEMENT = ("SETTLEMENT", "Settlement")
    OTHER = ("OTHER", "Other")


DETENTION_PLACE_KINDS = frozenset(
    {
        PlaceKind.PRISON,
        PlaceKind.PRETRIAL,
        PlaceKind.SECURITY_SERVICE,
        PlaceKind.MILITARY_BASE,
        PlaceKind.POLICE,
        PlaceKind.HOSPITAL,
        PlaceKind.OTHER,
    }
)


class CoordinatePrecision(Vocab):
    EXACT = ("EXACT", "Exact (within 100 m)")
    APPROXIMATE = ("APPROXIMATE", "Approximate (within 5 km)")
    SETTLEMENT = ("SETTLEMENT", "Settlement centre")
    REGION = ("REGION", "Region only")


class Acknowledgment(Vocab):
    ACKNOWLEDGED = ("ACKNOWLEDGED", "Acknowledged by the detaining state")
    DENIED = ("DENIED", "Denied by the detaining state")
    NOT_IDENTIFIED = ("NOT_IDENTIFIED", "State says it cannot identify the person")
    UNKNOWN = ("UNKNOWN", "Unknown")


class AssertedStatus(Vocab):
    POW = ("POW", "Prisoner of war")
    CIVILIAN = ("CIVILIAN", "Civilian")
    CRIMINAL_SUSPECT = ("CRIMINAL_SUSPECT", "Criminal suspect")
    TERRORIST = ("TERRORIST", "\u201cTerrorist\u201d")
    OTHER = ("OTHER", "Other")
    UNKNOWN = ("UNKNOWN", "Unknown")


class EpisodeEndReason(Vocab):
    ONGOING = ("ONGOING", "Ongoing")
    RELEASED = ("RELEASED", "Released")
    REPATRIATED = ("REPATRIATED", "Repatriated")
    EXCHANGED = ("EXCHANGED", "Exchanged")
    DIED = ("DIED", "Died in custody")


class CustodyEventType(Vocab):
    TRANSFER = ("TRANSFER", "Transfer")
    INTERROGATION = ("INTERROGATION", "Interrogation")
    HOSPITAL_ADMISSION = ("HOSPITAL_ADMISSION", "Hospital admission")
    ICRC_VISIT = ("ICRC_VISIT", "ICRC visit", "GCIII-126")
    FAMILY_CONTACT = ("FAMILY_CONTACT", "Family contact")
    CAPTURE_CARD = ("CAPTURE_CARD", "Capture card", "GCIII-70")
    COUNSEL_VISIT = ("COUNSEL_VISIT", "Counsel visit")
    INCOMMUNICADO = ("INCOMMUNICADO", "Incommunicado period")
    RELEASE = ("RELEASE", "Release")
    REPATRIATION = ("REPATRIATION", "Repatriation", "GCIII-118")
    DEATH = ("DEATH", "Death")


class ProceedingInstance(Vocab):
    INVESTIGATION = ("INVESTIGATION", "Investigation")
    FIRST_INSTANCE = ("FIRST_INSTANCE", "First instance")
    APPEAL = ("APPEAL", "Appeal")
    CASSATION = ("CASSATION", "Cassation")


class CounselType(Vocab):
    CHOSEN = ("CHOSEN", "Counsel of own choosing")
    APPOINTED = ("APPOINTED", "State-appointed counsel")
    NONE = ("NONE", "No counsel")
    UNKNOWN = ("UNKNOWN", "Unknown")


class PublicAccess(Vocab):
    OPEN = ("OPEN", "Open to the public")
    PARTIAL = ("PARTIAL", "Partly open")
    CLOSED = ("CLOSED", "Closed")
    UNKNOWN = ("UNKNOWN", "Unknown")


class TriState(Vocab):
    YES = ("YES", "Yes")
    NO = ("NO", "No")
    UNKNOWN = ("UNKNOWN", "Unknown")


class ChargeOutcome(Vocab):
    PENDING = ("PENDING", "Pending")
    CONVICTED = ("CONVICTED", "Convicted")
    ACQUITTED = ("ACQUITTED", "Acquitted")
    DROPPED = ("DROPPED", "Dropped")


class MonitoringMode(Vocab):
    DIRECT = ("DIRECT", "Direct observation")
    COURT_RECORD = ("COURT_RECORD", "Court record")
    LAWYER = ("LAWYER", "Lawyer's account")
    MEDIA = ("MEDIA", "Media report")


class Restraint(Vocab):
    NONE = ("NONE", "None")
    HANDCUFFS = ("HANDCUFFS", "Handcuffs")
    CAGE = ("CAGE", "Metal cage")
    GLASS_BOX = ("GLASS_BOX", "Glass box")
    UNKNOWN = ("UNKNOWN", "Unknown")


class Guarantee(Vocab):
    """Fair-trial guarantees; codes cite ICCPR Art. 14 and the Geneva Conventions."""

    G01 = ("G01", "Independent and impartial tribunal", "ICCPR 14(1); GCIII 84")
    G02 = ("G02", "Public hearing", "ICCPR 14(1)")
    G03 = ("G03", "Presumption of innocence (incl. caging)", "ICCPR 14(2)")
    G04 = ("G04", "Charges promptly, in a language understood", "ICCPR 14(3)(a); GCIII 104")
    G05 = ("G05", "Time and facilities; confidential counsel", "ICCPR 14(3)(b); GCIII 105")
    G06 = ("G06", "Trial without undue delay", "ICCPR 14(3)(c); GCIII 103")
    G07 = ("G07", "Counsel of own choosing", "ICCPR 14(3)(d); GCIII 105")
    G08 = ("G08", "Witnesses; equality of arms", "ICCPR 14(3)(e)")
    G09 = ("G09", "Free interpreter", "ICCPR 14(3)(f); GCIII 105")
    G10 = ("G10", "No compelled confession; torture evidence excluded", "ICCPR 14(3)(g); CAT 15")
    G11 = ("G11", "Right of appeal", "ICCPR 14(5); GCIII 106")
    G12 = ("G12", "No double jeopardy", "ICCPR 14(7); GCIII 86")
    G13 = ("G13", "Legality (no retroactive offence)", "ICCPR 15; GCIII 99")
    G14 = ("G14", "ICRC / Protecting Power notified", "GCIII 104")
    G15 = ("G15", "Combatant immunity", "GCIII 87, 99; AP I 43")


class Finding(Vocab):
    RESPECTED = ("RESPECTED", "Respected")
    PARTLY = ("PARTLY", "Partly respected")
    VIOLATED = ("VIOLATED", "Violated")
    NO_INFORMATION = ("NO_INFORMATION", "No information")
    NOT_APPLICABLE = ("NOT_APPLICABLE", "Not applicable")


class SentenceType(Vocab):
    IMPRISONMENT = ("IMPRISONMENT", "Imprisonment (term)")
    LIFE = ("LIFE", "Life imprisonment")
    DEATH = ("DEATH", "Death penalty")
    FINE = ("FINE", "Fine")
    OTHER = ("OTHER", "Other")


class AllegationStatus(Vocab):
    ALLEGED = ("ALLEGED", "Alleged")
    CORROBORATED = ("CORROBORATED", "Corroborated")
    VERIFIED = ("VERIFIED", "Verified")
    DISPUTED = ("DISPUTED", "Disputed")
    RETRACTED = ("RETRACTED", "Retracted")


class ActType(Vocab):
    TORTURE = ("TORTURE", "Torture", "CAT-1")
    ILL_TREATMENT = ("ILL_TREATMENT", "Physical ill-treatment", "CAT-16")
    THREATS = ("THREATS", "Threats / psychological ill-treatment", "CAT-16")
    SEXUAL_VIOLENCE = ("SEXUAL_VIOLENCE", "Sexual violence")
    FORCED_CONFESSION = ("FORCED_CONFESSION", "Forced confession", "ICCPR-14-3-g")
    HUMILIATION = ("HUMILIATION", "Public humiliation or filming", "GCIII-13")
    EXTRAJUDICIAL_EXECUTION = ("EXTRAJUDICIAL_EXECUTION", "Extrajudicial execution", "ICCPR-6")
    DEATH_IN_CUSTODY = ("DEATH_IN_CUSTODY", "Death in custody", "ICCPR-6")
    ENFORCED_DISAPPEARANCE = ("ENFORCED_DISAPPEARANCE", "Enforced disappearance", "ICPPED-2")
    INCOMMUNICADO = ("INCOMMUNICADO", "Incommunicado detention")
    ARBITRARY_DETENTION = ("ARBITRARY_DETENTION", "Arbitrary detention", "ICCPR-9")
    DENIAL_OF_COUNSEL = ("DENIAL_OF_COUNSEL", "Denial of counsel", "ICCPR-14-3-d")
    DENIAL_OF_INTERPRETER = ("DENIAL_OF_INTERPRETER", "Denial of interpreter", "ICCPR-14-3-f")
    DENIAL_OF_PUBLIC_TRIAL = ("DENIAL_OF_PUBLIC_TRIAL", "Denial of public trial", "ICCPR-14-1")
    DEPENDENT_TRIBUNAL = ("DEPENDENT_TRIBUNAL", "Dependent tribunal", "ICCPR-14-1")
    DENIAL_OF_APPEAL = ("DENIAL_OF_APPEAL", "Denial of appeal", "ICCPR-14-5")
    DENIAL_OF_MEDICAL_CARE = ("DENIAL_OF_MEDICAL_CARE", "Denial of medical care", "GCIII-30")
    INHUMAN_CONDITIONS = ("INHUMAN_CONDITIONS", "Inhuman conditions of detention", "ICCPR-10")
    DENIAL_OF_FAMILY_CONTACT = ("DENIAL_OF_FAMILY_CONTACT", "Denial of family contact", "GCIII-71")
    DENIAL_OF_ICRC_ACCESS = ("DENIAL_OF_ICRC_ACCESS", "Denial of ICRC access", "GCIII-126")
    DELAYED_REPATRIATION = ("DELAYED_REPATRIATION", "Delayed repatriation", "GCIII-118")
    DESECRATION_OF_REMAINS = ("DESECRATION_OF_REMAINS", "Desecration of remains", "GCI-17")
    HERITAGE_DESTRUCTION = ("HERITAGE_DESTRUCTION", "Destruction of cultural heritage", "HC1954")


class StateResponse(Vocab):
    NONE = ("NONE", "No response")
    DENIED = ("DENIED", "Denied")
    ACKNOWLEDGED = ("ACKNOWLEDGED", "Acknowledged")
    INVESTIGATION_OPENED = ("INVESTIGATION_OPENED", "Investigation opened")


class InvolvementDegree(Vocab):
    # HURIDOCS ESF degree of involvement
    CARRIED_OUT = ("CARRIED_OUT", "Carried out")
    ORDERED = ("ORDERED", "Ordered")
    PRESENT = ("PRESENT", "Present")
    FAILED_TO_PREVENT = ("FAILED_TO_PREVENT", "Failed to prevent")


class IstanbulGrade(Vocab):
    # Istanbul Protocol (2022), para. 386-387; ordered from weakest to strongest
    NOT_CONSISTENT = ("NOT_CONSISTENT", "Not consistent")
    CONSISTENT = ("CONSISTENT", "Consistent")
    HIGHLY_CONSISTENT = ("HIGHLY_CONSISTENT", "Highly consistent")
    TYPICAL = ("TYPICAL", "Typical of")
    DIAGNOSTIC = ("DIAGNOSTIC", "Diagnostic of")


class DeathManner(Vocab):
    # Minnesota Protocol (2016), manner of death
    NATURAL = ("NATURAL", "Natural")
    ACCIDENT = ("ACCIDENT", "Accident")
    SUICIDE = ("SUICIDE", "Suicide")
    HOMICIDE = ("HOMICIDE", "Homicide")
    UNDETERMINED = ("UNDETERMINED", "Undetermined")


class SourceType(Vocab):
    VICTIM_TESTIMONY = ("VICTIM_TESTIMONY", "Victim testimony")
    WITNESS_TESTIMONY = ("WITNESS_TESTIMONY", "Witness testimony")
    RELATIVE_TESTIMONY = ("RELATIVE_TESTIMONY", "Relative's testimony")
    LAWYER_STATEMENT = ("LAWYER_STATEMENT", "Lawyer's statement")
    COURT_DOCUMENT = ("COURT_DOCUMENT", "Court document")
    OFFICIAL_STATEMENT = ("OFFICIAL_STATEMENT", "Official statement")
    NGO_REPORT = ("NGO_REPORT", "NGO report")
    UN_DOCUMENT = ("UN_DOCUMENT", "UN document")
    ECTHR_DOCUMENT = ("ECTHR_DOCUMENT", "ECtHR document")
    ICJ_DOCUMENT = ("ICJ_DOCUMENT", "ICJ document")
    ICRC_DOCUMENT = ("ICRC_DOCUMENT", "ICRC document")
    MEDIA_REPORT = ("MEDIA_REPORT", "Media report")
    VIDEO = ("VIDEO", "Video")
    PHOTO = ("PHOTO", "Photograph")
    SOCIAL_MEDIA_POST = ("SOCIAL_MEDIA_POST", "Social-media post")
    MEDICAL_REPORT = ("MEDICAL_REPORT", "Medical report")
    FORENSIC_REPORT = ("FORENSIC_REPORT", "Forensic report")
    SATELLITE_IMAGE = ("SATELLITE_IMAGE", "Satellite image")
    CORRESPONDENCE = ("CORRESPONDENCE", "Correspondence")


TESTIMONY_TYPES = frozenset(
    {
        SourceType.VICTIM_TESTIMONY,
        SourceType.WITNESS_TESTIMONY,
        SourceType.RELATIVE_TESTIMONY,
        SourceType.LAWYER_STATEMENT,
    }
)
# Sources whose pinpoint is a time in a recording rather than a page.
TIMED_TYPES = frozenset({SourceType.VIDEO, SourceType.SOCIAL_MEDIA_POST})
# Sources with no pages, paragraphs or running time: an image is cited whole or by section.
IMAGE_TYPES = frozenset({SourceType.PHOTO, SourceType.SATELLITE_IMAGE})


class SourceAffiliation(Vocab):
    NEUTRAL = ("NEUTRAL", "Neutral / independent")
    DETAINING_STATE = ("DETAINING_STATE", "Detaining state")
    HOME_STATE = ("HOME_STATE", "Home state of the victim")
    NGO = ("NGO", "Non-governmental organisation")
    FAMILY = ("FAMILY", "Family of the victim")
    UNKNOWN = ("UNKNOWN", "Unknown")


# Interested parties for the corroboration rule: at least one source must not be one.
INTERESTED_AFFILIATIONS = frozenset(
    {SourceAffiliation.DETAINING_STATE, SourceAffiliation.HOME_STATE, SourceAffiliation.FAMILY}
)


class Reliability(Vocab):
    # Admiralty scale, source reliability
    A = ("A", "Completely reliable", "A")
    B = ("B", "Usually reliable", "B")
    C = ("C", "Fairly reliable", "C")
    D = ("D", "Not usually reliable", "D")
    E = ("E", "Unreliable", "E")
    F = ("F", "Reliability cannot be judged", "F")


# Admiralty scale, information credibility (stored as the integer 1-6).
CREDIBILITY_LABELS: dict[int, str] = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}


class EvidenceRole(Vocab):
    ORIGINAL = ("ORIGINAL", "Original (evidentiary copy)")
    WORKING_COPY = ("WORKING_COPY", "Working copy")
    PAGE_SOURCE = ("PAGE_SOURCE", "Page source (HTML)")
    SCREENSHOT = ("SCREENSHOT", "Timestamped screenshot")
    TRANSCRIPT = ("TRANSCRIPT", "Transcript")
    TRANSLATION = ("TRANSLATION", "Translation")
    REDACTED_COPY = ("REDACTED_COPY", "Redacted copy")


class CustodyAction(Vocab):
    # Berkeley Protocol chain of custody
    COLLECTED = ("COLLECTED", "Collected")
    HASHED = ("HASHED", "Hashed")
    ACCESSED = ("ACCESSED", "Accessed")
    COPIED = ("COPIED", "Copied")
    VERIFIED = ("VERIFIED", "Verified")
    EXPORTED = ("EXPORTED", "Exported")
    TRANSFERRED = ("TRANSFERRED", "Transferred to another custodian")


class VerificationOutcome(Vocab):
    MATCH = ("MATCH", "Hash matches")
    MISMATCH = ("MISMATCH", "Hash does not match")
    MISSING = ("MISSING", "File missing")


class PinpointKind(Vocab):
    PAGE = ("PAGE", "Page")
    PARAGRAPH = ("PARAGRAPH", "Paragraph")
    TIMESTAMP = ("TIMESTAMP", "Timestamp")
    SECTION = ("SECTION", "Section")


class Stance(Vocab):
    SUPPORTS = ("SUPPORTS", "Supports")
    CONTRADICTS = ("CONTRADICTS", "Contradicts")
    CONTEXT = ("CONTEXT", "Context")


class Recipient(Vocab):
    WGAD = ("WGAD", "UN Working Group on Arbitrary Detention")
    WGEID = ("WGEID", "UN Working Group on Enforced or Involuntary Disappearances")
    SR_TORTURE = ("SR_TORTURE", "UN Special Rapporteur on torture")
    ECTHR_RULE39 = ("ECTHR_RULE39", "ECtHR interim measures (Rule 39)")
    ECTHR_APPLICATION = ("ECTHR_APPLICATION", "ECtHR application")
    ICRC = ("ICRC", "International Committee of the Red Cross")
    COE = ("COE", "Council of Europe")
    PACE = ("PACE", "Parliamentary Assembly of the Council of Europe")
    OSCE = ("OSCE", "OSCE")
    NATIONAL_AUTHORITY = ("NATIONAL_AUTHORITY", "National authority")
    EMBASSY = ("EMBASSY", "Embassy")
    OTHER = ("OTHER", "Other")


# UN Special Procedures: a communication must not rest solely on media reports.
SPECIAL_PROCEDURES = frozenset({Recipient.WGAD, Recipient.WGEID, Recipient.SR_TORTURE})


class SubmissionStatus(Vocab):
    DRAFT = ("DRAFT", "Draft")
    SUBMITTED = ("SUBMITTED", "Submitted")
    ACKNOWLEDGED = ("ACKNOWLEDGED", "Acknowledged by recipient")
    UNDER_CONSIDERATION = ("UNDER_CONSIDERATION", "Under consideration")
    DECIDED = ("DECIDED", "Decided / responded")
    CLOSED = ("CLOSED", "Closed")


class ConsentGiver(Vocab):
    SELF = ("SELF", "The person themself")
    PROXY = ("PROXY", "A proxy (relative, guardian, lawyer)")


class ConsentScope(Vocab):
    INTERNAL = ("INTERNAL", "Internal documentation")
    CONFIDENTIAL_UN = ("CONFIDENTIAL_UN", "Confidential submission to UN bodies")
    NAMED_PUBLIC = ("NAMED_PUBLIC", "Public use with full name")
    INITIALS_ONLY = ("INITIALS_ONLY", "Public use with initials only")
    MEDIA = ("MEDIA", "Media")
    LITIGATION = ("LITIGATION", "Litigation")
    PHOTO = ("PHOTO", "Use of photograph")


class ConsentMethod(Vocab):
    WRITTEN = ("WRITTEN", "Signed written form")
    ORAL_RECORDED = ("ORAL_RECORDED", "Oral, recorded")
    ORAL_WITNESSED = ("ORAL_WITNESSED", "Oral, witnessed")
    ELECTRONIC = ("ELECTRONIC", "Electronic")


class Role(Vocab):
    VIEWER = ("VIEWER", "Viewer (reads)")
    EDITOR = ("EDITOR", "Editor (enters and edits cases)")
    REVIEWER = ("REVIEWER", "Reviewer (grades, verifies, audits)")
    ADMIN = ("ADMIN", "Administrator")

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


class AuditAction(Vocab):
    INSERT = ("INSERT", "Created")
    UPDATE = ("UPDATE", "Changed")
    RETRACT = ("RETRACT", "Retracted")
    RESTORE = ("RESTORE", "Restored")
    IMPORT = ("IMPORT", "Imported")
    LOGIN = ("LOGIN", "Logged in")
    LOGIN_FAILED = ("LOGIN_FAILED", "Failed login")
    LOGOUT = ("LOGOUT", "Logged out")
    ACCESS = ("ACCESS", "Accessed")
    EXPORT = ("EXPORT", "Exported")


class ClaimKind(Vocab):
    DETENTION_EPISODE = ("DETENTION_EPISODE", "Detention episode")
    CUSTODY_EVENT = ("CUSTODY_EVENT", "Custody event")
    PROCEEDING = ("PROCEEDING", "Proceeding")
    HEARING = ("HEARING", "Hearing observation")
    FAIR_TRIAL_ASSESSMENT = ("FAIR_TRIAL_ASSESSMENT", "Fair-trial finding")
    SENTENCE = ("SENTENCE", "Sentence")
    ALLEGATION = ("ALLEGATION", "Allegation")
    MEDICAL_EVALUATION = ("MEDICAL_EVALUATION", "Medical evaluation")
    DEATH_RECORD = ("DEATH_RECORD", "Death record")


class WgadCategory(Vocab):
    I = ("I", "No legal basis", "WGAD-I")  # noqa: E741
    II = ("II", "Exercise of rights and freedoms", "WGAD-II")
    III = ("III", "Grave breach of fair-trial norms", "WGAD-III")
    IV = ("IV", "Prolonged administrative custody of migrants", "WGAD-IV")
    V = ("V", "Discrimination", "WGAD-V")


class Audience(Vocab):
    """Who an output (a dossier, a report) is rendered for, lowest clearance last."""

    INTERNAL = ("INTERNAL", "Internal (stays in the organisation)")
    CONFIDENTIAL = ("CONFIDENTIAL", "Confidential, for a named recipient")
    PARTNER = ("PARTNER", "Partner organisations")
    PUBLIC = ("PUBLIC", "Public")


# The highest record confidentiality each audience may see. Informant identities are never
# rendered for any audience, whatever this table says.
AUDIENCE_CEILING: dict[Audience, Confidentiality] = {
    Audience.INTERNAL: Confidentiality.RESTRICTED,
    Audience.CONFIDENTIAL: Confidentiality.CONFIDENTIAL,
    Audience.PARTNER: Confidentiality.PARTNER,
    Audience.PUBLIC: Confidentiality.PUBLIC,
}


def audience_may_see(audience: Audience, level: Confidentiality) -> bool:
    """May a record of confidentiality ``level`` appear in an output for ``audience``?"""
    return level.rank <= AUDIENCE_CEILING[audience].rank


# The consent scope that covers sending a person's case to each kind of recipient.
CONSENT_SCOPE_FOR_RECIPIENT: dict[Recipient, ConsentScope] = {
    Recipient.WGAD: ConsentScope.CONFIDENTIAL_UN,
    Recipient.WGEID: ConsentScope.CONFIDENTIAL_UN,
    Recipient.SR_TORTURE: ConsentScope.CONFIDENTIAL_UN,
    Recipient.ICRC: ConsentScope.CONFIDENTIAL_UN,
    Recipient.ECTHR_RULE39: ConsentScope.LITIGATION,
    Recipient.ECTHR_APPLICATION: ConsentScope.LITIGATION,
    Recipient.NATIONAL_AUTHORITY: ConsentScope.LITIGATION,
    Recipient.COE: ConsentScope.NAMED_PUBLIC,
    Recipient.PACE: ConsentScope.NAMED_PUBLIC,
    Recipient.OSCE: ConsentScope.NAMED_PUBLIC,
    Recipient.EMBASSY: ConsentScope.INITIALS_ONLY,
    Recipient.OTHER: ConsentScope.MEDIA,
}


class DossierKind(Vocab):
    PERSON = ("PERSON", "Per-person dossier")
    THEMATIC = ("THEMATIC", "Thematic report")
    AUDIT = ("AUDIT", "Citation audit report")


class JobStatus(Vocab):
    """Where a generated document stands; a background job moves it along."""

    QUEUED = ("QUEUED", "Queued")
    RUNNING = ("RUNNING", "Being generated")
    DONE = ("DONE", "Ready")
    FAILED = ("FAILED", "Failed")
    BLOCKED = ("BLOCKED", "Blocked by the citation audit")
