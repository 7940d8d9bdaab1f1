"""The figures of premium timeliness and protection (issue 13): whether the city paid each
month's invoice by its due date, the months still in arrears, the workers left without protection
because three invoices in a row were unpaid, the refused claims, and the BPJS status against the
dates. Declared in spec.py like every figure and re-exported by the package (figures.ketepatan_bayar,
...); the due dates come from due_dates.py (runner.run_sql provides the `jatuh_tempo` table).
"""

from __future__ import annotations

import pandas as pd

from ucj_oversight.figures.runner import AsOf, Filter, memoized, params, run
from ucj_oversight.figures.spec import SPECS


def _declared(fn):
    """Attach the figure's FigureSpec (the one named like the function) as `fn.spec`."""
    fn.spec = SPECS[fn.__name__]
    return fn


@_declared
@memoized
def ketepatan_bayar(con, asof: AsOf) -> pd.DataFrame:
    """Per billing month of Y up to M (city-wide: SP2D and invoices have no kecamatan): billed,
    paid by D (SP2D by periode_tagihan), due date, date paid in full, days late, arrears."""
    return run(con, ketepatan_bayar.spec, **params(asof))


@_declared
@memoized
def bulan_menunggak(con, asof: AsOf) -> dict:
    """The billing months (any year up to M) past their due date and not paid in full at D: how
    many, the days the oldest is overdue, the Rupiah owed; and the SP2D since 1 January that name
    no billing month."""
    r = run(con, bulan_menunggak.spec, **params(asof)).iloc[0]
    return {
        "bulan_menunggak": int(r["bulan_menunggak"]),
        "terlama_hari": None if pd.isna(r["terlama_hari"]) else int(r["terlama_hari"]),
        "tunggakan": float(r["tunggakan"]),
        "sp2d_tidak_teratribusi": float(r["sp2d_tidak_teratribusi"]),
    }


@_declared
@memoized
def perlindungan_kecamatan(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    """Per kecamatan: people active at D and those of them without protection in M because the
    city had not paid (three unpaid invoices), and the registration-months without protection
    since January."""
    return run(con, perlindungan_kecamatan.spec, **params(asof, filter))


@_declared
@memoized
def perlindungan_kota(con, asof: AsOf, filter: Filter | None = None) -> dict:
    """The city (or filtered) totals of perlindungan_kecamatan (compose_perlindungan_kota)."""
    return compose_perlindungan_kota(perlindungan_kecamatan(con, asof, filter))


def compose_perlindungan_kota(df: pd.DataFrame) -> dict:
    """The totals of a perlindungan_kecamatan table (shared with the pandas reference)."""
    return {c: int(df[c].sum()) for c in ("peserta_aktif", "tidak_terlindungi", "registrasi_bulan_tanpa_lindung")}


@_declared
@memoized
def klaim_ditolak(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    """Refused claims applied in Y up to D per reason (alasan_tolak), and how many of them had
    their incident in a month without protection."""
    return run(con, klaim_ditolak.spec, **params(asof, filter))


@_declared
@memoized
def status_peserta(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    """Registrations whose BPJS status disagrees with the dates at D (NONAKTIF or MENINGGAL while
    the dates say active; AKTIF after tgl_akhir), with how many were in a lapse in M."""
    return run(con, status_peserta.spec, **params(asof, filter))


@_declared
def status_peserta_rincian(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    """The registrations behind status_peserta (at most 5.000), KPJ masked: internal mode only."""
    from ucj_oversight.privacy import mask_identifier

    df = run(con, status_peserta_rincian.spec, **params(asof, filter))
    df["rujukan"] = pd.array([mask_identifier(v) for v in df["rujukan"]], dtype="string")
    return df
