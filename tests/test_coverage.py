"""The two coverage figures and the pace needed (issue 13), on a hand-worked fixture written here
and loaded with the real ingest.

Capaian kuota = peserta aktif / sasaran (the funded quota); cakupan semesta = peserta aktif /
semesta (all vulnerable workers). The fixture, as of March 2026 (D = 31 March 2026; six months
before: D6 = 30 September 2025), the numbers in docs/methodology.md ("Peserta aktif dan cakupan"):

    sasaran 2026 (jumlah_sasaran / jumlah_semesta / sumber_semesta)
      Pondokgede    total row        4 / 20 / DTSEN 2025
      Bekasi Barat  UMKM             3 / 10 / DTSEN 2025      no total row: 3 + 2 = 5, 10 + 6 = 16
                    PKL              2 /  6 / DTSEN 2025
      Bekasi Timur  total row        8 /  - /                 no semesta
      Jatiasih      PKL              5 / 12 / BPS 2024        OJEK_ONLINE gives none: no semesta for
                    OJEK_ONLINE      5 /  - /                 the kecamatan (a partial sum would overstate)
      Rawalumbu     total row       10 / 30 / Pendataan Disnaker 2025   (the total row wins;
                    PKL              4 /  9 / Pendataan Disnaker 2025    PKL only under a PKL filter)
      Bekasi Utara  no row at all

    peserta (person rule: one NIK counts once, at its registration with the latest tgl_mulai)
      Pondokgede    P1 RT_RW 2025-01-10, P2 UMKM 2025-11-01, P3 PKL 2026-02-01     D: 3   D6: 1 (P1)
      Bekasi Barat  B1 UMKM 2025-06-01, B2 PKL 2026-01-15,
                    B3 PKL 2025-03-01 .. 2025-12-31 (ended)                       D: 2   D6: 2 (B1, B3)
      Bekasi Timur  T1 OJEK_ONLINE 2025-10-01, X1 UMKM 2025-05-01 (NIK X)         D: 1   D6: 1 (X1)
      Rawalumbu     R1 PKL, R2 PKL 2025-01-01, R4 RT_RW 2026-03-31,
                    X2 UMKM 2025-12-01 (NIK X, later than X1: X counts here)      D: 4   D6: 2 (R1, R2)
      Jatiasih      J1 PKL 2025-08-01, J2 OJEK_ONLINE 2026-03-01                  D: 2   D6: 1 (J1)
      Bekasi Utara  U1 PKL 2026-01-01                                             D: 1   D6: 0
"""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest
from conftest import TEST_KEY, write_text_file

from ucj_oversight import figures, ingest, settings
from ucj_oversight.dev import bench
from ucj_oversight.dev.pandas_reference import Reference
from ucj_oversight.figures import AsOf, Filter
from ucj_oversight.publish import export
from ucj_oversight.storage import db

MARCH = AsOf.from_text("2026-03")
PONDOKGEDE, BEKASI_BARAT, BEKASI_TIMUR, BEKASI_UTARA = "32.75.08", "32.75.02", "32.75.01", "32.75.03"
JATIASIH, RAWALUMBU = "32.75.09", "32.75.05"

SASARAN = """
tahun,kecamatan,segmen,jumlah_sasaran,semesta,sumber_semesta
2026,Pondokgede,,4,20,DTSEN 2025
2026,Bekasi Barat,UMKM,3,10,DTSEN 2025
2026,Bekasi Barat,PKL,2,6,DTSEN 2025
2026,Bekasi Timur,,8,,
2026,Jatiasih,PKL,5,12,BPS 2024
2026,Jatiasih,OJEK_ONLINE,5,,
2026,Rawalumbu,,10,30,Pendataan Disnaker 2025
2026,Rawalumbu,PKL,4,9,Pendataan Disnaker 2025
"""

PESERTA = """
no_kpj,nik,tgl_lahir,jenis_kelamin,kecamatan,segmen,tgl_mulai,tgl_akhir,status
P1,3275080101900001,1990-01-01,L,Pondokgede,RT_RW,2025-01-10,,AKTIF
P2,3275080101900002,1990-01-01,L,Pondokgede,UMKM,2025-11-01,,AKTIF
P3,3275080101900003,1990-01-01,L,Pondokgede,PKL,2026-02-01,,AKTIF
B1,3275020101900004,1990-01-01,L,Bekasi Barat,UMKM,2025-06-01,,AKTIF
B2,3275020101900005,1990-01-01,L,Bekasi Barat,PKL,2026-01-15,,AKTIF
B3,3275020101900006,1990-01-01,L,Bekasi Barat,PKL,2025-03-01,2025-12-31,NONAKTIF
T1,3275010101900007,1990-01-01,L,Bekasi Timur,OJEK_ONLINE,2025-10-01,,AKTIF
X1,3275050101900008,1990-01-01,L,Bekasi Timur,UMKM,2025-05-01,,AKTIF
X2,3275050101900008,1990-01-01,L,Rawalumbu,UMKM,2025-12-01,,AKTIF
R1,3275050101900009,1990-01-01,L,Rawalumbu,PKL,2025-01-01,,AKTIF
R2,3275050101900010,1990-01-01,L,Rawalumbu,PKL,2025-01-01,,AKTIF
R4,3275050101900011,1990-01-01,L,Rawalumbu,RT_RW,2026-03-31,,AKTIF
J1,3275090101900012,1990-01-01,L,Jatiasih,PKL,2025-08-01,,AKTIF
J2,3275090101900013,1990-01-01,L,Jatiasih,OJEK_ONLINE,2026-03-01,,AKTIF
U1,3275030101900014,1990-01-01,L,Bekasi Utara,PKL,2026-01-01,,AKTIF
"""


@pytest.fixture(scope="module")
def coverage_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cakupan")
    files = [
        write_text_file(folder / "sasaran_uji.csv", SASARAN),
        write_text_file(folder / "peserta_uji.csv", PESERTA),
    ]
    path = folder / "cakupan.duckdb"
    report = ingest.run_import(path, files, key=TEST_KEY)
    assert sum(f.rows_quarantined for f in report.files) == 0
    return path


@pytest.fixture
def con(coverage_db, monkeypatch):
    monkeypatch.delenv("UCJ_TAHUN_TARGET", raising=False)  # the default target year, 2027
    c = db.read(coverage_db)
    yield c
    c.close()


def by_kecamatan(df: pd.DataFrame) -> dict[str, tuple]:
    """kode -> the row's values after kode and nama, missing values as None."""
    return {r[0]: tuple(None if pd.isna(v) else v for v in r[2:]) for r in df.itertuples(index=False, name=None)}


def test_both_figures_per_kecamatan(con):
    df = figures.cakupan_kecamatan(con, MARCH)
    assert list(df.columns) == [
        "kode_kecamatan",
        "nama_kecamatan",
        "sasaran",
        "peserta_aktif",
        "capaian_kuota_persen",
        "semesta",
        "cakupan_semesta_persen",
    ]
    rows = by_kecamatan(df)
    # (sasaran, peserta_aktif, capaian kuota, semesta, cakupan semesta)
    assert rows[PONDOKGEDE] == (4, 3, 75.0, 20, 15.0)  # 3/4, 3/20
    assert rows[BEKASI_BARAT] == (5, 2, 40.0, 16, 12.5)  # segment rows add up: 3 + 2, 10 + 6
    assert rows[RAWALUMBU] == (10, 4, 40.0, 30, 13.33)  # total row; X counts here (X2 is later than X1)
    # No semesta: empty, never the quota figure under the coverage name.
    assert rows[BEKASI_TIMUR] == (8, 1, 12.5, None, None)
    # Jatiasih's OJEK_ONLINE row gives no semesta: 12 alone would make coverage 2/12, not the truth.
    assert rows[JATIASIH] == (10, 2, 20.0, None, None)
    assert rows[BEKASI_UTARA] == (None, 1, None, None, None)  # no sasaran row at all
    assert rows["32.75.04"] == (None, 0, None, None, None)


def test_city_numerators_leave_out_kecamatan_without_the_denominator(con):
    # Capaian kuota: Bekasi Utara's 1 person has no target: (3 + 2 + 1 + 2 + 4) / (4 + 5 + 8 + 10 + 10)
    # = 12 / 37 = 32.43. Cakupan semesta: only Pondokgede, Bekasi Barat, Rawalumbu have a semesta:
    # (3 + 2 + 4) / (20 + 16 + 30) = 9 / 66 = 13.64. peserta_aktif counts everyone: 13.
    assert figures.cakupan_kota(con, MARCH) == {
        "peserta_aktif": 13,
        "sasaran": 37,
        "capaian_kuota_persen": 32.43,
        "semesta": 66,
        "cakupan_semesta_persen": 13.64,
    }
    r = figures.ringkasan(con, MARCH)
    assert (r["capaian_kuota_persen"], r["semesta"], r["cakupan_semesta_persen"]) == (32.43, 66, 13.64)
    assert figures.sumber_semesta(con, MARCH) == ("DTSEN 2025", "Pendataan Disnaker 2025")  # not Jatiasih's


def test_a_kecamatan_without_semesta_alone(con):
    city = figures.cakupan_kota(con, MARCH, Filter(BEKASI_TIMUR))
    assert city == {
        "peserta_aktif": 1,
        "sasaran": 8,
        "capaian_kuota_persen": 12.5,
        "semesta": None,
        "cakupan_semesta_persen": None,
    }
    assert figures.sumber_semesta(con, MARCH, Filter(BEKASI_TIMUR)) == ()


def test_segmen_filter_uses_only_semesta_given_per_segmen(con):
    # PKL at D: P3 (Pondokgede), B2 (Bekasi Barat), J1 (Jatiasih), R1 + R2 (Rawalumbu), U1 (Bekasi Utara).
    rows = by_kecamatan(figures.cakupan_kecamatan(con, MARCH, Filter(segmen="PKL")))
    assert rows[BEKASI_BARAT] == (2, 1, 50.0, 6, 16.67)  # 1/2, 1/6
    assert rows[JATIASIH] == (5, 1, 20.0, 12, 8.33)  # the PKL row has a semesta: 1/12
    assert rows[RAWALUMBU] == (4, 2, 50.0, 9, 22.22)  # the PKL row, not the total row's 30
    # Pondokgede has only a total row: its semesta of 20 is not the semesta of its PKL workers.
    assert rows[PONDOKGEDE] == (None, 1, None, None, None)
    # City: (1 + 1 + 2) / (2 + 5 + 4) = 4/11 = 36.36; (1 + 1 + 2) / (6 + 12 + 9) = 4/27 = 14.81.
    assert figures.cakupan_kota(con, MARCH, Filter(segmen="PKL")) == {
        "peserta_aktif": 6,
        "sasaran": 11,
        "capaian_kuota_persen": 36.36,
        "semesta": 27,
        "cakupan_semesta_persen": 14.81,
    }
    assert figures.sumber_semesta(con, MARCH, Filter(segmen="PKL")) == (
        "BPS 2024",
        "DTSEN 2025",
        "Pendataan Disnaker 2025",
    )


def test_pace_needed_per_kecamatan(con):
    # Target 2027 (default), as of March 2026: April 2026 .. December 2027 = 21 months.
    df = figures.laju_cakupan(con, MARCH)
    assert list(df.columns) == [
        "kode_kecamatan",
        "nama_kecamatan",
        "semesta",
        "peserta_aktif",
        "kekurangan",
        "bulan_tersisa",
        "perlu_per_bulan",
        "laju_6_bulan",
    ]
    rows = by_kecamatan(df)
    # (semesta, peserta_aktif, kekurangan, bulan_tersisa, perlu_per_bulan, laju_6_bulan)
    assert rows[PONDOKGEDE] == (20, 3, 17, 21, 0.81, 0.33)  # 17/21 = 0.8095; (3 - 1)/6
    assert rows[BEKASI_BARAT] == (16, 2, 14, 21, 0.67, 0.0)  # 14/21; (2 - 2)/6: B3 ended, B2 came
    assert rows[RAWALUMBU] == (30, 4, 26, 21, 1.24, 0.33)  # 26/21 = 1.238; (4 - 2)/6
    # Without a semesta nothing is needed, but the actual pace is still shown.
    assert rows[BEKASI_TIMUR] == (None, 1, None, 21, None, 0.0)  # X moved to Rawalumbu: (1 - 1)/6
    assert rows[BEKASI_UTARA] == (None, 1, None, 21, None, 0.17)  # (1 - 0)/6


def test_pace_needed_for_the_city(con):
    # Over the kecamatan with a semesta (the cakupan semesta numerator rule): semesta 66, people 9,
    # still to cover 57, 57/21 = 2.714 a month; six months before, 1 + 2 + 2 = 5: (9 - 5)/6 = 0.67.
    assert figures.laju_cakupan_kota(con, MARCH) == {
        "tahun_target": 2027,
        "semesta": 66,
        "peserta_aktif": 9,
        "kekurangan": 57,
        "bulan_tersisa": 21,
        "perlu_per_bulan": 2.71,
        "laju_6_bulan": 0.67,
        "cukup": False,
    }
    pg = figures.laju_cakupan_kota(con, MARCH, Filter(PONDOKGEDE))
    assert (pg["kekurangan"], pg["perlu_per_bulan"], pg["laju_6_bulan"]) == (17, 0.81, 0.33)
    # No semesta anywhere (OJEK_ONLINE: T1, J2): nothing needed; the pace is over all kecamatan: (2 - 0)/6.
    ojek = figures.laju_cakupan_kota(con, MARCH, Filter(segmen="OJEK_ONLINE"))
    assert (ojek["semesta"], ojek["peserta_aktif"], ojek["perlu_per_bulan"], ojek["cukup"]) == (None, 2, None, None)
    assert ojek["laju_6_bulan"] == 0.33


def test_target_year_is_a_setting(con, monkeypatch):
    monkeypatch.setenv("UCJ_TAHUN_TARGET", "2026")  # April .. December 2026: 9 months
    assert settings.target_year() == 2026
    rows = by_kecamatan(figures.laju_cakupan(con, MARCH))
    assert rows[PONDOKGEDE][3:5] == (9, 1.89)  # 17/9 = 1.889
    monkeypatch.setenv("UCJ_TAHUN_TARGET", "2025")  # already past: no month left
    city = figures.laju_cakupan_kota(con, MARCH)
    assert (city["bulan_tersisa"], city["kekurangan"], city["perlu_per_bulan"], city["cukup"]) == (0, 57, None, None)
    monkeypatch.setenv("UCJ_TAHUN_TARGET", "dua ribu")  # not a year: the default
    assert settings.target_year() == 2027
    assert figures.months_remaining(AsOf.from_text("2027-12"), 2027) == 0
    assert figures.months_remaining(AsOf.from_text("2026-12"), 2027) == 12


def test_export_columns_and_numbers(con, tmp_path):
    export.export(con, MARCH, tmp_path)
    lines = (tmp_path / "cakupan_kecamatan.csv").read_text("utf-8").splitlines()
    assert lines[0] == (
        "kode_kecamatan,nama_kecamatan,sasaran,peserta_aktif,capaian_kuota_persen,semesta,cakupan_semesta_persen"
    )
    assert "32.75.08,Pondokgede,4,3,75,20,15" in lines
    assert "32.75.05,Rawalumbu,10,4,40,30,13.33" in lines
    assert "32.75.01,Bekasi Timur,8,1,12.5,," in lines  # no semesta: empty, not 0


def test_pandas_reference_agrees(con):
    reference = Reference.from_con(con)
    for f in (Filter(), Filter(PONDOKGEDE), Filter(segmen="PKL"), Filter(segmen="OJEK_ONLINE")):
        for name in ("cakupan_kecamatan", "cakupan_kota", "sumber_semesta", "laju_cakupan", "laju_cakupan_kota"):
            a, b = getattr(figures, name)(con, MARCH, f), getattr(reference, name)(MARCH, f)
            assert bench.differences(a, b, name) == [], (f, name)


def test_a_database_without_the_semesta_columns_still_opens(coverage_db, tmp_path):
    old = tmp_path / "lama.duckdb"
    shutil.copyfile(coverage_db, old)
    c = duckdb.connect(str(old))
    c.execute("ALTER TABLE sasaran DROP COLUMN sumber_semesta")
    c.execute("ALTER TABLE sasaran DROP COLUMN jumlah_semesta")
    c.close()
    assert db.derived_outdated(old)
    assert db.ensure_derived(old) is True
    with db.read(old) as c:
        city = figures.cakupan_kota(c, MARCH)
    # The quota figure is as before; the rows from before the columns have no semesta.
    assert (city["capaian_kuota_persen"], city["semesta"], city["cakupan_semesta_persen"]) == (32.43, None, None)
