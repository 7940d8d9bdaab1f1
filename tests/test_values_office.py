"""Values as offices really write them (issue 12, part 6): month names, accounting amounts,
choices in any case, and NIKs typed as numbers in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from conftest import SMALL_DIR, TEST_KEY, query_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from ucj_oversight import ingest, privacy
from ucj_oversight.ingest import contract, values


def _one(parser, cell, *args):
    v, bad = parser(pd.Series([cell], dtype=object), *args)
    return v.iloc[0], bool(bad.iloc[0])


# ---------------------------------------------------------------- dates

D = dt.date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("5 Januari 2026", D(2026, 1, 5)),
        ("05 Januari 2026", D(2026, 1, 5)),
        ("05 Jan 2026", D(2026, 1, 5)),
        ("05-Jan-2026", D(2026, 1, 5)),
        ("05-JAN-2026", D(2026, 1, 5)),
        ("5-Agu-2026", D(2026, 8, 5)),
        ("5 Agt 2026", D(2026, 8, 5)),
        ("5 Agustus 2026", D(2026, 8, 5)),
        ("5 August 2026", D(2026, 8, 5)),
        ("5 Aug 2026", D(2026, 8, 5)),
        ("5 Mei 2026", D(2026, 5, 5)),
        ("5 May 2026", D(2026, 5, 5)),
        ("5 Okt 2026", D(2026, 10, 5)),
        ("5 Oct 2026", D(2026, 10, 5)),
        ("31 Des 2026", D(2026, 12, 31)),
        ("31 December 2026", D(2026, 12, 31)),
        ("5 Sept 2026", D(2026, 9, 5)),
        ("5 Nopember 2026", D(2026, 11, 5)),
        ("5 Pebruari 2026", D(2026, 2, 5)),
        ("5 jan. 2026", D(2026, 1, 5)),
        ("5/Jan/2026", D(2026, 1, 5)),
        ("Senin, 5 Januari 2026", D(2026, 1, 5)),
        ("Monday, 5 January 2026", D(2026, 1, 5)),
        ("05 Jan 2026 08:30", D(2026, 1, 5)),
        ("  5 januari 2026  ", D(2026, 1, 5)),
        ("05-01-2026", D(2026, 1, 5)),
        ("5/1/2026", D(2026, 1, 5)),
        (" 5/1/2026 ", D(2026, 1, 5)),
        ("29 Februari 2028", D(2028, 2, 29)),
        # still accepted as before
        ("2026-01-05", D(2026, 1, 5)),
        ("05.01.2026", D(2026, 1, 5)),
        ("46027", D(2026, 1, 5)),
        (46027, D(2026, 1, 5)),
        (46027.0, D(2026, 1, 5)),
        (D(2026, 1, 5), D(2026, 1, 5)),
        (dt.datetime(2026, 1, 5, 13, 0), D(2026, 1, 5)),
    ],
)
def test_office_dates_accepted(text, expected):
    v, bad = _one(values.parse_date, text)
    assert not bad and v.date() == expected


@pytest.mark.parametrize(
    "text",
    [
        "31 Februari 2026",
        "29 Februari 2026",
        "31 Jun 2026",
        "32 Januari 2026",
        "0 Januari 2026",
        "5 Foo 2026",
        "5 Ja 2026",  # too short to be a month
        "Januari 2026",  # a month, not a date
        "January 5, 2026",  # month-day-year is not accepted
        "01/31/2026",
        "Hari, 5 Januari 2026",  # not a weekday
        "5 Januari 26",
        "kemarin",
    ],
)
def test_office_dates_refused(text):
    v, bad = _one(values.parse_date, text)
    assert bad and pd.isna(v)


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Januari 2026", D(2026, 1, 1)),
        ("januari 2026", D(2026, 1, 1)),
        ("JANUARI 2026", D(2026, 1, 1)),
        ("Jan 2026", D(2026, 1, 1)),
        ("Agt 2026", D(2026, 8, 1)),
        ("Agu 2026", D(2026, 8, 1)),
        ("Agustus 2026", D(2026, 8, 1)),
        ("August 2026", D(2026, 8, 1)),
        ("Mei 2026", D(2026, 5, 1)),
        ("Des 2026", D(2026, 12, 1)),
        ("Jan-2026", D(2026, 1, 1)),
        ("Januari-2026", D(2026, 1, 1)),
        (" Jan 2026 ", D(2026, 1, 1)),
        ("01/2026", D(2026, 1, 1)),
        ("1/2026", D(2026, 1, 1)),
        ("2026/01", D(2026, 1, 1)),
        ("2026-01", D(2026, 1, 1)),
        ("202601", D(2026, 1, 1)),
        ("5 Januari 2026", D(2026, 1, 1)),
        ("05-01-2026", D(2026, 1, 1)),
        (D(2026, 1, 15), D(2026, 1, 1)),
    ],
)
def test_office_periods_accepted(text, expected):
    v, bad = _one(values.parse_period, text)
    assert not bad and v.date() == expected


@pytest.mark.parametrize("text", ["Foo 2026", "Januari", "13/2026", "2026-13", "Ja 2026", "Januari 26"])
def test_office_periods_refused(text):
    v, bad = _one(values.parse_period, text)
    assert bad and pd.isna(v)


# ---------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rp 1.234.567", 1234567),
        ("Rp1.234.567,00", 1234567),
        ("1.234.567,00", 1234567),
        ("IDR 16.800", 16800),
        ("idr16.800", 16800),
        ("(125.000)", -125000),
        ("(Rp 125.000)", -125000),
        ("Rp (125.000)", -125000),
        ("- 16.800", -16800),
        ("-Rp 16.800", -16800),
        ("\u2212 16.800", -16800),
        ("16.800,-", 16800),
        ("Rp 16.800,-", 16800),
        ("16.800,--", 16800),
        ("16800,-", 16800),
        # still accepted as before, to the same value
        ("Rp 16.800", 16800),
        ("rp. 16.800", 16800),
        ("16.800", 16800),
        ("16800", 16800),
        ("16800,00", 16800),
        ("16.800,50", 16800.5),
        ("1.234.567,89", 1234567.89),
        ("16800.00", 16800),
        ("  16 800 ", 16800),
        ("16\u00a0800", 16800),
        (16800, 16800),
        (16800.0, 16800),
    ],
)
def test_office_amounts_accepted(text, expected):
    v, bad = _one(values.parse_money, text)
    assert not bad and v == expected


@pytest.mark.parametrize(
    "text",
    ["(-125.000)", "()", "(", "Rp", "IDR", ",-", "--", "-", "16,800,000", "1.23.4", "16.800-", "enam belas ribu"],
)
def test_office_amounts_refused(text):
    v, bad = _one(values.parse_money, text)
    assert bad and pd.isna(v)


def test_accounting_negative_is_quarantined_as_negative():
    data = pd.DataFrame({"periode": ["2026-01"], "no_kpj": ["A1"], "nominal": ["(16.800)"], "status": ["dibayar"]})
    kind = contract.KINDS["iuran"]
    data = data[[c for c in data.columns if c in kind.column_dict()]]
    _, karantina = ingest.type_rows(data, kind, TEST_KEY)
    assert "nominal negatif" in set(karantina["alasan"])


# ---------------------------------------------------------------- choices


@pytest.mark.parametrize("text", ["aktif", "AKTIF", " Aktif ", "aKtIf", "\u00a0aktif"])
def test_choices_any_case_and_spaces(text):
    v, bad = _one(values.parse_choice, text, contract.STATUS_PESERTA)
    assert not bad and v == "AKTIF"


# ---------------------------------------------------------------- property: each office format reads back

_DATE_PATTERNS = ["d MMMM yyyy", "dd MMMM yyyy", "dd MMM yyyy", "dd-MMM-yyyy", "d-MMM-yyyy", "dd-MM-yyyy", "d/M/yyyy"]
_PERIOD_PATTERNS = ["MMMM yyyy", "MMM yyyy", "MMM-yyyy", "MMMM-yyyy", "MM/yyyy", "M/yyyy", "yyyy/MM"]
_CASE = st.sampled_from([str, str.lower, str.upper, str.title])
_PAD = st.sampled_from(["", " ", "  "])


@settings(max_examples=200)
@given(
    day=st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)),
    pattern=st.sampled_from(_DATE_PATTERNS),
    locale=st.sampled_from(["id", "en"]),
    case=_CASE,
    pad=_PAD,
)
def test_office_date_formats_read_back(day, pattern, locale, case, pad):
    text = pad + case(format_date(day, pattern, locale=locale)) + pad
    v, bad = _one(values.parse_date, text)
    assert not bad and v.date() == day, text


@settings(max_examples=200)
@given(
    day=st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)),
    pattern=st.sampled_from(_PERIOD_PATTERNS),
    locale=st.sampled_from(["id", "en"]),
    case=_CASE,
    pad=_PAD,
)
def test_office_period_formats_read_back(day, pattern, locale, case, pad):
    text = pad + case(format_date(day, pattern, locale=locale)) + pad
    v, bad = _one(values.parse_period, text)
    assert not bad and v.date() == day.replace(day=1), text


_AMOUNT_FORMATS = [
    ("Rp {n}", 1),
    ("Rp{n},00", 1),
    ("{n},00", 1),
    ("IDR {n}", 1),
    ("({n})", -1),
    ("(Rp {n})", -1),
    ("- {n}", -1),
    ("{n},-", 1),
    ("Rp {n},-", 1),
    ("{n}", 1),
]


@settings(max_examples=200)
@given(n=st.integers(0, 10**13), form=st.sampled_from(_AMOUNT_FORMATS), case=_CASE, pad=_PAD)
def test_office_amount_formats_read_back(n, form, case, pad):
    pattern, sign = form
    text = pad + case(pattern.format(n=format_decimal(n, locale="id_ID"))) + pad
    v, bad = _one(values.parse_money, text)
    assert not bad and v == sign * n, text


# ---------------------------------------------------------------- NIK typed as a number

NIK = "3275010101900001"


@pytest.mark.parametrize(
    "cell",
    [NIK, int(NIK), float(NIK), np.int64(NIK), np.float64(NIK), f" {NIK} ", "3275 0101 0190 0001"],
)
def test_nik_number_cells_give_exact_digits(cell):
    clean, problem = values.read_nik(pd.Series([cell, None], dtype=object))
    assert clean.tolist() == [NIK, ""] and problem.tolist() == ["", ""]


@pytest.mark.parametrize(
    "series",
    [
        pd.Series([int(NIK), 9407010101900002], dtype="int64"),  # Parquet int64
        pd.Series([int(NIK), 9407010101900002, None], dtype="Int64"),
        pd.Series([float(NIK), np.nan], dtype="float64"),  # XLSX number column
    ],
)
def test_nik_typed_columns(series):
    clean, problem = values.read_nik(series)
    assert clean.iloc[0] == NIK and problem.iloc[0] == ""
    if series.dtype != "float64":
        assert clean.iloc[1] == "9407010101900002"  # integers are exact beyond 2**53


@pytest.mark.parametrize(
    "cell, code",
    [
        ("3,27501E+15", values.NIK_SCIENTIFIC),
        ("3.27501E+15", values.NIK_SCIENTIFIC),
        ("3,27501e+15", values.NIK_SCIENTIFIC),
        (" 3,27501E+15 ", values.NIK_SCIENTIFIC),
        ("3E+15", values.NIK_SCIENTIFIC),
        (327501010190000.1, values.NIK_INEXACT_NUMBER),  # a fraction: never its text's digits
        (9407010101900002.0, values.NIK_INEXACT_NUMBER),  # >= 2**53: not exact as a float
        (float(2**53), values.NIK_INEXACT_NUMBER),
        (-3275010101900001.0, values.NIK_INEXACT_NUMBER),
    ],
)
def test_nik_digits_lost(cell, code):
    clean, problem = values.read_nik(pd.Series([cell], dtype=object))
    assert problem.iloc[0] == code
    assert not clean.str.fullmatch(r"\d{16}").iloc[0]


def test_lost_nik_is_loaded_flagged_and_not_one_person():
    kind = contract.KINDS["peserta"]
    path = SMALL_DIR / "peserta_kecil.csv"
    data = ingest.map_columns(ingest.read_file(path), kind, path.name)
    data["nik"] = data["nik"].astype(object)
    data.loc[0, "nik"] = "3,27501E+15"
    data.loc[1, "nik"] = "3,27501E+15"
    data.loc[2, "nik"] = "12345"
    data.loc[3, "nik"] = int(data.loc[3, "nik"])
    accepted, karantina = ingest.type_rows(data, kind, TEST_KEY)
    assert 0 in accepted.index and 1 in accepted.index  # loaded, not quarantined
    assert not accepted.loc[[0, 1, 2], "nik_16digit"].any() and accepted.loc[3, "nik_16digit"]
    assert accepted.loc[0, "nik_hash"] != accepted.loc[1, "nik_hash"]  # two people, not one
    assert accepted.loc[0, "nik_alasan"] == contract.NIK_NOTES[values.NIK_SCIENTIFIC]
    assert accepted.loc[2, "nik_alasan"] == contract.NIK_NOTES["bukan_16_digit"]
    assert accepted.loc[3, "nik_alasan"] is None
    notes = ingest.validate.nik_notes(accepted)
    assert notes[contract.NIK_NOTES[values.NIK_SCIENTIFIC]] == 2
    assert notes[contract.NIK_NOTES["bukan_16_digit"]] == (~accepted["nik_16digit"]).sum() - 2
    assert "nik_alasan" not in kind.table.column_names  # the reason is reported, not stored


def test_xlsx_with_numeric_nik_ingests(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    with open(SMALL_DIR / "peserta_kecil.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    i_nik, i_kpj = header.index("nik"), header.index("no_kpj")
    texts = {r[i_kpj]: r[i_nik] for r in body}
    # The same rows from the CSV (NIK as text): what the XLSX must give.
    csv_db = tmp_path / "teks.duckdb"
    ingest.run_import(csv_db, [SMALL_DIR / "peserta_kecil.csv"], key=TEST_KEY)
    from_text = dict(query_rows(csv_db, "SELECT no_kpj, nik_hash FROM peserta"))
    quarantined = query_rows(csv_db, "SELECT count(DISTINCT baris) FROM karantina")[0][0]
    scientific_kpj = sorted(from_text)[-1]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for r in body:
        cells: list[object] = list(r)
        nik = r[i_nik]
        if r[i_kpj] == scientific_kpj:
            cells[i_nik] = "3,27501E+15"
        elif nik.isdigit():
            cells[i_nik] = int(nik)
        sheet.append([None if c == "" else c for c in cells])
    path = tmp_path / "peserta_angka.xlsx"
    book.save(path)

    db_path = tmp_path / "angka.duckdb"
    report = ingest.run_import(db_path, [path], key=TEST_KEY)
    # The report says which rows were loaded with an unrecoverable NIK, apart from the quarantine.
    assert report.files[0].nik_notes[contract.NIK_NOTES[values.NIK_SCIENTIFIC]] == 1
    assert f"1 × {contract.NIK_NOTES[values.NIK_SCIENTIFIC]}" in ingest.summarize(report)
    stored = dict(query_rows(db_path, "SELECT no_kpj, nik_hash FROM peserta"))
    flags = dict(query_rows(db_path, "SELECT no_kpj, nik_16digit FROM peserta"))
    assert set(stored) == set(from_text)  # the same rows loaded, the scientific one too
    assert query_rows(db_path, "SELECT count(DISTINCT baris) FROM karantina")[0][0] == quarantined
    assert flags[scientific_kpj] is False
    for kpj in set(stored) - {scientific_kpj}:
        assert stored[kpj] == from_text[kpj]  # a number cell hashes exactly like its text
        nik = texts[kpj]
        if len(nik) == 16 and nik.isdigit():
            assert stored[kpj] == privacy.hash_nik(pd.Series([nik]), TEST_KEY).iloc[0] and flags[kpj] is True
    # No raw NIK anywhere in the stored rows or the karantina.
    dump = repr(query_rows(db_path, "SELECT * FROM peserta")) + repr(query_rows(db_path, "SELECT * FROM karantina"))
    assert not any(nik in dump for nik in texts.values() if nik)
    assert "3,27501E+15" not in dump
