"""Time to first render of each page on the sample data, in a real Chromium.

Not a test (timings never go in tests): run it to get the figures quoted in docs and notes.
The server is started as deployed (`python -m ucj_oversight.server`, via tests/browser.py).
    .venv/bin/python scripts/ukur_halaman.py
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

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
sys.path.insert(0, str(AKAR / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

import browser  # noqa: E402  (tests/browser.py: server and Chromium helpers)
from ucj_oversight import settings  # noqa: E402

HALAMAN = ["ringkasan", "cakupan", "anggaran", "klaim", "temuan", "metodologi"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sampel.duckdb"
        t0 = time.perf_counter()
        settings.ensure_sample_db(db)
        print(f"bangun basis data sampel: {time.perf_counter() - t0:.1f} s")
        server = browser.mulai_server(db)
        try:
            with sync_playwright() as p:
                b = browser.lancarkan_chromium(p)
                hasil = {}
                for nama in HALAMAN:
                    waktu = []
                    for _ in range(4):   # first = cold cache for this page's figures, then warm
                        ctx = b.new_context(viewport={"width": 1280, "height": 900})
                        pg = ctx.new_page()
                        t = time.perf_counter()
                        browser.buka(pg, f"{server.url}/{nama}", grafik=True)
                        waktu.append(time.perf_counter() - t)
                        ctx.close()
                    # The same browser again (its cache holds Streamlit's and Plotly's JavaScript),
                    # as for a council member opening the next page.
                    ctx = b.new_context(viewport={"width": 1280, "height": 900})
                    pg = ctx.new_page()
                    browser.buka(pg, f"{server.url}/{nama}", grafik=True)
                    ulang = []
                    for _ in range(3):
                        t = time.perf_counter()
                        browser.buka(pg, f"{server.url}/{nama}", grafik=True)
                        ulang.append(time.perf_counter() - t)
                    ctx.close()
                    hasil[nama] = (waktu[0], statistics.median(waktu[1:]), statistics.median(ulang))
                    print(f"{nama:12s} sesi baru: pertama {waktu[0]:5.2f} s, median {hasil[nama][1]:5.2f} s;"
                          f"  peramban yang sama: median {hasil[nama][2]:5.2f} s")
                b.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
