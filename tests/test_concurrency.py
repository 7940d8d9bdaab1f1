"""Many readers at once, and readers while an import runs (issue 6, the concurrency part).

Part 1 (no browser): the read path. Every figure reads through db.read / db.read_version;
imports write a copy and os.replace it over the file (db.write). Checked here:
- a reader opened after an import has landed reads the NEW file, even while another thread
  still has a connection to the old one open (DuckDB's per-path instance cache would hand out
  the old instance: see storage/db.py, "readers");
- the dashboard's cached figures (data._cached_figure, keyed by db.version_token) are never computed
  from the old file under the new key;
- readers do not wait for each other (no lock held around queries) and do not wait for an
  import in progress (the writer's <db>.lock and open transaction).

Part 2 (browser, marked `browser`): 20 Playwright contexts open Ringkasan then Cakupan on one
Streamlit server at the same time; all 20 must show the same numbers, equal to the figures
computed directly on the database. No timings here (shared, noisy machine): those are in
scripts/measure_concurrency.py and docs/bench/serentak.md.
"""

from __future__ import annotations

import fcntl
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from conftest import SMALL_DIR, TEST_KEY

from ucj_oversight import figures, ingest
from ucj_oversight.storage import db

WAIT_S = 120  # deadlock guard only (a reader that waits for the writer never returns)


def _set_marker(path: Path, value: str) -> None:
    """An 'import' that changes one visible value: a marker row in meta (via db.write)."""
    with db.write(path) as con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('uji_penanda', ?)", [value])


def _read_marker(con) -> str | None:
    r = con.execute("SELECT nilai FROM meta WHERE kunci = 'uji_penanda'").fetchone()
    return r[0] if r else None


# ------------------------------------------------------------------ the old instance


def test_new_reader_reads_new_file_while_old_connection_open(tmp_path):
    """The experiment behind the fix: duckdb.connect(path, read_only=True) while a connection
    to the same path is open in the process returns the instance opened before os.replace."""
    path = tmp_path / "u.duckdb"
    _set_marker(path, "lama")
    still_open = [db.read(path), duckdb.connect(str(path), read_only=True)]  # other threads' queries
    try:
        _set_marker(path, "baru")
        with db.read(path) as con:
            assert _read_marker(con) == "baru"
        with db.read_version(db.version_token(path)) as con:
            assert _read_marker(con) == "baru"
        # The connections opened before the import keep their consistent old snapshot.
        assert _read_marker(still_open[0]) == "lama"
    finally:
        for con in still_open:
            con.close()


def test_dashboard_figure_not_cached_from_old_file_under_new_key(tmp_path):
    """The dashboard path: a figure for the new version key, computed while another session still
    holds a reader on the old file, must come from the new file (else the cache keeps the old
    figure under the new key)."""
    from ucj_oversight.web import data

    path = tmp_path / "d.duckdb"
    ingest.run_import(path, [SMALL_DIR], key=TEST_KEY)
    data._cached_figure.clear()
    old = db.version_token(path)
    n_old = len(data._cached_figure(old, "sumber_impor", None, None, None))
    other_session = db.read_version(old)  # another session mid-page on the old version
    try:
        # A second import (same rows, different file: one more import record).
        copy_path = tmp_path / "klaim_kedua.csv"
        shutil.copyfile(SMALL_DIR / "klaim_kecil.csv", copy_path)
        with open(copy_path, "a", encoding="utf-8") as f:
            f.write("\n")
        ingest.run_import(path, [copy_path], key=TEST_KEY)
        new = db.version_token(path)
        assert new != old
        assert len(data._cached_figure(new, "sumber_impor", None, None, None)) == n_old + 1
        # A run that began before the import still reads its own version throughout.
        assert len(data._cached_figure(old, "sumber_impor", None, None, None, ("kunci lain",))) == n_old
    finally:
        other_session.close()
        data._cached_figure.clear()


def test_released_version_asks_for_rerun(tmp_path, monkeypatch):
    path = tmp_path / "v.duckdb"
    _set_marker(path, "1")
    old = db.version_token(path)
    db.read_version(old).close()
    _set_marker(path, "2")
    monkeypatch.setattr(db, "GRACE_PERIOD_S", -1.0)  # replaced versions are forgotten at once
    with db.read_version(db.version_token(path)) as con:
        assert _read_marker(con) == "2"
    with pytest.raises(db.VersionChanged):
        db.read_version(old)


# ------------------------------------------------------------------ nobody waits


def test_readers_wait_neither_for_import_nor_each_other(small_db):
    """While a writer is mid-import (it holds <db>.lock and an open transaction on its copy),
    N reader threads each hold a cursor, compute figures, and meet at a barrier *inside* their
    reads: if readers were serialised by a lock held while reading, or waited for the import,
    the barrier would break (timeout) instead of filling."""
    asof = figures.AsOf.from_text("2026-03")
    version = db.version_token(small_db)
    midway, done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def writer():
        try:
            with db.write(small_db) as con:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('uji_penanda', 'impor baru')")
                midway.set()
                done.wait(WAIT_S)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
            midway.set()

    t = threading.Thread(target=writer)
    t.start()
    try:
        assert midway.wait(WAIT_S) and not errors
        # The import lock really is held: a non-blocking attempt on it fails.
        with open(str(small_db) + ".lock", "w") as f, pytest.raises(BlockingIOError):
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)

        n = 8
        barrier = threading.Barrier(n, timeout=WAIT_S)

        def reader(i: int):
            reading = db.read_version(version) if i % 2 else db.read(small_db)
            with reading as con:
                a = figures.ringkasan(con, asof)
                barrier.wait()  # all n readers are inside their reads at once
                b = figures.cakupan_kecamatan(con, asof)
                return repr(a), b.to_json(), _read_marker(con)  # JSON: NaN == NaN

        with ThreadPoolExecutor(n) as ex:
            results = list(ex.map(reader, range(n)))
        assert all(h[0] == results[0][0] and h[1] == results[0][1] for h in results)
        assert {h[2] for h in results} == {None}  # the import has not landed yet
    finally:
        done.set()
        t.join(WAIT_S)
    assert not errors
    with db.read_version(db.version_token(small_db)) as con:
        assert _read_marker(con) == "impor baru"


# ------------------------------------------------------------------ 20 browsers at once

SESSIONS = 20
IURAN_ROWS = 1_000_000  # the size: generating it takes ~2 s and ingesting ~10-25 s
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def db_1m(tmp_path_factory) -> Path:
    """The 1M-iuran-row simulated sample (bench.prepare_sample), ingested by the CLI in a child
    process (the ~0.7 GB peak of a 1M ingest does not stay in the test process)."""
    import subprocess
    import sys

    from ucj_oversight.dev import bench

    d = tmp_path_factory.mktemp("serentak")
    data = bench.prepare_sample(IURAN_ROWS, d / "cache")
    path = d / "ucj1m.duckdb"
    subprocess.run(
        [sys.executable, "-m", "ucj_oversight", "ingest", "--db", str(path), str(data)],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return path


@pytest.mark.browser
def test_20_concurrent_sessions_see_the_same_numbers(chromium, db_1m):
    """20 browser contexts open Ringkasan at the same moment on a freshly started server (cold
    figure cache: all 20 miss at once), then all click Cakupan. Every session must show the same
    title, cards and chart texts, and they must be the figures computed directly on the file.
    Public mode (the transparency portal: no log-in per context); the numbers at this size are
    far above the disclosure threshold, so they are the internal mode's numbers too."""
    import browser

    from ucj_oversight import disclosure
    from ucj_oversight.text import fmt
    from ucj_oversight.text.labels import t

    if not Path(browser.CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {browser.CHROMIUM}")
    with db.read(db_1m) as con:
        asof = figures.latest_month(con)
        ringkasan_figure = figures.ringkasan(con, asof)
        cakupan_figure = figures.cakupan_kecamatan(con, asof)
        city_cakupan = figures.cakupan_kota(con, asof)
        # The findings cards add only the findings public mode shows (1-4 cases: hidden, not added).
        tm, mask = disclosure.apply(figures.temuan, figures.temuan(con, asof))
        shown = tm[~mask["jumlah"]] if "jumlah" in mask else tm
        public_amount = {
            codes: float(shown.loc[shown["kode_temuan"].isin(codes), "nominal"].sum())
            for codes in (figures.TEMUAN_APBD, figures.TEMUAN_MANFAAT)
        }
    assert not disclosure.needs_suppression(int(ringkasan_figure["klaim_dibayar_jumlah"]))  # so public == internal

    server = browser.start_server(db_1m, log_dir=db_1m.parent, extra_env={"UCJ_MODE": "publik"})
    contexts = []
    try:
        contexts = [chromium.new_context(viewport=DESKTOP) for _ in range(SESSIONS)]
        pages = [c.new_page() for c in contexts]
        browser.open_concurrently(pages, server.url + "/ringkasan", timeout_ms=300_000)
        ringkasan = [browser.page_numbers(p) for p in pages]
        errors = [browser.exception_text(p) for p in pages]
        browser.click_nav_concurrently(pages, t("hal_cakupan", "id"), timeout_ms=300_000)
        cakupan = [browser.page_numbers(p) for p in pages]
        errors += [browser.exception_text(p) for p in pages]
        urls = {p.url.split("?")[0].rsplit("/", 1)[-1] for p in pages}
    finally:
        for c in contexts:
            c.close()
        server.stop()

    assert not any(errors), errors
    assert urls == {"cakupan"}
    for name, results in (("ringkasan", ringkasan), ("cakupan", cakupan)):
        differing = [i for i, h in enumerate(results) if h != results[0]]
        assert not differing, (
            f"{name}: sessions {differing} differ from session 0:\n{results[0]}\n{results[differing[0]]}"
        )

    month = fmt.month(str(asof), "id")
    r = ringkasan[0]
    assert r["title"] == t("ringkasan_judul", "id", bulan=month)
    cards = dict(r["cards"])
    assert cards[t("kartu_peserta", "id")] == fmt.number(ringkasan_figure["peserta_aktif"])
    assert cards[t("kartu_serapan", "id")] == fmt.percent(ringkasan_figure["serapan_persen"])
    assert cards[t("kartu_klaim", "id")] == fmt.rupiah_short(ringkasan_figure["klaim_dibayar_nominal"], "id")
    assert cards[t("kartu_apbd", "id")] == fmt.rupiah_short(public_amount[figures.TEMUAN_APBD], "id")
    assert cards[t("kartu_manfaat_klarifikasi", "id")] == fmt.rupiah_short(public_amount[figures.TEMUAN_MANFAAT], "id")
    assert len(r["charts"]) == 2

    c = cakupan[0]
    assert c["title"] == t("cakupan_judul", "id", bulan=month)
    # The ranking shows cakupan semesta when the data have a semesta, else capaian kuota.
    column = "cakupan_semesta_persen" if cakupan_figure["semesta"].notna().any() else "capaian_kuota_persen"
    percents = [fmt.percent(v) for v in cakupan_figure[column].dropna()]
    assert len(percents) >= 10
    all_texts = [x for g in c["charts"] for x in g]
    for p in percents:  # the ranking's bar labels
        assert p in all_texts, (p, all_texts)
    assert t("garis_kota", "id", nilai=fmt.percent(city_cakupan[column])) in all_texts
