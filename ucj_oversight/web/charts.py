"""Chart builders (Plotly): one function per chart, for the pages and the presentation view.

Every chart follows the style guide in web/chart_style.py (units in words, month names, no
clipped values, one value axis, a sentence instead of an empty chart, hidden values labelled),
which tests/test_chart_style.py checks on each function's figure. Colours are the Okabe-Ito
palette of text/palette.py, shared with the briefing's ReportLab charts. The maps of Kota Bekasi
are in web/maps.py.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ucj_oversight.text import fmt
from ucj_oversight.text.labels import t
from ucj_oversight.text.palette import BLACK, BLUE, GREEN, NO_VALUE, ORANGE, RED
from ucj_oversight.web import chart_style as style

NAME_WIDTH = 22  # characters of a bar's name per line (a phone leaves ~150 px for the names)
HORIZONTAL_TICKS = 3  # about three ticks under horizontal bars: a phone leaves ~150 px for them


def coverage_column(cak: pd.DataFrame) -> str:
    """The coverage a map colours by: cakupan semesta when any kecamatan has a semesta, else
    capaian kuota (the page's title says which: a quota figure is never shown as coverage)."""
    has_semesta = "semesta" in cak.columns and bool(cak["semesta"].notna().any())
    return "cakupan_semesta_persen" if has_semesta else "capaian_kuota_persen"


# The denominator of each coverage figure (for hover texts).
_DENOMINATOR = {"cakupan_semesta_persen": "semesta", "capaian_kuota_persen": "sasaran"}


def _ranked_bars(
    fig: go.Figure,
    names: list[str],
    values: list,
    hidden: list[bool],
    texts: list[str],
    hovers: list[str],
    colours: list[str],
) -> tuple[list[float], list[str]]:
    """Horizontal bars ranked largest on top; hidden values (and values there are none of)
    at the bottom with their label (style rules 3, 4, 8). Returns the drawn values and their labels."""
    rows = list(zip(names, values, hidden, texts, hovers, colours))
    without = [r for r in rows if r[2] or pd.isna(r[1])]
    shown = sorted((r for r in rows if not (r[2] or pd.isna(r[1]))), key=lambda r: r[1])
    fig.add_bar(
        x=[r[1] for r in shown],
        y=[r[0] for r in shown],
        orientation="h",
        marker_color=[r[5] for r in shown],
        hovertext=[r[4] for r in shown],
        hoverinfo="text",
        showlegend=False,
    )
    if without:
        # Zero-length bars, so that their rows exist at the bottom of the ranking.
        fig.add_bar(
            x=[0.0] * len(without),
            y=[r[0] for r in without],
            orientation="h",
            marker_color=NO_VALUE,
            hovertext=[r[4] for r in without],
            hoverinfo="text",
            showlegend=False,
        )
    order = [r[0] for r in without] + [r[0] for r in shown]
    style.bar_labels(
        fig,
        order,
        [None] * len(without) + [r[1] for r in shown],
        [r[3] for r in without] + [r[3] for r in shown],
    )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, automargin=True)
    return [r[1] for r in shown], [r[3] for r in shown]


def ranking_bar(
    cak: pd.DataFrame, city: float | None, title: str, lang: str = "id", column: str = "capaian_kuota_persen"
) -> go.Figure:
    """Kecamatan by a coverage figure (`column`: capaian_kuota_persen or cakupan_semesta_persen),
    highest on top; orange more than 10 points below the city's (dashed line, drawn below the
    bars and labels). Hidden kecamatan ('disamarkan') and those without a figure at the bottom."""
    hidden = style.hidden_cells(cak, column)
    if not any(not h and pd.notna(v) for v, h in zip(cak[column], hidden)):
        return style.empty(title, lang, hidden=any(hidden))
    masked, none = t("disamarkan", lang), t("tanpa_angka", lang)
    texts, hovers = [], []
    for r, h in zip(cak.itertuples(), hidden):
        value = getattr(r, column)
        text = masked if h else none if pd.isna(value) else fmt.percent(value, 1, lang)
        texts.append(text)
        hovers.append(
            f"{r.nama_kecamatan}: {text}"
            if h or pd.isna(value)
            else f"{r.nama_kecamatan}: {text} — {fmt.number(r.peserta_aktif, 0, lang)} / "
            f"{fmt.number(getattr(r, _DENOMINATOR[column]), 0, lang)} {t('orang', lang)}"
        )
    colours = [ORANGE if city is not None and pd.notna(v) and v < city - 10 else BLUE for v in cak[column]]
    fig = go.Figure()
    names = list(cak["nama_kecamatan"])
    values, _ = _ranked_bars(fig, names, list(cak[column]), hidden, texts, hovers, colours)
    if city is not None and pd.notna(city):
        fig.add_vline(
            x=city,
            line_dash="dash",
            line_color=BLACK,
            layer="below",
            annotation_text=t("garis_kota", lang, nilai=fmt.percent(city, 1, lang)),
            annotation_position="top",
        )
    x_title = t("kolom_cakupan_semesta" if column == "cakupan_semesta_persen" else "kolom_capaian_kuota", lang)
    style.layout(fig, title, lang=lang, height=max(360, 30 * len(names) + 130))
    fig.update_layout(hovermode="closest")
    style.value_axis(fig, values + [city or 0.0], lang, axis="xaxis", title=x_title, count=HORIZONTAL_TICKS)
    return fig


def simple_bar(
    x,
    y,
    title: str,
    y_title: str,
    x_title: str = "",
    horizontal: bool = True,
    colour: str = BLUE,
    text=None,
    rupiah: bool = False,
    lang: str = "id",
) -> go.Figure:
    """Bars of a count or (rupiah=True) an amount per name, each labelled with its value
    (`text`, else the number or 'Rp 803 jt'); horizontal: ranked, largest on top. A missing
    value (NaN: hidden in public mode) is a 'disamarkan' row at the bottom."""
    names = [style.wrap(n, NAME_WIDTH) for n in x]
    values = [None if v is None or pd.isna(v) else float(v) for v in y]
    if not any(v for v in values if v is not None):
        return style.empty(title, lang, hidden=any(v is None for v in values))
    masked = t("disamarkan", lang)
    if text is None:
        text = [style.rupiah_label(v, lang) if rupiah else fmt.number(v, 0, lang) for v in values]
    texts = [masked if v is None else str(s) for v, s in zip(values, text)]
    hovers = [
        f"{n.replace('<br>', ' ')}: " + (masked if v is None else fmt.rupiah(v, lang) if rupiah else s)
        for n, v, s in zip(names, values, texts)
    ]
    fig = go.Figure()
    if horizontal:
        hidden = [v is None for v in values]
        shown, _ = _ranked_bars(fig, names, values, hidden, texts, hovers, [colour] * len(names))
        style.layout(fig, title, lang=lang, height=max(340, 30 * len(names) + 120))
        axis_title = t("rp", lang) if rupiah else y_title
        style.value_axis(fig, shown, lang, axis="xaxis", rupiah=rupiah, title=axis_title, count=HORIZONTAL_TICKS)
    else:
        fig.add_bar(x=names, y=values, marker_color=colour, text=texts, textposition="outside", hovertext=hovers)
        fig.update_traces(hoverinfo="text", cliponaxis=False)
        style.layout(fig, title, lang=lang, x_title=x_title)
        top = max(v for v in values if v is not None)
        style.value_axis(fig, values, lang, rupiah=rupiah, reach=top * 1.15, title=y_title)
    fig.update_layout(hovermode="closest")
    return fig


def tren_peserta(tren: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    """Active registrations per month, and below it (same months, own axis) new enrolments
    and exits: small multiples, not two y-axes over each other. From the first month with data."""
    d = style.from_first_data(tren, ["registrasi_aktif", "baru", "keluar"])
    if d.empty:
        return style.empty(title, lang)
    months = list(d["bulan"])
    x = style.month_names(months, lang)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.16,
        subplot_titles=(t("tren_aktif", lang), t("tren_baru_keluar", lang)),
    )
    people = t("orang", lang)
    fig.add_scatter(
        x=x,
        y=list(d["registrasi_aktif"]),
        name=t("tren_aktif", lang),
        mode="lines+markers",
        line={"color": BLUE, "width": 3},
        customdata=[f"{fmt.number(v, 0, lang)} {people}" for v in d["registrasi_aktif"]],
        hovertemplate="%{customdata}",
        showlegend=False,
        row=1,
        col=1,
    )
    for column, sign, colour in (("baru", 1, GREEN), ("keluar", -1, RED)):
        fig.add_bar(
            x=x,
            y=[sign * v for v in d[column]],
            name=t(f"tren_{column}", lang),
            marker_color=colour,
            customdata=[fmt.number(v, 0, lang) for v in d[column]],
            hovertemplate="%{customdata}",
            row=2,
            col=1,
        )
    for annotation in fig.layout.annotations:  # the panel titles, left-aligned like the chart title
        annotation.update(x=0, xanchor="left", font={"size": style.FONT_SIZE})
    style.layout(fig, title, lang=lang, height=480)
    # Room between the chart's title and the first panel's title.
    fig.update_layout(barmode="relative", margin={"t": fig.layout.margin.t + 16})
    style.month_axis(fig, months, lang, "xaxis")
    style.month_axis(fig, months, lang, "xaxis2")
    style.value_axis(fig, list(d["registrasi_aktif"]), lang, axis="yaxis")
    style.value_axis(fig, list(d["baru"]) + [-v for v in d["keluar"]], lang, axis="yaxis2")
    return fig


def cumulative_anggaran(ang: pd.DataFrame, proyeksi: dict | None, title: str, lang: str = "id") -> go.Figure:
    """The year's allocation in force, the even-spending path, cumulative SP2D and (dotted) the
    year-end projection, named with what it leaves: 'kurang Rp …' or 'bersisa Rp …'."""
    ang = style.from_first_data(ang, ["pagu", "realisasi_kumulatif"])
    if ang.empty:
        return style.empty(title, lang)
    months = list(ang["bulan"])
    year, n = months[-1][:4], len(months)
    has_proyeksi = bool(proyeksi and proyeksi.get("sisa_bulan", 0) > 0)
    axis_months = months + ([f"{year}-{m:02d}" for m in range(int(months[-1][5:7]) + 1, 13)] if has_proyeksi else [])
    x = style.month_names(axis_months, lang)
    pagu = list(ang["pagu"]) + [ang["pagu"].iloc[-1]] * (len(axis_months) - n)

    def line(y, name, **kw):
        fig.add_scatter(
            x=x[: len(y)],
            y=y,
            name=name,
            customdata=[fmt.rupiah(v, lang) for v in y],
            hovertemplate="%{customdata}",
            **kw,
        )

    fig = go.Figure()
    line(pagu, t("garis_pagu", lang), mode="lines", line={"color": BLACK, "width": 2, "shape": "hv"})
    line(
        [p * int(m[5:7]) / 12 for p, m in zip(pagu, axis_months)],
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
    top = max(pagu + list(ang["realisasi_kumulatif"]))
    if has_proyeksi:
        y = [float(ang["realisasi_kumulatif"].iloc[-1]), float(proyeksi["proyeksi"])]
        fig.add_scatter(
            x=[x[n - 1], x[-1]],
            y=y,
            name=t("garis_proyeksi", lang) + ": " + style.shortfall(proyeksi["pagu"] - proyeksi["proyeksi"], lang),
            mode="lines+markers",
            line={"color": BLUE, "dash": "dot", "width": 2},
            customdata=[fmt.rupiah(v, lang) for v in y],
            hovertemplate="%{customdata}",
        )
        fig.add_annotation(
            x=x[-1],
            y=y[1],
            text=style.rupiah_label(y[1], lang),
            showarrow=False,
            xanchor="right",
            yanchor="bottom",
            yshift=6,
            bgcolor=style.LABEL_BACKGROUND,
            font={"size": style.LABEL_SIZE, "color": BLUE},
        )
        top = max(top, y[1])
    style.layout(fig, title, lang=lang, height=400)
    style.month_axis(fig, axis_months, lang)
    style.value_axis(fig, [top], lang, rupiah=True, reach=top * 1.12, title=t("rp", lang))
    return fig


def sp2d_bulanan(ang: pd.DataFrame, title: str, lang: str = "id", colour: str = BLUE) -> go.Figure:
    """SP2D paid per month of the year (a month without SP2D is a real zero: kept), from the
    first month with an allocation or a payment."""
    ang = style.from_first_data(ang, ["pagu", "realisasi_bulan"])
    if ang.empty or not ang["realisasi_bulan"].fillna(0).any():
        return style.empty(title, lang)
    months, values = list(ang["bulan"]), list(ang["realisasi_bulan"])
    fig = go.Figure(
        go.Bar(
            x=style.month_names(months, lang),
            y=values,
            marker_color=colour,
            customdata=[fmt.rupiah(v, lang) for v in values],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    style.layout(fig, title, lang=lang)
    style.month_axis(fig, months, lang)
    style.value_axis(fig, values, lang, rupiah=True, title=t("rp", lang))
    return fig


def rekonsiliasi(rek: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    """The differences, not the three near-equal totals: billed − expected per month (over- or
    under-billing), and paid − billed where the payment is known."""
    rek = style.from_first_data(rek, ["iuran_seharusnya", "iuran_ditagih"])
    if rek.empty:
        return style.empty(title, lang)
    months = list(rek["bulan"])
    x = style.month_names(months, lang)
    billed = [float(v) for v in rek["selisih"]]
    paid = (
        [(d - b) if d == d else None for d, b in zip(rek["iuran_dibayar"], rek["iuran_ditagih"])]
        if rek["iuran_dibayar"].notna().any()
        else []
    )
    if paid and rek["iuran_dibayar"].iloc[-1] == 0:
        paid[-1] = None  # the latest bill is normally paid next month: not yet a difference
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=billed,
        name=t("rekon_selisih_tagih", lang),
        marker_color=[RED if v > 0 else BLUE for v in billed],
        customdata=[fmt.rupiah(v, lang) for v in billed],
        hovertemplate="%{customdata}",
    )
    if paid:
        fig.add_scatter(
            x=x,
            y=paid,
            name=t("rekon_selisih_bayar", lang),
            mode="lines+markers",
            line={"color": ORANGE, "width": 2},
            customdata=[fmt.rupiah(v, lang) for v in paid],
            hovertemplate="%{customdata}",
        )
    style.layout(fig, title, lang=lang)
    style.month_axis(fig, months, lang)
    style.value_axis(fig, billed + [v for v in paid if v is not None], lang, rupiah=True, title=t("rp", lang))
    fig.update_yaxes(zeroline=True, zerolinecolor=BLACK)
    return fig


def klaim_bulanan(kb: pd.DataFrame, all_months: list[str], title: str, lang: str = "id") -> go.Figure:
    """Claims paid per month, stacked by programme; JHT only when there are JHT claims (the
    programme pays JKK and JKM). A month whose amount public mode hides is marked 'disamarkan'."""
    if not kb["nominal_dibayar"].fillna(0).any():  # no claim paid, or every amount hidden
        return style.empty(title, lang, hidden=bool(kb["nominal_dibayar"].isna().any()))
    fig = go.Figure()
    x = style.month_names(all_months, lang)
    totals = pd.Series(0.0, index=all_months)
    masked_months: set[str] = set()
    for program, colour in (("JKK", ORANGE), ("JKM", BLUE), ("JHT", GREEN)):
        rows = kb[kb["program"] == program].set_index("bulan")
        if program == "JHT" and not rows["jumlah_klaim"].fillna(1).any():
            continue
        d = rows.reindex(all_months)
        # A month with no row had no claims (0); a row whose value is missing was hidden in
        # public mode: no bar, a 'disamarkan' mark.
        no_row = ~pd.Index(all_months).isin(rows.index)
        values = d["nominal_dibayar"].where(~no_row, 0.0)
        masked_months |= {m for m, v in zip(all_months, values) if pd.isna(v)}
        totals = totals.add(values.fillna(0.0).set_axis(all_months))
        fig.add_bar(
            x=x,
            y=list(values),
            name=program,
            marker_color=colour,
            customdata=[
                t("disamarkan", lang)
                if pd.isna(v)
                else f"{fmt.rupiah(v, lang)} ({t('klaim_n', lang, n=fmt.number(n, 0, lang))})"
                for v, n in zip(values, d["jumlah_klaim"].where(~no_row, 0))
            ],
            hovertemplate="%{customdata}",
        )
    if masked_months:
        fig.add_scatter(
            x=[xm for xm, m in zip(x, all_months) if m in masked_months],
            y=[0.0] * len(masked_months),
            mode="markers",
            marker={"symbol": "x-thin", "size": 10, "line": {"width": 2, "color": "#777777"}},
            name=t("disamarkan_klaim", lang),
            hovertemplate=t("disamarkan", lang) + "<extra></extra>",
        )
    style.layout(fig, title, lang=lang)
    fig.update_layout(barmode="stack")
    style.month_axis(fig, all_months, lang)
    style.value_axis(fig, list(totals), lang, rupiah=True, title=t("rp", lang))
    return fig


def hari_terlambat(ktp: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    """Days late per billing month (figures.ketepatan_bayar): a labelled bar per month, orange
    when paid in full late, red while still unpaid (days past due at the month shown), a green
    mark when paid on time; the hover gives due date, date paid and arrears."""
    ktp = style.from_first_data(ktp, ["ditagih"])
    if ktp.empty:
        return style.empty(title, lang)
    months = list(ktp["bulan"])
    x = style.month_names(months, lang)
    unpaid = ktp["tgl_lunas"].isna()
    days = [0 if pd.isna(v) else int(v) for v in ktp["hari_terlambat"]]
    hover = [
        f"{t('kolom_jatuh_tempo', lang)}: {fmt.date(due, lang)}<br>"
        + (
            f"{t('kolom_tgl_lunas', lang)}: {fmt.date(paid, lang)}"
            if isinstance(paid, str)
            else f"{t('kolom_tunggakan', lang)}: {fmt.rupiah(owed, lang)}"
        )
        for due, paid, owed in zip(ktp["jatuh_tempo"], ktp["tgl_lunas"], ktp["tunggakan"])
    ]
    unit = t("hari", lang)
    fig = go.Figure()
    for name, mask, colour in (
        (t("ketepatan_lunas", lang), [not u and d > 0 for u, d in zip(unpaid, days)], ORANGE),
        (t("ketepatan_belum", lang), list(unpaid), RED),
    ):
        fig.add_bar(
            x=[v for v, m in zip(x, mask) if m],
            y=[d for d, m in zip(days, mask) if m],
            name=name,
            marker_color=colour,
            text=[f"{d}" for d, m in zip(days, mask) if m],
            textposition="outside",
            cliponaxis=False,
            constraintext="none",  # the same size over every bar, not shrunk to a bar's width
            customdata=[h for h, m in zip(hover, mask) if m],
            hovertemplate="%{y} " + unit + "<br>%{customdata}<extra></extra>",
        )
    on_time = [not u and d == 0 for u, d in zip(unpaid, days)]
    if any(on_time):
        fig.add_scatter(
            x=[v for v, m in zip(x, on_time) if m],
            y=[0] * sum(on_time),
            mode="markers",
            marker={"symbol": "circle", "size": 9, "color": GREEN},
            name=t("tepat_waktu", lang),
            customdata=[h for h, m in zip(hover, on_time) if m],
            hovertemplate=t("tepat_waktu", lang) + "<br>%{customdata}<extra></extra>",
        )
    style.layout(fig, title, lang=lang, y_title=unit)
    fig.update_layout(hovermode="closest")
    style.month_axis(fig, months, lang)
    top = max(days + [1])
    # The labels sit above their bars: room for one line of text over the tallest (plot ~240 px
    # of the chart's 380).
    style.value_axis(fig, days, lang, reach=top / (1 - 28 / 240), title=unit)
    return fig
