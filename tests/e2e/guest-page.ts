import { randomInt } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { inboxSubjectsTo } from "../support/sign-in-codes";
import { EVM_ADDRESS } from "./ramp-page";

/**
 * Page object for guest checkout (/buy/guest): verifying the phone and email with codes
 * read from the sandbox inbox, Coinbase's terms, the purchase form and the payment iframe.
 */
const CODE = /Your Coinbase verification code: (\d{6})/;

/** A US mobile number no other test uses (limits are per phone number), as a person types it. */
export function uniquePhone(): { typed: string; e164: string } {
  // An exchange starts 2-9 and is never a service code such as 411 (N11).
  let exchange = randomInt(200, 1000);
  if (exchange % 100 === 11) exchange += 1;
  const line = String(randomInt(1000, 10_000));
  const area = 415;
  return { typed: `(${area}) ${exchange}-${line}`, e164: `+1${area}${exchange}${line}` };
}

export class GuestCheckoutPage {
  constructor(readonly page: Page) {}

  get paymentState() {
    return this.page.getByTestId("payment-state");
  }
  get frame() {
    return this.page.frameLocator('iframe[title$="payment"]');
  }
  get amount() {
    return this.page.getByLabel("Amount (USD, fees included)");
  }
  get wallet() {
    return this.page.getByLabel("Wallet address");
  }
  get continueToPayment() {
    return this.page.getByRole("button", { name: "Continue to payment" });
  }
  limits() {
    return this.page.getByRole("region", { name: "Your guest limits" });
  }
  /** The notice about the order placed before the page was (re)loaded, when it is not payable. */
  lastOrder() {
    return this.page.getByRole("status").filter({ hasText: "Your last order" });
  }

  /** Pays in the payment iframe and waits until the app says the payment was received. */
  async payAndWaitForProcessing() {
    await this.frame.getByRole("button", { name: "Pay", exact: true }).click();
    await expect(this.paymentState).toHaveText(
      "Payment received: Coinbase is sending your crypto…",
    );
  }

  /** The newest code the sandbox "sent" to `to` (a phone number or an email), from its inbox. */
  async codeSentTo(to: string, notThis?: string): Promise<string> {
    let code: string | undefined;
    await expect
      .poll(
        async () => {
          const subjects = await inboxSubjectsTo(this.page.request, "", to);
          code = subjects.map((subject) => CODE.exec(subject)?.[1]).find(Boolean);
          return code && code !== notThis ? code : undefined;
        },
        { message: `a verification code for ${to}`, timeout: 10_000 },
      )
      .toBeDefined();
    return code!;
  }

  async verifyPhone(phone: { typed: string; e164: string }) {
    await this.page.getByLabel("Mobile phone number").fill(phone.typed);
    await this.page.getByRole("button", { name: "Text me a code" }).click();
    await expect(
      this.page.getByText(`We sent a 6-digit code to ${formatUs(phone.e164)}`),
    ).toBeVisible();
    await expect(this.page.getByLabel("Code", { exact: true })).toBeFocused();
    await this.enterCode(await this.codeSentTo(phone.e164));
  }

  async verifyEmail(email: string) {
    await this.page.getByRole("button", { name: "Email me a code" }).click();
    await expect(this.page.getByText(`We sent a 6-digit code to ${email}`)).toBeVisible();
    await expect(this.page.getByLabel("Code", { exact: true })).toBeFocused();
    await this.enterCode(await this.codeSentTo(email));
  }

  async enterCode(code: string) {
    await this.page.getByLabel("Code", { exact: true }).fill(code);
    await this.page.getByRole("button", { name: "Verify" }).click();
  }

  async acceptTerms() {
    await expect(this.page.getByRole("link", { name: "Guest Checkout Terms" })).toHaveAttribute(
      "href",
      "https://www.coinbase.com/legal/guest-checkout/us",
    );
    await this.page.getByLabel(/I accept Coinbase's Guest Checkout Terms/).check();
    await this.page.getByRole("button", { name: "Accept and continue" }).click();
  }

  /** Phone, email and terms, from a fresh user's first visit; then the wallet, as they type it. */
  async getReady(email: string, phone = uniquePhone()) {
    await this.verifyPhone(phone);
    await this.verifyEmail(email);
    await this.acceptTerms();
    await this.fillWalletIfEmpty();
    return phone;
  }

  /**
   * Types the wallet address where the form has none: a link never fills it in (only /buy's
   * hand-over in the tab, or the order bought again, does).
   */
  async fillWalletIfEmpty(address = EVM_ADDRESS) {
    if ((await this.wallet.inputValue()) === "") await this.wallet.fill(address);
  }

  /** "Buy more" on an unpaid order's page: the form that places an order in its place. */
  async buyAgainInPlaceOf(orderId: string) {
    await this.page.goto(`/buy/guest/orders/${orderId}`);
    await this.page.getByRole("link", { name: "Buy more" }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]replaces=${orderId}(&|$)`));
  }

  /** Orders what the form holds (its wallet typed if none) and waits for the payment button. */
  async orderAndWaitForButton() {
    await this.fillWalletIfEmpty();
    await expect(this.page.getByTestId("figure-you-pay")).toBeVisible();
    await this.continueToPayment.click();
    await expect(this.paymentState).toHaveText("Ready: pay with the button below.");
  }
}

export function formatUs(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)!;
  return `+1 (${m[1]}) ${m[2]}-${m[3]}`;
}
