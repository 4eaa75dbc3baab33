#!/usr/bin/env bash
# Installs the daily systemd timers of ops/systemd (all, or the ones named: e.g. trading-ops-db-backup) with
# WorkingDirectory = this checkout, then enables and starts them. Root: /etc/systemd/system; otherwise the
# user's ~/.config/systemd/user (systemctl --user). DRY_RUN=1 prints the units instead.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
units=("$@")
[[ ${#units[@]} -gt 0 ]] || units=(trading-ops-db-backup trading-ops-desk-0800 trading-ops-desk-1400)
if [[ $(id -u) -eq 0 ]]; then dir=/etc/systemd/system; ctl=(systemctl); else dir="$HOME/.config/systemd/user"; ctl=(systemctl --user); fi
for u in "${units[@]}"; do
    for kind in service timer; do
        src="$ROOT/ops/systemd/$u.$kind"
        [[ -f "$src" ]] || { echo "install-desk-timers: no $src" >&2; exit 2; }
        if [[ -n "${DRY_RUN:-}" ]]; then sed "s|@REPO@|$ROOT|g" "$src"; continue; fi
        mkdir -p "$dir"
        sed "s|@REPO@|$ROOT|g" "$src" >"$dir/$u.$kind"
    done
done
[[ -n "${DRY_RUN:-}" ]] && exit 0
"${ctl[@]}" daemon-reload
for u in "${units[@]}"; do "${ctl[@]}" enable --now "$u.timer"; echo "installed: $dir/$u.timer ($("${ctl[@]}" show -p NextElapseUSecRealtime --value "$u.timer" 2>/dev/null || true))"; done
