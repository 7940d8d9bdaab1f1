"""SIMULATED data generator for the Universal Coverage Jamsostek (UCJ) oversight dashboard of Kota Bekasi.

Everything this package makes is MADE UP (simulated). Not one person, NIK, KPJ number, klaim or
SP2D is real. The aim: give council members and developers example extracts whose shape and size
resemble what BPJS Ketenagakerjaan and the city offices will send, so that the dashboard and the
temuan checks can be tested without personal data (UU 27/2022 PDP).

Why the proportions are what they are (public figures, rounded; see the project's domain docs):

- ~41,000 community workers (RT/RW, kader Posyandu, PKK, Linmas, non-ASN) paid by the APBD since
  January 2025, then the 5 Nov 2025 gelombang adds 11,666 vulnerable workers (ojek, sopir Organda,
  UMKM, PKL, PKH recipients) -> ~54,000 ever registered.
- The iuran paid by the city: JKK Rp 10,000 (1% of the lowest income of Rp 1 million) + JKM
  Rp 6,800 = Rp 16,800 per person per month. The JKM benefit is Rp 42 million per death.
- The population per kecamatan (:mod:`.constants`) is an ESTIMATE (simulated), only used to split
  peserta and sasaran proportionally; the registration reach is uneven on purpose so that the
  dashboard shows lagging kecamatan (e.g. Bantargebang ~55% of its sasaran).
- Deaths ~0.17% of participants a year (not every death is claimed: JKM take-up ~85%) and work
  accidents give some 100-200 klaim a year for ~54,000 people.
- The programme's main risk is planted on purpose: the city pays most monthly tagihan before the
  15th of the month covered, but an APBD-P delay leaves June-September 2026 unpaid for 2-4
  months, so registrations are not protected in August and September 2026 (three invoices in
  a row unpaid), their klaim are refused for the arrears and BPJS reports them NONAKTIF
  (:mod:`.payments`).
- The semesta (all vulnerable workers, ~185,000) is a simulated DTSEN count per kecamatan, so
  that the quota attainment (~85-95%) and the coverage of the semesta (~27%) differ as they do.
- Temuan (invalid NIK, duplicate NIK, iuran outside the cover period, a repeated SP2D number with
  another amount, status against dates, ...) are planted in small fixed numbers, so that every
  check has something to find without dominating the aggregate figures.

All randomness comes from ``numpy.random.default_rng(seed)``; the reference date only from the
``as_of`` parameter (no wall clock), so the output is reproducible byte for byte. Generation is
vectorised (no loop per peserta or per iuran row), so that the scaled mode for the benchmark
(millions of iuran rows) stays fast and light on memory.

Modules: :mod:`.constants` (rates, regions, payment plan, planted counts), :mod:`.model` (the
population and billing), :mod:`.payments` (SP2D, lunas dates, lapses, BPJS status),
:mod:`.claims_budget` (klaim, sasaran, anggaran), :mod:`.writers` (the files in data/sampel and
data/contoh).
"""

from __future__ import annotations

from pathlib import Path

from .constants import DEFAULT_SEED, EXAMPLE_FILE_NAMES, FILE_NAMES, REGIONS_FILE, REKENING_JKK, REKENING_JKM
from .model import simulate
from .writers import write_examples, write_simulated

__all__ = [
    "DEFAULT_SEED",
    "EXAMPLE_FILE_NAMES",
    "FILE_NAMES",
    "REGIONS_FILE",
    "REKENING_JKK",
    "REKENING_JKM",
    "examples_dir",
    "generate",
    "generate_examples",
    "generate_for_iuran_rows",
]


def examples_dir(out_dir: Path) -> Path:
    """The folder of the office-style examples: a sibling of the sample folder (``out_dir/../contoh``)."""
    return Path(out_dir).parent / "contoh"


def generate(
    out_dir: Path,
    *,
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    as_of: str = "2026-10",
    examples: bool = True,
) -> dict[str, Path]:
    """Write the six simulated extracts to ``out_dir`` and return ``{kind: path}``.

    ``scale`` multiplies the number of peserta (and with it the iuran rows, sasaran, klaim and
    budget rupiah). ``as_of`` ("YYYY-MM") is the last month of data. With ``examples`` the small
    office-style example files are also written to ``examples_dir(out_dir)``.
    """
    if scale <= 0:
        raise ValueError("skala harus positif")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sim = simulate(seed=seed, scale=scale, as_of=as_of)
    paths = write_simulated(sim, out_dir)
    if examples:
        write_examples(sim, examples_dir(out_dir), seed=seed)
    return paths


def generate_examples(folder: Path, *, seed: int = DEFAULT_SEED, as_of: str = "2026-10") -> dict[str, Path]:
    """Write only the office-style examples (scale 1) to ``folder``; return ``{kind: path}``."""
    sim = simulate(seed=seed, scale=1.0, as_of=as_of)
    return write_examples(sim, Path(folder), seed=seed)


def generate_for_iuran_rows(
    out_dir: Path,
    n_iuran_rows: int,
    seed: int = DEFAULT_SEED,
    *,
    as_of: str = "2026-10",
    examples: bool = False,
) -> dict[str, Path]:
    """Like :func:`generate`, with the scale chosen so that the iuran file has ~``n_iuran_rows`` rows.

    The number of iuran rows is almost linear in the scale, so one cheap calibration at scale 1
    (without building the rows) is precise enough (well within +/-10%).
    """
    if n_iuran_rows <= 0:
        raise ValueError("n_iuran_rows harus positif")
    rows_per_scale = simulate(seed=seed, scale=1.0, as_of=as_of, count_only=True).n_iuran
    scale = n_iuran_rows / rows_per_scale
    return generate(out_dir, seed=seed, scale=scale, as_of=as_of, examples=examples)
