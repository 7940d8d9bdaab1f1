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
  (LoginThrottle, in this server process's memory). A successful log-in starts a server-side
  session (storage/sessions.py) named by a signed, HttpOnly, SameSite=Strict cookie that the app
  server's route sets (web/session.py), so a reload or a new tab of the same browser stays logged
  in until the session ends: 8 hours after log-in, 30 minutes without a click in any tab, log-out
  in any tab (every tab is out at its next click), a password change (``users passwd``) or the
  account's removal. Where the route is not served (``streamlit run app.py``, AppTest) the session
  lives in this tab's ``st.session_state`` only, with the same rules.

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

from ucj_oversight.storage import audit, sessions, users
from ucj_oversight.storage.users import LoginThrottle, User
from ucj_oversight.text import labels
from ucj_oversight.web import session as cookie

_LOG = logging.getLogger(__name__)

USER_KEY = "pengguna"  # read by page.require_context and page.username
SESSION_KEY = "_ucj_sesi"  # {username, role, method, login_time, last_active, cookie}
MESSAGE_KEY = "_ucj_pesan_masuk"  # a message for the next log-in screen (after logout)
TICKET_KEY = "_ucj_tiket_cookie"  # a one-time ticket the page still has to hand to the cookie route
SEEN_KEY = "_ucj_cookie_diperiksa"  # the browser's cookie value already checked in this tab
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


def _end_session(message: str | None = None, *, clear_cookie: bool = False) -> None:
    """Forget everything this browser session held (filters, uploads, the user). `clear_cookie`:
    also have the page delete the browser's session cookie (local log-in)."""
    seen = st.session_state.get(SEEN_KEY)
    for k in list(st.session_state.keys()):
        del st.session_state[k]
    if message:
        st.session_state[MESSAGE_KEY] = message
    if seen:
        st.session_state[SEEN_KEY] = seen  # the tab still sends it: do not check it again
    if clear_cookie and cookie.routes_active():
        st.session_state[TICKET_KEY] = cookie.issue_clear()


def _hand_over_ticket() -> None:
    """Draw the component that hands a pending ticket to the cookie route (sets or clears the
    cookie); forget the ticket once the route has used it or it has expired."""
    ticket = st.session_state.get(TICKET_KEY)
    if not ticket:
        return
    if cookie.routes_active() and cookie.pending(ticket):
        cookie.mount(ticket, key="ucj-sesi-cookie")
    else:
        st.session_state.pop(TICKET_KEY, None)


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


_ENDED_MESSAGE = {
    sessions.EXPIRED: "sesi_berakhir",
    sessions.REMOVED: "akun_hilang",
    sessions.PASSWORD_CHANGED: "sandi_diganti",
    sessions.LOGGED_OUT: "keluar_ok",  # in another tab of the same log-in
    sessions.UNKNOWN: "sesi_berakhir",  # e.g. the session store or its key was reset
}


def _local_log_in(lang: str, now: datetime) -> User | None:
    path = users.users_path()
    session = st.session_state.get(SESSION_KEY)
    message = None
    try:
        if session and session.get("method") == "lokal":
            user, message = _continue(path, session, now)
            if user is not None:
                return user
        elif (value := cookie.browser_cookie()) and st.session_state.get(SEEN_KEY) != value:
            st.session_state[SEEN_KEY] = value  # a new tab or a reload: the browser's cookie
            user, message = _adopt(path, value, now)
            if user is not None:
                return user
    except users.UserError as e:
        _LOG.error("%s", e)
        _header(lang)
        st.error(_t("file_rusak", lang))
        return None
    _form(lang, path, message)
    return None


def _continue(path: Path, session: dict, now: datetime) -> tuple[User | None, str | None]:
    """The session this tab holds, checked again: (user, None), or (None, message) once ended."""
    name = session["username"]
    value = session.get("cookie")
    if value is None:  # no session store (it could not be written at log-in): this tab's own clock
        if users.expired(session["login_time"], now, last_active=session["last_active"]):
            _record("logout", name, metode="lokal", alasan=sessions.EXPIRED)
            _end_session()
            return None, "sesi_berakhir"
        user = users.find(path, name)  # removed or role changed since log-in?
        if user is None:
            _record("logout", name, metode="lokal", alasan=sessions.REMOVED)
            _end_session()
            return None, "akun_hilang"
    else:
        result = sessions.check(path, value, now)
        if result.user is None:
            return None, _ended(result, name)
        user = result.user
    session["role"] = user.role
    session["last_active"] = now
    return user, None


def _adopt(path: Path, value: str, now: datetime) -> tuple[User | None, str | None]:
    """The browser's session cookie (a reload or a new tab): take over its session when valid."""
    result = sessions.check(path, value, now)
    if result.user is None:
        message = _ended(result, result.username)
        return None, None if result.reason == sessions.UNKNOWN else message
    st.session_state[SESSION_KEY] = {
        "username": result.user.username,
        "role": result.user.role,
        "method": "lokal",
        "login_time": result.login_time,
        "last_active": now,
        "cookie": value,
    }
    return result.user, None


def _ended(result: sessions.Check, name: str | None) -> str:
    """A session that the store refused: audit it once (by whoever ended it), forget it here and
    have the page delete the cookie. Returns the message for the log-in screen."""
    if result.ended and result.reason != sessions.UNKNOWN:
        _record("logout", name or "?", metode="lokal", alasan=result.reason)
    _end_session(clear_cookie=True)
    return _ENDED_MESSAGE.get(result.reason or "", "sesi_berakhir")


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
    _hand_over_ticket()  # after a log-out or a refused cookie: delete the browser's cookie


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
    value = None
    try:
        value = sessions.create(path, user, now)
    except OSError as e:  # a read-only folder must not lock the council out: this tab only
        _LOG.error("sesi tidak dapat disimpan (%s); log-in %s hanya berlaku di tab ini", e, user.username)
    st.session_state[SESSION_KEY] = {
        "username": user.username,
        "role": user.role,
        "method": "lokal",
        "login_time": now,
        "last_active": now,
        "cookie": value,
    }
    if value is not None and cookie.routes_active():
        st.session_state[TICKET_KEY] = cookie.issue_set(value, int(users.SESSION_LIMIT.total_seconds()))
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
            if user.method == "oidc":
                _end_session("keluar_ok")
                st.logout()
                st.stop()
            value = (st.session_state.get(SESSION_KEY) or {}).get("cookie")
            try:  # every tab of this log-in is out at its next click
                sessions.revoke(users.users_path(), value, users.now())
            except OSError as e:
                _LOG.error("sesi %s tidak dapat diakhiri di file sesi: %s", user.username, e)
            _end_session("keluar_ok", clear_cookie=True)
            st.rerun()
        _hand_over_ticket()  # just logged in: the page hands the ticket to the cookie route
