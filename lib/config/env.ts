import "server-only";
import { processSingleton } from "@/lib/process/singleton";
import { createHash, randomBytes } from "node:crypto";
import { EnvSchema } from "./env-schema";
import { keptSessionSecret } from "./sandbox-session-secret";

/**
 * The only module that reads `process.env`. Everything else imports `getConfig()`.
 * A bad value stops the server at start (see `instrumentation.ts`) with a message that
 * names the variable, never its value.
 */

export type Mode = "sandbox" | "live";

export interface AppConfig {
  /** Public origin of this app, e.g. `http://localhost:3000`. */
  appUrl: string;
  /** Origins a `redirectUrl` may point to: the app's own plus `ALLOWED_REDIRECT_ORIGINS`. */
  redirectOrigins: string[];
  trustProxyHeaders: boolean;
  /** Proxies in front of the app (a CDN's ranges) whose hops X-Forwarded-For is read past. */
  trustedProxyRanges: string[];
  /** Deadline for one upstream call, retry included. */
  upstreamTimeoutMs: number;
  /** Minting requests per client IP per minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Minting requests per minute of all clients together, counted per instance; 0 = off. */
  rateLimitGlobalPerMinute: number;
  /** Options and transactions look-ups per client IP per minute; 0 turns the limit off. */
  rateLimitLookupsPerMinute: number;
  /** Seconds between two syncs of a user's ledger with Coinbase; 0: webhooks alone. */
  ledgerSyncSeconds: number;
  /** Extra origins whose pages may call the minting routes from a browser. */
  allowedOrigins: string[];
  /** Shared state for several instances; in memory when absent. */
  redisUrl?: string;
  isDevelopment: boolean;
  database: {
    /** A Postgres server; absent: the embedded one (PGlite) in `pgliteDir`. */
    url?: string;
    pgliteDir: string;
    /** The data it may hold: sandbox while nothing is live (lib/db/database-mode.ts). */
    mode: Mode;
  };
  /** Where sign-in codes go: an SMTP server, or the sandbox inbox page. */
  mail: { mode: "smtp"; smtpUrl: string; from: string } | { mode: "inbox"; from: string };
  /** SHA-256 of each partner-server API key (`API_KEYS`); the keys themselves are not kept. */
  apiKeyHashes: Buffer[];
  ramp: {
    mode: Mode;
    /** Absent in sandbox mode: the sandbox key is generated in memory at start. */
    apiKey?: { id: string; secret: string };
    cdpApiBaseUrl: string;
    /** The CDP platform host (v2: webhook subscriptions). */
    cdpPlatformApiBaseUrl: string;
    payBaseUrl: string;
    /**
     * How often the sandbox delivers a webhook event twice, late (held up to `holdSeconds` for
     * the next one), or never; only the sandbox reads it.
     */
    sandboxWebhooks: {
      duplicateShare: number;
      reorderShare: number;
      lossShare: number;
      holdSeconds: number;
    };
    /** How long a sandbox guest order paid with a slow total (.41, .42) takes; only the sandbox reads it. */
    sandboxSlowSettleSeconds: number;
    /** How long a sandbox sale waits for the user's crypto before it expires; only the sandbox reads it. */
    sandboxSaleDeadlineSeconds: number;
  };
  /** Apple Pay's domain-association file (guest checkout), served under /.well-known. */
  applePayDomainAssociation?: string;
  webhooks: {
    /**
     * Verify Coinbase's webhook signatures (`CDP_WEBHOOK_SECRET`, comma-separated: an event
     * signed with any of them is Coinbase's, so a new subscription's secret can be added before
     * the old subscription is deleted). Sandbox mode without it: one generated per process, and
     * the sandbox's sender signs with the first. Live mode without it: none, and the webhook
     * endpoint answers 503.
     */
    secrets: string[];
    /** Days a stored event is kept (`WEBHOOK_EVENT_RETENTION_DAYS`), then deleted. */
    retentionDays: number;
  };
  oauth: {
    /**
     * "off": a CDP key is set but no OAuth client: Connect is not offered, since the fake
     * Coinbase login must never face users of a live app.
     */
    mode: Mode | "off";
    clientId: string;
    clientSecret: string;
    authorizeUrl: string;
    tokenUrl: string;
    revokeUrl: string;
    apiBaseUrl: string;
    redirectUri: string;
    sessionSecret: string;
    /** Lifetime of sandbox access tokens; only the sandbox reads it. */
    sandboxAccessTokenTtlSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * A simple check that SESSION_SECRET was generated, not typed: placeholders such as
 * "xxxx…" or "changeme" repeated have few different characters, while a random base64
 * or hex value of 32 bytes has far more than this.
 */
const MIN_DISTINCT_SECRET_CHARACTERS = 10;

const DEFAULT_PGLITE_DIR = ".data/pglite";

/** Sandbox OAuth client: public values, the sandbox accepts only these. */
export const SANDBOX_OAUTH_CLIENT_ID = "sandbox-reference-app";

/** The overridable Coinbase endpoints (tests point them at a local stand-in). */
const UPSTREAM_URL_VARIABLES = [
  "CDP_API_BASE_URL",
  "CDP_PLATFORM_API_BASE_URL",
  "COINBASE_PAY_BASE_URL",
  "COINBASE_OAUTH_AUTHORIZE_URL",
  "COINBASE_OAUTH_TOKEN_URL",
  "COINBASE_OAUTH_REVOKE_URL",
  "COINBASE_API_BASE_URL",
] as const;

/**
 * `sandboxSessionSecret`: where sandbox mode without `SESSION_SECRET` gets one. The running
 * app keeps it on disk (getConfig below); by default, as in tests, a fresh one.
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  sandboxSessionSecret: (pgliteDir: string) => string = () => randomBytes(32).toString("base64url"),
  { serving = true }: { serving?: boolean } = {},
): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variable and the rule broken; zod messages here never include the value.
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  // The downloaded JSON key file names its own id: it may come alone, as CDP gives it.
  const keyFileAlone = !e.CDP_API_KEY_ID && /^["']?\s*\{/.test(e.CDP_API_KEY_SECRET?.trim() ?? "");
  if (Boolean(e.CDP_API_KEY_ID) !== Boolean(e.CDP_API_KEY_SECRET) && !keyFileAlone) {
    problems.push(
      "CDP_API_KEY_ID and CDP_API_KEY_SECRET: set both for live mode (or CDP_API_KEY_SECRET alone to the downloaded JSON key file), or neither for sandbox mode",
    );
  }
  if (Boolean(e.COINBASE_OAUTH_CLIENT_ID) !== Boolean(e.COINBASE_OAUTH_CLIENT_SECRET)) {
    problems.push(
      "COINBASE_OAUTH_CLIENT_ID and COINBASE_OAUTH_CLIENT_SECRET: set both for live mode, or neither for sandbox mode",
    );
  }
  if (e.APP_URL && !isBareOrigin(e.APP_URL)) {
    problems.push(
      "APP_URL: must be this app's origin alone (https://host or https://host:port), without a path, query, fragment or credentials: the app is served at its host's root, and every URL it hands Coinbase is built on it",
    );
  }
  const pgliteDir = e.PGLITE_DIR ?? DEFAULT_PGLITE_DIR;
  const oauthLive = Boolean(e.COINBASE_OAUTH_CLIENT_ID && e.COINBASE_OAUTH_CLIENT_SECRET);
  const rampLive = Boolean((e.CDP_API_KEY_ID || keyFileAlone) && e.CDP_API_KEY_SECRET);
  const sandboxWebhooks = {
    duplicateShare: e.SANDBOX_WEBHOOK_DUPLICATE_SHARE,
    reorderShare: e.SANDBOX_WEBHOOK_REORDER_SHARE,
    lossShare: e.SANDBOX_WEBHOOK_LOSS_SHARE,
    holdSeconds: e.SANDBOX_WEBHOOK_HOLD_SECONDS,
  };
  // Coinbase's Offramp docs: a sale times out 30 minutes after the user confirms it, the
  // window the app's deposit box gives (`depositDueAt`, lib/ramp/transactions.ts).
  const sandboxSaleDeadlineSeconds = e.SANDBOX_SALE_DEADLINE_SECONDS ?? 30 * 60;
  // The Connect sandbox runs when nothing is live, or when asked for outside production.
  const oauthSandbox = !oauthLive && (!rampLive || e.COINBASE_OAUTH_SANDBOX);
  if (e.COINBASE_OAUTH_SANDBOX && env.NODE_ENV === "production") {
    problems.push(
      "COINBASE_OAUTH_SANDBOX: not allowed when NODE_ENV is production: the sandbox's fake Coinbase login must never face real users",
    );
  }
  if (e.SESSION_SECRET !== undefined && Buffer.byteLength(e.SESSION_SECRET) < 32) {
    problems.push("SESSION_SECRET: must be at least 32 bytes (e.g. `openssl rand -base64 32`)");
  } else if (
    e.SESSION_SECRET !== undefined &&
    new Set(e.SESSION_SECRET).size < MIN_DISTINCT_SECRET_CHARACTERS
  ) {
    problems.push(
      `SESSION_SECRET: too little variety: it must contain at least ${MIN_DISTINCT_SECRET_CHARACTERS} different characters (one character repeated, or a short word over and over, does not); use a random value (e.g. \`openssl rand -base64 32\`)`,
    );
  } else if (serving && (oauthLive || rampLive) && !e.SESSION_SECRET) {
    problems.push(
      "SESSION_SECRET: required when a CDP key or COINBASE_OAUTH_CLIENT_ID is set (at least 32 bytes): sign-in sessions must outlive a restart",
    );
  }
  // The sandbox inbox shows every code it holds to whoever opens it: never for real users,
  // whether they came to buy or to connect their Coinbase account.
  if (serving && (rampLive || oauthLive) && !e.SMTP_URL) {
    problems.push(
      "SMTP_URL: required when a CDP key or COINBASE_OAUTH_CLIENT_ID is set, so sign-in codes reach users by email (the sandbox inbox is for sandbox mode only)",
    );
  }
  // A live production server over http would send its cookies without Secure and its
  // redirect URLs in clear. The flag is for a production build tested on localhost. (A tool,
  // the migration job or the webhooks CLI in a production image, serves and builds no URL.)
  if (
    serving &&
    env.NODE_ENV === "production" &&
    (rampLive || oauthLive) &&
    !e.ALLOW_INSECURE_APP_URL
  ) {
    const live = "NODE_ENV is production and a CDP key or OAuth client is set";
    if (!e.APP_URL) {
      problems.push(
        `APP_URL: required when ${live} (the default, http://localhost, is not https): set it to this app's https:// origin, or ALLOW_INSECURE_APP_URL=true for a local test`,
      );
    } else if (!e.APP_URL.startsWith("https://")) {
      problems.push(
        `APP_URL: must start with https:// when ${live}: set it to this app's https:// origin, or ALLOW_INSECURE_APP_URL=true for a local test`,
      );
    }
  }
  // Coinbase's hosts are https; an http override (a local test double) would send keys,
  // client secrets and tokens in clear, so production takes one only under the same flag.
  if (env.NODE_ENV === "production" && (rampLive || oauthLive) && !e.ALLOW_INSECURE_APP_URL) {
    for (const name of UPSTREAM_URL_VARIABLES) {
      if (e[name]?.startsWith("http://"))
        problems.push(
          `${name}: must start with https:// when NODE_ENV is production and a CDP key or OAuth client is set (leave it unset for Coinbase's own)`,
        );
    }
    // So must the origins given the user's cookies (CORS) or sent users back from Coinbase: a
    // page over http could be rewritten on the way, and act for the user.
    for (const name of ["ALLOWED_ORIGINS", "ALLOWED_REDIRECT_ORIGINS"] as const) {
      if (e[name].some((origin) => origin.startsWith("http://")))
        problems.push(
          `${name}: every origin must start with https:// when NODE_ENV is production and a CDP key or OAuth client is set`,
        );
    }
  }
  if (problems.length) throw new ConfigError(problems);

  // Without APP_URL, this server's own address: the sandbox is reached there, whatever port
  // `next dev` ended up on.
  const appUrl = new URL(e.APP_URL ?? `http://localhost:${e.PORT ?? 3000}`).origin;
  return {
    appUrl,
    redirectOrigins: [appUrl, ...e.ALLOWED_REDIRECT_ORIGINS.filter((o) => o !== appUrl)],
    trustProxyHeaders: e.TRUST_PROXY_HEADERS,
    trustedProxyRanges: e.TRUSTED_PROXY_RANGES,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitGlobalPerMinute: e.RATE_LIMIT_GLOBAL_PER_MINUTE,
    rateLimitLookupsPerMinute: e.RATE_LIMIT_LOOKUPS_PER_MINUTE,
    ledgerSyncSeconds: e.LEDGER_SYNC_SECONDS,
    allowedOrigins: e.ALLOWED_ORIGINS,
    redisUrl: e.REDIS_URL,
    isDevelopment: env.NODE_ENV === "development",
    database: { url: e.DATABASE_URL, pgliteDir, mode: rampLive || oauthLive ? "live" : "sandbox" },
    mail: e.SMTP_URL
      ? { mode: "smtp", smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? `no-reply@${hostOf(appUrl)}` }
      : { mode: "inbox", from: e.MAIL_FROM ?? `no-reply@${hostOf(appUrl)}` },
    apiKeyHashes: e.API_KEYS.map((key) => createHash("sha256").update(key).digest()),
    ramp: rampLive
      ? {
          mode: "live",
          apiKey: { id: e.CDP_API_KEY_ID ?? "", secret: e.CDP_API_KEY_SECRET! },
          cdpApiBaseUrl: e.CDP_API_BASE_URL ?? "https://api.developer.coinbase.com",
          cdpPlatformApiBaseUrl:
            e.CDP_PLATFORM_API_BASE_URL ?? "https://api.cdp.coinbase.com/platform",
          payBaseUrl: e.COINBASE_PAY_BASE_URL ?? "https://pay.coinbase.com",
          sandboxWebhooks,
          sandboxSaleDeadlineSeconds,
          sandboxSlowSettleSeconds: e.SANDBOX_SLOW_SETTLE_SECONDS,
        }
      : {
          mode: "sandbox",
          cdpApiBaseUrl: `${appUrl}/sandbox/cdp`,
          cdpPlatformApiBaseUrl: `${appUrl}/sandbox/cdp-platform`,
          payBaseUrl: `${appUrl}/sandbox/pay`,
          sandboxWebhooks,
          sandboxSaleDeadlineSeconds,
          sandboxSlowSettleSeconds: e.SANDBOX_SLOW_SETTLE_SECONDS,
        },
    applePayDomainAssociation: e.APPLE_PAY_DOMAIN_ASSOCIATION,
    webhooks: {
      secrets:
        e.CDP_WEBHOOK_SECRET.length || rampLive
          ? e.CDP_WEBHOOK_SECRET
          : [randomBytes(32).toString("base64url")],
      retentionDays: e.WEBHOOK_EVENT_RETENTION_DAYS,
    },
    oauth: oauthLive
      ? {
          mode: "live",
          clientId: e.COINBASE_OAUTH_CLIENT_ID!,
          clientSecret: e.COINBASE_OAUTH_CLIENT_SECRET!,
          authorizeUrl: e.COINBASE_OAUTH_AUTHORIZE_URL ?? "https://login.coinbase.com/oauth2/auth",
          tokenUrl: e.COINBASE_OAUTH_TOKEN_URL ?? "https://login.coinbase.com/oauth2/token",
          revokeUrl: e.COINBASE_OAUTH_REVOKE_URL ?? "https://login.coinbase.com/oauth2/revoke",
          apiBaseUrl: e.COINBASE_API_BASE_URL ?? "https://api.coinbase.com",
          redirectUri: `${appUrl}/oauth/callback`,
          sessionSecret: e.SESSION_SECRET ?? unusedSecret(),
          sandboxAccessTokenTtlSeconds: 3600,
        }
      : oauthSandbox
        ? {
            mode: "sandbox",
            clientId: SANDBOX_OAUTH_CLIENT_ID,
            // Generated per process: the sandbox reads it from here to authenticate the client.
            clientSecret: randomBytes(32).toString("base64url"),
            authorizeUrl: `${appUrl}/sandbox/login/oauth2/auth`,
            tokenUrl: `${appUrl}/sandbox/login/oauth2/token`,
            revokeUrl: `${appUrl}/sandbox/login/oauth2/revoke`,
            apiBaseUrl: `${appUrl}/sandbox/api`,
            redirectUri: `${appUrl}/oauth/callback`,
            sessionSecret: e.SESSION_SECRET ?? sandboxSessionSecret(pgliteDir),
            sandboxAccessTokenTtlSeconds: e.SANDBOX_ACCESS_TOKEN_TTL_SECONDS ?? 3600,
          }
        : {
            mode: "off",
            clientId: "",
            clientSecret: "",
            authorizeUrl: "https://login.coinbase.com/oauth2/auth",
            tokenUrl: "https://login.coinbase.com/oauth2/token",
            revokeUrl: "https://login.coinbase.com/oauth2/revoke",
            apiBaseUrl: "https://api.coinbase.com",
            redirectUri: `${appUrl}/oauth/callback`,
            // Live ramps require SESSION_SECRET (checked above), but for a tool.
            sessionSecret: e.SESSION_SECRET ?? unusedSecret(),
            sandboxAccessTokenTtlSeconds: 3600,
          },
  };
}

/** True for `https://host[:port]` (a trailing slash allowed): nothing an origin drops. */
function isBareOrigin(url: string): boolean {
  const u = new URL(url);
  return u.pathname === "/" && !u.search && !u.hash && !u.username && !u.password;
}

function hostOf(origin: string): string {
  return new URL(origin).hostname;
}

// Next may load this module in more than one bundle; one config per process keeps
// generated sandbox secrets consistent across them.
export function getConfig(): AppConfig {
  return processSingleton("config", () => parseConfig(process.env, keptSessionSecret));
}

/**
 * For a command-line tool (`npm run webhooks`, `db:migrate`), before anything reads the
 * configuration: the server's own requirements (SESSION_SECRET, SMTP_URL when live) are left
 * out, as a tool signs no session and mails no code; every other check still applies.
 */
export function readToolConfig(): AppConfig {
  return processSingleton("config", () =>
    parseConfig(process.env, keptSessionSecret, { serving: false }),
  );
}

/** A session secret a tool never uses: random, so that nothing could rely on it. */
const unusedSecret = () => randomBytes(32).toString("base64url");
