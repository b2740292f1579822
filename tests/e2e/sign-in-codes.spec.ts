import { expect, test, type APIRequestContext } from "@playwright/test";
import { VALID_ONRAMP, errorOf, expectEnvelope, uniquePublicIp } from "../support/api";
import { LIVE_URL } from "../support/e2e-servers";
import { SignInPage, uniqueEmail } from "../support/sign-in";
import { waitForCode } from "../support/sign-in-codes";

/**
 * The rules of sign-in codes, over HTTP on the live server (codes read from the SMTP sink):
 * a wrong code does not burn the right one, the sixth try locks it, a used code is dead,
 * an unknown address learns nothing, asking again mails the same code, and asking for codes
 * is limited per email (paced, never an hour for the owner) and per IP; a stranger who spends an
 * address's tries keeps its owner out of no browser they signed in with before.
 * Expiry (10 minutes) is a unit test: tests/unit/sign-in.test.ts. The sign-in form's side of
 * the pacing (a countdown to the server's Retry-After) is the last test here.
 */
test.use({ baseURL: LIVE_URL });

/** One client (its own IP) asking for codes and trying them. */
function client(request: APIRequestContext, ip = uniquePublicIp()) {
  const headers = { "x-forwarded-for": ip };
  return {
    askCode: (email: string) => request.post("/api/auth/code", { data: { email }, headers }),
    signIn: (email: string, code: string) =>
      request.post("/api/auth/sign-in", { data: { email, code }, headers }),
  };
}

/** A 6-digit code that is not `code`. */
const wrong = (code: string, n = 1) => String((Number(code) + n) % 1_000_000).padStart(6, "0");

async function codeFor(request: APIRequestContext, email: string, count = 1) {
  return waitForCode(request, LIVE_URL, email, count);
}

test("a wrong code is invalid_code, and the right one still signs in", async ({ request }) => {
  const { askCode, signIn } = client(request);
  const email = uniqueEmail();
  expect(await (await askCode(email)).json()).toEqual({ sent: true });
  const code = await codeFor(request, email);

  expect(await errorOf(await signIn(email, wrong(code)))).toEqual({
    status: 400,
    code: "invalid_code",
  });
  const ok = await signIn(email, code);
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ signedIn: true, email });
  const cookie = ok.headers()["set-cookie"] ?? "";
  expect(cookie).toMatch(/^ramp\.session=[^;]+;/);
  expect(cookie).toMatch(/HttpOnly/i);
  // The request context now holds the session: it may mint.
  expect(
    (
      await request.post("/api/onramp", {
        data: VALID_ONRAMP,
        headers: { "x-forwarded-for": uniquePublicIp() },
      })
    ).status(),
  ).toBe(200);
});

test("after five wrong codes the right one is refused: code_locked", async ({ request }) => {
  const { askCode, signIn } = client(request);
  const email = uniqueEmail();
  await askCode(email);
  const code = await codeFor(request, email);
  for (let i = 1; i <= 5; i++)
    expect(await errorOf(await signIn(email, wrong(code, i))), `wrong try ${i}`).toEqual({
      status: 400,
      code: "invalid_code",
    });
  expect(await errorOf(await signIn(email, code))).toEqual({ status: 403, code: "code_locked" });
  // A new code works again.
  await askCode(email);
  const fresh = await codeFor(request, email, 2);
  expect((await signIn(email, fresh)).status()).toBe(200);
});

test("a used code cannot be used again", async ({ playwright }) => {
  const first = await playwright.request.newContext({ baseURL: LIVE_URL });
  const second = await playwright.request.newContext({ baseURL: LIVE_URL });
  const email = uniqueEmail();
  await client(first).askCode(email);
  const code = await codeFor(first, email);
  expect((await client(first).signIn(email, code)).status()).toBe(200);
  expect(await errorOf(await client(second).signIn(email, code))).toEqual({
    status: 400,
    code: "invalid_code",
  });
  await first.dispose();
  await second.dispose();
});

test("a code for an address that asked for none gets the same answer as a wrong code", async ({
  request,
}) => {
  const { askCode, signIn } = client(request);
  const known = uniqueEmail();
  await askCode(known);
  const code = await codeFor(request, known);
  const wrongAnswer = expectEnvelope(await (await signIn(known, wrong(code))).json());
  const unknown = await signIn(uniqueEmail(), code);
  expect(unknown.status()).toBe(400);
  expect(expectEnvelope(await unknown.json())).toEqual(wrongAnswer);
  expect(wrongAnswer.error.code).toBe("invalid_code");
  // Asking for a code says the same for any address.
  expect(await (await askCode(uniqueEmail())).json()).toEqual({ sent: true });
});

test("a stranger asking for codes to someone's address, from many IPs, neither replaces their code nor makes them wait long", async ({
  request,
}) => {
  const email = uniqueEmail();
  const owner = client(request);
  expect((await owner.askCode(email)).status()).toBe(200);
  const code = await codeFor(request, email);
  // The first requests from elsewhere mail the same code again; the rest are paced.
  for (let i = 2; i <= 3; i++) {
    expect((await client(request).askCode(email)).status()).toBe(200);
    expect(await codeFor(request, email, i)).toBe(code);
  }
  for (let i = 1; i <= 20; i++) {
    const paced = await client(request).askCode(email);
    expect(await errorOf(paced), `request ${i}`).toEqual({ status: 429, code: "rate_limited" });
    expect(Number(paced.headers()["retry-after"])).toBeLessThanOrEqual(180);
  }
  // The owner asking again is told a code was just sent, with a short wait, not an hour...
  const asked = await owner.askCode(email);
  expect(Number(asked.headers()["retry-after"])).toBeLessThanOrEqual(180);
  expect(((await asked.json()) as { error: { message: string } }).error.message).toMatch(
    /moments ago/,
  );
  // ...and the code in their mailbox signs them in.
  expect((await owner.signIn(email, code)).status()).toBe(200);
});

test("a stranger who spends an address's tries keeps its owner out of new browsers only, not the one they signed in with before", async ({
  playwright,
  request,
}) => {
  const email = uniqueEmail();
  const usual = await playwright.request.newContext({ baseURL: LIVE_URL });
  const owner = client(usual);
  await owner.askCode(email);
  const first = await owner.signIn(email, await codeFor(request, email));
  expect(first.status()).toBe(200);
  const remembered = first
    .headersArray()
    .find(
      (h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("ramp.known_browser="),
    );
  expect(remembered?.value).toMatch(/HttpOnly/i);
  expect(remembered?.value).toMatch(/SameSite=Lax/i);
  expect(remembered?.value).not.toContain(email.split("@")[0]!); // sealed: it names no one
  // Signing out ends the session, not the browser's standing.
  const signedOut = await usual.post("/api/auth/sign-out", { headers: { origin: LIVE_URL } });
  expect(signedOut.status()).toBe(200);

  // The owner's sign-in, from a browser not yet known, was one of the address's ten tries in 15
  // minutes; a stranger spends the other nine: the sixth ends one code, three go at the next.
  const stranger = client(request);
  await stranger.askCode(email);
  const second = await codeFor(request, email, 2);
  for (let i = 1; i <= 6; i++) await stranger.signIn(email, wrong(second, i));
  await stranger.askCode(email);
  const third = await codeFor(request, email, 3);
  for (let i = 1; i <= 3; i++)
    expect(await errorOf(await stranger.signIn(email, wrong(third, i)))).toEqual({
      status: 400,
      code: "invalid_code",
    });

  // The code mailed to the owner is refused in any other browser...
  const elsewhere = await client(request).signIn(email, third);
  expect(await errorOf(elsewhere)).toEqual({ status: 429, code: "rate_limited" });
  expect(((await elsewhere.json()) as { error: { message: string } }).error.message).toMatch(
    /in a browser you have signed in with before/,
  );
  // ...and signs them in where they signed in before.
  const again = await owner.signIn(email, third);
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ signedIn: true, email });
  await usual.dispose();
});

test("codes for one email from one client: 5 an hour, then a wait past the minute", async ({
  request,
}) => {
  const email = uniqueEmail();
  const someoneElse = client(request);
  for (let i = 1; i <= 5; i++) await someoneElse.askCode(email);
  const limited = await someoneElse.askCode(email);
  expect(await errorOf(limited)).toEqual({ status: 429, code: "rate_limited" });
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(180);
});

test("codes asked from one IP are limited to 10 a minute", async ({ request }) => {
  const { askCode } = client(request);
  for (let i = 1; i <= 10; i++)
    expect((await askCode(uniqueEmail())).status(), `code ${i}`).toBe(200);
  const limited = await askCode(uniqueEmail());
  expect(await errorOf(limited)).toEqual({ status: 429, code: "rate_limited" });
  expect(Number(limited.headers()["retry-after"])).toBeLessThanOrEqual(60);
  expect((await client(request).askCode(uniqueEmail())).status()).toBe(200);
});

test("tries from one IP are limited to 30 a minute", async ({ request }) => {
  const { signIn } = client(request);
  for (let i = 1; i <= 30; i++)
    expect(await errorOf(await signIn(uniqueEmail(), "123456")), `try ${i}`).toEqual({
      status: 400,
      code: "invalid_code",
    });
  expect(await errorOf(await signIn(uniqueEmail(), "123456"))).toEqual({
    status: 429,
    code: "rate_limited",
  });
});

test("asking for a new code too soon: the code step counts down the server's wait with the button held, after a reload too, and frees it at zero", async ({
  page,
}) => {
  // The page's clock, so that the end of the wait comes without waiting three minutes.
  await page.clock.install();
  const { form, email } = await SignInPage.atCodeStep(page, "/buy");
  const resend = page.getByRole("button", { name: "Send a new code" });
  const wait = page.getByText(/^You can ask for a new code in \d+:\d\d$/);
  // Mail to one address is paced, 3 every 3 minutes: the first two asks again are mailed.
  for (const sent of [2, 3]) {
    await resend.click();
    await codeFor(page.request, email, sent);
    await expect(resend).toBeEnabled();
    await expect(wait).toHaveCount(0);
  }
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/auth/code")),
    resend.click(),
  ]);
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(180);
  // The form's alert, with the focus: the code typed is not wrong, so its field is left alone.
  const refusal = page.getByRole("alert").filter({ hasText: /moments ago: use it/ });
  await expect(refusal).toBeVisible();
  await expect(refusal).toBeFocused();
  await expect(form.code).not.toHaveAttribute("aria-invalid", "true");
  await expect(wait).toBeVisible();
  await expect(resend).toBeDisabled();
  const shown = async () => {
    const [minutes, seconds] = /(\d+):(\d\d)$/.exec((await wait.textContent()) ?? "")!.slice(1);
    return Number(minutes) * 60 + Number(seconds);
  };
  const first = await shown();
  expect(first).toBeLessThanOrEqual(retryAfter);
  expect(first).toBeGreaterThan(retryAfter - 10);

  // Back on the page (a reload, a tab the phone discarded): the same wait goes on.
  await page.reload();
  await expect(form.code).toBeVisible();
  await expect(wait).toBeVisible();
  await expect(resend).toBeDisabled();
  expect(await shown()).toBeLessThanOrEqual(first);

  // At zero the line goes and the button is free again.
  await page.clock.fastForward(retryAfter * 1000);
  await expect(resend).toBeEnabled();
  await expect(wait).toHaveCount(0);
});

test("refused at the email step: the button waits out the server's time, until another address is typed", async ({
  page,
}) => {
  const ip = uniquePublicIp();
  const { askCode } = client(page.request, ip);
  const email = uniqueEmail();
  // Mail to one address is paced, 3 every 3 minutes: this client has had all three.
  for (let i = 1; i <= 3; i++) expect((await askCode(email)).status()).toBe(200);
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": ip });
  await page.goto("/sign-in?next=/buy");
  const form = new SignInPage(page);
  await form.email.fill(email);
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/auth/code")),
    form.sendCode.click(),
  ]);
  expect(refused.status()).toBe(429);
  // One wait, the countdown's: no other figure beside it.
  await expect(form.email).toHaveAccessibleDescription(
    /moments ago: use it, or ask for a new one once the wait is over/,
  );
  const wait = page.getByText(/^You can ask for a new code in [0-3]:\d\d$/);
  await expect(wait).toBeVisible();
  await expect(form.sendCode).toBeDisabled();
  // The code mailed moments ago still works: the user may go on and type it.
  await page.getByRole("button", { name: "I have a code for this address" }).click();
  await expect(form.code).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "Enter the code" })).toHaveText(
    /Enter the code we emailed to /,
  );
  await expect(wait).toBeVisible();
  await page.getByRole("button", { name: "Use another email" }).click();
  // Another address is not this one's wait: the button is free, and its code is sent.
  await form.email.fill(uniqueEmail());
  await expect(wait).toHaveCount(0);
  await expect(form.sendCode).toBeEnabled();
  await form.sendCode.click();
  await expect(form.code).toBeFocused();
});
