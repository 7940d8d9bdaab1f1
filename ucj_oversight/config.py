"""Where things are: the sample extracts, the default database, and how it is built."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

AKAR = Path(__file__).resolve().parent.parent
FOLDER_SAMPEL = AKAR / "data" / "sampel"
DB_SAMPEL = AKAR / "data" / "ucj_sampel.duckdb"


def path_db() -> Path:
    """The database the dashboard reads: UCJ_DB, else the one built from data/sampel."""
    env = os.environ.get("UCJ_DB", "").strip()
    return Path(env) if env else DB_SAMPEL


def pastikan_db_sampel(path: Path | None = None, *, paksa: bool = False,
                       kemajuan: Callable[[str], None] = lambda s: None) -> Path:
    """Build the sample database from data/sampel when it does not exist yet (first start)."""
    from . import ingest

    path = Path(path or DB_SAMPEL)
    if path.exists() and not paksa:
        return path
    if paksa and path.exists():
        path.unlink()
    ingest.impor(path, [FOLDER_SAMPEL], kemajuan=kemajuan)
    return path


def mode_publik() -> bool:
    """UCJ_MODE=publik: the transparency portal (aggregates only, no log-in)."""
    return os.environ.get("UCJ_MODE", "").strip().lower() == "publik"


def _angka_env(nama: str, bawaan: int) -> int:
    nilai = os.environ.get(nama, "").strip()
    return int(nilai) if nilai.isdigit() and int(nilai) > 0 else bawaan


def batas_unggah() -> dict[str, int]:
    """Upload limits, enforced on the server (UCJ_UNGGAH_MB, UCJ_UNGGAH_BARIS, UCJ_UNGGAH_KOLOM)."""
    return {"mb": _angka_env("UCJ_UNGGAH_MB", 200), "baris": _angka_env("UCJ_UNGGAH_BARIS", 5_000_000),
            "kolom": _angka_env("UCJ_UNGGAH_KOLOM", 200), "file": _angka_env("UCJ_UNGGAH_FILE", 20)}
