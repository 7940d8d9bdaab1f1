"""Log audit (admin): who logged in, who imported what, with what result, in words and in WIB."""

import pandas as pd
import streamlit as st

from ucj_oversight import settings
from ucj_oversight.storage import audit
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import TEXTS
from ucj_oversight.web import page

k = page.require_context(public_ok=False, role="admin")
st.title(k.t("hal_audit"))
log = audit.read(audit.audit_path(settings.db_path()), limit=2000)
if log.empty:
    st.info(k.t("audit_kosong"))
    st.stop()
st.caption(k.t("audit_ket", n=len(log)))


def word(prefix: str, value) -> str:
    """A code in words where labels.py has them (peristiwa_login_berhasil -> 'Masuk berhasil')."""
    key = f"{prefix}_{value}"
    return k.t(key) if key in TEXTS else str(value)


def details(row: pd.Series) -> str:
    """Every detail of an event on one line: 'cara masuk: kata sandi · peran: admin'; empty ones left out."""
    parts = []
    for name, value in row.items():
        if name in audit.FIXED_FIELDS or value is None or (isinstance(value, float) and pd.isna(value)):
            continue
        if isinstance(value, (list, dict)):
            value = ", ".join(map(str, value.values() if isinstance(value, dict) else value))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = fmt.number(value, lang=k.lang)
        elif name == "masuk_idp":
            value = fmt.time(value, k.lang)
        else:
            value = word("audit_nilai", value)
        if str(value) != "":
            parts.append(f"{word('audit_rincian', name)}: {value}")
    return " · ".join(parts)


shown = pd.DataFrame(
    {
        "waktu": [fmt.time(w, k.lang) for w in log["waktu"]],
        "peristiwa": [word("peristiwa", e) for e in log["peristiwa"]],
        "oleh": log["oleh"].fillna("?"),
        "rincian": [details(r) for _, r in log.iterrows()],
    }
)
page.table(
    k,
    shown,
    columns=["waktu", "peristiwa", "oleh", "rincian"],
    labels={
        "waktu": "kolom_audit_waktu",
        "peristiwa": "kolom_audit_peristiwa",
        "oleh": "kolom_audit_oleh",
        "rincian": "kolom_audit_rincian",
    },
    file_name="log_audit",
)
