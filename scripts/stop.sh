#!/usr/bin/env bash
# Stops every service of $RUN_DIR: TERM (Quarkus shuts down gracefully), then KILL whatever is still
# alive after STOP_TIMEOUT seconds (default 20). Only processes named by our pid files are touched.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
STOP_TIMEOUT="${STOP_TIMEOUT:-20}"

declare -A running=()
# execution-gateway-2: the second gateway of scripts/gateway-replica.sh, when one runs
for svc in "${ALL_SERVICES[@]}" execution-gateway-2; do
    if pid="$(pid_of "$svc")"; then
        running[$svc]="$pid"
        kill -TERM "$pid" 2>/dev/null || true
        echo "stop: $svc (pid $pid) sent TERM"
    fi
    rm -f "$(pid_file "$svc")"
done

deadline=$((SECONDS + STOP_TIMEOUT))
for svc in "${!running[@]}"; do
    pid="${running[$svc]}"
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    if alive "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
        echo "stop: $svc (pid $pid) did not stop within ${STOP_TIMEOUT}s: killed"
        for _ in $(seq 1 25); do alive "$pid" || break; sleep 0.2; done
    fi
done
echo "stop: ${#running[@]} service(s) stopped"
