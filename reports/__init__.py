"""PDF builders (ReportLab). They take DTO snapshots from casebook.services, never ORM rows.

- ``reports.person.build(dossier, progress=None) -> bytes``: the per-person dossier.
- ``reports.thematic.build(report, progress=None) -> bytes``: the thematic report.
- ``reports.audit.build(report, progress=None) -> bytes``: the citation audit report.
- ``reports.pdfinfo``: ``page_count(pdf)`` and ``casebook_info(pdf)`` (reference, data
  cut-off, audience and kind as written into the PDF's information dictionary).

The same DTO always gives the same bytes. Text goes through ``reports.text``; sizes and
colours live in ``reports.styles``; the fonts (DejaVu, with their licence) in ``fonts/``.
"""
