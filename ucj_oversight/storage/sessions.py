"""Log-in sessions of the internal mode (local users file): a server-side store and the signed
cookie value that names one session. No Streamlit here; web/login.py and web/session.py use it.

A session is a random 256-bit id. The browser keeps it in an HttpOnly cookie as
``<id>.<signature>``, the signature being HMAC-SHA256 of the id under a server key, so a cookie
that was altered, made up, or signed with another key is refused before the store is read. The
cookie holds nothing else: no name, no password, no hash of one.

Two files next to the users file (UCJ_USERS, default users.toml), both mode 0600, never in git:

* ``<users file>.sesi.kunci`` — the signing key (32 random bytes, hex), made on first use.
  Deleting it ends every session (all cookies stop verifying).
* ``<users file>.sesi.json`` — one record per session, keyed by the SHA-256 of the session id
  (the id itself is not kept, so a copy of this file logs nobody in)::

      {"sesi": {"<sha256 of id>": {"nama": "siti", "stempel": "<user's stamp at log-in>",
                                   "masuk": "2026-11-05T09:12:44+07:00", "aktif": "..."}}}

  Written whole with atomic.write_atomic under the folder lock (as the users file). An ended
  session keeps a short record saying why (``{"nama", "masuk", "berakhir": reason}``) until its
  8 hours are over, so that every tab of it can say why it ended; then it is pruned.

A session ends (and its record is removed) when the existing rules say so (users.expired: 8 hours
after log-in, 30 minutes without activity in any tab), when the user is removed from the users
file, when the user's password changes (users.toml ``stempel`` is renewed by every password
change, and the record keeps the stamp of log-in time), or at log-out (``revoke``). Activity is
written at most once a minute per session (TOUCH_EVERY), so the idle limit is exact to a minute.
Times are in WIB.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ucj_oversight.storage import atomic, users

_LOG = logging.getLogger(__name__)

TOUCH_EVERY = timedelta(minutes=1)
_ID_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)
_SIG_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # urlsafe base64 of 32 bytes, no padding

# Why a session ended, as written to the audit log (event "logout", field "alasan").
EXPIRED = "sesi_kedaluwarsa"
REMOVED = "akun_dihapus"
PASSWORD_CHANGED = "sandi_diganti"
LOGGED_OUT = "keluar"  # log-out in one of the tabs (the audit event of that click says "tombol")
UNKNOWN = "tidak_dikenal"  # bad signature, or no such session


def store_path(users_file: Path) -> Path:
    return Path(str(users_file) + ".sesi.json")


def key_path(users_file: Path) -> Path:
    return Path(str(users_file) + ".sesi.kunci")


# ---------------------------------------------------------------- signing


def load_key(users_file: Path) -> bytes:
    """The signing key, created (0600, under the folder lock) when missing."""
    path = key_path(users_file)
    try:
        return _parse_key(path.read_text("ascii"))
    except FileNotFoundError:
        pass
    with _locked(users_file):
        try:
            return _parse_key(path.read_text("ascii"))
        except FileNotFoundError:
            text = secrets.token_hex(32)
            atomic.write_atomic(path, (text + "\n").encode("ascii"), mode=0o600)
            return bytes.fromhex(text)


def _parse_key(text: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        key = b""
    if len(key) < 32:
        raise OSError("kunci sesi rusak (hapus file itu agar dibuat yang baru; semua sesi berakhir)")
    return key


def _signature(key: bytes, session_id: str) -> str:
    mac = hmac.new(key, b"ucj-sesi\x00" + session_id.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def sign(key: bytes, session_id: str) -> str:
    """The cookie value for a session id: ``<id>.<signature>``."""
    return f"{session_id}.{_signature(key, session_id)}"


def unsign(key: bytes, value: str | None) -> str | None:
    """The session id of a cookie value when its signature is right under `key`, else None."""
    if not isinstance(value, str) or value.count(".") != 1:
        return None
    session_id, sig = value.split(".")
    if not _ID_RE.fullmatch(session_id) or not _SIG_RE.fullmatch(sig):
        return None
    return session_id if hmac.compare_digest(sig, _signature(key, session_id)) else None


def _record_key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("ascii")).hexdigest()


# ---------------------------------------------------------------- the store file


@contextlib.contextmanager
def _locked(users_file: Path) -> Iterator[None]:
    folder = Path(users_file).parent if str(Path(users_file).parent) else Path(".")
    with atomic.locked(folder):
        yield


def _load(users_file: Path) -> dict[str, dict]:
    try:
        data = json.loads(store_path(users_file).read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, UnicodeDecodeError) as e:  # a damaged store ends every session, nothing worse
        _LOG.error("file sesi %s rusak, diabaikan: %s", store_path(users_file), e)
        return {}
    records = data.get("sesi") if isinstance(data, dict) else None
    return {k: v for k, v in records.items() if isinstance(v, dict)} if isinstance(records, dict) else {}


def _times(record: dict) -> tuple[datetime, datetime] | None:
    try:
        login_time = datetime.fromisoformat(record["masuk"])
        last_active = datetime.fromisoformat(record["aktif"])
    except (KeyError, TypeError, ValueError):
        return None
    if login_time.tzinfo is None or last_active.tzinfo is None:
        return None
    return login_time, last_active


def _ended(record: dict, now: datetime) -> bool:
    """The session is over (ended earlier, or by the time rules now)."""
    if record.get("berakhir"):
        return True
    times = _times(record)
    return times is None or users.expired(times[0], now, last_active=times[1])


def _prunable(record: dict, now: datetime) -> bool:
    """Nothing left to say about it: the 8 hours since log-in are over (or the record is damaged)."""
    try:
        login_time = datetime.fromisoformat(record["masuk"])
    except (KeyError, TypeError, ValueError):
        return True
    return login_time.tzinfo is None or users.expired(login_time, now)


def _modify(users_file: Path, now: datetime, fn: Callable[[dict[str, dict]], object]) -> object:
    """Read the store, let `fn` change it, drop ended sessions, write it whole (0600), under the lock.
    Returns what `fn` returned."""
    with _locked(users_file):
        records = _load(users_file)
        result = fn(records)
        for k in [k for k, r in records.items() if _prunable(r, now)]:
            del records[k]
        text = json.dumps({"sesi": records}, ensure_ascii=False, indent=1, sort_keys=True)
        atomic.write_atomic(store_path(users_file), (text + "\n").encode("utf-8"), mode=0o600)
        return result


# ---------------------------------------------------------------- API


@dataclass(frozen=True)
class Check:
    """What a cookie value is worth now. `user` is set when the session is valid; otherwise `reason`
    says why not, and `ended` is True when this check is the one that ended the session (its record
    removed now): that caller writes the audit event, so it is written once."""

    user: users.User | None
    reason: str | None = None
    username: str | None = None
    login_time: datetime | None = None
    ended: bool = False


def create(users_file: Path, user: users.User, now: datetime) -> str:
    """Start a session for `user` (just verified) and return its cookie value. Raises OSError when
    the store or the key cannot be written."""
    users_file = Path(users_file)
    key = load_key(users_file)
    session_id = secrets.token_urlsafe(32)
    at = now.isoformat(timespec="seconds")
    record = {"nama": user.username, "stempel": user.stamp or "", "masuk": at, "aktif": at}

    def fn(records):
        records[_record_key(session_id)] = record

    _modify(users_file, now, fn)
    return sign(key, session_id)


def check(users_file: Path, value: str | None, now: datetime) -> Check:
    """Is the session named by cookie value `value` still valid? Valid: the user as the users file
    says now (role included), and the activity time renewed. Raises users.UserError when the users
    file cannot be read."""
    users_file = Path(users_file)
    try:
        key = load_key(users_file)
    except OSError as e:
        _LOG.error("kunci sesi tidak dapat dibaca: %s", e)
        return Check(None, UNKNOWN)
    session_id = unsign(key, value)
    if session_id is None:
        return Check(None, UNKNOWN)
    rk = _record_key(session_id)
    record = _load(users_file).get(rk)
    if record is None:
        return Check(None, UNKNOWN)
    name = str(record.get("nama", ""))
    times = _times(record)
    login_time = times[0] if times else None
    if record.get("berakhir"):
        return Check(None, str(record["berakhir"]), name, login_time)
    user = None
    if _ended(record, now):
        reason = EXPIRED
    else:
        user = users.find(users_file, name)
        if user is None:
            reason = REMOVED
        elif not hmac.compare_digest(str(record.get("stempel", "")), user.stamp or ""):
            reason = PASSWORD_CHANGED
        else:
            reason = None
    if reason is not None:
        return Check(None, reason, name, login_time, _end(users_file, rk, reason, now))
    if now - times[1] >= TOUCH_EVERY:
        _touch(users_file, rk, now)
    return Check(user, None, name, login_time)


def _end(users_file: Path, rk: str, reason: str, now: datetime) -> bool:
    """Mark one session ended for `reason`; True when this call ended it (it was still running)."""

    def fn(records):
        record = records.get(rk)
        if record is None or record.get("berakhir"):
            return False
        records[rk] = {"nama": record.get("nama", ""), "masuk": record.get("masuk", ""), "berakhir": reason}
        return True

    try:
        return bool(_modify(users_file, now, fn))
    except OSError as e:
        _LOG.error("file sesi tidak dapat ditulis: %s", e)
        return True


def _touch(users_file: Path, rk: str, now: datetime) -> None:
    def fn(records):
        if rk in records and not records[rk].get("berakhir"):
            records[rk]["aktif"] = now.isoformat(timespec="seconds")

    try:
        _modify(users_file, now, fn)
    except OSError as e:  # the session goes on; only its idle time is not renewed on disk
        _LOG.error("file sesi tidak dapat ditulis: %s", e)


def revoke(users_file: Path, value: str | None, now: datetime) -> bool:
    """End the session named by `value` (log-out: every tab of that browser is out at its next
    click). True when it was still running."""
    users_file = Path(users_file)
    try:
        session_id = unsign(load_key(users_file), value)
    except OSError:
        return False
    if session_id is None:
        return False
    return _end(users_file, _record_key(session_id), LOGGED_OUT, now)


def active_count(users_file: Path, now: datetime) -> int:
    """How many sessions have not ended (for `users list` and tests)."""
    return sum(1 for r in _load(Path(users_file)).values() if not _ended(r, now))
