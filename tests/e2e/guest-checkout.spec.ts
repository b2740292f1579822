import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { uniquePublicIp } from "../support/api";
import { expectAccessibleInBothSchemes } from "../support/axe";
import { signInInBrowser, signInOverHttp, signOutUntold } from "../support/sign-in";
import { inTwoHalves, inboxSubjectsTo } from "../support/sign-in-codes";
import {
  ENTRY,
  ledgerOrderIds,
  ledgerRow,
  openGuestCheckout,
  payAndComplete,
  payInFrame,
  unpaidOrderAndAnotherTab,
  webhookLines,
} from "./guest-flow";
import { formatUs, GuestCheckoutPage, uniquePhone } from "./guest-page";
import { EVM_ADDRESS, RampFormPage } from "./ramp-page";
import { recordWhatIsSaid } from "../support/what-is-said";

/** The amount this tab keeps for guest checkout (components/guest/guest-draft.ts). */
const guestDraftAmount = (page: Page) =>
  page.evaluate(
    () =>
      (
        JSON.parse(sessionStorage.getItem("guest-draft") ?? "null") as {
          values?: { amount?: string };
        } | null
      )?.values?.amount,
  );

/**
 * Guest checkout (Coinbase's v2 headless onramp) against the sandbox: codes from the sandbox
 * inbox, limits and prices from its v2 API, the payment link framed by the app, the outcome
 * from the order API and the webhooks, in the ledger.
 */
test.describe.configure({ timeout: 60_000 });

test("from /buy: verify the phone through the inbox, accept the terms, see limits and price, pay in the iframe, succeed", async ({
  page,
}) => {
  // The whole journey, axe at each of six steps in two schemes and the order settled: about
  // 55 s on a quiet machine, too near the file's 60 s.
  test.setTimeout(90_000);
  const email = await signInOverHttp(page, { next: "/buy" });
  const form = new RampFormPage(page, "buy");
  await form.fill("USD Coin (USDC)", "Base", "380");
  await page.getByRole("link", { name: ENTRY }).click();
  await expect(page).toHaveURL(/\/buy\/guest\?.*amount=380/);
  // The wallet typed on /buy comes along in the tab, never in the link.
  expect(new URL(page.url()).searchParams.has("address")).toBe(false);

  const guest = new GuestCheckoutPage(page);
  // Each step is checked with axe as the user meets it, in both colour schemes.
  await expectAccessibleInBothSchemes(page, "guest checkout: the phone step");
  await guest.verifyPhone(uniquePhone());
  await expect(page.getByRole("button", { name: "Email me a code" })).toBeVisible();
  // Each new step takes the focus at its heading: the button pressed is gone.
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeFocused();
  await expectAccessibleInBothSchemes(page, "guest checkout: the email step");
  await guest.verifyEmail(email);
  await expect(page.getByRole("button", { name: "Accept and continue" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Coinbase's terms" })).toBeFocused();
  await expectAccessibleInBothSchemes(page, "guest checkout: the terms");
  await guest.acceptTerms();
  await expect(page.getByRole("heading", { name: "Your purchase" })).toBeFocused();
  await expect(guest.limits()).toContainText("$500.00 of $500.00 left in your 7-day limit");
  await expect(guest.limits()).toContainText("15 of 15 guest purchases left");
  await expect(guest.amount).toHaveValue("380");
  await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$380.00");
  await expect(page.getByTestId("figure-coinbase-fee")).toHaveText(/^\$\d+\.\d{2}$/);
  await expect(page.getByTestId("figure-network-fee")).toHaveText(/^\$\d+\.\d{2}$/);
  // The asset priced in dollars, as people read a price (not "1 USD = 1.00 USDC").
  await expect(page.getByTestId("figure-exchange-rate")).toHaveText("1 USDC = $1.00");
  await expect(page.getByTestId("figure-you-receive")).toHaveText(/^\d+\.(\d*[1-9]|\d\d) USDC$/);
  await expectAccessibleInBothSchemes(page, "guest checkout: limits and price");

  // Chromium has no Apple Pay: Google Pay is chosen for the user; Apple Pay is one tap away.
  await expect(page.getByRole("radio", { name: "Google Pay" })).toBeChecked();
  await page.getByRole("radio", { name: "Apple Pay" }).check();
  await guest.orderAndWaitForButton();
  await expect(
    page.getByRole("heading", { name: "Pay with Apple Pay", exact: true }),
  ).toBeFocused();
  await expectAccessibleInBothSchemes(page, "guest checkout: the payment button");
  const orderId = await payInFrame(page, guest);
  await expectAccessibleInBothSchemes(page, "guest checkout: the completed order");
  await expect(page.getByRole("link", { name: /^0x[0-9a-f]{64}$/ })).toHaveAttribute(
    "href",
    /^https:\/\/basescan\.org\/tx\/0x[0-9a-f]{64}$/,
  );
  // Done: in the past tense.
  await expect(page.getByTestId("figure-you-paid")).toHaveText("$380.00");
  await expect(page.getByTestId("figure-you-received")).toHaveText(/ USDC$/);
  await expect(page.getByText("Sent to", { exact: true })).toBeVisible();
  // The ledger and Coinbase's webhook agree: the order succeeded.
  expect((await ledgerRow(page, orderId))?.status).toBe("success");
  await expect
    .poll(() => webhookLines(orderId).map((l) => l.type), { timeout: 20_000 })
    .toContain("onramp.transaction.success");

  // Back from the order's page: the guest page as it is now (verified, part of the week's
  // limit spent), not as it was first loaded, asking to verify the phone again.
  await page.goBack();
  await expect(guest.limits()).toContainText("$120.00 of $500.00 left in your 7-day limit");
  await expect(page.getByRole("heading", { name: "Verify your phone number" })).toHaveCount(0);

  // What is left is shown, and more than that is refused in the form, with the figure.
  await page.goto(`/buy/guest?asset=USDC&network=base&amount=200`);
  await guest.fillWalletIfEmpty();
  await expect(guest.limits()).toContainText("$120.00 of $500.00 left in your 7-day limit");
  await expect(guest.limits()).toContainText("14 of 15 guest purchases left");
  await guest.continueToPayment.click();
  await expect(
    page.getByText("You can spend at most $120.00 more for now (a 7-day limit)"),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Price" })).toHaveText(
    "Lower the amount to within your limit to see the price.",
  );
  await expect(guest.paymentState).toHaveCount(0);
});

test("an amount under Coinbase's minimum is said once, plainly, at the amount field", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "1");
  await guest.getReady(email);
  const minimum = /^The minimum purchase is \$2\.00$/;
  await expect(guest.amount).toHaveAttribute("aria-invalid", "true");
  await expect(guest.amount).toHaveAccessibleDescription(minimum);
  // Ordered anyway: Coinbase's refusal lands on the same field, still said once.
  const ordered = page.waitForResponse((r) => r.url().endsWith("/api/guest/orders"));
  await guest.continueToPayment.click();
  expect((await ordered).status()).toBe(400);
  await expect(guest.amount).toHaveAccessibleDescription(minimum);
  // The refusal takes the focus to its field (on a phone it may be out of sight).
  await expect(guest.amount).toBeFocused();
  await expect(page.getByText(/minimum purchase/i)).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Price" })).toHaveText(
    "Change the amount to see the price.",
  );
  // No amount at all: asked for in plain words.
  await guest.amount.fill("");
  await guest.continueToPayment.focus();
  await guest.continueToPayment.press("Enter");
  await expect(guest.amount).toHaveAccessibleDescription("Enter the amount");
  await expect(guest.amount).toBeFocused();
});

test("a price lost to a dropped connection comes back with it, with no retyping", async ({
  page,
  context,
}) => {
  const { email, guest } = await openGuestCheckout(page, "5");
  await guest.getReady(email);
  const price = page.getByRole("region", { name: "Price" });
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$5.00");
  await context.setOffline(true);
  await guest.amount.fill("6");
  await expect(price).toContainText("Could not reach the server");
  await context.setOffline(false);
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$6.00");
});

test("the exchange rate reads as the asset's price in dollars: 1 ETH = $3,000.00", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "30");
  await guest.getReady(email);
  await page.getByLabel("Asset").selectOption({ label: "Ethereum (ETH)" });
  await expect(page.getByTestId("figure-you-receive")).toHaveText(/ ETH$/);
  // Coinbase's rate is the other way round (0.00033333 ETH to the dollar), to 8 decimals.
  await expect(page.getByTestId("figure-exchange-rate")).toHaveText("1 ETH = $3,000.00");
});

test("on the terms step, the refusal takes the focus to the box, and goes once it is ticked", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "30");
  await guest.verifyPhone(uniquePhone());
  await guest.verifyEmail(email);
  const refusal = page.getByText(
    "Accept Coinbase's terms, user agreement and privacy policy to continue",
  );
  await page.getByRole("button", { name: "Accept and continue" }).click();
  await expect(refusal).toBeVisible();
  const box = page.getByLabel(/I accept Coinbase's Guest Checkout Terms/);
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(box).toBeFocused();
  await box.check();
  await expect(refusal).toHaveCount(0);
  await expect(box).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Accept and continue" }).click();
  await expect(page.getByRole("heading", { name: "Your purchase" })).toBeFocused();
});

test("a link naming a wallet does not fill it in: anyone can write one", async ({ page }) => {
  const attacker = "0x000000000000000000000000000000000000dEaD";
  const { email, guest } = await openGuestCheckout(page, "30");
  await guest.getReady(email);
  await page.goto(`/buy/guest?asset=USDC&network=base&address=${attacker}&amount=30`);
  await expect(guest.amount).toHaveValue("30");
  await expect(guest.wallet).toHaveValue("");
});

test("an address pasted with spaces around it is taken as the address, as on /buy", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "30");
  await guest.getReady(email);
  const address = guest.wallet;
  await address.fill(`  ${EVM_ADDRESS}\t `);
  await expect(address).toHaveValue(EVM_ADDRESS);
  await expect(address).not.toHaveAttribute("aria-invalid", "true");
  await guest.orderAndWaitForButton();
  await expect(page.getByTestId("pay-wallet")).toHaveText(EVM_ADDRESS);
});

test("a session that ended meanwhile: the guest steps go to sign in and back, the purchase as typed", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { email, guest } = await openGuestCheckout(page, "30");
  const toSignIn = /\/sign-in\?next=%2Fbuy%2Fguest%3F/;
  // The session ends (expired, or ended elsewhere) on the phone step.
  const phone = uniquePhone();
  await page.getByLabel("Mobile phone number").fill(phone.typed);
  await page.context().clearCookies();
  await page.getByRole("button", { name: "Text me a code" }).click();
  await expect(page).toHaveURL(toSignIn);
  expect(page.url()).not.toContain(phone.e164.slice(-4));
  await signInInBrowser(page, { email });
  await expect(page).toHaveURL(/\/buy\/guest\?/);
  // The number as typed is back (kept in the tab, never in a link): the code is one click away.
  await expect(page.getByLabel("Mobile phone number")).toHaveValue(phone.typed);
  expect(page.url()).not.toContain(phone.e164.slice(-4));
  await guest.getReady(email, phone);
  // And again once the purchase is typed: it is kept across signing in.
  await page.getByLabel("Network").selectOption({ label: "Ethereum" });
  await guest.amount.fill("27");
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$27.00");
  await page.context().clearCookies();
  await guest.continueToPayment.click();
  await expect(page).toHaveURL(toSignIn);
  await signInInBrowser(page, { email });
  await expect(page).toHaveURL(/\/buy\/guest\?/);
  await expect(guest.amount).toHaveValue("27");
  await expect(page.getByLabel("Network")).toHaveValue("ethereum");
  await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
  await guest.orderAndWaitForButton();
  await expect(page.getByTestId("pay-total")).toHaveText("$27.00");
});

test("what was typed survives a reload (a phone that dropped the tab) and a link's Back, for the same link only", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "30");
  await guest.getReady(email);
  await page.getByLabel("Network").selectOption({ label: "Ethereum" });
  await guest.amount.fill("27");
  await page.getByRole("radio", { name: "Google Pay" }).check();
  // Away by a link and Back: the page as it is now (verified, the purchase as typed), not as
  // the router kept it from its first load, at the phone step.
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.goBack();
  await expect(guest.amount).toHaveValue("27");
  await expect(guest.limits()).toContainText("15 of 15 guest purchases left");
  await expect(page.getByRole("heading", { name: "Verify your phone number" })).toHaveCount(0);
  await page.reload();
  await expect(guest.amount).toHaveValue("27");
  await expect(page.getByLabel("Network")).toHaveValue("ethereum");
  await expect(page.getByRole("radio", { name: "Google Pay" })).toBeChecked();
  await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
  // Another link (/buy sending other values) opens with its own.
  await page.goto(`/buy/guest?asset=USDC&network=base&amount=40`);
  await expect(guest.amount).toHaveValue("40");
  await expect(page.getByLabel("Network")).toHaveValue("base");
});
test("the pay step says what is being paid: amount, asset, network, wallet and the total with fees", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "25");
  await guest.getReady(email);
  const orders: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/guest/orders")
      orders.push(r.url());
  });
  await expect(page.getByTestId("figure-you-pay")).toBeVisible();
  // A double click places one order.
  await guest.continueToPayment.dblclick();
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  expect(orders).toHaveLength(1);
  const summary = page.getByRole("region", { name: "What you are paying for" });
  await expect(summary).toBeVisible();
  await expect(page.getByTestId("pay-receive")).toHaveText(/^\d+\.(\d*[1-9]|\d\d) USDC$/);
  await expect(page.getByTestId("pay-network")).toHaveText("Base");
  // In full, not shortened: a look-alike address shares its first and last characters.
  await expect(page.getByTestId("pay-wallet")).toHaveText(EVM_ADDRESS);
  await expect(page.getByTestId("pay-fees")).toHaveText(/^\$\d+\.\d{2}$/);
  await expect(page.getByTestId("pay-total")).toHaveText("$25.00");
  // Above the payment button: read before paying.
  const summaryBox = (await summary.boundingBox())!;
  const frameBox = (await page.locator('iframe[title$="payment"]').boundingBox())!;
  expect(summaryBox.y + summaryBox.height).toBeLessThanOrEqual(frameBox.y);
  // Google Pay's button (the one Chromium is given) is legible in both schemes, frame included.
  await expect(
    page.frameLocator('iframe[title$="payment"]').getByRole("button", { name: /Pay$/ }),
  ).toBeEnabled();
  await expectAccessibleInBothSchemes(page, "guest checkout: the Google Pay button");
  // On a 320 px phone the sandbox's buttons wrap inside the frame: none is cut off.
  await page.setViewportSize({ width: 320, height: 640 });
  const frame = page.locator('iframe[title$="payment"]');
  await frame.scrollIntoViewIfNeeded();
  const inFrame = page.frameLocator('iframe[title$="payment"]');
  for (const name of [/Pay$/, /^Decline$/, /^Cancel$/]) {
    const box = (await inFrame.getByRole("button", { name }).boundingBox())!;
    const outer = (await frame.boundingBox())!;
    expect(box.x + box.width, String(name)).toBeLessThanOrEqual(outer.x + outer.width);
  }
});

test("an order changed before it was paid is replaced: its page and the history say so, and it is not offered to be paid", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "11");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  const first = await ledgerOrderIds(page);
  await page.getByRole("button", { name: "Change the order" }).click();
  await guest.amount.fill("12");
  await guest.orderAndWaitForButton();
  const [second] = (await ledgerOrderIds(page)).filter((id) => !first.includes(id));
  expect(second).toBeTruthy();

  await page.goto("/account");
  const changed = page.getByRole("row").filter({ hasText: "$11.00" });
  await expect(changed.getByRole("cell").nth(4)).toHaveText(/^Replaced, not paid/);
  await expect(
    page.getByRole("row").filter({ hasText: "$12.00" }).getByRole("cell").nth(4),
  ).toHaveText(/^Not paid yet/);
  await changed.getByRole("link", { name: "Buy USDC on Base" }).click();
  await expect(
    page.getByText("Another order took this one's place before it was paid for"),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "buy again with the same details" })).toHaveCount(0);
  await page.getByRole("link", { name: "Follow the order that took its place" }).click();
  await expect(page).toHaveURL(new RegExp(`/buy/guest/orders/${second}$`));
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$12.00");
});

test("an order paid in another tab while this tab was changing it is not replaced: no second order, the paid one to follow", async ({
  page,
}) => {
  test.setTimeout(60_000); // pays an order, and waits for it to complete
  // Most of the week's 500 USD: once paid, the changed order would be over the limit too, and
  // the user must hear of the purchase made, not of a limit it used up.
  const { email, guest } = await openGuestCheckout(page, "480");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  const [paid] = await ledgerOrderIds(page);
  await page.getByRole("button", { name: "Change the order" }).click();
  await guest.amount.fill("30");
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$30.00");

  // Meanwhile the same order, paid in another tab (its pay step comes back there).
  const other = await page.context().newPage();
  await other.goto("/buy/guest");
  const otherGuest = new GuestCheckoutPage(other);
  expect(await payInFrame(other, otherGuest)).toBe(paid);
  await other.close();

  await guest.continueToPayment.click();
  await expect(page.getByRole("heading", { name: "Already paid" })).toBeFocused();
  await expect(page.getByText("no new order was placed")).toBeVisible();
  await expect(page.locator('iframe[title$="payment"]')).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Go to the paid order" })).toHaveAttribute(
    "href",
    `/buy/guest/orders/${paid}`,
  );
  expect(await ledgerOrderIds(page)).toEqual([paid]);
});

test("a tab left on a guest purchase while another account signs in places no order for that account", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "12");
  await guest.getReady(email);
  await expect(page.getByTestId("figure-you-pay")).toBeVisible();

  // Signed out and in from another tab as someone else, ready to buy as a guest too: this tab
  // still shows the last user's purchase, their wallet address in it.
  const other = await signOutUntold(page.context());
  const otherEmail = await signInOverHttp(other, { next: "/buy/guest?amount=20" });
  await new GuestCheckoutPage(other).getReady(otherEmail);
  await other.close();

  await guest.continueToPayment.click();
  await expect(
    page.getByText("Another account is signed in now: reload the page to go on as that account"),
  ).toBeVisible();
  await expect(guest.paymentState).toHaveCount(0);
  expect(await ledgerOrderIds(page), "the new account's orders").toEqual([]);
});

test("tabs left on the phone step and the terms while another account signs in: no code is sent, no terms accepted for it", async ({
  page,
}) => {
  test.setTimeout(60_000); // signs in twice
  const { email, guest } = await openGuestCheckout(page, "12");
  const phone = uniquePhone();
  await guest.page.getByLabel("Mobile phone number").fill(phone.typed);
  // A second tab of the same user goes as far as the terms.
  const terms = await page.context().newPage();
  await terms.goto(page.url());
  const termsGuest = new GuestCheckoutPage(terms);
  await termsGuest.verifyPhone(uniquePhone());
  await termsGuest.verifyEmail(email);
  await expect(terms.getByRole("button", { name: "Accept and continue" })).toBeVisible();

  const other = await signOutUntold(page.context());
  await signInOverHttp(other, { next: "/" });
  await other.close();

  const changed = "Another account is signed in now: reload the page to go on as that account";
  await page.getByRole("button", { name: "Text me a code" }).click();
  await expect(page.getByText(changed)).toBeVisible();
  expect(await inboxSubjectsTo(page.request, "", phone.e164), "codes sent").toEqual([]);

  await termsGuest.acceptTerms();
  await expect(terms.getByText(changed)).toBeVisible();
  // The account signed in now is asked for its own phone, as a new guest.
  await terms.reload();
  await expect(terms.getByLabel("Mobile phone number")).toBeVisible();
});

test("a buy-again link opened again after its order failed places a new order, not 'replaced in another tab'", async ({
  page,
}) => {
  const { unpaid, other, otherGuest } = await unpaidOrderAndAnotherTab(page);
  // An order in the unpaid one's place, declined.
  await otherGuest.buyAgainInPlaceOf(unpaid);
  await otherGuest.orderAndWaitForButton();
  await otherGuest.frame.getByRole("button", { name: "Decline" }).click();
  await expect(otherGuest.paymentState).toHaveAttribute("data-state", "failed");
  // The same link again (a reload, a phone that dropped the tab): the purchase as entered,
  // ordered anew, with its own button to pay.
  await other.reload();
  await otherGuest.orderAndWaitForButton();
  await expect(other.getByText(/replaced in another tab/)).toHaveCount(0);
});

test("an unpaid order replaced in two tabs: the first stands, the second tab is told and pays nothing", async ({
  page,
}) => {
  // "Buy more" on the unpaid order's page, in two tabs: each buys again in its place.
  const { guest, unpaid, other, otherGuest } = await unpaidOrderAndAnotherTab(page);
  for (const [tab, tabGuest, amount] of [
    [page, guest, "12"],
    [other, otherGuest, "13"],
  ] as const) {
    await tabGuest.buyAgainInPlaceOf(unpaid);
    await tabGuest.amount.fill(amount);
    await expect(tab.getByTestId("figure-you-pay")).toHaveText(`$${amount}.00`);
  }
  await guest.orderAndWaitForButton();
  const [first] = (await ledgerOrderIds(page)).filter((id) => id !== unpaid);
  const firstLink = await page.locator('iframe[title$="payment"]').getAttribute("src");

  // The second tab, its purchase placed too late: told so, with the first tab's order, no button.
  await otherGuest.continueToPayment.click();
  await expect(
    other.getByRole("heading", { name: "Already replaced in another tab" }),
  ).toBeFocused();
  await expect(other.getByText("nothing was charged for it")).toBeVisible();
  await expect(other.locator('iframe[title$="payment"]')).toHaveCount(0);
  await expect(
    other.getByRole("link", { name: "Go to the order placed in the other tab" }),
  ).toHaveAttribute("href", `/buy/guest/orders/${first}`);
  const ids = await ledgerOrderIds(page);
  expect(ids).toHaveLength(3);
  const late = ids.find((id) => id !== unpaid && id !== first)!;

  // The history has one purchase waiting for its payment, the first tab's; the late one is
  // replaced by it, as the unpaid one is.
  await page.goto("/account");
  const statusOf = (amount: string) =>
    page.getByRole("row").filter({ hasText: amount }).getByRole("cell").nth(4);
  await expect(statusOf("$11.00")).toHaveText(/^Replaced, not paid/);
  await expect(statusOf("$12.00")).toHaveText(/^Not paid yet/);
  await expect(statusOf("$13.00")).toHaveText(/^Replaced, not paid/);
  await other.goto(`/buy/guest/orders/${late}`);
  await expect(other.getByTestId("transaction-status")).toHaveText("Replaced, not paid");
  await expect(
    other.getByRole("link", { name: "Follow the order that took its place" }),
  ).toHaveAttribute("href", `/buy/guest/orders/${first}`);
  // Opened again, guest checkout goes back to the first tab's order, the one to pay.
  await other.goto("/buy/guest?asset=USDC&network=base");
  await expect(other.locator('iframe[title$="payment"]')).toHaveAttribute("src", firstLink!);
  await expect(other.getByText("Your last order has not finished")).toHaveCount(0);
});

test("an unpaid order replaced in another tab: the tab left on its pay step drops the button and names the new order", async ({
  page,
}) => {
  // The pay step asks for its order every 5 s, up to every 30 s while nothing changes.
  test.setTimeout(90_000);
  const { unpaid, otherGuest } = await unpaidOrderAndAnotherTab(page);

  // Another tab buys it again in its place, from the unpaid order's page.
  await otherGuest.buyAgainInPlaceOf(unpaid);
  await otherGuest.amount.fill("12");
  await otherGuest.orderAndWaitForButton();
  const [replacement] = (await ledgerOrderIds(page)).filter((id) => id !== unpaid);
  expect(replacement).toBeTruthy();
  // What the pay step reads: the order's ledger row names the order that took its place.
  const answer = await page.request.get(`/api/guest/orders/${unpaid}`);
  expect(
    ((await answer.json()) as { transaction: { replacedBy?: string } }).transaction,
  ).toMatchObject({ status: "awaiting_payment", replacedBy: replacement });

  // The first tab, not reloaded: its old order's button goes (Coinbase would still take a
  // payment there), and it says why, with the order to pay instead.
  await expect(page.locator('iframe[title$="payment"]')).toHaveCount(0, { timeout: 35_000 });
  await expect(
    page.getByRole("heading", { name: "This order was replaced in another tab" }),
  ).toBeFocused();
  await expect(page.getByText("nothing will be charged for it")).toBeVisible();
  await expect(
    page.getByRole("link", { name: "Go to the order placed in the other tab" }),
  ).toHaveAttribute("href", `/buy/guest/orders/${replacement}`);
  await expect(page.getByRole("button", { name: "Change the order" })).toHaveCount(0);
  await expectAccessibleInBothSchemes(page, "guest checkout: the order replaced in another tab");
  // The other tab's order is untouched, its button still there to pay.
  await expect(otherGuest.paymentState).toHaveText("Ready: pay with the button below.");
});

test("an unpaid order replaced in another tab: the last order's notice about it says so and names the new order", async ({
  page,
}) => {
  // The notice asks for its order every 5 s, up to every 30 s while nothing changes.
  test.setTimeout(90_000);
  const { unpaid, otherGuest } = await unpaidOrderAndAnotherTab(page);
  // "Buy more" beside it, as its page links when Coinbase could not tell it was unpaid
  // (upstream-faults.spec.ts): the form for a new order, under a notice about this one.
  await page.goto(`/buy/guest?country=US&asset=USDC&network=base&amount=11&from=${unpaid}`);
  const notice = page.getByRole("status").filter({ hasText: "Your last order" });
  await expect(notice).toContainText("Your last order, $11.00 of USDC on Base, has not finished");
  await expectAccessibleInBothSchemes(page, "guest checkout: the last order not finished");

  // Another tab buys it again in its place, from the unpaid order's page.
  await otherGuest.buyAgainInPlaceOf(unpaid);
  await otherGuest.amount.fill("12");
  await otherGuest.orderAndWaitForButton();
  const [replacement] = (await ledgerOrderIds(page)).filter((id) => id !== unpaid);
  expect(replacement).toBeTruthy();

  // The first tab, not reloaded: the notice no longer says the order has not finished, but that
  // it was replaced, not to be paid, with the order to follow instead, in the pay step's words.
  await expect(
    notice.getByRole("heading", {
      name: "Your last order, $11.00 of USDC on Base, was replaced in another tab",
    }),
  ).toBeVisible({ timeout: 35_000 });
  await expect(notice).not.toContainText("has not finished");
  await expect(notice).toContainText("nothing will be charged for it");
  await expect(
    notice.getByRole("link", { name: "Go to the order placed in the other tab" }),
  ).toHaveAttribute("href", `/buy/guest/orders/${replacement}`);
  await expect(notice.getByRole("link", { name: "Follow that order" })).toHaveCount(0);
  await expectAccessibleInBothSchemes(page, "guest checkout: the last order replaced");
});

test("Change the order on a pay step brought back by a reload starts from that order, its wallet included", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "14");
  await guest.getReady(email);
  await page.getByLabel("Network").selectOption({ label: "Ethereum" });
  await guest.amount.fill("15");
  await guest.orderAndWaitForButton();
  // A phone that dropped the tab while the wallet app was open: the pay step comes back.
  await page.reload();
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  await page.getByRole("button", { name: "Change the order" }).click();
  await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
  await expect(guest.amount).toHaveValue(/^15(\.00)?$/);
  await expect(page.getByLabel("Network")).toHaveValue("ethereum");
});

test("an order being changed, brought back by a reload, is said to be replaced by Continue, not bought beside", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "15");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  await page.getByRole("button", { name: "Change the order" }).click();
  await guest.amount.fill("12");
  // The tab keeps the change; the unpaid order comes back with it, set aside.
  await expect.poll(() => guestDraftAmount(page)).toBe("12");
  await page.reload();
  await expect(guest.amount).toHaveValue("12");
  const notice = page.getByRole("status").filter({ hasText: "Your last order" });
  await expect(notice).toHaveText(
    /^Your last order, \$15\.00 of USDC on Base, is not paid\. Continuing below places the purchase shown in its place\. If you paid for it already, follow that order instead\./,
  );
  await expect(notice).not.toContainText("before buying again");
});

test("an amount typed into a complete form is said to be priced, not asked for, while its price is on its way", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "15");
  await guest.getReady(email);
  const panel = page.getByRole("region", { name: "Price" });
  // Over the limit, the panel says so; lowered, a price comes.
  await guest.amount.fill("100000");
  await expect(panel).toHaveText("Lower the amount to within your limit to see the price.");
  const whatIsSaid = await recordWhatIsSaid(panel);
  await guest.amount.fill("14");
  await expect(panel).toContainText("$14.00");
  const said = await whatIsSaid();
  expect(said.filter((text) => text.includes("Enter an amount"))).toEqual([]);
  expect(said).toContain("Getting a price…");
});

test("on the pay step, changing the order is a quiet link-style action, not a second pay button", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "16");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  const change = page.getByRole("button", { name: "Change the order" });
  const look = await change.evaluate((el) => {
    const style = getComputedStyle(el);
    return { background: style.backgroundColor, underline: style.textDecorationLine };
  });
  expect(look).toEqual({ background: "rgba(0, 0, 0, 0)", underline: "underline" });
  await change.click();
  await expect(guest.continueToPayment).toBeVisible();
});

test("when Coinbase is busy, the form says so, keeps the purchase, and nothing is ordered", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "5");
  await guest.getReady(email);
  // The sandbox, like Coinbase, takes 10 orders a minute per phone number: these use them up
  // (each from an address of its own, so the app's own per-client limit is not what answers).
  const order = { asset: "USDC", network: "base", address: EVM_ADDRESS, amount: "5" };
  for (let i = 0; i < 10; i++) {
    const placed = await page.request.post("/api/guest/orders", {
      data: { ...order, paymentMethod: "GUEST_CHECKOUT_APPLE_PAY" },
      headers: { "x-forwarded-for": uniquePublicIp() },
    });
    expect(placed.status()).toBe(201);
  }
  const rows = async () =>
    (
      (await (await page.request.get("/api/transactions?side=buy")).json()) as {
        transactions: unknown[];
      }
    ).transactions.length;
  expect(await rows()).toBe(10);

  // The last of them is unpaid: the reloaded page comes back to its pay step, and the user
  // changes the order, which asks Coinbase for another.
  await page.reload();
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  await page.getByRole("button", { name: "Change the order" }).click();
  await expect(guest.limits()).toContainText("5 of 15 guest purchases left");
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$5.00");
  await guest.continueToPayment.click();
  await expect(
    page.getByRole("alert").filter({
      hasText: "Coinbase is rate limiting requests: try again shortly",
    }),
  ).toBeVisible();
  await expect(guest.paymentState).toHaveCount(0);
  // The purchase of the order being changed, as that order says it (a reload brought it back).
  await expect(guest.amount).toHaveValue("5.00");
  await expect(guest.continueToPayment).toBeEnabled();
  expect(await rows()).toBe(10);
});

test("with the weekly limit used up, a purchase is refused before any order", async ({ page }) => {
  const { email, guest } = await openGuestCheckout(page, "500");
  await guest.getReady(email);
  await payAndComplete(page, guest);
  const before = (await (await page.request.get("/api/transactions?side=buy")).json()) as {
    transactions: unknown[];
  };

  await page.goto(`/buy/guest?asset=USDC&network=base&amount=20`);
  await expect(guest.limits()).toContainText("$0.00 of $500.00 left in your 7-day limit");
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "You have no guest spending left in your 7-day limit" }),
  ).toBeVisible();
  // Said once, above the form: not again under the amount, and no price to wait for.
  await expect(page.getByText(/You have no guest spending left in your 7-day limit/)).toHaveCount(
    1,
  );
  await expect(page.getByRole("region", { name: "Price" })).toHaveCount(0);
  await expect(guest.continueToPayment).toBeDisabled();
  const after = (await (await page.request.get("/api/transactions?side=buy")).json()) as {
    transactions: unknown[];
  };
  expect(after.transactions).toHaveLength(before.transactions.length);
});

test("outside the US, guest checkout is not offered", async ({ page }) => {
  await signInOverHttp(page, { next: "/buy" });
  await expect(page.getByRole("link", { name: ENTRY })).toBeVisible();
  await new RampFormPage(page, "buy").region("United Kingdom");
  await expect(page.getByRole("link", { name: ENTRY })).toHaveCount(0);
  await page.goto("/buy/guest?country=GB&asset=USDC&network=base");
  await expect(
    page.getByRole("alert").filter({
      hasText: "Guest checkout with Apple Pay or Google Pay is only offered in the United States.",
    }),
  ).toBeVisible();
  await expect(page.getByLabel("Mobile phone number")).toHaveCount(0);
});

test("a new price being fetched does not move Continue under a finger about to press it", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "40");
  await guest.getReady(email);
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$40.00");
  // Where it is on the page (not on the screen, which scrolls as the field is typed in).
  const buttonAt = () =>
    guest.continueToPayment.evaluate((b) => b.getBoundingClientRect().top + window.scrollY);
  const before = await buttonAt();
  let answer!: () => void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route("**/api/guest/quote", (route) => held.then(() => route.continue()), {
    times: 1,
  });
  await guest.amount.fill("41");
  // The last price stays meanwhile, marked as being updated: the panel keeps its height, and
  // its figures stay readable.
  await expect(page.getByRole("region", { name: "Price" }).getByText("Updating…")).toBeVisible();
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$40.00");
  expect(await buttonAt()).toBe(before);
  await expectAccessibleInBothSchemes(page, "guest checkout: a new price being fetched");
  answer();
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$41.00");
  expect(await buttonAt()).toBe(before);

  // Dollars as people write them, as on /buy: "$42", "1,000" (over the limit: said so).
  await guest.amount.fill("$42");
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$42.00");
  // An amount written otherwise: the price says how to write it, not that the form is incomplete.
  const price = page.getByRole("region", { name: "Price" });
  await guest.amount.fill("42 dollars");
  await expect(price).toHaveText(/must be a plain number, e\.g\. 25\.50: digits, and a point only/);
  // Another currency's sign is named, as on /buy.
  await guest.amount.fill("€42");
  await expect(price).toHaveText(/The amount is in USD, and € is another currency's sign/);
});

test("a wrong code is refused with a next step; a user Coinbase does not allow as a guest is told so", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "30");
  // Sandbox rule: a number ending in 555-0100 may not buy as a guest.
  const phone = { typed: "415-555-0100", e164: "+14155550100" };
  await page.getByLabel("Mobile phone number").fill(phone.typed);
  await page.getByRole("button", { name: "Text me a code" }).click();
  const code = await guest.codeSentTo(phone.e164);
  await guest.enterCode(code === "000000" ? "111111" : "000000");
  await expect(
    page.getByText("That code is wrong or has expired: check it, or send a new code"),
  ).toBeVisible();
  await expect(page.getByLabel("Code", { exact: true })).toBeFocused();
  // The right one, typed as it is read out from the text.
  await guest.enterCode(inTwoHalves(code));
  await guest.verifyEmail(email);
  await guest.acceptTerms();
  await guest.fillWalletIfEmpty();
  await expect(
    page.getByRole("alert").filter({
      hasText:
        "Coinbase does not allow this user to buy as a guest: continue with a Coinbase account instead",
    }),
  ).toBeVisible();
  // Said once, without the limits beside it that the user cannot use, nor a price.
  await expect(page.getByText(/Coinbase does not allow this user to buy as a guest/)).toHaveCount(
    1,
  );
  await expect(guest.limits()).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Price" })).toHaveCount(0);
  // A Coinbase account is the way on: /buy opens with the purchase as it stands here.
  await page.getByLabel("Asset").selectOption({ label: "Ethereum (ETH)" });
  await page.getByLabel("Network").selectOption({ label: "Arbitrum" });
  await guest.amount.fill("27");
  await page.getByRole("link", { name: "Buy with a Coinbase account instead" }).click();
  await expect(page).toHaveURL(/\/buy$/);
  const form = new RampFormPage(page, "buy");
  await expect(page.getByLabel("Asset")).toHaveValue("ETH");
  await expect(page.getByLabel("Network")).toHaveValue("arbitrum");
  await expect(form.amountField).toHaveValue("27");
  await expect(form.address).toHaveValue(EVM_ADDRESS);
  await expect(form.submit).toBeVisible();
});

test("a right code whose answer was lost: Verify again goes on, with no new code to pay for", async ({
  page,
}) => {
  await openGuestCheckout(page, "31");
  const guest = new GuestCheckoutPage(page);
  const phone = uniquePhone();
  await page.getByLabel("Mobile phone number").fill(phone.typed);
  await page.getByRole("button", { name: "Text me a code" }).click();
  const code = await guest.codeSentTo(phone.e164);
  // The code is taken (the phone verified), and the answer lost on the way back.
  await page.route("**/api/guest/codes/verify", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await guest.enterCode(code);
  await expect(page.getByText(/Could not reach the server/)).toBeVisible();
  await page.unroute("**/api/guest/codes/verify");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
});

test("a +1 number outside the US (Jamaica's 876) is refused with a clear message, and no code is sent", async ({
  page,
}) => {
  await openGuestCheckout(page, "30");
  const field = page.getByLabel("Mobile phone number");
  await field.fill("+1 876 555 0123");
  await page.getByRole("button", { name: "Text me a code" }).click();
  const message =
    "Area code 876 is outside the US, and guest checkout takes US mobile numbers only. Elsewhere, buy with a Coinbase account.";
  await expect(page.getByText(message)).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  // The route is the authority: the same refusal, on the field, whoever calls it.
  const answer = await page.request.post("/api/guest/codes", {
    data: { channel: "sms", phone: "+18765550123" },
  });
  expect(answer.status()).toBe(400);
  expect(((await answer.json()) as { error: { issues: unknown } }).error.issues).toEqual([
    { path: "phone", message },
  ]);
});

test("a phone number or a code the form refuses takes the focus to its field", async ({ page }) => {
  await openGuestCheckout(page, "30");
  const phoneField = page.getByLabel("Mobile phone number");
  // No area code: refused before any request, the pressed button disabled meanwhile.
  await phoneField.fill("555-1234");
  await page.getByRole("button", { name: "Text me a code" }).click();
  await expect(phoneField).toHaveAttribute("aria-invalid", "true");
  await expect(phoneField).toBeFocused();
  await phoneField.fill(uniquePhone().typed);
  await page.getByRole("button", { name: "Text me a code" }).click();
  const code = page.getByLabel("Code", { exact: true });
  await expect(code).toBeFocused();
  // No code at all.
  await page.getByRole("button", { name: "Verify" }).click();
  // Read with where the code went, then what is wrong.
  await expect(code).toHaveAccessibleDescription(
    /^We sent a 6-digit code to \+1 \(\d{3}\) \d{3}-\d{4}\. Enter the 6-digit code$/,
  );
  await expect(code).toBeFocused();
});

test("codes to one phone number: one a minute, whoever asks, then 429 with Retry-After", async ({
  page,
  browser,
}) => {
  await openGuestCheckout(page, "30");
  const phone = uniquePhone();
  const ask = (p: Page) =>
    p.request.post("/api/guest/codes", { data: { channel: "sms", phone: phone.typed } });
  const sent = await ask(page);
  expect(sent.status()).toBe(200);
  expect(await sent.json()).toEqual({ sentTo: phone.e164, nextCodeInSeconds: 60, sent: true });
  // Asked again by the same user within the minute: the code just sent is the one to enter.
  const again = await ask(page);
  expect(again.status()).toBe(200);
  const {
    sentTo,
    nextCodeInSeconds,
    sent: sentAgain,
  } = (await again.json()) as Record<string, unknown>;
  expect([sentTo, sentAgain]).toEqual([phone.e164, false]);
  expect(nextCodeInSeconds).toBeGreaterThan(0);
  expect(nextCodeInSeconds).toBeLessThanOrEqual(60);
  expect(await inboxSubjectsTo(page.request, "", phone.e164)).toHaveLength(1);
  // Another user asking for codes to the same number is refused until the minute is over.
  const other = await (await browser.newContext()).newPage();
  await signInOverHttp(other, { next: "/" });
  const refused = await ask(other);
  expect(refused.status()).toBe(429);
  expect(((await refused.json()) as { error: { code: string; message: string } }).error).toEqual({
    code: "rate_limited",
    message: "We just sent a code there: wait a minute before asking for another",
  });
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  await other.context().close();
});

test("a code request whose answer was lost: pressing again shows the code step, with no second text; a reload keeps the wait", async ({
  page,
}) => {
  const { guest } = await openGuestCheckout(page, "31");
  const phone = uniquePhone();
  await page.getByLabel("Mobile phone number").fill(phone.typed);
  // The code is sent, and the answer lost on the way back.
  await page.route("**/api/guest/codes", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await page.getByRole("button", { name: "Text me a code" }).click();
  await expect(page.getByText(/Could not reach the server/)).toBeVisible();
  await page.unroute("**/api/guest/codes");
  await page.getByRole("button", { name: "Text me a code" }).click();
  await expect(page.getByText(`We sent a 6-digit code to ${formatUs(phone.e164)}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Send a new code" })).toBeDisabled();
  expect(await inboxSubjectsTo(page.request, "", phone.e164)).toHaveLength(1);
  // Reloaded (the phone dropped the tab as the user went to their texts) a few seconds on: the
  // wait goes on from where it was, the server's, not a fresh minute, nor none.
  await page.waitForTimeout(3000);
  await page.reload();
  await expect(page.getByRole("button", { name: "Send a new code" })).toBeDisabled();
  const wait = page.getByText(/^You can ask for a new code in 0:\d\d$/);
  const left = Number((await wait.innerText()).slice(-2));
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThanOrEqual(57);
  expect(await inboxSubjectsTo(page.request, "", phone.e164)).toHaveLength(1);
  await guest.enterCode(await guest.codeSentTo(phone.e164));
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
});

test("five wrong codes: the form says the code is used up, and offers a new one once the server allows it", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { guest } = await openGuestCheckout(page, "30");
  const phone = uniquePhone();
  await page.getByLabel("Mobile phone number").fill(phone.typed);
  await page.getByRole("button", { name: "Text me a code" }).click();
  const code = await guest.codeSentTo(phone.e164);
  // The server takes a new code request in a minute: the button waits, a line counts it down.
  const resend = page.getByRole("button", { name: "Send a new code" });
  const wait = page.getByText(/^You can ask for a new code in 0:\d\d$/);
  await expect(resend).toBeDisabled();
  await expect(wait).toBeVisible();
  const wrong = (n: number) => String((Number(code) + n) % 1_000_000).padStart(6, "0");
  const refusal = page.getByText("That code is wrong or has expired: check it, or send a new code");
  for (let i = 1; i <= 4; i++) {
    // Typing again takes the last refusal away: the next, in the same words, is heard anew.
    await page.getByLabel("Code", { exact: true }).fill(wrong(i));
    await expect(refusal).toHaveCount(0);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(refusal).toBeVisible();
  }
  await guest.enterCode(wrong(5));
  await expect(
    page.getByText("Five wrong codes: this code no longer works. Send yourself a new code."),
  ).toBeVisible();
  await expect(resend).toBeEnabled({ timeout: 70_000 });
  await expect(wait).toHaveCount(0);
  await resend.press("Enter");
  // Said in new words (the same sentence is not read out again); the emptied field has the focus.
  await expect(page.getByRole("status").filter({ hasText: "new 6-digit code" })).toHaveText(
    /^We sent a new 6-digit code to \+1 \(\d{3}\) \d{3}-\d{4}\.$/,
  );
  await expect(page.getByLabel("Code", { exact: true })).toBeFocused();
  await guest.enterCode(await guest.codeSentTo(phone.e164, code));
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
});

test("Use another number, from the keyboard: the number field has the focus, the number in it", async ({
  page,
}) => {
  await openGuestCheckout(page, "30");
  const phone = uniquePhone();
  const number = page.getByLabel("Mobile phone number");
  await number.fill(phone.typed);
  await page.getByRole("button", { name: "Text me a code" }).click();
  await expect(page.getByLabel("Code", { exact: true })).toBeFocused();
  await page.getByRole("button", { name: "Use another number" }).press("Enter");
  await expect(number).toBeFocused();
  await expect(number).toHaveValue(phone.typed);
});

test("the app frames exactly the payment link's origin; only the payment link may be framed, by the app", async ({
  request,
}) => {
  const page = await request.get("/buy/guest");
  const csp = page.headers()["content-security-policy"] ?? "";
  // In sandbox mode the pay host is the app's own origin.
  expect(csp).toContain(`frame-src ${new URL(page.url()).origin};`);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(page.headers()["x-frame-options"]).toBe("DENY");
  // The payment button may open its wallet's window, which answers it through its opener: on
  // the checkout, and on the pages that lead to it without a page load (a page keeps the policy
  // it loaded with).
  for (const path of ["/buy/guest", "/buy/guest/orders/x", "/buy", "/account", "/"])
    expect((await request.get(path)).headers()["cross-origin-opener-policy"], path).toBe(
      "same-origin-allow-popups",
    );
  expect(page.headers()["permissions-policy"]).toContain(
    `payment=(self "${new URL(page.url()).origin}")`,
  );
  const link = await request.get("/sandbox/pay/v2/api-onramp/apple-pay?sessionToken=unknown");
  expect(link.headers()["content-security-policy"]).toContain(
    `frame-ancestors ${new URL(page.url()).origin}`,
  );
  expect(link.headers()["x-frame-options"]).toBeUndefined();
  expect(await link.text()).toContain("This payment link is not valid.");
  // No Apple Pay file configured on this server: nothing to serve.
  const file = await request.get("/.well-known/apple-developer-merchantid-domain-association");
  expect(file.status()).toBe(404);
});

test("the guest routes refuse bad input with the error envelope, never a 5xx", async ({ page }) => {
  await signInOverHttp(page, { next: "/" });
  const bad: [string, unknown, number, string][] = [
    ["/api/guest/codes", { channel: "sms", phone: "call me" }, 400, "invalid_request"],
    ["/api/guest/codes", { channel: "fax" }, 400, "invalid_request"],
    ["/api/guest/codes/verify", { channel: "sms", code: "12ab" }, 400, "invalid_request"],
    ["/api/guest/codes/verify", { channel: "sms", code: "123456" }, 400, "invalid_request"],
    ["/api/guest/agreement", { accepted: false }, 400, "invalid_request"],
    ["/api/guest/quote", { asset: "USDC", network: "bitcoin" }, 400, "invalid_request"],
    ["/api/guest/orders", [], 400, "invalid_request"],
  ];
  for (const [path, body, status, code] of bad) {
    const answer = await page.request.post(path, { data: body });
    expect(answer.status(), path).toBe(status);
    expect(((await answer.json()) as { error: { code: string } }).error.code, path).toBe(code);
  }
  // Ready to order only once verified: Coinbase is not asked before.
  const early = await page.request.post("/api/guest/quote", {
    data: {
      asset: "USDC",
      network: "base",
      address: EVM_ADDRESS,
      amount: "20",
      paymentMethod: "GUEST_CHECKOUT_APPLE_PAY",
    },
  });
  expect(early.status()).toBe(400);
  expect(((await early.json()) as { error: { code: string } }).error.code).toBe(
    "verification_required",
  );
  const text = await page.request.post("/api/guest/orders", {
    data: "x",
    headers: { "content-type": "text/plain" },
  });
  expect(text.status()).toBe(415);
  const stranger = await page.request.get("/api/guest/orders/00000000-0000-0000-0000-000000000000");
  expect(stranger.status()).toBe(404);
  await page.context().clearCookies();
  expect((await page.request.get("/api/guest/limits")).status()).toBe(401);
});

test.describe("messages from another origin or window", () => {
  let server: Server;
  let foreignUrl: string;
  test.beforeAll(async () => {
    // Another origin (127.0.0.1, not localhost) whose page posts polling_success to its parent.
    server = createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(`<!doctype html><title>foreign</title><script>
        parent.postMessage(JSON.stringify({ eventName: "onramp_api.polling_success" }), "*");
        parent.postMessage("sentinel-foreign", "*");
      </script>`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    foreignUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  // The app's CSP lets the page frame the payment link's origin only: to put a foreign page
  // where the iframe is, as an attacker's navigation would, the browser must ignore it.
  test.use({ bypassCSP: true });

  test("a page from another origin posting polling_success changes nothing", async ({ page }) => {
    const { email, guest } = await openGuestCheckout(page, "35");
    await guest.getReady(email);
    await guest.orderAndWaitForButton();
    const orderPath = await page.evaluate(() => location.pathname + location.search);

    const heard = page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          window.addEventListener("message", (e) => e.data === "sentinel-foreign" && resolve()),
        ),
    );
    await page.locator('iframe[title$="payment"]').evaluate((frame: HTMLIFrameElement, url) => {
      frame.src = url;
    }, foreignUrl);
    await heard;
    // The payment link's origin, but not its iframe's window: ignored as well.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          window.addEventListener("message", (e) => e.data === "sentinel-self" && resolve());
          window.postMessage(JSON.stringify({ eventName: "onramp_api.polling_success" }), "*");
          window.postMessage("sentinel-self", "*");
        }),
    );

    await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
    expect(await page.evaluate(() => location.pathname + location.search)).toBe(orderPath);
    const transactions = (await (await page.request.get("/api/transactions?side=buy")).json()) as {
      transactions: { status: string }[];
    };
    // Still waiting for payment, as the order API and the webhooks say.
    expect(transactions.transactions.map((t) => t.status)).toEqual(["awaiting_payment"]);
  });
});

test("an order Coinbase refuses for good takes the focus to the way out: the button pressed is off", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "30");
  await guest.getReady(email);
  await guest.fillWalletIfEmpty();
  // Coinbase refuses the order itself, its limits having let the user through (as after a
  // 15th purchase): the answer the order route gives then.
  const refusal =
    "Coinbase does not allow this user to buy as a guest: continue with a Coinbase account instead";
  await page.route("**/api/guest/orders", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({
          status: 403,
          json: { error: { code: "guest_permission_denied", message: refusal } },
        })
      : route.continue(),
  );
  await guest.continueToPayment.click();
  const notice = page.getByRole("alert").filter({ hasText: refusal });
  await expect(notice).toBeFocused();
  await expect(guest.continueToPayment).toBeDisabled();
  await expect(
    notice.getByRole("link", { name: "Buy with a Coinbase account instead" }),
  ).toBeVisible();
});
