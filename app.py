"""Pengawasan UCJ Kota Bekasi — the Streamlit entry point: page list and shared chrome.

Run: streamlit run app.py   (database: UCJ_DB, else built once from data/sampel)
"""
import streamlit as st

from ucj_oversight import tampilan
from ucj_oversight.label import t

st.set_page_config(page_title="Pengawasan UCJ Kota Bekasi", page_icon=":material/shield:", layout="wide",
                   initial_sidebar_state="auto")

st.session_state["_app_berjalan"] = True   # pages check it: they must run inside app.py
k = tampilan.konteks()
st.session_state["konteks"] = k
lang = k.lang if k else st.session_state.get("_filter", {}).get("lang", "id")

ringkasan = st.Page("pages/ringkasan.py", title=t("hal_ringkasan", lang), icon=":material/summarize:",
                    url_path="ringkasan")


def beranda():
    """'/' forwards to /ringkasan with the same filters: Streamlit serves a default page only at
    '/', and a link to /ringkasan must work too."""
    st.session_state["_dialihkan"] = True
    st.switch_page(ringkasan, query_params=st.query_params.to_dict())


halaman = [
    st.Page(beranda, title=t("hal_ringkasan", lang), url_path="beranda", default=True, visibility="hidden"),
    ringkasan,
    st.Page("pages/cakupan.py", title=t("hal_cakupan", lang), icon=":material/map:", url_path="cakupan"),
    st.Page("pages/anggaran.py", title=t("hal_anggaran", lang), icon=":material/payments:", url_path="anggaran"),
    st.Page("pages/klaim.py", title=t("hal_klaim", lang), icon=":material/health_and_safety:", url_path="klaim"),
    st.Page("pages/temuan.py", title=t("hal_temuan", lang), icon=":material/policy:", url_path="temuan"),
    st.Page("pages/metodologi.py", title=t("hal_metodologi", lang), icon=":material/menu_book:",
            url_path="metodologi"),
]
try:
    st.navigation(halaman, position="sidebar").run()
    tampilan.pesan_selesai()
finally:
    st.session_state["_app_berjalan"] = False
