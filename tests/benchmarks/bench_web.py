"""Latency of the main pages on a large database (not a test).

    casebook --database-url URL init --no-admin && casebook --database-url URL demo --persons 100000
    .venv/bin/python -m tests.benchmarks.bench_web URL [requests] [--without-audit-badges]
        [--default-gc]

Requests go through the full Flask stack (routing, login, CSRF, templates, the database)
in-process, so the figures are server time without network. Reports the median and 95th
percentile of the persons list (first page, page 500, sorted by last change, filtered), name
searches (random surnames from the data in Latin, Cyrillic and Armenian; random whole names;
surnames with one letter left out; "oğlu", a word in 30% of the demo's names), a case-file
page (random persons), the other lists and the dashboard.

The garbage collector is set as ``casebook serve`` sets it (``casebook.web.runtime``);
``--default-gc`` leaves Python's defaults, to see what that costs.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import func, select

from casebook import create_app
from casebook.config import Settings
from casebook.db import make_engine, unit_of_work, utcnow
from casebook.models import Person, PersonName
from casebook.services import accounts
from casebook.services.context import Context
from casebook.vocab import Role
from casebook.web.runtime import settle_collector
from tests.web.conftest import csrf_from

USER = "bench-viewer"
PASSWORD = "benchmark passphrase 1"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main(argv: list[str]) -> None:
    bare = "--without-audit-badges" in argv
    default_gc = "--default-gc" in argv
    argv = [a for a in argv if a not in ("--without-audit-badges", "--default-gc")]
    url = argv[0]
    count = int(argv[1]) if len(argv) > 1 else 100
    engine = make_engine(url)
    rng = random.Random(7)
    with unit_of_work(engine) as session:
        if not any(u.username == USER for u in accounts.list_users(session)):
            system = Context(session, accounts.system_user(session, utcnow), utcnow, via="cli")
            accounts.create_user(system, USER, Role.VIEWER, PASSWORD)
        persons = session.scalar(select(func.count(Person.id))) or 0
        max_id = session.scalar(select(func.max(Person.id))) or 1
        sampled = session.execute(
            select(PersonName.full_name, PersonName.family_name)
            .where(PersonName.id % 97 == 0)
            .limit(2000)
        ).all()
    engine.dispose()
    settings = Settings(
        instance_path=Path(tempfile.mkdtemp(prefix="casebook-bench-")),
        database_url=url,
        evidence_path=Path(tempfile.mkdtemp(prefix="casebook-bench-ev-")),
    )
    app = create_app(settings)
    app.config["CASEBOOK_LOGIN_DELAY"] = False
    if bare:  # the lists without the citation audit's per-row badges (to see each part's cost)
        app.context_processor(lambda: {"audit_badge": lambda *_args: {}})
    client = app.test_client()
    token = csrf_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"username": USER, "password": PASSWORD, "csrf_token": token})
    if not default_gc:  # as `casebook serve` does once the application is built
        settle_collector()

    surnames = [row.family_name for row in sampled if row.family_name]
    full_names = [row.full_name for row in sampled]

    def surname() -> str:
        return str(rng.choice(surnames))

    def misspelled() -> str:  # one letter left out, as in "Hovhanisyan"
        word = surname()
        at = rng.randrange(1, max(2, len(word) - 1))
        return word[:at] + word[at + 1 :]

    pages = {
        "persons list": lambda: "/people/",
        "persons list, page 500": lambda: "/people/?page=500",
        "persons list, recently changed": lambda: "/people/?sort=updated&page=20",
        "persons list, category and status": lambda: "/people/?category=POW&status=DETAINED",
        "name search, a surname": lambda: "/people/?q=" + quote(surname()),
        "name search, a whole name": lambda: "/people/?q=" + quote(rng.choice(full_names)),
        "name search, a surname misspelled": lambda: "/people/?q=" + quote(misspelled()),
        "name search, 'oğlu' (in 30% of names)": lambda: "/people/?q=o%C4%9Flu",
        "case file": lambda: f"/people/{rng.randint(1, max_id)}",
        "proceedings list": lambda: "/proceedings/?page=20",
        "allegations list": lambda: "/allegations/?page=20",
        "sources list": lambda: "/sources/?page=20",
        "submissions list": lambda: "/submissions/",
        "dashboard": lambda: "/",
    }
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    badges = "without the audit badges" if bare else "with the audit badges"
    collector = "Python's default collector" if default_gc else "the collector set as served"
    print(
        f"{url.split('://')[0]}: {persons:,} persons, {count} requests per page, {badges},"
        f" {collector}, load {load}"
    )
    for label, make_url in pages.items():
        timings = []
        for _ in range(count):
            target = make_url()
            started = time.perf_counter()
            response = client.get(target)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code in (200, 404), (target, response.status_code)
        print(
            f"  {label:<40} median {statistics.median(timings):7.1f} ms"
            f"   p95 {percentile(timings, 95):7.1f} ms"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
