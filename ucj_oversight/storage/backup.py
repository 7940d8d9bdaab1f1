"""Backup and restore of the DuckDB file (see docs/operations.md for the schedule).

A backup is a byte copy of the database taken under the same lock the writer holds (db.write:
``<db>.lock``), so it never catches an import half-way: an import either finished before the
copy (and is in it) or starts after it. The copy is verified by opening it read-only and reading
the ``impor`` table, and its SHA-256 is written next to it in ``<backup>.sha256``
(``sha256sum -c`` format).

A restore refuses a file that is not a database of this schema (or whose SHA-256 does not match
its sidecar), then writes through a temporary file and ``os.replace`` under the same lock:
readers see either the old database or the restored one, never a partial file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb

from ucj_oversight.storage import atomic, db

# Tables every database of this schema has (db.create_schema + sql/schema.sql).
REQUIRED_TABLES = ("meta", "impor", "karantina", "peserta", "sasaran", "iuran", "anggaran", "realisasi", "klaim")


class BackupError(Exception):
    """A backup or restore that cannot be done. The message is for the IT officer."""


def check(path: Path) -> int:
    """Open a database file read-only and check it has this schema; returns the number of imports.
    Raises BackupError when it is not a usable database."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: file tidak ditemukan")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except Exception as e:
        raise BackupError(
            f"{path}: bukan basis data DuckDB yang dapat dibuka ({type(e).__name__}: {str(e)[:200]})"
        ) from None
    try:
        present = {
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        }
        missing = [t for t in REQUIRED_TABLES if t not in present]
        if missing:
            raise BackupError(f"{path}: bukan basis data pengawasan UCJ (tabel tidak ada: {', '.join(missing)})")
        version = con.execute("SELECT nilai FROM meta WHERE kunci = 'versi_skema'").fetchone()
        if version is None or version[0] != db.SCHEMA_VERSION:
            raise BackupError(
                f"{path}: versi skema {version[0] if version else '(tidak ada)'}, seharusnya {db.SCHEMA_VERSION}"
            )
        return int(con.execute("SELECT count(*) FROM impor").fetchone()[0])
    except BackupError:
        raise
    except Exception as e:
        raise BackupError(f"{path}: basis data tidak dapat dibaca ({type(e).__name__}: {str(e)[:200]})") from None
    finally:
        con.close()


def _sidecar(path: Path) -> Path:
    return Path(str(path) + ".sha256")


def backup(db_path: Path, out: Path) -> tuple[Path, str, int]:
    """Copy the database to `out` (a file, or a folder: then a dated name is chosen) under the
    writer's lock, verify the copy, write `<out>.sha256`. Returns (file, sha256, imports)."""
    db_path, out = Path(db_path), Path(out)
    if not db_path.is_file():
        raise BackupError(f"basis data tidak ditemukan: {db_path}")
    if out.is_dir():
        out = out / f"{db_path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}{db_path.suffix or '.duckdb'}"
    if out.resolve() == db_path.resolve():
        raise BackupError("file cadangan tidak boleh sama dengan basis data")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with db.writer_lock(db_path):
            shutil.copyfile(db_path, tmp)
        atomic.fsync_file(tmp)
        n = check(tmp)
        sha = atomic.sha256_file(tmp)
        atomic.replace(tmp, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    # The sidecar keeps the permissions a plain new file gets (it holds no secret).
    atomic.write_atomic(_sidecar(out), f"{sha}  {out.name}\n".encode(), mode=None)
    return out, sha, n


def check_sidecar(backup_file: Path) -> str | None:
    """Compare a backup with its .sha256 sidecar (if there is one). Returns the recorded hash."""
    side = _sidecar(Path(backup_file))
    if not side.is_file():
        return None
    fields = side.read_text(encoding="utf-8", errors="replace").split()
    recorded = fields[0].strip().lower() if fields else ""
    actual = atomic.sha256_file(Path(backup_file))
    if recorded != actual:
        raise BackupError(
            f"{backup_file}: SHA-256 {actual[:12]}… tidak sama dengan {side.name} "
            f"({recorded[:12]}…); file cadangan rusak atau diubah"
        )
    return recorded


def restore(backup_file: Path, db_path: Path) -> tuple[str, int]:
    """Put a backup back as the database: verified first, then temp file + os.replace under the
    writer's lock. Returns (sha256, imports). The database is untouched when anything fails."""
    backup_file, db_path = Path(backup_file), Path(db_path)
    if not backup_file.is_file():
        raise BackupError(f"file cadangan tidak ditemukan: {backup_file}")
    if db_path.exists() and backup_file.resolve() == db_path.resolve():
        raise BackupError("file cadangan sama dengan basis data tujuan")
    check_sidecar(backup_file)
    n = check(backup_file)
    source_sha = atomic.sha256_file(backup_file)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.restore.{os.getpid()}.tmp")
    try:
        shutil.copyfile(backup_file, tmp)
        atomic.fsync_file(tmp)
        sha = atomic.sha256_file(tmp)  # the copy we are about to install is the file we checked
        if sha != source_sha:
            raise BackupError(f"{backup_file}: berubah selama disalin; ulangi restore")
        with db.writer_lock(db_path):
            wal = Path(str(db_path) + ".wal")
            if wal.exists():  # a WAL of the old file must never be replayed onto the restored one
                os.replace(wal, Path(str(wal) + ".sebelum-restore"))
            atomic.replace(tmp, db_path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return sha, n
