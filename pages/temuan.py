"""Perlu klarifikasi (the findings, temuan): the eleven checks, what each means, what to ask, the
rows behind them, and the BPJS status against the dates."""

import streamlit as st

from ucj_oversight import figures, regions, settings
from ucj_oversight.text import fmt
from ucj_oversight.text.labels import segmen_label, temuan_label
from ucj_oversight.web import page

k = page.require_context()
st.title(k.t("temuan_judul", bulan=k.month_text))
page.sources_and_position(k)
st.markdown(k.t("temuan_pengantar"))

tm = page.figure(k, figures.temuan)
split = figures.perlu_klarifikasi(tm.fillna({"nominal": 0}))
total = "**" + k.t(
    "total_apbd_manfaat",
    apbd=fmt.rupiah(split["apbd_klarifikasi"], k.lang),
    manfaat=fmt.rupiah(split["manfaat_klarifikasi"], k.lang),
)
if split["apbd_klarifikasi_kota"]:  # a kecamatan view: the city-wide SP2D amount apart
    total += "; " + k.t("kartu_apbd_kota", rp=fmt.rupiah(split["apbd_klarifikasi_kota"], k.lang))
st.markdown(total + "**")
if tm["seluruh_kota"].any():
    st.caption(k.t("temuan_seluruh_kota"))
# Largest amount first, then most cases: what to ask about first is at the top; in a kecamatan
# view the city-wide rows (SP2D, rejected file rows) come after the kecamatan's own.
tm = tm.sort_values(["seluruh_kota", "nominal", "jumlah"], ascending=[True, False, False], kind="stable")
tm = tm.assign(
    nama=[
        temuan_label(c, "nama", k.lang) + (f" ({k.t('seluruh_kota')})" if city else "")
        for c, city in zip(tm["kode_temuan"], tm["seluruh_kota"])
    ],
    arti=[temuan_label(c, "arti", k.lang) for c in tm["kode_temuan"]],
    pertanyaan=[temuan_label(c, "tanya", k.lang) for c in tm["kode_temuan"]],
)
page.table(
    k,
    tm,
    figures.temuan,
    ["nama", "jumlah", "nominal", "arti", "pertanyaan", "kode_temuan"],
    labels={"nama": "kolom_temuan", "arti": "artinya", "pertanyaan": "pertanyaan"},
)

kode = st.selectbox(
    k.t("rincian_pilih"),
    list(tm["kode_temuan"]),  # in the table's order: largest amount first
    key="temuan_kode",
    format_func=lambda c: (
        f"{temuan_label(c, 'nama', k.lang)} "
        f"({fmt.number(int(tm.set_index('kode_temuan').loc[c, 'jumlah']), lang=k.lang)})"
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

st.subheader(k.t("status_judul", bulan=k.month_text))
st.caption(k.t("status_ket"))
status = page.figure(k, figures.status_peserta)
page.table(
    k,
    status.assign(arti=[k.t(f"selisih_{c}") for c in status["selisih"]]).sort_values("jumlah", ascending=False),
    figures.status_peserta,
    ["arti", "jumlah", "tanpa_lindung"],
    labels={"arti": "kolom_selisih_status"},
    totals=["jumlah", "tanpa_lindung"],
)
if not settings.public_mode():  # the registrations themselves: internal mode only
    detail = page.figure(k, figures.status_peserta_rincian)
    if len(detail):
        page.table(
            k,
            detail.assign(
                kecamatan=[regions.kecamatan_name(c) if isinstance(c, str) else "" for c in detail["kode_kecamatan"]],
                arti=[k.t(f"selisih_{c}") for c in detail["selisih"]],
            ),
            figures.status_peserta_rincian,
            ["rujukan", "kecamatan", "status", "tgl_mulai", "tgl_akhir", "tgl_nonaktif", "arti", "tanpa_lindung"],
            labels={"kecamatan": "kolom_kecamatan", "arti": "kolom_selisih_status"},
        )
