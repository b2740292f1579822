import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { GET as getOptions } from "../../app/api/options/route";
import { GET as getTransactions } from "../../app/api/transactions/route";
import { parseConfig } from "../../lib/config/env";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { ISO_COUNTRY_CODES } from "../../lib/ramp/iso-country-codes";
import { TEST_SECRETS } from "../support/test-secrets";

/**
 * The look-up routes as a client meets them, in live mode against a loopback CDP API that
 * counts its calls: unknown countries never reach Coinbase, a refused region is asked once
 * a minute, and look-ups count against their own per-client limit.
 */

const LOOKUP_LIMIT = 4;
const calls = new Map<string, number>();
let server: Server;

/** Coinbase: Antarctica is refused, Germany is down, everywhere else has USDC on Base. */
function answer(country: string | null): { status: number; body: unknown } {
  if (country === "AQ")
    return { status: 400, body: { code: 3, message: "country AQ is not supported" } };
  if (country === "DE") return { status: 500, body: { code: 13, message: "internal" } };
  return {
    status: 200,
    body: {
      payment_currencies: [{ id: "USD", limits: [{ id: "CARD", min: "2", max: "500" }] }],
      purchase_currencies: [{ symbol: "USDC", name: "USD Coin", networks: [{ name: "base" }] }],
    },
  };
}

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://upstream.invalid");
    const country = url.searchParams.get("country");
    const key = `${url.pathname}?${country}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
    const { status, body } = answer(country);
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    CDP_API_KEY_ID: TEST_SECRETS.CDP_API_KEY_ID,
    CDP_API_KEY_SECRET: TEST_SECRETS.CDP_API_KEY_SECRET,
    CDP_API_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    SESSION_SECRET: TEST_SECRETS.SESSION_SECRET,
    SMTP_URL: "smtp://127.0.0.1:1", // required in live mode; nothing here sends mail
    PGLITE_DIR: "memory://", // the session look-up reads users: a database of this test's own
    TRUST_PROXY_HEADERS: "true",
    RATE_LIMIT_LOOKUPS_PER_MINUTE: String(LOOKUP_LIMIT),
  });
  dropProcessSingleton("config");
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

let clients = 0;
/** A client no other test uses: limiters are process-wide, their counts outlive a test. */
const freshClient = () => `198.51.100.${++clients}`;

const upstreamCalls = () => [...calls.values()].reduce((a, b) => a + b, 0);

function lookup(path: string, client = freshClient()) {
  const request = new NextRequest(`http://localhost:3000${path}`, {
    headers: { "x-forwarded-for": client },
  });
  return path.startsWith("/api/options") ? getOptions(request) : getTransactions(request);
}

describe("GET /api/options: countries", () => {
  test("a code ISO 3166-1 does not assign is 400 invalid_request naming country, and Coinbase is not called", async () => {
    const before = upstreamCalls();
    // Unassigned, user-assigned (Kosovo's XK), reserved (EU, UK) and withdrawn (AN) codes.
    for (const country of ["ZZ", "XK", "EU", "UK", "AN", "AA", "us", "USA"]) {
      const response = await lookup(`/api/options?side=buy&country=${country}`);
      assert.equal(response.status, 400, country);
      const body = (await response.json()) as { error: { code: string; issues: unknown[] } };
      assert.equal(body.error.code, "invalid_request", country);
      assert.deepEqual(
        body.error.issues,
        [{ path: "country", message: "Use an ISO 3166-1 country code such as US" }],
        country,
      );
    }
    assert.equal(upstreamCalls(), before, "no upstream call");
  });

  test("every assigned code is asked about, the pickers' own and far-off ones alike", async () => {
    assert.equal(ISO_COUNTRY_CODES.size, 249);
    for (const country of ["GB", "AX", "BQ", "SS", "CW", "TL"]) {
      const response = await lookup(`/api/options?side=buy&country=${country}`);
      assert.equal(response.status, 200, country);
      assert.equal(((await response.json()) as { source: string }).source, "coinbase", country);
      assert.equal(calls.get(`/onramp/v1/buy/options?${country}`), 1, country);
    }
  });
});

describe("GET /api/options: Coinbase's refusals", () => {
  test("a refused region answers the same each time, from one upstream call", async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const response = await lookup("/api/options?side=buy&country=AQ");
      assert.equal(response.status, 200);
      answers.push(await response.json());
    }
    assert.deepEqual(answers[0], {
      source: "unavailable",
      note: "Coinbase rejected the request: country AQ is not supported",
      assets: [],
      fiatCurrencies: [],
      methods: [],
    });
    for (const later of answers) assert.deepEqual(later, answers[0]);
    assert.equal(calls.get("/onramp/v1/buy/options?AQ"), 1);
    // The other side is another question to Coinbase.
    await lookup("/api/options?side=sell&country=AQ");
    assert.equal(calls.get("/onramp/v1/sell/options?AQ"), 1);
  });

  test("a 5xx is not kept: each look-up asks Coinbase again", async () => {
    for (let i = 1; i <= 3; i++) {
      const response = await lookup("/api/options?side=buy&country=DE");
      assert.equal(((await response.json()) as { source: string }).source, "catalog");
      assert.equal(calls.get("/onramp/v1/buy/options?DE"), i);
    }
  });
});

describe("look-up limit", () => {
  test("options and transactions share one allowance per client; over it 429 with Retry-After, no upstream call", async () => {
    const client = freshClient();
    for (let i = 0; i < LOOKUP_LIMIT / 2; i++) {
      assert.equal((await lookup("/api/options?side=sell&country=FR", client)).status, 200);
      // Nobody signed in: 401, but counted all the same.
      assert.equal((await lookup("/api/transactions?side=buy", client)).status, 401);
    }
    const before = upstreamCalls();
    for (const path of ["/api/options?side=buy&country=JP", "/api/transactions?side=sell"]) {
      const limited = await lookup(path, client);
      assert.equal(limited.status, 429, path);
      assert.equal(
        ((await limited.json()) as { error: { code: string } }).error.code,
        "rate_limited",
      );
      const retryAfter = Number(limited.headers.get("retry-after"));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    }
    assert.equal(upstreamCalls(), before, "refused look-ups never reach Coinbase");
    assert.equal((await lookup("/api/options?side=buy&country=JP")).status, 200, "another client");
  });

  test("malformed look-ups count too: a flood of bad countries is cut off", async () => {
    const client = freshClient();
    for (let i = 0; i < LOOKUP_LIMIT; i++)
      assert.equal((await lookup("/api/options?side=buy&country=ZZ", client)).status, 400);
    assert.equal((await lookup("/api/options?side=buy&country=GB", client)).status, 429);
  });

  test("60 a minute by default, 0 turns it off", () => {
    assert.equal(parseConfig({}).rateLimitLookupsPerMinute, 60);
    assert.equal(parseConfig({ RATE_LIMIT_LOOKUPS_PER_MINUTE: "0" }).rateLimitLookupsPerMinute, 0);
    assert.throws(
      () => parseConfig({ RATE_LIMIT_LOOKUPS_PER_MINUTE: "-1" }),
      /RATE_LIMIT_LOOKUPS_PER_MINUTE: must be/,
    );
  });
});
