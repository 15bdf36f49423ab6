"""Folded search keys, script detection and initials (casebook.services.names)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.models.people import PersonName
from casebook.models.places import PlaceName
from casebook.services import names
from casebook.services.names import detect_script, fold, initials
from casebook.services.records import _derive
from casebook.vocab import Script

SAME = [
    ("Hovhannisyan", "Ованнисян", "Հովհաննիսյան", "Hovannisian", "HOVHANNISYAN"),
    ("Petrosyan", "Петросян", "Պետրոսյան", "Petrossian", "PETROSYAN"),
    ("Khachatryan", "Хачатрян", "Խաչատրյան", "Xaçatryan"),
    ("Grigoryan", "Григорян", "Գրիգորյան", "Qriqoryan"),
    ("Sargsyan", "Саргсян", "Սարգսյան", "Sargsian"),
    ("Harutyunyan", "Арутюнян", "Հարությունյան"),
    ("Mkrtchyan", "Мкртчян", "Մկրտչյան"),
    ("Voskanyan", "Восканян", "Ոսկանյան"),
    ("Yeghiazaryan", "Егиазарян", "Եղիազարյան"),
    ("Tadevosyan", "T'adevosyan", "Թադևոսյան", "Тадевосян"),
    ("Yerevan", "Ереван", "Երևան"),
    ("Shushi", "Шуши", "Շուշի"),
    ("Ter-Petrosyan", "Тер-Петросян", "Տեր-Պետրոսյան", "Ter Petrosyan"),
    ("Jhangiryan", "Джангирян", "Ջհանգիրյան", "Djangirian", "Dzhangiryan"),
    ("Ghazaryan", "Ղազարյան", "Gazaryan"),
]


@pytest.mark.parametrize("spellings", SAME, ids=[group[0] for group in SAME])
def test_spellings_in_every_script_share_one_key(spellings: tuple[str, ...]) -> None:
    keys = {fold(spelling) for spelling in spellings}
    assert len(keys) == 1, keys
    assert keys.pop()


def test_full_names_fold_word_by_word() -> None:
    assert fold("Armen Petrosyan") == fold("Армен Петросян") == fold("Արմեն Պետրոսյան")
    assert fold("  Armen   PETROSYAN ") == "armen petrosian"
    assert fold("Петросян Армен Гагикович").split()[0] == fold("Petrosyan")
    assert fold("Khachatryan, Vagif") == "xacatrian vagif"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Petrosyan", "Grigoryan"),
        ("Петросян", "Григорян"),
        ("Sargsyan", "Sargisyan"),
        ("Aram", "Armen"),
        ("Hayk", "Hakob"),
        ("Baku pre-trial facility No. 1", "Baku pre-trial facility No. 11"),
    ],
)
def test_different_names_stay_different(one: str, other: str) -> None:
    assert fold(one) != fold(other)


def test_azerbaijani_letters() -> None:
    assert fold("Şuşa") == fold("Shusha") == fold("Шуша")
    assert fold("Ağdam") == fold("Aghdam") == fold("Агдам")
    assert fold("Bakı") == fold("Baki")
    assert fold("Xankəndi") == fold("Khankandi")
    assert fold("Gəncə") == "ganca"
    assert fold("Һаҹыјев") == fold("hajiyev")


def test_ligature_and_case() -> None:
    assert fold("ԵՐԵՎԱՆ") == fold("Երևան") == fold("Yerevan")
    assert fold("Սևակ") == fold("Sevak")


def test_punctuation_and_symbols_are_dropped() -> None:
    assert fold("<img src='/etc/passwd'> & Sons 🙂") == "img src etc pasvd sons"
    assert fold("") == ""
    assert fold("🙂 \x00 \x07 ---") == ""
    assert fold("A\u2014B\u00a0C\u2028D") == "a b c d"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_never_raises_and_is_ascii_and_stable(text: str) -> None:
    key = fold(text)
    assert key.isascii()
    assert key == key.strip()
    assert "  " not in key
    assert fold(key) == key


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=40).map(lambda s: (s * (10_000 // len(s) + 1))[:10_000]))
def test_fold_handles_10000_character_text(text: str) -> None:
    assert len(text) == 10_000
    key = fold(text)
    assert key.isascii()
    assert fold(key) == key


def test_long_and_hostile_strings() -> None:
    long_name = "Հովհաննիսյան " * 800 + "\x00\x1b[31m" + "🙂" * 500
    key = fold(long_name)
    assert set(key.split()) == {"ovanisian", "31m"}
    assert fold("x" * 10_000) == "x"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Արամ Հովհաննիսյան", Script.ARMN),
        ("Արամ Հ.", Script.ARMN),
        ("Aram Hovhannisyan", Script.LATN),
        ("Xaçatryan Vaqif", Script.LATN),
        ("Арам Ованнисян", Script.CYRL),
        ("Һаҹыјев", Script.CYRL),
        ("Aram Ованнисян", Script.CYRL),
        ("<img src='/etc/passwd'> & Sons 🙂", Script.LATN),
        ("12345 🙂", None),
        ("ab вг", None),
        ("", None),
    ],
)
def test_detect_script(text: str, script: Script | None) -> None:
    assert detect_script(text) is script


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Armen Petrosyan", "A. P."),
        ("armen  petrosyan", "A. P."),
        ("Армен Гагикович Петросян", "А. Г. П."),
        ("Արմեն Պետրոսյան", "Ա. Պ."),
        ("Ուրիկ Սարգսյան", "Ու. Ս."),
        ("Anna-Maria Ter-Petrosyan", "A.-M. T.-P."),
        ("", ""),
        ("🙂", ""),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_search_keys_are_derived_for_person_and_place_names() -> None:
    person_name = PersonName(full_name="Արամ Հովհաննիսյան")
    place_name = PlaceName(name="Шуши")
    _derive(person_name)
    _derive(place_name)
    assert person_name.search_key == fold("Aram Hovhannisian") == "aram ovanisian"
    assert place_name.search_key == "susi"
    assert names.__all__ == ["detect_script", "fold", "initials", "romanise"]
