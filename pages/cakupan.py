"""Cakupan: who is covered where — the two coverage figures side by side (capaian kuota: of the
funded quota; cakupan semesta: of all vulnerable workers), the pace needed for universal
coverage, map, ranking, tables, kelurahan, segments, trend."""

import streamlit as st

from ucj_oversight import disclosure, figures, regions, settings
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import segmen_label
from ucj_oversight.web import charts, maps, page

k = page.require_context()
v = page.view(k, "cakupan")
if v is None:
    st.title(k.t("cakupan_judul", bulan=k.month_text))
    page.sources_and_position(k)

cak = page.figure(k, figures.cakupan_kecamatan)
# Map and ranking always show all 12 kecamatan (for context); the cards and tables follow the filter.
all_kecamatan = page.figure(k, figures.cakupan_kecamatan, filter=k.city_wide)
city = page.figure(k, figures.cakupan_kota, filter=k.city_wide)
# The map and the ranking colour by cakupan semesta when there is a semesta, else by capaian
# kuota, and their titles say which.
column = charts.coverage_column(all_kecamatan)
by_semesta = column == "cakupan_semesta_persen"


def shown_percent(value, people: int) -> str:
    """A percentage of people: masked with its count in public mode (the denominator is shown)."""
    if value is not None and settings.public_mode() and disclosure.needs_suppression(people):
        return k.t("disamarkan")
    return fmt.percent(value, lang=k.lang)


def coverage_cards() -> None:
    """Capaian kuota, cakupan semesta and the pace needed for the view (city or kecamatan)."""
    here = page.figure(k, figures.cakupan_kota)
    pace = page.figure(k, figures.laju_cakupan_kota)
    people = here["peserta_aktif"]
    c1, c2, c3 = st.columns(3)
    page.card(
        c1,
        k.t("kartu_capaian_kuota"),
        shown_percent(here["capaian_kuota_persen"], people),
        k.t(
            "kartu_capaian_kuota_ket" if here["sasaran"] is not None else "kartu_capaian_kuota_tanpa",
            peserta=page.people_card(people, k.lang),
            sasaran=fmt.number(here["sasaran"], lang=k.lang),
            tahun=k.asof.year,
        ),
        k.t("kartu_capaian_kuota_help"),
    )
    if here["semesta"] is None:
        # Never the quota figure under the coverage name: the card says there is no semesta.
        page.card(
            c2, k.t("kartu_cakupan_semesta"), fmt.EMPTY, k.t("belum_ada_semesta"), k.t("kartu_cakupan_semesta_help")
        )
        page.card(
            c3,
            k.t("kartu_laju", tahun=pace["tahun_target"]),
            fmt.EMPTY,
            k.t("belum_ada_semesta"),
            k.t("kartu_laju_help"),
        )
        return
    sources = page.figure(k, figures.sumber_semesta)
    page.card(
        c2,
        k.t("kartu_cakupan_semesta"),
        shown_percent(here["cakupan_semesta_persen"], people),
        k.t(
            "kartu_cakupan_semesta_ket",
            peserta=page.people_card(people, k.lang),
            semesta=fmt.number(here["semesta"], lang=k.lang),
            sumber=", ".join(sources) or k.t("sumber_tidak_disebut"),
        ),
        k.t("kartu_cakupan_semesta_help"),
    )
    masked = settings.public_mode() and disclosure.needs_suppression(pace["peserta_aktif"])
    if pace["perlu_per_bulan"] is None:
        value, verdict = fmt.EMPTY, k.t("laju_lewat", tahun=pace["tahun_target"])
    else:
        value = (
            k.t("disamarkan") if masked else k.t("orang_per_bulan", n=fmt.number(pace["perlu_per_bulan"], lang=k.lang))
        )
        verdict = "" if masked else k.t("laju_cukup" if pace["cukup"] else "laju_kurang")
    note = k.t(
        "kartu_laju_ket",
        laju=k.t("disamarkan") if masked else fmt.number(pace["laju_6_bulan"], 1, lang=k.lang),
        kekurangan=k.t("disamarkan") if masked else fmt.number(pace["kekurangan"], lang=k.lang),
        bulan=fmt.number(pace["bulan_tersisa"], lang=k.lang),
    )
    page.card(
        c3,
        k.t("kartu_laju", tahun=pace["tahun_target"]),
        value,
        note + (f" — {verdict}" if verdict else ""),
        k.t("kartu_laju_help"),
    )


if v is None:
    coverage_cards()
    st.markdown(k.t("beda_cakupan"))
    st.caption(k.t("aturan_kota"))
    without_target = all_kecamatan[all_kecamatan["sasaran"].isna()]["nama_kecamatan"].tolist()
    if without_target:
        st.info(k.t("tanpa_sasaran", daftar=", ".join(without_target)))
    if not by_semesta and k.filter.segmen:
        st.info(k.t("semesta_segmen", segmen=segmen_label(k.filter.segmen)))
    elif not by_semesta:
        st.info(k.t("semesta_tidak_ada", tahun=k.asof.year))
    else:
        without_semesta = all_kecamatan[all_kecamatan["semesta"].isna()]["nama_kecamatan"].tolist()
        if without_semesta:
            st.info(k.t("tanpa_semesta", daftar=", ".join(without_semesta)))


def kecamatan_map() -> None:
    """The 12 kecamatan on the map of Kota Bekasi, the chosen one outlined."""
    if by_semesta:
        map_title = k.t("peta_judul_semesta", bulan=k.month_text)
    else:
        map_title = k.t("peta_judul", tahun=k.asof.year, bulan=k.month_text)
    page.cached_chart(
        k,
        "grafik_peta",
        lambda: maps.kecamatan_map(all_kecamatan, map_title, k.lang, column, selected=k.filter.kecamatan),
    )
    st.caption(k.t("peta_ket", sumber=regions.BOUNDARY_SOURCE))


def kelurahan_map(kel, name: str) -> None:
    """The kelurahan of the chosen kecamatan on the map, or a sentence when nothing is left."""
    if not maps.has_values(kel[kel["kode_kelurahan"].notna()], "peserta_aktif"):
        st.info(k.t("peta_kosong", bulan=k.month_text, wilayah="kelurahan"))
        return
    page.cached_chart(
        k,
        "grafik_peta_kelurahan",
        lambda: maps.kelurahan_map(
            kel, k.filter.kecamatan, k.t("peta_kelurahan_judul", nama=name, bulan=k.month_text), k.lang
        ),
    )
    caption = k.t("peta_ket", sumber=regions.BOUNDARY_SOURCE)
    if kel["kode_kelurahan"].isna().any():
        caption += " " + k.t("peta_tanpa_kelurahan")
    st.caption(caption)


def ranking() -> None:
    """The same coverage as the map, as ranked bars (for readers who cannot use a map)."""
    ranking_title = k.t("peringkat_judul_semesta" if by_semesta else "peringkat_judul", bulan=k.month_text)
    page.cached_chart(
        k,
        "grafik_peringkat",
        lambda: charts.ranking_bar(all_kecamatan, city[column], ranking_title, k.lang, column),
    )
    st.caption(k.t("peringkat_ket"))


# Map and ranking show the same figure: when the view leaves nothing to show (no target or
# semesta, no participant, every cell masked), one sentence instead of a grey map and empty axes.
nothing_to_rank = not maps.has_values(all_kecamatan, column)
if v == "peta" and k.filter.kecamatan:
    kelurahan_map(page.figure(k, figures.cakupan_kelurahan), regions.kecamatan_name(k.filter.kecamatan))
elif nothing_to_rank and v in (None, "peta", "peringkat"):
    st.info(k.t("peta_peringkat_kosong", bulan=k.month_text))
elif v is None:
    # Map and ranking side by side (one below the other on a phone).
    map_column, ranking_column = st.columns(2)
    with map_column:
        kecamatan_map()
    with ranking_column:
        ranking()
elif v == "peta":
    kecamatan_map()
elif v == "peringkat":
    ranking()


def segmen_chart(seg) -> None:
    """Peserta aktif per segmen, largest on top, each bar labelled with its count."""
    page.cached_chart(
        k,
        "grafik_segmen",
        lambda: charts.simple_bar(
            [segmen_label(s) for s in seg["segmen"]],
            seg["peserta_aktif"],
            k.t("segmen_judul", bulan=k.month_text),
            k.t("kolom_aktif"),
            lang=k.lang,
        ),
    )


def trend_chart() -> None:
    page.cached_chart(
        k, "grafik_tren", lambda: charts.tren_peserta(page.figure(k, figures.tren_peserta), k.t("tren_judul"), k.lang)
    )


if v is not None:
    if v == "segmen":
        segmen_chart(page.figure(k, figures.cakupan_segmen))
    if v == "tren":
        trend_chart()
    st.stop()

st.subheader(k.t("tabel_cakupan"))
city = page.figure(k, figures.cakupan_kota)
page.table(
    k,
    page.by_name(cak, "nama_kecamatan"),
    figures.cakupan_kecamatan,
    ["nama_kecamatan", "sasaran", "peserta_aktif", "capaian_kuota_persen", "semesta", "cakupan_semesta_persen"],
    totals=["sasaran", "peserta_aktif", "semesta"],
    # The city's percentages (figures.cakupan_kota: only kecamatan with a denominator), never a sum.
    total_values={
        "capaian_kuota_persen": fmt.percent(city["capaian_kuota_persen"], lang=k.lang),
        "cakupan_semesta_persen": fmt.percent(city["cakupan_semesta_persen"], lang=k.lang),
    },
)

if cak["semesta"].notna().any():
    pace_year = page.figure(k, figures.laju_cakupan_kota)["tahun_target"]
    st.subheader(k.t("laju_judul", tahun=pace_year, bulan=k.month_text))
    page.table(
        k,
        page.by_name(page.figure(k, figures.laju_cakupan), "nama_kecamatan"),
        figures.laju_cakupan,
        [
            "nama_kecamatan",
            "semesta",
            "peserta_aktif",
            "kekurangan",
            "bulan_tersisa",
            "perlu_per_bulan",
            "laju_6_bulan",
        ],
        totals=["semesta", "peserta_aktif", "kekurangan", "perlu_per_bulan", "laju_6_bulan"],
    )
    st.caption(k.t("laju_ket", bulan=k.month_text, tahun=pace_year))

if k.filter.kecamatan:
    name = regions.kecamatan_name(k.filter.kecamatan)
    st.subheader(k.t("kelurahan_judul", nama=name, bulan=k.month_text))
    kel = page.figure(k, figures.cakupan_kelurahan)
    kel = kel.assign(nama_kelurahan=kel["nama_kelurahan"].fillna(k.t("tanpa_kelurahan")))
    # The kelurahan map beside the same counts as bars.
    map_column, bar_column = st.columns(2)
    with map_column:
        kelurahan_map(kel, name)
    with bar_column:
        page.cached_chart(
            k,
            "grafik_kelurahan",
            lambda: charts.simple_bar(
                kel["nama_kelurahan"],
                kel["peserta_aktif"],
                k.t("kelurahan_judul", nama=name, bulan=k.month_text),
                k.t("kolom_aktif"),
                lang=k.lang,
            ),
        )
    st.caption(k.t("kelurahan_ket"))
    page.table(
        k,
        page.by_name(kel, "nama_kelurahan"),
        figures.cakupan_kelurahan,
        ["nama_kelurahan", "peserta_aktif"],
        totals=["peserta_aktif"],
    )
else:
    st.caption(k.t("kelurahan_pilih"))

left, right = st.columns([1, 1])
with left:
    seg = page.figure(k, figures.cakupan_segmen)
    segmen_chart(seg)
with right:
    trend_chart()
page.table(
    k,
    seg.assign(segmen_nama=[segmen_label(s) for s in seg["segmen"]]),
    figures.cakupan_segmen,
    ["segmen_nama", "sasaran", "peserta_aktif", "capaian_kuota_persen"],
    labels={"segmen_nama": "kolom_segmen"},
    totals=["sasaran", "peserta_aktif"],
)
