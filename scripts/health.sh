#!/usr/bin/env bash
# Readiness of Redis, PostgreSQL and every service of $RUN_DIR; exits non-zero when any is down.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

down=0
report() {  # report NAME WHERE CHECK...
    local name="$1" where="$2"; shift 2
    if "$@"; then printf '%-18s %-40s UP\n' "$name" "$where"; else printf '%-18s %-40s DOWN\n' "$name" "$where"; down=$((down + 1)); fi
}

report redis "$REDIS_URL" redis_up
pg_db_up() { psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc 'SELECT 1' >/dev/null 2>&1; }
report postgresql "127.0.0.1:5432/$PG_DB" pg_db_up
for svc in "${SERVICES[@]}"; do
    report "$svc" "$(url_of "$svc")/q/health/ready" is_ready "$svc"
done
((down == 0)) || { echo "health: $down component(s) down"; exit 1; }
echo "health: all up"
