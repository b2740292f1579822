import { defineConfig, devices } from "@playwright/test";
import { DEFAULT_BROWSER } from "./tests/support/browsers";
import {
  BLANK_APP_ENV,
  FAULT_CONTROL_FILE,
  FAULT_UPSTREAM_URL,
  LIVE_LOOKUP_LIMIT_PER_MINUTE,
  LIVE_RATE_LIMIT_PER_MINUTE,
  LIVE_SPEC_NAMES,
  LIVE_UPSTREAM_TIMEOUT_MS,
  LIVE_URL,
  LOG_DIR,
  NPM_START_ARGS,
  PARTNER_PAGE_ORIGIN,
  PARTNER_RETURN_ORIGIN,
  PORTS,
  SANDBOX_URL,
  SHORT_TOKEN_URL,
  SMTP_SINK_FILE,
  databaseDir,
} from "./tests/support/e2e-servers";
import { TEST_SECRETS } from "./tests/support/test-secrets";

/**
 * End-to-end tests drive a real browser through the built app (`next build` runs first,
 * with test-only secrets in its environment: see `npm run test:e2e`), started here with
 * `next start` once per mode. One build serves all: the app reads its env at run time.
 *
 * Browser: CHROMIUM_PATH if set, else Debian's Chromium when present (CI and machines where
 * Playwright cannot download browsers), else Playwright's own: tests/support/browsers.ts.
 */
// A second instance whose sandbox access tokens die after 4 s, for the refresh test.
export const SHORT_TOKEN_APP_URL = SHORT_TOKEN_URL;

// Every server starts from a blank environment (nextServer), so sandbox servers stay sandboxed
// even if the shell running the tests exports real keys. Every browser test reaches them from the
// same loopback address, so their rate limits (mints, look-ups) are set out of the way; the
// limits themselves are tested on the live server, where each test picks its client IP. The
// ceiling for all clients together is off on every server (the fuzz tests mint thousands a
// minute from made-up addresses); unit tests cover it.
const sandboxEnv = {
  RATE_LIMIT_PER_MINUTE: "1000",
  RATE_LIMIT_LOOKUPS_PER_MINUTE: "1000",
  RATE_LIMIT_GLOBAL_PER_MINUTE: "0",
  // A partner's page on another origin may call the API from a browser (allowed-origins.spec.ts).
  ALLOWED_ORIGINS: PARTNER_PAGE_ORIGIN,
  ALLOWED_REDIRECT_ORIGINS: PARTNER_RETURN_ORIGIN,
  // The sandbox's webhooks come twice, or late, now and then: the receiver must not mind.
  SANDBOX_WEBHOOK_DUPLICATE_SHARE: "0.3",
  SANDBOX_WEBHOOK_REORDER_SHARE: "0.3",
  // Held no longer than 4 s, still past the 3 s a paid order takes to complete: its "in progress"
  // may yet come after its success.
  SANDBOX_WEBHOOK_HOLD_SECONDS: "4",
  // A slow guest order (total ending in .41 or .42) stays in progress 8 s, not 20: long enough
  // for a test to reload and see it paid before it completes or fails.
  SANDBOX_SLOW_SETTLE_SECONDS: "8",
};

/**
 * `npm start`'s `next start` on a blank environment (BLANK_APP_ENV) with stdout and stderr in test-results/server-<port>.log, which
 * tests read, and its own embedded database, emptied first (one process per PGlite folder; no
 * users left over from an earlier run).
 */
function nextServer(port: number, env: Record<string, string>) {
  const db = databaseDir(port);
  return {
    command: `mkdir -p ${LOG_DIR} && rm -rf ${db} ${db}.lock && exec node_modules/.bin/next ${NPM_START_ARGS.join(" ")} -p ${port} > ${LOG_DIR}/server-${port}.log 2>&1`,
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      ...BLANK_APP_ENV,
      NODE_ENV: "production",
      APP_URL: `http://localhost:${port}`,
      PGLITE_DIR: db,
      SMTP_URL: "",
      ...env,
    },
  };
}

// The specs that drive the live server run one file at a time (LIVE_SPEC_NAMES says why);
// every other spec runs beside them.
const LIVE_SPECS = LIVE_SPEC_NAMES.map((name) => `**/${name}.spec.ts`);
const DEV_SPEC = "**/dev-server.spec.ts";
const browser = devices["Desktop Chrome"];

export default defineConfig({
  testDir: "./tests/e2e",
  // Tests of one file run in order, one file per worker: most tests wait on pages and the
  // sandbox's clocks, not on the CPU, so two workers fit two cores.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // In CI a failed test runs once more: across CI runs, Chromium has now and then stalled a page
  // (no frame for 30 s, a page closed under its test) in a different test each time. A broken
  // feature fails both runs; a passing retry is listed as flaky. Locally, a failure is final.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: SANDBOX_URL,
    // Recording a trace of every test costs a tenth of the run's CPU; to see one, rerun the
    // failing test with `--trace retain-on-failure`.
    trace: "off",
    launchOptions: {
      ...DEFAULT_BROWSER,
      // Flags for running as root in a closed network (no sandbox, no background calls home).
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // A free worker takes the first file in this order that it may run: one runs the live specs,
  // one at a time; the other `next dev` (its waits allow for compiling beside them), then both
  // the sandbox specs. Run after all the others, dev kept one worker idle for minutes.
  projects: [
    { name: "live", testMatch: LIVE_SPECS, workers: 1, use: browser },
    { name: "dev", testMatch: DEV_SPEC, use: browser, expect: { timeout: 60_000 } },
    { name: "sandbox", testIgnore: [...LIVE_SPECS, DEV_SPEC], use: browser },
  ],
  // Started in this order, each once its URL answers: the fault upstream and the SMTP sink
  // are up before the live server that calls them.
  webServer: [
    {
      command: `mkdir -p ${LOG_DIR} && exec node tests/support/fault-upstream.mjs ${PORTS.faultUpstream} ${FAULT_CONTROL_FILE} > ${LOG_DIR}/fault-upstream.log 2>&1`,
      url: `${FAULT_UPSTREAM_URL}/__health`,
      reuseExistingServer: false,
      timeout: 10_000,
    },
    {
      command: `mkdir -p ${LOG_DIR} && exec node tests/support/smtp-sink.mjs ${PORTS.smtpSink} ${SMTP_SINK_FILE} > ${LOG_DIR}/smtp-sink.log 2>&1`,
      port: PORTS.smtpSink,
      reuseExistingServer: false,
      timeout: 10_000,
    },
    // Sandbox mode: no keys, no SMTP_URL (sign-in codes land in /sandbox/inbox). APP_URL
    // matches the port so the sandbox URLs resolve.
    nextServer(PORTS.sandbox, sandboxEnv),
    // APP_URL blank, as `npm run dev` on another port: the app must find its sandbox on the
    // port it listens on (the Connect tests on this server fail otherwise).
    nextServer(PORTS.shortToken, {
      ...sandboxEnv,
      APP_URL: "",
      SANDBOX_ACCESS_TOKEN_TTL_SECONDS: "4",
    }),
    // Live mode for ramps and Connect, every Coinbase host being the fault upstream, sign-in
    // codes mailed to the SMTP sink, and a partner-server key (API_KEYS, in TEST_SECRETS). A
    // production build on http://localhost: the app refuses that unless told it is a test.
    nextServer(PORTS.live, {
      ...TEST_SECRETS,
      SMTP_URL: `smtp://127.0.0.1:${PORTS.smtpSink}`,
      ALLOW_INSECURE_APP_URL: "true",
      CDP_API_BASE_URL: FAULT_UPSTREAM_URL,
      CDP_PLATFORM_API_BASE_URL: `${FAULT_UPSTREAM_URL}/platform`,
      COINBASE_PAY_BASE_URL: "https://pay.example.test",
      COINBASE_OAUTH_AUTHORIZE_URL: `${FAULT_UPSTREAM_URL}/oauth2/auth`,
      COINBASE_OAUTH_TOKEN_URL: `${FAULT_UPSTREAM_URL}/oauth2/token`,
      COINBASE_OAUTH_REVOKE_URL: `${FAULT_UPSTREAM_URL}/oauth2/revoke`,
      COINBASE_API_BASE_URL: FAULT_UPSTREAM_URL,
      UPSTREAM_TIMEOUT_MS: String(LIVE_UPSTREAM_TIMEOUT_MS),
      TRUST_PROXY_HEADERS: "true",
      RATE_LIMIT_PER_MINUTE: String(LIVE_RATE_LIMIT_PER_MINUTE),
      RATE_LIMIT_LOOKUPS_PER_MINUTE: String(LIVE_LOOKUP_LIMIT_PER_MINUTE),
      RATE_LIMIT_GLOBAL_PER_MINUTE: "0",
      ALLOWED_REDIRECT_ORIGINS: PARTNER_RETURN_ORIGIN,
      APP_URL: LIVE_URL,
    }),
  ],
});
