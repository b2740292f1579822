import { expect, test, type APIRequestContext } from "@playwright/test";
import { errorOf, expectEnvelope, uniquePublicIp } from "../support/api";
import { HANDOFF_CHECK_EVERY_MS } from "../../lib/ramp/handoff-polling";
import { LIVE_LOOKUP_LIMIT_PER_MINUTE, LIVE_URL } from "../support/e2e-servers";
import { setFault, upstreamHits } from "../support/fault-upstream";
import { renderPagesFirst } from "./pages-first";

/**
 * The look-ups that spend the CDP key (/api/options, /api/transactions) on the live server,
 * counted at the fault upstream: a made-up country never reaches Coinbase, a refused region
 * reaches it once a minute, and each client has an allowance of look-ups (and one of phone-link
 * status checks). Each test has
 * its own client IP (or one per request) and regions no other test asks about.
 */
test.use({ baseURL: LIVE_URL });

test.beforeAll(
  "with Coinbase up, a user signs in and a browser renders every page",
  async ({ browser, playwright }) => renderPagesFirst(browser, playwright),
);

const ANY_OPTIONS = /^\/onramp\/v1\/(buy|sell)\/options$/;

function lookup(request: APIRequestContext, path: string, client = uniquePublicIp()) {
  return request.get(path, { headers: { "x-forwarded-for": client } });
}

test("an unassigned country code is 400 invalid_request naming country, with no upstream call", async ({
  request,
}) => {
  await setFault(request, "ok");
  for (const country of ["ZZ", "XK", "EU"]) {
    const response = await lookup(request, `/api/options?side=buy&country=${country}`);
    expect(await errorOf(response), country).toEqual({ status: 400, code: "invalid_request" });
  }
  const body = expectEnvelope(
    await (await lookup(request, "/api/options?side=buy&country=ZZ")).json(),
  );
  expect(body.error.issues?.map((i) => i.path)).toEqual(["country"]);
  expect(await upstreamHits(request, ANY_OPTIONS)).toBe(0);
});

test("a region Coinbase refuses is asked about once a minute, however often it is looked up", async ({
  request,
}) => {
  await setFault(request, "400");
  const path = "/api/options?side=sell&country=AQ"; // Antarctica: nobody else asks
  const answers = [];
  for (let i = 0; i < 4; i++) {
    const response = await lookup(request, path);
    expect(response.status()).toBe(200);
    answers.push(await response.json());
  }
  expect(answers[0]).toEqual(
    expect.objectContaining({ source: "unavailable", note: expect.stringMatching(/^Coinbase/) }),
  );
  for (const answer of answers) expect(answer).toEqual(answers[0]);
  expect(await upstreamHits(request, "/onramp/v1/sell/options")).toBe(1);

  // Coinbase would answer now, but the refusal stands for the rest of the minute, uncounted.
  await setFault(request, "ok");
  expect(await (await lookup(request, path)).json()).toEqual(answers[0]);
  expect(await upstreamHits(request, ANY_OPTIONS)).toBe(0);
});

test("an outage is not kept: each look-up of the region asks Coinbase again", async ({
  request,
}) => {
  await setFault(request, "500");
  for (let i = 0; i < 3; i++) {
    const response = await lookup(request, "/api/options?side=sell&country=AI");
    expect(((await response.json()) as { source: string }).source).toBe("catalog");
  }
  expect(await upstreamHits(request, "/onramp/v1/sell/options")).toBe(3);
});

test("look-ups over the client's limit get 429 with Retry-After and never reach Coinbase", async ({
  request,
}) => {
  await setFault(request, "ok");
  const client = uniquePublicIp();
  // Options and transactions draw on one allowance (nobody signed in: transactions are 401,
  // counted all the same).
  for (let i = 1; i <= LIVE_LOOKUP_LIMIT_PER_MINUTE; i++) {
    const [path, status] =
      i % 2 ? ["/api/options?side=sell&country=AW", 200] : ["/api/transactions?side=buy", 401];
    expect((await lookup(request, path, client)).status(), `${path} (${i})`).toBe(status);
  }
  for (const path of ["/api/options?side=buy&country=AW", "/api/transactions?side=sell"]) {
    const limited = await lookup(request, path, client);
    expect(await errorOf(limited), path).toEqual({ status: 429, code: "rate_limited" });
    const retryAfter = Number(limited.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  }
  // Aruba's sell options once (then cached); its buy options never: that look-up was refused.
  expect(await upstreamHits(request, "/onramp/v1/sell/options")).toBe(1);
  expect(await upstreamHits(request, "/onramp/v1/buy/options")).toBe(0);
  const other = await lookup(request, "/api/options?side=buy&country=AW");
  expect(other.status(), "another client").toBe(200);
});

test("phone-link status checks and revocations have an allowance of their own, well above a page's polling: over it, 429 with Retry-After", async ({
  request,
}) => {
  // Six pages asking every few seconds for a minute (lib/abuse/guard-lookup.ts), or the
  // look-up limit if higher.
  const allowance = Math.max(LIVE_LOOKUP_LIMIT_PER_MINUTE, (6 * 60_000) / HANDOFF_CHECK_EVERY_MS);
  const client = uniquePublicIp();
  const status = (i: number) => `/api/handoff/${String(i).padStart(22, "x")}`;
  // Guessed ids, nobody signed in: 401, counted all the same.
  for (let i = 1; i <= allowance; i++) {
    expect((await lookup(request, status(i), client)).status(), `ask ${i}`).toBe(401);
  }
  const limited = await lookup(request, status(0), client);
  expect(await errorOf(limited)).toEqual({ status: 429, code: "rate_limited" });
  const retryAfter = Number(limited.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  // Revoking a link reads the same store: it counts against the same allowance.
  const revoke = await request.delete(status(0), { headers: { "x-forwarded-for": client } });
  expect(await errorOf(revoke), "DELETE").toEqual({ status: 429, code: "rate_limited" });
  // The client's look-ups are not spent by it, and another client is still answered.
  expect((await lookup(request, "/api/transactions?side=buy", client)).status()).toBe(401);
  expect((await lookup(request, status(0))).status()).toBe(401);
});
