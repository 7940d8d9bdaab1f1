"""The chart style guide (web/chart_style.py), checked on the figure every chart function returns:
units in words, month names, labels that fit, one value axis, a sentence for nothing to draw,
hidden values at the bottom, no JHT of zeros, the projection in words.

The fixtures are small and written out; the expected numbers are worked out beside them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from ucj_oversight import regions
from ucj_oversight.web import chart_style, charts, maps

ROOT = Path(__file__).resolve().parent.parent
MONTH = {
    "id": re.compile(r"^(Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des)<br>\d{4}$"),
    "en": re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)<br>\d{4}$"),
}
# A tick of a value axis: digits grouped the language's way, an optional unit word, nothing else
# (Plotly's own '50k', '1.5G' or '2026-01' would fail).
VALUE = {
    "id": re.compile(r"^−?\d{1,3}(\.\d{3})*(,\d{1,2})?( (rb|jt|M|T))?$"),
    "en": re.compile(r"^−?\d{1,3}(,\d{3})*(\.\d{1,2})?(k|m|bn|tn)?$"),
}
ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")


# ------------------------------------------------------------------ fixtures (hand-made)


def _cak(masked: tuple[int, ...] = (), values=None) -> pd.DataFrame:
    """12 kecamatan K0..K11 with a quota of 100: K0 40 people (40 %), K1 45, .. K11 95; K11
    102,4 % when values=None is replaced (see test). `masked`: rows public mode hid."""
    people = list(range(40, 100, 5))
    df = pd.DataFrame(
        {
            "kode_kecamatan": [k.code for k in regions.list_kecamatan()],
            "nama_kecamatan": [f"K{i}" for i in range(12)],
            "sasaran": [100] * 12,
            "peserta_aktif": people,
            "capaian_kuota_persen": values if values is not None else [float(v) for v in people],
            "semesta": pd.array([None] * 12, "Int64"),
            "cakupan_semesta_persen": [float("nan")] * 12,
        }
    )
    if masked:
        mask = pd.DataFrame(False, index=df.index, columns=df.columns)
        mask.loc[list(masked), ["peserta_aktif", "capaian_kuota_persen"]] = True
        df.loc[list(masked), "capaian_kuota_persen"] = float("nan")
        df.attrs["sdc_mask"] = mask
    return df


# Five months; the first two before the programme (all zeros), then the launch in January.
TREN = pd.DataFrame(
    {
        "bulan": ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"],
        "registrasi_aktif": [0, 0, 35_906, 36_329, 36_778],
        "baru": [0, 0, 35_906, 554, 569],
        "keluar": [0, 0, 0, 127, 120],
    }
)
# Jan-Mar 2026: a pagu of Rp 9,61 miliar, SP2D of Rp 1,72 miliar then Rp 861 juta a month.
ANG = pd.DataFrame(
    {
        "bulan": ["2026-01", "2026-02", "2026-03"],
        "pagu": [9.61e9] * 3,
        "realisasi_bulan": [1.723e9, 0.861e9, 0.861e9],
        "realisasi_kumulatif": [1.723e9, 2.584e9, 3.445e9],
        "serapan_persen": [17.93, 26.89, 35.85],
    }
)
# Projected Rp 10,208 miliar at year end against Rp 9,61 miliar: short by Rp 598 juta.
OVER = {"pagu": 9.61e9, "proyeksi": 10.208e9, "selisih": -0.598e9, "sisa_bulan": 9, "cukup": False}
UNDER = {"pagu": 9.61e9, "proyeksi": 9.31e9, "selisih": 0.3e9, "sisa_bulan": 9, "cukup": True}
REK = pd.DataFrame(
    {
        "bulan": ["2026-01", "2026-02", "2026-03"],
        "registrasi_tertagih": [51_258, 51_239, 51_266],
        "iuran_seharusnya": [861_134_400.0, 860_815_200.0, 861_268_800.0],
        "iuran_ditagih": [861_285_600.0, 860_966_400.0, 861_420_000.0],
        "selisih": [151_200.0, 151_200.0, 151_200.0],  # 9 registration-months × Rp 16.800 too many
        "iuran_dibayar": [861_285_600.0, 860_966_400.0, 0.0],
    }
)
KLAIM = pd.DataFrame(
    {
        "bulan": ["2026-01", "2026-01", "2026-02", "2026-03"],
        "program": ["JKK", "JKM", "JKK", "JKM"],
        "jumlah_klaim": [11, 11, 14, 7],
        "nominal_dibayar": [225_929_400.0, 462_000_000.0, 277_146_200.0, 294_000_000.0],
    }
)
MONTHS = ["2026-01", "2026-02", "2026-03"]
KTP = pd.DataFrame(
    {
        "bulan": ["2026-01", "2026-02", "2026-03"],
        "ditagih": [861_285_600.0, 860_966_400.0, 861_420_000.0],
        "dibayar": [861_285_600.0, 860_966_400.0, 0.0],
        "jatuh_tempo": ["2026-01-15", "2026-02-16", "2026-03-16"],
        "tgl_lunas": ["2026-01-23", "2026-02-04", None],  # 8 days late, on time, unpaid
        "hari_terlambat": [8, 0, 15],
        "tunggakan": [0.0, 0.0, 861_420_000.0],
    }
)


def _kelurahan() -> pd.DataFrame:
    kel = [k for k in regions.list_kelurahan() if k.kode_kecamatan == "32.75.08"]
    return pd.DataFrame(
        {
            "kode_kelurahan": [k.code for k in kel],
            "nama_kelurahan": [k.name for k in kel],
            "peserta_aktif": [100 + 10 * i for i in range(len(kel))],
        }
    )


def _every_chart(lang: str) -> dict[str, object]:
    """The figure of every chart function the pages draw (and the two maps), from the fixtures."""
    return {
        "ranking_bar": charts.ranking_bar(_cak(), 67.5, "Peringkat", lang),
        "simple_bar": charts.simple_bar(["PKL", "Linmas"], [2_065, 5_994], "Segmen", "orang", lang=lang),
        "simple_bar_rupiah": charts.simple_bar(["A", "B"], [803e6, 68.3e6], "Klaim", "Rp", rupiah=True, lang=lang),
        "tren_peserta": charts.tren_peserta(TREN, "Tren", lang),
        "cumulative_anggaran": charts.cumulative_anggaran(ANG, OVER, "Kumulatif", lang),
        "sp2d_bulanan": charts.sp2d_bulanan(ANG, "SP2D", lang),
        "rekonsiliasi": charts.rekonsiliasi(REK, "Rekon", lang),
        "klaim_bulanan": charts.klaim_bulanan(KLAIM, MONTHS, "Klaim", lang),
        "hari_terlambat": charts.hari_terlambat(KTP, "Terlambat", lang),
        "kecamatan_map": maps.kecamatan_map(_cak(), "Peta", lang, "capaian_kuota_persen"),
        "kelurahan_map": maps.kelurahan_map(_kelurahan(), "32.75.08", "Peta kelurahan", lang),
    }


def _axes(fig) -> dict[str, object]:
    layout = fig.layout.to_plotly_json()
    return {name: getattr(fig.layout, name) for name in layout if re.fullmatch(r"[xy]axis\d*", name)}


def _strings(values) -> list[str]:
    return [v for v in (values or ()) if isinstance(v, str)]


# ------------------------------------------------------------------ every chart, every rule


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", list(_every_chart("id")))
def test_every_chart_follows_the_style_guide(name, lang):
    fig = _every_chart(lang)[name]
    assert chart_style.empty_sentence(fig) is None, "the fixture has values to draw"
    # Separators of the language (hover texts of %{y:,.0f} use them): '1.234,5' / '1,234.5'.
    assert fig.layout.separators == {"id": ",.", "en": ".,"}[lang]
    for axis_name, axis in _axes(fig).items():
        # Rule 5: never a second value axis laid over the first.
        assert axis.overlaying is None, (name, axis_name)
        if axis.visible is False:
            continue
        assert axis.automargin, (name, axis_name)
        if axis_name.startswith("xaxis"):  # never rotated (Plotly rotates crowded labels: cut on a phone)
            assert axis.tickangle == 0, (name, axis_name)
        texts = list(axis.ticktext or ())
        if any("<br>" in x for x in texts):
            # Rule 2: month names on two lines, at most six of them, never rotated.
            assert all(MONTH[lang].match(x) for x in texts), (name, texts)
            assert len(texts) <= chart_style.MAX_MONTH_TICKS and axis.tickangle == 0, (name, texts)
            assert not any(ISO_MONTH.match(c) for c in _strings(axis.categoryarray)), name
        elif axis.tickvals and all(isinstance(v, (int, float)) for v in axis.tickvals):
            # Rule 1: our own tick labels in the language's units.
            assert texts and all(VALUE[lang].match(x) for x in texts), (name, axis_name, texts)
    for trace in fig.data:  # no '2026-01' anywhere a reader sees a month
        assert not any(ISO_MONTH.match(v) for v in _strings(trace.x) + _strings(trace.y)), (name, trace.name)


@pytest.mark.parametrize("name", ["ranking_bar", "simple_bar", "simple_bar_rupiah"])
def test_value_labels_fit_and_lie_above_the_reference_line(name):
    """Rule 3: every label starts inside the axis range (at its bar's end) and the right margin
    holds the longest label; rule 4: labels have an opaque background, the city line is below."""
    fig = _every_chart("id")[name]
    labels = [a for a in fig.layout.annotations if a.name == chart_style.VALUE_LABEL]
    assert labels
    low, high = fig.layout.xaxis.range
    widest = max(chart_style.label_width_px(a.text) for a in labels)
    assert fig.layout.margin.r >= widest + chart_style.LABEL_SHIFT
    for a in labels:
        assert low <= a.x <= high and a.xanchor == "left"
        assert a.bgcolor == "#ffffff"  # opaque
    assert all(shape.layer == "below" for shape in fig.layout.shapes)


def test_ranking_keeps_102_4_percent_in_view_and_hidden_rows_at_the_bottom():
    # K11 at 102,4 %: the axis ends 4 % above it (106,5; ticks 0, 50, 100 of three nice steps;
    # the next, 150, is too far),
    # the label '102,4%' starts at 102,4 and the margin holds its 6 characters (6 × 0,62 × 12 ≈ 45 px).
    values = [float(v) for v in range(40, 95, 5)] + [102.4]
    fig = charts.ranking_bar(_cak(values=values), 70.0, "x")
    assert fig.layout.xaxis.range[1] == pytest.approx(106.496) and fig.layout.xaxis.ticktext == ("0", "50", "100")
    label = [a for a in fig.layout.annotations if a.text == "102,4%"]
    assert len(label) == 1 and label[0].x == 102.4 and fig.layout.margin.r >= 45
    assert fig.data[0].y[-1] == "K11"  # the highest on top
    # K0 and K1 hidden by public mode: not blank bars at the top, 'disamarkan' rows at the bottom.
    fig = charts.ranking_bar(_cak(masked=(0, 1)), 70.0, "x")
    assert list(fig.layout.yaxis.categoryarray[:2]) == ["K0", "K1"]
    assert "K0" not in fig.data[0].y and fig.data[1].x == (0.0, 0.0)
    assert [a.text for a in fig.layout.annotations if a.y in ("K0", "K1")] == ["disamarkan", "disamarkan"]


def test_simple_bar_puts_a_hidden_value_at_the_bottom():
    # Rejected claims per reason, one count hidden (NaN): ranked 34, 2 on top, the hidden one last.
    fig = charts.simple_bar(["menunggak", "di luar masa", "terlambat"], [34, float("nan"), 2], "x", "klaim")
    assert list(fig.layout.yaxis.categoryarray) == ["di luar masa", "terlambat", "menunggak"]
    assert {a.y: a.text for a in fig.layout.annotations} == {
        "di luar masa": "disamarkan",
        "terlambat": "2",
        "menunggak": "34",
    }


def test_trend_is_two_panels_from_the_first_month_with_data():
    fig = charts.tren_peserta(TREN, "Tren")
    # Small multiples: two y-axes, each on its own panel (domains apart), neither overlaying.
    (top, bottom) = fig.layout.yaxis.domain, fig.layout.yaxis2.domain
    assert top[0] > bottom[1] and fig.layout.yaxis2.overlaying is None
    # November and December 2025 (zeros before the programme) are not drawn: January to March.
    assert fig.data[0].x == ("Jan 2026", "Feb 2026", "Mar 2026")
    assert list(fig.layout.xaxis2.ticktext) == ["Jan<br>2026", "Feb<br>2026", "Mar<br>2026"]
    # One format: thousands as 'rb' on both panels (36.778 tops the first: ticks 0 .. 40 rb).
    assert fig.layout.yaxis.ticktext[-1] == "40 rb" and fig.layout.yaxis2.ticktext[-1] == "40 rb"
    assert fig.data[2].y == (-0, -127, -120)  # exits drawn below zero
    # ... with room for them (5 % of the span below −127), not a whole step of −10 rb.
    assert fig.layout.yaxis2.tickvals[0] == 0 and -2_500 < fig.layout.yaxis2.range[0] < -127


def test_month_ticks_thin_out_for_a_phone():
    # 22 months (Jan 2025 - Oct 2026): every 6th month from October back, four labels.
    months = [f"{y}-{m:02d}" for y in (2025, 2026) for m in range(1, 13)][:22]
    fig = charts.sp2d_bulanan(pd.DataFrame({"bulan": months, "pagu": [1.0] * 22, "realisasi_bulan": [2e8] * 22}), "x")
    assert list(fig.layout.xaxis.ticktext) == ["Apr<br>2025", "Okt<br>2025", "Apr<br>2026", "Okt<br>2026"]
    # Ten months of one year: every second month, October labelled.
    fig = charts.sp2d_bulanan(ANG.iloc[:0], "x")
    assert chart_style.empty_sentence(fig)  # (and no months at all is a sentence)
    ten = [f"2026-{m:02d}" for m in range(1, 11)]
    fig = charts.hari_terlambat(
        pd.DataFrame(
            {
                "bulan": ten,
                "ditagih": [1.0] * 10,
                "dibayar": [1.0] * 10,
                "jatuh_tempo": ["2026-01-15"] * 10,
                "tgl_lunas": ["2026-01-10"] * 10,
                "hari_terlambat": [0] * 10,
                "tunggakan": [0.0] * 10,
            }
        ),
        "x",
    )
    assert [t.split("<br>")[0] for t in fig.layout.xaxis.ticktext] == ["Feb", "Apr", "Jun", "Agu", "Okt"]


def test_units_in_words_of_each_language():
    assert chart_style.compact(150_000, "id") == "150 rb" and chart_style.compact(150_000, "en") == "150k"
    assert chart_style.compact(1_500_000, "id") == "1,5 jt" and chart_style.compact(1_500_000, "en") == "1.5m"
    assert chart_style.compact(10_013_000_000, "id") == "10 M" and chart_style.compact(10_013_000_000, "en") == "10bn"
    assert chart_style.compact(68_328_100, "id") == "68,3 jt"  # three significant digits
    assert chart_style.rupiah_label(16_800, "id") == "Rp 16.800" and chart_style.rupiah_label(803e6, "en") == "Rp 803m"
    # The Rupiah axis of the reconciliation (differences of Rp 151.200): 'rb', never Plotly's '150k'.
    fig = charts.rekonsiliasi(REK, "x")
    assert list(fig.layout.yaxis.ticktext) == ["0", "50 rb", "100 rb", "150 rb"]
    # Counts below 10.000 in full ('2.000'), from 10.000 in 'rb'.
    assert chart_style.nice_ticks(0, 5_994) == [0, 2000, 4000, 6000]  # ~5 steps of 1, 2, 2,5 or 5 × 10^k
    fig = charts.simple_bar(["PKL", "Linmas"], [2_065, 5_994], "x", "orang")
    assert fig.layout.xaxis.ticktext[-1] == "6.000"


@pytest.mark.parametrize(
    "build, hidden",
    [
        (lambda: charts.ranking_bar(_cak(values=[float("nan")] * 12), 50.0, "Peringkat"), False),
        (lambda: charts.ranking_bar(_cak(masked=tuple(range(12))), 50.0, "Peringkat"), True),
        (lambda: charts.simple_bar([], [], "Segmen", "orang"), False),
        (lambda: charts.simple_bar(["PKL"], [0], "Segmen", "orang"), False),
        (lambda: charts.simple_bar(["PKL"], [float("nan")], "Segmen", "orang"), True),
        (lambda: charts.tren_peserta(TREN.iloc[:2], "Tren"), False),
        (lambda: charts.cumulative_anggaran(ANG.assign(pagu=0.0, realisasi_kumulatif=0.0), OVER, "Kumulatif"), False),
        (lambda: charts.sp2d_bulanan(ANG.assign(pagu=0.0, realisasi_bulan=0.0), "SP2D"), False),
        (lambda: charts.rekonsiliasi(REK.assign(iuran_seharusnya=0.0, iuran_ditagih=0.0), "Rekon"), False),
        (lambda: charts.klaim_bulanan(KLAIM.iloc[:0], MONTHS, "Klaim"), False),
        (lambda: charts.klaim_bulanan(KLAIM.assign(nominal_dibayar=float("nan")), MONTHS, "Klaim"), True),
        (lambda: charts.hari_terlambat(KTP.assign(ditagih=0.0), "Terlambat"), False),
    ],
)
def test_nothing_to_draw_is_a_sentence(build, hidden):
    """Rule 7: no blank axes and no white box: no trace, no visible axis, the sentence, which
    says why (nothing for this selection, or everything masked)."""
    fig = build()
    sentence = chart_style.empty_sentence(fig)
    assert sentence and not fig.data
    assert ("disamarkan" in sentence) == hidden and ("tidak ada angka" in sentence) != hidden
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.annotations[0].text.replace("<br>", " ") == sentence.replace("**", "")


def test_jht_only_when_there_are_jht_claims():
    zeros = pd.concat(
        [KLAIM, pd.DataFrame({"bulan": MONTHS, "program": "JHT", "jumlah_klaim": 0, "nominal_dibayar": 0.0})]
    )
    assert [tr.name for tr in charts.klaim_bulanan(zeros, MONTHS, "x").data] == ["JKK", "JKM"]
    one = pd.concat(
        [KLAIM, pd.DataFrame({"bulan": ["2026-02"], "program": ["JHT"], "jumlah_klaim": [1], "nominal_dibayar": [5e6]})]
    )
    assert [tr.name for tr in charts.klaim_bulanan(one, MONTHS, "x").data] == ["JKK", "JKM", "JHT"]


def test_claims_month_hidden_by_public_mode_is_marked():
    # February's JKK amount hidden: no bar there, a 'disamarkan' mark in the legend at February.
    kb = KLAIM.copy()
    kb.loc[2, ["jumlah_klaim", "nominal_dibayar"]] = float("nan")
    fig = charts.klaim_bulanan(kb, MONTHS, "x")
    mark = [tr for tr in fig.data if tr.type == "scatter"]
    assert len(mark) == 1 and mark[0].x == ("Feb 2026",) and mark[0].name == "bulan disamarkan"


def test_projection_in_words_never_a_signed_amount():
    # Rule 10: Rp 10,208 miliar against Rp 9,61 miliar is 'kurang Rp 598 juta'; Rp 9,31 miliar
    # leaves Rp 300 juta.
    over = charts.cumulative_anggaran(ANG, OVER, "x")
    assert over.data[-1].name == "Proyeksi: kurang Rp 598 juta dari pagu"
    under = charts.cumulative_anggaran(ANG, UNDER, "x", "en")
    assert under.data[-1].name == "Projection: Rp 300 million left of the allocation"
    for fig in (over, under):
        texts = [tr.name for tr in fig.data] + [a.text for a in fig.layout.annotations]
        assert not any("−" in x or "-Rp" in x for x in texts), texts
    # The months run to December (the projection's month), the allocation line with them.
    assert over.layout.xaxis.categoryarray[-1] == "Des 2026" and over.data[0].x[-1] == "Des 2026"
    # The axis covers the projection and its label (Rp 10,2 M under a top tick of 12,5 M).
    assert over.layout.yaxis.range[1] >= 10.208e9 * 1.1


def test_days_late_bars_are_labelled_and_on_time_months_marked():
    fig = charts.hari_terlambat(KTP, "x")
    late, unpaid, on_time = fig.data
    assert late.x == ("Jan 2026",) and late.text == ("8",) and unpaid.x == ("Mar 2026",) and unpaid.text == ("15",)
    assert on_time.x == ("Feb 2026",) and on_time.name == "tepat waktu"
    # Room above the tallest bar for its label: 15 / (1 − 28/240) ≈ 17 → the axis goes to 20.
    assert fig.layout.yaxis.range[1] >= 17


def test_projector_scales_every_font():
    fig = chart_style.for_projector(charts.ranking_bar(_cak(), 67.5, "x"), 700, 2.0)
    assert fig.layout.height == 700 and fig.layout.font.size == 2 * chart_style.FONT_SIZE
    assert fig.layout.xaxis.tickfont.size == fig.layout.yaxis.tickfont.size == 26
    labels = [a for a in fig.layout.annotations if a.name == chart_style.VALUE_LABEL]
    assert {a.font.size for a in labels} == {2 * chart_style.LABEL_SIZE}


# ------------------------------------------------------------------ on the page


@pytest.fixture
def public_page(sample_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("UCJ_DB", str(sample_db))
    monkeypatch.setenv("UCJ_MODE", "publik")

    def _open(**params):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


def test_a_filter_that_leaves_nothing_shows_a_sentence(public_page):
    # Segment PKL has no quota of its own: the embedded ranking of Ringkasan has no bar to draw.
    at = public_page(view="peringkat", segmen="PKL")
    assert not at.get("plotly_chart")
    assert any("grafik tidak digambar — tidak ada angka" in i.value for i in at.info)
