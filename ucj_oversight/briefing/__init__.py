"""The briefing: an A4 PDF of one month for the Wali Kota and the council (at most two pages).

    python -m ucj_oversight briefing --db PATH [--as-of YYYY-MM] [--kecamatan KODE] [--lang id|en] --out FILE.pdf

Every number comes from the figures module (the same functions as the pages and the export).
content.py chooses the figures and words and holds the oversight-question rules (questions());
pdf.py draws the document with ReportLab, pdf_charts.py its three vector charts. A PDF is made
without a display, a browser, a network or a font download.

Contents: title and as-of date; four headline cards (peserta aktif vs sasaran and cakupan,
serapan with pagu and realisasi, klaim dibayar, Rp berisiko); coverage by kecamatan; the
cumulative budget curve against the pagu; claims by program; the largest findings; the
oversight questions; the data sources (file, import date, short SHA-256). "DATA SIMULASI" is
printed on every page when figures.is_simulated() says the data are simulated.
"""

from __future__ import annotations

from ucj_oversight.briefing.content import CAKUPAN_GAP_POINTS, LANGUAGES, MAX_KECAMATAN, MAX_TEMUAN_ROWS, questions
from ucj_oversight.briefing.pdf import build_pdf, page_count

__all__ = [
    "CAKUPAN_GAP_POINTS",
    "LANGUAGES",
    "MAX_KECAMATAN",
    "MAX_TEMUAN_ROWS",
    "build_pdf",
    "page_count",
    "questions",
]
