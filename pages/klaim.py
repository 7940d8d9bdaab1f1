"""Klaim: what benefits reached workers and families, how fast, and how often refused."""
import streamlit as st

from ucj_oversight import settings, disclosure
from ucj_oversight.text import fmt
from ucj_oversight.web import charts, page

k = page.require_context()
v = page.view(k, "klaim")
if v is None:
    st.title(k.t("klaim_judul", tahun=k.asof.tahun, bulan=k.bulan_teks))
    page.sources_and_position(k)

prog = page.figure(k, "klaim_program")
lay = page.figure(k, "klaim_layanan")
per = {r.program: r for r in prog.itertuples()}

if v in ("bulanan", "kecamatan"):
    if v == "bulanan":
        bulan = [f"{k.asof.tahun}-{m:02d}" for m in range(1, k.asof.bulan.month + 1)]
        page.chart(charts.klaim_bulanan(page.figure(k, "klaim_bulanan"), bulan,
                                             k.t("klaim_bulan_judul", tahun=k.asof.tahun), k.lang),
                        key="grafik_klaim_bulan")
    else:
        d = page.figure(k, "klaim_kecamatan", saringan=k.seluruh_kota).sort_values("nominal_dibayar")
        page.chart(charts.simple_bar(d["nama_kecamatan"], d["nominal_dibayar"],
                                                k.t("klaim_kec_judul", tahun=k.asof.tahun, bulan=k.bulan_teks), "Rp",
                                                horizontal=True, rupiah=True, lang=k.lang), key="grafik_klaim_kec")
    st.stop()

c1, c2, c3 = st.columns(3)
for kolom, program, kunci in ((c1, "JKK", "kartu_klaim_jkk"), (c2, "JKM", "kartu_klaim_jkm")):
    r = per[program]
    n_teks, rp_teks = page.klaim_card(k, r.jumlah_klaim, r.nominal_dibayar)
    page.card(kolom, k.t(kunci), rp_teks, k.t("kartu_klaim_prog_ket", jumlah=n_teks), k.t("kartu_klaim_help"))
manfaat = lay["manfaat_per_rupiah"]
page.card(c3, k.t("kartu_manfaat"),
               ("Rp " + fmt.number(manfaat, 2)) if manfaat is not None else fmt.EMPTY,
               k.t("kartu_manfaat_ket") if manfaat is not None else k.t("manfaat_kota_saja"),
               k.t("kartu_manfaat_help"))
if v == "kartu":
    st.stop()
c4, c5, _ = st.columns(3)
n = page.people_card   # counts of claims: '<5' in public mode when 1-4
if settings.public_mode() and disclosure.needs_suppression(lay["dibayar"]):
    # Days to payment of fewer than five claims would describe individual claims.
    median, ket_lama = k.t("disamarkan"), k.t("disamarkan")
else:
    median = (fmt.number(lay["median_hari"]) + " " + k.t("hari")) if lay["median_hari"] is not None else fmt.EMPTY
    ket_lama = k.t("kartu_median_ket", terlama=fmt.number(lay["terlama_hari"]), lebih=n(lay["lebih_30_hari"]))
page.card(c4, k.t("kartu_median"), median, ket_lama, k.t("kartu_median_help"))
diputus = lay["ditolak"] + lay["dibayar"]
penolakan = (k.t("disamarkan") if settings.public_mode() and disclosure.needs_suppression(diputus)
             else fmt.percent(lay["tingkat_penolakan_persen"]))
page.card(c5, k.t("kartu_penolakan"), penolakan,
               k.t("kartu_penolakan_ket", ditolak=n(lay["ditolak"]), diputus=n(diputus), proses=n(lay["proses"])),
               k.t("kartu_penolakan_help"))

if prog["jumlah_klaim"].fillna(1).sum() == 0:   # a hidden (public-mode) count is not zero
    st.info(k.t("tanpa_klaim"))
else:
    kb = page.figure(k, "klaim_bulanan")
    bulan = [f"{k.asof.tahun}-{m:02d}" for m in range(1, k.asof.bulan.month + 1)]
    kiri, kanan = st.columns([1, 1])
    with kiri:
        page.chart(charts.klaim_bulanan(kb, bulan, k.t("klaim_bulan_judul", tahun=k.asof.tahun), k.lang),
                        key="grafik_klaim_bulan")
    kk = page.figure(k, "klaim_kecamatan", saringan=k.seluruh_kota)
    with kanan:
        d = kk.sort_values("nominal_dibayar")
        page.chart(charts.simple_bar(d["nama_kecamatan"], d["nominal_dibayar"],
                                                k.t("klaim_kec_judul", tahun=k.asof.tahun, bulan=k.bulan_teks), "Rp",
                                                horizontal=True, rupiah=True, lang=k.lang),
                        key="grafik_klaim_kec")
st.subheader(k.t("tabel_klaim"))
kk = page.figure(k, "klaim_kecamatan")
page.table(k, kk, "klaim_kecamatan",
               {"nama_kecamatan": "kolom_kecamatan", "jkk_jumlah": "JKK", "jkk_nominal": "JKK (Rp)",
                "jkm_jumlah": "JKM", "jkm_nominal": "JKM (Rp)", "jumlah_klaim": "kolom_jumlah_klaim",
                "nominal_dibayar": "kolom_nominal_dibayar"},
               {"jkk_jumlah": "angka", "jkk_nominal": "rupiah", "jkm_jumlah": "angka", "jkm_nominal": "rupiah",
                "jumlah_klaim": "angka", "nominal_dibayar": "rupiah"})
page.table(k, prog, "klaim_program", {"program": "kolom_program", "jumlah_klaim": "kolom_jumlah_klaim",
                                           "nominal_dibayar": "kolom_nominal_dibayar"},
               {"jumlah_klaim": "angka", "nominal_dibayar": "rupiah"})
