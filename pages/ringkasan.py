"""Ringkasan: where the programme stands this month, in four cards and three sentences."""

import streamlit as st

from ucj_oversight import figures, settings
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import temuan_label
from ucj_oversight.web import charts, page, presentation

k = page.require_context()
v = page.view(k, "ringkasan")
if v == "presentasi":
    presentation.show(k)
    st.stop()
if v is None:
    st.title(k.t("ringkasan_judul", bulan=k.month_text))
    page.sources_and_position(k)

this_month = page.figure(k, figures.ringkasan)
last_month = page.figure(k, figures.ringkasan, asof=k.asof.previous())
last_month_name = fmt.month(str(k.asof.previous()), k.lang, short=True).split(" ")[0]
pro = page.figure(k, figures.proyeksi_akhir_tahun)


def change(key, decimals=0, percent=False):
    a, b = this_month[key], last_month[key]
    if a is None or b is None:
        return None
    d = a - b
    text = fmt.signed_number(d, decimals) + (" " + k.t("poin") if percent else "")
    return text + " " + k.t("dibanding_bulan_lalu", bulan=last_month_name)


def change_rp(key):
    d = this_month[key] - last_month[key]
    sign = "+" if d > 0 else "−" if d < 0 else "±"
    return sign + fmt.rupiah_short(abs(d), k.lang) + " " + k.t("dibanding_bulan_lalu", bulan=last_month_name)


if page.shows(v, "kartu"):
    january = k.asof.month.month == 1  # January has no earlier month of the same year to compare
    c1, c2, c3, c4 = st.columns(4)
    page.card(
        c1,
        k.t("kartu_peserta"),
        page.people_card(this_month["peserta_aktif"]),
        k.t(
            "kartu_peserta_ket",
            sasaran=fmt.number(this_month["sasaran"]),
            cakupan=fmt.percent(this_month["cakupan_persen"]),
        ),
        k.t("kartu_peserta_help"),
        delta=change("peserta_aktif"),
    )
    page.card(
        c2,
        k.t("kartu_serapan"),
        fmt.percent(this_month["serapan_persen"]),
        k.t(
            "kartu_serapan_ket",
            realisasi=fmt.rupiah_short(this_month["realisasi_kumulatif"], k.lang),
            pagu=fmt.rupiah_short(this_month["pagu"], k.lang),
        ),
        k.t("kartu_serapan_help"),
        delta=None if january else change("serapan_persen", 1, percent=True),
        delta_color="off",
    )
    klaim_count, klaim_amount = page.klaim_card(
        k, this_month["klaim_dibayar_jumlah"], this_month["klaim_dibayar_nominal"]
    )
    page.card(
        c3,
        k.t("kartu_klaim"),
        klaim_amount,
        k.t("kartu_klaim_ket", jumlah=klaim_count),
        k.t("kartu_klaim_help"),
        delta=None if january or settings.public_mode() else change_rp("klaim_dibayar_nominal"),
        delta_color="off",
    )
    page.card(
        c4,
        k.t("kartu_risiko"),
        fmt.rupiah_short(this_month["rp_berisiko"], k.lang),
        k.t("kartu_risiko_ket", jumlah=fmt.number(int(page.figure(k, figures.temuan)["jumlah"].sum()))),
        k.t("kartu_risiko_help"),
        delta=change_rp("rp_berisiko"),
        delta_color="inverse",
    )

if v is None:
    st.subheader(k.t("artinya"))
    cak = page.figure(k, figures.cakupan_kecamatan)
    with_target = cak.dropna(subset=["cakupan_persen"])
    sentences = []
    if len(with_target) > 1:
        lowest = with_target.sort_values("cakupan_persen").iloc[0]
        sentences.append(
            k.t(
                "cakupan_terendah",
                nama=lowest["nama_kecamatan"],
                cakupan=fmt.percent(lowest["cakupan_persen"]),
                kota=fmt.percent(this_month["cakupan_persen"]),
            )
        )
    if pro["cukup"] is not None:
        key = "proyeksi_cukup" if pro["cukup"] else "proyeksi_kurang"
        sentences.append(
            k.t(
                key,
                tahun=k.asof.year,
                selisih=fmt.rupiah_short(abs(pro["selisih"]), k.lang),
                proyeksi=fmt.rupiah_short(pro["proyeksi"], k.lang),
            )
        )
    tm = page.figure(k, figures.temuan).dropna(subset=["jumlah", "nominal"])  # public mode: hidden cells out
    largest = tm.sort_values(["nominal", "jumlah"], ascending=False).iloc[0] if len(tm) else None
    if largest is not None and largest["jumlah"] > 0:
        sentences.append(
            k.t(
                "temuan_terbesar",
                kode=temuan_label(largest["kode_temuan"], "nama", k.lang),
                jumlah=fmt.number(largest["jumlah"]),
                nominal=fmt.rupiah(largest["nominal"]),
            )
        )
    for s in sentences:
        st.markdown("- " + s)

if v is None:
    left, right = st.columns([1, 1])
else:
    left = right = st.container()
if page.shows(v, "peringkat"):
    with left:
        # Charts are built once per view and shared (page.cached_chart): the data is fetched
        # inside the builder, only when the chart is not built yet.
        page.cached_chart(
            k,
            "grafik_ringkasan_cakupan",
            lambda: charts.ranking_bar(
                page.figure(k, figures.cakupan_kecamatan, filter=k.city_wide),
                page.figure(k, figures.cakupan_kota, filter=k.city_wide)["cakupan_persen"],
                k.t("peringkat_judul", bulan=k.month_text),
                k.lang,
            ),
        )
if page.shows(v, "anggaran"):
    with right:
        page.cached_chart(
            k,
            "grafik_ringkasan_anggaran",
            lambda: charts.cumulative_anggaran(
                page.figure(k, figures.anggaran_bulanan), pro, k.t("kumulatif_judul", tahun=k.asof.year), k.lang
            ),
        )

if v is None:
    if not settings.public_mode():
        # Not in public mode: the briefing shows exact small counts (no disclosure control).
        st.download_button(
            k.t("unduh_briefing"),
            page.briefing_pdf(k),
            key="unduh_briefing",
            file_name=f"briefing-ucj-{k.asof}{'-' + k.filter.kecamatan if k.filter.kecamatan else ''}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
        )
    page.import_history(k, "sumber_impor", used_only=True, in_expander=True)
