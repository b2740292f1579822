import { expect, test, type Page } from "@playwright/test";
import { EVM_ADDRESS, RampFormPage, holdRequests } from "./ramp-page";

/**
 * Another asset picked while the amount is typed in the asset: the amount keeps its worth, not
 * its number (0.5 ETH, about 1,500 USD, must not become 0.5 BTC, about 30,000). Sandbox: ETH
 * is 3,000 USD, BTC 60,000.
 */

/** /buy in New York, ETH on Base, the test address, paid by bank account (up to 25,000 USD). */
async function buyEth(page: Page): Promise<RampFormPage> {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "NY");
  await form.fill("Ethereum (ETH)", "Base");
  await page.getByLabel("Payment method").selectOption("ACH_BANK_ACCOUNT");
  return form;
}

/** /sell of ETH on Ethereum to the cash balance, from the test address. */
async function sellEth(page: Page): Promise<RampFormPage> {
  const form = await RampFormPage.sellToCashBalance(page);
  await form.address.fill(EVM_ADDRESS);
  return form;
}

const pickAsset = (page: Page, label: string) => page.getByLabel("Asset").selectOption({ label });

test("a purchase typed in ETH, moved to BTC, keeps what it costs, in dollars, across a reload", async ({
  page,
}) => {
  const form = await buyEth(page);
  await form.amountIn("ETH");
  await form.amount("0.5");
  const estimate = page.locator("[data-quote=estimate]");
  await expect(estimate).toHaveText(/^You pay about \$1,5\d\d\.\d\d$/);
  const cost = Number((await estimate.innerText()).replace(/^You pay about \$|,/g, ""));

  await pickAsset(page, "Bitcoin (BTC)");
  await expect(form.amountField).toHaveAccessibleName("Amount (USD)");
  await expect(form.amountField).toHaveValue(/^\d+\.\d\d$/);
  const amount = await form.amountField.inputValue();
  // The same figure (the page rounds its text, the field its value, each to the cent).
  expect(Math.abs(Number(amount) - cost)).toBeLessThanOrEqual(0.01);
  await expect(page.getByTestId("form-notices")).toContainText(
    /Amount now in USD: \$1,5\d\d\.\d\d, what 0\.5 ETH came to\./,
  );
  // Bitcoin is quoted for that money: about 0.025 BTC, not 0.5.
  const pay = page.locator('[data-quote="pay"]');
  await expect(pay).toHaveText(
    `$${Number(amount).toLocaleString("en-US", { minimumFractionDigits: 2 })}`,
  );
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/^0\.02\d* BTC$/);
  // Nothing else the user typed is lost.
  await expect(form.address).toHaveValue(EVM_ADDRESS);
  await expect(page.getByLabel("Payment method")).toHaveValue("ACH_BANK_ACCOUNT");

  // The kept form holds the amount as it is now.
  await page.reload();
  await expect(page.getByLabel("Asset")).toHaveValue("BTC");
  await expect(form.amountField).toHaveAccessibleName("Amount (USD)");
  await expect(form.amountField).toHaveValue(amount);
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/^0\.02\d* BTC$/);
});

test("a sale typed in ETH, moved to BTC, keeps what it is worth, in dollars, across a reload", async ({
  page,
}) => {
  const form = await sellEth(page);
  await form.amount("0.5");
  await expect(page.locator('[data-quote="pay"]')).toHaveText(/^0\.50* ETH$/);

  await pickAsset(page, "Bitcoin (BTC)");
  // 0.5 ETH at 3,000 USD, before Coinbase's fee: what the sale's limits are about.
  await expect(form.amountField).toHaveAccessibleName("Amount (USD)");
  await expect(form.amountField).toHaveValue("1500.00");
  await expect(page.getByTestId("form-notices")).toContainText(
    "Amount now in USD: $1,500.00, what 0.5 ETH came to.",
  );
  const estimate = page.locator("[data-quote=estimate]");
  await expect(estimate).toHaveText("You sell about 0.025 BTC");
  await expect(form.address).toHaveValue(EVM_ADDRESS);
  await expect(page.getByLabel("Cash out to")).toHaveValue("FIAT_WALLET");

  await page.reload();
  await expect(page.getByLabel("Asset")).toHaveValue("BTC");
  await expect(form.amountField).toHaveAccessibleName("Amount (USD)");
  await expect(form.amountField).toHaveValue("1500.00");
  await expect(estimate).toHaveText("You sell about 0.025 BTC");
});

for (const side of ["buy", "sell"] as const) {
  test(`${side}: an amount in ETH whose worth is not on screen yet is emptied, not carried over to BTC, and that is said`, async ({
    page,
  }) => {
    const form = side === "buy" ? await buyEth(page) : await sellEth(page);
    if (side === "buy") await form.amountIn("ETH");
    // No quote yet, as on a slow connection: nothing says what the ETH is worth.
    const release = await holdRequests(page, "**/api/quote");
    await form.amount("0.5");
    await pickAsset(page, "Bitcoin (BTC)");
    await expect(form.amountField).toHaveAccessibleName("Amount (BTC)");
    await expect(form.amountField).toHaveValue("");
    await expect(page.getByTestId("form-notices")).toContainText(
      "Amount cleared: enter how much BTC.",
    );
    await expect(form.address).toHaveValue(EVM_ADDRESS);
    await release();
    await page.reload();
    await expect(page.getByLabel("Asset")).toHaveValue("BTC");
    await expect(form.amountField).toHaveValue("");
  });
}

test("an amount in dollars stays the same dollars when the asset changes", async ({ page }) => {
  const form = await buyEth(page);
  await form.amount("100");
  await expect(page.locator('[data-quote="pay"]')).toHaveText("$100.00");
  await pickAsset(page, "Bitcoin (BTC)");
  await expect(form.amountField).toHaveAccessibleName("Amount (USD)");
  await expect(form.amountField).toHaveValue("100");
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/ BTC$/);
  await expect(page.locator('[data-quote="pay"]')).toHaveText("$100.00");
  await expect(page.getByTestId("form-notices")).not.toContainText("Amount");
});

test("an amount in SOL, where a change of region swaps SOL for ETH, is emptied there, and back again where SOL is offered", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "CA");
  await form.choose("Solana (SOL)", "Solana");
  await form.amountIn("SOL");
  await form.amount("10");
  // New York offers no SOL: 10 SOL (about 1,500 USD) must not become 10 ETH (30,000).
  await form.region("US", "NY");
  const notices = page.getByTestId("form-notices");
  await expect(notices).toContainText(
    "SOL is not offered in United States · New York: switched to ETH.",
  );
  await expect(notices).toContainText("Amount cleared: enter how much ETH.");
  await expect(form.amountField).toHaveAccessibleName("Amount (ETH)");
  await expect(form.amountField).toHaveValue("");
  // Nothing changed in New York: back in California, the user's 10 SOL.
  await form.region("US", "CA");
  await expect(form.amountField).toHaveAccessibleName("Amount (SOL)");
  await expect(form.amountField).toHaveValue("10");
  await expect(notices).not.toContainText("Amount cleared");
});
