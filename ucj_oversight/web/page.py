"""Shared page chrome: the view's context (URL state, sidebar filters, the simulated-data
banner), the page guard and single-chart views. Pages read top to bottom:
page.require_context() -> page.figure(k, figures.x) -> page.table / card / chart.
The cached figures are in data.py, the tables, cards and charts in widgets.py; pages use them
through this module (page.figure, page.table, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ucj_oversight import figures, ingest, regions, settings
from ucj_oversight.figures import AsOf, Filter
from ucj_oversight.storage import db
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import segmen_label, t
from ucj_oversight.web.data import briefing_pdf, call_figure, figure, open_data_zip, version_figure
from ucj_oversight.web.widgets import (
    by_name,
    cached_chart,
    card,
    chart,
    city_wide_note,
    csv_bytes,
    excel_safe,
    import_history,
    klaim_card,
    people_card,
    shown_findings,
    sources_and_position,
    table,
    upload_control_text,
)

# The page API besides the context: cached figures (data.py) and what pages draw with (widgets.py).
__all__ = [
    "LANGUAGES",
    "VIEWS",
    "Context",
    "context",
    "require_context",
    "leave_pages_folder_mode",
    "view",
    "shows",
    "username",
    "show_messages",
    "messages_done",
    "figure",
    "call_figure",
    "open_data_zip",
    "briefing_pdf",
    "table",
    "by_name",
    "excel_safe",
    "csv_bytes",
    "sources_and_position",
    "import_history",
    "card",
    "klaim_card",
    "people_card",
    "city_wide_note",
    "shown_findings",
    "chart",
    "cached_chart",
    "upload_control_text",
]

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Context:
    """One view: language, as-of month, filters, the database version it reads, whether the
    data are simulated, and the months the sidebar offers."""

    lang: str
    asof: AsOf
    filter: Filter
    version: tuple
    simulated: bool
    months_available: tuple[str, ...]

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    @property
    def city_wide(self) -> Filter:
        """The view's segment filter without its kecamatan: context for maps and rankings."""
        return Filter(None, self.filter.segmen)

    @property
    def month_text(self) -> str:
        return fmt.month(str(self.asof), self.lang)


# ------------------------------------------------------------------ URL state and sidebar


def _ready_db() -> Path:
    path = settings.db_path()
    if not path.exists() and path == settings.SAMPLE_DB:
        with st.spinner("Menyiapkan basis data contoh dari data/sampel (sekali saja)…"):
            ingest.ensure_sample_db(path)
    if path.exists():
        _derived_up_to_date(db.version_token(path))
    return path


@st.cache_resource(show_spinner=False, max_entries=20)
def _derived_up_to_date(version: tuple) -> None:
    """Once per database version: a file built by an older version of the dashboard gets its
    derived layer rebuilt (the figures read tables it may not have)."""
    if db.derived_outdated(Path(version[0])):
        with st.spinner("Memperbarui tabel turunan untuk versi dasbor ini (sekali saja)…"):
            db.ensure_derived(Path(version[0]))


def _queue_param_message(lang: str, name: str, value: str, reason: str, used: str) -> None:
    """Queue the message: it is shown on the page the user lands on (after '/' forwards)."""
    st.session_state.setdefault("_pesan_tertunda", []).append(
        t("param_salah", lang, nama=name, nilai=str(value)[:60], alasan=reason, pakai=used)
    )


def show_messages() -> None:
    for message in st.session_state.get("_pesan_tertunda", []):
        st.warning(message, icon=":material/warning:")


def messages_done() -> None:
    """Called by app.py after a page has been drawn: queued messages were seen."""
    if not st.session_state.pop("_dialihkan", False):
        st.session_state["_pesan_tertunda"] = []


def context() -> Context | None:
    """Read URL + sidebar into one Context; None (after showing why) when there is no data.

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
            _queue_param_message("id", "lang", lang_url, "id / en", "id")

    path = _ready_db()
    if not path.exists():
        show_messages()
        st.error(t("db_tidak_ada", f["lang"], path=str(path)))
        return None
    version = db.version_token(path)
    latest = version_figure(version, figures.latest_month)
    if latest is None:
        st.info(t("belum_ada_data", f["lang"]))
        return None
    months_available = _month_list(latest, version_figure(version, figures.first_month))
    segmen_present = version_figure(version, figures.segmen_list)
    kecamatan_codes = [k.code for k in regions.list_kecamatan()]

    # First run of a session: the URL decides (a shared link reproduces the view).
    if "as_of" not in f:
        _from_url(qp, f, months_available, kecamatan_codes, segmen_present, str(latest))
    if f["as_of"] not in months_available:  # a new import moved the months on
        f["as_of"] = str(latest)
    show_messages()

    def keep(key: str) -> None:
        f[key] = ss[key]

    def widget(widget_fn, label, options, key, **kw):
        ss[key] = f[key]
        widget_fn(label, options, key=key, on_change=keep, args=(key,), **kw)

    with st.sidebar:
        widget(
            st.segmented_control,
            t("bahasa", f["lang"]),
            LANGUAGES,
            "lang",
            required=True,
            format_func=lambda x: {"id": "Bahasa Indonesia", "en": "English"}[x],
        )
        lang = f["lang"]
        st.subheader(t("filter", lang))
        widget(st.selectbox, t("posisi", lang), months_available, "as_of", format_func=lambda b: fmt.month(b, lang))
        widget(
            st.selectbox,
            t("kecamatan", lang),
            ["", *kecamatan_codes],
            "kecamatan",
            format_func=lambda k: t("semua_kecamatan", lang) if not k else regions.kecamatan_name(k),
        )
        widget(
            st.selectbox,
            t("segmen", lang),
            ["", *segmen_present],
            "segmen",
            format_func=lambda s: t("semua_segmen", lang) if not s else segmen_label(s),
        )
    _to_url(f, str(latest))
    k = Context(
        lang=lang,
        asof=AsOf.from_text(f["as_of"]),
        filter=Filter(f["kecamatan"] or None, f["segmen"] or None),
        version=version,
        simulated=version_figure(version, figures.is_simulated),
        months_available=tuple(months_available),
    )
    # Card values must fit four to a row on a laptop and wrap on a phone instead of being cut.
    st.markdown(
        "<style>[data-testid='stMetricValue']{font-size:clamp(1.35rem,2.1vw,2rem);"
        "white-space:normal;overflow-wrap:anywhere}[data-testid='stMetricValue'] div{white-space:normal;"
        "overflow:visible;text-overflow:clip}"
        "[data-testid='stMarkdownContainer'] table{display:block;overflow-x:auto;max-width:100%}</style>",
        unsafe_allow_html=True,
    )
    if k.simulated:
        st.warning("**" + k.t("simulasi") + "**", icon=":material/science:")
    return k


def _month_list(latest: AsOf, first: AsOf | None = None, n: int = 36) -> list[str]:
    """The months offered, newest first: from the latest month with data back to the first one
    (figures.first_month: before it the programme had not begun), at most n."""
    result, a = [], latest
    for _ in range(n):
        result.append(str(a))
        if first is not None and str(a) <= str(first):
            break
        a = a.previous()
    return result


def _from_url(qp, f: dict, months_available, kecamatan_codes, segmen_present, latest: str) -> None:
    lang = f["lang"]
    f.update(as_of=latest, kecamatan="", segmen="")
    if "as_of" in qp:
        value = qp["as_of"]
        if value in months_available:
            f["as_of"] = value
        else:
            _queue_param_message(
                lang,
                "as_of",
                value,
                "YYYY-MM, " + fmt.month(months_available[-1], lang) + " – " + fmt.month(months_available[0], lang),
                fmt.month(latest, lang),
            )
    if qp.get("kecamatan"):
        kode = regions.find_kecamatan(qp["kecamatan"])
        if kode:
            f["kecamatan"] = kode
        else:
            _queue_param_message(
                lang, "kecamatan", qp["kecamatan"], t("kecamatan", lang) + " Kota Bekasi", t("semua_kecamatan", lang)
            )
    if qp.get("segmen"):
        seg = Filter.parse(segmen=qp["segmen"]).segmen
        if seg in segmen_present:
            f["segmen"] = seg
        else:
            _queue_param_message(lang, "segmen", qp["segmen"], ", ".join(segmen_present), t("semua_segmen", lang))


def _to_url(f: dict, latest: str) -> None:
    """Write the current state back to the URL (only what differs from the defaults), keeping
    any page-specific parameters (view=...)."""
    wanted = {
        "as_of": f["as_of"] if f["as_of"] != latest else None,
        "kecamatan": f["kecamatan"] or None,
        "segmen": f["segmen"] or None,
        "lang": f["lang"] if f["lang"] != "id" else None,
    }
    for key, value in wanted.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def require_context(public_ok: bool = True, role: str | None = None) -> Context:
    """The context app.py prepared for this run; stops the page (message already shown) if none.
    public_ok=False pages never draw in public mode, and `role` pages only for that role,
    even if something runs the file directly (defence in depth: app.py does not list them).
    A page script run without app.py draws nothing itself: see leave_pages_folder_mode."""
    if not st.session_state.get("_app_berjalan"):
        leave_pages_folder_mode()
    if not public_ok and settings.public_mode():
        st.stop()
    if role is not None:
        user = st.session_state.get("pengguna")
        if user is None or getattr(user, "role", None) != role:
            st.error(t("bukan_hak", st.session_state.get("_filter", {}).get("lang", "id")))
            st.stop()
    context = st.session_state.get("konteks")
    if context is None:
        st.stop()
    return context


def username() -> str:
    p = st.session_state.get("pengguna")
    return getattr(p, "username", None) or getattr(p, "nama", None) or "tanpa-nama"


# Single-chart views for embeds in the transparency portal: ?view=peta on Cakupan, etc.
VIEWS = {
    "ringkasan": ("kartu", "peringkat", "anggaran", "presentasi"),
    "cakupan": ("peta", "peringkat", "tren", "segmen"),
    "anggaran": ("kumulatif", "sp2d", "rekon"),
    "klaim": ("kartu", "bulanan", "kecamatan"),
}


def view(k: Context, page_name: str) -> str | None:
    """The requested single view of this page, or None for the whole page. An unknown view gets
    a message and the whole page."""
    v = st.query_params.get("view")
    if not v:
        return None
    if v not in VIEWS.get(page_name, ()):
        st.warning(
            k.t(
                "param_salah",
                nama="view",
                nilai=str(v)[:40],
                alasan=", ".join(VIEWS.get(page_name, ())),
                pakai=k.t("seluruh_halaman"),
            ),
            icon=":material/warning:",
        )
        return None
    # An embedded single chart: no sidebar, no page chrome, and not the room a page keeps above
    # its title (the iframe sizes in the README are measured with this: tests/test_browser_embed.py).
    st.html(
        "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "[data-testid='stExpandSidebarButton']{display:none}"
        "[data-testid='stMainBlockContainer']{padding-top:1rem;padding-bottom:1rem}</style>"
    )
    return v


def shows(v: str | None, part: str) -> bool:
    """Draw this part? Everything when no view is chosen, else only the chosen part."""
    return v is None or v == part


def leave_pages_folder_mode() -> None:
    """A page script ran without app.py: draw nothing of it; run app.py instead, and stop.

    Streamlit serves the `pages/` folder next to app.py as a legacy multipage app until some
    session has called st.navigation, and in that mode a URL such as /anggaran runs
    pages/anggaran.py by itself: the first request after a server start (and every AppTest run,
    as AppTest starts each run in that mode). app.py, run here in its place, calls
    st.navigation (after which Streamlit ignores the pages/ folder for every session, as
    documented), decides who may see the requested page, and draws it (or the log-in, or the
    default page), all in this one run. Then this run of the page script stops."""
    app = settings.ROOT / "app.py"
    # As Streamlit runs a script: a fresh module namespace (runpy would swap sys.modules["__main__"]
    # while other sessions run).
    exec(compile(app.read_bytes(), str(app), "exec"), {"__name__": "__main__", "__file__": str(app)})  # noqa: S102
    st.stop()
