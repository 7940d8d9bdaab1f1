"""What the pages draw with: tables with their downloads (labels and formats from the figure's
spec), headline cards, charts (built once per view and shared), the import history."""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ucj_oversight import disclosure, figures, settings
from ucj_oversight.figures.spec import spec_of
from ucj_oversight.ingest.controls import MISMATCH
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import TEXTS
from ucj_oversight.web import data

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from ucj_oversight.web.page import Context

_FORMATS = {"angka": fmt.number, "rupiah": fmt.rupiah, "persen": lambda v: fmt.percent(v)}


# ------------------------------------------------------------------ tables and downloads


def excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Cells starting with = + - @ are neutralised so a download cannot run a formula in Excel
    (numbers stay numbers; only text is touched)."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(
                lambda v: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
            )
    return out


def table(
    k: Context,
    df: pd.DataFrame,
    figure=None,
    columns: list[str] | None = None,
    *,
    labels: dict[str, str] | None = None,
    file_name: str | None = None,
    height: int | None = None,
) -> None:
    """Show a table with id-ID formatting and CSV + XLSX downloads of the same rows.

    figure: the figure function (or FigureSpec) the table comes from: its spec gives each
    column's label (a text/labels.py key) and display format, and the download's file name.
    columns: the columns to show, in order (default: all of df's). labels: the label key of a
    column the page adds for display (e.g. a translated segmen name), or one that differs from
    the spec. A table that is no figure (the audit log) passes only file_name."""
    spec = spec_of(figure) if figure is not None else None
    columns = list(columns or df.columns)
    file_name = file_name or spec.name
    declared = {c.name: c for c in spec.columns} if spec else {}
    label_keys = {c: (labels or {}).get(c) or (declared[c].label if c in declared else None) or c for c in columns}
    shown = df[columns].copy()
    for c in columns:
        if c in declared and declared[c].format is not None:
            shown[c] = shown[c].map(_FORMATS[declared[c].format])
    download = df[columns]
    mask = df.attrs.get("sdc_mask")
    if mask is not None:
        # Hidden cells read '<5' / 'disamarkan' on screen and in the downloads alike.
        texts = disclosure.display_figure(df.attrs["sdc_figure"], df, mask, k.lang)
        download = download.astype(object).copy()
        for c in columns:
            if c in mask.columns and mask[c].any():
                shown[c] = shown[c].astype(object)
                shown.loc[mask[c].to_numpy(), c] = texts.loc[mask[c].to_numpy(), c]
                download.loc[mask[c].to_numpy(), c] = texts.loc[mask[c].to_numpy(), c]
    titles = {c: (k.t(v) if v in TEXTS else v) for c, v in label_keys.items()}
    shown = shown.rename(columns=titles)
    shown.attrs = {}  # the SDC mask is not for Arrow serialisation
    st.dataframe(shown, hide_index=True, width="stretch", height=height or "auto")
    download.attrs = {}
    c1, c2, _ = st.columns([1, 1, 4])
    # The files are built only when a button is clicked (Streamlit calls `data` then, in another
    # thread): building CSV + XLSX of every table on every page run cost ~15 % of a run.
    c1.download_button(
        k.t("unduh_csv"),
        lambda: csv_bytes(download),
        file_name=f"{file_name}_{k.asof}.csv",
        mime="text/csv",
        key=f"csv_{file_name}",
        on_click="ignore",
    )
    c2.download_button(
        k.t("unduh_xlsx"),
        lambda: _xlsx(excel_safe(download)),
        file_name=f"{file_name}_{k.asof}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{file_name}",
        on_click="ignore",
    )


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV download of a table (cells neutralised for Excel, UTF-8)."""
    return excel_safe(df).to_csv(index=False).encode("utf-8")


def _xlsx(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as w:
        df.to_excel(w, index=False, sheet_name="data")
    return buf.getvalue()


def sources_and_position(k: Context) -> None:
    s = data.figure(k, figures.sumber_impor)
    used = s[s["dipakai"]] if len(s) else s
    if len(used):
        st.caption(
            k.t(
                "sumber_data",
                n=len(used),
                tanggal=fmt.date(used["waktu"].max(), k.lang),
                posisi=fmt.date(k.asof.end, k.lang),
            )
        )


def import_history(k: Context, file_name: str, *, used_only: bool = False, in_expander: bool = False) -> None:
    """The imports behind the figures. Public mode shows only date and row counts: file names
    and hashes are internal details."""
    s = data.figure(k, figures.sumber_impor)
    if used_only and len(s):
        s = s[s["dipakai"]]
    s = s.assign(
        waktu=[fmt.date(w, k.lang) + " " + str(w)[11:16] for w in s["waktu"]],
        dipakai=[k.t("ya") if d else k.t("tidak") for d in s["dipakai"]],
    )
    if settings.public_mode():
        columns = ["waktu", "jenis", "baris_dimuat", "baris_dikarantina"]
    else:
        columns = [
            "impor_id",
            "nama_file",
            "jenis",
            "waktu",
            "baris_dimuat",
            "baris_dikarantina",
            "dipakai",
            "kontrol",
            "sha256",
        ]
    with st.expander(k.t("sumber_impor")) if in_expander else st.container():
        if not settings.public_mode():
            # A control total that did not match is easy to miss in a wide table: say it first.
            for row in s[s["kontrol"].fillna("").str.contains(MISMATCH, regex=False)].itertuples():
                st.warning(k.t("kontrol_tidak_cocok", impor=row.impor_id, file=row.nama_file, teks=row.kontrol))
        table(k, s, figures.sumber_impor, columns, file_name=file_name)


# ------------------------------------------------------------------ cards and charts


def card(
    column, title: str, value: str, note: str, help_text: str, delta: str | None = None, delta_color: str = "normal"
) -> None:
    """A headline card: value, what it is compared with, and a one-line meaning (help)."""
    if delta and delta.startswith("−"):
        # st.metric reads the sign from an ASCII '-' only; with the typographic minus it would
        # draw a falling number with a green up-arrow.
        delta = "-" + delta[1:]
    with column:
        st.metric(title, value, delta=delta, delta_color=delta_color, help=help_text, border=True)
        st.caption(note)


def klaim_card(k: Context, count, nominal) -> tuple[str, str]:
    """Claim count and amount for a card; in public mode 1-4 claims (or a cell the table hid)
    are masked, with their Rupiah."""
    if settings.public_mode() and (pd.isna(count) or disclosure.needs_suppression(int(count))):
        return disclosure.COUNT_TEXT, k.t("disamarkan")
    return fmt.number(int(count)), fmt.rupiah_short(nominal, k.lang)


def people_card(n) -> str:
    """A count of people for a card: '<5' in public mode when 1-4."""
    if settings.public_mode() and disclosure.needs_suppression(n):
        return disclosure.COUNT_TEXT
    return fmt.number(n)


def chart(fig, key: str) -> None:
    """A chart without Plotly's toolbar (it covers titles on a phone and means nothing to a reader)."""
    st.plotly_chart(fig, key=key, config={"displayModeBar": False, "responsive": True})


def cached_chart(k: Context, key: str, build: Callable[[], go.Figure], *keys: Hashable) -> None:
    """Draw the chart `build()` builds, built once and shared by every session.

    Building a Plotly figure (validation of every property) was ~60 % of a warm page run, and
    the same view gives the same figure for everyone: the figure is kept per (database version,
    month, kecamatan, segment, language, public mode, `key`, the place `build` is written, and
    `keys`). So `build` may use only what follows from the view `k` (figures of this version,
    month and filters; texts in k.lang); anything else it depends on goes in `keys`.
    The figure never leaves this function: st.plotly_chart only reads it (to_dict copies), so
    the cached object is never changed after it was built."""
    code = getattr(build, "__code__", None)
    place = (code.co_filename, code.co_firstlineno) if code else repr(build)
    fig = _cached_chart_figure(
        k.version,
        str(k.asof),
        k.filter.kecamatan,
        k.filter.segmen,
        k.lang,
        settings.public_mode(),
        key,
        place,
        keys,
        _build=build,
    )
    chart(fig, key)


@st.cache_resource(show_spinner=False, max_entries=1000)
def _cached_chart_figure(
    version: tuple,
    asof: str,
    kecamatan: str | None,
    segmen: str | None,
    lang: str,
    public: bool,
    key: str,
    place,
    keys: tuple,
    _build,
):
    """cache_resource: the figure object itself is shared (st.cache_data would pickle it, and
    unpickling a go.Figure validates it all over again). Read-only after this: see cached_chart."""
    return _build()
