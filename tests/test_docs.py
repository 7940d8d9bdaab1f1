"""The documentation cannot drift from the code.

- docs/kontrak.md is exactly what ucj_oversight.kontrak_doc.markdown() renders from the contract;
- docs/methodology.md has the sections the Metodologi page shows (one `## ` per topic, in
  order), a `### KODE` subsection for each finding code, and a section naming each figure of
  the export;
- every figure SQL file opens with a comment naming it (`-- <name>:`).
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from ucj_oversight.ingest import contract, contract_doc
from ucj_oversight.publish import export
from ucj_oversight import figures

AKAR = Path(__file__).resolve().parent.parent
METODOLOGI = AKAR / "docs" / "methodology.md"
KONTRAK = AKAR / "docs" / "kontrak.md"

# The order the Metodologi page (pages/metodologi.py) shows them, one expander each.
BAGIAN = [
    "Sumber data dan impor", "Perlindungan data pribadi", "Posisi (as-of)",
    "Peserta aktif dan cakupan", "Cakupan per kelurahan dan segmen", "Tren peserta", "Pagu",
    "Realisasi dan serapan", "Rekonsiliasi iuran", "Biaya per peserta-bulan", "Proyeksi akhir tahun",
    "Klaim dibayar", "Layanan klaim", "Temuan", "Rp berisiko", "Pembulatan dan format", "Sumber",
]
# Sections that describe a figure: each gives the definition, the parameters and an example.
BAGIAN_FIGUR = BAGIAN[3:15]


def _bagian(teks: str) -> dict[str, str]:
    """`## ` title -> body, split the way pages/metodologi.py splits it."""
    hasil = {}
    for b in teks.split("\n## ")[1:]:
        judul, _, isi = b.partition("\n")
        hasil[judul.strip()] = isi
    return hasil


@pytest.fixture(scope="module")
def metodologi() -> str:
    return METODOLOGI.read_text("utf-8")


def test_kontrak_md_sama_dengan_kode():
    assert KONTRAK.exists(), f"docs/kontrak.md belum ada; buat dengan: {contract_doc.WRITE_COMMAND}"
    assert KONTRAK.read_text("utf-8") == contract_doc.markdown(), (
        "docs/kontrak.md tidak sama dengan ucj_oversight/contract.py; buat ulang dengan: "
        f"{contract_doc.WRITE_COMMAND}")


def test_kontrak_memuat_setiap_jenis_dan_kolom():
    md = contract_doc.markdown()
    for nama, jenis in contract.KINDS.items():
        assert f"\n### {nama}\n" in md
        for k in jenis.kolom:
            assert f"| `{k.nama}` |" in md
            if k.description:
                assert contract_doc._sel(k.description) in md


def test_tulis_menulis_file(tmp_path):
    p = contract_doc.write(tmp_path / "k.md")
    assert p.read_text("utf-8") == contract_doc.markdown()


def test_metodologi_struktur(metodologi):
    assert metodologi.startswith("# "), "methodology.md dimulai dengan judul tingkat 1"
    assert [m for m in re.findall(r"^## (.+)$", metodologi, flags=re.M)] == BAGIAN
    for judul, isi in _bagian(metodologi).items():
        assert re.search(r"^\*English:\*", isi, flags=re.M), f"bagian '{judul}' tanpa baris *English:*"


def test_metodologi_setiap_figur_punya_definisi_parameter_contoh(metodologi):
    bagian = _bagian(metodologi)
    for judul in BAGIAN_FIGUR:
        isi = bagian[judul]
        for kata in ("**Fungsi:**", "**Definisi.**", "**Parameter.**", "**Contoh"):
            assert kata in isi, f"bagian '{judul}' tanpa {kata}"


def test_metodologi_setiap_figur_ekspor_punya_bagian(metodologi):
    bagian = _bagian(metodologi)
    for nama in export.TABLES:
        assert any(re.search(rf"^\*\*Fungsi:\*\*.*`{nama}`", isi, flags=re.M) for isi in bagian.values()), (
            f"docs/methodology.md tidak punya bagian `## ` dengan '**Fungsi:** `{nama}`'")


def test_metodologi_setiap_kode_temuan(metodologi):
    temuan = _bagian(metodologi)["Temuan"]
    kode = re.findall(r"^### (\S+)\s*$", temuan, flags=re.M)
    assert len(figures.TEMUAN_CODES) == 10
    assert kode == list(figures.TEMUAN_CODES)
    for k, isi in zip(kode, re.split(r"^### \S+\s*$", temuan, flags=re.M)[1:]):
        for kata in ("**Aturan.**", "**Artinya.**", "**Pertanyaan pengawasan.**", "**Contoh.**", "*English:*"):
            assert kata in isi, f"temuan {k} tanpa {kata}"


def _sql_figur() -> list[str]:
    folder = resources.files("ucj_oversight.figures").joinpath("sql")
    return sorted(p.name for p in folder.iterdir()
                  if p.name.endswith(".sql"))


@pytest.mark.parametrize("nama", _sql_figur())
def test_sql_diawali_komentar_nama(nama):
    teks = resources.files("ucj_oversight.figures").joinpath(f"sql/{nama}").read_text("utf-8")
    baris_pertama = teks.splitlines()[0] if teks.strip() else ""
    stem = nama[: -len(".sql")]
    assert baris_pertama.startswith(f"-- {stem}:"), (
        f"sql/{nama} harus diawali baris komentar '-- {stem}: <apa yang dihitung>'")
