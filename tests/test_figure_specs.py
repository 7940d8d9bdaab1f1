"""One declaration per figure (figures/spec.py), checked against what the code does: every
SQL-backed figure's SQL returns exactly the declared columns, in order, and the figure returns
the declared dtypes; record figures return the declared keys; the export schema, the disclosure
rules and the page labels all come from the specs."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from conftest import SMALL_DIR, TEST_KEY

from ucj_oversight import disclosure, figures, ingest
from ucj_oversight.figures import SPECS, AsOf, runner
from ucj_oversight.figures.spec import Column, FigureSpec
from ucj_oversight.publish import export, public
from ucj_oversight.storage import db
from ucj_oversight.text.labels import TEXTS

MONTHS = ["2025-06", "2026-03"]  # before the fixture's budget year, and its last month
SQL_SPECS = sorted(s.name for s in SPECS.values() if s.sql is not None)
RECORD_SPECS = sorted(s.name for s in SPECS.values() if s.returns == "record")
# Labels shown as they are (programme names are the same in both languages).
LITERAL_LABELS = {"JKK", "JKK (Rp)", "JKM", "JKM (Rp)"}


@pytest.fixture(scope="module")
def small_con(tmp_path_factory):
    """The small fixture (tests/fixtures/kecil), imported once for this module (read only)."""
    path = tmp_path_factory.mktemp("specs") / "kecil.duckdb"
    ingest.run_import(path, [SMALL_DIR], key=TEST_KEY)
    con = db.read(path)
    yield con
    con.close()


def _params(asof: AsOf) -> dict:
    """Every parameter any figure SQL takes (run_sql binds the ones a file uses)."""
    return dict(
        runner.params(asof),
        dari_bulan=dt.date(asof.year - 1, 1, 1),
        tarif=figures.tarif(),
        kode="IURAN_GANDA",
        manfaat_jkm=figures.MANFAAT_JKM,
    )


def _dtype_ok(s: pd.Series, dtype: str) -> bool:
    if dtype in ("string", "month", "day"):
        values = s.dropna()
        ok = pd.api.types.is_string_dtype(s.dtype) or (s.dtype == object and values.map(type).eq(str).all())
        pattern = {"month": r"^\d{4}-\d{2}$", "day": r"^\d{4}-\d{2}-\d{2}$"}.get(dtype)
        return bool(ok and (pattern is None or values.str.fullmatch(pattern).all()))
    if dtype == "datetime":
        return str(s.dtype) == "datetime64[us]"
    return str(s.dtype) == dtype


@pytest.mark.parametrize("month", MONTHS)
@pytest.mark.parametrize("name", SQL_SPECS)
def test_sql_returns_the_declared_columns(small_con, name, month):
    spec = SPECS[name]
    raw = runner.run_sql(small_con, spec.sql, **_params(AsOf.from_text(month)))
    assert list(raw.columns) == [c.name for c in spec.sql_columns], name
    typed = runner.cast(raw, spec)
    for c in spec.sql_columns:
        assert _dtype_ok(typed[c.name], c.dtype), (name, c.name, c.dtype, typed[c.name].dtype)


@pytest.mark.parametrize("month", MONTHS)
@pytest.mark.parametrize("name", sorted(s.name for s in SPECS.values() if s.returns == "table" and s.monthly))
def test_table_figure_returns_declared_columns_and_dtypes(small_con, name, month):
    fn = figures.function(name)
    args = ("IURAN_GANDA",) if name == "temuan_rincian" else ()
    df = fn(small_con, AsOf.from_text(month), *args)
    assert list(df.columns) == fn.spec.names
    for c in fn.spec.columns:
        if df.empty and (name, c.name) == ("temuan_rincian", "rujukan"):
            continue  # masked after the query: an empty list of masked values has no text dtype
        assert _dtype_ok(df[c.name], c.dtype), (name, c.name, c.dtype, df[c.name].dtype)


@pytest.mark.parametrize("name", ["sumber_impor", "karantina_impor"])
def test_figures_without_month(small_con, name):
    fn = figures.function(name)
    df = fn(small_con)
    assert list(df.columns) == fn.spec.names and len(df)
    for c in fn.spec.columns:
        assert _dtype_ok(df[c.name], c.dtype), (name, c.name, c.dtype, df[c.name].dtype)


def _value_ok(v, dtype: str) -> bool:
    if v is None:
        return dtype in ("Int64", "float64", "boolean")
    if dtype in ("int64", "Int64"):
        return isinstance(v, (int, np.integer)) and not isinstance(v, bool)
    if dtype == "float64":
        return isinstance(v, (float, int, np.floating, np.integer)) and not isinstance(v, bool)
    if dtype in ("bool", "boolean"):
        return isinstance(v, (bool, np.bool_))
    return isinstance(v, str)


@pytest.mark.parametrize("month", MONTHS)
@pytest.mark.parametrize("name", RECORD_SPECS)
def test_record_figure_returns_declared_keys(small_con, name, month):
    fn = figures.function(name)
    r = fn(small_con, AsOf.from_text(month))
    assert list(r) == fn.spec.names
    for c in fn.spec.columns:
        assert _value_ok(r[c.name], c.dtype), (name, c.name, c.dtype, r[c.name])


def test_every_figure_has_one_spec():
    for name, spec in SPECS.items():
        assert spec.name == name
        fn = figures.function(spec)
        assert fn is getattr(figures, name) and fn.spec is spec
        assert figures.function(name) is fn and figures.spec_of(fn) is spec
    assert {n for n in SPECS if SPECS[n].city_only} == {
        "anggaran_bulanan",
        "biaya_per_peserta_bulan",
        "proyeksi_akhir_tahun",
        "ketepatan_bayar",
        "bulan_menunggak",
    }
    sql_files = {
        p.name[:-4]
        for p in resources.files("ucj_oversight.figures").joinpath("sql").iterdir()
        if p.name.endswith(".sql") and not p.name.startswith("_")
    }
    assert {s.sql for s in SPECS.values() if s.sql} == sql_files


def test_sql_with_other_columns_is_refused(small_con):
    spec = SPECS["klaim_program"]
    wrong = FigureSpec(
        "x", spec.sql, (Column("program", "string"), Column("jumlah", "int64"), Column("nominal_dibayar", "float64"))
    )
    with pytest.raises(ValueError, match="declares"):
        runner.run(small_con, wrong, **runner.params(AsOf.from_text("2026-03")))
    with pytest.raises(ValueError):
        Column("a", "integer")
    with pytest.raises(ValueError):
        Column("a", "int64", format="uang")


def test_labels_are_text_keys():
    for spec in SPECS.values():
        for c in spec.columns:
            assert c.label is None or c.label in TEXTS or c.label in LITERAL_LABELS, (spec.name, c.name, c.label)


def test_export_schema_comes_from_the_specs(small_con):
    exported = [s for s in SPECS.values() if s.export is not None]
    assert (
        [s.name for s in exported]
        == list(export.TABLES)
        == [
            "cakupan_kecamatan",
            "perlindungan_kecamatan",
            "anggaran_bulanan",
            "klaim_program",
            "rekonsiliasi_iuran",
            "ketepatan_bayar",
            "temuan",
        ]
    )
    for s in exported:
        title, description, columns = export.TABLES[s.name]
        assert (title, description) == (s.export.title, s.export.description)
        assert columns == {c.name: (c.export_type, c.export_description) for c in s.export_columns}
        assert all(c.export_description for c in s.export_columns)
    tables = export.export_tables(small_con, AsOf.from_text("2026-03"))
    for name, df in tables.items():
        assert list(df.columns) == [c.name for c in SPECS[name].export_columns]
    schema = public.public_schema()
    for s in exported:
        names = list(schema[s.name][2])
        maskable = s.disclosure.maskable(export.TABLES[s.name][2]) if s.disclosure else []
        assert names == [c.name for c in s.export_columns] + [m + public.FLAG_SUFFIX for m in maskable]


def test_disclosure_rules_use_the_figure_columns():
    for spec in SPECS.values():
        rule = spec.disclosure
        if rule is None:
            continue
        known = set(spec.names) | ({rule.remainder.count, rule.remainder.amount} if rule.remainder else set())
        used = {
            *rule.counts,
            *[x for v in rule.amounts.values() for x in v],
            *[x for v in rule.follows.values() for x in v],
            *[x for g in rule.row_groups for x in g],
            *[x for p in rule.per for x in p],
            *(rule.totals or ()),
        }
        assert used <= known, (spec.name, used - known)
        assert disclosure.rule(spec.name) is rule
