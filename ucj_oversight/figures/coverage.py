"""Coverage arithmetic composed from cakupan_kecamatan (shared by the figure functions in
figures/__init__.py and the pandas reference): the city totals of both coverage figures
(capaian kuota, cakupan semesta) and the pace needed for universal coverage by a target year.
Pure functions of figure tables; no SQL, no connection."""

from __future__ import annotations

import pandas as pd

from ucj_oversight.figures.runner import AsOf
from ucj_oversight.figures.spec import SPECS


def city_totals(df: pd.DataFrame) -> dict:
    """The city totals of a cakupan_kecamatan table (shared with the pandas reference).

    peserta_aktif counts everyone. Each percentage counts, above and below the line, only the
    kecamatan that have its denominator: capaian kuota = people in kecamatan with a sasaran /
    the sum of those sasaran; cakupan semesta = people in kecamatan with a semesta / the sum of
    those semesta. So people in a kecamatan without a target (or without a semesta) are not in
    that numerator; None where no kecamatan has one."""
    sasaran, capaian = _city_ratio(df, "sasaran")
    semesta, cakupan = _city_ratio(df, "semesta")
    return {
        "peserta_aktif": int(df["peserta_aktif"].sum()),
        "sasaran": sasaran,
        "capaian_kuota_persen": capaian,
        "semesta": semesta,
        "cakupan_semesta_persen": cakupan,
    }


def _city_ratio(df: pd.DataFrame, denominator: str) -> tuple[int | None, float | None]:
    """(sum of `denominator` over the kecamatan that have one > 0, 100 x their people / that sum)."""
    rows = df[df[denominator].notna() & (df[denominator] > 0)]
    total = int(rows[denominator].sum())
    if not total:
        return None, None
    return total, round(100.0 * int(rows["peserta_aktif"].sum()) / total, 2)


PACE_MONTHS = 6  # the actual pace: the net change of peserta_aktif over the last 6 months, per month


def months_back(asof: AsOf, n: int) -> AsOf:
    """The as-of month n months before `asof`."""
    for _ in range(n):
        asof = asof.previous()
    return asof


def months_remaining(asof: AsOf, target_year: int) -> int:
    """Months after M up to December of the target year (0 when M is December of it or later):
    M = 2026-03, target 2027 -> April 2026 .. December 2027 = 21."""
    return max(0, (target_year - asof.year) * 12 + 12 - asof.month.month)


def _needed(short, remaining: int):
    """People per month: 0 when nobody is left to cover, None when no month is left."""
    if short is None:
        return None
    if short == 0:
        return 0.0
    return round(short / remaining, 2) if remaining else None


def compose_laju_cakupan(asof: AsOf, now: pd.DataFrame, before: pd.DataFrame, target_year: int) -> pd.DataFrame:
    """The pace table from cakupan_kecamatan at M and at M - 6 months (shared with the pandas
    reference). A kecamatan without a semesta (or with 0) has no kekurangan and no pace needed."""
    remaining = months_remaining(asof, target_year)
    prior = now["kode_kecamatan"].map(before.set_index("kode_kecamatan")["peserta_aktif"]).fillna(0).astype("int64")
    rows = []
    for r, p in zip(now.itertuples(), prior):
        has = pd.notna(r.semesta) and r.semesta > 0
        short = max(int(r.semesta) - int(r.peserta_aktif), 0) if has else None
        rows.append(
            (
                r.kode_kecamatan,
                r.nama_kecamatan,
                r.semesta,
                int(r.peserta_aktif),
                short,
                remaining,
                _needed(short, remaining),
                round((int(r.peserta_aktif) - int(p)) / PACE_MONTHS, 2),
            )
        )
    df = pd.DataFrame(rows, columns=SPECS["laju_cakupan"].names)
    for c in SPECS["laju_cakupan"].columns:
        df[c.name] = df[c.name].astype(c.dtype) if c.dtype != "string" else df[c.name].astype(now[c.name].dtype)
    return df


def compose_laju_kota(asof: AsOf, now: pd.DataFrame, before: pd.DataFrame, target_year: int) -> dict:
    """The city pace (shared with the pandas reference), by the numerator rule of cakupan
    semesta: semesta, peserta_aktif and the pace of the last 6 months over the kecamatan that
    have a semesta (> 0), so people in a kecamatan without one are left out; when no kecamatan
    has one, peserta_aktif and the pace are over all kecamatan and semesta is None."""
    remaining = months_remaining(asof, target_year)
    has = now["semesta"].notna() & (now["semesta"] > 0)
    rows = now[has] if has.any() else now
    codes = set(rows["kode_kecamatan"])
    active = int(rows["peserta_aktif"].sum())
    prior = int(before[before["kode_kecamatan"].isin(codes)]["peserta_aktif"].sum())
    semesta = int(rows["semesta"].sum()) if has.any() else None
    short = max(semesta - active, 0) if semesta is not None else None
    needed = _needed(short, remaining)
    pace = round((active - prior) / PACE_MONTHS, 2)
    return {
        "tahun_target": target_year,
        "semesta": semesta,
        "peserta_aktif": active,
        "kekurangan": short,
        "bulan_tersisa": remaining,
        "perlu_per_bulan": needed,
        "laju_6_bulan": pace,
        "cukup": None if needed is None else pace >= needed,
    }
