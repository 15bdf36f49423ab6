"""The one code path for the web, the CLI, imports and reports.

Importing this package registers every aggregate's validation rules and derived fields.
"""

from casebook.services import (  # noqa: F401  (imported to register rules)
    accounts,
    advocacy,
    allegations,
    claims,
    detention,
    names,
    people,
    places,
    search,
    sources,
    trials,
)
