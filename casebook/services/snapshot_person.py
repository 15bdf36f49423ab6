"""The per-person dossier snapshot (:func:`build`), section by section in the WGAD order.

Each DTO field is built from an explicit read of a visible record (see
:mod:`casebook.services.snapshot_read`), every free text goes through the subject's
scrubber, and notes are numbered in reading order: detention (each episode, then its
custody events), proceedings (the proceeding, its hearings, its fair-trial matrix, its
sentences), allegations (each, then its medical evaluations), other medical evaluations,
the death record.

Rules beyond the read:

- a person not named in full loses the details that would identify them anyway: identifiers
  and name forms, the exact birth date (the year is kept), the birth place, the military
  unit, the civilian occupation and the photograph;
- hearing monitors and medical examiners are named only internally (like witnesses);
- relatives are named only internally; perpetrators, officials and lawyers when their own
  record is visible, otherwise by role;
- an allegation whose status is RETRACTED (withdrawn) is left out;
- internal notes (``notes``/``note`` fields) never reach a DTO.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from casebook.errors import DomainError, NotFound
from casebook.services import snapshot_legal as legal
from casebook.services.disclosure import consent_need, shows_witness_identity
from casebook.services.dto import (
    AllegationEntry,
    ChargeEntry,
    ConsentStatement,
    CustodyEventEntry,
    DeathEntry,
    Disclosure,
    EpisodeEntry,
    FuzzyDate,
    HearingEntry,
    IdentifierEntry,
    Identity,
    InvolvementEntry,
    MatrixRow,
    MedicalEntry,
    NameForm,
    PersonDossier,
    ProceedingEntry,
    SentenceEntry,
    SubmissionEntry,
    Summary,
)
from casebook.services.snapshot import (
    Profile,
    Snapshot,
    Subject,
    meta,
    naming_items,
    seal,
    subject,
    withheld_report,
)
from casebook.services.snapshot_annex import Annex, fuzzy
from casebook.services.snapshot_bundle import Bundle, Row, WithheldItem
from casebook.services.snapshot_facts import legal_facts
from casebook.services.snapshot_names import other_person, plain, relative
from casebook.services.snapshot_read import read
from casebook.services.snapshot_text import consent_statements, limitations, methodology
from casebook.vocab import (
    AllegationStatus,
    Audience,
    ConsentScope,
    DatePrecision,
    DossierKind,
    Finding,
    Guarantee,
)


class _Person:
    """One dossier being built: the bundle, the subject, the annex."""

    def __init__(self, bundle: Bundle, row: Row, who: Subject, profile: Profile, today: date):
        self.b = bundle
        self.row = row
        self.who = who
        self.profile = profile
        self.today = today
        self.t = who.scrub
        self.annex = Annex()
        self.internal = profile.audience is Audience.INTERNAL
        self.witnesses = shows_witness_identity(profile.audience)

    def notes(self, claim: Row) -> tuple[int, ...]:
        return self.annex.cite(self.b, claim, self.t)

    # --- identity and summary ----------------------------------------------------------

    def identity(self) -> Identity:
        p, b, full = self.row, self.b, self.who.disclosure is Disclosure.FULL
        names = tuple(
            NameForm(
                text=plain(n.full_name) or "",
                script_label=n.script.label,
                script_code=n.script.code,
                language_label=n.language.label,
                language_code=n.language.code,
                kind_label=n.kind.label,
            )
            for n in b.names.get(p.id, ())
        )
        identifiers = tuple(
            IdentifierEntry(i.scheme.label, plain(i.value) or "", plain(i.issuer))
            for i in b.identifiers.get(p.id, ())
        )
        birth = fuzzy(p.birth_date, p.birth_precision, p.birth_as_reported)
        if not full and birth is not None:
            year = birth.day.replace(month=1, day=1) if birth.day else None
            birth = FuzzyDate(year, DatePrecision.YEAR) if year else None
        return Identity(
            code=self.who.code,
            display_name=self.who.display,
            disclosure=self.who.disclosure,
            names=names if full else (),
            identifiers=identifiers if full else (),
            category_label=p.category.label,
            sex_label=p.sex.label,
            birth=birth,
            birth_place=b.place(p.birth_place_id) if full else None,
            nationality=plain(p.nationality),
            military_rank=self.t(p.military_rank),
            military_unit=self.t(p.military_unit) if full else None,
            armed_force=self.t(p.armed_force),
            civilian_occupation=self.t(p.civilian_occupation) if full else None,
            current_status=p.current_status,
            current_status_label=p.current_status.label,
            status_as_of=p.status_as_of,
            relatives=tuple(
                relative(r.kind, r.related_person_id, self.internal, b.others, b.names)
                for r in b.relationships.get(p.id, ())
            ),
            photo_sha256=self._photo() if full else None,
        )

    def _photo(self) -> str | None:
        photo = self.b.photos.get(self.row.id)
        if photo is None:
            return None
        if self.internal:
            return str(photo.sha256)
        need = consent_need(self.profile.audience, self.profile.recipient)
        for consent in self.b.consents.get(self.row.id, ()):
            allowed = consent.recipients_allowed or []
            recipient_ok = need.recipient is None or not allowed or need.recipient.value in allowed
            valid = consent.is_valid_on(self.today)
            if consent.scope is ConsentScope.PHOTO and valid and recipient_ok:
                return str(photo.sha256)
        return None

    def summary(self) -> Summary:
        p = self.row
        return Summary(self.t(p.summary), bool(p.urgent), self.t(p.urgency_note))

    # --- detention ---------------------------------------------------------------------

    def episodes(self) -> tuple[EpisodeEntry, ...]:
        entries = []
        for ep in self.b.episodes.get(self.row.id, ()):
            notes = self.notes(ep)
            events = tuple(self._event(ev) for ev in self.b.events.get(ep.id, ()))
            ended = ep.end_date is not None or ep.end_as_reported
            entries.append(
                EpisodeEntry(
                    capture=fuzzy(ep.capture_date, ep.capture_precision, ep.capture_as_reported),
                    capture_place=self.b.place(ep.capture_place_id),
                    capturing_force=self.t(ep.capturing_force),
                    circumstances=self.t(ep.circumstances),
                    warrant=self.t(ep.warrant),
                    legal_basis=self.t(ep.legal_basis),
                    acknowledgment_label=ep.acknowledgment.label,
                    acknowledged_on=ep.acknowledged_date,
                    detaining_state_status_label=ep.detaining_state_status.label,
                    home_state_status_label=ep.home_state_status.label,
                    end=fuzzy(ep.end_date, ep.end_precision, ep.end_as_reported) if ended else None,
                    end_reason_label=ep.end_reason.label,
                    events=events,
                    notes=notes,
                )
            )
        return tuple(entries)

    def _event(self, ev: Row) -> CustodyEventEntry:
        return CustodyEventEntry(
            type_label=ev.event_type.label,
            type_code=ev.event_type.value,
            start=fuzzy(ev.start_date, ev.start_precision, ev.start_as_reported),
            end=ev.end_date,
            from_place=self.b.place(ev.from_place_id),
            to_place=self.b.place(ev.to_place_id),
            custodian=self.t(ev.custodian),
            description=self.t(ev.description),
            notes=self.notes(ev),
        )

    # --- proceedings -------------------------------------------------------------------

    def proceedings(self) -> tuple[ProceedingEntry, ...]:
        rows = self.b.proceedings.get(self.row.id, ())
        by_id = {p.id: p for p in rows}
        return tuple(self._proceeding(p, by_id.get(p.parent_id)) for p in rows)

    def _proceeding(self, pr: Row, parent: Row | None) -> ProceedingEntry:
        t, b = self.t, self.b
        notes = self.notes(pr)
        hearings = tuple(self._hearing(h) for h in b.hearings.get(pr.id, ()))
        found = {a.guarantee: a for a in b.assessments.get(pr.id, ())}
        matrix = tuple(
            MatrixRow(g, found[g].finding, t(found[g].rationale), self.notes(found[g]))
            if g in found
            else MatrixRow(g, Finding.NO_INFORMATION, None)
            for g in Guarantee
        )
        sentences = tuple(
            SentenceEntry(
                type_label=s.sentence_type.label,
                term_months=s.term_months,
                start=s.start_date,
                facility=b.place(s.facility_id),
                appeal=t(s.appeal),
                pardon_or_release=t(s.pardon_or_release),
                release=s.release_date,
                notes=self.notes(s),
            )
            for s in b.sentences.get(pr.id, ())
        )
        reviews = None
        if parent is not None:
            number = plain(parent.case_number)
            reviews = f"reviews the {parent.instance.label.lower()} proceeding" + (
                f" {number}" if number else ""
            )
        return ProceedingEntry(
            instance_label=pr.instance.label,
            reviews=reviews,
            court=b.place(pr.court_id),
            case_number=plain(pr.case_number),
            start=fuzzy(pr.start_date, pr.start_precision, pr.start_as_reported),
            end=pr.end_date,
            judges=t(pr.judges),
            prosecutor=t(pr.prosecutor),
            counsel_label=pr.counsel_type.label,
            counsel_name=t(pr.counsel_name),
            trial_language=plain(pr.trial_language),
            interpreter_label=pr.interpreter.label,
            public_access_label=pr.public_access.label,
            icrc_notified_label=pr.icrc_notified.label,
            protecting_power_notified_label=pr.protecting_power_notified.label,
            verdict_summary=t(pr.verdict_summary),
            summary=t(pr.summary),
            charges=tuple(
                ChargeEntry(
                    statute=t(c.statute) or "",
                    article=t(c.article),
                    text_as_charged=t(c.text_as_charged),
                    text_en=t(c.text_en),
                    outcome_label=c.outcome.label,
                    pre_capture_label=c.concerns_pre_capture_conduct.label,
                )
                for c in b.charges.get(pr.id, ())
            ),
            hearings=hearings,
            matrix=matrix,
            sentences=sentences,
            notes=notes,
        )

    def _hearing(self, h: Row) -> HearingEntry:
        t = self.t
        return HearingEntry(
            day=h.hearing_date,
            monitored_by=t(h.monitored_by) if self.witnesses else None,
            monitoring_label=h.monitoring_mode.label,
            public_admitted_label=h.public_admitted.label,
            defendant_present_label=h.defendant_present.label,
            counsel_present_label=h.counsel_present.label,
            interpreter_present_label=h.interpreter_present.label,
            restraints_label=h.restraints.label,
            observed=t(h.observed),
            reported=t(h.reported),
            irregularities=t(h.irregularities),
            next_day=h.next_date,
            notes=self.notes(h),
        )

    # --- allegations, medical, death ---------------------------------------------------

    def live_allegations(self) -> list[Row]:
        rows = self.b.allegations.get(self.row.id, ())
        return [a for a in rows if a.status is not AllegationStatus.RETRACTED]

    def allegations(self) -> tuple[AllegationEntry, ...]:
        b, t = self.b, self.t
        episodes = {e.id: e for e in b.episodes.get(self.row.id, ())}
        procs = {p.id: p for p in b.proceedings.get(self.row.id, ())}
        entries = []
        for a in self.live_allegations():
            notes = self.notes(a)
            context = None
            if a.proceeding_id in procs:
                pr = procs[a.proceeding_id]
                number = plain(pr.case_number)
                context = f"in the {pr.instance.label.lower()} proceeding" + (
                    f" {number}" if number else ""
                )
            elif a.episode_id in episodes:
                ep = episodes[a.episode_id]
                start = fuzzy(ep.capture_date, ep.capture_precision, ep.capture_as_reported)
                context = "during the detention from " + (start.text() if start else "unknown date")
            perpetrators = tuple(
                InvolvementEntry(
                    perpetrator=other_person(
                        inv.perpetrator_id, b.others, b.names, b.other_categories
                    ),
                    unit=t(inv.perpetrator_unit),
                    degree_label=inv.degree.label,
                )
                for inv in b.involvements.get(a.id, ())
            )
            medical = tuple(
                self._medical(ev)
                for ev in b.evaluations.get(self.row.id, ())
                if ev.allegation_id == a.id
            )
            entries.append(
                AllegationEntry(
                    act_type=a.act_type,
                    status=a.status,
                    start=fuzzy(a.start_date, a.start_precision, a.start_as_reported),
                    end=a.end_date,
                    place=b.place(a.place_id),
                    context=context,
                    description=t(a.description),
                    methods=t(a.methods),
                    perpetrators=perpetrators,
                    medical=medical,
                    state_response_label=a.state_response.label,
                    state_response_note=t(a.state_response_note),
                    legal_references=t(a.legal_references),
                    notes=notes,
                )
            )
        return tuple(entries)

    def loose_medical(self) -> tuple[MedicalEntry, ...]:
        shown = {a.id for a in self.live_allegations()}
        return tuple(
            self._medical(ev)
            for ev in self.b.evaluations.get(self.row.id, ())
            if ev.allegation_id not in shown
        )

    def _medical(self, ev: Row) -> MedicalEntry:
        t = self.t
        return MedicalEntry(
            examined_on=ev.examined_on,
            examiner=t(ev.examiner) if self.witnesses else None,
            examiner_qualification=t(ev.examiner_qualification),
            physical_findings=t(ev.physical_findings),
            psychological_findings=t(ev.psychological_findings),
            istanbul_grade_label=ev.istanbul_grade.label if ev.istanbul_grade else None,
            conclusions=t(ev.conclusions),
            notes=self.notes(ev),
        )

    def death(self) -> DeathEntry | None:
        d = self.b.deaths.get(self.row.id)
        if d is None:
            return None
        return DeathEntry(
            day=fuzzy(d.death_date, d.death_precision, d.death_as_reported),
            place=self.b.place(d.place_id),
            in_custody_label=d.in_custody.label,
            cause=self.t(d.cause),
            manner_label=d.manner.label,
            autopsy_label=d.autopsy.label,
            autopsy_by=self.t(d.autopsy_by),
            remains_returned_label=d.remains_returned.label,
            remains_returned_on=d.remains_returned_date,
            notes=self.notes(d),
        )

    # --- advocacy -----------------------------------------------------------------------

    def submissions(self) -> tuple[SubmissionEntry, ...]:
        return tuple(
            SubmissionEntry(
                recipient_label=s.recipient.label,
                procedure=self.t(s.procedure),
                submitted_on=s.submitted_on,
                reference_number=plain(s.reference_number),
                status_label=s.status.label,
                outcome=self.t(s.outcome),
            )
            for s in self.b.submissions.get(self.row.id, ())
        )

    def consent(self) -> tuple[ConsentStatement, ...]:
        return consent_statements(self.b, self.row.id, self.who, self.profile, self.today)


def build(
    session: Session, person_id: int, profile: Profile, today: date
) -> Snapshot[PersonDossier]:
    """The dossier on ``person_id`` for ``profile``, with what it withholds."""
    profile = profile.checked()
    bundle = read(session, [person_id], profile.audience)
    row = bundle.persons.get(person_id)
    if row is None:
        if person_id in bundle.hidden_persons:
            raise DomainError(
                "audience",
                f"the record of P-{person_id} is above what a dossier for "
                f"{profile.audience.label.lower()} may contain",
            )
        raise NotFound("person", person_id)
    who = subject(bundle, row, profile, today)
    doc = _Person(bundle, row, who, profile, today)
    identity = doc.identity()
    episodes, proceedings = doc.episodes(), doc.proceedings()
    allegations, medical, death = doc.allegations(), doc.loose_medical(), doc.death()
    facts = legal_facts(bundle, row, who, profile, doc.live_allegations())
    title = f"Dossier {who.code}" + (f": {who.display}" if who.display != who.code else "")
    dto = PersonDossier(
        meta=meta(
            DossierKind.PERSON,
            profile,
            title,
            bundle.cutoff,
            f"Per-person dossier ({profile.audience.label})",
        ),
        identity=identity,
        summary=doc.summary(),
        episodes=episodes,
        proceedings=proceedings,
        allegations=allegations,
        death=death,
        legal=legal.qualification(facts),
        submissions=doc.submissions(),
        actions_requested=legal.actions(facts),
        sources=doc.annex.sources(),
        notes=tuple(doc.annex.notes),
        consent=doc.consent(),
        methodology=methodology(profile, bundle.cutoff),
        limitations=limitations(profile),
        medical=medical,
    )
    options = {"kind": DossierKind.PERSON.value, "person_id": person_id}
    sealed, sha = seal(dto, profile, options)
    retracted_status = [
        WithheldItem("allegation", a.id, person_id, "left out", "status retracted (withdrawn)")
        for a in bundle.allegations.get(person_id, ())
        if a.status is AllegationStatus.RETRACTED
    ]
    items = [
        *bundle.withheld,
        *doc.annex.withheld,
        *naming_items(bundle, [who], profile.audience),
        *retracted_status,
    ]
    report = withheld_report(profile.audience, [who.naming], items)
    return Snapshot(sealed, report, (person_id,), sha, options)
