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
