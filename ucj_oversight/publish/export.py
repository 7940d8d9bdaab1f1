"""The export: the five figure tables as CSV plus a Frictionless datapackage.json.

These are also the open-data downloads. Numbers are plain (no thousands separators, '.' for
decimals) so any tool reads them; whole Rupiah amounts are written without decimals.
"""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pandas as pd

from ucj_oversight import figures
from ucj_oversight.figures import AsOf

# table -> (title, description, columns: name -> (type, description))
TABLES = {
    "cakupan_kecamatan": (
        "Cakupan per kecamatan",
        "Peserta aktif (NIK berbeda dengan registrasi aktif pada hari terakhir bulan) dibanding sasaran tahun berjalan.",
        {"kode_kecamatan": ("string", "Kode Kemendagri kecamatan"),
         "nama_kecamatan": ("string", "Nama kecamatan"),
         "sasaran": ("integer", "Jumlah sasaran tahun berjalan (orang)"),
         "peserta_aktif": ("integer", "Orang (NIK berbeda) dengan registrasi aktif pada hari terakhir bulan"),
         "cakupan_persen": ("number", "100 × peserta_aktif / sasaran, 2 desimal")},
    ),
    "anggaran_bulanan": (
        "Pagu dan realisasi per bulan",
        "Pagu berlaku pada akhir bulan, SP2D per bulan dan kumulatif sejak 1 Januari, serapan.",
        {"bulan": ("string", "Bulan (YYYY-MM)"),
         "pagu": ("number", "Pagu berlaku pada akhir bulan (Rp)"),
         "realisasi_bulan": ("number", "SP2D terbit dalam bulan (Rp), tiap no_sp2d sekali"),
         "realisasi_kumulatif": ("number", "SP2D sejak 1 Januari s.d. akhir bulan (Rp)"),
         "serapan_persen": ("number", "100 × realisasi_kumulatif / pagu, 2 desimal")},
    ),
    "klaim_program": (
        "Klaim dibayar per program",
        "Klaim berstatus DIBAYAR dengan tgl_bayar sejak 1 Januari s.d. akhir bulan.",
        {"program": ("string", "JKK / JKM / JHT"),
         "jumlah_klaim": ("integer", "Jumlah klaim dibayar"),
         "nominal_dibayar": ("number", "Manfaat dibayar (Rp)")},
    ),
    "rekonsiliasi_iuran": (
        "Rekonsiliasi iuran per bulan",
        "Registrasi yang masa perlindungannya mencakup bulan itu, iuran seharusnya (× tarif), "
        "iuran ditagih BPJS, dan selisihnya.",
        {"bulan": ("string", "Bulan (YYYY-MM)"),
         "registrasi_tertagih": ("integer", "Registrasi dengan masa perlindungan dalam bulan"),
         "iuran_seharusnya": ("number", "registrasi_tertagih × tarif (Rp)"),
         "iuran_ditagih": ("number", "Jumlah baris tagihan iuran periode bulan itu (Rp)"),
         "selisih": ("number", "iuran_ditagih − iuran_seharusnya (Rp)")},
    ),
    "temuan": (
        "Temuan",
        "Sepuluh kode temuan dengan jumlah dan nominal (Rp); 0 bila tidak ada.",
        {"kode_temuan": ("string", "Kode temuan (lihat docs/methodology.md)"),
         "jumlah": ("integer", "Jumlah kasus"),
         "nominal": ("number", "Nominal terkait (Rp), 0 bila tidak ada")},
    ),
}


def export_tables(con, asof: AsOf) -> dict[str, pd.DataFrame]:
    """The five export tables for an as-of month, city-wide, columns exactly as published."""
    hasil = {
        "cakupan_kecamatan": figures.cakupan_kecamatan(con, asof),
        "anggaran_bulanan": figures.anggaran_bulanan(con, asof),
        "klaim_program": figures.klaim_program(con, asof),
        "rekonsiliasi_iuran": figures.rekonsiliasi_iuran(con, asof),
        "temuan": figures.temuan(con, asof),
    }
    return {nama: df[list(TABLES[nama][2])] for nama, df in hasil.items()}


def plain_number(v: object) -> str:
    """Plain number text: 16800 (not 16800.0), 39.6, '' for missing."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(df.columns)
        for baris in df.itertuples(index=False):
            w.writerow([plain_number(v) for v in baris])


def export(con, asof: AsOf, out: Path) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tabel = export_tables(con, asof)
    ditulis = []
    for nama, df in tabel.items():
        p = out / f"{nama}.csv"
        write_csv(df, p)
        ditulis.append(p)
    sumber = figures.sumber_impor(con)
    paket = datapackage(asof, sumber)
    p = out / "datapackage.json"
    p.write_text(json.dumps(paket, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    ditulis.append(p)
    return ditulis


def datapackage(asof: AsOf, sumber: pd.DataFrame, tabel: dict | None = None) -> dict:
    """The Frictionless descriptor; `tabel` (default TABEL) describes the resources."""
    dipakai = sumber[sumber["dipakai"]] if len(sumber) else sumber
    simulasi = bool(len(dipakai) and dipakai["simulasi"].any())
    return {
        "profile": "tabular-data-package",
        "name": f"ucj-kota-bekasi-{str(asof)}",
        "title": "Pengawasan Universal Coverage Jamsostek Kota Bekasi — posisi " + str(asof)
                 + (" (DATA SIMULASI)" if simulasi else ""),
        "description": "Cakupan, anggaran, klaim, rekonsiliasi iuran dan temuan, posisi akhir bulan "
                       + str(asof) + ". Definisi: docs/methodology.md.",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "sources": [{"title": f"{r.nama_file} (impor #{r.impor_id}, {r.jenis})",
                     "path": r.nama_file,
                     "hash": f"sha256:{r.sha256}",
                     "imported": str(r.waktu)} for r in dipakai.itertuples()],
        "resources": [
            {"name": nama, "path": f"{nama}.csv", "profile": "tabular-data-resource",
             "title": judul, "description": ket, "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8",
             "schema": {"fields": [{"name": k, "type": t, "description": d} for k, (t, d) in kolom.items()]}}
            for nama, (judul, ket, kolom) in (TABLES if tabel is None else tabel).items()
        ],
    }
