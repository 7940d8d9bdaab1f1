"""Every figure against the hand-worked fixture (tests/fixtures/kecil), as of 2026-03.

The fixture, and why each expected number is what it is (D = 2026-03-31, Y = 2026):
- Registrations: A1 Pondokgede 2025-01-01..; A2 Pondokgede 2026-02-15..; A3 Bekasi Timur
  2025-11-01..2026-01-31; A4 Bekasi Timur 2025-11-01.. and A5 Bekasi Barat 2026-01-01.. share
  one NIK; A6 Bekasi Barat 2026-01-01.. has a 15-digit NIK; A7 Bekasi Barat starts 2026-04-01
  with a Kabupaten Bekasi NIK (3216...). B1 (Cikarang Barat) and B2 (no tgl_mulai) are rejected.
- Active at D: A1, A2, A4, A5, A6 -> people: NIK1, NIK2 (Pondokgede), NIK4 (counted once, in
  Bekasi Barat: A5 has the later tgl_mulai), NIK6 (Bekasi Barat). Bekasi Timur: 0.
- Sasaran 2026: Pondokgede 4 (a total row; the 2025 row is ignored), Bekasi Barat UMKM 3 + PKL 2
  = 5 (no total row, so segments add up), Bekasi Timur 8.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ucj_oversight import figures
from ucj_oversight.figures import AsOf, Filter

MARCH = AsOf.from_text("2026-03")


def row_where(df, column, value):
    return df[df[column] == value].iloc[0]


def test_cakupan_per_kecamatan(small_con):
    df = figures.cakupan_kecamatan(small_con, MARCH)
    assert len(df) == 12
    pg = row_where(df, "kode_kecamatan", "32.75.08")
    assert (pg.sasaran, pg.peserta_aktif, pg.capaian_kuota_persen) == (4, 2, 50.00)
    bb = row_where(df, "kode_kecamatan", "32.75.02")
    assert (bb.sasaran, bb.peserta_aktif, bb.capaian_kuota_persen) == (5, 2, 40.00)
    bt = row_where(df, "kode_kecamatan", "32.75.01")
    assert (bt.sasaran, bt.peserta_aktif, bt.capaian_kuota_persen) == (8, 0, 0.0)
    # No target: percentage is missing, not 0 and not infinite.
    bu = row_where(df, "kode_kecamatan", "32.75.03")
    assert bu.peserta_aktif == 0 and pd.isna(bu.sasaran) and pd.isna(bu.capaian_kuota_persen)


def test_cakupan_kota_adds_up_the_kecamatan(small_con):
    city = figures.cakupan_kota(small_con, MARCH)
    # The small fixture has no semesta: cakupan semesta is empty, never the quota figure.
    assert city == {
        "peserta_aktif": 4,
        "sasaran": 17,
        "capaian_kuota_persen": 23.53,
        "semesta": None,
        "cakupan_semesta_persen": None,
    }


def test_cakupan_other_month_and_ended_registrasi(small_con):
    # 31 Jan 2026: A3 still active (tgl_akhir = D is inclusive), A2 not yet started.
    df = figures.cakupan_kecamatan(small_con, AsOf.from_text("2026-01"))
    assert row_where(df, "kode_kecamatan", "32.75.01").peserta_aktif == 1  # A3 (A4's NIK counts in Bekasi Barat)
    assert row_where(df, "kode_kecamatan", "32.75.08").peserta_aktif == 1  # A1 only


def test_cakupan_with_filter(small_con):
    df = figures.cakupan_kecamatan(small_con, MARCH, Filter.parse(kecamatan="Kec. Bekasi Barat"))
    assert list(df.kode_kecamatan) == ["32.75.02"]
    seg = figures.cakupan_kecamatan(small_con, MARCH, Filter.parse(segmen="umkm"))
    bb = row_where(seg, "kode_kecamatan", "32.75.02")
    # Only NIK6 is UMKM at D (A7 starts in April); the UMKM target in Bekasi Barat is 3.
    assert (bb.sasaran, bb.peserta_aktif, bb.capaian_kuota_persen) == (3, 1, 33.33)


def test_cakupan_kelurahan_and_segmen(small_con):
    kel = figures.cakupan_kelurahan(small_con, MARCH, Filter("32.75.08"))
    assert row_where(kel, "nama_kelurahan", "Jatibening").peserta_aktif == 1
    # A2 has no kelurahan: shown on a row of its own, not lost.
    assert int(kel[kel.kode_kelurahan.isna()].peserta_aktif.sum()) == 1
    seg = figures.cakupan_segmen(small_con, MARCH)
    assert dict(zip(seg.segmen, seg.peserta_aktif)) == {"PKL": 2, "RT_RW": 1, "UMKM": 1}


def test_anggaran_bulanan(small_con):
    df = figures.anggaran_bulanan(small_con, MARCH)
    assert list(df.bulan) == ["2026-01", "2026-02", "2026-03"]
    # Pagu: MURNI R1 1.000.000 + R2 500.000 until PERUBAHAN R1 1.200.000 on 15 March.
    assert list(df.pagu) == [1_500_000, 1_500_000, 1_700_000]
    # SP2D: S1 100.000 (Jan), S2 200.000 (Feb; its repeat is not counted), S3 50.000 (Mar);
    # S0 is December 2025, another year.
    assert list(df.realisasi_bulan) == [100_000, 200_000, 50_000]
    assert list(df.realisasi_kumulatif) == [100_000, 300_000, 350_000]
    # 100.000/1.500.000 = 6,666..% ; 350.000/1.700.000 = 20,588..%
    assert list(df.serapan_persen) == [6.67, 20.00, 20.59]


def test_klaim_paid(small_con):
    df = figures.klaim_program(small_con, MARCH)
    # JKK: K1 1.500.000 and K5 800.000 (applied 2025, paid Jan 2026); K4 paid 2 April: not yet.
    # JKM: K2 42.000.000.
    assert df.to_dict("records") == [
        {"program": "JKK", "jumlah_klaim": 2, "nominal_dibayar": 2_300_000},
        {"program": "JKM", "jumlah_klaim": 1, "nominal_dibayar": 42_000_000},
    ]
    # A kecamatan with no claims still lists JKK and JKM with zeros.
    empty = figures.klaim_program(small_con, MARCH, Filter("32.75.12"))
    assert empty.jumlah_klaim.tolist() == [0, 0] and empty.nominal_dibayar.tolist() == [0, 0]


def test_rekonsiliasi_iuran(small_con):
    df = figures.rekonsiliasi_iuran(small_con, MARCH)
    # Jan: A1 A3 A4 A5 A6 overlap (5); billed 6 rows incl. X9. Feb: A1 A2 A4 A5 A6; billed 5.
    # Mar: same 5; billed 5 (A7 billed though not covered; A4 not billed).
    assert df.registrasi_tertagih.tolist() == [5, 5, 5]
    assert df.iuran_seharusnya.tolist() == [84_000, 84_000, 84_000]
    assert df.iuran_ditagih.tolist() == [100_800, 84_000, 84_000]
    assert df.selisih.tolist() == [16_800, 0, 0]
    # Paid by SP2D for each month's invoice (periode_tagihan): S2 for Jan, S3 for Feb.
    assert df.iuran_dibayar.tolist() == [200_000, 50_000, 0]


def test_temuan_eleven_codes(small_con):
    df = figures.temuan(small_con, MARCH)
    result = {r.kode_temuan: (r.jumlah, r.nominal) for r in df.itertuples()}
    assert list(result) == list(figures.TEMUAN_CODES)
    assert result == {
        "NIK_TIDAK_VALID": (1, 0),  # A6's 15-digit NIK
        # A7's 3216... NIK: A7 starts 1 April, after D, so not (yet) a finding of March (issue 13:
        # every finding counts what had happened by D in the as-of year).
        "NIK_LUAR_KOTA": (0, 0),
        "NIK_GANDA_AKTIF": (1, 0),  # A4 + A5 both active at D
        "IURAN_LUAR_MASA": (2, 33_600),  # A3 billed Feb after 31 Jan end; A7 billed Mar before April start
        "IURAN_TANPA_PESERTA": (1, 16_800),  # X9
        "IURAN_GANDA": (1, 16_800),  # Jan: NIK4 billed as A4 and A5; A5 (later start) stays
        "KLAIM_TANPA_PESERTA": (1, 0),  # K3, rejected so nothing paid
        "KLAIM_LUAR_MASA": (1, 42_000_000),  # K2: A3's death on 10 Feb, after cover ended
        "KLAIM_DITOLAK_TUNGGAKAN": (0, 0),  # no lapse: no three unpaid invoices in a row
        "SP2D_GANDA": (1, 200_000),  # S2 listed again on 11 Feb (another date: not an identical copy)
        "BARIS_DITOLAK": (2, 0),  # B1 and B2
    }


def test_ringkasan_from_the_same_figures(small_con):
    r = figures.ringkasan(small_con, MARCH)
    assert r["peserta_aktif"] == 4 and r["capaian_kuota_persen"] == 23.53
    assert r["pagu"] == 1_700_000 and r["realisasi_kumulatif"] == 350_000 and r["serapan_persen"] == 20.59
    assert r["klaim_dibayar_jumlah"] == 3 and r["klaim_dibayar_nominal"] == 44_300_000
    # Perlu klarifikasi, two amounts never added together: APBD = billing findings + SP2D
    # (33.600 + 16.800 + 16.800 + 200.000); BPJS benefits = claim findings (42.000.000).
    assert (r["apbd_klarifikasi"], r["manfaat_klarifikasi"], r["apbd_klarifikasi_kota"]) == (267_200, 42_000_000, 0)
    # With a kecamatan filter the city-wide SP2D_GANDA is kept apart, never added to the kecamatan:
    # Bekasi Timur has A3's February bill after its end and A4's double January bill.
    bt = figures.ringkasan(small_con, MARCH, Filter("32.75.01"))
    assert (bt["apbd_klarifikasi"], bt["apbd_klarifikasi_kota"]) == (33_600, 200_000)


def test_tren_peserta(small_con):
    df = figures.tren_peserta(small_con, MARCH).set_index("bulan")
    # January: A5 and A6 start, A3 ends; 31 Jan: A1 A3 A4 A5 A6 active (A3 ends that day).
    assert tuple(df.loc["2026-01", ["registrasi_aktif", "baru", "keluar"]]) == (5, 2, 1)
    assert tuple(df.loc["2026-02", ["registrasi_aktif", "baru", "keluar"]]) == (5, 1, 0)


def test_latest_month_follows_billing(small_con):
    # A7 starts in April, but the latest billed/paid month is March.
    assert str(figures.latest_month(small_con)) == "2026-03"


@pytest.mark.parametrize("text", ["2026-13", "26-01", "", "2026-1", "2026-01; DROP TABLE reg", None])
def test_invalid_month(text):
    with pytest.raises(figures.InputError):
        AsOf.from_text(text)


def test_unknown_kecamatan():
    with pytest.raises(figures.InputError):
        Filter.parse(kecamatan="Cikarang Barat")
    assert Filter.parse(kecamatan="327508").kecamatan == "32.75.08"


def test_tarif_is_configurable(small_con, monkeypatch):
    monkeypatch.setenv("UCJ_TARIF", "20000")
    df = figures.rekonsiliasi_iuran(small_con, MARCH)
    assert df.iuran_seharusnya.tolist() == [100_000, 100_000, 100_000]


def test_klaim_kecamatan_adds_up_to_klaim_program(small_con):
    kk = figures.klaim_kecamatan(small_con, MARCH)
    assert len(kk) == 12  # the fixture's paid claims all have a known registration
    assert kk["nominal_dibayar"].sum() == figures.klaim_program(small_con, MARCH)["nominal_dibayar"].sum()


def test_temuan_rincian_matches_the_counts(small_con):
    tm = figures.temuan(small_con, MARCH).set_index("kode_temuan")
    for code in ["IURAN_LUAR_MASA", "IURAN_TANPA_PESERTA", "IURAN_GANDA", "KLAIM_LUAR_MASA", "SP2D_GANDA"]:
        details = figures.temuan_rincian(small_con, MARCH, code)
        assert len(details) == tm.loc[code, "jumlah"], code
        assert details["nominal"].sum() == tm.loc[code, "nominal"], code
    # SP2D are city-wide: a kecamatan filter neither hides their rows nor their count.
    s = Filter("32.75.12")
    assert (
        len(figures.temuan_rincian(small_con, MARCH, "SP2D_GANDA", s))
        == figures.temuan(small_con, MARCH, s).set_index("kode_temuan").loc["SP2D_GANDA", "jumlah"]
        == 1
    )
    # Masked: no full KPJ number in the rows.
    assert not set(figures.temuan_rincian(small_con, MARCH, "IURAN_GANDA")["rujukan"]) & {"A4", "A5"}


def test_klaim_luar_masa_only_what_is_paid_by_d(small_con):
    # K2 (paid 20 March) counts at March; at February it was applied but not yet paid: Rp 0.
    feb = figures.temuan(small_con, AsOf.from_text("2026-02")).set_index("kode_temuan")
    assert (feb.loc["KLAIM_LUAR_MASA", "jumlah"], feb.loc["KLAIM_LUAR_MASA", "nominal"]) == (1, 0)
