// Headless-Chromium test of Admin → Configuration against a real isolated stack (scripts/browser-test.sh starts it):
// an admin lowers the per-order notional cap with a preview of old → new, and an order the gateway admitted
// just before is refused 422 FAT_FINGER within 5 s (config:changed, no restart); putting the cap back to its
// default admits it again within 5 s. A bad value shows its field error and saves nothing.
// Env: CONSOLE_URL, GATEWAY_URL, ADMIN_KEY_FILE, ADMIN_PASSWORD_FILE, SHOTS (screenshot folder).
import { test } from "node:test";
import assert from "node:assert/strict";
import { CONSOLE, call, order as placeOrder, sleep, untilReconciled, launch, newPage, login } from "./helpers.mjs";

const CAP = "gateway.risk.max-order-notional";
const CAP_INPUT = `input[name="set.${CAP}"]`;
const APPLY_WITHIN_MS = 5000;
const order = () => placeOrder("cfg");

/** Polls orders until one answers `status`; returns the answer and the milliseconds since `since`. */
async function untilOrderAnswers(status, since) {
  let last;
  while (Date.now() - since < APPLY_WITHIN_MS + 2000) {
    last = await order();
    if (last.status === status) return { answer: last, elapsed: Date.now() - since };
    await sleep(100);
  }
  throw new Error(`no order answered ${status} in time; last ${last?.status} ${JSON.stringify(last?.body)}`);
}

test("admin changes a limit with a preview and the gateway's admission follows within 5 s", { timeout: 180_000 }, async () => {
  const browser = await launch();
  try {
    const { page, shot, flash } = await newPage(browser, "config-");
    const version = async () => (await call(CONSOLE, "/api/v1/admin/config")).body.version;

    await untilReconciled();
    const before = await order();
    assert.equal(before.status, 201, `admitted before the change: ${JSON.stringify(before.body)}`);

    await login(page);
    await page.click("#nav-config");
    await page.waitForURL(/\/console\/admin\/config$/);
    assert.equal(await page.inputValue(CAP_INPUT), "1000000");
    const startVersion = await version();
    await shot("01-current");

    // A bad value: the field error next to its input, nothing saved
    await page.fill(CAP_INPUT, "-5");
    await page.fill("#config-reason", "browser test: a typo in the cap");
    await page.click("#config-preview-button");
    await page.waitForSelector(`[data-error-for="${CAP}"]`);
    assert.match(await page.textContent(`[data-error-for="${CAP}"]`), /must be between 1 and/);
    assert.match(await flash(), /Nothing saved/);
    assert.equal(await version(), startVersion);
    await shot("02-field-error");

    // Lower the cap to 1 USD: preview old → new, then confirm
    await page.fill(CAP_INPUT, "1");
    await page.fill("#config-reason", "browser test: cap every order at 1 USD");
    await page.click("#config-preview-button");
    await page.waitForSelector("#config-preview");
    const row = `#config-preview tr[data-field="${CAP}"]`;
    assert.equal((await page.textContent(`${row} td.old`)).trim(), "1000000 (default)");
    assert.equal((await page.textContent(`${row} td.new`)).trim(), "1");
    assert.equal((await page.textContent(`${row} td.direction`)).trim(), "tighter");
    assert.equal(await version(), startVersion, "a preview saves nothing");
    await shot("03-preview");
    await page.click("#config-apply");
    const applied = Date.now();
    await page.waitForURL(/done=\d+/);
    assert.match(await flash(), /saved and published/);
    assert.equal(await page.inputValue(CAP_INPUT), "1");
    await shot("04-applied");

    const refused = await untilOrderAnswers(422, applied);
    assert.equal(refused.answer.body.code, "FAT_FINGER");
    assert.equal(refused.answer.body.details.max_notional, "1");
    assert.ok(refused.elapsed < APPLY_WITHIN_MS, `refused after ${refused.elapsed} ms`);

    // And back: clear the value (the gateway default), and the same order is admitted again
    await page.fill(CAP_INPUT, "");
    await page.fill("#config-reason", "browser test: back to the gateway default cap");
    await page.click("#config-preview-button");
    await page.waitForSelector("#config-preview");
    assert.equal((await page.textContent(`${row} td.new`)).trim(), "1000000 (default)");
    await page.click("#config-apply");
    const restored = Date.now();
    await page.waitForURL(/done=\d+/);
    const admitted = await untilOrderAnswers(201, restored);
    assert.ok(admitted.elapsed < APPLY_WITHIN_MS, `admitted again after ${admitted.elapsed} ms`);
    await shot("05-restored");
  } finally {
    // Whatever happened, leave the cap at the gateway default for the other browser tests
    await call(CONSOLE, "/api/v1/admin/config", {
      method: "PUT", body: JSON.stringify({ settings: { [CAP]: null }, reason: "browser test clean-up" }),
    }).catch(() => {});
    await browser.close();
  }
});
