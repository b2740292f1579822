import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { PORTS, databaseDir } from "../support/e2e-servers";
import { startOwnServer } from "../support/own-server";
import { RampFormPage, historyRow } from "./ramp-page";

/**
 * A deployment without webhooks (the live default without CDP_WEBHOOK_SECRET): this spec's own
 * server has a sandbox that delivers no event, so the ledger learns an outcome only when the app
 * asks Coinbase. A user who paid and left before the completion page loaded must still see,
 * on /account, what Coinbase made of it.
 */
test.use({ baseURL: `http://localhost:${PORTS.noWebhooks}` });
// Its own server starts first (a new database, its migrations): on a busy machine, over 30 s.
test.describe.configure({ timeout: 60_000 });

let stopApp: () => Promise<void>;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  rmSync(databaseDir(PORTS.noWebhooks), { recursive: true, force: true });
  ({ stop: stopApp } = await startOwnServer(PORTS.noWebhooks, {
    PGLITE_DIR: databaseDir(PORTS.noWebhooks),
    SMTP_URL: "",
    RATE_LIMIT_PER_MINUTE: "1000",
    SANDBOX_WEBHOOK_LOSS_SHARE: "1",
  }));
});

test.afterAll(async () => {
  await stopApp?.();
});

test("a purchase paid on Coinbase whose completion page never loaded reads as Coinbase settled it on /account", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.continueToCoinbase("USD Coin (USDC)", "Base", "40");
  // The user pays, then closes the tab before the way back to the app loads.
  await page.route(/\/buy\/complete/, (route) => route.abort());
  const leftFor = page.waitForRequest(/\/buy\/complete\?order=/);
  await page.getByRole("button", { name: "Complete purchase" }).click();
  await leftFor;
  await page.unroute(/\/buy\/complete/);

  // The sandbox settles a purchase 3 s after it is paid: the user looks until it has.
  const status = historyRow(page, "Buy USDC on Base").getByRole("cell").last();
  await expect(async () => {
    await page.goto("/account");
    await expect(status).toHaveText("Success", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(historyRow(page, "Buy USDC on Base")).toContainText("38.38 USDC");
});
