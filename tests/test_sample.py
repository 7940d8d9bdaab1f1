"""Tests of the simulated data generator (ucj_oversight.dev.sample).

Temuan are detected again from the written files -- not from the generator's internal records --
so that these tests also make sure the files hold what is promised to the ingest package.
"""

from __future__ import annotations

import csv

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ucj_oversight.dev import sample

KINDS = ["peserta", "iuran", "sasaran", "anggaran", "realisasi", "klaim"]
KAB_BEKASI = {"Cikarang Barat", "Tambun Selatan"}
REGIONS = sample.REGIONS_FILE


@pytest.fixture(scope="module")
def two_samples(tmp_path_factory):
    """The standard sample made twice in different folders (for the determinism test)."""
    a = sample.generate(tmp_path_factory.mktemp("a") / "sampel")
    b = sample.generate(tmp_path_factory.mktemp("b") / "sampel")
    return a, b


@pytest.fixture(scope="module")
def paths(two_samples):
    return two_samples[0]


@pytest.fixture(scope="module")
def data(paths):
    read_csv = lambda p, **kw: pd.read_csv(p, dtype=str, keep_default_na=False, **kw)  # noqa: E731
    return {
        "peserta": pq.read_table(paths["peserta"]).to_pandas(),
        "iuran": pq.read_table(paths["iuran"]).to_pandas(),
        "sasaran": read_csv(paths["sasaran"]),
        "anggaran": read_csv(paths["anggaran"]),
        "realisasi": read_csv(paths["realisasi"]),
        "klaim": read_csv(paths["klaim"]),
    }


def _valid_peserta(p: pd.DataFrame) -> pd.DataFrame:
    """The rows the import accepts (without the planted rejected rows)."""
    start = pd.to_datetime(p["tgl_mulai"])
    end = pd.to_datetime(p["tgl_akhir"])
    rejected = p["kecamatan"].isin(KAB_BEKASI) | start.isna() | (end < start) | p["no_kpj"].duplicated(keep="first")
    valid = p[~rejected].copy()
    valid["mulai"], valid["akhir"] = start[~rejected], end[~rejected]
    return valid


def test_file_names_and_kinds(paths):
    assert list(paths) == KINDS
    for kind, p in paths.items():
        assert p.exists()
        assert p.name.startswith(kind) and "simulasi" in p.name
    assert paths["peserta"].suffix == paths["iuran"].suffix == ".parquet"
    examples = sample.examples_dir(paths["peserta"].parent)
    for name in sample.EXAMPLE_FILE_NAMES.values():
        assert (examples / name).exists()


def test_deterministic(two_samples):
    a, b = two_samples
    for kind in KINDS:
        if a[kind].suffix == ".csv":
            assert a[kind].read_bytes() == b[kind].read_bytes(), kind
        else:
            df_a, df_b = (pq.read_table(x[kind]).to_pandas() for x in (a, b))
            pd.testing.assert_frame_equal(df_a, df_b)
    ca, cb = (sample.examples_dir(x["peserta"].parent) for x in (a, b))
    for name in sample.EXAMPLE_FILE_NAMES.values():
        assert (ca / name).read_bytes() == (cb / name).read_bytes(), name


def test_parquet_columns_contract(paths):
    peserta = pq.read_schema(paths["peserta"])
    assert peserta.names == [
        "no_kpj",
        "nik",
        "tgl_lahir",
        "jenis_kelamin",
        "kode_kecamatan",
        "kecamatan",
        "kelurahan",
        "segmen",
        "tgl_mulai",
        "tgl_akhir",
        "status",
    ]
    assert "nama" not in peserta.names  # data minimisation: nama only in the examples
    for column in ("tgl_lahir", "tgl_mulai", "tgl_akhir"):
        assert peserta.field(column).type == pa.date32()
    for column in ("no_kpj", "nik", "kode_kecamatan", "segmen"):
        assert peserta.field(column).type == pa.string()
    iuran = pq.read_schema(paths["iuran"])
    assert iuran.names == ["periode", "no_kpj", "nominal"]
    assert iuran.field("periode").type == pa.string() and iuran.field("nominal").type == pa.int64()
    assert pq.ParquetFile(paths["iuran"]).metadata.row_group(0).column(0).compression == "ZSTD"


def test_csv_columns_contract(data):
    columns = {kind: list(data[kind].columns) for kind in ("sasaran", "anggaran", "realisasi", "klaim")}
    assert columns["sasaran"] == ["tahun", "kode_kecamatan", "kecamatan", "segmen", "jumlah_sasaran"]
    assert columns["anggaran"] == ["tahun", "kode_rekening", "uraian", "jenis", "tgl_penetapan", "pagu"]
    assert columns["realisasi"] == ["no_sp2d", "tgl_sp2d", "kode_rekening", "nominal", "periode_tagihan"]
    assert columns["klaim"] == [
        "no_klaim",
        "no_kpj",
        "program",
        "tgl_kejadian",
        "tgl_pengajuan",
        "tgl_bayar",
        "nominal_dibayar",
        "status",
    ]
    assert data["realisasi"]["tgl_sp2d"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert data["realisasi"]["nominal"].str.fullmatch(r"\d+").all()
    assert set(data["anggaran"]["jenis"]) == {"MURNI", "PERUBAHAN"}
    assert set(data["sasaran"]["tahun"]) == {"2025", "2026"}


def test_all_regions_present(data):
    with open(REGIONS, encoding="utf-8", newline="") as f:
        ref = {(b["kode_kecamatan"], b["nama_kecamatan"], b["nama_kelurahan"]) for b in csv.DictReader(f)}
    valid = _valid_peserta(data["peserta"])
    present = set(zip(valid["kode_kecamatan"], valid["kecamatan"], valid["kelurahan"]))
    assert present == ref
    assert len({r[0] for r in present}) == 12 and len(present) == 56


def test_nik_follows_structure(data):
    valid = _valid_peserta(data["peserta"])
    nik = valid[valid["nik"].str.fullmatch(r"3275\d{12}")]
    assert len(nik) > 0.99 * len(valid)
    assert (nik["nik"].str[4:6] == nik["kode_kecamatan"].str[-2:]).all()
    born = pd.to_datetime(nik["tgl_lahir"])
    day = born.dt.day + 40 * (nik["jenis_kelamin"] == "P")
    expected = day.map("{:02d}".format) + born.dt.strftime("%m%y")
    assert (nik["nik"].str[6:12] == expected).all()


def test_realistic_numbers(data):
    valid = _valid_peserta(data["peserta"])
    assert 52_000 <= len(valid) <= 56_000
    ref_date = pd.Timestamp("2026-10-31")
    active = valid[(valid["mulai"] <= ref_date) & (valid["akhir"].isna() | (valid["akhir"] >= ref_date))]
    assert 48_000 <= len(active) <= 54_000
    assert set(data["iuran"]["nominal"]) == {16_800}
    assert set(valid["status"]) == {"AKTIF", "NONAKTIF", "MENINGGAL"}
    klaim = data["klaim"]
    died = klaim[klaim["program"] == "JKM"]
    assert set(died.loc[died["status"] == "DIBAYAR", "nominal_dibayar"]) == {"42000000"}
    assert (klaim.loc[klaim["status"] != "DIBAYAR", "tgl_bayar"] == "").all()


def test_realisasi_equals_tagihan(data):
    """Without the duplicate SP2D, each month's payments equal that month's tagihan (JKK 10/16.8)."""
    r = data["realisasi"].drop_duplicates("no_sp2d").astype({"nominal": "int64"})
    tagihan = data["iuran"].groupby("periode")["nominal"].sum()
    paid = r.groupby("periode_tagihan")["nominal"].sum()
    assert (paid == tagihan.reindex(paid.index)).all()
    jkk = r[r["kode_rekening"] == sample.REKENING_JKK].set_index("periode_tagihan")["nominal"]
    assert (jkk * 16_800 == tagihan.reindex(jkk.index) * 10_000).all()
    # Pagu 2026 (perubahan) a little tight: the projected need for the year within +/-10%.
    a = data["anggaran"].astype({"tahun": "int64", "pagu": "int64"})
    pagu = a[(a["tahun"] == 2026) & (a["jenis"] == "PERUBAHAN")]["pagu"].sum()
    r26 = r[r["tgl_sp2d"].str.startswith("2026")]
    proyeksi = r26["nominal"].sum() / r26["periode_tagihan"].nunique() * 12
    assert 0.9 <= pagu / proyeksi <= 1.1


def test_all_temuan_planted(data):
    p, iuran, klaim, realisasi = data["peserta"], data["iuran"], data["klaim"], data["realisasi"]
    temuan = {}
    temuan["TOLAK_KAB_BEKASI"] = p["kecamatan"].isin(KAB_BEKASI) & p["kode_kecamatan"].isna()
    temuan["TOLAK_TANPA_TGL_MULAI"] = p["tgl_mulai"].isna()
    temuan["TOLAK_AKHIR_SEBELUM_MULAI"] = pd.to_datetime(p["tgl_akhir"]) < pd.to_datetime(p["tgl_mulai"])
    temuan["TOLAK_KPJ_BERULANG"] = p["no_kpj"].duplicated(keep="first")
    assert not p["no_kpj"].duplicated(keep="last").iloc[-1]  # the repeated ones are at the end

    valid = _valid_peserta(p)
    temuan["NIK_TIDAK_VALID"] = ~valid["nik"].str.fullmatch(r"\d{16}")
    temuan["NIK_LUAR_KOTA"] = valid["nik"].str.fullmatch(r"(3216|3171)\d{12}")
    active = valid[valid["status"] == "AKTIF"]
    temuan["NIK_GANDA_AKTIF"] = active.groupby("nik")["no_kpj"].nunique() > 1

    j = iuran.merge(valid[["no_kpj", "nik", "mulai", "akhir"]], on="no_kpj", how="left")
    month_start = pd.to_datetime(j["periode"] + "-01")
    temuan["IURAN_TANPA_PESERTA"] = j["nik"].isna()
    temuan["IURAN_LUAR_MASA"] = j["akhir"].notna() & (month_start > j["akhir"])
    temuan["IURAN_GANDA"] = j[j["nik"].notna()].groupby(["periode", "nik"])["no_kpj"].transform("nunique") > 1

    k = klaim.merge(valid[["no_kpj", "mulai", "akhir"]], on="no_kpj", how="left", indicator=True)
    incident = pd.to_datetime(k["tgl_kejadian"])
    temuan["KLAIM_TANPA_PESERTA"] = k["_merge"] == "left_only"
    temuan["KLAIM_LUAR_MASA"] = (incident < k["mulai"]) | (incident > k["akhir"])
    temuan["SP2D_GANDA"] = realisasi["no_sp2d"].duplicated()

    counts = {name: int(m.sum()) for name, m in temuan.items()}
    assert all(v >= 1 for v in counts.values()), counts
    assert counts["SP2D_GANDA"] == 2
    # "A few dozen" at most: temuan must not dominate the aggregates.
    assert counts["NIK_TIDAK_VALID"] < 100 and counts["IURAN_TANPA_PESERTA"] < 200


def test_jkm_matches_deaths(data):
    valid = _valid_peserta(data["peserta"])
    died = valid[valid["status"] == "MENINGGAL"].set_index("no_kpj")["akhir"]
    jkm = data["klaim"][data["klaim"]["program"] == "JKM"].set_index("no_kpj")
    assert jkm.index.isin(died.index).all()
    assert (pd.to_datetime(jkm["tgl_kejadian"]) == died.reindex(jkm.index)).all()
    per_year = pd.to_datetime(jkm["tgl_kejadian"]).dt.year.value_counts()
    assert 80 <= per_year[2025] <= 220


def test_examples_consistent(paths):
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


def test_scaled_mode(tmp_path):
    target = 150_000
    paths = sample.generate_for_iuran_rows(tmp_path / "sampel", target)
    rows = pq.ParquetFile(paths["iuran"]).metadata.num_rows
    assert abs(rows - target) <= 0.10 * target
    assert not sample.examples_dir(tmp_path / "sampel").exists()  # the benchmark writes no examples
    kec = pq.read_table(paths["peserta"], columns=["kode_kecamatan"]).column(0).drop_null()
    assert len(set(kec.to_pylist())) == 12
