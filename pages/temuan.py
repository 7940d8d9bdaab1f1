"""Temuan: the ten checks, what each means, what to ask, and the rows behind them."""
import streamlit as st

from ucj_oversight import figures, fmt, tampilan, wilayah
from ucj_oversight.label import segmen as segmen_label
from ucj_oversight.label import temuan as teks_temuan

k = tampilan.ambil()
st.title(k.t("temuan_judul", bulan=k.bulan_teks))
tampilan.sumber_dan_posisi(k)
st.markdown(k.t("temuan_pengantar"))

tm = tampilan.figur(k, "temuan")
tm = tm.assign(nama=[teks_temuan(c, "nama", k.lang) for c in tm["kode_temuan"]],
               arti=[teks_temuan(c, "arti", k.lang) for c in tm["kode_temuan"]],
               pertanyaan=[teks_temuan(c, "tanya", k.lang) for c in tm["kode_temuan"]])
tampilan.tabel(k, tm, "temuan", {"kode_temuan": "kolom_kode", "nama": "kolom_temuan", "jumlah": "kolom_jumlah",
                                 "nominal": "kolom_nominal", "arti": "artinya", "pertanyaan": "pertanyaan"},
               {"jumlah": "angka", "nominal": "rupiah"})

kode = st.selectbox(k.t("rincian_pilih"), list(figures.KODE_TEMUAN), key="temuan_kode",
                    format_func=lambda c: f"{teks_temuan(c, 'nama', k.lang)} ({fmt.angka(int(tm.set_index('kode_temuan').loc[c, 'jumlah']))})")
st.subheader(k.t("rincian_judul", kode=teks_temuan(kode, "nama", k.lang)))
st.markdown(f"**{k.t('artinya')}:** {teks_temuan(kode, 'arti', k.lang)}  \n"
            f"**{k.t('pertanyaan')}:** {teks_temuan(kode, 'tanya', k.lang)}")
rinci = tampilan.figur(k, "temuan_rincian", kode)
if kode == "BARIS_DITOLAK":
    if rinci.empty:
        st.info(k.t("tanpa_karantina"))
    else:
        tampilan.tabel(k, rinci, "karantina", {"impor_id": "kolom_impor", "nama_file": "kolom_file",
                                               "baris": "kolom_baris", "kolom": "kolom_kolom",
                                               "alasan": "kolom_alasan", "nilai": "kolom_nilai"})
elif rinci.empty:
    st.info(k.t("rincian_kosong"))
else:
    rinci = rinci.assign(kecamatan=[wilayah.nama_kecamatan(kode_) if isinstance(kode_, str) else ""
                                    for kode_ in rinci["kode_kecamatan"]],
                         segmen=[segmen_label(s_) if isinstance(s_, str) else "" for s_ in rinci["segmen"]])
    tampilan.tabel(k, rinci, f"temuan_{kode.lower()}",
                   {"rujukan": "kolom_rujukan", "kecamatan": "kolom_kecamatan", "segmen": "kolom_segmen",
                    "tanggal": "kolom_tanggal", "nominal": "kolom_nominal", "keterangan": "kolom_keterangan"},
                   {"nominal": "rupiah"})
st.caption(k.t("rincian_ket"))
