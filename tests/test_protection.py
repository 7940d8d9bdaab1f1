"""Premium timeliness, lapses and the findings that go with them (issue 13), against a
hand-worked fixture built here, written as extract files and imported with the real ingest.

The fixture (every invoice row Rp 16.800; every SP2D on budget line R1):

Registrations (all NIK 3275..., 16 digits):
    P1  NIK n1  Bekasi Timur  2025-10-01 ..            AKTIF
    P2  NIK n2  Bekasi Timur  2025-10-01 ..            NONAKTIF, tgl_nonaktif 2026-03-31 (a status
                                                       date, not an end of cover)
    P3  NIK n3  Pondokgede    2025-10-01 .. 2026-01-31 AKTIF (BPJS still says AKTIF after the end)
    P4  NIK n1  Pondokgede    2026-02-01 ..            AKTIF (n1 again: from February n1 counts at
                                                       P4, the later tgl_mulai)
Invoices: Oct 2025 - Jan 2026 P1, P2, P3; Feb - Aug 2026 P1, P2, P4: Rp 50.400 every month.
SP2D (periode_tagihan in brackets) and due dates (15th, next working day):
    S01 2025-10-14  50.400 [2025-10], listed twice identically: one SP2D   due 2025-10-15: 0 days
    S02 2025-11-17  50.400 [2025-11]                due 2025-11-17 (15th a Saturday): 0 days
    S03 2026-02-05  50.400 [2025-12]                due 2025-12-15: 16+31+5 = 52 days, across the year end
    S04 2026-02-20  16.800 [2026-01] a partial payment
    S13 2026-03-02  25.000 [none]    tidak teratribusi
    S05 2026-04-08  33.600 [2026-01] the rest: January paid in full on 8 April
    S06 2026-04-08  50.400 [2026-02]; S07 2026-04-08 50.400 [2026-03] (the arrears, e.g. after APBD-P)
    S07 2026-04-08   5.000 [2026-03] the same number with another amount: SP2D_GANDA, not paid
    S08 2026-04-14 .. S11 2026-07-15: April - July paid on or before the 15th
    S12 2026-08-18  50.400 [2026-08]                due 2026-08-18: the 15th a Saturday, the 17th
                                                    Independence Day: 0 days
Lapse: at the end of March the invoices of January, February and March are all unpaid, so the
registrations billed for all three (P1, P2; not P4, first billed in February) are not protected in
March. At the end of April February is paid: the lapse is over.
Claims: C1 JKM P2, death 2026-03-20, refused ("kepesertaan non-aktif: iuran menunggak");
C2 JKK P1, accident 2026-03-05, refused, same reason; C3 JKK P1, accident 2026-04-10, refused
("dokumen tidak lengkap"); C4 JKK P2, accident 2026-02-10, paid Rp 1.000.000 on 2026-02-28.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import TEST_KEY, write_text_file

from ucj_oversight import figures, ingest
from ucj_oversight.dev.pandas_reference import Reference
from ucj_oversight.figures import AsOf, Filter, due_dates
from ucj_oversight.storage import db, repeats

BT, PG = "32.75.01", "32.75.08"  # Bekasi Timur, Pondokgede

PESERTA = """
no_kpj,nik,tgl_lahir,jenis_kelamin,kecamatan,segmen,tgl_mulai,tgl_akhir,status,tgl_nonaktif
P1,3275010101900001,1990-01-01,L,Bekasi Timur,PKL,2025-10-01,,AKTIF,
P2,3275010101900002,1990-01-01,L,Bekasi Timur,PKL,2025-10-01,,NONAKTIF,2026-03-31
P3,3275080101900003,1990-01-01,L,Pondokgede,RT_RW,2025-10-01,2026-01-31,AKTIF,
P4,3275010101900001,1990-01-01,L,Pondokgede,RT_RW,2026-02-01,,AKTIF,
"""
REALISASI = """
no_sp2d,tgl_sp2d,kode_rekening,nominal,periode_tagihan
S01,2025-10-14,R1,50400,2025-10
S01,2025-10-14,R1,50400,2025-10
S02,2025-11-17,R1,50400,2025-11
S03,2026-02-05,R1,50400,2025-12
S04,2026-02-20,R1,16800,2026-01
S13,2026-03-02,R1,25000,
S05,2026-04-08,R1,33600,2026-01
S06,2026-04-08,R1,50400,2026-02
S07,2026-04-08,R1,50400,2026-03
S07,2026-04-08,R1,5000,2026-03
S08,2026-04-14,R1,50400,2026-04
S09,2026-05-15,R1,50400,2026-05
S10,2026-06-12,R1,50400,2026-06
S11,2026-07-15,R1,50400,2026-07
S12,2026-08-18,R1,50400,2026-08
"""
KLAIM = """
no_klaim,no_kpj,program,tgl_kejadian,tgl_pengajuan,tgl_bayar,nominal_dibayar,status,alasan_tolak
C1,P2,JKM,2026-03-20,2026-03-25,,,DITOLAK,kepesertaan non-aktif: iuran menunggak
C2,P1,JKK,2026-03-05,2026-03-10,,,DITOLAK,kepesertaan non-aktif: iuran menunggak
C3,P1,JKK,2026-04-10,2026-04-12,,,DITOLAK,dokumen tidak lengkap
C4,P2,JKK,2026-02-10,2026-02-12,2026-02-28,1000000,DIBAYAR,
"""


def _iuran() -> str:
    rows = ["periode,no_kpj,nominal"]
    for y, m in [(2025, 10), (2025, 11), (2025, 12), *((2026, k) for k in range(1, 9))]:
        kpj = ("P1", "P2", "P3") if (y, m) < (2026, 2) else ("P1", "P2", "P4")
        rows += [f"{y}-{m:02d},{k},16800" for k in kpj]
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def protection_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lindung")
    data = folder / "ekstrak"
    data.mkdir()
    write_text_file(data / "peserta_uji.csv", PESERTA)
    write_text_file(data / "iuran_uji.csv", _iuran())
    write_text_file(data / "realisasi_uji.csv", REALISASI)
    write_text_file(data / "klaim_uji.csv", KLAIM)
    path = folder / "lindung.duckdb"
    ingest.run_import(path, [data], key=TEST_KEY)
    return path


@pytest.fixture(scope="module")
def con(protection_db):
    c = db.read(protection_db)
    yield c
    c.close()


def m(text: str) -> AsOf:
    return AsOf.from_text(text)


def test_due_dates_move_to_the_next_working_day(monkeypatch):
    for name in ("UCJ_JATUH_TEMPO_HARI", "UCJ_JATUH_TEMPO_GESER_BULAN", "UCJ_LIBUR_TAMBAHAN"):
        monkeypatch.delenv(name, raising=False)
    assert due_dates.due_date_now(dt.date(2026, 1, 1)) == dt.date(2026, 1, 15)  # a Thursday
    assert due_dates.due_date_now(dt.date(2025, 11, 1)) == dt.date(2025, 11, 17)  # Saturday -> Monday
    # 15 August 2026 is a Saturday and Monday the 17th Independence Day (holidays package).
    assert due_dates.due_date_now(dt.date(2026, 8, 1)) == dt.date(2026, 8, 18)
    monkeypatch.setenv("UCJ_LIBUR_TAMBAHAN", "2026-08-18, bukan-tanggal")  # an extra day off
    assert due_dates.due_date_now(dt.date(2026, 8, 1)) == dt.date(2026, 8, 19)
    monkeypatch.setenv("UCJ_JATUH_TEMPO_GESER_BULAN", "1")  # the 15th of the following month
    monkeypatch.setenv("UCJ_JATUH_TEMPO_HARI", "10")
    assert due_dates.due_date_now(dt.date(2025, 12, 1)) == dt.date(2026, 1, 12)  # 10 Jan is a Saturday


def test_tgl_nonaktif_is_a_status_date_not_an_end_of_cover(con):
    assert con.execute("SELECT tgl_akhir, tgl_nonaktif FROM reg WHERE no_kpj = 'P2'").fetchone() == (
        None,
        dt.date(2026, 3, 31),
    )
    # So the April invoice of P2 (paid as catch-up) is no IURAN_LUAR_MASA.
    tm = figures.temuan(con, m("2026-08")).set_index("kode_temuan")
    assert tm.loc["IURAN_LUAR_MASA", "jumlah"] == 0


def test_ketepatan_bayar_partial_payment_and_arrears(con):
    df = figures.ketepatan_bayar(con, m("2026-03"))
    assert list(df["bulan"]) == ["2026-01", "2026-02", "2026-03"]
    jan, feb, mar = (r for _, r in df.iterrows())
    # January: Rp 16.800 of 50.400 paid by 31 March (S04): not paid in full, 16+28+31 = 75 days
    # past its due date of 15 January.
    assert (jan.ditagih, jan.dibayar, jan.jatuh_tempo, jan.tunggakan) == (50_400, 16_800, "2026-01-15", 33_600)
    assert pd.isna(jan.tgl_lunas) and jan.hari_terlambat == 75
    # February due Monday 16 February (15th a Sunday): 12 + 31 = 43 days; March due 16 March: 15.
    assert (feb.jatuh_tempo, feb.hari_terlambat, feb.tunggakan) == ("2026-02-16", 43, 50_400)
    assert (mar.jatuh_tempo, mar.hari_terlambat, mar.tunggakan) == ("2026-03-16", 15, 50_400)


def test_ketepatan_bayar_after_the_arrears_are_paid(con):
    df = figures.ketepatan_bayar(con, m("2026-08")).set_index("bulan")
    # January paid in full by S05 on 8 April: 16 + 28 + 31 + 8 = 83 days late; February 51 days,
    # March 23 days; S07's repeat (Rp 5.000) is not a payment.
    assert df.loc["2026-01", ["tgl_lunas", "hari_terlambat", "tunggakan"]].tolist() == ["2026-04-08", 83, 0]
    assert df.loc["2026-02", "hari_terlambat"] == 51 and df.loc["2026-03", "hari_terlambat"] == 23
    assert df.loc["2026-03", "dibayar"] == 50_400
    # August: due 18 August (weekend, then Independence Day), paid that day: not late.
    assert df.loc["2026-08", ["jatuh_tempo", "tgl_lunas", "hari_terlambat"]].tolist() == ["2026-08-18"] * 2 + [0]
    assert (df.loc["2026-04":"2026-07", "hari_terlambat"] == 0).all()


def test_late_payment_across_the_year_end(con):
    dec = figures.ketepatan_bayar(con, m("2025-12")).set_index("bulan")
    # 2025: January - September had no invoice (nothing due); October paid the day before its due
    # date, November on its (moved) due date; December unpaid at 31 December: 16 days late.
    assert dec.loc["2025-01":"2025-09", "hari_terlambat"].isna().all()
    assert (dec.loc["2025-01":"2025-09", "ditagih"] == 0).all()
    assert dec.loc["2025-10", ["dibayar", "hari_terlambat", "tunggakan"]].tolist() == [50_400, 0, 0]  # S01 once
    assert dec.loc["2025-11", "hari_terlambat"] == 0
    assert dec.loc["2025-12", ["tgl_lunas", "hari_terlambat", "tunggakan"]].fillna("").tolist() == ["", 16, 50_400]
    # At 31 January 2026 December is still owed (paid 5 February), and January too.
    assert figures.bulan_menunggak(con, m("2026-01")) == {
        "bulan_menunggak": 2,
        "terlama_hari": 16 + 31,  # December, due 15 December 2025
        "tunggakan": 100_800.0,
        "sp2d_tidak_teratribusi": 0.0,
    }
    # The SP2D of 5 February pays December 2025, not a month of 2026.
    assert figures.ketepatan_bayar(con, m("2026-02")).set_index("bulan").loc["2026-02", "dibayar"] == 0


def test_bulan_menunggak(con):
    assert figures.bulan_menunggak(con, m("2026-03")) == {
        "bulan_menunggak": 3,
        "terlama_hari": 75,  # January, due 15 January
        "tunggakan": 33_600.0 + 50_400 + 50_400,
        "sp2d_tidak_teratribusi": 25_000.0,  # S13 names no billing month: shown, not guessed
    }
    assert figures.bulan_menunggak(con, m("2026-04"))["bulan_menunggak"] == 0


def test_a_lapse_that_ends_when_the_arrears_are_paid(con):
    march = figures.perlindungan_kecamatan(con, m("2026-03")).set_index("kode_kecamatan")
    # Active at 31 March: n2 at P2 (Bekasi Timur); n1 at P4 (Pondokgede: later tgl_mulai). P1 and
    # P2 are in the lapse, but n1 counts at P4, first billed in February: only n2 is unprotected.
    assert march.loc[BT, ["peserta_aktif", "tidak_terlindungi", "registrasi_bulan_tanpa_lindung"]].tolist() == [
        1,
        1,
        2,  # P1 and P2 in March
    ]
    assert march.loc[PG, ["peserta_aktif", "tidak_terlindungi"]].tolist() == [1, 0]
    assert march["tidak_terlindungi"].sum() == 1
    february = figures.perlindungan_kecamatan(con, m("2026-02"))
    assert february["tidak_terlindungi"].sum() == 0  # December was paid on 5 February
    april = figures.perlindungan_kecamatan(con, m("2026-04")).set_index("kode_kecamatan")
    assert april["tidak_terlindungi"].sum() == 0  # February and March paid on 8 April
    assert april.loc[BT, "registrasi_bulan_tanpa_lindung"] == 2  # March, year to date
    segment = figures.perlindungan_kecamatan(con, m("2026-03"), Filter(segmen="RT_RW"))
    assert segment["tidak_terlindungi"].sum() == 0 and segment["registrasi_bulan_tanpa_lindung"].sum() == 0


def test_refused_claims_in_a_lapse_month(con):
    tm = figures.temuan(con, m("2026-04")).set_index("kode_temuan")
    # C1 (JKM, death 20 March) and C2 (JKK, accident 5 March) fell in the lapse; C3 (10 April) did
    # not. Nominal: the JKM benefit that was lost, Rp 42.000.000; a JKK claim adds nothing.
    assert tm.loc["KLAIM_DITOLAK_TUNGGAKAN", ["jumlah", "nominal"]].tolist() == [2, 42_000_000]
    rows = figures.temuan_rincian(con, m("2026-04"), "KLAIM_DITOLAK_TUNGGAKAN")
    assert sorted(rows["nominal"]) == [0, 42_000_000] and len(rows) == 2
    reasons = figures.klaim_ditolak(con, m("2026-04"))
    assert reasons.values.tolist() == [
        ["kepesertaan non-aktif: iuran menunggak", 2, 2],
        ["dokumen tidak lengkap", 1, 0],
    ]
    # Filed in 2026: not a finding of 2025; in Bekasi Timur (P1, P2) both, in Pondokgede none.
    assert figures.temuan(con, m("2025-12")).set_index("kode_temuan").loc["KLAIM_DITOLAK_TUNGGAKAN", "jumlah"] == 0
    assert (
        figures.temuan(con, m("2026-04"), Filter(PG)).set_index("kode_temuan").loc["KLAIM_DITOLAK_TUNGGAKAN", "jumlah"]
        == 0
    )


def test_identical_and_non_identical_sp2d_repeats(con, protection_db):
    # S01 listed twice identically: one SP2D (counted once, no finding), named for the import report.
    assert con.execute("SELECT no_sp2d, baris, asli_baris FROM sp2d_kembar").fetchall() == [("S01", 3, 2)]
    impor_id = con.execute("SELECT impor_id FROM impor WHERE jenis = 'realisasi'").fetchone()[0]
    with db.read(protection_db) as c:
        assert repeats.sp2d_identical_copies(c, impor_id) == [(3, "S01", impor_id, 2)]
    # S07 again with another amount: SP2D_GANDA, counted in the year and by the date of the repeat.
    assert figures.temuan(con, m("2025-12")).set_index("kode_temuan").loc["SP2D_GANDA", "jumlah"] == 0
    assert figures.temuan(con, m("2026-03")).set_index("kode_temuan").loc["SP2D_GANDA", "jumlah"] == 0
    april = figures.temuan(con, m("2026-04")).set_index("kode_temuan")
    assert april.loc["SP2D_GANDA", ["jumlah", "nominal"]].tolist() == [1, 5_000]
    # City-wide: with a kecamatan filter the row stays and says so.
    filtered = figures.temuan(con, m("2026-04"), Filter(BT)).set_index("kode_temuan")
    assert filtered.loc["SP2D_GANDA", ["jumlah", "seluruh_kota"]].tolist() == [1, True]
    assert not april["seluruh_kota"].any()


def test_perlu_klarifikasi_is_two_amounts(con):
    r = figures.ringkasan(con, m("2026-04"))
    # APBD: IURAN_GANDA (n1 billed as P1 and P4 in February, March and April: 3 x 16.800) and
    # SP2D_GANDA Rp 5.000. BPJS benefits: KLAIM_DITOLAK_TUNGGAKAN Rp 42.000.000. Never added.
    assert (r["apbd_klarifikasi"], r["manfaat_klarifikasi"], r["apbd_klarifikasi_kota"]) == (55_400, 42_000_000, 0)
    assert "rp_berisiko" not in r
    bt = figures.ringkasan(con, m("2026-04"), Filter(BT))
    # Bekasi Timur: P1's double billing (50.400); the SP2D repeat is city-wide, kept apart.
    assert (bt["apbd_klarifikasi"], bt["apbd_klarifikasi_kota"]) == (50_400, 5_000)


def test_status_against_the_dates(con):
    march = figures.status_peserta(con, m("2026-03"))
    # P2: NONAKTIF while the dates say active (explained by the March lapse); P3: AKTIF after its
    # tgl_akhir of 31 January.
    assert march.values.tolist() == [
        ["NONAKTIF_TANGGAL_AKTIF", 1, 1],
        ["MENINGGAL_TANGGAL_AKTIF", 0, 0],
        ["AKTIF_TANGGAL_BERAKHIR", 1, 0],
    ]
    rows = figures.status_peserta_rincian(con, m("2026-03"))
    assert rows["selisih"].tolist() == ["AKTIF_TANGGAL_BERAKHIR", "NONAKTIF_TANGGAL_AKTIF"]
    assert rows["tgl_nonaktif"].fillna("").tolist() == ["", "2026-03-31"]
    assert not rows["rujukan"].isin(["P2", "P3"]).any()  # masked
    assert figures.status_peserta(con, m("2026-01"))["jumlah"].tolist() == [1, 0, 0]  # P3 still in cover


def test_pandas_reference_agrees(con):
    reference = Reference.from_con(con)
    from ucj_oversight.dev import bench

    for month in ("2025-12", "2026-01", "2026-03", "2026-04", "2026-08"):
        a = m(month)
        for name in ("ketepatan_bayar", "bulan_menunggak"):
            assert bench.differences(getattr(figures, name)(con, a), getattr(reference, name)(a), name) == []
        for f in (None, Filter(BT), Filter(segmen="RT_RW")):
            for name in ("perlindungan_kecamatan", "klaim_ditolak", "status_peserta", "temuan", "ringkasan"):
                got, want = getattr(figures, name)(con, a, f), getattr(reference, name)(a, f)
                assert bench.differences(got, want, name) == [], (month, f, name)


def test_baris_ditolak_counts_the_imports_in_force(tmp_path):
    # An older peserta extract with a rejected row, fully replaced by a newer one: not in force.
    # A klaim extract with a rejected row: in force. So BARIS_DITOLAK = 1.
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    header = "no_kpj,nik,tgl_lahir,jenis_kelamin,kecamatan,segmen,tgl_mulai,tgl_akhir,status\n"
    p1 = "P1,3275010101900001,,L,Bekasi Timur,,2026-01-01,,\n"
    write_text_file(first / "peserta_1.csv", header + p1 + "P9,3275010101900009,,L,Cikarang Barat,,2026-01-01,,\n")
    write_text_file(second / "peserta_2.csv", header + p1)
    write_text_file(
        second / "klaim_1.csv",
        "no_klaim,no_kpj,program,tgl_kejadian,tgl_pengajuan,tgl_bayar,nominal_dibayar,status\n"
        "K1,P1,JKK,2026-01-05,2026-01-06,,,PROSES\nK2,P1,XYZ,2026-01-05,2026-01-06,,,PROSES\n",
    )
    path = tmp_path / "t.duckdb"
    ingest.run_import(path, [first], key=TEST_KEY)
    ingest.run_import(path, [second], key=TEST_KEY)
    with db.read(path) as c:
        assert c.execute("SELECT count(*) FROM karantina").fetchone()[0] == 2
        assert figures.temuan(c, m("2026-01")).set_index("kode_temuan").loc["BARIS_DITOLAK", "jumlah"] == 1
        assert len(figures.temuan_rincian(c, m("2026-01"), "BARIS_DITOLAK")) == 1


def test_public_export_hides_small_counts_of_unprotected_people(con, tmp_path):
    from ucj_oversight.publish import public

    data, mask = public.public_tables(con, m("2026-03"))["perlindungan_kecamatan"]
    bt = data.index[data["kode_kecamatan"] == BT][0]
    # Bekasi Timur: 1 active person, 1 unprotected: both '<5', written empty with the flag.
    assert mask.loc[bt, "tidak_terlindungi"] and mask.loc[bt, "peserta_aktif"]
    public.export_public(con, m("2026-03"), tmp_path)
    rows = (tmp_path / "perlindungan_kecamatan.csv").read_text("utf-8").splitlines()
    assert rows[0].endswith("peserta_aktif_disamarkan,tidak_terlindungi_disamarkan")
    assert rows[1].startswith("32.75.01,Bekasi Timur,,,")
    # ketepatan_bayar is about money, city-wide: nothing to hide.
    assert (tmp_path / "ketepatan_bayar.csv").read_text("utf-8").splitlines()[1].startswith("2026-01,50400,16800,")
