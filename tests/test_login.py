"""The log-in screen through Streamlit's AppTest, on a tiny app that calls login.require_login and
then shows a secret: wrong and right passwords, the rate limit, expiry, logout, audit events,
the session shared by the tabs of one browser (the browser's cookie stood in for by patching
web/session.browser_cookie: AppTest has no cookies), the cookie route itself (called directly),
and the OIDC path (st.user seeded by AppTest). The real cookie in Chromium:
tests/test_browser_session.py."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ucj_oversight.storage import sessions, users
from ucj_oversight.web import login
from ucj_oversight.web import session as cookie

PASSWORD = "kuda-lumping-2026"

SCRIPT = """
import streamlit as st
from ucj_oversight.web import login

p = login.require_login("id")
login.logout_button(p, "id")
st.markdown("RAHASIA")
st.markdown("peran=" + p.role)
"""

# Any non-empty secrets replace the real .streamlit/secrets.toml for the run, so a developer's
# own secrets file (with an [auth] section, say) cannot change which path these tests take.
LOCAL_SECRETS = {"ucj": {"nik_key": "kunci-uji"}}


@pytest.fixture
def env(tmp_path, monkeypatch):
    users_file = tmp_path / "users.toml"
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("UCJ_USERS", str(users_file))
    monkeypatch.setenv("UCJ_AUDIT", str(log))
    users.add(users_file, "siti", PASSWORD, "admin")
    users.add(users_file, "budi", PASSWORD + "-b", "anggota")
    return users_file, log


def _app(secrets=None) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    for k, v in (secrets or LOCAL_SECRETS).items():
        at.secrets[k] = v
    return at.run()


def _markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


def _log_in(at, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def _audit(log: Path) -> list[dict]:
    return [json.loads(b) for b in log.read_text().splitlines()] if log.exists() else []


def _errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_form_shown_without_the_secret(env):
    at = _app()
    assert not at.exception
    assert "RAHASIA" not in _markdown(at)
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert at.text_input[1].proto.type == at.text_input[1].proto.PASSWORD


def test_wrong_password(env):
    users_file, log = env
    at = _log_in(_app(), "siti", "sandi-yang-salah")
    assert not at.exception
    assert "Nama pengguna atau kata sandi salah." in _errors(at)
    assert "RAHASIA" not in _markdown(at)
    assert "pengguna" not in at.session_state
    (r,) = _audit(log)
    assert r["peristiwa"] == "login_gagal" and r["oleh"] == "siti"
    assert "sandi-yang-salah" not in log.read_text()


def test_unknown_name_is_not_logged(env):
    """Someone types the password into the name field: it must not land in the log."""
    users_file, log = env
    at = _log_in(_app(), PASSWORD, PASSWORD)
    assert "Nama pengguna atau kata sandi salah." in _errors(at)
    (r,) = _audit(log)
    assert r["oleh"] == "?" and PASSWORD not in log.read_text()


def test_right_password(env):
    users_file, log = env
    at = _log_in(_app(), "Siti", PASSWORD)
    assert not at.exception
    assert "RAHASIA" in _markdown(at) and "peran=admin" in _markdown(at)
    assert not at.text_input  # the form is gone
    p = at.session_state["pengguna"]
    assert p.username == "siti" and p.role == "admin" and p.method == "lokal"
    assert any("siti" in c.value for c in at.sidebar.caption)
    (r,) = _audit(log)
    assert r["peristiwa"] == "login_berhasil" and r["oleh"] == "siti"
    assert PASSWORD not in log.read_text()
    # still logged in on the next interaction
    at.run()
    assert "RAHASIA" in _markdown(at)


def test_blocked_after_five_failures_even_with_the_right_password(env):
    users_file, log = env
    at = _app()
    for i in range(5):
        at = _log_in(at, "budi", f"salah-salah-{i}")
        assert "RAHASIA" not in _markdown(at)
    assert "Coba lagi dalam 15 menit" in _errors(at)  # the 5th failure starts the block
    at = _log_in(at, "budi", "salah-salah-6")
    assert "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit." in _errors(at)
    at = _log_in(at, "budi", PASSWORD + "-b")
    assert "Terlalu banyak percobaan" in _errors(at)
    assert "RAHASIA" not in _markdown(at)
    events = [r["peristiwa"] for r in _audit(log)]
    assert events == ["login_gagal"] * 5 + ["login_diblokir"] * 2
    # another name is not blocked (no client address in tests, so only the name counts)
    at = _log_in(at, "siti", PASSWORD)
    assert "RAHASIA" in _markdown(at)


def _shift_store(users_file: Path, **shift: timedelta) -> None:
    """Move the times of every session in the store back ("masuk": log-in, "aktif": last activity)."""
    path = sessions.store_path(users_file)
    data = json.loads(path.read_text())
    for record in data["sesi"].values():
        for field, d in shift.items():
            record[field] = (datetime.fromisoformat(record[field]) - d).isoformat()
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "shift",
    [
        {"masuk": timedelta(hours=9), "aktif": timedelta(minutes=1)},  # 8-hour limit
        {"aktif": timedelta(minutes=31)},  # 30 minutes idle
    ],
)
def test_session_expires(env, shift):
    users_file, log = env
    at = _log_in(_app(), "siti", PASSWORD)
    assert "RAHASIA" in _markdown(at)
    _shift_store(users_file, **shift)
    at.run()
    assert not at.exception
    assert "RAHASIA" not in _markdown(at)
    assert "Sesi berakhir, silakan masuk lagi." in [w.value for w in at.warning]
    assert len(at.text_input) == 2 and "pengguna" not in at.session_state
    r = _audit(log)[-1]
    assert r["peristiwa"] == "logout" and r["alasan"] == "sesi_kedaluwarsa"
    at = _log_in(at, "siti", PASSWORD)
    assert "RAHASIA" in _markdown(at)


def test_session_without_a_writable_store_lives_in_the_tab(env, monkeypatch):
    """A read-only folder must not lock the council out: the log-in then holds for this tab only,
    with the same limits on this tab's own clock."""
    users_file, log = env

    def no_store(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sessions, "create", no_store)
    at = _log_in(_app(), "siti", PASSWORD)
    assert "RAHASIA" in _markdown(at) and at.session_state[login.SESSION_KEY]["cookie"] is None
    session = dict(at.session_state[login.SESSION_KEY])
    session["last_active"] -= timedelta(minutes=31)
    at.session_state[login.SESSION_KEY] = session
    at.run()
    assert "RAHASIA" not in _markdown(at)
    assert _audit(log)[-1]["alasan"] == "sesi_kedaluwarsa"


def test_logout(env):
    users_file, log = env
    at = _log_in(_app(), "siti", PASSWORD)
    at.button(key="ucj_keluar").click()
    at.run()
    assert "RAHASIA" not in _markdown(at)
    assert "Anda telah keluar." in [s.value for s in at.success]
    assert _audit(log)[-1]["peristiwa"] == "logout"
    assert login.SESSION_KEY not in at.session_state


def test_password_change_ends_the_session(env):
    users_file, log = env
    at = _log_in(_app(), "siti", PASSWORD)
    users.change_password(users_file, "siti", "sandi-baru-sekali")
    at.run()
    assert "RAHASIA" not in _markdown(at)
    assert "Kata sandi akun ini telah diganti. Silakan masuk lagi dengan kata sandi yang baru." in [
        w.value for w in at.warning
    ]
    r = _audit(log)[-1]
    assert r["peristiwa"] == "logout" and r["oleh"] == "siti" and r["alasan"] == "sandi_diganti"


def test_removed_account_ends_the_session(env):
    users_file, log = env
    at = _log_in(_app(), "budi", PASSWORD + "-b")
    assert "peran=anggota" in _markdown(at)
    users.remove(users_file, "budi")
    at.run()
    assert "RAHASIA" not in _markdown(at)
    assert "Akun Anda sudah tidak terdaftar. Hubungi admin dasbor." in [w.value for w in at.warning]


def test_english(env):
    at = AppTest.from_string(SCRIPT.replace('require_login("id")', 'require_login("en")'), default_timeout=30)
    at.secrets["ucj"] = LOCAL_SECRETS["ucj"]
    at.run()
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    at = _log_in(at, "siti", "wrong-wrong-wrong")
    assert "Wrong username or password." in _errors(at)


# ---------------------------------------------------------------- OIDC (st.login configured)

SECRETS_OIDC = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "uji",
        "client_id": "uji",
        "client_secret": "uji",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    },
    "ucj": {"peran": {"Siti@DPRD.example.go.id": "admin", "budi@dprd.example.go.id": "anggota"}},
}


def _app_oidc(user: dict) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    for k, v in SECRETS_OIDC.items():
        at.secrets[k] = v
    at.user = user
    return at.run()


def test_oidc_not_logged_in_has_no_password_form(env):
    at = _app_oidc({"is_logged_in": False})
    assert not at.exception
    assert "RAHASIA" not in _markdown(at)
    assert not at.text_input  # no password form when an identity provider is set
    # either the log-in button, or (Authlib missing) a message saying what to install
    assert at.button or "Authlib" in _errors(at)


def test_oidc_listed_email(env):
    users_file, log = env
    at = _app_oidc(
        {"is_logged_in": True, "email": "siti@dprd.example.go.id", "email_verified": True, "iat": int(time.time()) - 60}
    )
    assert not at.exception
    assert "RAHASIA" in _markdown(at) and "peran=admin" in _markdown(at)
    p = at.session_state["pengguna"]
    assert p.method == "oidc" and p.username == "siti@dprd.example.go.id"
    (r,) = _audit(log)
    assert r["peristiwa"] == "login_berhasil" and r["metode"] == "oidc"


def test_oidc_unlisted_email(env):
    users_file, log = env
    at = _app_oidc({"is_logged_in": True, "email": "orang@lain.example", "iat": int(time.time())})
    assert "RAHASIA" not in _markdown(at)
    assert "belum terdaftar" in _errors(at)
    at.run()  # logged once per session, not on every rerun
    assert [r["peristiwa"] for r in _audit(log)] == ["login_gagal"]


def test_oidc_token_older_than_8_hours(env):
    at = _app_oidc({"is_logged_in": True, "email": "budi@dprd.example.go.id", "iat": int(time.time()) - 9 * 3600})
    assert "RAHASIA" not in _markdown(at)
    assert "Sesi berakhir, silakan masuk lagi." in [w.value for w in at.warning]


# ---------------------------------------------------------------- one log-in, several tabs


@pytest.fixture
def browser_cookie(monkeypatch):
    """Stands in for the cookie the browser sends when a tab connects (AppTest has no cookies)."""
    sent = {"value": None}
    monkeypatch.setattr(cookie, "browser_cookie", lambda: sent["value"])
    return sent


def test_new_tab_takes_over_the_session_and_log_out_ends_every_tab(env, browser_cookie):
    users_file, log = env
    first = _log_in(_app(), "siti", PASSWORD)
    value = first.session_state[login.SESSION_KEY]["cookie"]
    assert value and PASSWORD not in value
    # A second tab (or a reload) sends the cookie: logged in, no form, no new log-in event.
    browser_cookie["value"] = value
    second = _app()
    assert "RAHASIA" in _markdown(second) and not second.text_input
    assert second.session_state["pengguna"].username == "siti"
    assert [r["peristiwa"] for r in _audit(log)] == ["login_berhasil"]
    # Log out in the second tab: the first is out at its next click, and says so.
    second.button(key="ucj_keluar").click()
    second.run()
    assert "RAHASIA" not in _markdown(second) and len(second.text_input) == 2
    first.run()
    assert "RAHASIA" not in _markdown(first) and len(first.text_input) == 2
    assert "Anda telah keluar." in [s.value for s in first.success]
    assert [r["peristiwa"] for r in _audit(log)] == ["login_berhasil", "logout"]
    # A tab opened afterwards with the old cookie gets the form.
    third = _app()
    assert "RAHASIA" not in _markdown(third) and len(third.text_input) == 2


def test_cookie_of_a_changed_password_is_refused(env, browser_cookie):
    users_file, log = env
    first = _log_in(_app(), "budi", PASSWORD + "-b")
    browser_cookie["value"] = first.session_state[login.SESSION_KEY]["cookie"]
    users.change_password(users_file, "budi", "sandi-baru-sekali")
    tab = _app()
    assert "RAHASIA" not in _markdown(tab) and len(tab.text_input) == 2
    assert any("telah diganti" in w.value for w in tab.warning)
    assert [(r["peristiwa"], r.get("alasan")) for r in _audit(log)] == [
        ("login_berhasil", None),
        ("logout", "sandi_diganti"),
    ]
    first.run()  # the first tab learns it too, without a second audit event
    assert "RAHASIA" not in _markdown(first)
    assert len(_audit(log)) == 2


def test_forged_cookie_is_refused(env, browser_cookie):
    browser_cookie["value"] = sessions.sign(b"k" * 32, "A" * 43)
    at = _app()
    assert "RAHASIA" not in _markdown(at) and len(at.text_input) == 2 and not at.warning


# ---------------------------------------------------------------- the cookie route (web/session.py)


def _post(body: bytes, headers: dict[str, str], scheme: str = "http"):
    from starlette.requests import Request

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/" + cookie.ROUTE,
        "scheme": scheme,
        "server": ("127.0.0.1", 8501),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    # In a thread of its own: a browser test earlier in the run (Playwright's sync API) may leave
    # an event loop running in this thread, where asyncio.run refuses to start another.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, cookie._endpoint(Request(scope, receive))).result()


SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Host": "127.0.0.1:8501"}


def test_route_sets_the_cookie_once_per_ticket():
    ticket = cookie.issue_set("nilai.tanda", 8 * 3600)
    assert cookie.pending(ticket)
    r = _post(b"tiket=" + ticket.encode(), SAME_ORIGIN)
    assert r.status_code == 204 and r.headers["cache-control"] == "no-store"
    (set_cookie,) = r.headers.getlist("set-cookie")
    parts = {p.strip().split("=")[0].lower(): p.strip() for p in set_cookie.split(";")}
    assert set_cookie.startswith("ucj_sesi=nilai.tanda;")
    assert "httponly" in parts and parts["samesite"].lower() == "samesite=strict"
    assert parts["max-age"] == "Max-Age=28800" and parts["path"] == "Path=/" and "secure" not in parts
    assert not cookie.pending(ticket)
    assert _post(b"tiket=" + ticket.encode(), SAME_ORIGIN).status_code == 403  # used up


def test_route_marks_the_cookie_secure_behind_the_https_proxy():
    for headers, scheme in (({**SAME_ORIGIN, "X-Forwarded-Proto": "https"}, "http"), (SAME_ORIGIN, "https")):
        r = _post(b"tiket=" + cookie.issue_set("v.s", 60).encode(), headers, scheme)
        assert "; secure" in r.headers["set-cookie"].lower(), headers


def test_route_clears_the_cookie():
    r = _post(b"tiket=" + cookie.issue_clear().encode(), SAME_ORIGIN)
    set_cookie = r.headers["set-cookie"]
    assert r.status_code == 204 and set_cookie.startswith('ucj_sesi="";') and "Max-Age=0" in set_cookie
    assert "HttpOnly" in set_cookie and "SameSite=strict" in set_cookie


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Host": "127.0.0.1:8501"},  # another site's page
        {"Sec-Fetch-Site": "same-site", "Host": "127.0.0.1:8501"},
        {"Origin": "https://jahat.example", "Host": "127.0.0.1:8501"},  # older browser, other origin
        {"Host": "127.0.0.1:8501"},  # neither header: not from a page of this server
    ],
)
def test_route_refuses_other_sites_and_keeps_the_ticket(headers):
    """Log-in CSRF: a ticket sent from another site is refused and not used up."""
    ticket = cookie.issue_set("v.s", 60)
    r = _post(b"tiket=" + ticket.encode(), headers)
    assert r.status_code == 403 and "set-cookie" not in r.headers
    assert cookie.pending(ticket)
    assert (
        _post(b"tiket=" + ticket.encode(), {"Origin": "http://127.0.0.1:8501", "Host": "127.0.0.1:8501"}).status_code
        == 204
    )


def test_route_refuses_unknown_and_expired_tickets(monkeypatch):
    assert _post(b"tiket=buatan-sendiri", SAME_ORIGIN).status_code == 403
    assert _post(b"", SAME_ORIGIN).status_code == 403
    ticket = cookie.issue_set("v.s", 60)
    later = time.monotonic() + cookie.TICKET_SECONDS + 1
    monkeypatch.setattr(cookie.time, "monotonic", lambda: later)
    assert not cookie.pending(ticket)
    assert _post(b"tiket=" + ticket.encode(), SAME_ORIGIN).status_code == 403
