"""An import run: files -> readers -> typing and karantina -> DuckDB, and its report.

A run is all or nothing: every file of the run goes into one transaction on a copy of the
database (storage.db.write); a file that cannot be read, or lacks a required column, stops the
run and nothing changes. Rows that cannot be placed are quarantined with file, row, column and
reason. Files are read, typed and inserted batch by batch inside that transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from ucj_oversight import privacy, settings
from ucj_oversight.ingest import contract, preview, profiles
from ucj_oversight.ingest.classify import classify_file, head_rows
from ucj_oversight.ingest.contract import Kind
from ucj_oversight.ingest.controls import Skipping, control_line
from ucj_oversight.ingest.controls import thousands as _thousands
from ucj_oversight.ingest.readers import EXTENSIONS, IngestError, Reading, read_batches
from ucj_oversight.ingest.validate import map_columns, nik_notes, type_rows
from ucj_oversight.storage import db, repeats, users
from ucj_oversight.storage.atomic import sha256_file


@dataclass
class SheetReport:
    """One sheet of a workbook, reported like a file."""

    name: str
    header_rows: tuple[int, ...]
    period: str | None  # the period filled from the sheet name or a title row
    rows_loaded: int = 0
    rows_quarantined: int = 0
    skipped_rows: list[int] = field(default_factory=list)
    control_totals: list[dict] = field(default_factory=list)
    summary_rows: list[int] = field(default_factory=list)  # of skipped_rows, the JUMLAH/TOTAL ones
    mapping: list[tuple[str, str]] = field(default_factory=list)  # see FileReport.mapping
    preview: list[dict] = field(default_factory=list)


@dataclass
class FileReport:
    file_name: str
    kind: str
    sha256: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    duplicate_of: int | None = None  # impor_id of an earlier identical import
    reasons: dict[str, int] = field(default_factory=dict)  # karantina reason -> rows
    impor_id: int | None = None
    header_rows: tuple[int, ...] = (1,)  # the header's rows as a spreadsheet numbers them
    skipped_rows: list[int] = field(default_factory=list)  # summary and closing rows, not data
    # Control totals of the summary rows: dicts baris, label, rows_stated, rows_loaded,
    # amounts (column -> (stated, loaded)) and ok.
    control_totals: list[dict] = field(default_factory=list)
    # Loaded rows whose NIK cannot be a valid one (counted in the NIK_TIDAK_VALID finding, not
    # quarantined): reason -> rows, e.g. a NIK written in scientific notation by a spreadsheet.
    nik_notes: dict[str, int] = field(default_factory=dict)
    # Why the kind was chosen when the file name does not say it (ingest.classify), e.g.
    # "jenis: realisasi (dari header: no_sp2d, tgl_sp2d, nominal; judul: 'Register SP2D')".
    kind_reason: str | None = None
    # A workbook: one report per sheet read (SheetReport), and the sheets skipped with why.
    sheets: list[SheetReport] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)
    # The preview before writing: the source profile applied (ingest.profiles), the mapping
    # (file column -> contract column; '' left out, '#' the running number), the summary rows
    # among skipped_rows, and the first rows as they will be loaded (NIK masked).
    profile: str | None = None
    mapping: list[tuple[str, str]] = field(default_factory=list)
    summary_rows: list[int] = field(default_factory=list)
    preview: list[dict] = field(default_factory=list)
    # SP2D rows identical to an earlier row (storage.repeats): one SP2D listed twice, counted once.
    identical: list[tuple[int, str, int, int]] = field(default_factory=list)

    @property
    def control_text(self) -> str | None:
        """The control totals in one line (audit log, import history), or None without any."""
        return "; ".join(control_line(c) for c in self.control_totals) or None


@dataclass
class ImportReport:
    files: list[FileReport]
    dry_run: bool
    dev_key: bool  # NIK hashed with the development key (simulated data only)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        return sum(f.rows_quarantined for f in self.files)


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named on the command line, and in folders the extract files they hold (sorted)."""
    result: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            result.extend(
                sorted(
                    q
                    for q in p.iterdir()
                    if q.is_file() and q.suffix.lower() in EXTENSIONS and not q.name.startswith(".")
                )
            )
        elif p.exists():
            result.append(p)
        else:
            raise IngestError(f"{p}: file atau folder tidak ditemukan")
    if not result:
        raise IngestError("tidak ada file CSV, XLSX atau Parquet untuk diimpor")
    return result


def is_simulated(file_name: str) -> bool:
    """Sample and example files carry 'simulasi' or 'contoh' in their names."""
    n = file_name.lower()
    return "simulasi" in n or "contoh" in n


def run_import(
    db_path: Path,
    paths: Iterable[Path],
    *,
    kind: str | None = None,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda s: None,
    key: privacy.NikKey | None = None,
    now: dt.datetime | None = None,
    max_rows: int | None = None,
    max_columns: int | None = None,
    profile: str | None = None,
    profiles_path: Path | None = None,
) -> ImportReport:
    """Import files into the database: all or nothing. `kind` applies to every file (default:
    from each file name). `profile` names a source profile for every file (default: a saved
    profile made for the file's header, if any; profiles_path defaults to settings.profiles_path).
    Raises IngestError on a file that cannot be used (or that exceeds max_rows rows /
    max_columns columns); returns the per-file report otherwise."""
    if kind is not None and kind not in contract.KINDS:
        raise IngestError(f"jenis '{kind}' tidak dikenal; pilih salah satu: {', '.join(contract.KIND_NAMES)}")
    saved = _saved_profiles(Path(db_path), profiles_path)
    chosen = None
    if profile is not None:
        if profile not in saved:
            known = ", ".join(sorted(saved)) or "belum ada"
            raise IngestError(f"profil '{profile}' tidak ada (profil tersimpan: {known})")
        chosen = saved[profile]
        if kind is not None and kind != chosen.kind:
            raise IngestError(f"profil '{profile}' untuk jenis '{chosen.kind}', bukan '{kind}'")
    files = collect_files(paths)
    key = key or privacy.nik_key()
    # The import time is recorded in WIB (the dashboard's zone, shown as '... WIB'), whatever the
    # server's own time zone: the column has no zone, so it must not depend on the machine.
    now = now or dt.datetime.now(users.WIB).replace(tzinfo=None, microsecond=0)
    report = ImportReport([], dry_run, key.dev)
    # Each file is hashed once: for the no-op check here and for the import record below.
    shas = []
    for number, path in enumerate(files, 1):
        progress(f"[{number}/{len(files)}] {path.name}: menghitung SHA-256")
        shas.append(sha256_file(path))
    if _all_imported(Path(db_path), shas):
        # Re-importing the same files is a no-op: the database file is not even rewritten.
        with db.read(Path(db_path)) as con:
            for path, sha in zip(files, shas):
                earlier = con.execute("SELECT impor_id, jenis FROM impor WHERE sha256 = ?", [sha]).fetchone()
                report.files.append(FileReport(path.name, earlier[1], sha, duplicate_of=earlier[0]))
        return report
    with db.write(Path(db_path), save=not dry_run) as con:
        _check_key(con, key)
        for number, (path, sha) in enumerate(zip(files, shas), 1):
            # --kind, else the name's prefix, else the profile's kind, else the content.
            file_kind, kind_reason = kind or contract.kind_from_filename(path.name), None
            used = chosen or _profile_for(path, saved, file_kind)
            if file_kind is None and used is not None:
                file_kind, kind_reason = used.kind, f"jenis: {used.kind} (profil sumber '{used.name}')"
            if file_kind is None:
                file_kind, kind_reason = classify_file(path)
            if used is not None and used.kind != file_kind:
                raise IngestError(f"{path.name}: profil '{used.name}' untuk jenis '{used.kind}', bukan '{file_kind}'")
            file_report = FileReport(path.name, file_kind, sha, kind_reason=kind_reason)
            file_report.profile = used.name if used else None
            report.files.append(file_report)
            earlier = con.execute("SELECT impor_id FROM impor WHERE sha256 = ?", [sha]).fetchone()
            prefix = f"[{number}/{len(files)}] {path.name}: "
            if earlier:
                file_report.duplicate_of = earlier[0]
                progress(f"{prefix}sudah diimpor (impor #{earlier[0]}), dilewati")
                continue
            progress(f"{prefix}membaca")
            _import_file(
                con,
                path,
                profiles.apply(contract.KINDS[file_kind], used),
                file_report,
                key,
                now,
                max_rows,
                max_columns,
                lambda s, prefix=prefix: progress(prefix + s),
            )
            progress(f"{prefix}{file_report.rows_loaded} dimuat, {file_report.rows_quarantined} dikarantina")
        progress("membangun tabel turunan")
    return report


def _saved_profiles(db_path: Path, path: Path | None) -> dict[str, profiles.Profile]:
    try:
        return profiles.load(path if path is not None else settings.profiles_path(db_path))
    except profiles.ProfileError as e:
        raise IngestError(str(e)) from None


def _profile_for(path: Path, saved: dict[str, profiles.Profile], kind: str | None) -> profiles.Profile | None:
    """The saved profile made for this file's header (of the file's kind when it is known)."""
    if not saved or path.suffix.lower() == ".parquet":
        return None
    candidates = {n: p for n, p in saved.items() if kind is None or p.kind == kind}
    try:
        return profiles.matching(head_rows(path), candidates)
    except Exception:
        return None  # an unreadable file: its reader reports it


def _all_imported(db_path: Path, shas: list[str]) -> bool:
    if not db_path.exists():
        return False
    try:
        with db.read(db_path) as con:
            present = {r[0] for r in con.execute("SELECT sha256 FROM impor").fetchall()}
    except Exception:
        return False  # unreadable or older file: let the writer path report it
    return all(sha in present for sha in shas)


def _check_key(con, key: privacy.NikKey) -> None:
    stored = con.execute("SELECT nilai FROM meta WHERE kunci = 'sidik_kunci_nik'").fetchone()
    if stored is None:
        con.execute("INSERT INTO meta VALUES ('sidik_kunci_nik', ?)", [key.fingerprint])
    elif stored[0] != key.fingerprint:
        raise IngestError(
            "kunci NIK (UCJ_NIK_KEY) berbeda dengan kunci yang dipakai data yang sudah ada; "
            "NIK yang sama tidak akan cocok. Pakai kunci yang sama, atau basis data baru."
        )


def _import_file(
    con,
    path: Path,
    kind: Kind,
    file_report: FileReport,
    key: privacy.NikKey,
    now: dt.datetime,
    max_rows: int | None,
    max_columns: int | None,
    progress: Callable[[str], None],
) -> None:
    """One file, batch by batch: read -> canonical columns -> types -> insert, all inside the
    run's transaction. Only the unique keys of the accepted rows are kept between batches."""
    # fetchall: a result left open would block the relation inserts below (DuckDB 2).
    impor_id = con.execute("SELECT coalesce(max(impor_id), 0) + 1 FROM impor").fetchall()[0][0]
    file_report.impor_id = impor_id
    seen: dict[tuple[str, ...], set] = {}
    reasons: dict[str, int] = {}
    n_rows = 0
    batches = _with_last(read_batches(path, kind=kind))
    skipping = Skipping(kind)
    carry: Reading | None = None
    for i, (reading, last) in enumerate(batches):
        if i == 0 and max_columns is not None and reading.data.shape[1] > max_columns:
            raise IngestError(f"{path.name}: {reading.data.shape[1]} kolom, melebihi batas {max_columns}")
        n_rows += len(reading.data) + len(reading.karantina)
        if max_rows is not None and n_rows > max_rows:
            n_rows += sum(len(b.data) + len(b.karantina) for b, _ in batches)  # counted for the message
            raise IngestError(
                f"{path.name}: {_thousands(n_rows)} baris, melebihi batas {_thousands(max_rows)} baris per file"
            )
        file_report.header_rows = reading.header_rows
        where = path.name
        if reading.sheet is not None:  # a workbook sheet: read whole, checked like a file
            where = f"{path.name}, sheet '{reading.sheet}'"
            skipping, carry, last = Skipping(kind), None, True
            file_report.skipped_sheets = list(reading.skipped_sheets)
            before = (file_report.rows_loaded, file_report.rows_quarantined)
            shown: list[dict] = []
        elif i == 0:
            shown = file_report.preview
        if i == 0 or reading.sheet is not None:
            mapping = preview.column_mapping(reading, kind)
        if reading.spreadsheet:
            reading, data, carry = skipping.separate(_join(carry, reading), kind, where, last)
        else:
            data = map_columns(reading, kind, where)
        progress(
            f"memeriksa {_thousands(len(data))} baris"
            if i == 0
            else f"memeriksa {_thousands(len(data))} baris lagi ({_thousands(n_rows)} sejauh ini)"
        )
        accepted, karantina = type_rows(data, kind, key, seen=seen)
        if len(shown) < preview.ROWS:
            shown.extend(preview.rows(data, accepted, reading.row_numbers, kind, preview.ROWS - len(shown)))
        for reason, n in nik_notes(accepted).items():
            file_report.nik_notes[reason] = file_report.nik_notes.get(reason, 0) + n
        set_aside = [reading.row_numbers[karantina["idx"].to_numpy()], [e["baris"] for e in reading.karantina]]
        skipping.count_loaded(
            reading.row_numbers[accepted.index.to_numpy()], accepted, np.unique(np.concatenate(set_aside))
        )
        _store_batch(con, kind, impor_id, reading, accepted, karantina, file_report, reasons)
        if reading.sheet is not None:
            file_report.sheets.append(_sheet_report(reading, skipping, file_report, before, mapping, shown))
    if file_report.sheets:
        # Row numbers are per sheet: the file's control totals name their sheet.
        file_report.control_totals = [
            {**c, "label": f"{sheet.name}: {c['label']}"} for sheet in file_report.sheets for c in sheet.control_totals
        ]
    else:
        file_report.skipped_rows = sorted(skipping.skipped)
        file_report.summary_rows = skipping.summary_rows
        file_report.control_totals = skipping.control_totals()
    if file_report.sheets:
        file_report.mapping, file_report.preview = file_report.sheets[0].mapping, file_report.sheets[0].preview
    else:
        file_report.mapping = mapping
    file_report.rows_read = file_report.rows_loaded + file_report.rows_quarantined
    if kind.name == "realisasi":
        file_report.identical = repeats.sp2d_identical_copies(con, impor_id)
    # Most frequent reason first (ties in name order), as one groupby over the whole file gave.
    ordered = pd.Series(reasons, dtype="int64").sort_index().sort_values(ascending=False)
    file_report.reasons = ordered.astype(int).to_dict()
    con.execute(
        "INSERT INTO impor (impor_id, nama_file, sha256, jenis, ukuran_byte, baris_dibaca, baris_dimuat, "
        "baris_dikarantina, waktu, simulasi, kunci_nik_dev, kontrol) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            impor_id,
            path.name,
            file_report.sha256,
            kind.name,
            path.stat().st_size,
            file_report.rows_read,
            file_report.rows_loaded,
            file_report.rows_quarantined,
            now,
            is_simulated(path.name),
            key.dev,
            file_report.control_text,
        ],
    )
    # Arrow's allocator keeps freed batch buffers for reuse (~100 MB after a large file); give
    # them back before the next file and the derived-layer rebuild.
    pa.default_memory_pool().release_unused()


def _sheet_report(reading: Reading, skipping: Skipping, file_report: FileReport, before, mapping, shown):
    return SheetReport(
        reading.sheet,
        reading.header_rows,
        next(iter(reading.fills.values()), None),
        file_report.rows_loaded - before[0],
        file_report.rows_quarantined - before[1],
        sorted(skipping.skipped),
        skipping.control_totals(),
        skipping.summary_rows,
        mapping,
        shown,
    )


def _store_batch(
    con,
    kind: Kind,
    impor_id: int,
    reading: Reading,
    accepted: pd.DataFrame,
    karantina: pd.DataFrame,
    file_report: FileReport,
    reasons: dict[str, int],
) -> None:
    """Insert one batch's accepted rows and karantina entries; add its counts to the report."""
    numbers = reading.row_numbers
    typed = karantina.copy()
    typed["baris"] = numbers[typed["idx"].to_numpy()] if len(typed) else pd.Series(dtype="int64")
    unsplit = pd.DataFrame(reading.karantina, columns=["baris", "kolom", "alasan", "nilai"])
    entries = pd.concat([typed[["baris", "kolom", "alasan", "nilai"]], unsplit], ignore_index=True)
    entries.insert(0, "impor_id", impor_id)
    entries["baris"] = entries["baris"].astype("int64")

    rows = accepted[kind.table.column_names].copy()
    rows.insert(0, "baris", numbers[accepted.index.to_numpy()].astype("int64"))
    rows.insert(0, "impor_id", impor_id)

    # A row is in one batch only, so distinct rows per batch add up to distinct rows per file.
    file_report.rows_loaded += len(rows)
    file_report.rows_quarantined += int(entries["baris"].nunique())
    for reason, n in entries.groupby("alasan").size().items():
        reasons[reason] = reasons.get(reason, 0) + int(n)

    # Relation inserts, not register + INSERT ... SELECT: a registered frame stays referenced by
    # the open transaction until it ends (unregister does not release it), so with one frame per
    # batch the whole file would be held in memory again.
    if len(rows):
        con.from_df(rows).insert_into(kind.table.name)  # a declared name, not user text
    if len(entries):
        con.from_df(entries[["impor_id", "baris", "kolom", "alasan", "nilai"]]).insert_into("karantina")


def _with_last(batches):
    """Each batch with whether it is the last one."""
    previous = None
    for b in batches:
        if previous is not None:
            yield previous, False
        previous = b
    if previous is not None:
        yield previous, True


def _join(carry: Reading | None, reading: Reading) -> Reading:
    """Rows held back from the previous batch put before this batch's rows."""
    if carry is None or not len(carry.data):
        return reading
    data = pd.concat([carry.data, reading.data], ignore_index=True)
    numbers = np.concatenate([carry.row_numbers, reading.row_numbers])
    return Reading(
        data, numbers, reading.karantina, reading.header_rows, reading.spreadsheet, reading.sheet, reading.fills
    )


def ensure_sample_db(
    path: Path | None = None, *, force: bool = False, progress: Callable[[str], None] = lambda s: None
) -> Path:
    """Build the sample database from data/sampel when it does not exist yet (first start);
    force=True rebuilds it. `progress` receives the import's progress lines."""
    path = Path(path or settings.SAMPLE_DB)
    if path.exists() and not force:
        return path
    if force and path.exists():
        path.unlink()
    run_import(path, [settings.SAMPLE_DIR], progress=progress)
    return path
