"""Proceedings through the web: list, proceeding page, forms, the fair-trial matrix."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from casebook.models.trials import Charge, FairTrialAssessment, Hearing, Proceeding, Sentence
from casebook.services import claims, trials
from casebook.services.context import Context
from casebook.vocab import Guarantee
from tests.factories import (
    make_episode,
    make_hearing,
    make_person,
    make_place,
    make_proceeding,
    make_source,
)
from tests.web.conftest import Browser
from tests.web.test_query_counts import statements_for

HOSTILE = [
    "<script>alert(1)</script>",
    "Tom & Jerry's <b>court</b>",
    "Արամ Հովհաննիսյան",
    "Арам Ованнисян",
    "\U0001f600\U0001f1e6\U0001f1f2 🕊️",
    "x" * 10_000,
]

PROCEEDING = {
    "confidentiality": "CONFIDENTIAL",
    "instance": "FIRST_INSTANCE",
    "start_date": "2021-05-01",
    "end_date": "2021-07-01",
    "counsel_type": "APPOINTED",
    "interpreter": "NO",
    "public_access": "CLOSED",
    "icrc_notified": "UNKNOWN",
    "protecting_power_notified": "UNKNOWN",
}
HEARING = {
    "confidentiality": "CONFIDENTIAL",
    "hearing_date": "2021-05-20",
    "monitoring_mode": "DIRECT",
    "public_admitted": "NO",
    "defendant_present": "YES",
    "counsel_present": "YES",
    "interpreter_present": "NO",
    "restraints": "GLASS_BOX",
}
CHARGE = {
    "confidentiality": "CONFIDENTIAL",
    "statute": "Criminal Code",
    "article": "318.2",
    "outcome": "CONVICTED",
    "concerns_pre_capture_conduct": "YES",
}
SENTENCE = {"confidentiality": "CONFIDENTIAL", "sentence_type": "IMPRISONMENT", "term_months": "72"}


def _matrix_form(**entries: tuple[str, str]) -> dict[str, str]:
    data = {f"{g.value}.finding": "NO_INFORMATION" for g in Guarantee}
    for code, (finding, rationale) in entries.items():
        data[f"{code}.finding"] = finding
        data[f"{code}.rationale"] = rationale
    return data


def _records(ctx: Context) -> tuple[Proceeding, Hearing, Charge, Sentence]:
    person = make_person(ctx)
    proc = make_proceeding(ctx, person)
    hearing = make_hearing(ctx, proc)
    charge = trials.add_charge(ctx, proc, {"statute": "Criminal Code", "outcome": "CONVICTED"})
    sentence = trials.add_sentence(ctx, proc, {"sentence_type": "IMPRISONMENT", "term_months": 12})
    return proc, hearing, charge, sentence


def _write_urls(
    proc: Proceeding, hearing: Hearing, charge: Charge, sentence: Sentence
) -> list[str]:
    return [
        f"/proceedings/new?person_id={proc.person_id}",
        f"/proceedings/{proc.id}/edit",
        f"/proceedings/{proc.id}/charges/new",
        f"/proceedings/charges/{charge.id}/edit",
        f"/proceedings/{proc.id}/hearings/new",
        f"/proceedings/hearings/{hearing.id}/edit",
        f"/proceedings/{proc.id}/matrix",
        f"/proceedings/{proc.id}/sentences/new",
        f"/proceedings/sentences/{sentence.id}/edit",
    ]


def test_every_route_renders_for_an_editor(as_editor: Browser, ctx: Context) -> None:
    proc, hearing, charge, sentence = _records(ctx)
    for url in [
        "/proceedings/",
        f"/proceedings/{proc.id}",
        *_write_urls(proc, hearing, charge, sentence),
    ]:
        assert as_editor.get(url).status_code == 200, url


def test_viewer_reads_but_cannot_write(as_viewer: Browser, ctx: Context) -> None:
    proc, hearing, charge, sentence = _records(ctx)
    assert as_viewer.get("/proceedings/").status_code == 200
    page = as_viewer.get(f"/proceedings/{proc.id}")
    assert page.status_code == 200
    assert "Add a hearing" not in page.get_data(as_text=True)
    for url in _write_urls(proc, hearing, charge, sentence):
        assert as_viewer.get(url).status_code == 403, url
    assert as_viewer.client.post(f"/proceedings/{proc.id}/matrix").status_code in (400, 403)


def test_unknown_records_are_404(as_editor: Browser) -> None:
    for url in (
        "/proceedings/999999",
        "/proceedings/new?person_id=999999",
        "/proceedings/new",
        "/proceedings/999999/matrix",
        "/proceedings/hearings/999999/edit",
    ):
        assert as_editor.get(url).status_code == 404, url


def test_editor_creates_a_proceeding(as_editor: Browser, ctx: Context, session: Session) -> None:
    person = make_person(ctx)
    episode = make_episode(ctx, person)
    court = make_place(ctx, kind="COURT", name="Invented Military Court")
    form = as_editor.get(f"/proceedings/new?person_id={person.id}").get_data(as_text=True)
    assert "Invented Military Court" in form
    data = {
        **PROCEEDING,
        "court_id": str(court.id),
        "episode_id": str(episode.id),
        "case_number": "1-77/2021",
        "judges": "Judge A, Judge B",
    }
    response = as_editor.post(f"/proceedings/new?person_id={person.id}", data)
    assert response.status_code == 302
    proc = session.scalars(select(Proceeding).where(Proceeding.person_id == person.id)).one()
    assert response.headers["Location"].endswith(f"/proceedings/{proc.id}")
    assert proc.court_id == court.id and proc.episode_id == episode.id
    page = as_editor.get(f"/proceedings/{proc.id}").get_data(as_text=True)
    assert "Invented Military Court" in page and "1-77/2021" in page


def test_appeal_of_the_wrong_instance_is_refused(as_editor: Browser, ctx: Context) -> None:
    person = make_person(ctx)
    investigation = make_proceeding(ctx, person, instance="INVESTIGATION", case_number="INV-1")
    data = {**PROCEEDING, "instance": "APPEAL", "parent_id": str(investigation.id)}
    response = as_editor.post(f"/proceedings/new?person_id={person.id}", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="parent_id-error"' in html and "reviews a first instance" in html


def test_editor_edits_a_proceeding(as_editor: Browser, ctx: Context, session: Session) -> None:
    person = make_person(ctx)
    proc = make_proceeding(ctx, person)
    other = make_proceeding(ctx, person, instance="INVESTIGATION", case_number="INV-9")
    form = as_editor.get(f"/proceedings/{proc.id}/edit").get_data(as_text=True)
    assert "INV-9" in form  # offered as the parent
    assert (
        f'<option value="{proc.id}"' not in form.split('name="parent_id"')[1].split("</select>")[0]
    )
    data = {**PROCEEDING, "version": "1", "parent_id": str(other.id), "verdict_summary": "Guilty"}
    response = as_editor.post(f"/proceedings/{proc.id}/edit", data)
    assert response.status_code == 302
    session.refresh(proc)
    assert proc.parent_id == other.id and proc.verdict_summary == "Guilty"


def test_stale_proceeding_edit_shows_the_conflict(as_editor: Browser, ctx: Context) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    url = f"/proceedings/{proc.id}/edit"
    assert as_editor.post(url, {**PROCEEDING, "version": "1", "prosecutor": "X"}).status_code == 302
    second = as_editor.post(url, {**PROCEEDING, "version": "1", "prosecutor": "Yankee"})
    html = second.get_data(as_text=True)
    assert "Someone else saved this record" in html and 'value="Yankee"' in html


def test_editor_adds_and_edits_charges_and_hearings(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    added = as_editor.post(f"/proceedings/{proc.id}/charges/new", CHARGE)
    assert added.status_code == 302
    assert added.headers["Location"].endswith(f"/proceedings/{proc.id}")
    charge = session.scalars(select(Charge).where(Charge.proceeding_id == proc.id)).one()
    edited = as_editor.post(
        f"/proceedings/charges/{charge.id}/edit", {**CHARGE, "version": "1", "article": "279"}
    )
    assert edited.status_code == 302
    session.refresh(charge)
    assert charge.article == "279"

    data = {**HEARING, "observed": "Defendant in a glass box", "reported": "Lawyer said: no files"}
    assert as_editor.post(f"/proceedings/{proc.id}/hearings/new", data).status_code == 302
    hearing = session.scalars(select(Hearing).where(Hearing.proceeding_id == proc.id)).one()
    assert hearing.restraints.value == "GLASS_BOX"
    edit_url = f"/proceedings/hearings/{hearing.id}/edit"
    assert (
        as_editor.post(edit_url, {**data, "version": "1", "monitored_by": "M. K."}).status_code
        == 302
    )
    page = as_editor.get(f"/proceedings/{proc.id}").get_data(as_text=True)
    assert "Defendant in a glass box" in page and "Lawyer said: no files" in page
    assert "M. K." in page and "318.2" not in page and "279" in page


def test_hearing_outside_the_proceeding_is_refused_next_to_hearing_date(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    proc = make_proceeding(ctx, make_person(ctx))  # 2021-05-01 to 2021-07-01
    data = {**HEARING, "hearing_date": "2021-09-01", "observed": "Սենյակը փակ էր"}
    response = as_editor.post(f"/proceedings/{proc.id}/hearings/new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    error = html[html.index('id="hearing_date-error"') :][:200]
    assert "is after the proceeding ended (2021-07-01)" in error
    assert "Սենյակը փակ էր" in html
    assert session.scalars(select(Hearing)).first() is None


def test_sentence_without_a_conviction_is_refused(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    trials.add_charge(ctx, proc, {"statute": "Criminal Code", "outcome": "ACQUITTED"})
    response = as_editor.post(f"/proceedings/{proc.id}/sentences/new", SENTENCE)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "a sentence needs a conviction" in html
    assert 'value="72"' in html
    assert session.scalars(select(Sentence)).first() is None


def test_editor_adds_and_edits_a_sentence(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    trials.add_charge(ctx, proc, {"statute": "Criminal Code", "outcome": "CONVICTED"})
    prison = make_place(ctx, name="Invented Colony 2")
    data = {**SENTENCE, "facility_id": str(prison.id)}
    assert as_editor.post(f"/proceedings/{proc.id}/sentences/new", data).status_code == 302
    sentence = session.scalars(select(Sentence).where(Sentence.proceeding_id == proc.id)).one()
    assert sentence.term_months == 72
    no_term = as_editor.post(
        f"/proceedings/sentences/{sentence.id}/edit", {**data, "version": "1", "term_months": ""}
    )
    assert no_term.status_code == 200
    assert "give the term of imprisonment" in no_term.get_data(as_text=True)
    edited = as_editor.post(
        f"/proceedings/sentences/{sentence.id}/edit", {**data, "version": "1", "term_months": "60"}
    )
    assert edited.status_code == 302
    session.refresh(sentence)
    assert sentence.term_months == 60
    assert "Invented Colony 2" in as_editor.get(f"/proceedings/{proc.id}").get_data(as_text=True)


def test_matrix_saves_several_guarantees_at_once(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    trials.record_matrix(ctx, proc, {"G02": {"finding": "RESPECTED"}})
    form = as_editor.get(f"/proceedings/{proc.id}/matrix").get_data(as_text=True)
    assert 'name="G02.finding"' in form and 'name="G15.rationale"' in form
    data = _matrix_form(
        G02=("RESPECTED", ""),
        G03=("VIOLATED", "Held in a glass box throughout"),
        G09=("PARTLY", "Interpreter only for the verdict"),
        G14=("RESPECTED", ""),
    )
    data["G02.version"] = "1"
    response = as_editor.post(f"/proceedings/{proc.id}/matrix", data)
    assert response.status_code == 302
    rows = {
        row.guarantee.value: row
        for row in session.scalars(
            select(FairTrialAssessment).where(FairTrialAssessment.proceeding_id == proc.id)
        )
    }
    assert set(rows) == {"G02", "G03", "G09", "G14"}  # untouched guarantees are not created
    assert rows["G02"].version == 1  # unchanged: not rewritten
    assert rows["G03"].finding.value == "VIOLATED"
    assert rows["G09"].rationale == "Interpreter only for the verdict"
    page = as_editor.get(f"/proceedings/{proc.id}").get_data(as_text=True)
    assert "Held in a glass box throughout" in page


def test_matrix_violation_without_rationale_shows_the_error_by_that_guarantee(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    data = _matrix_form(G01=("RESPECTED", "Tribunal list published"), G07=("VIOLATED", ""))
    response = as_editor.post(f"/proceedings/{proc.id}/matrix", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    error = html[html.index('id="G07.rationale-error"') :][:200]
    assert "explain why the guarantee was violated" in error
    assert html.index('id="G07"') < html.index('id="G07.rationale-error"') < html.index('id="G08"')
    assert "Tribunal list published" in html  # the other guarantee's input is kept
    assert session.scalars(select(FairTrialAssessment)).first() is None  # all or nothing


def test_matrix_stale_finding_is_shown_by_that_guarantee(
    as_editor: Browser, ctx: Context, session: Session
) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    trials.record_matrix(ctx, proc, {"G05": {"finding": "RESPECTED"}})
    trials.record_matrix(ctx, proc, {"G05": {"finding": "VIOLATED", "rationale": "No files"}})
    data = _matrix_form(G05=("PARTLY", "Some files"))
    data["G05.version"] = "1"
    response = as_editor.post(f"/proceedings/{proc.id}/matrix", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "was changed by someone else" in html[html.index('id="G05"') :][:2000]
    assert 'name="G05.version" type="hidden" value="2"' in html  # saving again is deliberate
    again = as_editor.post(f"/proceedings/{proc.id}/matrix", {**data, "G05.version": "2"})
    assert again.status_code == 302


def test_proceedings_list_filters_and_names(as_viewer: Browser, ctx: Context) -> None:
    court = make_place(ctx, kind="COURT", name="Invented Court Alpha")
    person = make_person(ctx)
    make_proceeding(ctx, person, court_id=court.id, case_number="ALPHA-1")
    make_proceeding(
        ctx,
        person,
        instance="APPEAL",
        case_number="BETA-2",
        start_date=date(2022, 1, 10),
        end_date=None,
    )
    html = as_viewer.get("/proceedings/").get_data(as_text=True)
    assert "ALPHA-1" in html and "BETA-2" in html and "Արամ Հովհաննիսյան" in html
    assert html.index("BETA-2") < html.index("ALPHA-1")  # newest first
    oldest = as_viewer.get("/proceedings/?sort=oldest").get_data(as_text=True)
    assert oldest.index("ALPHA-1") < oldest.index("BETA-2")
    by_court = as_viewer.get(f"/proceedings/?court={court.id}").get_data(as_text=True)
    assert "ALPHA-1" in by_court and "BETA-2" not in by_court
    by_instance = as_viewer.get("/proceedings/?instance=APPEAL").get_data(as_text=True)
    assert "BETA-2" in by_instance and "ALPHA-1" not in by_instance
    by_date = as_viewer.get("/proceedings/?start_from=2022-01-01&start_to=2022-12-31")
    assert "BETA-2" in by_date.get_data(as_text=True)
    assert "ALPHA-1" not in by_date.get_data(as_text=True)
    junk = as_viewer.get("/proceedings/?start_from=yesterday&court=x&instance=<b>&page=-3")
    assert junk.status_code == 200


def test_list_and_page_run_a_fixed_number_of_queries(
    as_viewer: Browser, ctx: Context, engine: Engine
) -> None:
    person = make_person(ctx)
    proc = make_proceeding(ctx, person)
    source = make_source(ctx)
    claims.cite(ctx, make_hearing(ctx, proc), source, {})
    few_list = statements_for(as_viewer, engine, "/proceedings/")
    few_page = statements_for(as_viewer, engine, f"/proceedings/{proc.id}")
    for _ in range(4):
        other = make_person(ctx)
        make_proceeding(ctx, other)
        claims.cite(ctx, make_hearing(ctx, proc), make_source(ctx), {"credibility": 2})
    trials.record_matrix(ctx, proc, {"G01": {"finding": "VIOLATED", "rationale": "x"}})
    assert statements_for(as_viewer, engine, "/proceedings/") == few_list
    assert statements_for(as_viewer, engine, f"/proceedings/{proc.id}") == few_page


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_never_breaks_the_pages(
    as_editor: Browser, ctx: Context, hostile: str
) -> None:
    proc = make_proceeding(ctx, make_person(ctx))
    long_ok = {"judges": hostile, "verdict_summary": hostile, "summary": hostile}
    edited = as_editor.post(
        f"/proceedings/{proc.id}/edit", {**PROCEEDING, "version": "1", **long_ok}
    )
    assert edited.status_code == 302
    short = as_editor.post(
        f"/proceedings/{proc.id}/edit", {**PROCEEDING, "version": "2", "prosecutor": hostile}
    )
    assert short.status_code == (200 if len(hostile) > 255 else 302)
    hearing = {**HEARING, "observed": hostile, "reported": hostile, "irregularities": hostile}
    assert as_editor.post(f"/proceedings/{proc.id}/hearings/new", hearing).status_code == 302
    charge = {**CHARGE, "text_as_charged": hostile, "statute": hostile[:255]}
    assert as_editor.post(f"/proceedings/{proc.id}/charges/new", charge).status_code == 302
    matrix = _matrix_form(G03=("VIOLATED", hostile))
    assert as_editor.post(f"/proceedings/{proc.id}/matrix", matrix).status_code == 302
    for url in (f"/proceedings/{proc.id}", "/proceedings/", f"/proceedings/{proc.id}/matrix"):
        page = as_editor.get(url)
        html = page.get_data(as_text=True)
        assert page.status_code == 200, url
        assert "<script>alert(1)</script>" not in html
        assert "<b>court</b>" not in html
