import { expect, type Page } from "@playwright/test";

/** Page object for /connect and the sandbox consent page. */
export class ConnectFlow {
  constructor(readonly page: Page) {}

  async open(baseUrl = "") {
    await this.page.goto(`${baseUrl}/connect`);
  }

  async preset(label: "View balances" | "View history" | "Send on my behalf") {
    await this.page.getByRole("button", { name: label }).click();
  }

  /** The send preset, with the send limit it needs typed in (as the user types it). */
  async askToSend(limit: string) {
    await this.preset("Send on my behalf");
    await this.page.getByLabel("Send limit amount").fill(limit);
  }

  /** Scopes are grouped by resource, collapsed unless one is chosen: open the group first. */
  async openGroup(resource: string) {
    const summary = this.page.locator("summary", { hasText: resource });
    const details = this.page.locator("details", { has: summary });
    if ((await details.getAttribute("open")) === null) await summary.click();
  }

  scope(description: RegExp) {
    return this.page.getByRole("checkbox", { name: description });
  }

  /** Ticks a scope in its resource group. */
  async tick(resource: string, description: RegExp) {
    await this.openGroup(resource);
    await this.scope(description).check();
  }

  /** The consent page's own limit: the user may lower what the app asked for. */
  async lowerSendLimit(amount: string) {
    await this.page.getByLabel(/You may lower it/).fill(amount);
  }

  async submit() {
    await this.page.getByRole("button", { name: "Connect with Coinbase" }).click();
    await expect(this.page).toHaveURL(/\/sandbox\/login\/oauth2\/auth\?/);
  }

  async allow() {
    await this.page.getByRole("button", { name: "Allow" }).click();
  }

  async deny() {
    await this.page.getByRole("button", { name: "Deny" }).click();
  }

  /** Connects with the form's defaults, and waits for the account. */
  async connect() {
    await this.open();
    await this.submit();
    await this.allow();
    await this.expectSignedIn();
  }

  /** Connects with the form's defaults and "Stay connected": the session has a refresh token. */
  async connectWithRefreshToken() {
    await this.open();
    await this.tick("Session", /Stay connected/);
    await this.submit();
    await this.allow();
    await this.expectSignedIn();
  }

  /** Disconnect on /account, confirmed, and back on /connect saying so. */
  async disconnect() {
    await this.page.getByText("Disconnect", { exact: true }).click();
    await this.page.getByRole("button", { name: "Yes, disconnect" }).click();
    await expect(this.page).toHaveURL(/\/connect\?disconnected=1/);
  }

  async expectSignedIn() {
    await expect(this.page).toHaveURL(/\/account/);
    await expect(this.page.getByRole("heading", { name: "Your Coinbase account" })).toBeVisible();
  }
}

/** This browser's Coinbase session cookie, if it has one. */
export async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name.endsWith("cb_session"));
}

/**
 * Revokes the grant where this browser cannot see it (the user removed the app in Coinbase's
 * settings, say): a Disconnect, which Coinbase confirms, then the cookie it cleared put back.
 */
export async function revokeBehindTheBrowser(page: Page) {
  const cookie = await sessionCookie(page);
  expect(cookie, "a Coinbase session cookie to revoke").toBeDefined();
  const disconnected = await page.request.post("/oauth/disconnect", {
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(disconnected.headers().location).toMatch(/\/connect\?disconnected=1$/);
  await page.context().addCookies([cookie!]);
}
