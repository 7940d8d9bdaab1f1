"""The export: the exported figure tables (those whose FigureSpec has an `export`) as CSV plus a
Frictionless datapackage.json.

These are also the open-data downloads. Numbers are plain (no thousands separators, '.' for
decimals) so any tool reads them; whole Rupiah amounts are written without decimals.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pandas as pd

from ucj_oversight import figures
from ucj_oversight.figures import SPECS, AsOf


def _tables() -> dict[str, tuple[str, str, dict[str, tuple[str, str]]]]:
    """The exported figures, from their FigureSpecs (in the order of SPECS)."""
    return {
        s.name: (
            s.export.title,
            s.export.description,
            {c.name: (c.export_type, c.export_description) for c in s.export_columns},
        )
        for s in SPECS.values()
        if s.export is not None
    }


# table -> (title, description, columns: name -> (Frictionless type, description))
TABLES = _tables()

# The version of the published tables (datapackage.json `version`, semantic versioning): a
# renamed or removed column is a new major version, a new table or column a new minor one.
# 1.0.0 (unnamed): cakupan_kecamatan with cakupan_persen. 2.0.0 (issue 13): cakupan_persen is
# capaian_kuota_persen (of the funded quota), with semesta and cakupan_semesta_persen next to it.
PACKAGE_VERSION = "2.0.0"


def export_tables(con, asof: AsOf) -> dict[str, pd.DataFrame]:
    """The export tables for an as-of month, city-wide, columns exactly as published."""
    return {name: figures.function(name)(con, asof)[list(columns)] for name, (_, _, columns) in TABLES.items()}


def plain_number(v: object) -> str:
    """Plain number text: 16800 (not 16800.0), 39.6, '' for missing."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(df.columns)
        for row in df.itertuples(index=False):
            w.writerow([plain_number(v) for v in row])


def export(con, asof: AsOf, out: Path) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in export_tables(con, asof).items():
        p = out / f"{name}.csv"
        write_csv(df, p)
        written.append(p)
    package = datapackage(asof, figures.sumber_impor(con))
    p = out / "datapackage.json"
    p.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(p)
    return written


def datapackage(asof: AsOf, sumber_impor: pd.DataFrame, tables: dict | None = None) -> dict:
    """The Frictionless descriptor of the export; `tables` (default TABLES) describes the
    resources; `sumber_impor` is the figure figures.sumber_impor."""
    used = sumber_impor[sumber_impor["dipakai"]] if len(sumber_impor) else sumber_impor
    simulated = bool(len(used) and used["simulasi"].any())
    return {
        "profile": "tabular-data-package",
        "name": f"ucj-kota-bekasi-{str(asof)}",
        "version": PACKAGE_VERSION,
        "title": "Pengawasan Universal Coverage Jamsostek Kota Bekasi — posisi "
        + str(asof)
        + (" (DATA SIMULASI)" if simulated else ""),
        "description": "Cakupan, perlindungan, anggaran, klaim, rekonsiliasi dan ketepatan bayar iuran, dan "
        "temuan, posisi akhir bulan " + str(asof) + ". Definisi: docs/methodology.md.",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "sources": [
            {
                "title": f"{r.nama_file} (impor #{r.impor_id}, {r.jenis})",
                "path": r.nama_file,
                "hash": f"sha256:{r.sha256}",
                "imported": pd.Timestamp(r.waktu).isoformat() + "+07:00",  # recorded in WIB (ingest.run)
            }
            for r in used.itertuples()
        ],
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "title": title,
                "description": description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": k, "type": t, "description": d} for k, (t, d) in columns.items()]},
            }
            for name, (title, description, columns) in (TABLES if tables is None else tables).items()
        ],
    }
