"""Metodologi: every definition (docs/methodology.md, one section each) and the import history."""

import streamlit as st

from ucj_oversight import settings
from ucj_oversight.text.labels import t
from ucj_oversight.web import page

if not st.session_state.get("_app_berjalan"):
    page.leave_pages_folder_mode()
k = st.session_state.get("konteks")
lang = k.lang if k else st.session_state.get("_filter", {}).get("lang", "id")
st.title(t("metodologi_judul", lang))

methodology = settings.ROOT / "docs" / "methodology.md"
sections = (methodology.read_text("utf-8") if methodology.exists() else "").split("\n## ")
for i, section in enumerate(sections[1:]):
    title, _, body = section.partition("\n")
    with st.expander(title, expanded=(i == 0)):
        st.markdown(body)

if k:
    st.subheader(k.t("riwayat_impor"))
    page.import_history(k, "riwayat_impor")

if k:
    st.subheader(k.t("data_terbuka"))
    st.caption(k.t("data_terbuka_ket", bulan=k.month_text))
    st.download_button(
        k.t("unduh_data_terbuka"),
        page.open_data_zip(k),
        file_name=f"ucj-kota-bekasi-{k.asof}.zip",
        mime="application/zip",
        key="unduh_terbuka",
        on_click="ignore",
    )
