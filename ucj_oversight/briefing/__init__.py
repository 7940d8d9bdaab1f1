"""The briefing: an A4 PDF of one month for the Wali Kota and the council (at most two pages).

    python -m ucj_oversight briefing --db PATH [--as-of YYYY-MM] [--kecamatan KODE] [--lang id|en] --out FILE.pdf

Every number comes from the figures module (the same functions as the pages and the export);
this module only chooses, formats (fmt) and draws. Charts are ReportLab's own vector graphics
with the standard Helvetica font, so a PDF is made without a display, a browser, a network or
a font download. Colours are Okabe-Ito (grafik.py), numbers id-ID in both languages.

Contents: title and as-of date; four headline cards (peserta aktif vs sasaran and cakupan,
serapan with pagu and realisasi, klaim dibayar, Rp berisiko); coverage by kecamatan; the
cumulative budget curve against the pagu; claims by program; the largest findings; the
oversight questions; the data sources (file, import date, short SHA-256). "DATA SIMULASI" is
printed on every page when figures.simulasi() says the data are simulated.

Pertanyaan pengawasan (oversight questions)
-------------------------------------------
`pertanyaan()` turns figures into questions with fixed rules. Each question cites one figure
("angka", formatted exactly as fmt formats it) and is asked only when its rule fires. Order:

CAKUPAN_RENDAH      A kecamatan (with a target) whose cakupan_persen is more than 10 points
                    (AMBANG_CAKUPAN_POIN) below the city's cakupan_persen (cakupan_kota, same
                    segment filter, without the kecamatan filter). Lowest first, at most 3
                    (MAKS_KECAMATAN). Cites the kecamatan's cakupan (fmt.persen).
SERAPAN_TERTINGGAL  realisasi_kumulatif < pagu x M/12 (the even-spending path, M = month number
                    of the as-of month), pagu > 0. Cites serapan_persen (fmt.persen). City-wide.
PROYEKSI_KURANG     proyeksi_akhir_tahun(...)["cukup"] is False. Cites the shortfall
                    |selisih| (fmt.rupiah_ringkas). City-wide.
<KODE_TEMUAN>       Every finding with nominal > 0 (in practice IURAN_LUAR_MASA, IURAN_GANDA,
                    IURAN_TANPA_PESERTA, KLAIM_TANPA_PESERTA, KLAIM_LUAR_MASA, SP2D_GANDA),
                    largest amount first. Cites the nominal (fmt.rupiah); the question is the
                    finding's question from label.TEMUAN.
KLAIM_LAMBAT        klaim_layanan(...)["lebih_30_hari"] > 0: claims paid more than 30 days
                    after application. Cites that count (fmt.angka).

The same rules are written out in docs/methodology.md ("Pertanyaan pengawasan (briefing)").
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import re
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)

from ucj_oversight import figures
from ucj_oversight.text import fmt, labels
from ucj_oversight.figures import AsOf, InputError, Filter
from ucj_oversight.web.charts import BIRU, HIJAU, HITAM, ORANYE, rupiah_axis

CAKUPAN_GAP_POINTS = 10      # CAKUPAN_RENDAH: more than this many points below the city
MAX_KECAMATAN = 3            # CAKUPAN_RENDAH: at most this many kecamatan
MAX_TEMUAN_ROWS = 6         # rows of the findings table (the total row adds all ten)
LANGUAGES = ("id", "en")


def _t(kunci: str, lang: str, **isi) -> str:
    if kunci in labels.BRIEFING:
        s = labels.BRIEFING[kunci].get(lang) or labels.BRIEFING[kunci]["id"]
        return s.format(**isi) if isi else s
    return labels.t(kunci, lang, **isi)


def _s(n) -> str:
    """English plural ending (only the English texts use {s})."""
    return "" if n == 1 else "s"


def _cek_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InputError(f"bahasa '{lang}' tidak dikenal; gunakan id atau en")
    return lang


# ------------------------------------------------------------------ the figures, computed once

def _kumpulkan(con, asof: AsOf, saringan: Filter | None) -> dict:
    """Every figure the briefing shows, each from its figures function (no definition here)."""
    s = saringan or Filter()
    kota_saja = Filter(None, s.segmen)          # context for the ranking and the city line
    with figures.once():                        # ringkasan reuses the figures below: once each
        return _kumpulkan_figur(con, asof, s, kota_saja)


def _kumpulkan_figur(con, asof: AsOf, s: Filter, kota_saja: Filter) -> dict:
    return {
        "asof": asof, "saringan": s,
        "ringkasan": figures.ringkasan(con, asof, s),
        "cakupan": figures.cakupan_kecamatan(con, asof, s),
        "cakupan_semua": figures.cakupan_kecamatan(con, asof, kota_saja),
        "kota": figures.cakupan_kota(con, asof, kota_saja),
        "anggaran": figures.anggaran_bulanan(con, asof),
        "proyeksi": figures.proyeksi_akhir_tahun(con, asof),
        "klaim": figures.klaim_program(con, asof, s),
        "layanan": figures.klaim_layanan(con, asof, s),
        "temuan": figures.temuan(con, asof, s),
        "sumber": figures.sumber_impor(con),
        "simulasi": figures.is_simulated(con),
    }


# ------------------------------------------------------------------ oversight questions

def _tanya(d: dict, lang: str) -> list[dict]:
    asof: AsOf = d["asof"]
    hasil: list[dict] = []

    def tambah(kode: str, kunci: str, angka: str, **isi) -> None:
        hasil.append({"kode": kode, "teks": _t(kunci, lang, angka=angka, **isi), "angka": angka})

    # CAKUPAN_RENDAH
    kota = d["kota"]["cakupan_persen"]
    if kota is not None:
        cak = d["cakupan"].dropna(subset=["cakupan_persen"])
        rendah = cak[cak["cakupan_persen"] < kota - CAKUPAN_GAP_POINTS]
        for r in rendah.sort_values(["cakupan_persen", "kode_kecamatan"]).head(MAX_KECAMATAN).itertuples():
            tambah("CAKUPAN_RENDAH", "q_cakupan", fmt.percent(r.cakupan_persen), nama=r.nama_kecamatan,
                   selisih=fmt.number(round(kota - r.cakupan_persen, 1), 1), kota=fmt.percent(kota))

    # SERAPAN_TERTINGGAL
    rk = d["ringkasan"]
    m = asof.bulan.month
    if rk["pagu"] > 0 and rk["realisasi_kumulatif"] < rk["pagu"] * m / 12:
        tambah("SERAPAN_TERTINGGAL", "q_serapan", fmt.percent(rk["serapan_persen"]),
               jalur=fmt.percent(round(100 * m / 12, 2)), m=m)

    # PROYEKSI_KURANG
    p = d["proyeksi"]
    if p["cukup"] is False:
        tambah("PROYEKSI_KURANG", "q_proyeksi", fmt.rupiah_short(abs(p["selisih"]), lang), tahun=asof.tahun,
               proyeksi=fmt.rupiah_short(p["proyeksi"], lang), pagu=fmt.rupiah_short(p["pagu"], lang))

    # every finding with money, largest first
    tm = d["temuan"]
    for r in tm[tm["nominal"] > 0].sort_values(["nominal", "jumlah"], ascending=False, kind="stable").itertuples():
        tambah(r.kode_temuan, "q_temuan", fmt.rupiah(r.nominal), nama=labels.temuan_label(r.kode_temuan, "nama", lang),
               jumlah=fmt.number(r.jumlah), s=_s(r.jumlah), tanya=labels.temuan_label(r.kode_temuan, "tanya", lang))

    # KLAIM_LAMBAT
    ly = d["layanan"]
    if ly["lebih_30_hari"] > 0:
        tambah("KLAIM_LAMBAT", "q_klaim", fmt.number(ly["lebih_30_hari"]), s=_s(ly["lebih_30_hari"]),
               median=fmt.number(ly["median_hari"]), terlama=fmt.number(ly["terlama_hari"]))
    return hasil


def questions(con, asof: AsOf, saringan: Filter | None = None, lang: str = "id") -> list[dict]:
    """The oversight questions for a month: [{"kode", "teks", "angka"}], rules in the module docstring."""
    return _tanya(_kumpulkan(con, asof, saringan), _cek_lang(lang))


# ------------------------------------------------------------------ styles

HALAMAN_W, HALAMAN_H = A4
MARGIN = 14 * mm
ATAS, BAWAH = 12 * mm, 16 * mm
WIDTH = HALAMAN_W - 2 * MARGIN
GREY = colors.HexColor("#5A5A5A")
LIGHT_GREY = colors.HexColor("#F1F4F8")
RULE_COLOUR = colors.HexColor("#C9CED6")
C_BIRU, C_ORANYE, C_HIJAU, C_HITAM = (colors.HexColor(c) for c in (BIRU, ORANYE, HIJAU, HITAM))
C_RED = colors.HexColor("#D55E00")


def _gaya(padat: bool = False) -> dict[str, ParagraphStyle]:
    dasar = ParagraphStyle("dasar", fontName="Helvetica", fontSize=9, leading=11.5, alignment=TA_LEFT)
    return {
        "dasar": dasar,
        "judul": ParagraphStyle("judul", dasar, fontName="Helvetica-Bold", fontSize=19, leading=23),
        "sub": ParagraphStyle("sub", dasar, fontSize=9.5, leading=12, textColor=GREY),
        "posisi": ParagraphStyle("posisi", dasar, fontName="Helvetica-Bold", fontSize=12, leading=15),
        "h2": ParagraphStyle("h2", dasar, fontName="Helvetica-Bold", fontSize=11.5, leading=14, spaceBefore=4,
                             spaceAfter=3),
        "h3": ParagraphStyle("h3", dasar, fontName="Helvetica-Bold", fontSize=9.5, leading=12),
        "kecil": ParagraphStyle("kecil", dasar, fontSize=7.5, leading=9.3, textColor=GREY),
        "kartu_judul": ParagraphStyle("kartu_judul", dasar, fontName="Helvetica-Bold", fontSize=8.5, leading=10.5,
                                      textColor=GREY),
        "kartu_ket": ParagraphStyle("kartu_ket", dasar, fontSize=8, leading=10),
        "tanya": ParagraphStyle("tanya", dasar, fontSize=9 if padat else 10, leading=11.5 if padat else 13,
                                leftIndent=21, bulletIndent=0, spaceAfter=3 if padat else 5),
        "sel": ParagraphStyle("sel", dasar, fontSize=8.5, leading=10.5),
        "sel_kecil": ParagraphStyle("sel_kecil", dasar, fontSize=7.3, leading=9),
        "simulasi": ParagraphStyle("simulasi", dasar, fontName="Helvetica-Bold", fontSize=8.5, leading=10.5,
                                   textColor=colors.white),
    }


_RP = re.compile(r"Rp (\d[\d.,]*\d|\d)(?: (ribu|juta|miliar|triliun|thousand|million|billion|trillion)\b)?")


def _lem(teks: str) -> str:
    """Keep an amount on one line: 'Rp 1,7 juta' is never broken after 'Rp' or before 'juta'."""
    return _RP.sub(lambda m: "Rp\u00a0" + m.group(1) + ("\u00a0" + m.group(2) if m.group(2) else ""), teks)


def _p(teks: str, gaya: ParagraphStyle) -> Paragraph:
    return Paragraph(_lem(teks), gaya)


def _e(teks) -> str:
    return escape(str(teks))


def _muat(teks: str, huruf: str, lebar: float, besar: float, kecil: float = 10) -> float:
    """The largest font size (<= besar) at which teks fits in lebar."""
    ukuran = besar
    while ukuran > kecil and stringWidth(teks, huruf, ukuran) > lebar:
        ukuran -= 0.5
    return ukuran


# ------------------------------------------------------------------ page parts

def _kepala(d: dict, lang: str, g: dict) -> list:
    asof, s = d["asof"], d["saringan"]
    if s.kecamatan:
        nama = d["cakupan"]["nama_kecamatan"].iloc[0] if len(d["cakupan"]) else s.kecamatan
        wilayah = _t("wilayah_kec", lang, nama=_e(nama))
    else:
        wilayah = _t("wilayah_kota", lang)
    if s.segmen:
        wilayah += ", " + _t("segmen", lang, nama=_e(labels.segmen_label(s.segmen)))
    kiri = [_p(_e(_t("judul", lang)), g["judul"]), _p(_e(_t("subjudul", lang)), g["sub"]),
            Spacer(1, 3),
            _p(_e(_t("posisi", lang, tanggal=fmt.date(asof.akhir, lang))) + " · " + wilayah, g["posisi"])]
    if s.kecamatan:
        kiri.append(_p(_e(_t("wilayah_kec_ket", lang)), g["kecil"]))
    isi = kiri
    if d["simulasi"]:
        stempel = Table([[_p(_e(labels.t("simulasi", lang)), g["simulasi"])]], colWidths=[WIDTH])
        stempel.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), C_RED),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 3),
                                     ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        isi = kiri + [Spacer(1, 5), stempel]
    return isi


def _kartu(d: dict, lang: str, g: dict) -> Table:
    rk = d["ringkasan"]
    lebar_kartu = (WIDTH - 3 * 6) / 4
    dalam = lebar_kartu - 14

    def besar(teks: str, warna=C_HITAM):
        ukuran = _muat(teks, "Helvetica-Bold", dalam, 22)
        return _p(f'<font name="Helvetica-Bold" size="{ukuran}" color="{warna.hexval()}">{_e(teks)}</font>',
                  ParagraphStyle("besar", g["dasar"], leading=ukuran * 1.15, spaceBefore=2, spaceAfter=2))

    tm = d["temuan"]
    kartu = [
        [_p(_e(labels.t("kartu_peserta", lang)), g["kartu_judul"]), besar(fmt.number(rk["peserta_aktif"])),
         _p(_e(_t("cakupan_ket", lang, sasaran=fmt.number(rk["sasaran"]))), g["kartu_ket"]),
         _p(_e(_t("cakupan_baris", lang)) + f' <font name="Helvetica-Bold" size="13">'
            f'{_e(fmt.percent(rk["cakupan_persen"]))}</font>', ParagraphStyle("c", g["kartu_ket"], leading=15))],
        [_p(_e(labels.t("kartu_serapan", lang)), g["kartu_judul"]), besar(fmt.percent(rk["serapan_persen"])),
         _p(_e(labels.t("kartu_serapan_ket", lang, realisasi=fmt.rupiah_short(rk["realisasi_kumulatif"], lang),
                       pagu=fmt.rupiah_short(rk["pagu"], lang))), g["kartu_ket"])],
        [_p(_e(labels.t("kartu_klaim", lang)), g["kartu_judul"]),
         besar(fmt.rupiah_short(rk["klaim_dibayar_nominal"], lang)),
         _p(_e(labels.t("kartu_klaim_ket", lang, jumlah=fmt.number(rk["klaim_dibayar_jumlah"]))), g["kartu_ket"])],
        [_p(_e(labels.t("kartu_risiko", lang)), g["kartu_judul"]),
         besar(fmt.rupiah_short(rk["rp_berisiko"], lang), C_RED if rk["rp_berisiko"] > 0 else C_HITAM),
         _p(_e(_t("risiko_ket", lang, jumlah=fmt.number(int(tm["jumlah"].sum())))), g["kartu_ket"])],
    ]
    t = Table([kartu], colWidths=[lebar_kartu] * 4, spaceBefore=6, spaceAfter=4)
    gaya = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ("RIGHTPADDING", (0, 0), (-1, -1), 7), ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]
    # Cards are separated by white gaps: a white grid over the grey background.
    gaya += [("BACKGROUND", (i, 0), (i, 0), LIGHT_GREY) for i in range(4)]
    gaya += [("LINEAFTER", (0, 0), (2, 0), 6, colors.white)]
    gaya += [("LINEABOVE", (i, 0), (i, 0), 2.5, c) for i, c in enumerate((C_BIRU, C_BIRU, C_BIRU, C_RED))]
    t.setStyle(TableStyle(gaya))
    return t


def _langkah(maks: float, target: int = 5) -> float:
    """A round axis step (1, 2, 2,5 or 5 × 10^k) giving about `target` ticks up to maks."""
    if maks <= 0:
        return 1.0
    kasar = maks / target
    pangkat = 10 ** int(f"{kasar:e}".split("e")[1])
    for f in (1, 2, 2.5, 5, 10):
        if f * pangkat >= kasar:
            return f * pangkat
    return 10 * pangkat


def _desimal(langkah: float) -> int:
    return 0 if float(langkah).is_integer() else (1 if float(langkah * 10).is_integer() else 2)


def _teks(d: Drawing, x: float, y: float, s: str, ukuran: float = 7, anchor: str = "start",
          warna=C_HITAM, tebal: bool = False) -> None:
    d.add(String(x, y, s, fontName="Helvetica-Bold" if tebal else "Helvetica", fontSize=ukuran,
                 fillColor=warna, textAnchor=anchor))


def _kosong(lebar: float, pesan: str) -> Drawing:
    """In place of a chart with nothing to draw: one grey line saying why."""
    gb = Drawing(lebar, 24)
    _teks(gb, 0, 8, pesan, 8, warna=GREY)
    return gb


def _grafik_cakupan(d: dict, lang: str, lebar: float, padat: bool = False) -> Drawing:
    cak = d["cakupan_semua"].dropna(subset=["cakupan_persen"]).sort_values(["cakupan_persen", "nama_kecamatan"])
    kota = d["kota"]["cakupan_persen"]
    pilih = d["saringan"].kecamatan
    n = len(cak)
    if n == 0:
        return _kosong(lebar, _t("tanpa_sasaran_grafik", lang))
    tinggi = max(90, (13 if padat else 17) * n + 34)
    gb = Drawing(lebar, tinggi)
    nama = [r.nama_kecamatan + (f" ({_t('dipilih', lang)})" if r.kode_kecamatan == pilih else "")
            for r in cak.itertuples()]
    kiri = max(stringWidth(s, "Helvetica", 7.5) for s in nama) + 8
    bc = HorizontalBarChart()
    bc.x, bc.y = kiri, 16
    bc.width, bc.height = lebar - kiri - 34, tinggi - 16 - 16
    bc.data = [[float(v) for v in cak["cakupan_persen"]]]
    maks = max(100.0, float(cak["cakupan_persen"].max()))
    langkah = 25.0 if maks <= 150 else _langkah(maks, 5)
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = langkah * -(-maks // langkah)
    bc.valueAxis.valueStep = langkah
    bc.valueAxis.labelTextFormat = lambda v: fmt.number(v)
    bc.valueAxis.labels.fontName, bc.valueAxis.labels.fontSize = "Helvetica", 7
    bc.valueAxis.visibleGrid = True
    bc.valueAxis.gridStrokeColor = colors.HexColor("#E3E3E3")
    bc.valueAxis.strokeColor = RULE_COLOUR
    bc.categoryAxis.categoryNames = nama
    bc.categoryAxis.labels.fontName, bc.categoryAxis.labels.fontSize = "Helvetica", 7.5
    bc.categoryAxis.labels.boxAnchor = "e"
    bc.categoryAxis.labels.dx = -3
    bc.categoryAxis.visibleTicks = False
    bc.categoryAxis.strokeColor = RULE_COLOUR
    bc.barSpacing = 0
    bc.groupSpacing = 3.5
    bc.bars.strokeColor = None
    bc.barLabelFormat = lambda v: fmt.percent(v)
    bc.barLabels.fontName, bc.barLabels.fontSize = "Helvetica", 7
    bc.barLabels.boxAnchor = "w"
    bc.barLabels.dx = 2
    bc.barLabels.boxFillColor = colors.white     # keeps a label readable where the city line crosses it
    bc.barLabels.leftPadding = bc.barLabels.rightPadding = 1
    for i, r in enumerate(cak.itertuples()):
        rendah = kota is not None and r.cakupan_persen < kota - CAKUPAN_GAP_POINTS
        bc.bars[(0, i)].fillColor = C_ORANYE if rendah else C_BIRU
        if r.kode_kecamatan == pilih:
            bc.bars[(0, i)].strokeColor = C_HITAM
            bc.bars[(0, i)].strokeWidth = 1.2
    if kota is not None:     # behind the bars, like the dashboard's ranking
        x = bc.x + bc.width * kota / bc.valueAxis.valueMax
        gb.add(Line(x, bc.y, x, bc.y + bc.height + 3, strokeColor=C_HITAM, strokeWidth=0.9,
                    strokeDashArray=[3, 2]))
        _teks(gb, x, bc.y + bc.height + 5, labels.t("garis_kota", lang, nilai=fmt.percent(kota)), 7.5,
              anchor="middle", tebal=True)
    gb.add(bc)
    return gb


def _legenda(gb: Drawing, x: float, y: float, butir: list[tuple], lebar: float) -> None:
    """Line legend, entries side by side, wrapping to a new row when the width is used up:
    (text, colour, width, dash)."""
    kx, ky = x, y
    for teks, warna, tebal, putus in butir:
        w = 20 + stringWidth(teks, "Helvetica", 7) + 10
        if kx > x and kx + w > x + lebar:
            kx, ky = x, ky - 10
        gb.add(Line(kx, ky + 2.5, kx + 16, ky + 2.5, strokeColor=warna, strokeWidth=tebal,
                    strokeDashArray=putus))
        _teks(gb, kx + 20, ky, teks, 7)
        kx += w


def _grafik_anggaran(d: dict, lang: str, lebar: float, tinggi: float) -> Drawing:
    ang, pro, asof = d["anggaran"], d["proyeksi"], d["asof"]
    if ang.empty or float(ang["pagu"].max()) <= 0 and float(ang["realisasi_kumulatif"].max()) <= 0:
        return _kosong(lebar, labels.t("tanpa_anggaran", lang, tahun=asof.tahun))
    gb = Drawing(lebar, tinggi)
    bulan = [int(b[5:7]) for b in ang["bulan"]]
    pagu, kum = list(ang["pagu"]), list(ang["realisasi_kumulatif"])
    m = bulan[-1]
    ada_proyeksi = pro["sisa_bulan"] > 0
    bagi, unit = rupiah_axis(pagu + kum + ([pro["proyeksi"]] if ada_proyeksi else []), lang)
    # Pagu in force as a step line, held at the current pagu to December.
    tangga = []
    for i, (b, p) in enumerate(zip(bulan, pagu)):
        if i:
            tangga.append((b, pagu[i - 1] / bagi))
        tangga.append((b, p / bagi))
    if m < 12:
        tangga.append((12, pagu[-1] / bagi))
    merata = [(b, p * b / 12 / bagi) for b, p in zip(bulan, pagu)]
    merata += [(b, pagu[-1] * b / 12 / bagi) for b in range(m + 1, 13)]
    garis = [(tangga, C_HITAM, 1.4, None), (merata, C_ORANYE, 1.2, [4, 2.5]),
             (list(zip(bulan, (v / bagi for v in kum))), C_BIRU, 2.4, None)]
    if ada_proyeksi:
        garis.append(([(m, kum[-1] / bagi), (12, pro["proyeksi"] / bagi)], C_BIRU, 1.4, [1.5, 2]))
    lp = LinePlot()
    lp.x, lp.y = 30, 46
    lp.width, lp.height = lebar - lp.x - 8, tinggi - lp.y - 16
    lp.data = [g[0] for g in garis]
    for i, (_, warna, tebal, putus) in enumerate(garis):
        lp.lines[i].strokeColor = warna
        lp.lines[i].strokeWidth = tebal
        if putus:
            lp.lines[i].strokeDashArray = putus
    lp.lines[2].symbol = makeMarker("FilledCircle", size=3.2)
    lp.lines[2].symbol.fillColor = C_BIRU
    lp.lines[2].symbol.strokeColor = C_BIRU
    maks = max(max(y for _, y in g[0]) for g in garis)
    langkah = _langkah(maks, 5)
    des = _desimal(langkah)
    lp.yValueAxis.valueMin = 0
    lp.yValueAxis.valueMax = langkah * -(-maks // langkah)
    lp.yValueAxis.valueStep = langkah
    lp.yValueAxis.labelTextFormat = lambda v: fmt.number(v, des)
    lp.yValueAxis.labels.fontName, lp.yValueAxis.labels.fontSize = "Helvetica", 7
    lp.yValueAxis.visibleGrid = True
    lp.yValueAxis.gridStrokeColor = colors.HexColor("#E3E3E3")
    lp.yValueAxis.strokeColor = RULE_COLOUR
    lp.xValueAxis.valueMin, lp.xValueAxis.valueMax = 0.6, 12.4
    lp.xValueAxis.valueSteps = list(range(1, 13))
    nama_bulan = {b: fmt.month(f"{asof.tahun}-{b:02d}", lang, panjang=False).split(" ")[0] for b in range(1, 13)}
    lp.xValueAxis.labelTextFormat = lambda v: nama_bulan.get(int(round(v)), "")
    lp.xValueAxis.labels.fontName, lp.xValueAxis.labels.fontSize = "Helvetica", 6.8
    lp.xValueAxis.strokeColor = RULE_COLOUR
    gb.add(lp)
    if ada_proyeksi:     # an open circle at the projected December total
        gb.add(Circle(lp.x + lp.width * (12 - 0.6) / (12.4 - 0.6),
                      lp.y + lp.height * pro["proyeksi"] / bagi / lp.yValueAxis.valueMax, 2.2,
                      strokeColor=C_BIRU, fillColor=colors.white, strokeWidth=1))
    _teks(gb, 0, tinggi - 8, unit, 7, warna=GREY)
    butir = [(labels.t("garis_pagu", lang), C_HITAM, 1.4, None),
             (labels.t("garis_realisasi", lang), C_BIRU, 2.4, None),
             (labels.t("garis_merata", lang), C_ORANYE, 1.2, [4, 2.5])]
    if ada_proyeksi:
        butir.append((labels.t("garis_proyeksi", lang), C_BIRU, 1.4, [1.5, 2]))
    _legenda(gb, 2, 20, butir, lebar - 4)
    return gb


def _grafik_klaim(d: dict, lang: str, lebar: float) -> Drawing:
    kl = d["klaim"]
    kl = kl[(kl["program"].isin(["JKK", "JKM"])) | (kl["jumlah_klaim"] > 0)].reset_index(drop=True)
    n = len(kl)
    if n == 0 or float(kl["nominal_dibayar"].sum()) <= 0:
        return _kosong(lebar, _t("tanpa_klaim_grafik", lang))
    tinggi = 22 * n + 12
    gb = Drawing(lebar, tinggi)
    bagi, _ = rupiah_axis(list(kl["nominal_dibayar"]), lang)
    teks = [_t("klaim_label", lang, rp=fmt.rupiah_short(v, lang), n=fmt.number(j), s=_s(j))
            for v, j in zip(kl["nominal_dibayar"], kl["jumlah_klaim"])]
    lebar_label = max(stringWidth(s, "Helvetica", 7.5) for s in teks) + 6
    bc = HorizontalBarChart()
    bc.x, bc.y = 28, 4
    bc.width, bc.height = max(40, lebar - bc.x - lebar_label), tinggi - 8
    nilai = [float(v) / bagi for v in kl["nominal_dibayar"]]
    # Listed bottom-up: reverse so the first program (JKK) is on top.
    bc.data = [nilai[::-1]]
    bc.categoryAxis.categoryNames = list(kl["program"])[::-1]
    bc.categoryAxis.labels.fontName, bc.categoryAxis.labels.fontSize = "Helvetica-Bold", 8
    bc.categoryAxis.labels.boxAnchor, bc.categoryAxis.labels.dx = "e", -3
    bc.categoryAxis.visibleTicks = False
    bc.categoryAxis.strokeColor = RULE_COLOUR
    bc.valueAxis.visible = False
    bc.valueAxis.valueMin, bc.valueAxis.valueMax = 0, max(nilai) or 1
    bc.bars.strokeColor = None
    bc.groupSpacing = 5
    warna = {"JKK": C_ORANYE, "JKM": C_BIRU}
    for i, prog in enumerate(list(kl["program"])[::-1]):
        bc.bars[(0, i)].fillColor = warna.get(prog, C_HIJAU)
    label_bar = teks[::-1]
    bc.barLabelFormat = "values"
    bc.barLabelArray = [label_bar]
    bc.barLabels.fontName, bc.barLabels.fontSize = "Helvetica", 7.5
    bc.barLabels.boxAnchor, bc.barLabels.dx = "w", 3
    gb.add(bc)
    return gb


def _bagian_grafik(d: dict, lang: str, g: dict, padat: bool = False) -> list:
    asof = d["asof"]
    kolom = (WIDTH - 14) / 2
    cak = _grafik_cakupan(d, lang, kolom, padat)
    ang = _grafik_anggaran(d, lang, kolom, 190 if padat else 240)
    tanpa = d["cakupan_semua"][d["cakupan_semua"]["cakupan_persen"].isna()]["nama_kecamatan"].tolist()
    ada_batang = len(tanpa) < len(d["cakupan_semua"])
    ket_cak = (labels.t("peringkat_ket", lang) + (
        " " + labels.t("tanpa_sasaran", lang, daftar=", ".join(tanpa)) if tanpa else "")) if ada_batang else ""
    pro = d["proyeksi"]
    ket_ang = ""
    if pro["cukup"] is not None:
        kunci = "proyeksi_cukup" if pro["cukup"] else "proyeksi_kurang"
        kalimat = labels.t(kunci, lang, tahun=asof.tahun, selisih=fmt.rupiah_short(abs(pro["selisih"]), lang),
                          proyeksi=fmt.rupiah_short(pro["proyeksi"], lang))
        # label texts mark emphasis with **markdown**: bold here
        ket_ang = re.sub(r"\*\*(.*?)\*\*", r"<b>\1</b>", _e(kalimat)) + " " + _e(_t("anggaran_ket", lang))
    # Each column is its own stack (title, chart, caption), so a short chart keeps its caption close.
    t = Table([[[_p(_e(_t("judul_cakupan", lang, tahun=asof.tahun)), g["h3"]), Spacer(1, 3), cak, Spacer(1, 3),
                 _p(_e(ket_cak), g["kecil"])],
                [_p(_e(_t("judul_anggaran", lang, tahun=asof.tahun)), g["h3"]), Spacer(1, 3), ang, Spacer(1, 3),
                 _p(ket_ang, g["kecil"])]]],
              colWidths=[kolom + 7, kolom + 7])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 7), ("TOPPADDING", (0, 0), (-1, -1), 2),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return [t]


def _bagian_klaim(d: dict, lang: str, g: dict) -> list:
    asof, ly = d["asof"], d["layanan"]
    kolom = (WIDTH - 14) / 2
    if ly["diajukan"] == 0:
        teks = _t("layanan_kosong", lang)
    else:
        teks = _t("layanan" if ly["dibayar"] else "layanan_tanpa_bayar", lang,
                  diajukan=fmt.number(ly["diajukan"]), dibayar=fmt.number(ly["dibayar"]),
                  median=fmt.number(ly["median_hari"]), terlama=fmt.number(ly["terlama_hari"]),
                  lebih=fmt.number(ly["lebih_30_hari"]), ditolak=fmt.number(ly["ditolak"]),
                  tolak=fmt.percent(ly["tingkat_penolakan_persen"]), proses=fmt.number(ly["proses"]))
    if ly.get("manfaat_per_rupiah") is not None:
        teks += " " + _t("manfaat", lang, nilai="Rp " + fmt.number(ly["manfaat_per_rupiah"], 2))
    judul = _p(_e(_t("judul_klaim", lang, tahun=asof.tahun, bulan=fmt.month(str(asof), lang))), g["h3"])
    t = Table([[judul, ""], [_grafik_klaim(d, lang, kolom), _p(_e(teks), g["dasar"])]],
              colWidths=[kolom + 7, kolom + 7])
    t.setStyle(TableStyle([("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                           ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return [Spacer(1, 4), t]


def _bagian_temuan(d: dict, lang: str, g: dict, padat: bool = False) -> list:
    tm = d["temuan"]
    ada = tm[tm["jumlah"] > 0].sort_values(["nominal", "jumlah"], ascending=False, kind="stable")
    judul = _p(_e(_t("judul_temuan", lang, bulan=fmt.month(str(d["asof"]), lang))), g["h2"])
    if ada.empty:
        return [judul, _p(_e(_t("tanpa_temuan", lang)), g["dasar"])]
    baris = [[_p(f"<b>{_e(labels.t('kolom_temuan', lang))}</b>", g["sel"]),
              _p(f"<b>{_e(labels.t('kolom_jumlah', lang))}</b>", g["sel"]),
              _p(f"<b>{_e(labels.t('kolom_nominal', lang))}</b>", g["sel"])]]
    for r in ada.head(MAX_TEMUAN_ROWS - (2 if padat else 0)).itertuples():
        baris.append([_p(_e(labels.temuan_label(r.kode_temuan, "nama", lang)), g["sel"]), fmt.number(r.jumlah),
                      fmt.rupiah(r.nominal)])
    baris.append([_p(f"<b>{_e(_t('total_temuan', lang))}</b>", g["sel"]),
                  fmt.number(int(tm["jumlah"].sum())), fmt.rupiah(d["ringkasan"]["rp_berisiko"])])
    t = Table(baris, colWidths=[WIDTH - 175, 65, 110], repeatRows=1)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5), ("FONT", (1, -1), (-1, -1), "Helvetica-Bold", 8.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, C_HITAM), ("LINEABOVE", (0, -1), (-1, -1), 0.8, C_HITAM),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, LIGHT_GREY]),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]))
    return [KeepTogether([judul, t, Spacer(1, 2), _p(_e(_t("temuan_ket", lang)), g["kecil"])])]


def _bagian_tanya(daftar: list[dict], lang: str, g: dict) -> list:
    isi = [_p(_e(_t("judul_tanya", lang)), g["h2"]), _p(_e(_t("tanya_ket", lang)), g["kecil"]), Spacer(1, 4)]
    if not daftar:
        isi.append(_p(_e(_t("tanpa_tanya", lang)), g["dasar"]))
    for i, q in enumerate(daftar, 1):
        teks, angka = _e(q["teks"]), _e(q["angka"])
        teks = teks.replace(angka, f"<b>{angka}</b>", 1)
        isi.append(Paragraph(_lem(teks), g["tanya"], bulletText=f"{i}."))
    # One block: the questions start on a fresh page rather than one of them at the foot of page 1.
    return [Spacer(1, 8), KeepTogether(isi)]


def _bagian_sumber(d: dict, lang: str, g: dict, maks: int = 12) -> list:
    s = d["sumber"]
    dipakai = s[s["dipakai"]] if len(s) else s
    isi = [_p(_e(_t("judul_sumber", lang)), g["h2"])]
    if dipakai.empty:
        return isi + [_p(_e(_t("tanpa_sumber", lang)), g["kecil"])]
    kepala = [_t(k, lang) for k in ("kolom_file", "kolom_jenis", "kolom_waktu", "kolom_baris", "kolom_sha")]
    baris = [[_p(f"<b>{_e(k)}</b>", g["sel_kecil"]) for k in kepala]]
    for r in dipakai.head(maks).itertuples():
        waktu = pd.Timestamp(r.waktu)
        baris.append([_p(_e(r.nama_file), g["sel_kecil"]), r.jenis,
                      f"{fmt.date(waktu.date(), lang)} {waktu:%H:%M}", fmt.number(r.baris_dimuat),
                      str(r.sha256)[:12]])
    t = Table(baris, colWidths=[WIDTH - 300, 60, 105, 55, 80])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7.3), ("FONT", (4, 1), (4, -1), "Courier", 7.3),
        ("TEXTCOLOR", (0, 0), (-1, -1), GREY), ("ALIGN", (3, 0), (3, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE_COLOUR),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    isi.append(t)
    if len(dipakai) > maks:
        isi.append(_p(_e(_t("sumber_lain", lang, n=len(dipakai) - maks)), g["kecil"]))
    isi += [Spacer(1, 3), _p(_e(_t("sumber_ket", lang, asof=str(d["asof"]))), g["kecil"])]
    return [KeepTogether(isi)]


# ------------------------------------------------------------------ page frame

class _Kanvas(rl_canvas.Canvas):
    """Draws the footer after the last page is known, so it can say 'page 1 of 2'."""

    def __init__(self, *a, kaki=None, **kw):
        super().__init__(*a, **kw)
        self._kaki = kaki
        self._simpanan: list[dict] = []

    def showPage(self):
        self._simpanan.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._simpanan)
        for i, keadaan in enumerate(self._simpanan, 1):
            self.__dict__.update(keadaan)
            if self._kaki:
                self._kaki(self, i, total)
            super().showPage()
        super().save()


def _gambar_kaki(c: rl_canvas.Canvas, n: int, total: int, *, lang: str, asof: AsOf, simulasi: bool) -> None:
    c.saveState()
    y = 9 * mm
    c.setStrokeColor(RULE_COLOUR)
    c.setLineWidth(0.5)
    c.line(MARGIN, y + 9, HALAMAN_W - MARGIN, y + 9)
    c.setFont("Helvetica", 7.5)
    c.setFillColor(GREY)
    c.drawString(MARGIN, y, _t("kaki", lang, bulan=fmt.month(str(asof), lang),
                             tanggal=fmt.date(dt.date.today(), lang)))
    c.drawRightString(HALAMAN_W - MARGIN, y, _t("halaman", lang, n=n, total=total))
    if simulasi:
        c.setFont("Helvetica-Bold", 9)
        c.setFillColor(C_RED)
        c.drawCentredString(HALAMAN_W / 2 + 60, y, _t("stempel", lang))
    c.restoreState()


def page_count(pdf: bytes) -> int:
    """Number of pages of a PDF ReportLab wrote (its page tree root)."""
    m = re.search(rb"/Count (\d+) /Kids", pdf)
    return int(m.group(1)) if m else 0


def build_pdf(con, asof: AsOf | None, out_path_or_buffer: str | Path | BinaryIO | None = None, *,
             saringan: Filter | None = None, lang: str = "id") -> bytes:
    """Write the briefing for `asof` (None: figures.bulan_terakhir) and return the PDF bytes.

    out_path_or_buffer: a file path, a binary file object, or None (only return the bytes,
    e.g. for a Streamlit download button)."""
    _cek_lang(lang)
    if asof is None:
        asof = figures.latest_month(con)
        if asof is None:
            raise InputError("basis data belum berisi data; jalankan ingest dulu")
    d = _kumpulkan(con, asof, saringan)
    daftar = _tanya(d, lang)
    isi = _susun(d, daftar, asof, lang, padat=False)
    if page_count(isi) > 2:      # not expected with the limits above; a denser layout keeps the promise
        isi = _susun(d, daftar, asof, lang, padat=True)
    if out_path_or_buffer is None:
        return isi
    if isinstance(out_path_or_buffer, (str, Path)):
        p = Path(out_path_or_buffer)
        p.parent.mkdir(parents=True, exist_ok=True)
        sementara = p.with_name(f".{p.name}.tmp")
        sementara.write_bytes(isi)
        sementara.replace(p)       # no half-written PDF if the disk fills up
    else:
        out_path_or_buffer.write(isi)
    return isi


def _susun(d: dict, daftar: list[dict], asof: AsOf, lang: str, *, padat: bool) -> bytes:
    g = _gaya(padat)
    cerita = []
    cerita += _kepala(d, lang, g)
    cerita.append(_kartu(d, lang, g))
    cerita += _bagian_grafik(d, lang, g, padat)
    cerita += _bagian_klaim(d, lang, g)
    cerita += _bagian_temuan(d, lang, g, padat)
    cerita += _bagian_tanya(daftar, lang, g)
    cerita += [Spacer(1, 6)] + _bagian_sumber(d, lang, g, maks=6 if padat else 12)

    buf = io.BytesIO()
    judul = f"{_t('judul', lang)} — {fmt.month(str(asof), lang)}"
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=ATAS,
                          bottomMargin=BAWAH, title=judul, author="Pengawasan UCJ Kota Bekasi",
                          subject=_t("subjudul", lang), creator="ucj_oversight.briefing", lang=lang)
    # A frame without padding, so that LEBAR is exactly the width flowables get.
    bingkai = Frame(MARGIN, BAWAH, WIDTH, HALAMAN_H - ATAS - BAWAH, leftPadding=0, rightPadding=0,
                    topPadding=0, bottomPadding=0, id="isi")
    doc.addPageTemplates([PageTemplate(id="halaman", frames=[bingkai])])
    kaki = functools.partial(_gambar_kaki, lang=lang, asof=asof, simulasi=d["simulasi"])
    doc.build(cerita, canvasmaker=functools.partial(_Kanvas, kaki=kaki))
    return buf.getvalue()
