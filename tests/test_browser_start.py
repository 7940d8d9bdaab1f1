"""The very first session after the server starts (issue 6).

Streamlit serves a `pages/` folder next to the main script in its legacy multipage mode until a
run has called st.navigation; in that mode the first session's sidebar listed every file in
pages/ (audit, unggah, temuan, ...) and the main area stayed empty for a moment, even in public
mode. `python -m ucj_oversight.server` (what tests/browser.py starts) turns that mode off before
Streamlit starts. Here a freshly started public server gets its first request, and everything the
page ever showed, from the first paint until it is idle with its charts drawn, is recorded by a
MutationObserver installed before any of the page's own scripts run.
"""
from __future__ import annotations

import re
import shutil

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402
from conftest import KECIL, KUNCI_UJI  # noqa: E402
from ucj_oversight import ingest  # noqa: E402

pytestmark = pytest.mark.browser

# Records the text of the document after every change (hidden text included: textContent), and
# the path of every sidebar link, into window.__ucjTerlihat.
_JS_REKAM = """(() => {
  window.__ucjTerlihat = {teks: [], tautan: []};
  const catat = () => {
    if (!document.body) return;
    const w = window.__ucjTerlihat;
    const teks = document.body.textContent || '';
    if (w.teks[w.teks.length - 1] !== teks) w.teks.push(teks);
    for (const a of document.querySelectorAll('[data-testid="stSidebarNav"] a, a[data-testid="stSidebarNavLink"]')) {
      const isi = new URL(a.href, location.href).pathname;
      if (!w.tautan.includes(isi)) w.tautan.push(isi);
    }
  };
  new MutationObserver(catat).observe(document, {subtree: true, childList: true, characterData: true,
                                                 attributes: true});
  document.addEventListener('DOMContentLoaded', catat);
})();"""

NAMA_ADMIN = re.compile(r"audit|unggah", re.IGNORECASE)   # no \b: link labels run together in textContent


@pytest.mark.parametrize("alamat", ["/ringkasan", "/anggaran"])
def test_sesi_pertama_setelah_start_tidak_menampilkan_halaman_admin(tmp_path, chromium, alamat):
    db = tmp_path / "kecil.duckdb"
    ingest.run_import(db, [KECIL], kunci=KUNCI_UJI)
    server = browser.mulai_server(db, log_dir=tmp_path, env_tambahan={"UCJ_MODE": "publik"})
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    try:
        ctx.add_init_script(_JS_REKAM)
        page = ctx.new_page()
        page.goto(server.url + alamat + "?as_of=2026-03", wait_until="commit", timeout=60_000)
        browser.tunggu_idle(page, 60_000)
        browser.tunggu_grafik(page, 60_000)
        terlihat = page.evaluate("() => window.__ucjTerlihat")
        assert terlihat["teks"], "the recorder saw nothing"
        # The first run already drew the page itself (app.py with its navigation, not an empty
        # legacy page that reruns).
        assert browser.judul(page), "no page title"
        assert browser.teks_exception(page) == ""
        bocor = sorted({m.group(0) for teks in terlihat["teks"] for m in NAMA_ADMIN.finditer(teks)})
        assert not bocor, f"admin page names shown in public mode: {bocor}"
        # Only the public pages ever appeared in the sidebar (legacy mode links every file: /audit ...).
        assert terlihat["tautan"], "no sidebar links recorded"
        publik = {"/ringkasan", "/cakupan", "/anggaran", "/klaim", "/metodologi"}
        assert set(terlihat["tautan"]) <= publik, terlihat["tautan"]
    finally:
        ctx.close()
        server.stop()
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
