"""Shared fixtures: tiny, readable extracts whose answers were worked out by hand.

tests/fixtures/kecil/ holds one file of each kind; the expected figures for as-of 2026-03
are written out (with the reasoning) in test_figures.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from ucj_oversight import ingest, privacy
from ucj_oversight.storage import db

# No test may depend on how fast the (shared, noisy) machine is: no hypothesis deadlines. And CI
# must be reproducible: property tests use a fixed seed sequence (a failure is the same on every run).
settings.register_profile("ucj", deadline=None, derandomize=True)
settings.load_profile("ucj")

FIXTURES = Path(__file__).parent / "fixtures"
SMALL_DIR = FIXTURES / "kecil"

# Tests never depend on a developer's environment key.
os.environ.pop("UCJ_NIK_KEY", None)
TEST_KEY = privacy.NikKey(b"kunci-uji", dev=False)


@pytest.fixture
def small_db(tmp_path) -> Path:
    path = tmp_path / "kecil.duckdb"
    ingest.run_import(path, [SMALL_DIR], key=TEST_KEY)
    return path


@pytest.fixture
def small_con(small_db):
    con = db.read(small_db)
    yield con
    con.close()


def write_text_file(path: Path, teks: str, encoding: str = "utf-8") -> Path:
    path.write_text(teks.lstrip("\n"), encoding=encoding)
    return path


def query_rows(path: Path, sql: str, params=None):
    with db.read(path) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The simulated sample (data/sampel) ingested once per test session."""
    path = tmp_path_factory.mktemp("sampel") / "sampel.duckdb"
    ingest.ensure_sample_db(path)
    return path


TEST_PASSWORD = "sandi-uji-yang-panjang"


@pytest.fixture(scope="session")
def test_users_file(tmp_path_factory) -> Path:
    """A users file with one council member and one admin (same test password)."""
    from ucj_oversight.storage import users

    path = tmp_path_factory.mktemp("users") / "users.toml"
    users.add(path, "anggota1", TEST_PASSWORD, "anggota")
    users.add(path, "admin1", TEST_PASSWORD, "admin")
    return path


def log_in_apptest(at, nama: str = "anggota1", sandi: str = TEST_PASSWORD):
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
    import browser
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = browser.launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def desktop_page(chromium):
    """A fresh 1280 px browser context in id-ID (its own cookies) and its page, closed after the test."""
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    ctx.set_default_timeout(30_000)
    yield ctx.new_page()
    ctx.close()
