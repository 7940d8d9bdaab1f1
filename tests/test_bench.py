"""The benchmark's pandas reference gives exactly the DuckDB figures (no timings asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import TEST_KEY

from ucj_oversight import figures, ingest
from ucj_oversight.dev import bench, sample
from ucj_oversight.dev.pandas_reference import Reference, round2
from ucj_oversight.figures import AsOf, Filter
from ucj_oversight.storage import db

ROOT = Path(__file__).resolve().parents[1]
SMALL_MONTHS = ["2026-03", "2026-02", "2026-01", "2025-12", "2026-04", "2025-06", "2027-01"]
FUNCTIONS = [
    "cakupan_kecamatan",
    "cakupan_kota",
    "sumber_semesta",
    "laju_cakupan",
    "laju_cakupan_kota",
    "cakupan_segmen",
    "tren_peserta",
    "rekonsiliasi_iuran",
    "temuan",
    "klaim_program",
    "klaim_bulanan",
    "klaim_kecamatan",
    "klaim_layanan",
    "ringkasan",
    "perlindungan_kecamatan",
    "klaim_ditolak",
    "status_peserta",
]
FILTERS = [
    Filter("32.75.08"),
    Filter("32.75.01"),
    Filter(segmen="PKL"),
    Filter("32.75.01", "OJEK_ONLINE"),
    Filter(segmen="TIDAK_ADA"),
]


def test_round2_matches_duckdb():
    values = [2.345, 2.355, -2.345, 0.125, 12.5 / 3, 1 / 3 * 100, 0.005, 99.995]
    con = __import__("duckdb").connect()
    expected = [con.execute("SELECT round(?::DOUBLE, 2)", [v]).fetchone()[0] for v in values]
    assert list(round2(values)) == expected


def test_differences_finds_differences(small_con):
    m = AsOf.from_text("2026-03")
    assert bench.differences(figures.temuan(small_con, m), figures.temuan(small_con, m)) == []
    assert bench.differences(figures.temuan(small_con, m), figures.temuan(small_con, m.previous()))
    assert bench.differences(figures.ringkasan(small_con, m), figures.ringkasan(small_con, m.previous()))
    a = pd.DataFrame({"x": [1.0, None]})
    assert bench.differences(a, pd.DataFrame({"x": [1.0, 0.0]}))
    assert bench.differences(a, pd.DataFrame({"y": [1.0, None]}))


@pytest.mark.parametrize("month", SMALL_MONTHS)
def test_pages_identical_small(small_con, month):
    reference = Reference.from_con(small_con)
    assert bench.compare(small_con, reference, AsOf.from_text(month)) == {h: [] for h in bench.PAGES}


def test_export_identical_small(small_con):
    from ucj_oversight.publish import export

    reference = Reference.from_con(small_con)
    for month in SMALL_MONTHS:
        m = AsOf.from_text(month)
        assert bench.differences(export.export_tables(small_con, m), reference.export_tables(m)) == []


def test_filters_identical_small(small_con):
    reference = Reference.from_con(small_con)
    m = AsOf.from_text("2026-03")
    for s in FILTERS:
        for fn in FUNCTIONS:
            diffs = bench.differences(getattr(figures, fn)(small_con, m, s), getattr(reference, fn)(m, s), fn)
            assert diffs == [], (s, fn)


@pytest.fixture(scope="module")
def con_sample50k(tmp_path_factory):
    d = tmp_path_factory.mktemp("bench50k")
    sample.generate_for_iuran_rows(d / "data", 50_000)
    ingest.run_import(d / "s.duckdb", [d / "data"], key=TEST_KEY)
    con = db.read(d / "s.duckdb")
    yield con
    con.close()


def test_pages_identical_sample_50k(con_sample50k):
    con = con_sample50k
    reference = Reference.from_con(con)
    latest = figures.latest_month(con)
    assert latest is not None
    n_iuran = con.execute("SELECT count(*) FROM iuran").fetchone()[0]
    assert 40_000 <= n_iuran <= 60_000
    months = [latest, latest.previous(), *(AsOf.from_text(x) for x in ("2026-01", "2025-12", "2025-06"))]
    for m in months:
        assert bench.compare(con, reference, m) == {h: [] for h in bench.PAGES}, str(m)
    for s in FILTERS:
        for fn in FUNCTIONS:
            diffs = bench.differences(getattr(figures, fn)(con, latest, s), getattr(reference, fn)(latest, s), fn)
            assert diffs == [], (s, fn)


def test_cli_bench_small(tmp_path):
    args = ["bench", "--rows", "20000", "--cache", str(tmp_path / "cache"), "--out", str(tmp_path / "out")]
    args += ["--no-ingest-csv", "--no-profil"]
    r = subprocess.run(
        [sys.executable, "-m", "ucj_oversight", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, r.stderr[-3000:]
    last_line = r.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"bench rows=20000 ingest_s=\d+\.\d+ duckdb_ms=\d+\.\d+ pandas_ms=\d+\.\d+ "
        r"ratio=\d+\.\d+ peak_rss_mb=\d+",
        last_line,
    ), last_line
    assert (tmp_path / "out" / "bench-20000.json").exists()
    assert (tmp_path / "out" / "bench-20000.md").exists()


def test_reference_per_view_same(small_con):
    """The lazy pandas app (derives per page view what the page needs) gives the same figures."""
    from ucj_oversight.dev.pandas_reference import load

    tables = load(small_con)
    for month in ("2026-03", "2025-12"):
        m = AsOf.from_text(month)
        for h, fn in bench.PAGES.items():
            assert bench.differences(fn(Reference(tables, lazy=True), m), fn(Reference(tables), m), h) == [], (month, h)
