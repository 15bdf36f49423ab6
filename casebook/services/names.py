"""Names across scripts: a folded search key, script detection and initials.

``fold`` turns a name written in Armenian, Latin (English or Azerbaijani spelling) or
Cyrillic (Russian or Azerbaijani) letters into one ASCII key, so that "Hovhannisyan",
"Hovannisian", "Ованнисян" and "Հովհաննիսյան" all become ``ovanisian``:

1. NFKC (ligatures such as "և" and "ﬓ" are spelled out), casefold.
2. Transliterate Armenian (ու -> u, word-initial ո -> vo, ւ -> v, խ -> kh...), Cyrillic
   (я -> ya, х -> kh, щ -> shch, ь/ъ dropped, Azerbaijani ә ғ ҹ һ ј ө ү ҝ) and the
   Azerbaijani Latin letters (ə -> a, ç -> ch, ş -> sh, ğ -> gh, ı -> i) to Latin.
3. NFKD and drop what is not ASCII (accents, other scripts, emoji).
4. Per word, a skeleton that forgets what transliterations disagree on: dzh and dj
   become j (Russian and French spellings of ջ), the digraphs kh gh zh sh ch ts dz
   become x g j s c c z, every other h goes, y -> i, w -> v,
   q -> g (Azerbaijani "Qriqoryan"), doubled letters collapse, and a word-initial "ie"
   becomes "e" ("Yerevan" / "Ереван"). Repeated until nothing changes, so
   ``fold(fold(x)) == fold(x)``.

Words are separated by white space, dashes and other punctuation; apostrophes inside a
word ("T'adevosyan") are dropped. The result is lower-case ASCII letters and digits,
words joined by single spaces ("" when nothing is left).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from casebook.models.people import PersonName
from casebook.models.places import PlaceName
from casebook.services.records import derive
from casebook.vocab import Script

_ARMENIAN = {
    "ա": "a",
    "բ": "b",
    "գ": "g",
    "դ": "d",
    "ե": "e",
    "զ": "z",
    "է": "e",
    "ը": "e",
    "թ": "t",
    "ժ": "zh",
    "ի": "i",
    "լ": "l",
    "խ": "kh",
    "ծ": "ts",
    "կ": "k",
    "հ": "h",
    "ձ": "dz",
    "ղ": "gh",
    "ճ": "ch",
    "մ": "m",
    "յ": "y",
    "ն": "n",
    "շ": "sh",
    "ո": "o",
    "չ": "ch",
    "պ": "p",
    "ջ": "j",
    "ռ": "r",
    "ս": "s",
    "վ": "v",
    "տ": "t",
    "ր": "r",
    "ց": "ts",
    "ւ": "v",
    "փ": "p",
    "ք": "k",
    "օ": "o",
    "ֆ": "f",
    "և": "ev",
    # Apostrophe, emphasis, exclamation and question marks sit inside Armenian words.
    "՚": "",
    "՛": "",
    "՜": "",
    "՞": "",
    "՟": "",
    # Armenian comma, full stop and hyphen separate words.
    "՝": " ",
    "։": " ",
    "֊": " ",
}

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Azerbaijani Cyrillic (before 1991)
    "ә": "a",
    "ғ": "gh",
    "ҹ": "j",
    "һ": "h",
    "ј": "y",
    "ө": "o",
    "ү": "u",
    "ҝ": "g",
    "ҳ": "h",
    # Ukrainian and Belarusian letters that turn up in Russian-language documents
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ў": "u",
}

_LATIN = {
    # Azerbaijani Latin
    "ə": "a",
    "ç": "ch",
    "ş": "sh",
    "ğ": "gh",
    "ı": "i",
    "ö": "o",
    "ü": "u",
    # Letters NFKD does not take apart
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "þ": "th",
    "ħ": "h",
}

# Apostrophes and accents written as separate characters: dropped inside a word.
_IN_WORD = dict.fromkeys("'`´ʹʻʼʽʾʿˈ‘’‛′", "")
# Separators outside ASCII that NFKD does not turn into a space.
_SEPARATORS = dict.fromkeys(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\u0085"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
    "«»‹›“”„‟…·•",
    " ",
)

_TABLE = str.maketrans({**_ARMENIAN, **_CYRILLIC, **_LATIN, **_IN_WORD, **_SEPARATORS})
_WORD_INITIAL_VO = re.compile(r"(?<!\w)ո")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DIGRAPH = re.compile(r"dzh|dj|kh|gh|zh|sh|ch|ts|dz")
_DIGRAPHS = {
    "dzh": "j",
    "dj": "j",
    "kh": "x",
    "gh": "g",
    "zh": "j",
    "sh": "s",
    "ch": "c",
    "ts": "c",
    "dz": "z",
}
_REPEATED = re.compile(r"([a-z])\1+")
_SKELETON_LETTERS = str.maketrans({"h": None, "y": "i", "w": "v", "q": "g"})


def _digraph(match: re.Match[str]) -> str:
    return _DIGRAPHS[match.group()]


@lru_cache(maxsize=65_536)
def _skeleton(word: str) -> str:
    """One ASCII word reduced until stable (each pass only shortens or normalises)."""
    while True:
        new = _DIGRAPH.sub(_digraph, word).translate(_SKELETON_LETTERS)
        new = _REPEATED.sub(r"\1", new)
        if new.startswith("ie"):
            new = new[1:]
        if new == word:
            return new
        word = new


def romanise(text: str) -> str:
    """``text`` in lower-case ASCII letters, digits and spaces (before the skeleton)."""
    s = unicodedata.normalize("NFKC", text).casefold()
    if "дж" in s:  # Russian spelling of Armenian ջ (Джангирян: Jhangiryan)
        s = s.replace("дж", "j")
    if "ո" in s:
        s = _WORD_INITIAL_VO.sub("vo", s.replace("ու", "u"))
    s = s.translate(_TABLE)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    s = s.replace("'", "").replace("`", "")
    return _NON_ALNUM.sub(" ", s).strip()


def fold(text: str) -> str:
    """The script-independent search key of ``text`` (see the module docstring)."""
    words = romanise(text).split()
    return " ".join(key for key in map(_skeleton, words) if key)


def _script_of(char: str) -> Script | None:
    code = ord(char)
    if 0x0531 <= code <= 0x058F or 0xFB13 <= code <= 0xFB17:
        return Script.ARMN
    if 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0x2DE0 <= code <= 0x2DFF:
        return Script.CYRL
    if (
        code < 0x0250
        or 0x0250 <= code <= 0x02AF
        or 0x1E00 <= code <= 0x1EFF
        or 0xFF21 <= code <= 0xFF5A
        or 0xFB00 <= code <= 0xFB06
    ):
        return Script.LATN
    return None


def detect_script(text: str) -> Script | None:
    """The script most letters of ``text`` are written in (None: no letters, or a tie)."""
    counts = {Script.ARMN: 0, Script.LATN: 0, Script.CYRL: 0}
    for char in text:
        if char.isalpha():
            script = _script_of(char)
            if script is not None:
                counts[script] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    if ranked[0][1] == 0 or ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _initial(part: str) -> str:
    letters = [c for c in part if c.isalpha()]
    if not letters:
        return ""
    first = letters[0].upper()
    # Armenian "ու" is one letter (u) written with two characters.
    if first == "Ո" and len(letters) > 1 and letters[1] in "ւՒ":
        return "Ու"
    return first


def initials(name: str) -> str:
    """ "Armen Petrosyan" -> "A. P."; "Anna-Maria Ter-Petrosyan" -> "A.-M. T.-P."."""
    words = []
    for word in unicodedata.normalize("NFC", name).split():
        parts = [_initial(p) for p in re.split(r"[-‐‑–֊]", word)]
        parts = [p for p in parts if p]
        if parts:
            words.append("-".join(f"{p}." for p in parts))
    return " ".join(words)


@derive(PersonName)
def _person_name_key(obj: PersonName) -> None:
    obj.search_key = fold(obj.full_name or "")


@derive(PlaceName)
def _place_name_key(obj: PlaceName) -> None:
    obj.search_key = fold(obj.name or "")


__all__ = ["detect_script", "fold", "initials", "romanise"]
