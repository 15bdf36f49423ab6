"""Dossier and thematic-report generation on a large database (not a test).

    casebook --database-url URL init --no-admin && casebook --database-url URL demo --persons 100000
    .venv/bin/python -m tests.benchmarks.bench_dossiers URL [persons] [sizes]

- **Per-person dossiers**: ``persons`` (default 50) detainees spread over the database, each
  read (snapshot) and laid out (PDF) in turn, as the job does, for INTERNAL (the audience
  that reads everything); prints the median and 95th
  percentile of the whole, and of the snapshot alone. The first dossier warms the fonts
  and caches and is not counted.
- **Thematic reports** of each size in ``sizes`` (default ``1000,10000``): the first that
  many detainees, INTERNAL (everything read). Each runs in a fresh process, so its peak
  memory (maximum resident set size) is its own; prints seconds for the snapshot and the
  layout, pages, pages per second and peak memory.

The citation-audit gate is left out (it is the audit's own benchmark); the register is not
written to.
"""

from __future__ import annotations

import io
import json
import resource
import statistics
import subprocess
import sys
import time
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from casebook.db import make_engine, unit_of_work
from casebook.models import Person
from casebook.services import dossiers
from casebook.services.snapshot import Profile
from casebook.services.snapshot_thematic import ThematicFilters
from casebook.vocab import DETAINEE_CATEGORIES, Audience, DossierKind

TODAY = date(2026, 11, 1)
CATEGORIES = sorted(DETAINEE_CATEGORIES, key=lambda c: c.rank)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def detainees(url: str, limit: int | None = None, spread: int | None = None) -> list[int]:
    engine = make_engine(url)
    try:
        with unit_of_work(engine) as session:
            ids = list(
                session.scalars(
                    select(Person.id)
                    .where(Person.category.in_(CATEGORIES), Person.retracted_at.is_(None))
                    .order_by(Person.id)
                )
            )
    finally:
        engine.dispose()
    if spread:
        step = max(len(ids) // (spread + 1), 1)
        return ids[step::step][: spread + 1]
    return ids[:limit]


def per_person(url: str, count: int) -> None:
    ids = detainees(url, spread=count)
    engine = make_engine(url)
    whole: list[float] = []
    snaps: list[float] = []
    pages: list[int] = []
    try:
        for number, pid in enumerate(ids):
            order = dossiers.Order(DossierKind.PERSON, Profile(Audience.INTERNAL), person_id=pid)
            with unit_of_work(engine) as session:
                start = time.perf_counter()
                snap = dossiers.take_snapshot(session, order, TODAY)
                middle = time.perf_counter()
            pdf = dossiers.render(snap.dto)
            end = time.perf_counter()
            if number == 0:
                continue  # warm-up
            whole.append(end - start)
            snaps.append(middle - start)
            pages.append(len(PdfReader(io.BytesIO(pdf)).pages))
    finally:
        engine.dispose()
    print(f"per-person dossier, {len(whole)} persons (INTERNAL: every record read):")
    print(
        f"  snapshot + PDF: median {statistics.median(whole) * 1000:.0f} ms, "
        f"p95 {percentile(whole, 95) * 1000:.0f} ms, max {max(whole) * 1000:.0f} ms"
    )
    print(
        f"  snapshot alone: median {statistics.median(snaps) * 1000:.0f} ms, "
        f"p95 {percentile(snaps, 95) * 1000:.0f} ms; pages: median {statistics.median(pages):.0f}"
    )


def thematic_child(url: str, size: int) -> None:
    """One report in this process; prints its figures as JSON."""
    ids = tuple(detainees(url, limit=size))
    order = dossiers.Order(
        DossierKind.THEMATIC, Profile(Audience.INTERNAL), filters=ThematicFilters(person_ids=ids)
    )
    engine = make_engine(url)
    try:
        with unit_of_work(engine) as session:
            start = time.perf_counter()
            snap = dossiers.take_snapshot(session, order, TODAY)
            middle = time.perf_counter()
        figures: dict[str, float | int | None] = {
            "persons": len(snap.person_ids),
            "sources": len(snap.dto.sources),
            "snapshot_s": middle - start,
            "snapshot_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
        try:
            pdf = dossiers.render(snap.dto)
        except ModuleNotFoundError:  # the thematic builder is not there yet
            print(json.dumps(figures))
            return
        figures["layout_s"] = time.perf_counter() - middle
    finally:
        engine.dispose()
    figures["pages"] = len(PdfReader(io.BytesIO(pdf)).pages)
    figures["bytes"] = len(pdf)
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def thematic(url: str, sizes: list[int]) -> None:
    for size in sizes:
        done = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_dossiers", "--thematic", url, str(size)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"thematic report of {size:,} persons failed:\n{done.stderr[-2000:]}")
            continue
        f = json.loads(done.stdout.strip().splitlines()[-1])
        if "layout_s" not in f:
            print(
                f"thematic report, {f['persons']:,} persons, {f['sources']:,} sources: snapshot "
                f"{f['snapshot_s']:.1f} s, peak memory {f['snapshot_mb']:.0f} MB (no builder yet)"
            )
            continue
        total = f["snapshot_s"] + f["layout_s"]
        print(
            f"thematic report, {f['persons']:,} persons, {f['sources']:,} sources: "
            f"{total:.1f} s (snapshot {f['snapshot_s']:.1f} s, layout {f['layout_s']:.1f} s), "
            f"{f['pages']:,} pages, {f['pages'] / f['layout_s']:.1f} pages/s of layout, "
            f"{f['bytes'] / 1e6:.1f} MB, peak memory {f['peak_mb']:.0f} MB"
        )


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--thematic":
        thematic_child(argv[1], int(argv[2]))
        return
    url = argv[0]
    count = int(argv[1]) if len(argv) > 1 else 50
    sizes = [int(s) for s in (argv[2] if len(argv) > 2 else "1000,10000").split(",") if s]
    with open("/proc/loadavg", encoding="ascii") as handle:
        print(f"load average at start: {handle.read().split()[0]}")
    if count:
        per_person(url, count)
    thematic(url, sizes)


if __name__ == "__main__":
    main(sys.argv[1:])
