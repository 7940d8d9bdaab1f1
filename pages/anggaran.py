"""Anggaran: is the money spent as planned, billed as it should be, and enough to year end?"""
import streamlit as st

from ucj_oversight import fmt, grafik, tampilan

k = tampilan.ambil()
v = tampilan.view(k, "anggaran")
ang = tampilan.figur(k, "anggaran_bulanan")
pro = tampilan.figur(k, "proyeksi_akhir_tahun")
if v is not None:
    if v == "kumulatif":
        tampilan.grafik(grafik.kumulatif_anggaran(ang, pro, k.t("kumulatif_judul", tahun=k.asof.tahun), k.lang),
                        key="grafik_kumulatif")
    elif v == "sp2d":
        tampilan.grafik(grafik.batang_rp_bulanan(list(ang["bulan"]), list(ang["realisasi_bulan"]),
                                                 k.t("sp2d_judul", tahun=k.asof.tahun), k.lang), key="grafik_sp2d")
    else:
        tampilan.grafik(grafik.rekonsiliasi(tampilan.figur(k, "rekonsiliasi_iuran"),
                                            k.t("rekon_judul", tahun=k.asof.tahun), k.lang), key="grafik_rekon")
    st.stop()

st.title(k.t("anggaran_judul", tahun=k.asof.tahun, bulan=k.bulan_teks))
tampilan.sumber_dan_posisi(k)
if k.saringan.kecamatan or k.saringan.segmen:
    st.info(k.t("filter_tidak_berlaku"))

biaya = tampilan.figur(k, "biaya_per_peserta_bulan")
if ang.empty or ang["pagu"].iloc[-1] == 0:
    st.warning(k.t("tanpa_anggaran", tahun=k.asof.tahun))

akhir = ang.iloc[-1]
c1, c2, c3, c4 = st.columns(4)
tampilan.kartu(c1, k.t("kartu_pagu"), fmt.rupiah_ringkas(akhir["pagu"], k.lang), fmt.rupiah(akhir["pagu"]),
               k.t("kartu_serapan_help"))
tampilan.kartu(c2, k.t("kartu_realisasi"), fmt.rupiah_ringkas(akhir["realisasi_kumulatif"], k.lang),
               k.t("kartu_serapan") + " " + fmt.persen(akhir["serapan_persen"]), k.t("kartu_serapan_help"))
tampilan.kartu(c3, k.t("kartu_biaya"), fmt.rupiah(biaya["biaya_per_peserta_bulan"]),
               k.t("kartu_biaya_ket", tarif=fmt.rupiah(biaya["tarif"])),
               k.t("biaya_ket", n=fmt.angka(biaya["registrasi_bulan"])))
tampilan.kartu(c4, k.t("kartu_proyeksi"), fmt.rupiah_ringkas(pro["proyeksi"], k.lang),
               k.t("vs_pagu", selisih=("+" if pro["selisih"] >= 0 else "−")
                   + fmt.rupiah_ringkas(abs(pro["selisih"]), k.lang)),
               k.t("proyeksi_cara", n=3, laju=fmt.rupiah_ringkas(pro["laju_bulanan"], k.lang),
                   tren=fmt.angka(pro["tren_registrasi_per_bulan"], 1), sisa=pro["sisa_bulan"]))

if pro["cukup"] is not None:
    kunci = "proyeksi_cukup" if pro["cukup"] else "proyeksi_kurang"
    teks = k.t(kunci, tahun=k.asof.tahun, selisih=fmt.rupiah(abs(pro["selisih"])), proyeksi=fmt.rupiah(pro["proyeksi"]))
    (st.success if pro["cukup"] else st.error)(teks)
    st.caption(k.t("proyeksi_cara", n=3, laju=fmt.rupiah(pro["laju_bulanan"]),
                   tren=fmt.angka(pro["tren_registrasi_per_bulan"], 1), sisa=pro["sisa_bulan"]))

kiri, kanan = st.columns([1, 1])
with kiri:
    tampilan.grafik(grafik.kumulatif_anggaran(ang, pro, k.t("kumulatif_judul", tahun=k.asof.tahun), k.lang),
                    key="grafik_kumulatif")
with kanan:
    tampilan.grafik(grafik.batang_rp_bulanan(list(ang["bulan"]), list(ang["realisasi_bulan"]),
                                             k.t("sp2d_judul", tahun=k.asof.tahun), k.lang), key="grafik_sp2d")
st.subheader(k.t("tabel_anggaran"))
tampilan.tabel(k, ang, "anggaran_bulanan",
               {"bulan": "bulan", "pagu": "kolom_pagu", "realisasi_bulan": "kolom_realisasi_bulan",
                "realisasi_kumulatif": "kolom_realisasi_kum", "serapan_persen": "kolom_serapan"},
               {"pagu": "rupiah", "realisasi_bulan": "rupiah", "realisasi_kumulatif": "rupiah",
                "serapan_persen": "persen"})

rek = tampilan.figur(k, "rekonsiliasi_iuran")
tampilan.grafik(grafik.rekonsiliasi(rek, k.t("rekon_judul", tahun=k.asof.tahun), k.lang), key="grafik_rekon")
st.caption(k.t("rekon_ket"))
st.subheader(k.t("tabel_rekon"))
kolom = {"bulan": "bulan", "registrasi_tertagih": "kolom_registrasi", "iuran_seharusnya": "kolom_seharusnya",
         "iuran_ditagih": "kolom_ditagih", "selisih": "kolom_selisih"}
if rek["iuran_dibayar"].notna().any():
    kolom["iuran_dibayar"] = "kolom_dibayar"
tampilan.tabel(k, rek, "rekonsiliasi_iuran", kolom,
               {"registrasi_tertagih": "angka", "iuran_seharusnya": "rupiah", "iuran_ditagih": "rupiah",
                "selisih": "rupiah", "iuran_dibayar": "rupiah"} if "iuran_dibayar" in kolom else
               {"registrasi_tertagih": "angka", "iuran_seharusnya": "rupiah", "iuran_ditagih": "rupiah",
                "selisih": "rupiah"})
