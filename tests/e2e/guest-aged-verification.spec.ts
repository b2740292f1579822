import { rmSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { expect, test } from "@playwright/test";
import { PORTS } from "../support/e2e-servers";
import { startOwnServer } from "../support/own-server";
import { signInByApi, signInOverHttp } from "../support/sign-in";
import { inboxSubjectsTo } from "../support/sign-in-codes";
import { formatUs, GuestCheckoutPage, uniquePhone } from "./guest-page";

/**
 * Coinbase requires the phone verified within 60 days. This spec's own server (sandbox mode,
 * its own embedded database) is stopped once the user is verified, the stored verification
 * is moved 61 days back in that database, and the server started again: guest checkout must
 * ask for a new code, in place, and carry on once it is entered.
 */
const PORT = PORTS.guestAged;
const URL_ = `http://localhost:${PORT}`;
const DB_DIR = "test-results/db-guest-aged";
const ENV = {
  PGLITE_DIR: DB_DIR,
  SMTP_URL: "",
  RATE_LIMIT_PER_MINUTE: "1000",
  RATE_LIMIT_LOOKUPS_PER_MINUTE: "1000",
  APPLE_PAY_DOMAIN_ASSOCIATION: "7B227073704964223A2244-test-association",
  // The session cookie must survive the restart.
  SESSION_SECRET: "test-only-session-secret-Zq8vN3kR7wP2xL5m",
};

test.describe.configure({ mode: "serial", timeout: 90_000 });
test.use({ baseURL: URL_ });

let stopApp: (() => Promise<void>) | undefined;

test.afterAll(async () => {
  await stopApp?.();
});

const PATH = `/buy/guest?asset=USDC&network=base&amount=20`;
let user: { email: string; phone: { typed: string; e164: string } } | undefined;

/**
 * Stops the server, moves the stored phone verification (and the email's, with `email`) 61
 * days back, past Coinbase's own end of it too, and starts the server again. The sandbox
 * starts again too and no longer knows the verifications made before, as Coinbase would: a
 * test that asks it for a price or an order must have verified both again.
 */
async function ageTheVerification({
  expectDaysLeft,
  email = false,
  phone = true,
}: { expectDaysLeft?: number; email?: boolean; phone?: boolean } = {}) {
  await inStoppedDatabase(async (db) => {
    if (expectDaysLeft !== undefined) {
      // The end Coinbase gave the verification was kept: 60 days on, in the sandbox.
      const kept = await db.query<{ days: number }>(
        "select extract(day from phone_verification_expires_at - now())::int as days from guest_profile",
      );
      expect(kept.rows.map((r) => r.days)).toEqual([expectDaysLeft]);
    }
    const aged = [
      ...(phone
        ? [
            `phone_verified_at = now() - interval '61 days'`,
            `phone_verification_expires_at = now() - interval '1 day'`,
          ]
        : []),
      ...(email
        ? [
            `email_verified_at = now() - interval '61 days'`,
            `email_verification_expires_at = now() - interval '1 day'`,
          ]
        : []),
    ];
    // The user's row: the stranger of the first test asked for a code but verified nothing.
    const moved = await db.query(
      `update guest_profile set ${aged.join(", ")}
       where phone_verified_at is not null returning user_id`,
    );
    expect(moved.rows).toHaveLength(1);
  });
}

/** Stops the server, runs `change` on its database, and starts the server again. */
async function inStoppedDatabase(change: (db: PGlite) => Promise<void>) {
  await stopApp?.();
  stopApp = undefined;
  // Loaded when needed, as the app loads it (an ES module of its own).
  const db = new (await import("@electric-sql/pglite")).PGlite(DB_DIR);
  try {
    await change(db);
  } finally {
    await db.close();
  }
  ({ stop: stopApp } = await startOwnServer(PORT, ENV));
}

test("a 61-day-old phone verification asks for a new code, however often a stranger texts that number", async ({
  page,
  playwright,
}) => {
  rmSync(DB_DIR, { recursive: true, force: true });
  ({ stop: stopApp } = await startOwnServer(PORT, ENV));
  const email = await signInOverHttp(page, { next: PATH });
  const guest = new GuestCheckoutPage(page);
  const phone = await guest.getReady(email, uniquePhone());
  user = { email, phone };
  await expect(guest.limits()).toContainText("$500.00 of $500.00 left in your 7-day limit");

  await ageTheVerification({ expectDaysLeft: 59 });
  // A link with no amount: no price is asked, which the sandbox, started again, would refuse
  // for the email's verification it no longer knows.
  await page.goto("/buy/guest");
  await expect(
    page.getByRole("status").filter({ hasText: "phone verification has run out" }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Verify your phone number" })).toBeVisible();
  // Someone else has just had a code sent to that number (the most a stranger may: one a
  // minute); it is the user's, verified before, so they are not kept waiting.
  const stranger = await playwright.request.newContext({ baseURL: URL_ });
  await signInByApi(stranger, URL_);
  const strangerSend = { data: { channel: "sms", phone: phone.typed } };
  const texts = async () => (await inboxSubjectsTo(page.request, "", phone.e164)).length;
  const textedBefore = await texts();
  expect((await stranger.post("/api/guest/codes", strangerSend)).status()).toBe(200);
  // Asked again within the minute: the code just sent is the one to enter, and no second text.
  expect((await stranger.post("/api/guest/codes", strangerSend)).status()).toBe(200);
  expect(await texts()).toBe(textedBefore + 1);
  await stranger.dispose();
  // The number verified before is filled in: one press sends the new code.
  await expect(page.getByLabel("Mobile phone number")).toHaveValue(formatUs(phone.e164));
  await page.getByRole("button", { name: "Text me a code" }).click();
  await expect(page.getByText(`We sent a 6-digit code to ${formatUs(phone.e164)}`)).toBeVisible();
  // Reloaded as the text arrives (a phone discarding the tab): the code step comes back, not
  // the number's form, which would refuse another text for a minute.
  await page.reload();
  await expect(page.getByLabel("Code", { exact: true })).toBeVisible();
  await guest.enterCode(await guest.codeSentTo(phone.e164));
  // Verified again: on to the purchase, the limits asked of Coinbase with the new code (the
  // server just started: its first calls load their routes, slow on a busy machine).
  await expect(guest.limits()).toContainText("$500.00 of $500.00 left in your 7-day limit", {
    timeout: 15_000,
  });
});

test("a verification that runs out mid-purchase keeps what the user typed", async ({ page }) => {
  expect(user, "the test before signs the user up and verifies them").toBeTruthy();
  await signInOverHttp(page, { email: user!.email, next: PATH });
  const guest = new GuestCheckoutPage(page);
  await expect(guest.limits()).toContainText("$500.00 of $500.00 left in your 7-day limit");
  await guest.amount.fill("33");
  await guest.fillWalletIfEmpty();
  await page.getByRole("radio", { name: "Apple Pay" }).check();

  // The page stays open while both verifications (made the same day) run out behind it; the
  // order finds out, and the two codes are asked in a row: not the phone's, then the phone's
  // again once a price finds the email's run out too.
  await ageTheVerification({ email: true });
  await guest.continueToPayment.click();
  await expect(
    page.getByText("phone and email verifications are more than 60 days old"),
  ).toBeVisible();
  await guest.verifyPhone(user!.phone);
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  await guest.verifyEmail(user!.email);
  await expect(guest.amount).toHaveValue("33");
  await expect(page.getByRole("radio", { name: "Apple Pay" })).toBeChecked();
});

test("only the email's verification run out asks for the email alone: the phone is not texted again", async ({
  page,
}) => {
  expect(user, "the tests before sign the user up and verify them").toBeTruthy();
  await signInOverHttp(page, { email: user!.email, next: PATH });
  const guest = new GuestCheckoutPage(page);
  await expect(guest.limits()).toContainText("$500.00 of $500.00 left in your 7-day limit");
  await guest.amount.fill("34");
  await guest.fillWalletIfEmpty();

  // Coinbase may end the email's verification before the phone's.
  await ageTheVerification({ email: true, phone: false });
  await guest.continueToPayment.click();
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeFocused();
  await expect(page.getByText("Your email verification has run out")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Verify your phone number" })).toHaveCount(0);
  await expect(page.getByLabel("Mobile phone number")).toHaveCount(0);
});

test("an order Coinbase no longer finds (the sandbox started again) keeps its page, from the ledger", async ({
  page,
}) => {
  // A user of its own: the restarts above left the first one's verifications unknown.
  const email = await signInOverHttp(page, { next: PATH });
  const guest = new GuestCheckoutPage(page);
  await guest.getReady(email, uniquePhone());
  await guest.orderAndWaitForButton();
  await page.goto("/account");
  const orderLink = page
    .getByRole("row")
    .filter({ hasText: "Buy USDC on Base" })
    .getByRole("link", { name: "Buy USDC on Base" });
  const orderPage = (await orderLink.first().getAttribute("href"))!;
  expect(orderPage).toMatch(/^\/buy\/guest\/orders\/[a-f0-9-]{36}$/);
  // The sandbox keeps its orders in memory: started again, it answers 404 for this one.
  await stopApp?.();
  ({ stop: stopApp } = await startOwnServer(PORT, ENV));
  const shown = await page.goto(orderPage);
  expect(shown?.status()).toBe(200);
  await expect(page.getByTestId("transaction-status")).toHaveText("Not paid yet");
});

test("the Apple Pay domain-association file is served from APPLE_PAY_DOMAIN_ASSOCIATION", async ({
  request,
}) => {
  const answer = await request.get("/.well-known/apple-developer-merchantid-domain-association");
  expect(answer.status()).toBe(200);
  expect(await answer.text()).toBe(ENV.APPLE_PAY_DOMAIN_ASSOCIATION);
});

test("a code sent and never entered is not waited for once it has run out: the page offers a new one", async ({
  page,
}) => {
  expect(
    user,
    "the tests before sign the user up; their email's verification ran out",
  ).toBeTruthy();
  await signInOverHttp(page, { email: user!.email, next: "/buy/guest" });
  const sendCode = page.getByRole("button", { name: "Email me a code" });
  await sendCode.click();
  await expect(page.getByText(`We sent a 6-digit code to ${user!.email}`)).toBeVisible();
  // Coinbase's code runs out unentered (ten minutes in the sandbox): moved past its end.
  await inStoppedDatabase(async (db) => {
    const moved = await db.query(
      `update guest_profile set pending_email_code_expires_at = now() - interval '1 minute'
       where pending_email_verification_id is not null returning user_id`,
    );
    expect(moved.rows).toHaveLength(1);
  });
  await page.goto("/buy/guest");
  await expect(sendCode).toBeVisible();
  await expect(page.getByText(`We sent a 6-digit code to ${user!.email}`)).toHaveCount(0);
  await expect(page.getByLabel("Code", { exact: true })).toHaveCount(0);
});

test("a code Coinbase no longer knows (the sandbox started again) asks for a new code, not both verifications", async ({
  page,
}) => {
  // A user of their own, whose phone code is sent and not yet entered.
  await signInOverHttp(page, { next: "/buy/guest" });
  const guest = new GuestCheckoutPage(page);
  const phone = uniquePhone();
  await page.getByLabel("Mobile phone number").fill(phone.typed);
  await page.getByRole("button", { name: "Text me a code" }).click();
  const codeField = page.getByLabel("Code", { exact: true });
  // Read with the field as it takes the focus: where the code went.
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveAccessibleDescription(
    `We sent a 6-digit code to ${formatUs(phone.e164)}.`,
  );
  const code = await guest.codeSentTo(phone.e164);
  // The sandbox keeps its verifications in memory: started again, it answers 404 for this one.
  await stopApp?.();
  ({ stop: stopApp } = await startOwnServer(PORT, ENV));
  await guest.enterCode(code);
  await expect(codeField).toHaveAccessibleDescription(
    /This code can no longer be used: send yourself a new code/,
  );
  await expect(page.getByRole("button", { name: "Send a new code" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Verify your phone number" })).toBeVisible();
  // The dead code is not offered again: a reload asks for the number.
  await page.reload();
  await expect(page.getByLabel("Mobile phone number")).toBeVisible();
  await expect(codeField).toHaveCount(0);
});
