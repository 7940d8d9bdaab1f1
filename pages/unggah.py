"""Unggah (admin): upload extracts, see the preview of the dry run, confirm, watch it load.

The same ingest as the command line: atomic, recorded, idempotent. Before anything is written
the page shows, per file and sheet, the kind, the header, the column mapping, the rows skipped,
the control totals and the first rows (NIK masked); a header the contract does not know can be
mapped here and saved as a source profile (ingest.profiles, audit-logged). Limits are checked
here on the server (size, files, rows, columns), not only in the browser.
"""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ucj_oversight import ingest, settings
from ucj_oversight.ingest import classify, contract, profiles
from ucj_oversight.ingest.readers import HeaderNotRecognised, KindUnknown
from ucj_oversight.storage import audit
from ucj_oversight.text import fmt
from ucj_oversight.web import page, upload

k = page.require_context(public_ok=False, role="admin")
st.title(k.t("unggah_judul"))
limits = settings.upload_limits()
st.caption(
    k.t(
        "unggah_ket",
        mb=limits["mb"],
        file=limits["file"],
        baris=f"{limits['baris']:,}".replace(",", "."),
        kolom=limits["kolom"],
    )
)

files = st.file_uploader(
    k.t("unggah_pilih"),
    type=["csv", "xlsx", "parquet"],
    accept_multiple_files=True,
    key="unggah_file",
    max_upload_size=limits["mb"],  # the browser refuses a larger file, and its size note says this limit
)
page.upload_control_text(k, limits["mb"])
if not files:
    st.info(k.t("unggah_kosong"))
    st.stop()

too_large = [f.name for f in files if f.size > limits["mb"] * 1024 * 1024]
if too_large:
    st.error(k.t("unggah_terlalu_besar", daftar=", ".join(too_large), mb=limits["mb"]))
    st.stop()
if len(files) > limits["file"]:
    st.error(k.t("unggah_terlalu_banyak", n=len(files), batas=limits["file"]))
    st.stop()

db_path = settings.db_path()
actor = page.username()
audit_file = audit.audit_path(db_path)
profiles_file = settings.profiles_path(db_path)
if "unggah_pesan" in st.session_state:
    st.success(st.session_state.pop("unggah_pesan"))
try:
    saved = profiles.load(profiles_file)
except profiles.ProfileError as e:
    st.error(str(e))
    saved = {}
with st.expander(k.t("unggah_pengaturan"), expanded=False):
    chosen_kind = st.selectbox(
        k.t("unggah_jenis"),
        [None, *contract.KIND_NAMES],
        format_func=lambda x: x or k.t("unggah_jenis_otomatis"),
        key="unggah_jenis",
    )
    chosen_profile = st.selectbox(
        k.t("unggah_profil"),
        [None, *saved],
        format_func=lambda x: x or k.t("unggah_profil_otomatis"),
        key="unggah_profil",
    )
    upload.saved_profiles(k, saved, actor, profiles_file, audit_file)


def save_uploads(folder: Path) -> list[Path]:
    result = []
    for f in files:
        name = Path(f.name).name  # never trust a path from the browser
        p = folder / name
        p.write_bytes(f.getvalue())
        result.append(p)
    return result


def run(dry_run: bool, progress=lambda s: None):
    with tempfile.TemporaryDirectory(prefix="ucj_unggah_") as tmp:
        paths = save_uploads(Path(tmp))
        return ingest.run_import(
            db_path,
            paths,
            kind=chosen_kind,
            profile=chosen_profile,
            profiles_path=profiles_file,
            dry_run=dry_run,
            progress=progress,
            max_rows=limits["baris"],
            max_columns=limits["kolom"],
        )


def head_rows(where: str) -> list:
    """The first rows of the uploaded file named at the start of `where` ('file.xlsx, sheet ...')."""
    f = next((f for f in files if where.startswith(Path(f.name).name)), files[0])
    with tempfile.TemporaryDirectory(prefix="ucj_unggah_") as tmp:
        p = Path(tmp) / Path(f.name).name
        p.write_bytes(f.getvalue())
        return classify.head_rows(p)


def report_table(report: ingest.ImportReport, file_name: str) -> None:
    """One row per file: kind, rows loaded and quarantined, why, control totals (page.table:
    labelled columns, numbers right-aligned, a total row)."""
    df = pd.DataFrame(
        [
            {
                "file": f.file_name,
                "jenis": f.kind,
                "dimuat": fmt.number(f.rows_loaded, lang=k.lang),
                "dikarantina": fmt.number(f.rows_quarantined, lang=k.lang),
                "alasan": "; ".join(f"{n} × {a}" for a, n in list(f.reasons.items())[:5]),
                "kontrol": f.control_text or "",
                "catatan": k.t("unggah_sudah_ada", n=f.duplicate_of) if f.duplicate_of else "",
            }
            for f in report.files
        ]
    )
    page.table(
        k,
        df,
        labels={
            "file": "kolom_file",
            "jenis": "kolom_jenis",
            "dimuat": "kolom_dimuat",
            "dikarantina": "kolom_dikarantina",
            "alasan": "kolom_alasan",
            "kontrol": "kolom_kontrol",
            "catatan": "kolom_catatan",
        },
        file_name=file_name,
        numeric=["dimuat", "dikarantina"],
    )


st.subheader(k.t("unggah_uji"))
try:
    trial = run(dry_run=True)
except HeaderNotRecognised as e:
    # Nothing written: the admin maps the columns; the profile is saved and the page reruns.
    audit.record(audit_file, "impor_uji", actor, file=", ".join(f.name for f in files), hasil="ditolak", pesan=str(e))
    upload.mapping_form(k, e, head_rows(e.where), actor, profiles_file, audit_file)
    st.stop()
except ingest.IngestError as e:
    audit.record(audit_file, "impor_uji", actor, file=", ".join(f.name for f in files), hasil="ditolak", pesan=str(e))
    st.error(k.t("unggah_ditolak", pesan=str(e)))
    if isinstance(e, KindUnknown):
        st.info(k.t("unggah_jenis_pilih", bagian=k.t("unggah_pengaturan")))
    st.stop()
report_table(trial, "laporan_uji_impor")
upload.file_preview(k, trial)
if trial.dev_key:
    st.warning(k.t("unggah_kunci_dev"))
if all(f.duplicate_of for f in trial.files):
    st.info(k.t("unggah_semua_ada"))
    st.stop()

if st.button(k.t("unggah_konfirmasi", n=trial.rows_loaded), type="primary", key="unggah_ok"):
    with st.status(k.t("unggah_berjalan"), expanded=True) as status:
        try:
            result = run(dry_run=False, progress=lambda s: status.write(s))
        except ingest.IngestError as e:
            audit.record(audit_file, "impor_gagal", actor, file=", ".join(f.name for f in files), pesan=str(e))
            status.update(label=k.t("unggah_gagal"), state="error")
            st.error(k.t("unggah_ditolak", pesan=str(e)))
            st.stop()
        for f in result.files:
            audit.record(
                audit_file,
                "impor",
                actor,
                file=f.file_name,
                sha256=f.sha256,
                jenis=f.kind,
                dimuat=f.rows_loaded,
                dikarantina=f.rows_quarantined,
                kontrol=f.control_text,
                hasil="sudah_ada" if f.duplicate_of else "dimuat",
            )
        status.update(label=k.t("unggah_selesai"), state="complete")
    st.success(k.t("unggah_hasil", dimuat=result.rows_loaded, dikarantina=result.rows_quarantined))
    report_table(result, "laporan_impor")
    st.page_link("pages/ringkasan.py", label=k.t("unggah_lihat"))
