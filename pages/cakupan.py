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
    berkas_geo = config.AKAR / "data" / "batas_kecamatan.geojson"
    if berkas_geo.is_file():
        # The file's mtime is in the key: a replaced boundary file is drawn at once.
        tampilan.grafik_view(k, "grafik_peta", lambda: grafik.peta_choropleth(
            semua, grafik.batas_geojson(berkas_geo.parent), judul_peta, k.lang), berkas_geo.stat().st_mtime_ns)
    else:
        tampilan.grafik_view(k, "grafik_peta", lambda: grafik.peta_petak(semua, judul_peta, k.lang))
        st.caption(k.t("peta_ket"))

if tampilan.tampil(v, "peringkat"):
    tampilan.grafik_view(k, "grafik_peringkat", lambda: grafik.batang_peringkat(
        semua, kota["cakupan_persen"], k.t("peringkat_judul", bulan=k.bulan_teks), k.lang))
    st.caption(k.t("peringkat_ket"))
if v is not None:
    if v == "segmen":
        seg = tampilan.figur(k, "cakupan_segmen")
        tampilan.grafik_view(k, "grafik_segmen", lambda: grafik.batang_sederhana(
            [segmen_label(s) for s in seg["segmen"]], seg["peserta_aktif"], k.t("segmen_judul", bulan=k.bulan_teks),
            k.t("kolom_aktif"), horizontal=True))
    if v == "tren":
        tampilan.grafik_view(k, "grafik_tren", lambda: grafik.tren_peserta(
            tampilan.figur(k, "tren_peserta"), k.t("tren_judul"), k.lang))
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
    tampilan.grafik_view(k, "grafik_kelurahan", lambda: grafik.batang_sederhana(
        kel["nama_kelurahan"], kel["peserta_aktif"], k.t("kelurahan_judul", nama=nama, bulan=k.bulan_teks),
        k.t("kolom_aktif"), horizontal=True, teks=[fmt.angka(v) for v in kel["peserta_aktif"]]))
    st.caption(k.t("kelurahan_ket"))
    tampilan.tabel(k, kel, "cakupan_kelurahan", {"nama_kelurahan": "kolom_kelurahan", "peserta_aktif": "kolom_aktif"},
                   {"peserta_aktif": "angka"})
else:
    st.caption(k.t("kelurahan_pilih"))

kiri, kanan = st.columns([1, 1])
with kiri:
    seg = tampilan.figur(k, "cakupan_segmen")
    tampilan.grafik_view(k, "grafik_segmen", lambda: grafik.batang_sederhana(
        [segmen_label(s) for s in seg["segmen"]], seg["peserta_aktif"], k.t("segmen_judul", bulan=k.bulan_teks),
        k.t("kolom_aktif"), horizontal=True, teks=[fmt.angka(v) for v in seg["peserta_aktif"]]))
with kanan:
    tampilan.grafik_view(k, "grafik_tren", lambda: grafik.tren_peserta(
        tampilan.figur(k, "tren_peserta"), k.t("tren_judul"), k.lang))
tampilan.tabel(k, seg.assign(segmen_nama=[segmen_label(s) for s in seg["segmen"]]), "cakupan_segmen",
               {"segmen_nama": "kolom_segmen", "sasaran": "kolom_sasaran",
                                          "peserta_aktif": "kolom_aktif", "cakupan_persen": "kolom_cakupan"},
               {"sasaran": "angka", "peserta_aktif": "angka", "cakupan_persen": "persen"})
