#!/usr/bin/env bash
# ops-cli benchmark (issue "take first" #2: every command answers in under 1 s). Needs the stack of RUN_DIR (make run).
# hyperfine runs each command RUNS times (default 10) after 2 warm-ups, with the flags scripts/tripwire uses
# (cli_jvm_opts, with the AOT cache make run trains) and, for contrast, a bare `java -jar`. The floor measured in the same run: the JVM starting and
# exiting (`java -version`) and the HTTP round trip of the same call (curl). Prints mean wall and CPU per command
# and the ratio to the floor; the verdict is on the mean wall time. Read-only except `breaker trip`, which trips an
# already tripped breaker (a no-op) only when BENCH_TRIP=1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
say() { echo "bench-cli: $*"; }
command -v hyperfine >/dev/null || { say "installing hyperfine (apt-get)"; apt-get install -y -q hyperfine >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q hyperfine >/dev/null; }; }
[[ -f "$(jar_of ops-cli)" ]] || { say "$(jar_of ops-cli) missing: run make build"; exit 1; }
gw="$(url_of execution-gateway)"
curl -fsS -o /dev/null "$gw/q/health/ready" || { say "no gateway at $gw: start the stack first (make run)"; exit 1; }
RUNS="${RUNS:-10}"
out="$RUN_DIR/bench-cli"; mkdir -p "$out"
key="$RUN_DIR/admin.key"
export CLI_GATEWAY_URL="$gw" CLI_CONSOLE_URL="$(url_of web-console)" CLI_KEY_FILE="$key"
cli_train   # the AOT cache, if it is missing or older than the jar
commands=("--version" "whoami" "status" "keys list")
[[ "${BENCH_TRIP:-0}" == 1 ]] && commands+=("breaker trip --reason 'bench-cli: trip while tripped is a no-op'")
args=()
for c in "${commands[@]}"; do args+=(-n "tripwire $c" "$JAVA $(cli_jvm_opts) -jar $(jar_of ops-cli) $c"); done
args+=(-n "tripwire whoami, bare java -jar" "$JAVA -jar $(jar_of ops-cli) whoami"
       -n "floor: java -version" "$JAVA -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version"
       -n "floor: curl whoami" "curl -fsS -o /dev/null -H @$out/auth-header $gw/api/v1/whoami")
printf 'Authorization: Bearer %s\n' "$(cat "$key")" > "$out/auth-header"; chmod 600 "$out/auth-header"
say "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $RUNS runs per command"
hyperfine -N -w 2 -r "$RUNS" --export-json "$out/hyperfine.json" "${args[@]}" >/dev/null 2>&1 \
    || hyperfine -N -i -w 2 -r "$RUNS" --export-json "$out/hyperfine.json" "${args[@]}" >/dev/null
jq -r --argjson n "${#commands[@]}" '
  .results as $r | ($r[-2].mean) as $jvm | ($r[-1].mean) as $http |
  "floor: JVM start+exit \($jvm * 1000 | round) ms, HTTP round trip \($http * 1000 | round) ms",
  ($r[] | "\(.mean * 1000 | round | tostring | (" " * (6 - length)) + .) ms wall  \((.user + .system) * 1000 | round) ms CPU  \(.mean / ($jvm + $http) * 100 | round / 100)x floor  \(.command)"),
  ([$r[:$n][] | select(.mean >= 1)] | if length == 0 then "verdict: every tripwire command under 1 s: MET"
     else "verdict: under 1 s NOT met for: \(map(.command) | join(", "))" end)
' "$out/hyperfine.json"
say "raw figures: ${out#"$ROOT/"}/hyperfine.json"
