"""Log-in for internal mode: the Streamlit part. Importing this module draws nothing.

app.py calls ``require_login(lang)`` before drawing anything (not in public mode), and
``logout_button(user, lang)`` to put the logout button in the sidebar.

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
* **Local users file** (storage/users.py) otherwise: a username/password form, rate limited
  (LoginThrottle, in this server process's memory), with the session kept only in
  ``st.session_state`` (no cookie: reloading the page means logging in again).

Either way the logged-in user is in ``st.session_state["pengguna"]`` (a users.User), the
session ends after 8 hours or 30 minutes without activity, and log-ins, failures, blocks and
log-outs go to the audit log (storage/audit.py). Passwords are never logged; a failed attempt's
username is logged only when such a user exists (people type passwords into the name field).
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
from ucj_oversight.storage.users import LoginThrottle, User
from ucj_oversight.text import labels

_LOG = logging.getLogger(__name__)

USER_KEY = "pengguna"  # read by page.require_context and page.username
SESSION_KEY = "_ucj_sesi"  # {username, role, method, login_time, last_active}
MESSAGE_KEY = "_ucj_pesan_masuk"  # a message for the next log-in screen (after logout)
RELOGIN_KEY = "_ucj_oidc_login_ulang"  # OIDC session expired here: ask the provider again
REFUSED_KEY = "_ucj_oidc_ditolak"  # an unlisted e-mail already logged for this session


def _t(key: str, lang: str, **values) -> str:
    return labels.lookup(labels.LOGIN, key, lang, **values)


# ---------------------------------------------------------------- shared state and helpers

_THROTTLES: dict[str, LoginThrottle] = {}
_THROTTLES_LOCK = threading.Lock()


def throttle_for(path: Path) -> LoginThrottle:
    """The server process's rate limiter for one users file (in memory; a restart clears it)."""
    key = str(Path(path).resolve())
    with _THROTTLES_LOCK:
        if key not in _THROTTLES:
            _THROTTLES[key] = LoginThrottle()
        return _THROTTLES[key]


def _record(event: str, actor: str | None, **details) -> None:
    """Audit, but a full disk must not lock the council out: failures go to the server log."""
    try:
        audit.record(audit.audit_path(), event, actor, **details)
    except OSError as e:
        _LOG.error("audit log tidak dapat ditulis (%s): %s oleh %s", e, event, actor)


def _client_ip() -> str | None:
    """The browser's IP address (None on localhost or without a connection, e.g. in tests)."""
    try:
        ip = st.context.ip_address
    except Exception:  # noqa: BLE001 - no context outside a browser session
        return None
    return ip if isinstance(ip, str) and ip else None


def _minutes(remaining: timedelta) -> int:
    return max(1, math.ceil(remaining.total_seconds() / 60))


def _end_session(message: str | None = None) -> None:
    """Forget everything this browser session held (filters, uploads, the user)."""
    for k in list(st.session_state.keys()):
        del st.session_state[k]
    if message:
        st.session_state[MESSAGE_KEY] = message


def _show_message(lang: str, key: str | None = None) -> None:
    key = key or st.session_state.pop(MESSAGE_KEY, None)
    if key == "keluar_ok":
        st.success(_t(key, lang), icon=":material/logout:")
    elif key:
        st.warning(_t(key, lang), icon=":material/schedule:")


def _header(lang: str) -> None:
    st.title(_t("judul", lang))
    st.caption(_t("ket", lang))


# ---------------------------------------------------------------- OIDC


def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has a non-empty [auth] section. Safe without a secrets file."""
    try:
        if not st.secrets.load_if_toml_exists():
            return False
        return bool(st.secrets.get("auth"))
    except Exception:  # noqa: BLE001 - an unreadable secrets file means: not configured
        return False


def _providers() -> list[str | None]:
    """None for the unnamed provider in [auth], else the names of [auth.NAME] sections."""
    auth = st.secrets.get("auth") or {}
    if "client_id" in auth or "server_metadata_url" in auth:
        return [None]
    names = [str(k) for k, v in auth.items() if isinstance(v, Mapping)]
    return names or [None]


def oidc_role(email: str) -> str | None:
    """The role of an e-mail address from [ucj.peran] in secrets.toml; None when not listed."""
    try:
        ucj = st.secrets.get("ucj") or {}
        mapping = ucj.get("peran") or {}
        roles = {str(k).strip().lower(): str(v).strip().lower() for k, v in dict(mapping).items()}
    except Exception:  # noqa: BLE001
        return None
    role = roles.get(email.strip().lower())
    if role is not None and role not in users.ROLES:
        _LOG.warning("peran %r untuk %s di [ucj.peran] tidak dikenal", role, email)
        return None
    return role


def _oidc_screen(lang: str, message: str | None = None) -> None:
    _header(lang)
    _show_message(lang, message)
    if importlib.util.find_spec("authlib") is None:
        st.error(_t("authlib", lang))
        return
    for name in _providers():
        label = _t("oidc_masuk", lang) if name is None else _t("oidc_masuk_nama", lang, nama=name)
        if st.button(label, type="primary", key=f"ucj_oidc_masuk_{name or ''}", icon=":material/login:"):
            st.session_state.pop(RELOGIN_KEY, None)
            st.login(name)


def _from_epoch(v) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(v), tz=users.WIB)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _oidc_log_in(lang: str, now: datetime) -> User | None:
    info = st.user
    if not info.get("is_logged_in"):
        st.session_state.pop(SESSION_KEY, None)
        _oidc_screen(lang)
        return None
    if st.session_state.get(RELOGIN_KEY):
        _oidc_screen(lang, "sesi_berakhir")
        return None
    email = str(info.get("email") or "").strip().lower()
    if not email or info.get("email_verified") is False:
        _header(lang)
        st.error(_t("oidc_email", lang))
        _oidc_logout_button(lang)
        return None
    role = oidc_role(email)
    if role is None:
        if st.session_state.get(REFUSED_KEY) != email:
            st.session_state[REFUSED_KEY] = email
            _record("login_gagal", email, metode="oidc", alasan="tidak_terdaftar", klien=_client_ip())
        _header(lang)
        st.error(_t("oidc_tak_terdaftar", lang, email=email))
        _oidc_logout_button(lang)
        return None

    session = st.session_state.get(SESSION_KEY)
    if not session or session.get("method") != "oidc" or session.get("username") != email:
        login_time = _from_epoch(info.get("iat")) or now
        if users.expired(login_time, now):
            st.session_state[RELOGIN_KEY] = True
            _oidc_screen(lang, "sesi_berakhir")
            return None
        session = {"username": email, "role": role, "method": "oidc", "login_time": login_time, "last_active": now}
        st.session_state[SESSION_KEY] = session
        # One event per browser session: a new tab reuses the provider's log-in (same masuk_idp).
        _record("login_berhasil", email, metode="oidc", peran=role, masuk_idp=login_time, klien=_client_ip())
    elif users.expired(session["login_time"], now, last_active=session["last_active"]):
        _record("logout", email, metode="oidc", alasan="sesi_kedaluwarsa")
        _end_session()
        st.session_state[RELOGIN_KEY] = True
        _oidc_screen(lang, "sesi_berakhir")
        return None
    session["role"] = role  # a role changed in secrets.toml applies at the next click
    session["last_active"] = now
    return User(email, role, None, "oidc")


def _oidc_logout_button(lang: str) -> None:
    if st.button(_t("keluar", lang), key="ucj_oidc_keluar_ditolak"):
        _end_session()
        st.logout()


# ---------------------------------------------------------------- local users file


def _local_log_in(lang: str, now: datetime) -> User | None:
    path = users.users_path()
    session = st.session_state.get(SESSION_KEY)
    message = None
    if session and session.get("method") == "lokal":
        if users.expired(session["login_time"], now, last_active=session["last_active"]):
            _record("logout", session["username"], metode="lokal", alasan="sesi_kedaluwarsa")
            _end_session()
            message = "sesi_berakhir"
        else:
            try:
                user = users.find(path, session["username"])  # removed or role changed since log-in?
            except users.UserError as e:
                _LOG.error("%s", e)
                _header(lang)
                st.error(_t("file_rusak", lang))
                return None
            if user is not None:
                session["role"] = user.role
                session["last_active"] = now
                return user
            _record("logout", session["username"], metode="lokal", alasan="akun_dihapus")
            _end_session()
            message = "akun_hilang"
    _form(lang, path, message)
    return None


def _form(lang: str, path: Path, message: str | None) -> None:
    _header(lang)
    _show_message(lang, message)
    try:
        empty = not users.list_users(path)
    except users.UserError as e:
        _LOG.error("%s", e)
        st.error(_t("file_rusak", lang))
        return
    if empty:
        st.info(_t("belum_ada", lang))
    # clear_on_submit: the password does not stay in session state after the attempt.
    with st.form("ucj_masuk", clear_on_submit=True):
        name = st.text_input(_t("nama", lang), max_chars=64, autocomplete="username")
        password = st.text_input(
            _t("sandi", lang), type="password", max_chars=users.PASSWORD_MAX, autocomplete="current-password"
        )
        submitted = st.form_submit_button(_t("tombol_masuk", lang), type="primary")
    if submitted:
        _try_log_in(lang, path, name or "", password or "")


def _try_log_in(lang: str, path: Path, name: str, password: str) -> None:
    name = name.strip().lower()
    if not name or not password:
        st.warning(_t("kosong", lang))
        return
    client = _client_ip()
    throttle = throttle_for(path)
    remaining = throttle.remaining_block(name, client)
    if remaining:
        _record(
            "login_diblokir", _name_for_log(path, name), metode="lokal", klien=client, menit_tersisa=_minutes(remaining)
        )
        st.error(_t("diblokir", lang, menit=_minutes(remaining)), icon=":material/lock_clock:")
        return
    try:
        user = users.verify(path, name, password)
    except users.UserError as e:
        _LOG.error("%s", e)
        st.error(_t("file_rusak", lang))
        return
    if user is None:
        blocked = throttle.record_failure(name, client)
        _record(
            "login_gagal",
            _name_for_log(path, name),
            metode="lokal",
            klien=client,
            **({"diblokir_menit": _minutes(blocked)} if blocked else {}),
        )
        st.error(_t("salah", lang))
        if blocked:
            st.error(_t("diblokir", lang, menit=_minutes(blocked)), icon=":material/lock_clock:")
        return
    throttle.record_success(user.username)
    now = users.now()
    st.session_state.pop(MESSAGE_KEY, None)
    st.session_state[SESSION_KEY] = {
        "username": user.username,
        "role": user.role,
        "method": "lokal",
        "login_time": now,
        "last_active": now,
    }
    _record("login_berhasil", user.username, metode="lokal", peran=user.role, klien=client)
    st.rerun()


def _name_for_log(path: Path, name: str) -> str:
    """The attempted name only when such a user exists: a password typed into the name field must
    not end up in the log."""
    try:
        return name if users.find(path, name) is not None else "?"
    except users.UserError:
        return "?"


# ---------------------------------------------------------------- API for app.py


def require_login(lang: str = "id") -> User | None:
    """The logged-in user (also put in st.session_state["pengguna"]). When nobody is logged in,
    or the session has expired, draws the log-in screen and calls st.stop(); None is returned only
    where st.stop() does nothing (outside a Streamlit run)."""
    now = users.now()
    user = _oidc_log_in(lang, now) if oidc_configured() else _local_log_in(lang, now)
    if user is None:
        st.session_state.pop(USER_KEY, None)
        st.stop()
        return None
    st.session_state[USER_KEY] = user
    return user


def logout_button(user: User, lang: str = "id") -> None:
    """Who is logged in, and a logout button, in the sidebar."""
    role = _t("peran_admin" if user.role == "admin" else "peran_anggota", lang)
    with st.sidebar:
        st.caption(_t("masuk_sebagai", lang, nama=user.username, peran=role))
        if st.button(_t("keluar", lang), key="ucj_keluar", icon=":material/logout:"):
            _record("logout", user.username, metode=user.method, alasan="tombol")
            _end_session("keluar_ok")
            if user.method == "oidc":
                st.logout()
                st.stop()
            st.rerun()
