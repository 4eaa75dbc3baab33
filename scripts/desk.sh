#!/usr/bin/env bash
# The manual desk of seed 002 (reconciler /api/v1/desk), behind the make targets:
#   desk.sh run-ops | run-0800                 data-quality report + gates
#   desk.sh reconcile-daily --snapshot-date YYYY-MM-DD --cash-gbp CASH [--position SYM=UNITS]... [--notes TEXT]
#   desk.sh run-1400                           the day's ticket (DRYRUN_TRADES=true: test mode, may be TRADE)
#   desk.sh confirm [TICKET_ID]                acknowledge a NO_TRADE ticket (default: the newest)
#   desk.sh confirm-fills FILE [TICKET_ID]     fills of a TRADE ticket (FILLS_JSON)
#   desk.sh cash AMOUNT NOTES                  a deposit (negative: withdrawal) in the desk ledger
#   desk.sh runs [N]                           the newest runs
# Prints the outcome line first (e.g. RECONCILIATION_PASS). Exit: 0 ok, 1 failed check or refused, 2 usage,
# 3 API key refused, 4 reconciler unreachable. DESK_URL / CLI_KEY_FILE override the stack of RUN_DIR / PORT_OFFSET.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
URL="${DESK_URL:-$(url_of reconciler)}/api/v1/desk"
KEY_FILE="${CLI_KEY_FILE:-$RUN_DIR/admin.key}"

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 ]] || usage
[[ -r "$KEY_FILE" ]] || { echo "desk: no API key at $KEY_FILE (make run bootstraps it)" >&2; exit 3; }

# call METHOD PATH [BODY-FILE-or-JSON]: prints the outcome summary, exits as documented above
call() {
    local method="$1" path="$2" body="${3:-}" out code
    out="$(mktemp)"; trap 'rm -f "$out"' RETURN
    local args=(-sS -o "$out" -w '%{http_code}' -X "$method" -H "X-API-Key: $(tr -d '\n' <"$KEY_FILE")" --max-time 60)
    if [[ -n "$body" ]]; then
        if [[ -f "$body" ]]; then args+=(-H 'Content-Type: application/json' --data-binary "@$body")
        else args+=(-H 'Content-Type: application/json' --data-binary "$body"); fi
    fi
    code="$(curl "${args[@]}" "$URL$path")" || { echo "desk: reconciler unreachable at $URL" >&2; exit 4; }
    case "$code" in
        200) ;;
        401|403) echo "desk: API key refused ($code): $(jq -r '.message // .' "$out" 2>/dev/null)" >&2; exit 3 ;;
        *) echo "desk: refused ($code $(jq -r '.code // ""' "$out" 2>/dev/null)): $(jq -r '.message // .' "$out" 2>/dev/null)" >&2
           jq -r '.details.fields // empty | to_entries[] | "  \(.key): \(.value)"' "$out" 2>/dev/null >&2 || true
           exit 1 ;;
    esac
    if [[ "$path" == /ledger/cash ]]; then jq -r '"cash: \(.cash)", (.positions | to_entries[] | "position: \(.key)=\(.value)")' "$out"; return; fi
    if [[ "$path" == /runs\?* ]]; then jq -r '.[] | "\(.started_at)  \(.kind)  \(.outcome)  gate=\(if .gate_open then "OPEN" else "CLOSED " + (.reasons|join(",")) end)  \(.run_id)"' "$out"; return; fi
    jq -r '.outcome,
           "run:      \(.run.run_id) (\(.run.kind), as of \(.run.asof_date))",
           "gate:     \(if .run.gate_open then "OPEN" else "CLOSED: " + (.run.reasons|join(", ")) end)",
           (if .run.ticket_id then "ticket:   \(.run.ticket_id)" else empty end),
           (if .report.sha256 then "sha256:   \(.report.sha256)" else empty end),
           (if .report.report_path then "report:   \(.report.report_path)" else empty end),
           (if .report.issues then (.report.issues[] | "issue:    \(.symbol) \(.check): \(.detail)") else empty end),
           (if .report.result.issues then (.report.result.issues[] | "issue:    \(.check) \(.symbol // "cash"): ledger \(.ledger // "-"), broker \(.snapshot // "-")") else empty end),
           "summary:  \(.run.summary_path)"' "$out"
    [[ "$(jq -r '.outcome' "$out")" != *_FAIL ]] || exit 1
}

cmd="$1"; shift
case "$cmd" in
    run-ops) call POST '/runs/data?kind=ops' ;;
    run-0800) call POST '/runs/data?kind=0800' ;;
    run-1400) call POST "/runs/ticket?dryrun_trades=$([[ "${DRYRUN_TRADES:-false}" == true ]] && echo true || echo false)" ;;
    reconcile-daily)
        date="${SNAPSHOT_DATE:-}" cash="${CASH_GBP:-}" notes="${NOTES:-}"
        positions=()
        for p in ${POSITIONS:-}; do positions+=("$p"); done
        # make reconcile-daily -- ... hands SYM=UNITS words to make as variables: the Makefile passes them on
        for p in ${MAKE_POSITIONS:-}; do [[ "$p" =~ ^[A-Z0-9.]+=[0-9.]+$ ]] && positions+=("$p"); done
        while [[ $# -gt 0 ]]; do
            case "$1" in
                --snapshot-date) date="${2:-}"; shift 2 ;;
                --cash-gbp|--cash) cash="${2:-}"; shift 2 ;;
                --position) if [[ "${2:-}" == *=* ]]; then positions+=("$2"); shift 2; else shift; fi ;;
                --notes) shift; notes=""; while [[ $# -gt 0 && "$1" != --* ]]; do notes="${notes:+$notes }$1"; shift; done ;;
                *) echo "desk: unknown option $1" >&2; usage ;;
            esac
        done
        [[ -n "$date" && -n "$cash" ]] || { echo "desk: --snapshot-date and --cash-gbp are required" >&2; usage; }
        pos_json="$(printf '%s\n' "${positions[@]+"${positions[@]}"}" | jq -R 'select(length > 0) | split("=") | {(.[0]): .[1]}' | jq -s 'add // {}')"
        call POST /reconciliations "$(jq -n --arg d "$date" --arg c "$cash" --arg n "$notes" --argjson p "$pos_json" \
            '{snapshot_date: $d, cash: $c, positions: $p, notes: $n}')" ;;
    confirm) call POST /confirmations/ack "$(jq -n --arg t "${1:-${TICKET:-}}" --arg n "${NOTES:-}" '{ticket_id: (if $t == "" then null else $t end), notes: $n}')" ;;
    confirm-fills)
        file="${1:-${FILLS_JSON:-}}"
        [[ -n "$file" && -r "$file" ]] || { echo "desk: FILLS_JSON=<file> is required and must be readable" >&2; exit 2; }
        ticket="${2:-${TICKET:-}}"
        call POST "/confirmations/fills${ticket:+?ticket_id=$ticket}" "$file" ;;
    cash) [[ $# -eq 2 ]] || usage; call POST /ledger/cash "$(jq -n --arg a "$1" --arg n "$2" '{amount: $a, notes: $n}')" ;;
    runs) call GET "/runs?limit=${1:-20}" ;;
    *) usage ;;
esac
