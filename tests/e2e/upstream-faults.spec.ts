import {
  expect,
  test,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type Page,
} from "@playwright/test";
import {
  EVM_ADDRESS,
  PARTNER_AUTH,
  PARTNER_ONRAMP,
  PARTNER_USER_REF,
  errorOf,
  uniquePublicIp,
} from "../support/api";
import { readFileSync, statSync } from "node:fs";
import { signInByApi } from "../support/sign-in";
import { LIVE_UPSTREAM_TIMEOUT_MS, LIVE_URL, PORTS, serverLogPath } from "../support/e2e-servers";
import {
  MINT_PATH,
  OAUTH_TOKEN_PATH,
  setFault,
  upstreamHits,
  type FaultMode,
} from "../support/fault-upstream";
import { GUEST_ORDER, readyGuest } from "./error-contract-routes";
import { ledgerOrderIds } from "./guest-flow";
import { GuestCheckoutPage, uniquePhone } from "./guest-page";
import { renderPagesFirst } from "./pages-first";

/**
 * The live server (test-only keys) against a Coinbase that fails in every way we know:
 * each failure becomes the documented error, within UPSTREAM_TIMEOUT_MS, after exactly
 * the retries the policy allows, and the server keeps serving afterwards. Minting calls come
 * from a partner's server (API key, `partnerUserRef`).
 */
test.use({ baseURL: LIVE_URL });

test.beforeAll(
  "with Coinbase up, a user signs in and a browser renders every page",
  async ({ browser, playwright }) => renderPagesFirst(browser, playwright),
);

// The deadline, plus room for the round trips and a busy machine.
const ANSWER_WITHIN_MS = LIVE_UPSTREAM_TIMEOUT_MS + 1_500;

async function post(request: APIRequestContext, path: string, data: unknown) {
  const started = Date.now();
  // A fresh client IP per call: the rate limit (3 a minute) is not what these tests are about.
  const response = await request.post(path, {
    data,
    headers: { ...PARTNER_AUTH, "x-forwarded-for": uniquePublicIp() },
    timeout: 15_000,
  });
  return { response, elapsed: Date.now() - started };
}

interface MintFault {
  mode: FaultMode;
  status: number;
  code: string;
  /** Upstream calls made: minting is idempotent, so 502, 503 and broken connections get one retry. */
  hits: number;
  retryAfter?: string;
}

const MINT_FAULTS: MintFault[] = [
  { mode: "500", status: 502, code: "upstream_error", hits: 1 },
  { mode: "503-retry-after", status: 502, code: "upstream_error", hits: 2 },
  { mode: "html", status: 502, code: "upstream_error", hits: 2 }, // a proxy's 502 page
  { mode: "malformed", status: 502, code: "upstream_error", hits: 1 },
  { mode: "reset", status: 502, code: "upstream_error", hits: 2 },
  { mode: "close-connection", status: 502, code: "upstream_error", hits: 2 },
  { mode: "429", status: 503, code: "upstream_busy", hits: 1, retryAfter: "7" },
  { mode: "400", status: 400, code: "upstream_rejected", hits: 1 },
  { mode: "401", status: 502, code: "upstream_auth", hits: 1 },
  { mode: "hang", status: 504, code: "upstream_timeout", hits: 1 },
  { mode: "slow-body", status: 504, code: "upstream_timeout", hits: 1 },
];

test.describe("minting against a failing Coinbase", () => {
  for (const fault of MINT_FAULTS) {
    test(`${fault.mode} → ${fault.status} ${fault.code}, ${fault.hits} upstream call(s)`, async ({
      request,
    }) => {
      await setFault(request, fault.mode);
      const { response, elapsed } = await post(request, "/api/onramp", PARTNER_ONRAMP);

      expect(await errorOf(response)).toEqual({ status: fault.status, code: fault.code });
      expect(response.headers()["retry-after"]).toBe(fault.retryAfter);
      expect(elapsed).toBeLessThan(ANSWER_WITHIN_MS);
      // A timeout waits for the whole deadline, not less.
      if (fault.status === 504)
        expect(elapsed).toBeGreaterThanOrEqual(LIVE_UPSTREAM_TIMEOUT_MS - 50);
      expect(await upstreamHits(request, MINT_PATH)).toBe(fault.hits);
    });
  }

  test("Coinbase's reason for a 400 reaches the caller", async ({ request }) => {
    await setFault(request, "400");
    const { response } = await post(request, "/api/onramp", PARTNER_ONRAMP);
    expect((await response.json()).error.message).toContain("not valid for the network");
  });

  for (const mode of ["503-retry-after", "close-connection", "reset"] as const) {
    test(`one ${mode} is retried and the mint succeeds`, async ({ request }) => {
      await setFault(request, mode, { times: 1 });
      const { response, elapsed } = await post(request, "/api/onramp", PARTNER_ONRAMP);
      expect(response.status()).toBe(200);
      expect(elapsed).toBeLessThan(ANSWER_WITHIN_MS);
      expect(await upstreamHits(request, MINT_PATH)).toBe(2);
    });
  }

  for (const path of ["/api/session-token", "/api/offramp"]) {
    test(`${path} maps failures the same way`, async ({ request }) => {
      const body =
        path === "/api/session-token"
          ? { addresses: [{ address: EVM_ADDRESS, blockchains: ["base"] }], assets: ["USDC"] }
          : PARTNER_ONRAMP;
      await setFault(request, "503-retry-after");
      expect(await errorOf((await post(request, path, body)).response)).toEqual({
        status: 502,
        code: "upstream_error",
      });
      expect(await upstreamHits(request, MINT_PATH)).toBe(2);

      await setFault(request, "hang");
      const { response, elapsed } = await post(request, path, body);
      expect(await errorOf(response)).toEqual({ status: 504, code: "upstream_timeout" });
      expect(elapsed).toBeLessThan(ANSWER_WITHIN_MS);
    });
  }
});

interface ExchangeFault {
  mode: FaultMode;
  /** Where the callback sends the browser. */
  target: string;
}

// Codes are single-use: once a request may have reached Coinbase it is never resent.
const EXCHANGE_FAULTS: ExchangeFault[] = [
  { mode: "ok", target: "/account?connected=1" },
  { mode: "503-retry-after", target: "/oauth/result?failure=exchange_failed" },
  { mode: "html", target: "/oauth/result?failure=exchange_failed" },
  { mode: "reset", target: "/oauth/result?failure=exchange_failed" },
  { mode: "close-connection", target: "/oauth/result?failure=exchange_failed" },
  { mode: "429", target: "/oauth/result?failure=exchange_failed" },
  { mode: "malformed", target: "/oauth/result?failure=exchange_failed" },
  { mode: "hang", target: "/oauth/result?failure=exchange_failed" },
];

test.describe("the OAuth code exchange against a failing Coinbase", () => {
  for (const fault of EXCHANGE_FAULTS) {
    test(`${fault.mode} → ${fault.target}, one upstream call`, async ({ request }) => {
      const start = await request.get("/api/oauth/authorize?scope=wallet:user:read", {
        maxRedirects: 0,
        // A fresh client: Connect starts are limited per client.
        headers: { "x-forwarded-for": uniquePublicIp() },
      });
      expect(start.status()).toBe(303);
      const state = new URL(start.headers().location!).searchParams.get("state");
      expect(state).toBeTruthy();

      await setFault(request, fault.mode);
      const started = Date.now();
      const callback = await request.get(`/oauth/callback?code=code-from-coinbase&state=${state}`, {
        maxRedirects: 0,
        timeout: 15_000,
      });
      const elapsed = Date.now() - started;

      expect(callback.status()).toBe(303);
      expect(callback.headers().location).toBe(`${LIVE_URL}${fault.target}`);
      expect(elapsed).toBeLessThan(ANSWER_WITHIN_MS);
      expect(await upstreamHits(request, OAUTH_TOKEN_PATH)).toBe(1);
      const sessionSet = callback
        .headersArray()
        .some((h) => h.name.toLowerCase() === "set-cookie" && /^cb_session=[^;]+/.test(h.value));
      expect(sessionSet).toBe(fault.mode === "ok");
    });
  }
});

test("Coinbase refusing the app's OAuth client: the user reads what happened, the settings to check go to the log", async ({
  page,
}) => {
  const start = await page.request.get("/api/oauth/authorize?scope=wallet:user:read", {
    maxRedirects: 0,
    // A fresh client: Connect starts are limited per client.
    headers: { "x-forwarded-for": uniquePublicIp() },
  });
  const state = new URL(start.headers().location!).searchParams.get("state");
  await setFault(page.request, "401");
  const logStart = statSync(serverLogPath(PORTS.live)).size;

  await page.goto(`/oauth/callback?code=code-from-coinbase&state=${state}`);
  await expect(page).toHaveURL(`${LIVE_URL}/oauth/result?failure=exchange_failed`);
  await expect(page.getByRole("heading", { name: "Could not finish connecting" })).toBeVisible();
  await expect(page.getByText(/cannot connect accounts right now/)).toBeVisible();
  await expect(page.locator("main")).not.toContainText("COINBASE_OAUTH");

  await expect
    .poll(() => readFileSync(serverLogPath(PORTS.live), "utf8").slice(logStart))
    .toMatch(/"event":"oauth_client_rejected".*COINBASE_OAUTH_CLIENT_SECRET/);
});

/** Connects against the fault upstream in "ok" mode: the request context now holds a session. */
async function connect(request: APIRequestContext) {
  const start = await request.get("/api/oauth/authorize?scope=wallet:user:read", {
    maxRedirects: 0,
    // A fresh client: Connect starts are limited per client.
    headers: { "x-forwarded-for": uniquePublicIp() },
  });
  const state = new URL(start.headers().location!).searchParams.get("state");
  await setFault(request, "ok");
  const callback = await request.get(`/oauth/callback?code=code-from-coinbase&state=${state}`, {
    maxRedirects: 0,
  });
  expect(callback.headers().location).toBe(`${LIVE_URL}/account?connected=1`);
}

/** What a response did to the session cookie: renewed it, cleared it, or left it alone. */
function sessionCookieChange(response: APIResponse): "renewed" | "cleared" | "kept" {
  const cookie = response
    .headersArray()
    .find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("cb_session="));
  if (!cookie) return "kept";
  return /^cb_session=;/.test(cookie.value) ? "cleared" : "renewed";
}

// A refusal by Coinbase ends the session; an outage must not: the refresh token is still good.
const REFRESH_FAULTS: {
  mode: FaultMode;
  errorType?: string;
  failure: string;
  session: "cleared" | "kept";
}[] = [
  { mode: "400", failure: "session_ended", session: "cleared" },
  // A refresh token revoked or already used, as an OAuth server of Ory Hydra's kind answers it.
  { mode: "401", errorType: "token_inactive", failure: "session_ended", session: "cleared" },
  { mode: "503-retry-after", failure: "refresh_unavailable", session: "kept" },
  { mode: "429", failure: "refresh_unavailable", session: "kept" },
  { mode: "401", failure: "refresh_unavailable", session: "kept" }, // our client, not the user's grant
  // Any other refusal (a proxy's 403 page, say) does not end the grant: it may still be good.
  { mode: "403", failure: "refresh_unavailable", session: "kept" },
  { mode: "reset", failure: "refresh_unavailable", session: "kept" },
  { mode: "hang", failure: "refresh_unavailable", session: "kept" },
];

test.describe("renewing a session against a failing Coinbase", () => {
  for (const fault of REFRESH_FAULTS) {
    const name = `${fault.mode}${fault.errorType ? ` ${fault.errorType}` : ""}`;
    test(`${name} → ${fault.failure}, session ${fault.session}`, async ({ request }) => {
      await connect(request);
      await setFault(request, fault.mode, { errorType: fault.errorType });
      const failed = await request.get("/oauth/refresh", { maxRedirects: 0, timeout: 15_000 });
      expect(failed.status()).toBe(303);
      // Ended: said on the result page; failed, ending nothing: on /account, beside the history.
      expect(failed.headers().location).toMatch(
        fault.session === "cleared"
          ? `${LIVE_URL}/oauth/result?failure=${fault.failure}`
          : new RegExp(`^${LIVE_URL}/account\\?refreshed=\\d+&renewal=${fault.failure}$`),
      );
      expect(sessionCookieChange(failed)).toBe(fault.session);
      expect(await upstreamHits(request, OAUTH_TOKEN_PATH)).toBe(1);
      if (fault.session === "cleared") return;

      // Once Coinbase is back, trying again renews the session at once.
      await setFault(request, "ok");
      const started = Date.now();
      const retried = await request.get("/oauth/refresh", { maxRedirects: 0 });
      expect(retried.headers().location).toMatch(
        new RegExp(`^${LIVE_URL}/account\\?refreshed=\\d+$`),
      );
      expect(sessionCookieChange(retried)).toBe("renewed");
      expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    });
  }

  test("/account renewing a session Coinbase cannot renew now: said beside the ramp history, and Try again renews on the history's page", async ({
    page,
  }) => {
    await signInByApi(page.request, LIVE_URL);
    await connect(page.request);
    // The access token refused (it died), and the renewal refused for our client: nothing ended.
    await setFault(page.request, "401");
    // A page of the history further back ("Older"): the way back keeps it.
    const row = "0b5c9d2e-3f4a-4b6c-8d7e-9f0a1b2c3d4e";
    await page.goto(`/account?after=${row}`);
    await expect(page).toHaveURL(
      new RegExp(
        `/account\\?refreshed=\\d+&renewal=refresh_unavailable&after=${row}#history-title$`,
      ),
    );
    await expect(
      page.getByRole("heading", { name: "Coinbase could not renew your session just now" }),
    ).toBeVisible();
    // The history is the app's own: shown whatever Coinbase does.
    await expect(page.getByRole("heading", { name: "Your ramp history" })).toBeVisible();
    await setFault(page.request, "ok");
    const tryAgain = page.getByRole("link", { name: "Try again" });
    await expect(tryAgain).toHaveAttribute("href", `/account?after=${row}#history-title`);
    await tryAgain.click();
    await expect(page.getByRole("heading", { name: "Your Coinbase account" })).toBeVisible();
    expect(new URL(page.url()).searchParams.get("after")).toBe(row);
  });

  test("the result page offers to try again, not to start over", async ({ page }) => {
    await page.goto("/oauth/result?failure=refresh_unavailable");
    await expect(page.getByRole("heading", { name: /could not renew/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/account");
  });

  test("a renewal /connect asked for goes back to /connect to try again", async ({ page }) => {
    await connect(page.request);
    await setFault(page.request, "503-retry-after");
    const failed = await page.request.get("/oauth/refresh?from=connect", {
      maxRedirects: 0,
      timeout: 15_000,
    });
    const result = `/oauth/result?failure=refresh_unavailable&from=connect`;
    expect(failed.headers().location).toBe(`${LIVE_URL}${result}`);
    expect(sessionCookieChange(failed)).toBe("kept");
    await setFault(page.request, "ok");
    await page.goto(result);
    await expect(page.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/connect");
  });
});

test("a page whose options call fails still renders, and its log lines carry the page's request id", async ({
  request,
}) => {
  await setFault(request, "500");
  // Only what the server logs from here on: other tests load regions too.
  const logStart = statSync(serverLogPath(PORTS.live)).size;
  // Brazil: no other test asks for its options, so none are cached (a failed fetch never is).
  // Not Japan: bad-input.spec.ts's random queries name JP and now and then fetch its options.
  const page = await request.get("/sell", { headers: { "accept-language": "pt-BR,pt;q=0.9" } });
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain("Sell crypto");
  const requestId = page.headers()["x-request-id"];
  expect(requestId).toMatch(/^[\w-]{8,64}$/);

  const linesSince = () => liveLogLinesSince(logStart);
  const fallback = linesSince().filter(
    (l) => l.event === "ramp_options_fallback" && l.country === "BR",
  );
  expect(fallback.map((l) => l.requestId)).toEqual([requestId]);
  // The CDP client's own line about the failed call carries the same id.
  await expect
    .poll(() => linesSince().filter((l) => l.event === "cdp_error" && l.requestId === requestId))
    .not.toEqual([]);
});

test("a guest order's page stays up while Coinbase fails, and fills in once it answers", async ({
  page,
  browser,
}) => {
  const orderId = await placeGuestOrder(page, browser);

  await setFault(page.request, "500");
  const shown = await page.goto(`/buy/guest/orders/${orderId}`);
  expect(shown?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Your guest purchase" })).toBeVisible();
  // The ledger's last word: the order was made and not paid.
  await expect(page.getByTestId("transaction-status")).toHaveText("Not paid yet");
  await expect(page.getByText("Coinbase did not give this order's details just now")).toBeVisible();

  // Coinbase back: the page, asking again by itself, shows the order's figures.
  await setFault(page.request, "ok");
  await expect(page.getByText("Will be sent to", { exact: true })).toBeVisible({
    timeout: 10_000,
  });
  // Coinbase has it waiting for its payment (the stand-in never moves it on).
  await expect(page.getByTestId("transaction-status")).toHaveText("Not paid yet");
  await expect(page.getByText("This page checks for your payment by itself.")).toBeVisible();

  // Refused outright (not an outage): the page says it could not be shown, with a way on. An
  // answer less than 2 s old serves every render (lib/guest/recent-orders.ts): waited out.
  await setFault(page.request, "400");
  await page.waitForTimeout(2_000);
  const logStart = statSync(serverLogPath(PORTS.live)).size;
  const refused = await page.reload();
  await expect(page.getByRole("heading", { name: "This page could not be shown" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  // The reference it shows finds the failure in the server's log, one JSON line with the
  // page's request id.
  const reference = await page.getByText("tell us this reference").locator("code").textContent();
  expect(reference).toMatch(/^\w+$/);
  await expect
    .poll(() => liveLogLinesSince(logStart).filter((l) => l.event === "page_error"))
    .toEqual([
      expect.objectContaining({
        requestId: refused?.headers()["x-request-id"],
        path: `/buy/guest/orders/${orderId}`,
        errorCode: "upstream_rejected",
        digest: reference,
      }),
    ]);
  await setFault(page.request, "ok");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Your guest purchase" })).toBeVisible();

  // An order that never ends is not asked about for ever: after a quarter of an hour (the
  // page's clock only) the page stops, and says how to check again.
  await page.clock.install();
  await page.reload();
  await expect(page.getByText("This page checks for your payment by itself.")).toBeVisible();
  await page.clock.fastForward("16:00");
  await expect(page.getByRole("status").filter({ hasText: "Not final yet" })).toContainText(
    "Not final yet, and this page has stopped checking: reload it to check again.",
  );
});

test("Buy more on an order Coinbase cannot tell about: nothing placed while it fails, and the page says so; then a new order, never that one's payment", async ({
  page,
  browser,
}) => {
  const orderId = await placeGuestOrder(page, browser);

  // Coinbase down: the order's page knows the order from the ledger only, so its "Buy more"
  // buys beside it (`from`), not in its place.
  await setFault(page.request, "500");
  await page.goto(`/buy/guest/orders/${orderId}`);
  await expect(page.getByTestId("transaction-status")).toHaveText("Not paid yet");
  const buyMore = page.getByRole("link", { name: "Buy more" });
  await expect(buyMore).toHaveAttribute("href", new RegExp(`[?&]from=${orderId}(&|$)`));
  await buyMore.click();

  // The page stays up with the same purchase, says Coinbase cannot be reached, and cannot place.
  const guest = new GuestCheckoutPage(page);
  await expect(page).toHaveURL(/\/buy\/guest\?/);
  await expect(page.getByRole("heading", { name: "Your purchase" })).toBeVisible();
  await expect(guest.amount).toHaveValue("25.00");
  await expect(guest.wallet).toHaveValue(GUEST_ORDER.address);
  await expect(guest.limits()).toContainText(
    "Coinbase could not be reached or answered unexpectedly: try again",
  );
  await expect(guest.continueToPayment).toBeDisabled();
  // In words: nothing was charged again, and how to go on.
  await expect(guest.limits()).toContainText(
    "No new order was placed, and your earlier order is unchanged. Try again in a moment, or see your earlier order.",
  );
  await expect(
    guest.limits().getByRole("link", { name: "see your earlier order" }),
  ).toHaveAttribute("href", `/buy/guest/orders/${orderId}`);
  await expect(guest.lastOrder()).toContainText("has not finished");
  expect(await ledgerOrderIds(page)).toEqual([orderId]);

  // Coinbase back, the page loaded again: still a new purchase, not that order's payment
  // (Coinbase now says it waits for one), and it places a new order.
  await setFault(page.request, "ok");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your purchase" })).toBeVisible();
  await expect(guest.lastOrder()).toContainText("has not finished");
  await expect(page.getByRole("heading", { level: 2, name: /^Pay with/ })).toHaveCount(0);
  await expect(guest.limits()).toContainText("left");
  await expect(page.getByTestId("figure-you-pay")).toBeVisible();
  await guest.continueToPayment.click();
  // The browser's own wallet: Google Pay in Chromium.
  await expect(page.getByRole("heading", { level: 2, name: "Pay with Google Pay" })).toBeVisible();
  const ids = await ledgerOrderIds(page);
  expect(ids).toHaveLength(2);
  const newOrder = ids.find((id) => id !== orderId)!;
  await expect(page.locator('iframe[title$="payment"]')).toHaveAttribute(
    "src",
    `https://pay.example.test/v2/guest/onramp?orderId=${newOrder}`,
  );
});

test("an order request that fails: the form says whether an order was placed, and keeps the purchase", async ({
  page,
  browser,
}) => {
  await setFault(page.request, "ok");
  await readyGuest({ request: page.request, browser });
  const guest = new GuestCheckoutPage(page);
  await page.goto("/buy/guest?country=US&asset=USDC&network=base&amount=25");
  await guest.fillWalletIfEmpty(GUEST_ORDER.address);
  await expect(guest.limits()).toContainText("left");
  const refusal = page.getByRole("alert").filter({ hasText: /order/ });
  /** A new amount (which clears the last refusal), then "Continue to payment" under `fault`. */
  async function orderUnder(amount: string, ...fault: [FaultMode, { only: string }?]) {
    await guest.amount.fill(amount);
    await expect(refusal).toHaveCount(0);
    await setFault(page.request, ...fault);
    // From a client address of its own: the live server's limit (3 a minute) is not the point.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": uniquePublicIp() });
    await guest.continueToPayment.click();
  }
  const ORDERS = { only: "^/platform/v2/onramp/orders$" };

  // Nothing listens at Coinbase: no order can have been made, and the form says so.
  await orderUnder("25", "refused");
  await expect(refusal).toContainText("No order was placed.");
  await expect(refusal).not.toContainText("may have");
  await expect(guest.amount).toHaveValue("25");
  await expect(guest.wallet).toHaveValue(GUEST_ORDER.address);

  // Coinbase takes the order and never answers: it may have made one, unpaid; trying again is safe.
  await orderUnder("26", "hang", ORDERS);
  await expect(refusal).toContainText(
    "The order could not be confirmed: Coinbase may have made it. An order charges nothing unless it is paid, so it is safe to try again.",
  );
  await expect(refusal).not.toContainText("No order was placed");
  await expect(guest.amount).toHaveValue("26");
  await expect(guest.wallet).toHaveValue(GUEST_ORDER.address);
  await expect(guest.continueToPayment).toBeEnabled();

  // An error of Coinbase's own (500): it may have made the order before failing, so the same.
  await orderUnder("27", "500", ORDERS);
  await expect(refusal).toContainText("Coinbase may have made it");
  await expect(guest.amount).toHaveValue("27");
  expect(await ledgerOrderIds(page)).toEqual([]);

  // Trying again with Coinbase answering: the order is placed, and its button shown.
  await orderUnder("28", "ok");
  await expect(page.getByRole("heading", { level: 2, name: /^Pay with/ })).toBeVisible();
  expect(await ledgerOrderIds(page)).toHaveLength(1);
});

test("after every fault the server mints again", async ({ request }) => {
  await setFault(request, "ok");
  const { response, elapsed } = await post(request, "/api/onramp", PARTNER_ONRAMP);
  expect(response.status()).toBe(200);
  expect(elapsed).toBeLessThan(ANSWER_WITHIN_MS);
  const { url } = (await response.json()) as { url: string };
  const payUrl = new URL(url);
  expect(payUrl.origin).toBe("https://pay.example.test");
  expect(payUrl.searchParams.get("sessionToken")).toMatch(/^t-/);
  expect(payUrl.searchParams.get("partnerUserId")).toBe(PARTNER_USER_REF);
  expect(await upstreamHits(request, MINT_PATH)).toBe(1);
});

/** The live server's JSON log lines written after `offset` (a size the test read before). */
function liveLogLinesSince(offset: number): Record<string, unknown>[] {
  return readFileSync(serverLogPath(PORTS.live))
    .subarray(offset)
    .toString("utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("guest checkout with Coinbase refusing this app (its key, or the API not enabled): the user is told it is not theirs to fix, the operator reads Coinbase's words", async ({
  request,
}) => {
  await setFault(request, "ok");
  await signInByApi(request, LIVE_URL);
  const logStart = statSync(serverLogPath(PORTS.live)).size;
  for (const [mode, errorType] of [
    ["401", "unauthorized"],
    ["403", "forbidden"],
  ] as const) {
    await setFault(request, mode, { errorType });
    const sent = await request.post("/api/guest/codes", {
      data: { channel: "sms", phone: uniquePhone().typed },
      headers: { "x-forwarded-for": uniquePublicIp() },
    });
    expect(sent.status()).toBe(502);
    expect(((await sent.json()) as { error: unknown }).error).toMatchObject({
      code: "upstream_auth",
      message: "Coinbase did not accept this app's credentials: this cannot be done right now",
    });
  }
  await setFault(request, "ok");
  const logged = liveLogLinesSince(logStart).filter((l) => l.event === "cdp_platform_error");
  expect(logged.map((l) => [l.status, l.errorType])).toEqual([
    [401, "unauthorized"],
    [403, "forbidden"],
  ]);
  for (const line of logged) expect(line.errorMessage).toEqual(expect.stringMatching(/\w/));
});

/** A guest order placed while Coinbase answers, by a user ready for guest checkout: its id. */
async function placeGuestOrder(page: Page, browser: Browser): Promise<string> {
  await setFault(page.request, "ok");
  await readyGuest({ request: page.request, browser });
  const placed = await page.request.post("/api/guest/orders", {
    data: GUEST_ORDER,
    headers: { "x-forwarded-for": uniquePublicIp() },
  });
  expect(placed.status()).toBe(201);
  return ((await placed.json()) as { orderId: string }).orderId;
}

test("a code checked while Coinbase fails, five times, is not used up: entered once Coinbase answers, it verifies", async ({
  request,
}) => {
  await setFault(request, "ok");
  await signInByApi(request, LIVE_URL);
  const headers = () => ({ "x-forwarded-for": uniquePublicIp() });
  const sent = await request.post("/api/guest/codes", {
    data: { channel: "sms", phone: uniquePhone().typed },
    headers: headers(),
  });
  expect(sent.status()).toBe(200);
  const verify = () =>
    request.post("/api/guest/codes/verify", {
      data: { channel: "sms", code: "123456" },
      headers: headers(),
      timeout: 15_000,
    });
  await setFault(request, "500", { only: "/submit$" });
  for (let i = 0; i < 5; i++) {
    const failed = await verify();
    expect(failed.status()).toBe(502);
    expect((await errorOf(failed)).code).toBe("upstream_error");
  }
  // Not one of those was a wrong code: the sixth try is the first Coinbase could judge.
  await setFault(request, "ok");
  const verified = await verify();
  expect(verified.status()).toBe(200);
});
