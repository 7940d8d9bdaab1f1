"""The DuckDB file: schema, reference tables, and the one way to write to it.

Writes never touch the live file. A writer copies it, changes the copy inside a transaction,
checkpoints, and atomically renames the copy over the original. So a failed or killed import
leaves the previous database exactly as it was, and readers (the dashboard) keep reading a
consistent file while an import runs: they see the new one on their next connection.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from ucj_oversight import regions
from ucj_oversight.storage import atomic

SCHEMA_VERSION = "1"
DERIVED_DIR = "derived"  # sql/derived/*.sql: the derived layer, run in name order
# Columns schema.sql gained after databases were made with it: (table, column, type), added by
# create_schema when missing (nullable, so old rows read NULL).
ADDED_COLUMNS = (
    ("impor", "kontrol", "VARCHAR"),
    ("sasaran", "jumlah_semesta", "BIGINT"),
    ("sasaran", "sumber_semesta", "VARCHAR"),
    ("peserta", "tgl_nonaktif", "DATE"),
    ("klaim", "alasan_tolak", "VARCHAR"),
)


def sql_file(name: str) -> str:
    """The text of sql/<name> (e.g. "schema.sql", "derived/10_staging_reg.sql")."""
    return resources.files("ucj_oversight.storage").joinpath(f"sql/{name}").read_text("utf-8")


def derived_files() -> list[str]:
    """The files of the derived layer (relative to sql/), in the order they run: staging
    (10_staging_*: current versions of the storage tables), then intermediate (20_intermediate_*:
    the per-import aggregates), each file reading only tables made before it."""
    folder = resources.files("ucj_oversight.storage").joinpath(f"sql/{DERIVED_DIR}")
    return [
        f"{DERIVED_DIR}/{f.name}" for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".sql")
    ]


def derived_statements() -> list[str]:
    """The statements of the derived layer, in the order build_derived runs them."""
    return [s for name in derived_files() for s in _split_statements(sql_file(name))]


def _run_script(con: duckdb.DuckDBPyConnection, script: str) -> None:
    for statement in _split_statements(script):
        con.execute(statement)


def _split_statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the storage tables and the reference tables (wilayah, kalender) if missing."""
    _run_script(con, sql_file("schema.sql"))
    # Columns added to storage tables since the first schema: a database made before keeps working.
    for table, column, sql_type in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {sql_type}")
    con.execute(
        "CREATE TABLE IF NOT EXISTS wilayah_kecamatan (kode_kecamatan VARCHAR PRIMARY KEY, "
        "nama_kecamatan VARCHAR NOT NULL)"
    )
    con.execute(
        "CREATE TABLE IF NOT EXISTS wilayah_kelurahan (kode_kelurahan VARCHAR PRIMARY KEY, "
        "nama_kelurahan VARCHAR NOT NULL, kode_kecamatan VARCHAR NOT NULL)"
    )
    if con.execute("SELECT count(*) FROM wilayah_kecamatan").fetchone()[0] == 0:
        con.executemany(
            "INSERT INTO wilayah_kecamatan VALUES (?, ?)", [(k.code, k.name) for k in regions.list_kecamatan()]
        )
        con.executemany(
            "INSERT INTO wilayah_kelurahan VALUES (?, ?, ?)",
            [(k.code, k.name, k.kode_kecamatan) for k in regions.list_kelurahan()],
        )
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
    """Identifies the derived-layer SQL (every file of sql/derived/, names and text, in order): a
    database built by code with another derived layer lacks or misses tables the figures read."""
    h = hashlib.sha256()
    for name in derived_files():
        h.update(name.encode("utf-8") + b"\0" + sql_file(name).encode("utf-8") + b"\0")
    return h.hexdigest()[:16]


def build_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables (current registrations, billing flags, aggregates)."""
    for statement in derived_statements():
        con.execute(statement)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('versi_turunan', ?)", [derived_version()])


def derived_outdated(path: Path) -> bool:
    """True when the database at path was built with another derived layer (e.g. before an update
    of the dashboard) and its derived layer must be rebuilt before the figures can read it; also
    when a storage table lacks a column added since (ADDED_COLUMNS): the rebuild adds it."""
    with read(path) as con:
        try:
            r = con.execute("SELECT nilai FROM meta WHERE kunci = 'versi_turunan'").fetchone()
            present = set(con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall())
        except duckdb.Error:
            return True
    if any((table, column) not in present for table, column, _ in ADDED_COLUMNS):
        return True
    return r is None or r[0] != derived_version()


def ensure_derived(path: Path) -> bool:
    """Rebuild the derived layer of an existing database if it is stale (after an update of the
    code, nothing to re-import): atomic and under the writer lock, like an import. True if rebuilt."""
    path = Path(path)
    if not path.exists() or not derived_outdated(path):
        return False
    with write(path):
        pass  # write() rebuilds the derived layer before it commits
    return True


def create_new(path: Path) -> None:
    """An empty, ready database (schema, reference and empty derived tables)."""
    with write(path):
        pass


def lock_file(path: Path) -> Path:
    """The writer's lock file, '<db>.lock': held by write() (imports), backups and restores."""
    return Path(str(path) + ".lock")


def writer_lock(path: Path) -> contextlib.AbstractContextManager[None]:
    """The writer's lock on the database at `path` (a context manager): while it is held no import
    runs and no other backup or restore replaces the file."""
    return atomic.locked(lock_file(path))


# The writer's DuckDB memory: beyond it, sorts, windows and joins (the derived-layer rebuild over
# every billing row) spill to a folder next to the copy instead of growing with the data.
WRITE_MEMORY_LIMIT = "768MB"


@contextlib.contextmanager
def write(path: Path, *, save: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a writable copy of the database inside one transaction.

    On normal exit the transaction commits and the copy replaces the original atomically
    (unless save=False: a dry run). On any exception nothing changes. DuckDB works within
    WRITE_MEMORY_LIMIT and spills to a temporary folder beside the copy (removed afterwards).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # One writer at a time: a second import waits instead of losing the first one's work.
    with writer_lock(path):
        copy = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        spill = path.with_name(f".{path.name}.{os.getpid()}.spill")
        # Copies left by a writer that was killed (kill -9, power cut): with the lock held no
        # other writer is alive, so they are garbage (each one a full copy of the database).
        for old in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            if old.name[len(path.name) + 2 : -4].isdigit():
                _remove(old)
        for old in path.parent.glob(f".{glob.escape(path.name)}.*.spill"):
            if old.name[len(path.name) + 2 : -6].isdigit():
                shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            shutil.copyfile(path, copy)
        con = duckdb.connect(str(copy), config={"memory_limit": WRITE_MEMORY_LIMIT, "temp_directory": str(spill)})
        try:
            create_schema(con)
            con.execute("BEGIN TRANSACTION")
            yield con
            build_derived(con)
            if save:
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            else:
                con.execute("ROLLBACK")
        except BaseException:
            with contextlib.suppress(Exception):
                con.execute("ROLLBACK")
            con.close()
            _remove(copy)
            shutil.rmtree(spill, ignore_errors=True)
            raise
        con.close()
        shutil.rmtree(spill, ignore_errors=True)
        if save:
            atomic.replace(copy, path)
        else:
            _remove(copy)


def _remove(p: Path) -> None:
    """Delete a database file and its WAL, if there."""
    for q in (p, Path(str(p) + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            q.unlink()


# ------------------------------------------------------------------ readers
#
# Not duckdb.connect(path, read_only=True). DuckDB keeps one database instance per path in a
# process, and connecting to a path that another thread still has open returns a connection to
# that instance: to the file as it was when the instance was opened. After an import has
# replaced the file (os.replace in write), a figure computed while some other session's query
# was still running would then read the OLD database, and the dashboard would cache that result
# under the NEW version key until the cache entry is evicted. A fresh in-memory instance that
# ATTACHes the file is never shared: it opens the file the path names at that moment.

READ_CATALOG = "ucj"  # the catalog name of the attached file; USE makes it the default


def _open_read(path: Path) -> duckdb.DuckDBPyConnection:
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
    missing. Costs one database open (~25 ms at 1M rows); the dashboard uses read_version."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"Basis data tidak ditemukan: {path}")
    return _open_read(path)


def version_token(path: Path) -> tuple[str, int, int]:
    """Changes whenever an import lands (the file is replaced): the cache key for pages."""
    st = Path(path).stat()
    return (str(path), st.st_mtime_ns, st.st_ino)


class VersionChanged(RuntimeError):
    """The database file is no longer the version this page run started with (an import landed
    in between); the run should start again on the new version."""


@dataclass
class _Instance:
    con: duckdb.DuckDBPyConnection
    used: float  # time.monotonic() of the last cursor handed out
    replaced: float | None = None  # when a newer version of the same path was opened


_INSTANCES: dict[tuple, _Instance] = {}
_INSTANCES_LOCK = threading.Lock()
GRACE_PERIOD_S = 120.0  # a replaced version stays readable this long for runs that began on it
MAX_INSTANCES = 8  # distinct current files kept open (the dashboard has one)


def read_version(version: tuple) -> duckdb.DuckDBPyConnection:
    """A read-only cursor on exactly the database version `version` (from version_token): every
    figure of one page run reads the same file even if an import lands half-way.

    One shared instance per version serves all sessions and threads; each call gets its own
    cursor (DuckDB connections are not for sharing between threads; cursors are), costing
    ~1 ms instead of a database open, and all readers share one buffer pool and one thread
    pool. The lock below only guards the dictionary (and the one open per new version); the
    queries run outside it, so readers never wait for each other. Writers never block readers:
    they write a copy and rename it (write).

    Raises VersionChanged when that version is no longer the file at the path and is not open
    any more; FileNotFoundError when the file is gone."""
    version = tuple(version)
    path = Path(version[0])
    with _INSTANCES_LOCK:
        now = time.monotonic()
        ins = _INSTANCES.get(version)
        if ins is None:
            if not path.exists():
                raise FileNotFoundError(f"Basis data tidak ditemukan: {path}")
            if version_token(path) != version:
                raise VersionChanged(str(path))
            con = _open_read(path)
            if version_token(path) != version:  # replaced while it was being opened
                con.close()
                raise VersionChanged(str(path))
            ins = _INSTANCES[version] = _Instance(con, now)
            for key, other in _INSTANCES.items():
                if key[0] == version[0] and key != version and other.replaced is None:
                    other.replaced = now
        ins.used = now
        _prune(now)
        cur = ins.con.cursor()
    cur.execute(f"USE {READ_CATALOG}")
    return cur


def _prune(now: float) -> None:
    """Forget replaced versions after the grace period, and the least recently used files
    beyond MAX_INSTANCES. Forget, not close: a cursor still in use keeps its instance alive
    (and the old file's blocks on disk) until it is closed."""
    for key in [k for k, i in _INSTANCES.items() if i.replaced is not None and now - i.replaced > GRACE_PERIOD_S]:
        del _INSTANCES[key]
    current = sorted((i.used, k) for k, i in _INSTANCES.items() if i.replaced is None)
    for _, key in current[: max(0, len(current) - MAX_INSTANCES)]:
        del _INSTANCES[key]
