"""Domain errors raised by services and turned into messages by the web and the CLI.

A service never returns an error code: it raises one of these, naming the field at fault
where there is one, so a view can put the message next to that field and the CLI can print
one clear line.
"""

from __future__ import annotations

from typing import Any


class CasebookError(Exception):
    """Base class: every error here has a message fit to show a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DomainError(CasebookError):
    """Input that breaks a rule; ``field`` names the form field at fault (or None)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationErrors(DomainError):
    """Several field errors found in one pass, so a form can show them all at once."""

    def __init__(self, errors: list[DomainError]) -> None:
        first = errors[0]
        super().__init__(first.field, first.message)
        self.errors = errors

    def __str__(self) -> str:
        return "; ".join(str(e) for e in self.errors)


class NotFound(CasebookError):
    def __init__(self, entity: str, ident: object, key: str = "id") -> None:
        super().__init__(f"no {entity} with {key} {ident}")
        self.entity = entity
        self.ident = ident


class Conflict(DomainError):
    """The write would contradict what is stored (a duplicate key, a retracted record)."""


class StaleVersion(Conflict):
    """Someone else saved the record since the user loaded it.

    ``current`` holds the stored values of the fields, so the caller can show what
    changed meanwhile while keeping what the user typed.
    """

    def __init__(
        self,
        entity: str,
        ident: int,
        expected: int,
        actual: int,
        current: dict[str, Any],
        table: str = "",
    ) -> None:
        super().__init__(
            "version",
            f"{entity} {ident} was changed by someone else (you edited version {expected}, "
            f"it is now at version {actual}); review their changes and save again",
        )
        self.entity = entity
        self.ident = ident
        self.expected = expected
        self.actual = actual
        self.current = current
        self.table = table or entity.replace(" ", "_")


class PermissionDenied(CasebookError):
    pass
