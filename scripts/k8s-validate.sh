#!/usr/bin/env bash
# Renders both overlays and validates every object offline (no cluster): Kubernetes schemas with unknown
# fields rejected, ports / probe paths / env names against each service's application.properties and
# @ConfigMapping, Tripwire's conventions. See scripts/k8s/validate.mjs. Last line "k8s-validate: PASS" or
# the problems, exit 1. Needs kubectl, node and npm; the npm packages (kubernetes-models, yaml,
# @kubernetes/client-node, pinned below) are installed once into ${XDG_CACHE_HOME:-$HOME/.cache}/tripwire-k8s-validate.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tripwire-k8s-validate"
PACKAGES=(kubernetes-models@5.1.0 yaml@2.9.1 @kubernetes/client-node@1.4.0)
if [ -z "${K8S_OUT:-}" ]; then K8S_OUT=$(mktemp -d); trap 'rm -rf "$K8S_OUT"' EXIT; fi
export K8S_OUT
for tool in kubectl node npm; do command -v $tool > /dev/null || { echo "k8s-validate: $tool not found" >&2; exit 1; }; done
mkdir -p "$CACHE"
[ -f "$CACHE/package.json" ] || echo '{"name":"tripwire-k8s-validate","private":true,"type":"module"}' > "$CACHE/package.json"
for p in "${PACKAGES[@]}"; do
    name=${p%@*}; version=${p##*@}
    if ! grep -qs "\"version\": \"$version\"" "$CACHE/node_modules/$name/package.json"; then
        echo "k8s-validate: installing ${PACKAGES[*]} into $CACHE"
        (cd "$CACHE" && npm install --no-audit --no-fund --loglevel=error "${PACKAGES[@]}") >&2
        break
    fi
done
"$ROOT/scripts/k8s-render.sh" dev prod
cp "$ROOT/scripts/k8s/validate.mjs" "$CACHE/tripwire-k8s-validate.mjs"
(cd "$CACHE" && node tripwire-k8s-validate.mjs "$ROOT" dev="$K8S_OUT/dev.yaml" prod="$K8S_OUT/prod.yaml")

# The validator must catch what it claims to: a misspelt field, an env name no service reads, a wrong port.
sed -e '0,/readinessProbe:/s//readinesProbe:/' -e 's/RECONCILER_LEASE_TTL:/RECONCILER_LEASE_TIME:/' \
    -e 's/containerPort: 8083/containerPort: 8088/' "$K8S_OUT/dev.yaml" > "$K8S_OUT/broken.yaml"
if (cd "$CACHE" && node tripwire-k8s-validate.mjs "$ROOT" dev="$K8S_OUT/broken.yaml") > "$K8S_OUT/broken.out"; then
    echo "k8s-validate: the validator accepted a broken render" >&2; exit 1
fi
for expected in "readinesProbe: unknown field" "RECONCILER_LEASE_TIME: reconciler reads no such property" \
        "container port 8088, but alert-router listens on quarkus.http.port=8083"; do
    grep -qF "$expected" "$K8S_OUT/broken.out" || { echo "k8s-validate: a broken render did not report: $expected" >&2; cat "$K8S_OUT/broken.out" >&2; exit 1; }
done
echo "k8s-validate: self-check: a broken render (unknown field, unread env name, wrong port) is refused"
echo "k8s-validate: PASS"
