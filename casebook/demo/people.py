"""Demo persons: detainees with a planned history, and the people around them.

Persons come in clusters of 40 following ``PATTERN``: 26 detainees (PoWs, civilian
detainees, an internee, missing and deceased persons) and 14 others (relatives, lawyers,
witnesses, an alleged perpetrator, a judge, an official). A cluster cut short by the
requested number of persons simply stops early.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from casebook.demo.build import HISTORY_END, Batch, Row, clamp, fuzzy
from casebook.demo.evidence import Src
from casebook.demo.pools import (
    ARMED_FORCES,
    BIRTH_PLACES_CIVILIAN,
    BIRTH_PLACES_SOLDIER,
    FEMALE,
    MALE,
    OCCUPATIONS,
    RANKS,
    SURNAMES,
    GivenName,
    Surname,
    azerbaijani_spelling,
)
from casebook.services.names import fold
from casebook.vocab import (
    Acknowledgment,
    Confidentiality,
    DatePrecision,
    EpisodeEndReason,
    IdentifierScheme,
    NameKind,
    NameLanguage,
    PersonCategory,
    PersonStatus,
    RelationshipKind,
    Script,
    Sex,
    SourceType,
)

PC = PersonCategory
PATTERN: tuple[PersonCategory, ...] = (
    PC.POW, PC.POW, PC.CIVILIAN_DETAINEE, PC.RELATIVE, PC.POW,
    PC.MISSING, PC.POW, PC.LAWYER, PC.CIVILIAN_DETAINEE, PC.RELATIVE,
    PC.POW, PC.DECEASED, PC.POW, PC.WITNESS, PC.CIVILIAN_INTERNEE,
    PC.POW, PC.RELATIVE, PC.POW, PC.CIVILIAN_DETAINEE, PC.PERPETRATOR,
    PC.POW, PC.MISSING, PC.RELATIVE, PC.POW, PC.CIVILIAN_DETAINEE,
    PC.JUDGE, PC.POW, PC.DECEASED, PC.RELATIVE, PC.POW,
    PC.CIVILIAN_DETAINEE, PC.LAWYER, PC.POW, PC.MISSING, PC.RELATIVE,
    PC.POW, PC.CIVILIAN_DETAINEE, PC.OFFICIAL, PC.RELATIVE, PC.WITNESS,
)  # fmt: skip
CLUSTER_SIZE = len(PATTERN)
DETAINEES = frozenset({PC.POW, PC.CIVILIAN_DETAINEE, PC.CIVILIAN_INTERNEE, PC.MISSING, PC.DECEASED})
NOTE = "DEMO DATA: invented person. Any resemblance to a real person is coincidental."
# Fathers' names that take a regular Russian patronymic.
FATHERS = tuple(n for n in MALE if n.ru[-1] not in "аяеоиуэ")
REPATRIATIONS = (
    date(2020, 12, 14),
    date(2020, 12, 28),
    date(2021, 1, 28),
    date(2021, 2, 9),
    date(2021, 5, 4),
    date(2021, 6, 12),
    date(2021, 7, 3),
    date(2021, 12, 19),
    date(2022, 10, 5),
    date(2023, 1, 6),
    date(2023, 12, 13),
)
EXCHANGES = frozenset({date(2020, 12, 14), date(2023, 12, 13)})
CAPTURES_2020_POW = (
    (("site_hadrut", date(2020, 11, 1), date(2020, 11, 9)), 3),
    (("site_shushi", date(2020, 11, 4), date(2020, 11, 9)), 2),
    (("site_khtsaberd", date(2020, 12, 12), date(2020, 12, 13)), 3),
    (("site_hin_tagher", date(2020, 12, 12), date(2020, 12, 14)), 2),
)
CAPTURES_2020_CIVILIAN = (
    (("site_hadrut", date(2020, 11, 1), date(2020, 11, 25)), 5),
    (("site_shushi", date(2020, 11, 1), date(2020, 11, 9)), 3),
)
CAPTURES_2023 = (
    (("hakari", date(2023, 9, 26), date(2023, 9, 30)), 4),
    (("site_stepanakert", date(2023, 9, 19), date(2023, 9, 30)), 3),
    (("martuni", date(2023, 9, 19), date(2023, 9, 21)), 2),
)


@dataclass
class Plan:
    """A detainee's invented history, decided up front so every record agrees with it."""

    era: int
    capture: date
    capture_precision: DatePrecision
    capture_reported: str | None
    capture_site: str
    end_reason: EpisodeEndReason
    end: date | None
    death: date | None
    executed: bool
    tried: bool
    trial_start: date | None
    trial_end: date | None
    ack: Acknowledgment
    ack_date: date | None
    leader: bool = False
    # The day of capture behind a date recorded only to the month; later dates follow it.
    day: date = HISTORY_END


@dataclass
class Helper:
    """A person who is not a detainee: relative, lawyer, witness, perpetrator, judge..."""

    person: Row
    category: PersonCategory
    latn: str
    hy: str
    relation: str = ""
    kind: RelationshipKind | None = None


@dataclass
class Case:
    """A detainee and the records generated for them."""

    person: Row
    category: PersonCategory
    sex: Sex
    given: GivenName
    father: GivenName
    surname: Surname
    latn: str
    plan: Plan
    names: list[Row] = field(default_factory=list)
    relative: Helper | None = None
    lawyer: Helper | None = None
    episode: Row | None = None
    events: list[Row] = field(default_factory=list)
    proceedings: list[Row] = field(default_factory=list)
    first_instance: Row | None = None
    hearings: list[Row] = field(default_factory=list)
    allegations: list[Row] = field(default_factory=list)
    sources: dict[SourceType, Src] = field(default_factory=dict)
    photo: bool = False
    ecthr: str | None = None
    remains_returned_on: date | None = None
    one_script: bool = False

    @property
    def detained_now(self) -> bool:
        return self.plan.end is None and self.category is not PC.MISSING


@dataclass
class Cluster:
    index: int
    showcase: bool
    with_files: bool
    cases: list[Case] = field(default_factory=list)
    helpers: dict[PersonCategory, list[Helper]] = field(default_factory=dict)
    shared: dict[SourceType, list[Src]] = field(default_factory=dict)
    lookup: dict[tuple[SourceType, str | None, int], Src] = field(default_factory=dict)

    def first(self, category: PersonCategory) -> Helper | None:
        found = self.helpers.get(category)
        return found[0] if found else None


def _patronymic_ru(father: GivenName, sex: Sex) -> str:
    stem = father.ru[:-1] + "ев" if father.ru.endswith("й") else father.ru + "ов"
    return stem + ("на" if sex is Sex.FEMALE else "ич")


def _patronymic_hy(father: GivenName) -> str:
    return father.hy + ("յի" if father.hy.endswith("ա") else "ի")


def _birth(batch: Batch, first: int, last: int) -> tuple[date | None, DatePrecision, str | None]:
    day = date(batch.rng.randint(first, last), batch.rng.randint(1, 12), batch.rng.randint(1, 28))
    roll = batch.rng.random()
    if roll < 0.7:
        return day, DatePrecision.DAY, day.strftime("%d.%m.%Y")
    if roll < 0.9:
        return day.replace(month=1, day=1), DatePrecision.YEAR, str(day.year)
    return None, DatePrecision.UNKNOWN, None


def plan_case(batch: Batch, category: PersonCategory, role: str | None = None) -> Plan:
    """A detainee's history; ``role`` (freed, tried, executed, died) forces one kind of it,
    so the first cluster always shows every kind of record."""
    rng = batch.rng
    soldier = category is PC.POW
    if category is PC.CIVILIAN_INTERNEE or role in ("freed", "tried"):
        era = 2020
    elif soldier or category is PC.MISSING:
        era = 2020 if rng.random() < 0.92 else 2023
    elif category is PC.DECEASED:
        era = 2020 if rng.random() < 0.85 else 2023
    else:
        era = 2020 if rng.random() < 0.55 else 2023
    windows = (
        CAPTURES_2023
        if era == 2023
        else (CAPTURES_2020_POW if soldier or category is PC.MISSING else CAPTURES_2020_CIVILIAN)
    )
    site, first, last = batch.weighted(windows)
    real = batch.day_between(first, last)
    capture, precision, reported = fuzzy(batch, real, exact=0.7, month=True)
    assert capture is not None
    leader = era == 2023 and category is PC.CIVILIAN_DETAINEE and rng.random() < 0.3
    tried = False
    if category in (PC.POW, PC.CIVILIAN_DETAINEE):
        odds = 0.75 if era == 2023 else 0.55 if not soldier else 0.25
        if site in ("site_khtsaberd", "site_hin_tagher"):
            odds = 0.6
        tried = (rng.random() < odds or leader or role == "tried") and role != "freed"
    death, executed = None, False
    end_reason, end = EpisodeEndReason.ONGOING, None
    trial_start = trial_end = None
    if category is PC.DECEASED:
        executed = rng.random() < 0.55 if role is None else role == "executed"
        death = real + timedelta(days=rng.randint(0, 1) if executed else rng.randint(15, 300))
        end_reason, end = EpisodeEndReason.DIED, clamp(death)
        death = end
    elif tried and era == 2020:
        trial_start = real + timedelta(days=rng.randint(150, 330))
        trial_end = trial_start + timedelta(days=rng.randint(20, 110))
        if rng.random() < 0.4:
            end_reason, end = EpisodeEndReason.EXCHANGED, date(2023, 12, 13)
    elif tried:
        trial_start = date(2024, 1, 10) + timedelta(days=rng.randint(0, 270))
        trial_end = trial_start + timedelta(days=rng.randint(30, 200))
        if trial_end > HISTORY_END:
            trial_end = None
    elif category is PC.MISSING:
        pass
    elif era == 2020:
        if soldier and rng.random() < 0.08 and role is None:
            pass  # still held, never tried: delayed repatriation
        else:
            options = [d for d in REPATRIATIONS if d >= real + timedelta(days=10)][:4]
            end = options[rng.randrange(len(options))]
            end_reason = (
                EpisodeEndReason.EXCHANGED
                if end in EXCHANGES
                else (
                    EpisodeEndReason.RELEASED
                    if not soldier and rng.random() < 0.3
                    else EpisodeEndReason.REPATRIATED
                )
            )
    elif rng.random() < 0.5:
        end_reason = EpisodeEndReason.RELEASED
        end = clamp(real + timedelta(days=rng.randint(20, 200)))
    ack, ack_date = _acknowledgment(batch, category, era, tried, executed, real)
    if ack_date is not None and end is not None:
        ack_date = min(ack_date, end)
    return Plan(
        era, capture, precision, reported, site, end_reason, end, death, executed, tried,
        trial_start, trial_end, ack, ack_date, leader, real,
    )  # fmt: skip


def _acknowledgment(
    batch: Batch, category: PersonCategory, era: int, tried: bool, executed: bool, capture: date
) -> tuple[Acknowledgment, date | None]:
    if tried:
        ack = Acknowledgment.ACKNOWLEDGED
    elif category is PC.MISSING:
        ack = batch.weighted(
            (
                (Acknowledgment.NOT_IDENTIFIED, 5),
                (Acknowledgment.DENIED, 3),
                (Acknowledgment.UNKNOWN, 2),
            )
        )
    elif executed:
        ack = batch.weighted(((Acknowledgment.DENIED, 1), (Acknowledgment.UNKNOWN, 1)))
    elif era == 2023:
        ack = Acknowledgment.ACKNOWLEDGED if batch.chance(0.9) else Acknowledgment.UNKNOWN
    else:
        ack = batch.weighted(
            (
                (Acknowledgment.ACKNOWLEDGED, 65),
                (Acknowledgment.NOT_IDENTIFIED, 15),
                (Acknowledgment.DENIED, 8),
                (Acknowledgment.UNKNOWN, 12),
            )
        )
    if ack is Acknowledgment.UNKNOWN:
        return ack, None
    delay = batch.rng.randint(1, 5) if era == 2023 else batch.rng.randint(5, 90)
    return ack, clamp(capture + timedelta(days=delay))


def status_of(
    case_category: PersonCategory, plan: Plan, today: date, batch: Batch
) -> tuple[PersonStatus, date]:
    if case_category is PC.MISSING:
        return PersonStatus.MISSING, today - timedelta(days=batch.rng.randint(5, 60))
    if plan.end_reason is EpisodeEndReason.DIED:
        return PersonStatus.DECEASED, plan.end or plan.capture
    if plan.end is None:
        return PersonStatus.DETAINED, today - timedelta(days=batch.rng.randint(5, 60))
    if plan.end_reason is EpisodeEndReason.RELEASED:
        return PersonStatus.RELEASED, plan.end
    return PersonStatus.REPATRIATED, plan.end


def add_name(
    batch: Batch,
    person: Row,
    full: str,
    script: Script,
    language: NameLanguage,
    kind: NameKind,
    *,
    given: str | None = None,
    patronymic: str | None = None,
    family: str | None = None,
    note: str | None = None,
) -> Row:
    return batch.add(
        "person_name",
        confidentiality=person["confidentiality"],
        person_id=person["id"],
        full_name=full,
        given_name=given,
        patronymic=patronymic,
        family_name=family,
        script=script,
        language=language,
        kind=kind,
        search_key=fold(full),
        note=note,
    )


def _three_names(
    batch: Batch, person: Row, given: GivenName, father: GivenName, surname: Surname, sex: Sex
) -> list[Row]:
    hy = f"{given.hy} {surname.hy}"
    latn = f"{given.latn} {surname.latn}"
    ru_patronymic = _patronymic_ru(father, sex)
    ru = f"{surname.ru} {given.ru} {ru_patronymic}"
    return [
        add_name(
            batch, person, hy, Script.ARMN, NameLanguage.HY, NameKind.PRIMARY,
            given=given.hy, patronymic=_patronymic_hy(father), family=surname.hy,
        ),
        add_name(
            batch, person, latn, Script.LATN, NameLanguage.HY_LATN, NameKind.VARIANT,
            given=given.latn, family=surname.latn,
        ),
        add_name(
            batch, person, ru, Script.CYRL, NameLanguage.RU, NameKind.VARIANT,
            given=given.ru, patronymic=ru_patronymic, family=surname.ru,
            note="Russian form as used in official correspondence",
        ),
    ]  # fmt: skip


def _extra_names(batch: Batch, case: Case) -> None:
    person, given, surname = case.person, case.given, case.surname
    male = case.sex is not Sex.FEMALE
    if case.plan.tried or batch.chance(0.15):
        az = (
            f"{azerbaijani_spelling(surname.hy)} {azerbaijani_spelling(given.hy)} "
            f"{azerbaijani_spelling(case.father.hy)} {'oğlu' if male else 'qızı'}"
        )
        case.names.append(
            add_name(
                batch, person, az, Script.LATN, NameLanguage.AZ_LATN, NameKind.MISSPELLING,
                note="Spelling found in an Azerbaijani court document (demo)",
            )
        )  # fmt: skip
    if given.pet and batch.chance(0.15):
        case.names.append(
            add_name(
                batch, person, given.pet[0], Script.ARMN, NameLanguage.HY, NameKind.ALIAS,
                given=given.pet[0], note="Name used by family and friends",
            )
        )  # fmt: skip
    if surname.latn.endswith("yan") and batch.chance(0.15):
        western = f"{given.latn} {surname.latn[:-3]}ian"
        case.names.append(
            add_name(
                batch, person, western, Script.LATN, NameLanguage.HY_LATN, NameKind.VARIANT,
                given=given.latn, family=surname.latn[:-3] + "ian",
                note="Spelling used by diaspora media",
            )
        )  # fmt: skip


def _identifiers(batch: Batch, case: Case) -> None:
    pid = int(case.person["id"])
    seed = batch.seed
    plan = case.plan

    def ident(scheme: IdentifierScheme, value: str, issuer: str) -> None:
        batch.add(
            "person_identifier",
            confidentiality=case.person["confidentiality"],
            person_id=pid,
            scheme=scheme,
            value=value,
            issuer=issuer,
            note="Invented identifier (demo data)",
        )

    if case.category is PC.POW:
        ident(IdentifierScheme.SERVICE_NUMBER, f"DEMO-SN-{seed}-{pid}", "Invented service number")
    else:
        if batch.chance(0.4):
            ident(IdentifierScheme.PASSPORT, f"DEMO-PP-{seed}-{pid}", "Invented passport")
        if batch.chance(0.15):
            ident(IdentifierScheme.NATIONAL_ID, f"DEMO-ID-{seed}-{pid}", "Invented national id")
    if plan.era == 2020 and plan.ack is not Acknowledgment.UNKNOWN and batch.chance(0.7):
        ident(IdentifierScheme.ICRC_REF, f"DEMO-ICRC-{seed}-{pid}", "ICRC (invented reference)")
    # Application numbers from 100000 up are beyond any real ECtHR register; the year digits
    # step by ten every 900,000 ids, so no two persons ever share one.
    if batch.chance(0.4 if plan.era == 2020 else 0.2) and pid < 7_200_000:
        base = 20 if plan.era == 2020 else 23
        value = f"{100_000 + pid % 900_000}/{base + 10 * (pid // 900_000)}"
        ident(IdentifierScheme.ECTHR_APP, value, "European Court of Human Rights (invented)")
        case.ecthr = value


def make_detainee(
    batch: Batch, category: PersonCategory, today: date, role: str | None = None
) -> Case:
    rng = batch.rng
    plan = plan_case(batch, category, role)
    soldier = category is PC.POW or (category in (PC.MISSING, PC.DECEASED) and rng.random() < 0.8)
    female = not soldier and category is not PC.POW and rng.random() < 0.2
    sex = Sex.FEMALE if female else Sex.MALE
    given = batch.pick(FEMALE if female else MALE)
    father, surname = batch.pick(FATHERS), batch.pick(SURNAMES)
    young = soldier and rng.random() < 0.7
    born, precision, reported = (
        _birth(batch, 1998, 2002) if young else _birth(batch, 1950 if not soldier else 1965, 1995)
    )
    status, as_of = status_of(category, plan, today, batch)
    place_key = batch.pick(BIRTH_PLACES_SOLDIER if soldier else BIRTH_PLACES_CIVILIAN)
    site_name = plan.capture_site.removeprefix("site_").replace("_", " ").title()
    urgent = status is PersonStatus.DETAINED and rng.random() < 0.4
    person = batch.add(
        "person",
        confidentiality=batch.weighted(
            (
                (Confidentiality.CONFIDENTIAL, 2),
                (Confidentiality.PARTNER, 1),
                (Confidentiality.PUBLIC, 1),
            )
        ),
        category=category,
        sex=sex,
        birth_date=born,
        birth_precision=precision,
        birth_as_reported=reported,
        birth_place_id=batch.places[place_key],
        nationality="AM",
        military_rank=batch.weighted(RANKS if not young else RANKS[:4]) if soldier else None,
        military_unit=f"Military unit No. {rng.randint(10, 99)} (invented)" if soldier else None,
        armed_force=batch.pick(ARMED_FORCES) if soldier else None,
        civilian_occupation=None if soldier else batch.pick(OCCUPATIONS),
        current_status=status,
        status_as_of=as_of,
        summary=(
            f"DEMO: invented {category.label.lower()}, captured near {site_name} "
            f"({plan.capture.strftime('%B %Y')}); status: {status.label.lower()}."
        ),
        urgent=urgent,
        urgency_note="Held without contact; health concerns reported (demo)." if urgent else None,
        notes=NOTE,
    )
    latn = f"{given.latn} {surname.latn}"
    case = Case(person, category, sex, given, father, surname, latn, plan)
    case.names = _three_names(batch, person, given, father, surname, sex)
    _extra_names(batch, case)
    _identifiers(batch, case)
    return case


RELATIONS = (
    (("mother", RelationshipKind.PARENT, Sex.FEMALE), 5),
    (("father", RelationshipKind.PARENT, Sex.MALE), 3),
    (("wife", RelationshipKind.SPOUSE, Sex.FEMALE), 3),
    (("brother", RelationshipKind.SIBLING, Sex.MALE), 2),
    (("sister", RelationshipKind.SIBLING, Sex.FEMALE), 2),
    (("cousin", RelationshipKind.OTHER_RELATIVE, Sex.MALE), 1),
)


def make_helper(batch: Batch, category: PersonCategory, of: Case | None) -> Helper:
    """A non-detainee: relatives share the detainee's surname; others are invented."""
    rng = batch.rng
    relation, kind = "", None
    if category is PC.RELATIVE and of is not None:
        relation, kind, sex = batch.weighted(RELATIONS)
        surname = of.surname
        if relation == "father":
            given, father = of.father, batch.pick(FATHERS)
        elif relation in ("brother", "sister"):
            given, father = batch.pick(MALE if sex is Sex.MALE else FEMALE), of.father
        else:
            given, father = batch.pick(MALE if sex is Sex.MALE else FEMALE), batch.pick(FATHERS)
    else:
        sex = Sex.FEMALE if rng.random() < 0.3 else Sex.MALE
        given = batch.pick(FEMALE if sex is Sex.FEMALE else MALE)
        father, surname = batch.pick(FATHERS), batch.pick(SURNAMES)
    coded = category in (PC.PERPETRATOR, PC.JUDGE)
    occupation = {
        PC.LAWYER: "Lawyer representing families before the ECtHR (invented)",
        PC.WITNESS: "Former detainee who shared a cell with other captives (invented)",
        PC.OFFICIAL: "Official of a state commission on captives (invented)",
        PC.JUDGE: "Judge (invented, identified by code only)",
        PC.RELATIVE: None,
    }.get(category)
    person = batch.add(
        "person",
        confidentiality={
            PC.WITNESS: Confidentiality.RESTRICTED,
            PC.LAWYER: Confidentiality.PARTNER,
        }.get(category, Confidentiality.CONFIDENTIAL),
        category=category,
        sex=Sex.UNKNOWN if coded else sex,
        nationality=None if coded else "AM",
        military_unit="Military police (unidentified)" if category is PC.PERPETRATOR else None,
        civilian_occupation=occupation,
        current_status=PersonStatus.UNKNOWN,
        summary=f"DEMO: invented {category.label.lower()}"
        + (f" ({relation} of a detainee)." if relation else "."),
        notes=NOTE,
    )
    pid = person["id"]
    if coded:
        label = {
            PC.PERPETRATOR: (
                f"Alleged perpetrator P-{pid} (unidentified, invented)",
                f"Ենթադրյալ հանցագործ P-{pid} (անհայտ, հորինված)",
                f"Предполагаемый исполнитель P-{pid} (неустановленный, вымышленный)",
            ),
            PC.JUDGE: (
                f"Judge J-{pid} (invented)",
                f"Դատավոր J-{pid} (հորինված)",
                f"Судья J-{pid} (вымышленный)",
            ),
        }[category]
        add_name(batch, person, label[0], Script.LATN, NameLanguage.EN, NameKind.PRIMARY)
        add_name(batch, person, label[1], Script.ARMN, NameLanguage.HY, NameKind.VARIANT)
        add_name(batch, person, label[2], Script.CYRL, NameLanguage.RU, NameKind.VARIANT)
        return Helper(person, category, label[0], label[1])
    _three_names(batch, person, given, father, surname, sex)
    latn, hy = f"{given.latn} {surname.latn}", f"{given.hy} {surname.hy}"
    return Helper(person, category, latn, hy, relation, kind)


# In the first cluster these slots get a fixed kind of history (see plan_case).
SHOWCASE_ROLES = {0: "freed", 2: "tried", 11: "executed", 27: "died"}


def make_people(batch: Batch, cluster: Cluster, slots: int, today: date) -> None:
    """Persons for the first ``slots`` positions of the pattern, with relationships."""
    detainee_slots = [i for i in range(slots) if PATTERN[i] in DETAINEES]
    by_slot: dict[int, Case] = {}
    relatives = 0
    for slot in range(slots):
        category = PATTERN[slot]
        if category in DETAINEES:
            role = SHOWCASE_ROLES.get(slot) if cluster.showcase else None
            case = make_detainee(batch, category, today, role)
            by_slot[slot] = case
            cluster.cases.append(case)
            continue
        of = None
        if category is PC.RELATIVE:
            # The n-th relative belongs to the n-th detainee created so far.
            made = [by_slot[i] for i in detainee_slots if i in by_slot]
            of = made[relatives] if relatives < len(made) else (made[-1] if made else None)
            relatives += 1
        helper = make_helper(batch, category, of)
        cluster.helpers.setdefault(category, []).append(helper)
        if of is not None and helper.kind is not None and of.relative is None:
            of.relative = helper
            batch.add(
                "relationship",
                person_id=of.person["id"],
                related_person_id=helper.person["id"],
                kind=helper.kind,
                is_next_of_kin=True,
                notify=True,
                note=f"{helper.relation.capitalize()}; contact person for the family (demo)",
            )
    lawyers = cluster.helpers.get(PC.LAWYER, [])
    for number, case in enumerate(cluster.cases):
        if lawyers and (case.plan.tried or case.ecthr):
            case.lawyer = lawyers[number % len(lawyers)]
            batch.add(
                "relationship",
                confidentiality=Confidentiality.PARTNER,
                person_id=case.person["id"],
                related_person_id=case.lawyer.person["id"],
                kind=RelationshipKind.LAWYER,
                note="Represents the family before the ECtHR (demo)",
            )


__all__ = ["CLUSTER_SIZE", "Case", "Cluster", "Helper", "make_people"]
