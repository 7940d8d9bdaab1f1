#!/usr/bin/env bash
# Old spelling of scripts/start.sh, kept so existing notes and habits keep working.
exec bash "$(dirname "$0")/start.sh" "$@"
