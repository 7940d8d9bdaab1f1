"""Number, Rupiah, percent and time formats in both languages (text/fmt.py), and the
methodology split for the reader (text/methodology.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from ucj_oversight.figures import SPECS
from ucj_oversight.text import fmt, methodology


@pytest.mark.parametrize(
    "call, indonesian, english",
    [
        # Grouping '.' and decimal ',' in Indonesian; the other way round in English.
        (lambda lang: fmt.number(51_199, lang=lang), "51.199", "51,199"),
        (lambda lang: fmt.number(1234.5, 1, lang=lang), "1.234,5", "1,234.5"),
        # 85,33 -> one decimal, half up: 85,3.
        (lambda lang: fmt.percent(85.33, lang=lang), "85,3%", "85.3%"),
        (lambda lang: fmt.percent(39.55, lang=lang), "39,6%", "39.6%"),
        (lambda lang: fmt.rupiah(1_250_000_000, lang), "Rp 1.250.000.000", "Rp 1,250,000,000"),
        (lambda lang: fmt.rupiah(-16_800, lang), "−Rp 16.800", "−Rp 16,800"),
        # 10.323.000.000 / 1e9 = 10,323 -> two decimals: 10,32 miliar / 10.32 billion.
        (lambda lang: fmt.rupiah_short(10_323_000_000, lang), "Rp 10,32 miliar", "Rp 10.32 billion"),
        # 311.250.000 / 1e6 = 311,25 -> 100 or more: no decimals.
        (lambda lang: fmt.rupiah_short(311_250_000, lang), "Rp 311 juta", "Rp 311 million"),
        # Below a million: the full amount.
        (lambda lang: fmt.rupiah_short(200_000, lang), "Rp 200.000", "Rp 200,000"),
        (lambda lang: fmt.signed_number(-1234, lang=lang), "−1.234", "−1,234"),
        (lambda lang: fmt.month("2026-10", lang, short=True), "Okt 2026", "Oct 2026"),
        (lambda lang: fmt.date("2026-01-15", lang, short=True), "15 Jan 2026", "15 Jan 2026"),
        (lambda lang: fmt.number(None, lang=lang), "–", "–"),
    ],
)
def test_formats_in_both_languages(call, indonesian, english):
    assert call("id") == indonesian
    assert call("en") == english


def test_indonesian_is_the_default():
    assert fmt.number(51_199) == "51.199" and fmt.rupiah_short(10_323_000_000) == "Rp 10,32 miliar"


def test_times_are_shown_in_wib_with_the_zone():
    # Stored without a zone (the import log): taken as WIB.
    assert fmt.time(dt.datetime(2026, 11, 29, 11, 48)) == "29 November 2026 11.48 WIB"
    assert fmt.time(dt.datetime(2026, 11, 29, 11, 48), "en") == "29 November 2026 11:48 WIB"
    # An aware time (the audit log, or UTC) is converted: 04:48 UTC is 11:48 WIB.
    utc = dt.datetime(2026, 11, 29, 4, 48, tzinfo=dt.UTC)
    assert fmt.time(utc, short=True) == "29 Nov 2026 11.48 WIB"
    # 20:30 UTC on the 28th is already the 29th in Bekasi.
    assert fmt.time(dt.datetime(2026, 11, 28, 20, 30, tzinfo=dt.UTC)) == "29 November 2026 03.30 WIB"
    assert fmt.time(None) == "–"


DOC = """# Metodologi

## Peserta aktif dan cakupan

**Fungsi:** `cakupan_kecamatan` (`figures/sql/cakupan_kecamatan.sql`).

Ada dua angka cakupan. Kota dihitung dari tabel per kecamatan (`cakupan_kota`, oleh `city_totals`).
Tahun target diatur dengan `UCJ_TAHUN_TARGET`. Kolom `tgl_mulai` menentukan.

- **Kekurangan** = semesta − peserta aktif.
- **Kota** (`laju_cakupan_kota`): hanya kecamatan bersemesta.
- Tarif dapat diubah dengan `UCJ_TARIF`.

**Contoh (data uji `tests/fixtures/kecil`).** Pondokgede 2 dari 4.

| Kecamatan | Aktif |
|---|---|
| Pondokgede | 2 |

*English:* Two coverage figures. The target year is set by `UCJ_TAHUN_TARGET`. Active people at D.

### NIK_TIDAK_VALID

**Aturan.** NIK bukan 16 digit.

*English:* A NIK that is not 16 digits.
"""


def test_methodology_in_indonesian_leaves_code_for_the_technical_details():
    parts = methodology.parse(DOC, "id", set(SPECS))
    assert [(p.title, p.level) for p in parts] == [("Peserta aktif dan cakupan", 2), ("NIK_TIDAK_VALID", 3)]
    main = "\n\n".join(parts[0].main)
    # The parenthesis naming functions is dropped, the sentence naming a setting moves; the
    # extract column `tgl_mulai` is a data word and stays.
    assert main == (
        "Ada dua angka cakupan. Kota dihitung dari tabel per kecamatan. Kolom `tgl_mulai` menentukan.\n\n"
        "- **Kekurangan** = semesta − peserta aktif.\n- **Kota**: hanya kecamatan bersemesta."
    )
    technical = "\n\n".join(parts[0].technical)
    for moved in (
        "**Fungsi:**",
        "Tahun target diatur dengan `UCJ_TAHUN_TARGET`.",
        "`UCJ_TARIF`",
        "**Contoh",
        "| Pondokgede | 2 |",
    ):
        assert moved in technical, moved
    assert "English" not in main + technical
    assert parts[1].main == ["**Aturan.** NIK bukan 16 digit."]


def test_methodology_in_english_shows_the_english_paragraphs():
    parts = methodology.parse(DOC, "en", set(SPECS))
    assert parts[0].main == ["Two coverage figures. Active people at D."]
    assert "The target year is set by `UCJ_TAHUN_TARGET`." in parts[0].technical
    assert parts[1].main == ["A NIK that is not 16 digits."]
    # The full Indonesian text is there for who wants every detail, behind the technical details.
    assert "**Aturan.** NIK bukan 16 digit." in parts[1].technical


def test_the_real_methodology_shows_no_code_to_the_reader():
    from ucj_oversight import settings
    from ucj_oversight.ingest import contract

    text = (settings.ROOT / "docs" / "methodology.md").read_text("utf-8")
    columns = {c.name for kind in contract.KINDS.values() for c in kind.columns}
    names = set(SPECS) - columns
    for lang in ("id", "en"):
        parts = methodology.parse(text, lang, names)
        assert len(parts) >= 20
        for part in parts:
            assert part.main, (lang, part.title)  # every section says something to the reader
            for block in part.main:
                assert "*English:*" not in block
                spans = methodology._CODE.findall(block)
                assert not [s for s in spans if methodology.code_like(s, names)], (lang, part.title, block[:80])
