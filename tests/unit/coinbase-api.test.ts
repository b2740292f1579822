import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isAppError } from "../../lib/http/app-error";
import { getAuthInfo, getUser, listAccounts } from "../../lib/oauth/coinbase-api";

/**
 * The Coinbase API client against a loopback server that answers as Coinbase does (or does
 * not): shapes are checked, pages followed only on the same API, errors become ours.
 */
type Answer = { status: number; body: unknown };
let answers: Record<string, Answer> = {};
const seen: { path: string; authorization?: string; version?: string }[] = [];
let server: Server;

before(async () => {
  server = createServer((req, res) => {
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
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Sandbox mode: the API base is APP_URL + /sandbox/api, here the loopback server.
  process.env.APP_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

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
