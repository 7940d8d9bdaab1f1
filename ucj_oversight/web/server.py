"""Start the dashboard: `python -m ucj_oversight.server [streamlit run options]`.

The same as `streamlit run app.py [options]` (app.py of this project, whatever the current
directory; Streamlit reads the .streamlit/config.toml next to app.py either way), with the heavy
imports done in this process before Streamlit's server starts: pandas, plotly, DuckDB,
Streamlit itself and the project's modules the pages use, plus one small figure of each kind
built and serialised (Plotly loads its validators lazily on first use). Otherwise the first page
after a start pays ~1-2 s for them while the council member waits.

Both commands are equally safe for the first session after a start: Streamlit's own sidebar
menu is off (`client.showSidebarNavigation = false`), app.py draws the menu of the pages each
mode and user may open, and a page script that Streamlit runs without app.py (its legacy pages/
folder mode, before the first st.navigation call) draws nothing and hands the request to app.py
(see app.py and page.require_context).

    .venv/bin/python -m ucj_oversight.server --server.port 8501 --server.address 127.0.0.1
    UCJ_MODE=publik UCJ_DB=data/ucj.duckdb .venv/bin/python -m ucj_oversight.server --server.port 8502
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"


def preload() -> float:
    """Import what every page run needs and build one figure of each trace type the pages use,
    so that the first script run after start does not pay for it. Returns the seconds spent."""
    t0 = time.perf_counter()
    import duckdb  # noqa: F401
    import pandas
    import plotly.graph_objects as go
    import plotly.io
    import streamlit  # noqa: F401  (with its elements, st.plotly_chart included)

    from ucj_oversight import disclosure, figures, regions, settings  # noqa: F401
    from ucj_oversight.storage import db  # noqa: F401
    from ucj_oversight.text import fmt, labels  # noqa: F401
    from ucj_oversight.web import charts, data, page, presentation, widgets  # noqa: F401

    coverage = pandas.DataFrame(
        {
            "kode_kecamatan": ["32.75.01"],
            "nama_kecamatan": ["Bekasi Timur"],
            "cakupan_persen": [50.0],
            "peserta_aktif": [1],
            "sasaran": [2],
        }
    )
    samples = [
        charts.tile_map(coverage, "x"),
        charts.ranking_bar(coverage, 50.0, "x"),
        charts.simple_bar(["a"], [1.0], "x", "y", rupiah=True),
        go.Figure(go.Scatter(x=[1], y=[1])),
    ]
    for fig in samples:
        plotly.io.to_json(fig, validate=False)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    seconds = preload()
    print(f"ucj_oversight.server: modul dimuat dalam {seconds:.1f} s; menjalankan {APP.name}", flush=True)
    from streamlit.web import cli

    # Streamlit shows and logs its own command line: make it the one this stands for.
    sys.argv = ["streamlit", "run", str(APP), *args]
    cli.main(args=sys.argv[1:], prog_name="streamlit")


if __name__ == "__main__":
    main()
