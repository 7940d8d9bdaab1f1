"""Cakupan: who is covered where — map, ranking, table, kelurahan, segments, trend."""
import streamlit as st

from ucj_oversight import config, fmt, grafik, tampilan, wilayah
from ucj_oversight.label import segmen as segmen_label

k = tampilan.ambil()
v = tampilan.view(k, "cakupan")
if v is None:
    st.title(k.t("cakupan_judul", bulan=k.bulan_teks))
    tampilan.sumber_dan_posisi(k)

cak = tampilan.figur(k, "cakupan_kecamatan")
# Map and ranking always show all 12 kecamatan (for context); the table follows the filter.
semua = tampilan.figur(k, "cakupan_kecamatan", saringan=k.seluruh_kota)
kota = tampilan.figur(k, "cakupan_kota", saringan=k.seluruh_kota)

tanpa = semua[semua["sasaran"].isna()]["nama_kecamatan"].tolist()
if tanpa and v is None:
    st.info(k.t("tanpa_sasaran", daftar=", ".join(tanpa)))

if tampilan.tampil(v, "peta"):
    judul_peta = k.t("peta_judul", tahun=k.asof.tahun, bulan=k.bulan_teks)
    geo = grafik.batas_geojson(config.AKAR / "data")
    if geo:
        tampilan.grafik(grafik.peta_choropleth(semua, geo, judul_peta, k.lang), key="grafik_peta")
    else:
        tampilan.grafik(grafik.peta_petak(semua, judul_peta, k.lang), key="grafik_peta")
        st.caption(k.t("peta_ket"))

if tampilan.tampil(v, "peringkat"):
    tampilan.grafik(grafik.batang_peringkat(semua, kota["cakupan_persen"],
                                            k.t("peringkat_judul", bulan=k.bulan_teks), k.lang),
                    key="grafik_peringkat")
    st.caption(k.t("peringkat_ket"))
if v is not None:
    seg = tampilan.figur(k, "cakupan_segmen")
    if v == "segmen":
        tampilan.grafik(grafik.batang_sederhana([segmen_label(s) for s in seg["segmen"]], seg["peserta_aktif"],
                                                k.t("segmen_judul", bulan=k.bulan_teks), k.t("kolom_aktif"),
                                                horizontal=True), key="grafik_segmen")
    if v == "tren":
        tampilan.grafik(grafik.tren_peserta(tampilan.figur(k, "tren_peserta"), k.t("tren_judul"), k.lang),
                        key="grafik_tren")
    st.stop()

st.subheader(k.t("tabel_cakupan"))
tampilan.tabel(k, cak, "cakupan_kecamatan",
               {"nama_kecamatan": "kolom_kecamatan", "sasaran": "kolom_sasaran",
                "peserta_aktif": "kolom_aktif", "cakupan_persen": "kolom_cakupan"},
               {"sasaran": "angka", "peserta_aktif": "angka", "cakupan_persen": "persen"})

if k.saringan.kecamatan:
    nama = wilayah.nama_kecamatan(k.saringan.kecamatan)
    st.subheader(k.t("kelurahan_judul", nama=nama, bulan=k.bulan_teks))
    kel = tampilan.figur(k, "cakupan_kelurahan")
    kel = kel.assign(nama_kelurahan=kel["nama_kelurahan"].fillna(k.t("tanpa_kelurahan")))
    tampilan.grafik(grafik.batang_sederhana(kel["nama_kelurahan"], kel["peserta_aktif"],
                                            k.t("kelurahan_judul", nama=nama, bulan=k.bulan_teks),
                                            k.t("kolom_aktif"), horizontal=True,
                                            teks=[fmt.angka(v) for v in kel["peserta_aktif"]]), key="grafik_kelurahan")
    st.caption(k.t("kelurahan_ket"))
    tampilan.tabel(k, kel, "cakupan_kelurahan", {"nama_kelurahan": "kolom_kelurahan", "peserta_aktif": "kolom_aktif"},
                   {"peserta_aktif": "angka"})
else:
    st.caption(k.t("kelurahan_pilih"))

kiri, kanan = st.columns([1, 1])
with kiri:
    seg = tampilan.figur(k, "cakupan_segmen")
    tampilan.grafik(grafik.batang_sederhana([segmen_label(s) for s in seg["segmen"]], seg["peserta_aktif"],
                                            k.t("segmen_judul", bulan=k.bulan_teks), k.t("kolom_aktif"),
                                            horizontal=True, teks=[fmt.angka(v) for v in seg["peserta_aktif"]]),
                    key="grafik_segmen")
with kanan:
    tren = tampilan.figur(k, "tren_peserta")
    tampilan.grafik(grafik.tren_peserta(tren, k.t("tren_judul"), k.lang), key="grafik_tren")
tampilan.tabel(k, seg.assign(segmen_nama=[segmen_label(s) for s in seg["segmen"]]), "cakupan_segmen",
               {"segmen_nama": "kolom_segmen", "sasaran": "kolom_sasaran",
                                          "peserta_aktif": "kolom_aktif", "cakupan_persen": "kolom_cakupan"},
               {"sasaran": "angka", "peserta_aktif": "angka", "cakupan_persen": "persen"})
