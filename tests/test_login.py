"""The log-in screen through Streamlit's AppTest, on a tiny app that calls masuk.wajib_masuk and
then shows a secret: wrong and right passwords, the rate limit, expiry, logout, audit events,
and the OIDC path (st.user seeded by AppTest)."""
from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ucj_oversight.web import login
from ucj_oversight.storage import users

SANDI = "kuda-lumping-2026"

SKRIP = """
import streamlit as st
from ucj_oversight.web import login

p = login.require_login("id")
login.logout_button(p, "id")
st.markdown("RAHASIA")
st.markdown("peran=" + p.peran)
"""

# Any non-empty secrets replace the real .streamlit/secrets.toml for the run, so a developer's
# own secrets file (with an [auth] section, say) cannot change which path these tests take.
SECRETS_LOKAL = {"ucj": {"nik_key": "kunci-uji"}}


@pytest.fixture
def env(tmp_path, monkeypatch):
    users_file = tmp_path / "users.toml"
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("UCJ_USERS", str(users_file))
    monkeypatch.setenv("UCJ_AUDIT", str(log))
    users.add(users_file, "siti", SANDI, "admin")
    users.add(users_file, "budi", SANDI + "-b", "anggota")
    return users_file, log


def _app(secrets=None) -> AppTest:
    at = AppTest.from_string(SKRIP, default_timeout=30)
    for k, v in (secrets or SECRETS_LOKAL).items():
        at.secrets[k] = v
    return at.run()


def _teks(at) -> list[str]:
    return [m.value for m in at.markdown]


def _masuk(at, nama: str, sandi: str) -> AppTest:
    at.text_input[0].input(nama)
    at.text_input[1].input(sandi)
    at.button[0].click()
    return at.run()


def _audit(log: Path) -> list[dict]:
    return [json.loads(b) for b in log.read_text().splitlines()] if log.exists() else []


def _galat(at) -> str:
    return " ".join(e.value for e in at.error)


def test_form_tampil_tanpa_rahasia(env):
    at = _app()
    assert not at.exception
    assert "RAHASIA" not in _teks(at)
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert at.text_input[1].proto.type == at.text_input[1].proto.PASSWORD


def test_sandi_salah(env):
    users_file, log = env
    at = _masuk(_app(), "siti", "sandi-yang-salah")
    assert not at.exception
    assert "Nama pengguna atau kata sandi salah." in _galat(at)
    assert "RAHASIA" not in _teks(at)
    assert "pengguna" not in at.session_state
    (r,) = _audit(log)
    assert r["peristiwa"] == "login_gagal" and r["oleh"] == "siti"
    assert "sandi-yang-salah" not in log.read_text()


def test_nama_tidak_dikenal_tidak_dicatat_namanya(env):
    """Someone types the password into the name field: it must not land in the log."""
    users_file, log = env
    at = _masuk(_app(), SANDI, SANDI)
    assert "Nama pengguna atau kata sandi salah." in _galat(at)
    (r,) = _audit(log)
    assert r["oleh"] == "?" and SANDI not in log.read_text()


def test_sandi_benar(env):
    users_file, log = env
    at = _masuk(_app(), "Siti", SANDI)
    assert not at.exception
    assert "RAHASIA" in _teks(at) and "peran=admin" in _teks(at)
    assert not at.text_input                                       # the form is gone
    p = at.session_state["pengguna"]
    assert p.username == "siti" and p.peran == "admin" and p.metode == "lokal"
    assert any("siti" in c.value for c in at.sidebar.caption)
    (r,) = _audit(log)
    assert r["peristiwa"] == "login_berhasil" and r["oleh"] == "siti"
    assert SANDI not in log.read_text()
    # still logged in on the next interaction
    at.run()
    assert "RAHASIA" in _teks(at)


def test_enam_salah_lalu_diblokir_walau_sandi_benar(env):
    users_file, log = env
    at = _app()
    for i in range(5):
        at = _masuk(at, "budi", f"salah-salah-{i}")
        assert "RAHASIA" not in _teks(at)
    assert "Coba lagi dalam 15 menit" in _galat(at)                # the 5th failure starts the block
    at = _masuk(at, "budi", "salah-salah-6")
    assert "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit." in _galat(at)
    at = _masuk(at, "budi", SANDI + "-b")
    assert "Terlalu banyak percobaan" in _galat(at)
    assert "RAHASIA" not in _teks(at)
    peristiwa = [r["peristiwa"] for r in _audit(log)]
    assert peristiwa == ["login_gagal"] * 5 + ["login_diblokir"] * 2
    # another name is not blocked (no client address in tests, so only the name counts)
    at = _masuk(at, "siti", SANDI)
    assert "RAHASIA" in _teks(at)


@pytest.mark.parametrize("geser", [
    {"waktu_login": timedelta(hours=9)},                 # 8-hour limit
    {"aktif_terakhir": timedelta(minutes=31)},           # 30 minutes idle
])
def test_sesi_kedaluwarsa(env, geser):
    users_file, log = env
    at = _masuk(_app(), "siti", SANDI)
    assert "RAHASIA" in _teks(at)
    sesi = dict(at.session_state[login.SESSION_KEY])
    for k, d in geser.items():
        sesi[k] = sesi[k] - d
    at.session_state[login.SESSION_KEY] = sesi
    at.run()
    assert not at.exception
    assert "RAHASIA" not in _teks(at)
    assert "Sesi berakhir, silakan masuk lagi." in [w.value for w in at.warning]
    assert len(at.text_input) == 2 and "pengguna" not in at.session_state
    r = _audit(log)[-1]
    assert r["peristiwa"] == "logout" and r["alasan"] == "sesi_kedaluwarsa"
    at = _masuk(at, "siti", SANDI)
    assert "RAHASIA" in _teks(at)


def test_keluar(env):
    users_file, log = env
    at = _masuk(_app(), "siti", SANDI)
    at.button(key="ucj_keluar").click()
    at.run()
    assert "RAHASIA" not in _teks(at)
    assert "Anda telah keluar." in [s.value for s in at.success]
    assert _audit(log)[-1]["peristiwa"] == "logout"
    assert login.SESSION_KEY not in at.session_state


def test_akun_dihapus_mengakhiri_sesi(env):
    users_file, log = env
    at = _masuk(_app(), "budi", SANDI + "-b")
    assert "peran=anggota" in _teks(at)
    users.remove(users_file, "budi")
    at.run()
    assert "RAHASIA" not in _teks(at)
    assert "Akun Anda sudah tidak terdaftar. Hubungi admin dasbor." in [w.value for w in at.warning]


def test_bahasa_inggris(env):
    at = AppTest.from_string(SKRIP.replace('require_login("id")', 'require_login("en")'), default_timeout=30)
    at.secrets["ucj"] = SECRETS_LOKAL["ucj"]
    at.run()
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    at = _masuk(at, "siti", "wrong-wrong-wrong")
    assert "Wrong username or password." in _galat(at)


# ---------------------------------------------------------------- OIDC (st.login configured)

SECRETS_OIDC = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "uji",
             "client_id": "uji", "client_secret": "uji",
             "server_metadata_url": "https://idp.example/.well-known/openid-configuration"},
    "ucj": {"peran": {"Siti@DPRD.example.go.id": "admin", "budi@dprd.example.go.id": "anggota"}},
}


def _app_oidc(user: dict) -> AppTest:
    at = AppTest.from_string(SKRIP, default_timeout=30)
    for k, v in SECRETS_OIDC.items():
        at.secrets[k] = v
    at.user = user
    return at.run()


def test_oidc_belum_masuk_tanpa_form_sandi(env):
    at = _app_oidc({"is_logged_in": False})
    assert not at.exception
    assert "RAHASIA" not in _teks(at)
    assert not at.text_input                      # no password form when an identity provider is set
    # either the log-in button, or (Authlib missing) a message saying what to install
    assert at.button or "Authlib" in _galat(at)


def test_oidc_email_terdaftar(env):
    users_file, log = env
    at = _app_oidc({"is_logged_in": True, "email": "siti@dprd.example.go.id", "email_verified": True,
                    "iat": int(time.time()) - 60})
    assert not at.exception
    assert "RAHASIA" in _teks(at) and "peran=admin" in _teks(at)
    p = at.session_state["pengguna"]
    assert p.metode == "oidc" and p.username == "siti@dprd.example.go.id"
    (r,) = _audit(log)
    assert r["peristiwa"] == "login_berhasil" and r["metode"] == "oidc"


def test_oidc_email_tidak_terdaftar(env):
    users_file, log = env
    at = _app_oidc({"is_logged_in": True, "email": "orang@lain.example", "iat": int(time.time())})
    assert "RAHASIA" not in _teks(at)
    assert "belum terdaftar" in _galat(at)
    at.run()                                       # logged once per session, not on every rerun
    assert [r["peristiwa"] for r in _audit(log)] == ["login_gagal"]


def test_oidc_token_lebih_dari_8_jam(env):
    at = _app_oidc({"is_logged_in": True, "email": "budi@dprd.example.go.id",
                    "iat": int(time.time()) - 9 * 3600})
    assert "RAHASIA" not in _teks(at)
    assert "Sesi berakhir, silakan masuk lagi." in [w.value for w in at.warning]
