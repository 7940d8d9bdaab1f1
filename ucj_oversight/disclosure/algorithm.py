"""Statistical disclosure control (penyamaran angka kecil): the pure algorithm, a DataFrame in,
a DataFrame and a mask out. Which columns of a figure it applies to is declared in the figure's
FigureSpec (disclosure/__init__.py applies it).

The rule (docs/methodology.md, "Penyamaran angka kecil (mode publik)"):

    Any count of people or claims from 1 to 4, and the Rupiah amount that goes with it, is
    shown as '<5' / 'disamarkan'; and a second cell is hidden where needed so that no hidden
    value can be recovered by subtracting from a total on the same view or download.

How it is done, in `suppress`:

1. *Primary*: every count cell with 1 <= value < THRESHOLD is hidden, with the columns that go
   with it (its Rupiah amount, and anything that reveals it such as a percentage). 0 is always
   shown.
2. *Groups*: cells that add up to a total a reader can see.
   - a column within a set of rows (the whole table by default; `per` adds subsets, e.g. the
     kelurahan of one kecamatan add up to the kecamatan shown on the same page);
   - within one row, count columns where the last is the sum of the others (`row_groups`, e.g.
     jkk_jumlah + jkm_jumlah + (other programs) = jumlah_klaim).
   Whenever a group has exactly one hidden cell, the smallest other non-zero cell of that group
   is hidden too (with its amount), preferring a cell whose own other groups can still be
   protected; this repeats until no group has exactly one hidden cell. Amount columns are
   grouped the same way (a published Rupiah total must not give back one hidden amount).
3. *Guards* beyond a single subtraction, for groups whose total is published: because 0 is
   always shown, a reader knows a hidden count is at least 1, and the text '<5' tells them it is
   at most 4; so two hidden cells whose shown total leaves exactly 2 (both must be 1) or exactly
   8 (both 4) are given away. Such a group gets one more hidden cell. Finally a linear audit
   (all published totals and row relations solved together) checks that no primary cell is
   determined; if one is, more cells are hidden; if nothing can be hidden, a `DisclosureWarning`
   names it (then the total itself must be hidden where it is shown).

Which totals are published: for each set of rows, the column total ("margin") is taken as
shown, unless the same rule applied to the margins hides it. The margins of several sets form
a table of their own (klaim_program for the programs of klaim_bulanan, cakupan_kecamatan for
the kelurahan), suppressed here with `suppress` exactly as that figure's rule does; a single
margin row is checked with its row relations (klaim_program hides JKM as the pair of a small JKK
or JHT). So the totals a page shows (tables, cards, total rows) must be suppressed with this
module too: the figure's rule for the margin tables, `disclosure.needs_suppression(n)` for a card.

Display is separate (display_text.py): masked cells read '<5' (counts) and 'disamarkan' / 'masked'
(everything else).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

THRESHOLD = 5  # counts 1 .. THRESHOLD-1 are hidden

_TOL = 1e-9


class DisclosureWarning(UserWarning):
    """A hidden small count can still be derived from a published total (the total must be hidden)."""


# ------------------------------------------------------------------ the core


@dataclass
class _Group:
    cells: list[tuple[int, int]]  # (row position, index into the count columns)
    coef: list[int]  # +1 / -1: sum(coef * value) = total (column) or 0 (row)
    known: bool  # the right-hand side is known to a reader
    kind: str  # "kolom" | "baris"
    cell_amounts: list[float] | None = None  # amount groups: the amount of each cell


def _as_map(p: Mapping[str, str | Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    return {k: ((v,) if isinstance(v, str) else tuple(v)) for k, v in (p or {}).items()}


@dataclass
class _Model:
    """A table seen as cells, groups and published totals (shared by suppress and leaks)."""

    counts: list[str]
    amounts: dict[str, tuple[str, ...]]
    follows: dict[str, tuple[str, ...]]
    X: np.ndarray  # counts, rows x count columns
    primary: np.ndarray  # 1 <= X < threshold
    groups: list[_Group]
    amount_groups: list[_Group]
    membership: dict[tuple[int, int], list[int]]
    threshold: int


def _model(df, counts, amounts, row_groups, totals, per, follows, threshold) -> _Model:
    counts = list(counts)
    amounts = _as_map(amounts)
    follows = _as_map(follows)
    relations = [list(g) for g in (row_groups or [])]
    total_columns = counts if totals is None else list(totals)
    per = [tuple(p) for p in per] if per is not None else [()]

    all_columns = set(df.columns)
    for c in [
        *counts,
        *amounts,
        *[x for v in amounts.values() for x in v],
        *follows,
        *[x for v in follows.values() for x in v],
        *[x for g in relations for x in g],
        *total_columns,
        *[x for p in per for x in p],
    ]:
        if c not in all_columns:
            raise ValueError(f"kolom '{c}' tidak ada di tabel")
    for c in [*amounts, *follows, *[x for g in relations for x in g], *total_columns]:
        if c not in counts:
            raise ValueError(f"kolom '{c}' harus termasuk kolom_hitung")
    for g in relations:
        if len(g) < 2:
            raise ValueError(f"kelompok {g} harus berisi sedikitnya 2 kolom")

    n = len(df)
    numbers = df[counts].apply(pd.to_numeric)
    if numbers.isna().any().any():
        raise ValueError("kolom hitung tidak boleh kosong")
    X = numbers.to_numpy(dtype="float64").reshape(n, len(counts))
    if (X < 0).any() or (np.abs(X - np.round(X)) > _TOL).any():
        raise ValueError("kolom hitung harus bilangan bulat tidak negatif")
    X = np.round(X).astype(np.int64)
    idx = {c: j for j, c in enumerate(counts)}
    relation_idx = [[idx[c] for c in g] for g in relations]
    for g, gj in zip(relations, relation_idx):
        if n and not (X[:, gj[:-1]].sum(axis=1) == X[:, gj[-1]]).all():
            raise ValueError(f"kelompok {g}: kolom terakhir bukan jumlah kolom lainnya")

    # Amounts: one array per (count column, amount column).
    amount_arrays = {
        (idx[c], a): pd.to_numeric(df[a]).fillna(0).to_numpy(dtype="float64")
        for c, cols in amounts.items()
        for a in cols
    }

    # Row sets, and which of their totals ("margins") are published. The margins are a table
    # of their own (e.g. klaim_program for the months x programs of klaim_bulanan, or
    # cakupan_kecamatan for the kelurahan), shown with the same rule: a margin of 1..4 is hidden,
    # and so is the cell hidden as its pair. A single set's margin row is checked on its own
    # (its row relations: klaim_program hides JKM as the pair of a small JHT).
    row_sets: list[np.ndarray] = []
    published: list[np.ndarray] = []
    for key in per:
        if not key:
            parts = [np.arange(n)] if n else []
        else:
            d = df.reset_index(drop=True)
            parts = sorted(
                (np.asarray(v) for v in d.groupby(list(key), dropna=False).indices.values()), key=lambda v: int(v.min())
            )
        if len(parts) == 1:
            published.append(~_single_margin(X[parts[0]].sum(axis=0), relation_idx, threshold))
        elif parts:
            margin_columns = {c: [int(X[v, j].sum()) for v in parts] for j, c in enumerate(counts)}
            for (j, a), arr in amount_arrays.items():
                margin_columns[f"_rp{j}_{a}"] = [float(arr[v].sum()) for v in parts]
            margin_amounts = {}
            for j, a in amount_arrays:
                margin_amounts.setdefault(counts[j], []).append(f"_rp{j}_{a}")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DisclosureWarning)
                _, mm = suppress(
                    pd.DataFrame(margin_columns),
                    counts,
                    margin_amounts,
                    relations,
                    total_columns,
                    [()],
                    threshold=threshold,
                )
            published += list(~mm[counts].to_numpy(dtype=bool))
        row_sets += parts

    # Groups: counts, then amounts.
    total_idx = sorted(idx[c] for c in set(total_columns))
    groups: list[_Group] = []
    amount_groups: list[_Group] = []
    for hi, h in enumerate(row_sets):
        for j in total_idx:
            cells = [(int(r), j) for r in h]
            groups.append(_Group(cells, [1] * len(cells), bool(published[hi][j]), "kolom"))
            for (jj, _a), v in amount_arrays.items():
                if jj == j:
                    amount_groups.append(
                        _Group(
                            cells, [1] * len(cells), bool(published[hi][j]), "kolom", [float(v[r]) for r, _ in cells]
                        )
                    )
    for r in range(n):
        for gj in relation_idx:
            groups.append(_Group([(r, j) for j in gj], [1] * (len(gj) - 1) + [-1], True, "baris"))
    for gj in relation_idx:
        first = [next(((jj, a) for (jj, a) in amount_arrays if jj == j), None) for j in gj]
        if all(first):
            V = np.column_stack([amount_arrays[k] for k in first])
            if n and (np.abs(V[:, :-1].sum(axis=1) - V[:, -1]) > 0.5).any():
                raise ValueError(f"kelompok {[counts[j] for j in gj]}: nominal tidak menjumlah")
            for r in range(n):
                amount_groups.append(
                    _Group([(r, j) for j in gj], [1] * (len(gj) - 1) + [-1], True, "baris", [float(x) for x in V[r]])
                )

    membership: dict[tuple[int, int], list[int]] = {}
    for gi, g in enumerate(groups):
        for s in g.cells:
            membership.setdefault(s, []).append(gi)
    return _Model(counts, amounts, follows, X, (X >= 1) & (X < threshold), groups, amount_groups, membership, threshold)


def suppress(
    df: pd.DataFrame,
    counts: Sequence[str],
    amounts: Mapping[str, str | Sequence[str]] | None = None,
    row_groups: Sequence[Sequence[str]] | None = None,
    totals: Sequence[str] | None = None,
    per: Sequence[Sequence[str]] | None = None,
    *,
    follows: Mapping[str, str | Sequence[str]] | None = None,
    threshold: int = THRESHOLD,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Suppress small counts in one table; returns (data, mask).

    df            the figure table (not modified). Count columns must be non-negative integers.
    counts        count columns (people, registrations, claims, cases): 1..threshold-1 is hidden.
    amounts       count column -> its Rupiah amount column(s), e.g. {"jumlah_klaim":
                  "nominal_dibayar"}. Hidden with the count; additive, so their column totals are
                  protected like the counts.
    row_groups    row relations: lists of count columns of which the LAST is the sum of the
                  others in every row, e.g. [["jkk_jumlah", "jkm_jumlah", "jumlah_klaim"]].
                  Checked (ValueError if a row does not add up). When every column of a relation
                  has an amount, the (first) amounts must add up the same way (checked too).
    totals        count columns whose column totals a reader can see or compute (a total row, a
                  card, a chart total). Default: all of `counts`. Pass [] when the rows do
                  not add up to anything shown.
    per           the sets of rows whose totals are shown, as lists of key columns: () is the
                  whole table (the default, [()]); ("kode_kecamatan",) makes one set per
                  kecamatan. Several may be given, e.g. [("program",), ("bulan",)].
    follows       count column -> column(s) that reveal it but do not add up (a percentage of a
                  shown target). Hidden with the count, never used as a total.
    threshold     the threshold, THRESHOLD (5).

    Returns a copy of df in which hidden cells are missing (count columns become nullable Int64
    with <NA>; float columns NaN; other columns None), and a boolean DataFrame of the same shape,
    index and columns, True where a cell is hidden. Counts of 0 are never hidden. The result is
    deterministic (ties: the earlier column, then the earlier row).
    """
    md = _model(df, counts, amounts, row_groups, totals, per, follows, threshold)
    X, groups, amount_groups, membership = md.X, md.groups, md.amount_groups, md.membership
    H = md.primary.copy()

    def can_protect(
        s: tuple[int, int], except_group: _Group | None, depth: int = 2, assumed: frozenset = frozenset()
    ) -> bool:
        """Hiding s (and the cells in `assumed`): does each of its other published groups that
        would then hold s alone still have a cell to pair it with (looking `depth` steps on)?"""
        assumed = assumed | {s}
        for gi in membership.get(s, []):
            g = groups[gi]
            if g is except_group or not g.known:
                continue
            if sum(1 for t in g.cells if H[t] or t in assumed) != 1:
                continue
            candidates = [t for t in g.cells if X[t] > 0 and not H[t] and t not in assumed]
            if not candidates:
                return False
            if depth and not any(can_protect(t, g, depth - 1, assumed) for t in candidates):
                return False
        return True

    def order_key(s):
        return (X[s], s[1], s[0])

    def pick(candidates: list[tuple[int, int]], except_group: _Group | None) -> tuple[int, int] | None:
        """The smallest non-zero shown cell, preferring one whose other groups stay protectable."""
        candidates = sorted(dict.fromkeys(candidates), key=order_key)
        for s in candidates:
            if can_protect(s, except_group):
                return s
        return candidates[0] if candidates else None

    def complete() -> None:
        while True:
            changed = False
            for g in groups:
                if sum(1 for s in g.cells if H[s]) == 1 or _bounds_give_away(g, X, H, threshold):
                    s = pick([t for t in g.cells if not H[t] and X[t] > 0], g)
                    if s is not None:
                        H[s] = True
                        changed = True
            for g in amount_groups:
                if not g.known:
                    continue
                if sum(1 for s, v in zip(g.cells, g.cell_amounts) if H[s] and abs(v) > _TOL) == 1:
                    candidates = [
                        (abs(v), s[1], s[0]) for s, v in zip(g.cells, g.cell_amounts) if not H[s] and abs(v) > _TOL
                    ]
                    if candidates:
                        _, j, r = min(candidates)
                        H[r, j] = True
                        changed = True
            if not changed:
                return

    failed: set = set()
    for _ in range(H.size + 1):
        complete()
        found = [b for b in _revealed(md, H) if b[:2] not in failed]
        if not found:
            break
        kind, s, gi = found[0]
        if kind == "batas":  # a sum that gives the cells away: only this column can help
            near = [t for t in groups[gi].cells if not H[t] and X[t] > 0]
            far = []
        elif kind == "hitung":  # its own groups first, then any group with a hidden cell
            near = [t for g in membership.get(s, []) for t in groups[g].cells if not H[t] and X[t] > 0]
            far = [t for g in groups if any(H[u] for u in g.cells) for t in g.cells if not H[t] and X[t] > 0]
        else:
            near = [
                t
                for g in amount_groups
                if s in g.cells
                for t, v in zip(g.cells, g.cell_amounts)
                if not H[t] and abs(v) > _TOL
            ]
            far = [
                t
                for g in amount_groups
                if any(H[u] for u in g.cells)
                for t, v in zip(g.cells, g.cell_amounts)
                if not H[t] and abs(v) > _TOL
            ]
        near = sorted(dict.fromkeys(near), key=order_key)
        candidates = near + sorted(dict.fromkeys(t for t in far if t not in near), key=order_key)
        for t in candidates:  # the smallest extra cell that stops this one being worked out
            H[t] = True
            if (kind, s) not in {b[:2] for b in _revealed(md, H)}:
                break
            H[t] = False
        else:
            if candidates:  # none alone is enough: hide the nearest smallest and go on
                H[candidates[0]] = True
            else:
                failed.add((kind, s))
    if failed:
        warnings.warn(
            "angka kecil masih dapat dihitung dari total yang ditampilkan; samarkan juga totalnya: "
            + ", ".join(
                f"baris {s[0]} kolom {md.counts[s[1]]}" + (" (nominal)" if j == "nominal" else "")
                for j, s in sorted(failed)
            ),
            DisclosureWarning,
            stacklevel=2,
        )
    return _output(df, md, H)


def _single_margin(M: np.ndarray, relation_idx: list[list[int]], threshold: int) -> np.ndarray:
    """Hidden cells of one margin row: 1..threshold-1, and the pair of a lone hidden cell in a row
    relation (the smallest other non-zero cell)."""
    hidden = (M >= 1) & (M < threshold)
    while True:
        changed = False
        for gj in relation_idx:
            if hidden[gj].sum() == 1:
                candidates = [j for j in gj if not hidden[j] and M[j] > 0]
                if candidates:
                    hidden[min(candidates, key=lambda j: (M[j], gj.index(j)))] = True
                    changed = True
        if not changed:
            return hidden


def _output(df: pd.DataFrame, md: _Model, H: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    idx = {c: j for j, c in enumerate(md.counts)}
    mask = pd.DataFrame(False, index=df.index, columns=df.columns)
    for j, c in enumerate(md.counts):
        mask[c] = H[:, j]
    for c, cols in [*md.amounts.items(), *md.follows.items()]:
        for a in cols:
            mask[a] = mask[a].to_numpy() | H[:, idx[c]]
    data = df.copy()
    for c in df.columns:
        hide = mask[c].to_numpy()
        col = data[c]
        if c in idx or (hide.any() and pd.api.types.is_integer_dtype(col.dtype)):
            data[c] = col.astype("Int64").mask(hide, pd.NA)
        elif not hide.any():
            continue
        elif pd.api.types.is_float_dtype(col.dtype):
            data[c] = col.mask(hide, np.nan)
        else:
            data[c] = col.astype(object).mask(hide, None)
    return data, mask


def _bounds_give_away(g: _Group, X, H, threshold) -> bool:
    """Hidden cells of a column with a published total whose sum gives them away: a reader
    knows each is at least 1 (0 is shown) and, from '<5', at most threshold-1."""
    if not g.known or g.kind != "kolom":
        return False
    h = [s for s in g.cells if H[s]]
    if len(h) < 2:
        return False
    hidden_sum = sum(int(X[s]) for s in h)
    return hidden_sum == len(h) or (hidden_sum == (threshold - 1) * len(h) and all(X[s] < threshold for s in h))


def _revealed(md: _Model, H: np.ndarray) -> list[tuple[str, tuple[int, int], int | None]]:
    """Primary cells a reader can work out, as (how, cell, group): 'batas' when the hidden cells
    of a published column sum to what gives them away (all 1, or all threshold-1); 'hitung' from all
    published totals and row relations solved together (linear algebra); 'nominal' for a hidden
    non-zero amount of a primary count (hidden zero amounts count as known)."""
    X, primary = md.X, md.primary
    result: list = []
    for gi, g in enumerate(md.groups):
        if _bounds_give_away(g, X, H, md.threshold):
            result += [("batas", s, gi) for s in g.cells if H[s] and primary[s]]
    result += [("hitung", s, None) for s in _determined(md.groups, lambda s, v: bool(H[s])) if primary[s]]
    result += [
        ("nominal", s, None)
        for s in _determined(md.amount_groups, lambda s, v: bool(H[s]) and abs(v) > _TOL)
        if primary[s]
    ]
    return result


def _determined(groups: list[_Group], is_variable) -> list[tuple[int, int]]:
    """Variables (hidden cells) uniquely determined by the groups with a known right-hand side:
    those on which every vector of the null space of the equation matrix is 0."""
    variables: dict[tuple[int, int], int] = {}
    rows = []
    for g in groups:
        if not g.known:
            continue
        coef = {}
        for s, k, v in zip(g.cells, g.coef, g.cell_amounts or [0.0] * len(g.cells)):
            if is_variable(s, v):
                coef[variables.setdefault(s, len(variables))] = k
        if coef:
            rows.append(coef)
    if not rows:
        return []
    A = np.zeros((len(rows), len(variables)))
    for i, coef in enumerate(rows):
        for v, k in coef.items():
            A[i, v] = k
    _, sv, vt = np.linalg.svd(A)
    rank = int((sv > 1e-9 * max(1.0, float(sv.max()))).sum())
    null = vt[rank:]
    if null.shape[0] == 0:
        return list(variables)
    return [s for s, i in variables.items() if np.abs(null[:, i]).max() < 1e-9]


def leaks(
    df: pd.DataFrame,
    mask: pd.DataFrame,
    counts: Sequence[str],
    amounts: Mapping[str, str | Sequence[str]] | None = None,
    row_groups: Sequence[Sequence[str]] | None = None,
    totals: Sequence[str] | None = None,
    per: Sequence[Sequence[str]] | None = None,
    *,
    follows: Mapping[str, str | Sequence[str]] | None = None,
    threshold: int = THRESHOLD,
) -> list[str]:
    """Audit a mask: the small counts (and their amounts) of `df` (the original values) that a
    reader could still work out from the cells `mask` leaves shown and the published totals, as
    texts 'hitung baris 3 kolom jkk_jumlah'. Empty means safe under the model above. A column
    that follows a hidden count (a percentage of a shown target) and is itself shown gives the
    count back: 'ikut baris 3 kolom capaian_kuota_persen'."""
    md = _model(df, counts, amounts, row_groups, totals, per, follows, threshold)
    H = mask[md.counts].to_numpy(dtype=bool)
    found = [f"{kind} baris {s[0]} kolom {md.counts[s[1]]}" for kind, s, _ in _revealed(md, H)]
    for c, cols in md.follows.items():
        for a in cols:
            shown = ~mask[a].to_numpy(dtype=bool) & df[a].notna().to_numpy()
            found += [f"ikut baris {r} kolom {a}" for r in np.flatnonzero(H[:, md.counts.index(c)] & shown)]
    return list(dict.fromkeys(found))
