"""The thematic snapshot: selection by visible records only, chunked reading, figures,
numbering and naming."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.errors import DomainError, NotFound
from casebook.models import Person
from casebook.services import advocacy, claims, snapshot_thematic
from casebook.services.context import Context
from casebook.services.dto import canonical_json
from casebook.services.snapshot import Profile
from casebook.services.snapshot_thematic import ThematicFilters, build, selection
from casebook.storage import EvidenceStore
from casebook.vocab import (
    ActType,
    AllegationStatus,
    Audience,
    Confidentiality,
    PersonCategory,
    PersonStatus,
)
from tests.factories import make_allegation, make_episode, make_person, make_place, make_source
from tests.leaks.case import TODAY, build_case

PUBLIC = Profile(Audience.PUBLIC)
INTERNAL = Profile(Audience.INTERNAL)


def detainee(ctx: Context, **values: object) -> int:
    return make_person(ctx, confidentiality=Confidentiality.PUBLIC, **values).id


def test_selection_filters_on_person_and_visible_records(ctx: Context) -> None:
    prison = make_place(ctx, confidentiality="PUBLIC")
    pow_held = detainee(ctx, current_status="DETAINED")
    civilian = detainee(ctx, category="CIVILIAN_DETAINEE", current_status="RELEASED")
    detainee(ctx, category="RELATIVE")  # not a detainee: never in a report by default
    hidden = make_person(ctx, confidentiality=Confidentiality.RESTRICTED).id
    make_episode(
        ctx,
        ctx.session.get_one(Person, pow_held),
        capture_date=date(2020, 11, 10),
        capture_place_id=prison.id,
        confidentiality="PUBLIC",
    )
    make_episode(
        ctx,
        ctx.session.get_one(Person, civilian),
        capture_date=date(2020, 11, 12),
        capture_place_id=prison.id,
        confidentiality="RESTRICTED",
    )
    by = selection
    assert by(ctx.session, ThematicFilters(), Audience.PUBLIC) == [pow_held, civilian]
    assert hidden in by(ctx.session, ThematicFilters(), Audience.INTERNAL)
    held = ThematicFilters(statuses=(PersonStatus.DETAINED,))
    assert by(ctx.session, held, Audience.PUBLIC) == [pow_held]
    civilians = ThematicFilters(categories=(PersonCategory.CIVILIAN_DETAINEE,))
    assert by(ctx.session, civilians, Audience.PUBLIC) == [civilian]
    at_prison = ThematicFilters(place_id=prison.id)
    assert by(ctx.session, at_prison, Audience.PUBLIC) == [pow_held]  # the other is hidden
    assert by(ctx.session, at_prison, Audience.INTERNAL) == [pow_held, civilian]
    dated = ThematicFilters(date_from=date(2020, 11, 1), date_to=date(2020, 11, 30))
    assert by(ctx.session, dated, Audience.PUBLIC) == [pow_held]
    assert by(ctx.session, ThematicFilters(date_from=date(2021, 1, 1)), Audience.PUBLIC) == []
    assert by(ctx.session, ThematicFilters(person_ids=(civilian,)), Audience.PUBLIC) == [civilian]


def test_a_hidden_allegation_never_puts_a_person_in_a_report(ctx: Context) -> None:
    shown = detainee(ctx)
    secret = detainee(ctx)
    make_allegation(ctx, ctx.session.get_one(Person, shown), confidentiality="PUBLIC")
    make_allegation(ctx, ctx.session.get_one(Person, secret), confidentiality="RESTRICTED")
    torture = ThematicFilters(act_types=(ActType.TORTURE,))
    assert selection(ctx.session, torture, Audience.PUBLIC) == [shown]
    assert selection(ctx.session, torture, Audience.INTERNAL) == [shown, secret]
    alleged = ThematicFilters(allegation_statuses=(AllegationStatus.ALLEGED,))
    assert selection(ctx.session, alleged, Audience.PUBLIC) == [shown]


def test_a_place_above_the_audience_cannot_select_and_bad_filters_are_refused(
    ctx: Context,
) -> None:
    detainee(ctx)
    secret_place = make_place(ctx, confidentiality="CONFIDENTIAL")
    with pytest.raises(DomainError, match="above what a report for public"):
        build(ctx.session, ThematicFilters(place_id=secret_place.id), PUBLIC, TODAY)
    with pytest.raises(NotFound):
        build(ctx.session, ThematicFilters(place_id=999_999), PUBLIC, TODAY)
    with pytest.raises(DomainError, match="before the start"):
        ThematicFilters(date_from=date(2021, 1, 2), date_to=date(2021, 1, 1)).normalised()
    with pytest.raises(DomainError, match="no person in the selection"):
        build(ctx.session, ThematicFilters(statuses=(PersonStatus.DECEASED,)), PUBLIC, TODAY)


def test_filters_round_trip_through_the_register_options() -> None:
    filters = ThematicFilters(
        categories=(PersonCategory.MISSING, PersonCategory.POW),
        statuses=(PersonStatus.DETAINED,),
        place_id=3,
        act_types=(ActType.TORTURE,),
        allegation_statuses=(AllegationStatus.VERIFIED,),
        date_from=date(2020, 9, 27),
        date_to=date(2020, 11, 10),
        person_ids=(5, 2, 5),
    ).normalised()
    assert filters.categories == (PersonCategory.POW, PersonCategory.MISSING)
    assert filters.person_ids == (2, 5)
    assert ThematicFilters.from_options(filters.options()) == filters


def test_report_from_the_case_names_numbers_and_counts(
    reviewer_ctx: Context, store: EvidenceStore
) -> None:
    case = build_case(reviewer_ctx, store)
    other = make_person(
        reviewer_ctx,
        confidentiality=Confidentiality.PUBLIC,
        names=[
            {
                "full_name": "Hayk Invented",
                "script": "LATN",
                "language": "HY_LATN",
                "kind": "PRIMARY",
                "confidentiality": "PUBLIC",
            }
        ],
    )
    advocacy.record_consent(
        reviewer_ctx,
        {
            "person_id": other.id,
            "given_by": "SELF",
            "scope": "NAMED_PUBLIC",
            "method": "WRITTEN",
            "given_on": "2021-01-01",
            "confidentiality": "PUBLIC",
        },
    )
    claims.cite(
        reviewer_ctx,
        make_allegation(
            reviewer_ctx,
            other,
            confidentiality="PUBLIC",
            description="Hovhannisyan was seen there too.",
        ),
        case.public_source,
        {"confidentiality": "PUBLIC"},
    )
    snap = build(reviewer_ctx.session, ThematicFilters(), PUBLIC, TODAY)
    dto = snap.dto
    assert snap.person_ids == (case.person.id, other.id)
    rows = {row.code: row for row in dto.cases}
    assert rows[f"P-{case.person.id}"].display_name == f"P-{case.person.id}"
    assert rows[f"P-{other.id}"].display_name == "Hayk Invented"
    assert rows[f"P-{case.person.id}"].proceedings == "convicted, 20 years"
    assert rows[f"P-{case.person.id}"].allegations == ("Torture (corroborated)",)
    assert [t.code for t in dto.transliteration] == [f"P-{other.id}"]
    figures = {f.label: f.value for f in dto.key_figures}
    assert figures["Persons in the selection"] == 2
    assert figures["Allegations"] == 2  # the restricted and partner-level ones are not counted
    assert figures["Trials with a violated guarantee"] == 1
    assert all(f.counts for f in dto.key_figures)
    assert [s.number for s in dto.sources] == list(range(1, len(dto.sources) + 1))
    assert [n.number for n in dto.notes] == list(range(1, len(dto.notes) + 1))
    torture = next(t for t in dto.themes if t.key == "torture")
    assert torture.cases == (f"P-{case.person.id}", f"P-{other.id}")
    assert torture.notes and all(n in range(1, len(dto.notes) + 1) for n in torture.notes)
    text = canonical_json(dto)
    for secret in ("Aram", "Hovhannisyan", "Rovshan", "Kappa", "Orchid", "Juniper", "Polaris"):
        assert secret not in text, secret
    matrix = {m.guarantee.value: dict(m.by_finding) for m in dto.matrix}
    assert sum(matrix["G01"].values()) == 1
    assert dto.timeline and dto.timeline[0].month == date(2020, 11, 1)
    assert dto.meta.title.startswith("Thematic report: Category: all detainee categories")


def test_reading_in_chunks_gives_the_same_report(
    reviewer_ctx: Context, store: EvidenceStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_case(reviewer_ctx, store)
    source = make_source(reviewer_ctx, confidentiality="PUBLIC")
    for _ in range(4):
        person = make_person(reviewer_ctx, confidentiality=Confidentiality.PUBLIC)
        claims.cite(
            reviewer_ctx,
            make_episode(reviewer_ctx, person, confidentiality="PUBLIC"),
            source,
            {"confidentiality": "PUBLIC"},
        )
    whole = build(reviewer_ctx.session, ThematicFilters(), INTERNAL, TODAY)
    monkeypatch.setattr(snapshot_thematic, "CHUNK", 2)
    chunked = build(reviewer_ctx.session, ThematicFilters(), INTERNAL, TODAY)
    assert chunked.dto == whole.dto and chunked.sha256 == whole.sha256
    assert whole.dto.cases[0].display_name == "Aram Hovhannisyan"
    assert all(row.display_name for row in whole.dto.cases)
    assert {t.code for t in whole.dto.transliteration} == {row.code for row in whole.dto.cases}
