import { expect, test, type Page } from "@playwright/test";
import { requestsInFlight, withBackForwardCache } from "../support/back-forward-cache";
import { signInInBrowser, signInOverHttp, signOutUntold } from "../support/sign-in";
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

/**
 * In another tab of `page`'s browser: the user signs out, and someone else signs in, neither
 * heard by `page` (asleep in the background, say), which learns of it from its next load.
 */
async function otherUserSignsInElsewhere(page: Page): Promise<string> {
  const other = await signOutUntold(page.context());
  const email = await signInOverHttp(other);
  await other.close();
  return email;
}

test("another account signed in from another tab: reloaded, the forms are that account's, without the last one's wallet", async ({
  page,
}) => {
  test.setTimeout(60_000); // two users, and four loads of the forms
  const buy = await RampFormPage.signedIn(page, "buy");
  await buy.address.fill(EVM_ADDRESS);
  await buy.amount("60");
  await expect.poll(() => buy.keptAddress()).toBe(EVM_ADDRESS);
  await page.goto("/sell");
  const sell = new RampFormPage(page, "sell");
  await expectHydrated(sell.submit);
  await sell.address.fill(EVM_ADDRESS);
  await expect.poll(() => sell.keptAddress()).toBe(EVM_ADDRESS);

  // Another tab shares the cookies, not what this one keeps.
  const next = await otherUserSignsInElsewhere(page);

  await page.reload();
  await expect(page.getByTestId("signed-in-as")).toContainText(next);
  await expectHydrated(sell.submit);
  await expect.poll(() => sell.keptAddress()).toBe("");
  await expect(sell.address).toHaveValue("");
  await page.goto("/buy");
  await expectHydrated(buy.submit);
  await expect.poll(() => buy.keptAddress()).toBe("");
  await expect(buy.address).toHaveValue("");
  await expect(buy.amountField).not.toHaveValue("60");
});

test("Back to the form from the browser's cache after another account signed in from another tab: loaded afresh, without the last one's wallet", async ({
  baseURL,
}) => {
  test.setTimeout(60_000); // a browser of its own, two users
  await withBackForwardCache(async (browser) => {
    const page = await (await browser.newContext({ baseURL })).newPage();
    const inFlight = requestsInFlight(page);
    const form = await RampFormPage.signedIn(page, "buy");
    await form.address.fill(EVM_ADDRESS);
    await expect.poll(() => form.keptAddress()).toBe(EVM_ADDRESS);
    await page.evaluate(() => ((window as { kept?: boolean }).kept = true));
    // Left with nothing under way (a request in flight keeps a page out of the cache).
    await expect.poll(inFlight).toBe(0);
    await page.goto("/account");
    const next = await otherUserSignsInElsewhere(page);

    await page.goBack({ waitUntil: "commit" });
    await expect(page).toHaveURL(/\/buy$/);
    // Shown from the cache, the page hears who is signed in now, and is loaded afresh.
    await expect(page.getByTestId("signed-in-as")).toContainText(next);
    const kept = () => page.evaluate(() => (window as { kept?: boolean }).kept);
    await expect.poll(() => kept().catch(() => "being loaded afresh")).toBeUndefined();
    await expectHydrated(form.submit);
    await expect(form.address).toHaveValue("");
  });
});
