import { readFileSync, statSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { LIVE_UPSTREAM_TIMEOUT_MS, LIVE_URL, PORTS, serverLogPath } from "../support/e2e-servers";
import { PARTNER_AUTH, PARTNER_ONRAMP, errorOf, leaksIn, uniquePublicIp } from "../support/api";
import { setFault } from "../support/fault-upstream";
import { signInOverHttp } from "../support/sign-in";
import { HTTP_METHODS, appRoutes } from "../support/repo-files";
import { renderPagesFirst } from "./pages-first";
import { GUEST_ORDER, ROUTES, callsByEndpoint, connect, readyGuest } from "./error-contract-routes";
import { ACCOUNT_LOADING, GUEST_ERROR_TYPES, MODES } from "./error-contract-table";

/**
 * The error contract in production order: the live server (test-only keys, every Coinbase
 * host the fault upstream) first signs a user in (code by SMTP) and renders its pages for
 * them in a real browser with Coinbase up, as a server in production has long done before
 * its first Coinbase error; then every
 * Coinbase-backed route meets every fault, and must answer what error-contract-table.ts
 * says, after exactly the upstream calls its retry policy allows. (Errors once crossed
 * route bundles through process-wide state and lost their type after a page had rendered:
 * tests that never rendered a page first could not see it.)
 */
test.use({ baseURL: LIVE_URL });

// The deadline, plus room for the round trips, a browser's page load and a busy machine (the
// browser tests run two at a time; a page took 4.8 s on a loaded 2-core machine). The faults
// that stall never end, so a route without a deadline never answers; one that waited twice is
// caught by its call count.
const ANSWER_WITHIN_MS = LIVE_UPSTREAM_TIMEOUT_MS + 6_000;

test.beforeAll(
  "with Coinbase up, a user signs in and a browser renders every page",
  async ({ browser, playwright }) => renderPagesFirst(browser, playwright),
);

/** An expectation in words, for a test's title: "502 upstream_error", "303 /connect?… session cleared". */
function summary(expected: object): string {
  const label: Record<string, string> = {
    session: "session ",
    retryAfter: "Retry-After ",
    source: "source ",
  };
  return Object.entries(expected)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .map(([k, v]) => `${label[k] ?? ""}${v}`)
    .join(" ");
}

for (const route of ROUTES) {
  test.describe(route.name, () => {
    for (const mode of MODES) {
      const calls = Object.values(route.calls(mode)).reduce((a, b) => a + b, 0);
      test(`${mode} → ${summary(route.expected(mode))} (${calls} upstream call${calls === 1 ? "" : "s"})`, async ({
        request,
        browser,
      }) => {
        const ctx = { request, browser };
        await setFault(request, "ok");
        const state = (await route.prepare?.(ctx, mode)) ?? "";

        await setFault(
          request,
          mode,
          mode === "refused" || !route.only ? {} : { only: route.only },
        );
        const started = Date.now();
        const outcome = await route.call(ctx, state);
        const elapsed = Date.now() - started;
        expect(outcome).toEqual(route.expected(mode));
        expect(await callsByEndpoint(request)).toEqual(route.calls(mode));
        expect(elapsed).toBeLessThan(ANSWER_WITHIN_MS);

        if (route.afterwards) {
          await setFault(request, "ok");
          expect(await route.afterwards.call(ctx, state)).toEqual(route.afterwards.expected(mode));
        }
      });
    }
  });
}

test("each guest error type Coinbase's v2 API documents comes back as its own code", async ({
  request,
  browser,
}) => {
  await setFault(request, "ok");
  await readyGuest({ request, browser });
  const seen: Record<string, object> = {};
  for (const errorType of Object.keys(GUEST_ERROR_TYPES)) {
    await setFault(request, "400", { errorType });
    const response = await request.post("/api/guest/quote", {
      data: GUEST_ORDER,
      headers: { "x-forwarded-for": uniquePublicIp() },
    });
    seen[errorType] = await errorOf(response);
  }
  expect(seen).toEqual(GUEST_ERROR_TYPES);
});

/**
 * A browser of a user connected to Coinbase, on /account's side of things, while the fault
 * upstream answers `fault` (set once connected), then Coinbase up again.
 */
async function connectedBrowser(
  { request, browser }: { request: APIRequestContext; browser: Browser },
  fault: Parameters<typeof setFault>,
  run: (page: Page) => Promise<void>,
) {
  await setFault(request, "ok");
  await connect({ request, browser });
  await setFault(...fault);
  const context = await browser.newContext({
    baseURL: LIVE_URL,
    storageState: await request.storageState(),
  });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
    await setFault(request, "ok");
  }
}

test("a spot price Coinbase cannot give leaves /account up: balances and the send form stay", async ({
  request,
  browser,
}) => {
  await connectedBrowser(
    { request, browser },
    [request, "500", { only: "/v2/prices" }],
    async (page) => {
      await page.goto("/account");
      await expect(page.getByRole("table")).toContainText("USDC");
      await expect(page.getByRole("form", { name: "Send crypto" })).toBeVisible();
      await expect(page.getByText("Could not load your account")).toHaveCount(0);
    },
  );
});

test("while Coinbase takes its time, /account shows the rest at once and says what it is loading", async ({
  request,
  browser,
}) => {
  // Coinbase answers nothing until the app gives up (its deadline).
  const hang: Parameters<typeof setFault> = [request, "hang", { only: "^/v2/user/auth$" }];
  await connectedBrowser({ request, browser }, hang, async (page) => {
    // The loading status lasts only until the app's deadline (1.5 s): on a busy machine the
    // browser may draw the page later than that. So the page itself notes what it showed, as
    // it showed it: whether the status came while Coinbase's answer (the error) had not.
    await page.addInitScript((loading) => {
      const seen = { loadingFirst: false };
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        if (seen.loadingFirst) return;
        const statuses = [...document.querySelectorAll('[role="status"]')];
        const error = document.body?.textContent?.includes("Coinbase did not answer in time");
        if (!error && statuses.some((s) => s.textContent?.includes(loading)))
          seen.loadingFirst = true;
      }).observe(document, { childList: true, subtree: true, characterData: true });
    }, ACCOUNT_LOADING);
    const loadingShownFirst = () =>
      page.evaluate(
        () => (window as unknown as { seen: { loadingFirst: boolean } }).seen.loadingFirst,
      );
    for (const open of [
      // Typed or reloaded: the page's first bytes come before Coinbase's answer.
      () => page.goto("/account", { waitUntil: "commit" }),
      // From the header, as users mostly arrive: the page changes at once, not on the answer.
      async () => {
        await page.goto("/");
        await page.getByRole("link", { name: "Account", exact: true }).click();
      },
    ]) {
      await open();
      await expect(page.getByRole("heading", { name: "Your account", exact: true })).toBeVisible();
      await expect(page.getByRole("region", { name: "Your ramp history" })).toBeVisible();
      await expect(page.getByText("Coinbase did not answer in time: try again")).toBeVisible();
      expect(await loadingShownFirst(), "the loading status, before Coinbase's answer").toBe(true);
      await expect(page.getByText(ACCOUNT_LOADING)).toHaveCount(0);
    }
  });
});

/**
 * A user signed in and connected on the live server, on /account, whose grant Coinbase will not
 * revoke (its revoke endpoint answers 500). The context is the caller's to close.
 */
async function connectedWhereRevokeFails(request: APIRequestContext, browser: Browser) {
  await setFault(request, "ok");
  const context = await browser.newContext({ baseURL: LIVE_URL });
  const page = await context.newPage();
  await signInOverHttp(page, { next: "/" });
  await connect({ request: page.request, browser });
  await setFault(request, "500", { only: "^/oauth2/revoke$" });
  await page.goto("/account");
  return { context, page };
}

test("Disconnect while Coinbase cannot be told to end the grant says so, as a Disconnect", async ({
  request,
  browser,
}) => {
  const { context, page } = await connectedWhereRevokeFails(request, browser);
  try {
    await page.getByText("Disconnect", { exact: true }).click();
    await page.getByRole("button", { name: "Yes, disconnect" }).click();
    await expect(page).toHaveURL(`${LIVE_URL}/connect?disconnected=unconfirmed`);
    await expect(
      page.getByRole("status").filter({ hasText: "Coinbase could not be told" }),
    ).toHaveText(
      "Disconnected here, but Coinbase could not be told: remove the app in your Coinbase settings.",
    );
    // Still signed in to the app: only the Coinbase connection ended.
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    expect((await context.cookies()).map((c) => c.name)).not.toContain("cb_session");
  } finally {
    await context.close();
  }
});

test("signing out while Coinbase cannot be told to end the grant says so, on the Connect page", async ({
  request,
  browser,
}) => {
  const { context, page } = await connectedWhereRevokeFails(request, browser);
  try {
    await expect(page.getByRole("heading", { name: "Your Coinbase account" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${LIVE_URL}/connect?disconnected=local`);
    await expect(
      page.getByRole("status").filter({
        hasText: "Coinbase could not be told: remove the app in your Coinbase settings",
      }),
    ).toBeVisible();
    expect((await context.cookies()).map((c) => c.name)).not.toContain("cb_session");
  } finally {
    await context.close();
    await setFault(request, "ok");
  }
});

/**
 * A phone link a partner's server made while Coinbase answers, and the phone's own address
 * (its mints count against its own rate limit).
 */
async function partnerPhoneLink(request: APIRequestContext) {
  await setFault(request, "ok");
  const made = await request.post("/api/handoff", {
    data: { side: "buy", request: PARTNER_ONRAMP },
    headers: { ...PARTNER_AUTH, "x-forwarded-for": uniquePublicIp() },
  });
  expect(made.status()).toBe(200);
  const link = new URL(((await made.json()) as { url: string }).url).pathname;
  return { link, phone: { "x-forwarded-for": uniquePublicIp() } };
}

test("a phone that opens its link while Coinbase is down sees a page, and the link then works", async ({
  page,
  request,
}) => {
  const { link, phone } = await partnerPhoneLink(request);
  await page.context().setExtraHTTPHeaders(phone);
  await setFault(request, "500");
  const logStart = statSync(serverLogPath(PORTS.live)).size;
  await page.goto(link);
  await page.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Coinbase did not answer just now" }),
  ).toBeVisible();
  await expect(page.getByText("the link still works")).toBeVisible();
  // The operator reads why, as our error code.
  const failed = readFileSync(serverLogPath(PORTS.live), "utf8")
    .slice(logStart)
    .split("\n")
    .filter((line) => line.includes('"event":"handoff_failed"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(failed).toMatchObject([{ level: "warn", reason: "upstream_error" }]);

  await setFault(request, "ok");
  // The page leads back to the link, which opens what it did before.
  await page.getByRole("link", { name: "Try the link again" }).click();
  await expect(page).toHaveURL(new RegExp(`/handoff/${link.split("/").pop()}$`));
  await expect(page.getByRole("button", { name: "Continue to Coinbase" })).toBeVisible();
  const again = await request.post(link, { maxRedirects: 0, headers: phone });
  expect(again.status()).toBe(303);
  expect(again.headers().location).toMatch(/^https:\/\/pay\.example\.test\//);
});

test("a phone over this app's own rate limit is told so (not that Coinbase failed), and the link still works", async ({
  page,
  request,
}) => {
  const { link, phone } = await partnerPhoneLink(request);
  // The phone's address has spent its minting allowance (a shared home network, say).
  for (;;) {
    const spent = await request.post("/api/onramp", { data: {}, headers: phone });
    if (spent.status() === 429) break;
    expect(spent.status()).toBe(401);
  }
  await page.context().setExtraHTTPHeaders(phone);
  await setFault(request, "ok"); // (counts Coinbase's calls from here)
  await page.goto(link);
  await page.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Too many tries just now" }),
  ).toBeVisible();
  await expect(page.getByText("wait a minute, then open it again")).toBeVisible();
  await expect(page.getByRole("link", { name: "Try the link again" })).toHaveAttribute(
    "href",
    link.replace("/h/", "/handoff/"),
  );
  expect(await callsByEndpoint(request)).toEqual({});
});

test("a path whose percent-encoding does not decode is a 400 (the envelope under /api), never a 500", async ({
  request,
}) => {
  const logStart = statSync(serverLogPath(PORTS.live)).size;
  const bad = "%E0%A4%A";
  for (const path of [`/api/handoff/${bad}`, `/api/anything/${bad}`]) {
    const response = await request.get(path, { headers: PARTNER_AUTH });
    expect(await errorOf(response), path).toEqual({ status: 400, code: "invalid_request" });
  }
  for (const path of [`/h/${bad}`, `/buy/guest/orders/${bad}`]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    expect(response.headers()["content-type"]).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain("This address is not valid");
    expect(leaksIn(page)).toEqual([]);
  }
  // A good path holding a % is left alone.
  expect((await request.get("/buy?x=%41", { maxRedirects: 0 })).status()).toBe(200);
  expect((await request.get("/h/%41%41", { maxRedirects: 0 })).status()).toBe(303);
  const logged = readFileSync(serverLogPath(PORTS.live), "utf8").slice(logStart);
  expect(logged).not.toMatch(/"status":5\d\d|URIError|Failed to decode/);
});

test("a method a route does not take, or a path under /api no route serves, answers in the envelope", async ({
  request,
}) => {
  const routes = appRoutes();
  // The enumeration found the routes: those the README lists, each with what it takes.
  expect(routes).toContainEqual({ path: "/api/onramp", takes: ["POST"] });
  expect(routes).toContainEqual({ path: "/h/test-value", takes: ["GET", "POST"] });
  const answers: Record<string, object> = {};
  const expected: Record<string, object> = {};
  for (const { path, takes } of routes) {
    const allow = [...takes, ...(takes.includes("GET") ? ["HEAD"] : []), "OPTIONS"]
      .sort()
      .join(", ");
    for (const method of HTTP_METHODS.filter((m) => !takes.includes(m))) {
      const response = await request.fetch(path, { method, maxRedirects: 0 });
      answers[`${method} ${path}`] = {
        ...(await errorOf(response)),
        allow: response.headers().allow,
      };
      expected[`${method} ${path}`] = { status: 405, code: "method_not_allowed", allow };
    }
    const options = await request.fetch(path, { method: "OPTIONS", maxRedirects: 0 });
    answers[`OPTIONS ${path}`] = { status: options.status(), allow: options.headers().allow };
    expected[`OPTIONS ${path}`] = { status: 204, allow };
  }
  for (const path of [
    "/api",
    "/api/nope",
    "/api/onramp/extra",
    "/api/oauth/transactions/only-one",
  ]) {
    for (const method of HTTP_METHODS) {
      const response = await request.fetch(path, { method, maxRedirects: 0 });
      answers[`${method} ${path}`] = await errorOf(response);
      expected[`${method} ${path}`] = { status: 404, code: "not_found" };
    }
  }
  expect(answers).toEqual(expected);
});
