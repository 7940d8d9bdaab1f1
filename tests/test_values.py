"""Cell parsing: every date, money, header and kecamatan variant the contract promises."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from ucj_oversight import regions
from ucj_oversight.ingest import contract, values


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-01-31", dt.date(2026, 1, 31)),
        ("2026-01-31 00:00:00", dt.date(2026, 1, 31)),
        ("2026-01-31T08:15", dt.date(2026, 1, 31)),
        ("31/01/2026", dt.date(2026, 1, 31)),
        ("1/2/2026", dt.date(2026, 2, 1)),  # dd/mm: 1 February, not 2 January
        ("31-01-2026", dt.date(2026, 1, 31)),
        ("31.01.2026", dt.date(2026, 1, 31)),
        ("46053", dt.date(2026, 1, 31)),  # Excel serial number
        (dt.date(2026, 1, 31), dt.date(2026, 1, 31)),  # Excel date cell
        (dt.datetime(2026, 1, 31, 0, 0), dt.date(2026, 1, 31)),
        (46053.0, dt.date(2026, 1, 31)),
    ],
)
def test_dates_accepted(text, expected):
    v, invalid = values.parse_date(pd.Series([text], dtype=object))
    assert not invalid.iloc[0]
    assert v.iloc[0].date() == expected


@pytest.mark.parametrize("text", ["31/02/2026", "2026-13-01", "kemarin", "12345", "01/31/2026"])
def test_dates_refused(text):
    v, invalid = values.parse_date(pd.Series([text], dtype=object))
    assert invalid.iloc[0] and pd.isna(v.iloc[0])


def test_mixed_dates_in_one_column():
    s = pd.Series(["2026-01-31", "28/02/2026", dt.date(2026, 3, 31), "", None], dtype=object)
    v, invalid = values.parse_date(s)
    assert [x.date() if pd.notna(x) else None for x in v] == [
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
        None,
        None,
    ]
    assert not invalid.any()  # empty is missing, not wrong


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rp 16.800", 16800),
        ("Rp16.800", 16800),
        ("rp. 16.800", 16800),
        ("16.800", 16800),
        ("16800", 16800),
        ("16800,00", 16800),
        ("16.800,50", 16800.5),
        ("1.234.567,89", 1234567.89),
        ("16800.00", 16800),
        (16800, 16800),
        (16800.0, 16800),
        ("Rp 42.000.000", 42_000_000),
        ("  16 800 ", 16800),
        ("16\u00a0800", 16800),
    ],
)
def test_money_accepted(text, expected):
    v, invalid = values.parse_money(pd.Series([text], dtype=object))
    assert not invalid.iloc[0] and v.iloc[0] == expected


@pytest.mark.parametrize("text", ["enam belas ribu", "16,800,000", "1.23.4", "Rp", "--"])
def test_money_refused(text):
    v, invalid = values.parse_money(pd.Series([text], dtype=object))
    assert invalid.iloc[0] and pd.isna(v.iloc[0])


@given(st.integers(min_value=0, max_value=10**13))
def test_money_reads_babel_id_formats(n):
    # What an id-ID spreadsheet or report prints must read back as the same number.
    text = [format_decimal(n, locale="id_ID"), format_currency(n, "IDR", locale="id_ID")]
    v, invalid = values.parse_money(pd.Series(text, dtype=object))
    assert not invalid.any(), text
    assert v.tolist() == [n, n]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-01", dt.date(2026, 1, 1)),
        ("202601", dt.date(2026, 1, 1)),
        ("01/2026", dt.date(2026, 1, 1)),
        ("2026-01-15", dt.date(2026, 1, 1)),
        (dt.date(2026, 1, 15), dt.date(2026, 1, 1)),
    ],
)
def test_periode_accepted(text, expected):
    v, invalid = values.parse_period(pd.Series([text], dtype=object))
    assert not invalid.iloc[0] and v.iloc[0].date() == expected


@pytest.mark.parametrize("header", ["No. KPJ", "NO_KPJ", "no kpj", " No.KPJ ", "\ufeffno_kpj", "NO-KPJ"])
def test_header_variants(header):
    assert contract.header_map(contract.KINDS["peserta"])[contract.normalize_header(header)] == "no_kpj"


@pytest.mark.parametrize(
    "text",
    [
        "Pondok Gede",
        "PONDOKGEDE",
        "Kec. Pondokgede",
        "kecamatan pondok-gede",
        "Kec Pondok Gede",
        "32.75.08",
        "327508",
        " pondokgede ",
    ],
)
def test_kecamatan_variants(text):
    assert regions.find_kecamatan(text) == "32.75.08"


@pytest.mark.parametrize("text", ["Cikarang Barat", "Tambun Selatan", "32.16.01", "3216", "Pondok"])
def test_kecamatan_outside_the_city(text):
    assert regions.find_kecamatan(text) is None


def test_regions_are_complete():
    assert len(regions.list_kecamatan()) == 12
    assert len(regions.list_kelurahan()) == 56
    assert regions.find_kecamatan("Medan Satria") == "32.75.06"
    assert regions.find_kecamatan("Bantar Gebang") == "32.75.07"


def test_choices_and_nik():
    v, invalid = values.parse_choice(pd.Series(["aktif", "Non Aktif", "MENINGGAL", "hilang"]), contract.STATUS_PESERTA)
    assert v.tolist()[:3] == ["AKTIF", "NONAKTIF", "MENINGGAL"] and invalid.tolist() == [False, False, False, True]
    # An NIK typed as a number in Excel arrives as a float; it must keep all 16 digits.
    assert values.clean_nik(pd.Series([3275012345678901.0, "3275 0123 4567 8901"], dtype=object)).tolist() == [
        "3275012345678901",
        "3275012345678901",
    ]


# ---------------------------------------------------------------- distinct values only (per_unique)

_SAMPLE_CELLS = [
    "2026-01",
    "202601",
    "01/2026",
    "2026-1",
    "2026-01-15",
    "2026-01-15 08:00",
    "15/01/2026",
    "31/02/2026",
    "2026-13",
    "46023",
    "46023.0",
    "12345",
    "0",
    "Rp 16.800",
    "rp. 16.800,50",
    "16.800",
    "16800",
    "16800,00",
    "16800.00",
    "-5",
    "1e308",
    "99999999999999999999",
    "1.23.4",
    "",
    " ",
    "  16 800 ",
    "16\u00a0800",
    "aktif",
    " Non Aktif",
    "MENINGGAL",
    "hilang",
    "L",
    "p",
    "Laki-laki",
    "3275 0123 4567 8901",
    "3275.0123.4567.8901",
    "kemarin",
    "\u0663",
    "x\ny",
    "ojek online",
    "OJEK_ONLINE",
]
_PARSERS = [
    ("date", values.parse_date, ()),
    ("periode", values.parse_period, ()),
    ("money", values.parse_money, ()),
    ("integer", values.parse_integer, ()),
    ("code", values.parse_code, ()),
    ("text", values.parse_text, ()),
    ("choice", values.parse_choice, (contract.STATUS_PESERTA,)),
    ("jenis_kelamin", values.parse_choice, (("L", "P"),)),
    ("clean_nik", values.clean_nik, ()),
    ("to_text", values.to_text, ()),
]
_FREE_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)


def _assert_same(function, s, args):
    row_by_row, by_unique = function(s, *args), values.per_unique(function, s, *args)
    if not isinstance(row_by_row, tuple):
        row_by_row, by_unique = (row_by_row,), (by_unique,)
    for a, b in zip(row_by_row, by_unique, strict=True):
        pd.testing.assert_series_equal(a, b)


@settings(max_examples=150, deadline=None)
@given(
    cells=st.lists(st.one_of(st.sampled_from(_SAMPLE_CELLS), _FREE_TEXT, st.none()), max_size=40),
    dtype=st.sampled_from([object, "str"]),
    offset=st.integers(0, 1000),
)
def test_per_unique_equals_row_by_row(cells, dtype, offset):
    """Parsing each distinct text once and spreading it back gives exactly the row-by-row result
    (values, dtypes, missing cells, index), for every parser, on text and string columns."""
    s = pd.Series(cells, dtype=dtype, index=pd.RangeIndex(offset, offset + len(cells)), name="kolom")
    for _, function, args in _PARSERS:
        _assert_same(function, s, args)


@settings(max_examples=100, deadline=None)
@given(
    cells=st.lists(
        st.one_of(
            st.sampled_from(_SAMPLE_CELLS),
            st.none(),
            st.booleans(),
            st.integers(-(10**6), 10**17),
            st.floats(allow_nan=True, allow_infinity=True),
            st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
            st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1)),
        ),
        max_size=30,
    )
)
def test_per_unique_on_mixed_column_equals_row_by_row(cells):
    """Excel columns mix types (1, 1.0 and True are one value to a hash table but read
    differently): per_unique must still give the row-by-row result."""
    s = pd.Series(cells, dtype=object)
    for _, function, args in _PARSERS:
        _assert_same(function, s, args)


def test_per_unique_on_parquet_and_mixed_dates():
    # A Parquet date column arrives as datetime.date objects: parsed per distinct date.
    s = pd.Series([dt.date(2025, 1, 1), None, dt.date(2025, 1, 1), dt.date(1990, 5, 31)] * 3, dtype=object)
    _assert_same(values.parse_date, s, ())
    # A date and a datetime of the same day are different values; both read correctly.
    s = pd.Series([dt.date(2025, 1, 1), dt.datetime(2025, 1, 1, 12, 0), dt.date(2025, 1, 1)], dtype=object)
    _assert_same(values.parse_date, s, ())
    _assert_same(values.to_text, s, ())


def test_per_unique_calls_only_distinct_values():
    calls = []

    def counted_parse(s):
        calls.append(len(s))
        return values.parse_period(s)

    s = pd.Series(["2026-01", "2026-02", None, "x"] * 250_000, dtype="str")
    v, invalid = values.per_unique(counted_parse, s)
    assert calls == [4]  # three texts and the missing cell
    assert len(v) == 1_000_000 and int(invalid.sum()) == 250_000 and int(v.isna().sum()) == 500_000
