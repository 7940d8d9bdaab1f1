"""Start the dashboard: `python -m ucj_oversight.server [streamlit run options]`.

The same as `streamlit run asgi.py [options]` (asgi.py of this project, whatever the current
directory: app.py served by Streamlit's Starlette server together with the log-in cookie route,
web/session.py; Streamlit reads the .streamlit/config.toml next to them either way), with the heavy
imports done in this process before Streamlit's server starts: pandas, plotly, DuckDB,
Streamlit itself and the project's modules the pages use, plus one small figure of each kind
built and serialised (Plotly loads its validators lazily on first use). Otherwise the first page
after a start pays ~1-2 s for them while the council member waits.

`streamlit run app.py` serves the same pages without the cookie route (a reload then means
logging in again). All three commands are equally safe for the first session after a start: Streamlit's own sidebar
menu is off (`client.showSidebarNavigation = false`), app.py draws the menu of the pages each
mode and user may open, and a page script that Streamlit runs without app.py (its legacy pages/
folder mode, before the first st.navigation call) draws nothing and hands the request to app.py
(see app.py and page.require_context).

    .venv/bin/python -m ucj_oversight.server --server.port 8501 --server.address 127.0.0.1
    UCJ_MODE=publik .venv/bin/python -m ucj_oversight.server --server.port 8502
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"
LAUNCHER = APP.with_name("asgi.py")  # st.App("app.py", routes=...): the app server with the cookie route


def preload() -> float:
    """Import what every page run needs and build one figure of each trace type the pages use,
    so that the first script run after start does not pay for it. Returns the seconds spent."""
    t0 = time.perf_counter()
    # Importing the pages' modules before the server exists makes Streamlit warn once per cached
    # function ("No runtime found, using MemoryCacheStorageManager"): harmless (the caches are made
    # on first call, with the server's storage), and nothing a user can act on.
    logging.disable(logging.WARNING)
    try:
        _import_and_build()
    finally:
        logging.disable(logging.NOTSET)
    return time.perf_counter() - t0


def _import_and_build() -> None:
    import duckdb  # noqa: F401
    import pandas
    import plotly.graph_objects as go
    import plotly.io
    import streamlit  # noqa: F401  (with its elements, st.plotly_chart included)

    from ucj_oversight import disclosure, figures, regions, settings  # noqa: F401
    from ucj_oversight.storage import db  # noqa: F401
    from ucj_oversight.text import fmt, labels  # noqa: F401
    from ucj_oversight.web import charts, data, maps, page, presentation, widgets  # noqa: F401

    coverage = pandas.DataFrame(
        {
            "kode_kecamatan": ["32.75.01"],
            "nama_kecamatan": ["Bekasi Timur"],
            "capaian_kuota_persen": [50.0],
            "peserta_aktif": [1],
            "sasaran": [2],
        }
    )
    samples = [
        maps.kecamatan_map(coverage, "x"),  # reads and projects the boundary file once, too
        charts.ranking_bar(coverage, 50.0, "x"),
        charts.simple_bar(["a"], [1.0], "x", "y", rupiah=True),
        go.Figure(go.Scatter(x=[1], y=[1])),
    ]
    for fig in samples:
        plotly.io.to_json(fig, validate=False)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    seconds = preload()
    print(
        f"ucj_oversight.server: modul dimuat dalam {seconds:.1f} s; menjalankan {LAUNCHER.name} ({APP.name})",
        flush=True,
    )
    from streamlit.web import cli

    # Streamlit shows and logs its own command line: make it the one this stands for.
    sys.argv = ["streamlit", "run", str(LAUNCHER), *args]
    cli.main(args=sys.argv[1:], prog_name="streamlit")


if __name__ == "__main__":
    main()
