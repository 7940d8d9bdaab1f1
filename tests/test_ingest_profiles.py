"""Source profiles and the preview before writing (issue 12, part 7), without a browser: the
dry run's preview per file and sheet, a header the contract does not know (a mappable error),
a profile saved, applied automatically to a file with the same header and by name from the
command line, its changes in the audit log, and the checks a profile must pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SMALL_DIR, TEST_KEY

from ucj_oversight import cli, ingest
from ucj_oversight.ingest import classify, profiles
from ucj_oversight.ingest.readers import HeaderNotRecognised, KindUnknown
from ucj_oversight.storage.atomic import sha256_file

HEADER = (
    "Nomor Kartu,Nomor Induk Warga,Nama,Tgl Lahir,Kelamin (L/P),Kecamatan,Segmen,Tgl Daftar,Tgl Akhir,Status,Catatan"
)
ROWS = [
    "N7,3275080101900077,Ani,1990-01-01,P,Pondokgede,PKL,2026-01-01,,AKTIF,",
    "N8,3275080101900078,Budi,1991-02-02,L,Pondokgede,PKL,2026-02-01,,AKTIF,pindahan",
]
MAPPING = {
    "Nomor Kartu": "no_kpj",
    "Nomor Induk Warga": "nik",
    "Kelamin (L/P)": "jenis_kelamin",
    "Tgl Daftar": "tgl_mulai",
}


def _office_file(folder: Path, name: str, rows=ROWS, title: str = "DAFTAR PESERTA BPU PEMKOT BEKASI") -> Path:
    path = folder / name
    lines = [title, "Posisi per 31 Oktober 2026", "", HEADER, *rows, "JUMLAH,2", "", "Bekasi, 5 November 2026"]
    lines += ["Kepala Dinas Ketenagakerjaan", "NIP. 19750101 200001 1 001"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "kecil.duckdb"
    ingest.run_import(path, [SMALL_DIR], key=TEST_KEY)
    return path


def _save(db: Path, source: Path, name: str = "Daftar BPU Disnaker", columns=MAPPING) -> profiles.Profile:
    header = profiles.header_from(classify.head_rows(source), columns)
    return profiles.save(
        profiles.Profile(name, "peserta", dict(columns), header),
        "admin1",
        Path(str(db) + ".profil.json"),
        Path(str(db) + ".audit.jsonl"),
    )


def test_unknown_header_is_a_mappable_error_and_changes_nothing(db, tmp_path):
    f = _office_file(tmp_path, "peserta_disnaker.csv")
    before = sha256_file(db)
    with pytest.raises(HeaderNotRecognised) as caught:
        ingest.run_import(db, [f], key=TEST_KEY)
    e = caught.value
    assert e.kind == "peserta" and e.header_row == 4 and e.where == "peserta_disnaker.csv"
    assert e.cells == HEADER.split(",")
    # What the contract recognises by itself, and what the admin must map.
    assert e.mapped == {"Nama": "nama", "Tgl Lahir": "tgl_lahir", "Kecamatan": "kecamatan", "Segmen": "segmen",
                        "Tgl Akhir": "tgl_akhir", "Status": "status"}  # fmt: skip
    assert e.missing == ["no_kpj", "nik", "jenis_kelamin", "tgl_mulai"]
    assert sha256_file(db) == before


def test_a_saved_profile_is_applied_to_the_same_header_and_previewed(db, tmp_path):
    _save(db, _office_file(tmp_path, "peserta_disnaker_okt.csv"))
    # A later month's file, a name that does not say its kind: the profile gives kind and mapping.
    later = _office_file(tmp_path, "daftar bpu pemkot nov 2026.csv", [r.replace("N7", "N9") for r in ROWS[:1]])
    before = sha256_file(db)
    report = ingest.run_import(db, [later], key=TEST_KEY, dry_run=True)
    assert sha256_file(db) == before  # a dry run writes nothing
    f = report.files[0]
    assert (f.kind, f.profile, f.rows_loaded, f.rows_quarantined) == ("peserta", "Daftar BPU Disnaker", 1, 0)
    assert "profil sumber 'Daftar BPU Disnaker'" in f.kind_reason
    assert f.header_rows == (4,)
    mapping = dict(f.mapping)
    assert mapping["Nomor Kartu"] == "no_kpj" and mapping["Nomor Induk Warga"] == "nik"
    assert mapping["Catatan"] == "" and mapping["Nama"] == "nama"
    # Skipped rows by why: the JUMLAH line is a summary, the signature block closes the file.
    assert f.summary_rows == [6] and f.skipped_rows == [6, 8, 9, 10]
    # The first rows as they will be loaded: the NIK masked, never whole, never its hash.
    assert len(f.preview) == 1
    assert f.preview[0] | {
        "baris": 5, "no_kpj": "N9", "nik": "3275••••••••••77", "tgl_lahir": "1990-01-01", "jenis_kelamin": "P",
         "kode_kecamatan": "32.75.08", "kode_kelurahan": "", "segmen": "PKL", "tgl_mulai": "2026-01-01",
         "tgl_akhir": "", "status": "AKTIF"} == f.preview[0]  # fmt: skip
    text = ingest.summarize(report)
    assert "'Nomor Kartu' → no_kpj" in text and "'Catatan' → (tidak dikenal, diabaikan)" in text
    assert "dilewati, ringkasan (JUMLAH/TOTAL): 1 (baris 6)" in text
    assert "dilewati, penutup (tanda tangan, tanggal, keterangan): 3 (baris 8–10)" in text
    assert "3275••••••••••77" in text and "3275080101900077" not in text
    # A file with another header gets no profile: the contract's names as before.
    other = ingest.run_import(db, [SMALL_DIR / "peserta_kecil.csv"], key=TEST_KEY, dry_run=True)
    assert other.files[0].profile is None or other.files[0].duplicate_of


def test_profile_by_name_from_the_command_line_and_the_audit_log(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UCJ_NIK_KEY", "kunci-uji")  # TEST_KEY, as the database was built with
    source = _office_file(tmp_path, "contoh.csv")
    args = ["profile", "save", "Daftar BPU Disnaker", "--db", str(db), "--kind", "peserta", "--from", str(source)]
    args += [a for k, v in MAPPING.items() for a in ("--map", f"{k}={v}")] + ["--by", "siti"]
    assert cli.main(args) == 0
    # Another title, so that only --profile (or the header) can say what this is.
    f = _office_file(tmp_path, "rekap_okt.csv", title="REKAP")
    assert cli.main(["ingest", "--db", str(db), "--profile", "Daftar BPU Disnaker", str(f)]) == 0
    assert "profil sumber" in capsys.readouterr().out
    assert cli.main(["ingest", "--db", str(db), "--profile", "Tidak Ada", str(f)]) == 2
    assert "profil 'Tidak Ada' tidak ada" in capsys.readouterr().err
    # Changing the mapping and removing the profile are audit events with the mapping.
    assert cli.main([*args[:-2], "--map", "Catatan=", "--by", "siti"]) == 0
    assert cli.main(["profile", "remove", "Daftar BPU Disnaker", "--db", str(db), "--by", "budi"]) == 0
    events = [json.loads(x) for x in Path(str(db) + ".audit.jsonl").read_text(encoding="utf-8").splitlines()]
    kinds = [(e["peristiwa"], e["oleh"]) for e in events if e["peristiwa"].startswith("profil")]
    assert kinds == [("profil_dibuat", "siti"), ("profil_diubah", "siti"), ("profil_dihapus", "budi")]
    assert "Catatan → (diabaikan)" in events[-2]["kolom"] and events[-2]["sebelumnya"].startswith("Nomor Kartu")
    assert profiles.load(Path(str(db) + ".profil.json")) == {}


def test_a_header_error_asks_for_the_mapping_on_the_command_line(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UCJ_NIK_KEY", "kunci-uji")
    f = _office_file(tmp_path, "peserta_disnaker.csv")
    assert cli.main(["ingest", "--db", str(db), str(f)]) == 2
    err = capsys.readouterr().err
    assert "profile save NAMA" in err and "no_kpj, nik, jenis_kelamin, tgl_mulai" in err


@pytest.mark.parametrize(
    ("columns", "kind", "message"),
    [
        ({"Nomor Kartu": "tidak_ada"}, "peserta", "kolom kontrak tidak dikenal"),
        ({"Nomor Kartu": "no_kpj", "Nomor Lain": "no_kpj"}, "peserta", "lebih dari sekali"),
        ({"nik": "no_kpj"}, "peserta", "adalah nama kontrak 'nik'"),
        ({"Nomor Kartu": "no_kpj"}, "bukan_jenis", "jenis 'bukan_jenis' tidak dikenal"),
    ],
)
def test_a_profile_that_breaks_the_contract_is_refused(columns, kind, message, tmp_path):
    with pytest.raises(profiles.ProfileError, match=message):
        profiles.validate(profiles.Profile("P", kind, columns))
    assert not (tmp_path / "p.json").exists()


def test_a_profile_takes_a_name_away_from_the_column_the_contract_gives_it():
    # 'jumlah' is an alias of nominal in iuran; a profile may say it is another column's.
    kind = ingest.contract.KINDS["sasaran"]
    mapped = profiles.apply(kind, profiles.Profile("P", "sasaran", {"Jumlah": "", "Target Kuota": "jumlah_sasaran"}))
    names = ingest.contract.header_map(mapped)
    assert "jumlah" not in names and names["target_kuota"] == "jumlah_sasaran"
    assert ingest.contract.header_map(kind)["jumlah"] == "jumlah_sasaran"  # the declaration is unchanged


def test_kind_unknown_is_its_own_error(tmp_path):
    f = tmp_path / "rekap.csv"
    f.write_text("Kolom A,Kolom B\n1,2\n", encoding="utf-8")
    with pytest.raises(KindUnknown):
        ingest.run_import(tmp_path / "x.duckdb", [f], key=TEST_KEY, dry_run=True)
