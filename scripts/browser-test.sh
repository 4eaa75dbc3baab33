#!/usr/bin/env bash
# Headless-Chromium test of the web console against a real, isolated stack: RUN_DIR=.run-browser, ports
# +12000 (BROWSER_PORT_OFFSET), Redis DB 13 flushed and PostgreSQL database tripwire_browser recreated first.
# Installs what is missing: Debian's chromium (apt-get) and playwright-core (npm, into web-console/browser/).
# Then `node --test` runs every web-console/browser/*.test.mjs one file at a time (they share the stack). console: log in, trip the breaker from the page, an order is
# refused 423, a short-reason reset refused, a reset, a second reset within the minute refused 429, kill switch
# CLOSE_POSITIONS then off, logout. config: a lowered notional cap refuses an order within 5 s. admin (runs first):
# an order on the Orders page, API key create → use → rotate → revoke, poison retry redelivers, audit CSV export and cap. Screenshots: web-console/target/browser/. The stack is stopped always (trap).
# SKIP_BUILD=1 uses the jars as they are (make test has just built them).
# REUSE_STACK=1: no stack of its own; the running stack of RUN_DIR, PORT_OFFSET, PG_DB and REDIS_URL (as the caller
# exports them; make test: the smoke test's, SMOKE_WITH) is used as it is and left running. It must be ready, with the
# breaker OPEN, the kill switch off and no breaker reset in the last minute.
set -euo pipefail
unset PG_URL PG_JDBC_URL CLI_GATEWAY_URL CLI_KEY_FILE CLI_PASSWORD_FILE
REUSE_STACK="${REUSE_STACK:-0}"
if [[ "$REUSE_STACK" != 1 ]]; then
    export RUN_DIR=.run-browser PORT_OFFSET="${BROWSER_PORT_OFFSET:-12000}" PG_DB=tripwire_browser
    export REDIS_URL=redis://127.0.0.1:6379/13
fi
source "$(dirname "$0")/lib.sh"
BROWSER_DIR="$ROOT/web-console/browser"
SHOTS="$ROOT/web-console/target/browser"

if ! command -v chromium >/dev/null; then
    echo "browser-test: installing chromium (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
fi
if [[ ! -d "$BROWSER_DIR/node_modules/playwright-core" ]]; then
    echo "browser-test: installing playwright-core (npm, into web-console/browser)"
    (cd "$BROWSER_DIR" && npm install --no-audit --no-fund --silent)
fi

if [[ "$REUSE_STACK" == 1 ]]; then
    for svc in "${SERVICES[@]}"; do is_ready "$svc" || { echo "browser-test: REUSE_STACK=1 but $svc is not ready" >&2; exit 1; }; done
    rm -rf "$SHOTS"
else
    trap '"$SCRIPTS/stop.sh" >/dev/null 2>&1 || true' EXIT

    echo "browser-test: fresh state (Redis DB 13, database $PG_DB, $RUN_DIR)"
    "$SCRIPTS/infra-up.sh" >/dev/null
    "$SCRIPTS/stop.sh" >/dev/null  # leftovers of an interrupted earlier run
    redis-cli -u "$REDIS_URL" flushdb >/dev/null  # DB 13 only, never FLUSHALL
    dropdb -h 127.0.0.1 -U postgres --if-exists --force "$PG_DB"
    rm -rf "$RUN_DIR" "$SHOTS"

    all_jars=1
    for svc in "${SERVICES[@]}" ops-cli; do [[ -f "$(jar_of "$svc")" ]] || all_jars=0; done
    ((all_jars)) && [[ "${SKIP_BUILD:-0}" == 1 ]] || SKIP_BUILD=0
    export SKIP_BUILD
    "$SCRIPTS/run.sh" >/dev/null
fi

echo "browser-test: stack up on ports +$PORT_OFFSET; running the browser test"
status=0
CONSOLE_URL="$(url_of web-console)" GATEWAY_URL="$(url_of execution-gateway)" ALERT_ROUTER_URL="$(url_of alert-router)" \
    ADMIN_KEY_FILE="$RUN_DIR/admin.key" ADMIN_PASSWORD_FILE="$RUN_DIR/admin.password" SHOTS="$SHOTS" \
    node --test --test-concurrency=1 --test-reporter=spec "$BROWSER_DIR"/*.test.mjs || status=$?
echo "browser-test: screenshots in ${SHOTS#"$ROOT/"}/"
if ((status != 0)); then
    echo "browser-test: FAILED; last lines of the console log:" >&2
    tail -n 30 "$(log_file web-console)" >&2 || true
fi
exit "$status"
