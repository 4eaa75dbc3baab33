#!/usr/bin/env bash
# Validates Tripwire's ops assets offline, in seconds: k8s/ (kustomize render, Kubernetes schemas,
# Tripwire conventions), prometheus/ (promtool config, rules, rule unit tests, metric names, runbook
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
if [ -z "$PROMTOOL" ] && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "  promtool missing: installing Debian package 'prometheus' (apt-get update + install)"
    t0=$(date +%s)
    if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } \
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
const TWO_REPLICAS = new Set(["execution-gateway", "reconciler"]);

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

// ---- k8s: schemas ----------------------------------------------------------------------------
async function k8sSchema(files) {
  let count = 0;
  for (const file of files) {
    for (const obj of readDocs(file)) {
      const id = `${file} ${obj.kind}/${obj.metadata?.name}`;
      if (!obj.apiVersion || !obj.kind) { problem(id, "apiVersion and kind are required"); continue; }
      if (obj.kind === "Kustomization") continue;
      let Model;
      try { Model = (await import(`kubernetes-models/${obj.apiVersion}/${obj.kind}`))[obj.kind]; }
      catch { problem(id, `unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}`); continue; }
      try { new Model(obj).validate(); count++; }
      catch (e) { problem(id, String(e.message ?? e).split("\n").slice(0, 6).join(" | ")); }
    }
  }
  if (!count && !problems.length) problem(files.join(" "), "no Kubernetes objects found");
  return `${count} objects valid against the Kubernetes ${"1.27"} schemas`;
}

// ---- k8s: Tripwire conventions on the rendered output ----------------------------------------
function k8sPolicy([file]) {
  const objs = readDocs(file);
  const byKind = (kind) => objs.filter((o) => o.kind === kind);
  const find = (kind, name) => objs.find((o) => o.kind === kind && o.metadata?.name === name);
  for (const o of objs) {
    const id = `${o.kind}/${o.metadata?.name}`;
    const l = o.metadata?.labels ?? {};
    if (!l.app) problem(id, "label app missing");
    if (l["app.kubernetes.io/part-of"] !== "tripwire") problem(id, "label app.kubernetes.io/part-of: tripwire missing");
    if (l.system !== "tripwire") problem(id, "label system: tripwire missing");
    if (o.kind !== "Namespace" && o.metadata?.namespace !== "tripwire") problem(id, "not in namespace tripwire");
    if (o.kind === "Secret") problem(id, "Secrets must not be rendered: they are created out of band (secret.example.yaml)");
  }
  for (const svc of SERVICES) {
    const d = find("Deployment", svc);
    if (!d) { problem(svc, "Deployment missing"); continue; }
    const id = `Deployment/${svc}`;
    const tl = d.spec.template.metadata?.labels ?? {};
    if (tl.app !== svc || tl["app.kubernetes.io/part-of"] !== "tripwire" || tl.system !== "tripwire")
      problem(id, "pod template needs labels app, app.kubernetes.io/part-of and system");
    if (d.spec.selector?.matchLabels?.app !== svc) problem(id, "selector must match app label");
    const want = TWO_REPLICAS.has(svc) ? 2 : 1;
    if (d.spec.replicas !== want) problem(id, `replicas ${d.spec.replicas}, expected ${want}`);
    const c = d.spec.template.spec.containers?.[0] ?? {};
    if (c.image !== `tripwire/${svc}:0.1.0`) problem(id, `image ${c.image}, expected tripwire/${svc}:0.1.0`);
    const port = (c.ports ?? []).find((p) => p.name === "http")?.containerPort;
    if (!port) problem(id, "container port named http missing");
    const a = d.spec.template.metadata?.annotations ?? {};
    if (a["prometheus.io/scrape"] !== "true" || a["prometheus.io/path"] !== "/q/metrics" || a["prometheus.io/port"] !== String(port))
      problem(id, "prometheus.io/scrape, /port (= http port) and /path (/q/metrics) annotations required");
    if (c.readinessProbe?.httpGet?.path !== "/q/health/ready") problem(id, "readinessProbe must GET /q/health/ready");
    if (c.livenessProbe?.httpGet?.path !== "/q/health/live") problem(id, "livenessProbe must GET /q/health/live");
    if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory)
      problem(id, "resources.requests.cpu/memory and limits.memory required");
    const envFrom = c.envFrom ?? [];
    if (!envFrom.some((e) => e.configMapRef?.name === `${svc}-config`)) problem(id, `envFrom configMapRef ${svc}-config missing`);
    if (!envFrom.some((e) => e.secretRef?.name === `${svc}-config-creds` && !e.secretRef.optional))
      problem(id, `envFrom secretRef ${svc}-config-creds (not optional) missing`);
    const s = find("Service", svc);
    if (!s) problem(svc, "Service missing");
    else if (!(s.spec.ports ?? []).some((p) => p.port === port)) problem(`Service/${svc}`, `no port ${port}`);
    const cm = find("ConfigMap", `${svc}-config`);
    if (!cm) { problem(svc, `ConfigMap ${svc}-config missing`); continue; }
    for (const key of Object.keys(cm.data ?? {}))
      if (!/^[A-Z_][A-Z0-9_]*$/.test(key)) problem(`ConfigMap/${svc}-config`, `key ${key} is not an environment-variable name`);
    for (const key of ["REDIS_URL", "PG_URL", "PG_JDBC_URL", "PG_USER"])
      if (!cm.data?.[key]) problem(`ConfigMap/${svc}-config`, `${key} missing`);
    if (cm.data?.TRIPWIRE_HTTP_HOST !== "0.0.0.0") problem(`ConfigMap/${svc}-config`, "TRIPWIRE_HTTP_HOST must be 0.0.0.0");
  }
  for (const infra of ["redis", "postgres"]) {
    const d = find("Deployment", infra);
    if (!d) { problem(infra, "Deployment missing"); continue; }
    const c = d.spec.template.spec.containers[0];
    if (!c.readinessProbe) problem(`Deployment/${infra}`, "readinessProbe required");
    for (const v of d.spec.template.spec.volumes ?? [])
      if (v.persistentVolumeClaim && !find("PersistentVolumeClaim", v.persistentVolumeClaim.claimName))
        problem(`Deployment/${infra}`, `PVC ${v.persistentVolumeClaim.claimName} not rendered`);
    if (!find("Service", infra)) problem(infra, "Service missing");
  }
  return `${objs.length} rendered objects follow the Tripwire conventions (${byKind("Deployment").length} Deployments)`;
}

// ---- k8s: secret examples --------------------------------------------------------------------
function k8sSecrets([dir]) {
  const kustomization = parse(readFileSync(join(dir, "kustomization.yaml"), "utf8"));
  const resources = kustomization.resources ?? [];
  for (const r of resources) if (/secret/i.test(r)) problem("kustomization.yaml", `${r}: secrets are created out of band`);
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
  for (const svc of SERVICES) if (!existsSync(join(dir, svc, "secret.example.yaml"))) problem(svc, "secret.example.yaml missing");
  return `${n} secret examples hold placeholders only and none is in kustomization.yaml`;
}

// ---- prometheus rules: names, labels, runbook links ------------------------------------------
function rulesLint([runbook, ...files]) {
  const design = designMetrics();
  const anchors = githubSlugs(readFileSync(runbook, "utf8"));
  let n = 0;
  for (const file of files) {
    for (const doc of readDocs(file)) for (const g of doc.groups ?? []) for (const r of g.rules ?? []) {
      const id = `${file} ${r.alert ?? r.record}`;
      n++;
      const names = metricNames(String(r.expr));
      if (!names.length) problem(id, "expression references no metric");
      for (const m of names) if (!design.has(m) && m !== "up") problem(id, `metric ${m} is not in DESIGN.md §7`);
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
  const known = new Set([...designMetrics(), ...PLATFORM]);
  for (const f of readdirSync(rulesDir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml")))
    for (const doc of readDocs(join(rulesDir, f))) for (const g of doc.groups ?? []) for (const r of g.rules ?? []) {
      if (r.record) known.add(r.record);
      metricNames(String(r.expr)).forEach((m) => known.add(m));
    }
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
        for (const m of names) if (!known.has(m)) problem(id, `metric ${m} is neither in DESIGN.md §7, the rules, nor a platform metric`);
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

const commands = { "k8s-schema": k8sSchema, "k8s-policy": k8sPolicy, "k8s-secrets": k8sSecrets,
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
RENDERED="$WORK/rendered.yaml"
if [ -n "$KUBECTL" ]; then
    if "$KUBECTL" kustomize k8s/ > "$RENDERED" 2> "$WORK/out"; then
        pass "k8s: kubectl kustomize k8s/ renders ($(grep -c '^kind:' "$RENDERED") objects)"
        check "k8s: rendered objects match the Kubernetes schemas (kubernetes-models@$K8S_MODELS_VERSION)" $LINT k8s-schema "$RENDERED"
        check "k8s: Tripwire conventions (labels, probes, envFrom, replicas, annotations)" $LINT k8s-policy "$RENDERED"
    else
        fail "k8s: kubectl kustomize k8s/ renders" "$WORK/out"
    fi
else
    loud "SKIPPED: kubectl not found - the kustomize render and the convention checks did NOT run." \
         "Only the individual manifests are schema-checked below. Install kubectl to check the render."
    mapfile -t MANIFESTS < <(find k8s -name '*.yaml' ! -name 'kustomization.yaml' ! -name 'secret.example.yaml' | sort)
    check "k8s: manifests match the Kubernetes schemas (unrendered)" $LINT k8s-schema "${MANIFESTS[@]/#/$ROOT/}"
fi
check "k8s: secret examples are placeholders and not in kustomization.yaml" $LINT k8s-secrets "$ROOT/k8s"

# ---------------------------------------------------------------------------------------------
echo "== prometheus"
check "prometheus: promtool check config prometheus/prometheus.yml" $PROM check config prometheus/prometheus.yml
mapfile -t RULES < <(find prometheus/rules -name '*.yml' | sort)
mapfile -t RULE_TESTS < <(find prometheus/tests -name '*.yml' | sort)
check "prometheus: promtool check rules (${#RULES[@]} files)" $PROM check rules "${RULES[@]}"
check "prometheus: promtool test rules (${#RULE_TESTS[@]} files)" $PROM test rules "${RULE_TESTS[@]}"
check "prometheus: rule metrics are DESIGN.md §7 names, runbook_url anchors exist" \
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
