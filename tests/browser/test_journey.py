"""A documentation officer's main journey, in a real browser: log in, create a person with
an Armenian-script name, add a detention with a transfer, a proceeding with a hearing and a
fair-trial finding, an allegation with a cited source, find the person by a Cyrillic
spelling, and see it all in the case file's history."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.conftest import PASSWORD, Site


def log_in(site: Site) -> None:
    site.open("/people/")
    assert "/login" in site.driver.current_url  # every page needs a login
    site.fill("username", "edith")
    site.fill("password", PASSWORD)
    site.submit()
    site.expect("Edith Editor")


def create_person(site: Site) -> str:
    site.open("/people/new")
    site.fill("category", "POW")
    site.fill("current_status", "DETAINED")
    site.fill("names-0-full_name", "Արամ Հովհաննիսյան")
    site.fill("names-0-script", "ARMN")
    site.fill("names-0-language", "HY")
    site.fill("names-0-kind", "PRIMARY")
    site.fill("names-1-full_name", "Арам Ованнисян")
    site.fill("names-1-script", "CYRL")
    site.fill("names-1-language", "RU")
    site.submit()
    site.expect("Person created.")
    return str(site.driver.current_url)


def add_detention_with_a_transfer(site: Site) -> None:
    site.click_link("Add a detention episode")
    site.fill("capture_date", "2020-11-10")
    site.choose("capture_place_id", "Invented Hill")
    site.fill("capturing_force", "Special forces & <unit 7>")
    site.submit()
    site.expect("Detention episode saved.")
    site.click_link("Add a custody event", site.within("#detention"))
    site.fill("event_type", "TRANSFER")
    site.fill("start_date", "2020-11-12")
    site.choose("from_place_id", "Invented Hill")
    site.choose("to_place_id", "Invented Prison No. 9")
    site.submit()
    site.expect("Custody event saved.")
    timeline = site.within("#timeline").text
    assert "Captured / arrested" in timeline
    assert "Transfer: Invented Hill → Invented Prison No. 9" in timeline


def add_proceeding_with_a_hearing_and_a_finding(site: Site, case_file: str) -> None:
    site.driver.get(case_file)
    site.click_link("Add a proceeding")
    site.fill("instance", "FIRST_INSTANCE")
    site.choose("court_id", "Invented Military Court")
    site.fill("case_number", "1-77/2021")
    site.fill("start_date", "2021-05-01")
    site.fill("interpreter", "NO")
    site.submit()
    site.expect("Proceeding saved.")  # on the proceeding's own page now
    site.click_link("Add a hearing")
    site.fill("hearing_date", "2021-05-20")
    site.fill("monitoring_mode", "DIRECT")
    site.fill("restraints", "GLASS_BOX")
    site.fill("observed", "The defendant sat in a glass box; no interpreter was present.")
    site.submit()
    site.expect("Hearing saved.")
    site.click_link("Edit the findings")
    site.fill("G09.finding", "VIOLATED")
    site.fill("G09.rationale", "No interpreter at the hearing of 20 May 2021.")
    site.submit()
    site.expect("Fair-trial findings saved.")
    matrix = site.within("#finding-G09").text
    assert "Violated" in matrix and "No interpreter" in matrix
    assert "Glass box" in site.within("#hearings").text


def add_allegation_and_cite_a_source(site: Site, case_file: str) -> None:
    site.driver.get(case_file)
    site.click_link("Add an allegation")
    site.fill("act_type", "TORTURE")
    site.fill("start_date", "2020-11-12")
    site.fill("description", "Beaten during the first interrogation.")
    site.fill("perpetrator_unit", "Interrogators of the facility")
    site.fill("degree", "CARRIED_OUT")
    site.submit()
    site.expect("Allegation saved.")
    allegation = site.within("#allegations article")
    assert "Alleged" in allegation.text  # the status badge
    site.click_link("Cite a source", allegation)
    site.choose("source_id", "S-1: Invented report on captives")
    site.fill("pinpoint_kind", "PAGE")
    site.fill("pinpoint", "12")
    site.fill("quote_original", "Он был избит на первом допросе.")
    site.fill("quote_language", "ru")
    site.fill("quote_translation", "He was beaten at the first interrogation.")
    site.fill("credibility", "2")
    site.submit()
    site.expect("Source cited.")
    cited = site.within("#allegations article .citations").text
    assert "Invented report on captives" in cited
    assert "page 12" in cited and "supports" in cited and "credibility 2" in cited


def find_by_cyrillic(site: Site, case_file: str) -> None:
    box = site.driver.find_element(By.ID, "site-q")
    box.send_keys("Ованнисян")
    site.submit_element(box)
    site.expect("Արամ Հովհաննիսյան")
    site.click_link("Արամ Հովհաննիսյան")
    assert site.driver.current_url == case_file


def test_enter_a_whole_case_and_find_it_again(site: Site) -> None:
    log_in(site)
    case_file = create_person(site)
    add_detention_with_a_transfer(site)
    add_proceeding_with_a_hearing_and_a_finding(site, case_file)
    add_allegation_and_cite_a_source(site, case_file)
    find_by_cyrillic(site, case_file)

    history = site.within("#history").text
    for entry in (
        "Created person",
        "Created detention episode",
        "Created custody event",
        "Created proceeding",
        "Created hearing",
        "Created fair trial assessment",
        "Created allegation",
        "Created citation",
    ):
        assert entry in history, entry
    assert "Edith Editor" in history
    # What was typed is shown as text, never as markup.
    assert "Special forces & <unit 7>" in site.within("#detention").text
