import { expect, test, type Browser } from "@playwright/test";
import { uniquePublicIp } from "../support/api";
import { PORTS } from "../support/e2e-servers";
import { startOwnServer } from "../support/own-server";
import { sinkMessagesTo } from "../support/sign-in-codes";
import { uniqueEmail } from "../support/sign-in";
import { uniquePhone } from "./guest-page";

/**
 * With SMTP_URL set, real people sign in with their real address while the simulated
 * Coinbase still "texts" and "emails" its codes to /sandbox/inbox (a staging deployment with
 * no CDP key yet): their email and phone number. Each signed-in user sees only their own
 * there; a stranger sees none. This spec's own server mails sign-in codes to the SMTP sink.
 */
const PORT = PORTS.inboxWithSmtp;
const URL_ = `http://localhost:${PORT}`;

test.describe.configure({ mode: "serial", timeout: 90_000 });
test.use({ baseURL: URL_ });

let stopApp: (() => Promise<void>) | undefined;
test.beforeAll(async () => {
  ({ stop: stopApp } = await startOwnServer(PORT, {
    SMTP_URL: `smtp://127.0.0.1:${PORTS.smtpSink}`,
    PGLITE_DIR: "memory://",
  }));
});
test.afterAll(async () => {
  await stopApp?.();
});

/** A browser signed in as a new user, its code read from the mail the sink received. */
async function signedIn(browser: Browser) {
  const context = await browser.newContext({ baseURL: URL_ });
  const page = await context.newPage();
  const email = uniqueEmail();
  const headers = { "x-forwarded-for": uniquePublicIp() };
  await context.setExtraHTTPHeaders(headers);
  expect((await page.request.post("/api/auth/code", { data: { email } })).status()).toBe(200);
  let code: string | undefined;
  await expect
    .poll(() => (code = /(\d{6})$/.exec(sinkMessagesTo(email)[0]?.subject ?? "")?.[1]))
    .toBeDefined();
  const signIn = await page.request.post("/api/auth/sign-in", { data: { email, code } });
  expect(signIn.status()).toBe(200);
  return { page, email };
}

test("the sandbox inbox shows each signed-in user only the codes sent to them", async ({
  browser,
  page,
}) => {
  const alice = await signedIn(browser);
  const bob = await signedIn(browser);
  const phone = uniquePhone();
  const sent = await alice.page.request.post("/api/guest/codes", {
    data: { channel: "sms", phone: phone.typed },
  });
  expect(sent.status()).toBe(200);
  expect(
    (await alice.page.request.post("/api/guest/codes", { data: { channel: "email" } })).status(),
  ).toBe(200);

  const toPhone = (p: typeof page) => p.getByRole("article", { name: `Message to ${phone.e164}` });
  const toAlice = (p: typeof page) => p.getByRole("article", { name: `Message to ${alice.email}` });
  await alice.page.goto("/sandbox/inbox");
  await expect(toPhone(alice.page)).toHaveCount(1);
  await expect(toAlice(alice.page)).toHaveCount(1);

  await bob.page.goto("/sandbox/inbox");
  await expect(bob.page.getByRole("heading", { level: 1, name: "Sandbox inbox" })).toBeVisible();
  await expect(bob.page.getByText("No messages yet.")).toBeVisible();
  await expect(toPhone(bob.page)).toHaveCount(0);
  await expect(toAlice(bob.page)).toHaveCount(0);
  // A code for Bob while his inbox is open: it comes by itself, and a status line says so.
  expect(
    (await bob.page.request.post("/api/guest/codes", { data: { channel: "email" } })).status(),
  ).toBe(200);
  await expect(bob.page.getByRole("article", { name: `Message to ${bob.email}` })).toHaveCount(1);
  await expect(bob.page.getByRole("status").filter({ hasText: "message" })).toHaveText(
    /^1 message, the newest at \d\d:\d\d:\d\d UTC$/,
  );

  // Signed out: nothing, and the way to see one's own.
  await page.goto("/sandbox/inbox");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(0);
  await alice.page.context().close();
  await bob.page.context().close();
});
