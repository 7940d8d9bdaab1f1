"""Shared page chrome: URL state, sidebar filters, the simulated-data banner, cached figures,
and tables with downloads. Pages read top to bottom: konteks() -> figures -> draw.
"""
from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ucj_oversight import settings, figures, disclosure, regions
from ucj_oversight.storage import db
from ucj_oversight.text import fmt
from ucj_oversight.figures import AsOf, Filter
from ucj_oversight.text.labels import segmen_label
from ucj_oversight.text.labels import TEXTS, t

if TYPE_CHECKING:
    import plotly.graph_objects as go

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Context:
    lang: str
    asof: AsOf
    saringan: Filter
    versi: tuple
    simulasi: bool
    bulan_tersedia: tuple[str, ...]

    def t(self, kunci: str, **isi) -> str:
        return t(kunci, self.lang, **isi)

    @property
    def seluruh_kota(self) -> Filter:
        """The view's segment filter without its kecamatan: context for maps and rankings."""
        return Filter(None, self.saringan.segmen)

    @property
    def bulan_teks(self) -> str:
        return fmt.month(str(self.asof), self.lang)


# ------------------------------------------------------------------ cached data access

# Budget figures are city-wide: SP2D and DPA have no kecamatan.
CITY_ONLY = frozenset({"anggaran_bulanan", "biaya_per_peserta_bulan", "proyeksi_akhir_tahun"})


@st.cache_data(show_spinner=False, max_entries=2000)
def _figur(versi: tuple, nama: str, asof: str | None, kecamatan: str | None, segmen: str | None,
           ekstra: tuple = ()):
    """Run one figure function on a read-only cursor of exactly that database version. `versi`
    (the database file's identity) is part of the key, so a new import is seen at once and an
    unchanged one is free; every figure of a run reads the version the run started with
    (db.baca_versi). Concurrent sessions wanting the same missing entry compute it once
    (st.cache_data holds a lock per key, not one for all)."""
    with db.read_version(versi) as con:
        fn = getattr(figures, nama)
        if asof is None:
            return fn(con)
        a = AsOf.from_text(asof)
        if nama in CITY_ONLY:
            return fn(con, a)
        return fn(con, a, *ekstra, saringan=Filter(kecamatan, segmen))


def figure(k: Context, nama: str, *ekstra, asof: AsOf | None = None, saringan: Filter | None = None):
    """A figure for this view; `saringan` overrides the view's filters (e.g. k.seluruh_kota).
    In public mode the tables that count people or claims come back with small cells hidden
    (statistical disclosure control, ucj_oversight/sdc.py); the mask travels in df.attrs so
    tables and downloads show '<5' / 'disamarkan'."""
    a = asof or k.asof
    s = k.saringan if saringan is None else saringan
    if settings.public_mode() and nama in disclosure.WRAPPERS:
        return _figur_publik(k.versi, nama, str(a), s.kecamatan, s.segmen, tuple(ekstra))
    return _figur(k.versi, nama, str(a), s.kecamatan, s.segmen, tuple(ekstra))


@st.cache_data(show_spinner=False, max_entries=2000)
def _figur_publik(versi: tuple, nama: str, asof: str, kecamatan: str | None, segmen: str | None,
                  ekstra: tuple = ()):
    """The figure with public mode's disclosure control applied, cached under the same key as
    the figure (the control is a pure function of the figure): done once per database version
    and view, not on every page run."""
    hasil = _figur(versi, nama, asof, kecamatan, segmen, ekstra)
    with warnings.catch_warnings():
        # A table that cannot protect a cell by itself: the hidden cells stay hidden anyway.
        warnings.simplefilter("ignore", disclosure.DisclosureWarning)
        data, mask = disclosure.WRAPPERS[nama](hasil)
    data.attrs["sdc_mask"] = mask
    data.attrs["sdc_nama"] = nama
    return data


def figure_without_month(k: Context, nama: str):
    return _figur(k.versi, nama, None, None, None)


# ------------------------------------------------------------------ URL state and sidebar

def _db_siap() -> Path:
    path = settings.db_path()
    if not path.exists() and path == settings.SAMPLE_DB:
        with st.spinner("Menyiapkan basis data contoh dari data/sampel (sekali saja)…"):
            settings.ensure_sample_db(path)
    if path.exists():
        _turunan_terkini(db.version_token(path))
    return path


@st.cache_resource(show_spinner=False, max_entries=20)
def _turunan_terkini(versi: tuple) -> None:
    """Once per database version: a file built by an older version of the dashboard gets its
    derived layer rebuilt (the figures read tables it may not have)."""
    if db.derived_outdated(Path(versi[0])):
        with st.spinner("Memperbarui tabel turunan untuk versi dasbor ini (sekali saja)…"):
            db.ensure_derived(Path(versi[0]))


def _pesan_param(lang: str, nama: str, nilai: str, alasan: str, pakai: str) -> None:
    """Queue the message: it is shown on the page the user lands on (after '/' forwards)."""
    st.session_state.setdefault("_pesan_tertunda", []).append(
        t("param_salah", lang, nama=nama, nilai=str(nilai)[:60], alasan=alasan, pakai=pakai))


def show_messages() -> None:
    for pesan in st.session_state.get("_pesan_tertunda", []):
        st.warning(pesan, icon=":material/warning:")


def messages_done() -> None:
    """Called by app.py after a page has been drawn: queued messages were seen."""
    if not st.session_state.pop("_dialihkan", False):
        st.session_state["_pesan_tertunda"] = []


def context() -> Context | None:
    """Read URL + sidebar into one Konteks; None (after showing why) when there is no data.

    The chosen values live in st.session_state["_filter"], not only in the widgets: a widget's
    own state is dropped by Streamlit on any run that does not draw it, and the filters must
    survive page switches and reruns."""
    qp = st.query_params
    ss = st.session_state
    f = ss.setdefault("_filter", {})
    lang_url = qp.get("lang", "id")
    if "lang" not in f:
        f["lang"] = lang_url if lang_url in LANGUAGES else "id"
        if lang_url not in LANGUAGES:
            _pesan_param("id", "lang", lang_url, "id / en", "id")

    path = _db_siap()
    if not path.exists():
        show_messages()
        st.error(t("db_tidak_ada", f["lang"], path=str(path)))
        return None
    versi = db.version_token(path)
    terakhir = _figur(versi, "latest_month", None, None, None)
    if terakhir is None:
        st.info(t("belum_ada_data", f["lang"]))
        return None
    bulan_tersedia = _daftar_bulan(terakhir)
    segmen_ada = _figur(versi, "segmen_list", None, None, None)
    kode_kec = [k.kode for k in regions.list_kecamatan()]

    # First run of a session: the URL decides (a shared link reproduces the view).
    if "as_of" not in f:
        _dari_url(qp, f, bulan_tersedia, kode_kec, segmen_ada, str(terakhir))
    if f["as_of"] not in bulan_tersedia:      # a new import moved the months on
        f["as_of"] = str(terakhir)
    show_messages()

    def simpan(kunci: str) -> None:
        f[kunci] = ss[kunci]

    def widget(fungsi, label, pilihan, kunci, **kw):
        ss[kunci] = f[kunci]
        fungsi(label, pilihan, key=kunci, on_change=simpan, args=(kunci,), **kw)

    with st.sidebar:
        widget(st.segmented_control, t("bahasa", f["lang"]), LANGUAGES, "lang", required=True,
               format_func=lambda x: {"id": "Bahasa Indonesia", "en": "English"}[x])
        lang = f["lang"]
        st.subheader(t("filter", lang))
        widget(st.selectbox, t("posisi", lang), bulan_tersedia, "as_of", format_func=lambda b: fmt.month(b, lang))
        widget(st.selectbox, t("kecamatan", lang), ["", *kode_kec], "kecamatan",
               format_func=lambda k: t("semua_kecamatan", lang) if not k else regions.kecamatan_name(k))
        widget(st.selectbox, t("segmen", lang), ["", *segmen_ada], "segmen",
               format_func=lambda s: t("semua_segmen", lang) if not s else segmen_label(s))
    _ke_url(f, str(terakhir))
    k = Context(lang=lang, asof=AsOf.from_text(f["as_of"]),
                saringan=Filter(f["kecamatan"] or None, f["segmen"] or None),
                versi=versi, simulasi=_figur(versi, "is_simulated", None, None, None),
                bulan_tersedia=tuple(bulan_tersedia))
    # Card values must fit four to a row on a laptop and wrap on a phone instead of being cut.
    st.markdown("<style>[data-testid='stMetricValue']{font-size:clamp(1.35rem,2.1vw,2rem);"
                "white-space:normal;overflow-wrap:anywhere}[data-testid='stMetricValue'] div{white-space:normal;"
                "overflow:visible;text-overflow:clip}"
                "[data-testid='stMarkdownContainer'] table{display:block;overflow-x:auto;max-width:100%}</style>", unsafe_allow_html=True)
    if k.simulasi:
        st.warning("**" + k.t("simulasi") + "**", icon=":material/science:")
    return k


def _daftar_bulan(terakhir: AsOf, n: int = 36) -> list[str]:
    hasil, a = [], terakhir
    for _ in range(n):
        hasil.append(str(a))
        a = a.previous()
    return hasil


def _dari_url(qp, f: dict, bulan_tersedia, kode_kec, segmen_ada, terakhir: str) -> None:
    lang = f["lang"]
    f.update(as_of=terakhir, kecamatan="", segmen="")
    if "as_of" in qp:
        nilai = qp["as_of"]
        if nilai in bulan_tersedia:
            f["as_of"] = nilai
        else:
            _pesan_param(lang, "as_of", nilai, "YYYY-MM, " + fmt.month(bulan_tersedia[-1], lang) + " – "
                         + fmt.month(bulan_tersedia[0], lang), fmt.month(terakhir, lang))
    if qp.get("kecamatan"):
        kode = regions.find_kecamatan(qp["kecamatan"])
        if kode:
            f["kecamatan"] = kode
        else:
            _pesan_param(lang, "kecamatan", qp["kecamatan"], t("kecamatan", lang) + " Kota Bekasi",
                         t("semua_kecamatan", lang))
    if qp.get("segmen"):
        seg = Filter.parse(segmen=qp["segmen"]).segmen
        if seg in segmen_ada:
            f["segmen"] = seg
        else:
            _pesan_param(lang, "segmen", qp["segmen"], ", ".join(segmen_ada), t("semua_segmen", lang))


def _ke_url(f: dict, terakhir: str) -> None:
    """Write the current state back to the URL (only what differs from the defaults), keeping
    any page-specific parameters (view=...)."""
    ingin = {"as_of": f["as_of"] if f["as_of"] != terakhir else None,
             "kecamatan": f["kecamatan"] or None, "segmen": f["segmen"] or None,
             "lang": f["lang"] if f["lang"] != "id" else None}
    for kunci, nilai in ingin.items():
        if nilai is None:
            if kunci in st.query_params:
                del st.query_params[kunci]
        elif st.query_params.get(kunci) != nilai:
            st.query_params[kunci] = nilai


# ------------------------------------------------------------------ tables and downloads

def excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Cells starting with = + - @ are neutralised so a download cannot run a formula in Excel
    (numbers stay numbers; only text is touched)."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(lambda v: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r")
                                else v)
    return out


def table(k: Context, df: pd.DataFrame, nama_file: str, kolom: dict[str, str] | None = None,
          format_kolom: dict[str, str] | None = None, tinggi: int | None = None) -> None:
    """Show a table with id-ID formatting and CSV + XLSX downloads of the same rows.
    kolom: source column -> label key; format_kolom: column -> 'angka' | 'rupiah' | 'persen'."""
    kolom = kolom or {c: c for c in df.columns}
    shows = df[list(kolom)].copy()
    for c, jenis in (format_kolom or {}).items():
        f = {"angka": fmt.number, "rupiah": fmt.rupiah, "persen": lambda v: fmt.percent(v)}[jenis]
        shows[c] = shows[c].map(f)
    unduh = df[list(kolom)]
    mask = df.attrs.get("sdc_mask")
    if mask is not None:
        # Hidden cells read '<5' / 'disamarkan' on screen and in the downloads alike.
        teks = disclosure.display_figure(df.attrs["sdc_nama"], df, mask, k.lang)
        unduh = unduh.astype(object).copy()
        for c in kolom:
            if c in mask.columns and mask[c].any():
                shows[c] = shows[c].astype(object)
                shows.loc[mask[c].to_numpy(), c] = teks.loc[mask[c].to_numpy(), c]
                unduh.loc[mask[c].to_numpy(), c] = teks.loc[mask[c].to_numpy(), c]
    judul = {c: (k.t(v) if v in TEXTS else v) for c, v in kolom.items()}
    shows = shows.rename(columns=judul)
    shows.attrs = {}   # the SDC mask is not for Arrow serialisation
    st.dataframe(shows, hide_index=True, width="stretch", height=tinggi or "auto")
    unduh.attrs = {}
    c1, c2, _ = st.columns([1, 1, 4])
    # The files are built only when a button is clicked (Streamlit calls `data` then, in another
    # thread): building CSV + XLSX of every table on every page run cost ~15 % of a run.
    c1.download_button(k.t("unduh_csv"), lambda: csv_bytes(unduh),
                       file_name=f"{nama_file}_{k.asof}.csv", mime="text/csv", key=f"csv_{nama_file}",
                       on_click="ignore")
    c2.download_button(k.t("unduh_xlsx"), lambda: _xlsx(excel_safe(unduh)), file_name=f"{nama_file}_{k.asof}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"xlsx_{nama_file}", on_click="ignore")


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV download of a table (cells neutralised for Excel, UTF-8)."""
    return excel_safe(df).to_csv(index=False).encode("utf-8")


def _xlsx(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as w:
        df.to_excel(w, index=False, sheet_name="data")
    return buf.getvalue()


def sources_and_position(k: Context) -> None:
    s = figure_without_month(k, "sumber_impor")
    dipakai = s[s["dipakai"]] if len(s) else s
    if len(dipakai):
        st.caption(k.t("sumber_data", n=len(dipakai), tanggal=fmt.date(dipakai["waktu"].max(), k.lang),
                       posisi=fmt.date(k.asof.akhir, k.lang)))


def require_context(publik_boleh: bool = True, peran: str | None = None) -> Context:
    """The context app.py prepared for this run; stops the page (message already shown) if none.
    publik_boleh=False pages never draw in public mode, and `peran` pages only for that role,
    even if something runs the file directly (defence in depth: app.py does not list them)."""
    if not st.session_state.get("_app_berjalan"):
        leave_pages_folder_mode()
    if not publik_boleh and settings.public_mode():
        st.stop()
    if peran is not None:
        pengguna = st.session_state.get("pengguna")
        if pengguna is None or getattr(pengguna, "peran", None) != peran:
            st.error(t("bukan_hak", st.session_state.get("_filter", {}).get("lang", "id")))
            st.stop()
    k = st.session_state.get("konteks")
    if k is None:
        st.stop()
    return k


def username() -> str:
    p = st.session_state.get("pengguna")
    return getattr(p, "username", None) or getattr(p, "nama", None) or "tanpa-nama"


# Single-chart views for embeds in the transparency portal: ?view=peta on Cakupan, etc.
VIEWS = {"ringkasan": ("kartu", "peringkat", "anggaran", "presentasi"), "cakupan": ("peta", "peringkat", "tren", "segmen"),
        "anggaran": ("kumulatif", "sp2d", "rekon"), "klaim": ("kartu", "bulanan", "kecamatan")}


def view(k: Context, halaman: str) -> str | None:
    """The requested single view of this page, or None for the whole page. An unknown view gets
    a message and the whole page."""
    v = st.query_params.get("view")
    if not v:
        return None
    if v not in VIEWS.get(halaman, ()):
        st.warning(k.t("param_salah", nama="view", nilai=str(v)[:40], alasan=", ".join(VIEWS.get(halaman, ())),
                       pakai=k.t("seluruh_halaman")), icon=":material/warning:")
        return None
    # An embedded single chart: no sidebar, no page chrome.
    st.markdown("<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
                "[data-testid='stExpandSidebarButton']{display:none}</style>", unsafe_allow_html=True)
    return v


def shows(v: str | None, nama: str) -> bool:
    """Draw this part? Everything when no view is chosen, else only the chosen part."""
    return v is None or v == nama


def leave_pages_folder_mode() -> None:
    """A page script ran without app.py: Streamlit's legacy pages/ mode answered a deep link
    (e.g. /anggaran) as the server's first request, before app.py had called st.navigation
    (AppTest resets that mode before every run, so there it happens on every rerun).
    The safety net only: `python -m ucj_oversight.server` turns that mode off before the
    server starts, so a deployed server never gets here.
    Switch the server to st.navigation mode (what st.navigation itself does) and rerun, so
    app.py runs and opens the same page with its sidebar and filters."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def card(kolom, judul: str, nilai: str, keterangan: str, bantuan: str, delta: str | None = None,
          delta_warna: str = "normal") -> None:
    """A headline card: value, what it is compared with, and a one-line meaning (help)."""
    if delta and delta.startswith("−"):
        # st.metric reads the sign from an ASCII '-' only; with the typographic minus it would
        # draw a falling number with a green up-arrow.
        delta = "-" + delta[1:]
    with kolom:
        st.metric(judul, nilai, delta=delta, delta_color=delta_warna, help=bantuan, border=True)
        st.caption(keterangan)


def chart(fig, key: str) -> None:
    """A chart without Plotly's toolbar (it covers titles on a phone and means nothing to a reader)."""
    st.plotly_chart(fig, key=key, config={"displayModeBar": False, "responsive": True})


def cached_chart(k: Context, key: str, bangun: Callable[[], "go.Figure"], *kunci: Hashable) -> None:
    """Draw the chart `bangun()` builds (as `grafik`), built once and shared by every session.

    Building a Plotly figure (validation of every property) was ~60 % of a warm page run, and
    the same view gives the same figure for everyone: the figure is kept per (database version,
    month, kecamatan, segment, language, public mode, `key`, the place `bangun` is written, and
    `kunci`). So `bangun` may use only what follows from the view `k` (figures of this version,
    month and filters; texts in k.lang); anything else it depends on goes in `kunci`.
    The figure never leaves this function: st.plotly_chart only reads it (to_dict copies), so
    the cached object is never changed after it was built."""
    kode = getattr(bangun, "__code__", None)
    tempat = (kode.co_filename, kode.co_firstlineno) if kode else repr(bangun)
    fig = _grafik_tersimpan(k.versi, str(k.asof), k.saringan.kecamatan, k.saringan.segmen, k.lang,
                            settings.public_mode(), key, tempat, kunci, _bangun=bangun)
    chart(fig, key)


@st.cache_resource(show_spinner=False, max_entries=1000)
def _grafik_tersimpan(versi: tuple, asof: str, kecamatan: str | None, segmen: str | None, lang: str,
                      publik: bool, key: str, tempat, kunci: tuple, _bangun):
    """cache_resource: the figure object itself is shared (st.cache_data would pickle it, and
    unpickling a go.Figure validates it all over again). Read-only after this: see grafik_view."""
    return _bangun()


def klaim_card(k: Context, jumlah, nominal) -> tuple[str, str]:
    """Claim count and amount for a card; in public mode 1-4 claims (or a cell the table hid)
    are masked, with their Rupiah."""
    if settings.public_mode() and (pd.isna(jumlah) or disclosure.needs_suppression(int(jumlah))):
        return disclosure.COUNT_TEXT, k.t("disamarkan")
    return fmt.number(int(jumlah)), fmt.rupiah_short(nominal, k.lang)


def people_card(n) -> str:
    """A count of people for a card: '<5' in public mode when 1-4."""
    if settings.public_mode() and disclosure.needs_suppression(n):
        return disclosure.COUNT_TEXT
    return fmt.number(n)


def import_history(k: Context, nama_file: str, *, hanya_dipakai: bool = False, dalam_expander: bool = False) -> None:
    """The imports behind the figures. Public mode shows only date and row counts: file names
    and hashes are internal details."""
    s = figure_without_month(k, "sumber_impor")
    if hanya_dipakai and len(s):
        s = s[s["dipakai"]]
    s = s.assign(waktu=[fmt.date(w, k.lang) + " " + str(w)[11:16] for w in s["waktu"]],
                 dipakai=[k.t("ya") if d else k.t("tidak") for d in s["dipakai"]])
    if settings.public_mode():
        kolom = {"waktu": "kolom_waktu", "jenis": "kolom_jenis", "baris_dimuat": "kolom_dimuat",
                 "baris_dikarantina": "kolom_dikarantina"}
    else:
        kolom = {"impor_id": "kolom_impor", "nama_file": "kolom_file", "jenis": "kolom_jenis",
                 "waktu": "kolom_waktu", "baris_dimuat": "kolom_dimuat", "baris_dikarantina": "kolom_dikarantina",
                 "dipakai": "kolom_dipakai", "sha256": "kolom_sha"}
    wadah = st.expander(k.t("sumber_impor")) if dalam_expander else st.container()
    with wadah:
        table(k, s, nama_file, kolom, {"baris_dimuat": "angka", "baris_dikarantina": "angka"})


@st.cache_data(show_spinner=False, max_entries=50)
def _zip_data_terbuka(versi: tuple, asof: str, publik: bool) -> bytes:
    import tempfile
    import zipfile

    from ucj_oversight.publish import export
    with tempfile.TemporaryDirectory() as tmp, db.read_version(versi) as con:
        a = AsOf.from_text(asof)
        files = disclosure.export_public(con, a, Path(tmp)) if publik else export.export(con, a, Path(tmp))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for f in files:
                z.write(f, arcname=f.name)
        return buf.getvalue()


def open_data_zip(k: Context) -> bytes:
    """The export tables + datapackage.json for the view's month; suppressed in public mode."""
    return _zip_data_terbuka(k.versi, str(k.asof), settings.public_mode())


def call_figure(k: Context, fungsi):
    """Call a function of (con, asof, saringan) on a read-only connection (not cached)."""
    with db.read_version(k.versi) as con:
        return fungsi(con, k.asof, k.saringan)


@st.cache_data(show_spinner=False, max_entries=50)
def _pdf_briefing(versi: tuple, asof: str, kecamatan: str | None, segmen: str | None, lang: str) -> bytes:
    from ucj_oversight import briefing
    with db.read_version(versi) as con:
        return briefing.build_pdf(con, AsOf.from_text(asof), None, saringan=Filter(kecamatan, segmen), lang=lang)


def briefing_pdf(k: Context) -> bytes:
    """The same PDF as `python -m ucj_oversight briefing` for this view."""
    return _pdf_briefing(k.versi, str(k.asof), k.saringan.kecamatan, k.saringan.segmen, k.lang)
