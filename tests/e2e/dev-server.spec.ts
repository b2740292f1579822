import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { databaseDir, PORTS } from "../support/e2e-servers";
import { startOwnServer } from "../support/own-server";
import { signInInBrowser } from "../support/sign-in";
import { expectHydrated } from "../support/slow-scripts";
import { EVM_ADDRESS, RampFormPage } from "./ramp-page";

/**
 * The README's first command, `npm run dev`: a newcomer's first buy, through `next dev` with
 * no configuration. Every other browser test runs the production build; this one is here for
 * what only development does, such as React running each effect twice on mount (Strict
 * Mode), which once made the form forget what was typed across a reload and a sign-in.
 * Its own project runs it after the others: compiling on demand takes the machine's CPU.
 */
const PORT = PORTS.dev;
const DB_DIR = databaseDir(PORT);
/** What next dev tells a page when code changed: apply an update, or reload. */
const UPDATES = ["turbopack-message", "serverComponentChanges", "reloadPage"];

test.describe.configure({ timeout: 240_000 });
test.use({ baseURL: `http://localhost:${PORT}` });

let stopApp: (() => Promise<void>) | undefined;
test.afterAll(async () => {
  await stopApp?.();
});

test("npm run dev: a first buy, the form kept across a reload and signing in, to Success", async ({
  page,
}) => {
  rmSync(DB_DIR, { recursive: true, force: true });
  rmSync(`${DB_DIR}.lock`, { force: true });
  // Nothing set, as on a fresh clone: the app finds its sandbox on the port it listens on.
  ({ stop: stopApp } = await startOwnServer(PORT, { APP_URL: "", PGLITE_DIR: DB_DIR }, "dev"));
  // Pages compile on their first visit: far slower than a production build answers.
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(90_000);

  // next dev's updates are kept from the page: now and then (after a `next build` in the
  // same folder) they reloaded it over and over, taking what was being typed with it. Updates
  // on edit are Next.js's to test; the app's pages in development (React running effects
  // twice) are this test's. The rest of the channel, which the page needs to start, passes.
  await page.context().routeWebSocket(/\/_next\/hmr/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const type = /^\{"type":"([\w-]+)"/.exec(String(message))?.[1];
      if (!type || !UPDATES.includes(type)) ws.send(message);
    });
  });
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await expectHydrated(form.signInToContinue);
  await form.fill("USD Coin (USDC)", "Base", "42");
  await page.reload();
  await expectHydrated(form.signInToContinue);
  await expect(form.amountField).toHaveValue("42");
  await expect(form.address).toHaveValue(EVM_ADDRESS);

  await form.signInToContinue.click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fbuy$/);
  await signInInBrowser(page);
  await expect(page).toHaveURL(/\/buy$/);
  await expectHydrated(form.submit);
  await expect(form.amountField).toHaveValue("42");
  await expect(page.getByLabel("Network")).toHaveValue("base");
  await expect(form.address).toHaveValue(EVM_ADDRESS);

  await form.submit.click();
  await form.finishOnSandboxPayPage();
  await expect(page.getByRole("heading", { level: 1, name: "Purchase complete" })).toBeVisible();
});
