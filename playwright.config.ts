import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests drive a real browser through the built app (`next build` runs first,
 * see `npm run test:e2e`), started here with `next start` in sandbox mode.
 *
 * Browser: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium when present (CI and
 * machines where Playwright cannot download browsers), else Playwright's own.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const APP_URL = `http://localhost:${PORT}`;
// A second instance whose sandbox access tokens die after 4 s, for the refresh test.
export const SHORT_TOKEN_APP_URL = `http://localhost:${PORT + 1}`;
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const executablePath = process.env.CHROMIUM_PATH || systemChromium;

export default defineConfig({
  testDir: "./tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
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
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: `npx next start -p ${PORT}`,
      url: `${APP_URL}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      // Sandbox mode: no keys. APP_URL must match the port so the sandbox URLs resolve.
      env: { APP_URL, NODE_ENV: "production" },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `npx next start -p ${PORT + 1}`,
      url: `${SHORT_TOKEN_APP_URL}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { APP_URL: SHORT_TOKEN_APP_URL, NODE_ENV: "production", SANDBOX_ACCESS_TOKEN_TTL_SECONDS: "4" },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
