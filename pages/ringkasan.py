"""Ringkasan: where the programme stands this month, in four cards and three sentences."""
import streamlit as st

from ucj_oversight import settings
from ucj_oversight.text import fmt
from ucj_oversight.web import charts, presentation, page
from ucj_oversight.text.labels import temuan_label as teks_temuan

k = page.require_context()
v = page.view(k, "ringkasan")
if v == "presentasi":
    presentation.show(k)
    st.stop()
if v is None:
    st.title(k.t("ringkasan_judul", bulan=k.bulan_teks))
    page.sources_and_position(k)

ini = page.figure(k, "ringkasan")
lalu = page.figure(k, "ringkasan", asof=k.asof.previous())
bulan_lalu = fmt.month(str(k.asof.previous()), k.lang, panjang=False).split(" ")[0]
pro = page.figure(k, "proyeksi_akhir_tahun")


def beda(kunci, desimal=0, persen=False):
    a, b = ini[kunci], lalu[kunci]
    if a is None or b is None:
        return None
    d = a - b
    teks = fmt.signed_number(d, desimal) + (" " + k.t("poin") if persen else "")
    return teks + " " + k.t("dibanding_bulan_lalu", bulan=bulan_lalu)


def beda_rp(kunci):
    d = ini[kunci] - lalu[kunci]
    tanda = "+" if d > 0 else "−" if d < 0 else "±"
    return tanda + fmt.rupiah_short(abs(d), k.lang) + " " + k.t("dibanding_bulan_lalu", bulan=bulan_lalu)


if page.shows(v, "kartu"):
    awal_tahun = k.asof.bulan.month == 1   # January has no earlier month of the same year to compare
    c1, c2, c3, c4 = st.columns(4)
    page.card(c1, k.t("kartu_peserta"), page.people_card(ini["peserta_aktif"]),
                   k.t("kartu_peserta_ket", sasaran=fmt.number(ini["sasaran"]),
                       cakupan=fmt.percent(ini["cakupan_persen"])),
                   k.t("kartu_peserta_help"), delta=beda("peserta_aktif"))
    page.card(c2, k.t("kartu_serapan"), fmt.percent(ini["serapan_persen"]),
                   k.t("kartu_serapan_ket", realisasi=fmt.rupiah_short(ini["realisasi_kumulatif"], k.lang),
                       pagu=fmt.rupiah_short(ini["pagu"], k.lang)),
                   k.t("kartu_serapan_help"), delta=None if awal_tahun else beda("serapan_persen", 1, persen=True),
                   delta_warna="off")
    klaim_n, klaim_rp = page.klaim_card(k, ini["klaim_dibayar_jumlah"], ini["klaim_dibayar_nominal"])
    page.card(c3, k.t("kartu_klaim"), klaim_rp, k.t("kartu_klaim_ket", jumlah=klaim_n),
                   k.t("kartu_klaim_help"),
                   delta=None if awal_tahun or settings.public_mode() else beda_rp("klaim_dibayar_nominal"),
                   delta_warna="off")
    page.card(c4, k.t("kartu_risiko"), fmt.rupiah_short(ini["rp_berisiko"], k.lang),
                   k.t("kartu_risiko_ket", jumlah=fmt.number(int(page.figure(k, "temuan")["jumlah"].sum()))),
                   k.t("kartu_risiko_help"), delta=beda_rp("rp_berisiko"), delta_warna="inverse")

if v is None:
    st.subheader(k.t("artinya"))
    cak = page.figure(k, "cakupan_kecamatan")
    ada = cak.dropna(subset=["cakupan_persen"])
    kalimat = []
    if len(ada) > 1:
        rendah = ada.sort_values("cakupan_persen").iloc[0]
        kalimat.append(k.t("cakupan_terendah", nama=rendah["nama_kecamatan"],
                           cakupan=fmt.percent(rendah["cakupan_persen"]), kota=fmt.percent(ini["cakupan_persen"])))
    if pro["cukup"] is not None:
        kunci = "proyeksi_cukup" if pro["cukup"] else "proyeksi_kurang"
        kalimat.append(k.t(kunci, tahun=k.asof.tahun, selisih=fmt.rupiah_short(abs(pro["selisih"]), k.lang),
                           proyeksi=fmt.rupiah_short(pro["proyeksi"], k.lang)))
    tm = page.figure(k, "temuan").dropna(subset=["jumlah", "nominal"])   # public mode: hidden cells out
    besar = tm.sort_values(["nominal", "jumlah"], ascending=False).iloc[0] if len(tm) else None
    if besar is not None and besar["jumlah"] > 0:
        kalimat.append(k.t("temuan_terbesar", kode=teks_temuan(besar["kode_temuan"], "nama", k.lang),
                           jumlah=fmt.number(besar["jumlah"]), nominal=fmt.rupiah(besar["nominal"])))
    for s in kalimat:
        st.markdown("- " + s)

if v is None:
    kiri, kanan = st.columns([1, 1])
else:
    kiri = kanan = st.container()
if page.shows(v, "peringkat"):
    with kiri:
        # Charts are built once per view and shared (tampilan.grafik_view): the data is fetched
        # inside the builder, only when the chart is not built yet.
        page.cached_chart(k, "grafik_ringkasan_cakupan", lambda: charts.ranking_bar(
            page.figure(k, "cakupan_kecamatan", saringan=k.seluruh_kota),
            page.figure(k, "cakupan_kota", saringan=k.seluruh_kota)["cakupan_persen"],
            k.t("peringkat_judul", bulan=k.bulan_teks), k.lang))
if page.shows(v, "anggaran"):
    with kanan:
        page.cached_chart(k, "grafik_ringkasan_anggaran", lambda: charts.cumulative_anggaran(
            page.figure(k, "anggaran_bulanan"), pro, k.t("kumulatif_judul", tahun=k.asof.tahun), k.lang))

if v is None:
    if not settings.public_mode():
        # Not in public mode: the briefing shows exact small counts (no disclosure control).
        st.download_button(k.t("unduh_briefing"), page.briefing_pdf(k), key="unduh_briefing",
                           file_name=f"briefing-ucj-{k.asof}{'-' + k.saringan.kecamatan if k.saringan.kecamatan else ''}.pdf",
                           mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore")
    page.import_history(k, "sumber_impor", hanya_dipakai=True, dalam_expander=True)
