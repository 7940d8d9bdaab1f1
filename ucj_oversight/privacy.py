"""NIK protection (UU PDP No. 27/2022): the raw NIK never reaches the database.

What is stored is a keyed hash (HMAC-SHA256), so the same person matches across extracts
while nobody holding only the database can recover or test-guess a NIK without the key.
The key comes from the environment (UCJ_NIK_KEY, read by settings) or Streamlit secrets ([ucj] nik_key in
.streamlit/secrets.toml). Without either, a development key is used: it is for the simulated
sample only, and every import made with it is marked as such.
"""

from __future__ import annotations

import hashlib
import hmac
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ucj_oversight import settings

DEV_KEY = "ucj-oversight-KUNCI-PENGEMBANGAN-hanya-untuk-data-simulasi"


@dataclass(frozen=True)
class NikKey:
    secret: bytes
    dev: bool

    @property
    def fingerprint(self) -> str:
        """A fingerprint to check that every import used the same key (hashes must match)."""
        return hmac.new(self.secret, b"ucj-sidik-kunci", hashlib.sha256).hexdigest()[:16]


def nik_key(secrets_path: Path | None = None) -> NikKey:
    """The NIK key: UCJ_NIK_KEY, else [ucj] nik_key of the secrets file (default
    .streamlit/secrets.toml), else the development key (dev=True)."""
    env = settings.nik_key_text()
    if env:
        return NikKey(env.encode("utf-8"), dev=False)
    path = secrets_path or Path(".streamlit/secrets.toml")
    if path.is_file():
        with open(path, "rb") as f:
            secrets = tomllib.load(f)
        value = str(secrets.get("ucj", {}).get("nik_key", "")).strip()
        if value:
            return NikKey(value.encode("utf-8"), dev=False)
    return NikKey(DEV_KEY.encode("utf-8"), dev=True)


def hash_nik(nik: pd.Series, key: NikKey) -> pd.Series:
    """HMAC-SHA256 of every NIK under the key, as hex, with the index of `nik`."""
    secret = key.secret
    return pd.Series(
        [hmac.new(secret, v.encode("utf-8"), hashlib.sha256).hexdigest() for v in nik], index=nik.index, dtype=object
    )


def mask_identifier(text: str | None, visible: int = 4) -> str:
    """Masked identifier for row-level views: '25K12345678' -> '25K1•••••78'."""
    if not text:
        return ""
    s = str(text)
    if len(s) <= visible:
        return "•" * len(s)
    return s[:visible] + "•" * max(len(s) - visible - 2, 1) + s[-2:]
