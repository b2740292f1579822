import { expect, test, type APIResponse, type Locator, type Page } from "@playwright/test";
import { expectAccessibleInBothSchemes } from "../support/axe";
import { SHORT_TOKEN_APP_URL } from "../../playwright.config";
import { SANDBOX_URL } from "../support/e2e-servers";
import { inboxSubjectsTo, inTwoHalves } from "../support/sign-in-codes";
import { ConnectFlow, revokeBehindTheBrowser, sessionCookie } from "./connect-page";
import { EVM_ADDRESS } from "./ramp-page";
import { signInOverHttp } from "../support/sign-in";
import { expectHydrated } from "../support/slow-scripts";

/**
 * Sending from /account within the granted limit, with two-step verification, against the
 * sandbox (which enforces what Coinbase enforces). The code arrives in /sandbox/inbox, sent
 * to the Coinbase sandbox user, sandy@example.com.
 */
const SANDY = "sandy@example.com";
const CODE = /Your Coinbase two-step verification code: (\d{7})/;

async function twoFactorCodes(page: Page, app = SANDBOX_URL): Promise<string[]> {
  const subjects = await inboxSubjectsTo(page.request, app, SANDY);
  return subjects.flatMap((subject) => CODE.exec(subject)?.[1] ?? []);
}

/**
 * How many of Sandy's codes came since `before` (her codes then). Not a count of the inbox's:
 * it shows its newest messages only, and other tests' mail pushes older codes out of it.
 */
async function codesSince(page: Page, before: string[]): Promise<number> {
  return (await twoFactorCodes(page)).filter((code) => !before.includes(code)).length;
}

/**
 * Connects with the send preset and the given daily limit, sharing only the USDC account (or
 * the accounts `sharing` names):
 * `lowerTo` lowers the limit on the consent page; `stayConnected: false` unticks the preset's
 * "Stay connected", so the session has no refresh token.
 */
async function connectToSend(
  page: Page,
  limit: string,
  {
    lowerTo,
    stayConnected = true,
    withoutHistory = false,
    sharing = [/USDC/],
  }: {
    lowerTo?: string;
    stayConnected?: boolean;
    withoutHistory?: boolean;
    sharing?: RegExp[];
  } = {},
) {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.askToSend(limit);
  await page.getByLabel("Per").selectOption("day");
  if (!stayConnected) await flow.scope(/Stay connected/).uncheck();
  if (withoutHistory) {
    await flow.openGroup("Transactions");
    await flow.scope(/See your transaction history/).uncheck();
  }
  await flow.submit();
  for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
  for (const account of sharing) await page.getByRole("checkbox", { name: account }).check();
  if (lowerTo) await flow.lowerSendLimit(lowerTo);
  await flow.allow();
  await flow.expectSignedIn();
}

/** The send form with the test address and `amount` USDC typed in. */
async function fillSend(page: Page, amount: string) {
  const form = page.getByRole("form", { name: "Send crypto" });
  // Typed before the page's script runs, the values would be the page's only, not the form's
  // (seen once on a busy machine: "Check the highlighted fields" on Send).
  await expectHydrated(form.getByRole("button", { name: "Send" }));
  await form.getByLabel("To (address or email)").fill(EVM_ADDRESS);
  await form.getByLabel("Amount in USDC").fill(amount);
  return form;
}

/** What is left of the day's limit, as /account says it now. */
function leftToSend(page: Page) {
  const remaining = page.getByTestId("send-remaining");
  return async () =>
    Number(/: \$([\d.,]+) of/.exec((await remaining.textContent()) ?? "")![1]!.replace(",", ""));
}

/** Presses Send and types the two-step code it brings (the sandbox mails it). */
async function sendWithCode(page: Page, form: Locator) {
  const codesBefore = await twoFactorCodes(page);
  await form.getByRole("button", { name: "Send" }).click();
  await expect.poll(() => codesSince(page, codesBefore)).toBe(1);
  await form.getByLabel("Two-step verification code").fill((await twoFactorCodes(page))[0]!);
  return codesBefore;
}

/** The sends go through to Coinbase and are made; their answers are lost on the way back. */
async function loseSendAnswers(page: Page) {
  await page.route("**/api/oauth/send", async (route) => {
    await route.fetch();
    await route.fulfill({
      status: 504,
      json: { error: { code: "upstream_timeout", message: "Coinbase did not answer in time" } },
    });
  });
}

/**
 * Approves the send typed in `form` with its code: Coinbase makes it, its answer is lost on the
 * way back, and the form says it may or may not have been made. Answers go through again after.
 */
async function sendAndLoseTheAnswer(page: Page, form: Locator) {
  await sendWithCode(page, form);
  await loseSendAnswers(page);
  await form.getByRole("button", { name: "Approve send" }).click();
  await expect(form.getByRole("status")).toHaveText(/may or may not have made this send/);
  await page.unroute("**/api/oauth/send");
}

test("send 20 USDC of a 50 USD/day limit with a two-step code; a send of 40 is then refused before any call", async ({
  page,
}) => {
  // Two axe sweeps in both colour schemes besides the sends: past 30 s on a busy machine.
  test.slow();
  await connectToSend(page, "50");
  await expect(page.getByText(/Send limit: \$50\.00 per day/)).toBeVisible();
  const remaining = page.getByTestId("send-remaining");
  await expect(remaining).toHaveText(
    /Left to send: \$50\.00 of \$50\.00 per day, counting sends of the last 24 hours/,
  );

  const form = page.getByRole("form", { name: "Send crypto" });
  await expect(form.getByLabel("From account")).toContainText("USDC");
  await expectAccessibleInBothSchemes(page, "/account with the send form");
  await form.getByLabel("To (address or email)").fill(EVM_ADDRESS);
  // Under the amount, before Send: the most the limit allows, then what the amount is worth.
  const amount = form.getByLabel("Amount in USDC");
  await expect(amount).toHaveAccessibleDescription(
    "Your limit allows up to about 50 USDC ($50.00 left now)",
  );
  await amount.fill("20");
  await expect(amount).toHaveAccessibleDescription("About $20.00 of the $50.00 left now");
  const codesBefore = await twoFactorCodes(page);
  await form.getByRole("button", { name: "Send" }).dblclick();
  await expect(form.getByRole("status")).toHaveText(/two-step verification code/);
  await expect(form.getByLabel("Two-step verification code")).toBeFocused();
  await expect.poll(() => codesSince(page, codesBefore)).toBe(1);
  await expectAccessibleInBothSchemes(page, "/account asking for the two-step code");

  // A code that is not one, then a wrong code: each said at the field, which keeps the focus.
  const codeField = form.getByLabel("Two-step verification code");
  await codeField.fill("12ab");
  await form.getByRole("button", { name: "Approve send" }).click();
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await expect(codeField).toHaveAccessibleDescription(/digits only/);
  await codeField.fill("0000000");
  await expect(codeField).not.toHaveAttribute("aria-invalid");
  await form.getByRole("button", { name: "Approve send" }).click();
  await expect(codeField).toHaveAccessibleDescription(/That code is not right/);
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveValue("");
  const [code] = await twoFactorCodes(page);
  await codeField.fill(inTwoHalves(code!)); // as an authenticator app shows it
  await form.getByRole("button", { name: "Approve send" }).click();

  await expect(page.getByTestId("send-status")).toHaveText("Status: completed", {
    timeout: 15_000,
  });
  await expect(page.getByRole("heading", { name: /Sent: 20 USDC/ })).toBeVisible();
  // The button pressed is off once sent: the result has the focus, so it is read out.
  await expect(page.getByRole("region", { name: /Sent: 20 USDC/ })).toBeFocused();
  await expect(page.getByText(/Transaction hash: 0x[0-9a-f]{64}/)).toBeVisible();
  // On a phone the address and the hash wrap: the page does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByText(`To ${EVM_ADDRESS}`)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
  // The page refreshes its balances once the send is final: checked after that has landed.
  await expect(remaining).toHaveText(
    /Left to send: \$30\.00 of \$50\.00 per day, counting sends of the last 24 hours/,
  );
  // The amount sent is not weighed again against what is left after it.
  await expect(amount).toHaveAccessibleDescription("");
  await expect(page.getByRole("table")).toContainText("1,230.00 USDC");
  // The account picker shows the balance as the table does.
  await expect(form.getByLabel("From account")).toContainText("USDC Wallet (1,230.00 USDC)");
  // The settled page is checked: Next.js can drop the <title> for a moment while a refresh
  // streams in (noted as a known glitch), which axe then reports.
  await expect(page).toHaveTitle(/\S/);
  await expectAccessibleInBothSchemes(page, "/account with a completed send");
  // The double click and the replay sent once: one code, one send.
  expect(await codesSince(page, codesBefore)).toBe(1);

  // From the keyboard: the button goes, and the focus goes to the emptied recipient, not
  // past the form (the next Tab reached Disconnect).
  await page.getByRole("button", { name: "Send again" }).press("Enter");
  await expect(form.getByLabel("To (address or email)")).toBeFocused();
  await form.getByLabel("To (address or email)").fill(EVM_ADDRESS);
  await form.getByLabel("Amount in USDC").fill("40");
  await expect(amount).toHaveAccessibleDescription("About $40.00: more than the $30.00 left now");
  await form.getByRole("button", { name: "Send" }).click();
  // Refused, the amount is described by the refusal alone, not by it and the hint.
  await expect(amount).toHaveAccessibleDescription(
    "Over your send limit: about $40.00, and $30.00 is left now",
  );
  await expect(form.getByRole("status")).toHaveText(/nothing was sent/);
  // Refused before any call: no new code was asked for.
  expect(await codesSince(page, codesBefore)).toBe(1);
});

test("a send refused for what another tab sent meanwhile: the page reads the limit left again", async ({
  page,
}) => {
  await connectToSend(page, "50");
  // (The sandbox counts the day's sends of every test: what is left is read, not assumed.)
  const left = leftToSend(page);
  const before = await left();
  expect(before).toBeGreaterThan(10);
  // Another tab sends 5 of it.
  const other = await page.context().newPage();
  await other.goto("/account");
  const otherForm = await fillSend(other, "5");
  await sendWithCode(other, otherForm);
  await otherForm.getByRole("button", { name: "Approve send" }).click();
  // Made: it counts against the limit from now on, final or not.
  await expect(other.getByRole("heading", { name: /^(On its way|Sent): 5 USDC/ })).toBeVisible();
  await other.close();

  // This tab still shows what was left before: an amount within it passes its own check, and
  // the server refuses it.
  const form = await fillSend(page, (before - 2).toFixed(2));
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByRole("status")).toHaveText(/limit/);
  // What is left is read again: the next amount is checked against it.
  await expect.poll(left).toBeLessThanOrEqual(before - 5);
});

test("a send that can no longer be checked (an answer cut short, then the session ended) says where to see it, and frees the form", async ({
  page,
}) => {
  await connectToSend(page, "50");
  // The sandbox's one user may have sent already today (the other tests): what is left now.
  const left = leftToSend(page);
  await expect(page.getByTestId("send-remaining")).toHaveText(
    /Left to send: \$[\d.,]+ of \$50\.00 per day, counting sends of the last 24 hours/,
  );
  const before = await left();
  // Typed with a decimal comma, as a phone's comma keypad offers: sent as 2.5.
  const form = await fillSend(page, "2,5");
  const codesBefore = await twoFactorCodes(page);
  await form.getByRole("button", { name: "Send" }).click();
  await expect.poll(() => codesSince(page, codesBefore)).toBe(1);
  await form.getByLabel("Two-step verification code").fill((await twoFactorCodes(page))[0]!);
  // The first check's answer is cut short (a dropped connection), the next ones fail: the send
  // was made all the same, and is followed on.
  let checks = 0;
  await page.route("**/api/oauth/transactions/**", (route) =>
    ++checks === 1
      ? route.fulfill({ status: 200, contentType: "application/json", body: '{"transac' })
      : route.fulfill({ status: 503, json: { error: { code: "upstream_busy", message: "Busy" } } }),
  );
  await form.getByRole("button", { name: "Approve send" }).click();
  await expect(page.getByRole("heading", { name: /On its way: 2\.5 USDC/ })).toBeVisible();
  // Counted against the limit at once, not once final (no check has said it is).
  await expect.poll(left).toBeCloseTo(before - 2.5, 2);
  // The cut answer was read, and the page went on checking.
  await expect.poll(() => checks, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  await page.unroute("**/api/oauth/transactions/**");

  // Disconnected in another tab while the send is still pending: every check now gets 401.
  await page.request.post("/oauth/disconnect", {
    headers: { origin: SANDBOX_URL },
    maxRedirects: 0,
  });
  await expect(page.getByTestId("send-unfollowed")).toHaveText(
    "Your Coinbase session has ended: connect again. The send was made: its status is in your Coinbase account.",
  );
  await expect(page.getByText(/may or may not have made this send/)).toHaveCount(0);
  await page.getByRole("button", { name: "Send again" }).click();
  await expect(form.getByRole("button", { name: "Send" })).toBeEnabled();
});

test("a send whose answer was lost holds the form: trying again finds the send made, and sends nothing more", async ({
  page,
}) => {
  await connectToSend(page, "50");
  // The sandbox's one user may have sent already today (the other tests): what is left now.
  const left = leftToSend(page);
  await expect(page.getByTestId("send-remaining")).toHaveText(
    /Left to send: \$[\d.,]+ of \$50\.00 per day, counting sends of the last 24 hours/,
  );
  const before = await left();
  const form = await fillSend(page, "7");
  const codesBefore = await sendWithCode(page, form);
  // The approved send reaches Coinbase and is made; its answer is lost on the way back.
  await loseSendAnswers(page);
  await form.getByRole("button", { name: "Approve send" }).click();
  await expect(form.getByRole("status")).toHaveText(
    /Coinbase did not answer in time\. Coinbase may or may not have made this send/,
  );
  // Held as it was: a change would be a new send beside the one that may have been made.
  await expect(form.getByLabel("Amount in USDC")).toBeDisabled();
  await expect(form.getByLabel("To (address or email)")).toBeDisabled();
  await page.unroute("**/api/oauth/send");
  await form.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: /Sent: 7 USDC/ })).toBeVisible({
    timeout: 15_000,
  });
  // One send of 7, not two: the limit and the code count say so.
  await expect.poll(left).toBeCloseTo(before - 7, 2);
  expect(await codesSince(page, codesBefore)).toBe(1);
});

test("a send cancelled at its two-step code asks for a new code in an empty field", async ({
  page,
}) => {
  await connectToSend(page, "50");
  const form = await fillSend(page, "1");
  await form.getByRole("button", { name: "Send" }).click();
  const codeField = form.getByLabel("Two-step verification code");
  await codeField.fill("123");
  await form.getByRole("button", { name: "Cancel" }).press("Enter");
  await expect(codeField).toHaveCount(0);
  // The Cancel button is gone too: the focus is back at the top of the form, not the page's.
  await expect(form.getByLabel("To (address or email)")).toBeFocused();
  // A new attempt, a new code: the digits typed for the cancelled one are not offered again.
  await form.getByRole("button", { name: "Send" }).click();
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveValue("");
});

test("a send refused because the Coinbase session has ended offers the way to connect again", async ({
  page,
}) => {
  await connectToSend(page, "50");
  const form = await fillSend(page, "1");
  // Disconnected in another tab while this one still shows the form.
  await page.request.post("/oauth/disconnect", {
    headers: { origin: SANDBOX_URL },
    maxRedirects: 0,
  });
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByRole("status")).toHaveText(/Your Coinbase session has ended/);
  // The only way on takes the focus, not the page (from where Tab went back to the top).
  const connectAgain = form.getByRole("link", { name: "Connect again" });
  await expect(connectAgain).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/connect$/);
});

test("a send Coinbase refuses ends a session without a refresh token as one with: its cookie cleared, the same words", async ({
  page,
}) => {
  for (const stayConnected of [true, false]) {
    await page.context().clearCookies();
    await connectToSend(page, "50", { stayConnected });
    const form = await fillSend(page, "1");
    await revokeBehindTheBrowser(page);
    await form.getByRole("button", { name: "Send" }).click();
    await expect(form.getByRole("status"), `stayConnected: ${stayConnected}`).toHaveText(
      /Your Coinbase session has ended: connect again/,
    );
    expect(await sessionCookie(page), `stayConnected: ${stayConnected}`).toBeUndefined();
    // Forgotten here: /account no longer reads it as a connection.
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 2, name: "Not connected" })).toBeVisible();
  }
});

test("an invalid address is refused in the form with the ramp forms' reason", async ({ page }) => {
  await connectToSend(page, "50");
  const form = page.getByRole("form", { name: "Send crypto" });
  await form.getByLabel("To (address or email)").fill("bc1qnotanaddress");
  await form.getByLabel("Amount in USDC").fill("1");
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByRole("status")).toHaveText(/nothing was sent/);
  await expect(form.getByLabel("To (address or email)")).toHaveAttribute("aria-invalid", "true");
});

test("without a Coinbase session, a send and a status check are refused with 401 not_connected, whatever the body", async ({
  request,
}) => {
  const refused = { error: { code: "not_connected", message: expect.any(String) } };
  for (const data of [
    { accountId: "a", network: "base", to: EVM_ADDRESS, amount: "1", idem: crypto.randomUUID() },
    { amount: "not a number" }, // a bad body is not read before the session is checked
  ]) {
    const sent = await request.post("/api/oauth/send", { data });
    expect(sent.status()).toBe(401);
    expect(await sent.json()).toMatchObject(refused);
  }
  const status = await request.get("/api/oauth/transactions/a/b");
  expect(status.status()).toBe(401);
  expect(await status.json()).toMatchObject(refused);
});

test("lowering the limit on the consent page shows the lower limit in /account", async ({
  page,
}) => {
  await connectToSend(page, "50", { lowerTo: "20" });
  await expect(page.getByText(/Send limit: \$20\.00 per day/)).toBeVisible();
  await expect(page.getByTestId("send-remaining")).toContainText("of $20.00");
});

test("a send limit raised, emptied or mistyped on the consent page is said at its field, and a lower one goes through", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.askToSend("50");
  await flow.submit();
  const limit = page.getByLabel(/You may lower it/);
  const refused: [string, string][] = [
    ["60", "The send limit can only be lowered: at most 50 USD"],
    // Emptied: the user agreed to no amount, not to the whole one asked for.
    ["", "Enter the most the app may send, at most 50 USD, or choose Deny"],
    ["5o", "The send limit must be a positive amount, e.g. 20"],
  ];
  for (const [typed, said] of refused) {
    await limit.fill(typed);
    await flow.allow();
    // Not a bare text page from the server: the field says it and has the focus.
    await expect(limit).toBeFocused();
    await expect(limit).toHaveAttribute("aria-invalid", "true");
    await expect(limit).toHaveAccessibleDescription(new RegExp(said));
  }
  await flow.lowerSendLimit("40");
  await flow.allow();
  await flow.expectSignedIn();
  await expect(page.getByText(/Send limit: \$40\.00 per month/)).toBeVisible();
});

test("asking for more permissions keeps the send limit, the shared accounts and the granted scopes, and revokes the earlier grant", async ({
  page,
  context,
  playwright,
}) => {
  await connectToSend(page, "45");
  const earlier = (await context.cookies()).find((c) => c.name.endsWith("cb_session"));
  expect(earlier).toBeDefined();
  await page.getByRole("link", { name: "Ask for more permissions" }).click();
  await expect(page).toHaveURL(/\/connect\?/);
  // The send limit of the grant, not a blank amount and "month".
  await expect(page.getByLabel("Send limit amount")).toHaveValue("45");
  await expect(page.getByLabel("Per")).toHaveValue("day");
  // An already-granted scope cannot be unticked by accident.
  const send = page.getByRole("checkbox", { name: /Send crypto from your accounts/ });
  await expect(send).toBeChecked();
  await expect(send).toBeDisabled();
  const flow = new ConnectFlow(page);
  await flow.tick("Notifications", /See your notifications/);
  await flow.submit();
  // The accounts shared before are ticked again on Coinbase's page.
  await expect(page.getByRole("checkbox", { name: /USDC/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /BTC/ })).not.toBeChecked();
  await flow.allow();
  await flow.expectSignedIn();
  const granted = page.getByRole("list", { name: "Granted permissions" });
  await expect(granted).toContainText("wallet:transactions:send");
  await expect(granted).toContainText("wallet:notifications:read");
  await expect(page.getByText(/Send limit: \$45\.00 per day/)).toBeVisible();
  await expect(page.getByRole("table")).toContainText("USDC");

  // A request still carrying the earlier cookie (sent from another tab just before the new one
  // landed) is refused once that grant is revoked, and leaves the new cookie alone: this app
  // ended that grant itself, and set the new cookie as it did.
  const accountId = await page.getByLabel("From account").inputValue();
  const other = await playwright.request.newContext({
    baseURL: SANDBOX_URL,
    extraHTTPHeaders: { cookie: `${earlier!.name}=${earlier!.value}`, origin: SANDBOX_URL },
  });
  let refused: APIResponse | undefined;
  await expect
    .poll(async () => {
      refused = await other.post("/api/oauth/send", {
        data: {
          accountId,
          network: "base",
          idem: crypto.randomUUID(),
          to: EVM_ADDRESS,
          amount: "1",
        },
      });
      return refused.status();
    })
    .toBe(401);
  expect(refused!.headers()["set-cookie"] ?? "").not.toContain(`${earlier!.name}=`);
  await other.dispose();

  // The earlier grant's tokens no longer open the account (nor renew): put its cookie back.
  // Its renewal, refused as replaced, goes back to /account, which then asks to connect again.
  const ended = page.getByRole("heading", { name: "Please connect again" });
  await expect
    .poll(async () => {
      await context.addCookies([earlier!]);
      await page.goto("/account");
      // Coinbase refuses the token while the page shows "Loading…": the browser goes on then.
      return ended.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
    })
    .toBe(true);
  // The way on is to connect again (not "Start over", as after a Connect attempt that failed).
  await expect(page.getByRole("link", { name: "Connect again" })).toHaveAttribute(
    "href",
    "/connect",
  );
});

test.describe("with access tokens that expire after 4 seconds", () => {
  test.use({ baseURL: SHORT_TOKEN_APP_URL });

  test("a send from a page left open past the token's life renews it and goes through", async ({
    page,
  }) => {
    await connectToSend(page, "50");
    const form = await fillSend(page, "5");
    // The page was rendered with a token that has now expired.
    await page.waitForTimeout(4_500);
    await form.getByRole("button", { name: "Send" }).click();
    await expect(form.getByRole("status")).toHaveText(/two-step verification code/);
    const [code] = await twoFactorCodes(page, SHORT_TOKEN_APP_URL);
    // The renewed token expires too while the user reads the code.
    await page.waitForTimeout(4_500);
    await form.getByLabel("Two-step verification code").fill(code!);
    await form.getByRole("button", { name: "Approve send" }).click();
    // Followed to the end across further renewals (a status read each second).
    await expect(page.getByTestId("send-status")).toHaveText("Status: completed", {
      timeout: 15_000,
    });
    await expect(page.getByRole("heading", { name: /Sent: 5 USDC/ })).toBeVisible();
    await expect(page.getByTestId("send-remaining")).toHaveText(
      /Left to send: \$45\.00 of \$50\.00 per day, counting sends of the last 24 hours/,
    );
  });
});

test("the server refuses a send over the account's balance, or to a bad address, before any code is sent", async ({
  page,
}) => {
  await connectToSend(page, "50");
  const form = page.getByRole("form", { name: "Send crypto" });
  const accountId = await form.getByLabel("From account").inputValue();
  const codesBefore = await twoFactorCodes(page);
  const send = (data: Record<string, string>) =>
    page.request.post("/api/oauth/send", {
      headers: { origin: SANDBOX_URL },
      data: { accountId, network: "base", idem: crypto.randomUUID(), ...data },
    });

  // The sandbox account holds about 1250 USDC (other tests send some): a page that skips the
  // form's checks is still refused by the server, with the balance in words.
  const tooMuch = await send({ to: EVM_ADDRESS, amount: "5000" });
  expect(tooMuch.status()).toBe(400);
  const refused = (await tooMuch.json()) as { error: { code: string; message: string } };
  expect(refused.error.code).toBe("insufficient_funds");
  expect(refused.error.message).toMatch(
    /^Not enough USDC: this account holds 1,\d{3}\.\d{2} USDC$/,
  );

  const badAddress = await send({ to: "0x1234", amount: "1" });
  expect(badAddress.status()).toBe(400);
  expect(((await badAddress.json()) as { error: { code: string } }).error.code).toBe(
    "invalid_address",
  );
  // Neither reached Coinbase's send: no two-step code was asked for.
  expect(await codesSince(page, codesBefore)).toBe(0);
});

test("without the transaction history granted, a send over the whole limit is still refused by the app, in its words", async ({
  page,
}) => {
  // The app cannot count past sends then; it can still refuse one send worth more than all of it.
  await connectToSend(page, "50", { withoutHistory: true });
  const form = page.getByRole("form", { name: "Send crypto" });
  const accountId = await form.getByLabel("From account").inputValue();
  const codesBefore = await twoFactorCodes(page);
  const over = await page.request.post("/api/oauth/send", {
    headers: { origin: SANDBOX_URL },
    data: { accountId, network: "base", idem: crypto.randomUUID(), to: EVM_ADDRESS, amount: "60" },
  });
  expect(over.status()).toBe(403);
  expect(((await over.json()) as { error: unknown }).error).toEqual({
    code: "send_limit_exceeded",
    message: "This send (about $60.00) is over your whole limit: $50.00 a day",
  });
  expect(await codesSince(page, codesBefore), "no two-step code asked for").toBe(0);
});

// The last two tests here: they spend much of the day's limit.

test("an approved send whose request was lost on the way is tried again with its code: no new code, sent once", async ({
  page,
}) => {
  await connectToSend(page, "50");
  const form = await fillSend(page, "1");
  const codesBefore = await sendWithCode(page, form);
  // The approval never reaches the server (the connection dropped).
  await page.route("**/api/oauth/send", (route) => route.abort("failed"), { times: 1 });
  await form.getByRole("button", { name: "Approve send" }).click();
  await expect(form.getByRole("status")).toHaveText(/Could not reach the server/);
  await form.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: /Sent: 1 USDC/ })).toBeVisible({
    timeout: 15_000,
  });
  expect(await codesSince(page, codesBefore)).toBe(1);
});

test("a send from a page left open after the app sign-in ran out offers to sign in again, not to connect over it", async ({
  page,
}) => {
  await signInOverHttp(page, { next: "/" });
  await connectToSend(page, "50");
  const form = await fillSend(page, "1");
  // The app's session ends (it expired) while /account stays open; the Coinbase cookie stays.
  await page.context().clearCookies({ name: "ramp.session" });
  await form.getByRole("button", { name: "Send" }).click();
  const signIn = form.getByRole("link", { name: "Sign in again" });
  await expect(signIn).toHaveAttribute("href", "/sign-in?next=/account");
  await expect(signIn).toBeFocused();
  await expect(form.getByRole("link", { name: "Connect again" })).toHaveCount(0);
});

test("trying again after a lost answer is not refused by what the page learnt meanwhile of the send made", async ({
  page,
}) => {
  // Signed in to the app: a page shown again from the back/forward cache then asks the server
  // again (SessionRecheck.tsx).
  await signInOverHttp(page, { next: "/" });
  await connectToSend(page, "50");
  const left = leftToSend(page);
  await expect(page.getByTestId("send-remaining")).toHaveText(
    /Left to send: \$[\d.,]+ of \$50\.00 per day, counting sends of the last 24 hours/,
  );
  const before = await left();
  // More than half of what is left: once it is sent, what is left is less than it.
  const amount = (Math.floor(before * 60) / 100).toFixed(2);
  expect(Number(amount)).toBeGreaterThan(0);
  const form = await fillSend(page, amount);
  // Made at Coinbase; its answer lost on the way back.
  await sendAndLoseTheAnswer(page, form);
  // The page is shown again from the back/forward cache: it asks the server again, and now
  // knows the send took much of what was left.
  await page.evaluate(() =>
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true })),
  );
  await expect.poll(left).toBeCloseTo(before - Number(amount), 2);
  await form.getByRole("button", { name: "Try again" }).click();
  const sent = page.getByRole("heading", { name: /^Sent: [\d.]+ USDC/ });
  await expect(sent).toBeVisible({ timeout: 15_000 });
  expect(Number(/[\d.]+/.exec((await sent.textContent()) ?? "")![0])).toBe(Number(amount));
});

test("trying again after a lost answer, refused (the database down), still holds the form: the first try may have gone out", async ({
  page,
}) => {
  await connectToSend(page, "50");
  const form = await fillSend(page, "0.02");
  await sendAndLoseTheAnswer(page, form);
  // The retry is refused before it reaches Coinbase: that says nothing of the first try.
  await page.route("**/api/oauth/send", (route) =>
    route.fulfill({
      status: 503,
      json: {
        error: {
          code: "database_unavailable",
          message: "Nothing was sent: this app's database is not answering. Try again shortly.",
        },
      },
    }),
  );
  await form.getByRole("button", { name: "Try again" }).click();
  await expect(form.getByRole("status")).toHaveText(
    /^Trying again did not reach Coinbase: this app's database is not answering\. .*Coinbase may or may not have made this send/,
  );
  await expect(form.getByLabel("Amount in USDC")).toBeDisabled();
  await page.unroute("**/api/oauth/send");
  await form.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: /^Sent: 0\.02 USDC/ })).toBeVisible({
    timeout: 15_000,
  });
});

test("a grant to send without seeing the accounts says why there is no send form", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.askToSend("50");
  await flow.openGroup("Accounts");
  await flow.scope(/See your accounts and their balances/).uncheck();
  await flow.submit();
  await flow.allow();
  await flow.expectSignedIn();
  await expect(page.getByRole("list", { name: "Granted permissions" })).toContainText(
    "wallet:transactions:send",
  );
  await expect(
    page.getByText(/You cannot send from here: sending needs wallet:accounts:read/),
  ).toBeVisible();
  await expect(page.getByRole("form", { name: "Send crypto" })).toHaveCount(0);
});

test("a send whose answer was lost does not come back after a reload, ready to go out a second time", async ({
  page,
}) => {
  await connectToSend(page, "50");
  const form = await fillSend(page, "0.01");
  await sendAndLoseTheAnswer(page, form);
  // Coinbase may have made it: the form comes back empty, not as a new send of the same.
  await page.reload();
  await expect(form.getByLabel("Amount in USDC")).toHaveValue("");
  await expect(form.getByLabel("To (address or email)")).toHaveValue("");
});

test("a send waiting for its two-step code comes back as typed after a reload; once sent, it does not", async ({
  page,
}) => {
  await connectToSend(page, "50");
  const form = await fillSend(page, "0.01");
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByLabel("Two-step verification code")).toBeFocused();
  // The phone dropped the tab while the user fetched the code: the send as typed, to send anew.
  await page.reload();
  await expect(form.getByLabel("To (address or email)")).toHaveValue(EVM_ADDRESS);
  await expect(form.getByLabel("Amount in USDC")).toHaveValue("0.01");
  await sendWithCode(page, form);
  await form.getByRole("button", { name: "Approve send" }).click();
  await expect(page.getByRole("heading", { name: /^Sent: 0\.01 USDC/ })).toBeVisible({
    timeout: 15_000,
  });
  // Sent: a reload does not bring the same send back, ready to go out twice.
  await page.reload();
  await expect(form.getByLabel("To (address or email)")).toHaveValue("");
  await expect(form.getByLabel("Amount in USDC")).toHaveValue("");
});

test("changing the account to one in another asset empties the amount typed for the first", async ({
  page,
}) => {
  await connectToSend(page, "50", { sharing: [/USDC Wallet/, /ETH Wallet/] });
  const form = page.getByRole("form", { name: "Send crypto" });
  const from = form.getByLabel("From account");
  await expectHydrated(from);
  // The sandbox's accounts, by their stable ids (balances change as other tests send).
  const [eth, usdc] = [
    "824a067f-5b1a-49b7-8eed-7e366bf51322",
    "2d250b26-00ad-4a71-9dc1-2d19ee2e5500",
  ];
  await from.selectOption(eth);
  await form.getByLabel("Amount in ETH").fill("0.006");
  // 0.006 ETH is no amount of USDC: the field is emptied, not read in the new asset.
  await from.selectOption(usdc);
  await expect(form.getByLabel("Amount in USDC")).toHaveValue("");
  await form.getByLabel("Amount in USDC").fill("15");
  await from.selectOption(eth);
  await expect(form.getByLabel("Amount in ETH")).toHaveValue("");
});
