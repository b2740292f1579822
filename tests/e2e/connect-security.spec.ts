import { expect, test, type Page } from "@playwright/test";
import { PARTNER_PAGE_ORIGIN, PORTS, SANDBOX_URL } from "../support/e2e-servers";
import { signInInBrowser, signInOverHttp } from "../support/sign-in";
import { ConnectFlow } from "./connect-page";

/**
 * The OAuth findings of the security review that a browser shows. "Another site" is a page
 * on another port of localhost: the same site, another origin, like a sibling subdomain,
 * so our SameSite=Lax cookies go along, which is the harder case.
 */
const OTHER_ORIGIN = `http://localhost:${PORTS.sandbox + 98}`;

const connect = (page: Page) => new ConnectFlow(page).connect();

/** Opens a page of another origin whose HTML is `body` (served by the test, not the app). */
async function openOtherSite(page: Page, body: string) {
  await page.route(`${OTHER_ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html>${body}` }),
  );
  await page.goto(`${OTHER_ORIGIN}/page`);
}

const ACCOUNT_HEADING = { name: "Your Coinbase account", exact: true } as const;

async function expectNotConnected(page: Page) {
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 2, name: "Not connected" })).toBeVisible();
  await expect(page.getByRole("heading", ACCOUNT_HEADING)).toHaveCount(0);
}

async function expectStillConnected(page: Page) {
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your Coinbase account" })).toBeVisible();
}

test("another site's form POST to /oauth/disconnect does not end the session", async ({ page }) => {
  await connect(page);
  await openOtherSite(
    page,
    `<form method="post" action="${SANDBOX_URL}/oauth/disconnect"><button>Win a prize</button></form>`,
  );
  await page.getByRole("button", { name: "Win a prize" }).click();
  await expect(page.getByText(/must come from this app/)).toBeVisible();
  await expectStillConnected(page);
});

test("another site's link to /oauth/refresh does not end the session", async ({ page }) => {
  await connect(page);
  await openOtherSite(page, `<a href="${SANDBOX_URL}/oauth/refresh">Read more</a>`);
  await page.getByRole("link", { name: "Read more" }).click();
  await expect(page.getByRole("heading", { name: "Renew your Coinbase session" })).toBeVisible();
  await expectStillConnected(page);
});

test("another site's link to /connect's renewal: confirmed by the user, it comes back to /connect", async ({
  page,
}) => {
  await new ConnectFlow(page).connectWithRefreshToken();
  // Where /connect sends a session past its time (a redirect of another site's link to /connect).
  await openOtherSite(page, `<a href="${SANDBOX_URL}/oauth/refresh?from=connect">Read more</a>`);
  await page.getByRole("link", { name: "Read more" }).click();
  await expect(page.getByRole("heading", { name: "Renew your Coinbase session" })).toBeVisible();
  await page.getByRole("button", { name: "Renew my session" }).click();
  await expect(page).toHaveURL(/\/connect\?refreshed=\d+$/);
  await expectStillConnected(page);
});

test("a send's status answers this app's pages only, not a listed partner origin nor another site's link", async ({
  page,
}) => {
  await connect(page);
  // The USDC demo account, and a send id: what a page following a send asks for.
  const path = `/api/oauth/transactions/2d250b26-00ad-4a71-9dc1-2d19ee2e5500/${crypto.randomUUID()}`;
  const otherSites: Record<string, string>[] = [
    // A partner's page in ALLOWED_ORIGINS, whose requests the ramp routes answer with CORS.
    { origin: PARTNER_PAGE_ORIGIN, "sec-fetch-site": "cross-site" },
    // Another site's link, followed with the user's cookies (SameSite=Lax sends them).
    { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
  ];
  for (const headers of otherSites) {
    const status = await page.request.get(path, { headers });
    expect(status.status()).toBe(403);
    // Refused before Coinbase is asked: nothing of the user's account in the answer.
    expect(await status.json()).toEqual({
      error: { code: "forbidden_origin", message: expect.any(String) },
    });
  }
  // The account page's own follow-up still reaches Coinbase (which knows no such send).
  const own = await page.request.get(path, { headers: { "sec-fetch-site": "same-origin" } });
  expect(await own.json()).not.toMatchObject({ error: { code: "forbidden_origin" } });
  await expectStillConnected(page);
});

test("disconnect without a session does not claim Coinbase revoked anything", async ({ page }) => {
  const response = await page.request.post("/oauth/disconnect", {
    headers: { origin: SANDBOX_URL },
    maxRedirects: 0,
  });
  // Back to /connect with nothing claimed, and no session cookie left behind.
  expect(response.status()).toBe(303);
  expect(response.headers().location).toBe(`${SANDBOX_URL}/connect`);
  expect(response.headers()["set-cookie"]).toMatch(/cb_session=;.*Max-Age=0/i);
});

test("a junk callback during a sign-in does not break the real one", async ({ page }) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  const consent = page.url();
  await page.goto("/oauth/callback?code=junk&state=attacker-chosen-state-value");
  await expect(
    page.getByRole("heading", { name: "This sign-in did not start here" }),
  ).toBeVisible();
  await page.goto(consent);
  await flow.allow();
  await flow.expectSignedIn();
});

test("another site's link through the sign-in page's next= does not start a Coinbase sign-in either", async ({
  page,
}) => {
  const authorize =
    "/api/oauth/authorize?scope=wallet:user:read,wallet:transactions:send&account=all&send_limit_amount=5000&send_limit_currency=USD&send_limit_period=day";
  await openOtherSite(
    page,
    `<a href="${SANDBOX_URL}/sign-in?next=${encodeURIComponent(authorize)}">Sign in for a prize</a>`,
  );
  await page.getByRole("link", { name: "Sign in for a prize" }).click();
  await signInInBrowser(page);
  // After signing in, the home page: not Coinbase's consent page asking to send 5000 USD a day.
  await expect(page).toHaveURL(`${SANDBOX_URL}/`);
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).not.toContain("cb_oauth_state");
});

test("another site starting a Coinbase sign-in does not break the user's own", async ({ page }) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  const consent = page.url();
  // Meanwhile another site's link starts one of its own: it lands on the Connect page, and the
  // state this browser keeps for the user's sign-in stays as it was.
  await openOtherSite(
    page,
    `<a href="${SANDBOX_URL}/api/oauth/authorize?scope=wallet:user:read&account=all">Free crypto</a>`,
  );
  await page.getByRole("link", { name: "Free crypto" }).click();
  await expect(page).toHaveURL(`${SANDBOX_URL}/connect`);
  // The same link opened from a mail or chat app comes with no site at all (Sec-Fetch-Site:
  // none, as a typed URL): no one types an API route, so it lands there too.
  await page.goto("/api/oauth/authorize?scope=wallet:user:read&account=all");
  await expect(page).toHaveURL(`${SANDBOX_URL}/connect`);
  await page.goto(consent);
  await flow.allow();
  await flow.expectSignedIn();
});

test("a cb_oauth_detail cookie set by someone else never puts its words on the result page", async ({
  page,
  context,
}) => {
  await context.addCookies([
    {
      name: "cb_oauth_detail",
      value: "Call 555-0100 to restore your account",
      url: SANDBOX_URL,
    },
  ]);
  await page.goto("/oauth/result?failure=coinbase_error");
  await expect(page.getByRole("heading", { name: /Coinbase could not connect/ })).toBeVisible();
  await expect(page.getByText(/555-0100/)).toHaveCount(0);
});

test("a result page for a failure it does not know, even one named like Object's own keys, says the attempt failed", async ({
  page,
}) => {
  for (const failure of ["__proto__", "constructor", "toString", "no_such_failure"]) {
    await page.goto(`/oauth/result?failure=${failure}`);
    await expect(page.getByRole("heading", { level: 1 }), failure).toHaveText(
      "Could not finish connecting",
    );
  }
});

test("Coinbase's words about a failure show on that failure's page only, not on a later one", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  // Coinbase ends this sign-in with an error of its own, in its words.
  const state = new URL(page.url()).searchParams.get("state")!;
  await page.goto(
    `/oauth/callback?${new URLSearchParams({ state, error: "server_error", error_description: "Down for maintenance" })}`,
  );
  await expect(page.getByRole("heading", { name: /Coinbase could not connect/ })).toBeVisible();
  await expect(page.getByText("Details: Down for maintenance")).toBeVisible();

  // Within the minute those words live, the user tries again and declines.
  await flow.open();
  await flow.submit();
  await flow.deny();
  await expect(page).toHaveURL(/failure=declined/);
  await expect(page.getByText(/Down for maintenance/)).toHaveCount(0);
});

test("signing out of the app ends the Coinbase connection too: the grant is revoked, the cookie cleared", async ({
  page,
}) => {
  const email = await signInOverHttp(page, { next: "/connect" });
  await connect(page);
  const sealed = (await page.context().cookies()).find((c) => c.name === "cb_session");
  expect(sealed, "the Coinbase session cookie").toBeDefined();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${SANDBOX_URL}/`);
  // Every cookie of the session and the connection is gone, not left behind emptied. Only
  // the browser's standing stays (lib/auth/known-browser.ts: sealed, and no session).
  const left = (await page.context().cookies()).map((c) => c.name);
  expect(left.filter((name) => name.startsWith("ramp.") || name.startsWith("cb_"))).toEqual([
    "ramp.known_browser",
  ]);
  await expectNotConnected(page);

  // Revoked at Coinbase, not only forgotten here: the same user, signed in again with a copy
  // of the old cookie, finds Coinbase no longer honours those tokens.
  await signInOverHttp(page, { email, next: "/" });
  await page.context().addCookies([sealed!]);
  await page.goto("/account");
  await expect(page.getByRole("region", { name: "Please connect again" })).toContainText(
    "Your Coinbase session has ended",
  );
  await expect(page.getByRole("heading", ACCOUNT_HEADING)).toHaveCount(0);
});

test("signing out ends a Coinbase sign-in under way: finished afterwards, it connects no one", async ({
  page,
}) => {
  await signInOverHttp(page, { next: "/connect" });
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  // At Coinbase's consent page, the user signs out of the app (in another tab, say), and
  // someone else signs in on this browser; then Allow is pressed on the page left open.
  const consent = page.url();
  const signOut = await page.request.post("/api/auth/sign-out", {
    headers: { origin: SANDBOX_URL },
  });
  expect(signOut.status()).toBe(200);
  await signInOverHttp(page, { next: "/" });
  await page.goto(consent);
  await flow.allow();
  await expect(page).toHaveURL(/\/oauth\/result\?failure=state_missing/);
  await expect(
    page.getByRole("heading", {
      name: "This request to connect has expired or was already answered",
    }),
  ).toBeVisible();
  await expectNotConnected(page);
});

test("a Coinbase sign-in left under way is finished only by whoever started it, not the next user to sign in", async ({
  page,
}) => {
  // Someone starts Connect without signing in to the app (or their sign-in runs out) and
  // leaves Coinbase's consent page open; the next person signs in on this browser, no
  // sign-out in between, and presses Allow on that page.
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  const consent = page.url();
  await signInOverHttp(page, { next: "/" });
  await page.goto(consent);
  await flow.allow();
  await expect(page).toHaveURL(/\/oauth\/result\?failure=state_missing/);
  await expectNotConnected(page);
});

test("a Coinbase session is the app user's who connected it: the next user of the browser neither sees it nor sends with it", async ({
  page,
}) => {
  const owner = await signInOverHttp(page, { next: "/connect" });
  await connect(page);
  // The owner's app sign-in ends without "Sign out" (it expired, or they closed the
  // browser's other session): the Coinbase cookie outlives it. Signed out, the page hides it
  // and says to sign in (not "Not connected", which invites connecting over it).
  await page.context().clearCookies({ name: "ramp.session" });
  await page.goto("/account");
  const signInFirst = page.getByRole("region", { name: "Sign in to see your Coinbase account" });
  await expect(signInFirst.getByRole("link", { name: "Sign in" })).toHaveAttribute(
    "href",
    "/sign-in?next=/account",
  );
  await expect(page.getByRole("heading", ACCOUNT_HEADING)).toHaveCount(0);
  // A send from a page left open is refused the same way: sign in, not connect again.
  const signedOutSend = await page.request.post("/api/oauth/send", {
    data: { accountId: "a", network: "base", to: "0x0", amount: "1", idem: crypto.randomUUID() },
  });
  expect(signedOutSend.status()).toBe(401);
  expect(await signedOutSend.json()).toMatchObject({ error: { code: "sign_in_required" } });
  // The header's Connect leads to /connect, which says the same before connecting over it.
  await page.goto("/connect");
  const connectedHere = page
    .getByRole("status")
    .filter({ hasText: "connected on this browser while signed in" });
  await expect(connectedHere).toContainText("connecting here now would end that connection");
  await expect(connectedHere.getByRole("link", { name: "Sign in" })).toHaveAttribute(
    "href",
    "/sign-in?next=/connect",
  );

  await signInOverHttp(page, { next: "/" });
  await expectNotConnected(page);
  const refused = { error: { code: "not_connected", message: expect.any(String) } };
  const send = await page.request.post("/api/oauth/send", {
    data: { accountId: "a", network: "base", to: "0x0", amount: "1", idem: crypto.randomUUID() },
  });
  expect(send.status()).toBe(401);
  expect(await send.json()).toMatchObject(refused);
  const status = await page.request.get("/api/oauth/transactions/a/b");
  expect(status.status()).toBe(401);
  // Nor ends it: a Disconnect of theirs neither revokes the owner's grant nor drops it.
  const disconnect = await page.request.post("/oauth/disconnect", {
    headers: { origin: SANDBOX_URL },
    maxRedirects: 0,
  });
  expect(disconnect.status()).toBe(303);
  expect(disconnect.headers().location).toBe(`${SANDBOX_URL}/connect`);
  expect(disconnect.headers()["set-cookie"] ?? "").not.toMatch(/cb_session=/);
  // Nor does a renewal of theirs, nor their signing out of the app.
  const refresh = await page.request.post("/oauth/refresh", {
    headers: { origin: SANDBOX_URL },
    maxRedirects: 0,
  });
  expect(refresh.headers().location).toBe(`${SANDBOX_URL}/oauth/result?failure=session_ended`);
  expect(refresh.headers()["set-cookie"] ?? "").not.toMatch(/cb_session=/);
  const signOut = await page.request.post("/api/auth/sign-out", {
    headers: { origin: SANDBOX_URL },
  });
  expect(signOut.status()).toBe(200);
  expect(signOut.headers()["set-cookie"] ?? "").not.toMatch(/cb_session=/);
  expect((await page.context().cookies()).map((c) => c.name)).toContain("cb_session");

  // Still theirs: the owner signing in again finds their Coinbase account.
  await page.context().clearCookies({ name: "ramp.session" });
  await signInOverHttp(page, { email: owner, next: "/" });
  await expectStillConnected(page);
});

test("another app user connecting on the same browser revokes the grant their connection replaces", async ({
  page,
  context,
}) => {
  const owner = await signInOverHttp(page, { next: "/connect" });
  await connect(page);
  const earlier = (await context.cookies()).find((c) => c.name === "cb_session");
  expect(earlier, "the first user's Coinbase session cookie").toBeDefined();

  // The owner leaves without signing out; the next user signs in and connects their own.
  await context.clearCookies({ name: "ramp.session" });
  await signInOverHttp(page, { next: "/connect" });
  await connect(page);

  // The cookie the first user's grant lived in now holds the second's: that grant could
  // never be used or ended from here again, so it was revoked. A copy of the old cookie,
  // the owner signed in, finds Coinbase no longer honours it.
  await context.clearCookies({ name: "ramp.session" });
  await signInOverHttp(page, { email: owner, next: "/" });
  await expect
    .poll(async () => {
      await context.addCookies([earlier!]);
      await page.goto("/account");
      return page.getByRole("region", { name: "Please connect again" }).textContent();
    })
    .toContain("Your Coinbase session has ended");
});

test("a made-up 'ask for more' link locks as already granted only what the user granted", async ({
  page,
}) => {
  // The link /account makes carries the grant; anyone can make one carrying more.
  const crafted = "/connect?add=wallet:accounts:read,wallet:sells:create&limit=999999";
  const sell = page.getByRole("checkbox", { name: /^Sell crypto from your accounts/ });
  const read = page.getByRole("checkbox", { name: /^See your accounts and their balances/ });
  await page.goto(crafted);
  await expect(page.getByText("Asking for more keeps what you already granted")).toHaveCount(0);
  await expect(page.getByText("(already granted: kept)")).toHaveCount(0);
  await new ConnectFlow(page).openGroup("Sell");
  await expect(sell).not.toBeChecked();
  await expect(sell).toBeEnabled();

  // Connected (the accounts read among what was granted): that one is kept, the sale is not.
  await connect(page);
  await page.goto(crafted);
  await expect(read).toBeChecked();
  await expect(read).toBeDisabled();
  await new ConnectFlow(page).openGroup("Sell");
  await expect(sell).not.toBeChecked();
  await expect(sell).toBeEnabled();
});
