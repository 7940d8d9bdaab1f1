"""Charts built once per view and shared between sessions (page.cached_chart), public-mode
tables with their disclosure control cached (data._public_figure). Issue 6: less Python per
page run. No timings here (scripts/measure_run.py measures them)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SMALL_DIR, TEST_KEY

from ucj_oversight import figures, ingest
from ucj_oversight.figures import AsOf, Filter
from ucj_oversight.storage import db
from ucj_oversight.web import charts, data, maps, page, widgets


def _context(version=("x", 1, 1), lang="id", asof="2026-03", kecamatan=None) -> page.Context:
    return page.Context(
        lang=lang,
        asof=AsOf.from_text(asof),
        filter=Filter(kecamatan, None),
        version=version,
        simulated=False,
        months_available=(asof,),
    )


CAKUPAN = pd.DataFrame(
    {
        "kode_kecamatan": ["32.75.01", "32.75.02"],
        "nama_kecamatan": ["Bekasi Timur", "Bekasi Barat"],
        "capaian_kuota_persen": [55.0, 70.0],
        "peserta_aktif": [55, 70],
        "sasaran": [100, 100],
    }
)


@pytest.fixture(autouse=True)
def empty_cache():
    widgets._cached_chart_figure.clear()
    yield
    widgets._cached_chart_figure.clear()


def test_chart_built_once_per_view_and_rebuilt_when_the_view_changes(monkeypatch):
    built = []

    def builder_for(ctx):
        def build():
            built.append(ctx)
            return charts.ranking_bar(CAKUPAN, 60.0, ctx.t("peringkat_judul", bulan=ctx.month_text), ctx.lang)

        return build

    for ctx in (_context(), _context()):
        page.cached_chart(ctx, "g", builder_for(ctx))
    assert len(built) == 1
    # Another database version, language, month, filter or public mode: a new figure.
    for ctx in (
        _context(version=("x", 2, 1)),
        _context(lang="en"),
        _context(asof="2026-02"),
        _context(kecamatan="32.75.01"),
    ):
        page.cached_chart(ctx, "g", builder_for(ctx))
    monkeypatch.setenv("UCJ_MODE", "publik")
    page.cached_chart(_context(), "g", builder_for(_context()))
    assert len(built) == 6
    # The same key written at another place of a page (another builder) is another chart.
    page.cached_chart(_context(), "g", lambda: built.append("other") or maps.kecamatan_map(CAKUPAN, "x"))
    assert built[-1] == "other"
    # Anything else the builder depends on goes in *keys.
    page.cached_chart(_context(), "g", builder_for(_context()), 123)
    assert len(built) == 8


def test_cached_chart_unchanged_after_drawing():
    """The shared figure object is only read when drawn (st.plotly_chart copies it)."""
    ctx = _context()

    def build():
        return charts.tren_peserta(
            pd.DataFrame(
                {"bulan": ["2026-01", "2026-02"], "baru": [3, 4], "keluar": [1, 2], "registrasi_aktif": [10, 12]}
            ),
            "Tren",
            ctx.lang,
        )

    page.cached_chart(ctx, "tren", build)
    code = build.__code__
    cached = widgets._cached_chart_figure(
        ctx.version,
        str(ctx.asof),
        None,
        None,
        "id",
        False,
        "tren",
        (code.co_filename, code.co_firstlineno),
        (),
        _build=build,
    )
    before = cached.to_json()
    for _ in range(3):
        page.cached_chart(ctx, "tren", build)
    assert cached.to_json() == before == build().to_json()


def test_public_figure_cached_with_its_mask_and_copied_per_call(tmp_path, monkeypatch):
    path = tmp_path / "k.duckdb"
    ingest.run_import(path, [SMALL_DIR], key=TEST_KEY)
    data._cached_figure.clear()
    data._public_figure.clear()
    monkeypatch.setenv("UCJ_MODE", "publik")
    ctx = _context(version=db.version_token(path))
    a = page.figure(ctx, figures.klaim_kecamatan)
    mask = a.attrs["sdc_mask"]
    assert a.attrs["sdc_figure"] == "klaim_kecamatan" and bool(mask.to_numpy().any())
    a.loc[:, "nominal_dibayar"] = -1  # a page changing its copy changes nothing shared
    b = page.figure(ctx, figures.klaim_kecamatan)
    assert (b["nominal_dibayar"].fillna(0) != -1).all()
    assert b.attrs["sdc_mask"].equals(mask)
    monkeypatch.delenv("UCJ_MODE")
    assert "sdc_mask" not in page.figure(ctx, figures.klaim_kecamatan).attrs
