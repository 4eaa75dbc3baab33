// Headless-Chromium test of the Orders, Alerts and Admin pages against a real isolated stack (scripts/browser-test.sh):
// an order placed through the gateway is on the Orders page; an API key created on Admin → API keys works against the
// gateway, still works after a rotation (the old one too, its 24 h end shown) and is refused once revoked; a poisoned
// alert delivery (an unparsable alerts:stream entry, as alert-router's StreamIntakeTest makes one) is retried from the
// Alerts page and delivered; a routing rule is created, edited (a bad target line refused first) and disabled against
// the real router; the audit CSV export has as many rows as the page counts and states its 10,000-row cap.
// Env: see helpers.mjs; REDIS_URL (the stack's Redis DB, for the poisoned entry).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { CONSOLE, gateway, order, untilReconciled, until, launch, newPage, login } from "./helpers.mjs";

test("orders, API keys, poison retry and the audit export from the console", { timeout: 240_000 }, async () => {
  const browser = await launch();
  try {
    const { page, shot, flash } = await newPage(browser, "admin-");
    await login(page);
    await untilReconciled();

    // Orders & Positions: an order placed through the gateway is listed with its status
    const placed = await order("orders-page");
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const coid = placed.body.client_order_id;
    await page.click("#nav-orders");
    await page.waitForURL(/\/console\/orders$/);
    const row = `tr.order[data-client-order-id="${coid}"]`;
    await page.waitForSelector(row);
    assert.match(await page.getAttribute(row, "data-status"), /^(NEW|SUBMITTED|ACCEPTED|PARTIALLY_FILLED|FILLED)$/);
    await shot("01-orders");

    // Admin → API keys: create (secret shown once) → use → rotate (old still works) → revoke (refused)
    await page.click("#nav-keys");
    await page.waitForURL(/\/console\/admin\/keys$/);
    const name = `browser-reader-${Date.now()}`;
    await page.fill("#key-name", name);
    await page.check('input[name="scopes"][value="orders:read"]');
    await page.click("#key-create");
    await page.waitForSelector("#new-key");
    assert.match(await flash(), /created\. Copy the secret now/);
    const first = (await page.textContent("#new-key")).trim();
    assert.match(first, /^twk_[a-z0-9]{8}_/);
    await shot("02-key-created");
    assert.equal((await gateway("/api/v1/orders", {}, first)).status, 200, "the new key reads orders");
    await page.goto(CONSOLE + "/console/admin/keys");
    assert.equal(await page.locator("#new-key").count(), 0, "the secret is shown once only");
    assert.ok(!(await page.content()).includes(first));

    const firstPrefix = first.slice(4, 12);
    await page.click(`tr.key[data-prefix="${firstPrefix}"] .rotate-button`);
    await page.waitForSelector("#old-valid-until");
    const second = (await page.textContent("#new-key")).trim();
    const validUntil = new Date((await page.textContent("#old-valid-until")).trim());
    const hours = (validUntil.getTime() - Date.now()) / 3_600_000;
    assert.ok(hours > 23.9 && hours <= 24.01, `old key valid for ${hours} h`);
    assert.match(await page.textContent(`tr.key[data-prefix="${firstPrefix}"] .state`), /rotated: valid until/);
    await shot("03-key-rotated");
    assert.equal((await gateway("/api/v1/orders", {}, first)).status, 200, "the old key still works after rotation");
    assert.equal((await gateway("/api/v1/orders", {}, second)).status, 200, "the new key works");

    const secondPrefix = second.slice(4, 12);
    await page.fill(`tr.key[data-prefix="${secondPrefix}"] .revoke-reason`, "browser test: the desk reader left");
    await page.click(`tr.key[data-prefix="${secondPrefix}"] .revoke-button`);
    await page.waitForURL(/revoked=/);
    const revokedAt = Date.now();
    assert.match(await flash(), /revoked/);
    await until("revoked keys refused", async () =>
      (await gateway("/api/v1/orders", {}, second)).status === 401 && (await gateway("/api/v1/orders", {}, first)).status === 401,
    5_000, 100);
    assert.ok(Date.now() - revokedAt < 2_000, `refused after ${Date.now() - revokedAt} ms`);
    await shot("04-key-revoked");

    // Alerts: a poisoned delivery, retried from the page, is delivered
    execFileSync("redis-cli", ["-u", process.env.REDIS_URL, "XADD", "alerts:stream", "*", "severity", "LOUD",
      "summary", `browser garbled ${Date.now()}`, "created_at", "yesterday"]);
    await page.click("#nav-alerts");
    await page.waitForURL(/\/console\/alerts$/);
    const poisoned = await until("a poisoned delivery on the Alerts page", async () => {
      await page.reload();
      const rows = page.locator("tr.poisoned");
      return (await rows.count()) > 0 ? rows.first().getAttribute("data-delivery") : null;
    }, 20_000, 500);
    assert.match(await page.textContent(`tr.poisoned[data-delivery="${poisoned}"] td.error`), /unparsable stream entry/);
    await shot("05-poison-queue");
    await page.fill(`tr.poisoned[data-delivery="${poisoned}"] .retry-reason`, "browser test: the entry was looked at");
    await page.click(`tr.poisoned[data-delivery="${poisoned}"] .retry-button`);
    await page.waitForURL(/done=retried/);
    assert.match(await flash(), /re-queued/);
    await until("the retried delivery delivered", async () => {
      await page.reload();
      const rows = page.locator(`tr.delivery[data-delivery="${poisoned}"][data-status="delivered"]`);
      return (await rows.count()) > 0;
    }, 20_000, 500);
    assert.equal(await page.locator(`tr.poisoned[data-delivery="${poisoned}"]`).count(), 0, "no longer poisoned");
    assert.match(await page.textContent(`tr.delivery[data-delivery="${poisoned}"] td.latency`), /\d+ ms/);
    await shot("06-poison-retried");

    // Alerts: a routing rule created, edited and disabled from the page, as the real router stores it
    const ruleName = `browser rule ${Date.now()}`;
    await page.fill("#rule-name", ruleName);
    await page.fill("#rule-priority", "40");
    await page.check("#sev-critical");
    await page.fill("#rule-targets", "slack #alerts-ops\nemail ops@tripwire.invalid");
    await page.fill("#rule-labels", "team=browser");
    await page.click("#rule-save");
    await page.waitForURL(/done=created/);
    const rule = `tr.rule[data-name="${ruleName}"]`;
    assert.equal(await page.getAttribute(rule, "data-enabled"), "true");
    assert.equal((await page.textContent(`${rule} td.targets`)).trim(), "slack #alerts-ops; email ops@tripwire.invalid");
    await page.click(`${rule} .edit-rule`);
    await page.waitForSelector("#rule-form[action^='/console/alerts/rules/']");
    assert.equal(await page.inputValue("#rule-name"), ruleName);
    await page.fill("#rule-targets", "pigeon");
    await page.click("#rule-save");
    await page.waitForSelector('[data-error-for="targets"]');
    assert.match(await flash(), /Nothing saved/);
    await page.fill("#rule-targets", "slack #alerts-ops");
    await page.click("#rule-save");
    await page.waitForURL(/done=updated/);
    assert.equal((await page.textContent(`${rule} td.targets`)).trim(), "slack #alerts-ops");
    await page.click(`${rule} .disable-rule button`);
    await page.waitForURL(/done=disabled/);
    assert.equal(await page.getAttribute(rule, "data-enabled"), "false");
    await shot("07-rule-disabled");

    // Audit log: the chain verified, the CSV export's rows = the page's count, the cap on the page and in the file
    await page.goto(CONSOLE + "/console/admin/audit?action=API_KEY_CREATED");
    assert.equal(await page.getAttribute("#chain-status", "data-intact"), "true");
    assert.match(await page.textContent("#export-cap"), /at most 10,000 rows/);
    const total = Number((await page.textContent("#audit-total")).trim());
    assert.ok(total >= 2, `API_KEY_CREATED rows: ${total}`);
    await shot("08-audit");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#audit-export")]);
    const lines = readFileSync(await download.path(), "utf8").trimEnd().split("\n");
    assert.match(lines[0], /^# Tripwire audit log export: \d+ rows \(capped at 10,000 rows per export; \d+ matched\)$/);
    assert.equal(lines[1], "id,occurredAt,actor,action,resourceType,resourceId,reason,details,outcome,hash");
    assert.equal(lines.length - 2, total, "one CSV line per row counted on the page");
    assert.ok(lines.slice(2).every((l) => l.includes(",API_KEY_CREATED,")));
    assert.ok(lines.some((l) => l.includes(`operator:admin,API_KEY_CREATED,api_key,${firstPrefix}`)));
  } finally {
    await browser.close();
  }
});
