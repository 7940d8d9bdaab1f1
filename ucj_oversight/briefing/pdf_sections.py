"""The sections of the briefing page as ReportLab flowables: styles, header, headline cards, the
two chart columns, claims, the findings table, the oversight questions and the data sources.

Page geometry (A4, margins, WIDTH) is defined here; pdf.py puts the sections in a frame of
exactly WIDTH and adds the footer.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from ucj_oversight import figures, regions
from ucj_oversight.briefing.content import MAX_QUESTIONS, MAX_TEMUAN_ROWS, phrase
from ucj_oversight.briefing.pdf_charts import (
    C_BLACK,
    C_BLUE,
    C_RED,
    FONT,
    FONT_BOLD,
    GREY,
    LIGHT_GREY,
    RULE_COLOUR,
    anggaran_chart,
    cakupan_chart,
    cakupan_map,
    klaim_chart,
    map_column,
)
from ucj_oversight.text import fmt, labels

PAGE_W, PAGE_H = A4
MARGIN = 14 * mm
TOP, BOTTOM = 12 * mm, 16 * mm
WIDTH = PAGE_W - 2 * MARGIN


# ------------------------------------------------------------------ styles


def make_styles(dense: bool = False) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, bulletFontName=FONT, fontSize=9, leading=11.5, alignment=TA_LEFT)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=19, leading=23),
        "sub": ParagraphStyle("sub", base, fontSize=9.5, leading=12, textColor=GREY),
        "as_of": ParagraphStyle("as_of", base, fontName=FONT_BOLD, fontSize=12, leading=15),
        "h2": ParagraphStyle("h2", base, fontName=FONT_BOLD, fontSize=11.5, leading=14, spaceBefore=4, spaceAfter=3),
        "h3": ParagraphStyle("h3", base, fontName=FONT_BOLD, fontSize=9.5, leading=12),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=9.3, textColor=GREY),
        "card_title": ParagraphStyle(
            "card_title", base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5, textColor=GREY
        ),
        "card_note": ParagraphStyle("card_note", base, fontSize=8, leading=10),
        "question": ParagraphStyle(
            "question",
            base,
            fontSize=9 if dense else 10,
            leading=11.5 if dense else 13,
            leftIndent=21,
            bulletIndent=0,
            spaceAfter=3 if dense else 5,
        ),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10.5),
        "cell_small": ParagraphStyle("cell_small", base, fontSize=7.3, leading=9),
        "simulated": ParagraphStyle(
            "simulated", base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5, textColor=colors.white
        ),
    }


_RP = re.compile(r"Rp (\d[\d.,]*\d|\d)(?: (ribu|juta|miliar|triliun|thousand|million|billion|trillion)\b)?")


def _nbsp_amounts(text: str) -> str:
    """Keep an amount on one line: 'Rp 1,7 juta' is never broken after 'Rp' or before 'juta'."""
    return _RP.sub(lambda m: "Rp\u00a0" + m.group(1) + ("\u00a0" + m.group(2) if m.group(2) else ""), text)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_nbsp_amounts(text), style)


def _e(text) -> str:
    return escape(str(text))


def _fit_size(text: str, font: str, width: float, largest: float, smallest: float = 10) -> float:
    """The largest font size (<= largest) at which text fits in width."""
    size = largest
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


# ------------------------------------------------------------------ page parts


def header(d: dict, lang: str, styles: dict) -> list:
    asof, s = d["asof"], d["filter"]
    if s.kecamatan:
        name = d["cakupan"]["nama_kecamatan"].iloc[0] if len(d["cakupan"]) else s.kecamatan
        area = phrase("wilayah_kec", lang, nama=_e(name))
    else:
        area = phrase("wilayah_kota", lang)
    if s.segmen:
        area += ", " + phrase("segmen", lang, nama=_e(labels.segmen_label(s.segmen)))
    parts = [
        _p(_e(phrase("judul", lang)), styles["title"]),
        _p(_e(phrase("subjudul", lang)), styles["sub"]),
        Spacer(1, 3),
        _p(_e(phrase("posisi", lang, tanggal=fmt.date(asof.end, lang))) + " · " + area, styles["as_of"]),
    ]
    if s.kecamatan:
        parts.append(_p(_e(phrase("wilayah_kec_ket", lang)), styles["small"]))
    if d["simulated"]:
        stamp = Table([[_p(_e(labels.t("simulasi", lang)), styles["simulated"])]], colWidths=[WIDTH])
        stamp.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                    ("BACKGROUND", (0, 0), (-1, -1), C_RED),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        parts += [Spacer(1, 5), stamp]
    return parts


def cards(d: dict, lang: str, styles: dict) -> Table:
    rk = d["ringkasan"]
    n_cards = 5
    card_width = (WIDTH - (n_cards - 1) * 6) / n_cards
    inner = card_width - 14

    def big(text: str, colour=C_BLACK):
        size = _fit_size(text, FONT_BOLD, inner - 2, 22, smallest=8)
        shown = _e(text).replace(" ", "&nbsp;")  # one line: an amount is never split
        return _p(
            f'<font name="{FONT_BOLD}" size="{size}" color="{colour.hexval()}">{shown}</font>',
            ParagraphStyle("big", styles["base"], leading=size * 1.15, spaceBefore=2, spaceAfter=2),
        )

    def line(label: str, value: str) -> Paragraph:
        """A label, then its value in bold on one unbroken line (sized to the card)."""
        size = _fit_size(value, FONT_BOLD, inner - 2, 12, smallest=7)
        return _p(
            _e(label) + f'<br/><font name="{FONT_BOLD}" size="{size}">{_e(value).replace(" ", "&nbsp;")}</font>',
            ParagraphStyle("line", styles["card_note"], leading=size + 3),
        )

    mn, pl = d["menunggak"], d["perlindungan"]
    semesta = (
        [
            line(phrase("cakupan_semesta_baris", lang), fmt.percent(rk["cakupan_semesta_persen"], lang=lang)),
            _p(_e(phrase("semesta_ket", lang, semesta=fmt.number(rk["semesta"], lang=lang))), styles["card_note"]),
        ]
        if rk["semesta"]
        else [_p(_e(phrase("semesta_tidak_ada", lang)), styles["card_note"])]
    )
    card_cells = [
        [
            _p(_e(labels.t("kartu_peserta", lang)), styles["card_title"]),
            big(fmt.number(rk["peserta_aktif"], lang=lang)),
            line(phrase("cakupan_baris", lang), fmt.percent(rk["capaian_kuota_persen"], lang=lang)),
            _p(_e(phrase("cakupan_ket", lang, sasaran=fmt.number(rk["sasaran"], lang=lang))), styles["card_note"]),
            *semesta,
        ],
        [
            _p(_e(labels.t("kartu_serapan", lang)), styles["card_title"]),
            big(fmt.percent(rk["serapan_persen"], lang=lang)),
            _p(
                _e(
                    labels.t(
                        "kartu_serapan_ket",
                        lang,
                        realisasi=fmt.rupiah_short(rk["realisasi_kumulatif"], lang),
                        pagu=fmt.rupiah_short(rk["pagu"], lang),
                    )
                ),
                styles["card_note"],
            ),
        ],
        [
            _p(_e(labels.t("kartu_klaim", lang)), styles["card_title"]),
            big(fmt.rupiah_short(rk["klaim_dibayar_nominal"], lang)),
            _p(
                _e(labels.t("kartu_klaim_ket", lang, jumlah=fmt.number(rk["klaim_dibayar_jumlah"], lang=lang))),
                styles["card_note"],
            ),
        ],
        [
            _p(_e(labels.t("kartu_menunggak", lang)), styles["card_title"]),
            big(fmt.number(mn["bulan_menunggak"], lang=lang), C_RED if mn["bulan_menunggak"] > 0 else C_BLACK),
            _p(
                _e(
                    labels.t(
                        "kartu_menunggak_ket",
                        lang,
                        rp=fmt.rupiah_short(mn["tunggakan"], lang),
                        hari=fmt.number(mn["terlama_hari"] or 0, lang=lang),
                    )
                    if mn["bulan_menunggak"] > 0
                    else labels.t("kartu_menunggak_nol", lang)
                ),
                styles["card_note"],
            ),
            line(labels.t("kartu_tanpa_lindung", lang), fmt.number(pl["tidak_terlindungi"], lang=lang)),
            _p(
                _e(
                    phrase(
                        "lindung_ket",
                        lang,
                        rb=fmt.number(pl["registrasi_bulan_tanpa_lindung"], lang=lang),
                        tahun=d["asof"].year,
                    )
                ),
                styles["card_note"],
            ),
        ],
        [
            _p(_e(phrase("kartu_klarifikasi", lang)), styles["card_title"]),
            line(phrase("klarifikasi_apbd", lang), fmt.rupiah_short(rk["apbd_klarifikasi"], lang)),
            line(phrase("klarifikasi_manfaat", lang), fmt.rupiah_short(rk["manfaat_klarifikasi"], lang)),
            _p(_e(phrase("klarifikasi_ket", lang)), styles["card_note"]),
        ],
    ]
    t = Table([card_cells], colWidths=[card_width] * n_cards, spaceBefore=6, spaceAfter=4)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]
    # Cards are separated by white gaps: a white grid over the grey background.
    style += [("BACKGROUND", (i, 0), (i, 0), LIGHT_GREY) for i in range(n_cards)]
    style += [("LINEAFTER", (0, 0), (n_cards - 2, 0), 6, colors.white)]
    style += [("LINEABOVE", (i, 0), (i, 0), 2.5, c) for i, c in enumerate((C_BLUE, C_BLUE, C_BLUE, C_RED, C_RED))]
    t.setStyle(TableStyle(style))
    return t


def charts_section(d: dict, lang: str, styles: dict, dense: bool = False) -> list:
    asof = d["asof"]
    column = (WIDTH - 14) / 2
    cak = cakupan_chart(d, lang, column, dense)
    # The map beside the ranking, as high as the ranking (at least 230 pt: a readable city).
    peta = cakupan_map(d, lang, column, max(230.0, cak.height))
    if map_column(d["cakupan_all"]) == "cakupan_semesta_persen":
        map_title = labels.t("peta_judul_semesta", lang, bulan=fmt.month(str(asof), lang))
    else:
        map_title = labels.t("peta_judul", lang, tahun=asof.year, bulan=fmt.month(str(asof), lang))
    ang = anggaran_chart(d, lang, WIDTH, 150 if dense else 175)
    no_target = d["cakupan_all"][d["cakupan_all"]["capaian_kuota_persen"].isna()]["nama_kecamatan"].tolist()
    has_bars = len(no_target) < len(d["cakupan_all"])
    cak_note = (
        (
            labels.t("peringkat_ket", lang)
            + (" " + labels.t("tanpa_sasaran", lang, daftar=", ".join(no_target)) if no_target else "")
        )
        if has_bars
        else ""
    )
    pro = d["proyeksi"]
    ang_note = ""
    if pro["cukup"] is not None:
        key = "proyeksi_cukup" if pro["cukup"] else "proyeksi_kurang"
        sentence = labels.t(
            key,
            lang,
            tahun=asof.year,
            selisih=fmt.rupiah_short(abs(pro["selisih"]), lang),
            proyeksi=fmt.rupiah_short(pro["proyeksi"], lang),
        )
        # label texts mark emphasis with **markdown**: bold here
        ang_note = re.sub(r"\*\*(.*?)\*\*", r"<b>\1</b>", _e(sentence)) + " " + _e(phrase("anggaran_ket", lang))
    # Each column is its own stack (title, chart, caption), so a short chart keeps its caption close.
    t = Table(
        [
            [
                [
                    _p(_e(map_title), styles["h3"]),
                    Spacer(1, 3),
                    peta,
                    Spacer(1, 3),
                    _p(_e(labels.t("peta_sumber", lang, sumber=regions.BOUNDARY_SOURCE)), styles["small"]),
                ],
                [
                    _p(_e(phrase("judul_cakupan", lang, tahun=asof.year)), styles["h3"]),
                    Spacer(1, 3),
                    cak,
                    Spacer(1, 3),
                    _p(_e(cak_note), styles["small"]),
                ],
            ],
            [
                [
                    _p(_e(phrase("judul_anggaran", lang, tahun=asof.year)), styles["h3"]),
                    Spacer(1, 3),
                    ang,
                    Spacer(1, 3),
                    _p(ang_note, styles["small"]),
                ],
                "",
            ],
        ],
        colWidths=[column + 7, column + 7],
    )
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("SPAN", (0, 1), (1, 1)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return [t]


def klaim_section(d: dict, lang: str, styles: dict) -> list:
    asof, ly = d["asof"], d["klaim_layanan"]
    column = (WIDTH - 14) / 2
    if ly["diajukan"] == 0:
        text = phrase("layanan_kosong", lang)
    else:
        text = phrase(
            "layanan" if ly["dibayar"] else "layanan_tanpa_bayar",
            lang,
            diajukan=fmt.number(ly["diajukan"], lang=lang),
            dibayar=fmt.number(ly["dibayar"], lang=lang),
            median=fmt.number(ly["median_hari"], lang=lang),
            terlama=fmt.number(ly["terlama_hari"], lang=lang),
            lebih=fmt.number(ly["lebih_30_hari"], lang=lang),
            ditolak=fmt.number(ly["ditolak"], lang=lang),
            tolak=fmt.percent(ly["tingkat_penolakan_persen"], lang=lang),
            proses=fmt.number(ly["proses"], lang=lang),
        )
    if ly.get("manfaat_per_rupiah") is not None:
        text += " " + phrase("manfaat", lang, nilai="Rp " + fmt.number(ly["manfaat_per_rupiah"], 2, lang=lang))
    title = _p(_e(phrase("judul_klaim", lang, tahun=asof.year, bulan=fmt.month(str(asof), lang))), styles["h3"])
    t = Table(
        [[title, ""], [klaim_chart(d, lang, column), _p(_e(text), styles["base"])]], colWidths=[column + 7, column + 7]
    )
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),  # the empty cell too: no unembedded default font
                ("SPAN", (0, 0), (1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return [Spacer(1, 4), KeepTogether([t])]  # the title never alone at the foot of a page


def temuan_section(d: dict, lang: str, styles: dict, dense: bool = False) -> list:
    tm = d["temuan"]
    found = tm[tm["jumlah"] > 0].sort_values(["nominal", "jumlah"], ascending=False, kind="stable")
    title = _p(_e(phrase("judul_temuan", lang, bulan=fmt.month(str(d["asof"]), lang))), styles["h2"])
    if found.empty:
        return [title, _p(_e(phrase("tanpa_temuan", lang)), styles["base"])]
    rows = [
        [
            _p(f"<b>{_e(labels.t('kolom_temuan', lang))}</b>", styles["cell"]),
            _p(f"<b>{_e(labels.t('kolom_jumlah', lang))}</b>", styles["cell"]),
            _p(f"<b>{_e(labels.t('kolom_nominal', lang))}</b>", styles["cell"]),
        ]
    ]
    for r in found.head(MAX_TEMUAN_ROWS - (2 if dense else 0)).itertuples():
        rows.append(
            [
                _p(_e(labels.temuan_label(r.kode_temuan, "nama", lang)), styles["cell"]),
                fmt.number(r.jumlah, lang=lang),
                fmt.rupiah(r.nominal, lang),
            ]
        )
    # Two totals, never added together: the city budget's and BPJS benefits'.
    rk = d["ringkasan"]
    for key, codes, amount in (
        ("total_apbd", figures.TEMUAN_APBD, rk["apbd_klarifikasi"] + rk["apbd_klarifikasi_kota"]),
        ("total_manfaat", figures.TEMUAN_MANFAAT, d["ringkasan"]["manfaat_klarifikasi"]),
    ):
        rows.append(
            [
                _p(f"<b>{_e(phrase(key, lang))}</b>", styles["cell"]),
                fmt.number(int(tm.loc[tm["kode_temuan"].isin(codes), "jumlah"].sum()), lang=lang),
                fmt.rupiah(amount, lang),
            ]
        )
    t = Table(rows, colWidths=[WIDTH - 175, 65, 110], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("FONT", (1, -2), (-1, -1), FONT_BOLD, 8.5),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, C_BLACK),
                ("LINEABOVE", (0, -2), (-1, -2), 0.8, C_BLACK),
                ("ROWBACKGROUNDS", (0, 1), (-1, -3), [colors.white, LIGHT_GREY]),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [KeepTogether([title, t, Spacer(1, 2), _p(_e(phrase("temuan_ket", lang)), styles["small"])])]


def questions_section(questions: list[dict], lang: str, styles: dict) -> list:
    parts = [
        _p(_e(phrase("judul_tanya", lang)), styles["h2"]),
        _p(_e(phrase("tanya_ket", lang)), styles["small"]),
        Spacer(1, 4),
    ]
    if not questions:
        parts.append(_p(_e(phrase("tanpa_tanya", lang)), styles["base"]))
    for i, q in enumerate(questions[:MAX_QUESTIONS], 1):
        text, figure = _e(q["text"]), _e(q["figure"])
        text = text.replace(figure, f"<b>{figure}</b>", 1)
        parts.append(Paragraph(_nbsp_amounts(text), styles["question"], bulletText=f"{i}."))
    rest = questions[MAX_QUESTIONS:]
    if rest:  # two pages at most: the rest are named, and all are on the dashboard
        codes = ", ".join(dict.fromkeys(q["code"] for q in rest))
        parts.append(_p(_e(phrase("tanya_lainnya", lang, n=len(rest), kode=codes)), styles["small"]))
    # One block: the questions start on a fresh page rather than one of them at the foot of page 1.
    return [Spacer(1, 8), KeepTogether(parts)]


def sources_section(d: dict, lang: str, styles: dict, limit: int = 12) -> list:
    s = d["sumber_impor"]
    used = s[s["dipakai"]] if len(s) else s
    parts = [_p(_e(phrase("judul_sumber", lang)), styles["h2"])]
    if used.empty:
        return parts + [_p(_e(phrase("tanpa_sumber", lang)), styles["small"])]
    head = [phrase(k, lang) for k in ("kolom_file", "kolom_jenis", "kolom_waktu", "kolom_baris", "kolom_sha")]
    rows = [[_p(f"<b>{_e(k)}</b>", styles["cell_small"]) for k in head]]
    for r in used.head(limit).itertuples():
        when = pd.Timestamp(r.waktu)
        rows.append(
            [
                _p(_e(r.nama_file), styles["cell_small"]),
                r.jenis,
                f"{fmt.date(when.date(), lang)} {when:%H:%M}",
                fmt.number(r.baris_dimuat, lang=lang),
                str(r.sha256)[:12],
            ]
        )
    t = Table(rows, colWidths=[WIDTH - 300, 60, 105, 55, 80])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 7.3),
                ("TEXTCOLOR", (0, 0), (-1, -1), GREY),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE_COLOUR),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    parts.append(t)
    if len(used) > limit:
        parts.append(_p(_e(phrase("sumber_lain", lang, n=len(used) - limit)), styles["small"]))
    parts += [Spacer(1, 3), _p(_e(phrase("sumber_ket", lang, asof=str(d["asof"]))), styles["small"])]
    return [KeepTogether(parts)]
