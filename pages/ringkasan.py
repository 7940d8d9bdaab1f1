"""Ringkasan: where the programme stands this month, in four cards and three sentences."""

import streamlit as st

from ucj_oversight import disclosure, figures, settings
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
    presentation.link(k)  # internal mode: the projector view of this page

this_month = page.figure(k, figures.ringkasan)
last_month = page.figure(k, figures.ringkasan, asof=k.asof.previous())
last_month_name = fmt.month(str(k.asof.previous()), k.lang, short=True).split(" ")[0]
pro = page.figure(k, figures.proyeksi_akhir_tahun)


def change(key, decimals=0, percent=False):
    a, b = this_month[key], last_month[key]
    if a is None or b is None:
        return None
    d = a - b
    text = fmt.signed_number(d, decimals, lang=k.lang) + (" " + k.t("poin") if percent else "")
    return text + " " + k.t("dibanding_bulan_lalu", bulan=last_month_name)


def change_rp(key):
    d = this_month[key] - last_month[key]
    sign = "+" if d > 0 else "−" if d < 0 else "±"
    return sign + fmt.rupiah_short(abs(d), k.lang) + " " + k.t("dibanding_bulan_lalu", bulan=last_month_name)


def coverage_note() -> str:
    """Both coverage figures under the people card, never one under the other's name: capaian
    kuota (of the funded quota) and cakupan semesta (of all vulnerable workers, with its source),
    or 'belum ada data semesta'. A masked count (public mode) masks both percentages."""
    masked = settings.public_mode() and disclosure.needs_suppression(this_month["peserta_aktif"])

    def pct(key):
        return (
            k.t("disamarkan") if masked and this_month[key] is not None else fmt.percent(this_month[key], lang=k.lang)
        )

    if this_month["semesta"] is None:
        return k.t(
            "kartu_peserta_tanpa_semesta",
            kuota=pct("capaian_kuota_persen"),
            sasaran=fmt.number(this_month["sasaran"], lang=k.lang),
        )
    sources = page.figure(k, figures.sumber_semesta)
    return k.t(
        "kartu_peserta_dua",
        kuota=pct("capaian_kuota_persen"),
        sasaran=fmt.number(this_month["sasaran"], lang=k.lang),
        semesta_persen=pct("cakupan_semesta_persen"),
        semesta=fmt.number(this_month["semesta"], lang=k.lang),
        sumber=", ".join(sources) or k.t("sumber_tidak_disebut"),
    )


def money_and_protection_cards(c_arrears, c_unprotected, c_apbd, c_manfaat) -> None:
    """Months in arrears and people unprotected (issue 13), and the two 'perlu klarifikasi'
    amounts, APBD and BPJS benefits, never added together. Budget figures have no kecamatan: with
    a filter they say 'seluruh kota'. In public mode the amounts add only the findings shown (a
    hidden one, 1-4 people, is named as hidden, not added); SP2D numbers are documents, shown."""
    arrears = page.figure(k, figures.bulan_menunggak)
    page.card(
        c_arrears,
        k.t("kartu_menunggak"),
        fmt.number(arrears["bulan_menunggak"], lang=k.lang),
        (
            k.t(
                "kartu_menunggak_ket",
                rp=fmt.rupiah_short(arrears["tunggakan"], k.lang),
                hari=fmt.number(arrears["terlama_hari"], lang=k.lang),
            )
            if arrears["bulan_menunggak"]
            else k.t("kartu_menunggak_nol")
        )
        + page.city_wide_note(k),
        k.t("kartu_menunggak_help"),
    )
    lindung = page.figure(k, figures.perlindungan_kota)
    page.card(
        c_unprotected,
        k.t("kartu_tanpa_lindung"),
        page.people_card(lindung["tidak_terlindungi"], k.lang),
        k.t(
            "kartu_tanpa_lindung_ket",
            aktif=page.people_card(lindung["peserta_aktif"], k.lang),
            rb=page.people_card(lindung["registrasi_bulan_tanpa_lindung"], k.lang),
        ),
        k.t("kartu_tanpa_lindung_help"),
    )
    tm = page.figure(k, figures.temuan)
    tm_before = page.figure(k, figures.temuan, asof=k.asof.previous())
    for column, codes, card in (
        (c_apbd, figures.TEMUAN_APBD, "kartu_apbd"),
        (c_manfaat, figures.TEMUAN_MANFAAT, "kartu_manfaat_klarifikasi"),
    ):
        amount, cases, hidden = page.shown_findings(tm, codes)
        note = k.t(f"{card}_ket", jumlah=fmt.number(cases, lang=k.lang))
        if hidden:
            note += "; " + k.t("kartu_temuan_disamarkan", n=hidden)
        city = tm[tm["kode_temuan"].isin(codes) & tm["seluruh_kota"].astype(bool)]
        if len(city) and city["nominal"].sum():
            note += "; " + k.t("kartu_apbd_kota", rp=fmt.rupiah_short(city["nominal"].sum(), k.lang))
        before, _, hidden_before = page.shown_findings(tm_before, codes)
        delta = None
        if not hidden and not hidden_before and k.asof.month.month != 1:  # a new year starts again at 0
            d = amount - before
            delta = ("+" if d > 0 else "−" if d < 0 else "±") + fmt.rupiah_short(abs(d), k.lang)
            delta += " " + k.t("dibanding_bulan_lalu", bulan=last_month_name)
        page.card(
            column,
            k.t(card),
            fmt.rupiah_short(amount, k.lang),
            note,
            k.t(f"{card}_help"),
            delta=delta,
            delta_color="inverse",
        )


if page.shows(v, "kartu"):
    january = k.asof.month.month == 1  # January has no earlier month of the same year to compare
    c1, c2, c3, c4 = st.columns(4)
    page.card(
        c1,
        k.t("kartu_peserta"),
        page.people_card(this_month["peserta_aktif"], k.lang),
        coverage_note(),
        k.t("kartu_peserta_help"),
        delta=change("peserta_aktif"),
    )
    page.card(
        c2,
        k.t("kartu_serapan"),
        fmt.percent(this_month["serapan_persen"], lang=k.lang),
        k.t(
            "kartu_serapan_ket",
            realisasi=fmt.rupiah_short(this_month["realisasi_kumulatif"], k.lang),
            pagu=fmt.rupiah_short(this_month["pagu"], k.lang),
        )
        + page.city_wide_note(k),
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
    money_and_protection_cards(c4, *st.columns(4)[:3])

if v is None:
    st.subheader(k.t("artinya"))
    cak = page.figure(k, figures.cakupan_kecamatan)
    with_target = cak.dropna(subset=["capaian_kuota_persen"])
    sentences = []
    if len(with_target) > 1:
        lowest = with_target.sort_values("capaian_kuota_persen").iloc[0]
        sentences.append(
            k.t(
                "cakupan_terendah",
                nama=lowest["nama_kecamatan"],
                cakupan=fmt.percent(lowest["capaian_kuota_persen"], lang=k.lang),
                kota=fmt.percent(this_month["capaian_kuota_persen"], lang=k.lang),
            )
        )
    # The ranking beside shows every kecamatan: explain any above 100% there, whatever the filter.
    ranking = page.figure(k, figures.cakupan_kecamatan, filter=k.city_wide)
    over = ranking[ranking["capaian_kuota_persen"] > 100]
    if len(over):  # more active people than the funded quota: say what that means
        sentences.append(k.t("kuota_lebih_100_kalimat", daftar=", ".join(over["nama_kecamatan"])))
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
    # The view's own findings (a city-wide SP2D row is not a kecamatan's); public mode: hidden cells out.
    tm = page.figure(k, figures.temuan).dropna(subset=["jumlah", "nominal"])
    tm = tm[~tm["seluruh_kota"].astype(bool)]
    largest = tm.sort_values(["nominal", "jumlah"], ascending=False).iloc[0] if len(tm) else None
    if largest is not None and largest["jumlah"] > 0:
        sentences.append(
            k.t(
                "temuan_terbesar",
                kode=temuan_label(largest["kode_temuan"], "nama", k.lang),
                jumlah=fmt.number(largest["jumlah"], lang=k.lang),
                nominal=fmt.rupiah(largest["nominal"], k.lang),
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
                page.figure(k, figures.cakupan_kota, filter=k.city_wide)["capaian_kuota_persen"],
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
            lambda: page.briefing_pdf(k),  # built on click only
            key="unduh_briefing",
            file_name=f"briefing-ucj-{k.asof}{'-' + k.filter.kecamatan if k.filter.kecamatan else ''}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
        )
    page.import_history(k, "sumber_impor", used_only=True, in_expander=True)
