"""Statistical disclosure control (penyamaran angka kecil) for the public mode.

`algorithm.py` is the rule itself (`suppress`, `leaks`: pure functions of a table), `display_text.py`
how a hidden cell reads ('<5', 'disamarkan').
This module applies it to a figure table as the figure's FigureSpec declares it
(`spec.disclosure`: count, amount and following columns, row relations, row sets, totals), so
a figure's rule is written once, next to its columns. A figure is given as its function
(`figures.klaim_kecamatan`), its FigureSpec or its name.

The totals a page shows (tables, cards, total rows) must be suppressed with this module too:
`apply` for the margin tables (e.g. klaim_program for klaim_kecamatan), `needs_suppression(n)`
for a single card. The public open-data export is publish/public.py.
"""

from __future__ import annotations

import pandas as pd

from ucj_oversight.disclosure.algorithm import THRESHOLD, DisclosureWarning, leaks, suppress
from ucj_oversight.disclosure.display_text import (
    AMOUNT_TEXT,
    AMOUNT_TEXT_EN,
    COUNT_TEXT,
    display,
    hidden_text,
    needs_suppression,
)
from ucj_oversight.figures.spec import Disclosure, spec_of

# The algorithm's and the display's API are used through this package (disclosure.suppress, ...).
__all__ = [
    "AMOUNT_TEXT",
    "AMOUNT_TEXT_EN",
    "COUNT_TEXT",
    "THRESHOLD",
    "DisclosureWarning",
    "display",
    "hidden_text",
    "leaks",
    "needs_suppression",
    "suppress",
    "rule",
    "apply",
    "display_figure",
]


def rule(figure) -> Disclosure | None:
    """The figure's disclosure rule; None for a figure with nothing to hide (budget figures)."""
    return spec_of(figure).disclosure


def apply(figure, df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Suppress the small counts of a figure table (or of the columns of it that `df` has, as
    in the export); returns (data, mask) with the columns of `df`.

    A declared remainder (klaim_kecamatan: the programmes other than JKK and JKM, which are no
    column but jumlah_klaim - jkk_jumlah - jkm_jumlah) is added as a hidden column while the
    rule runs, so it is protected like a column, and dropped again."""
    r = rule(figure)
    if r is None:
        raise ValueError(f"{spec_of(figure).name} has no disclosure rule")
    rem = r.remainder
    if rem is None:
        return _suppress(r, df)
    d = df.copy()
    count = d[rem.total[0]]
    for part, _ in rem.parts:
        count = count - d[part]
    d[rem.count] = count
    amount = pd.to_numeric(d[rem.total[1]])
    for _, part in rem.parts:
        amount = amount - pd.to_numeric(d[part])
    d[rem.amount] = amount.round(2)
    data, mask = _suppress(r, d)
    return data.drop(columns=[rem.count, rem.amount]), mask.drop(columns=[rem.count, rem.amount])


def _suppress(r: Disclosure, df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    if r.documents is not None and r.documents[0] in df.columns:
        # Rows counting documents (SP2D numbers, file rows), not people: shown as they are. The
        # rule runs on the other rows, whose total is the published total less these known rows.
        docs = df[r.documents[0]].isin(r.documents[1]).to_numpy()
        if docs.any():
            people, people_mask = _suppress_people(r, df[~docs])
            data = pd.concat([people, df[docs].astype(people.dtypes.to_dict())]).loc[df.index]
            mask = pd.concat([people_mask, pd.DataFrame(False, index=df.index[docs], columns=df.columns)])
            return data, mask.loc[df.index]
    return _suppress_people(r, df)


def _suppress_people(r: Disclosure, df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    present = set(df.columns)

    def present_only(mapping):  # paired columns the table has (the export leaves some out)
        return {k: tuple(x for x in v if x in present) for k, v in mapping.items()}

    return suppress(
        df,
        [c for c in r.counts if c in present],  # a count the export leaves out is not published
        present_only(r.amounts),
        [list(g) for g in r.row_groups],
        r.totals,
        r.per,
        follows=present_only(r.follows),
    )


def display_figure(figure, df: pd.DataFrame, mask: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """`display` with the count and amount columns of the figure's rule."""
    r = rule(figure)
    return display(df, mask, r.counts, r.amounts, lang)
