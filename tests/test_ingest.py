"""Ingest: quarantine reasons, atomicity, idempotence, privacy, readers and file formats."""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from conftest import KECIL, KUNCI_UJI, isi_tabel, tulis
from ucj_oversight.storage import db
from ucj_oversight import ingest

HEADER_PESERTA = "no_kpj,nik,tgl_lahir,jenis_kelamin,kecamatan,segmen,tgl_mulai,tgl_akhir,status\n"


def impor(path, files, **kw):
    return ingest.run_import(path, files, kunci=KUNCI_UJI, **kw)


def karantina(path):
    return isi_tabel(path, "SELECT baris, kolom, alasan, nilai FROM karantina ORDER BY baris, kolom")


def test_setiap_alasan_karantina_peserta(tmp_path):
    f = tulis(tmp_path / "peserta_x.csv", HEADER_PESERTA + """K1,3275080101900001,1990-01-01,L,Pondokgede,PKL,2025-01-01,,AKTIF
K2,3275080101900002,1990-01-01,L,Cikarang Barat,PKL,2025-01-01,,AKTIF
,3275080101900003,1990-01-01,L,Pondokgede,PKL,2025-01-01,,AKTIF
K4,,1990-01-01,L,Pondokgede,PKL,2025-01-01,,AKTIF
K5,3275080101900005,1990-01-01,L,Pondokgede,PKL,,,AKTIF
K6,3275080101900006,1990-01-01,L,Pondokgede,PKL,2025-05-01,2025-04-30,NONAKTIF
K1,3275080101900007,1990-01-01,L,Pondokgede,PKL,2025-01-01,,AKTIF
K8,3275080101900008,1990-01-01,L,Pondokgede,PKL,tgl 1 Mei,,AKTIF
K9,3275080101900009,1990-01-01,X,Pondokgede,PKL,2025-01-01,,HILANG
""")
    lap = impor(tmp_path / "u.duckdb", [f])
    assert (lap.files[0].baris_dimuat, lap.files[0].baris_dikarantina) == (1, 8)
    k = karantina(tmp_path / "u.duckdb")
    assert k == [
        (3, "kecamatan", "kecamatan tidak dikenal di Kota Bekasi", "Cikarang Barat"),
        (4, "no_kpj", "kolom wajib kosong", None),
        (5, "nik", "NIK kosong", None),
        (6, "tgl_mulai", "kolom wajib kosong", None),
        (7, "tgl_akhir", "tgl_akhir sebelum tgl_mulai", "2025-04-30"),
        (8, "no_kpj", "no_kpj sudah muncul di baris sebelumnya dalam file ini (baris pertama yang dipakai)", "K1"),
        (9, "tgl_mulai", "tanggal tidak terbaca (format yang diterima: YYYY-MM-DD, DD/MM/YYYY, sel tanggal Excel)",
         "tgl 1 Mei"),
        (10, "jenis_kelamin", "nilai tidak dikenal (yang diterima: L / P)", "X"),
        (10, "status", "nilai tidak dikenal (yang diterima: AKTIF / NONAKTIF / MENINGGAL)", "HILANG"),
    ]
    # The first K1 stays; the repeat is set aside.
    assert isi_tabel(tmp_path / "u.duckdb", "SELECT no_kpj, baris FROM peserta") == [("K1", 2)]


def test_alasan_karantina_jenis_lain(tmp_path):
    files = [
        tulis(tmp_path / "iuran_x.csv", "periode,no_kpj,nominal\n2026-01,K1,16800\n2026-13,K1,16800\n2026-01,K1,enam\n2026-01,K1,-5\n"),
        tulis(tmp_path / "realisasi_x.csv", "no_sp2d,tgl_sp2d,kode_rekening,nominal\nS1,32/01/2026,R1,100\nS2,2026-01-05,R1,\n"),
        tulis(tmp_path / "klaim_x.csv", "no_klaim,no_kpj,program,tgl_kejadian,tgl_pengajuan,tgl_bayar,nominal_dibayar,status\n"
                                        "C1,K1,JKM,2026-01-01,2026-01-02,,42000000,DIBAYAR\nC2,K1,JKP,2026-01-01,2026-01-02,,,PROSES\n"
                                        "C3,K1,JKK,2026-01-01,2026-01-02,,,PROSES\nC3,K1,JKK,2026-01-01,2026-01-02,,,PROSES\n"),
        tulis(tmp_path / "sasaran_x.csv", "tahun,kode_kecamatan,jumlah_sasaran\n2026,32.75.99,10\n2026,32.75.08,sepuluh\n"
                                          "2026,32.75.08,10\n2026,327508,11\n"),
        tulis(tmp_path / "anggaran_x.csv", "tahun,kode_rekening,uraian,jenis,tgl_penetapan,pagu\n"
                                           "2026,R1,x,MURNI,2025-12-20,Rp 1.000.000\n2026,R1,x,TAMBAHAN,2025-12-20,1\n"),
    ]
    lap = {f.jenis: f for f in impor(tmp_path / "u.duckdb", files).files}
    assert {k: (v.baris_dimuat, v.baris_dikarantina) for k, v in lap.items()} == {
        "iuran": (1, 3), "realisasi": (0, 2), "klaim": (1, 3), "sasaran": (1, 3), "anggaran": (1, 1)}
    alasan = {a for (a,) in isi_tabel(tmp_path / "u.duckdb", "SELECT DISTINCT alasan FROM karantina")}
    assert {"periode tidak terbaca (format yang diterima: YYYY-MM, YYYYMM, MM/YYYY, tanggal)", "nominal negatif",
            "klaim DIBAYAR tanpa tgl_bayar", "kode kecamatan tidak dikenal di Kota Bekasi (32.75.xx)",
            "bukan bilangan bulat", "nilai tidak dikenal (yang diterima: MURNI / PERUBAHAN)",
            "nilai tidak dikenal (yang diterima: JKK / JKM / JHT)", "kolom wajib kosong",
            "no_klaim sudah muncul di baris sebelumnya dalam file ini (baris pertama yang dipakai)",
            "tahun+kode_kecamatan+segmen_kunci sudah muncul di baris sebelumnya dalam file ini "
            "(baris pertama yang dipakai)"} <= alasan


def test_nik_dan_nama_tidak_pernah_disimpan(tmp_path):
    path = tmp_path / "u.duckdb"
    impor(path, [KECIL])
    mentah = path.read_bytes()
    for nik in ["3275080101900001", "321608010190000", "3216080101900007"]:
        assert nik.encode() not in mentah
    for nama in [b"Nama Satu", b"Nama Empat"]:
        assert nama not in mentah
    # Also not in quarantine values: the NIK of a rejected row is masked.
    kolom = {c for (c,) in isi_tabel(path, "SELECT column_name FROM information_schema.columns "
                                           "WHERE table_name = 'peserta'")}
    assert "nik" not in kolom and "nama" not in kolom
    nik_hash, ok, prefiks = isi_tabel(path, "SELECT nik_hash, nik_16digit, nik_prefiks FROM peserta WHERE no_kpj='A1'")[0]
    import hmac
    assert nik_hash == hmac.new(b"kunci-uji", b"3275080101900001", hashlib.sha256).hexdigest()
    assert ok and prefiks == "3275"


def test_nik_ditolak_disamarkan_di_karantina(tmp_path):
    f = tulis(tmp_path / "peserta_x.csv", HEADER_PESERTA + "K1,3275080101900001,,L,Cikarang,PKL,,,AKTIF\n")
    impor(tmp_path / "u.duckdb", [f])
    assert b"3275080101900001" not in (tmp_path / "u.duckdb").read_bytes()


def test_impor_ulang_tidak_mengubah_apa_pun(tmp_path):
    path = tmp_path / "u.duckdb"
    impor(path, [KECIL])
    sebelum = (path.read_bytes(), path.stat().st_mtime_ns)
    lap = impor(path, [KECIL])
    assert all(f.sudah_ada for f in lap.files) and lap.baris_dimuat == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == sebelum
    # The same content under another name is also recognised (by SHA-256).
    salinan = shutil.copy(KECIL / "iuran_kecil.csv", tmp_path / "iuran_lagi.csv")
    lap = impor(path, [Path(salinan)])
    assert lap.files[0].sudah_ada and isi_tabel(path, "SELECT count(*) FROM impor")[0][0] == 6


def test_gagal_satu_file_membatalkan_semua(tmp_path):
    path = tmp_path / "u.duckdb"
    impor(path, [KECIL / "peserta_kecil.csv"])
    sebelum = path.read_bytes()
    rusak = tulis(tmp_path / "klaim_rusak.csv", "no_klaim,no_kpj\nC1,A1\n")   # required columns missing
    with pytest.raises(ingest.IngestError) as e:
        impor(path, [KECIL / "iuran_kecil.csv", rusak])
    pesan = str(e.value)
    assert "klaim_rusak.csv" in pesan and "'program'" in pesan and "'tgl_kejadian'" in pesan
    assert path.read_bytes() == sebelum
    assert not list(tmp_path.glob(".*.tmp"))   # no leftover copy


def test_file_tidak_terbaca(tmp_path):
    path = tmp_path / "u.duckdb"
    kasus = {
        "peserta_kosong.csv": b"",
        "peserta_biner.csv": b"\x00\x01\x02PK\x03\x04",
        "peserta_latin1.csv": "no_kpj,nik\nK1,Jos\xe9\n".encode("latin-1") * 2,
        "peserta_palsu.xlsx": b"ini bukan xlsx",
        "peserta_palsu.parquet": b"ini bukan parquet",
        "peserta.txt": b"no_kpj\n",
    }
    for nama, isi in kasus.items():
        f = tmp_path / nama
        f.write_bytes(isi)
        with pytest.raises(ingest.IngestError) as e:
            impor(path, [f])
        assert nama in str(e.value)
    assert not path.exists()


def test_jenis_dari_nama_atau_opsi(tmp_path):
    f = shutil.copy(KECIL / "sasaran_kecil.csv", tmp_path / "target_2026.csv")
    with pytest.raises(ingest.IngestError, match="jenis file tidak diketahui"):
        impor(tmp_path / "u.duckdb", [Path(f)])
    lap = impor(tmp_path / "u.duckdb", [Path(f)], jenis="sasaran")
    assert lap.files[0].jenis == "sasaran" and lap.files[0].baris_dimuat == 5


def test_dry_run_tidak_menulis(tmp_path):
    path = tmp_path / "u.duckdb"
    lap = impor(path, [KECIL], dry_run=True)
    assert lap.baris_dimuat == 44 and lap.baris_dikarantina == 2
    assert not path.exists()


def test_csv_titik_koma_bom_dan_header_alias(tmp_path):
    teks = ("\ufeffNo. KPJ;NIK;Nama Lengkap;Tanggal Lahir;JK;Kec.;TMT;Tgl Berakhir;Status Peserta;Segmen\n"
            "K1;3275080101900001;Ani;05/03/1990;P;Kec. Pondok Gede;01/01/2025;;aktif;Ojek Online\n"
            "K2;3275080101900002;Budi;1990-03-05;L;BEKASI TIMUR;2025-01-01;31/12/2025;Non Aktif;pkl\n")
    f = tmp_path / "peserta_sc.csv"
    f.write_text(teks, encoding="utf-8")
    lap = impor(tmp_path / "u.duckdb", [f])
    assert lap.files[0].baris_dimuat == 2
    rows = isi_tabel(tmp_path / "u.duckdb", "SELECT no_kpj, kode_kecamatan, segmen, tgl_mulai, tgl_akhir, status, "
                                             "jenis_kelamin FROM peserta ORDER BY no_kpj")
    assert rows == [("K1", "32.75.08", "OJEK_ONLINE", dt.date(2025, 1, 1), None, "AKTIF", "P"),
                    ("K2", "32.75.01", "PKL", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "NONAKTIF", "L")]


def test_csv_baris_dengan_jumlah_kolom_salah_dikarantina(tmp_path):
    f = tulis(tmp_path / "iuran_x.csv", "periode,no_kpj,nominal\n2026-01,K1,16800\n2026-01,K2,16800,extra\n2026-01,K3,16800\n")
    lap = impor(tmp_path / "u.duckdb", [f])
    assert (lap.files[0].baris_dimuat, lap.files[0].baris_dikarantina) == (2, 1)
    assert karantina(tmp_path / "u.duckdb") == [(3, None, "jumlah kolom 4, seharusnya 3", None)]
    assert isi_tabel(tmp_path / "u.duckdb", "SELECT no_kpj, baris FROM iuran ORDER BY baris") == [("K1", 2), ("K3", 4)]


def test_xlsx_sel_tanggal_dan_angka(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No KPJ", "NIK", "Tgl Lahir", "Jenis Kelamin", "Kecamatan", "Kelurahan", "Segmen", "Tgl Mulai",
               "Tgl Akhir", "Status"])
    ws.append(["K1", 3275080101900001, dt.date(1990, 1, 1), "L", "Pondok Gede", "Jati Bening", "RT/RW",
               dt.date(2025, 1, 1), None, "AKTIF"])
    ws.append(["K2", "3275080101900002", "01/01/1990", "P", "Kec. Medan Satria", "Pejuang", "PKK",
               "15/01/2025", dt.datetime(2025, 6, 30), "NONAKTIF"])
    ws.append([None] * 10)   # trailing blank row: not data
    f = tmp_path / "peserta_x.xlsx"
    wb.save(f)
    lap = impor(tmp_path / "u.duckdb", [f])
    assert (lap.files[0].baris_dimuat, lap.files[0].baris_dikarantina) == (2, 0)
    rows = isi_tabel(tmp_path / "u.duckdb", "SELECT no_kpj, nik_16digit, kode_kecamatan, kode_kelurahan, segmen, "
                                             "tgl_mulai, tgl_akhir FROM peserta ORDER BY no_kpj")
    assert rows == [("K1", True, "32.75.08", "32.75.08.1002", "RT_RW", dt.date(2025, 1, 1), None),
                    ("K2", True, "32.75.06", "32.75.06.1003", "PKK", dt.date(2025, 1, 15), dt.date(2025, 6, 30))]


def test_parquet_bertipe(tmp_path):
    df = pd.DataFrame({"periode": ["2026-01", "2026-02"], "no_kpj": ["K1", "K1"], "nominal": [16800, 16800]})
    f = tmp_path / "iuran_x.parquet"
    df.to_parquet(f)
    lap = impor(tmp_path / "u.duckdb", [f])
    assert lap.files[0].baris_dimuat == 2
    assert isi_tabel(tmp_path / "u.duckdb", "SELECT sum(nominal) FROM iuran")[0][0] == 33600


def test_impor_tercatat_dan_terlacak(db_kecil):
    rows = isi_tabel(db_kecil, "SELECT nama_file, jenis, sha256, baris_dimuat, baris_dikarantina FROM impor ORDER BY impor_id")
    assert [r[0] for r in rows] == sorted(p.name for p in KECIL.iterdir())
    for nama, jenis, sha, dimuat, dikarantina in rows:
        assert sha == hashlib.sha256((KECIL / nama).read_bytes()).hexdigest()
        assert nama.startswith(jenis)
    assert ("peserta_kecil.csv", 7, 2) in [(r[0], r[3], r[4]) for r in rows]


def test_ekstrak_peserta_baru_memperbarui_registrasi(db_kecil, tmp_path):
    # A later extract ends A1's cover: the current registration follows the newest import.
    f = tulis(tmp_path / "peserta_update.csv", HEADER_PESERTA +
              "A1,3275080101900001,1990-01-01,L,Pondokgede,RT_RW,2025-01-01,2026-02-28,NONAKTIF\n")
    impor(db_kecil, [f])
    assert isi_tabel(db_kecil, "SELECT tgl_akhir FROM reg WHERE no_kpj = 'A1'") == [(dt.date(2026, 2, 28),)]
    assert isi_tabel(db_kecil, "SELECT count(*) FROM peserta WHERE no_kpj = 'A1'") == [(2,)]   # history kept


def test_kunci_nik_berbeda_ditolak(db_kecil, tmp_path):
    from ucj_oversight import privacy
    with pytest.raises(ingest.IngestError, match="kunci NIK"):
        ingest.run_import(db_kecil, [tulis(tmp_path / "iuran_baru.csv", "periode,no_kpj,nominal\n2026-04,A1,16800\n")],
                     kunci=privacy.NikKey(b"lain", dev=False))


def test_cli_ingest_dan_export(tmp_path):
    path = tmp_path / "cli.duckdb"
    r = subprocess.run([sys.executable, "-m", "ucj_oversight", "ingest", "--db", str(path), str(KECIL)],
                       capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert r.returncode == 0, r.stderr
    assert "peserta_kecil.csv [peserta]: 7 baris dimuat, 2 baris dikarantina" in r.stdout
    assert "[6/6]" in r.stderr   # progress
    r = subprocess.run([sys.executable, "-m", "ucj_oversight", "ingest", "--db", str(path),
                        str(tmp_path / "tidak_ada.csv")], capture_output=True, text=True)
    assert r.returncode != 0 and "tidak ditemukan" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "ucj_oversight", "export", "--db", str(path), "--as-of", "2026-03",
                        "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "temuan.csv").exists()
    r = subprocess.run([sys.executable, "-m", "ucj_oversight", "export", "--db", str(path), "--as-of", "2026-3",
                        "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert r.returncode == 2 and "YYYY-MM" in r.stderr and "Traceback" not in r.stderr


def test_periode_serial_excel_dan_baris_kosong(tmp_path):
    # 46023 is an Excel serial (2026-01-01), not 'year 4602, month 3'; the blank line keeps the
    # row numbers of the lines after it right.
    f = tulis(tmp_path / "iuran_x.csv", "periode,no_kpj,nominal\n2026-01,K1,16800\n\n2026-01,K2,x\n46023,K3,16800\n")
    impor(tmp_path / "u.duckdb", [f])
    assert isi_tabel(tmp_path / "u.duckdb", "SELECT baris, periode FROM iuran ORDER BY baris") == [
        (2, dt.date(2026, 1, 1)), (5, dt.date(2026, 1, 1))]
    assert [b for b, *_ in karantina(tmp_path / "u.duckdb")] == [4]


def test_baris_anggaran_ganda_dikarantina(tmp_path):
    f = tulis(tmp_path / "anggaran_x.csv", "tahun,kode_rekening,uraian,jenis,tgl_penetapan,pagu\n"
                                           "2026,R1,x,MURNI,2025-12-20,1000\n2026,R1,x,MURNI,2025-12-20,1000\n")
    lap = impor(tmp_path / "u.duckdb", [f])
    assert (lap.files[0].baris_dimuat, lap.files[0].baris_dikarantina) == (1, 1)


# ---------------------------------------------------------------- batches (streaming ingest)

_TABEL_SIMPAN = ("peserta", "sasaran", "iuran", "anggaran", "realisasi", "klaim", "karantina")


def _semua_isi(path):
    """Everything an import leaves behind except ids and times: stored rows, quarantine, log."""
    hasil = {t: isi_tabel(path, f"SELECT * EXCLUDE (impor_id) FROM {t} ORDER BY ALL") for t in _TABEL_SIMPAN}
    hasil["impor"] = isi_tabel(path, "SELECT nama_file, jenis, baris_dibaca, baris_dimuat, baris_dikarantina "
                                     "FROM impor ORDER BY nama_file")
    return hasil


def _file_bertahap(tmp_path):
    """Files whose quarantine depends on row order and numbering: repeated keys far apart (the
    first one invalid, so a later one is kept), blank and whitespace lines, rows of the wrong
    width, a quoted value spanning two lines, and a row with every cell empty."""
    peserta = [HEADER_PESERTA.strip()]
    for i in range(40):
        kpj = f"K{i % 13}"                      # each key three or four times, in different batches
        mulai = "kemarin" if i == 2 else "2025-01-01"    # the first K2 is invalid: a later K2 is kept
        kec = "Cikarang" if i % 11 == 5 else "Pondok Gede"
        peserta.append(f"{kpj},32750801019{i:05d},1990-01-01,L,{kec},PKL,{mulai},,AKTIF")
        if i % 9 == 4:
            peserta.append("")                  # blank line: counted in the numbering, not data
        if i % 10 == 7:
            peserta.append("K99,1,2")           # wrong width
        if i == 20:
            peserta.append("  ,  ")             # whitespace only
            peserta.append(",,,,,,,,")          # every cell empty
    iuran = ["periode,no_kpj,nominal"]
    for i in range(60):
        per = ["2026-01", "202602", "03/2026", "2026-13", "46023", ""][i % 6]
        nom = ["16800", "Rp 16.800", "16.800,00", "enam", "-5", "", "16800.00"][i % 7]
        iuran.append(f"{per},\"K{i % 17}\n\",{nom}" if i % 8 == 3 else f"{per},K{i % 17},{nom}")
        if i % 13 == 6:
            iuran.append("2026-01,K1,16800,extra")
        if i % 15 == 0:
            iuran.append("")
    sasaran = ["tahun,kode_kecamatan,segmen,jumlah_sasaran"]
    for i in range(30):
        sasaran.append(f"{2025 + i % 2},32.75.0{1 + i % 4},{['PKL', 'pkl', '', 'Ojek Online'][i % 4]},{10 + i}")
    files = [tulis(tmp_path / "peserta_b.csv", "\n".join(peserta) + "\n"),
             tulis(tmp_path / "iuran_b.csv", "\n".join(iuran) + "\n"),
             tulis(tmp_path / "sasaran_b.csv", "\n".join(sasaran) + "\n")]
    df = pd.DataFrame({"periode": ["2026-01", "2026-13", None, "202603"] * 6,
                       "no_kpj": [f"P{i % 5}" for i in range(24)],
                       "nominal": [16800, -1, 16800, 16800.5, 16800, 16800] * 4})
    df.index = range(100, 124)                  # a stored pandas index is not a row number
    df.to_parquet(tmp_path / "iuran_p.parquet")
    files.append(tmp_path / "iuran_p.parquet")
    return files


def test_impor_bertahap_sama_dengan_sekaligus(tmp_path, monkeypatch):
    """Tiny batches (a few rows per CSV block and Parquet batch) give exactly the rows, row
    numbers, quarantine reasons and report of files read in one piece."""
    files = _file_bertahap(tmp_path)
    sekaligus = impor(tmp_path / "a.duckdb", files)
    assert all(len(list(ingest.read_batches(f))) == 1 for f in files)
    monkeypatch.setattr(ingest, "CSV_BLOCK", 160)
    monkeypatch.setattr(ingest, "ROWS_PER_BATCH", 3)
    assert all(len(list(ingest.read_batches(f))) >= 5 for f in files)
    bertahap = impor(tmp_path / "b.duckdb", files)
    assert _semua_isi(tmp_path / "b.duckdb") == _semua_isi(tmp_path / "a.duckdb")
    assert [(f.baris_dibaca, f.baris_dimuat, f.baris_dikarantina, list(f.alasan.items())) for f in bertahap.files] == \
           [(f.baris_dibaca, f.baris_dimuat, f.baris_dikarantina, list(f.alasan.items())) for f in sekaligus.files]
    # The checks above compare two runs; these pin a few of the facts themselves.
    isi = _semua_isi(tmp_path / "b.duckdb")
    assert [r[:2] for r in isi["peserta"] if r[1] == "K2"] == [(20, "K2")]   # line 4 had a bad date
    assert (4, "tgl_mulai") in [r[:2] for r in isi["karantina"]]
    assert (11, None, "jumlah kolom 3, seharusnya 9", None) in isi["karantina"]
    kpj_ganda = [r for r in isi["karantina"] if r[2].startswith("no_kpj sudah muncul")]
    assert len(kpj_ganda) == 40 - 13 - 4 - 1    # 40 rows, 13 keys kept, 4 outside the city, 1 bad date
    assert isi_tabel(tmp_path / "b.duckdb", "SELECT min(baris), max(baris) FROM iuran WHERE no_kpj LIKE 'P%'") == [(1, 24)]


def test_batas_baris_dihitung_sampai_akhir_file(tmp_path, monkeypatch):
    """The row limit is checked as batches arrive, and the message still gives the whole count."""
    f = tulis(tmp_path / "iuran_x.csv", "periode,no_kpj,nominal\n" + "2026-01,K1,16800\n" * 30)
    monkeypatch.setattr(ingest, "CSV_BLOCK", 64)
    with pytest.raises(ingest.IngestError, match=r"30 baris, melebihi batas 10 baris"):
        impor(tmp_path / "u.duckdb", [f], batas_baris=10)
    assert not (tmp_path / "u.duckdb").exists()


def test_penulis_duckdb_dibatasi_memori_dan_tumpah_ke_disk(tmp_path):
    path = tmp_path / "u.duckdb"
    with db.write(path) as con:
        batas = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        tumpah = Path(con.execute("SELECT current_setting('temp_directory')").fetchone()[0])
    assert batas.endswith(("MiB", "MB")) and float(batas.split()[0]) < 1024
    assert tumpah.parent == tmp_path and tumpah.name.startswith(".u.duckdb.")
    assert not tumpah.exists()
