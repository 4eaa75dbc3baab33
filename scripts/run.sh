#!/usr/bin/env bash
# Builds and starts every service in the background (logs and pids under $RUN_DIR), waits until each is
# ready, bootstraps the admin operator and key, and prints where everything is. Safe to run again:
# services that already run are left alone, stale pid files are replaced.
# Settings: see lib.sh (RUN_DIR, PORT_OFFSET, PG_DB, REDIS_URL); READY_TIMEOUT (s, default 120);
# SKIP_BUILD=1 uses the jars as they are (so does a run while some services are up).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
READY_TIMEOUT="${READY_TIMEOUT:-120}"

any_running() {
    local svc
    for svc in "${SERVICES[@]}"; do pid_of "$svc" >/dev/null && return 0; done
    return 1
}

jars_built() {
    local svc
    for svc in "${SERVICES[@]}" ops-cli; do [[ -f "$(jar_of "$svc")" ]] || return 1; done
}

build() {
    [[ "${SKIP_BUILD:-0}" == 1 ]] && return 0
    # A build swaps the jars under running services and would leave them on mixed code versions.
    if any_running && jars_built; then
        echo "run: services are running, build skipped (make stop && make run rebuilds)"
        return 0
    fi
    echo "run: building (./mvnw package -DskipTests)"
    "$ROOT/mvnw" -B -ntp -q -f "$ROOT/pom.xml" package -DskipTests
}

start() {
    local svc="$1" port pid owner vars
    if pid="$(pid_of "$svc")"; then echo "run: $svc already running (pid $pid)"; return 0; fi
    rm -f "$(pid_file "$svc")"
    port="$(port_of "$svc")"
    if port_taken "$port"; then
        owner="$(port_owner "$port")"
        echo "run: port $port for $svc is taken by pid ${owner:-?} ($(ps -o args= -p "${owner:-0}" | cut -c1-80))" >&2
        echo "run: stop that process or pick other ports, e.g. PORT_OFFSET=20000 RUN_DIR=.run-x make run" >&2
        return 1
    fi
    [[ -f "$(jar_of "$svc")" ]] || { echo "run: $(jar_of "$svc") missing; run make build" >&2; return 1; }
    mapfile -t vars < <(service_env "$svc")
    launch "$svc" "${vars[@]}"
    echo "run: started $svc (pid $LAUNCHED_PID, port $port)"
}

wait_ready() {
    local svc deadline=$((SECONDS + READY_TIMEOUT))
    for svc in "${SERVICES[@]}"; do
        until is_ready "$svc"; do
            if ! pid_of "$svc" >/dev/null; then fail "$svc" "exited before it was ready"; return 1; fi
            if ((SECONDS >= deadline)); then fail "$svc" "not ready after ${READY_TIMEOUT}s"; return 1; fi
            sleep 1
        done
    done
}

fail() {
    echo "run: $1 $2; last lines of $(log_file "$1"):" >&2
    tail -n 40 "$(log_file "$1")" >&2 || true
    echo "run: the other services keep running; make stop (with the same RUN_DIR) stops them" >&2
}

bootstrap() {
    CLI_GATEWAY_URL="$(url_of execution-gateway)" \
        cli bootstrap --key-file "$RUN_DIR/admin.key" --password-file "$RUN_DIR/admin.password"
}

# The settings that differ from the defaults, to prefix the next commands with (same stack).
stack_env() {
    local prefix=""
    [[ "$RUN_DIR" == "$ROOT/.run" ]] || prefix+="RUN_DIR=${RUN_DIR#"$ROOT/"} "
    [[ "$PORT_OFFSET" == 0 ]] || prefix+="PORT_OFFSET=$PORT_OFFSET "
    [[ "$PG_DB" == tripwire ]] || prefix+="PG_DB=$PG_DB "
    [[ "$REDIS_URL" == redis://127.0.0.1:6379/0 ]] || prefix+="REDIS_URL=$REDIS_URL "
    echo "$prefix"
}

# Which alert channels reach a provider and which go to the local sink (alert-router decides from the credentials).
alert_channels() {
    curl -s -m 5 -H "Accept: text/plain" -H "Authorization: Bearer $(<"$RUN_DIR/admin.key")" \
        "$(url_of alert-router)/api/v1/channels" || echo "unknown (alert-router did not answer)"
}

summary() {
    local svc env
    env="$(stack_env)"
    printf '\n%-18s %-24s %s\n' SERVICE URL STATUS
    for svc in "${SERVICES[@]}"; do
        printf '%-18s %-24s %s\n' "$svc" "$(url_of "$svc")" "$(is_ready "$svc" && echo UP || echo DOWN)"
    done
    cat <<TEXT

Paper mode: orders go to the simulated venue at $(url_of paper-venue); nothing live is configured.
Alert channels: $(alert_channels)
  sink = not sent anywhere: read $(url_of alert-router)/inbox or $RUN_DIR/alert-sink.jsonl (make inbox)
Admin API key: $RUN_DIR/admin.key (console user admin, password in $RUN_DIR/admin.password)
  curl -H "Authorization: Bearer \$(cat $RUN_DIR/admin.key)" $(url_of execution-gateway)/api/v1/whoami
Next: make ps | make health | make logs [SVC=name] | make stop
TEXT
    [[ -z "$env" ]] || echo "      with this stack's settings first: export ${env% }"
}

"$SCRIPTS/infra-up.sh" "$PG_DB"
build
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
for svc in "${SERVICES[@]}"; do start "$svc"; done
wait_ready
bootstrap
cli_train
summary
