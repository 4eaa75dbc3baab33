#!/usr/bin/env bash
# Backs up the stack's database (PG_DB, default tripwire): pg_dump in custom format to
# BACKUP_DIR (default $RUN_DIR/backups) as <db>-<UTC time>.dump, with a SHA-256 checksum file beside it
# (<file>.sha256) and the row count of every table (<file>.counts, what restore-fresh-test compares).
# Prints the backup's path on the last line. Never writes to the database.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BACKUP_DIR="${BACKUP_DIR:-$RUN_DIR/backups}"
mkdir -p "$BACKUP_DIR"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
file="$BACKUP_DIR/$PG_DB-$stamp.dump"

# Row counts taken in the same snapshot as the dump would be ideal; pg_dump takes its own, so the counts are
# taken first and the dump must hold at least as many rows of append-only tables (restore-fresh-test checks
# equality for a quiet database, which is what a daily backup of a stopped or idle desk is).
psql -h 127.0.0.1 -U postgres -d "$PG_DB" -XAtqc "$(cat "$SCRIPTS/sql/row-counts.sql")" >"$file.counts"
pg_dump -h 127.0.0.1 -U postgres -d "$PG_DB" --format=custom --compress=6 --file="$file"
(cd "$BACKUP_DIR" && sha256sum "$(basename "$file")" >"$(basename "$file").sha256")
echo "backup: $(wc -l <"$file.counts") tables, $(du -h "$file" | cut -f1), checksum $(cut -c1-16 "$file.sha256")…"
echo "$file"
