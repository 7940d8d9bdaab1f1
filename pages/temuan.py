"""Temuan: the ten checks, what each means, what to ask, and the rows behind them."""

import streamlit as st

from ucj_oversight import figures, regions
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import segmen_label, temuan_label
from ucj_oversight.web import page

k = page.require_context()
st.title(k.t("temuan_judul", bulan=k.month_text))
page.sources_and_position(k)
st.markdown(k.t("temuan_pengantar"))

tm = page.figure(k, figures.temuan)
tm = tm.assign(
    nama=[temuan_label(c, "nama", k.lang) for c in tm["kode_temuan"]],
    arti=[temuan_label(c, "arti", k.lang) for c in tm["kode_temuan"]],
    pertanyaan=[temuan_label(c, "tanya", k.lang) for c in tm["kode_temuan"]],
)
page.table(
    k,
    tm,
    figures.temuan,
    ["kode_temuan", "nama", "jumlah", "nominal", "arti", "pertanyaan"],
    labels={"nama": "kolom_temuan", "arti": "artinya", "pertanyaan": "pertanyaan"},
)

kode = st.selectbox(
    k.t("rincian_pilih"),
    list(figures.TEMUAN_CODES),
    key="temuan_kode",
    format_func=lambda c: (
        f"{temuan_label(c, 'nama', k.lang)} ({fmt.number(int(tm.set_index('kode_temuan').loc[c, 'jumlah']))})"
    ),
)
st.subheader(k.t("rincian_judul", kode=temuan_label(kode, "nama", k.lang)))
st.markdown(
    f"**{k.t('artinya')}:** {temuan_label(kode, 'arti', k.lang)}  \n"
    f"**{k.t('pertanyaan')}:** {temuan_label(kode, 'tanya', k.lang)}"
)
rows = page.figure(k, figures.temuan_rincian, kode)
if kode == "BARIS_DITOLAK":
    if rows.empty:
        st.info(k.t("tanpa_karantina"))
    else:
        page.table(
            k,
            rows,
            figures.karantina_impor,
            ["impor_id", "nama_file", "baris", "kolom", "alasan", "nilai"],
            file_name="karantina",
        )
elif rows.empty:
    st.info(k.t("rincian_kosong"))
else:
    rows = rows.assign(
        kecamatan=[regions.kecamatan_name(kode_) if isinstance(kode_, str) else "" for kode_ in rows["kode_kecamatan"]],
        segmen=[segmen_label(s_) if isinstance(s_, str) else "" for s_ in rows["segmen"]],
    )
    page.table(
        k,
        rows,
        figures.temuan_rincian,
        ["rujukan", "kecamatan", "segmen", "tanggal", "nominal", "keterangan"],
        labels={"kecamatan": "kolom_kecamatan"},
        file_name=f"temuan_{kode.lower()}",
    )
st.caption(k.t("rincian_ket"))
