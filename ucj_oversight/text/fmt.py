"""id-ID number, Rupiah, percent and date formats: the only place that formats for people.

Babel's CLDR data does the digit grouping (thousands '.', decimals ','); this module only
chooses the scale word for Rupiah (juta / miliar / triliun) on cards and chart axes.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = {"id": "id_ID", "en": "id_ID"}  # id-ID numbers in both languages: the readers are in Bekasi
_SCALE = {
    "id": ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")),
    "en": ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")),
}
EMPTY = "–"


def _is_empty(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("<NA>", "nan", "NaT")


def number(v, decimals: int = 0) -> str:
    """1953 -> '1.953'; 1234.5 with decimals=1 -> '1.234,5'."""
    if _is_empty(v):
        return EMPTY
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(v, format=pattern, locale="id_ID")


def percent(v, decimals: int = 1) -> str:
    """39.55 -> '39,6%' (one decimal on screen; exports keep two)."""
    if _is_empty(v):
        return EMPTY
    # Half-up on the decimal text: 39,55 reads as 39,6, as a person rounding by hand would.
    rounded = Decimal(str(v)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number(rounded, decimals) + "%"


def rupiah(v) -> str:
    """Full Rupiah for tables: 'Rp 1.250.000.000'; negatives '−Rp 1.000'."""
    if _is_empty(v):
        return EMPTY
    v = float(v)
    text = "Rp " + number(abs(round(v)))
    return ("−" + text) if v < 0 else text


def rupiah_short(v, lang: str = "id") -> str:
    """Cards: 'Rp 1,25 miliar', 'Rp 850 juta'; below a million the full amount."""
    if _is_empty(v):
        return EMPTY
    v = float(v)
    sign = "−" if v < 0 else ""
    a = abs(v)
    for limit, word in _SCALE.get(lang, _SCALE["id"]):
        if a >= limit:
            value = a / limit
            decimals = 0 if value >= 100 else 2
            text = format_decimal(
                round(value, decimals), format="#,##0." + "#" * decimals if decimals else "#,##0", locale="id_ID"
            )
            return f"{sign}Rp {text} {word}"
    return sign + rupiah(a)


def rupiah_axis(values, lang: str = "id") -> tuple[float, str]:
    """Divisor and axis unit for Rupiah charts ('Rp miliar'), so ticks read 8,6 not 8.6B."""
    m = max((abs(float(v)) for v in values if v == v), default=0.0)
    for limit, word in _SCALE["id" if lang == "id" else "en"]:
        if m >= limit:
            return limit, "Rp " + word
    return 1.0, "Rp"


def month(m: str | dt.date, lang: str = "id", short: bool = False) -> str:
    """'2026-10' -> 'Oktober 2026' (short=True: 'Okt 2026')."""
    if _is_empty(m):
        return EMPTY
    if isinstance(m, str):
        m = dt.date(int(m[:4]), int(m[5:7]), 1)
    return format_date(m, "MMM y" if short else "MMMM y", locale="id_ID" if lang == "id" else "en_GB")


def date(d: dt.date | dt.datetime | str | None, lang: str = "id") -> str:
    """'31 Oktober 2026'."""
    if _is_empty(d):
        return EMPTY
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    if isinstance(d, dt.datetime):
        d = d.date()
    return format_date(d, "d MMMM y", locale="id_ID" if lang == "id" else "en_GB")


def signed_number(v, decimals: int = 0) -> str:
    """Signed change for metric deltas: '+1.234', '−56'."""
    if _is_empty(v):
        return EMPTY
    sign = "+" if v > 0 else "−" if v < 0 else "±"
    return sign + number(abs(v), decimals)
