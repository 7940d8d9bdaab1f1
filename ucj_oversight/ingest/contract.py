"""The extract contract: one declaration (`Kind`) per kind of file.

This is the one place that says what a file must contain and what the ingest does with it: the
canonical columns with their aliases, types and descriptions, the unique keys, the cross-column
rules (their check and their documentation text together), and the storage table the accepted
rows go to. The ingest (ingest.validate, ingest.run) reads only this, docs/kontrak.md is
generated from it (ingest.contract_doc), and tests/test_ingest.py checks that storage/sql/schema.sql
creates each storage table with exactly the declared columns.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ucj_oversight.ingest import values
from ucj_oversight.ingest.declaration import (  # re-exported: callers write contract.Column, contract.TEXT
    CHOICE,
    CODE,
    DATE,
    DISCARDED,
    INTEGER,
    KECAMATAN,
    KELURAHAN,
    MONEY,
    NIK,
    NIK_EMPTY,
    NIK_NOTES,
    PERIOD,
    TEXT,
    UNREADABLE_REASONS,
    Check,
    Column,
    Kind,
    Rule,
    StoredColumn,
    Table,
    Total,
    table_of,
)

__all__ = [
    "CHOICE",
    "CODE",
    "DATE",
    "DISCARDED",
    "INTEGER",
    "KECAMATAN",
    "KELURAHAN",
    "MONEY",
    "NIK",
    "NIK_EMPTY",
    "NIK_NOTES",
    "PERIOD",
    "TEXT",
    "UNREADABLE_REASONS",
    "Check",
    "Column",
    "Kind",
    "Rule",
    "StoredColumn",
    "Table",
    "Total",
    "table_of",
]


def _kecamatan_columns() -> tuple[Column, Column]:
    """kecamatan and kode_kecamatan: either one in the header (Kind.one_of), both optional alone."""
    return (
        Column(
            "kecamatan",
            KECAMATAN,
            required_in_header=False,
            required=False,
            aliases=("nama_kecamatan", "kec", "nm_kecamatan"),
            description_id="Nama kecamatan; ejaan, huruf besar/kecil, spasi, titik, tanda hubung "
            "dan awalan 'Kec.'/'Kecamatan' diabaikan",
            description_en="Kecamatan name; case, spaces, dots, hyphens and a 'Kec.' prefix ignored",
        ),
        Column(
            "kode_kecamatan",
            KECAMATAN,
            required_in_header=False,
            required=False,
            aliases=("kd_kecamatan", "kode_kec", "kd_kec"),
            description_id="Kode Kemendagri, 32.75.08 atau 327508",
            description_en="Kemendagri code, 32.75.08 or 327508",
        ),
    )


STATUS_PESERTA = ("AKTIF", "NONAKTIF", "MENINGGAL")
PROGRAM_KLAIM = ("JKK", "JKM", "JHT")
STATUS_KLAIM = ("DIBAYAR", "DITOLAK", "PROSES")
JENIS_ANGGARAN = ("MURNI", "PERUBAHAN")


# ---------------------------------------------------------------- cross-column rules


def fold_segmen(s: pd.Series) -> pd.Series:
    """Segment labels folded to one spelling: 'Ojek Online' = 'OJEK_ONLINE' = 'ojek-online'."""
    return values.per_unique(_fold_segmen_values, s)


def _fold_segmen_values(s: pd.Series) -> pd.Series:
    t = values.to_text(s).str.upper().str.replace(r"[^A-Z0-9]+", "_", regex=True).str.strip("_")
    return t.where(t.ne(""), None)


def _fold_peserta_segmen(rows: pd.DataFrame) -> None:
    rows["segmen"] = fold_segmen(rows["segmen"])


def _fold_sasaran_segmen(rows: pd.DataFrame) -> None:
    rows["segmen"] = fold_segmen(rows["segmen"])
    rows["segmen_kunci"] = rows["segmen"].fillna("(semua)")  # the unique key's segmen: empty = all


def _tgl_akhir_before_tgl_mulai(rows: pd.DataFrame) -> pd.Series:
    return rows["tgl_akhir"].notna() & rows["tgl_mulai"].notna() & (rows["tgl_akhir"] < rows["tgl_mulai"])


def _dibayar(rows: pd.DataFrame) -> pd.Series:
    return rows["status"].eq("DIBAYAR").fillna(False)


def _nominal_dibayar_empty_is_zero(rows: pd.DataFrame) -> None:
    rows["nominal_dibayar"] = rows["nominal_dibayar"].fillna(0.0)


def _tgl_penetapan_after_tahun(rows: pd.DataFrame) -> np.ndarray:
    after = (
        rows["tgl_penetapan"].notna()
        & rows["tahun"].notna()
        & (rows["tgl_penetapan"].dt.year > rows["tahun"].astype("float64"))
    )
    return after.to_numpy()


_SEGMEN_ID = (
    "`segmen` diseragamkan: huruf kapital, selain huruf dan angka menjadi `_` "
    "(`Ojek Online` = `ojek-online` = `OJEK_ONLINE`). Kosong ditampilkan sebagai `TIDAK_DIKETAHUI`."
)
_SEGMEN_EN = (
    "`segmen` is folded to one spelling: upper case, anything but letters and digits becomes `_` "
    "(`Ojek Online` = `ojek-online` = `OJEK_ONLINE`). Empty is shown as `TIDAK_DIKETAHUI`."
)

_RULES_PESERTA = (
    Rule(
        "Baris dengan `tgl_akhir` sebelum `tgl_mulai` dikarantina.",
        "Rows with `tgl_akhir` before `tgl_mulai` are quarantined.",
        checks=(Check("tgl_akhir", "tgl_akhir sebelum tgl_mulai", _tgl_akhir_before_tgl_mulai, show_value=True),),
    ),
    Rule(_SEGMEN_ID, _SEGMEN_EN, transform=_fold_peserta_segmen),
)
_RULES_SASARAN = (
    Rule(
        "`segmen` diseragamkan seperti pada peserta. Baris dengan `segmen` kosong adalah total kecamatan.",
        "`segmen` is folded as for peserta. A row with an empty `segmen` is the kecamatan total.",
        transform=_fold_sasaran_segmen,
    ),
)
_RULES_ANGGARAN = (
    Rule(
        "Baris dengan `tgl_penetapan` pada tahun sesudah `tahun` anggaran dikarantina.",
        "Rows whose `tgl_penetapan` falls in a year after the budget `tahun` are quarantined.",
        checks=(
            Check(
                "tgl_penetapan",
                "tgl_penetapan sesudah tahun anggaran berakhir",
                _tgl_penetapan_after_tahun,
                show_value=True,
            ),
        ),
    ),
)
_RULES_KLAIM = (
    Rule(
        "Klaim berstatus DIBAYAR tanpa `tgl_bayar` atau tanpa `nominal_dibayar` dikarantina.",
        "Claims with status DIBAYAR without `tgl_bayar` or without `nominal_dibayar` are quarantined.",
        checks=(
            Check("tgl_bayar", "klaim DIBAYAR tanpa tgl_bayar", lambda rows: _dibayar(rows) & rows["tgl_bayar"].isna()),
            Check(
                "nominal_dibayar",
                "klaim DIBAYAR tanpa nominal_dibayar",
                lambda rows: _dibayar(rows) & rows["nominal_dibayar"].isna(),
            ),
        ),
    ),
    Rule(
        "`nominal_dibayar` kosong pada klaim yang belum dibayar dibaca sebagai 0.",
        "An empty `nominal_dibayar` on a claim not yet paid reads as 0.",
        transform=_nominal_dibayar_empty_is_zero,
    ),
)


# ---------------------------------------------------------------- the kinds

# The declarations are a table: kept one column per line or two, not one argument per line.
# fmt: off
KINDS: dict[str, Kind] = {
    "peserta": Kind(
        name="peserta",
        title_words=("peserta", "kepesertaan"),
        description_id="Daftar peserta (registrasi BPJS Ketenagakerjaan) yang iurannya dibayar Pemkot",
        columns=(
            Column("no_kpj", CODE, aliases=("kpj", "nomor_kpj", "no_peserta", "nomor_peserta"),
                   description_id="Nomor Kartu Peserta Jamsostek", description_en="Participant card number"),
            Column("nik", NIK, aliases=("no_nik", "nomor_nik", "nomor_induk_kependudukan", "no_ktp"),
                   description_id="16 digit; disimpan hanya sebagai hash berkunci (HMAC-SHA256)",
                   description_en="16 digits; stored only as a keyed hash (HMAC-SHA256)"),
            Column("nama", DISCARDED, required_in_header=False, required=False,
                   aliases=("nama_peserta", "nama_lengkap", "nm_peserta"),
                   description_id="Boleh ada; tidak pernah disimpan", description_en="Allowed; never stored"),
            Column("tgl_lahir", DATE, required=False, aliases=("tanggal_lahir", "tgllahir"),
                   description_id="Tanggal lahir", description_en="Date of birth"),
            Column("jenis_kelamin", CHOICE, required=False, choices=("L", "P"),
                   aliases=("jk", "kelamin", "gender", "sex", "l_p", "lp"),
                   description_id="L atau P", description_en="L (male) or P (female)"),
            *_kecamatan_columns(),
            Column("kelurahan", KELURAHAN, required_in_header=False, required=False,
                   aliases=("nama_kelurahan", "kel", "desa_kelurahan", "kode_kelurahan"),
                   description_id="Opsional; nama atau kode kelurahan di kecamatan tersebut",
                   description_en="Optional; kelurahan name or code within the kecamatan"),
            Column("segmen", TEXT, required=False, aliases=("kelompok", "kategori", "segmen_peserta"),
                   description_id="Kelompok sasaran, mis. RT_RW, OJEK_ONLINE, PKL",
                   description_en="Target group, e.g. RT_RW, OJEK_ONLINE, PKL"),
            Column("tgl_mulai", DATE, aliases=("tanggal_mulai", "tmt", "tgl_kepesertaan", "mulai"),
                   description_id="Awal masa perlindungan", description_en="Start of cover"),
            Column("tgl_akhir", DATE, required=False,
                   aliases=("tanggal_akhir", "tgl_berakhir", "akhir"),
                   description_id="Akhir masa perlindungan; kosong = masih terlindungi",
                   description_en="End of cover; empty = still covered"),
            Column("status", CHOICE, required=False, choices=STATUS_PESERTA,
                   aliases=("status_peserta", "status_kepesertaan"),
                   description_id="AKTIF / NONAKTIF / MENINGGAL", description_en="AKTIF / NONAKTIF / MENINGGAL"),
            Column("tgl_nonaktif", DATE, required_in_header=False, required=False,
                   aliases=("tanggal_nonaktif", "tgl_non_aktif"),
                   description_id="Opsional; tanggal status NONAKTIF menurut BPJS (bukan akhir masa perlindungan)",
                   description_en="Optional; date of the NONAKTIF status at BPJS (not an end of cover)"),
        ),
        unique_keys=(("no_kpj",),),
        one_of=(("kecamatan", "kode_kecamatan"),),
        rules=_RULES_PESERTA,
        table=table_of("peserta", ("no_kpj", "VARCHAR"), ("nik_hash", "VARCHAR"), ("nik_16digit", "BOOLEAN"),
                     ("nik_prefiks", "VARCHAR"), ("tgl_lahir", "DATE"), ("jenis_kelamin", "VARCHAR"),
                     ("kode_kecamatan", "VARCHAR"), ("kode_kelurahan", "VARCHAR"), ("segmen", "VARCHAR"),
                     ("tgl_mulai", "DATE"), ("tgl_akhir", "DATE"), ("status", "VARCHAR"), ("tgl_nonaktif", "DATE")),
        overlap_id=("per `no_kpj` dipakai baris dari impor terbaru yang memuatnya (ekstrak baru memperbarui "
                    "yang lama, mis. saat `tgl_akhir` diisi). KPJ yang tidak ada di ekstrak baru tetap memakai "
                    "versi lamanya; ekstrak peserta tidak menghapus registrasi."),
    ),
    "sasaran": Kind(
        name="sasaran",
        title_words=("sasaran", "target"),
        description_id="Jumlah sasaran (target kelompok rentan) per tahun dan kecamatan",
        columns=(
            Column("tahun", INTEGER, aliases=("thn", "tahun_anggaran"), description_id="Tahun", description_en="Year"),
            *_kecamatan_columns(),
            Column("segmen", TEXT, required_in_header=False, required=False, aliases=("kelompok", "kategori"),
                   description_id="Opsional; kosong = semua segmen", description_en="Optional; empty = all segments"),
            Column("jumlah_sasaran", INTEGER, aliases=("sasaran", "target", "jumlah_target", "jumlah"),
                   description_id="Jumlah orang sasaran", description_en="Number of people targeted"),
            Column("jumlah_semesta", INTEGER, required_in_header=False, required=False,
                   aliases=("semesta", "jumlah_pekerja_rentan", "pekerja_rentan", "semesta_pekerja_rentan"),
                   description_id="Opsional; semua pekerja rentan di wilayah baris itu, dibaca dari baris yang sama "
                                  "dengan sasaran (baris total, atau jumlah baris segmen bila semuanya mengisi)",
                   description_en="Optional; all vulnerable workers of the row's area, read from the same rows as "
                                  "the target (the total row, or the sum of the segment rows when all give one)"),
            Column("sumber_semesta", TEXT, required_in_header=False, required=False, aliases=("sumber_data_semesta",),
                   description_id="Opsional; sumber semesta, mis. DTSEN 2025", description_en="Optional; source"),
        ),
        unique_keys=(("tahun", "kode_kecamatan", "segmen_kunci"),),
        one_of=(("kecamatan", "kode_kecamatan"),),
        rules=_RULES_SASARAN,
        table=table_of("sasaran", ("tahun", "INTEGER"), ("kode_kecamatan", "VARCHAR"), ("segmen", "VARCHAR"),
                     ("jumlah_sasaran", "BIGINT"), ("jumlah_semesta", "BIGINT"), ("sumber_semesta", "VARCHAR")),
        overlap_id=("per (`tahun`, kecamatan) dipakai semua baris dari impor terbaru yang memuat pasangan itu; "
                    "baris lama untuk pasangan itu tidak dipakai lagi."),
    ),
    "iuran": Kind(
        name="iuran",
        description_id="Rincian tagihan iuran bulanan dari BPJS Ketenagakerjaan",
        columns=(
            Column("periode", PERIOD, aliases=("bulan", "periode_tagihan", "bulan_iuran", "masa_iuran"),
                   description_id="Bulan tagihan, YYYY-MM", description_en="Billed month, YYYY-MM"),
            Column("no_kpj", CODE, aliases=("kpj", "nomor_kpj", "no_peserta"),
                   description_id="Nomor KPJ yang ditagih", description_en="Billed participant number"),
            Column("nominal", MONEY, aliases=("iuran", "jumlah_iuran", "nilai", "jumlah", "total_iuran"),
                   description_id="Iuran ditagih (Rp); boleh diganti `iuran_jkk` + `iuran_jkm`",
                   description_en="Billed premium (Rp); may be replaced by `iuran_jkk` + `iuran_jkm`"),
            Column("iuran_jkk", MONEY, required_in_header=False, required=False, aliases=("jkk",),
                   description_id="Opsional; komponen JKK (Rp)", description_en="Optional; JKK component (Rp)"),
            Column("iuran_jkm", MONEY, required_in_header=False, required=False, aliases=("jkm",),
                   description_id="Opsional; komponen JKM (Rp)", description_en="Optional; JKM component (Rp)"),
        ),
        totals=(Total("nominal", ("iuran_jkk", "iuran_jkm"), "total iuran tidak sama dengan JKK + JKM"),),
        title_words=("tagihan iuran", "rincian iuran", "iuran"),
        table=table_of("iuran", ("periode", "DATE"), ("no_kpj", "VARCHAR"), ("nominal", "DECIMAL(18,2)")),
        overlap_id=("per bulan tagihan (`periode`) dipakai semua baris dari impor terbaru yang memuat bulan "
                    "itu: tagihan yang diterbitkan ulang menggantikan, bukan menambah. Karena itu kirim tagihan "
                    "satu bulan selalu utuh; file koreksi yang hanya berisi sebagian baris akan menggantikan "
                    "seluruh bulan."),
    ),
    "anggaran": Kind(
        name="anggaran",
        title_words=("dpa", "pagu", "anggaran"),
        description_id="Dokumen anggaran (DPA): pagu per kode rekening, APBD murni dan perubahan",
        columns=(
            Column("tahun", INTEGER, aliases=("thn", "tahun_anggaran"), description_id="Tahun anggaran",
                   description_en="Budget year"),
            Column("kode_rekening", CODE, aliases=("kd_rekening", "rekening", "kode_rek", "koderekening"),
                   description_id="Kode rekening belanja", description_en="Budget line code"),
            Column("uraian", TEXT, required=False, aliases=("nama_rekening", "keterangan", "uraian_rekening"),
                   description_id="Uraian rekening", description_en="Budget line description"),
            Column("jenis", CHOICE, choices=JENIS_ANGGARAN, aliases=("jenis_dokumen", "jenis_apbd", "dokumen"),
                   description_id="MURNI atau PERUBAHAN", description_en="MURNI (original) or PERUBAHAN (revised)"),
            Column("tgl_penetapan", DATE, aliases=("tanggal_penetapan", "tgl_dpa", "tanggal_dpa"),
                   description_id="Tanggal penetapan dokumen", description_en="Date the document was adopted"),
            Column("pagu", MONEY, aliases=("pagu_anggaran", "nilai_pagu", "anggaran"),
                   description_id="Pagu (Rp)", description_en="Allocation (Rp)"),
        ),
        # One pagu per budget line per document: a repeated line would silently double it.
        unique_keys=(("tahun", "kode_rekening", "tgl_penetapan"),),
        rules=_RULES_ANGGARAN,
        table=table_of("anggaran", ("tahun", "INTEGER"), ("kode_rekening", "VARCHAR"), ("uraian", "VARCHAR"),
                     ("jenis", "VARCHAR"), ("tgl_penetapan", "DATE"), ("pagu", "DECIMAL(18,2)")),
        overlap_id=("per (`tahun`, `kode_rekening`, `tgl_penetapan`) dipakai baris dari impor terbaru. Baris "
                    "dengan ketiga nilai yang sama dalam satu impor dijumlahkan."),
    ),
    "realisasi": Kind(
        name="realisasi",
        title_words=("sp2d", "realisasi"),
        description_id="Realisasi belanja: SP2D yang diterbitkan BPKAD",
        columns=(
            Column("no_sp2d", CODE, aliases=("nomor_sp2d", "sp2d"), description_id="Nomor SP2D",
                   description_en="Payment order number"),
            Column("tgl_sp2d", DATE, aliases=("tanggal_sp2d", "tanggal"), description_id="Tanggal SP2D",
                   description_en="Payment order date"),
            Column("kode_rekening", CODE, aliases=("kd_rekening", "rekening", "kode_rek"),
                   description_id="Kode rekening belanja", description_en="Budget line code"),
            Column("nominal", MONEY, aliases=("nilai", "nilai_sp2d", "jumlah"),
                   description_id="Nilai SP2D (Rp)", description_en="Amount paid (Rp)"),
            Column("periode_tagihan", PERIOD, required_in_header=False, required=False,
                   aliases=("periode", "bulan_tagihan"),
                   description_id="Opsional; bulan tagihan yang dibayar", description_en="Optional; billed month paid"),
        ),
        table=table_of("realisasi", ("no_sp2d", "VARCHAR"), ("tgl_sp2d", "DATE"), ("kode_rekening", "VARCHAR"),
                     ("nominal", "DECIMAL(18,2)"), ("periode_tagihan", "DATE")),
        overlap_id=("semua baris disimpan. Baris yang identik (nomor, tanggal, nominal dan kode rekening "
                    "sama) dengan baris sebelumnya (di impor lebih awal atau baris lebih atas) adalah SP2D yang "
                    "sama tercantum dua kali: dihitung sekali, disebut di laporan impor, bukan temuan; ekstrak "
                    "yang tumpang-tindih karenanya aman. Nomor SP2D yang muncul lagi dengan tanggal, nominal "
                    "atau rekening lain tidak dihitung lagi dalam realisasi dan menjadi temuan SP2D_GANDA."),
    ),
    "klaim": Kind(
        name="klaim",
        title_words=("klaim",),
        description_id="Klaim manfaat JKK/JKM peserta",
        columns=(
            Column("no_klaim", CODE, aliases=("nomor_klaim", "klaim_id"), description_id="Nomor klaim",
                   description_en="Claim number"),
            Column("no_kpj", CODE, aliases=("kpj", "nomor_kpj", "no_peserta"), description_id="Nomor KPJ",
                   description_en="Participant number"),
            Column("program", CHOICE, choices=PROGRAM_KLAIM, aliases=("jenis_klaim", "program_klaim"),
                   description_id="JKK / JKM / JHT", description_en="JKK / JKM / JHT"),
            Column("tgl_kejadian", DATE, aliases=("tanggal_kejadian", "tgl_kecelakaan", "tgl_meninggal"),
                   description_id="Tanggal kecelakaan/kematian", description_en="Date of accident/death"),
            Column("tgl_pengajuan", DATE, aliases=("tanggal_pengajuan", "tgl_klaim"),
                   description_id="Tanggal pengajuan klaim", description_en="Date claim was filed"),
            Column("tgl_bayar", DATE, required=False, aliases=("tanggal_bayar", "tgl_pembayaran"),
                   description_id="Tanggal dibayar; kosong bila belum", description_en="Date paid; empty if not paid"),
            Column("nominal_dibayar", MONEY, required=False, aliases=("nominal", "jumlah_dibayar", "manfaat"),
                   description_id="Manfaat dibayar (Rp)", description_en="Benefit paid (Rp)"),
            Column("status", CHOICE, choices=STATUS_KLAIM, aliases=("status_klaim",),
                   description_id="DIBAYAR / DITOLAK / PROSES", description_en="DIBAYAR (paid) / DITOLAK / PROSES"),
            Column("alasan_tolak", TEXT, required_in_header=False, required=False,
                   aliases=("alasan_penolakan", "alasan_ditolak", "alasan"),
                   description_id="Opsional; alasan klaim ditolak", description_en="Optional; why a claim was refused"),
        ),
        unique_keys=(("no_klaim",),),
        rules=_RULES_KLAIM,
        table=table_of("klaim", ("no_klaim", "VARCHAR"), ("no_kpj", "VARCHAR"), ("program", "VARCHAR"),
                     ("tgl_kejadian", "DATE"), ("tgl_pengajuan", "DATE"), ("tgl_bayar", "DATE"),
                     ("nominal_dibayar", "DECIMAL(18,2)"), ("status", "VARCHAR"), ("alasan_tolak", "VARCHAR")),
        overlap_id="per `no_klaim` dipakai baris dari impor terbaru (status bergerak PROSES → DIBAYAR).",
    ),
}
# fmt: on

KIND_NAMES = tuple(KINDS)


def normalize_header(text: object) -> str:
    """'No. KPJ', 'NO_KPJ', ' no  kpj ' -> 'no_kpj'."""
    s = str(text).replace("\ufeff", "").strip().lower()
    s = re.sub(r"[^0-9a-z]+", "_", s)
    return s.strip("_")


def header_map(kind: Kind) -> dict[str, str]:
    """Every accepted normalised header -> canonical column name."""
    mapping: dict[str, str] = {}
    for column in kind.columns:
        mapping[normalize_header(column.name)] = column.name
        for alias in column.aliases:
            mapping.setdefault(normalize_header(alias), column.name)
    return mapping


def kind_from_filename(file_name: str) -> str | None:
    base = file_name.rsplit("/", 1)[-1].lower()
    for kind in KIND_NAMES:
        if base.startswith(kind):
            return kind
    return None
