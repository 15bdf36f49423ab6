"""The casebook command, run as a user would: one process per command."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casebook.db import make_engine, unit_of_work, utcnow
from casebook.models import AuditEvent, User
from tests.support.databases import fresh_database_url


class Casebook:
    def __init__(self, tmp_path: Path) -> None:
        self.instance = tmp_path / "instance"
        self.url = fresh_database_url("cli", tmp_path)
        self.env = {
            **os.environ,
            "CASEBOOK_INSTANCE_PATH": str(self.instance),
            "CASEBOOK_DATABASE_URL": self.url,
        }
        self.env.pop("CASEBOOK_DEBUG", None)

    def __call__(
        self, *args: str, stdin: str = "", ok: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "casebook", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=300,
            check=False,
        )
        if ok and result.returncode != 0:
            raise AssertionError(f"casebook {' '.join(args)} failed:\n{result.stderr}")
        if not ok:
            assert result.returncode != 0, result.stdout
            assert "Traceback" not in result.stderr
        return result

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session on the command's database, committed at the end of the block."""
        engine = make_engine(self.url)
        try:
            with unit_of_work(engine) as session:
                yield session
        finally:
            engine.dispose()

    def scalar(self, query: object) -> object:
        engine = make_engine(self.url)
        try:
            with engine.connect() as conn:
                return conn.execute(query).scalar()  # type: ignore[call-overload]
        finally:
            engine.dispose()


@pytest.fixture
def casebook(tmp_path: Path) -> Casebook:
    return Casebook(tmp_path)


def test_init_creates_schema_secret_and_admin_with_generated_password(casebook: Casebook) -> None:
    result = casebook("init")
    assert "migrated from empty" in result.stdout
    assert "Created administrator admin." in result.stdout
    assert "shown only this once" in result.stdout
    key = casebook.instance / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    again = casebook("init")
    assert "up to date" in again.stdout
    assert "already exists" in again.stdout
    assert key.read_text() == key.read_text()
    assert casebook("db", "check").stdout.startswith("Database schema at")
    assert "up to date" in casebook("db", "current").stdout


def test_init_with_flags_and_password_on_stdin(casebook: Casebook) -> None:
    casebook(
        "init",
        "--admin-username",
        "chief",
        "--admin-password-file",
        "-",
        stdin="a very long passphrase\n",
    )
    listing = casebook("users", "list").stdout
    assert "chief" in listing
    assert "admin" in listing
    assert "casebook-system" not in listing


def test_users_create_list_disable(casebook: Casebook) -> None:
    casebook("init", "--no-admin")
    out = casebook("users", "create", "Mariam", "--role", "editor").stdout
    assert "Created editor mariam." in out
    assert "shown only this once" in out
    casebook("users", "disable", "mariam", "--reason", "left")
    assert "disabled" in casebook("users", "list").stdout
    failed = casebook("users", "create", "mariam", "--role", "viewer", ok=False)
    assert "already exists" in failed.stderr
    bad_role = casebook("users", "create", "zara", "--role", "boss", ok=False)
    assert "boss" in bad_role.stderr
    short = casebook(
        "users",
        "create",
        "zara",
        "--role",
        "viewer",
        "--password-file",
        "-",
        stdin="short\n",
        ok=False,
    )
    assert "at least 12" in short.stderr
    unknown = casebook("users", "disable", "nobody", ok=False)
    assert "no user with user name nobody" in unknown.stderr
    writes = casebook.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "user_account")
    )
    assert writes == 3  # system account, mariam created, mariam disabled; failures left none
    assert casebook.scalar(select(func.count()).select_from(User)) == 2


def test_users_set_password_replaces_it_and_lifts_a_lock(casebook: Casebook) -> None:
    from casebook.services import accounts

    casebook("init", "--no-admin")
    casebook("users", "create", "mariam", "--role", "editor")
    with casebook.session() as session:
        user = accounts.find_user(session, "mariam")
        user.failed_logins, user.locked_until = 9, utcnow() + timedelta(hours=1)
    out = casebook(
        "users", "set-password", "mariam", "--password-file", "-", stdin="a new long passphrase\n"
    ).stdout
    assert "New password set for mariam." in out
    with casebook.session() as session:
        user = accounts.find_user(session, "mariam")
        assert accounts.password_matches(user, "a new long passphrase")
        assert user.failed_logins == 0 and user.locked_until is None
    generated = casebook("users", "set-password", "mariam").stdout
    assert "shown only this once" in generated
    assert "no user" in casebook("users", "set-password", "nobody", ok=False).stderr


def test_commands_explain_an_uninitialised_or_unreachable_database(casebook: Casebook) -> None:
    result = casebook("users", "list", ok=False)
    assert "not initialised" in result.stderr
    assert "casebook init" in result.stderr
    casebook.env["CASEBOOK_DATABASE_URL"] = "postgresql://nobody:secret@127.0.0.1:1/none"
    result = casebook("db", "current", ok=False)
    assert result.returncode == 3
    assert "cannot reach the database" in result.stderr
    assert "secret" not in result.stderr


def test_db_downgrade_and_upgrade(casebook: Casebook) -> None:
    casebook("init", "--no-admin")
    refused = casebook("db", "downgrade", "base", ok=False)
    assert "--yes" in refused.stderr
    unknown = casebook("db", "downgrade", "nonsense", ok=False)
    assert "unknown revision" in unknown.stderr
    casebook("db", "downgrade", "base", "--yes")
    assert "base" in casebook("db", "current").stdout
    check = casebook("db", "check", ok=False)
    assert "problem" in check.stderr
    casebook("db", "upgrade")
    casebook("db", "check")


def test_demo_loads_labelled_data(casebook: Casebook) -> None:
    casebook("init", "--no-admin")
    result = casebook("demo", "--persons", "12", "--seed", "7")
    assert "DEMO DATA" in result.stdout
    bad = casebook("demo", "--persons", "0", ok=False)
    assert "0" in bad.stderr


def test_demo_creates_demo_accounts_once(casebook: Casebook) -> None:
    casebook("init", "--no-admin")
    first = casebook("demo", "--persons", "3")
    assert "demo-editor" in first.stdout
    assert "shown only this once" in first.stdout
    second = casebook("demo", "--persons", "3")
    assert "Demo accounts" not in second.stdout


def test_serve_runs_under_waitress(casebook: Casebook) -> None:
    import socket
    import time
    import urllib.request

    casebook("init", "--no-admin")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "casebook", "serve", "--port", str(port)],
        env=casebook.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as page:
                    assert page.status == 200
                    assert page.headers["Server"] == "casebook"
                    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        # The background-job worker runs beside the server, as a child process ...
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        worker = [int(pid) for pid in children.read_text().split()]
        assert len(worker) == 1
        command = Path(f"/proc/{worker[0]}/cmdline").read_bytes().split(b"\0")
        assert b"worker" in command
    finally:
        server.terminate()
        server.wait(timeout=40)
        if server.stdout:
            server.stdout.close()
        if server.stderr:
            server.stderr.close()
    # ... and stops with it.
    assert not Path(f"/proc/{worker[0]}").exists() or _state(worker[0]) == b"Z"


def _state(pid: int) -> bytes:
    """The process state letter of ``pid`` (Z: exited, waiting to be reaped)."""
    stat = Path(f"/proc/{pid}/stat").read_bytes()
    return stat.rsplit(b")", 1)[1].split()[0]
