"""Many readers at once, and readers while an import runs (issue 6, the concurrency part).

Part 1 (no browser): the read path. Every figure reads through db.baca / db.baca_versi;
imports write a copy and os.replace it over the file (db.tulis). Checked here:
- a reader opened after an import has landed reads the NEW file, even while another thread
  still has a connection to the old one open (DuckDB's per-path instance cache would hand out
  the old instance: see db.py, "readers");
- the dashboard's cached figures (tampilan._figur, keyed by db.tanda_versi) are never computed
  from the old file under the new key;
- readers do not wait for each other (no lock held around queries) and do not wait for an
  import in progress (the writer's <db>.lock and open transaction).

Part 2 (browser, marked `browser`): 20 Playwright contexts open Ringkasan then Cakupan on one
Streamlit server at the same time; all 20 must show the same numbers, equal to the figures
computed directly on the database. No timings here (shared, noisy machine): those are in
scripts/ukur_serentak.py and docs/bench/serentak.md.
"""
from __future__ import annotations

import fcntl
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from conftest import KECIL, KUNCI_UJI
from ucj_oversight.storage import db
from ucj_oversight import figures, ingest

TUNGGU_S = 120      # deadlock guard only (a reader that waits for the writer never returns)


def _penanda(path: Path, nilai: str) -> None:
    """An 'import' that changes one visible value: a marker row in meta (via db.tulis)."""
    with db.write(path) as con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('uji_penanda', ?)", [nilai])


def _baca_penanda(con) -> str | None:
    r = con.execute("SELECT nilai FROM meta WHERE kunci = 'uji_penanda'").fetchone()
    return r[0] if r else None


# ------------------------------------------------------------------ the old instance

def test_pembaca_baru_membaca_file_baru_walau_koneksi_lama_masih_terbuka(tmp_path):
    """The experiment behind the fix: duckdb.connect(path, read_only=True) while a connection
    to the same path is open in the process returns the instance opened before os.replace."""
    path = tmp_path / "u.duckdb"
    _penanda(path, "lama")
    masih_jalan = [db.read(path), duckdb.connect(str(path), read_only=True)]   # other threads' queries
    try:
        _penanda(path, "baru")
        with db.read(path) as con:
            assert _baca_penanda(con) == "baru"
        with db.read_version(db.version_token(path)) as con:
            assert _baca_penanda(con) == "baru"
        # The connections opened before the import keep their consistent old snapshot.
        assert _baca_penanda(masih_jalan[0]) == "lama"
    finally:
        for con in masih_jalan:
            con.close()


def test_figur_dasbor_tidak_disimpan_dari_file_lama_dengan_kunci_baru(tmp_path):
    """The dashboard path: a figure for the new version key, computed while another session still
    holds a reader on the old file, must come from the new file (else the cache keeps the old
    figure under the new key)."""
    from ucj_oversight.web import page

    path = tmp_path / "d.duckdb"
    ingest.run_import(path, [KECIL], kunci=KUNCI_UJI)
    page._figur.clear()
    lama = db.version_token(path)
    n_lama = len(page._figur(lama, "sumber_impor", None, None, None))
    sesi_lain = db.read_version(lama)       # another session mid-page on the old version
    try:
        # A second import (same rows, different file: one more import record).
        salinan = tmp_path / "klaim_kedua.csv"
        shutil.copyfile(KECIL / "klaim_kecil.csv", salinan)
        with open(salinan, "a", encoding="utf-8") as f:
            f.write("\n")
        ingest.run_import(path, [salinan], kunci=KUNCI_UJI)
        baru = db.version_token(path)
        assert baru != lama
        assert len(page._figur(baru, "sumber_impor", None, None, None)) == n_lama + 1
        # A run that began before the import still reads its own version throughout.
        assert len(page._figur(lama, "sumber_impor", None, None, None, ("kunci lain",))) == n_lama
    finally:
        sesi_lain.close()
        page._figur.clear()


def test_versi_yang_sudah_dilepas_minta_jalan_ulang(tmp_path, monkeypatch):
    path = tmp_path / "v.duckdb"
    _penanda(path, "1")
    lama = db.version_token(path)
    db.read_version(lama).close()
    _penanda(path, "2")
    monkeypatch.setattr(db, "GRACE_PERIOD_S", -1.0)   # replaced versions are forgotten at once
    with db.read_version(db.version_token(path)) as con:
        assert _baca_penanda(con) == "2"
    with pytest.raises(db.VersionChanged):
        db.read_version(lama)


# ------------------------------------------------------------------ nobody waits

def test_pembaca_tidak_menunggu_impor_maupun_satu_sama_lain(db_kecil):
    """While a writer is mid-import (it holds <db>.lock and an open transaction on its copy),
    N reader threads each hold a cursor, compute figures, and meet at a barrier *inside* their
    reads: if readers were serialised by a lock held while reading, or waited for the import,
    the barrier would break (timeout) instead of filling."""
    asof = figures.AsOf.from_text("2026-03")
    versi = db.version_token(db_kecil)
    di_tengah, selesai = threading.Event(), threading.Event()
    galat: list[BaseException] = []

    def penulis():
        try:
            with db.write(db_kecil) as con:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('uji_penanda', 'impor baru')")
                di_tengah.set()
                selesai.wait(TUNGGU_S)
        except BaseException as e:   # pragma: no cover - reported below
            galat.append(e)
            di_tengah.set()

    t = threading.Thread(target=penulis)
    t.start()
    try:
        assert di_tengah.wait(TUNGGU_S) and not galat
        # The import lock really is held: a non-blocking attempt on it fails.
        with open(str(db_kecil) + ".lock", "w") as f, pytest.raises(BlockingIOError):
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)

        n = 8
        rintangan = threading.Barrier(n, timeout=TUNGGU_S)

        def pembaca(i: int):
            baca = db.read_version(versi) if i % 2 else db.read(db_kecil)
            with baca as con:
                a = figures.ringkasan(con, asof)
                rintangan.wait()          # all n readers are inside their reads at once
                b = figures.cakupan_kecamatan(con, asof)
                return repr(a), b.to_json(), _baca_penanda(con)   # JSON: NaN == NaN

        with ThreadPoolExecutor(n) as ex:
            hasil = list(ex.map(pembaca, range(n)))
        assert all(h[0] == hasil[0][0] and h[1] == hasil[0][1] for h in hasil)
        assert {h[2] for h in hasil} == {None}       # the import has not landed yet
    finally:
        selesai.set()
        t.join(TUNGGU_S)
    assert not galat
    with db.read_version(db.version_token(db_kecil)) as con:
        assert _baca_penanda(con) == "impor baru"


# ------------------------------------------------------------------ 20 browsers at once

SESI = 20
BARIS_IURAN = 1_000_000     # the size: generating it takes ~2 s and ingesting ~10-25 s
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def db_1m(tmp_path_factory) -> Path:
    """The 1M-iuran-row simulated sample (bench.siapkan_sampel), ingested by the CLI in a child
    process (the ~0.7 GB peak of a 1M ingest does not stay in the test process)."""
    import subprocess
    import sys

    from ucj_oversight.dev import bench
    d = tmp_path_factory.mktemp("serentak")
    data = bench.prepare_sample(BARIS_IURAN, d / "cache")
    path = d / "ucj1m.duckdb"
    subprocess.run([sys.executable, "-m", "ucj_oversight", "ingest", "--db", str(path), str(data)],
                   check=True, stdout=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
    return path


@pytest.mark.browser
def test_20_sesi_serentak_melihat_angka_yang_sama(chromium, db_1m):
    """20 browser contexts open Ringkasan at the same moment on a freshly started server (cold
    figure cache: all 20 miss at once), then all click Cakupan. Every session must show the same
    title, cards and chart texts, and they must be the figures computed directly on the file.
    Public mode (the transparency portal: no log-in per context); the numbers at this size are
    far above the disclosure threshold, so they are the internal mode's numbers too."""
    import browser
    from ucj_oversight.text import fmt
    from ucj_oversight import disclosure
    from ucj_oversight.text.labels import t

    if not Path(browser.CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {browser.CHROMIUM}")
    with db.read(db_1m) as con:
        asof = figures.latest_month(con)
        ini = figures.ringkasan(con, asof)
        cak = figures.cakupan_kecamatan(con, asof)
        kota = figures.cakupan_kota(con, asof)
    assert not disclosure.needs_suppression(int(ini["klaim_dibayar_jumlah"]))   # so public == internal

    server = browser.mulai_server(db_1m, log_dir=db_1m.parent, env_tambahan={"UCJ_MODE": "publik"})
    konteks = []
    try:
        konteks = [chromium.new_context(viewport=DESKTOP) for _ in range(SESI)]
        pages = [c.new_page() for c in konteks]
        browser.buka_serentak(pages, server.url + "/ringkasan", timeout_ms=300_000)
        ringkasan = [browser.angka_halaman(p) for p in pages]
        galat = [browser.teks_exception(p) for p in pages]
        browser.klik_nav_serentak(pages, t("hal_cakupan", "id"), timeout_ms=300_000)
        cakupan = [browser.angka_halaman(p) for p in pages]
        galat += [browser.teks_exception(p) for p in pages]
        alamat = {p.url.split("?")[0].rsplit("/", 1)[-1] for p in pages}
    finally:
        for c in konteks:
            c.close()
        server.stop()

    assert not any(galat), galat
    assert alamat == {"cakupan"}
    for nama, hasil in (("ringkasan", ringkasan), ("cakupan", cakupan)):
        beda = [i for i, h in enumerate(hasil) if h != hasil[0]]
        assert not beda, f"{nama}: sessions {beda} differ from session 0:\n{hasil[0]}\n{hasil[beda[0]]}"

    bulan = fmt.month(str(asof), "id")
    r = ringkasan[0]
    assert r["judul"] == t("ringkasan_judul", "id", bulan=bulan)
    kartu = dict(r["kartu"])
    assert kartu[t("kartu_peserta", "id")] == fmt.number(ini["peserta_aktif"])
    assert kartu[t("kartu_serapan", "id")] == fmt.percent(ini["serapan_persen"])
    assert kartu[t("kartu_klaim", "id")] == fmt.rupiah_short(ini["klaim_dibayar_nominal"], "id")
    assert kartu[t("kartu_risiko", "id")] == fmt.rupiah_short(ini["rp_berisiko"], "id")
    assert len(r["grafik"]) == 2

    c = cakupan[0]
    assert c["judul"] == t("cakupan_judul", "id", bulan=bulan)
    persen = [fmt.percent(v) for v in cak["cakupan_persen"].dropna()]
    assert len(persen) >= 10
    semua_teks = [x for g in c["grafik"] for x in g]
    for p in persen:                                     # the ranking's bar labels
        assert p in semua_teks, (p, semua_teks)
    assert t("garis_kota", "id", nilai=fmt.percent(kota["cakupan_persen"])) in semua_teks
