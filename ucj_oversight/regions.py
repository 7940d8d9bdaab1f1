"""The 12 kecamatan and 56 kelurahan of Kota Bekasi (Kemendagri codes) and name matching.

The reference list ships with the package (reference/wilayah_kota_bekasi.csv) so that a
fresh clone needs nothing from outside.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CITY_PREFIX = "3275"  # BPS/Kemendagri 32.75: NIK of residents start with it


@dataclass(frozen=True)
class Kecamatan:
    code: str  # 32.75.08
    name: str  # Pondokgede


@dataclass(frozen=True)
class Kelurahan:
    code: str  # 32.75.08.1001
    name: str
    kode_kecamatan: str


def name_key(text: object) -> str:
    """Matching key for a place name: 'Kec. Pondok Gede' = 'PONDOKGEDE' = 'pondok-gede'."""
    s = str(text).strip().lower()
    s = re.sub(r"^(kecamatan|kec|kelurahan|kel|desa)(\.|\s)+", "", s)
    return re.sub(r"[^0-9a-z]+", "", s)


def code_key(text: object) -> str:
    """'32.75.08', '327508', '32 75 08' -> '327508' (digits only)."""
    return re.sub(r"\D+", "", str(text))


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[Kecamatan, ...], tuple[Kelurahan, ...]]:
    text = resources.files("ucj_oversight").joinpath("reference/wilayah_kota_bekasi.csv").read_text("utf-8")
    kecamatan: dict[str, Kecamatan] = {}
    kelurahan: list[Kelurahan] = []
    for r in csv.DictReader(text.splitlines()):
        kecamatan.setdefault(r["kode_kecamatan"], Kecamatan(r["kode_kecamatan"], r["nama_kecamatan"]))
        kelurahan.append(Kelurahan(r["kode_kelurahan"], r["nama_kelurahan"], r["kode_kecamatan"]))
    return tuple(sorted(kecamatan.values(), key=lambda k: k.code)), tuple(kelurahan)


def list_kecamatan() -> tuple[Kecamatan, ...]:
    """The 12 kecamatan, by code."""
    return _load()[0]


def list_kelurahan() -> tuple[Kelurahan, ...]:
    """The 56 kelurahan, in the order of the reference list."""
    return _load()[1]


@lru_cache(maxsize=1)
def kecamatan_lookup() -> dict[str, str]:
    """Matching key (normalised name or digits-only code) -> kode_kecamatan."""
    lookup: dict[str, str] = {}
    for k in list_kecamatan():
        lookup[name_key(k.name)] = k.code
        lookup[code_key(k.code)] = k.code
    return lookup


@lru_cache(maxsize=1)
def kelurahan_lookup() -> dict[tuple[str, str], str]:
    """(kode_kecamatan, normalised name or digits-only code) -> kode_kelurahan."""
    lookup: dict[tuple[str, str], str] = {}
    for k in list_kelurahan():
        lookup[(k.kode_kecamatan, name_key(k.name))] = k.code
        lookup[(k.kode_kecamatan, code_key(k.code))] = k.code
    return lookup


def find_kecamatan(text: object) -> str | None:
    """The kode_kecamatan of a name or code as an extract writes it; None when not recognised."""
    if text is None:
        return None
    s = str(text).strip()
    if not s:
        return None
    lookup = kecamatan_lookup()
    if re.fullmatch(r"[\d.\s]+", s):
        return lookup.get(code_key(s))
    return lookup.get(name_key(s))


def kecamatan_name(code: str) -> str:
    """The name of the kecamatan with this code; KeyError when there is none."""
    for k in list_kecamatan():
        if k.code == code:
            return k.name
    raise KeyError(code)
