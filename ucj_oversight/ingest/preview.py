"""The preview before writing: what the run read from each file and sheet, shown to the admin.

Per file (and per sheet of a workbook): the kind and why, the source profile applied, the
header's rows, the mapping "column in the file -> contract column", the rows skipped and why
(summary rows, closing block), the control totals, and the first rows as they will be loaded,
with the NIK masked. ingest.run fills the report; this module builds its parts and the text a run prints
(`summarize`, with the preview under `--dry-run`); the Unggah page shows the same report as
tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ucj_oversight import privacy
from ucj_oversight.ingest import contract, layout, values
from ucj_oversight.ingest.contract import Kind
from ucj_oversight.ingest.controls import control_line, thousands
from ucj_oversight.ingest.readers import Reading
from ucj_oversight.ingest.validate import column_renames

ROWS = 5  # first rows shown per file or sheet
NUMBER = "#"  # the mapping target of a running-number column
_NIK_STORED = ("nik_hash", "nik_16digit", "nik_prefiks")


def column_mapping(reading: Reading, kind: Kind) -> list[tuple[str, str]]:
    """(file column, contract column) for every column of the header, in the file's order: ''
    for a column left out, NUMBER for the running number; then the columns filled from the
    sheet's name or title (e.g. ('(nama/judul sheet: 2026-01)', 'periode'))."""
    renames = column_renames(reading.data.columns, kind)
    pairs = []
    for c in reading.data.columns:
        if not str(c).strip():
            continue
        pairs.append((str(c), renames.get(c) or (NUMBER if layout.is_number_header(c) else "")))
    for name, value in reading.fills.items():
        if name not in renames.values():
            pairs.append((f"(nama/judul sheet: {value})", name))
    return pairs


def _shown(v) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT:
        return ""
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def rows(data: pd.DataFrame, accepted: pd.DataFrame, numbers: np.ndarray, kind: Kind, n: int) -> list[dict]:
    """The first n accepted rows as they will be stored (row number, then the table's columns),
    the NIK shown masked from the file's cell instead of its hash."""
    if n <= 0 or not len(accepted):
        return []
    head = accepted.iloc[:n]
    nik_column = next((c.name for c in kind.columns if c.type == contract.NIK), None)
    masked = None
    if nik_column and nik_column in data.columns:
        clean, _ = values.read_nik(data.loc[head.index, nik_column].astype(object))
        masked = [privacy.mask_identifier(x) for x in clean]
    periods = {c.name for c in kind.columns if c.type == contract.PERIOD}
    result = []
    for k, (idx, row) in enumerate(head.iterrows()):
        shown = {"baris": int(numbers[idx])}
        for c in kind.table.column_names:
            if c in _NIK_STORED:
                if c == "nik_hash" and masked is not None:
                    shown["nik"] = masked[k]
                continue
            v = row.get(c)
            shown[c] = v.strftime("%Y-%m") if c in periods and isinstance(v, pd.Timestamp) else _shown(v)
        result.append(shown)
    return result


def skipped_parts(skipped: list[int], summary: list[int]) -> list[tuple[str, list[int]]]:
    """The skipped rows by why: ('ringkasan', rows), ('penutup', rows)."""
    summary_set = set(summary)
    parts = [("ringkasan (JUMLAH/TOTAL)", [r for r in skipped if r in summary_set])]
    parts.append(("penutup (tanda tangan, tanggal, keterangan)", [r for r in skipped if r not in summary_set]))
    return [(why, rs) for why, rs in parts if rs]


def ranges(numbers: list[int]) -> str:
    """[5, 6, 7, 10] -> 'baris 5–7, 10' (id-ID thousands)."""
    parts, start = [], None
    for k, x in enumerate(numbers):
        if start is None:
            start = x
        if k + 1 == len(numbers) or numbers[k + 1] != x + 1:
            parts.append(thousands(start) if start == x else f"{thousands(start)}–{thousands(x)}")
            start = None
    shown = ", ".join(parts[:6]) + (f", … ({len(parts) - 6} rentang lagi)" if len(parts) > 6 else "")
    return f"baris {shown}"


def mapping_text(target: str) -> str:
    if target == NUMBER:
        return "(nomor urut, diabaikan)"
    return target or "(tidak dikenal, diabaikan)"


def _block(indent: str, header_rows, mapping, skipped, summary, controls, first_rows) -> list[str]:
    lines = [f"{indent}header: {ranges(list(header_rows))}"]
    lines.append(f"{indent}pemetaan kolom:")
    lines += [f"{indent}  '{source}' → {mapping_text(target)}" for source, target in mapping]
    for why, rs in skipped_parts(skipped, summary):
        lines.append(f"{indent}dilewati, {why}: {thousands(len(rs))} ({ranges(rs)})")
    for c in controls:
        lines.append(f"{indent}{'kontrol' if c['ok'] else 'PERINGATAN kontrol'} {control_line(c)}")
    if first_rows:
        lines.append(f"{indent}baris pertama seperti akan dimuat (NIK disamarkan):")
        table = pd.DataFrame(first_rows).to_string(index=False, max_colwidth=24)
        lines += [f"{indent}  {t}" for t in table.splitlines()]
    return lines


def preview_lines(file_report) -> list[str]:
    """The dry run's preview of one file (ingest.run.FileReport), for the command line."""
    lines = []
    if file_report.profile and "profil sumber" not in (file_report.kind_reason or ""):
        lines.append(f"      profil sumber: '{file_report.profile}'")
    if not file_report.sheets:
        return lines + _block(
            "      ",
            file_report.header_rows,
            file_report.mapping,
            file_report.skipped_rows,
            file_report.summary_rows,
            file_report.control_totals,
            file_report.preview,
        )
    for sheet in file_report.sheets:
        lines.append(f"      sheet '{sheet.name}': {sheet.rows_loaded} dimuat, {sheet.rows_quarantined} dikarantina")
        lines += _block(
            "        ",
            sheet.header_rows,
            sheet.mapping,
            sheet.skipped_rows,
            sheet.summary_rows,
            sheet.control_totals,
            sheet.preview,
        )
    return lines


# ---------------------------------------------------------------- the report printed by a run


def _sheet_line(sheet) -> str:
    """A workbook sheet in the report: its rows, header, period, skipped rows and control totals."""
    parts = [f"{sheet.rows_loaded} baris dimuat, {sheet.rows_quarantined} dikarantina"]
    parts.append(f"header di {ranges(list(sheet.header_rows))}")
    if sheet.period:
        parts.append(f"periode {sheet.period} dari nama/judul sheet")
    if sheet.skipped_rows:
        shown = ranges(sheet.skipped_rows)
        parts.append(f"{len(sheet.skipped_rows)} baris ringkasan/penutup dilewati ({shown})")
    for c in sheet.control_totals:
        parts.append(f"{'kontrol' if c['ok'] else 'PERINGATAN kontrol'} {control_line(c)}")
    return f"      sheet '{sheet.name}': " + "; ".join(parts)


def identical_text(f) -> str:
    """SP2D rows listed twice, for the report: counted once, not a finding."""
    rows = ranges([b for b, _, _, _ in f.identical])
    return (
        f"{thousands(len(f.identical))} baris SP2D identik dengan baris sebelumnya (nomor, tanggal, nominal, "
        f"rekening sama; {rows}): SP2D yang sama tercantum dua kali, dihitung sekali, bukan temuan"
    )


def summarize(report) -> str:
    """The report printed at the end of a run."""
    lines = []
    title = "SIMULASI (--dry-run): tidak ada yang ditulis" if report.dry_run else "Impor selesai"
    lines.append(title)
    for f in report.files:
        if f.duplicate_of:
            lines.append(
                f"  {f.file_name} [{f.kind}]: sudah diimpor sebagai impor #{f.duplicate_of}; tidak ada perubahan"
            )
            continue
        lines.append(
            f"  {f.file_name} [{f.kind}]: {f.rows_loaded} baris dimuat, "
            f"{f.rows_quarantined} baris dikarantina (sha256 {f.sha256[:12]}…)"
        )
        for reason, n in list(f.reasons.items())[:8]:
            lines.append(f"      - {n} × {reason}")
        for reason, n in f.nik_notes.items():
            lines.append(f"      - {n} × {reason}")
        if f.kind_reason:
            lines.append(f"      {f.kind_reason}")
        if f.identical:
            lines.append(f"      {identical_text(f)}")
        if report.dry_run:  # the preview: mapping, skipped rows by why, first rows
            lines += preview_lines(f)
            lines += [f"      {skipped}" for skipped in f.skipped_sheets]
            continue
        for sheet in f.sheets:
            lines.append(_sheet_line(sheet))
        for skipped in f.skipped_sheets:
            lines.append(f"      {skipped}")
        if f.header_rows != (1,) and not f.sheets:
            lines.append(f"      header di {ranges(list(f.header_rows))}")
        if f.skipped_rows:
            shown = ranges(f.skipped_rows)
            lines.append(f"      {thousands(len(f.skipped_rows))} baris ringkasan/penutup dilewati ({shown})")
        for c in f.control_totals:
            lines.append(f"      {'kontrol' if c['ok'] else 'PERINGATAN kontrol'} {control_line(c)}")
    lines.append(f"  Total: {report.rows_loaded} dimuat, {report.rows_quarantined} dikarantina")
    if report.dev_key:
        lines.append(
            "  PERINGATAN: NIK di-hash dengan kunci pengembangan (UCJ_NIK_KEY tidak diisi); hanya untuk data simulasi."
        )
    return "\n".join(lines)
