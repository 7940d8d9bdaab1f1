"""The portal embeds of the README in a real browser (Debian's Chromium): each iframe of the
README's "Sematan (iframe) untuk portal" block, at the width and height the README gives it, in a
page of its own, against the public-mode dashboard on the simulated sample (with its DATA SIMULASI
banner). Inside each frame nothing scrolls: the whole view (title, axes, caption, last row) fits.

Screenshots: artifacts/screenshots/embed_<page>_<view>.png (the iframe as a portal shows it).

Run: .venv/bin/python -m pytest -q tests/test_browser_embed.py
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402  (tests/browser.py)

from ucj_oversight import ingest  # noqa: E402

pytestmark = pytest.mark.browser

SCREENSHOTS = browser.ROOT / "artifacts" / "screenshots"
PORTAL = "https://ucj.bekasikota.go.id"
IFRAME = re.compile(r'<iframe src="' + re.escape(PORTAL) + r'(/[^"]+)" width="(\d+)" height="(\d+)"')

if not Path(browser.CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {browser.CHROMIUM} (set UCJ_CHROMIUM)", allow_module_level=True)


def readme_iframes() -> list[tuple[str, int, int]]:
    """(path with query, width, height) of every iframe in the README's embed block."""
    text = (browser.ROOT / "README.md").read_text("utf-8")
    section = text[text.index("### Sematan (iframe) untuk portal") :]
    section = section[: section.index("\n## ")]
    return [(path.replace("&amp;", "&"), int(w), int(h)) for path, w, h in IFRAME.findall(section)]


EMBEDS = readme_iframes()

# Inside a frame: the scrolling main area and the document, each as scroll/client sizes.
_JS_SCROLL = """() => {
  const m = document.querySelector('[data-testid="stMain"]');
  const d = document.scrollingElement;
  return {main: [m.scrollHeight, m.clientHeight, m.scrollWidth, m.clientWidth],
          doc: [d.scrollHeight, d.clientHeight, d.scrollWidth, d.clientWidth]};
}"""


def test_readme_gives_a_size_for_every_single_view():
    from ucj_oversight.web import page

    views = {
        (urlsplit(p).path.strip("/"), parse_qs(urlsplit(p).query)["view"][0])
        for p, _, _ in EMBEDS
        if "kecamatan=" not in p
    }
    expected = {(name, v) for name, vs in page.VIEWS.items() for v in vs if v != "presentasi"}
    assert views == expected
    assert all("embed=true" in p for p, _, _ in EMBEDS)


@pytest.fixture(scope="module")
def public_server(tmp_path_factory):
    db_path = ingest.ensure_sample_db(tmp_path_factory.mktemp("browser_embed") / "sampel.duckdb")
    browser.CREDENTIALS = None
    s = browser.start_server(db_path, log_dir=db_path.parent, extra_env={"UCJ_MODE": "publik"})
    yield s
    s.stop()


@pytest.fixture(scope="module")
def portal(chromium):
    ctx = chromium.new_context(viewport={"width": 1000, "height": 1000}, locale="id-ID")
    ctx.set_default_timeout(60_000)
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("path, width, height", EMBEDS, ids=[p for p, _, _ in EMBEDS])
def test_embed_fits_its_iframe(public_server, portal, path, width, height):
    portal.set_content(
        f'<html><body style="margin:0"><iframe src="{public_server.url}{path}" width="{width}" '
        f'height="{height}" style="border:0"></iframe></body></html>'
    )
    frame = next(f for f in portal.frames if f != portal.main_frame)
    browser.wait_idle(frame, timeout_ms=60_000)
    browser.wait_charts(frame)
    browser.wait_idle(frame, stable_ms=500)  # plotly.js has sized the charts to the frame
    assert browser.exception_text(frame) == ""
    drawn = frame.locator(f'{browser.S_PLOTLY}, [data-testid="stMetric"], [data-testid="stAlertContentInfo"]')
    assert drawn.count() > 0, "the view drew nothing"
    query = parse_qs(urlsplit(path).query)
    name = "_".join(
        [urlsplit(path).path.strip("/")] + [query[k][0] for k in ("view", "kecamatan", "lang") if k in query]
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    portal.locator("iframe").screenshot(path=str(SCREENSHOTS / f"embed_{name}.png"))
    sizes = frame.evaluate(_JS_SCROLL)
    for where, (scroll_h, client_h, scroll_w, client_w) in sizes.items():
        assert client_h == height or where == "main", sizes
        assert scroll_h <= client_h + 1, f"{path}: {where} scrolls ({scroll_h} > {client_h} px) in a {height} px iframe"
        assert scroll_w <= client_w + 1, f"{path}: {where} is wider than the {width} px iframe ({scroll_w} px)"
