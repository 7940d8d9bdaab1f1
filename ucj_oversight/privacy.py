"""NIK protection (UU PDP No. 27/2022): the raw NIK never reaches the database.

What is stored is a keyed hash (HMAC-SHA256), so the same person matches across extracts
while nobody holding only the database can recover or test-guess a NIK without the key.
The key comes from the environment (UCJ_NIK_KEY) or Streamlit secrets ([ucj] nik_key in
.streamlit/secrets.toml). Without either, a development key is used: it is for the simulated
sample only, and every import made with it is marked as such.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DEV_KEY = "ucj-oversight-KUNCI-PENGEMBANGAN-hanya-untuk-data-simulasi"


@dataclass(frozen=True)
class NikKey:
    kunci: bytes
    dev: bool

    @property
    def sidik(self) -> str:
        """A fingerprint to check that every import used the same key (hashes must match)."""
        return hmac.new(self.kunci, b"ucj-sidik-kunci", hashlib.sha256).hexdigest()[:16]


def nik_key(secrets_path: Path | None = None) -> NikKey:
    env = os.environ.get("UCJ_NIK_KEY", "").strip()
    if env:
        return NikKey(env.encode("utf-8"), dev=False)
    path = secrets_path or Path(".streamlit/secrets.toml")
    if path.is_file():
        with open(path, "rb") as f:
            rahasia = tomllib.load(f)
        nilai = str(rahasia.get("ucj", {}).get("nik_key", "")).strip()
        if nilai:
            return NikKey(nilai.encode("utf-8"), dev=False)
    return NikKey(DEV_KEY.encode("utf-8"), dev=True)


def hash_nik(nik: pd.Series, kunci: NikKey) -> pd.Series:
    k = kunci.kunci
    return pd.Series([hmac.new(k, v.encode("utf-8"), hashlib.sha256).hexdigest() for v in nik],
                     index=nik.index, dtype=object)


def mask_identifier(teks: str | None, tampak: int = 4) -> str:
    """Masked identifier for row-level views: '25K12345678' -> '25K1•••••78'."""
    if not teks:
        return ""
    s = str(teks)
    if len(s) <= tampak:
        return "•" * len(s)
    return s[: tampak] + "•" * max(len(s) - tampak - 2, 1) + s[-2:]
