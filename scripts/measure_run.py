"""Server-side cost of one warm page run (Python CPU and wall time of a page view), no browser.

Not a test (timings never go in tests). Runs app.py in Streamlit's AppTest, opens each page,
runs it twice to fill the caches, then times N more runs of it: the wall time of AppTest.run and
the CPU time of this process during it (= what a council member's page view costs the Streamlit
process when the figures are cached). AppTest starts every run in Streamlit's legacy pages/
folder mode, so each run includes the page script handing the request to app.py
(page.leave_pages_folder_mode), as the first request after a server start does: a few ms.
With --profile, prints the top of a cProfile of one warm run per page (of the script thread
AppTest starts for the run).

    .venv/bin/python scripts/measure_run.py --db /tmp/ucj1m.duckdb                  # public mode
    .venv/bin/python scripts/measure_run.py --db /tmp/ucj1m.duckdb --profile 25
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def profiled_run(at) -> cProfile.Profile:
    """One at.run() with cProfile on in the thread AppTest runs the script in (cProfile sees
    only the thread it is enabled in): the profiler is switched on by the first event of the
    next thread started."""
    profiler = cProfile.Profile()

    def start_in_new_thread(frame, event, arg):
        sys.setprofile(None)
        profiler.enable()

    threading.setprofile(start_in_new_thread)
    try:
        at.run()
    finally:
        threading.setprofile(None)
        profiler.disable()
    return profiler


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--mode", choices=["publik", "internal"], default="publik")
    ap.add_argument("--n", type=int, default=15, help="timed warm runs per page")
    ap.add_argument("--pages", "--halaman", nargs="+", default=["ringkasan", "cakupan"])
    ap.add_argument(
        "--profile", "--profil", type=int, default=0, help="print the top N functions (cumulative) of one warm run"
    )
    a = ap.parse_args()
    os.environ["UCJ_DB"] = str(a.db.resolve())
    if a.mode == "publik":
        os.environ["UCJ_MODE"] = "publik"
    else:
        os.environ.pop("UCJ_MODE", None)
    if a.mode == "internal":
        raise SystemExit("internal mode needs a log-in: not supported here (public mode is the heavier one)")

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    print(f"measure_run db={a.db} mode={a.mode} load={Path('/proc/loadavg').read_text().split()[:3]}")
    for name in a.pages:
        at.switch_page(f"pages/{name}.py").run()
        at.run()
        assert not at.exception, at.exception
        wall, cpu = [], []
        for _ in range(a.n):
            t0, c0 = time.perf_counter(), time.process_time()
            at.run()
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        assert not at.exception, at.exception
        print(
            f"{name:10s} {a.n} warm page runs: wall p50 {statistics.median(wall):.3f} s,"
            f" CPU per page run {sum(cpu) / a.n:.3f} s (p50 {statistics.median(cpu):.3f} s)"
        )
        if a.profile:
            out = io.StringIO()
            pstats.Stats(profiled_run(at), stream=out).sort_stats("cumulative").print_stats(a.profile)
            print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


if __name__ == "__main__":
    main()
