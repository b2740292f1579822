import { expect, test } from "@playwright/test";
import { EXPIRED_REASON, failureText } from "../../lib/ramp/transactions";
import { expectAccessible } from "../support/axe";
import { RampFormPage, historyRow } from "./ramp-page";

// Coinbase closes a sale as EXPIRED when the crypto does not arrive in time; the sandbox's
// wallet page lets it expire at once, without waiting out its deadline.
test("a sale whose crypto never comes expires: the completion page turns to expired by itself, the history says so, a late deposit is refused", async ({
  page,
}) => {
  // A sign-in, a sale and a page that polls with backoff (up to every 10 s): room on a busy machine.
  test.setTimeout(90_000);
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.05");
  await form.finishOnSandboxPayPage();
  const status = page.getByTestId("transaction-status");
  await expect(status).toHaveText("Waiting for your crypto");
  await expect(page.getByTestId("deposit-address")).toHaveText(/^0x[0-9a-fA-F]{40}$/);

  // Two wallet tabs on the sale: one lets it expire; the other, still showing the deposit
  // button from before, then tries to send the crypto.
  const wallet = await form.openWallet();
  const stale = await form.openWallet();
  await expectAccessible(wallet, "the sandbox deposit page, with its two buttons");
  await wallet.getByRole("button", { name: "Let it expire now" }).click();
  await expect(wallet.getByRole("heading", { name: "This sale has expired" })).toBeVisible();
  await expect(wallet.getByRole("button", { name: "Simulate deposit" })).toHaveCount(0);
  await expect(wallet.getByRole("link", { name: "Back to the app" })).toHaveAttribute(
    "href",
    /^http:\/\/[^/]+\/sell$/,
  );

  // The completion page, left alone, turns to expired.
  await expect(status).toHaveText("Expired", { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The sale expired");
  await expect(page.getByRole("list", { name: "Progress" })).toContainText("Expired");
  // Its reason, not "Expired" again beside "Expired".
  await expect(page.getByText(failureText(EXPIRED_REASON)!)).toBeVisible();
  await expect(page.getByTestId("next-step")).toContainText("start a new sale");
  await expect(page.getByTestId("deposit-address")).toHaveCount(0);
  await expect(page.getByTestId("deposit-amount")).toHaveCount(0);
  await expect(page.getByTestId("amount-received")).toHaveCount(0);
  await expect(page.getByText(/You (receive|sell)/)).toHaveCount(0);
  await expect(page.getByTestId("not-completed-order")).toContainText(/0\.050* ETH on Base/);
  await expect(page.getByRole("link", { name: "Sell crypto" })).toHaveAttribute("href", "/sell");
  await expectAccessible(page, "/sell/complete with an expired sale");

  // A deposit from the tab opened before is refused, and says why.
  await stale.getByRole("button", { name: "Simulate deposit" }).click();
  await expect(stale.getByRole("heading", { name: "This sale has expired" })).toBeVisible();
  await expect(stale.getByText(/a deposit for it is refused/)).toBeVisible();
  await expect(stale.getByText("Deposit received")).toHaveCount(0);

  await page.goto("/account");
  const row = historyRow(page, "Sell ETH on Base");
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").last()).toHaveText(
    "ExpiredThe crypto did not arrive in time.",
  );
  await expect(row.getByRole("link", { name: "Send your crypto" })).toHaveCount(0);
});

test("a sale that expired though the user sent crypto for it says so, with the hash for Coinbase's support, not 'send nothing'", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.05");
  await form.finishOnSandboxPayPage();
  const status = page.getByTestId("transaction-status");
  await expect(status).toHaveText("Waiting for your crypto");
  // The sandbox refuses a send after the deadline; live, Coinbase may report a sale expired
  // with the hash of a send that came around then: the page reads its ledger with that hash.
  const hash = `0x${"ab".repeat(32)}`;
  await page.route("**/api/transactions?*", async (route) => {
    const answer = await route.fetch();
    const body = (await answer.json()) as { transactions?: { status: string; txHash?: string }[] };
    for (const t of body.transactions ?? []) if (t.status === "failed") t.txHash = hash;
    await route.fulfill({ response: answer, json: body });
  });
  const wallet = await form.openWallet();
  await wallet.getByRole("button", { name: "Let it expire now" }).click();

  await expect(status).toHaveText("Expired", { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "The sale expired, but your crypto was sent",
  );
  const next = page.getByTestId("next-step");
  await expect(next).toContainText("contact Coinbase support with the transaction hash");
  await expect(next).not.toContainText(/send nothing|do not send crypto for it|start a new sale/);
  await expect(page.getByTestId("tx-hash")).toHaveText(hash);
  await expectAccessible(page, "/sell/complete with a sale that expired though crypto was sent");
});

test("a browser whose clock is an hour fast still shows a fresh sale's deposit: the hour is the server's", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.05");
  await form.finishOnSandboxPayPage();
  const status = page.getByTestId("transaction-status");
  await expect(status).toHaveText("Waiting for your crypto");

  // Set by hand, or a wrong time zone: the page's "now" is 61 minutes ahead of the server's.
  await page.clock.setSystemTime(new Date(Date.now() + 61 * 60_000));
  await page.reload();
  await expect(status).toHaveText("Waiting for your crypto");
  await expect(page.getByTestId("deposit-address")).toHaveText(/^0x[0-9a-fA-F]{40}$/);
});

test("a completion page that stopped asking (signed out elsewhere) still takes a sale's deposit off once its 30 minutes are over", async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.05");
  await form.finishOnSandboxPayPage();
  await page.clock.install();
  await page.reload();
  const status = page.getByTestId("transaction-status");
  await expect(status).toHaveText("Waiting for your crypto");
  // A minute on: the page's one-off wait after opening is over (nothing else renders it again).
  await page.clock.fastForward("01:01");
  await expect(status).toHaveText("Waiting for your crypto");

  // Signed out: the next check is refused, and the page stops asking.
  await context.clearCookies();
  await page.clock.fastForward("00:11");
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await expect(page.getByTestId("deposit-address")).toBeVisible();

  // The tab left open past the window: no address to send to any more.
  await page.clock.fastForward("01:01:00");
  await expect(page.getByTestId("deposit-address")).toHaveCount(0);
  await expect(status).toHaveText("Not received: send nothing");
});
