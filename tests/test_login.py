"""The log-in screen through Streamlit's AppTest, on a tiny app that calls login.require_login and
then shows a secret: wrong and right passwords, the rate limit, expiry, logout, audit events,
and the OIDC path (st.user seeded by AppTest)."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ucj_oversight.storage import users
from ucj_oversight.web import login

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


@pytest.mark.parametrize(
    "shift",
    [
        {"login_time": timedelta(hours=9)},  # 8-hour limit
        {"last_active": timedelta(minutes=31)},  # 30 minutes idle
    ],
)
def test_session_expires(env, shift):
    users_file, log = env
    at = _log_in(_app(), "siti", PASSWORD)
    assert "RAHASIA" in _markdown(at)
    session = dict(at.session_state[login.SESSION_KEY])
    for k, d in shift.items():
        session[k] = session[k] - d
    at.session_state[login.SESSION_KEY] = session
    at.run()
    assert not at.exception
    assert "RAHASIA" not in _markdown(at)
    assert "Sesi berakhir, silakan masuk lagi." in [w.value for w in at.warning]
    assert len(at.text_input) == 2 and "pengguna" not in at.session_state
    r = _audit(log)[-1]
    assert r["peristiwa"] == "logout" and r["alasan"] == "sesi_kedaluwarsa"
    at = _log_in(at, "siti", PASSWORD)
    assert "RAHASIA" in _markdown(at)


def test_logout(env):
    users_file, log = env
    at = _log_in(_app(), "siti", PASSWORD)
    at.button(key="ucj_keluar").click()
    at.run()
    assert "RAHASIA" not in _markdown(at)
    assert "Anda telah keluar." in [s.value for s in at.success]
    assert _audit(log)[-1]["peristiwa"] == "logout"
    assert login.SESSION_KEY not in at.session_state


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
