"""Anggaran: is the money spent as planned, billed as it should be, and enough to year end?"""

import streamlit as st

from ucj_oversight import figures
from ucj_oversight.text import fmt
from ucj_oversight.web import charts, page

k = page.require_context()
v = page.view(k, "anggaran")
ang = page.figure(k, figures.anggaran_bulanan)
pro = page.figure(k, figures.proyeksi_akhir_tahun)
if v is not None:
    if v == "kumulatif":
        page.chart(
            charts.cumulative_anggaran(ang, pro, k.t("kumulatif_judul", tahun=k.asof.year), k.lang),
            key="grafik_kumulatif",
        )
    elif v == "sp2d":
        page.chart(charts.sp2d_bulanan(ang, k.t("sp2d_judul", tahun=k.asof.year), k.lang), key="grafik_sp2d")
    else:
        page.chart(
            charts.rekonsiliasi(
                page.figure(k, figures.rekonsiliasi_iuran), k.t("rekon_judul", tahun=k.asof.year), k.lang
            ),
            key="grafik_rekon",
        )
    st.stop()


def timeliness_section() -> None:
    """Were the premiums paid by their due date (city-wide), and who lost protection (per kecamatan)."""
    ktp = page.figure(k, figures.ketepatan_bayar)
    arrears = page.figure(k, figures.bulan_menunggak)
    st.subheader(k.t("tabel_ketepatan"))
    page.chart(charts.hari_terlambat(ktp, k.t("ketepatan_judul", tahun=k.asof.year), k.lang), key="grafik_terlambat")
    st.caption(k.t("ketepatan_ket"))
    if arrears["bulan_menunggak"]:
        st.warning(
            f"**{k.t('kartu_menunggak')}: {fmt.number(arrears['bulan_menunggak'], lang=k.lang)}** — "
            + k.t(
                "kartu_menunggak_ket",
                rp=fmt.rupiah(arrears["tunggakan"], k.lang),
                hari=fmt.number(arrears["terlama_hari"], lang=k.lang),
            )
        )
    if arrears["sp2d_tidak_teratribusi"]:
        st.info(k.t("tidak_teratribusi", rp=fmt.rupiah(arrears["sp2d_tidak_teratribusi"], k.lang)))
    page.table(
        k,
        ktp,
        figures.ketepatan_bayar,
        ["bulan", "ditagih", "dibayar", "jatuh_tempo", "tgl_lunas", "hari_terlambat", "tunggakan"],
        totals=["ditagih", "dibayar", "tunggakan"],
    )
    lindung = page.figure(k, figures.perlindungan_kecamatan)
    st.subheader(k.t("perlindungan_judul", bulan=k.month_text))
    page.table(
        k,
        page.by_name(lindung, "nama_kecamatan"),
        figures.perlindungan_kecamatan,
        ["nama_kecamatan", "peserta_aktif", "tidak_terlindungi", "registrasi_bulan_tanpa_lindung"],
        totals=["peserta_aktif", "tidak_terlindungi", "registrasi_bulan_tanpa_lindung"],
    )


st.title(k.t("anggaran_judul", tahun=k.asof.year, bulan=k.month_text))
page.sources_and_position(k)
if k.filter.kecamatan or k.filter.segmen:
    st.info(k.t("filter_tidak_berlaku"))

cost = page.figure(k, figures.biaya_per_peserta_bulan)
if ang.empty or ang["pagu"].iloc[-1] == 0:
    st.warning(k.t("tanpa_anggaran", tahun=k.asof.year))

last = ang.iloc[-1]
c1, c2, c3, c4 = st.columns(4)
page.card(
    c1,
    k.t("kartu_pagu"),
    fmt.rupiah_short(last["pagu"], k.lang),
    fmt.rupiah(last["pagu"], k.lang),
    k.t("kartu_serapan_help"),
)
page.card(
    c2,
    k.t("kartu_realisasi"),
    fmt.rupiah_short(last["realisasi_kumulatif"], k.lang),
    k.t("kartu_serapan") + " " + fmt.percent(last["serapan_persen"], lang=k.lang),
    k.t("kartu_serapan_help"),
)
page.card(
    c3,
    k.t("kartu_biaya"),
    fmt.rupiah(cost["biaya_per_peserta_bulan"], k.lang),
    k.t("kartu_biaya_ket", tarif=fmt.rupiah(cost["tarif"], k.lang)),
    k.t("biaya_ket", n=fmt.number(cost["registrasi_bulan"], lang=k.lang)),
)
page.card(
    c4,
    k.t("kartu_proyeksi"),
    fmt.rupiah_short(pro["proyeksi"], k.lang),
    # In words, not a sign: a projection over the pagu means the pagu falls short.
    k.t(
        "pagu_bersisa" if pro["selisih"] >= 0 else "pagu_kurang",
        rp=fmt.rupiah_short(abs(pro["selisih"]), k.lang),
    ),
    k.t(
        "proyeksi_cara",
        n=3,
        laju=fmt.rupiah_short(pro["laju_bulanan"], k.lang),
        tren=fmt.number(pro["tren_registrasi_per_bulan"], 1, lang=k.lang),
        sisa=pro["sisa_bulan"],
    ),
)

if pro["cukup"] is not None:
    key = "proyeksi_cukup" if pro["cukup"] else "proyeksi_kurang"
    text = k.t(
        key,
        tahun=k.asof.year,
        selisih=fmt.rupiah(abs(pro["selisih"]), k.lang),
        proyeksi=fmt.rupiah(pro["proyeksi"], k.lang),
    )
    (st.success if pro["cukup"] else st.error)(text)
    st.caption(
        k.t(
            "proyeksi_cara",
            n=3,
            laju=fmt.rupiah(pro["laju_bulanan"], k.lang),
            tren=fmt.number(pro["tren_registrasi_per_bulan"], 1, lang=k.lang),
            sisa=pro["sisa_bulan"],
        )
    )

left, right = st.columns([1, 1])
with left:
    page.chart(
        charts.cumulative_anggaran(ang, pro, k.t("kumulatif_judul", tahun=k.asof.year), k.lang), key="grafik_kumulatif"
    )
with right:
    page.chart(charts.sp2d_bulanan(ang, k.t("sp2d_judul", tahun=k.asof.year), k.lang), key="grafik_sp2d")
st.subheader(k.t("tabel_anggaran"))
page.table(
    k,
    ang,
    figures.anggaran_bulanan,
    ["bulan", "pagu", "realisasi_bulan", "realisasi_kumulatif", "serapan_persen"],
    totals=["realisasi_bulan"],
)

timeliness_section()

rek = page.figure(k, figures.rekonsiliasi_iuran)
page.chart(charts.rekonsiliasi(rek, k.t("rekon_judul", tahun=k.asof.year), k.lang), key="grafik_rekon")
st.caption(k.t("rekon_ket"))
st.subheader(k.t("tabel_rekon"))
columns = ["bulan", "registrasi_tertagih", "iuran_seharusnya", "iuran_ditagih", "selisih"]
if rek["iuran_dibayar"].notna().any():  # paid by SP2D: city-wide only
    columns.append("iuran_dibayar")
# Rupiah adds up over the months; registrations billed per month do not (a person is in every month).
page.table(
    k, rek, figures.rekonsiliasi_iuran, columns, totals=[c for c in columns if c.startswith(("iuran", "selisih"))]
)
