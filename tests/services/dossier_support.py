"""What the register, job and web tests share: a clean case the audit passes, sessions on
the test's connection for job steps, and building an entry as the worker would."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from casebook.jobs import run_build
from casebook.models import Person
from casebook.services import advocacy, claims
from casebook.services.context import Context
from casebook.storage import EvidenceStore
from casebook.vocab import JobStatus
from tests.conftest import FakeClock
from tests.factories import make_allegation, make_person, make_source


def job_sessions(session: Session) -> Callable[[], Session]:
    """Sessions for job steps that share the test's connection (rolled back after it)."""
    return sessionmaker(
        bind=session.connection(), join_transaction_mode="create_savepoint", expire_on_commit=False
    )


def clean_person(ctx: Context, reviewer_ctx: Context, **values: object) -> Person:
    """A person whose dossier the citation audit lets through for any audience."""
    person = make_person(
        ctx,
        confidentiality="PUBLIC",
        current_status="DETAINED",
        status_as_of="2026-10-01",
        **values,
    )
    allegation = make_allegation(ctx, person, confidentiality="PUBLIC", description="Beaten.")
    for title in ("Invented report one", "Invented report two"):
        source = make_source(
            reviewer_ctx,
            title=title,
            confidentiality="PUBLIC",
            reliability="B",
            reliability_rationale="An established monitor.",
            affiliation="NEUTRAL",
        )
        claims.cite(
            ctx,
            allegation,
            source,
            {
                "confidentiality": "PUBLIC",
                "credibility": 2,
                "pinpoint_kind": "PAGE",
                "pinpoint": "3",
            },
        )
    advocacy.record_consent(
        ctx,
        {
            "person_id": person.id,
            "given_by": "SELF",
            "scope": "NAMED_PUBLIC",
            "method": "WRITTEN",
            "given_on": "2021-01-10",
            "confidentiality": "PUBLIC",
        },
    )
    return person


def build(session: Session, dossier_id: int, pdfs: EvidenceStore, clock: FakeClock) -> JobStatus:
    return run_build(job_sessions(session), dossier_id, pdfs, clock=clock, via="test")


def committed_contexts(session: Session) -> tuple[Context, Context]:
    """An editor's and a reviewer's context on a real (committed) database session."""
    from casebook.db import utcnow
    from casebook.services import accounts
    from casebook.vocab import Role

    system = Context(session, accounts.system_user(session, utcnow), utcnow)
    made = [
        accounts.create_user(system, name, role, "correct horse battery staple", name.title())
        for name, role in (("edith", Role.EDITOR), ("rene", Role.REVIEWER))
    ]
    return tuple(Context(session, user, utcnow, via="test") for user in made)  # type: ignore[return-value]
