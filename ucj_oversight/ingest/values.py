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


_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_SERIAL = re.compile(r"^(\d{4,5})(?:\.0+)?$")


def _date_from_parts(y: pd.Series, m: pd.Series, d: pd.Series) -> pd.Series:
    parts = pd.DataFrame({"year": y, "month": m, "day": d}).astype("float64")
    return pd.to_datetime(parts, errors="coerce")


def parse_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO (2026-01-31), dd/mm/yyyy (31/01/2026, also with - or .), or an Excel date cell
    (a real date, or its serial number), mixed freely in one column."""
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
    ser = t.str.extract(_SERIAL)[0]
    m_ser = ser.notna() & ~m_iso & ~m_dmy
    if m_ser.any():
        n = ser[m_ser].astype("int64")
        ok = n.between(SERIAL_MIN, SERIAL_MAX)
        result[m_ser & ok.reindex(s.index, fill_value=False)] = EXCEL_EPOCH + pd.to_timedelta(n[ok], unit="D")
    bad = result.isna() & ~_empty(t)
    return result, bad


_PERIOD_YM = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})|(\d{2}))$")  # 2026-1, 2026-01, 202601
_PERIOD_MY = re.compile(r"^(\d{1,2})[-/.](\d{4})$")


def parse_period(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A month: '2026-01', '202601', '01/2026', or any date (its month). First day of month."""
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
    rest = result.isna() & ~_empty(t)
    if rest.any():
        date, _ = parse_date(t[rest])
        result[rest] = date.dt.to_period("M").dt.start_time
    bad = result.isna() & ~_empty(t)
    return result, bad


_MONEY_ID = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.234.567,89
_MONEY_COMMA = re.compile(r"^-?\d+(?:,\d+)?$")  # 16800 or 16800,00
_MONEY_DOT = re.compile(r"^-?\d+\.\d+$")  # 16800.00 (machine export)


def parse_money(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rupiah: numbers, or Indonesian text: 'Rp 16.800', '16.800', '16800,00', '1.234.567,89'.
    A lone '.' followed by exactly three digits is a thousands separator (id-ID)."""
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        v = pd.to_numeric(s, errors="coerce").astype("float64")
        return _within_limit(v, pd.Series(False, index=s.index))
    t = to_text(s)
    clean = t.str.replace(r"(?i)^rp\.?", "", regex=True).str.replace(r"[\s\u00a0]+", "", regex=True)
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


def clean_nik(s: pd.Series) -> pd.Series:
    """NIK text as it will be hashed: spaces, dots and dashes removed (3275 0123 ... = 32750123...)."""
    return to_text(s).str.replace(r"[\s.\-]+", "", regex=True).str.upper()
