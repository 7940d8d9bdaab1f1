"""Maps of Kota Bekasi (Plotly): the 12 kecamatan coloured by coverage, and the kelurahan of one
kecamatan coloured by the people covered, each area labelled with its name and value.

Drawn as filled polygons on plain axes (equal scale) from the boundary files shipped in the
package (regions.map_areas, reference/batas_*.geojson): no tile server and nothing from the
network. (A go.Choropleth is not used: plotly.js fetches its topojson from cdn.plot.ly for
every choropleth trace, even with the base map hidden, and draws nothing when that fails.)
The colours are text/palette.py's, computed here so that the PDF's map (briefing/pdf_charts.py)
colours an area exactly alike.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ucj_oversight import disclosure, regions
from ucj_oversight.text import fmt, palette
from ucj_oversight.text.labels import t
from ucj_oversight.web import chart_style, charts
from ucj_oversight.web.chart_style import hidden_cells

# The map area (px) at most: 440 px high fits a half page column at 1280 px; a drawing wider
# than tall gets less height. Labels are placed for the narrowest screen (a 375 px phone).
PLOT_HEIGHT = 440
PHONE_WIDTH = 330
LABEL_SIZE = 10  # px
_HALO = ", ".join(f"{dx}px {dy}px 1px #fff" for dx in (-1, 1) for dy in (-1, 1))  # CSS text-shadow


def has_values(df: pd.DataFrame, column: str) -> bool:
    """Is there anything to colour: an area with a value that is shown and above zero? When a
    filter or month leaves nothing (no target, no participant, every cell masked) the page says
    so in a sentence instead of drawing a grey map."""
    hidden = hidden_cells(df, column)
    return any(not h and pd.notna(v) and float(v) > 0 for v, h in zip(df[column], hidden))


def kecamatan_map(
    cak: pd.DataFrame, title: str, lang: str = "id", column: str | None = None, selected: str | None = None
) -> go.Figure:
    """The 12 kecamatan coloured by `column` of figures.cakupan_kecamatan (default
    charts.coverage_column: cakupan semesta when there is a semesta, else capaian kuota), each
    labelled with its name and percentage ('disamarkan' where public mode hides it, '–' without
    a figure); `selected` (a kode_kecamatan) is outlined."""
    column = column or charts.coverage_column(cak)
    hidden = dict(zip(cak["kode_kecamatan"], hidden_cells(cak, column)))
    rows = {r.kode_kecamatan: r for r in cak.itertuples()}
    low, high = palette.coverage_range(v for v, h in zip(cak[column], hidden.values()) if not h)
    masked = disclosure.hidden_text("amount", lang)
    cells = {}
    for area in regions.map_areas("kecamatan"):
        r = rows.get(area.code)
        value = None if r is None or hidden[area.code] or pd.isna(getattr(r, column)) else float(getattr(r, column))
        if r is not None and hidden[area.code]:
            shown, hover = masked, f"{area.name}: {masked}"
        elif value is None:
            shown, hover = fmt.EMPTY, f"{area.name}: {fmt.EMPTY}"
        else:
            shown = fmt.percent(value, 1, lang)
            hover = (
                f"{area.name}: {shown} — {fmt.number(r.peserta_aktif, 0, lang)} / "
                f"{fmt.number(getattr(r, charts._DENOMINATOR[column]), 0, lang)} {t('orang', lang)}"
            )
        cells[area.code] = (value, shown, hover)
    return _area_map(regions.map_areas("kecamatan"), cells, title, lang, (low, high), "%", selected=selected)


def kelurahan_map(kel: pd.DataFrame, kode_kecamatan: str, title: str, lang: str = "id") -> go.Figure:
    """The kelurahan of one kecamatan coloured by peserta_aktif (figures.cakupan_kelurahan: a
    count, as targets are set per kecamatan), labelled with name and count. The row of people
    without a kelurahan has no area: the page names it beside the map."""
    areas = [a for a in regions.map_areas("kelurahan") if a.code.startswith(kode_kecamatan + ".")]
    hidden = hidden_cells(kel, "peserta_aktif")
    rows = {r.kode_kelurahan: (r, h) for r, h in zip(kel.itertuples(), hidden) if pd.notna(r.kode_kelurahan)}
    masked = disclosure.hidden_text("amount", lang)
    people = t("orang", lang)
    cells = {}
    for area in areas:
        r, h = rows.get(area.code, (None, False))
        if h:
            cells[area.code] = (None, masked, f"{area.name}: {masked}")
        elif r is None or pd.isna(r.peserta_aktif):
            cells[area.code] = (None, fmt.EMPTY, f"{area.name}: {fmt.EMPTY}")
        else:
            n = int(r.peserta_aktif)
            cells[area.code] = (float(n), fmt.number(n, 0, lang), f"{area.name}: {fmt.number(n, 0, lang)} {people}")
    shown = [v for v, _, _ in cells.values() if v is not None]
    return _area_map(areas, cells, title, lang, (0.0, max(shown + [1.0])), people)


def _area_map(
    areas,
    cells: dict[str, tuple[float | None, str, str]],
    title: str,
    lang: str,
    value_range: tuple[float, float],
    unit: str,
    selected: str | None = None,
) -> go.Figure:
    """One filled polygon per area (its colour from the scale, grey without a value), a label
    at each area's label point (moved apart where two would overlap), a horizontal colour bar
    below and a legend entry for grey."""
    low, high = value_range
    xs = [x for a in areas for ring in a.rings for x, _ in ring]
    ys = [y for a in areas for ring in a.rings for _, y in ring]
    x_range, y_range = [min(xs) - 0.3, max(xs) + 0.3], [min(ys) - 0.3, max(ys) + 0.3]
    width_km, height_km = x_range[1] - x_range[0], y_range[1] - y_range[0]
    plot_height = min(PLOT_HEIGHT, round(PHONE_WIDTH * 1.3 * height_km / width_km))
    # Pixels per km on the smallest screen: the map is as high as plot_height or as wide as a phone.
    px_per_km = min(plot_height / height_km, PHONE_WIDTH / width_km)
    colours = {
        code: palette.NO_VALUE if value is None else palette.scale_colour(value, low, high)
        for code, (value, _, _) in cells.items()
    }
    fig = go.Figure()
    grey_in_legend = False
    # The selected area last, so that its outline is not covered by its neighbours'.
    for area in sorted(areas, key=lambda a: a.code == selected):
        value, _, hover = cells[area.code]
        xs, ys = _path(area.rings)
        chosen = area.code == selected
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=colours[area.code],
            line={"color": palette.BLACK if chosen else "white", "width": 3 if chosen else 1},
            hoveron="fills",
            text=hover,
            hoverinfo="text",
            name=t("peta_tanpa_angka", lang) if value is None else area.name,
            legendgroup="tanpa" if value is None else None,
            showlegend=value is None and not grey_in_legend,
        )
        grey_in_legend = grey_in_legend or value is None
    texts, sizes = {}, {}
    for area in areas:
        _, shown, _ = cells[area.code]
        lines = _name_lines(area.name)
        name = "<br>".join(f"<b>{n}</b>" if area.code == selected else n for n in lines)
        texts[area.code] = f"{name}<br><b>{shown}</b>"
        # Width of the longest line (~0.6 em a character), height of the lines (1.3 em each).
        longest = max(len(x) for x in [*lines, shown])
        sizes[area.code] = (longest * 0.6 * LABEL_SIZE / px_per_km, (len(lines) + 1) * 1.3 * LABEL_SIZE / px_per_km)
    places = regions.place_labels(areas, sizes)
    fig.add_scatter(
        x=[places[a.code][0] for a in areas],
        y=[places[a.code][1] for a in areas],
        mode="text",
        text=[texts[a.code] for a in areas],
        # Black with a white halo: readable on every colour, also where a label crosses a border.
        textfont={"size": LABEL_SIZE, "color": palette.BLACK, "shadow": _HALO},
        hoverinfo="skip",
        showlegend=False,
    )
    # The colour bar: an invisible marker carrying the scale.
    fig.add_scatter(
        x=[None],
        y=[None],
        mode="markers",
        hoverinfo="skip",
        showlegend=False,
        marker={
            "colorscale": palette.COVERAGE_SCALE,
            "cmin": low,
            "cmax": high,
            "color": [low],
            "showscale": True,
            "colorbar": {
                "title": {"text": unit, "side": "top"},
                "tickformat": ",~g",  # id-ID: 1.000, 12,5
                "orientation": "h",
                "thickness": 10,
                "len": 0.8,
                "x": 0.5,
                "xanchor": "center",
                "y": 0,
                "yanchor": "top",
                "ypad": 4,
            },
        },
    )
    chart_style.layout(fig, title, lang=lang, height=plot_height + 100)
    fig.update_layout(
        hovermode="closest",
        plot_bgcolor="white",
        legend={"orientation": "h", "x": 0, "y": -0.16, "yanchor": "top"},
        margin={"b": 80 if grey_in_legend else 50},
    )
    fig.update_xaxes(visible=False, fixedrange=True, range=x_range)
    fig.update_yaxes(visible=False, fixedrange=True, range=y_range, scaleanchor="x", scaleratio=1)
    return fig


def _path(rings) -> tuple[list, list]:
    """The rings of an area as one x/y path, parts separated by None (each filled by itself)."""
    xs: list = []
    ys: list = []
    for ring in rings:
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [p[0] for p in ring]
        ys += [p[1] for p in ring]
    return xs, ys


def _name_lines(name: str) -> list[str]:
    """A name of two words on two lines ('Bekasi', 'Selatan'), so that its label stays narrow."""
    return name.split(" ", 1) if " " in name and len(name) > 10 else [name]
