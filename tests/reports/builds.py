"""Each builder with its sample DTO, for tests that every document must pass."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reports import audit, person, thematic
from tests.reports import samples

Build = Callable[[Any], bytes]

BUILDS: dict[str, tuple[Callable[[], Any], Build]] = {
    "person": (samples.person_dossier, person.build),
    "thematic": (samples.thematic_report, thematic.build),
    "audit": (samples.audit_report, audit.build),
}
