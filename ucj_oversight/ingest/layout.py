"""The layout of a spreadsheet-like extract: where its header is, and which rows are not data.

Offices send extracts as they print them: title rows above the header, a group row above the
column names (two-level header), a running-number column, JUMLAH/TOTAL rows between and after
the data, and a signature block at the end. This module holds the general rules that find the
header among the first rows (scoring each row by the contract names and aliases of the kind) and
recognise summary and closing rows (vectorised over a batch), and the control totals a summary
row carries. It knows nothing about files: ingest.readers hands it rows of cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ucj_oversight.ingest import contract, values
from ucj_oversight.ingest.contract import Kind

HEADER_WINDOW = 30  # rows looked at for the header
# A running-number column ("No", "No.", "Nomor", "Nomor Urut", "#"): not data, ignored.
NUMBER_HEADERS = frozenset({"no", "nomor", "no_urut", "nomor_urut", "nourut", "urut"})
# A summary word at the start of a leading cell: JUMLAH, TOTAL, SUB TOTAL, GRAND TOTAL, JML ...
SUMMARY = r"^\s*(?:sub[\s_-]*total|grand[\s_-]*total|total|jumlah|jml\.?)(?![a-z])"
_SUMMARY_RE = re.compile(SUMMARY, re.IGNORECASE)
LEADING_COLUMNS = 3  # the summary word is looked for in this many first columns
# A cell that is a number, an amount or a date, not the text of a signature block.
# A line only a closing block has: a signature (NIP, titles) or a place and a written date.
_MONTHS = "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
CLOSING = (
    r"\bnip\b|\bmengetahui\b|\bkepala\b|\bdisetujui\b|\bdibuat\b|\bdiperiksa\b|\bpejabat\b|"
    r"\bsekretaris\b|\bbendahara\b|\bplt\b|\bttd\b|\ba\.\s?n\.|\d{1,2}\s+(?:" + _MONTHS + r")\s+\d{4}"
)
_NUMERIC = r"^[\s(+-]*(?:rp\.?|idr)?\s*[\d.,/\s-]*\d[\d.,/\s-]*\)?\s*$"


class HeaderError(ValueError):
    """No row, or more than one row, of the first rows is the header; the message says which.
    `guess` is the row (0-based) most like a header and `cells` its cells, for the admin to map
    (ingest.profiles); `found` the contract columns it names."""

    def __init__(self, message: str, guess: int | None = None, cells: list[str] | None = None, found=()):
        super().__init__(message)
        self.guess, self.cells, self.found = guess, list(cells or []), tuple(found)


def _guess(window: list[list[str]], scores: list[int]) -> int:
    """The row most like a header: the one naming most contract columns, else the one with most
    text cells (the first of equals)."""
    if max(scores, default=0) > 0:
        return scores.index(max(scores))
    texts = [sum(1 for c in r if c and not re.fullmatch(_NUMERIC, c.lower())) for r in window]
    return texts.index(max(texts)) if texts else 0


def _error(message: str, window, matches, scores, row: int | None = None) -> HeaderError:
    g = _guess(window, scores) if row is None else row
    return HeaderError(message, g, window[g] if window else [], sorted(set(matches[g].values())) if window else ())


@dataclass
class Header:
    """The header found: its rows (0-based, in the rows handed in) and one name per column."""

    rows: tuple[int, ...]
    names: list[str]
    first_data_row: int  # 0-based index of the first row after the header (and its numbering row)


def is_number_header(text: object) -> bool:
    s = str(text).strip()
    return s == "#" or contract.normalize_header(s) in NUMBER_HEADERS


def _text(cell: object) -> str:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return ""
    return str(cell).strip()


cell_text = _text  # a cell as trimmed text ('' for an empty cell)


def _matches(row: list[str], mapping: dict[str, str]) -> dict[int, str]:
    """Column position -> canonical name, for the cells of a row that are contract names."""
    return {j: mapping[n] for j, c in enumerate(row) if c and (n := contract.normalize_header(c)) in mapping}


def required_groups(kind: Kind) -> list[set[str]]:
    """What the header must hold: one set per required column (or either-or group)."""
    either = {name for group in kind.one_of for name in group}
    parts = {t.column: set(t.parts) for t in kind.totals}  # a component stands in for its total
    groups = [
        {c.name} | parts.get(c.name, set()) for c in kind.columns if c.required_in_header and c.name not in either
    ]
    return groups + [set(g) for g in kind.one_of]


def find_header(rows: list[list[object]], kind: Kind, provided: frozenset[str] = frozenset()) -> Header:
    """The header of the first HEADER_WINDOW rows, by the contract names and aliases of `kind`;
    `provided` columns need not be in it (a workbook sheet's period, from its name or title).

    A clean file (the best row is the first non-empty row) keeps today's header: the first
    non-empty row, whatever it holds; a missing column is then map_columns' message."""
    window = [[_text(c) for c in r] for r in rows[:HEADER_WINDOW]]
    mapping = contract.header_map(kind)
    matches = [_matches(r, mapping) for r in window]
    scores = [len(set(m.values())) for m in matches]
    filled = [i for i, r in enumerate(window) if any(r)]
    if not filled:
        raise HeaderError("kosong")  # nothing to map
    first = filled[0]
    best = max(scores)
    if best == 0:
        if sum(map(bool, window[first])) < 2 and any(sum(map(bool, r)) >= 2 for r in window):
            raise _error(_tried(window, matches, scores, kind, None), window, matches, scores)  # a title
        return Header((first,), window[first], first + 1)  # map_columns names what is missing
    tops = [i for i, s in enumerate(scores) if s == best]
    h = tops[0]
    if len(tops) == 2 and _two_level(window, matches, tops[0], tops[1]):
        h = tops[1]
    elif len(tops) > 1 and not all(window[i] == window[h] for i in tops):
        raise _error(_tried(window, matches, scores, kind, tops), window, matches, scores)
    header = _resolve(window, matches, h)
    if header.rows[0] == first:
        return header  # a header on the first row: map_columns checks it as before
    found = set().union(*(matches[i].values() for i in header.rows)) | provided
    if not all(found & g for g in required_groups(kind)):
        raise _error(_tried(window, matches, scores, kind, [h]), window, matches, scores, h)
    return header


def _two_level(window, matches, upper: int, lower: int) -> bool:
    """Two adjacent rows whose contract names sit in different columns: one two-level header."""
    return lower == upper + 1 and not set(matches[upper]) & set(matches[lower])


def _resolve(window: list[list[str]], matches: list[dict[int, str]], h: int) -> Header:
    """The header rows around row h and, per column, the lowest header row's cell that is a
    contract name, else the lowest non-empty one (a group cell)."""
    rows = [h]
    above = h - 1
    if above >= 0 and sum(map(bool, window[above])) >= 2:
        rows.insert(0, above)
    below = h + 1
    if below < len(window) and matches[below]:
        lower_positions = {j for j, c in enumerate(window[below]) if c}
        # A continuation names columns the header row does not, and is empty under its names.
        if set(matches[below]) - set(matches[h]) and not (lower_positions - set(matches[below])) & set(matches[h]):
            rows.append(below)
    width = max(len(window[i]) for i in rows)
    names, taken = [], set()
    for j in range(width):
        cells = [(window[i][j] if j < len(window[i]) else "", matches[i].get(j)) for i in reversed(rows)]
        named = [(c, m) for c, m in cells if m and m not in taken]
        if named:
            names.append(named[0][0])
            taken.add(named[0][1])
        else:
            names.append(next((c for c, _ in cells if c), ""))
    first_data = rows[-1] + 1
    if first_data < len(window) and _is_column_numbering(window[first_data]):
        first_data += 1
    return Header(tuple(rows), names, first_data)


def _is_column_numbering(row: list[str]) -> bool:
    """The row under a printed header numbering its columns: 1, 2, 3 ... or (1), (2), (3) ..."""
    cells = [c for c in row if c]
    if len(cells) < 3:
        return False
    numbers = [re.fullmatch(r"\(?(\d{1,2})(?:\.0)?\)?", c) for c in cells]
    if not all(numbers):
        return False
    ints = [int(m.group(1)) for m in numbers]
    return all(b == a + 1 for a, b in zip(ints, ints[1:]))


def _tried(window, matches, scores, kind: Kind, rows: list[int] | None) -> str:
    def one(i: int) -> str:
        names = ", ".join(sorted(set(matches[i].values()))) or "-"
        return f"baris {i + 1}: {scores[i]} kolom ({names})"

    shown = [i for i, s in enumerate(scores) if s > 0][:6]
    tried = f"baris 1–{len(window)} diperiksa"
    if rows and len(rows) > 1:
        what = f"baris {' dan '.join(str(i + 1) for i in rows)} sama-sama cocok; pilih satu baris header"
    elif rows:
        wanted = ", ".join(" atau ".join(sorted(g)) for g in required_groups(kind))
        what = f"baris terbaik ({rows[0] + 1}) tidak memuat semua kolom wajib ({wanted})"
    else:
        what = "tidak ada baris yang memuat nama kolom kontrak"
    found = "; ".join(one(i) for i in shown) or "tidak ada kolom yang dikenali"
    return f"header tidak dikenali untuk jenis '{kind.name}': {tried}; {what}. Kolom yang ditemukan: {found}"


# ---------------------------------------------------------------- summary and closing rows


def key_columns(kind: Kind) -> list[str]:
    """The columns whose value makes a row a data row: the required identifier (CODE/NIK)
    columns, else the columns of the first unique key."""
    codes = [c.name for c in kind.columns if c.required and c.type in (contract.CODE, contract.NIK)]
    if codes:
        return codes
    names = {c.name for c in kind.columns}
    return [c for c in (kind.unique_keys[0] if kind.unique_keys else ()) if c in names] or [
        c.name for c in kind.columns if c.required_in_header
    ]


def _empty(s: pd.Series) -> np.ndarray:
    """Cells with nothing in them (fast: no text conversion of every cell)."""
    v = s.to_numpy()
    if v.dtype.kind == "f":
        return np.isnan(v)
    if v.dtype == object:
        return np.asarray(pd.isna(v) | (v == ""), dtype=bool)
    return np.zeros(len(v), dtype=bool)


@dataclass
class RowKinds:
    summary: np.ndarray  # JUMLAH/TOTAL rows: skipped
    closing_like: np.ndarray  # text-only rows without a key value: skipped when after the last data row
    keyed: np.ndarray  # rows with a key value (data rows)
    blank: np.ndarray  # rows with nothing but a running number: dropped like blank rows
    signature: np.ndarray  # closing rows with a line only a closing block has (NIP, a written date ...)


def classify(raw: pd.DataFrame, renames: dict[str, str], kind: Kind) -> RowKinds:
    """Which rows of a batch are summary rows, closing-block candidates and data rows. Only
    rows with few cells, an empty key or a leading key cell that may start a summary word are
    looked at closely (a handful in a clean file)."""
    n = len(raw)
    by_canonical = {v: k for k, v in renames.items()}
    keys = [by_canonical[c] for c in key_columns(kind) if c in by_canonical]
    empty = {c: _empty(raw[c]) for c in raw.columns}
    empty_key = np.ones(n, dtype=bool)
    for c in keys:
        empty_key &= empty[c]
    filled_count = np.zeros(n, dtype=np.int64)
    for c in raw.columns:
        if not is_number_header(c):
            filled_count += ~empty[c]
    blank = filled_count == 0  # a running number alone is a blank row
    leading = list(raw.columns[:LEADING_COLUMNS])
    # A closing row holds a few cells of text: fewer than the data columns a data row fills.
    required = [c for c in key_columns(kind) + [c.name for c in kind.columns if c.required] if c in by_canonical]
    few = filled_count <= min(3, max(len(set(required)) - 1, 1))
    candidates = empty_key | few
    # A summary word may stand in any leading cell: the key, a name, or the running-number column
    # ("JUMLAH" under "No", the count under "No. KPJ"). Only first letters are looked at here.
    for c in leading:
        if raw[c].dtype == object:
            first = raw[c].astype(str).str[:1].str.lower().to_numpy()
            candidates |= np.isin(first, ["j", "t", "s", "g"]) & ~empty[c]
    summary = np.zeros(n, dtype=bool)
    closing = np.zeros(n, dtype=bool)
    signature = np.zeros(n, dtype=bool)
    idx = np.flatnonzero(candidates)
    if len(idx) and len(raw.columns):
        sub = raw.iloc[idx]
        text = pd.DataFrame({c: values.to_text(sub[c]) for c in sub.columns}, index=sub.index)
        filled = text.ne("")
        numeric = text.apply(lambda s: s.str.lower().str.fullmatch(_NUMERIC)).fillna(False) & filled
        worded = text.apply(lambda s: s.str.contains(SUMMARY, case=False, regex=True)).fillna(False)
        first_text = pd.Series("", index=text.index)
        for c in text.columns:  # the first cell with text that is not a number
            first_text = first_text.where(first_text.ne(""), text[c].where(~numeric[c], ""))
        is_summary = worded[leading].any(axis=1).to_numpy() | first_text.str.contains(SUMMARY, case=False).to_numpy()
        key_free = np.ones(len(idx), dtype=bool)
        for c in keys:
            key_free &= (~filled[c] | worded[c] | numeric[c]).to_numpy()
        summary[idx] = is_summary & key_free
        raw_sub = sub.to_numpy(dtype=object)
        non_text = np.vectorize(lambda x: x is not None and not isinstance(x, str) and x == x, otypes=[bool])(raw_sub)
        signature[idx] = text.apply(lambda s: s.str.contains(CLOSING, case=False, regex=True)).any(axis=1).to_numpy()
        closing[idx] = few[idx] & ~numeric.any(axis=1).to_numpy() & ~non_text.any(axis=1)
    # A row with a running number is a numbered data row, never a line of a signature block.
    for c in raw.columns:
        if is_number_header(c):
            closing &= empty[c]
    closing &= ~summary
    blank &= ~summary
    return RowKinds(summary, closing & ~blank, ~empty_key & ~closing & ~summary, blank, closing & signature)


def line_kind(text: str | None, after_data: bool) -> str | None:
    """A CSV line that could not be split into the header's columns: 'summary' (a JUMLAH line),
    'signature' or 'closing' (after the last data row, a line of a closing block), else None."""
    if not text:
        return None
    cells = [c.strip().strip('"').strip() for c in re.split(r"[,;]", text)]
    filled = [c for c in cells if c]
    if not filled:
        return None
    if any(_SUMMARY_RE.match(c) for c in cells[:LEADING_COLUMNS] + filled[:1]):
        return "summary"
    numeric = re.compile(_NUMERIC, re.IGNORECASE)
    if not after_data or len(filled) > 3 or any(numeric.match(c) for c in filled):
        return None
    return "signature" if re.search(CLOSING, text, re.IGNORECASE) else "closing"


# ---------------------------------------------------------------- control totals

_COUNT_RE = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)\s*$")


def summary_label(row: pd.Series) -> str:
    """The summary cell of a row, as written ('JUMLAH', 'Sub Total Pondokgede')."""
    for x in values.to_text(row.astype(object)):
        if x and _SUMMARY_RE.match(x):
            return x.rstrip(" :")[:40]
    return "JUMLAH"


def stated_count(row: pd.Series, number_column: str | None, key_names: list[str]) -> int | None:
    """A row count a summary row states: 'Jumlah peserta: 2.318', or a number in the
    running-number or key column."""
    cells = values.to_text(row.astype(object))
    for x in cells:
        if x and _SUMMARY_RE.match(x):
            m = _COUNT_RE.search(x[_SUMMARY_RE.match(x).end() :])
            if m:
                return int(m.group(1).replace(".", ""))
    for c in [number_column, *key_names]:
        if c is not None and c in row.index:
            t = values.to_text(pd.Series([row[c]], dtype=object)).iloc[0].removesuffix(".0")
            if re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", t):
                return int(t.replace(".", ""))
    return None


def stated_amount(row: pd.Series, column: str) -> float | None:
    if column not in row.index:
        return None
    v, bad = values.parse_money(pd.Series([row[column]], dtype=object))
    return None if bool(bad.iloc[0]) or pd.isna(v.iloc[0]) else float(v.iloc[0])


def is_subtotal(label: str) -> bool:
    return bool(re.match(r"\s*sub", label, re.IGNORECASE))
