import { expect, test, type Page, type Request } from "@playwright/test";
import { errorOf } from "../support/api";
import { openGuestCheckout } from "./guest-flow";
import type { GuestCheckoutPage } from "./guest-page";

/**
 * Raising a guest's limits (Coinbase's "Request limit upgrade", embedded mode) against the
 * sandbox: the offer in the limits panel, Coinbase's page framed by the app, and the outcome
 * read from the limits afterwards. Sandbox values: SSN last 4 `9999` is refused for good, any
 * other 4 digits with a date of birth 18 or more years ago is approved 6 s after it is sent.
 */
test.describe.configure({ timeout: 60_000 });

const OFFER =
  "Coinbase can raise your limits to $2,500 a week and no limit on the number of purchases (with the last 4 digits of your SSN and your date of birth).";

const TIMED_OUT =
  "Coinbase's page timed out before your details were sent. Open it again to continue.";

/** Opens Coinbase's page from the panel: the region framing it, once the page is shown. */
async function openUpgradePage(page: Page) {
  const asked = page.waitForRequest("**/api/guest/limits/upgrade");
  await page.getByRole("button", { name: "Raise my limits" }).click();
  // The page's user, as every guest request names it: a tab left open for another account is refused.
  expect((await asked).headers()["x-expected-user"]).toBeTruthy();
  const region = page.getByRole("region", { name: "Raise your limits with Coinbase" });
  await expect(region).toBeVisible();
  await expect(
    region.frameLocator("iframe").getByRole("heading", { name: "Raise your limits" }),
  ).toBeVisible();
  return region;
}

/** Opens Coinbase's page from the panel and sends it `ssnLast4` and a 1990 date of birth. */
async function raiseInFrame(page: Page, ssnLast4: string) {
  const region = await openUpgradePage(page);
  const coinbase = region.frameLocator("iframe");
  await coinbase.getByLabel("Last 4 digits of your Social Security number").fill(ssnLast4);
  await coinbase.getByLabel("Date of birth").fill("1990-08-15");
  await coinbase.getByRole("button", { name: "Submit" }).click();
  await expect(coinbase.getByText("Thanks: Coinbase is reviewing your details.")).toBeVisible();
  return region;
}

async function readyAt600(page: Page): Promise<GuestCheckoutPage> {
  const { email, guest } = await openGuestCheckout(page, "600");
  await guest.getReady(email);
  await expect(guest.limits()).toContainText("$500.00 of $500.00 left in your 7-day limit");
  await expect(page.getByText(OFFER)).toBeVisible();
  return guest;
}

test("a verified guest raises their limits in Coinbase's framed page, and then buys 600 USD", async ({
  page,
}) => {
  const guest = await readyAt600(page);
  // Over the week's 500: refused at the amount, with the offer beside the limits.
  await expect(
    page.getByText("You can spend at most $500.00 more for now (a 7-day limit)"),
  ).toBeVisible();

  const region = await raiseInFrame(page, "1234");
  await expect(
    page.getByText("Coinbase is reviewing your details: your limits rise once it approves."),
  ).toBeVisible();

  // Approved 6 s after it was sent: read from the limits, which the page asks for again.
  const raised = page.getByRole("status").filter({ hasText: "Coinbase raised your limits." });
  await expect(raised).toBeVisible({ timeout: 15_000 });
  await expect(region).toBeHidden();
  // Coinbase's page, which had the focus, is gone: the focus is on what Coinbase decided.
  await expect(raised).toBeFocused();
  await expect(guest.limits()).toContainText("$2,500.00 of $2,500.00 left in your 7-day limit");
  await expect(guest.limits()).toContainText("No limit on the number of guest purchases");
  await expect(guest.limits()).not.toContainText("2147483647");
  await expect(page.getByRole("button", { name: "Raise my limits" })).toBeHidden();

  // What was typed stayed, and 600 is now within the limits: priced and ordered.
  await expect(guest.amount).toHaveValue("600");
  await expect(
    page.getByText("You can spend at most $500.00 more for now (a 7-day limit)"),
  ).toBeHidden();
  await guest.orderAndWaitForButton();
});

test("Coinbase's page closed before sending anything: the focus goes back to the button that opened it", async ({
  page,
}) => {
  await readyAt600(page);
  const region = await openUpgradePage(page);
  await region.getByRole("button", { name: "Close" }).click();
  await expect(region).toBeHidden();
  await expect(page.getByRole("button", { name: "Raise my limits" })).toBeFocused();
});

test("SSN 9999: Coinbase could not raise the limits, and a Coinbase account is offered", async ({
  page,
}) => {
  const guest = await readyAt600(page);
  const region = await raiseInFrame(page, "9999");
  const refused = page
    .getByRole("alert")
    .filter({ hasText: "Coinbase could not raise your limits." });
  await expect(refused).toBeVisible({ timeout: 15_000 });
  await expect(
    refused.getByRole("link", { name: "Buy with a Coinbase account instead" }),
  ).toBeVisible();
  await expect(region).toBeHidden();
  await expect(refused).toBeFocused();
  await expect(page.getByRole("button", { name: "Raise my limits" })).toBeHidden();
  await expect(guest.limits()).toContainText("$500.00 of $500.00 left in your 7-day limit");
  await expect(guest.amount).toHaveValue("600");
});

test("left open past its link's 5 minutes, Coinbase's page closes and says so, the limits are no longer asked for, and a new page opens", async ({
  page,
}) => {
  // The page's clock, so that the link's 5 minutes pass without waiting for them.
  await page.clock.install();
  await readyAt600(page);
  const region = await openUpgradePage(page);

  // The user walks away with nothing typed: at the link's expiry the page closes, and says why.
  await page.clock.fastForward("05:05");
  await expect(region).toBeHidden();
  const timedOut = page.getByText(TIMED_OUT);
  await expect(timedOut).toBeVisible();
  await expect(timedOut).toBeFocused();
  const again = page.getByRole("button", { name: "Raise my limits" });
  await expect(again).toBeVisible();

  // 10 s more on the page's clock (three checks, were it still watching): the limits are not
  // asked for. Any look-up then would be reported before the request that asks for a new link.
  const limitsAsked: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/guest/limits") limitsAsked.push(r.method());
  });
  await page.clock.runFor(10_000);
  expect(limitsAsked).toEqual([]);
  // The page's clock is now 5 minutes ahead of the server's, as a device's may be: the new
  // link's minutes are counted from its arrival, so the page does not close at once.
  const asked = page.waitForRequest("**/api/guest/limits/upgrade");
  await again.click();
  await asked;
  expect(limitsAsked).toEqual([]);

  // A new link, a new page: open, watched again every 3 s, and the message gone.
  const reopened = page.getByRole("region", { name: "Raise your limits with Coinbase" });
  await expect(
    reopened.frameLocator("iframe").getByRole("heading", { name: "Raise your limits" }),
  ).toBeVisible();
  await expect(timedOut).toBeHidden();
  await page.clock.runFor(10_000);
  await expect.poll(() => limitsAsked.length).toBeGreaterThanOrEqual(3);
  await expect(reopened).toBeVisible();
});

test("details sent just before the link runs out: the page is not closed as timed out, and the review is followed to its end", async ({
  page,
}) => {
  await page.clock.install();
  const guest = await readyAt600(page);
  // Time stands still on the page: no check of the limits sees the details sent before expiry.
  await page.clock.pauseAt(Date.now() + 1000);
  const region = await raiseInFrame(page, "1234");
  await page.clock.fastForward("05:05");
  await expect(
    page.getByText("Coinbase is reviewing your details: your limits rise once it approves."),
  ).toBeVisible();
  await expect(region).toBeVisible();
  await expect(page.getByText(TIMED_OUT)).toBeHidden();

  // The user goes back to the amount while Coinbase reviews: its decision, when it comes,
  // leaves the focus (and what is being typed) where the user is.
  await guest.amount.click();
  await page.clock.resume();
  const raised = page.getByRole("status").filter({ hasText: "Coinbase raised your limits." });
  await expect(raised).toBeVisible({ timeout: 15_000 });
  await expect(region).toBeHidden();
  await expect(page.getByText(TIMED_OUT)).toBeHidden();
  await expect(guest.amount).toBeFocused();
});

test("a review that takes Coinbase long is asked about less and less often, Coinbase's page open or closed", async ({
  page,
}) => {
  await page.clock.install();
  await readyAt600(page);
  // Sandbox: SSN digits 8888 stay under review. The user leaves the tab as it is, the page
  // open on Coinbase's "reviewing" (then, below, reloaded: the page closed).
  await raiseInFrame(page, "8888");
  await expect(
    page.getByText("Coinbase is reviewing your details: your limits rise once it approves."),
  ).toBeVisible();
  const isLimits = (r: Request) => new URL(r.url()).pathname === "/api/guest/limits";
  let asked = 0;
  let inFlight = 0;
  page.on("request", (r) => {
    if (!isLimits(r)) return;
    asked += 1;
    inFlight += 1;
  });
  const answered = (r: Request) => {
    if (isLimits(r)) inFlight -= 1;
  };
  page.on("requestfinished", answered);
  page.on("requestfailed", answered);
  // A minute on the page's clock, 5 s at a time, each ask answered before the clock goes on:
  // 5 s, then half as long again each time (asks at 5, 12.5, 24 and 41 s), not every 3 s
  // (twenty), each a look-up counted against the address.
  async function aMinute() {
    asked = 0;
    for (let second = 0; second < 60; second += 5) {
      await page.clock.runFor(5_000);
      await expect.poll(() => inFlight).toBe(0);
    }
    return asked;
  }
  expect(await aMinute()).toBeGreaterThanOrEqual(3);
  expect(asked).toBeLessThanOrEqual(6);
  await page.reload();
  await expect(page.getByRole("region", { name: "Raise your limits with Coinbase" })).toHaveCount(
    0,
  );
  expect(await aMinute()).toBeGreaterThanOrEqual(3);
  expect(asked).toBeLessThanOrEqual(6);
});

test("the upgrade route: a tab shown for another account is refused (409), an unverified phone is asked for", async ({
  page,
}) => {
  await openGuestCheckout(page, "600");
  const stale = await page.request.post("/api/guest/limits/upgrade", {
    data: {},
    headers: { "x-expected-user": "another-user-entirely" },
  });
  expect(await errorOf(stale)).toEqual({ status: 409, code: "account_changed" });
  const unverified = await page.request.post("/api/guest/limits/upgrade", { data: {} });
  expect(await errorOf(unverified)).toEqual({ status: 400, code: "verification_required" });
});
