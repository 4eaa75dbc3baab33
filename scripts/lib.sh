# shellcheck shell=bash disable=SC2034  # (variables are used by the scripts that source this file)
# Shared settings and helpers of the scripts in this folder; sourced, never run.
# Every setting comes from the environment so a second, isolated stack can run beside the first:
#   RUN_DIR      where logs, pids and the admin key live (default .run, relative to the repo root)
#   PORT_OFFSET  added to every service port (default 0)
#   PG_DB        PostgreSQL database (default tripwire); PG_URL / PG_JDBC_URL override the derived URLs
#   REDIS_URL    Redis URL incl. DB index (default redis://127.0.0.1:6379/0)
#   ONLY         space-separated subset of the services to start (default: all; benchmarks start fewer)
#   JAVA_HEAP    -Xmx of each service (default 256m)
#   JAVA_EXTRA_OPTS  more JVM options for every service (e.g. a JFR recording for profiling)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPTS="$ROOT/scripts"

# The build needs JDK 21+; the machine's default java is 17, so prefer the Temurin 25 JDK when present.
TEMURIN=/usr/lib/jvm/temurin-25-jdk-amd64
if [[ -x "$TEMURIN/bin/java" ]]; then export JAVA_HOME="$TEMURIN"; fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

RUN_DIR="${RUN_DIR:-.run}"
[[ "$RUN_DIR" = /* ]] || RUN_DIR="$ROOT/$RUN_DIR"
PORT_OFFSET="${PORT_OFFSET:-0}"
PG_DB="${PG_DB:-tripwire}"
export PG_URL="${PG_URL:-postgresql://127.0.0.1:5432/$PG_DB}"
export PG_JDBC_URL="${PG_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/$PG_DB}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export PGPASSWORD="${PG_PASSWORD:-postgres}"

# Start order: the venue first (the gateway routes to it), the health monitor and console last.
ALL_SERVICES=(paper-venue execution-gateway signal-service reconciler alert-router health-monitor web-console)
if [[ -n "${ONLY:-}" ]]; then
    SERVICES=()
    for svc in "${ALL_SERVICES[@]}"; do [[ " $ONLY " == *" $svc "* ]] && SERVICES+=("$svc"); done
else
    SERVICES=("${ALL_SERVICES[@]}")
fi
JAVA_HEAP="${JAVA_HEAP:-256m}"
declare -A BASE_PORT=([execution-gateway]=8080 [signal-service]=8081 [reconciler]=8082 [alert-router]=8083
                      [health-monitor]=8084 [web-console]=8085 [paper-venue]=8090)

# The tests' PostgreSQL databases: one per Maven module (the parent pom sets TEST_PG_DB = prefix_artifactId for
# each module's tests, so modules can be tested in parallel), prefix TEST_PG_DB (default tripwire_test).
test_databases() {
    local prefix="${TEST_PG_DB:-tripwire_test}" module
    for module in $(sed -n 's|^ *<module>\([a-z-]*\)</module>.*|\1|p' "$ROOT/pom.xml"); do echo "${prefix}_$module"; done
}

port_of() { echo $((BASE_PORT[$1] + PORT_OFFSET)); }
url_of() { echo "http://127.0.0.1:$(port_of "$1")"; }
# A second process of a service (scripts/gateway-replica.sh) is named SERVICE-2: its own pid file and log, the same jar.
service_of() { echo "${1%-[0-9]}"; }
jar_of() { echo "$ROOT/$(service_of "$1")/target/quarkus-app/quarkus-run.jar"; }
pid_file() { echo "$RUN_DIR/pids/$1.pid"; }
log_file() { echo "$RUN_DIR/logs/$1.log"; }
# A CLI run is short: C1 only and the serial GC, plus the JDK's ahead-of-time cache (JEP 483/514) trained on a real
# `tripwire whoami` by make run (cli_train). About a third less CPU per command (docs/services/ops-cli.md, make
# bench-cli). The cache is used only while it is newer than the jar, so a rebuilt CLI never meets a stale one;
# IgnoreUnrecognizedVMOptions: a JDK before 24 simply runs without it.
CLI_AOT_CACHE="$ROOT/ops-cli/target/tripwire-cli.aot"
cli_jvm_opts() {
    printf '%s' "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+IgnoreUnrecognizedVMOptions -Xlog:aot*=off -Xlog:cds*=off"
    [[ "$CLI_AOT_CACHE" -nt "$(jar_of ops-cli)" ]] && printf ' %s' "-XX:AOTCache=$CLI_AOT_CACHE"
    return 0
}
# shellcheck disable=SC2046  # cli_jvm_opts prints a list of JVM flags
cli() { "$JAVA" $(cli_jvm_opts) -jar "$(jar_of ops-cli)" "$@"; }
# Trains the cache on one read-only call to the running gateway (a failed training only costs speed).
cli_train() {
    [[ "$CLI_AOT_CACHE" -nt "$(jar_of ops-cli)" ]] && return 0
    rm -f "$CLI_AOT_CACHE"
    CLI_GATEWAY_URL="$(url_of execution-gateway)" CLI_KEY_FILE="$RUN_DIR/admin.key" "$JAVA" -XX:TieredStopAtLevel=1 \
        -XX:+UseSerialGC -XX:+IgnoreUnrecognizedVMOptions -XX:AOTCacheOutput="$CLI_AOT_CACHE" -Xlog:aot*=off -Xlog:cds*=off \
        -jar "$(jar_of ops-cli)" whoami >/dev/null 2>&1 || rm -f "$CLI_AOT_CACHE"
}

# The service's pid when it runs: the pid file names a live process that really is this service's jar
# (a stale file, or a pid the OS gave to another process since, counts as not running).
pid_of() {
    local file pid
    file="$(pid_file "$1")"
    [[ -f "$file" ]] || return 1
    pid="$(<"$file")"
    [[ "$pid" =~ ^[0-9]+$ ]] && { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "$(jar_of "$1")" || return 1
    echo "$pid"
}

port_taken() { ss -Hltn "sport = :$1" | grep -q .; }
port_owner() { ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true; }

# Logs are appended, never truncated: an operator explaining a trip needs what the services said before the
# restart. A log over LOG_ROTATE_MB (default 50) is rotated at start: .1 is the previous, up to LOG_KEEP (5).
rotate_log() {
    local log="$1" keep="${LOG_KEEP:-5}" i
    [[ -f "$log" ]] && (($(stat -c %s "$log") > ${LOG_ROTATE_MB:-50} * 1024 * 1024)) || return 0
    for ((i = keep - 1; i >= 1; i--)); do [[ -f "$log.$i" ]] && mv -f "$log.$i" "$log.$((i + 1))"; done
    mv -f "$log" "$log.1"
}

# launch NAME VAR=VALUE...: starts NAME's jar in the background with these variables (on top of this
# environment), appends to NAME's log, writes NAME's pid file. The caller checked the port and the jar.
# setsid: the service outlives this script and a Ctrl-C in the terminal that started it.
launch() {
    local name="$1"; shift
    mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
    rotate_log "$(log_file "$name")"
    echo "==== ${LAUNCHER:-run.sh}: starting $name at $(date -u +%Y-%m-%dT%H:%M:%SZ) ====" >>"$(log_file "$name")"
    # shellcheck disable=SC2086  # JAVA_EXTRA_OPTS is a list of JVM options
    env "$@" setsid "$JAVA" "-Xmx$JAVA_HEAP" ${JAVA_EXTRA_OPTS:-} -jar "$(jar_of "$name")" >>"$(log_file "$name")" 2>&1 </dev/null &
    echo $! >"$(pid_file "$name")"
    LAUNCHED_PID=$!
}

# True while the process exists and is not a zombie (kill -0 also succeeds on a zombie nobody reaped yet).
alive() { local state; state="$(ps -o stat= -p "$1" 2>/dev/null)" && [[ "$state" != Z* ]]; }

# HTTP status of the service's readiness check ("000" when nothing answers).
ready_code() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$(url_of "$1")/q/health/ready" || true; }
is_ready() { [[ "$(ready_code "$1")" == 200 ]]; }

redis_up() { redis-cli -u "$REDIS_URL" ping 2>/dev/null | grep -q PONG; }
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 && psql -h 127.0.0.1 -U postgres -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; }

# Environment of one service: its port, the shared stores, and every URL of another service shifted
# by PORT_OFFSET so an isolated stack only talks to itself. The gateway always routes to the local
# paper venue: a stack started by these scripts is paper-only, whatever the caller's environment says. Map keys with dashes cannot be spelled in
# the upper-case env form, so the health monitor's components use the exact property name (env accepts it).
service_env() {
    local svc="$1" other
    echo "QUARKUS_HTTP_PORT=$(port_of "$svc")"
    echo "TRIPWIRE_VENUE_BASE_URL=$(url_of paper-venue)"
    echo "SIGNAL_GATEWAY_URL=$(url_of execution-gateway)"
    echo "CONSOLE_GATEWAY_URL=$(url_of execution-gateway)"
    echo "CONSOLE_HEALTH_MONITOR_URL=$(url_of health-monitor)"
    echo "CONSOLE_ALERT_ROUTER_URL=$(url_of alert-router)"
    # The console calls the gateway and the health monitor with the bootstrapped admin key (read on every call,
    # so a key written by bootstrap after the console started is used at once).
    echo "CONSOLE_API_KEY_FILE=$RUN_DIR/admin.key"
    # The signal service's own scoped key (orders:write, orders:read, breaker:trip), issued by bootstrap, read on every call.
    echo "SIGNAL_API_KEY_FILE=$RUN_DIR/signal-service.key"
    # Alerts for channels without real credentials land here (the inbox: alert-router /inbox, /api/v1/inbox).
    echo "ALERT_SINK_FILE=$RUN_DIR/alert-sink.jsonl"
    # The desk's run summaries, tickets and reconciliation reports (seed 002 artifacts/runs/<run_id>/).
    echo "DESK_RUNS_DIR=${DESK_RUNS_DIR:-$ROOT/artifacts/runs}"
    echo "DESK_REPORTS_DIR=${DESK_REPORTS_DIR:-$ROOT/artifacts/reports}"
    for other in "${ALL_SERVICES[@]}"; do
        [[ "$other" == health-monitor ]] || echo "health-monitor.components.$other=$(url_of "$other")"
    done
}
