"""The DuckDB file: schema, reference tables, and the one way to write to it.

Writes never touch the live file. A writer copies it, changes the copy inside a transaction,
checkpoints, and atomically renames the copy over the original. So a failed or killed import
leaves the previous database exactly as it was, and readers (the dashboard) keep reading a
consistent file while an import runs: they see the new one on their next connection.
"""
from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import shutil
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb

from . import wilayah

VERSI_SKEMA = "1"


def sql_file(nama: str) -> str:
    return resources.files("ucj_oversight").joinpath(f"sql/{nama}").read_text("utf-8")


def _jalankan_skrip(con: duckdb.DuckDBPyConnection, skrip: str) -> None:
    for perintah in _pisah_perintah(skrip):
        con.execute(perintah)


def _pisah_perintah(skrip: str) -> list[str]:
    baris = [b for b in skrip.splitlines() if not b.strip().startswith("--")]
    return [p.strip() for p in "\n".join(baris).split(";") if p.strip()]


def siapkan_skema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the storage tables and the reference tables (wilayah, kalender) if missing."""
    _jalankan_skrip(con, sql_file("skema.sql"))
    con.execute("CREATE TABLE IF NOT EXISTS wilayah_kecamatan (kode_kecamatan VARCHAR PRIMARY KEY, "
                "nama_kecamatan VARCHAR NOT NULL)")
    con.execute("CREATE TABLE IF NOT EXISTS wilayah_kelurahan (kode_kelurahan VARCHAR PRIMARY KEY, "
                "nama_kelurahan VARCHAR NOT NULL, kode_kecamatan VARCHAR NOT NULL)")
    if con.execute("SELECT count(*) FROM wilayah_kecamatan").fetchone()[0] == 0:
        con.executemany("INSERT INTO wilayah_kecamatan VALUES (?, ?)",
                        [(k.kode, k.nama) for k in wilayah.daftar_kecamatan()])
        con.executemany("INSERT INTO wilayah_kelurahan VALUES (?, ?, ?)",
                        [(k.kode, k.nama, k.kode_kecamatan) for k in wilayah.daftar_kelurahan()])
    # A month calendar keeps the figure SQL portable (no generate_series / last_day dialects).
    con.execute("""
        CREATE TABLE IF NOT EXISTS kalender AS
        SELECT CAST(b AS DATE) AS bulan,
               CAST(b + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS akhir_bulan,
               CAST(year(b) AS INTEGER) AS tahun
        FROM range(DATE '2000-01-01', DATE '2101-01-01', INTERVAL 1 MONTH) t(b)
    """)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('versi_skema', ?)", [VERSI_SKEMA])


def bangun_turunan(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables (current registrations, billing flags, aggregates)."""
    _jalankan_skrip(con, sql_file("turunan.sql"))


def buat_baru(path: Path) -> None:
    """An empty, ready database (schema, reference and empty derived tables)."""
    with tulis(path) as con:
        pass


# The writer's DuckDB memory: beyond it, sorts, windows and joins (the derived-layer rebuild over
# every billing row) spill to a folder next to the copy instead of growing with the data.
BATAS_MEMORI_TULIS = "768MB"


@contextlib.contextmanager
def tulis(path: Path, *, simpan: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a writable copy of the database inside one transaction.

    On normal exit the transaction commits and the copy replaces the original atomically
    (unless simpan=False: a dry run). On any exception nothing changes. DuckDB works within
    BATAS_MEMORI_TULIS and spills to a temporary folder beside the copy (removed afterwards).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    kunci = open(str(path) + ".lock", "w")
    try:
        # One writer at a time: a second import waits instead of losing the first one's work.
        fcntl.flock(kunci, fcntl.LOCK_EX)
        salinan = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tumpah = path.with_name(f".{path.name}.{os.getpid()}.spill")
        # Copies left by a writer that was killed (kill -9, power cut): with the lock held no
        # other writer is alive, so they are garbage (each one a full copy of the database).
        for lama in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            if lama.name[len(path.name) + 2:-4].isdigit():
                _hapus(lama)
        for lama in path.parent.glob(f".{glob.escape(path.name)}.*.spill"):
            if lama.name[len(path.name) + 2:-6].isdigit():
                shutil.rmtree(lama, ignore_errors=True)
        if path.exists():
            shutil.copyfile(path, salinan)
        con = duckdb.connect(str(salinan), config={"memory_limit": BATAS_MEMORI_TULIS,
                                                   "temp_directory": str(tumpah)})
        try:
            siapkan_skema(con)
            con.execute("BEGIN TRANSACTION")
            yield con
            bangun_turunan(con)
            if simpan:
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            else:
                con.execute("ROLLBACK")
        except BaseException:
            with contextlib.suppress(Exception):
                con.execute("ROLLBACK")
            con.close()
            _hapus(salinan)
            shutil.rmtree(tumpah, ignore_errors=True)
            raise
        con.close()
        shutil.rmtree(tumpah, ignore_errors=True)
        if simpan:
            with open(salinan, "rb") as f:
                os.fsync(f.fileno())
            os.replace(salinan, path)
            _fsync_dir(path.parent)
        else:
            _hapus(salinan)
    finally:
        fcntl.flock(kunci, fcntl.LOCK_UN)
        kunci.close()


def _hapus(p: Path) -> None:
    for q in (p, Path(str(p) + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            q.unlink()


def _fsync_dir(d: Path) -> None:
    fd = os.open(d, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def baca(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection. Raises FileNotFoundError with a plain message if missing."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"Basis data tidak ditemukan: {path}")
    return duckdb.connect(str(path), read_only=True)


def tanda_versi(path: Path) -> tuple[str, int, int]:
    """Changes whenever an import lands (the file is replaced): the cache key for pages."""
    st = Path(path).stat()
    return (str(path), st.st_mtime_ns, st.st_ino)
