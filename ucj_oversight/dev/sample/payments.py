"""Payment of the monthly tagihan by SP2D, the lapses late payment causes, and the BPJS status.

The city pays each billing month by SP2D pairs (one per rekening, JKK and JKM) carrying the
``periode_tagihan`` they pay. Most months are paid before the due date (the 15th of the month
covered); the months of ``PEMBAYARAN_TERLAMBAT`` are paid late, one of them in two instalments.
A month is *lunas* on the date of the SP2D that completes its tagihan. A registration is not
protected in month M when it was billed in M-2, M-1 and M and none of those three invoices was
lunas by the end of M (the BPU rule: three months unpaid -> non-aktif).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .constants import (
    HARI_LIBUR,
    PEMBAYARAN_TERLAMBAT,
    PROGRAM_START,
    REKENING_JKK,
    REKENING_JKM,
    SHARE_REAKTIVASI_TERTUNDA,
    SP2D_HARI_TEPAT_WAKTU,
    TARIF_IURAN,
    TARIF_JKK,
    TEMUAN_SP2D_GANDA,
    TEMUAN_STATUS_AKTIF_BERAKHIR,
    TEMUAN_STATUS_MENINGGAL_TANPA_TANGGAL,
    TEMUAN_STATUS_NONAKTIF_TANPA_TANGGAL,
)
from .helpers import month_end, planted_count

_HOLIDAYS = np.array(HARI_LIBUR, dtype="datetime64[D]")


def working_day(year: int, month: int, day: int) -> np.datetime64:
    """The date, or the next working day when it falls on a weekend or a national holiday."""
    return np.busday_offset(np.datetime64(f"{year:04d}-{month:02d}-{day:02d}"), 0, roll="forward", holidays=_HOLIDAYS)


@dataclass
class Payments:
    """The payment plan per billing month and what follows from it at the reference date."""

    instalments: list[list[tuple[np.datetime64, float]]]  # per billing month: (SP2D date, share)
    lunas: np.ndarray  # datetime64[D] per billing month; NaT while not fully paid by the reference date
    lapse: np.ndarray  # bool per month: the invoices of M-2, M-1 and M all unpaid at the end of M


def schedule_payments(rng: np.random.Generator, periode: list[str], ref_date: np.datetime64) -> Payments:
    """The SP2D dates and shares of each billing month; lunas dates and lapse months at ``ref_date``."""
    instalments = []
    for p in periode:
        plan = PEMBAYARAN_TERLAMBAT.get(p, ((p, *SP2D_HARI_TEPAT_WAKTU, 1.0),))
        instalments.append(
            [
                (working_day(int(month[:4]), int(month[5:7]), int(rng.integers(first, last + 1))), share)
                for month, first, last, share in plan
            ]
        )
    n = len(periode)
    lunas = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    for m, plan in enumerate(instalments):
        last = max(date for date, _ in plan)
        if last <= ref_date:
            lunas[m] = last
    ends = month_end(np.array([np.datetime64(p, "D") for p in periode], dtype="datetime64[D]"))
    lapse = np.zeros(n, dtype=bool)
    for m in range(2, n):
        window = lunas[m - 2 : m + 1]
        lapse[m] = bool(np.all(np.isnat(window) | (window > ends[m])))
    return Payments(instalments=instalments, lunas=lunas, lapse=lapse)


def unprotected_in(month: np.ndarray, bill_start: np.ndarray, bill_end: np.ndarray, lapse: np.ndarray) -> np.ndarray:
    """Per (registration, month) pair: billed in month-2 .. month and that month a lapse month."""
    month = np.asarray(month)
    inside = (month >= 0) & (month < len(lapse))
    in_lapse = np.where(inside, lapse[np.clip(month, 0, len(lapse) - 1)], False)
    return in_lapse & (bill_start <= month - 2) & (bill_end >= month)


def build_realisasi(rng, tagihan: np.ndarray, periode: list[str], payments: Payments, ref_date) -> pd.DataFrame:
    """The realisasi extract: the SP2D pairs of the payment plan dated up to ``ref_date``, in date
    order, with the planted SP2D_GANDA (a number repeated with another amount)."""
    events = sorted(
        (date, m, k)
        for m, plan in enumerate(payments.instalments)
        for k, (date, _) in enumerate(plan)
        if date <= ref_date
    )
    rows = []
    sp2d_number: dict[int, int] = {}
    single = []  # row index of the JKK row of each SP2D pair paying a whole, on-time month
    for date, m, k in events:
        year = int(str(date)[:4])
        # The SP2D register holds all city spending, so the numbers jump between payments.
        sp2d_number[year] = sp2d_number.get(year, int(rng.integers(40, 120))) + int(rng.integers(150, 420))
        shares = [share for _, share in payments.instalments[m]]
        before, upto = sum(shares[:k]), sum(shares[: k + 1])
        jkk_total = int(round(int(tagihan[m]) * TARIF_JKK / TARIF_IURAN))
        if len(shares) == 1 and periode[m] not in PEMBAYARAN_TERLAMBAT:
            single.append(len(rows))
        for j, (rek, total) in enumerate(((REKENING_JKK, jkk_total), (REKENING_JKM, int(tagihan[m]) - jkk_total))):
            amount = int(round(total * upto)) - int(round(total * before))
            rows.append((f"{sp2d_number[year] + j:04d}/SP2D/LS/BPKAD/{year}", date, rek, amount, periode[m]))

    # SP2D_GANDA: a number entered again a few days later for another amount -- a small
    # correction (participants added late, 50-400 x the rekening's tarif) booked under the number
    # of the month's SP2D, not an identical copy of the row. Each extra row is dated after its
    # original and names the same billing month, so it never changes when a month became lunas.
    # It is inserted after the rows of the following payment.
    candidates = [i for i in single if i + 4 <= len(rows)]
    if len(candidates) >= 2:
        half = len(candidates) // 2
        chosen = [candidates[int(rng.integers(0, half))], candidates[int(rng.integers(half, len(candidates)))]]
        inserts = {}
        for k, i in enumerate(chosen[:TEMUAN_SP2D_GANDA]):
            no, date, rek, amount, period = rows[i + (1 if k == 0 else 0)]
            later = min(np.busday_offset(date, int(rng.integers(1, 5)), roll="forward", holidays=_HOLIDAYS), ref_date)
            other = int(rng.integers(50, 401)) * (TARIF_JKK if rek == REKENING_JKK else TARIF_IURAN - TARIF_JKK)
            inserts[i + 4] = (no, later, rek, other, period)
        for position in sorted(inserts, reverse=True):
            rows.insert(position, inserts[position])
    df = pd.DataFrame(rows, columns=["no_sp2d", "tgl_sp2d", "kode_rekening", "nominal", "periode_tagihan"])
    df["tgl_sp2d"] = df["tgl_sp2d"].astype("datetime64[s]")
    return df


def bpjs_status(
    rng, *, status, end, bill_start, bill_end, lapse, ref_date, exclude, scale
) -> tuple[np.ndarray, np.ndarray]:
    """The status and tgl_nonaktif BPJS reports at ``ref_date``: ``(status code, tgl_nonaktif)``.

    ``status`` is the simulated life status (0 alive and registered, 1 exited, 2 died), ``end``
    the end of cover. An exit is non-aktif from the day after ``end`` (AKTIF while ``end`` is the
    reference date itself). A registration in a lapse
    at the reference month is NONAKTIF from the day after the first month of the lapse it was
    unprotected in; after the arrears are paid BPJS reactivates it, except a small pending batch.
    Then the planted mismatches: AKTIF although ``end`` has passed, NONAKTIF or MENINGGAL without
    any date.
    Rows in ``exclude`` (the other planted findings) keep their status.
    """
    n = len(status)
    reported = status.copy()
    tgl_nonaktif = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    exited = status == 1
    tgl_nonaktif[exited] = end[exited] + 1
    # An exit at the end of the reference month is still covered on the reference date: AKTIF,
    # with its (planned) tgl_akhir and no non-aktif date yet.
    ends_today = exited & (end == ref_date)
    reported[ends_today] = 0
    tgl_nonaktif[ends_today] = np.datetime64("NaT")
    exited = exited & ~ends_today

    last = len(lapse) - 1
    lapse_months = np.flatnonzero(lapse)
    if len(lapse_months):
        run_end = int(lapse_months[-1])
        run_start = run_end
        while run_start > 0 and lapse[run_start - 1]:
            run_start -= 1
        # The first month of that lapse each registration was not protected in.
        first = np.full(n, -1)
        for m in range(run_end, run_start - 1, -1):
            first[unprotected_in(np.full(n, m), bill_start, bill_end, lapse)] = m
        alive = (status == 0) & (first >= 0) & ~exclude
        if run_end == last:  # the lapse goes on at the reference month
            lapsed = alive & unprotected_in(np.full(n, last), bill_start, bill_end, lapse)
        else:  # paid since: reactivated, except a batch still pending
            lapsed = alive & (rng.random(n) < SHARE_REAKTIVASI_TERTUNDA)
        first_end = month_end((PROGRAM_START + np.arange(len(lapse))).astype("datetime64[D]"))
        reported[lapsed] = 1
        tgl_nonaktif[lapsed] = first_end[first[lapsed]] + 1
    else:
        lapsed = np.zeros(n, dtype=bool)

    free = ~exclude & ~lapsed
    ended = rng.permutation(np.flatnonzero(free & exited & (end + 60 <= ref_date)))
    aktif_berakhir = ended[: planted_count(TEMUAN_STATUS_AKTIF_BERAKHIR, scale)]
    reported[aktif_berakhir] = 0
    tgl_nonaktif[aktif_berakhir] = np.datetime64("NaT")
    open_ended = rng.permutation(np.flatnonzero(free & (status == 0)))
    n_nonaktif = planted_count(TEMUAN_STATUS_NONAKTIF_TANPA_TANGGAL, scale)
    reported[open_ended[:n_nonaktif]] = 1
    reported[open_ended[n_nonaktif : n_nonaktif + planted_count(TEMUAN_STATUS_MENINGGAL_TANPA_TANGGAL, scale)]] = 2
    return reported, tgl_nonaktif
