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
import hashlib
import os
import shutil
import threading
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb

from ucj_oversight import regions

SCHEMA_VERSION = "1"


def sql_file(nama: str) -> str:
    return resources.files("ucj_oversight.storage").joinpath(f"sql/{nama}").read_text("utf-8")


def _jalankan_skrip(con: duckdb.DuckDBPyConnection, skrip: str) -> None:
    for perintah in _pisah_perintah(skrip):
        con.execute(perintah)


def _pisah_perintah(skrip: str) -> list[str]:
    baris = [b for b in skrip.splitlines() if not b.strip().startswith("--")]
    return [p.strip() for p in "\n".join(baris).split(";") if p.strip()]


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the storage tables and the reference tables (wilayah, kalender) if missing."""
    _jalankan_skrip(con, sql_file("schema.sql"))
    con.execute("CREATE TABLE IF NOT EXISTS wilayah_kecamatan (kode_kecamatan VARCHAR PRIMARY KEY, "
                "nama_kecamatan VARCHAR NOT NULL)")
    con.execute("CREATE TABLE IF NOT EXISTS wilayah_kelurahan (kode_kelurahan VARCHAR PRIMARY KEY, "
                "nama_kelurahan VARCHAR NOT NULL, kode_kecamatan VARCHAR NOT NULL)")
    if con.execute("SELECT count(*) FROM wilayah_kecamatan").fetchone()[0] == 0:
        con.executemany("INSERT INTO wilayah_kecamatan VALUES (?, ?)",
                        [(k.kode, k.nama) for k in regions.list_kecamatan()])
        con.executemany("INSERT INTO wilayah_kelurahan VALUES (?, ?, ?)",
                        [(k.kode, k.nama, k.kode_kecamatan) for k in regions.list_kelurahan()])
    # A month calendar keeps the figure SQL portable (no generate_series / last_day dialects).
    con.execute("""
        CREATE TABLE IF NOT EXISTS kalender AS
        SELECT CAST(b AS DATE) AS bulan,
               CAST(b + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS akhir_bulan,
               CAST(year(b) AS INTEGER) AS tahun
        FROM range(DATE '2000-01-01', DATE '2101-01-01', INTERVAL 1 MONTH) t(b)
    """)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('versi_skema', ?)", [SCHEMA_VERSION])


def derived_version() -> str:
    """Identifies the derived-layer SQL: a database built by code with another turunan.sql
    lacks or misses tables the figures read."""
    return hashlib.sha256(sql_file("derived.sql").encode("utf-8")).hexdigest()[:16]


def build_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables (current registrations, billing flags, aggregates)."""
    _jalankan_skrip(con, sql_file("derived.sql"))
    con.execute("INSERT OR REPLACE INTO meta VALUES ('versi_turunan', ?)", [derived_version()])


def derived_outdated(path: Path) -> bool:
    """True when the database at path was built with another turunan.sql (e.g. before an update
    of the dashboard) and its derived layer must be rebuilt before the figures can read it."""
    with read(path) as con:
        try:
            r = con.execute("SELECT nilai FROM meta WHERE kunci = 'versi_turunan'").fetchone()
        except duckdb.Error:
            return True
    return r is None or r[0] != derived_version()


def ensure_derived(path: Path) -> bool:
    """Rebuild the derived layer of an existing database if it is stale (after an update of the
    code, nothing to re-import): atomic and under the writer lock, like an import. True if rebuilt."""
    path = Path(path)
    if not path.exists() or not derived_outdated(path):
        return False
    with write(path):
        pass                      # tulis() rebuilds the derived layer before it commits
    return True


def create_new(path: Path) -> None:
    """An empty, ready database (schema, reference and empty derived tables)."""
    with write(path) as con:
        pass


# The writer's DuckDB memory: beyond it, sorts, windows and joins (the derived-layer rebuild over
# every billing row) spill to a folder next to the copy instead of growing with the data.
WRITE_MEMORY_LIMIT = "768MB"


@contextlib.contextmanager
def write(path: Path, *, simpan: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
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
        con = duckdb.connect(str(salinan), config={"memory_limit": WRITE_MEMORY_LIMIT,
                                                   "temp_directory": str(tumpah)})
        try:
            create_schema(con)
            con.execute("BEGIN TRANSACTION")
            yield con
            build_derived(con)
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


# ------------------------------------------------------------------ readers
#
# Not duckdb.connect(path, read_only=True). DuckDB keeps one database instance per path in a
# process, and connecting to a path that another thread still has open returns a connection to
# that instance: to the file as it was when the instance was opened. After an import has
# replaced the file (os.replace in tulis), a figure computed while some other session's query
# was still running would then read the OLD database, and the dashboard would cache that result
# under the NEW version key until the cache entry is evicted. A fresh in-memory instance that
# ATTACHes the file is never shared: it opens the file the path names at that moment.

READ_CATALOG = "ucj"          # the catalog name of the attached file; USE makes it the default


def _buka_baca(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH ? AS {READ_CATALOG} (READ_ONLY)", [str(path)])
        con.execute(f"USE {READ_CATALOG}")
    except BaseException:
        con.close()
        raise
    return con


def read(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file at `path` now (never to an instance another thread
    opened before an import replaced the file). Raises FileNotFoundError with a plain message if
    missing. Costs one database open (~25 ms at 1M rows); the dashboard uses baca_versi."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"Basis data tidak ditemukan: {path}")
    return _buka_baca(path)


def version_token(path: Path) -> tuple[str, int, int]:
    """Changes whenever an import lands (the file is replaced): the cache key for pages."""
    st = Path(path).stat()
    return (str(path), st.st_mtime_ns, st.st_ino)


class VersionChanged(RuntimeError):
    """The database file is no longer the version this page run started with (an import landed
    in between); the run should start again on the new version."""


@dataclass
class _Instansi:
    con: duckdb.DuckDBPyConnection
    dipakai: float                  # time.monotonic() of the last cursor handed out
    diganti: float | None = None    # when a newer version of the same path was opened


_INSTANSI: dict[tuple, _Instansi] = {}
_KUNCI_INSTANSI = threading.Lock()
GRACE_PERIOD_S = 120.0     # a replaced version stays readable this long for runs that began on it
MAX_INSTANCES = 8           # distinct current files kept open (the dashboard has one)


def read_version(versi: tuple) -> duckdb.DuckDBPyConnection:
    """A read-only cursor on exactly the database version `versi` (from tanda_versi): every
    figure of one page run reads the same file even if an import lands half-way.

    One shared instance per version serves all sessions and threads; each call gets its own
    cursor (DuckDB connections are not for sharing between threads; cursors are), costing
    ~1 ms instead of a database open, and all readers share one buffer pool and one thread
    pool. The lock below only guards the dictionary (and the one open per new version); the
    queries run outside it, so readers never wait for each other. Writers never block readers:
    they write a copy and rename it (tulis).

    Raises VersiBerganti when that version is no longer the file at the path and is not open
    any more; FileNotFoundError when the file is gone."""
    versi = tuple(versi)
    path = Path(versi[0])
    with _KUNCI_INSTANSI:
        sekarang = time.monotonic()
        ins = _INSTANSI.get(versi)
        if ins is None:
            if not path.exists():
                raise FileNotFoundError(f"Basis data tidak ditemukan: {path}")
            if version_token(path) != versi:
                raise VersionChanged(str(path))
            con = _buka_baca(path)
            if version_token(path) != versi:      # replaced while it was being opened
                con.close()
                raise VersionChanged(str(path))
            ins = _INSTANSI[versi] = _Instansi(con, sekarang)
            for kunci, lain in _INSTANSI.items():
                if kunci[0] == versi[0] and kunci != versi and lain.diganti is None:
                    lain.diganti = sekarang
        ins.dipakai = sekarang
        _rapikan(sekarang)
        cur = ins.con.cursor()
    cur.execute(f"USE {READ_CATALOG}")
    return cur


def _rapikan(sekarang: float) -> None:
    """Forget replaced versions after the grace period, and the least recently used files
    beyond MAKS_INSTANSI. Forget, not close: a cursor still in use keeps its instance alive
    (and the old file's blocks on disk) until it is closed."""
    for kunci in [k for k, i in _INSTANSI.items() if i.diganti is not None and sekarang - i.diganti > GRACE_PERIOD_S]:
        del _INSTANSI[kunci]
    kini = sorted((i.dipakai, k) for k, i in _INSTANSI.items() if i.diganti is None)
    for _, kunci in kini[:max(0, len(kini) - MAX_INSTANCES)]:
        del _INSTANSI[kunci]
