import { expect, test, type Locator, type Page } from "@playwright/test";
import { OPENED_BY_USER, VALID_ONRAMP, buysOf, errorOf, mintBuy } from "../support/api";
import { expectAccessible } from "../support/axe";
import { PORTS, SANDBOX_URL } from "../support/e2e-servers";
import { signInByApi, signInInBrowser, signInOverHttp } from "../support/sign-in";
import { letTimePass } from "../support/time-passed";
import { expectHydrated } from "../support/slow-scripts";
import {
  EVM_ADDRESS,
  RampFormPage,
  historyRow,
  makePhoneLink,
  startMorePurchases,
} from "./ramp-page";

test("the options of the chosen region drive the asset picker", async ({ page }) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "NY");
  await expect(page.getByLabel("Asset").locator("option", { hasText: "(SOL)" })).toHaveCount(0);
  await form.region("US", "CA");
  await expect(page.getByLabel("Asset").locator("option", { hasText: "(SOL)" })).toHaveCount(1);
  await form.region("GB");
  await expect(page.getByLabel("State")).toHaveCount(0);
  await expect(page.getByLabel("Currency").locator("option")).toHaveText(["GBP", "EUR"]);
  await expect(form.signInToContinue).toBeEnabled();
});

/** Signs in, fills the buy form for 100 USD of USDC on Base, and returns the quote it shows. */
async function quotedBuy(page: Page) {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.fill("USD Coin (USDC)", "Base", "100");
  const receive = page.getByTestId("quote").locator('[data-quote="receive"]');
  // The URL carries a quote only once it is for these values: the figures read next are its,
  // not those of the amount the form opened with (kept on screen, updating, meanwhile).
  await expect(page.getByTestId("url-preview")).toContainText("quoteId=");
  await expect(receive).toHaveText(/USDC$/);
  const quoted = {
    pay: await page.locator('[data-quote="pay"]').innerText(),
    receive: await receive.innerText(),
  };
  // Read as people read amounts: Coinbase's padding zeros ("95.93000000") are not shown.
  expect(quoted.receive).toMatch(/^\d+\.\d*[1-9] USDC$|^\d+\.\d\d USDC$/);
  return { form, quoted };
}

test("the quote shown before leaving is the one on the pay page", async ({ page }) => {
  const { form, quoted } = await quotedBuy(page);
  await form.submit.click();

  await form.expectOnPayPage();
  await expect(page).toHaveURL(/quoteId=/);
  await expect(page.locator('[data-quote="total"]')).toHaveText(quoted.pay);
  await expect(page.locator('[data-quote="receive"]')).toHaveText(quoted.receive);
  await page.getByRole("button", { name: "Complete purchase" }).click();
  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);
});

test("a quote on screen is renewed every minute, and Continue carries the renewed one", async ({
  page,
}) => {
  // The page's clock only: a minute passes for its timers in an instant.
  await page.clock.install();
  const quoteIds: string[] = [];
  page.on("response", async (r) => {
    if (!r.url().endsWith("/api/quote") || !r.ok()) return;
    // One answered as its page went on (signing in leads to /buy) has no body left: not counted.
    const answer = (await r.json().catch(() => null)) as { quoteId: string } | null;
    if (answer) quoteIds.push(answer.quoteId);
  });
  const { form } = await quotedBuy(page);
  const panel = page.getByTestId("quote");
  // The quote the user asked for is read out by a screen reader...
  await expect(panel).toHaveAttribute("aria-live", "polite");
  const first = quoteIds.at(-1);
  await page.clock.fastForward("01:01");
  await expect.poll(() => quoteIds.length).toBeGreaterThan(quoteIds.indexOf(first!) + 1);
  const renewed = quoteIds.at(-1)!;
  expect(renewed).not.toBe(first);
  await expect(page.getByTestId("url-preview")).toContainText(`quoteId=${renewed}`);
  // ...the minute's renewal of it is not (its figures read again, mid-typing).
  await expect(panel).toHaveAttribute("aria-live", "off");

  await form.submit.click();
  await form.expectOnPayPage();
  expect(new URL(page.url()).searchParams.get("quoteId")).toBe(renewed);
});

test("a completed buy ends in success on the completion page", async ({ page }) => {
  const { form } = await quotedBuy(page);
  await form.submit.click();
  await form.finishOnSandboxPayPage();
  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 20_000 });

  // The ledger kept it: /account lists it as this user's, read from the database.
  await page.goto("/account");
  const row = historyRow(page, "Buy USDC on Base");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Success");
  await expect(row).toContainText(/\$\d+\.\d\d/);
  await expect(row).toContainText(/\d USDC/);

  // A newer purchase started since: the older row still opens its own receipt, with its
  // transaction on the explorer, not the newest purchase's status.
  await startMorePurchases(page, 1);
  await page.reload();
  await expect(historyRow(page, "Buy USDC on Base")).toHaveCount(2);
  await row.filter({ hasText: "Success" }).getByRole("link", { name: "Buy USDC on Base" }).click();
  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+&from=list$/);
  await expect(page.getByRole("heading", { level: 1, name: "Purchase complete" })).toBeVisible();
  await expect(page.getByTestId("transaction-status")).toHaveText("Success");
  await expect(page.getByTestId("tx-hash").getByRole("link")).toHaveAttribute(
    "href",
    /^https:\/\/basescan\.org\/tx\/0x[0-9a-f]{64}$/,
  );
});

test("a session that ends while a sale waits for its crypto: the page says it stopped checking, and how to go on", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.fill("Ethereum (ETH)", "Base", "0.05");
  await form.submit.click();
  await form.finishOnSandboxPayPage();
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for your crypto");
  const order = new URL(page.url()).searchParams.get("order");
  await expect(
    page.getByText("This page updates by itself when Coinbase sees the deposit."),
  ).toBeVisible();

  // Signed out elsewhere (or the session ran out): the next check is refused.
  await page.context().clearCookies();
  const ended = page.getByRole("alert").filter({ hasText: "Your session has ended" });
  await expect(ended).toContainText("this page has stopped checking", { timeout: 15_000 });
  await expect(ended.getByRole("link", { name: "Sign in" })).toHaveAttribute(
    "href",
    `/sign-in?next=${encodeURIComponent(`/sell/complete?order=${order}`)}`,
  );
  // What was on screen stays (the address may be being copied); no promise of updates.
  await expect(page.getByTestId("deposit-address")).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  await expect(page.getByText("This page updates by itself")).toHaveCount(0);
  await expect(
    page.getByText("Sign in again to see when Coinbase receives the deposit."),
  ).toBeVisible();
});

test("a sell shows where to send the crypto, then success after the simulated deposit", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.fill("Ethereum (ETH)", "Base", "0.05");
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await form.submit.click();
  await form.finishOnSandboxPayPage();

  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for your crypto");
  await expect(page.getByTestId("deposit-amount")).toHaveText("0.05 ETH");
  await expect(page.getByTestId("deposit-address")).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  // Copied in one tap, and said so; a browser that refuses the clipboard says that instead.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy address" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Address copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    await page.getByTestId("deposit-address").innerText(),
  );
  await expect(page.getByRole("img", { name: "QR code of the deposit address" })).toBeVisible();

  // A check lost on the way (a flaky connection) leaves the address on screen, and says so.
  let lost = 0;
  await page.route("**/api/transactions?side=sell*", (route) =>
    lost++ < 1 ? route.abort("connectionreset") : route.continue(),
  );
  const problem = page.getByRole("alert").filter({ hasText: "Could not reach the server" });
  await expect(problem).toContainText("This is the last status we had", { timeout: 15_000 });
  await expect(page.getByTestId("deposit-address")).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for your crypto");

  await form.simulateDeposit();

  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 30_000 });
  await expect(problem).toHaveCount(0);
  await expect(page.locator("dt")).toContainText(["You received", "You sold"]);
  // The deposit box went with the focus on its Copy address: the focus is on the status line,
  // which says what happened, not fallen to the page's top.
  await expect(
    page.getByRole("status").filter({ has: page.getByTestId("transaction-status") }),
  ).toBeFocused();

  await page.goto("/account");
  const row = historyRow(page, "Sell ETH on Base");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Success");
  await expect(row).toContainText(/0\.050* ETH/);
});

test("on a phone, the deposit box copies the address and the amount, its QR code folded away", async ({
  browser,
}) => {
  // The user is on the device that would scan the code: copying is what helps here.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.05");
  await form.finishOnSandboxPayPage();
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for your crypto");

  const qr = page.getByRole("img", { name: "QR code of the deposit address" });
  const showQr = page.getByRole("button", { name: "Show QR code" });
  await expect(showQr).toBeVisible();
  await expect(qr).toBeHidden();

  // The amount a wallet's field takes: the number, without the asset's symbol.
  await page.getByRole("button", { name: "Copy amount" }).click();
  await expect(page.getByRole("button", { name: "Copied amount" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Amount copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("0.05");

  await page.getByRole("button", { name: "Copy address" }).click();
  await expect(page.getByRole("button", { name: "Copied address" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    await page.getByTestId("deposit-address").innerText(),
  );
  // One clipboard: only the latest copy is said, whichever came first.
  const copiedNotices = page.getByRole("status").filter({ hasText: /copied\.$/ });
  await expect(copiedNotices).toHaveText(["Address copied."]);
  await expect(page.getByRole("button", { name: "Copy amount" })).toBeVisible();
  await page.getByRole("button", { name: "Copy amount" }).click();
  await expect(copiedNotices).toHaveText(["Amount copied."]);
  await expect(page.getByRole("button", { name: "Copy address" })).toBeVisible();

  // Still there for someone who wants it (a second device at hand).
  await showQr.click();
  await expect(qr).toBeVisible();
  await expect(page.getByRole("button", { name: "Hide QR code" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );

  // On a computer the code is what the phone scans: shown at once, no button.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
  await expect(qr).toBeVisible();
  await expect(page.getByRole("button", { name: /QR code/ })).toBeHidden();
  await context.close();
});

test("a browser that will not copy says so, and selects the amount to copy by hand", async ({
  page,
}) => {
  // A page served over plain http (a phone on the LAN) has no navigator.clipboard at all.
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
  });
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.05");
  await form.finishOnSandboxPayPage();
  await page.getByRole("button", { name: "Copy amount" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Could not copy" })).toContainText(
    "select the amount",
  );
  expect(await page.evaluate(() => getSelection()?.toString())).toBe("0.05");
});

test("a cancelled purchase says what happened, and promises nothing", async ({ page }) => {
  const { form } = await quotedBuy(page);
  await form.submit.click();
  await form.expectOnPayPage();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);
  // Cancelled, or failed while only the event without Coinbase's reason has come.
  const status = page.getByTestId("transaction-status");
  await expect(status).toHaveText(/^(Cancelled|Failed)$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    /^(Purchase cancelled|The purchase failed)$/,
  );
  await expect(page.getByTestId("next-step")).toContainText(/nothing was (charged|bought)/i);
  await expect(page.getByTestId("amount-received")).toHaveCount(0);
  await expect(page.getByText(/You (receive|pay)/)).toHaveCount(0);
  // What it was for stays, said as what was not bought.
  await expect(page.getByTestId("not-completed-order")).toContainText(
    /USDC on Base for \$[\d,]+\.\d{2}/,
  );
});

test("a purchase whose payment fails (the sandbox's Payment declined) says it failed and why, with nothing charged", async ({
  page,
}) => {
  const { form } = await quotedBuy(page);
  await form.submit.click();
  await form.expectOnPayPage();
  await page.getByRole("button", { name: "Payment declined" }).click();
  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);
  await expect(page.getByTestId("transaction-status")).toHaveText("Failed", { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The purchase failed");
  // Coinbase's reason, in words: the event's code or the transactions API's text.
  await expect(
    page.getByText(/Coinbase could not complete the purchase\.|The payment was declined/),
  ).toBeVisible();
  await expect(page.getByTestId("next-step")).toContainText("Nothing was bought");
  await expect(page.getByTestId("amount-received")).toHaveCount(0);
});

test("a sale still waiting for its crypto keeps its deposit box when a newer sale is cancelled", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.05");
  await form.finishOnSandboxPayPage();
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for your crypto");

  // A second sale, cancelled on Coinbase's page: the newest, and settled.
  await page.goto("/sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.02");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/sell\/complete\?order=[\w-]+$/);
  // Cancelled, or failed while only the event without Coinbase's reason has come.
  await expect(page.getByTestId("transaction-status")).toHaveText(/^(Cancelled|Failed)$/, {
    timeout: 20_000,
  });
  const waiting = page.getByRole("region", {
    name: /^Still waiting for your crypto: 0\.050* ETH on Base/,
  });
  await expect(waiting.getByTestId("deposit-amount")).toHaveText(/^0\.050* ETH$/);
  await expect(waiting.getByTestId("deposit-address")).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  await expectAccessible(page, "/sell/complete with an earlier sale waiting");
});

test("before Coinbase reports, the completion page leaves out the amounts it does not know", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  // Asked in ETH: what it costs in USD is not known until Coinbase says.
  await form.fill("Ethereum (ETH)", "Base");
  await form.amountIn("ETH");
  await form.amount("0.01");
  await form.submit.click();
  await form.expectOnPayPage();
  // Then another, asked in USD, left on Coinbase's page as well.
  await page.goto("/buy");
  await form.fill("Ethereum (ETH)", "Base");
  await form.amountIn("USD");
  await form.amount("40");
  await form.submit.click();
  await form.expectOnPayPage();

  await page.goto("/buy/complete");
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for Coinbase");
  // The latest (40 USD): what arrives is not known yet, and no row says so with a blank.
  await expect(page.locator("dt")).toHaveText(["You pay"]);
  await expect(page.locator("dd")).toHaveText(["$40.00"]);
  // The earlier one, in words without gaps.
  const earlier = page.getByRole("listitem").filter({ hasText: "on Base" });
  await expect(earlier.filter({ hasText: "0.01 ETH on Base" })).toHaveText(/0\.01 ETH on Base: /);
  await expect(page.getByText(/ for :| on Base for $/)).toHaveCount(0);
});

/**
 * Holds the page's next transactions check until the function returned is called, then lets
 * it through, or fails it as a dropped connection would (`lost`).
 */
async function holdNextCheck(page: Page) {
  let release!: (lost: boolean) => void;
  const held = new Promise<boolean>((resolve) => (release = resolve));
  await page.route(
    "**/api/transactions*",
    (route) => held.then((lost) => (lost ? route.abort("failed") : route.continue())),
    { times: 1 },
  );
  return release;
}

/** Marks an element, to tell later whether the page still shows that same one. */
async function mark(element: Locator) {
  await element.evaluate((node) => ((node as { marked?: boolean }).marked = true));
}

/** Whether the status line showing the order's status is the element `mark` marked. */
function statusLineIsMarked(page: Page) {
  return page
    .getByRole("status")
    .filter({ has: page.getByTestId("transaction-status") })
    .evaluate((node) => (node as { marked?: boolean }).marked === true);
}

/**
 * A purchase started and left on Coinbase's page, then /buy/complete with its first check
 * held (answered by the function returned) and its "Checking with Coinbase…" line marked.
 */
async function startedAndChecking(page: Page) {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.continueToCoinbase("USD Coin (USDC)", "Base", "30");
  const answer = await holdNextCheck(page);
  await page.goto("/buy/complete");
  const checking = page.getByRole("status").filter({ hasText: "Checking with Coinbase…" });
  await expectHydrated(checking);
  await mark(checking);
  return answer;
}

test("the first outcome is said in the status line that said the page was checking, so a screen reader hears it", async ({
  page,
}) => {
  // A live region put on the page with its words is often not read out: the outcome must
  // come into the one already there.
  const answer = await startedAndChecking(page);
  answer(false);
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for Coinbase");
  expect(await statusLineIsMarked(page)).toBe(true);
});

test("a first check lost on the way is said in the status line, and the outcome that follows comes into it", async ({
  page,
}) => {
  const answer = await startedAndChecking(page);
  answer(true); // lost
  const failed = page.getByRole("status").filter({ hasText: "Could not reach the server" });
  await expect(failed).toHaveText("Could not reach the server: retrying.");
  expect(await failed.evaluate((node) => (node as { marked?: boolean }).marked)).toBe(true);
  // The next check, a second later, answers.
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for Coinbase");
  expect(await statusLineIsMarked(page)).toBe(true);
});

test("a check answered by a proxy's error page says the status could not be loaded, not that the server is out of reach", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.continueToCoinbase("USD Coin (USDC)", "Base", "30");
  // A load balancer in front of the app answers the first check itself.
  await page.route(
    "**/api/transactions*",
    (route) =>
      route.fulfill({ status: 502, contentType: "text/html", body: "<h1>502 Bad Gateway</h1>" }),
    { times: 1 },
  );
  await page.goto("/buy/complete");
  const line = page.getByRole("status").filter({ hasText: "Could not" });
  await expect(line).toHaveText("Could not load the transaction status.");
  // The next check goes through.
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for Coinbase");
});

test("'Check again' answered by a session that has ended says so, and no longer that it is checking", async ({
  page,
  context,
}) => {
  await RampFormPage.signedIn(page, "sell");
  await page.clock.install();
  await page.goto("/sell/complete");
  const line = page.locator('p[role="status"][tabindex="-1"]');
  await expect(async () => {
    await page.clock.fastForward("00:11");
    await expect(line).toContainText("This page has stopped checking.", { timeout: 500 });
  }).toPass();
  // Signed out elsewhere meanwhile.
  await context.clearCookies();
  await page.getByRole("button", { name: "Check again" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your session has ended" })).toBeVisible();
  await expect(line).toHaveText("No sale started from this account yet.");
});

test("a start left on Coinbase's page reads not completed once its session token has run out, with a way to start again", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "25"); // and left there
  // Six minutes on: the pay URL's session token (5 minutes) has run out.
  await letTimePass(page, 6 * 60 * 1000);
  await page.goto("/buy/complete");
  const status = page.getByTestId("transaction-status");
  // Just opened, as on coming back from Coinbase's page: Coinbase may still be recording a payment.
  await expect(status).toHaveText("Waiting for Coinbase");
  await page.clock.fastForward("01:01");
  await expect(status).toHaveText("Not completed");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Purchase not completed");
  // Not failed: true whether the user left or is still paying, and never an invitation to pay twice.
  await expect(page.getByTestId("next-step")).toHaveText(
    "Coinbase has not reported a purchase from this start. If you left its page without paying, nothing was charged: start again whenever you like. If you did pay, do not pay again: this status changes once Coinbase reports it.",
  );
  await page.getByRole("link", { name: "Start again" }).click();
  await expect(page).toHaveURL(/\/buy$/);

  // Opened from the history, which lists it as not completed: the page says so at once, with
  // no minute of "Waiting for Coinbase" before it.
  await page.goto("/account");
  await page.getByRole("link", { name: "Buy ETH on Base" }).first().click();
  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+&from=list$/);
  await expect(status).toHaveText("Not completed", { timeout: 2_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Purchase not completed");
});

test("a start Coinbase never reported on is, an hour later, not completed rather than waited for", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.02"); // and left there
  // Two hours on: the start is now long past anything Coinbase could report.
  await letTimePass(page, 2 * 60 * 60 * 1000);
  await page.goto("/sell/complete");
  await expect(page.getByTestId("transaction-status")).toHaveText("Not completed");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sale not completed");
  await expect(page.getByTestId("next-step")).toContainText("send nothing");
});

test("a sale still waiting for its crypto past Coinbase's 30 minutes, opened from the history, shows no deposit address", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.02");
  await form.finishOnSandboxPayPage();
  await expect(page.getByRole("button", { name: "Copy address" })).toBeVisible();
  // The box says how long the address is given for, before it is too late.
  await expect(page.getByTestId("deposit-due")).toHaveText(
    /^Send it within 30 minutes, by \d{1,2}:\d{2}\s[AP]M\s\S+\.$/,
  );
  // Two hours on: the address may have run out, the report been missed.
  await letTimePass(page, 2 * 60 * 60 * 1000);
  await page.goto("/account");
  await historyRow(page, "Sell ETH on Base")
    .getByRole("link", { name: "Sell ETH on Base" })
    .click();
  await expect(page).toHaveURL(/\/sell\/complete\?order=[\w-]+&from=list$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Your crypto has not reached Coinbase",
  );
  await expect(page.getByTestId("next-step")).toContainText("send nothing more for it");
  // Sent just before the window closed, it may yet be reported: not to be sent twice.
  await expect(page.getByTestId("next-step")).toContainText(
    "If you sent it already, do not send it again",
  );
  // The status and the progress say so too, not "Waiting for your crypto".
  await expect(page.getByTestId("transaction-status")).toHaveText("Not received: send nothing");
  await expect(page.getByRole("list", { name: "Progress" })).not.toContainText(
    "Waiting for your crypto (now)",
  );
  await expect(page.getByRole("button", { name: "Copy address" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "What to send, and where" })).toHaveCount(0);
});

test("with nothing to show, the completion page stops asking, says so, and asks again when told", async ({
  page,
  context,
}) => {
  await RampFormPage.signedIn(page, "buy");
  await page.clock.install(); // the page's clock: its back-off passes in an instant
  let checks = 0;
  page.on("request", (r) => {
    if (r.url().includes("/api/transactions")) checks += 1;
  });
  await page.goto("/buy/complete");
  const status = page.getByRole("status").filter({ hasText: "No purchase started" });
  await expect(status).toHaveText("No purchase started from this account yet.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No purchase yet");
  await expect(page.getByRole("link", { name: "Buy crypto" })).toHaveAttribute("href", "/buy");
  const gaveUp = status.filter({ hasText: "This page has stopped checking." });
  await expect(async () => {
    await page.clock.fastForward("00:11");
    await expect(gaveUp).toBeVisible({ timeout: 500 });
  }).toPass();
  const asked = checks;
  // A minute: six checks at the longest back-off, had it not stopped. (Not more: the page's
  // clock would put the purchase started below past its session token's life.)
  await page.clock.fastForward("01:00");
  await page.evaluate(() => new Promise((done) => setTimeout(done, 0)));
  expect(checks).toBe(asked);

  // Meanwhile a purchase is filled in in another tab.
  const other = await context.newPage();
  await other.goto("/buy");
  const otherForm = new RampFormPage(other, "buy");
  await otherForm.fill("USD Coin (USDC)", "Base", "30");
  // "Check again": the status line that stays takes the focus from the button, which goes.
  // While the page asks (the answer held here), what it said stays: the headline too.
  const answer = await holdNextCheck(page);
  await page.getByRole("button", { name: "Check again" }).click();
  const line = page.locator('p[role="status"][tabindex="-1"]');
  await expect(line).toBeFocused();
  await expect(line).toHaveText("Checking again…");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No purchase yet");
  answer(false);
  await expect(status).toHaveText("No purchase started from this account yet.");
  // The other tab goes on to Coinbase: this page, asking again, finds the purchase, and says
  // so in the same status line (a screen reader hears it).
  await mark(line);
  await otherForm.submit.click();
  await otherForm.expectOnPayPage();
  await expect(async () => {
    await page.clock.fastForward("00:02");
    await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for Coinbase", {
      timeout: 500,
    });
  }).toPass();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Purchase started");
  expect(await statusLineIsMarked(page)).toBe(true);
  await expect(
    page.getByRole("list", { name: "Progress" }).getByRole("listitem").first(),
  ).toHaveText(/Started \(now\)/);
});

test("signed out, a completion page asks to sign in and comes back after", async ({ page }) => {
  let checks = 0;
  page.on("request", (r) => {
    if (r.url().includes("/api/transactions")) checks += 1;
  });
  await page.clock.install();
  await page.goto("/sell/complete");
  const signIn = page.getByRole("main").getByRole("link", { name: "Sign in", exact: true });
  await expect(signIn).toHaveAttribute("href", "/sign-in?next=/sell/complete");
  // Said in the page's one status line, where "Checking with Coinbase…" was: read out.
  await expect(page.getByRole("status").filter({ hasText: "to see your sales" })).toHaveText(
    "Sign in to see your sales.",
  );
  // A 401 is not asked again: nothing comes until the user signs in.
  await page.clock.fastForward("00:30");
  await page.evaluate(() => new Promise((done) => setTimeout(done, 0)));
  expect(checks).toBe(1);

  await signInInBrowser(page, { next: "/sell/complete" });
  await expect(page.getByRole("status").filter({ hasText: "No sale started" })).toHaveText(
    "No sale started from this account yet.",
  );
});

test("the phone link works once, then says it was used", async ({ page, context }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const form = await RampFormPage.signedIn(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  // A quote is on screen (and in the URL "Continue" would open) when the link is made.
  await expect(page.getByTestId("url-preview")).toContainText("quoteId=");
  await page.getByRole("button", { name: "Continue on my phone" }).click();
  await expect(page.getByRole("img", { name: "QR code of the phone link" })).toBeVisible();
  const link = await page.getByTestId("handoff-url").innerText();
  // This server's APP_URL is localhost, as under `npm run dev`: the panel says a phone cannot open it.
  expect(new URL(link).hostname).toBe("localhost");
  await expect(page.getByTestId("handoff")).toContainText("a phone cannot open it");

  const phone = await context.newPage();
  await phone.goto(link);
  // The phone first says what the link will do; only Continue opens it.
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Continue to Coinbase");
  await expect(phone.getByText("started on another device")).toBeVisible();
  await phone.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(phone).toHaveURL(/\/sandbox\/pay\/buy\/select-asset\?sessionToken=/);
  await expect(phone.getByRole("button", { name: "Complete purchase" })).toBeVisible();
  // The quote on the computer's screen would have run out by the time a phone opens the
  // link (it may be minutes later): the link carries none, and Coinbase prices it anew.
  expect(new URL(phone.url()).searchParams.has("quoteId")).toBe(false);
  // The computer learns it: its code goes, and it says where to follow the purchase.
  await expect(page.getByRole("status").filter({ hasText: "Opened on your phone" })).toHaveText(
    "Opened on your phone: finish there. See how it went on this computer.",
    { timeout: 10_000 },
  );
  await expect(page.getByRole("link", { name: "See how it went" })).toHaveAttribute(
    "href",
    "/buy/complete",
  );
  await expect(page.getByRole("img", { name: "QR code of the phone link" })).toHaveCount(0);

  await phone.goto(link);
  await expect(phone.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  // A link cut short was never one: the page says so, not that it expired.
  await phone.goto(link.slice(0, -3));
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText(
    "This phone link cannot be opened",
  );
  await expect(phone.getByText("It may have been cut short")).toBeVisible();
});

test("a phone link left unopened runs out on the computer's screen too", async ({ page }) => {
  await makePhoneLink(page);
  const code = page.getByRole("img", { name: "QR code of the phone link" });
  await page.clock.install();
  await page.clock.fastForward("05:00");
  await expect(code).toBeVisible();
  // Links live ten minutes: a quarter of an hour on, the panel no longer offers this one.
  await page.clock.fastForward("10:01");
  await expect(page.getByRole("status").filter({ hasText: "run out" })).toHaveText(
    "That link has run out: make a new one.",
  );
  await expect(code).toHaveCount(0);
});

test("opening a phone link (a chat's link preview, a prefetch, the user's browser) uses nothing up: a page asks first", async ({
  page,
  context,
}) => {
  const link = await makePhoneLink(page, "50");
  const id = new URL(link).pathname.split("/").pop();

  // A preview bot sends no fetch metadata; a prefetch says what it is; the user's own browser
  // says it navigates. None of them opens the link.
  for (const headers of [
    { "user-agent": "Slackbot-LinkExpanding 1.0" } as Record<string, string>,
    { ...OPENED_BY_USER, "sec-purpose": "prefetch" },
    OPENED_BY_USER,
  ]) {
    const fetched = await page.request.get(link, { headers, maxRedirects: 0 });
    expect(fetched.status()).toBe(303);
    expect(new URL(fetched.headers().location!).pathname).toBe(`/handoff/${id}`);
    const preview = await page.request.get(link, { headers });
    expect(await preview.text()).toContain("Continue to Coinbase");
  }

  // The phone's browser lands on that page too: the user goes on from it.
  const phone = await context.newPage();
  await phone.goto(link);
  await expect(phone).toHaveURL(new RegExp(`/handoff/${id}$`));
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Continue to Coinbase");
  await expect(phone.getByTestId("handoff-summary")).toHaveText(
    "Buy $50.00 of ETH on Ethereum, to this wallet:",
  );
  // The whole address: a look-alike shares its ends.
  await expect(phone.getByTestId("handoff-wallet")).toHaveText(EVM_ADDRESS);
  await expectAccessible(phone, "/handoff/<id>");
  // The POST names our origin (not "null", as a no-referrer policy would make it): a browser
  // without fetch metadata passes the origin policy by that alone.
  const post = phone.waitForRequest((r) => r.method() === "POST" && r.url().includes("/h/"));
  // While the link opens, the button says so and takes no second tap (a second POST would
  // find the link used, and its answer win). On a phone's network that takes a moment.
  await phone.route(/\/h\//, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  const button = phone.getByRole("button", { name: "Continue to Coinbase" });
  await expectHydrated(button);
  // A tap, and the button a moment later, while the page it leads to is still on its way
  // (Playwright's click and locators would wait for that page).
  const pressed = await button.evaluate(async (b: HTMLButtonElement) => {
    b.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { text: b.textContent, disabled: b.disabled };
  });
  expect(pressed).toEqual({ text: "Opening Coinbase…", disabled: true });
  expect(await (await post).headerValue("origin")).toBe(new URL(link).origin);
  await expect(phone).toHaveURL(/\/sandbox\/pay\/buy\/select-asset\?sessionToken=/);

  await phone.goto(`/handoff/${id}`);
  await expect(phone.getByRole("heading", { name: "This link was already used" })).toBeVisible();
});

test("a phone link opened from another site's page (a webmail's) goes on to Coinbase", async ({
  page,
  context,
}) => {
  const link = await makePhoneLink(page);

  // 127.0.0.1 is another site than localhost: the browser marks the visit cross-site.
  const phone = await context.newPage();
  const mail = `http://127.0.0.1:${PORTS.sandbox + 97}/inbox`;
  await phone.route(mail, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><a href="${link}">Open on your phone</a>`,
    }),
  );
  await phone.goto(mail);
  await phone.getByRole("link", { name: "Open on your phone" }).click();
  await phone.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(phone).toHaveURL(/\/sandbox\/pay\/buy\/select-asset\?sessionToken=/);
});

test("Coinbase's sell page does not confirm an amount that sells nothing: the sandbox neither", async ({
  page,
}) => {
  // Through the API without a region, so no limits are checked before minting.
  await signInByApi(page.request, SANDBOX_URL);
  const minted = await page.request.post("/api/offramp", {
    data: { address: EVM_ADDRESS, network: "base", asset: "ETH", cryptoAmount: "0.000000004" },
  });
  expect(minted.status()).toBe(200);
  await page.goto(((await minted.json()) as { url: string }).url);
  await expect(
    page.getByRole("alert").filter({ hasText: "This amount sells nothing once rounded" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm sale" })).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/sell\/complete\?order=[\w-]+$/);
});

test("before minting, the region's options and limits are enforced by the API", async ({
  request,
}) => {
  await signInByApi(request, SANDBOX_URL);
  const base = {
    address: EVM_ADDRESS,
    network: "base",
    asset: "USDC",
    fiatCurrency: "USD",
    paymentMethod: "CARD",
    country: "US",
    subdivision: "NY",
  };
  const tooSmall = await request.post("/api/onramp", { data: { ...base, fiatAmount: "1" } });
  expect(tooSmall.status()).toBe(400);
  const small = await tooSmall.json();
  expect(small.error.issues).toContainEqual({
    path: "fiatAmount",
    message: expect.stringMatching(/^The minimum for .+ is \$2\.00$/),
  });

  const solInNewYork = await request.post("/api/onramp", {
    data: {
      ...base,
      asset: "SOL",
      network: "solana",
      address: "So11111111111111111111111111111111111111112",
      fiatAmount: "50",
    },
  });
  expect(solInNewYork.status()).toBe(400);
  expect((await solInNewYork.json()).error.issues[0].path).toBe("asset");

  const fine = await request.post("/api/onramp", { data: { ...base, fiatAmount: "50" } });
  expect(fine.status()).toBe(200);
  expect((await fine.json()).url).toContain("sessionToken=");
});

test("before minting, an amount in the asset is held to the method's limits by its worth, as Coinbase would", async ({
  request,
}) => {
  await signInByApi(request, SANDBOX_URL);
  // The sandbox prices ETH at 3,000 USD; a card takes 2 to 7,500 USD, the cash balance 1 to 50,000.
  const order = {
    address: EVM_ADDRESS,
    network: "base",
    asset: "ETH",
    fiatCurrency: "USD",
    country: "US",
    subdivision: "NY",
  };
  const buy = { ...order, paymentMethod: "CARD" };
  const sell = { ...order, cashoutMethod: "FIAT_WALLET" };
  const refusals = [
    ["/api/onramp", buy, "0.0001", /^The minimum for debit card is \$2\.00$/],
    ["/api/onramp", buy, "10", /^The maximum for debit card is \$7,500\.00$/],
    [
      "/api/offramp",
      sell,
      "0.0001",
      /^The minimum for Coinbase cash balance is \$1\.00 \(this amount is worth \$0\.30\)$/,
    ],
    [
      "/api/offramp",
      sell,
      "20",
      /^The maximum for Coinbase cash balance is \$50,000\.00 \(this amount is worth \$60,000\.00\)$/,
    ],
  ] as const;
  for (const [path, body, cryptoAmount, limit] of refusals) {
    const refused = await request.post(path, { data: { ...body, cryptoAmount } });
    expect(await errorOf(refused), `${path} ${cryptoAmount} ETH`).toEqual({
      status: 400,
      code: "invalid_request",
    });
    const { error } = (await refused.json()) as { error: { message: string; issues: unknown } };
    expect(error.message).toMatch(limit);
    expect(error.issues).toEqual([{ path: "cryptoAmount", message: error.message }]);
  }
  // Nor is a phone link made for one.
  const link = await request.post("/api/handoff", {
    data: { side: "buy", request: { ...buy, cryptoAmount: "10" } },
  });
  expect(await errorOf(link)).toEqual({ status: 400, code: "invalid_request" });
  expect(((await link.json()) as { error: { issues: { path: string }[] } }).error.issues).toEqual([
    { path: "request.cryptoAmount", message: expect.stringMatching(/^The maximum for debit card/) },
  ]);

  for (const [path, body, cryptoAmount] of [
    ["/api/onramp", buy, "0.01"],
    ["/api/offramp", sell, "0.5"],
  ] as const) {
    const fine = await request.post(path, { data: { ...body, cryptoAmount } });
    expect(fine.status(), `${path} ${cryptoAmount} ETH`).toBe(200);
    expect(((await fine.json()) as { url: string }).url).toContain(
      `presetCryptoAmount=${cryptoAmount}`,
    );
  }
});

test("two tabs started for one wallet: the purchase paid in the first lands on the first's row, not the newest", async ({
  page,
}) => {
  await signInOverHttp(page, { next: "/buy" });
  // The wallet typed in lower case: Coinbase (and the sandbox) report it checksummed.
  const order = { ...VALID_ONRAMP, address: EVM_ADDRESS.toLowerCase(), fiatCurrency: "USD" };
  const first = await mintBuy(page.request, { ...order, fiatAmount: "31" });
  const second = await mintBuy(page.request, { ...order, fiatAmount: "47" });

  await page.goto(first.url);
  await page.getByRole("button", { name: "Complete purchase" }).click();
  // Back to the completion page of the order paid, named in the redirect URL.
  await expect(page).toHaveURL(new RegExp(`/buy/complete\\?order=${first.transactionId}$`));
  await expect
    .poll(async () => (await buysOf(page.request)).some((t) => t.status === "success"), {
      timeout: 20_000,
    })
    .toBe(true);
  const rows = await buysOf(page.request);
  const row = (id: string) => rows.find((t) => t.id === id);
  expect(row(first.transactionId)).toMatchObject({ status: "success", fiat: { value: "31.00" } });
  expect(row(second.transactionId)).toMatchObject({
    status: "started",
    fiat: { value: "47", currency: "USD" },
  });
  expect(rows).toHaveLength(2);
});
