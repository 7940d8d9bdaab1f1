"""The monthly aggregates of the derived layer (reg_bulanan, reg_ganda, nik_temuan) give exactly
what the definitions give when computed straight from the registrations.

Pages read coverage, the enrolment trend, billable registrations and the NIK findings from
tables built once per import (sql/turunan.sql) instead of scanning every registration. These
tests generate awkward registration sets - one person with several registrations, overlapping,
back-to-back, ending on the last day of a month or in the middle, starting and ending in the
same month, open-ended, several kecamatan and segments - and compare, for every month around
the data, with two independent oracles: the direct SQL of the person rule (as the figures were
written before the aggregates) and the pandas reference of the benchmark.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ucj_oversight.dev import bench
from ucj_oversight.storage import db
from ucj_oversight import figures
from ucj_oversight.dev.pandas_reference import Reference
from ucj_oversight.figures import AsOf, Filter

KEC = ["32.75.01", "32.75.02", "32.75.08"]
KEL = {"32.75.01": ["32.75.01.1001", None], "32.75.02": ["32.75.02.1001"], "32.75.08": ["32.75.08.1002"]}
SEGMEN = ["PKL", "OJEK_ONLINE", None]

# The person rule straight from the registrations: the oracle for reg_bulanan.d_orang.
ORANG_LANGSUNG = """
SELECT kode_kecamatan, kode_kelurahan, segmen, count(*) AS n
FROM (
    SELECT kode_kecamatan, kode_kelurahan, segmen,
           row_number() OVER (PARTITION BY nik_hash ORDER BY tgl_mulai DESC, no_kpj DESC) AS urut
    FROM reg
    WHERE tgl_mulai <= ? AND (tgl_akhir IS NULL OR tgl_akhir >= ?)
) t WHERE urut = 1
GROUP BY ALL ORDER BY ALL
"""
ORANG_AGREGAT = """
SELECT kode_kecamatan, kode_kelurahan, segmen, sum(d_orang) AS n
FROM reg_bulanan WHERE bulan <= ?
GROUP BY ALL HAVING sum(d_orang) <> 0 ORDER BY ALL
"""


def _bangun(regs: list[tuple]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    db.create_schema(con)
    con.executemany(
        "INSERT INTO peserta VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, 'AKTIF')", regs)
    db.build_derived(con)
    return con


@st.composite
def registrasi(draw):
    """Up to 25 registrations of up to 8 people; a no_kpj may appear in two imports (the newer
    one counts), NIKs may be invalid or from outside the city."""
    n = draw(st.integers(1, 25))
    regs = []
    for i in range(n):
        nik = draw(st.integers(0, 7))
        kec = draw(st.sampled_from(KEC))
        y = draw(st.sampled_from([2025, 2026]))
        m = draw(st.integers(1, 12))
        hari = draw(st.sampled_from([1, 15, 0]))
        mulai = AsOf(dt.date(y, m, 1)).akhir if hari == 0 else dt.date(y, m, hari)
        akhir = None
        if draw(st.booleans()):
            lama = draw(st.sampled_from([0, 14, 16, 27, 45, 60, 200]))
            akhir = mulai + dt.timedelta(days=lama)
            if draw(st.booleans()):
                akhir = AsOf(dt.date(akhir.year, akhir.month, 1)).akhir
        no_kpj = f"KPJ{draw(st.integers(0, n + 3)):03d}"
        impor = draw(st.sampled_from([1, 1, 2]))
        valid = draw(st.sampled_from([True, True, True, False]))
        prefiks = draw(st.sampled_from(["3275", "3275", "3216"])) if valid else None
        regs.append((impor, i + 1, no_kpj, f"{nik:064x}", valid, prefiks, kec,
                     draw(st.sampled_from(KEL[kec])), draw(st.sampled_from(SEGMEN)), mulai, akhir))
    return regs


BULAN = [AsOf(dt.date(y, m, 1)) for y in (2024, 2025, 2026, 2027) for m in range(1, 13)]


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(regs=registrasi())
def test_orang_aktif_sama_dengan_aturan_langsung(regs):
    con = _bangun(regs)
    for m in BULAN:
        langsung = con.execute(ORANG_LANGSUNG, [m.akhir, m.akhir]).fetchall()
        agregat = con.execute(ORANG_AGREGAT, [m.bulan]).fetchall()
        assert agregat == langsung, (str(m), regs)


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(regs=registrasi())
def test_figur_sama_dengan_acuan_pandas(regs):
    con = _bangun(regs)
    acuan = Reference.dari_con(con)
    fungsi = ["cakupan_kecamatan", "cakupan_kota", "cakupan_segmen", "tren_peserta", "rekonsiliasi_iuran",
              "temuan"]
    for m in [AsOf.from_text(b) for b in ("2024-12", "2025-01", "2025-06", "2025-12", "2026-02", "2026-12",
                                          "2027-06")]:
        for s in [Filter(), Filter("32.75.01"), Filter(segmen="PKL"), Filter("32.75.08", "TIDAK_DIKETAHUI")]:
            for fn in fungsi:
                assert bench.differences(getattr(figures, fn)(con, m, s), getattr(acuan, fn)(m, s), fn) == [], (
                    str(m), s, fn, regs)


def test_contoh_orang_dengan_tiga_registrasi():
    """A worked example. One person (NIK a):
    KPJ1 Bekasi Timur from 2025-01-10, open; KPJ2 Bantargebang 2025-03-31 to 2025-05-31;
    KPJ3 Bekasi Barat 2025-05-15 to 2025-06-14. At each month's end the person counts once, at
    the active registration with the latest tgl_mulai:
    Jan-Feb Timur (KPJ1 only); Mar-Apr Bantargebang (KPJ2 started later); May Barat (KPJ3, the
    latest); Jun: KPJ3 ended on the 14th, KPJ2 on 31 May, so Timur again."""
    a = "a" * 64
    con = _bangun([
        (1, 1, "KPJ1", a, True, "3275", "32.75.01", None, "PKL", dt.date(2025, 1, 10), None),
        (1, 2, "KPJ2", a, True, "3275", "32.75.08", None, "PKL", dt.date(2025, 3, 31), dt.date(2025, 5, 31)),
        (1, 3, "KPJ3", a, True, "3275", "32.75.02", None, "PKL", dt.date(2025, 5, 15), dt.date(2025, 6, 14)),
    ])
    harap = {"2024-12": None, "2025-01": "32.75.01", "2025-02": "32.75.01", "2025-03": "32.75.08",
             "2025-04": "32.75.08", "2025-05": "32.75.02", "2025-06": "32.75.01", "2026-06": "32.75.01"}
    for bulan, kec in harap.items():
        df = figures.cakupan_kecamatan(con, AsOf.from_text(bulan))
        aktif = df[df["peserta_aktif"] > 0]
        assert list(aktif["kode_kecamatan"]) == ([kec] if kec else []), bulan
        assert aktif["peserta_aktif"].sum() == (1 if kec else 0), bulan
    # NIK_GANDA_AKTIF: two registrations active at the end of Mar, Apr (KPJ1+KPJ2) and May (all
    # three), none in June.
    for bulan, n in {"2025-02": 0, "2025-03": 1, "2025-05": 1, "2025-06": 0}.items():
        t = figures.temuan(con, AsOf.from_text(bulan)).set_index("kode_temuan")
        assert t.loc["NIK_GANDA_AKTIF", "jumlah"] == n, bulan
    # Registrations (not people) billable in May: all three overlap May.
    rek = figures.rekonsiliasi_iuran(con, AsOf.from_text("2025-06")).set_index("bulan")
    assert rek.loc["2025-05", "registrasi_tertagih"] == 3
    assert rek.loc["2025-06", "registrasi_tertagih"] == 2   # KPJ1 and KPJ3 (until 14 June)


@pytest.mark.parametrize("tabel", ["reg_bulanan", "reg_ganda", "nik_temuan", "iuran_temuan", "impor_dipakai"])
def test_tabel_agregat_ada_dan_kecil(con_kecil, tabel):
    n = con_kecil.execute(f"SELECT count(*) FROM {tabel}").fetchone()[0]
    reg = con_kecil.execute("SELECT count(*) FROM reg").fetchone()[0]
    assert n <= max(reg, 1) * 4


def test_sekali_menghitung_sekali_dan_tidak_bocor(con_kecil, monkeypatch):
    """figures.sekali(): inside the block a figure runs its SQL once per arguments and every
    caller gets its own copy; outside the block nothing is remembered."""
    dipanggil = []
    asli = figures._jalankan

    def hitung(con, nama, **param):
        dipanggil.append(nama)
        return asli(con, nama, **param)

    monkeypatch.setattr(figures, "_jalankan", hitung)
    m = AsOf.from_text("2026-03")
    with figures.once():
        a = figures.anggaran_bulanan(con_kecil, m)
        figures.proyeksi_akhir_tahun(con_kecil, m)
        figures.biaya_per_peserta_bulan(con_kecil, m)
        a["pagu"] = -1.0                     # a caller's change does not reach the others
        b = figures.anggaran_bulanan(con_kecil, m)
        figures.ringkasan(con_kecil, m)      # calls temuan(con, m, None) inside
        figures.temuan(con_kecil, m)
        figures.temuan(con_kecil, m, Filter())
        figures.temuan(con_kecil, m, saringan=Filter("32.75.01"))
    assert dipanggil.count("anggaran_bulanan") == 1 and dipanggil.count("rekonsiliasi_iuran") == 1
    assert dipanggil.count("temuan") == 2
    assert (b["pagu"] >= 0).all()
    figures.anggaran_bulanan(con_kecil, m)
    assert dipanggil.count("anggaran_bulanan") == 2


def test_db_dari_versi_lama_dibangun_ulang(db_kecil, tmp_path):
    """A database built by an older version of the code (no reg_bulanan, no versi_turunan) is
    brought up to date without re-importing, atomically, and then gives the same figures."""
    m = AsOf.from_text("2026-03")
    with db.read(db_kecil) as con:
        harap = figures.cakupan_kecamatan(con, m)
    con = duckdb.connect(str(db_kecil))
    con.execute("DROP TABLE reg_bulanan")
    con.execute("DELETE FROM meta WHERE kunci = 'versi_turunan'")
    con.close()
    assert db.derived_outdated(db_kecil)
    assert db.ensure_derived(db_kecil) is True
    assert not db.derived_outdated(db_kecil)
    assert db.ensure_derived(db_kecil) is False          # nothing to do the second time
    with db.read(db_kecil) as con:
        assert bench.differences(figures.cakupan_kecamatan(con, m), harap) == []


def test_cli_export_memperbarui_db_lama(db_kecil, tmp_path):
    con = duckdb.connect(str(db_kecil))
    con.execute("DROP TABLE reg_bulanan")
    con.execute("DELETE FROM meta WHERE kunci = 'versi_turunan'")
    con.close()
    r = subprocess.run([sys.executable, "-m", "ucj_oversight", "export", "--db", str(db_kecil),
                        "--out", str(tmp_path / "e"), "--as-of", "2026-03"],
                       capture_output=True, text=True, timeout=300,
                       cwd=str(Path(__file__).resolve().parents[1]))
    assert r.returncode == 0, r.stderr[-2000:]
    assert not db.derived_outdated(db_kecil)
