#!/usr/bin/env bash
# Follows the service logs of $RUN_DIR: all of them, or the one named as argument (make logs SVC=name).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [[ -n "${1:-}" ]]; then
    [[ -n "${BASE_PORT[$1]:-}" ]] || { echo "logs: unknown service '$1' (one of: ${SERVICES[*]})" >&2; exit 2; }
    exec tail -n 50 -F "$(log_file "$1")"
fi
shopt -s nullglob
logs=("$RUN_DIR"/logs/*.log)
((${#logs[@]})) || { echo "logs: no logs under $RUN_DIR/logs; start the stack with make run" >&2; exit 1; }
exec tail -n 20 -F "${logs[@]}"
