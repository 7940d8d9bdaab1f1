"""Audit log: who logged in (or failed to), who imported what file, with what result, and when.

One JSON object per line, appended, never rewritten (UCJ_AUDIT, default ``<database>.audit.jsonl``
next to the database file)::

    {"waktu": "2026-11-05T09:14:02.311+07:00", "peristiwa": "login_berhasil", "oleh": "siti", "metode": "lokal"}
    {"waktu": "2026-11-05T09:20:45.002+07:00", "peristiwa": "impor", "oleh": "siti", "file": "peserta_2026-10.csv",
     "sha256": "9f...", "jenis": "peserta", "dimuat": 54012, "dikarantina": 3, "hasil": "dimuat"}

Every line is written with one write() on a file opened O_APPEND while holding an exclusive
fcntl lock, so writers in several processes (dashboard, command line) never interleave.
The file is created with mode 0600.

Never in the log: passwords (details named like a password, secret or token are dropped) and
NIK (details named nik are dropped and any 16-digit number in a text is masked).
"""
from __future__ import annotations

import fcntl
import json
import os
import re
from collections import deque
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from ucj_oversight.storage.users import WIB, now

EVENTS = ("login_berhasil", "login_gagal", "login_diblokir", "logout", "impor", "impor_gagal", "impor_uji")
FIXED_FIELDS = ("waktu", "peristiwa", "oleh")

# Detail names (split on "_" / "-") that are never written: passwords, secrets, NIK.
_KATA_TERLARANG = {"password", "passwd", "pwd", "sandi", "katasandi", "secret", "rahasia", "token",
                   "nik", "credential", "kredensial"}
_NIK_RE = re.compile(r"\b\d{16}\b")
_TEKS_MAKS = 4000


def audit_path(db: Path | str | None = None) -> Path:
    """UCJ_AUDIT, else '<database file>.audit.jsonl' (database: `db`, else the dashboard's)."""
    env = os.environ.get("UCJ_AUDIT", "").strip()
    if env:
        return Path(env)
    if db is None:
        from ucj_oversight import settings
        db = settings.db_path()
    return Path(str(db) + ".audit.jsonl")


def _terlarang(nama: str) -> bool:
    kata = set(re.split(r"[_\-\s.]+", str(nama).lower()))
    return bool(kata & _KATA_TERLARANG) or "password" in str(nama).lower() or "sandi" in str(nama).lower()


def _bersih(v):
    """JSON-safe, NIK-free copy of a detail value."""
    if v is None or isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, Path):
        v = str(v)
    if isinstance(v, dict):
        return {str(k): _bersih(x) for k, x in v.items() if not _terlarang(k)}
    if isinstance(v, (list, tuple, set, frozenset)):
        return [_bersih(x) for x in v]
    if isinstance(v, np.generic):                        # numpy scalars (row counts from pandas)
        return _bersih(v.item())
    teks = str(v)
    if len(teks) > _TEKS_MAKS:
        teks = teks[:_TEKS_MAKS] + "…"
    return _NIK_RE.sub("[NIK disamarkan]", teks)


def record(path: Path | str, peristiwa: str, oleh: str | None, **rincian) -> dict:
    """Append one event; returns the record as written. `rincian`: the event's details
    (file, sha256, hasil, pesan, klien, ...)."""
    if peristiwa not in EVENTS:
        raise ValueError(f"peristiwa audit tidak dikenal: {peristiwa!r} (dikenal: {', '.join(EVENTS)})")
    rekaman = {"waktu": now().isoformat(timespec="milliseconds"), "peristiwa": peristiwa,
               "oleh": _bersih(oleh if oleh is not None else "?")}
    for k, v in rincian.items():
        if k not in FIXED_FIELDS and not _terlarang(k):
            rekaman[k] = _bersih(v)
    data = (json.dumps(rekaman, ensure_ascii=False, separators=(", ", ": ")) + "\n").encode("utf-8")

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            ditulis = 0
            while ditulis < len(data):              # one write() in practice; loop only on a short write
                ditulis += os.write(fd, data[ditulis:])
            os.fsync(fd)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    return rekaman


def read(path: Path | str, batas: int | None = 500, peristiwa: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The last `batas` events (None: all), newest first, optionally only some kinds of event.
    Columns: waktu (datetime, WIB), peristiwa, oleh, then every detail seen, in first-seen order.
    Unreadable lines are skipped and counted in `.attrs["baris_rusak"]`."""
    if isinstance(peristiwa, str):
        peristiwa = {peristiwa}
    elif peristiwa is not None:
        peristiwa = set(peristiwa)
    rekaman: deque[dict] = deque(maxlen=batas if batas and batas > 0 else None)
    rusak = 0
    try:
        with open(path, "rb") as f:
            fcntl.flock(f.fileno(), fcntl.LOCK_SH)   # no half-written line from a writer
            for baris in f:
                if not baris.strip():
                    continue
                try:
                    r = json.loads(baris)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    rusak += 1
                    continue
                if not isinstance(r, dict):
                    rusak += 1
                    continue
                if peristiwa is None or r.get("peristiwa") in peristiwa:
                    rekaman.append(r)
    except FileNotFoundError:
        pass
    daftar = list(reversed(rekaman))
    kolom = list(FIXED_FIELDS)
    for r in daftar:
        kolom.extend(k for k in r if k not in kolom)
    df = pd.DataFrame(daftar, columns=kolom)
    df["waktu"] = pd.to_datetime(df["waktu"], errors="coerce", format="ISO8601", utc=True).dt.tz_convert(WIB)
    df.attrs["baris_rusak"] = rusak
    return df
