import assert from "node:assert/strict";
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import {
  EVM_ADDRESS,
  PARTNER_AUTH,
  PARTNER_ONRAMP,
  VALID_QUOTE,
  envelopeProblem,
  leaksIn,
  uniquePublicIp,
} from "../support/api";
import { badRequestsFor } from "../support/fuzz/bad-bodies";
import {
  authorizeQuery,
  callbackQuery,
  optionsQuery,
  pageQuery,
  transactionsQuery,
} from "../support/fuzz/odd-queries";
import { FAULT_UPSTREAM_URL, LIVE_URL } from "../support/e2e-servers";
import { setFault } from "../support/fault-upstream";
import { signInByApi } from "../support/sign-in";

/**
 * Property: whatever a client sends, the live server answers without a 5xx, in the error
 * envelope (or a genuine success), and with no stack trace, path or secret in the answer.
 * Each request comes from its own client IP, so the rate limit never hides the validation,
 * and carries the partner's API key, so the sign-in check does not either.
 *
 * Thousands of requests: they go through Node's fetch with plain assertions, since
 * Playwright would record each call and each expect as a step of the report.
 */
const RUNS = 1_000;

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function send(
  path: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${LIVE_URL}${path}`, {
    ...init,
    redirect: "manual",
    headers: { "x-forwarded-for": uniquePublicIp(), ...PARTNER_AUTH, ...init.headers },
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** No 5xx, and nothing in the status line, headers or body that a client must not see. */
function assertSafe(answer: Answer) {
  assert.ok(answer.status < 500, `status ${answer.status}: ${answer.body.slice(0, 500)}`);
  const whole = [
    String(answer.status),
    ...[...answer.headers].map(([k, v]) => `${k}: ${v}`),
    answer.body,
  ].join("\n");
  assert.deepEqual(leaksIn(whole), [], whole.slice(0, 2_000));
}

function assertEnvelope(answer: Answer) {
  let json: unknown;
  assert.doesNotThrow(
    () => (json = JSON.parse(answer.body)),
    `not JSON: ${answer.body.slice(0, 200)}`,
  );
  assert.equal(envelopeProblem(json), null, answer.body.slice(0, 500));
}

/** Node's own answer when the request line and headers pass its 16 KB limit: the app never sees those. */
const HEADERS_TOO_LARGE = 431;

/** Counts statuses (or outcomes), so the test can show the generators reached every kind of answer. */
class Tally {
  private counts = new Map<string, number>();
  add(key: string | number) {
    this.counts.set(String(key), (this.counts.get(String(key)) ?? 0) + 1);
  }
  keys() {
    return [...this.counts.keys()].sort();
  }
  report() {
    return JSON.stringify(Object.fromEntries([...this.counts].sort()));
  }
}

interface JsonRoute {
  path: string;
  valid: Record<string, unknown>;
  /** A 200 for a body that happens to be valid (the fault upstream mints in mode ok). */
  assertSuccess: (body: Record<string, unknown>) => void;
}

const assertRampUrl = (body: Record<string, unknown>) => {
  assert.equal(typeof body.url, "string");
  assert.equal(typeof body.expiresAt, "string");
};

const JSON_ROUTES: JsonRoute[] = [
  {
    path: "/api/session-token",
    valid: { addresses: [{ address: EVM_ADDRESS, blockchains: ["base"] }], assets: ["USDC"] },
    assertSuccess: (body) => assert.match(String(body.token), /^t-/),
  },
  { path: "/api/onramp", valid: PARTNER_ONRAMP, assertSuccess: assertRampUrl },
  { path: "/api/offramp", valid: PARTNER_ONRAMP, assertSuccess: assertRampUrl },
  {
    path: "/api/quote",
    valid: VALID_QUOTE,
    assertSuccess: (body) => assert.match(String(body.quoteId), /^q-/),
  },
  {
    path: "/api/handoff",
    valid: { side: "buy", request: PARTNER_ONRAMP },
    assertSuccess: (body) => {
      assertRampUrl(body);
      assert.match(String(body.qrSvg), /^<svg/);
    },
  },
];

test.beforeEach(async ({ request }) => {
  test.setTimeout(90_000);
  await setFault(request, "ok");
});

for (const route of JSON_ROUTES) {
  test(`POST ${route.path}: ${RUNS} malformed requests, never a 5xx, always the envelope`, async () => {
    const statuses = new Tally();
    await fc.assert(
      fc.asyncProperty(badRequestsFor(route.valid), async ({ contentType, body }) => {
        const answer = await send(route.path, {
          method: "POST",
          body: new Uint8Array(body),
          headers: contentType === undefined ? {} : { "content-type": contentType },
        });
        statuses.add(answer.status);
        assertSafe(answer);
        if (answer.status === 200)
          route.assertSuccess(JSON.parse(answer.body) as Record<string, unknown>);
        else {
          assert.ok([400, 413, 415].includes(answer.status), `status ${answer.status}`);
          assertEnvelope(answer);
        }
      }),
      { numRuns: RUNS },
    );
    test.info().annotations.push({ type: "statuses", description: statuses.report() });
    // Every refusal was reached, and now and then a body valid by chance.
    expect(statuses.keys()).toEqual(["200", "400", "413", "415"]);
  });
}

test(`GET /api/oauth/authorize: ${RUNS} odd queries, never a 5xx`, async () => {
  const statuses = new Tally();
  await fc.assert(
    fc.asyncProperty(authorizeQuery, async (query) => {
      const answer = await send(`/api/oauth/authorize?${query}`);
      statuses.add(answer.status);
      assertSafe(answer);
      if (answer.status === 303) {
        // Only ever to the authorization server, whatever the query says.
        assert.ok(
          answer.headers.get("location")?.startsWith(`${FAULT_UPSTREAM_URL}/oauth2/auth?`),
          answer.headers.get("location") ?? "",
        );
      } else if (answer.status !== HEADERS_TOO_LARGE) {
        assert.equal(answer.status, 400);
        assertEnvelope(answer);
      }
    }),
    { numRuns: RUNS },
  );
  test.info().annotations.push({ type: "statuses", description: statuses.report() });
  expect(statuses.keys()).toEqual(expect.arrayContaining(["303", "400"]));
});

const QUERY_ROUTES = [
  {
    path: "/api/options",
    query: optionsQuery,
    assertSuccess: (body: Record<string, unknown>) => assert.ok(Array.isArray(body.assets)),
  },
  {
    path: "/api/transactions",
    query: transactionsQuery,
    // A partner's server naming its user (some minted during the fuzzing above): their list.
    assertSuccess: (body: Record<string, unknown>) => {
      assert.ok(Array.isArray(body.transactions));
      for (const t of body.transactions as Array<Record<string, unknown>>)
        assert.equal(typeof t.id, "string");
    },
  },
];

for (const route of QUERY_ROUTES) {
  test(`GET ${route.path}: ${RUNS} odd queries, never a 5xx, always the envelope`, async () => {
    const statuses = new Tally();
    await fc.assert(
      fc.asyncProperty(route.query, async (query) => {
        const answer = await send(`${route.path}?${query}`);
        statuses.add(answer.status);
        assertSafe(answer);
        if (answer.status === 200)
          route.assertSuccess(JSON.parse(answer.body) as Record<string, unknown>);
        else if (answer.status !== HEADERS_TOO_LARGE) {
          assert.equal(answer.status, 400);
          assertEnvelope(answer);
        }
      }),
      { numRuns: RUNS },
    );
    test.info().annotations.push({ type: "statuses", description: statuses.report() });
    expect(statuses.keys()).toEqual(expect.arrayContaining(["200", "400"]));
  });
}

/** The cookies a response sets, as one Cookie header (good enough for one flow). */
function cookieHeader(response: Answer, previous = ""): string {
  const jar = new Map(
    previous
      ? previous.split("; ").map((c) => c.split(/=(.*)/s).slice(0, 2) as [string, string])
      : [],
  );
  for (const line of response.headers.getSetCookie()) {
    const [name, value] = line.split(";")[0]!.split(/=(.*)/s) as [string, string];
    if (value && !/max-age=0\b/i.test(line)) jar.set(name, value);
    else jar.delete(name);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

test(`GET /oauth/callback: ${RUNS} odd queries, with and without a sign-in pending, never a 5xx`, async () => {
  const outcomes = new Tally();
  const flows = ["none", "pending", "pending with its state"] as const;
  await fc.assert(
    fc.asyncProperty(callbackQuery, fc.constantFrom(...flows), async (query, flow) => {
      let search = query;
      let cookie = "";
      if (flow !== "none") {
        const start = await send("/api/oauth/authorize?scope=wallet:user:read");
        assert.equal(start.status, 303);
        cookie = cookieHeader(start);
        const state = new URL(start.headers.get("location")!).searchParams.get("state");
        // A repeated parameter is read by its first value: ours.
        if (flow === "pending with its state") search = `state=${state}&${query}`;
      }
      const answer = await send(`/oauth/callback?${search}`, { headers: { cookie } });
      assertSafe(answer);
      if (answer.status === HEADERS_TOO_LARGE) return outcomes.add(answer.status);
      assert.equal(answer.status, 303);
      // Always to a page of ours, whatever the query says.
      const target = new URL(answer.headers.get("location")!);
      assert.equal(target.origin, LIVE_URL);
      assert.ok(["/account", "/oauth/result"].includes(target.pathname), target.pathname);
      outcomes.add(target.search);

      // Coinbase's error text travels to the result page in a cookie: the page must render it.
      const withDetail = cookieHeader(answer, cookie);
      if (withDetail.includes("cb_oauth_detail=")) {
        const page = await send(`${target.pathname}${target.search}`, {
          headers: { cookie: withDetail },
        });
        assert.equal(page.status, 200);
        assertSafe(page);
      }
    }),
    { numRuns: RUNS },
  );
  test.info().annotations.push({ type: "outcomes", description: outcomes.report() });
  // Every way a callback can end was reached.
  for (const outcome of [
    "connected=1",
    "failure=state_missing",
    "failure=state_mismatch",
    "failure=coinbase_error",
    "failure=declined",
    "failure=code_missing",
  ]) {
    expect(outcomes.keys()).toContain(`?${outcome}`);
  }
});

const PAGES = [
  "/",
  "/buy",
  "/sell",
  "/buy/complete",
  "/sell/complete",
  "/buy/guest",
  "/account",
  "/connect",
  "/handoff",
  "/oauth/result",
  "/sign-in",
];
const PAGE_RUNS = 40;

test(`pages, signed in: ${PAGE_RUNS} odd links each, never a 5xx`, async ({ request }) => {
  test.setTimeout(180_000);
  await signInByApi(request, LIVE_URL);
  const { cookies } = await request.storageState();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const open = (path: string) => send(path, { headers: { cookie, accept: "text/html" } });
  // Once a 500: an order id with a NUL byte went to Postgres; a path in another script went
  // into a Location header as typed.
  assertSafe(await open("/buy/guest?country=US&replaces=%00"));
  assertSafe(await open("/buy/guest?country=US&from=a%00b"));
  const back = await open("/sign-in?next=/%E4%B8%AD?q=%C3%A9");
  assert.ok([303, 307].includes(back.status), `status ${back.status}`);
  assert.equal(back.headers.get("location"), "/%E4%B8%AD?q=%C3%A9");

  const statuses = new Tally();
  for (const page of PAGES)
    await fc.assert(
      fc.asyncProperty(pageQuery, async (query) => {
        const answer = await open(`${page}?${query}`);
        statuses.add(answer.status);
        assertSafe(answer);
      }),
      { numRuns: PAGE_RUNS },
    );
  test.info().annotations.push({ type: "statuses", description: statuses.report() });
  expect(statuses.keys()).toContain("200");
});

test("POST /api/handoff: the side picks the schema, and field issues name the request's fields", async () => {
  const post = (data: unknown) =>
    send("/api/handoff", {
      method: "POST",
      body: JSON.stringify(data),
      headers: { "content-type": "application/json" },
    });
  const issuesOf = (answer: Answer) =>
    (JSON.parse(answer.body) as { error: { issues?: { path: string }[] } }).error.issues?.map(
      (i) => i.path,
    );

  const badAddress = await post({ side: "buy", request: { ...PARTNER_ONRAMP, address: "nope" } });
  expect(badAddress.status).toBe(400);
  expect(issuesOf(badAddress)).toEqual(["request.address"]);

  const badSide = await post({ side: "swap", request: PARTNER_ONRAMP });
  expect(badSide.status).toBe(400);
  expect(issuesOf(badSide)).toEqual(["side"]);

  const ok = await post({ side: "sell", request: PARTNER_ONRAMP });
  expect(ok.status, ok.body).toBe(200);
  expect(JSON.parse(ok.body)).toEqual(expect.objectContaining({ url: expect.any(String) }));
});

test("POST /api/onramp and /api/offramp: a tricky redirectUrl is refused, or reaches Coinbase as the app parsed it", async () => {
  const app = new URL(LIVE_URL);
  const mint = async (path: string, redirectUrl: string) => {
    const answer = await send(path, {
      method: "POST",
      body: JSON.stringify({ ...PARTNER_ONRAMP, redirectUrl }),
      headers: { "content-type": "application/json" },
    });
    if (answer.status === 400) return { refused: answer.body };
    expect(answer.status, answer.body).toBe(200);
    const payUrl = new URL((JSON.parse(answer.body) as { url: string }).url);
    return { forwarded: payUrl.searchParams.get("redirectUrl") };
  };
  for (const path of ["/api/onramp", "/api/offramp"]) {
    // Typed oddly, but the app's own origin once parsed: forwarded in its parsed form.
    expect(await mint(path, `HTTP://${app.host.toUpperCase()}/Done?x=1`), path).toEqual({
      forwarded: `${LIVE_URL}/Done?x=1`,
    });
    expect(await mint(path, `${LIVE_URL}/a/../done`), path).toEqual({
      forwarded: `${LIVE_URL}/done`,
    });
    // Another host once parsed, or characters parsers disagree on: never forwarded.
    for (const tricky of [
      `${LIVE_URL}@evil.example/x`,
      "http://2130706433/done",
      `${LIVE_URL}\\@evil.example/x`,
      ` ${LIVE_URL}/done`,
      `${LIVE_URL}/do\tne`,
    ]) {
      const result = await mint(path, tricky);
      expect(result, `${path} ${JSON.stringify(tricky)}`).toHaveProperty("refused");
    }
  }
});

test("POST /api/onramp: a body that stops arriving is refused with 400 within seconds, not held for minutes", async () => {
  const app = new URL(LIVE_URL);
  const half = JSON.stringify(PARTNER_ONRAMP).slice(0, 40);
  // Raw HTTP: a fetch cannot promise a longer body than it sends.
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(app.port), app.hostname);
    let received = "";
    socket.setTimeout(30_000, () => reject(new Error(`no answer in 30 s: ${received}`)));
    socket.on("error", reject);
    socket.on("data", (chunk) => (received += chunk.toString("utf8")));
    socket.on("end", () => resolve(received));
    socket.write(
      [
        "POST /api/onramp HTTP/1.1",
        `Host: ${app.host}`,
        "Content-Type: application/json",
        "Connection: close",
        `Content-Length: ${half.length * 2}`,
        `X-Forwarded-For: ${uniquePublicIp()}`,
        ...Object.entries(PARTNER_AUTH).map(([name, value]) => `${name}: ${value}`),
        "",
        half,
      ].join("\r\n"),
    );
  });
  expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  expect(answer).toContain('"code":"invalid_request"');
  expect(answer).toContain("The request body did not arrive in time");
});
