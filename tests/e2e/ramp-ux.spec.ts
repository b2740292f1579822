import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, focusRingContrast } from "../support/axe";
import { signInInBrowser, signInOverHttp } from "../support/sign-in";
import { withBackForwardCache } from "../support/back-forward-cache";
import { expectHydrated, holdScripts } from "../support/slow-scripts";
import { EVM_ADDRESS, RampFormPage, holdRequests } from "./ramp-page";

/** The ramp pages as end users expect them (issue 15): layout, wallet, outcomes, details. */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * A wallet extension as the page sees one: an EIP-1193 provider that announces itself by
 * EIP-6963 and answers with one account on Base. Injected before the app's scripts run.
 * `held`: it shares the account only once the page calls `window.answerWallet()` (its window
 * left open), or never. `window.walletAsked` is set once the page asked for the account.
 */
async function installFakeWallet(
  page: Page,
  address: string,
  chainId: string,
  name = "Test Wallet",
  held = false,
) {
  await page.addInitScript(
    ({ address, chainId, name, held }) => {
      const told = new Promise<void>((resolve) => {
        (window as unknown as { answerWallet: () => void }).answerWallet = resolve;
      });
      const provider = {
        request: async ({ method }: { method: string }) => {
          if (method === "eth_requestAccounts")
            (window as unknown as { walletAsked: boolean }).walletAsked = true;
          if (method === "eth_requestAccounts" && held) await told;
          if (method === "eth_requestAccounts" || method === "eth_accounts") return [address];
          if (method === "eth_chainId") return chainId;
          throw new Error(`unsupported: ${method}`);
        },
      };
      const detail = Object.freeze({
        info: {
          uuid: crypto.randomUUID(),
          name,
          icon: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
          rdns: `test.${name.toLowerCase().replace(/\W/g, "")}`,
        },
        provider,
      });
      const announce = () =>
        window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    },
    { address, chainId, name, held },
  );
}

/** The alpha (0–255) of an element's computed background colour, as a canvas paints it. */
function backgroundAlpha(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    canvas.fillStyle = getComputedStyle(el).backgroundColor;
    canvas.fillRect(0, 0, 1, 1);
    return canvas.getImageData(0, 0, 1, 1).data[3]!;
  });
}

for (const [size, viewport] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  test.describe(size, () => {
    test.use({ viewport });

    test("the amount comes first, with presets, and the primary action is in view", async ({
      page,
    }) => {
      await page.goto("/buy");
      const form = new RampFormPage(page, "buy");
      await expect(form.signInToContinue).toBeInViewport();
      // Pinned over the form, so opaque: the fields scrolling beneath must not show through.
      expect(await backgroundAlpha(page.getByTestId("primary-action"))).toBe(255);
      await expect(page.getByTestId("region")).toHaveText(/United States · [A-Z][a-z]+/);
      // The amount is the first field of the form.
      await expect(page.locator("form input, form select").first()).toHaveAccessibleName(
        /^Amount \(/,
      );
      await page.getByRole("button", { name: "100 USD" }).click();
      await expect(form.amountField).toHaveValue("100");
      await expect(page.locator('[data-quote="receive"]')).toHaveText(/\d/);
      await expect(page.getByText("Debit card: $2.00 to $7,500.00")).toBeVisible();
      // The form's parts (amount, quote, region, asset, address, method) are spaced apart,
      // not run together.
      const gaps = await page.locator("form > fieldset").evaluate((fields) => {
        const shown = Array.from(fields.children)
          .map((part) => part.getBoundingClientRect())
          .filter((box) => box.height > 0);
        return shown.slice(1).map((box, i) => Math.round(box.top - shown[i]!.bottom));
      });
      expect(gaps.length).toBeGreaterThanOrEqual(5);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(16);
      await expectAccessible(page, `/buy at ${size} size`);
    });

    test("Use my wallet fills the address from the browser's wallet", async ({ page }) => {
      await installFakeWallet(page, EVM_ADDRESS, "0x1");
      await page.goto("/buy");
      const form = new RampFormPage(page, "buy");
      await form.choose("USD Coin (USDC)", "Base");
      await page.getByRole("button", { name: "Use my wallet" }).click();
      await expect(form.address).toHaveValue(EVM_ADDRESS);
      // The wallet is on Ethereum (chain 1), the form on Base: the user is told.
      await expect(page.getByTestId("wallet-status")).toContainText(
        "Test Wallet is on another network: switch it to Base",
      );
      await expect(form.address).not.toHaveAttribute("aria-invalid", "true");
      // Typed by hand on a phone, an address keeps its letters as typed.
      await expect(form.address).toHaveAttribute("autocapitalize", "off");
      await expect(form.address).toHaveAttribute("autocorrect", "off");
      await expectAccessible(page, "/buy with a wallet address");
    });
  });
}

test("a wallet that answers once the user has gone on to another network fills nothing", async ({
  page,
}) => {
  await installFakeWallet(page, EVM_ADDRESS, "0x2105", "Slow Wallet", true);
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("USD Coin (USDC)", "Base");
  await page.getByRole("button", { name: "Use my wallet" }).click();
  await expect(page.getByRole("button", { name: "Asking your wallet…" })).toBeDisabled();
  // The wallet's window still open, the user buys bitcoin instead, and types its address.
  const bitcoin = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
  await page.getByLabel("Asset").selectOption({ label: "Bitcoin (BTC)" });
  await form.address.fill(bitcoin);
  // Then it answers: the Ethereum-style address is for a form no longer there.
  await page.evaluate(() => (window as unknown as { answerWallet: () => void }).answerWallet());
  await page.waitForTimeout(500); // the answer, taken in
  await expect(form.address).toHaveValue(bitcoin);
  // Back on Base, the button asks afresh.
  await form.choose("USD Coin (USDC)", "Base");
  await expect(page.getByRole("button", { name: "Use my wallet" })).toBeEnabled();
});

test("a wallet that never answers frees Use my wallet after a minute, and says so", async ({
  page,
}) => {
  await installFakeWallet(page, EVM_ADDRESS, "0x2105", "Silent Wallet", true);
  await page.clock.install(); // the page's time: the minute passes without waiting for it
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("USD Coin (USDC)", "Base");
  await page.getByRole("button", { name: "Use my wallet" }).click();
  await expect(page.getByRole("button", { name: "Asking your wallet…" })).toBeDisabled();
  // The minute starts once the wallet is asked, after its code loaded: not before that.
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { walletAsked?: boolean }).walletAsked))
    .toBe(true);
  await page.clock.fastForward("01:01");
  await expect(page.getByTestId("wallet-status")).toHaveText(
    "No answer from Silent Wallet: paste your address, or try again.",
  );
  await expect(page.getByRole("button", { name: "Use my wallet" })).toBeEnabled();
  await expect(form.address).toHaveValue("");
});

test("with two wallets installed, the user picks the one to ask", async ({ page }) => {
  const other = "0x8ba1f109551bD432803012645Ac136ddd64DBA72";
  await installFakeWallet(page, EVM_ADDRESS, "0x2105", "First Wallet");
  await installFakeWallet(page, other, "0x2105", "Second Wallet");
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("USD Coin (USDC)", "Base");
  await page.getByRole("button", { name: "Use my wallet" }).click();
  await expect(page.getByTestId("wallet-status")).toHaveText("Which wallet?");
  await expectAccessible(page, "/buy choosing a wallet");
  await page.getByRole("button", { name: "Second Wallet" }).press("Enter");
  await expect(form.address).toHaveValue(other);
  await expect(page.getByTestId("wallet-status")).toHaveText("Filled from Second Wallet.");
  await expect(page.getByRole("button", { name: "First Wallet" })).toHaveCount(0);
  // The list went with the button pressed: the focus is back on Use my wallet, not the page.
  await expect(page.getByRole("button", { name: "Use my wallet" })).toBeFocused();
});

test("without a wallet in the browser, Use my wallet says to paste the address", async ({
  page,
}) => {
  // The wallet code (EIP-6963 discovery) is downloaded when asked for, not with the page.
  const scripts: string[] = [];
  page.on("response", async (response) => {
    if (response.url().endsWith(".js")) scripts.push(await response.text());
  });
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await expect(form.amountField).toBeEditable();
  const hasWalletCode = (list: string[]) => list.some((s) => s.includes("eip6963:requestProvider"));
  expect(hasWalletCode(scripts)).toBe(false);
  // From the keyboard: the button is off while it asks, then has the focus again, not the page.
  const wallet = page.getByRole("button", { name: "Use my wallet" });
  // (Its script run first: a key pressed on the page's HTML alone does nothing.)
  await expectHydrated(wallet);
  await wallet.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => hasWalletCode(scripts)).toBe(true);
  await expect(page.getByTestId("wallet-status")).toHaveText(
    "No wallet found in this browser: paste your address.",
  );
  await expect(form.address).toHaveValue("");
  await expect(wallet).toBeFocused();
});

test("Use my wallet whose code cannot load (the connection dropped) says so, and works once it is back", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await expect(form.amountField).toBeEditable();
  const wallet = page.getByRole("button", { name: "Use my wallet" });
  await expectHydrated(wallet);
  const offline = "**/_next/static/chunks/**/*.js";
  await page.route(offline, (route) => route.abort("internetdisconnected"));
  await wallet.click();
  await expect(page.getByTestId("wallet-status")).toHaveText(/Part of this page did not load/);
  await expect(wallet).toBeEnabled();
  await page.unroute(offline);
  await wallet.click();
  await expect(page.getByTestId("wallet-status")).toHaveText(
    "No wallet found in this browser: paste your address.",
  );
});

test("Continue on my phone, pressed from the keyboard: a screen reader hears the QR code came, and the focus stays on the button", async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  const form = await RampFormPage.signedIn(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  const phone = page.getByRole("button", { name: "Continue on my phone" });
  await phone.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("img", { name: "QR code of the phone link" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "QR code" })).toHaveText(
    "A QR code for your phone is below.",
  );
  await expect(phone).toBeFocused();
  // The form changed: the code goes, and so does what was said about it.
  await form.amountField.fill("30");
  await expect(page.getByRole("img", { name: "QR code of the phone link" })).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "QR code" })).toHaveCount(0);
});

test("Use my wallet asks a Solana wallet through the Wallet Standard", async ({ page }) => {
  const address = "So11111111111111111111111111111111111111112";
  await page.addInitScript((address) => {
    // A wallet as Solana extensions register themselves with the Wallet Standard.
    const account = {
      address,
      publicKey: new Uint8Array(32),
      chains: ["solana:mainnet"],
      features: [],
    };
    const wallet = {
      version: "1.0.0",
      name: "Test Solana Wallet",
      icon: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
      chains: ["solana:mainnet"],
      accounts: [],
      features: {
        "standard:connect": { version: "1.0.0", connect: async () => ({ accounts: [account] }) },
        "standard:events": { version: "1.0.0", on: () => () => {} },
      },
    };
    const callback = ({ register }: { register: (w: unknown) => void }) => register(wallet);
    window.addEventListener("wallet-standard:app-ready", (event) =>
      callback((event as CustomEvent).detail),
    );
    window.dispatchEvent(new CustomEvent("wallet-standard:register-wallet", { detail: callback }));
  }, address);
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "CA");
  await form.choose("Solana (SOL)", "Solana");
  await page.getByRole("button", { name: "Use my wallet" }).click();
  await expect(form.address).toHaveValue(address);
  await expect(page.getByTestId("wallet-status")).toHaveText("Filled from Test Solana Wallet.");
});

test("the quote is asked once per pause in typing, and stays on screen meanwhile", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  const receive = page.locator('[data-quote="receive"]');
  await expect(receive).toHaveText(/\d/);
  const quoteRequests: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/api/quote")) quoteRequests.push(r.postData() ?? "");
  });
  await form.amountField.selectText();
  await form.amountField.pressSequentially("125", { delay: 30 });
  // Right after a keystroke the last quote is still shown, not a "loading" blank.
  expect(await page.getByTestId("quote").textContent()).toContain("You receive");
  await expect(page.locator('[data-quote="pay"]')).toHaveText("$125.00");
  expect(quoteRequests).toHaveLength(1);
  expect(quoteRequests[0]).toContain('"amount":"125"');
});

for (const viewport of [
  { name: "desktop", size: DESKTOP },
  { name: "phone", size: PHONE },
]) {
  test(`${viewport.name}: the fields under the quote stay put while it loads and updates`, async ({
    page,
  }) => {
    // A quote arriving must not move "Change" (or any field) under a press begun on it.
    await page.setViewportSize(viewport.size);
    let release = await holdRequests(page, "**/api/quote");
    await page.goto("/buy");
    const form = new RampFormPage(page, "buy");
    const change = page.getByRole("button", { name: "Change" });
    const top = async () => (await change.boundingBox())?.y;
    await expect(page.getByTestId("quote")).toHaveText("Getting a quote…");
    const loadingTop = await top();
    expect(loadingTop).toBeDefined();

    await release();
    await expect(page.locator('[data-quote="receive"]')).toHaveText(/\d/);
    expect(await top()).toBe(loadingTop);

    release = await holdRequests(page, "**/api/quote");
    await form.amount("125");
    await expect(page.getByTestId("quote")).toContainText("Updating…");
    expect(await top()).toBe(loadingTop);
    await release();
    await expect(page.locator('[data-quote="pay"]')).toHaveText("$125.00");
    await expect(page.getByTestId("quote")).not.toContainText("Updating…");
    expect(await top()).toBe(loadingTop);
  });
}

test("a completed purchase leads with the outcome: timeline, amount, explorer link", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.fill("USD Coin (USDC)", "Base");
  await form.submit.click();
  await form.finishOnSandboxPayPage();
  await expectAccessible(page, "/buy/complete, in progress");

  await expect(page.getByRole("heading", { level: 1, name: "Purchase complete" })).toBeVisible({
    timeout: 20_000,
  });
  const timeline = page.getByRole("list", { name: "Progress" });
  // Each step's state in words too, not only in its mark and colour.
  await expect(timeline.getByRole("listitem")).toHaveText([
    /Started \(done\)/,
    /In progress \(done\)/,
    /Success \(done\)/,
  ]);
  await expect(page.getByTestId("amount-received")).toHaveText(/ USDC on Base$/);
  await expect(page.locator("dt")).toContainText(["You received", "You paid"]);
  const tx = page.getByTestId("tx-hash").getByRole("link");
  await expect(tx).toHaveAttribute("href", /^https:\/\/basescan\.org\/tx\/0x[0-9a-f]{64}$/);
  await expect(page.getByTestId("next-step")).toContainText("Check your wallet");
  await expectAccessible(page, "/buy/complete, success");
});

test("what is typed and picked before the page's script has run stays in the form", async ({
  page,
}) => {
  const release = await holdScripts(page);
  await page.goto("/buy", { waitUntil: "commit" });
  const form = new RampFormPage(page, "buy");
  await page.getByLabel(/^Amount \(/).fill("42");
  await page.getByLabel("Network").selectOption("base");
  await form.address.fill(EVM_ADDRESS);
  // Sent by the browser itself, the form would reload the page empty: it waits for the script.
  await expect(form.signInToContinue).toBeDisabled();
  await form.address.press("Enter");
  release();
  await expectHydrated(form.address);
  await expect(page).toHaveURL(/\/buy$/);
  // They are the form's state: the quote is for that amount, and the renders it caused kept
  // what is on screen.
  await expect(page.locator('[data-quote="receive"]')).toContainText("ETH");
  await expect(page.getByLabel(/^Amount \(/)).toHaveValue("42");
  await expect(page.getByLabel("Network")).toHaveValue("base");
  await expect(form.address).toHaveValue(EVM_ADDRESS);
  await expect(form.address).not.toHaveAttribute("aria-invalid", "true");
});

test("Sign out clicked before the page's script has run still signs out, and leaves nothing behind", async ({
  page,
}) => {
  // A wallet typed on /buy, kept by the tab; another tab open on the account page.
  const form = await RampFormPage.signedIn(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  await expect.poll(() => form.keptAddress()).toBe(EVM_ADDRESS);
  const other = await page.context().newPage();
  await other.goto("/account");
  await expectHydrated(other.getByRole("button", { name: "Sign out" }));

  const release = await holdScripts(page);
  await page.goto("/account", { waitUntil: "commit" });
  // The header's form is posted by the browser; the route answers with the home page.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/\?signed_out=1$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.request.get("/api/transactions?side=buy")).status()).toBe(401);
  // Once the home page's script runs, it does what the button's would have: the tab's draft
  // is forgotten, the other tab is told, and the mark leaves the address.
  release();
  await expect(page).toHaveURL(/\/$/);
  expect(await form.keptAddress()).toBeUndefined();
  await expect(other.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await other.close();
});

test("a sign-out refused (the database down) says so, and the focus stays on the button", async ({
  page,
}) => {
  await signInOverHttp(page, { next: "/account" });
  const signOut = page.getByRole("button", { name: "Sign out" });
  await expectHydrated(signOut);
  await page.route("**/api/auth/sign-out", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({
        error: { code: "database_unavailable", message: "The database is not answering" },
      }),
    }),
  );
  await signOut.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("banner").getByRole("alert")).toContainText(
    "The database is not answering",
  );
  await expect(signOut).toBeFocused();
});

test("the unit switched before the page's script has run stays switched", async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto("/buy", { waitUntil: "commit" });
  const inEth = page.getByRole("radio", { name: "ETH" });
  await inEth.check();
  release();
  await expectHydrated(inEth);
  await expect(page.getByLabel(/^Amount \(/)).toHaveAccessibleName("Amount (ETH)");
  await expect(inEth).toBeChecked();
});

test("the form's plain buttons are off until the page's script runs, then work", async ({
  page,
}) => {
  const release = await holdScripts(page);
  await page.goto("/buy", { waitUntil: "commit" });
  // A tap on any of them now would be lost: each says it cannot be used yet.
  const preset = page.getByRole("button", { name: "25 USD" });
  const change = page.getByRole("button", { name: "Change" });
  const wallet = page.getByRole("button", { name: "Use my wallet" });
  const phone = page.getByRole("button", { name: "Continue on my phone" });
  for (const button of [preset, change, wallet, phone]) await expect(button).toBeDisabled();
  release();
  await expectHydrated(preset);
  for (const button of [preset, change, wallet, phone]) await expect(button).toBeEnabled();
  await preset.click();
  await expect(page.getByLabel(/^Amount \(/)).toHaveValue("25");
  await change.click();
  await expect(page.getByLabel("Country")).toBeVisible();
});

test("Continue clicked twice while the form's checks are still loading says it is under way, and mints once", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  // The checks load on the first touch of the form: hold every script fetched from now on.
  const release = await holdScripts(page);
  const mints: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/onramp") mints.push(r.url());
  });
  await form.fill("USD Coin (USDC)", "Base", "40");
  await form.submit.dblclick();
  // The click is taken: the button says so while the checks load.
  await expect(form.submit).toHaveText("Opening Coinbase…");
  await expect(form.submit).toBeDisabled();
  release();
  await form.expectOnPayPage();
  expect(mints).toHaveLength(1);
});

test("while Continue is under way the focus stays on it, pressed or sent with Enter from a field", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  const mints: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/onramp") mints.push(r.url());
  });
  // A keyboard user presses Continue, and the mint takes a while (a slow network).
  await form.fill("USD Coin (USDC)", "Base", "40");
  let release = await holdRequests(page, "**/api/onramp");
  await form.submit.focus();
  await page.keyboard.press("Enter");
  await expect(form.submit).toHaveText("Opening Coinbase…");
  // Not the page: a screen reader says where the user is, and what the button is doing.
  await expect(form.submit).toBeFocused();
  await expect(form.submit).toHaveAttribute("aria-disabled", "true");
  // Pressed again meanwhile: nothing more is sent.
  await page.keyboard.press("Enter");
  await release();
  await form.expectOnPayPage();
  expect(mints).toHaveLength(1);

  // Enter in the amount: the field is disabled while Continue is under way, the focus goes on.
  await page.goto("/buy");
  await form.fill("USD Coin (USDC)", "Base", "41");
  release = await holdRequests(page, "**/api/onramp");
  await form.amountField.press("Enter");
  await expect(form.submit).toHaveText("Opening Coinbase…");
  await expect(form.submit).toBeFocused();
  await release();
  await form.expectOnPayPage();
  expect(mints).toHaveLength(2);
});

test("while Continue is under way the form takes no change, and a page left meanwhile is not followed to Coinbase", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.fill("USD Coin (USDC)", "Base", "40");
  // The mint, held: a slow network.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/onramp", async (route) => {
    await held;
    await route.continue();
  });
  await form.submit.click();
  await expect(form.submit).toHaveText("Opening Coinbase…");
  // What Continue sends is what the page shows: no field changes meanwhile.
  await expect(form.address).toBeDisabled();
  await expect(form.amountField).toBeDisabled();
  // Guest checkout, taken meanwhile: the mint's answer takes the user nowhere from there.
  await page.getByRole("link", { name: "Pay with Apple Pay or Google Pay" }).click();
  await expect(page).toHaveURL(/\/buy\/guest\?/);
  const minted = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/onramp");
  release();
  expect((await minted).status()).toBe(200);
  await page.waitForTimeout(1_000); // what the page would do with the answer, done
  await expect(page).toHaveURL(/\/buy\/guest\?/);
});

test("the form's checks failing to load (the connection dropped) are said, and Continue works once it is back", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  // Offline from now on: the checks, fetched on the first touch of the form, cannot load.
  const offline = "**/_next/static/chunks/**/*.js";
  await page.route(offline, (route) => route.abort("internetdisconnected"));
  await form.fill("USD Coin (USDC)", "Base", "40");
  await form.submit.click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toHaveText(/Part of this page did not load/);
  await expect(alert).toBeFocused();
  await expect(form.submit).toBeEnabled();
  await expect(form.submit).toHaveText("Continue to Coinbase");
  // Back online: the same click loads them and goes on, with no reload.
  await page.unroute(offline);
  await form.submit.click();
  await form.expectOnPayPage();
});

test("a quote lost to a dropped connection comes back with it, with no retyping", async ({
  page,
  context,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.fill("USD Coin (USDC)", "Base", "40");
  const receive = page.locator('[data-quote="receive"]');
  await expect(receive).toHaveText(/USDC$/);
  await context.setOffline(true);
  await form.amountField.fill("50");
  await expect(page.getByText(/No quote right now: Could not reach the server/)).toBeVisible();
  await context.setOffline(false);
  await expect(receive).toHaveText(/USDC$/);
  await expect(page.getByText(/No quote right now/)).toHaveCount(0);
});

test("'Could not reach the server' goes once the connection is back, or the form changes", async ({
  page,
  context,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.fill("USD Coin (USDC)", "Base", "40");
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/USDC$/);
  const alert = page.getByRole("main").getByRole("alert");
  const unreachable = /Could not reach the server/;

  await context.setOffline(true);
  await form.submit.click();
  await expect(alert).toHaveText(unreachable);
  await context.setOffline(false);
  await expect(alert).toHaveCount(0);

  // Still offline, the user changes the amount: what the last press met is not said of it.
  await context.setOffline(true);
  await form.submit.click();
  await expect(alert).toHaveText(unreachable);
  await form.amount("45");
  await expect(alert).toHaveCount(0);
  await context.setOffline(false);
  await form.submit.click();
  await form.expectOnPayPage();
});

test("an amount typed with a decimal comma, as a comma keypad offers, is quoted and sold", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.fill("Ethereum (ETH)", "Base", "0,05");
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await form.submit.click();
  await form.expectOnPayPage();
  await expect(page.locator('[data-param="presetCryptoAmount"]')).toHaveText("0.05");
});

test("an amount with a bare leading or trailing separator (.5, 42,) is read as consumer apps read it", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.fill("Ethereum (ETH)", "Base", ".05");
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await form.submit.click();
  await form.expectOnPayPage();
  await expect(page.locator('[data-param="presetCryptoAmount"]')).toHaveText("0.05");

  await page.goto("/buy");
  const buy = new RampFormPage(page, "buy");
  await buy.fill("USD Coin (USDC)", "Base", "42,");
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/USDC$/);
  await buy.submit.click();
  await buy.expectOnPayPage();
  await expect(page.locator('[data-param="presetFiatAmount"]')).toHaveText("42");
});

test("an amount in the asset that could be a thousand or one is not guessed at", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.fill("Ethereum (ETH)", "Base", "1,000");
  await form.submit.click();
  await expect(form.amountField).toHaveAccessibleDescription(/leave out thousands separators/);
  await expect(page).toHaveURL(/\/sell$/);
});

test("money typed with its sign, as '$20', goes on as 20; another currency's sign is said", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.fill("USD Coin (USDC)", "Base", "€20");
  await form.submit.click();
  await expect(form.amountField).toHaveAccessibleDescription(
    /The amount is in USD, and € is another currency's sign/,
  );
  await expect(page).toHaveURL(/\/buy$/);
  // As the quick amounts write it.
  await form.amountField.fill("25 USD");
  await expect(page.locator('[data-quote="pay"]')).toHaveText("$25.00");
  await form.amountField.fill("$20");
  // Priced as 20 dollars: the amount is read before it is quoted, not only when it is sent.
  await expect(page.locator('[data-quote="pay"]')).toHaveText("$20.00");
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/USDC$/);
  await form.submit.click();
  await form.expectOnPayPage();
  await expect(page.locator('[data-param="presetFiatAmount"]')).toHaveText("20");
});

test("the navigation marks the current page", async ({ page }) => {
  await page.goto("/sell");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Sell" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Buy" })).not.toHaveAttribute("aria-current");
});

/** What a user taps in the header: the home link, the four pages, and Sign in or Sign out. */
function headerTargets(page: Page, signIn: "Sign in" | "Sign out") {
  const nav = page.getByRole("navigation", { name: "Main" });
  return [
    nav.getByRole("link", { name: "Ramps reference" }),
    ...["Buy", "Sell", "Connect", "Account"].map((name) =>
      nav.getByRole("link", { name, exact: true }),
    ),
    nav.getByRole(signIn === "Sign in" ? "link" : "button", { name: signIn, exact: true }),
  ];
}

test("on a phone, the header fits on one line, every link in reach", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const header = page.getByRole("banner");
  const nav = page.getByRole("navigation", { name: "Main" });
  // One row is its padding (24 px) and its tallest item, the Sign out button (about 30 px);
  // a second row adds at least a gap (8 px) and a line of small text (20 px).
  const ONE_ROW = 64;
  async function expectOneRowInReach(signIn: "Sign in" | "Sign out") {
    const box = (await header.boundingBox())!;
    expect(box.height, `header height, ${signIn}`).toBeLessThan(ONE_ROW);
    const targets = headerTargets(page, signIn);
    for (const target of targets) {
      await expect(target).toBeInViewport({ ratio: 1 });
    }
    // Nothing pushed off the side either.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
  }

  await page.goto("/sell");
  await expectOneRowInReach("Sign in");
  const email = await signInInBrowser(page, { next: "/sell" });
  await expectOneRowInReach("Sign out");
  // Who is signed in is still said, to a screen reader and on a wider screen…
  await expect(page.getByTestId("signed-in-as")).toContainText("Signed in as user-");
  // …and to eyes on a phone, on the Account page.
  await nav.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByTestId("account-email")).toHaveText(`Signed in to this app as ${email}`);
  await expect(page.getByTestId("account-email")).toBeInViewport({ ratio: 1 });
  await nav.getByRole("link", { name: "Connect", exact: true }).click();
  await expect(page).toHaveURL(/\/connect$/);
});

test("on the narrowest phones (320 px), the header wraps rather than laying Sign out over a link", async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  async function expectApartInReach(signIn: "Sign in" | "Sign out") {
    const targets = headerTargets(page, signIn);
    const boxes = [];
    for (const target of targets) {
      await expect(target).toBeInViewport({ ratio: 1 });
      boxes.push({ name: await target.innerText(), box: (await target.boundingBox())! });
    }
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const apart =
          a.box.x + a.box.width <= b.box.x ||
          b.box.x + b.box.width <= a.box.x ||
          a.box.y + a.box.height <= b.box.y ||
          b.box.y + b.box.height <= a.box.y;
        expect(apart, `${a.name} and ${b.name} overlap, ${signIn}`).toBe(true);
      }
    // On one line each: "Sign in" is not broken in two.
    const last = boxes.at(-1)!;
    expect(last.box.height, `${last.name} on one line`).toBeLessThan(40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
  }
  await page.goto("/buy");
  await expectApartInReach("Sign in");
  await signInInBrowser(page, { next: "/buy" });
  await expectApartInReach("Sign out");
});

test("an unknown address gets a styled 404 with the way on", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Home" })).toBeVisible();
  await expectAccessible(page, "404");

  // A page of the site that finds nothing (a guest order not this user's): the same, inside the
  // site's one header and one main.
  await signInOverHttp(page, { next: "/" });
  const order = await page.goto("/buy/guest/orders/123e4567-e89b-12d3-a456-426614174000");
  expect(order?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(1);
  await expect(page.getByRole("main")).toHaveCount(1);
  await expectAccessible(page, "404 of a site page");
});

test("the favicon and app icons are served", async ({ request }) => {
  for (const path of ["/favicon.ico", "/apple-touch-icon.png", "/icon-192.png", "/icon-512.png"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(/image\//);
  }
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest.icons).toHaveLength(2);
});

test("dark mode follows the system, and stays readable", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/buy");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 255, g = 255, b = 255] = (background.match(/[\d.]+/g) ?? []).map(Number);
  expect(r + g + b, background).toBeLessThan(150);
  await expectAccessible(page, "/buy in dark mode");
  await page.goto("/");
  await expectAccessible(page, "/ in dark mode");
});

test("on a 320 px phone the whole amount shows in its field, in money or in the asset", async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  const overflows = () =>
    form.amountField.evaluate((input: HTMLInputElement) => input.scrollWidth > input.clientWidth);
  await form.amountField.fill("1250.75");
  expect(await overflows()).toBe(false);
  // In the asset, whichever the form starts with: the switch's second choice.
  await page.getByRole("group", { name: "Amount in" }).getByRole("radio").nth(1).check();
  await form.amountField.fill("0.12345678");
  expect(await overflows()).toBe(false);
});

test("from the keyboard: the first Tab offers to skip to the page, and the sign-in page starts in its field", async ({
  page,
}) => {
  // (A plain link: no script needed.)
  await page.goto("/buy");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // The next Tab is in the page, past the banner's and the header's links.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("banner").locator(":focus")).toHaveCount(0);
  await expect(page.getByRole("main").locator(":focus")).toHaveCount(1);

  // "Sign in to continue": typing goes to the email at once.
  await page.goto("/sign-in?next=/buy");
  await expect(page.getByLabel("Email")).toBeFocused();
});

test("Skip to content, another page, then Back: the page shown is the one the address names", async ({
  page,
}) => {
  await page.goto("/account");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expectHydrated(skip);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // A #main entry, added by the browser, held none of the router's state: Back to it from /sell
  // left /sell on screen under /account#main.
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sell" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sell crypto");
  await page.goBack();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
});

test("the keyboard's focus ring stands out (3:1) in both schemes, round the Amount in switch too", async ({
  page,
}) => {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/buy");
    const form = new RampFormPage(page, "buy");
    await form.amountField.focus();
    await page.keyboard.press("Tab");
    // The switch's checked radio has the focus; the ring goes round its pill (blue on blue else).
    const radio = page.locator("input[type=radio]:focus");
    await expect(radio).toBeChecked();
    const pill = page.locator("label").filter({ has: radio });
    expect(await focusRingContrast(pill), `the switch's ring, ${scheme}`).toBeGreaterThanOrEqual(3);
    // Any other control: the page's own ring.
    await page.keyboard.press("Tab");
    const next = page.locator(":focus");
    expect(
      await focusRingContrast(next),
      `the next control's ring, ${scheme}`,
    ).toBeGreaterThanOrEqual(3);
  }
  await page.emulateMedia({ colorScheme: "light" });
});

test("every page passes axe, signed out and signed in, light and dark", async ({ page }) => {
  // Some thirty pages, each read by axe in two colour schemes: over 90 s on a busy 2-core machine.
  test.setTimeout(240_000);
  const signedOut = [
    "/",
    "/buy",
    "/sell",
    "/sign-in",
    "/buy/complete",
    "/sell/complete",
    "/handoff?link=used",
    "/oauth/result?failure=exchange_failed",
    "/oauth/result?failure=refresh_confirm",
  ];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of signedOut) {
      await page.goto(path);
      await expectAccessible(page, `${path}, signed out, ${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await signInOverHttp(page, { next: "/" });
  for (const path of [
    "/",
    "/buy",
    "/sell",
    "/account",
    "/connect",
    "/sell/complete",
    "/sandbox/inbox",
  ]) {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      await expectAccessible(page, `${path}, signed in, ${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  // A failed submit: the errors shown, focus on the first.
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.submit.click();
  await expect(form.address).toBeFocused();
  await expectAccessible(page, "/buy with errors");
});

test("a ramp page is restored from the back/forward cache", async ({ baseURL }) => {
  await withBackForwardCache(async (browser) => {
    const page = await browser.newPage({ baseURL });
    await page.goto("/buy");
    const form = new RampFormPage(page, "buy");
    await form.address.fill(EVM_ADDRESS);
    await page.evaluate(() => ((window as { kept?: boolean }).kept = true));
    await page.goto("/sell");
    // A page restored from the cache fires no new "load": wait for the navigation only.
    await page.goBack({ waitUntil: "commit" });
    await expect(page).toHaveURL(/\/buy$/);
    expect(await page.evaluate(() => (window as { kept?: boolean }).kept)).toBe(true);
    await expect(form.address).toHaveValue(EVM_ADDRESS);
  });
});

test("an amount typed with a currency's name says how to write it; one grouped with spaces is quoted", async ({
  page,
}) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("USD Coin (USDC)", "Base");
  await form.amount("50 dollars");
  await expect(page.getByRole("region", { name: "Quote" })).toContainText(
    "Write the amount as a plain number, e.g. 25 or 25.50",
  );
  await form.amount("1 000");
  await expect(page.locator('[data-quote="pay"]')).toHaveText("$1,000.00");
});

test("on a phone, a field reached by the keyboard is not hidden under the bar pinned to the bottom", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 664 }); // an iPhone 13's, less the browser's bars
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  const bar = page.getByTestId("primary-action");
  for (const field of [form.address, page.getByLabel("Payment method")]) {
    // Where Tab finds it: on the screen, near its bottom edge, where the bar sits.
    await field.evaluate((e) =>
      scrollTo(0, e.getBoundingClientRect().top + scrollY - innerHeight + 100),
    );
    await field.focus();
    const [box, barBox] = [await field.boundingBox(), await bar.boundingBox()];
    expect(box!.y + box!.height, await field.evaluate((e) => e.id)).toBeLessThanOrEqual(barBox!.y);
  }
});

test("on a phone, every field's text is at least 16px: iOS zooms into a smaller one when it is focused", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  for (const path of ["/buy", "/sell"]) {
    await page.goto(path);
    // Where text is typed or chosen: a radio button's or a checkbox's font zooms nothing.
    const fields = page.locator(
      "main input:not([type=radio]):not([type=checkbox]):visible, main select:visible, main textarea:visible",
    );
    expect(await fields.count(), path).toBeGreaterThan(2);
    const sizes = await fields.evaluateAll((all) =>
      all.map((e) => `${e.id || e.getAttribute("name")}: ${getComputedStyle(e).fontSize}`),
    );
    expect(
      sizes.filter((s) => parseFloat(s.split(": ")[1]!) < 16),
      path,
    ).toEqual([]);
  }
});

test("zoomed to 400% (320 x 256), the bar is not pinned over the form: the fields have the screen", async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 256 }); // 1280 x 1024 at 400%
  await page.goto("/buy");
  const bar = page.getByTestId("primary-action");
  // Pinned, the bar took 135 of the 256 px, leaving the form a strip of about 120.
  await page.getByLabel("Asset").focus();
  expect((await bar.boundingBox())!.y).toBeGreaterThanOrEqual(256);
  // Its buttons come after the fields, as any content does.
  await page.getByRole("button", { name: "Sign in to continue" }).focus();
  await expect(bar).toBeInViewport();
});

test("the state picker names the states, and keeps the code as what it sends", async ({ page }) => {
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.region("US", "NY");
  const state = page.getByLabel("State");
  await expect(state.locator("option:checked")).toHaveText("New York");
  await state.selectOption({ label: "California" });
  await expect(state).toHaveValue("CA");
  await expect(page.getByTestId("region")).toHaveText("United States · California");
});
