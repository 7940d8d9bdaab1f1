"""Server-side cost of one warm page run (Python CPU and wall time of the script run), no browser.

Not a test (timings never go in tests). Runs app.py in Streamlit's AppTest, opens each page,
runs it twice to fill the caches, then times N more runs of it (each = one script run in the
server: what a council member's page view costs the Streamlit process when the figures are
cached). With --profil, prints the top of a cProfile of one warm run per page.

    .venv/bin/python scripts/ukur_run.py --db /tmp/ucj1m.duckdb                  # public mode
    .venv/bin/python scripts/ukur_run.py --db /tmp/ucj1m.duckdb --profil 25
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--mode", choices=["publik", "internal"], default="publik")
    ap.add_argument("--n", type=int, default=15, help="timed warm runs per page")
    ap.add_argument("--halaman", nargs="+", default=["ringkasan", "cakupan"])
    ap.add_argument("--profil", type=int, default=0, help="print the top N functions (cumulative) of one warm run")
    a = ap.parse_args()
    os.environ["UCJ_DB"] = str(a.db.resolve())
    if a.mode == "publik":
        os.environ["UCJ_MODE"] = "publik"
    else:
        os.environ.pop("UCJ_MODE", None)

    from streamlit.runtime.scriptrunner import script_runner as sr
    from streamlit.testing.v1 import AppTest

    catatan: list[tuple[float, float]] = []
    profil: dict = {"aktif": False, "pr": None}
    asli = sr.ScriptRunner._run_script

    def _run_script(self, rerun_data):
        t0, c0 = time.perf_counter(), time.thread_time()
        pr = cProfile.Profile() if profil["aktif"] else None
        if pr:
            pr.enable()
        try:
            return asli(self, rerun_data)
        finally:
            if pr:
                pr.disable()
                profil["pr"] = pr
            catatan.append((time.perf_counter() - t0, time.thread_time() - c0))

    sr.ScriptRunner._run_script = _run_script
    # As python -m ucj_oversight.server: no legacy pages/ folder mode (AppTest resets the flag
    # before every run, which would add a page start + rerun to each measured run).
    from streamlit.runtime.pages_manager import PagesManager
    init_asli = PagesManager.__init__

    def _init(self, *a, **kw):
        init_asli(self, *a, **kw)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = _init
    if a.mode == "internal":
        raise SystemExit("internal mode needs a log-in: not supported here (public mode is the heavier one)")
    at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=300)
    at.run()
    print(f"ukur_run db={a.db} mode={a.mode} load={Path('/proc/loadavg').read_text().split()[:3]}")
    for hal in a.halaman:
        at.switch_page(f"pages/{hal}.py").run()
        at.run()
        assert not at.exception, at.exception
        catatan.clear()
        for _ in range(a.n):
            at.run()
        runs = len(catatan)
        dinding = [w for w, _ in catatan]
        cpu = [c for _, c in catatan]
        print(f"{hal:10s} {a.n} warm page runs ({runs} script runs): wall p50 {statistics.median(dinding):.3f} s,"
              f" CPU per page run {sum(cpu) / a.n:.3f} s (p50 of script runs {statistics.median(cpu):.3f} s)")
        if a.profil:
            profil["aktif"] = True
            at.run()
            profil["aktif"] = False
            s = io.StringIO()
            pstats.Stats(profil["pr"], stream=s).sort_stats("cumulative").print_stats(a.profil)
            print("\n".join(b for b in s.getvalue().splitlines() if b.strip()))


if __name__ == "__main__":
    main()
