"""The presentation view (Ringkasan ?view=presentasi) in a real browser (Debian's Chromium), as on
a projector: every slide fits 1280×720 and 1920×1080 without scrolling, centred, its chart text
grown with the screen; Ringkasan links to it (internal mode) and it links back.

Screenshots: artifacts/screenshots/presentasi_<width>_<slide>.png.

Run: .venv/bin/python -m pytest -q tests/test_browser_presentation.py
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402  (tests/browser.py)
from conftest import TEST_PASSWORD  # noqa: E402

from ucj_oversight import ingest  # noqa: E402

pytestmark = pytest.mark.browser

SCREENSHOTS = browser.ROOT / "artifacts" / "screenshots"
SLIDE = re.compile(r"^(\d+)/(\d+) · ")
NEXT = ".st-key-presentasi_maju button"

if not Path(browser.CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {browser.CHROMIUM} (set UCJ_CHROMIUM)", allow_module_level=True)

# The scrolling main area and the document (scroll vs client height), where the slide sits
# across the window, and the font size of the charts' axis labels.
_JS_FIT = """() => {
  const m = document.querySelector('[data-testid="stMain"]');
  const d = document.scrollingElement;
  const block = document.querySelector('[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"]');
  const r = block.getBoundingClientRect();
  const ticks = [...document.querySelectorAll('.js-plotly-plot .xtick text, .js-plotly-plot .ytick text')]
    .map(t => parseFloat(t.style.fontSize || getComputedStyle(t).fontSize));
  return {main: [m.scrollHeight, m.clientHeight], doc: [d.scrollHeight, d.clientHeight],
          left: r.left, right: window.innerWidth - r.right, top: r.top, bottom: window.innerHeight - r.bottom,
          tick: ticks.length ? Math.min(...ticks) : null,
          caption: (document.querySelector('[data-testid="stMain"] [data-testid="stCaptionContainer"]') || {})
            .innerText || ''};
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, test_users_file):
    db_path = ingest.ensure_sample_db(tmp_path_factory.mktemp("browser_presentasi") / "sampel.duckdb")
    browser.CREDENTIALS = ("anggota1", TEST_PASSWORD)
    env = {"UCJ_USERS": str(test_users_file), "UCJ_AUDIT": str(db_path.parent / "audit.jsonl")}
    s = browser.start_server(db_path, log_dir=db_path.parent, extra_env=env)
    yield s
    s.stop()


def _settle(page) -> None:
    """The slide's run is over, its charts drawn, and the rerun that the window-size report
    causes (first load, resize) is over too."""
    browser.wait_idle(page)
    browser.wait_charts(page)
    browser.wait_idle(page, stable_ms=600)


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_every_slide_fits_the_screen(server, chromium, width, height):
    ctx = chromium.new_context(viewport={"width": width, "height": height}, locale="id-ID")
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    try:
        browser.open_page(page, server.url + "/ringkasan?view=presentasi")
        _settle(page)
        first = page.evaluate(_JS_FIT)
        assert SLIDE.match(first["caption"]), (page.url, first)
        count = int(SLIDE.match(first["caption"]).group(2))
        assert count >= 6, first["caption"]  # six sections, the questions five to a slide
        seen = []
        for number in range(1, count + 1):
            fit = page.evaluate(_JS_FIT)
            assert SLIDE.match(fit["caption"]).group(1) == str(number), fit["caption"]
            seen.append(fit["caption"])
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"presentasi_{width}_{number}.png"))
            assert browser.exception_text(page) == ""
            for where in ("main", "doc"):
                scroll, client = fit[where]
                assert scroll <= client, f"slide {number} at {width}×{height}: {where} {scroll} > {client} px"
            # Centred: as much room left as right (the slide is as wide as 16:9 allows).
            assert abs(fit["left"] - fit["right"]) <= 2, fit
            assert fit["top"] >= 0 and fit["bottom"] >= 0, fit
            # Chart text grows with the screen: 15 px at 720 lines, 23 px at 1080 (the dashboard: 12).
            if fit["tick"] is not None:
                assert fit["tick"] >= 15 * height / 720 - 1, (number, fit["tick"])
            browser.click_and_wait(page, page.locator(NEXT))
            browser.wait_charts(page)
        # After the last slide, the first again.
        assert SLIDE.match(page.evaluate(_JS_FIT)["caption"]).group(1) == "1"
        assert any("Pertanyaan pengawasan" in c for c in seen) and any("Perlu klarifikasi" in c for c in seen)
    finally:
        ctx.close()


def test_ringkasan_links_to_the_presentation_and_back(server, chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    try:
        browser.open_page(page, server.url + "/ringkasan?as_of=2026-09")
        assert browser.title(page).startswith("Ringkasan")
        link = page.locator('a[data-testid="stPageLink-NavLink"]').filter(has_text="Tampilan presentasi")
        browser.click_and_wait(page, link)
        _settle(page)
        query = parse_qs(urlsplit(page.url).query)
        assert query.get("view") == ["presentasi"] and query.get("as_of") == ["2026-09"], page.url
        assert browser.title(page) == "" and "September 2026" in page.evaluate(_JS_FIT)["caption"]
        back = page.locator('a[data-testid="stPageLink-NavLink"]').filter(has_text="Kembali ke Ringkasan")
        browser.click_and_wait(page, back)
        query = parse_qs(urlsplit(page.url).query)
        assert "view" not in query and query.get("as_of") == ["2026-09"], page.url
        assert browser.title(page) == "Ringkasan posisi September 2026"
        assert page.locator('[data-testid="stSidebar"]').is_visible()
    finally:
        ctx.close()
