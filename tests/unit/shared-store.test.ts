import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type Redis from "ioredis";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { MemoryStore } from "../../lib/store/memory-store";
import { RedisStore } from "../../lib/store/redis-store";
import { connectRedis } from "../../lib/store/redis-connection";
import type { SharedStore } from "../../lib/store/shared-store";
import { createClientLimiter } from "../../lib/abuse/client-limiter";
import { consumeWithinLimit } from "../../lib/abuse/rate-limit";
import { refreshWithLock } from "../../lib/oauth/refresh";
import { consumeState } from "../../lib/oauth/used-states";
import { AppError } from "../../lib/http/app-error";
import { upstreamError } from "../../lib/http/upstream-errors";
import type { OAuthSession } from "../../lib/oauth/session-cookie";
import { RedisServer, haveRedis } from "../support/redis-server";

// The Redis implementation runs against a real redis-server started here on a free
// loopback port (see tests/support/redis-server.ts); without one, those tests skip.
let redis: RedisServer | undefined;
const connections: Redis[] = [];

before(async () => {
  if (haveRedis) redis = await RedisServer.start();
});

after(async () => {
  for (const connection of connections) connection.disconnect();
  await redis?.stop();
});

/** A connection of its own, as each app instance has. */
function connect(): Redis {
  const connection = connectRedis(redis!.url);
  connections.push(connection);
  return connection;
}

/** A scope of its own per test, so counts never carry over between tests. */
const freshScope = () => `test-${Math.random().toString(36).slice(2)}`;
const OVER_LIMIT = "Too many requests: wait a minute and try again";
const withinLimit = (limiter: RateLimiterAbstract, key: string) =>
  consumeWithinLimit(limiter, key, OVER_LIMIT);

interface Implementation {
  store: () => SharedStore;
  limiter: (points: number) => RateLimiterAbstract;
}

const implementations: [string, Implementation, boolean][] = [
  [
    "memory",
    {
      store: () => new MemoryStore(),
      limiter: (points) => createClientLimiter(freshScope(), points),
    },
    true,
  ],
  [
    "redis",
    {
      store: () => new RedisStore(connect(), `test-${Math.random()}:`),
      limiter: (points) => createClientLimiter(freshScope(), points, connect()),
    },
    haveRedis,
  ],
];

for (const [name, { store: make, limiter }, available] of implementations) {
  describe(`${name} store`, { skip: !available && "redis-server not installed" }, () => {
    test("setIfAbsent is true once, then false until the key expires", async () => {
      const store = make();
      assert.equal(await store.setIfAbsent("once", "a", 150), true);
      assert.equal(await store.setIfAbsent("once", "b", 150), false);
      assert.equal(await store.get("once"), "a");
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(await store.setIfAbsent("once", "c", 150), true);
    });

    test("set and get, with expiry", async () => {
      const store = make();
      await store.set("v", "x", 150);
      assert.equal(await store.get("v"), "x");
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(await store.get("v"), null);
    });

    test("delete removes a key at once", async () => {
      const store = make();
      await store.set("d", "x", 60_000);
      await store.delete("d");
      assert.equal(await store.get("d"), null);
      assert.equal(await store.setIfAbsent("d", "y", 60_000), true);
    });

    test("a failed refresh lets go of its lock: trying again spends the token at once", async () => {
      const store = make();
      const attempts: string[] = [];
      const refresh = async (s: OAuthSession): Promise<OAuthSession> => {
        attempts.push(s.refreshToken!);
        if (attempts.length === 1) throw upstreamError();
        return { ...s, accessToken: "renewed", expiresAt: Date.now() + 60_000 };
      };
      const session = {
        accessToken: "old",
        refreshToken: `rt-${Math.random()}`,
        expiresAt: 0,
        scopes: [],
      };
      await assert.rejects(refreshWithLock(session, store, refresh), /could not be reached/);
      const started = Date.now();
      const renewed = await refreshWithLock(session, store, refresh);
      assert.equal(renewed.accessToken, "renewed");
      assert.equal(attempts.length, 2);
      assert.ok(Date.now() - started < 1000, "the retry did not wait for the old lock");
    });

    test("a request waiting on a refresh that fails takes over and spends the token itself", async () => {
      const store = make();
      let attempts = 0;
      const refresh = async (s: OAuthSession): Promise<OAuthSession> => {
        attempts++;
        await new Promise((r) => setTimeout(r, 100));
        if (attempts === 1) throw upstreamError();
        return { ...s, accessToken: `renewed-${attempts}`, expiresAt: Date.now() + 60_000 };
      };
      const session = {
        accessToken: "old",
        refreshToken: `rt-${Math.random()}`,
        expiresAt: 0,
        scopes: [],
      };
      const [first, second] = await Promise.allSettled([
        refreshWithLock(session, store, refresh),
        refreshWithLock(session, store, refresh),
      ]);
      assert.equal(first.status, "rejected");
      assert.equal(second.status === "fulfilled" && second.value.accessToken, "renewed-2");
      assert.equal(attempts, 2);
    });

    test("rate limit: over the limit is 429 rate_limited with Retry-After", async () => {
      const limit = limiter(3);
      for (let i = 0; i < 3; i++) await withinLimit(limit, "203.0.113.9");
      await assert.rejects(withinLimit(limit, "203.0.113.9"), (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, "rate_limited");
        assert.equal(e.status, 429);
        assert.ok(
          (e.options.retryAfterSeconds ?? 0) >= 1 && (e.options.retryAfterSeconds ?? 0) <= 60,
        );
        return true;
      });
      await withinLimit(limit, "198.51.100.7"); // another client is unaffected
    });
  });
}

describe(
  "several instances sharing one Redis",
  { skip: !haveRedis && "redis-server not installed" },
  () => {
    const twoInstances = () => {
      const prefix = `shared-${Math.random()}:`;
      return [new RedisStore(connect(), prefix), new RedisStore(connect(), prefix)] as const;
    };

    test("two instances share one rate limit", async () => {
      const scope = freshScope();
      const a = createClientLimiter(scope, 3, connect());
      const b = createClientLimiter(scope, 3, connect());
      await withinLimit(a, "192.0.2.1");
      await withinLimit(b, "192.0.2.1");
      await withinLimit(a, "192.0.2.1");
      await assert.rejects(withinLimit(b, "192.0.2.1"), /Too many requests/);
    });

    test("an OAuth state is accepted by only one instance", async () => {
      const [a, b] = twoInstances();
      const results = await Promise.all([
        consumeState("state-xyz-123", a),
        consumeState("state-xyz-123", b),
      ]);
      assert.deepEqual(results.sort(), [false, true]);
    });

    test("a refresh token is spent once even when two instances need it at the same moment", async () => {
      const [a, b] = twoInstances();
      let spent = 0;
      const refresh = async (s: OAuthSession): Promise<OAuthSession> => {
        spent++;
        await new Promise((r) => setTimeout(r, 150));
        return {
          accessToken: `new-access-${spent}`,
          refreshToken: `new-refresh-${spent}`,
          expiresAt: Date.now() + 3_600_000,
          scopes: s.scopes,
        };
      };
      const old: OAuthSession = {
        accessToken: "old",
        refreshToken: `old-refresh-${Math.random()}`,
        expiresAt: 0,
        scopes: ["offline_access"],
      };
      const [first, second] = await Promise.all([
        refreshWithLock(old, a, refresh),
        refreshWithLock(old, b, refresh),
      ]);
      assert.equal(spent, 1);
      assert.equal(first.accessToken, "new-access-1");
      assert.equal(second.accessToken, "new-access-1");
      assert.equal(second.refreshToken, "new-refresh-1");
    });

    test("the shared refresh result is stored sealed, not in clear text", async () => {
      const [a] = twoInstances();
      const refresh = async (): Promise<OAuthSession> => ({
        accessToken: "very-secret-access-token",
        refreshToken: "very-secret-refresh",
        expiresAt: Date.now() + 1000,
        scopes: [],
      });
      const token = `rt-${Math.random()}`;
      await refreshWithLock(
        { accessToken: "x", refreshToken: token, expiresAt: 0, scopes: [] },
        a,
        refresh,
      );
      const { createHash } = await import("node:crypto");
      const stored = await a.get(
        `oauth:refresh:result:${createHash("sha256").update(token).digest("base64url")}`,
      );
      assert.ok(stored && stored.split(".").length === 5, "a JWE compact value");
      assert.ok(!stored.includes("very-secret"));
    });
  },
);
