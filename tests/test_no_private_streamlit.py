"""Streamlit through its public API only (CONTRIBUTING.md): `st.*`, `streamlit.testing.v1`, and
`streamlit.web.cli` to start the server. No import of a private Streamlit module, no `st._x`, no
patching of Streamlit's classes, in the app, its pages, the package and the scripts; and the
setting the page menu depends on (.streamlit/config.toml) is there."""

from __future__ import annotations

import ast
import pkgutil
import re
import tomllib
import types
from pathlib import Path

import pytest
import streamlit

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    [
        ROOT / "app.py",
        ROOT / "asgi.py",
        *(ROOT / "ucj_oversight").rglob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "scripts").glob("*.py"),
    ]
)

# Submodules that are public API (st.column_config.NumberColumn, st.components.v1.html, ...).
PUBLIC_SUBMODULES = {"column_config", "components", "connections", "testing"}
# `import streamlit.X` / `from streamlit.X import ...`: only these.
PUBLIC_MODULES = {"streamlit.testing.v1", "streamlit.web.cli"}
PUBLIC_FROM = {("streamlit.testing", "v1"), ("streamlit.web", "cli")}
# Streamlit internals named anywhere in the code (strings included: importlib, sitecustomize ...).
INTERNAL_NAMES = re.compile(
    r"\bstreamlit\.(runtime|elements|commands|proto|navigation|web\.server|web\.bootstrap)\b"
    r"|\b(PagesManager|uses_pages_directory|ScriptRunner|get_script_run_ctx|"
    r"add_script_run_ctx|_mpa_v1)\b"
)


def _private_attributes() -> set[str]:
    """Names that must not follow `st.`: the submodules of the streamlit package that are not
    public API (where a public function shadows a submodule's name, e.g. st.navigation, the
    attribute is the function and stays allowed)."""
    names = set()
    for m in pkgutil.iter_modules(streamlit.__path__):
        value = getattr(streamlit, m.name, None)
        if m.name not in PUBLIC_SUBMODULES and (value is None or isinstance(value, types.ModuleType)):
            names.add(m.name)
    return names


PRIVATE = _private_attributes()


def _problems(path: Path) -> list[str]:
    source = path.read_text("utf-8")
    tree = ast.parse(source)
    aliases = {"streamlit"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == "streamlit":
                    aliases.add(a.asname or "streamlit")
                elif a.name.startswith("streamlit.") and a.name not in PUBLIC_MODULES:
                    found.append(f"line {node.lineno}: import {a.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "streamlit":
            for a in node.names:
                if node.module == "streamlit":
                    if a.name.startswith("_") or a.name in PRIVATE:
                        found.append(f"line {node.lineno}: from streamlit import {a.name}")
                elif node.module not in PUBLIC_MODULES and (node.module, a.name) not in PUBLIC_FROM:
                    found.append(f"line {node.lineno}: from {node.module} import {a.name}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and (node.attr.startswith("_") or node.attr in PRIVATE)
        ):
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    for n, line in enumerate(source.splitlines(), 1):
        if m := INTERNAL_NAMES.search(line):
            found.append(f"line {n}: {m.group(0)}")
    return found


def test_the_check_finds_what_it_should(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import streamlit as st\nimport streamlit.runtime.scriptrunner\n"
        "from streamlit.runtime.pages_manager import PagesManager\nfrom streamlit import runtime\n"
        "from streamlit.elements import plotly_chart\nst._config\nst.runtime.exists()\n"
        "x = 'streamlit.web.server'\n",
        encoding="utf-8",
    )
    problems = _problems(bad)
    for expected in (
        "import streamlit.runtime.scriptrunner",
        "from streamlit.runtime.pages_manager import",
        "from streamlit import runtime",
        "from streamlit.elements import",
        "st._config",
        "st.runtime",
        "streamlit.web.server",
        "PagesManager",
    ):
        assert any(expected in p for p in problems), (expected, problems)
    good = tmp_path / "good.py"
    good.write_text(
        "import streamlit as st\nfrom streamlit.testing.v1 import AppTest\nfrom streamlit.web import cli\n"
        "st.navigation([]); st.column_config.NumberColumn(); st.session_state['x'] = 1\n",
        encoding="utf-8",
    )
    assert _problems(good) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_public_streamlit_only(path):
    assert not _problems(path), f"{path.relative_to(ROOT)} uses Streamlit internals: {_problems(path)}"


def test_streamlit_menu_is_off():
    """app.py draws the page menu itself: Streamlit's own sidebar menu would list every file in
    pages/ for the first session after a start (see app.py)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["client"]["showSidebarNavigation"] is False
