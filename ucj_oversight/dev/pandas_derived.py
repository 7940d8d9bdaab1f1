"""The derived layer of the pandas reference (dev/pandas_reference.py), in pandas only.

The storage tables (peserta, iuran, klaim, realisasi, anggaran, sasaran, karantina, plus the
wilayah reference) are loaded from a DuckDB file with plain ``SELECT *`` - no SQL computes
anything - and :class:`DerivedLayer` applies the current-version rules of storage/sql/derived/
(once, like the derived layer that is rebuilt once per import): newest import per no_kpj, per
billing month, per no_klaim, per budget document, per (tahun, kecamatan) target; SP2D repeats;
the billing flags (no registration, outside cover, IURAN_GANDA ranking).
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from ucj_oversight.figures import AsOf, Filter

STORED_TABLES = (
    "peserta",
    "iuran",
    "klaim",
    "realisasi",
    "anggaran",
    "sasaran",
    "karantina",
    "impor",
    "wilayah_kecamatan",
)


def round2(x) -> np.ndarray:
    """DuckDB's round(DOUBLE, 2): half away from zero on the scaled value."""
    x = np.asarray(x, dtype="float64")
    return np.sign(x) * np.floor(np.abs(x) * 100.0 + 0.5) / 100.0


def ts(d: dt.date) -> pd.Timestamp:
    return pd.Timestamp(d)


def month_end(s: pd.Series) -> pd.Series:
    return s + pd.offsets.MonthEnd(0)


def month_start(s: pd.Series) -> pd.Series:
    """First day of each date's month (NaT stays NaT)."""
    return s.dt.to_period("M").dt.to_timestamp()


def month_range(first: dt.date, last: dt.date) -> pd.DatetimeIndex:
    return pd.date_range(ts(first), ts(last), freq="MS")


def load(con) -> dict[str, pd.DataFrame]:
    """The storage tables as DataFrames (no computation in SQL)."""
    return {t: con.execute(f"SELECT * FROM {t}").df() for t in STORED_TABLES}


class DerivedLayer:
    """The derived tables (``reg``, ``iuran_bulanan``, ...) over one database's storage tables."""

    def __init__(self, tables: dict[str, pd.DataFrame], lazy: bool = False):
        self._tables = tables
        self.wilayah = tables["wilayah_kecamatan"].sort_values("kode_kecamatan").reset_index(drop=True)
        self.karantina = tables["karantina"]
        # imports that loaded no row at all: in force for BARIS_DITOLAK
        self.impor_kosong = set(tables["impor"].loc[tables["impor"]["baris_dimuat"] == 0, "impor_id"])
        if not lazy:
            for name in (
                "reg",
                "iuran_bulanan",
                "sp2d",
                "anggaran_kini",
                "sasaran_kini",
                "klaim_rinci",
                "tagihan_lunas",
                "reg_tanpa_lindung",
                "impor_dipakai",
            ):
                getattr(self, name)
            self._tables = None  # everything derived: the storage tables are not needed

    @classmethod
    def from_con(cls, con):
        """Load the storage tables of the connection ``con`` and derive."""
        return cls(load(con))

    # ------------------------------------------------------------------ derived layer

    # Each derived table is computed when first used (functools.cached_property): built eagerly
    # (lazy=False, the default) it is the once-per-load derived layer; a lazy one built per
    # request models an app that derives, on every page view, only what that page needs.

    @functools.cached_property
    def reg(self) -> pd.DataFrame:
        # reg: per no_kpj the row of the newest import (tie: first row of that import).
        p = self._tables["peserta"].sort_values(["impor_id", "baris"], ascending=[False, True], kind="stable")
        reg = p.drop_duplicates("no_kpj", keep="first").copy()
        reg["segmen"] = reg["segmen"].fillna("TIDAK_DIKETAHUI")
        return reg.reset_index(drop=True)

    @functools.cached_property
    def iuran_rinci(self) -> pd.DataFrame:
        # iuran_rinci: each billing month from the newest import that contains it.
        iu = self._tables["iuran"]
        newest = iu.groupby("periode")["impor_id"].transform("max")
        iu = iu[iu["impor_id"] == newest]
        r = self.reg[["no_kpj", "nik_hash", "kode_kecamatan", "segmen", "tgl_mulai", "tgl_akhir"]]
        j = iu.merge(r, on="no_kpj", how="left", indicator=True)
        j["ada_peserta"] = j["_merge"] == "both"
        j = j.drop(columns="_merge")
        period_end = month_end(j["periode"])
        j["dalam_masa"] = (
            j["ada_peserta"]
            & (j["tgl_mulai"] <= period_end)
            & (j["tgl_akhir"].isna() | (j["tgl_akhir"] >= j["periode"]))
        )
        # IURAN_GANDA: among one person's in-cover rows of a month, all but the first by
        # tgl_mulai DESC, no_kpj DESC, impor_id, baris.
        in_cover = j[j["dalam_masa"]].sort_values(
            ["tgl_mulai", "no_kpj", "impor_id", "baris"], ascending=[False, False, True, True], kind="stable"
        )
        j["ganda"] = False
        j.loc[in_cover.index[in_cover.duplicated(["periode", "nik_hash"], keep="first")], "ganda"] = True
        return j

    @functools.cached_property
    def iuran_bulanan(self) -> pd.DataFrame:
        j = self.iuran_rinci.copy()
        j["tanpa"] = ~j["ada_peserta"]
        j["luar"] = j["ada_peserta"] & ~j["dalam_masa"]
        for k in ("tanpa", "luar", "ganda"):
            j[f"{k}_nom"] = j["nominal"].where(j[k], 0.0)
        groups = j.groupby(["periode", "kode_kecamatan", "segmen"], dropna=False)
        ib = groups.agg(
            baris=("nominal", "size"),
            nominal=("nominal", "sum"),
            tanpa_peserta_baris=("tanpa", "sum"),
            tanpa_peserta_nominal=("tanpa_nom", "sum"),
            luar_masa_baris=("luar", "sum"),
            luar_masa_nominal=("luar_nom", "sum"),
            ganda_baris=("ganda", "sum"),
            ganda_nominal=("ganda_nom", "sum"),
        ).reset_index()
        return ib

    @functools.cached_property
    def sp2d(self) -> pd.DataFrame:
        # sp2d: rows identical in number, date, amount and line are one SP2D (the first kept);
        # among the rest, a no_sp2d seen before (earlier import or earlier row) is a repeat.
        sp = self._tables["realisasi"].sort_values(["impor_id", "baris"], kind="stable")
        sp = sp[~sp.duplicated(["no_sp2d", "tgl_sp2d", "nominal", "kode_rekening"], keep="first")].copy()
        sp["ganda"] = sp.duplicated("no_sp2d", keep="first")
        sp["bulan_sp2d"] = month_start(sp["tgl_sp2d"])
        return sp

    @functools.cached_property
    def anggaran_kini(self) -> pd.DataFrame:
        a = self._tables["anggaran"]
        m = a.groupby(["tahun", "kode_rekening", "tgl_penetapan"])["impor_id"].transform("max")
        return a[a["impor_id"] == m]

    @functools.cached_property
    def sasaran_kini(self) -> pd.DataFrame:
        s = self._tables["sasaran"]
        m = s.groupby(["tahun", "kode_kecamatan"])["impor_id"].transform("max")
        return s[s["impor_id"] == m]

    @functools.cached_property
    def klaim_rinci(self) -> pd.DataFrame:
        k = self._tables["klaim"].sort_values(["impor_id", "baris"], ascending=[False, True], kind="stable")
        k = k.drop_duplicates("no_klaim", keep="first")
        k = k.merge(
            self.reg[["no_kpj", "kode_kecamatan", "kode_kelurahan", "segmen", "tgl_mulai", "tgl_akhir"]],
            on="no_kpj",
            how="left",
            indicator=True,
        )
        k["ada_peserta"] = k["_merge"] == "both"
        k["luar_masa"] = k["ada_peserta"] & (
            (k["tgl_kejadian"] < k["tgl_mulai"]) | (k["tgl_akhir"].notna() & (k["tgl_kejadian"] > k["tgl_akhir"]))
        )
        return k.drop(columns=["_merge", "tgl_mulai", "tgl_akhir"]).reset_index(drop=True)

    @functools.cached_property
    def tagihan_lunas(self) -> pd.DataFrame:
        # Per billing month: the billed total and the first SP2D date at which the SP2D attributed
        # to the month (periode_tagihan, each SP2D once) reach it (NaT while they do not).
        billed = self.iuran_rinci.groupby("periode")["nominal"].sum().rename("ditagih").reset_index()
        sp = self.sp2d[~self.sp2d["ganda"] & self.sp2d["periode_tagihan"].notna()]
        daily = sp.groupby(["periode_tagihan", "tgl_sp2d"])["nominal"].sum().reset_index()
        daily = daily.sort_values(["periode_tagihan", "tgl_sp2d"])
        daily["dibayar"] = daily.groupby("periode_tagihan")["nominal"].cumsum()
        j = daily.merge(billed, left_on="periode_tagihan", right_on="periode")
        paid = j[j["dibayar"] >= j["ditagih"]].groupby("periode")["tgl_sp2d"].min().rename("tgl_lunas")
        return billed.merge(paid, left_on="periode", right_index=True, how="left")

    @functools.cached_property
    def reg_tanpa_lindung(self) -> pd.DataFrame:
        # Months E whose invoices E-2, E-1 and E all exist and none is paid in full by E's end;
        # the registrations billed (in cover) for E and billed for E-1 and E-2.
        t = self.tagihan_lunas.set_index("periode")["tgl_lunas"]
        months = []
        for e in t.index:
            end = e + pd.offsets.MonthEnd(0)
            three = [e - pd.DateOffset(months=k) for k in (0, 1, 2)]
            if all(b in t.index and (pd.isna(t[b]) or t[b] > end) for b in three):
                months.append(e)
        j = self.iuran_rinci
        cols = ["periode", "no_kpj", "nik_hash", "kode_kecamatan", "segmen"]
        out = j.loc[j["dalam_masa"] & j["periode"].isin(months), cols].drop_duplicates()
        billed = j.loc[j["ada_peserta"], ["periode", "no_kpj"]].drop_duplicates()
        for k in (1, 2):  # billed for E-k: the billing month moved k months on meets E
            earlier = billed.assign(periode=billed["periode"] + pd.DateOffset(months=k))
            out = out.merge(earlier[earlier["periode"].isin(months)], on=["periode", "no_kpj"])
        out = out.rename(columns={"periode": "bulan"})
        return out.reset_index(drop=True)

    @functools.cached_property
    def impor_dipakai(self) -> set:
        # the imports whose rows the current layer uses
        frames = (self.reg, self.iuran_rinci, self.sp2d, self.anggaran_kini, self.sasaran_kini, self.klaim_rinci)
        return set().union(*(set(f["impor_id"]) for f in frames))

    # ------------------------------------------------------------------ helpers

    def _active_people(self, d: pd.Timestamp) -> pd.DataFrame:
        """Person rule: distinct nik_hash with a registration active at d, each in the
        registration with the latest tgl_mulai (tie: largest no_kpj)."""
        r = self.reg
        active = r[(r["tgl_mulai"] <= d) & (r["tgl_akhir"].isna() | (r["tgl_akhir"] >= d))]
        active = active.sort_values(["tgl_mulai", "no_kpj"], ascending=False)
        return active.drop_duplicates("nik_hash", keep="first")

    @staticmethod
    def _filter(df: pd.DataFrame, s: Filter | None, by_kecamatan: bool = True, by_segmen: bool = True) -> pd.DataFrame:
        s = s or Filter()
        if by_kecamatan and s.kecamatan is not None:
            df = df[df["kode_kecamatan"] == s.kecamatan]
        if by_segmen and s.segmen is not None:
            df = df[df["segmen"] == s.segmen]
        return df

    def _paid_klaim(self, asof: AsOf, s: Filter | None, by_kecamatan: bool = True) -> pd.DataFrame:
        k = self.klaim_rinci
        k = k[(k["status"] == "DIBAYAR") & (k["tgl_bayar"] >= ts(asof.year_start)) & (k["tgl_bayar"] <= ts(asof.end))]
        return self._filter(k, s, by_kecamatan=by_kecamatan)

    @staticmethod
    def _percent(numerator, denominator) -> np.ndarray:
        numerator = np.asarray(numerator, dtype="float64")
        denominator = np.asarray(denominator, dtype="float64")
        with np.errstate(divide="ignore", invalid="ignore"):
            result = round2(100.0 * numerator / denominator)
        return np.where(denominator > 0, result, np.nan)
