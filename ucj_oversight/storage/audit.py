"""Audit log: who logged in (or failed to), who imported what file, with what result, and when.

One JSON object per line, appended, never rewritten (UCJ_AUDIT, default ``<database>.audit.jsonl``
next to the database file)::

    {"waktu": "2026-11-05T09:14:02.311+07:00", "peristiwa": "login_berhasil", "oleh": "siti", "metode": "lokal"}
    {"waktu": "2026-11-05T09:20:45.002+07:00", "peristiwa": "impor", "oleh": "siti", "file": "peserta_2026-10.csv",
     "sha256": "9f...", "jenis": "peserta", "dimuat": 54012, "dikarantina": 3, "hasil": "dimuat"}

Every line is written with one write() on a file opened O_APPEND while holding an exclusive
fcntl lock (atomic.append_locked), so writers in several processes (dashboard, command line)
never interleave. The file is created with mode 0600.

Never in the log: passwords (details named like a password, secret or token are dropped) and
NIK (details named nik are dropped and any 16-digit number in a text is masked).
"""

from __future__ import annotations

import fcntl
import json
import re
from collections import deque
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from ucj_oversight import settings
from ucj_oversight.storage import atomic
from ucj_oversight.storage.users import WIB, now

# Each event reads in words on the Log audit page, in both languages: text/labels.py
# "peristiwa_<event>" (login_berhasil -> "Masuk berhasil" / "Logged in"; tests/test_money_tables.py
# checks that every event has them).
EVENTS = (
    "login_berhasil",
    "login_gagal",
    "login_diblokir",
    "logout",
    "impor",
    "impor_gagal",
    "impor_uji",
    "profil_dibuat",
    "profil_diubah",
    "profil_dihapus",
)
FIXED_FIELDS = ("waktu", "peristiwa", "oleh")

# Detail names (split on "_" / "-") that are never written: passwords, secrets, NIK.
_FORBIDDEN_WORDS = {
    "password",
    "passwd",
    "pwd",
    "sandi",
    "katasandi",
    "secret",
    "rahasia",
    "token",
    "nik",
    "credential",
    "kredensial",
}
_NIK_RE = re.compile(r"\b\d{16}\b")
_MAX_TEXT = 4000


def audit_path(db: Path | str | None = None) -> Path:
    """UCJ_AUDIT, else '<database file>.audit.jsonl' (database: `db`, else the dashboard's)."""
    return settings.audit_path(db)


def _forbidden(name: str) -> bool:
    words = set(re.split(r"[_\-\s.]+", str(name).lower()))
    return bool(words & _FORBIDDEN_WORDS) or "password" in str(name).lower() or "sandi" in str(name).lower()


def _clean(v):
    """JSON-safe, NIK-free copy of a detail value."""
    if v is None or isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, Path):
        v = str(v)
    if isinstance(v, dict):
        return {str(k): _clean(x) for k, x in v.items() if not _forbidden(k)}
    if isinstance(v, (list, tuple, set, frozenset)):
        return [_clean(x) for x in v]
    if isinstance(v, np.generic):  # numpy scalars (row counts from pandas)
        return _clean(v.item())
    text = str(v)
    if len(text) > _MAX_TEXT:
        text = text[:_MAX_TEXT] + "…"
    return _NIK_RE.sub("[NIK disamarkan]", text)


def record(path: Path | str, event: str, actor: str | None, **details) -> dict:
    """Append one event (one of EVENTS) done by `actor` (a username; None: unknown, written "?");
    returns the record as written. `details`: the event's details, written under their own names
    (file, sha256, hasil, pesan, klien, ...)."""
    if event not in EVENTS:
        raise ValueError(f"peristiwa audit tidak dikenal: {event!r} (dikenal: {', '.join(EVENTS)})")
    entry = {
        "waktu": now().isoformat(timespec="milliseconds"),
        "peristiwa": event,
        "oleh": _clean(actor if actor is not None else "?"),
    }
    for k, v in details.items():
        if k not in FIXED_FIELDS and not _forbidden(k):
            entry[k] = _clean(v)
    data = (json.dumps(entry, ensure_ascii=False, separators=(", ", ": ")) + "\n").encode("utf-8")

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.append_locked(path, data, mode=0o600)
    return entry


def read(path: Path | str, limit: int | None = 500, events: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The last `limit` events (None: all), newest first, optionally only some kinds of event.
    Columns: waktu (datetime, WIB), peristiwa, oleh, then every detail seen, in first-seen order.
    Unreadable lines are skipped and counted in `.attrs["bad_lines"]`."""
    if isinstance(events, str):
        events = {events}
    elif events is not None:
        events = set(events)
    entries: deque[dict] = deque(maxlen=limit if limit and limit > 0 else None)
    bad = 0
    try:
        with open(path, "rb") as f:
            fcntl.flock(f.fileno(), fcntl.LOCK_SH)  # no half-written line from a writer
            for line in f:
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    bad += 1
                    continue
                if not isinstance(r, dict):
                    bad += 1
                    continue
                if events is None or r.get("peristiwa") in events:
                    entries.append(r)
    except FileNotFoundError:
        pass
    newest_first = list(reversed(entries))
    columns = list(FIXED_FIELDS)
    for r in newest_first:
        columns.extend(k for k in r if k not in columns)
    df = pd.DataFrame(newest_first, columns=columns)
    df["waktu"] = pd.to_datetime(df["waktu"], errors="coerce", format="ISO8601", utc=True).dt.tz_convert(WIB)
    df.attrs["bad_lines"] = bad
    return df
