"""The map of Kota Bekasi in a real browser (Debian's Chromium), internal and public mode, at
1280 and 375 px: drawn without asking any host but the dashboard's own (every other request is
refused, as on a machine without internet), every kecamatan on it with its label, the kelurahan
map when a kecamatan is chosen, and nothing sticking out on a phone.

Screenshots: artifacts/screenshots/map_<mode>_<width>.png (the Cakupan page) and
map_<mode>_<width>_kecamatan.png (with a kecamatan chosen).

Run: .venv/bin/python -m pytest -q tests/test_browser_map.py
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402  (tests/browser.py)
from conftest import TEST_PASSWORD  # noqa: E402

from ucj_oversight import ingest, regions  # noqa: E402

pytestmark = pytest.mark.browser

SCREENSHOTS = browser.ROOT / "artifacts" / "screenshots"
SIZES = {1280: {"width": 1280, "height": 900}, 375: {"width": 375, "height": 812}}
PONDOKGEDE = "32.75.08"

if not Path(browser.CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {browser.CHROMIUM} (set UCJ_CHROMIUM)", allow_module_level=True)

# Per Plotly chart: its title and the text plotly.js drew, and how many filled areas it has.
_JS_CHARTS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].map(p => ({
  title: (p.querySelector('.gtitle') || {}).textContent || '',
  texts: [...p.querySelectorAll('.textpoint text')].map(t => t.textContent),
  fills: p.querySelectorAll('path.js-fill').length,
  right: p.getBoundingClientRect().right,
}))"""


@pytest.fixture(scope="module")
def db_sample(tmp_path_factory) -> Path:
    return ingest.ensure_sample_db(tmp_path_factory.mktemp("browser_map") / "sampel.duckdb")


@pytest.fixture(scope="module", params=["internal", "publik"])
def server(request, db_sample, test_users_file):
    mode = request.param
    browser.CREDENTIALS = ("anggota1", TEST_PASSWORD) if mode == "internal" else None
    env = {"UCJ_USERS": str(test_users_file), "UCJ_AUDIT": str(db_sample.parent / f"audit_{mode}.jsonl")}
    if mode == "publik":
        env["UCJ_MODE"] = "publik"
    s = browser.start_server(db_sample, log_dir=db_sample.parent, extra_env=env)
    s.mode = mode
    yield s
    s.stop()


def _offline_page(chromium, width: int):
    """A page that refuses (and notes) every request to a host other than the dashboard's."""
    ctx = chromium.new_context(
        viewport=SIZES[width], locale="id-ID", is_mobile=width < 500, has_touch=width < 500, device_scale_factor=1
    )
    ctx.set_default_timeout(60_000)
    outside: list[str] = []

    def route(r):
        if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    return ctx, ctx.new_page(), outside


@pytest.mark.parametrize("width", [1280, 375])
def test_cakupan_map_offline(server, chromium, width):
    ctx, page, outside = _offline_page(chromium, width)
    try:
        browser.open_page(page, server.url + "/cakupan", charts=True, timeout_ms=90_000)
        browser.full_screenshot(page, SCREENSHOTS / f"map_{server.mode}_{width}.png")
        assert browser.exception_text(page) == ""
        charts = page.evaluate(_JS_CHARTS)
        maps = [c for c in charts if c["title"].startswith("Peta")]
        assert len(maps) == 1, [c["title"] for c in charts]
        # 12 filled kecamatan, each labelled with its name (two-word names over two lines).
        assert maps[0]["fills"] == 12
        labels = " ".join(maps[0]["texts"])
        for k in regions.list_kecamatan():
            assert k.name.split(" ")[-1] in labels, k.name
        assert any(c["title"].startswith("Peringkat") for c in charts)  # the ranking stays
        assert outside == []  # the tab icon too is local (app.py)
        if width == 375:
            assert maps[0]["right"] <= 375 and browser.overflow_right(page) == []

        browser.open_page(page, server.url + f"/cakupan?kecamatan={PONDOKGEDE}", charts=True, timeout_ms=90_000)
        browser.full_screenshot(page, SCREENSHOTS / f"map_{server.mode}_{width}_kecamatan.png")
        charts = page.evaluate(_JS_CHARTS)
        kelurahan = [c for c in charts if c["title"].startswith("Peta peserta aktif per kelurahan")]
        names = [k.name for k in regions.list_kelurahan() if k.kode_kecamatan == PONDOKGEDE]
        assert len(kelurahan) == 1 and kelurahan[0]["fills"] == len(names)
        for name in names:
            assert name.split(" ")[-1] in " ".join(kelurahan[0]["texts"]), name
        assert outside == []  # the tab icon too is local (app.py)
    finally:
        ctx.close()
