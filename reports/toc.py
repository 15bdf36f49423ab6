"""A one-pass table of contents, PDF bookmarks and section anchors.

``multiBuild`` would lay a long report out three times until its contents pages settle.
Here every contents row has a fixed height and draws its page number as a form XObject
(``canv.doForm``) that is only *defined* when the document is saved, once every section
has been placed: one layout pass, whatever the length.

A :class:`Book` is made per build. The builder declares the contents entries up front
(:meth:`Book.declare`), lays the contents out with :meth:`Book.contents`, and starts each
section with :meth:`Book.heading`: an :class:`Anchor` (a zero-size flowable that, when
drawn, records the page, sets a link destination and adds the outline entry) followed by the
heading paragraph. :meth:`Book.mark` gives an outline entry that is not in the contents
(for example one per person in a long case table). Keys and form names are made from
counters, never from user text; titles are cleaned and shortened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable

from reports import styles
from reports.text import Markup, Para, bold, esc, fitted, join, line, plain, shorten

OUTLINE_LIMIT = 110  # characters of an outline title
PAGE_NUMBER_WIDTH = 24.0


@dataclass(frozen=True)
class TocEntry:
    key: str
    number: str  # "5.2", or "" for an unnumbered entry
    title: str
    level: int
    closed: bool = False  # its sub-entries folded in the outline (a case table's persons)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass
class Book:
    """The navigation state of one build: contents entries, their pages, the outline."""

    entries: list[TocEntry] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    page_start: dict[int, str] = field(default_factory=dict)  # section in force as a page begins
    page_top: dict[int, str] = field(default_factory=dict)  # section starting near a page's top
    current_section: str = ""
    _count: int = 0

    def _key(self, prefix: str) -> str:
        self._count += 1
        return f"{prefix}{self._count}"

    def declare(
        self, title: str, level: int = 0, number: str = "", closed: bool = False
    ) -> TocEntry:
        """Declare a contents entry before the contents are laid out."""
        entry = TocEntry(self._key("sec"), number, title, level, closed)
        self.entries.append(entry)
        return entry

    def heading(
        self, entry: TocEntry, style: ParagraphStyle | None = None, room: float | None = None
    ) -> list[Flowable]:
        """The flowables that start a declared section: room check, anchor, heading.

        A new page is started when less than ``room`` is left (by default enough for the
        heading and the start of its content)."""
        style = style or (styles.H1 if entry.level == 0 else styles.H2)
        text: Markup = (
            join([entry.number, entry.title], "\u2002") if entry.number else esc(entry.title)
        )
        if room is None:
            room = styles.SECTION_ROOM if entry.level == 0 else styles.SUBSECTION_ROOM
        return [
            CondPageBreak(room),
            Anchor(self, entry.key, entry.label, entry.level, contents=True, closed=entry.closed),
            Para(text, style),
        ]

    def mark(
        self,
        title: str,
        level: int,
        key: str | None = None,
        text: str | None = None,
        style: ParagraphStyle = styles.CELL_BOLD,
    ) -> Anchor:
        """An outline entry and link destination that is not in the contents; with ``text``
        it also draws that text (bold, one line), e.g. a person's code in a table cell."""
        return Anchor(self, key or self._key("out"), title, level, False, text=text, style=style)

    def contents(self, title: str = "Contents") -> list[Flowable]:
        rows: list[Flowable] = [Para(bold(title), styles.H1)]
        rows.extend(TocRow(self, entry) for entry in self.entries)
        return rows

    def placed(self, key: str, page: int, title: str, level: int, near_top: bool) -> None:
        self.pages[key] = page
        if level == 0:
            self.current_section = title
            if near_top:
                self.page_top.setdefault(page, title)

    def begin_page(self, page: int) -> None:
        self.page_start[page] = self.current_section

    def running_title(self, page: int) -> str:
        """The running header: the section that starts at the top of the page, else the
        section the page continues, else the first one starting on it."""
        return self.page_top.get(page) or self.page_start.get(page) or self.current_section

    def define_forms(self, canv: Canvas) -> None:
        """At save: one form per contents row, holding the page its section landed on."""
        for entry in self.entries:
            page = self.pages.get(entry.key)
            canv.beginForm(page_form(entry.key), 0, -3, PAGE_NUMBER_WIDTH, 10)
            canv.setFont(styles.SANS, styles.TOC_SIZE)
            canv.setFillColor(styles.INK)
            canv.drawRightString(PAGE_NUMBER_WIDTH, 0, str(page) if page else "\u2014")
            canv.endForm()


def page_form(key: str) -> str:
    return f"tocpage{key}"


class Anchor(Flowable):  # type: ignore[misc]
    """Zero-size: when drawn, records its page, sets a destination and an outline entry."""

    def __init__(
        self,
        book: Book,
        key: str,
        title: str,
        level: int,
        contents: bool,
        closed: bool = False,
        text: str | None = None,
        style: ParagraphStyle = styles.CELL_BOLD,
    ) -> None:
        super().__init__()
        self.book = book
        self.key = key
        self.title = shorten(plain(title), OUTLINE_LIMIT) or "\u2014"
        self.level = level
        self.closed = closed
        self.in_contents = contents
        self.text = line(text) if text else None
        self.style = style
        self.width = self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self.text is None:
            return (0, 0)
        self.width, self.height = availWidth, self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        canv: Canvas = self.canv
        if self.text is not None:
            font, size = self.style.fontName, self.style.fontSize
            canv.setFont(font, size)
            canv.setFillColor(styles.INK)
            canv.drawString(0, self.height - size, fitted(self.text, self.width, font, size))
        canv.bookmarkHorizontal(self.key, 0, 14)
        canv.addOutlineEntry(self.title, self.key, self.level, self.closed)
        _, y = canv.absolutePosition(0, 0)
        near_top = y > styles.PAGE_HEIGHT - styles.MARGIN_TOP - 6 * mm  # first on its page
        self.book.placed(self.key, canv.getPageNumber(), self.title, self.level, near_top)


class TocRow(Flowable):  # type: ignore[misc]
    """One fixed-height contents row: title, dot leader, page number form, live link."""

    def __init__(self, book: Book, entry: TocEntry) -> None:
        super().__init__()
        self.entry = entry
        self.book = book
        self.font = styles.TOC_TITLE_BOLD if entry.level == 0 else styles.TOC_TITLE
        self.indent = 0.0 if entry.level == 0 else 14.0 * entry.level
        self.height = float(styles.TOC_ROW_HEIGHT)
        self.width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        canv: Canvas = self.canv
        baseline = 4.0
        room = self.width - self.indent - PAGE_NUMBER_WIDTH - 18
        title = fitted(self.entry.label, room, self.font, styles.TOC_SIZE)
        canv.setFont(self.font, styles.TOC_SIZE)
        canv.setFillColor(styles.INK if self.entry.level == 0 else styles.MUTED)
        canv.drawString(self.indent, baseline, title)
        start = self.indent + styles.string_width(title, self.font, styles.TOC_SIZE) + 4
        end = self.width - PAGE_NUMBER_WIDTH - 4
        if end > start:
            canv.setStrokeColor(styles.RULE)
            canv.setLineWidth(0.6)
            canv.setDash(0.6, 2.4)
            canv.line(start, baseline, end, baseline)
            canv.setDash()
        canv.saveState()
        canv.translate(self.width - PAGE_NUMBER_WIDTH, baseline)
        canv.doForm(page_form(self.entry.key))
        canv.restoreState()
        canv.linkRect("", self.entry.key, (self.indent, 0, self.width, self.height), relative=1)
