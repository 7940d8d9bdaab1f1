"""The monthly aggregates of the derived layer (reg_bulanan, reg_ganda, nik_temuan) give exactly
what the definitions give when computed straight from the registrations.

Pages read coverage, the enrolment trend, billable registrations and the NIK findings from
tables built once per import (storage/sql/derived/*.sql) instead of scanning every registration. These
tests generate awkward registration sets - one person with several registrations, overlapping,
back-to-back, ending on the last day of a month or in the middle, starting and ending in the
same month, open-ended, several kecamatan and segments - and compare, for every month around
the data, with two independent oracles: the direct SQL of the person rule (as the figures were
written before the aggregates) and the pandas reference of the benchmark.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ucj_oversight import figures
from ucj_oversight.dev import bench
from ucj_oversight.dev.pandas_reference import Reference
from ucj_oversight.figures import AsOf, Filter
from ucj_oversight.storage import db

KECAMATAN = ["32.75.01", "32.75.02", "32.75.08"]
KELURAHAN = {"32.75.01": ["32.75.01.1001", None], "32.75.02": ["32.75.02.1001"], "32.75.08": ["32.75.08.1002"]}
SEGMEN = ["PKL", "OJEK_ONLINE", None]

# The person rule straight from the registrations: the oracle for reg_bulanan.d_orang.
PEOPLE_DIRECT_SQL = """
SELECT kode_kecamatan, kode_kelurahan, segmen, count(*) AS n
FROM (
    SELECT kode_kecamatan, kode_kelurahan, segmen,
           row_number() OVER (PARTITION BY nik_hash ORDER BY tgl_mulai DESC, no_kpj DESC) AS urut
    FROM reg
    WHERE tgl_mulai <= ? AND (tgl_akhir IS NULL OR tgl_akhir >= ?)
) t WHERE urut = 1
GROUP BY ALL ORDER BY ALL
"""
PEOPLE_AGGREGATE_SQL = """
SELECT kode_kecamatan, kode_kelurahan, segmen, sum(d_orang) AS n
FROM reg_bulanan WHERE bulan <= ?
GROUP BY ALL HAVING sum(d_orang) <> 0 ORDER BY ALL
"""


def _build(regs: list[tuple]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    db.create_schema(con)
    # status AKTIF, no tgl_nonaktif
    con.executemany("INSERT INTO peserta VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, 'AKTIF', NULL)", regs)
    db.build_derived(con)
    return con


@st.composite
def registrasi_sets(draw):
    """Up to 25 registrations of up to 8 people; a no_kpj may appear in two imports (the newer
    one counts), NIKs may be invalid or from outside the city."""
    n = draw(st.integers(1, 25))
    regs = []
    for i in range(n):
        nik = draw(st.integers(0, 7))
        kecamatan = draw(st.sampled_from(KECAMATAN))
        y = draw(st.sampled_from([2025, 2026]))
        m = draw(st.integers(1, 12))
        day = draw(st.sampled_from([1, 15, 0]))
        start = AsOf(dt.date(y, m, 1)).end if day == 0 else dt.date(y, m, day)
        end = None
        if draw(st.booleans()):
            length = draw(st.sampled_from([0, 14, 16, 27, 45, 60, 200]))
            end = start + dt.timedelta(days=length)
            if draw(st.booleans()):
                end = AsOf(dt.date(end.year, end.month, 1)).end
        no_kpj = f"KPJ{draw(st.integers(0, n + 3)):03d}"
        impor = draw(st.sampled_from([1, 1, 2]))
        valid = draw(st.sampled_from([True, True, True, False]))
        prefix = draw(st.sampled_from(["3275", "3275", "3216"])) if valid else None
        regs.append(
            (
                impor,
                i + 1,
                no_kpj,
                f"{nik:064x}",
                valid,
                prefix,
                kecamatan,
                draw(st.sampled_from(KELURAHAN[kecamatan])),
                draw(st.sampled_from(SEGMEN)),
                start,
                end,
            )
        )
    return regs


MONTHS = [AsOf(dt.date(y, m, 1)) for y in (2024, 2025, 2026, 2027) for m in range(1, 13)]


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(regs=registrasi_sets())
def test_active_people_equal_the_direct_rule(regs):
    con = _build(regs)
    for m in MONTHS:
        direct = con.execute(PEOPLE_DIRECT_SQL, [m.end, m.end]).fetchall()
        aggregate = con.execute(PEOPLE_AGGREGATE_SQL, [m.month]).fetchall()
        assert aggregate == direct, (str(m), regs)


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(regs=registrasi_sets())
def test_figures_equal_the_pandas_reference(regs):
    con = _build(regs)
    reference = Reference.from_con(con)
    function_names = [
        "cakupan_kecamatan",
        "cakupan_kota",
        "cakupan_segmen",
        "tren_peserta",
        "rekonsiliasi_iuran",
        "temuan",
    ]
    for m in [AsOf.from_text(b) for b in ("2024-12", "2025-01", "2025-06", "2025-12", "2026-02", "2026-12", "2027-06")]:
        for s in [Filter(), Filter("32.75.01"), Filter(segmen="PKL"), Filter("32.75.08", "TIDAK_DIKETAHUI")]:
            for fn in function_names:
                assert bench.differences(getattr(figures, fn)(con, m, s), getattr(reference, fn)(m, s), fn) == [], (
                    str(m),
                    s,
                    fn,
                    regs,
                )


def test_example_person_with_three_registrasi():
    """A worked example. One person (NIK a):
    KPJ1 Bekasi Timur from 2025-01-10, open; KPJ2 Bantargebang 2025-03-31 to 2025-05-31;
    KPJ3 Bekasi Barat 2025-05-15 to 2025-06-14. At each month's end the person counts once, at
    the active registration with the latest tgl_mulai:
    Jan-Feb Timur (KPJ1 only); Mar-Apr Bantargebang (KPJ2 started later); May Barat (KPJ3, the
    latest); Jun: KPJ3 ended on the 14th, KPJ2 on 31 May, so Timur again."""
    a = "a" * 64
    con = _build(
        [
            (1, 1, "KPJ1", a, True, "3275", "32.75.01", None, "PKL", dt.date(2025, 1, 10), None),
            (1, 2, "KPJ2", a, True, "3275", "32.75.08", None, "PKL", dt.date(2025, 3, 31), dt.date(2025, 5, 31)),
            (1, 3, "KPJ3", a, True, "3275", "32.75.02", None, "PKL", dt.date(2025, 5, 15), dt.date(2025, 6, 14)),
        ]
    )
    expected = {
        "2024-12": None,
        "2025-01": "32.75.01",
        "2025-02": "32.75.01",
        "2025-03": "32.75.08",
        "2025-04": "32.75.08",
        "2025-05": "32.75.02",
        "2025-06": "32.75.01",
        "2026-06": "32.75.01",
    }
    for month, kecamatan in expected.items():
        df = figures.cakupan_kecamatan(con, AsOf.from_text(month))
        active = df[df["peserta_aktif"] > 0]
        assert list(active["kode_kecamatan"]) == ([kecamatan] if kecamatan else []), month
        assert active["peserta_aktif"].sum() == (1 if kecamatan else 0), month
    # NIK_GANDA_AKTIF: two registrations active at the end of Mar, Apr (KPJ1+KPJ2) and May (all
    # three), none in June.
    for month, n in {"2025-02": 0, "2025-03": 1, "2025-05": 1, "2025-06": 0}.items():
        t = figures.temuan(con, AsOf.from_text(month)).set_index("kode_temuan")
        assert t.loc["NIK_GANDA_AKTIF", "jumlah"] == n, month
    # Registrations (not people) billable in May: all three overlap May.
    rek = figures.rekonsiliasi_iuran(con, AsOf.from_text("2025-06")).set_index("bulan")
    assert rek.loc["2025-05", "registrasi_tertagih"] == 3
    assert rek.loc["2025-06", "registrasi_tertagih"] == 2  # KPJ1 and KPJ3 (until 14 June)


@pytest.mark.parametrize("table", ["reg_bulanan", "reg_ganda", "nik_temuan", "iuran_temuan", "impor_dipakai"])
def test_aggregate_table_exists_and_is_small(small_con, table):
    n = small_con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    reg = small_con.execute("SELECT count(*) FROM reg").fetchone()[0]
    assert n <= max(reg, 1) * 4


def test_once_runs_each_sql_once_and_does_not_leak(small_con, monkeypatch):
    """figures.once(): inside the block a figure runs its SQL once per arguments and every
    caller gets its own copy; outside the block nothing is remembered."""
    calls = []
    original = figures.runner.run_sql

    def counting_run_sql(con, stem, **parameters):
        calls.append(stem)
        return original(con, stem, **parameters)

    monkeypatch.setattr(figures.runner, "run_sql", counting_run_sql)
    m = AsOf.from_text("2026-03")
    with figures.once():
        a = figures.anggaran_bulanan(small_con, m)
        figures.proyeksi_akhir_tahun(small_con, m)
        figures.biaya_per_peserta_bulan(small_con, m)
        a["pagu"] = -1.0  # a caller's change does not reach the others
        b = figures.anggaran_bulanan(small_con, m)
        figures.ringkasan(small_con, m)  # calls temuan(con, m, None) inside
        figures.temuan(small_con, m)
        figures.temuan(small_con, m, Filter())
        figures.temuan(small_con, m, filter=Filter("32.75.01"))
    assert calls.count("anggaran_bulanan") == 1 and calls.count("rekonsiliasi_iuran") == 1
    assert calls.count("temuan") == 2
    assert (b["pagu"] >= 0).all()
    figures.anggaran_bulanan(small_con, m)
    assert calls.count("anggaran_bulanan") == 2


def test_db_from_an_older_version_is_rebuilt(small_db, tmp_path):
    """A database built by an older version of the code (no reg_bulanan, no versi_turunan) is
    brought up to date without re-importing, atomically, and then gives the same figures."""
    m = AsOf.from_text("2026-03")
    with db.read(small_db) as con:
        expected = figures.cakupan_kecamatan(con, m)
    con = duckdb.connect(str(small_db))
    con.execute("DROP TABLE reg_bulanan")
    con.execute("DELETE FROM meta WHERE kunci = 'versi_turunan'")
    con.close()
    assert db.derived_outdated(small_db)
    assert db.ensure_derived(small_db) is True
    assert not db.derived_outdated(small_db)
    assert db.ensure_derived(small_db) is False  # nothing to do the second time
    with db.read(small_db) as con:
        assert bench.differences(figures.cakupan_kecamatan(con, m), expected) == []


def test_cli_export_updates_an_old_db(small_db, tmp_path):
    con = duckdb.connect(str(small_db))
    con.execute("DROP TABLE reg_bulanan")
    con.execute("DELETE FROM meta WHERE kunci = 'versi_turunan'")
    con.close()
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "ucj_oversight",
            "export",
            "--db",
            str(small_db),
            "--out",
            str(tmp_path / "e"),
            "--as-of",
            "2026-03",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(Path(__file__).resolve().parents[1]),
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert not db.derived_outdated(small_db)


# ---------------------------------------------------------------- the files of the derived layer

DERIVED_TABLES = [
    "reg",
    "iuran_rinci",
    "sp2d",
    "sp2d_kembar",
    "anggaran_kini",
    "sasaran_kini",
    "klaim_rinci",
    "iuran_bulanan",
    "iuran_temuan",
    "reg_bulanan",
    "reg_ganda",
    "nik_temuan",
    "impor_dipakai",
    "tagihan_lunas",
    "bulan_tanpa_lindung",
    "reg_tanpa_lindung",
]


def test_derived_layer_files_in_order():
    """sql/derived/ holds numbered files, staging before intermediate, run in name order; each
    statement makes one table and reads only the storage tables or tables made before it."""
    files = db.derived_files()
    assert files == sorted(files) and len(files) >= 2
    assert all(re.fullmatch(r"derived/\d\d_(staging|intermediate)_\w+\.sql", f) for f in files), files
    layers = [f.split("_")[1] for f in files]
    assert layers == sorted(layers, key=["staging", "intermediate"].index)
    made = [re.match(r"CREATE OR REPLACE TABLE (\w+) AS", s).group(1) for s in db.derived_statements()]
    assert made == DERIVED_TABLES
    for i, statement in enumerate(db.derived_statements()):
        later = set(made[i + 1 :])
        assert not later & set(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", statement)), made[i]


def test_derived_version_from_all_files(monkeypatch):
    """derived_version changes with the text of any file of the layer (then databases rebuild)."""
    before = db.derived_version()
    assert before == db.derived_version() and len(before) == 16
    last = db.derived_files()[-1]
    original = db.sql_file
    monkeypatch.setattr(db, "sql_file", lambda name: original(name) + ("\n-- x" if name == last else ""))
    assert db.derived_version() != before


def test_new_db_has_all_derived_tables(tmp_path):
    path = tmp_path / "baru.duckdb"
    db.create_new(path)
    with db.read(path) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        version = con.execute("SELECT nilai FROM meta WHERE kunci = 'versi_turunan'").fetchone()[0]
    assert set(DERIVED_TABLES) <= tables
    assert version == db.derived_version()
