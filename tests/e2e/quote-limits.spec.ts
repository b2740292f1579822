import { expect, test } from "@playwright/test";
import { errorOf, expectEnvelope } from "../support/api";
import { signInOverHttp } from "../support/sign-in";
import { EVM_ADDRESS, RampFormPage } from "./ramp-page";

/**
 * A quote outside the payment method's limits (sandbox: CARD takes 2 to 7,500 USD) is
 * Coinbase's refusal: the API passes it on as a 400 that says the limit plainly, as money,
 * and the form shows it at the amount field. The page is visited first, as in production.
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
const BELOW_MINIMUM = /^The minimum for debit card is \$2\.00$/;
const ABOVE_MAXIMUM = /^The maximum for debit card is \$7,500\.00$/;

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
  });
}

test("typing an amount below the card's minimum shows the limit at the amount field", async ({
  page,
}) => {
  const form = new RampFormPage(page, "buy");
  await form.region("US", "NY");
  await form.choose("Ethereum (ETH)", "Ethereum");
  await page.getByLabel("Payment method").selectOption("CARD");
  const quote = page.getByRole("region", { name: "Quote" });

  await form.amount("1", "USD");
  await expect(form.amountField).toHaveAccessibleDescription(
    /The minimum for debit card is \$2\.00/,
  );
  // Said once, at the field; a refusal is not an outage: the panel does not suggest continuing.
  await expect(quote).not.toContainText(/minimum|something went wrong|still continue/i);

  // A fitting amount is quoted again.
  await form.amount("25");
  await expect(quote).toContainText("You pay");
  await expect(quote).toContainText("$25.00");
});

test("the method's limits under the amount are money, as a worth for an amount in the asset", async ({
  page,
}) => {
  const form = await RampFormPage.sellToCashBalance(page);
  await expect(form.amountField).toHaveAccessibleName("Amount (ETH)");
  // As money, the way the limit's own message says it ("The maximum for … is $50,000.00").
  await expect(form.amountField).toHaveAccessibleDescription(
    /Coinbase cash balance: \$1\.00 to \$50,000\.00 worth\./,
  );
  // On a purchase typed in dollars, the limits are plainly dollars.
  await page.goto("/buy");
  const buy = new RampFormPage(page, "buy");
  await buy.region("US", "NY");
  await page.getByLabel("Payment method").selectOption("CARD");
  await buy.amount("25", "USD");
  await expect(buy.amountField).toHaveAccessibleDescription(/Debit card: \$2\.00 to \$7,500\.00\./);
  // Over it, the field says the same figure the hint gave.
  await buy.amount("7500.01");
  await expect(buy.amountField).toHaveAccessibleDescription(
    /Debit card: \$2\.00 to \$7,500\.00\..*The maximum for debit card is \$7,500\.00/,
  );
});

test("a purchase typed in the asset is never refused for the reference amount the form prices it by", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  // Coinbase's options name no limit for the card in yen (the answer lists limits per method,
  // and one may be missing): the form then prices 100 yen, under the card's minimum (about
  // ¥300). That says nothing of the 0.01 ETH the user typed.
  await page.route("**/api/options?*", async (route) => {
    const answer = await route.fetch();
    const options = (await answer.json()) as {
      fiatCurrencies: { code: string; limits: { method: string }[] }[];
    };
    for (const currency of options.fiatCurrencies)
      currency.limits = currency.limits.filter((l) => l.method !== "CARD");
    await route.fulfill({ response: answer, json: options });
  });
  await form.region("JP");
  await page.getByLabel("Payment method").selectOption("CARD");
  await expect(form.amountField).toHaveAccessibleName("Amount (ETH)");
  await form.amount("0.01");
  const quote = page.getByRole("region", { name: "Quote" });
  await expect(quote).toContainText(
    "No estimate for this amount: Coinbase shows what it costs on its page.",
  );
  await expect(form.amountField).not.toHaveAttribute("aria-invalid");
  await form.address.fill(EVM_ADDRESS);
  await form.submit.click();
  await form.expectOnPayPage();
});

test("POST /api/onramp in a region: a currency it does not offer, or an amount no method takes, is 400 at its field", async ({
  page,
}) => {
  await signInOverHttp(page, { next: "/buy" });
  const mint = async (body: object) => {
    const response = await page.request.post("/api/onramp", {
      data: { address: EVM_ADDRESS, network: "base", asset: "USDC", country: "US", ...body },
    });
    if (response.status() === 200) return "minted";
    expect(response.status()).toBe(400);
    const { error } = expectEnvelope(await response.json());
    return { path: error.issues?.[0]?.path, message: error.message };
  };
  // The sandbox offers US buyers dollars only, whatever the method.
  expect(
    await mint({ subdivision: "CA", fiatAmount: "25", fiatCurrency: "EUR", paymentMethod: "CARD" }),
  ).toEqual({ path: "fiatCurrency", message: "EUR is not offered in your region: use USD" });
  // No method chosen (Coinbase's page offers them): an amount over every method's maximum.
  const over = await mint({ subdivision: "CA", fiatAmount: "999999", fiatCurrency: "USD" });
  expect(over).toMatchObject({ path: "fiatAmount" });
  expect((over as { message: string }).message).toMatch(/^The maximum for .+ is \$50,000\.00$/);
  // One some method takes is minted.
  expect(await mint({ subdivision: "CA", fiatAmount: "9000", fiatCurrency: "USD" })).toBe("minted");
});
