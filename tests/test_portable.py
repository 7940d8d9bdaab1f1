"""The figure SQL stays portable: every figure (with its fragments inlined) transpiles from
DuckDB to Trino and Spark SQL without an unsupported construct (docs/scaling.md)."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import sqlglot

from ucj_oversight import figures


def _figure_sql_names() -> list[str]:
    folder = resources.files("ucj_oversight.figures").joinpath("sql")
    return sorted(
        path.name[:-4] for path in folder.iterdir() if path.name.endswith(".sql") and not path.name.startswith("_")
    )


@pytest.mark.parametrize("dialect", ["trino", "spark"])
@pytest.mark.parametrize("name", _figure_sql_names())
def test_figure_sql_transpiles(name, dialect):
    sql = figures.runner.sql(name)
    assert "{{" not in sql  # every fragment inlined
    result = sqlglot.transpile(sql, read="duckdb", write=dialect, unsupported_level=sqlglot.ErrorLevel.RAISE)
    assert len(result) == 1 and "SELECT" in result[0].upper()
    # Parameters stay named parameters (:bulan), in the target's syntax; no DuckDB '$' is left.
    assert "$" not in result[0]
    for param in set(re.findall(r"\$(\w+)", sql)):
        assert f":{param}" in result[0], param


@pytest.mark.parametrize("dialect", ["trino", "spark"])
def test_derived_layer_transpiles(dialect):
    """The derived layer (rebuilt per import; on a distributed engine: CTAS per import) too."""
    from ucj_oversight.storage import db

    statements = db.derived_statements()
    assert len(statements) >= 10
    for statement in statements:
        result = sqlglot.transpile(statement, read="duckdb", write=dialect, unsupported_level=sqlglot.ErrorLevel.RAISE)
        assert len(result) == 1 and "CREATE" in result[0].upper()
