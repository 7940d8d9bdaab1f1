"""The Unggah preview in a real browser (issue 12, part 7): what the admin sees before anything is
written, a control total that does not match, and a header the contract does not know, mapped on
the page and saved as a source profile that the next check applies by itself.

Screenshots go to artifacts/screenshots/unggah_*.png (1280 px wide, whole page)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402
from conftest import SMALL_DIR, TEST_KEY, TEST_PASSWORD  # noqa: E402

from ucj_oversight import ingest  # noqa: E402
from ucj_oversight.storage.atomic import sha256_file  # noqa: E402

pytestmark = pytest.mark.browser
SCREENSHOTS = browser.ROOT / "artifacts" / "screenshots"


@pytest.fixture(autouse=True)
def no_automatic_log_in(monkeypatch):
    monkeypatch.setattr(browser, "CREDENTIALS", None)


@pytest.fixture
def server(tmp_path, test_users_file):
    """A fresh internal server per test: its own database, audit log and profiles file."""
    db = tmp_path / "kecil.duckdb"
    ingest.run_import(db, [SMALL_DIR], key=TEST_KEY)
    s = browser.start_server(
        db,
        log_dir=tmp_path,
        extra_env={
            "UCJ_USERS": str(test_users_file),
            "UCJ_AUDIT": str(tmp_path / "audit.jsonl"),
            "UCJ_PROFILES": str(tmp_path / "profil.json"),
            "UCJ_NIK_KEY": "kunci-uji",
        },
    )
    s.db, s.folder = db, tmp_path
    yield s
    s.stop()


@pytest.fixture
def page(desktop_page):
    return desktop_page


def _text(page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


def _upload(server, page, path: Path) -> None:
    browser.open_page(page, server.url + "/unggah")
    browser.log_in(page, "admin1", TEST_PASSWORD)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


def _events(server) -> list[dict]:
    path = server.folder / "audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_preview_shows_a_control_total_mismatch_and_writes_nothing(server, page, tmp_path):
    # An SP2D register as BPKAD prints it: title rows, a No. column, a JUMLAH row whose stated
    # count (3) and amount (Rp 1.000.000) differ from the two rows above it (Rp 700.000).
    f = tmp_path / "register_sp2d_2026.csv"
    f.write_text(
        "BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH KOTA BEKASI\n"
        "Register SP2D Tahun Anggaran 2026\n"
        "\n"
        "No.,No. SP2D,Tgl SP2D,Kode Rekening,Nominal,Periode Tagihan\n"
        "1,0901/SP2D/LS/2026,05-Jan-2026,5.1.02.01.01.0026,Rp 400.000,Jan 2026\n"
        "2,0902/SP2D/LS/2026,06-Jan-2026,5.1.02.01.01.0026,Rp 300.000,Jan 2026\n"
        "JUMLAH,3,,,Rp 1.000.000,\n"
        "\n"
        "Bekasi, 7 Januari 2026\n"
        "Kepala BPKAD\n"
        "NIP. 19750101 200001 1 001\n",
        encoding="utf-8",
    )
    before = sha256_file(server.db)
    _upload(server, page, f)
    page.get_by_text("Simpan ke basis data").wait_for(timeout=30_000)
    browser.wait_idle(page)
    text = _text(page)
    assert "Total kontrol baris 7 (JUMLAH): TIDAK COCOK" in text and browser.exception_text(page) == ""
    # The preview: kind from the content, header row, mapping, skipped rows by why, first rows.
    assert "realisasi" in text and "Header: baris 4" in text
    assert re.search(r"No\. SP2D\s+no_sp2d", text) and "(nomor urut, diabaikan)" in text
    assert "ringkasan (JUMLAH/TOTAL): 1 baris (baris 7)" in text
    assert "penutup (tanda tangan, tanggal, keterangan): 3 baris (baris 9–11)" in text
    assert "0901/SP2D/LS/2026" in text and "400000" in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.full_screenshot(page, SCREENSHOTS / "unggah_kontrol_beda.png")
    # Nothing is written until the admin confirms.
    assert sha256_file(server.db) == before
    browser.click_and_wait(page, page.get_by_role("button", name=re.compile("Simpan ke basis data")))
    page.get_by_text("Tersimpan").wait_for(timeout=30_000)
    assert sha256_file(server.db) != before
    imported = [e for e in _events(server) if e["peristiwa"] == "impor"]
    assert imported and "selisih" in imported[-1]["kontrol"]


def _choose(page, label: str, value: str) -> None:
    """Pick `value` in the Streamlit selectbox labelled `label` (typing filters the options)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True))
    box.click()
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def test_unrecognised_header_is_mapped_saved_as_a_profile_and_applied(server, page, tmp_path):
    f = tmp_path / "peserta_disnaker_okt_2026.csv"
    f.write_text(
        "DAFTAR PESERTA BPU PEMKOT BEKASI\n"
        "Posisi per 31 Oktober 2026\n"
        "\n"
        "Nomor Kartu,Nomor Induk Warga,Nama,Tgl Lahir,Kelamin (L/P),Kecamatan,Segmen,Tgl Daftar,Tgl Akhir,Status\n"
        "N7,3275080101900077,Ani,1990-01-01,P,Pondokgede,PKL,2026-01-01,,AKTIF\n"
        "N8,3275080101900078,Budi,1991-02-02,L,Pondokgede,PKL,2026-02-01,,AKTIF\n",
        encoding="utf-8",
    )
    before = sha256_file(server.db)
    _upload(server, page, f)
    page.get_by_text("Header tidak dikenali").first.wait_for(timeout=30_000)
    browser.wait_idle(page)
    text = _text(page)
    assert "Belum ada yang ditulis" in text and browser.exception_text(page) == ""
    for missing in ("no_kpj", "nik", "jenis_kelamin", "tgl_mulai"):
        assert missing in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.full_screenshot(page, SCREENSHOTS / "unggah_header_tidak_dikenali.png")
    _choose(page, "Nomor Kartu", "no_kpj")
    _choose(page, "Nomor Induk Warga", "nik")
    _choose(page, "Kelamin (L/P)", "jenis_kelamin")
    _choose(page, "Tgl Daftar", "tgl_mulai")
    name = page.get_by_label(re.compile("Nama profil"))
    name.fill("Daftar BPU Disnaker")
    browser.click_and_wait(page, page.get_by_role("button", name=re.compile("Simpan profil")))
    page.get_by_text("Simpan ke basis data").wait_for(timeout=30_000)
    browser.wait_idle(page)
    text = _text(page)
    assert "Profil 'Daftar BPU Disnaker' disimpan" in text
    assert re.search(r"Nomor Kartu\s+no_kpj", text) and "3275" in text and "3275080101900077" not in text
    browser.full_screenshot(page, SCREENSHOTS / "unggah_profil_diterapkan.png")
    assert sha256_file(server.db) == before  # saving a profile writes no data
    saved = json.loads((server.folder / "profil.json").read_text(encoding="utf-8"))["profil"]
    assert saved[0]["nama"] == "Daftar BPU Disnaker" and saved[0]["kolom"]["Nomor Kartu"] == "no_kpj"
    created = [e for e in _events(server) if e["peristiwa"] == "profil_dibuat"]
    assert created and created[0]["oleh"] == "admin1" and "Nomor Kartu → no_kpj" in created[0]["kolom"]
    browser.click_and_wait(page, page.get_by_role("button", name=re.compile("Simpan ke basis data")))
    page.get_by_text("Tersimpan").wait_for(timeout=30_000)
    assert sha256_file(server.db) != before
