"""The cover page every document opens with: what it is, its title, what it concerns, and
the control block (reference, classification, audience, recipient, data cut-off,
preparer), followed by the switch to the body pages and the contents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from casebook.services.dto import DossierMeta
from reports import styles
from reports.blocks import facts, subheading
from reports.page import cutoff_text
from reports.text import bold, join, para
from reports.toc import Book

VERIFY_NOTE = (
    "The content reflects the case record as it stood at the data cut-off. The preparer "
    "registers the SHA-256 of every document it issues: quote the reference above to have a "
    "copy verified as unaltered."
)


def cover(
    meta: DossierMeta,
    about: Iterable[Flowable],
    rows: Sequence[tuple[str, object]],
    book: Book,
) -> Iterator[Flowable]:
    """The cover (``about``: what the document concerns; ``rows``: extra control-block
    lines), then the contents on the first body page."""
    yield Spacer(1, 14 * mm)
    yield para(meta.kind.label.upper(), styles.COVER_KIND)
    yield para(meta.title, styles.COVER_TITLE)
    yield from about
    yield Spacer(1, 10 * mm)
    yield from subheading(bold("Control block"), styles.H2)
    recipient = join([meta.recipient.label if meta.recipient else None, meta.recipient_name], ": ")
    yield from facts(
        [
            ("Reference", meta.reference),
            ("Document", meta.kind.label),
            ("Classification", meta.classification),
            ("Audience profile", meta.audience.label),
            ("Recipient", recipient or None),
            ("Data cut-off", f"{cutoff_text(meta)} UTC"),
            ("Prepared by", meta.prepared_by),
            *rows,
        ],
        label_width=0.3,
    )
    yield Spacer(1, 6)
    yield para(VERIFY_NOTE, styles.SMALL)
    yield NextPageTemplate("body")
    yield PageBreak()
    yield from book.contents()
    yield PageBreak()
