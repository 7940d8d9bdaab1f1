"""Ingest: quarantine reasons, atomicity, idempotence, privacy, readers and file formats."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from conftest import SMALL_DIR, TEST_KEY, query_rows, write_text_file

from ucj_oversight import ingest
from ucj_oversight.ingest import contract, readers
from ucj_oversight.storage import db

HEADER_PESERTA = "no_kpj,nik,tgl_lahir,jenis_kelamin,kecamatan,segmen,tgl_mulai,tgl_akhir,status\n"


def import_files(path, files, **kw):
    return ingest.run_import(path, files, key=TEST_KEY, **kw)


def karantina_rows(path):
    return query_rows(path, "SELECT baris, kolom, alasan, nilai FROM karantina ORDER BY baris, kolom")


def test_every_karantina_reason_of_peserta(tmp_path):
    f = write_text_file(
        tmp_path / "peserta_x.csv",
        HEADER_PESERTA
        + """K1,3275080101900001,1990-01-01,L,Pondokgede,PKL,2025-01-01,,AKTIF
K2,3275080101900002,1990-01-01,L,Cikarang Barat,PKL,2025-01-01,,AKTIF
,3275080101900003,1990-01-01,L,Pondokgede,PKL,2025-01-01,,AKTIF
K4,,1990-01-01,L,Pondokgede,PKL,2025-01-01,,AKTIF
K5,3275080101900005,1990-01-01,L,Pondokgede,PKL,,,AKTIF
K6,3275080101900006,1990-01-01,L,Pondokgede,PKL,2025-05-01,2025-04-30,NONAKTIF
K1,3275080101900007,1990-01-01,L,Pondokgede,PKL,2025-01-01,,AKTIF
K8,3275080101900008,1990-01-01,L,Pondokgede,PKL,tgl 1 Mei,,AKTIF
K9,3275080101900009,1990-01-01,X,Pondokgede,PKL,2025-01-01,,HILANG
""",
    )
    report = import_files(tmp_path / "u.duckdb", [f])
    assert (report.files[0].rows_loaded, report.files[0].rows_quarantined) == (1, 8)
    k = karantina_rows(tmp_path / "u.duckdb")
    assert k == [
        (3, "kecamatan", "kecamatan tidak dikenal di Kota Bekasi", "Cikarang Barat"),
        (4, "no_kpj", "kolom wajib kosong", None),
        (5, "nik", "NIK kosong", None),
        (6, "tgl_mulai", "kolom wajib kosong", None),
        (7, "tgl_akhir", "tgl_akhir sebelum tgl_mulai", "2025-04-30"),
        (8, "no_kpj", "no_kpj sudah muncul di baris sebelumnya dalam file ini (baris pertama yang dipakai)", "K1"),
        (
            9,
            "tgl_mulai",
            "tanggal tidak terbaca (format yang diterima: YYYY-MM-DD, DD/MM/YYYY, sel tanggal Excel)",
            "tgl 1 Mei",
        ),
        (10, "jenis_kelamin", "nilai tidak dikenal (yang diterima: L / P)", "X"),
        (10, "status", "nilai tidak dikenal (yang diterima: AKTIF / NONAKTIF / MENINGGAL)", "HILANG"),
    ]
    # The first K1 stays; the repeat is set aside.
    assert query_rows(tmp_path / "u.duckdb", "SELECT no_kpj, baris FROM peserta") == [("K1", 2)]


def test_karantina_reasons_of_other_kinds(tmp_path):
    files = [
        write_text_file(
            tmp_path / "iuran_x.csv",
            "periode,no_kpj,nominal\n2026-01,K1,16800\n2026-13,K1,16800\n2026-01,K1,enam\n2026-01,K1,-5\n",
        ),
        write_text_file(
            tmp_path / "realisasi_x.csv",
            "no_sp2d,tgl_sp2d,kode_rekening,nominal\nS1,32/01/2026,R1,100\nS2,2026-01-05,R1,\n",
        ),
        write_text_file(
            tmp_path / "klaim_x.csv",
            "no_klaim,no_kpj,program,tgl_kejadian,tgl_pengajuan,tgl_bayar,nominal_dibayar,status\n"
            "C1,K1,JKM,2026-01-01,2026-01-02,,42000000,DIBAYAR\nC2,K1,JKP,2026-01-01,2026-01-02,,,PROSES\n"
            "C3,K1,JKK,2026-01-01,2026-01-02,,,PROSES\nC3,K1,JKK,2026-01-01,2026-01-02,,,PROSES\n",
        ),
        write_text_file(
            tmp_path / "sasaran_x.csv",
            "tahun,kode_kecamatan,jumlah_sasaran\n2026,32.75.99,10\n2026,32.75.08,sepuluh\n"
            "2026,32.75.08,10\n2026,327508,11\n",
        ),
        write_text_file(
            tmp_path / "anggaran_x.csv",
            "tahun,kode_rekening,uraian,jenis,tgl_penetapan,pagu\n"
            "2026,R1,x,MURNI,2025-12-20,Rp 1.000.000\n2026,R1,x,TAMBAHAN,2025-12-20,1\n",
        ),
    ]
    report = {f.kind: f for f in import_files(tmp_path / "u.duckdb", files).files}
    assert {k: (v.rows_loaded, v.rows_quarantined) for k, v in report.items()} == {
        "iuran": (1, 3),
        "realisasi": (0, 2),
        "klaim": (1, 3),
        "sasaran": (1, 3),
        "anggaran": (1, 1),
    }
    reasons = {a for (a,) in query_rows(tmp_path / "u.duckdb", "SELECT DISTINCT alasan FROM karantina")}
    assert {
        "periode tidak terbaca (format yang diterima: YYYY-MM, YYYYMM, MM/YYYY, tanggal)",
        "nominal negatif",
        "klaim DIBAYAR tanpa tgl_bayar",
        "kode kecamatan tidak dikenal di Kota Bekasi (32.75.xx)",
        "bukan bilangan bulat",
        "nilai tidak dikenal (yang diterima: MURNI / PERUBAHAN)",
        "nilai tidak dikenal (yang diterima: JKK / JKM / JHT)",
        "kolom wajib kosong",
        "no_klaim sudah muncul di baris sebelumnya dalam file ini (baris pertama yang dipakai)",
        "tahun+kode_kecamatan+segmen_kunci sudah muncul di baris sebelumnya dalam file ini "
        "(baris pertama yang dipakai)",
    } <= reasons


def test_nik_and_name_are_never_stored(tmp_path):
    path = tmp_path / "u.duckdb"
    import_files(path, [SMALL_DIR])
    raw = path.read_bytes()
    for nik in ["3275080101900001", "321608010190000", "3216080101900007"]:
        assert nik.encode() not in raw
    for name in [b"Nama Satu", b"Nama Empat"]:
        assert name not in raw
    # Also not in quarantine values: the NIK of a rejected row is masked.
    columns = {
        c
        for (c,) in query_rows(path, "SELECT column_name FROM information_schema.columns WHERE table_name = 'peserta'")
    }
    assert "nik" not in columns and "nama" not in columns
    nik_hash, ok, prefix = query_rows(path, "SELECT nik_hash, nik_16digit, nik_prefiks FROM peserta WHERE no_kpj='A1'")[
        0
    ]
    import hmac

    assert nik_hash == hmac.new(b"kunci-uji", b"3275080101900001", hashlib.sha256).hexdigest()
    assert ok and prefix == "3275"


def test_refused_nik_is_masked_in_karantina(tmp_path):
    f = write_text_file(tmp_path / "peserta_x.csv", HEADER_PESERTA + "K1,3275080101900001,,L,Cikarang,PKL,,,AKTIF\n")
    import_files(tmp_path / "u.duckdb", [f])
    assert b"3275080101900001" not in (tmp_path / "u.duckdb").read_bytes()


def test_repeated_impor_changes_nothing(tmp_path):
    path = tmp_path / "u.duckdb"
    import_files(path, [SMALL_DIR])
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    report = import_files(path, [SMALL_DIR])
    assert all(f.duplicate_of for f in report.files) and report.rows_loaded == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    # The same content under another name is also recognised (by SHA-256).
    copy = shutil.copy(SMALL_DIR / "iuran_kecil.csv", tmp_path / "iuran_lagi.csv")
    report = import_files(path, [Path(copy)])
    assert report.files[0].duplicate_of and query_rows(path, "SELECT count(*) FROM impor")[0][0] == 6


def test_one_failed_file_cancels_all(tmp_path):
    path = tmp_path / "u.duckdb"
    import_files(path, [SMALL_DIR / "peserta_kecil.csv"])
    before = path.read_bytes()
    broken = write_text_file(tmp_path / "klaim_rusak.csv", "no_klaim,no_kpj\nC1,A1\n")  # required columns missing
    with pytest.raises(ingest.IngestError) as e:
        import_files(path, [SMALL_DIR / "iuran_kecil.csv", broken])
    message = str(e.value)
    assert "klaim_rusak.csv" in message and "'program'" in message and "'tgl_kejadian'" in message
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))  # no leftover copy


def test_unreadable_files(tmp_path):
    path = tmp_path / "u.duckdb"
    cases = {
        "peserta_kosong.csv": b"",
        "peserta_biner.csv": b"\x00\x01\x02PK\x03\x04",
        "peserta_latin1.csv": "no_kpj,nik\nK1,Jos\xe9\n".encode("latin-1") * 2,
        "peserta_palsu.xlsx": b"ini bukan xlsx",
        "peserta_palsu.parquet": b"ini bukan parquet",
        "peserta.txt": b"no_kpj\n",
    }
    for name, content in cases.items():
        f = tmp_path / name
        f.write_bytes(content)
        with pytest.raises(ingest.IngestError) as e:
            import_files(path, [f])
        assert name in str(e.value)
    assert not path.exists()


def test_kind_from_name_or_option(tmp_path):
    unknown = tmp_path / "laporan_2026.csv"
    unknown.write_text("a,b\n1,2\n")
    with pytest.raises(ingest.IngestError, match="jenis file tidak diketahui"):
        import_files(tmp_path / "u.duckdb", [unknown])
    f = shutil.copy(SMALL_DIR / "sasaran_kecil.csv", tmp_path / "target_2026.csv")  # kind from its header
    assert import_files(tmp_path / "v.duckdb", [Path(f)]).files[0].kind == "sasaran"
    report = import_files(tmp_path / "u.duckdb", [Path(f)], kind="sasaran")
    assert report.files[0].kind == "sasaran" and report.files[0].rows_loaded == 5


def test_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "u.duckdb"
    report = import_files(path, [SMALL_DIR], dry_run=True)
    assert report.rows_loaded == 44 and report.rows_quarantined == 2
    assert not path.exists()


def test_csv_semicolon_bom_and_header_aliases(tmp_path):
    text = (
        "\ufeffNo. KPJ;NIK;Nama Lengkap;Tanggal Lahir;JK;Kec.;TMT;Tgl Berakhir;Status Peserta;Segmen\n"
        "K1;3275080101900001;Ani;05/03/1990;P;Kec. Pondok Gede;01/01/2025;;aktif;Ojek Online\n"
        "K2;3275080101900002;Budi;1990-03-05;L;BEKASI TIMUR;2025-01-01;31/12/2025;Non Aktif;pkl\n"
    )
    f = tmp_path / "peserta_sc.csv"
    f.write_text(text, encoding="utf-8")
    report = import_files(tmp_path / "u.duckdb", [f])
    assert report.files[0].rows_loaded == 2
    rows = query_rows(
        tmp_path / "u.duckdb",
        "SELECT no_kpj, kode_kecamatan, segmen, tgl_mulai, tgl_akhir, status, "
        "jenis_kelamin FROM peserta ORDER BY no_kpj",
    )
    assert rows == [
        ("K1", "32.75.08", "OJEK_ONLINE", dt.date(2025, 1, 1), None, "AKTIF", "P"),
        ("K2", "32.75.01", "PKL", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "NONAKTIF", "L"),
    ]


def test_csv_row_with_wrong_column_count_goes_to_karantina(tmp_path):
    f = write_text_file(
        tmp_path / "iuran_x.csv", "periode,no_kpj,nominal\n2026-01,K1,16800\n2026-01,K2,16800,extra\n2026-01,K3,16800\n"
    )
    report = import_files(tmp_path / "u.duckdb", [f])
    assert (report.files[0].rows_loaded, report.files[0].rows_quarantined) == (2, 1)
    assert karantina_rows(tmp_path / "u.duckdb") == [(3, None, "jumlah kolom 4, seharusnya 3", None)]
    assert query_rows(tmp_path / "u.duckdb", "SELECT no_kpj, baris FROM iuran ORDER BY baris") == [("K1", 2), ("K3", 4)]


def test_xlsx_date_and_number_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "No KPJ",
            "NIK",
            "Tgl Lahir",
            "Jenis Kelamin",
            "Kecamatan",
            "Kelurahan",
            "Segmen",
            "Tgl Mulai",
            "Tgl Akhir",
            "Status",
        ]
    )
    ws.append(
        [
            "K1",
            3275080101900001,
            dt.date(1990, 1, 1),
            "L",
            "Pondok Gede",
            "Jati Bening",
            "RT/RW",
            dt.date(2025, 1, 1),
            None,
            "AKTIF",
        ]
    )
    ws.append(
        [
            "K2",
            "3275080101900002",
            "01/01/1990",
            "P",
            "Kec. Medan Satria",
            "Pejuang",
            "PKK",
            "15/01/2025",
            dt.datetime(2025, 6, 30),
            "NONAKTIF",
        ]
    )
    ws.append([None] * 10)  # trailing blank row: not data
    f = tmp_path / "peserta_x.xlsx"
    wb.save(f)
    report = import_files(tmp_path / "u.duckdb", [f])
    assert (report.files[0].rows_loaded, report.files[0].rows_quarantined) == (2, 0)
    rows = query_rows(
        tmp_path / "u.duckdb",
        "SELECT no_kpj, nik_16digit, kode_kecamatan, kode_kelurahan, segmen, "
        "tgl_mulai, tgl_akhir FROM peserta ORDER BY no_kpj",
    )
    assert rows == [
        ("K1", True, "32.75.08", "32.75.08.1002", "RT_RW", dt.date(2025, 1, 1), None),
        ("K2", True, "32.75.06", "32.75.06.1003", "PKK", dt.date(2025, 1, 15), dt.date(2025, 6, 30)),
    ]


def test_typed_parquet(tmp_path):
    df = pd.DataFrame({"periode": ["2026-01", "2026-02"], "no_kpj": ["K1", "K1"], "nominal": [16800, 16800]})
    f = tmp_path / "iuran_x.parquet"
    df.to_parquet(f)
    report = import_files(tmp_path / "u.duckdb", [f])
    assert report.files[0].rows_loaded == 2
    assert query_rows(tmp_path / "u.duckdb", "SELECT sum(nominal) FROM iuran")[0][0] == 33600


def test_impor_is_logged_and_traceable(small_db):
    rows = query_rows(
        small_db, "SELECT nama_file, jenis, sha256, baris_dimuat, baris_dikarantina FROM impor ORDER BY impor_id"
    )
    assert [r[0] for r in rows] == sorted(p.name for p in SMALL_DIR.iterdir())
    for name, kind, sha, *_ in rows:
        assert sha == hashlib.sha256((SMALL_DIR / name).read_bytes()).hexdigest()
        assert name.startswith(kind)
    assert ("peserta_kecil.csv", 7, 2) in [(r[0], r[3], r[4]) for r in rows]


def test_new_peserta_extract_updates_registrasi(small_db, tmp_path):
    # A later extract ends A1's cover: the current registration follows the newest import.
    f = write_text_file(
        tmp_path / "peserta_update.csv",
        HEADER_PESERTA + "A1,3275080101900001,1990-01-01,L,Pondokgede,RT_RW,2025-01-01,2026-02-28,NONAKTIF\n",
    )
    import_files(small_db, [f])
    assert query_rows(small_db, "SELECT tgl_akhir FROM reg WHERE no_kpj = 'A1'") == [(dt.date(2026, 2, 28),)]
    assert query_rows(small_db, "SELECT count(*) FROM peserta WHERE no_kpj = 'A1'") == [(2,)]  # history kept


def test_different_nik_key_is_refused(small_db, tmp_path):
    from ucj_oversight import privacy

    with pytest.raises(ingest.IngestError, match="kunci NIK"):
        ingest.run_import(
            small_db,
            [write_text_file(tmp_path / "iuran_baru.csv", "periode,no_kpj,nominal\n2026-04,A1,16800\n")],
            key=privacy.NikKey(b"lain", dev=False),
        )


def test_cli_ingest_and_export(tmp_path):
    path = tmp_path / "cli.duckdb"
    r = subprocess.run(
        [sys.executable, "-m", "ucj_oversight", "ingest", "--db", str(path), str(SMALL_DIR)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert r.returncode == 0, r.stderr
    assert "peserta_kecil.csv [peserta]: 7 baris dimuat, 2 baris dikarantina" in r.stdout
    assert "[6/6]" in r.stderr  # progress
    r = subprocess.run(
        [sys.executable, "-m", "ucj_oversight", "ingest", "--db", str(path), str(tmp_path / "tidak_ada.csv")],
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0 and "tidak ditemukan" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "ucj_oversight",
            "export",
            "--db",
            str(path),
            "--as-of",
            "2026-03",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "temuan.csv").exists()
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "ucj_oversight",
            "export",
            "--db",
            str(path),
            "--as-of",
            "2026-3",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2 and "YYYY-MM" in r.stderr and "Traceback" not in r.stderr


def test_periode_excel_serial_and_blank_line(tmp_path):
    # 46023 is an Excel serial (2026-01-01), not 'year 4602, month 3'; the blank line keeps the
    # row numbers of the lines after it right.
    f = write_text_file(
        tmp_path / "iuran_x.csv", "periode,no_kpj,nominal\n2026-01,K1,16800\n\n2026-01,K2,x\n46023,K3,16800\n"
    )
    import_files(tmp_path / "u.duckdb", [f])
    assert query_rows(tmp_path / "u.duckdb", "SELECT baris, periode FROM iuran ORDER BY baris") == [
        (2, dt.date(2026, 1, 1)),
        (5, dt.date(2026, 1, 1)),
    ]
    assert [b for b, *_ in karantina_rows(tmp_path / "u.duckdb")] == [4]


def test_duplicate_anggaran_row_goes_to_karantina(tmp_path):
    f = write_text_file(
        tmp_path / "anggaran_x.csv",
        "tahun,kode_rekening,uraian,jenis,tgl_penetapan,pagu\n"
        "2026,R1,x,MURNI,2025-12-20,1000\n2026,R1,x,MURNI,2025-12-20,1000\n",
    )
    report = import_files(tmp_path / "u.duckdb", [f])
    assert (report.files[0].rows_loaded, report.files[0].rows_quarantined) == (1, 1)


# ---------------------------------------------------------------- batches (streaming ingest)

_STORED_TABLES = ("peserta", "sasaran", "iuran", "anggaran", "realisasi", "klaim", "karantina")


def _all_contents(path):
    """Everything an import leaves behind except ids and times: stored rows, quarantine, log."""
    result = {t: query_rows(path, f"SELECT * EXCLUDE (impor_id) FROM {t} ORDER BY ALL") for t in _STORED_TABLES}
    result["impor"] = query_rows(
        path, "SELECT nama_file, jenis, baris_dibaca, baris_dimuat, baris_dikarantina FROM impor ORDER BY nama_file"
    )
    return result


def _batched_files(tmp_path):
    """Files whose quarantine depends on row order and numbering: repeated keys far apart (the
    first one invalid, so a later one is kept), blank and whitespace lines, rows of the wrong
    width, a quoted value spanning two lines, and a row with every cell empty."""
    peserta = [HEADER_PESERTA.strip()]
    for i in range(40):
        kpj = f"K{i % 13}"  # each key three or four times, in different batches
        start = "kemarin" if i == 2 else "2025-01-01"  # the first K2 is invalid: a later K2 is kept
        kecamatan = "Cikarang" if i % 11 == 5 else "Pondok Gede"
        peserta.append(f"{kpj},32750801019{i:05d},1990-01-01,L,{kecamatan},PKL,{start},,AKTIF")
        if i % 9 == 4:
            peserta.append("")  # blank line: counted in the numbering, not data
        if i % 10 == 7:
            peserta.append("K99,1,2")  # wrong width
        if i == 20:
            peserta.append("  ,  ")  # whitespace only
            peserta.append(",,,,,,,,")  # every cell empty
    iuran = ["periode,no_kpj,nominal"]
    for i in range(60):
        periode = ["2026-01", "202602", "03/2026", "2026-13", "46023", ""][i % 6]
        nominal = ["16800", "Rp 16.800", "16.800,00", "enam", "-5", "", "16800.00"][i % 7]
        iuran.append(f'{periode},"K{i % 17}\n",{nominal}' if i % 8 == 3 else f"{periode},K{i % 17},{nominal}")
        if i % 13 == 6:
            iuran.append("2026-01,K1,16800,extra")
        if i % 15 == 0:
            iuran.append("")
    sasaran = ["tahun,kode_kecamatan,segmen,jumlah_sasaran"]
    for i in range(30):
        sasaran.append(f"{2025 + i % 2},32.75.0{1 + i % 4},{['PKL', 'pkl', '', 'Ojek Online'][i % 4]},{10 + i}")
    files = [
        write_text_file(tmp_path / "peserta_b.csv", "\n".join(peserta) + "\n"),
        write_text_file(tmp_path / "iuran_b.csv", "\n".join(iuran) + "\n"),
        write_text_file(tmp_path / "sasaran_b.csv", "\n".join(sasaran) + "\n"),
    ]
    df = pd.DataFrame(
        {
            "periode": ["2026-01", "2026-13", None, "202603"] * 6,
            "no_kpj": [f"P{i % 5}" for i in range(24)],
            "nominal": [16800, -1, 16800, 16800.5, 16800, 16800] * 4,
        }
    )
    df.index = range(100, 124)  # a stored pandas index is not a row number
    df.to_parquet(tmp_path / "iuran_p.parquet")
    files.append(tmp_path / "iuran_p.parquet")
    return files


def test_batched_impor_equals_single_pass(tmp_path, monkeypatch):
    """Tiny batches (a few rows per CSV block and Parquet batch) give exactly the rows, row
    numbers, quarantine reasons and report of files read in one piece."""
    files = _batched_files(tmp_path)
    single_pass = import_files(tmp_path / "a.duckdb", files)
    assert all(len(list(ingest.read_batches(f))) == 1 for f in files)
    monkeypatch.setattr(readers, "CSV_BLOCK", 160)
    monkeypatch.setattr(readers, "ROWS_PER_BATCH", 3)
    assert all(len(list(ingest.read_batches(f))) >= 5 for f in files)
    batched = import_files(tmp_path / "b.duckdb", files)
    assert _all_contents(tmp_path / "b.duckdb") == _all_contents(tmp_path / "a.duckdb")
    assert [(f.rows_read, f.rows_loaded, f.rows_quarantined, list(f.reasons.items())) for f in batched.files] == [
        (f.rows_read, f.rows_loaded, f.rows_quarantined, list(f.reasons.items())) for f in single_pass.files
    ]
    # The checks above compare two runs; these pin a few of the facts themselves.
    content = _all_contents(tmp_path / "b.duckdb")
    assert [r[:2] for r in content["peserta"] if r[1] == "K2"] == [(20, "K2")]  # line 4 had a bad date
    assert (4, "tgl_mulai") in [r[:2] for r in content["karantina"]]
    assert (11, None, "jumlah kolom 3, seharusnya 9", None) in content["karantina"]
    duplicate_kpj = [r for r in content["karantina"] if r[2].startswith("no_kpj sudah muncul")]
    assert len(duplicate_kpj) == 40 - 13 - 4 - 1  # 40 rows, 13 keys kept, 4 outside the city, 1 bad date
    assert query_rows(tmp_path / "b.duckdb", "SELECT min(baris), max(baris) FROM iuran WHERE no_kpj LIKE 'P%'") == [
        (1, 24)
    ]


def test_row_limit_counts_to_the_end_of_the_file(tmp_path, monkeypatch):
    """The row limit is checked as batches arrive, and the message still gives the whole count."""
    f = write_text_file(tmp_path / "iuran_x.csv", "periode,no_kpj,nominal\n" + "2026-01,K1,16800\n" * 30)
    monkeypatch.setattr(readers, "CSV_BLOCK", 64)
    with pytest.raises(ingest.IngestError, match=r"30 baris, melebihi batas 10 baris"):
        import_files(tmp_path / "u.duckdb", [f], max_rows=10)
    assert not (tmp_path / "u.duckdb").exists()


def test_duckdb_writer_is_memory_limited_and_spills_to_disk(tmp_path):
    path = tmp_path / "u.duckdb"
    with db.write(path) as con:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        spill_dir = Path(con.execute("SELECT current_setting('temp_directory')").fetchone()[0])
    assert limit.endswith(("MiB", "MB")) and float(limit.split()[0]) < 1024
    assert spill_dir.parent == tmp_path and spill_dir.name.startswith(".u.duckdb.")
    assert not spill_dir.exists()


# ---------------------------------------------------------------- the declaration and the schema


@pytest.mark.parametrize("name", contract.KIND_NAMES)
def test_schema_sql_creates_the_declared_storage_table(name):
    """storage/sql/schema.sql creates each kind's table with exactly the columns (names, order and
    types) its declaration stores, after impor_id and baris: the import inserts by position."""
    kind = contract.KINDS[name]
    con = duckdb.connect(":memory:")
    db.create_schema(con)
    created = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [kind.table.name],
    ).fetchall()
    declared = [(c.name, c.sql_type) for c in (*contract.Table.LEADING, *kind.table.columns)]
    assert created == declared


@pytest.mark.parametrize("name", contract.KIND_NAMES)
def test_typed_rows_hold_every_stored_column(name):
    """The typed rows of a valid file have every column the storage table declares, and the
    declaration's keys and rule checks name typed columns."""
    kind = contract.KINDS[name]
    path = SMALL_DIR / f"{name}_kecil.csv"
    accepted, _ = ingest.type_rows(ingest.map_columns(ingest.read_file(path), kind, path.name), kind, TEST_KEY)
    assert len(accepted) and set(kind.table.column_names) <= set(accepted.columns)
    for key in kind.unique_keys:
        assert set(key) <= set(accepted.columns)
    for rule in kind.rules:
        assert rule.text_id and rule.text_en
        for check in rule.checks:
            assert check.column in accepted.columns and check.reason


def test_an_sp2d_listed_twice_is_reported_and_counted_once(tmp_path):
    """Rows identical in number, date, amount and line are one SP2D listed twice (an extract
    artifact): the import report names them, whether the copy is in the same file or in an
    overlapping later extract; the same number with another amount is not a copy."""
    header = "no_sp2d,tgl_sp2d,kode_rekening,nominal,periode_tagihan\n"
    first = tmp_path / "realisasi_jan.csv"
    first.write_text(
        header + "S1,2026-01-10,5.1.02,1000,2026-01\n"  # row 2
        "S1,2026-01-10,5.1.02,1000,2026-01\n"  # row 3: a copy of row 2
        "S2,2026-01-12,5.1.02,500,2026-01\n"  # row 4
        "S2,2026-01-12,5.1.02,700,2026-01\n",  # row 5: same number, another amount: SP2D_GANDA
        encoding="utf-8",
    )
    report = ingest.run_import(tmp_path / "x.duckdb", [first], key=TEST_KEY)
    f = report.files[0]
    assert f.identical == [(3, "S1", f.impor_id, 2)] and f.rows_loaded == 4
    assert "1 baris SP2D identik dengan baris sebelumnya" in ingest.summarize(report)
    # An overlapping extract (January again, plus February): its January rows are copies.
    second = tmp_path / "realisasi_jan_feb.csv"
    second.write_text(header + "S1,2026-01-10,5.1.02,1000,2026-01\nS3,2026-02-10,5.1.02,900,2026-02\n", "utf-8")
    again = ingest.run_import(tmp_path / "x.duckdb", [second], key=TEST_KEY).files[0]
    assert again.identical == [(2, "S1", f.impor_id, 2)]
    with db.read(tmp_path / "x.duckdb") as con:
        kept = con.execute("SELECT no_sp2d, nominal, ganda FROM sp2d ORDER BY impor_id, baris").fetchall()
    assert [(n, float(v), g) for n, v, g in kept] == [
        ("S1", 1000.0, False),
        ("S2", 500.0, False),
        ("S2", 700.0, True),
        ("S3", 900.0, False),
    ]
