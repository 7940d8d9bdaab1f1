"""Anggaran: is the money spent as planned, billed as it should be, and enough to year end?"""
import streamlit as st

from ucj_oversight.text import fmt
from ucj_oversight.web import charts, page

k = page.require_context()
v = page.view(k, "anggaran")
ang = page.figure(k, "anggaran_bulanan")
pro = page.figure(k, "proyeksi_akhir_tahun")
if v is not None:
    if v == "kumulatif":
        page.chart(charts.cumulative_anggaran(ang, pro, k.t("kumulatif_judul", tahun=k.asof.tahun), k.lang),
                        key="grafik_kumulatif")
    elif v == "sp2d":
        page.chart(charts.monthly_rupiah_bar(list(ang["bulan"]), list(ang["realisasi_bulan"]),
                                                 k.t("sp2d_judul", tahun=k.asof.tahun), k.lang), key="grafik_sp2d")
    else:
        page.chart(charts.rekonsiliasi(page.figure(k, "rekonsiliasi_iuran"),
                                            k.t("rekon_judul", tahun=k.asof.tahun), k.lang), key="grafik_rekon")
    st.stop()

st.title(k.t("anggaran_judul", tahun=k.asof.tahun, bulan=k.bulan_teks))
page.sources_and_position(k)
if k.saringan.kecamatan or k.saringan.segmen:
    st.info(k.t("filter_tidak_berlaku"))

biaya = page.figure(k, "biaya_per_peserta_bulan")
if ang.empty or ang["pagu"].iloc[-1] == 0:
    st.warning(k.t("tanpa_anggaran", tahun=k.asof.tahun))

akhir = ang.iloc[-1]
c1, c2, c3, c4 = st.columns(4)
page.card(c1, k.t("kartu_pagu"), fmt.rupiah_short(akhir["pagu"], k.lang), fmt.rupiah(akhir["pagu"]),
               k.t("kartu_serapan_help"))
page.card(c2, k.t("kartu_realisasi"), fmt.rupiah_short(akhir["realisasi_kumulatif"], k.lang),
               k.t("kartu_serapan") + " " + fmt.percent(akhir["serapan_persen"]), k.t("kartu_serapan_help"))
page.card(c3, k.t("kartu_biaya"), fmt.rupiah(biaya["biaya_per_peserta_bulan"]),
               k.t("kartu_biaya_ket", tarif=fmt.rupiah(biaya["tarif"])),
               k.t("biaya_ket", n=fmt.number(biaya["registrasi_bulan"])))
page.card(c4, k.t("kartu_proyeksi"), fmt.rupiah_short(pro["proyeksi"], k.lang),
               k.t("vs_pagu", selisih=("+" if pro["selisih"] >= 0 else "−")
                   + fmt.rupiah_short(abs(pro["selisih"]), k.lang)),
               k.t("proyeksi_cara", n=3, laju=fmt.rupiah_short(pro["laju_bulanan"], k.lang),
                   tren=fmt.number(pro["tren_registrasi_per_bulan"], 1), sisa=pro["sisa_bulan"]))

if pro["cukup"] is not None:
    kunci = "proyeksi_cukup" if pro["cukup"] else "proyeksi_kurang"
    teks = k.t(kunci, tahun=k.asof.tahun, selisih=fmt.rupiah(abs(pro["selisih"])), proyeksi=fmt.rupiah(pro["proyeksi"]))
    (st.success if pro["cukup"] else st.error)(teks)
    st.caption(k.t("proyeksi_cara", n=3, laju=fmt.rupiah(pro["laju_bulanan"]),
                   tren=fmt.number(pro["tren_registrasi_per_bulan"], 1), sisa=pro["sisa_bulan"]))

kiri, kanan = st.columns([1, 1])
with kiri:
    page.chart(charts.cumulative_anggaran(ang, pro, k.t("kumulatif_judul", tahun=k.asof.tahun), k.lang),
                    key="grafik_kumulatif")
with kanan:
    page.chart(charts.monthly_rupiah_bar(list(ang["bulan"]), list(ang["realisasi_bulan"]),
                                             k.t("sp2d_judul", tahun=k.asof.tahun), k.lang), key="grafik_sp2d")
st.subheader(k.t("tabel_anggaran"))
page.table(k, ang, "anggaran_bulanan",
               {"bulan": "bulan", "pagu": "kolom_pagu", "realisasi_bulan": "kolom_realisasi_bulan",
                "realisasi_kumulatif": "kolom_realisasi_kum", "serapan_persen": "kolom_serapan"},
               {"pagu": "rupiah", "realisasi_bulan": "rupiah", "realisasi_kumulatif": "rupiah",
                "serapan_persen": "persen"})

rek = page.figure(k, "rekonsiliasi_iuran")
page.chart(charts.rekonsiliasi(rek, k.t("rekon_judul", tahun=k.asof.tahun), k.lang), key="grafik_rekon")
st.caption(k.t("rekon_ket"))
st.subheader(k.t("tabel_rekon"))
kolom = {"bulan": "bulan", "registrasi_tertagih": "kolom_registrasi", "iuran_seharusnya": "kolom_seharusnya",
         "iuran_ditagih": "kolom_ditagih", "selisih": "kolom_selisih"}
if rek["iuran_dibayar"].notna().any():
    kolom["iuran_dibayar"] = "kolom_dibayar"
page.table(k, rek, "rekonsiliasi_iuran", kolom,
               {"registrasi_tertagih": "angka", "iuran_seharusnya": "rupiah", "iuran_ditagih": "rupiah",
                "selisih": "rupiah", "iuran_dibayar": "rupiah"} if "iuran_dibayar" in kolom else
               {"registrasi_tertagih": "angka", "iuran_seharusnya": "rupiah", "iuran_ditagih": "rupiah",
                "selisih": "rupiah"})
