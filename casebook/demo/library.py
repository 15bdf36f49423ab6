"""The sources a cluster of demo persons rests on: shared ones (reports, UN and court
documents, media, videos, images) and each detainee's own (testimonies, court records,
letters, photographs)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from casebook.demo.build import HISTORY_END, Batch, clamp
from casebook.demo.evidence import FileBudget, Src, add_file, add_informant, add_source
from casebook.demo.people import Case, Cluster
from casebook.vocab import (
    Confidentiality,
    EpisodeEndReason,
    EvidenceRole,
    PersonCategory,
    SourceAffiliation,
    SourceType,
)

ST = SourceType
AFF = SourceAffiliation
ROLE = EvidenceRole
PUBLIC = Confidentiality.PUBLIC
PARTNER = Confidentiality.PARTNER
NGO = "Demo Centre for Human Rights (invented NGO)"
OFFICER = "Demo documentation officer (invented)"
Pref = tuple[SourceType, str | None]


def _late(batch: Batch, first: date = date(2024, 1, 15)) -> date:
    return batch.day_between(first, date(2024, 11, 30))


def shared_sources(batch: Batch, cluster: Cluster, budget: FileBudget) -> None:
    """The sources every case of the cluster may cite."""
    n, rng = cluster.index + 1, batch.rng
    files = cluster.with_files
    got: dict[SourceType, list[Src]] = {}

    def add(src: Src, *attach: tuple[EvidenceRole, str]) -> Src:
        got.setdefault(src.type, []).append(src)
        if files:
            for role, kind in attach:
                add_file(batch, budget, src, role, kind, [f"Cluster {n} of the demo dataset."])
        return src

    report = add(
        add_source(
            batch, ST.NGO_REPORT,
            f"[DEMO] Captive and missing: Armenians held in Azerbaijan, report no. {n}",
            affiliation=AFF.NGO, language="en", published=_late(batch), author=OFFICER,
            publisher=NGO, web=True, pages=rng.randint(20, 140), confidentiality=PUBLIC,
        ),
        (ROLE.ORIGINAL, "pdf"),
    )  # fmt: skip
    add(
        add_source(
            batch, ST.MEDIA_REPORT, f"[DEMO] Rights group documents abuse of captives (report {n})",
            affiliation=AFF.UNKNOWN, language="en",
            published=clamp(report.published or HISTORY_END),
            publisher="Demo Daily (invented outlet)", web=True, derived_from=report,
            pages=rng.randint(1, 3), confidentiality=PUBLIC, tag="copy",
        ),
        (ROLE.PAGE_SOURCE, "html"), (ROLE.SCREENSHOT, "png"),
    )  # fmt: skip
    add(
        add_source(
            batch, ST.MEDIA_REPORT, "[DEMO] Trial of Armenian detainees continues in Baku",
            affiliation=AFF.NEUTRAL, language="ru", published=_late(batch),
            publisher="Demo News Agency (invented outlet)", web=True, pages=rng.randint(1, 3),
            confidentiality=PUBLIC, tag="independent",
        ),
    )  # fmt: skip
    for era, published in ((2020, date(2021, 1, 20)), (2023, date(2023, 10, 10))):
        when = published + timedelta(days=rng.randint(0, 60))
        add(
            add_source(
                batch, ST.MEDIA_REPORT, f"[DEMO] State media: 'saboteurs' detained ({era})",
                affiliation=AFF.DETAINING_STATE, language="az", published=when,
                publisher="Demo state broadcaster (invented)", web=True, pages=1,
                confidentiality=PUBLIC, tag="state", era=era,
            ),
        )  # fmt: skip
        add(
            add_source(
                batch, ST.VIDEO, f"[DEMO] Video of captured men circulated online ({era})",
                affiliation=AFF.UNKNOWN, language="az", published=when, web=True,
                seconds=rng.randint(40, 900), confidentiality=PARTNER, tag="capture", era=era,
            ),
            (ROLE.ORIGINAL, "text"), (ROLE.SCREENSHOT, "png"), (ROLE.PAGE_SOURCE, "html"),
        )  # fmt: skip
        add(
            add_source(
                batch, ST.SOCIAL_MEDIA_POST, f"[DEMO] Post with footage of detainees ({era})",
                affiliation=AFF.UNKNOWN, language="az", published=when, web=True,
                seconds=rng.randint(15, 300), confidentiality=PARTNER, era=era,
            ),
            (ROLE.SCREENSHOT, "png"), (ROLE.PAGE_SOURCE, "html"),
        )  # fmt: skip
        add(
            add_source(
                batch, ST.ICRC_DOCUMENT, f"[DEMO] ICRC notification of registration visits ({era})",
                affiliation=AFF.NEUTRAL, language="en" if era == 2020 else "ru",
                published=when + timedelta(days=40), publisher="ICRC (invented demo letter)",
                pages=rng.randint(1, 4), era=era,
            ),
            (ROLE.ORIGINAL, "pdf"),
        )  # fmt: skip
        add(
            add_source(
                batch, ST.OFFICIAL_STATEMENT,
                f"[DEMO] Statement of the detaining state's security service ({era})",
                affiliation=AFF.DETAINING_STATE, language="az", published=when + timedelta(days=3),
                publisher="Detaining state authority (invented statement)", web=True, pages=1,
                confidentiality=PUBLIC, tag="detaining", era=era,
            ),
        )  # fmt: skip
        add(
            add_source(
                batch, ST.OFFICIAL_STATEMENT,
                f"[DEMO] Statement of the home state's ombudsperson on captives ({era})",
                affiliation=AFF.HOME_STATE, language="hy", published=when + timedelta(days=5),
                publisher="Home state authority (invented statement)", web=True, pages=2,
                confidentiality=PUBLIC, tag="home", era=era,
            ),
        )  # fmt: skip
    add(
        add_source(
            batch, ST.VIDEO, "[DEMO] State television footage of a court hearing in Baku",
            affiliation=AFF.DETAINING_STATE, language="az", published=_late(batch), web=True,
            seconds=rng.randint(60, 1200), confidentiality=PUBLIC, tag="court",
        ),
    )  # fmt: skip
    add(
        add_source(
            batch, ST.UN_DOCUMENT,
            f"[DEMO] Communication of UN Special Procedures on Armenian detainees (no. {n})",
            affiliation=AFF.NEUTRAL, language="en", published=_late(batch),
            publisher="UN Special Procedures (invented demo document)", web=True,
            pages=rng.randint(5, 30), confidentiality=PUBLIC,
        ),
        (ROLE.ORIGINAL, "pdf"),
    )  # fmt: skip
    add(
        add_source(
            batch, ST.ECTHR_DOCUMENT,
            "[DEMO] ECtHR press release on interim measures for persons captured in the conflict",
            affiliation=AFF.NEUTRAL, language="en", published=date(2021, 2, 1)
            + timedelta(days=rng.randint(0, 60)), publisher="ECtHR (invented demo document)",
            web=True, pages=rng.randint(3, 25), confidentiality=PUBLIC,
        ),
    )  # fmt: skip
    if cluster.showcase or cluster.index % 10 == 0:
        add(
            add_source(
                batch, ST.ICJ_DOCUMENT,
                "[DEMO] Excerpt of an ICJ order on provisional measures (demo copy)",
                affiliation=AFF.NEUTRAL, language="en", published=date(2021, 12, 7),
                publisher="ICJ (invented demo excerpt)", web=True, pages=rng.randint(10, 40),
                confidentiality=PUBLIC,
            ),
        )  # fmt: skip
    add(
        add_source(
            batch, ST.PHOTO, "[DEMO] Photograph of defendants in a glass box in a Baku courtroom",
            affiliation=AFF.DETAINING_STATE, language=None, published=_late(batch), web=True,
            confidentiality=PUBLIC,
        ),
        (ROLE.ORIGINAL, "png"),
    )  # fmt: skip
    add(
        add_source(
            batch, ST.SATELLITE_IMAGE,
            "[DEMO] Satellite images of Ghazanchetsots Cathedral, Shushi, before and after",
            affiliation=AFF.NEUTRAL, language=None, published=_late(batch, date(2023, 1, 1)),
            publisher="Demo imagery provider (invented)", web=True, confidentiality=PUBLIC,
        ),
        (ROLE.ORIGINAL, "png"),
    )  # fmt: skip
    witnesses = cluster.helpers.get(PersonCategory.WITNESS) or []
    names = [(w.hy, f"W-{w.person['id']}") for w in witnesses] or [("Անանուն վկա", f"W-{n}")]
    for name, code in names:
        testimony = add(
            add_source(
                batch, ST.WITNESS_TESTIMONY, f"[DEMO] Testimony of a fellow detainee ({code})",
                affiliation=AFF.NGO, language="hy", published=_late(batch, date(2021, 3, 1)),
                author=OFFICER, pages=rng.randint(3, 12),
            ),
            (ROLE.TRANSCRIPT, "text"), (ROLE.REDACTED_COPY, "text"),
        )  # fmt: skip
        add_informant(batch, testimony, name, "Fellow detainee who shared a cell (invented)")
    cluster.shared = got
    index_shared(cluster)


def own_sources(batch: Batch, cluster: Cluster, case: Case, budget: FileBudget) -> None:
    """Testimonies, court records, letters and photographs about one detainee."""
    rng, plan, files = batch.rng, case.plan, cluster.with_files
    own = case.sources

    def attach(src: Src, role: EvidenceRole, kind: str) -> None:
        if files:
            add_file(batch, budget, src, role, kind, [f"Concerning {case.latn} (invented)."])

    freed = plan.end is not None and plan.end_reason is not EpisodeEndReason.DIED
    if freed and plan.end is not None:
        own[ST.VICTIM_TESTIMONY] = src = add_source(
            batch, ST.VICTIM_TESTIMONY, f"[DEMO] Interview with {case.latn} after release",
            affiliation=AFF.NGO, language="hy",
            published=clamp(plan.end + timedelta(days=rng.randint(10, 90))), author=OFFICER,
            pages=rng.randint(4, 20),
        )  # fmt: skip
        attach(src, ROLE.TRANSCRIPT, "text")
    if case.relative is not None or batch.chance(0.1):
        own[ST.RELATIVE_TESTIMONY] = add_source(
            batch, ST.RELATIVE_TESTIMONY, f"[DEMO] Testimony of a relative of {case.latn}",
            affiliation=AFF.FAMILY, language="hy",
            published=clamp(plan.day + timedelta(days=rng.randint(5, 60))), author=OFFICER,
            pages=rng.randint(2, 8),
        )  # fmt: skip
    if plan.tried and case.lawyer is not None and plan.trial_start is not None:
        own[ST.LAWYER_STATEMENT] = add_source(
            batch, ST.LAWYER_STATEMENT, f"[DEMO] Statement of counsel on the trial of {case.latn}",
            affiliation=AFF.NGO, language=batch.pick(("hy", "ru")),
            published=clamp(plan.trial_start + timedelta(days=rng.randint(5, 40))),
            author=f"{case.lawyer.latn} (invented lawyer)", pages=rng.randint(2, 6),
            confidentiality=PARTNER,
        )  # fmt: skip
    if plan.tried and plan.trial_start is not None:
        decided = plan.trial_end or plan.trial_start
        own[ST.COURT_DOCUMENT] = src = add_source(
            batch, ST.COURT_DOCUMENT,
            f"[DEMO] {'Judgment' if plan.trial_end else 'Indictment'} in the case of {case.latn}",
            affiliation=AFF.DETAINING_STATE, language="az", published=decided,
            publisher="Court of the detaining state (invented document)",
            pages=rng.randint(12, 90), confidentiality=PARTNER,
        )  # fmt: skip
        attach(src, ROLE.ORIGINAL, "pdf")
        attach(src, ROLE.TRANSLATION, "text")
    if plan.era == 2020 and plan.ack_date is not None and batch.chance(0.15):
        own[ST.CORRESPONDENCE] = add_source(
            batch, ST.CORRESPONDENCE, f"[DEMO] Letter from {case.latn} to the family via the ICRC",
            affiliation=AFF.FAMILY, language="hy",
            published=clamp(plan.ack_date + timedelta(days=rng.randint(20, 90))), pages=1,
        )  # fmt: skip
    if files and case.category is not PersonCategory.MISSING and batch.chance(0.3):
        photo = add_source(
            batch, ST.PHOTO, f"[DEMO] Family photograph of {case.latn}",
            affiliation=AFF.FAMILY, language=None, published=clamp(plan.day + timedelta(days=20)),
        )  # fmt: skip
        own[ST.PHOTO] = photo
        attach(photo, ROLE.ORIGINAL, "png")
        if photo.files:
            case.person["photo_file_id"] = photo.files[0]["id"]
            case.photo = True


def add_report(
    batch: Batch, cluster: Cluster, case: Case, budget: FileBudget, stype: SourceType, day: date
) -> Src:
    """A medical (examination) or forensic (remains) report about the case."""
    medical = stype is ST.MEDICAL_REPORT
    src = add_source(
        batch, stype,
        f"[DEMO] {'Medical examination of' if medical else 'Forensic report on the remains of'} "
        f"{case.latn}",
        affiliation=AFF.NGO if medical and batch.chance(0.5) else AFF.HOME_STATE,
        language="hy", published=clamp(day),
        publisher="Demo rehabilitation centre (invented)" if medical
        else "Forensic medicine centre (invented report)",
        pages=batch.rng.randint(3, 15),
    )  # fmt: skip
    case.sources[stype] = src
    if cluster.with_files:
        add_file(batch, budget, src, ROLE.ORIGINAL, "pdf", [f"About {case.latn} (invented)."])
    return src


def find_sources(case: Case, cluster: Cluster, prefs: Sequence[Pref]) -> list[Src]:
    """Available sources in order of preference: the case's own, then the shared ones
    (of the case's conflict where that matters)."""
    found: list[Src] = []
    era = case.plan.era
    own_sources = case.sources
    lookup = cluster.lookup
    for stype, tag in prefs:
        src = own_sources.get(stype) if tag is None else None
        if src is None:
            src = lookup.get((stype, tag, era))
        if src is not None and all(src is not other for other in found):
            found.append(src)
    return found


def index_shared(cluster: Cluster) -> None:
    """The first shared source of each (type, tag or None, conflict), for find_sources."""
    lookup = cluster.lookup
    for group in cluster.shared.values():
        for src in group:
            for era in (2020, 2023) if src.era is None else (src.era,):
                lookup.setdefault((src.type, None, era), src)
                if src.tag is not None:
                    lookup.setdefault((src.type, src.tag, era), src)
