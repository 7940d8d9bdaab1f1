"""The briefing's charts, as ReportLab vector drawings: the map of Kota Bekasi and the ranking of
coverage by kecamatan, the cumulative budget curve against the pagu, and claims by program.

ReportLab's own graphics: no display, browser, network or font download is needed. Every text
is set in Bitstream Vera Sans (FONT, FONT_BOLD), the TrueType font that ships inside the
reportlab package (reportlab/fonts/, with its licence, bitstream-vera-license.txt), embedded in
the PDF as a subset: a viewer without the font shows the same letters (the standard PDF fonts
are not embedded, and some viewers substitute them badly). Colours are Okabe-Ito
(text/palette.py, the same as the dashboard's charts); numbers are id-ID in both languages
(text/fmt.py).
"""

from __future__ import annotations

from pathlib import Path

import reportlab
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from ucj_oversight import regions
from ucj_oversight.briefing.content import CAKUPAN_GAP_POINTS, phrase, plural_s
from ucj_oversight.text import fmt, labels, palette

# The briefing's font family: Bitstream Vera Sans from reportlab/fonts (see the module docstring).
FONT, FONT_BOLD = "Vera", "Vera-Bold"
_FONT_FILES = {FONT: "Vera.ttf", FONT_BOLD: "VeraBd.ttf", "Vera-Italic": "VeraIt.ttf", "Vera-BoldItalic": "VeraBI.ttf"}
FONT_FOLDER = Path(reportlab.__file__).parent / "fonts"


def register_fonts() -> None:
    """Register the four Vera faces and their family (so that <b> in a Paragraph is Vera-Bold);
    once per process."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_FOLDER / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic="Vera-Italic", boldItalic="Vera-BoldItalic")


register_fonts()


def new_drawing(width: float, height: float) -> Drawing:
    """A Drawing whose starting font is Vera (ReportLab's default, Helvetica, would be written
    into the PDF unembedded although no text uses it)."""
    return Drawing(width, height, initialFontName=FONT)


GREY = colors.HexColor("#5A5A5A")
LIGHT_GREY = colors.HexColor("#F1F4F8")
RULE_COLOUR = colors.HexColor("#C9CED6")
GRID_COLOUR = colors.HexColor("#E3E3E3")
C_BLUE, C_ORANGE, C_GREEN, C_BLACK, C_RED = (
    colors.HexColor(c) for c in (palette.BLUE, palette.ORANGE, palette.GREEN, palette.BLACK, palette.RED)
)


def nice_step(maximum: float, target: int = 5) -> float:
    """A round axis step (1, 2, 2,5 or 5 × 10^k) giving about `target` ticks up to maximum."""
    if maximum <= 0:
        return 1.0
    rough = maximum / target
    power = 10 ** int(f"{rough:e}".split("e")[1])
    for f in (1, 2, 2.5, 5, 10):
        if f * power >= rough:
            return f * power
    return 10 * power


def step_decimals(step: float) -> int:
    """Decimals an axis label needs to show `step` exactly (0, 1 or 2)."""
    return 0 if float(step).is_integer() else (1 if float(step * 10).is_integer() else 2)


def draw_text(
    d: Drawing, x: float, y: float, s: str, size: float = 7, anchor: str = "start", colour=C_BLACK, bold: bool = False
) -> None:
    d.add(
        String(
            x,
            y,
            s,
            fontName=FONT_BOLD if bold else FONT,
            fontSize=size,
            fillColor=colour,
            textAnchor=anchor,
        )
    )


def no_chart(width: float, message: str) -> Drawing:
    """In place of a chart with nothing to draw: one grey line saying why."""
    drawing = new_drawing(width, 24)
    draw_text(drawing, 0, 8, message, 8, colour=GREY)
    return drawing


def cakupan_chart(d: dict, lang: str, width: float, dense: bool = False) -> Drawing:
    """Horizontal bars of cakupan per kecamatan, lowest at the bottom, with the city as a dashed line."""
    cak = (
        d["cakupan_all"].dropna(subset=["capaian_kuota_persen"]).sort_values(["capaian_kuota_persen", "nama_kecamatan"])
    )
    city = d["cakupan_kota"]["capaian_kuota_persen"]
    selected = d["filter"].kecamatan
    n = len(cak)
    if n == 0:
        return no_chart(width, phrase("tanpa_sasaran_grafik", lang))
    height = max(90, (13 if dense else 17) * n + 34)
    drawing = new_drawing(width, height)
    names = [
        r.nama_kecamatan + (f" ({phrase('dipilih', lang)})" if r.kode_kecamatan == selected else "")
        for r in cak.itertuples()
    ]
    left = max(stringWidth(s, FONT, 7.5) for s in names) + 8
    bc = HorizontalBarChart()
    bc.x, bc.y = left, 16
    bc.width, bc.height = width - left - 34, height - 16 - 16
    bc.data = [[float(v) for v in cak["capaian_kuota_persen"]]]
    maximum = max(100.0, float(cak["capaian_kuota_persen"].max()))
    step = 25.0 if maximum <= 150 else nice_step(maximum, 5)
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = step * -(-maximum // step)
    bc.valueAxis.valueStep = step
    bc.valueAxis.labelTextFormat = lambda v: fmt.number(v, lang=lang)
    bc.valueAxis.labels.fontName, bc.valueAxis.labels.fontSize = FONT, 7
    bc.valueAxis.visibleGrid = True
    bc.valueAxis.gridStrokeColor = GRID_COLOUR
    bc.valueAxis.strokeColor = RULE_COLOUR
    bc.categoryAxis.categoryNames = names
    bc.categoryAxis.labels.fontName, bc.categoryAxis.labels.fontSize = FONT, 7.5
    bc.categoryAxis.labels.boxAnchor = "e"
    bc.categoryAxis.labels.dx = -3
    bc.categoryAxis.visibleTicks = False
    bc.categoryAxis.strokeColor = RULE_COLOUR
    bc.barSpacing = 0
    bc.groupSpacing = 3.5
    bc.bars.strokeColor = None
    bc.barLabelFormat = lambda v: fmt.percent(v, lang=lang)
    bc.barLabels.fontName, bc.barLabels.fontSize = FONT, 7
    bc.barLabels.boxAnchor = "w"
    bc.barLabels.dx = 2
    bc.barLabels.boxFillColor = colors.white  # keeps a label readable where the city line crosses it
    bc.barLabels.leftPadding = bc.barLabels.rightPadding = 1
    for i, r in enumerate(cak.itertuples()):
        low = city is not None and r.capaian_kuota_persen < city - CAKUPAN_GAP_POINTS
        bc.bars[(0, i)].fillColor = C_ORANGE if low else C_BLUE
        if r.kode_kecamatan == selected:
            bc.bars[(0, i)].strokeColor = C_BLACK
            bc.bars[(0, i)].strokeWidth = 1.2
    if city is not None:  # behind the bars, like the dashboard's ranking
        x = bc.x + bc.width * city / bc.valueAxis.valueMax
        drawing.add(
            Line(x, bc.y, x, bc.y + bc.height + 3, strokeColor=C_BLACK, strokeWidth=0.9, strokeDashArray=[3, 2])
        )
        draw_text(
            drawing,
            x,
            bc.y + bc.height + 5,
            labels.t("garis_kota", lang, nilai=fmt.percent(city, lang=lang)),
            7.5,
            anchor="middle",
            bold=True,
        )
    drawing.add(bc)
    return drawing


def _legend(drawing: Drawing, x: float, y: float, items: list[tuple], width: float) -> None:
    """Line legend, entries side by side, wrapping to a new row when the width is used up:
    (text, colour, width, dash)."""
    ix, iy = x, y
    for text, colour, line_width, dash in items:
        w = 20 + stringWidth(text, FONT, 7) + 10
        if ix > x and ix + w > x + width:
            ix, iy = x, iy - 10
        drawing.add(
            Line(ix, iy + 2.5, ix + 16, iy + 2.5, strokeColor=colour, strokeWidth=line_width, strokeDashArray=dash)
        )
        draw_text(drawing, ix + 20, iy, text, 7)
        ix += w


def anggaran_chart(d: dict, lang: str, width: float, height: float) -> Drawing:
    """Realisasi kumulatif against the pagu in force and the even-spending path, with the proyeksi."""
    ang, pro, asof = d["anggaran"], d["proyeksi"], d["asof"]
    if ang.empty or float(ang["pagu"].max()) <= 0 and float(ang["realisasi_kumulatif"].max()) <= 0:
        return no_chart(width, labels.t("tanpa_anggaran", lang, tahun=asof.year))
    drawing = new_drawing(width, height)
    months = [int(b[5:7]) for b in ang["bulan"]]
    pagu, cumulative = list(ang["pagu"]), list(ang["realisasi_kumulatif"])
    m = months[-1]
    has_proyeksi = pro["sisa_bulan"] > 0
    divisor, unit = fmt.rupiah_axis(pagu + cumulative + ([pro["proyeksi"]] if has_proyeksi else []), lang)
    # Pagu in force as a step line, held at the current pagu to December.
    steps = []
    for i, (month, p) in enumerate(zip(months, pagu)):
        if i:
            steps.append((month, pagu[i - 1] / divisor))
        steps.append((month, p / divisor))
    if m < 12:
        steps.append((12, pagu[-1] / divisor))
    even = [(month, p * month / 12 / divisor) for month, p in zip(months, pagu)]
    even += [(month, pagu[-1] * month / 12 / divisor) for month in range(m + 1, 13)]
    lines = [
        (steps, C_BLACK, 1.4, None),
        (even, C_ORANGE, 1.2, [4, 2.5]),
        (list(zip(months, (v / divisor for v in cumulative))), C_BLUE, 2.4, None),
    ]
    if has_proyeksi:
        lines.append(([(m, cumulative[-1] / divisor), (12, pro["proyeksi"] / divisor)], C_BLUE, 1.4, [1.5, 2]))
    lp = LinePlot()
    lp.x, lp.y = 30, 46
    lp.width, lp.height = width - lp.x - 8, height - lp.y - 16
    lp.data = [line[0] for line in lines]
    for i, (_, colour, line_width, dash) in enumerate(lines):
        lp.lines[i].strokeColor = colour
        lp.lines[i].strokeWidth = line_width
        if dash:
            lp.lines[i].strokeDashArray = dash
    lp.lines[2].symbol = makeMarker("FilledCircle", size=3.2)
    lp.lines[2].symbol.fillColor = C_BLUE
    lp.lines[2].symbol.strokeColor = C_BLUE
    maximum = max(max(y for _, y in line[0]) for line in lines)
    step = nice_step(maximum, 5)
    decimals = step_decimals(step)
    lp.yValueAxis.valueMin = 0
    lp.yValueAxis.valueMax = step * -(-maximum // step)
    lp.yValueAxis.valueStep = step
    lp.yValueAxis.labelTextFormat = lambda v: fmt.number(v, decimals, lang=lang)
    lp.yValueAxis.labels.fontName, lp.yValueAxis.labels.fontSize = FONT, 7
    lp.yValueAxis.visibleGrid = True
    lp.yValueAxis.gridStrokeColor = GRID_COLOUR
    lp.yValueAxis.strokeColor = RULE_COLOUR
    lp.xValueAxis.valueMin, lp.xValueAxis.valueMax = 0.6, 12.4
    lp.xValueAxis.valueSteps = list(range(1, 13))
    month_names = {b: fmt.month(f"{asof.year}-{b:02d}", lang, short=True).split(" ")[0] for b in range(1, 13)}
    lp.xValueAxis.labelTextFormat = lambda v: month_names.get(int(round(v)), "")
    lp.xValueAxis.labels.fontName, lp.xValueAxis.labels.fontSize = FONT, 6.8
    lp.xValueAxis.strokeColor = RULE_COLOUR
    drawing.add(lp)
    if has_proyeksi:  # an open circle at the projected December total
        drawing.add(
            Circle(
                lp.x + lp.width * (12 - 0.6) / (12.4 - 0.6),
                lp.y + lp.height * pro["proyeksi"] / divisor / lp.yValueAxis.valueMax,
                2.2,
                strokeColor=C_BLUE,
                fillColor=colors.white,
                strokeWidth=1,
            )
        )
    draw_text(drawing, 0, height - 8, unit, 7, colour=GREY)
    items = [
        (labels.t("garis_pagu", lang), C_BLACK, 1.4, None),
        (labels.t("garis_realisasi", lang), C_BLUE, 2.4, None),
        (labels.t("garis_merata", lang), C_ORANGE, 1.2, [4, 2.5]),
    ]
    if has_proyeksi:
        items.append((labels.t("garis_proyeksi", lang), C_BLUE, 1.4, [1.5, 2]))
    _legend(drawing, 2, 20, items, width - 4)
    return drawing


def klaim_chart(d: dict, lang: str, width: float) -> Drawing:
    """Klaim dibayar per program (JKK and JKM always, others when they have claims), labelled Rp · count."""
    kl = d["klaim"]
    kl = kl[(kl["program"].isin(["JKK", "JKM"])) | (kl["jumlah_klaim"] > 0)].reset_index(drop=True)
    n = len(kl)
    if n == 0 or float(kl["nominal_dibayar"].sum()) <= 0:
        return no_chart(width, phrase("tanpa_klaim_grafik", lang))
    height = 22 * n + 12
    drawing = new_drawing(width, height)
    divisor, _ = fmt.rupiah_axis(list(kl["nominal_dibayar"]), lang)
    texts = [
        phrase("klaim_label", lang, rp=fmt.rupiah_short(v, lang), n=fmt.number(j, lang=lang), s=plural_s(j))
        for v, j in zip(kl["nominal_dibayar"], kl["jumlah_klaim"])
    ]
    label_width = max(stringWidth(s, FONT, 7.5) for s in texts) + 6
    bc = HorizontalBarChart()
    bc.x, bc.y = 28, 4
    bc.width, bc.height = max(40, width - bc.x - label_width), height - 8
    values = [float(v) / divisor for v in kl["nominal_dibayar"]]
    # Listed bottom-up: reverse so the first program (JKK) is on top.
    bc.data = [values[::-1]]
    bc.categoryAxis.categoryNames = list(kl["program"])[::-1]
    bc.categoryAxis.labels.fontName, bc.categoryAxis.labels.fontSize = FONT_BOLD, 8
    bc.categoryAxis.labels.boxAnchor, bc.categoryAxis.labels.dx = "e", -3
    bc.categoryAxis.visibleTicks = False
    bc.categoryAxis.strokeColor = RULE_COLOUR
    bc.valueAxis.visible = False
    bc.valueAxis.valueMin, bc.valueAxis.valueMax = 0, max(values) or 1
    bc.bars.strokeColor = None
    bc.groupSpacing = 5
    program_colour = {"JKK": C_ORANGE, "JKM": C_BLUE}
    for i, program in enumerate(list(kl["program"])[::-1]):
        bc.bars[(0, i)].fillColor = program_colour.get(program, C_GREEN)
    bc.barLabelFormat = "values"
    bc.barLabelArray = [texts[::-1]]
    bc.barLabels.fontName, bc.barLabels.fontSize = FONT, 7.5
    bc.barLabels.boxAnchor, bc.barLabels.dx = "w", 3
    drawing.add(bc)
    return drawing


# ------------------------------------------------------------------ the map of Kota Bekasi


def map_column(cak) -> str:
    """The coverage the map colours by, as on the dashboard (web/charts.coverage_column): cakupan
    semesta when any kecamatan has a semesta, else capaian kuota."""
    return "cakupan_semesta_persen" if cak["semesta"].notna().any() else "capaian_kuota_persen"


def cakupan_map(d: dict, lang: str, width: float, height: float) -> Drawing:
    """The 12 kecamatan of Kota Bekasi coloured like the dashboard's map (text/palette.py), each
    labelled with its name and percentage, the chosen kecamatan outlined, and a colour legend
    on the right. North is up; the boundaries are regions.map_areas (km, equal scale)."""
    cak = d["cakupan_all"]
    column = map_column(cak)
    values = {r.kode_kecamatan: getattr(r, column) for r in cak.itertuples()}
    values = {k: (None if v is None or v != v else float(v)) for k, v in values.items()}
    if not any(v for v in values.values()):
        return no_chart(width, phrase("tanpa_sasaran_grafik", lang))
    low, high = palette.coverage_range(values.values())
    areas = regions.map_areas("kecamatan")
    legend_width = 58
    xs = [x for a in areas for ring in a.rings for x, _ in ring]
    ys = [y for a in areas for ring in a.rings for _, y in ring]
    scale = min((width - legend_width - 4) / (max(xs) - min(xs)), (height - 4) / (max(ys) - min(ys)))
    x0, y0 = 2 - min(xs) * scale, 2 - min(ys) * scale

    def point(x: float, y: float) -> tuple[float, float]:
        return x0 + x * scale, y0 + y * scale

    drawing = new_drawing(width, height)
    selected = d["filter"].kecamatan
    for area in sorted(areas, key=lambda a: a.code == selected):  # the outlined one on top
        value = values.get(area.code)
        colour = palette.NO_VALUE if value is None else palette.scale_colour(value, low, high)
        chosen = area.code == selected
        for ring in area.rings:
            drawing.add(
                Polygon(
                    [c for x, y in ring for c in point(x, y)],
                    fillColor=colors.HexColor(colour),
                    strokeColor=C_BLACK if chosen else colors.white,
                    strokeWidth=1.4 if chosen else 0.5,
                )
            )
    _map_labels(drawing, areas, values, selected, scale, point, lang)
    legend_x = point(max(xs), 0)[0] + 10  # right of the map
    _map_legend(drawing, legend_x, height, low, high, any(v is None for v in values.values()), lang)
    return drawing


_NAME_SIZE, _VALUE_SIZE = 5.6, 6.4


def _map_labels(drawing: Drawing, areas, values: dict, selected, scale: float, point, lang: str) -> None:
    """Name and value of each area at its label point (moved apart where two would overlap), on
    a light box so that they read on every colour and across a border."""
    texts, sizes = {}, {}
    for area in areas:
        value = values.get(area.code)
        lines = area.name.split(" ", 1) if " " in area.name and len(area.name) > 10 else [area.name]
        shown = fmt.percent(value, lang=lang)
        name_font = FONT_BOLD if area.code == selected else FONT
        w = max([stringWidth(s, name_font, _NAME_SIZE) for s in lines] + [stringWidth(shown, FONT_BOLD, _VALUE_SIZE)])
        h = len(lines) * _NAME_SIZE * 1.1 + _VALUE_SIZE * 1.15
        texts[area.code] = (lines, shown, name_font, w, h)
        sizes[area.code] = ((w + 3) / scale, (h + 1) / scale)
    places = regions.place_labels(areas, sizes)
    for area in areas:
        lines, shown, name_font, w, h = texts[area.code]
        x, y = point(*places[area.code])
        top = y + h / 2
        drawing.add(
            Rect(
                x - w / 2 - 1.5,
                top - h - 0.5,
                w + 3,
                h + 1,
                rx=1.5,
                ry=1.5,
                fillColor=colors.white,
                fillOpacity=0.7,
                strokeColor=None,
            )
        )
        for i, line in enumerate(lines):
            draw_text(
                drawing,
                x,
                top - (i + 1) * _NAME_SIZE * 1.1 + 1,
                line,
                _NAME_SIZE,
                "middle",
                bold=name_font == FONT_BOLD,
            )
        draw_text(drawing, x, top - h + 1.2, shown, _VALUE_SIZE, "middle", bold=True)


def _map_legend(drawing: Drawing, x: float, height: float, low: float, high: float, grey: bool, lang: str) -> None:
    """A vertical colour scale (low at the bottom) with its unit and ticks, and the grey of an
    area without a figure when the map has one."""
    top, bar_height, steps = height - 14, min(110.0, height - 60), 22
    draw_text(drawing, x, top + 4, "%", 7, colour=GREY, bold=True)
    for i in range(steps):
        v = low + (high - low) * (i + 0.5) / steps
        drawing.add(
            Rect(
                x,
                top - bar_height + i * bar_height / steps,
                9,
                bar_height / steps + 0.2,
                fillColor=colors.HexColor(palette.scale_colour(v, low, high)),
                strokeColor=None,
            )
        )
    tick_step = nice_step(high - low, 4)
    tick = low
    while tick <= high + 1e-9:
        ty = top - bar_height + (tick - low) / (high - low) * bar_height
        drawing.add(Line(x + 9, ty, x + 11.5, ty, strokeColor=GREY, strokeWidth=0.5))
        draw_text(drawing, x + 13, ty - 2.3, fmt.number(tick, step_decimals(tick_step), lang=lang), 6.5, colour=GREY)
        tick += tick_step
    if grey:
        y = top - bar_height - 16
        drawing.add(Rect(x, y, 9, 7, fillColor=colors.HexColor(palette.NO_VALUE), strokeColor=None))
        draw_text(drawing, x + 13, y + 1, labels.t("tanpa_angka", lang), 6.5, colour=GREY)
