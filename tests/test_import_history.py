"""Control totals in the import history (issue 12, part 3): a JUMLAH row that does not match is
kept in impor.kontrol and returned by the figure sumber_impor; a database made before the column
existed still opens and gains it."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from conftest import TEST_KEY
from test_ingest_layout import clean_rows, wrap, write_csv

from ucj_oversight import figures, ingest
from ucj_oversight.figures import AsOf
from ucj_oversight.publish import export
from ucj_oversight.storage import db


def _import_wrong_jumlah(tmp_path):
    header, rows = clean_rows("realisasi")
    path = tmp_path / "realisasi_kantor.csv"
    write_csv(path, wrap(header, rows, "realisasi", jumlah_rows=len(rows) + 1))
    target = tmp_path / "a.duckdb"
    report = ingest.run_import(target, [path], key=TEST_KEY)
    return target, report.files[0]


def test_a_control_total_difference_is_in_the_import_history(tmp_path):
    target, f = _import_wrong_jumlah(tmp_path)
    assert f.control_text and "TIDAK COCOK" in f.control_text
    with db.read(target) as con:
        assert con.execute("SELECT kontrol FROM impor").fetchall() == [(f.control_text,)]
        s = figures.sumber_impor(con)
        assert list(s["kontrol"]) == [f.control_text]
        # The export's sources name the file, its hash and time, not the control totals.
        (source,) = export.datapackage(AsOf.from_text("2026-03"), s)["sources"]
        assert set(source) == {"title", "path", "hash", "imported"}


def test_a_clean_file_has_no_control_text(tmp_path):
    header, rows = clean_rows("realisasi")
    path = tmp_path / "realisasi_bersih.csv"
    write_csv(path, [header, *rows])
    target = tmp_path / "a.duckdb"
    ingest.run_import(target, [path], key=TEST_KEY)
    with db.read(target) as con:
        assert figures.sumber_impor(con)["kontrol"].isna().all()


def test_a_database_without_the_column_still_opens_and_gains_it(tmp_path):
    target, f = _import_wrong_jumlah(tmp_path)
    old = tmp_path / "lama.duckdb"
    shutil.copyfile(target, old)
    con = duckdb.connect(str(old))
    con.execute("ALTER TABLE impor DROP COLUMN kontrol")
    con.close()
    assert db.derived_outdated(old)  # the dashboard rebuilds it before reading figures
    assert db.ensure_derived(old) is True
    assert not db.derived_outdated(old)
    with db.read(old) as con:
        assert list(figures.sumber_impor(con)["kontrol"].isna()) == [True]  # rows from before: NULL
    # A later import stores its control totals next to the old rows.
    header, rows = clean_rows("realisasi")
    path = tmp_path / "realisasi_lagi.csv"
    write_csv(path, wrap(header, rows[:-1], "realisasi", jumlah_rows=len(rows)))
    ingest.run_import(old, [path], key=TEST_KEY)
    with db.read(old) as con:
        kontrol = list(figures.sumber_impor(con)["kontrol"])
    assert kontrol[0] is None or kontrol[0] != kontrol[0]  # NULL (None or NaN)
    assert "TIDAK COCOK" in kontrol[1]


def test_the_register_example_loads_like_the_clean_example(tmp_path):
    folder = Path(__file__).resolve().parents[1] / "data" / "contoh"
    register = folder / "tata_letak" / "realisasi_register_contoh.csv"
    a = ingest.run_import(tmp_path / "a.duckdb", [folder / "realisasi_contoh.csv"], key=TEST_KEY).files[0]
    b = ingest.run_import(tmp_path / "b.duckdb", [register], key=TEST_KEY).files[0]
    assert (a.rows_loaded, a.rows_quarantined) == (b.rows_loaded, b.rows_quarantined) and b.rows_quarantined == 0
    assert b.control_totals and all(c["ok"] for c in b.control_totals)
    assert "cocok" in b.control_text and len(b.skipped_rows) >= 3
    q = "SELECT no_sp2d, tgl_sp2d, kode_rekening, nominal, periode_tagihan FROM realisasi ORDER BY ALL"
    with db.read(tmp_path / "a.duckdb") as ca, db.read(tmp_path / "b.duckdb") as cb:
        assert ca.execute(q).fetchall() == cb.execute(q).fetchall()


def test_the_metodologi_page_warns_of_a_control_total_that_does_not_match(tmp_path, test_users_file, monkeypatch):
    """The wide history table hides the kontrol column on a laptop: the page says it first."""
    from conftest import log_in_apptest
    from streamlit.testing.v1 import AppTest

    target, f = _import_wrong_jumlah(tmp_path)
    monkeypatch.setenv("UCJ_DB", str(target))
    monkeypatch.setenv("UCJ_USERS", str(test_users_file))
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=60)
    at.run()
    log_in_apptest(at)
    at.switch_page("pages/metodologi.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert any("Kontrol total tidak cocok" in w and f.file_name in w for w in warnings), warnings
