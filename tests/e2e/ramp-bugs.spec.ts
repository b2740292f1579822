import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/axe";
import { EVM_ADDRESS, RampFormPage, holdRequests, makePhoneLink } from "./ramp-page";

/**
 * The ramp pages' bugs found by using them as a new user would (issue 15), each pinned by
 * the behaviour a user expects, at desktop and phone sizes.
 */
for (const [size, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test.describe(size, () => {
    test.use({ viewport });

    test("an amount Coinbase refuses stops the submit, with its limits under the amount", async ({
      page,
    }) => {
      const form = await RampFormPage.signedIn(page, "sell");
      await form.fill("Ethereum (ETH)", "Base", "500");
      const limit = /The maximum for Coinbase cash balance is \$50,000\.00/;
      await expect(form.amountField).toHaveAccessibleDescription(limit);
      await expect(page.getByRole("region", { name: "Quote" })).not.toContainText(limit);
      await form.submit.click();

      await expect(form.amountField).toHaveAttribute("aria-invalid", "true");
      await expect(form.amountField).toBeFocused();
      const errorId = (await form.amountField.getAttribute("aria-describedby"))!.split(" ").at(-1);
      const error = page.locator(`[id="${errorId}"]`);
      await expect(error).toContainText(limit);
      await expect(page.getByRole("main").locator("form")).not.toContainText(
        /something went wrong|\.\./i,
      );
      await expect(page).toHaveURL(/\/sell$/);
      await expectAccessible(page, "/sell with a refused amount");
    });

    test("an amount the API's own checks refuse says why, once, under the amount", async ({
      page,
    }) => {
      const form = await RampFormPage.signedIn(page, "buy");
      await form.fill("Ethereum (ETH)", "Base", "10.555");
      const why = /at most 2 decimal places/;
      await expect(form.amountField).toHaveAccessibleDescription(why);
      await expect(page.getByRole("region", { name: "Quote" })).not.toContainText(
        /missing or invalid|decimal places/,
      );
      await form.submit.click();
      await expect(form.amountField).toHaveAttribute("aria-invalid", "true");
      await expect(page).toHaveURL(/\/buy$/);
      await expect(page.getByRole("main").locator("form")).toContainText(why);
    });

    test("where Coinbase cannot preset the local currency, the amount is asked in crypto", async ({
      page,
    }) => {
      const form = await RampFormPage.signedIn(page, "buy");
      for (const country of ["AU", "CH", "SG", "BR", "MX", "JP"]) {
        await form.region(country);
        await expect(page.getByTestId("region")).not.toContainText("United States");
        await expect(form.amountField).toHaveAccessibleName(
          /^Amount \((?!USD|JPY|AUD|CHF|SGD|BRL|MXN)/,
        );
      }
      await expect(page.getByRole("radio", { name: "JPY" })).toBeDisabled();
      await form.choose("Ethereum (ETH)", "Ethereum");
      await expect(form.amountField).toHaveAccessibleName("Amount (ETH)");
      await form.address.fill(EVM_ADDRESS);
      await form.amount("0.01");
      await form.submit.click();
      await form.expectOnPayPage();
      await expect(page.locator('[data-param="presetCryptoAmount"]')).toHaveText("0.01");
    });
  });
}

test("a change of state that drops the chosen asset says so, and checks the address again", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "CA");
  await form.choose("Solana (SOL)", "Solana");
  // An Ethereum address is not one for Solana: said as it is pasted.
  await form.address.fill(EVM_ADDRESS);
  await expect(form.address).toHaveAttribute("aria-invalid", "true");
  await form.region("US", "NY");
  const notices = page.getByTestId("form-notices");
  await expect(notices).toContainText(
    "SOL is not offered in United States · New York: switched to ETH.",
  );
  await expect(page.getByLabel("Asset")).not.toHaveValue("SOL");
  // Right for Ethereum, where the form is now: the error about Solana goes.
  await expect(form.address).not.toHaveAttribute("aria-invalid");
  await expectAccessible(page, "/buy after a region change");
});

test("back in the region just left, the asset it swapped out comes back, unless the user changed something meanwhile", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  const notices = page.getByTestId("form-notices");
  // California's options are in when SOL is among the assets (New York's lack it).
  const solOffered = page.getByLabel("Asset").locator("option", { hasText: "(SOL)" });
  await form.region("US", "CA");
  await form.choose("Solana (SOL)", "Solana");
  await form.region("US", "NY");
  await expect(notices).toContainText(
    "SOL is not offered in United States · New York: switched to ETH.",
  );
  await form.region("US", "CA");
  await expect(solOffered).toHaveCount(1);
  await expect(page.getByLabel("Asset")).toHaveValue("SOL");
  await expect(page.getByLabel("Network")).toHaveValue("solana");
  await expect(notices).not.toContainText("SOL");

  // An amount typed in New York: the form as it was there goes on, ETH and all.
  await form.region("US", "NY");
  await expect(notices).toContainText("switched to ETH");
  await form.amount("60");
  await form.region("US", "CA");
  await expect(solOffered).toHaveCount(1);
  await expect(page.getByLabel("Asset")).toHaveValue("ETH");
  await expect(form.amountField).toHaveValue("60");
});

test("a change of region checks the amount's error again: the old method's maximum does not stay", async ({
  page,
}) => {
  // PayPal takes at most 4,600 EUR in Germany; not offered in France, where the debit card
  // it is switched to takes up to 6,900 EUR.
  const form = await RampFormPage.signedIn(page, "buy");
  await form.region("DE");
  // Typed once Germany's options are in: a dollar amount would be cleared by them.
  await expect(form.amountField).toHaveAccessibleName("Amount (EUR)");
  await form.fill("Ethereum (ETH)", "Ethereum", "6000");
  await page.getByLabel("Payment method").selectOption("PAYPAL");
  await form.submit.click();
  const paypalMaximum = /The maximum for PayPal is €4,600\.00/;
  await expect(form.amountField).toHaveAccessibleDescription(paypalMaximum);
  await expect(form.amountField).toBeFocused();
  await form.region("FR");
  await expect(page.getByTestId("form-notices")).toContainText(
    "PayPal is not offered in France: switched to Debit card.",
  );
  await expect(page.locator('[data-quote="pay"]')).toHaveText("€6,000.00");
  await expect(form.amountField).not.toHaveAccessibleDescription(paypalMaximum);
  await expect(form.amountField).not.toHaveAttribute("aria-invalid");
  await form.submit.click();
  await form.expectOnPayPage();
});

test("an amount typed while the new region's options load stays, checked against its limits", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.region("US", "NY");
  await form.fill("Ethereum (ETH)", "Ethereum");
  const notices = page.getByTestId("form-notices");

  // Germany picked, and 7,000 typed before its options (euros, cards up to €6,900) are in.
  let release = await holdRequests(page, "**/api/options?*");
  await form.region("DE");
  await form.amount("7000");
  await release();
  await expect(form.amountField).toHaveAccessibleName("Amount (EUR)");
  await expect(notices).toContainText("USD is not offered in Germany: prices are in EUR.");
  await expect(form.amountField).toHaveValue("7000");
  await expect(form.amountField).toHaveAccessibleDescription(
    /The maximum for debit card is €6,900\.00/,
  );
  await expect(form.amountField).toHaveAttribute("aria-invalid", "true");
  await form.amount("6000");
  await expect(page.locator('[data-quote="pay"]')).toHaveText("€6,000.00");
  await expect(form.amountField).not.toHaveAttribute("aria-invalid");

  // Japan: Coinbase takes no yen amount here, so a number typed meanwhile has no unit left.
  release = await holdRequests(page, "**/api/options?*");
  await form.region("JP");
  await form.amount("20");
  await release();
  await expect(form.amountField).toHaveAccessibleName("Amount (ETH)");
  await expect(form.amountField).toHaveValue("");
  await expect(notices).toContainText(
    "Coinbase takes JPY amounts on its own page: enter how much ETH instead.",
  );
});

test("a conversion said before a change of region goes with it", async ({ page }) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "NY");
  await form.fill("Ethereum (ETH)", "Base", "50");
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/ ETH$/);
  await expect(page.getByTestId("quote")).toHaveAttribute("aria-busy", "false");
  await form.amountIn("ETH");
  const notices = page.getByTestId("form-notices");
  await expect(notices).toContainText("Converted at the quoted rate:");
  // Another region: what the form says now is of that region, not the last conversion.
  await form.region("DE");
  await expect(form.amountField).toHaveAccessibleName("Amount (ETH)");
  await expect(notices).not.toContainText("Converted at the quoted rate");
});

test("an amount switched back to dollars, or into them by another asset, while the new region's options load is not taken for its money", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "NY");
  await form.fill("Ethereum (ETH)", "Base", "50");
  const notices = page.getByTestId("form-notices");
  const receive = page.locator('[data-quote="receive"]');
  /** 50 USD switched to the ETH it buys, as the quote says: switching back gives the 50. */
  async function fiftyDollarsInEth() {
    await form.amountIn("USD");
    await form.amount("50");
    await expect(page.locator('[data-quote="pay"]')).toHaveText("$50.00");
    await expect(receive).toHaveText(/ ETH$/);
    await expect(page.getByTestId("quote")).toHaveAttribute("aria-busy", "false");
    await form.amountIn("ETH");
    await expect(form.amountField).toHaveValue(/^0\.0\d+$/);
  }

  // California pays in dollars too: the 50 switched back while its options load stays.
  await fiftyDollarsInEth();
  let release = await holdRequests(page, "**/api/options?*");
  await form.region("US", "CA");
  await form.amountIn("USD");
  await release();
  await expect(form.amountField).toHaveAccessibleName("Amount (USD)");
  await expect(form.amountField).toHaveValue("50");

  // Germany pays in euros: the 50 are dollars, not 50 EUR.
  await fiftyDollarsInEth();
  release = await holdRequests(page, "**/api/options?*");
  await form.region("DE");
  await form.amountIn("USD");
  await expect(form.amountField).toHaveValue("50");
  await release();
  await expect(form.amountField).toHaveAccessibleName("Amount (EUR)");
  await expect(form.amountField).toHaveValue("");
  await expect(notices).toContainText("Amount cleared: enter it in EUR.");
  await expect(notices).not.toContainText("Converted");

  // The same through another asset: ETH's worth, in dollars, is no amount in euros either.
  await form.region("US", "NY");
  await fiftyDollarsInEth();
  release = await holdRequests(page, "**/api/options?*");
  await form.region("DE");
  await page.getByLabel("Asset").selectOption({ label: "Bitcoin (BTC)" });
  await expect(form.amountField).toHaveAccessibleName("Amount (USD)");
  await release();
  await expect(form.amountField).toHaveAccessibleName("Amount (EUR)");
  await expect(form.amountField).toHaveValue("");
  await expect(notices).toContainText("Amount cleared: enter it in EUR.");
});

test("switching the amount's unit converts it with the quote, or clears it and says so", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "NY");
  await form.choose("Ethereum (ETH)", "Base");

  // Crypto to fiat before any rate is on screen (buys are not quoted from crypto; the estimate
  // from a reference quote is held back here, as on a slow connection): cleared, and said.
  const release = await holdRequests(page, "**/api/quote");
  await form.amountIn("ETH");
  await form.amount("0.01");
  await form.amountIn("USD");
  await expect(form.amountField).toHaveValue("");
  await expect(page.getByTestId("form-notices")).toContainText("Amount cleared: enter it in USD");
  await release();
  // With the estimate on screen, the same switch converts at it.
  await form.amountIn("ETH");
  await form.amount("0.01");
  const estimate = page.locator("[data-quote=estimate]");
  await expect(estimate).toHaveText(/^You pay about \$\d+\.\d\d$/);
  const about = (await estimate.innerText()).replace(/^You pay about \$/, "");
  await form.amountIn("USD");
  await expect(form.amountField).toHaveValue(/^\d+\.\d\d$/);
  // The same figure (the page rounds its text, the field its value, each to the cent).
  const converted = Number(await form.amountField.inputValue());
  expect(Math.abs(converted - Number(about))).toBeLessThanOrEqual(0.01);

  // Fiat to crypto: the quote on screen says how much ETH 50 USD buys (once it is the quote
  // for 50: the one before stays on screen, updating, meanwhile).
  await form.amount("50");
  await expect(page.locator('[data-quote="pay"]')).toHaveText("$50.00");
  await expect(page.locator('[data-quote="rate"]')).toHaveText("1 ETH ≈ $3,000.00");
  const receive = page.locator('[data-quote="receive"]');
  await expect(receive).toHaveText(/ ETH$/);
  const eth = (await receive.innerText()).replace(/ ETH$/, "");
  await form.amountIn("ETH");
  await expect(form.amountField).toHaveValue(eth);
  // And straight back: the 50 as typed, not 50 converted twice (each way rounds).
  // (What that ETH costs, within a cent: the estimate rounds where Coinbase rounds up.)
  await expect(estimate).toHaveText(/^You pay about \$(49\.99|50\.00)$/);
  await form.amountIn("USD");
  await expect(form.amountField).toHaveValue("50");

  // Another country: 50 USD does not become 50 GBP.
  await form.amountIn("USD");
  await form.amount("50");
  await form.region("GB");
  await expect(page.getByTestId("form-notices")).toContainText(
    "USD is not offered in United Kingdom",
  );
  await expect(form.amountField).toHaveAccessibleName("Amount (GBP)");
  await expect(form.amountField).not.toHaveValue("50");
});

test("the phone link is taken off the screen when the form changes, and stops working", async ({
  page,
  context,
}) => {
  const replaced = await makePhoneLink(page);
  const form = new RampFormPage(page, "buy");
  const makeLink = page.getByRole("button", { name: "Continue on my phone" });
  const qr = page.getByRole("img", { name: "QR code of the phone link" });
  await expectAccessible(page, "/buy with a phone link");
  const revoked = page.waitForResponse(
    (r) => r.request().method() === "DELETE" && r.url().includes("/api/handoff/"),
  );

  await form.amount("75");
  await expect(qr).toHaveCount(0);
  await expect(page.getByText("The form changed: make a new link")).toBeVisible();
  expect(await (await revoked).json()).toEqual({ state: "revoked" });
  // Changed back, the old code does not return: its link no longer works.
  await form.amount("50");
  await expect(qr).toHaveCount(0);
  await makeLink.click();
  await expect(qr).toBeVisible();

  // A phone that scanned the old code is told, and can buy nothing with it: one purchase, the
  // one the form says, not both.
  const phone = await context.newPage();
  await phone.goto(replaced);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText(
    "This link was ended on your computer",
  );
  const posted = await phone.request.post(new URL(replaced).pathname, { maxRedirects: 0 });
  expect(posted.status()).toBe(303);
  expect(posted.headers().location).toMatch(/\/handoff\?link=replaced$/);
});

test("bought on the computer with the phone link's own values, the link stops working: one purchase, not two", async ({
  page,
  context,
}) => {
  const link = await makePhoneLink(page, "50");
  const form = new RampFormPage(page, "buy");
  await form.submit.click();
  await form.expectOnPayPage();

  // A phone that scanned the code meanwhile cannot buy the same again, and is told why: not
  // that the link was replaced, which would send the user back to the computer for a new code.
  const phone = await context.newPage();
  await phone.goto(link);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText(
    "You already went on from your computer",
  );
  await expect(phone.getByText("nothing happens twice")).toBeVisible();
  const posted = await phone.request.post(new URL(link).pathname, { maxRedirects: 0 });
  expect(posted.headers().location).toMatch(/\/handoff\?link=continued$/);
});

test("a link the phone opened before the form changed is said to be opened, not replaced", async ({
  page,
  context,
}) => {
  const link = await makePhoneLink(page);
  const form = new RampFormPage(page, "buy");
  const phone = await context.newPage();
  await phone.goto(link);
  await phone.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(phone).toHaveURL(/\/sandbox\/pay\/buy\//);
  // Changed at once, before the computer's next check could hear of the phone.
  await form.amount("75");
  await expect(page.getByRole("status").filter({ hasText: "Opened on your phone" })).toBeVisible();
  await expect(page.getByText("The form changed: make a new link")).toHaveCount(0);
});

test("a cancelled purchase reads as cancelled, not failed", async ({ page }) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  await form.submit.click();
  await form.expectOnPayPage();
  await expectAccessible(page, "the sandbox pay page");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);

  await expect(page.getByRole("heading", { level: 1, name: "Purchase cancelled" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByTestId("transaction-status")).toHaveText("Cancelled");
  await expect(page.getByTestId("next-step")).toContainText("nothing was charged");
  await expect(page.locator("main")).not.toContainText(/Failed|When the purchase succeeds/);
  await expectAccessible(page, "/buy/complete, cancelled");
});

test("back from Coinbase, the form is as the user left it", async ({ page }) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.fill("USD Coin (USDC)", "Base", "75");
  await form.submit.click();
  await form.expectOnPayPage();

  await page.goBack();
  await expect(page).toHaveURL(/\/buy$/);
  await expect(form.address).toHaveValue(EVM_ADDRESS);
  await expect(form.amountField).toHaveValue("75");
  await expect(page.getByLabel("Asset")).toHaveValue("USDC");
  await expect(form.submit).toHaveText("Continue to Coinbase");
  await expect(form.submit).toBeEnabled();
});

test("pages without secrets may be kept by the back/forward cache; private ones may not", async ({
  request,
}) => {
  for (const path of ["/", "/buy", "/sell", "/buy/complete", "/sell/complete"]) {
    const cacheControl = (await request.get(path)).headers()["cache-control"] ?? "";
    expect(cacheControl, path).not.toContain("no-store");
  }
  for (const path of ["/account", "/connect"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["cache-control"] ?? "", path).toContain("no-store");
  }
});

test("the sandbox deposit page follows the sale to its end", async ({ page }) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.fill("Ethereum (ETH)", "Base", "0.05");
  await form.submit.click();
  await form.finishOnSandboxPayPage();
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for your crypto");
  await expectAccessible(page, "/sell/complete, waiting for the deposit");

  const link = page.getByRole("link", { name: /simulate the deposit/ });
  const wallet = await page.context().newPage();
  await wallet.goto((await link.getAttribute("href"))!);
  await wallet.getByRole("button", { name: "Simulate deposit" }).click();
  await expect(wallet.getByText(/Deposit received/)).toBeVisible();
  await expectAccessible(wallet, "the sandbox deposit page");
  // No reload by the user: the page updates itself once Coinbase confirms.
  await expect(wallet.getByText("The sale is complete")).toBeVisible({ timeout: 30_000 });
});
