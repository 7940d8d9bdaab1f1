#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's Chromium and poppler) and run them all.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    echo "memasang chromium dan poppler-utils (apt)…" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium poppler-utils >/dev/null
fi
source scripts/_venv.sh requirements-dev.txt
# Lint and format first (pyproject.toml [tool.ruff]): a violation fails the run before any test.
.venv/bin/ruff check --no-cache .
.venv/bin/ruff format --no-cache --check .
exec .venv/bin/python -m pytest "$@"
