"""Real-browser tests: the dashboard served by `streamlit run app.py` over the simulated sample,
opened in Debian's Chromium through Playwright.

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
from conftest import SANDI_UJI  # noqa: E402
from ucj_oversight import settings, figures
from ucj_oversight.storage import db
from ucj_oversight.text import fmt  # noqa: E402
from ucj_oversight.text.labels import t  # noqa: E402

pytestmark = pytest.mark.browser

SCREENSHOTS = browser.AKAR / "artifacts" / "screenshots"
HALAMAN = ["ringkasan", "cakupan", "anggaran", "klaim", "temuan", "metodologi"]
TANPA_GRAFIK = {"metodologi", "temuan"}
DESKTOP = {"width": 1280, "height": 900}
PONSEL = {"width": 375, "height": 812}
KEC = "32.75.08"

if not Path(browser.CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {browser.CHROMIUM} (set UCJ_CHROMIUM)", allow_module_level=True)


# ------------------------------------------------------------------ session fixtures

@pytest.fixture(scope="session")
def db_sampel(tmp_path_factory) -> Path:
    return settings.ensure_sample_db(tmp_path_factory.mktemp("browser") / "sampel.duckdb")


@pytest.fixture(scope="session")
def server(db_sampel, users_uji):
    browser.KREDENSIAL = ("anggota1", SANDI_UJI)
    s = browser.mulai_server(db_sampel, log_dir=db_sampel.parent,
                             env_tambahan={"UCJ_USERS": str(users_uji),
                                           "UCJ_AUDIT": str(db_sampel.parent / "audit.jsonl")})
    yield s
    s.stop()


@pytest.fixture(scope="session")
def app(server, konteks_desktop):
    """The server after one full session on "/": the first run imports the libraries and fills
    the figure cache, and Streamlit treats the very first session specially (it does not report
    an unknown page path), so no test depends on being first."""
    pg = konteks_desktop.new_page()
    try:
        browser.buka(pg, server.url + "/", timeout_ms=60_000)
    finally:
        pg.close()
    return server


@pytest.fixture(scope="session")
def konteks_desktop(chromium):
    ctx = chromium.new_context(viewport=DESKTOP, locale="id-ID")
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def konteks_ponsel(chromium):
    ctx = chromium.new_context(viewport=PONSEL, locale="id-ID", device_scale_factor=1,
                               is_mobile=True, has_touch=True)
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(konteks_desktop):
    pg = konteks_desktop.new_page()
    yield pg
    pg.close()


@pytest.fixture
def page_ponsel(konteks_ponsel):
    pg = konteks_ponsel.new_page()
    yield pg
    pg.close()


@pytest.fixture(scope="session")
def angka(db_sampel):
    """The headline figures the page should show, from the figures module on the same DB."""
    with db.read(db_sampel) as con:
        asof = figures.latest_month(con)
        return {
            "asof": asof,
            "kota": figures.ringkasan(con, asof),
            "kec": figures.ringkasan(con, asof, figures.Filter(KEC)),
        }


def _query(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


# ------------------------------------------------------------------ every page

@pytest.mark.parametrize("nama", HALAMAN)
def test_halaman_terbuka_tanpa_error(nama, app, page, page_ponsel):
    url = f"{app.url}/{nama}"
    harus_grafik = nama not in TANPA_GRAFIK
    browser.buka_bersama([page, page_ponsel], url)

    masalah = []
    for pg, lebar, akhiran in ((page, "1280", ""), (page_ponsel, "375", "_375")):
        n_grafik = browser.tunggu_grafik(pg) if harus_grafik else 0
        # the picture first, so a failing page still leaves one to look at
        browser.screenshot_penuh(pg, SCREENSHOTS / f"{nama}{akhiran}.png")
        if exc := browser.teks_exception(pg):
            masalah.append(f"{lebar}px: exception box:\n{exc}")
        # e.g. Streamlit's "Page not found" when the path is not one the app serves
        if dialog := browser.teks_dialog(pg):
            masalah.append(f"{lebar}px: opens with a modal (address now {pg.url}): {dialog!r}")
        if not any("DATA SIMULASI" in w for w in browser.teks_peringatan(pg)):
            masalah.append(f"{lebar}px: no DATA SIMULASI banner; warnings: {browser.teks_peringatan(pg)}")
        if harus_grafik and n_grafik < 1:
            masalah.append(f"{lebar}px: no Plotly chart")
        if akhiran and (lebih := browser.melebar(pg)):
            warnings.warn(f"/{nama} at 375 px sticks out to the right: {lebih}")
    assert not masalah, f"/{nama}:\n- " + "\n- ".join(masalah)


# ------------------------------------------------------------------ Ringkasan figures
# Ringkasan is the default page, served at "/".

def test_ringkasan_angka_utama(app, page, angka):
    browser.buka(page, app.url + "/")
    assert browser.teks_exception(page) == ""
    assert fmt.month(str(angka["asof"]), "id") in browser.judul(page)
    r = angka["kota"]
    assert browser.nilai_metric(page, t("kartu_peserta", "id")) == fmt.number(r["peserta_aktif"])
    assert browser.nilai_metric(page, t("kartu_serapan", "id")) == fmt.percent(r["serapan_persen"])


def test_ringkasan_saringan_kecamatan(app, page, angka):
    browser.buka(page, f"{app.url}/?kecamatan={KEC}")
    assert browser.teks_exception(page) == ""
    diharapkan = fmt.number(angka["kec"]["peserta_aktif"])
    assert angka["kec"]["peserta_aktif"] != angka["kota"]["peserta_aktif"]
    assert browser.nilai_metric(page, t("kartu_peserta", "id")) == diharapkan
    assert _query(page.url).get("kecamatan") == KEC, page.url


# ------------------------------------------------------------------ URL parameters

@pytest.mark.parametrize("param, nilai", [("as_of", "2026-13"), ("kecamatan", "Cikarang")])
def test_parameter_salah_diberi_peringatan(param, nilai, app, page, angka):
    browser.buka(page, f"{app.url}/?{param}={nilai}")
    assert browser.teks_exception(page) == ""
    peringatan = [w for w in browser.teks_peringatan(page) if "DATA SIMULASI" not in w]
    assert any(param in w for w in peringatan), f"no warning naming {param}: {peringatan}"
    # and the page falls back to the default view (city-wide, latest month)
    assert browser.nilai_metric(page, t("kartu_peserta", "id")) == fmt.number(angka["kota"]["peserta_aktif"])


def test_bahasa_inggris(app, page):
    browser.buka(page, f"{app.url}/?lang=en")
    assert browser.teks_exception(page) == ""
    assert "Summary" in browser.judul(page)
    assert browser.link_nav(page, t("hal_cakupan", "en")).count() == 1


# ------------------------------------------------------------------ navigation keeps filters

def test_navigasi_sidebar_menjaga_filter(app, page, angka):
    bulan_lalu = str(angka["asof"].previous())
    filter_url = {"as_of": bulan_lalu, "kecamatan": KEC, "segmen": "PKL"}
    qs = "&".join(f"{k}={v}" for k, v in filter_url.items())
    browser.buka(page, f"{app.url}/?{qs}")
    assert _query(page.url) == filter_url, page.url

    link = browser.link_nav(page, "Cakupan")
    link.first.wait_for(timeout=30_000)
    assert link.count() == 1, "no sidebar link 'Cakupan'"
    browser.klik_dan_tunggu(page, link)

    assert urlsplit(page.url).path.rstrip("/") == "/cakupan", page.url
    assert _query(page.url) == filter_url, page.url
    assert page.locator(browser.S_NAV_LINK + '[aria-current="page"]').get_attribute("href").endswith("/cakupan")


def test_tampilan_presentasi(app, page, angka):
    """?view=presentasi: big numbers, no sidebar, PageDown moves to the next section."""
    browser.buka(page, f"{app.url}/ringkasan?view=presentasi")
    teks = page.locator('[data-testid="stMain"]').inner_text()
    assert fmt.number(angka["kota"]["peserta_aktif"]) in teks and "1/5" in teks
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert browser.teks_exception(page) == ""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "presentasi_1.png"))
    browser.klik_dan_tunggu(page, page.get_by_role("button", name=re.compile("Berikutnya")))
    teks = page.locator('[data-testid="stMain"]').inner_text()
    assert fmt.percent(angka["kota"]["serapan_persen"]) in teks and "2/5" in teks
    browser.tunggu_grafik(page)
    page.screenshot(path=str(SCREENSHOTS / "presentasi_2.png"))
