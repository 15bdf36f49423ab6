"""Fonts, colours, paragraph styles, page geometry: the only place sizes and colours live.

One font family, DejaVu Sans (shipped in ``reports/fonts``), covers Latin including the
Azerbaijani letters, Cyrillic and Armenian; DejaVu Sans Mono sets hashes. The fonts are
registered once per process (:func:`register_fonts`, called by every builder) together with
a font family, so ``<b>`` and ``<i>`` select the real bold and oblique faces.
:func:`covered` is the set of characters every face of the family can draw: ``reports.text``
replaces anything else before it reaches a page.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"

SANS = "CasebookSans"
SANS_BOLD = "CasebookSans-Bold"
SANS_ITALIC = "CasebookSans-Oblique"
SANS_BOLD_ITALIC = "CasebookSans-BoldOblique"
MONO = "CasebookMono"

_FACES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    MONO: "DejaVuSansMono.ttf",
}
SANS_FACES = (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC)

_lock = threading.Lock()
_registered: list[bool] = []


def register_fonts() -> None:
    """Register the shipped fonts and their families (idempotent, thread-safe)."""
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FACES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        pdfmetrics.registerFontFamily(
            SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD_ITALIC
        )
        pdfmetrics.registerFontFamily(MONO, normal=MONO, bold=MONO, italic=MONO, boldItalic=MONO)
        # Streams are Flate-compressed only: ASCII85 on top makes files a quarter larger and
        # costs time, for 7-bit safety no one needs. (A process-wide ReportLab setting; only
        # the builders in reports/ use ReportLab.)
        rl_config.useA85 = 0
        _registered.append(True)


@cache
def covered() -> frozenset[int]:
    """Code points that every face of the sans family maps to a real glyph."""
    register_fonts()
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in SANS_FACES]
    return frozenset(set.intersection(*maps) - {0})


@cache
def covered_mono() -> frozenset[int]:
    """Code points the mono face (hashes) can draw; other text stays in the sans face."""
    register_fonts()
    return frozenset(set(pdfmetrics.getFont(MONO).face.charToGlyph) - {0})


def string_width(text: str, font: str = SANS, size: float = 9) -> float:
    register_fonts()
    return float(pdfmetrics.stringWidth(text, font, size))


# --- page geometry ---------------------------------------------------------------------

PAGE_SIZE = A4
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 27 * mm  # banner + running header above the frame
MARGIN_BOTTOM = 24 * mm  # page number + banner below the frame
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
BANNER_HEIGHT = 6 * mm
BANNER_TOP_GAP = 9 * mm  # from the top edge to the top of the upper banner
BANNER_BOTTOM = 7 * mm  # from the bottom edge to the lower banner
BANNER_FONT_SIZE = 8
HEADER_FONT_SIZE = 7.5
WATERMARK_FONT_SIZE = 54
TOC_ROW_HEIGHT = 15
SECTION_ROOM = 40 * mm  # a section heading starts a new page with less room than this
MINOR_ROOM = 24 * mm  # a minor heading (Charges, Notes...) and the first lines under it
SUBSECTION_ROOM = 55 * mm  # a proceeding or allegation: its heading, badge and first facts

# --- colours ---------------------------------------------------------------------------

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5F6368")
ACCENT = colors.HexColor("#1F3A5F")
RULE = colors.HexColor("#B8C2CC")
GRID = colors.HexColor("#C9D1D9")
HEADER_FILL = colors.HexColor("#E8EDF3")
ZEBRA = colors.HexColor("#F6F8FA")
URGENT_FILL = colors.HexColor("#FDECEA")
URGENT_INK = colors.HexColor("#8E1B10")
NOTE_FILL = colors.HexColor("#F3F6F9")
LINK = colors.HexColor("#1A4F8B")
WATERMARK = colors.HexColor("#E6EAEE")  # drawn under the content, so opaque and light


def hex_of(colour: colors.Color) -> str:
    """ "#RRGGBB" for a colour (for ``<font color=...>`` in Paragraph markup)."""
    return "#" + str(colour.hexval())[2:].upper()


BANNER_COLOURS = {  # by Audience value
    "INTERNAL": colors.HexColor("#5B1A3C"),
    "CONFIDENTIAL": colors.HexColor("#A61B1B"),
    "PARTNER": colors.HexColor("#B85C00"),
    "PUBLIC": colors.HexColor("#2E6B30"),
}
STATUS_COLOURS = {  # by AllegationStatus value
    "ALLEGED": colors.HexColor("#9A5B00"),
    "CORROBORATED": colors.HexColor("#1F5FA8"),
    "VERIFIED": colors.HexColor("#276B2B"),
    "DISPUTED": colors.HexColor("#6A1B9A"),
    "RETRACTED": colors.HexColor("#6B7280"),
}
FINDING_COLOURS = {  # by Finding value: (fill, ink)
    "RESPECTED": (colors.HexColor("#DCEFD9"), colors.HexColor("#1E5B22")),
    "PARTLY": (colors.HexColor("#FCEBC7"), colors.HexColor("#7A4B00")),
    "VIOLATED": (colors.HexColor("#F8D3CF"), colors.HexColor("#8E1B10")),
    "NO_INFORMATION": (colors.HexColor("#ECEFF1"), colors.HexColor("#4B5563")),
    "NOT_APPLICABLE": (colors.HexColor("#FFFFFF"), colors.HexColor("#6B7280")),
}
SEVERITY_COLOURS = {
    "error": colors.HexColor("#A61B1B"),
    "warning": colors.HexColor("#9A5B00"),
    "note": colors.HexColor("#1F5FA8"),
}
CHART_SERIES = (
    colors.HexColor("#9A5B00"),
    colors.HexColor("#1F5FA8"),
    colors.HexColor("#276B2B"),
    colors.HexColor("#6A1B9A"),
    colors.HexColor("#9AA5B1"),
    colors.HexColor("#A61B1B"),
    colors.HexColor("#00838F"),
)

# --- paragraph styles (created once) ----------------------------------------------------

BODY_SIZE = 9.5
TABLE_SIZE = 8.3
SMALL_SIZE = 7.5
CELL_PADDING = 3  # left and right
CELL_TOP = 2.5
CELL_BOTTOM = 3.0

_base = ParagraphStyle(
    "casebook-body",
    fontName=SANS,
    bulletFontName=SANS,
    fontSize=BODY_SIZE,
    leading=13.2,
    textColor=INK,
    spaceAfter=5,
    alignment=TA_LEFT,
    splitLongWords=1,
    allowOrphans=0,
    allowWidows=0,
)
BODY = _base
BODY_TIGHT = _base.clone("casebook-body-tight", spaceAfter=1.5)
SMALL = _base.clone(
    "casebook-small", fontSize=SMALL_SIZE, leading=9.6, spaceAfter=2, textColor=MUTED
)
NOTE = _base.clone(
    "casebook-note", fontSize=8, leading=10.4, spaceAfter=2.5, leftIndent=16, firstLineIndent=-16
)
ANNEX = _base.clone(
    "casebook-annex",
    fontSize=TABLE_SIZE,
    leading=10.6,
    leftIndent=40,
    bulletIndent=0,
    bulletFontName=SANS_BOLD,
    bulletFontSize=TABLE_SIZE,
    spaceBefore=2,
    spaceAfter=6,
)
ANNEX_FIRST = ANNEX.clone("casebook-annex-first", spaceAfter=0)
ANNEX_NEXT = ANNEX.clone("casebook-annex-next", spaceBefore=0, spaceAfter=0)
ANNEX_LAST = ANNEX.clone("casebook-annex-last", spaceBefore=0)
CELL = _base.clone("casebook-cell", fontSize=TABLE_SIZE, leading=10.4, spaceAfter=0)
CELL_BOLD = CELL.clone("casebook-cell-bold", fontName=SANS_BOLD)
CELL_HEAD = CELL.clone("casebook-cell-head", fontName=SANS_BOLD, textColor=ACCENT)
CELL_HEAD_SMALL = CELL_HEAD.clone("casebook-cell-head-small", fontSize=7.2, leading=9)
COMPACT = CELL.clone("casebook-compact", fontSize=7.5, leading=9.2)
COMPACT_BOLD = COMPACT.clone("casebook-compact-bold", fontName=SANS_BOLD)
CELL_LABEL = CELL.clone("casebook-cell-label", fontName=SANS_BOLD, textColor=MUTED)
CELL_MISSING = CELL.clone("casebook-cell-missing", fontName=SANS_ITALIC, textColor=MUTED)
CELL_RIGHT = CELL.clone("casebook-cell-right", alignment=TA_RIGHT)
CELL_MONO = CELL.clone("casebook-cell-mono", fontName=MONO, fontSize=7, leading=9)
NAME = _base.clone("casebook-name", fontSize=12, leading=16, spaceAfter=0)
H1 = _base.clone(
    "casebook-h1",
    fontName=SANS_BOLD,
    fontSize=14.5,
    leading=18,
    textColor=ACCENT,
    spaceBefore=14,
    spaceAfter=7,
)
H2 = _base.clone(
    "casebook-h2",
    fontName=SANS_BOLD,
    fontSize=11.3,
    leading=14.5,
    textColor=ACCENT,
    spaceBefore=10,
    spaceAfter=4,
)
H3 = _base.clone(
    "casebook-h3",
    fontName=SANS_BOLD,
    fontSize=9.6,
    leading=12.5,
    textColor=INK,
    spaceBefore=7,
    spaceAfter=3,
)
EMPTY = _base.clone("casebook-empty", fontName=SANS_ITALIC, textColor=MUTED)
COVER_KIND = _base.clone(
    "casebook-cover-kind", fontSize=11, leading=14, textColor=MUTED, spaceAfter=4
)
COVER_TITLE = _base.clone(
    "casebook-cover-title",
    fontName=SANS_BOLD,
    fontSize=21,
    leading=26,
    textColor=ACCENT,
    spaceAfter=10,
)
COVER_NAME = _base.clone("casebook-cover-name", fontSize=14, leading=19, spaceAfter=3)
URGENT = _base.clone("casebook-urgent", fontName=SANS_BOLD, textColor=URGENT_INK, spaceAfter=2)
CENTER_SMALL = SMALL.clone("casebook-center-small", alignment=TA_CENTER)
TOC_TITLE = SANS
TOC_TITLE_BOLD = SANS_BOLD
TOC_SIZE = 9.2
