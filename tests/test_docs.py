"""The documentation cannot drift from the code.

- docs/kontrak.md is exactly what ingest.contract_doc.markdown() renders from the contract;
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

from ucj_oversight import figures
from ucj_oversight.ingest import contract, contract_doc
from ucj_oversight.publish import export

ROOT = Path(__file__).resolve().parent.parent
METHODOLOGY = ROOT / "docs" / "methodology.md"
KONTRAK_MD = ROOT / "docs" / "kontrak.md"

# The order the Metodologi page (pages/metodologi.py) shows them, one expander each.
SECTIONS = [
    "Sumber data dan impor",
    "Perlindungan data pribadi",
    "Posisi (as-of)",
    "Peserta aktif dan cakupan",
    "Cakupan per kelurahan dan segmen",
    "Tren peserta",
    "Pagu",
    "Realisasi dan serapan",
    "Rekonsiliasi iuran",
    "Ketepatan bayar iuran",
    "Perlindungan dan iuran menunggak",
    "Biaya per peserta-bulan",
    "Proyeksi akhir tahun",
    "Klaim dibayar",
    "Layanan klaim",
    "Klaim ditolak",
    "Perlu klarifikasi",
    "Perlu klarifikasi: APBD dan manfaat BPJS",
    "Pembulatan dan format",
    "Sumber",
]
# Sections that describe a figure: each gives the definition, the parameters and an example.
FIGURE_SECTIONS = SECTIONS[3 : SECTIONS.index("Pembulatan dan format")]


def _sections(text: str) -> dict[str, str]:
    """`## ` title -> body, split the way pages/metodologi.py splits it."""
    result = {}
    for b in text.split("\n## ")[1:]:
        title, _, body = b.partition("\n")
        result[title.strip()] = body
    return result


@pytest.fixture(scope="module")
def methodology() -> str:
    return METHODOLOGY.read_text("utf-8")


def test_kontrak_md_matches_the_code():
    assert KONTRAK_MD.exists(), f"docs/kontrak.md belum ada; buat dengan: {contract_doc.WRITE_COMMAND}"
    assert KONTRAK_MD.read_text("utf-8") == contract_doc.markdown(), (
        "docs/kontrak.md tidak sama dengan ucj_oversight/ingest/contract.py; buat ulang dengan: "
        f"{contract_doc.WRITE_COMMAND}"
    )


def test_kontrak_has_every_kind_and_column():
    md = contract_doc.markdown()
    for name, kind in contract.KINDS.items():
        assert f"\n### {name}\n" in md
        for column in kind.columns:
            assert f"| `{column.name}` |" in md
            if column.description_en:
                assert contract_doc._cell(column.description_en) in md
        for rule in kind.rules:
            assert f"- {rule.text_id}\n" in md
        assert kind.overlap_id in md


def test_write_writes_the_file(tmp_path):
    p = contract_doc.write(tmp_path / "k.md")
    assert p.read_text("utf-8") == contract_doc.markdown()


def test_methodology_structure(methodology):
    assert methodology.startswith("# "), "methodology.md dimulai dengan judul tingkat 1"
    assert [m for m in re.findall(r"^## (.+)$", methodology, flags=re.M)] == SECTIONS
    for title, body in _sections(methodology).items():
        assert re.search(r"^\*English:\*", body, flags=re.M), f"bagian '{title}' tanpa baris *English:*"


def test_methodology_gives_every_figure_a_definition_parameters_and_example(methodology):
    sections = _sections(methodology)
    for title in FIGURE_SECTIONS:
        body = sections[title]
        for word in ("**Fungsi:**", "**Definisi.**", "**Parameter.**", "**Contoh"):
            assert word in body, f"bagian '{title}' tanpa {word}"


def test_methodology_has_a_section_for_every_export_figure(methodology):
    sections = _sections(methodology)
    for name in export.TABLES:
        assert any(re.search(rf"^\*\*Fungsi:\*\*.*`{name}`", body, flags=re.M) for body in sections.values()), (
            f"docs/methodology.md tidak punya bagian `## ` dengan '**Fungsi:** `{name}`'"
        )


def test_methodology_has_every_temuan_code(methodology):
    temuan = _sections(methodology)["Perlu klarifikasi"]
    codes = re.findall(r"^### (\S+)\s*$", temuan, flags=re.M)
    assert len(figures.TEMUAN_CODES) == 11
    assert codes == list(figures.TEMUAN_CODES)
    for k, body in zip(codes, re.split(r"^### \S+\s*$", temuan, flags=re.M)[1:]):
        for word in ("**Aturan.**", "**Artinya.**", "**Pertanyaan pengawasan.**", "**Contoh.**", "*English:*"):
            assert word in body, f"temuan {k} tanpa {word}"


def _figure_sql_files() -> list[str]:
    folder = resources.files("ucj_oversight.figures").joinpath("sql")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))


@pytest.mark.parametrize("name", _figure_sql_files())
def test_sql_opens_with_a_name_comment(name):
    text = resources.files("ucj_oversight.figures").joinpath(f"sql/{name}").read_text("utf-8")
    first_line = text.splitlines()[0] if text.strip() else ""
    stem = name[: -len(".sql")]
    assert first_line.startswith(f"-- {stem}:"), (
        f"sql/{name} harus diawali baris komentar '-- {stem}: <apa yang dihitung>'"
    )
