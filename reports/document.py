"""The one layout pass every builder goes through: :func:`render`.

- **Lazy story.** Builders give an *iterable* of flowables (usually a generator).
  :class:`LazyStory` hands ReportLab a list-like view that pulls a few flowables ahead and
  drops each one once it is laid out, so a 10,000-person report never holds its whole
  story, and nothing keeps a laid-out paragraph alive.
- **Determinism.** ``invariant=1`` and an info dictionary of our own (:class:`_Info`):
  the creation and modification dates are ``meta.data_cutoff`` (never the clock), the
  document ID is derived from the metadata and reference, and the custom keys
  ``/CasebookReference``, ``/CasebookDataCutoff``, ``/CasebookAudience`` and
  ``/CasebookKind`` are written in the same pass (no post-processing). Nothing goes into
  the metadata beyond what the DTO's ``meta`` gives.
- **Progress.** :class:`Progress` is an action flowable that calls ``progress(done,
  total)`` when the layout reaches it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, PageTemplate

from casebook.services.dto import DossierMeta
from reports import styles
from reports.page import Furniture
from reports.text import plain
from reports.toc import Book

ProgressCallback = Callable[[int, int], None]
LOOKAHEAD = 12


def creator() -> str:
    try:
        return f"casebook {version('casebook')}"
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "casebook"


def pdf_date(moment: datetime) -> str:
    """A PDF date string in UTC; a naive datetime is taken to be UTC."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return utc.strftime("D:%Y%m%d%H%M%S+00'00'")


def custom_info(meta: DossierMeta) -> dict[str, str]:
    cutoff = meta.data_cutoff
    stamp = (cutoff.astimezone(UTC) if cutoff.tzinfo else cutoff.replace(tzinfo=UTC)).isoformat()
    return {
        "CasebookReference": plain(meta.reference),
        "CasebookDataCutoff": stamp,
        "CasebookAudience": meta.audience.value,
        "CasebookKind": meta.kind.value,
    }


class _Info(PDFInfo):  # type: ignore[misc]
    """The document information dictionary, dated from the data cut-off."""

    def __init__(self, meta: DossierMeta) -> None:
        super().__init__()
        self.date = pdf_date(meta.data_cutoff)
        self.extra = custom_info(meta)
        self.lang = "en"

    def digest(self, md5object: Any) -> None:
        super().digest(md5object)
        for key, value in sorted(self.extra.items()):
            md5object.update(f"{key}={value}".encode())

    def format(self, document: Any) -> bytes:
        entries: dict[str, Any] = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "CreationDate": PDFString(self.date),
            "ModDate": PDFString(self.date),
            "Trapped": PDFName("False"),
        }
        for key, value in self.extra.items():
            entries[key] = PDFString(value)
        result: bytes = PDFDictionary(entries).format(document)
        return result


class _Canvas(Canvas):  # type: ignore[misc]
    """Counts pages and defines the late forms (page total, contents page numbers) at save."""

    def __init__(self, *args: Any, finalise: Callable[[Canvas, int], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._finalise = finalise
        self.pages_done = 0

    def showPage(self) -> None:
        self.pages_done += 1
        super().showPage()

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        self._finalise(self, self.pages_done)
        self._doc.SaveToFile(self._filename, self)


class LazyStory:
    """The list interface ``BaseDocTemplate.build`` uses, over an iterator of flowables."""

    def __init__(self, items: Iterable[Flowable]) -> None:
        self._source: Iterator[Flowable] | None = iter(items)
        self._buffer: list[Flowable] = []

    def _fill(self, count: int) -> None:
        while self._source is not None and len(self._buffer) < count:
            try:
                self._buffer.append(next(self._source))
            except StopIteration:
                self._source = None

    def _need(self, index: int | slice) -> None:
        if isinstance(index, slice):
            stop = index.stop if index.stop is not None else len(self._buffer) + LOOKAHEAD
            self._fill(max(stop, 1))
        else:
            self._fill(index + 1)

    def __len__(self) -> int:
        self._fill(LOOKAHEAD)
        return len(self._buffer)

    def __getitem__(self, index: int | slice) -> Any:
        self._need(index)
        return self._buffer[index]

    def __setitem__(self, index: int | slice, value: Any) -> None:
        self._buffer[index] = value

    def __delitem__(self, index: int | slice) -> None:
        self._need(index)
        del self._buffer[index]

    def insert(self, index: int, value: Flowable) -> None:
        self._buffer.insert(index, value)


class Progress(ActionFlowable):  # type: ignore[misc]
    """Reports ``progress(done, total)`` when the layout reaches this point."""

    def __init__(self, callback: ProgressCallback | None, done: int, total: int) -> None:
        super().__init__()
        self.callback = callback
        self.done = done
        self.total = total

    def apply(self, doc: Any) -> None:
        if self.callback is not None:
            self.callback(self.done, self.total)


# The page geometry every document shares (and the benchmark's bare baseline).
GEOMETRY: dict[str, Any] = {
    "pagesize": styles.PAGE_SIZE,
    "leftMargin": styles.MARGIN_LEFT,
    "rightMargin": styles.MARGIN_RIGHT,
    "topMargin": styles.MARGIN_TOP,
    "bottomMargin": styles.MARGIN_BOTTOM,
}


def body_frame(doc: BaseDocTemplate) -> Frame:
    """The one text frame of a page, without padding (the margins are the styles')."""
    return Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


class _Template(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buffer: io.BytesIO, meta: DossierMeta, book: Book) -> None:
        self.furniture = Furniture(meta, book)
        super().__init__(
            buffer,
            **GEOMETRY,
            title=plain(meta.title),
            author=plain(meta.prepared_by),
            subject=plain(meta.subject),
            keywords=", ".join(plain(k) for k in meta.keywords),
            creator=creator(),
            lang="en",
            displayDocTitle=1,
            initialFontName=styles.SANS,
            initialFontSize=styles.BODY_SIZE,
            invariant=1,
            pageCompression=1,
        )
        frame = body_frame(self)
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._begin, onPageEnd=self._end_cover),
                PageTemplate("body", [frame], onPage=self._begin, onPageEnd=self._end_body),
            ]
        )
        self.meta = meta

    def _begin(self, canv: Canvas, doc: Any) -> None:
        self.furniture.page_begin(canv)

    def _end_cover(self, canv: Canvas, doc: Any) -> None:
        self.furniture.page_end(canv, canv.getPageNumber(), cover=True)

    def _end_body(self, canv: Canvas, doc: Any) -> None:
        self.furniture.page_end(canv, canv.getPageNumber(), cover=False)

    def finalise(self, canv: Canvas, pages: int) -> None:
        self.furniture.define_forms(canv, pages)
        self.furniture.book.define_forms(canv)

    def canvas_maker(self, *args: Any, **kwargs: Any) -> Canvas:
        canv = _Canvas(*args, finalise=self.finalise, **kwargs)
        info = _Info(self.meta)
        canv._doc.info = info
        canv.showOutline()
        return canv


def render(meta: DossierMeta, book: Book, story: Iterable[Flowable]) -> bytes:
    """Lay ``story`` out once on the casebook page furniture and return the PDF bytes.

    The story starts on the cover template; a ``NextPageTemplate("body")`` before the first
    page break switches to the body pages (running header)."""
    styles.register_fonts()
    buffer = io.BytesIO()
    template = _Template(buffer, meta, book)
    template.build(LazyStory(story), canvasmaker=template.canvas_maker)
    return buffer.getvalue()
