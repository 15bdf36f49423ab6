"""How persons are named in an output, and scrubbing names out of free text.

- The person a dossier is about is named per :func:`casebook.services.disclosure.person_disclosure`:
  FULL (every visible name form, identifiers), INITIALS (of the preferred primary name)
  or CODE ("P-12", the casebook id, so staff can trace it and a recipient can refer to it).
- Other persons (perpetrators, officials, lawyers) are named by their preferred visible
  name when their own record is visible to the audience, otherwise by their role;
  relatives are named only in INTERNAL outputs, otherwise by their relationship.
- **Scrubbing.** Free text (descriptions, quotes, titles...) may mention a name the output
  must not show. :class:`Scrubber` replaces, case-insensitively, every name form (and
  every word of four letters or more of it) of each person not named in full,
  each witness whose identity is withheld and each undisclosed place, with a bracketed
  stand-in ("[P-12]", "[A. H.]", "[relative]", "[undisclosed place]"). Up to three more
  letters after a term go with it, so inflected forms (Armenian "Արամը", Russian
  "Ованнисяну") are caught: scrubbing errs on the side of removing too much.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from casebook.services.dto import Disclosure, PersonRef
from casebook.services.snapshot_bundle import Row
from casebook.vocab import NameKind, PersonCategory, RelationshipKind, Script

# C0/C1 control characters other than tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MIN_PART = 4
RELATIVE_KINDS = frozenset(
    {
        RelationshipKind.PARENT,
        RelationshipKind.CHILD,
        RelationshipKind.SPOUSE,
        RelationshipKind.SIBLING,
        RelationshipKind.OTHER_RELATIVE,
        RelationshipKind.OTHER,
    }
)


def plain(value: str | None) -> str | None:
    """NFC, control characters removed, surrounding space stripped; None if empty."""
    if value is None:
        return None
    text = _CONTROL.sub("", unicodedata.normalize("NFC", str(value))).strip()
    return text or None


def code(person_id: int) -> str:
    return f"P-{person_id}"


def preferred(names: Sequence[Row]) -> Row | None:
    """The name an output leads with (its readers read Latin script): a Latin primary, a
    Latin variant, another primary, a Latin alias, any other form; a misspelling last."""

    def rank(row: Row) -> tuple[int, int]:
        latin = row.script is Script.LATN
        order = {
            (NameKind.PRIMARY, True): 0,
            (NameKind.VARIANT, True): 1,
            (NameKind.PRIMARY, False): 2,
            (NameKind.ALIAS, True): 3,
            (NameKind.MISSPELLING, True): 6,
            (NameKind.MISSPELLING, False): 6,
        }
        return order.get((row.kind, latin), 4), row.id

    return min(names, key=rank) if names else None


def initials(name: str) -> str:
    """ "Aram Hovhannisyan" -> "A. H." (hyphenated parts keep their hyphen: "T.-P.")."""
    parts = []
    for word in name.split():
        pieces = [p for p in word.split("-") if p and p[0].isalpha()]
        if pieces:
            parts.append("-".join(f"{p[0].upper()}." for p in pieces))
    return " ".join(parts) or "?"


def other_person(
    person_id: int | None,
    visible: dict[int, Row],
    names: dict[int, list[Row]],
    categories: dict[int, PersonCategory],
    role: str | None = None,
) -> PersonRef | None:
    """A perpetrator, official or lawyer: named when their record is visible, else by role."""
    if person_id is None:
        return None
    category = categories.get(person_id)
    role = role or (category.label.lower() if category is not None else "person")
    best = preferred(names.get(person_id, [])) if person_id in visible else None
    if best is None:
        return PersonRef(f"{role} (identity withheld)", Disclosure.CODE, role)
    return PersonRef(plain(best.full_name) or code(person_id), Disclosure.FULL, role)


def relative(
    kind: RelationshipKind,
    person_id: int,
    internal: bool,
    visible: dict[int, Row],
    names: dict[int, list[Row]],
) -> PersonRef:
    """A relative (or lawyer) of the person, as the audience may see them."""
    role = kind.label.lower()
    if kind in RELATIVE_KINDS and not internal:
        return PersonRef(kind.label, Disclosure.CODE, role)
    best = preferred(names.get(person_id, [])) if person_id in visible else None
    if best is None:
        return PersonRef(kind.label, Disclosure.CODE, role)
    return PersonRef(plain(best.full_name) or kind.label, Disclosure.FULL, role)


def name_terms(names: Iterable[str]) -> list[str]:
    """The name forms to scrub for a person (cleaned, without duplicates)."""
    return sorted({name for name in (plain(raw) for raw in names) if name})


_WORD = re.compile(r"\w+")
SUFFIX = 3


class Scrubber:
    """Replaces withheld names in free text with their stand-ins (see the module doc).

    Matching is by word, so it scales to the tens of thousands of names a thematic report
    withholds: each word of four letters or more of a name (and a one-word name of any
    length) is looked up, also with up to three trailing letters cut (inflections); a name
    form with a shorter word ("Li Na", "Ter-Petrosyan") is also matched as a whole phrase.
    """

    def __init__(
        self, names: Iterable[tuple[str, str]] = (), fallback: Scrubber | None = None
    ) -> None:
        self._words: dict[str, str] = {}
        self._phrases: dict[str, str] = {}
        self._pattern: re.Pattern[str] | None = None
        # Applied after this one (a report-wide scrubber behind a person's own).
        self._fallback = fallback if fallback else None
        self._add(names)

    def _add(self, names: Iterable[tuple[str, str]]) -> None:
        phrases = False
        for raw, stand_in in names:
            name = plain(raw)
            if not name:
                continue
            words = [w.casefold() for w in _WORD.findall(name)]
            if len(words) == 1 and len(words[0]) >= 2:
                self._words.setdefault(words[0], stand_in)
                continue
            for word in words:
                if len(word) >= MIN_PART:
                    self._words.setdefault(word, stand_in)
            if any(len(w) < MIN_PART for w in words):
                self._phrases.setdefault(name.casefold(), stand_in)
                phrases = True
        if phrases:
            alternatives = sorted(self._phrases, key=lambda t: (-len(t), t))
            self._pattern = re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(t) for t in alternatives) + r")(?!\w)",
                re.IGNORECASE,
            )

    def extended(self, names: Iterable[tuple[str, str]]) -> Scrubber:
        """A copy that also scrubs ``names`` (existing stand-ins win)."""
        other = Scrubber(fallback=self._fallback)
        other._words = dict(self._words)
        other._phrases = dict(self._phrases)
        other._pattern = self._pattern
        other._add(names)
        return other

    def _word(self, match: re.Match[str]) -> str:
        word = match.group(0)
        key = word.casefold()
        for cut in range(SUFFIX + 1):
            stem = key[: len(key) - cut] if cut else key
            if cut and len(stem) < MIN_PART:
                break
            stand_in = self._words.get(stem)
            if stand_in is not None:
                return stand_in
        return word

    def __call__(self, value: str | None) -> str | None:
        text = plain(value)
        if text is not None and self._fallback is not None:
            return self._fallback(self._own(text))
        return self._own(text)

    def _own(self, text: str | None) -> str | None:
        if text is None or not (self._words or self._phrases):
            return text
        if self._pattern is not None:
            phrases = self._phrases
            text = self._pattern.sub(
                lambda m: phrases.get(m.group(0).casefold(), "[withheld]"), text
            )
        text = _WORD.sub(self._word, text)
        # "[P-3] [P-3]" (given and family name) reads as one stand-in.
        return _REPEATED.sub(r"\1", text)

    def __bool__(self) -> bool:
        return bool(self._words or self._phrases or self._fallback)


_REPEATED = re.compile(r"(\[[^\]]+\])(?:[\s-]+\1)+")
