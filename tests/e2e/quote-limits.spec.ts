import { expect, test } from "@playwright/test";
import { errorOf } from "../support/api";
import { RampFormPage } from "./ramp-page";

/**
 * A quote outside the payment method's limits (sandbox: CARD takes 2 to 7,500 USD) is
 * Coinbase's refusal, with the limits in its words: the API passes it on as a 400, and the
 * form shows it where the quote would be. The page is visited first, as in production.
 */
const QUOTE = {
  side: "buy",
  asset: "ETH",
  network: "ethereum",
  amount: "1",
  amountIn: "fiat",
  fiatCurrency: "USD",
  method: "CARD",
  country: "US",
  subdivision: "NY",
};
const BELOW_MINIMUM = /minimum of 2(\.00)? USD/;
const ABOVE_MAXIMUM = /maximum of 7,?500(\.00)? USD/;

test.beforeEach(async ({ page }) => {
  await page.goto("/buy");
  await expect(page.getByRole("heading", { level: 1, name: "Buy crypto" })).toBeVisible();
});

for (const [amount, limit] of [
  ["1", BELOW_MINIMUM],
  ["7500.01", ABOVE_MAXIMUM],
] as const) {
  test(`POST /api/quote for ${amount} USD by card: 400 with the card's limits`, async ({
    page,
  }) => {
    const response = await page.request.post("/api/quote", { data: { ...QUOTE, amount } });
    expect(await errorOf(response)).toEqual({ status: 400, code: "upstream_rejected" });
    const { message } = ((await response.json()) as { error: { message: string } }).error;
    expect(message).toMatch(limit);
    expect(message).toMatch(/2(\.00)? USD to 7,?500(\.00)? USD/);
  });
}

test("typing an amount below the card's minimum shows the limit in the quote panel", async ({
  page,
}) => {
  const form = new RampFormPage(page, "buy");
  await form.region("US", "NY");
  await form.choose("Ethereum (ETH)", "Ethereum");
  await page.getByLabel("Payment method").selectOption("CARD");
  const quote = page.getByRole("region", { name: "Quote" });

  await form.amount("1", "USD");
  await expect(quote).toContainText(BELOW_MINIMUM);
  await expect(quote).not.toContainText(/something went wrong/i);
  // A refusal is not an outage: the panel does not suggest continuing with this amount.
  await expect(quote).not.toContainText(/still continue/i);

  // A fitting amount is quoted again.
  await form.amount("25");
  await expect(quote).toContainText("You pay");
  await expect(quote).toContainText("25.00 USD");
});

test("an amount typed in the asset is told the method's limits as a worth in the currency", async ({
  page,
}) => {
  await page.goto("/sell");
  const form = new RampFormPage(page, "sell");
  await form.region("US", "NY");
  await form.choose("Ethereum (ETH)", "Ethereum");
  await expect(form.amountField).toHaveAccessibleName("Amount (ETH)");
  await expect(form.amountField).toHaveAccessibleDescription(/: [\d.]+ to [\d.]+ USD worth\./);
  // On a purchase typed in dollars, the limits are plainly dollars.
  await page.goto("/buy");
  const buy = new RampFormPage(page, "buy");
  await buy.region("US", "NY");
  await buy.amount("25", "USD");
  await expect(buy.amountField).toHaveAccessibleDescription(/: [\d.]+ to [\d.]+ USD\./);
});
