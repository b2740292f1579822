import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { PORTS, serverLogPath } from "../support/e2e-servers";
import { signInOverHttp } from "../support/sign-in";
import { GuestCheckoutPage } from "./guest-page";

/** What the guest checkout specs share: signing in to it, paying, and reading the outcome. */
export const ENTRY = "Pay with Apple Pay or Google Pay";

export function webhookLines(orderId: string): Record<string, unknown>[] {
  return readFileSync(serverLogPath(PORTS.sandbox), "utf8")
    .split("\n")
    .filter((line) => line.includes('"event":"webhook_received"') && line.includes(orderId))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export async function ledgerRow(page: Page, orderId: string) {
  const answer = await page.request.get("/api/transactions?side=buy");
  expect(answer.status()).toBe(200);
  const { transactions } = (await answer.json()) as {
    transactions: { coinbaseId?: string; status: string }[];
  };
  return transactions.find((t) => t.coinbaseId === orderId);
}

/** The user's guest orders' ids, as the ledger has them. */
export async function ledgerOrderIds(page: Page): Promise<string[]> {
  const answer = await page.request.get("/api/transactions?side=buy");
  expect(answer.status()).toBe(200);
  const { transactions } = (await answer.json()) as { transactions: { guestOrderId?: string }[] };
  return transactions.flatMap((t) => (t.guestOrderId ? [t.guestOrderId] : []));
}

/** Signs a new user in and opens guest checkout for a USDC-on-Base purchase of `amount` USD. */
export async function openGuestCheckout(page: Page, amount: string) {
  const query = new URLSearchParams({ asset: "USDC", network: "base", amount });
  const email = await signInOverHttp(page, { next: `/buy/guest?${query}` });
  await expect(page).toHaveURL(/\/buy\/guest\?/);
  return { email, guest: new GuestCheckoutPage(page) };
}

/** A new user's unpaid order (on its pay step in `page`), and a second tab of that browser. */
export async function unpaidOrderAndAnotherTab(page: Page) {
  const { email, guest } = await openGuestCheckout(page, "11");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  const [unpaid] = await ledgerOrderIds(page);
  expect(unpaid).toBeTruthy();
  const other = await page.context().newPage();
  return { guest, unpaid: unpaid!, other, otherGuest: new GuestCheckoutPage(other) };
}

export async function payAndComplete(page: Page, guest: GuestCheckoutPage): Promise<string> {
  await guest.orderAndWaitForButton();
  return payInFrame(page, guest);
}

export async function payInFrame(page: Page, guest: GuestCheckoutPage): Promise<string> {
  const pay = guest.frame.getByRole("button", { name: "Pay", exact: true });
  // No private-use character (the Apple logo): only Apple's fonts draw one.
  await expect(pay).not.toHaveText(/[\uE000-\uF8FF]/);
  await pay.click();
  // Opened by the payment button, saying the user paid.
  await expect(page).toHaveURL(/\/buy\/guest\/orders\/[a-f0-9-]{36}\?after=payment$/, {
    timeout: 20_000,
  });
  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 20_000 });
  return new URL(page.url()).pathname.split("/").pop()!;
}
