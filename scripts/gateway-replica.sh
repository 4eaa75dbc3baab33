#!/usr/bin/env bash
# scripts/gateway-replica.sh start|stop|status: a SECOND execution-gateway process of an already-running stack
# (the stack of RUN_DIR / PORT_OFFSET / PG_DB / REDIS_URL, see lib.sh): the same Redis DB, PostgreSQL database and
# paper venue, another HTTP port (REPLICA_PORT, default the gateway's port + 100), its own pid file
# ($RUN_DIR/pids/execution-gateway-2.pid) and log ($RUN_DIR/logs/execution-gateway-2.log). It is started with the
# environment of the running first gateway (read from /proc), so both replicas enforce the same settings, whatever
# this shell's environment says; only the port differs. `start` waits until /q/health/ready answers 200
# (READY_TIMEOUT s, default 120). stop.sh stops the replica with the rest of the stack.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
NAME=execution-gateway-2
REPLICA_PORT="${REPLICA_PORT:-$(($(port_of execution-gateway) + 100))}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
say() { echo "gateway-replica: $*"; }
replica_ready() { [[ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "http://127.0.0.1:$REPLICA_PORT/q/health/ready" || true)" == 200 ]]; }

start() {
    local primary pid vars=()
    if pid="$(pid_of "$NAME")"; then say "already running (pid $pid, port $REPLICA_PORT)"; return 0; fi
    primary="$(pid_of execution-gateway)" || { say "the stack's execution-gateway ($(url_of execution-gateway)) is not running: start the stack first" >&2; return 1; }
    if port_taken "$REPLICA_PORT"; then
        say "port $REPLICA_PORT is taken by pid $(port_owner "$REPLICA_PORT"); pick another with REPLICA_PORT" >&2; return 1
    fi
    # The first gateway's own variables (its port, store URLs, limits...), then this replica's port on top.
    mapfile -d '' -t vars <"/proc/$primary/environ"
    rm -f "$(pid_file "$NAME")"
    LAUNCHER=gateway-replica.sh launch "$NAME" "${vars[@]}" "QUARKUS_HTTP_PORT=$REPLICA_PORT"
    say "started $NAME (pid $LAUNCHED_PID, port $REPLICA_PORT, log $(log_file "$NAME"))"
    local deadline=$((SECONDS + READY_TIMEOUT))
    until replica_ready; do
        if ! pid_of "$NAME" >/dev/null; then say "exited before it was ready; last lines of $(log_file "$NAME"):" >&2; tail -n 40 "$(log_file "$NAME")" >&2; return 1; fi
        if ((SECONDS >= deadline)); then say "not ready after ${READY_TIMEOUT}s (left running; stop it with: $0 stop)" >&2; return 1; fi
        sleep 0.5
    done
    say "ready: http://127.0.0.1:$REPLICA_PORT"
}

stop() {
    local pid
    if ! pid="$(pid_of "$NAME")"; then rm -f "$(pid_file "$NAME")"; say "not running"; return 0; fi
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + ${STOP_TIMEOUT:-20}))
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; say "did not stop within ${STOP_TIMEOUT:-20}s: killed"; fi
    rm -f "$(pid_file "$NAME")"
    say "stopped (pid $pid)"
}

status() {
    local pid
    if pid="$(pid_of "$NAME")"; then say "running (pid $pid, port $REPLICA_PORT, ready: $(replica_ready && echo yes || echo no))"
    else say "not running"; return 1; fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
