#!/usr/bin/env bash
# Which services of $RUN_DIR run: pid, port, readiness.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

printf '%-18s %-8s %-6s %s\n' SERVICE PID PORT READY
for svc in "${SERVICES[@]}"; do
    if pid="$(pid_of "$svc")"; then
        printf '%-18s %-8s %-6s %s\n' "$svc" "$pid" "$(port_of "$svc")" "$(is_ready "$svc" && echo yes || echo no)"
    else
        printf '%-18s %-8s %-6s %s\n' "$svc" - "$(port_of "$svc")" "not running"
    fi
done
