"""Writing the simulated extracts (data/sampel) and the small office-style examples (data/contoh).

The examples use the formats offices send: ``;``-separated CSV with Windows line ends, Indonesian
money (``1.234.567,00``, ``Rp 16.800``) and dates (``dd/mm/yyyy``), kecamatan spelled in several
ways, and an XLSX peserta list mixing Excel date cells and date text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import layouts
from .constants import (
    EXAMPLE_FILE_NAMES,
    FILE_NAMES,
    FIRST_NAMES_L,
    FIRST_NAMES_P,
    KECAMATAN_SPELLINGS,
    LAST_NAMES_L,
    LAST_NAMES_P,
    STATUS_AKTIF,
    STATUS_NONAKTIF,
)
from .model import Simulation


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    out = df.copy()
    for name in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.strftime("%Y-%m-%d")  # NaT -> empty
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def write_simulated(sim: Simulation, out_dir: Path) -> dict[str, Path]:
    """Write the six simulated extracts (Parquet and CSV) to ``out_dir``; ``{kind: path}``."""
    paths = {kind: out_dir / name for kind, name in FILE_NAMES.items()}
    pq.write_table(sim.peserta, paths["peserta"], compression="zstd")
    pq.write_table(sim.iuran, paths["iuran"], compression="zstd", row_group_size=1_000_000)
    for kind in ("sasaran", "anggaran", "realisasi", "klaim"):
        _write_csv(getattr(sim, kind), paths[kind])
    return paths


def _rupiah_dots(x: int) -> str:
    """Rupiah with dots as thousands separators: 1.234.567."""
    return f"{int(x):,}".replace(",", ".")


def _money_id(x: int) -> str:
    """Office money format: 1.234.567,00."""
    return _rupiah_dots(x) + ",00"


def _date_id(d) -> str:
    """An Indonesian date dd/mm/yyyy ("" for a missing date)."""
    return "" if pd.isna(d) else pd.Timestamp(d).strftime("%d/%m/%Y")


def _write_office_csv(df: pd.DataFrame, path: Path, *, bom: bool = False) -> None:
    # An Excel export with Indonesian locale: semicolon separator and Windows line ends.
    df.to_csv(path, index=False, sep=";", encoding="utf-8-sig" if bom else "utf-8", lineterminator="\r\n")


def write_examples(sim: Simulation, folder: Path, *, seed: int) -> dict[str, Path]:
    """Small office-style example files: peserta/iuran/klaim are mutually consistent slices of
    the simulated sample (iuran and klaim refer to the No. KPJ of the example peserta); sasaran,
    anggaran and realisasi are slices of the sample in office format."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, 1])  # a separate stream: the examples do not change the sample
    paths = {kind: folder / name for kind, name in EXAMPLE_FILE_NAMES.items()}
    peserta = sim.peserta.to_pandas()
    n_original = len(peserta) - _count_repeated(peserta)
    peserta = peserta.iloc[:n_original]
    klaim = sim.klaim
    last_paid_periode = sim.periode[-2] if len(sim.periode) > 1 else sim.periode[-1]

    nik_ok = peserta["nik"].str.fullmatch(r"3275\d{12}") & ~peserta["nik"].duplicated(keep=False)
    valid = nik_ok & peserta["kode_kecamatan"].notna() & peserta["tgl_mulai"].notna()
    klaim_peserta = klaim[klaim["no_kpj"].isin(peserta["no_kpj"])]
    chosen: list[int] = []

    def add(candidates: pd.Index, k: int) -> None:
        candidates = [i for i in candidates if i not in chosen]
        if candidates:
            chosen.extend(int(i) for i in rng.choice(candidates, size=min(k, len(candidates)), replace=False))

    index_by_kpj = pd.Series(peserta.index, index=peserta["no_kpj"])
    for status_wanted, program, k in (
        ("DIBAYAR", "JKM", 1),
        ("PROSES", "JKM", 1),
        ("DIBAYAR", "JKK", 3),
        ("DITOLAK", "JKK", 1),
        ("PROSES", "JKK", 1),
    ):
        match = (klaim_peserta["status"] == status_wanted) & (klaim_peserta["program"] == program)
        kpj = klaim_peserta.loc[match, "no_kpj"]
        add(pd.Index(index_by_kpj.loc[kpj.unique()].to_numpy()).intersection(peserta.index[valid]), k)
    add(peserta.index[valid & (peserta["status"] == STATUS_NONAKTIF)], 1)
    # A registration BPJS still reports non-aktif after a lapse (no end of cover, a non-aktif date).
    add(peserta.index[valid & peserta["tgl_akhir"].isna() & peserta["tgl_nonaktif"].notna()], 1)
    active = valid & (peserta["status"] == STATUS_AKTIF)
    for kec_name, k in (("Pondokgede", 3), ("Bekasi Timur", 3), ("Medansatria", 2)):
        add(peserta.index[active & (peserta["kecamatan"] == kec_name)], k)
    for kec_name in sim.regions.nama_kecamatan:
        add(peserta.index[active & (peserta["kecamatan"] == kec_name)], 1)
    examples = peserta.loc[sorted(chosen)].copy()
    # One row from the wrong region (Kabupaten Bekasi), inserted in the middle of the list.
    kab = peserta[peserta["kecamatan"] == "Cikarang Barat"].head(1)
    examples = pd.concat([examples.iloc[: len(examples) // 2], kab, examples.iloc[len(examples) // 2 :]])
    examples = examples.reset_index(drop=True)

    female = examples["jenis_kelamin"].eq("P").to_numpy()
    examples["nama"] = [
        f"{rng.choice(FIRST_NAMES_P)} {rng.choice(LAST_NAMES_P)}"
        if p
        else f"{rng.choice(FIRST_NAMES_L)} {rng.choice(LAST_NAMES_L)}"
        for p in female
    ]
    spelling_used = {k: 0 for k in KECAMATAN_SPELLINGS}

    def spelling(name: str) -> str:
        if name not in KECAMATAN_SPELLINGS:
            return name
        v = KECAMATAN_SPELLINGS[name][spelling_used[name] % len(KECAMATAN_SPELLINGS[name])]
        spelling_used[name] += 1
        return v

    examples["kecamatan_kantor"] = [spelling(k) for k in examples["kecamatan"]]
    _write_peserta_xlsx(examples, paths["peserta"])
    (folder / LAYOUT_DIR).mkdir(exist_ok=True)
    month_end = (pd.Timestamp(sim.as_of) + pd.offsets.MonthEnd(0)).normalize()
    layouts.write_peserta_list(examples, folder / LAYOUT_DIR / layouts.PESERTA_LAYOUT_NAME, month_end)

    example_kpj = set(examples["no_kpj"])
    iuran = sim.iuran.filter(pc.equal(sim.iuran["periode"], last_paid_periode)).to_pandas()
    iuran = iuran[iuran["no_kpj"].isin(example_kpj)]
    # The billing workbook: the month of iuran_contoh.csv and the month before, one sheet each.
    months = [m for m in sim.periode if m <= last_paid_periode][-2:]
    billed = sim.iuran.filter(pc.is_in(sim.iuran["periode"], pa.array(months))).to_pandas()
    billed = billed[billed["no_kpj"].isin(example_kpj)][["periode", "no_kpj", "nominal"]]
    layouts.write_billing_workbook(billed, folder / LAYOUT_DIR / layouts.IURAN_LAYOUT_NAME)
    _write_office_csv(
        pd.DataFrame(
            {
                "Periode": iuran["periode"],
                "No. KPJ": iuran["no_kpj"],
                "Nominal": ["Rp " + _rupiah_dots(x) for x in iuran["nominal"]],
            }
        ),
        paths["iuran"],
        bom=True,
    )

    kl = klaim[klaim["no_kpj"].isin(example_kpj)]
    _write_office_csv(
        pd.DataFrame(
            {
                "No. Klaim": kl["no_klaim"],
                "No. KPJ": kl["no_kpj"],
                "Program": kl["program"],
                "Tgl Kejadian": [_date_id(d) for d in kl["tgl_kejadian"]],
                "Tgl Pengajuan": [_date_id(d) for d in kl["tgl_pengajuan"]],
                "Tgl Bayar": [_date_id(d) for d in kl["tgl_bayar"]],
                "Nominal Dibayar": [_money_id(x) for x in kl["nominal_dibayar"]],
                "Status": kl["status"],
                "Alasan Tolak": kl["alasan_tolak"],
            }
        ),
        paths["klaim"],
    )

    s = sim.sasaran
    _write_office_csv(
        pd.DataFrame(
            {
                "Tahun": s["tahun"],
                "Kode Kecamatan": s["kode_kecamatan"],
                "Kecamatan": s["kecamatan"].str.upper(),
                "Segmen": s["segmen"],
                "Jumlah Sasaran": s["jumlah_sasaran"],
                "Jumlah Semesta": s["jumlah_semesta"],
                "Sumber Semesta": s["sumber_semesta"],
            }
        ),
        paths["sasaran"],
    )
    a = sim.anggaran
    _write_office_csv(
        pd.DataFrame(
            {
                "Tahun": a["tahun"],
                "Kode Rekening": a["kode_rekening"],
                "Uraian": a["uraian"],
                "Jenis": a["jenis"],
                "Tgl Penetapan": [_date_id(d) for d in a["tgl_penetapan"]],
                "Pagu": [_money_id(x) for x in a["pagu"]],
            }
        ),
        paths["anggaran"],
    )
    r = sim.realisasi
    r = r[r["tgl_sp2d"].dt.year == r["tgl_sp2d"].dt.year.max()]
    realisasi = pd.DataFrame(
        {
            "No. SP2D": r["no_sp2d"],
            "Tgl SP2D": [_date_id(d) for d in r["tgl_sp2d"]],
            "Kode Rekening": r["kode_rekening"],
            "Nominal": [_money_id(x) for x in r["nominal"]],
            "Periode Tagihan": r["periode_tagihan"],
        }
    )
    _write_office_csv(realisasi, paths["realisasi"])
    _write_register(realisasi, r, folder / LAYOUT_DIR / REGISTER_EXAMPLE_NAME)
    return paths


# Examples of office layouts (title rows, JUMLAH rows, signature block) in a subfolder: importing
# data/contoh as a folder (not recursive) still loads each kind once. The register holds the same
# SP2D as realisasi_contoh.csv, laid out as the finance system prints it.
LAYOUT_DIR = "tata_letak"
REGISTER_EXAMPLE_NAME = "realisasi_register_contoh.csv"


def _write_register(realisasi: pd.DataFrame, r: pd.DataFrame, path: Path) -> None:
    """An office layout: title rows, a 'No.' column, a JUMLAH row whose count and amount match
    the rows above it, and a signature block (docs/kontrak.md, 'Tata letak file dari kantor')."""
    width = len(realisasi.columns) + 1
    year = int(r["tgl_sp2d"].dt.year.max())
    last = pd.Timestamp(r["tgl_sp2d"].max())
    rows: list[list[str]] = [
        ["PEMERINTAH KOTA BEKASI"],
        ["BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH"],
        ["REGISTER SP2D BELANJA IURAN JAMINAN SOSIAL KETENAGAKERJAAN (CONTOH SIMULASI)"],
        [f"Tahun Anggaran {year}, posisi per {_date_id(last)}"],
        [],
        ["No.", *realisasi.columns],
    ]
    rows += [[str(i), *values] for i, values in enumerate(realisasi.itertuples(index=False), 1)]
    rows.append([f"JUMLAH: {len(realisasi)}", "", "", "", _money_id(int(r["nominal"].sum())), ""])
    rows += [
        [],
        ["", "", "", f"Bekasi, {_date_id(last + pd.Timedelta(days=3))}"],
        ["", "", "", "Kepala BPKAD Kota Bekasi"],
        [],
        ["", "", "", "Nama Pejabat (contoh)"],
        ["", "", "", "NIP. 19700101 199503 1 001"],
    ]
    text = "".join(";".join(row + [""] * (width - len(row))) + "\r\n" for row in rows)
    path.write_text(text, encoding="utf-8", newline="")


def _count_repeated(peserta: pd.DataFrame) -> int:
    """Repeated KPJ rows are always at the tail of the file; the length of that tail."""
    return int(peserta["no_kpj"].duplicated(keep="first").sum())


def _write_peserta_xlsx(examples: pd.DataFrame, path: Path) -> None:
    import xlsxwriter  # XlsxWriter writes a ZIP with fixed dates -> a reproducible file

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": "Daftar peserta UCJ (contoh SIMULASI)", "created": dt.datetime(2026, 1, 1)})
    ws = wb.add_worksheet("Peserta")
    fmt_header = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    fmt_date = wb.add_format({"num_format": "dd/mm/yyyy"})
    fmt_text = wb.add_format({"num_format": "@"})
    headers = [
        "No. KPJ",
        "NIK",
        "Nama",
        "Tgl Lahir",
        "Jenis Kelamin",
        "Kecamatan",
        "Kelurahan",
        "Segmen",
        "Tgl Mulai",
        "Tgl Akhir",
        "Status",
        "Tgl Nonaktif",
    ]
    ws.write_row(0, 0, headers, fmt_header)
    for r, row in enumerate(examples.itertuples(index=False), start=1):
        ws.write_string(r, 0, row.no_kpj)
        ws.write_string(r, 1, row.nik, fmt_text)  # NIK as text so that all 16 digits stay
        ws.write_string(r, 2, row.nama)
        for c, date in ((3, row.tgl_lahir), (8, row.tgl_mulai), (9, row.tgl_akhir), (11, row.tgl_nonaktif)):
            if date is None or pd.isna(date):
                continue
            # Real office files mix Excel date cells and dd/mm/yyyy text.
            if (r + c) % 3 == 0:
                ws.write_string(r, c, _date_id(date))
            else:
                ws.write_datetime(r, c, dt.datetime(date.year, date.month, date.day), fmt_date)
        ws.write_string(r, 4, row.jenis_kelamin)
        ws.write_string(r, 5, row.kecamatan_kantor)
        ws.write_string(r, 6, row.kelurahan)
        ws.write_string(r, 7, row.segmen)
        ws.write_string(r, 10, row.status)
    ws.set_column(0, 1, 18)
    ws.set_column(2, 2, 24)
    ws.set_column(3, 11, 14)
    ws.freeze_panes(1, 0)
    wb.close()
