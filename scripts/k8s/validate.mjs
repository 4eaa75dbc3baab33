// Offline validation of the rendered Kubernetes overlays (scripts/k8s-validate.sh copies this file next to
// its node_modules and runs it). Three layers, every finding printed, exit 1 on any:
//  1. schema: each object against kubernetes-models' JSON-schema validators (types, required fields, formats)
//     AND a strict walk over @kubernetes/client-node's generated model type maps: a field the Kubernetes
//     API does not define (a typo such as "readinesProbe", a field at the wrong level) is rejected, as
//     `kubectl apply --validate=strict` would.
//  2. wiring against the services' REAL configuration, read from the repository: container port =
//     quarkus.http.port of the module's application.properties, probe and scrape paths served by the
//     module (SmallRye Health / Micrometer Prometheus on the classpath), every ConfigMap / Secret key an
//     environment spelling of a property the service reads (application.properties keys and ${VAR}
//     references, control-plane's microprofile-config.properties, the @ConfigMapping interfaces).
//  3. Tripwire conventions: probes, resources, non-root + read-only root fs + no capabilities, scrape
//     annotations, labels, one reconciler, HPA + PDB for gateway and alert router, a NetworkPolicy per
//     workload under a default deny, the backup CronJob, no rendered Secret.
//
//   node validate.mjs <repo root> <overlay name>=<rendered.yaml> ...
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import * as k8s from "@kubernetes/client-node";

const [, , root, ...renders] = process.argv;
const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

const SERVICES = ["execution-gateway", "signal-service", "reconciler", "alert-router", "health-monitor",
  "web-console", "paper-venue"];
const SCALED = new Set(["execution-gateway", "alert-router"]);   // HPA + PDB

// ---- 1. schemas --------------------------------------------------------------------------------
function modelName(apiVersion, kind) {
  const version = apiVersion.split("/").pop();
  return version.charAt(0).toUpperCase() + version.slice(1) + kind;   // apps/v1 Deployment -> V1Deployment
}

const PRIMITIVE = new Set(["string", "number", "boolean", "Date", "any", "object", "IntOrString", "RuntimeRawExtension"]);

// Walks value against the client-node model `type`; reports every property the model does not declare.
function strict(value, type, path, where) {
  if (value === null || value === undefined || PRIMITIVE.has(type)) return;
  let m = type.match(/^Array<(.+)>$/);
  if (m) {
    if (!Array.isArray(value)) return problem(where, `${path}: expected a list`);
    return value.forEach((v, i) => strict(v, m[1], `${path}[${i}]`, where));
  }
  m = type.match(/^\{ \[key: string\]: (.+); \}$/);
  if (m) {
    if (typeof value !== "object" || Array.isArray(value)) return problem(where, `${path}: expected a map`);
    return Object.entries(value).forEach(([k, v]) => strict(v, m[1], `${path}.${k}`, where));
  }
  const model = k8s[type];
  if (!model?.getAttributeTypeMap) return problem(where, `${path}: no model for type ${type}`);
  if (typeof value !== "object" || Array.isArray(value)) return problem(where, `${path}: expected an object (${type})`);
  const attrs = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!attrs.has(k)) problem(where, `${path}.${k}: unknown field (not in ${type})`);
    else strict(v, attrs.get(k), `${path}.${k}`, where);
  }
}

async function schema(objs, overlay) {
  let n = 0;
  for (const obj of objs) {
    const id = `${overlay} ${obj.kind}/${obj.metadata?.name}`;
    if (!obj.apiVersion || !obj.kind) { problem(id, "apiVersion and kind are required"); continue; }
    let Model;
    try { Model = (await import(`kubernetes-models/${obj.apiVersion}/${obj.kind}`))[obj.kind]; }
    catch { problem(id, `unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}`); continue; }
    try { new Model(obj).validate(); }
    catch (e) { problem(id, String(e.message ?? e).split("\n").slice(0, 6).join(" | ")); }
    strict(obj, modelName(obj.apiVersion, obj.kind), "", id);
    n++;
  }
  return n;
}

// ---- 2. the services' real configuration ---------------------------------------------------------
const envName = (property) => property.replace(/[^A-Za-z0-9]/g, "_").toUpperCase();

function propertiesOf(file) {
  const keys = [], refs = [];
  if (!existsSync(file)) return { keys, refs, values: new Map() };
  const values = new Map();
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("!")) continue;
    const i = line.search(/[=:]/);
    if (i < 0) continue;
    const key = line.slice(0, i).trim(), value = line.slice(i + 1).trim();
    if (!key.startsWith("%")) { keys.push(key); values.set(key, value); }
    for (const m of value.matchAll(/\$\{([A-Za-z0-9_.-]+)/g)) refs.push(m[1]);
  }
  return { keys, refs, values };
}

function javaFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...javaFiles(p)); else if (f.endsWith(".java")) out.push(p);
  }
  return out;
}

// Splits an interface body into members (`Type name();` with annotations) and nested interfaces.
function members(body) {
  const list = [], nested = new Map();
  let depth = 0, start = 0, header = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "{") { if (depth === 0) { header = body.slice(start, i); start = i + 1; } depth++; }
    else if (c === "}") {
      depth--;
      if (depth === 0) {
        const m = header.match(/interface\s+(\w+)/);
        if (m) nested.set(m[1], body.slice(start, i));
        start = i + 1;
      }
    } else if (c === ";" && depth === 0) { list.push(body.slice(start, i)); start = i + 1; }
  }
  return { list, nested };
}

// Property names under `prefix` declared by a @ConfigMapping interface body; maps end with ".*".
function mappingProperties(prefix, body, scope) {
  const { list, nested } = members(body);
  const all = new Map([...scope, ...nested]);
  const props = [];
  for (const member of list) {
    const m = member.match(/^([\s\S]*?)([\w.$]+(?:<[\s\S]*>)?)\s+(\w+)\s*\(\s*\)\s*$/);
    if (!m || /\b(static|default)\b/.test(m[1])) continue;
    const named = m[1].match(/@WithName\(\s*"([^"]+)"\s*\)/);
    const name = named ? named[1] : m[3].replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
    const full = `${prefix}.${name}`;
    let type = m[2].replace(/\s/g, "");
    const opt = type.match(/^(?:java\.util\.)?Optional<(.+)>$/);
    if (opt) type = opt[1];
    if (/^(?:java\.util\.)?Map</.test(type)) { props.push(`${full}.*`); continue; }
    const simple = type.split(".").pop();
    if (all.has(simple)) props.push(...mappingProperties(full, all.get(simple), all));
    else props.push(full);
  }
  return props;
}

function configMappings(module) {
  const props = [];
  for (const file of javaFiles(join(root, module, "src/main/java"))) {
    const src = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
    const m = src.match(/@ConfigMapping\(\s*prefix\s*=\s*"([^"]+)"\s*\)[\s\S]*?interface\s+\w+[^{]*\{/);
    if (!m) continue;
    let depth = 1, i = m.index + m[0].length;
    const from = i;
    for (; i < src.length && depth; i++) { if (src[i] === "{") depth++; else if (src[i] === "}") depth--; }
    props.push(...mappingProperties(m[1], src.slice(from, i - 1), new Map()));
  }
  return props;
}

// Properties read through ${…} expressions in annotations (e.g. @Scheduled(every = "${gateway.metrics.position-interval:15s}")).
function expressionRefs(module) {
  const refs = [];
  for (const file of javaFiles(join(root, module, "src/main/java")))
    for (const m of readFileSync(file, "utf8").matchAll(/"\$\{([a-z][a-z0-9.-]*)[:}]/g)) refs.push(m[1]);
  return refs;
}

function serviceConfig(svc) {
  const own = propertiesOf(join(root, svc, "src/main/resources/application.properties"));
  const shared = propertiesOf(join(root, "control-plane/src/main/resources/META-INF/microprofile-config.properties"));
  const mapped = [...configMappings(svc), ...configMappings("control-plane"), ...expressionRefs(svc), ...expressionRefs("control-plane")];
  const exact = new Set(), prefixes = [];
  for (const p of [...own.keys, ...shared.keys, ...mapped]) {
    if (p.endsWith(".*")) prefixes.push(envName(p.slice(0, -2)) + "_"); else exact.add(envName(p));
  }
  for (const r of [...own.refs, ...shared.refs]) exact.add(/^[A-Z0-9_]+$/.test(r) ? r : envName(r));
  const port = Number(own.values.get("quarkus.http.port"));
  const pom = (m) => existsSync(join(root, m, "pom.xml")) ? readFileSync(join(root, m, "pom.xml"), "utf8") : "";
  const deps = pom(svc) + (pom(svc).includes("<artifactId>control-plane</artifactId>") ? pom("control-plane") : "");
  return {
    port, mappedCount: mapped.length,
    health: deps.includes("quarkus-smallrye-health"),
    metrics: deps.includes("quarkus-micrometer-registry-prometheus"),
    reads: (env) => exact.has(env) || prefixes.some((p) => env.startsWith(p)),
  };
}

function secretExampleKeys(svc) {
  const file = join(root, "k8s/base", svc, "secret.example.yaml");
  if (!existsSync(file)) return [];
  const keys = [];
  for (const d of parseAllDocuments(readFileSync(file, "utf8"))) keys.push(...Object.keys(d.toJS()?.stringData ?? {}));
  return keys;
}

function wiring(objs, overlay) {
  const find = (kind, name) => objs.find((o) => o.kind === kind && o.metadata?.name === name);
  for (const svc of SERVICES) {
    const cfg = serviceConfig(svc);
    const d = find("Deployment", svc);
    if (!d) continue;
    const id = `${overlay} Deployment/${svc}`;
    const c = d.spec.template.spec.containers[0];
    if (!cfg.port) problem(svc, "no quarkus.http.port in application.properties");
    const http = (c.ports ?? []).find((p) => p.name === "http")?.containerPort;
    if (http !== cfg.port) problem(id, `container port ${http}, but ${svc} listens on quarkus.http.port=${cfg.port}`);
    if (d.spec.template.metadata?.annotations?.["prometheus.io/port"] !== String(cfg.port))
      problem(id, `prometheus.io/port must be ${cfg.port}`);
    const s = find("Service", svc);
    if (!s?.spec.ports?.some((p) => p.port === cfg.port && (p.targetPort === "http" || p.targetPort === cfg.port)))
      problem(`${overlay} Service/${svc}`, `must expose ${cfg.port} to the http port`);
    if (!cfg.health) problem(svc, "quarkus-smallrye-health is not on the classpath: /q/health/* probes would 404");
    if (!cfg.metrics) problem(svc, "quarkus-micrometer-registry-prometheus is not on the classpath: /q/metrics would 404");
    for (const e of c.env ?? []) if (!cfg.reads(e.name)) problem(id, `env ${e.name}: ${svc} reads no such property`);
    const cm = find("ConfigMap", `${svc}-config`);
    for (const key of Object.keys(cm?.data ?? {}))
      if (!cfg.reads(key)) problem(`${overlay} ConfigMap/${svc}-config`, `${key}: ${svc} reads no such property (application.properties, @ConfigMapping)`);
    for (const key of secretExampleKeys(svc))
      if (!cfg.reads(key)) problem(`k8s/base/${svc}/secret.example.yaml`, `${key}: ${svc} reads no such property`);
  }
  // health-monitor's component map must name each component at its real port.
  const comp = find("ConfigMap", "health-monitor-components")?.data?.["application.properties"] ?? "";
  for (const svc of SERVICES.filter((s) => s !== "health-monitor")) {
    const want = `health-monitor.components.${svc}=http://${svc}:${serviceConfig(svc).port}`;
    if (!comp.split("\n").map((l) => l.trim()).includes(want)) problem(`${overlay} ConfigMap/health-monitor-components`, `missing ${want}`);
  }
}

// ---- 3. conventions ------------------------------------------------------------------------------
function conventions(objs, overlay) {
  const find = (kind, name) => objs.find((o) => o.kind === kind && o.metadata?.name === name);
  for (const o of objs) {
    const id = `${overlay} ${o.kind}/${o.metadata?.name}`;
    const l = o.metadata?.labels ?? {};
    if (!l.app) problem(id, "label app missing");
    if (l["app.kubernetes.io/part-of"] !== "tripwire" || l.system !== "tripwire") problem(id, "labels app.kubernetes.io/part-of and system: tripwire required");
    if (o.kind !== "Namespace" && o.metadata?.namespace !== "tripwire") problem(id, "not in namespace tripwire");
    if (o.kind === "Secret") problem(id, "Secrets must not be rendered: they are created out of band (secret.example.yaml)");
  }
  const hardened = (id, podSpec) => {
    const psc = podSpec.securityContext ?? {};
    if (psc.runAsNonRoot !== true || !psc.runAsUser) problem(id, "pod securityContext runAsNonRoot + runAsUser required");
    for (const c of podSpec.containers ?? []) {
      const sc = c.securityContext ?? {};
      if (sc.readOnlyRootFilesystem !== true) problem(id, `${c.name}: readOnlyRootFilesystem: true required`);
      if (sc.allowPrivilegeEscalation !== false) problem(id, `${c.name}: allowPrivilegeEscalation: false required`);
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) problem(id, `${c.name}: capabilities.drop [ALL] required`);
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory)
        problem(id, `${c.name}: resources.requests.cpu/memory and limits.memory required`);
    }
  };
  for (const svc of SERVICES) {
    const d = find("Deployment", svc);
    const id = `${overlay} Deployment/${svc}`;
    if (!d) { problem(id, "missing"); continue; }
    const t = d.spec.template;
    if (t.metadata?.labels?.app !== svc || d.spec.selector?.matchLabels?.app !== svc) problem(id, "selector and pod label app must be the service");
    const c = t.spec.containers[0];
    if (c.image !== `tripwire/${svc}:0.1.0`) problem(id, `image ${c.image}`);
    const probe = (p, path) => p?.httpGet?.path === path && p?.httpGet?.port === "http";
    if (!probe(c.startupProbe, "/q/health/started")) problem(id, "startupProbe must GET /q/health/started on port http");
    if (!probe(c.readinessProbe, "/q/health/ready")) problem(id, "readinessProbe must GET /q/health/ready on port http");
    if (!probe(c.livenessProbe, "/q/health/live")) problem(id, "livenessProbe must GET /q/health/live on port http");
    const a = t.metadata?.annotations ?? {};
    if (a["prometheus.io/scrape"] !== "true" || a["prometheus.io/path"] !== "/q/metrics") problem(id, "prometheus.io/scrape + /path /q/metrics required");
    hardened(id, t.spec);
    const envFrom = c.envFrom ?? [];
    if (!envFrom.some((e) => e.configMapRef?.name === `${svc}-config`)) problem(id, `envFrom ${svc}-config missing`);
    if (!envFrom.some((e) => e.secretRef?.name === `${svc}-config-creds` && !e.secretRef.optional)) problem(id, `envFrom secret ${svc}-config-creds (not optional) missing`);
    const cm = find("ConfigMap", `${svc}-config`);
    if (cm?.data?.TRIPWIRE_HTTP_HOST !== "0.0.0.0") problem(`${overlay} ConfigMap/${svc}-config`, "TRIPWIRE_HTTP_HOST must be 0.0.0.0");
    for (const key of ["REDIS_URL", "PG_URL", "PG_JDBC_URL", "PG_USER"]) if (!cm?.data?.[key]) problem(`${overlay} ConfigMap/${svc}-config`, `${key} missing`);
    const np = find("NetworkPolicy", svc);
    if (!np || np.spec.podSelector?.matchLabels?.app !== svc || !["Ingress", "Egress"].every((p) => np.spec.policyTypes?.includes(p)))
      problem(`${overlay} NetworkPolicy/${svc}`, "a NetworkPolicy selecting app=" + svc + " with Ingress and Egress is required");
    const hpa = find("HorizontalPodAutoscaler", svc), pdb = find("PodDisruptionBudget", svc);
    if (SCALED.has(svc)) {
      if (hpa?.spec.scaleTargetRef?.name !== svc || hpa.spec.scaleTargetRef.kind !== "Deployment") problem(`${overlay} HPA/${svc}`, "missing or not targeting the Deployment");
      if (pdb?.spec.selector?.matchLabels?.app !== svc) problem(`${overlay} PDB/${svc}`, "missing");
      if (overlay === "prod" && (hpa?.spec.minReplicas ?? 0) < 2) problem(`${overlay} HPA/${svc}`, "prod needs minReplicas >= 2");
    } else if (hpa || pdb) problem(`${overlay} ${svc}`, "only the gateway and the alert router scale");
  }
  if (find("Deployment", "reconciler")?.spec.replicas !== 1) problem(`${overlay} Deployment/reconciler`, "exactly one replica (the Redis lease keeps one active)");
  const deny = find("NetworkPolicy", "default-deny");
  if (!deny || Object.keys(deny.spec.podSelector ?? {}).length || !["Ingress", "Egress"].every((p) => deny.spec.policyTypes?.includes(p)))
    problem(overlay, "NetworkPolicy default-deny (all pods, Ingress + Egress) required");
  const cron = find("CronJob", "backup");
  if (!cron) problem(overlay, "CronJob backup missing");
  else {
    hardened(`${overlay} CronJob/backup`, cron.spec.jobTemplate.spec.template.spec);
    const claim = cron.spec.jobTemplate.spec.template.spec.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName;
    if (!find("PersistentVolumeClaim", claim)) problem(`${overlay} CronJob/backup`, `PVC ${claim} not rendered`);
    if (!find("NetworkPolicy", "backup")) problem(overlay, "NetworkPolicy backup missing");
  }
  const stores = ["redis", "postgres"].map((n) => find("StatefulSet", n));
  if (overlay === "dev") {
    stores.forEach((s, i) => {
      if (!s) return problem(overlay, `StatefulSet ${["redis", "postgres"][i]} missing`);
      hardened(`${overlay} StatefulSet/${s.metadata.name}`, s.spec.template.spec);
      if (!s.spec.volumeClaimTemplates?.length) problem(`${overlay} StatefulSet/${s.metadata.name}`, "volumeClaimTemplates required");
      if (!find("Service", s.spec.serviceName)) problem(`${overlay} StatefulSet/${s.metadata.name}`, `governing Service ${s.spec.serviceName} missing`);
    });
  }
  if (overlay === "prod") {
    if (stores.some(Boolean) || find("Service", "redis") || find("Service", "postgres")) problem(overlay, "prod must not run in-cluster stores");
    for (const svc of SERVICES) {
      const data = find("ConfigMap", `${svc}-config`)?.data ?? {};
      if (/\/\/(redis|postgres)[:/]/.test(`${data.REDIS_URL} ${data.PG_URL} ${data.PG_JDBC_URL}`)) problem(`${overlay} ConfigMap/${svc}-config`, "still points at the in-cluster stores");
    }
  }
}

// ---- main --------------------------------------------------------------------------------------------
try {
  const summary = [];
  for (const arg of renders) {
    const [overlay, file] = arg.split("=");
    const objs = [];
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      if (doc.errors.length) { problem(file, doc.errors.map((e) => e.message).join("; ")); continue; }
      const v = doc.toJS();
      if (v) objs.push(v);
    }
    const n = await schema(objs, overlay);
    wiring(objs, overlay);
    conventions(objs, overlay);
    summary.push(`${overlay}: ${n} objects`);
  }
  if (problems.length) { problems.forEach((p) => console.log(p)); console.log(`k8s-validate: ${problems.length} problems`); process.exit(1); }
  const mapped = SERVICES.map((s) => serviceConfig(s).mappedCount).reduce((a, b) => a + b, 0);
  console.log(`${summary.join(", ")}: schema-valid with unknown fields rejected, ports/probes/env names match the services' ` +
    `application.properties and @ConfigMapping (${mapped} mapped properties), conventions hold`);
} catch (e) {
  console.log(`k8s-validate: ${e.stack ?? e}`); process.exit(1);
}
