"""The PDF builders on synthetic DTOs (not a test; no database).

    .venv/bin/python -m tests.benchmarks.bench_reports [--sizes 1000,10000] [--persons 30]

- **Thematic report** of each size (persons): ``reports.thematic.build`` (contents,
  bookmarks per section and per person, page X of Y, banners, watermark) and, in the same
  run, the **bare single-pass baseline**: the very same story laid out by a plain
  ReportLab ``BaseDocTemplate`` with no contents, no anchors or bookmarks, no page
  furniture and no late forms. Each build runs in a fresh process, so its peak memory
  (maximum resident set size, from ``resource.getrusage``) is its own. Prints seconds
  (wall and CPU), pages, pages per second, peak memory and the ratio of the two.
- **Per-person dossier**: ``reports.person.build`` of a typical and of a rich synthetic
  person (``tests.reports.samples``), ``--persons`` builds each after one warm-up build
  (the first build of a process also registers the fonts: printed apart); median and 95th
  percentile, wall and CPU time.

The machine is shared: CPU seconds are the steadier figure; read the ratios.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate

from casebook.services.dto import ThematicReport
from reports import pdfinfo, person, styles, thematic
from reports.document import GEOMETRY, LazyStory, body_frame
from reports.text import Markup, Para, anchor, esc, para
from reports.toc import Anchor, Book, TocEntry
from tests.reports import samples


class BareBook(Book):
    """Headings as plain paragraphs; no contents, no outline, no destinations beyond the
    ``<a name>`` targets the content's own links need."""

    def heading(
        self, entry: TocEntry, style: Any = None, room: float | None = None
    ) -> list[Flowable]:
        return [para(entry.label, style or (styles.H1 if entry.level == 0 else styles.H2))]

    def contents(self, title: str = "Contents") -> list[Flowable]:
        return []

    def mark(
        self,
        title: str,
        level: int,
        key: str | None = None,
        text: str | None = None,
        style: Any = styles.CELL_BOLD,
    ) -> Anchor:
        target = anchor(key) if key else Markup("")
        return Para(Markup(f"{target}{esc(text or '')}"), style)  # type: ignore[return-value]


def bare_build(report: ThematicReport) -> bytes:
    styles.register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, **GEOMETRY, invariant=1, initialFontName=styles.SANS)
    frame = body_frame(doc)
    doc.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])
    story: Iterator[Flowable] = thematic.story(report, BareBook())
    doc.build(LazyStory(story))  # the same lazy story as reports.document.render
    return buffer.getvalue()


def child(mode: str, size: int) -> None:
    """One build in this process; prints its figures as JSON."""
    report = samples.thematic_report(size)
    builder = thematic.build if mode == "full" else bare_build
    wall, cpu = time.perf_counter(), time.process_time()
    pdf = builder(report)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "pages": pdfinfo.page_count(pdf),
                "peak_mb": peak_mb,
                "bytes": len(pdf),
            }
        )
    )


def run_child(mode: str, size: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_reports", "--child", mode, str(size)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def dossier_latency(count: int) -> None:
    print(f"\nPer-person dossier, {count} builds after one warm-up (ms)")
    print(
        f"{'person':<10}{'pages':>6}{'first':>9}{'median':>9}{'p95':>9}{'cpu med':>9}{'cpu p95':>9}"
    )
    for name, make in (("typical", samples.person_dossier), ("rich", samples.rich_person_dossier)):
        dossier = make()
        start = time.perf_counter()
        pdf = person.build(dossier)
        first = (time.perf_counter() - start) * 1000
        walls, cpus = [], []
        for _ in range(count):
            wall, cpu = time.perf_counter(), time.process_time()
            person.build(dossier)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        figures = [statistics.median(walls), percentile(walls, 95)]
        figures += [statistics.median(cpus), percentile(cpus, 95)]
        print(
            f"{name:<10}{pdfinfo.page_count(pdf):>6}{first:>9.0f}"
            + "".join(f"{f:>9.0f}" for f in figures)
        )


def thematic_runs(sizes: list[int]) -> None:
    print("\nThematic report (each build in a fresh process)")
    print(f"{'persons':>8} {'build':<9}{'wall s':>8}{'cpu s':>8}{'pages':>7}", end="")
    print(f"{'pages/s':>9}{'peak MB':>9}")
    for size in sizes:
        figures = {mode: run_child(mode, size) for mode in ("baseline", "full")}
        for mode, f in figures.items():
            print(
                f"{size:>8} {mode:<9}{f['wall']:>8.1f}{f['cpu']:>8.1f}{f['pages']:>7.0f}"
                f"{f['pages'] / f['wall']:>9.1f}{f['peak_mb']:>9.0f}"
            )
        full, bare = figures["full"], figures["baseline"]
        print(
            f"{'':>8} ratio    {full['wall'] / bare['wall']:>8.2f}{full['cpu'] / bare['cpu']:>8.2f}"
            f"{'':>16}{full['peak_mb'] / bare['peak_mb']:>9.2f}"
        )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--persons", type=int, default=30)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    dossier_latency(args.persons)
    thematic_runs([int(s) for s in args.sizes.split(",") if s])


if __name__ == "__main__":
    main(sys.argv[1:])
