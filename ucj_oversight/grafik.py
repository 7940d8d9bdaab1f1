"""Chart builders (Plotly): one function per chart, shared by pages and the briefing.

Every chart has a title with its period, axis titles with units, id-ID separators
(layout.separators = ",." gives 1.953 and 39,6), and colours from the Okabe-Ito palette,
which stays distinguishable for the common forms of colour blindness.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from . import fmt, wilayah
from .label import t

# Okabe & Ito (2008), "Color Universal Design".
BIRU, ORANYE, HIJAU, BIRU_MUDA, MERAH, UNGU, KUNING, HITAM = (
    "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442", "#000000")
URUTAN = [BIRU, ORANYE, HIJAU, MERAH, UNGU, BIRU_MUDA, KUNING, HITAM]
# Sequential scale for coverage: light to dark blue (single hue: safe for colour blindness and
# readable in greyscale print).
SKALA_CAKUPAN = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]

# Tile positions (column, row; row 0 = north), an approximation of the kecamatan layout.
PETAK = {
    "32.75.06": (0, 0), "32.75.03": (1, 0),
    "32.75.02": (0, 1), "32.75.04": (1, 1), "32.75.01": (2, 1), "32.75.11": (3, 1),
    "32.75.08": (0, 2), "32.75.09": (1, 2), "32.75.05": (2, 2), "32.75.07": (3, 2),
    "32.75.12": (0, 3), "32.75.10": (1, 3),
}


def _tata(fig: go.Figure, judul: str, *, sumbu_y: str = "", sumbu_x: str = "", tinggi: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": judul, "x": 0, "xanchor": "left", "font": {"size": 15}},
        separators=",.", height=tinggi, colorway=URUTAN,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 13},
        plot_bgcolor="white", hovermode="x unified",
    )
    fig.update_xaxes(title_text=sumbu_x, showgrid=False, automargin=True)
    fig.update_yaxes(title_text=sumbu_y, gridcolor="#e5e5e5", automargin=True, rangemode="tozero")
    return fig


def peta_petak(cak: pd.DataFrame, judul: str, lang: str = "id") -> go.Figure:
    """Tile map of the 12 kecamatan, coloured by cakupan %: needs no boundary data."""
    ncol = max(c for c, _ in PETAK.values()) + 1
    nrow = max(r for _, r in PETAK.values()) + 1
    z = [[None] * ncol for _ in range(nrow)]
    teks = [[""] * ncol for _ in range(nrow)]
    hover = [[""] * ncol for _ in range(nrow)]
    for r in cak.itertuples():
        c, b = PETAK[r.kode_kecamatan]
        nilai = None if pd.isna(r.cakupan_persen) else float(r.cakupan_persen)
        z[b][c] = nilai if nilai is not None else float("nan")
        teks[b][c] = f"<b>{r.nama_kecamatan}</b><br>{fmt.persen(nilai)}"
        hover[b][c] = (f"{r.nama_kecamatan}: {fmt.persen(nilai)} — {fmt.angka(r.peserta_aktif)} "
                       f"/ {fmt.angka(r.sasaran)} {t('orang', lang)}")
    fig = go.Figure(go.Heatmap(
        z=z, text=teks, texttemplate="%{text}", hovertext=hover, hoverinfo="text",
        colorscale=SKALA_CAKUPAN, zmin=0, zmax=100, xgap=4, ygap=4,
        colorbar={"title": {"text": "%"}, "thickness": 12, "len": 0.8},
        textfont={"size": 12},
    ))
    fig.update_yaxes(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    _tata(fig, judul, tinggi=420)
    fig.update_layout(hovermode="closest", plot_bgcolor="white")
    # Dark tiles need white text; Plotly picks a contrasting colour per cell automatically.
    return fig


def batas_geojson(folder: Path) -> dict | None:
    """A boundary GeoJSON configured in data/ (batas_kecamatan.geojson), if any."""
    p = Path(folder) / "batas_kecamatan.geojson"
    if not p.is_file():
        return None
    try:
        return json.loads(p.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def cocokkan_fitur(geo: dict) -> dict:
    """Give each feature an id = kode_kecamatan, matched by a code property or the normalised
    name (so 'Pondok Gede' and 'PONDOKGEDE' both match). Unmatched features are left out."""
    fitur = []
    for f in geo.get("features", []):
        props = f.get("properties") or {}
        kode = None
        for v in props.values():
            if isinstance(v, (str, int)):
                kode = wilayah.cari_kecamatan(str(v))
                if kode:
                    break
        if kode:
            fitur.append({**f, "id": kode})
    return {"type": "FeatureCollection", "features": fitur}


def peta_choropleth(cak: pd.DataFrame, geo: dict, judul: str, lang: str = "id") -> go.Figure:
    geo = cocokkan_fitur(geo)
    fig = go.Figure(go.Choropleth(
        geojson=geo, locations=cak["kode_kecamatan"], z=cak["cakupan_persen"],
        text=[f"{n}: {fmt.persen(p)}" for n, p in zip(cak["nama_kecamatan"], cak["cakupan_persen"])],
        hoverinfo="text", colorscale=SKALA_CAKUPAN, zmin=0, zmax=100,
        marker_line_color="white", colorbar={"title": {"text": "%"}, "thickness": 12},
    ))
    fig.update_geos(fitbounds="locations", visible=False)
    _tata(fig, judul, tinggi=440)
    return fig


def batang_peringkat(cak: pd.DataFrame, kota: float | None, judul: str, lang: str = "id") -> go.Figure:
    d = cak.dropna(subset=["cakupan_persen"]).sort_values("cakupan_persen")
    warna = [MERAH if kota is not None and v < kota - 10 else BIRU for v in d["cakupan_persen"]]
    fig = go.Figure(go.Bar(
        x=d["cakupan_persen"], y=d["nama_kecamatan"], orientation="h", marker_color=warna,
        text=[fmt.persen(v) for v in d["cakupan_persen"]], textposition="auto",
        hovertext=[f"{n}: {fmt.angka(a)} / {fmt.angka(s)}" for n, a, s in
                   zip(d["nama_kecamatan"], d["peserta_aktif"], d["sasaran"])], hoverinfo="text",
    ))
    if kota is not None:
        fig.add_vline(x=kota, line_dash="dash", line_color=HITAM,
                      annotation_text=t("garis_kota", lang, nilai=fmt.persen(kota)),
                      annotation_position="top")
    _tata(fig, judul, sumbu_x=t("kolom_cakupan", lang), tinggi=max(360, 32 * len(d) + 120))
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(range=[0, max(110, float(d["cakupan_persen"].max() or 0) + 10)])
    return fig


def batang_sederhana(x, y, judul: str, sumbu_y: str, sumbu_x: str = "", horizontal: bool = False,
                     warna: str = BIRU, teks=None) -> go.Figure:
    if horizontal:
        fig = go.Figure(go.Bar(x=y, y=x, orientation="h", marker_color=warna, text=teks, textposition="auto"))
        _tata(fig, judul, sumbu_x=sumbu_y, tinggi=max(340, 30 * len(x) + 120))
    else:
        fig = go.Figure(go.Bar(x=x, y=y, marker_color=warna, text=teks, textposition="auto"))
        _tata(fig, judul, sumbu_y=sumbu_y, sumbu_x=sumbu_x)
    fig.update_layout(hovermode="closest")
    return fig


def tren_peserta(tren: pd.DataFrame, judul: str, lang: str = "id") -> go.Figure:
    x = [fmt.bulan(b, lang, panjang=False) for b in tren["bulan"]]
    fig = go.Figure()
    fig.add_bar(x=x, y=tren["baru"], name=t("tren_baru", lang), marker_color=HIJAU, yaxis="y2")
    fig.add_bar(x=x, y=-tren["keluar"], name=t("tren_keluar", lang), marker_color=MERAH, yaxis="y2",
                customdata=tren["keluar"], hovertemplate="%{customdata:,.0f}")
    fig.add_scatter(x=x, y=tren["registrasi_aktif"], name=t("tren_aktif", lang), mode="lines+markers",
                    line={"color": BIRU, "width": 3})
    _tata(fig, judul, sumbu_y=t("tren_aktif", lang) + " (" + t("orang", lang) + ")")
    fig.update_layout(barmode="relative",
                      yaxis2={"overlaying": "y", "side": "right", "showgrid": False, "zeroline": True,
                              "title": {"text": t("tren_baru", lang) + " / " + t("tren_keluar", lang)}})
    return fig


def kumulatif_anggaran(ang: pd.DataFrame, proyeksi: dict | None, judul: str, lang: str = "id") -> go.Figure:
    x = [fmt.bulan(b, lang, panjang=False) for b in ang["bulan"]]
    bulan_ke = [int(b[5:7]) for b in ang["bulan"]]
    fig = go.Figure()
    fig.add_scatter(x=x, y=ang["pagu"], name=t("garis_pagu", lang), mode="lines",
                    line={"color": HITAM, "width": 2, "shape": "hv"})
    fig.add_scatter(x=x, y=[p * m / 12 for p, m in zip(ang["pagu"], bulan_ke)], name=t("garis_merata", lang),
                    mode="lines", line={"color": ORANYE, "dash": "dash", "width": 2})
    fig.add_scatter(x=x, y=ang["realisasi_kumulatif"], name=t("garis_realisasi", lang), mode="lines+markers",
                    line={"color": BIRU, "width": 3})
    if proyeksi and proyeksi.get("sisa_bulan", 0) > 0 and len(ang):
        akhir = ang["bulan"].iloc[-1]
        tahun = int(akhir[:4])
        fig.add_scatter(x=[x[-1], fmt.bulan(f"{tahun}-12", lang, panjang=False)],
                        y=[ang["realisasi_kumulatif"].iloc[-1], proyeksi["proyeksi"]],
                        name=t("garis_proyeksi", lang), mode="lines+markers",
                        line={"color": BIRU, "dash": "dot", "width": 2})
    _tata(fig, judul, sumbu_y="Rp")
    return fig


def rekonsiliasi(rek: pd.DataFrame, judul: str, lang: str = "id") -> go.Figure:
    x = [fmt.bulan(b, lang, panjang=False) for b in rek["bulan"]]
    fig = go.Figure()
    fig.add_bar(x=x, y=rek["iuran_seharusnya"], name=t("rekon_seharusnya", lang), marker_color=BIRU_MUDA)
    fig.add_bar(x=x, y=rek["iuran_ditagih"], name=t("rekon_ditagih", lang), marker_color=BIRU)
    if rek["iuran_dibayar"].notna().any():
        fig.add_bar(x=x, y=rek["iuran_dibayar"], name=t("rekon_dibayar", lang), marker_color=ORANYE)
    _tata(fig, judul, sumbu_y="Rp")
    fig.update_layout(barmode="group")
    return fig


def klaim_bulanan(kb: pd.DataFrame, bulan_semua: list[str], judul: str, lang: str = "id") -> go.Figure:
    fig = go.Figure()
    x = [fmt.bulan(b, lang, panjang=False) for b in bulan_semua]
    for program, warna in (("JKK", ORANYE), ("JKM", BIRU), ("JHT", HIJAU)):
        d = kb[kb["program"] == program].set_index("bulan").reindex(bulan_semua)
        if program == "JHT" and d["jumlah_klaim"].isna().all():
            continue
        fig.add_bar(x=x, y=d["nominal_dibayar"].fillna(0), name=program, marker_color=warna,
                    customdata=d["jumlah_klaim"].fillna(0), hovertemplate="%{y:,.0f} (%{customdata} klaim)")
    _tata(fig, judul, sumbu_y="Rp")
    fig.update_layout(barmode="stack")
    return fig
