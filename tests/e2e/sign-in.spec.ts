import { expect, test } from "@playwright/test";
import { VALID_ONRAMP, errorOf, uniquePublicIp } from "../support/api";
import { LIVE_URL, SANDBOX_URL } from "../support/e2e-servers";
import { setFault } from "../support/fault-upstream";
import { SignInPage, signInInBrowser, uniqueEmail } from "../support/sign-in";
import { expectAccessible } from "../support/axe";
import { withBackForwardCache } from "../support/back-forward-cache";
import { expectHydrated, holdScripts } from "../support/slow-scripts";
import {
  inTwoHalves,
  readCodeInBrowser,
  sinkMessagesTo,
  waitForCode,
} from "../support/sign-in-codes";
import { EVM_ADDRESS, RampFormPage } from "./ramp-page";

/**
 * Signing in with an emailed code, in a browser: from a filled ramp form and back to it,
 * in sandbox mode (the code in /sandbox/inbox) and on the live server (the code mailed
 * over SMTP); signing out ends the session on the server.
 */

test("from a filled /buy form: sign in, come back to the same form, continue to Coinbase, sign out", async ({
  page,
  playwright,
}) => {
  await page.goto("/buy");
  await expect(
    page.getByTestId("signed-in-as").getByRole("link", { name: "Sign in" }),
  ).toBeVisible();
  // The header's Sign in comes back to the page it was pressed on, its query included.
  const headerSignIn = page.getByTestId("signed-in-as").getByRole("link", { name: "Sign in" });
  await expect(headerSignIn).toHaveAttribute("href", "/sign-in?next=%2Fbuy");
  await page.goto("/buy/guest?asset=ETH&network=base");
  await expect(headerSignIn).toHaveAttribute(
    "href",
    `/sign-in?next=${encodeURIComponent("/buy/guest?asset=ETH&network=base")}`,
  );
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await form.fill("Ethereum (ETH)", "Base", "42");
  await form.signInToContinue.click();
  await expect(page).toHaveURL(`${SANDBOX_URL}/sign-in?next=%2Fbuy`);

  const email = await signInInBrowser(page);
  await expect(page).toHaveURL(`${SANDBOX_URL}/buy`);
  await expect(page.getByTestId("signed-in-as")).toContainText(`Signed in as ${email}`);
  // The form as it was left.
  await expect(page.getByLabel("Asset")).toHaveValue("ETH");
  await expect(page.getByLabel("Network")).toHaveValue("base");
  await expect(form.address).toHaveValue(EVM_ADDRESS);
  await expect(page.getByLabel(/^Amount \(/)).toHaveValue("42");

  await form.submit.click();
  await form.expectOnPayPage();
  await expect(page.locator('[data-param="defaultAsset"]')).toHaveText("ETH");
  await expect(page.locator('[data-param="defaultNetwork"]')).toHaveText("base");
  await expect(page.locator('[data-param="presetFiatAmount"]')).toHaveText("42");
  await expect(page.getByText(EVM_ADDRESS)).toBeVisible();

  // Sign out: the header says so, minting is refused, and the old cookie is worth nothing.
  await page.goto("/buy");
  const session = (await page.context().cookies()).find((c) => c.name === "ramp.session");
  expect(session?.httpOnly, "the session cookie is httpOnly").toBe(true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${SANDBOX_URL}/`);
  await expect(
    page.getByTestId("signed-in-as").getByRole("link", { name: "Sign in" }),
  ).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).not.toContainText(email);
  // Nothing of the user stays in the tab: the next person at this computer finds an empty form.
  await page.goto("/buy");
  await expectHydrated(form.signInToContinue);
  await expect(form.address).toHaveValue("");
  await expect(page.getByLabel(/^Amount \(/)).not.toHaveValue("42");
  expect(await errorOf(await page.request.post("/api/onramp", { data: VALID_ONRAMP }))).toEqual({
    status: 401,
    code: "sign_in_required",
  });
  const replay = await playwright.request.newContext({
    baseURL: SANDBOX_URL,
    extraHTTPHeaders: { cookie: `ramp.session=${session!.value}` },
  });
  expect(await errorOf(await replay.post("/api/onramp", { data: VALID_ONRAMP }))).toEqual({
    status: 401,
    code: "sign_in_required",
  });
  await replay.dispose();
});

test("Back after signing out brings back neither the signed-in header nor the form as the user left it", async ({
  baseURL,
}) => {
  await withBackForwardCache(async (browser) => {
    // A context of its own: signing in opens the inbox in a second page of it.
    const page = await (await browser.newContext({ baseURL })).newPage();
    const email = await signInInBrowser(page, { next: "/buy" });
    await expect(page.getByTestId("signed-in-as")).toContainText(`Signed in as ${email}`);
    const form = new RampFormPage(page, "buy");
    await form.address.fill(EVM_ADDRESS);
    await page.evaluate(() => ((window as { kept?: boolean }).kept = true));
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${SANDBOX_URL}/`);

    await page.goBack({ waitUntil: "commit" });
    await expect(page).toHaveURL(/\/buy$/);
    // Restored from the cache, the page saw the tab change hands and loaded afresh: the
    // header is today's, and the form no longer holds the last user's wallet address.
    await expect(
      page.getByTestId("signed-in-as").getByRole("link", { name: "Sign in" }),
    ).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).not.toContainText(email);
    await expect
      .poll(() => page.evaluate(() => (window as { kept?: boolean }).kept))
      .toBeUndefined();
    await expect(form.address).toHaveValue("");
  });
});

test("Back after signing out, to a page the browser kept in its HTTP cache rather than its back/forward cache, shows no one signed in either", async ({
  page,
}) => {
  // Playwright's browser keeps no page in its back/forward cache: Back is served from the HTTP
  // cache (the restorable pages are `private, no-cache`), as a real browser does once a page
  // has been dropped from the other.
  const email = await signInInBrowser(page, { next: "/buy" });
  await expect(page.getByTestId("signed-in-as")).toContainText(`Signed in as ${email}`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${SANDBOX_URL}/`);

  await page.goBack();
  await expect(page).toHaveURL(/\/buy$/);
  await expect(
    page.getByTestId("signed-in-as").getByRole("link", { name: "Sign in" }),
  ).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).not.toContainText(email);
});

test("Back after signing in from a page's Sign in link brings that page, signed in, not the spent code's form", async ({
  baseURL,
}) => {
  await withBackForwardCache(async (browser) => {
    const page = await (await browser.newContext({ baseURL })).newPage();
    await page.goto("/buy");
    await page.getByTestId("signed-in-as").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fbuy$/);
    const email = await signInInBrowser(page);
    await expect(page).toHaveURL(/\/buy$/);

    await page.goBack({ waitUntil: "commit" });
    // The sign-in page, restored as it was left (its code step), saw the tab signed in and
    // loaded afresh: signed in, it sends the user on.
    await expect(page).toHaveURL(/\/buy$/);
    await expect(page.getByTestId("signed-in-as")).toContainText(`Signed in as ${email}`);
  });
});

test("a form kept in the tab goes to whoever signs in next only if it is the same user", async ({
  page,
}) => {
  const email = await signInInBrowser(page, { next: "/buy" });
  const form = new RampFormPage(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  // The session ends without a sign-out (it expired, the user walked away).
  await page.context().clearCookies();
  await signInInBrowser(page, { email, next: "/buy" });
  await expect(form.address).toHaveValue(EVM_ADDRESS);
  // Ended again, and someone else signs in at this computer: the form is theirs, empty.
  await page.context().clearCookies();
  await signInInBrowser(page, { next: "/buy" });
  await expectHydrated(form.submit);
  await expect(form.address).toHaveValue("");
});

test("an email typed before the page's script has run is kept; Enter meanwhile sends nothing, and the page keeps where to go next", async ({
  page,
}) => {
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": uniquePublicIp() });
  const release = await holdScripts(page);
  await page.goto("/sign-in?next=%2Fbuy", { waitUntil: "commit" });
  const email = uniqueEmail();
  const form = new SignInPage(page);
  await form.email.fill(email);
  // Sent by the browser itself, the form would reload this page without its `next`.
  await expect(form.sendCode).toBeDisabled();
  await form.email.press("Enter");
  release();
  await expectHydrated(form.sendCode);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fbuy$/);
  await expect(form.email).toHaveValue(email);
  await form.askForCode(email);
  await form.code.fill(await readCodeInBrowser(page, email));
  await form.signIn.click();
  await expect(page).toHaveURL(/\/buy$/);
});

test("with scripts turned off, the sign-in and buy forms say they need them, their buttons off", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    const page = await context.newPage();
    // Playwright's text search skips <noscript>: its paragraph is found by its place.
    const needsScripts = page.locator("noscript > p", { hasText: "This form needs JavaScript" });
    await page.goto("/sign-in?next=%2Fbuy");
    await expect(new SignInPage(page).sendCode).toBeDisabled();
    await expect(needsScripts).toBeVisible();
    await page.goto("/buy");
    await expect(page.getByRole("button", { name: "Sign in to continue" })).toBeDisabled();
    await expect(needsScripts).toBeVisible();
  } finally {
    await context.close();
  }
});

test("the header names the signed-in user in one row on a desktop; on a phone, to screen readers only", async ({
  page,
}) => {
  const email = `someone-with-a-rather-long-name-${Date.now()}@a-long-company-domain.example.com`;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInInBrowser(page, { email, next: "/buy" });
  const header = page.getByTestId("signed-in-as");
  const shownEmail = header.getByTitle(email);
  const signOut = header.getByRole("button", { name: "Sign out" });
  await expect(header).toContainText(`Signed in as ${email}`);
  await expect(shownEmail).toBeVisible();

  // One row: the user's block sits beside the links, not under them.
  const buy = await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Buy" })
    .boundingBox();
  const button = await signOut.boundingBox();
  expect(Math.abs(button!.y + button!.height / 2 - (buy!.y + buy!.height / 2))).toBeLessThan(8);

  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 760 });
    // No room for the email beside the links: it is left to screen readers (the account page
    // shows it), "Sign out" stays on one line (a wrapped label doubles the button's height),
    // and nothing pushes the page sideways.
    // (Visually hidden, not removed: a 1 px clipped box, which Playwright counts as visible.)
    await expect.poll(async () => (await shownEmail.boundingBox())!.width).toBeLessThanOrEqual(1);
    await expect(header).toContainText(`Signed in as ${email}`);
    await expect.poll(async () => (await signOut.boundingBox())!.height).toBeLessThan(36);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );
  }
});

test("a wrong code is refused inline, and the right one then signs in", async ({ page }) => {
  const { form, email } = await SignInPage.atCodeStep(page, "/sell");
  await form.code.fill("12345");
  await form.signIn.click();
  await expect(form.code).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The code is the 6 digits from the email")).toBeVisible();

  const code = await readCodeInBrowser(page, email);
  await form.code.fill(code === "000000" ? "000001" : "000000");
  await form.signIn.click();
  await expect(page.getByText(/That code is not right/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  // The button was disabled while checking: focus is on the code, ready to type it again.
  await expect(form.code).toBeFocused();

  // Sent again: said in new words (announced); the newest email's code signs in.
  await page.getByRole("button", { name: "Send a new code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "again" })).toContainText(
    `We emailed ${email} again: the newest email has your code.`,
  );
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  const newCode = await waitForCode(page.request, SANDBOX_URL, email, 2);
  // Asked for once more: said in words of its own again, or nothing would be heard.
  await page.getByRole("button", { name: "Send a new code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "again" })).toContainText(
    `We emailed ${email} again (email 3): the newest email has your code.`,
  );
  await form.code.fill(inTwoHalves(newCode));
  await form.signIn.click();
  await expect(page).toHaveURL(`${SANDBOX_URL}/sell`);
  await expect(page.getByTestId("signed-in-as")).toContainText(`Signed in as ${email}`);
});

test("at the code step, the focus stays in the form: on Send a new code once sent, on Email after Use another email", async ({
  page,
}) => {
  const { form, email } = await SignInPage.atCodeStep(page, "/buy");
  // The button is off while the code is sent: it takes the focus back, not the page's top.
  const resend = page.getByRole("button", { name: "Send a new code" });
  await resend.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "again" })).toBeVisible();
  await expect(resend).toBeEnabled();
  await expect(resend).toBeFocused();
  // The button pressed is gone with the code step: the field to retype has the focus.
  await page.getByRole("button", { name: "Use another email" }).focus();
  await page.keyboard.press("Enter");
  await expect(form.email).toBeFocused();
  await expect(form.email).toHaveValue(email);
});

test.describe("on the live server", () => {
  test.use({ baseURL: LIVE_URL });

  test("the code is mailed over SMTP, and it signs the user in", async ({ page }) => {
    await setFault(page.request, "ok");
    await page.goto("/sign-in?next=/buy");
    // No sandbox inbox here: codes go by email only.
    await expect(page.getByRole("link", { name: "sandbox inbox" })).toHaveCount(0);
    const email = await signInInBrowser(page);
    await expect(page).toHaveURL(`${LIVE_URL}/buy`);
    await expect(page.getByTestId("signed-in-as")).toContainText(`Signed in as ${email}`);
    await expect(new RampFormPage(page, "buy").submit).toBeVisible();

    const [mail] = sinkMessagesTo(email);
    expect(mail?.to).toEqual([email]);
    expect(mail?.from).toBe("no-reply@localhost");
    const code = /^Your sign-in code: (\d{6})$/.exec(mail!.subject)?.[1];
    expect(code, mail!.subject).toBeDefined();
    expect(mail!.raw).toContain(`Your sign-in code is ${code}.`);
  });

  test("live pages pass axe too, their mode line included", async ({ page }) => {
    await setFault(page.request, "ok");
    for (const path of ["/", "/sign-in"]) {
      await page.goto(path);
      await expect(page.getByText("Live mode: real Coinbase, real money.")).toBeVisible();
      await expectAccessible(page, `${path} in live mode`);
    }
  });

  test("the sandbox inbox does not exist", async ({ request }) => {
    expect((await request.get(`${SANDBOX_URL}/sandbox/inbox`)).status()).toBe(200);
    expect((await request.get(`${LIVE_URL}/sandbox/inbox`)).status()).toBe(404);
  });
});

test("a tab reloaded (or discarded by the phone) while the user fetches the code comes back to the code step", async ({
  page,
}) => {
  const { form, email } = await SignInPage.atCodeStep(page, "/sell");
  await page.reload();
  await expect(form.code).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "We sent" })).toContainText(email);
  await form.code.fill(await readCodeInBrowser(page, email));
  await form.signIn.click();
  await expect(page).toHaveURL(`${SANDBOX_URL}/sell`);
  // Signed in, the code step is forgotten: signed out, the sign-in page starts from the email.
  await page.context().clearCookies({ name: "ramp.session" });
  await page.goto("/sign-in");
  await expect(form.email).toBeVisible();
  await expect(form.code).toHaveCount(0);
});

test("the sandbox inbox, opened before the code is asked for, shows it without a reload", async ({
  page,
}) => {
  const email = uniqueEmail();
  await page.goto("/sandbox/inbox");
  const message = page.getByRole("article", { name: `Message to ${email}` });
  await expect(message).toHaveCount(0);
  const sent = await page.request.post("/api/auth/code", {
    data: { email },
    headers: { "x-forwarded-for": uniquePublicIp() },
  });
  expect(sent.status()).toBe(200);
  await expect(message).toContainText("Your sign-in code is", { timeout: 10_000 });
});
