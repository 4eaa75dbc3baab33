#!/usr/bin/env bash
# Reconciler benchmark (issue #4): 10,000 orders and 1,000 positions reconciled against the paper venue
# (target <= 10 s), then restart-to-READY with an empty diff (target <= 5 s). Bounded, 127.0.0.1 only.
# Own database (BENCH_PG_DB, default tripwire_bench_recon, dropped and re-created) and Redis DB index
# (BENCH_REDIS_DB, default 12; only that index is flushed). Prints the figures and whether each target is met.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.."

DB="${BENCH_PG_DB:-tripwire_bench_recon}"
REDIS_DB="${BENCH_REDIS_DB:-12}"
VENUE_PORT="${BENCH_VENUE_PORT:-18190}"
RECON_PORT="${BENCH_RECON_PORT:-18182}"
ORDERS=10000
SYMBOLS=1000
LOGS=.run-bench
mkdir -p "$LOGS"
PIDS=()

say() { echo "bench-reconciler: $*"; }
psqlq() { PGPASSWORD="${PG_PASSWORD:-postgres}" psql -h 127.0.0.1 -U "${PG_USER:-postgres}" -v ON_ERROR_STOP=1 -qAt "$@"; }
rcli() { redis-cli -h 127.0.0.1 -p 6379 -n "$REDIS_DB" "$@"; }
now_ms() { date +%s%3N; }
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

for m in paper-venue reconciler; do
    [[ -f "$m/target/quarkus-app/quarkus-run.jar" ]] && continue
    say "packaging paper-venue and reconciler"
    ./mvnw -B -ntp -q package -pl paper-venue,reconciler -am -DskipTests
    break
done

scripts/infra-up.sh >/dev/null
psqlq -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
rcli FLUSHDB >/dev/null   # this benchmark's DB index only
SYMBOL_LIST=$(seq -f 'S%04g' 0 $((SYMBOLS - 1)) | paste -sd, -)
COMMON=(REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB" PG_URL="postgresql://127.0.0.1:5432/$DB"
        PG_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" QUARKUS_LOG_CATEGORY__IO_TRIPWIRE__LEVEL=WARN)

wait_ready() {  # wait_ready PORT SECONDS
    for _ in $(seq 1 $(($2 * 10))); do
        curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1
    done
    say "service on $1 not ready in $2 s (see $LOGS/)"; exit 1
}

start_recon() {  # start_recon RUN_AT_STARTUP
    env "${COMMON[@]}" QUARKUS_HTTP_PORT="$RECON_PORT" TRIPWIRE_INSTANCE_ID=bench-recon \
        TRIPWIRE_VENUE_BASE_URL="http://127.0.0.1:$VENUE_PORT" TRIPWIRE_VENUE_REQUEST_TIMEOUT=10s \
        RECONCILER_SYMBOLS="$SYMBOL_LIST" RECONCILER_INTERVAL=off RECONCILER_RUN_AT_STARTUP="$1" \
        "$JAVA" -Xmx512m -jar reconciler/target/quarkus-app/quarkus-run.jar >>"$LOGS/reconciler.log" 2>&1 &
    RECON_PID=$!; PIDS+=("$RECON_PID")
}

say "starting the paper venue ($SYMBOLS symbols) on $VENUE_PORT"
env "${COMMON[@]}" QUARKUS_HTTP_PORT="$VENUE_PORT" PAPER_VENUE_SYMBOLS="$SYMBOL_LIST" PAPER_VENUE_AUTO_TICK=false \
    "$JAVA" -Xmx512m -jar paper-venue/target/quarkus-app/quarkus-run.jar >"$LOGS/paper-venue.log" 2>&1 &
PIDS+=($!)
wait_ready "$VENUE_PORT" 90

say "seeding $ORDERS orders (8 of 10 filled at the venue, 4 of those still SUBMITTED/UNKNOWN in PostgreSQL) and $SYMBOLS positions"
psqlq -d "$DB" <<SQL
INSERT INTO paper_venue.paper_orders (id, client_order_id, symbol, side, order_type, time_in_force, quantity, fill_price,
       filled_qty, status, created_at, updated_at, submitted_at, filled_at)
SELECT gen_random_uuid(), 'bench-' || i, 'S' || lpad((i % $SYMBOLS)::text, 4, '0'), 'BUY', 'MARKET', 'day', 1,
       CASE WHEN i / $SYMBOLS % 10 < 8 THEN 100 END, CASE WHEN i / $SYMBOLS % 10 < 8 THEN 1 ELSE 0 END,
       CASE WHEN i / $SYMBOLS % 10 < 8 THEN 'filled' ELSE 'new' END,
       now() - interval '50 minutes' + i * interval '250 milliseconds', now() - interval '50 minutes' + i * interval '250 milliseconds',
       now() - interval '50 minutes' + i * interval '250 milliseconds',
       CASE WHEN i / $SYMBOLS % 10 < 8 THEN now() - interval '50 minutes' + i * interval '250 milliseconds' END
FROM generate_series(0, $ORDERS - 1) i;
INSERT INTO paper_venue.positions (symbol, qty, avg_entry_price, updated_at)
SELECT symbol, sum(filled_qty), 100, now() FROM paper_venue.paper_orders GROUP BY symbol;
INSERT INTO orders (id, client_order_id, request_hash, symbol, side, order_type, time_in_force, quantity, status,
       status_rank, filled_qty, venue, provenance, created_at, updated_at)
SELECT gen_random_uuid(), 'bench-' || i, 'h', 'S' || lpad((i % $SYMBOLS)::text, 4, '0'), 'BUY', 'MARKET', 'DAY', 1,
       s.status, s.rank, CASE WHEN s.status = 'FILLED' THEN 1 ELSE 0 END, 'paper', 'api',
       now() - interval '50 minutes' + i * interval '250 milliseconds' - interval '1 millisecond',
       now() - interval '50 minutes' + i * interval '250 milliseconds'
FROM generate_series(0, $ORDERS - 1) i
CROSS JOIN LATERAL (SELECT i / $SYMBOLS % 10 AS k) c
CROSS JOIN LATERAL (SELECT CASE WHEN c.k < 4 THEN 'FILLED' WHEN c.k < 6 THEN 'SUBMITTED' WHEN c.k < 8 THEN 'UNKNOWN'
                                ELSE 'ACCEPTED' END AS status,
                           CASE WHEN c.k < 4 THEN 10 WHEN c.k < 6 THEN 1 WHEN c.k < 8 THEN 2 ELSE 3 END AS rank) s;
SQL

say "physical floor: paging the venue's $ORDERS orders over HTTP (500 per page)"
floor_start=$(now_ms); after="2000-01-01T00:00:00Z"; listed=0
while :; do
    page=$(curl -fs -H "APCA-API-KEY-ID: paper-key" -H "APCA-API-SECRET-KEY: paper-secret" \
        "http://127.0.0.1:$VENUE_PORT/v2/orders?status=all&direction=asc&limit=500&after=$after")
    n=$( { grep -o '"client_order_id"' <<<"$page" || true; } | wc -l); listed=$((listed + n))
    ((n < 500)) && break
    after=$(grep -o '"submitted_at":"[^"]*"' <<<"$page" | tail -1 | cut -d'"' -f4)
done
floor_ms=$(( $(now_ms) - floor_start ))

say "full run: starting the reconciler and asking for one run"
start_recon false
wait_ready "$RECON_PORT" 90
# An API key with config:write for this benchmark database only (salted SHA-256, as SecretHasher stores it).
rand() { { LC_ALL=C tr -dc "$1" </dev/urandom | head -c "$2"; } 2>/dev/null || true; }
PREFIX="bn$(rand 'a-z0-9' 6)"
SECRET="$(rand 'A-Za-z0-9' 40)"
ADMIN="twk_${PREFIX}_${SECRET}"
psqlq -d "$DB" -c "INSERT INTO api_keys (key_prefix, name, key_salt, key_hash, scopes, created_at, created_by, expires_at)
    SELECT '$PREFIX', 'bench-reconciler', salt, encode(sha256(decode(salt, 'hex') || convert_to('$SECRET', 'UTF8')), 'hex'),
           ARRAY['config:write', 'orders:read'], now(), 'bench', now() + interval '1 hour'
    FROM (SELECT md5(random()::text) AS salt) s"
run_start=$(now_ms)
body=$(curl -fs -X POST -H "X-API-Key: $ADMIN" "http://127.0.0.1:$RECON_PORT/api/v1/reconciliation/run" || true)
run_ms=$(( $(now_ms) - run_start ))
state=$(grep -o '"state":"[A-Z]*"' <<<"$body" | head -1 | cut -d'"' -f4)
counts=$(psqlq -d "$DB" -c "SELECT counts FROM reconciliation_runs WHERE trigger = 'MANUAL' ORDER BY started_at DESC LIMIT 1")
db_ms=$(psqlq -d "$DB" -c "SELECT duration_ms FROM reconciliation_runs WHERE trigger = 'MANUAL' ORDER BY started_at DESC LIMIT 1")
open_left=$(psqlq -d "$DB" -c "SELECT count(*) FROM orders WHERE status IN ('SUBMITTED','UNKNOWN')")

say "restart-to-READY: graceful stop, start, wait for the start-up run's READY (empty diff)"
kill "$RECON_PID"; wait "$RECON_PID" 2>/dev/null || true
before=$(rcli GET reconciliation:state)
restart_start=$(now_ms)
start_recon true
ready_ms=""
for _ in $(seq 1 300); do
    cur=$(rcli GET reconciliation:state)
    if [[ "$cur" == *'"READY"'* && "$cur" != "$before" ]]; then ready_ms=$(( $(now_ms) - restart_start )); break; fi
    sleep 0.05
done
restart_counts=$(psqlq -d "$DB" -c "SELECT counts FROM reconciliation_runs WHERE trigger = 'STARTUP' ORDER BY started_at DESC LIMIT 1")

verdict() { (( $1 <= $2 )) && echo "target met" || echo "target NOT met"; }
echo
echo "== reconciler benchmark: $ORDERS orders, $SYMBOLS positions, paper venue, 2 cores =="
echo "venue listing floor (curl, $listed orders):  ${floor_ms} ms"
echo "full run (HTTP):                             ${run_ms} ms  state=${state:-?}  (run row: ${db_ms:-?} ms)  target <= 10000 ms: $(verdict "$run_ms" 10000)"
echo "  ratio to the listing floor:                $(awk -v a="$run_ms" -v b="$floor_ms" 'BEGIN { printf "%.1fx", a / (b > 0 ? b : 1) }')"
echo "  diff classes: $counts"
echo "  SUBMITTED/UNKNOWN left:                    $open_left"
echo "restart-to-READY (empty diff):               ${ready_ms:-timeout} ms  target <= 5000 ms: $(verdict "${ready_ms:-999999}" 5000)"
echo "  diff classes: $restart_counts"
[[ "$state" == READY && -n "$ready_ms" ]]
