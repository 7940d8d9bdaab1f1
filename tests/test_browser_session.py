"""The log-in cookie in a real browser (issue 14): a reload, a new tab and a link opened from another
site keep the log-in; log-out in one tab logs out every tab; a password change (`users passwd`)
or the account's removal (`users remove`) refuses the old cookie; the cookie is HttpOnly,
SameSite=Strict and holds neither the password nor its hash.

One server (`python -m ucj_oversight.server`, the documented start command, which serves the
cookie route) on the tiny fixture database, with its own users file; each test logs in with its
own account in a fresh browser context (a context = one browser profile; its pages = tabs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

pytest.importorskip("playwright.sync_api")

import browser  # noqa: E402
from conftest import SMALL_DIR, TEST_KEY  # noqa: E402

from ucj_oversight import ingest  # noqa: E402
from ucj_oversight.storage import users  # noqa: E402
from ucj_oversight.text import labels  # noqa: E402

pytestmark = pytest.mark.browser

PASSWORD = "sandi-sesi-yang-panjang"
NEW_PASSWORD = "sandi-baru-yang-panjang"
COOKIE = "ucj_sesi"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sesi")
    db = folder / "kecil.duckdb"
    ingest.run_import(db, [SMALL_DIR], key=TEST_KEY)
    users_file = folder / "users.toml"
    for name in ("rani", "sari", "tono", "umar", "wati"):
        users.add(users_file, name, PASSWORD, "anggota")
    env = {"UCJ_USERS": str(users_file), "UCJ_AUDIT": str(folder / "audit.jsonl")}
    s = browser.start_server(db, log_dir=folder, extra_env=env)
    s.env = env
    s.users_file = users_file
    yield s
    s.stop()


@pytest.fixture
def context(chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture(autouse=True)
def no_automatic_log_in(monkeypatch):
    monkeypatch.setattr(browser, "CREDENTIALS", None)


def _session_cookie(ctx, timeout_s: float = 15.0) -> dict | None:
    """The session cookie once the page has had it set (the route is called right after log-in)."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = [c for c in ctx.cookies() if c["name"] == COOKIE]
        if found or time.monotonic() > deadline:
            return found[0] if found else None
        time.sleep(0.1)


def _no_session_cookie(ctx, timeout_s: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while any(c["name"] == COOKIE for c in ctx.cookies()):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _logged_in(page) -> bool:
    """The page menu is drawn and there is no password field."""
    return page.locator(browser.S_PASSWORD).count() == 0 and len(browser.nav_titles(page)) > 0


def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    browser.wait_idle(page)
    browser.wait_forward(page)


def _log_in(server, ctx, name: str, path: str = "/cakupan"):
    page = ctx.new_page()
    _open(page, server.url + path)
    assert page.locator(browser.S_PASSWORD).count() == 1, "no log-in form"
    browser.log_in(page, name, PASSWORD)
    browser.wait_forward(page)
    assert _logged_in(page), browser.exception_text(page)
    cookie = _session_cookie(ctx)
    assert cookie is not None, "the session cookie was not set after log-in:\n" + server.log_text()
    return page, cookie


def _cli(server, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ucj_oversight", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **server.env},
        timeout=60,
    )


def _click_menu(page, title: str) -> None:
    browser.click_and_wait(page, browser.nav_link(page, title))


def test_cookie_attributes(server, context):
    page, cookie = _log_in(server, context, "rani")
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["secure"] is False  # plain http here; behind the HTTPS proxy it is Secure
    assert cookie["path"] == "/"
    # Persistent for the rest of the 8 hours (a phone browser that restarts keeps it), not longer.
    remaining = cookie["expires"] - time.time()
    assert 8 * 3600 - 120 < remaining <= 8 * 3600 + 5, remaining
    value = cookie["value"]
    assert PASSWORD not in value and "rani" not in value and "argon2" not in value
    hashed = users._load(server.users_file)["rani"]["hash"]
    assert hashed.split("$")[-1] not in value and hashed.split("$")[-2] not in value  # neither hash nor salt
    # Page scripts cannot read it.
    assert COOKIE not in page.evaluate("() => document.cookie")


def test_reload_new_tab_and_log_out_everywhere(server, context):
    page, _ = _log_in(server, context, "sari")
    # F5: still in, on the same page.
    page.reload(wait_until="domcontentloaded")
    browser.wait_idle(page)
    assert _logged_in(page) and "/cakupan" in page.url
    # A new tab of the same browser, at another page.
    tab = context.new_page()
    _open(tab, server.url + "/klaim")
    assert _logged_in(tab) and "/klaim" in tab.url
    assert browser.title(tab).startswith(labels.t("hal_klaim", "id"))
    # Log out in the new tab: that tab shows the form, the cookie is deleted...
    browser.click_and_wait(tab, tab.locator('[data-testid="stSidebar"] button', has_text="Keluar"))
    assert tab.locator(browser.S_PASSWORD).count() == 1
    assert labels.lookup(labels.LOGIN, "keluar_ok", "id") in tab.locator(browser.S_APP).inner_text()
    assert _no_session_cookie(context), "the cookie is still there after log-out"
    # ...and the first tab is out at its next click (and says why), and after a reload.
    _click_menu(page, labels.t("hal_anggaran", "id"))
    assert page.locator(browser.S_PASSWORD).count() == 1 and not browser.nav_titles(page)
    assert labels.lookup(labels.LOGIN, "keluar_ok", "id") in page.locator(browser.S_APP).inner_text()
    page.reload(wait_until="domcontentloaded")
    browser.wait_idle(page)
    assert page.locator(browser.S_PASSWORD).count() == 1


def test_link_from_another_site_keeps_the_log_in(server, context):
    """SameSite=Strict: the first page request from a link on another site carries no cookie, but
    the page's own websocket does, so a link shared in a chat still opens logged in."""
    _log_in(server, context, "tono")
    other = context.new_page()
    other.set_content(f'<a id="l" href="{server.url}/anggaran">tautan di grup chat</a>')
    other.click("#l")
    other.wait_for_url("**/anggaran**")
    browser.wait_idle(other)
    assert _logged_in(other) and "/anggaran" in other.url


def test_password_change_refuses_the_old_cookie(server, context):
    page, old = _log_in(server, context, "umar")
    done = _cli(server, "users", "passwd", "umar", "--password-stdin", stdin=NEW_PASSWORD + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    # A new tab with the old cookie: the log-in form, and the cookie is deleted.
    tab = context.new_page()
    _open(tab, server.url + "/klaim")
    assert tab.locator(browser.S_PASSWORD).count() == 1
    assert _no_session_cookie(context)
    # The tab that was open: out at its next click, told why.
    _click_menu(page, labels.t("hal_anggaran", "id"))
    assert page.locator(browser.S_PASSWORD).count() == 1
    assert labels.lookup(labels.LOGIN, "sandi_diganti", "id") in page.locator(browser.S_APP).inner_text()
    # The old cookie value, put back by hand, is still refused.
    context.add_cookies([{k: old[k] for k in ("name", "value", "domain", "path", "httpOnly", "sameSite")}])
    third = context.new_page()
    _open(third, server.url + "/klaim")
    assert third.locator(browser.S_PASSWORD).count() == 1
    # The new password works.
    browser.log_in(third, "umar", NEW_PASSWORD)
    assert _logged_in(third)
    # Audit: two log-ins, and one log-out "sandi_diganti" (whichever tab noticed first wrote it).
    events = [json.loads(line) for line in (server.log.parent / "audit.jsonl").read_text().splitlines()]
    assert [(e["peristiwa"], e.get("alasan")) for e in events if e["oleh"] == "umar"] == [
        ("login_berhasil", None),
        ("logout", "sandi_diganti"),
        ("login_berhasil", None),
    ]


def test_removed_account_refuses_the_old_cookie(server, context):
    page, _ = _log_in(server, context, "wati")
    done = _cli(server, "users", "remove", "wati")
    assert done.returncode == 0, done.stdout + done.stderr
    tab = context.new_page()
    _open(tab, server.url + "/ringkasan")
    assert tab.locator(browser.S_PASSWORD).count() == 1
    _click_menu(page, labels.t("hal_klaim", "id"))
    assert page.locator(browser.S_PASSWORD).count() == 1
    assert labels.lookup(labels.LOGIN, "akun_hilang", "id") in page.locator(browser.S_APP).inner_text()


def test_forged_cookie_is_refused(server, context):
    """A cookie value nobody was given (or one signed with another key) opens nothing."""
    from ucj_oversight.storage import sessions

    forged = sessions.sign(b"k" * 32, "A" * 43)
    host = server.url.split("//")[1].split(":")[0]
    context.add_cookies([{"name": COOKIE, "value": forged, "domain": host, "path": "/"}])
    page = context.new_page()
    _open(page, server.url + "/ringkasan")
    assert page.locator(browser.S_PASSWORD).count() == 1
    assert _no_session_cookie(context), "the refused cookie was not deleted"
