"""Timing the demo load by hand (not a test): a fresh schema, one load, the numbers.

    /usr/bin/time -v .venv/bin/python -m tests.benchmarks.bench_demo_load \\
        sqlite:////tmp/bench.sqlite3 100000
    /usr/bin/time -v .venv/bin/python -m tests.benchmarks.bench_demo_load \\
        postgresql+psycopg://postgres@127.0.0.1:5432/casebook_bench 100000

The database must be empty (a SQLite file that does not exist yet, or a PostgreSQL
database just created); the schema is made with ``Base.metadata.create_all``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import casebook.models  # noqa: F401  (registers every table)
from casebook.db import Base, make_engine, unit_of_work
from casebook.demo import load_demo
from casebook.storage import EvidenceStore


def main(argv: list[str]) -> None:
    url, persons = argv[0], int(argv[1])
    seed = int(argv[2]) if len(argv) > 2 else 1
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    store = EvidenceStore(Path(tempfile.mkdtemp(prefix="casebook-bench-")) / "evidence")
    started = time.perf_counter()

    def progress(done: int) -> None:
        if done % 10_000 == 0 or done == persons:
            print(f"{done:>9,} persons  {time.perf_counter() - started:7.1f} s", flush=True)

    with unit_of_work(engine) as session:
        summary = load_demo(
            session,
            store,
            persons=persons,
            seed=seed,
            clock=lambda: datetime.now(UTC),
            actor_note="benchmark",
            progress=progress,
        )
    print(f"loaded and committed in {time.perf_counter() - started:.1f} s")
    print(f"{sum(summary.counts.values()):,} rows, {summary.files_written:,} files")
    for table, number in summary.counts.items():
        print(f"  {table:<24} {number:>10,}")
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
