#!/usr/bin/env bash
# make two-replicas-test: two execution-gateway processes on one Redis DB and one PostgreSQL database must act as one
# gateway (issue 15, "Two replicas"): breaker, kill switch, rate limit, symbol cap and idempotency hold across both,
# with concurrent requests split over both; fills are applied once although both poll the venue
# (scripts/replicas/two_replicas.py prints PASS/FAIL per check; exit 1 on any FAIL).
#   default: its own isolated stack: ONLY="paper-venue execution-gateway reconciler", RUN_DIR=.run-replicas, ports
#            +20000, Redis DB 12 flushed, PostgreSQL database tripwire_replicas recreated, low limits by environment;
#            stopped afterwards (always, via trap)
#   REUSE_STACK=1: a running stack of the caller's RUN_DIR / PORT_OFFSET / PG_DB / REDIS_URL (e.g. the smoke stack):
#            only the second gateway is started (and stopped afterwards). The limits are lowered through the console's
#            risk-config API and put back; without a console the rate-limit and symbol-cap checks are skipped (said
#            why). Breaker OPEN and kill switch off are restored.
set -euo pipefail
REUSE_STACK="${REUSE_STACK:-0}"
if [[ "$REUSE_STACK" != 1 ]]; then
    unset PG_URL PG_JDBC_URL CLI_GATEWAY_URL CLI_KEY_FILE CLI_PASSWORD_FILE
    export RUN_DIR=.run-replicas PORT_OFFSET="${REPLICAS_PORT_OFFSET:-20000}" PG_DB=tripwire_replicas
    export REDIS_URL=redis://127.0.0.1:6379/12 ONLY="paper-venue execution-gateway reconciler"
    # The limits the shared-limit checks count against (two_replicas.py RATE, CAP, QUIET), the same for both gateways
    # (gateway-replica.sh starts the second one with the first one's environment).
    export GATEWAY_RATE_LIMITS_PER_KEY_PER_SECOND=10 GATEWAY_RISK_PER_SYMBOL_USD_CAP=100000 GATEWAY_BREAKER_QUIET_PERIOD=2s
fi
source "$(dirname "$0")/lib.sh"
say() { echo "two-replicas: $*"; }
started=$SECONDS

if [[ "$REUSE_STACK" == 1 ]]; then
    is_ready execution-gateway || { say "REUSE_STACK=1 but the gateway at $(url_of execution-gateway) is not ready"; exit 1; }
    trap '"$SCRIPTS/gateway-replica.sh" stop >/dev/null 2>&1 || true' EXIT
else
    trap '"$SCRIPTS/stop.sh" >/dev/null 2>&1 || true' EXIT
    say "own stack: $RUN_DIR, ports +$PORT_OFFSET, Redis DB 12, database $PG_DB ($ONLY)"
    "$SCRIPTS/infra-up.sh" >/dev/null
    "$SCRIPTS/stop.sh" >/dev/null  # leftovers of an interrupted earlier run
    redis-cli -u "$REDIS_URL" flushdb >/dev/null
    dropdb -h 127.0.0.1 -U postgres --if-exists --force "$PG_DB"
    rm -rf "$RUN_DIR"; mkdir -p "$RUN_DIR"
    all_jars=1
    for svc in "${SERVICES[@]}" ops-cli; do [[ -f "$(jar_of "$svc")" ]] || all_jars=0; done
    ((all_jars)) && export SKIP_BUILD="${SKIP_BUILD:-1}"
    "$SCRIPTS/run.sh" >"$RUN_DIR/run.out" 2>&1 || { cat "$RUN_DIR/run.out"; say "FAIL: the stack did not start"; exit 1; }
fi
"$SCRIPTS/gateway-replica.sh" start
# reconciliation READY: no order is admitted before it
for _ in $(seq 1 60); do
    [[ "$(redis-cli -u "$REDIS_URL" get reconciliation:state | jq -r .state 2>/dev/null)" == READY ]] && break
    sleep 0.5
done
say "stack and second gateway up after $((SECONDS - started)) s: A $(url_of execution-gateway), B http://127.0.0.1:${REPLICA_PORT:-$(($(port_of execution-gateway) + 100))}"

console=()
if [[ "$REUSE_STACK" == 1 ]]; then console=(--console "$(port_of web-console)"); fi
rc=0
python3 "$SCRIPTS/replicas/two_replicas.py" --a "$(port_of execution-gateway)" \
    --b "${REPLICA_PORT:-$(($(port_of execution-gateway) + 100))}" --key-file "$RUN_DIR/admin.key" --pg-db "$PG_DB" \
    --pg-port "${PGPORT:-5432}" --redis-url "$REDIS_URL" "${console[@]}" ${CHECKS:+--checks "$CHECKS"} || rc=$?
say "done in $((SECONDS - started)) s"
exit "$rc"
