"""Users for internal mode: the local users file, log-in rate limiting, session expiry.

The users file (UCJ_USERS, default ``users.toml`` at the repository root; git-ignored) is TOML so
that a council IT officer can read it. It holds no password, only a salted Argon2id hash
(argon2-cffi's PasswordHasher, RFC 9106 defaults), and is always written whole to a temporary
file in the same folder, then swapped in with os.replace, with mode 0600 (atomic.write_atomic)::

    [pengguna."siti"]
    peran = "admin"
    dibuat = 2026-11-05T09:12:44+07:00
    sandi_diubah = 2026-11-05T09:12:44+07:00
    stempel = "9f1c..."   # random, renewed by every password change: ends the user's sessions
    hash = "$argon2id$v=19$m=65536,t=3,p=4$...$..."

Manage it with ``python -m ucj_oversight users add|passwd|remove|list``; comments written by hand
are lost on the next change.

Rate limiting (LoginThrottle) lives in the memory of the server process (Streamlit serves every
browser session from one process), guarded by a lock: restarting the server forgets failed
attempts and blocks. Times are in WIB (UTC+7, no daylight saving).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import threading
import tomllib
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ucj_oversight import settings
from ucj_oversight.storage import atomic

_LOG = logging.getLogger(__name__)

WIB = timezone(timedelta(hours=7), "WIB")
ROLES = ("anggota", "admin")
NAME_RE = re.compile(r"^[a-z0-9._-]{3,32}$")
PASSWORD_MIN = 10
PASSWORD_MAX = 1024  # Argon2 takes any length; this only keeps requests bounded
SESSION_LIMIT = timedelta(hours=8)
IDLE_LIMIT = timedelta(minutes=30)

_HASHER = PasswordHasher()  # Argon2id, t=3, m=64 MiB, p=4 (RFC 9106 "low memory"), 16-byte random salt


class UserError(ValueError):
    """A user-management request that cannot be done; the message is for the person (Indonesian)."""


@dataclass(frozen=True)
class User:
    username: str  # local name, or the e-mail address with OIDC
    role: str  # "anggota" | "admin" (ROLES)
    created: datetime | None = None
    method: str = "lokal"  # "lokal" (users file) | "oidc" (st.login); written to the audit log
    # The session stamp (users file only): changes with every password change, so a session started
    # before the change is refused (storage/sessions.py). Not the hash, nothing derived from the password.
    stamp: str | None = field(default=None, repr=False, compare=False)

    @property
    def admin(self) -> bool:
        return self.role == "admin"


def now() -> datetime:
    return datetime.now(WIB)


def users_path() -> Path:
    """The users file: UCJ_USERS, else users.toml at the repository root (settings.users_path)."""
    return settings.users_path()


# ---------------------------------------------------------------- validation


def _normalize_name(username: str) -> str:
    return str(username or "").strip().lower()


def check_name(username: str) -> str:
    name = _normalize_name(username)
    if not NAME_RE.fullmatch(name):
        raise UserError(
            f"nama pengguna {str(username)!r} tidak sah: 3–32 karakter, hanya huruf kecil a–z, "
            "angka 0–9, titik, garis bawah atau tanda hubung"
        )
    return name


def check_role(role: str) -> str:
    r = str(role or "").strip().lower()
    if r not in ROLES:
        raise UserError(f"peran {role!r} tidak dikenal; pilih salah satu: {', '.join(ROLES)}")
    return r


def _normalize_password(password: str) -> str:
    # NFC: the same word typed on two keyboards (composed or decomposed accents) is the same password.
    return unicodedata.normalize("NFC", str(password))


def _check_password(password: str, name: str) -> str:
    s = _normalize_password(password)
    if len(s) < PASSWORD_MIN:
        raise UserError(f"kata sandi terlalu pendek: minimal {PASSWORD_MIN} karakter")
    if len(s) > PASSWORD_MAX:
        raise UserError(f"kata sandi terlalu panjang: maksimal {PASSWORD_MAX} karakter")
    if not s.strip():
        raise UserError("kata sandi tidak boleh hanya berisi spasi")
    if s.strip().lower() == name:
        raise UserError("kata sandi tidak boleh sama dengan nama pengguna")
    return s


# ---------------------------------------------------------------- the file

_HEADER = """\
# Pengguna dasbor Pengawasan UCJ Kota Bekasi (mode internal, tanpa penyedia identitas OIDC).
# Kelola HANYA dengan: python -m ucj_oversight users add|passwd|remove|list
# Kata sandi TIDAK disimpan. "hash" adalah hash Argon2id bergaram (satu arah, tidak dapat dibalik).
# Jangan bagikan atau salin file ini; izinnya harus 0600 (hanya pemilik). Komentar tulisan
# tangan akan hilang saat file ditulis ulang.
"""

_KEY_ORDER = ("peran", "dibuat", "sandi_diubah", "stempel", "hash")  # TOML keys of an entry (data: never renamed)


def _load(path: Path) -> dict[str, dict]:
    """username -> entry; an absent file is an empty list of users."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as e:
        raise UserError(f"file pengguna {path} rusak (bukan TOML yang sah): {e}") from None
    except OSError as e:
        raise UserError(f"file pengguna {path} tidak dapat dibaca: {e.strerror}") from None
    entries = data.get("pengguna", {})
    if not isinstance(entries, dict):
        raise UserError(f"file pengguna {path} rusak: [pengguna] harus berupa tabel")
    return {str(k): v for k, v in entries.items() if isinstance(v, dict)}


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, datetime):
        return v.isoformat(timespec="seconds")
    return json.dumps(str(v))  # a JSON string is a valid TOML basic string


def _serialize(entries: dict[str, dict]) -> str:
    out = [_HEADER]
    for name in sorted(entries):
        entry = entries[name]
        out.append(f"\n[pengguna.{_toml_value(name)}]\n")
        keys = [k for k in _KEY_ORDER if k in entry] + sorted(k for k in entry if k not in _KEY_ORDER)
        for k in keys:
            v = entry[k]
            if isinstance(v, (str, int, bool, datetime)) and re.fullmatch(r"[A-Za-z0-9_-]+", k):
                out.append(f"{k} = {_toml_value(v)}\n")
    return "".join(out)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock for read-modify-write. The lock is on the folder, not the file:
    os.replace puts a new inode in place, so a lock on the old file would protect nothing."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"folder {folder} untuk file pengguna tidak ada")
    with atomic.locked(folder):
        yield


def _modify(path: Path, fn: Callable[[dict[str, dict]], None]) -> None:
    """Read the file, let `fn` change the entries, write the file whole (0600), all under the lock."""
    path = Path(path)
    with _locked(path):
        entries = _load(path)
        fn(entries)
        try:
            atomic.write_atomic(path, _serialize(entries).encode("utf-8"), mode=0o600)
        except OSError as e:
            raise UserError(f"file pengguna {path} tidak dapat ditulis: {e.strerror}") from None


def permissions_too_open(path: Path) -> bool:
    """True when group or others may read or write the users file (it should be 0600)."""
    try:
        return bool(os.stat(path).st_mode & 0o077)
    except FileNotFoundError:
        return False


# ---------------------------------------------------------------- API


def add(path: Path, username: str, password: str, role: str) -> User:
    name = check_name(username)
    r = check_role(role)
    pw = _check_password(password, name)
    h = _HASHER.hash(pw)
    at = now().replace(microsecond=0)

    def fn(entries):
        if name in entries:
            raise UserError(f"pengguna {name!r} sudah ada (ganti sandi: users passwd; hapus: users remove)")
        entries[name] = {"peran": r, "dibuat": at, "sandi_diubah": at, "stempel": stamp, "hash": h}

    stamp = _new_stamp()
    _modify(path, fn)
    return User(name, r, at, stamp=stamp)


def change_password(path: Path, username: str, password: str) -> None:
    name = check_name(username)
    pw = _check_password(password, name)
    h = _HASHER.hash(pw)

    def fn(entries):
        if name not in entries:
            raise UserError(f"pengguna {name!r} tidak ada")
        entries[name]["hash"] = h
        entries[name]["sandi_diubah"] = now().replace(microsecond=0)
        entries[name]["stempel"] = _new_stamp()

    _modify(path, fn)


def remove(path: Path, username: str) -> None:
    name = _normalize_name(username)

    def fn(entries):
        if name not in entries:
            raise UserError(f"pengguna {name!r} tidak ada")
        del entries[name]

    _modify(path, fn)


def _created(entry: dict) -> datetime | None:
    d = entry.get("dibuat")
    if not isinstance(d, datetime):
        return None
    return d.astimezone(WIB) if d.tzinfo else d.replace(tzinfo=WIB)


def _new_stamp() -> str:
    return secrets.token_hex(16)


def _stamp(entry: dict) -> str:
    """The entry's session stamp. An entry written before stamps existed has none: then a digest of
    its hash stands in (it changes with the password too; it stays on the server, never in a cookie)."""
    s = entry.get("stempel")
    if isinstance(s, str) and s:
        return s
    return "h:" + hashlib.sha256(str(entry.get("hash", "")).encode("utf-8")).hexdigest()[:32]


def list_users(path: Path) -> list[tuple[str, str, datetime | None]]:
    """(username, role, created) for every user, by name. Never the hash."""
    return [(name, str(e.get("peran", "")), _created(e)) for name, e in sorted(_load(Path(path)).items())]


def find(path: Path, username: str) -> User | None:
    """The user as the file says now (role included), without checking a password; None if absent
    or the entry's role is not a known one."""
    name = _normalize_name(username)
    e = _load(Path(path)).get(name)
    if e is None or e.get("peran") not in ROLES:
        return None
    return User(name, e["peran"], _created(e), stamp=_stamp(e))


# The hash of a random password nobody kept, with the same parameters as _HASHER: verifying against
# it costs what verifying a real user costs (no first-call delay as a lazily made one would have).
_HASH_DUMMY = "$argon2id$v=19$m=65536,t=3,p=4$5krBKZgLTm0USFwMZKtw9Q$bTk7xhdoLQAEZZK+lHqgNul6PpShlHyRASyCxwgXRIc"
_dummy_lock = threading.Lock()


def _hash_dummy() -> str:
    """_HASH_DUMMY, remade once if argon2-cffi's default parameters ever change."""
    global _HASH_DUMMY
    if _HASHER.check_needs_rehash(_HASH_DUMMY):
        with _dummy_lock:
            if _HASHER.check_needs_rehash(_HASH_DUMMY):
                _HASH_DUMMY = _HASHER.hash(os.urandom(24).hex())
    return _HASH_DUMMY


def _matches(h: str, password: str) -> bool:
    try:
        return _HASHER.verify(h, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    except (UnicodeError, TypeError, ValueError):
        return False


def verify(path: Path, username: str, password: str) -> User | None:
    """The user when the password is right, else None. An unknown or malformed name still costs
    one Argon2 verification (against a dummy hash), so timing does not tell which names exist."""
    path = Path(path)
    name = _normalize_name(username)
    pw = _normalize_password(password or "")
    entry = _load(path).get(name) if NAME_RE.fullmatch(name) else None
    h = entry.get("hash") if entry else None
    if not isinstance(h, str) or entry.get("peran") not in ROLES or len(pw) > PASSWORD_MAX:
        _matches(_hash_dummy(), pw[:PASSWORD_MAX])
        return None
    if not _matches(h, pw):
        return None
    if _HASHER.check_needs_rehash(h):
        _rehash(path, name, h, pw)
    return User(name, entry["peran"], _created(entry), stamp=_stamp(entry))


def _rehash(path: Path, name: str, old: str, password: str) -> None:
    """Parameters changed since the hash was made: store a new hash (best effort; a read-only
    users file only means the old hash stays)."""
    new = _HASHER.hash(password)

    def fn(entries):
        if entries.get(name, {}).get("hash") == old:  # not changed by someone else meanwhile
            entries[name]["stempel"] = _stamp(entries[name])  # a new hash is no new password: sessions go on
            entries[name]["hash"] = new

    try:
        _modify(path, fn)
    except (UserError, OSError) as e:
        _LOG.warning("hash pengguna %s tidak dapat diperbarui: %s", name, e)


# ---------------------------------------------------------------- sessions


def expired(
    login_time: datetime,
    now: datetime,
    limit: timedelta = SESSION_LIMIT,
    *,
    last_active: datetime | None = None,
    idle_limit: timedelta = IDLE_LIMIT,
) -> bool:
    """Has the session ended? After `limit` since log-in (8 h), or after `idle_limit` (30 min)
    without any activity when `last_active` is given. A log-in time more than 5 minutes in the
    future (clock moved, tampered state) also ends it."""
    if login_time > now + timedelta(minutes=5):
        return True
    if now - login_time >= limit:
        return True
    return last_active is not None and now - last_active >= idle_limit


# ---------------------------------------------------------------- rate limiting


class LoginThrottle:
    """After `max_failures` failed log-ins for one username, or from one client (IP address), within
    `window`, refuse further attempts for that name / client for `block_time`.

    State is in this object's memory, guarded by a lock (one Streamlit server = one process;
    restarting it clears the state). `clock` returns the current time (injectable for tests)."""

    def __init__(
        self,
        max_failures: int = 5,
        window: timedelta = timedelta(minutes=15),
        block_time: timedelta = timedelta(minutes=15),
        clock: Callable[[], datetime] = now,
    ):
        self.max_failures = max_failures
        self.window = window
        self.block_time = block_time
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, deque[datetime]] = {}
        self._blocked: dict[str, datetime] = {}  # key -> end of the block

    @staticmethod
    def _keys(username: str, client: str | None) -> list[str]:
        keys = ["nama:" + _normalize_name(username)[:64]]
        if client:
            keys.append("klien:" + str(client)[:64])
        return keys

    def _expire(self, t: datetime) -> None:
        for k in [k for k, end in self._blocked.items() if end <= t]:
            del self._blocked[k]
        for k, q in list(self._failures.items()):
            while q and t - q[0] >= self.window:
                q.popleft()
            if not q:
                del self._failures[k]

    def remaining_block(self, username: str, client: str | None = None) -> timedelta | None:
        """How long this name or client must still wait; None when an attempt is allowed."""
        with self._lock:
            t = self._clock()
            self._expire(t)
            remaining = [self._blocked[k] - t for k in self._keys(username, client) if k in self._blocked]
            return max(remaining) if remaining else None

    def record_failure(self, username: str, client: str | None = None) -> timedelta | None:
        """Record a failed attempt; returns the wait when this attempt started a block."""
        with self._lock:
            t = self._clock()
            self._expire(t)
            blocked = False
            for k in self._keys(username, client):
                q = self._failures.setdefault(k, deque())
                q.append(t)
                if len(q) >= self.max_failures:
                    self._blocked[k] = t + self.block_time
                    del self._failures[k]
                    blocked = True
            return self.block_time if blocked else None

    def record_success(self, username: str) -> None:
        """A successful log-in clears that name's failures (not the client's: one good account must
        not reset an address that is guessing other names)."""
        with self._lock:
            self._failures.pop(self._keys(username, None)[0], None)
