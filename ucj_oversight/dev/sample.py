"""Generator data SIMULASI untuk dasbor pengawasan Universal Coverage Jamsostek (UCJ) Kota Bekasi.

Semua data yang dibuat modul ini adalah REKAAN (simulated). Tidak ada satu pun orang, NIK,
nomor KPJ, klaim, atau SP2D yang nyata. Tujuannya: memberi anggota DPRD dan pengembang contoh
ekstrak yang bentuk dan besarnya mirip dengan yang akan dikirim BPJS Ketenagakerjaan dan
perangkat daerah, sehingga dasbor dan pemeriksaan temuan dapat diuji tanpa data pribadi
(UU 27/2022 PDP).

Mengapa proporsinya seperti ini (angka publik, dibulatkan; lihat docs domain proyek):
- ~41.000 pekerja komunitas (RT/RW, kader Posyandu, PKK, Linmas, non-ASN) sudah dibayar
  APBD sejak Januari 2025, lalu gelombang 5 Nov 2025 menambah 11.666 pekerja rentan (ojek,
  sopir Organda, UMKM, PKL, penerima PKH) -> total ~54.000 pernah terdaftar.
- Iuran yang ditanggung Pemkot: JKK Rp 10.000 (1% dari penghasilan terendah Rp 1 juta) +
  JKM Rp 6.800 = Rp 16.800 per orang per bulan. Manfaat JKM Rp 42 juta per kematian.
- Penduduk per kecamatan di bawah ini adalah PERKIRAAN (simulasi) yang hanya dipakai untuk
  membagi peserta dan sasaran secara proporsional; jangkauan pendaftaran sengaja tidak merata
  supaya dasbor menunjukkan kecamatan yang tertinggal (mis. Bantargebang ~55% dari sasaran).
- Laju kematian dan kecelakaan kerja dipilih agar berorde 100-200 kejadian per tahun untuk
  ~54.000 orang, wajar untuk populasi dewasa pekerja informal.
- Temuan (NIK tidak valid, NIK ganda, iuran di luar masa kepesertaan, SP2D ganda, dst.)
  ditanam dengan jumlah kecil yang tetap, agar setiap pemeriksaan punya sesuatu untuk
  ditemukan tanpa mendominasi angka agregat.

Semua acak berasal dari ``numpy.random.default_rng(seed)``; tanggal acuan hanya dari
parameter ``as_of`` (tidak ada jam dinding), sehingga hasilnya dapat direproduksi byte demi
byte. Pembangkitan tervektorisasi (tidak ada loop per peserta atau per baris iuran) agar
mode berskala untuk benchmark (jutaan baris iuran) tetap cepat dan hemat memori.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

__all__ = [
    "DEFAULT_SEED",
    "EXAMPLE_FILE_NAMES",
    "FILE_NAMES",
    "examples_dir",
    "generate",
    "generate_examples",
    "generate_for_iuran_rows",
]

DEFAULT_SEED = 20251105  # tanggal peluncuran UCJ/SIGAP, 5 Nov 2025

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

# --- Tarif dan manfaat BPJS Ketenagakerjaan (Bukan Penerima Upah) -------------------------
TARIF_JKK = 10_000
TARIF_JKM = 6_800
TARIF_IURAN = TARIF_JKK + TARIF_JKM
MANFAAT_JKM = 42_000_000

# --- Anggaran (APBD) -------------------------------------------------------------------------
REKENING_JKK = "5.1.02.01.01.0026"
REKENING_JKM = "5.1.02.01.01.0027"
URAIAN_REKENING = {
    REKENING_JKK: "Belanja Iuran Jaminan Kecelakaan Kerja (JKK) Pekerja Rentan",
    REKENING_JKM: "Belanja Iuran Jaminan Kematian (JKM) Pekerja Rentan",
}
# Murni 2025 hanya menghitung pekerja komunitas (gelombang November belum diputuskan);
# perubahan 2025 dinaikkan untuk gelombang 5 Nov. Untuk 2026 pagu dibuat sedikit ketat agar
# proyeksi akhir tahun menunjukkan kekurangan kecil -- bahan diskusi fungsi anggaran DPRD.
FAKTOR_PAGU_MURNI_2025 = 1.02
FAKTOR_PAGU_PERUBAHAN_2025 = 1.04
FAKTOR_PAGU_MURNI = 0.93
FAKTOR_PAGU_PERUBAHAN = 0.97

# --- Wilayah ---------------------------------------------------------------------------------
KODE_KOTA = "3275"
KODE_KAB_BEKASI = "3216"
KODE_JAKARTA_SELATAN = "3171"
REGIONS_FILE = Path(__file__).resolve().parent.parent / "reference" / "wilayah_kota_bekasi.csv"

# Perkiraan penduduk per kecamatan (SIMULASI, dibulatkan) -- dasar pembagian sasaran.
PENDUDUK_KECAMATAN = {
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
# Jangkauan pendaftaran relatif (SIMULASI): <1 = kecamatan tertinggal dibanding sasarannya.
JANGKAUAN_KECAMATAN = {
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
# Sasaran kota (SIMULASI): 2025 = komunitas + gelombang November; 2026 diperluas.
SASARAN_KOTA = {2025: 54_000, 2026: 60_000}

# --- Peserta ---------------------------------------------------------------------------------
AWAL_PROGRAM = np.datetime64("2025-01", "M")
PESERTA_KOMUNITAS = 41_000
PESERTA_GELOMBANG_NOV = 11_666
PESERTA_SUSULAN_PER_BULAN = 140  # pendaftaran bertahap 2026 (pengganti + sisa kuota)
PORSI_KOMUNITAS_MULAI_JANUARI = 0.88
PORSI_GELOMBANG_MULAI_DESEMBER = 0.03
PORSI_SUSULAN_KOMUNITAS = 0.40

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

# Profil per segmen: (porsi perempuan, rata-rata umur saat mulai, simpangan umur,
# laju keluar per tahun, pengali risiko kecelakaan kerja). Kader/PKK/PKH hampir semua
# perempuan; ojek dan sopir hampir semua laki-laki dan paling sering celaka di jalan;
# non-ASN keluar lebih sering karena diangkat PPPK.
PROFIL_SEGMEN = {
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
UMUR_MIN, UMUR_MAKS = 18, 68

# Hazard kematian per tahun naik ~7,5%/tahun umur; 0,25% pada umur 45 menghasilkan
# ~120-170 kematian per tahun untuk ~54.000 orang.
LAJU_KEMATIAN_UMUR_45 = 0.0025
KENAIKAN_KEMATIAN_PER_TAHUN_UMUR = 0.075
# Kecelakaan kerja yang diklaim per orang-tahun (dikali pengali segmen).
LAJU_KECELAKAAN_KERJA = 0.0042

STATUS_AKTIF, STATUS_NONAKTIF, STATUS_MENINGGAL = "AKTIF", "NONAKTIF", "MENINGGAL"
AWAL_NOMOR_KPJ = 10_000_000
PREFIKS_KPJ = "25K"
# Nomor KPJ fiktif yang tidak pernah diterbitkan untuk peserta (untuk temuan tanpa peserta).
AWAL_NOMOR_KPJ_ASING = 90_000_000

# --- Klaim -----------------------------------------------------------------------------------
PORSI_KLAIM_DITOLAK = {"JKK": 0.10, "JKM": 0.06}
PORSI_BAYAR_LAMBAT = 0.15  # pembayaran > 30 hari setelah pengajuan
KLAIM_JKK_MIN, KLAIM_JKK_MAKS = 1_000_000, 60_000_000
PORSI_KLAIM_JKK_BESAR = 0.04  # cacat/perawatan berat, Rp 70-250 juta

# --- Temuan yang ditanam (jumlah pada skala 1) ------------------------------------------------
TEMUAN_NIK_TIDAK_VALID = 30
TEMUAN_NIK_LUAR_KOTA = 30
TEMUAN_NIK_GANDA_AKTIF = 25  # pasangan
TEMUAN_IURAN_LUAR_MASA_MENINGGAL = 15
TEMUAN_IURAN_LUAR_MASA_KELUAR = 25
TEMUAN_IURAN_TANPA_PESERTA = 20  # nomor KPJ asing, masing-masing 1-6 bulan
TEMUAN_KLAIM_TANPA_PESERTA = 5
TEMUAN_KLAIM_LUAR_MASA = 8
TEMUAN_SP2D_GANDA = 2  # tidak ikut diskalakan: jumlah SP2D tidak bergantung skala
KLAIM_JHT = 2  # JHT bukan bagian paket UCJ; muncul sesekali dan ditolak
BARIS_TOLAK_KAB_BEKASI = 6
BARIS_TOLAK_TANPA_TGL_MULAI = 3
BARIS_TOLAK_AKHIR_SEBELUM_MULAI = 3
BARIS_TOLAK_KPJ_BERULANG = 4

KECAMATAN_KAB_BEKASI = {
    "Cikarang Barat": ["Telaga Asih", "Telaga Murni", "Kalijaya"],
    "Tambun Selatan": ["Mangunjaya", "Setiadarma", "Jatimulya"],
}

# Ejaan kecamatan yang lazim di berkas kantor (untuk contoh).
VARIAN_KECAMATAN = {
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
NAMA_DEPAN_L = [
    "Ahmad", "Agus", "Asep", "Budi", "Dedi", "Eko", "Hendra", "Iwan", "Joko", "Rudi",
    "Slamet", "Yusuf", "Dadang", "Wahyu", "Rahmat", "Andi", "Bambang", "Heri", "Sutrisno",
]
NAMA_DEPAN_P = [
    "Siti", "Sri", "Dewi", "Nur", "Rina", "Yuliani", "Lestari", "Ani", "Fitri", "Ratna",
    "Euis", "Neneng", "Wulan", "Ida", "Mulyani", "Tuti", "Yanti", "Endang", "Rohimah",
]
NAMA_BELAKANG_L = [
    "Saputra", "Hidayat", "Kurniawan", "Setiawan", "Permana", "Gunawan", "Maulana",
    "Firmansyah", "Hermawan", "Rohman", "Prasetyo", "Nugroho",
]
NAMA_BELAKANG_P = [
    "Nurhayati", "Rahmawati", "Wahyuni", "Susanti", "Hasanah", "Sulastri", "Suryani",
    "Sumarni", "Handayani", "Kusumawati", "Fitriani", "Marlina",
]


# =============================================================================================
# API publik
# =============================================================================================


def examples_dir(out_dir: Path) -> Path:
    """Folder contoh berkas kantor: saudara dari folder sampel (``out_dir/../contoh``)."""
    return Path(out_dir).parent / "contoh"


def generate(
    out_dir: Path,
    *,
    seed: int = DEFAULT_SEED,
    skala: float = 1.0,
    as_of: str = "2026-10",
    contoh: bool = True,
) -> dict[str, Path]:
    """Tulis keenam ekstrak simulasi ke ``out_dir`` dan kembalikan ``{jenis: path}``.

    ``skala`` mengalikan jumlah peserta (dan karenanya baris iuran, sasaran, klaim, rupiah
    anggaran). ``as_of`` ("YYYY-MM") adalah bulan terakhir data. Bila ``contoh`` benar,
    contoh berkas kantor yang kecil juga ditulis ke ``contoh_dir(out_dir)``.
    """
    if skala <= 0:
        raise ValueError("skala harus positif")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sim = _simulasikan(seed=seed, skala=skala, as_of=as_of)
    paths = _tulis_simulasi(sim, out_dir)
    if contoh:
        _tulis_contoh(sim, examples_dir(out_dir), seed=seed)
    return paths


def generate_examples(
    folder: Path, *, seed: int = DEFAULT_SEED, as_of: str = "2026-10"
) -> dict[str, Path]:
    """Tulis hanya contoh berkas kantor (skala 1) ke ``folder``; kembalikan ``{jenis: path}``."""
    sim = _simulasikan(seed=seed, skala=1.0, as_of=as_of)
    return _tulis_contoh(sim, Path(folder), seed=seed)


def generate_for_iuran_rows(
    out_dir: Path,
    n_iuran_rows: int,
    seed: int = DEFAULT_SEED,
    *,
    as_of: str = "2026-10",
    contoh: bool = False,
) -> dict[str, Path]:
    """Seperti :func:`generate`, dengan skala dipilih agar berkas iuran berisi ~``n_iuran_rows``.

    Jumlah baris iuran hampir linear terhadap skala, jadi satu kalibrasi murah pada skala 1
    (tanpa membuat baris) sudah cukup tepat (jauh di dalam +/-10%).
    """
    if n_iuran_rows <= 0:
        raise ValueError("n_iuran_rows harus positif")
    baris_per_skala = _simulasikan(seed=seed, skala=1.0, as_of=as_of, hanya_hitung=True).jumlah_iuran
    skala = n_iuran_rows / baris_per_skala
    return generate(out_dir, seed=seed, skala=skala, as_of=as_of, contoh=contoh)


# =============================================================================================
# Simulasi
# =============================================================================================


@dataclass
class _Wilayah:
    kode_kecamatan: list[str]  # per kecamatan, urut kode
    nama_kecamatan: list[str]
    kelurahan: list[str]  # per kelurahan
    kec_kelurahan: np.ndarray  # indeks kecamatan tiap kelurahan


@dataclass
class _Simulasi:
    as_of: np.datetime64  # bulan
    periode: list[str]  # "YYYY-MM" dari Jan 2025 s.d. as_of
    wilayah: _Wilayah | None = None
    peserta: pa.Table | None = None
    iuran: pa.Table | None = None
    sasaran: pd.DataFrame | None = None
    anggaran: pd.DataFrame | None = None
    realisasi: pd.DataFrame | None = None
    klaim: pd.DataFrame | None = None
    jumlah_iuran: int = 0


def _baca_wilayah() -> _Wilayah:
    with open(REGIONS_FILE, encoding="utf-8", newline="") as f:
        baris = list(csv.DictReader(f))
    kode = sorted({b["kode_kecamatan"] for b in baris})
    nama = {b["kode_kecamatan"]: b["nama_kecamatan"] for b in baris}
    return _Wilayah(
        kode_kecamatan=kode,
        nama_kecamatan=[nama[k] for k in kode],
        kelurahan=[b["nama_kelurahan"] for b in baris],
        kec_kelurahan=np.array([kode.index(b["kode_kecamatan"]) for b in baris], dtype=np.int16),
    )


def _banyak(n: int, skala: float) -> int:
    """Jumlah temuan tertanam pada skala tertentu; minimal satu agar setiap jenis muncul."""
    return max(1, int(round(n * skala)))


def _akhir_bulan(d: np.ndarray) -> np.ndarray:
    return (d.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1


def _indeks_bulan(d: np.ndarray) -> np.ndarray:
    """Indeks bulan relatif Jan 2025 (NaT -> nilai sangat negatif; saring dengan isnat)."""
    return (d.astype("datetime64[M]") - AWAL_PROGRAM).astype(np.int64)


def _urutan_serial(kunci: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Nomor urut NIK (4 digit) unik per (kecamatan, tanggal lahir, jenis kelamin).

    Dukcapil memberi nomor urut menaik per kombinasi itu; peserta hanya sebagian penduduk,
    jadi nomor kita menaik dengan loncatan acak 1-3.
    """
    urut = np.argsort(kunci, kind="stable")
    k = kunci[urut]
    loncat = rng.integers(1, 4, size=len(k))
    kum = np.cumsum(loncat)
    awal_grup = np.r_[True, k[1:] != k[:-1]]
    dasar = np.maximum.accumulate(np.where(awal_grup, kum - loncat, 0))
    serial = np.empty_like(kum)
    serial[urut] = kum - dasar
    if serial.max() > 9999:
        raise ValueError("skala terlalu besar untuk nomor urut NIK 4 digit")
    return serial


def _simulasikan(*, seed: int, skala: float, as_of: str, hanya_hitung: bool = False) -> _Simulasi:
    rng = np.random.default_rng(seed)
    bulan_akhir = np.datetime64(as_of, "M")
    if bulan_akhir < AWAL_PROGRAM:
        raise ValueError("as_of harus Januari 2025 atau sesudahnya")
    tgl_acuan = _akhir_bulan(np.array([bulan_akhir.astype("datetime64[D]")]))[0]
    n_bulan = int(bulan_akhir - AWAL_PROGRAM) + 1
    periode = [str(AWAL_PROGRAM + i) for i in range(n_bulan)]
    wil = _baca_wilayah()
    n_kec = len(wil.kode_kecamatan)

    # ---- pendaftaran: komunitas (2025), gelombang November, susulan 2026 -------------------
    n_kom = int(round(PESERTA_KOMUNITAS * skala))
    n_nov = int(round(PESERTA_GELOMBANG_NOV * skala))
    seg_kom = rng.choice(len(SEGMEN_KOMUNITAS), size=n_kom, p=list(SEGMEN_KOMUNITAS.values()))
    seg_nov = len(SEGMEN_KOMUNITAS) + rng.choice(
        len(SEGMEN_RENTAN), size=n_nov, p=list(SEGMEN_RENTAN.values())
    )
    bulan_kom = np.where(
        rng.random(n_kom) < PORSI_KOMUNITAS_MULAI_JANUARI, 0, rng.integers(1, 10, size=n_kom)
    )
    bulan_nov = np.where(rng.random(n_nov) < PORSI_GELOMBANG_MULAI_DESEMBER, 11, 10)
    n_sus_bulan = int(round(PESERTA_SUSULAN_PER_BULAN * skala))
    bulan_sus = np.repeat(np.arange(12, 24), n_sus_bulan)
    n_sus = len(bulan_sus)
    seg_sus = np.where(
        rng.random(n_sus) < PORSI_SUSULAN_KOMUNITAS,
        rng.choice(len(SEGMEN_KOMUNITAS), size=n_sus, p=list(SEGMEN_KOMUNITAS.values())),
        len(SEGMEN_KOMUNITAS)
        + rng.choice(len(SEGMEN_RENTAN), size=n_sus, p=list(SEGMEN_RENTAN.values())),
    )
    segmen = np.concatenate([seg_kom, seg_nov, seg_sus]).astype(np.int8)
    bulan_mulai = np.concatenate([bulan_kom, bulan_nov, bulan_sus])
    n = len(segmen)

    # Urutan berkas = urutan pendaftaran (nomor KPJ menaik); dalam satu bulan acak.
    urut = np.lexsort((rng.random(n), bulan_mulai))
    segmen, bulan_mulai = segmen[urut], bulan_mulai[urut]
    simpan = bulan_mulai < n_bulan  # pendaftaran setelah as_of belum terjadi
    segmen, bulan_mulai = segmen[simpan], bulan_mulai[simpan]
    n = len(segmen)
    if n == 0:
        raise ValueError("skala terlalu kecil: tidak ada peserta")
    mulai = (AWAL_PROGRAM + bulan_mulai).astype("datetime64[D]")

    loncat_maks = min(9, max(1, (AWAL_NOMOR_KPJ_ASING - AWAL_NOMOR_KPJ) // (n + 1)))
    if loncat_maks < 2:
        raise ValueError("skala terlalu besar untuk ruang nomor KPJ")
    nomor_kpj = AWAL_NOMOR_KPJ + np.cumsum(rng.integers(1, loncat_maks + 1, size=n))

    # ---- wilayah: kelurahan dipilih dengan bobot penduduk x jangkauan ---------------------
    bobot_kec = np.array(
        [PENDUDUK_KECAMATAN[k] * JANGKAUAN_KECAMATAN[k] for k in wil.nama_kecamatan], dtype=float
    )
    bobot_kel = rng.uniform(0.6, 1.4, size=len(wil.kelurahan))
    jumlah_per_kec = np.bincount(wil.kec_kelurahan, weights=bobot_kel, minlength=n_kec)
    p_kel = bobot_kec[wil.kec_kelurahan] * bobot_kel / jumlah_per_kec[wil.kec_kelurahan]
    kel = rng.choice(len(wil.kelurahan), size=n, p=p_kel / p_kel.sum()).astype(np.int16)
    kec = wil.kec_kelurahan[kel]

    # ---- demografi ------------------------------------------------------------------------
    profil = np.array([PROFIL_SEGMEN[s] for s in SEGMEN], dtype=float)
    perempuan = rng.random(n) < profil[segmen, 0]
    umur = np.clip(rng.normal(profil[segmen, 1], profil[segmen, 2]), UMUR_MIN, UMUR_MAKS)
    lahir = mulai - (umur * 365.25).astype(np.int64).astype("timedelta64[D]")

    # ---- kematian dan keluar (waktu-ke-kejadian eksponensial) ------------------------------
    hazard_mati = LAJU_KEMATIAN_UMUR_45 * np.exp(KENAIKAN_KEMATIAN_PER_TAHUN_UMUR * (umur - 45))
    tgl_mati = mulai + (rng.exponential(1 / hazard_mati) * 365.25).astype(np.int64).astype(
        "timedelta64[D]"
    )
    # Keluar (masa jabatan RT habis, diangkat PPPK, pindah) berlaku sampai akhir bulan.
    tgl_keluar = _akhir_bulan(
        mulai
        + (rng.exponential(1 / profil[segmen, 3]) * 365.25).astype(np.int64).astype("timedelta64[D]")
    )
    mati = (tgl_mati <= tgl_keluar) & (tgl_mati <= tgl_acuan)
    keluar = ~mati & (tgl_keluar <= tgl_acuan)
    akhir = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    akhir[mati] = tgl_mati[mati]
    akhir[keluar] = tgl_keluar[keluar]
    status = np.zeros(n, dtype=np.int8)  # 0 AKTIF, 1 NONAKTIF, 2 MENINGGAL
    status[keluar] = 1
    status[mati] = 2

    # ---- NIK ------------------------------------------------------------------------------
    thn = lahir.astype("datetime64[Y]")
    bln = lahir.astype("datetime64[M]")
    hari = (lahir - bln.astype("datetime64[D]")).astype(np.int64) + 1 + 40 * perempuan
    bulan_lahir = (bln - thn.astype("datetime64[M]")).astype(np.int64) + 1
    yy = (thn.astype(np.int64) + 1970) % 100
    nomor_kec = np.array([int(k[-2:]) for k in wil.kode_kecamatan], dtype=np.int64)[kec]
    tgl6 = hari * 10_000 + bulan_lahir * 100 + yy
    serial = _urutan_serial((nomor_kec * 1_000_000 + tgl6) * 2 + perempuan, rng)
    nik_angka = int(KODE_KOTA) * 10**12 + nomor_kec * 10**10 + tgl6 * 10**4 + serial

    # ---- temuan tertanam pada peserta: himpunan terpisah dari peserta yang tetap aktif --------
    aktif_terus = np.flatnonzero(status == 0)
    acak = rng.permutation(aktif_terus)
    komunitas = segmen[acak] < len(SEGMEN_KOMUNITAS)
    ambil_komunitas = list(acak[komunitas & (bulan_mulai[acak] == 0)])
    ambil_rentan = list(acak[~komunitas])
    ambil_umum = list(acak)
    terpakai: set[int] = set()

    def ambil(dari: list[int], k: int) -> np.ndarray:
        hasil = []
        while dari and len(hasil) < k:
            i = int(dari.pop())
            if i not in terpakai:
                terpakai.add(i)
                hasil.append(i)
        return np.array(hasil, dtype=np.int64)

    ganda_asli = ambil(ambil_komunitas, _banyak(TEMUAN_NIK_GANDA_AKTIF, skala))
    ganda_salinan = ambil(ambil_rentan, len(ganda_asli))
    ganda_asli = ganda_asli[: len(ganda_salinan)]
    nik_tidak_valid = ambil(ambil_umum, _banyak(TEMUAN_NIK_TIDAK_VALID, skala))
    nik_luar_kota = ambil(ambil_umum, _banyak(TEMUAN_NIK_LUAR_KOTA, skala))
    tolak_kab = ambil(ambil_umum, _banyak(BARIS_TOLAK_KAB_BEKASI, skala))
    tolak_tanpa_mulai = ambil(ambil_umum, _banyak(BARIS_TOLAK_TANPA_TGL_MULAI, skala))
    tolak_akhir_dulu = ambil(ambil_umum, _banyak(BARIS_TOLAK_AKHIR_SEBELUM_MULAI, skala))
    ulang = np.sort(ambil(ambil_umum, _banyak(BARIS_TOLAK_KPJ_BERULANG, skala)))

    # Satu orang terdaftar dua kali (mis. kader Posyandu yang juga masuk gelombang PKH).
    nik_angka[ganda_salinan] = nik_angka[ganda_asli]
    lahir[ganda_salinan] = lahir[ganda_asli]
    perempuan[ganda_salinan] = perempuan[ganda_asli]
    kel[ganda_salinan] = kel[ganda_asli]
    kec[ganda_salinan] = kec[ganda_asli]

    # Kode wilayah untuk baris Kabupaten Bekasi: KTP Kabupaten (3216), tanpa kode kecamatan Kota.
    nik_angka[tolak_kab] = (
        int(KODE_KAB_BEKASI) * 10**12
        + rng.integers(1, 24, size=len(tolak_kab)) * 10**10
        + nik_angka[tolak_kab] % 10**10
    )
    prefiks_luar = np.where(
        rng.random(len(nik_luar_kota)) < 0.6,
        int(KODE_KAB_BEKASI) * 100 + rng.integers(1, 24, size=len(nik_luar_kota)),
        int(KODE_JAKARTA_SELATAN) * 100 + rng.integers(1, 11, size=len(nik_luar_kota)),
    )
    nik_angka[nik_luar_kota] = prefiks_luar * 10**10 + nik_angka[nik_luar_kota] % 10**10

    nik = pc.cast(pa.array(nik_angka), pa.string()).to_numpy(zero_copy_only=False)
    for j, i in enumerate(nik_tidak_valid):
        nik[i] = _rusak_nik(nik[i], j, rng)

    mulai_tampil = mulai.copy()
    mulai_tampil[tolak_tanpa_mulai] = np.datetime64("NaT")
    akhir[tolak_akhir_dulu] = _akhir_bulan(mulai[tolak_akhir_dulu] - np.timedelta64(365, "D"))
    status[tolak_akhir_dulu] = 1
    tolak = np.zeros(n, dtype=bool)
    tolak[np.concatenate([tolak_kab, tolak_tanpa_mulai, tolak_akhir_dulu])] = True

    # ---- masa tagih: sama dengan masa kepesertaan, kecuali yang ditanam lewat masa ---------
    b_mulai = bulan_mulai.astype(np.int64)
    b_akhir = np.where(np.isnat(akhir), n_bulan - 1, _indeks_bulan(akhir))
    b_mulai[tolak] = 0
    b_akhir[tolak] = -1  # baris yang akan ditolak ingest tidak ditagihkan -> temuan tidak dobel
    tagih_akhir = b_akhir.copy()
    bisa_lewat = ~tolak & ~np.isnat(akhir) & (b_akhir < n_bulan - 1)
    lewat_mati = rng.permutation(np.flatnonzero(bisa_lewat & (status == 2)))[
        : _banyak(TEMUAN_IURAN_LUAR_MASA_MENINGGAL, skala)
    ]
    lewat_keluar = rng.permutation(np.flatnonzero(bisa_lewat & (status == 1)))[
        : _banyak(TEMUAN_IURAN_LUAR_MASA_KELUAR, skala)
    ]
    lewat = np.sort(np.concatenate([lewat_mati, lewat_keluar]))
    tagih_akhir[lewat] = np.minimum(
        b_akhir[lewat] + rng.integers(1, 4, size=len(lewat)), n_bulan - 1
    )

    # Nomor KPJ asing yang ditagihkan BPJS tetapi tidak ada di data peserta Pemkot.
    n_asing_iuran = _banyak(TEMUAN_IURAN_TANPA_PESERTA, skala)
    nomor_asing = _nomor_asing(rng, n_asing_iuran + _banyak(TEMUAN_KLAIM_TANPA_PESERTA, skala))
    asing_iuran = nomor_asing[:n_asing_iuran]
    asing_mulai = rng.integers(0, n_bulan, size=n_asing_iuran)
    asing_akhir = np.minimum(asing_mulai + rng.integers(0, 6, size=n_asing_iuran), n_bulan - 1)

    sumber_mulai = np.concatenate([b_mulai, asing_mulai])
    sumber_akhir = np.concatenate([tagih_akhir, asing_akhir])
    per_bulan = _hitung_per_bulan(sumber_mulai, sumber_akhir, n_bulan)
    sim = _Simulasi(as_of=bulan_akhir, periode=periode, wilayah=wil, jumlah_iuran=int(per_bulan.sum()))
    if hanya_hitung:
        return sim

    # ---- tabel peserta ----------------------------------------------------------------------
    kpj = np.array(
        pc.binary_join_element_wise(PREFIKS_KPJ, pc.cast(pa.array(nomor_kpj), pa.string()), "")
        .to_numpy(zero_copy_only=False),
        dtype=object,
    )
    nama_kec = np.array(wil.nama_kecamatan, dtype=object)[kec]
    kode_kec = np.array(wil.kode_kecamatan, dtype=object)[kec]
    nama_kel = np.array(wil.kelurahan, dtype=object)[kel]
    kab = list(KECAMATAN_KAB_BEKASI)
    for j, i in enumerate(tolak_kab):
        nama_kec[i] = kab[j % len(kab)]
        nama_kel[i] = KECAMATAN_KAB_BEKASI[nama_kec[i]][j % 3]
        kode_kec[i] = None

    kolom = {
        "no_kpj": kpj,
        "nik": nik,
        "tgl_lahir": lahir,
        "jenis_kelamin": np.where(perempuan, "P", "L").astype(object),
        "kode_kecamatan": kode_kec,
        "kecamatan": nama_kec,
        "kelurahan": nama_kel,
        "segmen": np.array(SEGMEN, dtype=object)[segmen],
        "tgl_mulai": mulai_tampil,
        "tgl_akhir": akhir,
        "status": np.array([STATUS_AKTIF, STATUS_NONAKTIF, STATUS_MENINGGAL], dtype=object)[status],
    }
    # KPJ berulang: data dikirim ulang di akhir berkas dengan alamat "diperbarui".
    for nama, nilai in kolom.items():
        kolom[nama] = np.concatenate([nilai, nilai[ulang]])
    for j, i in enumerate(ulang):
        pilihan = np.flatnonzero(wil.kec_kelurahan == kec[i])
        baru = pilihan[(np.flatnonzero(pilihan == kel[i])[0] + 1) % len(pilihan)]
        kolom["kelurahan"][n + j] = wil.kelurahan[baru]
    sim.peserta = _tabel_peserta(kolom)

    # ---- iuran: urut per periode lalu nomor KPJ (seperti tagihan bulanan BPJS) ---------------
    kpj_sumber = np.concatenate([kpj, np.array([PREFIKS_KPJ + str(x) for x in asing_iuran], dtype=object)])
    sim.iuran, tagihan_bulan = _bangun_iuran(sumber_mulai, sumber_akhir, per_bulan, kpj_sumber, periode)
    tagihan_komunitas = _hitung_per_bulan(
        b_mulai[segmen < len(SEGMEN_KOMUNITAS)], b_akhir[segmen < len(SEGMEN_KOMUNITAS)], n_bulan
    ) * TARIF_IURAN

    # ---- klaim ------------------------------------------------------------------------------
    sim.klaim = _bangun_klaim(
        rng,
        skala=skala,
        kpj=kpj[:n],
        segmen=segmen,
        mulai=mulai,
        akhir=akhir,
        status=status,
        sah=~tolak,
        bulan_mulai=b_mulai,
        bulan_akhir=b_akhir,
        n_bulan=n_bulan,
        tgl_acuan=tgl_acuan,
        kpj_asing=[PREFIKS_KPJ + str(x) for x in nomor_asing[n_asing_iuran:]],
    )

    # ---- sasaran, anggaran, realisasi ------------------------------------------------------
    sim.sasaran = _bangun_sasaran(wil, skala, bulan_akhir)
    sim.anggaran = _bangun_anggaran(rng, tagihan_bulan, tagihan_komunitas, bulan_akhir)
    sim.realisasi = _bangun_realisasi(rng, tagihan_bulan, periode)
    return sim


def _rusak_nik(nik: str, j: int, rng: np.random.Generator) -> str:
    """Salah ketik khas: satu digit hilang (15 digit) atau 0/1 terketik sebagai huruf O/I."""
    if j % 2 == 0:
        pos = int(rng.integers(6, 16))
        return nik[:pos] + nik[pos + 1 :]
    pos = int(rng.integers(6, 16))
    huruf = {"0": "O", "1": "I"}.get(nik[pos], "O")
    return nik[:pos] + huruf + nik[pos + 1 :]


def _nomor_asing(rng: np.random.Generator, k: int) -> np.ndarray:
    calon = np.unique(rng.integers(AWAL_NOMOR_KPJ_ASING, 100_000_000, size=k * 2 + 10))
    return rng.permutation(calon)[:k]


def _hitung_per_bulan(b_mulai: np.ndarray, b_akhir: np.ndarray, n_bulan: int) -> np.ndarray:
    """Jumlah baris tagihan per bulan lewat selisih kumulatif (tanpa membuat baris)."""
    sah = b_akhir >= b_mulai
    delta = np.zeros(n_bulan + 1, dtype=np.int64)
    np.add.at(delta, b_mulai[sah], 1)
    np.add.at(delta, b_akhir[sah] + 1, -1)
    return np.cumsum(delta)[:n_bulan]


def _bangun_iuran(b_mulai, b_akhir, per_bulan, kpj_sumber, periode):
    total = int(per_bulan.sum())
    indeks = np.empty(total, dtype=np.int32 if len(kpj_sumber) < 2**31 else np.int64)
    bulan = np.empty(total, dtype=np.int16)
    pos = 0
    for m in range(len(periode)):  # ~22 iterasi, masing-masing tervektorisasi atas peserta
        idx = np.flatnonzero((b_mulai <= m) & (b_akhir >= m))
        indeks[pos : pos + len(idx)] = idx
        bulan[pos : pos + len(idx)] = m
        pos += len(idx)
    tabel = pa.table(
        {
            "periode": pa.array(periode, pa.string()).take(pa.array(bulan)),
            "no_kpj": pa.array(kpj_sumber, pa.string()).take(pa.array(indeks)),
            "nominal": pa.array(np.full(total, TARIF_IURAN, dtype=np.int64)),
        }
    )
    return tabel, per_bulan * TARIF_IURAN


def _tabel_peserta(kolom: dict[str, np.ndarray]) -> pa.Table:
    tipe_tanggal = {"tgl_lahir", "tgl_mulai", "tgl_akhir"}
    return pa.table(
        {
            nama: pa.array(nilai, type=pa.date32() if nama in tipe_tanggal else pa.string(), from_pandas=True)
            for nama, nilai in kolom.items()
        }
    )


def _bangun_klaim(
    rng, *, skala, kpj, segmen, mulai, akhir, status, sah, bulan_mulai, bulan_akhir,
    n_bulan, tgl_acuan, kpj_asing,
) -> pd.DataFrame:
    n = len(kpj)
    tgl_awal_program = AWAL_PROGRAM.astype("datetime64[D]")
    bagian = []  # (indeks peserta atau -1, program, tgl_kejadian)

    # JKM: setiap kematian peserta yang sah (tgl_kejadian = tgl_akhir = tanggal meninggal).
    mati = np.flatnonzero(sah & (status == 2))
    bagian.append((mati, np.full(len(mati), "JKM", dtype=object), akhir[mati]))

    # JKK: kecelakaan per orang-bulan, lebih sering pada ojek dan sopir.
    pengali = np.array([PROFIL_SEGMEN[s][4] for s in SEGMEN])[segmen]
    p_bulan = LAJU_KECELAKAAN_KERJA * pengali / 12
    for m in range(n_bulan):  # per bulan, tervektorisasi atas peserta
        tertanggung = np.flatnonzero(sah & (bulan_mulai <= m) & (bulan_akhir >= m))
        celaka = tertanggung[rng.random(len(tertanggung)) < p_bulan[tertanggung]]
        awal = (AWAL_PROGRAM + m).astype("datetime64[D]")
        tgl = awal + rng.integers(0, 28, size=len(celaka)).astype("timedelta64[D]")
        batas = np.where(np.isnat(akhir[celaka]), tgl_acuan, np.minimum(akhir[celaka], tgl_acuan))
        bagian.append((celaka, np.full(len(celaka), "JKK", dtype=object), np.minimum(tgl, batas)))

    # KLAIM_LUAR_MASA: kecelakaan sebelum terdaftar (didaftarkan sesudah celaka) atau
    # sesudah keluar.
    k_luar = _banyak(TEMUAN_KLAIM_LUAR_MASA, skala)
    belum = rng.permutation(np.flatnonzero(sah & (status == 0) & (mulai >= tgl_awal_program + 60)))
    sudah = rng.permutation(np.flatnonzero(sah & (status == 1) & (akhir + 95 <= tgl_acuan)))
    i_belum = belum[: (k_luar + 1) // 2]
    i_sudah = sudah[: k_luar - len(i_belum)]
    bagian.append((i_belum, np.full(len(i_belum), "JKK", dtype=object),
                   mulai[i_belum] - rng.integers(5, 60, size=len(i_belum)).astype("timedelta64[D]")))
    bagian.append((i_sudah, np.full(len(i_sudah), "JKK", dtype=object),
                   akhir[i_sudah] + rng.integers(10, 90, size=len(i_sudah)).astype("timedelta64[D]")))

    # JHT bukan bagian paket UCJ (ditolak); KLAIM_TANPA_PESERTA memakai KPJ asing.
    jht = rng.choice(np.flatnonzero(sah & (status == 0)), size=KLAIM_JHT, replace=False)
    tgl_jht = tgl_acuan - rng.integers(60, 300, size=KLAIM_JHT).astype("timedelta64[D]")
    bagian.append((jht, np.full(KLAIM_JHT, "JHT", dtype=object), tgl_jht))
    n_asing = len(kpj_asing)
    tgl_asing = tgl_awal_program + rng.integers(
        0, int((tgl_acuan - tgl_awal_program).astype(int)) - 60, size=n_asing
    ).astype("timedelta64[D]")
    bagian.append((np.full(n_asing, -1), np.full(n_asing, "JKK", dtype=object), tgl_asing))

    siapa = np.concatenate([b[0] for b in bagian]).astype(np.int64)
    program = np.concatenate([b[1] for b in bagian])
    kejadian = np.concatenate([b[2] for b in bagian]).astype("datetime64[D]")
    no_kpj = np.where(siapa >= 0, kpj[np.clip(siapa, 0, n - 1)], "")
    no_kpj[siapa < 0] = kpj_asing
    k = len(siapa)

    jeda_ajukan = np.where(program == "JKM", rng.integers(7, 61, size=k), rng.integers(1, 31, size=k))
    pengajuan = kejadian + jeda_ajukan.astype("timedelta64[D]")
    jeda_bayar = np.where(
        rng.random(k) < PORSI_BAYAR_LAMBAT, rng.integers(31, 91, size=k), rng.integers(5, 26, size=k)
    )
    bayar = pengajuan + jeda_bayar.astype("timedelta64[D]")
    p_tolak = np.where(program == "JKM", PORSI_KLAIM_DITOLAK["JKM"], PORSI_KLAIM_DITOLAK["JKK"])
    ditolak = (rng.random(k) < p_tolak) | (program == "JHT")
    dibayar = ~ditolak & (bayar <= tgl_acuan)
    status_klaim = np.where(ditolak, "DITOLAK", np.where(dibayar, "DIBAYAR", "PROSES"))

    besar = rng.random(k) < PORSI_KLAIM_JKK_BESAR
    jkk = np.where(
        besar,
        rng.uniform(70e6, 250e6, size=k),
        np.clip(rng.lognormal(np.log(6e6), 0.9, size=k), KLAIM_JKK_MIN, KLAIM_JKK_MAKS),
    )
    manfaat = np.where(program == "JKM", MANFAAT_JKM, np.round(jkk, -2)).astype(np.int64)

    df = pd.DataFrame(
        {
            "no_kpj": no_kpj.astype(str),
            "program": program.astype(str),
            "tgl_kejadian": kejadian,
            "tgl_pengajuan": pengajuan,
            "tgl_bayar": np.where(dibayar, bayar, np.datetime64("NaT")),
            "nominal_dibayar": np.where(dibayar, manfaat, 0),
            "status": status_klaim,
        }
    )
    # Klaim yang diajukan sesudah tanggal acuan belum diketahui.
    df = df[df["tgl_pengajuan"] <= tgl_acuan]
    df = df.sort_values(["tgl_pengajuan", "no_kpj", "program"], kind="stable").reset_index(drop=True)
    tahun = df["tgl_pengajuan"].dt.year
    urut = df.groupby([df["program"], tahun]).cumcount() + 1
    df.insert(
        0,
        "no_klaim",
        df["program"] + "-" + tahun.astype(str) + "-" + urut.astype(str).str.zfill(5),
    )
    return df


def _bagi_proporsional(total: int, bobot: np.ndarray) -> np.ndarray:
    """Pembagian bulat dengan sisa terbesar agar jumlahnya tepat ``total``."""
    kuota = total * bobot / bobot.sum()
    dasar = np.floor(kuota).astype(np.int64)
    sisa = total - dasar.sum()
    dasar[np.argsort(-(kuota - dasar), kind="stable")[:sisa]] += 1
    return dasar


def _bangun_sasaran(wil: _Wilayah, skala: float, bulan_akhir: np.datetime64) -> pd.DataFrame:
    penduduk = np.array([PENDUDUK_KECAMATAN[k] for k in wil.nama_kecamatan], dtype=float)
    tahun_akhir = int(str(bulan_akhir)[:4])
    baris = []
    for tahun in range(2025, tahun_akhir + 1):
        total = int(round(SASARAN_KOTA.get(tahun, SASARAN_KOTA[max(SASARAN_KOTA)]) * skala))
        jumlah_kec = _bagi_proporsional(total, penduduk)
        for kode, nama, jumlah in zip(wil.kode_kecamatan, wil.nama_kecamatan, jumlah_kec):
            baris.append((tahun, kode, nama, "", int(jumlah)))
    return pd.DataFrame(baris, columns=["tahun", "kode_kecamatan", "kecamatan", "segmen", "jumlah_sasaran"])


def _kebutuhan_tahun(tahun: int, tagihan: np.ndarray) -> int:
    """Tagihan yang dibayar pada tahun itu: tagihan Des tahun lalu s.d. Nov tahun ini.

    Bulan sesudah data terakhir diperkirakan sama dengan tagihan bulan terakhir.
    """
    awal = (tahun - 2025) * 12 - 1
    total = 0
    for m in range(max(awal, 0), awal + 12):
        total += int(tagihan[min(m, len(tagihan) - 1)])
    return total


def _bulat_juta(x: float) -> int:
    return int(round(x / 1_000_000)) * 1_000_000


def _tanggal_kerja(tahun: int, bulan: int, hari: int) -> np.datetime64:
    return np.busday_offset(np.datetime64(f"{tahun:04d}-{bulan:02d}-{hari:02d}"), 0, roll="forward")


def _bangun_anggaran(rng, tagihan, tagihan_komunitas, bulan_akhir) -> pd.DataFrame:
    tahun_akhir = int(str(bulan_akhir)[:4])
    bulan_ke = int(str(bulan_akhir)[5:7])
    baris = []
    for tahun in range(2025, tahun_akhir + 1):
        kebutuhan = _kebutuhan_tahun(tahun, tagihan)
        if tahun == 2025:
            murni = _kebutuhan_tahun(tahun, tagihan_komunitas) * FAKTOR_PAGU_MURNI_2025
            perubahan = kebutuhan * FAKTOR_PAGU_PERUBAHAN_2025
        else:
            murni = kebutuhan * FAKTOR_PAGU_MURNI
            perubahan = kebutuhan * FAKTOR_PAGU_PERUBAHAN
        versi = [("MURNI", _tanggal_kerja(tahun - 1, 12, int(rng.integers(15, 24))), murni)]
        if tahun < tahun_akhir or bulan_ke >= 9:  # APBD-P ditetapkan sekitar September
            versi.append(("PERUBAHAN", _tanggal_kerja(tahun, 9, int(rng.integers(15, 27))), perubahan))
        for jenis, tgl, total in versi:
            for rek, porsi in ((REKENING_JKK, TARIF_JKK), (REKENING_JKM, TARIF_JKM)):
                pagu = _bulat_juta(total * porsi / TARIF_IURAN)
                baris.append((tahun, rek, URAIAN_REKENING[rek], jenis, tgl, pagu))
    df = pd.DataFrame(baris, columns=["tahun", "kode_rekening", "uraian", "jenis", "tgl_penetapan", "pagu"])
    df["tgl_penetapan"] = df["tgl_penetapan"].astype("datetime64[s]")
    return df


def _bangun_realisasi(rng, tagihan: np.ndarray, periode: list[str]) -> pd.DataFrame:
    """Satu SP2D per rekening per bulan tagihan, dibayar bulan berikutnya."""
    baris = []
    nomor: dict[int, int] = {}
    for m in range(len(periode) - 1):  # tagihan bulan as_of belum dibayar
        bayar = AWAL_PROGRAM + m + 1
        tahun, bulan = int(str(bayar)[:4]), int(str(bayar)[5:7])
        # Register SP2D memuat semua belanja kota, jadi nomornya melompat antarbulan.
        nomor[tahun] = nomor.get(tahun, int(rng.integers(40, 120))) + int(rng.integers(150, 420))
        tgl = _tanggal_kerja(tahun, bulan, int(rng.integers(6, 20)))
        jkk = int(round(int(tagihan[m]) * TARIF_JKK / TARIF_IURAN))
        for j, (rek, nilai) in enumerate(((REKENING_JKK, jkk), (REKENING_JKM, int(tagihan[m]) - jkk))):
            baris.append((f"{nomor[tahun] + j:04d}/SP2D/LS/BPKAD/{tahun}", tgl, rek, nilai, periode[m]))

    # SP2D_GANDA: catatan pembayaran yang terunggah ulang pada batch berikutnya -- satu salinan
    # persis, satu dengan tanggal batch ulang. Disisipkan sesudah baris bulan berikutnya.
    n_bulan_bayar = len(baris) // 2
    if n_bulan_bayar >= 3:
        paruh = n_bulan_bayar // 2
        pilih = [int(rng.integers(0, paruh)), int(rng.integers(paruh, n_bulan_bayar - 1))][:TEMUAN_SP2D_GANDA]
        sisipan = {}
        for k, bln in enumerate(pilih):
            asli = baris[2 * bln + (1 if k == 0 else 0)]
            tgl = asli[1] if k == 0 else baris[2 * (bln + 1)][1]
            sisipan[2 * (bln + 1) + 2] = (asli[0], tgl, asli[2], asli[3], asli[4])
        for posisi in sorted(sisipan, reverse=True):
            baris.insert(posisi, sisipan[posisi])
    df = pd.DataFrame(baris, columns=["no_sp2d", "tgl_sp2d", "kode_rekening", "nominal", "periode_tagihan"])
    df["tgl_sp2d"] = df["tgl_sp2d"].astype("datetime64[s]")
    return df


# =============================================================================================
# Penulisan berkas
# =============================================================================================


def _tulis_csv(df: pd.DataFrame, path: Path) -> None:
    keluar = df.copy()
    for nama in keluar.columns:
        if pd.api.types.is_datetime64_any_dtype(keluar[nama]):
            keluar[nama] = keluar[nama].dt.strftime("%Y-%m-%d")  # NaT -> kosong
    keluar.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _tulis_simulasi(sim: _Simulasi, out_dir: Path) -> dict[str, Path]:
    paths = {jenis: out_dir / nama for jenis, nama in FILE_NAMES.items()}
    pq.write_table(sim.peserta, paths["peserta"], compression="zstd")
    pq.write_table(sim.iuran, paths["iuran"], compression="zstd", row_group_size=1_000_000)
    for jenis in ("sasaran", "anggaran", "realisasi", "klaim"):
        _tulis_csv(getattr(sim, jenis), paths[jenis])
    return paths


def _rupiah_titik(x: int) -> str:
    return f"{int(x):,}".replace(",", ".")


def _uang_id(x: int) -> str:
    """Format uang kantor: 1.234.567,00."""
    return _rupiah_titik(x) + ",00"


def _tgl_id(d) -> str:
    return "" if pd.isna(d) else pd.Timestamp(d).strftime("%d/%m/%Y")


def _tulis_csv_kantor(df: pd.DataFrame, path: Path, *, bom: bool = False) -> None:
    # Ekspor Excel berlokal Indonesia: pemisah titik koma dan akhir baris Windows.
    df.to_csv(path, index=False, sep=";", encoding="utf-8-sig" if bom else "utf-8", lineterminator="\r\n")


def _tulis_contoh(sim: _Simulasi, folder: Path, *, seed: int) -> dict[str, Path]:
    """Contoh kecil berkas kantor: peserta/iuran/klaim adalah potongan yang saling konsisten
    dari sampel simulasi (iuran dan klaim merujuk No. KPJ pada contoh peserta); sasaran,
    anggaran dan realisasi adalah potongan sampel dalam format kantor."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, 1])  # aliran terpisah: contoh tak mengubah sampel
    paths = {jenis: folder / nama for jenis, nama in EXAMPLE_FILE_NAMES.items()}
    peserta = sim.peserta.to_pandas()
    n_asli = len(peserta) - _hitung_berulang(peserta)
    peserta = peserta.iloc[:n_asli]
    klaim = sim.klaim
    periode_terakhir_bayar = sim.periode[-2] if len(sim.periode) > 1 else sim.periode[-1]

    nik_ok = peserta["nik"].str.fullmatch(r"3275\d{12}") & ~peserta["nik"].duplicated(keep=False)
    sah = nik_ok & peserta["kode_kecamatan"].notna() & peserta["tgl_mulai"].notna()
    klaim_peserta = klaim[klaim["no_kpj"].isin(peserta["no_kpj"])]
    pilih: list[int] = []

    def tambah(calon: pd.Index, k: int) -> None:
        calon = [i for i in calon if i not in pilih]
        if calon:
            pilih.extend(int(i) for i in rng.choice(calon, size=min(k, len(calon)), replace=False))

    idx_kpj = pd.Series(peserta.index, index=peserta["no_kpj"])
    for status_k, program, k in (("DIBAYAR", "JKM", 1), ("PROSES", "JKM", 1), ("DIBAYAR", "JKK", 3),
                                  ("DITOLAK", "JKK", 1), ("PROSES", "JKK", 1)):
        cocok = (klaim_peserta["status"] == status_k) & (klaim_peserta["program"] == program)
        kpj = klaim_peserta.loc[cocok, "no_kpj"]
        tambah(pd.Index(idx_kpj.loc[kpj.unique()].to_numpy()).intersection(peserta.index[sah]), k)
    tambah(peserta.index[sah & (peserta["status"] == STATUS_NONAKTIF)], 1)
    aktif = sah & (peserta["status"] == STATUS_AKTIF)
    for nama_kec, k in (("Pondokgede", 3), ("Bekasi Timur", 3), ("Medansatria", 2)):
        tambah(peserta.index[aktif & (peserta["kecamatan"] == nama_kec)], k)
    for nama_kec in sim.wilayah.nama_kecamatan:
        tambah(peserta.index[aktif & (peserta["kecamatan"] == nama_kec)], 1)
    contoh = peserta.loc[sorted(pilih)].copy()
    # Satu baris salah wilayah (Kabupaten Bekasi), disisipkan di tengah daftar.
    kab = peserta[peserta["kecamatan"] == "Cikarang Barat"].head(1)
    contoh = pd.concat([contoh.iloc[: len(contoh) // 2], kab, contoh.iloc[len(contoh) // 2 :]])
    contoh = contoh.reset_index(drop=True)

    perempuan = contoh["jenis_kelamin"].eq("P").to_numpy()
    contoh["nama"] = [
        f"{rng.choice(NAMA_DEPAN_P)} {rng.choice(NAMA_BELAKANG_P)}"
        if p
        else f"{rng.choice(NAMA_DEPAN_L)} {rng.choice(NAMA_BELAKANG_L)}"
        for p in perempuan
    ]
    varian = {k: 0 for k in VARIAN_KECAMATAN}

    def ejaan(nama: str) -> str:
        if nama not in VARIAN_KECAMATAN:
            return nama
        v = VARIAN_KECAMATAN[nama][varian[nama] % len(VARIAN_KECAMATAN[nama])]
        varian[nama] += 1
        return v

    contoh["kecamatan_kantor"] = [ejaan(k) for k in contoh["kecamatan"]]
    _tulis_xlsx_peserta(contoh, paths["peserta"])

    kpj_contoh = set(contoh["no_kpj"])
    iuran = sim.iuran.filter(pc.equal(sim.iuran["periode"], periode_terakhir_bayar)).to_pandas()
    iuran = iuran[iuran["no_kpj"].isin(kpj_contoh)]
    _tulis_csv_kantor(
        pd.DataFrame({
            "Periode": iuran["periode"],
            "No. KPJ": iuran["no_kpj"],
            "Nominal": ["Rp " + _rupiah_titik(x) for x in iuran["nominal"]],
        }),
        paths["iuran"],
        bom=True,
    )

    kl = klaim[klaim["no_kpj"].isin(kpj_contoh)]
    _tulis_csv_kantor(
        pd.DataFrame({
            "No. Klaim": kl["no_klaim"],
            "No. KPJ": kl["no_kpj"],
            "Program": kl["program"],
            "Tgl Kejadian": [_tgl_id(d) for d in kl["tgl_kejadian"]],
            "Tgl Pengajuan": [_tgl_id(d) for d in kl["tgl_pengajuan"]],
            "Tgl Bayar": [_tgl_id(d) for d in kl["tgl_bayar"]],
            "Nominal Dibayar": [_uang_id(x) for x in kl["nominal_dibayar"]],
            "Status": kl["status"],
        }),
        paths["klaim"],
    )

    s = sim.sasaran
    _tulis_csv_kantor(
        pd.DataFrame({
            "Tahun": s["tahun"],
            "Kode Kecamatan": s["kode_kecamatan"],
            "Kecamatan": s["kecamatan"].str.upper(),
            "Segmen": s["segmen"],
            "Jumlah Sasaran": s["jumlah_sasaran"],
        }),
        paths["sasaran"],
    )
    a = sim.anggaran
    _tulis_csv_kantor(
        pd.DataFrame({
            "Tahun": a["tahun"],
            "Kode Rekening": a["kode_rekening"],
            "Uraian": a["uraian"],
            "Jenis": a["jenis"],
            "Tgl Penetapan": [_tgl_id(d) for d in a["tgl_penetapan"]],
            "Pagu": [_uang_id(x) for x in a["pagu"]],
        }),
        paths["anggaran"],
    )
    r = sim.realisasi
    r = r[r["tgl_sp2d"].dt.year == r["tgl_sp2d"].dt.year.max()]
    _tulis_csv_kantor(
        pd.DataFrame({
            "No. SP2D": r["no_sp2d"],
            "Tgl SP2D": [_tgl_id(d) for d in r["tgl_sp2d"]],
            "Kode Rekening": r["kode_rekening"],
            "Nominal": [_uang_id(x) for x in r["nominal"]],
            "Periode Tagihan": r["periode_tagihan"],
        }),
        paths["realisasi"],
    )
    return paths


def _hitung_berulang(peserta: pd.DataFrame) -> int:
    """Baris KPJ berulang selalu di ekor berkas; hitung panjang ekor itu."""
    return int(peserta["no_kpj"].duplicated(keep="first").sum())


def _tulis_xlsx_peserta(contoh: pd.DataFrame, path: Path) -> None:
    import xlsxwriter  # XlsxWriter menulis ZIP bertanggal tetap -> berkas dapat direproduksi

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": "Daftar peserta UCJ (contoh SIMULASI)", "created": dt.datetime(2026, 1, 1)})
    ws = wb.add_worksheet("Peserta")
    fmt_judul = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    fmt_tgl = wb.add_format({"num_format": "dd/mm/yyyy"})
    fmt_teks = wb.add_format({"num_format": "@"})
    judul = ["No. KPJ", "NIK", "Nama", "Tgl Lahir", "Jenis Kelamin", "Kecamatan", "Kelurahan",
             "Segmen", "Tgl Mulai", "Tgl Akhir", "Status"]
    ws.write_row(0, 0, judul, fmt_judul)
    for r, baris in enumerate(contoh.itertuples(index=False), start=1):
        ws.write_string(r, 0, baris.no_kpj)
        ws.write_string(r, 1, baris.nik, fmt_teks)  # NIK sebagai teks agar 16 digit utuh
        ws.write_string(r, 2, baris.nama)
        for c, tgl in ((3, baris.tgl_lahir), (8, baris.tgl_mulai), (9, baris.tgl_akhir)):
            if tgl is None or pd.isna(tgl):
                continue
            # Berkas kantor nyata mencampur sel tanggal Excel dan teks dd/mm/yyyy.
            if (r + c) % 3 == 0:
                ws.write_string(r, c, _tgl_id(tgl))
            else:
                ws.write_datetime(r, c, dt.datetime(tgl.year, tgl.month, tgl.day), fmt_tgl)
        ws.write_string(r, 4, baris.jenis_kelamin)
        ws.write_string(r, 5, baris.kecamatan_kantor)
        ws.write_string(r, 6, baris.kelurahan)
        ws.write_string(r, 7, baris.segmen)
        ws.write_string(r, 10, baris.status)
    ws.set_column(0, 1, 18)
    ws.set_column(2, 2, 24)
    ws.set_column(3, 10, 14)
    ws.freeze_panes(1, 0)
    wb.close()
