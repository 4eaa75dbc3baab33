#!/usr/bin/env bash
# Monitoring proven against the real thing, on an isolated stack (RUN_DIR=.run-monitoring, ports +18000,
# Redis DB 11, database tripwire_monitoring; MONITORING_PORT_OFFSET): a real Prometheus and Alertmanager
# (scripts/monitoring-up.sh) scrape it, a PagerDuty Events v2 stub (WireMock) takes the alert router's
# pages. After a short demo load (orders accepted and rejected, a breaker trip and reset, a kill switch
# activation) it checks through Prometheus' HTTP API that
#   - every target is up,
#   - every query of every dashboard in grafana/dashboards returns at least one series,
#   - every metric selector of every rule in prometheus/rules returns at least one series (the
#     expression itself is empty while the alert does not fire), recording rules return a series,
#   - a firing rule (KillSwitchActive, critical) goes Prometheus -> Alertmanager -> alert router's
#     /api/v1/alertmanager -> PagerDuty stub as an Events v2 "trigger" with dedup_key am:<fingerprint>,
#     and its resolution arrives as a "resolve" with the same dedup_key.
# Run it under the shared lock: flock /tmp/tw-mvn-test.lock scripts/monitoring-test.sh
# REUSE_STACK=1: no stack of its own; the running stack of RUN_DIR, PORT_OFFSET, PG_DB and REDIS_URL (as the caller
# exports them; make test: the smoke test's, SMOKE_WITH) is used and left running, breaker OPEN and kill switch off
# expected. Only its alert-router is restarted, with the PagerDuty channel pointed at the stub (it stays so).
# Last line: "monitoring: N passed, M failed"; exit 1 when anything failed.
set -euo pipefail
unset PG_URL PG_JDBC_URL CLI_GATEWAY_URL CLI_KEY_FILE CLI_PASSWORD_FILE
REUSE_STACK="${REUSE_STACK:-0}"
if [[ "$REUSE_STACK" != 1 ]]; then
    export RUN_DIR=.run-monitoring PORT_OFFSET="${MONITORING_PORT_OFFSET:-18000}" PG_DB=tripwire_monitoring
    export REDIS_URL=redis://127.0.0.1:6379/11
fi
source "$(dirname "$0")/lib.sh"
PROM="http://127.0.0.1:$((9090 + PORT_OFFSET))"
STUB_PORT=$((8099 + PORT_OFFSET))
STUB="http://127.0.0.1:$STUB_PORT"
WIREMOCK="${WIREMOCK_JAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar}"
WORK="$RUN_DIR/monitoring-test"
STARTED=$SECONDS

passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...: counts and prints one result line (the command's output on failure)
    local description="$1"; shift
    if "$@" > "$WORK/check.out" 2>&1; then passed=$((passed + 1)); echo "ok   $description"; sed 's/^/       /' "$WORK/check.out" | head -3
    else failed=$((failed + 1)); echo "FAIL $description"; sed 's/^/       /' "$WORK/check.out" | head -40; fi
}
stub_pid=""
cleanup() {
    "$SCRIPTS/monitoring-down.sh" > /dev/null 2>&1 || true
    [[ "$REUSE_STACK" == 1 ]] || "$SCRIPTS/stop.sh" > /dev/null 2>&1 || true
    if [[ -n "$stub_pid" ]]; then kill "$stub_pid" 2> /dev/null || true; wait "$stub_pid" 2> /dev/null || true; fi
}
trap cleanup EXIT

if [[ "$REUSE_STACK" == 1 ]]; then
    echo "monitoring: the running stack of $RUN_DIR (database $PG_DB, $REDIS_URL, ports +$PORT_OFFSET)"
    for svc in "${SERVICES[@]}"; do is_ready "$svc" || { echo "monitoring: REUSE_STACK=1 but $svc is not ready" >&2; exit 1; }; done
    rm -rf "$WORK"
else
    echo "monitoring: fresh state (Redis DB 11, database $PG_DB, $RUN_DIR, ports +$PORT_OFFSET)"
    "$SCRIPTS/infra-up.sh" > /dev/null
    "$SCRIPTS/stop.sh" > /dev/null
    redis-cli -u "$REDIS_URL" flushdb > /dev/null
    dropdb -h 127.0.0.1 -U postgres --if-exists --force "$PG_DB"
    rm -rf "$RUN_DIR"
fi
mkdir -p "$WORK/stub/mappings"
python3 -c 'import yaml' 2> /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml > /dev/null; }
command -v jq > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq > /dev/null
all_jars=1
for svc in "${SERVICES[@]}" ops-cli; do [[ -f "$(jar_of "$svc")" ]] || all_jars=0; done
((all_jars)) && export SKIP_BUILD=1

# PagerDuty Events v2 stub: accepts every event like PagerDuty does (202), keeps them in its request journal.
[[ -f "$WIREMOCK" ]] || (cd "$ROOT" && ./mvnw -B -ntp -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.2)
cat > "$WORK/stub/mappings/pagerduty.json" << 'JSON'
{"request": {"method": "POST", "urlPath": "/v2/enqueue"},
 "response": {"status": 202, "headers": {"Content-Type": "application/json"},
              "body": "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"stub\"}"}}
JSON
"$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -jar "$WIREMOCK" --bind-address 127.0.0.1 --port "$STUB_PORT" \
    --root-dir "$WORK/stub" --disable-banner > "$WORK/stub.log" 2>&1 &
stub_pid=$!
# The alert router's PagerDuty channel is live (a real-looking routing key) and pointed at the stub.
export PAGERDUTY_ROUTING_KEY=monitoring-test-routing-key ALERT_PAGERDUTY_BASE_URL="$STUB"

if [[ "$REUSE_STACK" == 1 ]]; then
    # the alert router reads its channels' credentials at start: restart it alone (run.sh leaves running services be)
    if router_pid="$(pid_of alert-router)"; then
        kill -TERM "$router_pid"
        for _ in $(seq 1 200); do alive "$router_pid" || break; sleep 0.1; done
    fi
    SKIP_BUILD=1 "$SCRIPTS/run.sh" > "$WORK/run.out" 2>&1 || { cat "$WORK/run.out"; exit 1; }
else
    "$SCRIPTS/infra-up.sh" "$PG_DB" > /dev/null
    "$SCRIPTS/run.sh" > "$WORK/run.out" 2>&1 || { cat "$WORK/run.out"; exit 1; }
fi
for _ in $(seq 1 50); do curl -sf -o /dev/null "$STUB/__admin/mappings" && break; sleep 0.2; done
MONITORING_FAST=1 "$SCRIPTS/monitoring-up.sh"
KEY="$(<"$RUN_DIR/admin.key")"
GW="$(url_of execution-gateway)"
api() { curl -s -m 10 -o /dev/null -w '%{http_code}' -X "$1" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$GW$2" ${3:+-d "$3"}; }

echo "monitoring: demo load (orders accepted and refused, a breaker trip and reset)"
python3 "$SCRIPTS/chaos/load.py" --port "$(port_of execution-gateway)" --key-file "$RUN_DIR/admin.key" \
    --out "$WORK/load.jsonl" --prefix mon --rate 20 --threads 2 --duration 8 --symbol AAPL
for i in 1 2 3; do  # refused by the pre-trade checks: FAT_FINGER, unknown symbol
    api POST /api/v1/orders "{\"symbol\":\"SPY\",\"side\":\"buy\",\"qty\":\"50000\",\"type\":\"market\",\"client_order_id\":\"mon-big-$i\"}" > /dev/null
    api POST /api/v1/orders "{\"symbol\":\"NOPE\",\"side\":\"buy\",\"qty\":\"1\",\"type\":\"market\",\"client_order_id\":\"mon-sym-$i\"}" > /dev/null
done
api POST /api/v1/circuit-breaker/trip '{"reason":"monitoring test: trip for the dashboards","acknowledged":true}' > /dev/null
api POST /api/v1/orders '{"symbol":"AAPL","side":"buy","qty":"1","type":"market","client_order_id":"mon-tripped"}' > /dev/null
CLI_GATEWAY_URL="$GW" cli breaker reset --reason "monitoring test: reset after the drill" --yes --key-file "$RUN_DIR/admin.key" > /dev/null || true
# Let Prometheus take enough scrapes for rate() over the demo (scrape interval 5 s).
sleep 20

prom_checks() {  # mode: dashboards | rules
    python3 - "$1" "$PROM" "$ROOT" << 'PY'
import glob, json, re, sys, urllib.parse, urllib.request
mode, prom, root = sys.argv[1:4]
def query(q):
    url = prom + "/api/v1/query?" + urllib.parse.urlencode({"query": q})
    with urllib.request.urlopen(url, timeout=10) as r:
        body = json.load(r)
    if body.get("status") != "success":
        raise RuntimeError(body)
    return body["data"]["result"]
def grafana_vars(expr):
    return (expr.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "1h"))
KEYWORDS = {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right",
            "inf", "nan", "Inf", "NaN", "le"}
def selectors(expr):
    """Vector selectors of a PromQL expression: metric name plus its {matchers}, range and modifiers dropped."""
    s = re.sub(r'\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)', ' ', expr)
    out = []
    for m in re.finditer(r'([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?(\s*\()?', s):
        name, matchers, call = m.group(1), m.group(2) or "", m.group(3)
        if call or name in KEYWORDS or re.search(r'[0-9.]$', s[:m.start()]) or s[:m.start()].rstrip().endswith(('"', "=", "~")):
            continue
        out.append(name + matchers)
    return sorted(set(out))
problems, n, absent_events = [], 0, []
EVENT_LABELS = {"reason", "outcome", "status"}   # values that only exist once that event happened
if mode == "dashboards":
    for f in sorted(glob.glob(root + "/grafana/dashboards/*.json")):
        d = json.load(open(f))
        for p in [q for p in d["panels"] for q in [p, *p.get("panels", [])]]:
            for t in p.get("targets", []):
                n += 1
                expr = grafana_vars(t["expr"])
                if not query(expr):
                    problems.append(f'{f.split("/")[-1]} "{p["title"]}": no series for {expr}')
    what = "dashboard queries"
else:
    for f in sorted(glob.glob(root + "/prometheus/rules/*.yml")):
        import yaml  # PyYAML (Debian python3-yaml)
        for g in yaml.safe_load(open(f))["groups"]:
            for r in g["rules"]:
                name = r.get("alert") or r.get("record")
                if r.get("record"):
                    n += 1
                    if not query(r["expr"]):
                        problems.append(f'{name}: recording rule returns no series: {r["expr"]}')
                for sel in selectors(r["expr"]):
                    n += 1
                    if query(sel):
                        continue
                    # An event that the demo does not cause (a CONTROL_PLANE_UNAVAILABLE reject, a 5xx): the
                    # metric must still exist and carry the label; any other matcher (job, le, ...) must match.
                    metric, matchers = sel.split("{", 1)[0], re.findall(r'(\w+)\s*(=~|!=|!~|=)\s*"((?:[^"\\]|\\.)*)"', sel)
                    event = [m for m in matchers if m[0] in EVENT_LABELS]
                    rest = ",".join(f'{k}{op}"{v}"' for k, op, v in matchers if k not in EVENT_LABELS)
                    series = query(metric + "{" + rest + "}") if event else []
                    if series and all(any(k in x["metric"] for x in series) for k, _, _ in event):
                        absent_events.append(f"{name}: {sel}")
                    else:
                        problems.append(f'{name}: no series for selector {sel}')
    what = "rule selectors and recording rules"
for p in problems: print(p)
print(f"{n - len(problems)} of {n} {what} return at least one series"
      + (f" ({len(absent_events)} only as the metric with its label, the event did not happen: "
         + "; ".join(absent_events) + ")" if absent_events else ""))
sys.exit(1 if problems else 0)
PY
}
targets_up() {
    local out; out="$(curl -s "$PROM/api/v1/targets" | jq -r '.data.activeTargets[] | "\(.labels.job) \(.health) \(.lastError)"')"
    echo "$out" | grep -v ' up ' && return 1
    echo "$(echo "$out" | wc -l) targets up"
}
check "Prometheus scrapes every service (all targets up)" targets_up
check "every Grafana dashboard query returns >= 1 series" prom_checks dashboards
check "every rule's metric selectors (and recording rules) return >= 1 series" prom_checks rules

# A firing rule all the way to PagerDuty: the kill switch gauge > 0 fires KillSwitchActive (critical).
pd_events() {  # pd_events trigger | pd_events resolve DEDUP_KEY: Events v2 bodies the stub received, as JSON lines
    curl -s "$STUB/__admin/requests" | jq -c --arg a "$1" --arg k "${2:-}" '.requests[] | .request.body | fromjson
        | select(.event_action == $a)
        | select(if $a == "trigger" then ((.dedup_key | startswith("am:")) and (.payload.summary // "" | test("Kill switch active")))
               else .dedup_key == $k end)'
}
wait_for() {  # wait_for SECONDS COMMAND...: until the command prints something
    local deadline=$((SECONDS + $1)); shift
    until [[ -n "$("$@" 2> /dev/null)" ]]; do ((SECONDS < deadline)) || return 1; sleep 1; done
}
fires_in_prometheus() { curl -s "$PROM/api/v1/alerts" | jq -r '.data.alerts[] | select(.labels.alertname == "KillSwitchActive" and .state == "firing") | .state'; }
in_alert_router() {
    curl -s -H "Authorization: Bearer $KEY" "$(url_of alert-router)/api/v1/alerts?status=open" \
        | jq -r '.. | objects | select((.dedup_key? // "") | startswith("am:")) | select((.summary? // "") | test("Kill switch active")) | .dedup_key' | head -1
}
page_reaches_pagerduty() {
    [[ "$(api POST /api/v1/kill-switch '{"mode":"HALT_ONLY","reason":"monitoring test: page drill"}')" == 200 ]] || { echo "kill switch not activated"; return 1; }
    wait_for 60 fires_in_prometheus || { echo "KillSwitchActive never fired in Prometheus"; return 1; }
    wait_for 60 in_alert_router || { echo "the alert never reached alert-router (/api/v1/alerts, dedup_key am:…)"; return 1; }
    wait_for 60 pd_events trigger || { echo "no Events v2 trigger at the PagerDuty stub"; return 1; }
    local event; event="$(pd_events trigger | head -1)"
    jq -e '.routing_key == "monitoring-test-routing-key" and (.dedup_key | startswith("am:")) and .payload.severity == "critical"' <<< "$event" > /dev/null \
        || { echo "unexpected trigger: $event"; return 1; }
    echo "trigger dedup_key $(jq -r .dedup_key <<< "$event"), $((SECONDS - t0)) s after activation"
}
resolve_reaches_pagerduty() {
    [[ "$(api DELETE '/api/v1/kill-switch?reason=monitoring+test+drill+is+over')" == 200 ]] || { echo "kill switch not deactivated"; return 1; }
    local key; key="$(pd_events trigger | head -1 | jq -r .dedup_key)"
    if ! wait_for 90 pd_events resolve "$key"; then
        echo "no Events v2 resolve with dedup_key $key at the PagerDuty stub"
        echo "kill_switch_active: $(curl -s "$PROM/api/v1/query?query=kill_switch_active" | jq -c '[.data.result[].value[1]]')"
        echo "Prometheus alerts: $(curl -s "$PROM/api/v1/alerts" | jq -c '[.data.alerts[] | {n: .labels.alertname, s: .state}]')"
        echo "Alertmanager alerts: $(curl -s "http://127.0.0.1:$((9093 + PORT_OFFSET))/api/v2/alerts" | jq -c '[.[] | {n: .labels.alertname, s: .status.state, e: .endsAt}]')"
        echo "stub events: $(curl -s "$STUB/__admin/requests" | jq -c '[.requests[].request.body | fromjson | {a: .event_action, k: .dedup_key}]')"
        return 1
    fi
    jq -e '.routing_key == "monitoring-test-routing-key"' <<< "$(pd_events resolve "$key" | head -1)" > /dev/null \
        || { echo "resolve without the routing key"; return 1; }
    echo "resolve with the trigger's dedup_key $key"
}
# MONITORING_SCREENSHOTS=DIR: Prometheus graph pages of each dashboard group, rendered by headless Chromium from
# this run's data (Grafana is not packaged for Debian), for docs/monitoring.md.
screenshots() {
    local dir="$MONITORING_SCREENSHOTS" name expr
    mkdir -p "$dir"
    while IFS='|' read -r name expr; do
        chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,820 --virtual-time-budget=8000 \
            --screenshot="$dir/$name.png" \
            "$PROM/graph?g0.expr=$(jq -rn --arg e "$expr" '$e|@uri')&g0.tab=0&g0.range_input=5m" > /dev/null 2>&1
        [[ -s "$dir/$name.png" ]] || { echo "no screenshot $name"; return 1; }
    done << 'LIST'
trading-orders-by-status|sum by (status) (rate(execution_gateway_orders_total[1m])) * 60
trading-positions|max by (symbol) (trading_position_quantity)
risk-breaker-kill-switch|max(cb_state) or max(kill_switch_active)
risk-rejects-by-reason|sum by (reason) (increase(execution_gateway_orders_total{status="REJECTED"}[1m]))
slo-alert-delivery-histogram|sum by (le) (alert_delivery_latency_seconds_bucket)
system-health-up|up
LIST
    ls "$dir"
}
[[ -z "${MONITORING_SCREENSHOTS:-}" ]] || check "screenshots of the Prometheus graph pages in $MONITORING_SCREENSHOTS" screenshots

t0=$SECONDS
check "a firing rule reaches alert-router and PagerDuty (Events v2 trigger, dedup_key am:…)" page_reaches_pagerduty
check "its resolution resolves the PagerDuty incident (Events v2 resolve, same dedup_key)" resolve_reaches_pagerduty

echo "monitoring: finished in $((SECONDS - STARTED)) s"
echo "monitoring: $passed passed, $failed failed"
((failed == 0))
