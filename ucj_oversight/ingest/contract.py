"""The extract contract: every kind of file, its canonical columns, aliases and types.

This is the one place that says what a file must contain. The ingest, the validation
messages, the docs (docs/kontrak.md is generated from it) and the UI labels all read from here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Column value types understood by ucj_oversight.parse.
TEXT = "teks"          # free text, trimmed
CODE = "kode"          # identifier text (no_kpj, no_sp2d, kode_rekening): trimmed, upper-cased
NIK = "nik"            # personal identifier: hashed at once, never stored raw
DATE = "tanggal"    # ISO, dd/mm/yyyy or Excel date cell
PERIOD = "periode"    # a month: YYYY-MM, a date, MM/YYYY
MONEY = "uang"          # Rupiah: number or Indonesian text ("Rp 16.800", "16800,00")
INTEGER = "bilangan"  # whole number >= 0 (tahun, jumlah_sasaran)
KECAMATAN = "kecamatan"  # name or kode, resolved to kode_kecamatan
KELURAHAN = "kelurahan"  # name or kode, resolved to kode_kelurahan within the kecamatan
CHOICE = "pilihan"    # one of a fixed list, any case
DISCARDED = "dibuang"    # read and discarded (names: UU PDP data minimisation)


@dataclass(frozen=True)
class Column:
    nama: str
    tipe: str
    wajib_ada: bool = True          # the header must contain it (or an alias)
    wajib_isi: bool = True          # an empty cell sends the row to quarantine
    alias: tuple[str, ...] = ()
    pilihan: tuple[str, ...] = ()
    keterangan: str = ""
    description: str = ""


@dataclass(frozen=True)
class Kind:
    nama: str
    keterangan: str
    kolom: tuple[Column, ...]
    # A value in this column may appear once per extract; later repeats are quarantined.
    kunci_unik: str | None = None
    # Either of these columns satisfies the header check (kecamatan name or code).
    salah_satu: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    def kolom_dict(self) -> dict[str, Column]:
        return {k.nama: k for k in self.kolom}


def _kec(wajib_ada=False):
    return (
        Column("kecamatan", KECAMATAN, wajib_ada=wajib_ada, wajib_isi=False,
              alias=("nama_kecamatan", "kec", "nm_kecamatan"),
              keterangan="Nama kecamatan; ejaan, huruf besar/kecil, spasi, titik, tanda hubung "
                         "dan awalan 'Kec.'/'Kecamatan' diabaikan",
              description="Kecamatan name; case, spaces, dots, hyphens and a 'Kec.' prefix ignored"),
        Column("kode_kecamatan", KECAMATAN, wajib_ada=wajib_ada, wajib_isi=False,
              alias=("kd_kecamatan", "kode_kec", "kd_kec"),
              keterangan="Kode Kemendagri, 32.75.08 atau 327508",
              description="Kemendagri code, 32.75.08 or 327508"),
    )


STATUS_PESERTA = ("AKTIF", "NONAKTIF", "MENINGGAL")
PROGRAM_KLAIM = ("JKK", "JKM", "JHT")
STATUS_KLAIM = ("DIBAYAR", "DITOLAK", "PROSES")
JENIS_ANGGARAN = ("MURNI", "PERUBAHAN")

KINDS: dict[str, Kind] = {
    "peserta": Kind(
        "peserta",
        "Daftar peserta (registrasi BPJS Ketenagakerjaan) yang iurannya dibayar Pemkot",
        (
            Column("no_kpj", CODE, alias=("kpj", "nomor_kpj", "no_peserta", "nomor_peserta"),
                  keterangan="Nomor Kartu Peserta Jamsostek", description="Participant card number"),
            Column("nik", NIK, alias=("no_nik", "nomor_nik", "nomor_induk_kependudukan", "no_ktp"),
                  keterangan="16 digit; disimpan hanya sebagai hash berkunci (HMAC-SHA256)",
                  description="16 digits; stored only as a keyed hash (HMAC-SHA256)"),
            Column("nama", DISCARDED, wajib_ada=False, wajib_isi=False,
                  alias=("nama_peserta", "nama_lengkap", "nm_peserta"),
                  keterangan="Boleh ada; tidak pernah disimpan", description="Allowed; never stored"),
            Column("tgl_lahir", DATE, wajib_isi=False, alias=("tanggal_lahir", "tgllahir"),
                  keterangan="Tanggal lahir", description="Date of birth"),
            Column("jenis_kelamin", CHOICE, wajib_isi=False, pilihan=("L", "P"),
                  alias=("jk", "kelamin", "gender", "sex"),
                  keterangan="L atau P", description="L (male) or P (female)"),
            *_kec(),
            Column("kelurahan", KELURAHAN, wajib_ada=False, wajib_isi=False,
                  alias=("nama_kelurahan", "kel", "desa_kelurahan", "kode_kelurahan"),
                  keterangan="Opsional; nama atau kode kelurahan di kecamatan tersebut",
                  description="Optional; kelurahan name or code within the kecamatan"),
            Column("segmen", TEXT, wajib_isi=False, alias=("kelompok", "kategori", "segmen_peserta"),
                  keterangan="Kelompok sasaran, mis. RT_RW, OJEK_ONLINE, PKL",
                  description="Target group, e.g. RT_RW, OJEK_ONLINE, PKL"),
            Column("tgl_mulai", DATE, alias=("tanggal_mulai", "tmt", "tgl_kepesertaan", "mulai"),
                  keterangan="Awal masa perlindungan", description="Start of cover"),
            Column("tgl_akhir", DATE, wajib_isi=False,
                  alias=("tanggal_akhir", "tgl_berakhir", "akhir", "tgl_nonaktif"),
                  keterangan="Akhir masa perlindungan; kosong = masih terlindungi",
                  description="End of cover; empty = still covered"),
            Column("status", CHOICE, wajib_isi=False, pilihan=STATUS_PESERTA,
                  alias=("status_peserta", "status_kepesertaan"),
                  keterangan="AKTIF / NONAKTIF / MENINGGAL", description="AKTIF / NONAKTIF / MENINGGAL"),
        ),
        kunci_unik="no_kpj",
        salah_satu=(("kecamatan", "kode_kecamatan"),),
    ),
    "sasaran": Kind(
        "sasaran",
        "Jumlah sasaran (target kelompok rentan) per tahun dan kecamatan",
        (
            Column("tahun", INTEGER, alias=("thn", "tahun_anggaran"), keterangan="Tahun", description="Year"),
            *_kec(),
            Column("segmen", TEXT, wajib_ada=False, wajib_isi=False, alias=("kelompok", "kategori"),
                  keterangan="Opsional; kosong = semua segmen", description="Optional; empty = all segments"),
            Column("jumlah_sasaran", INTEGER, alias=("sasaran", "target", "jumlah_target", "jumlah"),
                  keterangan="Jumlah orang sasaran", description="Number of people targeted"),
        ),
        salah_satu=(("kecamatan", "kode_kecamatan"),),
    ),
    "iuran": Kind(
        "iuran",
        "Rincian tagihan iuran bulanan dari BPJS Ketenagakerjaan",
        (
            Column("periode", PERIOD, alias=("bulan", "periode_tagihan", "bulan_iuran", "masa_iuran"),
                  keterangan="Bulan tagihan, YYYY-MM", description="Billed month, YYYY-MM"),
            Column("no_kpj", CODE, alias=("kpj", "nomor_kpj", "no_peserta"),
                  keterangan="Nomor KPJ yang ditagih", description="Billed participant number"),
            Column("nominal", MONEY, alias=("iuran", "jumlah_iuran", "nilai", "jumlah"),
                  keterangan="Iuran ditagih (Rp)", description="Billed premium (Rp)"),
        ),
    ),
    "anggaran": Kind(
        "anggaran",
        "Dokumen anggaran (DPA): pagu per kode rekening, APBD murni dan perubahan",
        (
            Column("tahun", INTEGER, alias=("thn", "tahun_anggaran"), keterangan="Tahun anggaran",
                  description="Budget year"),
            Column("kode_rekening", CODE, alias=("kd_rekening", "rekening", "kode_rek", "koderekening"),
                  keterangan="Kode rekening belanja", description="Budget line code"),
            Column("uraian", TEXT, wajib_isi=False, alias=("nama_rekening", "keterangan", "uraian_rekening"),
                  keterangan="Uraian rekening", description="Budget line description"),
            Column("jenis", CHOICE, pilihan=JENIS_ANGGARAN, alias=("jenis_dokumen", "jenis_apbd", "dokumen"),
                  keterangan="MURNI atau PERUBAHAN", description="MURNI (original) or PERUBAHAN (revised)"),
            Column("tgl_penetapan", DATE, alias=("tanggal_penetapan", "tgl_dpa", "tanggal_dpa"),
                  keterangan="Tanggal penetapan dokumen", description="Date the document was adopted"),
            Column("pagu", MONEY, alias=("pagu_anggaran", "nilai_pagu", "anggaran"),
                  keterangan="Pagu (Rp)", description="Allocation (Rp)"),
        ),
    ),
    "realisasi": Kind(
        "realisasi",
        "Realisasi belanja: SP2D yang diterbitkan BPKAD",
        (
            Column("no_sp2d", CODE, alias=("nomor_sp2d", "sp2d"), keterangan="Nomor SP2D",
                  description="Payment order number"),
            Column("tgl_sp2d", DATE, alias=("tanggal_sp2d", "tanggal"), keterangan="Tanggal SP2D",
                  description="Payment order date"),
            Column("kode_rekening", CODE, alias=("kd_rekening", "rekening", "kode_rek"),
                  keterangan="Kode rekening belanja", description="Budget line code"),
            Column("nominal", MONEY, alias=("nilai", "nilai_sp2d", "jumlah"),
                  keterangan="Nilai SP2D (Rp)", description="Amount paid (Rp)"),
            Column("periode_tagihan", PERIOD, wajib_ada=False, wajib_isi=False,
                  alias=("periode", "bulan_tagihan"),
                  keterangan="Opsional; bulan tagihan yang dibayar", description="Optional; billed month paid"),
        ),
    ),
    "klaim": Kind(
        "klaim",
        "Klaim manfaat JKK/JKM peserta",
        (
            Column("no_klaim", CODE, alias=("nomor_klaim", "klaim_id"), keterangan="Nomor klaim",
                  description="Claim number"),
            Column("no_kpj", CODE, alias=("kpj", "nomor_kpj", "no_peserta"), keterangan="Nomor KPJ",
                  description="Participant number"),
            Column("program", CHOICE, pilihan=PROGRAM_KLAIM, alias=("jenis_klaim", "program_klaim"),
                  keterangan="JKK / JKM / JHT", description="JKK / JKM / JHT"),
            Column("tgl_kejadian", DATE, alias=("tanggal_kejadian", "tgl_kecelakaan", "tgl_meninggal"),
                  keterangan="Tanggal kecelakaan/kematian", description="Date of accident/death"),
            Column("tgl_pengajuan", DATE, alias=("tanggal_pengajuan", "tgl_klaim"),
                  keterangan="Tanggal pengajuan klaim", description="Date claim was filed"),
            Column("tgl_bayar", DATE, wajib_isi=False, alias=("tanggal_bayar", "tgl_pembayaran"),
                  keterangan="Tanggal dibayar; kosong bila belum", description="Date paid; empty if not paid"),
            Column("nominal_dibayar", MONEY, wajib_isi=False, alias=("nominal", "jumlah_dibayar", "manfaat"),
                  keterangan="Manfaat dibayar (Rp)", description="Benefit paid (Rp)"),
            Column("status", CHOICE, pilihan=STATUS_KLAIM, alias=("status_klaim",),
                  keterangan="DIBAYAR / DITOLAK / PROSES", description="DIBAYAR (paid) / DITOLAK / PROSES"),
        ),
        kunci_unik="no_klaim",
    ),
}

KIND_NAMES = tuple(KINDS)


def normalize_header(teks: object) -> str:
    """'No. KPJ', 'NO_KPJ', ' no  kpj ' -> 'no_kpj'."""
    s = str(teks).replace("\ufeff", "").strip().lower()
    s = re.sub(r"[^0-9a-z]+", "_", s)
    return s.strip("_")


def header_map(jenis: Kind) -> dict[str, str]:
    """Every accepted normalised header -> canonical column name."""
    peta: dict[str, str] = {}
    for k in jenis.kolom:
        peta[normalize_header(k.nama)] = k.nama
        for a in k.alias:
            peta.setdefault(normalize_header(a), k.nama)
    return peta


def kind_from_filename(nama_file: str) -> str | None:
    dasar = nama_file.rsplit("/", 1)[-1].lower()
    for kind in KIND_NAMES:
        if dasar.startswith(kind):
            return kind
    return None
