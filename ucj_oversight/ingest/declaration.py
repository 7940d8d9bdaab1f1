"""The vocabulary of the extract contract: value types, the karantina reasons of unreadable cells
and of NIK notes, and the declaration classes (Column, Check, Rule, Table, Total, Kind).

ingest.contract declares the kinds with these and re-exports every name, so callers keep writing
`contract.Column`, `contract.TEXT`, ...; this module only keeps the contract under the size limit
and separates what a declaration is from what is declared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ucj_oversight.ingest import values

# Column value types understood by ingest.values. The texts are data (shown in docs/kontrak.md).
TEXT = "teks"  # free text, trimmed
CODE = "kode"  # identifier text (no_kpj, no_sp2d, kode_rekening): trimmed, upper-cased
NIK = "nik"  # personal identifier: hashed at once, never stored raw
DATE = "tanggal"  # ISO, dd/mm/yyyy or Excel date cell
PERIOD = "periode"  # a month: YYYY-MM, a date, MM/YYYY
MONEY = "uang"  # Rupiah: number or Indonesian text ("Rp 16.800", "16800,00")
INTEGER = "bilangan"  # whole number >= 0 (tahun, jumlah_sasaran)
KECAMATAN = "kecamatan"  # name or kode, resolved to kode_kecamatan
KELURAHAN = "kelurahan"  # name or kode, resolved to kode_kelurahan within the kecamatan
CHOICE = "pilihan"  # one of a fixed list, any case
DISCARDED = "dibuang"  # read and discarded (names: UU PDP data minimisation)

# The karantina reason for a cell of this type that holds something unreadable (data: stored
# in karantina.alasan and shown to users). CHOICE cells name the accepted values instead.
UNREADABLE_REASONS: dict[str, str] = {
    DATE: "tanggal tidak terbaca (format yang diterima: YYYY-MM-DD, DD/MM/YYYY, sel tanggal Excel)",
    PERIOD: "periode tidak terbaca (format yang diterima: YYYY-MM, YYYYMM, MM/YYYY, tanggal)",
    MONEY: "nominal tidak terbaca (contoh yang diterima: 16800, 16.800, Rp 16.800, 16800,00)",
    INTEGER: "bukan bilangan bulat",
    CHOICE: "nilai tidak dikenal",
}

# An empty NIK quarantines its row; any other NIK that is not 16 digits is loaded and becomes the
# finding NIK_TIDAK_VALID, with one of these reasons (data: shown in the import report). The keys
# are the problem codes of ingest.values.read_nik, and 'bukan_16_digit'.
NIK_EMPTY = "NIK kosong"
NIK_NOTES: dict[str, str] = {
    values.NIK_SCIENTIFIC: (
        "NIK tertulis dalam notasi ilmiah (mis. 3,27501E+15): digit aslinya sudah hilang; baris dimuat "
        "sebagai NIK_TIDAK_VALID. Format kolom NIK sebagai Teks di Excel lalu kirim ulang"
    ),
    values.NIK_INEXACT_NUMBER: (
        "NIK berupa angka yang tidak dapat dibaca tepat (pecahan, negatif, atau terlalu besar); baris dimuat "
        "sebagai NIK_TIDAK_VALID"
    ),
    "bukan_16_digit": "NIK bukan 16 digit; baris dimuat sebagai NIK_TIDAK_VALID",
}


@dataclass(frozen=True)
class Column:
    """A canonical column of an extract."""

    name: str
    type: str
    required_in_header: bool = True  # the header must contain it (or an alias)
    required: bool = True  # an empty cell sends the row to karantina
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    description_id: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Check:
    """One check of a cross-column rule: the rows of the typed frame it marks go to karantina."""

    column: str  # the column the karantina entry names
    reason: str  # data: stored in karantina.alasan and shown to users
    rows: Callable[[pd.DataFrame], pd.Series | np.ndarray]  # typed rows -> mask of the rows that break it
    show_value: bool = False  # show the row's typed value of `column` next to the reason


@dataclass(frozen=True)
class Rule:
    """A rule over more than one column (or a whole column) of the typed rows of one kind: its
    checks, then its transformation of the typed rows, and its text in docs/kontrak.md."""

    text_id: str
    text_en: str
    checks: tuple[Check, ...] = ()
    transform: Callable[[pd.DataFrame], None] | None = None  # changes the typed rows in place


@dataclass(frozen=True)
class StoredColumn:
    name: str
    sql_type: str  # as DuckDB reports it (information_schema.columns.data_type)


@dataclass(frozen=True)
class Table:
    """The storage table of a kind. Every row also carries impor_id and baris (LEADING), first."""

    name: str
    columns: tuple[StoredColumn, ...]

    LEADING = (StoredColumn("impor_id", "INTEGER"), StoredColumn("baris", "BIGINT"))

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def table_of(name: str, *columns: tuple[str, str]) -> Table:
    return Table(name, tuple(StoredColumn(n, t) for n, t in columns))


@dataclass(frozen=True)
class Total:
    """An amount column an office may send as its components (e.g. 'Iuran JKK' + 'Iuran JKM'
    next to or instead of 'Total Iuran'): the total is used; if only the components are there,
    their sum; a row whose total differs from the sum of its components goes to karantina."""

    column: str  # the total (a MONEY column of the kind)
    parts: tuple[str, ...]  # the component columns (MONEY columns of the kind, optional)
    reason: str  # data: the karantina reason of a row whose total and components disagree


@dataclass(frozen=True)
class Kind:
    name: str
    description_id: str
    columns: tuple[Column, ...]
    table: Table
    # Which version counts when imports overlap (the derived layer, storage/sql/derived/); docs only.
    overlap_id: str
    # Each key (one or more typed columns) may appear once per extract; later repeats are quarantined.
    unique_keys: tuple[tuple[str, ...], ...] = ()
    # Either of these columns satisfies the header check (kecamatan name or code).
    one_of: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    # Cross-column rules, applied in this order after every column is typed.
    rules: tuple[Rule, ...] = ()
    # Words of a title row or file name that point to this kind ('Register SP2D' -> realisasi),
    # used with the header to classify a file whose name does not start with a kind.
    title_words: tuple[str, ...] = ()
    # Amount columns that may arrive as components (Total).
    totals: tuple[Total, ...] = ()

    def column_dict(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}
