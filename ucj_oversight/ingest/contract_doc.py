"""docs/kontrak.md: the extract contract as Markdown, generated from ingest.contract.

Each kind's section (columns with their types, required header/value, aliases, choices and
descriptions; unique keys; cross-column rules; which version counts when imports overlap) is
rendered from its declaration (contract.Kind); the karantina reasons, the list of kecamatan and
kelurahan and the Excel date range are read from the code too, so the document cannot drift from
what the ingest does; tests/test_docs.py checks that docs/kontrak.md equals markdown(). Regenerate with:

    python -c "from ucj_oversight.ingest import contract_doc; contract_doc.write()"
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ucj_oversight import regions
from ucj_oversight.ingest import contract, layout, preview, values

CONTRACT_PATH = Path(__file__).resolve().parents[2] / "docs" / "kontrak.md"
WRITE_COMMAND = 'python -c "from ucj_oversight.ingest import contract_doc; contract_doc.write()"'

# What each value type accepts, in plain Indonesian (the rules of ingest.values and
# ingest.validate). A type used in contract.KINDS without an entry here fails markdown().
_TYPE_TEXT: dict[str, str] = {
    contract.TEXT: "Teks bebas. Spasi di awal dan akhir dibuang, spasi berturut-turut dirapatkan.",
    contract.CODE: (
        "Kode atau nomor (mis. `no_kpj`, `no_sp2d`, `kode_rekening`). Spasi di awal/akhir "
        "dibuang, spasi berturut-turut dirapatkan, huruf dijadikan kapital: `25k 001` = `25K 001`."
    ),
    contract.NIK: (
        "NIK. Spasi, titik dan tanda hubung dibuang dahulu (`3275 0801-0190.0001` = "
        "`3275080101900001`), lalu langsung diubah menjadi hash berkunci (HMAC-SHA256). "
        "NIK asli tidak pernah disimpan. Yang disimpan selain hash: tanda apakah NIK tepat "
        "16 digit, dan 4 digit pertamanya (kode provinsi + kabupaten/kota). NIK kosong: baris "
        "dikarantina. NIK yang bukan 16 digit tetap dimuat dan menjadi temuan NIK_TIDAK_VALID. "
        "NIK yang diketik sebagai angka di sel Excel/Parquet dibaca kembali tepat 16 digitnya. "
        "NIK yang sudah berupa teks notasi ilmiah (`3,27501E+15`, tampilan Excel untuk angka "
        "panjang) tidak dapat dipulihkan: baris dimuat sebagai NIK_TIDAK_VALID dengan alasannya "
        "sendiri; format kolom NIK sebagai Teks sebelum mengisi."
    ),
    contract.DATE: (
        "Tanggal. Diterima: `2026-01-31` (juga `2026/1/31`, boleh diikuti jam), "
        "`31/01/2026` atau `5/1/2026` (pemisah `/`, `-` atau `.`; urutan selalu "
        "hari-bulan-tahun), nama bulan Indonesia atau Inggris, lengkap atau singkat, huruf "
        "besar/kecil bebas (`5 Januari 2026`, `05 Jan 2026`, `05-Jan-2026`, `5-Agu-2026`, "
        "`5 Agt 2026`, `Senin, 5 Januari 2026`), atau sel "
        "tanggal Excel (tanggal asli, atau nomor seri Excel {serial_min}–{serial_max}, yaitu "
        "{date_min} s.d. {date_max}). Format boleh campur dalam satu kolom. Format "
        "bulan-hari-tahun (`1/31/2026`, `January 5, 2026`) dan tanggal yang tidak ada "
        "(`31 Februari 2026`) tidak diterima."
    ),
    contract.PERIOD: (
        "Bulan. Diterima: `2026-01`, `202601`, `2026/01`, `01/2026` (juga `1/2026`, `1-2026`), "
        "nama bulan dan tahun (`Januari 2026`, `Jan 2026`, `Agt 2026`, `Jan-2026`; Indonesia "
        "atau Inggris, huruf besar/kecil bebas), atau "
        "tanggal apa pun (diambil bulannya: `2026-01-31` = Januari 2026). Disimpan sebagai "
        "tanggal 1 bulan itu."
    ),
    contract.MONEY: (
        "Rupiah. Diterima: angka dari Excel/Parquet, atau teks Indonesia: `16800`, `16.800`, "
        "`Rp 16.800`, `Rp16.800`, `IDR 16.800`, `16800,00`, `1.234.567,89`, `16.800,-`, "
        "`- 16.800`, `(125.000)` (tanda kurung = negatif), dan format mesin `16800.00`. "
        "Titik yang diikuti tepat tiga digit adalah pemisah ribuan (`100.000` = seratus ribu). "
        "Format Inggris `1,234,567.89` tidak diterima. Nilai negatif dikarantina."
    ),
    contract.INTEGER: (
        "Bilangan bulat ≥ 0 (tahun, jumlah orang): `2026`, `1.250` (= seribu dua ratus "
        "lima puluh), `2026.0` dari Excel. Pecahan atau nilai negatif dikarantina."
    ),
    contract.KECAMATAN: (
        "Kecamatan di Kota Bekasi, dengan nama atau kode Kemendagri; lihat "
        "[Kecamatan dan kelurahan](#kecamatan-dan-kelurahan)."
    ),
    contract.KELURAHAN: (
        "Kelurahan di kecamatan baris itu, dengan nama atau kode; lihat "
        "[Kecamatan dan kelurahan](#kecamatan-dan-kelurahan)."
    ),
    contract.CHOICE: (
        "Salah satu nilai dari daftar (kolom Keterangan). Huruf besar/kecil, spasi dan tanda "
        "baca diabaikan (`Non Aktif` = `non-aktif` = `NONAKTIF`). Sinonim yang juga diterima: "
        "{synonyms}."
    ),
    contract.DISCARDED: (
        "Boleh ada di file; dibaca lalu dibuang, tidak pernah disimpan (UU No. 27 Tahun 2022 "
        "tentang Pelindungan Data Pribadi: hanya data yang diperlukan)."
    ),
}

_YES, _NO, _ONE_OF = "ya", "tidak", "salah satu¹"


def _cell(text: object) -> str:
    """A Markdown table cell: pipes escaped, line breaks flattened."""
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _codes(items) -> str:
    return ", ".join(f"`{v}`" for v in items) if items else "–"


def _type_text(type_: str) -> str:
    if type_ not in _TYPE_TEXT:
        raise KeyError(f"contract_doc: tipe kolom '{type_}' belum dijelaskan di _TYPE_TEXT")
    serial_min, serial_max = values.SERIAL_MIN, values.SERIAL_MAX

    def date(n: int) -> str:
        return (values.EXCEL_EPOCH + pd.Timedelta(days=n)).strftime("%Y-%m-%d")

    synonyms = ", ".join(f"`{k}` → `{v}`" for k, v in sorted(values.CHOICE_SYNONYMS.items()))
    return _TYPE_TEXT[type_].format(
        serial_min=serial_min,
        serial_max=serial_max,
        date_min=date(serial_min),
        date_max=date(serial_max),
        synonyms=synonyms,
    )


def _unique_keys(kind: contract.Kind) -> str | None:
    if not kind.unique_keys:
        return None
    parts = []
    for key in kind.unique_keys:
        names = [
            "segmen (kosong = semua)" if c == "segmen_kunci" else "kecamatan" if c == "kode_kecamatan" else c
            for c in key
        ]
        parts.append(" + ".join(f"`{n}`" if " " not in n else n for n in names))
    return "; ".join(parts)


def _column_table(kind: contract.Kind) -> list[str]:
    either = {n for group in kind.one_of for n in group}
    lines = [
        "| Kolom | Tipe | Header wajib? | Isi wajib? | Alias yang diterima | Keterangan | Description |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in kind.columns:
        if c.name in either:
            header = value = _ONE_OF
        else:
            header = _YES if c.required_in_header else _NO
            value = _YES if c.required else _NO
        text = c.description_id
        if c.choices and not all(p in text for p in c.choices):
            text = f"{text}. Pilihan: {' / '.join(c.choices)}" if text else f"Pilihan: {' / '.join(c.choices)}"
        lines.append(
            f"| `{c.name}` | {c.type} | {header} | {value} | {_cell(_codes(c.aliases))} | "
            f"{_cell(text) or '–'} | {_cell(c.description_en) or '–'} |"
        )
    return lines


def _kind_section(kind: contract.Kind) -> list[str]:
    out = [
        f"### {kind.name}",
        "",
        f"{kind.description_id}.",
        "",
        f"- Nama file diawali `{kind.name}`, mis. `{kind.name}_2026-03.csv` (atau `--kind {kind.name}`).",
    ]
    if kind.title_words:
        out.append(
            "- Kata judul yang menunjuk jenis ini (untuk file yang namanya tidak diawali jenis): "
            + ", ".join(f"`{w}`" for w in kind.title_words)
            + "."
        )
    for total in kind.totals:
        parts = " + ".join(f"`{p}`" for p in total.parts)
        out.append(
            f"- `{total.column}` boleh dikirim sebagai komponennya {parts}: bila ada total, total yang dipakai; "
            f"bila hanya komponen, dijumlahkan; bila keduanya ada dan berbeda, baris dikarantina "
            f'("{total.reason}").'
        )
    keys = _unique_keys(kind)
    if keys:
        out.append(
            f"- Kunci unik dalam satu file: {keys}. Baris berikutnya dengan kunci yang sama "
            f"dikarantina; yang dipakai adalah baris pertama yang lolos semua pemeriksaan."
        )
    for group in kind.one_of:
        out.append(
            f"- ¹ Salah satu dari {_codes(group)} harus ada di header dan terisi di setiap baris. "
            f"Bila keduanya terisi, keduanya harus menunjuk kecamatan yang sama."
        )
    for rule in kind.rules:
        out.append(f"- {rule.text_id}")
    out.append(f"- Bila beberapa impor tumpang-tindih: {kind.overlap_id}")
    out += ["", *_column_table(kind), ""]
    return out


def _regions_section() -> list[str]:
    out = [
        "## Kecamatan dan kelurahan",
        "",
        "Kecamatan boleh ditulis dengan nama atau kode Kemendagri. Nama dicocokkan tanpa melihat huruf "
        "besar/kecil, spasi, titik dan tanda hubung, dan awalan `Kec.`/`Kecamatan` diabaikan: "
        "`Kec. Pondok Gede` = `PONDOKGEDE` = `pondok-gede`. Kode dicocokkan dari digitnya saja: "
        "`32.75.08` = `327508` = `32 75 08`. Bila `kecamatan` dan `kode_kecamatan` sama-sama diisi tetapi "
        "berbeda, baris dikarantina. Nama di luar Kota Bekasi (mis. Cikarang Barat, Tambun Selatan di "
        "Kabupaten Bekasi) dikarantina.",
        "",
        "Kelurahan (hanya pada file peserta, opsional) dicocokkan dengan cara yang sama, tetapi hanya di "
        "dalam kecamatan baris itu; awalan `Kel.`/`Kelurahan`/`Desa` diabaikan. Kelurahan yang tidak ada "
        "di kecamatan tersebut dikarantina. Kode mengikuti Keputusan Menteri Dalam Negeri No. "
        "300.2.2-2138 Tahun 2025 tentang Pemberian dan Pemutakhiran Kode, Data Wilayah Administrasi "
        "Pemerintahan, dan Pulau.",
        "",
        "*English:* kecamatan by name or Kemendagri code (case, spaces, dots, hyphens and a 'Kec.' prefix "
        "ignored; codes by their digits); kelurahan likewise, within the row's kecamatan.",
        "",
        "| Kode kecamatan | Kecamatan | Kelurahan (kode) |",
        "|---|---|---|",
    ]
    kelurahan = regions.list_kelurahan()
    for k in regions.list_kecamatan():
        listed = ", ".join(f"{x.name} ({x.code})" for x in kelurahan if x.kode_kecamatan == k.code)
        out.append(f"| {k.code} | {k.name} | {_cell(listed)} |")
    out.append("")
    return out


def _layout_section() -> list[str]:
    """Office layouts (ingest.layout, ingest.controls): title rows, two-level headers, a running
    number, summary rows with control totals and a signature block."""
    return [
        "## Tata letak file dari kantor",
        "",
        "File yang dicetak atau diekspor kantor (Disnaker, register SP2D BPKAD, BPJS Ketenagakerjaan) "
        "dapat diimpor apa adanya, tanpa disunting dahulu:",
        "",
        f'- **Baris judul** di atas header (nama instansi, nama laporan, periode, "Posisi per 31 Oktober '
        f'2026", baris kosong): header dicari di {layout.HEADER_WINDOW} baris pertama, yaitu baris yang '
        "paling banyak cocok dengan nama kolom dan alias di bawah. Bila dua baris berbeda sama-sama "
        "paling cocok, atau baris terbaik tidak memuat semua kolom wajib, file ditolak dengan pesan yang "
        "menyebut baris yang diperiksa dan kolom yang ditemukan. Nomor baris di laporan impor dan di "
        "karantina tetap nomor baris spreadsheet (data mulai tepat di bawah header).",
        '- **Header dua tingkat**: sel kelompok yang digabung ("Identitas Peserta", "Kepesertaan") di '
        "atas nama kolom sebenarnya; nama di tingkat bawah yang dipakai. Baris penomoran kolom di bawah "
        "header (`(1)`, `(2)`, `(3)` …) dilewati.",
        "- **Kolom nomor urut** (" + ", ".join(f"`{n}`" for n in sorted(layout.NUMBER_HEADERS)) + ", "
        "juga `No.`) bukan data dan diabaikan; baris yang hanya berisi nomor urut dianggap kosong.",
        "- **Baris ringkasan** `JUMLAH`, `TOTAL`, `SUB TOTAL`, `GRAND TOTAL`, `JML` (kata itu di salah "
        f'satu dari {layout.LEADING_COLUMNS} sel pertama, juga "Jumlah peserta: 2.318") dilewati, tidak '
        "dimuat dan tidak dikarantina (tidak dihitung sebagai BARIS_DITOLAK); laporan impor menyebut "
        'jumlah dan nomor barisnya, mis. "8 baris ringkasan/penutup dilewati (baris 2.326–2.333)". '
        "Baris data yang sekadar kekurangan nilai tetap dikarantina seperti biasa.",
        "- **Kontrol total**: bila baris `JUMLAH`/`TOTAL` menyebut jumlah baris (di sel kata itu, di kolom "
        "nomor urut atau di kolom kunci) atau jumlah uang (di kolom nominal), angka itu dibandingkan "
        "dengan baris yang dimuat di atasnya (`SUB TOTAL`: sejak baris ringkasan sebelumnya). Hasilnya "
        '"cocok" atau selisihnya (baris dan Rp) di laporan impor, di riwayat impor halaman Metodologi '
        '(kolom "Kontrol total") dan di log audit. Selisih adalah peringatan: impor tetap berjalan.',
        '- **Blok tanda tangan** setelah baris data terakhir ("Bekasi, 5 November 2026", jabatan, nama, '
        '"NIP. 19750101 200001 1 001") dan baris kosong dilewati dan dilaporkan. Baris teks setelah '
        "data tanpa baris bertanda tangan (NIP, jabatan, tempat dan tanggal) tetap dibaca sebagai data.",
        '- **Nilai** dalam format kantor (tanggal "5 Januari 2026", bulan "Januari 2026", uang '
        '"Rp 1.234.567,00" atau "(125.000)", NIK 16 digit di sel angka): lihat '
        "[Tipe nilai](#tipe-nilai).",
        "",
        "Contoh di `data/contoh/tata_letak/`, masing-masing berisi catatan yang sama dengan contoh "
        "bersihnya di `data/contoh/` dan dimuat menjadi baris yang sama:",
        "",
        "- `realisasi_register_contoh.csv`: register SP2D dengan judul, kolom `No.`, baris `JUMLAH` yang "
        "cocok dan blok tanda tangan;",
        "- `daftar peserta BPU Pemkot contoh.xlsx`: nama file tanpa awalan jenis, judul, header dua "
        'tingkat dengan sel kelompok digabung, kolom `No.`, NIK sebagai sel angka, tanggal "5 Januari '
        '2026", baris `JUMLAH: 30` (30 = 29 dimuat + 1 dikarantina) dan tanda tangan;',
        '- `rincian_tagihan_iuran_contoh.xlsx`: sheet sampul, satu sheet per bulan ("Agu 2026", '
        '"Sep 2026") yang periodenya hanya di nama sheet dan baris judul "Periode Iuran: ...", '
        "kolom `Iuran JKK`, `Iuran JKM` di samping `Total Iuran`, dan baris `JUMLAH` per sheet.",
        "",
        f"*English:* office layouts load as they are: title rows (the header is the best-matching row of "
        f"the first {layout.HEADER_WINDOW}; a tie or a poor match is refused naming the rows tried and the "
        "columns found), two-level headers (the lower names), a running-number column (ignored), "
        "JUMLAH/TOTAL/SUB TOTAL rows and a closing signature block (skipped and reported, never loaded or "
        "quarantined). A count or amount on a JUMLAH/TOTAL row is checked against the rows loaded above "
        "it: 'cocok' or the difference, shown in the import report, the import history (Metodologi) and "
        "the audit log, as a warning. Example: `data/contoh/tata_letak/`.",
        "",
    ]


def _preview_section() -> list[str]:
    """The preview before writing and source profiles (ingest.preview, ingest.profiles)."""
    return [
        "## Pratinjau sebelum menyimpan, dan profil sumber",
        "",
        "Sebelum apa pun ditulis, `ingest --dry-run` dan halaman Unggah menampilkan per file (dan per "
        'sheet): jenis yang dipilih dan alasannya, baris header, pemetaan "kolom di file → kolom '
        'kontrak" (kolom nomor urut dan kolom yang tidak dikenal ditandai diabaikan), baris yang '
        "dilewati dan sebabnya (ringkasan `JUMLAH`/`TOTAL`, atau blok penutup), kontrol total, dan "
        f"{preview.ROWS} baris pertama seperti akan dimuat (NIK disamarkan, mis. `3275••••••••••77`). Di "
        "halaman Unggah, data baru ditulis setelah admin menekan tombol simpan.",
        "",
        'Bila header memakai nama yang tidak dikenal kontrak (mis. "Nomor Kartu" untuk `no_kpj`), '
        "impor berhenti tanpa menulis apa pun dan admin dapat memetakan kolomnya: di halaman Unggah "
        "(formulir pemetaan) atau dengan",
        "",
        "```bash",
        "python -m ucj_oversight profile save 'Daftar BPU Disnaker' --db data/ucj.duckdb --kind peserta \\",
        "    --from daftar_peserta_okt.xlsx --map 'Nomor Kartu=no_kpj' --map 'Nomor Induk Warga=nik'",
        "python -m ucj_oversight profile list --db data/ucj.duckdb",
        "python -m ucj_oversight ingest --db data/ucj.duckdb --profile 'Daftar BPU Disnaker' daftar_nov.xlsx",
        "```",
        "",
        "Pemetaan disimpan sebagai **profil sumber** bernama, bersama header file contohnya, di "
        "`<basis data>.profil.json` (atau `UCJ_PROFILES`). File berikutnya dengan header yang sama (satu "
        "baris di antara baris pertamanya memuat persis nama kolom yang sama) memakai profil itu "
        "otomatis, juga untuk jenisnya bila nama file tidak menyebutnya; `--profile NAMA` memilihnya "
        "untuk semua file. Nama file pada profil menjadi alias kolom kontrak itu (dan bukan lagi alias "
        "kolom lain); nama kontrak sendiri tidak dapat dipetakan ke kolom lain, dan satu kolom kontrak "
        "hanya sekali. Setiap perubahan profil (dibuat, diubah, dihapus) tercatat di log audit dengan "
        "pemetaan sebelum dan sesudahnya.",
        "",
        "*English:* `ingest --dry-run` and the Unggah page show, per file and sheet, the kind and why, "
        "the header row, the mapping file column → contract column, the rows skipped and why, the control "
        f"totals and the first {preview.ROWS} rows as they will be loaded (NIK masked); nothing is written "
        "until the admin confirms. A header the contract does not know can be mapped on the Unggah page or "
        "with `ucj profile save`; the mapping is a named source profile, applied automatically to later "
        "files with the same header, usable with `ingest --profile NAME`, and every change is audit-logged.",
        "",
    ]


def markdown() -> str:
    """The whole of docs/kontrak.md."""
    used = {c.type for kind in contract.KINDS.values() for c in kind.columns}
    for t in sorted(used - set(_TYPE_TEXT)):
        _type_text(t)  # raises: every type used by the contract must be explained
    types_used = [t for t in _TYPE_TEXT if t in used]
    prefixes = ", ".join(f"`{k}`" for k in contract.KIND_NAMES)
    out = [
        "# Kontrak ekstrak data",
        "",
        "<!-- Dibuat otomatis dari ucj_oversight/ingest/contract.py oleh ucj_oversight/ingest/contract_doc.py. "
        "Jangan disunting manual; jalankan: " + WRITE_COMMAND + " -->",
        "",
        "Dokumen ini menjelaskan file apa saja yang dapat diimpor ke dasbor pengawasan Universal Coverage "
        "Jamsostek (UCJ) Kota Bekasi, kolom apa yang harus ada, dan bagaimana isinya dibaca. Isinya dibuat "
        "langsung dari kode (`ucj_oversight/ingest/contract.py`), sehingga selalu sama dengan yang diperiksa saat "
        "impor. Cara angka dihitung dijelaskan di `docs/methodology.md`.",
        "",
        "*English:* the extract contract: which files the UCJ oversight dashboard imports, the columns each "
        "must have, and how values are read. Generated from `ucj_oversight/ingest/contract.py`.",
        "",
        "## Aturan umum",
        "",
        f"- **Jenis file** ({len(contract.KIND_NAMES)} jenis): {prefixes}. Jenis dibaca dari awal nama file "
        "(huruf besar/kecil bebas: `Peserta_Maret.xlsx` adalah file peserta), atau ditetapkan untuk semua "
        "file sekaligus dengan opsi `--kind`. Bila nama file tidak diawali jenis (mis. "
        "`register_sp2d_2026.xlsx`, `rincian_tagihan_iuran_2026.xlsx`), jenis ditentukan dari isinya: "
        "setiap jenis diberi skor sebanyak kolom kontraknya yang ada di baris header terbaik, ditambah kata "
        "judulnya (lihat tiap jenis) di baris judul, nama sheet atau nama file; hanya jenis yang kolom "
        'wajibnya lengkap yang dapat dipilih, dan laporan impor menyebut alasannya (mis. "jenis: realisasi '
        "(dari header: no_sp2d, tgl_sp2d, nominal; judul: 'Register SP2D')\"). Bila tidak ada jenis yang "
        "cocok, atau dua jenis sama skornya, impor berhenti dengan pesan yang menyebut calon dan skornya: "
        "pakai `--kind`.",
        "- **Format**: CSV, XLSX atau Parquet (menurut ekstensi `.csv`, `.xlsx`, `.parquet`).",
        '  - CSV: teks UTF-8, dengan atau tanpa BOM (pilihan "CSV UTF-8" di Excel). Pemisah koma atau '
        "titik koma: dipilih yang memecah baris header menjadi lebih banyak kolom (Excel berbahasa "
        "Indonesia menyimpan dengan titik koma). Nilai boleh diberi tanda kutip. Baris dengan jumlah kolom "
        'yang salah dikarantina. File yang bukan teks UTF-8 ditolak (simpan ulang sebagai "CSV UTF-8").',
        "  - XLSX: setiap sheet yang berisi data dibaca seperti satu file (header, baris ringkasan dan kontrol "
        "total sendiri; nomor baris adalah nomor baris sheet itu). Sheet tanpa header (sampul, catatan) "
        "dilewati dan disebut di laporan (\"sheet 'Catatan' dilewati: tidak ada header\"); sheet dengan header "
        "tetapi tanpa kolom wajib menghentikan impor seperti file. Periode sheet dari namanya (`Jan 2026`, "
        "`Januari 2026`, `01-2026`) atau dari baris judul (`Periode Iuran: Januari 2026`) mengisi kolom "
        "periode yang tidak ada di header (`periode` pada iuran, `periode_tagihan` pada realisasi).",
        "  - Parquet: kolom bertipe (tanggal, angka) dibaca sesuai tipenya.",
        "  - Saat mengimpor folder, semua file `.csv`, `.xlsx` dan `.parquet` di dalamnya diimpor, "
        "berurutan menurut nama.",
        "- **Header** dinormalkan sebelum dicocokkan: huruf kecil, BOM dibuang, setiap deretan karakter "
        "selain huruf dan angka menjadi satu `_`, dan `_` di awal/akhir dibuang. Jadi `No. KPJ`, "
        "`NO_KPJ` dan ` no  kpj ` semuanya menjadi `no_kpj`. Header boleh memakai nama kolom atau salah "
        "satu aliasnya (tabel di bawah). Kolom lain diabaikan. Bila dua header menunjuk kolom yang sama, "
        "yang pertama dipakai.",
        "- **Kolom wajib**: bila header wajib tidak ada, file ditolak seluruhnya dan seluruh impor "
        "dibatalkan (basis data tidak berubah sama sekali). Pesan kesalahan menyebut kolom yang kurang dan "
        "kolom yang ditemukan.",
        "- **Karantina**: baris yang isinya tidak dapat dibaca atau melanggar aturan (isi wajib kosong, "
        "tanggal/nominal tidak terbaca, nilai pilihan tidak dikenal, kecamatan tidak dikenal, kunci "
        "berulang, dan aturan per jenis di bawah) tidak dimuat, tetapi dicatat lengkap dengan file, nomor "
        "baris, kolom, alasan dan nilainya (NIK disamarkan). Baris lain dalam file tetap dimuat. Baris yang "
        "seluruh selnya kosong dilewati dan tidak dihitung.",
        "- **Nomor baris**: untuk CSV dan XLSX, nomor baris sama dengan nomor baris di spreadsheet: header "
        "di baris 1, data mulai baris 2 (pada XLSX yang header-nya lebih ke bawah, nomor baris tetap "
        "nomor baris sheet). Untuk Parquet, baris data dinomori mulai 1.",
        '- **Terbaru**: bila ekstrak tumpang-tindih, "impor terbaru" berarti yang paling akhir '
        "diimpor (urutan impor), bukan tanggal yang tertulis di dalam file.",
        "- **Impor ulang**: setiap file dicatat dengan sidik SHA-256 isinya. File yang isinya persis sama "
        "dengan impor sebelumnya dilewati (tidak ada yang berubah), apa pun namanya.",
        "",
        "*English:* CSV (comma or semicolon, UTF-8 with or without BOM), XLSX (every sheet with data; "
        "a sheet's period from its name or title fills a missing period column) or Parquet; "
        "the kind from the file-name prefix, `--kind`, or else the header and title words (refused when "
        "ambiguous); headers normalised (lower case, non-alphanumerics "
        "to `_`) and matched against names and aliases; a missing required column refuses the whole run; "
        "bad rows are quarantined with file, row, column and reason; CSV/XLSX row numbers are spreadsheet "
        "rows (header = row 1), Parquet rows count from 1; an identical file (same SHA-256) is skipped.",
        "",
        "## Tipe nilai",
        "",
        "| Tipe | Yang diterima |",
        "|---|---|",
    ]
    for t in types_used:
        out.append(f"| {t} | {_cell(_type_text(t))} |")
    out += [
        "",
        "Pesan karantina untuk nilai yang tidak terbaca:",
        "",
        *[f'- {t}: "{reason}"' for t, reason in contract.UNREADABLE_REASONS.items()],
        "",
        "Alasan NIK_TIDAK_VALID untuk baris yang tetap dimuat (laporan impor):",
        "",
        *[f'- "{reason}"' for reason in contract.NIK_NOTES.values()],
        "",
        "*English:* value types: free text; codes (upper-cased); NIK (hashed at once; a number cell "
        "gives its exact digits, scientific-notation text is loaded as NIK_TIDAK_VALID); dates (ISO, "
        "dd/mm/yyyy, day month-name year in Indonesian or English, Excel dates); months (YYYY-MM, "
        "YYYYMM, MM/YYYY, month-name year, or a date); Rupiah (numbers or Indonesian text, '.' before "
        "exactly three digits is a thousands separator, '(125.000)' is negative); whole numbers; "
        "kecamatan/kelurahan by name or code; a fixed list of choices; discarded columns (names).",
        "",
        *_layout_section(),
        *_preview_section(),
        "## Jenis file",
        "",
    ]
    for kind in contract.KINDS.values():
        out += _kind_section(kind)
    out += _regions_section()
    return "\n".join(out).rstrip("\n") + "\n"


def write(path: Path | None = None) -> Path:
    """Write markdown() to docs/kontrak.md (or path)."""
    path = Path(path or CONTRACT_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(), encoding="utf-8")
    return path
