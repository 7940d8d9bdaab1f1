"""Extracts laid out as offices send them (issue 12, parts 1-3): title rows, a two-level header,
a running-number column, JUMLAH/sub-total rows and a signature block load with the same figures
and the same karantina as the clean file, and the summary rows are reported, not loaded."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import SMALL_DIR, TEST_KEY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ucj_oversight import ingest
from ucj_oversight.figures import AsOf
from ucj_oversight.ingest import contract
from ucj_oversight.publish import export
from ucj_oversight.storage import db

TITLE = [["PEMERINTAH KOTA BEKASI"], ["DINAS TENAGA KERJA"], ["Posisi per 31 Maret 2026"], []]
SIGNATURE = [[], ["", "", "Bekasi, 5 April 2026"], ["", "", "Kepala Dinas Tenaga Kerja"], [], ["", "", "Drs. Ahmad"]]
SIGNATURE += [["", "", "NIP. 19750101 200001 1 001"], []]


def clean_rows(kind: str) -> tuple[list[str], list[list[str]]]:
    with open(SMALL_DIR / f"{kind}_kecil.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _money_sum(header, rows, kind):
    money = [c.name for c in contract.KINDS[kind].columns if c.type == contract.MONEY]
    j = next((header.index(c) for c in money if c in header), None)
    if j is None:
        return None, None
    return j, sum(float(r[j]) for r in rows if r[j].replace(".", "").isdigit())


def wrap(header: list[str], rows: list[list[str]], kind: str, *, jumlah_rows: int | None = None) -> list[list]:
    """The clean extract as an office prints it."""
    width = len(header) + 1
    out = [list(r) for r in TITLE]
    group = ["No.", "Identitas"] + [""] * (len(header) - 1)
    if len(header) > 2:
        group[3] = "Rincian"
    out.append(group)
    out.append([""] + header)
    out.append([f"({i})" for i in range(1, width + 1)])  # the printed column numbers
    half = len(rows) // 2
    j, _ = _money_sum(header, rows, kind)
    for block, part in ((0, rows[:half]), (1, rows[half:])):
        for i, r in enumerate(part, 1 + (half if block else 0)):
            out.append([str(i)] + list(r))
        subtotal = ["Sub Total"] + [""] * len(header)
        if j is not None:
            subtotal[j + 1] = str(_money_sum(header, part, kind)[1])
        out.append(subtotal)
    total = [f"JUMLAH: {jumlah_rows if jumlah_rows is not None else len(rows)}"] + [""] * len(header)
    out.append(total)
    out += [r + [""] * (width - len(r)) for r in SIGNATURE]
    return out


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def write_xlsx(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for r in rows:
        sheet.append(r if r else [None])
    book.save(path)


def _state(path):
    with db.read(path) as con:
        tables = {
            m: {name: frame.to_csv(index=False) for name, frame in export.export_tables(con, AsOf.from_text(m)).items()}
            for m in ("2026-03", "2026-06")
        }
        karantina = con.execute(
            "SELECT i.jenis, k.kolom, k.alasan, k.nilai FROM karantina k JOIN impor i USING (impor_id) "
            "ORDER BY 1, 2, 3, 4"
        ).fetchall()
        counts = con.execute("SELECT jenis, baris_dimuat, baris_dikarantina FROM impor ORDER BY jenis").fetchall()
    return tables, karantina, counts


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_wrapped_extracts_give_the_same_figures_and_karantina(tmp_path, suffix):
    wrapped_dir = tmp_path / "wrapped"
    wrapped_dir.mkdir()
    for kind in contract.KIND_NAMES:
        header, rows = clean_rows(kind)
        (write_csv if suffix == "csv" else write_xlsx)(
            wrapped_dir / f"{kind}_kantor.{suffix}", wrap(header, rows, kind)
        )
    clean_db, wrapped_db = tmp_path / "clean.duckdb", tmp_path / "wrapped.duckdb"
    ingest.run_import(clean_db, [SMALL_DIR], key=TEST_KEY, now=dt.datetime(2026, 4, 1))
    report = ingest.run_import(wrapped_db, [wrapped_dir], key=TEST_KEY, now=dt.datetime(2026, 4, 1))
    assert _state(clean_db) == _state(wrapped_db)
    text = ingest.summarize(report)
    for f in report.files:
        assert f.header_rows == (5, 6), f.file_name
        assert len(f.skipped_rows) == 3 + 4  # two sub-totals, JUMLAH, four signature lines
    assert "7 baris ringkasan/penutup dilewati" in text


def test_control_totals_cocok_and_difference(tmp_path):
    header, rows = clean_rows("realisasi")
    write_csv(tmp_path / "realisasi_a.csv", wrap(header, rows, "realisasi"))
    report = ingest.run_import(tmp_path / "a.duckdb", [tmp_path / "realisasi_a.csv"], key=TEST_KEY)
    f = report.files[0]
    assert f.rows_quarantined == 0 and f.control_totals
    assert all(c["ok"] for c in f.control_totals), f.control_totals
    assert "cocok" in ingest.summarize(report)
    # A JUMLAH that states one row more, and a sub-total off by Rp 1.000.
    wrapped = wrap(header, rows, "realisasi", jumlah_rows=len(rows) + 1)
    sub = next(r for r in wrapped if r and r[0] == "Sub Total")
    j = header.index("nominal") + 1
    sub[j] = str(float(sub[j]) + 1000)
    write_csv(tmp_path / "realisasi_b.csv", wrapped)
    report = ingest.run_import(tmp_path / "b.duckdb", [tmp_path / "realisasi_b.csv"], key=TEST_KEY)
    f = report.files[0]
    text = ingest.summarize(report)
    assert [c["ok"] for c in f.control_totals] == [False, True, False]
    assert "selisih -1 baris" in text
    assert "selisih -Rp 1.000" in text
    assert f.rows_loaded == len(rows) and f.rows_quarantined == 0
    assert f.control_text and "TIDAK COCOK" in f.control_text


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_unrecognised_header_fails_with_the_rows_tried(tmp_path, suffix):
    rows = [r for r in TITLE] + [["Kolom A", "Kolom B", "Kolom C"], ["1", "2", "3"]]
    path = tmp_path / f"peserta_x.{suffix}"
    (write_csv if suffix == "csv" else write_xlsx)(path, rows)
    target = tmp_path / "x.duckdb"
    with pytest.raises(ingest.IngestError, match=r"header tidak dikenali.*baris 1–\d+ diperiksa"):
        ingest.run_import(target, [path], key=TEST_KEY)
    assert not target.exists()
    # Two different rows that match equally well: named, and refused.
    header, data = clean_rows("iuran")
    rows = [*TITLE, ["periode", "no_kpj", "x"], ["a"], ["periode", "y", "nominal"], *data]
    path = tmp_path / f"iuran_x.{suffix}"
    (write_csv if suffix == "csv" else write_xlsx)(path, rows)
    with pytest.raises(ingest.IngestError, match=r"baris 5 dan 7 sama-sama cocok"):
        ingest.run_import(target, [path], key=TEST_KEY)
    # Best row without every required column: the columns found are named.
    rows = [*TITLE, ["periode", "no_kpj", "x"], *data]
    (write_csv if suffix == "csv" else write_xlsx)(path, rows)
    with pytest.raises(ingest.IngestError, match=r"baris 5: 2 kolom \(no_kpj, periode\)"):
        ingest.run_import(target, [path], key=TEST_KEY)


def test_a_data_row_without_a_value_is_still_quarantined(tmp_path):
    header, rows = clean_rows("iuran")
    rows = [list(r) for r in rows]
    rows[-1][header.index("no_kpj")] = ""  # the last data row lacks its key
    clean, wrapped = tmp_path / "iuran_a.csv", tmp_path / "iuran_b.csv"
    write_csv(clean, [header, *rows])
    write_csv(wrapped, wrap(header, rows, "iuran"))
    a = ingest.run_import(tmp_path / "a.duckdb", [clean], key=TEST_KEY).files[0]
    b = ingest.run_import(tmp_path / "b.duckdb", [wrapped], key=TEST_KEY).files[0]
    assert (a.rows_loaded, a.rows_quarantined, a.reasons) == (b.rows_loaded, b.rows_quarantined, b.reasons)
    assert a.rows_quarantined >= 1


_cell = st.sampled_from(["", "A1", "A2", "A3", "X9", "16800", "16.800", "abc", "2026-01", "2026-13", "-5"])


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.lists(
        st.tuples(st.sampled_from(["2026-01", "2026-02", "2025-12", "", "x"]), _cell, _cell), min_size=1, max_size=12
    )
)
def test_wrapping_changes_no_figure_and_no_karantina_count(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("prop")
    header = ["periode", "no_kpj", "nominal"]
    rows = [list(r) for r in data]
    write_csv(tmp / "iuran_a.csv", [header, *rows])
    write_xlsx(tmp / "iuran_b.xlsx", wrap(header, rows, "iuran"))
    a = ingest.run_import(tmp / "a.duckdb", [tmp / "iuran_a.csv"], key=TEST_KEY, now=dt.datetime(2026, 4, 1))
    b = ingest.run_import(tmp / "b.duckdb", [tmp / "iuran_b.xlsx"], key=TEST_KEY, now=dt.datetime(2026, 4, 1))
    fa, fb = a.files[0], b.files[0]
    assert (fa.rows_loaded, fa.rows_quarantined, fa.reasons) == (fb.rows_loaded, fb.rows_quarantined, fb.reasons)
    with db.read(tmp / "a.duckdb") as ca, db.read(tmp / "b.duckdb") as cb:
        q = "SELECT periode, no_kpj, nominal FROM iuran ORDER BY ALL"
        assert ca.execute(q).fetchall() == cb.execute(q).fetchall()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_wrapping_any_kind_changes_no_stored_row_and_no_karantina_count(tmp_path_factory, data):
    """Any kind, any subset of its rows (repeats included), a few damaged cells, CSV or XLSX: the
    office layout stores the same rows (hence the same figures) and quarantines the same way."""
    kind = data.draw(st.sampled_from(contract.KIND_NAMES), label="kind")
    header, clean = clean_rows(kind)
    picked = data.draw(st.lists(st.integers(0, len(clean) - 1), min_size=1, max_size=len(clean)), label="rows")
    rows = [list(clean[i]) for i in picked]
    for _ in range(data.draw(st.integers(0, 2), label="damaged")):  # one cell per damage: the row stays a data row
        r, c = data.draw(st.integers(0, len(rows) - 1)), data.draw(st.integers(0, len(header) - 1))
        rows[r][c] = data.draw(_cell)
    suffix = data.draw(st.sampled_from(["csv", "xlsx"]), label="suffix")
    tmp = tmp_path_factory.mktemp("prop_any")
    write_csv(tmp / f"{kind}_a.csv", [header, *rows])
    (write_csv if suffix == "csv" else write_xlsx)(tmp / f"{kind}_b.{suffix}", wrap(header, rows, kind))
    now = dt.datetime(2026, 4, 1)
    a = ingest.run_import(tmp / "a.duckdb", [tmp / f"{kind}_a.csv"], key=TEST_KEY, now=now)
    b = ingest.run_import(tmp / "b.duckdb", [tmp / f"{kind}_b.{suffix}"], key=TEST_KEY, now=now)
    fa, fb = a.files[0], b.files[0]
    assert (fa.rows_loaded, fa.rows_quarantined, fa.reasons) == (fb.rows_loaded, fb.rows_quarantined, fb.reasons)
    table = contract.KINDS[kind].table
    q = f"SELECT {', '.join(table.column_names)} FROM {table.name} ORDER BY ALL"  # declared names only
    with db.read(tmp / "a.duckdb") as ca, db.read(tmp / "b.duckdb") as cb:
        assert ca.execute(q).fetchall() == cb.execute(q).fetchall()


CONTOH = Path(__file__).resolve().parents[1] / "data" / "contoh"


def _rows(path, kind: str, where: str = "") -> list[tuple]:
    table = contract.KINDS[kind].table
    with db.read(path) as con:
        return con.execute(f"SELECT {', '.join(table.column_names)} FROM {table.name} {where} ORDER BY ALL").fetchall()


def test_the_office_examples_load_the_rows_of_the_clean_examples(tmp_path):
    """data/contoh/tata_letak holds the clean examples' records as offices send them: a peserta
    list (title rows, two-level header, No., NIK as a number, written dates, JUMLAH, signature),
    a billing workbook (cover sheet, a sheet per month, components beside the total) and an SP2D
    register. Each loads the same rows as its clean example, with its control totals 'cocok'."""
    layout_dir = CONTOH / "tata_letak"
    pairs = [
        ("peserta", CONTOH / "peserta_contoh.xlsx", layout_dir / "daftar peserta BPU Pemkot contoh.xlsx"),
        ("iuran", CONTOH / "iuran_contoh.csv", layout_dir / "rincian_tagihan_iuran_contoh.xlsx"),
        ("realisasi", CONTOH / "realisasi_contoh.csv", layout_dir / "realisasi_register_contoh.csv"),
    ]
    for kind, clean, office in pairs:
        a = ingest.run_import(tmp_path / f"{kind}_a.duckdb", [clean], key=TEST_KEY).files[0]
        b = ingest.run_import(tmp_path / f"{kind}_b.duckdb", [office], key=TEST_KEY).files[0]
        assert b.kind == kind
        assert b.control_totals and all(c["ok"] for c in b.control_totals), b.control_totals
        assert (a.rows_quarantined, a.reasons) == (b.rows_quarantined, b.reasons)
        where = ""
        if kind == "iuran":  # the workbook also has the month before, in its own sheet
            where = "WHERE periode = (SELECT max(periode) FROM iuran)"
            assert [s.period for s in b.sheets] == sorted(s.period for s in b.sheets) and len(b.sheets) == 2
        assert _rows(tmp_path / f"{kind}_a.duckdb", kind) == _rows(tmp_path / f"{kind}_b.duckdb", kind, where)


def test_the_committed_examples_are_what_the_generator_writes(tmp_path):
    from ucj_oversight.dev import sample

    sample.generate_examples(tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(CONTOH) for p in CONTOH.rglob("*") if p.is_file())
    assert written == committed
    for name in written:
        assert (tmp_path / name).read_bytes() == (CONTOH / name).read_bytes(), name
