"""One cluster of 40 demo persons with everything documented about them, and the
deliberate problems the first cluster carries for the citation audit to find."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from casebook.demo.abuses import acts_for, add_allegation, add_death_record, fits, prepare_death
from casebook.demo.advocacy import add_advocacy
from casebook.demo.build import Batch, Row
from casebook.demo.detention import add_episode, add_events
from casebook.demo.evidence import FileBudget, add_source, cite
from casebook.demo.library import own_sources, shared_sources
from casebook.demo.people import Cluster, make_people
from casebook.demo.trials import add_trial
from casebook.vocab import (
    ActType,
    AllegationStatus,
    EvidenceRole,
    NameKind,
    PersonCategory,
    Script,
    SourceAffiliation,
    SourceType,
)

# How many instances of each deliberate problem the first cluster carries.
EACH = 2


def build_cluster(
    batch: Batch, index: int, slots: int, budget: FileBudget, today: date, with_files: bool
) -> Cluster:
    cluster = Cluster(index, showcase=index == 0, with_files=with_files or index == 0)
    make_people(batch, cluster, slots, today)
    shared_sources(batch, cluster, budget)
    for case in cluster.cases:
        own_sources(batch, cluster, case, budget)
        prepare_death(batch, cluster, case, budget)
        add_episode(batch, cluster, case)
        add_trial(batch, cluster, case)
        add_events(batch, cluster, case)
        for number, act in enumerate(acts_for(batch, case)):
            add_allegation(
                batch, cluster, case, budget, act, force=cluster.showcase and number == 0
            )
        add_death_record(batch, cluster, case)
    withhold = 0
    if cluster.showcase:
        _cover_acts(batch, cluster, budget)
        withhold = _one_script(batch, cluster)
    withheld = add_advocacy(batch, cluster, withhold=withhold)
    if cluster.showcase:
        for submission, case in withheld:
            batch.problem(
                "submission",
                submission["id"],
                f"submission {submission['id']} concerns person {case.person['id']}, "
                "who has given no consent",
            )
        _problems(batch, cluster)
    return cluster


def _cover_acts(batch: Batch, cluster: Cluster, budget: FileBudget) -> None:
    """Every kind of act appears in the first cluster (where some case fits it)."""
    present = {a["act_type"] for case in cluster.cases for a in case.allegations}
    for act in ActType:
        if act in present:
            continue
        for case in cluster.cases:
            if fits(case, act):
                add_allegation(batch, cluster, case, budget, act, force=True)
                break


def _one_script(batch: Batch, cluster: Cluster) -> int:
    """Two detainees keep only their Latin names; returns how many consents to withhold."""
    chosen = [c for c in cluster.cases[3:] if c.category is PersonCategory.POW][:EACH]
    for case in chosen:
        case.one_script = True
        drop = {id(n) for n in case.names if n["script"] is not Script.LATN}
        batch.rows["person_name"] = [n for n in batch.rows["person_name"] if id(n) not in drop]
        case.names = [n for n in case.names if id(n) not in drop]
        for name in case.names:
            if name["kind"] is NameKind.VARIANT:
                name["kind"] = NameKind.PRIMARY
                break
        batch.problem(
            "person",
            case.person["id"],
            f"person {case.person['id']} has names in Latin script only",
        )
    return EACH if len(cluster.cases) > 2 * EACH + 3 else 0


def _cluster_ids(cluster: Cluster) -> tuple[set[int], set[int]]:
    persons = {int(c.person["id"]) for c in cluster.cases}
    claims = {
        int(row["claim_id"])
        for case in cluster.cases
        for row in (
            *case.events,
            *case.proceedings,
            *case.hearings,
            *case.allegations,
            *((case.episode,) if case.episode else ()),
        )
    }
    return persons, claims


def _problems(batch: Batch, cluster: Cluster) -> None:
    rows = batch.rows
    _persons, claims = _cluster_ids(cluster)
    # Claims with no citation: a custody event and a hearing.
    events = [("custody_event", e) for c in cluster.cases for e in c.events][:1]
    hearings = [("hearing", h) for c in cluster.cases for h in c.hearings][:1]
    uncited = {int(r["claim_id"]): (table, r) for table, r in (*events, *hearings)}
    rows["citation"] = [c for c in rows["citation"] if c["claim_id"] not in uncited]
    for claim_id, (table, row) in uncited.items():
        batch.problem(
            table,
            row["id"],
            f"claim {claim_id} ({table.replace('_', ' ')} {row['id']}) has no citation",
        )
    # A retracted source, still cited.
    retracted = add_source(
        batch, SourceType.MEDIA_REPORT, "[DEMO] Report later retracted: captive misidentified",
        affiliation=SourceAffiliation.UNKNOWN, language="en", published=date(2021, 2, 3),
        publisher="Demo Tabloid (invented outlet)", web=True, pages=1,
    )  # fmt: skip
    retracted.row.update(
        retracted_at=batch.now,
        retracted_by_id=batch.user_id,
        retraction_reason="[DEMO] Withdrawn by the publisher: it misidentified the detainee.",
    )
    targets = [c.episode for c in cluster.cases if c.episode][:1]
    targets += [a for c in cluster.cases for a in c.allegations][:1]
    for target in targets[:EACH]:
        citation = cite(batch, target, retracted, theme="detention", quote=0.0)
        batch.problem(
            "citation",
            citation["id"],
            f"citation {citation['id']} cites retracted source {retracted.id}",
        )
    # Corroborated on a single source: keep only the first citation of two allegations.
    per_claim = Counter(c["claim_id"] for c in rows["citation"])
    cited_retracted = {t["claim_id"] for t in targets}
    singles = [
        a
        for c in cluster.cases
        for a in c.allegations
        if per_claim[a["claim_id"]] >= 1 and a["claim_id"] not in cited_retracted
    ][:EACH]
    extra: set[int] = set()
    for allegation in singles:
        mine = [c for c in rows["citation"] if c["claim_id"] == allegation["claim_id"]]
        extra.update(id(c) for c in mine[1:])
    rows["citation"] = [c for c in rows["citation"] if id(c) not in extra]
    for allegation in singles:
        allegation["status"] = AllegationStatus.CORROBORATED
        batch.problem(
            "allegation",
            allegation["id"],
            f"allegation {allegation['id']} is marked corroborated but cites a single source",
        )
    _file_problems(batch, cluster)
    _source_problems(batch, cluster, claims)


def _file_problems(batch: Batch, cluster: Cluster) -> None:
    shared = [s for group in cluster.shared.values() for s in group]
    originals: list[Row] = [
        f for s in shared for f in s.files if f["role"] is EvidenceRole.ORIGINAL
    ]
    by_sha = {spec.sha256: n for n, spec in enumerate(batch.files)}
    for fate, rows in (("tamper", originals[:EACH]), ("missing", originals[EACH : 2 * EACH])):
        for row in rows:
            number = by_sha[row["sha256"]]
            batch.files[number] = replace(batch.files[number], fate=fate)
            what = (
                "stored bytes no longer match its SHA-256"
                if fate == "tamper"
                else ("stored file is missing")
            )
            batch.problem("evidence_file", row["id"], f"evidence file {row['id']}: {what}")


def _source_problems(batch: Batch, cluster: Cluster, claims: set[int]) -> None:
    shared = [s for group in cluster.shared.values() for s in group]
    web = [s for s in shared if s.row["url"] and not s.files and s.row["retracted_at"] is None]
    for src in web[:EACH]:
        src.row.update(retrieved_at=None, archive_urls=[])
        batch.problem(
            "source", src.id, f"web source {src.id} has no retrieval date and no archive capture"
        )
    graded = [s for s in shared if s.row["reliability"] is not None and s not in web[:EACH]]
    for src in graded[-EACH:]:
        src.row.update(reliability=None, reliability_rationale=None)
        batch.problem("source", src.id, f"source {src.id} is not graded")
    quoted = [
        c
        for c in batch.rows["citation"]
        if c["claim_id"] in claims and c["quote_translation"] and c["quote_language"] != "en"
    ]
    for citation in quoted[:EACH]:
        citation["quote_translation"] = None
        batch.problem(
            "citation",
            citation["id"],
            f"citation {citation['id']} quotes {citation['quote_language']} without a translation",
        )


__all__ = ["build_cluster"]
