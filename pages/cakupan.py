"""Cakupan: who is covered where — map, ranking, table, kelurahan, segments, trend."""

import streamlit as st

from ucj_oversight import figures, regions, settings
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import segmen_label
from ucj_oversight.web import charts, page

k = page.require_context()
v = page.view(k, "cakupan")
if v is None:
    st.title(k.t("cakupan_judul", bulan=k.month_text))
    page.sources_and_position(k)

cak = page.figure(k, figures.cakupan_kecamatan)
# Map and ranking always show all 12 kecamatan (for context); the table follows the filter.
all_kecamatan = page.figure(k, figures.cakupan_kecamatan, filter=k.city_wide)
city = page.figure(k, figures.cakupan_kota, filter=k.city_wide)

without_target = all_kecamatan[all_kecamatan["sasaran"].isna()]["nama_kecamatan"].tolist()
if without_target and v is None:
    st.info(k.t("tanpa_sasaran", daftar=", ".join(without_target)))

if page.shows(v, "peta"):
    map_title = k.t("peta_judul", tahun=k.asof.year, bulan=k.month_text)
    geojson = settings.ROOT / "data" / "batas_kecamatan.geojson"
    if geojson.is_file():
        # The file's mtime is in the key: a replaced boundary file is drawn at once.
        page.cached_chart(
            k,
            "grafik_peta",
            lambda: charts.choropleth_map(all_kecamatan, charts.boundaries_geojson(geojson.parent), map_title, k.lang),
            geojson.stat().st_mtime_ns,
        )
    else:
        page.cached_chart(k, "grafik_peta", lambda: charts.tile_map(all_kecamatan, map_title, k.lang))
        st.caption(k.t("peta_ket"))

if page.shows(v, "peringkat"):
    page.cached_chart(
        k,
        "grafik_peringkat",
        lambda: charts.ranking_bar(
            all_kecamatan, city["cakupan_persen"], k.t("peringkat_judul", bulan=k.month_text), k.lang
        ),
    )
    st.caption(k.t("peringkat_ket"))


def segmen_chart(seg, with_values: bool) -> None:
    """Peserta aktif per segmen; the full page writes the values on the bars, the embed does not."""
    page.cached_chart(
        k,
        "grafik_segmen",
        lambda: charts.simple_bar(
            [segmen_label(s) for s in seg["segmen"]],
            seg["peserta_aktif"],
            k.t("segmen_judul", bulan=k.month_text),
            k.t("kolom_aktif"),
            horizontal=True,
            text=[fmt.number(n) for n in seg["peserta_aktif"]] if with_values else None,
        ),
        with_values,
    )


def trend_chart() -> None:
    page.cached_chart(
        k, "grafik_tren", lambda: charts.tren_peserta(page.figure(k, figures.tren_peserta), k.t("tren_judul"), k.lang)
    )


if v is not None:
    if v == "segmen":
        segmen_chart(page.figure(k, figures.cakupan_segmen), with_values=False)
    if v == "tren":
        trend_chart()
    st.stop()

st.subheader(k.t("tabel_cakupan"))
page.table(k, cak, figures.cakupan_kecamatan, ["nama_kecamatan", "sasaran", "peserta_aktif", "cakupan_persen"])

if k.filter.kecamatan:
    name = regions.kecamatan_name(k.filter.kecamatan)
    st.subheader(k.t("kelurahan_judul", nama=name, bulan=k.month_text))
    kel = page.figure(k, figures.cakupan_kelurahan)
    kel = kel.assign(nama_kelurahan=kel["nama_kelurahan"].fillna(k.t("tanpa_kelurahan")))
    page.cached_chart(
        k,
        "grafik_kelurahan",
        lambda: charts.simple_bar(
            kel["nama_kelurahan"],
            kel["peserta_aktif"],
            k.t("kelurahan_judul", nama=name, bulan=k.month_text),
            k.t("kolom_aktif"),
            horizontal=True,
            text=[fmt.number(v) for v in kel["peserta_aktif"]],
        ),
    )
    st.caption(k.t("kelurahan_ket"))
    page.table(k, kel, figures.cakupan_kelurahan, ["nama_kelurahan", "peserta_aktif"])
else:
    st.caption(k.t("kelurahan_pilih"))

left, right = st.columns([1, 1])
with left:
    seg = page.figure(k, figures.cakupan_segmen)
    segmen_chart(seg, with_values=True)
with right:
    trend_chart()
page.table(
    k,
    seg.assign(segmen_nama=[segmen_label(s) for s in seg["segmen"]]),
    figures.cakupan_segmen,
    ["segmen_nama", "sasaran", "peserta_aktif", "cakupan_persen"],
    labels={"segmen_nama": "kolom_segmen"},
)
