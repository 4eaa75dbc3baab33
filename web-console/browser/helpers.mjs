// Shared by every *.test.mjs: the stack's URLs and admin credentials (scripts/browser-test.sh sets them), JSON calls
// with an API key, waiting for reconciliation, launching Debian's Chromium and logging in as the bootstrapped admin.
// Env: CONSOLE_URL, GATEWAY_URL, ALERT_ROUTER_URL, ADMIN_KEY_FILE, ADMIN_PASSWORD_FILE, SHOTS, CHROMIUM (optional).
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

export const CONSOLE = process.env.CONSOLE_URL;
export const GATEWAY = process.env.GATEWAY_URL;
export const ALERT_ROUTER = process.env.ALERT_ROUTER_URL;
export const KEY = readFileSync(process.env.ADMIN_KEY_FILE, "utf8").trim();
export const PASSWORD = readFileSync(process.env.ADMIN_PASSWORD_FILE, "utf8").trim();
export const SHOTS = process.env.SHOTS;
mkdirSync(SHOTS, { recursive: true });

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A JSON call with an API key (the admin key unless `key` is given): `{status, body}`. */
export async function call(base, path, init = {}, key = KEY) {
  const res = await fetch(base + path, {
    ...init,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...(init.headers || {}) },
  });
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  return { status: res.status, body };
}

export const gateway = (path, init = {}, key = KEY) => call(GATEWAY, path, init, key);

/** A 1-share AAPL market order through the gateway, with a unique client order id. */
export const order = (prefix = "browser") => gateway("/api/v1/orders", {
  method: "POST",
  body: JSON.stringify({ symbol: "AAPL", side: "buy", qty: 1, type: "market",
    client_order_id: `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, confidence: 0.9 }),
});

export async function untilReconciled() {
  for (let i = 0; i < 60; i++) {
    const { body } = await gateway("/api/v1/status");
    if (body?.reconciliation?.state === "READY") return;
    await sleep(1000);
  }
  throw new Error("reconciliation never READY");
}

/** Polls `check` (async, truthy = done) every `every` ms for at most `ms`; returns its last value or throws `what`. */
export async function until(what, check, ms = 15_000, every = 250) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(every);
  }
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, timeout: 30_000,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A new page of `browser` with a 15 s default timeout, `shot(name)` (full-page PNG in SHOTS as `<prefix><name>`) and `flash()`. */
export async function newPage(browser, prefix = "") {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const shot = (name) => page.screenshot({ path: `${SHOTS}/${prefix}${name}.png`, fullPage: true });
  const flash = async () => (await page.textContent("#flash")).trim();
  return { page, shot, flash };
}

/** Logs in as the bootstrapped admin operator; lands on System Health. */
export async function login(page) {
  await page.goto(CONSOLE + "/console/");
  assert.match(page.url(), /\/console\/login$/);
  await page.fill("#username", "admin");
  await page.fill("#password", PASSWORD);
  await page.click("#login");
  await page.waitForURL(/\/console\/health$/);
  assert.equal((await page.textContent("#who")).trim(), "admin (admin)");
}
