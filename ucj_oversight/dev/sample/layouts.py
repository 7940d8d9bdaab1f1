"""Office layouts of the examples (data/contoh/tata_letak): the same records as the clean examples,
laid out the way Disnaker and the BPJS branch office send them (issue 12, docs/kontrak.md "Tata
letak file dari kantor"):

- a peserta list as a workbook whose name does not start with the kind: title rows, a two-level
  header with merged group cells, a "No." column, the NIK typed as a number, dates written out
  ("5 Januari 2026"), sub-totals per kecamatan, a JUMLAH row and a signature block;
- the BPJS billing detail as a workbook with a cover sheet and one sheet per month, whose period is
  only in the sheet name and a title row, with the premium as components (Iuran JKK, Iuran JKM)
  beside their total.

Importing them gives the same stored rows as the clean examples (tests/test_sample.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

PESERTA_LAYOUT_NAME = "daftar peserta BPU Pemkot contoh.xlsx"
IURAN_LAYOUT_NAME = "rincian_tagihan_iuran_contoh.xlsx"
_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")  # fmt: skip
_BULAN3 = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
JKK_SHARE = 10_000 / 16_800  # JKK Rp 10.000 of the Rp 16.800 premium (JKM Rp 6.800)


def _written(d) -> str:
    """'5 Januari 2026' ('' for a missing date)."""
    if d is None or pd.isna(d):
        return ""
    d = pd.Timestamp(d)
    return f"{d.day} {_BULAN[d.month - 1]} {d.year}"


def _book(path: Path, title: str):
    import xlsxwriter  # fixed dates in the ZIP: a reproducible file

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": title, "created": dt.datetime(2026, 1, 1)})
    return wb


def _signature(ws, row: int, column: int, place_date: str, office: str, bold) -> None:
    ws.write_string(row + 1, column, f"Bekasi, {place_date}")
    ws.write_string(row + 2, column, office)
    ws.write_string(row + 5, column, "Nama Pejabat (contoh)", bold)
    ws.write_string(row + 6, column, "NIP. 19750101 200001 1 001")


def write_peserta_list(examples: pd.DataFrame, path: Path, as_of: pd.Timestamp) -> None:
    """The example peserta (the rows of peserta_contoh.xlsx, in that order) as Disnaker prints them."""
    wb = _book(path, "Daftar peserta BPU yang iurannya dibayar Pemkot Bekasi (contoh SIMULASI)")
    ws = wb.add_worksheet("Daftar")
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "align": "center", "valign": "vcenter"})
    ws.write_string(0, 0, "PEMERINTAH KOTA BEKASI", bold)
    ws.write_string(1, 0, "DINAS KETENAGAKERJAAN")
    ws.write_string(2, 0, "DAFTAR PESERTA BPU YANG IURANNYA DIBAYAR APBD (CONTOH SIMULASI)")
    ws.write_string(3, 0, f"Posisi per {_written(as_of)}")
    # Two header rows: group cells merged over their columns, "No." merged over both rows.
    ws.merge_range(5, 0, 6, 0, "No.", head)
    ws.merge_range(5, 1, 5, 5, "Identitas Peserta", head)
    ws.merge_range(5, 6, 5, 11, "Kepesertaan", head)
    lower = ["No. KPJ", "NIK", "Nama", "Tgl Lahir", "L/P", "Kecamatan", "Kelurahan", "Segmen", "Tgl Mulai",
             "Tgl Akhir", "Status"]  # fmt: skip
    ws.write_row(6, 1, lower, head)
    ws.write_string(6, 12, "Tgl Nonaktif", head)
    row = 7
    for i, r in enumerate(examples.itertuples(index=False), 1):
        ws.write_number(row, 0, i)
        ws.write_string(row, 1, r.no_kpj)
        # The NIK typed as a number (General format: Excel shows 3,27501E+15); exact below 2^53.
        if str(r.nik).isdigit():
            ws.write_number(row, 2, int(r.nik))
        else:
            ws.write_string(row, 2, str(r.nik))
        ws.write_string(row, 3, r.nama)
        ws.write_string(row, 4, _written(r.tgl_lahir))
        ws.write_string(row, 5, r.jenis_kelamin)
        ws.write_string(row, 6, r.kecamatan_kantor)
        ws.write_string(row, 7, r.kelurahan)
        ws.write_string(row, 8, r.segmen)
        ws.write_string(row, 9, _written(r.tgl_mulai))
        ws.write_string(row, 10, _written(r.tgl_akhir))
        ws.write_string(row, 11, r.status)
        ws.write_string(row, 12, _written(r.tgl_nonaktif))
        row += 1
    ws.write_string(row, 0, f"JUMLAH: {len(examples)}", bold)
    _signature(ws, row + 1, 9, _written(as_of + pd.Timedelta(days=5)), "Kepala Dinas Ketenagakerjaan", bold)
    ws.set_column(0, 0, 6)
    ws.set_column(1, 3, 20)
    ws.set_column(4, 12, 15)
    wb.close()


def write_billing_workbook(iuran: pd.DataFrame, path: Path) -> None:
    """Billing rows (periode, no_kpj, nominal) as BPJS sends them: a cover sheet, then one sheet
    per month ('Sep 2026'), the period only in the sheet name and its title row, the premium as
    Iuran JKK + Iuran JKM beside Total Iuran, and a JUMLAH row with the count and the total."""
    wb = _book(path, "Rincian tagihan iuran BPU Pemkot Bekasi (contoh SIMULASI)")
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1})
    money = wb.add_format({"num_format": "#,##0"})
    cover = wb.add_worksheet("Keterangan")
    cover.write_string(0, 0, "BPJS KETENAGAKERJAAN KANTOR CABANG BEKASI", bold)
    cover.write_string(1, 0, "Rincian tagihan iuran peserta BPU yang dibayar Pemerintah Kota Bekasi (contoh SIMULASI)")
    cover.write_string(3, 0, "Satu sheet per bulan iuran. Iuran per orang: JKK Rp 10.000 + JKM Rp 6.800.")
    for periode, rows in iuran.groupby("periode", sort=True):
        month = pd.Timestamp(periode)
        ws = wb.add_worksheet(f"{_BULAN3[month.month - 1]} {month.year}")
        ws.write_string(0, 0, "RINCIAN TAGIHAN IURAN BPU — PEMERINTAH KOTA BEKASI", bold)
        ws.write_string(1, 0, f"Periode Iuran: {_BULAN[month.month - 1]} {month.year}")
        ws.write_row(3, 0, ["No", "No. KPJ", "Iuran JKK", "Iuran JKM", "Total Iuran"], head)
        row = 4
        for i, r in enumerate(rows.itertuples(index=False), 1):
            total = int(r.nominal)
            jkk = round(total * JKK_SHARE)
            ws.write_number(row, 0, i)
            ws.write_string(row, 1, r.no_kpj)
            ws.write_number(row, 2, jkk, money)
            ws.write_number(row, 3, total - jkk, money)
            ws.write_number(row, 4, total, money)
            row += 1
        ws.write_string(row, 0, "JUMLAH", bold)
        ws.write_number(row, 1, len(rows))
        ws.write_number(row, 4, int(rows["nominal"].sum()), money)
        ws.set_column(0, 0, 6)
        ws.set_column(1, 4, 16)
    wb.close()
