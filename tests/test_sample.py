"""Tes generator data simulasi (ucj_oversight.sampel).

Temuan dideteksi ulang dari berkas yang ditulis -- bukan dari catatan internal generator --
agar tes ini juga memastikan berkasnya memang memuat apa yang dijanjikan ke modul ingest.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ucj_oversight.dev import sample

JENIS = ["peserta", "iuran", "sasaran", "anggaran", "realisasi", "klaim"]
KAB_BEKASI = {"Cikarang Barat", "Tambun Selatan"}
WILAYAH = Path(sample.__file__).parent.parent / "reference" / "wilayah_kota_bekasi.csv"


@pytest.fixture(scope="module")
def dua_sampel(tmp_path_factory):
    """Sampel baku dibuat dua kali di folder berbeda (untuk uji determinisme)."""
    a = sample.generate(tmp_path_factory.mktemp("a") / "sampel")
    b = sample.generate(tmp_path_factory.mktemp("b") / "sampel")
    return a, b


@pytest.fixture(scope="module")
def paths(dua_sampel):
    return dua_sampel[0]


@pytest.fixture(scope="module")
def data(paths):
    baca_csv = lambda p, **kw: pd.read_csv(p, dtype=str, keep_default_na=False, **kw)  # noqa: E731
    return {
        "peserta": pq.read_table(paths["peserta"]).to_pandas(),
        "iuran": pq.read_table(paths["iuran"]).to_pandas(),
        "sasaran": baca_csv(paths["sasaran"]),
        "anggaran": baca_csv(paths["anggaran"]),
        "realisasi": baca_csv(paths["realisasi"]),
        "klaim": baca_csv(paths["klaim"]),
    }


def _peserta_sah(p: pd.DataFrame) -> pd.DataFrame:
    """Baris yang akan diterima ingest (tanpa baris tolak yang ditanam)."""
    mulai = pd.to_datetime(p["tgl_mulai"])
    akhir = pd.to_datetime(p["tgl_akhir"])
    tolak = (
        p["kecamatan"].isin(KAB_BEKASI)
        | mulai.isna()
        | (akhir < mulai)
        | p["no_kpj"].duplicated(keep="first")
    )
    sah = p[~tolak].copy()
    sah["mulai"], sah["akhir"] = mulai[~tolak], akhir[~tolak]
    return sah


def test_nama_dan_jenis_berkas(paths):
    assert list(paths) == JENIS
    for jenis, p in paths.items():
        assert p.exists()
        assert p.name.startswith(jenis) and "simulasi" in p.name
    assert paths["peserta"].suffix == paths["iuran"].suffix == ".parquet"
    contoh = sample.examples_dir(paths["peserta"].parent)
    for nama in sample.EXAMPLE_FILE_NAMES.values():
        assert (contoh / nama).exists()


def test_deterministik(dua_sampel):
    a, b = dua_sampel
    for jenis in JENIS:
        if a[jenis].suffix == ".csv":
            assert a[jenis].read_bytes() == b[jenis].read_bytes(), jenis
        else:
            df_a, df_b = (pq.read_table(x[jenis]).to_pandas() for x in (a, b))
            pd.testing.assert_frame_equal(df_a, df_b)
    ca, cb = (sample.examples_dir(x["peserta"].parent) for x in (a, b))
    for nama in sample.EXAMPLE_FILE_NAMES.values():
        assert (ca / nama).read_bytes() == (cb / nama).read_bytes(), nama


def test_kontrak_kolom_parquet(paths):
    peserta = pq.read_schema(paths["peserta"])
    assert peserta.names == [
        "no_kpj", "nik", "tgl_lahir", "jenis_kelamin", "kode_kecamatan", "kecamatan",
        "kelurahan", "segmen", "tgl_mulai", "tgl_akhir", "status",
    ]
    assert "nama" not in peserta.names  # data minimal: nama hanya di contoh
    for kolom in ("tgl_lahir", "tgl_mulai", "tgl_akhir"):
        assert peserta.field(kolom).type == pa.date32()
    for kolom in ("no_kpj", "nik", "kode_kecamatan", "segmen"):
        assert peserta.field(kolom).type == pa.string()
    iuran = pq.read_schema(paths["iuran"])
    assert iuran.names == ["periode", "no_kpj", "nominal"]
    assert iuran.field("periode").type == pa.string() and iuran.field("nominal").type == pa.int64()
    assert pq.ParquetFile(paths["iuran"]).metadata.row_group(0).column(0).compression == "ZSTD"


def test_kontrak_kolom_csv(data):
    kolom = {jenis: list(data[jenis].columns) for jenis in ("sasaran", "anggaran", "realisasi", "klaim")}
    assert kolom["sasaran"] == ["tahun", "kode_kecamatan", "kecamatan", "segmen", "jumlah_sasaran"]
    assert kolom["anggaran"] == ["tahun", "kode_rekening", "uraian", "jenis", "tgl_penetapan", "pagu"]
    assert kolom["realisasi"] == ["no_sp2d", "tgl_sp2d", "kode_rekening", "nominal", "periode_tagihan"]
    assert kolom["klaim"] == [
        "no_klaim", "no_kpj", "program", "tgl_kejadian", "tgl_pengajuan", "tgl_bayar",
        "nominal_dibayar", "status",
    ]
    assert data["realisasi"]["tgl_sp2d"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert data["realisasi"]["nominal"].str.fullmatch(r"\d+").all()
    assert set(data["anggaran"]["jenis"]) == {"MURNI", "PERUBAHAN"}
    assert set(data["sasaran"]["tahun"]) == {"2025", "2026"}


def test_seluruh_wilayah_muncul(data):
    with open(WILAYAH, encoding="utf-8", newline="") as f:
        ref = {(b["kode_kecamatan"], b["nama_kecamatan"], b["nama_kelurahan"]) for b in csv.DictReader(f)}
    sah = _peserta_sah(data["peserta"])
    ada = set(zip(sah["kode_kecamatan"], sah["kecamatan"], sah["kelurahan"]))
    assert ada == ref
    assert len({r[0] for r in ada}) == 12 and len(ada) == 56


def test_nik_mengikuti_struktur(data):
    sah = _peserta_sah(data["peserta"])
    nik = sah[sah["nik"].str.fullmatch(r"3275\d{12}")]
    assert len(nik) > 0.99 * len(sah)
    assert (nik["nik"].str[4:6] == nik["kode_kecamatan"].str[-2:]).all()
    lahir = pd.to_datetime(nik["tgl_lahir"])
    hari = lahir.dt.day + 40 * (nik["jenis_kelamin"] == "P")
    harapan = hari.map("{:02d}".format) + lahir.dt.strftime("%m%y")
    assert (nik["nik"].str[6:12] == harapan).all()


def test_angka_realistis(data):
    sah = _peserta_sah(data["peserta"])
    assert 52_000 <= len(sah) <= 56_000
    acuan = pd.Timestamp("2026-10-31")
    aktif = sah[(sah["mulai"] <= acuan) & (sah["akhir"].isna() | (sah["akhir"] >= acuan))]
    assert 48_000 <= len(aktif) <= 54_000
    assert set(data["iuran"]["nominal"]) == {16_800}
    assert set(sah["status"]) == {"AKTIF", "NONAKTIF", "MENINGGAL"}
    klaim = data["klaim"]
    mati = klaim[klaim["program"] == "JKM"]
    assert set(mati.loc[mati["status"] == "DIBAYAR", "nominal_dibayar"]) == {"42000000"}
    assert (klaim.loc[klaim["status"] != "DIBAYAR", "tgl_bayar"] == "").all()


def test_realisasi_sama_dengan_tagihan(data):
    """Tanpa SP2D ganda, pembayaran tiap bulan sama dengan tagihan bulan itu (JKK 10/16,8)."""
    r = data["realisasi"].drop_duplicates("no_sp2d").astype({"nominal": "int64"})
    tagihan = data["iuran"].groupby("periode")["nominal"].sum()
    bayar = r.groupby("periode_tagihan")["nominal"].sum()
    assert (bayar == tagihan.reindex(bayar.index)).all()
    jkk = r[r["kode_rekening"] == sample.REKENING_JKK].set_index("periode_tagihan")["nominal"]
    assert (jkk * 16_800 == tagihan.reindex(jkk.index) * 10_000).all()
    # Pagu 2026 (perubahan) sedikit ketat: proyeksi kebutuhan setahun dalam +/-10%.
    a = data["anggaran"].astype({"tahun": "int64", "pagu": "int64"})
    pagu = a[(a["tahun"] == 2026) & (a["jenis"] == "PERUBAHAN")]["pagu"].sum()
    r26 = r[r["tgl_sp2d"].str.startswith("2026")]
    proyeksi = r26["nominal"].sum() / r26["periode_tagihan"].nunique() * 12
    assert 0.9 <= pagu / proyeksi <= 1.1


def test_semua_temuan_tertanam(data):
    p, iuran, klaim, realisasi = data["peserta"], data["iuran"], data["klaim"], data["realisasi"]
    temuan = {}
    temuan["TOLAK_KAB_BEKASI"] = p["kecamatan"].isin(KAB_BEKASI) & p["kode_kecamatan"].isna()
    temuan["TOLAK_TANPA_TGL_MULAI"] = p["tgl_mulai"].isna()
    temuan["TOLAK_AKHIR_SEBELUM_MULAI"] = pd.to_datetime(p["tgl_akhir"]) < pd.to_datetime(p["tgl_mulai"])
    temuan["TOLAK_KPJ_BERULANG"] = p["no_kpj"].duplicated(keep="first")
    assert not p["no_kpj"].duplicated(keep="last").iloc[-1]  # yang berulang ada di belakang

    sah = _peserta_sah(p)
    temuan["NIK_TIDAK_VALID"] = ~sah["nik"].str.fullmatch(r"\d{16}")
    temuan["NIK_LUAR_KOTA"] = sah["nik"].str.fullmatch(r"(3216|3171)\d{12}")
    aktif = sah[sah["status"] == "AKTIF"]
    temuan["NIK_GANDA_AKTIF"] = aktif.groupby("nik")["no_kpj"].nunique() > 1

    j = iuran.merge(sah[["no_kpj", "nik", "mulai", "akhir"]], on="no_kpj", how="left")
    awal = pd.to_datetime(j["periode"] + "-01")
    temuan["IURAN_TANPA_PESERTA"] = j["nik"].isna()
    temuan["IURAN_LUAR_MASA"] = j["akhir"].notna() & (awal > j["akhir"])
    temuan["IURAN_GANDA"] = j[j["nik"].notna()].groupby(["periode", "nik"])["no_kpj"].transform("nunique") > 1

    k = klaim.merge(sah[["no_kpj", "mulai", "akhir"]], on="no_kpj", how="left", indicator=True)
    kejadian = pd.to_datetime(k["tgl_kejadian"])
    temuan["KLAIM_TANPA_PESERTA"] = k["_merge"] == "left_only"
    temuan["KLAIM_LUAR_MASA"] = (kejadian < k["mulai"]) | (kejadian > k["akhir"])
    temuan["SP2D_GANDA"] = realisasi["no_sp2d"].duplicated()

    jumlah = {nama: int(m.sum()) for nama, m in temuan.items()}
    assert all(v >= 1 for v in jumlah.values()), jumlah
    assert jumlah["SP2D_GANDA"] == 2
    # "Beberapa lusin" paling banyak: temuan tidak boleh mendominasi agregat.
    assert jumlah["NIK_TIDAK_VALID"] < 100 and jumlah["IURAN_TANPA_PESERTA"] < 200


def test_jkm_sesuai_kematian(data):
    sah = _peserta_sah(data["peserta"])
    mati = sah[sah["status"] == "MENINGGAL"].set_index("no_kpj")["akhir"]
    jkm = data["klaim"][data["klaim"]["program"] == "JKM"].set_index("no_kpj")
    assert jkm.index.isin(mati.index).all()
    assert (pd.to_datetime(jkm["tgl_kejadian"]) == mati.reindex(jkm.index)).all()
    per_tahun = pd.to_datetime(jkm["tgl_kejadian"]).dt.year.value_counts()
    assert 80 <= per_tahun[2025] <= 220


def test_contoh_konsisten(paths):
    folder = sample.examples_dir(paths["peserta"].parent)
    peserta = pd.read_excel(folder / "peserta_contoh.xlsx", dtype=str, engine="openpyxl")
    assert {"No. KPJ", "NIK", "Nama", "Tgl Lahir", "Jenis Kelamin", "Kecamatan"} <= set(peserta.columns)
    assert 15 <= len(peserta) <= 30
    assert {"Kec. Pondok Gede", "BEKASI TIMUR", "Medan Satria", "Cikarang Barat"} <= set(peserta["Kecamatan"])

    raw = (folder / "iuran_contoh.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"Rp 16.800" in raw
    iuran = pd.read_csv(folder / "iuran_contoh.csv", sep=";", dtype=str, encoding="utf-8-sig")
    klaim = pd.read_csv(folder / "klaim_contoh.csv", sep=";", dtype=str)
    assert len(iuran) >= 15 and len(klaim) >= 3
    kpj = set(peserta["No. KPJ"])
    assert set(iuran["No. KPJ"]) <= kpj and set(klaim["No. KPJ"]) <= kpj

    realisasi = pd.read_csv(folder / "realisasi_contoh.csv", sep=";", dtype=str)
    assert realisasi["Tgl SP2D"].str.fullmatch(r"\d{2}/\d{2}/\d{4}").all()
    assert realisasi["Nominal"].str.fullmatch(r"\d{1,3}(\.\d{3})*,00").all()
    assert len(pd.read_csv(folder / "anggaran_contoh.csv", sep=";", dtype=str)) >= 4
    assert len(pd.read_csv(folder / "sasaran_contoh.csv", sep=";", dtype=str)) == 24


def test_mode_berskala(tmp_path):
    target = 150_000
    paths = sample.generate_for_iuran_rows(tmp_path / "sampel", target)
    baris = pq.ParquetFile(paths["iuran"]).metadata.num_rows
    assert abs(baris - target) <= 0.10 * target
    assert not sample.examples_dir(tmp_path / "sampel").exists()  # benchmark tak menulis contoh
    kec = pq.read_table(paths["peserta"], columns=["kode_kecamatan"]).column(0).drop_null()
    assert len(set(kec.to_pylist())) == 12
