#!/usr/bin/env bash
# Alert router benchmark (issue #5), 127.0.0.1 only, bounded in time (about 3 minutes).
#   1. physical limits measured in this run: raw pipelined XADD rate (redis-benchmark) and one-row PostgreSQL
#      commits per second (pgbench);
#   2. throughput: XADD to alerts:stream at BENCH_OFFER (2400/s, above the target so that the router, not the
#      load generator, sets the pace) for BENCH_SECONDS (30 s), alerts routed to a stub Slack (WireMock standalone
#      from the Maven repository), rate limits raised above the offered load; the intake target is BENCH_RATE
#      (2000/s) over the whole run and in every 5-s window after a 2 s warm-up, with no tolerance;
#   3. latency: BENCH_LATENCY_RATE (200/s, under the providers' limits) for 15 s, created -> provider accepted;
#   4. no loss: every XADDed alert must end with a 'delivered' row.
# Prints each figure against its target (met / NOT met). Uses its own database (BENCH_PG_DB, default
# tripwire_bench_alert, created if missing) and Redis DB (BENCH_REDIS_DB, default 14), both emptied first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEMURIN=/usr/lib/jvm/temurin-25-jdk-amd64
if [[ -x "$TEMURIN/bin/java" ]]; then export JAVA_HOME="$TEMURIN"; fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
RATE="${BENCH_RATE:-2000}"
OFFER="${BENCH_OFFER:-2400}"
SECONDS_LOAD="${BENCH_SECONDS:-30}"
LAT_RATE="${BENCH_LATENCY_RATE:-200}"
DB="${BENCH_PG_DB:-tripwire_bench_alert}"
RDB="${BENCH_REDIS_DB:-14}"
PORT="${BENCH_PORT:-18083}"
STUB_PORT="${BENCH_STUB_PORT:-18089}"
WORK="$ROOT/alert-router/target/bench"
JAR="$ROOT/alert-router/target/quarkus-app/quarkus-run.jar"
WIREMOCK="${WIREMOCK_JAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar}"
export PGPASSWORD="${PG_PASSWORD:-postgres}"
PSQL=(psql -h 127.0.0.1 -U "${PG_USER:-postgres}" -qtAX)

mkdir -p "$WORK/stub/mappings"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

[[ -f "$JAR" ]] || (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests -pl alert-router -am)
[[ -f "$WIREMOCK" ]] || (cd "$ROOT" && ./mvnw -B -ntp -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.2)

"${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"
redis-cli -n "$RDB" FLUSHDB >/dev/null

echo "== physical limits (this machine, this run)"
XADD_RAW=$(redis-benchmark -h 127.0.0.1 -n 200000 -c 20 -P 16 -q --dbnum "$RDB" XADD bench:raw '*' f v \
  | grep -oE '[0-9.]+ requests per second' | grep -oE '^[0-9.]+' | head -1)
redis-cli -n "$RDB" DEL bench:raw >/dev/null
"${PSQL[@]}" -d "$DB" -c "CREATE TABLE IF NOT EXISTS bench_commit (id bigserial PRIMARY KEY, at timestamptz NOT NULL)"
echo "INSERT INTO bench_commit (at) VALUES (now());" > "$WORK/commit.sql"
PG_TPS=$(pgbench -h 127.0.0.1 -U "${PG_USER:-postgres}" -n -c 4 -j 2 -T 5 -f "$WORK/commit.sql" "$DB" 2>/dev/null \
  | grep -oE 'tps = [0-9.]+' | head -1 | grep -oE '[0-9.]+')
"${PSQL[@]}" -d "$DB" -c "DROP TABLE bench_commit"
printf '  raw XADD (pipelined, 20 clients)   %10.0f /s\n' "$XADD_RAW"
printf '  one-row PostgreSQL commit (4 conn) %10.0f /s\n' "$PG_TPS"

cat > "$WORK/stub/mappings/slack.json" <<'JSON'
{"request": {"method": "POST", "urlPath": "/api/chat.postMessage"},
 "response": {"status": 200, "headers": {"Content-Type": "application/json"},
              "body": "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.1\"}"}}
JSON
"$JAVA" -Xmx512m -jar "$WIREMOCK" --bind-address 127.0.0.1 --port "$STUB_PORT" --root-dir "$WORK/stub" \
  --no-request-journal --disable-banner --container-threads 120 > "$WORK/stub.log" 2>&1 &
pids+=($!)

QUARKUS_HTTP_PORT="$PORT" REDIS_URL="redis://127.0.0.1:6379/$RDB" \
PG_URL="postgresql://127.0.0.1:5432/$DB" PG_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
ALERT_SLACK_METHODS_URL="http://127.0.0.1:$STUB_PORT/api/" ALERT_DELIVERY_WORKERS=64 \
ALERT_RATE_LIMITS_GLOBAL_PER_MINUTE=10000000 ALERT_RATE_LIMITS_SLACK_PER_MINUTE=10000000 \
ALERT_RATE_LIMITS_SLACK_PER_RECIPIENT_PER_HOUR=100000000 QUARKUS_LOG_CATEGORY__IO_TRIPWIRE__LEVEL=WARN \
QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=24 \
  "$JAVA" -Xmx1g -jar "$JAR" > "$WORK/alert-router.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 0.2
done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "alert-router did not start; see $WORK/alert-router.log"; exit 1; }
"${PSQL[@]}" -d "$DB" -c "TRUNCATE alert_deliveries, alerts, alert_rules, alert_stream_receipts RESTART IDENTITY CASCADE"

BENCH_DB="$DB" python3 - "$RATE" "$SECONDS_LOAD" "$LAT_RATE" "$RDB" "$XADD_RAW" "$PG_TPS" "$OFFER" <<'PY'
import datetime, os, socket, subprocess, sys, threading, time
rate, seconds, lat_rate, rdb = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
xadd_raw, pg_tps, offer = float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
db = os.environ["BENCH_DB"]

def psql(q):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", os.environ.get("PG_USER", "postgres"), "-qtAX", "-d", db, "-c", q],
                          capture_output=True, text=True, check=True).stdout.strip()

def resp(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        b = a.encode()
        out += b"$%d\r\n%s\r\n" % (len(b), b)
    return out

sock = socket.create_connection(("127.0.0.1", 6379)); sock.sendall(resp("SELECT", rdb)); sock.recv(64)
def read_replies(n):
    buf, lines = b"", 0
    while lines < n:
        chunk = sock.recv(65536)
        if not chunk: raise SystemExit("redis closed")
        buf += chunk; lines = buf.count(b"\r\n") // 2   # XADD reply: $len\r\nid\r\n
    return buf

def stored(prefix):
    return int(psql(f"SELECT count(*) FROM alerts WHERE dedup_key LIKE '{prefix}-%'"))

def load(prefix, per_s, secs, sample):
    """Sends per_s alerts/s for secs; with sample, a second thread counts stored alerts once a second
    (its psql calls must not stall the sender)."""
    tick, per_tick, sent, start = 0.05, per_s * 0.05, 0, time.monotonic()
    stored_series, done, progress = [], threading.Event(), [0]
    def sampler():
        while not done.wait(max(0, 1 - (time.monotonic() - start) % 1)):
            at, sent_then = time.monotonic(), progress[0]
            stored_series.append((at, stored(prefix), sent_then))
    watcher = threading.Thread(target=sampler, daemon=True)
    if sample: watcher.start()
    while True:
        now = time.monotonic()
        if now - start >= secs: break
        due = int(per_tick * ((now - start) / tick + 1)) - sent
        if due > 0:
            ts = datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
            batch = b"".join(resp("XADD", "alerts:stream", "*", "severity", "WARNING", "source", "bench", "summary",
                                  f"{prefix} {sent + i}", "details", "{}", "dedup_key", f"{prefix}-{sent + i}",
                                  "status", "firing", "created_at", ts) for i in range(due))
            sock.sendall(batch); read_replies(due); sent += due; progress[0] = sent
        time.sleep(max(0, tick - (time.monotonic() - now)))
    took = time.monotonic() - start
    done.set()
    if sample: watcher.join()
    return sent, took, stored_series

def drain(prefix, n, limit_s):
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        done = int(psql(f"SELECT count(*) FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id "
                        f"WHERE a.dedup_key LIKE '{prefix}-%' AND d.status = 'delivered'"))
        if done >= n: return done, time.monotonic() - t0
        time.sleep(0.5)
    return done, time.monotonic() - t0

def latency(prefix):
    q = ", ".join(f"round((1000 * percentile_cont({f}) WITHIN GROUP (ORDER BY x))::numeric, 1)" for f in ("0.5", "0.95", "0.99"))
    return psql(f"SELECT concat_ws(',', {q}) FROM (SELECT extract(epoch FROM d.delivered_at - a.created_at) AS x "
                f"FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE a.dedup_key LIKE '{prefix}-%' "
                f"AND d.status = 'delivered') t")

print(f"== warm-up: 300/s for 5 s"); load("warm", 300, 5, False); drain("warm", 1500, 30)
print(f"== throughput: {offer}/s offered for {seconds} s to alerts:stream (intake target {rate}/s)")
sent, took, series = load("tp", offer, seconds, True)
stored_at_end = stored("tp")
delivered, drain_s = drain("tp", sent, 180)
# The router commits up to 500 alerts at a time, so a 1-s count moves by a batch either way at its edges:
# intake is judged over 5-s windows (after a 2 s warm-up), and by the backlog (sent - stored) staying bounded.
after_warmup = series[2:]
steady = [round((c2 - c1) / (t2 - t1)) for (t1, c1, _), (t2, c2, _) in zip(after_warmup, after_warmup[5:]) if t2 > t1]
backlog = max((sent_then - c for _, c, sent_then in series), default=0)
tp_lat = latency("tp")
print(f"== latency: {lat_rate}/s for 15 s (under the provider rate limits)")
time.sleep(1)
lsent, _, _ = load("lat", lat_rate, 15, False)
ldelivered, _ = drain("lat", lsent, 60)
p = [float(x) for x in latency("lat").split(",")]

def line(name, value, unit, target, ok):
    print(f"  {name:<44} {value:>12} {unit:<6} target {target:<12} {'met' if ok else 'NOT met'}")
print("== results")
offered = sent / took
stored_rate = stored_at_end / took
line("offered XADD rate", f"{offered:.0f}", "/s", f">= {rate}", offered >= rate)
line(f"stored (intake) rate over the {seconds} s run", f"{stored_rate:.0f}", "/s", f">= {rate}", stored_rate >= rate)
line("slowest 5-s intake window after 2 s warm-up", f"{min(steady) if steady else 0}", "/s", f">= {rate}", bool(steady) and min(steady) >= rate)
line("   largest backlog (sent - stored) in the run", f"{backlog}", "alerts", "-", True)
line("alerts delivered / sent (throughput run)", f"{delivered}/{sent}", "", "no loss", delivered == sent)
line("   drain time after load", f"{drain_s:.1f}", "s", "-", True)
line("   delivery rate (load + drain)", f"{delivered / (took + drain_s):.0f}", "/s", "-", True)
line("   created->accepted p50/p95/p99 (throughput)", tp_lat.replace(",", "/"), "ms", "-", True)
line(f"created->accepted p95 at {lat_rate}/s", f"{p[1]:.1f}", "ms", "<= 250", p[1] <= 250)
line(f"   p50 / p99 at {lat_rate}/s", f"{p[0]:.0f}/{p[2]:.0f}", "ms", "-", True)
line("alerts delivered / sent (latency run)", f"{ldelivered}/{lsent}", "", "no loss", ldelivered == lsent)
print(f"  vs physical limits: intake = {100 * stored_rate / xadd_raw:.1f}% of raw XADD ({xadd_raw:.0f}/s); "
      f"{100 * stored_rate / pg_tps:.1f}% of one-row commit capacity ({pg_tps:.0f}/s; the router stores up to 500 alerts per commit)")
PY
