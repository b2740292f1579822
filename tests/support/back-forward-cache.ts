import { chromium, test, type Browser, type Page } from "@playwright/test";
import { FULL_BROWSER } from "./browsers";

/**
 * Runs `run` with a browser of its own that keeps pages in the back/forward cache, as a real
 * browser does (Playwright turns the cache off by default; the headless shell most tests run in
 * has none), and closes it after.
 */
export async function withBackForwardCache(run: (browser: Browser) => Promise<void>) {
  const launchOptions = test.info().project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launchOptions,
    ...FULL_BROWSER,
    ignoreDefaultArgs: ["--disable-back-forward-cache"],
  });
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
}

/**
 * How many of `page`'s requests are under way, counted from now: a page left with one in
 * flight is not kept in the back/forward cache, so a test waits for none before leaving it.
 */
export function requestsInFlight(page: Page): () => number {
  let inFlight = 0;
  page.on("request", () => inFlight++);
  page.on("requestfinished", () => inFlight--);
  page.on("requestfailed", () => inFlight--);
  return () => inFlight;
}
