"""Shared fixtures: tiny, readable extracts whose answers were worked out by hand.

tests/fixtures/kecil/ holds one file of each kind; the expected figures for as-of 2026-03
are written out (with the reasoning) in test_figures.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# No test may depend on how fast the (shared, noisy) machine is: no hypothesis deadlines. And CI
# must be reproducible: property tests use a fixed seed sequence (a failure is the same on every run).
settings.register_profile("ucj", deadline=None, derandomize=True)
settings.load_profile("ucj")

from ucj_oversight.storage import db
from ucj_oversight import ingest, privacy

FIXTURES = Path(__file__).parent / "fixtures"
KECIL = FIXTURES / "kecil"

# Tests never depend on a developer's environment key.
os.environ.pop("UCJ_NIK_KEY", None)
KUNCI_UJI = privacy.NikKey(b"kunci-uji", dev=False)


@pytest.fixture
def db_kecil(tmp_path) -> Path:
    path = tmp_path / "kecil.duckdb"
    ingest.run_import(path, [KECIL], kunci=KUNCI_UJI)
    return path


@pytest.fixture
def con_kecil(db_kecil):
    con = db.read(db_kecil)
    yield con
    con.close()


def tulis(path: Path, teks: str, encoding: str = "utf-8") -> Path:
    path.write_text(teks.lstrip("\n"), encoding=encoding)
    return path


def isi_tabel(path: Path, sql: str, params=None):
    with db.read(path) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="session")
def db_sampel(tmp_path_factory) -> Path:
    """The simulated sample (data/sampel) ingested once per test session."""
    from ucj_oversight import settings
    path = tmp_path_factory.mktemp("sampel") / "sampel.duckdb"
    settings.ensure_sample_db(path)
    return path


SANDI_UJI = "sandi-uji-yang-panjang"


@pytest.fixture(scope="session")
def users_uji(tmp_path_factory) -> Path:
    """A users file with one council member and one admin (same test password)."""
    from ucj_oversight.storage import users
    path = tmp_path_factory.mktemp("users") / "users.toml"
    users.add(path, "anggota1", SANDI_UJI, "anggota")
    users.add(path, "admin1", SANDI_UJI, "admin")
    return path


def masuk_apptest(at, nama: str = "anggota1", sandi: str = SANDI_UJI):
    """Fill the log-in form of an AppTest run (internal mode) and submit it."""
    at.text_input[0].input(nama)
    at.text_input[1].input(sandi)
    at.button[0].click()
    return at.run()


@pytest.fixture(scope="session")
def chromium():
    """One Playwright + Debian Chromium for every browser test module (two sync Playwright
    instances cannot be open at once)."""
    pytest.importorskip("playwright.sync_api")
    from playwright.sync_api import sync_playwright

    import browser
    with sync_playwright() as p:
        b = browser.lancarkan_chromium(p)
        yield b
        b.close()
