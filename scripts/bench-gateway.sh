#!/usr/bin/env bash
# make bench-gateway: issue 15's measurement contract (DESIGN.md §11). First this machine's capacities with
# minimal clients (C_http: wrk against a 404 of the warmed gateway; C_commit: pgbench one-row commit, 16 clients;
# C_redis: redis-benchmark GET, 50 clients) and the minimal order path's ceiling 1 / (2/C_http + 2/C_commit +
# 2/C_redis) orders/s; then the gateway on an isolated stack (paper venue, gateway, reconciler on ports +30000,
# Redis DB 14, database tripwire_bench), every target printed met / NOT met with its ratio:
#   1 sustained accept rate >= 40 % of the ceiling (p99 <= 50 ms, 0 errors, >= 99 % of the offered rate, 30 s),
#   2 CPU per accepted order at 25 % of the ceiling (gateway <= 0.5 ms, whole path <= 1.5 ms, idle subtracted),
#   3 reject path (breaker TRIPPED) >= 50 % of C_http, every answer 423 CIRCUIT_BREAKER_TRIPPED,
#   4 one order in flight: accept p50 <= idle-404 p50 + 2 x (paced Redis round trip + paced commit),
#   5 overload (2x the rate of 1): refusals 429/503 with Retry-After at p99 <= 50 ms, accepted p99 <= 100 ms, no
#     service out of memory or fds, the reject-storm trip not fired,
#   6 every service ready <= 3 s after start, RSS <= 300 MB under target 1,
#   7 (printed beside 1) the sustained rate with two gateway replicas on the same Redis and PostgreSQL.
# wrk is the only load generator (scripts/bench-gateway.lua: paced per connection on clock_gettime, every answer
# counted and timed by status; the method is described at the top of that file). Bounded (6-9 min after the
# build), 127.0.0.1 only. Settings (seconds unless said): STEP (8, one probe of the rate search), CONFIRM_SECONDS
# (30), CPU_SECONDS (20), REJECT_SECONDS (10), OVERLOAD_SECONDS (15), WARMUP_SECONDS (20), REPLICA_SECONDS (15,
# the two-replica confirmation), CONNECTIONS (64, of the paced runs), SYMBOLS (SPY; comma list, rotated),
# MAX_STEPS (8), BENCH_PORT_OFFSET (30000), BENCH_JAVA_HEAP (1g), SKIP_BUILD (1: use the jars as they are).
# QUICK=1: every phase short (for working on this script; its figures are not the targets' figures).
set -euo pipefail
export RUN_DIR=.run-bench PORT_OFFSET="${BENCH_PORT_OFFSET:-30000}" PG_DB=tripwire_bench
# Only what an order passes through (the reconciler opens the gate with READY); the other services would
# take CPU from the two cores without being on the order path. A heap that does not force a GC every second.
export ONLY="paper-venue execution-gateway reconciler" JAVA_HEAP="${BENCH_JAVA_HEAP:-1g}"
export REDIS_URL="redis://127.0.0.1:6379/14"
source "$(dirname "$0")/lib.sh"
QUICK="${QUICK:-0}"
q() { [[ "$QUICK" == 1 ]] && echo "$2" || echo "$1"; } # full-run default, QUICK=1 default
STEP="${STEP:-$(q 8 4)}" CONFIRM_SECONDS="${CONFIRM_SECONDS:-$(q 30 8)}" CPU_SECONDS="${CPU_SECONDS:-$(q 20 6)}"
REJECT_SECONDS="${REJECT_SECONDS:-$(q 10 4)}" OVERLOAD_SECONDS="${OVERLOAD_SECONDS:-$(q 15 5)}"
WARMUP_SECONDS="${WARMUP_SECONDS:-$(q 20 8)}" REPLICA_SECONDS="${REPLICA_SECONDS:-$(q 15 5)}"
CONNECTIONS="${CONNECTIONS:-$(q 64 32)}" SYMBOLS="${SYMBOLS:-SPY}" MAX_STEPS="${MAX_STEPS:-$(q 8 4)}"
GATEWAY="$(url_of execution-gateway)"
REPLICA_PORT=$(($(port_of execution-gateway) + 100)) REPLICA="http://127.0.0.1:$(($(port_of execution-gateway) + 100))"
LUA="$SCRIPTS/bench-gateway.lua" NONCE="b$(date +%s)-$RANDOM"

# The benchmark measures admission, not the limits: raise them, and keep per-order logging out of the way.
export GATEWAY_RATE_LIMITS_PER_KEY_PER_SECOND=1000000 GATEWAY_RATE_LIMITS_PER_STRATEGY_PER_SECOND=1000000
export GATEWAY_RATE_LIMITS_GLOBAL_PER_SECOND=1000000 QUARKUS_LOG_CATEGORY__IO_TRIPWIRE__LEVEL=WARN
# ... and the risk limits: tens of thousands of round trips lose slippage (daily loss, drawdown) and a venue
# backlog holds working quantity (symbol cap); a trip or a 422 mid-run would measure the limit, not admission.
export GATEWAY_BREAKER_DAILY_LOSS_LIMIT=1000000000 GATEWAY_BREAKER_MAX_DRAWDOWN=1
export GATEWAY_RISK_PER_SYMBOL_USD_CAP=100000000000 GATEWAY_RISK_MAX_POSITION_QUANTITY=1000000000
# The start-up reconciliation opens the gate; periodic runs are off for the run: under a continuous order
# flow a run compares positions while fills are in flight (see docs/benchmarks.md).
export RECONCILER_INTERVAL=off GATEWAY_BREAKER_QUIET_PERIOD=1s
# Load shedding (ADR 0056) sized for this machine: about 1.5x the gateway's PostgreSQL pool (20). By Little's law 32
# orders in flight at the ~500/s two cores admit is ~64 ms of queue, inside target 5's 100 ms; the default (256) is
# above the 64 connections the bench opens, so it would never shed here. BENCH_MAX_IN_FLIGHT overrides.
export GATEWAY_ADMISSION_MAX_IN_FLIGHT="${BENCH_MAX_IN_FLIGHT:-32}"

REPLICA_PID_FILE="$RUN_DIR/pids/execution-gateway-2.pid"
stop_replica() { # the second gateway of target 7 (stop.sh knows only the services of lib.sh)
    local pid
    [[ -f "$REPLICA_PID_FILE" ]] || return 0
    pid="$(<"$REPLICA_PID_FILE")"
    if [[ "$pid" =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(jar_of execution-gateway)"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.2; done
        alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$REPLICA_PID_FILE"
}
WATCHERS=()
cleanup() {
    local p
    for p in "${WATCHERS[@]}"; do kill "$p" 2>/dev/null || true; done
    stop_replica
    "$SCRIPTS/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

"$SCRIPTS/infra-up.sh" >/dev/null
command -v wrk >/dev/null || { echo "bench: wrk is needed (sudo apt-get install wrk)" >&2; exit 2; }
cleanup # a bench stack left over from an interrupted run would be measured on a dropped database
BENCH_T0=$SECONDS
echo "== bench-gateway $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)$(q "" ", QUICK=1 (short phases: not the targets' figures)")"
echo "== capacities (same machine, same run, minimal clients)"
redis_p50=$(redis-benchmark -h 127.0.0.1 -n 20000 -c 1 -t get --csv | awk -F'","' '/GET/ {print $5}')
# The probe gets a database of its own: the services' database must be empty for Flyway.
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB" \
    -c "DROP DATABASE IF EXISTS ${PG_DB}_probe" -c "CREATE DATABASE ${PG_DB}_probe" >/dev/null
psql -h 127.0.0.1 -U postgres -d "${PG_DB}_probe" -qc "CREATE TABLE commit_probe (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())"
probe_sql="$(mktemp)"
echo "INSERT INTO commit_probe DEFAULT VALUES;" >"$probe_sql"
pg_commit=$(pgbench -h 127.0.0.1 -U postgres -n -c 1 -T "$(q 4 2)" -f "$probe_sql" "${PG_DB}_probe" 2>/dev/null | awk '/latency average/ {print $4}')
# Both paced (a request every 10-20 ms, as target 4's paced probes): on a VM an idle process pays a wake-up per
# hop, which the back-to-back figures above do not contain. Target 4 is judged on these.
redis_paced=$(redis-cli -u "$REDIS_URL" --latency --raw -i "$(q 5 2)" | awk '{print $3}')
pg_paced=$(pgbench -h 127.0.0.1 -U postgres -n -c 1 -R 50 -T "$(q 5 2)" -f "$probe_sql" "${PG_DB}_probe" 2>/dev/null | awk '/latency average/ {print $4}')
# Capacities: several clients, the clients' own CPU included (on the order path the services are the clients).
pg_capacity=$(pgbench -h 127.0.0.1 -U postgres -n -c 16 -j 2 -T "$(q 5 3)" -f "$probe_sql" "${PG_DB}_probe" 2>/dev/null | awk '/^tps/ {print $3}')
redis_capacity=$(redis-benchmark -h 127.0.0.1 -n "$(q 100000 30000)" -c 50 -t get --csv | awk -F'","' '/GET/ {print $2}')
rm -f "$probe_sql"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${PG_DB}_probe" >/dev/null
printf '  C_commit  %8.0f commits/s (pgbench one-row INSERT, 16 clients)\n' "$pg_capacity"
printf '  C_redis   %8.0f GETs/s    (redis-benchmark, 50 clients)\n' "$redis_capacity"
printf '  Redis round trip p50 %.3f ms (1 client), paced mean %.3f ms (every 10 ms)\n' "$redis_p50" "$redis_paced"
printf '  one-row commit mean  %.3f ms (1 client), paced mean %.3f ms (50/s)\n' "$pg_commit" "$pg_paced"

echo "== isolated stack on ports +$PORT_OFFSET (Redis DB 14, database $PG_DB)"
redis-cli -u "$REDIS_URL" flushdb >/dev/null
# Target 6 (at start): from each process's start (/proc/<pid>/stat) to its first ready 200, watched while run.sh
# starts the three together (they share the two cores then; the verdict uses lone restarts at the end).
ready_watch() { # svc -> "svc seconds" into $RUN_DIR/ready-at-start.txt
    local svc="$1" pid start code
    for _ in $(seq 1 6000); do pid="$(pid_of "$svc")" && break; sleep 0.1; done
    [[ -n "${pid:-}" ]] || return 0
    start="$(awk '{print $22}' "/proc/$pid/stat")"
    for _ in $(seq 1 3000); do
        code="$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$(url_of "$svc")/q/health/ready" || true)"
        [[ "$code" == 200 ]] && break
        sleep 0.1
    done
    echo "$svc $(awk -v s="$start" -v hz="$(getconf CLK_TCK)" '{printf "%.2f", $1 - s / hz}' /proc/uptime)" >>"$RUN_DIR/ready-at-start.txt"
}
mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs"
rm -f "$RUN_DIR"/wrk-*.out
build_t0=$SECONDS
# The ports (+30000) lie in Linux's ephemeral range (32768-60999): a client connection of anything on the machine
# may hold one of them as its local port when a service binds it ("Port ... seems to be in use"). Retried.
for attempt in 1 2 3; do
    rm -f "$RUN_DIR/ready-at-start.txt"
    for svc in "${SERVICES[@]}"; do ready_watch "$svc" & WATCHERS+=($!); done
    if "$SCRIPTS/run.sh" >"$RUN_DIR/run.out" 2>&1; then break; fi
    for p in "${WATCHERS[@]}"; do kill "$p" 2>/dev/null || true; done
    WATCHERS=()
    "$SCRIPTS/stop.sh" >/dev/null 2>&1 || true
    if ((attempt == 3)) || ! grep -q -E 'seems to be in use|is taken by' "$RUN_DIR/run.out"; then
        cat "$RUN_DIR/run.out" >&2; exit 1
    fi
    echo "  bench: a stack port was taken ($(grep -o -E 'Port [0-9]+ seems to be in use|port [0-9]+ for [a-z-]+ is taken' "$RUN_DIR/run.out" | head -1)); starting again"
    sleep 2
done
wait "${WATCHERS[@]}" 2>/dev/null || true
WATCHERS=()
BUILD_SECONDS=$((SECONDS - build_t0))
KEY="$(<"$RUN_DIR/admin.key")"
# Until the reconciler has run, the gateway (fail closed) admits nothing: wait for it, as an operator would.
for _ in $(seq 1 30); do
    [[ "$(redis-cli -u "$REDIS_URL" get reconciliation:state | grep -o '"state":"[A-Z]*"')" == '"state":"READY"' ]] && break
    sleep 1
done
if ! redis-cli -u "$REDIS_URL" get reconciliation:state | grep -q '"state":"READY"'; then
    echo "bench: reconciliation not READY after 30 s; the bench marks it READY with a flat book itself"
    redis-cli -u "$REDIS_URL" set reconciliation:state '{"state":"READY","run_id":"bench","started_at":null,"finished_at":null}' >/dev/null
    for s in AAPL MSFT SPY BTCUSD ETHUSD; do redis-cli -u "$REDIS_URL" hset "exposure:$s" pos 0 wbuy 0 wsell 0 >/dev/null; done
fi
# pg_stat_statements only when the server already loads it (a restart of the shared server is not the bench's).
PGSS=0
if psql -h 127.0.0.1 -U postgres -tAc "SHOW shared_preload_libraries" | grep -q pg_stat_statements; then
    psql -h 127.0.0.1 -U postgres -d "$PG_DB" -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null && PGSS=1
fi

# ---- helpers ------------------------------------------------------------------------------------------------
# load NAME MODE RATE SECONDS CONNS [URL]: one wrk run of bench-gateway.lua (one connection per thread; RATE 0 =
# unpaced), output in $RUN_DIR/wrk-NAME.out. COUNT_ONLY=1: unpaced with 2 threads (status counts only).
load() {
    local name="$1" mode="$2" rate="$3" secs="$4" conns="$5" url="${6:-$GATEWAY}" threads="$5"
    local window="$secs"
    if [[ "${COUNT_ONLY:-0}" == 1 ]]; then threads=2; window=0; fi
    if [[ "$mode" != order ]]; then url="$url/no-such-page"; fi
    TW_MODE="$mode" TW_RATE="$rate" TW_SECONDS="$window" \
        TW_CONNS="$conns" TW_KEY="$KEY" TW_NONCE="$NONCE-$name" TW_SYMBOLS="$SYMBOLS" TW_COUNT_ONLY="${COUNT_ONLY:-0}" \
        wrk -t"$threads" -c"$conns" -d"$(python3 -c "print(round($secs + 2))")s" --timeout 10s -s "$LUA" "$url" \
        >"$RUN_DIR/wrk-$name.out" 2>&1 || true
}
# fig NAME...: the figures of one or more wrk runs (merged: counts summed, latencies the worst of the runs) as
# shell assignments: offered ok ok_rate ok_p50 ok_p99 refused ref_p99 ref_retry other errors split.
fig() {
    python3 - "$@" <<'PY'
import sys, os
run = os.environ["RUN_DIR"]
tot = dict(offered=0, ok=0, refused=0, ref_retry=0, other=0, errors=0, answered=0)
ok_p50 = ok_p99 = ref_p99 = all_p99 = 0.0; window = 0.0; split = {}; tripped = 0
for name in sys.argv[1:]:
    for line in open(f"{run}/wrk-{name}.out"):
        w = line.split()
        if not w or w[0] != "tw": continue
        if w[1] == "window_s":
            d = dict(zip(w[1::2], w[2::2]))
            window = max(window, float(d["window_s"])); tot["offered"] += int(d["offered"])
            tot["answered"] += int(d["answered"])
            tot["errors"] += sum(int(d[k]) for k in ("unanswered", "lost", "connect", "read", "write"))
        elif w[1] == "status":
            st, d = int(w[2]), dict(zip(w[3::2], w[4::2]))
            n = int(d["n"]); split[st] = split.get(st, 0) + n
            p50, p99 = float(d["p50_ms"]), float(d["p99_ms"])
            if st == 201:
                tot["ok"] += n; ok_p50 = max(ok_p50, p50); ok_p99 = max(ok_p99, p99)
            elif st in (429, 503):
                tot["refused"] += n; tot["ref_retry"] += int(d["retry_after"])
            else:
                tot["other"] += n
            if st == 423: tripped += int(d["tripped_body"])
        elif w[1] == "class" and w[2] == "refused":
            d = dict(zip(w[3::2], w[4::2]))
            if d["p99_ms"] != "nan": ref_p99 = max(ref_p99, float(d["p99_ms"]))
        elif w[1] == "class" and w[2] == "all":
            d = dict(zip(w[3::2], w[4::2]))
            if d["p99_ms"] != "nan": all_p99 = max(all_p99, float(d["p99_ms"]))
out = dict(tot, ok_rate=round(tot["ok"] / window, 1) if window else 0, ok_p50=ok_p50, ok_p99=ok_p99,
           ref_p99=ref_p99, all_p99=all_p99, window=window, tripped=tripped,
           answer_rate=round(tot["answered"] / window, 1) if window else 0,
           split="'" + " ".join(f"{k}:{v}" for k, v in sorted(split.items())) + "'")
print(" ".join(f"{k}={v}" for k, v in out.items()))
PY
}
# held NAME...: the run meets target 1's conditions (p99 <= 50 ms, 0 errors, >= 99 % of the offered rate).
FIGS="offered ok ok_rate ok_p50 ok_p99 refused ref_p99 ref_retry other errors answered all_p99 window tripped answer_rate split"
held() {
    local $FIGS
    eval "$(fig "$@")"
    python3 -c "import sys; sys.exit(0 if $ok >= 0.99 * $offered and $ok > 0 and $other + $refused + $errors == 0 and $ok_p99 <= 50 else 1)"
}
describe() { # NAME... -> one line: offered, accepted, split, latencies
    local $FIGS
    eval "$(fig "$@")"
    printf 'offered %d in %.0f s, accepted %d (%.0f/s), p50 %.1f ms, p99 %.1f ms, %d errors, statuses %s' \
        "$offered" "$window" "$ok" "$ok_rate" "$ok_p50" "$ok_p99" "$errors" "$split"
}
# CPU ticks (1/100 s) used so far by the system under test, one "part pid ticks" line each: the gateway, the
# paper venue, redis-server (shared with other work on the machine: the idle window takes its background off) and
# those PostgreSQL processes that serve this database or the whole server (WAL writer, checkpointer, ...), found
# through pg_stat_activity at each reading (a pool opens backends under load: one absent before counts from 0).
sut_snapshot() { # file
    local p
    ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
    {
        p="$(pid_of execution-gateway)" && echo "gateway $p $(ticks "$p")"
        p="$(pid_of paper-venue)" && echo "venue $p $(ticks "$p")"
        p="$(pgrep -f 'redis-server 127.0.0.1:6379' | head -1)" && echo "redis $p $(ticks "$p")"
        for p in $(psql -h 127.0.0.1 -U postgres -tAc "SELECT pid FROM pg_stat_activity WHERE datname = '$PG_DB' OR backend_type <> 'client backend'"); do
            echo "postgres $p $(ticks "$p")"
        done
    } >"$1"
}
breaker() { # trip|reset
    curl -sf -o /dev/null -H "X-API-Key: $KEY" -H 'Content-Type: application/json' "$GATEWAY/api/v1/circuit-breaker/$1" \
        -d '{"reason":"benchmark of the reject path (breaker tripped), then the accept path","acknowledged":true}'
}
breaker_state() { curl -s -m 5 -H "X-API-Key: $KEY" "$GATEWAY/api/v1/circuit-breaker" | python3 -c \
    "import json, sys; d = json.load(sys.stdin); print(d.get('state'), d.get('tripReason') or d.get('trip_reason') or '-')" 2>/dev/null || echo "unreadable -"; }
SETTLE_MAX="${SETTLE_MAX:-90}"
settle() { # waits (<= SETTLE_MAX s) until the venue submits and fills behind the last phase are done
    local left
    for _ in $(seq 1 "$SETTLE_MAX"); do
        left="$(psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc "SELECT count(*) FROM orders WHERE status IN ('NEW', 'SUBMITTED')")"
        [[ "$left" == 0 ]] && return 0
        sleep 1
    done
    echo "  bench: $left orders still on their way to the venue after $SETTLE_MAX s" >&2
}
# PostgreSQL transactions (this database, gateway and venue) and Redis round trips (the commands only clients
# send: scripts, stream entries, the pre-send read; a lower bound; the Redis server is shared, the idle window
# takes the others' rate off). An idle backend reports its counts up to 10 s late (PostgreSQL 15): callers wait.
round_trips() { # -> "seconds pg_transactions redis_round_trips" so far
    echo "$(date +%s.%N) $(psql -h 127.0.0.1 -U postgres -tAc "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$PG_DB'") $(redis-cli info commandstats | awk -F'[:=,]' '/^cmdstat_(eval|evalsha|xadd|mget):/ {n += $3} END {print n + 0}')"
}
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
fd_limit() { awk '/^Max open files/ {print $4}' "/proc/$1/limits" 2>/dev/null || echo '?'; }
verdict() { python3 -c "print('met' if ($1) else 'NOT met')"; }
calc() { python3 -c "print($1)"; }
# p50_ms wrk-arguments...: p50 of wrk's own histogram (one connection, target 4's paced probes)
p50_ms() {
    wrk -t1 -c1 --latency "$@" | awk '$1 == "50%" {print $2}' | python3 -c "
v = input().strip()
print(float(v[:-2]) / 1000 if v.endswith('us') else float(v[:-2]) if v.endswith('ms') else float(v[:-1]) * 1000)"
}

# ---- warm-up and C_http --------------------------------------------------------------------------------------
echo "== warm-up: ${WARMUP_SECONDS} s of orders as fast as 16 connections go, then settle"
COUNT_ONLY=1 load warm order 0 "$WARMUP_SECONDS" 16
echo "  $(eval "$(fig warm)"; echo "statuses $split in ${window%.*} s")"
settle
# The cheapest HTTP exchange this machine does: a 404 from the warmed gateway, plain wrk (no script).
http_capacity=$(wrk -t2 -c16 -d"$(q 5 3)"s "$GATEWAY/no-such-page" | awk '/^Requests\/sec/ {print $2}')
ceiling=$(calc "1 / (2 / $http_capacity + 2 / $pg_capacity + 2 / $redis_capacity)")
printf '  C_http    %8.0f exchanges/s (wrk -t2 -c16 against a 404 of the warmed gateway)\n' "$http_capacity"
printf '  ceiling   %8.0f orders/s = 1 / (2/C_http + 2/C_commit + 2/C_redis)\n' "$ceiling"

# ---- 3. reject path ------------------------------------------------------------------------------------------
echo "== 3. reject path: breaker TRIPPED, wrk unpaced (-t2 -c16, statuses counted in Lua) for ${REJECT_SECONDS} s"
breaker trip
COUNT_ONLY=1 load reject-warm order 0 "$(q 3 2)" 16
COUNT_ONLY=1 load reject order 0 "$REJECT_SECONDS" 16
eval "$(fig reject | sed 's/\([a-z_0-9]*\)=/r_\1=/g')"
r_rate="$r_answer_rate"
echo "  $r_answered answers ($r_rate/s), statuses $r_split, $r_tripped of the 423s with CIRCUIT_BREAKER_TRIPPED, $r_errors socket errors"
grep '^tw sample 423' "$RUN_DIR/wrk-reject.out" | head -1 | cut -c1-200 | sed 's/^tw sample /  sample /' || true
breaker reset
sleep 3 # the quiet period (1 s here) ends
settle

# ---- 4. one order in flight ----------------------------------------------------------------------------------
# wrk over one connection, one request every 20 ms after the answer before (so each order's venue round trip is
# over before the next arrives), and a 404 paced the same way: what an idle JVM's HTTP round trip costs here.
echo "== 4. one order in flight: paced one every 20 ms over one connection (wrk), and an idle 404 the same way"
cat >"$RUN_DIR/paced.lua" <<LUA
n = 0
delay = function() return 20 end
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/orders", {["Content-Type"]="application/json", ["X-API-Key"]="$KEY"},
    '{"symbol":"SPY","side":"' .. ((n % 2 == 0) and 'buy' or 'sell') .. '","qty":"1","type":"market","client_order_id":"$NONCE-paced-' .. n .. '"}')
end
LUA
a_p50_probe="$(p50_ms -d"$(q 10 4)"s -s "$RUN_DIR/paced.lua" "$GATEWAY")"
echo 'delay = function() return 20 end' >"$RUN_DIR/idle.lua"
idle_404="$(p50_ms -d"$(q 5 3)"s -s "$RUN_DIR/idle.lua" "$GATEWAY/no-such-page")"
limit4=$(calc "$idle_404 + 2 * ($redis_paced + $pg_paced)")
printf '  accept p50 %.3f ms; idle 404 p50 %.3f ms; paced Redis %.3f ms, paced commit %.3f ms\n' "$a_p50_probe" "$idle_404" "$redis_paced" "$pg_paced"
settle

# ---- 2. CPU per accepted order at 25 % of the ceiling --------------------------------------------------------
cpu_rate=$(calc "round(0.25 * $ceiling)")
echo "== 2. CPU per accepted order: ${CPU_SECONDS} s idle, then ${CPU_SECONDS} s paced at $cpu_rate orders/s (25 % of the ceiling)"
sleep 11 # the last phase's transaction counts reach pg_stat_database
[[ "$PGSS" == 1 ]] && psql -h 127.0.0.1 -U postgres -d "$PG_DB" -qtAc "SELECT pg_stat_statements_reset()" >/dev/null
# cpu_per_order ORDERS SNAP_A SNAP_B T_A T_B -> "gateway_ms whole_ms description": ticks between two snapshots,
# the idle rate of the window cpu-0..cpu-1 taken off, per order admitted.
cpu_per_order() {
    python3 - "$RUN_DIR" "$idle_t0" "$idle_t1" "$@" <<'PY'
import sys
run, it0, it1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
orders = max(float(sys.argv[4]), 1); a, b = sys.argv[5:7]; t0, t1 = float(sys.argv[7]), float(sys.argv[8])
def snap(i):
    d = {}
    for line in open(f"{run}/cpu-{i}.txt"):
        part, pid, ticks = line.split(); d[(part, pid)] = int(ticks)
    return d
def used(x, y):  # ticks per part between two readings; a pid gone by the second reading is left out
    out = {}
    for key, ticks in y.items():
        out[key[0]] = out.get(key[0], 0) + ticks - x.get(key, 0)
    return out
idle, busy = used(snap(0), snap(1)), used(snap(a), snap(b))
parts = ["gateway", "venue", "postgres", "redis"]
ms = {p: 10.0 * (busy.get(p, 0) - idle.get(p, 0) / (it1 - it0) * (t1 - t0)) / orders for p in parts}
print(f"{ms['gateway']:.3f} {sum(ms.values()):.3f} gateway {ms['gateway']:.3f}, paper venue {ms['venue']:.3f}, "
      f"PostgreSQL {ms['postgres']:.3f}, Redis {ms['redis']:.3f} ms per order over {orders:.0f} orders (idle taken off: "
      + ", ".join(f"{p} {10.0 * idle.get(p, 0) / (it1 - it0):.0f}" for p in parts) + f" ms/s; window {t1 - t0:.1f} s incl. settle)")
PY
}
idle_t0=$(date +%s.%N); sut_snapshot "$RUN_DIR/cpu-0.txt"; rt_idle_before=($(round_trips))
sleep "$CPU_SECONDS"
idle_t1=$(date +%s.%N); sut_snapshot "$RUN_DIR/cpu-1.txt"; rt_idle_after=($(round_trips))
# The ticks run until the run's venue work has settled; divided by the orders the gateway admitted in the run
# (its rows in orders: the counted window's 201s and the tail wrk cut off alike cost CPU).
cpu_conns=$(calc "max(8, min($CONNECTIONS, round($cpu_rate * 0.05) + 8))")
load cpu order "$cpu_rate" "$CPU_SECONDS" "$cpu_conns"
settle
cpu_t1=$(date +%s.%N); sut_snapshot "$RUN_DIR/cpu-2.txt"
eval "$(fig cpu | sed 's/\([a-z_0-9]*\)=/c_\1=/g')"
cpu_ok="$(psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc "SELECT count(*) FROM orders WHERE client_order_id LIKE '$NONCE-cpu-%' AND status <> 'REJECTED'")"
sleep 11
rt_after=($(round_trips))
read -r cpu_gw cpu_path cpu_line < <(cpu_per_order "$cpu_ok" 1 2 "$idle_t1" "$cpu_t1")
echo "  $cpu_ok orders accepted ($(describe cpu))"
echo "  CPU per accepted order: whole path $cpu_path ms: $cpu_line"
cpu_saturated=""
held cpu || cpu_saturated=" (the gateway did not keep up at this rate: p99 > 50 ms or < 99 % accepted; the figure includes its backlog)"
[[ -z "$cpu_saturated" ]] || echo "  note:$cpu_saturated"
read -r rt_pg rt_redis < <(python3 - "$cpu_ok" "$idle_t1" "${rt_idle_before[@]}" "${rt_idle_after[@]}" "${rt_after[@]}" <<'PY'
import sys
a = sys.argv[1:]
orders = max(float(a[0]), 1); t0 = float(a[1])
ib, ia, ca = (list(map(float, a[2 + 3 * i:5 + 3 * i])) for i in range(3))
idle = [(ia[k] - ib[k]) / (ia[0] - ib[0]) for k in (1, 2)]
per = [(ca[k] - ia[k] - idle[k - 1] * (ca[0] - ia[0])) / orders for k in (1, 2)]
print(f"{per[0]:.2f} {per[1]:.1f}")
PY
)
# Redis round trips per order, this DB only: MONITOR (it costs Redis CPU, so outside the CPU window) prints every
# command a client sends with its DB index ("[14 127.0.0.1:port]"; commands inside scripts show as "[14 lua]"):
# an idle window, then a short paced run until its venue work has settled, idle rate taken off.
monitor_lines() { grep -c -E "^[0-9.]+ \[${REDIS_URL##*/} [0-9]" "$1" || true; } # client commands on this DB
redis-cli monitor >"$RUN_DIR/monitor-idle.txt" & mon_pid=$!; WATCHERS+=($mon_pid)
sleep 3; kill "$mon_pid" 2>/dev/null || true
redis-cli monitor >"$RUN_DIR/monitor-run.txt" & mon_pid=$!; WATCHERS+=($mon_pid)
mon_t0=$SECONDS
load mon order "$cpu_rate" "$(q 3 2)" "$cpu_conns"
settle
kill "$mon_pid" 2>/dev/null || true
mon_seconds=$((SECONDS - mon_t0))
mon_orders="$(psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc "SELECT count(*) FROM orders WHERE client_order_id LIKE '$NONCE-mon-%' AND status <> 'REJECTED'")"
rt_redis=$(calc "round(($(monitor_lines "$RUN_DIR/monitor-run.txt") - $(monitor_lines "$RUN_DIR/monitor-idle.txt") / 3 * $mon_seconds) / max($mon_orders, 1), 1)")
echo "  round trips per order: $rt_pg PostgreSQL transactions (pg_stat_database), $rt_redis Redis commands from clients ($mon_orders orders under MONITOR), 2 HTTP exchanges"
if [[ "$PGSS" == 1 ]]; then
    echo "  top statements (pg_stat_statements, this database, over the idle and paced windows):"
    psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAF ' | ' -c "SELECT calls, round(total_exec_time::numeric, 1) || ' ms', left(regexp_replace(query, '\s+', ' ', 'g'), 110)
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$PG_DB') ORDER BY calls DESC LIMIT 10" | sed 's/^/    /'
else
    echo "  pg_stat_statements: not in shared_preload_libraries ('$(psql -h 127.0.0.1 -U postgres -tAc "SHOW shared_preload_libraries")'); loading it needs a server restart, which the bench does not do: no statement list"
fi

# ---- 1. sustained accept rate --------------------------------------------------------------------------------
target1=$(calc "0.4 * $ceiling")
echo "== 1. sustained accept rate: ${STEP} s probes from 10 % of the ceiling, then the best for ${CONFIRM_SECONDS} s ($CONNECTIONS connections)"
# Up by 25 % a step while a probe holds; when the first fails, down by halves; then one probe between the last
# rate that held and the first that did not. The best is confirmed for CONFIRM_SECONDS (if it fails there, 80 %
# of it is tried once more).
best=0 failed=0 steps=0 rate=$(calc "max(10, round(0.1 * $ceiling))")
rss_sampler() { # max VmRSS (MB) of each service every second, into $RUN_DIR/rss.txt until killed
    local max_gw=0 max_venue=0 max_rec=0 v
    while true; do
        v=$(rss_mb "$(pid_of execution-gateway)"); ((v > max_gw)) && max_gw=$v
        v=$(rss_mb "$(pid_of paper-venue)"); ((v > max_venue)) && max_venue=$v
        v=$(rss_mb "$(pid_of reconciler)"); ((v > max_rec)) && max_rec=$v
        echo "$max_gw $max_venue $max_rec" >"$RUN_DIR/rss.txt"
        sleep 1
    done
}
# RSS is sampled over all of target 1 (probes and confirmation).
rss_sampler & WATCHERS+=($!); rss_pid=$!
probe() { # rate name -> 0 when it held; a failed probe is repeated once (one noisy second on a shared machine)
    local ok=1 try
    for try in "$2" "$2-again"; do
        load "$try" order "$1" "$STEP" "$CONNECTIONS"
        held "$try" && ok=0
        printf '  %5d/s %s %s\n' "$1" "$([[ $ok == 0 ]] && echo 'held  ' || echo 'failed')" "$(describe "$try")"
        settle
        [[ $ok == 1 ]] || break
    done
    return $ok
}
while ((steps < MAX_STEPS)); do
    steps=$((steps + 1))
    if probe "$rate" "step$steps"; then
        best=$rate
        if ((failed > 0)); then break; fi
        rate=$(calc "round($rate * 1.25)")
    else
        failed=$rate
        if ((best > 0)); then break; fi
        rate=$(calc "max(1, round($rate / 2))")
        if ((rate < 5)); then break; fi
    fi
done
if ((best > 0 && failed > best)); then
    mid=$(calc "round(($best * $failed) ** 0.5)")
    if ((mid > best && mid < failed)) && probe "$mid" "step-mid"; then best=$mid; fi
fi
sustained=0 confirm_name="" probe_best=$best
for attempt in 1 2; do
    ((best > 0)) || break
    echo "  confirming $best/s for ${CONFIRM_SECONDS} s"
    sut_snapshot "$RUN_DIR/cpu-3.txt"; conf_t0=$(date +%s.%N)
    load "confirm$attempt" order "$best" "$CONFIRM_SECONDS" "$CONNECTIONS"
    confirm_name="confirm$attempt"
    if held "confirm$attempt"; then
        sustained=$best; echo "  $best/s held: $(describe "confirm$attempt")"; settle
        sut_snapshot "$RUN_DIR/cpu-4.txt"
        conf_orders="$(psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc "SELECT count(*) FROM orders WHERE client_order_id LIKE '$NONCE-confirm$attempt-%' AND status <> 'REJECTED'")"
        read -r _ _ conf_cpu < <(cpu_per_order "$conf_orders" 3 4 "$conf_t0" "$(date +%s.%N)")
        echo "  CPU at this rate: $conf_cpu"
        break
    fi
    echo "  $best/s failed: $(describe "confirm$attempt")"
    settle
    best=$(calc "round(0.8 * $best)")
done
kill "$rss_pid" 2>/dev/null || true
read -r rss_gw rss_venue rss_rec < <(cat "$RUN_DIR/rss.txt" 2>/dev/null || echo "0 0 0")

# ---- 5. overload ---------------------------------------------------------------------------------------------
# Twice the rate of target 1 (when no confirmation held: of the best probe, else of the last rate probed).
over_rate=$(calc "2 * ($sustained or $probe_best or max($rate, 1))")
echo "== 5. overload: $over_rate orders/s offered (2x target 1's rate) for ${OVERLOAD_SECONDS} s ($CONNECTIONS connections)"
log_problems() { cat "$(log_file execution-gateway)" "$(log_file paper-venue)" "$(log_file reconciler)" 2>/dev/null | grep -c -E 'OutOfMemoryError|Too many open files' || true; }
problems_before=$(log_problems)
load overload order "$over_rate" "$OVERLOAD_SECONDS" "$CONNECTIONS"
eval "$(fig overload | sed 's/\([a-z_0-9]*\)=/o_\1=/g')"
o_state="$(breaker_state)"
o_res=""
for svc in "${SERVICES[@]}"; do
    p="$(pid_of "$svc" || echo 0)"
    o_res+="$svc $( ((p > 0)) && echo "RSS $(rss_mb "$p") MB, fds $(fds "$p")/$(fd_limit "$p")" || echo "NOT RUNNING"); "
done
problems=$(( $(log_problems) - problems_before ))
echo "  $(describe overload)"
echo "  refusals (429/503) $o_refused, p99 $o_ref_p99 ms, $o_ref_retry with Retry-After; accepted p99 $o_ok_p99 ms; other statuses $o_other"
grep -E '^tw sample (429|503|5[0-9][0-9])' "$RUN_DIR/wrk-overload.out" | head -2 | cut -c1-200 | sed 's/^tw sample /  sample /' || true
echo "  after: ${o_res% } OutOfMemoryError/Too many open files in the logs: $problems; breaker $o_state"
SETTLE_MAX=120 settle
if [[ "${o_state%% *}" != OPEN ]]; then breaker reset || true; sleep 3; fi

# ---- 7. two replicas -----------------------------------------------------------------------------------------
# A second gateway on the same Redis DB and database, the same environment (lib.sh service_env, so it routes to
# this stack's paper venue) on another port; two wrk processes at half the rate each, one per replica.
echo "== 7. two gateway replicas (second on :$REPLICA_PORT, same Redis DB and database)"
start_replica() {
    local vars
    mapfile -t vars < <(service_env execution-gateway)
    vars+=("QUARKUS_HTTP_PORT=$REPLICA_PORT") # the later assignment wins
    echo "==== bench-gateway.sh: starting replica at $(date -u +%Y-%m-%dT%H:%M:%SZ) ====" >>"$RUN_DIR/logs/execution-gateway-2.log"
    env "${vars[@]}" setsid "$JAVA" "-Xmx$JAVA_HEAP" ${JAVA_EXTRA_OPTS:-} -jar "$(jar_of execution-gateway)" \
        >>"$RUN_DIR/logs/execution-gateway-2.log" 2>&1 </dev/null &
    echo $! >"$REPLICA_PID_FILE"
    for _ in $(seq 1 600); do
        [[ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$REPLICA/q/health/ready" || true)" == 200 ]] && return 0
        alive "$(<"$REPLICA_PID_FILE")" || break
        sleep 0.1
    done
    echo "  bench: the replica did not become ready; last lines of its log:" >&2
    tail -n 20 "$RUN_DIR/logs/execution-gateway-2.log" >&2
    return 1
}
two=0
pair() { # rate name seconds [once] -> both halves at once, 0 when the pair held (a failure is repeated once)
    local half ok=1 try first
    half=$(calc "$1 / 2")
    for try in "$2" "$2-again"; do
        load "${try}a" order "$half" "$3" "$((CONNECTIONS / 2))" "$GATEWAY" &
        first=$!
        load "${try}b" order "$half" "$3" "$((CONNECTIONS / 2))" "$REPLICA"
        wait "$first" || true
        held "${try}a" "${try}b" && ok=0
        printf '  %5d/s %s %s\n' "$1" "$([[ $ok == 0 ]] && echo 'held  ' || echo 'failed')" "$(describe "${try}a" "${try}b")"
        settle
        [[ $ok == 1 && -z "${4:-}" ]] || break
    done
    return $ok
}
if start_replica || { stop_replica; echo "  bench: starting the replica again"; start_replica; }; then
    # warm the replica's JIT (unpaced, both replicas, as the one-replica warm-up), then search from target 1's rate
    COUNT_ONLY=1 load replica-warm order 0 "$(q 10 4)" 16 "$REPLICA"
    settle
    rate=$(calc "max($sustained or $probe_best, 10)") failed=0
    for s in 1 2 3; do
        if pair "$rate" "pair$s" "$STEP"; then
            two=$rate
            if ((failed > 0)); then break; fi
            rate=$(calc "round($rate * 1.25)")
        else
            failed=$rate
            if ((two > 0)); then break; fi
            rate=$(calc "max(1, round($rate * 0.7))")
        fi
    done
    if ((two > 0)); then
        pair "$two" pair-confirm "$REPLICA_SECONDS" once || two=0
    fi
fi
stop_replica

# ---- 6. ready after start ------------------------------------------------------------------------------------
echo "== 6. ready after start: each service restarted alone, from its process start to its first ready 200"
restart_ready() { # svc -> seconds
    local svc="$1" pid vars t0 code
    pid="$(pid_of "$svc")" || { echo nan; return; }
    kill -TERM "$pid"; for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.2; done
    mapfile -t vars < <(service_env "$svc")
    t0=$(date +%s.%N)
    env "${vars[@]}" setsid "$JAVA" "-Xmx$JAVA_HEAP" ${JAVA_EXTRA_OPTS:-} -jar "$(jar_of "$svc")" >>"$(log_file "$svc")" 2>&1 </dev/null &
    echo $! >"$(pid_file "$svc")"
    for _ in $(seq 1 600); do
        code="$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$(url_of "$svc")/q/health/ready" || true)"
        [[ "$code" == 200 ]] && break
        sleep 0.05
    done
    [[ "$code" == 200 ]] && calc "round($(date +%s.%N) - $t0, 2)" || echo nan
}
declare -A ready_alone=()
for svc in "${SERVICES[@]}"; do ready_alone[$svc]="$(restart_ready "$svc")"; done
ready_start="$(tr '\n' ' ' <"$RUN_DIR/ready-at-start.txt" 2>/dev/null || true)"
ready_line="" ready_max=0
for svc in "${SERVICES[@]}"; do
    ready_line+="$svc ${ready_alone[$svc]} s, "
    v="${ready_alone[$svc]}"; [[ "$v" != nan ]] || v=999
    ready_max=$(calc "max($ready_max, $v)")
done
echo "  alone: ${ready_line%, }; started together by run.sh: $ready_start"

# ---- results -------------------------------------------------------------------------------------------------
pct() { calc "round(100 * $1 / $ceiling, 1)"; }
echo
echo "== targets (load average now $(cut -d' ' -f1-3 /proc/loadavg); bench $((SECONDS - BENCH_T0 - BUILD_SECONDS)) s + build and start $BUILD_SECONDS s)"
printf '  0. C_http %.0f/s, C_commit %.0f/s, C_redis %.0f/s -> ceiling %.0f orders/s\n' "$http_capacity" "$pg_capacity" "$redis_capacity" "$ceiling"
printf '  1. sustained accept >= 40 %% of ceiling (%.0f/s), p99 <= 50 ms, 0 errors, >= 99 %% offered, %s s: %s (%s/s = %s %% of ceiling, ratio %.2f of the target)\n' \
    "$target1" "$CONFIRM_SECONDS" "$(verdict "$sustained >= $target1")" "$sustained" "$(pct "$sustained")" "$(calc "$sustained / $target1")"
[[ -n "$confirm_name" ]] && echo "     confirmation: $(describe "$confirm_name")"
printf '  2. CPU per accepted order at %s/s: gateway %s ms <= 0.5: %s (ratio %.2f); whole path %s ms <= 1.5: %s (ratio %.2f)\n' \
    "$cpu_rate" "$cpu_gw" "$(verdict "$cpu_gw <= 0.5")" "$(calc "$cpu_gw / 0.5")" "$cpu_path" "$(verdict "$cpu_path <= 1.5")" "$(calc "$cpu_path / 1.5")"
printf '     the paced run: %s%s\n' "$(describe cpu)" "$cpu_saturated"
[[ -z "${conf_cpu:-}" ]] || printf '     at target 1'"'"'s sustained rate (%s/s, context): %s\n' "$sustained" "$conf_cpu"
printf '  3. reject path >= 50 %% of C_http (%.0f/s), all 423 CIRCUIT_BREAKER_TRIPPED: %s (%s/s, ratio %.2f of the target; statuses %s, %s with the code)\n' \
    "$(calc "0.5 * $http_capacity")" "$(verdict "$r_rate >= 0.5 * $http_capacity and $r_answered > 0 and $r_tripped == $r_answered and $r_errors == 0")" \
    "$r_rate" "$(calc "$r_rate / (0.5 * $http_capacity)")" "$r_split" "$r_tripped"
printf '  4. one order in flight: accept p50 %.3f ms <= idle 404 p50 + 2 x (paced Redis + paced commit) = %.3f + 2 x (%.3f + %.3f) = %.3f ms: %s (ratio %.2f)\n' \
    "$a_p50_probe" "$idle_404" "$redis_paced" "$pg_paced" "$limit4" "$(verdict "$a_p50_probe <= $limit4")" "$(calc "$a_p50_probe / $limit4")"
o_met="$o_refused > 0 and $o_ref_p99 <= 50 and $o_ref_retry == $o_refused and $o_ok_p99 <= 100 and $o_other == 0 and $o_errors == 0 and $problems == 0 and '${o_state%% *}' == 'OPEN' and 'NOT RUNNING' not in '''$o_res'''"
printf '  5. overload at %s/s: refusals 429/503 with Retry-After p99 <= 50 ms, accepted p99 <= 100 ms, nothing else: %s\n' "$over_rate" "$(verdict "$o_met")"
printf '     refused %s (p99 %s ms, %s with Retry-After), accepted %s (p99 %s ms, ratio %.2f of 100 ms), other statuses %s, socket errors/unanswered %s; statuses %s\n' \
    "$o_refused" "$o_ref_p99" "$o_ref_retry" "$o_ok" "$o_ok_p99" "$(calc "$o_ok_p99 / 100")" "$o_other" "$o_errors" "$o_split"
printf '     after: %s; OOM/fd errors in logs %s; breaker %s (reject-storm trip fired: %s)\n' "${o_res%; }" "$problems" "$o_state" \
    "$([[ "$o_state" == *REJECT_STORM* ]] && echo yes || echo no)"
rss_max=$(calc "max($rss_gw, $rss_venue, $rss_rec)")
printf '  6. ready <= 3 s after start (alone): %s (slowest %s s, ratio %.2f); RSS <= 300 MB under target 1 (max over its runs): %s (gateway %s, paper venue %s, reconciler %s MB, ratio %.2f)\n' \
    "$(verdict "$ready_max <= 3")" "$ready_max" "$(calc "$ready_max / 3")" "$(verdict "$rss_max <= 300 and $rss_max > 0")" "$rss_gw" "$rss_venue" "$rss_rec" "$(calc "$rss_max / 300")"
printf '     started together by run.sh (sharing the cores): %s\n' "$ready_start"
printf '  7. two replicas: %s/s sustained (%s s, both halves held) beside one replica %s/s (ratio %.2f)\n' \
    "$two" "$REPLICA_SECONDS" "$sustained" "$(calc "$two / max($sustained, 1)")"
printf '  round trips per order: %s PostgreSQL transactions, %s Redis commands, 2 HTTP exchanges\n' "$rt_pg" "$rt_redis"
