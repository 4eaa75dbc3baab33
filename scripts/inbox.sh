#!/usr/bin/env bash
# The alert sink's newest messages (alerts of channels without real credentials), newest first:
#   scripts/inbox.sh [LIMIT]     (default 20) — via alert-router's /api/v1/inbox, or the sink file when it is down
set -euo pipefail
source "$(dirname "$0")/lib.sh"
limit="${1:-20}"
line='"\(.delivered_at)  \(.kind | ascii_upcase) \(.severity) \(.channel) → \(.recipient)  \(.subject)"'
if answer="$(curl -sf -m 5 -H "Authorization: Bearer $(cat "$RUN_DIR/admin.key" 2>/dev/null)" \
        "$(url_of alert-router)/api/v1/inbox?limit=$limit")"; then
    jq -r "\"sink: \(.sink_file) (\(.count) newest)\", (.messages[] | $line)" <<<"$answer"
elif [[ -f "$RUN_DIR/alert-sink.jsonl" ]]; then
    echo "inbox: alert-router did not answer; reading $RUN_DIR/alert-sink.jsonl" >&2
    tail -n "$limit" "$RUN_DIR/alert-sink.jsonl" | tac | jq -r "$line"
else
    echo "inbox: alert-router did not answer and $RUN_DIR/alert-sink.jsonl does not exist" >&2
    exit 1
fi
