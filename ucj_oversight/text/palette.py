"""The colours of every chart, on screen (web/charts.py, Plotly) and on paper (briefing, ReportLab).

Okabe & Ito (2008), "Color Universal Design": the colours stay distinguishable for the common
forms of colour blindness. Hex strings only, so that both drawing libraries can use them.
"""

from __future__ import annotations

BLUE, ORANGE, GREEN, SKY_BLUE, RED, PURPLE, YELLOW, BLACK = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#56B4E9",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#000000",
)
PALETTE = [BLUE, ORANGE, GREEN, RED, PURPLE, SKY_BLUE, YELLOW, BLACK]
# Sequential scale for coverage: light to dark blue (single hue: safe for colour blindness and
# readable in greyscale print).
COVERAGE_SCALE = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]
NO_VALUE = "#E6E6E6"  # a map area without a figure (no target, or masked in public mode)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def scale_colour(value: float, low: float, high: float, scale=COVERAGE_SCALE) -> str:
    """The colour of `value` on a sequential scale from `low` to `high` (clipped), interpolated
    linearly in RGB between the scale's stops, as Plotly does: the dashboard's map and the PDF's
    map colour an area alike."""
    f = 0.0 if high <= low else min(1.0, max(0.0, (value - low) / (high - low)))
    for (f0, c0), (f1, c1) in zip(scale, scale[1:]):
        if f <= f1:
            t = 0.0 if f1 == f0 else (f - f0) / (f1 - f0)
            rgb = [round(a + (b - a) * t) for a, b in zip(_rgb(c0), _rgb(c1))]
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return scale[-1][1]


def coverage_range(values) -> tuple[float, float]:
    """The colour range of a coverage map (dashboard and PDF): from the tens below the lowest
    value (at most 50) to the tens above the highest, so that the differences between areas show
    (their labels give the values): 12-39 % is coloured over 10-40, not 10-100. Empty values
    (None, NaN) are left out; (0, 100) when there is none."""
    known = [float(v) for v in values if v is not None and v == v]
    if not known:
        return 0.0, 100.0
    low = float(min(50.0, (min(known) // 10) * 10))
    return low, max(low + 10.0, float(-(-max(known) // 10) * 10))
