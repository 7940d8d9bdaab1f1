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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import KECIL, KUNCI_UJI, masuk_apptest
from ucj_oversight.storage import backup, db
from ucj_oversight.ingest import contract
from ucj_oversight.publish import export
from ucj_oversight import figures, ingest
from ucj_oversight.web import page
from ucj_oversight.figures import AsOf, InputError, Filter

AKAR = Path(__file__).resolve().parent.parent
APP = AKAR / "app.py"
ASOF = AsOf.from_text("2026-03")
SEED = int(os.environ.get("UCJ_UJI_SEED", "20261124"))
N_PERCOBAAN_CRASH = 20
N_BARIS_BESAR = 300_000


# ------------------------------------------------------------------ helpers

def sha_file(p: Path) -> str:
    return hashlib.sha256(Path(p).read_bytes()).hexdigest()


def snapshot(path: Path) -> dict:
    """What a reader sees: the five export tables plus the import log and row counts."""
    with db.read(path) as con:
        tabel = export.export_tables(con, ASOF)
        hasil = {n: df.to_csv(index=False) for n, df in tabel.items()}
        hasil["impor"] = con.execute("SELECT impor_id, nama_file, sha256, baris_dimuat FROM impor "
                                     "ORDER BY impor_id").fetchall()
        hasil["iuran"] = con.execute("SELECT count(*), sum(nominal) FROM iuran").fetchone()
    return hasil


def ringkas_iuran(path: Path) -> tuple:
    """A cheap snapshot for the reader loop: imports, iuran rows and the export's billing table."""
    with db.read(path) as con:
        n_impor = con.execute("SELECT count(*) FROM impor").fetchone()[0]
        iuran = con.execute("SELECT count(*), sum(nominal) FROM iuran").fetchone()
        rekon = figures.rekonsiliasi_iuran(con, AsOf.from_text("2026-12")).to_csv(index=False)
    return (n_impor, iuran, rekon)


def env_sub() -> dict:
    env = dict(os.environ)
    env["UCJ_NIK_KEY"] = "kunci-uji"       # = KUNCI_UJI (conftest), the key the small DB was built with
    env["PYTHONPATH"] = str(AKAR)
    return env


@pytest.fixture(scope="module")
def db_dasar(tmp_path_factory) -> Path:
    """The small hand-checked database (tests/fixtures/kecil), built once for this module."""
    path = tmp_path_factory.mktemp("dasar") / "kecil.duckdb"
    ingest.run_import(path, [KECIL], kunci=KUNCI_UJI)
    return path


@pytest.fixture(scope="module")
def csv_besar(tmp_path_factory) -> Path:
    """300k iuran rows (~8 MB): an import of it takes a few seconds, long enough to kill."""
    path = tmp_path_factory.mktemp("besar") / "iuran_besar.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write("periode,no_kpj,nominal\n")
        f.writelines(f"2026-{i % 12 + 1:02d},K{i:07d},16800\n" for i in range(N_BARIS_BESAR))
    return path


def salin_db(src: Path, tujuan_dir: Path) -> Path:
    tujuan_dir.mkdir(parents=True, exist_ok=True)
    p = tujuan_dir / "kerja.duckdb"
    shutil.copyfile(src, p)
    return p


def proses_ingest(db_path: Path, *paths: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ucj_oversight", "ingest", "--db", str(db_path),
                             *map(str, paths)], cwd=AKAR, env=env_sub(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# ------------------------------------------------------------------ (a) kill -9 at random moments

def test_impor_dibunuh_kapan_saja_data_lama_utuh(db_dasar, csv_besar, tmp_path):
    """Imports of 300k rows killed with SIGKILL after a seeded random delay (from process start
    to the final rename) until 20 were killed mid-way (a kill that lands after the rename is
    counted apart). After each: the file opens, the export is exactly as before, the
    bytes are identical (or the import had fully landed). Finally a normal import succeeds and
    the stale copies of the killed writers are cleaned up. Budget: ~60 s."""
    kerja = salin_db(db_dasar, tmp_path / "crash")
    sebelum = snapshot(kerja)
    sha_sebelum = sha_file(kerja)

    # How long does a full import take here? Kill delays cover all of it.
    mulai = time.perf_counter()
    acuan = salin_db(db_dasar, tmp_path / "acuan")
    assert proses_ingest(acuan, csv_besar).wait(timeout=120) == 0
    penuh = time.perf_counter() - mulai
    sesudah_penuh = snapshot(acuan)
    assert sesudah_penuh["iuran"][0] == sebelum["iuran"][0] + N_BARIS_BESAR

    rng = random.Random(SEED)
    selamat, sempat_selesai, percobaan = 0, 0, 0
    while selamat < N_PERCOBAAN_CRASH and percobaan < N_PERCOBAAN_CRASH + 8:
        percobaan += 1
        i = percobaan
        tunda = rng.uniform(0.02, penuh * 0.9)
        p = proses_ingest(kerja, csv_besar)
        time.sleep(tunda)
        p.send_signal(signal.SIGKILL)
        rc = p.wait(timeout=60)
        isi = snapshot(kerja)          # opens read-only: the file is a valid database
        if rc == 0 or isi == sesudah_penuh:
            # The import landed (the rename happened) before the kill: then it is there completely.
            assert isi == sesudah_penuh, f"percobaan {i}: impor selesai tetapi isinya lain"
            sempat_selesai += 1
            shutil.copyfile(db_dasar, kerja)   # back to the old state for the next trial
            continue
        assert rc == -signal.SIGKILL, (i, rc)
        assert isi == sebelum, f"percobaan {i} (dibunuh setelah {tunda:.2f} s): angka berubah"
        assert sha_file(kerja) == sha_sebelum, f"percobaan {i}: byte basis data berubah"
        assert not Path(str(kerja) + ".wal").exists()
        selamat += 1
    assert selamat >= N_PERCOBAAN_CRASH, (selamat, sempat_selesai)

    # The next start works: a normal import lands, and leftover copies are removed.
    assert proses_ingest(kerja, csv_besar).wait(timeout=120) == 0
    assert snapshot(kerja) == sesudah_penuh
    sisa = [q.name for q in kerja.parent.iterdir() if q.name.endswith(".tmp")]
    assert sisa == [], sisa
    print(f"\ncrash: {selamat} dibunuh di tengah, {sempat_selesai} sempat selesai, impor penuh {penuh:.1f} s")


# ------------------------------------------------------------------ (b) readers during an import

def test_pembaca_selama_impor_melihat_lama_atau_baru(db_dasar, csv_besar, tmp_path):
    kerja = salin_db(db_dasar, tmp_path / "baca")
    lama = ringkas_iuran(kerja)
    dilihat: list = []
    galat: list = []
    berhenti = threading.Event()

    def pembaca():
        while not berhenti.is_set():
            try:
                dilihat.append(ringkas_iuran(kerja))
            except Exception as e:       # any failure to read is a failure of the test
                galat.append(repr(e))
            time.sleep(0.02)

    t = threading.Thread(target=pembaca, daemon=True)
    t.start()
    p = proses_ingest(kerja, csv_besar)
    assert p.wait(timeout=120) == 0
    time.sleep(0.3)                      # a few reads of the new state too
    berhenti.set()
    t.join(timeout=30)
    baru = ringkas_iuran(kerja)
    assert not galat, galat[:3]
    assert baru != lama
    assert len(dilihat) >= 5
    aneh = [s for s in dilihat if s not in (lama, baru)]
    assert not aneh, f"{len(aneh)} bacaan bukan keadaan lama maupun baru"
    assert dilihat[0] == lama and dilihat[-1] == baru


# ------------------------------------------------------------------ backup / restore

def test_backup_restore_ekspor_sama(db_dasar, tmp_path):
    kerja = salin_db(db_dasar, tmp_path / "db")
    sebelum = snapshot(kerja)
    out, sha, n = backup.backup(kerja, tmp_path / "cadangan" / "ucj.duckdb")
    assert n == 6 and sha == sha_file(out)
    assert Path(str(out) + ".sha256").read_text().split() == [sha, out.name]
    # Restore over a database changed since (an extra import): back to the backed-up figures.
    tambahan = tmp_path / "iuran_tambahan.csv"
    tambahan.write_text("periode,no_kpj,nominal\n2026-03,A1,16800\n2026-03,Z9,16800\n")
    ingest.run_import(kerja, [tambahan], kunci=KUNCI_UJI)
    assert snapshot(kerja) != sebelum
    backup.restore(out, kerja)
    assert snapshot(kerja) == sebelum
    # ... and to a new path (a new server).
    baru = tmp_path / "server_baru" / "ucj.duckdb"
    backup.restore(out, baru)
    assert snapshot(baru) == sebelum
    assert not [q for q in baru.parent.iterdir() if q.name.endswith(".tmp")]


def test_restore_menolak_file_bukan_basis_data(db_dasar, tmp_path):
    kerja = salin_db(db_dasar, tmp_path / "db")
    sha = sha_file(kerja)
    lain = tmp_path / "lain.duckdb"
    import duckdb
    with duckdb.connect(str(lain)) as con:
        con.execute("CREATE TABLE x (a INT)")
    teks = tmp_path / "teks.duckdb"
    teks.write_bytes(b"bukan basis data\n" * 100)
    kosong = tmp_path / "kosong.duckdb"
    kosong.write_bytes(b"")
    for f in (lain, teks, kosong, tmp_path / "tidak_ada.duckdb"):
        with pytest.raises(backup.BackupError):
            backup.restore(f, kerja)
        assert sha_file(kerja) == sha
    # A backup whose bytes no longer match its .sha256 is refused.
    out, _, _ = backup.backup(kerja, tmp_path / "bk.duckdb")
    with open(out, "r+b") as f:
        f.seek(5000)
        f.write(b"\xff" * 16)
    with pytest.raises(backup.BackupError, match="SHA-256"):
        backup.restore(out, kerja)
    assert sha_file(kerja) == sha
    assert not [q for q in kerja.parent.iterdir() if q.name.endswith(".tmp")]


def test_backup_restore_cli(db_dasar, tmp_path):
    kerja = salin_db(db_dasar, tmp_path / "db")
    sebelum = snapshot(kerja)
    jalan = lambda *a: subprocess.run([sys.executable, "-m", "ucj_oversight", *a], cwd=AKAR, env=env_sub(),
                                       capture_output=True, text=True, timeout=60)
    (tmp_path / "bk").mkdir()
    r = jalan("backup", "--db", str(kerja), "--out", str(tmp_path / "bk"))
    assert r.returncode == 0, r.stderr
    file_bk = Path(r.stdout.splitlines()[0])
    assert file_bk.parent == tmp_path / "bk" and Path(str(file_bk) + ".sha256").exists()
    tujuan = tmp_path / "pulih.duckdb"
    r = jalan("restore", "--db", str(tujuan), str(file_bk))
    assert r.returncode == 0, r.stderr
    assert snapshot(tujuan) == sebelum
    (tmp_path / "x.duckdb").write_bytes(b"x" * 10)
    r = jalan("restore", "--db", str(tujuan), str(tmp_path / "x.duckdb"))
    assert r.returncode == 2 and "GAGAL" in r.stderr and "tidak diubah" in r.stderr
    assert snapshot(tujuan) == sebelum


def test_backup_menunggu_impor(db_dasar, csv_besar, tmp_path):
    """A backup taken while an import runs waits for the writer's lock: it holds the old or the
    new state completely, never a mix (here: the new one, the import held the lock first)."""
    kerja = salin_db(db_dasar, tmp_path / "db")
    lama = ringkas_iuran(kerja)
    p = proses_ingest(kerja, csv_besar)
    # Wait until the writer holds the lock (its copy exists), then back up.
    batas = time.monotonic() + 30
    while not list(kerja.parent.glob(".kerja.duckdb.*.tmp")) and time.monotonic() < batas:
        time.sleep(0.01)
    out, _, _ = backup.backup(kerja, tmp_path / "bk.duckdb")
    assert p.wait(timeout=120) == 0
    isi = ringkas_iuran(out)
    assert isi in (lama, ringkas_iuran(kerja))
    assert isi == ringkas_iuran(kerja)


# ------------------------------------------------------------------ (c) property-based fuzzing

HEADER = {
    "iuran": ["periode", "no_kpj", "nominal"],
    "peserta": ["no_kpj", "nik", "nama", "tgl_lahir", "jenis_kelamin", "kecamatan", "kelurahan", "segmen",
                "tgl_mulai", "tgl_akhir", "status"],
    "klaim": None, "sasaran": None, "anggaran": None, "realisasi": None,
}


def _header_kecil(kind: str) -> list[str]:
    with open(KECIL / f"{kind}_kecil.csv", encoding="utf-8") as f:
        return f.readline().strip().split(",")


def _baris_kecil(kind: str) -> list[str]:
    return (KECIL / f"{kind}_kecil.csv").read_text(encoding="utf-8").splitlines()


BATAS_BARIS, BATAS_KOLOM = 10_000, 200


def jalankan_pipa(path: Path, kind: str | None = None) -> str:
    """The ingest steps of one file without the database (read, limits, columns, types) —
    the same calls impor() makes. Returns 'ditolak' / 'dimuat' / 'karantina'."""
    kind = kind or contract.kind_from_filename(path.name)
    try:
        bacaan = ingest.read_file(path)
        if bacaan.data.shape[1] > BATAS_KOLOM or len(bacaan.data) + len(bacaan.karantina) > BATAS_BARIS:
            return "ditolak"
        data = ingest.map_columns(bacaan, contract.KINDS[kind], path.name)
        diterima, karantina = ingest.type_rows(data, contract.KINDS[kind], KUNCI_UJI)
    except ingest.IngestError as e:
        assert str(e).strip()
        return "ditolak"
    # The accepted rows fit the storage table (types, DECIMAL(18,2), INTEGER): inserted and
    # rolled back on an in-memory database with the real schema.
    con = _con_skema()
    tabel = diterima[ingest.TABLE_COLUMNS[kind]].copy()
    tabel.insert(0, "baris", 2)
    tabel.insert(0, "impor_id", 1)
    con.execute("BEGIN TRANSACTION")
    con.register("_muat", tabel)
    try:
        con.execute(f"INSERT INTO {kind} SELECT * FROM _muat")
    finally:
        con.unregister("_muat")
        con.execute("ROLLBACK")
    # Quarantined entries always carry a reason.
    assert karantina["alasan"].map(lambda a: isinstance(a, str) and a.strip() != "").all()
    for r in bacaan.karantina:
        assert r["alasan"]
    assert len(diterima) <= len(data)
    return "dimuat" if len(diterima) else "karantina"


HITUNG = {"kasus": 0, "tes": set()}
TES_FUZZ = 6
_CON: list = []


def _con_skema():
    if not _CON:
        import duckdb
        con = duckdb.connect(":memory:")
        db._jalankan_skrip(con, db.sql_file("schema.sql"))
        _CON.append(con)
    return _CON[0]


def _hitung():
    HITUNG["kasus"] += 1
    HITUNG["tes"].add(sys._getframe(1).f_code.co_name)


def _tulis(tmp: Path, nama: str, isi: bytes) -> Path:
    p = tmp / nama
    p.write_bytes(isi)
    return p


KIND = st.sampled_from(contract.KIND_NAMES)
SEL_ANEH = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "NULL", "NaN", "inf", "-1", "1e308", "99999999999999999999999", "0x1F",
                     "2026-13", "2026-02-30", "31/12/2026", "12/31/2026", "=1+1", "=HYPERLINK(\"http://x\")",
                     "+1", "-1", "@SUM(A1)", "\t=1", "'; DROP TABLE iuran; --", "Rp 16.800", "16.800,00",
                     "16,800.00", "3275080101900001", "32.75.08", "Pondok Gede", "\u202e", "\x00", "\"", "\"\"",
                     "a\nb", "a\rb", "😀", "ё", "\ufeff"]),
    st.integers(min_value=-2**70, max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


def _csv_sel(v: str) -> str:
    if any(c in v for c in ',;"\n\r'):
        return '"' + v.replace('"', '""') + '"'
    return v


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(kind=KIND, data=st.data())
def test_fuzz_korupsi_ekstrak_valid(kind, data, tmp_path_factory):
    """Valid small extracts with random byte-level corruption: flip, delete, insert, truncate, duplicate."""
    _hitung()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    isi = bytearray((KECIL / f"{kind}_kecil.csv").read_bytes())
    for _ in range(data.draw(st.integers(1, 6), label="n_ubah")):
        op = data.draw(st.sampled_from(["flip", "hapus", "sisip", "potong", "ganda", "sisip_teks"]))
        pos = data.draw(st.integers(0, max(len(isi) - 1, 0)))
        if op == "flip" and isi:
            isi[pos] = data.draw(st.integers(0, 255))
        elif op == "hapus" and isi:
            del isi[pos:pos + data.draw(st.integers(1, 40))]
        elif op == "sisip":
            isi[pos:pos] = data.draw(st.binary(min_size=1, max_size=20))
        elif op == "potong":
            del isi[pos:]
        elif op == "ganda":
            isi += isi[pos:pos + 200]
        elif op == "sisip_teks":
            isi[pos:pos] = data.draw(SEL_ANEH).encode("utf-8", "surrogatepass")
    jalankan_pipa(_tulis(tmp, f"{kind}_fuzz.csv", bytes(isi)), kind)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(kind=KIND, data=st.data())
def test_fuzz_nilai_salah_tipe(kind, data, tmp_path_factory):
    """The right header, rows of random (wrongly typed, formula, huge, unicode) cells, ragged rows."""
    _hitung()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    header = _header_kecil(kind)
    pemisah = data.draw(st.sampled_from([",", ";"]))
    n = data.draw(st.integers(0, 8))
    baris = [pemisah.join(header)]
    for _ in range(n):
        lebar = data.draw(st.sampled_from([len(header), len(header), len(header) - 1, len(header) + 3, 1]))
        sel = [_csv_sel(data.draw(SEL_ANEH)) for _ in range(max(lebar, 0))]
        baris.append(pemisah.join(sel))
    akhir = data.draw(st.sampled_from(["\n", "\r\n", "\r"]))
    teks = akhir.join(baris) + data.draw(st.sampled_from(["", akhir, akhir * 3]))
    enc = data.draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"]))
    isi = teks.encode(enc, errors="replace") if enc != "utf-8" else teks.encode("utf-8", "surrogatepass")
    jalankan_pipa(_tulis(tmp, f"{kind}_fuzz.csv", isi), kind)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(isi=st.binary(max_size=2000), ext=st.sampled_from([".csv", ".xlsx", ".parquet"]), kind=KIND)
def test_fuzz_biner_dengan_nama_ekstrak(isi, ext, kind, tmp_path_factory):
    _hitung()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    jalankan_pipa(_tulis(tmp, f"{kind}_biner{ext}", isi), kind)


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
def test_fuzz_xlsx_terpotong_dan_rusak(data, xlsx_valid, tmp_path_factory):
    _hitung()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    isi = bytearray(xlsx_valid)
    op = data.draw(st.sampled_from(["potong", "flip", "flip", "sisip"]))
    pos = data.draw(st.integers(0, len(isi) - 1))
    if op == "potong":
        del isi[pos:]
    elif op == "flip":
        for _ in range(data.draw(st.integers(1, 10))):
            isi[data.draw(st.integers(0, len(isi) - 1))] = data.draw(st.integers(0, 255))
    else:
        isi[pos:pos] = data.draw(st.binary(min_size=1, max_size=50))
    jalankan_pipa(_tulis(tmp, "iuran_rusak.xlsx", bytes(isi)), "iuran")


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(rows=st.lists(st.lists(st.one_of(SEL_ANEH, st.integers(-10**15, 10**15), st.floats(allow_nan=False),
                                        st.none(), st.booleans()), max_size=6), max_size=6))
def test_fuzz_xlsx_isi_acak(rows, tmp_path_factory):
    _hitung()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    import openpyxl.utils.exceptions as oe
    bersih = [[("x" if isinstance(v, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in v) else v)
               for v in r] for r in rows]
    try:
        isi = _xlsx_bytes([["periode", "no_kpj", "nominal"], *bersih])
    except (oe.IllegalCharacterError, ValueError):
        return
    jalankan_pipa(_tulis(tmp, "iuran_acak.xlsx", isi), "iuran")


@pytest.fixture(scope="module")
def db_fuzz(db_dasar, tmp_path_factory) -> Path:
    return salin_db(db_dasar, tmp_path_factory.mktemp("dbfuzz"))


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(kind=KIND, data=st.data(), dry=st.booleans())
def test_fuzz_impor_penuh_db_tidak_setengah(kind, data, dry, db_fuzz, tmp_path_factory):
    """The whole impor() on one database: a refused run leaves the bytes identical; a dry run
    too; a real run either adds exactly one import with its rows or nothing."""
    _hitung()
    tmp = tmp_path_factory.mktemp("fz", numbered=True)
    baris = _baris_kecil(kind)
    header, isi = baris[0], baris[1:]
    pilih = data.draw(st.lists(st.sampled_from(isi), max_size=4)) if isi else []
    ekstra = [",".join(_csv_sel(data.draw(SEL_ANEH)) for _ in header.split(","))
              for _ in range(data.draw(st.integers(0, 2)))]
    teks = "\n".join([header, *pilih, *ekstra]) + "\n"
    if data.draw(st.booleans()):
        b = bytearray(teks.encode("utf-8", "surrogatepass"))
        if b:
            b[data.draw(st.integers(0, len(b) - 1))] = data.draw(st.integers(0, 255))
        isi_file = bytes(b)
    else:
        isi_file = teks.encode("utf-8", "surrogatepass")
    f = _tulis(tmp, f"{kind}_fuzz.csv", isi_file)
    sha_db = sha_file(db_fuzz)
    with db.read(db_fuzz) as con:
        n_impor = con.execute("SELECT count(*) FROM impor").fetchone()[0]
    try:
        lap = ingest.run_import(db_fuzz, [f], kunci=KUNCI_UJI, dry_run=dry, batas_baris=BATAS_BARIS,
                           batas_kolom=BATAS_KOLOM)
    except ingest.IngestError:
        assert sha_file(db_fuzz) == sha_db, "impor yang ditolak mengubah basis data"
        return
    if dry or lap.files[0].sudah_ada:
        assert sha_file(db_fuzz) == sha_db
        return
    with db.read(db_fuzz) as con:
        assert con.execute("SELECT count(*) FROM impor").fetchone()[0] == n_impor + 1
        assert con.execute(f"SELECT count(*) FROM {kind} WHERE impor_id = ?",
                           [lap.files[0].impor_id]).fetchone()[0] == lap.files[0].baris_dimuat
        assert con.execute("SELECT count(*) FROM karantina WHERE impor_id = ? AND (alasan IS NULL OR alasan = '')",
                           [lap.files[0].impor_id]).fetchone()[0] == 0


def test_jumlah_kasus_fuzz():
    """Runs after the fuzz tests (file order): at least 1,000 generated cases."""
    if len(HITUNG["tes"]) < TES_FUZZ:
        pytest.skip("tidak semua tes fuzz dipilih dalam sesi ini")
    assert HITUNG["kasus"] >= 1000, HITUNG
    print(f"\nkasus fuzz: {HITUNG['kasus']}")


# ------------------------------------------------------------------ (d) hostile files

def _ganti_sheet(xlsx: bytes, fungsi) -> bytes:
    z = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for it in z.infolist():
            d = z.read(it.filename)
            if it.filename == "xl/worksheets/sheet1.xml":
                d = fungsi(d.decode("utf-8")).encode("utf-8")
            zo.writestr(it.filename, d)
    return out.getvalue()


def _bom_zip(xlsx: bytes) -> bytes:
    """~1.2 GB of sheet XML that compresses to ~1.2 MB (written in streamed chunks)."""
    z = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zo:
        for it in z.infolist():
            if it.filename != "xl/worksheets/sheet1.xml":
                zo.writestr(it.filename, z.read(it.filename))
                continue
            asli = z.read(it.filename).decode()
            kepala, ekor = asli.split("</sheetData>")
            with zo.open(it.filename, "w", force_zip64=True) as w:
                w.write(kepala.encode())
                blok = b"<row><c t=\"inlineStr\"><is><t>" + b"A" * (1 << 20) + b"</t></is></c></row>"
                for _ in range(1200):
                    w.write(blok)
                w.write(("</sheetData>" + ekor).encode())
    return out.getvalue()


def _hasil(path: Path, kind: str = "iuran", **kw):
    try:
        return ingest.run_import(path.parent / "hostile.duckdb", [path], kunci=KUNCI_UJI, jenis=kind,
                            dry_run=True, **kw)
    except ingest.IngestError as e:
        return e


def _dibatasi(fn, detik: float = 30):
    """Run fn; fail if it takes longer than `detik` or grows resident memory by more than 1.5 GB."""
    awal = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    hasil = fn()
    lama = time.perf_counter() - t0
    tambah_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - awal) / 1024
    assert lama < detik, f"{lama:.1f} s"
    assert tambah_mb < 1536, f"{tambah_mb:.0f} MB"
    return hasil


@pytest.mark.parametrize("nama, isi, harap", [
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
])
def test_file_bermusuhan_ditolak_jelas(tmp_path, nama, isi, harap):
    p = tmp_path / nama
    p.write_bytes(isi)
    hasil = _dibatasi(lambda: _hasil(p))
    assert isinstance(hasil, ingest.IngestError), hasil
    assert harap in str(hasil) and nama in str(hasil)


def test_xlsx_terpotong(tmp_path, xlsx_valid):
    for potong in (10, len(xlsx_valid) // 3, len(xlsx_valid) // 2, len(xlsx_valid) - 22, len(xlsx_valid) - 1):
        p = tmp_path / "iuran_potong.xlsx"
        p.write_bytes(xlsx_valid[:potong])
        assert isinstance(_dibatasi(lambda: _hasil(p)), ingest.IngestError)


def test_xlsx_sel_jauh_tidak_membunuh_proses(tmp_path, xlsx_valid):
    """One cell at XFD1048576 in a 6 KB file: calamine would allocate ~512 GB and abort the
    process (found by this module, guarded in ingest._cek_xlsx). Checked in a subprocess so a
    regression shows as a failed test, not a dead test run."""
    isi = _ganti_sheet(xlsx_valid, lambda s: s.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))
    p = tmp_path / "iuran_jauh.xlsx"
    p.write_bytes(isi)
    kode = ("import sys; sys.path.insert(0, 'tests'); from conftest import KUNCI_UJI; from pathlib import Path;"
            "from ucj_oversight import ingest\n"
            f"try:\n ingest.run_import(Path({str(tmp_path / 'h.duckdb')!r}), [Path({str(p)!r})], kunci=KUNCI_UJI, dry_run=True)\n"
            "except ingest.IngestError as e: print('DITOLAK', e)\n")
    r = subprocess.run([sys.executable, "-c", kode], cwd=AKAR, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-500:]
    assert "DITOLAK" in r.stdout and "sel" in r.stdout


def test_xlsx_bom_zip(tmp_path, xlsx_valid):
    isi = _bom_zip(xlsx_valid)
    assert len(isi) < 5 * 2**20
    p = tmp_path / "iuran_bom.xlsx"
    p.write_bytes(isi)
    hasil = _dibatasi(lambda: _hasil(p), detik=20)
    assert isinstance(hasil, ingest.IngestError) and "MB" in str(hasil)


def test_xlsx_banyak_baris_dalam_file_kecil(tmp_path, xlsx_valid):
    """200k real rows compressed into ~2.5 MB: within the limits, so it loads in bounded time."""
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>2026-01</t></is></c>'
                   f'<c r="B{i}" t="inlineStr"><is><t>B{i}</t></is></c><c r="C{i}"><v>16800</v></c></row>'
                   for i in range(4, 100_004))
    p = tmp_path / "iuran_padat.xlsx"
    p.write_bytes(_ganti_sheet(xlsx_valid, lambda s: s.replace("</sheetData>", rows + "</sheetData>")))
    hasil = _dibatasi(lambda: _hasil(p), detik=30)
    assert isinstance(hasil, ingest.ImportReport) and hasil.baris_dimuat == 100_001
    hasil = _hasil(p, batas_baris=50_000)
    assert isinstance(hasil, ingest.IngestError) and "batas" in str(hasil)


def test_rumus_disimpan_sebagai_teks_tidak_dievaluasi(tmp_path):
    csv_ = tmp_path / "iuran_rumus.csv"
    csv_.write_text('periode,no_kpj,nominal\n2026-01,=1+1,16800\n2026-01,"=HYPERLINK(""http://x"",""y"")",16800\n'
                    '=DATE(2026;1;1),A1,16800\n2026-01,A3,=8400*2\n', encoding="utf-8")
    xl = tmp_path / "iuran_rumus.xlsx"
    xl.write_bytes(_xlsx_bytes([["periode", "no_kpj", "nominal"], ["2026-01", "=1+1", 16800],
                                ["2026-01", "A5", "=8400*2"]]))
    kerja = tmp_path / "rumus.duckdb"
    ingest.run_import(kerja, [csv_, xl], kunci=KUNCI_UJI)
    with db.read(kerja) as con:
        kpj = sorted(r[0] for r in con.execute("SELECT no_kpj FROM iuran").fetchall())
        alasan = con.execute("SELECT kolom, nilai FROM karantina ORDER BY kolom").fetchall()
    # The formula text is the value (a no_kpj is text); nothing was computed to 2 or 16800.
    assert "=1+1" in kpj and '=HYPERLINK("HTTP://X","Y")' in kpj and "2" not in kpj   # codes are upper-cased
    assert ("nominal", "=8400*2") in alasan and ("periode", "=DATE(2026;1;1)") in alasan
    assert "A5" not in kpj and "A3" not in kpj


def test_5000_kolom_dan_sel_10mb(tmp_path):
    lebar = tmp_path / "iuran_lebar.csv"
    kolom = ["periode", "no_kpj", "nominal"] + [f"x{i}" for i in range(4997)]
    lebar.write_text(",".join(kolom) + "\n" + ",".join(["2026-01", "A1", "16800"] + ["1"] * 4997) + "\n")
    hasil = _dibatasi(lambda: _hasil(lebar, batas_kolom=200), detik=30)
    assert isinstance(hasil, ingest.IngestError) and "5000 kolom" in str(hasil)
    hasil = _dibatasi(lambda: _hasil(lebar), detik=30)     # without a limit it still ends cleanly
    assert isinstance(hasil, ingest.ImportReport) and hasil.baris_dimuat == 1

    besar = tmp_path / "iuran_sel_besar.csv"
    besar.write_text("periode,no_kpj,nominal\n2026-01,A1," + "9" * 10_000_000 + "\n2026-01,A2,16800\n")
    hasil = _dibatasi(lambda: _hasil(besar), detik=30)
    assert isinstance(hasil, (ingest.ImportReport, ingest.IngestError))
    if isinstance(hasil, ingest.ImportReport):
        assert hasil.baris_dimuat == 1 and hasil.baris_dikarantina == 1

    panjang = tmp_path / "iuran_baris_panjang.csv"
    panjang.write_text("periode,no_kpj,nominal\n" + ",".join(["1"] * 200_000) + "\n2026-01,A2,16800\n")
    hasil = _dibatasi(lambda: _hasil(panjang), detik=30)
    assert isinstance(hasil, ingest.ImportReport)
    assert hasil.baris_dimuat == 1 and hasil.baris_dikarantina == 1
    assert any("jumlah kolom" in a for a in hasil.files[0].alasan)


def test_file_bermusuhan_dalam_impor_nyata_tidak_mengubah_db(db_dasar, tmp_path, xlsx_valid):
    """A good file followed by a hostile one in the same run: all or nothing."""
    kerja = salin_db(db_dasar, tmp_path / "db")
    sha = sha_file(kerja)
    baik = tmp_path / "iuran_baik.csv"
    baik.write_text("periode,no_kpj,nominal\n2026-03,A1,16800\n")
    for buruk_nama, buruk_isi in [("iuran_z.xlsx", xlsx_valid[:100]), ("iuran_z.csv", b"\x00\x01" * 50),
                                  ("iuran_z2.csv", b"")]:
        buruk = tmp_path / buruk_nama
        buruk.write_bytes(buruk_isi)
        with pytest.raises(ingest.IngestError):
            ingest.run_import(kerja, [baik, buruk], kunci=KUNCI_UJI)
        assert sha_file(kerja) == sha
    assert not [q for q in kerja.parent.iterdir() if q.name.endswith(".tmp")]


# ------------------------------------------------------------------ (e) injection strings

SUNTIK = [
    "'; DROP TABLE reg; --",
    "32.75.08' OR '1'='1",
    "$(rm -rf /)",
    "<script>alert(1)</script>",
    "2026-10'; DELETE FROM impor; --",
    "PKL\" OR \"\"=\"",
    "../../../../etc/passwd",
    "%27%20OR%201=1--",
    "\x00",
    "1; ATTACH '/tmp/x.db' AS x",
    "${jndi:ldap://x}",
    "{{7*7}}",
]
PARAM_URL = ["as_of", "kecamatan", "segmen", "lang", "view", "embed"]


def test_suntik_langsung_ke_fungsi_figures(db_dasar, tmp_path):
    kerja = salin_db(db_dasar, tmp_path / "db")
    sha = sha_file(kerja)
    fungsi = [figures.cakupan_kecamatan, figures.cakupan_kelurahan, figures.cakupan_segmen, figures.tren_peserta,
              figures.klaim_program, figures.rekonsiliasi_iuran, figures.temuan, figures.ringkasan,
              figures.klaim_bulanan, figures.klaim_kecamatan, figures.klaim_layanan]
    with db.read(kerja) as con:
        dasar = {f.__name__: repr(f(con, ASOF)) for f in fungsi}
        for s in SUNTIK:
            with pytest.raises(InputError):
                AsOf.from_text(s)
            with pytest.raises(InputError):
                Filter.parse(kecamatan=s)
            sar = Filter.parse(segmen=s)              # folded to [A-Z0-9_]; no quote survives
            assert sar.segmen is None or all(c.isalnum() or c == "_" for c in sar.segmen)
            # Even unvalidated text, handed straight to the figures, is only a bound parameter:
            # it matches nothing, nothing runs.
            for sar in (sar, Filter(kecamatan=s), Filter(kecamatan=s, segmen=s)):
                for f in fungsi:
                    f(con, ASOF, sar)
            with pytest.raises(InputError):
                figures.temuan_rincian(con, ASOF, s, Filter(kecamatan=s, segmen=s))
            figures.temuan_rincian(con, ASOF, "NIK_GANDA_AKTIF", Filter(kecamatan=s, segmen=s))
        # The unfiltered figures are unchanged, the tables are all there.
        assert {f.__name__: repr(f(con, ASOF)) for f in fungsi} == dasar
    assert sha_file(kerja) == sha


@pytest.fixture
def buka_kecil(db_dasar, users_uji, monkeypatch, tmp_path):
    monkeypatch.setenv("UCJ_DB", str(db_dasar))
    monkeypatch.setenv("UCJ_USERS", str(users_uji))
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))
    from streamlit.testing.v1 import AppTest

    def _buka(halaman: str, param: dict, masuk: bool = True):
        at = AppTest.from_file(str(APP), default_timeout=60)
        for kunci, nilai in param.items():
            at.query_params[kunci] = nilai
        at.run()
        if masuk:
            masuk_apptest(at)
        if halaman != "ringkasan":
            at.switch_page(f"pages/{halaman}.py")
            at.run()
        return at
    return _buka


@pytest.mark.parametrize("i", range(0, len(SUNTIK), 2))
def test_suntik_semua_parameter_url_apptest(buka_kecil, db_dasar, i):
    """Each injection string in every URL parameter at once (two strings per run, alternating),
    on a page: no exception, a warning per bad value, the default view, the database unchanged."""
    sha = sha_file(db_dasar)
    param = {p: SUNTIK[i + (j % 2)] for j, p in enumerate(PARAM_URL)}
    halaman = ["ringkasan", "cakupan", "klaim", "anggaran", "temuan", "metodologi"][i // 2 % 6]
    at = buka_kecil(halaman, param)
    assert not at.exception, [e.value for e in at.exception]
    peringatan = " ".join(w.value for w in at.warning)
    for p in ("as_of", "kecamatan", "lang"):
        assert p in peringatan, (p, peringatan)
    # Fell back to defaults: no raw injection text reached the filters.
    f = at.session_state["_filter"]
    assert f["kecamatan"] == "" and f["lang"] == "id" and f["segmen"] == ""
    assert f["as_of"] == "2026-03"
    assert sha_file(db_dasar) == sha


def test_suntik_satu_parameter_satu_per_satu(buka_kecil, db_dasar):
    """The first string alone in each parameter (the others valid), on Ringkasan."""
    sha = sha_file(db_dasar)
    for p in PARAM_URL:
        at = buka_kecil("ringkasan", {p: SUNTIK[1]})
        assert not at.exception, (p, [e.value for e in at.exception])
        if p in ("as_of", "kecamatan", "lang", "view"):
            assert any(p in w.value for w in at.warning), (p, [w.value for w in at.warning])
    assert sha_file(db_dasar) == sha


def test_suntik_publik_tanpa_masuk(buka_kecil, db_dasar, monkeypatch):
    monkeypatch.setenv("UCJ_MODE", "publik")
    sha = sha_file(db_dasar)
    at = buka_kecil("cakupan", {p: SUNTIK[0] for p in PARAM_URL} | {"embed": "true"}, masuk=False)
    assert not at.exception, [e.value for e in at.exception]
    assert sha_file(db_dasar) == sha


# ------------------------------------------------------------------ (f) downloads safe for Excel

@pytest.mark.parametrize("awal", ["=", "+", "-", "@", "\t", "\r"])
def test_aman_excel_menetralkan(awal):
    df = pd.DataFrame({"teks": [awal + "HYPERLINK(\"http://x\")", "biasa", None], "angka": [-5, 3, 0],
                       "desimal": [-1.5, 2.0, float("nan")]})
    out = page.excel_safe(df)
    assert out["teks"][0] == "'" + df["teks"][0]
    assert out["teks"][1] == "biasa" and pd.isna(out["teks"][2])
    # Numbers stay numbers, including negatives.
    assert list(out["angka"]) == [-5, 3, 0] and out["angka"].dtype == df["angka"].dtype
    assert out["desimal"][0] == -1.5
    assert df["teks"][0].startswith(awal)      # the input frame is not modified
    # Both download formats carry the neutralised text.
    assert ("'" + awal) in out.to_csv(index=False)
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(page._xlsx(out)))
    sel = wb.active["A2"]
    assert sel.data_type == "s" and str(sel.value).startswith("'")


def test_aman_excel_kolom_string_dtype():
    df = pd.DataFrame({"a": pd.array(["=1+1", "@x", "ok"], dtype="string")})
    assert list(page.excel_safe(df)["a"]) == ["'=1+1", "'@x", "ok"]
