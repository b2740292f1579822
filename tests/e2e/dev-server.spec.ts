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
 * Its own project runs it from the start, beside the live specs (playwright.config.ts).
 */
const PORT = PORTS.dev;
const DB_DIR = databaseDir(PORT);
/** Pages a newcomer opens first: compiled by one run of next dev, for the next run to find. */
const FIRST_PAGES = ["/", "/sign-in", "/sell", "/connect", "/sandbox/inbox", "/account", "/buy"];

test.describe.configure({ timeout: 240_000 });
test.use({ baseURL: `http://localhost:${PORT}` });

let stopApp: (() => Promise<void>) | undefined;
test.afterAll(async () => {
  await stopApp?.();
});

test("npm run dev started again after a first run: /buy loads once and keeps what is typed", async ({
  page,
}) => {
  test.slow(); // two starts of next dev, each compiling the pages it serves
  rmSync(DB_DIR, { recursive: true, force: true });
  rmSync(`${DB_DIR}.lock`, { force: true });
  page.setDefaultNavigationTimeout(90_000);
  const first = await startOwnServer(PORT, { APP_URL: "", PGLITE_DIR: DB_DIR }, "dev");
  try {
    for (const path of FIRST_PAGES) {
      await page.goto(path);
      await expectHydrated(page.getByRole("heading", { level: 1 }));
    }
    // Left open a while, as people do: next dev, idle, writes its cache to disk.
    await page.waitForTimeout(10_000);
  } finally {
    await first.stop();
  }

  ({ stop: stopApp } = await startOwnServer(PORT, { APP_URL: "", PGLITE_DIR: DB_DIR }, "dev"));
  let loads = 0;
  page.on("load", () => loads++);
  const reloadsAsked: string[] = [];
  page.on("websocket", (ws) =>
    ws.on("framereceived", ({ payload }) => {
      if (String(payload).includes('"reloadPage"')) reloadsAsked.push(String(payload));
    }),
  );
  await page.goto("/buy");
  const form = new RampFormPage(page, "buy");
  await expectHydrated(form.signInToContinue);
  await form.amountField.fill("42");
  // A page that reloads over and over does so within a second or two of starting.
  await page.waitForTimeout(5_000);
  expect(reloadsAsked).toEqual([]);
  expect(loads).toBe(1);
  await expect(form.amountField).toHaveValue("42");
  await stopApp();
  stopApp = undefined;
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
