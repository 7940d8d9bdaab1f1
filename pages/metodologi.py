"""Metodologi: every definition (docs/methodology.md, one section each) in the reader's language,
the technical details behind "Rincian teknis", the import history and the open data."""

import streamlit as st

from ucj_oversight import settings
from ucj_oversight.figures import SPECS
from ucj_oversight.ingest import contract
from ucj_oversight.text import methodology
from ucj_oversight.text.labels import methodology_title, t
from ucj_oversight.web import page

if not st.session_state.get("_app_berjalan"):
    page.leave_pages_folder_mode()
k = st.session_state.get("konteks")
lang = k.lang if k else st.session_state.get("_filter", {}).get("lang", "id")
st.title(t("metodologi_judul", lang))


def technical(part: methodology.Part) -> None:
    if part.technical:
        with st.expander(t("rincian_teknis", lang)):
            st.markdown("\n\n".join(part.technical))


doc = settings.ROOT / "docs" / "methodology.md"
# Figure functions are code; a name that is also an extract column (sumber_semesta) is a data word.
columns = {c.name for kind in contract.KINDS.values() for c in kind.columns}
parts = methodology.parse(doc.read_text("utf-8") if doc.exists() else "", lang, set(SPECS) - columns)
first = True
i = 0
while i < len(parts):
    section = parts[i]
    with st.expander(methodology_title(section.title, lang), expanded=first):
        st.markdown("\n\n".join(section.main))
        technical(section)
        i += 1
        while i < len(parts) and parts[i].level == 3:  # its subsections, in the same expander
            sub = parts[i]
            st.markdown(f"#### {methodology_title(sub.title, lang)}\n\n" + "\n\n".join(sub.main))
            technical(sub)
            i += 1
    first = False

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
