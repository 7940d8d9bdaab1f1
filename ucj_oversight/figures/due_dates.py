"""The due date (jatuh tempo) of each billing month, and how it reaches the figure SQL.

BPU premiums of month M are due on day 15 of M itself; on a weekend, an Indonesian national
holiday or an extra day off the due date moves to the next working day. The day, a month offset
(a city may have agreed "the 15th of the following month" with BPJS) and the extra days off
(cuti bersama, local holidays) are settings (settings.jatuh_tempo_hari, jatuh_tempo_geser_bulan,
libur_tambahan). National holidays come from the maintained `holidays` package (category
'public': the national holidays of the government decree; cuti bersama is category 'government'
and not included unless listed in UCJ_LIBUR_TAMBAHAN).

How the dates reach SQL: as two bound parameters, lists of equal length, $jatuh_tempo_bulan (the
billing months of January of Y-4 to December of Y) and $jatuh_tempo_tanggal (their due dates),
which a figure SQL turns into a small table with unnest (runner.params adds them; run_sql binds
them only where the SQL uses them). They are computed at query time from the settings in force,
so a change of UCJ_JATUH_TEMPO_* or UCJ_LIBUR_TAMBAHAN is seen at once: nothing is stored in the
database, which the dashboard opens read-only, and nothing has to be rebuilt. A billing month
before that window is due before D of any month of Y (the offset is at most 12 months): the SQL
treats a month without a due date in the list as past due, and counts its days overdue from the
first day of the billing month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools

import holidays

from ucj_oversight import settings


@functools.cache
def _national_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.Indonesia(years=year, categories=("public",)))


def is_working_day(day: dt.date, extra: tuple[dt.date, ...] = ()) -> bool:
    """Monday to Friday, not a national holiday and not one of the `extra` days off."""
    return day.weekday() < 5 and day not in _national_holidays(day.year) and day not in extra


def due_date(month: dt.date, day: int = 15, offset: int = 0, extra: tuple[dt.date, ...] = ()) -> dt.date:
    """The due date of billing month `month`: day `day` (at most the month's last day) of the
    month `offset` months after it, moved to the next working day."""
    y, m = divmod(month.year * 12 + month.month - 1 + offset, 12)
    m += 1
    d = dt.date(y, m, min(day, calendar.monthrange(y, m)[1]))
    while not is_working_day(d, extra):
        d += dt.timedelta(days=1)
    return d


def current_rule() -> tuple[int, int, tuple[dt.date, ...]]:
    """(day, month offset, extra days off) from the settings in force."""
    return settings.jatuh_tempo_hari(), settings.jatuh_tempo_geser_bulan(), settings.libur_tambahan()


def due_date_now(month: dt.date) -> dt.date:
    """due_date with the settings in force."""
    return due_date(month, *current_rule())


@functools.lru_cache(maxsize=64)
def _window(year: int, day: int, offset: int, extra: tuple[dt.date, ...]) -> tuple[list, list]:
    months = [dt.date(y, m, 1) for y in range(year - 4, year + 1) for m in range(1, 13)]
    return months, [due_date(b, day, offset, extra) for b in months]


def window(year: int) -> tuple[list[dt.date], list[dt.date]]:
    """(billing months of January Y-4 .. December Y, their due dates) under the settings in force."""
    months, due = _window(year, *current_rule())
    return list(months), list(due)
