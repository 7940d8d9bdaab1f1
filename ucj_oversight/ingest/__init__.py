"""Ingest: file -> canonical columns -> typed values -> accepted or quarantined -> DuckDB.

By job:

- ingest.contract: the one declaration per extract kind (columns, keys, rules, storage table);
- ingest.readers: reading CSV, XLSX and Parquet files, batch by batch (IngestError, Reading);
- ingest.layout: the header among the first rows, summary and closing rows (general rules);
- ingest.workbook: every sheet of a workbook that holds data, and a sheet's period;
- ingest.classify: the kind of a file from its header and title words, when its name does not say;
- ingest.controls: skipping those rows over a file's batches, and their control totals;
- ingest.values: parsing the cells of a column (dates, months, Rupiah, codes, choices);
- ingest.validate: canonical columns, typed rows and karantina entries, from the declaration;
- ingest.profiles: source profiles, an office's column mapping saved by name (audit-logged);
- ingest.preview: the preview before writing (mapping, skipped rows, first rows with NIK masked);
- ingest.run: an import run (all or nothing, one transaction) and its report;
- ingest.contract_doc: docs/kontrak.md, generated from the declaration.

This package re-exports the public API, so callers write `ingest.run_import(...)`.
"""

from __future__ import annotations

from ucj_oversight.ingest.preview import summarize
from ucj_oversight.ingest.readers import (
    EXTENSIONS,
    XLSX_MAX_BYTES,
    XLSX_MAX_CELLS,
    HeaderNotRecognised,
    IngestError,
    KindUnknown,
    Reading,
    read_batches,
    read_file,
)
from ucj_oversight.ingest.run import (
    FileReport,
    ImportReport,
    collect_files,
    ensure_sample_db,
    is_simulated,
    run_import,
)
from ucj_oversight.ingest.validate import map_columns, type_rows

__all__ = [
    "EXTENSIONS",
    "XLSX_MAX_BYTES",
    "XLSX_MAX_CELLS",
    "FileReport",
    "HeaderNotRecognised",
    "ImportReport",
    "IngestError",
    "KindUnknown",
    "Reading",
    "collect_files",
    "ensure_sample_db",
    "is_simulated",
    "map_columns",
    "read_batches",
    "read_file",
    "run_import",
    "summarize",
    "type_rows",
]
