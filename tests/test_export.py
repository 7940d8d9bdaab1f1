"""The export: exact headers, plain numbers, the same figures as the figures module."""

from __future__ import annotations

import csv
import hashlib
import json

from conftest import SMALL_DIR

from ucj_oversight import figures
from ucj_oversight.figures import AsOf
from ucj_oversight.publish import export

HEADER = {
    "cakupan_kecamatan.csv": [
        "kode_kecamatan",
        "nama_kecamatan",
        "sasaran",
        "peserta_aktif",
        "capaian_kuota_persen",
        "semesta",
        "cakupan_semesta_persen",
    ],
    "perlindungan_kecamatan.csv": ["kode_kecamatan", "nama_kecamatan", "peserta_aktif", "tidak_terlindungi"],
    "anggaran_bulanan.csv": ["bulan", "pagu", "realisasi_bulan", "realisasi_kumulatif", "serapan_persen"],
    "klaim_program.csv": ["program", "jumlah_klaim", "nominal_dibayar"],
    "rekonsiliasi_iuran.csv": ["bulan", "registrasi_tertagih", "iuran_seharusnya", "iuran_ditagih", "selisih"],
    "ketepatan_bayar.csv": ["bulan", "ditagih", "dibayar", "jatuh_tempo", "tgl_lunas", "hari_terlambat", "tunggakan"],
    "temuan.csv": ["kode_temuan", "jumlah", "nominal"],
}


def read_csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_export_files_and_headers(small_con, tmp_path):
    files = export.export(small_con, AsOf.from_text("2026-03"), tmp_path)
    assert sorted(p.name for p in files) == sorted([*HEADER, "datapackage.json"])
    for name, header in HEADER.items():
        assert read_csv_rows(tmp_path / name)[0] == header
    cak = read_csv_rows(tmp_path / "cakupan_kecamatan.csv")
    assert len(cak) == 13
    # The small fixture has no semesta: both semesta columns empty (not 0).
    assert ["32.75.08", "Pondokgede", "4", "2", "50", "", ""] in cak
    assert ["32.75.03", "Bekasi Utara", "", "0", "", "", ""] in cak  # no target: empty, not 0
    ang = read_csv_rows(tmp_path / "anggaran_bulanan.csv")
    assert ang[1:] == [
        ["2026-01", "1500000", "100000", "100000", "6.67"],
        ["2026-02", "1500000", "200000", "300000", "20"],
        ["2026-03", "1700000", "50000", "350000", "20.59"],
    ]
    assert read_csv_rows(tmp_path / "klaim_program.csv")[1:] == [["JKK", "2", "2300000"], ["JKM", "1", "42000000"]]
    assert read_csv_rows(tmp_path / "rekonsiliasi_iuran.csv")[1] == ["2026-01", "5", "84000", "100800", "16800"]
    tm = read_csv_rows(tmp_path / "temuan.csv")
    assert [r[0] for r in tm[1:]] == list(figures.TEMUAN_CODES)
    assert ["KLAIM_LUAR_MASA", "1", "42000000"] in tm
    assert ["KLAIM_DITOLAK_TUNGGAKAN", "0", "0"] in tm
    # January: billed 100.800, S2 (200.000, 10 Feb) attributed to it: paid 26 days after the 15th;
    # February: S3 pays 50.000 of 84.000 (partial), due Monday 16 Feb, 43 days overdue at 31 March;
    # March: nothing paid yet, 15 days overdue. Dates ISO, empty while unpaid.
    assert read_csv_rows(tmp_path / "ketepatan_bayar.csv")[1:] == [
        ["2026-01", "100800", "200000", "2026-01-15", "2026-02-10", "26", "0"],
        ["2026-02", "84000", "50000", "2026-02-16", "", "43", "34000"],
        ["2026-03", "84000", "0", "2026-03-16", "", "15", "84000"],
    ]
    # No three unpaid months in a row: nobody unprotected; people as in cakupan_kecamatan.
    lindung = read_csv_rows(tmp_path / "perlindungan_kecamatan.csv")
    assert ["32.75.08", "Pondokgede", "2", "0"] in lindung and len(lindung) == 13


def test_export_equals_figures(small_con, tmp_path):
    asof = AsOf.from_text("2026-02")
    export.export(small_con, asof, tmp_path)
    cak = figures.cakupan_kecamatan(small_con, asof)
    rows = read_csv_rows(tmp_path / "cakupan_kecamatan.csv")[1:]
    assert [int(r[3]) for r in rows] == cak.peserta_aktif.tolist()
    tm = figures.temuan(small_con, asof)
    assert [(r[0], int(r[1]), float(r[2])) for r in read_csv_rows(tmp_path / "temuan.csv")[1:]] == list(
        zip(tm.kode_temuan, tm.jumlah, tm.nominal)
    )


def test_datapackage(small_con, tmp_path):
    export.export(small_con, AsOf.from_text("2026-03"), tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert package["profile"] == "tabular-data-package"
    # 2.0.0: cakupan_persen became capaian_kuota_persen, with semesta and cakupan_semesta_persen (issue 13).
    assert package["version"] == "2.0.0"
    assert [r["path"] for r in package["resources"]] == list(HEADER)
    for r in package["resources"]:
        assert [f["name"] for f in r["schema"]["fields"]] == HEADER[r["path"]]
    # Traceable: every source file with its SHA-256.
    hashes = {s["path"]: s["hash"] for s in package["sources"]}
    for p in SMALL_DIR.iterdir():
        assert hashes[p.name] == "sha256:" + hashlib.sha256(p.read_bytes()).hexdigest()
    assert "SIMULASI" not in package["title"]
