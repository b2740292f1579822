import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { getConfig, parseConfig } from "../../lib/config/env";
import { dropProcessSingleton, processSingleton } from "../../lib/process/singleton";
import { startAuthorization } from "../../lib/oauth/start-authorization";
import {
  SCOPE_IDS,
  SEND_LIMIT_CURRENCIES,
  SEND_LIMIT_DEFAULT_CURRENCY,
  SEND_SCOPE,
  isSendLimitCurrency,
} from "../../lib/oauth/scopes";
import { AuthorizeQuerySchema, type AuthorizeQuery } from "../../lib/oauth/authorize-schema";
import { buildAuthorizeUrl, type AuthorizeEndpoint } from "../../lib/oauth/authorize-url";
import { createPkcePair, createState } from "../../lib/oauth/pkce";
import { seal } from "../../lib/security/sealed-cookie";
import {
  pendingFor,
  sealOthers,
  sealState,
  statesMatch,
  unsealStates,
  type PendingAuthorization,
} from "../../lib/oauth/state-cookie";
import {
  needsRefresh,
  sealSession,
  unsealSession,
  type OAuthSession,
} from "../../lib/oauth/session-cookie";
import { MemoryStore } from "../../lib/store/memory-store";
import { consumeState } from "../../lib/oauth/used-states";
import { completeAuthorization } from "../../lib/oauth/complete-authorization";
import { isFreshRefreshMark, refreshMark } from "../../lib/oauth/refresh-mark";
import { callWithFreshToken } from "../../lib/oauth/fresh-token";
import { exchangeCode, refreshTokens } from "../../lib/oauth/token-client";
import { sessionStanding } from "../../lib/oauth/session-ended";
import {
  connectingUser,
  ownSession,
  ownSessionIfKnown,
  signedInUserId,
} from "../../lib/oauth/session-owner";
import { AppError, isAppError } from "../../lib/http/app-error";
import {
  sendLimitWarnings,
  toAuthorizeQuery,
  type ConnectValues,
} from "../../components/connect/connect-state";
import { connectDraftKey, isConnectDraft } from "../../components/connect/connect-draft";

// --- Helpers

function parseOk(query: Record<string, string>): AuthorizeQuery {
  const r = AuthorizeQuerySchema.safeParse(query);
  assert.ok(r.success, `expected success, got ${r.success ? "" : JSON.stringify(r.error.issues)}`);
  return r.data;
}

/** Parses, expects failure and returns the first path element of every issue. */
function issuePaths(query: Record<string, string>): unknown[] {
  const r = AuthorizeQuerySchema.safeParse(query);
  assert.equal(r.success, false, `expected failure for ${JSON.stringify(query)}`);
  return r.error!.issues.map((i) => i.path[0]);
}

const SEND_OK = {
  scope: `wallet:user:read,${SEND_SCOPE}`,
  send_limit_amount: "50",
  send_limit_currency: "USD",
  send_limit_period: "day",
};

// --- 1. Scope schema

/** The latest sign-in the state cookie holds, as it was sealed; null when none. */
async function unsealState(value: string | undefined) {
  const [latest] = await unsealStates(value);
  if (!latest) return null;
  const { expiresAt: _expiresAt, ...pending } = latest;
  return pending;
}

describe("AuthorizeQuerySchema: scope", () => {
  test("comma list is parsed, trimmed and de-duplicated", () => {
    const q = parseOk({ scope: " wallet:user:read , wallet:accounts:read,wallet:user:read,," });
    assert.deepEqual(q.scope, ["wallet:user:read", "wallet:accounts:read"]);
  });

  test("an unknown scope is rejected at path scope", () => {
    const paths = issuePaths({ scope: "wallet:user:read,wallet:everything:steal" });
    assert.deepEqual(paths, ["scope"]);
  });

  test("empty scope and only commas are rejected", () => {
    assert.deepEqual(issuePaths({ scope: "" }), ["scope"]);
    assert.deepEqual(issuePaths({ scope: " , ,," }), ["scope"]);
  });

  test("missing scope is rejected", () => {
    assert.ok(issuePaths({}).includes("scope"));
  });

  test("every id in SCOPE_IDS is accepted on its own", () => {
    assert.ok(SCOPE_IDS.length > 20);
    for (const id of SCOPE_IDS) {
      const extra: Record<string, string> =
        id === SEND_SCOPE ? { send_limit_amount: "10", send_limit_currency: "USD" } : {};
      const q = parseOk({ scope: id, ...extra });
      assert.deepEqual(q.scope, [id]);
    }
  });
});

describe("AuthorizeQuerySchema: account access", () => {
  test("account defaults to select", () => {
    assert.equal(parseOk({ scope: "wallet:user:read" }).account, "select");
    assert.equal(parseOk({ scope: "wallet:user:read", account: "" }).account, "select");
  });

  test("accepts new and all, rejects others", () => {
    assert.equal(parseOk({ scope: "wallet:user:read", account: "new" }).account, "new");
    assert.equal(parseOk({ scope: "wallet:user:read", account: "all" }).account, "all");
    assert.deepEqual(issuePaths({ scope: "wallet:user:read", account: "some" }), ["account"]);
    assert.deepEqual(issuePaths({ scope: "wallet:user:read", account: "SELECT" }), ["account"]);
  });

  test("account_currency is parsed as a list with select", () => {
    const q = parseOk({
      scope: "wallet:user:read",
      account: "select",
      account_currency: "BTC, ETH,BTC",
    });
    assert.deepEqual(q.account_currency, ["BTC", "ETH"]);
  });

  test("account_currency with account=all or new is rejected", () => {
    assert.deepEqual(
      issuePaths({ scope: "wallet:user:read", account: "all", account_currency: "BTC" }),
      ["account_currency"],
    );
    assert.deepEqual(
      issuePaths({ scope: "wallet:user:read", account: "new", account_currency: "BTC" }),
      ["account_currency"],
    );
  });

  test("lowercase or junk currency codes are rejected", () => {
    for (const bad of ["btc", "BTC,eth", "B$C", "X", "<script>", "BTC ETH"]) {
      assert.deepEqual(
        issuePaths({ scope: "wallet:user:read", account_currency: bad }),
        ["account_currency"],
        bad,
      );
    }
  });
});

describe("AuthorizeQuerySchema: send limit", () => {
  test("a full valid send request is accepted", () => {
    const q = parseOk(SEND_OK);
    assert.deepEqual(q.scope, ["wallet:user:read", SEND_SCOPE]);
    assert.equal(q.send_limit_amount, "50");
    assert.equal(q.send_limit_currency, "USD");
    assert.equal(q.send_limit_period, "day");
  });

  test("decimal amounts with up to two places are accepted", () => {
    assert.equal(parseOk({ ...SEND_OK, send_limit_amount: "12.5" }).send_limit_amount, "12.5");
    assert.equal(parseOk({ ...SEND_OK, send_limit_amount: "0.01" }).send_limit_amount, "0.01");
  });

  test("period is optional", () => {
    const { send_limit_period: _omit, ...rest } = SEND_OK;
    assert.equal(parseOk(rest).send_limit_period, undefined);
    assert.equal(parseOk({ ...SEND_OK, send_limit_period: "" }).send_limit_period, undefined);
  });

  test("send scope without amount: issue at send_limit_amount", () => {
    const { send_limit_amount: _omit, ...rest } = SEND_OK;
    assert.deepEqual(issuePaths(rest), ["send_limit_amount"]);
    assert.deepEqual(issuePaths({ ...SEND_OK, send_limit_amount: "" }), ["send_limit_amount"]);
  });

  test("send scope without currency: issue at send_limit_currency", () => {
    const { send_limit_currency: _omit, ...rest } = SEND_OK;
    assert.deepEqual(issuePaths(rest), ["send_limit_currency"]);
  });

  test("a refused amount is told what is wrong with it", () => {
    const said = (amount: string) => {
      const r = AuthorizeQuerySchema.safeParse({ ...SEND_OK, send_limit_amount: amount });
      return r.success ? "" : r.error.issues[0]!.message;
    };
    assert.match(said("1,000,000"), /in figures, e\.g\. 50, with no commas/);
    assert.match(said("1e3"), /in figures/);
    assert.match(said("10.123"), /at most two decimal places/);
    assert.match(said("999999999999"), /at most 999999999/);
    assert.match(said("0"), /more than zero/);
  });

  test("amounts 0, -5, abc, 1e3 are rejected", () => {
    for (const bad of ["0", "0.00", "-5", "abc", "1e3", "1.234", " 5"]) {
      assert.ok(
        issuePaths({ ...SEND_OK, send_limit_amount: bad }).includes("send_limit_amount"),
        bad,
      );
    }
  });

  test("bad currency for the send limit is rejected", () => {
    for (const bad of ["usd", "US", "USDT"]) {
      assert.ok(
        issuePaths({ ...SEND_OK, send_limit_currency: bad }).includes("send_limit_currency"),
        bad,
      );
    }
  });

  test("a well-formed ISO code the app cannot value sends in (KRW) is rejected, saying which it takes", () => {
    const r = AuthorizeQuerySchema.safeParse({ ...SEND_OK, send_limit_currency: "KRW" });
    assert.equal(r.success, false);
    const issue = r.error!.issues.find((i) => i.path[0] === "send_limit_currency");
    assert.match(issue?.message ?? "", /one of USD, EUR, .*MXN/);
    assert.equal(parseOk({ ...SEND_OK, send_limit_currency: "EUR" }).send_limit_currency, "EUR");
  });

  test("the connect form's currencies are exactly those the schema takes, the default among them", () => {
    for (const { code } of SEND_LIMIT_CURRENCIES) {
      assert.equal(parseOk({ ...SEND_OK, send_limit_currency: code }).send_limit_currency, code);
      assert.ok(isSendLimitCurrency(code), code);
    }
    const offered = SEND_LIMIT_CURRENCIES.map((c) => c.code).join(", ");
    const r = AuthorizeQuerySchema.safeParse({ ...SEND_OK, send_limit_currency: "KRW" });
    assert.equal(r.error?.issues[0]?.message, `The send limit's currency is one of ${offered}`);
    assert.equal(isSendLimitCurrency("KRW"), false);
    assert.ok(isSendLimitCurrency(SEND_LIMIT_DEFAULT_CURRENCY));
  });

  test("an unknown period is rejected; week is one Coinbase grants", () => {
    assert.deepEqual(issuePaths({ ...SEND_OK, send_limit_period: "fortnight" }), [
      "send_limit_period",
    ]);
    assert.equal(
      AuthorizeQuerySchema.safeParse({ ...SEND_OK, send_limit_period: "week" }).success,
      true,
    );
  });
});

// --- 2. Authorize URL

describe("buildAuthorizeUrl", () => {
  const endpoint: AuthorizeEndpoint = {
    authorizeUrl: "https://login.example.test/oauth2/auth",
    clientId: "client-123",
    redirectUri: "http://localhost:3000/oauth/callback",
  };
  const secrets = { state: "state-abc", codeChallenge: "challenge-xyz" };
  const BASE = [
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "account",
  ];
  const META = ["meta[send_limit_amount]", "meta[send_limit_currency]", "meta[send_limit_period]"];

  const build = (query: AuthorizeQuery) => new URL(buildAuthorizeUrl(endpoint, query, secrets));
  const names = (url: URL) => [...url.searchParams.keys()].sort();

  test("the base parameters, PKCE S256 and the endpoint's own path", () => {
    const url = build(parseOk({ scope: "wallet:user:read,wallet:accounts:read" }));
    assert.equal(url.origin, "https://login.example.test");
    assert.equal(url.pathname, "/oauth2/auth");
    const p = url.searchParams;
    assert.equal(p.get("response_type"), "code");
    assert.equal(p.get("client_id"), "client-123");
    assert.equal(p.get("redirect_uri"), "http://localhost:3000/oauth/callback");
    assert.equal(p.get("scope"), "wallet:user:read,wallet:accounts:read");
    assert.equal(p.get("state"), "state-abc");
    assert.equal(p.get("code_challenge"), "challenge-xyz");
    assert.equal(p.get("code_challenge_method"), "S256");
    assert.equal(p.get("account"), "select");
    assert.deepEqual(names(url), [...BASE].sort());
  });

  test("account_currency is sent with select", () => {
    const url = build(parseOk({ scope: "wallet:user:read", account_currency: "BTC,ETH" }));
    assert.equal(url.searchParams.get("account_currency"), "BTC,ETH");
    assert.deepEqual(names(url), [...BASE, "account_currency"].sort());
  });

  test("account_currency is never sent with new or all, even if present in the query", () => {
    for (const account of ["new", "all"] as const) {
      const url = build({ scope: ["wallet:user:read"], account, account_currency: ["BTC"] });
      assert.equal(url.searchParams.get("account"), account);
      assert.equal(url.searchParams.has("account_currency"), false);
      assert.deepEqual(names(url), [...BASE].sort());
    }
  });

  test("the send-limit meta parameters come with the send scope", () => {
    const url = build(parseOk(SEND_OK));
    const p = url.searchParams;
    assert.equal(p.get("scope"), `wallet:user:read,${SEND_SCOPE}`);
    assert.equal(p.get("meta[send_limit_amount]"), "50");
    assert.equal(p.get("meta[send_limit_currency]"), "USD");
    assert.equal(p.get("meta[send_limit_period]"), "day");
    assert.deepEqual(names(url), [...BASE, ...META].sort());
  });

  test("the send-limit period defaults to month", () => {
    const { send_limit_period: _omit, ...rest } = SEND_OK;
    const url = build(parseOk(rest));
    assert.equal(url.searchParams.get("meta[send_limit_period]"), "month");
    assert.deepEqual(names(url), [...BASE, ...META].sort());
  });

  test("no meta parameters without the send scope, even if the query carries them", () => {
    const url = build({
      scope: ["wallet:user:read"],
      account: "select",
      send_limit_amount: "50",
      send_limit_currency: "USD",
      send_limit_period: "day",
    });
    assert.deepEqual(names(url), [...BASE].sort());
  });
});

// --- 3. PKCE

describe("PKCE", () => {
  test("the verifier is 43–128 unreserved characters", () => {
    for (let i = 0; i < 20; i++) {
      const { verifier } = createPkcePair();
      assert.ok(verifier.length >= 43 && verifier.length <= 128, `length ${verifier.length}`);
      assert.match(verifier, /^[A-Za-z0-9\-._~]+$/);
    }
  });

  test("the challenge is base64url(SHA-256(verifier))", () => {
    const { verifier, challenge } = createPkcePair();
    const expected = createHash("sha256")
      .update(verifier, "ascii")
      .digest("base64")
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    assert.equal(challenge, expected);
    assert.equal(challenge.length, 43);
  });

  test("two pairs differ", () => {
    const a = createPkcePair();
    const b = createPkcePair();
    assert.notEqual(a.verifier, b.verifier);
    assert.notEqual(a.challenge, b.challenge);
  });

  test("createState carries at least 32 random bytes", () => {
    const s = createState();
    assert.match(s, /^[A-Za-z0-9_-]+$/);
    assert.ok(Buffer.from(s, "base64url").length >= 32);
    assert.notEqual(createState(), s);
  });
});

// --- 4. State cookie

const pending: PendingAuthorization = {
  state: "the-state-value",
  verifier: "the-verifier-value-that-is-long-enough-for-pkce",
  scopes: ["wallet:user:read", SEND_SCOPE],
};

/** Replaces the character at index i with a different one of the same alphabet. */
function flipAt(s: string, i: number): string {
  const c = s.charAt(i);
  return s.slice(0, i) + (c === "A" ? "B" : "A") + s.slice(i + 1);
}

describe("state cookie", () => {
  test("precondition: sandbox config over http", () => {
    assert.equal(getConfig().appUrl, "http://localhost:3000");
  });

  test("sealState → unsealState round trip", async () => {
    const { name, value } = await sealState(pending);
    assert.equal(name, "cb_oauth_state");
    assert.deepEqual(await unsealState(value), pending);
    assert.equal(value.includes(pending.verifier), false);
  });

  test("sign-ins started in other tabs stay beside the latest until used or run out", async () => {
    const first = { ...pending, state: "first-state" };
    const second = { ...pending, state: "second-state" };
    const states = (started: { state: string }[]) => started.map((s) => s.state);
    const earlier = await unsealStates((await sealState(first)).value);
    const both = await unsealStates((await sealState(second, earlier)).value);
    assert.deepEqual(states(both), ["second-state", "first-state"]);
    // A callback finds its own sign-in; a junk one gets the latest, which it does not match.
    assert.equal(pendingFor(both, "first-state", null)?.state, "first-state");
    assert.equal(pendingFor(both, "junk", null)?.state, "second-state");
    assert.equal(pendingFor([], "first-state", null), null);
    // Used, a sign-in leaves the cookie; the others stay, until none is left.
    const left = await sealOthers(both, first);
    assert.deepEqual(states(await unsealStates(left?.value)), ["second-state"]);
    assert.equal(await sealOthers(await unsealStates(left?.value), second), null);
    // One that has run out is not kept.
    const stale = [{ ...first, expiresAt: Date.now() - 1 }];
    assert.deepEqual(states(await unsealStates((await sealState(second, stale)).value)), [
      "second-state",
    ]);
  });

  test("a sign-in is finished only by the app user who started it (a shared browser)", async () => {
    const byA = { ...pending, state: "a-state", startedBy: "user-a" };
    const [sealed] = await unsealStates((await sealState(byA)).value);
    assert.equal(sealed?.startedBy, "user-a");
    const started = sealed ? [sealed] : [];
    assert.equal(pendingFor(started, "a-state", "user-a")?.state, "a-state");
    // A signed out (or their session ran out), B signed in, Allow pressed on A's consent page.
    assert.equal(pendingFor(started, "a-state", "user-b"), null);
    assert.equal(pendingFor(started, "a-state", null), null);
    // Started signed out: whoever signs in afterwards cannot finish it either.
    const anonymous = await unsealStates((await sealState({ ...pending, state: "n" })).value);
    assert.equal(pendingFor(anonymous, "n", null)?.state, "n");
    assert.equal(pendingFor(anonymous, "n", "user-b"), null);
    // B's own sign-in beside A's: A's state is a mismatch against B's, never A's finished.
    const both = await unsealStates(
      (await sealState({ ...pending, state: "b-state", startedBy: "user-b" }, started)).value,
    );
    assert.equal(pendingFor(both, "a-state", "user-b")?.state, "b-state");
  });

  test("who starts or finishes a sign-in: the user, none, or unknown when the database is down", async () => {
    const headers = new Headers();
    const user = async () => ({ id: "user-a", email: "a@example.com" });
    assert.equal(await connectingUser(headers, user), "user-a");
    assert.equal(await connectingUser(headers, async () => null), null);
    const down = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    const refused = async () => Promise.reject(down);
    assert.equal(await connectingUser(headers, refused), "unknown");
    const bug = async () => Promise.reject(new TypeError("a bug"));
    await assert.rejects(connectingUser(headers, bug), TypeError);
  });

  test("whose session a disconnect ends: its owner's, the browser's, or unknown with the database down", async () => {
    const headers = new Headers();
    const browsers: OAuthSession = {
      accessToken: "access-token",
      expiresAt: Date.now() + 3_600_000,
      scopes: ["wallet:user:read"],
    };
    const session = { ...browsers, userId: "user-a" };
    const asA = async () => ({ id: "user-a", email: "a@example.com" });
    const asB = async () => ({ id: "user-b", email: "b@example.com" });
    const down = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    assert.equal(await ownSessionIfKnown(session, headers, asA), session);
    assert.equal(await ownSessionIfKnown(session, headers, asB), null);
    assert.equal(await ownSessionIfKnown(session, headers, () => Promise.reject(down)), "unknown");
    // Connected signed out: the browser's, whoever asks, and the database is not asked.
    assert.equal(await ownSessionIfKnown(browsers, headers, () => Promise.reject(down)), browsers);
    assert.equal(await ownSessionIfKnown(null, headers, asA), null);
  });

  test("the viewer of a request is looked up once, however often it is asked", async () => {
    let lookups = 0;
    const viewer = signedInUserId(new Headers(), async () => {
      lookups += 1;
      return { id: "user-a", email: "a@example.com" };
    });
    assert.equal(await viewer(), "user-a");
    assert.equal(await viewer(), "user-a");
    assert.equal(lookups, 1);
  });

  test("cookie options: httpOnly, lax, path /, 10 minutes, not secure over http", async () => {
    const { options } = await sealState(pending);
    assert.deepEqual(options, {
      httpOnly: true,
      sameSite: "lax",
      secure: false,
      path: "/",
      maxAge: 600,
    });
  });

  test("missing values are null", async () => {
    assert.equal(await unsealState(undefined), null);
    assert.equal(await unsealState(""), null);
    assert.equal(await unsealState("not-a-jwe"), null);
  });

  test("tampering with any of the five JWE segments gives null", async () => {
    const { value } = await sealState(pending);
    const segments = value.split(".");
    assert.equal(segments.length, 5);
    for (let s = 0; s < 5; s++) {
      const copy = [...segments];
      // `dir` leaves the encrypted-key segment empty: there, adding a character is the tamper.
      const seg = segments[s] ?? "";
      copy[s] = seg.length ? flipAt(seg, 0) : "AAAA";
      const tampered = copy.join(".");
      assert.notEqual(tampered, value);
      assert.equal(await unsealState(tampered), null, `segment ${s}`);
    }
    // A flip in the middle of the ciphertext, too.
    const copy = [...segments];
    const ciphertext = segments[3] ?? "";
    copy[3] = flipAt(ciphertext, Math.floor(ciphertext.length / 2));
    assert.equal(await unsealState(copy.join(".")), null);
    assert.equal(await unsealState(value.slice(0, -1)), null);
    assert.equal(await unsealState(value.slice(0, -5)), null);
    assert.equal(await unsealState(value + "A"), null);
    assert.equal(await unsealState(value + ".AAAA"), null);
    // The untouched value still works.
    assert.deepEqual(await unsealState(value), pending);
  });

  test("a session-purpose seal is not a state, and a state is not a session", async () => {
    const asSession = await seal("oauth-session", { ...pending }, 600);
    assert.equal(await unsealState(asSession), null);

    const session: OAuthSession = {
      accessToken: "at",
      expiresAt: Date.now() + 3_600_000,
      scopes: ["wallet:user:read"],
    };
    const asState = await seal("oauth-state", { ...session }, 600);
    assert.equal(await unsealSession(asState), null);
    // Control: the same payloads under the right purpose are accepted.
    assert.deepEqual(await unsealState(await seal("oauth-state", { ...pending }, 600)), pending);
    assert.ok(await unsealSession(await seal("oauth-session", { ...session }, 600)));
  });

  test("sealed under another secret gives null", async () => {
    const otherSecret = randomBytes(32).toString("base64url");
    const value = await seal("oauth-state", { ...pending }, 600, otherSecret);
    assert.equal(await unsealState(value), null);
  });

  test("a payload of the wrong shape gives null", async () => {
    assert.equal(
      await unsealState(await seal("oauth-state", { state: "s", verifier: 5, scopes: [] }, 600)),
      null,
    );
    assert.equal(
      await unsealState(await seal("oauth-state", { state: "s", verifier: "v" }, 600)),
      null,
    );
  });

  test("an expired value gives null", async () => {
    // Expiry is in whole seconds: a 1 s lifetime sealed late in a second may already be over
    // when read back at once on a busy machine. Two seconds always leave at least one.
    const value = await seal("oauth-state", { ...pending }, 2);
    assert.deepEqual(await unsealState(value), pending);
    await sleep(3_100);
    assert.equal(await unsealState(value), null);
  });

  test("statesMatch", () => {
    assert.equal(statesMatch("abc123", "abc123"), true);
    assert.equal(statesMatch("abc123", "abc124"), false);
    assert.equal(statesMatch("abc123", "abc1234"), false);
    assert.equal(statesMatch("abc123", ""), false);
  });
});

// --- 5. Session cookie

describe("session cookie", () => {
  // As long as browsers keep a cookie: the grant must not outlive the user's way to it.
  const FOUR_HUNDRED_DAYS = 400 * 24 * 60 * 60;

  test("round trip with a refresh token, kept 400 days (a browser's longest)", async () => {
    const session: OAuthSession = {
      accessToken: "access-token-" + randomBytes(16).toString("hex"),
      refreshToken: "refresh-token-" + randomBytes(16).toString("hex"),
      expiresAt: Date.now() + 3_600_000,
      scopes: ["wallet:user:read", "offline_access"],
    };
    const { name, value, options } = await sealSession(session);
    assert.equal(name, "cb_session");
    assert.deepEqual(await unsealSession(value), session);
    assert.equal(options.maxAge, FOUR_HUNDRED_DAYS);
    assert.equal(options.httpOnly, true);
  });

  test("the owner's id travels in the cookie; only the owner gets the session back", async () => {
    const session: OAuthSession = {
      accessToken: "access-token-" + randomBytes(16).toString("hex"),
      refreshToken: "refresh-token-" + randomBytes(16).toString("hex"),
      expiresAt: Date.now() + 3_600_000,
      scopes: ["wallet:user:read"],
      userId: "user-a",
    };
    const sealed = await unsealSession((await sealSession(session)).value);
    assert.deepEqual(sealed, session);
    let asked = 0;
    const viewer = (id: string | null) => async () => (asked++, id);
    assert.deepEqual(await ownSession(sealed, viewer("user-a")), session);
    assert.equal(await ownSession(sealed, viewer("user-b")), null);
    assert.equal(await ownSession(sealed, viewer(null)), null);
    // Connected without signing in: the browser's, and nobody needs asking.
    const unbound = { ...session, userId: undefined };
    asked = 0;
    assert.equal(await ownSession(unbound, viewer("user-b")), unbound);
    assert.equal(asked, 0);
    assert.equal(await ownSession(null, viewer("user-a")), null);
  });

  test("round trip without a refresh token, kept about as long as the access token", async () => {
    const session: OAuthSession = {
      accessToken: "access-token-" + randomBytes(16).toString("hex"),
      expiresAt: Date.now() + 3_600_000,
      scopes: ["wallet:user:read"],
    };
    const { value, options } = await sealSession(session);
    const back = await unsealSession(value);
    assert.deepEqual(back, { ...session, refreshToken: undefined });
    assert.ok(options.maxAge >= 3_595 && options.maxAge <= 3_601, `maxAge ${options.maxAge}`);
  });

  test("the sealed value does not show the access token", async () => {
    const accessToken = "very-secret-access-token-" + randomBytes(12).toString("hex");
    const { value } = await sealSession({
      accessToken,
      refreshToken: "rt-secret-value",
      expiresAt: Date.now() + 60_000,
      scopes: [],
    });
    assert.equal(value.includes(accessToken), false);
    assert.equal(value.includes(Buffer.from(accessToken).toString("base64url")), false);
    // Nor inside the base64url-decoded segments.
    for (const part of value.split(".")) {
      assert.equal(Buffer.from(part, "base64url").toString("latin1").includes(accessToken), false);
    }
    assert.equal(value.includes("rt-secret-value"), false);
  });

  test("needsRefresh within 1 s of expiry and after", () => {
    const now = 1_700_000_000_000;
    const s = (expiresAt: number): OAuthSession => ({ accessToken: "a", expiresAt, scopes: [] });
    assert.equal(needsRefresh(s(now + 60_000), now), false);
    assert.equal(needsRefresh(s(now + 1_000), now), false);
    assert.equal(needsRefresh(s(now + 999), now), true);
    assert.equal(needsRefresh(s(now + 500), now), true);
    assert.equal(needsRefresh(s(now), now), true);
    assert.equal(needsRefresh(s(now - 10_000), now), true);
  });
});

// --- 6. Used states

describe("consumeState", () => {
  test("true the first time, false on replay, true again after the TTL", async () => {
    let clock = Date.now();
    const store = new MemoryStore(() => clock);
    const state = "used-state-" + randomBytes(16).toString("hex");
    assert.equal(await consumeState(state, store), true);
    assert.equal(await consumeState(state, store), false);
    clock += 5 * 60_000;
    assert.equal(await consumeState(state, store), false);
    clock += 7 * 60_000;
    assert.equal(await consumeState(state, store), true);
    assert.equal(await consumeState(state, store), false);
  });

  test("different states are independent", async () => {
    const store = new MemoryStore();
    const a = "state-a-" + randomBytes(8).toString("hex");
    const b = "state-b-" + randomBytes(8).toString("hex");
    assert.equal(await consumeState(a, store), true);
    assert.equal(await consumeState(b, store), true);
    assert.equal(await consumeState(a, store), false);
  });
});

// --- 7. completeAuthorization (non-network branches)

describe("completeAuthorization", () => {
  const p = (q: Record<string, string>) => new URLSearchParams(q);
  const pend: PendingAuthorization = {
    state: "expected-state",
    verifier: "v".repeat(43),
    scopes: ["wallet:user:read"],
  };

  test("no pending authorization → state_missing", async () => {
    assert.deepEqual(await completeAuthorization(p({ state: "expected-state", code: "c" }), null), {
      ok: false,
      failure: "state_missing",
    });
  });

  test("mismatched state → state_mismatch, even with error=access_denied", async () => {
    assert.deepEqual(await completeAuthorization(p({ state: "other", code: "c" }), pend), {
      ok: false,
      failure: "state_mismatch",
    });
    assert.deepEqual(
      await completeAuthorization(p({ state: "other", error: "access_denied" }), pend),
      { ok: false, failure: "state_mismatch" },
    );
    assert.deepEqual(await completeAuthorization(p({ error: "access_denied" }), pend), {
      ok: false,
      failure: "state_mismatch",
    });
  });

  test("matching state + access_denied → declined", async () => {
    assert.deepEqual(
      await completeAuthorization(p({ state: "expected-state", error: "access_denied" }), pend),
      { ok: false, failure: "declined" },
    );
  });

  test("matching state + another error → coinbase_error with the description, at most 200 chars", async () => {
    const r = await completeAuthorization(
      p({
        state: "expected-state",
        error: "invalid_scope",
        error_description: "The scope is invalid",
      }),
      pend,
    );
    assert.deepEqual(r, { ok: false, failure: "coinbase_error", detail: "The scope is invalid" });

    const long = "x".repeat(500);
    const r2 = await completeAuthorization(
      p({ state: "expected-state", error: "invalid_scope", error_description: long }),
      pend,
    );
    assert.deepEqual(r2, { ok: false, failure: "coinbase_error", detail: "x".repeat(200) });

    const r3 = await completeAuthorization(
      p({ state: "expected-state", error: "server_error" }),
      pend,
    );
    assert.deepEqual(r3, { ok: false, failure: "coinbase_error", detail: "server_error" });
  });

  test("matching state and no code → code_missing", async () => {
    assert.deepEqual(await completeAuthorization(p({ state: "expected-state" }), pend), {
      ok: false,
      failure: "code_missing",
    });
    assert.deepEqual(await completeAuthorization(p({ state: "expected-state", code: "" }), pend), {
      ok: false,
      failure: "code_missing",
    });
  });
});

describe("the account access asked for (Coinbase's API does not say it)", () => {
  test("goes from the state cookie into the session, a cookie's odd value dropped", async () => {
    const asked: PendingAuthorization = {
      state: "access-state",
      verifier: "v".repeat(43),
      scopes: ["wallet:accounts:read"],
      account: "new",
    };
    const [started] = await unsealStates((await sealState(asked)).value);
    assert.equal(started?.account, "new");
    const exchange = async () => ({ accessToken: "a", expiresAt: Date.now() + 60_000, scopes: [] });
    const params = new URLSearchParams({ state: "access-state", code: "c" });
    const result = await completeAuthorization(params, started!, exchange);
    assert.ok(result.ok);
    assert.equal(result.session.accountAccess, "new");
    const session = await unsealSession((await sealSession(result.session)).value);
    assert.equal(session?.accountAccess, "new");
    const odd = await seal("oauth-session", { ...result.session, accountAccess: "some" }, 60);
    assert.equal((await unsealSession(odd))?.accountAccess, undefined);
    const oddState = await seal("oauth-state", { ...asked, account: "some" }, 60);
    assert.equal((await unsealStates(oddState))[0]?.account, undefined);
  });

  test("so do the currencies `select` was narrowed to (account_currency), asked for by the form", async () => {
    const query = AuthorizeQuerySchema.parse({
      scope: "wallet:accounts:read",
      account: "select",
      account_currency: "BTC, ETH",
    });
    const { cookie } = await startAuthorization(query);
    const [started] = await unsealStates(cookie.value);
    assert.deepEqual(started?.accountCurrency, ["BTC", "ETH"]);
    const exchange = async () => ({ accessToken: "a", expiresAt: Date.now() + 60_000, scopes: [] });
    const params = new URLSearchParams({ state: started!.state, code: "c" });
    const result = await completeAuthorization(params, started!, exchange);
    assert.ok(result.ok);
    const session = await unsealSession((await sealSession(result.session)).value);
    assert.deepEqual(
      [session?.accountAccess, session?.accountCurrency],
      ["select", ["BTC", "ETH"]],
    );
    // Not a code list (a cookie sealed otherwise): dropped, as an odd access is.
    for (const odd of [["btc"], [], "BTC", [1]]) {
      const sealed = await seal("oauth-session", { ...result.session, accountCurrency: odd }, 60);
      assert.equal((await unsealSession(sealed))?.accountCurrency, undefined, JSON.stringify(odd));
    }
    const unnarrowed = await startAuthorization(
      AuthorizeQuerySchema.parse({ scope: "wallet:accounts:read" }),
    );
    assert.equal((await unsealStates(unnarrowed.cookie.value))[0]?.accountCurrency, undefined);
  });
});

// --- 8. Connect form helpers

describe("sendLimitWarnings", () => {
  test("none at or under 100 USD", () => {
    assert.deepEqual(sendLimitWarnings("50", "USD"), []);
    assert.deepEqual(sendLimitWarnings("100", "USD"), []);
    assert.deepEqual(sendLimitWarnings("100", "usd"), []);
  });

  test("one at 150 USD", () => {
    const w = sendLimitWarnings("150", "USD");
    assert.equal(w.length, 1);
    assert.match(w[0] ?? "", /100 USD/);
  });

  test("a stronger one above 500 USD", () => {
    const mid = sendLimitWarnings("150", "USD");
    const w = sendLimitWarnings("600", "USD");
    assert.equal(w.length, 1);
    assert.match(w[0] ?? "", /500 USD/);
    assert.notEqual(w[0], mid[0]);
    assert.deepEqual(sendLimitWarnings("500", "USD"), mid);
  });

  test("a note for non-USD currencies", () => {
    const w = sendLimitWarnings("50", "EUR");
    assert.equal(w.length, 1);
    assert.match(w[0] ?? "", /100 USD/);
    assert.deepEqual(sendLimitWarnings("5000", "GBP"), w);
  });

  test("none for empty or invalid amounts", () => {
    // (Refused amounts too: a warning beside the refusal contradicted it.)
    for (const amount of ["", "abc", "0", "-5", "Infinity", "1e3", "999999999999", "10.123"]) {
      assert.deepEqual(sendLimitWarnings(amount, "USD"), [], amount);
      assert.deepEqual(sendLimitWarnings(amount, "EUR"), [], amount);
    }
  });
});

describe("toAuthorizeQuery", () => {
  const base: ConnectValues = {
    scopes: ["wallet:user:read", "wallet:accounts:read"],
    account: "select",
    accountCurrency: "",
    sendAmount: " 75 ",
    sendCurrency: "USD",
    sendPeriod: "year",
  };

  test("send-limit fields only with the send scope", () => {
    assert.deepEqual(toAuthorizeQuery(base), {
      scope: "wallet:user:read,wallet:accounts:read",
      account: "select",
    });
    const withSend = toAuthorizeQuery({ ...base, scopes: [...base.scopes, SEND_SCOPE] });
    assert.deepEqual(withSend, {
      scope: `wallet:user:read,wallet:accounts:read,${SEND_SCOPE}`,
      account: "select",
      send_limit_amount: "75",
      send_limit_currency: "USD",
      send_limit_period: "year",
    });
    // And the result is what the schema accepts.
    parseOk(withSend);
  });

  test("a send limit written the way a comma keypad or a locale writes it is read as the buy form reads amounts", () => {
    const withSend = (sendAmount: string) =>
      toAuthorizeQuery({ ...base, scopes: [SEND_SCOPE], sendAmount }).send_limit_amount;
    assert.equal(withSend("50,50"), "50.50");
    assert.equal(withSend(" 1 000 "), "1000");
    assert.equal(
      parseOk({
        scope: SEND_SCOPE,
        send_limit_amount: withSend("50,50")!,
        send_limit_currency: "USD",
        send_limit_period: "month",
      }).send_limit_amount,
      "50.50",
    );
    // Where a comma could be a thousands separator, it stays, and the schema refuses it.
    assert.equal(withSend("1,000"), "1,000");
    assert.deepEqual(sendLimitWarnings("1 500", "USD").length, 1);
  });

  test("account_currency only with select, uppercased", () => {
    assert.equal(
      toAuthorizeQuery({ ...base, accountCurrency: " btc,eth " }).account_currency,
      "BTC,ETH",
    );
    assert.equal(
      "account_currency" in toAuthorizeQuery({ ...base, account: "all", accountCurrency: "btc" }),
      false,
    );
    assert.equal(
      "account_currency" in toAuthorizeQuery({ ...base, account: "new", accountCurrency: "btc" }),
      false,
    );
    assert.equal(
      "account_currency" in toAuthorizeQuery({ ...base, accountCurrency: "   " }),
      false,
    );
    assert.deepEqual(
      parseOk(toAuthorizeQuery({ ...base, accountCurrency: "btc,eth" })).account_currency,
      ["BTC", "ETH"],
    );
  });
});

describe("refresh mark", () => {
  const now = 1_800_000_000_000;
  test("a mark made moments ago is fresh", () => {
    assert.equal(isFreshRefreshMark(refreshMark(now), now + 2_000), true);
  });
  test("an old mark (a bookmark), the legacy '1', junk and a far-future mark are not", () => {
    assert.equal(isFreshRefreshMark(refreshMark(now), now + 60_000), false);
    assert.equal(isFreshRefreshMark("1", now), false);
    assert.equal(isFreshRefreshMark("soon", now), false);
    assert.equal(isFreshRefreshMark(undefined, now), false);
    assert.equal(isFreshRefreshMark(["1", "2"], now), false);
    assert.equal(isFreshRefreshMark(String(now + 3_600_000), now), false);
  });
});

describe("callWithFreshToken", () => {
  const HOUR = 60 * 60 * 1000;
  const live = (token: string, refreshToken?: string): OAuthSession => ({
    accessToken: token,
    refreshToken,
    expiresAt: Date.now() + HOUR,
    scopes: ["wallet:accounts:read", "offline_access"],
  });
  const gone = () => new AppError("not_connected", "Your Coinbase session has ended");

  /** A Coinbase that honours only `valid`, and a refresh that hands out `renewed`. */
  function harness(valid: string, renewed: OAuthSession | Error) {
    const seen: string[] = [];
    const kept: OAuthSession[] = [];
    let refreshes = 0;
    const call = async (token: string) => {
      seen.push(token);
      if (token !== valid) throw gone();
      return `done with ${token}`;
    };
    const deps = {
      renew: async () => {
        refreshes++;
        if (renewed instanceof Error) throw renewed;
        return renewed;
      },
      keep: async (session: OAuthSession) => void kept.push(session),
    };
    return { seen, kept, call, deps, refreshes: () => refreshes };
  }

  test("a live token is used as it is: no refresh, nothing stored", async () => {
    const h = harness("a1", live("a2", "r2"));
    assert.equal(await callWithFreshToken(live("a1", "r1"), h.call, h.deps), "done with a1");
    assert.deepEqual(h.seen, ["a1"]);
    assert.equal(h.refreshes(), 0);
    assert.deepEqual(h.kept, []);
  });

  test("a token past its expiry is renewed before the call, and the new pair kept", async () => {
    const h = harness("a2", live("a2", "r2"));
    const expired = { ...live("a1", "r1"), expiresAt: Date.now() - 1 };
    assert.equal(await callWithFreshToken(expired, h.call, h.deps), "done with a2");
    assert.deepEqual(h.seen, ["a2"]);
    assert.deepEqual(
      h.kept.map((s) => [s.accessToken, s.refreshToken]),
      [["a2", "r2"]],
    );
  });

  test("a 401 on a token that looked live renews it once and makes the call again", async () => {
    const h = harness("a2", live("a2", "r2"));
    assert.equal(await callWithFreshToken(live("a1", "r1"), h.call, h.deps), "done with a2");
    assert.deepEqual(h.seen, ["a1", "a2"]);
    assert.equal(h.refreshes(), 1);
    assert.equal(h.kept.length, 1);
  });

  test("a renewed token Coinbase still refuses is not renewed again: not_connected", async () => {
    const h = harness("nobody", live("a2", "r2"));
    await assert.rejects(
      callWithFreshToken(live("a1", "r1"), h.call, h.deps),
      (e) => isAppError(e) && e.code === "not_connected",
    );
    assert.deepEqual(h.seen, ["a1", "a2"]);
    assert.equal(h.refreshes(), 1);
  });

  test("without a refresh token a 401 is the end of the session", async () => {
    const h = harness("a2", live("a2", "r2"));
    await assert.rejects(
      callWithFreshToken(live("a1"), h.call, h.deps),
      (e) => isAppError(e) && e.code === "not_connected",
    );
    assert.equal(h.refreshes(), 0);
  });

  test("a refused refresh ends the session; an outage keeps its own error for a later try", async () => {
    const refused = harness("a2", new AppError("invalid_grant", "spent"));
    await assert.rejects(
      callWithFreshToken(live("a1", "r1"), refused.call, refused.deps),
      (e) => isAppError(e) && e.code === "not_connected",
    );
    const down = harness("a2", new AppError("upstream_timeout", "Coinbase did not answer"));
    await assert.rejects(
      callWithFreshToken(live("a1", "r1"), down.call, down.deps),
      (e) => isAppError(e) && e.code === "upstream_timeout",
    );
    assert.deepEqual([refused.kept, down.kept], [[], []]);
    // Refused otherwise (a proxy's 403 page): the session stands, and the user is told so
    // (the renewal's own words: oauth-security.test.ts).
    const renewalRefused =
      "Coinbase could not renew your session just now: you are still connected, try again";
    const blocked = harness("a2", new AppError("upstream_rejected", renewalRefused));
    await assert.rejects(
      callWithFreshToken(live("a1", "r1"), blocked.call, blocked.deps),
      (e) =>
        isAppError(e) &&
        e.code === "upstream_rejected" &&
        /still connected, try again/.test(e.message),
    );
  });

  test("errors other than a 401 are not retried", async () => {
    const h = harness("a1", live("a2", "r2"));
    const call = async (token: string) => {
      h.seen.push(token);
      throw new AppError("insufficient_funds", "Not enough USDC");
    };
    await assert.rejects(callWithFreshToken(live("a1", "r1"), call, h.deps), /Not enough USDC/);
    assert.deepEqual(h.seen, ["a1"]);
    assert.equal(h.refreshes(), 0);
  });
});

describe("sessionStanding (what /connect says of the session it finds)", () => {
  const HOUR = 60 * 60 * 1000;
  const session = (refreshToken?: string, expiresIn = HOUR): OAuthSession => ({
    accessToken: "a1",
    refreshToken,
    expiresAt: Date.now() + expiresIn,
    scopes: ["wallet:accounts:read"],
  });
  /** Coinbase's answer to the one read of the grant, and how many reads were made. */
  function coinbase(answer: "granted" | "refused" | "down") {
    let reads = 0;
    const readGrant = async () => {
      reads++;
      if (answer === "refused") throw new AppError("not_connected", "Your session has ended");
      if (answer === "down") throw new AppError("upstream_timeout", "Coinbase did not answer");
      return {};
    };
    return { readGrant, reads: () => reads };
  }

  test("a grant Coinbase honours is live, with a refresh token or without, in one read", async () => {
    for (const refreshToken of ["r1", undefined]) {
      const c = coinbase("granted");
      assert.equal(await sessionStanding(session(refreshToken), false, c.readGrant), "live");
      assert.equal(c.reads(), 1);
    }
  });

  test("refused (revoked at Coinbase): renewed when there is a refresh token, else ended", async () => {
    const withRefresh = coinbase("refused");
    assert.equal(await sessionStanding(session("r1"), false, withRefresh.readGrant), "renew");
    assert.equal(withRefresh.reads(), 1);
    const without = coinbase("refused");
    assert.equal(await sessionStanding(session(), false, without.readGrant), "ended");
  });

  test("refused again just after a renewal: ended, never a second renewal", async () => {
    const c = coinbase("refused");
    assert.equal(await sessionStanding(session("r1"), true, c.readGrant), "ended");
  });

  test("an access token past its time is renewed, or ended without a refresh token, unread", async () => {
    const c = coinbase("granted");
    assert.equal(await sessionStanding(session("r1", -1), false, c.readGrant), "renew");
    assert.equal(await sessionStanding(session(undefined, -1), false, c.readGrant), "ended");
    assert.equal(c.reads(), 0);
  });

  test("an outage says nothing about the grant: still live", async () => {
    const c = coinbase("down");
    assert.equal(await sessionStanding(session("r1"), false, c.readGrant), "live");
  });
});

describe("Connect without an OAuth client, beside live ramps", () => {
  test("starting it answers 503 connect_not_configured, naming what to set", async () => {
    dropProcessSingleton("config");
    processSingleton("config", () =>
      parseConfig({
        CDP_API_KEY_ID: "organizations/o/apiKeys/k",
        CDP_API_KEY_SECRET: "not-parsed-here",
        SESSION_SECRET: "k7Qp2Zx9LmVb4Rt8Wn1Yc6Hs3Jd5Fg0A",
        SMTP_URL: "smtp://mail.example.com:587",
      }),
    );
    try {
      await assert.rejects(
        startAuthorization(parseOk({ scope: "wallet:accounts:read" })),
        (error: unknown) =>
          isAppError(error) &&
          error.code === "connect_not_configured" &&
          error.status === 503 &&
          /COINBASE_OAUTH_CLIENT_ID/.test(error.message),
      );
    } finally {
      dropProcessSingleton("config");
    }
  });
});

describe("the connect form's kept draft", () => {
  const kept: ConnectValues = {
    scopes: ["wallet:user:read", "wallet:transactions:send"],
    account: "all",
    accountCurrency: "",
    sendAmount: "75",
    sendCurrency: "USD",
    sendPeriod: "week",
  };
  test("is handed back only with the form's shape, each choice one the form offers", () => {
    assert.equal(isConnectDraft(kept), true);
    for (const odd of [
      null,
      "x",
      { ...kept, scopes: ["wallet:everything"] },
      { ...kept, scopes: "wallet:user:read" },
      { ...kept, account: "some" },
      { ...kept, sendAmount: 75 },
      { ...kept, sendCurrency: "XYZ" },
      { ...kept, sendPeriod: "decade" },
      { scopes: kept.scopes },
    ])
      assert.equal(isConnectDraft(odd), false, JSON.stringify(odd));
  });
  test("is one per starting point: the scopes granted, whatever their order, the limit and the access", () => {
    assert.equal(connectDraftKey(["b", "a"]), connectDraftKey(["a", "b"]));
    assert.notEqual(connectDraftKey([]), connectDraftKey(["wallet:user:read"]));
    const limit = { amount: "40", currency: "USD", period: "day" };
    assert.notEqual(
      connectDraftKey(["a"], limit),
      connectDraftKey(["a"], { ...limit, currency: "GBP" }),
    );
    assert.notEqual(connectDraftKey(["a"], limit), connectDraftKey(["a"]));
    assert.notEqual(connectDraftKey(["a"], limit, "new"), connectDraftKey(["a"], limit, "all"));
    assert.notEqual(
      connectDraftKey(["a"], limit, "select", "BTC"),
      connectDraftKey(["a"], limit, "select"),
    );
  });
});

describe("a token answer whose scope reads 'all' (SPEC §4: Coinbase's may)", () => {
  const forms: URLSearchParams[] = [];
  let coinbase: ReturnType<typeof createServer>;
  let saved: Record<string, string | undefined> = {};
  before(async () => {
    coinbase = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        forms.push(new URLSearchParams(body));
        response.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            access_token: "access-2",
            refresh_token: "refresh-2",
            token_type: "bearer",
            expires_in: 3600,
            scope: "all",
          }),
        );
      });
    });
    await new Promise<void>((resolve) => coinbase.listen(0, "127.0.0.1", resolve));
    const live = {
      COINBASE_OAUTH_CLIENT_ID: "client",
      COINBASE_OAUTH_CLIENT_SECRET: "secret",
      COINBASE_OAUTH_TOKEN_URL: `http://127.0.0.1:${(coinbase.address() as AddressInfo).port}/token`,
      SESSION_SECRET: "k7Qp2Zx9LmVb4Rt8Wn1Yc6Hs3Jd5Fg0A",
      SMTP_URL: "smtp://127.0.0.1:1",
    };
    saved = Object.fromEntries(Object.keys(live).map((name) => [name, process.env[name]]));
    Object.assign(process.env, live);
    dropProcessSingleton("config");
  });
  after(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    dropProcessSingleton("config");
    await new Promise((resolve) => coinbase.close(resolve));
  });

  test("a renewal keeps what was granted", async () => {
    const granted: OAuthSession = {
      accessToken: "access-1",
      refreshToken: "refresh-1",
      expiresAt: Date.now() - 1_000,
      scopes: ["wallet:accounts:read", SEND_SCOPE, "offline_access"],
      sendLimit: { amount: "50", currency: "USD", period: "month" },
      accountAccess: "select",
      accountCurrency: ["BTC"],
      userId: "user-1",
    };
    const renewed = await refreshTokens(granted);
    assert.equal(forms.at(-1)?.get("refresh_token"), "refresh-1");
    assert.deepEqual([renewed.accessToken, renewed.refreshToken], ["access-2", "refresh-2"]);
    assert.deepEqual(renewed.scopes, granted.scopes);
    assert.deepEqual([renewed.sendLimit, renewed.userId], [granted.sendLimit, "user-1"]);
    assert.deepEqual([renewed.accountAccess, renewed.accountCurrency], ["select", ["BTC"]]);
  });

  test("a new connection is taken as what was asked for, not a scope named 'all'", async () => {
    const asked = ["wallet:accounts:read", SEND_SCOPE];
    const session = await exchangeCode("code-1", "verifier-1", asked);
    assert.equal(forms.at(-1)?.get("code"), "code-1");
    assert.deepEqual(session.scopes, asked);
  });
});
