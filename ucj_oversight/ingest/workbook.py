"""Workbooks: every sheet that holds data, the period of a sheet, and the sheets skipped.

Offices send one sheet per month ("Jan 2026", "Feb 2026", ...) next to cover and notes sheets.
Each sheet with a header is read like a file (its own header, summary rows and control totals);
a sheet without one is skipped and named in the report. A sheet's period, from its name or a
title row ("Periode Iuran: Januari 2026"), fills the kind's period column when the header lacks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ucj_oversight.ingest import contract, layout, values
from ucj_oversight.ingest.contract import Kind

_PERIOD_LABEL = re.compile(r"^\s*(?:periode|bulan|masa)\b[^:]*:\s*(.+?)\s*$", re.IGNORECASE)


def sheets(path: Path) -> list[tuple[str, list[list[object]]]]:
    """Every sheet of an XLSX file as (name, rows of cells), after the size guards."""
    from python_calamine import CalamineWorkbook

    from ucj_oversight.ingest.readers import IngestError, check_xlsx

    check_xlsx(path)
    book = CalamineWorkbook.from_path(str(path))
    if not book.sheet_names:
        raise IngestError(f"{path.name}: tidak ada sheet")
    return [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names]


def _filled(row: list[object]) -> int:
    return sum(1 for c in row if layout.cell_text(c))


def has_header(rows: list[list[object]], kind: Kind) -> bool:
    """Whether any of the first rows holds a contract name or alias of the kind."""
    mapping = contract.header_map(kind)
    return any(
        contract.normalize_header(t) in mapping
        for r in rows[: layout.HEADER_WINDOW]
        for c in r
        if (t := layout.cell_text(c))
    )


def sheet_period(name: str, rows: list[list[object]], above: int) -> str | None:
    """The month of a sheet, as YYYY-MM: from its name ('Jan 2026', '01-2026') or from a title
    row above the header ('Periode Iuran: Januari 2026')."""
    texts = [name.strip()]
    for r in rows[:above]:
        for c in r:
            m = _PERIOD_LABEL.match(layout.cell_text(c))
            if m:
                texts.append(m.group(1))
    for text in texts:
        if not re.search(r"\d{4}", text):  # a month needs its year; 'Catatan', '12' are not periods
            continue
        v, bad = values.parse_period(pd.Series([text], dtype=object))
        if not bool(bad.iloc[0]) and pd.notna(v.iloc[0]):
            return pd.Timestamp(v.iloc[0]).strftime("%Y-%m")
    return None


def read_sheets(path: Path, kind: Kind) -> Iterator:
    """The Readings of the sheets of a workbook that hold data (each a whole batch), every one
    carrying the sheets skipped with why. A sheet with a header but without the kind's required
    columns fails like a file; a workbook without any data sheet fails."""
    from ucj_oversight.ingest.readers import IngestError, sheet_reading

    all_sheets = sheets(path)
    skipped, chosen = [], []
    for name, rows in all_sheets:
        if not any(_filled(r) for r in rows):
            skipped.append(f"sheet '{name}' dilewati: kosong")
        elif not has_header(rows, kind) and (len(all_sheets) > 1 or not any(_filled(r) >= 2 for r in rows)):
            skipped.append(f"sheet '{name}' dilewati: tidak ada header")
        else:
            chosen.append((name, rows))
    if not chosen:
        raise IngestError(f"{path.name}: tidak ada data ({'; '.join(skipped)})")
    label = len(all_sheets) > 1
    mapping = contract.header_map(kind)
    period_columns = [c.name for c in kind.columns if c.type == contract.PERIOD]
    for name, rows in chosen:
        period = sheet_period(name, rows, layout.HEADER_WINDOW) if period_columns else None
        provided = frozenset(period_columns[:1]) if period else frozenset()
        reading = sheet_reading(path, rows, kind, f"sheet '{name}'" if label else None, provided)
        reading.sheet = name if label else None
        reading.skipped_sheets = tuple(skipped)
        in_header = {mapping.get(contract.normalize_header(n)) for n in reading.data.columns}
        if period and period_columns[0] not in in_header:
            reading.fills = {period_columns[0]: period}
        yield reading
