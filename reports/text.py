"""Every piece of user text passes through here on its way into a PDF.

ReportLab's Paragraph parses a markup language: raw user text can break a build (``&bogus;``,
an unclosed ``<i>``), write live links (``<a href="javascript:...">``) or embed a local file
(``<img src="/etc/passwd">``). So builders never put a string into a Paragraph themselves:

- :func:`plain` - NFC, line breaks unified, control and invisible format characters removed
  (bidi marks, zero-width characters, lone surrogates). For the outline and the metadata.
- :func:`clean` - :func:`plain`, then every character the shipped font cannot draw replaced
  by something renderable (U+058F dram sign -> "AMD", an emoji -> "[U+1F600]"). For
  anything drawn on a page, also outside Paragraphs (banners, charts, TOC rows).
- :func:`line` - :func:`clean` on a single line, for text drawn straight on the canvas.
- :func:`esc` - :func:`clean`, then XML-escaped, newlines as ``<br/>``: a :class:`Markup`.

:class:`Markup` is markup known to be safe; only the functions of this module make it
(``bold``, ``italic``, ``mono``, ``link``, ``anchor``, ``goto``, ``join``). :func:`para` and
:func:`cell` accept ``Markup`` as is and escape anything else. Links are built in code,
http and https only, with the URL escaped; anchor names are made from integers and fixed
prefixes, never from user text. Long words wrap (``splitLongWords``), so a 5,000-character
word fits a narrow table cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape, unescape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from reports import styles

EMPTY_TEXT = "No information recorded."
LONG_WORD = 160  # characters without a space; longer words get break opportunities
WORD_CHUNK = 48
DASH = "\u2014"

# Characters the font lacks that have a conventional text form, and U+FFFD (the mark of
# text damaged before it reached casebook), which is shown by its code point instead.
# Characters beyond the Basic Multilingual Plane always become "[U+1F600]" placeholders,
# even where DejaVu has a glyph: ReportLab writes their /ToUnicode entries as odd-length
# hex that poppler and pypdf read as the wrong character or not at all.
SUBSTITUTES: dict[int, str] = {
    0x058F: "AMD",  # Armenian dram sign
    0x20BC: "AZN",  # Azerbaijani manat sign
    0xFFFD: "[U+FFFD]",
}


# Unicode format characters (category Cf, Unicode 14): bidi marks and embeddings, zero-width
# characters, the BOM, soft hyphen, tags. Invisible without a shaping engine, so dropped.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_STRIP = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff" + _FORMAT + "]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_ANCHOR_NAME = re.compile(r"^[a-z][a-z0-9-]{0,40}$")


class Markup(str):
    """Paragraph markup that is safe by construction (made only in this module)."""

    __slots__ = ()


def plain(value: object) -> str:
    """NFC text without control or invisible format characters; ``\\n`` for line breaks."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isascii() and text.isprintable():
        return text
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    return _STRIP.sub("", text)


class _Renderable(dict[int, str | int]):
    """``str.translate`` table: a covered character maps to itself, any other to a stand-in."""

    def __missing__(self, cp: int) -> str | int:
        if cp in SUBSTITUTES:
            result: str | int = SUBSTITUTES[cp]
        elif cp == 10 or (cp <= 0xFFFF and cp in styles.covered()):
            result = cp
        else:
            result = f"[U+{cp:04X}]"
        self[cp] = result
        return result


_RENDERABLE = _Renderable()


def clean(value: object) -> str:
    """:func:`plain`, with every character the shipped font cannot draw replaced."""
    text = plain(value)
    if text.isascii():
        return text
    return text.translate(_RENDERABLE)


def line(value: object) -> str:
    """:func:`clean` on one line (whitespace runs, line breaks included, become one space):
    for text drawn straight on the canvas (banners, headers, contents rows, chart labels),
    where a line break would be drawn as a missing glyph."""
    return " ".join(clean(value).split())


def _chunks(match: re.Match[str]) -> str:
    word = match.group(0)
    return " ".join(word[i : i + WORD_CHUNK] for i in range(0, len(word), WORD_CHUNK))


def esc(value: object) -> Markup:
    """User text as Paragraph markup: cleaned, escaped, line breaks as ``<br/>``.

    A "word" longer than ``LONG_WORD`` characters is given a break opportunity every
    ``WORD_CHUNK`` characters: ReportLab splits an over-long word itself, but in time that
    grows with the square of its length (minutes for a 5,000-character word in a cell)."""
    if isinstance(value, Markup):
        return value
    text = clean(value)
    if len(text) > LONG_WORD:
        text = _LONG_WORD.sub(_chunks, text)
    return Markup(escape(text).replace("\n", "<br/>"))


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when cut (outline and TOC titles)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def fitted(value: object, room: float, font: str = styles.SANS, size: float = 8.0) -> str:
    """One line of text at most ``room`` points wide: the longest prefix that fits, with an
    ellipsis when cut (for text drawn straight on the canvas)."""
    text = line(shorten(plain(value), 600))
    if styles.string_width(text, font, size) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if styles.string_width(text[:mid] + "\u2026", font, size) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "\u2026"


def code_lines(value: object, room: float, font: str, size: float) -> Markup:
    """A code such as "ALLEGATION-SINGLE-SOURCE" broken after its hyphens into lines that fit
    ``room`` (ReportLab breaks only at spaces, and would cut the word anywhere)."""
    parts = line(value).split("-")
    lines: list[str] = []
    for index, part in enumerate(parts):
        piece = part + ("-" if index < len(parts) - 1 else "")
        if lines and styles.string_width(lines[-1] + piece, font, size) <= room:
            lines[-1] += piece
        else:
            lines.append(piece)
    return Markup("<br/>".join(escape(piece) for piece in lines))


# --- safe markup builders ---------------------------------------------------------------


def bold(value: object) -> Markup:
    return Markup(f"<b>{esc(value)}</b>")


def italic(value: object) -> Markup:
    return Markup(f"<i>{esc(value)}</i>")


def muted(value: object) -> Markup:
    return Markup(f'<font color="#5F6368">{esc(value)}</font>')


def mono(value: object) -> Markup:
    """Monospaced (for hashes); text the mono face cannot draw stays in the sans face."""
    text = clean(value)
    if not all(ord(ch) in styles.covered_mono() for ch in text if ch != "\n"):
        return esc(text)
    return Markup(f'<font name="{styles.MONO}">{esc(text)}</font>')


def coloured(value: object, hex_colour: str) -> Markup:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", hex_colour):
        raise ValueError(f"not a colour: {hex_colour!r}")
    return Markup(f'<font color="{hex_colour}">{esc(value)}</font>')


def join(parts: Iterable[object], sep: object = " ") -> Markup:
    """Join pieces (escaping plain strings); empty pieces are skipped."""
    items = [esc(part) for part in parts if part is not None and part != ""]
    return Markup(esc(sep).join(items))


def safe_url(url: object) -> str | None:
    """The URL as an ASCII http(s) URI, or None when it is anything else."""
    text = plain(url).strip()
    if not text or any(ch.isspace() or ch in '"<>\\^`{|}' for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(text, safe="%/:=&?~#+!$,;'@()*[]-._")


def link(url: object, label: object = None) -> Markup:
    """A live link for an http(s) URL; any other URL is shown as plain text only."""
    shown = esc(label if label is not None else url)
    href = safe_url(url)
    if href is None:
        return shown
    return Markup(f'<a href="{escape(href, {chr(34): "&quot;"})}" color="#1A4F8B">{shown}</a>')


def anchor(name: str) -> Markup:
    """A link target; names come from code (``note-12``, ``src-3``), never from user text."""
    if not _ANCHOR_NAME.match(name):
        raise ValueError(f"not an anchor name: {name!r}")
    return Markup(f'<a name="{name}"/>')


def goto(name: str, label: object) -> Markup:
    """An internal link to an :func:`anchor`."""
    if not _ANCHOR_NAME.match(name):
        raise ValueError(f"not an anchor name: {name!r}")
    return Markup(f'<a href="#{name}" color="#1A4F8B">{esc(label)}</a>')


def superscript(value: Markup) -> Markup:
    return Markup(f"<super>{value}</super>")


# --- flowables --------------------------------------------------------------------------


_TEMPLATES: dict[int, tuple[ParagraphStyle, Any]] = {}
_PARSED: dict[tuple[str, int], tuple[ParagraphStyle, list[Any]]] = {}
_PARSED_LIMIT = 4096


def _template(style: ParagraphStyle) -> Any:
    """The text fragment ReportLab's parser makes for ``style`` (computed once)."""
    found = _TEMPLATES.get(id(style))
    if found is None or found[0] is not style:
        found = (style, Paragraph("x", style).frags[0])
        _TEMPLATES[id(style)] = found
    return found[1]


def _text_frags(lines: list[str], style: ParagraphStyle) -> list[Any]:
    """Fragments for plain lines of text, made without the parser."""
    template = _template(style)
    frags = []
    for number, piece in enumerate(lines):
        if number:
            frags.append(template.clone(text="", lineBreak=True, link=[], us_lines=[]))
        frags.append(template.clone(text=piece, link=[], us_lines=[]))
    return frags


def _markup_frags(markup: Markup, style: ParagraphStyle) -> list[Any]:
    """Fragments for :class:`Markup`: without the parser when it holds no tag but line
    breaks; else parsed once per (markup, style) and copied for each use."""
    if "<" not in markup.replace("<br/>", ""):
        return _text_frags([unescape(piece) for piece in markup.split("<br/>")], style)
    key = (str(markup), id(style))
    found = _PARSED.get(key)
    if found is None or found[0] is not style:
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.clear()
        found = (style, Paragraph(markup, style).frags)
        _PARSED[key] = found
    return [
        f.clone(link=list(getattr(f, "link", [])), us_lines=list(getattr(f, "us_lines", [])))
        for f in found[1]
    ]


class Para(Paragraph):  # type: ignore[misc]
    """The Paragraph every builder uses.

    - Made from :class:`Markup`, its fragments come from :func:`_markup_frags`: ReportLab's
      markup parser is the costliest step of making a paragraph, and most markup here is
      escaped text, or the same small piece over and over ("no citation").
    - It keeps its line breaking for the last width it was wrapped to: a table wraps every
      cell two or three times at the same width (to size the rows, to split, to draw)."""

    def __init__(
        self,
        text: Any,
        style: ParagraphStyle,
        bulletText: str | None = None,
        frags: list[Any] | None = None,
        caseSensitive: int = 1,
        encoding: str = "utf8",
    ) -> None:
        if frags is None and isinstance(text, Markup):
            frags = _markup_frags(text, style)
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = self.__dict__.get("_wrapped")
        if cached is not None and cached[0] == availWidth:
            _, self.width, self.height, self.blPara, self._wrapWidths = cached
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            self._wrapped = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
        return width, height


def para(content: object, style: ParagraphStyle = styles.BODY) -> Para:
    """A Paragraph of :class:`Markup`, or of plain user text (which never meets the markup
    parser: its fragments are made directly, so nothing in it can be read as markup)."""
    if isinstance(content, Markup):
        return Para(content, style)
    text = clean(content)
    if len(text) > LONG_WORD:
        text = _LONG_WORD.sub(_chunks, text)
    return Para(text, style, frags=_text_frags(text.split("\n"), style))


def cell(
    content: object, style: ParagraphStyle = styles.CELL, width: float | None = None
) -> object:
    """A table cell. Given the column ``width``, short plain text stays a plain string (no
    Paragraph parsing; the table style sets its font); anything else becomes a Paragraph."""
    if content is None or content == "":
        return para(DASH, style)
    if width is not None and not isinstance(content, Markup):
        text = clean(content)
        avail = width - 2 * styles.CELL_PADDING - 1
        if (
            "\n" not in text
            and len(text) < 120
            and styles.string_width(text, style.fontName, style.fontSize) <= avail
        ):
            return text
    return para(content, style)


def empty(text: str = EMPTY_TEXT) -> Para:
    return para(text, styles.EMPTY)
