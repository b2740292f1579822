import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { finishCallback } from "../../lib/oauth/complete-authorization";
import { revokeGrant } from "../../lib/oauth/end-session";
import { endRefreshes, refreshWithLock } from "../../lib/oauth/refresh";
import { keptGrant } from "../../lib/oauth/ask-for-more";
import { isOwnOriginRequest } from "../../lib/oauth/same-origin";
import { unsealSession, type OAuthSession } from "../../lib/oauth/session-cookie";
import {
  exchangeCode,
  refreshTokens,
  replacedHere,
  revokeToken,
} from "../../lib/oauth/token-client";
import { isAppError } from "../../lib/http/app-error";
import { MemoryStore } from "../../lib/store/memory-store";
import { dropProcessSingleton } from "../../lib/process/singleton";

/**
 * The OAuth findings of the security review, one test each (the config finding is in
 * config.test.ts, the cross-site ones also end to end in connect-security.spec.ts).
 */
const revoked: URLSearchParams[] = [];
// What the token endpoint answers a renewal (before revoking an expired session).
const renewals: URLSearchParams[] = [];
const RENEWED = { access_token: "at-new", refresh_token: "rt-new", expires_in: 3600 };
let tokenAnswer: { status: number; body: object } = { status: 200, body: RENEWED };
let coinbaseHangs = false;
// One upstream deadline, short: a Coinbase that hangs is given up on within it.
const UPSTREAM_TIMEOUT_MS = 1_000;
let refuseAccessTokenRevoke = false;
let server: Server;

before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (coinbaseHangs) return; // never answers: the client gives up at its deadline
      const form = new URLSearchParams(body);
      if (req.url?.endsWith("/oauth2/token")) {
        renewals.push(form);
        res.writeHead(tokenAnswer.status, { "content-type": "application/json" });
        return res.end(JSON.stringify(tokenAnswer.body));
      }
      if (req.url?.endsWith("/oauth2/revoke")) revoked.push(form);
      // Coinbase ending the whole grant with its refresh token: the access token then says 401.
      const refused = refuseAccessTokenRevoke && form.get("token_type_hint") === "access_token";
      res.writeHead(refused ? 401 : 200, { "content-type": "application/json" });
      res.end(refused ? '{"error":"invalid_token"}' : "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Sandbox mode: every OAuth URL is APP_URL + /sandbox/…, here the loopback server.
  process.env.APP_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.UPSTREAM_TIMEOUT_MS = String(UPSTREAM_TIMEOUT_MS);
});

after(() => server.close());

const session = (refreshToken = `rt-${Math.random()}`): OAuthSession => ({
  accessToken: "at-1",
  refreshToken,
  expiresAt: Date.now() + 3_600_000,
  scopes: ["wallet:user:read"],
});

describe("OAuth security findings", () => {
  test("a junk callback does not spend the state of the real sign-in", async () => {
    const store = new MemoryStore();
    const pending = { state: "the-real-state-value", verifier: "v".repeat(43), scopes: [] };
    const exchange = async () => session();
    const junk = new URLSearchParams({ state: "attacker-state", code: "junk" });
    assert.deepEqual(await finishCallback(junk, pending, store, exchange), {
      ok: false,
      failure: "state_mismatch",
    });
    const real = new URLSearchParams({ state: pending.state, code: "real" });
    const result = await finishCallback(real, pending, store, exchange);
    assert.equal(result.ok, true);
    // …and the real one is still good only once.
    assert.deepEqual(await finishCallback(real, pending, store, exchange), {
      ok: false,
      failure: "state_missing",
    });
  });

  test("disconnect revokes the refresh token too, first, then the access token", async () => {
    revoked.length = 0;
    assert.equal(await revokeToken(session("rt-to-revoke")), true);
    const tokens = revoked.map((form) => form.get("token"));
    // The refresh token first, while the access token that authenticates the call still lives.
    assert.deepEqual(tokens, ["rt-to-revoke", "at-1"]);
  });

  test("the refresh result shared through the store is not a session cookie, and is bound to the spent token", async () => {
    const store = new MemoryStore();
    const old = session();
    const renewed = { ...old, accessToken: "at-2", refreshToken: "rt-2" };
    await refreshWithLock(old, store, async () => renewed);
    const id = createHash("sha256").update(old.refreshToken!).digest("base64url");
    const shared = await store.get(`oauth:refresh:result:${id}`);
    assert.ok(shared, "the result is shared for the waiters");
    assert.equal(await unsealSession(shared), null, "a copy from the store is no session cookie");

    // Copied under another token's key, it is not taken as that token's result.
    const other = session();
    const otherId = createHash("sha256").update(other.refreshToken!).digest("base64url");
    await store.set(`oauth:refresh:result:${otherId}`, shared, 60_000);
    let spent = 0;
    const result = await refreshWithLock(other, store, async (s) => {
      spent++;
      return { ...s, accessToken: "at-3" };
    });
    assert.equal(spent, 1);
    assert.equal(result.accessToken, "at-3");
  });

  test("a refresh waiting on another instance's lock gives up at the lock's deadline, however slow the store", async (t) => {
    t.mock.timers.enable({ apis: ["setTimeout", "Date"] });
    // Each store call takes 300 ms (under its own timeout); the lock stays held elsewhere.
    const slowly = <T>(value: T) => new Promise<T>((r) => setTimeout(() => r(value), 300));
    const store = new MemoryStore();
    store.get = () => slowly(null);
    store.setIfAbsent = () => slowly(false);
    let settled = false;
    const waiting = refreshWithLock(session(), store, async () => assert.fail("not the holder"));
    void waiting.catch(() => {}).finally(() => (settled = true));
    let elapsed = 0;
    while (!settled && elapsed < 120_000) {
      t.mock.timers.tick(100);
      elapsed += 100;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await assert.rejects(
      waiting,
      (e: unknown) => (e as { code?: string }).code === "upstream_timeout",
    );
    // The lock lives 15 s: the wait ends then, not after 150 turns of store calls.
    assert.ok(elapsed <= 16_000, `gave up after ${elapsed} ms`);
  });

  test("the refresh lock outlives the refresh, however long the upstream timeout is set", async () => {
    const held: number[] = [];
    const store = new MemoryStore();
    const setIfAbsent = store.setIfAbsent.bind(store);
    store.setIfAbsent = (key, value, ttlMs) => {
      held.push(ttlMs);
      return setIfAbsent(key, value, ttlMs);
    };
    const configured = process.env.UPSTREAM_TIMEOUT_MS;
    process.env.UPSTREAM_TIMEOUT_MS = "30000";
    dropProcessSingleton("config");
    try {
      await refreshWithLock(session(), store, async (s) => ({ ...s, accessToken: "at-2" }));
    } finally {
      if (configured === undefined) delete process.env.UPSTREAM_TIMEOUT_MS;
      else process.env.UPSTREAM_TIMEOUT_MS = configured;
      dropProcessSingleton("config");
    }
    // A refresh may take the whole 30 s: a 15 s lock would let a second caller spend the token.
    assert.deepEqual(held, [35_000]);
  });

  test("a refresh under way when the user signs out: its new grant is revoked, and no session comes of it", async () => {
    revoked.length = 0;
    const store = new MemoryStore();
    const old = session();
    const renewed = { ...old, accessToken: "at-2", refreshToken: "rt-2" };
    // Coinbase has spent the old refresh token and answers as the user signs out.
    const refreshing = refreshWithLock(old, store, async () => {
      assert.equal(await endRefreshes(old, store), true);
      return renewed;
    });
    await assert.rejects(
      refreshing,
      (e: unknown) => (e as { code?: string }).code === "not_connected",
    );
    assert.deepEqual(
      revoked.map((form) => form.get("token")),
      ["rt-2", "at-2"],
    );
    // Nor does a refresh that starts after sign-out, with the old cookie, spend anything.
    await assert.rejects(
      refreshWithLock(old, store, async () => assert.fail("spent after sign-out")),
      (e: unknown) => (e as { code?: string }).code === "not_connected",
    );
  });

  test("a refresh done just before sign-out: sign-out revokes the grant it got, and a waiting tab does not take it", async () => {
    revoked.length = 0;
    const store = new MemoryStore();
    const old = session();
    const renewed = { ...old, accessToken: "at-2", refreshToken: "rt-2" };
    assert.equal((await refreshWithLock(old, store, async () => renewed)).refreshToken, "rt-2");
    assert.equal(revoked.length, 0, "nothing revoked before sign-out");
    assert.equal(await endRefreshes(old, store), true);
    assert.deepEqual(
      revoked.map((form) => form.get("token")),
      ["rt-2", "at-2"],
    );
    // Another tab's request with the old cookie, which would have taken the shared result.
    await assert.rejects(
      refreshWithLock(old, store, async () => assert.fail("spent after sign-out")),
      (e: unknown) => (e as { code?: string }).code === "not_connected",
    );
  });

  test("Disconnect, or a new connection replacing this one, also revokes a grant a refresh just got", async () => {
    revoked.length = 0;
    const store = new MemoryStore();
    const old = session();
    const renewed = { ...old, accessToken: "at-2", refreshToken: "rt-2" };
    // Another tab renewed the session a moment ago; this page's cookie still holds the old pair.
    await refreshWithLock(old, store, async () => renewed);
    assert.equal(await revokeGrant(old, store), true);
    assert.deepEqual(
      revoked.map((form) => form.get("token")),
      ["rt-2", "at-2", old.refreshToken, old.accessToken],
    );
    // A request of another tab, with the old cookie, takes nothing either; its refusal clears
    // that cookie (Disconnect cleared it already).
    await assert.rejects(
      refreshWithLock(old, store, async () => assert.fail("spent after Disconnect")),
      (e: unknown) => (e as { code?: string }).code === "not_connected" && !replacedHere(e),
    );
    // Replaced by a new connection: the refusal says so, and leaves the browser's new cookie,
    // whether the replacement came before the refresh or while Coinbase renewed it.
    const replaced = session();
    assert.equal(await revokeGrant(replaced, store, "replaced"), true);
    await assert.rejects(
      refreshWithLock(replaced, store, async () => assert.fail("spent after its replacement")),
      (e: unknown) => (e as { code?: string }).code === "not_connected" && replacedHere(e),
    );
    const renewing = session();
    await assert.rejects(
      refreshWithLock(renewing, store, async () => {
        await revokeGrant(renewing, store, "replaced");
        return { ...renewing, accessToken: "at-3", refreshToken: "rt-3" };
      }),
      (e: unknown) => (e as { code?: string }).code === "not_connected" && replacedHere(e),
    );
  });

  test("an expired access token vouches for nothing: the session is renewed, and the fresh pair revoked", async () => {
    const expired = { ...session("rt-old"), expiresAt: Date.now() - 1 };
    revoked.length = 0;
    renewals.length = 0;
    assert.equal(await revokeToken(expired), true);
    assert.deepEqual(
      renewals.map((form) => form.get("refresh_token")),
      ["rt-old"],
    );
    assert.deepEqual(
      revoked.map((form) => form.get("token")),
      ["rt-new", "at-new"],
    );
    try {
      // Coinbase refusing the renewal: the grant is over already, nothing left to revoke.
      revoked.length = 0;
      tokenAnswer = { status: 400, body: { error: "invalid_grant" } };
      assert.equal(await revokeToken(expired), true);
      assert.equal(revoked.length, 0);
      // Coinbase failing: the expired pair is revoked, but its 200 proves nothing.
      tokenAnswer = { status: 500, body: {} };
      assert.equal(await revokeToken(expired), false);
      assert.deepEqual(
        revoked.map((form) => form.get("token")),
        ["rt-old", "at-1"],
      );
    } finally {
      tokenAnswer = { status: 200, body: RENEWED };
    }
    // Without a refresh token to renew it by, likewise unproven.
    assert.equal(await revokeToken({ ...expired, refreshToken: undefined }), false);
  });

  test("a renewal refused otherwise than invalid_grant says the session stands; the code exchange says connect again", async () => {
    tokenAnswer = { status: 403, body: { error: "access_denied" } };
    try {
      await assert.rejects(
        refreshTokens(session()),
        (e) =>
          isAppError(e) &&
          e.code === "upstream_rejected" &&
          /still connected, try again/.test(e.message),
      );
      await assert.rejects(
        exchangeCode("code", "v".repeat(43), []),
        (e) => isAppError(e) && /connect again/.test(e.message),
      );
    } finally {
      tokenAnswer = { status: 200, body: RENEWED };
    }
  });

  test("a Coinbase that hangs holds a sign-out up for one deadline, the renewal of an expired session included", async () => {
    coinbaseHangs = true;
    try {
      const started = Date.now();
      assert.equal(await revokeToken({ ...session(), expiresAt: Date.now() - 1 }), false);
      const took = Date.now() - started;
      assert.ok(took < UPSTREAM_TIMEOUT_MS + 300, `took ${took} ms`);
    } finally {
      coinbaseHangs = false;
    }
  });

  test("an access token refused (401) once its refresh token is revoked counts as revoked: the grant ended with it", async () => {
    refuseAccessTokenRevoke = true;
    try {
      assert.equal(await revokeToken(session()), true);
      // Without a refresh token revoked first, a 401 proves nothing: the grant may live on.
      assert.equal(await revokeToken({ ...session(), refreshToken: undefined }), false);
    } finally {
      refuseAccessTokenRevoke = false;
    }
  });

  test("disconnect and refresh accept only this app's own pages", () => {
    const req = (method: string, headers: Record<string, string>) =>
      new Request(`${process.env.APP_URL}/oauth/disconnect`, { method, headers });
    assert.equal(isOwnOriginRequest(req("POST", { "sec-fetch-site": "same-origin" })), true);
    assert.equal(isOwnOriginRequest(req("POST", { "sec-fetch-site": "same-site" })), false);
    assert.equal(isOwnOriginRequest(req("POST", { "sec-fetch-site": "cross-site" })), false);
    assert.equal(isOwnOriginRequest(req("POST", { origin: "https://evil.example" })), false);
    assert.equal(isOwnOriginRequest(req("POST", { origin: process.env.APP_URL! })), true);
    // Neither header: a server or curl, not a browser another site could drive.
    assert.equal(isOwnOriginRequest(req("POST", {})), true);
    // A typed URL may renew (GET), never disconnect.
    assert.equal(isOwnOriginRequest(req("GET", { "sec-fetch-site": "none" }), true), true);
    assert.equal(isOwnOriginRequest(req("POST", { "sec-fetch-site": "none" })), false);
  });

  test("a link to ask for more permissions keeps only what this browser's session holds, with the grant's own send limit and account access", () => {
    const session = {
      scopes: ["wallet:accounts:read", "wallet:transactions:send"],
      sendLimit: { amount: "50", currency: "EUR", period: "week" as const },
    };
    // The link names more than was granted, and a limit of its own (ignored).
    const link = {
      add: "wallet:accounts:read,wallet:sells:create,wallet:transactions:send,nonsense",
      limit: "999999999",
      limit_period: "day",
    };
    assert.deepEqual(keptGrant(link, session), {
      granted: ["wallet:accounts:read", "wallet:transactions:send"],
      grantedLimit: { amount: "50", currency: "EUR", period: "week" },
    });
    // A crafted link, opened without a Coinbase session: nothing is locked, no limit is set.
    assert.deepEqual(keptGrant(link, null), { granted: [] });
    // A send limit only with the send scope held; a currency or period the form does not offer
    // starts on its default.
    assert.deepEqual(keptGrant(link, { ...session, scopes: ["wallet:accounts:read"] }), {
      granted: ["wallet:accounts:read"],
    });
    // The account access is the session's, whatever the link says; none without a scope kept.
    const asked = { ...session, accountAccess: "new" as const };
    assert.equal(keptGrant({ ...link, account: "all" }, asked).grantedAccess, "new");
    assert.equal(keptGrant({ account: "all" }, asked).grantedAccess, undefined);
    assert.equal(keptGrant(link, session).grantedAccess, undefined);
    // So are the currencies `select` was narrowed to: the session's, never the link's.
    const narrowed = {
      ...session,
      accountAccess: "select" as const,
      accountCurrency: ["BTC", "ETH"],
    };
    const linkCurrency = { ...link, account_currency: "USDC" };
    assert.equal(keptGrant(linkCurrency, narrowed).grantedAccountCurrency, "BTC,ETH");
    assert.equal(keptGrant(linkCurrency, asked).grantedAccountCurrency, undefined);
    assert.equal(
      keptGrant({ account_currency: "BTC" }, narrowed).grantedAccountCurrency,
      undefined,
    );
    // (A period outside the type: a cookie sealed by an older build.)
    const won = { amount: "40", currency: "KRW", period: "fortnight" as "month" };
    assert.deepEqual(keptGrant(link, { ...session, sendLimit: won }).grantedLimit, {
      amount: "40",
      currency: "USD",
      period: "month",
    });
  });
});
