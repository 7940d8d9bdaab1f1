"""The presentation view of Ringkasan (?view=presentasi): for a projector in a briefing or a
hearing. Large type, one section per screen, navigation by buttons or the keyboard (arrow
keys / Page Up, Page Down as on a clicker), no sidebar. Every number comes from the figures
module through tampilan.figur, as on the other pages."""
from __future__ import annotations

import streamlit as st

from ucj_oversight import settings
from ucj_oversight.text import fmt
from ucj_oversight.web import charts, page
from ucj_oversight.text.labels import temuan_label as teks_temuan

SECTIONS = ("cakupan", "anggaran", "klaim", "temuan", "pertanyaan")


def _gaya() -> None:
    st.markdown(
        "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "[data-testid='stExpandSidebarButton'],header{display:none}</style>", unsafe_allow_html=True)


# Inline styles: Streamlit's Markdown keeps them (it drops class attributes).
_GAYA = {
    "ucj-besar": "font-size:clamp(2.5rem,7vw,5.5rem);font-weight:700;line-height:1.05;margin:0",
    "ucj-sedang": "font-size:clamp(1.3rem,3vw,2.2rem);line-height:1.3;margin:.4rem 0",
    "ucj-kecil": "font-size:clamp(1.05rem,2vw,1.5rem);color:#333;margin:.3rem 0",
}


def _teks(kelas: str, isi: str) -> None:
    aman = str(isi).replace("<", "&lt;").replace(">", "&gt;")   # '<5' is text, not a tag
    st.markdown(f"<p style='{_GAYA[kelas]}'>{aman}</p>", unsafe_allow_html=True)


def show(k: page.Context) -> None:
    _gaya()
    ss = st.session_state
    i = ss.setdefault("_presentasi", 0) % len(SECTIONS)
    bagian = SECTIONS[i]
    ini = page.figure(k, "ringkasan")
    st.caption(f"{k.t('judul_app')} · {k.t('posisi')}: {k.bulan_teks} · {i + 1}/{len(SECTIONS)}")
    if bagian == "cakupan":
        _teks("ucj-sedang", k.t("kartu_peserta"))
        _teks("ucj-besar", page.people_card(ini["peserta_aktif"]))
        _teks("ucj-sedang", k.t("kartu_peserta_ket", sasaran=fmt.number(ini["sasaran"]),
                                cakupan=fmt.percent(ini["cakupan_persen"])))
        semua = page.figure(k, "cakupan_kecamatan", saringan=k.seluruh_kota)
        ada = semua.dropna(subset=["cakupan_persen"]).sort_values("cakupan_persen")
        if len(ada):
            r = ada.iloc[0]
            _teks("ucj-kecil", k.t("cakupan_terendah", nama=r["nama_kecamatan"], cakupan=fmt.percent(r["cakupan_persen"]),
                                   kota=fmt.percent(ini["cakupan_persen"])).replace("**", ""))
    elif bagian == "anggaran":
        pro = page.figure(k, "proyeksi_akhir_tahun")
        _teks("ucj-sedang", k.t("kartu_serapan"))
        _teks("ucj-besar", fmt.percent(ini["serapan_persen"]))
        _teks("ucj-sedang", k.t("kartu_serapan_ket", realisasi=fmt.rupiah_short(ini["realisasi_kumulatif"], k.lang),
                                pagu=fmt.rupiah_short(ini["pagu"], k.lang)))
        if pro["cukup"] is not None:
            kunci = "proyeksi_cukup" if pro["cukup"] else "proyeksi_kurang"
            _teks("ucj-kecil", k.t(kunci, tahun=k.asof.tahun, selisih=fmt.rupiah_short(abs(pro["selisih"]), k.lang),
                                   proyeksi=fmt.rupiah_short(pro["proyeksi"], k.lang)).replace("**", ""))
        page.chart(charts.cumulative_anggaran(page.figure(k, "anggaran_bulanan"), pro,
                                                  k.t("kumulatif_judul", tahun=k.asof.tahun), k.lang),
                        key="grafik_presentasi_anggaran")
    elif bagian == "klaim":
        n, rp = page.klaim_card(k, ini["klaim_dibayar_jumlah"], ini["klaim_dibayar_nominal"])
        _teks("ucj-sedang", k.t("kartu_klaim"))
        _teks("ucj-besar", rp)
        _teks("ucj-sedang", k.t("kartu_klaim_ket", jumlah=n))
        prog = page.figure(k, "klaim_program")
        for r in prog.itertuples():
            pn, prp = page.klaim_card(k, r.jumlah_klaim, r.nominal_dibayar)
            _teks("ucj-kecil", f"{r.program}: {pn} — {prp}")
    elif bagian == "temuan":
        _teks("ucj-sedang", k.t("kartu_risiko"))
        _teks("ucj-besar", fmt.rupiah_short(ini["rp_berisiko"], k.lang))
        tm = page.figure(k, "temuan").dropna(subset=["jumlah", "nominal"])
        for r in tm.sort_values(["nominal", "jumlah"], ascending=False).head(3).itertuples():
            if r.jumlah > 0:
                _teks("ucj-kecil", f"{teks_temuan(r.kode_temuan, 'nama', k.lang)}: {fmt.number(r.jumlah)} — "
                                   f"{fmt.rupiah(r.nominal)}")
    else:
        _teks("ucj-sedang", k.t("pertanyaan"))
        for q in _pertanyaan(k):
            _teks("ucj-kecil", "• " + q)

    kiri, _, kanan = st.columns([1, 4, 1])
    if kiri.button("◀ " + k.t("sebelumnya"), key="presentasi_mundur", shortcut="PageUp", width="stretch"):
        ss["_presentasi"] = (i - 1) % len(SECTIONS)
        st.rerun()
    if kanan.button(k.t("berikutnya") + " ▶", key="presentasi_maju", shortcut="PageDown", width="stretch",
                    type="primary"):
        ss["_presentasi"] = (i + 1) % len(SECTIONS)
        st.rerun()


def _pertanyaan(k: page.Context) -> list[str]:
    """The briefing's oversight questions (one rule set for the PDF and the projector)."""
    from ucj_oversight import briefing
    return [q["teks"] for q in page.call_figure(k, lambda con, asof, s: briefing.questions(con, asof, s, lang=k.lang))]
