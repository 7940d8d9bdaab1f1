"""The map of Kota Bekasi: the boundary files shipped in the package (their codes are the region
list's, their licence notice ships with them), the projection and label placement both maps use,
the dashboard's map (web/maps.py: filled polygons on plain axes, nothing from the network) and
the briefing's (briefing/pdf_charts.py: ReportLab polygons), coloured alike."""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from reportlab.graphics.shapes import Polygon, String

from ucj_oversight import regions
from ucj_oversight.briefing import pdf_charts
from ucj_oversight.figures import Filter
from ucj_oversight.text import palette
from ucj_oversight.web import maps

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "ucj_oversight" / "reference"
PONDOKGEDE, BANTARGEBANG = "32.75.08", "32.75.07"


# ------------------------------------------------------------------ the boundary files


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("kecamatan", {(k.code, k.name) for k in regions.list_kecamatan()}),
        ("kelurahan", {(k.code, k.name) for k in regions.list_kelurahan()}),
    ],
)
def test_boundary_codes_are_the_region_list(level, expected):
    """12 kecamatan and 56 kelurahan, each code once, with the region list's codes and names."""
    features = regions.boundaries(level)["features"]
    assert len(features) == {"kecamatan": 12, "kelurahan": 56}[level] == len(expected)
    found = [(f["properties"]["kode"], f["properties"]["nama"]) for f in features]
    assert len(set(found)) == len(found) and set(found) == expected


def test_boundary_files_ship_with_their_licence_and_source():
    for name in ("batas_kecamatan_kota_bekasi.geojson", "batas_kelurahan_kota_bekasi.geojson"):
        assert json.loads((REFERENCE / name).read_text("utf-8"))["type"] == "FeatureCollection"
    notice = (REFERENCE / "LICENSE-batas-wilayah.txt").read_text("utf-8")
    assert "MIT License" in notice and "Copyright (c) 2024 Cahya DSN" in notice
    assert "cahyadsn/wilayah_boundaries" in notice and "3c5a796" in notice
    # Installed with the package (pyproject package-data), and named in the README and the docs.
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["*"]
    assert "*.geojson" in patterns and "LICENSE-*.txt" in patterns
    for doc in ("README.md", "docs/architecture.md"):
        text = (ROOT / doc).read_text("utf-8")
        assert "cahyadsn/wilayah_boundaries" in text and "LICENSE-batas-wilayah.txt" in text, doc


def _area_km2(ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2


def test_projection_in_km_from_the_city_centre():
    lon0, lat0 = regions._centre()
    # One degree of latitude is 111,32 km; one of longitude 111,32 x cos(lat) (cos 6,285° = 0,99399).
    assert regions.project(lon0, lat0) == (0.0, 0.0)
    assert regions.project(lon0, lat0 + 0.01) == (0.0, 1.1132)
    assert regions.project(lon0 + 0.01, lat0) == pytest.approx((1.1065, 0.0), abs=1e-4)
    # The 12 kecamatan cover ~214 km2 (the boundary data set's own total; BPS gives ~207 km2).
    total = sum(_area_km2(ring) for a in regions.map_areas("kecamatan") for ring in a.rings)
    assert 212 < total < 216


@pytest.mark.parametrize("level", ["kecamatan", "kelurahan"])
def test_label_points_lie_inside_their_area(level):
    for area in regions.map_areas(level):
        assert regions.contains(area, *area.label), area.name


def _square(code: str, x0: float, y0: float, side: float, label: tuple[float, float]) -> regions.Area:
    ring = ((x0, y0), (x0 + side, y0), (x0 + side, y0 + side), (x0, y0 + side), (x0, y0))
    return regions.Area(code, code, (ring,), label)


def test_overlapping_labels_are_pushed_apart_vertically():
    # Two labels 4 km x 1 km, 0,2 km apart vertically: they overlap by 0,8 km, so each moves by
    # 0,8 / 2 + 0,01 = 0,41 km, the upper one up: 5,2 -> 5,61 and 5,0 -> 4,59 (1,02 km apart).
    a, b = _square("a", 0, 0, 10, (5.0, 5.2)), _square("b", 0, 0, 10, (5.0, 5.0))
    places = regions.place_labels([a, b], {"a": (4, 1), "b": (4, 1)})
    assert places["a"] == pytest.approx((5.0, 5.61)) and places["b"] == pytest.approx((5.0, 4.59))
    # Side by side (4,5 km apart, boxes 4 km wide) they do not overlap and stay where they are.
    c = _square("c", 0, 0, 10, (9.5, 5.2))
    assert regions.place_labels([b, c], {"b": (4, 1), "c": (4, 1)}) == {"b": (5.0, 5.0), "c": (9.5, 5.2)}
    # A label at the top of its area cannot go up: the other one takes the whole move, 0,82 km.
    top = _square("top", 0, 0, 10, (5.0, 9.9))
    low = _square("low", 0, 0, 10, (5.0, 9.7))
    places = regions.place_labels([top, low], {"top": (4, 1), "low": (4, 1)})
    assert places["top"] == (5.0, 9.9) and places["low"] == pytest.approx((5.0, 8.88))


def test_real_labels_do_not_overlap():
    """The kecamatan labels as large as the dashboard draws them on a phone (~4 x 1,6 km)."""
    areas = regions.map_areas("kecamatan")
    places = regions.place_labels(areas, {a.code: (4.0, 1.6) for a in areas})
    for i, a in enumerate(areas):
        for b in areas[i + 1 :]:
            (xa, ya), (xb, yb) = places[a.code], places[b.code]
            assert abs(xa - xb) >= 4.0 - 1e-9 or abs(ya - yb) >= 1.6 - 1e-9, (a.name, b.name)


def test_scale_colour_is_plotlys_interpolation():
    scale = palette.COVERAGE_SCALE  # #f7fbff at 0, #6baed6 at 0,5, #08306b at 1
    assert palette.scale_colour(10, 10, 40) == "#f7fbff" and palette.scale_colour(40, 10, 40) == "#08306b"
    assert palette.scale_colour(25, 10, 40) == "#6baed6"
    # 3/4: halfway from #6baed6 to #08306b: (107+8)/2 = 57,5 -> 58 (0x3a), (174+48)/2 = 111 (0x6f),
    # (214+107)/2 = 160,5 -> 160 (0xa0); Plotly's sample_colorscale gives rgb(58, 111, 160) too.
    assert palette.scale_colour(32.5, 10, 40, scale) == "#3a6fa0"
    assert palette.scale_colour(99, 10, 40) == "#08306b" and palette.scale_colour(0, 10, 40) == "#f7fbff"


def test_coverage_range_from_the_tens_around_the_values():
    assert palette.coverage_range([12.0, 34.0]) == (10.0, 40.0)
    assert palette.coverage_range([54.9, 102.6]) == (50.0, 110.0)  # the low end at most 50
    assert palette.coverage_range([70.0, 70.0]) == (50.0, 70.0)
    assert palette.coverage_range([3.0]) == (0.0, 10.0)  # at least 10 points wide
    assert palette.coverage_range([None, float("nan")]) == (0.0, 100.0)


# ------------------------------------------------------------------ the dashboard's map


def _cak(masked: tuple[str, ...] = ()) -> pd.DataFrame:
    """The 12 kecamatan: cakupan semesta 12, 14, .. 34 % (Bekasi Timur 12 %), except Pondokgede
    without a semesta; `masked` kecamatan hidden as public mode hides them (value gone, mask set)."""
    codes = [k.code for k in regions.list_kecamatan()]
    percent = [12.0 + 2 * i for i in range(12)]
    df = pd.DataFrame(
        {
            "kode_kecamatan": codes,
            "nama_kecamatan": [k.name for k in regions.list_kecamatan()],
            "sasaran": [100] * 12,
            "peserta_aktif": [int(p * 10) for p in percent],
            "capaian_kuota_persen": [p * 10 for p in percent],
            "semesta": pd.array([None if c == PONDOKGEDE else 1000 for c in codes], "Int64"),
            "cakupan_semesta_persen": [float("nan") if c == PONDOKGEDE else p for c, p in zip(codes, percent)],
        }
    )
    if masked:
        hide = df["kode_kecamatan"].isin(masked)
        mask = pd.DataFrame(False, index=df.index, columns=df.columns)
        for c in ("peserta_aktif", "capaian_kuota_persen", "cakupan_semesta_persen"):
            mask[c] = hide
            df[c] = df[c].astype("float64").mask(hide)
        df.attrs["sdc_mask"] = mask
    return df


def _areas(fig) -> dict[str, object]:
    """The filled area traces of a map figure, by area name (grey ones by their hover text)."""
    return {tr.text.split(":")[0]: tr for tr in fig.data if tr.fill == "toself"}


def _labels(fig) -> list[str]:
    return list(next(tr for tr in fig.data if tr.mode == "text").text)


def test_kecamatan_map_colours_and_labels_each_kecamatan():
    fig = maps.kecamatan_map(_cak(), "Peta cakupan semesta, posisi Oktober 2026")
    assert fig.layout.title.text == "Peta cakupan semesta, posisi Oktober 2026"
    # Offline: only xy scatter traces; no geo subplot (topojson from a CDN) or map tiles.
    assert {tr.type for tr in fig.data} == {"scatter"}
    assert not {"geo", "mapbox", "map"} & set(fig.to_dict()["layout"])
    areas = _areas(fig)
    assert len(areas) == 12
    # Coloured by cakupan semesta (there is a semesta), 12..34 % on a 10..40 % scale.
    assert palette.coverage_range([12.0, 34.0, float("nan")]) == (10.0, 40.0)
    assert areas["Bekasi Timur"].fillcolor == palette.scale_colour(12, 10, 40)
    # 34 % is 0,8 of the way: 0,6 from #6baed6 to #08306b: 107-0,6x99 = 47,6 -> 0x30,
    # 174-0,6x126 = 98,4 -> 0x62, 214-0,6x107 = 149,8 -> 0x96.
    assert areas["Pondokmelati"].fillcolor == palette.scale_colour(34, 10, 40) == "#306296"
    # Pondokgede has no semesta: grey, '–', and in the legend as 'tanpa angka'.
    assert areas["Pondokgede"].fillcolor == palette.NO_VALUE and areas["Pondokgede"].showlegend
    labels = _labels(fig)
    assert "Bekasi<br>Timur<br><b>12,0%</b>" in labels and "Pondokgede<br><b>–</b>" in labels
    assert "Pondokmelati<br><b>34,0%</b>" in labels
    # Hover: the figure with its numerator and denominator.
    assert areas["Bekasi Timur"].text == "Bekasi Timur: 12,0% — 120 / 1.000 orang"
    # Capaian kuota when asked for it (no semesta anywhere): 120..340 %, the scale 50..340.
    fig = maps.kecamatan_map(_cak(), "x", column="capaian_kuota_persen")
    assert "Bekasi<br>Timur<br><b>120,0%</b>" in _labels(fig)
    assert _areas(fig)["Pondokgede"].fillcolor == palette.scale_colour(260, 50, 340)


def test_kecamatan_map_masked_and_selected():
    fig = maps.kecamatan_map(_cak(masked=(BANTARGEBANG,)), "x", selected=PONDOKGEDE)
    areas = _areas(fig)
    assert areas["Bantargebang"].fillcolor == palette.NO_VALUE
    assert areas["Bantargebang"].text == "Bantargebang: disamarkan"
    assert "Bantargebang<br><b>disamarkan</b>" in _labels(fig)
    assert "Bantargebang<br><b>masked</b>" in _labels(maps.kecamatan_map(_cak(masked=(BANTARGEBANG,)), "x", "en"))
    # The chosen kecamatan: outlined in black, drawn last (on top of its neighbours' outlines).
    chosen = [tr for tr in fig.data if tr.fill == "toself"][-1]
    assert chosen.text.startswith("Pondokgede") and chosen.line.color == palette.BLACK and chosen.line.width == 3
    assert "<b>Pondokgede</b><br><b>–</b>" in _labels(fig)


def test_has_values_says_when_there_is_nothing_to_map():
    cak = _cak()
    assert maps.has_values(cak, "cakupan_semesta_persen")
    # No figure anywhere (a segment without a semesta), or all zero, or all masked: nothing to map.
    assert not maps.has_values(cak.assign(cakupan_semesta_persen=float("nan")), "cakupan_semesta_persen")
    assert not maps.has_values(cak.assign(capaian_kuota_persen=0.0), "capaian_kuota_persen")
    all_codes = tuple(cak["kode_kecamatan"])
    assert not maps.has_values(_cak(masked=all_codes), "cakupan_semesta_persen")
    assert maps.has_values(_cak(masked=all_codes[1:]), "cakupan_semesta_persen")


def test_kelurahan_map_of_one_kecamatan():
    kelurahan = [k for k in regions.list_kelurahan() if k.kode_kecamatan == PONDOKGEDE]
    # Pondokgede has 5 kelurahan: 10, 20, 30, 40 and 60 people, and 7 people without a kelurahan.
    assert len(kelurahan) == 5
    kel = pd.DataFrame(
        {
            "kode_kecamatan": [PONDOKGEDE] * 6,
            "nama_kecamatan": ["Pondokgede"] * 6,
            "kode_kelurahan": [k.code for k in kelurahan] + [None],
            "nama_kelurahan": [k.name for k in kelurahan] + [None],
            "peserta_aktif": [10, 20, 30, 40, 60, 7],
        }
    )
    fig = maps.kelurahan_map(kel, PONDOKGEDE, "Peta peserta aktif per kelurahan — Pondokgede")
    areas = _areas(fig)
    assert set(areas) == {k.name for k in kelurahan}
    # Counts from 0 to the largest, 60: 30 people is the middle colour.
    assert areas[kelurahan[2].name].fillcolor == palette.scale_colour(30, 0, 60) == "#6baed6"
    assert areas[kelurahan[4].name].text == f"{kelurahan[4].name}: 60 orang"
    assert any(label.endswith("<br><b>60</b>") for label in _labels(fig))
    assert len(_labels(fig)) == 5  # the row without a kelurahan has no area


# ------------------------------------------------------------------ the briefing's map


def test_pdf_map_draws_the_same_colours_and_labels():
    drawing = pdf_charts.cakupan_map({"cakupan_all": _cak(), "filter": Filter(PONDOKGEDE)}, "id", 255, 238)
    polygons = [s for s in drawing.contents if isinstance(s, Polygon)]
    assert len(polygons) == 12  # one part each
    fills = {p.fillColor.hexval().lower().replace("0x", "#") for p in polygons}
    assert palette.scale_colour(12, 10, 40) in fills and palette.NO_VALUE.lower() in fills
    # Pondokgede (the chosen one) last, outlined in black.
    assert polygons[-1].strokeColor == pdf_charts.C_BLACK and polygons[-1].strokeWidth == 1.4
    texts = [s.text for s in drawing.contents if isinstance(s, String)]
    assert {"Bekasi", "Timur", "12,0%", "Pondokgede", "–", "tanpa angka", "%"} <= set(texts)
    assert {s.fontName for s in drawing.contents if isinstance(s, String)} <= {pdf_charts.FONT, pdf_charts.FONT_BOLD}
    # Everything inside the drawing.
    xs = [c for p in polygons for c in p.points[0::2]]
    ys = [c for p in polygons for c in p.points[1::2]]
    assert 0 <= min(xs) and max(xs) <= 255 and 0 <= min(ys) and max(ys) <= 238
    # Nothing to colour: one sentence instead of a grey map.
    empty = pdf_charts.cakupan_map(
        {"cakupan_all": _cak().assign(semesta=pd.NA, capaian_kuota_persen=float("nan")), "filter": Filter()},
        "id",
        255,
        238,
    )
    assert [s.text for s in empty.contents] == ["Belum ada sasaran untuk tahun ini: cakupan tidak dapat dihitung."]


def test_map_scale_keeps_kota_bekasi_in_proportion():
    """Equal scale on both axes: the city is ~16 km wide and ~25 km tall, on screen as on paper."""
    fig = maps.kecamatan_map(_cak(), "x")
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    assert math.isclose((y1 - y0) / (x1 - x0), 25.2 / 16.0, rel_tol=0.05)


# ------------------------------------------------------------------ on the Cakupan page (AppTest)


@pytest.fixture
def public_page(sample_db, monkeypatch):
    """A page of the public dashboard on the sample (no log-in; small cells masked)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("UCJ_DB", str(sample_db))
    monkeypatch.setenv("UCJ_MODE", "publik")

    def _open(**params):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        at.switch_page("pages/cakupan.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


def _charts(at) -> dict[str, dict]:
    """The Plotly figures on the page, by their title's first words."""
    found = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        found[spec["layout"]["title"]["text"].replace("<br>", " ")] = spec
    return found


def _filled(spec: dict) -> list[dict]:
    return [tr for tr in spec["data"] if tr.get("fill") == "toself"]


def test_cakupan_page_kecamatan_and_kelurahan_maps(public_page):
    at = public_page(kecamatan=BANTARGEBANG)
    charts = _charts(at)
    city = [spec for title, spec in charts.items() if title.startswith("Peta cakupan") or "Peta capaian" in title]
    assert len(city) == 1 and len(_filled(city[0])) == 12
    chosen = _filled(city[0])[-1]  # Bantargebang outlined, on top
    assert chosen["text"].startswith("Bantargebang") and chosen["line"]["width"] == 3
    kelurahan = [spec for title, spec in charts.items() if title.startswith("Peta peserta aktif per kelurahan")]
    expected = {k.name for k in regions.list_kelurahan() if k.kode_kecamatan == BANTARGEBANG}
    assert len(kelurahan) == 1 and {tr["text"].split(":")[0] for tr in _filled(kelurahan[0])} == expected
    # The ranking stays beside the map; the source of the boundaries is named under each map.
    assert any(title.startswith("Peringkat") for title in charts)
    captions = [c.value for c in at.caption]
    assert sum("cahyadsn/wilayah_boundaries (MIT)" in c for c in captions) == 2
    # The embedded map of one kecamatan is its kelurahan map.
    single = _charts(public_page(kecamatan=BANTARGEBANG, view="peta"))
    assert [title.startswith("Peta peserta aktif per kelurahan") for title in single] == [True]


def test_cakupan_page_says_so_when_nothing_is_left_to_map(public_page, sample_db):
    from ucj_oversight import figures
    from ucj_oversight.storage import db
    from ucj_oversight.web import charts as web_charts

    with db.read(sample_db) as con:
        asof = figures.latest_month(con)
        cak = figures.cakupan_kecamatan(con, asof, Filter(None, "PKL"))
    drawable = maps.has_values(cak, web_charts.coverage_column(cak))
    at = public_page(segmen="PKL")
    sentence = any(i.value.startswith("Peta dan peringkat tidak digambar") for i in at.info)
    titles = list(_charts(at))
    assert sentence != drawable
    assert any(t.startswith(("Peta cakupan", "Peta capaian")) for t in titles) == drawable
    assert any(t.startswith("Peringkat") for t in titles) == drawable
