import { expect, test, type Page } from "@playwright/test";
import { expectAccessibleInBothSchemes } from "../support/axe";
import { signInOverHttp } from "../support/sign-in";
import {
  ledgerOrderIds,
  ledgerRow,
  openGuestCheckout,
  payAndComplete,
  payInFrame,
} from "./guest-flow";
import { GuestCheckoutPage } from "./guest-page";
import { EVM_ADDRESS, RampFormPage } from "./ramp-page";

/**
 * Guest orders after they are placed, against the sandbox: a declined or failed payment (the
 * purchase kept to buy again), an order left unpaid, paid in another tab or after a reload,
 * and buying more from a completed one. The steps before are in guest-checkout.spec.ts.
 */
test.describe.configure({ timeout: 60_000 });

test("declining in the iframe is a clear failure, and nothing is charged", async ({ page }) => {
  const { email, guest } = await openGuestCheckout(page, "25");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  await expect(page.getByRole("heading", { name: "Pay with Google Pay" })).toBeVisible();
  // Two live regions, the second still empty: a screen reader watches it from now, so that what
  // Coinbase confirms later is read out.
  const payStep = page.getByRole("region", { name: "Pay with Google Pay" });
  await expect(payStep.getByRole("status")).toHaveCount(2);
  await guest.frame.getByRole("button", { name: "Decline" }).click();
  // The app's own words, not the button's (Coinbase's wording is its own, and differs).
  await expect(guest.paymentState).toHaveText("Payment failed: the payment did not go through.");
  // That nothing was charged is said once the order API confirms it (the button's messages
  // are hints), announced in a live region; "Try again" waits for it.
  await expect(
    page.getByRole("status").filter({ hasText: "Coinbase confirms the order failed" }),
  ).toHaveText("Coinbase confirms the order failed: nothing was charged.");
  // The payment itself was refused, so nothing was taken: the page says what to do next.
  await expect(
    page.getByText(
      "To try again, choose another card in Google Pay, or pay with Apple Pay: your purchase stays as you entered it.",
    ),
  ).toBeVisible();
  // Said once on the screen, the button's frame included, which says only what it did.
  await expect(guest.frame.getByText("Your card was declined by its issuer.")).toBeVisible();
  await expect(guest.frame.getByText(/nothing was charged/i)).toHaveCount(0);
  await expect(page.getByText(/nothing was charged/i)).toHaveCount(1);
  await page.getByRole("button", { name: "Try again" }).click();
  // What the user entered is all there, for another card or the other wallet, and after a
  // reload too (the wallet is in no link: only the tab kept it).
  for (const reload of [false, true]) {
    if (reload) await page.reload();
    await expect(guest.amount).toHaveValue("25");
    await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
    await expect(page.getByLabel("Network")).toHaveValue("base");
  }
  // A declined order holds none of the weekly limit.
  await expect(guest.limits()).toContainText("$500.00 of $500.00 left in your 7-day limit");
  // The history lists it as failed, with no fee: nothing was charged.
  await page.goto("/account");
  const row = page.getByRole("row").filter({ hasText: "Buy USDC on Base" });
  await expect(row.getByRole("cell").nth(4)).toHaveText(/^Failed/);
  await expect(row.getByRole("cell").nth(3)).toHaveText("–");
  // A guest order's row leads to its page.
  await row.getByRole("link", { name: "Buy USDC on Base" }).click();
  await expect(page).toHaveURL(/\/buy\/guest\/orders\/[a-f0-9-]{36}$/);
  await expect(page.getByTestId("transaction-status")).toHaveText("Failed");
  // A decline is what to act on first (Coinbase's order cannot say it was one): buy again.
  await expect(page.getByRole("main")).toContainText(
    "The purchase did not go through. If your card was declined, nothing was charged: buy again with the same details, with another card or with Apple Pay or Google Pay.",
  );
  await expect(page.getByRole("link", { name: "buy again with the same details" })).toHaveAttribute(
    "href",
    /^\/buy\/guest\?.*replaces=/,
  );
  // Nothing was sent; what the order was for still shows, in words that claim no payment.
  await expect(page.getByText("Nothing sent to", { exact: true })).toBeVisible();
  await expect(page.getByText("Sent to", { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("figure-order-total")).toHaveText("$25.00");
  await expect(page.getByTestId("figure-crypto-ordered")).toHaveText(/ USDC$/);
});

test("a button that says the payment failed while Coinbase took it: the order is followed, no second payment offered", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "26");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  // The payment goes through at Coinbase; the button's own answer is lost on the way back, so
  // it tells the page the payment could not be sent.
  await page.route("**/sandbox/pay/v2/api-onramp/commit", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await guest.frame.getByRole("button", { name: "Pay", exact: true }).click();
  // Coinbase's order API is the truth: the order's page, where it completes.
  await expect(page).toHaveURL(/\/buy\/guest\/orders\/[a-f0-9-]{36}$/, { timeout: 20_000 });
  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 20_000 });
  // Said in a live region, so a screen reader hears the order complete.
  await expect(page.getByRole("status").filter({ hasText: /^Status:/ })).toHaveText(
    "Status: Success",
  );
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
});

test("a refused payment Coinbase cannot be asked about yet: Try again waits for its answer", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "26");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  // The order API fails for now: the button's word alone (a hint) does not free Try again.
  const busy = { error: { code: "upstream_busy", message: "Coinbase is busy: try again shortly" } };
  await page.route("**/api/guest/orders/*", (route) => route.fulfill({ status: 503, json: busy }));
  const refusedAsk = page.waitForResponse(
    (r) => r.url().includes("/api/guest/orders/") && r.status() === 503,
  );
  await guest.frame.getByRole("button", { name: "Decline" }).click();
  await refusedAsk;
  const checking = page.getByRole("button", { name: "Checking with Coinbase…" });
  await expect(checking).toBeDisabled();
  await page.waitForTimeout(500); // the answer handled: still waiting
  await expect(checking).toBeDisabled();
  // Coinbase answers again: the order failed, and the purchase may be tried again.
  await page.unroute("**/api/guest/orders/*");
  await expect(page.getByRole("button", { name: "Try again" })).toBeEnabled({ timeout: 20_000 });
});

test("an order declined in another tab: this tab hears it from Coinbase, and keeps the purchase as entered", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const { email, guest } = await openGuestCheckout(page, "23");
  await guest.getReady(email);
  await page.getByLabel("Network").selectOption({ label: "Ethereum" });
  await guest.amount.fill("24");
  await guest.orderAndWaitForButton();
  const other = await context.newPage();
  await other.goto("/buy/guest");
  const otherGuest = new GuestCheckoutPage(other);
  await expect(otherGuest.paymentState).toHaveText("Ready: pay with the button below.");
  await otherGuest.frame.getByRole("button", { name: "Decline" }).click();
  await expect(otherGuest.paymentState).toHaveAttribute("data-state", "failed");
  await other.close();
  // This tab's button said nothing: only asking Coinbase tells it the order failed.
  await expect(
    page.getByText("Coinbase says this order failed: change the order to buy again."),
  ).toBeVisible({ timeout: 30_000 });
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  // Reloaded (a phone that dropped the tab): the purchase as entered, the wallet too, which no
  // link carries.
  await page.reload();
  await expect(guest.amount).toHaveValue("24");
  await expect(page.getByLabel("Network")).toHaveValue("ethereum");
  await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
});

test("paid, then failed, the button losing track: Back from the order's page brings the purchase as entered", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { email, guest } = await openGuestCheckout(page, "18");
  await guest.getReady(email);
  // A total ending in .42: the sandbox fails the order 8 s after its payment (playwright.config.ts).
  await guest.amount.fill("18.42");
  await guest.orderAndWaitForButton();
  await guest.payAndWaitForProcessing();
  await expect(page).toHaveURL(/\/buy\/guest\/orders\/[a-f0-9-]{36}\?after=payment$/, {
    timeout: 45_000,
  });
  await expect(page.getByTestId("transaction-status")).toHaveText("Failed");
  // This tab saw the payment received: no "if your card was declined", but what happened.
  await expect(page.getByRole("main")).toContainText(
    "The purchase failed after your payment was received, and no crypto was sent. Contact Coinbase support about the payment, with the order number below.",
  );
  await expect(page.getByRole("main")).not.toContainText("declined");
  await page.goBack();
  await expect(guest.amount).toHaveValue("18.42");
  await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
});

test("when the payment button loses track of a paid order, the order is followed, never offered to change", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "15");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  await expect(page.getByRole("button", { name: "Change the order" })).toBeVisible();
  // The button's own status check fails once after the payment: it reports polling_error.
  let lost = 0;
  await page.route("**/sandbox/pay/v2/api-onramp/status*", (route) =>
    lost++ < 1 ? route.abort("connectionreset") : route.continue(),
  );
  await guest.frame.getByRole("button", { name: "Pay", exact: true }).click();
  // Not "Payment failed" with a new order offered: the order went through all the same, and
  // its page, opened by itself, says so.
  await expect(page).toHaveURL(/\/buy\/guest\/orders\/[a-f0-9-]{36}\?after=payment$/, {
    timeout: 20_000,
  });
  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 20_000 });
});

test("the wallet closed without paying: the page says so, and the same button then pays the same order", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "14");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  const [orderId] = await ledgerOrderIds(page);
  await guest.frame.getByRole("button", { name: "Cancel" }).click();
  await expect(guest.paymentState).toHaveText(
    "Payment cancelled: pay with the button again, or change your order.",
  );
  // Nothing failed: no "Try again" with a new order, the order still to be paid here.
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
  expect(await ledgerOrderIds(page)).toEqual([orderId]);
  expect(await payInFrame(page, guest)).toBe(orderId);
});

test("a payment button that does not load says so, and can be loaded again", async ({ page }) => {
  await page.clock.install();
  const { email, guest } = await openGuestCheckout(page, "12");
  await guest.getReady(email);
  // Coinbase's payment link does not answer at first.
  let held = true;
  await page.route("**/sandbox/pay/v2/api-onramp/*", (route) =>
    held ? undefined : route.continue(),
  );
  await expect(page.getByTestId("figure-you-pay")).toBeVisible();
  await guest.continueToPayment.click();
  await expect(guest.paymentState).toHaveText("Loading the payment button…");
  const notLoaded = page.getByText("The payment button has not loaded");
  await expect(notLoaded).toHaveCount(0);
  await page.clock.fastForward(16_000);
  await expect(notLoaded).toBeVisible();

  held = false;
  await page.getByRole("button", { name: "Load the button again" }).press("Enter");
  // The button went with its alert: the focus is on the line saying how the payment stands.
  await expect(guest.paymentState).toBeFocused();
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  await expect(notLoaded).toHaveCount(0);
  await expect(guest.frame.getByRole("button", { name: "Pay", exact: true })).toBeVisible();
});

test("a payment button that failed to load says no money moved, and Load again loads it", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "13");
  await guest.getReady(email);
  // The payment link's first load answers with a page that says, as Coinbase's does, that it
  // could not load; from its own origin, the one the app listens to.
  let failLoad = true;
  await page.route("**/sandbox/pay/v2/api-onramp/*", (route) => {
    if (!failLoad) return route.continue();
    const message = JSON.stringify({
      eventName: "onramp_api.load_error",
      data: { errorCode: "ERROR_CODE_UNKNOWN", errorMessage: "Could not load." },
    });
    return route.fulfill({
      contentType: "text/html",
      body: `<script>parent.postMessage(${JSON.stringify(message)}, "*")</script>`,
    });
  });
  await expect(page.getByTestId("figure-you-pay")).toBeVisible();
  await guest.continueToPayment.click();
  // Coinbase's reason with it, in its words.
  await expect(guest.paymentState).toHaveText(
    "The payment button did not load: no money moved. Coinbase says: Could not load.",
  );
  await expect(page.getByText(/Payment failed/)).toHaveCount(0);

  failLoad = false;
  await page.getByRole("button", { name: "Load again" }).press("Enter");
  await expect(guest.paymentState).toBeFocused();
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  await expect(page.getByRole("button", { name: "Load again" })).toHaveCount(0);
  await expect(guest.frame.getByRole("button", { name: "Pay", exact: true })).toBeVisible();
});

test("limits that could not be fetched can be asked for again, and then the purchase goes on", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "20");
  // The first ask for the limits is lost on the way (a dropped connection), once the page has
  // said it is asking.
  let lose!: () => void;
  const lost = new Promise<void>((resolve) => (lose = resolve));
  let asked = 0;
  await page.route("**/api/guest/limits", (route) =>
    asked++ < 1 ? lost.then(() => route.abort("connectionreset")) : route.continue(),
  );
  await guest.getReady(email);
  // The failure comes into the status line that said "Checking": a screen reader hears it
  // (a live region put on the page with its words is often not read out).
  const line = guest.limits().getByRole("status");
  await expect(line).toHaveText("Checking your limits…");
  await line.evaluate((node) => ((node as { marked?: boolean }).marked = true));
  lose();
  await expect(line).toContainText("Could not reach the server");
  expect(await line.evaluate((node) => (node as { marked?: boolean }).marked)).toBe(true);
  await expect(guest.continueToPayment).toBeDisabled();
  // "Check again" goes once pressed: the focus waits on the limits, not lost to the page.
  await guest.limits().getByRole("button", { name: "Check again" }).click();
  await expect(guest.limits()).toBeFocused();
  await expect(guest.limits()).toContainText("15 of 15 guest purchases left");
  // With an amount typed, no price says what else is missing, not "enter an amount".
  const address = guest.wallet;
  await address.fill("");
  const price = page.getByRole("region", { name: "Price" });
  await expect(price).toHaveText("Enter your wallet address above to see the price.");
  // An address one character short is said to be wrong as its field is left (as on /buy), and
  // the price names it rather than "the form".
  await address.fill(EVM_ADDRESS.slice(0, -1));
  await expect(address).not.toHaveAttribute("aria-invalid", "true");
  await address.press("Tab");
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(address).toHaveAccessibleDescription(/expected 40 hex characters after 0x, got 39/);
  await expect(price).toHaveText("Check the wallet address above to see the price.");
  await address.fill(EVM_ADDRESS);
  await expect(address).not.toHaveAttribute("aria-invalid", "true");
  await guest.orderAndWaitForButton();
});

test("an order left unpaid: its page says so, and leads to buying again in its place", async ({
  page,
  browser,
}) => {
  const { email, guest } = await openGuestCheckout(page, "12");
  await guest.getReady(email);
  const unfinished = page.getByText("Your last order has not finished");
  await expect(unfinished).toHaveCount(0);
  await guest.amount.fill("14");
  await guest.orderAndWaitForButton();
  await page.reload();
  // Still payable: the page is back at its pay step (the test below pays it there).
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  await expect(unfinished).toHaveCount(0);
  await page.goto("/account");
  await page
    .getByRole("row")
    .filter({ hasText: "Buy USDC on Base" })
    .getByRole("link", { name: "Buy USDC on Base" })
    .click();
  await expect(page).toHaveURL(/\/buy\/guest\/orders\/[a-f0-9-]{36}$/);
  const unpaidOrder = page.url();
  // Coinbase says the order waits for its payment: the page says so, and how to pay.
  await expect(page.getByTestId("transaction-status")).toHaveText("Not paid yet");
  await expect(page.getByText("This page checks for your payment by itself.")).toBeVisible();
  const buyAgain = page.getByRole("link", { name: "buy again with the same details" });
  await expect(page.getByTestId("figure-you-pay")).toHaveText("$14.00");
  await expect(page.getByText("Will be sent to", { exact: true })).toBeVisible();
  await expectAccessibleInBothSchemes(page, "a guest order not paid yet");
  // The history says so too, with no fee: nothing was charged.
  await page.goto("/account");
  const row = page.getByRole("row").filter({ hasText: "Buy USDC on Base" });
  await expect(row.getByRole("cell").nth(4)).toHaveText(/^Not paid yet/);
  await expect(row.getByRole("cell").nth(3)).toHaveText("–");
  // Opened by the payment button after paying, the same answer is Coinbase catching up.
  await page.goto(`${unpaidOrder}?after=payment`);
  await expect(page.getByTestId("transaction-status")).toHaveText("In progress");
  await expect(buyAgain).toHaveCount(0);
  await page.goto(unpaidOrder);
  await buyAgain.click();
  await expect(page).toHaveURL(/\/buy\/guest\?/);
  // The order it replaces is not offered again as one to follow.
  await expect(unfinished).toHaveCount(0);
  await expect(guest.amount).toHaveValue(/^14(\.00)?$/);
  await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
  const paid = await payAndComplete(page, guest);
  expect(page.url()).not.toBe(unpaidOrder);
  expect(await ledgerRow(page, paid)).toMatchObject({ status: "success" });
  // The order left unpaid was replaced by the one paid: no longer offered to be paid again.
  await page.goto(unpaidOrder);
  await expect(page.getByTestId("transaction-status")).toHaveText("Replaced, not paid");
  await expect(buyAgain).toHaveCount(0);
  await expect(
    page.getByRole("link", { name: "Follow the order that took its place" }),
  ).toHaveAttribute("href", `/buy/guest/orders/${paid}`);
  // The order left unpaid is not offered again: a newer one was paid since.
  await page.goto("/buy/guest?asset=USDC&network=base");
  await expect(guest.continueToPayment).toBeVisible();
  await expect(unfinished).toHaveCount(0);

  // Signed out, an order's page says what it is and how to see it.
  const stranger = await browser.newContext();
  const signedOut = await stranger.newPage();
  await signedOut.goto(unpaidOrder);
  await expect(signedOut.getByRole("heading", { level: 1 })).toHaveText("Your guest purchase");
  await expect(signedOut.getByRole("main").getByRole("link", { name: "Sign in" })).toHaveAttribute(
    "href",
    `/sign-in?next=${new URL(unpaidOrder).pathname}`,
  );
  await stranger.close();
});

test("on /buy/complete, a guest order among the earlier purchases opens its own page, where it can be paid", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "15");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  // Then a purchase through Coinbase's hosted page: back on /buy/complete, the guest order is
  // among the earlier ones.
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.continueToCoinbase("USD Coin (USDC)", "Base", "20");
  await form.finishOnSandboxPayPage();
  const earlier = page.getByRole("region", { name: "Earlier" }).getByRole("link");
  await expect(earlier).toHaveCount(1);
  await expect(earlier).toHaveAttribute("href", /^\/buy\/guest\/orders\/[\w-]+$/);
  await earlier.click();
  await expect(page.getByTestId("transaction-status")).toHaveText("Not paid yet");
});

test("an unpaid order is not offered to pay when the user comes back from /buy with another wallet: the form has the new one", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "16");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  // Back on /buy, the wallet corrected, and on to guest checkout again.
  const corrected = "0x8617E340B3D01FA5F11F306F4090FD50E238070D";
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.choose("USD Coin (USDC)", "Base");
  await form.address.fill(corrected);
  await form.amount("16");
  await page.getByRole("link", { name: "Pay with Apple Pay or Google Pay" }).click();
  await expect(page).toHaveURL(/\/buy\/guest\?/);
  // Not the earlier order's button (it would pay into the first wallet): the purchase as asked,
  // the earlier order named above it.
  await expect(guest.wallet).toHaveValue(corrected);
  await expect(guest.paymentState).toHaveCount(0);
  await expect(
    page.getByText(
      /Your last order, \$16\.00 of USDC on Base, is not paid\. Continuing below places the purchase shown in its place/,
    ),
  ).toBeVisible();
  // Placed, the new order takes the earlier one's place: that one is not to be paid.
  await guest.continueToPayment.click();
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  await expect(page.getByTestId("pay-wallet")).toHaveText(corrected);
});

test("reloaded on the pay step, the same order's pay step comes back, and paying it ends it", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "13");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  const link = await page.locator('iframe[title$="payment"]').getAttribute("src");
  await page.reload();
  // The order the server has as unpaid, at its pay step: not the form, not a second order.
  await expect(page.getByRole("heading", { name: "Pay with Google Pay" })).toBeVisible();
  await expect(page.locator('iframe[title$="payment"]')).toHaveAttribute("src", link!);
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  await expect(page.getByTestId("pay-total")).toHaveText("$13.00");
  await expect(page.getByText("Your last order has not finished")).toHaveCount(0);
  const orderId = await payInFrame(page, guest);
  expect(await ledgerRow(page, orderId)).toMatchObject({ status: "success" });
  // Paid: the next visit starts a new purchase, with nothing left to follow.
  await page.goto("/buy/guest?asset=USDC&network=base");
  await expect(guest.continueToPayment).toBeVisible();
  await expect(page.getByText("Your last order has not finished")).toHaveCount(0);
});

/**
 * Orders `amount`, reloads the pay step, declines the card there, and reloads once the page
 * says the order failed: the form shows what is kept to buy again.
 */
async function declinedAfterReload(page: Page, guest: GuestCheckoutPage, amount: string) {
  await guest.amount.fill(amount);
  await guest.orderAndWaitForButton();
  await page.reload();
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  await guest.frame.getByRole("button", { name: "Decline" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Coinbase confirms the order failed" }),
  ).toBeVisible();
  await page.reload();
}

test("declined on a pay step brought back by a reload, the purchase kept is the order's, not the link's", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "16");
  await guest.getReady(email);
  // Changed from the link's amount before ordering; the wallet is in no link. Reloaded again
  // after the decline (or come Back to): the purchase as ordered, to buy again as it was.
  await declinedAfterReload(page, guest, "17");
  await expect(guest.amount).toHaveValue("17.00");
  await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
});

test("reloaded on a phone whose scripts come late, the pay step still hears the button is ready", async ({
  page,
}) => {
  const { email, guest } = await openGuestCheckout(page, "14");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  // The page's own scripts (not the payment frame's) arrive 2 s late: the frame has long
  // loaded and said so by the time the page listens, unless the page creates it only then.
  await page.route("**/_next/static/chunks/**", async (route) => {
    if (route.request().frame() === page.mainFrame())
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue();
  });
  await page.reload();
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.", {
    timeout: 15_000,
  });
});

test("an order paid in another tab: the tab left on its pay step shows the outcome", async ({
  page,
  context,
}) => {
  const { email, guest } = await openGuestCheckout(page, "11");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  await page.reload();
  await expect(guest.paymentState).toHaveText("Ready: pay with the button below.");
  const other = await context.newPage();
  await other.goto("/buy/guest");
  const otherGuest = new GuestCheckoutPage(other);
  await expect(otherGuest.paymentState).toHaveText("Ready: pay with the button below.");
  const orderId = await payInFrame(other, otherGuest);
  await other.close();
  // The first tab does not offer to pay (or change) an order paid meanwhile: it says how it went.
  await expect(page).toHaveURL(new RegExp(`/buy/guest/orders/${orderId}`), { timeout: 20_000 });
  await expect(page.getByTestId("transaction-status")).toHaveText("Success", { timeout: 20_000 });
  await page.goto("/buy/guest?asset=USDC&network=base");
  await expect(guest.continueToPayment).toBeVisible();
  await expect(page.getByText("Your last order has not finished")).toHaveCount(0);
});

// The sandbox's triggers by the total's cents (lib/sandbox/onramp/after-payment.ts): .41 keeps a
// paid order sending for 8 s on the test server, .42 fails it 8 s after its payment (the
// SANDBOX_SLOW_SETTLE_SECONDS of playwright.config.ts). Long enough to reload.
test("a paid order, the page reloaded: the notice says it is paid, then complete, with its amount and its page", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { email, guest } = await openGuestCheckout(page, "16.41");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  await guest.payAndWaitForProcessing();
  await page.reload();
  const notice = guest.lastOrder();
  await expect(notice).toHaveText(
    /^Your last order, \$16\.41 of USDC on Base, is paid: Coinbase is sending your crypto\./,
  );
  // Paid: no button to pay it again.
  await expect(page.locator('iframe[title$="payment"]')).toHaveCount(0);
  const follow = notice.getByRole("link", { name: "Follow that order" });
  await expect(follow).toHaveAttribute("href", /^\/buy\/guest\/orders\/[a-f0-9-]{36}$/);
  const orderPage = (await follow.getAttribute("href"))!;
  // The order's page meanwhile: paid, the crypto not there yet.
  const sending = await page.context().newPage();
  await sending.goto(orderPage);
  await expect(sending.getByTestId("transaction-status")).toHaveText("In progress");
  await expect(sending.getByTestId("figure-you-paid")).toHaveText("$16.41");
  await expect(sending.getByTestId("figure-you-receive")).toHaveText(/USDC$/);
  await expect(sending.getByTestId("figure-you-received")).toHaveCount(0);
  await expect(sending.getByText("Sending to", { exact: true })).toBeVisible();
  await sending.close();
  // As the sandbox sends the crypto, the notice follows by itself.
  await expect(notice).toHaveText(
    /^Your last order, \$16\.41 of USDC on Base, is complete: your crypto has been sent\./,
    { timeout: 45_000 },
  );
  await expect(notice.getByRole("link", { name: "See that order" })).toHaveAttribute(
    "href",
    orderPage,
  );
  // A new order from the form below: the notice, about an order now older, gives way.
  await guest.amount.fill("12");
  await guest.orderAndWaitForButton();
  await expect(page.getByTestId("pay-total")).toHaveText("$12.00");
  await expect(notice).toHaveCount(0);
  // The notice's link: the paid order's own page.
  await page.goto(orderPage);
  await expect(page.getByTestId("transaction-status")).toHaveText("Success");
  await expect(page.getByTestId("figure-you-paid")).toHaveText("$16.41");
  await expect(page.getByTestId("figure-you-received")).toHaveText(/USDC$/);
});

test("a paid order that then fails: the notice says so, and buying again from it places a new order", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { email, guest } = await openGuestCheckout(page, "17.42");
  await guest.getReady(email);
  await guest.orderAndWaitForButton();
  await guest.payAndWaitForProcessing();
  await page.reload();
  const notice = guest.lastOrder();
  await expect(notice).toHaveText(/^Your last order, \$17\.42 of USDC on Base, is paid/);
  // Said paid here first: not declined, but failed after the payment.
  await expect(notice).toHaveText(
    /^Your last order, \$17\.42 of USDC on Base, failed after your payment was received, and no crypto was sent\. Contact Coinbase support about the payment, with the order number on its page\./,
    { timeout: 45_000 },
  );
  const failedOrder = notice.getByRole("link", { name: "See that order" });
  await expect(failedOrder).toHaveAttribute("href", /^\/buy\/guest\/orders\/[a-f0-9-]{36}$/);
  const failedOrderPage = (await failedOrder.getAttribute("href"))!;
  await notice.getByRole("link", { name: "Buy again with the same details" }).click();
  await expect(page).toHaveURL(/\/buy\/guest\?.*replaces=/);
  await expect(notice).toHaveCount(0);
  await expect(guest.amount).toHaveValue("17.42");
  await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
  await guest.amount.fill("13");
  const orderId = await payAndComplete(page, guest);
  expect(await ledgerRow(page, orderId)).toMatchObject({ status: "success" });
  // The failed order's page makes no claim that nothing was charged: it was paid for.
  await page.goto(failedOrderPage);
  await expect(page.getByTestId("transaction-status")).toHaveText("Failed");
  await expect(page.getByRole("main")).toContainText(
    "If you were charged, contact Coinbase support with the order number below.",
  );
  // With what it was charged: the total to look for on a card statement.
  await expect(page.getByTestId("figure-order-total")).toHaveText("$17.42");
  await expect(page.getByText("Nothing sent to", { exact: true })).toBeVisible();
});

test.describe("a US user whose browser speaks British English", () => {
  // The country was chosen on /buy: nothing in the browser says the US.
  test.use({ locale: "en-GB" });

  test("Buy more on a completed order is guest checkout again: the same purchase, to the same wallet; declined after a reload, the purchase kept is the new order's", async ({
    page,
  }) => {
    const query = new URLSearchParams({
      country: "US",
      asset: "USDC",
      network: "base",
      amount: "21",
    });
    const email = await signInOverHttp(page, { next: `/buy/guest?${query}` });
    const guest = new GuestCheckoutPage(page);
    await guest.getReady(email);
    await page.getByLabel("Network").selectOption({ label: "Ethereum" });
    await guest.amount.fill("22");
    const first = await payAndComplete(page, guest);
    await page.getByRole("link", { name: "Buy more" }).click();
    await expect(page).toHaveURL(/\/buy\/guest\?/);
    await expect(page.getByRole("heading", { name: "Your purchase" })).toBeVisible();
    await expect(page.getByLabel("Asset")).toHaveValue("USDC");
    await expect(page.getByLabel("Network")).toHaveValue("ethereum");
    await expect(guest.amount).toHaveValue(/^22(\.00)?$/);
    // The wallet of the order bought again, the user's own: no link carries one.
    await expect(guest.wallet).toHaveValue(EVM_ADDRESS);
    expect(new URL(page.url()).searchParams.has("address")).toBe(false);
    // Changed before ordering, its pay step brought back by a reload, and declined: the purchase
    // kept to buy again is this order's, not the one "Buy more" filled in.
    await declinedAfterReload(page, guest, "23");
    await expect(guest.amount).toHaveValue("23.00");
    await expect(page.getByLabel("Network")).toHaveValue("ethereum");
    // Another order beside the first, which stays as it was.
    const second = await payAndComplete(page, guest);
    expect(second).not.toBe(first);
    expect(await ledgerRow(page, first)).toMatchObject({ status: "success" });
  });
});
