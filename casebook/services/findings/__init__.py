"""The citation audit: rules that check every claim rests on cited, graded, preserved
sources, every evidence file is intact, and nothing leaves the organisation that should
not (domain guide, "The citation audit").

- ``REGISTRY``: every rule by id (``Rule``: severity, title, description, fix).
- ``run(session, person_ids=..., audience=..., recipient=..., rules=..., today=...)``:
  the findings for everything, or for some persons' records, optionally for an output.
- ``gate(session, person_ids=..., audience=..., recipient=..., today=...)``: what an
  output would include, audited; errors block it (``GateResult.blocked``).
"""

from casebook.services.findings import (  # noqa: F401  (imported to register the rules)
    advocacy,
    allegations,
    claims,
    evidence,
    output,
    persons,
    sources,
)
from casebook.services.findings.base import (
    ENTITY_LABELS,
    REGISTRY,
    SIGN_OF_LIFE_DAYS,
    STALE_DAYS,
    Finding,
    GateResult,
    Rule,
    Severity,
    ordered_rules,
    record_label,
)
from casebook.services.findings.report import latest_change, report
from casebook.services.findings.runner import gate, run

__all__ = [
    "ENTITY_LABELS",
    "REGISTRY",
    "SIGN_OF_LIFE_DAYS",
    "STALE_DAYS",
    "Finding",
    "GateResult",
    "Rule",
    "Severity",
    "gate",
    "latest_change",
    "ordered_rules",
    "record_label",
    "report",
    "run",
]
