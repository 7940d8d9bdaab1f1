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
