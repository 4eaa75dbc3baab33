#!/usr/bin/env bash
# Stops the Prometheus and Alertmanager that scripts/monitoring-up.sh started for this stack (RUN_DIR):
# only the processes named by its pid files, TERM then KILL after 10 s. Their data stay in $RUN_DIR/monitoring.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MON="$RUN_DIR/monitoring"
for name in prometheus alertmanager; do
    f="$MON/$name.pid"
    [[ -f "$f" ]] || continue
    pid="$(<"$f")"
    if alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.2; done
        alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
        echo "monitoring-down: $name (pid $pid) stopped"
    fi
    rm -f "$f"
done
