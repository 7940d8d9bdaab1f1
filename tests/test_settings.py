"""Settings: every UCJ_* environment variable is read in ucj_oversight/settings.py, at call time,
with the documented defaults."""

from __future__ import annotations

import ast
from pathlib import Path

from ucj_oversight import settings

ROOT = Path(__file__).resolve().parent.parent


def _reads_ucj_variable(node: ast.AST) -> bool:
    """os.environ["UCJ_X"], os.environ.get("UCJ_X"), os.getenv("UCJ_X"), environ.pop(...) read
    in an expression (assignments to os.environ are not reads)."""

    def ucj(arg: ast.AST | None) -> bool:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value.startswith("UCJ_")
        if isinstance(arg, ast.JoinedStr) and arg.values:
            return ucj(arg.values[0])
        return False

    def environ(n: ast.AST) -> bool:
        return (isinstance(n, ast.Attribute) and n.attr == "environ") or (isinstance(n, ast.Name) and n.id == "environ")

    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and environ(node.value):
        return ucj(node.slice)
    if isinstance(node, ast.Call) and node.args:
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in ("get", "pop", "setdefault") and environ(f.value):
            return ucj(node.args[0])
        if (isinstance(f, ast.Attribute) and f.attr == "getenv") or (isinstance(f, ast.Name) and f.id == "getenv"):
            return ucj(node.args[0])
    return False


def test_ucj_variables_read_only_in_settings():
    files = [*(ROOT / "ucj_oversight").rglob("*.py"), ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
    assert len(files) > 20
    found = []
    for f in files:
        if f == ROOT / "ucj_oversight" / "settings.py":
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"), str(f))):
            if _reads_ucj_variable(node):
                found.append(f"{f.relative_to(ROOT)}:{node.lineno}")
    assert not found, f"UCJ_* read outside ucj_oversight/settings.py: {found}"


def test_checker_recognises_reads():
    """The check above does find the ways a variable can be read."""
    for code in (
        'os.environ["UCJ_DB"]',
        'os.environ.get("UCJ_DB", "")',
        'os.getenv("UCJ_DB")',
        'environ.get("UCJ_DB")',
        'os.environ.pop("UCJ_DB", None)',
        'os.environ.get(f"UCJ_{x}")',
    ):
        assert any(_reads_ucj_variable(n) for n in ast.walk(ast.parse(code))), code
    for code in ('os.environ["UCJ_DB"] = "x"', 'os.environ.get("HOME")', 'env.pop("UCJ_NIK_KEY", None)'):
        assert not any(_reads_ucj_variable(n) for n in ast.walk(ast.parse(code))), code


def test_defaults_and_read_at_call_time(monkeypatch, tmp_path):
    for name in (
        "UCJ_DB",
        "UCJ_MODE",
        "UCJ_TARIF",
        "UCJ_NIK_KEY",
        "UCJ_USERS",
        "UCJ_AUDIT",
        "UCJ_UNGGAH_MB",
        "UCJ_UNGGAH_BARIS",
        "UCJ_UNGGAH_KOLOM",
        "UCJ_UNGGAH_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    assert settings.db_path() == settings.SAMPLE_DB
    assert settings.public_mode() is False
    assert settings.upload_limits() == {"mb": 200, "baris": 5_000_000, "kolom": 200, "file": 20}
    assert settings.tarif_override() is None
    assert settings.nik_key_text() == ""
    assert settings.users_path() == settings.ROOT / "users.toml"
    assert settings.audit_path() == Path(str(settings.SAMPLE_DB) + ".audit.jsonl")
    assert settings.audit_path(tmp_path / "a.duckdb") == tmp_path / "a.duckdb.audit.jsonl"

    monkeypatch.setenv("UCJ_DB", str(tmp_path / "x.duckdb"))
    monkeypatch.setenv("UCJ_MODE", " Publik ")
    monkeypatch.setenv("UCJ_UNGGAH_MB", "5")
    monkeypatch.setenv("UCJ_UNGGAH_BARIS", "0")  # not positive: the default
    monkeypatch.setenv("UCJ_UNGGAH_KOLOM", "banyak")  # not a number: the default
    monkeypatch.setenv("UCJ_TARIF", "20000")
    monkeypatch.setenv("UCJ_NIK_KEY", "  rahasia  ")
    monkeypatch.setenv("UCJ_USERS", str(tmp_path / "u.toml"))
    assert settings.db_path() == tmp_path / "x.duckdb"
    assert settings.public_mode() is True
    assert settings.upload_limits() == {"mb": 5, "baris": 5_000_000, "kolom": 200, "file": 20}
    assert settings.tarif_override() == 20000
    assert settings.nik_key_text() == "rahasia"
    assert settings.users_path() == tmp_path / "u.toml"
    assert settings.audit_path() == Path(str(tmp_path / "x.duckdb") + ".audit.jsonl")
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))
    assert settings.audit_path(tmp_path / "a.duckdb") == tmp_path / "audit.jsonl"
    monkeypatch.setenv("UCJ_TARIF", "-1")
    assert settings.tarif_override() is None


def test_profiles_path(monkeypatch, tmp_path):
    monkeypatch.delenv("UCJ_PROFILES", raising=False)
    monkeypatch.delenv("UCJ_DB", raising=False)
    assert settings.profiles_path() == Path(str(settings.SAMPLE_DB) + ".profil.json")
    assert settings.profiles_path(tmp_path / "a.duckdb") == tmp_path / "a.duckdb.profil.json"
    monkeypatch.setenv("UCJ_PROFILES", str(tmp_path / "p.json"))
    assert settings.profiles_path(tmp_path / "a.duckdb") == tmp_path / "p.json"
