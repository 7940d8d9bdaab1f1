"""The open-data export for the public portal: the export of export.py with small counts
suppressed (disclosure/), each figure with the rule of its FigureSpec."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ucj_oversight import disclosure, figures
from ucj_oversight.figures import AsOf
from ucj_oversight.publish import export

FLAG_SUFFIX = "_disamarkan"  # public CSV: <column>_disamarkan = true/false

PUBLIC_NOTE = (
    "Mode publik: jumlah orang atau klaim 1–4, beserta nominal Rupiah dan persentase yang "
    "menyertainya, disamarkan; bila perlu satu sel lagi disamarkan agar angka kecil tidak "
    "dapat dihitung dari total. Sel yang disamarkan ditulis kosong dan kolom "
    "<kolom>_disamarkan bernilai true; sel kosong dengan <kolom>_disamarkan = false berarti "
    "tidak berlaku (mis. capaian kuota tanpa sasaran, cakupan semesta tanpa semesta); 0 berarti nol dan "
    "tidak pernah disamarkan. "
    "Lihat docs/methodology.md, bagian Penyamaran angka kecil."
)


def public_schema() -> dict:
    """export.TABLES for the public export: value descriptions say when a cell is empty, and each
    column that can be hidden gets a boolean <column>_disamarkan column after the table's columns."""
    result = {}
    for name, (title, description, columns) in export.TABLES.items():
        rule = disclosure.rule(name)
        if rule is None:
            result[name] = (title, description, columns)
            continue
        maskable = rule.maskable(columns)
        fields = {}
        for k, (kind, d) in columns.items():
            if k in maskable:
                d = (
                    f"{d}. Kosong bila disamarkan ({k}{FLAG_SUFFIX} = true)"
                    + (
                        ": jumlah 1–4, atau sel kedua yang disamarkan agar angka kecil tidak dapat dihitung "
                        "dari total; 0 tidak pernah disamarkan"
                        if k in rule.counts
                        else ", bersama jumlah yang menyertainya"
                    )
                    + f". Kosong dengan {k}{FLAG_SUFFIX} = false: tidak berlaku."
                )
            fields[k] = (kind, d)
        for k in maskable:
            fields[k + FLAG_SUFFIX] = (
                "boolean",
                f"true bila nilai {k} disamarkan (sel {k} kosong); false bila ditampilkan atau tidak berlaku.",
            )
        result[name] = (title, f"{description} {PUBLIC_NOTE}", fields)
    return result


def public_tables(con, asof: AsOf) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """export.export_tables with suppression: name -> (data, mask)."""
    result = {}
    for name, df in export.export_tables(con, asof).items():
        if disclosure.rule(name) is not None:
            result[name] = disclosure.apply(name, df)
        else:
            result[name] = (df, pd.DataFrame(False, index=df.index, columns=df.columns))
    return result


def export_public(con, asof: AsOf, out: Path) -> list[Path]:
    """The export of export.export for the public portal: the same five CSV files (same columns
    first, same plain number format) and datapackage.json, with small counts suppressed.

    Convention: a hidden cell is written empty, and for each column that can be hidden the table
    ends with a boolean column <column>_disamarkan ('true' / 'false'). So: a number is a number
    (0 is zero, never hidden); empty + false = not applicable / no value; empty + true = hidden.
    The datapackage field descriptions say the same."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    schema = public_schema()
    written = []
    for name, (data, mask) in public_tables(con, asof).items():
        columns = list(schema[name][2])
        rows = data.copy()
        for k in columns:
            if k.endswith(FLAG_SUFFIX) and k not in data.columns:
                source = k[: -len(FLAG_SUFFIX)]
                rows[k] = ["true" if v else "false" for v in mask[source]]
        p = out / f"{name}.csv"
        export.write_csv(rows[columns], p)
        written.append(p)
    package = export.datapackage(asof, figures.sumber_impor(con), tables=schema)
    package["name"] += "-publik"
    package["title"] += " — publik, angka kecil disamarkan"
    package["description"] += " " + PUBLIC_NOTE
    for r in package["resources"]:
        r["schema"]["missingValues"] = [""]
    p = out / "datapackage.json"
    p.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(p)
    return written
