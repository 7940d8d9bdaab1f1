"""Typed values from the cells of an extract, vectorised over a whole column.

Every parser takes a pandas Series (strings from CSV, mixed objects from Excel, typed columns
from Parquet) and returns ``(values, salah)``: the parsed values (missing where empty or
unparseable) and a boolean mask of cells that held something but could not be read. The
ingest turns that mask into quarantine reasons; nothing is dropped silently here.
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Excel serial day numbers we trust as dates: 1954-10-03 .. 2119-01-11. Outside that, a bare
# number in a date column is far more likely a typo than a date.
_SERIAL_MIN, _SERIAL_MAX = 20000, 80000


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
        return pd.Series([_sel_ke_teks(v) for v in s], index=s.index, dtype=object)
    if pd.api.types.is_string_dtype(s.dtype) and not s.dtype == object:
        return s.fillna("").str.strip().astype(object)
    return pd.Series([_sel_ke_teks(v) for v in s], index=s.index, dtype=object)


def _sel_ke_teks(v: object) -> str:
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
        return ""  if v == dt.time(0) else v.isoformat()
    try:
        if pd.isna(v):  # pd.NA, NaT
            return ""
    except (TypeError, ValueError):
        pass
    return str(v).strip()


def per_unique(fungsi, s: pd.Series, *args):
    """``fungsi(s, *args)`` computed on the distinct values of ``s`` only, then spread back to
    every row by the factorize codes. The same result as ``fungsi(s, *args)`` (every parser in
    this module reads each cell on its own), at the cost of the distinct values: an extract of a
    million rows has a couple of dozen periods and amounts and a dozen kecamatan codes.

    Only for columns of text (a string dtype, or Python str objects) or of plain dates (Parquet
    date columns). In other object columns, values of different types can be one value to a
    hash table and still read differently (1, 1.0 and True; two aware datetimes of the same
    instant in different zones), so those (Excel files, small) are parsed row by row; so are
    typed columns, whose parsers are vectorised anyway.
    """
    if len(s) < 2:
        return fungsi(s, *args)
    if isinstance(s.dtype, pd.StringDtype):
        jenis = "string"
    elif s.dtype == object:
        jenis = pd.api.types.infer_dtype(s, skipna=True)
    else:
        return fungsi(s, *args)
    if jenis not in ("string", "empty", "date"):
        return fungsi(s, *args)
    parse_code, unik = pd.factorize(s, use_na_sentinel=True)
    # 'date' also admits datetimes mixed in; only exact dates are safe (a date never equals a
    # datetime, so a row cannot hide behind a distinct value of another type).
    if jenis == "date" and not all(type(v) is dt.date for v in unik):
        return fungsi(s, *args)
    u = pd.Series(unik, dtype=s.dtype, name=s.name)
    if (parse_code < 0).any():
        # Missing cells: parsed once, as one more distinct value.
        u = pd.concat([u, pd.Series([None], dtype=s.dtype, name=s.name)], ignore_index=True)
        parse_code = np.where(parse_code < 0, len(unik), parse_code)
    hasil = fungsi(u, *args)

    def sebar(x: pd.Series) -> pd.Series:
        return x.take(parse_code).set_axis(s.index)

    return tuple(sebar(x) for x in hasil) if isinstance(hasil, tuple) else sebar(hasil)


def _kosong(t: pd.Series) -> pd.Series:
    return t.eq("")


_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_SERIAL = re.compile(r"^(\d{4,5})(?:\.0+)?$")


def _tanggal_dari_bagian(y: pd.Series, m: pd.Series, d: pd.Series) -> pd.Series:
    bagian = pd.DataFrame({"year": y, "month": m, "day": d}).astype("float64")
    return pd.to_datetime(bagian, errors="coerce")


def parse_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO (2026-01-31), dd/mm/yyyy (31/01/2026, also with - or .), or an Excel date cell
    (a real date, or its serial number), mixed freely in one column."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        hasil = pd.to_datetime(s).dt.tz_localize(None) if getattr(s.dt, "tz", None) else s
        return hasil.dt.normalize().astype("datetime64[s]"), pd.Series(False, index=s.index)
    t = to_text(s)
    hasil = pd.Series(pd.NaT, index=s.index, dtype="datetime64[s]")
    iso = t.str.extract(_ISO)
    m_iso = iso[0].notna()
    if m_iso.any():
        hasil[m_iso] = _tanggal_dari_bagian(iso.loc[m_iso, 0], iso.loc[m_iso, 1], iso.loc[m_iso, 2])
    dmy = t.str.extract(_DMY)
    m_dmy = dmy[0].notna() & ~m_iso
    if m_dmy.any():
        hasil[m_dmy] = _tanggal_dari_bagian(dmy.loc[m_dmy, 2], dmy.loc[m_dmy, 1], dmy.loc[m_dmy, 0])
    ser = t.str.extract(_SERIAL)[0]
    m_ser = ser.notna() & ~m_iso & ~m_dmy
    if m_ser.any():
        n = ser[m_ser].astype("int64")
        ok = n.between(_SERIAL_MIN, _SERIAL_MAX)
        hasil[m_ser & ok.reindex(s.index, fill_value=False)] = _EXCEL_EPOCH + pd.to_timedelta(n[ok], unit="D")
    salah = hasil.isna() & ~_kosong(t)
    return hasil, salah


_PERIODE_YM = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})|(\d{2}))$")   # 2026-1, 2026-01, 202601
_PERIODE_MY = re.compile(r"^(\d{1,2})[-/.](\d{4})$")


def parse_period(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A month: '2026-01', '202601', '01/2026', or any date (its month). First day of month."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        tgl, salah = parse_date(s)
        return tgl.dt.to_period("M").dt.start_time.astype("datetime64[s]"), salah
    t = to_text(s)
    hasil = pd.Series(pd.NaT, index=s.index, dtype="datetime64[s]")
    ym = t.str.extract(_PERIODE_YM)
    ym[1] = ym[1].fillna(ym[2])
    m_ym = ym[0].notna()
    if m_ym.any():
        hasil[m_ym] = _tanggal_dari_bagian(ym.loc[m_ym, 0], ym.loc[m_ym, 1], 1)
    my = t.str.extract(_PERIODE_MY)
    m_my = my[0].notna() & ~m_ym
    if m_my.any():
        hasil[m_my] = _tanggal_dari_bagian(my.loc[m_my, 1], my.loc[m_my, 0], 1)
    sisa = hasil.isna() & ~_kosong(t)
    if sisa.any():
        tgl, _ = parse_date(t[sisa])
        hasil[sisa] = tgl.dt.to_period("M").dt.start_time
    salah = hasil.isna() & ~_kosong(t)
    return hasil, salah


_UANG_ID = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")   # 1.234.567,89
_UANG_KOMA = re.compile(r"^-?\d+(?:,\d+)?$")                  # 16800 or 16800,00
_UANG_TITIK = re.compile(r"^-?\d+\.\d+$")                    # 16800.00 (machine export)


def parse_money(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rupiah: numbers, or Indonesian text: 'Rp 16.800', '16.800', '16800,00', '1.234.567,89'.
    A lone '.' followed by exactly three digits is a thousands separator (id-ID)."""
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        v = pd.to_numeric(s, errors="coerce").astype("float64")
        return _dalam_batas(v, pd.Series(False, index=s.index))
    t = to_text(s)
    bersih = (t.str.replace(r"(?i)^rp\.?", "", regex=True)
               .str.replace(r"[\s\u00a0]+", "", regex=True))
    hasil = pd.Series(np.nan, index=s.index, dtype="float64")
    m_id = bersih.str.match(_UANG_ID)
    hasil[m_id] = bersih[m_id].str.replace(".", "", regex=False).str.replace(",", ".", regex=False).astype("float64")
    m_koma = bersih.str.match(_UANG_KOMA) & ~m_id
    hasil[m_koma] = bersih[m_koma].str.replace(",", ".", regex=False).astype("float64")
    m_titik = bersih.str.match(_UANG_TITIK) & ~m_id & ~m_koma
    hasil[m_titik] = bersih[m_titik].astype("float64")
    salah = hasil.isna() & ~_kosong(t)
    return _dalam_batas(hasil, salah)


# The storage columns are DECIMAL(18, 2): a larger (or infinite) amount would make the database
# insert fail for the whole run instead of quarantining the row.
MONEY_MAX = 1e16


def _dalam_batas(v: pd.Series, salah: pd.Series) -> tuple[pd.Series, pd.Series]:
    luar = v.notna() & ~(v.abs() < MONEY_MAX)
    if luar.any():
        v = v.where(~luar)
        salah = salah | luar
    return v, salah


def parse_integer(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A whole number (tahun, jumlah orang): '2026', 2026.0, '1.250' (id-ID thousands)."""
    v, salah = parse_money(s)
    bukan_bulat = v.notna() & ((v % 1) != 0)
    v = v.where(~bukan_bulat)
    return v.astype("Int64"), salah | bukan_bulat


def parse_code(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    t = to_text(s).str.replace(r"\s+", " ", regex=True).str.upper()
    return t.where(t.ne(""), None), pd.Series(False, index=s.index)


def parse_text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    t = to_text(s).str.replace(r"\s+", " ", regex=True)
    return t.where(t.ne(""), None), pd.Series(False, index=s.index)


_SINONIM_PILIHAN = {
    "LAKILAKI": "L", "PRIA": "L", "LAKI": "L",
    "PEREMPUAN": "P", "WANITA": "P",
    "NONAKTIF": "NONAKTIF", "TIDAKAKTIF": "NONAKTIF",
    "LUNAS": "DIBAYAR", "SUDAHDIBAYAR": "DIBAYAR", "DIPROSES": "PROSES",
}


def parse_choice(s: pd.Series, daftar: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """One of a fixed list, any case; 'Non Aktif'/'non-aktif' -> NONAKTIF."""
    t = to_text(s)
    kunci = t.str.upper().str.replace(r"[^A-Z0-9]+", "", regex=True)
    peta = {re.sub(r"[^A-Z0-9]+", "", d): d for d in daftar}
    peta.update({k: v for k, v in _SINONIM_PILIHAN.items() if v in daftar})
    hasil = kunci.map(peta)
    hasil = hasil.where(hasil.notna(), None)
    salah = hasil.isna() & ~_kosong(t)
    return hasil, salah


def clean_nik(s: pd.Series) -> pd.Series:
    """NIK text as it will be hashed: spaces, dots and dashes removed (3275 0123 ... = 32750123...)."""
    return to_text(s).str.replace(r"[\s.\-]+", "", regex=True).str.upper()
