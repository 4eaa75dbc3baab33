#!/usr/bin/env bash
# Drops and recreates the test database (TEST_PG_DB, default tripwire_test) so `make test` always
# migrates from V1: a database left behind by an older or newer checkout can never fail or fool a run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
db="${TEST_PG_DB:-tripwire_test}"
[[ "$db" == *test* ]] || { echo "reset-test-db: refusing to drop '$db' (not a test database)" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\"" >/dev/null
echo "reset-test-db: $db recreated"
