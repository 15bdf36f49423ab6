"""Invented DTOs for the PDF builders (no database): one rich mixed-script person, a thematic
report of any size, an audit report. Every person, place and source here is invented.

The benchmark (``tests.benchmarks.bench_reports``) builds its synthetic reports from here too.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from casebook.services.dto import (
    AllegationEntry,
    AuditFindingRow,
    AuditReport,
    AuditRuleSummary,
    CaseRow,
    ChargeEntry,
    CitationNote,
    ConsentStatement,
    Count,
    CustodyEventEntry,
    DeathEntry,
    Disclosure,
    DossierMeta,
    EpisodeEntry,
    Figure,
    FileEntry,
    FuzzyDate,
    HearingEntry,
    IdentifierEntry,
    Identity,
    InvolvementEntry,
    LegalPoint,
    MatrixRow,
    MatrixTotal,
    MedicalEntry,
    MonthCount,
    NameForm,
    PersonDossier,
    PersonRef,
    ProceedingEntry,
    SentenceEntry,
    SourceEntry,
    SubmissionEntry,
    Summary,
    ThematicReport,
    Theme,
    TransliterationRow,
)
from casebook.vocab import (
    ActType,
    AllegationStatus,
    Audience,
    DatePrecision,
    DossierKind,
    Finding,
    Guarantee,
    PersonStatus,
    Recipient,
    Reliability,
    Stance,
)

CUTOFF = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
ARMENIAN = "Արամ Հովհաննիսյան"
LATIN = "Aram Hovhannisyan"
CYRILLIC = "Арам Ованнисян"
AZERBAIJANI = "Əli Həsənov"  # an invented investigator
AZ_PLACE = "İstintaq təcridxanası, Şəki şəhəri, Dağ küçəsi (invented)"
SHA = "9f2c4e1b7a3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6"
SHA2 = "0b7e2d9c4a1f3e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d"


def meta(
    kind: DossierKind = DossierKind.PERSON, audience: Audience = Audience.CONFIDENTIAL
) -> DossierMeta:
    return DossierMeta(
        kind=kind,
        reference="CB-P-7F3A-92C1",
        audience=audience,
        classification="CONFIDENTIAL - for the UN Working Group on Arbitrary Detention only",
        title="Aram Hovhannisyan: arbitrary detention and trial (invented demonstration case)",
        data_cutoff=CUTOFF,
        prepared_by="Documentation Unit, Invented Rights Centre",
        recipient=Recipient.WGAD,
        recipient_name="Secretariat of the WGAD",
        watermark="CONFIDENTIAL - WGAD",
        subject="Per-person dossier",
        keywords=("arbitrary detention", "prisoner of war", "fair trial"),
    )


def sources() -> tuple[SourceEntry, ...]:
    return (
        SourceEntry(
            number=1,
            coded=False,
            type_label="Court document",
            title="Judgment of the invented Military Court, case 1(101)-12/2021",
            author="Invented Military Court",
            publisher=None,
            language="az",
            published=FuzzyDate(date(2021, 7, 2)),
            url="https://example.org/judgments/1-101-12-2021?lang=az&format=pdf",
            archive_urls=("https://web.archive.org/web/2021/https://example.org/judgments/1-101",),
            retrieved_at=datetime(2021, 7, 5, 10, 0, tzinfo=UTC),
            reliability=Reliability.B,
            reliability_rationale="Official court record; authenticity confirmed by counsel.",
            affiliation_label="Detaining state",
            files=(
                FileEntry("Original (evidentiary copy)", SHA, 1_482_113, "application/pdf"),
                FileEntry("Translation", SHA2, 88_020, "application/pdf"),
            ),
        ),
        SourceEntry(number=2, coded=True, type_label="Relative's testimony"),
        SourceEntry(
            number=3,
            coded=False,
            type_label="Video",
            title="Interrogation video posted on a social-media channel",
            language="az",
            published=FuzzyDate(date(2020, 12, 1), DatePrecision.MONTH),
            url="https://video.example.net/watch?v=abc123",
            reliability=Reliability.C,
            affiliation_label="Unknown",
            derived_from_number=None,
            files=(FileEntry("Original (evidentiary copy)", SHA2, 22_540_112, "video/mp4"),),
        ),
        SourceEntry(
            number=4,
            coded=False,
            type_label="Medical report",
            title="Forensic medical evaluation following the Istanbul Protocol",
            author="Invented Forensic Service",
            language="hy",
            published=FuzzyDate(date(2021, 9, 14)),
            reliability=Reliability.A,
        ),
    )


def notes() -> tuple[CitationNote, ...]:
    return (
        CitationNote(1, 1, pinpoint="p. 3", credibility=2, credibility_label="Probably true"),
        CitationNote(2, 2, credibility=3, credibility_label="Possibly true"),
        CitationNote(
            3,
            1,
            pinpoint="p. 12, para. 4",
            credibility=1,
            credibility_label="Confirmed by other sources",
            quote="Müttəhim ifadəsində təqsirini etiraf etdi.",
            quote_language="az",
            translation="The defendant admitted guilt in his statement.",
        ),
        CitationNote(4, 3, pinpoint="00:12:30", credibility=2, credibility_label="Probably true"),
        CitationNote(
            5,
            4,
            pinpoint="section 2",
            credibility=1,
            credibility_label="Confirmed by other sources",
        ),
        CitationNote(
            6,
            1,
            stance=Stance.CONTRADICTS,
            pinpoint="p. 7",
            credibility=4,
            credibility_label="Doubtful",
        ),
        CitationNote(
            7,
            2,
            credibility=2,
            credibility_label="Probably true",
            quote="Մեզ թույլ չտվեցին տեսնել նրան։",
            quote_language="hy",
            translation="We were not allowed to see him.",
        ),
    )


def matrix() -> tuple[MatrixRow, ...]:
    findings = {
        Guarantee.G01: (Finding.VIOLATED, "Military court under executive control.", (3,)),
        Guarantee.G02: (Finding.PARTLY, "Public admitted to the verdict only.", (1,)),
        Guarantee.G03: (Finding.VIOLATED, "Defendant held in a glass box.", (1,)),
        Guarantee.G07: (
            Finding.VIOLATED,
            "Counsel appointed by the state; chosen lawyer refused.",
            (2,),
        ),
        Guarantee.G09: (Finding.RESPECTED, "Interpreter present at all hearings.", (1,)),
        Guarantee.G10: (
            Finding.VIOLATED,
            "Confession filmed after ill-treatment admitted in evidence.",
            (3, 4),
        ),
        Guarantee.G12: (Finding.NOT_APPLICABLE, None, ()),
    }
    rows = []
    for g in Guarantee:
        finding, why, refs = findings.get(g, (Finding.NO_INFORMATION, None, ()))
        rows.append(MatrixRow(g, finding, why, refs))
    return tuple(rows)


def proceeding() -> ProceedingEntry:
    return ProceedingEntry(
        instance_label="First instance",
        reviews=None,
        court="Invented Military Court",
        case_number="1(101)-12/2021",
        start=FuzzyDate(date(2021, 3, 1)),
        end=date(2021, 7, 2),
        judges="Three judges (names on file)",
        prosecutor="Military prosecutor's office",
        counsel_label="State-appointed counsel",
        counsel_name=None,
        trial_language="Azerbaijani",
        interpreter_label="Yes",
        public_access_label="Partly open",
        icrc_notified_label="Unknown",
        protecting_power_notified_label="No",
        verdict_summary="Convicted of illegal border crossing and terrorism; sentenced 2 Jul 2021.",
        summary="Tried with 13 co-defendants in a single proceeding.",
        charges=(
            ChargeEntry("Criminal Code", "214.2.1", "Terrorizm", "Terrorism", "Convicted", "Yes"),
            ChargeEntry(
                "Criminal Code",
                "318.2",
                "Dövlət sərhədini qanunsuz keçmə",
                "Illegal border crossing",
                "Convicted",
                "No",
            ),
        ),
        hearings=(
            HearingEntry(
                day=date(2021, 3, 15),
                monitored_by="Defence counsel",
                monitoring_label="Lawyer's account",
                public_admitted_label="No",
                defendant_present_label="Yes",
                counsel_present_label="Yes",
                interpreter_present_label="Yes",
                restraints_label="Glass box",
                observed="Defendants kept in a glass box throughout.",
                reported="Counsel was told the hearing would be closed for security reasons.",
                irregularities="Counsel could not consult the defendant in private.",
                next_day=date(2021, 4, 2),
                notes=(1,),
            ),
        ),
        matrix=matrix(),
        sentences=(
            SentenceEntry(
                "Imprisonment (term)",
                240,
                date(2021, 7, 2),
                "Invented Prison No. 2",
                "Appeal rejected",
                None,
                None,
                (1,),
            ),
        ),
        notes=(1,),
    )


def allegation() -> AllegationEntry:
    return AllegationEntry(
        act_type=ActType.TORTURE,
        status=AllegationStatus.CORROBORATED,
        start=FuzzyDate(date(2020, 11, 14)),
        end=date(2020, 11, 20),
        place=AZ_PLACE,
        context="during detention from 12 Nov 2020",
        description="Beaten during interrogation to obtain a filmed confession.",
        methods="Beating with batons; stress positions; threats against family.",
        perpetrators=(
            InvolvementEntry(
                PersonRef(AZERBAIJANI, Disclosure.FULL, "investigator"), None, "Carried out"
            ),
            InvolvementEntry(None, "Invented Military Police, 3rd unit", "Present"),
        ),
        medical=(
            MedicalEntry(
                date(2021, 9, 14),
                "Dr. N. Petrosyan",
                "forensic physician",
                "Healed fractures of two ribs.",
                "Symptoms consistent with PTSD.",
                "Highly consistent",
                "Findings support the account.",
                (5,),
            ),
        ),
        state_response_label="Denied",
        state_response_note="Ministry statement of 3 Dec 2020",
        legal_references="CAT Art. 1; GC III Arts. 13, 17",
        notes=(2, 4, 5, 6),
    )


def person_dossier(audience: Audience = Audience.CONFIDENTIAL) -> PersonDossier:
    return PersonDossier(
        meta=meta(audience=audience),
        identity=Identity(
            code="P-1",
            display_name=LATIN,
            disclosure=Disclosure.FULL,
            names=(
                NameForm(ARMENIAN, "Armenian", "Armn", "Armenian", "hy", "Primary"),
                NameForm(
                    LATIN,
                    "Latin",
                    "Latn",
                    "Armenian, Latin transliteration",
                    "hy-Latn",
                    "Variant spelling",
                ),
                NameForm(CYRILLIC, "Cyrillic", "Cyrl", "Russian", "ru", "Variant spelling"),
            ),
            identifiers=(
                IdentifierEntry("Military service number", "AM-4471-0923", "Armed Forces"),
                IdentifierEntry("ECtHR application number", "12345/21", None),
            ),
            category_label="Prisoner of war",
            sex_label="Male",
            birth=FuzzyDate(date(1999, 4, 1), DatePrecision.YEAR),
            birth_place="Invented village, Syunik",
            nationality="Armenian",
            military_rank="Private",
            military_unit="Invented unit 12",
            armed_force="Armed Forces of Armenia",
            civilian_occupation=None,
            current_status=PersonStatus.DETAINED,
            current_status_label="Detained",
            status_as_of=date(2026, 10, 1),
            relatives=(PersonRef("A. H.", Disclosure.INITIALS, "mother"),),
        ),
        summary=Summary(
            "Captured in November 2020, tried with a filmed confession and sentenced to 20 years.",
            True,
            "Held after the end of hostilities; health deteriorating (price 5000 ֏).",
        ),
        episodes=(
            EpisodeEntry(
                capture=FuzzyDate(date(2020, 11, 12)),
                capture_place="Near an invented village, Hadrut region",
                capturing_force="Invented special forces unit",
                circumstances="Captured with two others after the ceasefire.",
                warrant=None,
                legal_basis="None cited",
                acknowledgment_label="Acknowledged by the detaining state",
                acknowledged_on=date(2020, 12, 15),
                detaining_state_status_label="Criminal suspect",
                home_state_status_label="Prisoner of war",
                end=None,
                end_reason_label="Ongoing",
                events=(
                    CustodyEventEntry(
                        "Transfer",
                        "TRANSFER",
                        FuzzyDate(date(2020, 11, 13)),
                        None,
                        "Capture site",
                        AZ_PLACE,
                        "Military police",
                        "Moved blindfolded.",
                        (7,),
                    ),
                    CustodyEventEntry(
                        "ICRC visit",
                        "ICRC_VISIT",
                        FuzzyDate(date(2021, 1, 20)),
                        None,
                        None,
                        AZ_PLACE,
                        None,
                        "First ICRC visit; message to family delivered.",
                        (),
                    ),
                    CustodyEventEntry(
                        "Family contact",
                        "FAMILY_CONTACT",
                        FuzzyDate(date(2021, 2, 1), DatePrecision.MONTH),
                        None,
                        None,
                        None,
                        None,
                        "One phone call of five minutes.",
                        (7,),
                    ),
                ),
                notes=(1, 2),
            ),
        ),
        proceedings=(proceeding(),),
        allegations=(allegation(),),
        death=None,
        legal=(
            LegalPoint(
                "Geneva Convention III", "Art. 118", "Held after the end of active hostilities."
            ),
            LegalPoint(
                "ICCPR", "Art. 14(3)(g)", "Conviction based on a confession obtained under duress."
            ),
            LegalPoint("WGAD", "Category III", "Grave breaches of fair-trial guarantees."),
        ),
        submissions=(
            SubmissionEntry(
                "UN Working Group on Arbitrary Detention",
                "Urgent appeal",
                date(2021, 5, 3),
                "WGAD/UA/2021/17",
                "Acknowledged by recipient",
                None,
            ),
        ),
        actions_requested=(
            "Render an opinion that the detention is arbitrary under categories I, III and V.",
            "Request the immediate release and repatriation of the person.",
        ),
        sources=sources(),
        notes=notes(),
        consent=(
            ConsentStatement(
                "Written consent given by the person's mother (proxy) on 2 Mar 2021 for "
                "confidential submissions to UN bodies.",
                True,
            ),
        ),
        methodology=(
            "Information was collected from interviews with relatives, court documents and open "
            "sources, graded on the Admiralty scale.",
        ),
        limitations=("No access to the place of detention; the court file is incomplete.",),
        medical=(
            MedicalEntry(
                date(2022, 2, 1),
                "Dr. L. Sargsyan",
                "psychiatrist",
                None,
                "Recurrent nightmares after release.",
                "Consistent",
                None,
                (5,),
            ),
        ),
    )


def death_entry() -> DeathEntry:
    return DeathEntry(
        FuzzyDate(date(2021, 1, 3)),
        AZ_PLACE,
        "Yes",
        "Blunt trauma",
        "Homicide",
        "Yes",
        "State forensic service",
        "Yes",
        date(2021, 2, 1),
        (5,),
    )


# --- thematic and audit -----------------------------------------------------------------

FIRST = ("Aram", "Davit", "Gor", "Hayk", "Karen", "Levon", "Narek", "Samvel", "Tigran", "Vahe")
LAST = ("Hovhannisyan", "Petrosyan", "Sargsyan", "Grigoryan", "Mkrtchyan", "Avetisyan")
FIRST_HY = ("Արամ", "Դավիթ", "Գոռ", "Հայկ", "Կարեն", "Լևոն", "Նարեկ", "Սամվել", "Տիգրան", "Վահե")
LAST_HY = ("Հովհաննիսյան", "Պետրոսյան", "Սարգսյան", "Գրիգորյան", "Մկրտչյան", "Ավետիսյան")
FIRST_RU = ("Арам", "Давид", "Гор", "Айк", "Карен", "Левон", "Нарек", "Самвел", "Тигран", "Ваге")
LAST_RU = ("Ованнисян", "Петросян", "Саргсян", "Григорян", "Мкртчян", "Аветисян")


def case_row(i: int) -> CaseRow:
    f, last = i % len(FIRST), (i // len(FIRST)) % len(LAST)
    return CaseRow(
        code=f"P-{i}",
        display_name=f"{FIRST[f]} {LAST[last]}" if i % 7 else f"{FIRST[f][0]}. {LAST[last][0]}.",
        category_label="Prisoner of war" if i % 3 else "Civilian detainee",
        status_label=("Detained", "Repatriated", "Missing", "Deceased")[i % 4],
        capture=FuzzyDate(date(2020, 10 + i % 3, 1 + i % 28)),
        held_at="Invented Prison No. 2" if i % 2 else AZ_PLACE,
        allegations=("Torture (corroborated)", "Forced confession (alleged)")[: 1 + i % 2],
        proceedings="convicted, 20 years" if i % 5 == 0 else None,
        sources=(1 + i % 4, 2 + i % 3),
    )


def thematic_report(persons: int = 25, audience: Audience = Audience.PARTNER) -> ThematicReport:
    m = meta(DossierKind.THEMATIC, audience)
    m = DossierMeta(
        **{
            **m.__dict__,
            "title": "Armenian detainees: thematic report (invented data)",
            "classification": "PARTNER - not for publication",
            "watermark": "PARTNER",
            "reference": "CB-T-11D2-04AA",
        }
    )
    srcs = tuple(
        SourceEntry(
            number=n,
            coded=n % 5 == 0,
            type_label=("NGO report", "Court document", "Video", "Media report")[n % 4],
            title=None if n % 5 == 0 else f"Invented report number {n} on detention conditions",
            language="en",
            published=FuzzyDate(date(2021, 1 + n % 12, 1), DatePrecision.MONTH),
            url=f"https://example.org/reports/{n}",
            reliability=list(Reliability)[n % 6],
            files=(FileEntry("Original (evidentiary copy)", SHA, 10_000 + n, "application/pdf"),),
        )
        for n in range(1, max(4, persons // 4) + 1)
    )
    by_act = tuple(
        (
            act,
            tuple((s, (persons * (i + 1) * (j + 2)) % 17) for j, s in enumerate(AllegationStatus)),
        )
        for i, act in enumerate(list(ActType)[:12])
    )
    return ThematicReport(
        meta=m,
        selection=(
            "Category: Prisoner of war, Civilian detainee",
            "Captured: Sep 2020 \u2013 Dec 2023",
        ),
        key_figures=(
            Figure("Persons in the selection", persons, "all categories selected"),
            Figure("Persons still detained", persons // 4, "current status Detained"),
            Figure(
                "Allegations of torture", persons // 2, "statuses Alleged, Corroborated, Verified"
            ),
            Figure(
                "Proceedings with a violated guarantee",
                persons // 5,
                "findings Violated (any of G01-G15)",
            ),
        ),
        allegations_by_act=by_act,
        persons_by_status=tuple(
            Count(s.label, persons // (i + 2), s.value) for i, s in enumerate(PersonStatus)
        ),
        matrix=tuple(
            MatrixTotal(g, tuple((f, (i * 3 + j * 5) % 11) for j, f in enumerate(Finding)))
            for i, g in enumerate(Guarantee)
        ),
        timeline=tuple(
            MonthCount(date(2020 + (k + 9) // 12, (k + 9) % 12 + 1, 1), (k * 7) % 13, (k * 3) % 5)
            for k in range(30)
        ),
        themes=(
            Theme(
                "detention",
                "Detention status",
                (
                    "Most persons are held as criminal suspects rather than "
                    "prisoners of war, contrary to GC III Art. 4.",
                ),
                (
                    Figure(
                        "Held as criminal suspects",
                        persons // 3,
                        "status asserted by the detaining state",
                    ),
                ),
                tuple(f"P-{i}" for i in range(1, min(persons, 12) + 1)),
                (1, 2),
            ),
            Theme(
                "torture",
                "Torture and ill-treatment",
                ("Allegations rest on testimony and video.",),
                (),
                ("P-1",),
                (3,),
            ),
            Theme(
                "trials",
                "Trials",
                ("Trials before military courts with filmed confessions.",),
                (),
                (),
                (),
            ),
        ),
        state_responses=(
            Count("No response", persons // 2, "NONE"),
            Count("Denied", persons // 3, "DENIED"),
        ),
        cases=tuple(case_row(i) for i in range(1, persons + 1)),
        sources=srcs,
        notes=(
            CitationNote(1, 1, pinpoint="p. 4", credibility=2),
            CitationNote(2, 2, credibility=3),
            CitationNote(3, 3, pinpoint="00:01:10", credibility=2),
        ),
        transliteration=tuple(
            TransliterationRow(
                f"P-{i}",
                f"{FIRST_HY[i % 10]} {LAST_HY[(i // 10) % 6]}",
                f"{FIRST[i % 10]} {LAST[(i // 10) % 6]}",
                f"{FIRST_RU[i % 10]} {LAST_RU[(i // 10) % 6]}",
            )
            for i in range(1, persons + 1)
            if i % 7
        ),
        methodology=("Figures count records as they stood at the data cut-off.",),
        limitations=("Access to places of detention was not possible.",),
    )


def audit_report() -> AuditReport:
    rows = (
        AuditFindingRow(
            "CLAIM-UNCITED",
            "error",
            "allegation 12",
            "P-3",
            ARMENIAN,
            "The allegation has no citation.",
            "Cite a source for the allegation.",
        ),
        AuditFindingRow(
            "SOURCE-UNGRADED",
            "warning",
            "source 7",
            None,
            None,
            "Source S-7 has no reliability grade.",
            "Grade the source on the Admiralty scale.",
        ),
        AuditFindingRow(
            "ALLEGATION-SINGLE-SOURCE",
            "warning",
            "allegation 14",
            "P-3",
            ARMENIAN,
            "Only one source supports the allegation.",
            "Look for a corroborating source.",
        ),
    )
    m = meta(DossierKind.AUDIT, Audience.INTERNAL)
    m = DossierMeta(
        **{
            **m.__dict__,
            "title": "Citation audit",
            "classification": "INTERNAL - do not distribute",
            "watermark": "INTERNAL",
            "reference": "CB-A-0001",
        }
    )
    return AuditReport(
        meta=m,
        scope=("All persons", "Profile: PUBLIC"),
        totals=(
            Count("Errors", 1, "error"),
            Count("Warnings", 2, "warning"),
            Count("Notes", 0, "note"),
        ),
        rules=(
            AuditRuleSummary(
                "CLAIM-UNCITED", "error", "Claim without citation", 1, "Cite a source."
            ),
            AuditRuleSummary("SOURCE-UNGRADED", "warning", "Ungraded source", 1, "Grade it."),
            AuditRuleSummary(
                "ALLEGATION-SINGLE-SOURCE", "warning", "Single-source allegation", 1, "Corroborate."
            ),
            AuditRuleSummary(
                "NAMES-ONE-SCRIPT", "note", "Names in only one script", 0, "Add name forms."
            ),
        ),
        by_rule=(
            ("CLAIM-UNCITED", rows[:1]),
            ("SOURCE-UNGRADED", rows[1:2]),
            ("ALLEGATION-SINGLE-SOURCE", rows[2:]),
        ),
        by_person=((f"P-3 {ARMENIAN}", (rows[0], rows[2])), ("No person", rows[1:2])),
    )


def rich_person_dossier() -> PersonDossier:
    """A person with a long record (the per-person latency benchmark): two detention
    episodes of twelve custody events, a trial and its appeal with six hearings each, six
    allegations with medical evaluations, thirty sources and sixty notes."""
    base = person_dossier()
    note_count, source_count = 60, 30
    all_sources = tuple(
        dataclasses.replace(
            base.sources[n % 4], number=n + 1, coded=False, title=f"Invented source {n + 1}"
        )
        if n % 7
        else SourceEntry(number=n + 1, coded=True, type_label="Witness testimony")
        for n in range(source_count)
    )
    all_notes = tuple(
        dataclasses.replace(base.notes[n % 7], number=n + 1, source_number=n % source_count + 1)
        for n in range(note_count)
    )
    episode = base.episodes[0]
    events = tuple(
        dataclasses.replace(episode.events[i % 3], notes=((i * 3) % note_count + 1,))
        for i in range(12)
    )
    hearing = base.proceedings[0].hearings[0]
    trial = dataclasses.replace(base.proceedings[0], hearings=(hearing,) * 6)
    appeal = dataclasses.replace(trial, instance_label="Appeal", reviews="appeal of 1(101)-12/2021")
    allegations = tuple(
        dataclasses.replace(base.allegations[0], act_type=act, notes=(i + 1, i + 11, i + 21))
        for i, act in enumerate(list(ActType)[:6])
    )
    return dataclasses.replace(
        base,
        episodes=(dataclasses.replace(episode, events=events),) * 2,
        proceedings=(trial, appeal),
        allegations=allegations,
        submissions=base.submissions * 5,
        legal=base.legal * 2,
        sources=all_sources,
        notes=all_notes,
        methodology=base.methodology * 3,
    )
