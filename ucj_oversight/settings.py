"""Settings: every ``UCJ_*`` environment variable is read here, and only here.

Each setting is a function that reads its variable when called (not at import), so a test or a
server started with another environment sees the current value. Also: where things are (the
sample extracts, the default database) and how the sample database is built.

| variable | function | default |
|---|---|---|
| UCJ_DB | db_path() | data/ucj_sampel.duckdb, built from data/sampel |
| UCJ_MODE | public_mode() | internal mode (log-in) |
| UCJ_UNGGAH_MB, _BARIS, _KOLOM, _FILE | upload_limits() | 200 MB, 5 000 000 rows, 200 columns, 20 files |
| UCJ_TARIF | tarif_override() | none: figures.DEFAULT_TARIF |
| UCJ_JATUH_TEMPO_HARI | jatuh_tempo_hari() | 15: premiums of month M are due on day 15 |
| UCJ_JATUH_TEMPO_GESER_BULAN | jatuh_tempo_geser_bulan() | 0: ... of month M itself (1: of M + 1) |
| UCJ_LIBUR_TAMBAHAN | libur_tambahan() | none: national holidays only (extra days off, ISO dates) |
| UCJ_TAHUN_TARGET | target_year() | 2027 |
| UCJ_NIK_KEY | nik_key_text() | none: secrets.toml, else the development key |
| UCJ_USERS | users_path() | users.toml at the repository root |
| UCJ_AUDIT | audit_path() | <database file>.audit.jsonl |
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "sampel"
SAMPLE_DB = ROOT / "data" / "ucj_sampel.duckdb"


def _env(name: str) -> str:
    """The value of environment variable `name`, stripped; "" when unset."""
    return os.environ.get(name, "").strip()


def _positive_int(name: str, default: int) -> int:
    """A positive whole number from `name`; `default` when unset, empty or not a positive integer."""
    value = _env(name)
    return int(value) if value.isdigit() and int(value) > 0 else default


def db_path() -> Path:
    """The database the dashboard reads: UCJ_DB, else the one built from data/sampel
    (data/ucj_sampel.duckdb)."""
    value = _env("UCJ_DB")
    return Path(value) if value else SAMPLE_DB


def public_mode() -> bool:
    """UCJ_MODE=publik: the transparency portal (aggregates only, no log-in). Default (unset or
    any other value): the internal mode, with log-in."""
    return _env("UCJ_MODE").lower() == "publik"


def upload_limits() -> dict[str, int]:
    """Upload limits, enforced on the server: UCJ_UNGGAH_MB (size of one file in MB, default 200),
    UCJ_UNGGAH_BARIS (rows, default 5 000 000), UCJ_UNGGAH_KOLOM (columns, default 200),
    UCJ_UNGGAH_FILE (files per upload, default 20). A value that is not a positive whole number
    means the default."""
    return {
        "mb": _positive_int("UCJ_UNGGAH_MB", 200),
        "baris": _positive_int("UCJ_UNGGAH_BARIS", 5_000_000),
        "kolom": _positive_int("UCJ_UNGGAH_KOLOM", 200),
        "file": _positive_int("UCJ_UNGGAH_FILE", 20),
    }


def tarif_override() -> int | None:
    """UCJ_TARIF: the monthly premium per registration in rupiah, replacing figures.DEFAULT_TARIF
    (e.g. after a new regulation). Default (unset, or not a positive whole number): None."""
    value = _positive_int("UCJ_TARIF", 0)
    return value or None


def target_year() -> int:
    """UCJ_TAHUN_TARGET: the year by whose end every vulnerable worker (the semesta) should be
    covered, for the pace needed (figures.laju_cakupan). Default 2027 (universal coverage planned
    for 2027); a value that is not a year 2000-2100 means the default."""
    value = _positive_int("UCJ_TAHUN_TARGET", 0)
    return value if 2000 <= value <= 2100 else 2027


def jatuh_tempo_hari() -> int:
    """UCJ_JATUH_TEMPO_HARI: the day of the month on which a month's premiums are due (BPU: the
    15th of the month they cover). Default (unset, or not a whole number 1-31): 15. A day past the
    month's end means its last day."""
    value = _positive_int("UCJ_JATUH_TEMPO_HARI", 15)
    return value if value <= 31 else 15


def jatuh_tempo_geser_bulan() -> int:
    """UCJ_JATUH_TEMPO_GESER_BULAN: how many months after the billed month the due day falls (0:
    in the billed month itself, the BPU rule; 1: the following month, as agreed by some cities).
    Default (unset, or not a whole number 0-12): 0."""
    value = _env("UCJ_JATUH_TEMPO_GESER_BULAN")
    return int(value) if value.isdigit() and int(value) <= 12 else 0


def libur_tambahan() -> tuple[dt.date, ...]:
    """UCJ_LIBUR_TAMBAHAN: extra days off (e.g. cuti bersama, a local holiday) on which no premium
    falls due, as comma-separated ISO dates ("2026-03-20,2026-03-23"). Default (unset): none;
    an entry that is not an ISO date is skipped."""
    days = []
    for part in _env("UCJ_LIBUR_TAMBAHAN").split(","):
        try:
            days.append(dt.date.fromisoformat(part.strip()))
        except ValueError:
            continue
    return tuple(sorted(set(days)))


def nik_key_text() -> str:
    """UCJ_NIK_KEY: the secret key of the NIK hash (privacy.nik_key). Default "" (unset): the key
    from .streamlit/secrets.toml, else the development key (simulated data only)."""
    return _env("UCJ_NIK_KEY")


def users_path() -> Path:
    """The users file of the internal mode: UCJ_USERS, else users.toml at the repository root."""
    value = _env("UCJ_USERS")
    return Path(value) if value else ROOT / "users.toml"


def profiles_path(db: Path | str | None = None) -> Path:
    """The source profiles (column mappings saved on the Unggah page or with `ucj profile`):
    UCJ_PROFILES, else '<database file>.profil.json' next to the database (`db`, else the
    dashboard's, db_path())."""
    value = _env("UCJ_PROFILES")
    if value:
        return Path(value)
    return Path(str(db if db is not None else db_path()) + ".profil.json")


def audit_path(db: Path | str | None = None) -> Path:
    """The audit log: UCJ_AUDIT, else '<database file>.audit.jsonl' next to the database (`db`,
    else the dashboard's, db_path())."""
    value = _env("UCJ_AUDIT")
    if value:
        return Path(value)
    return Path(str(db if db is not None else db_path()) + ".audit.jsonl")
