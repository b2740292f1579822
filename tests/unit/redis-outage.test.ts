import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type Redis from "ioredis";
import { createClientLimiter } from "../../lib/abuse/client-limiter";
import { assertWithinRateLimit, consumeWithinLimit } from "../../lib/abuse/rate-limit";
import { isAppError } from "../../lib/http/app-error";
import { finishCallback } from "../../lib/oauth/complete-authorization";
import { refreshWithLock } from "../../lib/oauth/refresh";
import type { OAuthSession } from "../../lib/oauth/session-cookie";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { createHandoff, redeemHandoff } from "../../lib/ramp/handoff";
import { getRedisClient, getStore } from "../../lib/store/get-store";
import { connectRedis } from "../../lib/store/redis-connection";
import { RedisServer, haveRedis } from "../support/redis-server";

/**
 * This process runs as an app instance with REDIS_URL set (its own store and limiters,
 * on its one connection); a second connection with its own limiter stands for another
 * instance. Redis is then stopped and started again on the same port: an outage must
 * cost a quick 503 or a looser limit, never a hang or a 500, and end by itself.
 */
let server: RedisServer;
let otherInstance: Redis;
const LIMIT = 3;

before(async () => {
  if (!haveRedis) return;
  server = await RedisServer.start();
  Object.assign(process.env, { REDIS_URL: server.url, RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  dropProcessSingleton("config");
  otherInstance = connectRedis(server.url);
});

after(async () => {
  if (!haveRedis) return;
  otherInstance.disconnect();
  getRedisClient()?.disconnect();
  await server.stop();
});

const tooMany = "Too many requests: wait a minute and try again";
const overLimit = (e: unknown) => isAppError(e) && e.code === "rate_limited" && e.status === 429;
const storeUnavailable = (e: unknown) =>
  isAppError(e) && e.code === "store_unavailable" && e.status === 503 && /shortly/.test(e.message);

/** Runs `fn` and fails if it took `ms` or longer. */
async function within<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    const took = performance.now() - started;
    assert.ok(took < ms, `took ${Math.round(took)} ms`);
  }
}

/** The events logged while `fn` runs. */
async function loggedEvents(fn: () => Promise<void>): Promise<string[]> {
  const events: string[] = [];
  const original = process.stderr.write;
  process.stderr.write = ((line: string) => {
    events.push(/"event":"(\w+)"/.exec(String(line))?.[1] ?? String(line));
    return true;
  }) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = original;
  }
  return events;
}

describe(
  "Redis outage and recovery",
  // A store that hangs instead of failing must fail this suite, not stall the run.
  { skip: !haveRedis && "redis-server not installed", timeout: 30_000 },
  () => {
    // The other instance's limiter: same scope and limit as this process's "mint" limiter.
    let otherLimiter: ReturnType<typeof createClientLimiter>;
    const here = (client: string) => assertWithinRateLimit(client);
    const there = (client: string) => consumeWithinLimit(otherLimiter, client, tooMany);

    test("Redis up: both instances count against one limit, over one connection each", async () => {
      otherLimiter = createClientLimiter("mint", LIMIT, otherInstance);
      await here("192.0.2.1");
      await there("192.0.2.1");
      await here("192.0.2.1");
      await assert.rejects(there("192.0.2.1"), overLimit);
      await assert.rejects(here("192.0.2.1"), overLimit);
      await getStore().set("k", "v", 60_000);
      assert.equal(await getStore().get("k"), "v");
      // This process's store and limiter share one connection; the other instance has one.
      const connected = (await otherInstance.client("LIST")) as string;
      assert.equal(connected.trim().split("\n").length, 2, connected);
    });

    test("Redis down: every store operation fails fast as store_unavailable", async () => {
      await server.stop();
      const store = getStore();
      for (const operation of [
        () => store.get("k"),
        () => store.set("k", "v", 1000),
        () => store.setIfAbsent("k", "v", 1000),
        () => store.delete("k"),
      ])
        await within(1_000, () => assert.rejects(operation(), storeUnavailable));
    });

    test("Redis down: single-use checks refuse clearly instead of guessing", async () => {
      const pending = { state: "s".repeat(43), verifier: "v".repeat(43), scopes: [] };
      const params = new URLSearchParams({ state: pending.state, code: "c" });
      assert.deepEqual(await within(1_000, () => finishCallback(params, pending)), {
        ok: false,
        failure: "store_unavailable",
      });

      let refreshed = 0;
      const session: OAuthSession = {
        accessToken: "a",
        refreshToken: "r",
        expiresAt: 0,
        scopes: [],
      };
      await within(1_000, () =>
        assert.rejects(
          refreshWithLock(session, getStore(), async (s) => (refreshed++, s)),
          storeUnavailable,
        ),
      );
      assert.equal(refreshed, 0, "no refresh token is spent without the lock");

      assert.deepEqual(await within(1_000, () => redeemHandoff("h".repeat(22))), {
        ok: false,
        reason: "unavailable",
      });
      await within(1_000, () =>
        assert.rejects(
          createHandoff(
            "buy",
            {
              asset: "USDC",
              network: "base",
              address: "0x52908400098527886E0F7030069857D2E4169EE7",
            },
            "user-1",
          ),
          storeUnavailable,
        ),
      );
    });

    test("Redis down: limits fall back to each instance's memory, still limit, log once", async () => {
      const events = await loggedEvents(async () => {
        for (let i = 0; i < LIMIT; i++) await within(1_000, () => here("192.0.2.2"));
        await assert.rejects(here("192.0.2.2"), overLimit);
        // Per instance now: the other instance still has its own allowance for this client.
        for (let i = 0; i < LIMIT; i++) await within(1_000, () => there("192.0.2.2"));
        await assert.rejects(there("192.0.2.2"), overLimit);
      });
      assert.deepEqual(
        events.filter((e) => e === "rate_limit_fallback"),
        ["rate_limit_fallback", "rate_limit_fallback"],
        "one line per instance for the whole outage",
      );
    });

    test("Redis back on the same port: store and shared limits recover by themselves", async () => {
      await server.restart();
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          await getStore().set("back", "yes", 60_000);
          break;
        } catch (error) {
          assert.ok(storeUnavailable(error));
          assert.ok(Date.now() < deadline, "the store did not recover within 10 s");
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      assert.equal(await getStore().get("back"), "yes");
      while (otherInstance.status !== "ready") await new Promise((r) => setTimeout(r, 50));
      await here("192.0.2.3");
      await there("192.0.2.3");
      await here("192.0.2.3");
      await assert.rejects(there("192.0.2.3"), overLimit);
    });
  },
);
