"""Settings: one frozen dataclass, read once from the environment.

No secret is hard-coded: the session-signing key lives in the instance folder, generated on
first run with mode 0600 and reused afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from casebook.errors import CasebookError

DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name, not a secret)


def _default_instance_path() -> Path:
    return Path.cwd() / "instance"


def normalise_database_url(url: str) -> str:
    """Accept the URLs people type and pick the drivers casebook ships with."""
    url = url.strip()
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


@dataclass(frozen=True)
class Settings:
    instance_path: Path
    database_url: str
    evidence_path: Path
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    # The background-job queue: None for SQLite storage in the instance folder, or
    # redis://host:port/db for a Redis server (CASEBOOK_QUEUE_URL).
    queue_url: str | None = None
    # Values a caller (tests, an embedding app) wants to pass through to Flask's config.
    extra: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        instance = Path(env.get("CASEBOOK_INSTANCE_PATH") or _default_instance_path())
        instance = instance.expanduser().resolve()
        url = env.get("CASEBOOK_DATABASE_URL") or f"sqlite:///{instance / 'casebook.sqlite3'}"
        evidence = Path(env.get("CASEBOOK_EVIDENCE_PATH") or instance / "evidence")
        raw_limit = env.get("CASEBOOK_MAX_UPLOAD_BYTES")
        try:
            limit = int(raw_limit) if raw_limit else DEFAULT_MAX_UPLOAD_BYTES
        except ValueError:
            raise CasebookError(
                f"CASEBOOK_MAX_UPLOAD_BYTES must be a whole number of bytes, not {raw_limit!r}"
            ) from None
        if limit <= 0:
            raise CasebookError("CASEBOOK_MAX_UPLOAD_BYTES must be positive")
        return cls(
            instance_path=instance,
            database_url=normalise_database_url(url),
            evidence_path=evidence.expanduser().resolve(),
            max_upload_bytes=limit,
            queue_url=(env.get("CASEBOOK_QUEUE_URL") or "").strip() or None,
        )

    def with_database(self, url: str) -> Settings:
        return replace(self, database_url=normalise_database_url(url))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def ensure_instance(self) -> None:
        self.instance_path.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.evidence_path.mkdir(parents=True, exist_ok=True, mode=0o700)

    @property
    def secret_key_path(self) -> Path:
        return self.instance_path / SECRET_KEY_FILE

    def secret_key(self, *, create: bool = True) -> str:
        """The instance's secret key; generated (mode 0600) on first use."""
        path = self.secret_key_path
        if path.exists():
            key = path.read_text(encoding="ascii").strip()
            if len(key) < 32:
                raise CasebookError(f"secret key in {path} is too short; delete it to regenerate")
            return key
        if not create:
            raise CasebookError(f"no secret key at {path}; run `casebook init`")
        self.ensure_instance()
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key + "\n")
        return key
