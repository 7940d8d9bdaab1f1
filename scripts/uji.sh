#!/usr/bin/env bash
# Old spelling of scripts/test.sh, kept so existing notes and habits keep working.
exec bash "$(dirname "$0")/test.sh" "$@"
