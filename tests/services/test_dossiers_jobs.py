"""Background jobs: Huey in immediate mode for the flow, then a real ``casebook worker``
consumer against the SQLite queue and against the Redis server at 127.0.0.1:6379."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from huey import RedisHuey, SqliteHuey
from sqlalchemy import select

from casebook import migrate
from casebook.config import Settings
from casebook.db import make_engine, unit_of_work
from casebook.errors import CasebookError
from casebook.jobs import Jobs, make_huey, run_build
from casebook.models import Dossier
from casebook.services import dossiers
from casebook.services.context import Context
from casebook.services.snapshot import Profile
from casebook.vocab import Audience, DossierKind, JobStatus
from tests.services.dossier_support import clean_person, committed_contexts, job_sessions
from tests.support.databases import fresh_database_url


def settings_for(tmp_path: Path, url: str = "sqlite://", queue: str | None = None) -> Settings:
    return Settings(
        instance_path=tmp_path / "instance",
        database_url=url,
        evidence_path=tmp_path / "evidence",
        queue_url=queue,
    )


def person_order(person_id: int) -> dossiers.Order:
    return dossiers.Order(DossierKind.PERSON, Profile(Audience.INTERNAL), person_id=person_id)


def test_the_queue_is_sqlite_by_default_and_redis_by_url(tmp_path: Path) -> None:
    default = make_huey(settings_for(tmp_path))
    assert isinstance(default, SqliteHuey)
    assert (tmp_path / "instance" / "queue.sqlite3").exists()
    redis = make_huey(settings_for(tmp_path, queue="redis://127.0.0.1:6379/3#staging"))
    assert isinstance(redis, RedisHuey) and redis.name == "staging"
    with pytest.raises(CasebookError, match="must be a redis://"):
        make_huey(settings_for(tmp_path, queue="amqp://elsewhere"))
    env = {"CASEBOOK_INSTANCE_PATH": str(tmp_path), "CASEBOOK_QUEUE_URL": " redis://h:1/0 "}
    assert Settings.from_env(env).queue_url == "redis://h:1/0"


def test_immediate_mode_builds_once_the_transaction_commits(
    ctx: Context, reviewer_ctx: Context, tmp_path: Path
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    sessions = job_sessions(ctx.session)
    jobs = Jobs(settings_for(tmp_path), lambda: sessions, immediate=True)
    entry = dossiers.request(ctx, person_order(person.id))
    jobs.enqueue_after_commit(ctx.session, entry.id)
    ctx.session.flush()
    assert entry.status is JobStatus.QUEUED  # nothing runs before the commit
    ctx.session.commit()  # a savepoint release on the test's connection
    ctx.session.refresh(entry)
    assert entry.status is JobStatus.DONE and entry.pdf_sha256
    assert (tmp_path / "instance" / "dossiers" / entry.pdf_sha256[:2] / entry.pdf_sha256).exists()


def test_nothing_is_queued_when_the_transaction_rolls_back(
    ctx: Context, reviewer_ctx: Context, tmp_path: Path
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    jobs = Jobs(settings_for(tmp_path), lambda: job_sessions(ctx.session), immediate=True)
    ran: list[int] = []
    jobs.enqueue = ran.append  # type: ignore[method-assign]
    nested = ctx.session.begin_nested()
    entry = dossiers.request(ctx, person_order(person.id))
    jobs.enqueue_after_commit(ctx.session, entry.id)
    nested.rollback()
    assert ran == []


def _committed_case(url: str) -> int:
    """A migrated database with a clean case and a queued INTERNAL dossier on it."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    try:
        with unit_of_work(engine) as session:
            ctx, reviewer_ctx = committed_contexts(session)
            person = clean_person(ctx, reviewer_ctx)
            return dossiers.request(ctx, person_order(person.id)).id
    finally:
        engine.dispose()


def _run_worker(tmp_path: Path, url: str, queue: str | None, dossier_id: int) -> Dossier:
    settings = settings_for(tmp_path, url, queue)
    Jobs(settings).enqueue(dossier_id)
    env = {
        **os.environ,
        "CASEBOOK_INSTANCE_PATH": str(settings.instance_path),
        "CASEBOOK_DATABASE_URL": url,
    }
    env.pop("CASEBOOK_QUEUE_URL", None)
    if queue:
        env["CASEBOOK_QUEUE_URL"] = queue
    worker = subprocess.Popen(
        [sys.executable, "-m", "casebook", "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    engine = make_engine(url)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with unit_of_work(engine) as session:
                entry = session.scalar(select(Dossier).where(Dossier.id == dossier_id))
                assert entry is not None
                if entry.status in (JobStatus.DONE, JobStatus.FAILED, JobStatus.BLOCKED):
                    session.expunge(entry)
                    return entry
            assert worker.poll() is None, worker.communicate()[0]
            time.sleep(0.5)
        raise AssertionError("the worker did not build the dossier in time")
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            output = worker.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            worker.kill()
            output = worker.communicate()[0]
        assert "Traceback" not in output, output
        engine.dispose()


def test_a_real_worker_builds_from_the_sqlite_queue(tmp_path: Path) -> None:
    url = fresh_database_url("worker_sqlite", tmp_path)
    dossier_id = _committed_case(url)
    entry = _run_worker(tmp_path, url, None, dossier_id)
    assert entry.status is JobStatus.DONE, entry.error
    assert entry.progress == 100 and entry.page_count and entry.reference
    assert (tmp_path / "instance" / "queue.sqlite3").exists()


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis server at 127.0.0.1:6379")
def test_a_real_worker_builds_from_the_redis_queue(tmp_path: Path) -> None:
    url = fresh_database_url("worker_redis", tmp_path)
    dossier_id = _committed_case(url)
    queue = f"redis://127.0.0.1:6379/0#casebook-test-{uuid.uuid4().hex[:12]}"
    entry = _run_worker(tmp_path, url, queue, dossier_id)
    assert entry.status is JobStatus.DONE, entry.error
    assert not (tmp_path / "instance" / "queue.sqlite3").exists()


def test_an_entry_left_running_is_rebuilt_only_on_restart(
    ctx: Context, reviewer_ctx: Context, tmp_path: Path
) -> None:
    person = clean_person(ctx, reviewer_ctx)
    entry = dossiers.request(ctx, person_order(person.id))
    dossiers.start(ctx, entry, "a-worker-that-died")
    sessions, pdfs = job_sessions(ctx.session), dossiers.store(settings_for(tmp_path))
    assert run_build(sessions, entry.id, pdfs) is JobStatus.RUNNING
    assert run_build(sessions, entry.id, pdfs, restart=True) is JobStatus.DONE
    ctx.session.refresh(entry)
    assert entry.status is JobStatus.DONE and entry.job_id == "a-worker-that-died"
