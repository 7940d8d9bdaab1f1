"""Log audit (admin): who logged in, who imported what, with what result."""

import streamlit as st

from ucj_oversight import settings
from ucj_oversight.storage import audit
from ucj_oversight.web import page

k = page.require_context(public_ok=False, role="admin")
st.title(k.t("hal_audit"))
log = audit.read(audit.audit_path(settings.db_path()), limit=2000)
if log.empty:
    st.info(k.t("audit_kosong"))
    st.stop()
st.caption(k.t("audit_ket", n=len(log)))
page.table(k, log, file_name="log_audit")
