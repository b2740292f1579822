import { expect, test, type APIRequestContext } from "@playwright/test";
import {
  OPENED_BY_USER,
  EVM_ADDRESS,
  PARTNER_AUTH,
  PARTNER_ONRAMP,
  PARTNER_RETURN_PAGE,
  PARTNER_USER_REF,
  VALID_ONRAMP,
  VALID_QUOTE,
  errorOf,
  expectEnvelope,
  uniquePublicIp,
} from "../support/api";
import { LIVE_URL } from "../support/e2e-servers";
import { MINT_PATH, setFault, upstreamHits } from "../support/fault-upstream";
import { signInByApi } from "../support/sign-in";

/**
 * Who may mint (live server): a user signed in with an emailed code, whose `partnerUserRef`
 * is their id and never what the request says, or a partner's server with a key from
 * API_KEYS, which names its own user. Nobody else, and Coinbase is not called for them.
 */
test.use({ baseURL: LIVE_URL });

const SESSION_TOKEN = { addresses: [{ address: EVM_ADDRESS, blockchains: ["base"] }] };
/** Each minting route with a body that is valid for a partner's server. */
const MINTING: Array<[string, object]> = [
  ["/api/session-token", SESSION_TOKEN],
  ["/api/onramp", PARTNER_ONRAMP],
  ["/api/offramp", PARTNER_ONRAMP],
  ["/api/handoff", { side: "buy", request: PARTNER_ONRAMP }],
];

const post = (
  request: APIRequestContext,
  path: string,
  data: object,
  headers: Record<string, string> = {},
) => request.post(path, { data, headers: { "x-forwarded-for": uniquePublicIp(), ...headers } });

/** The user reference a minted URL carries. */
async function partnerUserIdOf(response: Awaited<ReturnType<typeof post>>) {
  expect(response.status(), await response.text()).toBe(200);
  return new URL(((await response.json()) as { url: string }).url).searchParams.get(
    "partnerUserId",
  );
}

test.beforeEach(async ({ request }) => {
  await setFault(request, "ok");
});

test("without a session or a key, every minting route answers 401 sign_in_required, Coinbase not called", async ({
  request,
}) => {
  for (const [path, data] of MINTING)
    expect(await errorOf(await post(request, path, data)), path).toEqual({
      status: 401,
      code: "sign_in_required",
    });
  expect(await upstreamHits(request, MINT_PATH)).toBe(0);
});

test("a wrong API key is 401 on every minting route", async ({ request }) => {
  const wrongKeys = [
    `Bearer ${PARTNER_AUTH.authorization.slice(7, -1)}x`, // one character off
    "Bearer not-a-key-of-this-server-0123456789abcdef",
    "Basic dXNlcjpwYXNz",
  ];
  for (const authorization of wrongKeys)
    for (const [path, data] of MINTING)
      expect(
        await errorOf(await post(request, path, data, { authorization })),
        `${path} with ${authorization.split(" ")[0]}`,
      ).toEqual({ status: 401, code: "sign_in_required" });
  expect(await upstreamHits(request, MINT_PATH)).toBe(0);
});

test("the quote and options routes stay public", async ({ request }) => {
  expect((await post(request, "/api/quote", VALID_QUOTE)).status()).toBe(200);
  expect((await request.get("/api/options?side=buy&country=US&subdivision=NY")).status()).toBe(200);
});

test("an API key without partnerUserRef is 400, naming the field", async ({ request }) => {
  for (const [path, data] of [
    ["/api/onramp", VALID_ONRAMP],
    ["/api/offramp", VALID_ONRAMP],
    ["/api/handoff", { side: "buy", request: VALID_ONRAMP }],
  ] as const) {
    const response = await post(request, path, data, PARTNER_AUTH);
    expect(response.status(), path).toBe(400);
    const { error } = expectEnvelope(await response.json());
    expect(error.code).toBe("invalid_request");
    // Each route's own path to the field: the phone link's request is under `request`.
    expect(error.issues?.map((i) => i.path)).toEqual([
      path === "/api/handoff" ? "request.partnerUserRef" : "partnerUserRef",
    ]);
  }
  expect(await upstreamHits(request, MINT_PATH)).toBe(0);
});

test("an API key without redirectUrl is 400 for a URL (its user is not signed in here to read the app's completion page), not for a phone link", async ({
  request,
}) => {
  const { redirectUrl, ...unnamed } = PARTNER_ONRAMP;
  expect(redirectUrl).toBeTruthy();
  for (const path of ["/api/onramp", "/api/offramp"]) {
    const response = await post(request, path, unnamed, PARTNER_AUTH);
    expect(response.status(), path).toBe(400);
    const { error } = expectEnvelope(await response.json());
    expect(error.message).toBe(
      "With an API key, name the page your user comes back to in redirectUrl",
    );
    expect(error.issues?.map((i) => i.path)).toEqual(["redirectUrl"]);
  }
  expect(await upstreamHits(request, MINT_PATH)).toBe(0);
  // The page named is where Coinbase sends the user.
  const named = await post(request, "/api/onramp", PARTNER_ONRAMP, PARTNER_AUTH);
  expect(named.status()).toBe(200);
  const payUrl = new URL(((await named.json()) as { url: string }).url);
  expect(payUrl.searchParams.get("redirectUrl")).toBe(PARTNER_RETURN_PAGE);
  // A phone link brings its phone back to the app's page, with a status cookie of its own.
  const made = await post(request, "/api/handoff", { side: "buy", request: unnamed }, PARTNER_AUTH);
  expect(made.status()).toBe(200);
});

test("an API key mints for the partnerUserRef it names", async ({ request }) => {
  const ref = `partner-user-${Date.now()}`;
  const onramp = { ...PARTNER_ONRAMP, partnerUserRef: ref };
  expect(await partnerUserIdOf(await post(request, "/api/onramp", onramp, PARTNER_AUTH))).toBe(ref);
  const sell = await post(request, "/api/offramp", onramp, PARTNER_AUTH);
  expect(await partnerUserIdOf(sell)).toBe(ref);
  const made = await post(request, "/api/handoff", { side: "buy", request: onramp }, PARTNER_AUTH);
  expect(made.status()).toBe(200);
  const link = new URL(((await made.json()) as { url: string }).url).pathname;
  // "Continue to Coinbase" on the link's page.
  const opened = await request.post(link, {
    maxRedirects: 0,
    headers: { "x-forwarded-for": uniquePublicIp() },
  });
  expect(opened.status()).toBe(303);
  expect(new URL(opened.headers().location!).searchParams.get("partnerUserId")).toBe(ref);
  expect((await post(request, "/api/session-token", SESSION_TOKEN, PARTNER_AUTH)).status()).toBe(
    200,
  );
});

test("a signed-in user cannot name a partnerUserRef: 400, and their mints carry their own id", async ({
  playwright,
}) => {
  const alice = await playwright.request.newContext({ baseURL: LIVE_URL });
  const bob = await playwright.request.newContext({ baseURL: LIVE_URL });
  await signInByApi(alice, LIVE_URL);
  await signInByApi(bob, LIVE_URL);

  for (const [path, data] of [
    ["/api/onramp", PARTNER_ONRAMP],
    ["/api/offramp", PARTNER_ONRAMP],
    ["/api/handoff", { side: "buy", request: PARTNER_ONRAMP }],
  ] as const) {
    const response = await post(alice, path, data);
    expect(response.status(), path).toBe(400);
    const { error } = expectEnvelope(await response.json());
    expect(error.code).toBe("invalid_request");
    // Each route's own path to the field: the phone link's request is under `request`.
    expect(error.issues?.map((i) => i.path)).toEqual([
      path === "/api/handoff" ? "request.partnerUserRef" : "partnerUserRef",
    ]);
  }
  expect(await upstreamHits(alice, MINT_PATH)).toBe(0);

  const aliceRef = await partnerUserIdOf(await post(alice, "/api/onramp", VALID_ONRAMP));
  expect(aliceRef).toBeTruthy();
  expect(aliceRef).not.toBe(PARTNER_USER_REF);
  // The same id on every mint, and the one the server renders into her /buy page.
  expect(await partnerUserIdOf(await post(alice, "/api/offramp", VALID_ONRAMP))).toBe(aliceRef);
  expect(await (await alice.get("/buy")).text()).toContain(`partnerUserId=${aliceRef}`);
  // Another user gets another.
  const bobRef = await partnerUserIdOf(await post(bob, "/api/onramp", VALID_ONRAMP));
  expect(bobRef).toBeTruthy();
  expect(bobRef).not.toBe(aliceRef);

  await alice.dispose();
  await bob.dispose();
});

test("opening a phone link mints nothing, whoever opens it: only Continue on its page does, once", async ({
  request,
}) => {
  const onramp = { ...VALID_ONRAMP, fiatAmount: "50", partnerUserRef: PARTNER_USER_REF };
  const made = await post(request, "/api/handoff", { side: "buy", request: onramp }, PARTNER_AUTH);
  expect(made.status()).toBe(200);
  const { url, statusId } = (await made.json()) as { url: string; statusId: string };
  const link = new URL(url).pathname;
  const id = link.split("/").pop();

  // The user's own browser, a chat's link preview, a prefetch: each gets the page that asks.
  const visits: Record<string, string>[] = [
    OPENED_BY_USER,
    { "user-agent": "Slackbot-LinkExpanding 1.0" },
    { ...OPENED_BY_USER, "sec-purpose": "prefetch" },
  ];
  for (const headers of visits) {
    const fetched = await request.get(link, { headers, maxRedirects: 0 });
    expect(fetched.status(), JSON.stringify(headers)).toBe(303);
    expect(new URL(fetched.headers().location!, LIVE_URL).pathname).toBe(`/handoff/${id}`);
    const page = await (await request.get(link, { headers })).text();
    expect(page).toContain("Continue to Coinbase");
    expect(page).toContain("started on another device");
  }
  expect(await upstreamHits(request, MINT_PATH)).toBe(0);
  const state = await request.get(`/api/handoff/${statusId}`, { headers: PARTNER_AUTH });
  expect(await state.json()).toEqual({ state: "waiting" });

  // Continue: one mint, on to Coinbase; the link is then used. The phone has an address of its
  // own: its mint counts against that client's rate limit, not the other tests'.
  const phone = { "x-forwarded-for": uniquePublicIp() };
  const opened = await request.post(link, { maxRedirects: 0, headers: phone });
  expect(opened.status()).toBe(303);
  expect(opened.headers().location).toMatch(/^https:\/\/pay\.example\.test\//);
  expect(await upstreamHits(request, MINT_PATH)).toBe(1);
  const again = await request.post(link, { maxRedirects: 0, headers: phone });
  // Used (Back from Coinbase, Continue again): the page that says so leads to the order.
  expect(new URL(again.headers().location!, LIVE_URL).search).toBe("?link=used&side=buy");
  expect(await upstreamHits(request, MINT_PATH)).toBe(1);
});
