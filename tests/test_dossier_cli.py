"""``casebook dossier ...`` run as a user would: one process per command."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from casebook.db import make_engine, unit_of_work
from tests.factories import make_allegation, make_person
from tests.reports.pdftools import metadata, text
from tests.services.dossier_support import clean_person, committed_contexts
from tests.test_cli import Casebook


def _seed(casebook: Casebook) -> tuple[int, int]:
    """A clean person and a person whose allegation cites nothing (the audit blocks it)."""
    engine = make_engine(casebook.url)
    try:
        with unit_of_work(engine) as session:
            ctx, reviewer_ctx = committed_contexts(session)
            clean = clean_person(ctx, reviewer_ctx)
            blocked = make_person(ctx, confidentiality="PUBLIC")
            make_allegation(ctx, blocked, confidentiality="PUBLIC")
            return clean.id, blocked.id
    finally:
        engine.dispose()


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Casebook, int, int]:
    casebook = Casebook(tmp_path)
    casebook("init", "--no-admin")
    clean, blocked = _seed(casebook)
    return casebook, clean, blocked


def test_person_dossier_verify_and_list(seeded: tuple[Casebook, int, int], tmp_path: Path) -> None:
    casebook, clean, _ = seeded
    out = tmp_path / "dossier.pdf"
    result = casebook("dossier", "person", str(clean), "--profile", "public", "-o", str(out))
    assert "Wrote" in result.stdout and "CB-" in result.stdout
    data = out.read_bytes()
    reference = metadata(data)["/CasebookReference"]
    assert reference in result.stdout
    assert "Invented report one" in text(data)
    verified = casebook("dossier", "verify", str(out))
    assert f"exactly the registered per-person dossier {reference}" in verified.stdout
    again = tmp_path / "again.pdf"
    casebook("dossier", "person", str(clean), "--profile", "PUBLIC", "-o", str(again))
    assert again.read_bytes() == data  # same data and profile: the same bytes
    listing = casebook("dossier", "list").stdout
    assert listing.count(reference) == 2 and "DONE" in listing
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(data + b"\n%% edited\n")
    refused = casebook("dossier", "verify", str(altered), ok=False)
    assert refused.returncode == 1
    assert f"claims to be {reference} but does not match" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_confidential_dossier_for_a_named_recipient(
    seeded: tuple[Casebook, int, int], tmp_path: Path
) -> None:
    casebook, clean, _ = seeded
    out = tmp_path / "wgad.pdf"
    casebook(
        "dossier",
        "person",
        str(clean),
        "--profile",
        "CONFIDENTIAL",
        "--recipient-kind",
        "WGAD",
        "--recipient",
        "UN WGAD secretariat",
        "-o",
        str(out),
    )
    assert "CONFIDENTIAL - for UN WGAD secretariat" in text(out.read_bytes())


def test_bad_input_is_explained_in_one_line(
    seeded: tuple[Casebook, int, int], tmp_path: Path
) -> None:
    casebook, clean, blocked = seeded
    out = str(tmp_path / "x.pdf")
    cases = [
        (
            ["dossier", "person", "999999", "--profile", "PUBLIC", "-o", out],
            "no person with id 999999",
            1,
        ),
        (
            ["dossier", "person", str(clean), "--profile", "CONFIDENTIAL", "-o", out],
            "recipient kind",
            1,
        ),
        (
            [
                "dossier",
                "person",
                str(clean),
                "--profile",
                "PUBLIC",
                "--recipient-kind",
                "WGAD",
                "-o",
                out,
            ],
            "only a confidential dossier",
            1,
        ),
        (["dossier", "person", str(clean), "--profile", "SECRET", "-o", out], "Invalid value", 2),
        (
            [
                "dossier",
                "person",
                str(clean),
                "--profile",
                "PUBLIC",
                "-o",
                str(tmp_path / "missing" / "x.pdf"),
            ],
            "does not exist",
            1,
        ),
        (["dossier", "verify", str(tmp_path / "nothing.pdf")], "does not exist", 2),
        (
            ["dossier", "thematic", "--profile", "PUBLIC", "--from", "2021-13-01", "-o", out],
            "Invalid value",
            2,
        ),
    ]
    for args, message, code in cases:
        result = casebook(*args, ok=False)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
    refused = casebook(
        "dossier", "person", str(blocked), "--profile", "INTERNAL", "-o", out, ok=False
    )
    assert "blocked by the citation audit" in refused.stderr
    assert "CLAIM-UNCITED" in refused.stderr
    assert not Path(out).exists()
    short = casebook(
        "dossier",
        "person",
        str(blocked),
        "--profile",
        "INTERNAL",
        "-o",
        out,
        "--override-reason",
        "too short",
        ok=False,
    )
    assert "at least 15 characters" in short.stderr
    done = casebook(
        "dossier",
        "person",
        str(blocked),
        "--profile",
        "INTERNAL",
        "-o",
        out,
        "--override-reason",
        "Reviewed: the citation is being added.",
    )
    assert "Wrote" in done.stdout and Path(out).exists()


@pytest.mark.skipif(
    importlib.util.find_spec("reports.thematic") is None, reason="thematic builder not yet there"
)
def test_thematic_report_with_filters(seeded: tuple[Casebook, int, int], tmp_path: Path) -> None:
    casebook, clean, _ = seeded
    out = tmp_path / "report.pdf"
    result = casebook(
        "dossier",
        "thematic",
        "--profile",
        "INTERNAL",
        "--category",
        "pow",
        "--act-type",
        "TORTURE",
        "--person",
        str(clean),
        "-o",
        str(out),
    )
    assert "Wrote" in result.stdout
    body = text(out.read_bytes())
    assert "Category: Prisoner of war" in body and f"P-{clean}" in body
