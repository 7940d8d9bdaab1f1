"""Klaim, sasaran and anggaran, built from the simulated population, billing and payments."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .constants import (
    ALASAN_TOLAK_JHT,
    ALASAN_TOLAK_LAIN,
    ALASAN_TOLAK_LUAR_MASA,
    ALASAN_TOLAK_TUNGGAKAN,
    APBD_P_HARI,
    KECAMATAN_POPULATION,
    KECAMATAN_RENTAN,
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
    SEMESTA_KOTA,
    SHARE_KEMATIAN_DIKLAIM,
    SHARE_KLAIM_DITOLAK,
    SHARE_KLAIM_JKK_LARGE,
    SHARE_PAID_LATE,
    SUMBER_SEMESTA,
    TARIF_IURAN,
    TARIF_JKK,
    TARIF_JKM,
    TEMUAN_KLAIM_LUAR_MASA,
    TEMUAN_KLAIM_LUAR_MASA_DIBAYAR,
    URAIAN_REKENING,
    WORK_ACCIDENT_RATE,
)
from .helpers import planted_count
from .payments import unprotected_in, working_day


def build_klaim(
    rng,
    *,
    scale,
    kpj,
    segmen,
    start,
    end,
    status,
    valid,
    start_idx,
    end_idx,
    billed_until,
    lapse,
    n_months,
    ref_date,
    unknown_kpj,
) -> pd.DataFrame:
    """The klaim extract: JKM for most deaths, JKK accidents per person-month, planted temuan.

    Per peserta (index into ``kpj``): cover dates ``start``/``end``, cover month indices
    ``start_idx``/``end_idx``, last billed month ``billed_until``, ``valid`` (a row the import
    accepts); ``lapse`` marks the months in which registrations billed three months in a row were
    not protected; ``unknown_kpj`` are KPJ numbers of no peserta (KLAIM_TANPA_PESERTA). A claim
    whose event fell in such a month is refused (ALASAN_TOLAK_TUNGGAKAN); most claims outside the
    cover period and a few others are refused too, each with its ``alasan_tolak``.
    """
    n = len(kpj)
    program_start_day = PROGRAM_START.astype("datetime64[D]")
    parts = []  # (peserta index or -1, program, tgl_kejadian)

    # JKM: the deaths of valid peserta that the heirs claim (tgl_kejadian = tgl_akhir = date of death).
    died = np.flatnonzero(valid & (status == 2) & (rng.random(n) < SHARE_KEMATIAN_DIKLAIM))
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
    n_before = (k_outside + 1) // 2
    n_outside_accepted = max(0, min(planted_count(TEMUAN_KLAIM_LUAR_MASA_DIBAYAR, scale), n_before - 1))
    # The accepted ones (paid: the finding with Rp) registered 3-8 months before the reference
    # date, so that the as-of year shows them; the refused ones from any time.
    recent = (start[before_start] >= ref_date - 240) & (start[before_start] <= ref_date - 90)
    i_before = np.concatenate([before_start[recent][:n_outside_accepted], before_start[~recent]])[:n_before]
    i_after = after_end[: k_outside - len(i_before)]
    outside_parts = (len(parts), len(parts) + 1)  # the parts of i_before and i_after
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
    first_unknown = max(program_start_day, ref_date - 420)  # mostly within the as-of year
    unknown_dates = first_unknown + rng.integers(
        0, max(1, int((ref_date - first_unknown).astype(int)) - 60), size=n_unknown
    ).astype("timedelta64[D]")
    parts.append((np.full(n_unknown, -1), np.full(n_unknown, "JKK", dtype=object), unknown_dates))

    part_kind = np.concatenate([np.full(len(part[0]), j) for j, part in enumerate(parts)])
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
    # Why refused, the later rules taking precedence: another reason, outside the cover period
    # (all but the accepted few), the city's arrears, JHT (not in the package).
    reason = np.full(k, "", dtype=object)
    p_rejected = np.where(program == "JKM", SHARE_KLAIM_DITOLAK["JKM"], SHARE_KLAIM_DITOLAK["JKK"])
    other = rng.random(k) < p_rejected
    for name, reasons in ALASAN_TOLAK_LAIN.items():
        mask = other & (program == name)
        reason[mask] = np.array(reasons, dtype=object)[rng.integers(0, len(reasons), size=int(mask.sum()))]
    outside = np.isin(part_kind, outside_parts)
    accepted = np.flatnonzero(part_kind == outside_parts[0])[:n_outside_accepted]
    reason[outside] = ALASAN_TOLAK_LUAR_MASA
    reason[accepted] = ""
    event_month = (incident.astype("datetime64[M]") - PROGRAM_START).astype(np.int64)
    safe = np.clip(who, 0, n - 1)
    in_lapse = (who >= 0) & valid[safe] & unprotected_in(event_month, start_idx[safe], billed_until[safe], lapse)
    reason[in_lapse] = ALASAN_TOLAK_TUNGGAKAN
    reason[program == "JHT"] = ALASAN_TOLAK_JHT
    rejected = reason != ""
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
            "alasan_tolak": reason.astype(str),
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
    """The sasaran extract: the city sasaran per year split over kecamatan by population, and the
    semesta (all vulnerable workers, one simulated DTSEN count) split by population x vulnerability."""
    population = np.array([KECAMATAN_POPULATION[k] for k in regions.nama_kecamatan], dtype=float)
    vulnerable = population * np.array([KECAMATAN_RENTAN[k] for k in regions.nama_kecamatan])
    semesta = _split_proportionally(int(round(SEMESTA_KOTA * scale)), vulnerable)
    last_year = int(str(last_month)[:4])
    rows = []
    for year in range(2025, last_year + 1):
        total = int(round(SASARAN_KOTA.get(year, SASARAN_KOTA[max(SASARAN_KOTA)]) * scale))
        per_kecamatan = _split_proportionally(total, population)
        for code, name, count, universe in zip(regions.kode_kecamatan, regions.nama_kecamatan, per_kecamatan, semesta):
            rows.append((year, code, name, "", int(count), int(universe), SUMBER_SEMESTA))
    columns = ["tahun", "kode_kecamatan", "kecamatan", "segmen", "jumlah_sasaran", "jumlah_semesta", "sumber_semesta"]
    return pd.DataFrame(rows, columns=columns)


def _year_need(year: int, tagihan: np.ndarray) -> int:
    """The tagihan of that year's twelve billing months (the bills are due in the month they cover).

    Months after the last data month are estimated as equal to the last month's bill.
    """
    first = (year - 2025) * 12
    total = 0
    for m in range(first, first + 12):
        total += int(tagihan[min(m, len(tagihan) - 1)])
    return total


def _round_million(x: float) -> int:
    return int(round(x / 1_000_000)) * 1_000_000


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
        versions = [("MURNI", working_day(year - 1, 12, int(rng.integers(15, 24))), murni)]
        if year < last_year or month_no >= 9:  # the APBD-P is adopted around September
            day = int(rng.integers(APBD_P_HARI[0], APBD_P_HARI[1] + 1))
            versions.append(("PERUBAHAN", working_day(year, 9, day), perubahan))
        for kind, date, total in versions:
            for rek, share in ((REKENING_JKK, TARIF_JKK), (REKENING_JKM, TARIF_JKM)):
                pagu = _round_million(total * share / TARIF_IURAN)
                rows.append((year, rek, URAIAN_REKENING[rek], kind, date, pagu))
    df = pd.DataFrame(rows, columns=["tahun", "kode_rekening", "uraian", "jenis", "tgl_penetapan", "pagu"])
    df["tgl_penetapan"] = df["tgl_penetapan"].astype("datetime64[s]")
    return df
