"""Audit results kept while the data they were computed from has not changed.

Every write leaves an audit event, so the newest change event's id is a version of the
data the rules read: a run is reused while that version and the day (dates matter to
several rules) are the same. Concurrent writers can commit out of id order, so results
for pages (a case file's panel, a list's badges) are also recomputed after ``max_age``
seconds; a whole-database run is kept until the data changes and always shows when it
ran, so a reviewer can run it again.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from casebook.services.findings.base import Finding, Severity
from casebook.services.findings.report import latest_change


@dataclass(frozen=True)
class Run:
    """The findings of one run, with what it was computed from."""

    number: int
    key: Hashable
    findings: tuple[Finding, ...]
    version: int  # the newest change event when it ran
    as_of: date
    ran_at: datetime
    seconds: float
    started: float = field(repr=False)  # monotonic clock, for ``max_age``

    @property
    def counts(self) -> dict[Severity, int]:
        found = Counter(f.severity for f in self.findings)
        return {s: found.get(s, 0) for s in Severity}

    @property
    def per_rule(self) -> Counter[str]:
        return Counter(f.rule_id for f in self.findings)


class RunCache:
    """Thread-safe, bounded (least recently used first out)."""

    def __init__(
        self,
        *,
        max_entries: int = 256,
        max_age: float | None = 120.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_entries = max_entries
        self.max_age = max_age
        self.monotonic = monotonic
        self._runs: OrderedDict[Hashable, Run] = OrderedDict()
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def fresh(self, session: Session, key: Hashable, today: date) -> Run | None:
        """The cached run for ``key`` if it is still current."""
        version, _when = latest_change(session)
        return self._current(key, version, today)

    def _current(self, key: Hashable, version: int, today: date) -> Run | None:
        with self._lock:
            run = self._runs.get(key)
            if run is None or run.version != version or run.as_of != today:
                return None
            if self.max_age is not None and self.monotonic() - run.started > self.max_age:
                return None
            self._runs.move_to_end(key)
            return run

    def get(
        self,
        session: Session,
        key: Hashable,
        today: date,
        compute: Callable[[], list[Finding]],
        *,
        force: bool = False,
    ) -> Run:
        """The current run for ``key``, computing (and keeping) it when there is none."""
        version, _when = latest_change(session)
        if not force:
            run = self._current(key, version, today)
            if run is not None:
                return run
        started = self.monotonic()
        found = compute()
        run = Run(
            number=next(self._numbers),
            key=key,
            findings=tuple(found),
            version=version,
            as_of=today,
            ran_at=datetime.now(UTC),
            seconds=self.monotonic() - started,
            started=started,
        )
        with self._lock:
            self._runs[key] = run
            self._runs.move_to_end(key)
            while len(self._runs) > self.max_entries:
                self._runs.popitem(last=False)
        return run

    def latest(self, key: Hashable) -> Run | None:
        """The last run for ``key``, current or not."""
        with self._lock:
            return self._runs.get(key)

    def numbered(self, number: int) -> Run | None:
        with self._lock:
            return next((r for r in self._runs.values() if r.number == number), None)
