"""Pengawasan UCJ Kota Bekasi — the Streamlit entry point: who may see what, the page list, the
page menu and the shared chrome.

Run: python -m ucj_oversight.server                  internal mode: log-in, all pages (admin: upload, audit)
     UCJ_MODE=publik python -m ucj_oversight.server  transparency portal: aggregate pages only, no log-in
(= streamlit run app.py, with the heavy imports done before the first request: ucj_oversight/web/server.py)
Database: UCJ_DB, else built once from data/sampel.

The page menu. The page scripts live in pages/, which Streamlit would also serve as a legacy
multipage app (its sidebar menu listing every file there, admin pages included) until a session
calls st.navigation. So Streamlit's own sidebar menu is switched off (`client.showSidebarNavigation
= false` in .streamlit/config.toml, next to this file); this script calls st.navigation with the
pages of the mode and the user, hidden, and draws that list in the sidebar itself with
st.page_link (`draw_menu`). A page script run without this one (the first request after a server
start, before any st.navigation call) draws nothing and hands the request back here
(page.require_context).
"""

from pathlib import Path

import streamlit as st

from ucj_oversight import settings
from ucj_oversight.storage import db
from ucj_oversight.text.labels import t
from ucj_oversight.web import page

# The tab icon is a local SVG (sent inline as a data URI): a ":material/...:" or emoji icon makes every
# browser fetch it from Google's font servers, a request to outside the city's network.
ICON = str(Path(page.__file__).with_name("ikon.svg"))
st.set_page_config(page_title="Pengawasan UCJ Kota Bekasi", page_icon=ICON, layout="wide", initial_sidebar_state="auto")


def home() -> None:
    """'/' forwards to /ringkasan with the same filters: Streamlit serves a default page only at
    '/', and a link to /ringkasan must work too."""
    st.session_state["_dialihkan"] = True
    st.switch_page("pages/ringkasan.py", query_params=st.query_params.to_dict())


def page_list(lang: str, *, public: bool, admin: bool) -> tuple[st.Page, list[st.Page]]:
    """The hidden default page ('/') and the pages of the menu, in menu order."""
    default = st.Page(home, title=t("hal_ringkasan", lang), url_path="beranda", default=True, visibility="hidden")
    pages = [
        st.Page(
            "pages/ringkasan.py", title=t("hal_ringkasan", lang), icon=":material/summarize:", url_path="ringkasan"
        ),
        st.Page("pages/cakupan.py", title=t("hal_cakupan", lang), icon=":material/map:", url_path="cakupan"),
        st.Page("pages/anggaran.py", title=t("hal_anggaran", lang), icon=":material/payments:", url_path="anggaran"),
        st.Page("pages/klaim.py", title=t("hal_klaim", lang), icon=":material/health_and_safety:", url_path="klaim"),
    ]
    # Row-level findings, uploads and the audit log do not exist in public mode: not hidden,
    # absent (their URLs get Streamlit's normal "page not found").
    if not public:
        pages.append(
            st.Page("pages/temuan.py", title=t("hal_temuan", lang), icon=":material/policy:", url_path="temuan")
        )
    pages.append(
        st.Page(
            "pages/metodologi.py", title=t("hal_metodologi", lang), icon=":material/menu_book:", url_path="metodologi"
        )
    )
    if admin:
        pages += [
            st.Page("pages/unggah.py", title=t("hal_unggah", lang), icon=":material/upload_file:", url_path="unggah"),
            st.Page("pages/audit.py", title=t("hal_audit", lang), icon=":material/history:", url_path="audit"),
        ]
    return default, pages


def navigate(lang: str, *, public: bool, admin: bool, menu=None) -> st.Page:
    """st.navigation over the pages this mode and user may open (no menu of Streamlit's own), and
    those pages as links in `menu` (a sidebar container) when given. Returns the page to run."""
    default, pages = page_list(lang, public=public, admin=admin)
    current = st.navigation([default, *pages], position="hidden")
    if menu is not None:
        draw_menu(menu, pages)
    return current


def draw_menu(menu, pages: list[st.Page]) -> None:
    """The page menu at the top of the sidebar, the current page highlighted, a rule under it."""
    with menu:
        for p in pages:
            st.page_link(p)
        st.markdown("<hr style='margin:0.5rem 0 1.25rem 0'>", unsafe_allow_html=True)


st.session_state["_app_berjalan"] = True  # page.require_context checks it: pages run inside app.py
public = settings.public_mode()
user = None
if not public:
    from ucj_oversight.web import login

    start_lang = st.session_state.get("_filter", {}).get("lang") or st.query_params.get("lang", "id")
    if login.SESSION_KEY not in st.session_state:
        # Resolve the requested URL (e.g. /unggah) before the log-in form, without drawing any
        # page: after log-in the user lands where the link pointed, not on the default page.
        navigate(start_lang, public=False, admin=True)
    # Nothing of the data is drawn before this: no log-in, no page (it stops the run).
    user = login.require_login(start_lang)
else:
    st.session_state.pop("pengguna", None)

try:
    menu = st.sidebar.container()  # first in the sidebar: above the filters page.context draws
    context = page.context()
    st.session_state["konteks"] = context
    lang = context.lang if context else st.session_state.get("_filter", {}).get("lang", "id")
    if user is not None:
        login.logout_button(user, lang)
    navigate(lang, public=public, admin=bool(user and user.admin), menu=menu).run()
    page.messages_done()
except db.VersionChanged:
    # An import replaced the database during this run (and the version the run started with is
    # no longer open): draw the page again from the new file rather than mix the two.
    st.rerun()
finally:
    st.session_state["_app_berjalan"] = False
