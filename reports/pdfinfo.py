"""Small readers for generated PDFs (pypdf), for the register, the CLI and the web.

- ``page_count(pdf) -> int``: the number of pages.
- ``casebook_info(pdf) -> dict``: what the builders wrote into the information dictionary
  as custom keys: ``reference`` (``/CasebookReference``), ``data_cutoff``
  (``/CasebookDataCutoff``, ISO 8601 in UTC), ``audience`` and ``kind``. Keys that are absent
  are left out, so a PDF that casebook did not make gives ``{}``.

A file's identity is its SHA-256 (``hashlib.sha256(pdf).hexdigest()``); these keys only say
which dossier a file claims to be. Both raise ``ValueError`` for bytes that are not a
readable PDF.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pypdf
from pypdf.errors import PyPdfError

CUSTOM_KEYS = {
    "/CasebookReference": "reference",
    "/CasebookDataCutoff": "data_cutoff",
    "/CasebookAudience": "audience",
    "/CasebookKind": "kind",
}


def _reader(pdf: bytes) -> pypdf.PdfReader:
    try:
        return pypdf.PdfReader(io.BytesIO(pdf), strict=False)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a readable PDF: {exc}") from exc


def page_count(pdf: bytes) -> int:
    try:
        return len(_reader(pdf).pages)
    except (PyPdfError, KeyError, TypeError) as exc:
        raise ValueError(f"not a readable PDF: {exc}") from exc


def casebook_info(pdf: bytes) -> dict[str, str]:
    try:
        info: Mapping[str, object] = _reader(pdf).metadata or {}
    except (PyPdfError, KeyError, TypeError) as exc:
        raise ValueError(f"not a readable PDF: {exc}") from exc
    return {name: str(info[key]) for key, name in CUSTOM_KEYS.items() if key in info}
