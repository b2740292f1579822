import { expect, test, type Page } from "@playwright/test";
import { recordWhatIsSaid } from "../support/what-is-said";
import { signInOverHttp } from "../support/sign-in";
import { expectHydrated } from "../support/slow-scripts";
import { EVM_ADDRESS, RampFormPage } from "./ramp-page";

// Minting is for signed-in users: each test signs in first, over HTTP (sign-in.spec.ts
// covers the sign-in page, and the way there from a filled form).

test("a buy goes from the home page through the sandbox pay page and back", async ({ page }) => {
  await signInOverHttp(page, { next: "/" });
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Sandbox mode")).toBeVisible();
  await page.getByRole("link", { name: /Buy crypto/ }).click();
  const form = new RampFormPage(page, "buy");
  await form.fill("USD Coin (USDC)", "Base", "25");
  await expect(page.getByTestId("url-preview")).toContainText("presetFiatAmount=25");
  await form.submit.click();

  await form.expectOnPayPage();
  await expect(page.getByText(EVM_ADDRESS)).toBeVisible();
  await expect(page.locator('[data-param="defaultAsset"]')).toHaveText("USDC");
  await expect(page.locator('[data-param="defaultNetwork"]')).toHaveText("base");
  await expect(page.locator('[data-param="presetFiatAmount"]')).toHaveText("25");
  await page.getByRole("button", { name: "Complete purchase" }).click();

  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);
  // The sandbox settles a purchase within seconds; the page follows it to the end.
  await expect(page.getByRole("heading", { level: 1, name: "Purchase complete" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByTestId("next-step")).toBeVisible();
  await expect(page.getByTestId("transaction-status")).toContainText("Success");
});

test("a sell goes through the sandbox pay page and back", async ({ page }) => {
  await signInOverHttp(page, { next: "/" });
  await page.getByRole("link", { name: /Sell crypto/ }).click();
  const form = new RampFormPage(page, "sell");
  await form.choose("Ethereum (ETH)", "Arbitrum");
  await form.address.fill(EVM_ADDRESS.toLowerCase());
  await form.amountIn("ETH");
  await form.amount("0.05");
  await page.getByLabel("Cash out to").selectOption({ label: "Bank account (ACH)" });
  const userRef = await form.previewedUserRef();
  await form.submit.click();

  await form.expectOnPayPage();
  await expect(page.locator('[data-param="presetCryptoAmount"]')).toHaveText("0.05");
  await expect(page.locator('[data-param="defaultCashoutMethod"]')).toHaveText("ACH_BANK_ACCOUNT");
  // The signed-in user's id, as the form showed it: the server chose it, not the browser.
  await expect(page.locator('[data-param="partnerUserRef"]')).toHaveText(userRef);
  expect(userRef).not.toMatch(/^anon-/);
  await page.getByRole("button", { name: "Confirm sale" }).click();

  await expect(page).toHaveURL(/\/sell\/complete\?order=[\w-]+$/);
  await expect(page.getByText(/send it from your wallet as shown/)).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 1, name: "Send your crypto to finish the sale" }),
  ).toBeVisible();
  await expect(page.getByTestId("transaction-status")).toHaveText("Waiting for your crypto");
  // The step it is on has the status's own name, not a second name for the same state.
  await expect(
    page.getByRole("list", { name: "Progress" }).locator('[aria-current="step"]'),
  ).toHaveText(/^. Waiting for your crypto \(now\)$/);

  // Left before sending: the history leads back to the deposit address and amount.
  await page.goto("/account");
  await page.getByRole("link", { name: "Send your crypto" }).click();
  await expect(page).toHaveURL(/\/sell\/complete\?order=[\w-]+$/);
  await expect(page.getByText(/send it from your wallet as shown/)).toBeVisible();
});

/** /buy with an address typed half-way and left: called wrong, and said why. */
async function addressLeftHalfTyped(page: Page): Promise<RampFormPage> {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("USD Coin (USDC)", "Base");
  await expectHydrated(form.address);
  await form.address.pressSequentially("0x5290");
  await form.address.blur();
  await expect(form.address).toHaveAttribute("aria-invalid", "true");
  return form;
}

test("an address being typed is not called wrong until the field is left", async ({ page }) => {
  // Left half-typed: now it is wrong, and it says why.
  const form = await addressLeftHalfTyped(page);
  // Once shown, the problem follows the typing, and goes when the address is whole.
  await form.address.focus();
  await page.keyboard.press("End");
  await page.keyboard.type(EVM_ADDRESS.slice(6));
  await expect(form.address).not.toHaveAttribute("aria-invalid");
  // Typed again from the start (the checks are loaded by now): nothing is called wrong yet.
  await form.address.fill("");
  await form.address.pressSequentially("0x52");
  // (The check runs in the same update as the value, once its code is loaded.)
  await expect(form.address).toHaveValue("0x52");
  await expect(form.address).not.toHaveAttribute("aria-invalid");
});

test("an address problem on screen is worded anew once typing pauses, not read out at each keystroke", async ({
  page,
}) => {
  const form = await addressLeftHalfTyped(page);
  // The field's error line is a live region: every wording it takes is heard.
  const errorId = (await form.address.getAttribute("aria-describedby"))!.split(" ").at(-1)!;
  const errorLine = page.locator(`[id="${errorId}"]`);
  const before = await errorLine.textContent();
  const whatIsSaid = await recordWhatIsSaid(errorLine);
  await form.address.focus();
  await page.keyboard.press("End");
  await page.keyboard.type("8400");
  // Once typing pauses, the problem is said once, for what is typed now.
  await expect(errorLine).not.toHaveText(before!);
  await expect(form.address).toHaveAttribute("aria-invalid", "true");
  expect((await whatIsSaid()).filter(Boolean)).toHaveLength(1);
});

test("a change of asset checks the address again, for the network it moves to", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("Bitcoin (BTC)", "Bitcoin");
  await expectHydrated(form.address);
  await form.address.fill(EVM_ADDRESS);
  const error = page.getByText(
    "This looks like an EVM (Ethereum-style) address, not one for Bitcoin.",
  );
  await expect(error).toBeVisible();
  await expect(form.address).toHaveAttribute("aria-invalid", "true");
  // Ethereum's asset takes the form to Ethereum, where this address is right: nothing wrong.
  await page.getByLabel("Asset").selectOption({ label: "Ethereum (ETH)" });
  await expect(page.getByText("Your address on Ethereum")).toBeVisible();
  await expect(error).toBeHidden();
  await expect(form.address).not.toHaveAttribute("aria-invalid");
  // Back to Bitcoin, by the asset again: the address is wrong there, and it says so at once.
  await page.getByLabel("Asset").selectOption({ label: "Bitcoin (BTC)" });
  await expect(error).toBeVisible();
  await expect(form.address).toHaveAttribute("aria-invalid", "true");
});

test("reopening a used pay URL shows the used-token error", async ({ page }) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  await form.submit.click();
  await form.expectOnPayPage();
  const payUrl = page.url();

  await page.goto(payUrl);
  await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Complete purchase" })).toHaveCount(0);
  // Its words say to go back to the app and start again: the link takes the user there.
  await page.getByRole("link", { name: "Back to the app" }).click();
  await expect(page).toHaveURL(/\/buy$/);
  await expect(form.address).toBeVisible();
});

test("an invalid address shows an inline error and sends no request", async ({ page }) => {
  const mintRequests: string[] = [];
  page.on("request", (request) => {
    if (/\/api\/(onramp|offramp|session-token|handoff)/.test(request.url()))
      mintRequests.push(request.url());
  });
  // Signed in, so that a submit the check let through would mint.
  const form = await RampFormPage.signedIn(page, "buy");
  await form.choose("Bitcoin (BTC)", "Bitcoin");
  await form.address.fill("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdX");
  await expect(form.address).toHaveAttribute("aria-invalid", "true");
  const errorId = await form.address.getAttribute("aria-describedby");
  const error = page.locator(`[id="${errorId?.split(" ").at(-1)}"]`);
  await expect(error).toContainText(/Bitcoin/);

  await form.submit.click();
  await expect(error).not.toBeEmpty();
  await expect(page).toHaveURL(/\/buy$/);
  expect(mintRequests).toEqual([]);
});

test("a sale typed in money (no quote) shows on the sandbox page what it sells and pays before it is confirmed", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.choose("Ethereum (ETH)", "Base");
  await form.address.fill(EVM_ADDRESS);
  await form.amountIn("USD");
  await form.amount("50");
  await form.submit.click();

  await form.expectOnPayPage();
  await expect(page.locator('[data-param="presetFiatAmount"]')).toHaveText("50");
  const figures = page.getByRole("region", { name: "At today's price" });
  await expect(figures).toContainText(/You sell\s*[\d.]+ ETH/);
  await expect(figures).toContainText(/You receive\s*\$[\d.,]+/);
  const sold = /You sell\s*([\d.]+) ETH/.exec(await figures.innerText())![1]!;
  await page.getByRole("button", { name: "Confirm sale" }).click();
  // What the page showed is what the deposit asks for.
  await expect(page.getByTestId("deposit-amount")).toContainText("ETH");
  const asked = /([\d.]+) ETH/.exec((await page.getByTestId("deposit-amount").innerText()) ?? "");
  expect(Number(asked?.[1])).toBe(Number(sold));
});
