import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConfigError, SANDBOX_OAUTH_CLIENT_ID, parseConfig } from "../../lib/config/env";
import { keptSessionSecret } from "../../lib/config/sandbox-session-secret";
import { configWarnings } from "../../lib/config/warnings";
import { depositDueAt } from "../../lib/ramp/transactions";
import { TEST_SECRETS } from "../support/test-secrets";

// Random-looking and exactly 32 bytes: long enough, and varied enough.
const SECRET_32 = "k7Qp2Zx9LmVb4Rt8Wn1Yc6Hs3Jd5Fg0A";
const CDP_KEY = {
  CDP_API_KEY_ID: "organizations/o/apiKeys/k",
  CDP_API_KEY_SECRET: "not-parsed-here",
};
// What live ramps need besides the key: a session secret and a mail server for sign-in codes.
const CDP = { ...CDP_KEY, SESSION_SECRET: SECRET_32, SMTP_URL: "smtp://mail.example.com:587" };
// A live OAuth client, with the mail server its users' sign-in codes need.
const OAUTH = {
  COINBASE_OAUTH_CLIENT_ID: "client-id",
  COINBASE_OAUTH_CLIENT_SECRET: "client-secret",
  SMTP_URL: "smtp://mail.example.com:587",
};

/** Runs parseConfig, expects a ConfigError and returns its message. */
function configError(env: Record<string, string | undefined>): ConfigError {
  let thrown: unknown;
  try {
    parseConfig(env);
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof ConfigError, `expected a ConfigError, got ${String(thrown)}`);
  assert.ok(thrown.problems.length > 0);
  return thrown;
}

describe("parseConfig: the default origin follows the port Next.js listens on", () => {
  test("PORT without APP_URL: the sandbox is reached on that port", () => {
    const config = parseConfig({ PORT: "3555" });
    assert.equal(config.appUrl, "http://localhost:3555");
    assert.equal(config.ramp.cdpApiBaseUrl, "http://localhost:3555/sandbox/cdp");
    assert.equal(config.oauth.redirectUri, "http://localhost:3555/oauth/callback");
  });

  test("APP_URL wins over PORT; a PORT that is not a port is refused by name", () => {
    assert.equal(
      parseConfig({ PORT: "3555", APP_URL: "https://ramps.example.com" }).appUrl,
      "https://ramps.example.com",
    );
    assert.match(configError({ PORT: "http" }).message, /PORT: must be a whole number/);
  });
});

describe("parseConfig: defaults (empty env)", () => {
  const config = parseConfig({});

  test("ramps run against the sandbox under the default APP_URL", () => {
    assert.equal(config.appUrl, "http://localhost:3000");
    assert.equal(config.ramp.mode, "sandbox");
    assert.equal(config.ramp.cdpApiBaseUrl, "http://localhost:3000/sandbox/cdp");
    assert.equal(config.ramp.payBaseUrl, "http://localhost:3000/sandbox/pay");
    assert.equal(config.ramp.apiKey, undefined);
  });

  test("OAuth runs against the sandbox", () => {
    const { oauth } = config;
    assert.equal(oauth.mode, "sandbox");
    assert.equal(oauth.clientId, SANDBOX_OAUTH_CLIENT_ID);
    assert.equal(oauth.authorizeUrl, "http://localhost:3000/sandbox/login/oauth2/auth");
    assert.equal(oauth.tokenUrl, "http://localhost:3000/sandbox/login/oauth2/token");
    assert.equal(oauth.revokeUrl, "http://localhost:3000/sandbox/login/oauth2/revoke");
    assert.equal(oauth.apiBaseUrl, "http://localhost:3000/sandbox/api");
    assert.equal(oauth.redirectUri, "http://localhost:3000/oauth/callback");
    // Generated secrets: long enough, and fresh per parse.
    assert.ok(Buffer.byteLength(oauth.clientSecret) >= 32);
    assert.ok(Buffer.byteLength(oauth.sessionSecret) >= 32);
    assert.notEqual(parseConfig({}).oauth.clientSecret, oauth.clientSecret);
  });

  test("redirect origins are the app's own; proxy headers untrusted", () => {
    assert.deepEqual(config.redirectOrigins, ["http://localhost:3000"]);
    assert.equal(config.trustProxyHeaders, false);
  });

  test("empty strings count as unset", () => {
    const blank = parseConfig({
      CDP_API_KEY_ID: "",
      CDP_API_KEY_SECRET: "  ",
      CDP_API_BASE_URL: "",
      COINBASE_PAY_BASE_URL: "",
      APP_URL: "",
      ALLOWED_REDIRECT_ORIGINS: "",
      TRUST_PROXY_HEADERS: "",
      COINBASE_OAUTH_CLIENT_ID: "",
      COINBASE_OAUTH_CLIENT_SECRET: "",
      COINBASE_OAUTH_AUTHORIZE_URL: "",
      SESSION_SECRET: "",
    });
    assert.equal(blank.ramp.mode, "sandbox");
    assert.equal(blank.oauth.mode, "sandbox");
    assert.equal(blank.appUrl, "http://localhost:3000");
    assert.deepEqual(blank.redirectOrigins, ["http://localhost:3000"]);
    assert.equal(blank.trustProxyHeaders, false);
    assert.ok(Buffer.byteLength(blank.oauth.sessionSecret) >= 32);
  });

  test("APP_URL moves every sandbox URL; a trailing slash, a default port or capitals are fine", () => {
    for (const url of ["https://ramp.example.com/", "https://Ramp.Example.com:443"]) {
      const c = parseConfig({ APP_URL: url });
      assert.equal(c.appUrl, "https://ramp.example.com");
      assert.equal(c.ramp.cdpApiBaseUrl, "https://ramp.example.com/sandbox/cdp");
      assert.equal(c.ramp.payBaseUrl, "https://ramp.example.com/sandbox/pay");
      assert.equal(c.oauth.redirectUri, "https://ramp.example.com/oauth/callback");
    }
  });

  test("an APP_URL with a path, query, fragment or credentials is refused by name, not cut to its origin", () => {
    // The app is served at its host's root: cut silently, a path-prefixed deployment would
    // register a redirect URI and hand Coinbase return URLs that land outside the app.
    for (const url of [
      "https://ramp.example.com/some/path/",
      "https://ramp.example.com/?x=1",
      "https://ramp.example.com/#top",
      "https://user:secretvalue123@ramp.example.com",
    ]) {
      const e = configError({ APP_URL: url });
      assert.match(e.message, /APP_URL: must be this app's origin alone/, url);
      assert.doesNotMatch(e.message, /secretvalue123/);
    }
  });
});

describe("parseConfig: CDP key", () => {
  test("both variables → live ramps with the default live URLs", () => {
    const c = parseConfig(CDP);
    assert.equal(c.ramp.mode, "live");
    assert.deepEqual(c.ramp.apiKey, { id: CDP.CDP_API_KEY_ID, secret: CDP.CDP_API_KEY_SECRET });
    assert.equal(c.ramp.cdpApiBaseUrl, "https://api.developer.coinbase.com");
    assert.equal(c.ramp.payBaseUrl, "https://pay.coinbase.com");
    // No OAuth client: Connect is off, never the sandbox's fake login beside live ramps.
    assert.equal(c.oauth.mode, "off");
  });

  test("only one of them → ConfigError naming both", () => {
    for (const env of [
      { CDP_API_KEY_ID: CDP.CDP_API_KEY_ID },
      { CDP_API_KEY_SECRET: CDP.CDP_API_KEY_SECRET },
    ]) {
      const e = configError(env);
      assert.match(e.message, /CDP_API_KEY_ID/);
      assert.match(e.message, /CDP_API_KEY_SECRET/);
      assert.ok(!e.message.includes("not-parsed-here"));
    }
  });

  test("the downloaded JSON key file alone is live: it names its own id", () => {
    const keyFile = JSON.stringify({ id: "key-id-from-file", privateKey: "not-parsed-here" });
    for (const secret of [keyFile, `'${keyFile}'`, `  ${keyFile}\n`]) {
      const c = parseConfig({ ...CDP, CDP_API_KEY_ID: "", CDP_API_KEY_SECRET: secret });
      assert.equal(c.ramp.mode, "live");
      // The id is read from the file when the key is parsed, at start (parseCdpApiKey).
      assert.deepEqual(c.ramp.apiKey, { id: "", secret });
    }
  });

  test("one set and the other empty is still only one", () => {
    const e = configError({ ...CDP, CDP_API_KEY_SECRET: "" });
    assert.match(e.message, /CDP_API_KEY_SECRET/);
  });

  test("live base URLs can be overridden; trailing slashes are stripped", () => {
    const c = parseConfig({
      ...CDP,
      CDP_API_BASE_URL: "https://cdp.example.com/",
      COINBASE_PAY_BASE_URL: "https://pay.example.com/prefix//",
    });
    assert.equal(c.ramp.cdpApiBaseUrl, "https://cdp.example.com");
    assert.equal(c.ramp.payBaseUrl, "https://pay.example.com/prefix");
  });

  test("a bad CDP_API_BASE_URL is named without echoing the value", () => {
    const e = configError({ ...CDP, CDP_API_BASE_URL: "not a url secretvalue123" });
    assert.match(e.message, /CDP_API_BASE_URL/);
    assert.ok(!e.message.includes("secretvalue123"), e.message);
  });

  test("a non-http(s) base URL is refused", () => {
    const e = configError({ COINBASE_PAY_BASE_URL: "ftp://pay.example.com" });
    assert.match(e.message, /COINBASE_PAY_BASE_URL/);
  });
});

describe("parseConfig: redirect origins and proxy headers", () => {
  test("ALLOWED_REDIRECT_ORIGINS become origins next to APP_URL's", () => {
    const c = parseConfig({
      APP_URL: "https://app.example.com",
      ALLOWED_REDIRECT_ORIGINS:
        " https://partner.example/return?x=1 , http://localhost:5173/,https://app.example.com",
    });
    assert.deepEqual(c.redirectOrigins, [
      "https://app.example.com",
      "https://partner.example",
      "http://localhost:5173",
    ]);
  });

  test("a bad entry is named by its variable", () => {
    for (const value of [
      "https://ok.example, not an origin",
      "javascript:alert(1)",
      "ftp://files.example",
    ]) {
      const e = configError({ ALLOWED_REDIRECT_ORIGINS: value });
      assert.match(e.message, /ALLOWED_REDIRECT_ORIGINS/, value);
    }
  });

  test("TRUST_PROXY_HEADERS accepts true/1 and false/0, and refuses anything else", () => {
    assert.equal(parseConfig({ TRUST_PROXY_HEADERS: "true" }).trustProxyHeaders, true);
    assert.equal(parseConfig({ TRUST_PROXY_HEADERS: "1" }).trustProxyHeaders, true);
    assert.equal(parseConfig({ TRUST_PROXY_HEADERS: "false" }).trustProxyHeaders, false);
    assert.equal(parseConfig({ TRUST_PROXY_HEADERS: "0" }).trustProxyHeaders, false);
    const e = configError({ TRUST_PROXY_HEADERS: "maybe" });
    assert.match(e.message, /TRUST_PROXY_HEADERS/);
  });
});

describe("parseConfig: rate limits", () => {
  test("per client 10 and for all clients together 600 a minute by default; 0 turns each off", () => {
    const defaults = parseConfig({});
    assert.equal(defaults.rateLimitPerMinute, 10);
    assert.equal(defaults.rateLimitGlobalPerMinute, 600);
    const off = parseConfig({ RATE_LIMIT_PER_MINUTE: "0", RATE_LIMIT_GLOBAL_PER_MINUTE: "0" });
    assert.equal(off.rateLimitPerMinute, 0);
    assert.equal(off.rateLimitGlobalPerMinute, 0);
    assert.equal(parseConfig({ RATE_LIMIT_GLOBAL_PER_MINUTE: " " }).rateLimitGlobalPerMinute, 600);
  });

  test("a ceiling that is not a whole number of 0 or more is refused by name", () => {
    for (const value of ["-1", "1.5", "lots"])
      assert.match(
        configError({ RATE_LIMIT_GLOBAL_PER_MINUTE: value }).message,
        /RATE_LIMIT_GLOBAL_PER_MINUTE: must be/,
        value,
      );
  });
});

describe("parseConfig: webhook event retention", () => {
  test("30 days by default; a week at least, so a retried event is still told as a repeat", () => {
    assert.equal(parseConfig({}).webhooks.retentionDays, 30);
    assert.equal(parseConfig({ WEBHOOK_EVENT_RETENTION_DAYS: "90" }).webhooks.retentionDays, 90);
    assert.equal(parseConfig({ WEBHOOK_EVENT_RETENTION_DAYS: "" }).webhooks.retentionDays, 30);
    for (const [value, problem] of [
      ["6", /WEBHOOK_EVENT_RETENTION_DAYS: must be 7 or more/],
      ["0", /WEBHOOK_EVENT_RETENTION_DAYS: must be 7 or more/],
      ["1.5", /WEBHOOK_EVENT_RETENTION_DAYS: must be a whole number of days/],
    ] as const)
      assert.match(configError({ WEBHOOK_EVENT_RETENTION_DAYS: value }).message, problem, value);
  });
});

describe("parseConfig: OAuth", () => {
  test("client id and secret with SESSION_SECRET → live OAuth with the default live URLs", () => {
    const c = parseConfig({ ...OAUTH, SESSION_SECRET: SECRET_32 });
    const expected = {
      mode: "live",
      clientId: "client-id",
      clientSecret: "client-secret",
      authorizeUrl: "https://login.coinbase.com/oauth2/auth",
      tokenUrl: "https://login.coinbase.com/oauth2/token",
      revokeUrl: "https://login.coinbase.com/oauth2/revoke",
      apiBaseUrl: "https://api.coinbase.com",
      redirectUri: "http://localhost:3000/oauth/callback",
      sessionSecret: SECRET_32,
    } as const;
    for (const [field, value] of Object.entries(expected)) {
      assert.equal(c.oauth[field as keyof typeof expected], value, field);
    }
    assert.equal(c.ramp.mode, "sandbox");
  });

  test("client id without secret (and the reverse) → error naming both", () => {
    for (const env of [
      { COINBASE_OAUTH_CLIENT_ID: "client-id", SESSION_SECRET: SECRET_32 },
      { COINBASE_OAUTH_CLIENT_SECRET: "client-secret", SESSION_SECRET: SECRET_32 },
    ]) {
      const e = configError(env);
      assert.match(e.message, /COINBASE_OAUTH_CLIENT_ID/);
      assert.match(e.message, /COINBASE_OAUTH_CLIENT_SECRET/);
    }
  });

  test("live OAuth without SESSION_SECRET → error naming SESSION_SECRET", () => {
    const e = configError(OAUTH);
    assert.match(e.message, /SESSION_SECRET/);
  });

  test("SESSION_SECRET shorter than 32 bytes → error, in sandbox and live", () => {
    for (const env of [{ SESSION_SECRET: "s".repeat(31) }, { ...OAUTH, SESSION_SECRET: "short" }]) {
      const e = configError(env);
      assert.match(e.message, /SESSION_SECRET/);
      assert.match(e.message, /32 bytes/);
      assert.ok(!e.message.includes("sssssssssssssss"));
    }
    // Bytes, not characters: 11 different 3-byte characters are 33 bytes.
    assert.equal(parseConfig({ SESSION_SECRET: "€₤₹₽₩₪₫₭₮₱₲" }).oauth.sessionSecret, "€₤₹₽₩₪₫₭₮₱₲");
  });

  test("a given SESSION_SECRET is used in sandbox mode too", () => {
    assert.equal(parseConfig({ SESSION_SECRET: SECRET_32 }).oauth.sessionSecret, SECRET_32);
  });

  test("live OAuth URL overrides lose their trailing slash", () => {
    const c = parseConfig({
      ...OAUTH,
      SESSION_SECRET: SECRET_32,
      COINBASE_OAUTH_AUTHORIZE_URL: "https://login.example/auth/",
      COINBASE_API_BASE_URL: "https://api.example/",
    });
    assert.equal(c.oauth.authorizeUrl, "https://login.example/auth");
    assert.equal(c.oauth.apiBaseUrl, "https://api.example");
  });

  test("several problems are reported together", () => {
    const e = configError({
      CDP_API_KEY_ID: "x",
      COINBASE_OAUTH_CLIENT_ID: "y",
      SESSION_SECRET: "short",
    });
    assert.equal(e.problems.length, 3);
  });
});

describe("parseConfig: SESSION_SECRET must be random, not only long", () => {
  test("one character repeated, or a short word over and over, is refused by name", () => {
    for (const secret of [
      "s".repeat(64),
      "ab".repeat(32),
      "password".repeat(4),
      "changeme".repeat(8),
      "0".repeat(40),
    ]) {
      for (const env of [{ SESSION_SECRET: secret }, { ...OAUTH, SESSION_SECRET: secret }]) {
        const e = configError(env);
        assert.equal(e.problems.length, 1);
        assert.match(e.message, /SESSION_SECRET: too little variety/);
        assert.match(e.message, /at least 10 different characters/, "the rule is stated");
        assert.ok(!e.message.includes(secret.slice(0, 8)), "the value is not repeated");
      }
    }
  });

  test("random values pass: openssl rand -base64 32 or -hex 32, and the test fixtures", () => {
    for (let i = 0; i < 200; i++) {
      for (const secret of [
        randomBytes(32).toString("base64"),
        randomBytes(32).toString("hex"),
        randomBytes(32).toString("base64url"),
      ]) {
        assert.equal(parseConfig({ SESSION_SECRET: secret }).oauth.sessionSecret, secret);
      }
    }
    assert.ok(parseConfig({ SESSION_SECRET: SECRET_32 }));
    assert.ok(parseConfig({ ...OAUTH, SESSION_SECRET: TEST_SECRETS.SESSION_SECRET }));
  });

  test("the rule counts characters, not bytes: nine different ones are too few", () => {
    assert.match(configError({ SESSION_SECRET: "€₤₹₽₩₪₫₭₮".repeat(2) }).message, /variety/);
    assert.match(configError({ SESSION_SECRET: "abcdefghi".repeat(4) }).message, /variety/);
    assert.ok(parseConfig({ SESSION_SECRET: "abcdefghij".repeat(4) }));
  });
});

describe("parseConfig: a live production server is served over https", () => {
  const PROD = { NODE_ENV: "production" };
  const LIVE_SETS = [CDP, { ...OAUTH, SESSION_SECRET: SECRET_32 }];

  test("an http:// APP_URL is refused by name when anything is live", () => {
    for (const live of LIVE_SETS) {
      const e = configError({ ...PROD, ...live, APP_URL: "http://ramps.example.com" });
      assert.equal(e.problems.length, 1);
      assert.match(e.message, /APP_URL: must start with https:\/\//);
      assert.match(e.message, /ALLOW_INSECURE_APP_URL=true/);
      assert.ok(!e.message.includes("ramps.example.com"), "the value is not repeated");
    }
  });

  test("no APP_URL is refused too: the default is http://localhost", () => {
    for (const live of LIVE_SETS) {
      for (const unset of [{}, { APP_URL: "" }, { PORT: "8080" }]) {
        const e = configError({ ...PROD, ...live, ...unset });
        assert.match(e.message, /APP_URL: required/);
        assert.match(e.message, /https:\/\/ origin/);
      }
    }
  });

  test("https:// passes; ALLOW_INSECURE_APP_URL=true lets http:// (or none) through", () => {
    for (const live of LIVE_SETS) {
      const https = parseConfig({ ...PROD, ...live, APP_URL: "https://ramps.example.com" });
      assert.equal(https.appUrl, "https://ramps.example.com");
      for (const flag of ["true", "1"]) {
        const allowed = { ...PROD, ...live, ALLOW_INSECURE_APP_URL: flag };
        assert.equal(
          parseConfig({ ...allowed, APP_URL: "http://localhost:3002" }).appUrl,
          "http://localhost:3002",
        );
        assert.equal(parseConfig(allowed).appUrl, "http://localhost:3000");
      }
      assert.match(
        configError({
          ...PROD,
          ...live,
          APP_URL: "http://x.example",
          ALLOW_INSECURE_APP_URL: "false",
        }).message,
        /APP_URL/,
      );
    }
    assert.match(configError({ ALLOW_INSECURE_APP_URL: "yes" }).message, /ALLOW_INSECURE_APP_URL/);
  });

  test("an http:// origin in ALLOWED_ORIGINS or ALLOWED_REDIRECT_ORIGINS is refused by name when anything is live", () => {
    const https = { APP_URL: "https://ramps.example.com" };
    for (const live of LIVE_SETS) {
      for (const name of ["ALLOWED_ORIGINS", "ALLOWED_REDIRECT_ORIGINS"]) {
        const list = "https://shop.example.com,http://www.shop.example.com";
        const e = configError({ ...PROD, ...live, ...https, [name]: list });
        assert.match(e.message, new RegExp(`${name}: every origin must start with https://`));
        assert.ok(!e.message.includes("www.shop.example.com"), "the value is not repeated");
        const fine = { ...PROD, ...live, ...https, [name]: "https://shop.example.com" };
        assert.ok(parseConfig(fine));
        // Not live, or a production build tested on localhost: http stays allowed.
        assert.ok(parseConfig({ ...PROD, [name]: list }));
        assert.ok(parseConfig({ ...PROD, ...live, [name]: list, ALLOW_INSECURE_APP_URL: "true" }));
      }
    }
  });

  test("sandbox mode, or not production, keeps http://localhost", () => {
    assert.equal(parseConfig(PROD).appUrl, "http://localhost:3000");
    assert.equal(
      parseConfig({ ...PROD, APP_URL: "http://localhost:3100" }).appUrl,
      "http://localhost:3100",
    );
    for (const NODE_ENV of [undefined, "development", "test"]) {
      for (const live of LIVE_SETS) {
        assert.equal(parseConfig({ NODE_ENV, ...live }).appUrl, "http://localhost:3000");
      }
    }
  });
});

describe("parseConfig: Coinbase endpoints in production", () => {
  test("an http override is refused by name while live, unless the insecure flag is set", () => {
    const env = {
      NODE_ENV: "production",
      ...CDP,
      ...OAUTH,
      APP_URL: "https://ramps.example.com",
      COINBASE_OAUTH_TOKEN_URL: "http://coinbase-stand-in.internal/oauth2/token",
      CDP_API_BASE_URL: "https://api.developer.coinbase.com",
    };
    const refused = configError(env).message;
    assert.match(refused, /COINBASE_OAUTH_TOKEN_URL: must start with https:\/\//);
    assert.doesNotMatch(refused, /CDP_API_BASE_URL/);
    assert.doesNotMatch(refused, /coinbase-stand-in/, "the value is not repeated");
    // A production build tested against a local stand-in says so.
    assert.equal(parseConfig({ ...env, ALLOW_INSECURE_APP_URL: "true" }).oauth.mode, "live");
    // Not in production (a developer's machine), it is theirs to choose.
    assert.equal(parseConfig({ ...env, NODE_ENV: "development" }).oauth.mode, "live");
  });
});

describe("configWarnings: what starts but protects less than it looks", () => {
  test("a live production server without TRUST_PROXY_HEADERS is warned about, by name", () => {
    const env = {
      NODE_ENV: "production",
      ...CDP,
      APP_URL: "https://ramps.example.com",
      CDP_WEBHOOK_SECRET: SECRET_32,
      DATABASE_URL: "postgres://app@db.example/ramps",
    };
    const warned = configWarnings(parseConfig(env), "production");
    assert.deepEqual(
      warned.map((w) => w.variable),
      ["TRUST_PROXY_HEADERS"],
    );
    assert.match(warned[0]!.message, /X-Forwarded-For/);
    const behindProxy = parseConfig({ ...env, TRUST_PROXY_HEADERS: "true" });
    assert.deepEqual(configWarnings(behindProxy, "production"), []);
    // Sandbox mode, or a developer's machine: nothing to warn about.
    assert.deepEqual(
      configWarnings(parseConfig({ APP_URL: "https://ramps.example.com" }), "production"),
      [],
    );
    assert.deepEqual(configWarnings(parseConfig({ ...CDP }), "development"), []);
    // Live Connect alone: its sign-in codes and routes are limited per client too.
    const connectOnly = parseConfig({
      ...OAUTH,
      SESSION_SECRET: SECRET_32,
      NODE_ENV: "production",
      APP_URL: "https://ramps.example.com",
      DATABASE_URL: "postgres://app@db.example/ramps",
    });
    const connectWarned = configWarnings(connectOnly, "production");
    const proxy = connectWarned.find((w) => w.variable === "TRUST_PROXY_HEADERS");
    assert.ok(proxy, "warned");
    assert.doesNotMatch(proxy.message, /clientIp/, "no ramp call to give it to");
  });

  test("an APP_URL holding the word coinbase is warned about: Coinbase refuses it as a redirect URI", () => {
    const at = (appUrl: string) =>
      parseConfig({ ...OAUTH, SESSION_SECRET: SECRET_32, APP_URL: appUrl });
    const warned = configWarnings(at("https://Coinbase-ramps.example.com"), "development");
    assert.deepEqual(
      warned.map((w) => w.variable),
      ["APP_URL"],
    );
    assert.match(warned[0]!.message, /Coinbase refuses an OAuth redirect URI/);
    assert.deepEqual(configWarnings(at("https://ramps.example.com"), "development"), []);
    // The sandbox's Connect takes it: said all the same, so that going live is no surprise.
    const sandbox = configWarnings(
      parseConfig({ APP_URL: "https://coinbase-ramps.example.com" }),
      "development",
    );
    assert.deepEqual(
      sandbox.map((w) => w.variable),
      ["APP_URL"],
    );
    assert.match(
      sandbox[0]!.message,
      /fails at its authorize page once live \(the sandbox takes it\)/,
    );
    // Connect off (live ramps, no OAuth client): no redirect URI is ever sent, nothing to say.
    const rampsOnly = parseConfig({ ...CDP, APP_URL: "https://coinbase-ramps.example.com" });
    assert.equal(rampsOnly.oauth.mode, "off");
    assert.ok(
      !configWarnings(rampsOnly, "development").some((w) => /word "coinbase"/.test(w.message)),
    );
  });

  test("an APP_URL naming another port of this machine than the server's is warned about", () => {
    // Port 3000 taken (an older copy of the app): next dev moved to 3001.
    const moved = configWarnings(
      parseConfig({ APP_URL: "http://localhost:3000" }),
      "development",
      "3001",
    );
    assert.deepEqual(
      moved.map((w) => w.variable),
      ["APP_URL"],
    );
    assert.match(moved[0]!.message, /names port 3000 .* this server listens on 3001/);
    // The same port, or a public origin (a proxy in front): nothing to say.
    const at = (appUrl: string, port: string) =>
      configWarnings(parseConfig({ APP_URL: appUrl }), "development", port);
    assert.deepEqual(at("http://localhost:3001", "3001"), []);
    assert.deepEqual(at("http://127.0.0.1:3001/", "3001"), []);
    assert.deepEqual(at("https://ramps.example.com", "3000"), []);
    // A local TLS proxy on 443 forwarding to this server.
    assert.deepEqual(at("https://localhost", "3000"), []);
    assert.deepEqual(configWarnings(parseConfig({ PORT: "3001" }), "development", "3001"), []);
  });

  test("a production server whose APP_URL is unset or local is warned about: browsers go there", () => {
    const warned = configWarnings(parseConfig({ NODE_ENV: "production" }), "production");
    assert.deepEqual(
      warned.map((w) => w.variable),
      ["APP_URL"],
    );
    assert.match(warned[0]!.message, /http:\/\/localhost:3000/);
    const deployed = parseConfig({ NODE_ENV: "production", APP_URL: "https://ramps.example.com" });
    assert.deepEqual(configWarnings(deployed, "production"), []);
    assert.deepEqual(configWarnings(parseConfig({}), "development"), []);
  });

  test("live in production without a webhook secret or a database server: each is named", () => {
    const env = {
      NODE_ENV: "production",
      ...CDP,
      APP_URL: "https://ramps.example.com",
      TRUST_PROXY_HEADERS: "true",
    };
    const warned = configWarnings(parseConfig(env), "production");
    assert.deepEqual(
      warned.map((w) => w.variable),
      ["CDP_WEBHOOK_SECRET", "DATABASE_URL"],
    );
    assert.match(warned[0]!.message, /webhooks are refused/);
    assert.match(warned[1]!.message, /lost when it is replaced/);
    // Connect alone has no webhooks, but its users still need a database that lasts, and
    // are told the ramp pages they may reach are the sandbox's.
    const connectOnly = { ...env, ...OAUTH, CDP_API_KEY_ID: "", CDP_API_KEY_SECRET: "" };
    const connectWarned = configWarnings(parseConfig(connectOnly), "production");
    assert.deepEqual(
      connectWarned.map((w) => w.variable),
      ["CDP_API_KEY_ID", "DATABASE_URL"],
    );
    assert.match(connectWarned[0]!.message, /deposit address that no one holds/);
  });
});

describe("parseConfig: origin lists take no wildcards", () => {
  for (const name of ["ALLOWED_ORIGINS", "ALLOWED_REDIRECT_ORIGINS"] as const) {
    test(`${name}: an entry with * is refused by name, saying to list each origin`, () => {
      for (const value of [
        "https://*.example.com",
        "https://ok.example, https://*.partner.example",
        "*",
        "https://app.example:*",
      ]) {
        const e = configError({ [name]: value });
        assert.equal(e.problems.length, 1, value);
        assert.match(e.message, new RegExp(`${name}: wildcards are not supported`), value);
        assert.match(e.message, /list each origin/);
        assert.ok(!e.message.includes("partner.example"), "the value is not repeated");
      }
      const listed = parseConfig({ [name]: "https://a.example.com,https://b.example.com" });
      const origins = name === "ALLOWED_ORIGINS" ? listed.allowedOrigins : listed.redirectOrigins;
      assert.ok(
        origins.includes("https://a.example.com") && origins.includes("https://b.example.com"),
      );
    });
  }
});

describe("parseConfig: users, mail, database and API keys", () => {
  test("live ramps or a live OAuth client need SMTP_URL (codes must not go to the sandbox inbox) and SESSION_SECRET", () => {
    const noSmtp = configError({ ...CDP, SMTP_URL: "" });
    assert.match(noSmtp.message, /SMTP_URL: required when a CDP key or COINBASE_OAUTH_CLIENT_ID/);
    // Connect alone is live too: its users sign in with codes anyone could read in the inbox.
    const connectOnly = configError({ ...OAUTH, SESSION_SECRET: SECRET_32, SMTP_URL: "" });
    assert.match(
      connectOnly.message,
      /SMTP_URL: required when a CDP key or COINBASE_OAUTH_CLIENT_ID/,
    );
    const noSecret = configError({ ...CDP, SESSION_SECRET: "" });
    assert.match(noSecret.message, /SESSION_SECRET: required when a CDP key/);
    assert.equal(parseConfig(CDP).mail.mode, "smtp");
    // A command-line tool signs no session and mails no code: neither is asked of it.
    const tool = parseConfig({ ...CDP_KEY }, undefined, { serving: false });
    assert.equal(tool.ramp.mode, "live");
    // Nor an https APP_URL in a production image (the migration job, npm run webhooks).
    const inImage = { ...CDP_KEY, NODE_ENV: "production" };
    assert.equal(parseConfig(inImage, undefined, { serving: false }).ramp.mode, "live");
  });

  test("sandbox mode without SMTP_URL uses the inbox; with it, SMTP", () => {
    assert.equal(parseConfig({}).mail.mode, "inbox");
    const smtp = parseConfig({ SMTP_URL: "smtp://user:pw@mail.example.com:587" }).mail;
    assert.deepEqual(smtp, {
      mode: "smtp",
      smtpUrl: "smtp://user:pw@mail.example.com:587",
      from: "no-reply@localhost",
    });
    assert.match(
      configError({ SMTP_URL: "http://mail.example.com" }).message,
      /SMTP_URL: must start with smtp/,
    );
  });

  test("API_KEYS: kept as SHA-256 digests only; short keys refused without repeating them", () => {
    const key = randomBytes(32).toString("base64url");
    const config = parseConfig({ API_KEYS: ` ${key} ,, ` });
    assert.equal(config.apiKeyHashes.length, 1);
    assert.deepEqual(config.apiKeyHashes[0], createHash("sha256").update(key).digest());
    assert.ok(!JSON.stringify(config).includes(key), "the key itself is not kept");
    const e = configError({ API_KEYS: `${key},short-key-123` });
    assert.match(e.message, /API_KEYS: each key must be at least 32 characters/);
    assert.ok(!e.message.includes("short-key-123"));
    assert.deepEqual(parseConfig({}).apiKeyHashes, []);
    // Pasted with quotes (a host's settings page keeps them): the key is the same.
    assert.deepEqual(
      parseConfig({ API_KEYS: `"${key}"` }).apiKeyHashes[0],
      createHash("sha256").update(key).digest(),
    );
  });

  test("an OAuth client pasted with its quotes is read without them: the id goes into every authorize URL", () => {
    const quoted = parseConfig({
      COINBASE_OAUTH_CLIENT_ID: '"client-id"',
      COINBASE_OAUTH_CLIENT_SECRET: " 'client-secret' ",
      SESSION_SECRET: SECRET_32,
      SMTP_URL: "smtp://mail.example.com:587",
    }).oauth;
    assert.equal(quoted.mode, "live");
    assert.deepEqual([quoted.clientId, quoted.clientSecret], ["client-id", "client-secret"]);
  });

  test("DATABASE_URL must be a postgres URL; PGLITE_DIR defaults to .data/pglite", () => {
    assert.deepEqual(parseConfig({}).database, {
      url: undefined,
      pgliteDir: ".data/pglite",
      mode: "sandbox",
    });
    // Anything live makes the data live: ramps alone, or Connect alone.
    assert.equal(parseConfig(CDP).database.mode, "live");
    assert.equal(parseConfig({ ...OAUTH, SESSION_SECRET: SECRET_32 }).database.mode, "live");
    const url = "postgres://app:pw@db.example.com:5432/ramps";
    assert.equal(parseConfig({ DATABASE_URL: url }).database.url, url);
    const e = configError({ DATABASE_URL: "mysql://app:pw@db.example.com/ramps" });
    assert.match(e.message, /DATABASE_URL: must start with postgres:\/\//);
    assert.ok(!e.message.includes("pw@"));
  });

  test("a server URL whose password breaks it is refused by name, the password not repeated", () => {
    // A cloud Redis key, an SMTP password: "/", "#" and "%" must be percent-encoded in a URL.
    for (const [name, url, password] of [
      ["REDIS_URL", "rediss://default:Ab3/xY+z9Q==@cache.example.net:6380", "Ab3/xY"],
      ["REDIS_URL", "redis://:p#ss@cache.example.net:6379", "p#ss"],
      ["SMTP_URL", "smtp://user:100%sure@mail.example.com:587", "100%sure"],
      // An "@" and a "/" unencoded: the URL parses, with "ss" as its host and "w0rd@…" as its
      // path, which a connection error would print.
      ["REDIS_URL", "redis://:p@ss/w0rd@cache.example.net:6379", "w0rd"],
      ["SMTP_URL", "smtp://me:Tr0ub@dor#42@mail.example.com:587", "dor#42"],
      ["DATABASE_URL", "postgres://app:p@ss/w0rd@db.example.com:5432/ramps", "w0rd"],
    ] as const) {
      const e = configError({ [name]: url });
      assert.match(e.message, new RegExp(`${name}: is not a valid URL: percent-encode`));
      assert.ok(!e.message.includes(password), name);
    }
    // Encoded, each is taken as given.
    const redis = "rediss://default:Ab3%2FxY%2Bz9Q%3D%3D@cache.example.net:6380";
    assert.equal(parseConfig({ REDIS_URL: redis }).redisUrl, redis);
    // pg's own forms that are no WHATWG URL: a Unix socket (Cloud SQL on Cloud Run, a local
    // server), a bare "%" in a password pg takes as it is.
    for (const url of [
      "postgresql://app:pw@/ramps?host=/cloudsql/proj:region:inst",
      "postgresql:///ramps?host=/var/run/postgresql",
      "postgres://app:p%ss@db.example.com/ramps",
    ])
      assert.equal(parseConfig({ DATABASE_URL: url }).database.url, url);
  });
});

describe("parseConfig: the webhook secret", () => {
  test("sandbox mode: CDP_WEBHOOK_SECRET when set, else a random one per parse", () => {
    assert.deepEqual(parseConfig({ CDP_WEBHOOK_SECRET: "whsec-given" }).webhooks.secrets, [
      "whsec-given",
    ]);
    const [a] = parseConfig({}).webhooks.secrets;
    assert.match(a ?? "", /^[\w-]{43}$/);
    assert.notEqual(parseConfig({}).webhooks.secrets[0], a);
  });

  test("live mode: only CDP_WEBHOOK_SECRET; unset (or blank) there is none", () => {
    assert.deepEqual(parseConfig(CDP).webhooks.secrets, []);
    assert.deepEqual(parseConfig({ ...CDP, CDP_WEBHOOK_SECRET: " " }).webhooks.secrets, []);
    assert.deepEqual(parseConfig({ ...CDP, CDP_WEBHOOK_SECRET: "whsec-live" }).webhooks.secrets, [
      "whsec-live",
    ]);
  });

  test("several, comma-separated, while moving to a new subscription: each kept, in order", () => {
    const secrets = parseConfig({ ...CDP, CDP_WEBHOOK_SECRET: " whsec-new , whsec-old ," }).webhooks
      .secrets;
    assert.deepEqual(secrets, ["whsec-new", "whsec-old"]);
  });

  test("pasted with its quotes (kept by a host's settings page): read without them", () => {
    for (const value of ['"whsec-live"', "'whsec-live'", ' "whsec-live" '])
      assert.deepEqual(parseConfig({ ...CDP, CDP_WEBHOOK_SECRET: value }).webhooks.secrets, [
        "whsec-live",
      ]);
    const both = parseConfig({ ...CDP, CDP_WEBHOOK_SECRET: `"whsec-new","whsec-old"` });
    assert.deepEqual(both.webhooks.secrets, ["whsec-new", "whsec-old"]);
  });
});

describe("parseConfig: the Connect sandbox only when nothing is live", () => {
  test("a CDP key in production without an OAuth client: Connect is off, not the fake login", () => {
    const c = parseConfig({
      ...CDP,
      NODE_ENV: "production",
      APP_URL: "https://ramp.example.com",
    });
    assert.equal(c.oauth.mode, "off");
    assert.ok(!c.oauth.authorizeUrl.includes("/sandbox/"));
    assert.ok(!c.oauth.apiBaseUrl.includes("/sandbox/"));
  });

  test("COINBASE_OAUTH_SANDBOX brings it back outside production, and is refused in production", () => {
    assert.equal(parseConfig({ ...CDP, COINBASE_OAUTH_SANDBOX: "true" }).oauth.mode, "sandbox");
    const e = configError({
      ...CDP,
      COINBASE_OAUTH_SANDBOX: "true",
      NODE_ENV: "production",
      APP_URL: "https://ramp.example.com",
    });
    assert.match(e.message, /COINBASE_OAUTH_SANDBOX/);
  });

  test("SESSION_SECRET is required when only the OAuth client is live", () => {
    assert.match(configError({ ...OAUTH }).message, /SESSION_SECRET/);
  });
});

describe("sandbox mode's session secret, kept across restarts", () => {
  const scratch = () => mkdtempSync(path.join(tmpdir(), "session-secret-"));
  const aSecret = () => randomBytes(32).toString("base64url");

  test("made once beside the embedded database, readable by its owner only, then read back", () => {
    const dir = path.join(scratch(), "pglite");
    const first = parseConfig({ PGLITE_DIR: dir }, keptSessionSecret).oauth.sessionSecret;
    assert.ok(Buffer.byteLength(first) >= 32);
    const file = `${dir}.session-secret`;
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // A restart: the same secret, so the sessions in that database still open.
    assert.equal(parseConfig({ PGLITE_DIR: dir }, keptSessionSecret).oauth.sessionSecret, first);
    // Another database folder (another local server): its own.
    const other = path.join(scratch(), "pglite");
    assert.notEqual(keptSessionSecret(other), first);
    assert.deepEqual(
      readdirSync(path.dirname(file)),
      ["pglite.session-secret"],
      "nothing left aside",
    );
  });

  test("one kept by another server is used; a file that holds no secret is replaced", () => {
    const dir = path.join(scratch(), "pglite");
    const theirs = aSecret();
    writeFileSync(`${dir}.session-secret`, `${theirs}\n`);
    assert.equal(keptSessionSecret(dir), theirs);
    const cutShort = path.join(scratch(), "pglite");
    writeFileSync(`${cutShort}.session-secret`, "abc");
    const made = keptSessionSecret(cutShort);
    assert.notEqual(made, "abc");
    assert.equal(keptSessionSecret(cutShort), made, "kept from then on");
  });

  test("SESSION_SECRET, or an in-memory database, leaves the disk alone", () => {
    const untouched = path.join(scratch(), "pglite");
    const config = parseConfig(
      { PGLITE_DIR: untouched, SESSION_SECRET: SECRET_32 },
      keptSessionSecret,
    );
    assert.equal(config.oauth.sessionSecret, SECRET_32);
    assert.equal(existsSync(`${untouched}.session-secret`), false);
    const inMemory = parseConfig({ PGLITE_DIR: "memory://" }, keptSessionSecret);
    assert.ok(Buffer.byteLength(inMemory.oauth.sessionSecret) >= 32);
    assert.equal(existsSync(path.resolve("memory:.session-secret")), false);
  });

  test("a folder it cannot write to still gets a secret, for this run", () => {
    const file = path.join(scratch(), "not-a-folder");
    writeFileSync(file, "");
    const secret = keptSessionSecret(path.join(file, "pglite"));
    assert.ok(Buffer.byteLength(secret) >= 32);
  });
});

describe("parseConfig: the sandbox sale's deadline", () => {
  test("by default, Coinbase's 30 minutes, which the deposit box gives the user; SANDBOX_SALE_DEADLINE_SECONDS sets it", () => {
    const createdAt = "2026-12-07T10:00:00.000Z";
    const boxGives = Date.parse(depositDueAt({ createdAt })) - Date.parse(createdAt);
    assert.equal(boxGives, 30 * 60 * 1000);
    assert.equal(parseConfig({}).ramp.sandboxSaleDeadlineSeconds * 1000, boxGives);
    assert.equal(
      parseConfig({ SANDBOX_SALE_DEADLINE_SECONDS: "90" }).ramp.sandboxSaleDeadlineSeconds,
      90,
    );
  });

  test("whole seconds from 1 to a day, refused by name otherwise", () => {
    for (const bad of ["0", "1.5", "soon", "86401"]) {
      assert.match(
        configError({ SANDBOX_SALE_DEADLINE_SECONDS: bad }).message,
        /SANDBOX_SALE_DEADLINE_SECONDS: /,
        bad,
      );
    }
  });
});

describe("parseConfig: the sandbox's slow clocks, shortened by the browser tests", () => {
  test("a slow guest order settles in 20 s and a held webhook waits 10 s by default; each variable sets its own", () => {
    const defaults = parseConfig({}).ramp;
    assert.equal(defaults.sandboxSlowSettleSeconds, 20);
    assert.equal(defaults.sandboxWebhooks.holdSeconds, 10);
    const set = parseConfig({
      SANDBOX_SLOW_SETTLE_SECONDS: "6",
      SANDBOX_WEBHOOK_HOLD_SECONDS: "2",
    }).ramp;
    assert.equal(set.sandboxSlowSettleSeconds, 6);
    assert.equal(set.sandboxWebhooks.holdSeconds, 2);
  });

  test("whole seconds from 1 to an hour, refused by name otherwise", () => {
    for (const name of ["SANDBOX_SLOW_SETTLE_SECONDS", "SANDBOX_WEBHOOK_HOLD_SECONDS"])
      for (const bad of ["0", "1.5", "soon", "3601"])
        assert.match(configError({ [name]: bad }).message, new RegExp(`${name}: `), bad);
  });
});
