"""The 12 kecamatan and 56 kelurahan of Kota Bekasi (Kemendagri codes) and name matching.

The reference list ships with the package (referensi/wilayah_kota_bekasi.csv) so that a
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
    kode: str          # 32.75.08
    nama: str          # Pondokgede


@dataclass(frozen=True)
class Kelurahan:
    kode: str          # 32.75.08.1001
    nama: str
    kode_kecamatan: str


def name_key(teks: object) -> str:
    """Matching key for a place name: 'Kec. Pondok Gede' = 'PONDOKGEDE' = 'pondok-gede'."""
    s = str(teks).strip().lower()
    s = re.sub(r"^(kecamatan|kec|kelurahan|kel|desa)(\.|\s)+", "", s)
    return re.sub(r"[^0-9a-z]+", "", s)


def code_key(teks: object) -> str:
    """'32.75.08', '327508', '32 75 08' -> '327508' (digits only)."""
    return re.sub(r"\D+", "", str(teks))


@lru_cache(maxsize=1)
def _baca() -> tuple[tuple[Kecamatan, ...], tuple[Kelurahan, ...]]:
    teks = resources.files("ucj_oversight").joinpath("reference/wilayah_kota_bekasi.csv").read_text("utf-8")
    kec: dict[str, Kecamatan] = {}
    kel: list[Kelurahan] = []
    for r in csv.DictReader(teks.splitlines()):
        kec.setdefault(r["kode_kecamatan"], Kecamatan(r["kode_kecamatan"], r["nama_kecamatan"]))
        kel.append(Kelurahan(r["kode_kelurahan"], r["nama_kelurahan"], r["kode_kecamatan"]))
    return tuple(sorted(kec.values(), key=lambda k: k.kode)), tuple(kel)


def list_kecamatan() -> tuple[Kecamatan, ...]:
    return _baca()[0]


def list_kelurahan() -> tuple[Kelurahan, ...]:
    return _baca()[1]


@lru_cache(maxsize=1)
def kecamatan_lookup() -> dict[str, str]:
    """Matching key (normalised name or digits-only code) -> kode_kecamatan."""
    peta: dict[str, str] = {}
    for k in list_kecamatan():
        peta[name_key(k.nama)] = k.kode
        peta[code_key(k.kode)] = k.kode
    return peta


@lru_cache(maxsize=1)
def kelurahan_lookup() -> dict[tuple[str, str], str]:
    """(kode_kecamatan, normalised name or digits-only code) -> kode_kelurahan."""
    peta: dict[tuple[str, str], str] = {}
    for k in list_kelurahan():
        peta[(k.kode_kecamatan, name_key(k.nama))] = k.kode
        peta[(k.kode_kecamatan, code_key(k.kode))] = k.kode
    return peta


def find_kecamatan(teks: object) -> str | None:
    if teks is None:
        return None
    s = str(teks).strip()
    if not s:
        return None
    peta = kecamatan_lookup()
    if re.fullmatch(r"[\d.\s]+", s):
        return peta.get(code_key(s))
    return peta.get(name_key(s))


def kecamatan_name(kode: str) -> str:
    for k in list_kecamatan():
        if k.kode == kode:
            return k.nama
    raise KeyError(kode)
