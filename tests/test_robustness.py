"""Robustness: crash safety (kill -9 during imports), readers during an import, backup/restore,
property-based fuzzing of ingest, hostile files, injection strings in every URL parameter and
filter, and Excel-safe downloads.

Every ingest outcome must be one of: rows loaded, rows quarantined with a reason, or an
IngestError (a clear refusal). Never another exception, never a hang, never a half-written
database. Runtime is bounded (see the budget at each test); the whole module runs in about two
minutes on two cores.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import SMALL_DIR, TEST_KEY, log_in_apptest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ucj_oversight import figures, ingest
from ucj_oversight.figures import AsOf, Filter, InputError
from ucj_oversight.ingest import contract
from ucj_oversight.publish import export
from ucj_oversight.storage import backup, db
from ucj_oversight.web import widgets

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
ASOF = AsOf.from_text("2026-03")
SEED = int(os.environ.get("UCJ_UJI_SEED", "20261124"))
N_CRASH_TRIALS = 20
N_LARGE_ROWS = 300_000


# ------------------------------------------------------------------ helpers


def sha_file(p: Path) -> str:
    return hashlib.sha256(Path(p).read_bytes()).hexdigest()


def snapshot(path: Path) -> dict:
    """What a reader sees: the five export tables plus the import log and row counts."""
    with db.read(path) as con:
        tables = export.export_tables(con, ASOF)
        result = {n: df.to_csv(index=False) for n, df in tables.items()}
        result["impor"] = con.execute(
            "SELECT impor_id, nama_file, sha256, baris_dimuat FROM impor ORDER BY impor_id"
        ).fetchall()
        result["iuran"] = con.execute("SELECT count(*), sum(nominal) FROM iuran").fetchone()
    return result


def iuran_snapshot(path: Path) -> tuple:
    """A cheap snapshot for the reader loop: imports, iuran rows and the export's billing table."""
    with db.read(path) as con:
        n_impor = con.execute("SELECT count(*) FROM impor").fetchone()[0]
        iuran = con.execute("SELECT count(*), sum(nominal) FROM iuran").fetchone()
        rekonsiliasi = figures.rekonsiliasi_iuran(con, AsOf.from_text("2026-12")).to_csv(index=False)
    return (n_impor, iuran, rekonsiliasi)


def subprocess_env() -> dict:
    env = dict(os.environ)
    env["UCJ_NIK_KEY"] = "kunci-uji"  # = TEST_KEY (conftest), the key the small DB was built with
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    """The small hand-checked database (tests/fixtures/kecil), built once for this module."""
    path = tmp_path_factory.mktemp("dasar") / "kecil.duckdb"
    ingest.run_import(path, [SMALL_DIR], key=TEST_KEY)
    return path


@pytest.fixture(scope="module")
def large_csv(tmp_path_factory) -> Path:
    """300k iuran rows (~8 MB): an import of it takes a few seconds, long enough to kill."""
    path = tmp_path_factory.mktemp("besar") / "iuran_besar.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write("periode,no_kpj,nominal\n")
        f.writelines(f"2026-{i % 12 + 1:02d},K{i:07d},16800\n" for i in range(N_LARGE_ROWS))
    return path


def copy_db(src: Path, target_dir: Path) -> Path:
    target_dir.mkdir(parents=True, exist_ok=True)
    p = target_dir / "kerja.duckdb"
    shutil.copyfile(src, p)
    return p


def start_ingest(db_path: Path, *paths: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ucj_oversight", "ingest", "--db", str(db_path), *map(str, paths)],
        cwd=ROOT,
        env=subprocess_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


# ------------------------------------------------------------------ (a) kill -9 at random moments


def test_import_killed_at_any_moment_keeps_old_data(base_db, large_csv, tmp_path):
    """Imports of 300k rows killed with SIGKILL after a seeded random delay (from process start
    to the final rename) until 20 were killed mid-way (a kill that lands after the rename is
    counted apart). After each: the file opens, the export is exactly as before, the
    bytes are identical (or the import had fully landed). Finally a normal import succeeds and
    the stale copies of the killed writers are cleaned up. Budget: ~60 s."""
    work_db = copy_db(base_db, tmp_path / "crash")
    before = snapshot(work_db)
    sha_before = sha_file(work_db)

    # How long does a full import take here? Kill delays cover all of it.
    start = time.perf_counter()
    reference = copy_db(base_db, tmp_path / "acuan")
    assert start_ingest(reference, large_csv).wait(timeout=120) == 0
    full_s = time.perf_counter() - start
    after_full = snapshot(reference)
    assert after_full["iuran"][0] == before["iuran"][0] + N_LARGE_ROWS

    rng = random.Random(SEED)
    survived, landed, trials = 0, 0, 0
    while survived < N_CRASH_TRIALS and trials < N_CRASH_TRIALS + 8:
        trials += 1
        i = trials
        delay = rng.uniform(0.02, full_s * 0.9)
        p = start_ingest(work_db, large_csv)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        rc = p.wait(timeout=60)
        state = snapshot(work_db)  # opens read-only: the file is a valid database
        if rc == 0 or state == after_full:
            # The import landed (the rename happened) before the kill: then it is there completely.
            assert state == after_full, f"trial {i}: the import landed but its content differs"
            landed += 1
            shutil.copyfile(base_db, work_db)  # back to the old state for the next trial
            continue
        assert rc == -signal.SIGKILL, (i, rc)
        assert state == before, f"trial {i} (killed after {delay:.2f} s): figures changed"
        assert sha_file(work_db) == sha_before, f"trial {i}: database bytes changed"
        assert not Path(str(work_db) + ".wal").exists()
        survived += 1
    assert survived >= N_CRASH_TRIALS, (survived, landed)

    # The next start works: a normal import lands, and leftover copies are removed.
    assert start_ingest(work_db, large_csv).wait(timeout=120) == 0
    assert snapshot(work_db) == after_full
    leftovers = [q.name for q in work_db.parent.iterdir() if q.name.endswith(".tmp")]
    assert leftovers == [], leftovers
    print(f"\ncrash: {survived} killed mid-way, {landed} landed before the kill, full import {full_s:.1f} s")


# ------------------------------------------------------------------ (b) readers during an import


def test_readers_during_import_see_old_or_new(base_db, large_csv, tmp_path):
    work_db = copy_db(base_db, tmp_path / "baca")
    old = iuran_snapshot(work_db)
    seen: list = []
    errors: list = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                seen.append(iuran_snapshot(work_db))
            except Exception as e:  # any failure to read is a failure of the test
                errors.append(repr(e))
            time.sleep(0.02)

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    p = start_ingest(work_db, large_csv)
    assert p.wait(timeout=120) == 0
    time.sleep(0.3)  # a few reads of the new state too
    stop.set()
    t.join(timeout=30)
    new = iuran_snapshot(work_db)
    assert not errors, errors[:3]
    assert new != old
    assert len(seen) >= 5
    odd = [s for s in seen if s not in (old, new)]
    assert not odd, f"{len(odd)} reads are neither the old nor the new state"
    assert seen[0] == old and seen[-1] == new


# ------------------------------------------------------------------ backup / restore


def test_backup_restore_keeps_export(base_db, tmp_path):
    work_db = copy_db(base_db, tmp_path / "db")
    before = snapshot(work_db)
    out, sha, n = backup.backup(work_db, tmp_path / "cadangan" / "ucj.duckdb")
    assert n == 6 and sha == sha_file(out)
    assert Path(str(out) + ".sha256").read_text().split() == [sha, out.name]
    # Restore over a database changed since (an extra import): back to the backed-up figures.
    extra_file = tmp_path / "iuran_tambahan.csv"
    extra_file.write_text("periode,no_kpj,nominal\n2026-03,A1,16800\n2026-03,Z9,16800\n")
    ingest.run_import(work_db, [extra_file], key=TEST_KEY)
    assert snapshot(work_db) != before
    backup.restore(out, work_db)
    assert snapshot(work_db) == before
    # ... and to a new path (a new server).
    new_path = tmp_path / "server_baru" / "ucj.duckdb"
    backup.restore(out, new_path)
    assert snapshot(new_path) == before
    assert not [q for q in new_path.parent.iterdir() if q.name.endswith(".tmp")]


def test_restore_refuses_non_database_files(base_db, tmp_path):
    work_db = copy_db(base_db, tmp_path / "db")
    sha = sha_file(work_db)
    other = tmp_path / "lain.duckdb"
    import duckdb

    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE x (a INT)")
    text_file = tmp_path / "teks.duckdb"
    text_file.write_bytes(b"bukan basis data\n" * 100)
    empty = tmp_path / "kosong.duckdb"
    empty.write_bytes(b"")
    for f in (other, text_file, empty, tmp_path / "tidak_ada.duckdb"):
        with pytest.raises(backup.BackupError):
            backup.restore(f, work_db)
        assert sha_file(work_db) == sha
    # A backup whose bytes no longer match its .sha256 is refused.
    out, _, _ = backup.backup(work_db, tmp_path / "bk.duckdb")
    with open(out, "r+b") as f:
        f.seek(5000)
        f.write(b"\xff" * 16)
    with pytest.raises(backup.BackupError, match="SHA-256"):
        backup.restore(out, work_db)
    assert sha_file(work_db) == sha
    assert not [q for q in work_db.parent.iterdir() if q.name.endswith(".tmp")]


def test_backup_restore_cli(base_db, tmp_path):
    work_db = copy_db(base_db, tmp_path / "db")
    before = snapshot(work_db)

    def run_cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "ucj_oversight", *args],
            cwd=ROOT,
            env=subprocess_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )

    (tmp_path / "bk").mkdir()
    r = run_cli("backup", "--db", str(work_db), "--out", str(tmp_path / "bk"))
    assert r.returncode == 0, r.stderr
    backup_file = Path(r.stdout.splitlines()[0])
    assert backup_file.parent == tmp_path / "bk" and Path(str(backup_file) + ".sha256").exists()
    target = tmp_path / "pulih.duckdb"
    r = run_cli("restore", "--db", str(target), str(backup_file))
    assert r.returncode == 0, r.stderr
    assert snapshot(target) == before
    (tmp_path / "x.duckdb").write_bytes(b"x" * 10)
    r = run_cli("restore", "--db", str(target), str(tmp_path / "x.duckdb"))
    assert r.returncode == 2 and "GAGAL" in r.stderr and "tidak diubah" in r.stderr
    assert snapshot(target) == before


def test_backup_waits_for_import(base_db, large_csv, tmp_path):
    """A backup taken while an import runs waits for the writer's lock: it holds the old or the
    new state completely, never a mix (here: the new one, the import held the lock first)."""
    work_db = copy_db(base_db, tmp_path / "db")
    old = iuran_snapshot(work_db)
    p = start_ingest(work_db, large_csv)
    # Wait until the writer holds the lock (its copy exists), then back up.
    deadline = time.monotonic() + 30
    while not list(work_db.parent.glob(".kerja.duckdb.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.01)
    out, _, _ = backup.backup(work_db, tmp_path / "bk.duckdb")
    assert p.wait(timeout=120) == 0
    state = iuran_snapshot(out)
    assert state in (old, iuran_snapshot(work_db))
    assert state == iuran_snapshot(work_db)


# ------------------------------------------------------------------ (c) property-based fuzzing

HEADER = {
    "iuran": ["periode", "no_kpj", "nominal"],
    "peserta": [
        "no_kpj",
        "nik",
        "nama",
        "tgl_lahir",
        "jenis_kelamin",
        "kecamatan",
        "kelurahan",
        "segmen",
        "tgl_mulai",
        "tgl_akhir",
        "status",
    ],
    "klaim": None,
    "sasaran": None,
    "anggaran": None,
    "realisasi": None,
}


def _small_header(kind: str) -> list[str]:
    with open(SMALL_DIR / f"{kind}_kecil.csv", encoding="utf-8") as f:
        return f.readline().strip().split(",")


def _small_lines(kind: str) -> list[str]:
    return (SMALL_DIR / f"{kind}_kecil.csv").read_text(encoding="utf-8").splitlines()


MAX_ROWS, MAX_COLUMNS = 10_000, 200


def run_pipeline(path: Path, kind: str | None = None) -> str:
    """The ingest steps of one file without the database (read, limits, columns, types) —
    the same calls run_import() makes. Returns 'ditolak' / 'dimuat' / 'karantina'."""
    kind = kind or contract.kind_from_filename(path.name)
    try:
        parsed = ingest.read_file(path)
        if parsed.data.shape[1] > MAX_COLUMNS or len(parsed.data) + len(parsed.karantina) > MAX_ROWS:
            return "ditolak"
        data = ingest.map_columns(parsed, contract.KINDS[kind], path.name)
        accepted, karantina = ingest.type_rows(data, contract.KINDS[kind], TEST_KEY)
    except ingest.IngestError as e:
        assert str(e).strip()
        return "ditolak"
    # The accepted rows fit the storage table (types, DECIMAL(18,2), INTEGER): inserted and
    # rolled back on an in-memory database with the real schema.
    con = _schema_con()
    table = accepted[contract.KINDS[kind].table.column_names].copy()
    table.insert(0, "baris", 2)
    table.insert(0, "impor_id", 1)
    con.execute("BEGIN TRANSACTION")
    con.register("_muat", table)
    try:
        con.execute(f"INSERT INTO {kind} SELECT * FROM _muat")
    finally:
        con.unregister("_muat")
        con.execute("ROLLBACK")
    # Quarantined entries always carry a reason.
    assert karantina["alasan"].map(lambda a: isinstance(a, str) and a.strip() != "").all()
    for r in parsed.karantina:
        assert r["alasan"]
    assert len(accepted) <= len(data)
    return "dimuat" if len(accepted) else "karantina"


FUZZ_COUNT = {"cases": 0, "tests": set()}
N_FUZZ_TESTS = 6
_CON: list = []


def _schema_con():
    if not _CON:
        import duckdb

        con = duckdb.connect(":memory:")
        db._run_script(con, db.sql_file("schema.sql"))
        _CON.append(con)
    return _CON[0]


def _count_case():
    FUZZ_COUNT["cases"] += 1
    FUZZ_COUNT["tests"].add(sys._getframe(1).f_code.co_name)


def _write(tmp: Path, name: str, content: bytes) -> Path:
    p = tmp / name
    p.write_bytes(content)
    return p


KIND = st.sampled_from(contract.KIND_NAMES)
ODD_CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "NULL",
            "NaN",
            "inf",
            "-1",
            "1e308",
            "99999999999999999999999",
            "0x1F",
            "2026-13",
            "2026-02-30",
            "31/12/2026",
            "12/31/2026",
            "=1+1",
            '=HYPERLINK("http://x")',
            "+1",
            "-1",
            "@SUM(A1)",
            "\t=1",
            "'; DROP TABLE iuran; --",
            "Rp 16.800",
            "16.800,00",
            "16,800.00",
            "3275080101900001",
            "32.75.08",
            "Pondok Gede",
            "\u202e",
            "\x00",
            '"',
            '""',
            "a\nb",
            "a\rb",
            "😀",
            "ё",
            "\ufeff",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


def _csv_cell(v: str) -> str:
    if any(c in v for c in ',;"\n\r'):
        return '"' + v.replace('"', '""') + '"'
    return v


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(kind=KIND, data=st.data())
def test_fuzz_corrupted_valid_extract(kind, data, tmp_path_factory):
    """Valid small extracts with random byte-level corruption: flip, delete, insert, truncate, duplicate."""
    _count_case()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    content = bytearray((SMALL_DIR / f"{kind}_kecil.csv").read_bytes())
    for _ in range(data.draw(st.integers(1, 6), label="n_changes")):
        op = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate", "duplicate", "insert_text"]))
        pos = data.draw(st.integers(0, max(len(content) - 1, 0)))
        if op == "flip" and content:
            content[pos] = data.draw(st.integers(0, 255))
        elif op == "delete" and content:
            del content[pos : pos + data.draw(st.integers(1, 40))]
        elif op == "insert":
            content[pos:pos] = data.draw(st.binary(min_size=1, max_size=20))
        elif op == "truncate":
            del content[pos:]
        elif op == "duplicate":
            content += content[pos : pos + 200]
        elif op == "insert_text":
            content[pos:pos] = data.draw(ODD_CELL).encode("utf-8", "surrogatepass")
    run_pipeline(_write(tmp, f"{kind}_fuzz.csv", bytes(content)), kind)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(kind=KIND, data=st.data())
def test_fuzz_wrongly_typed_values(kind, data, tmp_path_factory):
    """The right header, rows of random (wrongly typed, formula, huge, unicode) cells, ragged rows."""
    _count_case()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    header = _small_header(kind)
    separator = data.draw(st.sampled_from([",", ";"]))
    n = data.draw(st.integers(0, 8))
    lines = [separator.join(header)]
    for _ in range(n):
        width = data.draw(st.sampled_from([len(header), len(header), len(header) - 1, len(header) + 3, 1]))
        cells = [_csv_cell(data.draw(ODD_CELL)) for _ in range(max(width, 0))]
        lines.append(separator.join(cells))
    line_end = data.draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = line_end.join(lines) + data.draw(st.sampled_from(["", line_end, line_end * 3]))
    enc = data.draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"]))
    content = text.encode(enc, errors="replace") if enc != "utf-8" else text.encode("utf-8", "surrogatepass")
    run_pipeline(_write(tmp, f"{kind}_fuzz.csv", content), kind)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(content=st.binary(max_size=2000), ext=st.sampled_from([".csv", ".xlsx", ".parquet"]), kind=KIND)
def test_fuzz_binary_with_extract_name(content, ext, kind, tmp_path_factory):
    _count_case()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    run_pipeline(_write(tmp, f"{kind}_biner{ext}", content), kind)


def _xlsx_bytes(rows: list[list]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def xlsx_valid() -> bytes:
    return _xlsx_bytes([["periode", "no_kpj", "nominal"], ["2026-01", "A1", 16800], ["2026-02", "A1", "=1+1"]])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(data=st.data())
def test_fuzz_xlsx_truncated_and_corrupted(data, xlsx_valid, tmp_path_factory):
    _count_case()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    content = bytearray(xlsx_valid)
    op = data.draw(st.sampled_from(["truncate", "flip", "flip", "insert"]))
    pos = data.draw(st.integers(0, len(content) - 1))
    if op == "truncate":
        del content[pos:]
    elif op == "flip":
        for _ in range(data.draw(st.integers(1, 10))):
            content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    else:
        content[pos:pos] = data.draw(st.binary(min_size=1, max_size=50))
    run_pipeline(_write(tmp, "iuran_rusak.xlsx", bytes(content)), "iuran")


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(ODD_CELL, st.integers(-(10**15), 10**15), st.floats(allow_nan=False), st.none(), st.booleans()),
            max_size=6,
        ),
        max_size=6,
    )
)
def test_fuzz_xlsx_random_content(rows, tmp_path_factory):
    _count_case()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    import openpyxl.utils.exceptions as oe

    clean = [
        [("x" if isinstance(v, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in v) else v) for v in r]
        for r in rows
    ]
    try:
        content = _xlsx_bytes([["periode", "no_kpj", "nominal"], *clean])
    except (oe.IllegalCharacterError, ValueError):
        return
    run_pipeline(_write(tmp, "iuran_acak.xlsx", content), "iuran")


@pytest.fixture(scope="module")
def db_fuzz(base_db, tmp_path_factory) -> Path:
    return copy_db(base_db, tmp_path_factory.mktemp("dbfuzz"))


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(kind=KIND, data=st.data(), dry=st.booleans())
def test_fuzz_full_impor_never_half_written(kind, data, dry, db_fuzz, tmp_path_factory):
    """The whole run_import() on one database: a refused run leaves the bytes identical; a dry run
    too; a real run either adds exactly one import with its rows or nothing."""
    _count_case()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    lines = _small_lines(kind)
    header, rows = lines[0], lines[1:]
    picked = data.draw(st.lists(st.sampled_from(rows), max_size=4)) if rows else []
    extra = [
        ",".join(_csv_cell(data.draw(ODD_CELL)) for _ in header.split(",")) for _ in range(data.draw(st.integers(0, 2)))
    ]
    text = "\n".join([header, *picked, *extra]) + "\n"
    if data.draw(st.booleans()):
        b = bytearray(text.encode("utf-8", "surrogatepass"))
        if b:
            b[data.draw(st.integers(0, len(b) - 1))] = data.draw(st.integers(0, 255))
        file_bytes = bytes(b)
    else:
        file_bytes = text.encode("utf-8", "surrogatepass")
    f = _write(tmp, f"{kind}_fuzz.csv", file_bytes)
    sha_db = sha_file(db_fuzz)
    with db.read(db_fuzz) as con:
        n_impor = con.execute("SELECT count(*) FROM impor").fetchone()[0]
    try:
        report = ingest.run_import(db_fuzz, [f], key=TEST_KEY, dry_run=dry, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
    except ingest.IngestError:
        assert sha_file(db_fuzz) == sha_db, "a refused import changed the database"
        return
    if dry or report.files[0].duplicate_of:
        assert sha_file(db_fuzz) == sha_db
        return
    with db.read(db_fuzz) as con:
        assert con.execute("SELECT count(*) FROM impor").fetchone()[0] == n_impor + 1
        assert (
            con.execute(f"SELECT count(*) FROM {kind} WHERE impor_id = ?", [report.files[0].impor_id]).fetchone()[0]
            == report.files[0].rows_loaded
        )
        assert (
            con.execute(
                "SELECT count(*) FROM karantina WHERE impor_id = ? AND (alasan IS NULL OR alasan = '')",
                [report.files[0].impor_id],
            ).fetchone()[0]
            == 0
        )


def test_fuzz_case_count():
    """Runs after the fuzz tests (file order): at least 1,000 generated cases."""
    if len(FUZZ_COUNT["tests"]) < N_FUZZ_TESTS:
        pytest.skip("not every fuzz test was selected in this session")
    assert FUZZ_COUNT["cases"] >= 1000, FUZZ_COUNT
    print(f"\nfuzz cases: {FUZZ_COUNT['cases']}")


# ------------------------------------------------------------------ (d) hostile files


def _replace_sheet(xlsx: bytes, transform) -> bytes:
    z = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for it in z.infolist():
            d = z.read(it.filename)
            if it.filename == "xl/worksheets/sheet1.xml":
                d = transform(d.decode("utf-8")).encode("utf-8")
            zo.writestr(it.filename, d)
    return out.getvalue()


def _zip_bomb(xlsx: bytes) -> bytes:
    """~1.2 GB of sheet XML that compresses to ~1.2 MB (written in streamed chunks)."""
    z = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zo:
        for it in z.infolist():
            if it.filename != "xl/worksheets/sheet1.xml":
                zo.writestr(it.filename, z.read(it.filename))
                continue
            original = z.read(it.filename).decode()
            head, tail = original.split("</sheetData>")
            with zo.open(it.filename, "w", force_zip64=True) as w:
                w.write(head.encode())
                block = b'<row><c t="inlineStr"><is><t>' + b"A" * (1 << 20) + b"</t></is></c></row>"
                for _ in range(1200):
                    w.write(block)
                w.write(("</sheetData>" + tail).encode())
    return out.getvalue()


def _dry_import(path: Path, kind: str = "iuran", **kw):
    try:
        return ingest.run_import(path.parent / "hostile.duckdb", [path], key=TEST_KEY, kind=kind, dry_run=True, **kw)
    except ingest.IngestError as e:
        return e


def _bounded(fn, seconds: float = 30):
    """Run fn; fail if it takes longer than `seconds` or grows resident memory by more than 1.5 GB."""
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t0
    added_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_start) / 1024
    assert elapsed < seconds, f"{elapsed:.1f} s"
    assert added_mb < 1536, f"{added_mb:.0f} MB"
    return result


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("iuran_kosong.csv", b"", "kosong"),
        ("iuran_kosong.xlsx", b"", "XLSX"),
        ("iuran_spasi.csv", b"\n\n  \n", "kosong"),
        ("iuran_biner.csv", bytes(range(256)) * 40, "biner"),
        ("iuran_biner.xlsx", bytes(range(256)) * 40, "XLSX"),
        ("iuran_png.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "biner"),
        ("iuran_zip.csv", b"PK\x03\x04" + b"\x00" * 100, "biner"),
        ("iuran_latin1.csv", "periode,no_kpj,nominal\n2026-01,Añé,16800\n".encode("latin-1"), "UTF-8"),
        ("iuran_utf16.csv", "periode,no_kpj,nominal\n2026-01,A1,16800\n".encode("utf-16"), "biner"),
        ("iuran_pdf.xlsx", b"%PDF-1.4\n" + b"x" * 500, "XLSX"),
    ],
)
def test_hostile_file_refused_clearly(tmp_path, name, content, expected):
    p = tmp_path / name
    p.write_bytes(content)
    result = _bounded(lambda: _dry_import(p))
    assert isinstance(result, ingest.IngestError), result
    assert expected in str(result) and name in str(result)


def test_xlsx_truncated(tmp_path, xlsx_valid):
    for cut in (10, len(xlsx_valid) // 3, len(xlsx_valid) // 2, len(xlsx_valid) - 22, len(xlsx_valid) - 1):
        p = tmp_path / "iuran_potong.xlsx"
        p.write_bytes(xlsx_valid[:cut])
        assert isinstance(_bounded(lambda p=p: _dry_import(p)), ingest.IngestError)


def test_xlsx_far_cell_does_not_kill_process(tmp_path, xlsx_valid):
    """One cell at XFD1048576 in a 6 KB file: calamine would allocate ~512 GB and abort the
    process (found by this module, guarded in ingest.readers.check_xlsx). Checked in a subprocess so a
    regression shows as a failed test, not a dead test run."""
    content = _replace_sheet(
        xlsx_valid,
        lambda s: s.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
    )
    p = tmp_path / "iuran_jauh.xlsx"
    p.write_bytes(content)
    code = (
        "import sys; sys.path.insert(0, 'tests'); from conftest import TEST_KEY; from pathlib import Path;"
        "from ucj_oversight import ingest\n"
        f"try:\n ingest.run_import(Path({str(tmp_path / 'h.duckdb')!r}), [Path({str(p)!r})], key=TEST_KEY,"
        " dry_run=True)\n"
        "except ingest.IngestError as e: print('REFUSED', e)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-500:]
    assert "REFUSED" in r.stdout and "sel" in r.stdout


def test_xlsx_zip_bomb(tmp_path, xlsx_valid):
    content = _zip_bomb(xlsx_valid)
    assert len(content) < 5 * 2**20
    p = tmp_path / "iuran_bom.xlsx"
    p.write_bytes(content)
    result = _bounded(lambda: _dry_import(p), seconds=20)
    assert isinstance(result, ingest.IngestError) and "MB" in str(result)


def test_xlsx_many_rows_in_small_file(tmp_path, xlsx_valid):
    """200k real rows compressed into ~2.5 MB: within the limits, so it loads in bounded time."""
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>2026-01</t></is></c>'
        f'<c r="B{i}" t="inlineStr"><is><t>B{i}</t></is></c><c r="C{i}"><v>16800</v></c></row>'
        for i in range(4, 100_004)
    )
    p = tmp_path / "iuran_padat.xlsx"
    p.write_bytes(_replace_sheet(xlsx_valid, lambda s: s.replace("</sheetData>", rows + "</sheetData>")))
    result = _bounded(lambda: _dry_import(p), seconds=30)
    assert isinstance(result, ingest.ImportReport) and result.rows_loaded == 100_001
    result = _dry_import(p, max_rows=50_000)
    assert isinstance(result, ingest.IngestError) and "batas" in str(result)


def test_formulas_stored_as_text_not_evaluated(tmp_path):
    csv_ = tmp_path / "iuran_rumus.csv"
    csv_.write_text(
        'periode,no_kpj,nominal\n2026-01,=1+1,16800\n2026-01,"=HYPERLINK(""http://x"",""y"")",16800\n'
        "=DATE(2026;1;1),A1,16800\n2026-01,A3,=8400*2\n",
        encoding="utf-8",
    )
    xl = tmp_path / "iuran_rumus.xlsx"
    xl.write_bytes(
        _xlsx_bytes([["periode", "no_kpj", "nominal"], ["2026-01", "=1+1", 16800], ["2026-01", "A5", "=8400*2"]])
    )
    work_db = tmp_path / "rumus.duckdb"
    ingest.run_import(work_db, [csv_, xl], key=TEST_KEY)
    with db.read(work_db) as con:
        kpj = sorted(r[0] for r in con.execute("SELECT no_kpj FROM iuran").fetchall())
        quarantined = con.execute("SELECT kolom, nilai FROM karantina ORDER BY kolom").fetchall()
    # The formula text is the value (a no_kpj is text); nothing was computed to 2 or 16800.
    assert "=1+1" in kpj and '=HYPERLINK("HTTP://X","Y")' in kpj and "2" not in kpj  # codes are upper-cased
    assert ("nominal", "=8400*2") in quarantined and ("periode", "=DATE(2026;1;1)") in quarantined
    assert "A5" not in kpj and "A3" not in kpj


def test_5000_columns_and_10mb_cell(tmp_path):
    wide = tmp_path / "iuran_lebar.csv"
    columns = ["periode", "no_kpj", "nominal"] + [f"x{i}" for i in range(4997)]
    wide.write_text(",".join(columns) + "\n" + ",".join(["2026-01", "A1", "16800"] + ["1"] * 4997) + "\n")
    result = _bounded(lambda: _dry_import(wide, max_columns=200), seconds=30)
    assert isinstance(result, ingest.IngestError) and "5000 kolom" in str(result)
    result = _bounded(lambda: _dry_import(wide), seconds=30)  # without a limit it still ends cleanly
    assert isinstance(result, ingest.ImportReport) and result.rows_loaded == 1

    big = tmp_path / "iuran_sel_besar.csv"
    big.write_text("periode,no_kpj,nominal\n2026-01,A1," + "9" * 10_000_000 + "\n2026-01,A2,16800\n")
    result = _bounded(lambda: _dry_import(big), seconds=30)
    assert isinstance(result, (ingest.ImportReport, ingest.IngestError))
    if isinstance(result, ingest.ImportReport):
        assert result.rows_loaded == 1 and result.rows_quarantined == 1

    long_line = tmp_path / "iuran_baris_panjang.csv"
    long_line.write_text("periode,no_kpj,nominal\n" + ",".join(["1"] * 200_000) + "\n2026-01,A2,16800\n")
    result = _bounded(lambda: _dry_import(long_line), seconds=30)
    assert isinstance(result, ingest.ImportReport)
    assert result.rows_loaded == 1 and result.rows_quarantined == 1
    assert any("jumlah kolom" in a for a in result.files[0].reasons)


def test_hostile_file_in_real_import_leaves_db_unchanged(base_db, tmp_path, xlsx_valid):
    """A good file followed by a hostile one in the same run: all or nothing."""
    work_db = copy_db(base_db, tmp_path / "db")
    sha = sha_file(work_db)
    good = tmp_path / "iuran_baik.csv"
    good.write_text("periode,no_kpj,nominal\n2026-03,A1,16800\n")
    for bad_name, bad_content in [
        ("iuran_z.xlsx", xlsx_valid[:100]),
        ("iuran_z.csv", b"\x00\x01" * 50),
        ("iuran_z2.csv", b""),
    ]:
        bad = tmp_path / bad_name
        bad.write_bytes(bad_content)
        with pytest.raises(ingest.IngestError):
            ingest.run_import(work_db, [good, bad], key=TEST_KEY)
        assert sha_file(work_db) == sha
    assert not [q for q in work_db.parent.iterdir() if q.name.endswith(".tmp")]


# ------------------------------------------------------------------ (e) injection strings

INJECTIONS = [
    "'; DROP TABLE reg; --",
    "32.75.08' OR '1'='1",
    "$(rm -rf /)",
    "<script>alert(1)</script>",
    "2026-10'; DELETE FROM impor; --",
    'PKL" OR ""="',
    "../../../../etc/passwd",
    "%27%20OR%201=1--",
    "\x00",
    "1; ATTACH '/tmp/x.db' AS x",
    "${jndi:ldap://x}",
    "{{7*7}}",
]
URL_PARAMS = ["as_of", "kecamatan", "segmen", "lang", "view", "embed"]


def test_injection_straight_into_figure_functions(base_db, tmp_path):
    work_db = copy_db(base_db, tmp_path / "db")
    sha = sha_file(work_db)
    functions = [
        figures.cakupan_kecamatan,
        figures.cakupan_kelurahan,
        figures.cakupan_segmen,
        figures.tren_peserta,
        figures.klaim_program,
        figures.rekonsiliasi_iuran,
        figures.temuan,
        figures.ringkasan,
        figures.klaim_bulanan,
        figures.klaim_kecamatan,
        figures.klaim_layanan,
    ]
    with db.read(work_db) as con:
        baseline = {f.__name__: repr(f(con, ASOF)) for f in functions}
        for s in INJECTIONS:
            with pytest.raises(InputError):
                AsOf.from_text(s)
            with pytest.raises(InputError):
                Filter.parse(kecamatan=s)
            parsed = Filter.parse(segmen=s)  # folded to [A-Z0-9_]; no quote survives
            assert parsed.segmen is None or all(c.isalnum() or c == "_" for c in parsed.segmen)
            # Even unvalidated text, handed straight to the figures, is only a bound parameter:
            # it matches nothing, nothing runs.
            for flt in (parsed, Filter(kecamatan=s), Filter(kecamatan=s, segmen=s)):
                for f in functions:
                    f(con, ASOF, flt)
            with pytest.raises(InputError):
                figures.temuan_rincian(con, ASOF, s, Filter(kecamatan=s, segmen=s))
            figures.temuan_rincian(con, ASOF, "NIK_GANDA_AKTIF", Filter(kecamatan=s, segmen=s))
        # The unfiltered figures are unchanged, the tables are all there.
        assert {f.__name__: repr(f(con, ASOF)) for f in functions} == baseline
    assert sha_file(work_db) == sha


@pytest.fixture
def open_app(base_db, test_users_file, monkeypatch, tmp_path):
    monkeypatch.setenv("UCJ_DB", str(base_db))
    monkeypatch.setenv("UCJ_USERS", str(test_users_file))
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))
    from streamlit.testing.v1 import AppTest

    def _open(page: str, params: dict, log_in: bool = True):
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if log_in:
            log_in_apptest(at)
        if page != "ringkasan":
            at.switch_page(f"pages/{page}.py")
            at.run()
        return at

    return _open


@pytest.mark.parametrize("i", range(0, len(INJECTIONS), 2))
def test_injection_in_every_url_parameter_apptest(open_app, base_db, i):
    """Each injection string in every URL parameter at once (two strings per run, alternating),
    on a page: no exception, a warning per bad value, the default view, the database unchanged."""
    sha = sha_file(base_db)
    params = {p: INJECTIONS[i + (j % 2)] for j, p in enumerate(URL_PARAMS)}
    page = ["ringkasan", "cakupan", "klaim", "anggaran", "temuan", "metodologi"][i // 2 % 6]
    at = open_app(page, params)
    assert not at.exception, [e.value for e in at.exception]
    warnings = " ".join(w.value for w in at.warning)
    for p in ("as_of", "kecamatan", "lang"):
        assert p in warnings, (p, warnings)
    # Fell back to defaults: no raw injection text reached the filters.
    f = at.session_state["_filter"]
    assert f["kecamatan"] == "" and f["lang"] == "id" and f["segmen"] == ""
    assert f["as_of"] == "2026-03"
    assert sha_file(base_db) == sha


def test_injection_in_one_parameter_at_a_time(open_app, base_db):
    """The first string alone in each parameter (the others valid), on Ringkasan."""
    sha = sha_file(base_db)
    for p in URL_PARAMS:
        at = open_app("ringkasan", {p: INJECTIONS[1]})
        assert not at.exception, (p, [e.value for e in at.exception])
        if p in ("as_of", "kecamatan", "lang", "view"):
            assert any(p in w.value for w in at.warning), (p, [w.value for w in at.warning])
    assert sha_file(base_db) == sha


def test_injection_public_without_log_in(open_app, base_db, monkeypatch):
    monkeypatch.setenv("UCJ_MODE", "publik")
    sha = sha_file(base_db)
    at = open_app("cakupan", {p: INJECTIONS[0] for p in URL_PARAMS} | {"embed": "true"}, log_in=False)
    assert not at.exception, [e.value for e in at.exception]
    assert sha_file(base_db) == sha


# ------------------------------------------------------------------ (f) downloads safe for Excel


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_excel_safe_neutralises(prefix):
    df = pd.DataFrame(
        {
            "teks": [prefix + 'HYPERLINK("http://x")', "biasa", None],
            "angka": [-5, 3, 0],
            "desimal": [-1.5, 2.0, float("nan")],
        }
    )
    out = widgets.excel_safe(df)
    assert out["teks"][0] == "'" + df["teks"][0]
    assert out["teks"][1] == "biasa" and pd.isna(out["teks"][2])
    # Numbers stay numbers, including negatives.
    assert list(out["angka"]) == [-5, 3, 0] and out["angka"].dtype == df["angka"].dtype
    assert out["desimal"][0] == -1.5
    assert df["teks"][0].startswith(prefix)  # the input frame is not modified
    # Both download formats carry the neutralised text.
    assert ("'" + prefix) in out.to_csv(index=False)
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(widgets._xlsx(out)))
    cell = wb.active["A2"]
    assert cell.data_type == "s" and str(cell.value).startswith("'")


def test_excel_safe_string_dtype_column():
    df = pd.DataFrame({"a": pd.array(["=1+1", "@x", "ok"], dtype="string")})
    assert list(widgets.excel_safe(df)["a"]) == ["'=1+1", "'@x", "ok"]
