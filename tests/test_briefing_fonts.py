"""The briefing PDF embeds its fonts: every text is set in Bitstream Vera Sans (the TrueType font
that ships inside the reportlab package, with its licence), so that no viewer substitutes a
font of its own ("BPJ S", "J KK"). Checked as a reader's tool sees it (pdffonts, poppler-utils,
installed by scripts/test.sh) and by reading the PDF's font objects; and every character the
briefing can print has a glyph in the font."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from ucj_oversight import briefing, regions
from ucj_oversight.briefing import pdf_charts
from ucj_oversight.figures import AsOf, Filter
from ucj_oversight.text import fmt, labels

MARCH = AsOf.from_text("2026-03")


def _font_objects(pdf: bytes) -> list[bytes]:
    """The dictionaries of the PDF's font objects (ReportLab writes object dictionaries as text)."""
    return [m.group(0) for m in re.finditer(rb"<<[^<>]*/Type /Font\b[^<>]*>>", pdf)]


def _check_embedded(pdf: bytes, tmp_path: Path) -> None:
    fonts = _font_objects(pdf)
    assert fonts, "no font objects found"
    for font in fonts:
        # An embedded TrueType font: a subset (a six-letter tag before its name) with a font
        # descriptor; never one of the 14 standard fonts, which PDF files do not embed.
        assert b"/Subtype /TrueType" in font and re.search(rb"/BaseFont /[A-Z]{6}\+BitstreamVera", font), font
        assert b"/FontDescriptor" in font, font
    assert pdf.count(b"/FontFile2") >= 2  # the regular and the bold face, each with its font program
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) tidak terpasang: jalankan scripts/test.sh")
    path = tmp_path / "briefing.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]  # after the header and the dashes
    assert len(rows) >= 2, out
    for row in rows:
        # name type encoding emb sub uni object-id: 'emb' is the 4th column from the right end.
        emb = row.split()[-5]
        assert emb == "yes", out
    assert not re.search(r"Helvetica|Courier|Times", out), out


def test_briefing_embeds_every_font(small_con, tmp_path):
    _check_embedded(briefing.build_pdf(small_con, MARCH, None), tmp_path)


def test_briefing_one_kecamatan_english_embeds_every_font(small_con, tmp_path):
    _check_embedded(briefing.build_pdf(small_con, MARCH, None, filter=Filter("32.75.08"), lang="en"), tmp_path)


def test_font_ships_with_reportlab_with_its_licence():
    for file in ("Vera.ttf", "VeraBd.ttf", "bitstream-vera-license.txt"):
        assert (pdf_charts.FONT_FOLDER / file).is_file(), file
    assert "Bitstream" in (pdf_charts.FONT_FOLDER / "bitstream-vera-license.txt").read_text("latin-1")
    assert {pdf_charts.FONT, pdf_charts.FONT_BOLD} <= set(pdfmetrics.getRegisteredFontNames())


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    return []


def test_every_character_the_briefing_prints_has_a_glyph():
    """Label texts (both languages), finding and segment names, region names, and what fmt
    writes (the typographic minus of a negative amount, the en dash of an empty cell)."""
    chars = set()
    for table in (labels.TEXTS, labels.BRIEFING, labels.TEMUAN, labels.SEGMEN):
        for text in _texts(table):
            chars |= set(text)
    for area in (*regions.list_kecamatan(), *regions.list_kelurahan()):
        chars |= set(area.name)
    chars |= set(fmt.rupiah(-1_234_567) + fmt.percent(12.34) + fmt.EMPTY + fmt.rupiah_short(2.5e9, "en"))
    chars -= {"\n"}
    for name in (pdf_charts.FONT, pdf_charts.FONT_BOLD):
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        missing = sorted(c for c in chars if ord(c) not in glyphs)
        assert not missing, f"{name} has no glyph for {missing}"
