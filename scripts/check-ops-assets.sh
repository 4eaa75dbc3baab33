#!/usr/bin/env bash
# Validates Tripwire's ops assets offline, in seconds: k8s/ (scripts/k8s-validate.sh: both overlays
# rendered, strict Kubernetes schemas, wiring against the services' config, conventions), prometheus/ (promtool config, rules, rule unit tests, metric names, runbook
# links), grafana/ (JSON, datasource uid, PromQL metric names), docs/ links and module READMEs.
#
#   scripts/check-ops-assets.sh            last line: "ops-assets: N passed, M failed"; exit 1 if M > 0
#
# Tools: kubectl (render; skipped loudly when absent), node + npm (kubernetes-models@5.1.0 and
# yaml@2.9.1 are installed once into ${XDG_CACHE_HOME:-$HOME/.cache}/tripwire-k8s-validate, never into
# the repo), promtool (Debian package "prometheus", installed when missing and running as root),
# python3 (JSON parsing). Metric names are checked against DESIGN.md §7, read from ../shared/DESIGN.md
# (or $TRIPWIRE_DESIGN_MD) when present, else from the copy of that list below.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tripwire-k8s-validate"
K8S_MODELS_VERSION=5.1.0
YAML_VERSION=2.9.1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
STARTED=$(date +%s)
PASSED=0
FAILED=0

# DESIGN.md §7, used only when the shared contract is not next to the repository.
DESIGN_METRICS_FALLBACK="execution_gateway_request_duration_seconds execution_gateway_orders_total
signal_service_latency_seconds cb_staleness_seconds cb_trip_total cb_reset_total
alert_delivery_latency_seconds alert_poison_queue_size alert_delivery_attempts_total
audit_write_latency_seconds reconciliation_last_success_timestamp_seconds reconciliation_mismatches_total"

pass() { PASSED=$((PASSED + 1)); printf '  PASS  %s\n' "$1"; }
fail() {
    FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$1"
    if [ -n "${2:-}" ] && [ -s "$2" ]; then sed 's/^/          /' "$2" | head -40; fi
}
# check NAME COMMAND...: runs the command, PASS on exit 0, FAIL with its output otherwise.
check() {
    local name=$1; shift
    if "$@" > "$WORK/out" 2>&1; then pass "$name"; else fail "$name" "$WORK/out"; fi
}
loud() {
    printf '\n  !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
    printf '  !!! %s\n' "$@"
    printf '  !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n'
}

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
echo "== tools"
PROMTOOL=$(command -v promtool || true)
if { [ -z "$PROMTOOL" ] || ! command -v amtool > /dev/null; } && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "  promtool/amtool missing: installing Debian packages 'prometheus' and 'prometheus-alertmanager' (apt-get update + install)"
    t0=$(date +%s)
    if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager; } \
        > "$WORK/apt.log" 2>&1; then
        echo "  installed promtool in $(( $(date +%s) - t0 )) s"
    else
        echo "  apt-get failed after $(( $(date +%s) - t0 )) s:"; tail -5 "$WORK/apt.log" | sed 's/^/    /'
    fi
    PROMTOOL=$(command -v promtool || true)
fi
[ -n "$PROMTOOL" ] && echo "  promtool: $("$PROMTOOL" --version 2>&1 | head -1)" || echo "  promtool: MISSING"

KUBECTL=${KUBECTL-$(command -v kubectl || true)}   # KUBECTL= (empty) forces the no-kubectl path
[ -n "$KUBECTL" ] && echo "  kubectl: $("$KUBECTL" version --client 2>/dev/null | head -1)" || echo "  kubectl: MISSING"

NODE_OK=false
if command -v node > /dev/null && command -v npm > /dev/null; then
    if [ ! -f "$CACHE/node_modules/kubernetes-models/package.json" ] || [ ! -f "$CACHE/node_modules/yaml/package.json" ] \
        || ! grep -q "\"version\": \"$K8S_MODELS_VERSION\"" "$CACHE/node_modules/kubernetes-models/package.json"; then
        echo "  installing kubernetes-models@$K8S_MODELS_VERSION yaml@$YAML_VERSION into $CACHE"
        mkdir -p "$CACHE"
        [ -f "$CACHE/package.json" ] || echo '{"name":"tripwire-k8s-validate","private":true,"type":"module"}' > "$CACHE/package.json"
        t0=$(date +%s)
        if (cd "$CACHE" && npm install --no-audit --no-fund --loglevel=error \
                "kubernetes-models@$K8S_MODELS_VERSION" "yaml@$YAML_VERSION") > "$WORK/npm.log" 2>&1; then
            echo "  npm install took $(( $(date +%s) - t0 )) s"
        else
            echo "  npm install failed:"; tail -5 "$WORK/npm.log" | sed 's/^/    /'
        fi
    fi
    [ -f "$CACHE/node_modules/kubernetes-models/package.json" ] && NODE_OK=true
fi
$NODE_OK && echo "  node: $(node --version), validator in $CACHE" || echo "  node/npm validator: MISSING"

DESIGN_MD=${TRIPWIRE_DESIGN_MD:-$ROOT/../shared/DESIGN.md}
if [ -f "$DESIGN_MD" ]; then
    echo "  metric contract: $DESIGN_MD §7"
else
    DESIGN_MD=""
    echo "  metric contract: built-in copy of DESIGN.md §7 (shared/DESIGN.md not found)"
fi
export DESIGN_MD DESIGN_METRICS_FALLBACK
export TRIPWIRE_ROOT="$ROOT"

# ---------------------------------------------------------------------------------------------
# The node half of the checks, written next to node_modules so its imports resolve.
# ---------------------------------------------------------------------------------------------
if $NODE_OK; then
cat > "$CACHE/tripwire-ops-lint.mjs" << 'JS'
import { readFileSync, existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve, relative } from "node:path";
import { parseAllDocuments, parse } from "yaml";

const [, , command, ...args] = process.argv;
const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

// ---- shared helpers --------------------------------------------------------------------------
const SERVICES = ["execution-gateway", "signal-service", "reconciler", "alert-router", "health-monitor",
  "web-console", "paper-venue"];
const MODULES = ["control-plane", ...SERVICES, "ops-cli"];

function readDocs(file) {
  const docs = [];
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) { problem(file, `YAML: ${doc.errors.map((e) => e.message).join("; ")}`); continue; }
    const value = doc.toJS();
    if (value !== null && value !== undefined) docs.push(value);
  }
  return docs;
}

function designMetrics() {
  let names;
  if (process.env.DESIGN_MD) {
    const text = readFileSync(process.env.DESIGN_MD, "utf8");
    const section = text.split(/^## /m).find((s) => s.startsWith("7."));
    if (!section) throw new Error(`${process.env.DESIGN_MD}: no "## 7." section`);
    names = [...section.matchAll(/`([a-z_:][a-z0-9_:]*)(\{[^`]*\})?`/g)].map((m) => m[1]);
  } else {
    names = process.env.DESIGN_METRICS_FALLBACK.split(/\s+/).filter(Boolean);
  }
  const all = new Set();
  for (const n of names) for (const s of ["", "_bucket", "_count", "_sum", "_max"]) all.add(n + s);
  return all;
}

// Metric names the services really register with Micrometer, read from their sources: builder or registry
// calls with a literal name, in Prometheus spelling (dots -> underscores; counters _total; timers _seconds
// with _count/_sum/_max/_bucket; distribution summaries _count/_sum/_max/_bucket; gauges as named).
function exportedMetrics() {
  const root = process.env.TRIPWIRE_ROOT;
  const all = new Set();
  const walk = (d) => readdirSync(d).forEach((f) => {
    const p = join(d, f);
    if (statSync(p).isDirectory()) { if (f !== "test" && f !== "target" && f !== "node_modules") walk(p); return; }
    if (!f.endsWith(".java")) return;
    const src = readFileSync(p, "utf8");
    const re = /\b(Counter|Timer|Gauge|DistributionSummary)\.builder\(\s*"([a-z0-9_.]+)"|\bregistry\.(counter|timer|gauge|summary)\(\s*"([a-z0-9_.]+)"|\bgauge\((?:[a-z]+,\s*)?"([a-z0-9_.]+)"/g;
    for (const m of src.matchAll(re)) {
      const kind = (m[1] ?? m[3] ?? "gauge").toLowerCase();
      const base = (m[2] ?? m[4] ?? m[5]).replace(/\./g, "_");
      if (kind === "counter") all.add(base.endsWith("_total") ? base : `${base}_total`);
      else if (kind === "timer") for (const s of ["_count", "_sum", "_max", "_bucket"]) all.add(`${base}_seconds${s}`);
      else if (kind === "distributionsummary" || kind === "summary") for (const s of ["", "_count", "_sum", "_max", "_bucket"]) all.add(base + s);
      else all.add(base);
    }
  });
  for (const m of readdirSync(root)) if (existsSync(join(root, m, "src/main/java"))) walk(join(root, m, "src/main/java"));
  return all;
}

function recordedNames(rulesDir) {
  const names = new Set();
  for (const f of readdirSync(rulesDir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml")))
    for (const doc of readDocs(join(rulesDir, f))) for (const g of doc.groups ?? []) for (const r of g.rules ?? [])
      if (r.record) names.add(r.record);
  return names;
}

// Quarkus/Micrometer platform metrics every service exports (JVM, process, HTTP server binder).
const PLATFORM = new Set(["up", "process_uptime_seconds", "process_cpu_usage", "system_cpu_usage",
  "jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_threads_live_threads",
  "jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_max",
  "http_server_requests_seconds_count", "http_server_requests_seconds_sum",
  "http_server_requests_seconds_bucket", "http_server_requests_seconds_max"]);
const KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
  "group_left", "group_right", "inf", "nan", "Inf", "NaN"]);

function metricNames(expr) {
  const s = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  const names = [];
  for (const m of s.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (m[2] || KEYWORDS.has(m[1])) continue;              // function call or keyword
    const before = s.slice(0, m.index);
    if (/[0-9.]$/.test(before)) continue;                  // unit of a number, e.g. 1e3
    names.push(m[1]);
  }
  return names;
}

function githubSlugs(markdown) {
  const slugs = new Set(); const seen = new Map(); let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) { fenced = !fenced; continue; }
    const m = !fenced && line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!m) continue;
    let slug = m[1].toLowerCase().replace(/<[^>]+>/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0; seen.set(slug, n + 1);
    if (n) slug = `${slug}-${n}`;
    slugs.add(slug);
  }
  return slugs;
}

// ---- k8s: secret examples --------------------------------------------------------------------
function k8sSecrets([dir]) {
  for (const k of ["base", "overlays/dev", "overlays/prod"]) {
    const kustomization = parse(readFileSync(join(dir, k, "kustomization.yaml"), "utf8"));
    for (const r of kustomization.resources ?? [])
      if (/secret/i.test(r)) problem(`k8s/${k}/kustomization.yaml`, `${r}: secrets are created out of band`);
  }
  let n = 0;
  const walk = (d) => readdirSync(d).forEach((f) => {
    const p = join(d, f);
    if (statSync(p).isDirectory()) return walk(p);
    if (f !== "secret.example.yaml") return;
    n++;
    for (const o of readDocs(p)) {
      if (o.kind !== "Secret") problem(p, "must hold a Secret");
      for (const [k, v] of Object.entries({ ...(o.stringData ?? {}), ...(o.data ?? {}) }))
        if (v !== "CHANGE_ME") problem(p, `${k} must be the placeholder CHANGE_ME, never a real value`);
    }
  });
  walk(dir);
  for (const svc of SERVICES) if (!existsSync(join(dir, "base", svc, "secret.example.yaml"))) problem(svc, "secret.example.yaml missing");
  return `${n} secret examples hold placeholders only and none is in kustomization.yaml`;
}

// ---- prometheus rules: names, labels, runbook links ------------------------------------------
function rulesLint([runbook, ...files]) {
  const exported = exportedMetrics();
  const design = designMetrics();
  for (const m of design) if (!/_(count|sum|max|bucket)$/.test(m) && ![...exported].some((e) => e === m || e.startsWith(m + "_")))
    problem("DESIGN.md §7", `metric ${m} is in the contract but no service registers it`);
  const known = new Set([...exported, ...PLATFORM, ...recordedNames(dirname(files[0]))]);
  const anchors = githubSlugs(readFileSync(runbook, "utf8"));
  let n = 0;
  for (const file of files) {
    for (const doc of readDocs(file)) for (const g of doc.groups ?? []) for (const r of g.rules ?? []) {
      const id = `${file} ${r.alert ?? r.record}`;
      n++;
      const names = metricNames(String(r.expr));
      if (!names.length) problem(id, "expression references no metric");
      for (const m of names) if (!known.has(m)) problem(id, `metric ${m}: no service registers it (Micrometer sources) and no rule records it`);
      if (!r.alert) continue;
      if (!["warning", "critical"].includes(r.labels?.severity)) problem(id, "labels.severity must be warning or critical");
      if (!r.annotations?.summary) problem(id, "annotations.summary missing");
      const url = r.annotations?.runbook_url ?? "";
      const m = url.match(/^docs\/RUNBOOK\.md#(.+)$/);
      if (!m) problem(id, `runbook_url ${url} must be docs/RUNBOOK.md#<anchor>`);
      else if (!anchors.has(m[1])) problem(id, `runbook_url anchor #${m[1]} has no heading in ${runbook}`);
    }
  }
  return `${n} rules use DESIGN.md §7 metrics, carry severity + summary, and link existing runbook anchors`;
}

// ---- grafana: datasource uid and metric names ------------------------------------------------
function grafanaLint([provisioning, rulesDir, ...dashboards]) {
  const ds = parse(readFileSync(join(provisioning, "datasources.yaml"), "utf8"));
  const uids = new Set((ds.datasources ?? []).map((d) => d.uid));
  const prov = parse(readFileSync(join(provisioning, "dashboards.yaml"), "utf8"));
  if (!(prov.providers ?? []).length) problem("dashboards.yaml", "no providers");
  const known = new Set([...exportedMetrics(), ...PLATFORM, ...recordedNames(rulesDir)]);
  let exprs = 0;
  const dashUids = new Set();
  for (const file of dashboards) {
    const d = JSON.parse(readFileSync(file, "utf8"));
    if (!d.uid || !d.title) problem(file, "uid and title required");
    if (dashUids.has(d.uid)) problem(file, `duplicate dashboard uid ${d.uid}`);
    dashUids.add(d.uid);
    const panels = (d.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
    const ids = new Set();
    for (const p of panels) {
      const id = `${file} panel "${p.title}"`;
      if (ids.has(p.id)) problem(id, `duplicate panel id ${p.id}`);
      ids.add(p.id);
      if (p.type === "row") continue;
      if (!uids.has(p.datasource?.uid)) problem(id, `datasource uid ${p.datasource?.uid} is not provisioned`);
      if (!(p.targets ?? []).length) problem(id, "no query");
      for (const t of p.targets ?? []) {
        exprs++;
        if (!uids.has(t.datasource?.uid)) problem(id, `target datasource uid ${t.datasource?.uid} is not provisioned`);
        const names = metricNames(String(t.expr ?? ""));
        if (!names.length) problem(id, `expr references no metric: ${t.expr}`);
        for (const m of names) if (!known.has(m)) problem(id, `metric ${m}: no service registers it, no rule records it, not a platform metric`);
      }
    }
  }
  return `${dashboards.length} dashboards, ${exprs} queries: provisioned datasource uid, known metric names`;
}

// ---- docs: module READMEs, service pages, relative links -------------------------------------
function docsLint([root]) {
  for (const m of MODULES) {
    const readme = join(root, m, "README.md");
    if (!existsSync(readme)) { problem(m, "README.md missing"); continue; }
    const text = readFileSync(readme, "utf8");
    const lines = text.replace(/\n$/, "").split("\n").length;
    if (lines > 15) problem(readme, `${lines} lines, at most 15`);
    if (!text.includes(`docs/services/${m}.md`)) problem(readme, `must link docs/services/${m}.md`);
    if (!existsSync(join(root, "docs", "services", `${m}.md`))) problem(m, `docs/services/${m}.md missing`);
  }
  const files = [];
  const walk = (d) => readdirSync(d).forEach((f) => {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p); else if (f.endsWith(".md")) files.push(p);
  });
  walk(join(root, "docs"));
  for (const m of MODULES) if (existsSync(join(root, m, "README.md"))) files.push(join(root, m, "README.md"));
  for (const extra of ["k8s/README.md"]) if (existsSync(join(root, extra))) files.push(join(root, extra));
  let links = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^(https?:|mailto:)/.test(target)) continue;
      links++;
      const [path, anchor] = target.split("#");
      const dest = path ? resolve(dirname(file), path) : file;
      if (!existsSync(dest)) { problem(relative(root, file), `broken link ${target}`); continue; }
      if (anchor && dest.endsWith(".md") && !githubSlugs(readFileSync(dest, "utf8")).has(anchor))
        problem(relative(root, file), `link ${target}: no such heading`);
    }
  }
  return `${MODULES.length} module READMEs (<= 15 lines), ${files.length} markdown files, ${links} relative links resolve`;
}

const commands = { "k8s-secrets": k8sSecrets,
  "rules-lint": rulesLint, "grafana-lint": grafanaLint, "docs-lint": docsLint };
try {
  const summary = await commands[command](args);
  if (problems.length) { problems.slice(0, 40).forEach((p) => console.log(p)); process.exit(1); }
  console.log(summary);
} catch (e) {
  console.log(`${command}: ${e.stack ?? e}`); process.exit(1);
}
JS
fi

lint() { (cd "$CACHE" && node tripwire-ops-lint.mjs "$@"); }
needs_node() { echo "node/npm or the kubernetes-models validator is unavailable"; return 1; }
needs_promtool() { echo "promtool is unavailable (Debian package 'prometheus'; run as root to install it)"; return 1; }
LINT=lint; $NODE_OK || LINT=needs_node
PROM="$PROMTOOL"; [ -n "$PROM" ] || PROM=needs_promtool

# ---------------------------------------------------------------------------------------------
echo "== k8s"
if [ -n "$KUBECTL" ] && $NODE_OK; then
    check "k8s: both overlays render and validate (scripts/k8s-validate.sh: schemas strict, ports/probes/env vs service config, conventions)" \
        scripts/k8s-validate.sh
else
    fail "k8s: scripts/k8s-validate.sh needs kubectl and node/npm (install them: apt-get install kubectl nodejs npm)"
fi
check "k8s: secret examples are placeholders and not in kustomization.yaml" $LINT k8s-secrets "$ROOT/k8s"

# ---------------------------------------------------------------------------------------------
echo "== prometheus"
check "prometheus: promtool check config prometheus/prometheus.yml" $PROM check config prometheus/prometheus.yml
mapfile -t RULES < <(find prometheus/rules -name '*.yml' | sort)
mapfile -t RULE_TESTS < <(find prometheus/tests -name '*.yml' | sort)
check "prometheus: promtool check rules (${#RULES[@]} files)" $PROM check rules "${RULES[@]}"
check "prometheus: promtool test rules (${#RULE_TESTS[@]} files)" $PROM test rules "${RULE_TESTS[@]}"
check "prometheus: every rule file has a promtool test file" bash -c 'for r in prometheus/rules/*.yml; do t=prometheus/tests/$(basename "${r%.yml}")-test.yml; [ -f "$t" ] || { echo "$r has no $t"; exit 1; }; done'
AMTOOL=$(command -v amtool || true)
if [ -n "$AMTOOL" ]; then
    check "prometheus: amtool check-config prometheus/alertmanager.yml" "$AMTOOL" check-config prometheus/alertmanager.yml
else
    fail "prometheus: amtool missing (Debian package prometheus-alertmanager; run as root to install it)"
fi
check "prometheus: rule metrics are registered by a service (or recorded), DESIGN.md §7 all registered, runbook_url anchors exist" \
    $LINT rules-lint "$ROOT/docs/RUNBOOK.md" "${RULES[@]/#/$ROOT/}"

# ---------------------------------------------------------------------------------------------
echo "== grafana"
mapfile -t DASHBOARDS < <(find grafana/dashboards -name '*.json' | sort)
for d in "${DASHBOARDS[@]}"; do
    check "grafana: $d is valid JSON" python3 -m json.tool "$d"
done
check "grafana: datasource uid + PromQL metric names in ${#DASHBOARDS[@]} dashboards" \
    $LINT grafana-lint "$ROOT/grafana/provisioning" "$ROOT/prometheus/rules" "${DASHBOARDS[@]/#/$ROOT/}"

# ---------------------------------------------------------------------------------------------
echo "== docs"
check "docs: module READMEs, service pages, relative links and anchors" $LINT docs-lint "$ROOT"

echo
echo "finished in $(( $(date +%s) - STARTED )) s"
echo "ops-assets: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
