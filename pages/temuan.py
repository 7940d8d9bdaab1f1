"""Temuan: the ten checks, what each means, what to ask, and the rows behind them."""
import streamlit as st

from ucj_oversight import figures, regions
from ucj_oversight.text import fmt
from ucj_oversight.web import page
from ucj_oversight.text.labels import segmen_label
from ucj_oversight.text.labels import temuan_label as teks_temuan

k = page.require_context()
st.title(k.t("temuan_judul", bulan=k.bulan_teks))
page.sources_and_position(k)
st.markdown(k.t("temuan_pengantar"))

tm = page.figure(k, "temuan")
tm = tm.assign(nama=[teks_temuan(c, "nama", k.lang) for c in tm["kode_temuan"]],
               arti=[teks_temuan(c, "arti", k.lang) for c in tm["kode_temuan"]],
               pertanyaan=[teks_temuan(c, "tanya", k.lang) for c in tm["kode_temuan"]])
page.table(k, tm, "temuan", {"kode_temuan": "kolom_kode", "nama": "kolom_temuan", "jumlah": "kolom_jumlah",
                                 "nominal": "kolom_nominal", "arti": "artinya", "pertanyaan": "pertanyaan"},
               {"jumlah": "angka", "nominal": "rupiah"})

kode = st.selectbox(k.t("rincian_pilih"), list(figures.TEMUAN_CODES), key="temuan_kode",
                    format_func=lambda c: f"{teks_temuan(c, 'nama', k.lang)} ({fmt.number(int(tm.set_index('kode_temuan').loc[c, 'jumlah']))})")
st.subheader(k.t("rincian_judul", kode=teks_temuan(kode, "nama", k.lang)))
st.markdown(f"**{k.t('artinya')}:** {teks_temuan(kode, 'arti', k.lang)}  \n"
            f"**{k.t('pertanyaan')}:** {teks_temuan(kode, 'tanya', k.lang)}")
rinci = page.figure(k, "temuan_rincian", kode)
if kode == "BARIS_DITOLAK":
    if rinci.empty:
        st.info(k.t("tanpa_karantina"))
    else:
        page.table(k, rinci, "karantina", {"impor_id": "kolom_impor", "nama_file": "kolom_file",
                                               "baris": "kolom_baris", "kolom": "kolom_kolom",
                                               "alasan": "kolom_alasan", "nilai": "kolom_nilai"})
elif rinci.empty:
    st.info(k.t("rincian_kosong"))
else:
    rinci = rinci.assign(kecamatan=[regions.kecamatan_name(kode_) if isinstance(kode_, str) else ""
                                    for kode_ in rinci["kode_kecamatan"]],
                         segmen=[segmen_label(s_) if isinstance(s_, str) else "" for s_ in rinci["segmen"]])
    page.table(k, rinci, f"temuan_{kode.lower()}",
                   {"rujukan": "kolom_rujukan", "kecamatan": "kolom_kecamatan", "segmen": "kolom_segmen",
                    "tanggal": "kolom_tanggal", "nominal": "kolom_nominal", "keterangan": "kolom_keterangan"},
                   {"nominal": "rupiah"})
st.caption(k.t("rincian_ket"))
