import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { getConfig } from "../../lib/config/env";
import { DEMO_ACCOUNTS, debitAccount } from "../../lib/sandbox/oauth/accounts";
import { fixed } from "../../lib/sandbox/cdp/decimal";
import { handleListAccounts } from "../../lib/sandbox/oauth/accounts-endpoint";
import { beginAuthorization, type ConsentView } from "../../lib/sandbox/oauth/authorize";
import { appConnectUrl } from "../../lib/sandbox/oauth/callback-url";
import { handleConsentRequest } from "../../lib/sandbox/oauth/consent-endpoint";
import { latestLiveGrant, revokeGrant } from "../../lib/sandbox/oauth/grants";
import { loweredLimitRefusal } from "../../lib/sandbox/oauth/lowered-limit";
import { handleRevokeRequest } from "../../lib/sandbox/oauth/revoke-endpoint";
import { handleTokenRequest } from "../../lib/sandbox/oauth/token-endpoint";
import { handleGetUser, handleGetUserAuth } from "../../lib/sandbox/oauth/user-endpoints";

// An empty env: sandbox mode, client `sandbox-reference-app`, a per-process secret.
const oauth = getConfig().oauth;
const ORIGIN = "http://localhost:3000";
const MINUTE = 60 * 1000;

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

function pkcePair() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeParams(
  extra: Record<string, string> = {},
  challenge = pkcePair().challenge,
): URLSearchParams {
  return new URLSearchParams({
    response_type: "code",
    client_id: oauth.clientId,
    redirect_uri: oauth.redirectUri,
    scope: "wallet:user:read,wallet:accounts:read",
    state: "state-0123456789",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  });
}

function consentView(params: URLSearchParams, now?: number): ConsentView {
  const outcome = beginAuthorization(params, now);
  assert.equal(outcome.kind, "consent", JSON.stringify(outcome));
  return (outcome as { view: ConsentView }).view;
}

function errorRedirect(params: URLSearchParams): URL {
  const outcome = beginAuthorization(params);
  assert.equal(outcome.kind, "redirect");
  const url = new URL((outcome as { location: string }).location);
  assert.equal(`${url.origin}${url.pathname}`, oauth.redirectUri);
  return url;
}

function consent(
  pending: string,
  decision: "allow" | "deny",
  accounts: string[] = [],
  now?: number,
) {
  const body = new URLSearchParams({ pending, decision });
  for (const id of accounts) body.append("account", id);
  return handleConsentRequest(
    new Request(`${ORIGIN}/sandbox/login/oauth2/consent`, { method: "POST", body }),
    now,
  );
}

/** The browser half: authorize, Allow (first offered account unless told), read the code. */
async function authorize(extra: Record<string, string> = {}, accounts?: string[], now?: number) {
  const { verifier, challenge } = pkcePair();
  const view = consentView(authorizeParams(extra, challenge), now);
  const chosen = accounts ?? (view.choices[0] ? [view.choices[0].id] : []);
  const response = await consent(view.pendingId, "allow", chosen, now);
  assert.equal(response.status, 303);
  const location = new URL(response.headers.get("location")!);
  assert.equal(location.searchParams.get("state"), "state-0123456789");
  return { code: location.searchParams.get("code")!, verifier };
}

function tokenRequest(
  fields: Record<string, string>,
  init: { basic?: boolean; json?: boolean } = {},
) {
  const creds = { client_id: oauth.clientId, client_secret: oauth.clientSecret };
  const headers: Record<string, string> = {};
  if (init.basic) {
    headers.authorization = `Basic ${Buffer.from(`${creds.client_id}:${creds.client_secret}`).toString("base64")}`;
  }
  const all = init.basic ? fields : { ...creds, ...fields };
  if (init.json) headers["content-type"] = "application/json";
  const body = init.json ? JSON.stringify(all) : new URLSearchParams(all);
  return new Request(`${ORIGIN}/sandbox/login/oauth2/token`, { method: "POST", headers, body });
}

function exchange(
  code: string,
  verifier: string,
  extra: Record<string, string> = {},
  now?: number,
) {
  const fields = {
    grant_type: "authorization_code",
    code,
    redirect_uri: oauth.redirectUri,
    code_verifier: verifier,
    ...extra,
  };
  return handleTokenRequest(tokenRequest(fields), now);
}

async function login(
  extra: Record<string, string> = {},
  accounts?: string[],
  now?: number,
): Promise<TokenBody> {
  const { code, verifier } = await authorize(extra, accounts, now);
  const response = await exchange(code, verifier, {}, now);
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as TokenBody;
}

function apiRequest(path: string, token?: string, version = true) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (version) headers["cb-version"] = "2024-05-01";
  return new Request(`${ORIGIN}/sandbox/api${path}`, { headers });
}

async function apiErrorId(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { errors?: { id: string }[] };
  return body.errors?.[0]?.id;
}

async function oauthErrorOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: string }).error;
}

describe("authorize request", () => {
  test("a wrong client_id or redirect_uri shows an error page and never redirects", () => {
    const wrongClients: Record<string, string>[] = [
      { client_id: "someone-else" },
      { redirect_uri: "https://evil.example/oauth/callback" },
      { redirect_uri: `${oauth.redirectUri}/extra` },
      { redirect_uri: `${oauth.redirectUri}?x=1` },
    ];
    for (const extra of wrongClients) {
      const outcome = beginAuthorization(authorizeParams(extra));
      assert.equal(outcome.kind, "fatal", JSON.stringify(extra));
    }
  });

  test("other problems go back to the redirect_uri with error, description and state", () => {
    const shortState = errorRedirect(authorizeParams({ state: "short" }));
    assert.equal(shortState.searchParams.get("error"), "invalid_request");
    assert.equal(shortState.searchParams.get("state"), "short");

    const unknownScope = errorRedirect(
      authorizeParams({ scope: "wallet:user:read,wallet:everything" }),
    );
    assert.equal(unknownScope.searchParams.get("error"), "invalid_scope");
    assert.equal(unknownScope.searchParams.get("state"), "state-0123456789");
    assert.ok(unknownScope.searchParams.get("error_description"));

    assert.equal(
      errorRedirect(authorizeParams({ scope: " , " })).searchParams.get("error"),
      "invalid_scope",
    );
    assert.equal(
      errorRedirect(authorizeParams({ response_type: "token" })).searchParams.get("error"),
      "unsupported_response_type",
    );
    assert.equal(
      errorRedirect(authorizeParams({ code_challenge_method: "plain" })).searchParams.get("error"),
      "invalid_request",
    );
    assert.equal(
      errorRedirect(authorizeParams({ account: "some" })).searchParams.get("error"),
      "invalid_request",
    );
    assert.equal(
      errorRedirect(authorizeParams({ account: "new", account_currency: "BTC" })).searchParams.get(
        "error",
      ),
      "invalid_request",
    );
    const noChallenge = authorizeParams();
    noChallenge.delete("code_challenge");
    assert.equal(errorRedirect(noChallenge).searchParams.get("error"), "invalid_request");
  });

  test("the send scope without a valid send limit is refused in Coinbase's words", () => {
    const send = "wallet:accounts:read,wallet:transactions:send";
    for (const amount of [undefined, "0", "-5", "abc"]) {
      const extra: Record<string, string> = { scope: send, "meta[send_limit_currency]": "USD" };
      if (amount !== undefined) extra["meta[send_limit_amount]"] = amount;
      const url = errorRedirect(authorizeParams(extra));
      assert.equal(url.searchParams.get("error"), "invalid_request");
      assert.equal(
        url.searchParams.get("error_description"),
        "Invalid amount for meta[send_limit_amount]",
      );
    }
    const badPeriod = {
      scope: send,
      "meta[send_limit_amount]": "50",
      "meta[send_limit_currency]": "USD",
      "meta[send_limit_period]": "fortnight",
    };
    assert.equal(
      errorRedirect(authorizeParams(badPeriod)).searchParams.get("error"),
      "invalid_request",
    );
  });

  test("a send limit in a currency the sandbox cannot value sends in is refused, not taken as USD", () => {
    const limit = {
      scope: "wallet:accounts:read,wallet:transactions:send",
      "meta[send_limit_amount]": "50",
      "meta[send_limit_period]": "day",
    };
    for (const currency of ["KRW", "XYZ"]) {
      const url = errorRedirect(
        authorizeParams({ ...limit, "meta[send_limit_currency]": currency }),
      );
      assert.equal(url.searchParams.get("error"), "invalid_request", currency);
      assert.equal(
        url.searchParams.get("error_description"),
        "Invalid currency for meta[send_limit_currency]",
      );
    }
    const eur = consentView(authorizeParams({ ...limit, "meta[send_limit_currency]": "eur" }));
    assert.equal(eur.sendLimitText, "Send up to 50 EUR per day");
  });

  test("scopes are comma-separated, as Coinbase documents: spaces are refused", () => {
    const spaced = errorRedirect(
      authorizeParams({ scope: "wallet:user:read wallet:accounts:read" }),
    );
    assert.equal(spaced.searchParams.get("error"), "invalid_scope");
    assert.match(spaced.searchParams.get("error_description") ?? "", /comma-separated/);
  });

  test("a valid request shows the permissions, the send limit in words, and the accounts", () => {
    const view = consentView(
      authorizeParams({
        scope: "wallet:user:read,wallet:transactions:send",
        "meta[send_limit_amount]": "50",
        "meta[send_limit_currency]": "usd",
        "meta[send_limit_period]": "day",
      }),
    );
    assert.equal(view.appName, "Ramps reference (sandbox client)");
    assert.deepEqual(
      view.permissions.map((p) => p.id),
      ["wallet:user:read", "wallet:transactions:send"],
    );
    assert.equal(view.permissions[1]?.sensitive, true);
    assert.equal(view.sendLimitText, "Send up to 50 USD per day");
    assert.equal(view.account, "select");
    assert.equal(view.choices.length, DEMO_ACCOUNTS.length);
  });

  test("account_currency narrows the accounts offered, and only those can be chosen", async () => {
    const view = consentView(authorizeParams({ account_currency: "BTC,eth" }));
    assert.deepEqual(
      view.choices.map((a) => a.currency.code),
      ["BTC", "ETH"],
    );
    const usdc = DEMO_ACCOUNTS.find((a) => a.currency.code === "USDC")!;
    const refused = await consent(view.pendingId, "allow", [usdc.id]);
    assert.equal(refused.status, 400);
  });

  test("the accounts offered show what the sandbox's sends took out, as the API lists them", () => {
    const ltc = DEMO_ACCOUNTS.find((a) => a.currency.code === "LTC")!;
    assert.equal(ltc.balance.amount, "3.10000000");
    debitAccount(ltc.id, fixed("0.25"));
    const view = consentView(authorizeParams({ account_currency: "LTC" }));
    assert.deepEqual(
      view.choices.map((a) => a.balance.amount),
      ["2.85000000"],
    );
  });
});

describe("consent", () => {
  test("Deny sends access_denied with the state back", async () => {
    const view = consentView(authorizeParams());
    const response = await consent(view.pendingId, "deny");
    assert.equal(response.status, 303);
    const url = new URL(response.headers.get("location")!);
    assert.equal(url.searchParams.get("error"), "access_denied");
    assert.equal(url.searchParams.get("state"), "state-0123456789");
    assert.equal(url.searchParams.get("code"), null);
  });

  test("Allow without a ticked account is refused, and the request stays answerable", async () => {
    const view = consentView(authorizeParams());
    const refused = await consent(view.pendingId, "allow", []);
    assert.equal(refused.status, 400);
    assert.equal(await refused.text(), "Choose at least one account");
    const allowed = await consent(view.pendingId, "allow", [view.choices[0]!.id]);
    assert.equal(allowed.status, 303);
    const code = new URL(allowed.headers.get("location")!).searchParams.get("code")!;
    assert.ok(code.length >= 43);
  });

  test("a pending request answers once and lapses after 10 minutes", async () => {
    const view = consentView(authorizeParams());
    const now = Date.now();
    const first = await consent(view.pendingId, "allow", [view.choices[0]!.id], now);
    assert.equal(first.status, 303);
    // Pressed twice (the page's script not loaded yet): the second press goes where the first
    // did, with the same code, for a minute; the other button does not change the answer.
    const again = await consent(view.pendingId, "allow", [view.choices[0]!.id], now + 1000);
    assert.equal(again.status, 303);
    assert.equal(again.headers.get("location"), first.headers.get("location"));
    // Answered otherwise, later or too late: a page that says so and leads back to the app.
    const late = consentView(authorizeParams());
    for (const over of [
      await consent(view.pendingId, "deny", [], now + 1000),
      await consent(view.pendingId, "allow", [view.choices[0]!.id], now + 61_000),
      await consent(late.pendingId, "deny", [], Date.now() + 11 * MINUTE),
    ]) {
      assert.equal(over.status, 303);
      assert.equal(over.headers.get("location"), "/sandbox/login/oauth2/consent/answered");
    }
  });

  test("that page's way back is the app's Connect page, on the registered redirect_uri's origin", () => {
    assert.equal(
      appConnectUrl("https://app.example.test/oauth/callback"),
      "https://app.example.test/connect",
    );
    assert.equal(appConnectUrl(oauth.redirectUri), `${new URL(oauth.redirectUri).origin}/connect`);
    // Its path and query are the callback's, not a way elsewhere.
    assert.equal(
      appConnectUrl("http://localhost:3000/cb?next=//evil.example"),
      "http://localhost:3000/connect",
    );
  });
});

describe("token endpoint", () => {
  test("exchanges a code for a bearer token with space-separated scopes", async () => {
    const { code, verifier } = await authorize();
    const response = await exchange(code, verifier);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("cache-control"), "no-store");
    const body = (await response.json()) as TokenBody;
    assert.equal(body.token_type, "bearer");
    assert.equal(body.expires_in, oauth.sandboxAccessTokenTtlSeconds);
    assert.equal(body.scope, "wallet:user:read wallet:accounts:read");
    assert.ok(body.access_token.length >= 43);
    assert.equal(body.refresh_token, undefined, "no refresh token without offline_access");
  });

  test("accepts HTTP Basic client authentication and a JSON body", async () => {
    const basic = await authorize();
    const fields = {
      grant_type: "authorization_code",
      code: basic.code,
      redirect_uri: oauth.redirectUri,
      code_verifier: basic.verifier,
    };
    assert.equal((await handleTokenRequest(tokenRequest(fields, { basic: true }))).status, 200);
    const json = await authorize();
    const jsonFields = { ...fields, code: json.code, code_verifier: json.verifier };
    assert.equal((await handleTokenRequest(tokenRequest(jsonFields, { json: true }))).status, 200);
  });

  test("refuses a wrong verifier, a wrong redirect_uri, and an expired code", async () => {
    const wrongVerifier = await authorize();
    const pkce = await exchange(wrongVerifier.code, pkcePair().verifier);
    assert.equal(pkce.status, 400);
    assert.equal(await oauthErrorOf(pkce), "invalid_grant");

    const wrongRedirect = await authorize();
    const redirect = await exchange(wrongRedirect.code, wrongRedirect.verifier, {
      redirect_uri: `${ORIGIN}/elsewhere`,
    });
    assert.equal(redirect.status, 400);
    assert.equal(await oauthErrorOf(redirect), "invalid_grant");

    const old = await authorize();
    const expired = await exchange(old.code, old.verifier, {}, Date.now() + 11 * MINUTE);
    assert.equal(await oauthErrorOf(expired), "invalid_grant");
  });

  test("a reused code is refused and revokes the tokens of its first use", async () => {
    const { code, verifier } = await authorize();
    const first = (await (await exchange(code, verifier)).json()) as TokenBody;
    assert.equal((await handleGetUser(apiRequest("/v2/user", first.access_token))).status, 200);
    const second = await exchange(code, verifier);
    assert.equal(second.status, 400);
    assert.equal(await oauthErrorOf(second), "invalid_grant");
    const after = await handleGetUser(apiRequest("/v2/user", first.access_token));
    assert.equal(after.status, 401);
    assert.equal(await apiErrorId(after), "revoked_token");
  });

  test("refuses a wrong client secret, a bad grant type and missing parameters", async () => {
    const { code, verifier } = await authorize();
    const wrong = await exchange(code, verifier, { client_secret: "not-the-secret" });
    assert.equal(wrong.status, 401);
    assert.equal(await oauthErrorOf(wrong), "invalid_client");
    const grant = await handleTokenRequest(tokenRequest({ grant_type: "password" }));
    assert.equal(grant.status, 400);
    assert.equal(await oauthErrorOf(grant), "unsupported_grant_type");
    const missing = await handleTokenRequest(
      tokenRequest({ grant_type: "authorization_code", code }),
    );
    assert.equal(missing.status, 400);
    assert.equal(await oauthErrorOf(missing), "invalid_request");
  });

  test("refresh tokens come only with offline_access and rotate on use", async () => {
    const tokens = await login({ scope: "wallet:user:read,offline_access" });
    assert.ok(tokens.refresh_token);
    const refresh = (token: string) =>
      handleTokenRequest(tokenRequest({ grant_type: "refresh_token", refresh_token: token }));
    const rotated = await refresh(tokens.refresh_token);
    assert.equal(rotated.status, 200);
    const next = (await rotated.json()) as TokenBody;
    assert.ok(next.refresh_token && next.refresh_token !== tokens.refresh_token);
    assert.notEqual(next.access_token, tokens.access_token);
    assert.equal(next.scope, "wallet:user:read offline_access");
    const replay = await refresh(tokens.refresh_token);
    assert.equal(replay.status, 400);
    assert.equal(await oauthErrorOf(replay), "invalid_grant");
    assert.equal((await refresh(next.refresh_token)).status, 200);
  });
});

describe("revoke endpoint", () => {
  const revoke = (fields: Record<string, string>, bearer?: string) =>
    handleRevokeRequest(
      new Request(`${ORIGIN}/sandbox/login/oauth2/revoke`, {
        method: "POST",
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
        body: new URLSearchParams(fields),
      }),
    );

  test("revoking an access token ends it alone; revoking the refresh token ends the grant (SPEC §4: revoke both)", async () => {
    const tokens = await login({ scope: "wallet:user:read,offline_access" });
    const response = await revoke(
      { token: tokens.access_token, client_id: oauth.clientId },
      tokens.access_token,
    );
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {});
    const api = await handleGetUser(apiRequest("/v2/user", tokens.access_token));
    assert.equal(api.status, 401);
    assert.equal(await apiErrorId(api), "revoked_token");
    // The refresh token still works: an app that stops at the access token leaves it alive.
    const refreshed = await handleTokenRequest(
      tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token! }),
    );
    assert.equal(refreshed.status, 200);
    const renewed = (await refreshed.json()) as { access_token: string; refresh_token: string };

    const creds = { client_id: oauth.clientId, client_secret: oauth.clientSecret };
    assert.equal((await revoke({ token: renewed.refresh_token, ...creds })).status, 200);
    assert.equal(
      await apiErrorId(await handleGetUser(apiRequest("/v2/user", renewed.access_token))),
      "revoked_token",
    );
    const again = await handleTokenRequest(
      tokenRequest({ grant_type: "refresh_token", refresh_token: renewed.refresh_token }),
    );
    assert.equal(await oauthErrorOf(again), "invalid_grant");
  });

  test("client credentials suffice; an unknown token answers {}; no authentication is refused", async () => {
    const tokens = await login();
    const creds = { client_id: oauth.clientId, client_secret: oauth.clientSecret };
    assert.equal((await revoke({ token: tokens.access_token, ...creds })).status, 200);
    assert.equal(
      await apiErrorId(await handleGetUser(apiRequest("/v2/user", tokens.access_token))),
      "revoked_token",
    );
    const unknown = await revoke({ token: "no-such-token", ...creds });
    assert.equal(unknown.status, 200);
    assert.deepEqual(await unknown.json(), {});
    const other = await login();
    assert.equal((await revoke({ token: other.access_token })).status, 401);
  });
});

describe("API", () => {
  test("tokens: missing or unknown is invalid_token, past the TTL expired_token", async () => {
    assert.equal(await apiErrorId(await handleGetUser(apiRequest("/v2/user"))), "invalid_token");
    assert.equal(
      await apiErrorId(await handleGetUser(apiRequest("/v2/user", "made-up"))),
      "invalid_token",
    );
    const tokens = await login();
    const later = Date.now() + (oauth.sandboxAccessTokenTtlSeconds + 1) * 1000;
    const expired = handleGetUser(apiRequest("/v2/user", tokens.access_token), later);
    assert.equal(expired.status, 401);
    assert.equal(await apiErrorId(expired), "expired_token");
  });

  test("a missing scope is 403 invalid_scope naming the scope", async () => {
    const tokens = await login({ scope: "wallet:user:read" });
    const response = handleListAccounts(apiRequest("/v2/accounts", tokens.access_token));
    assert.equal(response.status, 403);
    const body = (await response.json()) as { errors: { id: string; message: string }[] };
    assert.equal(body.errors[0]?.id, "invalid_scope");
    assert.match(body.errors[0]?.message ?? "", /wallet:accounts:read/);
    const accountsOnly = await login({ scope: "wallet:accounts:read" });
    assert.equal(
      (await handleGetUser(apiRequest("/v2/user", accountsOnly.access_token))).status,
      403,
    );
  });

  test("/v2/user shows the email only with wallet:user:email", async () => {
    const plain = await login({ scope: "wallet:user:read" });
    const user = (await handleGetUser(apiRequest("/v2/user", plain.access_token)).json()) as {
      data: Record<string, unknown>;
    };
    assert.equal(user.data.name, "Sandy Sandbox");
    assert.equal(user.data.resource_path, "/v2/user");
    assert.equal("email" in user.data, false);
    const withEmail = await login({ scope: "wallet:user:read,wallet:user:email" });
    const both = (await handleGetUser(apiRequest("/v2/user", withEmail.access_token)).json()) as {
      data: Record<string, unknown>;
    };
    assert.equal(both.data.email, "sandy@example.com");
  });

  test("/v2/user/auth lists the granted scopes and the send limit", async () => {
    const tokens = await login({
      scope: "wallet:accounts:read,wallet:transactions:send",
      "meta[send_limit_amount]": "50",
      "meta[send_limit_currency]": "USD",
    });
    const body = (await handleGetUserAuth(
      apiRequest("/v2/user/auth", tokens.access_token),
    ).json()) as {
      data: { method: string; scopes: string[]; oauth_meta: Record<string, string> };
    };
    assert.equal(body.data.method, "oauth");
    assert.deepEqual(body.data.scopes, ["wallet:accounts:read", "wallet:transactions:send"]);
    assert.deepEqual(body.data.oauth_meta, {
      send_limit_amount: "50",
      send_limit_currency: "USD",
      send_limit_period: "month",
    });
    const plain = await login({ scope: "wallet:user:read" });
    const meta = (await handleGetUserAuth(
      apiRequest("/v2/user/auth", plain.access_token),
    ).json()) as { data: { oauth_meta: object } };
    assert.deepEqual(meta.data.oauth_meta, {});
  });

  test("warns when CB-VERSION is missing, as Coinbase does", async () => {
    const tokens = await login({ scope: "wallet:user:read" });
    const withVersion = (await handleGetUser(
      apiRequest("/v2/user", tokens.access_token),
    ).json()) as Record<string, unknown>;
    assert.equal("warnings" in withVersion, false);
    const without = (await handleGetUser(
      apiRequest("/v2/user", tokens.access_token, false),
    ).json()) as { warnings: { id: string }[] };
    assert.equal(without.warnings[0]?.id, "missing_version");
  });
});

describe("/v2/accounts", () => {
  async function collect(token: string, limit: number) {
    const ids: string[] = [];
    let path: string | null = `/v2/accounts?limit=${limit}`;
    let pages = 0;
    while (path) {
      const response = handleListAccounts(apiRequest(path, token));
      assert.equal(response.status, 200);
      const body = (await response.json()) as {
        pagination: { next_uri: string | null; limit: number };
        data: { id: string }[];
      };
      assert.equal(body.pagination.limit, limit);
      ids.push(...body.data.map((a) => a.id));
      path = body.pagination.next_uri;
      pages += 1;
    }
    return { ids, pages };
  }

  test("following next_uri returns exactly the accounts granted with account=all", async () => {
    const tokens = await login({ scope: "wallet:accounts:read", account: "all" });
    const { ids, pages } = await collect(tokens.access_token, 3);
    assert.deepEqual(
      ids,
      DEMO_ACCOUNTS.map((a) => a.id),
    );
    assert.equal(pages, Math.ceil(DEMO_ACCOUNTS.length / 3));
  });

  test("account=select shows only the ticked accounts", async () => {
    const chosen = [DEMO_ACCOUNTS[0]!.id, DEMO_ACCOUNTS[4]!.id, DEMO_ACCOUNTS[9]!.id];
    const tokens = await login({ scope: "wallet:accounts:read" }, chosen);
    const { ids } = await collect(tokens.access_token, 2);
    assert.deepEqual(ids, chosen);
    const page = (await handleListAccounts(
      apiRequest("/v2/accounts", tokens.access_token),
    ).json()) as {
      pagination: Record<string, unknown>;
    };
    assert.deepEqual(page.pagination, {
      ending_before: null,
      starting_after: null,
      limit: 25,
      order: "desc",
      previous_uri: null,
      next_uri: null,
    });
  });

  test("account_currency=BTC grants only the BTC account", async () => {
    const tokens = await login({ scope: "wallet:accounts:read", account_currency: "BTC" });
    const body = (await handleListAccounts(
      apiRequest("/v2/accounts", tokens.access_token),
    ).json()) as {
      data: { currency: { code: string }; resource_path: string; id: string }[];
    };
    assert.deepEqual(
      body.data.map((a) => a.currency.code),
      ["BTC"],
    );
    assert.equal(body.data[0]?.resource_path, `/v2/accounts/${body.data[0]?.id}`);
  });

  test("account=new shares one new, empty USDC account named after the app", async () => {
    const tokens = await login({ scope: "wallet:accounts:read", account: "new" });
    const body = (await handleListAccounts(
      apiRequest("/v2/accounts", tokens.access_token),
    ).json()) as {
      data: { name: string; currency: { code: string }; balance: { amount: string } }[];
    };
    assert.equal(body.data.length, 1);
    assert.equal(body.data[0]?.name, "Ramps reference");
    assert.equal(body.data[0]?.currency.code, "USDC");
    assert.equal(Number(body.data[0]?.balance.amount), 0);
  });

  test("account=new asked again while a grant shares the app's account shares that one, not another", async () => {
    const creds = { client_id: oauth.clientId, client_secret: oauth.clientSecret };
    const revoke = (token: string) =>
      handleRevokeRequest(
        new Request(`${ORIGIN}/sandbox/login/oauth2/revoke`, {
          method: "POST",
          body: new URLSearchParams({ token, ...creds }),
        }),
      );
    const sharedIds = async (token: string) =>
      (
        (await handleListAccounts(apiRequest("/v2/accounts", token)).json()) as {
          data: { id: string }[];
        }
      ).data.map((a) => a.id);
    // Earlier tests' grants (one made an app account) ended first: the sandbox has one user.
    for (let g = latestLiveGrant(oauth.clientId); g; g = latestLiveGrant(oauth.clientId))
      revokeGrant(g.id);
    const ask = { scope: "wallet:accounts:read,offline_access", account: "new" };
    assert.equal(consentView(authorizeParams(ask)).keepsAppAccount, false);
    const first = await login(ask);
    const [made] = await sharedIds(first.access_token);
    // "Ask for more permissions": the consent page says it is kept, and it is.
    assert.equal(consentView(authorizeParams(ask)).keepsAppAccount, true);
    const more = await login({ ...ask, scope: `${ask.scope},wallet:user:read` });
    assert.deepEqual(await sharedIds(more.access_token), [made]);
    // With every grant holding it revoked (disconnected), account=new makes a new one.
    for (const t of [first, more]) await revoke(t.refresh_token!);
    assert.equal(consentView(authorizeParams(ask)).keepsAppAccount, false);
    const fresh = await sharedIds((await login(ask)).access_token);
    assert.equal(fresh.length, 1);
    assert.notEqual(fresh[0], made);
  });

  test("limit outside 1–100 and an unknown cursor are 400 invalid_request", async () => {
    const tokens = await login({ scope: "wallet:accounts:read", account: "all" });
    for (const query of ["limit=0", "limit=101", "limit=abc", "starting_after=nope"]) {
      const response = handleListAccounts(apiRequest(`/v2/accounts?${query}`, tokens.access_token));
      assert.equal(response.status, 400, query);
      assert.equal(await apiErrorId(response), "invalid_request");
    }
  });
});

describe("consent page: the send limit the user approves", () => {
  test("the one asked for or lower is taken; higher, zero or mistyped is refused with why", () => {
    const asked = { amount: "50", currency: "USD" };
    for (const ok of [" 40 ", "50", "0.01", "49.99"]) {
      assert.equal(loweredLimitRefusal(asked, ok), undefined, ok);
    }
    // Emptied: no amount agreed to, not the whole one asked for.
    for (const blank of ["", "  "])
      assert.equal(
        loweredLimitRefusal(asked, blank),
        "Enter the most the app may send, at most 50 USD, or choose Deny",
      );
    assert.equal(
      loweredLimitRefusal(asked, "60"),
      "The send limit can only be lowered: at most 50 USD",
    );
    for (const bad of ["5o", "0", "-5", "1.234", "1,5"]) {
      assert.match(loweredLimitRefusal(asked, bad) ?? "", /must be a positive amount/, bad);
    }
    // The amount asked for, left as the field shows it, is taken whatever its form.
    for (const amount of ["12.345", "1000000000"])
      assert.equal(loweredLimitRefusal({ amount, currency: "USD" }, amount), undefined, amount);
  });

  test("Allow with the field emptied is refused, not granted the whole limit; the request stays answerable", async () => {
    const { verifier, challenge } = pkcePair();
    const view = consentView(
      authorizeParams(
        {
          scope: "wallet:accounts:read,wallet:transactions:send",
          "meta[send_limit_amount]": "50",
          "meta[send_limit_currency]": "USD",
        },
        challenge,
      ),
    );
    const allow = (amount: string) => {
      const body = new URLSearchParams({ pending: view.pendingId, decision: "allow" });
      body.append("account", view.choices[0]!.id);
      body.append("send_limit_amount", amount);
      return handleConsentRequest(
        new Request(`${ORIGIN}/sandbox/login/oauth2/consent`, { method: "POST", body }),
      );
    };
    const refused = await allow("");
    assert.equal(refused.status, 400);
    assert.equal(
      await refused.text(),
      "Enter the most the app may send, at most 50 USD, or choose Deny",
    );
    // Back on the page, a lower amount typed: that one is granted.
    const allowed = await allow("20");
    assert.equal(allowed.status, 303);
    const code = new URL(allowed.headers.get("location")!).searchParams.get("code")!;
    const tokens = (await (await exchange(code, verifier)).json()) as TokenBody;
    const body = (await handleGetUserAuth(
      apiRequest("/v2/user/auth", tokens.access_token),
    ).json()) as { data: { oauth_meta: Record<string, string> } };
    assert.equal(body.data.oauth_meta.send_limit_amount, "20");
  });
});
