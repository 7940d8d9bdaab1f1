"""Klaim: what benefits reached workers and families, how fast, and how often refused."""

import streamlit as st

from ucj_oversight import disclosure, figures, settings
from ucj_oversight.text import fmt
from ucj_oversight.web import charts, page

k = page.require_context()
v = page.view(k, "klaim")
if v is None:
    st.title(k.t("klaim_judul", tahun=k.asof.year, bulan=k.month_text))
    page.sources_and_position(k)

prog = page.figure(k, figures.klaim_program)
# JHT only when there are JHT claims (the programme pays JKK and JKM): no row of zeros.
prog = prog[(prog["program"] != "JHT") | (prog["jumlah_klaim"].fillna(1) > 0)]
lay = page.figure(k, figures.klaim_layanan)
by_program = {r.program: r for r in prog.itertuples()}


def monthly_chart() -> None:
    """Claims paid per month of the year, stacked by programme."""
    months = [f"{k.asof.year}-{m:02d}" for m in range(1, k.asof.month.month + 1)]
    page.chart(
        charts.klaim_bulanan(
            page.figure(k, figures.klaim_bulanan), months, k.t("klaim_bulan_judul", tahun=k.asof.year), k.lang
        ),
        key="grafik_klaim_bulan",
    )


def kecamatan_chart() -> None:
    """Claims paid per kecamatan, the whole city for context (whatever the kecamatan filter)."""
    d = page.figure(k, figures.klaim_kecamatan, filter=k.city_wide)  # the chart ranks them
    page.chart(
        charts.simple_bar(
            d["nama_kecamatan"],
            d["nominal_dibayar"],
            k.t("klaim_kec_judul", tahun=k.asof.year, bulan=k.month_text),
            "Rp",
            rupiah=True,
            lang=k.lang,
        ),
        key="grafik_klaim_kec",
    )


if v in ("bulanan", "kecamatan"):
    if v == "bulanan":
        monthly_chart()
    else:
        kecamatan_chart()
    st.stop()

c1, c2, c3 = st.columns(3)
for column, program, key in ((c1, "JKK", "kartu_klaim_jkk"), (c2, "JKM", "kartu_klaim_jkm")):
    r = by_program[program]
    count_text, amount_text = page.klaim_card(k, r.jumlah_klaim, r.nominal_dibayar)
    page.card(column, k.t(key), amount_text, k.t("kartu_klaim_prog_ket", jumlah=count_text), k.t("kartu_klaim_help"))
manfaat = lay["manfaat_per_rupiah"]
page.card(
    c3,
    k.t("kartu_manfaat"),
    ("Rp " + fmt.number(manfaat, 2, lang=k.lang)) if manfaat is not None else fmt.EMPTY,
    k.t("kartu_manfaat_ket") if manfaat is not None else k.t("manfaat_kota_saja"),
    k.t("kartu_manfaat_help"),
)
if v == "kartu":
    st.stop()
c4, c5, _ = st.columns(3)


def n(count) -> str:  # counts of claims: '<5' in public mode when 1-4
    return page.people_card(count, k.lang)


if settings.public_mode() and disclosure.needs_suppression(lay["dibayar"]):
    # Days to payment of fewer than five claims would describe individual claims.
    median, days_note = k.t("disamarkan"), k.t("disamarkan")
else:
    median = (
        (fmt.number(lay["median_hari"], lang=k.lang) + " " + k.t("hari"))
        if lay["median_hari"] is not None
        else fmt.EMPTY
    )
    days_note = k.t(
        "kartu_median_ket", terlama=fmt.number(lay["terlama_hari"], lang=k.lang), lebih=n(lay["lebih_30_hari"])
    )
page.card(c4, k.t("kartu_median"), median, days_note, k.t("kartu_median_help"))
decided = lay["ditolak"] + lay["dibayar"]
rejection = (
    k.t("disamarkan")
    if settings.public_mode() and disclosure.needs_suppression(decided)
    else fmt.percent(lay["tingkat_penolakan_persen"], lang=k.lang)
)
page.card(
    c5,
    k.t("kartu_penolakan"),
    rejection,
    k.t("kartu_penolakan_ket", ditolak=n(lay["ditolak"]), diputus=n(decided), proses=n(lay["proses"])),
    k.t("kartu_penolakan_help"),
)

if prog["jumlah_klaim"].fillna(1).sum() == 0:  # a hidden (public-mode) count is not zero
    st.info(k.t("tanpa_klaim"))
else:
    left, right = st.columns([1, 1])
    with left:
        monthly_chart()
    with right:
        kecamatan_chart()
st.subheader(k.t("tabel_klaim"))
kk = page.figure(k, figures.klaim_kecamatan)
amounts = ["jkk_jumlah", "jkk_nominal", "jkm_jumlah", "jkm_nominal", "jumlah_klaim", "nominal_dibayar"]
page.table(
    k,
    page.by_name(kk, "nama_kecamatan"),
    figures.klaim_kecamatan,
    ["nama_kecamatan", *amounts],
    totals=amounts,
)
page.table(
    k,
    prog,
    figures.klaim_program,
    ["program", "jumlah_klaim", "nominal_dibayar"],
    totals=["jumlah_klaim", "nominal_dibayar"],
)

st.subheader(k.t("klaim_ditolak_judul", bulan=k.month_text))
refused = page.figure(k, figures.klaim_ditolak)
if refused.empty:
    st.info(k.t("tanpa_klaim_ditolak"))
else:
    # A count public mode hides is a 'disamarkan' row at the bottom (every one hidden: a sentence).
    page.chart(
        charts.simple_bar(
            refused["alasan_tolak"],
            refused["jumlah_klaim"],
            k.t("klaim_ditolak_judul", bulan=k.month_text),
            k.t("kolom_jumlah_klaim"),
            lang=k.lang,
        ),
        key="grafik_klaim_ditolak",
    )
    page.table(
        k,
        refused,
        figures.klaim_ditolak,
        ["alasan_tolak", "jumlah_klaim", "saat_tunggakan"],
        totals=["jumlah_klaim", "saat_tunggakan"],
    )
