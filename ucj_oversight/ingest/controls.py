"""Summary and closing rows of an import: skipped, counted, and checked as control totals.

ingest.layout recognises the rows (general rules over a batch); this module keeps, over the
batches of one file, the rows skipped, the rows held back until the next batch (they may be the
start of the closing block) and the loaded rows and amounts a JUMLAH/TOTAL row is checked against.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ucj_oversight.ingest import contract, layout
from ucj_oversight.ingest.contract import Kind
from ucj_oversight.ingest.readers import Reading
from ucj_oversight.ingest.validate import column_renames, map_columns


def thousands(n: int) -> str:
    """1234567 -> '1.234.567' (id-ID thousands)."""
    return f"{n:,}".replace(",", ".")


class Skipping:
    """Summary and closing rows of a file: recognised (ingest.layout), skipped, and checked
    against the rows loaded above them (control totals)."""

    def __init__(self, kind: Kind):
        self.kind = kind
        self.skipped: set[int] = set()
        self.money = [c.name for c in kind.columns if c.type == contract.MONEY]
        self.codes = [c for c in layout.key_columns(kind) if kind.column_dict()[c].type == contract.CODE]
        self.summaries: list[dict] = []  # baris, label, count, amounts (stated)
        self.summary_lines: set[int] = set()  # summary lines a CSV reader could not split
        self.loaded_numbers: list[np.ndarray] = []
        self.quarantined_numbers: list[np.ndarray] = []
        self.loaded_amounts: dict[str, list[np.ndarray]] = {c: [] for c in self.money}
        self.last_keyed = 0

    def separate(self, reading: Reading, kind: Kind, file_name: str, last: bool):
        """The batch without its summary rows (and, in the last batch, its closing rows); the
        rows after its last data row are held back for the next batch (they may close the file)."""
        raw = reading.data
        data = map_columns(reading, kind, file_name)
        renames = column_renames(raw.columns, kind)
        kinds = layout.classify(raw, renames, kind)
        keyed = np.flatnonzero(kinds.keyed)
        tail = int(keyed[-1]) + 1 if len(keyed) else 0
        if len(keyed):
            self.last_keyed = max(self.last_keyed, int(reading.row_numbers[keyed[-1]]))
        carry = None
        n = len(raw)
        if not last and tail < n:
            carry = Reading(
                raw.iloc[tail:].reset_index(drop=True),
                reading.row_numbers[tail:],
                [],
                reading.header_rows,
                reading.spreadsheet,
                reading.sheet,
                reading.fills,
            )
            n = tail
        position = np.arange(n)
        closing = kinds.closing_like[:n] & (position >= tail) if last else np.zeros(n, bool)
        if not (closing & kinds.signature[:n]).any():
            closing[:] = False  # text lines after the data without a signature line are data rows
        skip = kinds.summary[:n] | closing
        number_column = next((c for c in raw.columns if layout.is_number_header(c)), None)
        by_canonical = {v: k for k, v in renames.items()}
        for j in np.flatnonzero(kinds.summary[:n]):
            row = raw.iloc[j]
            self.summaries.append(
                {
                    "baris": int(reading.row_numbers[j]),
                    "label": layout.summary_label(row),
                    "count": layout.stated_count(
                        row, number_column, [by_canonical[c] for c in self.codes if c in by_canonical]
                    ),
                    "amounts": {
                        c: a
                        for c in self.money
                        if c in by_canonical and (a := layout.stated_amount(row, by_canonical[c])) is not None
                    },
                }
            )
        self.skipped.update(int(x) for x in reading.row_numbers[:n][skip])
        skip |= kinds.blank[:n]
        line_kinds = [layout.line_kind(e.get("teks"), last and e["baris"] > self.last_keyed) for e in reading.karantina]
        signed = "signature" in line_kinds  # closing lines are skipped only with a signature line
        unsplit = []
        for entry, what in zip(reading.karantina, line_kinds):
            if what == "summary" or (signed and what in ("signature", "closing")):
                self.skipped.add(int(entry["baris"]))
                if what == "summary":
                    self.summary_lines.add(int(entry["baris"]))
            else:
                unsplit.append(entry)
        keep = ~skip
        kept = Reading(
            raw.iloc[:n].loc[keep].reset_index(drop=True),
            reading.row_numbers[:n][keep],
            unsplit,
            reading.header_rows,
            reading.spreadsheet,
            reading.sheet,
            reading.fills,
        )
        return kept, data.iloc[:n].loc[keep].reset_index(drop=True), carry

    @property
    def summary_rows(self) -> list[int]:
        """The skipped rows that are summary rows (the others close the file)."""
        return sorted({s["baris"] for s in self.summaries} | self.summary_lines)

    def count_loaded(self, numbers: np.ndarray, accepted: pd.DataFrame, quarantined: np.ndarray | None = None) -> None:
        """The rows of a batch that were loaded (with their amounts) and those quarantined: a
        stated count is checked against both (the rows of the file), amounts against the loaded."""
        if quarantined is not None and len(quarantined):
            self.quarantined_numbers.append(np.asarray(quarantined, dtype=np.int64))
        if not self.summaries and not len(numbers):
            return
        self.loaded_numbers.append(np.asarray(numbers, dtype=np.int64))
        for c in self.money:
            self.loaded_amounts[c].append(pd.to_numeric(accepted[c], errors="coerce").fillna(0).to_numpy(float))

    def control_totals(self) -> list[dict]:
        stated = [s for s in self.summaries if s["count"] is not None or s["amounts"]]
        if not stated:
            return []
        numbers = np.concatenate(self.loaded_numbers) if self.loaded_numbers else np.zeros(0, np.int64)
        order = np.argsort(numbers, kind="stable")
        numbers = numbers[order]
        cum = {
            c: np.concatenate([[0.0], np.cumsum(np.concatenate(v)[order] if v else np.zeros(0))])
            for c, v in self.loaded_amounts.items()
        }

        set_aside = np.sort(np.concatenate(self.quarantined_numbers)) if self.quarantined_numbers else np.zeros(0)

        def upto(baris: int) -> tuple[int, dict[str, float], int]:
            k = int(np.searchsorted(numbers, baris))
            return k, {c: float(cum[c][k]) for c in cum}, int(np.searchsorted(set_aside, baris))

        start0 = (0, dict.fromkeys(cum, 0.0), 0)
        result, previous_any, previous_total = [], start0, start0
        for s in sorted(self.summaries, key=lambda s: s["baris"]):
            here = upto(s["baris"])
            scopes = [previous_any] if layout.is_subtotal(s["label"]) else [previous_total, previous_any]
            checks = []
            for start in scopes:
                rows, aside = here[0] - start[0], here[2] - start[2]
                amounts = {c: (a, round(here[1][c] - start[1][c], 2)) for c, a in s["amounts"].items()}
                counted = s["count"] is None or s["count"] == rows + aside  # the file's rows: loaded or set aside
                ok = counted and all(abs(a - b) < 0.005 for a, b in amounts.values())
                checks.append({"rows_loaded": rows, "rows_quarantined": aside, "amounts": amounts, "ok": ok})
            chosen = next((c for c in checks if c["ok"]), checks[0])
            if s["count"] is not None or s["amounts"]:
                result.append({"baris": s["baris"], "label": s["label"], "rows_stated": s["count"], **chosen})
            previous_any = here
            if not layout.is_subtotal(s["label"]):
                previous_total = here
        return result


def _rupiah(x: float) -> str:
    text = f"{abs(x):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".").removesuffix(",00")
    return ("-" if x < 0 else "") + "Rp " + text


# The word that marks a control total that does not match, in the stored text (impor.kontrol):
# the import history looks for it to warn, whatever the rest of the line says.
MISMATCH = "TIDAK COCOK"


def control_line(c: dict) -> str:
    """One control total: 'baris 2.334 (JUMLAH): cocok' or the difference in rows and Rp."""
    head = f"baris {thousands(c['baris'])} ({c['label']})"
    aside = c.get("rows_quarantined", 0)
    if c["ok"]:
        parts = [] if c["rows_stated"] is None else [f"{thousands(c['rows_stated'])} baris"]
        if c["rows_stated"] is not None and aside:
            parts[0] += f" = {thousands(c['rows_loaded'])} dimuat + {thousands(aside)} dikarantina"
        parts += [_rupiah(a) for a, _ in c["amounts"].values()]
        return f"{head}: cocok ({', '.join(parts)})"
    parts = []
    if c["rows_stated"] is not None and c["rows_stated"] != c["rows_loaded"] + aside:
        read = f"{thousands(c['rows_loaded'])} dimuat" + (f" + {thousands(aside)} dikarantina" if aside else "")
        parts.append(
            f"{thousands(c['rows_stated'])} baris di file, {read} "
            f"(selisih {c['rows_loaded'] + aside - c['rows_stated']:+d} baris)"
        )
    for column, (stated, loaded) in c["amounts"].items():
        if abs(stated - loaded) >= 0.005:
            parts.append(
                f"{column} {_rupiah(stated)} di file, {_rupiah(loaded)} dimuat (selisih {_rupiah(loaded - stated)})"
            )
    return f"{head}: {MISMATCH}: {'; '.join(parts)}"
