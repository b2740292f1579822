import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import {
  EVM_ADDRESS,
  PARTNER_AUTH,
  PARTNER_ONRAMP,
  PARTNER_RETURN_PAGE,
  VALID_ONRAMP,
  VALID_QUOTE,
  errorOf,
  uniquePublicIp,
} from "../support/api";
import { LIVE_URL } from "../support/e2e-servers";
import { signInByApi } from "../support/sign-in";
import { uniquePhone } from "./guest-page";
import {
  MINT_PATH,
  OAUTH_TOKEN_PATH,
  upstreamCalls,
  upstreamHits,
} from "../support/fault-upstream";
import { ACCOUNT_IDS } from "../support/fault-upstream-answers.mjs";
import {
  ACCOUNT_PAGE,
  API_ANSWER,
  CALLS,
  CDP_ANSWER,
  GUEST_ANSWER,
  SEND_ANSWER,
  MODES,
  REFRESH_ENDS,
  callbackTarget,
  optionsAfterwards,
  optionsSource,
  revoked,
  type JsonAnswer,
  type Mode,
} from "./error-contract-table";

/**
 * Every Coinbase-backed route of the live server, for error-contract-production-order.spec.ts:
 * the state it needs, how to call it, and which column of error-contract-table.ts it answers by.
 * The minting routes are called by both kinds of caller: a partner's server (API key) and a
 * user signed in with an emailed code (session cookie).
 */

export interface Ctx {
  request: APIRequestContext;
  browser: Browser;
}

/** One Coinbase-backed route: how to call it, and what it must answer under each mode. */
export interface Route {
  name: string;
  /** State the call needs (a cookie in `request`, a link id), made while Coinbase is up. */
  prepare?: (ctx: Ctx, mode: Mode) => Promise<string>;
  call: (ctx: Ctx, state: string) => Promise<object>;
  expected: (mode: Mode) => object;
  /** Upstream calls by path: a route calls one endpoint, unless said otherwise. */
  calls: (mode: Mode) => Record<string, number>;
  /**
   * Only the calls whose path matches meet the fault (a regular expression), the route's
   * earlier calls being answered: "refused" closes the whole port all the same.
   */
  only?: string;
  /** Once Coinbase is back, the same state again. */
  afterwards?: {
    call: (ctx: Ctx, state: string) => Promise<object>;
    expected: (mode: Mode) => object;
  };
}

const ip = () => ({ "x-forwarded-for": uniquePublicIp() });
const callsTo = (path: string, n: number): Record<string, number> => (n ? { [path]: n } : {});
const twice = (calls: Record<string, number>) =>
  Object.fromEntries(Object.entries(calls).map(([path, n]) => [path, 2 * n]));
const mintCalls = (mode: Mode) => callsTo(MINT_PATH, CALLS[mode].idempotent);
// A region per mode that nothing else asks for: options once fetched are cached for minutes.
const OPTIONS_STATE = Object.fromEntries(
  MODES.map((mode, i) => [mode, "WY AL AK AZ AR CO CT DE FL GA HI ID IL IN IA KS".split(" ")[i]!]),
) as Record<Mode, string>;

const OPTIONS_PATH = "/onramp/v1/buy/options";

async function optionsOf({ request }: Ctx, state: string) {
  const response = await request.get(`/api/options?side=buy&country=US&subdivision=${state}`, {
    headers: ip(),
    timeout: 15_000,
  });
  return {
    status: response.status(),
    source: ((await response.json()) as { source: string }).source,
  };
}

async function postJson(
  request: APIRequestContext,
  path: string,
  data: unknown,
  headers: Record<string, string> = {},
) {
  return jsonAnswer(
    await request.post(path, { data, headers: { ...headers, ...ip() }, timeout: 15_000 }),
  );
}

/** A partner's server: its API key, its user named in the body. */
const asPartner = (request: APIRequestContext, path: string, data: object) =>
  postJson(
    request,
    path,
    { ...data, partnerUserRef: PARTNER_ONRAMP.partnerUserRef, redirectUrl: PARTNER_RETURN_PAGE },
    PARTNER_AUTH,
  );

/** Signs `request` in (the live server mails the code to the SMTP sink). */
async function signIn({ request }: Ctx): Promise<string> {
  await signInByApi(request, LIVE_URL);
  return "";
}

/** Status, error code and Retry-After of a JSON answer (the envelope checked on the way). */
async function jsonAnswer(response: APIResponse): Promise<JsonAnswer> {
  const retryAfter = response.headers()["retry-after"];
  const answer = response.ok() ? { status: response.status() } : await errorOf(response);
  return retryAfter === undefined ? answer : { ...answer, retryAfter };
}

/** Where a redirect goes: a path on the app, or another origin. */
function target(response: APIResponse): string {
  const location = new URL(response.headers().location ?? "", LIVE_URL);
  return location.origin === LIVE_URL ? `${location.pathname}${location.search}` : location.origin;
}

/** What a response did to the OAuth session cookie. */
function sessionCookie(response: APIResponse): "set" | "cleared" | "untouched" {
  const cookie = response
    .headersArray()
    .find((h) => h.name.toLowerCase() === "set-cookie" && /^(__Host-)?cb_session=/.test(h.value));
  if (!cookie) return "untouched";
  return /^(__Host-)?cb_session=;/.test(cookie.value) ? "cleared" : "set";
}

async function redirect(response: APIResponse) {
  return { status: response.status(), to: target(response), session: sessionCookie(response) };
}

async function startAuthorization(request: APIRequestContext): Promise<string> {
  // A fresh client: Connect starts are limited per client, and these tests start dozens.
  const start = await request.get(
    "/api/oauth/authorize?scope=wallet:user:read,wallet:accounts:read",
    { maxRedirects: 0, headers: ip() },
  );
  expect(start.status()).toBe(303);
  return new URL(start.headers().location!).searchParams.get("state")!;
}

const callback = (request: APIRequestContext, state: string) =>
  request.get(`/oauth/callback?code=code-from-coinbase&state=${state}`, {
    maxRedirects: 0,
    timeout: 15_000,
  });

/** The guest checkout's v2 onramp API, on the CDP platform host. */
const GUEST_API = "/platform/v2/onramp";
/** A number no earlier call texted: codes to one number are capped (1 a minute). */
const guestPhone = () => uniquePhone().typed;
export const GUEST_ORDER = {
  asset: "USDC",
  network: "base",
  address: EVM_ADDRESS,
  amount: "25.00",
  paymentMethod: "GUEST_CHECKOUT_APPLE_PAY",
};

/** What the user does on /guest before a guest route works, with Coinbase up: each answered 200. */
async function guestSteps(request: APIRequestContext, steps: [string, object][]) {
  for (const [path, data] of steps)
    expect(await postJson(request, path, data), `${path} ${JSON.stringify(data)}`).toEqual({
      status: 200,
    });
}

const verifySms = (request: APIRequestContext) =>
  postJson(request, "/api/guest/codes/verify", { channel: "sms", code: "123456" });

/** Signed in, with the phone verified by Coinbase's code. */
async function verifiedPhone(ctx: Ctx): Promise<string> {
  await signIn(ctx);
  await guestSteps(ctx.request, [
    ["/api/guest/codes", { channel: "sms", phone: guestPhone() }],
    ["/api/guest/codes/verify", { channel: "sms", code: "123456" }],
  ]);
  return "";
}

/** Signed in, phone and email verified, Coinbase's terms accepted: ready to quote and order. */
export async function readyGuest(ctx: Ctx): Promise<string> {
  await verifiedPhone(ctx);
  await guestSteps(ctx.request, [
    ["/api/guest/codes", { channel: "email" }],
    ["/api/guest/codes/verify", { channel: "email", code: "654321" }],
    ["/api/guest/agreement", { accepted: true }],
  ]);
  return "";
}

/** The send scope's account (the fault upstream lists it with the same id every time). */
const SEND_ACCOUNT = ACCOUNT_IDS.USDC;
const SEND_PATH = `/v2/accounts/${SEND_ACCOUNT}/transactions`;

/** Connects: `request` then holds a session cookie. */
export async function connect({ request }: Ctx): Promise<string> {
  const answer = await callback(request, await startAuthorization(request));
  expect(target(answer)).toBe("/account?connected=1");
  return "";
}

export const ROUTES: Route[] = [
  {
    name: "POST /api/session-token (API key)",
    call: ({ request }) =>
      postJson(
        request,
        "/api/session-token",
        { addresses: [{ address: EVM_ADDRESS, blockchains: ["base"] }], assets: ["USDC"] },
        PARTNER_AUTH,
      ),
    expected: (mode) => CDP_ANSWER[mode],
    calls: mintCalls,
  },
  {
    name: "POST /api/onramp (API key)",
    call: ({ request }) => asPartner(request, "/api/onramp", VALID_ONRAMP),
    expected: (mode) => CDP_ANSWER[mode],
    calls: mintCalls,
  },
  {
    name: "POST /api/onramp (signed in)",
    prepare: signIn,
    call: ({ request }) => postJson(request, "/api/onramp", VALID_ONRAMP),
    expected: (mode) => CDP_ANSWER[mode],
    calls: mintCalls,
  },
  {
    name: "POST /api/offramp (API key)",
    call: ({ request }) => asPartner(request, "/api/offramp", VALID_ONRAMP),
    expected: (mode) => CDP_ANSWER[mode],
    calls: mintCalls,
  },
  {
    name: "GET /api/options",
    prepare: async (_ctx, mode) => OPTIONS_STATE[mode],
    call: (ctx, state) => optionsOf(ctx, state),
    expected: (mode) => ({ status: 200, source: optionsSource(mode) }),
    calls: (mode) => callsTo(OPTIONS_PATH, CALLS[mode].idempotent),
    // What was kept of the answer: a refusal stands for a minute, a failure is asked again.
    afterwards: {
      call: async (ctx, state) => ({
        ...(await optionsOf(ctx, state)),
        calls: await upstreamHits(ctx.request, OPTIONS_PATH),
      }),
      expected: (mode) => ({ status: 200, ...optionsAfterwards(mode) }),
    },
  },
  {
    name: "POST /api/quote",
    call: ({ request }) => postJson(request, "/api/quote", VALID_QUOTE),
    expected: (mode) => CDP_ANSWER[mode],
    calls: (mode) => callsTo("/onramp/v1/buy/quote", CALLS[mode].idempotent),
  },
  {
    name: "GET /api/transactions (signed in)",
    // The signed-in user's list, after a mint of theirs.
    prepare: async (ctx) => {
      await signIn(ctx);
      expect((await postJson(ctx.request, "/api/onramp", VALID_ONRAMP)).status).toBe(200);
      return "";
    },
    call: async ({ request }) => {
      const response = await request.get("/api/transactions?side=buy", {
        headers: ip(),
        timeout: 15_000,
      });
      const body = (await response.json()) as { transactions?: unknown[] };
      return { status: response.status(), rows: body.transactions?.length };
    },
    // The ledger is served whatever Coinbase does: a failed sync leaves the row as it was.
    expected: () => ({ status: 200, rows: 1 }),
    calls: (mode) => callsTo("/onramp/v1/buy/user/{ref}/transactions", CALLS[mode].idempotent),
  },
  {
    name: "POST /h/<id> (Continue on /handoff/<id>, after POST /api/handoff, signed in)",
    prepare: async (ctx) => {
      const { request } = ctx;
      await signIn(ctx);
      const response = await request.post("/api/handoff", {
        data: { side: "buy", request: VALID_ONRAMP },
        headers: ip(),
      });
      expect(response.status()).toBe(200);
      return new URL(((await response.json()) as { url: string }).url).pathname;
    },
    // The link's own id, where the page leads back to it, read as "<this link>".
    call: async (ctx, link) => {
      const outcome = await openLink(ctx, link);
      if (!("to" in outcome)) return outcome;
      return {
        ...outcome,
        to: outcome.to.replace(`id=${link.split("/").pop()}`, "id=<this link>"),
      };
    },
    // A phone opens it as a page: a failure lands on one that says whether to try again (and
    // leads back to the link when it may work).
    expected: (mode) => ({
      status: 303,
      to:
        mode === "ok"
          ? "https://pay.example.test"
          : ["400", "401", "403"].includes(mode)
            ? "/handoff?link=refused"
            : "/handoff?link=retry&id=<this link>",
    }),
    calls: mintCalls,
    // A link works once: a mint that failed did not use it up.
    afterwards: {
      call: (ctx, link) => openLink(ctx, link),
      expected: (mode) => ({
        status: 303,
        // Used: the page that says so leads to the order (its side).
        to: mode === "ok" ? "/handoff?link=used&side=buy" : "https://pay.example.test",
      }),
    },
  },
  {
    name: "GET /oauth/callback",
    prepare: ({ request }) => startAuthorization(request),
    call: async ({ request }, state) => redirect(await callback(request, state)),
    expected: (mode) => ({
      status: 303,
      to: callbackTarget(mode),
      session: mode === "ok" ? "set" : "untouched",
    }),
    // After the code exchange, the grant as given (/v2/user/auth), when there is one.
    calls: (mode) => ({
      ...callsTo(OAUTH_TOKEN_PATH, CALLS[mode].connectOnly),
      ...(mode === "ok" ? { "/v2/user/auth": 1 } : {}),
    }),
  },
  {
    name: "GET /oauth/refresh",
    prepare: connect,
    call: async ({ request }) =>
      redirect(await request.get("/oauth/refresh", { maxRedirects: 0, timeout: 15_000 })),
    expected: (mode) => {
      const ends = REFRESH_ENDS[mode];
      if (ends === "renewed")
        return {
          status: 303,
          to: expect.stringMatching(/^\/account\?refreshed=\d+$/),
          session: "set",
        };
      if (ends === "session_ended")
        return { status: 303, to: "/oauth/result?failure=session_ended", session: "cleared" };
      // Failed, ending nothing: back to /account, which says so beside the history.
      return {
        status: 303,
        to: expect.stringMatching(new RegExp(`^/account\\?refreshed=\\d+&renewal=${ends}$`)),
        session: "untouched",
      };
    },
    calls: (mode) => callsTo(OAUTH_TOKEN_PATH, CALLS[mode].connectOnly),
  },
  {
    name: "POST /oauth/disconnect",
    prepare: connect,
    call: async ({ request }) =>
      redirect(await request.post("/oauth/disconnect", { maxRedirects: 0, timeout: 15_000 })),
    expected: (mode) => ({
      status: 303,
      to: `/connect?disconnected=${revoked(mode)}`,
      session: "cleared",
    }),
    // The refresh token, then the access token, each on its own, within one deadline: when
    // Coinbase takes all of it answering the first, the second is not tried.
    calls: (mode) =>
      callsTo(
        "/oauth2/revoke",
        (mode === "hang" || mode === "slow-body" ? 1 : 2) * CALLS[mode].idempotent,
      ),
  },
  {
    name: "GET /account (in a browser)",
    prepare: connect,
    call: async ({ request, browser }) => {
      const context = await browser.newContext({
        baseURL: LIVE_URL,
        storageState: await request.storageState(),
      });
      try {
        const page = await context.newPage();
        await page.goto("/account", { timeout: 15_000 });
        // The Coinbase part streams in after the rest of the page (its answer arrives hidden,
        // then takes the place of "Loading…"): read it once it is shown, or once the browser
        // has gone on (Coinbase refused the token: it is renewed).
        const coinbasePart = page.locator('section[aria-labelledby="coinbase-title"]');
        const loading = coinbasePart.and(page.locator("[aria-busy]"));
        const answered = coinbasePart.and(page.locator(":not([aria-busy])"));
        await expect
          .poll(
            async () =>
              new URL(page.url()).pathname !== "/account" ||
              ((await loading.count()) === 0 && (await answered.count()) > 0),
            { timeout: 15_000 },
          )
          .toBe(true);
        const url = new URL(page.url());
        // On /account, the Coinbase part (beside the ramp history); elsewhere, the page.
        const part = url.pathname === "/account" ? answered : page.getByRole("main");
        return {
          path: `${url.pathname}${url.search}`,
          heading: await part.getByRole("heading").first().innerText(),
          text: await part.innerText(),
          // The connection still works whatever Coinbase answered: connecting over it would
          // replace, and revoke, it.
          connectOffered: (await part.getByRole("link", { name: "Connect Coinbase" }).count()) > 0,
        };
      } finally {
        await context.close();
      }
    },
    expected: (mode) => {
      const { path, heading, text } = ACCOUNT_PAGE[mode];
      return {
        path: typeof path === "string" ? path : expect.stringMatching(path),
        heading,
        text: expect.stringContaining(text),
        connectOffered: false,
      };
    },
    calls: (mode) => {
      // The grant lets the app send: each account's price in the limit's currency too.
      if (mode === "ok")
        return {
          "/v2/user/auth": 1,
          "/v2/user": 1,
          "/v2/accounts": 1,
          "/v2/prices/BTC-USD/spot": 1,
          "/v2/prices/USDC-USD/spot": 1,
        };
      const calls = callsTo("/v2/user/auth", CALLS[mode].idempotent);
      // The access token died: the page renews it, and the renewal meets the fault too.
      return mode === "401" ? { ...calls, [OAUTH_TOKEN_PATH]: 1 } : calls;
    },
  },
];

ROUTES.push(
  {
    name: "POST /api/guest/codes (sms)",
    prepare: signIn,
    call: ({ request }) =>
      postJson(request, "/api/guest/codes", { channel: "sms", phone: guestPhone() }),
    expected: (mode) => GUEST_ANSWER[mode],
    // Each call sends a text message, under an X-Idempotency-Key of its own: a repeat after a
    // lost answer sends no second message, so it is repeated like a read.
    calls: (mode) => callsTo(`${GUEST_API}/verifications`, CALLS[mode].idempotent),
  },
  {
    name: "POST /api/guest/codes/verify (sms, code sent)",
    prepare: async (ctx) => {
      await signIn(ctx);
      await guestSteps(ctx.request, [
        ["/api/guest/codes", { channel: "sms", phone: guestPhone() }],
      ]);
      return "";
    },
    call: ({ request }) => verifySms(request),
    expected: (mode) => GUEST_ANSWER[mode],
    // A code is accepted once, but sent under an X-Idempotency-Key (the verification and the
    // code): a repeat after a lost answer gets the first answer, so it is repeated like a read.
    calls: (mode) => callsTo(`${GUEST_API}/verifications/{id}/submit`, CALLS[mode].idempotent),
    // A failed check keeps the code sent, so the user just enters it again; a phone verified
    // moments ago (that answer lost, say) is verified: entered again, it goes on.
    afterwards: {
      call: ({ request }) => verifySms(request),
      expected: () => ({ status: 200 }),
    },
  },
  {
    name: "GET /api/guest/limits (phone verified)",
    prepare: verifiedPhone,
    call: async ({ request }) =>
      jsonAnswer(await request.get("/api/guest/limits", { headers: ip(), timeout: 15_000 })),
    expected: (mode) => GUEST_ANSWER[mode],
    calls: (mode) => callsTo(`${GUEST_API}/limits`, CALLS[mode].idempotent),
  },
  {
    name: "POST /api/guest/limits/upgrade (phone verified)",
    prepare: verifiedPhone,
    call: ({ request }) => postJson(request, "/api/guest/limits/upgrade", {}),
    expected: (mode) => GUEST_ANSWER[mode],
    // Each request makes a session at Coinbase: never sent twice.
    calls: (mode) => callsTo(`${GUEST_API}/limits/upgrade`, CALLS[mode].connectOnly),
  },
  {
    name: "POST /api/guest/quote (ready to order)",
    prepare: readyGuest,
    call: ({ request }) => postJson(request, "/api/guest/quote", GUEST_ORDER),
    expected: (mode) => GUEST_ANSWER[mode],
    // `isQuote`: nothing is created, so it is asked again like any read.
    calls: (mode) => callsTo(`${GUEST_API}/orders`, CALLS[mode].idempotent),
  },
  {
    name: "POST /api/guest/orders (ready to order)",
    prepare: readyGuest,
    call: ({ request }) => postJson(request, "/api/guest/orders", GUEST_ORDER),
    expected: (mode) => (mode === "ok" ? { status: 201 } : GUEST_ANSWER[mode]),
    // The limits are checked first (answered); the order itself is never sent twice.
    only: `^${GUEST_API}/orders$`,
    calls: (mode) =>
      mode === "refused"
        ? {}
        : {
            [`${GUEST_API}/limits`]: 1,
            ...callsTo(`${GUEST_API}/orders`, CALLS[mode].connectOnly),
          },
  },
  {
    name: "GET /api/guest/orders/<id> (after an order)",
    prepare: async (ctx) => {
      await readyGuest(ctx);
      const response = await ctx.request.post("/api/guest/orders", {
        data: GUEST_ORDER,
        headers: ip(),
      });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { orderId: string }).orderId;
    },
    call: async ({ request }, orderId) =>
      jsonAnswer(
        await request.get(`/api/guest/orders/${orderId}`, { headers: ip(), timeout: 15_000 }),
      ),
    expected: (mode) => GUEST_ANSWER[mode],
    calls: (mode) => callsTo(`${GUEST_API}/orders/{id}`, CALLS[mode].idempotent),
  },
  {
    name: "POST /api/oauth/send (connected, send granted)",
    prepare: connect,
    call: ({ request }) =>
      postJson(
        request,
        "/api/oauth/send",
        {
          accountId: SEND_ACCOUNT,
          network: "base",
          to: EVM_ADDRESS,
          amount: "10",
          idem: randomUUID(),
        },
        { origin: LIVE_URL },
      ),
    expected: (mode) => SEND_ANSWER[mode],
    // The grant, the accounts and the price are read first (answered): without the history
    // granted, the send is still held to the whole limit, valued at the spot price. The send
    // carries its `idem`, so a request that may not have arrived is sent again (Coinbase
    // answers a repeat with the first send), exactly as often as a read. A 401 is an access
    // token that died: it is renewed once (the token endpoint answers) and the whole send made
    // again.
    only: `^${SEND_PATH}$`,
    calls: (mode) => {
      if (mode === "refused") return {};
      const calls = {
        "/v2/user/auth": 1,
        "/v2/accounts": 1,
        "/v2/prices/USDC-USD/spot": 1,
        ...callsTo("/v2/accounts/{id}/transactions", CALLS[mode].idempotent),
      };
      return mode === "401" ? { ...twice(calls), [OAUTH_TOKEN_PATH]: 1 } : calls;
    },
  },
  {
    name: "GET /api/oauth/transactions/<account>/<id> (connected)",
    prepare: connect,
    call: async ({ request }) =>
      jsonAnswer(
        await request.get(`/api/oauth/transactions/${SEND_ACCOUNT}/${randomUUID()}`, {
          headers: ip(),
          timeout: 15_000,
        }),
      ),
    expected: (mode) => API_ANSWER[mode],
    // As for the send: after a 401 the token is renewed (answered) and the read made again.
    only: "^/v2/accounts/[^/]+/transactions/[^/]+$",
    calls: (mode) => {
      const calls = callsTo("/v2/accounts/{id}/transactions/{id}", CALLS[mode].idempotent);
      return mode === "401" ? { ...twice(calls), [OAUTH_TOKEN_PATH]: 1 } : calls;
    },
  },
);

/** "Continue to Coinbase" on a phone link's page: the POST that mints. */
async function openLink({ request }: Ctx, link: string) {
  const response = await request.post(link, {
    headers: ip(),
    maxRedirects: 0,
    timeout: 15_000,
  });
  return response.status() === 303 ? { status: 303, to: target(response) } : jsonAnswer(response);
}

/** Upstream calls since the fault was set, by endpoint (a user's reference and ids made generic). */
export async function callsByEndpoint(request: APIRequestContext) {
  const calls = await upstreamCalls(request);
  return Object.fromEntries(
    Object.entries(calls).map(([path, n]) => [
      path
        .replace(/\/user\/[^/]+\//, "/user/{ref}/")
        .replace(
          /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/g,
          "/{id}",
        ),
      n,
    ]),
  );
}
