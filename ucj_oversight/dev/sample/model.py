"""The simulation model: population, registrations, NIK, planted findings and iuran billing.

:func:`simulate` draws everything from one ``numpy.random.default_rng(seed)`` stream, in a fixed
order, and is vectorised (no loop per peserta or per iuran row); klaim, sasaran, anggaran and
realisasi are built from its results in :mod:`.claims_budget`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .claims_budget import build_anggaran, build_klaim, build_sasaran
from .constants import (
    AGE_MAX,
    AGE_MIN,
    CITY_CODE,
    DEATH_RATE_AGE_45,
    DEATH_RATE_GROWTH_PER_YEAR_OF_AGE,
    JAKARTA_SELATAN_CODE,
    KAB_BEKASI_CODE,
    KECAMATAN_KAB_BEKASI,
    KECAMATAN_POPULATION,
    KECAMATAN_REACH,
    KPJ_NUMBER_START,
    KPJ_PREFIX,
    PESERTA_GELOMBANG_NOV,
    PESERTA_KOMUNITAS,
    PESERTA_SUSULAN_PER_MONTH,
    PROGRAM_START,
    REGIONS_FILE,
    REJECTED_END_BEFORE_START,
    REJECTED_KAB_BEKASI,
    REJECTED_NO_TGL_MULAI,
    REJECTED_REPEATED_KPJ,
    SEGMEN,
    SEGMEN_KOMUNITAS,
    SEGMEN_PROFILE,
    SEGMEN_RENTAN,
    SHARE_GELOMBANG_FROM_DECEMBER,
    SHARE_KOMUNITAS_FROM_JANUARY,
    SHARE_SUSULAN_KOMUNITAS,
    STATUS_AKTIF,
    STATUS_MENINGGAL,
    STATUS_NONAKTIF,
    TARIF_IURAN,
    TEMUAN_IURAN_LUAR_MASA_KELUAR,
    TEMUAN_IURAN_LUAR_MASA_MENINGGAL,
    TEMUAN_IURAN_TANPA_PESERTA,
    TEMUAN_KLAIM_TANPA_PESERTA,
    TEMUAN_NIK_GANDA_AKTIF,
    TEMUAN_NIK_LUAR_KOTA,
    TEMUAN_NIK_TIDAK_VALID,
    UNKNOWN_KPJ_NUMBER_START,
)
from .helpers import month_end, planted_count
from .payments import Payments, bpjs_status, build_realisasi, schedule_payments


@dataclass
class Regions:
    """The kecamatan and kelurahan of the city, from ``REGIONS_FILE``."""

    kode_kecamatan: list[str]  # per kecamatan, in code order
    nama_kecamatan: list[str]
    kelurahan: list[str]  # per kelurahan
    kecamatan_index: np.ndarray  # index of each kelurahan's kecamatan


@dataclass
class Simulation:
    """The simulated extracts (``None`` when only counted) and the number of iuran rows."""

    as_of: np.datetime64  # month
    periode: list[str]  # "YYYY-MM" from Jan 2025 up to as_of
    regions: Regions | None = None
    peserta: pa.Table | None = None
    iuran: pa.Table | None = None
    sasaran: pd.DataFrame | None = None
    anggaran: pd.DataFrame | None = None
    realisasi: pd.DataFrame | None = None
    klaim: pd.DataFrame | None = None
    payments: Payments | None = None
    n_iuran: int = 0


def _read_regions() -> Regions:
    with open(REGIONS_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    codes = sorted({row["kode_kecamatan"] for row in rows})
    names = {row["kode_kecamatan"]: row["nama_kecamatan"] for row in rows}
    return Regions(
        kode_kecamatan=codes,
        nama_kecamatan=[names[k] for k in codes],
        kelurahan=[row["nama_kelurahan"] for row in rows],
        kecamatan_index=np.array([codes.index(row["kode_kecamatan"]) for row in rows], dtype=np.int16),
    )


def _month_index(d: np.ndarray) -> np.ndarray:
    """Month index relative to Jan 2025 (NaT -> a very negative value; filter with isnat)."""
    return (d.astype("datetime64[M]") - PROGRAM_START).astype(np.int64)


def _serial_numbers(keys: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """NIK serial numbers (4 digits), unique per (kecamatan, date of birth, sex).

    Dukcapil numbers each such combination upwards; the peserta are only part of the population,
    so our numbers go up in random steps of 1-3.
    """
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    step = rng.integers(1, 4, size=len(k))
    cumulative = np.cumsum(step)
    group_start = np.r_[True, k[1:] != k[:-1]]
    base = np.maximum.accumulate(np.where(group_start, cumulative - step, 0))
    serial = np.empty_like(cumulative)
    serial[order] = cumulative - base
    if serial.max() > 9999:
        raise ValueError("skala terlalu besar untuk nomor urut NIK 4 digit")
    return serial


def simulate(*, seed: int, scale: float, as_of: str, count_only: bool = False) -> Simulation:
    """Simulate the programme from January 2025 up to ``as_of`` ("YYYY-MM") at ``scale``.

    With ``count_only`` only the number of iuran rows is computed (no tables are built).
    """
    rng = np.random.default_rng(seed)
    last_month = np.datetime64(as_of, "M")
    if last_month < PROGRAM_START:
        raise ValueError("as_of harus Januari 2025 atau sesudahnya")
    ref_date = month_end(np.array([last_month.astype("datetime64[D]")]))[0]
    n_months = int(last_month - PROGRAM_START) + 1
    periode = [str(PROGRAM_START + i) for i in range(n_months)]
    regions = _read_regions()
    n_kec = len(regions.kode_kecamatan)

    # ---- registrations: komunitas (2025), the November gelombang, susulan 2026 ------------
    n_kom = int(round(PESERTA_KOMUNITAS * scale))
    n_nov = int(round(PESERTA_GELOMBANG_NOV * scale))
    seg_kom = rng.choice(len(SEGMEN_KOMUNITAS), size=n_kom, p=list(SEGMEN_KOMUNITAS.values()))
    seg_nov = len(SEGMEN_KOMUNITAS) + rng.choice(len(SEGMEN_RENTAN), size=n_nov, p=list(SEGMEN_RENTAN.values()))
    start_kom = np.where(rng.random(n_kom) < SHARE_KOMUNITAS_FROM_JANUARY, 0, rng.integers(1, 10, size=n_kom))
    start_nov = np.where(rng.random(n_nov) < SHARE_GELOMBANG_FROM_DECEMBER, 11, 10)
    n_sus_per_month = int(round(PESERTA_SUSULAN_PER_MONTH * scale))
    start_sus = np.repeat(np.arange(12, 24), n_sus_per_month)
    n_sus = len(start_sus)
    seg_sus = np.where(
        rng.random(n_sus) < SHARE_SUSULAN_KOMUNITAS,
        rng.choice(len(SEGMEN_KOMUNITAS), size=n_sus, p=list(SEGMEN_KOMUNITAS.values())),
        len(SEGMEN_KOMUNITAS) + rng.choice(len(SEGMEN_RENTAN), size=n_sus, p=list(SEGMEN_RENTAN.values())),
    )
    segmen = np.concatenate([seg_kom, seg_nov, seg_sus]).astype(np.int8)
    start_month = np.concatenate([start_kom, start_nov, start_sus])
    n = len(segmen)

    # File order = registration order (KPJ numbers ascending); random within a month.
    order = np.lexsort((rng.random(n), start_month))
    segmen, start_month = segmen[order], start_month[order]
    happened = start_month < n_months  # registrations after as_of have not happened yet
    segmen, start_month = segmen[happened], start_month[happened]
    n = len(segmen)
    if n == 0:
        raise ValueError("skala terlalu kecil: tidak ada peserta")
    start = (PROGRAM_START + start_month).astype("datetime64[D]")

    max_step = min(9, max(1, (UNKNOWN_KPJ_NUMBER_START - KPJ_NUMBER_START) // (n + 1)))
    if max_step < 2:
        raise ValueError("skala terlalu besar untuk ruang nomor KPJ")
    kpj_number = KPJ_NUMBER_START + np.cumsum(rng.integers(1, max_step + 1, size=n))

    # ---- regions: kelurahan drawn with weight population x reach ---------------------------
    kecamatan_weight = np.array(
        [KECAMATAN_POPULATION[k] * KECAMATAN_REACH[k] for k in regions.nama_kecamatan], dtype=float
    )
    kelurahan_weight = rng.uniform(0.6, 1.4, size=len(regions.kelurahan))
    weight_per_kecamatan = np.bincount(regions.kecamatan_index, weights=kelurahan_weight, minlength=n_kec)
    p_kel = kecamatan_weight[regions.kecamatan_index] * kelurahan_weight / weight_per_kecamatan[regions.kecamatan_index]
    kel = rng.choice(len(regions.kelurahan), size=n, p=p_kel / p_kel.sum()).astype(np.int16)
    kec = regions.kecamatan_index[kel]

    # ---- demography ----------------------------------------------------------------------
    profile = np.array([SEGMEN_PROFILE[s] for s in SEGMEN], dtype=float)
    female = rng.random(n) < profile[segmen, 0]
    age = np.clip(rng.normal(profile[segmen, 1], profile[segmen, 2]), AGE_MIN, AGE_MAX)
    born = start - (age * 365.25).astype(np.int64).astype("timedelta64[D]")

    # ---- deaths and exits (exponential time to event) --------------------------------------
    death_hazard = DEATH_RATE_AGE_45 * np.exp(DEATH_RATE_GROWTH_PER_YEAR_OF_AGE * (age - 45))
    death_date = start + (rng.exponential(1 / death_hazard) * 365.25).astype(np.int64).astype("timedelta64[D]")
    # An exit (RT term ended, appointed PPPK, moved away) is effective until the end of the month.
    exit_date = month_end(
        start + (rng.exponential(1 / profile[segmen, 3]) * 365.25).astype(np.int64).astype("timedelta64[D]")
    )
    died = (death_date <= exit_date) & (death_date <= ref_date)
    exited = ~died & (exit_date <= ref_date)
    end = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    end[died] = death_date[died]
    end[exited] = exit_date[exited]
    status = np.zeros(n, dtype=np.int8)  # 0 AKTIF, 1 NONAKTIF, 2 MENINGGAL
    status[exited] = 1
    status[died] = 2

    # ---- NIK ------------------------------------------------------------------------------
    born_y = born.astype("datetime64[Y]")
    born_m = born.astype("datetime64[M]")
    day = (born - born_m.astype("datetime64[D]")).astype(np.int64) + 1 + 40 * female
    birth_month = (born_m - born_y.astype("datetime64[M]")).astype(np.int64) + 1
    yy = (born_y.astype(np.int64) + 1970) % 100
    kec_number = np.array([int(k[-2:]) for k in regions.kode_kecamatan], dtype=np.int64)[kec]
    date6 = day * 10_000 + birth_month * 100 + yy
    serial = _serial_numbers((kec_number * 1_000_000 + date6) * 2 + female, rng)
    nik_number = int(CITY_CODE) * 10**12 + kec_number * 10**10 + date6 * 10**4 + serial

    # ---- temuan planted in peserta: disjoint sets of peserta that stay active --------------
    still_active = np.flatnonzero(status == 0)
    shuffled = rng.permutation(still_active)
    is_komunitas = segmen[shuffled] < len(SEGMEN_KOMUNITAS)
    pool_komunitas = list(shuffled[is_komunitas & (start_month[shuffled] == 0)])
    pool_rentan = list(shuffled[~is_komunitas])
    pool_any = list(shuffled)
    used: set[int] = set()

    def take(pool: list[int], k: int) -> np.ndarray:
        result = []
        while pool and len(result) < k:
            i = int(pool.pop())
            if i not in used:
                used.add(i)
                result.append(i)
        return np.array(result, dtype=np.int64)

    dup_original = take(pool_komunitas, planted_count(TEMUAN_NIK_GANDA_AKTIF, scale))
    dup_copy = take(pool_rentan, len(dup_original))
    dup_original = dup_original[: len(dup_copy)]
    nik_tidak_valid = take(pool_any, planted_count(TEMUAN_NIK_TIDAK_VALID, scale))
    nik_luar_kota = take(pool_any, planted_count(TEMUAN_NIK_LUAR_KOTA, scale))
    reject_kab = take(pool_any, planted_count(REJECTED_KAB_BEKASI, scale))
    reject_no_start = take(pool_any, planted_count(REJECTED_NO_TGL_MULAI, scale))
    reject_end_first = take(pool_any, planted_count(REJECTED_END_BEFORE_START, scale))
    repeated = np.sort(take(pool_any, planted_count(REJECTED_REPEATED_KPJ, scale)))

    # One person registered twice (e.g. a kader Posyandu also in the PKH gelombang).
    nik_number[dup_copy] = nik_number[dup_original]
    born[dup_copy] = born[dup_original]
    female[dup_copy] = female[dup_original]
    kel[dup_copy] = kel[dup_original]
    kec[dup_copy] = kec[dup_original]

    # Region code for the Kabupaten Bekasi rows: a Kabupaten KTP (3216), no city kecamatan code.
    nik_number[reject_kab] = (
        int(KAB_BEKASI_CODE) * 10**12
        + rng.integers(1, 24, size=len(reject_kab)) * 10**10
        + nik_number[reject_kab] % 10**10
    )
    outside_prefix = np.where(
        rng.random(len(nik_luar_kota)) < 0.6,
        int(KAB_BEKASI_CODE) * 100 + rng.integers(1, 24, size=len(nik_luar_kota)),
        int(JAKARTA_SELATAN_CODE) * 100 + rng.integers(1, 11, size=len(nik_luar_kota)),
    )
    nik_number[nik_luar_kota] = outside_prefix * 10**10 + nik_number[nik_luar_kota] % 10**10

    nik = pc.cast(pa.array(nik_number), pa.string()).to_numpy(zero_copy_only=False)
    for j, i in enumerate(nik_tidak_valid):
        nik[i] = _corrupt_nik(nik[i], j, rng)

    start_shown = start.copy()
    start_shown[reject_no_start] = np.datetime64("NaT")
    end[reject_end_first] = month_end(start[reject_end_first] - np.timedelta64(365, "D"))
    status[reject_end_first] = 1
    rejected = np.zeros(n, dtype=bool)
    rejected[np.concatenate([reject_kab, reject_no_start, reject_end_first])] = True

    # ---- billing period: the cover period, except the planted overruns ---------------------
    start_idx = start_month.astype(np.int64)
    end_idx = np.where(np.isnat(end), n_months - 1, _month_index(end))
    start_idx[rejected] = 0
    end_idx[rejected] = -1  # rows the import rejects are not billed -> no double temuan
    billed_until = end_idx.copy()
    can_overrun = ~rejected & ~np.isnat(end) & (end_idx < n_months - 1)
    overrun_died = rng.permutation(np.flatnonzero(can_overrun & (status == 2)))[
        : planted_count(TEMUAN_IURAN_LUAR_MASA_MENINGGAL, scale)
    ]
    overrun_exited = rng.permutation(np.flatnonzero(can_overrun & (status == 1)))[
        : planted_count(TEMUAN_IURAN_LUAR_MASA_KELUAR, scale)
    ]
    overrun = np.sort(np.concatenate([overrun_died, overrun_exited]))
    billed_until[overrun] = np.minimum(end_idx[overrun] + rng.integers(1, 4, size=len(overrun)), n_months - 1)

    # Unknown KPJ numbers billed by BPJS but absent from the city's peserta data.
    n_unknown_iuran = planted_count(TEMUAN_IURAN_TANPA_PESERTA, scale)
    unknown_numbers = _unknown_numbers(rng, n_unknown_iuran + planted_count(TEMUAN_KLAIM_TANPA_PESERTA, scale))
    unknown_iuran = unknown_numbers[:n_unknown_iuran]
    unknown_start = rng.integers(0, n_months, size=n_unknown_iuran)
    unknown_end = np.minimum(unknown_start + rng.integers(0, 6, size=n_unknown_iuran), n_months - 1)

    source_start = np.concatenate([start_idx, unknown_start])
    source_end = np.concatenate([billed_until, unknown_end])
    per_month = _count_per_month(source_start, source_end, n_months)
    sim = Simulation(as_of=last_month, periode=periode, regions=regions, n_iuran=int(per_month.sum()))
    if count_only:
        return sim

    # ---- payment of the tagihan, the lapses it causes, the status BPJS reports -------------
    payments = schedule_payments(rng, periode, ref_date)
    planted = np.zeros(n, dtype=bool)
    planted[list(used)] = True
    status_bpjs, tgl_nonaktif = bpjs_status(
        rng,
        status=status,
        end=end,
        bill_start=start_idx,
        bill_end=billed_until,
        lapse=payments.lapse,
        ref_date=ref_date,
        exclude=planted | rejected | np.isin(np.arange(n), overrun),
        scale=scale,
    )

    # ---- peserta table ----------------------------------------------------------------------
    kpj = np.array(
        pc.binary_join_element_wise(KPJ_PREFIX, pc.cast(pa.array(kpj_number), pa.string()), "").to_numpy(
            zero_copy_only=False
        ),
        dtype=object,
    )
    kec_names = np.array(regions.nama_kecamatan, dtype=object)[kec]
    kec_codes = np.array(regions.kode_kecamatan, dtype=object)[kec]
    kel_names = np.array(regions.kelurahan, dtype=object)[kel]
    kab = list(KECAMATAN_KAB_BEKASI)
    for j, i in enumerate(reject_kab):
        kec_names[i] = kab[j % len(kab)]
        kel_names[i] = KECAMATAN_KAB_BEKASI[kec_names[i]][j % 3]
        kec_codes[i] = None

    columns = {
        "no_kpj": kpj,
        "nik": nik,
        "tgl_lahir": born,
        "jenis_kelamin": np.where(female, "P", "L").astype(object),
        "kode_kecamatan": kec_codes,
        "kecamatan": kec_names,
        "kelurahan": kel_names,
        "segmen": np.array(SEGMEN, dtype=object)[segmen],
        "tgl_mulai": start_shown,
        "tgl_akhir": end,
        "status": np.array([STATUS_AKTIF, STATUS_NONAKTIF, STATUS_MENINGGAL], dtype=object)[status_bpjs],
        "tgl_nonaktif": tgl_nonaktif,
    }
    # Repeated KPJ: rows sent again at the end of the file with an "updated" address.
    for name, values in columns.items():
        columns[name] = np.concatenate([values, values[repeated]])
    for j, i in enumerate(repeated):
        options = np.flatnonzero(regions.kecamatan_index == kec[i])
        new = options[(np.flatnonzero(options == kel[i])[0] + 1) % len(options)]
        columns["kelurahan"][n + j] = regions.kelurahan[new]
    sim.peserta = _peserta_table(columns)

    # ---- iuran: ordered by periode then KPJ number (like the monthly BPJS bill) -------------
    source_kpj = np.concatenate([kpj, np.array([KPJ_PREFIX + str(x) for x in unknown_iuran], dtype=object)])
    sim.iuran, tagihan_per_month = _build_iuran(source_start, source_end, per_month, source_kpj, periode)
    tagihan_komunitas = (
        _count_per_month(start_idx[segmen < len(SEGMEN_KOMUNITAS)], end_idx[segmen < len(SEGMEN_KOMUNITAS)], n_months)
        * TARIF_IURAN
    )

    # ---- klaim ------------------------------------------------------------------------------
    sim.klaim = build_klaim(
        rng,
        scale=scale,
        kpj=kpj[:n],
        segmen=segmen,
        start=start,
        end=end,
        status=status,
        valid=~rejected,
        start_idx=start_idx,
        end_idx=end_idx,
        billed_until=billed_until,
        lapse=payments.lapse,
        n_months=n_months,
        ref_date=ref_date,
        unknown_kpj=[KPJ_PREFIX + str(x) for x in unknown_numbers[n_unknown_iuran:]],
    )

    # ---- sasaran, anggaran, realisasi ------------------------------------------------------
    sim.sasaran = build_sasaran(regions, scale, last_month)
    sim.anggaran = build_anggaran(rng, tagihan_per_month, tagihan_komunitas, last_month)
    sim.realisasi = build_realisasi(rng, tagihan_per_month, periode, payments, ref_date)
    sim.payments = payments
    return sim


def _corrupt_nik(nik: str, j: int, rng: np.random.Generator) -> str:
    """A typical typo: one digit missing (15 digits) or 0/1 typed as the letter O/I."""
    if j % 2 == 0:
        pos = int(rng.integers(6, 16))
        return nik[:pos] + nik[pos + 1 :]
    pos = int(rng.integers(6, 16))
    letter = {"0": "O", "1": "I"}.get(nik[pos], "O")
    return nik[:pos] + letter + nik[pos + 1 :]


def _unknown_numbers(rng: np.random.Generator, k: int) -> np.ndarray:
    """``k`` distinct KPJ numbers from the range never issued to a peserta."""
    candidates = np.unique(rng.integers(UNKNOWN_KPJ_NUMBER_START, 100_000_000, size=k * 2 + 10))
    return rng.permutation(candidates)[:k]


def _count_per_month(start_idx: np.ndarray, end_idx: np.ndarray, n_months: int) -> np.ndarray:
    """Billing rows per month through cumulative differences (without building the rows)."""
    valid = end_idx >= start_idx
    delta = np.zeros(n_months + 1, dtype=np.int64)
    np.add.at(delta, start_idx[valid], 1)
    np.add.at(delta, end_idx[valid] + 1, -1)
    return np.cumsum(delta)[:n_months]


def _build_iuran(start_idx, end_idx, per_month, source_kpj, periode):
    """The iuran table (one row per billed person-month) and the tagihan per month in rupiah."""
    total = int(per_month.sum())
    source_index = np.empty(total, dtype=np.int32 if len(source_kpj) < 2**31 else np.int64)
    month = np.empty(total, dtype=np.int16)
    pos = 0
    for m in range(len(periode)):  # ~22 iterations, each vectorised over peserta
        idx = np.flatnonzero((start_idx <= m) & (end_idx >= m))
        source_index[pos : pos + len(idx)] = idx
        month[pos : pos + len(idx)] = m
        pos += len(idx)
    table = pa.table(
        {
            "periode": pa.array(periode, pa.string()).take(pa.array(month)),
            "no_kpj": pa.array(source_kpj, pa.string()).take(pa.array(source_index)),
            "nominal": pa.array(np.full(total, TARIF_IURAN, dtype=np.int64)),
        }
    )
    return table, per_month * TARIF_IURAN


def _peserta_table(columns: dict[str, np.ndarray]) -> pa.Table:
    date_columns = {"tgl_lahir", "tgl_mulai", "tgl_akhir", "tgl_nonaktif"}
    return pa.table(
        {
            name: pa.array(values, type=pa.date32() if name in date_columns else pa.string(), from_pandas=True)
            for name, values in columns.items()
        }
    )
