"""id-ID number, Rupiah, percent and date formats: the only place that formats for people.

Babel's CLDR data does the digit grouping (thousands '.', decimals ','); this module only
chooses the scale word for Rupiah cards (ribu / juta / miliar / triliun).
"""
from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = {"id": "id_ID", "en": "id_ID"}   # id-ID numbers in both languages: the readers are in Bekasi
_SKALA = {
    "id": ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")),
    "en": ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")),
}
EMPTY = "–"


def _kosong(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("<NA>", "nan", "NaT")


def number(v, desimal: int = 0) -> str:
    """1953 -> '1.953'; 1234.5 with desimal=1 -> '1.234,5'."""
    if _kosong(v):
        return EMPTY
    pola = "#,##0" + ("." + "0" * desimal if desimal else "")
    return format_decimal(v, format=pola, locale="id_ID")


def percent(v, desimal: int = 1) -> str:
    """39.55 -> '39,6%' (one decimal on screen; exports keep two)."""
    if _kosong(v):
        return EMPTY
    # Half-up on the decimal text: 39,55 reads as 39,6, as a person rounding by hand would.
    bulat = Decimal(str(v)).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    return number(bulat, desimal) + "%"


def rupiah(v) -> str:
    """Full Rupiah for tables: 'Rp 1.250.000.000'; negatives '−Rp 1.000'."""
    if _kosong(v):
        return EMPTY
    v = float(v)
    teks = "Rp " + number(abs(round(v)))
    return ("−" + teks) if v < 0 else teks


def rupiah_short(v, lang: str = "id") -> str:
    """Cards: 'Rp 1,25 miliar', 'Rp 850 juta'; below a million the full amount."""
    if _kosong(v):
        return EMPTY
    v = float(v)
    tanda = "−" if v < 0 else ""
    a = abs(v)
    for batas, kata in _SKALA.get(lang, _SKALA["id"]):
        if a >= batas:
            nilai = a / batas
            desimal = 0 if nilai >= 100 else 2
            teks = format_decimal(round(nilai, desimal), format="#,##0." + "#" * desimal if desimal else "#,##0",
                                  locale="id_ID")
            return f"{tanda}Rp {teks} {kata}"
    return tanda + rupiah(a)


def month(b: str | dt.date, lang: str = "id", panjang: bool = True) -> str:
    """'2026-10' -> 'Oktober 2026' (or 'Okt 2026')."""
    if _kosong(b):
        return EMPTY
    if isinstance(b, str):
        b = dt.date(int(b[:4]), int(b[5:7]), 1)
    return format_date(b, "MMMM y" if panjang else "MMM y", locale="id_ID" if lang == "id" else "en_GB")


def date(d: dt.date | dt.datetime | str | None, lang: str = "id") -> str:
    """'31 Oktober 2026'."""
    if _kosong(d):
        return EMPTY
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    if isinstance(d, dt.datetime):
        d = d.date()
    return format_date(d, "d MMMM y", locale="id_ID" if lang == "id" else "en_GB")


def signed_number(v, desimal: int = 0) -> str:
    """Signed change for metric deltas: '+1.234', '−56'."""
    if _kosong(v):
        return EMPTY
    tanda = "+" if v > 0 else "−" if v < 0 else "±"
    return tanda + number(abs(v), desimal)
