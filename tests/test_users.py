"""Local users file: salted Argon2 hashes, verification, validation, atomic 0600 writes; the log-in
rate limiter with an injected clock; session expiry; and the `users` command line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ucj_oversight.storage import users
from ucj_oversight.storage.users import WIB, LoginThrottle, UserError, expired

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "kuda-lumping-2026"


@pytest.fixture
def users_file(tmp_path) -> Path:
    return tmp_path / "users.toml"


def _hash(path: Path, name: str) -> str:
    return tomllib.loads(path.read_text())["pengguna"][name]["hash"]


# ---------------------------------------------------------------- hashing and verification


def test_hash_is_salted_and_never_stores_the_password(users_file):
    users.add(users_file, "siti", PASSWORD, "admin")
    users.add(users_file, "budi", PASSWORD, "anggota")
    h1, h2 = _hash(users_file, "siti"), _hash(users_file, "budi")
    assert h1.startswith("$argon2id$") and h2.startswith("$argon2id$")
    assert h1 != h2  # same password, different salt, different hash
    text = users_file.read_text()
    assert PASSWORD not in text
    # The same password set again gets yet another hash.
    users.change_password(users_file, "siti", PASSWORD)
    assert _hash(users_file, "siti") not in (h1, h2)


def test_verify_right_wrong_and_unknown(users_file):
    users.add(users_file, "siti", PASSWORD, "admin")
    p = users.verify(users_file, "siti", PASSWORD)
    assert p is not None and p.username == "siti" and p.role == "admin" and p.admin
    assert p.created is not None and p.created.tzinfo is not None
    assert users.verify(users_file, " SITI ", PASSWORD) == p  # names are case-insensitive
    assert users.verify(users_file, "siti", PASSWORD + "x") is None
    assert users.verify(users_file, "siti", "") is None
    assert users.verify(users_file, "tidakada", PASSWORD) is None
    assert users.verify(users_file, "nama tidak sah!", PASSWORD) is None
    assert users.verify(users_file.parent / "belum-ada.toml", "siti", PASSWORD) is None


def test_unknown_user_still_runs_a_verification(users_file, monkeypatch):
    """Unknown names cost an Argon2 verify too, so timing does not reveal which names exist."""
    users.add(users_file, "siti", PASSWORD, "admin")
    calls = []
    original = users._matches
    monkeypatch.setattr(users, "_matches", lambda h, s: calls.append(h) or original(h, s))
    assert users.verify(users_file, "tidakada", PASSWORD) is None
    assert users.verify(users_file, "x!", PASSWORD) is None
    assert calls == [users._hash_dummy()] * 2
    # and roughly as long as a real (wrong) verification
    t0 = time.perf_counter()
    users.verify(users_file, "siti", "salah-salah-salah")
    t_known = time.perf_counter() - t0
    t0 = time.perf_counter()
    users.verify(users_file, "tidakada", "salah-salah-salah")
    t_unknown = time.perf_counter() - t0
    assert 0.3 < t_unknown / t_known < 3


def test_rehash_when_parameters_change(users_file, monkeypatch):
    from argon2 import PasswordHasher

    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    users.add(users_file, "siti", PASSWORD, "admin")
    old = _hash(users_file, "siti")
    assert "m=8192,t=1,p=1" in old
    monkeypatch.setattr(users, "_HASHER", PasswordHasher())
    assert users.verify(users_file, "siti", PASSWORD) is not None
    new = _hash(users_file, "siti")
    assert new != old and "m=65536,t=3,p=4" in new
    assert users.verify(users_file, "siti", PASSWORD) is not None


# ---------------------------------------------------------------- the file


def test_file_is_0600_and_human_readable(users_file):
    users.add(users_file, "siti", PASSWORD, "admin")
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    os.chmod(users_file, 0o644)
    assert users.permissions_too_open(users_file)
    users.add(users_file, "budi.s", PASSWORD, "anggota")  # rewriting restores 0600
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    text = users_file.read_text()
    assert '[pengguna."budi.s"]' in text and 'peran = "anggota"' in text and text.startswith("#")
    data = tomllib.loads(text)["pengguna"]
    assert set(data) == {"siti", "budi.s"}
    assert isinstance(data["siti"]["dibuat"], datetime)


def test_list_without_hash(users_file):
    assert users.list_users(users_file) == []
    users.add(users_file, "siti", PASSWORD, "admin")
    users.add(users_file, "budi", PASSWORD, "anggota")
    d = users.list_users(users_file)
    assert [(n, p) for n, p, _ in d] == [("budi", "anggota"), ("siti", "admin")]
    assert all(isinstance(w, datetime) for _, _, w in d)
    assert not any("argon2" in str(x) for row in d for x in row)


def test_failed_atomic_write_leaves_the_file_intact(users_file, monkeypatch):
    users.add(users_file, "siti", PASSWORD, "admin")
    before = users_file.read_bytes()

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(users.os, "replace", fail)
    with pytest.raises(UserError, match="tidak dapat ditulis"):
        users.add(users_file, "budi", PASSWORD, "anggota")
    assert users_file.read_bytes() == before
    assert [p.name for p in users_file.parent.iterdir()] == ["users.toml"]  # no temp file left behind


def test_atomic_write_reader_never_sees_half_a_file(users_file):
    """While another process rewrites the file again and again, a reader always parses a whole file."""
    users.add(users_file, "siti", PASSWORD, "admin")
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from ucj_oversight.storage import users\n"
        f"for i in range(15): users.change_password({str(users_file)!r}, 'siti', 'sandi-ke-%03d-panjang' % i)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code])
    reads = 0
    while process.poll() is None:
        data = tomllib.loads(users_file.read_text())
        assert data["pengguna"]["siti"]["hash"].startswith("$argon2id$")
        reads += 1
    assert process.returncode == 0 and reads > 0
    assert users.verify(users_file, "siti", "sandi-ke-014-panjang") is not None


def test_validation(users_file):
    with pytest.raises(UserError, match="tidak sah"):
        users.add(users_file, "ab", PASSWORD, "admin")
    with pytest.raises(UserError, match="tidak sah"):
        users.add(users_file, "siti@dprd", PASSWORD, "admin")
    with pytest.raises(UserError, match="tidak sah"):
        users.add(users_file, "x" * 33, PASSWORD, "admin")
    with pytest.raises(UserError, match="peran"):
        users.add(users_file, "siti", PASSWORD, "raja")
    with pytest.raises(UserError, match="minimal 10"):
        users.add(users_file, "siti", "pendek123", "admin")
    with pytest.raises(UserError, match="sama dengan nama"):
        users.add(users_file, "siti.rahayu", "Siti.Rahayu", "admin")
    assert not users_file.exists()
    users.add(users_file, "Siti", PASSWORD, "ADMIN")  # normalised, not refused
    assert users.list_users(users_file)[0][:2] == ("siti", "admin")
    with pytest.raises(UserError, match="sudah ada"):
        users.add(users_file, "siti", PASSWORD, "anggota")
    with pytest.raises(UserError, match="tidak ada"):
        users.change_password(users_file, "budi", PASSWORD)
    with pytest.raises(UserError, match="tidak ada"):
        users.remove(users_file, "budi")
    users.remove(users_file, "siti")
    assert users.list_users(users_file) == [] and users.verify(users_file, "siti", PASSWORD) is None


def test_broken_file_gives_a_clear_message(users_file):
    users_file.write_text("[pengguna\nini bukan toml")
    with pytest.raises(UserError, match="rusak"):
        users.verify(users_file, "siti", PASSWORD)


def test_users_path_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv("UCJ_USERS", str(tmp_path / "u.toml"))
    assert users.users_path() == tmp_path / "u.toml"
    monkeypatch.delenv("UCJ_USERS")
    assert users.users_path() == ROOT / "users.toml"


# ---------------------------------------------------------------- rate limiting


class Clock:
    def __init__(self):
        self.t = datetime(2026, 11, 5, 9, 0, tzinfo=WIB)

    def __call__(self):
        return self.t

    def advance(self, **kw):
        self.t += timedelta(**kw)


def test_throttle_blocks_after_five_failures():
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(4):
        assert throttle.remaining_block("siti") is None
        assert throttle.record_failure("siti") is None
        clock.advance(minutes=1)
    assert throttle.record_failure("siti") == timedelta(minutes=15)  # the 5th failure starts the block
    assert throttle.remaining_block("siti") == timedelta(minutes=15)
    assert throttle.remaining_block("SITI ") == timedelta(minutes=15)
    assert throttle.remaining_block("budi") is None  # other names are not affected
    clock.advance(minutes=10)
    assert throttle.remaining_block("siti") == timedelta(minutes=5)
    clock.advance(minutes=5)
    assert throttle.remaining_block("siti") is None  # over: a fresh start
    assert throttle.record_failure("siti") is None


def test_throttle_window_is_15_minutes():
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(4):
        throttle.record_failure("siti")
    clock.advance(minutes=15)  # those four are now outside the window
    for _ in range(4):
        assert throttle.record_failure("siti") is None
    assert throttle.remaining_block("siti") is None


def test_throttle_per_client_and_on_success():
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for i in range(5):  # one address guessing five different names
        throttle.record_failure(f"nama{i}", client="10.0.0.9")
    assert throttle.remaining_block("siti", client="10.0.0.9") == timedelta(minutes=15)
    assert throttle.remaining_block("siti", client="10.0.0.8") is None
    assert throttle.remaining_block("siti") is None
    # success clears the name's failures, not the address's
    for _ in range(4):
        throttle.record_failure("budi", client="10.0.0.7")
    throttle.record_success("budi")
    assert throttle.record_failure("budi", client="10.0.0.6") is None
    assert throttle.record_failure("lain", client="10.0.0.7") == timedelta(minutes=15)


# ---------------------------------------------------------------- session expiry


def test_expiry():
    t0 = datetime(2026, 11, 5, 8, 0, tzinfo=WIB)
    assert not expired(t0, t0 + timedelta(hours=7, minutes=59))
    assert expired(t0, t0 + timedelta(hours=8))
    assert expired(t0, t0 + timedelta(hours=2), limit=timedelta(hours=1))
    # idle
    assert not expired(t0, t0 + timedelta(hours=1), last_active=t0 + timedelta(minutes=31))
    assert expired(t0, t0 + timedelta(hours=1), last_active=t0 + timedelta(minutes=30))
    assert expired(t0, t0 + timedelta(hours=1), last_active=t0 + timedelta(minutes=50), idle_limit=timedelta(minutes=5))
    # a log-in "in the future" (tampered or clock moved back) is not trusted
    assert expired(t0 + timedelta(hours=1), t0)
    assert not expired(t0 + timedelta(minutes=1), t0)  # small clock skew is fine


# ---------------------------------------------------------------- command line


def _cli(*args, input_text: str | None = None, env_users: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, UCJ_USERS=str(env_users))
    return subprocess.run(
        [sys.executable, "-m", "ucj_oversight", "users", *args],
        input=input_text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_cli_add_list_passwd_remove(users_file):
    r = _cli("add", "siti", "--role", "admin", "--password-stdin", input_text=PASSWORD + "\n", env_users=users_file)
    assert r.returncode == 0, r.stderr
    assert "siti" in r.stdout and "admin" in r.stdout
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    assert users.verify(users_file, "siti", PASSWORD) is not None  # newline not part of the password

    r = _cli("add", "budi", "--role", "anggota", "--password-stdin", input_text=PASSWORD, env_users=users_file)
    assert r.returncode == 0, r.stderr
    r = _cli("list", env_users=users_file)
    assert r.returncode == 0, r.stderr
    rows = {b.split()[0]: b.split()[1] for b in r.stdout.splitlines()[1:]}
    assert rows == {"siti": "admin", "budi": "anggota"}
    assert "argon2" not in r.stdout and "$" not in r.stdout and PASSWORD not in r.stdout + r.stderr

    r = _cli("passwd", "budi", "--password-stdin", input_text="sandi-baru-sekali\n", env_users=users_file)
    assert r.returncode == 0, r.stderr
    assert users.verify(users_file, "budi", "sandi-baru-sekali") is not None
    r = _cli("remove", "budi", env_users=users_file)
    assert r.returncode == 0, r.stderr
    assert [n for n, _, _ in users.list_users(users_file)] == ["siti"]


@pytest.mark.parametrize(
    "args, input_text, message",
    [
        (("add", "siti", "--role", "raja", "--password-stdin"), PASSWORD, "peran 'raja' tidak dikenal"),
        (("add", "siti", "--role", "admin", "--password-stdin"), "pendek", "minimal 10"),
        (("add", "Siti Rahayu", "--role", "admin", "--password-stdin"), PASSWORD, "tidak sah"),
        (("add", "siti", "--role", "admin", "--password-stdin"), "", "tidak ada kata sandi"),
        (("passwd", "tidakada", "--password-stdin"), PASSWORD, "tidak ada"),
        (("remove", "tidakada"), None, "tidak ada"),
    ],
)
def test_cli_error_exits_2_without_traceback(users_file, args, input_text, message):
    r = _cli(*args, input_text=input_text, env_users=users_file)
    assert r.returncode == 2
    assert message in r.stderr and r.stderr.startswith("GAGAL:")
    assert "Traceback" not in r.stderr + r.stdout
    assert not users_file.exists()


def test_cli_has_no_password_argument(users_file):
    """The password is never an argument: --password does not exist."""
    r = _cli("add", "siti", "--role", "admin", "--password", PASSWORD, env_users=users_file)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert not users_file.exists()


def test_cli_reads_a_piped_password_without_the_flag(users_file):
    """`printf ... | users add` works as --password-stdin does, without getpass's "may be echoed"
    warning (stdin is a pipe here, not a terminal)."""
    r = _cli("add", "siti", "--role", "admin", input_text=PASSWORD + "\n", env_users=users_file)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "" and "echo" not in r.stdout.lower()
    assert users.verify(users_file, "siti", PASSWORD) is not None


# ---------------------------------------------------------------- session stamp (storage/sessions.py)


def test_stamp_changes_with_the_password_only(users_file, monkeypatch):
    added = users.add(users_file, "siti", PASSWORD, "admin")
    found = users.find(users_file, "siti")
    assert added.stamp and found.stamp == added.stamp == users.verify(users_file, "siti", PASSWORD).stamp
    assert added.stamp not in _hash(users_file, "siti") and PASSWORD not in added.stamp
    users.change_password(users_file, "siti", PASSWORD)  # even the same password again: a new stamp
    changed = users.find(users_file, "siti").stamp
    assert changed != added.stamp
    # A rehash (new Argon2 parameters) is no password change: the stamp stays.
    monkeypatch.setattr(users, "_HASHER", users.PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    assert users.verify(users_file, "siti", PASSWORD) is not None
    assert _hash(users_file, "siti").startswith("$argon2id$v=19$m=8192,t=1,p=1$")
    assert users.find(users_file, "siti").stamp == changed


def test_stamp_of_an_entry_written_before_stamps(users_file):
    """A file from before this change has no `stempel`: a digest of the hash stands in, and a
    password change (which writes a stamp) still changes it."""
    users.add(users_file, "siti", PASSWORD, "admin")
    text = "".join(line for line in users_file.read_text().splitlines(keepends=True) if not line.startswith("stempel"))
    users_file.write_text(text)
    old = users.find(users_file, "siti").stamp
    assert old.startswith("h:") and old == users.find(users_file, "siti").stamp  # stable
    assert old[2:] not in _hash(users_file, "siti")
    users.change_password(users_file, "siti", PASSWORD + "-2")
    assert users.find(users_file, "siti").stamp not in (old, None)


# ---------------------------------------------------------------- sessions (storage/sessions.py)

T0 = datetime(2026, 11, 5, 8, 0, tzinfo=WIB)  # log-in time of the session tests


@pytest.fixture
def one_session(users_file):
    """siti logged in at T0: (users file, cookie value)."""
    from ucj_oversight.storage import sessions

    user = users.add(users_file, "siti", PASSWORD, "admin")
    return users_file, sessions.create(users_file, user, T0)


def test_session_cookie_and_files_hold_no_secret_material(one_session):
    from ucj_oversight.storage import sessions

    users_file, value = one_session
    session_id, sig = value.split(".")
    assert len(session_id) == 43 and len(sig) == 43  # 256-bit id, HMAC-SHA256
    h = _hash(users_file, "siti")
    for part in (PASSWORD, "siti", h, h.split("$")[-1], h.split("$")[-2]):
        assert part not in value
    store = sessions.store_path(users_file)
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    assert stat.S_IMODE(sessions.key_path(users_file).stat().st_mode) == 0o600
    text = store.read_text()
    assert session_id not in text and sig not in text and h not in text and PASSWORD not in text
    check = sessions.check(users_file, value, T0 + timedelta(minutes=1))
    assert check.user is not None and check.user.username == "siti" and check.login_time == T0


def test_session_idle_limit_counts_every_tab(one_session):
    from ucj_oversight.storage import sessions

    users_file, value = one_session
    # Activity at 08:10 (any tab) renews it: 08:39 is 29 minutes later, still valid ...
    assert sessions.check(users_file, value, T0 + timedelta(minutes=10)).user is not None
    assert sessions.check(users_file, value, T0 + timedelta(minutes=39)).user is not None
    # ... and that check renewed it again: 09:08 is 29 minutes after 08:39.
    assert sessions.check(users_file, value, T0 + timedelta(minutes=68)).user is not None
    # 09:38 is 30 minutes after 09:08: ended, and this check is the one that ended it.
    ended = sessions.check(users_file, value, T0 + timedelta(minutes=98))
    assert ended.user is None and ended.reason == sessions.EXPIRED and ended.ended and ended.username == "siti"
    again = sessions.check(users_file, value, T0 + timedelta(minutes=99))
    assert again.reason == sessions.EXPIRED and not again.ended  # audited once, by the first


def test_session_activity_is_written_at_most_once_a_minute(one_session):
    from ucj_oversight.storage import sessions

    users_file, value = one_session
    # 08:00:30 is not written (under a minute since 08:00), so idleness still counts from 08:00:
    assert sessions.check(users_file, value, T0 + timedelta(seconds=30)).user is not None
    assert sessions.check(users_file, value, T0 + timedelta(minutes=30)).reason == sessions.EXPIRED


def test_session_8_hour_limit_despite_activity(one_session):
    from ucj_oversight.storage import sessions

    users_file, value = one_session
    for minutes in range(20, 480, 20):  # a click every 20 minutes until 15:40
        assert sessions.check(users_file, value, T0 + timedelta(minutes=minutes)).user is not None, minutes
    assert sessions.check(users_file, value, T0 + timedelta(hours=7, minutes=59)).user is not None
    assert sessions.check(users_file, value, T0 + timedelta(hours=8)).reason == sessions.EXPIRED


@pytest.mark.parametrize(
    "tamper",
    [
        lambda v: ("B" if v[0] != "B" else "C") + v[1:],  # another id, old signature
        lambda v: v[:-1] + ("A" if v[-1] != "A" else "B"),  # same id, altered signature
        lambda v: v.split(".")[0],  # id alone
        lambda v: v + ".x",
        lambda v: "",
        lambda v: None,
    ],
)
def test_session_tampered_cookie_is_refused(one_session, tamper):
    from ucj_oversight.storage import sessions

    users_file, value = one_session
    check = sessions.check(users_file, tamper(value), T0 + timedelta(minutes=1))
    assert check.user is None and check.reason == sessions.UNKNOWN and not check.ended
    assert sessions.check(users_file, value, T0 + timedelta(minutes=2)).user is not None  # the real one still works


def test_session_wrong_secret(one_session):
    from ucj_oversight.storage import sessions

    users_file, value = one_session
    session_id = value.split(".")[0]
    # The same id signed with another key is refused ...
    other = sessions.sign(bytes(32), session_id)
    assert other != value and sessions.unsign(bytes(32), other) == session_id
    assert sessions.check(users_file, other, T0 + timedelta(minutes=1)).reason == sessions.UNKNOWN
    # ... and a new server key (the key file deleted) ends every session.
    sessions.key_path(users_file).unlink()
    assert sessions.check(users_file, value, T0 + timedelta(minutes=2)).reason == sessions.UNKNOWN
    assert len(sessions.load_key(users_file)) == 32


def test_session_ends_on_password_change_and_removal(users_file):
    from ucj_oversight.storage import sessions

    siti = users.add(users_file, "siti", PASSWORD, "admin")
    budi = users.add(users_file, "budi", PASSWORD, "anggota")
    v_siti, v_budi = sessions.create(users_file, siti, T0), sessions.create(users_file, budi, T0)
    users.change_password(users_file, "siti", "sandi-baru-sekali")
    users.remove(users_file, "budi")
    c = sessions.check(users_file, v_siti, T0 + timedelta(minutes=1))
    assert c.user is None and c.reason == sessions.PASSWORD_CHANGED and c.ended
    c = sessions.check(users_file, v_budi, T0 + timedelta(minutes=1))
    assert c.user is None and c.reason == sessions.REMOVED and c.ended
    # A new log-in with the new password is a new, valid session.
    fresh = sessions.create(
        users_file, users.verify(users_file, "siti", "sandi-baru-sekali"), T0 + timedelta(minutes=2)
    )
    assert sessions.check(users_file, fresh, T0 + timedelta(minutes=3)).user is not None
    # A role changed in the file applies at once.
    users._modify(users_file, lambda entries: entries["siti"].update(peran="anggota"))
    assert sessions.check(users_file, fresh, T0 + timedelta(minutes=4)).user.role == "anggota"


def test_session_revoke_ends_it_for_every_tab_and_records_are_pruned(one_session):
    from ucj_oversight.storage import sessions

    users_file, value = one_session
    assert sessions.active_count(users_file, T0) == 1
    assert sessions.revoke(users_file, value, T0 + timedelta(minutes=5))
    assert not sessions.revoke(users_file, value, T0 + timedelta(minutes=6))  # already ended
    c = sessions.check(users_file, value, T0 + timedelta(minutes=6))
    assert c.reason == sessions.LOGGED_OUT and not c.ended and c.username == "siti"
    assert sessions.active_count(users_file, T0 + timedelta(minutes=6)) == 0
    # The short record that says why stays until the 8 hours are over, then the next write drops it.
    other = sessions.create(users_file, users.find(users_file, "siti"), T0 + timedelta(hours=8))
    assert len(_json_records(users_file)) == 1 and sessions.check(users_file, value, T0).reason == sessions.UNKNOWN
    assert sessions.check(users_file, other, T0 + timedelta(hours=8, minutes=1)).user is not None


def _json_records(users_file: Path) -> dict:
    import json

    from ucj_oversight.storage import sessions

    return json.loads(sessions.store_path(users_file).read_text())["sesi"]
