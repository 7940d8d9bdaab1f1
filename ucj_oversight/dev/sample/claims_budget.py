"""Klaim, sasaran, anggaran and realisasi (SP2D), built from the simulated population and billing."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .constants import (
    KECAMATAN_POPULATION,
    KLAIM_JHT,
    KLAIM_JKK_MAX,
    KLAIM_JKK_MIN,
    MANFAAT_JKM,
    PAGU_FACTOR_MURNI,
    PAGU_FACTOR_MURNI_2025,
    PAGU_FACTOR_PERUBAHAN,
    PAGU_FACTOR_PERUBAHAN_2025,
    PROGRAM_START,
    REKENING_JKK,
    REKENING_JKM,
    SASARAN_KOTA,
    SEGMEN,
    SEGMEN_PROFILE,
    SHARE_KLAIM_DITOLAK,
    SHARE_KLAIM_JKK_LARGE,
    SHARE_PAID_LATE,
    TARIF_IURAN,
    TARIF_JKK,
    TARIF_JKM,
    TEMUAN_KLAIM_LUAR_MASA,
    TEMUAN_SP2D_GANDA,
    URAIAN_REKENING,
    WORK_ACCIDENT_RATE,
)
from .helpers import planted_count


def build_klaim(
    rng, *, scale, kpj, segmen, start, end, status, valid, start_idx, end_idx, n_months, ref_date, unknown_kpj
) -> pd.DataFrame:
    """The klaim extract: JKM for every death, JKK accidents per person-month, planted temuan.

    Per peserta (index into ``kpj``): cover dates ``start``/``end``, billed month indices
    ``start_idx``/``end_idx``, ``valid`` (a row the import accepts); ``unknown_kpj`` are KPJ
    numbers of no peserta (KLAIM_TANPA_PESERTA).
    """
    n = len(kpj)
    program_start_day = PROGRAM_START.astype("datetime64[D]")
    parts = []  # (peserta index or -1, program, tgl_kejadian)

    # JKM: every death of a valid peserta (tgl_kejadian = tgl_akhir = date of death).
    died = np.flatnonzero(valid & (status == 2))
    parts.append((died, np.full(len(died), "JKM", dtype=object), end[died]))

    # JKK: accidents per person-month, more often for ojek and sopir.
    multiplier = np.array([SEGMEN_PROFILE[s][4] for s in SEGMEN])[segmen]
    p_month = WORK_ACCIDENT_RATE * multiplier / 12
    for m in range(n_months):  # per month, vectorised over peserta
        covered = np.flatnonzero(valid & (start_idx <= m) & (end_idx >= m))
        injured = covered[rng.random(len(covered)) < p_month[covered]]
        first = (PROGRAM_START + m).astype("datetime64[D]")
        date = first + rng.integers(0, 28, size=len(injured)).astype("timedelta64[D]")
        limit = np.where(np.isnat(end[injured]), ref_date, np.minimum(end[injured], ref_date))
        parts.append((injured, np.full(len(injured), "JKK", dtype=object), np.minimum(date, limit)))

    # KLAIM_LUAR_MASA: an accident before registration (registered after the accident) or
    # after the exit.
    k_outside = planted_count(TEMUAN_KLAIM_LUAR_MASA, scale)
    before_start = rng.permutation(np.flatnonzero(valid & (status == 0) & (start >= program_start_day + 60)))
    after_end = rng.permutation(np.flatnonzero(valid & (status == 1) & (end + 95 <= ref_date)))
    i_before = before_start[: (k_outside + 1) // 2]
    i_after = after_end[: k_outside - len(i_before)]
    parts.append(
        (
            i_before,
            np.full(len(i_before), "JKK", dtype=object),
            start[i_before] - rng.integers(5, 60, size=len(i_before)).astype("timedelta64[D]"),
        )
    )
    parts.append(
        (
            i_after,
            np.full(len(i_after), "JKK", dtype=object),
            end[i_after] + rng.integers(10, 90, size=len(i_after)).astype("timedelta64[D]"),
        )
    )

    # JHT is not part of the UCJ package (rejected); KLAIM_TANPA_PESERTA uses unknown KPJ numbers.
    jht = rng.choice(np.flatnonzero(valid & (status == 0)), size=KLAIM_JHT, replace=False)
    jht_dates = ref_date - rng.integers(60, 300, size=KLAIM_JHT).astype("timedelta64[D]")
    parts.append((jht, np.full(KLAIM_JHT, "JHT", dtype=object), jht_dates))
    n_unknown = len(unknown_kpj)
    unknown_dates = program_start_day + rng.integers(
        0, int((ref_date - program_start_day).astype(int)) - 60, size=n_unknown
    ).astype("timedelta64[D]")
    parts.append((np.full(n_unknown, -1), np.full(n_unknown, "JKK", dtype=object), unknown_dates))

    who = np.concatenate([part[0] for part in parts]).astype(np.int64)
    program = np.concatenate([part[1] for part in parts])
    incident = np.concatenate([part[2] for part in parts]).astype("datetime64[D]")
    no_kpj = np.where(who >= 0, kpj[np.clip(who, 0, n - 1)], "")
    no_kpj[who < 0] = unknown_kpj
    k = len(who)

    submit_delay = np.where(program == "JKM", rng.integers(7, 61, size=k), rng.integers(1, 31, size=k))
    submitted = incident + submit_delay.astype("timedelta64[D]")
    pay_delay = np.where(rng.random(k) < SHARE_PAID_LATE, rng.integers(31, 91, size=k), rng.integers(5, 26, size=k))
    paid_on = submitted + pay_delay.astype("timedelta64[D]")
    p_rejected = np.where(program == "JKM", SHARE_KLAIM_DITOLAK["JKM"], SHARE_KLAIM_DITOLAK["JKK"])
    rejected = (rng.random(k) < p_rejected) | (program == "JHT")
    paid = ~rejected & (paid_on <= ref_date)
    status_klaim = np.where(rejected, "DITOLAK", np.where(paid, "DIBAYAR", "PROSES"))

    large = rng.random(k) < SHARE_KLAIM_JKK_LARGE
    jkk = np.where(
        large,
        rng.uniform(70e6, 250e6, size=k),
        np.clip(rng.lognormal(np.log(6e6), 0.9, size=k), KLAIM_JKK_MIN, KLAIM_JKK_MAX),
    )
    manfaat = np.where(program == "JKM", MANFAAT_JKM, np.round(jkk, -2)).astype(np.int64)

    df = pd.DataFrame(
        {
            "no_kpj": no_kpj.astype(str),
            "program": program.astype(str),
            "tgl_kejadian": incident,
            "tgl_pengajuan": submitted,
            "tgl_bayar": np.where(paid, paid_on, np.datetime64("NaT")),
            "nominal_dibayar": np.where(paid, manfaat, 0),
            "status": status_klaim,
        }
    )
    # Klaim submitted after the reference date are not known yet.
    df = df[df["tgl_pengajuan"] <= ref_date]
    df = df.sort_values(["tgl_pengajuan", "no_kpj", "program"], kind="stable").reset_index(drop=True)
    year = df["tgl_pengajuan"].dt.year
    order = df.groupby([df["program"], year]).cumcount() + 1
    df.insert(
        0,
        "no_klaim",
        df["program"] + "-" + year.astype(str) + "-" + order.astype(str).str.zfill(5),
    )
    return df


def _split_proportionally(total: int, weights: np.ndarray) -> np.ndarray:
    """Whole-number split by largest remainder, so that the parts add up to exactly ``total``."""
    quota = total * weights / weights.sum()
    base = np.floor(quota).astype(np.int64)
    remainder = total - base.sum()
    base[np.argsort(-(quota - base), kind="stable")[:remainder]] += 1
    return base


def build_sasaran(regions, scale: float, last_month: np.datetime64) -> pd.DataFrame:
    """The sasaran extract: the city sasaran per year split over kecamatan by population."""
    population = np.array([KECAMATAN_POPULATION[k] for k in regions.nama_kecamatan], dtype=float)
    last_year = int(str(last_month)[:4])
    rows = []
    for year in range(2025, last_year + 1):
        total = int(round(SASARAN_KOTA.get(year, SASARAN_KOTA[max(SASARAN_KOTA)]) * scale))
        per_kecamatan = _split_proportionally(total, population)
        for code, name, count in zip(regions.kode_kecamatan, regions.nama_kecamatan, per_kecamatan):
            rows.append((year, code, name, "", int(count)))
    return pd.DataFrame(rows, columns=["tahun", "kode_kecamatan", "kecamatan", "segmen", "jumlah_sasaran"])


def _year_need(year: int, tagihan: np.ndarray) -> int:
    """The tagihan paid in that year: the bills of December last year up to November.

    Months after the last data month are estimated as equal to the last month's bill.
    """
    first = (year - 2025) * 12 - 1
    total = 0
    for m in range(max(first, 0), first + 12):
        total += int(tagihan[min(m, len(tagihan) - 1)])
    return total


def _round_million(x: float) -> int:
    return int(round(x / 1_000_000)) * 1_000_000


def _working_day(year: int, month: int, day: int) -> np.datetime64:
    """The date, or the next working day (Mon-Fri) when it falls on a weekend."""
    return np.busday_offset(np.datetime64(f"{year:04d}-{month:02d}-{day:02d}"), 0, roll="forward")


def build_anggaran(rng, tagihan, tagihan_komunitas, last_month) -> pd.DataFrame:
    """The anggaran extract: pagu murni (and perubahan, from September) per year and rekening."""
    last_year = int(str(last_month)[:4])
    month_no = int(str(last_month)[5:7])
    rows = []
    for year in range(2025, last_year + 1):
        need = _year_need(year, tagihan)
        if year == 2025:
            murni = _year_need(year, tagihan_komunitas) * PAGU_FACTOR_MURNI_2025
            perubahan = need * PAGU_FACTOR_PERUBAHAN_2025
        else:
            murni = need * PAGU_FACTOR_MURNI
            perubahan = need * PAGU_FACTOR_PERUBAHAN
        versions = [("MURNI", _working_day(year - 1, 12, int(rng.integers(15, 24))), murni)]
        if year < last_year or month_no >= 9:  # the APBD-P is adopted around September
            versions.append(("PERUBAHAN", _working_day(year, 9, int(rng.integers(15, 27))), perubahan))
        for kind, date, total in versions:
            for rek, share in ((REKENING_JKK, TARIF_JKK), (REKENING_JKM, TARIF_JKM)):
                pagu = _round_million(total * share / TARIF_IURAN)
                rows.append((year, rek, URAIAN_REKENING[rek], kind, date, pagu))
    df = pd.DataFrame(rows, columns=["tahun", "kode_rekening", "uraian", "jenis", "tgl_penetapan", "pagu"])
    df["tgl_penetapan"] = df["tgl_penetapan"].astype("datetime64[s]")
    return df


def build_realisasi(rng, tagihan: np.ndarray, periode: list[str]) -> pd.DataFrame:
    """The realisasi extract: one SP2D per rekening per billing month, paid the month after."""
    rows = []
    sp2d_number: dict[int, int] = {}
    for m in range(len(periode) - 1):  # the as_of month's tagihan is not paid yet
        paid_on = PROGRAM_START + m + 1
        year, month = int(str(paid_on)[:4]), int(str(paid_on)[5:7])
        # The SP2D register holds all city spending, so the numbers jump between months.
        sp2d_number[year] = sp2d_number.get(year, int(rng.integers(40, 120))) + int(rng.integers(150, 420))
        date = _working_day(year, month, int(rng.integers(6, 20)))
        jkk = int(round(int(tagihan[m]) * TARIF_JKK / TARIF_IURAN))
        for j, (rek, amount) in enumerate(((REKENING_JKK, jkk), (REKENING_JKM, int(tagihan[m]) - jkk))):
            rows.append((f"{sp2d_number[year] + j:04d}/SP2D/LS/BPKAD/{year}", date, rek, amount, periode[m]))

    # SP2D_GANDA: payment records uploaded again in a later batch -- one exact copy, one with
    # the date of the repeated batch. Inserted after the rows of the following month.
    n_paid_months = len(rows) // 2
    if n_paid_months >= 3:
        half = n_paid_months // 2
        chosen = [int(rng.integers(0, half)), int(rng.integers(half, n_paid_months - 1))][:TEMUAN_SP2D_GANDA]
        inserts = {}
        for k, paid_month in enumerate(chosen):
            original = rows[2 * paid_month + (1 if k == 0 else 0)]
            date = original[1] if k == 0 else rows[2 * (paid_month + 1)][1]
            inserts[2 * (paid_month + 1) + 2] = (original[0], date, original[2], original[3], original[4])
        for position in sorted(inserts, reverse=True):
            rows.insert(position, inserts[position])
    df = pd.DataFrame(rows, columns=["no_sp2d", "tgl_sp2d", "kode_rekening", "nominal", "periode_tagihan"])
    df["tgl_sp2d"] = df["tgl_sp2d"].astype("datetime64[s]")
    return df
