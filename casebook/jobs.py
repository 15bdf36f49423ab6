"""Background jobs: building dossiers and reports off the request thread, with Huey.

- **Storage.** By default the queue is a SQLite file in the instance folder
  (``<instance>/queue.sqlite3``, Huey's ``SqliteHuey``): nothing to install or run beyond
  ``casebook worker``. With ``CASEBOOK_QUEUE_URL=redis://host:6379/0`` it is a Redis
  server (``RedisHuey``), for deployments with several web processes or machines; a URL
  fragment names the queue (``redis://host:6379/0#casebook-staging``; default
  ``casebook``) so several instances can share one server.
- **Tasks** carry only the register entry's id; the worker opens its own database
  sessions from its own settings. The web enqueues *after* its transaction commits
  (:meth:`Jobs.enqueue_after_commit`), so a worker never looks for an entry not yet saved.
- **One build** (:func:`run_build`, also what the CLI calls in-process) is four short
  transactions: mark the entry RUNNING; read the snapshot, run the citation-audit gate and
  lay out the PDF (one consistent read: REPEATABLE READ on PostgreSQL, a single read
  transaction on SQLite); store the PDF and mark it DONE or BLOCKED; or mark it FAILED
  with the error. Progress is written as it goes (at most twice a second), so the status
  page can show it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from casebook.config import Settings
from casebook.db import make_engine, session_factory, utcnow
from casebook.errors import CasebookError
from casebook.models import Dossier, User
from casebook.services import dossiers
from casebook.services.context import Clock, Context
from casebook.storage import EvidenceStore
from casebook.vocab import JobStatus

log = logging.getLogger(__name__)

QUEUE_FILE = "queue.sqlite3"
QUEUE_NAME = "casebook"
TASK_NAME = "casebook.build_dossier"
PROGRESS_EVERY = 0.5  # seconds between progress writes
Sessions = Callable[[], Session]


def make_huey(settings: Settings, name: str = QUEUE_NAME, immediate: bool = False) -> Huey:
    """The queue the settings name: Redis for a redis:// URL, else SQLite in the instance."""
    if immediate:
        return MemoryHuey(name, immediate=True, results=False)
    url = settings.queue_url
    if url:
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise CasebookError(
                f"CASEBOOK_QUEUE_URL must be a redis://, rediss:// or unix:// URL, not {url!r}"
            )
        # A fragment names the queue, so several instances can share one Redis server.
        url, _, fragment = url.partition("#")
        return RedisHuey(fragment or name, url=url, results=False)
    settings.ensure_instance()
    return SqliteHuey(name, filename=str(settings.instance_path / QUEUE_FILE), results=False)


@contextmanager
def unit(sessions: Sessions, *, snapshot: bool = False) -> Iterator[Session]:
    """One transaction of a job (committed on success). ``snapshot``: a consistent read."""
    with sessions() as session, session.begin():
        bind = session.get_bind()
        if snapshot and isinstance(bind, Engine) and bind.dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        yield session


class _Progress:
    """Writes an entry's progress (0-100) in its own short transactions, throttled."""

    def __init__(
        self, sessions: Sessions, dossier_id: int, echo: Callable[[int, int], None] | None
    ):
        self.sessions = sessions
        self.dossier_id = dossier_id
        self.echo = echo
        self.last = -1
        self.at = 0.0

    def __call__(self, done: int, total: int) -> None:
        percent = min(100, 100 * done // max(total, 1))
        if self.echo is not None:
            self.echo(done, total)
        now = time.monotonic()
        if percent != self.last and (now - self.at >= PROGRESS_EVERY or percent >= 100):
            self.last, self.at = percent, now
            with unit(self.sessions) as session:
                dossiers.set_progress(session, self.dossier_id, percent)


def run_build(
    sessions: Sessions,
    dossier_id: int,
    pdfs: EvidenceStore,
    *,
    clock: Clock = utcnow,
    job_id: str | None = None,
    via: str = "worker",
    actor_note: str | None = None,
    echo: Callable[[int, int], None] | None = None,
    restart: bool = False,
) -> JobStatus:
    """Build register entry ``dossier_id`` (see the module doc); returns its final status.

    The steps act as the user who requested the entry (recorded with ``via``). An entry
    left RUNNING by a worker that stopped is built again only with ``restart``."""

    def context(session: Session, entry: Dossier) -> Context:
        user = session.get(User, entry.requested_by_id)
        assert user is not None
        note = actor_note or (f"job {job_id}" if job_id else None)
        return Context(session, user, clock, via=via, actor_note=note)

    with unit(sessions) as session:
        entry = session.get(Dossier, dossier_id)
        if entry is None:
            raise CasebookError(f"no dossier with id {dossier_id} in the register")
        if entry.status is JobStatus.RUNNING and restart:
            dossiers.fail(context(session, entry), entry, "restarted: the build was interrupted")
        elif entry.status in (JobStatus.DONE, JobStatus.BLOCKED, JobStatus.RUNNING):
            log.info("dossier %s is already %s", dossier_id, entry.status.value)
            return entry.status
        dossiers.start(context(session, entry), entry, job_id)
    try:
        with unit(sessions, snapshot=True) as session:
            entry = session.get(Dossier, dossier_id)
            assert entry is not None
            product = dossiers.produce(
                session, entry, clock().date(), _Progress(sessions, dossier_id, echo)
            )
        with unit(sessions) as session:
            entry = session.get(Dossier, dossier_id)
            assert entry is not None
            dossiers.finish(context(session, entry), entry, product, pdfs)
            return entry.status
    except Exception as exc:
        message = str(exc) if isinstance(exc, CasebookError) else f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, CasebookError):
            log.exception("building dossier %s failed", dossier_id)
        with unit(sessions) as session:
            entry = session.get(Dossier, dossier_id)
            assert entry is not None
            dossiers.fail(context(session, entry), entry, message)
        return JobStatus.FAILED


class Jobs:
    """The queue of one process (web or worker) and its one task, building a dossier."""

    def __init__(
        self,
        settings: Settings,
        sessions: Callable[[], Sessions] | None = None,
        *,
        immediate: bool = False,
        name: str = QUEUE_NAME,
    ) -> None:
        self.settings = settings
        self.huey = make_huey(settings, name, immediate)
        self._sessions = sessions
        self._engine: Engine | None = None
        self._task = self.huey.task(name=TASK_NAME)(self._build)

    def sessions(self) -> Sessions:
        """The session factory: the provider's (the web app's), or one of our own."""
        if self._sessions is not None:
            return self._sessions()
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
        factory: sessionmaker[Session] = session_factory(self._engine)
        return factory

    def _build(self, dossier_id: int) -> None:
        status = run_build(self.sessions(), dossier_id, dossiers.store(self.settings))
        log.info("dossier %s: %s", dossier_id, status.value)

    def enqueue(self, dossier_id: int) -> None:
        self._task(dossier_id)

    def enqueue_after_commit(self, session: Session, dossier_id: int) -> None:
        """Queue the build once ``session``'s transaction has committed (never before)."""

        def fire(_session: Any) -> None:
            try:
                self.enqueue(dossier_id)
            except Exception:
                log.exception("could not queue dossier %s; it stays queued", dossier_id)

        event.listen(session, "after_commit", fire, once=True)

    def consumer(self, workers: int = 1) -> Any:
        return self.huey.create_consumer(workers=workers, worker_type="thread", periodic=False)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
