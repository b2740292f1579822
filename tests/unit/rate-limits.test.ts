import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { addressGroup } from "../../lib/abuse/client-key";
import { assertWithinGlobalCeiling } from "../../lib/abuse/global-ceiling";
import { guardHandoffStatusRequest, guardLookupRequest } from "../../lib/abuse/guard-lookup";
import { guardMintingRequest, spendMintingCeiling } from "../../lib/abuse/guard-minting";
import { guardQuoteRequest, spendQuoteCeiling } from "../../lib/abuse/guard-quote";
import { assertWithinRateLimit } from "../../lib/abuse/rate-limit";
import { isAppError } from "../../lib/http/app-error";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { HANDOFF_CHECK_EVERY_MS } from "../../lib/ramp/handoff-polling";
import { POST as postOnramp } from "../../app/api/onramp/route";
import { POST as postHandoff } from "../../app/api/handoff/route";
import { GET as getAuthorize } from "../../app/api/oauth/authorize/route";
import { withinConnectLimit } from "../../lib/abuse/guard-connect";
import { NextRequest } from "next/server";
import { TEST_SECRETS } from "../support/test-secrets";

/**
 * The rate limits in memory (no REDIS_URL): the per-client limit and its scopes, the
 * ceiling for all clients together, and who counts as one client. Redis and its outages:
 * shared-store.test.ts and redis-outage.test.ts.
 */

/** Passes when `attempt` is refused as 429 rate_limited with a Retry-After of 1 to 60 s. */
async function refused(attempt: Promise<unknown>, message = /Too many requests/) {
  await assert.rejects(attempt, (e: unknown) => {
    assert.ok(isAppError(e), String(e));
    assert.equal(e.code, "rate_limited");
    assert.equal(e.status, 429);
    assert.match(e.message, message);
    const retryAfter = e.options.retryAfterSeconds ?? 0;
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    return true;
  });
}

let clients = 0;
/** A client no other test uses: limiters are process-wide, their counts outlive a test. */
const freshClient = () => `198.51.100.${++clients}`;

describe("per-client limit", () => {
  test("the limit passes, the next request is 429 with Retry-After, others still pass", async () => {
    const client = freshClient();
    for (let i = 0; i < 4; i++) await assertWithinRateLimit(client, { limit: 4 });
    await refused(assertWithinRateLimit(client, { limit: 4 }));
    await assertWithinRateLimit(freshClient(), { limit: 4 });
  });

  test("scopes count apart: spent mints leave quotes, each with its own limit", async () => {
    const client = freshClient();
    for (let i = 0; i < 2; i++) await assertWithinRateLimit(client, { limit: 2 });
    await refused(assertWithinRateLimit(client, { limit: 2 }));
    for (let i = 0; i < 5; i++) await assertWithinRateLimit(client, { scope: "quote", limit: 5 });
    await refused(assertWithinRateLimit(client, { scope: "quote", limit: 5 }));
  });

  test("a limit of 0 turns the check off", async () => {
    const client = freshClient();
    for (let i = 0; i < 200; i++) await assertWithinRateLimit(client, { limit: 0 });
  });

  test("a refusal may say the wait as it is: the time left of the window, not its length", async () => {
    const client = freshClient();
    const limit = { scope: "wait-said", limit: 1, windowSeconds: 600 };
    const said = { ...limit, refusal: (wait: number) => `Try again in ${wait} s` };
    await assertWithinRateLimit(client, said);
    await assert.rejects(assertWithinRateLimit(client, said), (e: unknown) => {
      assert.ok(isAppError(e), String(e));
      assert.equal(e.message, `Try again in ${e.options.retryAfterSeconds} s`);
      assert.ok(e.options.retryAfterSeconds! > 590 && e.options.retryAfterSeconds! <= 600);
      return true;
    });
  });
});

describe("global ceiling", () => {
  test("all clients together: the ceiling passes, then everyone gets 429 with Retry-After", async () => {
    for (let i = 0; i < 5; i++) await assertWithinGlobalCeiling(5);
    await refused(assertWithinGlobalCeiling(5), /busy/);
  });

  test("a ceiling of 0 turns it off", async () => {
    for (let i = 0; i < 200; i++) await assertWithinGlobalCeiling(0);
  });
});

describe("who counts as one client", () => {
  test("an IPv6 address counts as its /64, in one spelling", () => {
    const group = "2001:db8:1:2::/64";
    for (const address of [
      "2001:db8:1:2::5",
      "2001:0db8:0001:0002:ffff::1",
      "2001:DB8:1:2:aaaa:bbbb:cccc:dddd",
      " 2001:db8:1:2:: ",
    ])
      assert.equal(addressGroup(address), group, address);
    assert.equal(addressGroup("2001:db8:1:3::5"), "2001:db8:1:3::/64");
  });

  test("a home line's /56, where one visitor should not count as 256 (a /56); IPv4 as it is", () => {
    for (const [address, site] of [
      ["2001:db8:0:0::1", "2001:db8:0:0::/56"],
      ["2001:db8:0:b::5", "2001:db8:0:0::/56"],
      ["2001:db8:0:ff::5", "2001:db8:0:0::/56"],
      ["2001:db8:0:1ff::5", "2001:db8:0:100::/56"],
      ["203.0.113.7", "203.0.113.7"],
      ["unknown", "unknown"],
    ] as const)
      assert.equal(addressGroup(address, 56), site, address);
  });

  test("IPv4 counts per address, also written as IPv6; what is not an address stays as it is", () => {
    assert.equal(addressGroup("203.0.113.7"), "203.0.113.7");
    assert.equal(addressGroup("::ffff:203.0.113.7"), "203.0.113.7");
    assert.equal(addressGroup("::FFFF:cb00:7107"), "203.0.113.7");
    assert.notEqual(addressGroup("203.0.113.8"), addressGroup("203.0.113.7"));
    assert.equal(addressGroup("203.0.113.7, 2001:db8::1"), "203.0.113.7, 2001:db8::1");
    assert.equal(addressGroup("unknown"), "unknown");
  });

  test("an address with a zone (fe80::1%eth0) is a key as written, never a 500", async () => {
    for (const zoned of ["::1%-", "fe80::1%a.b", "fe80::1%br-lan", "2001:db8::1%eth0.100"])
      assert.equal(addressGroup(zoned), zoned);
    startWith({ TRUST_PROXY_HEADERS: "true", RATE_LIMIT_PER_MINUTE: "10" });
    // Behind a proxy: not a public hop, so neither a key nor a clientIp; the proxy's own is used.
    assert.equal(await guardMintingRequest(onrampRequest("::1%-, 203.0.113.77")), "203.0.113.77");
    assert.equal(await guardMintingRequest(onrampRequest("2001:db8::1%x")), undefined);
    startWith({ TRUST_PROXY_HEADERS: "false" });
    assert.equal(await guardMintingRequest(onrampRequest("::1%-")), undefined);
  });
});

/** Sets the environment the next getConfig() reads, as a server would start with it. */
function startWith(env: Record<string, string>) {
  Object.assign(process.env, env);
  dropProcessSingleton("config");
}

const onrampRequest = (forwardedFor: string) =>
  new Request("http://localhost:3000/api/onramp", {
    method: "POST",
    headers: { "x-forwarded-for": forwardedFor },
  });

/** A request that passes every check a route makes, as far as the limits go. */
const mint = async (forwardedFor: string) => {
  await guardMintingRequest(
    new Request("http://localhost:3000/api/onramp", {
      method: "POST",
      headers: { "x-forwarded-for": forwardedFor },
    }),
  );
  await spendMintingCeiling();
};
const quote = async (forwardedFor: string) => {
  await guardQuoteRequest(
    new Request("http://localhost:3000/api/quote", {
      method: "POST",
      headers: { "x-forwarded-for": forwardedFor },
    }),
  );
  await spendQuoteCeiling();
};

describe("the minting guard", () => {
  test("eight addresses of one /64 share one limit; another /64 has its own", async () => {
    startWith({ TRUST_PROXY_HEADERS: "true", RATE_LIMIT_PER_MINUTE: "3" });
    const addresses = Array.from({ length: 8 }, (_, i) => `2001:db8:aa:1:${i + 1}::${i * 7}`);
    for (const address of addresses.slice(0, 3)) await mint(address);
    for (const address of addresses.slice(3)) await refused(mint(address));
    await mint("2001:db8:aa:2::1");
    // IPv4 stays per address: a neighbour is not limited with it.
    for (let i = 0; i < 3; i++) await mint("192.0.2.10");
    await refused(mint("::ffff:192.0.2.10"));
    await mint("192.0.2.11");
  });

  test("without a trusted proxy, an X-Forwarded-For that is one IPv6 address counts by /64", async () => {
    startWith({ TRUST_PROXY_HEADERS: "false", RATE_LIMIT_PER_MINUTE: "2" });
    await mint("2001:db8:bb:1::1");
    await mint("2001:db8:bb:1::2");
    await refused(mint("2001:0db8:00bb:0001::3"));
  });

  test("the global ceiling caps minting for all clients, but not quotes", async () => {
    startWith({
      TRUST_PROXY_HEADERS: "true",
      RATE_LIMIT_PER_MINUTE: "10",
      RATE_LIMIT_GLOBAL_PER_MINUTE: "4",
    });
    for (let i = 1; i <= 4; i++) await mint(`203.0.113.${i}`);
    await refused(mint("203.0.113.50"), /busy/);
    await quote("203.0.113.51");
  });

  test("quotes have a ceiling of their own for all clients, six times the minting one", async () => {
    startWith({
      TRUST_PROXY_HEADERS: "false",
      RATE_LIMIT_PER_MINUTE: "10",
      RATE_LIMIT_GLOBAL_PER_MINUTE: "2",
    });
    // Without a trusted proxy, one client writing a new X-Forwarded-For each time.
    for (let i = 1; i <= 12; i++) await quote(`198.18.${i}.1`);
    await refused(quote("198.18.99.1"), /busy/);
  });

  test("requests refused before they would mint (signed out, a bad body) spend none of the ceiling", async () => {
    startWith({
      TRUST_PROXY_HEADERS: "true",
      RATE_LIMIT_PER_MINUTE: "10",
      RATE_LIMIT_GLOBAL_PER_MINUTE: "2",
      API_KEYS: TEST_SECRETS.API_KEYS,
      PGLITE_DIR: "memory://",
    });
    const onramp = (ip: string, body: object, partner = false) =>
      postOnramp(
        new Request("http://localhost:3000/api/onramp", {
          method: "POST",
          headers: {
            "x-forwarded-for": ip,
            "content-type": "application/json",
            ...(partner ? { authorization: `Bearer ${TEST_SECRETS.API_KEYS}` } : {}),
          },
          body: JSON.stringify(body),
        }),
      );
    const valid = {
      address: "0x52908400098527886E0F7030069857D2E4169EE7",
      network: "base",
      asset: "USDC",
      fiatAmount: "25",
      partnerUserRef: "ceiling-test-user",
      redirectUrl: "http://localhost:3000/partner/purchases",
    };
    // A crowd, each address well within its own limit: signed out, or a partner's junk.
    for (let i = 1; i <= 10; i++) {
      assert.equal((await onramp(`203.0.113.${100 + i}`, valid)).status, 401);
      // (A partner counts by its key, with its own allowance of 10 here: nine of it.)
      if (i <= 5)
        assert.equal((await onramp(`203.0.113.${150 + i}`, { asset: "nope" }, true)).status, 400);
      // A return page on an origin not allowed: refused before it would mint, too.
      const elsewhere = { ...valid, redirectUrl: "https://partner.example/done" };
      if (i <= 4) assert.equal((await onramp(`203.0.113.${160 + i}`, elsewhere, true)).status, 400);
    }
    // The ceiling is whole: two requests about to mint pass, and the route then says busy.
    await spendMintingCeiling();
    await spendMintingCeiling();
    const busy = await onramp("203.0.113.200", valid, true);
    assert.equal(busy.status, 429);
    assert.match(((await busy.json()) as { error: { message: string } }).error.message, /busy/);
  });

  test("a phone link's checks, which may ask Coinbase for a quote, spend the quotes' ceiling", async () => {
    startWith({
      TRUST_PROXY_HEADERS: "true",
      // (The key's own allowance of the minute, apart from the other tests' 10.)
      RATE_LIMIT_PER_MINUTE: "20",
      RATE_LIMIT_GLOBAL_PER_MINUTE: "1",
      API_KEYS: TEST_SECRETS.API_KEYS,
      PGLITE_DIR: "memory://",
    });
    // The instance's six quotes of the minute, spent by others.
    for (let i = 0; i < 6; i++) await spendQuoteCeiling();
    const response = await postHandoff(
      new Request("http://localhost:3000/api/handoff", {
        method: "POST",
        headers: {
          "x-forwarded-for": "203.0.113.210",
          "content-type": "application/json",
          authorization: `Bearer ${TEST_SECRETS.API_KEYS}`,
        },
        body: JSON.stringify({
          side: "buy",
          request: {
            address: "0x52908400098527886E0F7030069857D2E4169EE7",
            network: "ethereum",
            asset: "ETH",
            cryptoAmount: "0.5",
            paymentMethod: "CARD",
            partnerUserRef: "ceiling-test-user",
            redirectUrl: "http://localhost:3000/partner/purchases",
          },
        }),
      }),
    );
    assert.equal(response.status, 429, await response.clone().text());
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /busy/);
  });

  test("a partner's server with a valid key counts by its key, with the instance's allowance; its address is not sent as clientIp", async () => {
    startWith({
      TRUST_PROXY_HEADERS: "true",
      RATE_LIMIT_PER_MINUTE: "2",
      RATE_LIMIT_GLOBAL_PER_MINUTE: "6",
      API_KEYS: TEST_SECRETS.API_KEYS,
    });
    const guard = (key: string, ip = "203.0.113.240") =>
      guardMintingRequest(
        new Request("http://localhost:3000/api/onramp", {
          method: "POST",
          headers: { "x-forwarded-for": ip, authorization: `Bearer ${key}` },
        }),
      );
    // Past the per-address limit (2), from one address and from others alike, up to 6.
    for (let i = 0; i < 6; i++)
      assert.equal(await guard(TEST_SECRETS.API_KEYS, `203.0.113.${241 + (i % 2)}`), undefined);
    await refused(guard(TEST_SECRETS.API_KEYS, "203.0.113.250"));
    // A wrong key counts by address, as anyone does.
    assert.equal(await guard("not-the-key"), "203.0.113.240");
    await guard("not-the-key");
    await refused(guard("not-the-key"));
  });

  test("Connect sign-ins started per client: the look-up limit, at least 30; then a page saying so", async () => {
    startWith({ TRUST_PROXY_HEADERS: "true", RATE_LIMIT_LOOKUPS_PER_MINUTE: "5" });
    const start = (ip: string) =>
      getAuthorize(
        new NextRequest("http://localhost:3000/api/oauth/authorize?scope=wallet:user:read", {
          headers: { "x-forwarded-for": ip, "sec-fetch-site": "same-origin" },
        }),
      );
    for (let i = 0; i < 30; i++)
      assert.equal(await withinConnectLimit(onrampRequest("203.0.113.90")), true);
    const refused = await start("203.0.113.90");
    assert.equal(refused.status, 303);
    assert.equal(
      new URL(refused.headers.get("location")!).pathname +
        new URL(refused.headers.get("location")!).search,
      "/oauth/result?failure=rate_limited",
    );
    // Another client starts as usual: on to Coinbase's authorize page.
    const other = await start("203.0.113.91");
    assert.match(other.headers.get("location") ?? "", /\/oauth2\/auth\?/);
  });

  test("a client over its own limit does not use up the global ceiling", async () => {
    startWith({
      TRUST_PROXY_HEADERS: "true",
      RATE_LIMIT_PER_MINUTE: "1",
      RATE_LIMIT_GLOBAL_PER_MINUTE: "3",
    });
    await mint("192.0.2.100");
    for (let i = 0; i < 5; i++) await refused(mint("192.0.2.100"));
    await mint("192.0.2.101");
    await mint("192.0.2.102");
    await refused(mint("192.0.2.103"), /busy/);
  });
});

describe("phone-link status checks", () => {
  const ask = (forwardedFor: string) =>
    guardHandoffStatusRequest(
      new Request("http://localhost:3000/api/handoff/abc", {
        headers: { "x-forwarded-for": forwardedFor, "sec-fetch-site": "same-origin" },
      }),
    );
  const lookup = (forwardedFor: string) =>
    guardLookupRequest(
      new Request("http://localhost:3000/api/options", {
        headers: { "x-forwarded-for": forwardedFor },
      }),
    );
  const pagePollsPerMinute = 60_000 / HANDOFF_CHECK_EVERY_MS;

  test("six pages polling at once from one address for a minute pass; one ask more is 429, look-ups untouched", async () => {
    startWith({ TRUST_PROXY_HEADERS: "true", RATE_LIMIT_LOOKUPS_PER_MINUTE: "60" });
    const client = "192.0.2.150";
    for (let i = 0; i < 6 * pagePollsPerMinute; i++) await ask(client);
    await refused(ask(client));
    await ask("192.0.2.151");
    // An allowance of its own: the page's polling spends none of its look-ups.
    for (let i = 0; i < 60; i++) await lookup(client);
    await refused(lookup(client));
  });

  test("a look-up limit above that raises it; 0 turns it off", async () => {
    startWith({ TRUST_PROXY_HEADERS: "true", RATE_LIMIT_LOOKUPS_PER_MINUTE: "300" });
    for (let i = 0; i < 300; i++) await ask("192.0.2.160");
    await refused(ask("192.0.2.160"));
    startWith({ TRUST_PROXY_HEADERS: "true", RATE_LIMIT_LOOKUPS_PER_MINUTE: "0" });
    for (let i = 0; i < 500; i++) await ask("192.0.2.161");
  });
});
