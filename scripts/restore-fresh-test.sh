#!/usr/bin/env bash
# Restores a backup into a FRESH database (never the live one) and verifies it: checksum, pg_restore,
# row count of every table equal to the backup's .counts, and the audit_log hash chain intact
# (audit_log_first_broken() IS NULL). Prints PASS or FAIL: <why> and exits 0 / 1. The scratch database
# (restore_check_<time>) is dropped afterwards unless KEEP_RESTORE=1.
# Usage: restore-fresh-test.sh [BACKUP_FILE]   (default: the newest *.dump in BACKUP_DIR)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BACKUP_DIR="${BACKUP_DIR:-$RUN_DIR/backups}"
file="${1:-$(ls -1t "$BACKUP_DIR"/*.dump 2>/dev/null | head -1 || true)}"
fail() { echo "FAIL: $*"; exit 1; }
[[ -n "$file" && -f "$file" ]] || fail "no backup found (BACKUP_DIR=$BACKUP_DIR); run make backup first"
[[ -f "$file.sha256" ]] || fail "$(basename "$file"): checksum file missing"
(cd "$(dirname "$file")" && sha256sum --status -c "$(basename "$file").sha256") \
    || fail "$(basename "$file"): checksum does not match (corrupted or changed since the backup)"

scratch="restore_check_$(date -u +%Y%m%d%H%M%S)_$$"
[[ "$scratch" != "$PG_DB" ]] || fail "refusing to restore over the live database"
cleanup() { [[ "${KEEP_RESTORE:-0}" == 1 ]] || dropdb -h 127.0.0.1 -U postgres --if-exists --force "$scratch" 2>/dev/null || true; }
trap cleanup EXIT
createdb -h 127.0.0.1 -U postgres "$scratch"
pg_restore -h 127.0.0.1 -U postgres -d "$scratch" --no-owner --exit-on-error "$file" >/dev/null 2>"$RUN_DIR/restore-check.err" \
    || fail "pg_restore: $(head -3 "$RUN_DIR/restore-check.err" | tr '\n' ' ')"
restored="$(psql -h 127.0.0.1 -U postgres -d "$scratch" -XAtqc "$(cat "$SCRIPTS/sql/row-counts.sql")")"
if [[ -f "$file.counts" ]]; then
    differences="$(diff <(cat "$file.counts") <(echo "$restored") || true)"
    [[ -z "$differences" ]] || fail "row counts differ from the backup's: $(echo "$differences" | grep '^[<>]' | head -4 | tr '\n' ' ')"
fi
broken="$(psql -h 127.0.0.1 -U postgres -d "$scratch" -XAtqc 'SELECT audit_log_first_broken()')"
[[ -z "$broken" ]] || fail "audit_log hash chain broken at id $broken"
echo "PASS: $(basename "$file") restored into $scratch: $(echo "$restored" | wc -l) tables, row counts equal, audit chain intact"
