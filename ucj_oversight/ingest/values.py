"""Typed values from the cells of an extract, vectorised over a whole column.

Every parser takes a pandas Series (strings from CSV, mixed objects from Excel, typed columns
from Parquet) and returns ``(values, bad)``: the parsed values (missing where empty or
unparseable) and a boolean mask of cells that held something but could not be read. The
ingest turns that mask into quarantine reasons; nothing is dropped silently here.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
from babel.dates import get_day_names, get_month_names

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Excel serial day numbers we trust as dates: 1954-10-03 .. 2119-01-11. Outside that, a bare
# number in a date column is far more likely a typo than a date.
SERIAL_MIN, SERIAL_MAX = 20000, 80000


def to_text(s: pd.Series) -> pd.Series:
    """Any column -> trimmed strings, '' for empty. Excel numbers that are whole lose '.0'
    (an NIK typed as a number arrives as 3275012345678901.0); dates become ISO text."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return s.dt.strftime("%Y-%m-%d").fillna("")
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("string").fillna("").astype(object)
    if pd.api.types.is_integer_dtype(s.dtype):
        return s.astype("Int64").astype("string").fillna("").astype(object)
    if pd.api.types.is_float_dtype(s.dtype):
        return pd.Series([_cell_to_text(v) for v in s], index=s.index, dtype=object)
    if pd.api.types.is_string_dtype(s.dtype) and not s.dtype == object:
        return s.fillna("").str.strip().astype(object)
    return pd.Series([_cell_to_text(v) for v in s], index=s.index, dtype=object)


def _cell_to_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if np.isnan(v):
            return ""
        if v.is_integer() and abs(v) < 1e17:
            return str(int(v))
        return repr(v)
    if isinstance(v, (dt.datetime, pd.Timestamp)):
        if pd.isna(v):
            return ""
        return v.strftime("%Y-%m-%d")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dt.time):
        return "" if v == dt.time(0) else v.isoformat()
    try:
        if pd.isna(v):  # pd.NA, NaT
            return ""
    except (TypeError, ValueError):
        pass
    return str(v).strip()


def per_unique(func, s: pd.Series, *args):
    """``func(s, *args)`` computed on the distinct values of ``s`` only, then spread back to
    every row by the factorize codes. The same result as ``func(s, *args)`` (every parser in
    this module reads each cell on its own), at the cost of the distinct values: an extract of a
    million rows has a couple of dozen periods and amounts and a dozen kecamatan codes.

    Only for columns of text (a string dtype, or Python str objects) or of plain dates (Parquet
    date columns). In other object columns, values of different types can be one value to a
    hash table and still read differently (1, 1.0 and True; two aware datetimes of the same
    instant in different zones), so those (Excel files, small) are parsed row by row; so are
    typed columns, whose parsers are vectorised anyway.
    """
    if len(s) < 2:
        return func(s, *args)
    if isinstance(s.dtype, pd.StringDtype):
        inferred = "string"
    elif s.dtype == object:
        inferred = pd.api.types.infer_dtype(s, skipna=True)
    else:
        return func(s, *args)
    if inferred not in ("string", "empty", "date"):
        return func(s, *args)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    # 'date' also admits datetimes mixed in; only exact dates are safe (a date never equals a
    # datetime, so a row cannot hide behind a distinct value of another type).
    if inferred == "date" and not all(type(v) is dt.date for v in uniques):
        return func(s, *args)
    u = pd.Series(uniques, dtype=s.dtype, name=s.name)
    if (codes < 0).any():
        # Missing cells: parsed once, as one more distinct value.
        u = pd.concat([u, pd.Series([None], dtype=s.dtype, name=s.name)], ignore_index=True)
        codes = np.where(codes < 0, len(uniques), codes)
    result = func(u, *args)

    def spread(x: pd.Series) -> pd.Series:
        return x.take(codes).set_axis(s.index)

    return tuple(spread(x) for x in result) if isinstance(result, tuple) else spread(result)


def _empty(t: pd.Series) -> pd.Series:
    return t.eq("")


# Month and weekday names as offices write them: Indonesian and English, full and abbreviated,
# from CLDR (babel), any case. A unique prefix of three letters or more of a full name is that
# month too ('Agust', 'Sept'); _MONTH_VARIANTS adds the Indonesian spellings CLDR does not have.
_MONTH_VARIANTS = {"agt": 8, "ags": 8, "peb": 2, "pebruari": 2, "nop": 11, "nopember": 11}


def _month_lookup() -> dict[str, int]:
    names: dict[str, int] = {}
    full: dict[str, int] = {}
    for locale in ("id", "en"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names[name.lower().rstrip(".")] = number
                    if width == "wide":
                        full[name.lower()] = number
    prefixes: dict[str, set[int]] = {}
    for name, number in full.items():
        for end in range(3, len(name)):
            prefixes.setdefault(name[:end], set()).add(number)
    for prefix, numbers in prefixes.items():
        if len(numbers) == 1:
            names.setdefault(prefix, numbers.pop())
    for name, number in _MONTH_VARIANTS.items():
        names.setdefault(name, number)
    return names


def _weekday_names() -> frozenset[str]:
    return frozenset(
        name.lower().rstrip(".")
        for locale in ("id", "en")
        for width in ("wide", "abbreviated")
        for name in get_day_names(width, "format", locale).values()
    )


MONTHS = _month_lookup()
_WEEKDAYS = _weekday_names()

_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_SERIAL = re.compile(r"^(\d{4,5})(?:\.0+)?$")
# 5 Januari 2026, 05-Jan-2026, 5-Agu-2026, Senin, 5 Januari 2026, 05 Jan. 2026 08:00 (lower-cased)
_DMY_NAME = re.compile(
    r"^(?:([a-z]+)\.?,?\s*)??(\d{1,2})[\s/.-]*([a-z]+)\.?[\s/.,-]*(\d{4})(?:\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$"
)


def _date_from_parts(y: pd.Series, m: pd.Series, d: pd.Series) -> pd.Series:
    parts = pd.DataFrame({"year": y, "month": m, "day": d}).astype("float64")
    return pd.to_datetime(parts, errors="coerce")


def _month_number(names: pd.Series) -> pd.Series:
    """Month names (lower case) -> 1..12, missing where not a month."""
    return names.map(MONTHS).astype("float64")


def parse_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO (2026-01-31), dd/mm/yyyy (31/01/2026, also with - or .), day month-name year in
    Indonesian or English (5 Januari 2026, 05-Jan-2026, 5 Agu 2026), or an Excel date cell (a
    real date, or its serial number), mixed freely in one column."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        result = pd.to_datetime(s).dt.tz_localize(None) if getattr(s.dt, "tz", None) else s
        return result.dt.normalize().astype("datetime64[s]"), pd.Series(False, index=s.index)
    t = to_text(s)
    result = pd.Series(pd.NaT, index=s.index, dtype="datetime64[s]")
    iso = t.str.extract(_ISO)
    m_iso = iso[0].notna()
    if m_iso.any():
        result[m_iso] = _date_from_parts(iso.loc[m_iso, 0], iso.loc[m_iso, 1], iso.loc[m_iso, 2])
    dmy = t.str.extract(_DMY)
    m_dmy = dmy[0].notna() & ~m_iso
    if m_dmy.any():
        result[m_dmy] = _date_from_parts(dmy.loc[m_dmy, 2], dmy.loc[m_dmy, 1], dmy.loc[m_dmy, 0])
    named = t.str.lower().str.extract(_DMY_NAME)
    month = _month_number(named[2])
    weekday_ok = named[0].isna() | named[0].isin(_WEEKDAYS)
    m_named = named[1].notna() & month.notna() & weekday_ok & ~m_iso & ~m_dmy
    if m_named.any():
        result[m_named] = _date_from_parts(named.loc[m_named, 3], month[m_named], named.loc[m_named, 1])
    ser = t.str.extract(_SERIAL)[0]
    m_ser = ser.notna() & ~m_iso & ~m_dmy & ~m_named
    if m_ser.any():
        n = ser[m_ser].astype("int64")
        ok = n.between(SERIAL_MIN, SERIAL_MAX)
        result[m_ser & ok.reindex(s.index, fill_value=False)] = EXCEL_EPOCH + pd.to_timedelta(n[ok], unit="D")
    bad = result.isna() & ~_empty(t)
    return result, bad


_PERIOD_YM = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})|(\d{2}))$")  # 2026-1, 2026-01, 202601
_PERIOD_MY = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_PERIOD_NAME = re.compile(r"^([a-z]+)\.?[\s/.,'-]*(\d{4})$")  # januari 2026, jan-2026, agt 2026 (lower-cased)


def parse_period(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A month: '2026-01', '202601', '2026/01', '01/2026', '1-2026', a month name and year in
    Indonesian or English ('Januari 2026', 'Jan-2026', 'Agt 2026'), or any date (its month).
    First day of month."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        date, bad = parse_date(s)
        return date.dt.to_period("M").dt.start_time.astype("datetime64[s]"), bad
    t = to_text(s)
    result = pd.Series(pd.NaT, index=s.index, dtype="datetime64[s]")
    ym = t.str.extract(_PERIOD_YM)
    ym[1] = ym[1].fillna(ym[2])
    m_ym = ym[0].notna()
    if m_ym.any():
        result[m_ym] = _date_from_parts(ym.loc[m_ym, 0], ym.loc[m_ym, 1], 1)
    my = t.str.extract(_PERIOD_MY)
    m_my = my[0].notna() & ~m_ym
    if m_my.any():
        result[m_my] = _date_from_parts(my.loc[m_my, 1], my.loc[m_my, 0], 1)
    named = t.str.lower().str.extract(_PERIOD_NAME)
    month = _month_number(named[0])
    m_named = named[1].notna() & month.notna() & ~m_ym & ~m_my
    if m_named.any():
        result[m_named] = _date_from_parts(named.loc[m_named, 1], month[m_named], 1)
    rest = result.isna() & ~_empty(t)
    if rest.any():
        date, _ = parse_date(t[rest])
        result[rest] = date.dt.to_period("M").dt.start_time
    bad = result.isna() & ~_empty(t)
    return result, bad


_MONEY_ID = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.234.567,89
_MONEY_COMMA = re.compile(r"^-?\d+(?:,\d+)?$")  # 16800 or 16800,00
_MONEY_DOT = re.compile(r"^-?\d+\.\d+$")  # 16800.00 (machine export)


_CURRENCY = r"(?:rp|idr)\.?"
_MONEY_PAREN = re.compile(r"^\((.+)\)$")  # (125.000): accounting negative


def _money_text(t: pd.Series) -> pd.Series:
    """Office text -> a bare number text ('-16.800,50'). Strips spaces, a currency ('Rp', 'IDR';
    before or after a sign or bracket) and the whole-rupiah ending ',-'. '(125.000)' is -125.000;
    '(-125.000)' stays unreadable."""
    clean = t.str.replace(r"[\s\u00a0\u202f]+", "", regex=True).str.replace("\u2212", "-", regex=False).str.lower()
    clean = clean.str.replace(rf"^(-?){_CURRENCY}", r"\1", regex=True)
    inner = clean.str.extract(_MONEY_PAREN)[0]
    paren = inner.notna()
    clean = clean.where(~paren, inner.str.replace(rf"^{_CURRENCY}", "", regex=True))
    # A sign inside the brackets is not an office format: left unreadable ('?').
    clean = clean.where(~paren, ("-" + clean).where(~clean.str.startswith("-"), "?"))
    return clean.str.replace(r"(?<=\d)[,.]-{1,2}$", "", regex=True)


def parse_money(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rupiah: numbers, or Indonesian text: 'Rp 16.800', 'IDR 16.800', '16.800', '16800,00',
    '1.234.567,89', '16.800,-', '- 16.800', '(125.000)' (= -125000). A lone '.' followed by
    exactly three digits is a thousands separator (id-ID)."""
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        v = pd.to_numeric(s, errors="coerce").astype("float64")
        return _within_limit(v, pd.Series(False, index=s.index))
    t = to_text(s)
    clean = _money_text(t)
    result = pd.Series(np.nan, index=s.index, dtype="float64")
    m_id = clean.str.match(_MONEY_ID)
    result[m_id] = clean[m_id].str.replace(".", "", regex=False).str.replace(",", ".", regex=False).astype("float64")
    m_comma = clean.str.match(_MONEY_COMMA) & ~m_id
    result[m_comma] = clean[m_comma].str.replace(",", ".", regex=False).astype("float64")
    m_dot = clean.str.match(_MONEY_DOT) & ~m_id & ~m_comma
    result[m_dot] = clean[m_dot].astype("float64")
    bad = result.isna() & ~_empty(t)
    return _within_limit(result, bad)


# The storage columns are DECIMAL(18, 2): a larger (or infinite) amount would make the database
# insert fail for the whole run instead of quarantining the row.
MONEY_MAX = 1e16


def _within_limit(v: pd.Series, bad: pd.Series) -> tuple[pd.Series, pd.Series]:
    outside = v.notna() & ~(v.abs() < MONEY_MAX)
    if outside.any():
        v = v.where(~outside)
        bad = bad | outside
    return v, bad


def parse_integer(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A whole number (tahun, jumlah orang): '2026', 2026.0, '1.250' (id-ID thousands)."""
    v, bad = parse_money(s)
    fractional = v.notna() & ((v % 1) != 0)
    v = v.where(~fractional)
    return v.astype("Int64"), bad | fractional


def parse_code(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    t = to_text(s).str.replace(r"\s+", " ", regex=True).str.upper()
    return t.where(t.ne(""), None), pd.Series(False, index=s.index)


def parse_text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    t = to_text(s).str.replace(r"\s+", " ", regex=True)
    return t.where(t.ne(""), None), pd.Series(False, index=s.index)


CHOICE_SYNONYMS = {
    "LAKILAKI": "L",
    "PRIA": "L",
    "LAKI": "L",
    "PEREMPUAN": "P",
    "WANITA": "P",
    "NONAKTIF": "NONAKTIF",
    "TIDAKAKTIF": "NONAKTIF",
    "LUNAS": "DIBAYAR",
    "SUDAHDIBAYAR": "DIBAYAR",
    "DIPROSES": "PROSES",
}


def parse_choice(s: pd.Series, choices: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """One of a fixed list, any case; 'Non Aktif'/'non-aktif' -> NONAKTIF."""
    t = to_text(s)
    folded = t.str.upper().str.replace(r"[^A-Z0-9]+", "", regex=True)
    mapping = {re.sub(r"[^A-Z0-9]+", "", c): c for c in choices}
    mapping.update({k: v for k, v in CHOICE_SYNONYMS.items() if v in choices})
    result = folded.map(mapping)
    result = result.where(result.notna(), None)
    bad = result.isna() & ~_empty(t)
    return result, bad


# A whole number in a float is exact below 2**53; above, or with a fraction, the digits typed in
# the cell are not known any more. NIKs are 16 digits (< 10**16) but may reach 9.4e15 > 2**53.
NIK_EXACT_MAX = 2**53
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d*)?E[+-]?\d+$")
# Why an NIK cell cannot be read back (the codes of read_nik; texts in contract.NIK_NOTES).
NIK_SCIENTIFIC = "notasi_ilmiah"
NIK_INEXACT_NUMBER = "angka_tidak_tepat"


def _nik_cell(v: object) -> tuple[str, str]:
    """One spreadsheet cell -> (NIK text, problem code or ''). Numbers are read from the number
    itself (int(v)), never from a float's text."""
    if isinstance(v, (bool, np.bool_)):
        return str(v), ""
    if isinstance(v, (int, np.integer)):
        return str(int(v)), ""
    if isinstance(v, (float, np.floating)):
        if np.isnan(v):
            return "", ""
        if float(v).is_integer() and 0 <= v < NIK_EXACT_MAX:
            return str(int(v)), ""
        return repr(float(v)), NIK_INEXACT_NUMBER
    return _cell_to_text(v), ""


def read_nik(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """NIK cells -> (text as it will be hashed, problem code or '' per cell).

    Spaces, dots and dashes are removed (3275 0123 ... = 32750123...). An NIK typed as a number
    (an int, or a float from Excel such as 3275012345678901.0) gives its exact digits. Cells whose
    digits are lost keep their text unchanged (never 16 digits) and a problem code: text in
    scientific notation as Excel shows a long number ('3,27501E+15': NIK_SCIENTIFIC), or a float
    that is not a whole number below 2**53 (NIK_INEXACT_NUMBER)."""
    if s.dtype == object or pd.api.types.is_float_dtype(s.dtype):
        cells = [_nik_cell(v) for v in s]
        text = pd.Series([c[0] for c in cells], index=s.index, dtype=object)
        problem = pd.Series([c[1] for c in cells], index=s.index, dtype=object)
    else:
        text = to_text(s)
        problem = pd.Series("", index=s.index, dtype=object)
    upper = text.str.upper()
    scientific = upper.str.replace(r"[\s\u00a0]+", "", regex=True).str.fullmatch(_SCIENTIFIC).astype(bool)
    problem = problem.where(~scientific, NIK_SCIENTIFIC)
    lost = problem.ne("")
    clean = upper.str.replace(r"[\s.\-]+", "", regex=True)
    return clean.where(~lost, upper.str.strip()), problem


def clean_nik(s: pd.Series) -> pd.Series:
    """NIK text as it will be hashed (read_nik without the problem codes)."""
    return read_nik(s)[0]
