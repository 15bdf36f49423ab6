"""The derivation rules of the legal qualification and the actions requested."""

from __future__ import annotations

from casebook.services.snapshot_legal import (
    AllegedAct,
    Facts,
    Trial,
    actions,
    qualification,
)
from casebook.vocab import (
    Acknowledgment,
    ActType,
    AllegationStatus,
    AssertedStatus,
    Finding,
    Guarantee,
    PersonCategory,
    PersonStatus,
    Recipient,
    TriState,
)


def facts(**values: object) -> Facts:
    base: dict[str, object] = {
        "name": "P-7",
        "category": PersonCategory.POW,
        "status": PersonStatus.DETAINED,
        "detained": True,
        "pow_asserted": False,
    }
    return Facts(**{**base, **values})  # type: ignore[arg-type]


def points(f: Facts) -> dict[tuple[str, str], str]:
    return {(p.instrument, p.provision): p.basis for p in qualification(f)}


TORTURE = AllegedAct(ActType.TORTURE, AllegationStatus.CORROBORATED, "12 Nov 2020")


def test_torture_of_a_prisoner_of_war_engages_gc_iii_cat_and_iccpr() -> None:
    found = points(facts(acts=(TORTURE,)))
    for key in [
        ("Geneva Convention III", "Art. 13"),
        ("Geneva Convention III", "Art. 17"),
        ("Geneva Convention III", "Art. 130"),
        ("Convention against Torture", "Arts. 1-2"),
        ("ICCPR", "Art. 7"),
    ]:
        assert found[key] == "Torture alleged (corroborated, 12 Nov 2020)"
    assert not any(i == "Geneva Convention IV" for i, _ in found)


def test_a_civilian_engages_gc_iv_and_a_relative_no_convention() -> None:
    civilian = points(facts(category=PersonCategory.CIVILIAN_DETAINEE, acts=(TORTURE,)))
    assert ("Geneva Convention IV", "Art. 32") in civilian
    assert not any(i == "Geneva Convention III" for i, _ in civilian)
    other = points(facts(category=PersonCategory.WITNESS, detained=False, acts=(TORTURE,)))
    assert not any(i.startswith("Geneva") for i, _ in other)
    assert ("ICCPR", "Art. 7") in other


def test_pow_status_asserted_by_a_state_counts_as_a_prisoner_of_war() -> None:
    found = points(
        facts(category=PersonCategory.CIVILIAN_DETAINEE, pow_asserted=True, acts=(TORTURE,))
    )
    assert ("Geneva Convention III", "Art. 13") in found


def test_withdrawn_allegations_engage_nothing() -> None:
    withdrawn = AllegedAct(ActType.TORTURE, AllegationStatus.RETRACTED, "12 Nov 2020")
    assert points(facts(acts=(withdrawn,))) == {}


def test_fair_trial_findings_and_the_grave_breach_of_a_fair_trial() -> None:
    trial = Trial(
        "first instance 1(101)-1/2021",
        convicted=True,
        findings=(
            (Guarantee.G01, Finding.VIOLATED),
            (Guarantee.G02, Finding.RESPECTED),
            (Guarantee.G09, Finding.PARTLY),
        ),
        pre_capture_charges=("Criminal Code 279",),
    )
    found = points(facts(trials=(trial,)))
    assert found[("ICCPR", "Art. 14(1)")].startswith("G01 Independent and impartial tribunal")
    assert ("Geneva Convention III", "Art. 84") in found
    assert "partly respected" in found[("Geneva Convention III", "Art. 105")]
    assert ("ICCPR", "Art. 14(1)") in found and ("ICCPR", "Art. 14(3)(f)") in found
    assert found[("Geneva Convention III", "Art. 130")].startswith("convicted after a trial")
    assert found[("Geneva Convention III", "Art. 85")].endswith("Criminal Code 279")
    assert found[("UN WGAD", "Category III")] == "G01 violated (first instance 1(101)-1/2021)"
    civilian = points(facts(category=PersonCategory.CIVILIAN_DETAINEE, trials=(trial,)))
    assert ("Geneva Convention III", "Art. 84") not in civilian
    assert ("Geneva Convention IV", "Art. 147") in civilian


def test_denied_detention_status_labels_and_deaths() -> None:
    found = points(
        facts(
            acknowledgments=((Acknowledgment.DENIED, "detention from 10 Nov 2020"),),
            detaining_labels=(AssertedStatus.TERRORIST,),
            death_in_custody=True,
            died=True,
            remains_returned=TriState.NO,
        )
    )
    for key in [
        ("ICPPED", "Art. 2"),
        ("ICPPED", "Art. 17"),
        ("ICCPR", "Arts. 9, 16"),
        ("Geneva Convention III", "Art. 122"),
        ("Geneva Convention III", "Arts. 4-5"),
        ("ICCPR", "Art. 6"),
        ("Geneva Convention III", "Art. 121"),
        ("Geneva Convention III", "Art. 120"),
        ("UN WGAD", "Category I"),
    ]:
        assert key in found, key


def test_wgad_categories_need_a_detention_and_court_measures_come_from_submissions() -> None:
    disappeared = AllegedAct(ActType.ENFORCED_DISAPPEARANCE, AllegationStatus.ALLEGED, "Nov 2020")
    assert ("UN WGAD", "Category I") in points(facts(acts=(disappeared,)))
    assert ("UN WGAD", "Category I") not in points(facts(acts=(disappeared,), detained=False))
    found = points(
        facts(
            submissions=((Recipient.ECTHR_RULE39, "2020-11-20, decided"),),
            ecthr_applications=("12345/20",),
        )
    )
    assert (
        found[("ECtHR Rules of Court", "Rule 39")]
        == "interim measures requested (2020-11-20, decided)"
    )
    assert found[("European Convention on Human Rights", "Art. 34")] == "application no. 12345/20"


def test_council_of_europe_recipients_get_the_echr_equivalents() -> None:
    found = points(facts(acts=(TORTURE,), recipient=Recipient.ECTHR_RULE39))
    assert ("European Convention on Human Rights", "Art. 3") in found
    assert ("European Convention on Human Rights", "Art. 3") not in points(facts(acts=(TORTURE,)))


def test_points_are_ordered_by_instrument_then_article() -> None:
    order = [(p.instrument, p.provision) for p in qualification(facts(acts=(TORTURE,)))]
    assert order.index(("Geneva Convention III", "Art. 13")) < order.index(
        ("Geneva Convention III", "Art. 130")
    )
    assert order.index(("Geneva Convention III", "Art. 130")) < order.index(("ICCPR", "Art. 7"))


def test_actions_follow_the_recipient_and_the_facts() -> None:
    asks = actions(
        facts(
            recipient=Recipient.WGAD,
            acts=(
                TORTURE,
                AllegedAct(ActType.FORCED_CONFESSION, AllegationStatus.ALLEGED, "May 2021"),
                AllegedAct(ActType.DENIAL_OF_MEDICAL_CARE, AllegationStatus.ALLEGED, "2021"),
            ),
            trials=(Trial("t", True, ((Guarantee.G10, Finding.VIOLATED),)),),
        )
    )
    assert asks[0].startswith("Render an opinion that the deprivation of liberty of P-7")
    text = " ".join(asks)
    for phrase in [
        "Release and repatriate P-7 without delay",
        "CAT Arts. 12-13",
        "CAT Art. 15",
        "Quash the conviction of P-7",
        "Grant the ICRC regular and unimpeded access",  # no ICRC visit recorded
        "adequate medical care",
    ]:
        assert phrase in text, phrase
    released = actions(facts(status=PersonStatus.REPATRIATED, icrc_visit_recorded=True))
    assert released == ()
    missing = actions(facts(status=PersonStatus.MISSING, detained=False))
    assert "Disclose the fate and whereabouts of P-7" in missing[0]
