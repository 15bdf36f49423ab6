"""The citation audit's types: severities, findings, rules and the registry, the scope a
run covers, and the gate result a dossier is generated (or blocked) with.

A rule is a named check with a severity, a plain-language description (what it checks,
why, and any decision the domain guide leaves open), a fix, and a function that finds the
records breaking it with one or a few set-based SQL statements. Each row it returns names
a record (``entity``: its table, ``record_id``) and the person the record belongs to
(``person_id``, None for shared records such as sources), plus whatever the rule's message
mentions.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Executable, any_, bindparam, true
from sqlalchemy.orm import Session

from casebook.db import IdArray
from casebook.vocab import Audience, Confidentiality, Recipient, audience_may_see

# A person's status, an allegation's status and a sign of life count as recent for this long.
STALE_DAYS = 90
SIGN_OF_LIFE_DAYS = 90


class Severity(enum.StrEnum):
    """How serious a finding is; ordered: ERROR > WARNING > NOTE."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return _RANK[self.value]

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, raw: str) -> Severity:
        wanted = raw.strip().lower()
        for term in cls:
            if term.value == wanted:
                return term
        raise ValueError(f"{raw!r} is not one of: error, warning, note")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {"error": 3, "warning": 2, "note": 1}


@dataclass(frozen=True, slots=True)
class Finding:
    """One record breaking one rule."""

    rule_id: str
    severity: Severity
    entity: str  # the record's table: "allegation", "evidence_file"...
    record_id: int
    person_id: int | None  # the person the record belongs to; None for shared records
    message: str
    fix: str

    def sort_key(self) -> tuple[int, str, str, int, int]:
        return (-self.severity.rank, self.rule_id, self.entity, self.record_id, self.person_id or 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "entity": self.entity,
            "record_id": self.record_id,
            "person_id": self.person_id,
            "message": self.message,
            "fix": self.fix,
        }


def _of(findings: Iterable[Finding], severity: Severity) -> tuple[Finding, ...]:
    return tuple(f for f in findings if f.severity is severity)


@dataclass(frozen=True)
class GateResult:
    """What the audit found for the records an output includes. Errors block it."""

    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return _of(self.findings, Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return _of(self.findings, Severity.WARNING)

    @property
    def notes(self) -> tuple[Finding, ...]:
        return _of(self.findings, Severity.NOTE)

    @property
    def blocked(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """What a dossier's register entry stores (``Dossier.gate``)."""
        return {
            "blocked": self.blocked,
            "counts": {s.value: len(_of(self.findings, s)) for s in Severity},
            "findings": [f.to_json() for f in self.findings],
        }


@dataclass(frozen=True)
class Scope:
    """What one run covers; frozen and hashable so each rule's statement is built once per
    kind of scope (the person ids and dates are bound parameters, see ``Params``).

    ``limited``: restricted to the persons in the ``person_ids`` parameter (else all).
    ``audience``/``recipient``: the output the run is for (None: no output; the output
    rules do not run and no record is left out for being above a profile).
    ``report``: the output covers more than one person (a thematic report or a full
    audit), so rules about figures apply.
    ``sources``: restricted to the sources in the ``source_ids`` parameter.
    """

    dialect: str
    limited: bool = False
    audience: Audience | None = None
    recipient: Recipient | None = None
    report: bool = True
    # Restricted to the sources in the ``source_ids`` parameter (their files and the
    # citations of them); only the rules about sources, files and citations apply.
    sources: bool = False
    # For a limited scope: the ids of the sources its claims cite are bound as the
    # ``cited_ids`` parameter (found once per run) instead of being found again by every
    # rule about sources and files.
    cited: bool = False
    # A limited scope of many persons (a report): statements start from the rows that
    # break a rule, as for everything, rather than from each person's records.
    many: bool = False
    # For a scope by person: the live claims of its persons are bound as the ``claim_ids``
    # parameter (found once per run, with the record and person each belongs to), and the
    # rules about claims and citations start from them instead of walking every kind of
    # claim-bearing record again (``Rule.bound_claims``).
    claims: bool = False

    @property
    def by_person(self) -> bool:
        """Start each statement from the persons' own records (few persons)."""
        return self.limited and not self.many

    def persons(self, column: Any) -> ColumnElement[bool]:
        """``column`` (a person id) is one of the persons the run covers."""
        if not self.limited:
            return true()
        return self.one_of(column, "person_ids")

    def one_of(self, column: Any, name: str) -> ColumnElement[bool]:
        """``column`` is one of the ids in the list parameter ``name``. PostgreSQL gets one
        array parameter (``= ANY(...)``): thousands of separate parameters, repeated in
        each branch of a statement, took longer to plan than to run."""
        if self.dialect == "postgresql":
            ids = bindparam(name, type_=IdArray())
            return column == any_(ids)  # type: ignore[no-any-return]
        return column.in_(bindparam(name, expanding=True))  # type: ignore[no-any-return]

    def in_sources(self, column: Any) -> ColumnElement[bool]:
        """``column`` (a source id) is one of the sources the run covers."""
        if not self.sources:
            return true()
        return self.one_of(column, "source_ids")

    def visible(self, *columns: Any) -> ColumnElement[bool]:
        """Records with these confidentiality columns appear in the output (always true
        without an output)."""
        if self.audience is None:
            return true()
        levels = self.visible_levels
        clauses = [column.in_(levels) for column in columns]
        return clauses[0] if len(clauses) == 1 else _and(clauses)

    @property
    def visible_levels(self) -> list[Confidentiality]:
        if self.audience is None:
            return list(Confidentiality)
        return [c for c in Confidentiality if audience_may_see(self.audience, c)]


def _and(clauses: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    from sqlalchemy import and_

    return and_(*clauses)


@dataclass(frozen=True)
class Params:
    """The values a run binds into every rule's statement."""

    today: date
    person_ids: tuple[int, ...] = ()
    source_ids: tuple[int, ...] = ()
    cited_ids: tuple[int, ...] = ()
    # With ``Scope.claims``: the bound claims' owners, claim id -> (the record's table, its
    # id, its person), which complete the rows of the rules that read ``claim_ids``.
    claim_owners: Mapping[int, tuple[str, int, int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def stale_before(self) -> date:
        return self.today - timedelta(days=STALE_DAYS)

    @property
    def sign_of_life_since(self) -> date:
        return self.today - timedelta(days=SIGN_OF_LIFE_DAYS)

    def bind(self, scope: Scope) -> dict[str, Any]:
        values: dict[str, Any] = {
            "today": self.today,
            "stale_before": self.stale_before,
            "stale_since": datetime.combine(self.stale_before, time(), UTC),
            "sign_of_life_since": self.sign_of_life_since,
        }
        if scope.limited:
            values["person_ids"] = list(self.person_ids)
        if scope.sources:
            values["source_ids"] = list(self.source_ids)
        if scope.cited:
            values["cited_ids"] = list(self.cited_ids)
        if scope.claims:
            values["claim_ids"] = list(self.claim_owners)
        return values

    def complete(self, row: Row) -> Row:
        """A row of a rule that read the bound claims (``bound_claim``, the claim id) with
        the columns of the record that claim belongs to: a citation's ``owner``,
        ``owner_id`` and ``person_id``, or a claim's own ``entity``, ``record_id`` and
        ``person_id``."""
        entity, record_id, person_id = self.claim_owners[int(row["bound_claim"])]
        if "entity" in row:
            return {**row, "owner": entity, "owner_id": record_id, "person_id": person_id}
        return {**row, "entity": entity, "record_id": record_id, "person_id": person_id}


Row = Mapping[str, Any]
QueryFn = Callable[[Scope], Executable]
CollectFn = Callable[[Session, Scope, Params], Iterable[Row]]
MessageFn = Callable[[Row], str]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    # What the rule checks and why, in plain language, with the decisions it makes.
    description: str
    # What to do about a finding.
    fix: str
    area: str
    message: MessageFn = field(repr=False)
    collect: CollectFn = field(repr=False)
    # Runs only for an output (an audience given); ``report_only``: only for outputs
    # covering several persons; ``dossier_only``: only for an output about one person.
    output: bool = False
    report_only: bool = False
    dossier_only: bool = False
    # Also runs for some sources only (a source's page): rules about sources, their files
    # and the citations of them.
    source_scope: bool = False
    # Its findings are about shared records (sources, files, submissions as a whole) and
    # never name a person.
    shared: bool = False
    # Its statement reads the bound claims of a scope by person (``Scope.claims``) and
    # returns each claim as ``bound_claim``, which the runner completes with the record
    # and person it belongs to (``Params.complete``).
    bound_claims: bool = False

    def applies(self, scope: Scope) -> bool:
        if scope.sources:
            return self.source_scope
        if self.output and scope.audience is None:
            return False
        if self.dossier_only and scope.report:
            return False
        return not (self.report_only and not scope.report)


REGISTRY: dict[str, Rule] = {}
_STATEMENTS: dict[tuple[str, Scope], Executable] = {}


def statement(name: str, scope: Scope, build: Callable[[Scope], Executable]) -> Executable:
    """``build(scope)``, built once per name and kind of scope."""
    key = (name, scope)
    found = _STATEMENTS.get(key)
    if found is None:
        found = _STATEMENTS[key] = build(scope)
    return found


def _formatter(template: str) -> MessageFn:
    def message(row: Row) -> str:
        return template.format_map(_Fields(row))

    return message


class _Fields:
    """Row values for a message template, and ``record`` ("allegation 12"); a name the
    row lacks reads "?" (a template error must not lose the finding)."""

    __slots__ = ("row",)

    def __init__(self, row: Row) -> None:
        self.row = row

    def __getitem__(self, key: str) -> Any:
        if key == "record":
            return record_label(str(self.row["entity"]), int(self.row["record_id"]))
        try:
            return self.row[key]
        except KeyError:
            return "?"


def register(rule_id: str, severity: Severity, **info: Any) -> Callable[[QueryFn], QueryFn]:
    """Register a rule whose records are the rows of one SQL statement built by the
    decorated function from the scope (built once per kind of scope, then cached). Takes
    the keyword arguments of ``register_collector``."""

    def decorate(build: QueryFn) -> QueryFn:
        def collect(session: Session, scope: Scope, params: Params) -> Iterable[Row]:
            query = statement(rule_id, scope, build)
            return cast(Iterable[Row], session.execute(query, params.bind(scope)).mappings())

        collect.__module__ = build.__module__
        register_collector(rule_id, severity, **info)(collect)
        return build

    return decorate


def register_collector(
    rule_id: str,
    severity: Severity,
    *,
    title: str,
    description: str,
    fix: str,
    message: str | MessageFn,
    output: bool = False,
    report_only: bool = False,
    dossier_only: bool = False,
    source_scope: bool = False,
    shared: bool = False,
    bound_claims: bool = False,
) -> Callable[[CollectFn], CollectFn]:
    """Register a rule that reads its rows itself (a few set-based statements, then a
    decision in Python that must agree with another module, such as the disclosure policy)."""

    def decorate(collect: CollectFn) -> CollectFn:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} is registered twice")
        REGISTRY[rule_id] = Rule(
            id=rule_id,
            severity=severity,
            title=title,
            description=" ".join(description.split()),
            fix=" ".join(fix.split()),
            area=collect.__module__.rsplit(".", 1)[-1],
            message=_formatter(message) if isinstance(message, str) else message,
            collect=collect,
            output=output,
            report_only=report_only,
            dossier_only=dossier_only,
            source_scope=source_scope,
            shared=shared,
            bound_claims=bound_claims,
        )
        return collect

    return decorate


# Human names of the tables findings name, and how their records are referred to.
ENTITY_LABELS: dict[str, str] = {
    "person": "person",
    "person_name": "name",
    "detention_episode": "detention episode",
    "custody_event": "custody event",
    "proceeding": "proceeding",
    "hearing": "hearing",
    "fair_trial_assessment": "fair-trial finding",
    "sentence": "sentence",
    "allegation": "allegation",
    "medical_evaluation": "medical evaluation",
    "death_record": "death record",
    "citation": "citation",
    "source": "source",
    "evidence_file": "evidence file",
    "submission": "submission",
    "consent": "consent",
    "informant": "informant",
}


def record_label(entity: str, record_id: int) -> str:
    """ "allegation 12", "source S-12", "person P-3"."""
    if entity == "source":
        return f"source S-{record_id}"
    if entity == "person":
        return f"person P-{record_id}"
    return f"{ENTITY_LABELS.get(entity, entity.replace('_', ' '))} {record_id}"


# The order rules are listed in: claims first, the output last.
AREAS = ("claims", "allegations", "sources", "evidence", "persons", "advocacy", "output")


def ordered_rules() -> list[Rule]:
    """Every registered rule, by area, then in the order each module declares them."""
    return sorted(REGISTRY.values(), key=lambda r: AREAS.index(r.area))


def rules_for(scope: Scope, wanted: Sequence[str] | None = None) -> list[Rule]:
    """The registered rules that apply to ``scope`` (all, or those named in ``wanted``)."""
    if wanted is not None:
        unknown = sorted(set(wanted) - set(REGISTRY))
        if unknown:
            from casebook.errors import DomainError

            raise DomainError("rules", f"no audit rule {', '.join(unknown)}")
    chosen = ordered_rules() if wanted is None else [REGISTRY[r] for r in dict.fromkeys(wanted)]
    return [r for r in chosen if r.applies(scope)]
