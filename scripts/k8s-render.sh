#!/usr/bin/env bash
# Renders the Kustomize overlays (k8s/overlays/dev, k8s/overlays/prod) with kubectl's built-in kustomize
# into K8S_OUT (default .run/k8s) as <overlay>.yaml and prints what each holds.
#   scripts/k8s-render.sh [dev|prod ...]      (make k8s-render [OVERLAY=dev])
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${K8S_OUT:-$ROOT/.run/k8s}
command -v kubectl > /dev/null || { echo "k8s-render: kubectl not found (it renders with 'kubectl kustomize')" >&2; exit 1; }
mkdir -p "$OUT"
overlays=("$@"); [ ${#overlays[@]} -gt 0 ] || overlays=(dev prod)
for o in "${overlays[@]}"; do
    kubectl kustomize "$ROOT/k8s/overlays/$o" > "$OUT/$o.yaml"
    printf '%-5s %s: %s\n' "$o" "$OUT/$o.yaml" "$(grep '^kind:' "$OUT/$o.yaml" | sort | uniq -c | awk '{printf "%s %s, ", $1, $3}' | sed 's/, $//')"
done
