"""Command line: python -m ucj_oversight {ingest,export,sample,build-sample} ..."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import config, db, export, figures, ingest


def _cetak_err(pesan: str) -> None:
    print(f"GAGAL: {pesan}", file=sys.stderr)


def cmd_ingest(a) -> int:
    mulai = time.perf_counter()
    try:
        laporan = ingest.impor(Path(a.db), [Path(p) for p in a.paths], jenis=a.kind, dry_run=a.dry_run,
                               kemajuan=lambda s: print(s, file=sys.stderr, flush=True))
    except ingest.IngestError as e:
        _cetak_err(str(e))
        print("Basis data tidak diubah.", file=sys.stderr)
        return 2
    print(ingest.ringkas(laporan))
    print(f"  Waktu: {time.perf_counter() - mulai:.1f} detik")
    return 0


def _asof(con, teks: str | None) -> figures.AsOf:
    if teks:
        return figures.AsOf.dari_teks(teks)
    asof = figures.bulan_terakhir(con)
    if asof is None:
        raise figures.InputError("basis data belum berisi data; jalankan ingest dulu")
    return asof


def cmd_export(a) -> int:
    try:
        with db.baca(Path(a.db)) as con:
            asof = _asof(con, a.as_of)
            files = export.ekspor(con, asof, Path(a.out))
    except (figures.InputError, FileNotFoundError) as e:
        _cetak_err(str(e))
        return 2
    for f in files:
        print(f)
    return 0


def cmd_sample(a) -> int:
    from . import sampel
    files = sampel.generate(Path(a.out), seed=a.seed, skala=a.skala, contoh=not a.no_contoh)
    for kind, p in files.items():
        print(f"{kind}: {p}")
    return 0


def cmd_build_sample(a) -> int:
    path = config.pastikan_db_sampel(Path(a.db) if a.db else None, paksa=a.force,
                                     kemajuan=lambda s: print(s, file=sys.stderr, flush=True))
    print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m ucj_oversight",
                                description="Pengawasan Universal Coverage Jamsostek Kota Bekasi")
    sub = p.add_subparsers(dest="perintah", required=True)

    s = sub.add_parser("ingest", help="impor file ekstrak ke basis data (semua atau tidak sama sekali)")
    s.add_argument("--db", required=True, help="file DuckDB (dibuat bila belum ada)")
    s.add_argument("--kind", choices=ingest.contract.KINDS, help="jenis file; bawaan: dari awalan nama file")
    s.add_argument("--dry-run", action="store_true", help="laporkan apa yang akan terjadi tanpa menulis")
    s.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    s.set_defaults(fn=cmd_ingest)

    s = sub.add_parser("export", help="tulis tabel angka (CSV) dan datapackage.json")
    s.add_argument("--db", required=True)
    s.add_argument("--as-of", help="bulan posisi YYYY-MM; bawaan: bulan terakhir yang ada datanya")
    s.add_argument("--out", required=True, help="folder tujuan")
    s.set_defaults(fn=cmd_export)

    s = sub.add_parser("sample", help="buat ulang file data simulasi")
    s.add_argument("--out", default=str(config.FOLDER_SAMPEL))
    s.add_argument("--seed", type=int, default=20251105)
    s.add_argument("--skala", type=float, default=1.0)
    s.add_argument("--no-contoh", action="store_true", help="tanpa file contoh kecil")
    s.set_defaults(fn=cmd_sample)

    s = sub.add_parser("build-sample", help="bangun basis data dari data/sampel (bila belum ada)")
    s.add_argument("--db", help=f"bawaan: {config.DB_SAMPEL}")
    s.add_argument("--force", action="store_true", help="bangun ulang walau sudah ada")
    s.set_defaults(fn=cmd_build_sample)

    a = p.parse_args(argv)
    return a.fn(a)


if __name__ == "__main__":
    sys.exit(main())
