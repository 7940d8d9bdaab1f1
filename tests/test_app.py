"""Every page through Streamlit's AppTest on the sample: the numbers on screen are the export's
numbers for the same month, filters change them, and bad URL parameters get a message."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import masuk_apptest
from ucj_oversight.storage import db
from ucj_oversight.publish import export
from ucj_oversight import figures
from ucj_oversight.text import fmt
from ucj_oversight.figures import AsOf, Filter

APP = Path(__file__).resolve().parent.parent / "app.py"
HALAMAN = ["ringkasan", "cakupan", "anggaran", "klaim", "temuan", "metodologi"]


@pytest.fixture
def buka(db_sampel, users_uji, monkeypatch, tmp_path):
    monkeypatch.setenv("UCJ_DB", str(db_sampel))
    monkeypatch.setenv("UCJ_USERS", str(users_uji))
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))

    def _buka(halaman: str = "ringkasan", **param) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        for kunci, nilai in param.items():
            at.query_params[kunci] = nilai
        at.run()
        masuk_apptest(at)
        if halaman != "ringkasan":
            at.switch_page(f"pages/{halaman}.py")
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return _buka


@pytest.fixture(scope="module")
def ekspor(db_sampel):
    with db.read(db_sampel) as con:
        asof = figures.latest_month(con)
        return asof, export.export_tables(con, asof), figures.ringkasan(con, asof)


def metrik(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def teks_semua(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [w.value for w in at.warning] + [c.value for c in at.caption]
                     + [t.value for t in at.title] + [s.value for s in at.subheader] + [e.value for e in at.error]
                     + [s.value for s in at.success] + [i.value for i in at.info])


def test_ringkasan_sama_dengan_ekspor(buka, ekspor):
    asof, tabel, r = ekspor
    at = buka()
    m = metrik(at)
    cak = tabel["cakupan_kecamatan"]
    assert m["Peserta aktif"] == fmt.number(int(cak["peserta_aktif"].sum()))
    assert m["Serapan anggaran"] == fmt.percent(tabel["anggaran_bulanan"]["serapan_persen"].iloc[-1])
    assert m["Klaim dibayar"] == fmt.rupiah_short(tabel["klaim_program"]["nominal_dibayar"].sum())
    assert m["Rp berisiko (temuan)"] == fmt.rupiah_short(tabel["temuan"]["nominal"].sum())
    assert fmt.month(str(asof)) in at.title[0].value
    assert any("DATA SIMULASI" in w.value for w in at.warning)


def test_ringkasan_bulan_lain_dan_kecamatan(buka, db_sampel):
    at = buka(as_of="2026-06", kecamatan="32.75.07")
    with db.read(db_sampel) as con:
        r = figures.ringkasan(con, AsOf.from_text("2026-06"), Filter("32.75.07"))
    assert metrik(at)["Peserta aktif"] == fmt.number(r["peserta_aktif"])
    assert "Juni 2026" in at.title[0].value
    # The filter is in the URL so the link reproduces the view.
    assert at.query_params["kecamatan"] == ["32.75.07"] or at.query_params["kecamatan"] == "32.75.07"


def test_filter_sidebar_mengubah_angka(buka, db_sampel):
    at = buka()
    sebelum = metrik(at)["Peserta aktif"]
    at.selectbox(key="kecamatan").set_value("32.75.08").run()
    with db.read(db_sampel) as con:
        r = figures.ringkasan(con, figures.latest_month(con), Filter("32.75.08"))
    assert metrik(at)["Peserta aktif"] == fmt.number(r["peserta_aktif"]) != sebelum


@pytest.mark.parametrize("param, nama", [
    ({"as_of": "2026-13"}, "as_of"), ({"as_of": "'; DROP TABLE reg; --"}, "as_of"),
    ({"kecamatan": "Cikarang Barat"}, "kecamatan"), ({"segmen": "BUKAN_SEGMEN"}, "segmen"),
    ({"lang": "fr"}, "lang"),
])
def test_parameter_url_salah_diberi_pesan(buka, ekspor, param, nama):
    asof, tabel, _ = ekspor
    at = buka(**param)
    assert any(nama in w.value and "tidak valid" in w.value for w in at.warning), [w.value for w in at.warning]
    # Falls back to the default view.
    assert metrik(at)["Peserta aktif"] == fmt.number(int(tabel["cakupan_kecamatan"]["peserta_aktif"].sum()))


def test_kecamatan_dengan_nama_di_url(buka):
    at = buka(kecamatan="Pondok Gede")
    assert not at.warning or all("kecamatan" not in w.value for w in at.warning)
    assert at.selectbox(key="kecamatan").value == "32.75.08"


def test_bahasa_inggris(buka):
    at = buka(lang="en")
    assert at.title[0].value.startswith("Summary as of October 2026")
    assert "Active participants" in metrik(at)


def test_cakupan_tabel_sama_dengan_ekspor(buka, ekspor):
    _, tabel, _ = ekspor
    at = buka("cakupan")
    df = at.dataframe[0].value
    cak = tabel["cakupan_kecamatan"]
    assert list(df["Kecamatan"]) == list(cak["nama_kecamatan"])
    assert list(df["Peserta aktif (orang)"]) == [fmt.number(v) for v in cak["peserta_aktif"]]
    assert list(df["Cakupan (%)"]) == [fmt.percent(v) for v in cak["cakupan_persen"]]


def test_cakupan_kelurahan_saat_kecamatan_dipilih(buka, db_sampel, ekspor):
    asof, _, _ = ekspor
    at = buka("cakupan", kecamatan="32.75.07")
    judul = [s.value for s in at.subheader]
    assert any("Bantargebang" in j for j in judul)
    with db.read(db_sampel) as con:
        kel = figures.cakupan_kelurahan(con, asof, Filter("32.75.07"))
    tabel_kel = [d.value for d in at.dataframe if "Kelurahan" in d.value.columns][0]
    assert sorted(tabel_kel["Kelurahan"]) == sorted(kel["nama_kelurahan"].fillna("(kelurahan tidak diisi)"))


def test_anggaran_sama_dengan_ekspor(buka, ekspor):
    _, tabel, _ = ekspor
    ang = tabel["anggaran_bulanan"]
    at = buka("anggaran")
    m = metrik(at)
    assert m["Pagu berlaku"] == fmt.rupiah_short(ang["pagu"].iloc[-1])
    assert m["Realisasi (SP2D)"] == fmt.rupiah_short(ang["realisasi_kumulatif"].iloc[-1])
    df = at.dataframe[0].value
    assert list(df["Realisasi kumulatif (Rp)"]) == [fmt.rupiah(v) for v in ang["realisasi_kumulatif"]]
    rek = tabel["rekonsiliasi_iuran"]
    df2 = [d.value for d in at.dataframe if "Selisih (Rp)" in d.value.columns][0]
    assert list(df2["Selisih (Rp)"]) == [fmt.rupiah(v) for v in rek["selisih"]]
    assert "kurang" in teks_semua(at) or "cukup" in teks_semua(at)


def test_anggaran_dengan_filter_kecamatan_memberi_tahu(buka):
    at = buka("anggaran", kecamatan="32.75.01")
    assert any("seluruh kota" in i.value for i in at.info)


def test_klaim_sama_dengan_ekspor(buka, ekspor):
    _, tabel, _ = ekspor
    kp = tabel["klaim_program"].set_index("program")
    at = buka("klaim")
    m = metrik(at)
    assert m["JKK (kecelakaan kerja)"] == fmt.rupiah_short(kp.loc["JKK", "nominal_dibayar"])
    assert m["JKM (kematian)"] == fmt.rupiah_short(kp.loc["JKM", "nominal_dibayar"])


def test_klaim_kecamatan_tanpa_klaim_memberi_tahu(buka, db_sampel):
    # Early in the year a small kecamatan has no paid claims yet: an empty state, not a broken chart.
    with db.read(db_sampel) as con:
        kosong = [kode for kode in ["32.75.07", "32.75.12", "32.75.10"]
                  if figures.klaim_program(con, AsOf.from_text("2026-01"), Filter(kode))["jumlah_klaim"].sum() == 0]
    if not kosong:
        pytest.skip("the sample has claims in every candidate kecamatan in January")
    at = buka("klaim", as_of="2026-01", kecamatan=kosong[0])
    assert any("Belum ada klaim" in i.value for i in at.info)


def test_temuan_sama_dengan_ekspor_dan_tersamar(buka, ekspor):
    _, tabel, _ = ekspor
    at = buka("temuan")
    df = at.dataframe[0].value
    assert list(df["Kode"]) == list(figures.TEMUAN_CODES)
    assert list(df["Jumlah kasus"]) == [fmt.number(v) for v in tabel["temuan"]["jumlah"]]
    at.selectbox(key="temuan_kode").set_value("IURAN_GANDA").run()
    rinci = at.dataframe[1].value
    assert len(rinci) > 0 and all("•" in r for r in rinci["Rujukan"])


def test_metodologi_dan_riwayat_impor(buka, db_sampel):
    at = buka("metodologi")
    assert len(at.expander) >= 10
    riwayat = at.dataframe[-1].value
    assert len(riwayat) == 6 and set(riwayat["SHA-256"].str.len()) == {64}


@pytest.mark.parametrize("halaman", HALAMAN)
def test_setiap_halaman_tanpa_error_di_awal_tahun_dan_bahasa_inggris(buka, halaman):
    at = buka(halaman, as_of="2026-01", lang="en", segmen="PKL")
    assert not at.exception


@pytest.mark.parametrize("halaman", ["ringkasan", "cakupan", "anggaran", "klaim", "metodologi"])
@pytest.mark.parametrize("param", [{}, {"kecamatan": "32.75.07", "segmen": "PKH"}, {"as_of": "2026-01"}])
def test_mode_publik_tanpa_error_dan_tanpa_angka_kecil(db_sampel, monkeypatch, halaman, param):
    monkeypatch.setenv("UCJ_DB", str(db_sampel))
    monkeypatch.setenv("UCJ_MODE", "publik")
    at = AppTest.from_file(str(APP), default_timeout=60)
    for kunci, nilai in param.items():
        at.query_params[kunci] = nilai
    at.run()
    if halaman != "ringkasan":
        at.switch_page(f"pages/{halaman}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.text_input   # no log-in form in public mode
    for d in at.dataframe:
        for kolom in d.value.columns:
            if kolom in ("Jumlah klaim", "JKK", "JKM", "Peserta aktif (orang)", "Jumlah kasus"):
                assert not any(str(v) in {"1", "2", "3", "4"} for v in d.value[kolom]), (kolom, list(d.value[kolom]))


def test_mode_publik_tidak_mendaftarkan_temuan(db_sampel, monkeypatch):
    monkeypatch.setenv("UCJ_DB", str(db_sampel))
    monkeypatch.setenv("UCJ_MODE", "publik")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    try:
        at.switch_page("pages/temuan.py").run()
    except Exception:
        return   # AppTest refuses a page that st.navigation does not list: as intended
    judul = [t.value for t in at.title] + [s.value for s in at.subheader]
    assert not any("Temuan" in j or "Rincian" in j for j in judul), judul
    assert not any("Kode" in d.value.columns for d in at.dataframe)


@pytest.mark.parametrize("halaman, view, grafik", [
    ("ringkasan", "kartu", 0), ("ringkasan", "peringkat", 1), ("ringkasan", "anggaran", 1),
    ("cakupan", "peta", 1), ("cakupan", "peringkat", 1), ("cakupan", "tren", 1), ("cakupan", "segmen", 1),
    ("anggaran", "kumulatif", 1), ("anggaran", "sp2d", 1), ("anggaran", "rekon", 1),
    ("klaim", "kartu", 0), ("klaim", "bulanan", 1), ("klaim", "kecamatan", 1)])
def test_tampilan_tunggal_untuk_sematan(buka, halaman, view, grafik):
    at = buka(halaman, view=view)
    assert len(at.get("plotly_chart")) == grafik
    assert not at.title and not at.dataframe   # just the one element (plus the simulated-data banner)
    if view == "kartu":
        assert len(at.metric) >= 3


def test_tampilan_tidak_dikenal_memberi_pesan(buka):
    at = buka("cakupan", view="semua-nya")
    assert any("view" in w.value for w in at.warning) and at.title


def test_tampilan_presentasi_berpindah_bagian(buka, ekspor):
    _, _, r = ekspor
    at = buka("ringkasan", view="presentasi")
    teks = "\n".join(m.value for m in at.markdown)
    assert fmt.number(r["peserta_aktif"]) in teks and not at.title
    at.button(key="presentasi_maju").click().run()
    teks = "\n".join(m.value for m in at.markdown)
    assert fmt.percent(r["serapan_persen"]) in teks and len(at.get("plotly_chart")) == 1
    at.button(key="presentasi_mundur").click().run()
    at.button(key="presentasi_mundur").click().run()   # wraps round to the last section
    assert any("Pertanyaan pengawasan" in m.value for m in at.markdown)


def test_tombol_briefing_di_ringkasan(buka, db_sampel):
    at = buka("ringkasan")
    tombol = at.get("download_button")
    assert any("briefing" in str(b.proto.label).lower() for b in tombol)
    from ucj_oversight import briefing
    with db.read(db_sampel) as con:
        pdf = briefing.build_pdf(con, figures.latest_month(con), None)
    assert pdf.startswith(b"%PDF") and briefing.page_count(pdf) <= 2
