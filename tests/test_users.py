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

AKAR = Path(__file__).resolve().parent.parent
SANDI = "kuda-lumping-2026"


@pytest.fixture
def users_file(tmp_path) -> Path:
    return tmp_path / "users.toml"


def _hash(path: Path, nama: str) -> str:
    return tomllib.loads(path.read_text())["pengguna"][nama]["hash"]


# ---------------------------------------------------------------- hashing and verification

def test_hash_bergaram_dan_tidak_menyimpan_sandi(users_file):
    users.add(users_file, "siti", SANDI, "admin")
    users.add(users_file, "budi", SANDI, "anggota")
    h1, h2 = _hash(users_file, "siti"), _hash(users_file, "budi")
    assert h1.startswith("$argon2id$") and h2.startswith("$argon2id$")
    assert h1 != h2                      # same password, different salt, different hash
    teks = users_file.read_text()
    assert SANDI not in teks
    # The same password set again gets yet another hash.
    users.change_password(users_file, "siti", SANDI)
    assert _hash(users_file, "siti") not in (h1, h2)


def test_periksa_benar_salah_dan_tidak_dikenal(users_file):
    users.add(users_file, "siti", SANDI, "admin")
    p = users.verify(users_file, "siti", SANDI)
    assert p is not None and p.username == "siti" and p.peran == "admin" and p.admin
    assert p.dibuat is not None and p.dibuat.tzinfo is not None
    assert users.verify(users_file, " SITI ", SANDI) == p          # names are case-insensitive
    assert users.verify(users_file, "siti", SANDI + "x") is None
    assert users.verify(users_file, "siti", "") is None
    assert users.verify(users_file, "tidakada", SANDI) is None
    assert users.verify(users_file, "nama tidak sah!", SANDI) is None
    assert users.verify(users_file.parent / "belum-ada.toml", "siti", SANDI) is None


def test_pengguna_tidak_dikenal_tetap_menjalankan_verifikasi(users_file, monkeypatch):
    """Unknown names cost an Argon2 verify too, so timing does not reveal which names exist."""
    users.add(users_file, "siti", SANDI, "admin")
    dipanggil = []
    asli = users._cocok
    monkeypatch.setattr(users, "_cocok", lambda h, s: dipanggil.append(h) or asli(h, s))
    assert users.verify(users_file, "tidakada", SANDI) is None
    assert users.verify(users_file, "x!", SANDI) is None
    assert dipanggil == [users._hash_dummy()] * 2
    # and roughly as long as a real (wrong) verification
    t0 = time.perf_counter(); users.verify(users_file, "siti", "salah-salah-salah"); t_ada = time.perf_counter() - t0
    t0 = time.perf_counter(); users.verify(users_file, "tidakada", "salah-salah-salah"); t_tak = time.perf_counter() - t0
    assert 0.3 < t_tak / t_ada < 3


def test_rehash_bila_parameter_berubah(users_file, monkeypatch):
    from argon2 import PasswordHasher
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    users.add(users_file, "siti", SANDI, "admin")
    lama = _hash(users_file, "siti")
    assert "m=8192,t=1,p=1" in lama
    monkeypatch.setattr(users, "_HASHER", PasswordHasher())
    assert users.verify(users_file, "siti", SANDI) is not None
    baru = _hash(users_file, "siti")
    assert baru != lama and "m=65536,t=3,p=4" in baru
    assert users.verify(users_file, "siti", SANDI) is not None


# ---------------------------------------------------------------- the file

def test_file_0600_dan_terbaca_manusia(users_file):
    users.add(users_file, "siti", SANDI, "admin")
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    os.chmod(users_file, 0o644)
    assert users.permissions_too_open(users_file)
    users.add(users_file, "budi.s", SANDI, "anggota")       # rewriting restores 0600
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    teks = users_file.read_text()
    assert '[pengguna."budi.s"]' in teks and 'peran = "anggota"' in teks and teks.startswith("#")
    data = tomllib.loads(teks)["pengguna"]
    assert set(data) == {"siti", "budi.s"}
    assert isinstance(data["siti"]["dibuat"], datetime)


def test_daftar_tanpa_hash(users_file):
    assert users.list_users(users_file) == []
    users.add(users_file, "siti", SANDI, "admin")
    users.add(users_file, "budi", SANDI, "anggota")
    d = users.list_users(users_file)
    assert [(n, p) for n, p, _ in d] == [("budi", "anggota"), ("siti", "admin")]
    assert all(isinstance(w, datetime) for _, _, w in d)
    assert not any("argon2" in str(x) for row in d for x in row)


def test_tulis_atomik_gagal_tidak_merusak_file(users_file, monkeypatch):
    users.add(users_file, "siti", SANDI, "admin")
    sebelum = users_file.read_bytes()

    def gagal(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(users.os, "replace", gagal)
    with pytest.raises(UserError, match="tidak dapat ditulis"):
        users.add(users_file, "budi", SANDI, "anggota")
    assert users_file.read_bytes() == sebelum
    assert [p.name for p in users_file.parent.iterdir()] == ["users.toml"]     # no temp file left behind


def test_tulis_atomik_pembaca_tidak_melihat_setengah_file(users_file):
    """While another process rewrites the file again and again, a reader always parses a whole file."""
    users.add(users_file, "siti", SANDI, "admin")
    kode = (f"import sys; sys.path.insert(0, {str(AKAR)!r})\n"
            "from ucj_oversight.storage import users\n"
            f"for i in range(15): users.change_password({str(users_file)!r}, 'siti', 'sandi-ke-%03d-panjang' % i)\n")
    proses = subprocess.Popen([sys.executable, "-c", kode])
    dibaca = 0
    while proses.poll() is None:
        data = tomllib.loads(users_file.read_text())
        assert data["pengguna"]["siti"]["hash"].startswith("$argon2id$")
        dibaca += 1
    assert proses.returncode == 0 and dibaca > 0
    assert users.verify(users_file, "siti", "sandi-ke-014-panjang") is not None


def test_validasi(users_file):
    with pytest.raises(UserError, match="tidak sah"):
        users.add(users_file, "ab", SANDI, "admin")
    with pytest.raises(UserError, match="tidak sah"):
        users.add(users_file, "siti@dprd", SANDI, "admin")
    with pytest.raises(UserError, match="tidak sah"):
        users.add(users_file, "x" * 33, SANDI, "admin")
    with pytest.raises(UserError, match="peran"):
        users.add(users_file, "siti", SANDI, "raja")
    with pytest.raises(UserError, match="minimal 10"):
        users.add(users_file, "siti", "pendek123", "admin")
    with pytest.raises(UserError, match="sama dengan nama"):
        users.add(users_file, "siti.rahayu", "Siti.Rahayu", "admin")
    assert not users_file.exists()
    users.add(users_file, "Siti", SANDI, "ADMIN")              # normalised, not refused
    assert users.list_users(users_file)[0][:2] == ("siti", "admin")
    with pytest.raises(UserError, match="sudah ada"):
        users.add(users_file, "siti", SANDI, "anggota")
    with pytest.raises(UserError, match="tidak ada"):
        users.change_password(users_file, "budi", SANDI)
    with pytest.raises(UserError, match="tidak ada"):
        users.remove(users_file, "budi")
    users.remove(users_file, "siti")
    assert users.list_users(users_file) == [] and users.verify(users_file, "siti", SANDI) is None


def test_file_rusak_pesan_jelas(users_file):
    users_file.write_text("[pengguna\nini bukan toml")
    with pytest.raises(UserError, match="rusak"):
        users.verify(users_file, "siti", SANDI)


def test_path_users_dari_env(monkeypatch, tmp_path):
    monkeypatch.setenv("UCJ_USERS", str(tmp_path / "u.toml"))
    assert users.users_path() == tmp_path / "u.toml"
    monkeypatch.delenv("UCJ_USERS")
    assert users.users_path() == AKAR / "users.toml"


# ---------------------------------------------------------------- rate limiting

class Jam:
    def __init__(self):
        self.t = datetime(2026, 11, 5, 9, 0, tzinfo=WIB)

    def __call__(self):
        return self.t

    def maju(self, **kw):
        self.t += timedelta(**kw)


def test_pembatas_blokir_setelah_lima_gagal():
    jam = Jam()
    pb = LoginThrottle(jam=jam)
    for i in range(4):
        assert pb.sisa_blokir("siti") is None
        assert pb.gagal("siti") is None
        jam.maju(minutes=1)
    assert pb.gagal("siti") == timedelta(minutes=15)              # the 5th failure starts the block
    assert pb.sisa_blokir("siti") == timedelta(minutes=15)
    assert pb.sisa_blokir("SITI ") == timedelta(minutes=15)
    assert pb.sisa_blokir("budi") is None                         # other names are not affected
    jam.maju(minutes=10)
    assert pb.sisa_blokir("siti") == timedelta(minutes=5)
    jam.maju(minutes=5)
    assert pb.sisa_blokir("siti") is None                         # over: a fresh start
    assert pb.gagal("siti") is None


def test_pembatas_jendela_15_menit():
    jam = Jam()
    pb = LoginThrottle(jam=jam)
    for _ in range(4):
        pb.gagal("siti")
    jam.maju(minutes=15)                     # those four are now outside the window
    for _ in range(4):
        assert pb.gagal("siti") is None
    assert pb.sisa_blokir("siti") is None


def test_pembatas_per_klien_dan_berhasil():
    jam = Jam()
    pb = LoginThrottle(jam=jam)
    for i in range(5):                       # one address guessing five different names
        pb.gagal(f"nama{i}", klien="10.0.0.9")
    assert pb.sisa_blokir("siti", klien="10.0.0.9") == timedelta(minutes=15)
    assert pb.sisa_blokir("siti", klien="10.0.0.8") is None
    assert pb.sisa_blokir("siti") is None
    # success clears the name's failures, not the address's
    for _ in range(4):
        pb.gagal("budi", klien="10.0.0.7")
    pb.berhasil("budi")
    assert pb.gagal("budi", klien="10.0.0.6") is None
    assert pb.gagal("lain", klien="10.0.0.7") == timedelta(minutes=15)


# ---------------------------------------------------------------- session expiry

def test_kedaluwarsa():
    t0 = datetime(2026, 11, 5, 8, 0, tzinfo=WIB)
    assert not expired(t0, t0 + timedelta(hours=7, minutes=59))
    assert expired(t0, t0 + timedelta(hours=8))
    assert expired(t0, t0 + timedelta(hours=2), batas=timedelta(hours=1))
    # idle
    assert not expired(t0, t0 + timedelta(hours=1), aktif_terakhir=t0 + timedelta(minutes=31))
    assert expired(t0, t0 + timedelta(hours=1), aktif_terakhir=t0 + timedelta(minutes=30))
    assert expired(t0, t0 + timedelta(hours=1), aktif_terakhir=t0 + timedelta(minutes=50),
                       batas_diam=timedelta(minutes=5))
    # a log-in "in the future" (tampered or clock moved back) is not trusted
    assert expired(t0 + timedelta(hours=1), t0)
    assert not expired(t0 + timedelta(minutes=1), t0)        # small clock skew is fine


# ---------------------------------------------------------------- command line

def _cli(*args, masukan: str | None = None, env_users: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, UCJ_USERS=str(env_users))
    return subprocess.run([sys.executable, "-m", "ucj_oversight", "users", *args], input=masukan,
                          capture_output=True, text=True, cwd=AKAR, env=env, timeout=60)


def test_cli_add_list_passwd_remove(users_file):
    r = _cli("add", "siti", "--role", "admin", "--password-stdin", masukan=SANDI + "\n", env_users=users_file)
    assert r.returncode == 0, r.stderr
    assert "siti" in r.stdout and "admin" in r.stdout
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    assert users.verify(users_file, "siti", SANDI) is not None          # newline not part of the password

    r = _cli("add", "budi", "--role", "anggota", "--password-stdin", masukan=SANDI, env_users=users_file)
    assert r.returncode == 0, r.stderr
    r = _cli("list", env_users=users_file)
    assert r.returncode == 0, r.stderr
    baris = {b.split()[0]: b.split()[1] for b in r.stdout.splitlines()[1:]}
    assert baris == {"siti": "admin", "budi": "anggota"}
    assert "argon2" not in r.stdout and "$" not in r.stdout and SANDI not in r.stdout + r.stderr

    r = _cli("passwd", "budi", "--password-stdin", masukan="sandi-baru-sekali\n", env_users=users_file)
    assert r.returncode == 0, r.stderr
    assert users.verify(users_file, "budi", "sandi-baru-sekali") is not None
    r = _cli("remove", "budi", env_users=users_file)
    assert r.returncode == 0, r.stderr
    assert [n for n, _, _ in users.list_users(users_file)] == ["siti"]


@pytest.mark.parametrize("args, masukan, pesan", [
    (("add", "siti", "--role", "raja", "--password-stdin"), SANDI, "peran 'raja' tidak dikenal"),
    (("add", "siti", "--role", "admin", "--password-stdin"), "pendek", "minimal 10"),
    (("add", "Siti Rahayu", "--role", "admin", "--password-stdin"), SANDI, "tidak sah"),
    (("add", "siti", "--role", "admin", "--password-stdin"), "", "tidak ada kata sandi"),
    (("passwd", "tidakada", "--password-stdin"), SANDI, "tidak ada"),
    (("remove", "tidakada"), None, "tidak ada"),
])
def test_cli_salah_exit_2_tanpa_traceback(users_file, args, masukan, pesan):
    r = _cli(*args, masukan=masukan, env_users=users_file)
    assert r.returncode == 2
    assert pesan in r.stderr and r.stderr.startswith("GAGAL:")
    assert "Traceback" not in r.stderr + r.stdout
    assert not users_file.exists()


def test_cli_tidak_ada_argumen_sandi(users_file):
    """The password is never an argument: --password does not exist."""
    r = _cli("add", "siti", "--role", "admin", "--password", SANDI, env_users=users_file)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert not users_file.exists()
