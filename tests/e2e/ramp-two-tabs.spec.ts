import { expect, test, type Page } from "@playwright/test";
import { expectHydrated } from "../support/slow-scripts";
import { RampFormPage, startMorePurchases } from "./ramp-page";

/** The same signed-in user's form in another tab of the browser. */
async function anotherTab(page: Page, side: "buy" | "sell"): Promise<RampFormPage> {
  const tab = await page.context().newPage();
  await tab.goto(`/${side}`);
  await expectHydrated(tab.getByRole("button", { name: "Continue to Coinbase" }));
  return new RampFormPage(tab, side);
}

test("paid in the older of two tabs: the completion page leads with that purchase, not the newer unpaid one", async ({
  page,
}) => {
  const older = await RampFormPage.signedIn(page, "buy");
  await older.continueToCoinbase("USD Coin (USDC)", "Base", "31");
  const newer = await anotherTab(page, "buy");
  await newer.continueToCoinbase("USD Coin (USDC)", "Base", "47");

  // Paid in the first tab only; the second stays on Coinbase's page, unpaid.
  await older.finishOnSandboxPayPage();
  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Purchase complete");
  await expect(page.locator("dt", { hasText: "You paid" }).locator("+ dd")).toHaveText(
    /^\$31\.00$/,
  );
  // The other tab's order is listed beneath, as not paid for yet.
  const others = page.getByRole("region", { name: "Your other purchases" });
  await expect(others.getByRole("listitem")).toHaveCount(1);
  await expect(others.getByRole("listitem")).toContainText(/for \$47\.00: Waiting for Coinbase$/);
  // It opens its own receipt here, the paid one then beneath it (older, so "Earlier"); at
  // once, from the list already in, while the page asks about it (held here): never the paid
  // one's status under its link, nor "not one of this account's".
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/transactions?**", async (route) => {
    await held;
    // (Asked no more meanwhile, the page's request may be gone.)
    await route.continue().catch(() => undefined);
  });
  await others.getByRole("link", { name: /for \$47\.00$/ }).click();
  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+&from=list$/);
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for Coinbase");
  await expect(page.getByTestId("not-the-linked-order")).toHaveCount(0);
  release();
  await page.unroute("**/api/transactions?**");
  await expect(page.getByRole("region", { name: "Earlier" }).getByRole("listitem")).toContainText(
    /for \$31\.00: Success$/,
  );
});

test("paid for after twenty newer orders were started, a purchase still leads its completion page", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.continueToCoinbase("USD Coin (USDC)", "Base", "31");
  // Twenty more started meanwhile: more than the list's newest 20.
  await startMorePurchases(page, 20);

  await form.finishOnSandboxPayPage();
  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 20_000 });
  await expect(page.locator("dt", { hasText: "You paid" }).locator("+ dd")).toHaveText(
    /^\$31\.00$/,
  );
});

test("a sale confirmed in the older of two tabs leads its completion page, with where to send the crypto", async ({
  page,
}) => {
  const older = await RampFormPage.signedIn(page, "sell");
  await older.continueToCoinbase("Ethereum (ETH)", "Base", "0.03");
  const newer = await anotherTab(page, "sell");
  await newer.continueToCoinbase("Ethereum (ETH)", "Base", "0.04");

  await older.finishOnSandboxPayPage();
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for your crypto", {
    timeout: 20_000,
  });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Send your crypto to finish the sale",
  );
  await expect(page.getByTestId("deposit-amount")).toHaveText("0.03 ETH");
  await expect(
    page.getByRole("region", { name: "Your other sales" }).getByRole("listitem"),
  ).toContainText(/0\.04 ETH on Base: Waiting for Coinbase$/);
});
