"""Pengawasan UCJ Kota Bekasi — the Streamlit entry point: who may see what, the page list and
the shared chrome.

Run: streamlit run app.py                  internal mode: log-in, all pages (admin: upload, audit)
     UCJ_MODE=publik streamlit run app.py  transparency portal: aggregate pages only, no log-in
Database: UCJ_DB, else built once from data/sampel.
"""
import streamlit as st

from ucj_oversight import config, tampilan
from ucj_oversight.label import t

st.set_page_config(page_title="Pengawasan UCJ Kota Bekasi", page_icon=":material/shield:", layout="wide",
                   initial_sidebar_state="auto")

st.session_state["_app_berjalan"] = True   # pages check it: they must run inside app.py
publik = config.mode_publik()
pengguna = None
if not publik:
    from ucj_oversight import masuk
    # Nothing of the data is drawn before this: no log-in, no page (it stops the run).
    pengguna = masuk.wajib_masuk(st.session_state.get("_filter", {}).get("lang")
                                 or st.query_params.get("lang", "id"))
else:
    st.session_state.pop("pengguna", None)

k = tampilan.konteks()
st.session_state["konteks"] = k
lang = k.lang if k else st.session_state.get("_filter", {}).get("lang", "id")
if pengguna is not None:
    masuk.tombol_keluar(pengguna, lang)

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
]
# Row-level findings, uploads and the audit log do not exist in public mode: not hidden, absent
# (their URLs get Streamlit's normal "page not found").
if not publik:
    halaman.append(st.Page("pages/temuan.py", title=t("hal_temuan", lang), icon=":material/policy:",
                           url_path="temuan"))
halaman.append(st.Page("pages/metodologi.py", title=t("hal_metodologi", lang), icon=":material/menu_book:",
                       url_path="metodologi"))
if pengguna is not None and pengguna.admin:
    halaman += [
        st.Page("pages/unggah.py", title=t("hal_unggah", lang), icon=":material/upload_file:", url_path="unggah"),
        st.Page("pages/audit.py", title=t("hal_audit", lang), icon=":material/history:", url_path="audit"),
    ]
try:
    st.navigation(halaman, position="sidebar").run()
    tampilan.pesan_selesai()
finally:
    st.session_state["_app_berjalan"] = False
