#!/usr/bin/env bash
# Starts a real Prometheus and Alertmanager (Debian packages "prometheus" and "prometheus-alertmanager",
# installed here when missing and running as root) that scrape the local stack on 127.0.0.1 with the
# repository's rules, and send alerts to the stack's alert router (POST /api/v1/alertmanager, with the
# stack's admin key from $RUN_DIR/admin.key). Settings of scripts/lib.sh (RUN_DIR, PORT_OFFSET) pick the
# stack; Prometheus listens on 9090 + PORT_OFFSET, Alertmanager on 9093 + PORT_OFFSET (PROM_PORT, AM_PORT).
# Their data, configs and logs live in $RUN_DIR/monitoring; scripts/monitoring-down.sh stops them.
#   MONITORING_FAST=1   shorter Alertmanager grouping waits (the monitoring test uses it)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MON="$RUN_DIR/monitoring"
PROM_PORT="${PROM_PORT:-$((9090 + PORT_OFFSET))}"
AM_PORT="${AM_PORT:-$((9093 + PORT_OFFSET))}"

install_missing() {
    local missing=()
    command -v prometheus > /dev/null || missing+=(prometheus)
    command -v prometheus-alertmanager > /dev/null || missing+=(prometheus-alertmanager)
    ((${#missing[@]})) || return 0
    if [[ "$(id -u)" != 0 ]] || ! command -v apt-get > /dev/null; then
        echo "monitoring-up: ${missing[*]} missing; install the Debian packages (as root: apt-get install ${missing[*]})" >&2
        return 1
    fi
    echo "monitoring-up: installing Debian packages ${missing[*]}"
    apt-get update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
}
install_missing

[[ -s "$RUN_DIR/admin.key" ]] || { echo "monitoring-up: $RUN_DIR/admin.key missing: start the stack first (make run)" >&2; exit 1; }
"$SCRIPTS/monitoring-down.sh" > /dev/null 2>&1 || true
mkdir -p "$MON/prometheus-data" "$MON/alertmanager-data" "$MON/rules"

# prometheus.yml with this stack's ports (the file in git names the default ports 8080…8090) and our Alertmanager.
cp "$ROOT"/prometheus/rules/*.yml "$MON/rules/"
python3 - "$ROOT/prometheus/prometheus.yml" "$MON/prometheus.yml" "$PORT_OFFSET" "$AM_PORT" << 'PY'
import re, sys
src, dst, offset, am = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
text = re.sub(r'127\.0\.0\.1:(\d+)', lambda m: f'127.0.0.1:{int(m.group(1)) + offset}', open(src).read())
text += f'\nalerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ["127.0.0.1:{am}"]\n'
open(dst, 'w').write(text)
PY
# alertmanager.yml pointed at this stack's alert router and key; shorter waits for a test run.
python3 - "$ROOT/prometheus/alertmanager.yml" "$MON/alertmanager.yml" "$(url_of alert-router)" "$RUN_DIR/admin.key" "${MONITORING_FAST:-0}" << 'PY'
import re, sys
src, dst, router, key, fast = sys.argv[1:6]
text = open(src).read().replace('http://127.0.0.1:8083', router).replace('/etc/alertmanager/tripwire-alerts.key', key)
if fast == '1':
    text = re.sub(r'group_wait: \d+s', 'group_wait: 1s', text)
    text = re.sub(r'group_interval: \d+m', 'group_interval: 5s', text)
open(dst, 'w').write(text)
PY
promtool check config "$MON/prometheus.yml" > "$MON/promtool.log" 2>&1 || { cat "$MON/promtool.log" >&2; exit 1; }
amtool check-config "$MON/alertmanager.yml" > "$MON/amtool.log" 2>&1 || { cat "$MON/amtool.log" >&2; exit 1; }

setsid prometheus-alertmanager --config.file="$MON/alertmanager.yml" --storage.path="$MON/alertmanager-data" \
    --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= \
    > "$MON/alertmanager.log" 2>&1 < /dev/null &
echo $! > "$MON/alertmanager.pid"
setsid prometheus --config.file="$MON/prometheus.yml" --storage.tsdb.path="$MON/prometheus-data" \
    --web.listen-address="127.0.0.1:$PROM_PORT" --storage.tsdb.retention.time=2d \
    > "$MON/prometheus.log" 2>&1 < /dev/null &
echo $! > "$MON/prometheus.pid"

for url in "http://127.0.0.1:$PROM_PORT/-/ready" "http://127.0.0.1:$AM_PORT/-/ready"; do
    for _ in $(seq 1 60); do curl -sf -o /dev/null "$url" && break; sleep 0.5; done
    curl -sf -o /dev/null "$url" || { echo "monitoring-up: $url not ready; logs in $MON" >&2; exit 1; }
done
echo "monitoring-up: Prometheus http://127.0.0.1:$PROM_PORT (targets: /targets, alerts: /alerts)"
echo "monitoring-up: Alertmanager http://127.0.0.1:$AM_PORT -> $(url_of alert-router)/api/v1/alertmanager"
echo "monitoring-up: configs, data and logs in $MON; stop with make monitoring-down"
