"""A documentation officer's main journey, in a real browser."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.conftest import PASSWORD, Site


def test_enter_a_case_and_find_it_again(site: Site) -> None:
    site.open("/people/")
    assert "/login" in site.driver.current_url
    site.fill("username", "edith")
    site.fill("password", PASSWORD)
    site.submit()

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
    assert "Person created." in site.text
    case_file = site.driver.current_url

    # Found again by the Cyrillic spelling, from the search box in the header.
    box = site.driver.find_element(By.ID, "site-q")
    box.send_keys("Ованнисян")
    site.submit_element(box)
    assert "Արամ Հովհաննիսյան" in site.text
    site.click_link("Արամ Հովհաննիսյան")
    assert site.driver.current_url == case_file
    history = site.driver.find_element(By.ID, "history").text
    assert "Created person" in history
    assert "Edith Editor" in history
