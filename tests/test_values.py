"""Cell parsing: every date, money, header and kecamatan variant the contract promises."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given, settings, strategies as st

from ucj_oversight.ingest import contract, values
from ucj_oversight import regions


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
    v, salah = values.parse_date(pd.Series([teks], dtype=object))
    assert not salah.iloc[0]
    assert v.iloc[0].date() == harapan


@pytest.mark.parametrize("teks", ["31/02/2026", "2026-13-01", "kemarin", "12345", "01/31/2026"])
def test_tanggal_ditolak(teks):
    v, salah = values.parse_date(pd.Series([teks], dtype=object))
    assert salah.iloc[0] and pd.isna(v.iloc[0])


def test_tanggal_campur_dalam_satu_kolom():
    s = pd.Series(["2026-01-31", "28/02/2026", dt.date(2026, 3, 31), "", None], dtype=object)
    v, salah = values.parse_date(s)
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
    v, salah = values.parse_money(pd.Series([teks], dtype=object))
    assert not salah.iloc[0] and v.iloc[0] == harapan


@pytest.mark.parametrize("teks", ["enam belas ribu", "16,800,000", "1.23.4", "Rp", "--"])
def test_uang_ditolak(teks):
    v, salah = values.parse_money(pd.Series([teks], dtype=object))
    assert salah.iloc[0] and pd.isna(v.iloc[0])


@given(st.integers(min_value=0, max_value=10**13))
def test_uang_membaca_format_id_buatan_babel(n):
    # What an id-ID spreadsheet or report prints must read back as the same number.
    teks = [format_decimal(n, locale="id_ID"), format_currency(n, "IDR", locale="id_ID")]
    v, salah = values.parse_money(pd.Series(teks, dtype=object))
    assert not salah.any(), teks
    assert v.tolist() == [n, n]


@pytest.mark.parametrize("teks, harapan", [
    ("2026-01", dt.date(2026, 1, 1)), ("202601", dt.date(2026, 1, 1)), ("01/2026", dt.date(2026, 1, 1)),
    ("2026-01-15", dt.date(2026, 1, 1)), (dt.date(2026, 1, 15), dt.date(2026, 1, 1)),
])
def test_periode(teks, harapan):
    v, salah = values.parse_period(pd.Series([teks], dtype=object))
    assert not salah.iloc[0] and v.iloc[0].date() == harapan


@pytest.mark.parametrize("header", ["No. KPJ", "NO_KPJ", "no kpj", " No.KPJ ", "\ufeffno_kpj", "NO-KPJ"])
def test_header_variasi(header):
    assert contract.header_map(contract.KINDS["peserta"])[contract.normalize_header(header)] == "no_kpj"


@pytest.mark.parametrize("teks", ["Pondok Gede", "PONDOKGEDE", "Kec. Pondokgede", "kecamatan pondok-gede",
                                  "Kec Pondok Gede", "32.75.08", "327508", " pondokgede "])
def test_kecamatan_variasi(teks):
    assert regions.find_kecamatan(teks) == "32.75.08"


@pytest.mark.parametrize("teks", ["Cikarang Barat", "Tambun Selatan", "32.16.01", "3216", "Pondok"])
def test_kecamatan_luar_kota(teks):
    assert regions.find_kecamatan(teks) is None


def test_wilayah_lengkap():
    assert len(regions.list_kecamatan()) == 12
    assert len(regions.list_kelurahan()) == 56
    assert regions.find_kecamatan("Medan Satria") == "32.75.06"
    assert regions.find_kecamatan("Bantar Gebang") == "32.75.07"


def test_pilihan_dan_nik():
    v, salah = values.parse_choice(pd.Series(["aktif", "Non Aktif", "MENINGGAL", "hilang"]), contract.STATUS_PESERTA)
    assert v.tolist()[:3] == ["AKTIF", "NONAKTIF", "MENINGGAL"] and salah.tolist() == [False, False, False, True]
    # An NIK typed as a number in Excel arrives as a float; it must keep all 16 digits.
    assert values.clean_nik(pd.Series([3275012345678901.0, "3275 0123 4567 8901"], dtype=object)).tolist() == [
        "3275012345678901", "3275012345678901"]


# ---------------------------------------------------------------- distinct values only (per_unik)

_SEL_CONTOH = ["2026-01", "202601", "01/2026", "2026-1", "2026-01-15", "2026-01-15 08:00", "15/01/2026",
               "31/02/2026", "2026-13", "46023", "46023.0", "12345", "0", "Rp 16.800", "rp. 16.800,50",
               "16.800", "16800", "16800,00", "16800.00", "-5", "1e308", "99999999999999999999", "1.23.4",
               "", " ", "  16 800 ", "16\u00a0800", "aktif", " Non Aktif", "MENINGGAL", "hilang", "L", "p",
               "Laki-laki", "3275 0123 4567 8901", "3275.0123.4567.8901", "kemarin", "\u0663", "x\ny",
               "ojek online", "OJEK_ONLINE"]
_PARSER = [
    ("tanggal", values.parse_date, ()), ("periode", values.parse_period, ()), ("uang", values.parse_money, ()),
    ("bilangan", values.parse_integer, ()), ("kode", values.parse_code, ()), ("teks", values.parse_text, ()),
    ("pilihan", values.parse_choice, (contract.STATUS_PESERTA,)), ("jk", values.parse_choice, (("L", "P"),)),
    ("nik_bersih", values.clean_nik, ()), ("ke_teks", values.to_text, ()),
]
_TEKS_BEBAS = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)


def _sama(fungsi, s, args):
    biasa, unik = fungsi(s, *args), values.per_unique(fungsi, s, *args)
    if not isinstance(biasa, tuple):
        biasa, unik = (biasa,), (unik,)
    for a, b in zip(biasa, unik, strict=True):
        pd.testing.assert_series_equal(a, b)


@settings(max_examples=150, deadline=None)
@given(nilai=st.lists(st.one_of(st.sampled_from(_SEL_CONTOH), _TEKS_BEBAS, st.none()), max_size=40),
       dtype=st.sampled_from([object, "str"]), geser=st.integers(0, 1000))
def test_per_unik_sama_dengan_per_baris(nilai, dtype, geser):
    """Parsing each distinct text once and spreading it back gives exactly the row-by-row result
    (values, dtypes, missing cells, index), for every parser, on text and string columns."""
    s = pd.Series(nilai, dtype=dtype, index=pd.RangeIndex(geser, geser + len(nilai)), name="kolom")
    for _, fungsi, args in _PARSER:
        _sama(fungsi, s, args)


@settings(max_examples=100, deadline=None)
@given(nilai=st.lists(st.one_of(
    st.sampled_from(_SEL_CONTOH), st.none(), st.booleans(), st.integers(-10**6, 10**17),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1))), max_size=30))
def test_per_unik_kolom_campuran_sama(nilai):
    """Excel columns mix types (1, 1.0 and True are one value to a hash table but read
    differently): per_unik must still give the row-by-row result."""
    s = pd.Series(nilai, dtype=object)
    for _, fungsi, args in _PARSER:
        _sama(fungsi, s, args)


def test_per_unik_tanggal_parquet_dan_campuran():
    # A Parquet date column arrives as datetime.date objects: parsed per distinct date.
    s = pd.Series([dt.date(2025, 1, 1), None, dt.date(2025, 1, 1), dt.date(1990, 5, 31)] * 3, dtype=object)
    _sama(values.parse_date, s, ())
    # A date and a datetime of the same day are different values; both read correctly.
    s = pd.Series([dt.date(2025, 1, 1), dt.datetime(2025, 1, 1, 12, 0), dt.date(2025, 1, 1)], dtype=object)
    _sama(values.parse_date, s, ())
    _sama(values.to_text, s, ())


def test_per_unik_hanya_memanggil_nilai_berbeda():
    dipanggil = []

    def hitung(s):
        dipanggil.append(len(s))
        return values.parse_period(s)

    s = pd.Series(["2026-01", "2026-02", None, "x"] * 250_000, dtype="str")
    v, salah = values.per_unique(hitung, s)
    assert dipanggil == [4]                  # three texts and the missing cell
    assert len(v) == 1_000_000 and int(salah.sum()) == 250_000 and int(v.isna().sum()) == 500_000
