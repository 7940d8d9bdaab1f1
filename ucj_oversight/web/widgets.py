"""What the pages draw with: tables with their downloads (labels and formats from the figure's
spec), headline cards, charts (built once per view and shared), the import history."""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ucj_oversight import disclosure, figures, settings
from ucj_oversight.figures.spec import spec_of
from ucj_oversight.ingest.controls import MISMATCH
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import TEXTS, t
from ucj_oversight.web import chart_style, data

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from ucj_oversight.web.page import Context


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


# A table with at most this many rows is drawn whole (no scroll box); a longer one (the rows
# behind a finding, up to 5.000) scrolls inside a box of about this many rows.
WHOLE_ROWS = 40
PIN_CHARS = 24  # a key column with longer texts is not pinned (see table)
_ROW_PX = 35


def _formatter(column, lang: str) -> Callable | None:
    """How a declared column reads: its display format, else by its dtype (months 'Okt 2026',
    days '15 Okt 2026', times with 'WIB', yes/no)."""
    if column.format == "angka":
        return lambda v: fmt.number(v, lang=lang)
    if column.format == "rupiah":
        return lambda v: fmt.rupiah(v, lang)
    if column.format == "persen":
        return lambda v: fmt.percent(v, lang=lang)
    if column.dtype == "month":
        return lambda v: fmt.month(str(v)[:7], lang, short=True) if not fmt.is_empty(v) else ""
    if column.dtype == "day":
        return lambda v: fmt.date(v, lang, short=True) if not fmt.is_empty(v) else ""
    if column.dtype == "datetime":
        return lambda v: fmt.time(v, lang, short=True) if not fmt.is_empty(v) else ""
    if column.dtype in ("bool", "boolean"):
        return lambda v: "" if fmt.is_empty(v) else t("ya" if v else "tidak", lang)
    return None


def _numeric(column) -> bool:
    return column.format in ("angka", "rupiah", "persen") or column.dtype in ("int64", "int32", "Int64", "float64")


def _total_allowed(spec, column: str, public: bool) -> bool:
    """May the total of this column be shown? Always in internal mode; in public mode only where
    the figure's disclosure rule publishes the column total of the whole table (so its hidden
    cells were protected against it): counts in `totals` (all by default), their amounts."""
    rule = spec.disclosure if spec is not None else None
    if not public or rule is None:
        return True
    if () not in rule.per:
        return False
    if any(column in v for v in rule.follows.values()):
        return False  # a percentage: never added anyway
    count = column if column in rule.counts else next((c for c, v in rule.amounts.items() if column in v), None)
    if count is None:
        return True
    return rule.totals is None or count in rule.totals


def _totals_row(k, df, spec, totals, total_values, key_column, shown_columns) -> dict[str, str] | None:
    """The last row of a table: 'Jumlah' and the sums of `totals` (counts and Rupiah, never
    percentages), formatted like the column; in public mode a total of 1-4 reads '<5' with its
    amounts 'disamarkan', as the disclosure rule says of every shown total."""
    public = settings.public_mode()
    raw = df.attrs.get("sdc_raw")
    if public and raw is not None:
        if len(raw) != len(df):
            return None  # a subset of the figure's rows: its total was not protected
        raw = raw.loc[df.index]
    else:
        raw = df
    declared = {c.name: c for c in spec.columns} if spec else {}
    row = dict.fromkeys(shown_columns, "")
    row[key_column] = k.t("baris_jumlah")
    rule = spec.disclosure if spec is not None else None
    hidden_counts = set()
    for c in totals:
        if c not in row or not _total_allowed(spec, c, public):
            continue
        value = pd.to_numeric(raw[c], errors="coerce").sum()
        if public and rule is not None and c in rule.counts and disclosure.needs_suppression(int(value)):
            row[c] = disclosure.COUNT_TEXT
            hidden_counts.add(c)
            continue
        form = _formatter(declared[c], k.lang) if c in declared else None
        row[c] = form(value) if form else fmt.number(value, lang=k.lang)
    if rule is not None:
        for count in hidden_counts:
            for amount in rule.amounts.get(count, ()):
                if amount in row and row[amount]:
                    row[amount] = disclosure.hidden_text("amount", k.lang)
    for c, text in (total_values or {}).items():
        if c in row:
            row[c] = text
    return row


def table(
    k: Context,
    df: pd.DataFrame,
    figure=None,
    columns: list[str] | None = None,
    *,
    labels: dict[str, str] | None = None,
    file_name: str | None = None,
    height: int | None = None,
    totals: Sequence[str] = (),
    total_values: dict[str, str] | None = None,
    key_column: str | None = None,
    numeric: Sequence[str] = (),
) -> None:
    """Show a table with formatted cells and CSV + XLSX downloads of the same rows.

    figure: the figure function (or FigureSpec) the table comes from: its spec gives each
    column's label (a text/labels.py key) and display format, and the download's file name.
    columns: the columns to show, in order (default: all of df's). labels: the label key of a
    column the page adds for display (e.g. a translated segmen name), or one that differs from
    the spec. A table that is no figure (the audit log) passes only file_name.
    totals: columns summed in a last 'Jumlah' row (counts and Rupiah only; never percentages);
    total_values: preformatted cells of that row (e.g. the city's percentage). key_column (default:
    the first) stays in view when the table scrolls sideways on a phone; numeric: more columns
    to right-align (the page's own number columns).
    Every row is drawn up to WHOLE_ROWS rows; numbers are right-aligned; a column empty in every
    row ('–') is left out of the screen (not of the downloads)."""
    spec = spec_of(figure) if figure is not None else None
    columns = list(columns or df.columns)
    file_name = file_name or spec.name
    key_column = key_column or columns[0]
    declared = {c.name: c for c in spec.columns} if spec else {}
    label_keys = {c: (labels or {}).get(c) or (declared[c].label if c in declared else None) or c for c in columns}
    shown = df[columns].copy()
    for c in columns:
        form = _formatter(declared[c], k.lang) if c in declared else None
        if form is not None:
            shown[c] = shown[c].map(form)
        elif pd.api.types.is_datetime64_any_dtype(shown[c].dtype):
            shown[c] = shown[c].map(lambda v: fmt.time(v, k.lang, short=True) if not fmt.is_empty(v) else "")
    download = df[columns]
    mask = df.attrs.get("sdc_mask")
    if mask is not None:
        # Hidden cells read '<5' / 'disamarkan' on screen and in the downloads alike.
        mask = mask.reindex(df.index).fillna(False).astype(bool)
        texts = disclosure.display_figure(df.attrs["sdc_figure"], df, mask, k.lang)
        download = download.astype(object).copy()
        for c in columns:
            if c in mask.columns and mask[c].any():
                hide = mask[c].to_numpy()
                shown[c] = shown[c].astype(object)
                shown.loc[hide, c] = texts.loc[hide, c]
                download.loc[hide, c] = texts.loc[hide, c]
    for c in columns:  # an empty cell reads empty, never "None"
        shown[c] = shown[c].astype(object).where(shown[c].notna(), "").map(lambda v: "" if v is None else v)
    # A column that says nothing in any row ('–' or empty everywhere) is left out of the screen.
    empty = [c for c in columns if c != key_column and len(shown) and shown[c].isin(["", fmt.EMPTY]).all()]
    visible = [c for c in columns if c not in empty]
    shown = shown[visible]
    if totals and len(shown) > 1:
        row = _totals_row(k, df, spec, totals, total_values, key_column, visible)
        if row is not None:
            shown = pd.concat([shown, pd.DataFrame([row])], ignore_index=True)
    right = {c for c in visible if (c in declared and _numeric(declared[c])) or c in numeric}
    titles = {c: (k.t(v) if v in TEXTS else v) for c, v in label_keys.items()}
    # The key column (a kecamatan, a month) stays in view when a phone scrolls the table sideways;
    # a long one (a finding's name) is not pinned: it would fill a phone's width by itself.
    pin = bool(len(shown)) and shown[key_column].astype(str).str.len().max() <= PIN_CHARS
    config = {
        titles[c]: st.column_config.TextColumn(
            titles[c], pinned=True if c == key_column and pin else None, alignment="right" if c in right else None
        )
        for c in visible
    }
    shown = shown.rename(columns=titles)
    shown.attrs = {}  # the SDC mask is not for Arrow serialisation
    rows = len(shown)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=height or ("content" if rows <= WHOLE_ROWS else _ROW_PX * 16 + 3),
        column_config=config,
    )
    if "capaian_kuota_persen" in columns and (pd.to_numeric(df["capaian_kuota_persen"], errors="coerce") > 100).any():
        st.caption(k.t("kuota_lebih_100"))
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


def by_name(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows A to Z by a name column (kecamatan, kelurahan), a row without a name last: a reader
    looks a place up by its name (the rankings are the charts)."""
    return df.sort_values(column, key=lambda c: c.astype("string").str.lower(), na_position="last", kind="stable")


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
    unchanged = bool(delta) and delta.startswith("±")  # no change: no arrow, no colour
    with column:
        st.metric(
            title,
            value,
            delta=delta,
            delta_color="off" if unchanged else delta_color,
            delta_arrow="off" if unchanged else "auto",
            help=help_text,
            border=True,
        )
        st.caption(note)


def klaim_card(k: Context, count, nominal) -> tuple[str, str]:
    """Claim count and amount for a card; in public mode 1-4 claims (or a cell the table hid)
    are masked, with their Rupiah."""
    if settings.public_mode() and (pd.isna(count) or disclosure.needs_suppression(int(count))):
        return disclosure.COUNT_TEXT, k.t("disamarkan")
    return fmt.number(int(count), lang=k.lang), fmt.rupiah_short(nominal, k.lang)


def people_card(n, lang: str = "id") -> str:
    """A count of people for a card: '<5' in public mode when 1-4."""
    if settings.public_mode() and disclosure.needs_suppression(n):
        return disclosure.COUNT_TEXT
    return fmt.number(n, lang=lang)


def city_wide_note(k: Context) -> str:
    """' · seluruh kota' after a card's note when the view is filtered but the figure (budget,
    SP2D, invoices: no kecamatan, no segment) is the whole city's; '' otherwise."""
    return " · " + k.t("angka_seluruh_kota") if (k.filter.kecamatan or k.filter.segmen) else ""


def shown_findings(tm: pd.DataFrame, codes) -> tuple[float, int, int]:
    """Amount, cases and hidden findings of the finding codes `codes` in a temuan table, as this
    view shows them: the view's own rows (a city-wide row, seluruh_kota, is not the kecamatan's)
    and, in public mode, only the cells not hidden (1-4 people: named as hidden, never added)."""
    rows = tm[tm["kode_temuan"].isin(codes) & ~tm["seluruh_kota"].astype(bool)]
    hidden = rows["jumlah"].isna().to_numpy()
    shown = rows[~hidden]
    return float(shown["nominal"].fillna(0).sum()), int(shown["jumlah"].fillna(0).sum()), int(hidden.sum())


def upload_control_text(k: Context, mb: int) -> None:
    """The upload control in the reader's language. Streamlit 1.67 writes its button ('Upload')
    and size note ('200MB per file') in English with no option or locale setting for them (only
    the label and help are ours): they are replaced by CSS on the control's test ids, and read
    in English again if a later Streamlit renames those."""
    button = k.t("unggah_tombol").replace('"', "")
    note = (k.t("unggah_seret") + f" · {mb} MB per file · CSV, XLSX, PARQUET").replace('"', "")
    zone = "[data-testid='stFileUploaderDropzone']"
    st.markdown(
        f"<style>{zone} button [data-testid='stMarkdownContainer'] p{{font-size:0}}"
        f"{zone} button [data-testid='stMarkdownContainer'] p::after{{content:\"{button}\";font-size:0.875rem}}"
        f"[data-testid='stFileUploaderDropzoneInstructions'] span{{font-size:0}}"
        f"[data-testid='stFileUploaderDropzoneInstructions'] span::after{{content:\"{note}\";font-size:0.875rem}}"
        "</style>",
        unsafe_allow_html=True,
    )


def chart(fig, key: str) -> None:
    """A chart without Plotly's toolbar (it covers titles on a phone and means nothing to a reader);
    a chart with nothing to draw is its sentence instead (web/chart_style.py, rule 7)."""
    sentence = chart_style.empty_sentence(fig)
    if sentence:
        st.info(sentence, icon=":material/info:")
        return
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
