"""What every service call is given: the session, the acting user and the clock.

Services never read Flask's request or ``current_user``: the web, the CLI, imports and
tests build a Context and call exactly the same functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from casebook.db import utcnow
from casebook.errors import PermissionDenied
from casebook.models.accounts import User
from casebook.vocab import Role

Clock = Callable[[], datetime]


@dataclass
class Context:
    session: Session
    user: User
    clock: Clock = utcnow
    # Where the call comes from, recorded in the audit log: web, cli, import, worker.
    via: str = "web"
    # Who was at the keyboard when the acting account is the system account (OS user).
    actor_note: str | None = None
    # One timestamp per service call, so every row and audit event of a call agree.
    _now: datetime | None = field(default=None, repr=False)

    def now(self) -> datetime:
        return self._now if self._now is not None else self.clock()

    def require(self, role: Role, doing: str) -> None:
        """Refuse unless the acting user is active and holds ``role`` or higher."""
        if not self.user.active and not self.user.is_system:
            raise PermissionDenied(f"account {self.user.username} is disabled")
        if not self.user.role.allows(role):
            raise PermissionDenied(
                f"{doing} needs the {role.value.lower()} role; "
                f"{self.user.username} is {self.user.role.value.lower()}"
            )
