import { z } from "zod";
import { isCidr } from "@/lib/http/address-ranges";

/**
 * The shape of the environment, variable by variable. Messages say what is wrong and
 * never repeat the value (a secret may be in it). Read only by `env.ts`.
 */

// `.env` files often carry `FOO=` for "unset": treat blank strings as absent.
const blankAsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsAbsent, schema.optional());

const optionalText = optional(z.string());

const httpUrl = z
  .string()
  .url("must be an absolute URL such as https://example.com")
  .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
  .transform((v) => v.replace(/\/+$/, ""));
const optionalUrl = optional(httpUrl);

/**
 * A server's URL (Redis, SMTP) for a client that parses it as a WHATWG URL. A password with "/",
 * "#" or "%" left unencoded breaks it, and the client's own error (at start, or at the first
 * mail) would print the whole URL, password included: refused here, by name, without the value.
 * DATABASE_URL takes only the "@" rule below: pg reads forms a WHATWG URL does not (a Unix
 * socket as `@/db?host=/path`), and its start errors are reported with the password masked.
 */
const serverUrl = (scheme: RegExp, schemes: string) =>
  optional(
    z
      .string()
      .regex(scheme, `must start with ${schemes}`)
      .refine((v) => !scheme.test(v) || parsesAsServerUrl(v), NOT_ENCODED),
  );

const NOT_ENCODED =
  "is not a valid URL: percent-encode special characters in the user name and password (e.g. @ as %40, / as %2F, # as %23, % as %25)";

/**
 * An "@" past the host ("user:p@ss/w0rd@db.example.com") is a password's own "@" and "/" left
 * unencoded: the URL then parses, with "ss" as its host and the rest of the password as its
 * path, which a connection error would print. No server URL has an "@" there.
 */
function hasAtPastHost(value: string): boolean {
  return /^[a-z]+:\/\/[^/?#]*[/?#].*@/i.test(value);
}

function parsesAsServerUrl(value: string): boolean {
  if (hasAtPastHost(value)) return false;
  try {
    const url = new URL(value);
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    return url.hostname !== "";
  } catch {
    return false;
  }
}

const booleanFlag = optional(z.enum(["true", "false", "1", "0"])).transform(
  (v) => v === "true" || v === "1",
);

const wholeNumber = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number${what}` })
    .int(`must be a whole number${what}`)
    .min(min, `must be ${min} or more`)
    .max(max, `must be at most ${max}`);

// A fraction from 0 (never) to 1 (always).
const share = z.preprocess(
  blankAsAbsent,
  z.coerce
    .number({ error: "must be a number from 0 to 1" })
    .min(0, "must be 0 or more")
    .max(1, "must be at most 1")
    .default(0),
);

/** A whole number in [min, max], `fallback` when unset or blank. */
const wholeNumberOr = (fallback: number, what: string, min: number, max: number) =>
  z.preprocess(blankAsAbsent, wholeNumber(what, min, max).default(fallback));

/** A comma-separated variable's entries, trimmed, blanks dropped; none when unset. */
const commaList = optional(z.string()).transform((v) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * Secrets, comma-separated, each without the quotes a host's settings page keeps when it was
 * pasted with them (a `.env` file drops them itself): a quoted webhook secret would refuse
 * every delivery as wrongly signed, with nothing to say why.
 */
const unquoted = (s: string) =>
  s
    .trim()
    .replace(/^["']+|["']+$/g, "")
    .trim();
const secretList = optional(z.string()).transform((v) =>
  (v ?? "").split(",").map(unquoted).filter(Boolean),
);
/** An id or secret pasted whole: a quoted OAuth client id would go into every authorize URL. */
const pastedText = optional(z.string()).transform((v) => (v === undefined ? v : unquoted(v)));

const originList = commaList.transform((items, ctx) => {
  const origins: string[] = [];
  for (const item of items) {
    if (item.includes("*")) {
      ctx.addIssue({
        code: "custom",
        message:
          "wildcards are not supported: list each origin, e.g. https://a.example.com,https://b.example.com",
      });
      continue;
    }
    try {
      const url = new URL(item);
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("protocol");
      origins.push(url.origin);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "each entry must be an origin such as https://example.com",
      });
    }
  }
  return origins;
});

// Address ranges of proxies in front of the app that append to X-Forwarded-For (a CDN's),
// e.g. 173.245.48.0/20,2400:cb00::/32: skipped, as private hops are, when reading it.
const cidrList = commaList.transform((ranges, ctx) => {
  for (const range of ranges)
    if (!isCidr(range))
      ctx.addIssue({
        code: "custom",
        message: "each entry must be an address range such as 173.245.48.0/20 or 2400:cb00::/32",
      });
  return ranges;
});

export const EnvSchema = z.object({
  CDP_API_KEY_ID: optionalText,
  CDP_API_KEY_SECRET: optionalText,
  CDP_API_BASE_URL: optionalUrl,
  // The CDP platform host (v2 APIs: webhook subscriptions, guest orders).
  CDP_PLATFORM_API_BASE_URL: optionalUrl,
  COINBASE_PAY_BASE_URL: optionalUrl,
  APP_URL: optionalUrl,
  // Lets a live server run under NODE_ENV=production with an http:// APP_URL: for a local
  // test of a production build (the e2e suite, the benchmark), never for a deployment.
  ALLOW_INSECURE_APP_URL: booleanFlag,
  // Set by `next dev` and `next start` to the port they listen on (Next's own pick too).
  PORT: optional(wholeNumber(" (a TCP port)", 1, 65_535)),
  ALLOWED_REDIRECT_ORIGINS: originList,
  TRUST_PROXY_HEADERS: booleanFlag,
  TRUSTED_PROXY_RANGES: cidrList,
  COINBASE_OAUTH_CLIENT_ID: pastedText,
  COINBASE_OAUTH_CLIENT_SECRET: pastedText,
  COINBASE_OAUTH_AUTHORIZE_URL: optionalUrl,
  COINBASE_OAUTH_TOKEN_URL: optionalUrl,
  COINBASE_OAUTH_REVOKE_URL: optionalUrl,
  COINBASE_API_BASE_URL: optionalUrl,
  SESSION_SECRET: optionalText,
  // Runs the Connect sandbox although a CDP key is set (never under NODE_ENV=production).
  COINBASE_OAUTH_SANDBOX: booleanFlag,
  // The webhook subscription's secret (webhook docs), or several, comma-separated, while
  // moving to a new subscription; unset in sandbox mode: generated at start.
  CDP_WEBHOOK_SECRET: secretList,
  // Days a received webhook event (its payload: wallets, user references, amounts) is kept, and
  // so recognised as a repeat; at least a week, far past Hook0's default retries (~1.5 days).
  WEBHOOK_EVENT_RETENTION_DAYS: wholeNumberOr(30, " of days", 7, 3650),
  UPSTREAM_TIMEOUT_MS: wholeNumberOr(10_000, " of milliseconds", 100, 60_000),
  RATE_LIMIT_PER_MINUTE: wholeNumberOr(10, " (0 turns the limit off)", 0, 100_000),
  RATE_LIMIT_GLOBAL_PER_MINUTE: wholeNumberOr(600, " (0 turns the ceiling off)", 0, 1_000_000),
  RATE_LIMIT_LOOKUPS_PER_MINUTE: wholeNumberOr(60, " (0 turns the limit off)", 0, 100_000),
  // How often the ledger asks Coinbase about a user's transactions, as a fallback for missed
  // webhooks; 0 turns the fallback off.
  LEDGER_SYNC_SECONDS: wholeNumberOr(5, " of seconds (0 turns the fallback off)", 0, 3600),
  ALLOWED_ORIGINS: originList,
  REDIS_URL: serverUrl(/^rediss?:\/\//, "redis:// or rediss://"),
  // Postgres server for users and the ledger; unset: the embedded database under PGLITE_DIR.
  DATABASE_URL: optional(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .refine((v) => !hasAtPastHost(v), NOT_ENCODED),
  ),
  PGLITE_DIR: optional(z.string()),
  // Outgoing mail (sign-in codes); unset in sandbox mode: the sandbox inbox.
  SMTP_URL: serverUrl(/^smtps?:\/\//, "smtp:// or smtps://"),
  MAIL_FROM: optional(z.string().email("must be an email address")),
  // Partner servers' keys for the HTTP API, comma-separated.
  API_KEYS: secretList.transform((keys, ctx) => {
    if (keys.some((k) => k.length < 32))
      ctx.addIssue({
        code: "custom",
        message: "each key must be at least 32 characters (e.g. `openssl rand -base64 32`)",
      });
    return keys;
  }),
  // Apple Pay's domain-association file for guest checkout (its contents, from Coinbase),
  // served at /.well-known/apple-developer-merchantid-domain-association when set.
  APPLE_PAY_DOMAIN_ASSOCIATION: optionalText,
  // Sandbox only: the share of webhook events it delivers twice, or late (after the next one),
  // or never (1: a deployment without webhooks, the ledger on Coinbase's status API alone).
  SANDBOX_WEBHOOK_DUPLICATE_SHARE: share,
  SANDBOX_WEBHOOK_REORDER_SHARE: share,
  SANDBOX_WEBHOOK_LOSS_SHARE: share,
  // Sandbox only: the longest an event held back (…_REORDER_SHARE) waits for the next one.
  SANDBOX_WEBHOOK_HOLD_SECONDS: wholeNumberOr(10, " of seconds", 1, 3600),
  // Sandbox only: how long a paid guest order whose total ends in .41 or .42 stays in progress.
  SANDBOX_SLOW_SETTLE_SECONDS: wholeNumberOr(20, " of seconds", 1, 3600),
  // Sandbox only: lets tests make sandbox access tokens expire sooner than Coinbase's hour.
  SANDBOX_ACCESS_TOKEN_TTL_SECONDS: optional(
    z.coerce.number().int("must be a whole number of seconds").min(1).max(3600),
  ),
  // Sandbox only: how long a confirmed sale waits for the user's crypto before it expires.
  SANDBOX_SALE_DEADLINE_SECONDS: optional(
    z.coerce.number().int("must be a whole number of seconds").min(1).max(86_400),
  ),
});
