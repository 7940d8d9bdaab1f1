"""Running a figure: the as-of month and filters, the SQL files, and the cast of a result to the
dtypes its FigureSpec declares. Every user-supplied value (month, kecamatan, segmen) is a bound
parameter, never SQL text."""

from __future__ import annotations

import calendar
import contextlib
import contextvars
import datetime as dt
import functools
import inspect
import re
from dataclasses import dataclass
from importlib import resources

import duckdb
import pandas as pd

from ucj_oversight import regions
from ucj_oversight.figures import due_dates
from ucj_oversight.figures.spec import Column, FigureSpec

_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("ucj_figure_memo", default=None)


@contextlib.contextmanager
def once():
    """Inside this block each figure is computed once per (function, connection, arguments).

    A page, the export or the briefing often needs one figure twice (the headline and its
    chart; ringkasan, biaya_per_peserta_bulan and proyeksi_akhir_tahun reuse anggaran_bulanan
    and rekonsiliasi_iuran). The block lasts one request, so nothing outlives an import; every
    caller gets its own copy of a result."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoized(fn):
    """Decorator for figure functions (first argument: the connection or the reference object)."""
    signature = inspect.signature(fn)
    # Parameters that take a Filter: None and Filter() are the same call.
    filter_params = {n for n, p in signature.parameters.items() if "Filter" in str(p.annotation)}

    @functools.wraps(fn)
    def wrapper(source, *args, **kwargs):
        memo = _MEMO.get()
        if memo is None:
            return fn(source, *args, **kwargs)
        # Same call, same key: f(con, m), f(con, m, None) and f(con, m, Filter()) are one.
        bound = signature.bind(source, *args, **kwargs)
        bound.apply_defaults()
        arguments = tuple(
            (k, Filter() if k in filter_params and v is None else v) for k, v in list(bound.arguments.items())[1:]
        )
        key = (fn.__qualname__, id(source), arguments)
        if key not in memo:
            # The source is kept with the result so that its id cannot be reused by another
            # connection while the block lasts.
            memo[key] = (source, fn(source, *args, **kwargs))
        result = memo[key][1]
        return result.copy() if isinstance(result, (pd.DataFrame, dict)) else result

    return wrapper


class InputError(ValueError):
    """A filter value that is not valid (bad month, unknown kecamatan). Message is for users."""


@dataclass(frozen=True)
class AsOf:
    """The as-of month M (its first day): `end` D is its last day, `year` Y its year."""

    month: dt.date

    @classmethod
    def from_text(cls, text: str) -> AsOf:
        m = re.fullmatch(r"\s*(\d{4})-(\d{2})\s*", str(text or ""))
        if not m or not (1 <= int(m.group(2)) <= 12) or not (2000 <= int(m.group(1)) <= 2100):
            raise InputError(f"bulan '{text}' tidak valid; gunakan format YYYY-MM, mis. 2026-10")
        return cls(dt.date(int(m.group(1)), int(m.group(2)), 1))

    @property
    def end(self) -> dt.date:
        return dt.date(self.month.year, self.month.month, calendar.monthrange(self.month.year, self.month.month)[1])

    @property
    def year(self) -> int:
        return self.month.year

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.month.year, 1, 1)

    def previous(self) -> AsOf:
        y, m = (self.month.year, self.month.month - 1) if self.month.month > 1 else (self.month.year - 1, 12)
        return AsOf(dt.date(y, m, 1))

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")


@dataclass(frozen=True)
class Filter:
    """Optional filters from the sidebar/URL. kecamatan is a kode (32.75.08)."""

    kecamatan: str | None = None
    segmen: str | None = None

    @classmethod
    def parse(cls, kecamatan: str | None = None, segmen: str | None = None) -> Filter:
        kode = None
        if kecamatan:
            kode = regions.find_kecamatan(kecamatan)
            if kode is None:
                raise InputError(f"kecamatan '{kecamatan}' tidak dikenal")
        seg = None
        if segmen:
            seg = re.sub(r"[^A-Z0-9]+", "_", str(segmen).upper()).strip("_") or None
        return cls(kode, seg)


# ------------------------------------------------------------------ SQL


def sql_file(name: str) -> str:
    """The text of figures/sql/<name>."""
    return resources.files("ucj_oversight.figures").joinpath(f"sql/{name}").read_text("utf-8")


@functools.cache
def sql(stem: str) -> str:
    """A figure's SQL, with shared fragments ({{orang_aktif}} = sql/_orang_aktif.sql) inlined so
    that a rule used by several figures is written once; a fragment may include another."""
    text = sql_file(f"{stem}.sql")
    for _ in range(5):  # a fragment may include another ({{orang_kecamatan}} uses {{orang_aktif}})
        fragments = set(re.findall(r"{{(\w+)}}", text))
        if not fragments:
            return text
        for fragment in fragments:
            body = "\n".join(
                line for line in sql_file(f"_{fragment}.sql").splitlines() if not line.strip().startswith("--")
            )
            text = text.replace("{{" + fragment + "}}", body.strip())
    raise ValueError(f"{stem}.sql: fragments nested more than 5 deep")


def params(asof: AsOf, filter: Filter | None = None) -> dict:
    """The SQL parameters of a month and filters ($bulan, $tgl_akhir_bulan, $tahun, ...), and the
    due dates of the billing months of Y-4 .. Y ($jatuh_tempo_bulan, $jatuh_tempo_tanggal: two
    lists of equal length, due_dates.window)."""
    f = filter or Filter()
    months, due = due_dates.window(asof.year)
    return dict(
        bulan=asof.month,
        tgl_akhir_bulan=asof.end,
        tahun=asof.year,
        awal_tahun=asof.year_start,
        kecamatan=f.kecamatan,
        segmen=f.segmen,
        jatuh_tempo_bulan=months,
        jatuh_tempo_tanggal=due,
    )


def run_sql(con: duckdb.DuckDBPyConnection, stem: str, **parameters) -> pd.DataFrame:
    """Run sql/<stem>.sql with the parameters it uses bound; the result as DuckDB gives it."""
    text = sql(stem)
    used = {k: v for k, v in parameters.items() if f"${k}" in text}
    return con.execute(text, used).df()


def run(con: duckdb.DuckDBPyConnection, spec: FigureSpec, **parameters) -> pd.DataFrame:
    """Run a spec's SQL and cast the result to its declared columns (ValueError if the SQL
    returns other columns than declared, or in another order)."""
    return cast(run_sql(con, spec.sql, **parameters), spec)


def cast(df: pd.DataFrame, spec: FigureSpec) -> pd.DataFrame:
    declared = [c.name for c in spec.sql_columns]
    if list(df.columns) != declared:
        raise ValueError(f"{spec.name}: the SQL returns {list(df.columns)}, the spec declares {declared}")
    for c in spec.sql_columns:
        df[c.name] = _cast_column(df[c.name], c)
    return df


def _cast_column(s: pd.Series, c: Column) -> pd.Series:
    if c.dtype == "string":
        return s
    if c.dtype == "month":
        return pd.to_datetime(s).dt.strftime("%Y-%m")
    if c.dtype == "day":
        return pd.to_datetime(s).dt.strftime("%Y-%m-%d")
    if c.dtype == "datetime":
        return s.astype("datetime64[us]")
    if c.dtype == "float64":
        s = pd.to_numeric(s)
    if c.fill is not None:
        s = s.fillna(c.fill)
    return s.astype(c.dtype)
