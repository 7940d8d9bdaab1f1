"""A straightforward pandas implementation of the figure definitions: the reference ("acuan")
that the benchmark (and tests/test_bench.py) compares the DuckDB figure functions with.

It loads the storage tables (peserta, iuran, klaim, realisasi, anggaran, sasaran, karantina,
plus the wilayah reference) from a DuckDB file into DataFrames with plain ``SELECT *`` - no SQL
computes anything - then applies, with pandas only:

* the current-version rules of sql/turunan.sql (:meth:`Acuan.__init__`, done once, like the
  derived layer that is rebuilt once per import): newest import per no_kpj, per billing month,
  per no_klaim, per budget document, per (tahun, kecamatan) target; SP2D repeats; the billing
  flags (no registration, outside cover, IURAN_GANDA ranking);
* one method per figure, with the same name, parameters and output (columns, dtypes, order,
  zero rows, rounding to 2 decimals half away from zero) as :mod:`ucj_oversight.figures`.

This module is a test oracle and a benchmark baseline; pages never use it.
"""
from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from ucj_oversight import figures
from ucj_oversight.figures import AsOf, Filter, memoized, tarif

STORED_TABLES = ("peserta", "iuran", "klaim", "realisasi", "anggaran", "sasaran", "karantina",
                "wilayah_kecamatan")


def round2(x) -> np.ndarray:
    """DuckDB's round(DOUBLE, 2): half away from zero on the scaled value."""
    x = np.asarray(x, dtype="float64")
    return np.sign(x) * np.floor(np.abs(x) * 100.0 + 0.5) / 100.0


def _ts(d: dt.date) -> pd.Timestamp:
    return pd.Timestamp(d)


def _akhir_bulan(s: pd.Series) -> pd.Series:
    return s + pd.offsets.MonthEnd(0)


def _bulan_dari(s: pd.Series) -> pd.Series:
    """First day of each date's month (NaT stays NaT)."""
    return s.dt.to_period("M").dt.to_timestamp()


def _daftar_bulan(dari: dt.date, sampai: dt.date) -> pd.DatetimeIndex:
    return pd.date_range(_ts(dari), _ts(sampai), freq="MS")


def load(con) -> dict[str, pd.DataFrame]:
    """The storage tables as DataFrames (no computation in SQL)."""
    return {t: con.execute(f"SELECT * FROM {t}").df() for t in STORED_TABLES}


class Reference:
    """Pandas figures over one database's storage tables."""

    def __init__(self, tabel: dict[str, pd.DataFrame], lambat: bool = False):
        self._t = tabel
        self.wilayah = tabel["wilayah_kecamatan"].sort_values("kode_kecamatan").reset_index(drop=True)
        self.karantina = tabel["karantina"]
        if not lambat:
            for nama in ("reg", "iuran_bulanan", "sp2d", "anggaran_kini", "sasaran_kini", "klaim_rinci"):
                getattr(self, nama)
            self._t = None          # everything derived: the storage tables are not needed

    @classmethod
    def dari_con(cls, con) -> "Reference":
        return cls(load(con))

    # ------------------------------------------------------------------ derived layer

    # Each derived table is computed when first used (functools.cached_property): built eagerly
    # (lambat=False, the default) it is the once-per-load derived layer; a lazy Acuan built per
    # request models an app that derives, on every page view, only what that page needs.

    @functools.cached_property
    def reg(self) -> pd.DataFrame:
        # reg: per no_kpj the row of the newest import (tie: first row of that import).
        p = self._t["peserta"].sort_values(["impor_id", "baris"], ascending=[False, True], kind="stable")
        reg = p.drop_duplicates("no_kpj", keep="first").copy()
        reg["segmen"] = reg["segmen"].fillna("TIDAK_DIKETAHUI")
        return reg.reset_index(drop=True)

    @functools.cached_property
    def iuran_bulanan(self) -> pd.DataFrame:
        # iuran_rinci: each billing month from the newest import that contains it.
        iu = self._t["iuran"]
        terbaru = iu.groupby("periode")["impor_id"].transform("max")
        iu = iu[iu["impor_id"] == terbaru]
        r = self.reg[["no_kpj", "nik_hash", "kode_kecamatan", "segmen", "tgl_mulai", "tgl_akhir"]]
        j = iu.merge(r, on="no_kpj", how="left", indicator=True)
        j["ada_peserta"] = j["_merge"] == "both"
        j = j.drop(columns="_merge")
        akhir = _akhir_bulan(j["periode"])
        j["dalam_masa"] = (j["ada_peserta"] & (j["tgl_mulai"] <= akhir)
                           & (j["tgl_akhir"].isna() | (j["tgl_akhir"] >= j["periode"])))
        # IURAN_GANDA: among one person's in-cover rows of a month, all but the first by
        # tgl_mulai DESC, no_kpj DESC, impor_id, baris.
        dm = j[j["dalam_masa"]].sort_values(
            ["tgl_mulai", "no_kpj", "impor_id", "baris"], ascending=[False, False, True, True], kind="stable")
        j["ganda"] = False
        j.loc[dm.index[dm.duplicated(["periode", "nik_hash"], keep="first")], "ganda"] = True
        j["tanpa"] = ~j["ada_peserta"]
        j["luar"] = j["ada_peserta"] & ~j["dalam_masa"]
        for k in ("tanpa", "luar", "ganda"):
            j[f"{k}_nom"] = j["nominal"].where(j[k], 0.0)
        g = j.groupby(["periode", "kode_kecamatan", "segmen"], dropna=False)
        ib = g.agg(baris=("nominal", "size"), nominal=("nominal", "sum"),
                   tanpa_peserta_baris=("tanpa", "sum"), tanpa_peserta_nominal=("tanpa_nom", "sum"),
                   luar_masa_baris=("luar", "sum"), luar_masa_nominal=("luar_nom", "sum"),
                   ganda_baris=("ganda", "sum"), ganda_nominal=("ganda_nom", "sum")).reset_index()
        return ib

    @functools.cached_property
    def sp2d(self) -> pd.DataFrame:
        # sp2d: a no_sp2d seen before (earlier import or earlier row) is a repeat.
        sp = self._t["realisasi"].sort_values(["impor_id", "baris"], kind="stable").copy()
        sp["ganda"] = sp.duplicated("no_sp2d", keep="first")
        sp["bulan_sp2d"] = _bulan_dari(sp["tgl_sp2d"])
        return sp

    @functools.cached_property
    def anggaran_kini(self) -> pd.DataFrame:
        a = self._t["anggaran"]
        m = a.groupby(["tahun", "kode_rekening", "tgl_penetapan"])["impor_id"].transform("max")
        return a[a["impor_id"] == m]

    @functools.cached_property
    def sasaran_kini(self) -> pd.DataFrame:
        s = self._t["sasaran"]
        m = s.groupby(["tahun", "kode_kecamatan"])["impor_id"].transform("max")
        return s[s["impor_id"] == m]

    @functools.cached_property
    def klaim_rinci(self) -> pd.DataFrame:
        k = self._t["klaim"].sort_values(["impor_id", "baris"], ascending=[False, True], kind="stable")
        k = k.drop_duplicates("no_klaim", keep="first")
        k = k.merge(self.reg[["no_kpj", "kode_kecamatan", "kode_kelurahan", "segmen", "tgl_mulai", "tgl_akhir"]],
                    on="no_kpj", how="left", indicator=True)
        k["ada_peserta"] = k["_merge"] == "both"
        k["luar_masa"] = k["ada_peserta"] & ((k["tgl_kejadian"] < k["tgl_mulai"])
                                             | (k["tgl_akhir"].notna() & (k["tgl_kejadian"] > k["tgl_akhir"])))
        return k.drop(columns=["_merge", "tgl_mulai", "tgl_akhir"]).reset_index(drop=True)

    # ------------------------------------------------------------------ helpers

    def _orang_aktif(self, d: pd.Timestamp) -> pd.DataFrame:
        """Person rule: distinct nik_hash with a registration active at d, each in the
        registration with the latest tgl_mulai (tie: largest no_kpj)."""
        r = self.reg
        aktif = r[(r["tgl_mulai"] <= d) & (r["tgl_akhir"].isna() | (r["tgl_akhir"] >= d))]
        aktif = aktif.sort_values(["tgl_mulai", "no_kpj"], ascending=False)
        return aktif.drop_duplicates("nik_hash", keep="first")

    @staticmethod
    def _saring(df: pd.DataFrame, s: Filter | None, kec: bool = True, seg: bool = True) -> pd.DataFrame:
        s = s or Filter()
        if kec and s.kecamatan is not None:
            df = df[df["kode_kecamatan"] == s.kecamatan]
        if seg and s.segmen is not None:
            df = df[df["segmen"] == s.segmen]
        return df

    def _klaim_dibayar(self, asof: AsOf, s: Filter | None, kec: bool = True) -> pd.DataFrame:
        k = self.klaim_rinci
        k = k[(k["status"] == "DIBAYAR") & (k["tgl_bayar"] >= _ts(asof.awal_tahun))
              & (k["tgl_bayar"] <= _ts(asof.akhir))]
        return self._saring(k, s, kec=kec)

    @staticmethod
    def _persen(pembilang, penyebut) -> np.ndarray:
        pembilang = np.asarray(pembilang, dtype="float64")
        penyebut = np.asarray(penyebut, dtype="float64")
        with np.errstate(divide="ignore", invalid="ignore"):
            hasil = round2(100.0 * pembilang / penyebut)
        return np.where(penyebut > 0, hasil, np.nan)

    # ------------------------------------------------------------------ figures

    @memoized
    def cakupan_kecamatan(self, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
        s = saringan or Filter()
        orang = self._orang_aktif(_ts(asof.akhir))
        if s.segmen is not None:
            orang = orang[orang["segmen"] == s.segmen]
        n = orang.groupby("kode_kecamatan").size().rename("peserta_aktif")
        sb = self.sasaran_kini[self.sasaran_kini["tahun"] == asof.tahun].copy()
        sb["ada_total"] = sb["segmen"].isna().groupby(sb["kode_kecamatan"]).transform("any")
        if s.segmen is not None:
            sb = sb[sb["segmen"] == s.segmen]
        else:
            sb = sb[~sb["ada_total"] | sb["segmen"].isna()]
        sas = sb.groupby("kode_kecamatan")["jumlah_sasaran"].sum().rename("sasaran")
        w = self.wilayah[["kode_kecamatan", "nama_kecamatan"]]
        if s.kecamatan is not None:
            w = w[w["kode_kecamatan"] == s.kecamatan]
        df = w.merge(sas, left_on="kode_kecamatan", right_index=True, how="left") \
              .merge(n, left_on="kode_kecamatan", right_index=True, how="left").reset_index(drop=True)
        df["sasaran"] = df["sasaran"].astype("Int64")
        df["peserta_aktif"] = df["peserta_aktif"].fillna(0).astype("int64")
        df["cakupan_persen"] = self._persen(df["peserta_aktif"], df["sasaran"].astype("float64"))
        return df[["kode_kecamatan", "nama_kecamatan", "sasaran", "peserta_aktif", "cakupan_persen"]]

    @memoized
    def cakupan_kota(self, asof: AsOf, saringan: Filter | None = None) -> dict:
        return figures.city_totals(self.cakupan_kecamatan(asof, saringan))

    @memoized
    def cakupan_segmen(self, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
        s = saringan or Filter()
        orang = self._orang_aktif(_ts(asof.akhir))
        if s.kecamatan is not None:
            orang = orang[orang["kode_kecamatan"] == s.kecamatan]
        n = orang.groupby("segmen").size().rename("peserta_aktif").reset_index()
        sk = self.sasaran_kini
        sk = sk[(sk["tahun"] == asof.tahun) & sk["segmen"].notna()]
        if s.kecamatan is not None:
            sk = sk[sk["kode_kecamatan"] == s.kecamatan]
        sas = sk.groupby("segmen")["jumlah_sasaran"].sum().rename("sasaran").reset_index()
        df = n.merge(sas, on="segmen", how="outer")
        df["sasaran"] = df["sasaran"].astype("Int64")
        df["peserta_aktif"] = df["peserta_aktif"].fillna(0).astype("int64")
        df["cakupan_persen"] = self._persen(df["peserta_aktif"], df["sasaran"].astype("float64"))
        df = df.sort_values(["peserta_aktif", "segmen"], ascending=[False, True], kind="stable")
        return df[["segmen", "sasaran", "peserta_aktif", "cakupan_persen"]].reset_index(drop=True)

    @memoized
    def tren_peserta(self, asof: AsOf, saringan: Filter | None = None, bulan_ke_belakang: int = 23) -> pd.DataFrame:
        y, m = asof.bulan.year, asof.bulan.month - bulan_ke_belakang
        while m < 1:
            y, m = y - 1, m + 12
        r = self._saring(self.reg, saringan)
        mulai, akhir = r["tgl_mulai"].to_numpy(), r["tgl_akhir"]
        akhir_isi = akhir.notna().to_numpy()
        akhir = akhir.to_numpy()
        baris = []
        for b in _daftar_bulan(dt.date(y, m, 1), asof.bulan):
            e = (b + pd.offsets.MonthEnd(0)).to_datetime64()
            b64 = b.to_datetime64()
            masuk = mulai <= e
            aktif = masuk & (~akhir_isi | (akhir >= e))
            baru = (mulai >= b64) & masuk
            keluar = masuk & akhir_isi & (akhir >= b64) & (akhir <= e)
            baris.append((b.strftime("%Y-%m"), int(aktif.sum()), int(baru.sum()), int(keluar.sum())))
        df = pd.DataFrame(baris, columns=["bulan", "registrasi_aktif", "baru", "keluar"])
        for k in ("registrasi_aktif", "baru", "keluar"):
            df[k] = df[k].astype("int64")
        return df

    @memoized
    def anggaran_bulanan(self, asof: AsOf) -> pd.DataFrame:
        a = self.anggaran_kini[self.anggaran_kini["tahun"] == asof.tahun]
        bulan = _daftar_bulan(asof.awal_tahun, asof.bulan)
        pagu = []
        for b in bulan:
            e = b + pd.offsets.MonthEnd(0)
            x = a[a["tgl_penetapan"] <= e]
            if x.empty:
                pagu.append(0.0)
                continue
            terakhir = x.groupby("kode_rekening")["tgl_penetapan"].transform("max")
            pagu.append(float(x.loc[x["tgl_penetapan"] == terakhir, "pagu"].sum()))
        sp = self.sp2d
        sp = sp[~sp["ganda"] & (sp["bulan_sp2d"] >= _ts(asof.awal_tahun)) & (sp["bulan_sp2d"] <= _ts(asof.bulan))]
        bayar = sp.groupby("bulan_sp2d")["nominal"].sum()
        df = pd.DataFrame({"bulan": bulan, "pagu": pagu})
        df["realisasi_bulan"] = df["bulan"].map(bayar).fillna(0.0).astype("float64")
        df["realisasi_kumulatif"] = df["realisasi_bulan"].cumsum()
        df["serapan_persen"] = self._persen(df["realisasi_kumulatif"], df["pagu"])
        df["pagu"] = df["pagu"].astype("float64")
        df["bulan"] = df["bulan"].dt.strftime("%Y-%m")
        return df

    @memoized
    def klaim_program(self, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
        lain = sorted(set(self.klaim_rinci["program"].dropna().unique()) - {"JKK", "JKM"})
        d = self._klaim_dibayar(asof, saringan)
        g = d.groupby("program")["nominal_dibayar"].agg(["size", "sum"])
        prog = ["JKK", "JKM"] + lain
        df = pd.DataFrame({"program": prog})
        df["jumlah_klaim"] = df["program"].map(g["size"]).fillna(0).astype("int64")
        df["nominal_dibayar"] = df["program"].map(g["sum"]).fillna(0.0).astype("float64")
        return df

    @memoized
    def rekonsiliasi_iuran(self, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
        s = saringan or Filter()
        r = self._saring(self.reg, s)
        bulan = _daftar_bulan(asof.awal_tahun, asof.bulan)
        tertagih = []
        for b in bulan:
            e = b + pd.offsets.MonthEnd(0)
            tertagih.append(int(((r["tgl_mulai"] <= e) & (r["tgl_akhir"].isna() | (r["tgl_akhir"] >= b))).sum()))
        ib = self._saring(self.iuran_bulanan, s)
        ib = ib[(ib["periode"] >= _ts(asof.awal_tahun)) & (ib["periode"] <= _ts(asof.bulan))]
        ditagih = ib.groupby("periode")["nominal"].sum()
        sp = self.sp2d
        sp = sp[~sp["ganda"] & (sp["periode_tagihan"] >= _ts(asof.awal_tahun))
                & (sp["periode_tagihan"] <= _ts(asof.bulan))]
        dibayar = sp.groupby("periode_tagihan")["nominal"].sum()
        t = tarif()
        df = pd.DataFrame({"bulan": bulan, "registrasi_tertagih": np.array(tertagih, dtype="int64")})
        df["iuran_seharusnya"] = (df["registrasi_tertagih"] * t).astype("float64")
        df["iuran_ditagih"] = df["bulan"].map(ditagih).fillna(0.0).astype("float64")
        df["selisih"] = df["iuran_ditagih"] - df["iuran_seharusnya"]
        if s.kecamatan is None and s.segmen is None:
            df["iuran_dibayar"] = df["bulan"].map(dibayar).fillna(0.0).astype("float64")
        else:
            df["iuran_dibayar"] = np.nan
        df["bulan"] = df["bulan"].dt.strftime("%Y-%m")
        return df

    @memoized
    def temuan(self, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
        s = saringan or Filter()
        d, awal, bulan = _ts(asof.akhir), _ts(asof.awal_tahun), _ts(asof.bulan)
        r = self.reg
        if s.kecamatan is not None:
            r = r[r["nik_hash"].isin(r.loc[r["kode_kecamatan"] == s.kecamatan, "nik_hash"])]
        x = pd.DataFrame({
            "nik_hash": r["nik_hash"],
            "tidak_valid": ~r["nik_16digit"],
            "luar_kota": r["nik_16digit"] & r["nik_prefiks"].notna() & (r["nik_prefiks"] != "3275"),
            "aktif": (r["tgl_mulai"] <= d) & (r["tgl_akhir"].isna() | (r["tgl_akhir"] >= d)),
        })
        nik = x.groupby("nik_hash").agg(tidak_valid=("tidak_valid", "max"), luar_kota=("luar_kota", "max"),
                                        aktif=("aktif", "sum"))
        ib = self.iuran_bulanan
        ib = ib[(ib["periode"] >= awal) & (ib["periode"] <= bulan)]
        if s.kecamatan is not None:
            ib = ib[ib["kode_kecamatan"] == s.kecamatan]
        k = self.klaim_rinci
        k = k[(k["tgl_pengajuan"] >= awal) & (k["tgl_pengajuan"] <= d)]
        if s.kecamatan is not None:
            k = k[k["kode_kecamatan"] == s.kecamatan]
        sudah_bayar = (k["status"] == "DIBAYAR") & (k["tgl_bayar"] <= d)
        tanpa = ~k["ada_peserta"]
        sp = self.sp2d[self.sp2d["ganda"]]
        baris = [
            ("NIK_TIDAK_VALID", int(nik["tidak_valid"].sum()), 0.0),
            ("NIK_LUAR_KOTA", int(nik["luar_kota"].sum()), 0.0),
            ("NIK_GANDA_AKTIF", int((nik["aktif"] > 1).sum()), 0.0),
            ("IURAN_LUAR_MASA", int(ib["luar_masa_baris"].sum()), float(ib["luar_masa_nominal"].sum())),
            ("IURAN_TANPA_PESERTA", int(ib["tanpa_peserta_baris"].sum()), float(ib["tanpa_peserta_nominal"].sum())),
            ("IURAN_GANDA", int(ib["ganda_baris"].sum()), float(ib["ganda_nominal"].sum())),
            ("KLAIM_TANPA_PESERTA", int(tanpa.sum()), float(k.loc[tanpa & sudah_bayar, "nominal_dibayar"].sum())),
            ("KLAIM_LUAR_MASA", int(k["luar_masa"].sum()),
             float(k.loc[k["luar_masa"] & sudah_bayar, "nominal_dibayar"].sum())),
            ("SP2D_GANDA", len(sp), float(sp["nominal"].sum())),
            ("BARIS_DITOLAK", len(self.karantina[["impor_id", "baris"]].drop_duplicates()), 0.0),
        ]
        df = pd.DataFrame(baris, columns=["kode_temuan", "jumlah", "nominal"])
        df["jumlah"] = df["jumlah"].astype("int64")
        df["nominal"] = df["nominal"].astype("float64")
        return df

    @memoized
    def ringkasan(self, asof: AsOf, saringan: Filter | None = None) -> dict:
        return figures.compose_ringkasan(asof, self.cakupan_kota(asof, saringan), self.anggaran_bulanan(asof),
                                       self.klaim_program(asof, saringan), self.temuan(asof, saringan))

    @memoized
    def klaim_bulanan(self, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
        k = self.klaim_rinci
        k = k[(k["status"] == "DIBAYAR") & k["tgl_bayar"].notna()].copy()
        k["bulan"] = _bulan_dari(k["tgl_bayar"])
        k = k[(k["bulan"] >= _ts(asof.awal_tahun)) & (k["bulan"] <= _ts(asof.bulan))]
        k = self._saring(k, saringan)
        df = k.groupby(["bulan", "program"]).agg(jumlah_klaim=("nominal_dibayar", "size"),
                                                 nominal_dibayar=("nominal_dibayar", "sum")).reset_index()
        df["jumlah_klaim"] = df["jumlah_klaim"].astype("int64")
        df["nominal_dibayar"] = df["nominal_dibayar"].astype("float64")
        df["bulan"] = df["bulan"].dt.strftime("%Y-%m")
        return df

    @memoized
    def klaim_kecamatan(self, asof: AsOf, saringan: Filter | None = None) -> pd.DataFrame:
        s = saringan or Filter()
        d = self._klaim_dibayar(asof, s, kec=False)
        kode = d["kode_kecamatan"].astype(object).where(d["kode_kecamatan"].notna(), "\0null")
        g = d.groupby([kode, d["program"]])["nominal_dibayar"].agg(["size", "sum"])

        def ambil(kd, prog, kol, cast):
            v = g[kol].get((kd, prog), 0)
            return cast(v)

        def baris(kd, nama, kunci):
            progs = g.loc[kunci].index.unique() if kunci in g.index.get_level_values(0) else []
            return (kd, nama,
                    ambil(kunci, "JKK", "size", int), ambil(kunci, "JKK", "sum", float),
                    ambil(kunci, "JKM", "size", int), ambil(kunci, "JKM", "sum", float),
                    int(sum(g["size"][(kunci, p)] for p in progs)),
                    float(sum(g["sum"][(kunci, p)] for p in progs)))

        w = self.wilayah
        if s.kecamatan is not None:
            w = w[w["kode_kecamatan"] == s.kecamatan]
        rows = [baris(kd, nm, kd) for kd, nm in zip(w["kode_kecamatan"], w["nama_kecamatan"])]
        if s.kecamatan is None and "\0null" in g.index.get_level_values(0):
            rows.append(baris(None, "(KPJ tidak dikenal)", "\0null"))
        df = pd.DataFrame(rows, columns=["kode_kecamatan", "nama_kecamatan", "jkk_jumlah", "jkk_nominal",
                                         "jkm_jumlah", "jkm_nominal", "jumlah_klaim", "nominal_dibayar"])
        for k in ("jkk_jumlah", "jkm_jumlah", "jumlah_klaim"):
            df[k] = df[k].astype("int64")
        for k in ("jkk_nominal", "jkm_nominal", "nominal_dibayar"):
            df[k] = df[k].astype("float64")
        return df

    @memoized
    def klaim_layanan(self, asof: AsOf, saringan: Filter | None = None) -> dict:
        d = _ts(asof.akhir)
        k = self.klaim_rinci
        k = self._saring(k[(k["tgl_pengajuan"] >= _ts(asof.awal_tahun)) & (k["tgl_pengajuan"] <= d)], saringan)
        dibayar = (k["status"] == "DIBAYAR") & (k["tgl_bayar"] <= d)
        hari = (k.loc[dibayar, "tgl_bayar"] - k.loc[dibayar, "tgl_pengajuan"]).dt.days.sort_values().to_numpy()
        n_bayar = len(hari)
        r = {
            "diajukan": len(k), "dibayar": n_bayar, "ditolak": int((k["status"] == "DITOLAK").sum()),
            "proses": int(((k["status"] == "PROSES") | ((k["status"] == "DIBAYAR") & ~dibayar)).sum()),
            # percentile_disc(0.5): the first value whose cumulative share reaches one half.
            "median_hari": int(hari[(n_bayar - 1) // 2]) if n_bayar else None,
            "terlama_hari": int(hari[-1]) if n_bayar else None,
            "lebih_30_hari": int((hari > 30).sum()),
        }
        diputus = r["dibayar"] + r["ditolak"]
        hasil = dict(r, tingkat_penolakan_persen=round(100.0 * r["ditolak"] / diputus, 2) if diputus else None)
        s = saringan or Filter()
        if s.kecamatan is None and s.segmen is None:
            ang = self.anggaran_bulanan(asof)
            premi = float(ang["realisasi_kumulatif"].iloc[-1]) if len(ang) else 0.0
            klaim = float(self.klaim_program(asof)["nominal_dibayar"].sum())
            hasil["manfaat_per_rupiah"] = round(klaim / premi, 4) if premi else None
        else:
            hasil["manfaat_per_rupiah"] = None
        return hasil

    @memoized
    def biaya_per_peserta_bulan(self, asof: AsOf) -> dict:
        ang = self.anggaran_bulanan(asof)
        rek = self.rekonsiliasi_iuran(asof)
        bulan_orang = int(rek["registrasi_tertagih"].sum())
        realisasi = float(ang["realisasi_kumulatif"].iloc[-1]) if len(ang) else 0.0
        return {"realisasi_kumulatif": realisasi, "registrasi_bulan": bulan_orang,
                "biaya_per_peserta_bulan": round(realisasi / bulan_orang, 2) if bulan_orang else None,
                "tarif": tarif()}

    @memoized
    def proyeksi_akhir_tahun(self, asof: AsOf, bulan_acuan: int = 3) -> dict:
        return figures.compute_proyeksi(asof, self.anggaran_bulanan(asof), self.rekonsiliasi_iuran(asof), bulan_acuan)

    def tabel_ekspor(self, asof: AsOf) -> dict[str, pd.DataFrame]:
        """The five export tables (same columns as export.tabel_ekspor)."""
        from ucj_oversight.publish.export import TABLES
        hasil = {"cakupan_kecamatan": self.cakupan_kecamatan(asof), "anggaran_bulanan": self.anggaran_bulanan(asof),
                 "klaim_program": self.klaim_program(asof), "rekonsiliasi_iuran": self.rekonsiliasi_iuran(asof),
                 "temuan": self.temuan(asof)}
        return {nama: df[list(TABLES[nama][2])] for nama, df in hasil.items()}
