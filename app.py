"""Pengawasan UCJ Kota Bekasi — the Streamlit entry point: who may see what, the page list and
the shared chrome.

Run: python -m ucj_oversight.server                  internal mode: log-in, all pages (admin: upload, audit)
     UCJ_MODE=publik python -m ucj_oversight.server  transparency portal: aggregate pages only, no log-in
(= streamlit run app.py, without Streamlit's legacy pages/ folder mode: see ucj_oversight/server.py)
Database: UCJ_DB, else built once from data/sampel.
"""
import streamlit as st

from ucj_oversight import settings
from ucj_oversight.storage import db
from ucj_oversight.web import page
from ucj_oversight.text.labels import t

st.set_page_config(page_title="Pengawasan UCJ Kota Bekasi", page_icon=":material/shield:", layout="wide",
                   initial_sidebar_state="auto")


def beranda():
    """'/' forwards to /ringkasan with the same filters: Streamlit serves a default page only at
    '/', and a link to /ringkasan must work too."""
    st.session_state["_dialihkan"] = True
    st.switch_page("pages/ringkasan.py", query_params=st.query_params.to_dict())


def daftar_halaman(lang: str, *, publik: bool, admin: bool) -> list:
    halaman = [
        st.Page(beranda, title=t("hal_ringkasan", lang), url_path="beranda", default=True, visibility="hidden"),
        st.Page("pages/ringkasan.py", title=t("hal_ringkasan", lang), icon=":material/summarize:",
                url_path="ringkasan"),
        st.Page("pages/cakupan.py", title=t("hal_cakupan", lang), icon=":material/map:", url_path="cakupan"),
        st.Page("pages/anggaran.py", title=t("hal_anggaran", lang), icon=":material/payments:", url_path="anggaran"),
        st.Page("pages/klaim.py", title=t("hal_klaim", lang), icon=":material/health_and_safety:",
                url_path="klaim"),
    ]
    # Row-level findings, uploads and the audit log do not exist in public mode: not hidden,
    # absent (their URLs get Streamlit's normal "page not found").
    if not publik:
        halaman.append(st.Page("pages/temuan.py", title=t("hal_temuan", lang), icon=":material/policy:",
                               url_path="temuan"))
    halaman.append(st.Page("pages/metodologi.py", title=t("hal_metodologi", lang), icon=":material/menu_book:",
                           url_path="metodologi"))
    if admin:
        halaman += [
            st.Page("pages/unggah.py", title=t("hal_unggah", lang), icon=":material/upload_file:",
                    url_path="unggah"),
            st.Page("pages/audit.py", title=t("hal_audit", lang), icon=":material/history:", url_path="audit"),
        ]
    return halaman


st.session_state["_app_berjalan"] = True   # pages check it: they must run inside app.py
publik = settings.public_mode()
pengguna = None
if not publik:
    from ucj_oversight.web import login
    lang_awal = st.session_state.get("_filter", {}).get("lang") or st.query_params.get("lang", "id")
    if login.SESSION_KEY not in st.session_state:
        # Resolve the requested URL (e.g. /unggah) before the log-in form, without drawing any
        # page: after log-in the user lands where the link pointed, not on the default page.
        st.navigation(daftar_halaman(lang_awal, publik=False, admin=True), position="hidden")
    # Nothing of the data is drawn before this: no log-in, no page (it stops the run).
    pengguna = login.require_login(lang_awal)
else:
    st.session_state.pop("pengguna", None)

try:
    k = page.context()
    st.session_state["konteks"] = k
    lang = k.lang if k else st.session_state.get("_filter", {}).get("lang", "id")
    if pengguna is not None:
        login.logout_button(pengguna, lang)
    st.navigation(daftar_halaman(lang, publik=publik, admin=bool(pengguna and pengguna.admin)),
                  position="sidebar").run()
    page.messages_done()
except db.VersionChanged:
    # An import replaced the database during this run (and the version the run started with is
    # no longer open): draw the page again from the new file rather than mix the two.
    st.rerun()
finally:
    st.session_state["_app_berjalan"] = False
