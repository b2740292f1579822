import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { standInForCoinbase } from "../support/coinbase-stand-in";
import { isAppError } from "../../lib/http/app-error";
import { getAuthInfo, getUser, listAccounts } from "../../lib/oauth/coinbase-api";
import { loadSendBudget } from "../../lib/oauth/send-budget";
import { sendCrypto } from "../../lib/oauth/send-crypto";
import { withSendLimit } from "../../lib/oauth/granted-session";
import { recordAppSend, rememberSendId } from "../../lib/oauth/app-sends";
import { loadSendView } from "../../lib/oauth/send-view";
import { loadAccountView } from "../../lib/oauth/account-view";

/**
 * The Coinbase API client against a loopback server that answers as Coinbase does (or does
 * not): shapes are checked, pages followed only on the same API, errors become ours.
 */
type Answer = { status: number; body: unknown };
let answers: Record<string, Answer> = {};
const seen: { path: string; authorization?: string; version?: string }[] = [];
let stop: () => Promise<void>;

before(async () => {
  stop = await standInForCoinbase((req, res) => {
    const path = (req.url ?? "").replace(/^\/sandbox\/api/, "");
    seen.push({
      path,
      authorization: req.headers.authorization,
      version: req.headers["cb-version"] as string | undefined,
    });
    const answer = answers[path] ?? { status: 404, body: { errors: [{ id: "not_found" }] } };
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  });
});

after(() => stop());

async function failure(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  const error = await promise.then(
    () => assert.fail("expected an error"),
    (e: unknown) => e,
  );
  assert.ok(isAppError(error), String(error));
  return { code: error.code, status: error.status };
}

describe("Coinbase API client", () => {
  test("reads the user with the token and the pinned version; a null username is absent", async () => {
    answers = {
      "/v2/user": { status: 200, body: { data: { id: "u1", name: "Sandy", username: null } } },
    };
    const user = await getUser("at-1");
    assert.equal(user.id, "u1");
    assert.equal(user.name, "Sandy");
    assert.equal(user.username, undefined);
    assert.equal(user.email, undefined);
    assert.equal(seen.at(-1)?.authorization, "Bearer at-1");
    assert.equal(seen.at(-1)?.version, "2025-01-01");
  });

  test("reads the granted scopes and the send limit's metadata as text", async () => {
    answers = {
      "/v2/user/auth": {
        status: 200,
        body: { data: { scopes: ["wallet:user:read"], oauth_meta: { send_limit_amount: 50 } } },
      },
    };
    assert.deepEqual(await getAuthInfo("at-1"), {
      scopes: ["wallet:user:read"],
      oauthMeta: { send_limit_amount: "50" },
    });
  });

  test("follows next_uri on the same API only, and reads both currency shapes", async () => {
    const account = (id: string, currency: unknown) => ({
      id,
      name: `${id} wallet`,
      currency,
      balance: { amount: "1.5", currency: "BTC" },
    });
    answers = {
      "/v2/accounts?limit=100": {
        status: 200,
        body: {
          data: [account("a1", "BTC")],
          pagination: { next_uri: "/v2/accounts?starting_after=a1" },
        },
      },
      "/v2/accounts?starting_after=a1": {
        status: 200,
        body: {
          data: [account("a2", { code: "ETH" })],
          pagination: { next_uri: "https://evil.example/v2/x" },
        },
      },
    };
    const accounts = await listAccounts("at-1");
    assert.deepEqual(
      accounts.map((a) => [a.id, a.currency]),
      [
        ["a1", "BTC"],
        ["a2", "ETH"],
      ],
    );
    assert.ok(!seen.some((s) => s.path.includes("evil")));
  });

  test("an answer of the wrong shape is an upstream error, not a crash", async () => {
    answers = { "/v2/user": { status: 200, body: { data: { name: "no id" } } } };
    assert.deepEqual(await failure(getUser("at-1")), { code: "upstream_error", status: 502 });
    answers = { "/v2/accounts?limit=100": { status: 200, body: { data: "nope" } } };
    assert.deepEqual(await failure(listAccounts("at-1")), { code: "upstream_error", status: 502 });
  });

  test("Coinbase's refusals become our errors", async () => {
    const cases: [number, string, number][] = [
      [401, "not_connected", 401],
      [403, "insufficient_scope", 403],
      [404, "not_found", 404],
      [429, "upstream_busy", 503],
      [500, "upstream_error", 502],
    ];
    for (const [status, code, ours] of cases) {
      answers = { "/v2/user": { status, body: { errors: [{ id: "x" }] } } };
      assert.deepEqual(
        await failure(getUser("at-1")),
        { code, status: ours },
        `Coinbase ${status}`,
      );
    }
  });
});

describe("what is left of the send limit (lib/oauth/send-budget.ts)", () => {
  const HOUR = 3_600_000;
  // After the day the app began keeping its sends (the database's migration, made for this file).
  const NOW = Date.now() + 48 * HOUR;
  const auth = {
    scopes: ["wallet:transactions:read", "wallet:transactions:send"],
    oauthMeta: { send_limit_amount: "100", send_limit_currency: "USD", send_limit_period: "day" },
  };
  const account = {
    id: "acc",
    name: "USDC wallet",
    currency: "USDC",
    balance: { amount: "500", currency: "USDC" },
  };
  const list = "/v2/accounts/acc/transactions";
  // The sends below are this app's: made with an idem it kept (send-crypto.ts does so).
  const idemOf = (id: string) =>
    `00000000-0000-4000-8000-${Buffer.from(id).toString("hex").padStart(12, "0").slice(-12)}`;
  before(async () => {
    for (const id of ["t1", "t2", "t3", "t4", "t5"]) await recordAppSend(idemOf(id));
  });
  const send = (id: string, hoursAgo: number, usd: string, currency = "USD") => ({
    id,
    type: "send",
    status: "completed",
    amount: { amount: `-${usd}`, currency: "USDC" },
    native_amount: { amount: `-${usd}`, currency },
    created_at: new Date(NOW - hoursAgo * HOUR).toISOString(),
    idem: idemOf(id),
  });
  const received = (id: string, hoursAgo: number, value: string) => ({
    ...send(id, hoursAgo, value, "EUR"),
    amount: { amount: value, currency: "USDC" },
    native_amount: { amount: value, currency: "EUR" },
  });
  const page = (data: unknown[], next: string | null) => ({
    status: 200,
    body: { data, pagination: { next_uri: next } },
  });

  test("follows the pages back to the period's start, and no further", async () => {
    answers = {
      [`${list}?limit=100`]: page(
        // Crypto received is a "send" too, with a positive amount: not spent from the limit.
        [send("t1", 1, "10"), received("in", 2, "1000"), send("t2", 5, "20")],
        `${list}?starting_after=t2`,
      ),
      [`${list}?starting_after=t2`]: page(
        [send("t3", 20, "30"), send("t4", 30, "40")],
        `${list}?starting_after=t4`,
      ),
      [`${list}?starting_after=t4`]: page([send("t5", 40, "50")], null),
    };
    seen.length = 0;
    const budget = await loadSendBudget("at-1", auth, [account], NOW);
    assert.equal(budget?.usedCents, 6000, "the three sends of the last 24 hours");
    assert.equal(budget?.remainingCents, 4000);
    assert.ok(!seen.some((s) => s.path.endsWith("starting_after=t4")), "no page past the period");
  });

  test("sends the user made in Coinbase's own app from the same account are not this app's to count", async () => {
    // Coinbase's app gives no idem, or one of its own this app never made.
    const elsewhere = [
      { ...send("c1", 1, "70"), idem: null },
      { ...send("c2", 2, "25"), idem: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d" },
    ];
    answers = { [`${list}?limit=100`]: page([...elsewhere, send("t1", 3, "10")], null) };
    const budget = await loadSendBudget("at-1", auth, [account], NOW);
    assert.deepEqual([budget?.usedCents, budget?.remainingCents], [1000, 9000]);
  });

  test("a send of this app's is found by its id when a listing leaves its idem out; one from before the app kept them, by its idem", async () => {
    const yearly = { ...auth, oauthMeta: { ...auth.oauthMeta, send_limit_period: "year" } };
    const idem = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9";
    await recordAppSend(idem);
    await rememberSendId(idem, "t-known");
    const before = (hours: number) => (NOW - Date.now()) / HOUR + hours; // hours before the table
    answers = {
      [`${list}?limit=100`]: page(
        [
          { ...send("t-known", 1, "10"), idem: undefined },
          // Made by this app before it kept its sends (an idem), and by Coinbase's app (none).
          { ...send("t-old", before(5), "20"), idem: "8e7d6c5b-4a39-4281-9a0b-c1d2e3f4a5b6" },
          { ...send("t-app", before(6), "40"), idem: null },
        ],
        null,
      ),
    };
    const budget = await loadSendBudget("at-1", yearly, [account], NOW);
    assert.equal(budget?.usedCents, 3000);
  });

  test("a send made here is kept before it goes: once Coinbase lists it, it counts", async () => {
    const idem = "7c6b5a49-3827-4165-9e8d-7c6b5a493827";
    const sent = { ...send("t-new", 0, "15"), status: "pending", idem };
    answers = {
      "/v2/user/auth": { status: 200, body: { data: { ...auth, oauth_meta: auth.oauthMeta } } },
      "/v2/accounts?limit=100": { status: 200, body: { data: [account], pagination: {} } },
      [`${list}?limit=100`]: page([], null),
      "/v2/prices/USDC-USD/spot": { status: 200, body: { data: { amount: "1" } } },
      [list]: { status: 201, body: { data: sent } },
    };
    const input = {
      accountId: "acc",
      network: "base",
      to: "0x52908400098527886E0F7030069857D2E4169EE7",
      amount: "15",
      idem,
    };
    assert.equal((await sendCrypto("at-1", input, NOW)).idem, idem);
    answers = { [`${list}?limit=100`]: page([sent], null) };
    const budget = await loadSendBudget("at-1", auth, [account], NOW);
    assert.equal(budget?.usedCents, 1500);
    // Its id was kept with it, once Coinbase answered: found by it too.
    answers = { [`${list}?limit=100`]: page([{ ...sent, idem: undefined }], null) };
    assert.equal((await loadSendBudget("at-1", auth, [account], NOW))?.usedCents, 1500);
  });

  test("only the accounts the app can send from are read: not one call per asset a user shared", async () => {
    const others = ["DOGE", "SHIB", "XLM"].map((currency) => ({
      ...account,
      id: `acc-${currency}`,
      currency,
    }));
    answers = { [`${list}?limit=100`]: page([send("t1", 1, "10")], null) };
    seen.length = 0;
    const budget = await loadSendBudget("at-1", auth, [account, ...others], NOW);
    assert.equal(budget?.usedCents, 1000);
    assert.deepEqual(
      seen.map((s) => s.path),
      [`${list}?limit=100`],
    );
  });

  test("a send valued in another currency counts at today's price of its crypto in the limit's", async () => {
    answers = {
      [`${list}?limit=100`]: page([send("t1", 1, "10"), send("t2", 2, "9", "EUR")], null),
      "/v2/prices/USDC-USD/spot": { status: 200, body: { data: { amount: "0.5" } } },
    };
    const budget = await loadSendBudget("at-1", auth, [account], NOW);
    assert.deepEqual([budget?.uncounted, budget?.usedCents], [undefined, 1000 + 450]);
  });

  test("a send with no price in the limit's currency, or more pages than are read: no figure is guessed", async () => {
    answers = {
      [`${list}?limit=100`]: page([send("t1", 1, "10"), send("t2", 2, "9", "EUR")], null),
    };
    const other = await loadSendBudget("at-1", auth, [account], NOW);
    assert.deepEqual([other?.uncounted, other?.remainingCents], ["other_currency", undefined]);

    answers = { [`${list}?limit=100`]: page([send("t1", 1, "1")], `${list}?limit=100`) };
    const endless = await loadSendBudget("at-1", auth, [account], NOW);
    assert.deepEqual([endless?.uncounted, endless?.remainingCents], ["too_many", undefined]);
  });

  test("a price Coinbase fails to give for a moment is an outage to try again, not a send that cannot be valued", async () => {
    answers = {
      [`${list}?limit=100`]: page([send("t1", 1, "10"), send("t2", 2, "9", "EUR")], null),
      "/v2/prices/USDC-USD/spot": { status: 503, body: { errors: [{ id: "unavailable" }] } },
    };
    await assert.rejects(loadSendBudget("at-1", auth, [account], NOW), (error) => {
      assert.ok(isAppError(error) && error.status >= 500, String(error));
      return true;
    });
  });

  test("the access token ending between two calls is not_connected (renewed by the caller), not a send that cannot be valued", async () => {
    const expired = { status: 401, body: { errors: [{ id: "expired_token" }] } };
    answers = {
      [`${list}?limit=100`]: page([send("t1", 1, "10"), send("t2", 2, "9", "EUR")], null),
      "/v2/prices/USDC-USD/spot": expired,
    };
    assert.deepEqual(await failure(loadSendBudget("at-1", auth, [account], NOW)), {
      code: "not_connected",
      status: 401,
    });
    // The send's own price, after a budget read in full.
    answers = {
      "/v2/user/auth": { status: 200, body: { data: { ...auth, oauth_meta: auth.oauthMeta } } },
      "/v2/accounts?limit=100": { status: 200, body: { data: [account], pagination: {} } },
      [`${list}?limit=100`]: page([send("t1", 1, "10")], null),
      "/v2/prices/USDC-USD/spot": expired,
    };
    const input = {
      accountId: "acc",
      network: "base",
      to: "0x52908400098527886E0F7030069857D2E4169EE7",
      amount: "5",
      idem: "0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a",
    };
    assert.deepEqual(await failure(sendCrypto("at-1", input, NOW)), {
      code: "not_connected",
      status: 401,
    });
  });

  test("the same send again, its answer lost: the send already made is the answer, not a refusal", async () => {
    const idem = "3f2b8c1d-7e6a-4b5c-9d8e-0a1b2c3d4e5f";
    // Made a minute ago (kept by the app first); its answer never reached the page. 60 of the
    // day's 100 USD are used.
    await recordAppSend(idem);
    const made = { ...send("t-made", 1 / 60, "60"), status: "pending", idem };
    const withBalance = (amount: string) => ({
      "/v2/user/auth": { status: 200, body: { data: { ...auth, oauth_meta: auth.oauthMeta } } },
      "/v2/accounts?limit=100": {
        status: 200,
        body: { data: [{ ...account, balance: { amount, currency: "USDC" } }], pagination: {} },
      },
      [`${list}?limit=100`]: page([made], null),
      "/v2/prices/USDC-USD/spot": { status: 200, body: { data: { amount: "1" } } },
      // What a POST would get: a second send.
      [list]: { status: 201, body: { data: { ...made, id: "t-second" } } },
    });
    const input = {
      accountId: "acc",
      network: "base",
      to: "0x52908400098527886E0F7030069857D2E4169EE7",
      amount: "60",
      idem,
    };
    for (const balance of ["440", "30"]) {
      answers = withBalance(balance);
      seen.length = 0;
      const answer = await sendCrypto("at-1", input, NOW);
      assert.deepEqual([answer.id, answer.idem], ["t-made", idem], `balance ${balance}`);
      assert.ok(!seen.some((s) => s.path === list), "no second send was posted");
    }
    // A new attempt (another idem) is what the limit and the balance refuse.
    const another = { ...input, idem: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" };
    answers = withBalance("440");
    assert.deepEqual(await failure(sendCrypto("at-1", another, NOW)), {
      code: "send_limit_exceeded",
      status: 403,
    });
    answers = withBalance("30");
    assert.deepEqual(await failure(sendCrypto("at-1", another, NOW)), {
      code: "insufficient_funds",
      status: 400,
    });
    // Finer than USDC's 6 decimals: refused at the amount, before Coinbase is asked to send.
    answers = withBalance("440");
    seen.length = 0;
    assert.deepEqual(await failure(sendCrypto("at-1", { ...another, amount: "1.0000001" }, NOW)), {
      code: "invalid_request",
      status: 400,
    });
    assert.ok(!seen.some((s) => s.path === list), "nothing was posted");
  });

  test("on /account, sends that cannot be read now leave the send form up, with no figure left", async () => {
    const sendAuth = { ...auth, scopes: [...auth.scopes, "wallet:accounts:read"] };
    for (const status of [429, 500, 403]) {
      answers = { [`${list}?limit=100`]: { status, body: { errors: [{ id: "x" }] } } };
      const view = await loadSendView("at-1", sendAuth, [account]);
      assert.deepEqual(
        view?.accounts.map((a) => [a.id, a.balance]),
        [["acc", "500"]],
      );
      assert.deepEqual(
        view?.budget,
        { limit: { amount: "100", currency: "USD", period: "day" }, uncounted: "unread" },
        `Coinbase ${status}`,
      );
    }
    // A session Coinbase ended is not hidden behind that: /account offers to connect again.
    answers = { [`${list}?limit=100`]: { status: 401, body: { errors: [{ id: "x" }] } } };
    assert.deepEqual(await failure(loadSendView("at-1", sendAuth, [account])), {
      code: "not_connected",
      status: 401,
    });
  });

  test("a send the budget cannot count is refused before anything is sent", async () => {
    const sendAnswers = {
      "/v2/user/auth": { status: 200, body: { data: { ...auth, oauth_meta: auth.oauthMeta } } },
      "/v2/accounts?limit=100": { status: 200, body: { data: [account], pagination: {} } },
      [`${list}?limit=100`]: page([send("t1", 1, "9", "EUR")], null),
    };
    answers = sendAnswers;
    seen.length = 0;
    const input = {
      accountId: "acc",
      network: "base",
      to: "0x52908400098527886E0F7030069857D2E4169EE7",
      amount: "1",
      idem: "0b8e3f4a-5c6d-4e7f-8a9b-1c2d3e4f5a6b",
    };
    assert.deepEqual(await failure(sendCrypto("at-1", input, NOW)), {
      code: "send_limit_unknown",
      status: 403,
    });
    assert.ok(!seen.some((s) => s.path === list), "no send was posted");
  });

  test("'Ask for more permissions' on a session sealed without its send limit reads it from the grant", async () => {
    const session = {
      accessToken: "at-1",
      expiresAt: NOW + HOUR,
      scopes: ["wallet:accounts:read", "wallet:transactions:send"],
    };
    answers = {
      "/v2/user/auth": { status: 200, body: { data: { ...auth, oauth_meta: auth.oauthMeta } } },
    };
    assert.deepEqual((await withSendLimit(session)).sendLimit, {
      amount: "100",
      currency: "USD",
      period: "day",
    });
    // Sealed already, or no send scope: Coinbase is not asked.
    seen.length = 0;
    const sealed = {
      ...session,
      sendLimit: { amount: "5", currency: "EUR", period: "week" as const },
    };
    assert.deepEqual(await withSendLimit(sealed), sealed);
    const noSend = { ...session, scopes: ["wallet:accounts:read"] };
    assert.deepEqual(await withSendLimit(noSend), noSend);
    assert.equal(seen.length, 0);
    // Coinbase cannot be read now: the session as it was (the form then starts blank).
    answers = { "/v2/user/auth": { status: 500, body: {} } };
    assert.deepEqual(await withSendLimit(session), session);
  });
});

describe("/account when Coinbase refuses a part of it", () => {
  test("a permission the grant lacks (403) offers to ask for more; an outage does not", async () => {
    const session = {
      accessToken: "at-1",
      expiresAt: Date.now() + 60 * 60 * 1000,
      scopes: ["wallet:user:read", "wallet:accounts:read"],
    };
    const auth = { method: "oauth", scopes: session.scopes, oauth_meta: {} };
    const user = { data: { id: "u1", name: "Sandy", username: null } };
    const refused = (status: number) => ({
      "/v2/user/auth": { status: 200, body: { data: auth } },
      "/v2/user": { status: 200, body: user },
      "/v2/accounts?limit=100": { status, body: { errors: [{ id: "invalid_scope" }] } },
    });
    answers = refused(403);
    assert.deepEqual(await loadAccountView(session), {
      kind: "error",
      message: "This app was not given permission for that: ask for more permissions",
      askForMore: "/connect?add=wallet%3Auser%3Aread%2Cwallet%3Aaccounts%3Aread",
    });
    answers = refused(500);
    const down = await loadAccountView(session);
    assert.equal(down.kind, "error");
    assert.equal("askForMore" in down, false);
  });
});
