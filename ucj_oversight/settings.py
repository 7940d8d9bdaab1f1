"""Where things are: the sample extracts, the default database, and how it is built."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "sampel"
SAMPLE_DB = ROOT / "data" / "ucj_sampel.duckdb"


def db_path() -> Path:
    """The database the dashboard reads: UCJ_DB, else the one built from data/sampel."""
    env = os.environ.get("UCJ_DB", "").strip()
    return Path(env) if env else SAMPLE_DB


def ensure_sample_db(path: Path | None = None, *, paksa: bool = False,
                       kemajuan: Callable[[str], None] = lambda s: None) -> Path:
    """Build the sample database from data/sampel when it does not exist yet (first start)."""
    from ucj_oversight import ingest

    path = Path(path or SAMPLE_DB)
    if path.exists() and not paksa:
        return path
    if paksa and path.exists():
        path.unlink()
    ingest.run_import(path, [SAMPLE_DIR], kemajuan=kemajuan)
    return path


def public_mode() -> bool:
    """UCJ_MODE=publik: the transparency portal (aggregates only, no log-in)."""
    return os.environ.get("UCJ_MODE", "").strip().lower() == "publik"


def _angka_env(nama: str, bawaan: int) -> int:
    nilai = os.environ.get(nama, "").strip()
    return int(nilai) if nilai.isdigit() and int(nilai) > 0 else bawaan


def upload_limits() -> dict[str, int]:
    """Upload limits, enforced on the server (UCJ_UNGGAH_MB, UCJ_UNGGAH_BARIS, UCJ_UNGGAH_KOLOM)."""
    return {"mb": _angka_env("UCJ_UNGGAH_MB", 200), "baris": _angka_env("UCJ_UNGGAH_BARIS", 5_000_000),
            "kolom": _angka_env("UCJ_UNGGAH_KOLOM", 200), "file": _angka_env("UCJ_UNGGAH_FILE", 20)}
