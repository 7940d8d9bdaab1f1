"""Who sees what, in a real browser: internal log-in and roles, admin upload, public mode
(no row-level data, no identifiers, '<5' for small cells), and the portal's iframe embeds."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402
from conftest import KECIL, KUNCI_UJI, SANDI_UJI  # noqa: E402
from ucj_oversight import ingest  # noqa: E402

pytestmark = pytest.mark.browser
# Identifiers in tests/fixtures/kecil: KPJ, claim and SP2D numbers must never reach a public page.
PENGENAL = re.compile(r"\b(A[1-7]|B[12]|K[1-6]|X9|ZZ|S[0-3])\b")


@pytest.fixture
def page(chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    ctx.set_default_timeout(30_000)
    pg = ctx.new_page()
    yield pg
    ctx.close()


def _db_kecil(folder: Path) -> Path:
    path = folder / "kecil.duckdb"
    ingest.run_import(path, [KECIL], kunci=KUNCI_UJI)
    return path


@pytest.fixture(scope="module")
def server_internal(tmp_path_factory, users_uji):
    folder = tmp_path_factory.mktemp("internal")
    db = _db_kecil(folder)
    s = browser.mulai_server(db, log_dir=folder, env_tambahan={
        "UCJ_USERS": str(users_uji), "UCJ_AUDIT": str(folder / "audit.jsonl"), "UCJ_NIK_KEY": "kunci-uji"})
    s.db = db
    s.folder = folder
    yield s
    s.stop()


@pytest.fixture(scope="module")
def server_publik(tmp_path_factory):
    folder = tmp_path_factory.mktemp("publik")
    db = _db_kecil(folder)
    s = browser.mulai_server(db, log_dir=folder, env_tambahan={"UCJ_MODE": "publik"})
    yield s
    s.stop()


@pytest.fixture(autouse=True)
def tanpa_login_otomatis(monkeypatch):
    # These tests type their own credentials.
    monkeypatch.setattr(browser, "KREDENSIAL", None)


def _teks(page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


def test_internal_menolak_sandi_salah(server_internal, page):
    browser.buka(page, server_internal.url + "/ringkasan?as_of=2026-03")
    assert page.locator(browser.S_SANDI).count() == 1
    browser.masuk(page, "anggota1", "bukan-sandinya-sama-sekali")
    teks = _teks(page)
    assert "Peserta aktif" not in teks and page.locator(browser.S_SANDI).count() == 1
    assert browser.teks_exception(page) == ""


def test_anggota_membaca_tetapi_tidak_mengunggah(server_internal, page):
    browser.buka(page, server_internal.url + "/ringkasan?as_of=2026-03")
    browser.masuk(page, "anggota1", SANDI_UJI)
    assert browser.nilai_metric(page, "Peserta aktif") == "4"
    nav = page.locator(browser.S_NAV_LINK).all_inner_texts()
    assert any("Temuan" in n for n in nav) and not any("Unggah" in n for n in nav)
    # The upload page does not exist for a council member, even by its URL.
    browser.buka(page, server_internal.url + "/unggah")
    browser.masuk(page, "anggota1", SANDI_UJI)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert browser.teks_exception(page) == ""


def test_admin_mengunggah_dan_melihat_angka_baru(server_internal, page, tmp_path):
    baru = tmp_path / "peserta_tambahan.csv"
    baru.write_text("no_kpj,nik,tgl_lahir,jenis_kelamin,kecamatan,segmen,tgl_mulai,tgl_akhir,status\n"
                    "N1,3275080101900099,1990-01-01,P,Pondokgede,PKL,2026-01-01,,AKTIF\n", encoding="utf-8")
    browser.buka(page, server_internal.url + "/unggah")
    browser.masuk(page, "admin1", SANDI_UJI)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(baru))
    page.get_by_text("Simpan ke basis data").wait_for(timeout=30_000)
    browser.tunggu_idle(page)
    assert "1" in _teks(page) and browser.teks_exception(page) == ""
    browser.klik_dan_tunggu(page, page.get_by_role("button", name=re.compile("Simpan ke basis data")))
    page.get_by_text("Tersimpan").wait_for(timeout=30_000)
    # The new figures, at once, on the summary.
    browser.klik_dan_tunggu(page, browser.link_nav(page, "Ringkasan"))
    assert browser.nilai_metric(page, "Peserta aktif") == "5"


PUBLIK = ["ringkasan", "cakupan", "anggaran", "klaim", "metodologi"]


@pytest.mark.parametrize("nama", PUBLIK)
def test_publik_tanpa_data_baris_dan_pengenal(server_publik, page, nama):
    browser.buka(page, f"{server_publik.url}/{nama}?as_of=2026-03")
    teks = _teks(page)
    assert browser.teks_exception(page) == ""
    assert page.locator(browser.S_SANDI).count() == 0          # no log-in in public mode
    assert not PENGENAL.findall(teks), PENGENAL.findall(teks)
    # No file names or hashes of the imports (the methodology text itself may show examples).
    assert "_kecil.csv" not in teks and not re.search(r"\b[0-9a-f]{64}\b", teks)
    if nama != "metodologi":
        assert "•" not in teks                                   # no masked row identifiers
    nav = page.locator(browser.S_NAV_LINK).all_inner_texts()
    assert not any(n.strip() in ("Temuan", "Unggah data", "Log audit") for n in nav)


def test_publik_menyamarkan_angka_kecil(server_publik, page):
    browser.buka(page, f"{server_publik.url}/klaim?as_of=2026-03")
    teks = _teks(page)
    assert "<5" in teks and "disamarkan" in teks


def test_publik_unduhan_dibuat_saat_diklik_dan_tetap_disamarkan(server_publik, page):
    """Table downloads are built only when clicked (st.download_button with a callable): the
    file still arrives, with the same hidden cells as the table on screen, in CSV and XLSX."""
    import io

    import openpyxl

    browser.buka(page, f"{server_publik.url}/klaim?as_of=2026-03")
    tombol = page.locator('[data-testid="stDownloadButton"] button')
    csv = tombol.filter(has_text="Unduh CSV").first
    with page.expect_download(timeout=30_000) as unduhan:
        csv.click()
    isi = Path(unduhan.value.path()).read_text("utf-8")
    assert unduhan.value.suggested_filename == "klaim_kecamatan_2026-03.csv"
    assert isi.startswith("nama_kecamatan,") and "<5" in isi and "disamarkan" in isi
    with page.expect_download(timeout=30_000) as unduhan:
        tombol.filter(has_text="Unduh XLSX").first.click()
    wb = openpyxl.load_workbook(io.BytesIO(Path(unduhan.value.path()).read_bytes()))
    sel = [str(c.value) for baris in wb.active.iter_rows() for c in baris]
    assert "nama_kecamatan" in sel and "<5" in sel
    assert browser.teks_exception(page) == ""


@pytest.mark.parametrize("jalur", ["temuan", "unggah", "audit", "temuan?kode=IURAN_GANDA"])
def test_publik_halaman_internal_tidak_ada(server_publik, page, jalur):
    page.goto(f"{server_publik.url}/{jalur}", wait_until="domcontentloaded")
    browser.tunggu_idle(page)
    teks = _teks(page)
    assert "Rincian baris" not in teks and "karantina" not in teks.lower()
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    # Streamlit's own not-found handling: a "Page not found" box (its first session after a
    # server start skips the box) and the default page instead; never the requested page.
    dialog = browser.teks_dialog(page).lower()
    assert "not found" in dialog or "/" + jalur.split("?")[0] not in page.url


def test_iframe_portal(server_publik, page):
    src = [f"{server_publik.url}/{p}&embed=true&as_of=2026-03" for p in
           ("ringkasan?view=kartu", "cakupan?view=peta", "anggaran?view=kumulatif", "klaim?lang=id")]
    page.set_content("<html><body>" + "".join(
        f'<iframe src="{s}" width="800" height="600" style="border:0"></iframe>' for s in src) + "</body></html>")
    bingkai = [f for f in page.frames if f != page.main_frame]
    assert len(bingkai) == 4
    for f in bingkai:
        f.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    for f in bingkai[1:3]:
        f.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    for f in bingkai:
        assert f.locator(browser.S_EXCEPTION).count() == 0
        assert f.locator('[data-testid="stSidebar"]').is_hidden() or "view=" not in f.url
