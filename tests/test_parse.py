"""Cell parsing: every date, money, header and kecamatan variant the contract promises."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given, strategies as st

from ucj_oversight import contract, parse, wilayah


@pytest.mark.parametrize("teks, harapan", [
    ("2026-01-31", dt.date(2026, 1, 31)),
    ("2026-01-31 00:00:00", dt.date(2026, 1, 31)),
    ("2026-01-31T08:15", dt.date(2026, 1, 31)),
    ("31/01/2026", dt.date(2026, 1, 31)),
    ("1/2/2026", dt.date(2026, 2, 1)),          # dd/mm: 1 February, not 2 January
    ("31-01-2026", dt.date(2026, 1, 31)),
    ("31.01.2026", dt.date(2026, 1, 31)),
    ("46053", dt.date(2026, 1, 31)),           # Excel serial number
    (dt.date(2026, 1, 31), dt.date(2026, 1, 31)),  # Excel date cell
    (dt.datetime(2026, 1, 31, 0, 0), dt.date(2026, 1, 31)),
    (46053.0, dt.date(2026, 1, 31)),
])
def test_tanggal_diterima(teks, harapan):
    v, salah = parse.tanggal(pd.Series([teks], dtype=object))
    assert not salah.iloc[0]
    assert v.iloc[0].date() == harapan


@pytest.mark.parametrize("teks", ["31/02/2026", "2026-13-01", "kemarin", "12345", "01/31/2026"])
def test_tanggal_ditolak(teks):
    v, salah = parse.tanggal(pd.Series([teks], dtype=object))
    assert salah.iloc[0] and pd.isna(v.iloc[0])


def test_tanggal_campur_dalam_satu_kolom():
    s = pd.Series(["2026-01-31", "28/02/2026", dt.date(2026, 3, 31), "", None], dtype=object)
    v, salah = parse.tanggal(s)
    assert [x.date() if pd.notna(x) else None for x in v] == [
        dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31), None, None]
    assert not salah.any()   # empty is missing, not wrong


@pytest.mark.parametrize("teks, harapan", [
    ("Rp 16.800", 16800), ("Rp16.800", 16800), ("rp. 16.800", 16800), ("16.800", 16800),
    ("16800", 16800), ("16800,00", 16800), ("16.800,50", 16800.5), ("1.234.567,89", 1234567.89),
    ("16800.00", 16800), (16800, 16800), (16800.0, 16800), ("Rp 42.000.000", 42_000_000),
    ("  16 800 ", 16800), ("16\u00a0800", 16800),
])
def test_uang_diterima(teks, harapan):
    v, salah = parse.uang(pd.Series([teks], dtype=object))
    assert not salah.iloc[0] and v.iloc[0] == harapan


@pytest.mark.parametrize("teks", ["enam belas ribu", "16,800,000", "1.23.4", "Rp", "--"])
def test_uang_ditolak(teks):
    v, salah = parse.uang(pd.Series([teks], dtype=object))
    assert salah.iloc[0] and pd.isna(v.iloc[0])


@given(st.integers(min_value=0, max_value=10**13))
def test_uang_membaca_format_id_buatan_babel(n):
    # What an id-ID spreadsheet or report prints must read back as the same number.
    teks = [format_decimal(n, locale="id_ID"), format_currency(n, "IDR", locale="id_ID")]
    v, salah = parse.uang(pd.Series(teks, dtype=object))
    assert not salah.any(), teks
    assert v.tolist() == [n, n]


@pytest.mark.parametrize("teks, harapan", [
    ("2026-01", dt.date(2026, 1, 1)), ("202601", dt.date(2026, 1, 1)), ("01/2026", dt.date(2026, 1, 1)),
    ("2026-01-15", dt.date(2026, 1, 1)), (dt.date(2026, 1, 15), dt.date(2026, 1, 1)),
])
def test_periode(teks, harapan):
    v, salah = parse.periode(pd.Series([teks], dtype=object))
    assert not salah.iloc[0] and v.iloc[0].date() == harapan


@pytest.mark.parametrize("header", ["No. KPJ", "NO_KPJ", "no kpj", " No.KPJ ", "\ufeffno_kpj", "NO-KPJ"])
def test_header_variasi(header):
    assert contract.peta_header(contract.JENIS["peserta"])[contract.normalisasi_header(header)] == "no_kpj"


@pytest.mark.parametrize("teks", ["Pondok Gede", "PONDOKGEDE", "Kec. Pondokgede", "kecamatan pondok-gede",
                                  "Kec Pondok Gede", "32.75.08", "327508", " pondokgede "])
def test_kecamatan_variasi(teks):
    assert wilayah.cari_kecamatan(teks) == "32.75.08"


@pytest.mark.parametrize("teks", ["Cikarang Barat", "Tambun Selatan", "32.16.01", "3216", "Pondok"])
def test_kecamatan_luar_kota(teks):
    assert wilayah.cari_kecamatan(teks) is None


def test_wilayah_lengkap():
    assert len(wilayah.daftar_kecamatan()) == 12
    assert len(wilayah.daftar_kelurahan()) == 56
    assert wilayah.cari_kecamatan("Medan Satria") == "32.75.06"
    assert wilayah.cari_kecamatan("Bantar Gebang") == "32.75.07"


def test_pilihan_dan_nik():
    v, salah = parse.pilihan(pd.Series(["aktif", "Non Aktif", "MENINGGAL", "hilang"]), contract.STATUS_PESERTA)
    assert v.tolist()[:3] == ["AKTIF", "NONAKTIF", "MENINGGAL"] and salah.tolist() == [False, False, False, True]
    # An NIK typed as a number in Excel arrives as a float; it must keep all 16 digits.
    assert parse.nik_bersih(pd.Series([3275012345678901.0, "3275 0123 4567 8901"], dtype=object)).tolist() == [
        "3275012345678901", "3275012345678901"]
