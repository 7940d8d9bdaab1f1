"""The presentation view of Ringkasan (?view=presentasi): for a projector in a briefing or a
hearing. One section per screen, navigation by buttons or the keyboard (Page Up / Page Down, as
on a clicker), no sidebar, a link back to Ringkasan (and from Ringkasan to here, internal mode).
Every number comes from the figures module through page.figure, as on the other pages.

The slide fits the screen without scrolling, whatever its size: every length is in `u`, one
hundredth of the largest 16:9 box the browser window holds (CSS min(1vh, 0.5625vw)), so a slide
laid out for 1280×720 is the same slide, scaled, at 1920×1080 (and letterboxed on 4:3). Charts
are drawn by Plotly in pixels: a small component reports the window's size (and any change of
it) so that each chart is built at the height and font size of that box (chart_style.for_projector).
"""

from __future__ import annotations

import streamlit as st

from ucj_oversight import figures, settings
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import temuan_label
from ucj_oversight.web import chart_style, charts, page

SECTIONS = ("cakupan", "anggaran", "perlindungan", "klaim", "temuan", "pertanyaan")
_TITLES = {
    "cakupan": "hal_cakupan",
    "anggaran": "hal_anggaran",
    "perlindungan": "slide_perlindungan",
    "klaim": "hal_klaim",
    "temuan": "hal_temuan",
    "pertanyaan": "pertanyaan",
}
QUESTIONS_PER_SLIDE = 5  # two lines each at most: five fit under the heading
DESIGN = {"w": 1280, "h": 720}  # the window assumed until the browser has reported its own
CHART_U = 64  # the chart's height in u (hundredths of the slide's height)

# Reports the window size to Python once and after each resize (debounced): a rerun per change.
_JS = """
export default function(component) {
  const { setStateValue } = component;
  let last = "";
  const report = () => {
    const size = { w: window.innerWidth, h: window.innerHeight };
    const key = size.w + "x" + size.h;
    if (key !== last) { last = key; setStateValue("ukuran", size); }
  };
  report();
  let timer = null;
  const onResize = () => { clearTimeout(timer); timer = setTimeout(report, 250); };
  window.addEventListener("resize", onResize);
  return () => { clearTimeout(timer); window.removeEventListener("resize", onResize); };
}
"""
_window_size = st.components.v2.component("ucj_presentasi_ukuran_layar", js=_JS)

# u: a hundredth of the 16:9 slide. The slide is centred and as wide as 16:9 allows.
_CSS = """<style>
:root{--u:min(1vh,0.5625vw)}
[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],[data-testid='stExpandSidebarButton'],
header[data-testid='stHeader'],[data-testid='stToolbar']{display:none}
[data-testid='stMainBlockContainer']{max-width:calc(var(--u)*177.7);margin:0 auto;box-sizing:border-box;
 padding:calc(var(--u)*2) calc(var(--u)*3) !important;min-height:100vh;display:flex;flex-direction:column;
 justify-content:center}
[data-testid='stMainBlockContainer'] [data-testid='stVerticalBlock']{gap:calc(var(--u)*1.6)}
[data-testid='stMainBlockContainer']>[data-testid='stVerticalBlock']{justify-content:center}
[data-testid='stElementContainer']:has([data-testid^='stBidiComponent']){display:none}
[data-testid='stAlert'] [data-testid='stAlertContainer']{padding:calc(var(--u)*.8) calc(var(--u)*2)}
[data-testid='stAlert'] p{font-size:calc(var(--u)*2)}
[data-testid='stMainBlockContainer'] [data-testid='stCaptionContainer'] p{font-size:calc(var(--u)*2.1)}
[data-testid='stMainBlockContainer'] :is(button,a[data-testid='stPageLink-NavLink']){min-height:calc(var(--u)*5.5)}
[data-testid='stMainBlockContainer'] :is(button,a[data-testid='stPageLink-NavLink']) :is(p,span){
 font-size:calc(var(--u)*2.4)}
</style>"""

# Inline styles (Streamlit's Markdown keeps them; it drops class attributes), sizes in u.
_STYLES = {
    "xl": "font-size:calc(var(--u)*10);font-weight:700;line-height:1.05;margin:0",
    "l": "font-size:calc(var(--u)*6.5);font-weight:700;line-height:1.1;margin:0",
    "m": "font-size:calc(var(--u)*3.4);line-height:1.25;margin:0",
    "s": "font-size:calc(var(--u)*2.5);line-height:1.3;color:#333;margin:0",
}


def _text(size: str, content: str, new_block: bool = False) -> None:
    """A paragraph of the slide; new_block: a little space above (a second figure's label)."""
    safe = str(content).replace("<", "&lt;").replace(">", "&gt;").replace("**", "")  # '<5' is text
    space = ";margin-top:calc(var(--u)*2.5)" if new_block else ""
    st.markdown(f"<p style='{_STYLES[size]}{space}'>{safe}</p>", unsafe_allow_html=True)


def link(k: page.Context) -> None:
    """The way into the presentation from Ringkasan (internal mode; the filters are kept)."""
    if settings.public_mode():
        return
    label, icon = k.t("presentasi_buka"), ":material/slideshow:"
    st.page_link("pages/ringkasan.py", label=label, icon=icon, query_params={"view": "presentasi"})


def _chart(k: page.Context, fig, key: str) -> None:
    """A chart at the slide's scale: CHART_U high, fonts grown with the box (16 px at 720)."""
    size = st.session_state.get("_presentasi_layar") or DESIGN
    u_px = min(size["h"], size["w"] * 9 / 16) / 100
    page.chart(chart_style.for_projector(fig, round(CHART_U * u_px), 1.25 * u_px / 7.2), key=key)


def show(k: page.Context) -> None:
    st.html(_CSS)
    result = _window_size(key="presentasi_layar", default={"ukuran": None}, on_ukuran_change=lambda: None, height=0)
    if result is not None and getattr(result, "ukuran", None):
        st.session_state["_presentasi_layar"] = dict(result.ukuran)
    ss = st.session_state
    # The questions quote exact small counts (as the briefing PDF does): internal mode only.
    questions = None if settings.public_mode() else _questions(k)
    slides = _slides(questions)
    i = ss.setdefault("_presentasi", 0) % len(slides)
    section, part = slides[i]
    parts = sum(1 for s, _ in slides if s == section)
    top_left, top_right = st.columns([4, 1], vertical_alignment="center")
    top_left.caption(
        k.t(
            "presentasi_slide",
            i=i + 1,
            n=len(slides),
            bagian=k.t(_TITLES[section]) + (f" ({part + 1}/{parts})" if parts > 1 else ""),
            bulan=k.month_text,
            judul=k.t("judul_app"),
        )
    )
    with top_right:
        st.page_link("pages/ringkasan.py", label=k.t("presentasi_kembali"), icon=":material/close:", query_params={})
    if section == "pertanyaan":
        _text("l", k.t("pertanyaan"))
        for q in questions[part * QUESTIONS_PER_SLIDE : (part + 1) * QUESTIONS_PER_SLIDE]:
            _text("m", "• " + q)
    else:
        summary = page.figure(k, figures.ringkasan)
        {
            "cakupan": _coverage,
            "anggaran": _budget,
            "perlindungan": _protection,
            "klaim": _claims,
            "temuan": _findings,
        }[section](k, summary)

    left, _, right = st.columns([1, 3, 1])
    if left.button("◀ " + k.t("sebelumnya"), key="presentasi_mundur", shortcut="PageUp", width="stretch"):
        ss["_presentasi"] = (i - 1) % len(slides)
        st.rerun()
    if right.button(
        k.t("berikutnya") + " ▶", key="presentasi_maju", shortcut="PageDown", width="stretch", type="primary"
    ):
        ss["_presentasi"] = (i + 1) % len(slides)
        st.rerun()


def _slides(questions: list[str] | None) -> list[tuple[str, int]]:
    """(section, part) per slide: one slide per section, the questions five to a slide (none
    when there are no questions to ask: public mode)."""
    pages = 0 if questions is None else max(1, -(-len(questions) // QUESTIONS_PER_SLIDE))
    return [(s, 0) for s in SECTIONS if s != "pertanyaan"] + [("pertanyaan", p) for p in range(pages)]


def _coverage(k: page.Context, summary: dict) -> None:
    """Peserta aktif, the two coverage figures side by side (never one under the other's name),
    the lowest kecamatan; the ranking by the coverage the map uses."""
    text, chart = st.columns([2, 3], vertical_alignment="center")
    with text:
        _text("m", k.t("kartu_peserta"))
        _text("xl", page.people_card(summary["peserta_aktif"], k.lang))
        quota, universe = st.columns(2)
        with quota:
            _text("m", k.t("kartu_capaian_kuota"))
            _text("l", fmt.percent(summary["capaian_kuota_persen"], 1, k.lang))
            _text("s", k.t("presentasi_kuota", sasaran=fmt.number(summary["sasaran"], 0, k.lang)))
        with universe:
            _text("m", k.t("kartu_cakupan_semesta"))
            if summary["semesta"] is None:
                _text("l", fmt.EMPTY)
                _text("s", k.t("belum_ada_semesta"))
            else:
                _text("l", fmt.percent(summary["cakupan_semesta_persen"], 1, k.lang))
                _text("s", k.t("presentasi_semesta", semesta=fmt.number(summary["semesta"], 0, k.lang)))
        city = page.figure(k, figures.cakupan_kecamatan, filter=k.city_wide)
        ranked = city.dropna(subset=["capaian_kuota_persen"]).sort_values("capaian_kuota_persen")
        if len(ranked) > 1:
            r = ranked.iloc[0]
            _text(
                "s",
                k.t(
                    "cakupan_terendah",
                    nama=r["nama_kecamatan"],
                    cakupan=fmt.percent(r["capaian_kuota_persen"], 1, k.lang),
                    kota=fmt.percent(summary["capaian_kuota_persen"], 1, k.lang),
                ),
                new_block=True,
            )
    with chart:
        all_kecamatan = page.figure(k, figures.cakupan_kecamatan, filter=k.city_wide)
        column = charts.coverage_column(all_kecamatan)
        semesta = column == "cakupan_semesta_persen"
        _chart(
            k,
            charts.ranking_bar(
                all_kecamatan,
                page.figure(k, figures.cakupan_kota, filter=k.city_wide)[column],
                k.t("peringkat_judul_semesta" if semesta else "peringkat_judul", bulan=k.month_text),
                k.lang,
                column,
            ),
            "grafik_presentasi_cakupan",
        )


def _budget(k: page.Context, summary: dict) -> None:
    """Absorption, spending against the allocation, the year-end projection in words."""
    projection = page.figure(k, figures.proyeksi_akhir_tahun)
    text, chart = st.columns([2, 3], vertical_alignment="center")
    with text:
        _text("m", k.t("kartu_serapan"))
        _text("xl", fmt.percent(summary["serapan_persen"], 1, k.lang))
        _text(
            "m",
            k.t(
                "kartu_serapan_ket",
                realisasi=fmt.rupiah_short(summary["realisasi_kumulatif"], k.lang),
                pagu=fmt.rupiah_short(summary["pagu"], k.lang),
            ),
        )
        if projection["cukup"] is not None:
            key = "proyeksi_cukup" if projection["cukup"] else "proyeksi_kurang"
            _text(
                "s",
                k.t(
                    key,
                    tahun=k.asof.year,
                    selisih=fmt.rupiah_short(abs(projection["selisih"]), k.lang),
                    proyeksi=fmt.rupiah_short(projection["proyeksi"], k.lang),
                ),
                new_block=True,
            )
        if k.filter.kecamatan or k.filter.segmen:
            _text("s", k.t("angka_seluruh_kota"))
    with chart:
        _chart(
            k,
            charts.cumulative_anggaran(
                page.figure(k, figures.anggaran_bulanan), projection, k.t("kumulatif_judul", tahun=k.asof.year), k.lang
            ),
            "grafik_presentasi_anggaran",
        )


def _protection(k: page.Context, summary: dict) -> None:
    """Months in arrears (city-wide) and the people without protection because of them."""
    arrears, lindung = page.figure(k, figures.bulan_menunggak), page.figure(k, figures.perlindungan_kota)
    text, chart = st.columns([2, 3], vertical_alignment="center")
    with text:
        _text("m", k.t("kartu_menunggak"))
        _text("xl", fmt.number(arrears["bulan_menunggak"], 0, k.lang))
        _text(
            "s",
            (
                k.t(
                    "kartu_menunggak_ket",
                    rp=fmt.rupiah_short(arrears["tunggakan"], k.lang),
                    hari=fmt.number(arrears["terlama_hari"], 0, k.lang),
                )
                if arrears["bulan_menunggak"]
                else k.t("kartu_menunggak_nol")
            )
            + page.city_wide_note(k),
        )
        _text("m", k.t("kartu_tanpa_lindung"), new_block=True)
        _text("l", page.people_card(lindung["tidak_terlindungi"], k.lang))
        _text(
            "s",
            k.t(
                "kartu_tanpa_lindung_ket",
                aktif=page.people_card(lindung["peserta_aktif"], k.lang),
                rb=page.people_card(lindung["registrasi_bulan_tanpa_lindung"], k.lang),
            ),
        )
    with chart:
        _chart(
            k,
            charts.hari_terlambat(
                page.figure(k, figures.ketepatan_bayar), k.t("ketepatan_judul", tahun=k.asof.year), k.lang
            ),
            "grafik_presentasi_terlambat",
        )


def _claims(k: page.Context, summary: dict) -> None:
    """Claims paid this year, per programme (JHT only when there are JHT claims)."""
    count, amount = page.klaim_card(k, summary["klaim_dibayar_jumlah"], summary["klaim_dibayar_nominal"])
    text, chart = st.columns([2, 3], vertical_alignment="center")
    with text:
        _text("m", k.t("kartu_klaim"))
        _text("xl", amount)
        _text("m", k.t("kartu_klaim_ket", jumlah=count))
        for r in page.figure(k, figures.klaim_program).itertuples():
            if r.program == "JHT" and not (r.jumlah_klaim == r.jumlah_klaim and r.jumlah_klaim):
                continue  # the programme pays JKK and JKM: no JHT row of zeros
            programme_count, programme_amount = page.klaim_card(k, r.jumlah_klaim, r.nominal_dibayar)
            _text("s", f"{r.program}: {programme_amount} — {k.t('klaim_n', n=programme_count)}")
    with chart:
        months = [f"{k.asof.year}-{m:02d}" for m in range(1, k.asof.month.month + 1)]
        _chart(
            k,
            charts.klaim_bulanan(
                page.figure(k, figures.klaim_bulanan), months, k.t("klaim_bulan_judul", tahun=k.asof.year), k.lang
            ),
            "grafik_presentasi_klaim",
        )


def _findings(k: page.Context, summary: dict) -> None:
    """The two 'perlu klarifikasi' amounts side by side, never added: APBD money and BPJS
    benefits; then the largest findings by amount."""
    tm = page.figure(k, figures.temuan)
    columns = st.columns(2)
    for column, codes, card in (
        (columns[0], figures.TEMUAN_APBD, "kartu_apbd"),
        (columns[1], figures.TEMUAN_MANFAAT, "kartu_manfaat_klarifikasi"),
    ):
        amount, cases, hidden = page.shown_findings(tm, codes)
        note = k.t(f"{card}_ket", jumlah=fmt.number(cases, 0, k.lang))
        if hidden:
            note += "; " + k.t("kartu_temuan_disamarkan", n=hidden)
        with column:
            _text("m", k.t(card))
            _text("xl", fmt.rupiah_short(amount, k.lang))
            _text("s", note)
    _text("s", k.t("dua_angka_terpisah"))
    found = tm[~tm["seluruh_kota"].astype(bool)].dropna(subset=["jumlah", "nominal"])
    for r in found.sort_values(["nominal", "jumlah"], ascending=False).head(3).itertuples():
        if r.jumlah > 0:
            _text(
                "m",
                f"{temuan_label(r.kode_temuan, 'nama', k.lang)}: {fmt.rupiah(r.nominal, k.lang)} — "
                f"{fmt.number(r.jumlah, 0, k.lang)} {k.t('kasus')}",
            )


def _questions(k: page.Context) -> list[str]:
    """The briefing's oversight questions (one rule set for the PDF and the projector)."""
    from ucj_oversight import briefing

    return [q["text"] for q in page.call_figure(k, lambda con, asof, s: briefing.questions(con, asof, s, lang=k.lang))]
