"""Every page through Streamlit's AppTest on the sample: the numbers on screen are the export's
numbers for the same month, filters change them, and bad URL parameters get a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import log_in_apptest
from streamlit.testing.v1 import AppTest

from ucj_oversight import figures
from ucj_oversight.figures import AsOf, Filter
from ucj_oversight.publish import export
from ucj_oversight.storage import db
from ucj_oversight.text import fmt

APP = Path(__file__).resolve().parent.parent / "app.py"
PAGE_NAMES = ["ringkasan", "cakupan", "anggaran", "klaim", "temuan", "metodologi"]


@pytest.fixture
def open_page(sample_db, test_users_file, monkeypatch, tmp_path):
    monkeypatch.setenv("UCJ_DB", str(sample_db))
    monkeypatch.setenv("UCJ_USERS", str(test_users_file))
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))

    def _open(page_name: str = "ringkasan", **params) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        log_in_apptest(at)
        if page_name != "ringkasan":
            at.switch_page(f"pages/{page_name}.py")
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


@pytest.fixture(scope="module")
def exported(sample_db):
    with db.read(sample_db) as con:
        asof = figures.latest_month(con)
        return asof, export.export_tables(con, asof), figures.ringkasan(con, asof)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def all_text(at) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [w.value for w in at.warning]
        + [c.value for c in at.caption]
        + [t.value for t in at.title]
        + [s.value for s in at.subheader]
        + [e.value for e in at.error]
        + [s.value for s in at.success]
        + [i.value for i in at.info]
    )


def test_ringkasan_equals_export(open_page, exported, sample_db):
    asof, tables, r = exported
    at = open_page()
    m = metrics(at)
    cak = tables["cakupan_kecamatan"]
    assert m["Peserta aktif"] == fmt.number(int(cak["peserta_aktif"].sum()))
    assert m["Serapan anggaran"] == fmt.percent(tables["anggaran_bulanan"]["serapan_persen"].iloc[-1])
    assert m["Klaim dibayar"] == fmt.rupiah_short(tables["klaim_program"]["nominal_dibayar"].sum())
    # Two 'perlu klarifikasi' amounts, never added together (issue 13): APBD and BPJS benefits.
    tm = tables["temuan"].set_index("kode_temuan")["nominal"]
    assert m["Perlu klarifikasi: APBD"] == fmt.rupiah_short(tm[list(figures.TEMUAN_APBD)].sum())
    assert m["Perlu klarifikasi: BPJS"] == fmt.rupiah_short(tm[list(figures.TEMUAN_MANFAAT)].sum())
    with db.read(sample_db) as con:
        assert m["Bulan menunggak"] == fmt.number(figures.bulan_menunggak(con, asof)["bulan_menunggak"])
    unprotected = tables["perlindungan_kecamatan"]["tidak_terlindungi"].sum()
    assert m["Tidak terlindungi"] == fmt.number(int(unprotected))
    assert fmt.month(str(asof)) in at.title[0].value
    assert any("DATA SIMULASI" in w.value for w in at.warning)


def test_ringkasan_other_month_and_kecamatan(open_page, sample_db):
    at = open_page(as_of="2026-06", kecamatan="32.75.07")
    with db.read(sample_db) as con:
        r = figures.ringkasan(con, AsOf.from_text("2026-06"), Filter("32.75.07"))
    assert metrics(at)["Peserta aktif"] == fmt.number(r["peserta_aktif"])
    assert "Juni 2026" in at.title[0].value
    # The filter is in the URL so the link reproduces the view.
    assert at.query_params["kecamatan"] == ["32.75.07"] or at.query_params["kecamatan"] == "32.75.07"


def test_sidebar_filter_changes_the_numbers(open_page, sample_db):
    at = open_page()
    before = metrics(at)["Peserta aktif"]
    at.selectbox(key="kecamatan").set_value("32.75.08").run()
    with db.read(sample_db) as con:
        r = figures.ringkasan(con, figures.latest_month(con), Filter("32.75.08"))
    assert metrics(at)["Peserta aktif"] == fmt.number(r["peserta_aktif"]) != before


@pytest.mark.parametrize(
    "params, name",
    [
        ({"as_of": "2026-13"}, "as_of"),
        ({"as_of": "'; DROP TABLE reg; --"}, "as_of"),
        ({"kecamatan": "Cikarang Barat"}, "kecamatan"),
        ({"segmen": "BUKAN_SEGMEN"}, "segmen"),
        ({"lang": "fr"}, "lang"),
    ],
)
def test_bad_url_parameter_gets_a_message(open_page, exported, params, name):
    asof, tables, _ = exported
    at = open_page(**params)
    assert any(name in w.value and "tidak valid" in w.value for w in at.warning), [w.value for w in at.warning]
    # Falls back to the default view.
    assert metrics(at)["Peserta aktif"] == fmt.number(int(tables["cakupan_kecamatan"]["peserta_aktif"].sum()))


def test_kecamatan_by_name_in_url(open_page):
    at = open_page(kecamatan="Pondok Gede")
    assert not at.warning or all("kecamatan" not in w.value for w in at.warning)
    assert at.selectbox(key="kecamatan").value == "32.75.08"


def test_english(open_page):
    at = open_page(lang="en")
    assert at.title[0].value.startswith("Summary as of October 2026")
    assert "Active participants" in metrics(at)


def test_cakupan_table_equals_export(open_page, sample_db, exported):
    asof, tables, _ = exported
    at = open_page("cakupan")
    table = at.dataframe[0].value
    df, total = table.iloc[:-1], table.iloc[-1]  # the kecamatan A to Z, then the city's total row
    cak = tables["cakupan_kecamatan"].sort_values("nama_kecamatan", key=lambda c: c.str.lower())
    assert list(df["Kecamatan"]) == list(cak["nama_kecamatan"])
    assert list(df["Peserta aktif (orang)"]) == [fmt.number(v) for v in cak["peserta_aktif"]]
    assert list(df["Capaian kuota (%)"]) == [fmt.percent(v) for v in cak["capaian_kuota_persen"]]
    assert list(df["Semesta: pekerja rentan (orang)"]) == [fmt.number(v) for v in cak["semesta"]]
    assert list(df["Cakupan semesta (%)"]) == [fmt.percent(v) for v in cak["cakupan_semesta_persen"]]
    assert total["Kecamatan"] == "Jumlah" and total["Peserta aktif (orang)"] == fmt.number(cak["peserta_aktif"].sum())
    # Both figures side by side, with their names, and the sentence that tells them apart.
    m = metrics(at)
    with db.read(sample_db) as con:
        city = figures.cakupan_kota(con, asof)
    assert m["Capaian kuota"] == fmt.percent(city["capaian_kuota_persen"])
    if city["semesta"] is None:
        assert m["Cakupan semesta"] == "–" and "belum ada data semesta" in all_text(at)
    else:
        assert m["Cakupan semesta"] == fmt.percent(city["cakupan_semesta_persen"])
    assert "kuota yang didanai" in all_text(at) and "semua pekerja rentan" in all_text(at)


def test_cakupan_kelurahan_when_a_kecamatan_is_chosen(open_page, sample_db, exported):
    asof, _, _ = exported
    at = open_page("cakupan", kecamatan="32.75.07")
    headings = [s.value for s in at.subheader]
    assert any("Bantargebang" in heading for heading in headings)
    with db.read(sample_db) as con:
        kel = figures.cakupan_kelurahan(con, asof, Filter("32.75.07"))
    kelurahan_table = [d.value for d in at.dataframe if "Kelurahan" in d.value.columns][0]
    names = list(kelurahan_table["Kelurahan"])
    # The kelurahan A to Z, then the kecamatan's total.
    assert names[:-1] == sorted(kel["nama_kelurahan"].fillna("(kelurahan tidak diisi)"), key=str.lower)
    assert names[-1] == "Jumlah" and kelurahan_table["Peserta aktif (orang)"].iloc[-1] == fmt.number(
        kel["peserta_aktif"].sum()
    )


def test_anggaran_equals_export(open_page, exported):
    _, tables, _ = exported
    ang = tables["anggaran_bulanan"]
    at = open_page("anggaran")
    m = metrics(at)
    assert m["Pagu berlaku"] == fmt.rupiah_short(ang["pagu"].iloc[-1])
    assert m["Realisasi (SP2D)"] == fmt.rupiah_short(ang["realisasi_kumulatif"].iloc[-1])
    df = at.dataframe[0].value.iloc[:-1]  # the months, then the total row
    assert list(df["Realisasi kumulatif (Rp)"]) == [fmt.rupiah(v) for v in ang["realisasi_kumulatif"]]
    rek = tables["rekonsiliasi_iuran"]
    df2 = [d.value for d in at.dataframe if "Selisih (Rp)" in d.value.columns][0]
    assert list(df2["Selisih (Rp)"].iloc[:-1]) == [fmt.rupiah(v) for v in rek["selisih"]]
    assert df2["Selisih (Rp)"].iloc[-1] == fmt.rupiah(rek["selisih"].sum())
    assert "kurang" in all_text(at) or "cukup" in all_text(at)


def test_anggaran_with_kecamatan_filter_says_so(open_page):
    at = open_page("anggaran", kecamatan="32.75.01")
    assert any("seluruh kota" in i.value for i in at.info)


def test_klaim_equals_export(open_page, exported):
    _, tables, _ = exported
    kp = tables["klaim_program"].set_index("program")
    at = open_page("klaim")
    m = metrics(at)
    assert m["JKK (kecelakaan kerja)"] == fmt.rupiah_short(kp.loc["JKK", "nominal_dibayar"])
    assert m["JKM (kematian)"] == fmt.rupiah_short(kp.loc["JKM", "nominal_dibayar"])


def test_kecamatan_without_klaim_says_so(open_page, sample_db):
    # Early in the year a small kecamatan has no paid claims yet: an empty state, not a broken chart.
    with db.read(sample_db) as con:
        empty = [
            code
            for code in ["32.75.07", "32.75.12", "32.75.10"]
            if figures.klaim_program(con, AsOf.from_text("2026-01"), Filter(code))["jumlah_klaim"].sum() == 0
        ]
    if not empty:
        pytest.skip("the sample has claims in every candidate kecamatan in January")
    at = open_page("klaim", as_of="2026-01", kecamatan=empty[0])
    assert any("Belum ada klaim" in i.value for i in at.info)


def test_temuan_equals_export_and_is_masked(open_page, exported):
    _, tables, _ = exported
    at = open_page("temuan")
    df = at.dataframe[0].value
    # Largest amount first (then most cases): what to ask about first is at the top.
    tm = tables["temuan"].sort_values(["nominal", "jumlah"], ascending=False, kind="stable")
    assert list(df["Kode"]) == list(tm["kode_temuan"]) and sorted(df["Kode"]) == sorted(figures.TEMUAN_CODES)
    assert list(df["Jumlah kasus"]) == [fmt.number(v) for v in tm["jumlah"]]
    at.selectbox(key="temuan_kode").set_value("IURAN_GANDA").run()
    details = at.dataframe[1].value
    assert len(details) > 0 and all("•" in r for r in details["Rujukan"])


def test_metodologi_and_impor_history(open_page, sample_db):
    at = open_page("metodologi")
    assert len(at.expander) >= 10
    history = at.dataframe[-1].value
    assert len(history) == 6 and set(history["SHA-256"].str.len()) == {64}


@pytest.mark.parametrize("page_name", PAGE_NAMES)
def test_every_page_without_error_early_in_the_year_in_english(open_page, page_name):
    at = open_page(page_name, as_of="2026-01", lang="en", segmen="PKL")
    assert not at.exception


@pytest.mark.parametrize("page_name", ["ringkasan", "cakupan", "anggaran", "klaim", "metodologi"])
@pytest.mark.parametrize("params", [{}, {"kecamatan": "32.75.07", "segmen": "PKH"}, {"as_of": "2026-01"}])
def test_public_mode_without_error_or_small_counts(sample_db, monkeypatch, page_name, params):
    monkeypatch.setenv("UCJ_DB", str(sample_db))
    monkeypatch.setenv("UCJ_MODE", "publik")
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page_name != "ringkasan":
        at.switch_page(f"pages/{page_name}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.text_input  # no log-in form in public mode
    for d in at.dataframe:
        for column in d.value.columns:
            if column in ("Jumlah klaim", "JKK", "JKM", "Peserta aktif (orang)", "Jumlah kasus"):
                assert not any(str(v) in {"1", "2", "3", "4"} for v in d.value[column]), (column, list(d.value[column]))


def test_public_mode_does_not_list_temuan(sample_db, monkeypatch):
    monkeypatch.setenv("UCJ_DB", str(sample_db))
    monkeypatch.setenv("UCJ_MODE", "publik")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    try:
        at.switch_page("pages/temuan.py").run()
    except Exception:
        return  # AppTest refuses a page that st.navigation does not list: as intended
    headings = [t.value for t in at.title] + [s.value for s in at.subheader]
    assert not any("Temuan" in heading or "Rincian" in heading for heading in headings), headings
    assert not any("Kode" in d.value.columns for d in at.dataframe)


@pytest.mark.parametrize(
    "page_name, view, charts",
    [
        ("ringkasan", "kartu", 0),
        ("ringkasan", "peringkat", 1),
        ("ringkasan", "anggaran", 1),
        ("cakupan", "peta", 1),
        ("cakupan", "peringkat", 1),
        ("cakupan", "tren", 1),
        ("cakupan", "segmen", 1),
        ("anggaran", "kumulatif", 1),
        ("anggaran", "sp2d", 1),
        ("anggaran", "rekon", 1),
        ("klaim", "kartu", 0),
        ("klaim", "bulanan", 1),
        ("klaim", "kecamatan", 1),
    ],
)
def test_single_view_for_embedding(open_page, page_name, view, charts):
    at = open_page(page_name, view=view)
    assert len(at.get("plotly_chart")) == charts
    assert not at.title and not at.dataframe  # just the one element (plus the simulated-data banner)
    if view == "kartu":
        assert len(at.metric) >= 3


def test_unknown_view_gets_a_message(open_page):
    at = open_page("cakupan", view="semua-nya")
    assert any("view" in w.value for w in at.warning) and at.title


def test_presentation_view_moves_between_sections(open_page, exported):
    _, _, r = exported
    at = open_page("ringkasan", view="presentasi")
    text = "\n".join(m.value for m in at.markdown)
    assert fmt.number(r["peserta_aktif"]) in text and not at.title
    at.button(key="presentasi_maju").click().run()
    text = "\n".join(m.value for m in at.markdown)
    assert fmt.percent(r["serapan_persen"]) in text and len(at.get("plotly_chart")) == 1
    at.button(key="presentasi_mundur").click().run()
    at.button(key="presentasi_mundur").click().run()  # wraps round to the last section
    assert any("Pertanyaan pengawasan" in m.value for m in at.markdown)


def test_briefing_button_on_ringkasan(open_page, sample_db):
    at = open_page("ringkasan")
    buttons = at.get("download_button")
    assert any("briefing" in str(b.proto.label).lower() for b in buttons)
    from ucj_oversight import briefing

    with db.read(sample_db) as con:
        pdf = briefing.build_pdf(con, figures.latest_month(con), None)
    assert pdf.startswith(b"%PDF") and briefing.page_count(pdf) <= 2
