"""Reading PDFs back with independent tools: pypdf for text, outline, metadata and links;
qpdf and poppler's pdffonts through subprocess."""

from __future__ import annotations

import dataclasses
import enum
import io
import re
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf


def norm(text: str) -> str:
    """NFC with whitespace collapsed (names and long titles wrap across lines)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def squash(text: str) -> str:
    """NFC with all whitespace removed: for strings split by line wrapping inside words."""
    return "".join(unicodedata.normalize("NFC", text).split())


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(pdf).pages]


def text(pdf: bytes) -> str:
    return norm(" ".join(page_texts(pdf)))


def outline_titles(pdf: bytes) -> list[tuple[int, str]]:
    """(level, title) of every bookmark, in order."""
    found: list[tuple[int, str]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, str(item.title)))

    walk(reader(pdf).outline, 0)
    return found


def metadata(pdf: bytes) -> dict[str, str]:
    info = reader(pdf).metadata or {}
    return {str(k): str(v) for k, v in info.items()}


def link_uris(pdf: bytes) -> list[str]:
    uris = []
    for page in reader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def image_or_embedded_objects(pdf: bytes) -> list[str]:
    """Names of any image XObjects or embedded files (builders never place either)."""
    found = []
    r = reader(pdf)
    for number, page in enumerate(r.pages, start=1):
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        for name, ref in xobjects.items():
            if ref.get_object().get("/Subtype") == "/Image":
                found.append(f"page {number} image {name}")
    names = r.trailer["/Root"].get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found.append("embedded files")
    return found


def _write(pdf: bytes, directory: str) -> Path:
    path = Path(directory) / "out.pdf"
    path.write_bytes(pdf)
    return path


def qpdf_check(pdf: bytes) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as tmp:
        return subprocess.run(
            ["qpdf", "--check", str(_write(pdf, tmp))], capture_output=True, text=True, check=False
        )


def pdffonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts rows: name, type and the emb/sub/uni flags."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["pdffonts", str(_write(pdf, tmp))], capture_output=True, text=True, check=True
        ).stdout
    rows = []
    for line in out.splitlines()[2:]:
        flags = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        assert flags, line
        rows.append({"name": line.split()[0], "emb": flags[1], "sub": flags[2], "uni": flags[3]})
    return rows


def pdftotext(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(_write(pdf, tmp)), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return norm(out)


def strings(value: Any) -> Iterator[str]:
    """Every user string inside a DTO (enums excluded: their labels are fixed text)."""
    if isinstance(value, enum.Enum):
        return
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item)
