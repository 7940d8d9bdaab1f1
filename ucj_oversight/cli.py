"""Command line: python -m ucj_oversight {ingest,export,sample,build-sample,users} ..."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

from ucj_oversight import figures, ingest, settings
from ucj_oversight.ingest.readers import HeaderNotRecognised
from ucj_oversight.publish import export
from ucj_oversight.storage import db


def _print_error(message: str) -> None:
    print(f"GAGAL: {message}", file=sys.stderr)


def cmd_ingest(a) -> int:
    start = time.perf_counter()
    try:
        report = ingest.run_import(
            Path(a.db),
            [Path(p) for p in a.paths],
            kind=a.kind,
            dry_run=a.dry_run,
            progress=lambda s: print(s, file=sys.stderr, flush=True),
            profile=a.profile,
        )
    except ingest.IngestError as e:
        _print_error(str(e))
        print("Basis data tidak diubah.", file=sys.stderr)
        if isinstance(e, HeaderNotRecognised):
            print(
                f"Petakan kolomnya sekali sebagai profil sumber, lalu impor lagi:\n"
                f"  python -m ucj_oversight profile save NAMA --db {a.db} --kind {e.kind} --from FILE "
                f"--map 'Kolom di file=kolom_kontrak' ...\n"
                f"  (kolom wajib yang belum ada: {', '.join(e.missing) or '-'})",
                file=sys.stderr,
            )
        return 2
    print(ingest.summarize(report))
    print(f"  Waktu: {time.perf_counter() - start:.1f} detik")
    return 0


def _asof(con, text: str | None) -> figures.AsOf:
    """The as-of month given on the command line, else the last month with data."""
    if text:
        return figures.AsOf.from_text(text)
    asof = figures.latest_month(con)
    if asof is None:
        raise figures.InputError("basis data belum berisi data; jalankan ingest dulu")
    return asof


def cmd_export(a) -> int:
    try:
        db.ensure_derived(Path(a.db))  # a database from an older version of the code
        with db.read(Path(a.db)) as con:
            asof = _asof(con, a.as_of)
            if a.publik:
                from ucj_oversight.publish import public

                files = public.export_public(con, asof, Path(a.out))
            else:
                files = export.export(con, asof, Path(a.out))
    except (figures.InputError, FileNotFoundError) as e:
        _print_error(str(e))
        return 2
    for f in files:
        print(f)
    return 0


def cmd_briefing(a) -> int:
    start = time.perf_counter()
    try:
        from ucj_oversight import briefing
    except ImportError as e:  # reportlab missing: a fresh machine without requirements.txt
        _print_error(f"{e}; pasang dependensi dengan: pip install -r requirements.txt")
        return 2
    try:
        db.ensure_derived(Path(a.db))  # a database from an older version of the code
        with db.read(Path(a.db)) as con:
            asof = _asof(con, a.as_of)
            flt = figures.Filter.parse(kecamatan=a.kecamatan)
            pdf = briefing.build_pdf(con, asof, Path(a.out), filter=flt, lang=a.lang)
    except (figures.InputError, FileNotFoundError) as e:
        _print_error(str(e))
        return 2
    except OSError as e:
        _print_error(f"tidak dapat menulis {a.out}: {e.strerror or e}")
        return 2
    print(a.out)
    print(f"  Posisi {asof}, {briefing.page_count(pdf)} halaman, {len(pdf) / 1024:.0f} KB")
    print(f"  Waktu: {time.perf_counter() - start:.1f} detik")
    return 0


def cmd_sample(a) -> int:
    from ucj_oversight.dev import sample

    files = sample.generate(Path(a.out), seed=a.seed, scale=a.skala, examples=not a.no_contoh)
    for kind, p in files.items():
        print(f"{kind}: {p}")
    return 0


def cmd_build_sample(a) -> int:
    path = ingest.ensure_sample_db(
        Path(a.db) if a.db else None, force=a.force, progress=lambda s: print(s, file=sys.stderr, flush=True)
    )
    print(path)
    return 0


# ---------------------------------------------------------------- backup / restore


def cmd_backup(a) -> int:
    from ucj_oversight.storage import backup

    try:
        out, sha, n = backup.backup(Path(a.db), Path(a.out))
    except (backup.BackupError, OSError) as e:
        _print_error(str(e))
        return 2
    print(out)
    print(f"  {n} impor, sha256 {sha} (dicatat di {out}.sha256)")
    return 0


def cmd_restore(a) -> int:
    from ucj_oversight.storage import backup

    try:
        sha, n = backup.restore(Path(a.file), Path(a.db))
    except (backup.BackupError, OSError) as e:
        _print_error(str(e))
        print("Basis data tidak diubah.", file=sys.stderr)
        return 2
    print(f"Dipulihkan ke {a.db}: {n} impor, sha256 {sha}")
    return 0


def _backup_parsers(sub) -> None:
    s = sub.add_parser("backup", help="salin basis data secara konsisten (di bawah kunci penulis) + .sha256")
    s.add_argument("--db", required=True, help="file DuckDB yang dicadangkan")
    s.add_argument("--out", required=True, help="file cadangan, atau folder (nama bertanggal dipilih)")
    s.set_defaults(fn=cmd_backup)

    s = sub.add_parser("restore", help="pulihkan basis data dari file cadangan (diperiksa dulu; atomik)")
    s.add_argument("--db", required=True, help="file DuckDB tujuan (diganti seluruhnya)")
    s.add_argument("file", metavar="BACKUP_FILE", help="file cadangan dari perintah backup")
    s.set_defaults(fn=cmd_restore)


# ---------------------------------------------------------------- bench


def cmd_bench(a) -> int:
    """Benchmark: ingest + page figures DuckDB vs pandas (docs/performance.md)."""
    from ucj_oversight.dev import bench

    try:
        bench.run(
            a.rows,
            as_of=a.as_of,
            cache=Path(a.cache),
            out=Path(a.out),
            ingest_csv=a.ingest_csv,
            profile=not a.no_profil,
            per_view=not a.no_per_view,
        )
    except (figures.InputError, AssertionError, RuntimeError) as e:
        _print_error(str(e))
        return 2
    return 0


# ---------------------------------------------------------------- users (internal-mode log-in)


def _users_file(a) -> Path:
    from ucj_oversight.storage import users

    return Path(a.file) if a.file else users.users_path()


def _read_password(a, name: str) -> str:
    """From stdin (first line) with --password-stdin or when stdin is not a terminal (a pipe, a
    file), else asked twice without echo. Never an argument. (getpass on a pipe would warn that the
    password "may be echoed", or ask on the terminal and ignore the pipe.)"""
    import getpass

    from ucj_oversight.storage import users

    if a.password_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise users.UserError("tidak ada kata sandi di stdin")
        return line.rstrip("\r\n")
    password = getpass.getpass(f"Kata sandi untuk {name} (minimal {users.PASSWORD_MIN} karakter): ")
    if getpass.getpass("Ulangi kata sandi: ") != password:
        raise users.UserError("kedua kata sandi tidak sama")
    return password


def _warn_permissions(path: Path) -> None:
    from ucj_oversight.storage import users

    if users.permissions_too_open(path):
        print(f"PERINGATAN: {path} dapat dibaca orang lain; jalankan: chmod 600 {path}", file=sys.stderr)


def _run_users_command(fn) -> int:
    from ucj_oversight.storage import users

    try:
        return fn()
    except users.UserError as e:
        _print_error(str(e))
        return 2
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        _print_error("dibatalkan; tidak ada yang diubah")
        return 2
    except OSError as e:
        _print_error(f"{e.filename or ''} {e.strerror or e}".strip())
        return 2
    except Exception as e:  # no traceback for the IT officer; the type says enough to report it
        _print_error(f"kesalahan tak terduga ({type(e).__name__}): {e}")
        return 2


def cmd_users_add(a) -> int:
    from ucj_oversight.storage import users

    def run():
        path = _users_file(a)
        name = users.check_name(a.name)  # before asking for a password
        users.check_role(a.role)
        p = users.add(path, name, _read_password(a, name), a.role)
        print(f"Pengguna {p.username} ditambahkan dengan peran {p.role} ({path}).")
        _warn_permissions(path)
        return 0

    return _run_users_command(run)


def cmd_users_passwd(a) -> int:
    from ucj_oversight.storage import users

    def run():
        path = _users_file(a)
        name = users.check_name(a.name)
        if users.find(path, name) is None:
            raise users.UserError(f"pengguna {name!r} tidak ada di {path}")
        users.change_password(path, name, _read_password(a, name))
        print(f"Kata sandi {name} diganti. Sesi yang masuk dengan kata sandi lama berakhir pada klik berikutnya.")
        return 0

    return _run_users_command(run)


def cmd_users_remove(a) -> int:
    from ucj_oversight.storage import users

    def run():
        path = _users_file(a)
        users.remove(path, a.name)
        print(f"Pengguna {a.name.strip().lower()} dihapus dari {path}; sesinya berakhir pada klik berikutnya.")
        return 0

    return _run_users_command(run)


def cmd_users_list(a) -> int:
    from ucj_oversight.storage import users

    def run():
        path = _users_file(a)
        rows = users.list_users(path)
        if not rows:
            print(f"Belum ada pengguna di {path}. Tambahkan: python -m ucj_oversight users add NAMA --role admin")
            return 0
        width = max(len("NAMA"), *(len(n) for n, _, _ in rows))
        print(f"{'NAMA':<{width}}  {'PERAN':<8}  DIBUAT")
        for name, role, created in rows:
            print(f"{name:<{width}}  {role:<8}  {created.strftime('%Y-%m-%d %H:%M %Z') if created else '-'}")
        _warn_permissions(path)
        return 0

    return _run_users_command(run)


def _users_parsers(sub) -> None:
    s = sub.add_parser(
        "users",
        help="kelola pengguna lokal (mode internal tanpa OIDC)",
        description="Pengguna dasbor di file pengguna (UCJ_USERS, bawaan users.toml). "
        "Kata sandi tidak pernah diberikan sebagai argumen.",
    )
    s.add_argument("--file", help="file pengguna; bawaan: UCJ_USERS atau users.toml di akar repo")
    us = s.add_subparsers(dest="users_command", required=True, metavar="{add,passwd,remove,list}")

    u = us.add_parser("add", help="tambah pengguna")
    u.add_argument("name", metavar="NAME")
    u.add_argument("--role", required=True, metavar="anggota|admin", help="anggota: baca semua; admin: juga unggah")
    u.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari baris pertama stdin")
    u.set_defaults(fn=cmd_users_add)

    u = us.add_parser("passwd", help="ganti kata sandi pengguna")
    u.add_argument("name", metavar="NAME")
    u.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari baris pertama stdin")
    u.set_defaults(fn=cmd_users_passwd)

    u = us.add_parser("remove", help="hapus pengguna")
    u.add_argument("name", metavar="NAME")
    u.set_defaults(fn=cmd_users_remove)

    u = us.add_parser("list", help="daftar pengguna dan perannya (tanpa hash)")
    u.set_defaults(fn=cmd_users_list)


def cmd_profile_save(a) -> int:
    from ucj_oversight.ingest import classify, profiles

    try:
        columns = {}
        for item in a.map:
            source, sep, target = item.partition("=")
            if not sep:
                raise profiles.ProfileError(f"--map '{item}': tulis 'Kolom di file=kolom_kontrak' (kosong = abaikan)")
            columns[source.strip()] = target.strip()
        header = profiles.header_from(classify.head_rows(Path(a.source)), columns)
        saved = profiles.save(
            profiles.Profile(a.name, a.kind, columns, header),
            a.by,
            settings.profiles_path(Path(a.db)),
            settings.audit_path(Path(a.db)),
        )
    except (profiles.ProfileError, ingest.IngestError, OSError) as e:
        _print_error(str(e))
        return 2
    print(f"Profil '{saved.name}' ({saved.kind}) disimpan: {saved.describe()}")
    return 0


def cmd_profile_list(a) -> int:
    from ucj_oversight.ingest import profiles

    try:
        saved = profiles.load(settings.profiles_path(Path(a.db)))
    except profiles.ProfileError as e:
        _print_error(str(e))
        return 2
    if not saved:
        print("Belum ada profil sumber.")
    for p in saved.values():
        print(f"{p.name} [{p.kind}] (diubah {p.changed_at} oleh {p.changed_by}): {p.describe()}")
    return 0


def cmd_profile_remove(a) -> int:
    from ucj_oversight.ingest import profiles

    try:
        profiles.remove(a.name, a.by, settings.profiles_path(Path(a.db)), settings.audit_path(Path(a.db)))
    except profiles.ProfileError as e:
        _print_error(str(e))
        return 2
    print(f"Profil '{a.name}' dihapus.")
    return 0


def _add_profile_commands(sub) -> None:
    s = sub.add_parser("profile", help="profil sumber: pemetaan kolom untuk tata letak file sebuah kantor")
    ps = s.add_subparsers(dest="profile_command", required=True)
    u = ps.add_parser("save", help="simpan (atau ganti) profil dari satu file contoh")
    u.add_argument("name", metavar="NAMA", help="mis. 'Register SP2D SIPD'")
    u.add_argument("--db", required=True, help="basis data (profil disimpan di sampingnya, atau UCJ_PROFILES)")
    u.add_argument("--kind", required=True, choices=ingest.contract.KIND_NAMES)
    u.add_argument("--from", dest="source", required=True, metavar="FILE", help="file dengan header yang dipetakan")
    u.add_argument("--map", action="append", default=[], metavar="'KOLOM FILE=kolom_kontrak'", help="boleh berulang")
    u.add_argument("--by", default=getpass.getuser(), help="nama di log audit; bawaan: pengguna sistem")
    u.set_defaults(fn=cmd_profile_save)
    u = ps.add_parser("list", help="daftar profil sumber")
    u.add_argument("--db", required=True)
    u.set_defaults(fn=cmd_profile_list)
    u = ps.add_parser("remove", help="hapus profil sumber")
    u.add_argument("name", metavar="NAMA")
    u.add_argument("--db", required=True)
    u.add_argument("--by", default=getpass.getuser(), help="nama di log audit; bawaan: pengguna sistem")
    u.set_defaults(fn=cmd_profile_remove)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m ucj_oversight", description="Pengawasan Universal Coverage Jamsostek Kota Bekasi"
    )
    sub = p.add_subparsers(dest="perintah", required=True)  # dest: named in argparse's error message

    s = sub.add_parser("ingest", help="impor file ekstrak ke basis data (semua atau tidak sama sekali)")
    s.add_argument("--db", required=True, help="file DuckDB (dibuat bila belum ada)")
    s.add_argument(
        "--kind",
        choices=ingest.contract.KIND_NAMES,
        help="jenis file; bawaan: dari awalan nama file, atau dari header dan judulnya",
    )
    s.add_argument(
        "--dry-run",
        action="store_true",
        help="pratinjau tanpa menulis: jenis, header, pemetaan kolom, baris dilewati, kontrol, baris pertama",
    )
    s.add_argument(
        "--profile", metavar="NAMA", help="profil sumber (pemetaan kolom) untuk semua file; bawaan: yang cocok header"
    )
    s.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    s.set_defaults(fn=cmd_ingest)

    _add_profile_commands(sub)

    s = sub.add_parser("export", help="tulis tabel angka (CSV) dan datapackage.json")
    s.add_argument("--db", required=True)
    s.add_argument("--as-of", help="bulan posisi YYYY-MM; bawaan: bulan terakhir yang ada datanya")
    s.add_argument("--out", required=True, help="folder tujuan")
    s.add_argument(
        "--publik", action="store_true", help="mode publik: jumlah 1-4 dan nominalnya disamarkan (docs/methodology.md)"
    )
    s.set_defaults(fn=cmd_export)

    s = sub.add_parser("briefing", help="tulis briefing PDF satu bulan (A4, paling banyak 2 halaman)")
    s.add_argument("--db", required=True)
    s.add_argument("--as-of", help="bulan posisi YYYY-MM; bawaan: bulan terakhir yang ada datanya")
    s.add_argument("--kecamatan", help="kode atau nama kecamatan (mis. 32.75.08); bawaan: seluruh kota")
    s.add_argument("--lang", choices=("id", "en"), default="id", help="bahasa; bawaan: id")
    s.add_argument("--out", required=True, help="file PDF tujuan")
    s.set_defaults(fn=cmd_briefing)

    s = sub.add_parser("sample", help="buat ulang file data simulasi")
    s.add_argument("--out", default=str(settings.SAMPLE_DIR))
    s.add_argument("--seed", type=int, default=20251105)
    s.add_argument("--skala", type=float, default=1.0)
    s.add_argument("--no-contoh", action="store_true", help="tanpa file contoh kecil")
    s.set_defaults(fn=cmd_sample)

    s = sub.add_parser("build-sample", help="bangun basis data dari data/sampel (bila belum ada)")
    s.add_argument("--db", help=f"bawaan: {settings.SAMPLE_DB}")
    s.add_argument("--force", action="store_true", help="bangun ulang walau sudah ada")
    s.set_defaults(fn=cmd_build_sample)

    s = sub.add_parser("bench", help="ukur kinerja: ingest dan angka tiap halaman, DuckDB vs pandas")
    s.add_argument("--rows", type=int, default=1_000_000, help="jumlah baris iuran sampel; bawaan: 1000000")
    s.add_argument("--as-of", help="bulan posisi YYYY-MM; bawaan: bulan terakhir yang ada datanya")
    s.add_argument("--cache", default="bench-cache", help="folder sampel dan DB benchmark; bawaan: bench-cache")
    s.add_argument("--out", default="docs/bench", help="folder hasil JSON + Markdown; bawaan: docs/bench")
    s.add_argument(
        "--ingest-csv",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="juga ukur ingest dengan iuran/peserta sebagai CSV; bawaan: bila --rows <= 2000000",
    )
    s.add_argument("--no-profil", action="store_true", help="tanpa tabel waktu per fungsi angka")
    s.add_argument(
        "--no-per-view",
        action="store_true",
        help="tanpa ukuran pandas yang menurunkan data per tampilan halaman (lambat pada 10 juta baris)",
    )
    s.set_defaults(fn=cmd_bench)

    _users_parsers(sub)
    _backup_parsers(sub)

    a = p.parse_args(argv)
    return a.fn(a)


if __name__ == "__main__":
    sys.exit(main())
