import { readFileSync, rmSync } from "node:fs";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { VALID_ONRAMP, VALID_QUOTE, errorOf, uniquePublicIp } from "../support/api";
import { startOwnServer, within } from "../support/own-server";
import { PORTS, databaseDir, serverLogPath } from "../support/e2e-servers";
import { RedisServer, haveRedis } from "../support/redis-server";
import { signInByApi } from "../support/sign-in";

/**
 * Several instances share their single-use state and limits through Redis. When Redis goes
 * down under a running server (that has rendered its pages, as in production), every route
 * still answers within its deadline with a page or the error envelope, never a 500: minting
 * goes on under per-instance limits, single-use checks say `store_unavailable`, and all of
 * it recovers by itself when Redis is back. This spec starts its own Redis and its own
 * `next start` (sandbox mode, REDIS_URL set, its own database), so it can stop Redis under
 * it. Its API client is a user signed in (code from the sandbox inbox) while Redis is up.
 */
const URL_ = `http://localhost:${PORTS.redisOutage}`;
// The store gives up on a command within half a second; a route may make a few.
const ANSWER_WITHIN_MS = 3_000;

test.describe.configure({ mode: "serial" });
test.skip(!haveRedis, "redis-server not installed");

let redis: RedisServer;
let stopApp: () => Promise<void>;
let api: APIRequestContext;

test.beforeAll(async () => {
  // The app starts before Redis does (say, both deployed at once): it says so, and goes on.
  redis = await RedisServer.start();
  await redis.stop();
  rmSync(databaseDir(PORTS.redisOutage), { recursive: true, force: true });
  ({ api, stop: stopApp } = await startOwnServer(PORTS.redisOutage, {
    REDIS_URL: redis.url,
    PGLITE_DIR: databaseDir(PORTS.redisOutage),
    SMTP_URL: "",
  }));
  await redis.restart();
  await signInByApi(api, URL_);
});

test.afterAll(async () => {
  await stopApp?.();
  await redis?.stop();
});

const timed = <T>(call: () => Promise<T>) => within(ANSWER_WITHIN_MS, call);

const headers = () => ({ "x-forwarded-for": uniquePublicIp() });
const handoff = () =>
  api.post("/api/handoff", { data: { side: "buy", request: VALID_ONRAMP }, headers: headers() });
const linkOf = async (made: Awaited<ReturnType<typeof handoff>>) =>
  new URL(((await made.json()) as { url: string }).url).pathname;
const location = (response: Awaited<ReturnType<APIRequestContext["get"]>>) =>
  response.headers().location?.replace(URL_, "");

test("a Redis not there at start is named in the log, and used once it is", async () => {
  const warnings = readFileSync(serverLogPath(PORTS.redisOutage), "utf8")
    .split("\n")
    .filter((line) => line.includes('"event":"config_warning"'))
    .map((line) => (JSON.parse(line) as { variable: string }).variable);
  expect(warnings).toContain("REDIS_URL");
  await expect.poll(async () => (await handoff()).status(), { timeout: 5_000 }).toBe(200);
});

test("with Redis up, pages render and the routes that use it work", async ({ page }) => {
  for (const path of ["/", "/buy", "/sell", "/connect", "/account"])
    expect((await page.goto(`${URL_}${path}`))?.status(), path).toBe(200);
  expect((await api.post("/api/onramp", { data: VALID_ONRAMP, headers: headers() })).status()).toBe(
    200,
  );
  expect((await handoff()).status()).toBe(200);
});

test("with Redis down, every route answers in time, clearly, and never with a 500", async ({
  page,
}) => {
  const linkMadeBefore = await linkOf(await handoff());
  const authorize = await api.get("/api/oauth/authorize?scope=wallet:user:read", {
    maxRedirects: 0,
  });
  const state = new URL(authorize.headers().location!).searchParams.get("state")!;
  const leaving = await request.newContext({ baseURL: URL_ });
  await signInByApi(leaving, URL_);
  await redis.stop();

  // Minting and quoting go on, limited per instance meanwhile.
  const mint = await timed(() =>
    api.post("/api/onramp", { data: VALID_ONRAMP, headers: headers() }),
  );
  expect(mint.status()).toBe(200);
  const quote = await timed(() =>
    api.post("/api/quote", { data: VALID_QUOTE, headers: headers() }),
  );
  expect(quote.status()).toBe(200);

  // Single-use state cannot be checked: the envelope, or a page that says so.
  expect(await errorOf(await timed(handoff))).toEqual({ status: 503, code: "store_unavailable" });
  const opened = await timed(() => api.post(linkMadeBefore, { maxRedirects: 0 }));
  expect([opened.status(), location(opened)]).toEqual([
    303,
    `/handoff?link=unavailable&id=${linkMadeBefore.split("/").pop()}`,
  ]);
  const callback = await timed(() =>
    api.get(`/oauth/callback?code=c-1&state=${state}`, { maxRedirects: 0 }),
  );
  expect([callback.status(), location(callback)]).toEqual([
    303,
    "/oauth/result?failure=store_unavailable",
  ]);

  // Signing out still signs out; only the user's phone links cannot be ended meanwhile.
  const signedOut = await timed(() => leaving.post("/api/auth/sign-out", { headers: headers() }));
  expect(await signedOut.json()).toEqual({ signedIn: false, coinbaseRevoked: true });
  expect((await leaving.get("/api/transactions?side=buy")).status()).toBe(401);
  await leaving.dispose();

  // What a user sees of it.
  await page.goto(`${URL_}${linkMadeBefore}`);
  await expect(
    page.getByRole("heading", { level: 1, name: "Phone links are unavailable for a moment" }),
  ).toBeVisible();
  expect((await page.goto(`${URL_}/buy`))?.status()).toBe(200);
});

test("when Redis is back, the app recovers by itself", async () => {
  await redis.restart();
  await expect.poll(async () => (await handoff()).status(), { timeout: 10_000 }).toBe(200);
  const link = await linkOf(await handoff());
  const opened = await api.post(link, { maxRedirects: 0 });
  expect(opened.status()).toBe(303);
  expect(location(opened)).toMatch(/\/sandbox\/pay\//);
});
