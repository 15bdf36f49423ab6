"""The per-person snapshot: what each audience's DTO holds, numbering, scrubbing, the data
cut-off and reference, and a fixed number of queries."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from casebook.errors import DomainError, NotFound
from casebook.services import allegations, claims, records, snapshot, snapshot_annex
from casebook.services.context import Context
from casebook.services.dto import Disclosure, canonical_json, snapshot_sha256
from casebook.services.snapshot import Profile
from casebook.storage import EvidenceStore
from casebook.vocab import Audience, Confidentiality, PinpointKind, Recipient
from tests.conftest import FakeClock
from tests.factories import make_allegation, make_episode, make_person, make_source
from tests.leaks.case import TODAY, build_case, consent_for

PUBLIC = Profile(Audience.PUBLIC)
INTERNAL = Profile(Audience.INTERNAL)


def person_dossier(ctx: Context, person_id: int, profile: Profile = PUBLIC) -> snapshot.Snapshot:  # type: ignore[type-arg]
    return snapshot.person_dossier(ctx.session, person_id, profile, TODAY)


def test_sources_are_numbered_by_first_citation_and_notes_in_reading_order(
    reviewer_ctx: Context, store: EvidenceStore
) -> None:
    case = build_case(reviewer_ctx, store)
    dto = person_dossier(reviewer_ctx, case.person.id, INTERNAL).dto
    assert [n.number for n in dto.notes] == list(range(1, len(dto.notes) + 1))
    first = []
    for note in dto.notes:
        if note.source_number not in first:
            first.append(note.source_number)
    assert first == list(range(1, len(dto.sources) + 1))
    # Episodes come first in reading order: the episode's note is note 1.
    assert dto.episodes[0].notes == (1,)
    assert dto.notes[0].quote == "Narek Hraparakyan saw Aram in the yard."


def test_a_coded_source_keeps_its_number_and_pinpoint_but_not_its_quote(
    reviewer_ctx: Context, store: EvidenceStore
) -> None:
    case = build_case(reviewer_ctx, store)
    dto = person_dossier(reviewer_ctx, case.person.id).dto
    coded = [s for s in dto.sources if s.coded]
    assert {s.type_label for s in coded} == {"Witness testimony", "Relative's testimony"}
    assert all(s.title is None and s.url is None and not s.files for s in coded)
    assert coded[0].reference.endswith("on file")
    notes = [n for n in dto.notes if n.source_number in {s.number for s in coded}]
    assert {n.pinpoint for n in notes} == {"para. 3", None}
    assert all(n.quote is None and n.translation is None for n in notes)
    assert any(n.credibility == 3 for n in notes)
    # The restricted citation of a public source is dropped altogether.
    assert "Tamarisk" not in canonical_json(dto)


def test_the_person_is_named_as_consent_allows(reviewer_ctx: Context, store: EvidenceStore) -> None:
    case = build_case(reviewer_ctx, store)
    coded = person_dossier(reviewer_ctx, case.person.id).dto
    assert coded.identity.disclosure is Disclosure.CODE
    assert coded.identity.display_name == f"P-{case.person.id}"
    assert coded.identity.names == () and coded.identity.identifiers == ()
    assert coded.identity.birth is not None and coded.identity.birth.text() == "1999"
    assert coded.identity.military_unit is None
    # Free text naming the person is scrubbed.
    assert coded.summary.text == f"[P-{case.person.id}] was captured during invented clashes."
    assert coded.allegations[0].description == f"[P-{case.person.id}] was beaten with cables."
    assert coded.notes[0].quote == f"[witness] saw [P-{case.person.id}] in the yard."

    consent_for(reviewer_ctx, case, "initials")
    initials = person_dossier(reviewer_ctx, case.person.id).dto
    assert initials.identity.display_name == "A. H."
    assert initials.allegations[0].description == "[A. H.] was beaten with cables."

    consent_for(reviewer_ctx, case, "public")
    full = person_dossier(reviewer_ctx, case.person.id).dto
    assert full.identity.display_name == "Aram Hovhannisyan"
    assert {n.text for n in full.identity.names} == {"Aram Hovhannisyan", "Արամ Հովհաննիսյան"}
    assert [i.value for i in full.identity.identifiers] == ["SN-PUBLIC-4711"]
    assert full.identity.military_unit == "Invented Rifle Battalion 55"
    assert full.summary.text == "Aram Hovhannisyan was captured during invented clashes."


def test_other_persons_relatives_witnesses_and_examiners(
    reviewer_ctx: Context, store: EvidenceStore
) -> None:
    case = build_case(reviewer_ctx, store)
    outside = person_dossier(reviewer_ctx, case.person.id).dto
    assert [(r.display, r.role) for r in outside.identity.relatives] == [
        ("Parent", "parent"),
        ("Vardan Pashtpanyan", "lawyer"),
    ]
    perpetrators = [
        i.perpetrator.display if i.perpetrator else i.unit
        for i in outside.allegations[0].perpetrators
    ]
    assert perpetrators == [
        "alleged perpetrator (identity withheld)",
        "Elchin Aciqov",
        "Invented Penitentiary Unit",
    ]
    assert outside.proceedings[0].hearings[0].monitored_by is None
    assert outside.allegations[0].medical[0].examiner is None
    assert all(s.author is None for s in outside.sources if s.type_label == "Witness testimony")

    inside = person_dossier(reviewer_ctx, case.person.id, INTERNAL).dto
    assert inside.identity.relatives[0].display == "Anahit Mayrikyan"
    assert inside.allegations[0].perpetrators[0].perpetrator is not None
    assert inside.allegations[0].perpetrators[0].perpetrator.display == "Rovshan Gizlinov"
    trial = next(p for p in inside.proceedings if p.case_number == "1(101)-77/2021")
    assert trial.hearings[0].monitored_by == "Sona Dititoghyan"
    assert inside.notes[0].quote == "Narek Hraparakyan saw Aram in the yard."


def test_withheld_children_and_places(reviewer_ctx: Context, store: EvidenceStore) -> None:
    case = build_case(reviewer_ctx, store)
    snap = person_dossier(reviewer_ctx, case.person.id)
    dto = snap.dto
    assert len(dto.episodes) == 1  # the restricted episode and its public event are left out
    places = [(e.from_place, e.to_place) for e in dto.episodes[0].events]
    assert ("Invented Prison No. 9", "undisclosed place") in places
    assert ("undisclosed place", "undisclosed place") in places
    assert dto.episodes[0].capture_place == "undisclosed place"  # a partner-level place
    assert len(dto.proceedings) == 1
    matrix = {row.guarantee.value: row for row in dto.proceedings[0].matrix}
    assert len(matrix) == 15 and matrix["G01"].finding.value == "VIOLATED"
    assert matrix["G10"].finding.value == "NO_INFORMATION"  # its finding is confidential
    assert [a.act_type.value for a in dto.allegations] == ["TORTURE"]
    counts = dict(snap.withheld.counts)
    assert counts["custody event: left out"] == 3
    assert counts["place: undisclosed"] == 3
    assert counts["source: coded"] == 2
    assert counts["person: coded"] == 1
    reasons = {(i.entity, i.reason) for i in snap.withheld.items}
    assert ("custody_event", "part of a withheld detention episode") in reasons
    assert (
        "allegation",
        "restricted (never leaves the organisation) (above the audience)",
    ) in reasons


def test_confidential_profile_needs_a_named_recipient(ctx: Context) -> None:
    person = make_person(ctx, confidentiality=Confidentiality.PUBLIC)
    with pytest.raises(DomainError, match="recipient kind"):
        person_dossier(ctx, person.id, Profile(Audience.CONFIDENTIAL))
    with pytest.raises(DomainError, match="name the recipient"):
        person_dossier(ctx, person.id, Profile(Audience.CONFIDENTIAL, Recipient.WGAD))
    with pytest.raises(DomainError, match="only a confidential dossier"):
        person_dossier(ctx, person.id, Profile(Audience.PUBLIC, Recipient.WGAD, "X"))
    snap = person_dossier(ctx, person.id, Profile(Audience.CONFIDENTIAL, Recipient.WGAD, " WGAD "))
    assert snap.dto.meta.classification.startswith("CONFIDENTIAL - for WGAD (UN Working Group")
    assert snap.dto.meta.watermark == "CONFIDENTIAL"


def test_a_person_above_the_audience_or_missing_is_refused(ctx: Context) -> None:
    person = make_person(ctx, confidentiality=Confidentiality.RESTRICTED)
    with pytest.raises(DomainError, match="above what a dossier for public"):
        person_dossier(ctx, person.id)
    assert person_dossier(ctx, person.id, INTERNAL).dto.identity.code == f"P-{person.id}"
    with pytest.raises(NotFound):
        person_dossier(ctx, 999_999)


def test_retracted_records_never_appear(ctx: Context, reviewer_ctx: Context) -> None:
    person = make_person(ctx, confidentiality=Confidentiality.PUBLIC)
    kept = make_allegation(ctx, person, confidentiality="PUBLIC", description="kept")
    gone = make_allegation(ctx, person, confidentiality="PUBLIC", description="Vermilion")
    withdrawn = make_allegation(ctx, person, confidentiality="PUBLIC", description="Cobalt")
    records.retract(ctx, gone, "entered twice")
    allegations.retract_allegation(reviewer_ctx, withdrawn, "the witness withdrew it")
    dto = person_dossier(ctx, person.id, INTERNAL).dto
    assert [a.description for a in dto.allegations] == ["kept"]
    assert "Vermilion" not in canonical_json(dto) and "Cobalt" not in canonical_json(dto)
    assert kept.id


def test_same_data_same_snapshot_and_one_field_changes_it(ctx: Context, clock: FakeClock) -> None:
    person = make_person(ctx, confidentiality=Confidentiality.PUBLIC)
    allegation = make_allegation(ctx, person, confidentiality="PUBLIC", description="first")
    hidden = make_allegation(ctx, person, confidentiality="RESTRICTED", description="hidden")
    one, two = person_dossier(ctx, person.id), person_dossier(ctx, person.id)
    assert one.dto == two.dto and one.sha256 == two.sha256 and one.reference == two.reference
    assert one.reference.startswith("CB-") and len(one.reference) == 15
    assert snapshot.dto_sha256(one.dto) == snapshot_sha256(one.dto)
    assert one.data_cutoff == max(person.updated_at, allegation.updated_at)

    clock.advance(days=1)
    records.update(ctx, hidden, hidden.version, {"description": "changed while hidden"})
    assert person_dossier(ctx, person.id).sha256 == one.sha256  # nothing visible changed
    assert person_dossier(ctx, person.id).data_cutoff == one.data_cutoff
    assert person_dossier(ctx, person.id, INTERNAL).data_cutoff == clock.value

    records.update(ctx, allegation, allegation.version, {"description": "second"})
    changed = person_dossier(ctx, person.id)
    assert changed.sha256 != one.sha256 and changed.reference != one.reference
    assert changed.data_cutoff == clock.value
    other_audience = person_dossier(ctx, person.id, Profile(Audience.PARTNER))
    assert other_audience.reference != changed.reference


def _count_queries(session: Session, person_id: int) -> int:
    count = 0

    def counter(*_args: object) -> None:
        nonlocal count
        count += 1

    bind = session.connection()
    event.listen(bind, "before_cursor_execute", counter)
    try:
        snapshot.person_dossier(session, person_id, INTERNAL, TODAY)
    finally:
        event.remove(bind, "before_cursor_execute", counter)
    return count


def test_a_fixed_number_of_queries_whatever_the_size_of_the_case(ctx: Context) -> None:
    small, large = make_person(ctx), make_person(ctx)
    source = make_source(ctx)
    for person, size in ((small, 1), (large, 8)):
        for day in range(1, size + 1):
            episode = make_episode(ctx, person, capture_date=date(2020, 10, day))
            allegation = make_allegation(ctx, person, episode_id=episode.id)
            for claim in (episode, allegation):
                claims.cite(ctx, claim, source, {})
            claims.cite(ctx, allegation, make_source(ctx, title=f"report {day}"), {})
    ctx.session.flush()
    assert _count_queries(ctx.session, small.id) == _count_queries(ctx.session, large.id)
    assert _count_queries(ctx.session, large.id) <= 26


@pytest.mark.parametrize(
    ("kind", "typed", "shown"),
    [
        (PinpointKind.PARAGRAPH, "3", "para. 3"),
        (PinpointKind.PARAGRAPH, "para. 3", "para. 3"),
        (PinpointKind.PARAGRAPH, "§ 7", "§ 7"),
        (PinpointKind.PAGE, "12", "p. 12"),
        (PinpointKind.PAGE, "12-14", "pp. 12-14"),
        (PinpointKind.PAGE, "p. 12", "p. 12"),
        (PinpointKind.PAGE, "pp 3, 7-9", "pp 3, 7-9"),
        (PinpointKind.TIMESTAMP, "01:02:03", "at 01:02:03"),
        (PinpointKind.SECTION, "2.1", "section 2.1"),
    ],
)
def test_a_pinpoint_is_marked_once(kind: PinpointKind, typed: str, shown: str) -> None:
    row = SimpleNamespace(pinpoint=typed, pinpoint_kind=kind)
    assert snapshot_annex.pinpoint(row, lambda text: text) == shown
