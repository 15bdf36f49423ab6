"""An invented case with records and sources at every confidentiality level, for the
snapshot, register and leak tests. Every person, place and source here is fictional.

Each marker string belongs to exactly one record; :data:`SECRETS` maps the lowest
audience allowed to see it (by confidentiality level) to the strings, so a test can
assert that an output for an audience contains none of the strings above it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casebook.models import Allegation, Person, Source
from casebook.services import (
    advocacy,
    allegations,
    claims,
    detention,
    people,
    places,
    sources,
    trials,
)
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import (
    Audience,
    Confidentiality,
    ConsentScope,
    Recipient,
)
from tests.factories import ARMENIAN, CYRILLIC, LATIN

PUBLIC, PARTNER, CONFIDENTIAL, RESTRICTED = (
    Confidentiality.PUBLIC,
    Confidentiality.PARTNER,
    Confidentiality.CONFIDENTIAL,
    Confidentiality.RESTRICTED,
)

# Strings of records at each level (the lowest audience that may see them is the level's).
SECRETS: dict[Confidentiality, tuple[str, ...]] = {
    RESTRICTED: (
        "Aramazd Khachkarov",  # a restricted alias of the person
        "AM7734521",  # a restricted passport number
        "Rovshan Gizlinov",  # a perpetrator whose record is restricted
        "Orion unit",  # a restricted custody event
        "Silverfox",  # a restricted detention episode
        "Moonstone",  # a public event of the restricted episode
        "Nebula cell",  # a restricted allegation
        "Juniper",  # a restricted relative's testimony (title)
        "https://restricted.example.org/juniper",
        "Tamarisk",  # a restricted citation's quote
        "Obsidian Depot",  # a restricted place
    ),
    CONFIDENTIAL: (
        "Kappa Listening Station",  # a confidential place
        "Каппа",  # its Cyrillic name form (never printed: scrubbed from free text)
        "Quasar site",  # a confidential fair-trial rationale
        "CONF-5150",  # a confidential proceeding
        "Orchid",  # a confidential witness testimony
        "https://confidential.example.org/testimony-orchid",
        "Saffron",  # a confidential submission's outcome
    ),
    PARTNER: (
        "Zeta Transit Camp",  # a partner-level place
        "Lavender wing",  # a partner-level ICRC visit
        "Polaris",  # a partner-level allegation and source
        "https://partner.example.org/bulletin-7",
        CYRILLIC,  # the person's Cyrillic name form is partner-level
    ),
}
# Never outside the organisation, whatever the record's level: relatives, witnesses,
# monitors, examiners.
WITNESSES = (
    "Anahit Mayrikyan",  # the mother
    "Gohar Vkayyan",  # author of the confidential testimony
    "Narek Hraparakyan",  # author of a public witness statement
    "Sona Dititoghyan",  # trial monitor
    "Hrachya Bzhishkyan",  # medical examiner
)
# Never in any output.
INFORMANTS = ("Sevak Gaghtniyan", "Ruzanna Informatoryan")
# The person's identity: only when named in full.
IDENTITY = (
    "Aram",
    "Hovhannisyan",
    "Արամ",
    "Հովհաննիսյան",
    "Арам",
    "Ованнисян",
    "SN-PUBLIC-4711",
    "Invented Rifle Battalion 55",
)
# Always in every output of the person's dossier.
PUBLIC_FACTS = (
    "Invented Prison No. 9",
    "Invented NGO report on captives",
    "https://ngo.example.org/report-1",
    "They beat him with cables",
    "1(101)-77/2021",
    "Elchin Aciqov",  # an official whose record is public
    "Vardan Pashtpanyan",  # the lawyer
    "glass box",
)
# In every output but INTERNAL: what stands in for withheld places and sources.
STAND_INS = ("undisclosed place", "on file")


def above(audience: Audience) -> list[str]:
    """Every marker an output for ``audience`` must not contain."""
    from casebook.services.disclosure import may_see

    found = [
        s for level, strings in SECRETS.items() if not may_see(audience, level) for s in strings
    ]
    if audience is not Audience.INTERNAL:
        found += WITNESSES
    return found + list(INFORMANTS)


@dataclass
class Case:
    person: Person
    allegation: Allegation
    public_source: Source
    places: dict[str, int] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    public_file_sha: str = ""
    restricted_file_sha: str = ""


def _name(text: str, script: str, language: str, **more: Any) -> dict[str, Any]:
    return {"full_name": text, "script": script, "language": language, **more}


def consent(ctx: Context, person: Person, scope: ConsentScope, **values: Any) -> None:
    advocacy.record_consent(
        ctx,
        {
            "person_id": person.id,
            "given_by": "SELF",
            "scope": scope,
            "method": "WRITTEN",
            "given_on": "2021-02-01",
            "confidentiality": PUBLIC,
            **values,
        },
    )


# fmt: off
def build_case(ctx: Context, store: EvidenceStore) -> Case:
    """The case (``ctx`` must be a reviewer's: it grades sources and sets statuses)."""
    def place(kind: str, name: str, level: Confidentiality) -> Any:
        return places.create_place(ctx, {"kind": kind, "name": name, "confidentiality": level})

    prison = place("PRISON", "Invented Prison No. 9", PUBLIC)
    court = place("COURT", "Invented Military Court", PUBLIC)
    kappa = place("SECURITY_SERVICE", "Kappa Listening Station", CONFIDENTIAL)
    places.add_place_name(ctx, kappa, {"name": "Каппа станция", "script": "CYRL",
                                       "language": "RU", "confidentiality": CONFIDENTIAL})
    zeta = place("MILITARY_BASE", "Zeta Transit Camp", PARTNER)
    obsidian = place("OTHER", "Obsidian Depot", RESTRICTED)
    person = people.create_person(
        ctx,
        {"category": "POW", "sex": "MALE", "confidentiality": PUBLIC, "birth_date": "1999-04-12",
         "birth_precision": "DAY", "military_rank": "Private",
         "military_unit": "Invented Rifle Battalion 55", "current_status": "DETAINED",
         "summary": "Aram Hovhannisyan was captured during invented clashes.",
         "notes": "INTERNAL-NOTE-MARKER"},
        [_name(ARMENIAN, "ARMN", "HY", kind="PRIMARY", confidentiality=PUBLIC),
         _name(LATIN, "LATN", "HY_LATN", kind="PRIMARY", confidentiality=PUBLIC),
         _name(CYRILLIC, "CYRL", "RU", confidentiality=PARTNER),
         _name("Aramazd Khachkarov", "LATN", "EN", kind="ALIAS", confidentiality=RESTRICTED)],
        [{"scheme": "SERVICE_NUMBER", "value": "SN-PUBLIC-4711", "confidentiality": PUBLIC},
         {"scheme": "PASSPORT", "value": "AM7734521", "confidentiality": RESTRICTED}],
    )
    people.add_relative(ctx, person, {"kind": "PARENT", "new_name": "Anahit Mayrikyan",
                                      "confidentiality": PUBLIC})

    def other(category: str, name: str, level: Confidentiality) -> Any:
        return people.create_person(ctx, {"category": category, "confidentiality": level},
                                    [_name(name, "LATN", "HY_LATN", kind="PRIMARY",
                                           confidentiality=level)])

    lawyer = other("LAWYER", "Vardan Pashtpanyan", PUBLIC)
    people.relate(ctx, person, {"kind": "LAWYER", "related_person_id": lawyer.id,
                                "confidentiality": PUBLIC})
    hidden_perpetrator = other("PERPETRATOR", "Rovshan Gizlinov", RESTRICTED)
    official = other("OFFICIAL", "Elchin Aciqov", PUBLIC)

    episode = detention.create_episode(ctx, {
        "person_id": person.id, "capture_date": "2020-11-10", "capture_precision": "DAY",
        "capture_place_id": zeta.id, "capturing_force": "Invented 3rd Brigade",
        "circumstances": "Captured near the ridge with two comrades.",
        "acknowledgment": "ACKNOWLEDGED", "detaining_state_status": "TERRORIST",
        "home_state_status": "POW", "confidentiality": PUBLIC})

    def event(within: Any, kind: str, day: str, level: Confidentiality, **more: Any) -> Any:
        return detention.add_event(ctx, within, {"event_type": kind, "start_date": day,
                                                 "start_precision": "DAY",
                                                 "confidentiality": level, **more})

    transfer = event(episode, "TRANSFER", "2020-11-12", PUBLIC, to_place_id=prison.id)
    event(episode, "TRANSFER", "2020-12-01", PUBLIC, from_place_id=prison.id, to_place_id=kappa.id)
    event(episode, "TRANSFER", "2020-12-05", PUBLIC, from_place_id=kappa.id,
          to_place_id=obsidian.id)
    event(episode, "INTERROGATION", "2020-11-13", RESTRICTED,
          description="Night interrogation by the Orion unit.")
    event(episode, "ICRC_VISIT", "2021-01-20", PARTNER,
          description="ICRC delegates met him on the Lavender wing.")
    hidden_episode = detention.create_episode(ctx, {
        "person_id": person.id, "capture_date": "2021-03-01", "capture_precision": "MONTH",
        "circumstances": "Taken during the Silverfox operation.", "confidentiality": RESTRICTED})
    event(hidden_episode, "TRANSFER", "2021-03-05", PUBLIC, to_place_id=prison.id,
          description="Moonstone transfer.")

    proc = trials.create_proceeding(ctx, {
        "person_id": person.id, "instance": "FIRST_INSTANCE", "court_id": court.id,
        "case_number": "1(101)-77/2021", "start_date": "2021-05-01", "start_precision": "DAY",
        "end_date": "2021-07-01", "judges": "Invented three-judge panel",
        "counsel_type": "APPOINTED", "verdict_summary": "Convicted on all counts.",
        "confidentiality": PUBLIC})
    trials.add_charge(ctx, proc, {"statute": "Invented Criminal Code", "article": "279",
                                  "outcome": "CONVICTED", "concerns_pre_capture_conduct": "YES",
                                  "confidentiality": PUBLIC})
    hearing = trials.add_hearing(ctx, proc, {
        "hearing_date": "2021-05-20", "monitoring_mode": "DIRECT",
        "monitored_by": "Sona Dititoghyan", "restraints": "GLASS_BOX",
        "observed": "The defendant sat in a glass box.", "confidentiality": PUBLIC})
    matrix = trials.record_matrix(ctx, proc, {
        "G01": {"finding": "VIOLATED", "rationale": "Court subordinate to the executive.",
                "confidentiality": PUBLIC},
        "G10": {"finding": "VIOLATED", "rationale": "Confession extracted at the Quasar site.",
                "confidentiality": CONFIDENTIAL},
    })
    sentence = trials.add_sentence(ctx, proc, {"sentence_type": "IMPRISONMENT",
                                               "term_months": 240, "confidentiality": PUBLIC})
    trials.create_proceeding(ctx, {"person_id": person.id, "instance": "INVESTIGATION",
                                   "case_number": "CONF-5150", "confidentiality": CONFIDENTIAL})

    torture = allegations.create_allegation(
        ctx,
        {"victim_id": person.id, "act_type": "TORTURE", "start_date": "2020-11-15",
         "start_precision": "DAY", "place_id": prison.id, "episode_id": episode.id,
         "description": "Aram Hovhannisyan was beaten with cables.",
         "methods": "Beating with cables", "status": "CORROBORATED", "confidentiality": PUBLIC,
         "state_response": "DENIED"},
        ({"perpetrator_id": hidden_perpetrator.id, "degree": "CARRIED_OUT",
          "confidentiality": PUBLIC},
         {"perpetrator_id": official.id, "degree": "ORDERED", "confidentiality": PUBLIC},
         {"perpetrator_unit": "Invented Penitentiary Unit", "degree": "PRESENT",
          "confidentiality": PUBLIC}),
    )
    allegations.create_allegation(ctx, {
        "victim_id": person.id, "act_type": "ILL_TREATMENT", "start_date": "2020-11-20",
        "start_precision": "DAY", "description": "Hidden allegation about the Nebula cell.",
        "confidentiality": RESTRICTED})
    threats = allegations.create_allegation(ctx, {
        "victim_id": person.id, "act_type": "THREATS", "start_date": "2020-11-21",
        "start_precision": "DAY", "description": "Threats noted by partner monitors at Polaris.",
        "confidentiality": PARTNER})
    medical = allegations.add_medical_evaluation(ctx, {
        "person_id": person.id, "allegation_id": torture.id, "examined_on": "2021-09-01",
        "examiner": "Hrachya Bzhishkyan", "examiner_qualification": "Forensic doctor",
        "physical_findings": "Scars on the back.", "istanbul_grade": "HIGHLY_CONSISTENT",
        "confidentiality": PUBLIC})

    def source(kind: str, title: str, level: Confidentiality, **more: Any) -> Source:
        return sources.create_source(ctx, {"source_type": kind, "title": title,
                                           "confidentiality": level, **more})

    ngo = source("NGO_REPORT", "Invented NGO report on captives", PUBLIC,
                 publisher="Invented Watch", language="en", url="https://ngo.example.org/report-1",
                 archive_urls=["https://archive.example.org/ngo-1"], reliability="B",
                 reliability_rationale="Established monitor with a good record.",
                 published_date="2021-02-01", published_precision="DAY")
    sources.set_informant(ctx, ngo, {"name": "Ruzanna Informatoryan"})
    public_file = sources.add_evidence_file(
        ctx, ngo, store, io.BytesIO(b"%PDF-1.4 invented public report"),
        {"media_type": "application/pdf", "confidentiality": PUBLIC})
    restricted_file = sources.add_evidence_file(
        ctx, ngo, store, io.BytesIO(b"invented restricted working copy"),
        {"media_type": "text/plain", "role": "WORKING_COPY", "confidentiality": RESTRICTED})
    bulletin = source("MEDIA_REPORT", "Partner bulletin about Polaris", PARTNER,
                      url="https://partner.example.org/bulletin-7")
    orchid = source("WITNESS_TESTIMONY", "Testimony of a fellow detainee (Orchid)", CONFIDENTIAL,
                    author="Gohar Vkayyan", language="hy",
                    url="https://confidential.example.org/testimony-orchid")
    sources.set_informant(ctx, orchid, {"name": "Sevak Gaghtniyan"})
    juniper = source("RELATIVE_TESTIMONY", "Mother's account (Juniper)", RESTRICTED,
                     url="https://restricted.example.org/juniper")
    statement = source("WITNESS_TESTIMONY", "Statement of a released witness", PUBLIC,
                       author="Narek Hraparakyan")

    def cite(claim: Any, source: Source, level: Confidentiality, **values: Any) -> None:
        claims.cite(ctx, claim, source, {"confidentiality": level, **values})

    cite(torture, ngo, PUBLIC, pinpoint_kind="PAGE", pinpoint="12", credibility=2,
         quote_original="They beat him with cables.", quote_language="en")
    cite(torture, orchid, PUBLIC, pinpoint_kind="PARAGRAPH", pinpoint="3", credibility=3,
         quote_original="Orchid saw the beating.", quote_language="en")
    cite(torture, juniper, PUBLIC, quote_original="Juniper remembers.", quote_language="en")
    cite(torture, ngo, RESTRICTED, quote_original="Tamarisk detail.", quote_language="en")
    cite(threats, bulletin, PARTNER)
    cite(episode, statement, PUBLIC, quote_original="Narek Hraparakyan saw Aram in the yard.",
         quote_language="en")
    for claim in (transfer, proc, hearing, matrix[next(iter(matrix))], sentence, medical):
        cite(claim, ngo, PUBLIC, pinpoint_kind="PAGE", pinpoint="14", credibility=2)
    advocacy.create_submission(ctx, {
        "recipient": "WGAD", "title": "Invented urgent appeal", "procedure": "Urgent appeal",
        "submitted_on": "2021-08-01", "status": "SUBMITTED",
        "outcome": "Opinion pending (Saffron).", "confidentiality": CONFIDENTIAL}, [person.id])
    return Case(
        person=person, allegation=torture, public_source=ngo,
        places={"prison": prison.id, "kappa": kappa.id, "zeta": zeta.id, "obsidian": obsidian.id},
        ids={"episode": episode.id, "proceeding": proc.id, "official": official.id},
        public_file_sha=public_file.sha256, restricted_file_sha=restricted_file.sha256,
    )
# fmt: on


def consent_for(ctx: Context, case: Case, named: str) -> None:
    """``named``: "none", "public" (full name), "initials" or "wgad" (confidential UN)."""
    scopes = {
        "public": ConsentScope.NAMED_PUBLIC,
        "initials": ConsentScope.INITIALS_ONLY,
        "wgad": ConsentScope.CONFIDENTIAL_UN,
    }
    if named in scopes:
        extra = {"recipients_allowed": [Recipient.WGAD.value]} if named == "wgad" else {}
        consent(ctx, case.person, scopes[named], **extra)


TODAY = date(2026, 11, 1)
