"""Users for internal mode: the local users file, log-in rate limiting, session expiry.

The users file (UCJ_USERS, default ``users.toml`` at the repository root; git-ignored) is TOML so
that a council IT officer can read it. It holds no password, only a salted Argon2id hash
(argon2-cffi's PasswordHasher, RFC 9106 defaults), and is always written whole to a temporary
file in the same folder, then swapped in with os.replace, with mode 0600::

    [pengguna."siti"]
    peran = "admin"
    dibuat = 2026-11-05T09:12:44+07:00
    sandi_diubah = 2026-11-05T09:12:44+07:00
    hash = "$argon2id$v=19$m=65536,t=3,p=4$...$..."

Manage it with ``python -m ucj_oversight users add|passwd|remove|list``; comments written by hand
are lost on the next change.

Rate limiting (PembatasLogin) lives in the memory of the server process (Streamlit serves every
browser session from one process), guarded by a lock: restarting the server forgets failed
attempts and blocks. Times are in WIB (UTC+7, no daylight saving).
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import tempfile
import threading
import tomllib
import unicodedata
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_LOG = logging.getLogger(__name__)

WIB = timezone(timedelta(hours=7), "WIB")
ROLES = ("anggota", "admin")
NAME_RE = re.compile(r"^[a-z0-9._-]{3,32}$")
PASSWORD_MIN = 10
PASSWORD_MAX = 1024            # Argon2 takes any length; this only keeps requests bounded
SESSION_LIMIT = timedelta(hours=8)
IDLE_LIMIT = timedelta(minutes=30)

_HASHER = PasswordHasher()   # Argon2id, t=3, m=64 MiB, p=4 (RFC 9106 "low memory"), 16-byte random salt


class UserError(ValueError):
    """A user-management request that cannot be done; the message is for the person (Indonesian)."""


@dataclass(frozen=True)
class User:
    username: str                 # local name, or the e-mail address with OIDC
    peran: str                    # "anggota" | "admin"
    dibuat: datetime | None = None
    metode: str = "lokal"         # "lokal" (users file) | "oidc" (st.login)

    @property
    def admin(self) -> bool:
        return self.peran == "admin"

    @property
    def nama(self) -> str:
        return self.username


def now() -> datetime:
    return datetime.now(WIB)


def users_path() -> Path:
    """The users file: UCJ_USERS, else users.toml at the repository root."""
    env = os.environ.get("UCJ_USERS", "").strip()
    if env:
        return Path(env)
    from ucj_oversight import settings
    return settings.ROOT / "users.toml"


# ---------------------------------------------------------------- validation

def _nama(username: str) -> str:
    return str(username or "").strip().lower()


def check_name(username: str) -> str:
    nama = _nama(username)
    if not NAME_RE.fullmatch(nama):
        raise UserError(f"nama pengguna {str(username)!r} tidak sah: 3–32 karakter, hanya huruf kecil a–z, "
                            "angka 0–9, titik, garis bawah atau tanda hubung")
    return nama


def check_role(peran: str) -> str:
    p = str(peran or "").strip().lower()
    if p not in ROLES:
        raise UserError(f"peran {peran!r} tidak dikenal; pilih salah satu: {', '.join(ROLES)}")
    return p


def _sandi(password: str) -> str:
    # NFC: the same word typed on two keyboards (composed or decomposed accents) is the same password.
    return unicodedata.normalize("NFC", str(password))


def _cek_sandi(password: str, nama: str) -> str:
    s = _sandi(password)
    if len(s) < PASSWORD_MIN:
        raise UserError(f"kata sandi terlalu pendek: minimal {PASSWORD_MIN} karakter")
    if len(s) > PASSWORD_MAX:
        raise UserError(f"kata sandi terlalu panjang: maksimal {PASSWORD_MAX} karakter")
    if not s.strip():
        raise UserError("kata sandi tidak boleh hanya berisi spasi")
    if s.strip().lower() == nama:
        raise UserError("kata sandi tidak boleh sama dengan nama pengguna")
    return s


# ---------------------------------------------------------------- the file

_KOMENTAR = """\
# Pengguna dasbor Pengawasan UCJ Kota Bekasi (mode internal, tanpa penyedia identitas OIDC).
# Kelola HANYA dengan: python -m ucj_oversight users add|passwd|remove|list
# Kata sandi TIDAK disimpan. "hash" adalah hash Argon2id bergaram (satu arah, tidak dapat dibalik).
# Jangan bagikan atau salin file ini; izinnya harus 0600 (hanya pemilik). Komentar tulisan
# tangan akan hilang saat file ditulis ulang.
"""

_URUTAN = ("peran", "dibuat", "sandi_diubah", "hash")


def _baca(path: Path) -> dict[str, dict]:
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
    semua = data.get("pengguna", {})
    if not isinstance(semua, dict):
        raise UserError(f"file pengguna {path} rusak: [pengguna] harus berupa tabel")
    return {str(k): v for k, v in semua.items() if isinstance(v, dict)}


def _toml_nilai(v) -> str:
    import json
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, datetime):
        return v.isoformat(timespec="seconds")
    return json.dumps(str(v))        # a JSON string is a valid TOML basic string


def _serialisasi(semua: dict[str, dict]) -> str:
    baris = [_KOMENTAR]
    for nama in sorted(semua):
        entri = semua[nama]
        baris.append(f"\n[pengguna.{_toml_nilai(nama)}]\n")
        kunci = [k for k in _URUTAN if k in entri] + sorted(k for k in entri if k not in _URUTAN)
        for k in kunci:
            v = entri[k]
            if isinstance(v, (str, int, bool, datetime)) and re.fullmatch(r"[A-Za-z0-9_-]+", k):
                baris.append(f"{k} = {_toml_nilai(v)}\n")
    return "".join(baris)


def _tulis_atomik(path: Path, teks: str) -> None:
    """Whole file to a temp file in the same folder (mode 0600), fsync, os.replace: a reader sees
    the old file or the new one, never half of one."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(teks)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


@contextlib.contextmanager
def _terkunci(path: Path) -> Iterator[None]:
    """An exclusive lock for read-modify-write. The lock is on the folder, not the file:
    os.replace puts a new inode in place, so a lock on the old file would protect nothing."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"folder {folder} untuk file pengguna tidak ada")
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _ubah(path: Path, fn: Callable[[dict[str, dict]], None]) -> None:
    path = Path(path)
    with _terkunci(path):
        semua = _baca(path)
        fn(semua)
        try:
            _tulis_atomik(path, _serialisasi(semua))
        except OSError as e:
            raise UserError(f"file pengguna {path} tidak dapat ditulis: {e.strerror}") from None


def permissions_too_open(path: Path) -> bool:
    """True when group or others may read or write the users file (it should be 0600)."""
    try:
        return bool(os.stat(path).st_mode & 0o077)
    except FileNotFoundError:
        return False


# ---------------------------------------------------------------- API

def add(path: Path, username: str, password: str, peran: str) -> User:
    nama = check_name(username)
    p = check_role(peran)
    sandi = _cek_sandi(password, nama)
    h = _HASHER.hash(sandi)
    waktu = now().replace(microsecond=0)

    def fn(semua):
        if nama in semua:
            raise UserError(f"pengguna {nama!r} sudah ada (ganti sandi: users passwd; hapus: users remove)")
        semua[nama] = {"peran": p, "dibuat": waktu, "sandi_diubah": waktu, "hash": h}
    _ubah(path, fn)
    return User(nama, p, waktu)


def change_password(path: Path, username: str, password: str) -> None:
    nama = check_name(username)
    sandi = _cek_sandi(password, nama)
    h = _HASHER.hash(sandi)

    def fn(semua):
        if nama not in semua:
            raise UserError(f"pengguna {nama!r} tidak ada")
        semua[nama]["hash"] = h
        semua[nama]["sandi_diubah"] = now().replace(microsecond=0)
    _ubah(path, fn)


def remove(path: Path, username: str) -> None:
    nama = _nama(username)

    def fn(semua):
        if nama not in semua:
            raise UserError(f"pengguna {nama!r} tidak ada")
        del semua[nama]
    _ubah(path, fn)


def _dibuat(entri: dict) -> datetime | None:
    d = entri.get("dibuat")
    if not isinstance(d, datetime):
        return None
    return d.astimezone(WIB) if d.tzinfo else d.replace(tzinfo=WIB)


def list_users(path: Path) -> list[tuple[str, str, datetime | None]]:
    """(username, peran, dibuat) for every user, by name. Never the hash."""
    return [(nama, str(e.get("peran", "")), _dibuat(e)) for nama, e in sorted(_baca(Path(path)).items())]


def find(path: Path, username: str) -> User | None:
    """The user as the file says now (role included), without checking a password; None if absent
    or the entry's role is not a known one."""
    nama = _nama(username)
    e = _baca(Path(path)).get(nama)
    if e is None or e.get("peran") not in ROLES:
        return None
    return User(nama, e["peran"], _dibuat(e))


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


def _cocok(h: str, sandi: str) -> bool:
    try:
        return _HASHER.verify(h, sandi)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    except (UnicodeError, TypeError, ValueError):
        return False


def verify(path: Path, username: str, password: str) -> User | None:
    """The user when the password is right, else None. An unknown or malformed name still costs
    one Argon2 verification (against a dummy hash), so timing does not tell which names exist."""
    path = Path(path)
    nama = _nama(username)
    sandi = _sandi(password or "")
    entri = _baca(path).get(nama) if NAME_RE.fullmatch(nama) else None
    h = entri.get("hash") if entri else None
    if not isinstance(h, str) or entri.get("peran") not in ROLES or len(sandi) > PASSWORD_MAX:
        _cocok(_hash_dummy(), sandi[:PASSWORD_MAX])
        return None
    if not _cocok(h, sandi):
        return None
    if _HASHER.check_needs_rehash(h):
        _rehash(path, nama, h, sandi)
    return User(nama, entri["peran"], _dibuat(entri))


def _rehash(path: Path, nama: str, lama: str, sandi: str) -> None:
    """Parameters changed since the hash was made: store a new hash (best effort; a read-only
    users file only means the old hash stays)."""
    baru = _HASHER.hash(sandi)

    def fn(semua):
        if semua.get(nama, {}).get("hash") == lama:     # not changed by someone else meanwhile
            semua[nama]["hash"] = baru
    try:
        _ubah(path, fn)
    except (UserError, OSError) as e:
        _LOG.warning("hash pengguna %s tidak dapat diperbarui: %s", nama, e)


# ---------------------------------------------------------------- sessions

def expired(waktu_login: datetime, now: datetime, batas: timedelta = SESSION_LIMIT, *,
                aktif_terakhir: datetime | None = None, batas_diam: timedelta = IDLE_LIMIT) -> bool:
    """Has the session ended? After `batas` since log-in (8 h), or after `batas_diam` (30 min)
    without any activity when `aktif_terakhir` is given. A log-in time more than 5 minutes in the
    future (clock moved, tampered state) also ends it."""
    if waktu_login > now + timedelta(minutes=5):
        return True
    if now - waktu_login >= batas:
        return True
    return aktif_terakhir is not None and now - aktif_terakhir >= batas_diam


# ---------------------------------------------------------------- rate limiting

class LoginThrottle:
    """After `maks_gagal` failed log-ins for one username, or from one client (IP address), within
    `jendela`, refuse further attempts for that name / client for `lama_blokir`.

    State is in this object's memory, guarded by a lock (one Streamlit server = one process;
    restarting it clears the state). `jam` returns the current time (injectable for tests)."""

    def __init__(self, maks_gagal: int = 5, jendela: timedelta = timedelta(minutes=15),
                 lama_blokir: timedelta = timedelta(minutes=15), jam: Callable[[], datetime] = now):
        self.maks_gagal = maks_gagal
        self.jendela = jendela
        self.lama_blokir = lama_blokir
        self._jam = jam
        self._lock = threading.Lock()
        self._gagal: dict[str, deque[datetime]] = {}
        self._blokir: dict[str, datetime] = {}

    @staticmethod
    def _kunci(username: str, klien: str | None) -> list[str]:
        k = ["nama:" + _nama(username)[:64]]
        if klien:
            k.append("klien:" + str(klien)[:64])
        return k

    def _bersihkan(self, kini: datetime) -> None:
        for k in [k for k, s in self._blokir.items() if s <= kini]:
            del self._blokir[k]
        for k, q in list(self._gagal.items()):
            while q and kini - q[0] >= self.jendela:
                q.popleft()
            if not q:
                del self._gagal[k]

    def sisa_blokir(self, username: str, klien: str | None = None) -> timedelta | None:
        """How long this name or client must still wait; None when an attempt is allowed."""
        with self._lock:
            kini = self._jam()
            self._bersihkan(kini)
            sisa = [self._blokir[k] - kini for k in self._kunci(username, klien) if k in self._blokir]
            return max(sisa) if sisa else None

    def gagal(self, username: str, klien: str | None = None) -> timedelta | None:
        """Record a failed attempt; returns the wait when this attempt started a block."""
        with self._lock:
            kini = self._jam()
            self._bersihkan(kini)
            diblokir = False
            for k in self._kunci(username, klien):
                q = self._gagal.setdefault(k, deque())
                q.append(kini)
                if len(q) >= self.maks_gagal:
                    self._blokir[k] = kini + self.lama_blokir
                    del self._gagal[k]
                    diblokir = True
            return self.lama_blokir if diblokir else None

    def berhasil(self, username: str) -> None:
        """A successful log-in clears that name's failures (not the client's: one good account must
        not reset an address that is guessing other names)."""
        with self._lock:
            self._gagal.pop(self._kunci(username, None)[0], None)
