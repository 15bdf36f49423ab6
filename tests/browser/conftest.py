"""A real headless Chromium (Debian's chromium + chromium-driver) against casebook served by
waitress on 127.0.0.1, with a database of its own (committed, like production)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import (
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from casebook import create_app, migrate
from casebook.config import Settings
from casebook.db import make_engine, unit_of_work, utcnow
from casebook.services import accounts, places, sources
from casebook.services.context import Context
from casebook.vocab import Role
from tests.support.databases import fresh_database_url

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
PASSWORD = "correct horse battery staple"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (bash .ci/run installs them)",
)


WAIT = 20  # seconds: generous, for a loaded CI machine; waits end as soon as they can


def _replaced(element: WebElement) -> bool:
    """Whether ``element``'s page has been replaced by the next one. While the next page
    loads, ChromeDriver may answer for a node of the old document with an inspector error
    ("does not belong to the document") rather than a stale reference: both mean gone."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error.msg):
            return True
        raise
    return False


@dataclass
class Site:
    """The browser on casebook, with actions that wait explicitly (never sleep)."""

    base: str
    driver: WebDriver

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def within(self, css: str) -> WebElement:
        """The element ``css`` names on the page (waiting for it to be there)."""
        return WebDriverWait(self.driver, WAIT).until(
            lambda d: d.find_element(By.CSS_SELECTOR, css)
        )

    def fill(self, name: str, value: str, scope: WebElement | None = None) -> None:
        """Type ``value`` into the field ``name`` (a select: choose the option of that value)."""
        element = (scope or self.driver).find_element(By.NAME, name)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "date":
            # Chromium's date input takes keystrokes in the machine's locale order; the
            # value property is the same on every machine.
            self.driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.clear()
            element.send_keys(value)

    def choose(self, name: str, label_start: str) -> None:
        """Choose the option of the select ``name`` whose label starts with ``label_start``."""
        select = Select(self.driver.find_element(By.NAME, name))
        labels = [option.text for option in select.options]
        match = next((text for text in labels if text.startswith(label_start)), None)
        assert match is not None, f"no option {label_start!r} in {name}: {labels}"
        select.select_by_visible_text(match)

    def _and_wait(self, element: WebElement, action: str = "click") -> None:
        """Act, then wait for the next page to replace this one."""
        getattr(element, action)()
        WebDriverWait(self.driver, WAIT).until(lambda _d: _replaced(element))
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )

    def submit(self) -> None:
        self._and_wait(self.driver.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))

    def click_link(self, text: str, scope: WebElement | None = None) -> None:
        self._and_wait((scope or self.driver).find_element(By.PARTIAL_LINK_TEXT, text))

    def submit_element(self, element: WebElement) -> None:
        self._and_wait(element, "submit")

    def expect(self, text: str) -> None:
        """Wait until ``text`` shows on the page (fails with the page's text if it never does)."""
        try:
            WebDriverWait(self.driver, WAIT).until(lambda _d: text in self.text)
        except TimeoutException:
            page = f"{self.driver.current_url}:\n{self.text}"
            raise AssertionError(f"{text!r} not on {page}") from None

    @property
    def text(self) -> str:
        return str(self.driver.find_element(By.TAG_NAME, "body").text)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    import waitress.server

    url = fresh_database_url("browser", tmp_path)
    engine = make_engine(url)
    migrate.upgrade(engine)
    clock = lambda: datetime(2026, 11, 1, 9, tzinfo=UTC)  # noqa: E731
    with unit_of_work(engine) as session:
        system = Context(session, accounts.system_user(session, clock), clock, via="cli")
        accounts.create_user(system, "edith", Role.EDITOR, PASSWORD, "Edith Editor")
        places.create_place(system, {"kind": "PRISON", "name": "Invented Prison No. 9"})
        places.create_place(system, {"kind": "COURT", "name": "Invented Military Court"})
        places.create_place(system, {"kind": "CAPTURE_SITE", "name": "Invented Hill"})
        sources.create_source(
            system,
            {
                "source_type": "NGO_REPORT",
                "title": "Invented report on captives",
                "language": "en",
                "extent_pages": 80,
            },
        )
    engine.dispose()
    settings = Settings(
        instance_path=tmp_path / "instance", database_url=url, evidence_path=tmp_path / "ev"
    )
    app = create_app(settings)
    server = waitress.server.create_server(app, host="127.0.0.1", port=0, threads=4)
    stopping = threading.Event()

    def serve() -> None:
        # Closing the server from this fixture's thread can pull its socket from under the
        # loop's select (EBADF, or a negative descriptor): expected once it is stopping.
        try:
            server.run()
        except (OSError, ValueError):
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        f"--user-data-dir={tmp_path / 'chrome'}",
        "--window-size=1280,2000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.implicitly_wait(0)  # explicit waits only (Site waits for every page)
    try:
        yield Site(f"http://127.0.0.1:{server.effective_port}", driver)  # type: ignore[attr-defined]
    finally:
        driver.quit()
        stopping.set()
        server.close()
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()
        app.extensions["casebook.engine"].dispose()


__all__ = ["PASSWORD", "WAIT", "Site", "utcnow"]
