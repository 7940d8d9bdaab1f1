"""Money cards, tables, language and time on the small fixture (tests/fixtures/kecil), through
Streamlit's AppTest: what a council member reads first (issue 14, items 3, 5 and 7).

The fixture as of March 2026 (worked out in test_figures.py and docs/methodology.md):
- APBD findings: IURAN_LUAR_MASA 2 rows Rp 33.600 (A3 in February, A7 in March), IURAN_TANPA_PESERTA
  1 row Rp 16.800 (X9, no kecamatan), IURAN_GANDA 1 row Rp 16.800 (A4, Bekasi Timur), SP2D_GANDA 1
  SP2D Rp 200.000 (S2 again on 11 February; no kecamatan): Rp 267.200 for the city.
- BPJS findings: KLAIM_TANPA_PESERTA 1 (K3, refused, Rp 0), KLAIM_LUAR_MASA 1 (K2, Rp 42.000.000).
- Pondokgede (32.75.08): A1 and A2 only, no finding of its own: APBD Rp 0 and the city-wide SP2D
  amount of Rp 200.000 said apart, never added to the kecamatan.
- Billing and SP2D begin in December 2025 (iuran 2025-12, S0 on 20 December): the month list
  starts there, although A1's cover began in January 2025.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import log_in_apptest
from streamlit.testing.v1 import AppTest

from ucj_oversight.storage import audit

APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.fixture
def open_small(small_db, test_users_file, monkeypatch, tmp_path):
    monkeypatch.setenv("UCJ_DB", str(small_db))
    monkeypatch.setenv("UCJ_USERS", str(test_users_file))
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))

    def _open(page_name: str = "ringkasan", public: bool = False, user: str = "anggota1", **params) -> AppTest:
        if public:
            monkeypatch.setenv("UCJ_MODE", "publik")
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if not public:
            log_in_apptest(at, user)
        if page_name != "ringkasan":
            at.switch_page(f"pages/{page_name}.py")
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


def cards(at) -> dict[str, tuple[str, str]]:
    """Each card: (value, the note under it). page.card writes the note as the caption that
    follows the metric in the same column."""
    result = {}
    for column in at.columns:
        metrics = list(column.metric)
        if metrics:
            result[metrics[0].label] = (metrics[0].value, " ".join(c.value for c in column.caption))
    return result


def text(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning])


# ------------------------------------------------------------------ money cards


def test_city_view_adds_every_apbd_finding(open_small):
    c = cards(open_small(as_of="2026-03"))
    # 33.600 + 16.800 + 16.800 + 200.000 = 267.200; 2 + 1 + 1 + 1 = 5 cases.
    assert c["Perlu klarifikasi: APBD"] == ("Rp 267.200", "5 kasus tagihan dan SP2D")
    # K2's Rp 42.000.000 (K3 was refused: Rp 0); 2 claims.
    assert c["Perlu klarifikasi: BPJS"] == ("Rp 42 juta", "2 kasus klaim")
    assert "seluruh kota" not in c["Serapan anggaran"][1]


def test_kecamatan_view_keeps_city_wide_money_apart(open_small):
    at = open_small(as_of="2026-03", kecamatan="32.75.08")  # Pondokgede
    c = cards(at)
    # Pondokgede has no finding of its own; the SP2D repeated city-wide is named, not added.
    value, note = c["Perlu klarifikasi: APBD"]
    assert value == "Rp 0" and "0 kasus" in note and "SP2D ganda seluruh kota Rp 200.000 tidak termasuk" in note
    # Budget, SP2D and invoices have no kecamatan: the cards say the figure is the city's.
    assert c["Serapan anggaran"][1].endswith("angka seluruh kota")
    assert c["Bulan menunggak"][1].endswith("angka seluruh kota")
    # People follow the filter: A1 and A2 are active in Pondokgede on 31 March.
    assert c["Peserta aktif"][0] == "2"
    # The largest finding named in 'Artinya' is the kecamatan's, never the city-wide SP2D.
    assert "Nomor SP2D berulang" not in text(at)


def test_month_list_starts_with_the_programme(open_small):
    # Billing and SP2D begin in December 2025: earlier months are not offered.
    at = open_small(as_of="2025-12")
    assert at.selectbox(key="as_of").options == ["Maret 2026", "Februari 2026", "Januari 2026", "Desember 2025"]
    c = cards(at)
    # December 2025 shows December's money only: no SP2D repeated in February 2026, no claim paid yet
    # (K5 was paid on 5 January 2026).
    assert c["Perlu klarifikasi: APBD"][0] == "Rp 0" and c["Perlu klarifikasi: BPJS"][0] == "Rp 0"
    assert c["Klaim dibayar"][0] == "Rp 0"
    # A month before the programme in a shared link: a message, and the latest month instead.
    at = open_small(as_of="2025-06")
    assert any("as_of" in w.value and "Desember 2025 – Maret 2026" in w.value for w in at.warning)
    assert cards(at)["Perlu klarifikasi: APBD"][0] == "Rp 267.200"


def test_public_mode_hides_people_not_documents(open_small):
    at = open_small(public=True, as_of="2026-03")
    c = cards(at)
    # The SP2D repeated is a payment document: shown. The three billing findings count 1-2 people
    # each: hidden and not added, and the card says so.
    assert c["Perlu klarifikasi: APBD"] == (
        "Rp 200.000",
        "1 kasus tagihan dan SP2D; 3 temuan lain disamarkan (1–4 kasus), tidak dijumlahkan",
    )
    assert c["Perlu klarifikasi: BPJS"] == (
        "Rp 0",
        "0 kasus klaim; 2 temuan lain disamarkan (1–4 kasus), tidak dijumlahkan",
    )
    # K1, K2 and K5 paid by 31 March: 3 claims, masked with their amount.
    assert c["Klaim dibayar"][0] == "disamarkan"
    assert "Nomor SP2D berulang** — 1 kasus, Rp 200.000" in text(at)


def test_projection_in_words(open_small):
    # March 2026: Rp 350.000 spent, 116.666,67 a month for 9 months: Rp 1.400.000 against a pagu of
    # Rp 1.700.000, so Rp 300.000 is left; no sign.
    c = cards(open_small("anggaran", as_of="2026-03"))
    assert c["Proyeksi akhir tahun"] == ("Rp 1,4 juta", "bersisa Rp 300.000 dari pagu")


# ------------------------------------------------------------------ tables


def test_cakupan_table_whole_sorted_with_totals(open_small):
    import json

    at = open_small("cakupan", as_of="2026-03")
    frame = at.dataframe[0]
    df = frame.value
    # The 12 kecamatan A to Z and a total row; no semesta in the fixture: those columns, '–' in
    # every row, are left out.
    assert list(df["Kecamatan"]) == [
        "Bantargebang", "Bekasi Barat", "Bekasi Selatan", "Bekasi Timur", "Bekasi Utara", "Jatiasih",
        "Jatisampurna", "Medansatria", "Mustikajaya", "Pondokgede", "Pondokmelati", "Rawalumbu", "Jumlah",
    ]  # fmt: skip
    assert list(df.columns) == ["Kecamatan", "Sasaran (orang)", "Peserta aktif (orang)", "Capaian kuota (%)"]
    # Sasaran 4 + 5 + 8 = 17; active 2 + 2 = 4; the city's capaian 4 / 17 = 23,53% (never a sum).
    assert df.iloc[-1].tolist() == ["Jumlah", "17", "4", "23,5%"]
    assert df.set_index("Kecamatan").loc["Pondokgede"].tolist() == ["4", "2", "50,0%"]
    # Numbers right-aligned, the kecamatan column kept in view on a phone.
    config = json.loads(frame.proto.columns)
    assert config["Kecamatan"]["pinned"] is True
    assert {config[c]["alignment"] for c in df.columns[1:]} == {"right"}
    # Nothing above 100%: no explanation needed.
    assert not any("di atas 100%" in c.value for c in at.caption)


def test_over_100_percent_is_explained(open_page_sample):
    # The sample's Jatisampurna has more active people than its quota (102,6%).
    at = open_page_sample("cakupan")
    assert any("Capaian kuota di atas 100%" in c.value for c in at.caption)


@pytest.fixture
def open_page_sample(sample_db, test_users_file, monkeypatch, tmp_path):
    monkeypatch.setenv("UCJ_DB", str(sample_db))
    monkeypatch.setenv("UCJ_USERS", str(test_users_file))
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))

    def _open(page_name: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.run()
        log_in_apptest(at)
        at.switch_page(f"pages/{page_name}.py")
        at.run()
        return at

    return _open


def test_temuan_largest_amount_first_and_no_none(open_small):
    at = open_small("temuan", as_of="2026-03")
    df = at.dataframe[0].value
    # K2 Rp 42.000.000, S2 Rp 200.000, then 33.600, then the two Rp 16.800 rows (1 case each).
    assert list(df["Kode"])[:3] == ["KLAIM_LUAR_MASA", "SP2D_GANDA", "IURAN_LUAR_MASA"]
    assert set(df["Kode"].iloc[3:5]) == {"IURAN_TANPA_PESERTA", "IURAN_GANDA"}
    for d in at.dataframe:
        assert not d.value.isin(["None", "nan", "NaT", "<NA>"]).any().any(), list(d.value.columns)


def test_klaim_table_total_row(open_small):
    at = open_small("klaim", as_of="2026-03")
    program = [d.value for d in at.dataframe if list(d.value.columns)[0] == "Program"][0]
    # JKK: K1 Rp 1.500.000 + K5 Rp 800.000 (applied in December, paid 5 January); JKM: K2 Rp 42.000.000.
    assert program.iloc[-1].tolist() == ["Jumlah", "3", "Rp 44.300.000"]


# ------------------------------------------------------------------ language and time


def test_english_numbers(open_small):
    at = open_small(as_of="2026-03", lang="en")
    c = cards(at)
    # 350.000 / 1.700.000 = 20,59% -> 20.6%; Rp 267,200 with the English thousands separator.
    assert c["Budget absorption"][0] == "20.6%"
    assert c["To clarify: city budget"][0] == "Rp 267,200"
    assert c["Claims paid"][0] == "Rp 44.3 million"


def test_import_times_in_wib(open_small):
    at = open_small("metodologi")
    history = at.dataframe[-1].value
    assert all(w.endswith(" WIB") for w in history["Waktu impor"])


def test_audit_events_in_words(open_small, tmp_path):
    at = open_small("audit", user="admin1")
    audit.record(tmp_path / "audit.jsonl", "impor_uji", "admin1", file="x.csv", hasil="ditolak", pesan="kolom hilang")
    audit.record(tmp_path / "audit.jsonl", "profil_dibuat", "admin1", profil="SIPD", jenis="realisasi")
    at.run()
    df = at.dataframe[0].value
    assert list(df.columns) == ["Waktu (WIB)", "Peristiwa", "Oleh", "Rincian"]
    assert list(df["Peristiwa"]) == ["Profil sumber dibuat", "Pemeriksaan file (belum disimpan)", "Masuk berhasil"]
    assert df["Rincian"].iloc[1] == "file: x.csv · hasil: ditolak · pesan: kolom hilang"
    assert df["Rincian"].iloc[2].startswith("cara masuk: kata sandi · peran: admin")
    assert all(w.endswith(" WIB") for w in df["Waktu (WIB)"])
    assert not df.isin(["None", "nan"]).any().any() and "login_berhasil" not in df.to_string()


def test_temuan_kecamatan_view_puts_city_wide_rows_last(open_small):
    at = open_small("temuan", as_of="2026-03", kecamatan="32.75.01")  # Bekasi Timur
    df = at.dataframe[0].value
    # Bekasi Timur's own: K2, A3's death after cover ended (Rp 42.000.000), A3 billed in February
    # after 31 January (Rp 16.800), A4's double billing in January (Rp 16.800; a tie keeps the
    # figure's order); then the city-wide SP2D (Rp 200.000) and rejected rows, labelled.
    assert list(df["Kode"])[:3] == ["KLAIM_LUAR_MASA", "IURAN_LUAR_MASA", "IURAN_GANDA"]
    assert list(df["Kode"])[-2:] == ["SP2D_GANDA", "BARIS_DITOLAK"]
    assert df["Temuan"].iloc[-2] == "Nomor SP2D berulang (seluruh kota)"


@pytest.mark.parametrize("event", audit.EVENTS)
def test_every_audit_event_has_words(event):
    from ucj_oversight.text import labels

    assert f"peristiwa_{event}" in labels.TEXTS


def test_metodologi_by_language(open_small):
    at = open_small("metodologi")
    shown = "\n".join(m.value for m in at.markdown)
    titles = [e.label for e in at.expander]
    assert "Rincian teknis" in titles and "Peserta aktif dan cakupan" in titles
    # File paths and function names only behind "Rincian teknis" (every block: test_fmt_lang.py).
    technical = {m.value for e in at.expander if e.label == "Rincian teknis" for m in e.markdown}
    main = [m.value for m in at.markdown if m.value not in technical]
    assert any("figures/sql/" in m for m in technical) and not any("figures/sql/" in m for m in main)
    # Indonesian mode: no English paragraph anywhere; English mode: the English text and titles.
    assert "*English:*" not in shown and "English:" not in shown
    at_en = open_small("metodologi", lang="en")
    shown_en = "\n".join(m.value for m in at_en.markdown)
    assert "Two coverage figures with two names." in shown_en
    assert "Active participants and coverage" in [e.label for e in at_en.expander]
