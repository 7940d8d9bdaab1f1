"""Performance benchmark: `python -m ucj_oversight bench --rows N`.

1. Generate (once, cached in --cache) the simulated sample scaled to ~N iuran rows.
2. Ingest it into a fresh DuckDB file in a child process: wall time, rows/s, peak RSS.
   For N <= 2 million also a second ingest with the iuran extract as CSV (the "1M-row CSV" target).
3. In this process, for one as-of month, compute every page's figure set with the project's
   DuckDB figure functions and with the pandas reference (acuan_pandas), check that both give
   identical results, then time 5 runs of each (after one warm-up run) and report the medians.
4. Write a JSON + Markdown results file and end with the one-line summary.
"""
from __future__ import annotations

import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

import duckdb
import numpy as np
import pandas as pd
import psutil

from ucj_oversight.storage import db
from ucj_oversight import figures
from ucj_oversight.dev.pandas_reference import Reference, load
from ucj_oversight.figures import AsOf

REPEATS = 5


# ------------------------------------------------------------------ page figure sets

def _duck(con):
    """The figure functions with the connection bound: same call shape as Acuan."""
    class _D:
        def __getattr__(self, nama):
            fn = getattr(figures, nama)
            return lambda *a, **k: fn(con, *a, **k)
    return _D()


PAGES: dict[str, Callable] = {
    "ringkasan": lambda f, m: {
        "ringkasan": f.ringkasan(m), "ringkasan_sebelumnya": f.ringkasan(m.previous()),
        "temuan": f.temuan(m), "proyeksi_akhir_tahun": f.proyeksi_akhir_tahun(m)},
    "cakupan": lambda f, m: {
        "cakupan_kecamatan": f.cakupan_kecamatan(m), "cakupan_kota": f.cakupan_kota(m),
        "cakupan_segmen": f.cakupan_segmen(m), "tren_peserta": f.tren_peserta(m)},
    "anggaran": lambda f, m: {
        "anggaran_bulanan": f.anggaran_bulanan(m), "rekonsiliasi_iuran": f.rekonsiliasi_iuran(m),
        "biaya_per_peserta_bulan": f.biaya_per_peserta_bulan(m),
        "proyeksi_akhir_tahun": f.proyeksi_akhir_tahun(m)},
    "klaim": lambda f, m: {
        "klaim_program": f.klaim_program(m), "klaim_bulanan": f.klaim_bulanan(m),
        "klaim_kecamatan": f.klaim_kecamatan(m), "klaim_layanan": f.klaim_layanan(m)},
    "temuan": lambda f, m: {"temuan": f.temuan(m)},
}


# ------------------------------------------------------------------ equality

def _norm_kolom(s: pd.Series) -> list:
    if pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s) or pd.api.types.is_float_dtype(s):
        return [None if pd.isna(v) else float(v) for v in s.astype("float64")]
    return [None if (v is None or (not isinstance(v, str) and pd.isna(v))) else str(v) for v in s]


def _nilai_sama(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (bool, np.bool_)) or isinstance(b, (bool, np.bool_)):
        return bool(a) == bool(b)
    if isinstance(a, (int, float, np.integer, np.floating)) and isinstance(b, (int, float, np.integer, np.floating)):
        a, b = float(a), float(b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    return a == b


def differences(a, b, jalur: str = "") -> list[str]:
    """Differences between two figure results (DataFrame, dict, scalar); [] when identical.
    Columns, row order, missing values and every value are compared; numbers as numbers
    (Int64 vs int64 is not a difference), floats to 1e-9 relative."""
    if isinstance(a, dict) or isinstance(b, dict):
        if not (isinstance(a, dict) and isinstance(b, dict)):
            return [f"{jalur}: jenis berbeda"]
        if list(a) != list(b):
            return [f"{jalur}: kunci {list(a)} != {list(b)}"]
        return [d for k in a for d in differences(a[k], b[k], f"{jalur}.{k}")]
    if isinstance(a, pd.DataFrame) or isinstance(b, pd.DataFrame):
        if not (isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame)):
            return [f"{jalur}: jenis berbeda"]
        if list(a.columns) != list(b.columns):
            return [f"{jalur}: kolom {list(a.columns)} != {list(b.columns)}"]
        if len(a) != len(b):
            return [f"{jalur}: {len(a)} baris != {len(b)} baris"]
        hasil = []
        for k in a.columns:
            for i, (x, y) in enumerate(zip(_norm_kolom(a[k]), _norm_kolom(b[k]))):
                if not _nilai_sama(x, y):
                    hasil.append(f"{jalur}[{i}].{k}: {x!r} != {y!r}")
                    break
        return hasil
    return [] if _nilai_sama(a, b) else [f"{jalur}: {a!r} != {b!r}"]


def compare(con, acuan: Reference, asof: AsOf) -> dict[str, list[str]]:
    """Per page: the differences between the DuckDB and the pandas figure set ([] = identical)."""
    d = _duck(con)
    return {h: differences(fn(d, asof), fn(acuan, asof), h) for h, fn in PAGES.items()}


# ------------------------------------------------------------------ sample and ingest

def prepare_sample(rows: int, cache: Path, seed: int | None = None) -> Path:
    """The generated extracts for ~rows iuran rows, cached in cache/iuran-<rows>/data."""
    from ucj_oversight.dev import sample
    folder = Path(cache) / f"iuran-{rows}" / "data"
    if folder.is_dir() and any(folder.iterdir()):
        return folder
    tmp = folder.with_name("data.tmp")
    if tmp.exists():
        import shutil
        shutil.rmtree(tmp)
    kw = {} if seed is None else {"seed": seed}
    sample.generate_for_iuran_rows(tmp, rows, **kw)
    tmp.rename(folder)
    return folder


def csv_version(folder: Path) -> Path:
    """A copy of the extract folder with iuran and peserta as CSV (cached next to it)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq
    out = folder.with_name("data-csv")
    if out.is_dir() and any(out.iterdir()):
        return out
    tmp = folder.with_name("data-csv.tmp")
    tmp.mkdir(exist_ok=True)
    for p in folder.iterdir():
        if p.suffix == ".parquet":
            pacsv.write_csv(pq.read_table(p), tmp / (p.stem + ".csv"))
        else:
            (tmp / p.name).write_bytes(p.read_bytes())
    tmp.rename(out)
    return out


_KODE_ANAK = """
import json, resource, sys, time
from pathlib import Path
from ucj_oversight import ingest
mulai = time.perf_counter()
lap = ingest.run_import(Path(sys.argv[1]), [Path(sys.argv[2])])
s = time.perf_counter() - mulai
print(json.dumps({"detik": s, "files": {f.nama_file: [f.jenis, f.baris_dimuat, f.baris_dikarantina] for f in lap.files},
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def measure_ingest(folder: Path, db_path: Path) -> dict:
    """Ingest `folder` into a fresh db_path in a child process; wall time, rows/s, peak RSS
    (the larger of the child's ru_maxrss and psutil sampling every 20 ms)."""
    for p in (db_path, Path(str(db_path) + ".wal")):
        p.unlink(missing_ok=True)
    env = dict(os.environ)
    env.pop("UCJ_NIK_KEY", None)       # benchmark data is simulated: the dev key is fine
    mulai = time.perf_counter()
    anak = subprocess.Popen([sys.executable, "-c", _KODE_ANAK, str(db_path), str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    puncak = [0]
    selesai = threading.Event()

    def sampel_rss():
        try:
            pr = psutil.Process(anak.pid)
            while not selesai.is_set():
                puncak[0] = max(puncak[0], pr.memory_info().rss)
                time.sleep(0.02)
        except psutil.Error:
            pass

    t = threading.Thread(target=sampel_rss, daemon=True)
    t.start()
    out, err = anak.communicate()
    selesai.set()
    t.join()
    dinding = time.perf_counter() - mulai
    if anak.returncode != 0:
        raise RuntimeError(f"ingest gagal:\n{err[-3000:]}")
    hasil = json.loads(out.strip().splitlines()[-1])
    baris = sum(v[1] + v[2] for v in hasil["files"].values())
    iuran = sum(v[1] + v[2] for v in hasil["files"].values() if v[0] == "iuran")
    detik = hasil["detik"]
    return {"detik": round(detik, 3), "detik_proses": round(dinding, 3), "baris_semua": baris,
            "baris_iuran": iuran, "baris_per_detik": round(baris / detik), "files": hasil["files"],
            "peak_rss_mb": round(max(hasil["maxrss_kb"] * 1024, puncak[0]) / 2**20, 1),
            "db_mb": round(db_path.stat().st_size / 2**20, 1)}


# ------------------------------------------------------------------ timing

def _median_ms(fn: Callable[[], object], n: int = REPEATS) -> tuple[float, list[float]]:
    kali = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        kali.append((time.perf_counter() - t0) * 1000)
    return statistics.median(kali), kali


REPEATS_PER_VIEW = 3


def measure_pages(con, acuan: Reference, asof: AsOf, n: int = REPEATS,
                 tabel: dict[str, pd.DataFrame] | None = None) -> dict[str, dict]:
    """Per page: median ms of DuckDB and of the pandas reference with its derived layer built
    once (the strict comparison). With `tabel` (the loaded storage tables) also the pandas app
    that derives, per page view, what the page needs from the loaded extracts (median of
    ULANG_PER_PERMINTAAN; no warm-up needed: it keeps nothing between views)."""
    d = _duck(con)
    hasil = {}
    for h, fn in PAGES.items():
        def halaman(f, fn=fn):
            # One page request: each figure once (figures.sekali), like the page itself.
            with figures.once():
                return fn(f, asof)
        halaman(d), halaman(acuan)                        # warm-up (and caches of SQL text)
        md, kd = _median_ms(lambda: halaman(d), n)
        mp, kp = _median_ms(lambda: halaman(acuan), n)
        hasil[h] = {"duckdb_ms": round(md, 2), "pandas_ms": round(mp, 2), "rasio": round(mp / md, 2),
                    "duckdb_runs_ms": [round(x, 2) for x in kd], "pandas_runs_ms": [round(x, 2) for x in kp]}
        if tabel is not None:
            mr, kr = _median_ms(lambda: halaman(Reference(tabel, lambat=True)), REPEATS_PER_VIEW)
            hasil[h].update({"pandas_per_view_ms": round(mr, 2), "rasio_per_view": round(mr / md, 2),
                             "pandas_per_view_runs_ms": [round(x, 2) for x in kr]})
    return hasil


def measure_functions(con, acuan: Reference, asof: AsOf, n: int = REPEATS) -> dict[str, dict]:
    """Per figure function (profile): median ms DuckDB vs pandas."""
    d = _duck(con)
    nama = ["ringkasan", "temuan", "proyeksi_akhir_tahun", "cakupan_kecamatan", "cakupan_kota", "cakupan_segmen",
            "tren_peserta", "anggaran_bulanan", "rekonsiliasi_iuran", "biaya_per_peserta_bulan",
            "klaim_program", "klaim_bulanan", "klaim_kecamatan", "klaim_layanan"]
    hasil = {}
    for f in nama:
        getattr(d, f)(asof), getattr(acuan, f)(asof)
        md, _ = _median_ms(lambda: getattr(d, f)(asof), n)
        mp, _ = _median_ms(lambda: getattr(acuan, f)(asof), n)
        hasil[f] = {"duckdb_ms": round(md, 2), "pandas_ms": round(mp, 2), "rasio": round(mp / md, 2)}
    return hasil


def machine() -> dict:
    vm = psutil.virtual_memory()
    cpu = platform.processor() or ""
    try:
        for baris in Path("/proc/cpuinfo").read_text().splitlines():
            if baris.startswith("model name"):
                cpu = baris.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores_logis": psutil.cpu_count(), "cores_fisik": psutil.cpu_count(logical=False),
            "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "memori_gb": round(vm.total / 2**30, 1), "memori_tersedia_gb": round(vm.available / 2**30, 1),
            "load_avg": [round(x, 2) for x in os.getloadavg()], "python": platform.python_version(),
            "duckdb": duckdb.__version__, "pandas": pd.__version__, "os": platform.platform()}


# ------------------------------------------------------------------ run + report

def run(rows: int, *, as_of: str | None, cache: Path, out: Path, ingest_csv: bool | None = None,
             profil: bool = True, per_view: bool = True, cetak: Callable[[str], None] = print) -> dict:
    cache, out = Path(cache), Path(out)
    t0 = time.perf_counter()
    folder = prepare_sample(rows, cache)
    cetak(f"sampel: {folder} ({time.perf_counter() - t0:.1f} s)")
    db_path = folder.parent / "bench.duckdb"
    ing = measure_ingest(folder, db_path)
    cetak(f"ingest: {ing['detik']:.2f} s, {ing['baris_semua']:,} baris ({ing['baris_iuran']:,} iuran), "
          f"{ing['baris_per_detik']:,} baris/s, puncak RSS {ing['peak_rss_mb']} MB")
    ing_csv = None
    if ingest_csv if ingest_csv is not None else rows <= 2_000_000:
        fcsv = csv_version(folder)
        ing_csv = measure_ingest(fcsv, folder.parent / "bench-csv.duckdb")
        (folder.parent / "bench-csv.duckdb").unlink(missing_ok=True)
        cetak(f"ingest (semua CSV): {ing_csv['detik']:.2f} s, {ing_csv['baris_per_detik']:,} baris/s, "
              f"puncak RSS {ing_csv['peak_rss_mb']} MB")

    con = db.read(db_path)
    try:
        asof = AsOf.from_text(as_of) if as_of else figures.latest_month(con)
        t1 = time.perf_counter()
        tabel = load(con)
        t_muat = time.perf_counter() - t1
        t1 = time.perf_counter()
        acuan = Reference(tabel)
        t_turunan = time.perf_counter() - t1
        cetak(f"pandas: muat tabel {t_muat:.2f} s, lapisan turunan {t_turunan:.2f} s")
        perbedaan = compare(con, acuan, asof)
        salah = {h: d for h, d in perbedaan.items() if d}
        if salah:
            raise AssertionError(f"DuckDB dan pandas berbeda: {json.dumps(salah, ensure_ascii=False)[:3000]}")
        cetak(f"as-of {asof}: hasil DuckDB dan pandas identik untuk {len(PAGES)} halaman")
        halaman = measure_pages(con, acuan, asof, tabel=tabel if per_view else None)
        del tabel
        fungsi = measure_functions(con, acuan, asof) if profil else None
    finally:
        con.close()
    proses_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    total_d = sum(v["duckdb_ms"] for v in halaman.values())
    total_p = sum(v["pandas_ms"] for v in halaman.values())
    total_v = sum(v.get("pandas_per_view_ms", 0.0) for v in halaman.values())
    hasil = {
        "rows": rows, "as_of": str(asof), "waktu": time.strftime("%Y-%m-%dT%H:%M:%S"), "mesin": machine(),
        "ingest": ing, "ingest_csv": ing_csv,
        "pandas_muat_s": round(t_muat, 3), "pandas_turunan_s": round(t_turunan, 3),
        "halaman": halaman, "fungsi": fungsi,
        "total": {"duckdb_ms": round(total_d, 2), "pandas_ms": round(total_p, 2),
                  "rasio": round(total_p / total_d, 2)},
        "bench_proses_peak_rss_mb": round(proses_rss, 1),
    }
    if per_view:
        hasil["total"].update({"pandas_per_view_ms": round(total_v, 2), "rasio_per_view": round(total_v / total_d, 2)})
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench-{rows}.json").write_text(json.dumps(hasil, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (out / f"bench-{rows}.md").write_text(markdown(hasil), "utf-8")
    cetak(markdown(hasil))
    cetak(f"hasil: {out / f'bench-{rows}.json'}, {out / f'bench-{rows}.md'}")
    cetak(summary_line(hasil))
    return hasil


def summary_line(h: dict) -> str:
    t = h["total"]
    return (f"bench rows={h['rows']} ingest_s={h['ingest']['detik']:.2f} duckdb_ms={t['duckdb_ms']:.1f} "
            f"pandas_ms={t['pandas_ms']:.1f} ratio={t['rasio']:.2f} peak_rss_mb={h['ingest']['peak_rss_mb']:.0f}")


def markdown(h: dict) -> str:
    m, i = h["mesin"], h["ingest"]
    b = [f"# Bench rows={h['rows']:,} (as-of {h['as_of']}, {h['waktu']})", "",
         f"Machine: {m['cpu']}, {m['cores_logis']} logical cores (affinity {m['affinity']}), "
         f"{m['memori_gb']} GB RAM, load avg {m['load_avg']}; Python {m['python']}, DuckDB {m['duckdb']}, "
         f"pandas {m['pandas']}.", "",
         f"Ingest (child process, fresh DB): {i['detik']:.2f} s for {i['baris_semua']:,} rows "
         f"({i['baris_iuran']:,} iuran) = {i['baris_per_detik']:,} rows/s; peak RSS {i['peak_rss_mb']} MB; "
         f"DB {i['db_mb']} MB."]
    if h.get("ingest_csv"):
        c = h["ingest_csv"]
        b.append(f"Ingest, iuran and peserta as CSV: {c['detik']:.2f} s = {c['baris_per_detik']:,} rows/s; "
                 f"peak RSS {c['peak_rss_mb']} MB.")
    b += ["", f"pandas reference: load storage tables {h['pandas_muat_s']:.2f} s, derived layer "
              f"{h['pandas_turunan_s']:.2f} s (once, not in the medians below). Bench process peak RSS "
              f"{h['bench_proses_peak_rss_mb']} MB.", "",
          "| Page figure set | DuckDB median ms | pandas median ms (derived once) | ratio | "
          "pandas per page view ms (derives what the page needs) | ratio |",
          "|---|---:|---:|---:|---:|---:|"]
    for k, v in h["halaman"].items():
        pv = (f"{v['pandas_per_view_ms']:.1f} | {v['rasio_per_view']:.1f}" if "pandas_per_view_ms" in v
              else "— | —")
        b.append(f"| {k} | {v['duckdb_ms']:.1f} | {v['pandas_ms']:.1f} | {v['rasio']:.2f} | {pv} |")
    t = h["total"]
    pv = (f"**{t['pandas_per_view_ms']:.1f}** | **{t['rasio_per_view']:.1f}**" if "pandas_per_view_ms" in t
          else "— | —")
    b.append(f"| **sum** | **{t['duckdb_ms']:.1f}** | **{t['pandas_ms']:.1f}** | **{t['rasio']:.2f}** | {pv} |")
    if h.get("fungsi"):
        b += ["", "Per figure function (median of 5):", "",
              "| Function | DuckDB ms | pandas ms | ratio |", "|---|---:|---:|---:|"]
        for k, v in h["fungsi"].items():
            b.append(f"| {k} | {v['duckdb_ms']:.1f} | {v['pandas_ms']:.1f} | {v['rasio']:.2f} |")
    return "\n".join(b) + "\n"
