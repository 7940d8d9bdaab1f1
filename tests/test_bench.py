"""The benchmark's pandas reference gives exactly the DuckDB figures (no timings asserted)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ucj_oversight.dev import bench, sample
from ucj_oversight.storage import db
from ucj_oversight import figures, ingest
from ucj_oversight.dev.pandas_reference import Reference, round2
from ucj_oversight.figures import AsOf, Filter

from conftest import KUNCI_UJI

ROOT = Path(__file__).resolve().parents[1]
BULAN_KECIL = ["2026-03", "2026-02", "2026-01", "2025-12", "2026-04", "2025-06", "2027-01"]
FUNGSI = ["cakupan_kecamatan", "cakupan_kota", "cakupan_segmen", "tren_peserta", "rekonsiliasi_iuran",
          "temuan", "klaim_program", "klaim_bulanan", "klaim_kecamatan", "klaim_layanan", "ringkasan"]
SARINGAN = [Filter("32.75.08"), Filter("32.75.01"), Filter(segmen="PKL"),
            Filter("32.75.01", "OJEK_ONLINE"), Filter(segmen="TIDAK_ADA")]


def test_bulat2_sama_dengan_duckdb():
    nilai = [2.345, 2.355, -2.345, 0.125, 12.5 / 3, 1 / 3 * 100, 0.005, 99.995]
    con = __import__("duckdb").connect()
    harap = [con.execute("SELECT round(?::DOUBLE, 2)", [v]).fetchone()[0] for v in nilai]
    assert list(round2(nilai)) == harap


def test_beda_menemukan_perbedaan(con_kecil):
    m = AsOf.from_text("2026-03")
    assert bench.differences(figures.temuan(con_kecil, m), figures.temuan(con_kecil, m)) == []
    assert bench.differences(figures.temuan(con_kecil, m), figures.temuan(con_kecil, m.previous()))
    assert bench.differences(figures.ringkasan(con_kecil, m), figures.ringkasan(con_kecil, m.previous()))
    a = pd.DataFrame({"x": [1.0, None]})
    assert bench.differences(a, pd.DataFrame({"x": [1.0, 0.0]}))
    assert bench.differences(a, pd.DataFrame({"y": [1.0, None]}))


@pytest.mark.parametrize("bulan", BULAN_KECIL)
def test_halaman_identik_kecil(con_kecil, bulan):
    acuan = Reference.dari_con(con_kecil)
    assert bench.compare(con_kecil, acuan, AsOf.from_text(bulan)) == {h: [] for h in bench.PAGES}


def test_ekspor_identik_kecil(con_kecil):
    from ucj_oversight.publish import export
    acuan = Reference.dari_con(con_kecil)
    for bulan in BULAN_KECIL:
        m = AsOf.from_text(bulan)
        assert bench.differences(export.export_tables(con_kecil, m), acuan.tabel_ekspor(m)) == []


def test_saringan_identik_kecil(con_kecil):
    acuan = Reference.dari_con(con_kecil)
    m = AsOf.from_text("2026-03")
    for s in SARINGAN:
        for fn in FUNGSI:
            assert bench.differences(getattr(figures, fn)(con_kecil, m, s), getattr(acuan, fn)(m, s), fn) == [], (s, fn)


@pytest.fixture(scope="module")
def con_sampel50k(tmp_path_factory):
    d = tmp_path_factory.mktemp("bench50k")
    sample.generate_for_iuran_rows(d / "data", 50_000)
    ingest.run_import(d / "s.duckdb", [d / "data"], kunci=KUNCI_UJI)
    con = db.read(d / "s.duckdb")
    yield con
    con.close()


def test_halaman_identik_sampel_50k(con_sampel50k):
    con = con_sampel50k
    acuan = Reference.dari_con(con)
    akhir = figures.latest_month(con)
    assert akhir is not None
    n_iuran = con.execute("SELECT count(*) FROM iuran").fetchone()[0]
    assert 40_000 <= n_iuran <= 60_000
    for m in [akhir, akhir.previous(), AsOf.from_text("2026-01"), AsOf.from_text("2025-12"),
              AsOf.from_text("2025-06")]:
        assert bench.compare(con, acuan, m) == {h: [] for h in bench.PAGES}, str(m)
    for s in SARINGAN:
        for fn in FUNGSI:
            assert bench.differences(getattr(figures, fn)(con, akhir, s), getattr(acuan, fn)(akhir, s), fn) == [], (s, fn)


def test_cli_bench_kecil(tmp_path):
    r = subprocess.run([sys.executable, "-m", "ucj_oversight", "bench", "--rows", "20000",
                        "--cache", str(tmp_path / "cache"), "--out", str(tmp_path / "out"),
                        "--no-ingest-csv", "--no-profil"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    terakhir = r.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"bench rows=20000 ingest_s=\d+\.\d+ duckdb_ms=\d+\.\d+ pandas_ms=\d+\.\d+ "
                        r"ratio=\d+\.\d+ peak_rss_mb=\d+", terakhir), terakhir
    assert (tmp_path / "out" / "bench-20000.json").exists()
    assert (tmp_path / "out" / "bench-20000.md").exists()


def test_acuan_per_tampilan_sama(con_kecil):
    """The lazy pandas app (derives per page view what the page needs) gives the same figures."""
    from ucj_oversight.dev.pandas_reference import load
    tabel = load(con_kecil)
    for bulan in ("2026-03", "2025-12"):
        m = AsOf.from_text(bulan)
        for h, fn in bench.PAGES.items():
            assert bench.differences(fn(Reference(tabel, lambat=True), m), fn(Reference(tabel), m), h) == [], (bulan, h)
