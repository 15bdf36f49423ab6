"""Where the non-Python parts live: migrations and templates.

In a source checkout they sit at the top level beside ``casebook/``; an installed wheel
carries them inside the package as ``casebook/_migrations`` and ``casebook/_templates``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder holding ``name`` ("migrations" or "templates")."""
    for candidate in (_PACKAGE / f"_{name}", _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"casebook's {name} folder is missing from this installation")
