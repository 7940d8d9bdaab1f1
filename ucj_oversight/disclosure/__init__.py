"""Statistical disclosure control (penyamaran angka kecil) for the public mode.

The rule (docs/methodology.md, "Penyamaran angka kecil (mode publik)"):

    Any count of people or claims from 1 to 4, and the Rupiah amount that goes with it, is
    shown as '<5' / 'disamarkan'; and a second cell is hidden where needed so that no hidden
    value can be recovered by subtracting from a total on the same view or download.

How it is done, in `samarkan` (pure: a DataFrame in, a DataFrame and a mask out):

1. *Primary*: every count cell with 1 <= value < AMBANG is hidden, with the columns that go with
   it (its Rupiah amount, and anything that reveals it such as a percentage). 0 is always shown.
2. *Groups*: cells that add up to a total a reader can see.
   - a column within a set of rows (the whole table by default; `per` adds subsets, e.g. the
     kelurahan of one kecamatan add up to the kecamatan shown on the same page);
   - within one row, count columns where the last is the sum of the others (`kelompok`, e.g.
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
   determined; if one is, more cells are hidden; if nothing can be hidden, a `PeringatanSDC`
   warning names it (then the total itself must be hidden where it is shown).

Which totals are published: for each set of rows, the column total ("margin") is taken as
shown, unless the same rule applied to the margins hides it. The margins of several sets form
a table of their own (klaim_program for the programs of klaim_bulanan, cakupan_kecamatan for
the kelurahan), suppressed here with `samarkan` exactly as its wrapper does; a single margin row
is checked with its row relations (klaim_program hides JKM as the pair of a small JKK or JHT).
So the totals a page shows (tables, cards, total rows) must be suppressed with this module
too: the wrappers for the margin tables, `perlu_disamarkan(n)` for a single card.

Display is separate: `tampilkan` turns the masked cells into '<5' (counts) and 'disamarkan' /
'masked' (everything else). `ekspor_publik` writes the open-data export with suppression.
"""
from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ucj_oversight.publish import export
from ucj_oversight import figures
from ucj_oversight.figures import AsOf

THRESHOLD = 5                       # counts 1 .. AMBANG-1 are hidden
COUNT_TEXT = "<5"               # hidden count (id and en)
AMOUNT_TEXT = "disamarkan"      # hidden amount / percentage (id)
AMOUNT_TEXT_EN = "masked"       # hidden amount / percentage (en)
_TEKS = {"id": (COUNT_TEXT, AMOUNT_TEXT), "en": (COUNT_TEXT, AMOUNT_TEXT_EN)}
FLAG_SUFFIX = "_disamarkan"    # public CSV: <kolom>_disamarkan = true/false

_TOL = 1e-9


class DisclosureWarning(UserWarning):
    """A hidden small count can still be derived from a published total (the total must be hidden)."""


def needs_suppression(n, ambang: int = THRESHOLD) -> bool:
    """True for a count that the rule hides (1 .. ambang-1): use it for cards and total rows."""
    if n is None or n is pd.NA or (isinstance(n, float) and np.isnan(n)):
        return False
    return 1 <= n < ambang


def hidden_text(jenis: str = "hitung", lang: str = "id") -> str:
    """Display text for a hidden cell: jenis 'hitung' -> '<5', 'nominal' -> 'disamarkan'/'masked'."""
    h, n = _TEKS.get(lang, _TEKS["id"])
    return h if jenis == "hitung" else n


# ------------------------------------------------------------------ the core


@dataclass
class _Grup:
    sel: list[tuple[int, int]]      # (row position, index into the count columns)
    koef: list[int]                 # +1 / -1: sum(koef * value) = total (column) or 0 (row)
    diketahui: bool                 # the right-hand side is known to a reader
    jenis: str                      # "kolom" | "baris"
    nilai: list[float] | None = None  # amount groups: the amount of each cell


def _peta(p: Mapping[str, str | Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    return {k: ((v,) if isinstance(v, str) else tuple(v)) for k, v in (p or {}).items()}


@dataclass
class _Model:
    """A table seen as cells, groups and published totals (shared by samarkan and celah)."""
    hitung: list[str]
    nominal: dict[str, tuple[str, ...]]
    ikut: dict[str, tuple[str, ...]]
    X: np.ndarray                    # counts, rows x count columns
    primer: np.ndarray               # 1 <= X < ambang
    grup: list[_Grup]
    grup_nom: list[_Grup]
    anggota: dict[tuple[int, int], list[int]]
    ambang: int


def _model(df, kolom_hitung, kolom_nominal, kelompok, kolom_total, per, kolom_ikut, ambang) -> _Model:
    hitung = list(kolom_hitung)
    nominal = _peta(kolom_nominal)
    ikut = _peta(kolom_ikut)
    kel = [list(g) for g in (kelompok or [])]
    total = hitung if kolom_total is None else list(kolom_total)
    per = [tuple(p) for p in per] if per is not None else [()]

    semua = set(df.columns)
    for c in [*hitung, *nominal, *[x for v in nominal.values() for x in v], *ikut,
              *[x for v in ikut.values() for x in v], *[x for g in kel for x in g], *total,
              *[x for p in per for x in p]]:
        if c not in semua:
            raise ValueError(f"kolom '{c}' tidak ada di tabel")
    for c in [*nominal, *ikut, *[x for g in kel for x in g], *total]:
        if c not in hitung:
            raise ValueError(f"kolom '{c}' harus termasuk kolom_hitung")
    for g in kel:
        if len(g) < 2:
            raise ValueError(f"kelompok {g} harus berisi sedikitnya 2 kolom")

    n = len(df)
    angka = df[hitung].apply(pd.to_numeric)
    if angka.isna().any().any():
        raise ValueError("kolom hitung tidak boleh kosong")
    X = angka.to_numpy(dtype="float64").reshape(n, len(hitung))
    if (X < 0).any() or (np.abs(X - np.round(X)) > _TOL).any():
        raise ValueError("kolom hitung harus bilangan bulat tidak negatif")
    X = np.round(X).astype(np.int64)
    idx = {c: j for j, c in enumerate(hitung)}
    kel_j = [[idx[c] for c in g] for g in kel]
    for g, gj in zip(kel, kel_j):
        if n and not (X[:, gj[:-1]].sum(axis=1) == X[:, gj[-1]]).all():
            raise ValueError(f"kelompok {g}: kolom terakhir bukan jumlah kolom lainnya")

    # Amounts: one array per (count column, amount column).
    nom = {(idx[c], a): pd.to_numeric(df[a]).fillna(0).to_numpy(dtype="float64")
           for c, cols in nominal.items() for a in cols}

    # Row sets, and which of their totals ("margins") are published. The margins are a table
    # of their own (e.g. klaim_program for the months x programs of klaim_bulanan, or
    # cakupan_kecamatan for the kelurahan), shown with the same rule: a margin of 1..4 is hidden,
    # and so is the cell hidden as its pair. A single set's margin row is checked on its own
    # (its row relations: klaim_program hides JKM as the pair of a small JHT).
    himpunan: list[np.ndarray] = []
    terbit: list[np.ndarray] = []
    for kunci in per:
        if not kunci:
            bagian = [np.arange(n)] if n else []
        else:
            d = df.reset_index(drop=True)
            bagian = sorted((np.asarray(v) for v in d.groupby(list(kunci), dropna=False).indices.values()),
                            key=lambda v: int(v.min()))
        if len(bagian) == 1:
            terbit.append(~_margin_tunggal(X[bagian[0]].sum(axis=0), kel_j, ambang))
        elif bagian:
            kolom_m = {c: [int(X[v, j].sum()) for v in bagian] for j, c in enumerate(hitung)}
            for (j, a), arr in nom.items():
                kolom_m[f"_rp{j}_{a}"] = [float(arr[v].sum()) for v in bagian]
            nominal_m = {}
            for (j, a) in nom:
                nominal_m.setdefault(hitung[j], []).append(f"_rp{j}_{a}")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DisclosureWarning)
                _, mm = suppress(pd.DataFrame(kolom_m), hitung, nominal_m, kel, total, [()], ambang=ambang)
            terbit += list(~mm[hitung].to_numpy(dtype=bool))
        himpunan += bagian

    # Groups: counts, then amounts.
    jt = sorted(idx[c] for c in set(total))
    grup: list[_Grup] = []
    grup_nom: list[_Grup] = []
    for hi, h in enumerate(himpunan):
        for j in jt:
            sel = [(int(r), j) for r in h]
            grup.append(_Grup(sel, [1] * len(sel), bool(terbit[hi][j]), "kolom"))
            for (jj, _a), v in nom.items():
                if jj == j:
                    grup_nom.append(_Grup(sel, [1] * len(sel), bool(terbit[hi][j]), "kolom",
                                          [float(v[r]) for r, _ in sel]))
    for r in range(n):
        for gj in kel_j:
            grup.append(_Grup([(r, j) for j in gj], [1] * (len(gj) - 1) + [-1], True, "baris"))
    for gj in kel_j:
        pertama = [next(((jj, a) for (jj, a) in nom if jj == j), None) for j in gj]
        if all(pertama):
            V = np.column_stack([nom[k] for k in pertama])
            if n and (np.abs(V[:, :-1].sum(axis=1) - V[:, -1]) > 0.5).any():
                raise ValueError(f"kelompok {[hitung[j] for j in gj]}: nominal tidak menjumlah")
            for r in range(n):
                grup_nom.append(_Grup([(r, j) for j in gj], [1] * (len(gj) - 1) + [-1], True, "baris",
                                      [float(x) for x in V[r]]))

    anggota: dict[tuple[int, int], list[int]] = {}
    for gi, g in enumerate(grup):
        for s in g.sel:
            anggota.setdefault(s, []).append(gi)
    return _Model(hitung, nominal, ikut, X, (X >= 1) & (X < ambang), grup, grup_nom, anggota, ambang)


def suppress(
    df: pd.DataFrame,
    kolom_hitung: Sequence[str],
    kolom_nominal: Mapping[str, str | Sequence[str]] | None = None,
    kelompok: Sequence[Sequence[str]] | None = None,
    kolom_total: Sequence[str] | None = None,
    per: Sequence[Sequence[str]] | None = None,
    *,
    kolom_ikut: Mapping[str, str | Sequence[str]] | None = None,
    ambang: int = THRESHOLD,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Suppress small counts in one table; returns (data, mask).

    df            the figure table (not modified). Count columns must be non-negative integers.
    kolom_hitung  count columns (people, registrations, claims, cases): 1..ambang-1 is hidden.
    kolom_nominal count column -> its Rupiah amount column(s), e.g. {"jumlah_klaim":
                  "nominal_dibayar"}. Hidden with the count; additive, so their column totals are
                  protected like the counts.
    kelompok      row relations: lists of count columns of which the LAST is the sum of the
                  others in every row, e.g. [["jkk_jumlah", "jkm_jumlah", "jumlah_klaim"]].
                  Checked (ValueError if a row does not add up). When every column of a relation
                  has an amount, the (first) amounts must add up the same way (checked too).
    kolom_total   count columns whose column totals a reader can see or compute (a total row, a
                  card, a chart total). Default: all of kolom_hitung. Pass [] when the rows do
                  not add up to anything shown.
    per           the sets of rows whose totals are shown, as lists of key columns: () is the
                  whole table (the default, [()]); ("kode_kecamatan",) makes one set per
                  kecamatan. Several may be given, e.g. [("program",), ("bulan",)].
    kolom_ikut    count column -> column(s) that reveal it but do not add up (a percentage of a
                  shown target). Hidden with the count, never used as a total.
    ambang        the threshold, AMBANG (5).

    Returns a copy of df in which hidden cells are missing (count columns become nullable Int64
    with <NA>; float columns NaN; other columns None), and a boolean DataFrame of the same shape,
    index and columns, True where a cell is hidden. Counts of 0 are never hidden. The result is
    deterministic (ties: the earlier column, then the earlier row).
    """
    md = _model(df, kolom_hitung, kolom_nominal, kelompok, kolom_total, per, kolom_ikut, ambang)
    X, grup, grup_nom, anggota = md.X, md.grup, md.grup_nom, md.anggota
    H = md.primer.copy()

    def bisa_dilindungi(s: tuple[int, int], kecuali: _Grup | None, dalam: int = 2,
                        andai: frozenset = frozenset()) -> bool:
        """Hiding s (and the cells in `andai`): does each of its other published groups that
        would then hold s alone still have a cell to pair it with (looking `dalam` steps on)?"""
        andai = andai | {s}
        for gi in anggota.get(s, []):
            g = grup[gi]
            if g is kecuali or not g.diketahui:
                continue
            if sum(1 for t in g.sel if H[t] or t in andai) != 1:
                continue
            calon = [t for t in g.sel if X[t] > 0 and not H[t] and t not in andai]
            if not calon:
                return False
            if dalam and not any(bisa_dilindungi(t, g, dalam - 1, andai) for t in calon):
                return False
        return True

    def urutan(s):
        return (X[s], s[1], s[0])

    def pilih(calon: list[tuple[int, int]], kecuali: _Grup | None) -> tuple[int, int] | None:
        """The smallest non-zero shown cell, preferring one whose other groups stay protectable."""
        calon = sorted(dict.fromkeys(calon), key=urutan)
        for s in calon:
            if bisa_dilindungi(s, kecuali):
                return s
        return calon[0] if calon else None

    def lengkapi() -> None:
        while True:
            ubah = False
            for g in grup:
                if sum(1 for s in g.sel if H[s]) == 1 or _tebakan_batas(g, X, H, ambang):
                    s = pilih([t for t in g.sel if not H[t] and X[t] > 0], g)
                    if s is not None:
                        H[s] = True
                        ubah = True
            for g in grup_nom:
                if not g.diketahui:
                    continue
                if sum(1 for s, v in zip(g.sel, g.nilai) if H[s] and abs(v) > _TOL) == 1:
                    calon = [(abs(v), s[1], s[0]) for s, v in zip(g.sel, g.nilai) if not H[s] and abs(v) > _TOL]
                    if calon:
                        _, j, r = min(calon)
                        H[r, j] = True
                        ubah = True
            if not ubah:
                return

    gagal: set = set()
    for _ in range(H.size + 1):
        lengkapi()
        bocor = [b for b in _terungkap(md, H) if b[:2] not in gagal]
        if not bocor:
            break
        jenis, s, gi = bocor[0]
        if jenis == "batas":      # a sum that gives the cells away: only this column can help
            dekat = [t for t in grup[gi].sel if not H[t] and X[t] > 0]
            jauh = []
        elif jenis == "hitung":   # its own groups first, then any group with a hidden cell
            dekat = [t for g in anggota.get(s, []) for t in grup[g].sel if not H[t] and X[t] > 0]
            jauh = [t for g in grup if any(H[u] for u in g.sel) for t in g.sel if not H[t] and X[t] > 0]
        else:
            dekat = [t for g in grup_nom if s in g.sel for t, v in zip(g.sel, g.nilai)
                     if not H[t] and abs(v) > _TOL]
            jauh = [t for g in grup_nom if any(H[u] for u in g.sel) for t, v in zip(g.sel, g.nilai)
                    if not H[t] and abs(v) > _TOL]
        dekat = sorted(dict.fromkeys(dekat), key=urutan)
        calon = dekat + sorted(dict.fromkeys(t for t in jauh if t not in dekat), key=urutan)
        for t in calon:           # the smallest extra cell that stops this one being worked out
            H[t] = True
            if (jenis, s) not in {b[:2] for b in _terungkap(md, H)}:
                break
            H[t] = False
        else:
            if calon:             # none alone is enough: hide the nearest smallest and go on
                H[calon[0]] = True
            else:
                gagal.add((jenis, s))
    if gagal:
        warnings.warn(
            "angka kecil masih dapat dihitung dari total yang ditampilkan; samarkan juga totalnya: "
            + ", ".join(f"baris {s[0]} kolom {md.hitung[s[1]]}" + (" (nominal)" if j == "nominal" else "")
                        for j, s in sorted(gagal)),
            DisclosureWarning, stacklevel=2)
    return _keluaran(df, md, H)


def _margin_tunggal(M: np.ndarray, kel_j: list[list[int]], ambang: int) -> np.ndarray:
    """Hidden cells of one margin row: 1..ambang-1, and the pair of a lone hidden cell in a row
    relation (the smallest other non-zero cell)."""
    hm = (M >= 1) & (M < ambang)
    while True:
        ubah = False
        for gj in kel_j:
            if hm[gj].sum() == 1:
                calon = [j for j in gj if not hm[j] and M[j] > 0]
                if calon:
                    hm[min(calon, key=lambda j: (M[j], gj.index(j)))] = True
                    ubah = True
        if not ubah:
            return hm


def _keluaran(df: pd.DataFrame, md: _Model, H: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    idx = {c: j for j, c in enumerate(md.hitung)}
    mask = pd.DataFrame(False, index=df.index, columns=df.columns)
    for j, c in enumerate(md.hitung):
        mask[c] = H[:, j]
    for c, cols in [*md.nominal.items(), *md.ikut.items()]:
        for a in cols:
            mask[a] = mask[a].to_numpy() | H[:, idx[c]]
    data = df.copy()
    for c in df.columns:
        mk = mask[c].to_numpy()
        kol = data[c]
        if c in idx or (mk.any() and pd.api.types.is_integer_dtype(kol.dtype)):
            data[c] = kol.astype("Int64").mask(mk, pd.NA)
        elif not mk.any():
            continue
        elif pd.api.types.is_float_dtype(kol.dtype):
            data[c] = kol.mask(mk, np.nan)
        else:
            data[c] = kol.astype(object).mask(mk, None)
    return data, mask


def _tebakan_batas(g: _Grup, X, H, ambang) -> bool:
    """Hidden cells of a column with a published total whose sum gives them away: a reader
    knows each is at least 1 (0 is shown) and, from '<5', at most ambang-1."""
    if not g.diketahui or g.jenis != "kolom":
        return False
    h = [s for s in g.sel if H[s]]
    if len(h) < 2:
        return False
    jumlah = sum(int(X[s]) for s in h)
    return jumlah == len(h) or (jumlah == (ambang - 1) * len(h) and all(X[s] < ambang for s in h))


def _terungkap(md: _Model, H: np.ndarray) -> list[tuple[str, tuple[int, int], int | None]]:
    """Primary cells a reader can work out, as (how, cell, group): 'batas' when the hidden cells
    of a published column sum to what gives them away (all 1, or all ambang-1); 'hitung' from all
    published totals and row relations solved together (linear algebra); 'nominal' for a hidden
    non-zero amount of a primary count (hidden zero amounts count as known)."""
    X, primer = md.X, md.primer
    hasil: list = []
    for gi, g in enumerate(md.grup):
        if _tebakan_batas(g, X, H, md.ambang):
            hasil += [("batas", s, gi) for s in g.sel if H[s] and primer[s]]
    hasil += [("hitung", s, None) for s in _tertentu(md.grup, lambda s, v: bool(H[s])) if primer[s]]
    hasil += [("nominal", s, None) for s in _tertentu(md.grup_nom, lambda s, v: bool(H[s]) and abs(v) > _TOL)
              if primer[s]]
    return hasil


def _tertentu(grup: list[_Grup], peubah) -> list[tuple[int, int]]:
    """Variables (hidden cells) uniquely determined by the groups with a known right-hand side:
    those on which every vector of the null space of the equation matrix is 0."""
    var: dict[tuple[int, int], int] = {}
    baris = []
    for g in grup:
        if not g.diketahui:
            continue
        koef = {}
        for s, k, v in zip(g.sel, g.koef, g.nilai or [0.0] * len(g.sel)):
            if peubah(s, v):
                koef[var.setdefault(s, len(var))] = k
        if koef:
            baris.append(koef)
    if not baris:
        return []
    A = np.zeros((len(baris), len(var)))
    for i, koef in enumerate(baris):
        for v, k in koef.items():
            A[i, v] = k
    _, sv, vt = np.linalg.svd(A)
    pangkat = int((sv > 1e-9 * max(1.0, float(sv.max()))).sum())
    nol = vt[pangkat:]
    if nol.shape[0] == 0:
        return list(var)
    return [s for s, i in var.items() if np.abs(nol[:, i]).max() < 1e-9]


def leaks(df: pd.DataFrame, mask: pd.DataFrame, kolom_hitung: Sequence[str],
          kolom_nominal: Mapping[str, str | Sequence[str]] | None = None,
          kelompok: Sequence[Sequence[str]] | None = None, kolom_total: Sequence[str] | None = None,
          per: Sequence[Sequence[str]] | None = None, *,
          kolom_ikut: Mapping[str, str | Sequence[str]] | None = None, ambang: int = THRESHOLD) -> list[str]:
    """Audit a mask: the small counts (and their amounts) of `df` (the original values) that a
    reader could still work out from the cells `mask` leaves shown and the published totals, as
    texts 'hitung baris 3 kolom jkk_jumlah'. Empty means safe under the model above."""
    md = _model(df, kolom_hitung, kolom_nominal, kelompok, kolom_total, per, kolom_ikut, ambang)
    H = mask[md.hitung].to_numpy(dtype=bool)
    return list(dict.fromkeys(f"{jenis} baris {s[0]} kolom {md.hitung[s[1]]}" for jenis, s, _ in _terungkap(md, H)))


def display(df: pd.DataFrame, mask: pd.DataFrame, kolom_hitung: Sequence[str],
              kolom_nominal: Mapping[str, str | Sequence[str]] | None = None,
              lang: str = "id") -> pd.DataFrame:
    """A copy for display or download: masked cells of count columns read '<5', masked cells
    of any other column (amounts in kolom_nominal, percentages) 'disamarkan' (lang='en':
    'masked'). Other values are unchanged; a column with masked cells becomes dtype object."""
    t_hitung, t_nominal = _TEKS.get(lang, _TEKS["id"])
    hitung = set(kolom_hitung)
    out = df.copy()
    for c in df.columns:
        mk = mask[c].to_numpy(dtype=bool) if c in mask.columns else np.zeros(len(df), bool)
        if mk.any():
            out[c] = out[c].astype(object).mask(mk, t_hitung if c in hitung else t_nominal)
    return out


# ------------------------------------------------------------------ the figure tables


@dataclass(frozen=True)
class Rule:
    """The suppression settings of one figure table (arguments of `samarkan`)."""
    kolom_hitung: tuple[str, ...]
    kolom_nominal: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    kolom_ikut: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    kelompok: tuple[tuple[str, ...], ...] = ()
    per: tuple[tuple[str, ...], ...] = ((),)
    kolom_total: tuple[str, ...] | None = None      # None: every count column's total is shown

    def kolom_samar(self, kolom) -> list[str]:
        """Columns of this table that can be hidden, in table order (those present in `kolom`)."""
        bisa = set(self.kolom_hitung)
        for v in [*self.kolom_nominal.values(), *self.kolom_ikut.values()]:
            bisa |= set(v)
        return [c for c in kolom if c in bisa]

    def terapkan(self, df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        ada = set(df.columns)

        def saring(peta):         # paired columns the table has (the export leaves some out)
            return {k: tuple(x for x in v if x in ada) for k, v in peta.items()}

        return suppress(df, self.kolom_hitung, saring(self.kolom_nominal), [list(g) for g in self.kelompok],
                        self.kolom_total, self.per, kolom_ikut=saring(self.kolom_ikut))

    def display(self, df, mask, lang: str = "id") -> pd.DataFrame:
        return display(df, mask, self.kolom_hitung, self.kolom_nominal, lang)


_LAIN, _LAIN_RP = "_lain_jumlah", "_lain_nominal"   # klaim_kecamatan: programs other than JKK/JKM

RULES: dict[str, Rule] = {
    "klaim_program": Rule(("jumlah_klaim",), {"jumlah_klaim": ("nominal_dibayar",)}),
    "klaim_kecamatan": Rule(
        ("jkk_jumlah", "jkm_jumlah", _LAIN, "jumlah_klaim"),
        {"jkk_jumlah": ("jkk_nominal",), "jkm_jumlah": ("jkm_nominal",), _LAIN: (_LAIN_RP,),
         "jumlah_klaim": ("nominal_dibayar",)},
        kelompok=(("jkk_jumlah", "jkm_jumlah", _LAIN, "jumlah_klaim"),)),
    "klaim_bulanan": Rule(("jumlah_klaim",), {"jumlah_klaim": ("nominal_dibayar",)},
                            per=(("program",), ("bulan",))),
    "cakupan_kecamatan": Rule(("peserta_aktif",), kolom_ikut={"peserta_aktif": ("cakupan_persen",)}),
    "cakupan_kelurahan": Rule(("peserta_aktif",), per=(("kode_kecamatan",), ())),
    "cakupan_segmen": Rule(("peserta_aktif",), kolom_ikut={"peserta_aktif": ("cakupan_persen",)}),
    "tren_peserta": Rule(("registrasi_aktif", "baru", "keluar"), kolom_total=()),
    "temuan": Rule(("jumlah",), {"jumlah": ("nominal",)}),
    "rekonsiliasi_iuran": Rule(("registrasi_tertagih",),
                                 {"registrasi_tertagih": ("iuran_seharusnya", "iuran_ditagih")},
                                 kolom_ikut={"registrasi_tertagih": ("selisih",)}),
}


def klaim_program(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """figures.klaim_program. Count: jumlah_klaim; amount: nominal_dibayar. The programs add up
    to the city total (cards), so a lone hidden program gets a second one."""
    return RULES["klaim_program"].terapkan(df)


def klaim_kecamatan(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """figures.klaim_kecamatan. Counts: jkk_jumlah, jkm_jumlah, jumlah_klaim; amounts:
    jkk_nominal, jkm_nominal, nominal_dibayar. Each column adds up to klaim_program (shown on the
    same page); in each row jkk + jkm + other programs = jumlah_klaim (the other programs, e.g.
    JHT, are not a column but are what jumlah_klaim - jkk - jkm leaves, so they are protected as
    a hidden column). Column totals are taken as shown unless klaim_program hides them."""
    d = df.copy()
    d[_LAIN] = d["jumlah_klaim"] - d["jkk_jumlah"] - d["jkm_jumlah"]
    d[_LAIN_RP] = (pd.to_numeric(d["nominal_dibayar"]) - pd.to_numeric(d["jkk_nominal"])
                   - pd.to_numeric(d["jkm_nominal"])).round(2)
    data, mask = RULES["klaim_kecamatan"].terapkan(d)
    return data.drop(columns=[_LAIN, _LAIN_RP]), mask.drop(columns=[_LAIN, _LAIN_RP])


def klaim_bulanan(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """figures.klaim_bulanan (one row per month and program). Count: jumlah_klaim; amount:
    nominal_dibayar. Two sets of totals: each program over the months (klaim_program) and each
    month over the programs (the stacked bar)."""
    return RULES["klaim_bulanan"].terapkan(df)


def cakupan_kecamatan(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """figures.cakupan_kecamatan. Count: peserta_aktif (adds up to the city card);
    cakupan_persen is hidden with it (with sasaran it gives peserta_aktif back). sasaran is a
    target, not people: always shown."""
    return RULES["cakupan_kecamatan"].terapkan(df)


def cakupan_kelurahan(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """figures.cakupan_kelurahan. Count: peserta_aktif. The kelurahan (and the 'tanpa
    kelurahan' row) of each kecamatan add up to that kecamatan's peserta_aktif, shown on the same
    page, and all of them to the city total."""
    return RULES["cakupan_kelurahan"].terapkan(df)


def cakupan_segmen(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """figures.cakupan_segmen. Count: peserta_aktif (segments add up to the city total);
    cakupan_persen hidden with it; sasaran shown."""
    return RULES["cakupan_segmen"].terapkan(df)


def tren_peserta(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """figures.tren_peserta. Counts (registrations of people): registrasi_aktif, baru, keluar.
    No amounts, and no total is shown: the months do not add up to anything on the page (a stock
    and two flows), so only the small counts themselves are hidden. The month-to-month change of
    registrasi_aktif is only roughly baru - keluar (registrations ending on a month's last day
    count as active and as leaving), so it does not give a hidden value back exactly."""
    return RULES["tren_peserta"].terapkan(df)


def temuan(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """figures.temuan. Count: jumlah; amount: nominal. The nominal total is the 'Rp berisiko'
    card: it is protected like the counts, and, like every card, must itself be hidden when the
    count that goes with it (jumlah.sum()) is 1..4 (`perlu_disamarkan`)."""
    return RULES["temuan"].terapkan(df)


def rekonsiliasi_iuran(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """figures.rekonsiliasi_iuran. Count: registrasi_tertagih; amounts that go with it:
    iuran_seharusnya (= count x tariff) and iuran_ditagih (about count x tariff); selisih is
    hidden with them. iuran_dibayar (SP2D) is shown."""
    return RULES["rekonsiliasi_iuran"].terapkan(df)


WRAPPERS = {
    "klaim_program": klaim_program, "klaim_kecamatan": klaim_kecamatan, "klaim_bulanan": klaim_bulanan,
    "cakupan_kecamatan": cakupan_kecamatan, "cakupan_kelurahan": cakupan_kelurahan,
    "cakupan_segmen": cakupan_segmen, "tren_peserta": tren_peserta, "temuan": temuan,
    "rekonsiliasi_iuran": rekonsiliasi_iuran,
}


def display_figure(nama: str, df: pd.DataFrame, mask: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """tampilkan() with the count columns of figure `nama`."""
    return RULES[nama].display(df, mask, lang)


# ------------------------------------------------------------------ public export

PUBLIC_NOTE = ("Mode publik: jumlah orang atau klaim 1–4, beserta nominal Rupiah dan persentase yang "
              "menyertainya, disamarkan; bila perlu satu sel lagi disamarkan agar angka kecil tidak "
              "dapat dihitung dari total. Sel yang disamarkan ditulis kosong dan kolom "
              "<kolom>_disamarkan bernilai true; sel kosong dengan <kolom>_disamarkan = false berarti "
              "tidak berlaku (mis. cakupan tanpa sasaran); 0 berarti nol dan tidak pernah disamarkan. "
              "Lihat docs/methodology.md, bagian Penyamaran angka kecil.")


def public_schema() -> dict:
    """export.TABEL for the public export: value descriptions say when a cell is empty, and each
    column that can be hidden gets a boolean <kolom>_disamarkan column after the table's columns."""
    hasil = {}
    for nama, (judul, ket, kolom) in export.TABLES.items():
        aturan = RULES.get(nama)
        if aturan is None:
            hasil[nama] = (judul, ket, kolom)
            continue
        samar = aturan.kolom_samar(kolom)
        baru = {}
        for k, (tipe, d) in kolom.items():
            if k in samar:
                d = (f"{d}. Kosong bila disamarkan ({k}{FLAG_SUFFIX} = true)"
                     + (": jumlah 1–4, atau sel kedua yang disamarkan agar angka kecil tidak dapat dihitung "
                        "dari total; 0 tidak pernah disamarkan" if k in aturan.kolom_hitung
                        else ", bersama jumlah yang menyertainya")
                     + f". Kosong dengan {k}{FLAG_SUFFIX} = false: tidak berlaku.")
            baru[k] = (tipe, d)
        for k in samar:
            baru[k + FLAG_SUFFIX] = ("boolean", f"true bila nilai {k} disamarkan (sel {k} kosong); false bila "
                                                  "ditampilkan atau tidak berlaku.")
        hasil[nama] = (judul, f"{ket} {PUBLIC_NOTE}", baru)
    return hasil


def public_tables(con, asof: AsOf) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """export.tabel_ekspor with suppression: name -> (data, mask)."""
    hasil = {}
    for nama, df in export.export_tables(con, asof).items():
        if nama in WRAPPERS:
            hasil[nama] = WRAPPERS[nama](df)
        else:
            hasil[nama] = (df, pd.DataFrame(False, index=df.index, columns=df.columns))
    return hasil


def export_public(con, asof: AsOf, out: Path) -> list[Path]:
    """The export of export.ekspor for the public portal: the same five CSV files (same columns
    first, same plain number format) and datapackage.json, with small counts suppressed.

    Convention: a hidden cell is written empty, and for each column that can be hidden the table
    ends with a boolean column <kolom>_disamarkan ('true' / 'false'). So: a number is a number
    (0 is zero, never hidden); empty + false = not applicable / no value; empty + true = hidden.
    The datapackage field descriptions say the same."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    skema = public_schema()
    ditulis = []
    for nama, (data, mask) in public_tables(con, asof).items():
        kolom = list(skema[nama][2])
        tulis = data.copy()
        for k in kolom:
            if k.endswith(FLAG_SUFFIX) and k not in data.columns:
                asal = k[: -len(FLAG_SUFFIX)]
                tulis[k] = ["true" if v else "false" for v in mask[asal]]
        p = out / f"{nama}.csv"
        export.write_csv(tulis[kolom], p)
        ditulis.append(p)
    paket = export.datapackage(asof, figures.sumber_impor(con), tabel=skema)
    paket["name"] += "-publik"
    paket["title"] += " — publik, angka kecil disamarkan"
    paket["description"] += " " + PUBLIC_NOTE
    for r in paket["resources"]:
        r["schema"]["missingValues"] = [""]
    p = out / "datapackage.json"
    p.write_text(json.dumps(paket, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    ditulis.append(p)
    return ditulis
