"""How a hidden cell reads: '<5' for a count, 'disamarkan' / 'masked' for an amount or a
percentage; and the test for a single count shown outside a table (a card, a total row)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ucj_oversight.disclosure.algorithm import THRESHOLD

COUNT_TEXT = "<5"  # hidden count (id and en)
AMOUNT_TEXT = "disamarkan"  # hidden amount / percentage (id)
AMOUNT_TEXT_EN = "masked"  # hidden amount / percentage (en)
_TEXTS = {"id": (COUNT_TEXT, AMOUNT_TEXT), "en": (COUNT_TEXT, AMOUNT_TEXT_EN)}


def needs_suppression(n, threshold: int = THRESHOLD) -> bool:
    """True for a count that the rule hides (1 .. threshold-1): use it for cards and total rows."""
    if n is None or n is pd.NA or (isinstance(n, float) and np.isnan(n)):
        return False
    return 1 <= n < threshold


def hidden_text(kind: str = "count", lang: str = "id") -> str:
    """Display text for a hidden cell: kind 'count' -> '<5', 'amount' -> 'disamarkan'/'masked'."""
    count_text, amount_text = _TEXTS.get(lang, _TEXTS["id"])
    return count_text if kind == "count" else amount_text


def display(
    df: pd.DataFrame,
    mask: pd.DataFrame,
    counts: Sequence[str],
    amounts: Mapping[str, str | Sequence[str]] | None = None,
    lang: str = "id",
) -> pd.DataFrame:
    """A copy for display or download: masked cells of count columns read '<5', masked cells
    of any other column (amounts in `amounts`, percentages) 'disamarkan' (lang='en':
    'masked'). Other values are unchanged; a column with masked cells becomes dtype object."""
    count_text, amount_text = _TEXTS.get(lang, _TEXTS["id"])
    counts = set(counts)
    out = df.copy()
    for c in df.columns:
        hide = mask[c].to_numpy(dtype=bool) if c in mask.columns else np.zeros(len(df), bool)
        if hide.any():
            out[c] = out[c].astype(object).mask(hide, count_text if c in counts else amount_text)
    return out
