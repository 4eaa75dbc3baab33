#!/usr/bin/env bash
# make bench-gateway: the physical limits of this machine (Redis round trip, one-row PostgreSQL commit),
# then the gateway at fixed arrival rates (Gatling, open model) on an isolated stack (wrk for the unloaded accept
# latency, which Gatling's whole milliseconds cannot resolve): the accept path
# through the paper venue and the reject path with the breaker TRIPPED. Prints each figure against its
# target. Bounded (about 2 minutes), 127.0.0.1 only. Settings: ACCEPT_RATE (2000), ACCEPT_SECONDS (20),
# REJECT_RATE (5000), REJECT_SECONDS (10), WARMUP_SECONDS (30).
set -euo pipefail
export RUN_DIR=.run-bench PORT_OFFSET="${BENCH_PORT_OFFSET:-30000}" PG_DB=tripwire_bench
# Only what an order passes through (the reconciler opens the gate with READY); the other services would
# take CPU from the two cores without being on the order path. A heap that does not force a GC every second.
export ONLY="paper-venue execution-gateway reconciler" JAVA_HEAP="${BENCH_JAVA_HEAP:-1g}"
export REDIS_URL="redis://127.0.0.1:6379/14"
source "$(dirname "$0")/lib.sh"
ACCEPT_RATE="${ACCEPT_RATE:-2000}" ACCEPT_SECONDS="${ACCEPT_SECONDS:-20}"
REJECT_RATE="${REJECT_RATE:-5000}" REJECT_SECONDS="${REJECT_SECONDS:-10}" WARMUP_SECONDS="${WARMUP_SECONDS:-30}"
GATEWAY="$(url_of execution-gateway)"

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

cleanup() { "$SCRIPTS/stop.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT

"$SCRIPTS/infra-up.sh" >/dev/null
if ! command -v wrk >/dev/null; then
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
        apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
    else
        echo "bench: wrk is needed (sudo apt-get install wrk)" >&2; exit 2
    fi
fi
cleanup # a bench stack left over from an interrupted run would be measured on a dropped database
echo "== physical limits (same machine, same run)"
redis_p50=$(redis-benchmark -h 127.0.0.1 -n 20000 -c 1 -t get --csv | awk -F'","' '/GET/ {print $5}')
# The probe gets a database of its own: the services' database must be empty for Flyway.
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB" \
    -c "DROP DATABASE IF EXISTS ${PG_DB}_probe" -c "CREATE DATABASE ${PG_DB}_probe" >/dev/null
psql -h 127.0.0.1 -U postgres -d "${PG_DB}_probe" -qc "CREATE TABLE commit_probe (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())"
probe="$(mktemp)"
echo "INSERT INTO commit_probe DEFAULT VALUES;" >"$probe"
pg_commit=$(pgbench -h 127.0.0.1 -U postgres -n -c 1 -T 5 -f "$probe" "${PG_DB}_probe" 2>/dev/null | awk '/latency average/ {print $4}')
# The same two limits paced (a request every 10-20 ms, as the paced accept probe below): on a VM an idle
# process pays a wake-up per hop, which the back-to-back figures above do not contain. Context, not the target.
redis_paced=$(redis-cli -u "$REDIS_URL" --latency --raw -i 5 | awk '{print $3}')
pg_paced=$(pgbench -h 127.0.0.1 -U postgres -n -c 1 -R 50 -T 5 -f "$probe" "${PG_DB}_probe" 2>/dev/null | awk '/latency average/ {print $4}')
# Capacities: how many one-row commits and Redis commands per second this machine does at most (several
# clients, the clients' own CPU included, as the services are the clients on the order path). With the counts
# per order measured below they give the share of the machine the order path's round trips alone need.
pg_capacity=$(pgbench -h 127.0.0.1 -U postgres -n -c 16 -j 2 -T 5 -f "$probe" "${PG_DB}_probe" 2>/dev/null | awk '/^tps/ {print $3}')
redis_capacity=$(redis-benchmark -h 127.0.0.1 -n 100000 -c 50 -t get --csv | awk -F'","' '/GET/ {print $2}')
rm -f "$probe"
printf '  Redis round trip (GET, 1 client) p50   %8.3f ms   paced (every 10 ms, mean) %6.3f ms\n' "$redis_p50" "$redis_paced"
printf '  PostgreSQL one-row commit (1 client)    %8.3f ms   paced (50/s, mean)        %6.3f ms\n' "$pg_commit" "$pg_paced"
printf '  capacity: one-row commits %8.0f /s (16 clients)   Redis round trips (GET) %8.0f /s (50 clients)\n' "$pg_capacity" "$redis_capacity"

echo "== isolated stack on ports +$PORT_OFFSET (Redis DB 14, database $PG_DB)"
redis-cli -u "$REDIS_URL" flushdb >/dev/null
"$SCRIPTS/run.sh" >/dev/null
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

gatling() { # rate seconds expect run [from] -> "p50 p99 max rps ok ko" from Gatling's Global Information table
    local out="$RUN_DIR/gatling-$4.log"
    # The load generator gets the full JIT (.mvn/jvm.config holds Maven to C1 for the build; later flags win).
    MAVEN_OPTS="${MAVEN_OPTS:-} -XX:TieredStopAtLevel=4" "$ROOT/mvnw" -B -ntp -f "$ROOT/pom.xml" -Pbench -pl bench gatling:test \
        -Dgatling.simulationClass=io.tripwire.bench.OrderLoadSimulation -DbaseUrl="$GATEWAY" -DapiKey="$KEY" \
        -Drate="$1" -Dseconds="$2" -Dexpect="$3" -Drun="$4-$RANDOM" -Dfrom="${5:-$1}" >"$out" 2>&1 || true
    python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
info = text[text.rindex("Global Information"):]
def total(label):
    m = re.search(r"> " + re.escape(label) + r"[^|]*\|\s*([0-9.,-]+)\s*\|\s*([0-9.,-]+)\s*\|\s*([0-9.,-]+)", info)
    return tuple(g.replace(",", "") for g in m.groups()) if m else ("nan", "0", "0")
count = total("request count")
number = lambda v: "0" if v == "-" else v
print(total("response time 50th percentile")[0], total("response time 99th percentile")[0],
      total("max response time")[0], total("mean throughput")[0], number(count[1]), number(count[2]))
PY
}

# CPU ticks (1/100 s) used so far by the system under test: gateway, paper venue, PostgreSQL, Redis (the load
# generator excluded), as "gateway venue postgres redis".
sut_ticks() {
    local gw venue pg=0 p
    ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
    gw="$(ticks "$(pid_of execution-gateway)")"; venue="$(ticks "$(pid_of paper-venue)")"
    for p in $(pgrep -x postgres); do pg=$((pg + $(ticks "$p"))); done
    echo "$gw $venue $pg $(ticks "$(pgrep -f 'redis-server 127.0.0.1:6379' | head -1)")"
}

breaker() { # trip|reset: the reject path runs first, on a gateway without the accept path's venue backlog
    curl -sf -o /dev/null -H "X-API-Key: $KEY" -H 'Content-Type: application/json' "$GATEWAY/api/v1/circuit-breaker/$1" \
        -d '{"reason":"benchmark of the reject path (breaker tripped), then the accept path","acknowledged":true}'
}
settle() { # waits (<= 90 s) until the venue submits and fills behind the last phase are done: each phase alone
    local left
    for _ in $(seq 1 90); do
        left="$(psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc "SELECT count(*) FROM orders WHERE status IN ('NEW', 'SUBMITTED')")"
        [[ "$left" == 0 ]] && return 0
        sleep 1
    done
    echo "bench: $left orders still on their way to the venue after 90 s" >&2
}
echo "== warm-up: ${WARMUP_SECONDS} s, orders ramping from 100/s to 1000/s, then the reject path for 10 s"
gatling 1000 "$WARMUP_SECONDS" 201 warm 100 >/dev/null
settle
# The cheapest HTTP exchange this machine does: a 404 from the warmed gateway, wrk's CPU included.
http_capacity=$(wrk -t2 -c16 -d5s "$GATEWAY/no-such-page" | awk '/^Requests\/sec/ {print $2}')
printf '  capacity: HTTP exchanges (gateway 404 after the warm-up, 16 connections) %.0f /s\n' "$http_capacity"
breaker trip
gatling "$REJECT_RATE" 10 423 warm-reject >/dev/null
echo "== reject path: ${REJECT_SECONDS} s at ${REJECT_RATE} orders/s with the breaker TRIPPED"
read -r r_p50 r_p99 r_max r_rps r_ok r_ko < <(gatling "$REJECT_RATE" "$REJECT_SECONDS" 423 reject)
breaker reset
sleep 3 # the quiet period (1 s here) ends
settle
# Gatling records whole milliseconds; the p50 target is below one, so the accept latency is taken with wrk
# (microseconds) over one connection, two ways: paced (one order every 20 ms, so each order's venue round trip
# is over before the next arrives: what one order costs, which the target is judged on) and back to back (the
# next order overlaps the previous one's venue work on the same two cores). A paced 404 shows what an idle
# JVM's HTTP round trip alone costs on this machine.
probe_lua() { # name pace_ms body-expression
    cat >"$RUN_DIR/$1.lua" <<LUA
n = 0
${2:+delay = function() return $2 end}
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/orders", {["Content-Type"]="application/json", ["X-API-Key"]="$KEY"}, $3)
end
LUA
}
order_body="'{\"symbol\":\"SPY\",\"side\":\"' .. ((n % 2 == 0) and 'buy' or 'sell') .. '\",\"qty\":\"1\",\"type\":\"market\",\"client_order_id\":\"probe-$RANDOM-' .. n .. '\"}'"
p50_ms() { # wrk arguments... -> p50 in ms
    wrk -t1 -c1 --latency "$@" | awk '$1 == "50%" {print $2}' | python3 -c "
v = input().strip()
print(float(v[:-2]) / 1000 if v.endswith('us') else float(v[:-2]) if v.endswith('ms') else float(v[:-1]) * 1000)"
}
echo "== accept latency, one connection (wrk): paced 50/s for 10 s, then back to back for 5 s"
probe_lua paced 20 "$order_body"
a_p50_probe="$(p50_ms -d10s -s "$RUN_DIR/paced.lua" "$GATEWAY")"
settle
order_body="${order_body/probe-/b2b-}"
probe_lua back-to-back "" "$order_body"
# Round trips per order, counted by the servers over the back-to-back probe (what the same time costs idle is
# taken off): PostgreSQL transactions (gateway and paper venue) and Redis round trips, counted as the calls of
# the commands only clients send (scripts, stream entries, the pre-send read; the commands a script runs inside
# Redis are not round trips, and the cached price reads are left out, so this is a lower bound).
# An idle backend reports its transaction counts up to 10 s late (PostgreSQL 15), hence the waits.
round_trips() { # -> "seconds pg_transactions redis_round_trips" so far
    echo "$(date +%s.%N) $(psql -h 127.0.0.1 -U postgres -tAc "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$PG_DB'") $(redis-cli info commandstats | awk -F'[:=,]' '/^cmdstat_(eval|evalsha|xadd|mget):/ {n += $3} END {print n + 0}')"
}
sleep 11; idle_before=($(round_trips)); sleep 10; idle_after=($(round_trips))
b2b_before=($(round_trips))
a_p50_b2b="$(p50_ms -d5s -s "$RUN_DIR/back-to-back.lua" "$GATEWAY")"
settle
sleep 11
b2b_after=($(round_trips))
b2b_orders="$(psql -h 127.0.0.1 -U postgres -d "$PG_DB" -tAc "SELECT count(*) FROM orders WHERE client_order_id LIKE 'b2b-%'")"
echo 'delay = function() return 20 end' >"$RUN_DIR/idle.lua"
idle_404="$(p50_ms -d5s -s "$RUN_DIR/idle.lua" "$GATEWAY/no-such-page")"
settle
echo "== accept path: ${ACCEPT_SECONDS} s at ${ACCEPT_RATE} orders/s through the paper venue"
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; } # busy, all cores, 1/100 s
before=($(sut_ticks) $(machine_ticks))
read -r a_p50 a_p99 a_max a_rps a_ok a_ko < <(gatling "$ACCEPT_RATE" "$ACCEPT_SECONDS" 201 accept)
after=($(sut_ticks) $(machine_ticks))

for phase in accept reject; do # why requests failed, as Gatling counted them
    sed -n '/^---- Errors/,/^====/p' "$RUN_DIR/gatling-$phase.log" | grep '^>' | tail -2 | sed "s/^/  $phase errors: /" || true
done
cpu_line() { # CPU time per accepted order by part, against what two cores allow at the offered rate
    python3 - "$a_ok" "$ACCEPT_RATE" "${before[@]}" "${after[@]}" <<'PY'
import sys
ok, rate = float(sys.argv[1]), float(sys.argv[2])
b, a = [int(x) for x in sys.argv[3:8]], [int(x) for x in sys.argv[8:13]]
ms = [10.0 * (y - x) / max(ok, 1) for x, y in zip(b, a)]
sut, machine = sum(ms[:4]), ms[4]
print(f"  CPU per accepted order: {sut:.2f} ms (gateway {ms[0]:.2f}, paper venue {ms[1]:.2f}, PostgreSQL {ms[2]:.2f}, "
      f"Redis {ms[3]:.2f}); whole machine {machine:.2f} ms (load generator and the rest {machine - sut:.2f}); "
      f"two cores allow {2000.0 / rate:.2f} ms at {rate:.0f}/s (refused requests cost CPU too: overcounts in overload)")
PY
}
limit=$(python3 -c "print(2 * ($redis_p50 + $pg_commit))")
verdict() { python3 -c "import sys; print('met' if $1 else 'NOT met')"; }
echo
echo "== results (latencies in ms, Gatling client side; physical limit measured above)"
printf '  %-34s p50 %6s  p99 %6s  max %6s  %8s/s  ok %7s  ko %5s\n' "accept @ ${ACCEPT_RATE}/s" "$a_p50" "$a_p99" "$a_max" "$a_rps" "$a_ok" "$a_ko"
printf '  %-34s p50 %6s  p99 %6s  max %6s  %8s/s  ok %7s  ko %5s\n' "reject (TRIPPED) @ ${REJECT_RATE}/s" "$r_p50" "$r_p99" "$r_max" "$r_rps" "$r_ok" "$r_ko"
cpu_line
# The order path's round trips alone, at the offered rate, as a share of what this machine can do of each
# (capacities and per-order counts measured in this run): a floor under every service's own work.
python3 - "$ACCEPT_RATE" "$pg_capacity" "$redis_capacity" "$http_capacity" "$b2b_orders" "$REJECT_RATE" \
    "${idle_before[@]}" "${idle_after[@]}" "${b2b_before[@]}" "${b2b_after[@]}" <<'PY'
import sys
rate, pg_cap, redis_cap, http_cap, orders, reject_rate = (float(x) for x in sys.argv[1:7])
ib, ia, bb, ba = (list(map(float, sys.argv[7 + 3 * i:10 + 3 * i])) for i in range(4))
idle = [(ia[k] - ib[k]) / (ia[0] - ib[0]) for k in (1, 2)]  # per second, nothing ordered
per = [(ba[k] - bb[k] - idle[k - 1] * (ba[0] - bb[0])) / max(orders, 1) for k in (1, 2)]
http = 2  # client -> gateway, gateway -> paper venue
shares = [rate * per[0] / pg_cap, rate * per[1] / redis_cap, rate * http / http_cap]
print(f"  round trips per order ({orders:.0f} orders back to back): {per[0]:.2f} PostgreSQL transactions, "
      f"at least {per[1]:.1f} Redis round trips, {http} HTTP exchanges")
print(f"  at {rate:.0f}/s they alone need {100 * sum(shares):.0f} % of this machine (PostgreSQL {100 * shares[0]:.0f} %, "
      f"Redis {100 * shares[1]:.0f} %, HTTP {100 * shares[2]:.0f} % of the capacities above), before any service's own work")
print(f"  the reject path at {reject_rate:.0f}/s is {100 * reject_rate / http_cap:.0f} % of the HTTP capacity above "
      f"(one exchange per decision)")
PY
echo
printf '  target accept p99 <= 5 ms at %s/s: %s (p99 %s ms, %s errors)\n' "$ACCEPT_RATE" "$(verdict "$a_p99 <= 5 and $a_ko == 0 and $a_rps >= 0.95 * $ACCEPT_RATE")" "$a_p99" "$a_ko"
printf '  target reject path >= 5000 decisions/s: %s (%s/s, %s not 423)\n' "$(verdict "$r_rps >= 5000 and $r_ko == 0")" "$r_rps" "$r_ko"
printf '  target accept p50 <= 2 x (Redis RTT + PG commit) = %.2f ms: %s (paced p50 %.3f ms over one connection; ratio %.2f of Redis RTT + PG commit)\n' \
    "$limit" "$(verdict "$a_p50_probe <= $limit")" "$a_p50_probe" "$(python3 -c "print($a_p50_probe / ($redis_p50 + $pg_commit))")"
printf '     back to back (overlapping the venue work of the order before): p50 %.3f ms; an idle 404 (paced): p50 %.3f ms\n' \
    "$a_p50_b2b" "$idle_404"
printf '     against the paced limits (context, not the target): 2 x (%.3f + %.3f) = %.2f ms, ratio %.2f\n' \
    "$redis_paced" "$pg_paced" "$(python3 -c "print(2 * ($redis_paced + $pg_paced))")" \
    "$(python3 -c "print($a_p50_probe / ($redis_paced + $pg_paced))")"
