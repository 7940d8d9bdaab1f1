"""The figure SQL stays portable: every figure (with its fragments inlined) transpiles from
DuckDB to Trino and Spark SQL without an unsupported construct (docs/scaling.md)."""
from __future__ import annotations

import re
from importlib import resources

import pytest
import sqlglot

from ucj_oversight import figures


def _figur_sql() -> list[str]:
    folder = resources.files("ucj_oversight.figures").joinpath("sql")
    return sorted(p.name[:-4] for p in folder.iterdir()
                  if p.name.endswith(".sql") and not p.name.startswith("_"))


@pytest.mark.parametrize("dialek", ["trino", "spark"])
@pytest.mark.parametrize("nama", _figur_sql())
def test_sql_figur_dapat_ditranspilasi(nama, dialek):
    sql = figures._sql(nama)
    assert "{{" not in sql   # every fragment inlined
    hasil = sqlglot.transpile(sql, read="duckdb", write=dialek, unsupported_level=sqlglot.ErrorLevel.RAISE)
    assert len(hasil) == 1 and "SELECT" in hasil[0].upper()
    # Parameters stay named parameters (:bulan), in the target's syntax; no DuckDB '$' is left.
    assert "$" not in hasil[0]
    for param in set(re.findall(r"\$(\w+)", sql)):
        assert f":{param}" in hasil[0], param


@pytest.mark.parametrize("dialek", ["trino", "spark"])
def test_lapisan_turunan_dapat_ditranspilasi(dialek):
    """The derived layer (rebuilt per import; on a distributed engine: CTAS per import) too."""
    from ucj_oversight.storage import db
    perintah = db._pisah_perintah(db.sql_file("derived.sql"))
    assert len(perintah) >= 10
    for p in perintah:
        hasil = sqlglot.transpile(p, read="duckdb", write=dialek, unsupported_level=sqlglot.ErrorLevel.RAISE)
        assert len(hasil) == 1 and "CREATE" in hasil[0].upper()
