"""The presentation view of Ringkasan (?view=presentasi): for a projector in a briefing or a
hearing. Large type, one section per screen, navigation by buttons or the keyboard (arrow
keys / Page Up, Page Down as on a clicker), no sidebar. Every number comes from the figures
module through page.figure, as on the other pages."""

from __future__ import annotations

import streamlit as st

from ucj_oversight import figures
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import temuan_label
from ucj_oversight.web import charts, page

SECTIONS = ("cakupan", "anggaran", "klaim", "temuan", "pertanyaan")


def _hide_chrome() -> None:
    st.markdown(
        "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "[data-testid='stExpandSidebarButton'],header{display:none}</style>",
        unsafe_allow_html=True,
    )


# Inline styles: Streamlit's Markdown keeps them (it drops class attributes).
_STYLES = {
    "large": "font-size:clamp(2.5rem,7vw,5.5rem);font-weight:700;line-height:1.05;margin:0",
    "medium": "font-size:clamp(1.3rem,3vw,2.2rem);line-height:1.3;margin:.4rem 0",
    "small": "font-size:clamp(1.05rem,2vw,1.5rem);color:#333;margin:.3rem 0",
}


def _text(size: str, content: str) -> None:
    safe = str(content).replace("<", "&lt;").replace(">", "&gt;")  # '<5' is text, not a tag
    st.markdown(f"<p style='{_STYLES[size]}'>{safe}</p>", unsafe_allow_html=True)


def show(k: page.Context) -> None:
    _hide_chrome()
    ss = st.session_state
    i = ss.setdefault("_presentasi", 0) % len(SECTIONS)
    section = SECTIONS[i]
    summary = page.figure(k, figures.ringkasan)
    st.caption(f"{k.t('judul_app')} · {k.t('posisi')}: {k.month_text} · {i + 1}/{len(SECTIONS)}")
    if section == "cakupan":
        _text("medium", k.t("kartu_peserta"))
        _text("large", page.people_card(summary["peserta_aktif"]))
        _text(
            "medium",
            k.t(
                "kartu_peserta_ket",
                sasaran=fmt.number(summary["sasaran"]),
                cakupan=fmt.percent(summary["cakupan_persen"]),
            ),
        )
        city = page.figure(k, figures.cakupan_kecamatan, filter=k.city_wide)
        ranked = city.dropna(subset=["cakupan_persen"]).sort_values("cakupan_persen")
        if len(ranked):
            r = ranked.iloc[0]
            _text(
                "small",
                k.t(
                    "cakupan_terendah",
                    nama=r["nama_kecamatan"],
                    cakupan=fmt.percent(r["cakupan_persen"]),
                    kota=fmt.percent(summary["cakupan_persen"]),
                ).replace("**", ""),
            )
    elif section == "anggaran":
        projection = page.figure(k, figures.proyeksi_akhir_tahun)
        _text("medium", k.t("kartu_serapan"))
        _text("large", fmt.percent(summary["serapan_persen"]))
        _text(
            "medium",
            k.t(
                "kartu_serapan_ket",
                realisasi=fmt.rupiah_short(summary["realisasi_kumulatif"], k.lang),
                pagu=fmt.rupiah_short(summary["pagu"], k.lang),
            ),
        )
        if projection["cukup"] is not None:
            key = "proyeksi_cukup" if projection["cukup"] else "proyeksi_kurang"
            _text(
                "small",
                k.t(
                    key,
                    tahun=k.asof.year,
                    selisih=fmt.rupiah_short(abs(projection["selisih"]), k.lang),
                    proyeksi=fmt.rupiah_short(projection["proyeksi"], k.lang),
                ).replace("**", ""),
            )
        page.chart(
            charts.cumulative_anggaran(
                page.figure(k, figures.anggaran_bulanan), projection, k.t("kumulatif_judul", tahun=k.asof.year), k.lang
            ),
            key="grafik_presentasi_anggaran",
        )
    elif section == "klaim":
        count, amount = page.klaim_card(k, summary["klaim_dibayar_jumlah"], summary["klaim_dibayar_nominal"])
        _text("medium", k.t("kartu_klaim"))
        _text("large", amount)
        _text("medium", k.t("kartu_klaim_ket", jumlah=count))
        for r in page.figure(k, figures.klaim_program).itertuples():
            programme_count, programme_amount = page.klaim_card(k, r.jumlah_klaim, r.nominal_dibayar)
            _text("small", f"{r.program}: {programme_count} — {programme_amount}")
    elif section == "temuan":
        _text("medium", k.t("kartu_risiko"))
        _text("large", fmt.rupiah_short(summary["rp_berisiko"], k.lang))
        found = page.figure(k, figures.temuan).dropna(subset=["jumlah", "nominal"])
        for r in found.sort_values(["nominal", "jumlah"], ascending=False).head(3).itertuples():
            if r.jumlah > 0:
                _text(
                    "small",
                    f"{temuan_label(r.kode_temuan, 'nama', k.lang)}: {fmt.number(r.jumlah)} — {fmt.rupiah(r.nominal)}",
                )
    else:
        _text("medium", k.t("pertanyaan"))
        for q in _questions(k):
            _text("small", "• " + q)

    left, _, right = st.columns([1, 4, 1])
    if left.button("◀ " + k.t("sebelumnya"), key="presentasi_mundur", shortcut="PageUp", width="stretch"):
        ss["_presentasi"] = (i - 1) % len(SECTIONS)
        st.rerun()
    if right.button(
        k.t("berikutnya") + " ▶", key="presentasi_maju", shortcut="PageDown", width="stretch", type="primary"
    ):
        ss["_presentasi"] = (i + 1) % len(SECTIONS)
        st.rerun()


def _questions(k: page.Context) -> list[str]:
    """The briefing's oversight questions (one rule set for the PDF and the projector)."""
    from ucj_oversight import briefing

    return [q["text"] for q in page.call_figure(k, lambda con, asof, s: briefing.questions(con, asof, s, lang=k.lang))]
