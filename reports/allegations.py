"""Allegation blocks (status badge, methods, perpetrators, medical consistency, state
response, cited account) and the death record, for the person dossier."""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.platypus import Flowable, Spacer

from casebook.services.dto import AllegationEntry, DeathEntry, InvolvementEntry, MedicalEntry
from casebook.vocab import ActType, AllegationStatus
from reports import styles
from reports.blocks import Badge, caption, day_text, facts, span, subheading
from reports.citations import Citations
from reports.text import Markup, Para, bold, empty, esc, join, muted

# Acts whose documentation expects a medical or forensic evaluation (Istanbul, Minnesota).
HARM = frozenset(
    {
        ActType.TORTURE,
        ActType.ILL_TREATMENT,
        ActType.THREATS,
        ActType.SEXUAL_VIOLENCE,
        ActType.FORCED_CONFESSION,
        ActType.EXTRAJUDICIAL_EXECUTION,
        ActType.DEATH_IN_CUSTODY,
        ActType.DENIAL_OF_MEDICAL_CARE,
        ActType.INHUMAN_CONDITIONS,
    }
)

# What each status means (the corroboration rule), printed next to the badge.
STATUS_MEANING = {
    AllegationStatus.ALLEGED: "at least one source",
    AllegationStatus.CORROBORATED: (
        "two or more sources of distinct origin, one not an interested party"
    ),
    AllegationStatus.VERIFIED: "corroborated, and an authenticated primary item",
    AllegationStatus.DISPUTED: "credible contrary evidence on record",
    AllegationStatus.RETRACTED: "withdrawn; kept for the record",
}


def title(a: AllegationEntry) -> str:
    when = a.start.text() if a.start else ""
    return f"{a.act_type.label} ({a.status.label.lower()})" + (f", {when}" if when else "")


def badge(status: AllegationStatus) -> Badge:
    colour = styles.STATUS_COLOURS.get(status.value, styles.MUTED)
    return Badge(status.label, colour, note=STATUS_MEANING.get(status))


def perpetrator_line(entry: InvolvementEntry) -> Markup:
    who: list[object] = []
    if entry.perpetrator is not None:
        ref = entry.perpetrator
        who.append(join([ref.display, f"({ref.role})" if ref.role else None]))
    if entry.unit:
        who.append(join(["unit:", entry.unit]))
    name = join(who, "; ") if who else muted("unidentified")
    return join([name, Markup(f"\u2014 {esc(entry.degree_label)}")])


def section(a: AllegationEntry, cites: Citations) -> Iterator[Flowable]:
    yield badge(a.status)
    yield Spacer(1, 4)
    perpetrators = (
        Markup("<br/>".join(perpetrator_line(p) for p in a.perpetrators))
        if a.perpetrators
        else None
    )
    response = join([a.state_response_label, a.state_response_note], ": ")
    yield from facts(
        [
            ("Act", join([a.act_type.label, muted(f"({a.act_type.code})")])),
            ("Status", a.status.label),
            ("Date", span(a.start, a.end) or None),
            ("Place", a.place),
            ("Context", a.context),
            ("Methods", a.methods),
            ("Perpetrators", perpetrators),
            ("State response", response),
            ("Legal references", a.legal_references),
            ("Sources", cites.listed(a.notes)),
        ]
    )
    yield from subheading(bold("Account"))
    if a.description:
        yield Para(Markup(f"{esc(a.description)}{cites.refs(a.notes)}"), styles.BODY)
    else:
        yield empty()
    if not a.medical and a.act_type not in HARM:
        return  # a procedural act (denial of counsel...): no medical evaluation to expect
    yield from subheading(bold("Medical evaluation (Istanbul Protocol)"))
    if not a.medical:
        yield empty("No medical evaluation recorded.")
    for m in a.medical:
        yield from medical(m, cites)
    if a.medical:
        yield caption(
            "Istanbul Protocol grades: not consistent, consistent, highly consistent, typical of, "
            "diagnostic of. The absence of physical findings does not rule out torture."
        )


def medical(m: MedicalEntry, cites: Citations) -> list[Flowable]:
    examiner = join(
        [m.examiner, f"({m.examiner_qualification})" if m.examiner_qualification else None]
    )
    return facts(
        [
            ("Examined", day_text(m.examined_on) or None),
            ("Examiner", examiner),
            ("Physical findings", m.physical_findings),
            ("Psychological findings", m.psychological_findings),
            ("Consistency (Istanbul)", m.istanbul_grade_label or "not graded"),
            ("Conclusions", m.conclusions),
            ("Sources", cites.listed(m.notes)),
        ]
    )


def death(d: DeathEntry | None, cites: Citations) -> Iterator[Flowable]:
    if d is None:
        yield empty("No death record.")
        return
    yield from facts(
        [
            ("Date of death", d.day.text() if d.day else None),
            ("Place", d.place),
            ("In custody", d.in_custody_label),
            ("Cause", d.cause),
            ("Manner (Minnesota Protocol)", d.manner_label),
            (
                "Autopsy",
                join([d.autopsy_label, f"by {d.autopsy_by}" if d.autopsy_by else None], ", "),
            ),
            (
                "Remains returned",
                join([d.remains_returned_label, day_text(d.remains_returned_on)], ", "),
            ),
            ("Sources", cites.listed(d.notes)),
        ]
    )
    yield caption(
        "A death in custody gives rise to a presumption of state responsibility "
        "(Minnesota Protocol, 2016)."
    )
