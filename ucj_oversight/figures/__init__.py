"""The oversight figures: one function per figure, each running one SQL file from sql/.

Pages, the export and the briefing all call these functions; none of them computes a
definition again. Every user-supplied value (month, kecamatan, segmen) is a bound parameter.
"""
from __future__ import annotations

import calendar
import contextlib
import contextvars
import datetime as dt
import functools
import inspect
import os
import re
from importlib import resources
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import pandas as pd

from ucj_oversight import regions

# JKK 1% of the lowest declared income bracket (Rp 1.000.000) + JKM Rp 6.800 (PP 44/2015 jo. PP 82/2019).
DEFAULT_TARIF = 16_800
TEMUAN_CODES = (
    "NIK_TIDAK_VALID", "NIK_LUAR_KOTA", "NIK_GANDA_AKTIF",
    "IURAN_LUAR_MASA", "IURAN_TANPA_PESERTA", "IURAN_GANDA",
    "KLAIM_TANPA_PESERTA", "KLAIM_LUAR_MASA", "SP2D_GANDA", "BARIS_DITOLAK",
)


def tarif() -> int:
    """The monthly premium per registration; UCJ_TARIF overrides it (e.g. a new regulation)."""
    nilai = os.environ.get("UCJ_TARIF", "").strip()
    return int(nilai) if nilai.isdigit() and int(nilai) > 0 else DEFAULT_TARIF


_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("ucj_figur_memo", default=None)


@contextlib.contextmanager
def once():
    """Inside this block each figure is computed once per (function, connection, arguments).

    A page, the export or the briefing often needs one figure twice (the headline and its
    chart; ringkasan, biaya_per_peserta_bulan and proyeksi_akhir_tahun reuse anggaran_bulanan
    and rekonsiliasi_iuran). The block lasts one request, so nothing outlives an import; every
    caller gets its own copy of a result."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoized(fn):
    """Decorator for figure functions (first argument: the connection or the reference object)."""
    tanda = inspect.signature(fn)

    @functools.wraps(fn)
    def bungkus(sumber, *args, **kwargs):
        memo = _MEMO.get()
        if memo is None:
            return fn(sumber, *args, **kwargs)
        # Same call, same key: f(con, m), f(con, m, None) and f(con, m, Saringan()) are one.
        ikat = tanda.bind(sumber, *args, **kwargs)
        ikat.apply_defaults()
        arg = tuple((k, Filter() if k == "saringan" and v is None else v)
                    for k, v in list(ikat.arguments.items())[1:])
        kunci = (fn.__qualname__, id(sumber), arg)
        if kunci not in memo:
            # The source is kept with the result so that its id cannot be reused by another
            # connection while the block lasts.
            memo[kunci] = (sumber, fn(sumber, *args, **kwargs))
        hasil = memo[kunci][1]
        return hasil.copy() if isinstance(hasil, (pd.DataFrame, dict)) else hasil
    return bungkus


class InputError(ValueError):
    """A filter value that is not valid (bad month, unknown kecamatan). Message is for users."""


@dataclass(frozen=True)
class AsOf:
    """The as-of month M: D is its last day, Y its year."""
    bulan: dt.date

    @classmethod
    def from_text(cls, teks: str) -> "AsOf":
        m = re.fullmatch(r"\s*(\d{4})-(\d{2})\s*", str(teks or ""))
        if not m or not (1 <= int(m.group(2)) <= 12) or not (2000 <= int(m.group(1)) <= 2100):
            raise InputError(f"bulan '{teks}' tidak valid; gunakan format YYYY-MM, mis. 2026-10")
        return cls(dt.date(int(m.group(1)), int(m.group(2)), 1))

    @property
    def akhir(self) -> dt.date:
        return dt.date(self.bulan.year, self.bulan.month,
                       calendar.monthrange(self.bulan.year, self.bulan.month)[1])

    @property
    def tahun(self) -> int:
        return self.bulan.year

    @property
    def awal_tahun(self) -> dt.date:
        return dt.date(self.bulan.year, 1, 1)

    def previous(self) -> "AsOf":
        y, m = (self.bulan.year, self.bulan.month - 1) if self.bulan.month > 1 else (self.bulan.year - 1, 12)
        return AsOf(dt.date(y, m, 1))

    def __str__(self) -> str:
        return self.bulan.strftime("%Y-%m")


@dataclass(frozen=True)
class Filter:
    """Optional filters from the sidebar/URL. kecamatan is a kode (32.75.08)."""
    kecamatan: str | None = None
    segmen: str | None = None

    @classmethod
    def parse(cls, kecamatan: str | None = None, segmen: str | None = None) -> "Filter":
        kode = None
        if kecamatan:
            kode = regions.find_kecamatan(kecamatan)
            if kode is None:
                raise InputError(f"kecamatan '{kecamatan}' tidak dikenal")
        seg = None
        if segmen:
            seg = re.sub(r"[^A-Z0-9]+", "_", str(segmen).upper()).strip("_") or None
        return cls(kode, seg)


def _sql_text(nama: str) -> str:
    return resources.files("ucj_oversight.figures").joinpath(f"sql/{nama}").read_text("utf-8")


@lru_cache(maxsize=None)
def _sql(nama: str) -> str:
    """A figure's SQL, with shared fragments ({{orang_aktif}} = sql/_orang_aktif.sql) inlined so
    that a rule used by several figures is written once."""
    sql = _sql_text(f"{nama}.sql")
    for fragmen in set(re.findall(r"{{(\w+)}}", sql)):
        isi = "\n".join(b for b in _sql_text(f"_{fragmen}.sql").splitlines() if not b.strip().startswith("--"))
        sql = sql.replace("{{" + fragmen + "}}", isi.strip())
    return sql


def _jalankan(con: duckdb.DuckDBPyConnection, nama: str, **param) -> pd.DataFrame:
    sql = _sql(nama)
    dipakai = {k: v for k, v in param.items() if f"${k}" in sql}
    return con.execute(sql, dipakai).df()


def _param(asof: AsOf, saringan: Filter | None = None) -> dict:
    s = saringan or Filter()
    return dict(bulan=asof.bulan, tgl_akhir_bulan=asof.akhir, tahun=asof.tahun,
                awal_tahun=asof.awal_tahun, kecamatan=s.kecamatan, segmen=s.segmen)


def _uang(df: pd.DataFrame, *kolom: str) -> pd.DataFrame:
    for k in kolom:
        df[k] = pd.to_numeric(df[k]).astype("float64")
    return df


def _bulan_teks(df: pd.DataFrame, kolom: str = "bulan") -> pd.DataFrame:
    df[kolom] = pd.to_datetime(df[kolom]).dt.strftime("%Y-%m")
    return df


# ------------------------------------------------------------------ figures

def latest_month(con) -> AsOf | None:
    r = con.execute(_sql("bulan_terakhir")).fetchone()
    return AsOf(r[0]) if r and r[0] else None


@memoized
def cakupan_kecamatan(con, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
    df = _jalankan(con, "cakupan_kecamatan", **_param(asof, saringan))
    df["sasaran"] = df["sasaran"].astype("Int64")
    df["peserta_aktif"] = df["peserta_aktif"].astype("int64")
    df["cakupan_persen"] = df["cakupan_persen"].astype("float64")
    return df


@memoized
def cakupan_kota(con, asof: AsOf, saringan: Filter | None = None) -> dict:
    """City (or filtered) totals of cakupan_kecamatan: the same computation, summed. The
    percentage uses only kecamatan that have a target, so people in a kecamatan without one
    do not inflate it; peserta_aktif counts everyone."""
    return city_totals(cakupan_kecamatan(con, asof, saringan))


def city_totals(df: pd.DataFrame) -> dict:
    """The city totals of a cakupan_kecamatan table (shared with the pandas reference)."""
    aktif = int(df["peserta_aktif"].sum())
    ada = df[df["sasaran"].notna() & (df["sasaran"] > 0)]
    sasaran = int(ada["sasaran"].sum())
    return {"peserta_aktif": aktif, "sasaran": sasaran or None,
            "cakupan_persen": round(100.0 * int(ada["peserta_aktif"].sum()) / sasaran, 2) if sasaran else None}


@memoized
def cakupan_kelurahan(con, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
    df = _jalankan(con, "cakupan_kelurahan", **_param(asof, saringan))
    df["peserta_aktif"] = df["peserta_aktif"].astype("int64")
    return df


@memoized
def cakupan_segmen(con, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
    df = _jalankan(con, "cakupan_segmen", **_param(asof, saringan))
    df["sasaran"] = df["sasaran"].astype("Int64")
    df["peserta_aktif"] = df["peserta_aktif"].astype("int64")
    df["cakupan_persen"] = df["cakupan_persen"].astype("float64")
    return df


@memoized
def tren_peserta(con, asof: AsOf, saringan: Filter | None = None, bulan_ke_belakang: int = 23) -> pd.DataFrame:
    y, m = asof.bulan.year, asof.bulan.month - bulan_ke_belakang
    while m < 1:
        y, m = y - 1, m + 12
    df = _jalankan(con, "tren_peserta", dari_bulan=dt.date(y, m, 1), **_param(asof, saringan))
    for k in ("registrasi_aktif", "baru", "keluar"):
        df[k] = df[k].fillna(0).astype("int64")
    return _bulan_teks(df)


@memoized
def anggaran_bulanan(con, asof: AsOf) -> pd.DataFrame:
    df = _jalankan(con, "anggaran_bulanan", **_param(asof))
    df = _uang(df, "pagu", "realisasi_bulan", "realisasi_kumulatif")
    df["serapan_persen"] = df["serapan_persen"].astype("float64")
    return _bulan_teks(df)


@memoized
def klaim_program(con, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
    df = _jalankan(con, "klaim_program", **_param(asof, saringan))
    df["jumlah_klaim"] = df["jumlah_klaim"].astype("int64")
    return _uang(df, "nominal_dibayar")


@memoized
def rekonsiliasi_iuran(con, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
    df = _jalankan(con, "rekonsiliasi_iuran", tarif=tarif(), **_param(asof, saringan))
    df["registrasi_tertagih"] = df["registrasi_tertagih"].astype("int64")
    df = _uang(df, "iuran_seharusnya", "iuran_ditagih", "selisih", "iuran_dibayar")
    return _bulan_teks(df)


@memoized
def temuan(con, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
    df = _jalankan(con, "temuan", **_param(asof, saringan)).drop(columns="urut")
    df["jumlah"] = df["jumlah"].fillna(0).astype("int64")
    df["nominal"] = pd.to_numeric(df["nominal"]).fillna(0).astype("float64")
    return df


def sumber_impor(con) -> pd.DataFrame:
    return _jalankan(con, "sumber_impor")


@memoized
def ringkasan(con, asof: AsOf, saringan: Filter | None = None) -> dict:
    """Headline figures for one month, each from the figure functions above."""
    cak = cakupan_kota(con, asof, saringan)
    return compose_ringkasan(asof, cak, anggaran_bulanan(con, asof), klaim_program(con, asof, saringan),
                           temuan(con, asof, saringan))


def compose_ringkasan(asof: AsOf, cak: dict, ang: pd.DataFrame, kl: pd.DataFrame, tm: pd.DataFrame) -> dict:
    """The headline dict from the figures it summarises (shared with the pandas reference)."""
    akhir = ang.iloc[-1] if len(ang) else None
    return {
        "as_of": str(asof),
        "peserta_aktif": cak["peserta_aktif"],
        "sasaran": cak["sasaran"],
        "cakupan_persen": cak["cakupan_persen"],
        "pagu": float(akhir["pagu"]) if akhir is not None else 0.0,
        "realisasi_kumulatif": float(akhir["realisasi_kumulatif"]) if akhir is not None else 0.0,
        "serapan_persen": (float(akhir["serapan_persen"])
                           if akhir is not None and pd.notna(akhir["serapan_persen"]) else None),
        "klaim_dibayar_jumlah": int(kl["jumlah_klaim"].sum()),
        "klaim_dibayar_nominal": float(kl["nominal_dibayar"].sum()),
        "rp_berisiko": float(tm["nominal"].sum()),
    }


def segmen_list(con) -> list[str]:
    return [r[0] for r in con.execute(_sql("daftar_segmen")).fetchall() if r[0]]


@memoized
def klaim_bulanan(con, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
    df = _jalankan(con, "klaim_bulanan", **_param(asof, saringan))
    df["jumlah_klaim"] = df["jumlah_klaim"].astype("int64")
    return _bulan_teks(_uang(df, "nominal_dibayar"))


@memoized
def klaim_kecamatan(con, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
    df = _jalankan(con, "klaim_kecamatan", **_param(asof, saringan))
    for k in ("jkk_jumlah", "jkm_jumlah", "jumlah_klaim"):
        df[k] = df[k].astype("int64")
    return _uang(df, "jkk_nominal", "jkm_nominal", "nominal_dibayar")


@memoized
def klaim_layanan(con, asof: AsOf, saringan: Filter | None = None) -> dict:
    """Claims applied in Y up to D: counts by outcome, days to payment, rejection rate
    (DITOLAK / decided), and benefit per rupiah of premiums paid (claims paid / realisasi)."""
    r = {k: (None if pd.isna(v) else int(v))
         for k, v in _jalankan(con, "klaim_layanan", **_param(asof, saringan)).iloc[0].items()}
    diputus = (r["dibayar"] or 0) + (r["ditolak"] or 0)
    hasil = {
        "diajukan": r["diajukan"] or 0, "dibayar": r["dibayar"] or 0, "ditolak": r["ditolak"] or 0,
        "proses": r["proses"] or 0, "median_hari": r["median_hari"], "terlama_hari": r["terlama_hari"],
        "lebih_30_hari": r["lebih_30_hari"] or 0,
        "tingkat_penolakan_persen": round(100.0 * (r["ditolak"] or 0) / diputus, 2) if diputus else None,
    }
    # Premiums are paid city-wide (SP2D has no kecamatan): the ratio is only meaningful unfiltered.
    s = saringan or Filter()
    if s.kecamatan is None and s.segmen is None:
        ang = anggaran_bulanan(con, asof)
        premi = float(ang["realisasi_kumulatif"].iloc[-1]) if len(ang) else 0.0
        klaim = float(klaim_program(con, asof)["nominal_dibayar"].sum())
        hasil["manfaat_per_rupiah"] = round(klaim / premi, 4) if premi else None
    else:
        hasil["manfaat_per_rupiah"] = None
    return hasil


@memoized
def biaya_per_peserta_bulan(con, asof: AsOf) -> dict:
    """Realisasi since 1 January divided by the registration-months covered in the same months
    (sum of registrasi_tertagih): what one covered person-month actually cost, vs the tariff."""
    ang = anggaran_bulanan(con, asof)
    rek = rekonsiliasi_iuran(con, asof)
    bulan_orang = int(rek["registrasi_tertagih"].sum())
    realisasi = float(ang["realisasi_kumulatif"].iloc[-1]) if len(ang) else 0.0
    return {"realisasi_kumulatif": realisasi, "registrasi_bulan": bulan_orang,
            "biaya_per_peserta_bulan": round(realisasi / bulan_orang, 2) if bulan_orang else None,
            "tarif": tarif()}


@memoized
def proyeksi_akhir_tahun(con, asof: AsOf, bulan_acuan: int = 3) -> dict:
    """Year-end projection of realisasi against the pagu in force.

    Run-rate: the average SP2D of the last `bulan_acuan` months. Enrolment trend: the average
    monthly change in registrasi_tertagih over the same months, times the tariff, added for each
    month ahead. proyeksi = realisasi_kumulatif + sum over the remaining months k = 1..R of
    (run-rate + k x trend). selisih = pagu - proyeksi (negative: the pagu falls short).
    """
    return compute_proyeksi(asof, anggaran_bulanan(con, asof), rekonsiliasi_iuran(con, asof), bulan_acuan)


def compute_proyeksi(asof: AsOf, ang: pd.DataFrame, rek: pd.DataFrame, bulan_acuan: int = 3) -> dict:
    """The projection arithmetic over the two figures it uses (shared with the pandas reference)."""
    sisa = 12 - asof.bulan.month
    if ang.empty:
        return {"pagu": 0.0, "realisasi_kumulatif": 0.0, "proyeksi": 0.0, "selisih": 0.0,
                "sisa_bulan": sisa, "laju_bulanan": 0.0, "tren_registrasi_per_bulan": 0.0, "cukup": None}
    acuan = ang.tail(bulan_acuan)
    laju = float(acuan["realisasi_bulan"].mean())
    reg = rek["registrasi_tertagih"].tail(bulan_acuan + 1).to_numpy()
    tren = float((reg[-1] - reg[0]) / (len(reg) - 1)) if len(reg) > 1 else 0.0
    kumulatif = float(ang["realisasi_kumulatif"].iloc[-1])
    proyeksi = kumulatif + sum(laju + k * tren * tarif() for k in range(1, sisa + 1))
    pagu = float(ang["pagu"].iloc[-1])
    return {"pagu": pagu, "realisasi_kumulatif": kumulatif, "proyeksi": round(proyeksi, 2),
            "selisih": round(pagu - proyeksi, 2), "sisa_bulan": sisa, "laju_bulanan": round(laju, 2),
            "tren_registrasi_per_bulan": round(tren, 2), "cukup": pagu >= proyeksi if pagu else None}


def temuan_rincian(con, asof: AsOf, kode: str, saringan: Filter | None = None) -> pd.DataFrame:
    """The rows behind one finding (at most 5.000), with identifiers masked."""
    from ucj_oversight.privacy import mask_identifier
    if kode not in TEMUAN_CODES:
        raise InputError(f"kode temuan '{kode}' tidak dikenal")
    if kode == "BARIS_DITOLAK":
        return karantina_impor(con)
    df = _jalankan(con, "temuan_rincian", kode=kode, **_param(asof, saringan))
    if kode != "SP2D_GANDA":   # SP2D numbers are public documents; KPJ and claim numbers are not
        df["rujukan"] = [mask_identifier(v) for v in df["rujukan"]]
    df["tanggal"] = pd.to_datetime(df["tanggal"]).dt.strftime("%Y-%m-%d")
    return _uang(df, "nominal")


def karantina_impor(con) -> pd.DataFrame:
    return _jalankan(con, "karantina_impor")


def is_simulated(con) -> bool:
    """True when any import the figures use is simulated (sample or example files)."""
    s = sumber_impor(con)
    return bool(len(s) and s[s["dipakai"]]["simulasi"].any())
