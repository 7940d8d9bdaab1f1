"""Time to first render of each page on the sample data, in a real Chromium.

Not a test (timings never go in tests): run it to get the figures quoted in docs and notes.
The server is started as deployed (`python -m ucj_oversight.server`, via tests/browser.py).
    .venv/bin/python scripts/measure_pages.py
For each page: a new browser session (cold Streamlit cache for the first page after server
start, then warm figure cache) from navigation until the script run is over and every chart is
drawn. Prints one line per page, and the median of 3 warm loads.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402  (tests/browser.py: server and Chromium helpers)
from playwright.sync_api import sync_playwright  # noqa: E402

from ucj_oversight import ingest  # noqa: E402

PAGES = ["ringkasan", "cakupan", "anggaran", "klaim", "temuan", "metodologi"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sampel.duckdb"
        t0 = time.perf_counter()
        ingest.ensure_sample_db(db)
        print(f"bangun basis data sampel: {time.perf_counter() - t0:.1f} s")
        server = browser.start_server(db)
        try:
            with sync_playwright() as p:
                b = browser.launch_chromium(p)
                for name in PAGES:
                    times = []
                    for _ in range(4):  # first = cold cache for this page's figures, then warm
                        ctx = b.new_context(viewport={"width": 1280, "height": 900})
                        pg = ctx.new_page()
                        t = time.perf_counter()
                        browser.open_page(pg, f"{server.url}/{name}", charts=True)
                        times.append(time.perf_counter() - t)
                        ctx.close()
                    # The same browser again (its cache holds Streamlit's and Plotly's JavaScript),
                    # as for a council member opening the next page.
                    ctx = b.new_context(viewport={"width": 1280, "height": 900})
                    pg = ctx.new_page()
                    browser.open_page(pg, f"{server.url}/{name}", charts=True)
                    again = []
                    for _ in range(3):
                        t = time.perf_counter()
                        browser.open_page(pg, f"{server.url}/{name}", charts=True)
                        again.append(time.perf_counter() - t)
                    ctx.close()
                    print(
                        f"{name:12s} sesi baru: pertama {times[0]:5.2f} s, "
                        f"median {statistics.median(times[1:]):5.2f} s;"
                        f"  peramban yang sama: median {statistics.median(again):5.2f} s"
                    )
                b.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
