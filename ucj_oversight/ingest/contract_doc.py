"""docs/kontrak.md: the extract contract as Markdown, generated from ucj_oversight.contract.

The column tables (names, types, required header/value, aliases, choices, descriptions), the
unique-key rules, the list of kecamatan/kelurahan and the Excel date range are read from the
code, so the document cannot drift from what the ingest does; tests/test_docs.py checks that
docs/kontrak.md equals markdown(). Regenerate with:

    python -c "from ucj_oversight.ingest import contract_doc; contract_doc.write()"
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ucj_oversight.ingest import contract, values
from ucj_oversight import ingest, regions

CONTRACT_PATH = Path(__file__).resolve().parents[2] / "docs" / "kontrak.md"
WRITE_COMMAND = 'python -c "from ucj_oversight.ingest import contract_doc; contract_doc.write()"'

# What each value type accepts, in plain Indonesian (the rules of ucj_oversight.parse and
# ucj_oversight.ingest). A type used in contract.JENIS without an entry here fails markdown().
_TIPE: dict[str, str] = {
    contract.TEXT: "Teks bebas. Spasi di awal dan akhir dibuang, spasi berturut-turut dirapatkan.",
    contract.CODE: ("Kode atau nomor (mis. `no_kpj`, `no_sp2d`, `kode_rekening`). Spasi di awal/akhir "
                    "dibuang, spasi berturut-turut dirapatkan, huruf dijadikan kapital: `25k 001` = `25K 001`."),
    contract.NIK: ("NIK. Spasi, titik dan tanda hubung dibuang dahulu (`3275 0801-0190.0001` = "
                   "`3275080101900001`), lalu langsung diubah menjadi hash berkunci (HMAC-SHA256). "
                   "NIK asli tidak pernah disimpan. Yang disimpan selain hash: tanda apakah NIK tepat "
                   "16 digit, dan 4 digit pertamanya (kode provinsi + kabupaten/kota). NIK kosong: baris "
                   "dikarantina. NIK yang bukan 16 digit tetap dimuat dan menjadi temuan NIK_TIDAK_VALID."),
    contract.DATE: ("Tanggal. Diterima: `2026-01-31` (juga `2026/1/31`, boleh diikuti jam), "
                       "`31/01/2026` (pemisah `/`, `-` atau `.`; urutan selalu hari-bulan-tahun), atau sel "
                       "tanggal Excel (tanggal asli, atau nomor seri Excel {seri_min}–{seri_max}, yaitu "
                       "{tgl_min} s.d. {tgl_max}). Format boleh campur dalam satu kolom. Format "
                       "bulan-hari-tahun (`1/31/2026`) tidak diterima."),
    contract.PERIOD: ("Bulan. Diterima: `2026-01`, `202601`, `2026/01`, `01/2026` (juga `1-2026`), atau "
                       "tanggal apa pun (diambil bulannya: `2026-01-31` = Januari 2026). Disimpan sebagai "
                       "tanggal 1 bulan itu."),
    contract.MONEY: ("Rupiah. Diterima: angka dari Excel/Parquet, atau teks Indonesia: `16800`, `16.800`, "
                    "`Rp 16.800`, `Rp16.800`, `16800,00`, `1.234.567,89`, dan format mesin `16800.00`. "
                    "Titik yang diikuti tepat tiga digit adalah pemisah ribuan (`100.000` = seratus ribu). "
                    "Format Inggris `1,234,567.89` tidak diterima. Nilai negatif dikarantina."),
    contract.INTEGER: ("Bilangan bulat ≥ 0 (tahun, jumlah orang): `2026`, `1.250` (= seribu dua ratus "
                        "lima puluh), `2026.0` dari Excel. Pecahan atau nilai negatif dikarantina."),
    contract.KECAMATAN: ("Kecamatan di Kota Bekasi, dengan nama atau kode Kemendagri; lihat "
                         "[Kecamatan dan kelurahan](#kecamatan-dan-kelurahan)."),
    contract.KELURAHAN: ("Kelurahan di kecamatan baris itu, dengan nama atau kode; lihat "
                         "[Kecamatan dan kelurahan](#kecamatan-dan-kelurahan)."),
    contract.CHOICE: ("Salah satu nilai dari daftar (kolom Keterangan). Huruf besar/kecil, spasi dan tanda "
                       "baca diabaikan (`Non Aktif` = `non-aktif` = `NONAKTIF`). Sinonim yang juga diterima: "
                       "{sinonim}."),
    contract.DISCARDED: ("Boleh ada di file; dibaca lalu dibuang, tidak pernah disimpan (UU No. 27 Tahun 2022 "
                       "tentang Pelindungan Data Pribadi: hanya data yang diperlukan)."),
}

# Cross-column rules of ingest._aturan_jenis, and which version counts when extracts overlap
# (sql/turunan.sql). Plain text; kept next to the code they describe.
_ATURAN_JENIS: dict[str, list[str]] = {
    "peserta": [
        "Baris dengan `tgl_akhir` sebelum `tgl_mulai` dikarantina.",
        "`segmen` diseragamkan: huruf kapital, selain huruf dan angka menjadi `_` "
        "(`Ojek Online` = `ojek-online` = `OJEK_ONLINE`). Kosong ditampilkan sebagai `TIDAK_DIKETAHUI`.",
    ],
    "sasaran": [
        "`segmen` diseragamkan seperti pada peserta. Baris dengan `segmen` kosong adalah total kecamatan.",
    ],
    "iuran": [],
    "anggaran": [
        "Baris dengan `tgl_penetapan` pada tahun sesudah `tahun` anggaran dikarantina.",
    ],
    "realisasi": [],
    "klaim": [
        "Klaim berstatus DIBAYAR tanpa `tgl_bayar` atau tanpa `nominal_dibayar` dikarantina.",
        "`nominal_dibayar` kosong pada klaim yang belum dibayar dibaca sebagai 0.",
    ],
}

_VERSI_JENIS: dict[str, str] = {
    "peserta": ("per `no_kpj` dipakai baris dari impor terbaru yang memuatnya (ekstrak baru memperbarui "
                "yang lama, mis. saat `tgl_akhir` diisi). KPJ yang tidak ada di ekstrak baru tetap memakai "
                "versi lamanya; ekstrak peserta tidak menghapus registrasi."),
    "sasaran": ("per (`tahun`, kecamatan) dipakai semua baris dari impor terbaru yang memuat pasangan itu; "
                "baris lama untuk pasangan itu tidak dipakai lagi."),
    "iuran": ("per bulan tagihan (`periode`) dipakai semua baris dari impor terbaru yang memuat bulan itu: "
              "tagihan yang diterbitkan ulang menggantikan, bukan menambah. Karena itu kirim tagihan satu "
              "bulan selalu utuh; file koreksi yang hanya berisi sebagian baris akan menggantikan seluruh bulan."),
    "anggaran": ("per (`tahun`, `kode_rekening`, `tgl_penetapan`) dipakai baris dari impor terbaru. Baris "
                 "dengan ketiga nilai yang sama dalam satu impor dijumlahkan."),
    "realisasi": ("semua baris disimpan dan dipakai. Nomor SP2D yang sudah muncul sebelumnya (di impor lebih "
                  "awal atau baris lebih atas) dihitung sekali saja dalam realisasi dan dilaporkan sebagai "
                  "temuan SP2D_GANDA. Karena itu kirim ekstrak realisasi per periode yang tidak tumpang-tindih."),
    "klaim": ("per `no_klaim` dipakai baris dari impor terbaru (status bergerak PROSES → DIBAYAR)."),
}

_YA, _TIDAK, _SALAH_SATU = "ya", "tidak", "salah satu¹"


def _sel(teks: object) -> str:
    """A Markdown table cell: pipes escaped, line breaks flattened."""
    return str(teks).replace("|", "\\|").replace("\n", " ").strip()


def _kode(nilai) -> str:
    return ", ".join(f"`{v}`" for v in nilai) if nilai else "–"


def _teks_tipe(tipe: str) -> str:
    if tipe not in _TIPE:
        raise KeyError(f"kontrak_doc: tipe kolom '{tipe}' belum dijelaskan di _TIPE")
    seri_min, seri_max = values._SERIAL_MIN, values._SERIAL_MAX

    def tgl(n: int) -> str:
        return (values._EXCEL_EPOCH + pd.Timedelta(days=n)).strftime("%Y-%m-%d")

    sinonim = ", ".join(f"`{k}` → `{v}`" for k, v in sorted(values._SINONIM_PILIHAN.items()))
    return _TIPE[tipe].format(seri_min=seri_min, seri_max=seri_max, tgl_min=tgl(seri_min),
                              tgl_max=tgl(seri_max), sinonim=sinonim)


def _kunci_unik(jenis: contract.Kind) -> str | None:
    kunci = ingest._kunci_unik(jenis)
    if not kunci:
        return None
    bagian = []
    for k in kunci:
        nama = ["segmen (kosong = semua)" if c == "segmen_kunci" else
                "kecamatan" if c == "kode_kecamatan" else c for c in k]
        bagian.append(" + ".join(f"`{n}`" if " " not in n else n for n in nama))
    return "; ".join(bagian)


def _tabel_kolom(jenis: contract.Kind) -> list[str]:
    atau = {n for grup in jenis.salah_satu for n in grup}
    baris = ["| Kolom | Tipe | Header wajib? | Isi wajib? | Alias yang diterima | Keterangan | Description |",
             "|---|---|---|---|---|---|---|"]
    for k in jenis.kolom:
        if k.nama in atau:
            header = isi = _SALAH_SATU
        else:
            header = _YA if k.wajib_ada else _TIDAK
            isi = _YA if k.wajib_isi else _TIDAK
        ket = k.keterangan
        if k.pilihan and not all(p in ket for p in k.pilihan):
            ket = f"{ket}. Pilihan: {' / '.join(k.pilihan)}" if ket else f"Pilihan: {' / '.join(k.pilihan)}"
        baris.append(f"| `{k.nama}` | {k.tipe} | {header} | {isi} | {_sel(_kode(k.alias))} | "
                     f"{_sel(ket) or '–'} | {_sel(k.description) or '–'} |")
    return baris


def _bagian_jenis(jenis: contract.Kind) -> list[str]:
    out = [f"### {jenis.nama}", "", f"{jenis.keterangan}.", "",
           f"- Nama file diawali `{jenis.nama}`, mis. `{jenis.nama}_2026-03.csv` "
           f"(atau `--kind {jenis.nama}`)."]
    kunci = _kunci_unik(jenis)
    if kunci:
        out.append(f"- Kunci unik dalam satu file: {kunci}. Baris berikutnya dengan kunci yang sama "
                   f"dikarantina; yang dipakai adalah baris pertama yang lolos semua pemeriksaan.")
    for grup in jenis.salah_satu:
        out.append(f"- ¹ Salah satu dari {_kode(grup)} harus ada di header dan terisi di setiap baris. "
                   f"Bila keduanya terisi, keduanya harus menunjuk kecamatan yang sama.")
    for aturan in _ATURAN_JENIS.get(jenis.nama, []):
        out.append(f"- {aturan}")
    out.append(f"- Bila beberapa impor tumpang-tindih: {_VERSI_JENIS[jenis.nama]}")
    out += ["", *_tabel_kolom(jenis), ""]
    return out


def _bagian_wilayah() -> list[str]:
    out = ["## Kecamatan dan kelurahan", "",
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
           "|---|---|---|"]
    kel = regions.list_kelurahan()
    for k in regions.list_kecamatan():
        daftar = ", ".join(f"{x.nama} ({x.kode})" for x in kel if x.kode_kecamatan == k.kode)
        out.append(f"| {k.kode} | {k.nama} | {_sel(daftar)} |")
    out.append("")
    return out


def markdown() -> str:
    """The whole of docs/kontrak.md."""
    dipakai = {k.tipe for j in contract.KINDS.values() for k in j.kolom}
    for t in sorted(dipakai - set(_TIPE)):
        _teks_tipe(t)   # raises: every type used by the contract must be explained
    tipe_dipakai = [t for t in _TIPE if t in dipakai]
    awalan = ", ".join(f"`{k}`" for k in contract.KIND_NAMES)
    out = [
        "# Kontrak ekstrak data",
        "",
        "<!-- Dibuat otomatis dari ucj_oversight/contract.py oleh ucj_oversight/kontrak_doc.py. "
        "Jangan disunting manual; jalankan: " + WRITE_COMMAND + " -->",
        "",
        "Dokumen ini menjelaskan file apa saja yang dapat diimpor ke dasbor pengawasan Universal Coverage "
        "Jamsostek (UCJ) Kota Bekasi, kolom apa yang harus ada, dan bagaimana isinya dibaca. Isinya dibuat "
        "langsung dari kode (`ucj_oversight/contract.py`), sehingga selalu sama dengan yang diperiksa saat "
        "impor. Cara angka dihitung dijelaskan di `docs/methodology.md`.",
        "",
        "*English:* the extract contract: which files the UCJ oversight dashboard imports, the columns each "
        "must have, and how values are read. Generated from `ucj_oversight/contract.py`.",
        "",
        "## Aturan umum",
        "",
        f"- **Jenis file** ({len(contract.KIND_NAMES)} jenis): {awalan}. Jenis dibaca dari awal nama file "
        "(huruf besar/kecil bebas: `Peserta_Maret.xlsx` adalah file peserta), atau ditetapkan untuk semua "
        "file sekaligus dengan opsi `--kind`. File yang jenisnya tidak dapat ditentukan menghentikan impor.",
        "- **Format**: CSV, XLSX atau Parquet (menurut ekstensi `.csv`, `.xlsx`, `.parquet`).",
        "  - CSV: teks UTF-8, dengan atau tanpa BOM (pilihan \"CSV UTF-8\" di Excel). Pemisah koma atau "
        "titik koma: dipilih yang memecah baris header menjadi lebih banyak kolom (Excel berbahasa "
        "Indonesia menyimpan dengan titik koma). Nilai boleh diberi tanda kutip. Baris dengan jumlah kolom "
        "yang salah dikarantina. File yang bukan teks UTF-8 ditolak (simpan ulang sebagai \"CSV UTF-8\").",
        "  - XLSX: hanya sheet pertama yang dibaca. Header adalah baris pertama yang berisi sesuatu.",
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
        "- **Terbaru**: bila ekstrak tumpang-tindih, \"impor terbaru\" berarti yang paling akhir "
        "diimpor (urutan impor), bukan tanggal yang tertulis di dalam file.",
        "- **Impor ulang**: setiap file dicatat dengan sidik SHA-256 isinya. File yang isinya persis sama "
        "dengan impor sebelumnya dilewati (tidak ada yang berubah), apa pun namanya.",
        "",
        "*English:* CSV (comma or semicolon, UTF-8 with or without BOM), XLSX (first sheet) or Parquet; "
        "the kind from the file-name prefix or `--kind`; headers normalised (lower case, non-alphanumerics "
        "to `_`) and matched against names and aliases; a missing required column refuses the whole run; "
        "bad rows are quarantined with file, row, column and reason; CSV/XLSX row numbers are spreadsheet "
        "rows (header = row 1), Parquet rows count from 1; an identical file (same SHA-256) is skipped.",
        "",
        "## Tipe nilai",
        "",
        "| Tipe | Yang diterima |",
        "|---|---|",
    ]
    for t in tipe_dipakai:
        out.append(f"| {t} | {_sel(_teks_tipe(t))} |")
    out += [
        "",
        "Pesan karantina untuk nilai yang tidak terbaca:",
        "",
        *[f"- {t}: \"{pesan}\"" for t, pesan in ingest._PESAN_TIPE.items()],
        "",
        "*English:* value types: free text; codes (upper-cased); NIK (hashed at once); dates (ISO, "
        "dd/mm/yyyy, Excel dates); months (YYYY-MM, YYYYMM, MM/YYYY or a date); Rupiah (numbers or "
        "Indonesian text, '.' before exactly three digits is a thousands separator); whole numbers; "
        "kecamatan/kelurahan by name or code; a fixed list of choices; discarded columns (names).",
        "",
        "## Jenis file",
        "",
    ]
    for j in contract.KINDS.values():
        out += _bagian_jenis(j)
    out += _bagian_wilayah()
    return "\n".join(out).rstrip("\n") + "\n"


def write(path: Path | None = None) -> Path:
    """Write markdown() to docs/kontrak.md (or path)."""
    path = Path(path or CONTRACT_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(), encoding="utf-8")
    return path
