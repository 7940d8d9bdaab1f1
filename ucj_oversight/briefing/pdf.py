"""How the briefing is drawn: the document (A4 frame, footer with 'page n of m') and build_pdf.

What is said comes from content.py (gather, ask); the sections and their styles are
pdf_sections.py, the charts pdf_charts.py. Every page carries a footer with the as-of month,
the date made and 'page n of m', and the "DATA SIMULASI" stamp when the data are simulated. If
the normal layout takes more than two pages, a denser one (smaller questions, shorter charts
and tables) keeps the two-page promise.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from ucj_oversight import figures
from ucj_oversight.briefing.content import ask, check_lang, gather, phrase
from ucj_oversight.briefing.pdf_charts import C_RED, FONT, FONT_BOLD, GREY, RULE_COLOUR
from ucj_oversight.briefing.pdf_sections import (
    BOTTOM,
    MARGIN,
    PAGE_H,
    PAGE_W,
    TOP,
    WIDTH,
    cards,
    charts_section,
    header,
    klaim_section,
    make_styles,
    questions_section,
    sources_section,
    temuan_section,
)
from ucj_oversight.figures import AsOf, Filter, InputError
from ucj_oversight.text import fmt

# ------------------------------------------------------------------ page frame


class _FooterCanvas(rl_canvas.Canvas):
    """Draws the footer after the last page is known, so it can say 'page 1 of 2'."""

    def __init__(self, *a, footer=None, **kw):
        super().__init__(*a, **kw)
        self._footer = footer
        self._saved_pages: list[dict] = []

    def showPage(self):
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_pages)
        for i, state in enumerate(self._saved_pages, 1):
            self.__dict__.update(state)
            if self._footer:
                self._footer(self, i, total)
            super().showPage()
        super().save()


def _draw_footer(c: rl_canvas.Canvas, n: int, total: int, *, lang: str, asof: AsOf, simulated: bool) -> None:
    c.saveState()
    y = 9 * mm
    c.setStrokeColor(RULE_COLOUR)
    c.setLineWidth(0.5)
    c.line(MARGIN, y + 9, PAGE_W - MARGIN, y + 9)
    c.setFont(FONT, 7.5)
    c.setFillColor(GREY)
    left = phrase("kaki", lang, bulan=fmt.month(str(asof), lang), tanggal=fmt.date(dt.date.today(), lang))
    right = phrase("halaman", lang, n=n, total=total)
    c.drawString(MARGIN, y, left)
    c.drawRightString(PAGE_W - MARGIN, y, right)
    if simulated:
        # In the middle of the space between the two texts (whatever their length in this language).
        start = MARGIN + c.stringWidth(left, FONT, 7.5)
        end = PAGE_W - MARGIN - c.stringWidth(right, FONT, 7.5)
        c.setFont(FONT_BOLD, 9)
        c.setFillColor(C_RED)
        c.drawCentredString((start + end) / 2, y, phrase("stempel", lang))
    c.restoreState()


def page_count(pdf: bytes) -> int:
    """Number of pages of a PDF ReportLab wrote (its page tree root)."""
    m = re.search(rb"/Count (\d+) /Kids", pdf)
    return int(m.group(1)) if m else 0


def build_pdf(
    con,
    asof: AsOf | None,
    out_path_or_buffer: str | Path | BinaryIO | None = None,
    *,
    filter: Filter | None = None,
    lang: str = "id",
) -> bytes:
    """Write the briefing for `asof` (None: figures.latest_month) and return the PDF bytes.

    out_path_or_buffer: a file path, a binary file object, or None (only return the bytes,
    e.g. for a Streamlit download button)."""
    check_lang(lang)
    if asof is None:
        asof = figures.latest_month(con)
        if asof is None:
            raise InputError("basis data belum berisi data; jalankan ingest dulu")
    d = gather(con, asof, filter)
    questions = ask(d, lang)
    pdf = _compose(d, questions, asof, lang, dense=False)
    if page_count(pdf) > 2:  # not expected with the limits above; a denser layout keeps the promise
        pdf = _compose(d, questions, asof, lang, dense=True)
    if out_path_or_buffer is None:
        return pdf
    if isinstance(out_path_or_buffer, (str, Path)):
        p = Path(out_path_or_buffer)
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(f".{p.name}.tmp")
        tmp.write_bytes(pdf)
        tmp.replace(p)  # no half-written PDF if the disk fills up
    else:
        out_path_or_buffer.write(pdf)
    return pdf


def _compose(d: dict, questions: list[dict], asof: AsOf, lang: str, *, dense: bool) -> bytes:
    styles = make_styles(dense)
    story = []
    story += header(d, lang, styles)
    story.append(cards(d, lang, styles))
    story += charts_section(d, lang, styles, dense)
    story += klaim_section(d, lang, styles)
    story += temuan_section(d, lang, styles, dense)
    story += questions_section(questions, lang, styles)
    story += [Spacer(1, 6)] + sources_section(d, lang, styles, limit=6 if dense else 12)

    buf = io.BytesIO()
    title = f"{phrase('judul', lang)} — {fmt.month(str(asof), lang)}"
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        author="Pengawasan UCJ Kota Bekasi",
        subject=phrase("subjudul", lang),
        creator="ucj_oversight.briefing",
        lang=lang,
        # The canvas's starting font, written on every page: Vera too, so that no font of the
        # PDF is left unembedded.
        initialFontName=FONT,
    )
    # A frame without padding, so that WIDTH is exactly the width flowables get.
    frame = Frame(
        MARGIN,
        BOTTOM,
        WIDTH,
        PAGE_H - TOP - BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    footer = functools.partial(_draw_footer, lang=lang, asof=asof, simulated=d["simulated"])
    doc.build(story, canvasmaker=functools.partial(_FooterCanvas, footer=footer))
    return buf.getvalue()
