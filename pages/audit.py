"""Log audit (admin): who logged in, who imported what, with what result."""
import streamlit as st

from ucj_oversight import audit, config, tampilan

k = tampilan.ambil(publik_boleh=False, peran="admin")
st.title(k.t("hal_audit"))
log = audit.baca(audit.path_audit(config.path_db()), batas=2000)
if log.empty:
    st.info(k.t("audit_kosong"))
    st.stop()
st.caption(k.t("audit_ket", n=len(log)))
tampilan.tabel(k, log, "log_audit")
