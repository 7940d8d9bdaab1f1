"""Workbooks with one sheet per month and files named as offices name them (issue 12, parts 4-5):
the kind from the header and title words, every data sheet read with its period from the sheet
name or a title row, component amount columns, and cover/notes sheets skipped."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest
from conftest import SMALL_DIR, TEST_KEY
from test_ingest_layout import _state, clean_rows

from ucj_oversight import ingest
from ucj_oversight.ingest import classify

MONTHS = {"2025-12": "Des 2025", "2026-01": "Jan 2026", "2026-02": "Februari 2026", "2026-03": "03-2026"}
HEADER = ["No.", "No KPJ", "Iuran JKK", "Iuran JKM", "Total Iuran"]


def write_book(path, sheets: dict[str, list[list]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r in rows:
            sheet.append(r if r else [None])
    book.save(path)


def iuran_book(path, *, total=None, title_period: bool = False) -> None:
    """The iuran rows of the small fixture, one sheet per month, without a periode column."""
    _, rows = clean_rows("iuran")
    sheets: dict[str, list[list]] = {"Cover": [["RINCIAN TAGIHAN IURAN"], ["BPJS Ketenagakerjaan"], ["Tahun 2026"]]}
    for period, name in MONTHS.items():
        month = [r for r in rows if r[0] == period]
        title = [["Rincian Tagihan Iuran"], [f"Periode Iuran: {period}" if title_period else "Kota Bekasi"], []]
        body = []
        for i, (_, kpj, nominal) in enumerate(month, 1):
            jkk, jkm = 10080, float(nominal) - 10080
            body.append([i, kpj, jkk, jkm, total(kpj, float(nominal)) if total else float(nominal)])
        jumlah = ["JUMLAH", "", "", "", sum(r[4] for r in body)]
        sheets[f"Lembar {period}" if title_period else name] = title + [HEADER] + body + [jumlah]
    sheets["Catatan"] = [["Catatan:"], ["Data per tanggal cetak"]]
    write_book(path, sheets)


def _with_book(tmp_path, **kwargs):
    folder = tmp_path / "files"
    folder.mkdir()
    for f in SMALL_DIR.iterdir():
        if not f.name.startswith("iuran"):
            shutil.copy(f, folder / f.name)
    iuran_book(folder / "rincian_tagihan_iuran_2026.xlsx", **kwargs)
    return folder


@pytest.mark.parametrize("title_period", [False, True])
def test_monthly_sheets_give_the_same_figures_and_karantina(tmp_path, title_period):
    folder = _with_book(tmp_path, title_period=title_period)
    clean_db, book_db = tmp_path / "clean.duckdb", tmp_path / "book.duckdb"
    ingest.run_import(clean_db, [SMALL_DIR], key=TEST_KEY, now=dt.datetime(2026, 4, 1))
    report = ingest.run_import(book_db, [folder], key=TEST_KEY, now=dt.datetime(2026, 4, 1))
    assert _state(clean_db) == _state(book_db)
    book = next(f for f in report.files if f.file_name.startswith("rincian"))
    assert book.kind == "iuran"
    assert book.kind_reason.startswith("jenis: iuran (dari header: no_kpj, nominal, iuran_jkk, iuran_jkm")
    assert [s.period for s in book.sheets] == list(MONTHS)
    assert all(c["ok"] for s in book.sheets for c in s.control_totals)
    text = ingest.summarize(report)
    assert "sheet 'Catatan' dilewati: tidak ada header" in text
    assert "sheet 'Cover' dilewati: tidak ada header" in text


def test_total_that_disagrees_with_components_is_quarantined(tmp_path):
    path = tmp_path / "rincian_tagihan_iuran_2026.xlsx"
    iuran_book(path, total=lambda kpj, nominal: nominal + (1 if kpj == "A3" else 0))
    report = ingest.run_import(tmp_path / "a.duckdb", [path], key=TEST_KEY)
    f = report.files[0]
    assert f.reasons == {"total iuran tidak sama dengan JKK + JKM": 2}  # A3 in January and February
    assert f.rows_loaded == 17 - 2
    assert not all(c["ok"] for c in f.control_totals)  # the JUMLAH row counts the wrong totals


def test_components_alone_are_added(tmp_path):
    path = tmp_path / "tagihan.xlsx"
    rows = [["Rincian Tagihan Iuran"], [], ["No KPJ", "Iuran JKK", "Iuran JKM"], ["A1", 10080, 6720]]
    write_book(path, {"Jan 2026": rows})
    report = ingest.run_import(tmp_path / "a.duckdb", [path], key=TEST_KEY)
    assert (report.files[0].kind, report.files[0].rows_loaded) == ("iuran", 1)
    from ucj_oversight.storage import db

    with db.read(tmp_path / "a.duckdb") as con:
        assert con.execute("SELECT periode, no_kpj, nominal FROM iuran").fetchall() == [
            (dt.date(2026, 1, 1), "A1", 16800)
        ]


def test_sp2d_register_with_title_rows_is_realisasi(tmp_path):
    header, rows = clean_rows("realisasi")
    path = tmp_path / "register_sp2d_2026.xlsx"
    title = [["PEMERINTAH KOTA BEKASI"], ["Register SP2D"], ["Tahun Anggaran 2026"], []]
    write_book(path, {"Register": title + [header] + rows})
    kind, why = classify.classify_file(path)
    assert kind == "realisasi"
    assert why.startswith("jenis: realisasi (dari header: no_sp2d, tgl_sp2d, kode_rekening, nominal")
    assert "judul: 'Register SP2D'" in why
    report = ingest.run_import(tmp_path / "a.duckdb", [path], key=TEST_KEY)
    assert report.files[0].kind == "realisasi" and report.files[0].rows_loaded > 0
    assert "jenis: realisasi" in ingest.summarize(report)


def test_ambiguous_file_fails_naming_the_candidates(tmp_path):
    path = tmp_path / "ekspor.csv"
    # Five columns of each of iuran and realisasi (periode and nominal are names of both).
    header = "no_sp2d,tgl_sp2d,kode_rekening,nominal,no_kpj,periode,iuran_jkk,iuran_jkm"
    path.write_text(header + "\nS1,2026-01-03,5.1,16800,A1,2026-01,10080,6720\n")
    with pytest.raises(ingest.IngestError) as e:
        ingest.run_import(tmp_path / "a.duckdb", [path], key=TEST_KEY)
    message = str(e.value)
    assert "lebih dari satu jenis" in message and "--kind" in message
    assert "iuran 5" in message and "realisasi 5" in message
    assert not (tmp_path / "a.duckdb").exists()
    # --kind decides.
    report = ingest.run_import(tmp_path / "b.duckdb", [path], kind="realisasi", key=TEST_KEY)
    assert report.files[0].kind == "realisasi"


def test_unknown_content_fails_asking_for_kind(tmp_path):
    path = tmp_path / "laporan.csv"
    path.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(ingest.IngestError, match="tidak ada jenis yang kolom wajibnya lengkap.*--kind"):
        ingest.run_import(tmp_path / "a.duckdb", [path], key=TEST_KEY)


@pytest.mark.parametrize("name", ["rincian_tagihan_iuran_2026.xlsx", "iuran_sampul.xlsx"])
def test_cover_only_workbook_fails_as_no_data(tmp_path, name):
    path = tmp_path / name
    write_book(path, {"Cover": [["RINCIAN TAGIHAN IURAN"], ["Tahun 2026"]]})
    with pytest.raises(ingest.IngestError, match="tidak ada data"):
        ingest.run_import(tmp_path / "a.duckdb", [path], key=TEST_KEY)
    assert not (tmp_path / "a.duckdb").exists()


def test_a_sheet_with_a_header_but_missing_columns_fails_the_run(tmp_path):
    path = tmp_path / "iuran_2026.xlsx"
    good = [["periode", "no_kpj", "nominal"], ["2026-01", "A1", 16800]]
    bad = [["Rincian"], [], ["no_kpj", "keterangan", "x"], ["A1", "", ""]]
    write_book(path, {"Jan 2026": good, "Feb 2026": bad})
    with pytest.raises(ingest.IngestError, match="sheet 'Feb 2026'"):
        ingest.run_import(tmp_path / "a.duckdb", [path], key=TEST_KEY)
