"""Who sees what, in a real browser: internal log-in and roles, admin upload, public mode
(no row-level data, no identifiers, '<5' for small cells), and the portal's iframe embeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402
from conftest import SMALL_DIR, TEST_KEY, TEST_PASSWORD  # noqa: E402

from ucj_oversight import ingest  # noqa: E402

pytestmark = pytest.mark.browser
# Identifiers in tests/fixtures/kecil: KPJ, claim and SP2D numbers must never reach a public page.
IDENTIFIERS = re.compile(r"\b(A[1-7]|B[12]|K[1-6]|X9|ZZ|S[0-3])\b")


@pytest.fixture
def page(desktop_page):
    return desktop_page


def _small_db(folder: Path) -> Path:
    path = folder / "kecil.duckdb"
    ingest.run_import(path, [SMALL_DIR], key=TEST_KEY)
    return path


@pytest.fixture(scope="module")
def internal_server(tmp_path_factory, test_users_file):
    folder = tmp_path_factory.mktemp("internal")
    db = _small_db(folder)
    s = browser.start_server(
        db,
        log_dir=folder,
        extra_env={
            "UCJ_USERS": str(test_users_file),
            "UCJ_AUDIT": str(folder / "audit.jsonl"),
            "UCJ_NIK_KEY": "kunci-uji",
        },
    )
    s.db = db
    s.folder = folder
    yield s
    s.stop()


@pytest.fixture(scope="module")
def public_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("publik")
    db = _small_db(folder)
    s = browser.start_server(db, log_dir=folder, extra_env={"UCJ_MODE": "publik"})
    yield s
    s.stop()


@pytest.fixture(autouse=True)
def no_automatic_log_in(monkeypatch):
    # These tests type their own credentials.
    monkeypatch.setattr(browser, "CREDENTIALS", None)


def _text(page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


def test_internal_refuses_a_wrong_password(internal_server, page):
    browser.open_page(page, internal_server.url + "/ringkasan?as_of=2026-03")
    assert page.locator(browser.S_PASSWORD).count() == 1
    browser.log_in(page, "anggota1", "bukan-sandinya-sama-sekali")
    text = _text(page)
    assert "Peserta aktif" not in text and page.locator(browser.S_PASSWORD).count() == 1
    assert browser.exception_text(page) == ""


def test_member_reads_but_does_not_upload(internal_server, page):
    browser.open_page(page, internal_server.url + "/ringkasan?as_of=2026-03")
    browser.log_in(page, "anggota1", TEST_PASSWORD)
    assert browser.metric_value(page, "Peserta aktif") == "4"
    menu = browser.nav_titles(page)
    assert "Perlu klarifikasi" in menu and "Unggah data" not in menu and "Log audit" not in menu
    # The upload page does not exist for a council member, even by its URL.
    browser.open_page(page, internal_server.url + "/unggah")
    assert page.locator(browser.S_PASSWORD).count() == 0  # still logged in: the session cookie (issue 14)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert browser.exception_text(page) == ""


def test_admin_uploads_and_sees_the_new_figures(internal_server, page, tmp_path):
    new_file = tmp_path / "peserta_tambahan.csv"
    new_file.write_text(
        "no_kpj,nik,tgl_lahir,jenis_kelamin,kecamatan,segmen,tgl_mulai,tgl_akhir,status\n"
        "N1,3275080101900099,1990-01-01,P,Pondokgede,PKL,2026-01-01,,AKTIF\n",
        encoding="utf-8",
    )
    browser.open_page(page, internal_server.url + "/unggah")
    browser.log_in(page, "admin1", TEST_PASSWORD)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(new_file))
    page.get_by_text("Simpan ke basis data").wait_for(timeout=30_000)
    browser.wait_idle(page)
    assert "1" in _text(page) and browser.exception_text(page) == ""
    browser.click_and_wait(page, page.get_by_role("button", name=re.compile("Simpan ke basis data")))
    page.get_by_text("Tersimpan").wait_for(timeout=30_000)
    # The new figures, at once, on the summary.
    browser.click_and_wait(page, browser.nav_link(page, "Ringkasan"))
    assert browser.metric_value(page, "Peserta aktif") == "5"


PUBLIC = ["ringkasan", "cakupan", "anggaran", "klaim", "metodologi"]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_has_no_row_data_or_identifiers(public_server, page, name):
    browser.open_page(page, f"{public_server.url}/{name}?as_of=2026-03")
    text = _text(page)
    assert browser.exception_text(page) == ""
    assert page.locator(browser.S_PASSWORD).count() == 0  # no log-in in public mode
    assert not IDENTIFIERS.findall(text), IDENTIFIERS.findall(text)
    # No file names or hashes of the imports (the methodology text itself may show examples).
    assert "_kecil.csv" not in text and not re.search(r"\b[0-9a-f]{64}\b", text)
    if name != "metodologi":
        assert "•" not in text  # no masked row identifiers
    assert browser.nav_titles(page) == ["Ringkasan", "Cakupan", "Anggaran", "Klaim", "Metodologi"]


def test_public_masks_small_numbers(public_server, page):
    browser.open_page(page, f"{public_server.url}/klaim?as_of=2026-03")
    text = _text(page)
    assert "<5" in text and "disamarkan" in text


def test_public_downloads_are_built_on_click_and_stay_masked(public_server, page):
    """Table downloads are built only when clicked (st.download_button with a callable): the
    file still arrives, with the same hidden cells as the table on screen, in CSV and XLSX."""
    import io

    import openpyxl

    browser.open_page(page, f"{public_server.url}/klaim?as_of=2026-03")
    buttons = page.locator('[data-testid="stDownloadButton"] button')
    csv = buttons.filter(has_text="Unduh CSV").first
    with page.expect_download(timeout=30_000) as download:
        csv.click()
    content = Path(download.value.path()).read_text("utf-8")
    assert download.value.suggested_filename == "klaim_kecamatan_2026-03.csv"
    assert content.startswith("nama_kecamatan,") and "<5" in content and "disamarkan" in content
    with page.expect_download(timeout=30_000) as download:
        buttons.filter(has_text="Unduh XLSX").first.click()
    wb = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    cells = [str(c.value) for row in wb.active.iter_rows() for c in row]
    assert "nama_kecamatan" in cells and "<5" in cells
    assert browser.exception_text(page) == ""


@pytest.mark.parametrize("path", ["temuan", "unggah", "audit", "temuan?kode=IURAN_GANDA"])
def test_public_has_no_internal_pages(public_server, page, path):
    page.goto(f"{public_server.url}/{path}", wait_until="domcontentloaded")
    browser.wait_idle(page)
    text = _text(page)
    assert "Rincian baris" not in text and "karantina" not in text.lower()
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    # Streamlit's own not-found handling: a "Page not found" box and the default page instead;
    # never the requested page (the first session after a start: tests/test_browser_start.py).
    dialog = browser.dialog_text(page).lower()
    assert "not found" in dialog or "/" + path.split("?")[0] not in page.url


def test_iframe_portal(public_server, page):
    src = [
        f"{public_server.url}/{p}&embed=true&as_of=2026-03"
        for p in ("ringkasan?view=kartu", "cakupan?view=peta", "anggaran?view=kumulatif", "klaim?lang=id")
    ]
    page.set_content(
        "<html><body>"
        + "".join(f'<iframe src="{s}" width="800" height="600" style="border:0"></iframe>' for s in src)
        + "</body></html>"
    )
    frames = [f for f in page.frames if f != page.main_frame]
    assert len(frames) == 4
    for f in frames:
        f.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    # The map: a chart, or (every small count of the fixture masked) the sentence saying why.
    for f in frames[1:3]:
        chart = f.locator(".js-plotly-plot .main-svg").first
        chart.or_(f.get_by_text(re.compile("tidak digambar"))).first.wait_for(timeout=30_000)
    for f in frames:
        assert f.locator(browser.S_EXCEPTION).count() == 0
        assert f.locator('[data-testid="stSidebar"]').is_hidden() or "view=" not in f.url
