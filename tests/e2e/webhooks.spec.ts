import { readFileSync, rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { VALID_ONRAMP, buysOf, mintBuy } from "../support/api";
import { PORTS, databaseDir, serverLogPath } from "../support/e2e-servers";
import { startOwnServer } from "../support/own-server";
import { signInOverHttp } from "../support/sign-in";
import { RampFormPage } from "./ramp-page";

/**
 * The ledger learns outcomes from Coinbase's webhooks alone. This spec's own server has the
 * Coinbase fallback off (LEDGER_SYNC_SECONDS=0: the transaction status API is never asked), and
 * its sandbox delivers every event twice and holds every non-final event back until after the
 * next one, so success arrives before "in progress" and each event is a repeat. A buy and a
 * sell must still end in success on their completion pages.
 */
const URL_ = `http://localhost:${PORTS.webhooksOnly}`;

// Held-back events are sent at the latest 10 s after they were due: slower than usual.
test.describe.configure({ mode: "serial", timeout: 90_000 });
test.use({ baseURL: URL_ });

let stopApp: () => Promise<void>;

test.beforeAll(async () => {
  rmSync(databaseDir(PORTS.webhooksOnly), { recursive: true, force: true });
  ({ stop: stopApp } = await startOwnServer(PORTS.webhooksOnly, {
    PGLITE_DIR: databaseDir(PORTS.webhooksOnly),
    SMTP_URL: "",
    RATE_LIMIT_PER_MINUTE: "1000",
    LEDGER_SYNC_SECONDS: "0",
    SANDBOX_WEBHOOK_DUPLICATE_SHARE: "1",
    SANDBOX_WEBHOOK_REORDER_SHARE: "1",
  }));
});

test.afterAll(async () => {
  await stopApp?.();
});

/** The server's log lines of one event name, parsed. */
function logged(event: string): Record<string, unknown>[] {
  return readFileSync(serverLogPath(PORTS.webhooksOnly), "utf8")
    .split("\n")
    .filter((line) => line.includes(`"event":"${event}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("a buy reaches success on its completion page through webhooks alone", async ({ page }) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.continueToCoinbase("USD Coin (USDC)", "Base", "40");
  await form.finishOnSandboxPayPage();
  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 30_000 });
});

test("a sell reaches success through webhooks alone, deposit address included", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.05");
  await form.finishOnSandboxPayPage();
  await expect(page.getByTestId("deposit-address")).toHaveText(/^0x[0-9a-fA-F]{40}$/, {
    timeout: 30_000,
  });
  await form.simulateDeposit();
  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 30_000 });
});

test("the successes came by webhook, through repeats and reordering", () => {
  const received = logged("webhook_received");
  for (const type of ["onramp.transaction.success", "offramp.transaction.success"])
    expect(
      received.filter((l) => l.type === type && l.outcome === "applied"),
      type,
    ).toHaveLength(1);
  expect(received.filter((line) => line.duplicate === true).length).toBeGreaterThan(0);
  // An event held back until after a later one arrives late and changes nothing.
  expect(received.filter((line) => line.outcome === "stale").length).toBeGreaterThan(0);
});

test("events of a purchase whose pay URL was edited to another user's reference leave that user's started row alone", async ({
  browser,
}) => {
  // Alice has started a purchase and not paid yet.
  const alice = await (await browser.newContext()).newPage();
  await signInOverHttp(alice, { next: "/buy" });
  const aliceRef = await new RampFormPage(alice, "buy").previewedUserRef();
  const started = await mintBuy(alice.request, { ...VALID_ONRAMP, fiatAmount: "31" });

  // Bob mints for his own wallet, puts Alice's reference in the pay URL, and pays.
  const bob = await (await browser.newContext()).newPage();
  await signInOverHttp(bob, { next: "/buy" });
  const bobs = await mintBuy(bob.request, { ...VALID_ONRAMP, address: `0x${"ab".repeat(20)}` });
  const edited = new URL(bobs.url);
  for (const name of ["partnerUserRef", "partnerUserId"]) edited.searchParams.set(name, aliceRef);
  const earlier = new Set(logged("webhook_received").map((line) => line.eventId));
  await bob.goto(edited.href);
  await bob.getByRole("button", { name: "Complete purchase" }).click();
  await expect(bob).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);

  // Its success event, filed under Alice, has been received and applied to whatever it fits.
  const successOf = () =>
    logged("webhook_received").find(
      (line) =>
        line.type === "onramp.transaction.success" &&
        line.outcome !== undefined &&
        !earlier.has(line.eventId),
    );
  await expect.poll(successOf, { timeout: 30_000 }).toBeTruthy();
  const [hers] = (await buysOf(alice.request)).filter((t) => t.id === started.transactionId);
  expect(hers?.status, "Alice's started row").toBe("started");
  expect(hers?.coinbaseId).toBeUndefined();
  expect(successOf()).toMatchObject({ outcome: "unmatched", reason: "address_mismatch" });
  await alice.context().close();
  await bob.context().close();
});
