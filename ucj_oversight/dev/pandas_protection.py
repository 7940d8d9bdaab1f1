"""The pandas reference of the timeliness and protection figures (figures/protection.py):
ketepatan_bayar, bulan_menunggak, perlindungan_kecamatan, klaim_ditolak, status_peserta. A mixin
of dev/pandas_reference.Reference, on the derived layer of dev/pandas_derived.py; the due dates
come from the same function as the SQL's (figures.due_dates)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ucj_oversight import figures
from ucj_oversight.dev.pandas_derived import month_range, month_start, ts
from ucj_oversight.figures import AsOf, Filter, memoized
from ucj_oversight.figures.due_dates import due_date_now

_SELISIH = ("NONAKTIF_TANGGAL_AKTIF", "MENINGGAL_TANGGAL_AKTIF", "AKTIF_TANGGAL_BERAKHIR")


class ProtectionReference:
    """Mixin: needs the DerivedLayer tables (reg, sp2d, tagihan_lunas, reg_tanpa_lindung, ...)."""

    def _attributed_paid(self, d: pd.Timestamp) -> pd.Series:
        """SP2D attributed to each billing month, issued by d (each SP2D once)."""
        sp = self.sp2d
        sp = sp[~sp["ganda"] & sp["periode_tagihan"].notna() & (sp["tgl_sp2d"] <= d)]
        return sp.groupby("periode_tagihan")["nominal"].sum()

    @memoized
    def ketepatan_bayar(self, asof: AsOf) -> pd.DataFrame:
        d = ts(asof.end)
        months = month_range(asof.year_start, asof.month)
        t = self.tagihan_lunas.set_index("periode")
        paid = self._attributed_paid(d)
        rows = []
        for b in months:
            due = ts(due_date_now(b.date()))
            billed = float(t.loc[b, "ditagih"]) if b in t.index else None
            lunas = t.loc[b, "tgl_lunas"] if b in t.index else pd.NaT
            lunas = lunas if pd.notna(lunas) and lunas <= d else pd.NaT
            dibayar = float(paid.get(b, 0.0))
            if billed is None:
                late = None
            else:
                late = max(((lunas if pd.notna(lunas) else d) - due).days, 0)
            rows.append(
                (
                    b.strftime("%Y-%m"),
                    billed or 0.0,
                    dibayar,
                    due.strftime("%Y-%m-%d"),
                    lunas.strftime("%Y-%m-%d") if pd.notna(lunas) else np.nan,
                    late,
                    max((billed or 0.0) - dibayar, 0.0),
                )
            )
        df = pd.DataFrame(
            rows, columns=["bulan", "ditagih", "dibayar", "jatuh_tempo", "tgl_lunas", "hari_terlambat", "tunggakan"]
        )
        df["hari_terlambat"] = df["hari_terlambat"].astype("Int64")
        return df

    @memoized
    def bulan_menunggak(self, asof: AsOf) -> dict:
        d = ts(asof.end)
        t = self.tagihan_lunas
        paid = self._attributed_paid(d)
        owed = []
        for periode, billed, lunas in zip(t["periode"], t["ditagih"], t["tgl_lunas"]):
            # the SQL knows the due dates of Y-4 .. Y; an earlier month counts from its first day
            due = ts(due_date_now(periode.date())) if periode.year >= asof.year - 4 else periode
            if periode > ts(asof.month) or due > d:
                continue
            if pd.isna(lunas) or lunas > d:
                owed.append(((d - due).days, float(billed) - float(paid.get(periode, 0.0))))
        sp = self.sp2d
        free = sp[
            ~sp["ganda"]
            & sp["periode_tagihan"].isna()
            & (sp["tgl_sp2d"] >= ts(asof.year_start))
            & (sp["tgl_sp2d"] <= d)
        ]
        return {
            "bulan_menunggak": len(owed),
            "terlama_hari": max(days for days, _ in owed) if owed else None,
            "tunggakan": float(sum(v for _, v in owed)),
            "sp2d_tidak_teratribusi": float(free["nominal"].sum()),
        }

    @memoized
    def perlindungan_kecamatan(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        s = filter or Filter()
        people = self._active_people(ts(asof.end))  # the registration each person counts at
        if s.segmen is not None:
            people = people[people["segmen"] == s.segmen]
        lapse = self.reg_tanpa_lindung
        now = lapse[lapse["bulan"] == ts(asof.month)]
        unprotected = people[people["no_kpj"].isin(now["no_kpj"])]
        year = lapse[(lapse["bulan"] >= ts(asof.year_start)) & (lapse["bulan"] <= ts(asof.month))]
        if s.segmen is not None:
            year = year[year["segmen"] == s.segmen]
        w = self.wilayah[["kode_kecamatan", "nama_kecamatan"]]
        if s.kecamatan is not None:
            w = w[w["kode_kecamatan"] == s.kecamatan]
        df = w.reset_index(drop=True).copy()
        for name, frame in (
            ("peserta_aktif", people),
            ("tidak_terlindungi", unprotected),
            ("registrasi_bulan_tanpa_lindung", year),
        ):
            df[name] = df["kode_kecamatan"].map(frame.groupby("kode_kecamatan").size()).fillna(0).astype("int64")
        return df

    @memoized
    def perlindungan_kota(self, asof: AsOf, filter: Filter | None = None) -> dict:
        return figures.compose_perlindungan_kota(self.perlindungan_kecamatan(asof, filter))

    @memoized
    def klaim_ditolak(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        k = self.klaim_rinci
        k = k[
            (k["status"] == "DITOLAK")
            & (k["tgl_pengajuan"] >= ts(asof.year_start))
            & (k["tgl_pengajuan"] <= ts(asof.end))
        ]
        k = self._filter(k, filter).copy()
        reason = k["alasan_tolak"].astype(object).where(k["alasan_tolak"].notna(), "").map(str).str.strip()
        k["alasan"] = reason.where(reason != "", "(tanpa alasan)")
        k["tunggakan"] = self._in_lapse(k)
        df = (
            k.groupby("alasan")
            .agg(jumlah_klaim=("tunggakan", "size"), saat_tunggakan=("tunggakan", "sum"))
            .reset_index()
            .rename(columns={"alasan": "alasan_tolak"})
        )
        df = df.sort_values(["jumlah_klaim", "alasan_tolak"], ascending=[False, True], kind="stable")
        for c in ("jumlah_klaim", "saat_tunggakan"):
            df[c] = df[c].astype("int64")
        return df.reset_index(drop=True)

    def _in_lapse(self, k: pd.DataFrame) -> np.ndarray:
        """Per claim: its incident month found its registration in reg_tanpa_lindung."""
        lapse = set(zip(self.reg_tanpa_lindung["bulan"], self.reg_tanpa_lindung["no_kpj"]))
        return np.array([(b, n) in lapse for b, n in zip(month_start(k["tgl_kejadian"]), k["no_kpj"])], dtype=bool)

    @memoized
    def status_peserta(self, asof: AsOf, filter: Filter | None = None) -> pd.DataFrame:
        d = ts(asof.end)
        r = self._filter(self.reg, filter)
        r = r[r["tgl_mulai"] <= d]
        active = r["tgl_akhir"].isna() | (r["tgl_akhir"] >= d)
        kind = pd.Series(None, index=r.index, dtype=object)
        off = r["status"].isin(["NONAKTIF", "MENINGGAL"]) & active
        kind[off] = r.loc[off, "status"] + "_TANGGAL_AKTIF"
        kind[(r["status"] == "AKTIF") & (r["tgl_akhir"] < d)] = "AKTIF_TANGGAL_BERAKHIR"
        lapse = self.reg_tanpa_lindung
        in_lapse = r["no_kpj"].isin(lapse.loc[lapse["bulan"] == ts(asof.month), "no_kpj"])
        rows = [(x, int((kind == x).sum()), int(((kind == x) & in_lapse).sum())) for x in _SELISIH]
        df = pd.DataFrame(rows, columns=["selisih", "jumlah", "tanpa_lindung"])
        for c in ("jumlah", "tanpa_lindung"):
            df[c] = df[c].astype("int64")
        return df
