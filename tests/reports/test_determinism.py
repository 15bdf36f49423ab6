"""The same DTO gives the same bytes, in this process and in another one; any change to the
data changes them; nothing depends on the clock."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from reports import person
from tests.reports import pdftools, samples
from tests.reports.builds import BUILDS

ROOT = Path(__file__).resolve().parents[2]


def sha(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


@pytest.mark.parametrize("kind", sorted(BUILDS))
def test_two_builds_are_byte_identical(kind: str) -> None:
    dto, build = BUILDS[kind]
    assert build(dto()) == build(dto())


@pytest.mark.parametrize("kind", sorted(BUILDS))
def test_another_process_builds_the_same_bytes(kind: str) -> None:
    dto, build = BUILDS[kind]
    code = (
        "import hashlib, sys\n"
        "from tests.reports.builds import BUILDS\n"
        f"dto, build = BUILDS[{kind!r}]\n"
        "sys.stdout.write(hashlib.sha256(build(dto())).hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "TZ": "Pacific/Auckland"}
    env.pop("SOURCE_DATE_EPOCH", None)
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert other == sha(build(dto()))


def test_one_changed_field_changes_the_bytes() -> None:
    base = samples.person_dossier()
    original = sha(person.build(base))
    names = list(base.identity.names)
    names[2] = dataclasses.replace(names[2], text="Арам Оганесян")
    renamed = dataclasses.replace(
        base, identity=dataclasses.replace(base.identity, names=tuple(names))
    )
    assert sha(person.build(renamed)) != original
    note = dataclasses.replace(base.notes[0], pinpoint="p. 4")
    repinned = dataclasses.replace(base, notes=(note, *base.notes[1:]))
    assert sha(person.build(repinned)) != original


def test_dates_come_from_the_data_cutoff_not_the_clock() -> None:
    base = samples.person_dossier()
    later = dataclasses.replace(
        base,
        meta=dataclasses.replace(base.meta, data_cutoff=base.meta.data_cutoff + timedelta(days=1)),
    )
    info = pdftools.metadata(person.build(later))
    assert info["/CreationDate"] == "D:20261121093000+00'00'"
    assert info["/CasebookDataCutoff"] == "2026-11-21T09:30:00+00:00"
    assert sha(person.build(later)) != sha(person.build(base))
