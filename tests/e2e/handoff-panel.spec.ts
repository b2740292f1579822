import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signInInBrowser, signInOverHttp, signOutUntold } from "../support/sign-in";
import { requestsInFlight, withBackForwardCache } from "../support/back-forward-cache";
import { expectHydrated } from "../support/slow-scripts";
import { EVM_ADDRESS, RampFormPage } from "./ramp-page";

/**
 * The "Continue on my phone" panel on the computer (components/ramp/HandoffPanel.tsx) as the
 * world around its code changes: the user signed out elsewhere (or another user signed in), the
 * connection dropped and came back, the page left and shown again from the back/forward cache,
 * the phone's opening failing after the form changed.
 */

const UNREACHABLE = "Could not reach the server. Check your connection and try again.";

/** /buy signed in on a wide screen, the address and `amount` typed; returns the email. */
async function signedInForm(page: Page, amount: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  const email = await signInOverHttp(page, { next: "/buy" });
  await expectHydrated(page.getByRole("button", { name: "Continue to Coinbase" }));
  const form = new RampFormPage(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  await form.amountField.fill(amount);
  return { email, form };
}

const codeOf = (page: Page) => page.getByRole("img", { name: "QR code of the phone link" });
const makeLinkButton = (page: Page) => page.getByRole("button", { name: "Continue on my phone" });

/**
 * In another tab of the same browser: signs out, then, `andIn`, in as a new user, unheard by
 * the form's tab (asleep in the background, say): the panel's own checks must find out.
 */
async function signOutElsewhere(context: BrowserContext, { andIn }: { andIn: boolean }) {
  const other = await signOutUntold(context);
  if (andIn) await signInOverHttp(other, { next: "/sell" });
  await other.close();
}

const SIGNED_OUT =
  "You are signed out, so this link no longer works. Sign in again to make a new one: this form stays as it is.";
const OTHER_ACCOUNT =
  "Another account is signed in now, so this link no longer works. Reload the page to start afresh as that account.";

test("signed out in another tab: the panel says so, its code gone, and signing in again brings the form back", async ({
  page,
  context,
}) => {
  test.setTimeout(60_000); // signs in twice, the second time through the sign-in page
  const { email, form } = await signedInForm(page, "60");
  await makeLinkButton(page).click();
  await expect(codeOf(page)).toBeVisible();

  await signOutElsewhere(context, { andIn: false });

  // Heard at the panel's next check: the link ended with the session, and the page says so.
  await expect(page.getByRole("status").filter({ hasText: "signed out" })).toHaveText(SIGNED_OUT);
  await expect(codeOf(page)).toHaveCount(0);
  await expect(page.getByTestId("handoff-url")).toHaveCount(0);
  await expect(form.address).toHaveValue(EVM_ADDRESS);

  await page.getByRole("link", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fbuy$/);
  await signInInBrowser(page, { email });
  await expect(page).toHaveURL(/\/buy$/);
  await expect(form.address).toHaveValue(EVM_ADDRESS);
  await expect(form.amountField).toHaveValue("60");
});

test("the panel's 'Could not reach the server' goes once the connection is back and the server answers", async ({
  page,
  context,
}) => {
  await signedInForm(page, "40");
  // The form's checks are in (a quote shows): what stays to fail offline is the request itself.
  await expect(page.getByTestId("url-preview")).toContainText("quoteId=");
  const unreachable = page.getByText(UNREACHABLE, { exact: true });

  // No link yet, so nothing to check: the error goes with the connection back.
  await context.setOffline(true);
  await makeLinkButton(page).click();
  await expect(unreachable).toBeVisible();
  await context.setOffline(false);
  await expect(unreachable).toHaveCount(0);

  // A link on screen: asked again offline, then back online, its next check answers.
  await makeLinkButton(page).click();
  await expect(codeOf(page)).toBeVisible();
  await context.setOffline(true);
  await makeLinkButton(page).click();
  await expect(unreachable).toBeVisible();
  await context.setOffline(false);
  await expect(unreachable).toHaveCount(0);
  await expect(codeOf(page)).toBeVisible();
});

// A browser of its own, with the back/forward cache on. (Its page has been seen closing under it
// in CI, a fault of the browser, not of the panel: CI retries a failed test once.)
test("shown again from the back/forward cache, the panel asks at once how its link stands: the code while it works, else why not", async ({
  baseURL,
}) => {
  test.setTimeout(60_000); // a browser of its own, and four page loads
  await withBackForwardCache(async (browser) => {
    const page = await browser.newPage({ baseURL });
    const inFlight = requestsInFlight(page);
    await page.clock.install();
    await signedInForm(page, "30");
    await makeLinkButton(page).click();
    await expect(codeOf(page)).toBeVisible();
    const link = await page.getByTestId("handoff-url").innerText();
    // The panel's own checks, every 3 s, stop: what follows is the page being shown again.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    await page.evaluate(() => ((window as { kept?: boolean }).kept = true));
    // Left with nothing under way (a request in flight keeps a page out of the cache).
    const leave = async () => {
      await expect.poll(inFlight).toBe(0);
      await page.goto("/sell");
    };
    const back = async () => {
      const asked = page.waitForRequest(
        (r) => r.method() === "GET" && r.url().includes("/api/handoff/"),
      );
      // A page restored from the cache fires no new "load": wait for the navigation only.
      await page.goBack({ waitUntil: "commit" });
      await expect(page).toHaveURL(/\/buy$/);
      const restored = await page.evaluate(() => (window as { kept?: boolean }).kept);
      expect(restored, "shown again from the back/forward cache").toBe(true);
      await asked;
    };

    // Away and back, the link unused: asked, and the code stays.
    await leave();
    await back();
    await expect(codeOf(page)).toBeVisible();

    // Away again; meanwhile the phone opens the link. Back: the code goes, and the panel says so.
    await leave();
    const opened = await page.request.post(new URL(link).pathname, { maxRedirects: 0 });
    expect(opened.status()).toBe(303);
    await back();
    await expect(
      page.getByRole("status").filter({ hasText: "Opened on your phone" }),
    ).toBeVisible();
    await expect(codeOf(page)).toHaveCount(0);
  });
});

test("the form changed as the phone was opening the link: the panel follows that opening, and says when it failed", async ({
  page,
}) => {
  const { form } = await signedInForm(page, "60");
  await makeLinkButton(page).click();
  await expect(codeOf(page)).toBeVisible();
  // The phone's mint under way as the form changes: the DELETE answers "opened" (revoking the
  // link all the same, late: lib/ramp/handoff.ts), and the check after it still waits on that
  // mint. The mint then fails, and the link reads revoked, as the server's own answers say here
  // (that race itself is in the unit tests).
  let revoked: unknown = null;
  let heldChecks = 1;
  await page.route("**/api/handoff/*", async (route) => {
    if (route.request().method() === "DELETE") {
      const response = await route.fetch();
      revoked = await response.json();
      return route.fulfill({ response, json: { state: "opened" } });
    }
    if (!revoked || heldChecks === 0) return route.continue();
    heldChecks--;
    return route.fulfill({ json: { state: "waiting" } });
  });

  await form.amountField.fill("61");
  await expect(codeOf(page)).toHaveCount(0);
  const opened = page.getByRole("status").filter({ hasText: "Opened on your phone" });
  await expect(opened).toBeVisible();
  await expect(page.getByText("The form changed: make a new link")).toHaveCount(0);
  expect(revoked, "the server's own answer").toEqual({ state: "revoked" });

  // Checked on past the mint's "waiting" (a check every 3 s): then it says what happened.
  await expect(page.getByRole("status").filter({ hasText: "could not open" })).toHaveText(
    "Your phone could not open that link, and it no longer works: make a new one for these values, or continue here.",
    { timeout: 15_000 },
  );
  expect(heldChecks, "asked while the mint was under way").toBe(0);
  await expect(opened).toHaveCount(0);
  await expect(codeOf(page)).toHaveCount(0);
});

test("signed out and in as someone else in another tab: the panel says another account is signed in, the form goes no further, and a reload starts it afresh", async ({
  page,
  context,
}) => {
  test.setTimeout(60_000); // signs in twice, and loads the form twice
  await page.clock.install();
  const { form } = await signedInForm(page, "60");
  const firstRef = await form.previewedUserRef();
  const guestEntry = page.getByRole("link", { name: "Pay with Apple Pay or Google Pay" });
  await expect(guestEntry).toBeVisible();
  await makeLinkButton(page).click();
  await expect(codeOf(page)).toBeVisible();
  // The panel's checks held while the other tab changes hands, so that the next one hears the
  // other account, not the moment between (signed out: the first test).
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);

  await signOutElsewhere(context, { andIn: true });
  await page.clock.resume();

  await expect(page.getByRole("status").filter({ hasText: "Another account" })).toHaveText(
    OTHER_ACCOUNT,
    { timeout: 10_000 },
  );
  await expect(codeOf(page)).toHaveCount(0);
  await expect(page.getByText("You are signed out")).toHaveCount(0);
  // The page still shows the last account's form: nothing goes on from it for the new one.
  await expect(form.submit).toBeDisabled();
  await expect(form.submit).toHaveAccessibleDescription(
    "Another account is signed in now: reload the page to go on as that account.",
  );
  await expect(makeLinkButton(page)).toBeDisabled();
  await expect(guestEntry).toHaveCount(0);

  const reloaded = page.waitForEvent("load");
  await page.getByRole("button", { name: "Reload the page" }).click();
  await reloaded;
  await expectHydrated(form.submit);
  await expect(form.submit).toBeEnabled();
  // The last account's wallet address is not brought back into the new one's form.
  await expect.poll(() => form.keptAddress()).toBe("");
  await expect(form.address).toHaveValue("");
  await expect(form.amountField).not.toHaveValue("60");
  expect(await form.previewedUserRef(), "now the other account's").not.toBe(firstRef);
});

for (const { elsewhere, andIn, says } of [
  { elsewhere: "signed out", andIn: false, says: SIGNED_OUT },
  { elsewhere: "signed out and in as someone else", andIn: true, says: OTHER_ACCOUNT },
]) {
  test(`${elsewhere} in another tab, the form then changed before a check heard it: the link's revocation says so, as a check would`, async ({
    page,
    context,
  }) => {
    test.setTimeout(60_000); // signs in, and in the second case a new user too
    await page.clock.install();
    const { form } = await signedInForm(page, "60");
    await makeLinkButton(page).click();
    await expect(codeOf(page)).toBeVisible();
    // The panel's checks held: what tells the panel is the revocation of its link as the form
    // changes (DELETE /api/handoff/<statusId>, answered 401 or 404 as a check would be).
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    const checks: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "GET" && r.url().includes("/api/handoff/")) checks.push(r.url());
    });

    await signOutElsewhere(context, { andIn });
    const revoked = page.waitForResponse(
      (r) => r.request().method() === "DELETE" && r.url().includes("/api/handoff/"),
    );
    await form.amountField.fill("61");
    expect((await revoked).status()).toBe(andIn ? 404 : 401);

    await expect(
      page.getByRole("status").filter({ hasText: "so this link no longer works" }),
    ).toHaveText(says);
    await expect(page.getByText("The form changed: make a new link")).toHaveCount(0);
    await expect(codeOf(page)).toHaveCount(0);
    // As when a check hears it: another account's page goes no further until reloaded.
    if (andIn) {
      await expect(form.submit).toBeDisabled();
      await expect(makeLinkButton(page)).toBeDisabled();
    } else await expect(page.getByRole("link", { name: "Sign in again" })).toBeVisible();
    expect(checks, "heard by the revocation, not by a check").toEqual([]);
  });
}

/** What the server says of a link now, as the computer's panel asks it. */
async function stateOf(page: Page, statusId: string) {
  const answer = await page.request.get(`/api/handoff/${statusId}`);
  return ((await answer.json()) as { state: string }).state;
}

/** Presses "Continue on my phone"; the link's status id and URL. */
async function makeLink(page: Page) {
  const made = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().endsWith("/api/handoff"),
  );
  await makeLinkButton(page).click();
  const { statusId, url } = (await (await made).json()) as { statusId: string; url: string };
  await expect(codeOf(page)).toBeVisible();
  return { statusId, url };
}

test("the page loaded again with a link on screen ends it unseen, or follows it once the phone opened it", async ({
  page,
  context,
}) => {
  const { form } = await signedInForm(page, "67");
  const first = await makeLink(page);
  // Reloaded (or Back to a page the browser did not keep): the code is gone, so is the link.
  await page.reload();
  await expect(form.amountField).toHaveValue("67");
  await expect.poll(() => stateOf(page, first.statusId)).toBe("revoked");
  await expect(codeOf(page)).toHaveCount(0);
  await expect(page.getByText("The form changed: make a new link")).toHaveCount(0);

  // Opened on the phone before the computer's page loaded again: that is what the panel says.
  const second = await makeLink(page);
  const phone = await context.newPage();
  await phone.goto(second.url);
  await phone.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(phone).toHaveURL(/\/sandbox\/pay\/buy\/select-asset\?sessionToken=/);
  await page.reload();
  await expect(
    page.getByRole("status").filter({ hasText: "Opened on your phone: finish there." }),
  ).toBeVisible();
  expect(await stateOf(page, second.statusId)).toBe("opened");
  // The same values on the computer: not bought a second time here, nor by a new link.
  await expect(form.amountField).toHaveValue("67");
  const minted: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/onramp") || request.url().endsWith("/api/handoff"))
      minted.push(request.url());
  });
  await page.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(
    page.getByText(
      "You opened the phone link already: finish there, or change the order to buy here.",
    ),
  ).toBeVisible();
  await makeLinkButton(page).click();
  // (Nothing to wait for when nothing happens: a moment for a request that should not come.)
  await page.waitForTimeout(1_000);
  await expect(codeOf(page)).toHaveCount(0);
  expect(minted, "nothing minted on the computer, and no new link").toEqual([]);
});

test("a link the form's change could not end is asked to end again, and nothing starts beside it meanwhile", async ({
  page,
}) => {
  const { form } = await signedInForm(page, "65");
  const made = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().endsWith("/api/handoff"),
  );
  await makeLinkButton(page).click();
  const { statusId } = (await (await made).json()) as { statusId: string };
  await expect(codeOf(page)).toBeVisible();
  const stateOfLink = async () =>
    ((await (await page.request.get(`/api/handoff/${statusId}`)).json()) as { state: string })
      .state;
  // Ending it fails (the shared store did not answer, say): the link may still open.
  let refusedEnds = 0;
  await page.route("**/api/handoff/*", (route) => {
    if (route.request().method() !== "DELETE") return route.continue();
    refusedEnds++;
    return route.fulfill({
      status: 503,
      json: { error: { code: "store_unavailable", message: "Try again shortly" } },
    });
  });
  const minted: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/onramp") || request.url().endsWith("/api/handoff"))
      minted.push(request.url());
  });
  await form.amountField.fill("66");
  await expect(page.getByText("The form changed: make a new link for these values.")).toBeVisible();
  await expect(codeOf(page)).toHaveCount(0);

  // Neither Continue here nor a new link while the phone could still buy the old values.
  const notEnded = page.getByText(
    "The phone link could not be ended just now, and your phone could still open it: try again in a moment.",
  );
  await page.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(notEnded).toBeVisible();
  await makeLinkButton(page).click();
  await expect(notEnded).toBeVisible(); // the panel's now: the form's checks ran again
  expect(minted, "nothing minted on the computer, and no new link").toEqual([]);
  expect(await stateOfLink()).toBe("waiting");
  // Asked again by itself, every few seconds; ended once the server can.
  await expect.poll(() => refusedEnds, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
  await page.unroute("**/api/handoff/*");
  await expect.poll(stateOfLink, { timeout: 10_000 }).toBe("revoked");
  await page.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(page).toHaveURL(/\/sandbox\/pay\/buy\/select-asset\?sessionToken=/);
});

test("a second link ends the first, and a quick double press makes one link", async ({ page }) => {
  await signedInForm(page, "62");
  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/api/handoff")) posts++;
  });
  const made: string[] = [];
  page.on("response", async (response) => {
    if (response.request().method() === "POST" && response.url().endsWith("/api/handoff"))
      made.push(((await response.json()) as { statusId: string }).statusId);
  });
  // Two presses in one moment (the form's checks may still be loading): one link.
  await makeLinkButton(page).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await expect(codeOf(page)).toBeVisible();
  const firstLink = await page.getByTestId("handoff-url").innerText();
  // Both presses' requests would be on their way together: by now, the second would be sent.
  expect(posts, "one POST /api/handoff").toBe(1);
  await expect.poll(() => made.length).toBe(1);

  // A new link for the same values: the code on screen is the new one, and the first one,
  // perhaps scanned already, no longer opens anything.
  await makeLinkButton(page).click();
  await expect.poll(() => made.length).toBe(2);
  await expect(page.getByTestId("handoff-url")).not.toHaveText(firstLink);
  const first = await page.request.get(`/api/handoff/${made[0]}`);
  expect(await first.json()).toEqual({ state: "revoked" });
  const second = await page.request.get(`/api/handoff/${made[1]}`);
  expect(await second.json()).toEqual({ state: "waiting" });
});

for (const heard of [false, true])
  test(`Continue to Coinbase once the phone opened the link, ${heard ? "as the panel says" : "before the panel heard"}: the purchase stays the phone's`, async ({
    page,
    context,
  }) => {
    await signedInForm(page, heard ? "64" : "63");
    await makeLinkButton(page).click();
    await expect(codeOf(page)).toBeVisible();
    const link = await page.getByTestId("handoff-url").innerText();
    // The panel checks every 3 s: held at "waiting", it is the moment before it hears.
    if (!heard)
      await page.route("**/api/handoff/*", (route) =>
        route.request().method() === "GET"
          ? route.fulfill({ json: { state: "waiting" } })
          : route.continue(),
      );
    const phone = await context.newPage();
    await phone.goto(link);
    await phone.getByRole("button", { name: "Continue to Coinbase" }).click();
    await expect(phone).toHaveURL(/\/sandbox\/pay\/buy\/select-asset\?sessionToken=/);
    if (heard)
      await expect(
        page.getByRole("status").filter({ hasText: "Opened on your phone: finish there." }),
      ).toBeVisible();

    const minted: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/onramp")) minted.push(request.url());
    });
    await page.getByRole("button", { name: "Continue to Coinbase" }).click();
    await expect(
      page.getByText(
        "You opened the phone link already: finish there, or change the order to buy here.",
      ),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/buy$/);
    expect(minted, "nothing minted on the computer").toEqual([]);
  });

test("while the computer goes on to Coinbase no phone link is made, and while a link is made the computer waits: never one purchase twice", async ({
  page,
}) => {
  await signedInForm(page, "33");
  const continueHere = page.getByRole("button", { name: /Continue to Coinbase|Opening Coinbase/ });
  // A slow mint: the page is on its way to Coinbase for a while.
  let releaseMint = () => {};
  const mintHeld = new Promise<void>((resolve) => (releaseMint = resolve));
  await page.route("**/api/onramp", async (route) => {
    await mintHeld;
    await route.continue();
  });
  const linksMade: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/handoff") && request.method() === "POST")
      linksMade.push(request.url());
  });
  await continueHere.click();
  await expect(continueHere).toHaveText("Opening Coinbase…");
  await expect(makeLinkButton(page)).toBeDisabled();
  await makeLinkButton(page).click({ force: true });
  releaseMint();
  await expect(page).toHaveURL(/\/sandbox\/pay\/buy\/select-asset\?sessionToken=/);
  expect(linksMade, "no link made as the page left").toEqual([]);

  // The other way: a link being made holds Continue until it is on screen.
  await page.goBack();
  await expectHydrated(page.getByRole("button", { name: "Continue to Coinbase" }));
  let releaseLink = () => {};
  const linkHeld = new Promise<void>((resolve) => (releaseLink = resolve));
  await page.route("**/api/handoff", async (route) => {
    await linkHeld;
    await route.continue();
  });
  await makeLinkButton(page).click();
  await expect(page.getByRole("button", { name: "Creating link…" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue to Coinbase" })).toBeDisabled();
  releaseLink();
  await expect(codeOf(page)).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue to Coinbase" })).toBeEnabled();
});

test("Continue on my phone with the form's checks unable to load says so, and works once they can", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInOverHttp(page, { next: "/buy" });
  await expectHydrated(page.getByRole("button", { name: "Continue to Coinbase" }));
  // Offline from now on: the checks, fetched on the first touch of the form, cannot load.
  const offline = "**/_next/static/chunks/**/*.js";
  await page.route(offline, (route) => route.abort("internetdisconnected"));
  const form = new RampFormPage(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  await form.amountField.fill("64");
  await makeLinkButton(page).click();
  await expect(page.getByText(/Part of this page did not load/)).toBeVisible();
  await expect(makeLinkButton(page)).toBeEnabled();
  await page.unroute(offline);
  await makeLinkButton(page).click();
  await expect(codeOf(page)).toBeVisible();
});
