"""Chart builders (Plotly): one function per chart, for the pages and the presentation view.

Every chart has a title with its period, axis titles with units, id-ID separators
(layout.separators = ",." gives 1.953 and 39,6), and colours from the Okabe-Ito palette
(text/palette.py, shared with the briefing's ReportLab charts), which stays distinguishable
for the common forms of colour blindness.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from ucj_oversight import regions
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import t
from ucj_oversight.text.palette import BLACK, BLUE, COVERAGE_SCALE, GREEN, ORANGE, PALETTE, RED

# Tile positions (column, row; row 0 = north), an approximation of the kecamatan layout.
TILES = {
    "32.75.06": (0, 0),
    "32.75.03": (1, 0),
    "32.75.02": (0, 1),
    "32.75.04": (1, 1),
    "32.75.01": (2, 1),
    "32.75.11": (3, 1),
    "32.75.08": (0, 2),
    "32.75.09": (1, 2),
    "32.75.05": (2, 2),
    "32.75.07": (3, 2),
    "32.75.12": (0, 3),
    "32.75.10": (1, 3),
}


def wrap(text: str, width: int = 42) -> str:
    """Break a long chart title into lines: Plotly does not wrap, and a phone is ~40 characters wide."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def _layout(fig: go.Figure, title: str, *, y_title: str = "", x_title: str = "", height: int = 380) -> go.Figure:
    title = wrap(title)
    lines = title.count("<br>") + 1
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        separators=",.",
        height=height + 18 * (lines - 1),
        colorway=PALETTE,
        margin={"l": 10, "r": 10, "t": 40 + 20 * lines, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 13},
        plot_bgcolor="white",
        hovermode="x unified",
    )
    fig.update_xaxes(title_text=x_title, showgrid=False, automargin=True)
    fig.update_yaxes(title_text=y_title, gridcolor="#e5e5e5", automargin=True, rangemode="tozero")
    return fig


def _month_ticks(months: list[str], lang: str) -> list[str]:
    """Month labels: 'Jan' when the months are of one year (the title gives it), else 'Jan 2026'."""
    one_year = len({m[:4] for m in months}) == 1
    return [
        fmt.month(m, lang, short=True).split(" ")[0] if one_year else fmt.month(m, lang, short=True) for m in months
    ]


def tile_map(cak: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    """Tile map of the 12 kecamatan, coloured by cakupan %: needs no boundary data."""
    ncol = max(c for c, _ in TILES.values()) + 1
    nrow = max(r for _, r in TILES.values()) + 1
    z = [[None] * ncol for _ in range(nrow)]
    text = [[""] * ncol for _ in range(nrow)]
    hover = [[""] * ncol for _ in range(nrow)]
    for r in cak.itertuples():
        c, row = TILES[r.kode_kecamatan]
        value = None if pd.isna(r.cakupan_persen) else float(r.cakupan_persen)
        z[row][c] = value if value is not None else float("nan")
        text[row][c] = f"<b>{_tile_label(r.nama_kecamatan)}</b><br>{fmt.percent(value)}"
        hover[row][c] = (
            f"{r.nama_kecamatan}: {fmt.percent(value)} — {fmt.number(r.peserta_aktif)} "
            f"/ {fmt.number(r.sasaran)} {t('orang', lang)}"
        )
    fig = go.Figure(
        go.Heatmap(
            z=z,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            # The scale starts at the lowest tens below the data so that differences are visible.
            colorscale=COVERAGE_SCALE,
            zmin=_zmin(cak),
            zmax=max(100.0, float(cak["cakupan_persen"].max() or 0)),
            xgap=4,
            ygap=4,
            colorbar={
                "title": {"text": "%", "side": "right"},
                "thickness": 10,
                "orientation": "h",
                "y": -0.02,
                "yanchor": "top",
                "len": 0.9,
            },
            textfont={"size": 11},
        )
    )
    fig.update_yaxes(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False, ticks="")
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, ticks="")
    _layout(fig, title, height=420)
    fig.update_layout(hovermode="closest", plot_bgcolor="white")
    fig.update_xaxes(ticks="", showline=False)
    fig.update_yaxes(ticks="", showline=False)
    return fig


# Tile labels: long one-word names are hyphenated so that a tile stays readable on a phone.
TILE_LABELS = {
    "Medansatria": "Medan-<br>satria",
    "Pondokmelati": "Pondok-<br>melati",
    "Jatisampurna": "Jati-<br>sampurna",
    "Bantargebang": "Bantar-<br>gebang",
    "Rawalumbu": "Rawa-<br>lumbu",
    "Mustikajaya": "Mustika-<br>jaya",
    "Pondokgede": "Pondok-<br>gede",
}


def _tile_label(name: str) -> str:
    return TILE_LABELS.get(name, name.replace(" ", "<br>"))


def _zmin(cak: pd.DataFrame) -> float:
    known = cak["cakupan_persen"].dropna()
    return float(min(50.0, (known.min() // 10) * 10)) if len(known) else 0.0


def boundaries_geojson(folder: Path) -> dict | None:
    """A boundary GeoJSON configured in data/ (batas_kecamatan.geojson), if any."""
    p = Path(folder) / "batas_kecamatan.geojson"
    if not p.is_file():
        return None
    try:
        return json.loads(p.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def match_features(geo: dict) -> dict:
    """Give each feature an id = kode_kecamatan, matched by a code property or the normalised
    name (so 'Pondok Gede' and 'PONDOKGEDE' both match). Unmatched features are left out."""
    features = []
    for f in geo.get("features", []):
        props = f.get("properties") or {}
        code = None
        for v in props.values():
            if isinstance(v, (str, int)):
                code = regions.find_kecamatan(str(v))
                if code:
                    break
        if code:
            features.append({**f, "id": code})
    return {"type": "FeatureCollection", "features": features}


def choropleth_map(cak: pd.DataFrame, geo: dict, title: str, lang: str = "id") -> go.Figure:
    geo = match_features(geo)
    fig = go.Figure(
        go.Choropleth(
            geojson=geo,
            locations=cak["kode_kecamatan"],
            z=cak["cakupan_persen"],
            text=[f"{n}: {fmt.percent(p)}" for n, p in zip(cak["nama_kecamatan"], cak["cakupan_persen"])],
            hoverinfo="text",
            colorscale=COVERAGE_SCALE,
            zmin=0,
            zmax=100,
            marker_line_color="white",
            colorbar={"title": {"text": "%"}, "thickness": 12},
        )
    )
    fig.update_geos(fitbounds="locations", visible=False)
    _layout(fig, title, height=440)
    return fig


def ranking_bar(cak: pd.DataFrame, city: float | None, title: str, lang: str = "id") -> go.Figure:
    """Kecamatan by cakupan, lowest at the bottom; orange more than 10 points below the city (dashed line)."""
    d = cak.dropna(subset=["cakupan_persen"]).sort_values("cakupan_persen")
    colours = [ORANGE if city is not None and v < city - 10 else BLUE for v in d["cakupan_persen"]]
    fig = go.Figure(
        go.Bar(
            x=d["cakupan_persen"],
            y=d["nama_kecamatan"],
            orientation="h",
            marker_color=colours,
            text=[fmt.percent(v) for v in d["cakupan_persen"]],
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"{n}: {fmt.number(a)} / {fmt.number(s)}"
                for n, a, s in zip(d["nama_kecamatan"], d["peserta_aktif"], d["sasaran"])
            ],
            hoverinfo="text",
        )
    )
    if city is not None:
        fig.add_vline(
            x=city,
            line_dash="dash",
            line_color=BLACK,
            layer="below",
            annotation_text=t("garis_kota", lang, nilai=fmt.percent(city)),
            annotation_position="top",
        )
    _layout(fig, title, x_title=t("kolom_cakupan", lang), height=max(360, 32 * len(d) + 120))
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(range=[0, max(125, float(d["cakupan_persen"].max() or 0) + 25)])
    return fig


def simple_bar(
    x,
    y,
    title: str,
    y_title: str,
    x_title: str = "",
    horizontal: bool = False,
    colour: str = BLUE,
    text=None,
    rupiah: bool = False,
    lang: str = "id",
) -> go.Figure:
    """A plain bar chart; rupiah=True scales to 'Rp juta/miliar' with the full amount on hover."""
    y = list(y)
    hover = None
    if rupiah:
        divisor, y_title = fmt.rupiah_axis(y, lang)
        hover = [fmt.rupiah(v) for v in y]
        text = text if text is not None else [fmt.rupiah_short(v, lang) for v in y]
        y = [v / divisor for v in y]
    bar = dict(
        marker_color=colour,
        text=text,
        textposition="auto",
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>" if hover else None,
    )
    if horizontal:
        fig = go.Figure(go.Bar(x=y, y=list(x), orientation="h", **bar))
        _layout(fig, title, x_title=y_title, height=max(340, 30 * len(y) + 120))
    else:
        fig = go.Figure(go.Bar(x=list(x), y=y, **bar))
        _layout(fig, title, y_title=y_title, x_title=x_title)
    fig.update_layout(hovermode="closest")
    return fig


def tren_peserta(tren: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    x = _month_ticks(list(tren["bulan"]), lang)
    fig = go.Figure()
    fig.add_bar(x=x, y=tren["baru"], name=t("tren_baru", lang), marker_color=GREEN, yaxis="y2")
    fig.add_bar(
        x=x,
        y=-tren["keluar"],
        name=t("tren_keluar", lang),
        marker_color=RED,
        yaxis="y2",
        customdata=tren["keluar"],
        hovertemplate="%{customdata:,.0f}",
    )
    fig.add_scatter(
        x=x,
        y=tren["registrasi_aktif"],
        name=t("tren_aktif", lang),
        mode="lines+markers",
        line={"color": BLUE, "width": 3},
    )
    _layout(fig, title, y_title=t("tren_aktif", lang) + " (" + t("orang", lang) + ")")
    fig.update_layout(
        barmode="relative",
        # tickmode auto: Plotly's default for an overlaying axis ("sync") aligns its
        # ticks with the left axis and labels them 34.277,35672 and the like.
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "zeroline": True,
            "tickmode": "auto",
            "tickformat": ",d",
            "title": {"text": t("tren_baru", lang) + " (+) / " + t("tren_keluar", lang) + " (−)"},
        },
    )
    # The chart is half a page wide (or a phone): two years of months fit as four labels, every
    # sixth month from the last one (the as-of month is always labelled).
    step = 6 if len(x) > 12 else 3
    ticks = x[::-1][::step][::-1]
    fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=ticks, tickangle=0)
    return fig


def cumulative_anggaran(ang: pd.DataFrame, proyeksi: dict | None, title: str, lang: str = "id") -> go.Figure:
    months = list(ang["bulan"])
    year = months[-1][:4] if months else ""
    has_proyeksi = bool(proyeksi and proyeksi.get("sisa_bulan", 0) > 0 and len(ang))
    x = _month_ticks(months + ([f"{year}-12"] if has_proyeksi else []), lang)
    divisor, unit = fmt.rupiah_axis(
        list(ang["pagu"]) + list(ang["realisasi_kumulatif"]) + ([proyeksi["proyeksi"]] if has_proyeksi else []), lang
    )
    month_numbers = [int(m[5:7]) for m in months]
    n = len(months)

    def line(y, name, **style):
        fig.add_scatter(
            x=x[: len(y)],
            y=[v / divisor for v in y],
            name=name,
            customdata=[fmt.rupiah(v) for v in y],
            hovertemplate="%{customdata}",
            **style,
        )

    fig = go.Figure()
    line(list(ang["pagu"]), t("garis_pagu", lang), mode="lines", line={"color": BLACK, "width": 2, "shape": "hv"})
    line(
        [p * m / 12 for p, m in zip(ang["pagu"], month_numbers)],
        t("garis_merata", lang),
        mode="lines",
        line={"color": ORANGE, "dash": "dash", "width": 2},
    )
    line(
        list(ang["realisasi_kumulatif"]),
        t("garis_realisasi", lang),
        mode="lines+markers",
        line={"color": BLUE, "width": 3},
    )
    if has_proyeksi:
        y = [ang["realisasi_kumulatif"].iloc[-1], proyeksi["proyeksi"]]
        fig.add_scatter(
            x=[x[n - 1], x[n]],
            y=[v / divisor for v in y],
            name=t("garis_proyeksi", lang),
            mode="lines+markers",
            line={"color": BLUE, "dash": "dot", "width": 2},
            customdata=[fmt.rupiah(v) for v in y],
            hovertemplate="%{customdata}",
        )
    _layout(fig, title, y_title=unit)
    return fig


def monthly_rupiah_bar(months: list[str], values, title: str, lang: str = "id", colour: str = BLUE) -> go.Figure:
    divisor, unit = fmt.rupiah_axis(values, lang)
    fig = go.Figure(
        go.Bar(
            x=_month_ticks(list(months), lang),
            y=[v / divisor for v in values],
            marker_color=colour,
            customdata=[fmt.rupiah(v) for v in values],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    _layout(fig, title, y_title=unit)
    return fig


def rekonsiliasi(rek: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    """The differences, not the three near-equal totals: billed − expected per month (over- or
    under-billing), and paid − billed where the payment is known."""
    x = _month_ticks(list(rek["bulan"]), lang)
    billed = list(rek["selisih"])
    paid = (
        [(d - b) if d == d else None for d, b in zip(rek["iuran_dibayar"], rek["iuran_ditagih"])]
        if rek["iuran_dibayar"].notna().any()
        else []
    )
    if paid and rek["iuran_dibayar"].iloc[-1] == 0:
        paid[-1] = None  # the latest bill is normally paid next month: not yet a difference
    divisor, unit = fmt.rupiah_axis(billed + [v for v in paid if v is not None], lang)
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=[v / divisor for v in billed],
        name=t("rekon_selisih_tagih", lang),
        marker_color=[RED if v > 0 else BLUE for v in billed],
        customdata=[fmt.rupiah(v) for v in billed],
        hovertemplate="%{customdata}",
    )
    if paid:
        fig.add_scatter(
            x=x,
            y=[None if v is None else v / divisor for v in paid],
            name=t("rekon_selisih_bayar", lang),
            mode="lines+markers",
            line={"color": ORANGE, "width": 2},
            customdata=[fmt.rupiah(v) for v in paid],
            hovertemplate="%{customdata}",
        )
    _layout(fig, title, y_title=unit)
    fig.update_yaxes(rangemode="normal", zeroline=True, zerolinecolor=BLACK)
    return fig


def klaim_bulanan(kb: pd.DataFrame, all_months: list[str], title: str, lang: str = "id") -> go.Figure:
    fig = go.Figure()
    x = _month_ticks(all_months, lang)
    divisor, unit = fmt.rupiah_axis(kb.groupby("bulan")["nominal_dibayar"].sum().tolist() or [0], lang)
    for program, colour in (("JKK", ORANGE), ("JKM", BLUE), ("JHT", GREEN)):
        rows = kb[kb["program"] == program].set_index("bulan")
        if program == "JHT" and rows.empty:
            continue
        d = rows.reindex(all_months)
        # A month with no row had no claims (0); a row whose value is missing was hidden in
        # public mode and stays a gap, not a zero.
        no_row = ~pd.Index(all_months).isin(rows.index)
        values = d["nominal_dibayar"].where(~no_row, 0.0)
        fig.add_bar(
            x=x,
            y=values / divisor,
            name=program,
            marker_color=colour,
            customdata=[
                f"{fmt.rupiah(v)} ({t('klaim_n', lang, n=fmt.number(n))})"
                for v, n in zip(values, d["jumlah_klaim"].where(~no_row, 0))
            ],
            hovertemplate="%{customdata}",
        )
    _layout(fig, title, y_title=unit)
    fig.update_layout(barmode="stack")
    return fig
