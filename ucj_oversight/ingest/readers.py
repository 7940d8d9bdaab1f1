"""Reading extract files: CSV, XLSX and Parquet -> untyped cells with the row numbers a person sees.

Large files stream: CSV and Parquet are read batch by batch (ingest.run types and inserts each
batch before reading the next), so memory follows the batch, not the file. An XLSX file is
checked for zip bombs and far-away cells before it is opened. Anything a reader cannot do is an
IngestError whose message is for the person who sent the file.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ucj_oversight.ingest import contract, layout, values, workbook
from ucj_oversight.ingest.contract import Kind

EXTENSIONS = (".csv", ".xlsx", ".parquet")


class IngestError(Exception):
    """A file the run cannot use at all. The message is for the person who sent the file."""


class KindUnknown(IngestError):
    """No kind, or more than one, fits a file whose name does not say its kind (ingest.classify)."""


class HeaderNotRecognised(IngestError):
    """A header without the kind's required columns. Carries what the admin needs to map the
    file's columns to the contract (a source profile, ingest.profiles): where (file and sheet),
    the kind, the header row as a spreadsheet numbers it, its cells, the columns recognised
    (cell -> contract column) and the required columns missing."""

    def __init__(self, message: str, *, where: str, kind: Kind, header_row: int, cells: list[str]):
        super().__init__(message)
        mapping = contract.header_map(kind)
        self.where, self.kind, self.header_row = where, kind.name, header_row
        self.cells = [c for c in (str(x).strip() for x in cells) if c]
        self.mapped = {c: mapping[n] for c in self.cells if (n := contract.normalize_header(c)) in mapping}
        have = set(self.mapped.values())
        for total in kind.totals:  # the components stand in for their total
            if all(p in have for p in total.parts):
                have.add(total.column)
        self.missing = [" atau ".join(sorted(g)) for g in layout.required_groups(kind) if not have & g]


def header_error(where: str, kind: Kind, e: layout.HeaderError, first_row: int = 1) -> IngestError:
    """A layout.HeaderError as the run reports it: mappable when the layout found a header-like row."""
    if e.guess is None:
        return IngestError(f"{where}: {e}")
    return HeaderNotRecognised(f"{where}: {e}", where=where, kind=kind, header_row=e.guess + first_row, cells=e.cells)


@dataclass
class Reading:
    """A file's cells as read: canonical later, untyped now."""

    data: pd.DataFrame  # one column per header, original header names
    row_numbers: np.ndarray  # the row number a person sees (spreadsheet row, header = 1)
    # Rows the reader itself could not split: dicts with the karantina columns baris, kolom, alasan, nilai.
    karantina: list[dict] = field(default_factory=list)
    # The header's rows as a spreadsheet numbers them, and whether the file is laid out by hand
    # (CSV, XLSX: it may hold summary and closing rows; Parquet is made by a program).
    header_rows: tuple[int, ...] = (1,)
    spreadsheet: bool = False
    # A workbook sheet's name (None for a CSV or Parquet file), and values for canonical columns
    # the header lacks (the sheet's period: column -> text), used by validate.map_columns.
    sheet: str | None = None
    fills: dict[str, str] = field(default_factory=dict)
    skipped_sheets: tuple[str, ...] = ()  # a workbook's sheets without data, with why


# Rows per batch when streaming a Parquet file, and the CSV block (one batch per block; it must
# also hold the longest row of a file, so it stays large). A batch is read, typed and inserted
# before the next is read: memory is bounded by the batch, not by the file.
ROWS_PER_BATCH = 500_000
CSV_BLOCK = 1 << 24


def read_batches(path: Path, rows_per_batch: int | None = None, kind: Kind | None = None) -> Iterator[Reading]:
    """A file's rows as consecutive batches (CSV by block, Parquet by rows_per_batch rows, XLSX
    whole), each with the row numbers a person sees and the rows the reader set aside. At least
    one batch (maybe without rows), so that a file without data still has its header checked.
    A reader failure, also one halfway through the file, is an IngestError. With `kind`, the
    header of a CSV or XLSX file is looked for among its first rows (ingest.layout)."""
    ext = path.suffix.lower()
    if ext == ".csv":
        batches = _read_csv(path, kind)
    elif ext == ".xlsx":
        # Excel files are small: each sheet read whole; with a kind, every sheet that holds data.
        batches = _one(_read_xlsx, path, None) if kind is None else workbook.read_sheets(path, kind)
    elif ext == ".parquet":
        batches = _read_parquet(path, rows_per_batch or ROWS_PER_BATCH)
    else:
        raise IngestError(
            f"{path.name}: jenis file {ext or '(tanpa ekstensi)'} tidak didukung; gunakan CSV, XLSX atau Parquet"
        )
    while True:
        try:
            reading = next(batches)
        except StopIteration:
            return
        except IngestError:
            raise
        except Exception as e:  # any reader failure is the file's fault, reported plainly
            raise IngestError(
                f"{path.name}: file tidak dapat dibaca sebagai {ext[1:].upper()} ({type(e).__name__}: {str(e)[:200]})"
            ) from None
        yield reading


def _one(read: Callable[[Path, Kind | None], Reading], path: Path, kind: Kind | None) -> Iterator[Reading]:
    yield read(path, kind)


def read_file(path: Path) -> Reading:
    """The whole file at once (the batches of read_batches joined)."""
    parts = list(read_batches(path))
    if len(parts) == 1:
        return parts[0]
    data = pd.concat([b.data for b in parts], ignore_index=True)
    return Reading(data, np.concatenate([b.row_numbers for b in parts]), [r for b in parts for r in b.karantina])


def _csv_header(path: Path, head_text: str, kind: Kind | None) -> tuple[str, list[str], int, tuple[int, ...]]:
    """Delimiter, header names, rows before the data, and the header's rows (1-based)."""
    lines = head_text.splitlines()
    header_line = lines[0] if lines else ""
    # Comma or semicolon: whichever splits the header into more columns (Excel in id-ID uses ';').
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    if kind is None:
        return delimiter, next(csv.reader([header_line], delimiter=delimiter)), 1, (1,)
    found, errors = [], []
    mapping = contract.header_map(kind)
    for d in (delimiter, ";" if delimiter == "," else ","):
        rows = list(itertools.islice(csv.reader(io.StringIO(head_text), delimiter=d), layout.HEADER_WINDOW))
        try:
            h = layout.find_header(rows, kind)
        except layout.HeaderError as e:
            errors.append(e)
            continue
        score = len({mapping[n] for n in map(contract.normalize_header, h.names) if n in mapping})
        found.append((-score, len(found), d, h))
    if not found or min(found)[0] == 0:  # the other delimiter only counts when it finds names
        if errors and (not found or found[0][2] != delimiter):
            raise header_error(path.name, kind, errors[0])
    _, _, d, h = min(found)
    return d, h.names, h.first_data_row, tuple(i + 1 for i in h.rows)


def _read_csv(path: Path, kind: Kind | None = None) -> Iterator[Reading]:
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    if not head.strip():
        raise IngestError(f"{path.name}: file kosong")
    if b"\x00" in head:
        raise IngestError(f"{path.name}: bukan file teks CSV (berisi byte biner)")
    try:
        head_text = head.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if len(head) < (1 << 16) or e.start < len(head) - 4:
            raise IngestError(
                f"{path.name}: bukan teks UTF-8 (byte ke-{e.start + 1}); simpan ulang sebagai 'CSV UTF-8'"
            ) from None
        head_text = head[: e.start].decode("utf-8-sig")
    delimiter, header, skip, header_rows = _csv_header(path, head_text, kind)
    names = [h.replace("\ufeff", "") for h in header]
    if not any(h.strip() for h in names):
        raise IngestError(f"{path.name}: baris pertama (header) kosong")
    columns = names if len(set(names)) == len(names) else _dedupe(names)

    bad: list[dict] = []  # rows with the wrong number of cells, not yet handed out
    skipped: set[int] = set()  # numbers of rows that are not data (wrong width, blank line)

    def invalid_row(row: pacsv.InvalidRow) -> str:
        skipped.add(row.number)
        if not row.text.strip(" \t\r" + delimiter):
            return "skip"  # a blank line: not data, but it still counts in the numbering
        bad.append(
            {
                "baris": row.number,
                "kolom": None,
                "alasan": f"jumlah kolom {row.actual_columns}, seharusnya {row.expected_columns}",
                "nilai": None,
                "teks": row.text,  # for ingest.layout: a summary or closing line is not data
            }
        )
        return "skip"

    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(
            column_names=[f"c{i}" for i in range(len(names))],
            skip_rows=skip,
            block_size=CSV_BLOCK,
            # single-threaded: the only mode that reports row numbers
            use_threads=False,
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, invalid_row_handler=invalid_row, newlines_in_values=True, ignore_empty_lines=False
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={f"c{i}": pa.string() for i in range(len(names))},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    # Row numbers as a spreadsheet shows them (header = 1): the good rows take 2, 3, ... in
    # order, skipping the numbers of the rows set aside. The reader reports the rows it sets
    # aside while it parses a block, i.e. before it hands out that block's batch.
    next_number = skip + 1
    any_batch = False
    for batch in reader:
        data = batch.to_pandas()
        data.columns = columns
        numbers, next_number = _row_numbers(next_number, len(data), skipped)
        data, numbers = _drop_blank_rows(data, numbers)
        handed_out, bad[:] = list(bad), []
        any_batch = True
        yield Reading(data, numbers, handed_out, header_rows, True)
    if bad or not any_batch:
        empty = reader.schema.empty_table().to_pandas()
        empty.columns = columns
        yield Reading(empty, np.zeros(0, dtype=np.int64), list(bad), header_rows, True)


def _row_numbers(next_number: int, n: int, skipped: set[int]) -> tuple[np.ndarray, int]:
    """n consecutive row numbers from next_number on, without those in skipped; and the next one.
    Numbers below the next one are dropped from skipped (it only holds those still ahead)."""
    jumps = np.fromiter((x for x in skipped if x >= next_number), dtype=np.int64)
    candidates = np.arange(next_number, next_number + n + len(jumps), dtype=np.int64)
    if len(jumps):
        candidates = candidates[~np.isin(candidates, jumps)]
    numbers = candidates[:n]
    if n:
        next_number = int(numbers[-1]) + 1
        for x in [x for x in skipped if x < next_number]:
            skipped.discard(x)
    return numbers, next_number


def _dedupe(names: list[str]) -> list[str]:
    """Repeated header names made distinct: a, a, a -> a, a__2, a__3."""
    result, count = [], {}
    for n in names:
        count[n] = count.get(n, 0) + 1
        result.append(n if count[n] == 1 else f"{n}__{count[n]}")
    return result


def _drop_blank_rows(data: pd.DataFrame, numbers: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows with no value at all are not data (trailing blank lines in Excel exports)."""
    if data.empty:
        return data, numbers
    blank = np.ones(len(data), dtype=bool)
    for c in data.columns:
        blank &= values.per_unique(values.to_text, data[c]).eq("").to_numpy()
    if blank.any():
        data = data.loc[~blank].reset_index(drop=True)
        numbers = numbers[~blank]
    return data, numbers


# Guards before calamine opens an XLSX: it expands the sheet into a dense grid from A1 to the
# largest cell reference, so one cell at XFD1048576 in a tiny file asks for ~512 GB and aborts
# the whole process (not an exception). Excel itself has at most 1,048,576 rows.
XLSX_MAX_BYTES = 1 << 30  # total uncompressed size of all parts
XLSX_MAX_CELLS = 30_000_000  # rows x columns of the cell grid of a sheet
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,7})\"")


def _column_number(letters: bytes) -> int:
    n = 0
    for b in letters:
        n = n * 26 + (b - 64)
    return n


def check_xlsx(path: Path) -> None:
    """Refuse zip bombs and sheets whose cell grid would not fit in memory, before parsing."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise IngestError(f"{path.name}: bukan file XLSX yang utuh (arsip zip rusak atau terpotong: {e})") from None
    with archive:
        total = sum(max(i.file_size, 0) for i in archive.infolist())
        if total > XLSX_MAX_BYTES:
            raise IngestError(
                f"{path.name}: isi XLSX {total / 2**20:,.0f} MB setelah dibuka, melebihi batas "
                f"{XLSX_MAX_BYTES / 2**20:,.0f} MB; pecah menjadi beberapa file atau kirim CSV"
            )
        read = 0
        for info in archive.infolist():
            name = info.filename.lower()
            if not name.endswith(".xml") or "sharedstrings" in name or "styles" in name:
                continue
            max_row = max_column = 0
            tail = b""
            with archive.open(info) as f:
                while True:
                    block = f.read(1 << 22)
                    if not block:
                        break
                    read += len(block)
                    if read > XLSX_MAX_BYTES:  # the sizes in the zip directory lied
                        raise IngestError(
                            f"{path.name}: isi XLSX melebihi batas {XLSX_MAX_BYTES / 2**20:,.0f} MB setelah dibuka"
                        )
                    text = tail + block
                    for m in _CELL_REF.finditer(text):
                        max_column = max(max_column, _column_number(m.group(1)))
                        max_row = max(max_row, int(m.group(2)))
                    for m in _ROW_REF.finditer(text):
                        max_row = max(max_row, int(m.group(1)))
                    tail = text[-256:]
            if max_row * max(max_column, 1) > XLSX_MAX_CELLS:
                raise IngestError(
                    f"{path.name}: sheet sampai sel baris {max_row:,} kolom {max_column:,} "
                    f"(lebih dari {XLSX_MAX_CELLS:,} sel); hapus sel jauh di luar tabel "
                    f"atau kirim CSV".replace(",", ".")
                )


def _read_xlsx(path: Path, kind: Kind | None = None) -> Reading:
    """The first sheet, its header the first row that has anything in it (no kind given)."""
    name, rows = workbook.sheets(path)[0]
    return sheet_reading(path, rows, kind)


def sheet_reading(
    path: Path,
    rows: list[list[object]],
    kind: Kind | None,
    label: str | None = None,
    provided: frozenset[str] = frozenset(),
) -> Reading:
    """One sheet's rows as a Reading: the header found for `kind` (else the first non-empty
    row), then the rows below it without blank ones. `label` names the sheet in errors;
    `provided` columns are filled from elsewhere (layout.find_header)."""
    where = f"{path.name}, {label}" if label else path.name
    # The header is the first row that has anything in it.
    i_header = next((i for i, r in enumerate(rows) if any(str(v).strip() for v in r)), None)
    if i_header is None:
        raise IngestError(f"{where}: sheet pertama kosong" if not label else f"{where}: kosong")
    header = [str(v).strip() for v in rows[i_header]]
    start, header_rows = i_header + 1, (i_header + 1,)
    if kind is not None:
        try:
            found = layout.find_header(rows, kind, provided)
        except layout.HeaderError as e:
            raise header_error(where, kind, e) from None
        header, start, header_rows = found.names, found.first_data_row, tuple(i + 1 for i in found.rows)
    body = rows[start:]
    width = len(header)
    data = pd.DataFrame(
        [list(r[:width]) + [""] * (width - len(r)) for r in body], columns=_dedupe(header), dtype=object
    )
    numbers = np.arange(start + 1, start + 1 + len(body))
    data, numbers = _drop_blank_rows(data, numbers)
    return Reading(data, numbers, header_rows=header_rows, spreadsheet=True)


def _read_parquet(path: Path, rows_per_batch: int) -> Iterator[Reading]:
    parquet = pq.ParquetFile(path)
    first = 1
    for batch in parquet.iter_batches(batch_size=rows_per_batch):
        # Positional index: an index stored by pandas in the file is not a row number.
        data = batch.to_pandas().reset_index(drop=True)
        yield Reading(data, np.arange(first, first + len(data)))
        first += len(data)
    if first == 1:
        yield Reading(
            parquet.schema_arrow.empty_table().to_pandas().reset_index(drop=True), np.zeros(0, dtype=np.int64)
        )
