"""Backup and restore of the DuckDB file (see docs/operations.md for the schedule).

A backup is a byte copy of the database taken under the same lock the writer holds (db.tulis:
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
import fcntl
import os
import shutil
from pathlib import Path
from typing import Iterator

import duckdb

from ucj_oversight.storage import db
from ucj_oversight.storage.db import _fsync_dir
from ucj_oversight.ingest import sha256_file

# Tables every database of this schema has (db.siapkan_skema + sql/skema.sql).
REQUIRED_TABLES = ("meta", "impor", "karantina", "peserta", "sasaran", "iuran", "anggaran", "realisasi", "klaim")


class BackupError(Exception):
    """A backup or restore that cannot be done. The message is for the IT officer."""


@contextlib.contextmanager
def _kunci_penulis(db_path: Path) -> Iterator[None]:
    """The writer's lock (db.tulis): no import runs while it is held."""
    kunci = open(str(db_path) + ".lock", "w")
    try:
        fcntl.flock(kunci, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(kunci, fcntl.LOCK_UN)
        kunci.close()


def check(path: Path) -> int:
    """Open a database file read-only and check it has this schema; returns the number of imports.
    Raises CadanganError when it is not a usable database."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: file tidak ditemukan")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except Exception as e:
        raise BackupError(f"{path}: bukan basis data DuckDB yang dapat dibuka "
                            f"({type(e).__name__}: {str(e)[:200]})") from None
    try:
        ada = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        kurang = [t for t in REQUIRED_TABLES if t not in ada]
        if kurang:
            raise BackupError(f"{path}: bukan basis data pengawasan UCJ (tabel tidak ada: {', '.join(kurang)})")
        versi = con.execute("SELECT nilai FROM meta WHERE kunci = 'versi_skema'").fetchone()
        if versi is None or versi[0] != db.SCHEMA_VERSION:
            raise BackupError(f"{path}: versi skema {versi[0] if versi else '(tidak ada)'}, "
                                f"seharusnya {db.SCHEMA_VERSION}")
        return int(con.execute("SELECT count(*) FROM impor").fetchone()[0])
    except BackupError:
        raise
    except Exception as e:
        raise BackupError(f"{path}: basis data tidak dapat dibaca ({type(e).__name__}: {str(e)[:200]})") from None
    finally:
        con.close()


def _sidecar(path: Path) -> Path:
    return Path(str(path) + ".sha256")


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def backup(db_path: Path, out: Path) -> tuple[Path, str, int]:
    """Copy the database to `out` (a file, or a folder: then a dated name is chosen) under the
    writer's lock, verify the copy, write `<out>.sha256`. Returns (file, sha256, imports)."""
    db_path, out = Path(db_path), Path(out)
    if not db_path.is_file():
        raise BackupError(f"basis data tidak ditemukan: {db_path}")
    if out.is_dir():
        import datetime as dt
        out = out / f"{db_path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}{db_path.suffix or '.duckdb'}"
    if out.resolve() == db_path.resolve():
        raise BackupError("file cadangan tidak boleh sama dengan basis data")
    out.parent.mkdir(parents=True, exist_ok=True)
    sementara = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with _kunci_penulis(db_path):
            shutil.copyfile(db_path, sementara)
        _fsync(sementara)
        n = check(sementara)
        sha = sha256_file(sementara)
        os.replace(sementara, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            sementara.unlink()
    side = _sidecar(out)
    side_tmp = side.with_name(f".{side.name}.{os.getpid()}.tmp")
    side_tmp.write_text(f"{sha}  {out.name}\n", encoding="utf-8")
    os.replace(side_tmp, side)
    _fsync_dir(out.parent)
    return out, sha, n


def check_sidecar(cadangan: Path) -> str | None:
    """Compare a backup with its .sha256 sidecar (if there is one). Returns the recorded hash."""
    side = _sidecar(Path(cadangan))
    if not side.is_file():
        return None
    isi = side.read_text(encoding="utf-8", errors="replace").split()
    tercatat = isi[0].strip().lower() if isi else ""
    nyata = sha256_file(Path(cadangan))
    if tercatat != nyata:
        raise BackupError(f"{cadangan}: SHA-256 {nyata[:12]}… tidak sama dengan {side.name} "
                            f"({tercatat[:12]}…); file cadangan rusak atau diubah")
    return tercatat


def restore(cadangan: Path, db_path: Path) -> tuple[str, int]:
    """Put a backup back as the database: verified first, then temp file + os.replace under the
    writer's lock. Returns (sha256, imports). The database is untouched when anything fails."""
    cadangan, db_path = Path(cadangan), Path(db_path)
    if not cadangan.is_file():
        raise BackupError(f"file cadangan tidak ditemukan: {cadangan}")
    if db_path.exists() and cadangan.resolve() == db_path.resolve():
        raise BackupError("file cadangan sama dengan basis data tujuan")
    check_sidecar(cadangan)
    n = check(cadangan)
    sha_sumber = sha256_file(cadangan)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    sementara = db_path.with_name(f".{db_path.name}.restore.{os.getpid()}.tmp")
    try:
        shutil.copyfile(cadangan, sementara)
        _fsync(sementara)
        sha = sha256_file(sementara)    # the copy we are about to install is the file we checked
        if sha != sha_sumber:
            raise BackupError(f"{cadangan}: berubah selama disalin; ulangi restore")
        with _kunci_penulis(db_path):
            wal = Path(str(db_path) + ".wal")
            if wal.exists():    # a WAL of the old file must never be replayed onto the restored one
                os.replace(wal, Path(str(wal) + ".sebelum-restore"))
            os.replace(sementara, db_path)
            _fsync_dir(db_path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            sementara.unlink()
    return sha, n
