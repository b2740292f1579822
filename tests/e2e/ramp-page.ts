import { expect, type Locator, type Page, type Route } from "@playwright/test";
import { uniquePublicIp, VALID_ONRAMP } from "../support/api";
import { signInOverHttp } from "../support/sign-in";
import { expectHydrated } from "../support/slow-scripts";

export const EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7";

/** Page object for /buy and /sell: finds fields the way a person does, by label. */
export class RampFormPage {
  constructor(
    readonly page: Page,
    readonly side: "buy" | "sell",
  ) {}

  get address() {
    return this.page.getByLabel(
      this.side === "buy" ? "Wallet address to receive" : "Wallet address you sell from",
    );
  }

  /** Submit, signed in. */
  get submit() {
    return this.page.getByRole("button", { name: /Continue to Coinbase|Opening Coinbase/ });
  }

  /** Submit, signed out: keeps the form and goes to the sign-in page. */
  get signInToContinue() {
    return this.page.getByRole("button", { name: "Sign in to continue" });
  }

  /** The signed-in user's reference, as the URL preview shows it (`partnerUserId=`). */
  async previewedUserRef(): Promise<string> {
    // The preview sits in a closed <details>: its text, not what is rendered.
    const preview = (await this.page.getByTestId("url-preview").textContent()) ?? "";
    const ref = /partnerUserId=([^&\s]+)/.exec(preview)?.[1];
    expect(ref, preview).toBeTruthy();
    return decodeURIComponent(ref!);
  }

  /**
   * The wallet address this tab keeps for the form (components/ramp/draft.ts). Once its
   * script runs, the form keeps what it shows: the draft kept before was read, or forgotten.
   */
  keptAddress(): Promise<string | undefined> {
    return this.page.evaluate((key) => {
      const kept = JSON.parse(sessionStorage.getItem(key) ?? "null") as {
        values?: { address?: string };
      } | null;
      return kept?.values?.address;
    }, `ramp-draft:${this.side}`);
  }

  /** The region: shown as a line ("United States · New York"), its pickers behind "Change". */
  async region(country: string, state?: string) {
    const countryField = this.page.getByLabel("Country");
    if (!(await countryField.isVisible())) {
      await this.page.getByRole("button", { name: "Change" }).click();
    }
    await countryField.selectOption(country);
    if (state) await this.page.getByLabel("State").selectOption(state);
  }

  /** The amount's unit: the fiat currency's or the asset's symbol, beside the amount. */
  async amountIn(unit: string) {
    await this.page
      .getByRole("group", { name: "Amount in" })
      .getByRole("radio", { name: unit, exact: true })
      .check();
  }

  get amountField() {
    return this.page.getByLabel(/^Amount \(/);
  }

  /** A new user signed in, on /buy or /sell. */
  /**
   * Signs in and comes back to the form, ready: its script has run, so a click on one of
   * its plain buttons ("Continue on my phone") is not lost on a busy machine.
   */
  static async signedIn(page: Page, side: "buy" | "sell"): Promise<RampFormPage> {
    await signInOverHttp(page, { next: `/${side}` });
    await expectHydrated(page.getByRole("button", { name: "Continue to Coinbase" }));
    return new RampFormPage(page, side);
  }

  /**
   * /sell, as anyone opens it, set to sell ETH on Ethereum from New York to the Coinbase cash
   * balance (sandbox: 1 to 50,000 USD worth): the sale the limit tests are about.
   */
  static async sellToCashBalance(page: Page): Promise<RampFormPage> {
    await page.goto("/sell");
    const form = new RampFormPage(page, "sell");
    await form.region("US", "NY");
    await form.choose("Ethereum (ETH)", "Ethereum");
    await page.getByLabel("Cash out to").selectOption("FIAT_WALLET");
    return form;
  }

  /** Asset and network, the test wallet's address, and an amount when given. */
  async fill(asset: string, network: string, amount?: string) {
    await this.choose(asset, network);
    await this.address.fill(EVM_ADDRESS);
    if (amount !== undefined) await this.amount(amount);
  }

  async choose(asset: string, network: string) {
    await this.page.getByLabel("Asset").selectOption({ label: asset });
    await this.page.getByLabel("Network").selectOption({ label: network });
  }

  async amount(value: string, currency?: string) {
    await this.amountField.fill(value);
    // The currency picker is there only when the region offers more than one.
    const currencyField = this.page.getByLabel("Currency");
    if (currency && (await currencyField.count())) await currencyField.selectOption(currency);
  }

  async expectOnPayPage() {
    const path =
      this.side === "buy" ? "/sandbox/pay/buy/select-asset" : "/sandbox/pay/v3/sell/input";
    // After "Continue": an amount in the asset waits for its quote, then the mint, then
    // Coinbase's page loads: more than the default 5 s on a machine busy with other tests.
    await expect(this.page).toHaveURL(new RegExp(`${path}\\?sessionToken=`), {
      timeout: 15_000,
    });
    await expect(
      this.page.getByRole("heading", { name: this.side === "buy" ? "Buy crypto" : "Sell crypto" }),
    ).toBeVisible();
  }

  /** Fills the form and continues, to the page of Coinbase (the sandbox's) it opens. */
  async continueToCoinbase(asset: string, network: string, amount?: string) {
    await this.fill(asset, network, amount);
    await this.submit.click();
    await this.expectOnPayPage();
  }

  /** On the sandbox pay page: completes the purchase or confirms the sale, back to /complete. */
  async finishOnSandboxPayPage() {
    await this.expectOnPayPage();
    const button = this.side === "buy" ? "Complete purchase" : "Confirm sale";
    await this.page.getByRole("button", { name: button }).click();
    await expect(this.page).toHaveURL(new RegExp(`/${this.side}/complete\\?order=[\\w-]+$`));
  }

  /** On /sell/complete: the sandbox's stand-in for the user's wallet, in a tab of its own. */
  async openWallet(): Promise<Page> {
    const link = this.page.getByRole("link", { name: /simulate the deposit/ });
    const wallet = await this.page.context().newPage();
    await wallet.goto((await link.getAttribute("href"))!);
    return wallet;
  }

  /** On /sell/complete: the user's wallet "sends" the crypto, from a tab of its own. */
  async simulateDeposit() {
    const wallet = await this.openWallet();
    await wallet.getByRole("button", { name: "Simulate deposit" }).click();
    await expect(wallet.getByText(/Deposit received/)).toBeVisible();
  }
}

/** On /account: the row of the ramp history that says `what` ("Sell ETH on Base"). */
export function historyRow(page: Page, what: string): Locator {
  return page
    .getByRole("region", { name: "Your ramp history" })
    .getByRole("row")
    .filter({ hasText: what });
}

/**
 * More purchases started by the signed-in user of `page`, over HTTP (as tabs, second tries or
 * the user's app would), each from a client of its own: the per-client mint limit would stop
 * one client after ten.
 */
export async function startMorePurchases(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const mint = await page.request.post("/api/onramp", {
      data: { ...VALID_ONRAMP, fiatAmount: "47" },
      headers: { "x-forwarded-for": uniquePublicIp() },
    });
    expect(mint.status()).toBe(200);
  }
}

/** Signed in on /buy with the test address (and `amount`), "Continue on my phone": the link. */
export async function makePhoneLink(page: Page, amount?: string): Promise<string> {
  await page.setViewportSize({ width: 1280, height: 900 });
  const form = await RampFormPage.signedIn(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  if (amount !== undefined) await form.amountField.fill(amount);
  await page.getByRole("button", { name: "Continue on my phone" }).click();
  await expect(page.getByRole("img", { name: "QR code of the phone link" })).toBeVisible();
  return page.getByTestId("handoff-url").innerText();
}

/**
 * The browser's requests to `url` held back, as on a slow connection, until the returned
 * `release` lets them through, and every later one.
 */
export async function holdRequests(page: Page, url: string): Promise<() => Promise<void>> {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const letThrough: Promise<void>[] = [];
  const hold = (route: Route) => {
    const through = opened.then(() => route.continue());
    letThrough.push(through);
    return through;
  };
  await page.route(url, hold);
  return async () => {
    open();
    await Promise.all(letThrough);
    await page.unroute(url, hold);
  };
}
