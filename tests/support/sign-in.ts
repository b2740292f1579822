import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { uniquePublicIp } from "./api";
import { readCodeInBrowser, waitForCode } from "./sign-in-codes";

/**
 * Signing in with an emailed code, as a user does: in a browser through the sign-in page,
 * or over HTTP for a `request` context (which then keeps the session cookie).
 *
 * The sign-in routes allow 10 codes a minute per client IP. Each signed-in browser or
 * request context gets a client IP of its own (X-Forwarded-For, which the sandbox servers
 * take from the client and the live server from its "proxy"), as each user has in real
 * life: the per-IP limit is not what most tests are about (sign-in.spec.ts tests it).
 */

/** An address no other test uses: codes are limited per email, and users are per email. */
export function uniqueEmail(): string {
  return `user-${randomBytes(6).toString("hex")}@example.com`;
}

/** Page object for /sign-in: the email step, then the code step. */
export class SignInPage {
  constructor(readonly page: Page) {}

  get email() {
    return this.page.getByLabel("Email");
  }
  get code() {
    return this.page.getByLabel("Code");
  }
  get sendCode() {
    return this.page.getByRole("button", { name: "Email me a code" });
  }
  get signIn() {
    return this.page.getByRole("button", { name: "Sign in", exact: true });
  }

  /**
   * A fresh client (an IP of its own) on /sign-in?next=<next>, at the code step for a new
   * address: the form and that address.
   */
  static async atCodeStep(page: Page, next: string) {
    await page.context().setExtraHTTPHeaders({ "x-forwarded-for": uniquePublicIp() });
    await page.goto(`/sign-in?next=${next}`);
    const form = new SignInPage(page);
    const email = uniqueEmail();
    await form.askForCode(email);
    return { form, email };
  }

  async askForCode(email: string) {
    await this.email.fill(email);
    await this.sendCode.click();
    await expect(
      this.page.getByRole("status").filter({ hasText: "We sent a 6-digit code" }),
    ).toContainText(`We sent a 6-digit code to ${email}`);
    // The field the user needs next has the focus (the button pressed is gone), and names
    // where the code went as it does (the notice came with its words: often not read out).
    await expect(this.code).toBeFocused();
    const sentTo = email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await expect(this.code).toHaveAccessibleDescription(
      new RegExp(`^We sent a 6-digit code to ${sentTo}\\. It works for \\d+ minutes\\.`),
    );
  }
}

/**
 * Signs the page's browser context in through the UI: from the sign-in page if the page is
 * on it (sent there by a form), else from /sign-in?next=<next>. Waits until the page has
 * left the sign-in page, and returns the email.
 */
export async function signInInBrowser(
  page: Page,
  options: { email?: string; next?: string } = {},
): Promise<string> {
  const email = options.email ?? uniqueEmail();
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": uniquePublicIp() });
  if (!page.url().includes("/sign-in"))
    await page.goto(`/sign-in?next=${encodeURIComponent(options.next ?? "/")}`);
  const form = new SignInPage(page);
  await form.askForCode(email);
  await form.code.fill(await readCodeInBrowser(page, email));
  await form.signIn.click();
  await page.waitForURL((url) => url.pathname !== "/sign-in");
  return email;
}

/**
 * Signs the page's browser context in over HTTP, with a client IP of its own, then opens
 * `next`: for tests whose subject comes after signing in (the sign-in page is tested in
 * sign-in*.spec.ts through `signInInBrowser`). Half the browser's work: no sign-in page, no
 * inbox tab. The context keeps the session cookie, as after the form. Returns the email.
 */
export async function signInOverHttp(
  page: Page,
  options: { email?: string; next?: string } = {},
): Promise<string> {
  const headers = { "x-forwarded-for": uniquePublicIp() };
  await page.context().setExtraHTTPHeaders(headers);
  // The context's base URL, as the server answering it names itself.
  const origin = new URL((await page.request.get("/api/health")).url()).origin;
  const { email } = await signInByApi(page.request, origin, options.email, headers);
  await page.goto(options.next ?? "/");
  return email;
}

/** The client IP `signInByApi` used, for tests that go on as the same client. */
export interface ApiSignIn {
  email: string;
  headers: { "x-forwarded-for": string };
}

/**
 * Signs a request context in over HTTP: asks for a code, reads it where the server sent
 * it, and posts it. The context keeps the session cookie from then on.
 */
export async function signInByApi(
  request: APIRequestContext,
  baseUrl: string,
  email = uniqueEmail(),
  headers = { "x-forwarded-for": uniquePublicIp() },
): Promise<ApiSignIn> {
  const sent = await request.post(`${baseUrl}/api/auth/code`, { data: { email }, headers });
  expect(sent.status(), await sent.text()).toBe(200);
  const code = await waitForCode(request, baseUrl, email);
  const signedIn = await request.post(`${baseUrl}/api/auth/sign-in`, {
    data: { email, code },
    headers,
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  expect(await signedIn.json()).toEqual({ signedIn: true, email });
  return { email, headers };
}

/**
 * Signs out with the header's button in a new tab of `context`, as someone at a shared computer
 * does: the app's other tabs are told (components/auth/viewer-announcement.ts). The tab stays
 * open, signed out, to sign someone else in.
 */
export async function signOutInAnotherTab(context: BrowserContext): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto("/");
  await tab.getByRole("button", { name: "Sign out" }).click();
  await expect(tab.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  return tab;
}

/**
 * Signs out in a new tab of `context` without the other tabs hearing of it: posted as the
 * button's form is before the page's script has run. So a tab asleep in the background, or
 * with storage turned off, stays as it was: what the server must still refuse it is tested
 * with this. The tab stays open, signed out.
 */
export async function signOutUntold(context: BrowserContext): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto("/");
  const origin = new URL(tab.url()).origin;
  const signedOut = await tab.request.post("/api/auth/sign-out", { headers: { origin } });
  expect(signedOut.status(), await signedOut.text()).toBe(200);
  await tab.reload();
  await expect(tab.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  return tab;
}
