// Headless-Chromium test of the web console against a real isolated stack (scripts/browser-test.sh starts it).
// Env: CONSOLE_URL, GATEWAY_URL, ADMIN_KEY_FILE, ADMIN_PASSWORD_FILE, SHOTS (screenshot folder).
import { test } from "node:test";
import assert from "node:assert/strict";
import { CONSOLE, gateway, untilReconciled, launch, newPage, login } from "./helpers.mjs";

test("operator drives the breaker and the kill switch from the console", { timeout: 180_000 }, async () => {
  const browser = await launch();
  try {
    const { page, shot, flash } = await newPage(browser);

    // Log in as the bootstrapped admin operator
    await login(page);
    await page.waitForSelector("tr.component[data-component='execution-gateway']");
    await shot("01-health");

    await page.goto(CONSOLE + "/console/status");
    await page.waitForSelector("#trading-mode");
    await shot("02-status");
    await untilReconciled();

    // Trip the breaker from the page
    await page.goto(CONSOLE + "/console/breaker");
    assert.equal((await page.textContent("#breaker-state")).trim(), "OPEN");
    await page.fill("#trip-reason", "browser test: halting all new risk from the console");
    await page.check("#trip-ack");
    await page.click("#trip-button");
    await page.waitForURL(/done=tripped/);
    assert.match(await flash(), /Circuit breaker tripped/);
    assert.equal((await page.textContent("#breaker-state")).trim(), "TRIPPED");
    await shot("03-tripped");

    // An order is refused while the breaker is tripped
    const order = await gateway("/api/v1/orders", {
      method: "POST",
      body: JSON.stringify({ symbol: "AAPL", side: "buy", qty: 1, type: "market", client_order_id: `browser-${Date.now()}`, confidence: 0.9 }),
    });
    assert.equal(order.status, 423, JSON.stringify(order.body));
    assert.equal(order.body.code, "CIRCUIT_BREAKER_TRIPPED");

    // Reset with a short reason: refused with a message, nothing changes
    assert.match(await page.textContent("#trip-conditions"), /halting all new risk/);
    await page.fill("#reset-reason", "too short");
    await page.check("#reset-ack");
    await page.click("#reset-button");
    await page.waitForSelector("#flash");
    assert.match(await flash(), /at least 20 characters/);
    assert.equal((await page.textContent("#breaker-state")).trim(), "TRIPPED");
    await shot("04-reset-short-reason");

    // Reset properly: QUIET_PERIOD with its countdown
    await page.fill("#reset-reason", "browser test: conditions verified normal, resuming");
    await page.check("#reset-ack");
    await page.click("#reset-button");
    await page.waitForURL(/done=reset/);
    assert.match(await flash(), /Circuit breaker reset/);
    assert.equal((await page.textContent("#breaker-state")).trim(), "QUIET_PERIOD");
    assert.match(await page.textContent("#quiet-countdown"), /\d+ s/);
    await shot("05-reset-quiet-period");

    // Trip again and reset within the minute: the gateway's one-reset-per-minute refusal is shown
    await page.fill("#trip-reason", "browser test: second trip inside the same minute");
    await page.check("#trip-ack");
    await page.click("#trip-button");
    await page.waitForURL(/done=tripped/);
    await page.fill("#reset-reason", "browser test: second reset inside the same minute");
    await page.check("#reset-ack");
    await page.click("#reset-button");
    await page.waitForSelector("#flash");
    assert.match(await flash(), /only one reset per minute/);
    assert.equal((await page.textContent("#breaker-state")).trim(), "TRIPPED");
    await shot("06-second-reset-refused");

    // Kill switch CLOSE_POSITIONS, then off
    await page.goto(CONSOLE + "/console/kill-switch");
    assert.equal((await page.textContent("#kill-state")).trim(), "off");
    await page.check("#mode-close");
    await page.fill("#kill-reason", "browser test: flatten everything");
    await page.check("#kill-confirm");
    await page.click("#kill-button");
    await page.waitForURL(/done=activated/);
    assert.equal((await page.textContent("#kill-state")).trim(), "ON (CLOSE_POSITIONS)");
    assert.match(await page.textContent("#kill-progress"), /Positions left: \d+ · working orders: \d+/);
    await shot("07-kill-switch-on");
    await page.fill("#kill-off-reason", "browser test: flat, trading may resume");
    await page.check("#kill-off-confirm");
    await page.click("#kill-off-button");
    await page.waitForURL(/done=deactivated/);
    assert.equal((await page.textContent("#kill-state")).trim(), "off");
    await shot("08-kill-switch-off");

    // Log out: the pages need a login again
    await page.click("header .logout button");
    await page.waitForURL(/\/console\/login$/);
    await page.goto(CONSOLE + "/console/breaker");
    assert.match(page.url(), /\/console\/login$/);
  } finally {
    await browser.close();
  }
});
