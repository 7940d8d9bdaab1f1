"""Labels, id-ID formats and chart builders: the pieces every page shares."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from ucj_oversight import figures
from ucj_oversight.text import fmt, labels
from ucj_oversight.web import charts

AKAR = Path(__file__).resolve().parent.parent


def test_setiap_label_ada_dalam_dua_bahasa():
    for kunci, teks in labels.TEXTS.items():
        assert teks.get("id") and teks.get("en"), kunci
        # The same placeholders in both languages, so switching language cannot raise KeyError.
        assert set(re.findall(r"{(\w+)}", teks["id"])) == set(re.findall(r"{(\w+)}", teks["en"])), kunci
    for kode in figures.TEMUAN_CODES:
        for bagian in ("nama", "arti", "tanya"):
            assert labels.temuan_label(kode, bagian, "id") and labels.temuan_label(kode, bagian, "en")


def test_halaman_hanya_memakai_label_yang_ada():
    kode = "\n".join(p.read_text("utf-8") for p in [AKAR / "app.py", *(AKAR / "pages").glob("*.py"),
                                                    *(AKAR / "ucj_oversight").glob("*.py")])
    dipakai = set(re.findall(r"""\b(?:k\.)?t\(\s*["']([a-z_]+)["']""", kode))
    assert dipakai, "no label use found: the pattern is wrong"
    assert dipakai - set(labels.TEXTS) == set()


@pytest.mark.parametrize("nilai, teks", [
    (1953, "1.953"), (0, "0"), (1234567, "1.234.567"), (None, "–"), (float("nan"), "–")])
def test_angka(nilai, teks):
    assert fmt.number(nilai) == teks


@pytest.mark.parametrize("nilai, teks", [(39.6, "39,6%"), (39.55, "39,6%"), (100, "100,0%"), (0.04, "0,0%")])
def test_persen(nilai, teks):
    assert fmt.percent(nilai) == teks


@pytest.mark.parametrize("nilai, teks", [
    (1_250_000_000, "Rp 1,25 miliar"), (850_000_000, "Rp 850 juta"), (10_013_000_000, "Rp 10,01 miliar"),
    (42_000_000, "Rp 42 juta"), (16_800, "Rp 16.800"), (-310_560_800, "−Rp 311 juta"),
    (2_500_000_000_000, "Rp 2,5 triliun")])
def test_rupiah_ringkas(nilai, teks):
    assert fmt.rupiah_short(nilai) == teks


def test_rupiah_penuh_dan_bulan():
    assert fmt.rupiah(1_250_000_000) == "Rp 1.250.000.000"
    assert fmt.rupiah(-1000) == "−Rp 1.000"
    assert fmt.month("2026-10") == "Oktober 2026" and fmt.month("2026-10", "en") == "October 2026"
    assert fmt.date("2026-10-31") == "31 Oktober 2026"


def _cak():
    return pd.DataFrame({"kode_kecamatan": [k for k in charts.TILES],
                         "nama_kecamatan": [f"K{i}" for i in range(12)],
                         "sasaran": [100] * 12, "peserta_aktif": list(range(40, 100, 5)),
                         "cakupan_persen": [float(v) for v in range(40, 100, 5)]})


def test_peta_petak_semua_kecamatan_dan_judul():
    fig = charts.tile_map(_cak(), "Peta cakupan, posisi Oktober 2026")
    z = [v for baris in fig.data[0].z for v in baris if v is not None]
    assert len(z) == 12
    assert fig.layout.title.text == "Peta cakupan, posisi Oktober 2026"
    assert fig.layout.separators == ",."


def test_choropleth_mencocokkan_fitur_dengan_kode_atau_nama():
    def kotak(i):
        return [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]]]
    geo = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"KODE": "3275.08"}, "geometry": {"type": "Polygon", "coordinates": kotak(0)}},
        {"type": "Feature", "properties": {"nama": "Kec. PONDOK MELATI"},
         "geometry": {"type": "Polygon", "coordinates": kotak(1)}},
        {"type": "Feature", "properties": {"nama": "Cikarang Barat"},
         "geometry": {"type": "Polygon", "coordinates": kotak(2)}},
    ]}
    cocok = charts.match_features(geo)
    assert [f["id"] for f in cocok["features"]] == ["32.75.08", "32.75.12"]
    fig = charts.choropleth_map(_cak(), geo, "judul")
    assert fig.data[0].type == "choropleth"


def test_grafik_rupiah_memakai_satuan_indonesia():
    bagi, unit = charts.rupiah_axis([8_604_036_000, 10_013_000_000])
    assert (bagi, unit) == (1e9, "Rp miliar")
    fig = charts.simple_bar(["a"], [860_000_000], "judul", "Rp", rupiah=True)
    assert fig.layout.yaxis.title.text == "Rp juta" and fig.data[0].y == (860.0,)
    assert fig.data[0].customdata == ("Rp 860.000.000",)
