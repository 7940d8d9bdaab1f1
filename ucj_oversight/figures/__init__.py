"""The oversight figures: one function per figure, each declared once in spec.py (`fn.spec`).

Pages, the export and the briefing all call these functions; none of them computes a
definition again. A SQL-backed figure runs its file from sql/ through runner.run, which binds
every user-supplied value (month, kecamatan, segmen) as a parameter and casts the result to the
declared dtypes. Composed figures (cakupan_kota, ringkasan, klaim_layanan, biaya_per_peserta_bulan,
proyeksi_akhir_tahun, laju_cakupan) combine other figures.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ucj_oversight import settings

# AsOf, Filter, InputError, memoized, once and SPECS are part of this package's API; the coverage
# arithmetic (city totals, the pace needed) is shared with the pandas reference.
from ucj_oversight.figures import runner
from ucj_oversight.figures.coverage import (  # noqa: F401
    city_totals,
    compose_laju_cakupan,
    compose_laju_kota,
    months_back,
    months_remaining,
)
from ucj_oversight.figures.protection import (  # noqa: F401
    bulan_menunggak,
    compose_perlindungan_kota,
    ketepatan_bayar,
    klaim_ditolak,
    perlindungan_kecamatan,
    perlindungan_kota,
    status_peserta,
    status_peserta_rincian,
)
from ucj_oversight.figures.runner import AsOf, Filter, InputError, memoized, once, params, run  # noqa: F401
from ucj_oversight.figures.spec import SPECS, FigureSpec, spec_of

# JKK 1% of the lowest declared income bracket (Rp 1.000.000) + JKM Rp 6.800 (PP 44/2015 jo. PP 82/2019).
DEFAULT_TARIF = 16_800
TEMUAN_CODES = (
    "NIK_TIDAK_VALID",
    "NIK_LUAR_KOTA",
    "NIK_GANDA_AKTIF",
    "IURAN_LUAR_MASA",
    "IURAN_TANPA_PESERTA",
    "IURAN_GANDA",
    "KLAIM_TANPA_PESERTA",
    "KLAIM_LUAR_MASA",
    "KLAIM_DITOLAK_TUNGGAKAN",
    "SP2D_GANDA",
    "BARIS_DITOLAK",
)
# Findings about APBD money (billing to the city, SP2D) and about BPJS benefits (claims): two
# "perlu klarifikasi" amounts that are never added together (compose_ringkasan).
TEMUAN_APBD = ("IURAN_LUAR_MASA", "IURAN_TANPA_PESERTA", "IURAN_GANDA", "SP2D_GANDA")
TEMUAN_MANFAAT = ("KLAIM_TANPA_PESERTA", "KLAIM_LUAR_MASA", "KLAIM_DITOLAK_TUNGGAKAN")
# The JKM benefit since PP 82/2019 (lump sum, periodic and funeral): what a refused JKM claim lost.
MANFAAT_JKM = 42_000_000


def tarif() -> int:
    """The monthly premium per registration; UCJ_TARIF overrides it (e.g. a new regulation)."""
    return settings.tarif_override() or DEFAULT_TARIF


def _declared(fn):
    """Attach the figure's FigureSpec (the one named like the function) as `fn.spec`."""
    fn.spec = SPECS[fn.__name__]
    return fn


def function(figure: FigureSpec | str):
    """The figure function of a FigureSpec (or of a figure name)."""
    spec = spec_of(figure)
    fn = globals().get(spec.name)
    if fn is None or getattr(fn, "spec", None) is not spec:
        raise KeyError(f"no figure function for spec {spec.name!r}")
    return fn


# ------------------------------------------------------------------ figures


@_declared
def latest_month(con) -> AsOf | None:
    r = con.execute(runner.sql(latest_month.spec.sql)).fetchone()
    return AsOf(r[0]) if r and r[0] else None


@_declared
def first_month(con) -> AsOf | None:
    """The first month with data (billing or SP2D; else an enrolment or a claim): where the
    month list begins."""
    r = con.execute(runner.sql(first_month.spec.sql)).fetchone()
    return AsOf(r[0]) if r and r[0] else None


@_declared
@memoized
def cakupan_kecamatan(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    return run(con, cakupan_kecamatan.spec, **params(asof, filter))


@_declared
@memoized
def cakupan_kota(con, asof: AsOf, filter: Filter | None = None) -> dict:
    """City (or filtered) totals of cakupan_kecamatan: the same computation, summed (city_totals)."""
    return city_totals(cakupan_kecamatan(con, asof, filter))


@_declared
@memoized
def sumber_semesta(con, asof: AsOf, filter: Filter | None = None) -> tuple[str, ...]:
    """The sources named for the semesta that cakupan_kecamatan uses (e.g. ('DTSEN 2025',)),
    each once; empty when no row with a semesta names one."""
    return tuple(str(v) for v in run(con, sumber_semesta.spec, **params(asof, filter))["sumber_semesta"])


@_declared
@memoized
def laju_cakupan(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    """The pace needed for universal coverage per kecamatan: the people still to cover
    (semesta - peserta_aktif) spread over the months from M to the end of the target year
    (settings.target_year()), against the net change of peserta_aktif per month over the last
    6 months (compose_laju_cakupan)."""
    now, before = cakupan_kecamatan(con, asof, filter), cakupan_kecamatan(con, months_back(asof, 6), filter)
    return compose_laju_cakupan(asof, now, before, settings.target_year())


@_declared
@memoized
def laju_cakupan_kota(con, asof: AsOf, filter: Filter | None = None) -> dict:
    """laju_cakupan for the city (or the filtered kecamatan): compose_laju_kota."""
    now, before = cakupan_kecamatan(con, asof, filter), cakupan_kecamatan(con, months_back(asof, 6), filter)
    return compose_laju_kota(asof, now, before, settings.target_year())


@_declared
@memoized
def cakupan_kelurahan(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    return run(con, cakupan_kelurahan.spec, **params(asof, filter))


@_declared
@memoized
def cakupan_segmen(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    return run(con, cakupan_segmen.spec, **params(asof, filter))


@_declared
@memoized
def tren_peserta(con, asof: AsOf, filter: Filter | None = None, months_back: int = 23) -> pd.DataFrame:
    y, m = asof.month.year, asof.month.month - months_back
    while m < 1:
        y, m = y - 1, m + 12
    return run(con, tren_peserta.spec, dari_bulan=dt.date(y, m, 1), **params(asof, filter))


@_declared
@memoized
def anggaran_bulanan(con, asof: AsOf) -> pd.DataFrame:
    return run(con, anggaran_bulanan.spec, **params(asof))


@_declared
@memoized
def klaim_program(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    return run(con, klaim_program.spec, **params(asof, filter))


@_declared
@memoized
def rekonsiliasi_iuran(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    return run(con, rekonsiliasi_iuran.spec, tarif=tarif(), **params(asof, filter))


@_declared
@memoized
def temuan(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    return run(con, temuan.spec, manfaat_jkm=MANFAAT_JKM, **params(asof, filter))


@_declared
def sumber_impor(con) -> pd.DataFrame:
    return run(con, sumber_impor.spec)


@_declared
@memoized
def ringkasan(con, asof: AsOf, filter: Filter | None = None) -> dict:
    """Headline figures for one month, each from the figure functions above."""
    cak = cakupan_kota(con, asof, filter)
    return compose_ringkasan(
        asof, cak, anggaran_bulanan(con, asof), klaim_program(con, asof, filter), temuan(con, asof, filter)
    )


def compose_ringkasan(asof: AsOf, cak: dict, ang: pd.DataFrame, kl: pd.DataFrame, tm: pd.DataFrame) -> dict:
    """The headline dict from the figures it summarises (shared with the pandas reference)."""
    last = ang.iloc[-1] if len(ang) else None
    return {
        "as_of": str(asof),
        "peserta_aktif": cak["peserta_aktif"],
        "sasaran": cak["sasaran"],
        "capaian_kuota_persen": cak["capaian_kuota_persen"],
        "semesta": cak["semesta"],
        "cakupan_semesta_persen": cak["cakupan_semesta_persen"],
        "pagu": float(last["pagu"]) if last is not None else 0.0,
        "realisasi_kumulatif": float(last["realisasi_kumulatif"]) if last is not None else 0.0,
        "serapan_persen": (
            float(last["serapan_persen"]) if last is not None and pd.notna(last["serapan_persen"]) else None
        ),
        "klaim_dibayar_jumlah": int(kl["jumlah_klaim"].sum()),
        "klaim_dibayar_nominal": float(kl["nominal_dibayar"].sum()),
        **perlu_klarifikasi(tm),
    }


def perlu_klarifikasi(tm: pd.DataFrame) -> dict:
    """The two 'perlu klarifikasi' amounts of a temuan table, never added together: APBD (billing
    and SP2D findings; with a kecamatan filter only the kecamatan's, the city-wide SP2D amount
    apart in apbd_klarifikasi_kota) and BPJS benefits (claim findings)."""
    apbd = tm[tm["kode_temuan"].isin(TEMUAN_APBD)]
    return {
        "apbd_klarifikasi": float(apbd.loc[~apbd["seluruh_kota"], "nominal"].sum()),
        "manfaat_klarifikasi": float(tm.loc[tm["kode_temuan"].isin(TEMUAN_MANFAAT), "nominal"].sum()),
        "apbd_klarifikasi_kota": float(apbd.loc[apbd["seluruh_kota"], "nominal"].sum()),
    }


@_declared
def segmen_list(con) -> list[str]:
    return [r[0] for r in con.execute(runner.sql(segmen_list.spec.sql)).fetchall() if r[0]]


@_declared
@memoized
def klaim_bulanan(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    return run(con, klaim_bulanan.spec, **params(asof, filter))


@_declared
@memoized
def klaim_kecamatan(con, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
    return run(con, klaim_kecamatan.spec, **params(asof, filter))


@_declared
@memoized
def klaim_layanan(con, asof: AsOf, filter: Filter | None = None) -> dict:
    """Claims applied in Y up to D: counts by outcome, days to payment, rejection rate
    (DITOLAK / decided), and benefit per rupiah of premiums paid (claims paid / realisasi)."""
    r = {
        k: (None if pd.isna(v) else int(v))
        for k, v in run(con, klaim_layanan.spec, **params(asof, filter)).iloc[0].items()
    }
    decided = (r["dibayar"] or 0) + (r["ditolak"] or 0)
    result = {
        "diajukan": r["diajukan"] or 0,
        "dibayar": r["dibayar"] or 0,
        "ditolak": r["ditolak"] or 0,
        "proses": r["proses"] or 0,
        "median_hari": r["median_hari"],
        "terlama_hari": r["terlama_hari"],
        "lebih_30_hari": r["lebih_30_hari"] or 0,
        "tingkat_penolakan_persen": round(100.0 * (r["ditolak"] or 0) / decided, 2) if decided else None,
    }
    # Premiums are paid city-wide (SP2D has no kecamatan): the ratio is only meaningful unfiltered.
    f = filter or Filter()
    if f.kecamatan is None and f.segmen is None:
        ang = anggaran_bulanan(con, asof)
        premiums = float(ang["realisasi_kumulatif"].iloc[-1]) if len(ang) else 0.0
        paid = float(klaim_program(con, asof)["nominal_dibayar"].sum())
        result["manfaat_per_rupiah"] = round(paid / premiums, 4) if premiums else None
    else:
        result["manfaat_per_rupiah"] = None
    return result


@_declared
@memoized
def biaya_per_peserta_bulan(con, asof: AsOf) -> dict:
    """Realisasi since 1 January divided by the registration-months covered in the same months
    (sum of registrasi_tertagih): what one covered person-month actually cost, vs the tariff."""
    return compose_biaya_per_peserta_bulan(anggaran_bulanan(con, asof), rekonsiliasi_iuran(con, asof))


def compose_biaya_per_peserta_bulan(ang: pd.DataFrame, rek: pd.DataFrame) -> dict:
    """The cost per person-month from the two figures it uses (shared with the pandas reference)."""
    person_months = int(rek["registrasi_tertagih"].sum())
    realisasi = float(ang["realisasi_kumulatif"].iloc[-1]) if len(ang) else 0.0
    return {
        "realisasi_kumulatif": realisasi,
        "registrasi_bulan": person_months,
        "biaya_per_peserta_bulan": round(realisasi / person_months, 2) if person_months else None,
        "tarif": tarif(),
    }


@_declared
@memoized
def proyeksi_akhir_tahun(con, asof: AsOf, reference_months: int = 3) -> dict:
    """Year-end projection of realisasi against the pagu in force.

    Run-rate: the average SP2D of the last `reference_months` months. Enrolment trend: the
    average monthly change in registrasi_tertagih over the same months, times the tariff, added
    for each month ahead. proyeksi = realisasi_kumulatif + sum over the remaining months
    k = 1..R of (run-rate + k x trend). selisih = pagu - proyeksi (negative: the pagu falls short).
    """
    return compute_proyeksi(asof, anggaran_bulanan(con, asof), rekonsiliasi_iuran(con, asof), reference_months)


def compute_proyeksi(asof: AsOf, ang: pd.DataFrame, rek: pd.DataFrame, reference_months: int = 3) -> dict:
    """The projection arithmetic over the two figures it uses (shared with the pandas reference)."""
    remaining = 12 - asof.month.month
    if ang.empty:
        return {
            "pagu": 0.0,
            "realisasi_kumulatif": 0.0,
            "proyeksi": 0.0,
            "selisih": 0.0,
            "sisa_bulan": remaining,
            "laju_bulanan": 0.0,
            "tren_registrasi_per_bulan": 0.0,
            "cukup": None,
        }
    recent = ang.tail(reference_months)
    rate = float(recent["realisasi_bulan"].mean())
    reg = rek["registrasi_tertagih"].tail(reference_months + 1).to_numpy()
    trend = float((reg[-1] - reg[0]) / (len(reg) - 1)) if len(reg) > 1 else 0.0
    cumulative = float(ang["realisasi_kumulatif"].iloc[-1])
    proyeksi = cumulative + sum(rate + k * trend * tarif() for k in range(1, remaining + 1))
    pagu = float(ang["pagu"].iloc[-1])
    return {
        "pagu": pagu,
        "realisasi_kumulatif": cumulative,
        "proyeksi": round(proyeksi, 2),
        "selisih": round(pagu - proyeksi, 2),
        "sisa_bulan": remaining,
        "laju_bulanan": round(rate, 2),
        "tren_registrasi_per_bulan": round(trend, 2),
        "cukup": pagu >= proyeksi if pagu else None,
    }


@_declared
def temuan_rincian(con, asof: AsOf, kode: str, filter: Filter | None = None) -> pd.DataFrame:
    """The rows behind one finding (at most 5.000), with identifiers masked. BARIS_DITOLAK: the
    quarantined rows (karantina_impor) of the imports in force (used by the current figures, or
    loading no row at all), as counted in temuan."""
    from ucj_oversight.privacy import mask_identifier

    if kode not in TEMUAN_CODES:
        raise InputError(f"kode temuan '{kode}' tidak dikenal")
    if kode == "BARIS_DITOLAK":
        imports = sumber_impor(con)
        in_force = imports.loc[imports["dipakai"] | (imports["baris_dimuat"] == 0), "impor_id"]
        rows = karantina_impor(con)
        return rows[rows["impor_id"].isin(in_force)].reset_index(drop=True)
    df = run(con, temuan_rincian.spec, kode=kode, manfaat_jkm=MANFAAT_JKM, **params(asof, filter))
    if kode != "SP2D_GANDA":  # SP2D numbers are public documents; KPJ and claim numbers are not
        df["rujukan"] = [mask_identifier(v) for v in df["rujukan"]]
    return df


@_declared
def karantina_impor(con) -> pd.DataFrame:
    return run(con, karantina_impor.spec)


@_declared
def is_simulated(con) -> bool:
    """True when any import the figures use is simulated (sample or example files)."""
    s = sumber_impor(con)
    return bool(len(s) and s[s["dipakai"]]["simulasi"].any())
