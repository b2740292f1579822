import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../support/sign-in";
import { expectHydrated, holdScripts } from "../support/slow-scripts";
import { EVM_ADDRESS, RampFormPage } from "./ramp-page";

/** Leaving the buy form (to sign in, or by a reload) and coming back to it as it was left. */

test("signed out, Sign in to continue with no address yet signs in and comes back, input kept", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("USD Coin (USDC)", "Base");
  await form.amount("42");
  await expect(form.address).toHaveValue("");
  await form.signInToContinue.click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fbuy$/);
  await signInInBrowser(page);
  await expect(page).toHaveURL(/\/buy$/);
  await expect(form.amountField).toHaveValue("42");
  await expect(page.getByLabel("Asset")).toHaveValue("USDC");
  await expect(page.getByLabel("Network")).toHaveValue("base");
  // Now it is the address that is missing, and the form says so.
  await form.submit.click();
  await expect(form.address).toBeFocused();
  await expect(form.address).toHaveAttribute("aria-invalid", "true");
});

test("what is typed on /buy survives a reload, and a pasted address loses its spaces", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("USD Coin (USDC)", "Base");
  await form.amount("42");
  await form.address.fill(`  ${EVM_ADDRESS}\t `);
  await expect(form.address).toHaveValue(EVM_ADDRESS);
  await expect(form.address).not.toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(form.amountField).toHaveValue("42");
  await expect(page.getByLabel("Network")).toHaveValue("base");
  await expect(form.address).toHaveValue(EVM_ADDRESS);
});

test("after a reload, what is typed before the page's script runs wins over what was kept", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("USD Coin (USDC)", "Base");
  await form.amount("42");
  await form.address.fill(EVM_ADDRESS);
  await expect(page.locator('[data-quote="receive"]')).toContainText("USDC");
  // A slow phone reloads the tab: the form shows as the server sends it, and the user, not
  // waiting, types the amount again, another one.
  const release = await holdScripts(page);
  await page.reload({ waitUntil: "commit" });
  await form.amountField.fill("120");
  release();
  await expectHydrated(form.amountField);
  await expect(page.locator('[data-quote="pay"]')).toHaveText("$120.00");
  await expect(form.amountField).toHaveValue("120");
  // What the user did not touch comes back as it was kept.
  await expect(page.getByLabel("Network")).toHaveValue("base");
  await expect(form.address).toHaveValue(EVM_ADDRESS);
});

test("after a reload, an amount kept in ETH is not carried over to BTC picked before the page's script ran", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("Ethereum (ETH)", "Base");
  await form.amountIn("ETH");
  await form.amount("0.5");
  await expect(page.locator("[data-quote=estimate]")).toHaveText(/^You pay about \$1,5/);
  // A slow phone reloads the tab, and the user picks Bitcoin before the script runs: 0.5 BTC
  // would be twenty times the money of the 0.5 ETH kept.
  const release = await holdScripts(page);
  await page.reload({ waitUntil: "commit" });
  await page.getByLabel("Asset").selectOption({ label: "Bitcoin (BTC)" });
  release();
  await expectHydrated(form.amountField);
  await expect(page.getByLabel("Asset")).toHaveValue("BTC");
  await expect(form.amountField).toHaveAccessibleName("Amount (BTC)");
  await expect(form.amountField).toHaveValue("");
  await expect(page.getByTestId("form-notices")).toContainText(
    "Amount cleared: enter how much BTC.",
  );
});

test("a kept form of another shape (from an earlier version of the app) is dropped, and the page works", async ({
  page,
}) => {
  // The tab stayed open across a deploy: what it kept lacks fields the form has now.
  await page.addInitScript(() =>
    sessionStorage.setItem(
      "ramp-draft:buy",
      JSON.stringify({ values: { asset: "USDC", amount: 42 }, region: { country: "US" } }),
    ),
  );
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await expectHydrated(form.signInToContinue);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Buy crypto");
  await expect(form.amountField).toHaveValue("50");
  await form.amount("30");
  await expect(page.locator('[data-quote="receive"]')).toContainText("ETH");
});
