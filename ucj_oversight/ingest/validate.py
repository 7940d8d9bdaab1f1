"""Typing and karantina: a file's cells -> canonical columns -> typed rows, accepted or quarantined.

What a kind requires is read from its declaration (ingest.contract.Kind): its columns and their
types, the either-or header groups, the cross-column rules and the unique keys. What a value type
requires is here (and the tahun range, by column name). Each column's distinct texts are parsed
once (values.per_unique), not every row.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ucj_oversight import privacy, regions
from ucj_oversight.ingest import contract, values
from ucj_oversight.ingest.contract import Kind
from ucj_oversight.ingest.readers import HeaderNotRecognised, Reading

# ---------------------------------------------------------------- canonical columns


def column_renames(columns, kind: Kind) -> dict[str, str]:
    """File header -> canonical column, for the headers that are a contract name or alias (the
    first one of each canonical column)."""
    mapping = contract.header_map(kind)
    renames: dict[str, str] = {}
    for original in columns:
        canonical = mapping.get(contract.normalize_header(original))
        if canonical and canonical not in renames.values():
            renames[original] = canonical
    return renames


def map_columns(reading: Reading, kind: Kind, file_name: str) -> pd.DataFrame:
    """Rename accepted headers to canonical names; refuse the file if a required one is missing.
    Other columns (a running-number column "No.", unknown columns) are left out."""
    renames = column_renames(reading.data.columns, kind)
    data = reading.data[list(renames)].rename(columns=renames)
    for name, value in reading.fills.items():  # e.g. the period of a workbook sheet
        if name not in data.columns:
            data[name] = value
    present = set(data.columns)
    for total in kind.totals:  # the components stand in for their total
        if all(p in present for p in total.parts):
            present.add(total.column)
    missing = []
    either = {name for group in kind.one_of for name in group}
    for column in kind.columns:
        if column.required_in_header and column.name not in present and column.name not in either:
            missing.append(column)
    for group in kind.one_of:
        if not present.intersection(group):
            missing.append(contract.Column(" atau ".join(group), contract.TEXT, description_id="salah satu harus ada"))
    if missing:
        listed = "; ".join(f"'{c.name}' ({c.description_id or c.type})" for c in missing)
        found = ", ".join(f"'{c}'" for c in reading.data.columns) or "(tidak ada)"
        raise HeaderNotRecognised(
            f"{file_name}: kolom wajib tidak ada untuk jenis '{kind.name}': {listed}. "
            f"Kolom yang ditemukan: {found}. Lihat docs/kontrak.md untuk nama "
            f"dan alias yang diterima, atau petakan kolomnya (profil sumber).",
            where=file_name,
            kind=kind,
            header_row=reading.header_rows[-1],
            cells=list(reading.data.columns),
        )
    return data


# ---------------------------------------------------------------- typing and checks


class _Checker:
    """Collects karantina entries, one per (row, column, reason)."""

    def __init__(self, n: int):
        self.entries: list[pd.DataFrame] = []
        self.rejected = np.zeros(n, dtype=bool)

    def mark(
        self, mask: pd.Series | np.ndarray, column: str | None, reason: str, value: pd.Series | None = None
    ) -> None:
        m = np.asarray(mask, dtype=bool)
        if not m.any():
            return
        idx = np.flatnonzero(m)
        shown = (
            values.to_text(value.iloc[idx]).to_numpy() if value is not None else np.full(len(idx), None, dtype=object)
        )
        # The frame's columns are the karantina table's (data names).
        self.entries.append(pd.DataFrame({"idx": idx, "kolom": column, "alasan": reason, "nilai": shown}))
        self.rejected |= m


def type_rows(
    data: pd.DataFrame, kind: Kind, key: privacy.NikKey, seen: dict[tuple[str, ...], set] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Typed accepted rows (canonical columns for the storage table) and karantina entries
    (idx into data, kolom, alasan, nilai). NIK is hashed here; name columns are dropped here.

    Each distinct text of a column is parsed once (values.per_unique). For a file typed batch by
    batch, pass the same `seen` dict to every batch: it keeps the unique keys of the rows
    accepted so far, so that a key repeated in a later batch is quarantined as in one piece."""
    n = len(data)
    checker = _Checker(n)
    typed: dict[str, pd.Series] = {}
    columns = kind.column_dict()
    for total in kind.totals:
        data = _apply_total(data, total, checker)
    for name, column in columns.items():
        if column.type in (contract.DISCARDED, contract.KECAMATAN, contract.KELURAHAN):
            continue
        if name not in data.columns:
            typed[name] = pd.Series([None] * n, index=data.index, dtype=object)
            continue
        s = data[name]
        if column.type == contract.NIK:
            typed.update(_nik_columns(data, s, key))
            checker.mark(typed["nik_alasan"].eq(contract.NIK_EMPTY), name, contract.NIK_EMPTY)
            continue
        if column.type == contract.DATE:
            v, bad = values.per_unique(values.parse_date, s)
        elif column.type == contract.PERIOD:
            v, bad = values.per_unique(values.parse_period, s)
        elif column.type == contract.MONEY:
            v, bad = values.per_unique(values.parse_money, s)
            checker.mark(v < 0, name, "nominal negatif", s)
        elif column.type == contract.INTEGER:
            v, bad = values.per_unique(values.parse_integer, s)
            checker.mark((v < 0).fillna(False), name, "bilangan negatif", s)
            if name == "tahun":
                # The column is INTEGER: 99999999999 would fail the whole insert, not one row.
                outside = (v.notna() & ((v < 2000) | (v > 2100))).fillna(False).to_numpy()
                checker.mark(outside, name, "tahun di luar 2000-2100", s)  # rejected rows are not inserted
        elif column.type == contract.CHOICE:
            v, bad = values.per_unique(values.parse_choice, s, column.choices)
        elif column.type == contract.CODE:
            v, bad = values.per_unique(values.parse_code, s)
        else:
            v, bad = values.per_unique(values.parse_text, s)
        reason = contract.UNREADABLE_REASONS.get(column.type, "nilai tidak terbaca")
        if column.type == contract.CHOICE:
            reason = f"nilai tidak dikenal (yang diterima: {' / '.join(column.choices)})"
        checker.mark(bad, name, reason, s)
        if column.required:
            checker.mark(pd.Series(v).isna().to_numpy() & ~np.asarray(bad), name, "kolom wajib kosong")
        typed[name] = v

    if "kecamatan" in columns:
        typed["kode_kecamatan"] = _kecamatan(data, checker)
    if "kelurahan" in columns:
        typed["kode_kelurahan"] = _kelurahan(data, typed["kode_kecamatan"], checker)

    out = pd.DataFrame(typed, index=data.index)
    for rule in kind.rules:
        for check in rule.checks:
            checker.mark(check.rows(out), check.column, check.reason, out[check.column] if check.show_value else None)
        if rule.transform is not None:
            rule.transform(out)
    for key_columns in kind.unique_keys:
        _mark_repeated_keys(data, out, key_columns, checker, seen)

    karantina = (
        pd.concat(checker.entries, ignore_index=True)
        if checker.entries
        else pd.DataFrame({"idx": pd.Series(dtype="int64"), "kolom": [], "alasan": [], "nilai": []})
    )
    karantina["nilai"] = [_safe_value(c, v) for c, v in zip(karantina["kolom"], karantina["nilai"])]
    accepted = out.loc[~checker.rejected]
    return accepted, karantina


def _apply_total(data: pd.DataFrame, total: contract.Total, checker: _Checker) -> pd.DataFrame:
    """The total from its components where the total is missing or empty; rows whose total and
    components disagree are marked. Unreadable components are left to their own column check."""
    if not all(p in data.columns for p in total.parts):
        return data
    parts = [values.per_unique(values.parse_money, data[p])[0] for p in total.parts]
    given = pd.concat(parts, axis=1).notna().all(axis=1)
    summed = sum(parts).where(given)
    data = data.copy()
    if total.column not in data.columns:
        data[total.column] = summed.astype(object)
        return data
    stated, bad = values.per_unique(values.parse_money, data[total.column])
    disagree = (stated.notna() & summed.notna() & ((stated - summed).abs() > 0.005)).fillna(False)
    checker.mark(disagree.to_numpy(), total.column, total.reason, data[total.column])
    fill = stated.isna() & ~bad & summed.notna()
    data[total.column] = data[total.column].astype(object).where(~fill, summed.astype(object))
    return data


def _nik_columns(data: pd.DataFrame, s: pd.Series, key: privacy.NikKey) -> dict[str, pd.Series]:
    """nik_hash, nik_16digit, nik_prefiks (stored) and nik_alasan (why the NIK is not valid, or
    None; not stored, for the import report: see nik_notes). The raw NIK goes no further.

    An NIK whose digits are lost (Excel's '3,27501E+15') is loaded and flagged invalid; its hash
    is keyed by the row's no_kpj, so that the many people whose NIK reads '3,27501E+15' are not
    taken for one person with many registrations."""
    clean, problem = values.per_unique(values.read_nik, s)
    lost = problem.ne("")
    valid = clean.str.fullmatch(r"\d{16}").astype(bool) & ~lost
    hashed = clean
    if lost.any():
        if "no_kpj" in data:
            row_key = values.parse_code(data["no_kpj"])[0].fillna("")
        else:
            row_key = pd.Series(data.index.astype(str), index=s.index)
        hashed = clean.where(~lost, "NIK_TIDAK_TERBACA|" + clean + "|" + row_key)
    reason = problem.map(contract.NIK_NOTES).where(lost, None)
    reason = reason.where(lost | valid, contract.NIK_NOTES["bukan_16_digit"])
    reason = reason.where(clean.ne(""), contract.NIK_EMPTY)
    return {
        "nik_16digit": valid,
        "nik_prefiks": clean.str.slice(0, 4).where(clean.str.match(r"^\d{4}").astype(bool) & ~lost, None),
        "nik_hash": privacy.hash_nik(hashed, key),
        "nik_alasan": reason.astype(object).where(reason.notna(), None),
    }


def nik_notes(accepted: pd.DataFrame) -> dict[str, int]:
    """Loaded rows whose NIK is flagged NIK_TIDAK_VALID, by reason (for the import report)."""
    if "nik_alasan" not in accepted:
        return {}
    return {str(k): int(n) for k, n in accepted["nik_alasan"].dropna().value_counts().items()}


def _mark_repeated_keys(
    data: pd.DataFrame,
    out: pd.DataFrame,
    key_columns: tuple[str, ...],
    checker: _Checker,
    seen: dict[tuple[str, ...], set] | None,
) -> None:
    """A unique key repeated in this file: every row after the first is quarantined. Counted
    among rows that passed every other check, so that a valid row is never pushed out by an
    earlier invalid one with the same key."""
    keys = out[list(key_columns)].astype(object)
    candidates = keys.notna().all(axis=1).to_numpy() & ~checker.rejected
    repeated = np.zeros(len(keys), dtype=bool)
    repeated[candidates] = keys[candidates].duplicated(keep="first").to_numpy()
    if seen is not None:
        earlier = seen.setdefault(key_columns, set())
        key_values = list(zip(*(keys[c].to_numpy()[candidates] for c in key_columns)))
        if earlier:
            repeated[np.flatnonzero(candidates)] |= np.fromiter(
                (x in earlier for x in key_values), dtype=bool, count=len(key_values)
            )
        earlier.update(key_values)
    checker.mark(
        repeated,
        key_columns[0],
        f"{'+'.join(key_columns)} sudah muncul di baris sebelumnya dalam file ini (baris pertama yang dipakai)",
        data[key_columns[0]] if key_columns[0] in data else None,
    )


def _safe_value(column: object, value: object) -> str | None:
    """The value shown next to a karantina reason; never a raw NIK (UU PDP)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    s = str(value)
    if column == "nik":
        return privacy.mask_identifier(s)
    return s[:120]


def _kecamatan(data: pd.DataFrame, checker: _Checker) -> pd.Series:
    n = len(data)
    from_code = pd.Series([None] * n, index=data.index, dtype=object)
    from_name = pd.Series([None] * n, index=data.index, dtype=object)
    code_text = (
        values.per_unique(values.to_text, data["kode_kecamatan"])
        if "kode_kecamatan" in data
        else pd.Series([""] * n, index=data.index)
    )
    name_text = (
        values.per_unique(values.to_text, data["kecamatan"])
        if "kecamatan" in data
        else pd.Series([""] * n, index=data.index)
    )
    if "kode_kecamatan" in data:
        found = {u: regions.find_kecamatan(u) for u in code_text.unique()}
        from_code = code_text.map(found)
        checker.mark(
            from_code.isna() & code_text.ne(""),
            "kode_kecamatan",
            "kode kecamatan tidak dikenal di Kota Bekasi (32.75.xx)",
            code_text,
        )
    if "kecamatan" in data:
        found = {u: regions.find_kecamatan(u) for u in name_text.unique()}
        from_name = name_text.map(found)
        checker.mark(
            from_name.isna() & name_text.ne(""), "kecamatan", "kecamatan tidak dikenal di Kota Bekasi", name_text
        )
    differ = from_code.notna() & from_name.notna() & from_code.ne(from_name)
    checker.mark(differ, "kecamatan", "nama kecamatan tidak cocok dengan kode_kecamatan", name_text)
    result = from_code.where(from_code.notna(), from_name)
    checker.mark(code_text.eq("") & name_text.eq(""), "kecamatan", "kolom wajib kosong")
    return result


def _kelurahan(data: pd.DataFrame, kode_kecamatan: pd.Series, checker: _Checker) -> pd.Series:
    if "kelurahan" not in data:
        return pd.Series([None] * len(data), index=data.index, dtype=object)
    kel_text = values.per_unique(values.to_text, data["kelurahan"])
    lookup = regions.kelurahan_lookup()
    # Looked up once per distinct (kecamatan, kelurahan) pair.
    i_kec, u_kec = pd.factorize(kode_kecamatan, use_na_sentinel=True)
    i_kel, u_kel = pd.factorize(kel_text, use_na_sentinel=True)
    i_pair, u_pair = pd.factorize((i_kec.astype(np.int64) + 1) * (len(u_kel) + 1) + (i_kel + 1))
    found = np.empty(len(u_pair), dtype=object)
    for j, pair in enumerate(u_pair):
        a, b = divmod(int(pair), len(u_kel) + 1)
        kec = u_kec[a - 1] if a else None
        kel = u_kel[b - 1] if b else None
        kel_key = regions.code_key(kel) if re.fullmatch(r"[\d.\s]+", kel or "x") else regions.name_key(kel)
        found[j] = lookup.get((kec, kel_key)) if kec and kel else None
    result = pd.Series(found[i_pair], index=data.index, dtype=object)
    checker.mark(
        result.isna() & kel_text.ne("") & kode_kecamatan.notna(),
        "kelurahan",
        "kelurahan tidak dikenal di kecamatan tersebut",
        kel_text,
    )
    return result
