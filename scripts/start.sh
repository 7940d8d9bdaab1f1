#!/usr/bin/env bash
# Install and start the dashboard on the simulated sample (or on UCJ_DB if set).
# Internal mode needs an account: on first start, from a terminal, it asks for the first admin;
# without a terminal (or with UCJ_MODE=publik) it opens the public, aggregate-only mode.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh requirements.txt
if [ -z "${UCJ_DB:-}" ]; then
    .venv/bin/python -m ucj_oversight build-sample
fi
USERS="${UCJ_USERS:-users.toml}"
if [ "${UCJ_MODE:-}" != "publik" ] && [ ! -f "$USERS" ]; then
    if [ -t 0 ]; then
        echo "Belum ada akun ($USERS). Buat akun admin pertama."
        read -r -p "Nama pengguna (huruf kecil, angka, . _ -): " NAME
        .venv/bin/python -m ucj_oversight users add "$NAME" --role admin
    else
        echo "Belum ada akun ($USERS): membuka mode publik. Buat akun dengan:" >&2
        echo "  .venv/bin/python -m ucj_oversight users add NAMA --role admin" >&2
        export UCJ_MODE=publik
    fi
fi
# = streamlit run app.py "$@", with the heavy imports done before the first request
# (ucj_oversight/web/server.py).
exec .venv/bin/python -m ucj_oversight.server "$@"
