"""What every page carries: classification banners, watermark, running header, page X of Y.

- A classification banner (``meta.classification``) at the top and the bottom of every
  page, coloured by audience.
- A diagonal watermark on every page unless the audience is PUBLIC (``meta.watermark``, or
  the audience when the DTO gives none). It is one form XObject drawn under the content.
- A running header: the dossier reference and the section the page belongs to; a footer
  with the data cut-off, the preparer and "Page X of Y".
- "of Y" is a form XObject referenced on every page and defined when the document is saved
  (:meth:`Furniture.define_forms`), so page totals need no second layout pass.

Everything drawn here is cleaned by ``reports.text.clean`` (the canvas does not parse markup,
but the font must still have every glyph) and shrunk or shortened to fit.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import white
from reportlab.pdfgen.canvas import Canvas

from casebook.services.dto import MONTHS, DossierMeta
from casebook.vocab import Audience
from reports import styles
from reports.text import fitted, line, shorten
from reports.toc import Book

TOTAL_FORM = "pagetotal"
WATERMARK_FORM = "watermark"
TOTAL_WIDTH = 30.0


def cutoff_text(meta: DossierMeta) -> str:
    d = meta.data_cutoff
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}, {d:%H:%M}"


def fit(text: str, font: str, size: float, room: float, smallest: float = 5.0) -> tuple[str, float]:
    """Shrink ``text`` to fit ``room`` down to ``smallest`` points, then shorten it."""
    text = shorten(text, 400)
    width = styles.string_width(text, font, size)
    if width <= room:
        return text, size
    scaled = max(smallest, size * room / width)
    return fitted(text, room, font, scaled), scaled


@dataclass
class Furniture:
    meta: DossierMeta
    book: Book

    @property
    def watermarked(self) -> bool:
        return self.meta.audience is not Audience.PUBLIC

    def banner_colour(self) -> object:
        return styles.BANNER_COLOURS.get(self.meta.audience.value, styles.ACCENT)

    # --- per page ----------------------------------------------------------------------

    def page_begin(self, canv: Canvas) -> None:
        self.book.begin_page(canv.getPageNumber())
        if self.watermarked:
            canv.saveState()
            canv.doForm(WATERMARK_FORM)
            canv.restoreState()

    def page_end(self, canv: Canvas, page: int, cover: bool) -> None:
        canv.saveState()
        width = styles.PAGE_WIDTH - styles.MARGIN_LEFT - styles.MARGIN_RIGHT
        top = styles.PAGE_HEIGHT - styles.BANNER_TOP_GAP
        self._banner(canv, top - styles.BANNER_HEIGHT, width)
        self._banner(canv, styles.BANNER_BOTTOM, width)
        if not cover:
            self._header(canv, top - styles.BANNER_HEIGHT - 9, width)
        self._footer(canv, page, styles.BANNER_BOTTOM + styles.BANNER_HEIGHT + 5, width)
        canv.restoreState()

    def _banner(self, canv: Canvas, y: float, width: float) -> None:
        canv.setFillColor(self.banner_colour())
        canv.rect(styles.MARGIN_LEFT, y, width, styles.BANNER_HEIGHT, stroke=0, fill=1)
        text, size = fit(
            line(self.meta.classification.upper()) or self.meta.audience.value,
            styles.SANS_BOLD,
            styles.BANNER_FONT_SIZE,
            width - 12,
        )
        canv.setFillColor(white)
        canv.setFont(styles.SANS_BOLD, size)
        canv.drawCentredString(
            styles.MARGIN_LEFT + width / 2, y + (styles.BANNER_HEIGHT - size * 0.72) / 2, text
        )

    def _header(self, canv: Canvas, y: float, width: float) -> None:
        size = styles.HEADER_FONT_SIZE
        left = f"Dossier {line(self.meta.reference)}"
        canv.setFont(styles.SANS_BOLD, size)
        canv.setFillColor(styles.ACCENT)
        left, left_size = fit(left, styles.SANS_BOLD, size, width * 0.45)
        canv.setFont(styles.SANS_BOLD, left_size)
        canv.drawString(styles.MARGIN_LEFT, y, left)
        section = self.book.running_title(canv.getPageNumber())
        if section:
            right, right_size = fit(line(section), styles.SANS, size, width * 0.52)
            canv.setFont(styles.SANS, right_size)
            canv.setFillColor(styles.MUTED)
            canv.drawRightString(styles.MARGIN_LEFT + width, y, right)
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        canv.line(styles.MARGIN_LEFT, y - 4, styles.MARGIN_LEFT + width, y - 4)

    def _footer(self, canv: Canvas, page: int, y: float, width: float) -> None:
        size = styles.HEADER_FONT_SIZE
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        canv.line(styles.MARGIN_LEFT, y + size + 4, styles.MARGIN_LEFT + width, y + size + 4)
        prefix = f"Page {page} of "
        prefix_width = styles.string_width(prefix, styles.SANS, size)
        right = styles.MARGIN_LEFT + width
        x = right - TOTAL_WIDTH * size / 9 - prefix_width
        canv.setFont(styles.SANS, size)
        canv.setFillColor(styles.INK)
        canv.drawString(x, y, prefix)
        canv.saveState()
        canv.translate(x + prefix_width, y)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()
        preparer = line(self.meta.prepared_by)
        left = f"Data cut-off {cutoff_text(self.meta)}  \u00b7  Prepared by {preparer}"
        text, text_size = fit(shorten(left, 300), styles.SANS, size, x - styles.MARGIN_LEFT - 12)
        canv.setFont(styles.SANS, text_size)
        canv.setFillColor(styles.MUTED)
        canv.drawString(styles.MARGIN_LEFT, y, text)

    # --- at save -------------------------------------------------------------------------

    def define_forms(self, canv: Canvas, pages: int) -> None:
        size = styles.HEADER_FONT_SIZE
        canv.beginForm(TOTAL_FORM, 0, -3, TOTAL_WIDTH, size + 2)
        canv.setFont(styles.SANS, size)
        canv.setFillColor(styles.INK)
        canv.drawString(0, 0, str(pages))
        canv.endForm()
        if self.watermarked:
            self._define_watermark(canv)

    def _define_watermark(self, canv: Canvas) -> None:
        text = shorten(line((self.meta.watermark or "").upper()), 60) or self.meta.audience.value
        diagonal = (styles.PAGE_WIDTH**2 + styles.PAGE_HEIGHT**2) ** 0.5
        unit = styles.string_width(text, styles.SANS_BOLD, 1)
        size = min(styles.WATERMARK_FONT_SIZE, diagonal * 0.62 / max(unit, 1))
        canv.beginForm(WATERMARK_FORM, 0, 0, styles.PAGE_WIDTH, styles.PAGE_HEIGHT)
        canv.setFillColor(styles.WATERMARK)
        canv.translate(styles.PAGE_WIDTH / 2, styles.PAGE_HEIGHT / 2)
        canv.rotate(54.7)
        canv.setFont(styles.SANS_BOLD, size)
        canv.drawCentredString(0, -size * 0.35, text)
        canv.endForm()
