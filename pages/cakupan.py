"""Cakupan: who is covered where — map, ranking, table, kelurahan, segments, trend."""
import streamlit as st

from ucj_oversight import settings, regions
from ucj_oversight.text import fmt
from ucj_oversight.web import charts, page
from ucj_oversight.text.labels import segmen_label

k = page.require_context()
v = page.view(k, "cakupan")
if v is None:
    st.title(k.t("cakupan_judul", bulan=k.bulan_teks))
    page.sources_and_position(k)

cak = page.figure(k, "cakupan_kecamatan")
# Map and ranking always show all 12 kecamatan (for context); the table follows the filter.
semua = page.figure(k, "cakupan_kecamatan", saringan=k.seluruh_kota)
kota = page.figure(k, "cakupan_kota", saringan=k.seluruh_kota)

tanpa = semua[semua["sasaran"].isna()]["nama_kecamatan"].tolist()
if tanpa and v is None:
    st.info(k.t("tanpa_sasaran", daftar=", ".join(tanpa)))

if page.shows(v, "peta"):
    judul_peta = k.t("peta_judul", tahun=k.asof.tahun, bulan=k.bulan_teks)
    berkas_geo = settings.ROOT / "data" / "batas_kecamatan.geojson"
    if berkas_geo.is_file():
        # The file's mtime is in the key: a replaced boundary file is drawn at once.
        page.cached_chart(k, "grafik_peta", lambda: charts.choropleth_map(
            semua, charts.boundaries_geojson(berkas_geo.parent), judul_peta, k.lang), berkas_geo.stat().st_mtime_ns)
    else:
        page.cached_chart(k, "grafik_peta", lambda: charts.tile_map(semua, judul_peta, k.lang))
        st.caption(k.t("peta_ket"))

if page.shows(v, "peringkat"):
    page.cached_chart(k, "grafik_peringkat", lambda: charts.ranking_bar(
        semua, kota["cakupan_persen"], k.t("peringkat_judul", bulan=k.bulan_teks), k.lang))
    st.caption(k.t("peringkat_ket"))
if v is not None:
    if v == "segmen":
        seg = page.figure(k, "cakupan_segmen")
        page.cached_chart(k, "grafik_segmen", lambda: charts.simple_bar(
            [segmen_label(s) for s in seg["segmen"]], seg["peserta_aktif"], k.t("segmen_judul", bulan=k.bulan_teks),
            k.t("kolom_aktif"), horizontal=True))
    if v == "tren":
        page.cached_chart(k, "grafik_tren", lambda: charts.tren_peserta(
            page.figure(k, "tren_peserta"), k.t("tren_judul"), k.lang))
    st.stop()

st.subheader(k.t("tabel_cakupan"))
page.table(k, cak, "cakupan_kecamatan",
               {"nama_kecamatan": "kolom_kecamatan", "sasaran": "kolom_sasaran",
                "peserta_aktif": "kolom_aktif", "cakupan_persen": "kolom_cakupan"},
               {"sasaran": "angka", "peserta_aktif": "angka", "cakupan_persen": "persen"})

if k.saringan.kecamatan:
    nama = regions.kecamatan_name(k.saringan.kecamatan)
    st.subheader(k.t("kelurahan_judul", nama=nama, bulan=k.bulan_teks))
    kel = page.figure(k, "cakupan_kelurahan")
    kel = kel.assign(nama_kelurahan=kel["nama_kelurahan"].fillna(k.t("tanpa_kelurahan")))
    page.cached_chart(k, "grafik_kelurahan", lambda: charts.simple_bar(
        kel["nama_kelurahan"], kel["peserta_aktif"], k.t("kelurahan_judul", nama=nama, bulan=k.bulan_teks),
        k.t("kolom_aktif"), horizontal=True, teks=[fmt.number(v) for v in kel["peserta_aktif"]]))
    st.caption(k.t("kelurahan_ket"))
    page.table(k, kel, "cakupan_kelurahan", {"nama_kelurahan": "kolom_kelurahan", "peserta_aktif": "kolom_aktif"},
                   {"peserta_aktif": "angka"})
else:
    st.caption(k.t("kelurahan_pilih"))

kiri, kanan = st.columns([1, 1])
with kiri:
    seg = page.figure(k, "cakupan_segmen")
    page.cached_chart(k, "grafik_segmen", lambda: charts.simple_bar(
        [segmen_label(s) for s in seg["segmen"]], seg["peserta_aktif"], k.t("segmen_judul", bulan=k.bulan_teks),
        k.t("kolom_aktif"), horizontal=True, teks=[fmt.number(v) for v in seg["peserta_aktif"]]))
with kanan:
    page.cached_chart(k, "grafik_tren", lambda: charts.tren_peserta(
        page.figure(k, "tren_peserta"), k.t("tren_judul"), k.lang))
page.table(k, seg.assign(segmen_nama=[segmen_label(s) for s in seg["segmen"]]), "cakupan_segmen",
               {"segmen_nama": "kolom_segmen", "sasaran": "kolom_sasaran",
                                          "peserta_aktif": "kolom_aktif", "cakupan_persen": "kolom_cakupan"},
               {"sasaran": "angka", "peserta_aktif": "angka", "cakupan_persen": "persen"})
