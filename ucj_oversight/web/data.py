"""Cached figure access for the pages: a figure is computed once per database version and view,
shared by every session, with public mode's disclosure control applied from the figure's spec.
Pages pass the figure function itself (`page.figure(k, figures.cakupan_kecamatan)`); the caches
are keyed by the spec's name."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from ucj_oversight import disclosure, figures, settings
from ucj_oversight.figures import AsOf, Filter
from ucj_oversight.figures.spec import spec_of
from ucj_oversight.storage import db

if TYPE_CHECKING:
    from ucj_oversight.web.page import Context


@st.cache_data(show_spinner=False, max_entries=2000)
def _cached_figure(
    version: tuple, name: str, asof: str | None, kecamatan: str | None, segmen: str | None, extra: tuple = ()
):
    """Run one figure function on a read-only cursor of exactly that database version. `version`
    (the database file's identity) is part of the key, so a new import is seen at once and an
    unchanged one is free; every figure of a run reads the version the run started with
    (db.read_version). Concurrent sessions wanting the same missing entry compute it once
    (st.cache_data holds a lock per key, not one for all). City-only figures take no filter."""
    with db.read_version(version) as con:
        fn = figures.function(name)
        if asof is None:
            return fn(con)
        a = AsOf.from_text(asof)
        if fn.spec.city_only:
            return fn(con, a)
        return fn(con, a, *extra, filter=Filter(kecamatan, segmen))


def figure(k: Context, fig, *extra, asof: AsOf | None = None, filter: Filter | None = None):
    """A figure (its function, e.g. figures.cakupan_kecamatan) for this view; `filter` overrides
    the view's filters (e.g. k.city_wide), `extra` are further arguments (temuan_rincian's code).
    In public mode a figure with a disclosure rule comes back with small cells hidden
    (statistical disclosure control, ucj_oversight/disclosure/); the mask travels in df.attrs so
    tables and downloads show '<5' / 'disamarkan'."""
    spec = spec_of(fig)
    if not spec.monthly:
        return version_figure(k.version, fig)
    a = asof or k.asof
    f = k.filter if filter is None else filter
    if settings.public_mode() and spec.disclosure is not None:
        return _public_figure(k.version, spec.name, str(a), f.kecamatan, f.segmen, tuple(extra))
    return _cached_figure(k.version, spec.name, str(a), f.kecamatan, f.segmen, tuple(extra))


def version_figure(version: tuple, fig):
    """A figure without month or filter (latest_month, segmen_list, sumber_impor, is_simulated)
    of one database version."""
    return _cached_figure(version, spec_of(fig).name, None, None, None)


@st.cache_data(show_spinner=False, max_entries=2000)
def _public_figure(version: tuple, name: str, asof: str, kecamatan: str | None, segmen: str | None, extra: tuple = ()):
    """The figure with public mode's disclosure control applied, cached under the same key as
    the figure (the control is a pure function of the figure): done once per database version
    and view, not on every page run."""
    result = _cached_figure(version, name, asof, kecamatan, segmen, extra)
    with warnings.catch_warnings():
        # A table that cannot protect a cell by itself: the hidden cells stay hidden anyway.
        warnings.simplefilter("ignore", disclosure.DisclosureWarning)
        data, mask = disclosure.apply(name, result)
    data.attrs["sdc_mask"] = mask
    data.attrs["sdc_figure"] = name
    # The figure as computed: a table's total row shows the true total where the rule publishes
    # it (its hidden cells are protected against that total), not the sum of the shown cells.
    data.attrs["sdc_raw"] = result
    return data


def call_figure(k: Context, fn):
    """Call a function of (con, asof, filter) on a read-only connection (not cached)."""
    with db.read_version(k.version) as con:
        return fn(con, k.asof, k.filter)


@st.cache_data(show_spinner=False, max_entries=50)
def _open_data_zip(version: tuple, asof: str, public: bool) -> bytes:
    import tempfile
    import zipfile

    from ucj_oversight.publish import export
    from ucj_oversight.publish import public as public_export

    with tempfile.TemporaryDirectory() as tmp, db.read_version(version) as con:
        a = AsOf.from_text(asof)
        files = public_export.export_public(con, a, Path(tmp)) if public else export.export(con, a, Path(tmp))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for f in files:
                z.write(f, arcname=f.name)
        return buf.getvalue()


def open_data_zip(k: Context) -> bytes:
    """The export tables + datapackage.json for the view's month; suppressed in public mode."""
    return _open_data_zip(k.version, str(k.asof), settings.public_mode())


@st.cache_data(show_spinner=False, max_entries=50)
def _briefing_pdf(version: tuple, asof: str, kecamatan: str | None, segmen: str | None, lang: str) -> bytes:
    from ucj_oversight import briefing

    with db.read_version(version) as con:
        return briefing.build_pdf(con, AsOf.from_text(asof), None, filter=Filter(kecamatan, segmen), lang=lang)


def briefing_pdf(k: Context) -> bytes:
    """The same PDF as `python -m ucj_oversight briefing` for this view."""
    return _briefing_pdf(k.version, str(k.asof), k.filter.kecamatan, k.filter.segmen, k.lang)
