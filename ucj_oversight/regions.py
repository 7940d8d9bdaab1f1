"""The 12 kecamatan and 56 kelurahan of Kota Bekasi (Kemendagri codes), name matching, and their
boundaries for the maps (projected to km, shared by the dashboard and the PDF).

The reference list and the boundary GeoJSON ship with the package (reference/: the list,
batas_*.geojson and their licence notice) so that a fresh clone needs nothing from outside.
"""

from __future__ import annotations

import csv
import json
import math
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


# ------------------------------------------------------------------ boundaries (for the maps)

BOUNDARY_FILES = {
    "kecamatan": "reference/batas_kecamatan_kota_bekasi.geojson",
    "kelurahan": "reference/batas_kelurahan_kota_bekasi.geojson",
}
# Source and licence of the boundary files (shown under every map; notice in reference/).
BOUNDARY_SOURCE = "cahyadsn/wilayah_boundaries (MIT)"
KM_PER_DEGREE = 111.32  # one degree of latitude (and of longitude at the equator), in km


@dataclass(frozen=True)
class Area:
    """A kecamatan or kelurahan as a map draws it: its outline (one ring per polygon part, in km
    east and north of the city's centre) and the point where its label is written."""

    code: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    label: tuple[float, float]


@lru_cache(maxsize=2)
def boundaries(level: str) -> dict:
    """The boundary GeoJSON shipped with the package ('kecamatan': 12 features, 'kelurahan': 56):
    WGS84 [lon, lat], properties kode, nama, lat/lng of a label point."""
    text = resources.files("ucj_oversight").joinpath(BOUNDARY_FILES[level]).read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _centre() -> tuple[float, float]:
    """(lon, lat) of the middle of the city's bounding box: the origin of the projection."""
    points = [p for f in boundaries("kecamatan")["features"] for p in _outer_rings(f["geometry"])[0]]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection in km from the city's centre, longitude scaled by cos(latitude):
    within a city 25 km across its distortion (< 0,1 %) is far below a pixel."""
    lon0, lat0 = _centre()
    return (
        round((lon - lon0) * KM_PER_DEGREE * math.cos(math.radians(lat0)), 4),
        round((lat - lat0) * KM_PER_DEGREE, 4),
    )


def _outer_rings(geometry: dict) -> list[list]:
    """The outer ring of each polygon part. Inner rings are left out: in these files they are
    slivers the dissolve of kelurahan into kecamatan left (at most ~700 m2, invisible on a map)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [part[0] for part in geometry["coordinates"]]
    raise ValueError(f"geometri {geometry['type']} tidak didukung")


@lru_cache(maxsize=2)
def map_areas(level: str) -> tuple[Area, ...]:
    """Every kecamatan or kelurahan of the boundary file, projected (`project`), by code."""
    areas = []
    for f in boundaries(level)["features"]:
        p = f["properties"]
        rings = tuple(tuple(project(lon, lat) for lon, lat in ring) for ring in _outer_rings(f["geometry"]))
        areas.append(Area(p["kode"], p["nama"], rings, project(p["lng"], p["lat"])))
    return tuple(sorted(areas, key=lambda a: a.code))


def contains(area: Area, x: float, y: float) -> bool:
    """Is the point (km, as projected) inside the area (any of its parts; even-odd rule)?"""
    inside = False
    for ring in area.rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def place_labels(areas, sizes: dict[str, tuple[float, float]], rounds: int = 40) -> dict[str, tuple[float, float]]:
    """Label positions that do not overlap: start at each area's label point and push two
    overlapping label boxes (`sizes`: code -> (width, height) in km at the drawing's scale)
    apart vertically (labels are wider than tall, so that is the shorter way), as long as each
    stays inside its own area; a label that cannot move leaves the whole move to the other."""
    pos = {a.code: a.label for a in areas}
    by_code = {a.code: a for a in areas}
    codes = [a.code for a in areas]
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(codes):
            for b in codes[i + 1 :]:
                (xa, ya), (xb, yb) = pos[a], pos[b]
                (wa, ha), (wb, hb) = sizes[a], sizes[b]
                overlap_x = (wa + wb) / 2 - abs(xa - xb)
                overlap_y = (ha + hb) / 2 - abs(ya - yb)
                if overlap_x <= 0 or overlap_y <= 0:
                    continue
                up = 1.0 if (ya, a) >= (yb, b) else -1.0  # the upper label goes up
                step = overlap_y / 2 + 0.01
                a_ok = contains(by_code[a], xa, ya + up * step)
                b_ok = contains(by_code[b], xb, yb - up * step)
                if a_ok and b_ok:
                    pos[a], pos[b] = (xa, ya + up * step), (xb, yb - up * step)
                elif a_ok and contains(by_code[a], xa, ya + up * 2 * step):
                    pos[a] = (xa, ya + up * 2 * step)
                elif b_ok and contains(by_code[b], xb, yb - up * 2 * step):
                    pos[b] = (xb, yb - up * 2 * step)
                else:
                    continue
                moved = True
        if not moved:
            break
    return pos
