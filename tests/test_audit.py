"""Audit log: append-only JSON lines, newest first when read, safe with several writer processes,
and never a password or a NIK."""

from __future__ import annotations

import json
import multiprocessing
import stat
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from ucj_oversight.storage import audit


@pytest.fixture
def log(tmp_path) -> Path:
    return tmp_path / "ucj.duckdb.audit.jsonl"


def test_record_and_read_newest_first(log):
    audit.record(log, "login_berhasil", "siti", metode="lokal")
    audit.record(log, "impor_uji", "siti", file=["peserta.csv"], hasil="ok")
    audit.record(log, "impor", "siti", file="peserta.csv", sha256="ab" * 32, dimuat=10, dikarantina=2, hasil="dimuat")
    audit.record(log, "logout", "siti", alasan="tombol")
    lines = log.read_text().splitlines()
    assert len(lines) == 4 and all(json.loads(line)["oleh"] == "siti" for line in lines)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600

    df = audit.read(log)
    assert list(df["peristiwa"]) == ["logout", "impor", "impor_uji", "login_berhasil"]
    assert list(df.columns[:3]) == ["waktu", "peristiwa", "oleh"]
    assert {"metode", "file", "sha256", "dimuat", "hasil", "alasan"} <= set(df.columns)
    assert isinstance(df["waktu"].dtype, pd.DatetimeTZDtype)
    assert df["waktu"].is_monotonic_decreasing
    assert df.loc[1, "sha256"] == "ab" * 32 and df.loc[1, "dimuat"] == 10

    assert list(audit.read(log, limit=2)["peristiwa"]) == ["logout", "impor"]
    assert list(audit.read(log, events="impor")["peristiwa"]) == ["impor"]
    assert list(audit.read(log, events=["impor", "impor_uji"])["peristiwa"]) == ["impor", "impor_uji"]


def test_missing_file_and_torn_line(log):
    df = audit.read(log)
    assert df.empty and list(df.columns) == ["waktu", "peristiwa", "oleh"]
    audit.record(log, "login_gagal", "?")
    with open(log, "a") as f:
        f.write('{"waktu": "2026-11-05T09:00:00+07:00", "peristiwa": "imp\n')  # a torn line
    audit.record(log, "login_gagal", "?")
    df = audit.read(log)
    assert len(df) == 2 and df.attrs["bad_lines"] == 1


def test_unknown_event_refused(log):
    with pytest.raises(ValueError, match="tidak dikenal"):
        audit.record(log, "login", "siti")
    assert not log.exists()


def test_never_password_or_nik(log):
    password = "kuda-lumping-2026"
    nik = "3275081234567890"
    audit.record(
        log,
        "login_gagal",
        "siti",
        password=password,
        kata_sandi=password,
        sandi=password,
        token="abc",
        nik=nik,
        nik_hash="f" * 64,
        klien="10.0.0.1",
    )
    audit.record(
        log,
        "impor_gagal",
        "siti",
        file=["peserta.csv"],
        pesan=f"baris 7: NIK {nik} tidak sah",
        rincian={"nik": nik, "baris": [7, f"{nik}"]},
    )
    text = log.read_text()
    assert password not in text and nik not in text and "abc" not in text
    assert "[NIK disamarkan]" in text and "10.0.0.1" in text and "peserta.csv" in text
    df = audit.read(log)
    assert "password" not in df.columns and "nik" not in df.columns and "token" not in df.columns
    # a SHA-256 that happens to contain many digits is not mistaken for a NIK
    sha = "a" + "1234567890123456" * 3 + "bcdefghijklmno"
    audit.record(log, "impor", "siti", sha256=sha)
    assert audit.read(log, limit=1).loc[0, "sha256"] == sha


def test_audit_path(monkeypatch, tmp_path):
    monkeypatch.delenv("UCJ_AUDIT", raising=False)
    assert audit.audit_path(tmp_path / "ucj.duckdb") == tmp_path / "ucj.duckdb.audit.jsonl"
    monkeypatch.setenv("UCJ_DB", str(tmp_path / "lain.duckdb"))
    assert audit.audit_path() == tmp_path / "lain.duckdb.audit.jsonl"
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))
    assert audit.audit_path(tmp_path / "ucj.duckdb") == tmp_path / "audit.jsonl"


def _writer(path: str, number: int, n: int) -> None:
    for i in range(n):
        # long lines (> PIPE_BUF, > one page) make torn or interleaved writes visible
        audit.record(path, "impor", f"proses{number}", urut=i, file=[str(number) * 3000] * 3)


def test_concurrent_writers_do_not_tear_lines(log, monkeypatch):
    n_processes, n = 6, 60
    # spawn re-runs the parent's __main__ in each child; after an AppTest in the same pytest
    # process that is app.py (which opens the dashboard's database). Children need nothing of it.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    ctx = multiprocessing.get_context("spawn")
    ps = [ctx.Process(target=_writer, args=(str(log), k, n)) for k in range(n_processes)]
    for p in ps:
        p.start()
    for p in ps:
        p.join(900)  # generous: six spawned interpreters on a loaded 2-core machine
        assert p.exitcode == 0
    lines = log.read_bytes().split(b"\n")
    assert lines[-1] == b""
    records = [json.loads(line) for line in lines[:-1]]  # every line is one whole JSON object
    assert len(records) == n_processes * n
    for k in range(n_processes):
        own = [r for r in records if r["oleh"] == f"proses{k}"]
        assert [r["urut"] for r in own] == list(range(n))  # each writer's order kept
        assert all(r["file"] == [str(k) * 3000] * 3 for r in own)
    assert len(audit.read(log, limit=None)) == n_processes * n
