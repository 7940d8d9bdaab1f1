#!/usr/bin/env bash
# Install and start the dashboard on the simulated sample (or on UCJ_DB if set).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh requirements.txt
if [ -z "${UCJ_DB:-}" ]; then
    .venv/bin/python -m ucj_oversight build-sample
fi
exec .venv/bin/streamlit run app.py "$@"
