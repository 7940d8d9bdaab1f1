"""Real-browser tests: the dashboard served as deployed (`python -m ucj_oversight.server`) over the
simulated sample, opened in Debian's Chromium through Playwright.

One database, one server, one browser for the whole session; pages are opened fresh per test
(each page load is its own Streamlit session, so URL parameters are read anew).
Screenshots go to artifacts/screenshots/<page>.png (1280×900) and <page>_375.png (375×812).

Run: .venv/bin/python -m pytest -q tests/test_browser.py     (or -m browser)
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402  (tests/browser.py)
from conftest import TEST_PASSWORD  # noqa: E402

from ucj_oversight import figures, ingest
from ucj_oversight.storage import db
from ucj_oversight.text import fmt  # noqa: E402
from ucj_oversight.text.labels import t  # noqa: E402

pytestmark = pytest.mark.browser

SCREENSHOTS = browser.ROOT / "artifacts" / "screenshots"
PAGES = ["ringkasan", "cakupan", "anggaran", "klaim", "temuan", "metodologi"]
WITHOUT_CHARTS = {"metodologi", "temuan"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
KEC = "32.75.08"

if not Path(browser.CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {browser.CHROMIUM} (set UCJ_CHROMIUM)", allow_module_level=True)


# ------------------------------------------------------------------ session fixtures


@pytest.fixture(scope="session")
def db_sample(tmp_path_factory) -> Path:
    return ingest.ensure_sample_db(tmp_path_factory.mktemp("browser") / "sampel.duckdb")


@pytest.fixture(scope="session")
def server(db_sample, test_users_file):
    browser.CREDENTIALS = ("anggota1", TEST_PASSWORD)
    s = browser.start_server(
        db_sample,
        log_dir=db_sample.parent,
        extra_env={"UCJ_USERS": str(test_users_file), "UCJ_AUDIT": str(db_sample.parent / "audit.jsonl")},
    )
    yield s
    s.stop()


@pytest.fixture(scope="session")
def app(server, desktop_context):
    """The server after one full session on "/": the first run imports the libraries and fills
    the figure cache, so no test here depends on being first (the very first session after a
    start has its own tests: test_browser_start.py)."""
    pg = desktop_context.new_page()
    try:
        browser.open_page(pg, server.url + "/", timeout_ms=60_000)
    finally:
        pg.close()
    return server


@pytest.fixture(scope="session")
def desktop_context(chromium):
    ctx = chromium.new_context(viewport=DESKTOP, locale="id-ID")
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def phone_context(chromium):
    ctx = chromium.new_context(viewport=PHONE, locale="id-ID", device_scale_factor=1, is_mobile=True, has_touch=True)
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(desktop_context):
    pg = desktop_context.new_page()
    yield pg
    pg.close()


@pytest.fixture
def phone_page(phone_context):
    pg = phone_context.new_page()
    yield pg
    pg.close()


@pytest.fixture(scope="session")
def expected(db_sample):
    """The headline figures the page should show, from the figures module on the same DB."""
    with db.read(db_sample) as con:
        asof = figures.latest_month(con)
        return {
            "asof": asof,
            "city": figures.ringkasan(con, asof),
            "kecamatan": figures.ringkasan(con, asof, figures.Filter(KEC)),
        }


def _query(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


# ------------------------------------------------------------------ every page


@pytest.mark.parametrize("name", PAGES)
def test_page_opens_without_error(name, app, page, phone_page):
    url = f"{app.url}/{name}"
    wants_charts = name not in WITHOUT_CHARTS
    browser.open_together([page, phone_page], url)

    problems = []
    for pg, width, suffix in ((page, "1280", ""), (phone_page, "375", "_375")):
        n_charts = browser.wait_charts(pg) if wants_charts else 0
        # the picture first, so a failing page still leaves one to look at
        browser.full_screenshot(pg, SCREENSHOTS / f"{name}{suffix}.png")
        if exc := browser.exception_text(pg):
            problems.append(f"{width}px: exception box:\n{exc}")
        # e.g. Streamlit's "Page not found" when the path is not one the app serves
        if dialog := browser.dialog_text(pg):
            problems.append(f"{width}px: opens with a modal (address now {pg.url}): {dialog!r}")
        if not any("DATA SIMULASI" in w for w in browser.warning_texts(pg)):
            problems.append(f"{width}px: no DATA SIMULASI banner; warnings: {browser.warning_texts(pg)}")
        if wants_charts and n_charts < 1:
            problems.append(f"{width}px: no Plotly chart")
        if suffix and (overflow := browser.overflow_right(pg)):
            warnings.warn(f"/{name} at 375 px sticks out to the right: {overflow}", stacklevel=2)
    assert not problems, f"/{name}:\n- " + "\n- ".join(problems)


# ------------------------------------------------------------------ Ringkasan figures
# Ringkasan is the default page, served at "/".


def test_ringkasan_headline_figures(app, page, expected):
    browser.open_page(page, app.url + "/")
    assert browser.exception_text(page) == ""
    assert fmt.month(str(expected["asof"]), "id") in browser.title(page)
    r = expected["city"]
    assert browser.metric_value(page, t("kartu_peserta", "id")) == fmt.number(r["peserta_aktif"])
    assert browser.metric_value(page, t("kartu_serapan", "id")) == fmt.percent(r["serapan_persen"])


def test_ringkasan_kecamatan_filter(app, page, expected):
    browser.open_page(page, f"{app.url}/?kecamatan={KEC}")
    assert browser.exception_text(page) == ""
    wanted = fmt.number(expected["kecamatan"]["peserta_aktif"])
    assert expected["kecamatan"]["peserta_aktif"] != expected["city"]["peserta_aktif"]
    assert browser.metric_value(page, t("kartu_peserta", "id")) == wanted
    assert _query(page.url).get("kecamatan") == KEC, page.url


# ------------------------------------------------------------------ URL parameters


@pytest.mark.parametrize("param, value", [("as_of", "2026-13"), ("kecamatan", "Cikarang")])
def test_wrong_parameter_gets_a_warning(param, value, app, page, expected):
    browser.open_page(page, f"{app.url}/?{param}={value}")
    assert browser.exception_text(page) == ""
    alerts = [w for w in browser.warning_texts(page) if "DATA SIMULASI" not in w]
    assert any(param in w for w in alerts), f"no warning naming {param}: {alerts}"
    # and the page falls back to the default view (city-wide, latest month)
    assert browser.metric_value(page, t("kartu_peserta", "id")) == fmt.number(expected["city"]["peserta_aktif"])


def test_english(app, page):
    browser.open_page(page, f"{app.url}/?lang=en")
    assert browser.exception_text(page) == ""
    assert "Summary" in browser.title(page)
    assert browser.nav_link(page, t("hal_cakupan", "en")).count() == 1


# ------------------------------------------------------------------ navigation keeps filters


def test_menu_navigation_keeps_filters(app, page, expected):
    last_month = str(expected["asof"].previous())
    url_filters = {"as_of": last_month, "kecamatan": KEC, "segmen": "PKL"}
    qs = "&".join(f"{k}={v}" for k, v in url_filters.items())
    browser.open_page(page, f"{app.url}/?{qs}")
    assert _query(page.url) == url_filters, page.url

    link = browser.nav_link(page, "Cakupan")
    link.first.wait_for(timeout=30_000)
    assert link.count() == 1, "no sidebar link 'Cakupan'"
    browser.click_and_wait(page, link)

    assert urlsplit(page.url).path.rstrip("/") == "/cakupan", page.url
    assert _query(page.url) == url_filters, page.url
    assert browser.current_nav_title(page) == "Cakupan"


def test_presentation_view(app, page, expected):
    """?view=presentasi: big numbers, no sidebar, 'Berikutnya' moves to the next slide; the
    budget slide shows the same serapan as Ringkasan. (Fit to the screen and the links in and
    out: tests/test_browser_presentation.py.)"""
    browser.open_page(page, f"{app.url}/ringkasan?view=presentasi")
    text = page.locator('[data-testid="stMain"]').inner_text()
    total = int(re.search(r"\b1/(\d+)\b", text).group(1))
    assert fmt.number(expected["city"]["peserta_aktif"]) in text and total >= 5
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert browser.exception_text(page) == ""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "presentasi_1.png"))
    serapan = fmt.percent(expected["city"]["serapan_persen"])
    for n in range(2, total + 1):
        browser.click_and_wait(page, page.get_by_role("button", name=re.compile("Berikutnya")))
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert f"{n}/{total}" in text and browser.exception_text(page) == ""
        if serapan in text:
            break
    assert serapan in text
    browser.wait_charts(page)
    page.screenshot(path=str(SCREENSHOTS / "presentasi_2.png"))
