"""Chart builders (Plotly): one function per chart, shared by pages and the briefing.

Every chart has a title with its period, axis titles with units, id-ID separators
(layout.separators = ",." gives 1.953 and 39,6), and colours from the Okabe-Ito palette,
which stays distinguishable for the common forms of colour blindness.
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from ucj_oversight.text import fmt
from ucj_oversight import regions
from ucj_oversight.text.labels import t

# Okabe & Ito (2008), "Color Universal Design".
BIRU, ORANYE, HIJAU, BIRU_MUDA, MERAH, UNGU, KUNING, HITAM = (
    "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442", "#000000")
PALETTE = [BIRU, ORANYE, HIJAU, MERAH, UNGU, BIRU_MUDA, KUNING, HITAM]
# Sequential scale for coverage: light to dark blue (single hue: safe for colour blindness and
# readable in greyscale print).
COVERAGE_SCALE = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]

# Tile positions (column, row; row 0 = north), an approximation of the kecamatan layout.
TILES = {
    "32.75.06": (0, 0), "32.75.03": (1, 0),
    "32.75.02": (0, 1), "32.75.04": (1, 1), "32.75.01": (2, 1), "32.75.11": (3, 1),
    "32.75.08": (0, 2), "32.75.09": (1, 2), "32.75.05": (2, 2), "32.75.07": (3, 2),
    "32.75.12": (0, 3), "32.75.10": (1, 3),
}


def wrap(teks: str, lebar: int = 42) -> str:
    """Break a long chart title into lines: Plotly does not wrap, and a phone is ~40 characters wide."""
    return "<br>".join(textwrap.wrap(teks, lebar)) or teks


def _tata(fig: go.Figure, judul: str, *, sumbu_y: str = "", sumbu_x: str = "", tinggi: int = 380) -> go.Figure:
    judul = wrap(judul)
    baris = judul.count("<br>") + 1
    fig.update_layout(
        title={"text": judul, "x": 0, "xanchor": "left", "font": {"size": 15}},
        separators=",.", height=tinggi + 18 * (baris - 1), colorway=PALETTE,
        margin={"l": 10, "r": 10, "t": 40 + 20 * baris, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 13},
        plot_bgcolor="white", hovermode="x unified",
    )
    fig.update_xaxes(title_text=sumbu_x, showgrid=False, automargin=True)
    fig.update_yaxes(title_text=sumbu_y, gridcolor="#e5e5e5", automargin=True, rangemode="tozero")
    return fig


def rupiah_axis(nilai, lang: str = "id") -> tuple[float, str]:
    """Divisor and axis unit for Rupiah charts ('Rp miliar'), so ticks read 8,6 not 8.6B."""
    m = max((abs(float(v)) for v in nilai if v == v), default=0.0)
    for batas, kata_id, kata_en in ((1e12, "triliun", "trillion"), (1e9, "miliar", "billion"), (1e6, "juta", "million")):
        if m >= batas:
            return batas, "Rp " + (kata_id if lang == "id" else kata_en)
    return 1.0, "Rp"


def _sumbu_bulan(bulan: list[str], lang: str) -> list[str]:
    """Month labels: 'Jan' when the months are of one year (the title gives it), else 'Jan 2026'."""
    satu_tahun = len({b[:4] for b in bulan}) == 1
    return [fmt.month(b, lang, panjang=False).split(" ")[0] if satu_tahun else fmt.month(b, lang, panjang=False)
            for b in bulan]


def tile_map(cak: pd.DataFrame, judul: str, lang: str = "id") -> go.Figure:
    """Tile map of the 12 kecamatan, coloured by cakupan %: needs no boundary data."""
    ncol = max(c for c, _ in TILES.values()) + 1
    nrow = max(r for _, r in TILES.values()) + 1
    z = [[None] * ncol for _ in range(nrow)]
    teks = [[""] * ncol for _ in range(nrow)]
    hover = [[""] * ncol for _ in range(nrow)]
    for r in cak.itertuples():
        c, b = TILES[r.kode_kecamatan]
        nilai = None if pd.isna(r.cakupan_persen) else float(r.cakupan_persen)
        z[b][c] = nilai if nilai is not None else float("nan")
        teks[b][c] = f"<b>{_label_petak(r.nama_kecamatan)}</b><br>{fmt.percent(nilai)}"
        hover[b][c] = (f"{r.nama_kecamatan}: {fmt.percent(nilai)} — {fmt.number(r.peserta_aktif)} "
                       f"/ {fmt.number(r.sasaran)} {t('orang', lang)}")
    fig = go.Figure(go.Heatmap(
        z=z, text=teks, texttemplate="%{text}", hovertext=hover, hoverinfo="text",
        # The scale starts at the lowest tens below the data so that differences are visible.
        colorscale=COVERAGE_SCALE, zmin=_zmin(cak), zmax=max(100.0, float(cak["cakupan_persen"].max() or 0)),
        xgap=4, ygap=4,
        colorbar={"title": {"text": "%", "side": "right"}, "thickness": 10, "orientation": "h",
                  "y": -0.02, "yanchor": "top", "len": 0.9},
        textfont={"size": 11},
    ))
    fig.update_yaxes(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False, ticks="")
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, ticks="")
    _tata(fig, judul, tinggi=420)
    fig.update_layout(hovermode="closest", plot_bgcolor="white")
    fig.update_xaxes(ticks="", showline=False)
    fig.update_yaxes(ticks="", showline=False)
    return fig


# Tile labels: long one-word names are hyphenated so that a tile stays readable on a phone.
TILE_LABELS = {"Medansatria": "Medan-<br>satria", "Pondokmelati": "Pondok-<br>melati",
               "Jatisampurna": "Jati-<br>sampurna", "Bantargebang": "Bantar-<br>gebang",
               "Rawalumbu": "Rawa-<br>lumbu", "Mustikajaya": "Mustika-<br>jaya", "Pondokgede": "Pondok-<br>gede"}


def _label_petak(nama: str) -> str:
    return TILE_LABELS.get(nama, nama.replace(" ", "<br>"))


def _zmin(cak: pd.DataFrame) -> float:
    ada = cak["cakupan_persen"].dropna()
    return float(min(50.0, (ada.min() // 10) * 10)) if len(ada) else 0.0


def boundaries_geojson(folder: Path) -> dict | None:
    """A boundary GeoJSON configured in data/ (batas_kecamatan.geojson), if any."""
    p = Path(folder) / "batas_kecamatan.geojson"
    if not p.is_file():
        return None
    try:
        return json.loads(p.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def match_features(geo: dict) -> dict:
    """Give each feature an id = kode_kecamatan, matched by a code property or the normalised
    name (so 'Pondok Gede' and 'PONDOKGEDE' both match). Unmatched features are left out."""
    fitur = []
    for f in geo.get("features", []):
        props = f.get("properties") or {}
        kode = None
        for v in props.values():
            if isinstance(v, (str, int)):
                kode = regions.find_kecamatan(str(v))
                if kode:
                    break
        if kode:
            fitur.append({**f, "id": kode})
    return {"type": "FeatureCollection", "features": fitur}


def choropleth_map(cak: pd.DataFrame, geo: dict, judul: str, lang: str = "id") -> go.Figure:
    geo = match_features(geo)
    fig = go.Figure(go.Choropleth(
        geojson=geo, locations=cak["kode_kecamatan"], z=cak["cakupan_persen"],
        text=[f"{n}: {fmt.percent(p)}" for n, p in zip(cak["nama_kecamatan"], cak["cakupan_persen"])],
        hoverinfo="text", colorscale=COVERAGE_SCALE, zmin=0, zmax=100,
        marker_line_color="white", colorbar={"title": {"text": "%"}, "thickness": 12},
    ))
    fig.update_geos(fitbounds="locations", visible=False)
    _tata(fig, judul, tinggi=440)
    return fig


def ranking_bar(cak: pd.DataFrame, kota: float | None, judul: str, lang: str = "id") -> go.Figure:
    d = cak.dropna(subset=["cakupan_persen"]).sort_values("cakupan_persen")
    warna = [ORANYE if kota is not None and v < kota - 10 else BIRU for v in d["cakupan_persen"]]
    fig = go.Figure(go.Bar(
        x=d["cakupan_persen"], y=d["nama_kecamatan"], orientation="h", marker_color=warna,
        text=[fmt.percent(v) for v in d["cakupan_persen"]], textposition="outside", cliponaxis=False,
        hovertext=[f"{n}: {fmt.number(a)} / {fmt.number(s)}" for n, a, s in
                   zip(d["nama_kecamatan"], d["peserta_aktif"], d["sasaran"])], hoverinfo="text",
    ))
    if kota is not None:
        fig.add_vline(x=kota, line_dash="dash", line_color=HITAM, layer="below",
                      annotation_text=t("garis_kota", lang, nilai=fmt.percent(kota)),
                      annotation_position="top")
    _tata(fig, judul, sumbu_x=t("kolom_cakupan", lang), tinggi=max(360, 32 * len(d) + 120))
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(range=[0, max(125, float(d["cakupan_persen"].max() or 0) + 25)])
    return fig


def simple_bar(x, y, judul: str, sumbu_y: str, sumbu_x: str = "", horizontal: bool = False,
                     warna: str = BIRU, teks=None, rupiah: bool = False, lang: str = "id") -> go.Figure:
    """A plain bar chart; rupiah=True scales to 'Rp juta/miliar' with the full amount on hover."""
    y = list(y)
    hover = None
    if rupiah:
        bagi, sumbu_y = rupiah_axis(y, lang)
        hover = [fmt.rupiah(v) for v in y]
        teks = teks if teks is not None else [fmt.rupiah_short(v, lang) for v in y]
        y = [v / bagi for v in y]
    bar = dict(marker_color=warna, text=teks, textposition="auto", customdata=hover,
               hovertemplate="%{customdata}<extra></extra>" if hover else None)
    if horizontal:
        fig = go.Figure(go.Bar(x=y, y=list(x), orientation="h", **bar))
        _tata(fig, judul, sumbu_x=sumbu_y, tinggi=max(340, 30 * len(y) + 120))
    else:
        fig = go.Figure(go.Bar(x=list(x), y=y, **bar))
        _tata(fig, judul, sumbu_y=sumbu_y, sumbu_x=sumbu_x)
    fig.update_layout(hovermode="closest")
    return fig


def tren_peserta(tren: pd.DataFrame, judul: str, lang: str = "id") -> go.Figure:
    x = _sumbu_bulan(list(tren["bulan"]), lang)
    fig = go.Figure()
    fig.add_bar(x=x, y=tren["baru"], name=t("tren_baru", lang), marker_color=HIJAU, yaxis="y2")
    fig.add_bar(x=x, y=-tren["keluar"], name=t("tren_keluar", lang), marker_color=MERAH, yaxis="y2",
                customdata=tren["keluar"], hovertemplate="%{customdata:,.0f}")
    fig.add_scatter(x=x, y=tren["registrasi_aktif"], name=t("tren_aktif", lang), mode="lines+markers",
                    line={"color": BIRU, "width": 3})
    _tata(fig, judul, sumbu_y=t("tren_aktif", lang) + " (" + t("orang", lang) + ")")
    fig.update_layout(barmode="relative",
                      # tickmode auto: Plotly's default for an overlaying axis ("sync") aligns its
                      # ticks with the left axis and labels them 34.277,35672 and the like.
                      yaxis2={"overlaying": "y", "side": "right", "showgrid": False, "zeroline": True,
                              "tickmode": "auto", "tickformat": ",d",
                              "title": {"text": t("tren_baru", lang) + " (+) / " + t("tren_keluar", lang) + " (−)"}})
    # The chart is half a page wide (or a phone): two years of months fit as four labels, every
    # sixth month from the last one (the as-of month is always labelled).
    langkah = 6 if len(x) > 12 else 3
    tanda = x[::-1][::langkah][::-1]
    fig.update_xaxes(tickmode="array", tickvals=tanda, ticktext=tanda, tickangle=0)
    return fig


def cumulative_anggaran(ang: pd.DataFrame, proyeksi: dict | None, judul: str, lang: str = "id") -> go.Figure:
    bulan = list(ang["bulan"])
    tahun = bulan[-1][:4] if bulan else ""
    ada_proyeksi = bool(proyeksi and proyeksi.get("sisa_bulan", 0) > 0 and len(ang))
    x = _sumbu_bulan(bulan + ([f"{tahun}-12"] if ada_proyeksi else []), lang)
    bagi, unit = rupiah_axis(list(ang["pagu"]) + list(ang["realisasi_kumulatif"])
                          + ([proyeksi["proyeksi"]] if ada_proyeksi else []), lang)
    bulan_ke = [int(b[5:7]) for b in bulan]
    n = len(bulan)

    def garis(y, nama, **gaya):
        fig.add_scatter(x=x[: len(y)], y=[v / bagi for v in y], name=nama, customdata=[fmt.rupiah(v) for v in y],
                        hovertemplate="%{customdata}", **gaya)

    fig = go.Figure()
    garis(list(ang["pagu"]), t("garis_pagu", lang), mode="lines", line={"color": HITAM, "width": 2, "shape": "hv"})
    garis([p * m / 12 for p, m in zip(ang["pagu"], bulan_ke)], t("garis_merata", lang), mode="lines",
          line={"color": ORANYE, "dash": "dash", "width": 2})
    garis(list(ang["realisasi_kumulatif"]), t("garis_realisasi", lang), mode="lines+markers",
          line={"color": BIRU, "width": 3})
    if ada_proyeksi:
        y = [ang["realisasi_kumulatif"].iloc[-1], proyeksi["proyeksi"]]
        fig.add_scatter(x=[x[n - 1], x[n]], y=[v / bagi for v in y], name=t("garis_proyeksi", lang),
                        mode="lines+markers", line={"color": BIRU, "dash": "dot", "width": 2},
                        customdata=[fmt.rupiah(v) for v in y], hovertemplate="%{customdata}")
    _tata(fig, judul, sumbu_y=unit)
    return fig


def monthly_rupiah_bar(bulan: list[str], nilai, judul: str, lang: str = "id", warna: str = BIRU) -> go.Figure:
    bagi, unit = rupiah_axis(nilai, lang)
    fig = go.Figure(go.Bar(x=_sumbu_bulan(list(bulan), lang), y=[v / bagi for v in nilai], marker_color=warna,
                           customdata=[fmt.rupiah(v) for v in nilai], hovertemplate="%{customdata}<extra></extra>"))
    _tata(fig, judul, sumbu_y=unit)
    return fig


def rekonsiliasi(rek: pd.DataFrame, judul: str, lang: str = "id") -> go.Figure:
    """The differences, not the three near-equal totals: billed − expected per month (over- or
    under-billing), and paid − billed where the payment is known."""
    x = _sumbu_bulan(list(rek["bulan"]), lang)
    lebih = list(rek["selisih"])
    bayar = [(d - b) if d == d else None for d, b in zip(rek["iuran_dibayar"], rek["iuran_ditagih"])] \
        if rek["iuran_dibayar"].notna().any() else []
    if bayar and rek["iuran_dibayar"].iloc[-1] == 0:
        bayar[-1] = None   # the latest bill is normally paid next month: not yet a difference
    bagi, unit = rupiah_axis(lebih + [v for v in bayar if v is not None], lang)
    fig = go.Figure()
    fig.add_bar(x=x, y=[v / bagi for v in lebih], name=t("rekon_selisih_tagih", lang),
                marker_color=[MERAH if v > 0 else BIRU for v in lebih],
                customdata=[fmt.rupiah(v) for v in lebih], hovertemplate="%{customdata}")
    if bayar:
        fig.add_scatter(x=x, y=[None if v is None else v / bagi for v in bayar], name=t("rekon_selisih_bayar", lang),
                        mode="lines+markers", line={"color": ORANYE, "width": 2},
                        customdata=[fmt.rupiah(v) for v in bayar], hovertemplate="%{customdata}")
    _tata(fig, judul, sumbu_y=unit)
    fig.update_yaxes(rangemode="normal", zeroline=True, zerolinecolor=HITAM)
    return fig


def klaim_bulanan(kb: pd.DataFrame, bulan_semua: list[str], judul: str, lang: str = "id") -> go.Figure:
    fig = go.Figure()
    x = _sumbu_bulan(bulan_semua, lang)
    bagi, unit = rupiah_axis(kb.groupby("bulan")["nominal_dibayar"].sum().tolist() or [0], lang)
    for program, warna in (("JKK", ORANYE), ("JKM", BIRU), ("JHT", HIJAU)):
        ada = kb[kb["program"] == program].set_index("bulan")
        if program == "JHT" and ada.empty:
            continue
        d = ada.reindex(bulan_semua)
        # A month with no row had no claims (0); a row whose value is missing was hidden in
        # public mode and stays a gap, not a zero.
        tanpa_baris = ~pd.Index(bulan_semua).isin(ada.index)
        nilai = d["nominal_dibayar"].where(~tanpa_baris, 0.0)
        fig.add_bar(x=x, y=nilai / bagi, name=program, marker_color=warna,
                    customdata=[f"{fmt.rupiah(v)} ({t('klaim_n', lang, n=fmt.number(n))})" for v, n in
                                zip(nilai, d["jumlah_klaim"].where(~tanpa_baris, 0))],
                    hovertemplate="%{customdata}")
    _tata(fig, judul, sumbu_y=unit)
    fig.update_layout(barmode="stack")
    return fig
