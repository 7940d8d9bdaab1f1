"""The constants of the simulated sample: rates, budget lines, regions, planted finding counts.

Every number here is SIMULATED (see the package docstring for why the proportions are what they are).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

DEFAULT_SEED = 20251105  # launch date of UCJ/SIGAP, 5 Nov 2025

FILE_NAMES = {
    "peserta": "peserta_simulasi.parquet",
    "iuran": "iuran_simulasi.parquet",
    "sasaran": "sasaran_simulasi.csv",
    "anggaran": "anggaran_simulasi.csv",
    "realisasi": "realisasi_simulasi.csv",
    "klaim": "klaim_simulasi.csv",
}
EXAMPLE_FILE_NAMES = {
    "peserta": "peserta_contoh.xlsx",
    "iuran": "iuran_contoh.csv",
    "sasaran": "sasaran_contoh.csv",
    "anggaran": "anggaran_contoh.csv",
    "realisasi": "realisasi_contoh.csv",
    "klaim": "klaim_contoh.csv",
}

# --- BPJS Ketenagakerjaan tarif and benefits (Bukan Penerima Upah) ----------------------------
TARIF_JKK = 10_000
TARIF_JKM = 6_800
TARIF_IURAN = TARIF_JKK + TARIF_JKM
MANFAAT_JKM = 42_000_000

# --- Budget (APBD) -----------------------------------------------------------------------------
REKENING_JKK = "5.1.02.01.01.0026"
REKENING_JKM = "5.1.02.01.01.0027"
URAIAN_REKENING = {
    REKENING_JKK: "Belanja Iuran Jaminan Kecelakaan Kerja (JKK) Pekerja Rentan",
    REKENING_JKM: "Belanja Iuran Jaminan Kematian (JKM) Pekerja Rentan",
}
# The 2025 murni budget only counts the community workers (the November wave was not decided
# yet); the 2025 perubahan is raised for the 5 Nov wave. For 2026 the pagu is a little tight so
# that the year-end projection shows a small shortfall -- material for the council's budget role.
PAGU_FACTOR_MURNI_2025 = 1.02
PAGU_FACTOR_PERUBAHAN_2025 = 1.04
PAGU_FACTOR_MURNI = 0.93
PAGU_FACTOR_PERUBAHAN = 0.97

# --- Payment of the monthly tagihan (SP2D) ----------------------------------------------------
# BPU premiums are due on the 15th of the month they cover. The city mostly pays between the
# 2nd and the 11th of that month (SP2D_HARI_TEPAT_WAKTU); the months below are paid late, as
# (year-month of the SP2D, first day, last day, share of the tagihan) per SP2D pair (JKK + JKM).
# The stretch of 2026 is an APBD-P delay: June is paid half in July and half after the APBD-P
# (adopted 14-21 Sep, APBD_P_HARI), July-September in October, October after the end of October.
# Registrations billed in June-August and July-September are therefore not protected in August
# and September 2026 (three invoices in a row unpaid at the end of the month).
SP2D_HARI_TEPAT_WAKTU = (2, 11)
APBD_P_HARI = (14, 21)
PEMBAYARAN_TERLAMBAT = {
    "2025-01": (("2025-02", 3, 10, 1.0),),  # the first invoice of the programme
    "2025-12": (("2026-01", 8, 14, 1.0),),  # across the year end, from the 2026 budget
    "2026-01": (("2026-01", 19, 23, 1.0),),  # the 2026 DPA not yet in the finance system
    "2026-06": (("2026-07", 20, 24, 0.5), ("2026-09", 25, 29, 0.5)),  # partial payment
    "2026-07": (("2026-10", 1, 6, 1.0),),
    "2026-08": (("2026-10", 8, 14, 1.0),),
    "2026-09": (("2026-10", 19, 23, 1.0),),
    "2026-10": (("2026-11", 2, 6, 1.0),),
}
# National holidays on which no SP2D is issued (a fixed list: the sample must not change with a
# library's holiday data; the due-date rule of the dashboard uses its own calendar).
HARI_LIBUR = (
    "2025-01-01", "2025-01-27", "2025-01-29", "2025-03-31", "2025-04-01", "2025-04-18", "2025-05-01",
    "2025-05-12", "2025-05-29", "2025-06-06", "2025-06-27", "2025-08-18", "2025-09-05", "2025-12-25",
    "2026-01-01", "2026-01-16", "2026-02-17", "2026-03-19", "2026-03-20", "2026-03-23", "2026-04-03",
    "2026-05-01", "2026-05-14", "2026-05-27", "2026-06-01", "2026-06-16", "2026-08-17", "2026-08-25",
    "2026-12-25",
)  # fmt: skip

# --- Regions -----------------------------------------------------------------------------------
CITY_CODE = "3275"
KAB_BEKASI_CODE = "3216"
JAKARTA_SELATAN_CODE = "3171"
REGIONS_FILE = Path(__file__).resolve().parents[2] / "reference" / "wilayah_kota_bekasi.csv"

# Estimated population per kecamatan (SIMULATED, rounded) -- the basis for splitting the sasaran.
KECAMATAN_POPULATION = {
    "Bekasi Timur": 257_000,
    "Bekasi Barat": 280_000,
    "Bekasi Utara": 340_000,
    "Bekasi Selatan": 210_000,
    "Rawalumbu": 220_000,
    "Medansatria": 170_000,
    "Bantargebang": 110_000,
    "Pondokgede": 260_000,
    "Jatiasih": 230_000,
    "Jatisampurna": 130_000,
    "Mustikajaya": 210_000,
    "Pondokmelati": 140_000,
}
# Relative registration reach (SIMULATED): <1 = a kecamatan lagging behind its sasaran.
KECAMATAN_REACH = {
    "Bekasi Timur": 1.12,
    "Bekasi Barat": 1.02,
    "Bekasi Utara": 0.88,
    "Bekasi Selatan": 1.05,
    "Rawalumbu": 1.10,
    "Medansatria": 0.97,
    "Bantargebang": 0.66,
    "Pondokgede": 1.00,
    "Jatiasih": 1.04,
    "Jatisampurna": 1.15,
    "Mustikajaya": 0.80,
    "Pondokmelati": 0.98,
}
# City sasaran (SIMULATED): 2025 = community + November wave; 2026 extended.
SASARAN_KOTA = {2025: 54_000, 2026: 60_000}
# Semesta: all vulnerable workers of the city (SIMULATED; news estimates 185,000-200,000), split
# by population x a share of vulnerable workers that is higher in the poorer east and north.
SEMESTA_KOTA = 185_000
SUMBER_SEMESTA = "DTSEN 2025 (simulasi)"
KECAMATAN_RENTAN = {
    "Bekasi Timur": 1.00,
    "Bekasi Barat": 0.90,
    "Bekasi Utara": 1.15,
    "Bekasi Selatan": 0.80,
    "Rawalumbu": 0.90,
    "Medansatria": 1.10,
    "Bantargebang": 1.45,
    "Pondokgede": 0.90,
    "Jatiasih": 0.95,
    "Jatisampurna": 0.85,
    "Mustikajaya": 1.20,
    "Pondokmelati": 1.00,
}

# --- Peserta -----------------------------------------------------------------------------------
PROGRAM_START = np.datetime64("2025-01", "M")
PESERTA_KOMUNITAS = 41_000
PESERTA_GELOMBANG_NOV = 11_666
PESERTA_SUSULAN_PER_MONTH = 140  # gradual registrations in 2026 (replacements + remaining quota)
SHARE_KOMUNITAS_FROM_JANUARY = 0.88
SHARE_GELOMBANG_FROM_DECEMBER = 0.03
SHARE_SUSULAN_KOMUNITAS = 0.40

SEGMEN_KOMUNITAS = {"RT_RW": 0.20, "KADER_POSYANDU": 0.21, "PKK": 0.14, "LINMAS": 0.15, "NON_ASN": 0.30}
SEGMEN_RENTAN = {
    "OJEK_PANGKALAN": 0.20,
    "OJEK_ONLINE": 0.18,
    "SOPIR_ORGANDA": 0.07,
    "UMKM": 0.20,
    "PKL": 0.17,
    "PKH": 0.18,
}
SEGMEN = list(SEGMEN_KOMUNITAS) + list(SEGMEN_RENTAN)

# Profile per segmen: (share of women, mean age at start, age spread, exit rate per year,
# work-accident risk multiplier). Kader/PKK/PKH are almost all women; ojek and sopir almost all
# men and the most often hurt on the road; non-ASN leave more often because they become PPPK.
SEGMEN_PROFILE = {
    "RT_RW": (0.12, 50, 9, 0.035, 0.6),
    "KADER_POSYANDU": (0.97, 42, 9, 0.030, 0.4),
    "PKK": (0.98, 44, 9, 0.030, 0.4),
    "LINMAS": (0.08, 45, 10, 0.030, 1.0),
    "NON_ASN": (0.62, 36, 8, 0.050, 0.5),
    "OJEK_PANGKALAN": (0.02, 45, 10, 0.020, 2.6),
    "OJEK_ONLINE": (0.10, 33, 8, 0.025, 2.8),
    "SOPIR_ORGANDA": (0.03, 46, 9, 0.020, 2.2),
    "UMKM": (0.55, 42, 10, 0.020, 0.7),
    "PKL": (0.40, 44, 11, 0.020, 1.0),
    "PKH": (0.90, 40, 9, 0.020, 0.5),
}
AGE_MIN, AGE_MAX = 18, 68

# The yearly death hazard rises ~7.5% per year of age; 0.16% at age 45 gives a crude rate of
# ~0.17% a year (~85 deaths a year for ~51,000 people), the JKM incidence of BPU participants.
DEATH_RATE_AGE_45 = 0.0016
DEATH_RATE_GROWTH_PER_YEAR_OF_AGE = 0.075
# Claimed work accidents per person-year (times the segmen multiplier).
WORK_ACCIDENT_RATE = 0.0042

STATUS_AKTIF, STATUS_NONAKTIF, STATUS_MENINGGAL = "AKTIF", "NONAKTIF", "MENINGGAL"
# BPJS reactivates the registrations non-aktif in a lapse once the arrears are paid; a small
# batch is still NONAKTIF in the extract (reactivation pending) -- a question for BPJS.
SHARE_REAKTIVASI_TERTUNDA = 0.005
# Deliberate mismatches between the BPJS status and the dates (for the status check): AKTIF
# although tgl_akhir has passed, NONAKTIF without any end or non-aktif date, and MENINGGAL
# without a tgl_akhir (a death recorded against the wrong registration).
TEMUAN_STATUS_AKTIF_BERAKHIR = 4
TEMUAN_STATUS_NONAKTIF_TANPA_TANGGAL = 3
TEMUAN_STATUS_MENINGGAL_TANPA_TANGGAL = 2
KPJ_NUMBER_START = 10_000_000
KPJ_PREFIX = "25K"
# Made-up KPJ numbers never issued to a peserta (for the findings without a peserta).
UNKNOWN_KPJ_NUMBER_START = 90_000_000

# --- Klaim -------------------------------------------------------------------------------------
# Refusals for other reasons than a lapse (documents, not work-related, ...), with their reasons.
SHARE_KLAIM_DITOLAK = {"JKK": 0.06, "JKM": 0.03}
ALASAN_TOLAK_LAIN = {
    "JKK": ("dokumen tidak lengkap", "bukan kecelakaan kerja", "pengajuan melewati batas waktu"),
    "JKM": ("dokumen ahli waris tidak lengkap", "ahli waris belum ditetapkan"),
}
ALASAN_TOLAK_TUNGGAKAN = "kepesertaan non-aktif: iuran menunggak"
ALASAN_TOLAK_LUAR_MASA = "kejadian di luar masa kepesertaan"
ALASAN_TOLAK_JHT = "program JHT tidak termasuk kepesertaan UCJ"
# Not every death is claimed (heirs who do not know of the benefit): the JKM take-up.
SHARE_KEMATIAN_DIKLAIM = 0.85
SHARE_PAID_LATE = 0.15  # paid > 30 days after submission
KLAIM_JKK_MIN, KLAIM_JKK_MAX = 1_000_000, 60_000_000
SHARE_KLAIM_JKK_LARGE = 0.04  # disability/heavy treatment, Rp 70-250 million

# --- Planted temuan (counts at scale 1) --------------------------------------------------------
TEMUAN_NIK_TIDAK_VALID = 30
TEMUAN_NIK_LUAR_KOTA = 30
TEMUAN_NIK_GANDA_AKTIF = 25  # pairs
TEMUAN_IURAN_LUAR_MASA_MENINGGAL = 15
TEMUAN_IURAN_LUAR_MASA_KELUAR = 25
TEMUAN_IURAN_TANPA_PESERTA = 20  # unknown KPJ numbers, each 1-6 months
TEMUAN_KLAIM_TANPA_PESERTA = 5
TEMUAN_KLAIM_LUAR_MASA = 8  # most are refused (ALASAN_TOLAK_LUAR_MASA) ...
TEMUAN_KLAIM_LUAR_MASA_DIBAYAR = 2  # ... these are accepted: an accident before the registration
TEMUAN_SP2D_GANDA = 2  # a number repeated with another amount; not scaled (SP2D do not depend on it)
KLAIM_JHT = 2  # JHT is not part of the UCJ package; it shows up now and then and is rejected
# Rows the import will reject (karantina), planted in the peserta file.
REJECTED_KAB_BEKASI = 6
REJECTED_NO_TGL_MULAI = 3
REJECTED_END_BEFORE_START = 3
REJECTED_REPEATED_KPJ = 4

KECAMATAN_KAB_BEKASI = {
    "Cikarang Barat": ["Telaga Asih", "Telaga Murni", "Kalijaya"],
    "Tambun Selatan": ["Mangunjaya", "Setiadarma", "Jatimulya"],
}

# Kecamatan spellings common in office files (for the examples).
KECAMATAN_SPELLINGS = {
    "Bekasi Timur": ["BEKASI TIMUR", "Kec. Bekasi Timur"],
    "Bekasi Barat": ["Kec. Bekasi Barat", "BEKASI BARAT"],
    "Bekasi Utara": ["Bekasi Utara", "bekasi utara"],
    "Bekasi Selatan": ["BEKASI SELATAN"],
    "Rawalumbu": ["Rawa Lumbu", "Kec. Rawalumbu"],
    "Medansatria": ["Medan Satria", "MEDAN SATRIA"],
    "Bantargebang": ["Bantar Gebang", "Kec. Bantar Gebang"],
    "Pondokgede": ["Kec. Pondok Gede", "Pondok Gede"],
    "Jatiasih": ["Jatiasih", "JATIASIH"],
    "Jatisampurna": ["Jatisampurna"],
    "Mustikajaya": ["Mustika Jaya"],
    "Pondokmelati": ["Pondok Melati", "Kec. Pondok Melati"],
}
# Names for the example peserta file (L = laki-laki, P = perempuan, as in jenis_kelamin).
FIRST_NAMES_L = (
    "Ahmad Agus Asep Budi Dedi Eko Hendra Iwan Joko Rudi Slamet Yusuf Dadang Wahyu Rahmat Andi Bambang Heri Sutrisno"
).split()
FIRST_NAMES_P = (
    "Siti Sri Dewi Nur Rina Yuliani Lestari Ani Fitri Ratna Euis Neneng Wulan Ida Mulyani Tuti Yanti Endang Rohimah"
).split()
LAST_NAMES_L = (
    "Saputra Hidayat Kurniawan Setiawan Permana Gunawan Maulana Firmansyah Hermawan Rohman Prasetyo Nugroho"
).split()
LAST_NAMES_P = (
    "Nurhayati Rahmawati Wahyuni Susanti Hasanah Sulastri Suryani Sumarni Handayani Kusumawati Fitriani Marlina"
).split()
