"""Small helpers shared by the simulation steps."""

from __future__ import annotations

import numpy as np


def planted_count(n: int, scale: float) -> int:
    """The number of planted temuan at a scale; at least one, so that every kind shows up."""
    return max(1, int(round(n * scale)))


def month_end(d: np.ndarray) -> np.ndarray:
    """The last day of each date's month."""
    return (d.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
