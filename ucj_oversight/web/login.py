"""Log-in for internal mode: the Streamlit part. Importing this module draws nothing.

app.py calls ``wajib_masuk(lang)`` before drawing anything (not in public mode), and
``tombol_keluar(pengguna, lang)`` to put the logout button in the sidebar.

Two ways to know who someone is:

* **OIDC** (Streamlit's ``st.login``), when ``.streamlit/secrets.toml`` has an ``[auth]`` section.
  Streamlit keeps the identity in a signed cookie (30 days); the role comes from a mapping of
  e-mail address to role in the same secrets file (e-mails not listed are refused)::

      [ucj.peran]
      "siti@dprd.bekasikota.go.id" = "admin"
      "budi@dprd.bekasikota.go.id" = "anggota"

  The 8-hour limit counts from the identity token's ``iat`` (when the provider authenticated the
  person), so opening a new tab does not restart it; the 30-minute idle limit is per browser
  session (a new tab starts a new one; the 8-hour limit still applies).
* **Local users file** (pengguna.py) otherwise: a username/password form, rate limited
  (PembatasLogin, in this server process's memory), with the session kept only in
  ``st.session_state`` (no cookie: reloading the page means logging in again).

Either way the logged-in user is in ``st.session_state["pengguna"]`` (a pengguna.Pengguna), the
session ends after 8 hours or 30 minutes without activity, and log-ins, failures, blocks and
log-outs go to the audit log (audit.py). Passwords are never logged; a failed attempt's username
is logged only when such a user exists (people type passwords into the name field).
"""
from __future__ import annotations

import importlib.util
import logging
import math
import threading
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

import streamlit as st

from ucj_oversight.storage import audit, users
from ucj_oversight.storage.users import User, LoginThrottle

_LOG = logging.getLogger(__name__)

USER_KEY = "pengguna"           # read by tampilan.ambil / tampilan.nama_pengguna
SESSION_KEY = "_ucj_sesi"              # {username, peran, metode, waktu_login, aktif_terakhir}
MESSAGE_KEY = "_ucj_pesan_masuk"      # a message for the next log-in screen (after logout)
RELOGIN_KEY = "_ucj_oidc_login_ulang"   # OIDC session expired here: ask the provider again
REFUSED_KEY = "_ucj_oidc_ditolak"   # an unlisted e-mail already logged for this session

TEXTS = {
    "id": {
        "judul": "Pengawasan UCJ Kota Bekasi",
        "ket": "Dasbor internal DPRD Kota Bekasi. Silakan masuk.",
        "nama": "Nama pengguna",
        "sandi": "Kata sandi",
        "tombol_masuk": "Masuk",
        "kosong": "Isi nama pengguna dan kata sandi.",
        "salah": "Nama pengguna atau kata sandi salah.",
        "diblokir": "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {menit} menit.",
        "sesi_berakhir": "Sesi berakhir, silakan masuk lagi.",
        "keluar_ok": "Anda telah keluar.",
        "akun_hilang": "Akun Anda sudah tidak terdaftar. Hubungi admin dasbor.",
        "file_rusak": "Daftar pengguna tidak dapat dibaca. Hubungi admin dasbor.",
        "belum_ada": "Belum ada pengguna. Admin server menambahkannya dengan: "
                     "`python -m ucj_oversight users add NAMA --role admin`",
        "oidc_masuk": "Masuk dengan akun kantor",
        "oidc_masuk_nama": "Masuk dengan {nama}",
        "oidc_tak_terdaftar": "Akun {email} belum terdaftar untuk dasbor ini. Hubungi admin dasbor.",
        "oidc_email": "Penyedia identitas tidak memberikan alamat email yang terverifikasi.",
        "authlib": "Log-in OIDC dikonfigurasi di secrets.toml, tetapi paket Authlib belum terpasang "
                   "(`pip install \"Authlib>=1.3.2\"`). Hubungi admin server.",
        "masuk_sebagai": "Masuk sebagai **{nama}** · {peran}",
        "keluar": "Keluar",
        "peran_admin": "admin",
        "peran_anggota": "anggota DPRD",
    },
    "en": {
        "judul": "UCJ Oversight, Kota Bekasi",
        "ket": "Internal dashboard of the Kota Bekasi city council. Please log in.",
        "nama": "Username",
        "sandi": "Password",
        "tombol_masuk": "Log in",
        "kosong": "Enter your username and password.",
        "salah": "Wrong username or password.",
        "diblokir": "Too many failed log-in attempts. Try again in {menit} minutes.",
        "sesi_berakhir": "Your session has ended, please log in again.",
        "keluar_ok": "You have logged out.",
        "akun_hilang": "Your account is no longer registered. Contact the dashboard admin.",
        "file_rusak": "The user list cannot be read. Contact the dashboard admin.",
        "belum_ada": "No users yet. The server admin adds them with: "
                     "`python -m ucj_oversight users add NAME --role admin`",
        "oidc_masuk": "Log in with your office account",
        "oidc_masuk_nama": "Log in with {nama}",
        "oidc_tak_terdaftar": "The account {email} is not registered for this dashboard. Contact the dashboard admin.",
        "oidc_email": "The identity provider did not give a verified e-mail address.",
        "authlib": "OIDC log-in is configured in secrets.toml but the Authlib package is not installed "
                   "(`pip install \"Authlib>=1.3.2\"`). Contact the server admin.",
        "masuk_sebagai": "Logged in as **{nama}** · {peran}",
        "keluar": "Log out",
        "peran_admin": "admin",
        "peran_anggota": "council member",
    },
}


def _t(kunci: str, lang: str, **kw) -> str:
    teks = TEXTS.get(lang, TEXTS["id"]).get(kunci) or TEXTS["id"][kunci]
    return teks.format(**kw) if kw else teks


# ---------------------------------------------------------------- shared state and helpers

_PEMBATAS: dict[str, LoginThrottle] = {}
_PEMBATAS_LOCK = threading.Lock()


def throttle_for(path: Path) -> LoginThrottle:
    """The server process's rate limiter for one users file (in memory; a restart clears it)."""
    kunci = str(Path(path).resolve())
    with _PEMBATAS_LOCK:
        if kunci not in _PEMBATAS:
            _PEMBATAS[kunci] = LoginThrottle()
        return _PEMBATAS[kunci]


def _catat(peristiwa: str, oleh: str | None, **rincian) -> None:
    """Audit, but a full disk must not lock the council out: failures go to the server log."""
    try:
        audit.record(audit.audit_path(), peristiwa, oleh, **rincian)
    except OSError as e:
        _LOG.error("audit log tidak dapat ditulis (%s): %s oleh %s", e, peristiwa, oleh)


def _klien() -> str | None:
    """The browser's IP address (None on localhost or without a connection, e.g. in tests)."""
    try:
        ip = st.context.ip_address
    except Exception:       # noqa: BLE001 - no context outside a browser session
        return None
    return ip if isinstance(ip, str) and ip else None


def _menit(sisa: timedelta) -> int:
    return max(1, math.ceil(sisa.total_seconds() / 60))


def _akhiri_sesi(pesan: str | None = None) -> None:
    """Forget everything this browser session held (filters, uploads, the user)."""
    for k in list(st.session_state.keys()):
        del st.session_state[k]
    if pesan:
        st.session_state[MESSAGE_KEY] = pesan


def _pesan(lang: str, kunci: str | None = None) -> None:
    kunci = kunci or st.session_state.pop(MESSAGE_KEY, None)
    if kunci == "keluar_ok":
        st.success(_t(kunci, lang), icon=":material/logout:")
    elif kunci:
        st.warning(_t(kunci, lang), icon=":material/schedule:")


def _kepala(lang: str) -> None:
    st.title(_t("judul", lang))
    st.caption(_t("ket", lang))


# ---------------------------------------------------------------- OIDC

def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has a non-empty [auth] section. Safe without a secrets file."""
    try:
        if not st.secrets.load_if_toml_exists():
            return False
        return bool(st.secrets.get("auth"))
    except Exception:       # noqa: BLE001 - an unreadable secrets file means: not configured
        return False


def _penyedia() -> list[str | None]:
    """None for the unnamed provider in [auth], else the names of [auth.NAME] sections."""
    auth = st.secrets.get("auth") or {}
    if "client_id" in auth or "server_metadata_url" in auth:
        return [None]
    nama = [str(k) for k, v in auth.items() if isinstance(v, Mapping)]
    return nama or [None]


def oidc_role(email: str) -> str | None:
    """The role of an e-mail address from [ucj.peran] in secrets.toml; None when not listed."""
    try:
        ucj = st.secrets.get("ucj") or {}
        peta = ucj.get("peran") or {}
        peran = {str(k).strip().lower(): str(v).strip().lower() for k, v in dict(peta).items()}
    except Exception:       # noqa: BLE001
        return None
    p = peran.get(email.strip().lower())
    if p is not None and p not in users.ROLES:
        _LOG.warning("peran %r untuk %s di [ucj.peran] tidak dikenal", p, email)
        return None
    return p


def _layar_oidc(lang: str, pesan: str | None = None) -> None:
    _kepala(lang)
    _pesan(lang, pesan)
    if importlib.util.find_spec("authlib") is None:
        st.error(_t("authlib", lang))
        return
    for nama in _penyedia():
        label = _t("oidc_masuk", lang) if nama is None else _t("oidc_masuk_nama", lang, nama=nama)
        if st.button(label, type="primary", key=f"ucj_oidc_masuk_{nama or ''}", icon=":material/login:"):
            st.session_state.pop(RELOGIN_KEY, None)
            st.login(nama)


def _dari_epoch(v) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(v), tz=users.WIB)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _masuk_oidc(lang: str, kini: datetime) -> User | None:
    info = st.user
    if not info.get("is_logged_in"):
        st.session_state.pop(SESSION_KEY, None)
        _layar_oidc(lang)
        return None
    if st.session_state.get(RELOGIN_KEY):
        _layar_oidc(lang, "sesi_berakhir")
        return None
    email = str(info.get("email") or "").strip().lower()
    if not email or info.get("email_verified") is False:
        _kepala(lang)
        st.error(_t("oidc_email", lang))
        _tombol_logout_oidc(lang)
        return None
    peran = oidc_role(email)
    if peran is None:
        if st.session_state.get(REFUSED_KEY) != email:
            st.session_state[REFUSED_KEY] = email
            _catat("login_gagal", email, metode="oidc", alasan="tidak_terdaftar", klien=_klien())
        _kepala(lang)
        st.error(_t("oidc_tak_terdaftar", lang, email=email))
        _tombol_logout_oidc(lang)
        return None

    sesi = st.session_state.get(SESSION_KEY)
    if not sesi or sesi.get("metode") != "oidc" or sesi.get("username") != email:
        waktu_login = _dari_epoch(info.get("iat")) or kini
        if users.expired(waktu_login, kini):
            st.session_state[RELOGIN_KEY] = True
            _layar_oidc(lang, "sesi_berakhir")
            return None
        sesi = {"username": email, "peran": peran, "metode": "oidc", "waktu_login": waktu_login,
                "aktif_terakhir": kini}
        st.session_state[SESSION_KEY] = sesi
        # One event per browser session: a new tab reuses the provider's log-in (same masuk_idp).
        _catat("login_berhasil", email, metode="oidc", peran=peran, masuk_idp=waktu_login, klien=_klien())
    elif users.expired(sesi["waktu_login"], kini, aktif_terakhir=sesi["aktif_terakhir"]):
        _catat("logout", email, metode="oidc", alasan="sesi_kedaluwarsa")
        _akhiri_sesi()
        st.session_state[RELOGIN_KEY] = True
        _layar_oidc(lang, "sesi_berakhir")
        return None
    sesi["peran"] = peran                 # a role changed in secrets.toml applies at the next click
    sesi["aktif_terakhir"] = kini
    return User(email, peran, None, "oidc")


def _tombol_logout_oidc(lang: str) -> None:
    if st.button(_t("keluar", lang), key="ucj_oidc_keluar_ditolak"):
        _akhiri_sesi()
        st.logout()


# ---------------------------------------------------------------- local users file

def _masuk_lokal(lang: str, kini: datetime) -> User | None:
    path = users.users_path()
    sesi = st.session_state.get(SESSION_KEY)
    pesan = None
    if sesi and sesi.get("metode") == "lokal":
        if users.expired(sesi["waktu_login"], kini, aktif_terakhir=sesi["aktif_terakhir"]):
            _catat("logout", sesi["username"], metode="lokal", alasan="sesi_kedaluwarsa")
            _akhiri_sesi()
            pesan = "sesi_berakhir"
        else:
            try:
                p = users.find(path, sesi["username"])   # removed or role changed since log-in?
            except users.UserError as e:
                _LOG.error("%s", e)
                _kepala(lang)
                st.error(_t("file_rusak", lang))
                return None
            if p is not None:
                sesi["peran"] = p.peran
                sesi["aktif_terakhir"] = kini
                return p
            _catat("logout", sesi["username"], metode="lokal", alasan="akun_dihapus")
            _akhiri_sesi()
            pesan = "akun_hilang"
    _form(lang, path, pesan)
    return None


def _form(lang: str, path: Path, pesan: str | None) -> None:
    _kepala(lang)
    _pesan(lang, pesan)
    try:
        kosong = not users.list_users(path)
    except users.UserError as e:
        _LOG.error("%s", e)
        st.error(_t("file_rusak", lang))
        return
    if kosong:
        st.info(_t("belum_ada", lang))
    # clear_on_submit: the password does not stay in session state after the attempt.
    with st.form("ucj_masuk", clear_on_submit=True):
        nama = st.text_input(_t("nama", lang), max_chars=64, autocomplete="username")
        sandi = st.text_input(_t("sandi", lang), type="password", max_chars=users.PASSWORD_MAX,
                              autocomplete="current-password")
        kirim = st.form_submit_button(_t("tombol_masuk", lang), type="primary")
    if kirim:
        _coba_masuk(lang, path, nama or "", sandi or "")


def _coba_masuk(lang: str, path: Path, nama: str, sandi: str) -> None:
    nama = nama.strip().lower()
    if not nama or not sandi:
        st.warning(_t("kosong", lang))
        return
    klien = _klien()
    pembatas = throttle_for(path)
    sisa = pembatas.sisa_blokir(nama, klien)
    if sisa:
        _catat("login_diblokir", _nama_untuk_log(path, nama), metode="lokal", klien=klien,
               menit_tersisa=_menit(sisa))
        st.error(_t("diblokir", lang, menit=_menit(sisa)), icon=":material/lock_clock:")
        return
    try:
        p = users.verify(path, nama, sandi)
    except users.UserError as e:
        _LOG.error("%s", e)
        st.error(_t("file_rusak", lang))
        return
    if p is None:
        blokir = pembatas.gagal(nama, klien)
        _catat("login_gagal", _nama_untuk_log(path, nama), metode="lokal", klien=klien,
               **({"diblokir_menit": _menit(blokir)} if blokir else {}))
        st.error(_t("salah", lang))
        if blokir:
            st.error(_t("diblokir", lang, menit=_menit(blokir)), icon=":material/lock_clock:")
        return
    pembatas.berhasil(p.username)
    kini = users.now()
    st.session_state.pop(MESSAGE_KEY, None)
    st.session_state[SESSION_KEY] = {"username": p.username, "peran": p.peran, "metode": "lokal",
                                    "waktu_login": kini, "aktif_terakhir": kini}
    _catat("login_berhasil", p.username, metode="lokal", peran=p.peran, klien=klien)
    st.rerun()


def _nama_untuk_log(path: Path, nama: str) -> str:
    """The attempted name only when such a user exists: a password typed into the name field must
    not end up in the log."""
    try:
        return nama if users.find(path, nama) is not None else "?"
    except users.UserError:
        return "?"


# ---------------------------------------------------------------- API for app.py

def require_login(lang: str = "id") -> User | None:
    """The logged-in user (also put in st.session_state["pengguna"]). When nobody is logged in,
    or the session has expired, draws the log-in screen and calls st.stop(); None is returned only
    where st.stop() does nothing (outside a Streamlit run)."""
    kini = users.now()
    p = _masuk_oidc(lang, kini) if oidc_configured() else _masuk_lokal(lang, kini)
    if p is None:
        st.session_state.pop(USER_KEY, None)
        st.stop()
        return None
    st.session_state[USER_KEY] = p
    return p


def logout_button(p: User, lang: str = "id") -> None:
    """Who is logged in, and a logout button, in the sidebar."""
    peran = _t("peran_admin" if p.peran == "admin" else "peran_anggota", lang)
    with st.sidebar:
        st.caption(_t("masuk_sebagai", lang, nama=p.username, peran=peran))
        if st.button(_t("keluar", lang), key="ucj_keluar", icon=":material/logout:"):
            _catat("logout", p.username, metode=p.metode, alasan="tombol")
            _akhiri_sesi("keluar_ok")
            if p.metode == "oidc":
                st.logout()
                st.stop()
            st.rerun()
