"""The kind of a file whose name does not start with one: from its header and title words.

Each kind is scored on the file (or each sheet of a workbook) by how many of its contract columns
the best header row among the first rows names, plus the kind's title words (Kind.title_words)
found in the title rows, the sheet name or the file name. Only kinds whose best header row holds
all their required columns are candidates; the highest score wins. Two candidates with the same
score, or none, fail asking for --kind, with the candidates and their scores.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from ucj_oversight.ingest import contract, layout, workbook
from ucj_oversight.ingest.contract import Kind


@dataclass
class Score:
    kind: str
    columns: list[str]  # contract columns the best header row names, in contract order
    titles: list[str]  # title texts holding one of the kind's title words
    complete: bool  # the best header row holds every required column

    @property
    def value(self) -> int:
        return len(self.columns) + len(self.titles)

    def why(self) -> str:
        parts = [f"dari header: {', '.join(self.columns)}"]
        if self.titles:
            parts.append("judul: " + ", ".join(f"'{t}'" for t in self.titles))
        return f"jenis: {self.kind} ({'; '.join(parts)})"


def _words(text: str) -> str:
    return " " + re.sub(r"[^0-9a-z]+", " ", text.lower()).strip() + " "


def score(rows: list[list[object]], kind: Kind, names: list[str], period: bool = False) -> Score:
    """The kind's score on rows of cells; `names` are the sheet and file names (title sources).
    With `period` (a sheet whose name or title gives its month), the kind's period column is
    taken as present (ingest.workbook fills it)."""
    mapping = contract.header_map(kind)
    window = [[layout.cell_text(c) for c in r] for r in rows[: layout.HEADER_WINDOW]]
    found = [{mapping[n] for c in r if c and (n := contract.normalize_header(c)) in mapping} for r in window]
    best = max(range(len(found)), key=lambda i: len(found[i]), default=None)
    matched = found[best] if best is not None else set()
    if best is not None and best + 1 < len(found):  # a two-level header: the row below adds names
        matched = matched | found[best + 1] if not found[best] & found[best + 1] else matched
    periods = {c.name for c in kind.columns if c.type == contract.PERIOD} if period else set()
    complete = bool(matched) and all((matched | periods) & g for g in layout.required_groups(kind))
    above = [" ".join(c for c in r if c) for r in window[: best or 0]]
    titles = []
    for text in [t for t in above if t] + names:
        if any(f" {_words(w).strip()} " in _words(text) for w in kind.title_words):
            titles.append(text.strip()[:60])
    columns = [c.name for c in kind.columns if c.name in matched]
    return Score(kind.name, columns, titles[:1], complete)


def head_rows(path: Path) -> list[tuple[str | None, list[list[object]]]]:
    """The first rows of a file, per sheet for a workbook (sheets without any cell left out)."""
    ext = path.suffix.lower()
    if ext == ".xlsx":
        return [(n, r[: layout.HEADER_WINDOW]) for n, r in workbook.sheets(path) if any(map(any, r))]
    if ext == ".parquet":
        import pyarrow.parquet as pq

        return [(None, [list(pq.ParquetFile(path).schema_arrow.names)])]
    with open(path, "rb") as f:
        text = f.read(1 << 16).decode("utf-8-sig", errors="replace")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [(None, list(itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), layout.HEADER_WINDOW)))]


def classify_file(path: Path) -> tuple[str, str]:
    """The kind of a file from its content, and why (for the import report). Raises
    readers.IngestError when no kind, or more than one, fits."""
    from ucj_oversight.ingest.readers import EXTENSIONS, IngestError, KindUnknown

    if path.suffix.lower() not in EXTENSIONS:
        raise IngestError(
            f"{path.name}: jenis file {path.suffix or '(tanpa ekstensi)'} tidak didukung; "
            "gunakan CSV, XLSX atau Parquet"
        )
    try:
        heads = head_rows(path)
    except IngestError:
        raise
    except Exception as e:  # any reader failure is the file's fault, reported plainly
        raise IngestError(f"{path.name}: file tidak dapat dibaca ({type(e).__name__}: {str(e)[:200]})") from None
    chosen: dict[str, Score] = {}
    for sheet, rows in heads:
        names = [n for n in (sheet, path.stem) if n]
        period = sheet is not None and workbook.sheet_period(sheet, rows, len(rows)) is not None
        scores = sorted((score(rows, kind, names, period) for kind in contract.KINDS.values()), key=lambda s: -s.value)
        if sheet is not None and not any(s.columns for s in scores):
            continue  # a cover or notes sheet: no evidence
        candidates = [s for s in scores if s.complete]
        where = f"{path.name}" + (f", sheet '{sheet}'" if sheet else "")
        listed = ", ".join(
            f"{s.kind} {s.value}" + ("" if s.complete else " (kolom wajib kurang)") for s in scores if s.value
        )
        if not candidates or (len(candidates) > 1 and candidates[0].value == candidates[1].value):
            what = (
                "tidak ada jenis yang kolom wajibnya lengkap" if not candidates else "lebih dari satu jenis sama cocok"
            )
            raise KindUnknown(
                f"{where}: jenis file tidak diketahui dari nama maupun isinya ({what}; skor: {listed or '-'}); "
                f"beri nama yang diawali {', '.join(contract.KIND_NAMES)} atau pakai --kind"
            )
        chosen[sheet or ""] = candidates[0]
    if not chosen:
        raise IngestError(f"{path.name}: tidak ada data (tidak ada sheet dengan header)")
    kinds = {s.kind for s in chosen.values()}
    if len(kinds) > 1:
        per_sheet = ", ".join(f"'{k}': {s.kind}" for k, s in chosen.items())
        raise KindUnknown(
            f"{path.name}: sheet berisi jenis yang berbeda ({per_sheet}); pisahkan per jenis atau pakai --kind"
        )
    first = next(iter(chosen.values()))
    return first.kind, first.why()
