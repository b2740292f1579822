import { expect, test, type Page } from "@playwright/test";
import { RampFormPage } from "./ramp-page";

/**
 * What the buy/sell form says about an amount it cannot take: one message per problem, at
 * the amount field (marked invalid, and its description), in plain words with the method's
 * limits as money; the quote panel does not say it again. Sandbox: a debit card takes 2 to
 * 7,500 USD; a sale to the Coinbase cash balance at most 50,000 USD worth (ETH is 3,000 USD).
 */
async function buyByCard(page: Page) {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "NY");
  await form.choose("Ethereum (ETH)", "Ethereum");
  await page.getByLabel("Payment method").selectOption("CARD");
  return form;
}

test("an amount below the card's minimum is said once, at the field, as money", async ({
  page,
}) => {
  const form = await buyByCard(page);
  await form.amount("1", "USD");
  await expect(form.amountField).toHaveAttribute("aria-invalid", "true");
  await expect(form.amountField).toHaveAccessibleDescription(
    /The minimum for debit card is \$2\.00/,
  );
  await expect(page.getByText(/minimum/i)).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Quote" })).not.toContainText(/minimum/i);
  // A fitting amount clears it and is quoted.
  await form.amount("25");
  await expect(page.locator('[data-quote="pay"]')).toHaveText("$25.00");
  await expect(form.amountField).not.toHaveAttribute("aria-invalid", "true");
});

test("a huge amount is told the card's maximum, not the API's ceiling", async ({ page }) => {
  const form = await buyByCard(page);
  await form.amount("999999999999", "USD");
  await expect(form.amountField).toHaveAttribute("aria-invalid", "true");
  await expect(form.amountField).toHaveAccessibleDescription(
    /The maximum for debit card is \$7,500\.00/,
  );
  await expect(page.getByText(/1,000,000/)).toHaveCount(0);
  await expect(page.getByText(/maximum/i)).toHaveCount(1);
});

test("a sale over the cash balance's maximum is told in plain words at the field", async ({
  page,
}) => {
  const form = await RampFormPage.sellToCashBalance(page);
  await form.amount("100");
  await expect(form.amountField).toHaveAttribute("aria-invalid", "true");
  // What the 100 ETH came to is said too: the limit is in dollars, the amount in ETH.
  await expect(form.amountField).toHaveAccessibleDescription(
    /The maximum for Coinbase cash balance is \$50,000\.00 \(this amount is worth \$300,000\.00\)/,
  );
  await expect(form.amountField).not.toHaveAccessibleDescription(/FIAT_WALLET|sell_amount/);
  await expect(page.getByRole("region", { name: "Quote" })).not.toContainText(
    /FIAT_WALLET|sell_amount|maximum/i,
  );
});

test("an amount in the asset shows its estimated price, and one below the card's minimum is refused", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.region("US", "NY");
  await form.fill("Ethereum (ETH)", "Ethereum");
  await page.getByLabel("Payment method").selectOption("CARD");
  await form.amountIn("ETH");
  await form.amount("0.01");
  // ETH is 3,000 USD in the sandbox: 0.01 ETH is about 30 USD, fees on top.
  const quote = page.getByRole("region", { name: "Quote" });
  // An estimate, in cents: not the float it was worked out as.
  await expect(quote.locator("[data-quote=estimate]")).toHaveText(/^You pay about \$3\d\.\d\d$/);
  await expect(quote.locator("[data-quote=rate]")).toHaveText("1 ETH ≈ $3,000.00");
  // A small amount carries the whole fixed network fee: what the sandbox charges for 0.001
  // ETH is $3.00 of ETH and the $1.50 fee, grossed up by the card's 3.99%.
  await form.amount("0.001");
  await expect(quote.locator("[data-quote=estimate]")).toHaveText("You pay about $4.69");
  // The quote priced another amount: the URL does not carry it.
  await expect(page.getByTestId("url-preview")).not.toContainText("quoteId=");

  await form.amount("0.000000000000000001");
  await expect(form.amountField).toHaveAttribute("aria-invalid", "true");
  await expect(form.amountField).toHaveAccessibleDescription(
    /The minimum for debit card is \$2\.00/,
  );
  await form.submit.click();
  await expect(page).toHaveURL(/\/buy$/);
  await expect(form.amountField).toBeFocused();
});

test("over the card's maximum in one asset, then another asset: the amount keeps its worth, still over, until one that fits", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.region("US", "NY");
  await form.fill("Coinbase Wrapped BTC (cbBTC)", "Base");
  await page.getByLabel("Payment method").selectOption("CARD");
  await form.amountIn("cbBTC");
  // 1 cbBTC is about 60,000 USD: over the card's 7,500, said at the field, and on Continue.
  await form.amount("1");
  const maximum = /The maximum for debit card is \$7,500\.00/;
  await expect(form.amountField).toHaveAccessibleDescription(maximum);
  // No estimate of what it would cost: the amount cannot be bought.
  const quote = page.getByRole("region", { name: "Quote" });
  await expect(quote).toHaveText("Change the amount to see what you receive.");
  await form.submit.click();
  await expect(form.amountField).toBeFocused();
  await expect(page).toHaveURL(/\/buy$/);
  // ETH picked: the amount is what the cbBTC came to, in dollars, not 1 ETH; still too much.
  await page.getByLabel("Asset").selectOption({ label: "Ethereum (ETH)" });
  await expect(form.amountField).toHaveAccessibleName("Amount (USD)");
  await expect(form.amountField).toHaveValue(/^6\d{4}\.\d\d$/);
  await expect(form.amountField).toHaveAccessibleDescription(maximum);
  await expect(form.amountField).toHaveAttribute("aria-invalid", "true");
  // An amount that fits: the maximum is no longer said, and Continue goes on.
  await form.amount("3000");
  await expect(quote.locator('[data-quote="pay"]')).toHaveText("$3,000.00");
  await expect(form.amountField).not.toHaveAttribute("aria-invalid");
  await expect(form.amountField).not.toHaveAccessibleDescription(maximum);
  await form.submit.click();
  await form.expectOnPayPage();
});

test("a sale in the asset outside the cash balance's limits is not minted, even sent before its quote came", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.region("US", "NY");
  await form.fill("Ethereum (ETH)", "Ethereum");
  await page.getByLabel("Cash out to").selectOption("FIAT_WALLET");
  // Continue at once, while the quote that measures 100 ETH is still on its way.
  await form.amount("100");
  await form.submit.click();
  const maximum =
    /The maximum for Coinbase cash balance is \$50,000\.00 \(this amount is worth \$300,000\.00\)/;
  await expect(form.amountField).toHaveAccessibleDescription(maximum);
  await expect(form.amountField).toBeFocused();
  await expect(page).toHaveURL(/\/sell$/);

  // Under the minimum, with the quote in: said the way the API says it, and not minted either.
  await form.amount("0.0001");
  const minimum =
    /The minimum for Coinbase cash balance is \$1\.00 \(this amount is worth \$0\.30\)/;
  await expect(form.amountField).toHaveAccessibleDescription(minimum);
  await form.submit.click();
  await expect(form.amountField).toBeFocused();
  await expect(page).toHaveURL(/\/sell$/);
  await expect(page.getByText(/minimum/i)).toHaveCount(1);
});

test("a sale typed in dollars shows about how much of the asset it sends, from Coinbase's sell quote", async ({
  page,
}) => {
  const form = await RampFormPage.sellToCashBalance(page);
  await form.amountIn("USD");
  const quote = page.getByRole("region", { name: "Quote" });
  await expect(quote).toHaveText("Enter an amount to see about how much ETH you sell.");
  // ETH is 3,000 USD in the sandbox: 50 USD of it is 0.0166667 ETH.
  await form.amount("50");
  await expect(quote).toContainText("You sell about 0.0166667 ETH");
  // Switched to the asset, the field holds the very figure the panel said.
  await form.amountIn("ETH");
  await expect(form.amountField).toHaveValue("0.0166667");
  await form.amountIn("USD");
  await expect(form.amountField).toHaveValue("50");
  // The price, from the same quote (its figures for 1 ETH), as consumer widgets show it.
  await expect(quote.locator("[data-quote=rate]")).toHaveText("1 ETH ≈ $3,000.00");
  // The quote priced another amount: the URL does not carry it.
  await expect(page.getByTestId("url-preview")).not.toContainText("quoteId=");
  await form.amount("120");
  await expect(quote).toContainText("You sell about 0.04 ETH");

  // 1 BTC (60,000 USD) is over the cash balance's maximum: priced from a smaller amount,
  // and that refusal is no fault of the user's amount.
  await form.choose("Bitcoin (BTC)", "Bitcoin");
  await expect(quote).toContainText("You sell about 0.002 BTC");
  await expect(form.amountField).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/maximum/i)).toHaveCount(0);

  // In the asset, the estimate becomes the amount.
  await form.amountIn("BTC");
  await expect(form.amountField).toHaveValue("0.002");
  await expect(page.locator('[data-quote="pay"]')).toHaveText("0.002 BTC");
  // 120.00 USD for 0.002 BTC, to the cent: the price to the ten dollars, not $59,997.50.
  await expect(quote.locator("[data-quote=rate]")).toHaveText("1 BTC ≈ $60,000");
  // And straight back in dollars: the amount as typed (not the cash left after the fee, which
  // the quote shows as what the user receives).
  await form.amountIn("USD");
  await expect(form.amountField).toHaveValue("120");
  await expect(quote).toContainText("You sell about 0.002 BTC");
});
