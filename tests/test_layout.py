"""The shape of the code base, checked: the package list in the README and in
docs/architecture.md is the one on disk, no module grows past ~500 lines, and the layers import
only downwards (only web/ imports Streamlit, only briefing/ draws with ReportLab, nothing at run
time imports the developer tools in dev/)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "ucj_oversight"

# Modules that are data tables rather than code may be longer (say why here).
LONG_DATA_MODULES = {
    "ucj_oversight/text/labels.py": "every visible text of the dashboard, in Indonesian and English",
}
MAX_LINES = 500


def _packages() -> set[str]:
    """Every package on disk, as 'ucj_oversight/x/' (the top level as 'ucj_oversight/')."""
    return {
        str(p.parent.relative_to(ROOT)).replace("\\", "/") + "/"
        for p in PKG.rglob("__init__.py")
        if "__pycache__" not in p.parts
    }


def _table_packages(text: str) -> set[str]:
    """The package rows of a Markdown table: first cell `ucj_oversight/.../`."""
    return set(re.findall(r"^\|\s*`(ucj_oversight/(?:[a-z_]+/)*)`", text, flags=re.M))


def test_packages_on_disk_are_the_documented_ones():
    on_disk = _packages()
    assert "ucj_oversight/" in on_disk and len(on_disk) >= 8
    for doc in ("README.md", "docs/architecture.md"):
        documented = _table_packages((ROOT / doc).read_text("utf-8"))
        assert documented == on_disk, (
            f"{doc}: packages documented but absent {sorted(documented - on_disk)}, "
            f"on disk but not documented {sorted(on_disk - documented)}"
        )


def _modules() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_size(path):
    rel = str(path.relative_to(ROOT)).replace("\\", "/")
    lines = len(path.read_text("utf-8").splitlines())
    if rel in LONG_DATA_MODULES:
        return
    assert lines <= MAX_LINES, f"{rel} has {lines} lines: split it by job (docs/architecture.md)"


def _imports(path: Path) -> set[str]:
    """Every module a file imports (absolute names; relative imports resolved)."""
    tree = ast.parse(path.read_text("utf-8"))
    rel = path.relative_to(ROOT).with_suffix("")
    package = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)
    return found


def _area(path: Path) -> str:
    parts = path.relative_to(PKG).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


# Which areas each area may import (besides itself); see docs/architecture.md "Layers".
BASE = {"settings", "text", "regions", "privacy"}
ALLOWED = {
    "settings": set(),
    "text": set(),
    "regions": set(),
    "privacy": {"settings"},
    "storage": BASE,
    "ingest": BASE | {"storage"},
    "figures": BASE | {"storage"},
    "disclosure": BASE | {"figures"},
    "publish": BASE | {"storage", "figures", "disclosure"},
    "briefing": BASE | {"storage", "figures", "disclosure"},
    "web": BASE | {"storage", "ingest", "figures", "disclosure", "publish", "briefing"},
    "dev": BASE | {"storage", "ingest", "figures", "disclosure", "publish", "dev"},
    "cli": BASE | {"storage", "ingest", "figures", "disclosure", "publish", "briefing", "dev"},
    "__main__": {"cli"},
    "server": {"web"},
    "__init__": set(),
}
# Third-party libraries that belong to one area only.
ONLY_IN = {"streamlit": {"web"}, "reportlab": {"briefing"}, "plotly": {"web"}}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_layers_import_downwards(path):
    area = _area(path)
    assert area in ALLOWED, f"{path}: area '{area}' has no layer rule in tests/test_layout.py"
    for mod in _imports(path):
        top = mod.split(".")[0]
        if top in ONLY_IN:
            assert area in ONLY_IN[top], f"{path.relative_to(ROOT)} imports {mod}: only {ONLY_IN[top]} may"
        if top != "ucj_oversight":
            continue
        parts = mod.split(".")
        if len(parts) < 2:
            continue
        target = parts[1]
        if target == area:
            continue
        assert target in ALLOWED[area], (
            f"{path.relative_to(ROOT)} ({area}) imports {mod} ({target}): not allowed by the layers "
            f"in docs/architecture.md"
        )
