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
        "tgl_nonaktif",
    ]
    assert "nama" not in peserta.names  # data minimisation: nama only in the examples
    for column in ("tgl_lahir", "tgl_mulai", "tgl_akhir", "tgl_nonaktif"):
        assert peserta.field(column).type == pa.date32()
    for column in ("no_kpj", "nik", "kode_kecamatan", "segmen"):
        assert peserta.field(column).type == pa.string()
    iuran = pq.read_schema(paths["iuran"])
    assert iuran.names == ["periode", "no_kpj", "nominal"]
    assert iuran.field("periode").type == pa.string() and iuran.field("nominal").type == pa.int64()
    assert pq.ParquetFile(paths["iuran"]).metadata.row_group(0).column(0).compression == "ZSTD"


def test_csv_columns_contract(data):
    columns = {kind: list(data[kind].columns) for kind in ("sasaran", "anggaran", "realisasi", "klaim")}
    assert columns["sasaran"] == [
        "tahun",
        "kode_kecamatan",
        "kecamatan",
        "segmen",
        "jumlah_sasaran",
        "jumlah_semesta",
        "sumber_semesta",
    ]
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
        "alasan_tolak",
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
    """Without the repeated SP2D numbers, each month's payments equal that month's tagihan (JKK
    10/16.8); every month but the as-of month (due 15 Oct, paid in November) is paid by 31 Oct."""
    r = data["realisasi"].drop_duplicates("no_sp2d").astype({"nominal": "int64"})
    tagihan = data["iuran"].groupby("periode")["nominal"].sum()
    paid = r.groupby("periode_tagihan")["nominal"].sum()
    assert list(paid.index) == list(tagihan.index[:-1])
    assert (paid == tagihan.reindex(paid.index)).all()
    jkk = r[r["kode_rekening"] == sample.REKENING_JKK].groupby("periode_tagihan")["nominal"].sum()
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
    """JKM claims are deaths; ~0.17 % of participants die in a year and not every death is claimed."""
    valid = _valid_peserta(data["peserta"])
    died = valid[(valid["status"] == "MENINGGAL") & valid["akhir"].notna()].set_index("no_kpj")["akhir"]
    jkm = data["klaim"][data["klaim"]["program"] == "JKM"].set_index("no_kpj")
    assert jkm.index.isin(died.index).all()
    assert (pd.to_datetime(jkm["tgl_kejadian"]) == died.reindex(jkm.index)).all()
    # Person-years = billed person-months / 12 (Jan 2025 - Oct 2026, ~83,000); ~140 deaths.
    person_years = data["iuran"]["no_kpj"].isin(valid["no_kpj"]).sum() / 12
    assert 0.0014 <= len(died) / person_years <= 0.0020
    # Take-up: of the deaths up to July 2026 (all claims filed by 31 Oct), 75-97 % are claimed.
    early = died[died <= pd.Timestamp("2026-07-31")]
    assert 0.75 <= early.index.isin(jkm.index).mean() <= 0.97


def _lunas(realisasi: pd.DataFrame, iuran: pd.DataFrame) -> pd.Series:
    """Per billing month the date it became lunas: the SP2D (first row of each number) whose
    running total attributed to that month reached its tagihan; NaT while not reached."""
    r = realisasi.drop_duplicates("no_sp2d").astype({"nominal": "int64"})
    r = r.assign(tgl=pd.to_datetime(r["tgl_sp2d"])).sort_values("tgl", kind="stable")
    out = {}
    for periode, tagihan in iuran.groupby("periode")["nominal"].sum().items():
        rows = r[r["periode_tagihan"] == periode]
        reached = rows["tgl"][rows["nominal"].cumsum() >= tagihan]
        out[periode] = reached.min() if len(reached) else pd.NaT
    return pd.Series(out)


def _lapse_months(lunas: pd.Series) -> list[str]:
    """Months M whose invoices M-2, M-1 and M were all unpaid at the end of M."""
    months = list(lunas.index)
    out = []
    for i in range(2, len(months)):
        window = lunas.iloc[i - 2 : i + 1]
        if (window.isna() | (window > pd.Timestamp(months[i]) + pd.offsets.MonthEnd(0))).all():
            out.append(months[i])
    return out


def _billed_three_months(iuran: pd.DataFrame, month: str) -> set[str]:
    """KPJ numbers billed in month-2, month-1 and month."""
    wanted = {str(pd.Period(month, "M") - j) for j in range(3)}
    rows = iuran[iuran["periode"].isin(wanted)]
    count = rows.groupby("no_kpj")["periode"].nunique()
    return set(count.index[count == 3])


def test_late_payment_stretch_and_lapse(data):
    """Most months are paid by the 15th of the month covered; 2025-01, 2025-12 (across the year
    end) and 2026-01 a little late; the APBD-P delay pays June 2026 in two parts (July and late
    September) and July-September in October; October is still unpaid at 31 Oct. Hence August
    and September 2026 are lapse months, for almost every registration."""
    lunas = _lunas(data["realisasi"], data["iuran"])
    late = lunas.index[lunas.isna() | (lunas > pd.to_datetime(lunas.index + "-15"))]
    assert list(late) == ["2025-01", "2025-12", "2026-01", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    assert lunas["2025-12"].year == 2026 and pd.isna(lunas["2026-10"])
    days_late = {p: (lunas[p] - pd.Timestamp(p + "-15")).days for p in ("2026-06", "2026-07", "2026-08")}
    assert all(45 <= d <= 125 for d in days_late.values()), days_late  # 2-4 months late
    # The partial payment: June 2026 is paid by two SP2D pairs, the first pays half of the tagihan.
    june = data["realisasi"][data["realisasi"]["periode_tagihan"] == "2026-06"].astype({"nominal": "int64"})
    first_date = june["tgl_sp2d"].min()
    assert june["tgl_sp2d"].nunique() == 2 and first_date.startswith("2026-07")
    tagihan_june = data["iuran"].loc[data["iuran"]["periode"] == "2026-06", "nominal"].sum()
    assert abs(june.loc[june["tgl_sp2d"] == first_date, "nominal"].sum() * 2 - tagihan_june) <= 2
    assert _lapse_months(lunas) == ["2026-08", "2026-09"]
    assert len(_billed_three_months(data["iuran"], "2026-08")) > 45_000


def test_claims_refused_with_a_reason(data):
    """Every claim of a registration not protected in its event month is refused for the arrears
    (JKK and JKM); most claims outside the cover period are refused; a few for other reasons; a
    reason is given exactly for the refused claims."""
    k, iuran = data["klaim"], data["iuran"]
    lapse = _lapse_months(_lunas(data["realisasi"], iuran))
    month = k["tgl_kejadian"].str[:7]
    unprotected = pd.Series(False, index=k.index)
    for m in lapse:
        unprotected |= (month == m) & k["no_kpj"].isin(_billed_three_months(iuran, m))
    tunggakan = k["alasan_tolak"] == "kepesertaan non-aktif: iuran menunggak"
    assert (tunggakan == unprotected).all()
    assert (k.loc[unprotected, "status"] == "DITOLAK").all()
    assert set(k.loc[unprotected, "program"]) == {"JKK", "JKM"}
    assert ((k["status"] == "DITOLAK") == (k["alasan_tolak"] != "")).all()

    valid = _valid_peserta(data["peserta"])
    j = k.merge(valid[["no_kpj", "mulai", "akhir"]], on="no_kpj")
    incident = pd.to_datetime(j["tgl_kejadian"])
    outside = j[(incident < j["mulai"]) | (incident > j["akhir"])]
    refused = outside["alasan_tolak"] == "kejadian di luar masa kepesertaan"
    assert len(outside) == 8 and refused.sum() == 6  # two accepted: KLAIM_LUAR_MASA with Rp
    other = k.loc[(k["status"] == "DITOLAK") & ~tunggakan & (k["program"] != "JHT"), "alasan_tolak"]
    assert other.nunique() >= 3 and (other != "kejadian di luar masa kepesertaan").sum() <= 15


def test_bpjs_status_follows_the_lapse(data):
    """At 31 Oct the arrears are paid: BPJS has reactivated all but a pending batch, NONAKTIF since
    1 Sep 2026 (after August, the first month without protection); exits are non-aktif from the
    day after tgl_akhir (those ending on 31 Oct are still AKTIF); the planted mismatches: 4 AKTIF
    with a past tgl_akhir, 3 NONAKTIF and 2 MENINGGAL without any date."""
    valid = _valid_peserta(data["peserta"])
    nonaktif = pd.to_datetime(valid["tgl_nonaktif"])
    assert nonaktif[valid["status"] != "NONAKTIF"].isna().all()
    open_ended = valid[(valid["status"] == "NONAKTIF") & valid["akhir"].isna()]
    pending = open_ended[open_ended["tgl_nonaktif"].notna()]
    assert set(pd.to_datetime(pending["tgl_nonaktif"])) == {pd.Timestamp("2026-09-01")}
    assert 100 <= len(pending) <= 600
    assert set(pending["no_kpj"]) <= _billed_three_months(data["iuran"], "2026-08")
    assert len(open_ended) - len(pending) == 3
    exits = valid[(valid["status"] == "NONAKTIF") & valid["akhir"].notna()]
    assert (nonaktif[exits.index] == exits["akhir"] + pd.Timedelta(days=1)).all()
    assert (exits["akhir"] < pd.Timestamp("2026-10-31")).all()  # ending on 31 Oct: still AKTIF
    assert len(valid[(valid["status"] == "AKTIF") & (valid["akhir"] < pd.Timestamp("2026-10-31"))]) == 4
    assert len(valid[(valid["status"] == "MENINGGAL") & valid["akhir"].isna()]) == 2


def test_lapse_still_going_at_an_earlier_as_of(tmp_path):
    """At the end of September 2026 July-September are unpaid: the SP2D after 30 Sep are not in
    the files and BPJS reports (almost) every registration NONAKTIF."""
    paths = sample.generate(tmp_path / "sampel", as_of="2026-09", examples=False)
    realisasi = pd.read_csv(paths["realisasi"], dtype=str)
    assert realisasi["tgl_sp2d"].max() <= "2026-09-30"
    assert not realisasi["periode_tagihan"].isin(["2026-07", "2026-08", "2026-09"]).any()
    peserta = pq.read_table(paths["peserta"]).to_pandas()
    lapsed = peserta[(peserta["status"] == "NONAKTIF") & peserta["tgl_akhir"].isna()]
    assert len(lapsed) > 45_000
    assert set(pd.to_datetime(lapsed["tgl_nonaktif"].dropna())) == {
        pd.Timestamp("2026-09-01"),  # billed June-August: not protected since August
        pd.Timestamp("2026-10-01"),  # registered in July: not protected in September only
    }


def test_semesta_and_sp2d_repeats(data):
    """Semesta: 185,000 in all (simulated DTSEN), above the sasaran in every kecamatan; the city's
    cakupan semesta ~27 %. The repeated SP2D numbers differ in amount; no row is an exact copy."""
    s = data["sasaran"].astype({"jumlah_sasaran": "int64", "jumlah_semesta": "int64"})
    assert (s.groupby("tahun")["jumlah_semesta"].sum() == 185_000).all()
    assert set(s["sumber_semesta"]) == {"DTSEN 2025 (simulasi)"}
    assert (s["jumlah_semesta"] > s["jumlah_sasaran"]).all()
    valid = _valid_peserta(data["peserta"])
    active = valid[valid["akhir"].isna() | (valid["akhir"] >= pd.Timestamp("2026-10-31"))]
    assert 0.24 <= len(active) / 185_000 <= 0.30
    r = data["realisasi"]
    repeated = r[r["no_sp2d"].duplicated(keep=False)]
    assert repeated["no_sp2d"].nunique() == 2 and not r.duplicated().any()
    assert (repeated.groupby("no_sp2d")["nominal"].nunique() == 2).all()


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
