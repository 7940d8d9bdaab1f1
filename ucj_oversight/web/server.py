"""Start the dashboard: `python -m ucj_oversight.server [streamlit run options]`.

The same as `streamlit run app.py [options]` (app.py of this project, whatever the current
directory), with two things done in this process before Streamlit's server starts:

1. **No legacy pages/ folder mode.** Streamlit decides once per process, from the existence of
   a `pages/` folder next to app.py, whether to serve that folder as the app's pages
   (`PagesManager.uses_pages_directory`), until some run calls `st.navigation`. The project keeps
   its page scripts in `pages/`, so the very first session after a start saw the sidebar list
   every file there (including the admin pages `audit` and `unggah`, even in public mode) and an
   empty page until `tampilan.lewati_mode_folder_pages` reran it. Setting the flag to False here,
   before Streamlit reads it, means app.py (and its `st.navigation`) answers every request from
   the first one. `lewati_mode_folder_pages` stays as the safety net for `streamlit run app.py`
   and AppTest.
2. **Heavy imports before the first request**: pandas, plotly, DuckDB, Streamlit's Plotly
   element and the project's modules the pages use, plus one small figure built and serialised
   (Plotly loads its validators lazily on first use). Otherwise the first page after a start
   pays ~1-2 s for them while the council member waits.

    .venv/bin/python -m ucj_oversight.server --server.port 8501 --server.address 127.0.0.1
    UCJ_MODE=publik UCJ_DB=data/ucj.duckdb .venv/bin/python -m ucj_oversight.server --server.port 8502
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"


def disable_pages_folder_mode() -> None:
    """Serve through app.py's st.navigation from the first request (see the module docstring)."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def preload() -> float:
    """Import what every page run needs and build one figure of each trace type the pages use,
    so that the first script run after start does not pay for it. Returns the seconds spent."""
    t0 = time.perf_counter()
    import duckdb  # noqa: F401
    import pandas  # noqa: F401
    import plotly.graph_objects as go
    import plotly.io
    import streamlit.elements.plotly_chart  # noqa: F401

    from ucj_oversight import disclosure, figures, regions, settings  # noqa: F401
    from ucj_oversight.storage import db  # noqa: F401
    from ucj_oversight.text import fmt, labels  # noqa: F401
    from ucj_oversight.web import charts, presentation, page  # noqa: F401

    cak = pandas.DataFrame({"kode_kecamatan": ["32.75.01"], "nama_kecamatan": ["Bekasi Timur"],
                            "cakupan_persen": [50.0], "peserta_aktif": [1], "sasaran": [2]})
    contoh = [charts.tile_map(cak, "x"), charts.ranking_bar(cak, 50.0, "x"),
              charts.simple_bar(["a"], [1.0], "x", "y", rupiah=True),
              go.Figure(go.Scatter(x=[1], y=[1]))]
    for fig in contoh:
        plotly.io.to_json(fig, validate=False)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    disable_pages_folder_mode()
    detik = preload()
    print(f"ucj_oversight.server: modul dimuat dalam {detik:.1f} s; menjalankan {APP.name}", flush=True)
    from streamlit.web import cli

    # Streamlit shows and logs its own command line: make it the one this stands for.
    sys.argv = ["streamlit", "run", str(APP), *args]
    cli.main(args=sys.argv[1:], prog_name="streamlit")


if __name__ == "__main__":
    main()
