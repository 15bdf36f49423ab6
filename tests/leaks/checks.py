"""Reading every channel of a generated PDF a reader could see, and asserting what may and
may not be there. Text is read back with pypdf (never by grepping raw bytes: compression
and font subsetting hide even ASCII)."""

from __future__ import annotations

from dataclasses import dataclass

from tests.reports.pdftools import link_uris, metadata, norm, outline_titles, squash, text


@dataclass(frozen=True)
class Channels:
    """What a reader of the PDF sees, by channel."""

    text: str
    metadata: str
    outline: str
    links: str
    filename: str

    @classmethod
    def of(cls, pdf: bytes, filename: str = "") -> Channels:
        return cls(
            text=text(pdf),
            metadata=norm(" | ".join(f"{k}={v}" for k, v in metadata(pdf).items())),
            outline=norm(" | ".join(title for _, title in outline_titles(pdf))),
            links=" ".join(link_uris(pdf)),
            filename=filename,
        )

    def where(self, needle: str) -> list[str]:
        """The channels containing ``needle`` (whitespace collapsed; long needles also with
        all whitespace removed, in case a line break split them)."""
        found = []
        wanted = norm(needle)
        for channel in ("text", "metadata", "outline", "links", "filename"):
            haystack = getattr(self, channel)
            if wanted in haystack or (len(wanted) >= 8 and squash(wanted) in squash(haystack)):
                found.append(channel)
        return found


def assert_absent(channels: Channels, forbidden: list[str]) -> None:
    leaks = {needle: where for needle in forbidden if (where := channels.where(needle))}
    assert not leaks, f"withheld strings found in the PDF: {leaks}"


def assert_present(channels: Channels, required: list[str]) -> None:
    missing = [needle for needle in required if "text" not in channels.where(needle)]
    assert not missing, f"missing from the PDF's text: {missing}"
