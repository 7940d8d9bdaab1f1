"""Labels, id-ID formats and chart builders: the pieces every page shares."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from ucj_oversight import figures, regions
from ucj_oversight.text import fmt, labels
from ucj_oversight.web import charts

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"{(\w+)}")


@pytest.mark.parametrize("name", ["TEXTS", "BRIEFING", "LOGIN"])
def test_every_label_in_both_languages(name):
    for key, text in getattr(labels, name).items():
        assert set(text) == {"id", "en"} and text["id"] and text["en"], key
        # The same placeholders in both languages, so switching language cannot raise KeyError
        # ({s}, an English plural ending, is the one the Indonesian text may leave out).
        assert set(PLACEHOLDER.findall(text["id"])) - {"s"} == set(PLACEHOLDER.findall(text["en"])) - {"s"}, key


def test_every_temuan_code_has_its_texts():
    for code in figures.TEMUAN_CODES:
        for part in ("nama", "arti", "tanya"):
            assert labels.temuan_label(code, part, "id") and labels.temuan_label(code, part, "en")


def test_lookup_falls_back_to_indonesian_and_fills_placeholders():
    table = {"a": {"id": "Kota {nilai}", "en": ""}}
    assert labels.lookup(table, "a", "en", nilai="85,2%") == "Kota 85,2%"
    assert labels.lookup(table, "a", "fr", nilai="1") == "Kota 1"
    assert labels.t("garis_kota", "en", nilai="1") == "City 1"
    with pytest.raises(KeyError):
        labels.t("no_such_key")


def _code() -> str:
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ucj_oversight").rglob("*.py")]
    return "\n".join(p.read_text("utf-8") for p in files)


def test_pages_only_use_existing_labels():
    used = set(re.findall(r"""\b(?:k\.)?t\(\s*["']([a-z_]+)["']""", _code()))
    assert used, "no label use found: the pattern is wrong"
    assert used - set(labels.TEXTS) == set()


def test_briefing_only_uses_existing_labels():
    used = set(re.findall(r"""\bphrase\(\s*["']([a-z_]+)["']""", _code()))
    assert used, "no briefing label use found: the pattern is wrong"
    assert used - set(labels.BRIEFING) == set()


@pytest.mark.parametrize(
    "value, text", [(1953, "1.953"), (0, "0"), (1234567, "1.234.567"), (None, "–"), (float("nan"), "–")]
)
def test_number(value, text):
    assert fmt.number(value) == text


@pytest.mark.parametrize("value, text", [(39.6, "39,6%"), (39.55, "39,6%"), (100, "100,0%"), (0.04, "0,0%")])
def test_percent(value, text):
    assert fmt.percent(value) == text


@pytest.mark.parametrize(
    "value, text",
    [
        (1_250_000_000, "Rp 1,25 miliar"),
        (850_000_000, "Rp 850 juta"),
        (10_013_000_000, "Rp 10,01 miliar"),
        (42_000_000, "Rp 42 juta"),
        (16_800, "Rp 16.800"),
        (-310_560_800, "−Rp 311 juta"),
        (2_500_000_000_000, "Rp 2,5 triliun"),
    ],
)
def test_rupiah_short(value, text):
    assert fmt.rupiah_short(value) == text


def test_full_rupiah_and_month():
    assert fmt.rupiah(1_250_000_000) == "Rp 1.250.000.000"
    assert fmt.rupiah(-1000) == "−Rp 1.000"
    assert fmt.month("2026-10") == "Oktober 2026" and fmt.month("2026-10", "en") == "October 2026"
    assert fmt.month("2026-10", short=True) == "Okt 2026"
    assert fmt.date("2026-10-31") == "31 Oktober 2026"


def _cak(semesta: bool = False):
    """12 kecamatan: 40, 45, .. 95 people of a quota of 100 each; with a semesta of 400 for all
    but the first (10 %, 11,25 %, ..) when `semesta`."""
    people = list(range(40, 100, 5))
    return pd.DataFrame(
        {
            "kode_kecamatan": [k.code for k in regions.list_kecamatan()],
            "nama_kecamatan": [f"K{i}" for i in range(12)],
            "sasaran": [100] * 12,
            "peserta_aktif": people,
            "capaian_kuota_persen": [float(v) for v in people],
            "semesta": pd.array([None] + [400] * 11 if semesta else [None] * 12, "Int64"),
            "cakupan_semesta_persen": [float("nan")] + [v / 4 for v in people[1:]] if semesta else [float("nan")] * 12,
        }
    )


def test_coverage_column_is_cakupan_semesta_when_there_is_one():
    # No semesta anywhere: capaian kuota (the page's title says so); with one: cakupan semesta,
    # and a kecamatan without a semesta has no bar instead of its quota figure (the map: tests/test_map.py).
    assert charts.coverage_column(_cak()) == "capaian_kuota_persen"
    assert charts.coverage_column(_cak(semesta=True)) == "cakupan_semesta_persen"
    bars = charts.ranking_bar(_cak(semesta=True), 15.0, "x", column="cakupan_semesta_persen")
    assert len(bars.data[0].x) == 11 and bars.layout.xaxis.title.text == "Cakupan semesta (%)"


def test_rupiah_charts_use_indonesian_units():
    divisor, unit = fmt.rupiah_axis([8_604_036_000, 10_013_000_000])
    assert (divisor, unit) == (1e9, "Rp miliar")
    assert fmt.rupiah_axis([8_604_036_000], "en") == (1e9, "Rp billion") and fmt.rupiah_axis([5]) == (1.0, "Rp")
    # A bar chart of Rupiah: ticks in 'M' (steps of half a miliar), the bar's label short
    # ('Rp 860 jt'), the full amount on hover (the rules: tests/test_chart_style.py).
    fig = charts.simple_bar(["a"], [860_000_000], "judul", "Rp", rupiah=True)
    assert fig.layout.xaxis.title.text == "Rupiah" and fig.data[0].x == (860_000_000.0,)
    assert fig.layout.xaxis.ticktext == ("0", "0,5 M")  # the axis ends 4 % above Rp 860 jt
    assert fig.data[0].hovertext == ("a: Rp 860.000.000",)
    assert [a.text for a in fig.layout.annotations] == ["Rp 860 jt"]
    # Counts: ranked, largest on top (the last category of a horizontal bar chart is drawn on top).
    fig = charts.simple_bar(["a", "b"], [4, 3], "judul", "orang", text=["4", "3"])
    assert fig.data[0].orientation == "h" and fig.data[0].y == ("b", "a")
    assert [a.text for a in fig.layout.annotations] == ["3", "4"]
