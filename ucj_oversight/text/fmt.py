"""Number, Rupiah, percent, date and time formats: the only place that formats for people.

Indonesian (lang="id", the default) groups thousands with '.' and writes decimals with ','
("51.199", "85,3%", "Rp 10,32 miliar"); English (lang="en") the other way round ("51,199",
"85.3%", "Rp 10.32 billion"). Babel's CLDR data does the grouping; this module chooses the
locale and the scale word for Rupiah (juta / miliar / triliun) on cards and chart axes. Every
caller passes the view's language. Times are shown in WIB (UTC+7) with the zone written out.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = {"id": "id_ID", "en": "en_GB"}
_SCALE = {
    "id": ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")),
    "en": ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")),
}
EMPTY = "–"
# Western Indonesian Time: the zone of Kota Bekasi, no daylight saving.
WIB = dt.timezone(dt.timedelta(hours=7), "WIB")


def _locale(lang: str) -> str:
    return LOCALE.get(lang, LOCALE["id"])


def is_empty(v) -> bool:
    """None, NaN, NA or NaT: a cell with nothing to show."""
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("<NA>", "nan", "NaT", "None")


def number(v, decimals: int = 0, lang: str = "id") -> str:
    """1953 -> '1.953' (en: '1,953'); 1234.5 with decimals=1 -> '1.234,5' (en: '1,234.5')."""
    if is_empty(v):
        return EMPTY
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(v, format=pattern, locale=_locale(lang))


def percent(v, decimals: int = 1, lang: str = "id") -> str:
    """39.55 -> '39,6%' (en: '39.6%'; one decimal on screen; exports keep two)."""
    if is_empty(v):
        return EMPTY
    # Half-up on the decimal text: 39,55 reads as 39,6, as a person rounding by hand would.
    rounded = Decimal(str(v)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number(rounded, decimals, lang) + "%"


def rupiah(v, lang: str = "id") -> str:
    """Full Rupiah for tables: 'Rp 1.250.000.000' (en: 'Rp 1,250,000,000'); negatives '−Rp 1.000'."""
    if is_empty(v):
        return EMPTY
    v = float(v)
    text = "Rp " + number(abs(round(v)), 0, lang)
    return ("−" + text) if v < 0 else text


def rupiah_short(v, lang: str = "id") -> str:
    """Cards: 'Rp 1,25 miliar', 'Rp 850 juta' (en: 'Rp 1.25 billion'); below a million the full amount."""
    if is_empty(v):
        return EMPTY
    v = float(v)
    sign = "−" if v < 0 else ""
    a = abs(v)
    for limit, word in _SCALE.get(lang, _SCALE["id"]):
        if a >= limit:
            value = a / limit
            decimals = 0 if value >= 100 else 2
            text = format_decimal(
                round(value, decimals), format="#,##0." + "#" * decimals if decimals else "#,##0", locale=_locale(lang)
            )
            return f"{sign}Rp {text} {word}"
    return sign + rupiah(a, lang)


def rupiah_axis(values, lang: str = "id") -> tuple[float, str]:
    """Divisor and axis unit for Rupiah charts ('Rp miliar'), so ticks read 8,6 not 8.6B."""
    m = max((abs(float(v)) for v in values if v == v), default=0.0)
    for limit, word in _SCALE["id" if lang == "id" else "en"]:
        if m >= limit:
            return limit, "Rp " + word
    return 1.0, "Rp"


def month(m: str | dt.date, lang: str = "id", short: bool = False) -> str:
    """'2026-10' -> 'Oktober 2026' (short=True: 'Okt 2026'; en: 'October 2026', 'Oct 2026')."""
    if is_empty(m):
        return EMPTY
    if isinstance(m, str):
        m = dt.date(int(m[:4]), int(m[5:7]), 1)
    return format_date(m, "MMM y" if short else "MMMM y", locale="id_ID" if lang == "id" else "en_GB")


def date(d: dt.date | dt.datetime | str | None, lang: str = "id", short: bool = False) -> str:
    """'31 Oktober 2026' (short=True: '31 Okt 2026'; en: '31 October 2026')."""
    if is_empty(d):
        return EMPTY
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    if isinstance(d, dt.datetime):
        d = d.date()
    return format_date(d, "d MMM y" if short else "d MMMM y", locale="id_ID" if lang == "id" else "en_GB")


def as_wib(t: dt.datetime | str) -> dt.datetime:
    """A moment in WIB. A naive time is taken as WIB already (the import log and the audit log
    are written in WIB); an aware one is converted."""
    if isinstance(t, str):
        t = dt.datetime.fromisoformat(t)
    if hasattr(t, "to_pydatetime"):  # pandas Timestamp
        t = t.to_pydatetime()
    return t.replace(tzinfo=WIB) if t.tzinfo is None else t.astimezone(WIB)


def time(t: dt.datetime | str | None, lang: str = "id", short: bool = False) -> str:
    """A moment with its zone: '29 November 2026 11.48 WIB' (en: '29 November 2026 11:48 WIB')."""
    if is_empty(t):
        return EMPTY
    t = as_wib(t)
    clock = t.strftime("%H.%M" if lang == "id" else "%H:%M")
    return f"{date(t, lang, short)} {clock} WIB"


def signed_number(v, decimals: int = 0, lang: str = "id") -> str:
    """Signed change for metric deltas: '+1.234', '−56'."""
    if is_empty(v):
        return EMPTY
    sign = "+" if v > 0 else "−" if v < 0 else "±"
    return sign + number(abs(v), decimals, lang)
