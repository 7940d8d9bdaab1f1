"""One declaration per figure: its SQL file, output columns (dtype, label, display format, export
schema), small-count disclosure rule, city-only flag and export title. Everything that needs to
know a figure's columns reads them here: the runner (dtype casts), the pages (labels and
formats), disclosure (the rule), the export (TABLES and the datapackage schema).

Column dtypes (what the figure function returns; the runner casts the SQL result to them):

    int64, int32     integers (SQL NULL only where `fill` is given)
    Int64            nullable integer (<NA> where SQL gives NULL)
    float64          float (NaN where SQL gives NULL, unless `fill`); Rupiah amounts, percentages
    string           text (pandas' string dtype, as DuckDB returns it; missing stays missing)
    month            a DATE as 'YYYY-MM' text
    day              a DATE as 'YYYY-MM-DD' text
    datetime         a DATE or TIMESTAMP as datetime64[us]
    bool             boolean; `boolean` for a record value that may be None

For a record figure (a dict, e.g. ringkasan) the columns are the dict's keys, and the dtype says
the type of the value (Int64, float64, boolean: may be None).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DTYPES = ("int64", "int32", "Int64", "float64", "string", "month", "day", "datetime", "bool", "boolean")
FORMATS = ("angka", "rupiah", "persen")  # text/fmt.py: number, rupiah, percent


@dataclass(frozen=True)
class Column:
    """One output column. `label` is a text/labels.py key (or a literal shown as it is in both
    languages, e.g. a programme name 'JKK'); `format` the display format of a page table;
    `export_type`/`export_description` the Frictionless field where the figure is exported (a
    column without export_type is not exported). `fill` replaces SQL NULL before the cast;
    `computed` marks a value composed in Python, not returned by the SQL."""

    name: str
    dtype: str
    label: str | None = None
    format: str | None = None
    export_type: str | None = None
    export_description: str | None = None
    fill: int | float | None = None
    computed: bool = False

    def __post_init__(self):
        if self.dtype not in DTYPES:
            raise ValueError(f"{self.name}: unknown dtype {self.dtype!r}")
        if self.format is not None and self.format not in FORMATS:
            raise ValueError(f"{self.name}: unknown format {self.format!r}")


@dataclass(frozen=True)
class Remainder:
    """A count that is no column but what a total leaves after its parts (klaim_kecamatan: the
    programmes other than JKK and JKM = jumlah_klaim - jkk_jumlah - jkm_jumlah), added as a hidden
    column while the rule is applied so that it is protected like a column."""

    count: str  # the hidden count column
    amount: str  # its hidden amount column
    total: tuple[str, str]  # (count, amount) of the total
    parts: tuple[tuple[str, str], ...]  # (count, amount) of each part


@dataclass(frozen=True)
class Disclosure:
    """The small-count suppression rule of a figure table (the arguments of
    disclosure.algorithm.suppress; see its docstring for each)."""

    counts: tuple[str, ...]
    amounts: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    follows: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    row_groups: tuple[tuple[str, ...], ...] = ()
    per: tuple[tuple[str, ...], ...] = ((),)
    totals: tuple[str, ...] | None = None  # None: every count column's total is shown
    remainder: Remainder | None = None
    # (column, values): rows whose counts are documents or file rows, not people (temuan: SP2D
    # numbers, rejected rows). Never hidden; the rule runs on the other rows (disclosure.apply).
    documents: tuple[str, tuple[str, ...]] | None = None

    def maskable(self, columns) -> list[str]:
        """The columns of `columns` that can be hidden, in that order."""
        can = set(self.counts)
        for v in [*self.amounts.values(), *self.follows.values()]:
            can |= set(v)
        return [c for c in columns if c in can]


@dataclass(frozen=True)
class Export:
    """The open-data resource of an exported figure (publish/export.py)."""

    title: str
    description: str


@dataclass(frozen=True)
class FigureSpec:
    """A figure: `sql` is the file stem in figures/sql/ (None for a figure composed of others);
    `returns` 'table' (DataFrame), 'record' (dict) or 'value'; `monthly` False for figures
    without an as-of month; `city_only` for budget figures (SP2D and DPA have no kecamatan):
    they take no filter."""

    name: str
    sql: str | None
    columns: tuple[Column, ...]
    returns: str = "table"
    monthly: bool = True
    city_only: bool = False
    disclosure: Disclosure | None = None
    export: Export | None = None

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def sql_columns(self) -> tuple[Column, ...]:
        """The columns the SQL returns, in order."""
        return tuple(c for c in self.columns if not c.computed)

    @property
    def export_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.export_type is not None)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")


def _specs(*specs: FigureSpec) -> dict[str, FigureSpec]:
    return {s.name: s for s in specs}


C = Column
_PERIOD = "Bulan (YYYY-MM)"

# The declarations, one per figure, aligned by hand as a table (not reformatted).
# The exported figures appear in the order of the export (cakupan_kecamatan, anggaran_bulanan,
# klaim_program, rekonsiliasi_iuran, temuan): publish/export.py takes TABLES from this order.
# fmt: off
SPECS: dict[str, FigureSpec] = _specs(
    FigureSpec("latest_month", "bulan_terakhir", (C("bulan", "datetime"),), returns="value", monthly=False),
    FigureSpec("first_month", "bulan_pertama", (C("bulan", "datetime"),), returns="value", monthly=False),
    FigureSpec("segmen_list", "daftar_segmen", (C("segmen", "string", "kolom_segmen"),), returns="value",
               monthly=False),
    FigureSpec("sumber_impor", "sumber_impor", (
        C("impor_id", "int32", "kolom_impor"), C("nama_file", "string", "kolom_file"),
        C("jenis", "string", "kolom_jenis"), C("sha256", "string", "kolom_sha"),
        C("waktu", "datetime", "kolom_waktu"), C("baris_dimuat", "int64", "kolom_dimuat", "angka"),
        C("baris_dikarantina", "int64", "kolom_dikarantina", "angka"), C("simulasi", "bool"),
        C("dipakai", "bool", "kolom_dipakai"), C("kontrol", "string", "kolom_kontrol")), monthly=False),
    FigureSpec("karantina_impor", "karantina_impor", (
        C("impor_id", "int32", "kolom_impor"), C("nama_file", "string", "kolom_file"),
        C("jenis", "string", "kolom_jenis"), C("baris", "int64", "kolom_baris"),
        C("kolom", "string", "kolom_kolom"), C("alasan", "string", "kolom_alasan"),
        C("nilai", "string", "kolom_nilai")), monthly=False),
    FigureSpec("is_simulated", None, (), returns="value", monthly=False),
    FigureSpec(
        "cakupan_kecamatan", "cakupan_kecamatan", (
            C("kode_kecamatan", "string", export_type="string", export_description="Kode Kemendagri kecamatan"),
            C("nama_kecamatan", "string", "kolom_kecamatan", export_type="string",
              export_description="Nama kecamatan"),
            C("sasaran", "Int64", "kolom_sasaran", "angka", "integer", "Jumlah sasaran tahun berjalan (orang)"),
            C("peserta_aktif", "int64", "kolom_aktif", "angka", "integer",
              "Orang (NIK berbeda) dengan registrasi aktif pada hari terakhir bulan"),
            C("capaian_kuota_persen", "float64", "kolom_capaian_kuota", "persen", "number",
              "Capaian kuota: 100 × peserta_aktif / sasaran, 2 desimal; kosong tanpa sasaran"),
            C("semesta", "Int64", "kolom_semesta", "angka", "integer",
              "Semua pekerja rentan di kecamatan (orang), dari ekstrak sasaran; kosong bila tidak ada"),
            C("cakupan_semesta_persen", "float64", "kolom_cakupan_semesta", "persen", "number",
              "Cakupan semesta: 100 × peserta_aktif / semesta, 2 desimal; kosong tanpa semesta")),
        # Each percentage with its shown denominator (sasaran, semesta: targets and a population
        # figure, not data about participants) gives peserta_aktif back: hidden with it. The
        # kecamatan add up to the city card.
        disclosure=Disclosure(("peserta_aktif",),
                              follows={"peserta_aktif": ("capaian_kuota_persen", "cakupan_semesta_persen")}),
        export=Export("Cakupan per kecamatan",
                      "Peserta aktif (NIK berbeda dengan registrasi aktif pada hari terakhir bulan) dibanding "
                      "kuota yang didanai (sasaran tahun berjalan: capaian kuota) dan dibanding semua pekerja "
                      "rentan (semesta: cakupan semesta).")),
    FigureSpec("cakupan_kota", None, (
        C("peserta_aktif", "int64"), C("sasaran", "Int64"), C("capaian_kuota_persen", "float64"),
        C("semesta", "Int64"), C("cakupan_semesta_persen", "float64")), returns="record"),
    FigureSpec("sumber_semesta", "sumber_semesta", (C("sumber_semesta", "string"),), returns="value"),
    FigureSpec(
        "laju_cakupan", None, (
            C("kode_kecamatan", "string"), C("nama_kecamatan", "string", "kolom_kecamatan"),
            C("semesta", "Int64", "kolom_semesta", "angka"), C("peserta_aktif", "int64", "kolom_aktif", "angka"),
            C("kekurangan", "Int64", "kolom_kekurangan", "angka"),
            C("bulan_tersisa", "int64", "kolom_bulan_tersisa", "angka"),
            C("perlu_per_bulan", "float64", "kolom_perlu_per_bulan", "angka"),
            C("laju_6_bulan", "float64", "kolom_laju_6_bulan", "angka")),
        # kekurangan (semesta - peserta_aktif), the pace needed (kekurangan / months) and the
        # pace of the last 6 months (with the count of 6 months before, shown on another month)
        # give a hidden peserta_aktif back: hidden with it.
        disclosure=Disclosure(("peserta_aktif",),
                              follows={"peserta_aktif": ("kekurangan", "perlu_per_bulan", "laju_6_bulan")})),
    FigureSpec("laju_cakupan_kota", None, (
        C("tahun_target", "int64"), C("semesta", "Int64"), C("peserta_aktif", "int64"), C("kekurangan", "Int64"),
        C("bulan_tersisa", "int64"), C("perlu_per_bulan", "float64"), C("laju_6_bulan", "float64"),
        C("cukup", "boolean")), returns="record"),
    FigureSpec(
        "perlindungan_kecamatan", "perlindungan_kecamatan", (
            C("kode_kecamatan", "string", export_type="string", export_description="Kode Kemendagri kecamatan"),
            C("nama_kecamatan", "string", "kolom_kecamatan", export_type="string",
              export_description="Nama kecamatan"),
            C("peserta_aktif", "int64", "kolom_aktif", "angka", "integer",
              "Orang (NIK berbeda) dengan registrasi aktif pada hari terakhir bulan, seperti cakupan_kecamatan"),
            C("tidak_terlindungi", "int64", "kolom_tidak_terlindungi", "angka", "integer",
              "Di antara peserta_aktif: orang yang registrasinya ditagih untuk M-2, M-1 dan M sedangkan tidak satu "
              "pun tagihan itu lunas sampai akhir M (M = bulan posisi)"),
            C("registrasi_bulan_tanpa_lindung", "int64", "kolom_registrasi_bulan_tanpa_lindung", "angka")),
        # Counts of people and of registration-months: small ones hidden; the kecamatan add up
        # to the city cards.
        disclosure=Disclosure(("peserta_aktif", "tidak_terlindungi", "registrasi_bulan_tanpa_lindung")),
        export=Export("Perlindungan per kecamatan",
                      "Peserta aktif dan yang tidak terlindungi pada bulan posisi karena tiga tagihan iuran "
                      "terakhirnya belum lunas (BPJS menonaktifkan peserta BPU sesudah 3 bulan tidak dibayar).")),
    FigureSpec("perlindungan_kota", None, (
        C("peserta_aktif", "int64"), C("tidak_terlindungi", "int64"), C("registrasi_bulan_tanpa_lindung", "int64")),
        returns="record"),
    FigureSpec(
        "cakupan_kelurahan", "cakupan_kelurahan", (
            C("kode_kecamatan", "string"), C("nama_kecamatan", "string", "kolom_kecamatan"),
            C("kode_kelurahan", "string"), C("nama_kelurahan", "string", "kolom_kelurahan"),
            C("peserta_aktif", "int64", "kolom_aktif", "angka")),
        # The kelurahan (and the 'tanpa kelurahan' row) of each kecamatan add up to that
        # kecamatan's peserta_aktif, shown on the same page, and all of them to the city total.
        disclosure=Disclosure(("peserta_aktif",), per=(("kode_kecamatan",), ()))),
    FigureSpec(
        "cakupan_segmen", "cakupan_segmen", (
            C("segmen", "string", "kolom_segmen"), C("sasaran", "Int64", "kolom_sasaran", "angka"),
            C("peserta_aktif", "int64", "kolom_aktif", "angka"),
            C("capaian_kuota_persen", "float64", "kolom_capaian_kuota", "persen")),
        disclosure=Disclosure(("peserta_aktif",), follows={"peserta_aktif": ("capaian_kuota_persen",)})),
    FigureSpec(
        "tren_peserta", "tren_peserta", (
            C("bulan", "month", "bulan"), C("registrasi_aktif", "int64", fill=0), C("baru", "int64", fill=0),
            C("keluar", "int64", fill=0)),
        # A stock and two flows: the months add up to nothing shown, so no totals; only the small
        # counts themselves are hidden. The month-to-month change of registrasi_aktif is only
        # roughly baru - keluar, so it does not give a hidden value back exactly.
        disclosure=Disclosure(("registrasi_aktif", "baru", "keluar"), totals=())),
    FigureSpec(
        "anggaran_bulanan", "anggaran_bulanan", (
            C("bulan", "month", "bulan", export_type="string", export_description=_PERIOD),
            C("pagu", "float64", "kolom_pagu", "rupiah", "number", "Pagu berlaku pada akhir bulan (Rp)"),
            C("realisasi_bulan", "float64", "kolom_realisasi_bulan", "rupiah", "number",
              "SP2D terbit dalam bulan (Rp), tiap no_sp2d sekali"),
            C("realisasi_kumulatif", "float64", "kolom_realisasi_kum", "rupiah", "number",
              "SP2D sejak 1 Januari s.d. akhir bulan (Rp)"),
            C("serapan_persen", "float64", "kolom_serapan", "persen", "number",
              "100 × realisasi_kumulatif / pagu, 2 desimal")),
        city_only=True,
        export=Export("Pagu dan realisasi per bulan",
                      "Pagu berlaku pada akhir bulan, SP2D per bulan dan kumulatif sejak 1 Januari, serapan.")),
    FigureSpec(
        "klaim_program", "klaim_program", (
            C("program", "string", "kolom_program", export_type="string", export_description="JKK / JKM / JHT"),
            C("jumlah_klaim", "int64", "kolom_jumlah_klaim", "angka", "integer", "Jumlah klaim dibayar"),
            C("nominal_dibayar", "float64", "kolom_nominal_dibayar", "rupiah", "number", "Manfaat dibayar (Rp)")),
        # The programmes add up to the city total (cards): a lone hidden programme gets a second.
        disclosure=Disclosure(("jumlah_klaim",), {"jumlah_klaim": ("nominal_dibayar",)}),
        export=Export("Klaim dibayar per program",
                      "Klaim berstatus DIBAYAR dengan tgl_bayar sejak 1 Januari s.d. akhir bulan.")),
    FigureSpec(
        "rekonsiliasi_iuran", "rekonsiliasi_iuran", (
            C("bulan", "month", "bulan", export_type="string", export_description=_PERIOD),
            C("registrasi_tertagih", "int64", "kolom_registrasi", "angka", "integer",
              "Registrasi dengan masa perlindungan dalam bulan"),
            C("iuran_seharusnya", "float64", "kolom_seharusnya", "rupiah", "number",
              "registrasi_tertagih × tarif (Rp)"),
            C("iuran_ditagih", "float64", "kolom_ditagih", "rupiah", "number",
              "Jumlah baris tagihan iuran periode bulan itu (Rp)"),
            C("selisih", "float64", "kolom_selisih", "rupiah", "number", "iuran_ditagih − iuran_seharusnya (Rp)"),
            C("iuran_dibayar", "float64", "kolom_dibayar", "rupiah")),
        # iuran_seharusnya (= count x tariff) and iuran_ditagih (about count x tariff) go with the
        # count; selisih is hidden with them; iuran_dibayar (SP2D) is shown.
        disclosure=Disclosure(("registrasi_tertagih",),
                              {"registrasi_tertagih": ("iuran_seharusnya", "iuran_ditagih")},
                              follows={"registrasi_tertagih": ("selisih",)}),
        export=Export("Rekonsiliasi iuran per bulan",
                      "Registrasi yang masa perlindungannya mencakup bulan itu, iuran seharusnya (× tarif), "
                      "iuran ditagih BPJS, dan selisihnya.")),
    FigureSpec(
        "ketepatan_bayar", "ketepatan_bayar", (
            C("bulan", "month", "bulan", export_type="string", export_description="Bulan tagihan (YYYY-MM)"),
            C("ditagih", "float64", "kolom_ditagih", "rupiah", "number",
              "Jumlah semua baris tagihan iuran bulan itu (Rp), seperti iuran_ditagih rekonsiliasi"),
            C("dibayar", "float64", "kolom_dibayar", "rupiah", "number",
              "SP2D dengan periode_tagihan bulan itu yang terbit s.d. akhir bulan posisi (Rp)"),
            C("jatuh_tempo", "day", "kolom_jatuh_tempo", export_type="date",
              export_description="Tanggal 15 bulan tagihan, bergeser ke hari kerja berikutnya (lihat Metodologi)"),
            C("tgl_lunas", "day", "kolom_tgl_lunas", export_type="date",
              export_description="Tanggal SP2D yang membuat jumlah dibayar mencapai ditagih; kosong bila belum lunas"),
            C("hari_terlambat", "Int64", "kolom_hari_terlambat", "angka", "integer",
              "tgl_lunas − jatuh_tempo, atau akhir bulan posisi − jatuh_tempo bila belum lunas; tidak pernah di "
              "bawah 0; kosong bila bulan itu tidak ada tagihan"),
            C("tunggakan", "float64", "kolom_tunggakan", "rupiah", "number",
              "ditagih − dibayar, tidak pernah di bawah 0 (Rp)")),
        city_only=True,
        export=Export("Ketepatan bayar iuran per bulan tagihan",
                      "Tagihan iuran per bulan, SP2D yang membayarnya (menurut periode_tagihan), jatuh tempo, "
                      "tanggal lunas, hari terlambat dan tunggakan pada akhir bulan posisi.")),
    FigureSpec("bulan_menunggak", "bulan_menunggak", (
        C("bulan_menunggak", "int64"), C("terlama_hari", "Int64"), C("tunggakan", "float64"),
        C("sp2d_tidak_teratribusi", "float64")), returns="record", city_only=True),
    FigureSpec(
        "temuan", "temuan", (
            C("kode_temuan", "string", "kolom_kode", export_type="string",
              export_description="Kode temuan (lihat docs/methodology.md)"),
            C("jumlah", "int64", "kolom_jumlah", "angka", "integer", "Jumlah kasus", fill=0),
            C("nominal", "float64", "kolom_nominal", "rupiah", "number", "Nominal terkait (Rp), 0 bila tidak ada",
              fill=0),
            # True: this row is for the whole city although the view is one kecamatan (SP2D and
            # rejected rows have no kecamatan); pages label it, sums for a kecamatan leave it out.
            C("seluruh_kota", "bool")),
        # People and their billing or claims: 1..4 cases hidden with their amount. SP2D numbers and
        # rejected file rows are documents, not people: always shown. The 'perlu klarifikasi'
        # cards add only the cells shown (pages/ringkasan.py).
        disclosure=Disclosure(("jumlah",), {"jumlah": ("nominal",)},
                              documents=("kode_temuan", ("SP2D_GANDA", "BARIS_DITOLAK"))),
        export=Export("Temuan", "Sebelas kode temuan dengan jumlah dan nominal (Rp); 0 bila tidak ada.")),
    FigureSpec("ringkasan", None, (
        C("as_of", "string"), C("peserta_aktif", "int64"), C("sasaran", "Int64"), C("capaian_kuota_persen", "float64"),
        C("semesta", "Int64"), C("cakupan_semesta_persen", "float64"),
        C("pagu", "float64"), C("realisasi_kumulatif", "float64"), C("serapan_persen", "float64"),
        C("klaim_dibayar_jumlah", "int64"), C("klaim_dibayar_nominal", "float64"),
        C("apbd_klarifikasi", "float64"), C("manfaat_klarifikasi", "float64"), C("apbd_klarifikasi_kota", "float64")),
        returns="record"),
    FigureSpec(
        "klaim_bulanan", "klaim_bulanan", (
            C("bulan", "month", "bulan"), C("program", "string", "kolom_program"),
            C("jumlah_klaim", "int64", "kolom_jumlah_klaim", "angka"),
            C("nominal_dibayar", "float64", "kolom_nominal_dibayar", "rupiah")),
        # Two sets of totals: each programme over the months (klaim_program) and each month over
        # the programmes (the stacked bar).
        disclosure=Disclosure(("jumlah_klaim",), {"jumlah_klaim": ("nominal_dibayar",)},
                              per=(("program",), ("bulan",)))),
    FigureSpec(
        "klaim_kecamatan", "klaim_kecamatan", (
            C("kode_kecamatan", "string"), C("nama_kecamatan", "string", "kolom_kecamatan"),
            C("jkk_jumlah", "int64", "JKK", "angka"), C("jkk_nominal", "float64", "JKK (Rp)", "rupiah"),
            C("jkm_jumlah", "int64", "JKM", "angka"), C("jkm_nominal", "float64", "JKM (Rp)", "rupiah"),
            C("jumlah_klaim", "int64", "kolom_jumlah_klaim", "angka"),
            C("nominal_dibayar", "float64", "kolom_nominal_dibayar", "rupiah")),
        # Each column adds up to klaim_program (same page); in each row jkk + jkm + other
        # programmes = jumlah_klaim. The other programmes (e.g. JHT) are no column but what
        # jumlah_klaim - jkk - jkm leaves: protected as a hidden column (the remainder).
        disclosure=Disclosure(
            ("jkk_jumlah", "jkm_jumlah", "_lain_jumlah", "jumlah_klaim"),
            {"jkk_jumlah": ("jkk_nominal",), "jkm_jumlah": ("jkm_nominal",), "_lain_jumlah": ("_lain_nominal",),
             "jumlah_klaim": ("nominal_dibayar",)},
            row_groups=(("jkk_jumlah", "jkm_jumlah", "_lain_jumlah", "jumlah_klaim"),),
            remainder=Remainder("_lain_jumlah", "_lain_nominal", ("jumlah_klaim", "nominal_dibayar"),
                                (("jkk_jumlah", "jkk_nominal"), ("jkm_jumlah", "jkm_nominal"))))),
    FigureSpec("klaim_layanan", "klaim_layanan", (
        C("diajukan", "Int64"), C("dibayar", "Int64"), C("ditolak", "Int64"), C("proses", "Int64"),
        C("median_hari", "Int64"), C("terlama_hari", "Int64"), C("lebih_30_hari", "Int64"),
        C("tingkat_penolakan_persen", "float64", computed=True), C("manfaat_per_rupiah", "float64", computed=True)),
        returns="record"),
    FigureSpec("biaya_per_peserta_bulan", None, (
        C("realisasi_kumulatif", "float64"), C("registrasi_bulan", "int64"), C("biaya_per_peserta_bulan", "float64"),
        C("tarif", "int64")), returns="record", city_only=True),
    FigureSpec("proyeksi_akhir_tahun", None, (
        C("pagu", "float64"), C("realisasi_kumulatif", "float64"), C("proyeksi", "float64"), C("selisih", "float64"),
        C("sisa_bulan", "int64"), C("laju_bulanan", "float64"), C("tren_registrasi_per_bulan", "float64"),
        C("cukup", "boolean")), returns="record", city_only=True),
    FigureSpec("temuan_rincian", "temuan_rincian", (
        C("kode_temuan", "string"), C("rujukan", "string", "kolom_rujukan"), C("kode_kecamatan", "string"),
        C("segmen", "string", "kolom_segmen"), C("tanggal", "day", "kolom_tanggal"),
        C("nominal", "float64", "kolom_nominal", "rupiah"), C("keterangan", "string", "kolom_keterangan"))),
    FigureSpec(
        "klaim_ditolak", "klaim_ditolak", (
            C("alasan_tolak", "string", "kolom_alasan_tolak"),
            C("jumlah_klaim", "int64", "kolom_jumlah_klaim", "angka"),
            C("saat_tunggakan", "int64", "kolom_saat_tunggakan", "angka")),
        # Counts of claims per reason, adding up to the rejected claims of klaim_layanan.
        disclosure=Disclosure(("jumlah_klaim", "saat_tunggakan"))),
    FigureSpec(
        "status_peserta", "status_peserta", (
            C("selisih", "string", "kolom_selisih_status"), C("jumlah", "int64", "kolom_jumlah_registrasi", "angka"),
            C("tanpa_lindung", "int64", "kolom_tanpa_lindung", "angka")),
        disclosure=Disclosure(("jumlah", "tanpa_lindung"))),
    FigureSpec("status_peserta_rincian", "status_peserta_rincian", (
        C("rujukan", "string", "kolom_rujukan"), C("kode_kecamatan", "string"), C("segmen", "string", "kolom_segmen"),
        C("status", "string", "kolom_status"), C("tgl_mulai", "day", "kolom_tgl_mulai"),
        C("tgl_akhir", "day", "kolom_tgl_akhir"), C("tgl_nonaktif", "day", "kolom_tgl_nonaktif"),
        C("selisih", "string", "kolom_selisih_status"), C("tanpa_lindung", "bool", "kolom_tanpa_lindung"))),
)
# fmt: on


def spec_of(figure) -> FigureSpec:
    """The FigureSpec of a figure function (`fn.spec`), a FigureSpec or a figure name."""
    if isinstance(figure, FigureSpec):
        return figure
    if isinstance(figure, str):
        return SPECS[figure]
    return figure.spec
