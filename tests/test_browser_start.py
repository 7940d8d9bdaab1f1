"""The very first session after the server starts (issue 6), with both start commands, in both modes.

Streamlit serves a `pages/` folder next to the main script in its legacy multipage mode until a
run has called st.navigation: in that mode a URL such as /unggah runs the page script by itself,
and Streamlit's own sidebar menu lists every file in pages/ (admin pages included). The dashboard
keeps that menu off (.streamlit/config.toml), app.py draws the menu of the pages a mode and user
may open, and a page script run without app.py draws nothing (page.require_context). Here every
case starts a fresh server, with `python -m ucj_oversight.server` or with `streamlit run app.py`,
and sends it its first request; a MutationObserver installed before any of the page's own scripts
run records everything the sidebar and the main area ever showed, from the first paint until the
page is idle with its charts drawn.
"""

from __future__ import annotations

import re

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402
from conftest import SMALL_DIR, TEST_KEY, TEST_PASSWORD  # noqa: E402

from ucj_oversight import ingest  # noqa: E402
from ucj_oversight.text.labels import t  # noqa: E402

pytestmark = pytest.mark.browser

# Records, into window.__ucjSeen, the text of the sidebar and the main area after every change
# (hidden text included: textContent; not Streamlit's "Page not found" box, which names the
# requested path), the path of every menu link (app.py's links, and Streamlit's own menu were
# it ever drawn), and whether an upload widget was ever there.
_JS_RECORD = """(() => {
  window.__ucjSeen = {text: [], links: [], uploader: false};
  const note = () => {
    if (!document.body) return;
    const seen = window.__ucjSeen;
    const text = [...document.querySelectorAll('[data-testid="stSidebar"], [data-testid="stMain"]')]
      .map(e => e.textContent || '').join('\\n');
    if (text && seen.text[seen.text.length - 1] !== text) seen.text.push(text);
    const links = '[data-testid="stSidebarNav"] a, a[data-testid="stSidebarNavLink"], '
      + '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]';
    for (const a of document.querySelectorAll(links)) {
      const path = new URL(a.href, location.href).pathname;
      if (!seen.links.includes(path)) seen.links.push(path);
    }
    if (document.querySelector('[data-testid="stFileUploader"]')) seen.uploader = true;
  };
  new MutationObserver(note).observe(document, {subtree: true, childList: true, characterData: true,
                                                 attributes: true});
  document.addEventListener('DOMContentLoaded', note);
})();"""

ADMIN_WORDS = re.compile(r"audit|unggah", re.IGNORECASE)  # no \b: link labels run together in textContent
PUBLIC = ["ringkasan", "cakupan", "anggaran", "klaim", "metodologi"]
MEMBER = ["ringkasan", "cakupan", "anggaran", "klaim", "temuan", "metodologi"]
ADMIN = [*MEMBER, "unggah", "audit"]


def _titles(pages: list[str]) -> list[str]:
    return [t(f"hal_{p}", "id") for p in pages]


def _seen(page) -> dict:
    return page.evaluate("() => window.__ucjSeen")


def _first_session(tmp_path, chromium, command: str, extra_env: dict, path: str):
    """A fresh server and its first session, opened at `path` and waited for."""
    db = tmp_path / "kecil.duckdb"
    ingest.run_import(db, [SMALL_DIR], key=TEST_KEY)
    server = browser.start_server(db, command=command, log_dir=tmp_path, extra_env=extra_env)
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    ctx.set_default_timeout(60_000)
    ctx.add_init_script(_JS_RECORD)
    page = ctx.new_page()
    page.goto(server.url + path, wait_until="commit", timeout=60_000)
    browser.wait_idle(page, 60_000)
    return server, ctx, page


COMMANDS = ["server", "streamlit-run"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("path", ["/ringkasan?as_of=2026-03", "/unggah", "/audit", "/temuan"])
def test_public_first_session_lists_only_public_pages(tmp_path, chromium, command, path):
    server, ctx, page = _first_session(tmp_path, chromium, command, {"UCJ_MODE": "publik"}, path)
    try:
        browser.wait_forward(page, 60_000)
        browser.wait_charts(page, 60_000)
        seen = _seen(page)
        assert seen["text"], "the recorder saw nothing"
        assert browser.exception_text(page) == ""
        # A page was drawn: the one asked for, or (for a page public mode does not have) the default one.
        assert browser.title(page).startswith("Ringkasan"), browser.title(page)
        assert browser.nav_titles(page) == _titles(PUBLIC)
        # Only the public pages ever appeared in the sidebar (Streamlit's pages/ menu links every file).
        assert set(seen["links"]) <= {f"/{p}" for p in PUBLIC}, seen["links"]
        leaked = sorted({m.group(0) for text in seen["text"] for m in ADMIN_WORDS.finditer(text)})
        assert not leaked, f"admin page names or content shown in public mode: {leaked}"
        assert not seen["uploader"], "the upload widget was drawn in public mode"
        assert not any("Temuan pemeriksaan data" in text or "Rincian" in text for text in seen["text"])
        if path != "/ringkasan?as_of=2026-03":
            assert f"/{path.strip('/')}" not in page.url
    finally:
        ctx.close()
        server.stop()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("username, menu", [("anggota1", MEMBER), ("admin1", ADMIN)])
def test_internal_first_session_at_unggah(tmp_path, chromium, test_users_file, command, username, menu):
    """/unggah as the first request of an internal server: the log-in form and nothing else; after
    log-in a council member gets the member menu and no upload page, an admin the upload page."""
    env = {"UCJ_USERS": str(test_users_file), "UCJ_AUDIT": str(tmp_path / "audit.jsonl")}
    server, ctx, page = _first_session(tmp_path, chromium, command, env, "/unggah")
    try:
        before = _seen(page)
        assert page.locator(browser.S_PASSWORD).count() == 1, "no log-in form"
        assert before["links"] == [] and not before["uploader"], before
        assert not any(ADMIN_WORDS.search(text) for text in before["text"]), before["text"]
        browser.log_in(page, username, TEST_PASSWORD, timeout_ms=60_000)
        browser.wait_forward(page, 60_000)
        seen = _seen(page)
        assert browser.exception_text(page) == ""
        assert browser.nav_titles(page) == _titles(menu)
        assert set(seen["links"]) <= {f"/{p}" for p in menu}, seen["links"]
        if username == "admin1":
            assert page.url.split("?")[0].endswith("/unggah") and seen["uploader"]
            assert browser.title(page) == t("unggah_judul", "id")
        else:
            assert not seen["uploader"], "the upload widget was drawn for a council member"
            assert "/unggah" not in page.url and browser.title(page).startswith("Ringkasan")
            assert not any(re.search(t("unggah_judul", "id"), text) for text in seen["text"])
    finally:
        ctx.close()
        server.stop()
