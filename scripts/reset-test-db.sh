#!/usr/bin/env bash
# Drops and recreates the test databases (one per module, prefix TEST_PG_DB, default tripwire_test) so `make test` always
# migrates from V1: a database left behind by an older or newer checkout can never fail or fool a run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prefix="${TEST_PG_DB:-tripwire_test}"
[[ "$prefix" == *test* ]] || { echo "reset-test-db: refusing to drop '$prefix'* (not a test database)" >&2; exit 1; }
for db in $(test_databases); do
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\"" >/dev/null
done
echo "reset-test-db: $(test_databases | wc -l) test databases ${prefix}_<module> recreated"
