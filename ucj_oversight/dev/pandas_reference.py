"""A straightforward pandas implementation of the figure definitions: the reference
that the benchmark (and tests/test_bench.py) compares the DuckDB figure functions with.

On the derived layer of :mod:`ucj_oversight.dev.pandas_derived` (the storage tables loaded with
plain ``SELECT *`` and the current-version rules applied in pandas), :class:`Reference` has one
method per figure, with the same name, parameters and output (columns, dtypes, order, zero rows,
rounding to 2 decimals half away from zero) as :mod:`ucj_oversight.figures`.

This module is a test oracle and a benchmark baseline; pages never use it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ucj_oversight import figures, settings
from ucj_oversight.dev.pandas_derived import STORED_TABLES, DerivedLayer, load, month_range, month_start, round2, ts
from ucj_oversight.dev.pandas_protection import ProtectionReference
from ucj_oversight.figures import AsOf, Filter, memoized, tarif

__all__ = ["STORED_TABLES", "Reference", "load", "round2"]


class Reference(ProtectionReference, DerivedLayer):
    """Pandas figures over one database's storage tables (``Reference(load(con))``)."""

    # ------------------------------------------------------------------ figures

    @memoized
    def cakupan_kecamatan(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        s = filter or Filter()
        people = self._active_people(ts(asof.end))
        if s.segmen is not None:
            people = people[people["segmen"] == s.segmen]
        n = people.groupby("kode_kecamatan").size().rename("peserta_aktif")
        sb = self.sasaran_kini[self.sasaran_kini["tahun"] == asof.year].copy()
        sb["ada_total"] = sb["segmen"].isna().groupby(sb["kode_kecamatan"]).transform("any")
        if s.segmen is not None:
            sb = sb[sb["segmen"] == s.segmen]
        else:
            sb = sb[~sb["ada_total"] | sb["segmen"].isna()]
        sasaran = sb.groupby("kode_kecamatan")["jumlah_sasaran"].sum().rename("sasaran")
        # The semesta of the same rows; segment rows add up only when every one gives a semesta.
        given = pd.to_numeric(sb["jumlah_semesta"]).astype("float64")
        semesta = (
            given.groupby(sb["kode_kecamatan"]).agg(lambda v: v.sum() if v.notna().all() else np.nan).rename("semesta")
        )
        w = self.wilayah[["kode_kecamatan", "nama_kecamatan"]]
        if s.kecamatan is not None:
            w = w[w["kode_kecamatan"] == s.kecamatan]
        df = (
            w.merge(sasaran, left_on="kode_kecamatan", right_index=True, how="left")
            .merge(n, left_on="kode_kecamatan", right_index=True, how="left")
            .merge(semesta, left_on="kode_kecamatan", right_index=True, how="left")
            .reset_index(drop=True)
        )
        df["sasaran"] = df["sasaran"].astype("Int64")
        df["peserta_aktif"] = df["peserta_aktif"].fillna(0).astype("int64")
        df["capaian_kuota_persen"] = self._percent(df["peserta_aktif"], df["sasaran"].astype("float64"))
        df["semesta"] = df["semesta"].astype("Int64")
        df["cakupan_semesta_persen"] = self._percent(df["peserta_aktif"], df["semesta"].astype("float64"))
        return df[list(figures.SPECS["cakupan_kecamatan"].names)]

    @memoized
    def cakupan_kota(self, asof: AsOf, filter: Filter | None = None) -> dict:
        return figures.city_totals(self.cakupan_kecamatan(asof, filter))

    @memoized
    def sumber_semesta(self, asof: AsOf, filter: Filter | None = None) -> tuple[str, ...]:
        s = filter or Filter()
        sb = self.sasaran_kini[self.sasaran_kini["tahun"] == asof.year].copy()
        sb["ada_total"] = sb["segmen"].isna().groupby(sb["kode_kecamatan"]).transform("any")
        sb = sb[sb["segmen"] == s.segmen] if s.segmen is not None else sb[~sb["ada_total"] | sb["segmen"].isna()]
        complete = sb["jumlah_semesta"].notna().groupby(sb["kode_kecamatan"]).transform("all")
        sb = sb[complete]
        if s.kecamatan is not None:
            sb = sb[sb["kode_kecamatan"] == s.kecamatan]
        names = sb["sumber_semesta"].dropna().astype(str).str.strip()
        return tuple(sorted(set(names[names != ""])))

    @memoized
    def laju_cakupan(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        before = self.cakupan_kecamatan(figures.months_back(asof, 6), filter)
        return figures.compose_laju_cakupan(asof, self.cakupan_kecamatan(asof, filter), before, settings.target_year())

    @memoized
    def laju_cakupan_kota(self, asof: AsOf, filter: Filter | None = None) -> dict:
        before = self.cakupan_kecamatan(figures.months_back(asof, 6), filter)
        return figures.compose_laju_kota(asof, self.cakupan_kecamatan(asof, filter), before, settings.target_year())

    @memoized
    def cakupan_segmen(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        s = filter or Filter()
        people = self._active_people(ts(asof.end))
        if s.kecamatan is not None:
            people = people[people["kode_kecamatan"] == s.kecamatan]
        n = people.groupby("segmen").size().rename("peserta_aktif").reset_index()
        sk = self.sasaran_kini
        sk = sk[(sk["tahun"] == asof.year) & sk["segmen"].notna()]
        if s.kecamatan is not None:
            sk = sk[sk["kode_kecamatan"] == s.kecamatan]
        sasaran = sk.groupby("segmen")["jumlah_sasaran"].sum().rename("sasaran").reset_index()
        df = n.merge(sasaran, on="segmen", how="outer")
        df["sasaran"] = df["sasaran"].astype("Int64")
        df["peserta_aktif"] = df["peserta_aktif"].fillna(0).astype("int64")
        df["capaian_kuota_persen"] = self._percent(df["peserta_aktif"], df["sasaran"].astype("float64"))
        df = df.sort_values(["peserta_aktif", "segmen"], ascending=[False, True], kind="stable")
        return df[["segmen", "sasaran", "peserta_aktif", "capaian_kuota_persen"]].reset_index(drop=True)

    @memoized
    def tren_peserta(self, asof: AsOf, filter: Filter | None = None, months_back: int = 23) -> pd.DataFrame:
        y, m = asof.month.year, asof.month.month - months_back
        while m < 1:
            y, m = y - 1, m + 12
        r = self._filter(self.reg, filter)
        start, end = r["tgl_mulai"].to_numpy(), r["tgl_akhir"]
        has_end = end.notna().to_numpy()
        end = end.to_numpy()
        rows = []
        for b in month_range(dt.date(y, m, 1), asof.month):
            e = (b + pd.offsets.MonthEnd(0)).to_datetime64()
            b64 = b.to_datetime64()
            started = start <= e
            active = started & (~has_end | (end >= e))
            new = (start >= b64) & started
            exited = started & has_end & (end >= b64) & (end <= e)
            rows.append((b.strftime("%Y-%m"), int(active.sum()), int(new.sum()), int(exited.sum())))
        df = pd.DataFrame(rows, columns=["bulan", "registrasi_aktif", "baru", "keluar"])
        for k in ("registrasi_aktif", "baru", "keluar"):
            df[k] = df[k].astype("int64")
        return df

    @memoized
    def anggaran_bulanan(self, asof: AsOf) -> pd.DataFrame:
        a = self.anggaran_kini[self.anggaran_kini["tahun"] == asof.year]
        months = month_range(asof.year_start, asof.month)
        pagu = []
        for b in months:
            e = b + pd.offsets.MonthEnd(0)
            x = a[a["tgl_penetapan"] <= e]
            if x.empty:
                pagu.append(0.0)
                continue
            latest = x.groupby("kode_rekening")["tgl_penetapan"].transform("max")
            pagu.append(float(x.loc[x["tgl_penetapan"] == latest, "pagu"].sum()))
        sp = self.sp2d
        sp = sp[~sp["ganda"] & (sp["bulan_sp2d"] >= ts(asof.year_start)) & (sp["bulan_sp2d"] <= ts(asof.month))]
        paid = sp.groupby("bulan_sp2d")["nominal"].sum()
        df = pd.DataFrame({"bulan": months, "pagu": pagu})
        df["realisasi_bulan"] = df["bulan"].map(paid).fillna(0.0).astype("float64")
        df["realisasi_kumulatif"] = df["realisasi_bulan"].cumsum()
        df["serapan_persen"] = self._percent(df["realisasi_kumulatif"], df["pagu"])
        df["pagu"] = df["pagu"].astype("float64")
        df["bulan"] = df["bulan"].dt.strftime("%Y-%m")
        return df

    @memoized
    def klaim_program(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        others = sorted(set(self.klaim_rinci["program"].dropna().unique()) - {"JKK", "JKM"})
        d = self._paid_klaim(asof, filter)
        groups = d.groupby("program")["nominal_dibayar"].agg(["size", "sum"])
        programs = ["JKK", "JKM"] + others
        df = pd.DataFrame({"program": programs})
        df["jumlah_klaim"] = df["program"].map(groups["size"]).fillna(0).astype("int64")
        df["nominal_dibayar"] = df["program"].map(groups["sum"]).fillna(0.0).astype("float64")
        return df

    @memoized
    def rekonsiliasi_iuran(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        s = filter or Filter()
        r = self._filter(self.reg, s)
        months = month_range(asof.year_start, asof.month)
        billable = []
        for b in months:
            e = b + pd.offsets.MonthEnd(0)
            billable.append(int(((r["tgl_mulai"] <= e) & (r["tgl_akhir"].isna() | (r["tgl_akhir"] >= b))).sum()))
        ib = self._filter(self.iuran_bulanan, s)
        ib = ib[(ib["periode"] >= ts(asof.year_start)) & (ib["periode"] <= ts(asof.month))]
        billed = ib.groupby("periode")["nominal"].sum()
        sp = self.sp2d
        sp = sp[
            ~sp["ganda"] & (sp["periode_tagihan"] >= ts(asof.year_start)) & (sp["periode_tagihan"] <= ts(asof.month))
        ]
        paid = sp.groupby("periode_tagihan")["nominal"].sum()
        t = tarif()
        df = pd.DataFrame({"bulan": months, "registrasi_tertagih": np.array(billable, dtype="int64")})
        df["iuran_seharusnya"] = (df["registrasi_tertagih"] * t).astype("float64")
        df["iuran_ditagih"] = df["bulan"].map(billed).fillna(0.0).astype("float64")
        df["selisih"] = df["iuran_ditagih"] - df["iuran_seharusnya"]
        if s.kecamatan is None and s.segmen is None:
            df["iuran_dibayar"] = df["bulan"].map(paid).fillna(0.0).astype("float64")
        else:
            df["iuran_dibayar"] = np.nan
        df["bulan"] = df["bulan"].dt.strftime("%Y-%m")
        return df

    @memoized
    def temuan(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        s = filter or Filter()
        d, year_start, month = ts(asof.end), ts(asof.year_start), ts(asof.month)
        r = self.reg
        # NIK findings: people with a flagged registration (in the kecamatan) whose cover overlaps
        # 1 January of Y .. D.
        f = r[(r["tgl_mulai"] <= d) & (r["tgl_akhir"].isna() | (r["tgl_akhir"] >= year_start))]
        if s.kecamatan is not None:
            f = f[f["kode_kecamatan"] == s.kecamatan]
        luar_kota = f["nik_16digit"] & f["nik_prefiks"].notna() & (f["nik_prefiks"] != "3275")
        # NIK_GANDA_AKTIF: people with a registration in the kecamatan, two active at D.
        if s.kecamatan is not None:
            r = r[r["nik_hash"].isin(r.loc[r["kode_kecamatan"] == s.kecamatan, "nik_hash"])]
        active = (r["tgl_mulai"] <= d) & (r["tgl_akhir"].isna() | (r["tgl_akhir"] >= d))
        active_per_nik = active.groupby(r["nik_hash"]).sum()
        ib = self.iuran_bulanan
        ib = ib[(ib["periode"] >= year_start) & (ib["periode"] <= month)]
        if s.kecamatan is not None:
            ib = ib[ib["kode_kecamatan"] == s.kecamatan]
        k = self.klaim_rinci
        k = k[(k["tgl_pengajuan"] >= year_start) & (k["tgl_pengajuan"] <= d)]
        if s.kecamatan is not None:
            k = k[k["kode_kecamatan"] == s.kecamatan]
        paid_by_then = (k["status"] == "DIBAYAR") & (k["tgl_bayar"] <= d)
        no_peserta = ~k["ada_peserta"]
        refused_in_lapse = (k["status"] == "DITOLAK").to_numpy() & self._in_lapse(k)
        sp = self.sp2d
        sp = sp[sp["ganda"] & (sp["tgl_sp2d"] >= year_start) & (sp["tgl_sp2d"] <= d)]
        q = self.karantina
        q = q[q["impor_id"].isin(self.impor_dipakai) | q["impor_id"].isin(self.impor_kosong)]
        rows = [
            ("NIK_TIDAK_VALID", f.loc[~f["nik_16digit"], "nik_hash"].nunique(), 0.0),
            ("NIK_LUAR_KOTA", f.loc[luar_kota, "nik_hash"].nunique(), 0.0),
            ("NIK_GANDA_AKTIF", int((active_per_nik > 1).sum()), 0.0),
            ("IURAN_LUAR_MASA", int(ib["luar_masa_baris"].sum()), float(ib["luar_masa_nominal"].sum())),
            ("IURAN_TANPA_PESERTA", int(ib["tanpa_peserta_baris"].sum()), float(ib["tanpa_peserta_nominal"].sum())),
            ("IURAN_GANDA", int(ib["ganda_baris"].sum()), float(ib["ganda_nominal"].sum())),
            (
                "KLAIM_TANPA_PESERTA",
                int(no_peserta.sum()),
                float(k.loc[no_peserta & paid_by_then, "nominal_dibayar"].sum()),
            ),
            (
                "KLAIM_LUAR_MASA",
                int(k["luar_masa"].sum()),
                float(k.loc[k["luar_masa"] & paid_by_then, "nominal_dibayar"].sum()),
            ),
            (
                "KLAIM_DITOLAK_TUNGGAKAN",
                int(refused_in_lapse.sum()),
                float(figures.MANFAAT_JKM * (refused_in_lapse & (k["program"] == "JKM").to_numpy()).sum()),
            ),
            ("SP2D_GANDA", len(sp), float(sp["nominal"].sum())),
            ("BARIS_DITOLAK", len(q[["impor_id", "baris"]].drop_duplicates()), 0.0),
        ]
        df = pd.DataFrame(rows, columns=["kode_temuan", "jumlah", "nominal"])
        df["jumlah"] = df["jumlah"].astype("int64")
        df["nominal"] = df["nominal"].astype("float64")
        df["seluruh_kota"] = (s.kecamatan is not None) & df["kode_temuan"].isin(["SP2D_GANDA", "BARIS_DITOLAK"])
        return df

    @memoized
    def ringkasan(self, asof: AsOf, filter: Filter | None = None) -> dict:
        return figures.compose_ringkasan(
            asof,
            self.cakupan_kota(asof, filter),
            self.anggaran_bulanan(asof),
            self.klaim_program(asof, filter),
            self.temuan(asof, filter),
        )

    @memoized
    def klaim_bulanan(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        k = self.klaim_rinci
        k = k[(k["status"] == "DIBAYAR") & k["tgl_bayar"].notna()].copy()
        k["bulan"] = month_start(k["tgl_bayar"])
        k = k[(k["bulan"] >= ts(asof.year_start)) & (k["bulan"] <= ts(asof.month))]
        k = self._filter(k, filter)
        df = (
            k.groupby(["bulan", "program"])
            .agg(jumlah_klaim=("nominal_dibayar", "size"), nominal_dibayar=("nominal_dibayar", "sum"))
            .reset_index()
        )
        df["jumlah_klaim"] = df["jumlah_klaim"].astype("int64")
        df["nominal_dibayar"] = df["nominal_dibayar"].astype("float64")
        df["bulan"] = df["bulan"].dt.strftime("%Y-%m")
        return df

    @memoized
    def klaim_kecamatan(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        s = filter or Filter()
        d = self._paid_klaim(asof, s, by_kecamatan=False)
        codes = d["kode_kecamatan"].astype(object).where(d["kode_kecamatan"].notna(), "\0null")
        groups = d.groupby([codes, d["program"]])["nominal_dibayar"].agg(["size", "sum"])

        def cell(code, program, column, cast):
            v = groups[column].get((code, program), 0)
            return cast(v)

        def row(code, name, key):
            progs = groups.loc[key].index.unique() if key in groups.index.get_level_values(0) else []
            return (
                code,
                name,
                cell(key, "JKK", "size", int),
                cell(key, "JKK", "sum", float),
                cell(key, "JKM", "size", int),
                cell(key, "JKM", "sum", float),
                int(sum(groups["size"][(key, p)] for p in progs)),
                float(sum(groups["sum"][(key, p)] for p in progs)),
            )

        w = self.wilayah
        if s.kecamatan is not None:
            w = w[w["kode_kecamatan"] == s.kecamatan]
        rows = [row(code, name, code) for code, name in zip(w["kode_kecamatan"], w["nama_kecamatan"])]
        if s.kecamatan is None and "\0null" in groups.index.get_level_values(0):
            rows.append(row(None, "(KPJ tidak dikenal)", "\0null"))
        df = pd.DataFrame(
            rows,
            columns=[
                "kode_kecamatan",
                "nama_kecamatan",
                "jkk_jumlah",
                "jkk_nominal",
                "jkm_jumlah",
                "jkm_nominal",
                "jumlah_klaim",
                "nominal_dibayar",
            ],
        )
        for k in ("jkk_jumlah", "jkm_jumlah", "jumlah_klaim"):
            df[k] = df[k].astype("int64")
        for k in ("jkk_nominal", "jkm_nominal", "nominal_dibayar"):
            df[k] = df[k].astype("float64")
        return df

    @memoized
    def klaim_layanan(self, asof: AsOf, filter: Filter | None = None) -> dict:
        d = ts(asof.end)
        k = self.klaim_rinci
        k = self._filter(k[(k["tgl_pengajuan"] >= ts(asof.year_start)) & (k["tgl_pengajuan"] <= d)], filter)
        paid = (k["status"] == "DIBAYAR") & (k["tgl_bayar"] <= d)
        days = (k.loc[paid, "tgl_bayar"] - k.loc[paid, "tgl_pengajuan"]).dt.days.sort_values().to_numpy()
        n_paid = len(days)
        r = {
            "diajukan": len(k),
            "dibayar": n_paid,
            "ditolak": int((k["status"] == "DITOLAK").sum()),
            "proses": int(((k["status"] == "PROSES") | ((k["status"] == "DIBAYAR") & ~paid)).sum()),
            # percentile_disc(0.5): the first value whose cumulative share reaches one half.
            "median_hari": int(days[(n_paid - 1) // 2]) if n_paid else None,
            "terlama_hari": int(days[-1]) if n_paid else None,
            "lebih_30_hari": int((days > 30).sum()),
        }
        decided = r["dibayar"] + r["ditolak"]
        result = dict(r, tingkat_penolakan_persen=round(100.0 * r["ditolak"] / decided, 2) if decided else None)
        s = filter or Filter()
        if s.kecamatan is None and s.segmen is None:
            ang = self.anggaran_bulanan(asof)
            premiums = float(ang["realisasi_kumulatif"].iloc[-1]) if len(ang) else 0.0
            klaim = float(self.klaim_program(asof)["nominal_dibayar"].sum())
            result["manfaat_per_rupiah"] = round(klaim / premiums, 4) if premiums else None
        else:
            result["manfaat_per_rupiah"] = None
        return result

    @memoized
    def biaya_per_peserta_bulan(self, asof: AsOf) -> dict:
        return figures.compose_biaya_per_peserta_bulan(self.anggaran_bulanan(asof), self.rekonsiliasi_iuran(asof))

    @memoized
    def proyeksi_akhir_tahun(self, asof: AsOf, reference_months: int = 3) -> dict:
        return figures.compute_proyeksi(
            asof, self.anggaran_bulanan(asof), self.rekonsiliasi_iuran(asof), reference_months
        )

    def export_tables(self, asof: AsOf) -> dict[str, pd.DataFrame]:
        """The export tables (same names and columns as publish.export.export_tables)."""
        from ucj_oversight.publish.export import TABLES

        return {name: getattr(self, name)(asof)[list(columns)] for name, (_, _, columns) in TABLES.items()}
