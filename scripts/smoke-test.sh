#!/usr/bin/env bash
# Smoke test of the whole stack, isolated from a `make run` stack: RUN_DIR=.run-smoke, ports +10000
# (SMOKE_PORT_OFFSET), Redis DB 15 flushed and PostgreSQL database tripwire_smoke recreated first.
# Every service must become ready, answer /api/v1/whoami with 401 without a key and 200 with the
# bootstrapped admin key; then the stack is stopped (always, via trap) and must leave no process.
# SMOKE_WITH="browser two-replicas monitoring" (make test): after its own checks, while the stack is still up, the smoke test runs
# those scripts on this stack (REUSE_STACK=1) instead of each starting a stack of its own; before each one the controls
# are put back to normal (breaker OPEN, kill switch off, no reset inside the last minute). Such a stack has a 15 s
# quiet period (GATEWAY_BREAKER_QUIET_PERIOD) so the breaker the browser test leaves TRIPPED is OPEN again soon.
# Last line: "smoke: N passed, M failed"; exit status non-zero when anything failed.
set -euo pipefail
unset PG_URL PG_JDBC_URL CLI_GATEWAY_URL CLI_KEY_FILE CLI_PASSWORD_FILE
export RUN_DIR=.run-smoke PORT_OFFSET="${SMOKE_PORT_OFFSET:-10000}" PG_DB=tripwire_smoke
export REDIS_URL=redis://127.0.0.1:6379/15
source "$(dirname "$0")/lib.sh"

passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...: counts and prints one result line
    local description="$1"; shift
    if "$@"; then passed=$((passed + 1)); echo "ok   $description"
    else failed=$((failed + 1)); echo "FAIL $description"; fi
}
body_of() { curl -s -m 5 -w '\n%{http_code}' "$@" || true; }  # body, then the status on the last line

refuses_without_key() {
    local answer; answer="$(body_of "$(url_of "$1")/api/v1/whoami")"
    [[ "${answer##*$'\n'}" == 401 && "$answer" == *'"code":"UNAUTHENTICATED"'* ]]
}
accepts_admin_key() {
    local answer; answer="$(body_of -H "Authorization: Bearer $(<"$RUN_DIR/admin.key")" "$(url_of "$1")/api/v1/whoami")"
    [[ "${answer##*$'\n'}" == 200 && "$answer" == *'"principal":"key:'*'"keys:admin"'* && "$answer" == *"\"service\":\"$1\""* ]]
}
metrics_open() { [[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$(url_of "$1")/q/metrics")" == 200 ]]; }
key_owner_only() { [[ "$(stat -c %a "$RUN_DIR/admin.key")" == 600 && "$(stat -c %a "$RUN_DIR/admin.password")" == 600 ]]; }
cli_whoami() { CLI_GATEWAY_URL="$(url_of execution-gateway)" cli whoami --key-file "$RUN_DIR/admin.key" >/dev/null; }
bootstrap_idempotent() {
    cli bootstrap --key-file "$RUN_DIR/admin.key" --password-file "$RUN_DIR/admin.password" | grep -q 'nothing to do'
}
logs_appended() {
    local log="$RUN_DIR/logs/execution-gateway.log"
    grep -q '^smoke: line of an earlier run$' "$log" && grep -q '^==== run.sh: starting execution-gateway at ' "$log"
}
run_stack() { "$SCRIPTS/run.sh" | tee "$RUN_DIR/run.out"; }
# paper mode ships placeholder credentials only: every channel must say it goes to the sink
run_names_sink_channels() {
    grep -q '^Alert channels: email→sink, slack→sink, sms→sink, pagerduty→sink$' "$RUN_DIR/run.out"
}
sink_lines() { if [[ -f "$RUN_DIR/alert-sink.jsonl" ]]; then wc -l <"$RUN_DIR/alert-sink.jsonl"; else echo 0; fi; }
in_sink_within() {  # in_sink_within SECONDS KIND LINES: a message of the breaker-trip alert of that kind after line LINES
    local deadline=$((SECONDS + $1))
    # only lines written after the action: an earlier trip's messages must not answer for this one
    until tail -n +"$(($3 + 1))" "$RUN_DIR/alert-sink.jsonl" 2>/dev/null \
        | jq -s -e --arg kind "$2" 'any(.[]; .dedup_key == "circuit-breaker-tripped" and .kind == $kind)' >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}
gateway_cli() { CLI_GATEWAY_URL="$(url_of execution-gateway)" cli "$@" --key-file "$RUN_DIR/admin.key" >/dev/null; }
trip_alert_in_sink() {
    local from; from="$(sink_lines)"
    gateway_cli breaker trip --reason "smoke: a trip must reach a person" && in_sink_within 5 trigger "$from"
}
reset_resolves_in_sink() {
    local from; from="$(sink_lines)"
    gateway_cli breaker reset --reason "smoke: the trip was a drill, all normal" --yes && in_sink_within 5 resolve "$from"
}
inbox_lists_the_trip() {
    local answer; answer="$(body_of -H "Authorization: Bearer $(<"$RUN_DIR/admin.key")" "$(url_of alert-router)/api/v1/inbox?limit=50")"
    [[ "${answer##*$'\n'}" == 200 && "$answer" == *'"dedup_key":"circuit-breaker-tripped"'* ]]
}
control() { redis-cli -u "$REDIS_URL" GET "$1" | jq -r "$2"; }
# Between two test scripts on this stack: the kill switch must be off (each script turns off what it turned on), a
# TRIPPED breaker is reset the operator's way, then OPEN after the quiet period. The one-reset-per-minute key is
# dropped (before and after that reset) so the next script's own first reset is not refused for ours.
controls_normal() {
    local deadline=$((SECONDS + 60))
    [[ "$(control kill_switch:state .active)" == false ]] || { echo "smoke: the kill switch is still on" >&2; return 1; }
    redis-cli -u "$REDIS_URL" DEL cb_ratelimit:reset:global >/dev/null
    if [[ "$(control circuit_breaker:state .state)" == TRIPPED ]]; then
        gateway_cli breaker reset --reason "smoke: back to OPEN for the next test script on this stack" --yes || return 1
    fi
    until [[ "$(control circuit_breaker:state .state)" == OPEN ]]; do ((SECONDS < deadline)) || return 1; sleep 0.5; done
    redis-cli -u "$REDIS_URL" DEL cb_ratelimit:reset:global >/dev/null
}
on_this_stack() { REUSE_STACK=1 "$SCRIPTS/$1-test.sh"; }
nothing_left() {
    local pid svc
    for pid in "${pids[@]}"; do ! alive "$pid" || return 1; done
    for svc in "${SERVICES[@]}"; do ! ss -Hltn "sport = :$(port_of "$svc")" | grep -q . || return 1; done
}

trap '"$SCRIPTS/stop.sh" >/dev/null 2>&1 || true' EXIT

read -ra also <<<"${SMOKE_WITH:-}"
for name in "${also[@]}"; do
    [[ "$name" == browser || "$name" == monitoring || "$name" == two-replicas ]] ||
        { echo "smoke: SMOKE_WITH knows browser, two-replicas and monitoring, not '$name'" >&2; exit 2; }
done
((${#also[@]} == 0)) || export GATEWAY_BREAKER_QUIET_PERIOD="${GATEWAY_BREAKER_QUIET_PERIOD:-15s}"

echo "smoke: fresh state (Redis DB 15, database $PG_DB, $RUN_DIR)"
"$SCRIPTS/infra-up.sh" >/dev/null
"$SCRIPTS/stop.sh" >/dev/null  # leftovers of an interrupted earlier run
redis-cli -u "$REDIS_URL" flushdb >/dev/null
dropdb -h 127.0.0.1 -U postgres --if-exists --force "$PG_DB"
rm -rf "$RUN_DIR"
# a log line of an earlier run: starting the stack must append to the log, not truncate it
mkdir -p "$RUN_DIR/logs" && echo "smoke: line of an earlier run" >"$RUN_DIR/logs/execution-gateway.log"
# `make test` has just built every jar in its verify step; build here only when one is missing.
all_jars=1
for svc in "${SERVICES[@]}" ops-cli; do [[ -f "$(jar_of "$svc")" ]] || all_jars=0; done
((all_jars)) && export SKIP_BUILD=1

# run.sh passes its database to infra-up, which also creates the default one: a name asked for twice is created once
check "infra-up creates a missing database asked for twice" "$SCRIPTS/infra-up.sh" "$PG_DB" "$PG_DB"
dropdb -h 127.0.0.1 -U postgres --if-exists --force "$PG_DB"
check "stack starts, every service ready, admin bootstrapped" run_stack
check "run says which alert channels are live and which go to the sink" run_names_sink_channels
for svc in "${SERVICES[@]}"; do
    check "$svc ready" is_ready "$svc"
    check "$svc /api/v1/whoami without key -> 401 UNAUTHENTICATED" refuses_without_key "$svc"
    check "$svc /api/v1/whoami with admin key -> 200" accepts_admin_key "$svc"
    check "$svc /q/metrics open" metrics_open "$svc"
done
check "admin key and password files are mode 600" key_owner_only
check "tripwire whoami with the bootstrapped key" cli_whoami
check "second bootstrap changes nothing" bootstrap_idempotent
check "run appends to the service logs (an earlier run's lines kept)" logs_appended
# make chaos's fast scenarios on this stack, small scale: kill switch under load, 1000 malformed requests, the auth
# sweep with no/bogus/expired/revoked keys and the secret scan, a Redis FLUSHDB under load (docs/reliability.md)
chaos_fast() { CHAOS_STACK=running SCENARIOS="halt malformed auth redis-flush" CHAOS_MALFORMED=1000 "$SCRIPTS/chaos.sh"; }
check "chaos, fast scenarios (halt, malformed, auth, Redis flush under load)" chaos_fast
check "breaker trip: the trip alert is in the alert sink within 5 s" trip_alert_in_sink
check "the inbox API lists the trip alert" inbox_lists_the_trip
check "breaker reset: the trip alert's resolve is in the sink within 5 s" reset_resolves_in_sink
# docs/RUNBOOK.md's command blocks, as written, on this stack (scripts/runbook/run_blocks.py; skips print why)
runbook_blocks() { python3 "$SCRIPTS/runbook/run_blocks.py"; }
check "RUNBOOK.md: every runnable command block works as written" runbook_blocks
for name in "${also[@]}"; do
    check "controls back to normal before the $name test (breaker OPEN, kill switch off)" controls_normal
    check "$name test on this stack (scripts/$name-test.sh, REUSE_STACK=1)" on_this_stack "$name"
done

mapfile -t pids < <(cat "$RUN_DIR"/pids/*.pid 2>/dev/null)
check "stack stops" "$SCRIPTS/stop.sh"
check "no process or port left behind" nothing_left

# make backup / make restore-fresh-test on the data the stack just wrote (stopped: the counts hold still)
export BACKUP_DIR="$RUN_DIR/backups"
backup_restores() { "$SCRIPTS/backup.sh" >/dev/null && "$SCRIPTS/restore-fresh-test.sh" | grep -q '^PASS: '; }
truncated_backup_fails() {
    local b; b="$(ls -1t "$BACKUP_DIR"/*.dump | head -1)"
    head -c "$(($(stat -c %s "$b") / 2))" "$b" >"$BACKUP_DIR/truncated.dump" && cp "$b.counts" "$BACKUP_DIR/truncated.dump.counts"
    (cd "$BACKUP_DIR" && sha256sum truncated.dump >truncated.dump.sha256)
    local out; out="$("$SCRIPTS/restore-fresh-test.sh" "$BACKUP_DIR/truncated.dump" || true)"  # exits 1 on FAIL
    [[ "$out" == "FAIL: pg_restore"* ]]
}
altered_backup_fails() {
    local b; b="$(ls -1t "$BACKUP_DIR"/tripwire*.dump | head -1)"
    printf 'XX' | dd of="$b" bs=1 seek=100 conv=notrunc 2>/dev/null
    local out; out="$("$SCRIPTS/restore-fresh-test.sh" "$b" || true)"
    [[ "$out" == "FAIL: "*"checksum does not match"* ]]
}
check "backup, then restore-fresh-test into a fresh database: PASS" backup_restores
check "a truncated backup: restore-fresh-test FAIL" truncated_backup_fails
check "a backup changed after its checksum: restore-fresh-test FAIL" altered_backup_fails

echo "smoke: $passed passed, $failed failed"
((failed == 0))
