import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EnvSchema } from "../../lib/config/env-schema";

/**
 * The servers of the e2e run and how they are configured. Every port derives from
 * E2E_PORT, so two runs on one machine do not collide (E2E_PORT=3600 uses 3600-3609 and 3699).
 */
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100);

export const PORTS = {
  /** Sandbox mode: no keys. */
  sandbox: BASE_PORT,
  /** Sandbox mode with access tokens that expire after 4 s. */
  shortToken: BASE_PORT + 1,
  /** Live mode (test-only secrets) against the fault upstream. */
  live: BASE_PORT + 2,
  /** Sandbox mode with REDIS_URL, started by redis-outage.spec.ts itself around a Redis it stops. */
  redisOutage: BASE_PORT + 3,
  /** Sandbox mode with DATABASE_URL, started by database-outage.spec.ts around a Postgres it stops. */
  databaseOutage: BASE_PORT + 4,
  /** tests/support/smtp-sink.mjs: the live server's SMTP server, which keeps what it receives. */
  smtpSink: BASE_PORT + 5,
  /** Sandbox mode, ledger on webhooks alone (no Coinbase fallback), started by webhooks.spec.ts. */
  webhooksOnly: BASE_PORT + 6,
  /** Sandbox mode, started and restarted by guest-aged-verification.spec.ts (its own database). */
  guestAged: BASE_PORT + 7,
  /** `next dev`, as the README's first command runs the app, started by dev-server.spec.ts. */
  dev: BASE_PORT + 8,
  /** Sandbox mode whose sandbox sends no webhooks, started by account-catch-up.spec.ts. */
  noWebhooks: BASE_PORT + 9,
  /** Sandbox mode mailing sign-in codes to the SMTP sink, started by sandbox-inbox-smtp.spec.ts. */
  inboxWithSmtp: BASE_PORT + 10,
  /** Started in sandbox mode, then live, on one database, by database-mode.spec.ts. */
  databaseMode: BASE_PORT + 11,
  /** tests/support/fault-upstream.mjs: stands in for every Coinbase host of the live server. */
  faultUpstream: BASE_PORT + 99,
} as const;

/**
 * `next`'s arguments in `npm start` (package.json), so that the test servers run as a
 * deployment does: `["start", "--keepAliveTimeout", "65000"]`.
 */
export const NPM_START_ARGS: string[] = JSON.parse(readFileSync("package.json", "utf8"))
  .scripts.start.split(/\s+/)
  .slice(1);

export const SANDBOX_URL = `http://localhost:${PORTS.sandbox}`;
export const SHORT_TOKEN_URL = `http://localhost:${PORTS.shortToken}`;
export const LIVE_URL = `http://localhost:${PORTS.live}`;
export const FAULT_UPSTREAM_URL = `http://127.0.0.1:${PORTS.faultUpstream}`;
/** Where the fault upstream writes the address of its control API (a system-chosen port). */
export const FAULT_CONTROL_FILE = path.join(tmpdir(), `fault-upstream-${PORTS.faultUpstream}.json`);

/**
 * The specs that drive the live server: its one fault upstream, its SMTP sink and its tight
 * rate limits are shared by all of them, so they run one file at a time, in name order (the
 * production-order suite visits the pages first). Every other spec runs beside them: each
 * signs in users of its own from a client IP of its own, and the specs that start a server
 * give it a port of its own. A spec that uses the live server belongs here
 * (tests/unit/e2e-projects.test.ts checks).
 */
export const LIVE_SPEC_NAMES = [
  "abuse",
  "bad-input",
  "error-contract-production-order",
  "lookup-metering",
  "minting-callers",
  "secret-hygiene",
  "sign-in",
  "sign-in-codes",
  "upstream-faults",
];

/** The live server's deadline for one upstream call (retry included) and its rate limits. */
export const LIVE_UPSTREAM_TIMEOUT_MS = 1_500;
export const LIVE_RATE_LIMIT_PER_MINUTE = 3;
export const LIVE_LOOKUP_LIMIT_PER_MINUTE = 5;

/** Each server's stdout and stderr, for the tests that read the logs. */
/**
 * A partner's site, listed in the sandbox servers' ALLOWED_ORIGINS; its page is made up by the
 * test (no server listens there). On loopback, as the app is: Chromium lets no page on a more
 * public address, nor one not served over https, call one on loopback.
 */
export const PARTNER_PAGE_ORIGIN = "http://127.0.0.1:3799";

/**
 * Where a partner's server sends its users back from Coinbase (its own page: a ramp started
 * with an API key must name one), listed in the e2e servers' ALLOWED_REDIRECT_ORIGINS.
 */
export const PARTNER_RETURN_ORIGIN = "https://partner.example";

export const LOG_DIR = "test-results";
export function serverLogPath(port: number): string {
  return path.join(__dirname, "..", "..", LOG_DIR, `server-${port}.log`);
}

/** Where the SMTP sink appends each message it receives, as one JSON line. */
export const SMTP_SINK_FILE = path.join(
  __dirname,
  "..",
  "..",
  LOG_DIR,
  `smtp-${PORTS.smtpSink}.jsonl`,
);

/**
 * Each server's own embedded database (PGlite allows one process per folder), relative to
 * the repository; emptied before the server starts, so every run begins with no users.
 */
export function databaseDir(port: number): string {
  return path.join(LOG_DIR, `db-${port}`);
}

/**
 * Every variable the app reads, blank (the app reads a blank as unset): a test server starts
 * from nothing of the shell's nor of the developer's .env.local (their DATABASE_URL, REDIS_URL
 * or keys; Next.js does not override a variable already set), and sets what it needs on top.
 */
export const BLANK_APP_ENV: Record<string, string> = Object.fromEntries(
  Object.keys(EnvSchema.shape).map((name) => [name, ""]),
);
