"""Unggah (admin): upload extracts, see the dry run, confirm, watch it load, see the result.

The same ingest as the command line: atomic, recorded, idempotent. Limits are checked here on
the server (size, files, rows, columns), not only in the browser.
"""
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ucj_oversight.storage import audit
from ucj_oversight import settings, ingest
from ucj_oversight.web import page

k = page.require_context(publik_boleh=False, peran="admin")
st.title(k.t("unggah_judul"))
batas = settings.upload_limits()
st.caption(k.t("unggah_ket", mb=batas["mb"], file=batas["file"], baris=f"{batas['baris']:,}".replace(",", "."),
               kolom=batas["kolom"]))

files = st.file_uploader(k.t("unggah_pilih"), type=["csv", "xlsx", "parquet"], accept_multiple_files=True,
                         key="unggah_file")
if not files:
    st.info(k.t("unggah_kosong"))
    st.stop()

terlalu_besar = [f.name for f in files if f.size > batas["mb"] * 1024 * 1024]
if terlalu_besar:
    st.error(k.t("unggah_terlalu_besar", daftar=", ".join(terlalu_besar), mb=batas["mb"]))
    st.stop()
if len(files) > batas["file"]:
    st.error(k.t("unggah_terlalu_banyak", n=len(files), batas=batas["file"]))
    st.stop()

db_path = settings.db_path()
oleh = page.username()
log_audit = audit.audit_path(db_path)


def simpan_sementara(folder: Path) -> list[Path]:
    hasil = []
    for f in files:
        nama = Path(f.name).name   # never trust a path from the browser
        p = folder / nama
        p.write_bytes(f.getvalue())
        hasil.append(p)
    return hasil


def jalankan(dry_run: bool, kemajuan=lambda s: None):
    with tempfile.TemporaryDirectory(prefix="ucj_unggah_") as tmp:
        paths = simpan_sementara(Path(tmp))
        return ingest.run_import(db_path, paths, dry_run=dry_run, kemajuan=kemajuan,
                            batas_baris=batas["baris"], batas_kolom=batas["kolom"])


def tabel_laporan(laporan: ingest.ImportReport) -> pd.DataFrame:
    return pd.DataFrame([{
        "file": f.nama_file, "jenis": f.jenis, "dimuat": f.baris_dimuat, "dikarantina": f.baris_dikarantina,
        "alasan": "; ".join(f"{n} × {a}" for a, n in list(f.alasan.items())[:5]),
        "catatan": k.t("unggah_sudah_ada", n=f.sudah_ada) if f.sudah_ada else "",
    } for f in laporan.files])


st.subheader(k.t("unggah_uji"))
try:
    uji = jalankan(dry_run=True)
except ingest.IngestError as e:
    audit.record(log_audit, "impor_uji", oleh, file=", ".join(f.name for f in files), hasil="ditolak", pesan=str(e))
    st.error(k.t("unggah_ditolak", pesan=str(e)))
    st.stop()
st.dataframe(tabel_laporan(uji), hide_index=True, width="stretch")
if uji.kunci_dev:
    st.warning(k.t("unggah_kunci_dev"))
if all(f.sudah_ada for f in uji.files):
    st.info(k.t("unggah_semua_ada"))
    st.stop()

if st.button(k.t("unggah_konfirmasi", n=uji.baris_dimuat), type="primary", key="unggah_ok"):
    with st.status(k.t("unggah_berjalan"), expanded=True) as status:
        try:
            hasil = jalankan(dry_run=False, kemajuan=lambda s: status.write(s))
        except ingest.IngestError as e:
            audit.record(log_audit, "impor_gagal", oleh, file=", ".join(f.name for f in files), pesan=str(e))
            status.update(label=k.t("unggah_gagal"), state="error")
            st.error(k.t("unggah_ditolak", pesan=str(e)))
            st.stop()
        for f in hasil.files:
            audit.record(log_audit, "impor", oleh, file=f.nama_file, sha256=f.sha256, jenis=f.jenis,
                        dimuat=f.baris_dimuat, dikarantina=f.baris_dikarantina,
                        hasil="sudah_ada" if f.sudah_ada else "dimuat")
        status.update(label=k.t("unggah_selesai"), state="complete")
    st.success(k.t("unggah_hasil", dimuat=hasil.baris_dimuat, dikarantina=hasil.baris_dikarantina))
    st.dataframe(tabel_laporan(hasil), hide_index=True, width="stretch")
    st.page_link("pages/ringkasan.py", label=k.t("unggah_lihat"))
