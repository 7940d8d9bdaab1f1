# Shared by start.sh and test.sh: a virtual environment in .venv with the pinned packages.
set -euo pipefail
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -m venv --help >/dev/null 2>&1; then
    echo "venv tidak tersedia; memasang python3-venv (apt)…" >&2
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -r "$1"
# The project itself (pyproject.toml), editable: puts the `ucj` command in .venv/bin. --no-deps:
# the pinned requirements above are the dependencies.
# Quiet unless it fails (setuptools prints a notice about editable installs on every run).
.venv/bin/python -m pip install -q --no-deps -e . >/dev/null 2>&1 || .venv/bin/python -m pip install --no-deps -e .
