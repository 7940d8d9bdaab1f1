"""The chart style guide: the rules every Plotly chart of the dashboard follows, and the helpers
that apply them. web/charts.py and web/maps.py build with these helpers only;
tests/test_chart_style.py checks each rule on the figure every chart function returns.

1. Units in the reader's words. Value axes carry their own tick labels: "50 rb", "1,5 jt",
   "10 M" in Indonesian, "50k", "1.5m", "10bn" in English (the digits from text/fmt.py), never
   Plotly's SI prefixes ("50k", "1.5G") nor two formats in one chart. Full numbers below 10.000.
   Rupiah axes are titled "Rp"; the hover gives the full amount ("Rp 861.285.600").
2. Months as fmt.month writes them ("Okt 2026"), never "2026-01": the month axis is categorical
   with the month names as categories, its tick labels on two lines ("Okt<br>2026"), and at most
   MAX_MONTH_TICKS of them (every 1st, 2nd, 3rd, 6th or 12th month, counted back from the last),
   so that they fit a 375 px phone without rotating (tickangle 0, automargin on every axis).
3. No clipped values. A value label sits beside its bar as an annotation, and the chart's right
   margin (px) is as wide as the longest label, so a label running past the end of the value
   axis still shows, whatever the screen ("102,4%" is never cut). Labels above vertical bars
   get headroom for one line of text in the (fixed) plot height.
4. A reference line (the city figure) is drawn below the bars and every value label has an
   opaque background: the line never runs through a value.
5. One value axis per chart. Two series of different scales are small multiples (panels one
   above the other, sharing the month axis), never a second y-axis laid over the first.
6. No zeros from before the programme: a monthly series starts at its first month with data.
7. Nothing to draw is said in a sentence. A chart without a value to show is an `empty` figure
   that carries the sentence (layout.meta["kosong"]); widgets.chart writes the sentence instead
   of drawing blank axes or a white box. All values hidden by public mode has its own sentence.
8. Hidden values (public mode) are labelled "disamarkan" and placed at the bottom of a ranking,
   never drawn as blank bars at its top.
9. A series that does not exist is not drawn: no JHT row of zeros (the programme pays no JHT).
10. Money short or left over is said in words, "kurang Rp … / bersisa Rp …", never as a signed
    amount ("−Rp 311 juta dibanding pagu").
11. Colours from text/palette.py (Okabe-Ito, shared with the PDF); separators from text/fmt.py.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ucj_oversight.text import fmt
from ucj_oversight.text.labels import t
from ucj_oversight.text.palette import PALETTE

FONT = "Source Sans Pro, Arial, sans-serif"
FONT_SIZE = 13  # px: axis ticks, legend
LABEL_SIZE = 12  # px: value labels
MAX_MONTH_TICKS = 6  # month labels that fit a phone unrotated (two lines, ~30 px each)
MONTH_STEPS = (1, 2, 3, 6, 12)
CHAR_WIDTH = 0.62  # a character's width, in em, for label sizes (digits and lower case; generous)
LABEL_SHIFT = 4  # px between a bar's end and its label
LABEL_PAD = 12  # px of margin beyond the longest label (shift and background)
VALUE_LABEL = "nilai"  # the name of a value label annotation
LABEL_BACKGROUND = "#ffffff"  # opaque: a reference line or gridline never shows through a value
FULL_NUMBERS_BELOW = 10_000  # counts below this are written in full ("2.500", not "2,5 rb")
_UNITS = ((1e12, "unit_triliun"), (1e9, "unit_miliar"), (1e6, "unit_juta"), (1e3, "unit_ribu"))


# ------------------------------------------------------------------ numbers and units


def number(v: float, decimals: int, lang: str) -> str:
    """Digits as text/fmt.py writes them in `lang` (grouping and decimal mark)."""
    return fmt.number(v, decimals, lang)


def separators(lang: str) -> str:
    """Plotly's layout.separators (decimal mark, then grouping) as fmt writes numbers in `lang`."""
    sample = number(1234.5, 1, lang)  # '1.234,5' or '1,234.5'
    return sample[-2] + sample[1]


def _trimmed(v: float, lang: str, max_decimals: int = 2) -> str:
    """v with as few decimals as it needs (at most max_decimals): 2,5 / 10 / 1,25."""
    for decimals in range(max_decimals + 1):
        if abs(round(v, decimals) - v) < 1e-9 * max(1.0, abs(v)):
            return number(v, decimals, lang)
    return number(v, max_decimals, lang)


def unit_for(largest: float, rupiah: bool = False) -> tuple[float, str | None]:
    """The divisor and unit label key for values up to `largest`: counts in full below 10.000,
    Rupiah in rb/jt/M/T from a thousand up."""
    a = abs(largest)
    if not rupiah and a < FULL_NUMBERS_BELOW:
        return 1.0, None
    for limit, key in _UNITS:
        if a >= limit:
            return limit, key
    return 1.0, None


def compact(v: float, lang: str, divisor: float = 0.0, unit: str | None = None, significant: int = 3) -> str:
    """'150 rb', '1,5 jt', '10 M' ('150k', '1.5m', '10bn' in English), with a typographic minus.
    divisor/unit: a fixed scale (one unit for every tick of an axis); else chosen from v."""
    if fmt.is_empty(v):
        return fmt.EMPTY
    v = float(v)
    if not divisor:
        divisor, unit = unit_for(v, rupiah=True)
    scaled = abs(v) / divisor
    if significant:
        digits = max(0, significant - 1 - math.floor(math.log10(scaled))) if scaled >= 1 else 2
        scaled = round(scaled, min(2, digits))
    text = _trimmed(scaled, lang)
    text = t(unit, lang, n=text) if unit else text
    return ("−" if v < 0 and scaled else "") + text


def rupiah_label(v: float, lang: str) -> str:
    """A value label of Rupiah beside a bar: 'Rp 803 jt', 'Rp 68,3 jt', 'Rp 16.800'."""
    if fmt.is_empty(v):
        return fmt.EMPTY
    if abs(v) < 1e6:
        return ("−" if v < 0 else "") + "Rp " + number(abs(round(v)), 0, lang)
    text = compact(abs(v), lang)
    return ("−" if v < 0 else "") + "Rp " + text


def shortfall(selisih: float, lang: str) -> str:
    """A projection against the allocation in words, as the Anggaran card says it: 'kurang Rp 598
    juta dari pagu' / 'bersisa Rp 1,2 miliar dari pagu' (selisih = pagu − projection)."""
    key = "pagu_kurang" if selisih < 0 else "pagu_bersisa"
    return t(key, lang, rp=fmt.rupiah_short(abs(selisih), lang))


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round tick values (1, 2, 2,5 or 5 × 10^k apart) from at most `low` to at
    least `high`; always including 0 when the range spans it."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        high = low + 1.0
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude * (1 + 1e-9))
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def value_axis(
    fig: go.Figure,
    values: Sequence[float],
    lang: str,
    *,
    axis: str = "yaxis",
    rupiah: bool = False,
    reach: float | None = None,
    title: str | None = None,
    count: int = 5,
) -> list[float]:
    """Tick values and texts of a value axis in the reader's units (rule 1), over the values
    (and `reach`, how far labels need the axis to go), never rotated: about `count` ticks (a
    horizontal axis of a bar chart on a phone has room for three or four). Returns the ticks."""
    known = [float(v) for v in values if v is not None and not pd.isna(v)]
    high = max(known + [reach or 0.0, 0.0])
    low = min(known + [0.0])
    ticks = nice_ticks(low, high if high > 0 or low < 0 else 1.0, count)
    divisor, unit = unit_for(max(abs(ticks[0]), abs(ticks[-1])), rupiah)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else divisor
    if unit and step < divisor / 2:  # '200 jt … 1.000 jt', not '0,2 M … 1 M'
        divisor, unit = unit_for(step, rupiah)
    # A small negative part (exits below zero) gets room, not a whole step: −177 on an axis up to
    # 40 rb is drawn down to about −2 rb, and the −10 rb tick is left out.
    bottom = max(ticks[0], low - 0.05 * (high - low)) if low < 0 else ticks[0]
    # The axis ends at the next round tick when that is close (within 15 %), else a little above
    # the largest value (the next tick can be half a step further): labels past the end sit in
    # the margin (bar_labels).
    above = min((v for v in ticks if v >= high), default=ticks[-1])
    top = max(above if above <= high * 1.15 else high * 1.04, reach or 0.0) if high > 0 else ticks[-1]
    ticks = [v for v in ticks if bottom <= v <= top * (1 + 1e-9)]
    texts = [compact(v, lang, divisor, unit, significant=0) if v else "0" for v in ticks]
    settings = {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": texts,
        "range": [bottom, top],
        "tickangle": 0,
        "automargin": True,
    }
    if title is not None:
        settings["title"] = {"text": title}
    fig.update_layout({axis: settings})
    return ticks


def label_width_px(text: str, size: int = LABEL_SIZE) -> float:
    """The width of a one-line label (px), estimated: CHAR_WIDTH em a character."""
    return len(text) * CHAR_WIDTH * size


# ------------------------------------------------------------------ months


def month_names(months: Sequence[str], lang: str) -> list[str]:
    """The categories of a month axis: 'Okt 2026' (fmt.month, short)."""
    return [fmt.month(m, lang, short=True) for m in months]


def month_axis(fig: go.Figure, months: Sequence[str], lang: str, axis: str = "xaxis") -> None:
    """A categorical month axis (rule 2): every month a category, at most MAX_MONTH_TICKS
    labels counted back from the last month, each on two lines, never rotated."""
    names = month_names(months, lang)
    step = next((s for s in MONTH_STEPS if math.ceil(len(names) / s) <= MAX_MONTH_TICKS), 12)
    shown = names[::-1][::step][::-1]
    fig.update_layout(
        {
            axis: {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": names,
                "tickmode": "array",
                "tickvals": shown,
                "ticktext": [n.replace(" ", "<br>") for n in shown],
                "tickangle": 0,
                "automargin": True,
            }
        }
    )


def from_first_data(df: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Rows from the first one where any of `columns` is non-zero (rule 6)."""
    has = df[list(columns)].fillna(0).ne(0).any(axis=1)
    if not has.any():
        return df.iloc[0:0]
    return df.loc[has.idxmax() :]


# ------------------------------------------------------------------ layout and labels


def wrap(text: str, width: int = 42) -> str:
    """Break a long text into lines: Plotly does not wrap, and a phone is ~40 characters wide."""
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


def layout(
    fig: go.Figure, title: str, *, lang: str = "id", y_title: str = "", x_title: str = "", height: int = 380
) -> go.Figure:
    """Title with its period (wrapped for a phone), fonts, separators of `lang`, white plot,
    horizontal legend below, automargin on both axes."""
    title = wrap(title)
    lines = title.count("<br>") + 1
    right = max(10, fig.layout.margin.r or 0)  # bar_labels may have made room for its labels
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        separators=separators(lang),
        height=height + 18 * (lines - 1),
        colorway=PALETTE,
        margin={"l": 10, "r": right, "t": 40 + 20 * lines, "b": 10},
        # At the foot of the figure (not at a fraction of the plot's height, where it covered
        # two-line month labels): Plotly makes room for it above.
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        font={"family": FONT, "size": FONT_SIZE},
        plot_bgcolor="white",
        hovermode="x unified",
    )
    fig.update_xaxes(title_text=x_title, showgrid=False, automargin=True)
    fig.update_yaxes(title_text=y_title, gridcolor="#e5e5e5", automargin=True)
    return fig


def bar_labels(fig: go.Figure, names: Sequence[str], values: Sequence[float], texts: Sequence[str]) -> None:
    """Value labels of a horizontal bar chart (rules 3 and 4): an annotation just past each bar's
    end, on an opaque background, drawn above everything (a reference line included). The right
    margin (px) holds the longest label, so that a label past the axis's end is never cut, on a
    phone as on a projector; the value axis ends at its last tick above the longest bar."""
    fig.update_layout(margin={"r": round(max((label_width_px(x) for x in texts), default=0) + LABEL_PAD)})
    for name, v, text in zip(names, values, texts):
        fig.add_annotation(
            x=0.0 if v is None or pd.isna(v) else float(v),
            y=name,
            text=text,
            name=VALUE_LABEL,
            showarrow=False,
            xanchor="left",
            xshift=LABEL_SHIFT,
            bgcolor=LABEL_BACKGROUND,
            borderpad=1,
            font={"size": LABEL_SIZE},
        )


def hidden_cells(df: pd.DataFrame, column: str) -> list[bool]:
    """Per row: is `column` hidden by public mode's disclosure control (page.figure keeps the
    mask in df.attrs['sdc_mask'])? All False for an unmasked table."""
    mask = df.attrs.get("sdc_mask")
    if mask is None or column not in mask.columns or len(mask) != len(df):
        return [False] * len(df)
    return [bool(v) for v in mask[column]]


# ------------------------------------------------------------------ nothing to draw


def empty(title: str, lang: str, hidden: bool = False) -> go.Figure:
    """The figure of a chart with nothing to draw (rule 7): no axes, the sentence as its only
    text, and the sentence in layout.meta['kosong'] for widgets.chart to write instead."""
    sentence = t("grafik_disamarkan" if hidden else "grafik_kosong", lang, judul=title.replace("<br>", " "))
    fig = go.Figure()
    fig.add_annotation(
        text=wrap(sentence.replace("**", ""), 60), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_layout(
        meta={"kosong": sentence},
        height=160,
        separators=separators(lang),
        font={"family": FONT, "size": FONT_SIZE},
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def empty_sentence(fig: go.Figure) -> str | None:
    """The sentence of an `empty` figure, None for a chart with something to draw."""
    meta = fig.layout.meta
    return meta.get("kosong") if isinstance(meta, dict) else None


# ------------------------------------------------------------------ the projector


def for_projector(fig: go.Figure, height: int, scale: float) -> go.Figure:
    """The same chart for the presentation view: `height` px high, every font `scale` times
    its dashboard size (annotations included), so that it reads from the back of a room."""
    size = round(FONT_SIZE * scale)
    fig.update_layout(
        height=height,
        font={"size": size},
        title={"font": {"size": round(17 * scale)}},
        legend={"font": {"size": size}},
        margin={"t": round((fig.layout.margin.t or 60) * scale), "r": round((fig.layout.margin.r or 10) * scale)},
    )
    # Streamlit's chart theme sets the tick and axis-title fonts itself: set them here too.
    fig.update_xaxes(tickfont={"size": size}, title_font={"size": size})
    fig.update_yaxes(tickfont={"size": size}, title_font={"size": size})
    for annotation in fig.layout.annotations:
        annotation.font.size = round((annotation.font.size or FONT_SIZE) * scale)
    return fig
