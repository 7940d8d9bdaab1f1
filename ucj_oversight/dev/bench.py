"""Performance benchmark: `python -m ucj_oversight bench --rows N`.

1. Generate (once, cached in --cache) the simulated sample scaled to ~N iuran rows.
2. Ingest it into a fresh DuckDB file in a child process: wall time, rows/s, peak RSS.
   For N <= 2 million also a second ingest with the iuran extract as CSV (the "1M-row CSV" target).
3. In this process, for one as-of month, compute every page's figure set with the project's
   DuckDB figure functions and with the pandas reference (dev/pandas_reference.py), check that
   both give identical results, then time 5 runs of each (after one warm-up run) and report the
   medians.
4. Write a JSON + Markdown results file and end with the one-line summary.

The keys of the JSON file (``detik``, ``baris_semua``, ``halaman``, ``rasio`` ...) and the
summary line are read by people and scripts: they stay as they are.
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
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import psutil

from ucj_oversight import figures
from ucj_oversight.dev.pandas_reference import Reference, load
from ucj_oversight.figures import AsOf
from ucj_oversight.storage import db

REPEATS = 5
REPEATS_PER_VIEW = 3


# ------------------------------------------------------------------ page figure sets


def _duckdb_figures(con):
    """The figure functions with the connection bound: the same call shape as Reference."""

    class _Bound:
        def __getattr__(self, name):
            fn = getattr(figures, name)
            return lambda *a, **k: fn(con, *a, **k)

    return _Bound()


PAGES: dict[str, Callable] = {
    "ringkasan": lambda f, m: {
        "ringkasan": f.ringkasan(m),
        "ringkasan_sebelumnya": f.ringkasan(m.previous()),
        "temuan": f.temuan(m),
        "proyeksi_akhir_tahun": f.proyeksi_akhir_tahun(m),
        "bulan_menunggak": f.bulan_menunggak(m),
        "perlindungan_kota": f.perlindungan_kota(m),
    },
    "cakupan": lambda f, m: {
        "cakupan_kecamatan": f.cakupan_kecamatan(m),
        "cakupan_kota": f.cakupan_kota(m),
        "laju_cakupan": f.laju_cakupan(m),
        "laju_cakupan_kota": f.laju_cakupan_kota(m),
        "cakupan_segmen": f.cakupan_segmen(m),
        "tren_peserta": f.tren_peserta(m),
    },
    "anggaran": lambda f, m: {
        "anggaran_bulanan": f.anggaran_bulanan(m),
        "rekonsiliasi_iuran": f.rekonsiliasi_iuran(m),
        "biaya_per_peserta_bulan": f.biaya_per_peserta_bulan(m),
        "proyeksi_akhir_tahun": f.proyeksi_akhir_tahun(m),
        "ketepatan_bayar": f.ketepatan_bayar(m),
    },
    "klaim": lambda f, m: {
        "klaim_program": f.klaim_program(m),
        "klaim_bulanan": f.klaim_bulanan(m),
        "klaim_kecamatan": f.klaim_kecamatan(m),
        "klaim_layanan": f.klaim_layanan(m),
        "klaim_ditolak": f.klaim_ditolak(m),
    },
    "temuan": lambda f, m: {"temuan": f.temuan(m), "status_peserta": f.status_peserta(m)},
}

PROFILED_FIGURES = [
    "ringkasan",
    "temuan",
    "proyeksi_akhir_tahun",
    "cakupan_kecamatan",
    "cakupan_kota",
    "cakupan_segmen",
    "tren_peserta",
    "anggaran_bulanan",
    "rekonsiliasi_iuran",
    "biaya_per_peserta_bulan",
    "klaim_program",
    "klaim_bulanan",
    "klaim_kecamatan",
    "klaim_layanan",
]


# ------------------------------------------------------------------ equality


def _normalise_column(s: pd.Series) -> list:
    if pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s) or pd.api.types.is_float_dtype(s):
        return [None if pd.isna(v) else float(v) for v in s.astype("float64")]
    return [None if (v is None or (not isinstance(v, str) and pd.isna(v))) else str(v) for v in s]


def _same_value(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (bool, np.bool_)) or isinstance(b, (bool, np.bool_)):
        return bool(a) == bool(b)
    number = (int, float, np.integer, np.floating)
    if isinstance(a, number) and isinstance(b, number):
        a, b = float(a), float(b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    return a == b


def differences(a, b, path: str = "") -> list[str]:
    """Differences between two figure results (DataFrame, dict, scalar); [] when identical.
    Columns, row order, missing values and every value are compared; numbers as numbers
    (Int64 vs int64 is not a difference), floats to 1e-9 relative."""
    if isinstance(a, dict) or isinstance(b, dict):
        if not (isinstance(a, dict) and isinstance(b, dict)):
            return [f"{path}: jenis berbeda"]
        if list(a) != list(b):
            return [f"{path}: kunci {list(a)} != {list(b)}"]
        return [d for k in a for d in differences(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, pd.DataFrame) or isinstance(b, pd.DataFrame):
        if not (isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame)):
            return [f"{path}: jenis berbeda"]
        if list(a.columns) != list(b.columns):
            return [f"{path}: kolom {list(a.columns)} != {list(b.columns)}"]
        if len(a) != len(b):
            return [f"{path}: {len(a)} baris != {len(b)} baris"]
        result = []
        for k in a.columns:
            for i, (x, y) in enumerate(zip(_normalise_column(a[k]), _normalise_column(b[k]))):
                if not _same_value(x, y):
                    result.append(f"{path}[{i}].{k}: {x!r} != {y!r}")
                    break
        return result
    return [] if _same_value(a, b) else [f"{path}: {a!r} != {b!r}"]


def compare(con, reference: Reference, asof: AsOf) -> dict[str, list[str]]:
    """Per page: the differences between the DuckDB and the pandas figure set ([] = identical)."""
    d = _duckdb_figures(con)
    return {page: differences(fn(d, asof), fn(reference, asof), page) for page, fn in PAGES.items()}


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


# The ingest run in the child process: prints one JSON line with the time, the rows per file
# ({file name: [kind, rows loaded, rows quarantined]}) and the child's peak RSS.
_CHILD_CODE = """
import json, resource, sys, time
from pathlib import Path
from ucj_oversight import ingest
start = time.perf_counter()
report = ingest.run_import(Path(sys.argv[1]), [Path(sys.argv[2])])
seconds = time.perf_counter() - start
files = {f.file_name: [f.kind, f.rows_loaded, f.rows_quarantined] for f in report.files}
print(json.dumps({"seconds": seconds, "files": files,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def measure_ingest(folder: Path, db_path: Path) -> dict:
    """Ingest `folder` into a fresh db_path in a child process; wall time, rows/s, peak RSS
    (the larger of the child's ru_maxrss and psutil sampling every 20 ms)."""
    for p in (db_path, Path(str(db_path) + ".wal")):
        p.unlink(missing_ok=True)
    env = dict(os.environ)
    env.pop("UCJ_NIK_KEY", None)  # benchmark data is simulated: the dev key is fine
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD_CODE, str(db_path), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    peak = [0]
    done = threading.Event()

    def sample_rss():
        try:
            process = psutil.Process(child.pid)
            while not done.is_set():
                peak[0] = max(peak[0], process.memory_info().rss)
                time.sleep(0.02)
        except psutil.Error:
            pass

    t = threading.Thread(target=sample_rss, daemon=True)
    t.start()
    out, err = child.communicate()
    done.set()
    t.join()
    wall = time.perf_counter() - start
    if child.returncode != 0:
        raise RuntimeError(f"ingest gagal:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    rows = sum(v[1] + v[2] for v in result["files"].values())
    iuran = sum(v[1] + v[2] for v in result["files"].values() if v[0] == "iuran")
    seconds = result["seconds"]
    return {
        "detik": round(seconds, 3),
        "detik_proses": round(wall, 3),
        "baris_semua": rows,
        "baris_iuran": iuran,
        "baris_per_detik": round(rows / seconds),
        "files": result["files"],
        "peak_rss_mb": round(max(result["maxrss_kb"] * 1024, peak[0]) / 2**20, 1),
        "db_mb": round(db_path.stat().st_size / 2**20, 1),
    }


# ------------------------------------------------------------------ timing


def _median_ms(fn: Callable[[], object], n: int = REPEATS) -> tuple[float, list[float]]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), times


def measure_pages(
    con, reference: Reference, asof: AsOf, n: int = REPEATS, tables: dict[str, pd.DataFrame] | None = None
) -> dict[str, dict]:
    """Per page: median ms of DuckDB and of the pandas reference with its derived layer built
    once (the strict comparison). With `tables` (the loaded storage tables) also the pandas app
    that derives, per page view, what the page needs from the loaded extracts (median of
    REPEATS_PER_VIEW; no warm-up needed: it keeps nothing between views)."""
    d = _duckdb_figures(con)
    result = {}
    for page, fn in PAGES.items():

        def render(f, fn=fn):
            # One page request: each figure once (figures.once), like the page itself.
            with figures.once():
                return fn(f, asof)

        render(d), render(reference)  # warm-up (and caches of SQL text)
        md, runs_d = _median_ms(lambda: render(d), n)
        mp, runs_p = _median_ms(lambda: render(reference), n)
        result[page] = {
            "duckdb_ms": round(md, 2),
            "pandas_ms": round(mp, 2),
            "rasio": round(mp / md, 2),
            "duckdb_runs_ms": [round(x, 2) for x in runs_d],
            "pandas_runs_ms": [round(x, 2) for x in runs_p],
        }
        if tables is not None:
            mv, runs_v = _median_ms(lambda: render(Reference(tables, lazy=True)), REPEATS_PER_VIEW)
            result[page].update(
                {
                    "pandas_per_view_ms": round(mv, 2),
                    "rasio_per_view": round(mv / md, 2),
                    "pandas_per_view_runs_ms": [round(x, 2) for x in runs_v],
                }
            )
    return result


def measure_functions(con, reference: Reference, asof: AsOf, n: int = REPEATS) -> dict[str, dict]:
    """Per figure function (profile): median ms DuckDB vs pandas."""
    d = _duckdb_figures(con)
    result = {}
    for name in PROFILED_FIGURES:
        getattr(d, name)(asof), getattr(reference, name)(asof)
        md, _ = _median_ms(lambda name=name: getattr(d, name)(asof), n)
        mp, _ = _median_ms(lambda name=name: getattr(reference, name)(asof), n)
        result[name] = {"duckdb_ms": round(md, 2), "pandas_ms": round(mp, 2), "rasio": round(mp / md, 2)}
    return result


def machine() -> dict:
    vm = psutil.virtual_memory()
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores_logis": psutil.cpu_count(),
        "cores_fisik": psutil.cpu_count(logical=False),
        "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memori_gb": round(vm.total / 2**30, 1),
        "memori_tersedia_gb": round(vm.available / 2**30, 1),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pd.__version__,
        "os": platform.platform(),
    }


# ------------------------------------------------------------------ run + report


def run(
    rows: int,
    *,
    as_of: str | None,
    cache: Path,
    out: Path,
    ingest_csv: bool | None = None,
    profile: bool = True,
    per_view: bool = True,
    echo: Callable[[str], None] = print,
) -> dict:
    """The whole benchmark (module docstring); returns the results written to out/bench-<rows>.json."""
    cache, out = Path(cache), Path(out)
    t0 = time.perf_counter()
    folder = prepare_sample(rows, cache)
    echo(f"sampel: {folder} ({time.perf_counter() - t0:.1f} s)")
    db_path = folder.parent / "bench.duckdb"
    ing = measure_ingest(folder, db_path)
    echo(
        f"ingest: {ing['detik']:.2f} s, {ing['baris_semua']:,} baris ({ing['baris_iuran']:,} iuran), "
        f"{ing['baris_per_detik']:,} baris/s, puncak RSS {ing['peak_rss_mb']} MB"
    )
    ing_csv = None
    if ingest_csv if ingest_csv is not None else rows <= 2_000_000:
        csv_folder = csv_version(folder)
        ing_csv = measure_ingest(csv_folder, folder.parent / "bench-csv.duckdb")
        (folder.parent / "bench-csv.duckdb").unlink(missing_ok=True)
        echo(
            f"ingest (semua CSV): {ing_csv['detik']:.2f} s, {ing_csv['baris_per_detik']:,} baris/s, "
            f"puncak RSS {ing_csv['peak_rss_mb']} MB"
        )

    con = db.read(db_path)
    try:
        asof = AsOf.from_text(as_of) if as_of else figures.latest_month(con)
        t1 = time.perf_counter()
        tables = load(con)
        t_load = time.perf_counter() - t1
        t1 = time.perf_counter()
        reference = Reference(tables)
        t_derived = time.perf_counter() - t1
        echo(f"pandas: muat tabel {t_load:.2f} s, lapisan turunan {t_derived:.2f} s")
        mismatches = {page: d for page, d in compare(con, reference, asof).items() if d}
        if mismatches:
            raise AssertionError(f"DuckDB dan pandas berbeda: {json.dumps(mismatches, ensure_ascii=False)[:3000]}")
        echo(f"as-of {asof}: hasil DuckDB dan pandas identik untuk {len(PAGES)} halaman")
        pages = measure_pages(con, reference, asof, tables=tables if per_view else None)
        del tables
        functions = measure_functions(con, reference, asof) if profile else None
    finally:
        con.close()
    process_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    total_d = sum(v["duckdb_ms"] for v in pages.values())
    total_p = sum(v["pandas_ms"] for v in pages.values())
    total_v = sum(v.get("pandas_per_view_ms", 0.0) for v in pages.values())
    result = {
        "rows": rows,
        "as_of": str(asof),
        "waktu": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "mesin": machine(),
        "ingest": ing,
        "ingest_csv": ing_csv,
        "pandas_muat_s": round(t_load, 3),
        "pandas_turunan_s": round(t_derived, 3),
        "halaman": pages,
        "fungsi": functions,
        "total": {"duckdb_ms": round(total_d, 2), "pandas_ms": round(total_p, 2), "rasio": round(total_p / total_d, 2)},
        "bench_proses_peak_rss_mb": round(process_rss, 1),
    }
    if per_view:
        result["total"].update({"pandas_per_view_ms": round(total_v, 2), "rasio_per_view": round(total_v / total_d, 2)})
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench-{rows}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (out / f"bench-{rows}.md").write_text(markdown(result), "utf-8")
    echo(markdown(result))
    echo(f"hasil: {out / f'bench-{rows}.json'}, {out / f'bench-{rows}.md'}")
    echo(summary_line(result))
    return result


def summary_line(h: dict) -> str:
    t = h["total"]
    return (
        f"bench rows={h['rows']} ingest_s={h['ingest']['detik']:.2f} duckdb_ms={t['duckdb_ms']:.1f} "
        f"pandas_ms={t['pandas_ms']:.1f} ratio={t['rasio']:.2f} peak_rss_mb={h['ingest']['peak_rss_mb']:.0f}"
    )


def markdown(h: dict) -> str:
    m, i = h["mesin"], h["ingest"]
    lines = [
        f"# Bench rows={h['rows']:,} (as-of {h['as_of']}, {h['waktu']})",
        "",
        f"Machine: {m['cpu']}, {m['cores_logis']} logical cores (affinity {m['affinity']}), "
        f"{m['memori_gb']} GB RAM, load avg {m['load_avg']}; Python {m['python']}, DuckDB {m['duckdb']}, "
        f"pandas {m['pandas']}.",
        "",
        f"Ingest (child process, fresh DB): {i['detik']:.2f} s for {i['baris_semua']:,} rows "
        f"({i['baris_iuran']:,} iuran) = {i['baris_per_detik']:,} rows/s; peak RSS {i['peak_rss_mb']} MB; "
        f"DB {i['db_mb']} MB.",
    ]
    if h.get("ingest_csv"):
        c = h["ingest_csv"]
        lines.append(
            f"Ingest, iuran and peserta as CSV: {c['detik']:.2f} s = {c['baris_per_detik']:,} rows/s; "
            f"peak RSS {c['peak_rss_mb']} MB."
        )
    lines += [
        "",
        f"pandas reference: load storage tables {h['pandas_muat_s']:.2f} s, derived layer "
        f"{h['pandas_turunan_s']:.2f} s (once, not in the medians below). Bench process peak RSS "
        f"{h['bench_proses_peak_rss_mb']} MB.",
        "",
        "| Page figure set | DuckDB median ms | pandas median ms (derived once) | ratio | "
        "pandas per page view ms (derives what the page needs) | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for k, v in h["halaman"].items():
        pv = f"{v['pandas_per_view_ms']:.1f} | {v['rasio_per_view']:.1f}" if "pandas_per_view_ms" in v else "— | —"
        lines.append(f"| {k} | {v['duckdb_ms']:.1f} | {v['pandas_ms']:.1f} | {v['rasio']:.2f} | {pv} |")
    t = h["total"]
    pv = f"**{t['pandas_per_view_ms']:.1f}** | **{t['rasio_per_view']:.1f}**" if "pandas_per_view_ms" in t else "— | —"
    lines.append(f"| **sum** | **{t['duckdb_ms']:.1f}** | **{t['pandas_ms']:.1f}** | **{t['rasio']:.2f}** | {pv} |")
    if h.get("fungsi"):
        lines += [
            "",
            "Per figure function (median of 5):",
            "",
            "| Function | DuckDB ms | pandas ms | ratio |",
            "|---|---:|---:|---:|",
        ]
        for k, v in h["fungsi"].items():
            lines.append(f"| {k} | {v['duckdb_ms']:.1f} | {v['pandas_ms']:.1f} | {v['rasio']:.2f} |")
    return "\n".join(lines) + "\n"
