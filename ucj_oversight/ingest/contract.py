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
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ucj_oversight.ingest import values

# Column value types understood by ingest.values. The texts are data (shown in docs/kontrak.md).
TEXT = "teks"  # free text, trimmed
CODE = "kode"  # identifier text (no_kpj, no_sp2d, kode_rekening): trimmed, upper-cased
NIK = "nik"  # personal identifier: hashed at once, never stored raw
DATE = "tanggal"  # ISO, dd/mm/yyyy or Excel date cell
PERIOD = "periode"  # a month: YYYY-MM, a date, MM/YYYY
MONEY = "uang"  # Rupiah: number or Indonesian text ("Rp 16.800", "16800,00")
INTEGER = "bilangan"  # whole number >= 0 (tahun, jumlah_sasaran)
KECAMATAN = "kecamatan"  # name or kode, resolved to kode_kecamatan
KELURAHAN = "kelurahan"  # name or kode, resolved to kode_kelurahan within the kecamatan
CHOICE = "pilihan"  # one of a fixed list, any case
DISCARDED = "dibuang"  # read and discarded (names: UU PDP data minimisation)

# The karantina reason for a cell of this type that holds something unreadable (data: stored
# in karantina.alasan and shown to users). CHOICE cells name the accepted values instead.
UNREADABLE_REASONS: dict[str, str] = {
    DATE: "tanggal tidak terbaca (format yang diterima: YYYY-MM-DD, DD/MM/YYYY, sel tanggal Excel)",
    PERIOD: "periode tidak terbaca (format yang diterima: YYYY-MM, YYYYMM, MM/YYYY, tanggal)",
    MONEY: "nominal tidak terbaca (contoh yang diterima: 16800, 16.800, Rp 16.800, 16800,00)",
    INTEGER: "bukan bilangan bulat",
    CHOICE: "nilai tidak dikenal",
}

# An empty NIK quarantines its row; any other NIK that is not 16 digits is loaded and becomes the
# finding NIK_TIDAK_VALID, with one of these reasons (data: shown in the import report). The keys
# are the problem codes of ingest.values.read_nik, and 'bukan_16_digit'.
NIK_EMPTY = "NIK kosong"
NIK_NOTES: dict[str, str] = {
    values.NIK_SCIENTIFIC: (
        "NIK tertulis dalam notasi ilmiah (mis. 3,27501E+15): digit aslinya sudah hilang; baris dimuat "
        "sebagai NIK_TIDAK_VALID. Format kolom NIK sebagai Teks di Excel lalu kirim ulang"
    ),
    values.NIK_INEXACT_NUMBER: (
        "NIK berupa angka yang tidak dapat dibaca tepat (pecahan, negatif, atau terlalu besar); baris dimuat "
        "sebagai NIK_TIDAK_VALID"
    ),
    "bukan_16_digit": "NIK bukan 16 digit; baris dimuat sebagai NIK_TIDAK_VALID",
}


@dataclass(frozen=True)
class Column:
    """A canonical column of an extract."""

    name: str
    type: str
    required_in_header: bool = True  # the header must contain it (or an alias)
    required: bool = True  # an empty cell sends the row to karantina
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    description_id: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Check:
    """One check of a cross-column rule: the rows of the typed frame it marks go to karantina."""

    column: str  # the column the karantina entry names
    reason: str  # data: stored in karantina.alasan and shown to users
    rows: Callable[[pd.DataFrame], pd.Series | np.ndarray]  # typed rows -> mask of the rows that break it
    show_value: bool = False  # show the row's typed value of `column` next to the reason


@dataclass(frozen=True)
class Rule:
    """A rule over more than one column (or a whole column) of the typed rows of one kind: its
    checks, then its transformation of the typed rows, and its text in docs/kontrak.md."""

    text_id: str
    text_en: str
    checks: tuple[Check, ...] = ()
    transform: Callable[[pd.DataFrame], None] | None = None  # changes the typed rows in place


@dataclass(frozen=True)
class StoredColumn:
    name: str
    sql_type: str  # as DuckDB reports it (information_schema.columns.data_type)


@dataclass(frozen=True)
class Table:
    """The storage table of a kind. Every row also carries impor_id and baris (LEADING), first."""

    name: str
    columns: tuple[StoredColumn, ...]

    LEADING = (StoredColumn("impor_id", "INTEGER"), StoredColumn("baris", "BIGINT"))

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _table(name: str, *columns: tuple[str, str]) -> Table:
    return Table(name, tuple(StoredColumn(n, t) for n, t in columns))


@dataclass(frozen=True)
class Total:
    """An amount column an office may send as its components (e.g. 'Iuran JKK' + 'Iuran JKM'
    next to or instead of 'Total Iuran'): the total is used; if only the components are there,
    their sum; a row whose total differs from the sum of its components goes to karantina."""

    column: str  # the total (a MONEY column of the kind)
    parts: tuple[str, ...]  # the component columns (MONEY columns of the kind, optional)
    reason: str  # data: the karantina reason of a row whose total and components disagree


@dataclass(frozen=True)
class Kind:
    name: str
    description_id: str
    columns: tuple[Column, ...]
    table: Table
    # Which version counts when imports overlap (the derived layer, storage/sql/derived/); docs only.
    overlap_id: str
    # Each key (one or more typed columns) may appear once per extract; later repeats are quarantined.
    unique_keys: tuple[tuple[str, ...], ...] = ()
    # Either of these columns satisfies the header check (kecamatan name or code).
    one_of: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    # Cross-column rules, applied in this order after every column is typed.
    rules: tuple[Rule, ...] = ()
    # Words of a title row or file name that point to this kind ('Register SP2D' -> realisasi),
    # used with the header to classify a file whose name does not start with a kind.
    title_words: tuple[str, ...] = ()
    # Amount columns that may arrive as components (Total).
    totals: tuple[Total, ...] = ()

    def column_dict(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}


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
                   aliases=("jk", "kelamin", "gender", "sex"),
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
                   aliases=("tanggal_akhir", "tgl_berakhir", "akhir", "tgl_nonaktif"),
                   description_id="Akhir masa perlindungan; kosong = masih terlindungi",
                   description_en="End of cover; empty = still covered"),
            Column("status", CHOICE, required=False, choices=STATUS_PESERTA,
                   aliases=("status_peserta", "status_kepesertaan"),
                   description_id="AKTIF / NONAKTIF / MENINGGAL", description_en="AKTIF / NONAKTIF / MENINGGAL"),
        ),
        unique_keys=(("no_kpj",),),
        one_of=(("kecamatan", "kode_kecamatan"),),
        rules=_RULES_PESERTA,
        table=_table("peserta", ("no_kpj", "VARCHAR"), ("nik_hash", "VARCHAR"), ("nik_16digit", "BOOLEAN"),
                     ("nik_prefiks", "VARCHAR"), ("tgl_lahir", "DATE"), ("jenis_kelamin", "VARCHAR"),
                     ("kode_kecamatan", "VARCHAR"), ("kode_kelurahan", "VARCHAR"), ("segmen", "VARCHAR"),
                     ("tgl_mulai", "DATE"), ("tgl_akhir", "DATE"), ("status", "VARCHAR")),
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
        ),
        unique_keys=(("tahun", "kode_kecamatan", "segmen_kunci"),),
        one_of=(("kecamatan", "kode_kecamatan"),),
        rules=_RULES_SASARAN,
        table=_table("sasaran", ("tahun", "INTEGER"), ("kode_kecamatan", "VARCHAR"), ("segmen", "VARCHAR"),
                     ("jumlah_sasaran", "BIGINT")),
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
        table=_table("iuran", ("periode", "DATE"), ("no_kpj", "VARCHAR"), ("nominal", "DECIMAL(18,2)")),
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
        table=_table("anggaran", ("tahun", "INTEGER"), ("kode_rekening", "VARCHAR"), ("uraian", "VARCHAR"),
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
        table=_table("realisasi", ("no_sp2d", "VARCHAR"), ("tgl_sp2d", "DATE"), ("kode_rekening", "VARCHAR"),
                     ("nominal", "DECIMAL(18,2)"), ("periode_tagihan", "DATE")),
        overlap_id=("semua baris disimpan dan dipakai. Nomor SP2D yang sudah muncul sebelumnya (di impor "
                    "lebih awal atau baris lebih atas) dihitung sekali saja dalam realisasi dan dilaporkan "
                    "sebagai temuan SP2D_GANDA. Karena itu kirim ekstrak realisasi per periode yang tidak "
                    "tumpang-tindih."),
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
        ),
        unique_keys=(("no_klaim",),),
        rules=_RULES_KLAIM,
        table=_table("klaim", ("no_klaim", "VARCHAR"), ("no_kpj", "VARCHAR"), ("program", "VARCHAR"),
                     ("tgl_kejadian", "DATE"), ("tgl_pengajuan", "DATE"), ("tgl_bayar", "DATE"),
                     ("nominal_dibayar", "DECIMAL(18,2)"), ("status", "VARCHAR")),
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
