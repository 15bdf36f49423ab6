"""A plain (non-editable) install into a fresh virtual environment works on its own."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.packaging


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_wheel_installs_and_runs_outside_the_source_tree(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    run(python, "-m", "pip", "install", "-q", str(ROOT), cwd=tmp_path)

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("CASEBOOK_", "PYTHON"))}
    clean_env["CASEBOOK_INSTANCE_PATH"] = str(workdir / "instance")
    located = run(
        python,
        "-c",
        "import casebook, reports; from casebook.resources import resource_dir;"
        "print(casebook.__file__); print(reports.__file__);"
        "print(resource_dir('migrations')); print(resource_dir('templates'))",
        cwd=workdir,
        env=clean_env,
    ).split()
    for path in located:
        assert str(ROOT) not in path, f"{path} comes from the source tree, not the install"
        assert "site-packages" in path
    assert any((Path(located[2]) / "versions").glob("*.py"))

    casebook = env_dir / "bin" / "casebook"
    out = run(casebook, "init", cwd=workdir, env=clean_env)
    assert "Created administrator admin." in out
    assert "matches the code" in run(casebook, "db", "check", cwd=workdir, env=clean_env)
    assert (workdir / "instance" / "casebook.sqlite3").is_file()
    assert sys.version_info >= (3, 11)
    _builds_a_pdf_with_the_shipped_fonts(python, workdir, clean_env)


def _builds_a_pdf_with_the_shipped_fonts(python: Path, workdir: Path, env: dict[str, str]) -> None:
    """The installed wheel carries the fonts: a dossier builds from it, and (with the same
    ReportLab) it is byte for byte the dossier the source tree builds."""
    import hashlib

    import reportlab

    from reports import person
    from tests.reports import samples

    (workdir / "samples.py").write_text((ROOT / "tests" / "reports" / "samples.py").read_text())
    out = run(
        python,
        "-c",
        "import hashlib, reportlab, samples, reports.person, reports.styles;"
        "pdf = reports.person.build(samples.person_dossier());"
        "print(reports.styles.FONT_DIR); print(reportlab.Version);"
        "print(hashlib.sha256(pdf).hexdigest()); print(pdf[:8].decode())",
        cwd=workdir,
        env=env,
    ).split()
    font_dir, version, digest, magic = out
    assert "site-packages" in font_dir and str(ROOT) not in font_dir
    assert magic.startswith("%PDF-")
    if version == reportlab.Version:
        assert digest == hashlib.sha256(person.build(samples.person_dossier())).hexdigest()
