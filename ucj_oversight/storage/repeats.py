"""Rows an import repeats exactly, for the import report (not findings).

An SP2D row identical in no_sp2d, tgl_sp2d, nominal and kode_rekening to an earlier row (an
earlier import, or a row higher up in the same one) is one SP2D listed twice, an extract
artifact: the derived layer keeps the first and lists the copies in `sp2d_kembar`
(sql/derived/12_staging_anggaran.sql, the same rule). The import report names them; they are
never the finding SP2D_GANDA (same number, another date, amount or line).
"""

from __future__ import annotations

import duckdb

# The same identity and order as sql/derived/12_staging_anggaran.sql. Reads the storage table
# `realisasi` only, so it works inside an import's transaction before the derived layer is rebuilt.
_COPIES = """
SELECT baris, no_sp2d, asli_impor_id, asli_baris
FROM (
    SELECT impor_id, baris, no_sp2d,
           row_number() OVER w AS salinan,
           first_value(impor_id) OVER w AS asli_impor_id,
           first_value(baris) OVER w AS asli_baris
    FROM realisasi
    WINDOW w AS (PARTITION BY no_sp2d, tgl_sp2d, nominal, kode_rekening ORDER BY impor_id, baris)
) t
WHERE salinan > 1 AND impor_id = ?
ORDER BY baris
"""


def sp2d_identical_copies(con: duckdb.DuckDBPyConnection, impor_id: int) -> list[tuple[int, str, int, int]]:
    """The rows of import `impor_id` (a realisasi import) that repeat an earlier SP2D row exactly:
    (baris, no_sp2d, impor_id of the original, baris of the original), in row order. Call it
    after the import's rows are inserted (the rows of earlier imports are already there)."""
    return [tuple(r) for r in con.execute(_COPIES, [impor_id]).fetchall()]
