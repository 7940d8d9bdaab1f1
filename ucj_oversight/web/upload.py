"""The Unggah page's parts: the preview of a dry run per file and sheet, the column mapping form
for a header the contract does not know (saved as a source profile), and the saved profiles.

The page (pages/unggah.py) runs the ingest; this module only draws its report and collects the
admin's choices. Nothing here writes the database; a profile is saved through ingest.profiles,
which records the change in the audit log.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ucj_oversight.ingest import contract, preview, profiles
from ucj_oversight.ingest.controls import control_line, thousands
from ucj_oversight.ingest.preview import identical_text
from ucj_oversight.ingest.readers import HeaderNotRecognised

if TYPE_CHECKING:
    from ucj_oversight.ingest.run import FileReport, ImportReport
    from ucj_oversight.web.page import Context


def _mapping_frame(k: Context, mapping: list[tuple[str, str]]) -> pd.DataFrame:
    def target(t: str) -> str:
        if t == preview.NUMBER:
            return k.t("unggah_nomor_urut")
        return t or k.t("unggah_tidak_dikenal")

    sources, targets = [s for s, _ in mapping], [target(t) for _, t in mapping]
    return pd.DataFrame({k.t("unggah_kolom_file"): sources, k.t("unggah_kolom_kontrak"): targets})


def _block(k: Context, header_rows, mapping, skipped, summary, controls, first_rows) -> None:
    st.caption(k.t("unggah_header_di", baris=preview.ranges(list(header_rows))))
    # st.table (HTML, read by screen readers and tests), not the canvas grid: a few rows only.
    st.table(_mapping_frame(k, mapping).set_index(k.t("unggah_kolom_file")))
    for why, rows in preview.skipped_parts(skipped, summary):
        st.caption(k.t("unggah_dilewati", why=why, n=thousands(len(rows)), baris=preview.ranges(rows)))
    for c in controls:
        if c["ok"]:
            st.success(k.t("unggah_kontrol_cocok", teks=control_line(c)))
        else:
            st.warning(k.t("unggah_kontrol_beda", teks=control_line(c)))
    if first_rows:
        st.caption(k.t("unggah_baris_pertama"))
        st.table(pd.DataFrame(first_rows).astype(str).set_index("baris"))


def _has_warning(f: FileReport) -> bool:
    return any(not c["ok"] for c in f.control_totals) or bool(f.rows_quarantined)


def file_preview(k: Context, report: ImportReport) -> None:
    """One expander per file: kind and why, profile, header, mapping, skipped rows, control
    totals (a mismatch as a warning), first rows; workbook sheets one after another."""
    st.markdown(f"**{k.t('unggah_pratinjau')}**")
    for f in report.files:
        if f.duplicate_of:
            continue
        title = k.t(
            "unggah_ringkas_file",
            file=f.file_name,
            jenis=f.kind,
            dimuat=thousands(f.rows_loaded),
            dikarantina=thousands(f.rows_quarantined),
        )
        with st.expander(title, expanded=_has_warning(f) or len(report.files) == 1):
            if f.kind_reason:
                st.caption(f.kind_reason)
            if f.profile:
                st.caption(f"{k.t('unggah_profil')}: {f.profile}")
            for reason, n in list(f.reasons.items())[:8]:
                st.caption(f"{thousands(n)} × {reason}")
            for reason, n in f.nik_notes.items():
                st.caption(f"{thousands(n)} × {reason}")
            if f.identical:
                st.info(identical_text(f))
            if not f.sheets:
                _block(k, f.header_rows, f.mapping, f.skipped_rows, f.summary_rows, f.control_totals, f.preview)
            for sheet in f.sheets:
                st.markdown(
                    k.t(
                        "unggah_sheet",
                        nama=sheet.name,
                        dimuat=thousands(sheet.rows_loaded),
                        dikarantina=thousands(sheet.rows_quarantined),
                    )
                )
                _block(
                    k,
                    sheet.header_rows,
                    sheet.mapping,
                    sheet.skipped_rows,
                    sheet.summary_rows,
                    sheet.control_totals,
                    sheet.preview,
                )
            for skipped in f.skipped_sheets:
                st.caption(skipped)


def _column_label(kind: contract.Kind, name: str) -> str:
    column = kind.column_dict().get(name)
    return f"{name} — {column.description_id}" if column is not None and column.description_id else name


def mapping_form(
    k: Context, e: HeaderNotRecognised, head: list, actor: str | None, profiles_file: Path, audit_file: Path
) -> None:
    """The form that maps a header's columns to the contract; saving it stores a source profile
    (audit-logged) and reruns the page, whose dry run then applies the profile."""
    st.error(k.t("unggah_header_judul", where=e.where, baris=e.header_row))
    st.markdown(k.t("unggah_header_ket", jenis=e.kind, kurang=", ".join(e.missing) or "-"))
    kind = contract.KINDS[e.kind]
    options = [""] + [c.name for c in kind.columns]
    stem = e.where.split(",")[0].rsplit(".", 1)[0]
    with st.form("unggah_peta"):
        chosen = {}
        for n, cell in enumerate(e.cells):
            current = e.mapped.get(cell, "")
            chosen[cell] = st.selectbox(
                cell,
                options,
                index=options.index(current) if current in options else 0,
                format_func=lambda x: _column_label(kind, x) if x else k.t("unggah_abaikan"),
                key=f"unggah_peta_{n}",
            )
        name = st.text_input(k.t("unggah_nama_profil"), value=f"{e.kind} – {stem}"[: profiles.MAX_NAME])
        submitted = st.form_submit_button(k.t("unggah_simpan_profil"), type="primary")
    if not submitted:
        return
    columns = {cell: target for cell, target in chosen.items() if target != e.mapped.get(cell, "")}
    if not columns:
        st.warning(k.t("unggah_peta_kosong"))
        return
    try:
        header = profiles.header_from(head, columns)
        saved = profiles.save(profiles.Profile(name, e.kind, columns, header), actor, profiles_file, audit_file)
    except profiles.ProfileError as err:
        st.error(str(err))
        return
    st.session_state["unggah_pesan"] = k.t("unggah_profil_disimpan", nama=saved.name)
    st.rerun()


def saved_profiles(k: Context, saved: dict, actor: str | None, profiles_file: Path, audit_file: Path) -> None:
    """The saved profiles as a table, and deleting one (audit-logged)."""
    st.markdown(f"**{k.t('unggah_profil_tersimpan')}**")
    if not saved:
        st.caption(k.t("unggah_profil_belum"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                k.t("unggah_profil"): [p.name for p in saved.values()],
                k.t("unggah_jenis"): [p.kind for p in saved.values()],
                k.t("unggah_kolom_kontrak"): [p.describe() for p in saved.values()],
                "diubah": [f"{p.changed_at} ({p.changed_by})" for p in saved.values()],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    gone = st.selectbox(k.t("unggah_profil_hapus"), [""] + list(saved), key="unggah_profil_hapus")
    if gone and st.button(k.t("unggah_profil_hapus"), key="unggah_profil_hapus_ok"):
        profiles.remove(gone, actor, profiles_file, audit_file)
        st.session_state["unggah_pesan"] = k.t("unggah_profil_dihapus", nama=gone)
        st.rerun()
